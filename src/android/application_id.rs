//! AttestationApplicationId: the app(s) that asked for the key (AOSP "Key and ID attestation",
//! AttestationApplicationId schema).

use der::Tag;

use crate::android::asn1::{self, malformed};
use crate::android::key_description::KeyDescriptionOddity;
use crate::android::tags;
use crate::error::Error;
use crate::x509::der_reader::TlvReader;

/// The packages sharing the UID that generated the key, and their signing certificates, from the
/// `attestationApplicationId [709]` entry (AOSP "Key and ID attestation",
/// AttestationApplicationId schema). The entry is an OCTET STRING whose content is this DER:
///
/// ```text
/// AttestationApplicationId ::= SEQUENCE {
///     package_infos      SET OF AttestationPackageInfo,
///     signature_digests  SET OF OCTET_STRING,
/// }
///
/// AttestationPackageInfo ::= SEQUENCE {
///     package_name       OCTET_STRING,
///     version            INTEGER,
/// }
/// ```
///
/// Both lists keep the order in which they were encoded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AttestationApplicationId {
    /// Every package sharing the calling UID.
    pub packages: Vec<PackageInfo>,
    /// SHA-256 digests of the packages' signing certificates.
    #[serde(serialize_with = "crate::serde_bytes::hex_list")]
    pub signature_digests: Vec<Vec<u8>>,
}

/// One package of an [`AttestationApplicationId`].
///
/// ```text
/// AttestationPackageInfo ::= SEQUENCE {
///     package_name       OCTET_STRING,
///     version            INTEGER,
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PackageInfo {
    /// The package name (UTF-8).
    pub name: String,
    /// The package's `versionCode` (a Java `long`).
    pub version: i64,
}

impl AttestationApplicationId {
    /// Parses the content of the `[709]` OCTET STRING, found in the list `field`. Unsorted
    /// `SET OF`s are accepted and recorded in `oddities`.
    pub(crate) fn parse(
        der: &[u8],
        field: &'static str,
        oddities: &mut Vec<KeyDescriptionOddity>,
    ) -> Result<Self, Error> {
        let tag = Some(tags::ATTESTATION_APPLICATION_ID);
        let bad = || malformed(field, tag);
        let seq = asn1::single(der, Tag::Sequence, field, tag)?;
        let mut r = TlvReader::new(seq.value).ok_or_else(bad)?;
        let package_set = r.read(Tag::Set).ok_or_else(bad)?;
        let digest_set = r.read(Tag::Set).ok_or_else(bad)?;
        if !r.is_empty() {
            return Err(bad());
        }

        let package_tlvs = asn1::members(package_set.value, Tag::Sequence, field, tag)?;
        let digest_tlvs = asn1::members(digest_set.value, Tag::OctetString, field, tag)?;
        if !asn1::is_der_set_order(&package_tlvs) || !asn1::is_der_set_order(&digest_tlvs) {
            oddities.push(KeyDescriptionOddity::SetNotSorted {
                tag: tags::ATTESTATION_APPLICATION_ID,
            });
        }

        let mut packages = Vec::with_capacity(package_tlvs.len());
        for package in package_tlvs {
            let mut p = TlvReader::new(package.value).ok_or_else(bad)?;
            let name = p.read(Tag::OctetString).ok_or_else(bad)?.value;
            let version = p.read(Tag::Integer).ok_or_else(bad)?.value;
            if !p.is_empty() {
                return Err(bad());
            }
            packages.push(PackageInfo {
                name: String::from_utf8(name.to_vec()).map_err(|_| bad())?,
                version: asn1::int_i64(version).ok_or_else(bad)?,
            });
        }
        let signature_digests = digest_tlvs.iter().map(|d| d.value.to_vec()).collect();

        Ok(Self {
            packages,
            signature_digests,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::android::asn1::test_util::*;
    use crate::limits::MAX_SET_MEMBERS;

    #[test]
    fn parses_packages_and_digests() {
        // SEQUENCE { SET { SEQUENCE { "ab", 7 } }, SET { OCTET STRING 0102 } }
        let der = hex(concat!(
            "3011",
            "3109",
            "300704026162020107",
            "3104",
            "04020102"
        ));
        let mut odd = Vec::new();
        let id = AttestationApplicationId::parse(&der, "softwareEnforced", &mut odd).unwrap();
        assert_eq!(
            id.packages,
            vec![PackageInfo {
                name: "ab".into(),
                version: 7
            }]
        );
        assert_eq!(id.signature_digests, vec![vec![1, 2]]);
        assert!(odd.is_empty());
    }

    #[test]
    fn rejects_more_packages_than_the_limit() {
        let one = seq(&[tlv(&[0x04], b"a"), int(1)]);
        let packages = vec![one; MAX_SET_MEMBERS + 1];
        let der = seq(&[set(&packages), set(&[])]);
        let err = AttestationApplicationId::parse(&der, "softwareEnforced", &mut Vec::new());
        assert_eq!(
            err,
            Err(Error::KeyDescriptionLimitExceeded {
                index: None,
                field: "softwareEnforced",
                tag: Some(709),
                limit: MAX_SET_MEMBERS,
            })
        );
    }

    #[test]
    fn records_unsorted_packages_and_rejects_bad_utf8() {
        let b = seq(&[tlv(&[0x04], b"b"), int(1)]);
        let a = seq(&[tlv(&[0x04], b"a"), int(1)]);
        let der = seq(&[set(&[b, a]), set(&[])]);
        let mut odd = Vec::new();
        let id = AttestationApplicationId::parse(&der, "softwareEnforced", &mut odd).unwrap();
        assert_eq!(id.packages.len(), 2);
        assert_eq!(odd, vec![KeyDescriptionOddity::SetNotSorted { tag: 709 }]);

        let bad = seq(&[set(&[seq(&[tlv(&[0x04], &[0xff]), int(1)])]), set(&[])]);
        assert_eq!(
            AttestationApplicationId::parse(&bad, "softwareEnforced", &mut Vec::new()),
            Err(malformed("softwareEnforced", Some(709)))
        );
    }
}
