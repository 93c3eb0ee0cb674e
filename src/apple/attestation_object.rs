//! The App Attest attestation object, Apple "Validating apps that connect to your server",
//! section "Verify the attestation".
//!
//! ```text
//! attestationObject = {
//!     "fmt":      "apple-appattest",
//!     "attStmt":  { "x5c": [ credCert: bytes, intermediate: bytes ], "receipt": bytes },
//!     "authData": bytes,
//! }
//! ```
//!
//! Exactly these keys: a missing, repeated or additional key is an error. Decoding judges
//! nothing beyond the schema; [`crate::apple::Verifier`] proves the contents.

use serde::de::MapAccess;
use serde::{Deserialize, Deserializer};

use crate::apple::cbor::{self, Bytes, BytesList, Key, MapFields, MapState, Problem, Schema};
use crate::encoding::decode_binary_or_base64;
use crate::error::Error;

/// The only attestation statement format App Attest produces.
pub const FORMAT: &str = "apple-appattest";

const OBJECT: &str = "attestation object";
const STATEMENT: &str = "attStmt";

/// A decoded attestation object: the certificates, the receipt and the authenticator data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttestationObject {
    /// `attStmt.x5c`: DER certificates, the credential certificate first, then the
    /// intermediate (App Attestation CA 1).
    pub x5c: Vec<Vec<u8>>,
    /// `attStmt.receipt`: the App Attest receipt (PKCS #7, BER), returned undecoded.
    pub receipt: Vec<u8>,
    /// `authData`: the raw authenticator data, decoded by
    /// [`crate::apple::AuthenticatorData::parse`].
    pub auth_data: Vec<u8>,
}

impl AttestationObject {
    /// Decodes an attestation object from its CBOR bytes.
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLarge`], the `Cbor*` variants for encoding and schema problems, and
    /// [`Error::UnsupportedAttestationFormat`] when `fmt` is not `apple-appattest`.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        cbor::decode_exact::<RawObject>(bytes, OBJECT)
    }

    /// Decodes an attestation object that arrives either as raw CBOR or as base64 text
    /// (standard or URL-safe), as apps usually send it.
    ///
    /// # Errors
    ///
    /// As [`AttestationObject::parse`], plus the input decoding errors.
    pub fn decode(input: &[u8]) -> Result<Self, Error> {
        Self::parse(&decode_binary_or_base64(input, is_cbor_map_start)?)
    }
}

/// True when `byte` starts a CBOR map (major type 5); no base64 character does.
pub(crate) fn is_cbor_map_start(byte: u8) -> bool {
    byte & 0xe0 == 0xa0
}

/// The attestation object as read, before its schema is checked.
#[derive(Debug, Default)]
struct RawObject {
    fmt: Option<String>,
    att_stmt: Option<RawStatement>,
    auth_data: Option<Bytes>,
    problem: Option<Problem>,
}

/// `attStmt` as read, before its schema is checked.
#[derive(Debug, Default)]
struct RawStatement {
    x5c: Option<BytesList>,
    receipt: Option<Bytes>,
    problem: Option<Problem>,
}

impl MapFields for RawObject {
    const EXPECTING: &'static str = "an attestation object map";

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &Key,
        map: &mut A,
        state: &mut MapState,
    ) -> Result<bool, A::Error> {
        match key {
            Key::Text(k) if k == "fmt" => state.take(map, &mut self.fmt, "fmt")?,
            Key::Text(k) if k == "attStmt" => state.take(map, &mut self.att_stmt, "attStmt")?,
            Key::Text(k) if k == "authData" => state.take(map, &mut self.auth_data, "authData")?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn set_problem(&mut self, problem: Option<Problem>) {
        self.problem = problem;
    }
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        cbor::deserialize_fields(deserializer)
    }
}

impl MapFields for RawStatement {
    const EXPECTING: &'static str = "an attStmt map";

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &Key,
        map: &mut A,
        state: &mut MapState,
    ) -> Result<bool, A::Error> {
        match key {
            Key::Text(k) if k == "x5c" => state.take(map, &mut self.x5c, "x5c")?,
            Key::Text(k) if k == "receipt" => state.take(map, &mut self.receipt, "receipt")?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn set_problem(&mut self, problem: Option<Problem>) {
        self.problem = problem;
    }
}

impl<'de> Deserialize<'de> for RawStatement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        cbor::deserialize_fields(deserializer)
    }
}

impl Schema for RawObject {
    type Output = AttestationObject;

    fn finish(self) -> Result<AttestationObject, Error> {
        if let Some(problem) = self.problem {
            return Err(problem.into_error(OBJECT));
        }
        let missing = |field| Error::CborMissingField {
            object: OBJECT,
            field,
        };
        let fmt = self.fmt.ok_or(missing("fmt"))?;
        let statement = self.att_stmt.ok_or(missing("attStmt"))?;
        let Bytes(auth_data) = self.auth_data.ok_or(missing("authData"))?;
        // The statement's schema depends on the format, so the format is checked first.
        if fmt != FORMAT {
            return Err(Error::UnsupportedAttestationFormat);
        }

        if let Some(problem) = statement.problem {
            return Err(problem.into_error(STATEMENT));
        }
        let missing = |field| Error::CborMissingField {
            object: STATEMENT,
            field,
        };
        let x5c = statement.x5c.ok_or(missing("x5c"))?;
        if x5c.too_many {
            return Err(Problem::TooManyItems.into_error(STATEMENT));
        }
        let Bytes(receipt) = statement.receipt.ok_or(missing("receipt"))?;
        Ok(AttestationObject {
            x5c: x5c.items,
            receipt,
            auth_data,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// {"fmt": fmt, "attStmt": {"x5c": [h'30'], "receipt": h''}, "authData": h'00'}
    fn object(fmt: &str) -> Vec<u8> {
        let mut out = vec![0xa3, 0x63];
        out.extend(b"fmt");
        out.push(0x60 | u8::try_from(fmt.len()).unwrap());
        out.extend(fmt.as_bytes());
        out.push(0x67);
        out.extend(b"attStmt");
        out.extend([0xa2, 0x63]);
        out.extend(b"x5c");
        out.extend([0x81, 0x41, 0x30, 0x67]);
        out.extend(b"receipt");
        out.push(0x40);
        out.push(0x68);
        out.extend(b"authData");
        out.extend([0x41, 0x00]);
        out
    }

    #[test]
    fn minimal_object_decodes() {
        let parsed = AttestationObject::parse(&object(FORMAT)).unwrap();
        assert_eq!(parsed.x5c, vec![vec![0x30]]);
        assert!(parsed.receipt.is_empty());
        assert_eq!(parsed.auth_data, [0]);
    }

    #[test]
    fn other_format_is_refused() {
        assert_eq!(
            AttestationObject::parse(&object("packed")),
            Err(Error::UnsupportedAttestationFormat)
        );
    }

    #[test]
    fn base64_is_accepted() {
        use base64::Engine;
        let text = base64::engine::general_purpose::STANDARD.encode(object(FORMAT));
        assert_eq!(
            AttestationObject::decode(text.as_bytes()).unwrap(),
            AttestationObject::parse(&object(FORMAT)).unwrap()
        );
    }
}
