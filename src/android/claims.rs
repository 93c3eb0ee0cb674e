//! What a verified Android chain proves, as one serialisable value.
//!
//! Device-integrity values (root of trust, OS version, patch levels) come from the list the
//! attesting environment enforces: `hardwareEnforced` for TrustedEnvironment and StrongBox
//! attestation, `softwareEnforced` when the attestation itself is software. Values from the
//! other list stay available in the full [`KeyDescription`], never in the claims. The
//! application identity is always in `softwareEnforced` (AOSP schema: Keystore, not the secure
//! environment, fills it in).

use serde::Serialize;

use crate::android::application_id::AttestationApplicationId;
use crate::android::authorization_list::AuthorizationList;
use crate::android::key_description::{KeyDescription, SecurityLevel};
use crate::android::root_of_trust::{RootOfTrust, VerifiedBootState};
use crate::android::verify::{AnchorInfo, Provisioning};
use crate::encoding::hex;

/// The root of trust, as proven.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RootOfTrustClaims {
    /// The verified-boot state the bootloader reported.
    pub verified_boot_state: VerifiedBootState,
    /// Whether the bootloader is locked.
    pub device_locked: bool,
    /// The key that verified the OS image (all zeros when unlocked on Pixels), lower-case hex.
    pub verified_boot_key: String,
    /// Digest of the verified-boot data (attestation version 3 and later), lower-case hex.
    pub verified_boot_hash: Option<String>,
}

impl From<&RootOfTrust> for RootOfTrustClaims {
    fn from(rot: &RootOfTrust) -> Self {
        Self {
            verified_boot_state: rot.verified_boot_state,
            device_locked: rot.device_locked,
            verified_boot_key: hex(&rot.verified_boot_key),
            verified_boot_hash: rot.verified_boot_hash.as_deref().map(hex),
        }
    }
}

/// Claims of a verified Android Key Attestation chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AndroidClaims {
    /// KeyDescription `attestationVersion` (1-4 Keymaster, 100-500 KeyMint).
    pub attestation_version: i64,
    /// Where the attestation was produced; `software` whenever the chain ends at a software
    /// root, whatever the KeyDescription says.
    pub attestation_security_level: SecurityLevel,
    /// KeyDescription `keyMintVersion` (or `keymasterVersion`).
    pub keymint_version: i64,
    /// Where the key lives; `software` whenever the chain ends at a software root.
    pub keymint_security_level: SecurityLevel,
    /// The challenge bound into the leaf, lower-case hex.
    pub challenge: String,
    /// Verified boot and bootloader lock state, when attested.
    pub root_of_trust: Option<RootOfTrustClaims>,
    /// OS version, e.g. 140000 for Android 14.
    pub os_version: Option<i64>,
    /// OS security patch level, YYYYMM.
    pub os_patch_level: Option<i64>,
    /// Vendor image patch level, YYYYMMDD.
    pub vendor_patch_level: Option<i64>,
    /// Boot image patch level, YYYYMMDD.
    pub boot_patch_level: Option<i64>,
    /// The app(s) that asked for the key, with their signing-certificate digests.
    pub application: Option<AttestationApplicationId>,
    /// The attested key's SubjectPublicKeyInfo (DER), lower-case hex, for the caller to store.
    pub public_key: String,
    /// How the attestation key was provisioned.
    pub provisioning: Provisioning,
    /// The pinned key the chain ends at.
    pub root: AnchorInfo,
    /// Whether the leaf was signed by an app-generated ATTEST_KEY key rather than the
    /// device's attestation key.
    pub attest_key_issuer: bool,
}

impl AndroidClaims {
    pub(crate) fn new(
        kd: &KeyDescription,
        leaf_spki: &[u8],
        root: AnchorInfo,
        provisioning: Provisioning,
        attest_key_issuer: bool,
    ) -> Self {
        let software = provisioning == Provisioning::Software;
        let attestation_security_level = if software {
            SecurityLevel::Software
        } else {
            kd.attestation_security_level
        };
        let keymint_security_level = if software {
            SecurityLevel::Software
        } else {
            kd.keymint_security_level
        };
        let enforced: &AuthorizationList = if attestation_security_level == SecurityLevel::Software
        {
            &kd.software_enforced
        } else {
            &kd.hardware_enforced
        };
        Self {
            attestation_version: i64::from(kd.attestation_version),
            attestation_security_level,
            keymint_version: i64::from(kd.keymint_version),
            keymint_security_level,
            challenge: hex(&kd.attestation_challenge),
            root_of_trust: enforced.root_of_trust.as_ref().map(RootOfTrustClaims::from),
            os_version: enforced.os_version.map(i64::from),
            os_patch_level: enforced.os_patch_level.map(i64::from),
            vendor_patch_level: enforced.vendor_patch_level.map(i64::from),
            boot_patch_level: enforced.boot_patch_level.map(i64::from),
            application: kd.software_enforced.attestation_application_id.clone(),
            public_key: hex(leaf_spki),
            provisioning,
            root,
            attest_key_issuer,
        }
    }
}
