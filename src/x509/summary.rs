//! What one certificate says about itself, unverified, for `inspect` reports.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::encoding::hex;
use crate::time::UnixTime;
use crate::x509::cert::{Certificate, Oddity};

/// The readable fields of one certificate. Nothing here is verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateSummary {
    /// Subject name (RFC 4514 string).
    pub subject: String,
    /// Issuer name (RFC 4514 string).
    pub issuer: String,
    /// Serial number, lower-case hex as encoded.
    pub serial_hex: String,
    /// notBefore, seconds since the Unix epoch.
    pub not_before: UnixTime,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: UnixTime,
    /// SHA-256 of the SubjectPublicKeyInfo, lower-case hex.
    pub public_key_sha256: String,
    /// basicConstraints cA, when the extension is present.
    pub ca: Option<bool>,
    /// Extension OIDs, in order.
    pub extensions: Vec<String>,
    /// DER deviations tolerated while reading.
    pub oddities: Vec<Oddity>,
}

/// An RFC 4514 string for a DER Name, or its hex when it does not decode.
fn name_string(der: &[u8]) -> String {
    use der::Decode;
    x509_cert::name::Name::from_der(der)
        .map(|n| n.to_string())
        .unwrap_or_else(|_| format!("<undecodable name {}>", hex(der)))
}

impl CertificateSummary {
    pub(crate) fn new(cert: &Certificate<'_>) -> Self {
        Self {
            subject: name_string(cert.subject),
            issuer: name_string(cert.issuer),
            serial_hex: hex(cert.serial),
            not_before: cert.not_before,
            not_after: cert.not_after,
            public_key_sha256: hex(&Sha256::digest(cert.spki)),
            ca: cert.basic_constraints.map(|bc| bc.ca),
            extensions: cert.extensions.iter().map(|e| e.oid.to_string()).collect(),
            oddities: cert.oddities.clone(),
        }
    }
}
