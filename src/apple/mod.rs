//! Apple App Attest ([Validating apps that connect to your server]).
//!
//! - [`AttestationObject`], [`AuthenticatorData`] and [`Assertion`] decode the CBOR and binary
//!   structures without judging them (for `inspect` and fuzzing).
//! - [`Verifier`] follows Apple's server steps literally: the attestation to the App Attestation
//!   Root CA and every binding (nonce, key ID, App ID, counter, environment), then each
//!   assertion against the stored key and counter. It returns [`AttestationClaims`] and
//!   [`AssertionClaims`].
//!
//! The receipt (PKCS #7 under Apple Root CA - G3) is returned undecoded; it is not validated.
//!
#![doc = concat!(
    "[Validating apps that connect to your server]: https://developer.apple.com/documentation/",
    "devicecheck/validating-apps-that-connect-to-your-server"
)]

mod assertion;
mod attestation_object;
mod authenticator_data;
mod cbor;
mod claims;
mod environment;
mod inspect;
mod public_key;
mod verify;

pub use assertion::Assertion;
pub use attestation_object::{AttestationObject, FORMAT};
pub use authenticator_data::{
    AttestedCredentialData, AuthenticatorData, CoseKey, Extension, ExtensionValue, Extensions,
    EXTENSION_BUNDLE_VERSION, EXTENSION_VALIDATION_CATEGORY, FLAG_ATTESTED_CREDENTIAL_DATA,
    FLAG_EXTENSION_DATA, FLAG_USER_PRESENT, FLAG_USER_VERIFIED,
};
pub use claims::{AssertionClaims, AttestationClaims};
pub use environment::Environment;
pub use inspect::{inspect, AppleCertificateReport, AppleReport};
pub use public_key::PublicKey;
pub use verify::{client_data_hash, Verifier};
