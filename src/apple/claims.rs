//! What a successful App Attest verification proved, serialisable for storage and reports.

use serde::Serialize;

use crate::apple::authenticator_data::Extensions;
use crate::apple::environment::Environment;
use crate::apple::public_key::PublicKey;
use crate::error::Error;
use crate::time::UnixTime;

/// The facts a verified attestation proves. Only [`crate::apple::Verifier`] builds one.
///
/// Store `key_id`, `public_key` and `counter` (and the receipt, to fetch risk metrics) for the
/// assertions that follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AttestationClaims {
    /// The key identifier: SHA-256 of the uncompressed public key point (base64 in JSON).
    #[serde(serialize_with = "crate::serde_bytes::base64")]
    pub key_id: Vec<u8>,
    /// The attested public key, DER SubjectPublicKeyInfo (base64 in JSON).
    #[serde(serialize_with = "crate::serde_bytes::base64")]
    pub public_key: Vec<u8>,
    /// The App ID the RP ID hash was checked against.
    pub app_id: String,
    /// The environment whose AAGUID the authenticator data carries.
    pub environment: Environment,
    /// The counter, always 0 after attestation: the value to store for the first assertion.
    pub counter: u32,
    /// The receipt (PKCS #7), undecoded and not validated (base64 in JSON).
    #[serde(serialize_with = "crate::serde_bytes::base64")]
    pub receipt: Vec<u8>,
    /// iOS 27 `apple_bundle_version_01`, when present.
    pub bundle_version: Option<String>,
    /// iOS 27 `apple_validation_category_01`, when present (hex in JSON).
    #[serde(serialize_with = "crate::serde_bytes::hex_opt")]
    pub validation_category: Option<Vec<u8>>,
    /// Every authenticator data extension, known or not, when the map is present.
    pub extensions: Option<Extensions>,
    /// The credential certificate's notBefore.
    pub leaf_not_before: UnixTime,
    /// The credential certificate's notAfter.
    pub leaf_not_after: UnixTime,
    /// The name of the trust anchor the chain ends at.
    pub root: String,
}

impl AttestationClaims {
    /// The attested key, ready for [`crate::apple::Verifier::verify_assertion`].
    ///
    /// # Errors
    ///
    /// None in practice: the key was decoded during verification.
    pub fn attested_key(&self) -> Result<PublicKey, Error> {
        PublicKey::from_spki_der(&self.public_key)
    }
}

/// The facts a verified assertion proves. Only [`crate::apple::Verifier`] builds one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AssertionClaims {
    /// The new counter: store it in place of the previous one.
    pub counter: u32,
    /// iOS 27 `apple_bundle_version_01`, when present.
    pub bundle_version: Option<String>,
    /// iOS 27 `apple_validation_category_01`, when present (hex in JSON).
    #[serde(serialize_with = "crate::serde_bytes::hex_opt")]
    pub validation_category: Option<Vec<u8>>,
    /// Every authenticator data extension, known or not, when the map is present.
    pub extensions: Option<Extensions>,
}
