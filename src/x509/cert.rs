//! Splitting one X.509 certificate into the parts validation needs (RFC 5280 section 4.1).
//!
//! [`Certificate::parse`] decodes structure only; it decides nothing about trust. It works at the
//! TLV level so that device-minted certificates, which break DER in known ways, can still be
//! read; [`Strictness::Vendor`] additionally requires the bytes to decode with `x509-cert`, the
//! strict RFC 5280 decoder, and so applies to every certificate Google or Apple issued.

use der::{asn1::ObjectIdentifier, Tag};

use crate::error::Error;
use crate::limits::{MAX_CERTIFICATE_BYTES, MAX_EXTENSIONS};
use crate::time::{parse_asn1_time, UnixTime};
use crate::x509::der_reader::{context_tag, Tlv, TlvReader};
use crate::x509::oid;
use crate::x509::signature::SignatureAlgorithm;

/// How strictly a certificate's encoding is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// Issued by a vendor CA: must be valid DER as `x509-cert` decodes it.
    Vendor,
    /// Minted on a device: DER deviations seen in genuine certificates are recorded, not fatal.
    Device,
}

/// A DER deviation tolerated in a device-minted certificate, recorded for `inspect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Oddity {
    /// A BOOLEAN encoded with a content octet other than 0x00 or 0xFF.
    NonDerBoolean,
    /// An extension's `critical` field encoded explicitly as its DEFAULT FALSE.
    ExplicitDefaultCritical,
    /// An ECDSA AlgorithmIdentifier carrying NULL parameters (RFC 5758 section 3.2 says absent).
    EcdsaAlgorithmNullParameters,
    /// The bytes are not accepted by the strict RFC 5280 decoder.
    NotStrictDer,
}

/// One extension (RFC 5280 section 4.1.2.9): its OID, criticality and raw `extnValue` content.
#[derive(Clone, Debug)]
pub(crate) struct Extension<'a> {
    pub(crate) oid: ObjectIdentifier,
    pub(crate) critical: bool,
    pub(crate) value: &'a [u8],
}

/// basicConstraints (RFC 5280 section 4.2.1.9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct BasicConstraints {
    pub(crate) ca: bool,
    pub(crate) path_len: Option<u32>,
}

/// The key usage bit that allows signing certificates (RFC 5280 section 4.2.1.3).
const KEY_USAGE_KEY_CERT_SIGN_BIT: usize = 5;

/// A certificate split into the fields validation uses; every slice borrows the input.
#[derive(Clone, Debug)]
pub struct Certificate<'a> {
    pub(crate) der: &'a [u8],
    pub(crate) tbs: &'a [u8],
    pub(crate) signature_algorithm: SignatureAlgorithm,
    pub(crate) signature: &'a [u8],
    pub(crate) serial: &'a [u8],
    pub(crate) issuer: &'a [u8],
    pub(crate) subject: &'a [u8],
    pub(crate) not_before: UnixTime,
    pub(crate) not_after: UnixTime,
    pub(crate) spki: &'a [u8],
    pub(crate) extensions: Vec<Extension<'a>>,
    pub(crate) basic_constraints: Option<BasicConstraints>,
    pub(crate) key_cert_sign: Option<bool>,
    pub(crate) oddities: Vec<Oddity>,
}

impl<'a> Certificate<'a> {
    /// Splits the DER certificate at position `index` of a chain (0 is the leaf).
    pub(crate) fn parse(
        der: &'a [u8],
        index: usize,
        strictness: Strictness,
    ) -> Result<Self, Error> {
        let malformed = |field| Error::CertificateMalformed { index, field };
        if der.len() > MAX_CERTIFICATE_BYTES {
            return Err(Error::InputTooLarge {
                what: "certificate",
                len: der.len(),
                limit: MAX_CERTIFICATE_BYTES,
            });
        }

        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
        let mut outer = TlvReader::new(der).ok_or(malformed("Certificate"))?;
        let cert = outer.read(Tag::Sequence).ok_or(malformed("Certificate"))?;
        if !outer.is_empty() {
            return Err(Error::CertificateTrailingData { index });
        }
        let mut fields = TlvReader::new(cert.value).ok_or(malformed("Certificate"))?;
        let tbs = fields
            .read(Tag::Sequence)
            .ok_or(malformed("tbsCertificate"))?;
        let outer_alg = fields
            .read(Tag::Sequence)
            .ok_or(malformed("signatureAlgorithm"))?;
        let signature = fields
            .read(Tag::BitString)
            .ok_or(malformed("signatureValue"))?;
        if !fields.is_empty() {
            return Err(malformed("Certificate"));
        }
        let signature = bit_string_bytes(signature.value).ok_or(malformed("signatureValue"))?;

        let mut oddities = Vec::new();
        let signature_algorithm = SignatureAlgorithm::from_algorithm_identifier(outer_alg.value)
            .map(|(alg, odd)| {
                if odd {
                    oddities.push(Oddity::EcdsaAlgorithmNullParameters);
                }
                alg
            })
            .ok_or(malformed("signatureAlgorithm"))?;

        // TBSCertificate (RFC 5280 section 4.1.2).
        let mut t = TlvReader::new(tbs.value).ok_or(malformed("tbsCertificate"))?;
        if let Some(version) = t
            .read_optional(context_tag(0, true))
            .ok_or(malformed("version"))?
        {
            // Version ::= INTEGER { v1(0), v2(1), v3(2) }; extensions need v3.
            if version.value != [0x02, 0x01, 0x02] {
                return Err(malformed("version"));
            }
        }
        let serial = t.read(Tag::Integer).ok_or(malformed("serialNumber"))?.value;
        let inner_alg = t.read(Tag::Sequence).ok_or(malformed("signature"))?;
        let inner = SignatureAlgorithm::from_algorithm_identifier(inner_alg.value)
            .ok_or(malformed("signature"))?;
        // RFC 5280 section 4.1.1.2: the two algorithm fields must be the same.
        if inner.0 != signature_algorithm {
            return Err(malformed("signature"));
        }
        let issuer = t.read(Tag::Sequence).ok_or(malformed("issuer"))?.raw;
        let validity = t.read(Tag::Sequence).ok_or(malformed("validity"))?;
        let (not_before, not_after) =
            parse_validity(validity.value).ok_or(malformed("validity"))?;
        let subject = t.read(Tag::Sequence).ok_or(malformed("subject"))?.raw;
        let spki = t
            .read(Tag::Sequence)
            .ok_or(malformed("subjectPublicKeyInfo"))?
            .raw;
        t.read_optional(context_tag(1, false))
            .ok_or(malformed("issuerUniqueID"))?;
        t.read_optional(context_tag(2, false))
            .ok_or(malformed("subjectUniqueID"))?;
        let extensions = match t
            .read_optional(context_tag(3, true))
            .ok_or(malformed("extensions"))?
        {
            Some(ext) => parse_extensions(ext, index, &mut oddities)?,
            None => Vec::new(),
        };
        if !t.is_empty() {
            return Err(malformed("tbsCertificate"));
        }

        // RFC 5280 section 4.2: a certificate must not include more than one instance of a
        // particular extension.
        for (i, ext) in extensions.iter().enumerate() {
            if extensions
                .iter()
                .skip(i.saturating_add(1))
                .any(|other| other.oid == ext.oid)
            {
                return Err(Error::DuplicateExtension { index });
            }
        }

        let mut basic_constraints = None;
        let mut key_cert_sign = None;
        for ext in &extensions {
            if ext.oid == oid::BASIC_CONSTRAINTS {
                basic_constraints = Some(
                    parse_basic_constraints(ext.value, &mut oddities)
                        .ok_or(malformed("basicConstraints"))?,
                );
            } else if ext.oid == oid::KEY_USAGE {
                key_cert_sign = Some(parse_key_cert_sign(ext.value).ok_or(malformed("keyUsage"))?);
            } else if ext.critical && !oid::is_understood_extension(&ext.oid) {
                return Err(Error::UnknownCriticalExtension { index });
            }
        }

        if strictness == Strictness::Vendor {
            use der::Decode;
            if x509_cert::Certificate::from_der(der).is_err() {
                return Err(malformed("DER encoding"));
            }
        } else {
            use der::Decode;
            if x509_cert::Certificate::from_der(der).is_err() {
                oddities.push(Oddity::NotStrictDer);
            }
        }

        Ok(Self {
            der,
            tbs: tbs.raw,
            signature_algorithm,
            signature,
            serial,
            issuer,
            subject,
            not_before,
            not_after,
            spki,
            extensions,
            basic_constraints,
            key_cert_sign,
            oddities,
        })
    }

    /// The content of the extension `oid`, if present.
    pub(crate) fn extension(&self, oid: &ObjectIdentifier) -> Option<&'a [u8]> {
        self.extensions
            .iter()
            .find(|e| e.oid == *oid)
            .map(|e| e.value)
    }

    /// The DER encoding of the whole certificate.
    pub fn der(&self) -> &'a [u8] {
        self.der
    }

    /// The DER encoding of the SubjectPublicKeyInfo.
    pub fn subject_public_key_info(&self) -> &'a [u8] {
        self.spki
    }

    /// The serial number's content octets (two's complement, as encoded).
    pub fn serial(&self) -> &'a [u8] {
        self.serial
    }

    /// notBefore, in seconds since the Unix epoch.
    pub fn not_before(&self) -> UnixTime {
        self.not_before
    }

    /// notAfter, in seconds since the Unix epoch.
    pub fn not_after(&self) -> UnixTime {
        self.not_after
    }

    /// DER deviations tolerated while parsing.
    pub fn oddities(&self) -> &[Oddity] {
        &self.oddities
    }
}

/// The bytes of a BIT STRING with no unused bits.
fn bit_string_bytes(content: &[u8]) -> Option<&[u8]> {
    match content.split_first() {
        Some((0, rest)) => Some(rest),
        _ => None,
    }
}

/// Validity ::= SEQUENCE { notBefore Time, notAfter Time }
fn parse_validity(content: &[u8]) -> Option<(UnixTime, UnixTime)> {
    let mut r = TlvReader::new(content)?;
    let not_before = parse_time(r.read_any()?)?;
    let not_after = parse_time(r.read_any()?)?;
    r.is_empty().then_some((not_before, not_after))
}

fn parse_time(tlv: Tlv<'_>) -> Option<UnixTime> {
    match tlv.tag {
        Tag::UtcTime => parse_asn1_time(tlv.value, false),
        Tag::GeneralizedTime => parse_asn1_time(tlv.value, true),
        _ => None,
    }
}

/// Reads a BOOLEAN's content, recording a non-DER encoding (X.690 section 11.1).
fn parse_boolean(value: &[u8], oddities: &mut Vec<Oddity>) -> Option<bool> {
    match value {
        [0x00] => Some(false),
        [0xFF] => Some(true),
        [_] => {
            oddities.push(Oddity::NonDerBoolean);
            Some(true)
        }
        _ => None,
    }
}

/// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, at most [`MAX_EXTENSIONS`] of them.
fn parse_extensions<'a>(
    explicit: Tlv<'a>,
    index: usize,
    oddities: &mut Vec<Oddity>,
) -> Result<Vec<Extension<'a>>, Error> {
    let malformed = Error::CertificateMalformed {
        index,
        field: "extensions",
    };
    let mut wrapper = TlvReader::new(explicit.value).ok_or(malformed.clone())?;
    let list = wrapper.read(Tag::Sequence).ok_or(malformed.clone())?;
    if !wrapper.is_empty() {
        return Err(malformed);
    }
    let mut r = TlvReader::new(list.value).ok_or(malformed.clone())?;
    let mut out = Vec::new();
    while !r.is_empty() {
        if out.len() >= MAX_EXTENSIONS {
            return Err(Error::TooManyExtensions {
                index,
                limit: MAX_EXTENSIONS,
            });
        }
        out.push(parse_extension(&mut r, oddities).ok_or(malformed.clone())?);
    }
    Ok(out)
}

/// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue }
fn parse_extension<'a>(r: &mut TlvReader<'a>, oddities: &mut Vec<Oddity>) -> Option<Extension<'a>> {
    let ext = r.read(Tag::Sequence)?;
    let mut e = TlvReader::new(ext.value)?;
    let oid = ObjectIdentifier::from_bytes(e.read(Tag::ObjectIdentifier)?.value).ok()?;
    let critical = match e.read_optional(Tag::Boolean)? {
        Some(b) => {
            let critical = parse_boolean(b.value, oddities)?;
            if !critical {
                oddities.push(Oddity::ExplicitDefaultCritical);
            }
            critical
        }
        None => false,
    };
    let value = e.read(Tag::OctetString)?.value;
    if !e.is_empty() {
        return None;
    }
    Some(Extension {
        oid,
        critical,
        value,
    })
}

/// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
fn parse_basic_constraints(value: &[u8], oddities: &mut Vec<Oddity>) -> Option<BasicConstraints> {
    let mut outer = TlvReader::new(value)?;
    let seq = outer.read(Tag::Sequence)?;
    if !outer.is_empty() {
        return None;
    }
    let mut r = TlvReader::new(seq.value)?;
    let ca = match r.read_optional(Tag::Boolean)? {
        Some(b) => parse_boolean(b.value, oddities)?,
        None => false,
    };
    let path_len = match r.read_optional(Tag::Integer)? {
        Some(i) => Some(small_unsigned(i.value)?),
        None => None,
    };
    r.is_empty().then_some(BasicConstraints { ca, path_len })
}

/// KeyUsage ::= BIT STRING; returns whether keyCertSign (bit 5) is set.
fn parse_key_cert_sign(value: &[u8]) -> Option<bool> {
    let mut outer = TlvReader::new(value)?;
    let bits = outer.read(Tag::BitString)?;
    if !outer.is_empty() {
        return None;
    }
    let (unused, bytes) = bits.value.split_first()?;
    if *unused > 7 {
        return None;
    }
    let first = bytes.first().copied().unwrap_or(0);
    Some(first & (0x80 >> KEY_USAGE_KEY_CERT_SIGN_BIT) != 0)
}

/// A non-negative INTEGER's content octets as a `u32`, if it fits.
fn small_unsigned(content: &[u8]) -> Option<u32> {
    let content = match content {
        [0x00, rest @ ..] if !rest.is_empty() => rest,
        [first, ..] if first & 0x80 != 0 => return None,
        _ => content,
    };
    if content.is_empty() || content.len() > 4 {
        return None;
    }
    Some(
        content
            .iter()
            .fold(0u32, |acc, &b| (acc << 8) | u32::from(b)),
    )
}
