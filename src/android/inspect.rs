//! Reading an Android chain without judging it, for debugging (`hwattest inspect`).
//!
//! Nothing here is verified: no signature, no root, no time. A report is what the bytes say.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::android::key_description::KeyDescription;
use crate::android::provisioning_info::ProvisioningInfo;
use crate::encoding::{decode_certificates, hex};
use crate::error::Error;
use crate::time::UnixTime;
use crate::x509::cert::{Certificate, Oddity, Strictness};
use crate::x509::oid::{ANDROID_KEY_DESCRIPTION, ANDROID_PROVISIONING_INFO};

/// Everything found in a chain, unverified.
#[derive(Clone, Debug, Serialize)]
pub struct ChainReport {
    /// One entry per certificate, leaf first.
    pub certificates: Vec<CertificateReport>,
}

/// What one certificate says about itself, unverified.
#[derive(Clone, Debug, Serialize)]
pub struct CertificateReport {
    /// Position in the chain, 0 is the leaf.
    pub index: usize,
    /// Why the certificate could not be split, if it could not; the other fields are then empty.
    pub error: Option<String>,
    /// Subject name (RFC 4514 string).
    pub subject: String,
    /// Issuer name (RFC 4514 string).
    pub issuer: String,
    /// Serial number, lower-case hex as encoded.
    pub serial_hex: String,
    /// notBefore, seconds since the Unix epoch.
    pub not_before: Option<UnixTime>,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: Option<UnixTime>,
    /// SHA-256 of the SubjectPublicKeyInfo, lower-case hex.
    pub public_key_sha256: String,
    /// basicConstraints cA, when the extension is present.
    pub ca: Option<bool>,
    /// Extension OIDs, in order.
    pub extensions: Vec<String>,
    /// DER deviations tolerated while reading.
    pub oddities: Vec<Oddity>,
    /// The KeyDescription, when this certificate carries one that parses.
    pub key_description: Option<KeyDescription>,
    /// Why the KeyDescription did not parse, when it carries one that does not.
    pub key_description_error: Option<String>,
    /// RKP provisioning information, when present and parseable.
    pub provisioning_info: Option<ProvisioningInfo>,
}

fn name_string(der: &[u8]) -> String {
    use der::Decode;
    x509_cert::name::Name::from_der(der)
        .map(|n| n.to_string())
        .unwrap_or_else(|_| format!("<undecodable name {}>", hex(der)))
}

/// Reads every certificate of a chain and every attestation extension in it.
///
/// # Errors
///
/// Only when the input cannot be framed into certificates at all; a certificate or extension
/// that fails to parse is reported inside the [`ChainReport`].
pub fn inspect(input: &[u8]) -> Result<ChainReport, Error> {
    let ders = decode_certificates(input)?;
    let mut certificates = Vec::with_capacity(ders.len());
    for (index, der) in ders.iter().enumerate() {
        certificates.push(match Certificate::parse(der, index, Strictness::Device) {
            Ok(cert) => report(index, &cert),
            Err(e) => CertificateReport {
                index,
                error: Some(e.to_string()),
                subject: String::new(),
                issuer: String::new(),
                serial_hex: String::new(),
                not_before: None,
                not_after: None,
                public_key_sha256: String::new(),
                ca: None,
                extensions: Vec::new(),
                oddities: Vec::new(),
                key_description: None,
                key_description_error: None,
                provisioning_info: None,
            },
        });
    }
    Ok(ChainReport { certificates })
}

fn report(index: usize, cert: &Certificate<'_>) -> CertificateReport {
    let (key_description, key_description_error) = match cert.extension(&ANDROID_KEY_DESCRIPTION) {
        Some(ext) => match KeyDescription::parse(ext) {
            Ok(kd) => (Some(kd), None),
            Err(e) => (None, Some(e.at_certificate(index).to_string())),
        },
        None => (None, None),
    };
    CertificateReport {
        index,
        error: None,
        subject: name_string(cert.subject),
        issuer: name_string(cert.issuer),
        serial_hex: hex(cert.serial),
        not_before: Some(cert.not_before),
        not_after: Some(cert.not_after),
        public_key_sha256: hex(&Sha256::digest(cert.spki)),
        ca: cert.basic_constraints.map(|bc| bc.ca),
        extensions: cert.extensions.iter().map(|e| e.oid.to_string()).collect(),
        oddities: cert.oddities.clone(),
        key_description,
        key_description_error,
        provisioning_info: cert
            .extension(&ANDROID_PROVISIONING_INFO)
            .and_then(|ext| ProvisioningInfo::parse(ext).ok()),
    }
}
