//! Trust anchors: vendor root keys embedded in the crate, and roots the caller supplies.
//!
//! Roots are pinned by **public key** (the DER SubjectPublicKeyInfo), not by certificate bytes:
//! Google re-issued its RSA attestation root four times over one key, and factory-provisioned
//! devices still send the 2016 certificate, which expired on 2026-05-24. Provenance of every
//! embedded certificate is in `roots/SOURCES.md`.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::encoding::decode_certificates;
use crate::error::Error;
use crate::x509::cert::{Certificate, Strictness};

/// What a trust anchor vouches for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RootKind {
    /// A Google hardware attestation root: the key lives in secure hardware.
    GoogleHardware,
    /// An Android Keystore software attestation root. Its private key is public in AOSP, so a
    /// chain to it proves nothing about hardware.
    AndroidSoftware,
    /// The Apple App Attestation Root CA.
    AppleAppAttestation,
    /// A root the caller added (a test root, a private CA); trusted as the caller says.
    Custom,
}

/// One pinned root key, with the subject name certificates it issued carry as their issuer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustAnchor {
    name: String,
    kind: RootKind,
    pub(crate) subject: Vec<u8>,
    pub(crate) spki: Vec<u8>,
}

impl TrustAnchor {
    /// An anchor from one DER certificate; only its subject name and public key are kept.
    ///
    /// # Errors
    ///
    /// Any [`Error`] the certificate parser returns for malformed DER.
    pub fn from_certificate_der(der: &[u8], name: &str, kind: RootKind) -> Result<Self, Error> {
        let cert = Certificate::parse(der, 0, Strictness::Vendor)?;
        Ok(Self {
            name: name.to_owned(),
            kind,
            subject: cert.subject.to_vec(),
            spki: cert.spki.to_vec(),
        })
    }

    /// A human-readable name for reports.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the anchor vouches for.
    pub fn kind(&self) -> RootKind {
        self.kind
    }

    /// Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo, the pin.
    pub fn key_sha256_hex(&self) -> String {
        crate::encoding::hex(&Sha256::digest(&self.spki))
    }
}

const GOOGLE_RSA_ROOT_2016: &str = include_str!("../roots/google-hw-root-rsa4096-2016.pem");
const GOOGLE_RSA_ROOT_2019: &str = include_str!("../roots/google-hw-root-rsa4096-2019.pem");
const GOOGLE_RSA_ROOT_2021: &str = include_str!("../roots/google-hw-root-rsa4096-2021.pem");
const GOOGLE_RSA_ROOT_2022: &str = include_str!("../roots/google-hw-root-rsa4096-2022.pem");
const GOOGLE_KEY_ATTESTATION_CA1: &str =
    include_str!("../roots/google-key-attestation-ca1-p384-2025.pem");
const ANDROID_SOFTWARE_ROOT_EC: &str =
    include_str!("../roots/android-keystore-software-root-ec.pem");
const ANDROID_SOFTWARE_ROOT_RSA: &str =
    include_str!("../roots/android-keystore-software-root-rsa.pem");
const APPLE_APP_ATTESTATION_ROOT: &str = include_str!("../roots/apple-app-attestation-root-ca.pem");

/// SHA-256 of Key Attestation CA1's SubjectPublicKeyInfo; it anchors only RKP chains.
pub(crate) const KEY_ATTESTATION_CA1_KEY_SHA256: &str =
    "3ee44512a1af2beb39c889490c60ea3f82e43f5d5a5532f5ab9419f676cd07ec";

/// The embedded Android roots: (PEM, name, kind).
const ANDROID_ROOTS: [(&str, &str, RootKind); 7] = [
    (
        GOOGLE_RSA_ROOT_2022,
        "Google Hardware Attestation Root (RSA-4096)",
        RootKind::GoogleHardware,
    ),
    (
        GOOGLE_RSA_ROOT_2021,
        "Google Hardware Attestation Root (RSA-4096)",
        RootKind::GoogleHardware,
    ),
    (
        GOOGLE_RSA_ROOT_2019,
        "Google Hardware Attestation Root (RSA-4096)",
        RootKind::GoogleHardware,
    ),
    (
        GOOGLE_RSA_ROOT_2016,
        "Google Hardware Attestation Root (RSA-4096)",
        RootKind::GoogleHardware,
    ),
    (
        GOOGLE_KEY_ATTESTATION_CA1,
        "Google Key Attestation CA1 (P-384)",
        RootKind::GoogleHardware,
    ),
    (
        ANDROID_SOFTWARE_ROOT_EC,
        "Android Keystore Software Attestation Root (EC)",
        RootKind::AndroidSoftware,
    ),
    (
        ANDROID_SOFTWARE_ROOT_RSA,
        "Android Keystore Software Attestation Root (RSA)",
        RootKind::AndroidSoftware,
    ),
];

/// A set of trust anchors, deduplicated by (key, subject).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roots {
    anchors: Vec<TrustAnchor>,
}

impl Roots {
    /// No anchors at all; add some with [`Roots::add`] or [`Roots::add_pem`].
    pub fn empty() -> Self {
        Self::default()
    }

    /// Google's hardware attestation roots (the RSA-4096 key of the 2016, 2019, 2021 and 2022
    /// certificates, and Key Attestation CA1) and the two Android Keystore software roots, which
    /// are recognised so that they can be reported as software, never trusted as hardware.
    pub fn google() -> Self {
        let mut roots = Self::empty();
        for (pem, name, kind) in ANDROID_ROOTS {
            roots.add_embedded(pem, name, kind);
        }
        roots
    }

    /// The Apple App Attestation Root CA.
    pub fn apple_app_attest() -> Self {
        let mut roots = Self::empty();
        roots.add_embedded(
            APPLE_APP_ATTESTATION_ROOT,
            "Apple App Attestation Root CA",
            RootKind::AppleAppAttestation,
        );
        roots
    }

    /// Adds an embedded PEM. The embedded certificates are fixed at build time and the test
    /// `embedded_roots_all_parse` proves each of them parses, so no error is possible here.
    fn add_embedded(&mut self, pem: &str, name: &str, kind: RootKind) {
        if let Ok(certs) = decode_certificates(pem.as_bytes()) {
            for der in certs {
                if let Ok(anchor) = TrustAnchor::from_certificate_der(&der, name, kind) {
                    self.add(anchor);
                }
            }
        }
    }

    /// Adds one anchor, unless an anchor with the same key and subject is already present.
    pub fn add(&mut self, anchor: TrustAnchor) {
        if !self
            .anchors
            .iter()
            .any(|a| a.spki == anchor.spki && a.subject == anchor.subject)
        {
            self.anchors.push(anchor);
        }
    }

    /// Adds every certificate of a PEM (or any encoding [`crate::encoding`] accepts) as an
    /// anchor of `kind`, named after `name`.
    ///
    /// # Errors
    ///
    /// Any [`Error`] from decoding the input or parsing a certificate.
    pub fn add_pem(&mut self, input: &[u8], name: &str, kind: RootKind) -> Result<(), Error> {
        for der in decode_certificates(input)? {
            self.add(TrustAnchor::from_certificate_der(&der, name, kind)?);
        }
        Ok(())
    }

    /// Every anchor.
    pub fn anchors(&self) -> &[TrustAnchor] {
        &self.anchors
    }

    pub(crate) fn find_by_key(&self, spki: &[u8]) -> Option<&TrustAnchor> {
        self.anchors.iter().find(|a| a.spki == spki)
    }

    pub(crate) fn find_by_subject(&self, subject: &[u8]) -> Vec<&TrustAnchor> {
        self.anchors
            .iter()
            .filter(|a| a.subject == subject)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_roots_all_parse() {
        // Four RSA certificates share one key and subject, so they make one anchor.
        let google = Roots::google();
        assert_eq!(google.anchors().len(), 4);
        let hardware: Vec<_> = google
            .anchors()
            .iter()
            .filter(|a| a.kind() == RootKind::GoogleHardware)
            .collect();
        assert_eq!(hardware.len(), 2);
        assert_eq!(
            hardware[0].key_sha256_hex(),
            "feb2ea7551ee316ed4bb443c8293b884dbfdea40b603ee3e4f4a897e4580fbae"
        );
        assert_eq!(hardware[1].key_sha256_hex(), KEY_ATTESTATION_CA1_KEY_SHA256);
        let software: Vec<_> = google
            .anchors()
            .iter()
            .filter(|a| a.kind() == RootKind::AndroidSoftware)
            .map(TrustAnchor::key_sha256_hex)
            .collect();
        assert_eq!(
            software,
            [
                "d5100c7942ef2e8310dc30ef82729680cf48d690735c3f68179a33c7c370f286",
                "f2c4746f545946c100e72297f8f946344d7052f03a2f694221f9c893b0e6f711"
            ]
        );
        assert_eq!(Roots::apple_app_attest().anchors().len(), 1);
    }
}
