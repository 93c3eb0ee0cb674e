//! Reading an App Attest object without judging it, for debugging (`hwattest inspect`).
//!
//! Nothing here is verified: no signature, no root, no time, no binding.

use serde::Serialize;

use crate::apple::assertion::Assertion;
use crate::apple::attestation_object::AttestationObject;
use crate::apple::authenticator_data::AuthenticatorData;
use crate::error::Error;
use crate::x509::cert::{Certificate, Strictness};
use crate::x509::oid::APPLE_APP_ATTEST_NONCE;
use crate::x509::CertificateSummary;

/// Everything found in an attestation object or an assertion, unverified.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppleReport {
    /// An attestation object.
    Attestation {
        /// `attStmt.x5c`, credential certificate first.
        certificates: Vec<AppleCertificateReport>,
        /// Length of `attStmt.receipt` in bytes (the receipt is not decoded).
        receipt_len: usize,
        /// `authData`, decoded.
        authenticator_data: Option<AuthenticatorData>,
        /// Why `authData` did not decode, when it did not.
        authenticator_data_error: Option<String>,
    },
    /// An assertion.
    Assertion {
        /// The DER ECDSA signature, lower-case hex.
        #[serde(serialize_with = "crate::serde_bytes::hex")]
        signature: Vec<u8>,
        /// `authenticatorData`, decoded.
        authenticator_data: Option<AuthenticatorData>,
        /// Why `authenticatorData` did not decode, when it did not.
        authenticator_data_error: Option<String>,
    },
}

/// One `x5c` certificate, unverified.
#[derive(Clone, Debug, Serialize)]
pub struct AppleCertificateReport {
    /// Position in `x5c`, 0 is the credential certificate.
    pub index: usize,
    /// Why the certificate could not be split, if it could not.
    pub error: Option<String>,
    /// The certificate's fields, when it could be split.
    pub certificate: Option<CertificateSummary>,
    /// The raw App Attest nonce extension value (1.2.840.113635.100.8.2), lower-case hex.
    #[serde(serialize_with = "crate::serde_bytes::hex_opt")]
    pub nonce_extension: Option<Vec<u8>>,
}

/// Decodes an attestation object or, failing that, an assertion (raw CBOR or base64).
///
/// # Errors
///
/// The attestation object's decoding error when the input is neither.
pub fn inspect(input: &[u8]) -> Result<AppleReport, Error> {
    let object = match AttestationObject::decode(input) {
        Ok(object) => object,
        Err(attestation_error) => {
            let Ok(assertion) = Assertion::decode(input) else {
                return Err(attestation_error);
            };
            let (authenticator_data, authenticator_data_error) = split(
                AuthenticatorData::parse_assertion(&assertion.authenticator_data),
            );
            return Ok(AppleReport::Assertion {
                signature: assertion.signature,
                authenticator_data,
                authenticator_data_error,
            });
        }
    };
    let certificates = object
        .x5c
        .iter()
        .enumerate()
        .map(
            |(index, der)| match Certificate::parse(der, index, Strictness::Device) {
                Ok(cert) => AppleCertificateReport {
                    index,
                    error: None,
                    certificate: Some(CertificateSummary::new(&cert)),
                    nonce_extension: cert.extension(&APPLE_APP_ATTEST_NONCE).map(<[u8]>::to_vec),
                },
                Err(e) => AppleCertificateReport {
                    index,
                    error: Some(e.to_string()),
                    certificate: None,
                    nonce_extension: None,
                },
            },
        )
        .collect();
    let (authenticator_data, authenticator_data_error) =
        split(AuthenticatorData::parse(&object.auth_data));
    Ok(AppleReport::Attestation {
        certificates,
        receipt_len: object.receipt.len(),
        authenticator_data,
        authenticator_data_error,
    })
}

fn split<T>(result: Result<T, Error>) -> (Option<T>, Option<String>) {
    match result {
        Ok(value) => (Some(value), None),
        Err(e) => (None, Some(e.to_string())),
    }
}
