//! RootOfTrust: the verified-boot state the secure hardware saw (AOSP "Key and ID
//! attestation", RootOfTrust fields).

use der::Tag;

use crate::android::asn1::{self, malformed};
use crate::android::key_description::KeyDescriptionOddity;
use crate::android::tags;
use crate::error::Error;
use crate::x509::der_reader::TlvReader;

/// The device's verified-boot state as the secure hardware saw it, from the `rootOfTrust [704]`
/// entry of an AuthorizationList (AOSP "Key and ID attestation", RootOfTrust fields; KeyMint
/// `KeyCreationResult.aidl`).
///
/// ```text
/// RootOfTrust ::= SEQUENCE {
///     verifiedBootKey            OCTET STRING,
///     deviceLocked               BOOLEAN,
///     verifiedBootState          VerifiedBootState,
///     verifiedBootHash           OCTET STRING,  -- attestation version 3 and later
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RootOfTrust {
    /// Digest of the key that verified the boot image (all zeros when the bootloader is
    /// unlocked on many devices; empty on some Keymaster 4 devices).
    #[serde(serialize_with = "crate::serde_bytes::hex")]
    pub verified_boot_key: Vec<u8>,
    /// Whether the bootloader is locked.
    pub device_locked: bool,
    /// The verified-boot outcome.
    pub verified_boot_state: VerifiedBootState,
    /// Digest over everything verified boot checked; absent before attestation version 3.
    #[serde(serialize_with = "crate::serde_bytes::hex_opt")]
    pub verified_boot_hash: Option<Vec<u8>>,
}

/// The verified-boot outcome (AOSP "Key and ID attestation", VerifiedBootState values).
///
/// ```text
/// VerifiedBootState ::= ENUMERATED {
///     Verified    (0),
///     SelfSigned  (1),
///     Unverified  (2),
///     Failed      (3),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifiedBootState {
    /// Boot chain verified with the OEM key (green).
    Verified,
    /// Boot chain verified with a user-installed key, bootloader locked (yellow).
    SelfSigned,
    /// Bootloader unlocked, nothing verified (orange).
    Unverified,
    /// Verification failed (red).
    Failed,
}

impl VerifiedBootState {
    fn from_value(value: i64) -> Option<Self> {
        match value {
            0 => Some(Self::Verified),
            1 => Some(Self::SelfSigned),
            2 => Some(Self::Unverified),
            3 => Some(Self::Failed),
            _ => None,
        }
    }
}

impl RootOfTrust {
    /// Parses the RootOfTrust SEQUENCE TLV `der`, found in the list `field`. A non-DER
    /// `deviceLocked` BOOLEAN is accepted (nonzero is true) and recorded in `oddities`.
    pub(crate) fn parse(
        der: &[u8],
        field: &'static str,
        oddities: &mut Vec<KeyDescriptionOddity>,
    ) -> Result<Self, Error> {
        let tag = Some(tags::ROOT_OF_TRUST);
        let bad = || malformed(field, tag);
        let seq = asn1::single(der, Tag::Sequence, field, tag)?;
        let mut r = TlvReader::new(seq.value).ok_or_else(bad)?;

        let verified_boot_key = r.read(Tag::OctetString).ok_or_else(bad)?.value.to_vec();

        let locked = r.read(Tag::Boolean).ok_or_else(bad)?;
        let (device_locked, is_der) = asn1::boolean(locked.value).ok_or_else(bad)?;
        if !is_der {
            oddities.push(KeyDescriptionOddity::NonDerBoolean {
                tag: tags::ROOT_OF_TRUST,
            });
        }

        let state = r.read(Tag::Enumerated).ok_or_else(bad)?;
        let verified_boot_state = asn1::int_i64(state.value)
            .and_then(VerifiedBootState::from_value)
            .ok_or_else(bad)?;

        let verified_boot_hash = r
            .read_optional(Tag::OctetString)
            .ok_or_else(bad)?
            .map(|h| h.value.to_vec());
        if !r.is_empty() {
            return Err(bad());
        }

        Ok(Self {
            verified_boot_key,
            device_locked,
            verified_boot_state,
            verified_boot_hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::android::asn1::test_util::*;

    #[test]
    fn parses_v3_root_of_trust() {
        // SEQUENCE { OCTET STRING 01 02, BOOLEAN TRUE, ENUMERATED 1, OCTET STRING aa }
        let der = hex(concat!("300d", "04020102", "0101ff", "0a0101", "0401aa"));
        let mut odd = Vec::new();
        let rot = RootOfTrust::parse(&der, "hardwareEnforced", &mut odd).unwrap();
        assert_eq!(rot.verified_boot_key, vec![1, 2]);
        assert!(rot.device_locked);
        assert_eq!(rot.verified_boot_state, VerifiedBootState::SelfSigned);
        assert_eq!(rot.verified_boot_hash, Some(vec![0xaa]));
        assert!(odd.is_empty());
    }
}
