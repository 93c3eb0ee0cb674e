//! Test PKI: deterministic P-256 and P-384 keys and the certificates the project generates
//! itself, for both platforms.
//!
//! Keys come from fixed seeds and ECDSA signing is deterministic (RFC 6979), so every generated
//! certificate is byte-for-byte reproducible.

#![allow(dead_code)]

use p256::ecdsa::signature::Signer;

use super::der::*;

pub const ID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const PRIME256V1: &str = "1.2.840.10045.3.1.7";
pub const SECP384R1: &str = "1.3.132.0.34";
pub const ECDSA_WITH_SHA256: &str = "1.2.840.10045.4.3.2";
pub const ECDSA_WITH_SHA384: &str = "1.2.840.10045.4.3.3";
pub const COMMON_NAME: &str = "2.5.4.3";
pub const ORGANIZATION: &str = "2.5.4.10";
pub const BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub const KEY_USAGE: &str = "2.5.29.15";

/// A deterministic test key: P-256 (signs with SHA-256) or P-384 (signs with SHA-384).
#[derive(Clone)]
pub enum TestKey {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

/// A scalar from a one-byte seed: `0x11`, zeros, `seed` (valid on both curves for any seed).
fn scalar<const N: usize>(seed: u8) -> [u8; N] {
    let mut bytes = [0u8; N];
    bytes[N - 1] = seed;
    bytes[0] = 0x11;
    bytes
}

impl TestKey {
    pub fn p256(seed: u8) -> Self {
        Self::P256(p256::ecdsa::SigningKey::from_slice(&scalar::<32>(seed)).expect("scalar"))
    }

    pub fn p384(seed: u8) -> Self {
        Self::P384(p384::ecdsa::SigningKey::from_slice(&scalar::<48>(seed)).expect("scalar"))
    }

    /// The uncompressed SEC1 point.
    pub fn point(&self) -> Vec<u8> {
        match self {
            Self::P256(k) => k.verifying_key().to_sec1_point(false).as_bytes().to_vec(),
            Self::P384(k) => k.verifying_key().to_sec1_point(false).as_bytes().to_vec(),
        }
    }

    /// SubjectPublicKeyInfo (RFC 5480 section 2).
    pub fn spki(&self) -> Vec<u8> {
        let curve = match self {
            Self::P256(_) => PRIME256V1,
            Self::P384(_) => SECP384R1,
        };
        seq(&[
            &seq(&[&oid(ID_EC_PUBLIC_KEY), &oid(curve)]),
            &bit_string(&self.point()),
        ])
    }

    /// The AlgorithmIdentifier this key signs with (RFC 5758 section 3.2).
    pub fn signature_algorithm(&self) -> Vec<u8> {
        match self {
            Self::P256(_) => seq(&[&oid(ECDSA_WITH_SHA256)]),
            Self::P384(_) => seq(&[&oid(ECDSA_WITH_SHA384)]),
        }
    }

    /// A DER ECDSA signature over `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            Self::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign(message);
                sig.to_der().as_bytes().to_vec()
            }
            Self::P384(k) => {
                let sig: p384::ecdsa::Signature = k.sign(message);
                sig.to_der().as_bytes().to_vec()
            }
        }
    }
}

/// A Name with one organisation and one common name.
pub fn name(org: &str, cn: &str) -> Vec<u8> {
    seq(&[
        &set(&[&seq(&[&oid(ORGANIZATION), &utf8(org)])]),
        &set(&[&seq(&[&oid(COMMON_NAME), &utf8(cn)])]),
    ])
}

/// One extension (RFC 5280 section 4.1.2.9).
pub fn extension(id: &str, critical: bool, value: &[u8]) -> Vec<u8> {
    if critical {
        seq(&[&oid(id), &boolean(true), &octets(value)])
    } else {
        seq(&[&oid(id), &octets(value)])
    }
}

/// basicConstraints cA=TRUE plus keyUsage keyCertSign, both critical.
pub fn ca_extensions() -> Vec<Vec<u8>> {
    vec![
        extension(BASIC_CONSTRAINTS, true, &seq(&[&boolean(true)])),
        extension(KEY_USAGE, true, &tlv(&[0x03], &[0x02, 0x04])),
    ]
}

/// An explicit end-entity basicConstraints (cA defaults to FALSE), not critical.
pub fn end_entity_extension() -> Vec<u8> {
    extension(BASIC_CONSTRAINTS, false, &seq(&[]))
}

/// What goes into one generated certificate.
#[derive(Clone)]
pub struct CertSpec {
    pub serial: i64,
    pub issuer: Vec<u8>,
    pub subject: Vec<u8>,
    pub not_before: Vec<u8>,
    pub not_after: Vec<u8>,
    pub spki: Vec<u8>,
    pub extensions: Vec<Vec<u8>>,
}

impl CertSpec {
    /// The TBSCertificate (RFC 5280 section 4.1.2), v3, naming `algorithm` as its signature.
    pub fn tbs_with(&self, algorithm: &[u8]) -> Vec<u8> {
        let mut parts: Vec<Vec<u8>> = vec![
            explicit(0, &int(2)),
            int(self.serial),
            algorithm.to_vec(),
            self.issuer.clone(),
            seq(&[&self.not_before, &self.not_after]),
            self.subject.clone(),
            self.spki.clone(),
        ];
        if !self.extensions.is_empty() {
            let exts: Vec<&[u8]> = self.extensions.iter().map(Vec::as_slice).collect();
            parts.push(explicit(3, &seq(&exts)));
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        seq(&refs)
    }

    /// The TBSCertificate as `issuer_key` signs it.
    pub fn tbs(&self, issuer_key: &TestKey) -> Vec<u8> {
        self.tbs_with(&issuer_key.signature_algorithm())
    }

    /// The certificate signed by `issuer_key`.
    pub fn sign(&self, issuer_key: &TestKey) -> Vec<u8> {
        let tbs = self.tbs(issuer_key);
        let signature = issuer_key.sign(&tbs);
        certificate(&tbs, &issuer_key.signature_algorithm(), &signature)
    }
}

/// A Certificate from its three parts (RFC 5280 section 4.1), whatever they say.
pub fn certificate(tbs: &[u8], algorithm: &[u8], signature: &[u8]) -> Vec<u8> {
    seq(&[tbs, algorithm, &bit_string(signature)])
}

/// A self-signed root for `key`, valid 2025-01-01 to 2045-01-01.
pub fn root_cert(key: &TestKey, subject: &[u8]) -> Vec<u8> {
    CertSpec {
        serial: 1,
        issuer: subject.to_vec(),
        subject: subject.to_vec(),
        not_before: utc_time("250101000000Z"),
        not_after: utc_time("450101000000Z"),
        spki: key.spki(),
        extensions: ca_extensions(),
    }
    .sign(key)
}

/// One PEM block (RFC 7468), 64 base64 characters a line.
pub fn pem_block(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// PEM of DER certificates.
pub fn pem(certs: &[Vec<u8>]) -> String {
    certs
        .iter()
        .map(|der| pem_block("CERTIFICATE", der))
        .collect()
}
