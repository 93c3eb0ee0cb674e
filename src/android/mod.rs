//! Android Key Attestation ([AOSP: Verify hardware-backed key pairs with key attestation]).
//!
//! [AOSP: Verify hardware-backed key pairs with key attestation]:
//!     https://developer.android.com/privacy-and-security/security-key-attestation
