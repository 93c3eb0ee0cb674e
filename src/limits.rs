//! Named limits on untrusted input.
//!
//! Every number here bounds work or memory spent on bytes an attacker controls. Each constant says
//! where its value comes from; raising one is a reviewed change, not a tuning knob.

/// Largest input file or buffer accepted by any entry point, in bytes.
///
/// The largest genuine evidence seen is an App Attest object with its receipt (about 5.5 KiB) and
/// a six-certificate Android chain in PEM (about 8 KiB). 256 KiB leaves room for base64 or JSON
/// wrapping of anything real while keeping a hostile request cheap to refuse.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;

/// Largest single certificate accepted, in bytes of DER.
///
/// Real attestation certificates are below 2 KiB; an RSA-4096 root is about 1.4 KiB. 16 KiB is
/// the limit used by several TLS stacks for one certificate.
pub const MAX_CERTIFICATE_BYTES: usize = 16 * 1024;

/// Most certificates accepted in one chain, root included.
///
/// Android RKP chains with an ATTEST_KEY issuer are the longest seen: six certificates (leaf,
/// attest key, RKP intermediate, Droid CA3, Droid CA2, root). Eight leaves headroom for one more
/// provisioning level without letting a caller make us verify dozens of signatures.
pub const MAX_CHAIN_LENGTH: usize = 8;

/// Most extensions read from one certificate.
///
/// Genuine attestation certificates carry at most six. 64 bounds the work of a hostile one.
pub const MAX_EXTENSIONS: usize = 64;

/// Most tagged entries read from one KeyDescription AuthorizationList.
///
/// KeyMint's `Tag.aidl` defines fewer than 80 tags; repeated SET entries seen in the wild double
/// a few of them. 256 bounds a hostile list.
pub const MAX_AUTHORIZATION_TAGS: usize = 256;

/// Most members of one `SET OF` inside a KeyDescription (purposes, digests, packages, ...).
///
/// Real lists hold a handful of values; AttestationApplicationId lists every package sharing a
/// UID, which in practice is fewer than ten. 64 bounds a hostile set.
pub const MAX_SET_MEMBERS: usize = 64;

/// Largest CBOR object (attestation or assertion) accepted, in bytes.
///
/// An App Attest object with receipt is about 5.5 KiB; an assertion is under 200 bytes.
pub const MAX_CBOR_BYTES: usize = 64 * 1024;

/// Deepest CBOR nesting accepted.
///
/// The attestation object is three levels deep (map, attStmt map, x5c array); the iOS 27
/// authenticator-data extension map adds at most two more. 16 refuses hostile nesting long
/// before it could exhaust the stack.
pub const MAX_CBOR_DEPTH: usize = 16;

/// Most entries in any CBOR map or array read.
///
/// The attestation object has three keys, x5c two certificates, the iOS 27 extension map two
/// entries. 32 bounds a hostile container.
pub const MAX_CBOR_ITEMS: usize = 32;

/// Largest ProvisioningInfo extension (1.3.6.1.4.1.11129.2.1.30) accepted, in bytes of CBOR.
///
/// Genuine ones are a map of two or three small entries, at most about 20 bytes (certificates
/// issued, a boolean, the manufacturer name). 512 bytes leaves room for a long manufacturer name.
pub const MAX_PROVISIONING_INFO_BYTES: usize = 512;

/// Deepest CBOR nesting read inside a ProvisioningInfo map: the map itself plus one level for any
/// future structured value, which is skipped.
pub const MAX_PROVISIONING_INFO_DEPTH: usize = 4;

/// Largest revocation status list accepted, in bytes of JSON.
///
/// Google's published list held a few thousand entries (well under 1 MiB) when this was
/// written; 32 MiB leaves room for years of growth while bounding the parse.
pub const MAX_REVOCATION_LIST_BYTES: usize = 32 * 1024 * 1024;

/// Most entries read from one revocation status list.
///
/// Two orders of magnitude above the published list; a list this long is more likely a
/// mistake or an attack on the service that loads it.
pub const MAX_REVOCATION_ENTRIES: usize = 262_144;
