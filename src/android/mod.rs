//! Android Key Attestation ([AOSP: Verify hardware-backed key pairs with key attestation]).
//!
//! [AOSP: Verify hardware-backed key pairs with key attestation]:
//!     https://developer.android.com/privacy-and-security/security-key-attestation

mod application_id;
mod asn1;
mod authorization_list;
mod claims;
mod inspect;
mod key_description;
mod provisioning_info;
mod revocation;
mod root_of_trust;
pub mod tags;
mod verify;

pub use application_id::{AttestationApplicationId, PackageInfo};
pub use authorization_list::{
    Algorithm, AuthorizationList, BlockMode, Digest, EcCurve, HardwareAuthenticatorTypes,
    KeyOrigin, KeyPurpose, MlDsaVariant, PaddingMode, UnknownTag,
};
pub use key_description::{KeyDescription, KeyDescriptionOddity, SecurityLevel};
pub use provisioning_info::ProvisioningInfo;
pub use revocation::{RevocationEntry, RevocationList, RevocationStatus};
pub use root_of_trust::{RootOfTrust, VerifiedBootState};

pub use claims::{AndroidClaims, DeviceIdClaims, KeyClaims, RootOfTrustClaims};
pub use inspect::{inspect, CertificateReport, ChainReport};
pub use verify::{
    AnchorInfo, Challenge, Provisioning, VerifiedAttestation, Verifier, VerifierBuilder,
};

use crate::error::Error;
use crate::x509::cert::{Certificate, Strictness};
use crate::x509::oid::ANDROID_KEY_DESCRIPTION;

/// The KeyDescription extension value (1.3.6.1.4.1.11129.2.1.17) of the DER certificate
/// `cert_der`, if it has one; for inspection and tests. The certificate is split with the
/// device-tolerant parser and judged on nothing else.
pub fn key_description_extension(cert_der: &[u8]) -> Result<Option<&[u8]>, Error> {
    let cert = Certificate::parse(cert_der, 0, Strictness::Device)?;
    Ok(cert.extension(&ANDROID_KEY_DESCRIPTION))
}
