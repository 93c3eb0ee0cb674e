//! Small DER helpers shared by the KeyDescription parsers: integers, booleans, `SET OF`
//! members, the KeyMint enum pattern, and hex serialisation of byte fields.
//!
//! Lengths and tags are decoded by `der` (through [`TlvReader`]); this module only interprets
//! content octets, and turns every failure into an [`Error`] that names the field and tag.

use core::cmp::Ordering;

use der::Tag;

use crate::error::Error;
use crate::limits::MAX_SET_MEMBERS;
use crate::x509::der_reader::{Tlv, TlvReader};

/// `KeyDescriptionMalformed` for `field` (and `tag`, inside an AuthorizationList).
pub(crate) fn malformed(field: &'static str, tag: Option<u32>) -> Error {
    Error::KeyDescriptionMalformed {
        index: None,
        field,
        tag,
    }
}

/// `KeyDescriptionLimitExceeded` for `field` (and `tag`).
pub(crate) fn limit_exceeded(field: &'static str, tag: Option<u32>, limit: usize) -> Error {
    Error::KeyDescriptionLimitExceeded {
        index: None,
        field,
        tag,
        limit,
    }
}

/// The only TLV in `input`, which must be exactly one complete TLV with tag `tag`.
pub(crate) fn single<'a>(
    input: &'a [u8],
    tag: Tag,
    field: &'static str,
    km_tag: Option<u32>,
) -> Result<Tlv<'a>, Error> {
    let mut r = TlvReader::new(input).ok_or(malformed(field, km_tag))?;
    let tlv = r.read(tag).ok_or(malformed(field, km_tag))?;
    if !r.is_empty() {
        return Err(malformed(field, km_tag));
    }
    Ok(tlv)
}

/// The one TLV, of any tag, inside an `[n] EXPLICIT` wrapper whose content is `content`.
pub(crate) fn explicit_inner<'a>(
    content: &'a [u8],
    field: &'static str,
    km_tag: Option<u32>,
) -> Result<Tlv<'a>, Error> {
    let mut r = TlvReader::new(content).ok_or(malformed(field, km_tag))?;
    let tlv = r.read_any().ok_or(malformed(field, km_tag))?;
    if !r.is_empty() {
        return Err(malformed(field, km_tag));
    }
    Ok(tlv)
}

/// The members of a `SET OF` or `SEQUENCE OF` whose content is `content`, each with tag
/// `member_tag`, at most [`MAX_SET_MEMBERS`] of them.
pub(crate) fn members<'a>(
    content: &'a [u8],
    member_tag: Tag,
    field: &'static str,
    km_tag: Option<u32>,
) -> Result<Vec<Tlv<'a>>, Error> {
    let mut r = TlvReader::new(content).ok_or(malformed(field, km_tag))?;
    let mut out = Vec::new();
    while !r.is_empty() {
        if out.len() >= MAX_SET_MEMBERS {
            return Err(limit_exceeded(field, km_tag, MAX_SET_MEMBERS));
        }
        out.push(r.read(member_tag).ok_or(malformed(field, km_tag))?);
    }
    Ok(out)
}

/// True when `members` are in DER `SET OF` order (X.690 section 11.6: encodings compared as
/// octet strings, the shorter padded at its end with zero octets).
pub(crate) fn is_der_set_order(members: &[Tlv<'_>]) -> bool {
    members.windows(2).all(|pair| match pair {
        [a, b] => der_set_cmp(a.raw, b.raw) != Ordering::Greater,
        _ => true,
    })
}

fn der_set_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let len = a.len().max(b.len());
    (0..len)
        .map(|i| {
            (
                a.get(i).copied().unwrap_or(0),
                b.get(i).copied().unwrap_or(0),
            )
        })
        .find(|(x, y)| x != y)
        .map_or(Ordering::Equal, |(x, y)| x.cmp(&y))
}

/// The content octets of a DER INTEGER or ENUMERATED as an `i64` (X.690 section 8.3: two's
/// complement, minimal length). `None` if empty, not minimal, or wider than 64 bits.
pub(crate) fn int_i64(content: &[u8]) -> Option<i64> {
    let negative = match content {
        [] => return None,
        [0x00, next, ..] if next & 0x80 == 0 => return None,
        [0xFF, next, ..] if next & 0x80 != 0 => return None,
        [first, ..] => first & 0x80 != 0,
    };
    let mut buf = [if negative { 0xFF } else { 0x00 }; 8];
    let start = buf.len().checked_sub(content.len())?;
    buf.get_mut(start..)?.copy_from_slice(content);
    Some(i64::from_be_bytes(buf))
}

/// The content octets of a non-negative DER INTEGER as a `u64` (up to 2^64 - 1).
pub(crate) fn int_u64(content: &[u8]) -> Option<u64> {
    let magnitude = match content {
        [] => return None,
        [0x00] => content,
        [0x00, next, ..] if next & 0x80 == 0 => return None,
        [0x00, rest @ ..] => rest,
        [first, ..] if first & 0x80 != 0 => return None,
        _ => content,
    };
    let mut buf = [0u8; 8];
    let start = buf.len().checked_sub(magnitude.len())?;
    buf.get_mut(start..)?.copy_from_slice(magnitude);
    Some(u64::from_be_bytes(buf))
}

/// The content octets of a non-negative DER INTEGER as a `u32`.
pub(crate) fn int_u32(content: &[u8]) -> Option<u32> {
    int_u64(content).and_then(|v| u32::try_from(v).ok())
}

/// A BOOLEAN's content (X.690 section 8.2): `Some((value, is_der))`. Any nonzero octet is true;
/// only 0xFF is DER (section 11.1).
pub(crate) fn boolean(content: &[u8]) -> Option<(bool, bool)> {
    match content {
        [0x00] => Some((false, true)),
        [0xFF] => Some((true, true)),
        [_] => Some((true, false)),
        _ => None,
    }
}

/// A KeyMint enum read from an INTEGER: every value maps to a variant, unnamed ones to
/// `Unknown`.
pub(crate) trait KmEnum: Copy + PartialEq {
    /// The variant for `value`.
    fn from_km(value: i64) -> Self;
    /// `Some(value)` when the variant is `Unknown(value)`.
    fn unknown_value(self) -> Option<i64>;
    /// The spec's integer value.
    fn km_value(self) -> i64;
}

/// Declares a KeyMint enum: named variants for the values the spec defines, plus
/// `Unknown(i64)` for anything a vendor emits beyond them (the parser records an oddity).
macro_rules! km_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value the spec revision hwattest implements does not name.
            Unknown(i64),
        }

        impl $name {
            /// The variant for the spec's integer `value`.
            pub fn from_value(value: i64) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::Unknown(other),
                }
            }

            /// The spec's integer value.
            pub fn value(self) -> i64 {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Unknown(other) => other,
                }
            }

            /// True for [`Self::Unknown`].
            pub fn is_unknown(self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        impl crate::android::asn1::KmEnum for $name {
            fn from_km(value: i64) -> Self {
                Self::from_value(value)
            }

            fn unknown_value(self) -> Option<i64> {
                match self {
                    Self::Unknown(value) => Some(value),
                    _ => None,
                }
            }

            fn km_value(self) -> i64 {
                self.value()
            }
        }
    };
}
pub(crate) use km_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_minimal_twos_complement() {
        assert_eq!(int_i64(&[0x00]), Some(0));
        assert_eq!(int_i64(&[0x7F]), Some(127));
        assert_eq!(int_i64(&[0x00, 0x80]), Some(128));
        assert_eq!(int_i64(&[0xFF]), Some(-1));
        assert_eq!(int_i64(&[0xFF, 0x7F]), Some(-129));
        assert_eq!(int_i64(&[]), None);
        assert_eq!(int_i64(&[0x00, 0x01]), None, "non-minimal positive");
        assert_eq!(int_i64(&[0xFF, 0x80]), None, "non-minimal negative");
        assert_eq!(int_i64(&[0x01; 9]), None, "wider than 64 bits");
        assert_eq!(int_u64(&[0x00, 0xFF, 0xFF, 0xFF, 0xFF]), Some(0xFFFF_FFFF));
        assert_eq!(int_u64(&[0x80]), None, "negative");
        assert_eq!(int_u32(&[0x01, 0x00, 0x00, 0x00, 0x00]), None, "above u32");
        assert_eq!(int_u32(&[0x01, 0x00, 0x01]), Some(65537));
    }

    #[test]
    fn set_order_pads_shorter_encodings() {
        assert_eq!(der_set_cmp(&[2, 1, 2], &[2, 1, 3]), Ordering::Less);
        assert_eq!(der_set_cmp(&[2, 1, 3], &[2, 1, 2]), Ordering::Greater);
        assert_eq!(der_set_cmp(&[2, 1], &[2, 1, 0]), Ordering::Equal);
    }

    #[test]
    fn booleans_accept_nonzero_as_true() {
        assert_eq!(boolean(&[0x00]), Some((false, true)));
        assert_eq!(boolean(&[0xFF]), Some((true, true)));
        assert_eq!(boolean(&[0x01]), Some((true, false)));
        assert_eq!(boolean(&[]), None);
        assert_eq!(boolean(&[0xFF, 0xFF]), None);
    }
}

/// Builders for hand-written DER in unit tests.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::as_conversions)]
pub(crate) mod test_util {
    /// Decodes a hex literal (whitespace ignored).
    pub(crate) fn hex(s: &str) -> Vec<u8> {
        let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        digits
            .chunks(2)
            .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
            .collect()
    }

    /// One TLV with identifier octets `tag` and DER length.
    pub(crate) fn tlv(tag: &[u8], content: &[u8]) -> Vec<u8> {
        let mut out = tag.to_vec();
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else if len < 0x100 {
            out.extend_from_slice(&[0x81, len as u8]);
        } else {
            out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    /// Identifier octets of a constructed context-specific tag `[n]` (high-tag form above 30).
    pub(crate) fn ctx(n: u32) -> Vec<u8> {
        if n < 31 {
            return vec![0xA0 | n as u8];
        }
        let mut groups = Vec::new();
        let mut v = n;
        loop {
            groups.push((v & 0x7F) as u8);
            v >>= 7;
            if v == 0 {
                break;
            }
        }
        let mut out = vec![0xBF];
        for (i, g) in groups.iter().rev().enumerate() {
            out.push(if i + 1 < groups.len() { g | 0x80 } else { *g });
        }
        out
    }

    /// `[n] EXPLICIT` around the TLV `inner`.
    pub(crate) fn explicit(n: u32, inner: &[u8]) -> Vec<u8> {
        tlv(&ctx(n), inner)
    }

    /// A DER INTEGER for a small non-negative value.
    pub(crate) fn int(v: u64) -> Vec<u8> {
        let mut bytes: Vec<u8> = v.to_be_bytes().to_vec();
        while bytes.len() > 1 && bytes[0] == 0 && bytes[1] & 0x80 == 0 {
            bytes.remove(0);
        }
        if bytes[0] & 0x80 != 0 {
            bytes.insert(0, 0);
        }
        tlv(&[0x02], &bytes)
    }

    /// A DER `SET OF` with members in the given order.
    pub(crate) fn set(members: &[Vec<u8>]) -> Vec<u8> {
        tlv(&[0x31], &members.concat())
    }

    /// A DER SEQUENCE of the given TLVs.
    pub(crate) fn seq(members: &[Vec<u8>]) -> Vec<u8> {
        tlv(&[0x30], &members.concat())
    }
}
