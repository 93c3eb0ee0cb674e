//! Object identifiers used by the certificate layer.

use der::asn1::ObjectIdentifier;

/// basicConstraints, RFC 5280 section 4.2.1.9.
pub(crate) const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
/// keyUsage, RFC 5280 section 4.2.1.3.
pub(crate) const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
/// extKeyUsage, RFC 5280 section 4.2.1.12; marked critical by some vendor CAs, and constrains
/// nothing attestation relies on.
pub(crate) const EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");

/// Android KeyDescription (attestation record), AOSP "Attestation extension".
pub const ANDROID_KEY_DESCRIPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.11129.2.1.17");
/// Android provisioning information (RKP), AOSP "Provisioning information extension".
pub const ANDROID_PROVISIONING_INFO: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.11129.2.1.30");
/// Apple App Attest nonce, Apple "Validating apps that connect to your server" step 4.
pub const APPLE_APP_ATTEST_NONCE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113635.100.8.2");

/// rsaEncryption, RFC 8017 appendix A.1.
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// sha256WithRSAEncryption, RFC 4055 section 5.
pub(crate) const SHA256_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// sha384WithRSAEncryption, RFC 4055 section 5.
pub(crate) const SHA384_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
/// sha512WithRSAEncryption, RFC 4055 section 5.
pub(crate) const SHA512_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
/// id-ecPublicKey, RFC 5480 section 2.1.1.
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// secp256r1, RFC 5480 section 2.1.1.1.
pub(crate) const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// secp384r1, RFC 5480 section 2.1.1.1.
pub(crate) const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// ecdsa-with-SHA256, RFC 5758 section 3.2.
pub(crate) const ECDSA_WITH_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// ecdsa-with-SHA384, RFC 5758 section 3.2.
pub(crate) const ECDSA_WITH_SHA384: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
/// ecdsa-with-SHA512, RFC 5758 section 3.2.
pub(crate) const ECDSA_WITH_SHA512: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

/// Extensions whose criticality hwattest honours by processing them.
pub(crate) fn is_understood_extension(oid: &ObjectIdentifier) -> bool {
    [
        BASIC_CONSTRAINTS,
        KEY_USAGE,
        EXT_KEY_USAGE,
        ANDROID_KEY_DESCRIPTION,
        APPLE_APP_ATTEST_NONCE,
    ]
    .contains(oid)
}
