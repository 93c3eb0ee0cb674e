//! The one error type of hwattest.
//!
//! Every variant states a fact about the input and says where it was found: which certificate
//! (index 0 is the leaf), which KeyDescription tag, which CBOR field. Variants never carry secret
//! material. Tests compare variants exactly, so each is `Clone + PartialEq + Eq`.

use core::fmt;

use crate::time::UnixTime;

/// Why a piece of evidence was not decoded, not trusted, or not bound to the caller's inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    // ---------------------------------------------------------------------------------------
    // Input decoding.
    // ---------------------------------------------------------------------------------------
    /// The input is larger than the named limit allows.
    InputTooLarge {
        /// What was too large (`"input"`, `"certificate 2"`, `"CBOR object"`, ...).
        what: &'static str,
        /// Its size in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },

    /// The input was empty (or only whitespace), or held no certificate or object.
    InputEmpty,

    /// The input is not in any accepted encoding (PEM, DER, base64, JSON array of base64).
    InputEncoding {
        /// The encoding that was tried and how it failed.
        reason: &'static str,
    },

    /// The chain holds more certificates than [`crate::limits::MAX_CHAIN_LENGTH`].
    ChainTooLong {
        /// Number of certificates presented.
        len: usize,
        /// The limit.
        limit: usize,
    },

    // ---------------------------------------------------------------------------------------
    // Certificate structure (RFC 5280 section 4.1).
    // ---------------------------------------------------------------------------------------
    /// A certificate is not well-formed DER (or, for a device-minted certificate, not even
    /// tolerable BER).
    CertificateMalformed {
        /// Index in the chain, 0 is the leaf.
        index: usize,
        /// The certificate field that failed to decode.
        field: &'static str,
    },

    /// A certificate has bytes after its outer SEQUENCE.
    CertificateTrailingData {
        /// Index in the chain, 0 is the leaf.
        index: usize,
    },

    /// A certificate uses a signature algorithm hwattest does not verify.
    UnsupportedSignatureAlgorithm {
        /// Index of the certificate whose signature uses it.
        index: usize,
    },

    /// A certificate's public key is of a type or curve that cannot verify the next signature.
    UnsupportedPublicKey {
        /// Index of the certificate that holds the key.
        index: usize,
    },

    /// A certificate carries more extensions than [`crate::limits::MAX_EXTENSIONS`].
    TooManyExtensions {
        /// Index in the chain.
        index: usize,
        /// The limit.
        limit: usize,
    },

    /// A certificate carries an extension twice (RFC 5280 section 4.2).
    DuplicateExtension {
        /// Index in the chain.
        index: usize,
    },

    /// A certificate marks an extension critical that hwattest does not understand.
    UnknownCriticalExtension {
        /// Index in the chain.
        index: usize,
    },

    // ---------------------------------------------------------------------------------------
    // Chain validation.
    // ---------------------------------------------------------------------------------------
    /// A certificate's issuer name is not the next certificate's subject name.
    IssuerMismatch {
        /// Index of the certificate whose issuer does not match.
        index: usize,
    },

    /// A certificate's signature does not verify under its issuer's key.
    BadSignature {
        /// Index of the certificate whose signature failed.
        index: usize,
    },

    /// A certificate that issued another is not a CA (basicConstraints cA is not true) and is not
    /// an ATTEST_KEY certificate allowed to sign the leaf.
    IssuerNotCa {
        /// Index of the issuing certificate.
        index: usize,
    },

    /// An issuing certificate's keyUsage lacks keyCertSign.
    IssuerKeyUsage {
        /// Index of the issuing certificate.
        index: usize,
    },

    /// A CA certificate's pathLenConstraint is exceeded by the certificates below it.
    PathLengthExceeded {
        /// Index of the constraining certificate.
        index: usize,
    },

    /// A certificate whose validity is enforced is not yet valid at the verification time.
    CertificateNotYetValid {
        /// Index in the chain.
        index: usize,
        /// The verification time, seconds since the Unix epoch.
        time: i64,
        /// The certificate's notBefore, seconds since the Unix epoch.
        not_before: i64,
    },

    /// A certificate whose validity is enforced has expired at the verification time.
    CertificateExpired {
        /// Index in the chain.
        index: usize,
        /// The verification time, seconds since the Unix epoch.
        time: i64,
        /// The certificate's notAfter, seconds since the Unix epoch.
        not_after: i64,
    },

    /// The chain ends at a certificate that no trusted root key issued or is.
    UntrustedRoot,

    /// The chain ends at an Android Keystore software attestation root, and the caller did not
    /// opt in to software attestation.
    SoftwareRoot,

    // ---------------------------------------------------------------------------------------
    // Android Key Attestation (AOSP "Verifying hardware-backed key pairs with key attestation").
    // ---------------------------------------------------------------------------------------
    /// The leaf certificate carries no KeyDescription extension (1.3.6.1.4.1.11129.2.1.17).
    MissingKeyDescription,

    /// A certificate other than the leaf, or other than an allowed ATTEST_KEY issuer, carries a
    /// KeyDescription extension.
    UnexpectedKeyDescription {
        /// Index of the certificate that carries it.
        index: usize,
    },

    /// Certificate 1 carries a KeyDescription, so its key was attested by KeyMint, but that key
    /// is not an ATTEST_KEY key (ATTEST_KEY as its only hardware-enforced purpose, in a KeyMint
    /// hardware attestation at the leaf's security level): an ordinary attested key signing a
    /// "leaf" is a forgery.
    IssuerNotAttestKey {
        /// Index of the issuing certificate (always 1).
        index: usize,
    },

    /// The KeyDescription extension is not valid.
    KeyDescriptionMalformed {
        /// Index of the certificate that carries it, when known.
        index: Option<usize>,
        /// The KeyDescription field, or the AuthorizationList list (`"hardwareEnforced"`,
        /// `"softwareEnforced"`), that failed.
        field: &'static str,
        /// The KeyMint tag number, when the failure is inside an AuthorizationList entry.
        tag: Option<u32>,
    },

    /// A KeyDescription list (an AuthorizationList, or a `SET OF` inside one) holds more entries
    /// than a named limit ([`crate::limits::MAX_AUTHORIZATION_TAGS`],
    /// [`crate::limits::MAX_SET_MEMBERS`]) allows.
    KeyDescriptionLimitExceeded {
        /// Index of the certificate that carries it, when known.
        index: Option<usize>,
        /// The AuthorizationList (`"hardwareEnforced"`, `"softwareEnforced"`) holding the list.
        field: &'static str,
        /// The KeyMint tag number of the `SET OF`, when the limit is on a set's members.
        tag: Option<u32>,
        /// The limit.
        limit: usize,
    },

    /// The ProvisioningInfo extension (1.3.6.1.4.1.11129.2.1.30) is not the expected CBOR map.
    ProvisioningInfoMalformed {
        /// Index of the certificate that carries it, when known.
        index: Option<usize>,
    },

    /// A certificate of the chain is on the revocation status list.
    CertificateRevoked {
        /// Index of the listed certificate.
        index: usize,
        /// Its status on the list.
        status: crate::android::RevocationStatus,
    },

    /// The revocation status list is not the documented JSON.
    RevocationListMalformed {
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The caller's expected challenge is empty, which would bind nothing.
    ChallengeEmpty,

    /// The attestation challenge in the leaf does not equal the caller's challenge.
    ChallengeMismatch,
    // ---------------------------------------------------------------------------------------
    // Apple App Attest.
    // ---------------------------------------------------------------------------------------
    /// A CBOR object (`object` names which) is not well-formed, or a field has the wrong type.
    CborMalformed {
        /// The object: `"attestation object"`, `"attStmt"`, `"assertion"`, `"COSE key"`,
        /// `"authenticator data extensions"`; `"ProvisioningInfo"` in the limit variants.
        object: &'static str,
    },

    /// A CBOR object ends before its last item is complete.
    CborTruncated {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
    },

    /// A CBOR object nests deeper than [`crate::limits::MAX_CBOR_DEPTH`] (for ProvisioningInfo,
    /// [`crate::limits::MAX_PROVISIONING_INFO_DEPTH`]).
    CborTooDeep {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
        /// The limit.
        limit: usize,
    },

    /// A CBOR map or array holds more entries than [`crate::limits::MAX_CBOR_ITEMS`].
    CborTooManyItems {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
        /// The limit.
        limit: usize,
    },

    /// Bytes follow a complete CBOR object.
    CborTrailingData {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
    },

    /// A CBOR map lacks a field its schema requires.
    CborMissingField {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
        /// The missing key.
        field: &'static str,
    },

    /// A CBOR map holds a key its schema does not define.
    CborUnknownField {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
    },

    /// A CBOR map holds the same key twice.
    CborDuplicateField {
        /// The object, as in [`Error::CborMalformed`].
        object: &'static str,
        /// The repeated key.
        field: &'static str,
    },

    /// The attestation object's `fmt` is not `apple-appattest`.
    UnsupportedAttestationFormat,

    /// The authenticator data is too short for a field, or a field is not valid.
    AuthenticatorDataMalformed {
        /// The field: `"rpIdHash"`, `"flags"`, `"signCount"`, `"aaguid"`,
        /// `"credentialIdLength"`, `"credentialId"`, `"extensions"`.
        field: &'static str,
    },

    /// The credential public key is not an EC2 P-256 ES256 COSE key with 32-byte coordinates.
    CoseKeyUnsupported,

    /// The credential certificate carries no App Attest nonce extension
    /// (1.2.840.113635.100.8.2).
    NonceMissing,

    /// The nonce extension is not exactly `SEQUENCE { [1] EXPLICIT OCTET STRING (32 bytes) }`.
    NonceMalformed,

    /// The nonce in the credential certificate is not SHA-256(authData || clientDataHash).
    NonceMismatch,

    /// SHA-256 of the credential certificate's public key is not the key identifier.
    KeyIdMismatch,

    /// The authenticator data's credential ID is not the key identifier.
    CredentialIdMismatch,

    /// The authenticator data's COSE key is not the credential certificate's public key.
    CoseKeyMismatch,

    /// The authenticator data's RP ID hash is not SHA-256 of the App ID.
    RpIdMismatch,

    /// An attestation's counter is not 0.
    CounterNotZero {
        /// The counter found.
        counter: u32,
    },

    /// The AAGUID is not the one of the environment the verifier is configured for.
    AaguidMismatch,

    /// The assertion's signature does not verify under the stored public key.
    AssertionBadSignature,

    /// The assertion's counter is not greater than the stored counter.
    CounterNotIncreasing {
        /// The counter stored from the previous assertion (0 after attestation).
        stored: u32,
        /// The counter in the assertion.
        counter: u32,
    },

    /// The stored public key is not a P-256 SubjectPublicKeyInfo or SEC1 point.
    PublicKeyMalformed,

    /// The client data hash is empty, so it binds nothing.
    ClientDataHashEmpty,
}

impl Error {
    /// The same error, with the index of the certificate it was found in filled in where the
    /// parser that raised it could not know it.
    pub(crate) fn at_certificate(self, cert: usize) -> Self {
        match self {
            Self::KeyDescriptionMalformed {
                index: None,
                field,
                tag,
            } => Self::KeyDescriptionMalformed {
                index: Some(cert),
                field,
                tag,
            },
            Self::KeyDescriptionLimitExceeded {
                index: None,
                field,
                tag,
                limit,
            } => Self::KeyDescriptionLimitExceeded {
                index: Some(cert),
                field,
                tag,
                limit,
            },
            Self::ProvisioningInfoMalformed { index: None } => {
                Self::ProvisioningInfoMalformed { index: Some(cert) }
            }
            other => other,
        }
    }

    /// A stable snake_case identifier for the variant, for JSON output and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InputTooLarge { .. } => "input_too_large",
            Self::InputEmpty => "input_empty",
            Self::InputEncoding { .. } => "input_encoding",
            Self::ChainTooLong { .. } => "chain_too_long",
            Self::CertificateMalformed { .. } => "certificate_malformed",
            Self::CertificateTrailingData { .. } => "certificate_trailing_data",
            Self::UnsupportedSignatureAlgorithm { .. } => "unsupported_signature_algorithm",
            Self::UnsupportedPublicKey { .. } => "unsupported_public_key",
            Self::TooManyExtensions { .. } => "too_many_extensions",
            Self::DuplicateExtension { .. } => "duplicate_extension",
            Self::UnknownCriticalExtension { .. } => "unknown_critical_extension",
            Self::IssuerMismatch { .. } => "issuer_mismatch",
            Self::BadSignature { .. } => "bad_signature",
            Self::IssuerNotCa { .. } => "issuer_not_ca",
            Self::IssuerKeyUsage { .. } => "issuer_key_usage",
            Self::PathLengthExceeded { .. } => "path_length_exceeded",
            Self::CertificateNotYetValid { .. } => "certificate_not_yet_valid",
            Self::CertificateExpired { .. } => "certificate_expired",
            Self::UntrustedRoot => "untrusted_root",
            Self::SoftwareRoot => "software_root",
            Self::MissingKeyDescription => "missing_key_description",
            Self::UnexpectedKeyDescription { .. } => "unexpected_key_description",
            Self::IssuerNotAttestKey { .. } => "issuer_not_attest_key",
            Self::KeyDescriptionMalformed { .. } => "key_description_malformed",
            Self::KeyDescriptionLimitExceeded { .. } => "key_description_limit_exceeded",
            Self::ProvisioningInfoMalformed { .. } => "provisioning_info_malformed",
            Self::CertificateRevoked { .. } => "certificate_revoked",
            Self::RevocationListMalformed { .. } => "revocation_list_malformed",
            Self::ChallengeEmpty => "challenge_empty",
            Self::ChallengeMismatch => "challenge_mismatch",
            Self::CborMalformed { .. } => "cbor_malformed",
            Self::CborTruncated { .. } => "cbor_truncated",
            Self::CborTooDeep { .. } => "cbor_too_deep",
            Self::CborTooManyItems { .. } => "cbor_too_many_items",
            Self::CborTrailingData { .. } => "cbor_trailing_data",
            Self::CborMissingField { .. } => "cbor_missing_field",
            Self::CborUnknownField { .. } => "cbor_unknown_field",
            Self::CborDuplicateField { .. } => "cbor_duplicate_field",
            Self::UnsupportedAttestationFormat => "unsupported_attestation_format",
            Self::AuthenticatorDataMalformed { .. } => "authenticator_data_malformed",
            Self::CoseKeyUnsupported => "cose_key_unsupported",
            Self::NonceMissing => "nonce_missing",
            Self::NonceMalformed => "nonce_malformed",
            Self::NonceMismatch => "nonce_mismatch",
            Self::KeyIdMismatch => "key_id_mismatch",
            Self::CredentialIdMismatch => "credential_id_mismatch",
            Self::CoseKeyMismatch => "cose_key_mismatch",
            Self::RpIdMismatch => "rp_id_mismatch",
            Self::CounterNotZero { .. } => "counter_not_zero",
            Self::AaguidMismatch => "aaguid_mismatch",
            Self::AssertionBadSignature => "assertion_bad_signature",
            Self::CounterNotIncreasing { .. } => "counter_not_increasing",
            Self::PublicKeyMalformed => "public_key_malformed",
            Self::ClientDataHashEmpty => "client_data_hash_empty",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InputTooLarge { what, len, limit } => {
                write!(f, "{what} is {len} bytes, more than the limit of {limit}")
            }
            Self::InputEmpty => f.write_str("input is empty"),
            Self::InputEncoding { reason } => write!(f, "input is not decodable: {reason}"),
            Self::ChainTooLong { len, limit } => {
                write!(
                    f,
                    "chain has {len} certificates, more than the limit of {limit}"
                )
            }
            Self::CertificateMalformed { index, field } => {
                write!(f, "certificate {index}: malformed {field}")
            }
            Self::CertificateTrailingData { index } => {
                write!(
                    f,
                    "certificate {index}: trailing bytes after the certificate"
                )
            }
            Self::UnsupportedSignatureAlgorithm { index } => {
                write!(f, "certificate {index}: unsupported signature algorithm")
            }
            Self::UnsupportedPublicKey { index } => {
                write!(
                    f,
                    "certificate {index}: public key type or curve cannot verify signatures"
                )
            }
            Self::TooManyExtensions { index, limit } => {
                write!(
                    f,
                    "certificate {index}: more than the limit of {limit} extensions"
                )
            }
            Self::DuplicateExtension { index } => {
                write!(f, "certificate {index}: an extension appears twice")
            }
            Self::UnknownCriticalExtension { index } => {
                write!(f, "certificate {index}: unknown critical extension")
            }
            Self::IssuerMismatch { index } => {
                write!(
                    f,
                    "certificate {index}: issuer name is not the next certificate's subject"
                )
            }
            Self::BadSignature { index } => {
                write!(
                    f,
                    "certificate {index}: signature does not verify under its issuer's key"
                )
            }
            Self::IssuerNotCa { index } => {
                write!(
                    f,
                    "certificate {index}: issues a certificate but is not a CA"
                )
            }
            Self::IssuerKeyUsage { index } => {
                write!(
                    f,
                    "certificate {index}: issues a certificate without keyCertSign usage"
                )
            }
            Self::PathLengthExceeded { index } => {
                write!(f, "certificate {index}: path length constraint exceeded")
            }
            Self::CertificateNotYetValid {
                index,
                time,
                not_before,
            } => write!(
                f,
                "certificate {index}: not valid before {}, verification time {}",
                UnixTime::from_unix_seconds(*not_before),
                UnixTime::from_unix_seconds(*time)
            ),
            Self::CertificateExpired {
                index,
                time,
                not_after,
            } => write!(
                f,
                "certificate {index}: expired at {}, verification time {}",
                UnixTime::from_unix_seconds(*not_after),
                UnixTime::from_unix_seconds(*time)
            ),
            Self::UntrustedRoot => f.write_str("chain does not end at a trusted root key"),
            Self::SoftwareRoot => f.write_str(
                "chain ends at an Android Keystore software attestation root, not hardware",
            ),
            Self::MissingKeyDescription => f.write_str(concat!(
                "leaf (first certificate) has no KeyDescription extension; ",
                "is the chain leaf first?"
            )),
            Self::UnexpectedKeyDescription { index } => write!(
                f,
                "certificate {index}: carries a KeyDescription extension where none may be"
            ),
            Self::IssuerNotAttestKey { index } => write!(
                f,
                "certificate {index}: attested key signs the leaf but is not an ATTEST_KEY key"
            ),
            Self::KeyDescriptionMalformed { index, field, tag } => {
                if let Some(index) = index {
                    write!(f, "certificate {index}: ")?;
                }
                write!(f, "malformed KeyDescription {field}")?;
                if let Some(tag) = tag {
                    write!(f, " at tag {tag}")?;
                }
                Ok(())
            }
            Self::KeyDescriptionLimitExceeded {
                index,
                field,
                tag,
                limit,
            } => {
                if let Some(index) = index {
                    write!(f, "certificate {index}: ")?;
                }
                write!(f, "KeyDescription {field}")?;
                if let Some(tag) = tag {
                    write!(f, " tag {tag}")?;
                }
                write!(f, " has more than {limit} entries")
            }
            Self::ProvisioningInfoMalformed { index } => {
                if let Some(index) = index {
                    write!(f, "certificate {index}: ")?;
                }
                f.write_str("malformed ProvisioningInfo extension")
            }
            Self::CertificateRevoked { index, status } => {
                let status = match status {
                    crate::android::RevocationStatus::Revoked => "revoked",
                    crate::android::RevocationStatus::Suspended => "suspended",
                };
                write!(
                    f,
                    "certificate {index}: {status} on the attestation status list"
                )
            }
            Self::RevocationListMalformed { reason } => {
                write!(f, "revocation status list is malformed: {reason}")
            }
            Self::ChallengeEmpty => {
                f.write_str("expected challenge is empty and would bind nothing")
            }
            Self::ChallengeMismatch => {
                f.write_str("attestation challenge does not equal the expected challenge")
            }
            Self::CborMalformed { object } => {
                write!(
                    f,
                    "{object}: not well-formed CBOR or a field of the wrong type"
                )
            }
            Self::CborTruncated { object } => write!(f, "{object}: CBOR ends early"),
            Self::CborTooDeep { object, limit } => {
                write!(f, "{object}: CBOR nests deeper than the limit of {limit}")
            }
            Self::CborTooManyItems { object, limit } => {
                write!(
                    f,
                    "{object}: a CBOR map or array has more than {limit} entries"
                )
            }
            Self::CborTrailingData { object } => {
                write!(f, "{object}: trailing bytes after the CBOR item")
            }
            Self::CborMissingField { object, field } => {
                write!(f, "{object}: missing field {field}")
            }
            Self::CborUnknownField { object } => write!(f, "{object}: unknown field"),
            Self::CborDuplicateField { object, field } => {
                write!(f, "{object}: field {field} appears twice")
            }
            Self::UnsupportedAttestationFormat => {
                f.write_str("attestation format is not apple-appattest")
            }
            Self::AuthenticatorDataMalformed { field } => {
                write!(f, "authenticator data: malformed {field}")
            }
            Self::CoseKeyUnsupported => {
                f.write_str("credential public key is not an EC2 P-256 ES256 COSE key")
            }
            Self::NonceMissing => {
                f.write_str("credential certificate has no App Attest nonce extension")
            }
            Self::NonceMalformed => f.write_str("App Attest nonce extension is malformed"),
            Self::NonceMismatch => f.write_str(
                "nonce in the credential certificate is not SHA-256(authData || clientDataHash)",
            ),
            Self::KeyIdMismatch => {
                f.write_str("key identifier is not SHA-256 of the certificate's public key")
            }
            Self::CredentialIdMismatch => {
                f.write_str("authenticator data credential ID is not the key identifier")
            }
            Self::CoseKeyMismatch => {
                f.write_str("authenticator data public key is not the credential certificate's key")
            }
            Self::RpIdMismatch => {
                f.write_str("authenticator data RP ID hash is not SHA-256 of the App ID")
            }
            Self::CounterNotZero { counter } => {
                write!(f, "attestation counter is {counter}, not 0")
            }
            Self::AaguidMismatch => {
                f.write_str("AAGUID does not match the configured App Attest environment")
            }
            Self::AssertionBadSignature => {
                f.write_str("assertion signature does not verify under the stored public key")
            }
            Self::CounterNotIncreasing { stored, counter } => write!(
                f,
                "assertion counter {counter} is not greater than the stored counter {stored}"
            ),
            Self::PublicKeyMalformed => f.write_str("stored public key is not a P-256 public key"),
            Self::ClientDataHashEmpty => f.write_str("client data hash is empty"),
        }
    }
}

impl std::error::Error for Error {}
