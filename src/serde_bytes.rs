//! How byte fields appear in serialised claims and reports: lower-case hex, or standard base64
//! for values a caller stores and sends back (keys, key IDs, receipts).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Serializer;

use crate::encoding::hex as to_hex;

/// Bytes as a lower-case hex string.
pub(crate) fn hex<S: Serializer, B: AsRef<[u8]> + ?Sized>(
    bytes: &B,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(&to_hex(bytes.as_ref()))
}

/// Optional bytes as a lower-case hex string or `null`.
pub(crate) fn hex_opt<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    match bytes {
        Some(b) => s.serialize_some(&to_hex(b)),
        None => s.serialize_none(),
    }
}

/// A list of byte strings as a list of lower-case hex strings.
pub(crate) fn hex_list<S: Serializer>(list: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(|b| to_hex(b)))
}

/// Bytes as standard base64 with padding.
pub(crate) fn base64<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&STANDARD.encode(bytes))
}
