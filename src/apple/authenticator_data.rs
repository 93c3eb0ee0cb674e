//! App Attest authenticator data: the WebAuthn layout (W3C Web Authentication, section 6.1)
//! as Apple fills it, described in "Validating apps that connect to your server".
//!
//! ```text
//! rpIdHash            32 bytes   SHA-256 of the App ID
//! flags                1 byte
//! signCount            4 bytes   big-endian counter
//! attestedCredentialData         (attestation only)
//!     aaguid          16 bytes   "appattestdevelop" or "appattest" + 7 x 0x00
//!     credentialIdLength 2 bytes big-endian
//!     credentialId     L bytes   the key identifier
//!     credentialPublicKey        COSE_Key (RFC 9053 section 7.1.1), EC2 P-256
//! extensions                     CBOR map, optional
//! ```
//!
//! From iOS 27 the authenticator data ends with an extensions map
//! (`apple_bundle_version_01`, `apple_validation_category_01`) while the ED flag stays clear;
//! some captures set it. The map is therefore read whenever bytes follow the fixed fields or the
//! COSE key, whatever the flag says. Unknown extension keys are kept, not refused.
//!
//! Apple sets the AT flag in assertions too, yet assertion authenticator data carries no attested
//! credential data, so the caller says which form it holds: [`AuthenticatorData::parse`] for the
//! attestation form, [`AuthenticatorData::parse_assertion`] for the assertion form.

use core::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::apple::cbor::{self, Bytes, Key, MapFields, MapState, Problem, Schema};
use crate::error::Error;
use crate::limits::MAX_CBOR_ITEMS;

/// Flag bit: user present (UP).
pub const FLAG_USER_PRESENT: u8 = 0x01;
/// Flag bit: user verified (UV).
pub const FLAG_USER_VERIFIED: u8 = 0x04;
/// Flag bit: attested credential data included (AT).
pub const FLAG_ATTESTED_CREDENTIAL_DATA: u8 = 0x40;
/// Flag bit: extension data included (ED).
pub const FLAG_EXTENSION_DATA: u8 = 0x80;

/// iOS 27 extension key: the app's bundle version (text).
pub const EXTENSION_BUNDLE_VERSION: &str = "apple_bundle_version_01";
/// iOS 27 extension key: the validation category (bytes).
pub const EXTENSION_VALIDATION_CATEGORY: &str = "apple_validation_category_01";

const COSE_OBJECT: &str = "COSE key";
const EXTENSIONS_OBJECT: &str = "authenticator data extensions";

/// COSE key common parameter `kty` (RFC 9052 section 7.1).
const COSE_KTY: i64 = 1;
/// COSE key common parameter `alg`.
const COSE_ALG: i64 = 3;
/// EC2 key parameter `crv` (RFC 9053 section 7.1.1).
const COSE_EC2_CRV: i64 = -1;
/// EC2 key parameter `x`.
const COSE_EC2_X: i64 = -2;
/// EC2 key parameter `y`.
const COSE_EC2_Y: i64 = -3;
/// Key type EC2 (RFC 9053 section 7.1).
const COSE_KTY_EC2: i64 = 2;
/// Algorithm ES256, ECDSA with SHA-256 (RFC 9053 section 2.1).
const COSE_ALG_ES256: i64 = -7;
/// Curve P-256 (RFC 9053 section 7.1).
const COSE_CRV_P256: i64 = 1;

/// Decoded authenticator data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthenticatorData {
    /// SHA-256 of the App ID (team ID, period, bundle ID).
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub rp_id_hash: [u8; 32],
    /// The flags byte (see the `FLAG_*` constants).
    pub flags: u8,
    /// The signature counter: 0 in an attestation, then increasing with each assertion.
    pub counter: u32,
    /// Present in the attestation form.
    pub attested_credential: Option<AttestedCredentialData>,
    /// The extensions map, when bytes follow the other fields.
    pub extensions: Option<Extensions>,
}

/// The attested credential data of an attestation's authenticator data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttestedCredentialData {
    /// The AAGUID: `appattestdevelop` or `appattest` followed by seven zero bytes.
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub aaguid: [u8; 16],
    /// The credential ID, which App Attest makes the key identifier.
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub credential_id: Vec<u8>,
    /// The credential public key.
    pub public_key: CoseKey,
}

/// An EC2 P-256 ES256 COSE key (RFC 9053 section 7.1.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoseKey {
    /// The x coordinate, big-endian.
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub x: [u8; 32],
    /// The y coordinate, big-endian.
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub y: [u8; 32],
}

impl CoseKey {
    /// The uncompressed SEC1 point `04 || x || y`.
    pub fn sec1_uncompressed(&self) -> [u8; 65] {
        let mut point = [0u8; 65];
        let (tag, rest) = point.split_at_mut(1);
        let (x, y) = rest.split_at_mut(32);
        tag.copy_from_slice(&[0x04]);
        x.copy_from_slice(&self.x);
        y.copy_from_slice(&self.y);
        point
    }
}

/// The authenticator data extensions map, in the order it was encoded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Extensions {
    /// Every entry, known or not.
    pub entries: Vec<Extension>,
}

/// One extension entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extension {
    /// The extension identifier.
    pub key: String,
    /// Its value.
    pub value: ExtensionValue,
}

/// An extension value, typed as far as CBOR types it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionValue {
    /// A text string.
    Text(String),
    /// A byte string, serialised as lower-case hex.
    Bytes(#[serde(serialize_with = "crate::serde_bytes::hex")] Vec<u8>),
    /// An unsigned integer.
    Unsigned(u64),
    /// A negative integer.
    Negative(i64),
    /// A boolean.
    Bool(bool),
    /// Any other value (array, map, float, null), skipped.
    Other,
}

impl Extensions {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&ExtensionValue> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    /// `apple_bundle_version_01`, when present as text.
    pub fn bundle_version(&self) -> Option<&str> {
        match self.get(EXTENSION_BUNDLE_VERSION) {
            Some(ExtensionValue::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// `apple_validation_category_01`, when present as bytes.
    pub fn validation_category(&self) -> Option<&[u8]> {
        match self.get(EXTENSION_VALIDATION_CATEGORY) {
            Some(ExtensionValue::Bytes(b)) => Some(b),
            _ => None,
        }
    }
}

/// Takes `n` bytes from the front of `input`, or fails naming `field`.
fn take<'a>(input: &mut &'a [u8], n: usize, field: &'static str) -> Result<&'a [u8], Error> {
    let (head, rest) = input
        .split_at_checked(n)
        .ok_or(Error::AuthenticatorDataMalformed { field })?;
    *input = rest;
    Ok(head)
}

fn take_array<const N: usize>(input: &mut &[u8], field: &'static str) -> Result<[u8; N], Error> {
    take(input, N, field)?
        .try_into()
        .map_err(|_| Error::AuthenticatorDataMalformed { field })
}

impl AuthenticatorData {
    /// Decodes the authenticator data of an attestation object: fixed fields, attested
    /// credential data (required), then the extensions map if bytes remain.
    ///
    /// # Errors
    ///
    /// [`Error::AuthenticatorDataMalformed`] naming the field that does not fit, the `Cbor*`
    /// variants for the COSE key or extensions map, [`Error::CoseKeyUnsupported`].
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        Self::parse_form(bytes, true)
    }

    /// Decodes the authenticator data of an assertion: fixed fields, then the extensions map
    /// if bytes remain. Apple sets the AT flag here although no attested data follows.
    ///
    /// # Errors
    ///
    /// As [`AuthenticatorData::parse`].
    pub fn parse_assertion(bytes: &[u8]) -> Result<Self, Error> {
        Self::parse_form(bytes, false)
    }

    fn parse_form(bytes: &[u8], attestation: bool) -> Result<Self, Error> {
        let mut rest = bytes;
        let rp_id_hash = take_array::<32>(&mut rest, "rpIdHash")?;
        let [flags] = take_array::<1>(&mut rest, "flags")?;
        let counter = u32::from_be_bytes(take_array::<4>(&mut rest, "signCount")?);

        let attested_credential = if attestation {
            if flags & FLAG_ATTESTED_CREDENTIAL_DATA == 0 {
                return Err(Error::AuthenticatorDataMalformed {
                    field: "attestedCredentialData",
                });
            }
            let aaguid = take_array::<16>(&mut rest, "aaguid")?;
            let len = u16::from_be_bytes(take_array::<2>(&mut rest, "credentialIdLength")?);
            let credential_id = take(&mut rest, usize::from(len), "credentialId")?.to_vec();
            let public_key = cbor::decode_prefix::<RawCoseKey>(&mut rest, COSE_OBJECT)?;
            Some(AttestedCredentialData {
                aaguid,
                credential_id,
                public_key,
            })
        } else {
            None
        };

        let extensions = if rest.is_empty() {
            if flags & FLAG_EXTENSION_DATA != 0 {
                return Err(Error::AuthenticatorDataMalformed {
                    field: "extensions",
                });
            }
            None
        } else {
            Some(cbor::decode_exact::<RawExtensions>(
                rest,
                EXTENSIONS_OBJECT,
            )?)
        };

        Ok(Self {
            rp_id_hash,
            flags,
            counter,
            attested_credential,
            extensions,
        })
    }
}

/// A COSE key as read: the five EC2 parameters App Attest uses, others skipped.
#[derive(Debug, Default)]
struct RawCoseKey {
    kty: Option<i64>,
    alg: Option<i64>,
    crv: Option<i64>,
    x: Option<Bytes>,
    y: Option<Bytes>,
    problem: Option<Problem>,
}

impl MapFields for RawCoseKey {
    const EXPECTING: &'static str = "a COSE_Key map";
    // COSE allows further parameters (RFC 9052 section 7); they bind nothing App Attest
    // checks, so they are skipped rather than refused.
    const SKIP_UNDEFINED: bool = true;

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &Key,
        map: &mut A,
        state: &mut MapState,
    ) -> Result<bool, A::Error> {
        match key {
            Key::Int(COSE_KTY) => state.take(map, &mut self.kty, "kty")?,
            Key::Int(COSE_ALG) => state.take(map, &mut self.alg, "alg")?,
            Key::Int(COSE_EC2_CRV) => state.take(map, &mut self.crv, "crv")?,
            Key::Int(COSE_EC2_X) => state.take(map, &mut self.x, "x")?,
            Key::Int(COSE_EC2_Y) => state.take(map, &mut self.y, "y")?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn set_problem(&mut self, problem: Option<Problem>) {
        self.problem = problem;
    }
}

impl<'de> Deserialize<'de> for RawCoseKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        cbor::deserialize_fields(deserializer)
    }
}

impl Schema for RawCoseKey {
    type Output = CoseKey;

    fn finish(self) -> Result<CoseKey, Error> {
        if let Some(problem) = self.problem {
            return Err(problem.into_error(COSE_OBJECT));
        }
        let missing = |field| Error::CborMissingField {
            object: COSE_OBJECT,
            field,
        };
        let kty = self.kty.ok_or(missing("kty"))?;
        let alg = self.alg.ok_or(missing("alg"))?;
        let crv = self.crv.ok_or(missing("crv"))?;
        let Bytes(x) = self.x.ok_or(missing("x"))?;
        let Bytes(y) = self.y.ok_or(missing("y"))?;
        if kty != COSE_KTY_EC2 || alg != COSE_ALG_ES256 || crv != COSE_CRV_P256 {
            return Err(Error::CoseKeyUnsupported);
        }
        Ok(CoseKey {
            x: x.try_into().map_err(|_| Error::CoseKeyUnsupported)?,
            y: y.try_into().map_err(|_| Error::CoseKeyUnsupported)?,
        })
    }
}

/// The extensions map as read.
#[derive(Debug, Default)]
struct RawExtensions {
    entries: Vec<Extension>,
    problem: Option<Problem>,
}

impl<'de> Deserialize<'de> for RawExtensions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExtensionsVisitor;
        impl<'de> Visitor<'de> for ExtensionsVisitor {
            type Value = RawExtensions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an extensions map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawExtensions, A::Error> {
                let mut raw = RawExtensions::default();
                let mut state = MapState::default();
                while let Some(key) = map.next_key::<String>()? {
                    if !state.admit() {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    if raw.entries.iter().any(|e| e.key == key) {
                        state.record(Problem::Duplicate("extension"));
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    match map.next_value::<RawValue>()? {
                        RawValue(Some(value)) => raw.entries.push(Extension { key, value }),
                        // The limit outranks any schema problem, as in `MapState::admit`.
                        RawValue(None) => state.problem = Some(Problem::TooManyItems),
                    }
                }
                raw.problem = state.problem;
                Ok(raw)
            }
        }
        deserializer.deserialize_map(ExtensionsVisitor)
    }
}

impl Schema for RawExtensions {
    type Output = Extensions;

    fn finish(self) -> Result<Extensions, Error> {
        if let Some(problem) = self.problem {
            return Err(problem.into_error(EXTENSIONS_OBJECT));
        }
        Ok(Extensions {
            entries: self.entries,
        })
    }
}

/// An extension value as read: `None` when an array or map inside it has more than
/// [`MAX_CBOR_ITEMS`] entries (which are then skipped, so that the stream stays in step).
struct RawValue(Option<ExtensionValue>);

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an extension value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Text(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Text(v))))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Bytes(v.to_vec()))))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Bytes(v))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Unsigned(v))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue(Some(
                    u64::try_from(v)
                        .map(ExtensionValue::Unsigned)
                        .unwrap_or(ExtensionValue::Negative(v)),
                )))
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Other)))
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Other)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Bool(v))))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Other)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Other)))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue(Some(ExtensionValue::Other)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut count = 0usize;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    count = count.saturating_add(1);
                }
                Ok(RawValue(
                    (count <= MAX_CBOR_ITEMS).then_some(ExtensionValue::Other),
                ))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut count = 0usize;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    count = count.saturating_add(1);
                }
                Ok(RawValue(
                    (count <= MAX_CBOR_ITEMS).then_some(ExtensionValue::Other),
                ))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 37 fixed bytes: RP ID hash of 0x11, the given flags, counter 7.
    fn fixed(flags: u8) -> Vec<u8> {
        let mut out = vec![0x11; 32];
        out.push(flags);
        out.extend(7u32.to_be_bytes());
        out
    }

    /// {1: 2, 3: -7, -1: 1, -2: x, -3: y}
    fn cose_key() -> Vec<u8> {
        let mut out = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20];
        out.extend([0xaa; 32]);
        out.extend([0x22, 0x58, 0x20]);
        out.extend([0xbb; 32]);
        out
    }

    fn attestation_form(flags: u8) -> Vec<u8> {
        let mut out = fixed(flags);
        out.extend(b"appattestdevelop");
        out.extend([0x00, 0x02, 0xc1, 0xc2]);
        out.extend(cose_key());
        out
    }

    /// {"apple_bundle_version_01": "1", "apple_validation_category_01": h'01000000'}
    fn ios27_extensions() -> Vec<u8> {
        let mut out = vec![0xa2, 0x77];
        out.extend(EXTENSION_BUNDLE_VERSION.as_bytes());
        out.extend([0x61, b'1', 0x78, 0x1c]);
        out.extend(EXTENSION_VALIDATION_CATEGORY.as_bytes());
        out.extend([0x44, 1, 0, 0, 0]);
        out
    }

    #[test]
    fn attestation_form_decodes_field_by_field() {
        let parsed = AuthenticatorData::parse(&attestation_form(0x40)).unwrap();
        assert_eq!(parsed.rp_id_hash, [0x11; 32]);
        assert_eq!(parsed.flags, 0x40);
        assert_eq!(parsed.counter, 7);
        let credential = parsed.attested_credential.unwrap();
        assert_eq!(&credential.aaguid, b"appattestdevelop");
        assert_eq!(credential.credential_id, [0xc1, 0xc2]);
        assert_eq!(credential.public_key.x, [0xaa; 32]);
        assert_eq!(credential.public_key.y, [0xbb; 32]);
        assert_eq!(parsed.extensions, None);
    }

    #[test]
    fn ios27_extensions_are_read_with_or_without_the_ed_flag() {
        for flags in [0x40, 0xc0] {
            let mut bytes = attestation_form(flags);
            bytes.extend(ios27_extensions());
            let extensions = AuthenticatorData::parse(&bytes)
                .unwrap()
                .extensions
                .unwrap();
            assert_eq!(extensions.bundle_version(), Some("1"));
            assert_eq!(extensions.validation_category(), Some(&[1u8, 0, 0, 0][..]));
        }
        let mut assertion = fixed(0x40);
        assertion.extend(ios27_extensions());
        let parsed = AuthenticatorData::parse_assertion(&assertion).unwrap();
        assert_eq!(parsed.extensions.unwrap().entries.len(), 2);
    }

    #[test]
    fn unknown_extensions_are_kept() {
        let mut bytes = fixed(0x40);
        bytes.extend([0xa2, 0x61, b'z', 0x82, 0x01, 0x02, 0x61, b'n', 0x20]);
        let extensions = AuthenticatorData::parse_assertion(&bytes)
            .unwrap()
            .extensions
            .unwrap();
        assert_eq!(extensions.get("z"), Some(&ExtensionValue::Other));
        assert_eq!(extensions.get("n"), Some(&ExtensionValue::Negative(-1)));
    }

    #[test]
    fn short_or_inconsistent_data_names_the_field() {
        let bytes = attestation_form(0x40);
        for (len, field) in [
            (0, "rpIdHash"),
            (32, "flags"),
            (36, "signCount"),
            (40, "aaguid"),
            (54, "credentialIdLength"),
            (56, "credentialId"),
        ] {
            assert_eq!(
                AuthenticatorData::parse(&bytes[..len]),
                Err(Error::AuthenticatorDataMalformed { field }),
                "length {len}"
            );
        }
        assert_eq!(
            AuthenticatorData::parse(&bytes[..60]),
            Err(Error::CborTruncated {
                object: COSE_OBJECT
            })
        );
        assert_eq!(
            AuthenticatorData::parse(&fixed(0x00)),
            Err(Error::AuthenticatorDataMalformed {
                field: "attestedCredentialData"
            })
        );
        assert_eq!(
            AuthenticatorData::parse_assertion(&fixed(0xc0)),
            Err(Error::AuthenticatorDataMalformed {
                field: "extensions"
            })
        );
        let mut trailing = fixed(0x40);
        trailing.extend([0xa0, 0x00]);
        assert_eq!(
            AuthenticatorData::parse_assertion(&trailing),
            Err(Error::CborTrailingData {
                object: EXTENSIONS_OBJECT
            })
        );
    }

    #[test]
    fn cose_key_must_be_p256() {
        let mut bytes = attestation_form(0x40);
        // alg -7 (0x26) becomes -8 (0x27, EdDSA).
        let alg = bytes.iter().position(|&b| b == 0x26).unwrap();
        bytes[alg] = 0x27;
        assert_eq!(
            AuthenticatorData::parse(&bytes),
            Err(Error::CoseKeyUnsupported)
        );
    }
}
