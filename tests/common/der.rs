//! DER building blocks for test inputs the project generates itself (X.690 section 8).

#![allow(dead_code)]

use der::asn1::ObjectIdentifier;

/// Encodes a definite length (X.690 section 8.1.3).
pub fn length(len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![len as u8];
    }
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

/// One TLV with the given identifier octets.
pub fn tlv(tag: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = tag.to_vec();
    out.extend(length(content.len()));
    out.extend_from_slice(content);
    out
}

/// Concatenates encoded values.
pub fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(&[0x30], &parts.concat())
}

pub fn set(parts: &[&[u8]]) -> Vec<u8> {
    tlv(&[0x31], &parts.concat())
}

/// A two's-complement INTEGER.
pub fn int(value: i64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let mut start = 0;
    while start < 7 {
        let (b, next) = (bytes[start], bytes[start + 1]);
        if (b == 0x00 && next & 0x80 == 0) || (b == 0xff && next & 0x80 != 0) {
            start += 1;
        } else {
            break;
        }
    }
    tlv(&[0x02], &bytes[start..])
}

pub fn enumerated(value: i64) -> Vec<u8> {
    let mut out = int(value);
    out[0] = 0x0a;
    out
}

pub fn boolean(value: bool) -> Vec<u8> {
    tlv(&[0x01], &[if value { 0xff } else { 0x00 }])
}

pub fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

pub fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(&[0x04], bytes)
}

pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = vec![0x00];
    content.extend_from_slice(bytes);
    tlv(&[0x03], &content)
}

pub fn utf8(text: &str) -> Vec<u8> {
    tlv(&[0x0c], text.as_bytes())
}

pub fn oid(dotted: &str) -> Vec<u8> {
    tlv(&[0x06], ObjectIdentifier::new_unwrap(dotted).as_bytes())
}

/// UTCTime from `YYMMDDHHMMSSZ`.
pub fn utc_time(text: &str) -> Vec<u8> {
    tlv(&[0x17], text.as_bytes())
}

/// GeneralizedTime from `YYYYMMDDHHMMSSZ`.
pub fn generalized_time(text: &str) -> Vec<u8> {
    tlv(&[0x18], text.as_bytes())
}

/// The RFC 5280 section 4.1.2.5 time for seconds since the epoch: UTCTime for 1950 to 2049,
/// GeneralizedTime otherwise.
pub fn time_at(unix: i64) -> Vec<u8> {
    // `UnixTime` displays RFC 3339 (`2026-01-01T00:00:00Z`); keep the digits and the `Z`.
    let digits: String = hwattest::UnixTime::from_unix_seconds(unix)
        .to_string()
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'Z')
        .collect();
    match digits[..4].parse::<i64>().unwrap() {
        1950..=2049 => utc_time(&digits[2..]),
        _ => generalized_time(&digits),
    }
}

/// Identifier octets of a context-specific tag, high-tag-number form above 30 (8.1.2.4).
pub fn context_tag(number: u32, constructed: bool) -> Vec<u8> {
    let first = 0x80 | if constructed { 0x20 } else { 0x00 };
    if number <= 30 {
        return vec![first | number as u8];
    }
    let mut groups = Vec::new();
    let mut n = number;
    loop {
        groups.push((n & 0x7f) as u8);
        n >>= 7;
        if n == 0 {
            break;
        }
    }
    groups.reverse();
    let last = groups.len() - 1;
    for g in &mut groups[..last] {
        *g |= 0x80;
    }
    let mut out = vec![first | 0x1f];
    out.extend(groups);
    out
}

/// `[number] EXPLICIT` around an encoded value.
pub fn explicit(number: u32, inner: &[u8]) -> Vec<u8> {
    tlv(&context_tag(number, true), inner)
}

/// Lower-case hex, for expected values.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
