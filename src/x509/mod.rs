//! X.509 certificates: splitting, signature verification and linear chain validation.
//!
//! Why a validator of our own rather than `rustls-webpki`: genuine Android chains contain
//! device-minted certificates that break DER (non-DER booleans, NULL ECDSA parameters), leaves
//! with nonsensical validity, and ATTEST_KEY issuers that are not CAs. webpki rejects each of
//! these by design, as a Web PKI verifier should. Attestation chains are linear (leaf first), so
//! no path building is needed: each certificate is checked against the next one.

pub(crate) mod cert;
pub(crate) mod chain;
pub(crate) mod der_reader;
pub mod oid;
pub(crate) mod signature;
pub(crate) mod summary;

pub use cert::{Certificate, Oddity};
pub use signature::SignatureCache;
pub use summary::CertificateSummary;
