//! Verifying an Android Key Attestation certificate chain, step by step.
//!
//! The steps follow the developer guide "Verify hardware-backed key pairs with key attestation"
//! (<https://developer.android.com/privacy-and-security/security-key-attestation>), sections
//! "Retrieve and verify a hardware-backed key pair" and "Attestation extension", with the
//! real-device tolerances of DESIGN.md section 3.
//!
//! Which validity dates are enforced, and why:
//!
//! - **Leaf: never.** KeyMint and Keymaster mint the leaf on the device with placeholder dates
//!   (1970-01-01 to 2048-01-01 or 2106-02-07; emulators even end before they begin). Freshness
//!   comes from the challenge the caller chose, not from the leaf's dates.
//! - **ATTEST_KEY certificate (index 1, carrying its own KeyDescription): never**, for the same
//!   reason: it is device-minted too.
//! - **Every other certificate except the anchor: always.** RKP intermediates live a few weeks,
//!   and their expiry is what makes a stolen provisioning key short-lived. Factory batch
//!   certificates cannot be re-issued once a device ships, so old factory chains verify only at a
//!   time inside their window (the caller passes the time; a service that must accept them after
//!   expiry does so knowingly, by passing an earlier time).
//! - **The anchor: never** (RFC 5280 section 6.1.1): roots are pinned by key, and Google's 2016
//!   RSA root certificate expired on 2026-05-24 while its key is still trusted.

use std::sync::Arc;

use serde::Serialize;
use subtle::ConstantTimeEq;

use crate::android::authorization_list::KeyPurpose;
use crate::android::claims::AndroidClaims;
use crate::android::key_description::{KeyDescription, SecurityLevel};
use crate::android::provisioning_info::ProvisioningInfo;
use crate::android::revocation::RevocationList;
use crate::encoding::decode_certificates;
use crate::error::Error;
use crate::roots::{RootKind, Roots, TrustAnchor, KEY_ATTESTATION_CA1_KEY_SHA256};
use crate::time::UnixTime;
use crate::x509::cert::{Certificate, Strictness};
use crate::x509::chain::{self, ChainPolicy, LeafIssuer};
use crate::x509::oid::{ANDROID_KEY_DESCRIPTION, ANDROID_PROVISIONING_INFO};
use crate::x509::SignatureCache;

/// What the caller expects in `attestationChallenge`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Challenge<'a> {
    /// The exact bytes the server issued; compared in constant time.
    Expected(&'a [u8]),
    /// Do not compare the challenge. **Freshness is then not proven**: any old attestation of
    /// the same key verifies. For inspection and tests only.
    NotChecked,
}

/// Verifies Android Key Attestation chains. Cheap to share: `Send + Sync`, and clones share one
/// signature cache.
#[derive(Clone, Debug)]
pub struct Verifier {
    roots: Arc<Roots>,
    allow_software: bool,
    cache: Arc<SignatureCache>,
    revocation: Option<Arc<RevocationList>>,
}

/// Options for a [`Verifier`].
#[derive(Debug)]
pub struct VerifierBuilder {
    roots: Roots,
    allow_software: bool,
    cache_capacity: usize,
    revocation: Option<Arc<RevocationList>>,
}

impl Default for Verifier {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl Verifier {
    /// A verifier trusting Google's hardware attestation roots, refusing software attestation,
    /// with the default signature cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Options, starting from the defaults of [`Verifier::new`].
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder {
            roots: Roots::google(),
            allow_software: false,
            cache_capacity: SignatureCache::default().capacity(),
            revocation: None,
        }
    }

    /// The signature cache shared by this verifier and its clones.
    pub fn signature_cache(&self) -> &SignatureCache {
        &self.cache
    }

    /// Verifies a chain (leaf first, in any encoding [`crate::encoding::decode_certificates`]
    /// accepts) at `time`, binds it to `challenge`, and returns what it proves.
    ///
    /// # Errors
    ///
    /// The first check that fails, as an [`Error`] naming the certificate or tag.
    pub fn verify(
        &self,
        chain: &[u8],
        challenge: Challenge<'_>,
        time: UnixTime,
    ) -> Result<VerifiedAttestation, Error> {
        // 1. Decode the chain (leaf first) within the named limits.
        let ders = decode_certificates(chain)?;
        self.verify_der_chain(&ders, challenge, time)
    }

    /// As [`Verifier::verify`], for certificates already split into DER.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify_der_chain(
        &self,
        ders: &[Vec<u8>],
        challenge: Challenge<'_>,
        time: UnixTime,
    ) -> Result<VerifiedAttestation, Error> {
        // An empty expected challenge would bind nothing: refuse it before any work.
        if challenge == Challenge::Expected(&[]) {
            return Err(Error::ChallengeEmpty);
        }

        // 2. Split every certificate. The leaf, and an ATTEST_KEY certificate above it, are
        //    device-minted and parsed tolerantly; everything else was issued by Google or the
        //    OEM's factory CA and must be strict DER.
        let certs = parse_chain(ders)?;
        let leaf = certs.first().ok_or(Error::InputEmpty)?;

        // 3. The KeyDescription comes from the leaf, and only from the leaf.
        let extension = leaf
            .extension(&ANDROID_KEY_DESCRIPTION)
            .ok_or(Error::MissingKeyDescription)?;
        let key_description = KeyDescription::parse(extension).map_err(|e| e.at_certificate(0))?;

        // 4. A KeyDescription anywhere else is allowed in one place only: certificate 1, when it
        //    attests an ATTEST_KEY key (KeyMint 1+, `KeyPurpose::ATTEST_KEY`). Such a key can only
        //    sign attestations, so it cannot have been used by an app to mint a fake leaf. Any
        //    other attested key (SIGN, ENCRYPT, ...) signing a "leaf" is exactly the forgery an
        //    attacker holding an ordinary attested key would build.
        let mut leaf_issuer = LeafIssuer::MayBeNonCa;
        for (index, cert) in certs.iter().enumerate().skip(1) {
            let Some(ext) = cert.extension(&ANDROID_KEY_DESCRIPTION) else {
                continue;
            };
            if index != 1 {
                return Err(Error::UnexpectedKeyDescription { index });
            }
            let issuer_kd = KeyDescription::parse(ext).map_err(|e| e.at_certificate(index))?;
            let is_ca = cert.basic_constraints.is_some_and(|bc| bc.ca);
            if is_ca || !is_attest_key(&issuer_kd, &key_description) {
                return Err(Error::IssuerNotAttestKey { index });
            }
            leaf_issuer = LeafIssuer::AttestKey;
        }

        // 5. Validate the chain to a pinned root key at the caller's time.
        let policy = ChainPolicy {
            time,
            leaf_validity: false,
            leaf_issuer,
        };
        let validated = chain::validate(&certs, &self.roots, &self.cache, &policy)?;

        // 6. No certificate may be on Google's status list, when the caller gave one
        //    ("Certificate revocation status list"): every certificate, the leaf included.
        // LIMITATION: the list's age is not checked; keeping it fresh is the caller's job
        // (README, "Limitations").
        if let Some(list) = &self.revocation {
            for (index, cert) in certs.iter().enumerate() {
                if let Some(entry) = list.lookup(cert.serial) {
                    return Err(Error::CertificateRevoked {
                        index,
                        status: entry.status,
                    });
                }
            }
        }

        // 7. A software root proves nothing about hardware: refuse it unless the caller asked.
        let software = validated.anchor.kind() == RootKind::AndroidSoftware;
        if software && !self.allow_software {
            return Err(Error::SoftwareRoot);
        }

        // 8. Bind to the caller's challenge, in constant time.
        if let Challenge::Expected(expected) = challenge {
            if !bool::from(
                key_description
                    .attestation_challenge
                    .as_slice()
                    .ct_eq(expected),
            ) {
                return Err(Error::ChallengeMismatch);
            }
        }

        // 9. Provisioning: remote (RKP) when a certificate carries ProvisioningInfo, the chain
        //    ends at Key Attestation CA1 (RKP only), or it passes through Google's RKP CA.
        //    Only certificates Google or the OEM issued count: the leaf, and an ATTEST_KEY
        //    certificate, are minted on the device with a subject the app chooses
        //    (`KeyGenParameterSpec.Builder.setCertificateSubject`), so "CN=Droid CA2" there
        //    proves nothing.
        let first_vendor_issued = if leaf_issuer == LeafIssuer::AttestKey {
            2
        } else {
            1
        };
        let vendor_issued = certs.get(first_vendor_issued..).unwrap_or_default();
        let mut provisioning_info = None;
        for (offset, cert) in vendor_issued.iter().enumerate() {
            let index = first_vendor_issued.saturating_add(offset);
            if let Some(ext) = cert.extension(&ANDROID_PROVISIONING_INFO) {
                let info = ProvisioningInfo::parse(ext).map_err(|e| e.at_certificate(index))?;
                provisioning_info = Some(info);
            }
        }
        let provisioning = if software {
            Provisioning::Software
        } else if validated.anchor.kind() == RootKind::Custom {
            Provisioning::Unknown
        } else if provisioning_info.is_some()
            || validated.anchor.key_sha256_hex() == KEY_ATTESTATION_CA1_KEY_SHA256
            || vendor_issued.iter().any(|c| is_rkp_ca(c.subject))
        {
            Provisioning::Remote
        } else {
            Provisioning::Factory
        };

        let anchor = AnchorInfo::new(validated.anchor, validated.root_included);
        let claims = AndroidClaims::new(
            &key_description,
            leaf.spki,
            anchor,
            provisioning,
            leaf_issuer == LeafIssuer::AttestKey,
            matches!(challenge, Challenge::Expected(_)),
            self.revocation.is_some(),
        );
        Ok(VerifiedAttestation {
            claims,
            key_description,
            provisioning_info,
        })
    }
}

impl VerifierBuilder {
    /// Replaces the trusted roots (the defaults are [`Roots::google`]).
    pub fn roots(mut self, roots: Roots) -> Self {
        self.roots = roots;
        self
    }

    /// Adds one trusted root, kept alongside the others.
    pub fn add_root(mut self, anchor: TrustAnchor) -> Self {
        self.roots.add(anchor);
        self
    }

    /// Accepts chains that end at an Android Keystore software attestation root, reporting them
    /// with security level `software` and provisioning `software`. Off by default.
    pub fn allow_software_attestation(mut self, allow: bool) -> Self {
        self.allow_software = allow;
        self
    }

    /// Checks every certificate against Google's status list (fetched by the caller, who keeps
    /// it fresh). Without one, claims say `revocation_checked: false`.
    pub fn revocation_list(mut self, list: Arc<RevocationList>) -> Self {
        self.revocation = Some(list);
        self
    }

    /// How many verified signatures to remember (0 disables the cache).
    pub fn signature_cache_capacity(mut self, capacity: usize) -> Self {
        self.cache_capacity = capacity;
        self
    }

    /// The verifier.
    pub fn build(self) -> Verifier {
        Verifier {
            roots: Arc::new(self.roots),
            allow_software: self.allow_software,
            cache: Arc::new(SignatureCache::new(self.cache_capacity)),
            revocation: self.revocation,
        }
    }
}

/// Splits each certificate with the strictness its origin calls for.
fn parse_chain(ders: &[Vec<u8>]) -> Result<Vec<Certificate<'_>>, Error> {
    let mut certs = Vec::with_capacity(ders.len());
    for (index, der) in ders.iter().enumerate() {
        let tolerant = Certificate::parse(der, index, Strictness::Device)?;
        let device_minted =
            index == 0 || (index == 1 && tolerant.extension(&ANDROID_KEY_DESCRIPTION).is_some());
        if device_minted {
            certs.push(tolerant);
        } else {
            certs.push(Certificate::parse(der, index, Strictness::Vendor)?);
        }
    }
    Ok(certs)
}

/// Whether certificate 1's KeyDescription (`issuer`) attests a key that may sign the leaf
/// (`leaf`): an ATTEST_KEY key as KeyMint defines it.
///
/// - The ATTEST_KEY purpose is in `hardwareEnforced`: `softwareEnforced` is written by Android
///   Keystore, outside the secure environment, and proves nothing about what the key can do.
/// - It is the key's **only** purpose: KeyMint refuses to combine ATTEST_KEY with another
///   purpose (`IKeyMintDevice.aidl`, `generateKey`: INCOMPATIBLE_PURPOSE). A key that also
///   signs could sign any "leaf" the holder likes.
/// - The attestation is KeyMint's (version 100 or later): Keymaster has no ATTEST_KEY, and an
///   implementation echoing the unknown purpose value 7 never enforced it.
/// - The attestation is from secure hardware, and from the same security level as the leaf's:
///   an attestation key must belong to the KeyMint instance that uses it.
fn is_attest_key(issuer: &KeyDescription, leaf: &KeyDescription) -> bool {
    let purposes = issuer.hardware_enforced.purposes();
    !purposes.is_empty()
        && purposes.iter().all(|p| *p == KeyPurpose::AttestKey)
        && issuer.attestation_version >= FIRST_KEYMINT_ATTESTATION_VERSION
        && issuer.attestation_security_level != SecurityLevel::Software
        && issuer.attestation_security_level == leaf.attestation_security_level
        && issuer.keymint_security_level == issuer.attestation_security_level
}

/// `attestationVersion` of KeyMint 1.0, the first to define ATTEST_KEY.
const FIRST_KEYMINT_ATTESTATION_VERSION: u32 = 100;

/// Whether a subject name is Google's RKP intermediate CA (`CN=Droid CA2, O=Google LLC`), the
/// same test Google's own verifier applies.
fn is_rkp_ca(subject: &[u8]) -> bool {
    use der::Decode;
    x509_cert::name::Name::from_der(subject)
        .map(|name| {
            let text = name.to_string();
            text.split(',').any(|part| part == "CN=Droid CA2")
                && text.split(',').any(|part| part == "O=Google LLC")
        })
        .unwrap_or(false)
}

/// How the attestation key got onto the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provisioning {
    /// A batch key installed at the factory, chaining to a Google RSA root.
    Factory,
    /// A short-lived key from Google's Remote Key Provisioning (RKP) servers.
    Remote,
    /// The Android Keystore software attestation key (public in AOSP).
    Software,
    /// The chain ends at a caller-supplied root, so the method is not known.
    Unknown,
}

/// Which pinned key anchored the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnchorInfo {
    /// The root's name.
    pub name: String,
    /// What the root vouches for.
    pub kind: RootKind,
    /// Lower-case hex SHA-256 of its SubjectPublicKeyInfo.
    pub key_sha256: String,
    /// Whether the chain included the root certificate (false: the root was omitted and the
    /// top certificate was verified directly with the pinned key).
    pub root_included: bool,
}

impl AnchorInfo {
    fn new(anchor: &TrustAnchor, root_included: bool) -> Self {
        Self {
            name: anchor.name().to_owned(),
            kind: anchor.kind(),
            key_sha256: anchor.key_sha256_hex(),
            root_included,
        }
    }
}

/// A chain that passed every check of [`Verifier::verify`]; only the verifier builds one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedAttestation {
    claims: AndroidClaims,
    key_description: KeyDescription,
    provisioning_info: Option<ProvisioningInfo>,
}

impl VerifiedAttestation {
    /// What the chain proves, in the serialisable claims model.
    pub fn claims(&self) -> &AndroidClaims {
        &self.claims
    }

    /// The leaf's full KeyDescription.
    pub fn key_description(&self) -> &KeyDescription {
        &self.key_description
    }

    /// The RKP provisioning information, when a certificate carried it.
    pub fn provisioning_info(&self) -> Option<&ProvisioningInfo> {
        self.provisioning_info.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_is_send_sync_and_clones_share_the_cache() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Verifier>();
        let a = Verifier::new();
        let b = a.clone();
        assert!(std::ptr::eq(a.signature_cache(), b.signature_cache()));
    }

    #[test]
    fn rkp_ca_name_is_recognised_exactly() {
        // SEQUENCE { SET { CN "Droid CA2" }, SET { O "Google LLC" } }, as in real RKP chains.
        let name = [
            0x30, 0x29, 0x31, 0x12, 0x30, 0x10, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x09, b'D',
            b'r', b'o', b'i', b'd', b' ', b'C', b'A', b'2', 0x31, 0x13, 0x30, 0x11, 0x06, 0x03,
            0x55, 0x04, 0x0a, 0x0c, 0x0a, b'G', b'o', b'o', b'g', b'l', b'e', b' ', b'L', b'L',
            b'C',
        ];
        assert!(is_rkp_ca(&name));
        let mut other = name;
        other[21] = b'3';
        assert!(!is_rkp_ca(&other));
        assert!(!is_rkp_ca(&[0x30, 0x00, 0x00]));
    }
}
