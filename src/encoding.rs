//! Input decoding: how certificate chains and binary objects arrive from apps and files.
//!
//! Accepted for a certificate chain (leaf first, root optional):
//!
//! - a PEM bundle of `CERTIFICATE` blocks (RFC 7468 section 5);
//! - DER certificates one after another;
//! - a JSON array of base64 strings, one DER certificate each (what apps usually send);
//! - base64 strings separated by whitespace or commas, one DER certificate each.
//!
//! Standard and URL-safe base64 are both accepted, with or without padding.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, Engine};

use crate::error::Error;
use crate::limits::{MAX_CERTIFICATE_BYTES, MAX_CHAIN_LENGTH, MAX_INPUT_BYTES};
use crate::x509::der_reader::TlvReader;

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(false);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// PEM encapsulation boundaries for a certificate (RFC 7468 section 5.1).
const PEM_BEGIN: &str = "-----BEGIN CERTIFICATE-----";
/// The start of any PEM encapsulation boundary.
const PEM_ANY_BEGIN: &str = "-----BEGIN ";
const PEM_END: &str = "-----END CERTIFICATE-----";

/// The DER tag of a SEQUENCE, which every certificate starts with.
const DER_SEQUENCE: u8 = 0x30;

/// Decodes base64 text, standard or URL-safe alphabet, padding optional, whitespace ignored.
///
/// # Errors
///
/// [`Error::InputTooLarge`] over [`MAX_INPUT_BYTES`], [`Error::InputEncoding`] if not base64.
pub fn decode_base64(text: &[u8]) -> Result<Vec<u8>, Error> {
    check_size("input", text.len(), MAX_INPUT_BYTES)?;
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Err(Error::InputEmpty);
    }
    let url_safe = compact.iter().any(|&b| b == b'-' || b == b'_');
    let engine = if url_safe { &URL_SAFE } else { &STANDARD };
    engine.decode(&compact).map_err(|_| Error::InputEncoding {
        reason: "invalid base64",
    })
}

/// Reads a binary object that may arrive raw or as base64 text: raw when `looks_binary` says so
/// for the first byte, base64 otherwise.
///
/// # Errors
///
/// As [`decode_base64`].
pub fn decode_binary_or_base64(
    input: &[u8],
    looks_binary: impl Fn(u8) -> bool,
) -> Result<Vec<u8>, Error> {
    check_size("input", input.len(), MAX_INPUT_BYTES)?;
    match input.first() {
        None => Err(Error::InputEmpty),
        Some(&b) if looks_binary(b) => Ok(input.to_vec()),
        Some(_) => decode_base64(input).map_err(|e| match e {
            Error::InputEncoding { .. } => Error::InputEncoding {
                reason: "neither CBOR nor base64 text",
            },
            other => other,
        }),
    }
}

/// Decodes a certificate chain in any accepted encoding into DER certificates, in input order.
///
/// This only frames the input; each certificate is parsed later.
///
/// # Errors
///
/// [`Error::InputTooLarge`], [`Error::InputEmpty`], [`Error::InputEncoding`] or
/// [`Error::ChainTooLong`].
pub fn decode_certificates(input: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    check_size("input", input.len(), MAX_INPUT_BYTES)?;
    let start = input
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or(Error::InputEmpty)?;
    let trimmed = input.get(start..).unwrap_or_default();
    let certs = match trimmed.first() {
        Some(&DER_SEQUENCE) => split_der(trimmed)?,
        Some(b'-') => decode_pem(trimmed)?,
        // OpenSSL and others write explanatory text (`subject=…`) before PEM blocks.
        _ if contains(trimmed, PEM_BEGIN.as_bytes()) => decode_pem(trimmed)?,
        Some(b'[') => decode_json_array(trimmed)?,
        _ => decode_base64_list(trimmed)?,
    };
    if certs.is_empty() {
        return Err(Error::InputEmpty);
    }
    Ok(certs)
}

fn check_size(what: &'static str, len: usize, limit: usize) -> Result<(), Error> {
    if len > limit {
        return Err(Error::InputTooLarge { what, len, limit });
    }
    Ok(())
}

fn push_certificate(certs: &mut Vec<Vec<u8>>, der: Vec<u8>) -> Result<(), Error> {
    check_size("certificate", der.len(), MAX_CERTIFICATE_BYTES)?;
    if certs.len() >= MAX_CHAIN_LENGTH {
        return Err(Error::ChainTooLong {
            len: certs.len().saturating_add(1),
            limit: MAX_CHAIN_LENGTH,
        });
    }
    certs.push(der);
    Ok(())
}

/// Splits concatenated DER certificates at their outer TLV boundaries.
fn split_der(input: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    let mut reader = TlvReader::new(input).ok_or(Error::InputEncoding {
        reason: "DER input too long",
    })?;
    let mut certs = Vec::new();
    while !reader.is_empty() {
        let tlv = reader.read_any().ok_or(Error::InputEncoding {
            reason: "DER certificate sequence is truncated or malformed",
        })?;
        if tlv.raw.first() != Some(&DER_SEQUENCE) {
            return Err(Error::InputEncoding {
                reason: "DER input holds a non-certificate value",
            });
        }
        push_certificate(&mut certs, tlv.raw.to_vec())?;
    }
    Ok(certs)
}

/// Decodes a PEM bundle; every block must be a CERTIFICATE and only whitespace may lie between.
fn decode_pem(input: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    let text = core::str::from_utf8(input).map_err(|_| Error::InputEncoding {
        reason: "PEM is not UTF-8",
    })?;
    let mut certs = Vec::new();
    let mut rest = text;
    // RFC 7468 section 2: text outside the encapsulation boundaries is explanatory and is not
    // data. Every block, though, must be a certificate: a key or CSR in a chain file is refused
    // rather than skipped.
    while let Some(start) = rest.find(PEM_ANY_BEGIN) {
        let block = rest.get(start..).unwrap_or_default();
        let body = block.strip_prefix(PEM_BEGIN).ok_or(Error::InputEncoding {
            reason: "PEM holds something other than CERTIFICATE blocks",
        })?;
        let end = body.find(PEM_END).ok_or(Error::InputEncoding {
            reason: "PEM block has no END line",
        })?;
        let (b64, after) = body.split_at(end);
        let der = decode_base64(b64.as_bytes()).map_err(|_| Error::InputEncoding {
            reason: "PEM block is not valid base64",
        })?;
        push_certificate(&mut certs, der)?;
        rest = after.get(PEM_END.len()..).unwrap_or_default();
    }
    if certs.is_empty() {
        return Err(Error::InputEncoding {
            reason: "no PEM CERTIFICATE block",
        });
    }
    Ok(certs)
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Decodes a JSON array of base64 strings.
fn decode_json_array(input: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    let items: Vec<String> = serde_json::from_slice(input).map_err(|_| Error::InputEncoding {
        reason: "not a JSON array of strings",
    })?;
    if items.len() > MAX_CHAIN_LENGTH {
        return Err(Error::ChainTooLong {
            len: items.len(),
            limit: MAX_CHAIN_LENGTH,
        });
    }
    let mut certs = Vec::new();
    for item in items {
        push_certificate(&mut certs, decode_base64(item.as_bytes())?)?;
    }
    Ok(certs)
}

/// Decodes base64 strings separated by whitespace or commas.
fn decode_base64_list(input: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    let mut certs = Vec::new();
    for token in input.split(|b| b.is_ascii_whitespace() || *b == b',') {
        if !token.is_empty() {
            let der = decode_base64(token).map_err(|e| match e {
                Error::InputEncoding { .. } => Error::InputEncoding {
                    reason: "not PEM, DER, a JSON array of base64, or base64 text",
                },
                other => other,
            })?;
            push_certificate(&mut certs, der)?;
        }
    }
    Ok(certs)
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for &b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_alphabets_and_padding() {
        assert_eq!(decode_base64(b"+/8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_base64(b"-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_base64(b" +/\n8= ").unwrap(), [0xfb, 0xff]);
        assert_eq!(
            decode_base64(b"%%%"),
            Err(Error::InputEncoding {
                reason: "invalid base64"
            })
        );
        assert_eq!(decode_base64(b" \n"), Err(Error::InputEmpty));
    }

    #[test]
    fn size_limit_is_enforced() {
        let big = vec![b'A'; MAX_INPUT_BYTES + 1];
        assert_eq!(
            decode_certificates(&big),
            Err(Error::InputTooLarge {
                what: "input",
                len: MAX_INPUT_BYTES + 1,
                limit: MAX_INPUT_BYTES
            })
        );
    }

    #[test]
    fn der_list_is_split_and_truncation_detected() {
        let two = [0x30, 0x01, 0x00, 0x30, 0x00];
        assert_eq!(
            decode_certificates(&two).unwrap(),
            vec![vec![0x30, 0x01, 0x00], vec![0x30, 0x00]]
        );
        assert_eq!(
            decode_certificates(&[0x30, 0x05, 0x00]),
            Err(Error::InputEncoding {
                reason: "DER certificate sequence is truncated or malformed"
            })
        );
    }

    #[test]
    fn chain_length_limit_is_enforced() {
        let json = format!("[{}]", ["\"MAA=\""; MAX_CHAIN_LENGTH + 1].join(","));
        assert_eq!(
            decode_certificates(json.as_bytes()),
            Err(Error::ChainTooLong {
                len: MAX_CHAIN_LENGTH + 1,
                limit: MAX_CHAIN_LENGTH
            })
        );
    }

    #[test]
    fn pem_explanatory_text_is_ignored() {
        let pem = b"subject=CN = x\nissuer=CN = y\n-----BEGIN CERTIFICATE-----\nMAA=\n\
                    -----END CERTIFICATE-----\nBag Attributes\n-----BEGIN CERTIFICATE-----\n\
                    MAA=\n-----END CERTIFICATE-----\ntrailing words\n";
        assert_eq!(
            decode_certificates(pem).unwrap(),
            vec![vec![0x30, 0x00], vec![0x30, 0x00]]
        );
        let key_in_between = b"-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n\
            -----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n";
        assert_eq!(
            decode_certificates(key_in_between),
            Err(Error::InputEncoding {
                reason: "PEM holds something other than CERTIFICATE blocks"
            })
        );
    }

    #[test]
    fn pem_with_other_label_is_refused() {
        let pem = b"-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            decode_certificates(pem),
            Err(Error::InputEncoding {
                reason: "PEM holds something other than CERTIFICATE blocks"
            })
        );
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
    }
}
