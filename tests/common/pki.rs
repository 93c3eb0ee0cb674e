//! Test PKI: deterministic keys and certificates the project generates itself.
//!
//! Keys come from fixed seeds and ECDSA signing is deterministic (RFC 6979), so every generated
//! certificate is byte-for-byte reproducible.

#![allow(dead_code)]

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

use super::der::*;

pub const ID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const PRIME256V1: &str = "1.2.840.10045.3.1.7";
pub const ECDSA_WITH_SHA256: &str = "1.2.840.10045.4.3.2";
pub const COMMON_NAME: &str = "2.5.4.3";
pub const ORGANIZATION: &str = "2.5.4.10";
pub const BASIC_CONSTRAINTS: &str = "2.5.29.19";
pub const KEY_USAGE: &str = "2.5.29.15";

/// A P-256 key from a one-byte seed (any seed 1..=255 is a valid scalar).
pub fn key(seed: u8) -> SigningKey {
    let mut bytes = [0u8; 32];
    bytes[31] = seed;
    bytes[0] = 0x11;
    SigningKey::from_slice(&bytes).expect("valid scalar")
}

/// SubjectPublicKeyInfo of a P-256 key (RFC 5480 section 2).
pub fn spki(key: &SigningKey) -> Vec<u8> {
    let point = key.verifying_key().to_sec1_point(false);
    seq(&[
        &seq(&[&oid(ID_EC_PUBLIC_KEY), &oid(PRIME256V1)]),
        &bit_string(point.as_bytes()),
    ])
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
    /// The TBSCertificate (RFC 5280 section 4.1.2), v3, ecdsa-with-SHA256.
    pub fn tbs(&self) -> Vec<u8> {
        let mut parts: Vec<Vec<u8>> = vec![
            explicit(0, &int(2)),
            int(self.serial),
            seq(&[&oid(ECDSA_WITH_SHA256)]),
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

    /// The certificate signed by `issuer_key`.
    pub fn sign(&self, issuer_key: &SigningKey) -> Vec<u8> {
        sign_tbs(&self.tbs(), issuer_key)
    }
}

/// Wraps a TBSCertificate into a Certificate signed with ecdsa-with-SHA256.
pub fn sign_tbs(tbs: &[u8], issuer_key: &SigningKey) -> Vec<u8> {
    let signature: Signature = issuer_key.sign(tbs);
    seq(&[
        tbs,
        &seq(&[&oid(ECDSA_WITH_SHA256)]),
        &bit_string(signature.to_der().as_bytes()),
    ])
}

/// PEM of DER certificates (RFC 7468).
pub fn pem(certs: &[Vec<u8>]) -> String {
    use base64::Engine;
    let mut out = String::new();
    for der in certs {
        out.push_str("-----BEGIN CERTIFICATE-----\n");
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        for line in b64.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(line).unwrap());
            out.push('\n');
        }
        out.push_str("-----END CERTIFICATE-----\n");
    }
    out
}
