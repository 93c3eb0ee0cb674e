//! ProvisioningInfo: the CBOR map a remote-key-provisioning (RKP) intermediate carries in
//! extension 1.3.6.1.4.1.11129.2.1.30 (AOSP "Key and ID attestation", provisioning information
//! extension).

use core::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::error::Error;
use crate::limits::{MAX_CBOR_ITEMS, MAX_PROVISIONING_INFO_BYTES, MAX_PROVISIONING_INFO_DEPTH};

/// The object name in CBOR errors.
const OBJECT: &str = "ProvisioningInfo";

/// CBOR map key of the number of certificates issued.
const KEY_CERTS_ISSUED: i64 = 1;
/// CBOR map key of the manufacturer name.
const KEY_MANUFACTURER: i64 = 3;

/// What the RKP server recorded when it issued the intermediate certificate (AOSP "Key and ID
/// attestation", provisioning information extension, OID 1.3.6.1.4.1.11129.2.1.30). The
/// extension's `extnValue` content is a CBOR map:
///
/// ```text
/// ProvisioningInfo = {
///     1 : int,    ; certs_issued: certificates issued to this device recently
///     3 : tstr,   ; manufacturer, as the RKP server knows it
///     * int => any ; other keys, e.g. 2 (a boolean on Pixel 9 Pro), kept by number only
/// }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ProvisioningInfo {
    /// Key 1: number of attestation certificates issued to the device.
    pub certs_issued: Option<i64>,
    /// Key 3: the manufacturer name.
    pub manufacturer: Option<String>,
    /// Keys not interpreted, in encoded order (their values are skipped).
    pub unknown_keys: Vec<i64>,
}

impl ProvisioningInfo {
    /// Parses the extension value (the CBOR map).
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLarge`] over [`MAX_PROVISIONING_INFO_BYTES`] (checked before decoding),
    /// [`Error::CborTooDeep`] when values nest deeper than [`MAX_PROVISIONING_INFO_DEPTH`],
    /// [`Error::CborTooManyItems`] for a map of more than [`MAX_CBOR_ITEMS`] entries, and
    /// [`Error::ProvisioningInfoMalformed`] for anything else that is not the expected map.
    pub fn parse(bytes: &[u8]) -> Result<ProvisioningInfo, Error> {
        if bytes.len() > MAX_PROVISIONING_INFO_BYTES {
            return Err(Error::InputTooLarge {
                what: OBJECT,
                len: bytes.len(),
                limit: MAX_PROVISIONING_INFO_BYTES,
            });
        }
        let mut reader = bytes;
        let parsed: Parsed = ciborium::de::from_reader_with_recursion_limit(
            &mut reader,
            MAX_PROVISIONING_INFO_DEPTH,
        )
        .map_err(|e| match e {
            ciborium::de::Error::RecursionLimitExceeded => Error::CborTooDeep {
                object: OBJECT,
                limit: MAX_PROVISIONING_INFO_DEPTH,
            },
            _ => Error::ProvisioningInfoMalformed { index: None },
        })?;
        if parsed.too_many {
            return Err(Error::CborTooManyItems {
                object: OBJECT,
                limit: MAX_CBOR_ITEMS,
            });
        }
        if !reader.is_empty() {
            return Err(Error::ProvisioningInfoMalformed { index: None });
        }
        Ok(parsed.info)
    }
}

/// Typed decoding of the map, without a generic value tree. `too_many` is set, and the
/// entries past the limit skipped, when the map has more than [`MAX_CBOR_ITEMS`] entries:
/// `ciborium`'s error type cannot carry that fact to the caller.
struct Parsed {
    info: ProvisioningInfo,
    too_many: bool,
}

impl<'de> serde::Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MapVisitor)
    }
}

struct MapVisitor;

impl<'de> Visitor<'de> for MapVisitor {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a ProvisioningInfo map with integer keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut info = ProvisioningInfo::default();
        let mut seen: Vec<i64> = Vec::new();
        while let Some(key) = map.next_key::<i64>()? {
            if seen.len() >= MAX_CBOR_ITEMS {
                // Skip the rest so that the stream stays in step; the input size bounds it.
                map.next_value::<IgnoredAny>()?;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Ok(Parsed {
                    info,
                    too_many: true,
                });
            }
            if seen.contains(&key) {
                return Err(de::Error::custom("duplicate key"));
            }
            seen.push(key);
            match key {
                KEY_CERTS_ISSUED => info.certs_issued = Some(map.next_value()?),
                KEY_MANUFACTURER => info.manufacturer = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    info.unknown_keys.push(key);
                }
            }
        }
        Ok(Parsed {
            info,
            too_many: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::android::asn1::test_util::hex;

    #[test]
    fn parses_real_maps() {
        // Pixel 8a RKP intermediate: {1: 8}.
        let info = ProvisioningInfo::parse(&hex("a10108")).unwrap();
        assert_eq!(info.certs_issued, Some(8));
        assert_eq!(info.manufacturer, None);
        // Pixel 9 Pro: {1: 64, 2: true, 3: "Google"}.
        let info = ProvisioningInfo::parse(&hex("a301184002f50366476f6f676c65")).unwrap();
        assert_eq!(info.certs_issued, Some(64));
        assert_eq!(info.manufacturer.as_deref(), Some("Google"));
        assert_eq!(info.unknown_keys, vec![2]);
        // Samsung S24: {1: 128, 3: "samsung"}.
        let info = ProvisioningInfo::parse(&hex("a2011880036773616d73756e67")).unwrap();
        assert_eq!(info.certs_issued, Some(128));
        assert_eq!(info.manufacturer.as_deref(), Some("samsung"));
    }

    #[test]
    fn rejects_malformed_and_oversized_input() {
        let malformed = Err(Error::ProvisioningInfoMalformed { index: None });
        assert_eq!(
            ProvisioningInfo::parse(&hex("a101")),
            malformed,
            "truncated"
        );
        assert_eq!(
            ProvisioningInfo::parse(&hex("a1010800")),
            malformed,
            "trailing"
        );
        assert_eq!(
            ProvisioningInfo::parse(&hex("a2010801 09")),
            malformed,
            "duplicate key"
        );
        assert_eq!(
            ProvisioningInfo::parse(&hex("a10163616263")),
            malformed,
            "wrong type"
        );
        assert_eq!(
            ProvisioningInfo::parse(&hex("8101")),
            malformed,
            "not a map"
        );
        // {9: [[[[1]]]]} nests deeper than the limit.
        assert_eq!(
            ProvisioningInfo::parse(&hex("a109818181818101")),
            Err(Error::CborTooDeep {
                object: "ProvisioningInfo",
                limit: MAX_PROVISIONING_INFO_DEPTH,
            }),
            "depth"
        );
        let big = vec![0u8; MAX_PROVISIONING_INFO_BYTES + 1];
        assert_eq!(
            ProvisioningInfo::parse(&big),
            Err(Error::InputTooLarge {
                what: "ProvisioningInfo",
                len: MAX_PROVISIONING_INFO_BYTES + 1,
                limit: MAX_PROVISIONING_INFO_BYTES,
            })
        );
    }
}
