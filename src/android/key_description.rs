//! KeyDescription: the Android attestation extension (OID 1.3.6.1.4.1.11129.2.1.17), decoded
//! into typed fields without judging them (AOSP "Key and ID attestation", attestation
//! extension schema).

use der::Tag;

use crate::android::asn1::{self, malformed};
use crate::android::authorization_list::AuthorizationList;
use crate::error::Error;
use crate::x509::der_reader::TlvReader;

/// Attestation versions defined so far: Keymaster 2 to 4.1 use 1 to 4, KeyMint 1 to 5 use 100
/// to 500 (AOSP "Key and ID attestation", attestationVersion).
const KNOWN_ATTESTATION_VERSIONS: [u32; 9] = [1, 2, 3, 4, 100, 200, 300, 400, 500];

/// Keymaster / KeyMint versions seen in `keyMintVersion`: Keymaster 0 to 4 and 4.1 (41), then
/// KeyMint 1 to 5 (100 to 500).
const KNOWN_KEYMINT_VERSIONS: [u32; 11] = [0, 1, 2, 3, 4, 41, 100, 200, 300, 400, 500];

/// The security level of the attestation or of the KeyMint implementation (AOSP "Key and ID
/// attestation", SecurityLevel values).
///
/// ```text
/// SecurityLevel ::= ENUMERATED {
///     Software            (0),
///     TrustedEnvironment  (1),
///     StrongBox           (2),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecurityLevel {
    /// Android Keystore software: not hardware-backed.
    Software,
    /// A trusted execution environment (TEE).
    TrustedEnvironment,
    /// A discrete secure element (StrongBox).
    #[serde(rename = "strongbox")]
    StrongBox,
}

impl SecurityLevel {
    fn from_value(value: i64) -> Option<Self> {
        match value {
            0 => Some(Self::Software),
            1 => Some(Self::TrustedEnvironment),
            2 => Some(Self::StrongBox),
            _ => None,
        }
    }
}

/// A deviation from the schema or from DER that the parser tolerated. Real devices produce
/// each of these; a policy may still refuse them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KeyDescriptionOddity {
    /// `attestationVersion` is not one of 1-4 or 100-500.
    UnknownAttestationVersion {
        /// The version found.
        version: u32,
    },
    /// `keyMintVersion` is not a known Keymaster or KeyMint version.
    UnknownKeyMintVersion {
        /// The version found.
        version: u32,
    },
    /// AuthorizationList entries are not in ascending tag order (X.680 section 8.6); `tag` is
    /// the first entry whose number is lower than its predecessor's. Recorded once per list.
    TagsNotAscending {
        /// The first out-of-order tag.
        tag: u32,
    },
    /// A tag appears more than once: `SET OF` members were united, or a scalar repeated the
    /// same value.
    RepeatedTag {
        /// The repeated tag.
        tag: u32,
    },
    /// A `SET OF` is not in DER order (X.690 section 11.6).
    SetNotSorted {
        /// The tag holding the set.
        tag: u32,
    },
    /// A `SET OF` holds the same value twice; kept once.
    DuplicateSetMember {
        /// The tag holding the set.
        tag: u32,
    },
    /// A tag hwattest does not type; kept in `AuthorizationList::unknown_tags`.
    UnknownTag {
        /// The tag.
        tag: u32,
    },
    /// An enum value the spec does not name; kept as the enum's `Unknown` variant.
    UnknownEnumValue {
        /// The tag holding the value.
        tag: u32,
        /// The value.
        value: i64,
    },
    /// A BOOLEAN encoded with a content octet other than 0x00 or 0xFF; read as true.
    NonDerBoolean {
        /// The tag holding the boolean.
        tag: u32,
    },
}

/// The attestation record a KeyMint (or Keymaster) implementation put in the attestation
/// certificate (AOSP "Key and ID attestation", attestation extension schema; KeyMint
/// `KeyCreationResult.aidl`).
///
/// ```text
/// KeyDescription ::= SEQUENCE {
///     attestationVersion         INTEGER,  -- 1, 2, 3, 4, 100, 200, 300, 400, 500
///     attestationSecurityLevel   SecurityLevel,
///     keyMintVersion             INTEGER,  -- keymasterVersion before KeyMint
///     keyMintSecurityLevel       SecurityLevel,
///     attestationChallenge       OCTET STRING,
///     uniqueId                   OCTET STRING,
///     softwareEnforced           AuthorizationList,
///     hardwareEnforced           AuthorizationList,
/// }
/// ```
///
/// Parsing decides nothing about trust: the values are whatever the certificate says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct KeyDescription {
    /// Version of the attestation schema.
    pub attestation_version: u32,
    /// Security level of the attestation (who signed this record).
    pub attestation_security_level: SecurityLevel,
    /// Keymaster or KeyMint version.
    pub keymint_version: u32,
    /// Security level of the Keymaster / KeyMint implementation holding the key.
    pub keymint_security_level: SecurityLevel,
    /// The challenge the app passed to key generation.
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub attestation_challenge: Vec<u8>,
    /// The privacy-sensitive unique ID (empty unless requested by a system app).
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub unique_id: Vec<u8>,
    /// Authorizations enforced outside the secure hardware.
    pub software_enforced: AuthorizationList,
    /// Authorizations enforced by the secure hardware.
    pub hardware_enforced: AuthorizationList,
    /// Top-level oddities (unknown versions). Per-list oddities are in each list's `oddities`.
    pub oddities: Vec<KeyDescriptionOddity>,
}

impl KeyDescription {
    /// Parses the content of the KeyDescription extension's `extnValue` (the DER
    /// KeyDescription SEQUENCE).
    ///
    /// Errors are `Error::KeyDescriptionMalformed` or `Error::KeyDescriptionLimitExceeded`
    /// with `index: None`, naming the field (or list and tag) that failed.
    pub fn parse(extension_value: &[u8]) -> Result<KeyDescription, Error> {
        const FIELD: &str = "KeyDescription";
        let seq = asn1::single(extension_value, Tag::Sequence, FIELD, None)?;
        let mut r = TlvReader::new(seq.value).ok_or(malformed(FIELD, None))?;
        let mut read = |tag: Tag, field: &'static str| {
            r.read(tag)
                .map(|tlv| tlv.value)
                .ok_or(malformed(field, None))
        };

        let attestation_version = unsigned(read(Tag::Integer, "attestationVersion")?)
            .ok_or(malformed("attestationVersion", None))?;
        let attestation_security_level =
            security_level(read(Tag::Enumerated, "attestationSecurityLevel")?)
                .ok_or(malformed("attestationSecurityLevel", None))?;
        let keymint_version = unsigned(read(Tag::Integer, "keyMintVersion")?)
            .ok_or(malformed("keyMintVersion", None))?;
        let keymint_security_level = security_level(read(Tag::Enumerated, "keyMintSecurityLevel")?)
            .ok_or(malformed("keyMintSecurityLevel", None))?;
        let attestation_challenge = read(Tag::OctetString, "attestationChallenge")?.to_vec();
        let unique_id = read(Tag::OctetString, "uniqueId")?.to_vec();
        let software = read(Tag::Sequence, "softwareEnforced")?;
        let hardware = read(Tag::Sequence, "hardwareEnforced")?;
        if !r.is_empty() {
            return Err(malformed(FIELD, None));
        }
        let software_enforced = AuthorizationList::from_content(software, "softwareEnforced")?;
        let hardware_enforced = AuthorizationList::from_content(hardware, "hardwareEnforced")?;

        let mut oddities = Vec::new();
        if !KNOWN_ATTESTATION_VERSIONS.contains(&attestation_version) {
            oddities.push(KeyDescriptionOddity::UnknownAttestationVersion {
                version: attestation_version,
            });
        }
        if !KNOWN_KEYMINT_VERSIONS.contains(&keymint_version) {
            oddities.push(KeyDescriptionOddity::UnknownKeyMintVersion {
                version: keymint_version,
            });
        }

        Ok(KeyDescription {
            attestation_version,
            attestation_security_level,
            keymint_version,
            keymint_security_level,
            attestation_challenge,
            unique_id,
            software_enforced,
            hardware_enforced,
            oddities,
        })
    }

    /// Every oddity: the top-level ones, then software-enforced, then hardware-enforced.
    pub fn all_oddities(&self) -> impl Iterator<Item = &KeyDescriptionOddity> {
        self.oddities
            .iter()
            .chain(&self.software_enforced.oddities)
            .chain(&self.hardware_enforced.oddities)
    }
}

fn unsigned(content: &[u8]) -> Option<u32> {
    asn1::int_u32(content)
}

fn security_level(content: &[u8]) -> Option<SecurityLevel> {
    asn1::int_i64(content).and_then(SecurityLevel::from_value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::android::asn1::test_util::*;
    use crate::android::authorization_list::KeyPurpose;

    fn enumerated(v: u8) -> Vec<u8> {
        tlv(&[0x0A], &[v])
    }

    fn key_description(version: u64, level: u8, sw: Vec<u8>, hw: Vec<u8>) -> Vec<u8> {
        seq(&[
            int(version),
            enumerated(level),
            int(version),
            enumerated(level),
            tlv(&[0x04], b"challenge"),
            tlv(&[0x04], &[]),
            sw,
            hw,
        ])
    }

    #[test]
    fn parses_top_level_fields() {
        let hw = seq(&[explicit(1, &set(&[int(2)]))]);
        let kd = KeyDescription::parse(&key_description(300, 2, seq(&[]), hw)).unwrap();
        assert_eq!(kd.attestation_version, 300);
        assert_eq!(kd.attestation_security_level, SecurityLevel::StrongBox);
        assert_eq!(kd.keymint_version, 300);
        assert_eq!(kd.keymint_security_level, SecurityLevel::StrongBox);
        assert_eq!(kd.attestation_challenge, b"challenge");
        assert!(kd.unique_id.is_empty());
        assert_eq!(kd.hardware_enforced.purposes(), &[KeyPurpose::Sign]);
        assert_eq!(kd.all_oddities().count(), 0);
        let json = serde_json::to_value(&kd).unwrap();
        assert_eq!(json["attestation_security_level"], "strongbox");
        assert_eq!(json["attestation_challenge"], "6368616c6c656e6765");
    }

    #[test]
    fn unknown_versions_are_recorded() {
        let kd = KeyDescription::parse(&key_description(42, 1, seq(&[]), seq(&[]))).unwrap();
        assert_eq!(
            kd.oddities,
            vec![
                KeyDescriptionOddity::UnknownAttestationVersion { version: 42 },
                KeyDescriptionOddity::UnknownKeyMintVersion { version: 42 },
            ]
        );
    }

    #[test]
    fn errors_name_the_field() {
        let bad_level = key_description(3, 3, seq(&[]), seq(&[]));
        assert_eq!(
            KeyDescription::parse(&bad_level),
            Err(malformed("attestationSecurityLevel", None))
        );
        let bad_hw = key_description(3, 1, seq(&[]), seq(&[explicit(3, &hex("0500"))]));
        assert_eq!(
            KeyDescription::parse(&bad_hw),
            Err(malformed("hardwareEnforced", Some(3)))
        );
        let hw_not_seq = key_description(3, 1, seq(&[]), set(&[]));
        assert_eq!(
            KeyDescription::parse(&hw_not_seq),
            Err(malformed("hardwareEnforced", None))
        );
        let mut trailing = key_description(3, 1, seq(&[]), seq(&[]));
        trailing.push(0);
        assert_eq!(
            KeyDescription::parse(&trailing),
            Err(malformed("KeyDescription", None))
        );
        let negative_version = seq(&[hex("0201ff")]);
        assert_eq!(
            KeyDescription::parse(&negative_version),
            Err(malformed("attestationVersion", None))
        );
        let short = seq(&[int(3), enumerated(1)]);
        assert_eq!(
            KeyDescription::parse(&short),
            Err(malformed("keyMintVersion", None))
        );
    }
}
