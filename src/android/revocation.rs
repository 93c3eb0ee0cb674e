//! Google's attestation certificate status list ("Certificate revocation status list" in
//! <https://developer.android.com/privacy-and-security/security-key-attestation>).
//!
//! The list is JSON the caller fetches (from `https://android.googleapis.com/attestation/status`)
//! and passes in; hwattest never fetches anything.
//!
//! ```text
//! { "entries": { "<serial, lower-case hex, no leading zeros>":
//!                  { "status": "REVOKED" | "SUSPENDED",
//!                    "expires": "YYYY-MM-DD", "reason": "...", "comment": "..." } } }
//! ```
//!
//! Both statuses make a certificate unusable: Google's own verifiers reject suspended keys too.
//! An unknown status is an error rather than a silent pass, so a list Google extends is refused
//! loudly instead of half-applied. `expires` is the certificate's own expiry (the schema says it
//! may be used to prune the list) and does not end the entry; other fields the schema may grow
//! are ignored.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limits::{MAX_REVOCATION_ENTRIES, MAX_REVOCATION_LIST_BYTES};

/// The status of a listed certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RevocationStatus {
    /// Permanently revoked.
    Revoked,
    /// Suspended; as unusable as revoked while listed.
    Suspended,
}

/// One entry of the list, as Google writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationEntry {
    /// The certificate's status.
    pub status: RevocationStatus,
    /// The certificate's expiry date, `YYYY-MM-DD`, when given.
    #[serde(default)]
    pub expires: Option<String>,
    /// Why (`KEY_COMPROMISE`, `CA_COMPROMISE`, `SUPERSEDED`, `SOFTWARE_FLAW`, `UNSPECIFIED`, or
    /// a value added later), when given.
    #[serde(default)]
    pub reason: Option<String>,
    /// Free text, when given.
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Deserialize)]
struct RawList {
    entries: BTreeMap<String, RevocationEntry>,
}

/// A parsed status list, keyed by normalised serial number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevocationList {
    entries: HashMap<String, RevocationEntry>,
}

impl RevocationList {
    /// Parses the status list JSON.
    ///
    /// Serial keys are normalised to lower-case hex without leading zeros, so a key written in
    /// upper case or with a leading zero still matches (the schema forbids both; matching more
    /// can only refuse more).
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLarge`] above [`MAX_REVOCATION_LIST_BYTES`];
    /// [`Error::RevocationListMalformed`] for JSON that is not the documented shape, an unknown
    /// status, a key that is not hex, or more than [`MAX_REVOCATION_ENTRIES`] entries.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        if json.len() > MAX_REVOCATION_LIST_BYTES {
            return Err(Error::InputTooLarge {
                what: "revocation list",
                len: json.len(),
                limit: MAX_REVOCATION_LIST_BYTES,
            });
        }
        let raw: RawList =
            serde_json::from_slice(json).map_err(|e| Error::RevocationListMalformed {
                reason: json_problem(&e),
            })?;
        if raw.entries.len() > MAX_REVOCATION_ENTRIES {
            return Err(Error::RevocationListMalformed {
                reason: "too many entries",
            });
        }
        let mut entries = HashMap::with_capacity(raw.entries.len());
        for (key, entry) in raw.entries {
            let serial = normalise_hex(&key).ok_or(Error::RevocationListMalformed {
                reason: "a serial key is not hex",
            })?;
            entries.insert(serial, entry);
        }
        Ok(Self { entries })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for a certificate serial number given as its DER INTEGER content octets.
    pub fn lookup(&self, serial: &[u8]) -> Option<&RevocationEntry> {
        self.entries.get(&serial_key(serial))
    }
}

/// The list key of a serial: the positive integer in lower-case hex, without leading zeros
/// (Google's verifiers use `BigInteger(serial).toString(16)`; serials are positive, RFC 5280
/// section 4.1.2.2, so the DER sign byte is dropped).
pub(crate) fn serial_key(serial: &[u8]) -> String {
    let hex = crate::encoding::hex(serial);
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Lower-case hex without leading zeros, or `None` when `key` is not hex.
fn normalise_hex(key: &str) -> Option<String> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    let trimmed = lower.trim_start_matches('0');
    Some(if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    })
}

fn json_problem(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "truncated JSON",
        Category::Syntax | Category::Io => "not JSON",
        Category::Data => "not the documented shape (entries, status)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_keys_drop_the_sign_byte_and_leading_zeros() {
        assert_eq!(serial_key(&[0x00, 0xcc, 0x66]), "cc66");
        assert_eq!(serial_key(&[0x01]), "1");
        assert_eq!(serial_key(&[0x0a, 0xbc]), "abc");
        assert_eq!(serial_key(&[0x00]), "0");
    }

    #[test]
    fn keys_are_normalised_and_unknown_statuses_refused() {
        let list =
            RevocationList::from_json(br#"{"entries":{"0ABC":{"status":"REVOKED"}}}"#).unwrap();
        assert_eq!(
            list.lookup(&[0x0a, 0xbc]).map(|e| e.status),
            Some(RevocationStatus::Revoked)
        );
        assert_eq!(
            RevocationList::from_json(br#"{"entries":{"ab":{"status":"GONE"}}}"#),
            Err(Error::RevocationListMalformed {
                reason: "not the documented shape (entries, status)"
            })
        );
        assert_eq!(
            RevocationList::from_json(br#"{"entries":{"xyz":{"status":"REVOKED"}}}"#),
            Err(Error::RevocationListMalformed {
                reason: "a serial key is not hex"
            })
        );
        assert_eq!(
            RevocationList::from_json(br#"{"entries":{"#),
            Err(Error::RevocationListMalformed {
                reason: "truncated JSON"
            })
        );
        assert_eq!(
            RevocationList::from_json(br#"{"entries":{"ab":{}}}"#),
            Err(Error::RevocationListMalformed {
                reason: "not the documented shape (entries, status)"
            })
        );
    }

    #[test]
    fn entry_limit_is_enforced() {
        let mut json = String::from("{\"entries\":{");
        for i in 0..=MAX_REVOCATION_ENTRIES {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&format!("\"{:x}\":{{\"status\":\"REVOKED\"}}", i + 1));
        }
        json.push_str("}}");
        assert_eq!(
            RevocationList::from_json(json.as_bytes()),
            Err(Error::RevocationListMalformed {
                reason: "too many entries"
            })
        );
    }

    #[test]
    fn size_limit_is_enforced() {
        let big = vec![b' '; MAX_REVOCATION_LIST_BYTES + 1];
        assert_eq!(
            RevocationList::from_json(&big),
            Err(Error::InputTooLarge {
                what: "revocation list",
                len: MAX_REVOCATION_LIST_BYTES + 1,
                limit: MAX_REVOCATION_LIST_BYTES
            })
        );
    }
}
