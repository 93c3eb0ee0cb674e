//! # hwattest
//!
//! Verifies hardware-backed key attestation from mobile devices, offline:
//!
//! - **Android Key Attestation**: an X.509 chain whose leaf carries the KeyDescription
//!   extension, validated to Google's attestation root keys ([`android::Verifier`]).
//! - **Apple App Attest**: attestation objects and assertions, validated to the Apple App
//!   Attestation Root CA ([`apple`]).
//!
//! The crate is layered: `encoding` frames input bytes, `x509` and the platform parsers decode
//! into typed structures without judging them, the platform `Verifier`s prove signatures, roots,
//! time and bindings, and return typed claims. Verification time, roots and every other input the
//! caller owns are parameters; the library reads no clock, no environment, and logs nothing.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod android;
pub mod apple;
pub mod encoding;
mod error;
pub mod limits;
mod roots;
mod serde_bytes;
mod time;
pub mod x509;

pub use error::Error;
pub use roots::{RootKind, Roots, TrustAnchor};
pub use time::UnixTime;
