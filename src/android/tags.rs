//! KeyMint / Keymaster tag numbers as they appear in a KeyDescription AuthorizationList.
//!
//! Each AuthorizationList entry is `[n] EXPLICIT`, where `n` is the KeyMint `Tag` value with its
//! `TagType` bits masked off (KeyMint `Tag.aidl`; AOSP "Key and ID attestation", AuthorizationList
//! schema; the schema comment in KeyMint `KeyCreationResult.aidl`). Numbers above 30 use the
//! ASN.1 high-tag-number form.
//!
//! Deliberately not given a typed field (kept as [`super::UnknownTag`] and recorded as an oddity
//! if a device emits them), because the KeyDescription schema does not list them and no genuine
//! attestation carrying them has been seen:
//!
//! - `CALLER_NONCE` (7), `MIN_MAC_LENGTH` (8), `INCLUDE_UNIQUE_ID` (202),
//!   `BLOB_USAGE_REQUIREMENTS` (301), `BOOTLOADER_ONLY` (302), `HARDWARE_TYPE` (304),
//!   `MIN_SECONDS_BETWEEN_OPS` (403), `MAX_USES_PER_BOOT` (404), `USER_ID` (501),
//!   `USER_SECURE_ID` (502), `IDENTITY_CREDENTIAL_KEY` (721), `STORAGE_KEY` (722),
//!   `MAX_BOOT_LEVEL` (1010): key-use parameters KeyMint enforces but does not attest.
//! - `APPLICATION_DATA` (700), `UNIQUE_ID` (707), `ATTESTATION_CHALLENGE` (708),
//!   `ASSOCIATED_DATA` (1000), `NONCE` (1001), `MAC_LENGTH` (1003),
//!   `RESET_SINCE_ID_ROTATION` (1004), `CONFIRMATION_TOKEN` (1005), `CERTIFICATE_*`
//!   (1006-1009): secrets, operation parameters, or values carried elsewhere in the
//!   KeyDescription (the challenge and unique ID are top-level fields).

/// `purpose [1] EXPLICIT SET OF INTEGER` (KeyMint `Tag::PURPOSE`, `KeyPurpose.aidl`).
pub const PURPOSE: u32 = 1;
/// `algorithm [2] EXPLICIT INTEGER` (`Tag::ALGORITHM`, `Algorithm.aidl`).
pub const ALGORITHM: u32 = 2;
/// `keySize [3] EXPLICIT INTEGER` (`Tag::KEY_SIZE`), in bits.
pub const KEY_SIZE: u32 = 3;
/// `blockMode [4] EXPLICIT SET OF INTEGER` (`Tag::BLOCK_MODE`, `BlockMode.aidl`).
pub const BLOCK_MODE: u32 = 4;
/// `digest [5] EXPLICIT SET OF INTEGER` (`Tag::DIGEST`, `Digest.aidl`).
pub const DIGEST: u32 = 5;
/// `padding [6] EXPLICIT SET OF INTEGER` (`Tag::PADDING`, `PaddingMode.aidl`).
pub const PADDING: u32 = 6;
/// `ecCurve [10] EXPLICIT INTEGER` (`Tag::EC_CURVE`, `EcCurve.aidl`).
pub const EC_CURVE: u32 = 10;
/// `mlDsaVariant [11] EXPLICIT INTEGER`: the ML-DSA parameter set, KeyMint v5 (attestation
/// version 500). Number taken from the Pixel 9 Android 17 vector and android/keyattestation's
/// `mlDsaVariant` field; the Tag.aidl revision that adds it was not available to check.
pub const ML_DSA_VARIANT: u32 = 11;
/// `rsaPublicExponent [200] EXPLICIT INTEGER` (`Tag::RSA_PUBLIC_EXPONENT`).
pub const RSA_PUBLIC_EXPONENT: u32 = 200;
/// `mgfDigest [203] EXPLICIT SET OF INTEGER` (`Tag::RSA_OAEP_MGF_DIGEST`), KeyMint.
pub const RSA_OAEP_MGF_DIGEST: u32 = 203;
/// `rollbackResistance [303] EXPLICIT NULL` (`Tag::ROLLBACK_RESISTANCE`), Keymaster 4 and later.
pub const ROLLBACK_RESISTANCE: u32 = 303;
/// `earlyBootOnly [305] EXPLICIT NULL` (`Tag::EARLY_BOOT_ONLY`), Keymaster 4.1 and later.
pub const EARLY_BOOT_ONLY: u32 = 305;
/// `activeDateTime [400] EXPLICIT INTEGER` (`Tag::ACTIVE_DATETIME`), ms since the epoch.
pub const ACTIVE_DATE_TIME: u32 = 400;
/// `originationExpireDateTime [401] EXPLICIT INTEGER` (`Tag::ORIGINATION_EXPIRE_DATETIME`).
pub const ORIGINATION_EXPIRE_DATE_TIME: u32 = 401;
/// `usageExpireDateTime [402] EXPLICIT INTEGER` (`Tag::USAGE_EXPIRE_DATETIME`).
pub const USAGE_EXPIRE_DATE_TIME: u32 = 402;
/// `usageCountLimit [405] EXPLICIT INTEGER` (`Tag::USAGE_COUNT_LIMIT`), KeyMint.
pub const USAGE_COUNT_LIMIT: u32 = 405;
/// `noAuthRequired [503] EXPLICIT NULL` (`Tag::NO_AUTH_REQUIRED`).
pub const NO_AUTH_REQUIRED: u32 = 503;
/// `userAuthType [504] EXPLICIT INTEGER` (`Tag::USER_AUTH_TYPE`, a
/// `HardwareAuthenticatorType` bit mask).
pub const USER_AUTH_TYPE: u32 = 504;
/// `authTimeout [505] EXPLICIT INTEGER` (`Tag::AUTH_TIMEOUT`), seconds.
pub const AUTH_TIMEOUT: u32 = 505;
/// `allowWhileOnBody [506] EXPLICIT NULL` (`Tag::ALLOW_WHILE_ON_BODY`).
pub const ALLOW_WHILE_ON_BODY: u32 = 506;
/// `trustedUserPresenceReq [507] EXPLICIT NULL` (`Tag::TRUSTED_USER_PRESENCE_REQUIRED`).
pub const TRUSTED_USER_PRESENCE_REQUIRED: u32 = 507;
/// `trustedConfirmationReq [508] EXPLICIT NULL` (`Tag::TRUSTED_CONFIRMATION_REQUIRED`).
pub const TRUSTED_CONFIRMATION_REQUIRED: u32 = 508;
/// `unlockedDeviceReq [509] EXPLICIT NULL` (`Tag::UNLOCKED_DEVICE_REQUIRED`).
pub const UNLOCKED_DEVICE_REQUIRED: u32 = 509;
/// `allApplications [600] EXPLICIT NULL`: Keymaster 2 and 3 schema only.
pub const ALL_APPLICATIONS: u32 = 600;
/// `applicationId [601] EXPLICIT OCTET STRING` (`Tag::APPLICATION_ID`): Keymaster 2 schema;
/// KeyMint never attests it.
pub const APPLICATION_ID: u32 = 601;
/// `creationDateTime [701] EXPLICIT INTEGER` (`Tag::CREATION_DATETIME`), ms since the epoch.
pub const CREATION_DATE_TIME: u32 = 701;
/// `origin [702] EXPLICIT INTEGER` (`Tag::ORIGIN`, `KeyOrigin.aidl`).
pub const ORIGIN: u32 = 702;
/// `rollbackResistant [703] EXPLICIT NULL`: Keymaster 2 and 3 schema (replaced by 303).
pub const ROLLBACK_RESISTANT: u32 = 703;
/// `rootOfTrust [704] EXPLICIT RootOfTrust` (`Tag::ROOT_OF_TRUST`).
pub const ROOT_OF_TRUST: u32 = 704;
/// `osVersion [705] EXPLICIT INTEGER` (`Tag::OS_VERSION`), e.g. 140000 for Android 14.
pub const OS_VERSION: u32 = 705;
/// `osPatchLevel [706] EXPLICIT INTEGER` (`Tag::OS_PATCHLEVEL`), YYYYMM.
pub const OS_PATCH_LEVEL: u32 = 706;
/// `attestationApplicationId [709] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_APPLICATION_ID`).
pub const ATTESTATION_APPLICATION_ID: u32 = 709;
/// `attestationIdBrand [710] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_BRAND`).
pub const ATTESTATION_ID_BRAND: u32 = 710;
/// `attestationIdDevice [711] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_DEVICE`).
pub const ATTESTATION_ID_DEVICE: u32 = 711;
/// `attestationIdProduct [712] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_PRODUCT`).
pub const ATTESTATION_ID_PRODUCT: u32 = 712;
/// `attestationIdSerial [713] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_SERIAL`).
pub const ATTESTATION_ID_SERIAL: u32 = 713;
/// `attestationIdImei [714] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_IMEI`).
pub const ATTESTATION_ID_IMEI: u32 = 714;
/// `attestationIdMeid [715] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_MEID`).
pub const ATTESTATION_ID_MEID: u32 = 715;
/// `attestationIdManufacturer [716] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_MANUFACTURER`).
pub const ATTESTATION_ID_MANUFACTURER: u32 = 716;
/// `attestationIdModel [717] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_MODEL`).
pub const ATTESTATION_ID_MODEL: u32 = 717;
/// `vendorPatchLevel [718] EXPLICIT INTEGER` (`Tag::VENDOR_PATCHLEVEL`), YYYYMMDD.
pub const VENDOR_PATCH_LEVEL: u32 = 718;
/// `bootPatchLevel [719] EXPLICIT INTEGER` (`Tag::BOOT_PATCHLEVEL`), YYYYMMDD.
pub const BOOT_PATCH_LEVEL: u32 = 719;
/// `deviceUniqueAttestation [720] EXPLICIT NULL` (`Tag::DEVICE_UNIQUE_ATTESTATION`).
pub const DEVICE_UNIQUE_ATTESTATION: u32 = 720;
/// `attestationIdSecondImei [723] EXPLICIT OCTET STRING` (`Tag::ATTESTATION_ID_SECOND_IMEI`),
/// KeyMint v3.
pub const ATTESTATION_ID_SECOND_IMEI: u32 = 723;
/// `moduleHash [724] EXPLICIT OCTET STRING` (`Tag::MODULE_HASH`), KeyMint v4: SHA-256 of the
/// DER `Modules` structure (APEX module versions).
pub const MODULE_HASH: u32 = 724;
