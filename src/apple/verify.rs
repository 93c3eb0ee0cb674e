//! The server-side checks of Apple "Validating apps that connect to your server", step by step.
//!
//! Each numbered comment in [`Verifier::verify_attestation`] and [`Verifier::verify_assertion`]
//! is the step of the same number in Apple's sections "Verify the attestation" and "Verify the
//! assertion".

use std::sync::Arc;

use der::asn1::OctetString;
use der::Decode;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::apple::assertion::Assertion;
use crate::apple::attestation_object::AttestationObject;
use crate::apple::authenticator_data::{AuthenticatorData, Extensions};
use crate::apple::claims::{AssertionClaims, AttestationClaims};
use crate::apple::environment::Environment;
use crate::apple::public_key::PublicKey;
use crate::error::Error;
use crate::roots::{RootKind, Roots};
use crate::time::UnixTime;
use crate::x509::cert::{Certificate, Strictness};
use crate::x509::chain::{self, ChainPolicy, LeafIssuer};
use crate::x509::oid::APPLE_APP_ATTEST_NONCE;
use crate::x509::signature::{self, SignatureAlgorithm, SignatureCache, SignatureError};

/// The App Attest nonce extension value (OID 1.2.840.113635.100.8.2), as Apple describes it in
/// attestation step 4: a DER sequence holding a single octet string.
///
/// ```text
/// AppAttestNonce ::= SEQUENCE { nonce [1] EXPLICIT OCTET STRING (SIZE (32)) }
/// ```
///
/// DER leaves one encoding: `30 24 A1 22 04 20` followed by the 32 nonce bytes.
#[derive(der::Sequence)]
struct NonceExtension {
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT")]
    nonce: OctetString,
}

/// SHA-256 of a server challenge: the `clientDataHash` an app passes to `attestKey` or
/// `generateAssertion` when it hashes the challenge, as Apple's steps describe.
///
/// Apple's own documentation samples (the `apple-guide-*` vectors) were made by passing the
/// **raw** challenge bytes as `clientDataHash`, not their hash, which is why the verifier takes
/// the exact bytes the app passed and this helper is only a convenience.
pub fn client_data_hash(challenge: &[u8]) -> [u8; 32] {
    Sha256::digest(challenge).into()
}

/// SHA-256(authData || clientDataHash): attestation steps 2 and 3, assertion step 2.
fn nonce(auth_data: &[u8], client_data_hash: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(auth_data);
    hasher.update(client_data_hash);
    hasher.finalize().into()
}

/// Constant-time equality, lengths included.
fn equal(a: &[u8], b: &[u8]) -> bool {
    bool::from(a.ct_eq(b))
}

/// The iOS 27 extension values, cloned for claims.
fn extension_claims(
    extensions: Option<&Extensions>,
) -> (Option<String>, Option<Vec<u8>>, Option<Extensions>) {
    match extensions {
        Some(e) => (
            e.bundle_version().map(str::to_owned),
            e.validation_category().map(<[u8]>::to_vec),
            Some(e.clone()),
        ),
        None => (None, None, None),
    }
}

/// Verifies App Attest attestations and assertions for one environment.
///
/// Cheap to share across threads (`Send + Sync`); the signature cache is shared by clones.
///
/// ```no_run
/// use hwattest::apple::{client_data_hash, Environment, Verifier};
/// use hwattest::UnixTime;
///
/// # fn run(object: &[u8], key_id: &[u8], now: i64) -> Result<(), hwattest::Error> {
/// let verifier = Verifier::new(Environment::Production);
/// let claims = verifier.verify_attestation(
///     object,
///     "TEAMID1234.com.example.app",
///     key_id,
///     &client_data_hash(b"one-time challenge"),
///     UnixTime::from_unix_seconds(now),
/// )?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Verifier {
    roots: Roots,
    environment: Environment,
    cache: Arc<SignatureCache>,
}

impl Verifier {
    /// A verifier for `environment`, trusting the embedded Apple App Attestation Root CA.
    pub fn new(environment: Environment) -> Self {
        Self {
            roots: Roots::apple_app_attest(),
            environment,
            cache: Arc::new(SignatureCache::default()),
        }
    }

    /// Replaces the trusted roots (for instance with a test root).
    pub fn with_roots(mut self, roots: Roots) -> Self {
        self.roots = roots;
        self
    }

    /// Trusts `roots` in addition to the current ones.
    pub fn with_additional_roots(mut self, roots: &Roots) -> Self {
        for anchor in roots.anchors() {
            self.roots.add(anchor.clone());
        }
        self
    }

    /// Uses `cache` for certificate signatures, so that several verifiers can share one.
    pub fn with_signature_cache(mut self, cache: Arc<SignatureCache>) -> Self {
        self.cache = cache;
        self
    }

    /// The trusted roots.
    pub fn roots(&self) -> &Roots {
        &self.roots
    }

    /// The configured environment.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// Verifies an attestation object, following Apple's "Verify the attestation" steps.
    ///
    /// - `object`: the attestation object, raw CBOR or base64;
    /// - `app_id`: the App ID, team ID and bundle ID joined by a period;
    /// - `key_id`: the key identifier the app sent, decoded from base64 (32 bytes);
    /// - `client_data_hash`: the exact bytes the app passed to `attestKey` (see
    ///   [`client_data_hash`] and the note there on Apple's samples);
    /// - `time`: the verification time; the credential certificate's validity is enforced.
    ///
    /// # Errors
    ///
    /// The first failed step, as the exact [`Error`] variant.
    pub fn verify_attestation(
        &self,
        object: &[u8],
        app_id: &str,
        key_id: &[u8],
        client_data_hash: &[u8],
        time: UnixTime,
    ) -> Result<AttestationClaims, Error> {
        if client_data_hash.is_empty() {
            return Err(Error::ClientDataHashEmpty);
        }
        // Decode the object (fmt must be apple-appattest) and its authenticator data.
        let object = AttestationObject::decode(object)?;
        let auth_data = AuthenticatorData::parse(&object.auth_data)?;
        let credential =
            auth_data
                .attested_credential
                .as_ref()
                .ok_or(Error::AuthenticatorDataMalformed {
                    field: "attestedCredentialData",
                })?;

        // 1. x5c holds the credential certificate (credCert) first, then the intermediate;
        //    validate them to the App Attestation Root CA at the verification time.
        let mut certs = Vec::with_capacity(object.x5c.len());
        for (index, der) in object.x5c.iter().enumerate() {
            certs.push(Certificate::parse(der, index, Strictness::Vendor)?);
        }
        let policy = ChainPolicy {
            time,
            leaf_validity: true,
            leaf_issuer: LeafIssuer::Ca,
        };
        let validated = chain::validate(&certs, &self.roots, &self.cache, &policy)?;
        if matches!(
            validated.anchor.kind(),
            RootKind::GoogleHardware | RootKind::AndroidSoftware
        ) {
            return Err(Error::UntrustedRoot);
        }
        let cred_cert = certs.first().ok_or(Error::InputEmpty)?;

        // 2. Append clientDataHash to the authenticator data.
        // 3. Hash the composite item to create the nonce.
        let expected_nonce = nonce(&object.auth_data, client_data_hash);

        // 4. The credCert extension 1.2.840.113635.100.8.2 is a DER sequence holding a single
        //    octet string, which must equal the nonce.
        let extension = cred_cert
            .extension(&APPLE_APP_ATTEST_NONCE)
            .ok_or(Error::NonceMissing)?;
        let found = NonceExtension::from_der(extension).map_err(|_| Error::NonceMalformed)?;
        if found.nonce.as_bytes().len() != expected_nonce.len() {
            return Err(Error::NonceMalformed);
        }
        if !equal(found.nonce.as_bytes(), &expected_nonce) {
            return Err(Error::NonceMismatch);
        }

        // 5. SHA-256 of credCert's public key (the uncompressed point) is the key identifier.
        let public_key = PublicKey::from_spki_der(cred_cert.subject_public_key_info())
            .map_err(|_| Error::UnsupportedPublicKey { index: 0 })?;
        let point = public_key.sec1_uncompressed();
        if !equal(&Sha256::digest(&point), key_id) {
            return Err(Error::KeyIdMismatch);
        }

        // 6. SHA-256 of the App ID is the authenticator data's RP ID hash.
        if !equal(&Sha256::digest(app_id.as_bytes()), &auth_data.rp_id_hash) {
            return Err(Error::RpIdMismatch);
        }

        // 7. The counter is 0.
        if auth_data.counter != 0 {
            return Err(Error::CounterNotZero {
                counter: auth_data.counter,
            });
        }

        // 8. The AAGUID is the configured environment's.
        if !equal(&credential.aaguid, self.environment.aaguid()) {
            return Err(Error::AaguidMismatch);
        }

        // 9. The credential ID is the key identifier.
        if !equal(&credential.credential_id, key_id) {
            return Err(Error::CredentialIdMismatch);
        }

        // Beyond Apple's list (WebAuthn section 8 binds it likewise): the COSE key in the
        // authenticator data is credCert's key, so no other key can ride along.
        if !equal(&credential.public_key.sec1_uncompressed(), &point) {
            return Err(Error::CoseKeyMismatch);
        }

        let (bundle_version, validation_category, extensions) =
            extension_claims(auth_data.extensions.as_ref());
        Ok(AttestationClaims {
            key_id: key_id.to_vec(),
            public_key: public_key.spki_der(),
            app_id: app_id.to_owned(),
            environment: self.environment,
            counter: auth_data.counter,
            // LIMITATION: the receipt is returned undecoded; its CMS signature under Apple Root
            // CA - G3 is not validated (README, "Limitations").
            receipt: object.receipt,
            bundle_version,
            validation_category,
            extensions,
            leaf_not_before: cred_cert.not_before(),
            leaf_not_after: cred_cert.not_after(),
            root: validated.anchor.name().to_owned(),
        })
    }

    /// Verifies an assertion, following Apple's "Verify the assertion" steps.
    ///
    /// - `assertion`: the assertion object, raw CBOR or base64;
    /// - `public_key`: the key stored from the attestation
    ///   ([`AttestationClaims::attested_key`]);
    /// - `app_id`: the App ID;
    /// - `client_data_hash`: the exact bytes the app passed to `generateAssertion`, usually
    ///   SHA-256 of the client data ([`client_data_hash`]);
    /// - `stored_counter`: the counter stored from the previous assertion, 0 after attestation.
    ///
    /// Apple's step 6, checking the challenge embedded in the client data, is the caller's: only
    /// the caller knows the client data's format.
    ///
    /// # Errors
    ///
    /// The first failed step, as the exact [`Error`] variant.
    pub fn verify_assertion(
        &self,
        assertion: &[u8],
        public_key: &PublicKey,
        app_id: &str,
        client_data_hash: &[u8],
        stored_counter: u32,
    ) -> Result<AssertionClaims, Error> {
        if client_data_hash.is_empty() {
            return Err(Error::ClientDataHashEmpty);
        }
        // Decode the assertion and its authenticator data.
        let assertion = Assertion::decode(assertion)?;
        let auth_data = AuthenticatorData::parse_assertion(&assertion.authenticator_data)?;

        // 1. clientDataHash is SHA-256 of the client data: the caller passes it.
        // 2. Concatenate authenticatorData and clientDataHash and hash the result: the nonce.
        let nonce = nonce(&assertion.authenticator_data, client_data_hash);

        // 3. The signature verifies for the nonce under the stored public key: ECDSA P-256 with
        //    SHA-256, so the ECDSA digest is SHA-256(nonce).
        //    Assertions are unique, so they go around the cache rather than evict certificates.
        signature::verify(
            &public_key.spki_der(),
            SignatureAlgorithm::EcdsaSha256,
            &nonce,
            &assertion.signature,
        )
        .map_err(|e| match e {
            SignatureError::UnsupportedKey => Error::PublicKeyMalformed,
            SignatureError::UnsupportedAlgorithm | SignatureError::Invalid => {
                Error::AssertionBadSignature
            }
        })?;

        // 4. SHA-256 of the App ID is the authenticator data's RP ID hash.
        if !equal(&Sha256::digest(app_id.as_bytes()), &auth_data.rp_id_hash) {
            return Err(Error::RpIdMismatch);
        }

        // 5. The counter is greater than the stored one.
        if auth_data.counter <= stored_counter {
            return Err(Error::CounterNotIncreasing {
                stored: stored_counter,
                counter: auth_data.counter,
            });
        }

        // 6. The challenge embedded in the client data.
        // LIMITATION: left to the caller, who alone knows the client data's format (README,
        // "Limitations").
        let (bundle_version, validation_category, extensions) =
            extension_claims(auth_data.extensions.as_ref());
        Ok(AssertionClaims {
            counter: auth_data.counter,
            bundle_version,
            validation_category,
            extensions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Verifier>();
    }

    #[test]
    fn nonce_extension_is_exact() {
        let mut ext = vec![0x30, 0x24, 0xa1, 0x22, 0x04, 0x20];
        ext.extend([7u8; 32]);
        let parsed = NonceExtension::from_der(&ext).unwrap();
        assert_eq!(parsed.nonce.as_bytes(), [7u8; 32]);
        // Implicit tagging, or a trailing byte, is refused.
        let mut implicit = vec![0x30, 0x22, 0x81, 0x20];
        implicit.extend([7u8; 32]);
        assert!(NonceExtension::from_der(&implicit).is_err());
        ext.push(0);
        assert!(NonceExtension::from_der(&ext).is_err());
    }

    #[test]
    fn client_data_hash_is_sha256() {
        assert_eq!(
            crate::encoding::hex(&client_data_hash(b"wurzelpfropf")),
            "8be65cca515ad097c953967d18d635d86dd78a142ed3d077526bed11c6bec67b"
        );
    }
}
