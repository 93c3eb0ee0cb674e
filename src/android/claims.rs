//! What a verified Android chain proves, as one serialisable value.
//!
//! Device-integrity values (root of trust, OS version, patch levels) and key properties come
//! from the list the key's environment enforces: `hardwareEnforced` when the KeyMint (or
//! Keymaster) security level is TrustedEnvironment or StrongBox, `softwareEnforced` when it is
//! software. Values from the other list stay available in the full [`KeyDescription`], never in
//! the claims. The
//! application identity is always in `softwareEnforced` (AOSP schema: Keystore, not the secure
//! environment, fills it in).

use serde::Serialize;

use crate::android::application_id::AttestationApplicationId;
use crate::android::authorization_list::{
    Algorithm, AuthorizationList, Digest, EcCurve, KeyOrigin, KeyPurpose, PaddingMode,
};
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

/// Properties of the attested key, from the enforced list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyClaims {
    /// The key's algorithm.
    pub algorithm: Option<Algorithm>,
    /// Key size in bits.
    pub key_size: Option<u32>,
    /// The EC curve, for EC keys.
    pub ec_curve: Option<EcCurve>,
    /// What the key may be used for.
    pub purposes: Vec<KeyPurpose>,
    /// Digests the key may be used with.
    pub digests: Vec<Digest>,
    /// Padding modes the key may be used with.
    pub paddings: Vec<PaddingMode>,
    /// Where the key came from: generated inside the secure environment, imported, ...
    pub origin: Option<KeyOrigin>,
    /// Whether the key is usable without user authentication.
    pub no_auth_required: bool,
    /// Whether the key is rollback-resistant (KeyMint `ROLLBACK_RESISTANCE`, or Keymaster
    /// `ROLLBACK_RESISTANT`).
    pub rollback_resistant: bool,
    /// The key's SubjectPublicKeyInfo (DER) from the leaf, lower-case hex, for the caller to
    /// store.
    pub public_key: String,
}

/// Device identifiers, present only when the app asked for ID attestation and the device
/// vouched for them in the enforced list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeviceIdClaims {
    /// Brand (`Build.BRAND`).
    pub brand: Option<String>,
    /// Device (`Build.DEVICE`).
    pub device: Option<String>,
    /// Product (`Build.PRODUCT`).
    pub product: Option<String>,
    /// Manufacturer (`Build.MANUFACTURER`).
    pub manufacturer: Option<String>,
    /// Model (`Build.MODEL`).
    pub model: Option<String>,
    /// Serial number.
    pub serial: Option<String>,
    /// IMEI.
    pub imei: Option<String>,
    /// Second IMEI.
    pub second_imei: Option<String>,
    /// MEID.
    pub meid: Option<String>,
}

impl DeviceIdClaims {
    fn from_list(list: &AuthorizationList) -> Option<Self> {
        let ids = Self {
            brand: list.attestation_id_brand.clone(),
            device: list.attestation_id_device.clone(),
            product: list.attestation_id_product.clone(),
            manufacturer: list.attestation_id_manufacturer.clone(),
            model: list.attestation_id_model.clone(),
            serial: list.attestation_id_serial.clone(),
            imei: list.attestation_id_imei.clone(),
            second_imei: list.attestation_id_second_imei.clone(),
            meid: list.attestation_id_meid.clone(),
        };
        (ids != Self::default()).then_some(ids)
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
    /// Whether the challenge was compared with the caller's. False only with
    /// `Challenge::NotChecked`: freshness is then **not** proven.
    pub challenge_checked: bool,
    /// Whether every certificate was checked against a revocation status list the caller
    /// supplied. False when none was given: revocation is then **not** proven.
    pub revocation_checked: bool,
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
    /// The attested key's properties.
    pub key: KeyClaims,
    /// Device identifiers, when ID attestation was requested and granted.
    pub device_ids: Option<DeviceIdClaims>,
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
        challenge_checked: bool,
        revocation_checked: bool,
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
        // The list the key's own environment enforces. Under a software root this is only the
        // software's word, which the security levels above already say.
        let enforced: &AuthorizationList = if kd.keymint_security_level == SecurityLevel::Software {
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
            challenge_checked,
            revocation_checked,
            root_of_trust: enforced.root_of_trust.as_ref().map(RootOfTrustClaims::from),
            os_version: enforced.os_version.map(i64::from),
            os_patch_level: enforced.os_patch_level.map(i64::from),
            vendor_patch_level: enforced.vendor_patch_level.map(i64::from),
            boot_patch_level: enforced.boot_patch_level.map(i64::from),
            application: kd.software_enforced.attestation_application_id.clone(),
            key: KeyClaims {
                algorithm: enforced.algorithm,
                key_size: enforced.key_size,
                ec_curve: enforced.ec_curve,
                purposes: enforced.purposes().to_vec(),
                digests: enforced.digests().to_vec(),
                paddings: enforced.paddings().to_vec(),
                origin: enforced.origin,
                no_auth_required: enforced.no_auth_required,
                rollback_resistant: enforced.rollback_resistance || enforced.rollback_resistant,
                public_key: hex(leaf_spki),
            },
            device_ids: DeviceIdClaims::from_list(enforced),
            provisioning,
            root,
            attest_key_issuer,
        }
    }
}
