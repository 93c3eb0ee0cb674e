//! Reading an Android chain without judging it, for debugging (`hwattest inspect`).
//!
//! Nothing here is verified: no signature, no root, no time. A report is what the bytes say.

use serde::Serialize;

use crate::android::key_description::KeyDescription;
use crate::android::provisioning_info::ProvisioningInfo;
use crate::encoding::decode_certificates;
use crate::error::Error;
use crate::x509::cert::{Certificate, Strictness};
use crate::x509::oid::{ANDROID_KEY_DESCRIPTION, ANDROID_PROVISIONING_INFO};
use crate::x509::CertificateSummary;

/// Everything found in a chain, unverified. Serialised with `"kind": "android_chain"`, beside
/// the App Attest reports' `attestation` and `assertion`.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename = "android_chain")]
pub struct ChainReport {
    /// One entry per certificate, leaf first.
    pub certificates: Vec<CertificateReport>,
}

/// What one certificate of an Android chain says, unverified.
#[derive(Clone, Debug, Serialize)]
pub struct CertificateReport {
    /// Position in the chain, 0 is the leaf.
    pub index: usize,
    /// Why the certificate could not be split, if it could not.
    pub error: Option<String>,
    /// The certificate's fields, when it could be split.
    pub certificate: Option<CertificateSummary>,
    /// The KeyDescription, when this certificate carries one that parses.
    pub key_description: Option<KeyDescription>,
    /// Why the KeyDescription did not parse, when it carries one that does not.
    pub key_description_error: Option<String>,
    /// RKP provisioning information, when present and parseable.
    pub provisioning_info: Option<ProvisioningInfo>,
    /// Why the provisioning information did not parse, when present and not parseable.
    pub provisioning_info_error: Option<String>,
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
        let mut report = CertificateReport {
            index,
            error: None,
            certificate: None,
            key_description: None,
            key_description_error: None,
            provisioning_info: None,
            provisioning_info_error: None,
        };
        match Certificate::parse(der, index, Strictness::Device) {
            Ok(cert) => {
                report.certificate = Some(CertificateSummary::new(&cert));
                if let Some(ext) = cert.extension(&ANDROID_KEY_DESCRIPTION) {
                    match KeyDescription::parse(ext) {
                        Ok(kd) => report.key_description = Some(kd),
                        Err(e) => {
                            report.key_description_error = Some(e.at_certificate(index).to_string())
                        }
                    }
                }
                if let Some(ext) = cert.extension(&ANDROID_PROVISIONING_INFO) {
                    match ProvisioningInfo::parse(ext) {
                        Ok(info) => report.provisioning_info = Some(info),
                        Err(e) => {
                            report.provisioning_info_error =
                                Some(e.at_certificate(index).to_string())
                        }
                    }
                }
            }
            Err(e) => report.error = Some(e.to_string()),
        }
        certificates.push(report);
    }
    Ok(ChainReport { certificates })
}
