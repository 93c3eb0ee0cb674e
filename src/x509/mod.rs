//! X.509 certificates: splitting, signature verification and linear chain validation.
//!
//! Why a validator of our own rather than `rustls-webpki`, measured: we ran `rustls-webpki`
//! 0.103.17 (RustCrypto algorithms through `rustls-rustcrypto`, cross-checked with `ring`) on the
//! 29 real chains of the shared test vectors, trusting each chain's own last certificate, the
//! most favourable setup. It accepted 18 of the 21 genuine hardware chains and refused 3 with
//! `EndEntityUsedAsCa`: both ATTEST_KEY chains (the attest-key certificate has no
//! basicConstraints) and a Sony factory chain (batch certificate with `cA = FALSE`). All three are
//! genuine, and webpki has no switch for a non-CA signer. It also refuses the emulator's software
//! leaf (notAfter 1969-12-31, `BadDerTime`), always enforces leaf validity, which attestation must
//! skip, and chooses issuers by name rather than position. Attestation chains are linear, leaf
//! first, so hwattest checks each certificate against the next one and the last against a pinned
//! key, with the exceptions documented in `src/x509/chain.rs`.

pub(crate) mod cert;
pub(crate) mod chain;
pub(crate) mod der_reader;
pub mod oid;
pub(crate) mod signature;
pub(crate) mod summary;

pub use cert::{Certificate, Oddity};
pub use signature::SignatureCache;
pub use summary::CertificateSummary;
