//! The App Attest assertion object, Apple "Validating apps that connect to your server",
//! section "Verify the assertion".
//!
//! ```text
//! assertion = {
//!     "signature":         bytes,   ECDSA P-256 signature, DER (RFC 3279 section 2.2.3)
//!     "authenticatorData": bytes,   37 bytes, plus an extensions map from iOS 27
//! }
//! ```
//!
//! Exactly these keys: a missing, repeated or additional key is an error.

use serde::de::MapAccess;
use serde::{Deserialize, Deserializer};

use crate::apple::attestation_object::is_cbor_map_start;
use crate::apple::cbor::{self, Bytes, Key, MapFields, MapState, Problem, Schema};
use crate::encoding::decode_binary_or_base64;
use crate::error::Error;

const OBJECT: &str = "assertion";

/// A decoded assertion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assertion {
    /// The DER ECDSA signature.
    pub signature: Vec<u8>,
    /// The raw authenticator data, decoded by
    /// [`crate::apple::AuthenticatorData::parse_assertion`].
    pub authenticator_data: Vec<u8>,
}

impl Assertion {
    /// Decodes an assertion from its CBOR bytes.
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLarge`] and the `Cbor*` variants.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        cbor::decode_exact::<RawAssertion>(bytes, OBJECT)
    }

    /// Decodes an assertion that arrives either as raw CBOR or as base64 text.
    ///
    /// # Errors
    ///
    /// As [`Assertion::parse`], plus the input decoding errors.
    pub fn decode(input: &[u8]) -> Result<Self, Error> {
        Self::parse(&decode_binary_or_base64(input, is_cbor_map_start)?)
    }
}

#[derive(Debug, Default)]
struct RawAssertion {
    signature: Option<Bytes>,
    authenticator_data: Option<Bytes>,
    problem: Option<Problem>,
}

impl MapFields for RawAssertion {
    const EXPECTING: &'static str = "an assertion map";

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &Key,
        map: &mut A,
        state: &mut MapState,
    ) -> Result<bool, A::Error> {
        match key {
            Key::Text(k) if k == "signature" => {
                state.take(map, &mut self.signature, "signature")?;
            }
            Key::Text(k) if k == "authenticatorData" => {
                state.take(map, &mut self.authenticator_data, "authenticatorData")?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn set_problem(&mut self, problem: Option<Problem>) {
        self.problem = problem;
    }
}

impl<'de> Deserialize<'de> for RawAssertion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        cbor::deserialize_fields(deserializer)
    }
}

impl Schema for RawAssertion {
    type Output = Assertion;

    fn finish(self) -> Result<Assertion, Error> {
        if let Some(problem) = self.problem {
            return Err(problem.into_error(OBJECT));
        }
        let missing = |field| Error::CborMissingField {
            object: OBJECT,
            field,
        };
        let Bytes(signature) = self.signature.ok_or(missing("signature"))?;
        let Bytes(authenticator_data) = self
            .authenticator_data
            .ok_or(missing("authenticatorData"))?;
        Ok(Assertion {
            signature,
            authenticator_data,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_exact() {
        // {"signature": h'01', "authenticatorData": h'02'}
        let mut ok = vec![0xa2, 0x69];
        ok.extend(b"signature");
        ok.extend([0x41, 0x01, 0x71]);
        ok.extend(b"authenticatorData");
        ok.extend([0x41, 0x02]);
        let parsed = Assertion::parse(&ok).unwrap();
        assert_eq!(parsed.signature, [1]);
        assert_eq!(parsed.authenticator_data, [2]);

        let mut missing = vec![0xa1, 0x69];
        missing.extend(b"signature");
        missing.extend([0x41, 0x01]);
        assert_eq!(
            Assertion::parse(&missing),
            Err(Error::CborMissingField {
                object: OBJECT,
                field: "authenticatorData"
            })
        );
    }
}
