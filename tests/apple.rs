//! Apple App Attest: the shared real vectors end to end, every binding check shown to bite, and
//! adversarial objects minted under a test root.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(clippy::arithmetic_side_effects, clippy::as_conversions)]

mod common;

use std::fs;
use std::path::PathBuf;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ciborium::Value;
use hwattest::apple::{
    client_data_hash, Assertion, AttestationClaims, AttestationObject, AuthenticatorData,
    Environment, PublicKey, Verifier,
};
use hwattest::limits::{MAX_CBOR_BYTES, MAX_CBOR_DEPTH, MAX_CBOR_ITEMS};
use hwattest::{Error, RootKind, Roots, UnixTime};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use common::apple::*;
use common::der::time_at;
use common::pki::{end_entity_extension, extension, name, pem, root_cert, CertSpec, TestKey};
use common::vectors::{self, time as at, unhex as hex};

// ---------------------------------------------------------------------------------------------
// Real vectors.
// ---------------------------------------------------------------------------------------------

fn b64(text: &str) -> Vec<u8> {
    STANDARD.decode(text).unwrap()
}

/// One real attestation vector and the parameters its meta.json gives.
struct AttestationVector {
    name: String,
    dir: PathBuf,
    meta: Json,
    object: Vec<u8>,
    app_id: String,
    environment: Environment,
    key_id: Vec<u8>,
    client_data_hash: Vec<u8>,
}

impl AttestationVector {
    fn verifier(&self) -> Verifier {
        Verifier::new(self.environment)
    }

    fn valid_at(&self) -> UnixTime {
        at(self.meta["valid_at_utc"].as_str().unwrap())
    }

    fn verify(&self) -> Result<AttestationClaims, Error> {
        self.verify_object(&self.object)
    }

    fn verify_object(&self, object: &[u8]) -> Result<AttestationClaims, Error> {
        self.verifier().verify_attestation(
            object,
            &self.app_id,
            &self.key_id,
            &self.client_data_hash,
            self.valid_at(),
        )
    }
}

fn environment(meta: &Json) -> Environment {
    match meta["environment"].as_str().unwrap() {
        "production" => Environment::Production,
        "development" => Environment::Development,
        other => panic!("unexpected environment {other}"),
    }
}

fn attestation_vectors() -> Option<Vec<AttestationVector>> {
    let mut out = Vec::new();
    for dir in vectors::folders("apple")? {
        if !dir.join("attestation.cbor").is_file() {
            continue;
        }
        let meta = vectors::meta(&dir);
        let client_data_hash = hex(meta["clientDataHash_hex"].as_str().unwrap());
        // The meta's challenge is either hashed into clientDataHash or used RAW; check that
        // reading agrees with the challenge before relying on it.
        let challenge = hex(meta["challenge"]["hex"].as_str().unwrap());
        let how = meta["challenge"]["how_source_uses_it"].as_str().unwrap();
        if how.starts_with("RAW") {
            assert_eq!(client_data_hash, challenge, "{}", dir.display());
        } else {
            assert_eq!(client_data_hash, client_data_hash_of(&challenge));
        }
        out.push(AttestationVector {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            object: fs::read(dir.join("attestation.cbor")).unwrap(),
            app_id: meta["app"]["appId"].as_str().unwrap().to_owned(),
            environment: environment(&meta),
            key_id: b64(meta["keyId_base64"].as_str().unwrap()),
            client_data_hash,
            dir,
            meta,
        });
    }
    // The iOS 27 sample and a RAW-challenge sample must be among them.
    assert!(out.iter().any(|v| v.name == "apple-guide-2026-prod"));
    assert!(out.iter().any(|v| v.name == "apple-guide-2024-prod"));
    Some(out)
}

/// The hashed form: SHA-256 of the challenge bytes the meta lists.
fn client_data_hash_of(challenge: &[u8]) -> Vec<u8> {
    client_data_hash(challenge).to_vec()
}

#[test]
fn every_real_attestation_verifies_in_its_window_and_expires_after() {
    let Some(vectors) = attestation_vectors() else {
        return;
    };
    for v in &vectors {
        let claims = v
            .verify()
            .unwrap_or_else(|e| panic!("{}: {e} ({e:?})", v.name));
        assert_eq!(claims.key_id, v.key_id, "{}", v.name);
        assert_eq!(claims.environment, v.environment, "{}", v.name);
        assert_eq!(claims.app_id, v.app_id);
        assert_eq!(
            u64::from(claims.counter),
            v.meta["expected_counter"].as_u64().unwrap()
        );
        assert_eq!(
            claims.public_key,
            b64(v.meta["credentialPublicKey_spki_der_base64"]
                .as_str()
                .unwrap()),
            "{}",
            v.name
        );
        assert_eq!(
            claims.receipt.len() as u64,
            v.meta["receipt"]["length"].as_u64().unwrap()
        );
        assert_eq!(claims.root, "Apple App Attestation Root CA");
        let leaf = &v.meta["certificates"]["leaf"];
        assert_eq!(
            claims.leaf_not_after,
            at(leaf["notAfter"].as_str().unwrap())
        );
        assert_eq!(
            claims.leaf_not_before,
            at(leaf["notBefore"].as_str().unwrap())
        );

        // iOS 27 extension values, when the meta lists them.
        match v.meta["authData"]["extensions"].as_object() {
            Some(expected) => {
                let version = expected["apple_bundle_version_01"].as_str().unwrap();
                let category = expected["apple_validation_category_01"].as_str().unwrap();
                assert_eq!(claims.bundle_version.as_deref(), Some(version));
                assert_eq!(claims.validation_category, Some(hex(category)));
                let json = serde_json::to_value(&claims).unwrap();
                assert_eq!(json["validation_category"], category);
            }
            None => {
                assert_eq!(claims.extensions, None, "{}", v.name);
                assert_eq!(claims.bundle_version, None);
            }
        }

        // The base64 text exactly as the source stores it verifies the same way.
        let text = fs::read(v.dir.join("attestation.b64.txt")).unwrap();
        assert_eq!(v.verify_object(&text).unwrap(), claims, "{}", v.name);

        // One day after the credential certificate's notAfter, the chain has expired.
        let invalid = at(v.meta["invalid_at_utc"].as_str().unwrap());
        assert_eq!(
            v.verifier().verify_attestation(
                &v.object,
                &v.app_id,
                &v.key_id,
                &v.client_data_hash,
                invalid
            ),
            Err(Error::CertificateExpired {
                index: 0,
                time: invalid.as_unix_seconds(),
                not_after: claims.leaf_not_after.as_unix_seconds(),
            }),
            "{}",
            v.name
        );
    }
}

/// The attestation object with `edit` applied to its CBOR value, re-encoded.
fn edit_object(object: &[u8], edit: impl FnOnce(&mut Vec<(Value, Value)>)) -> Vec<u8> {
    let mut value: Value = ciborium::de::from_reader(object).unwrap();
    let Value::Map(entries) = &mut value else {
        panic!("not a map")
    };
    edit(entries);
    let mut out = Vec::new();
    ciborium::ser::into_writer(&value, &mut out).unwrap();
    out
}

fn field<'a>(entries: &'a mut [(Value, Value)], name: &str) -> &'a mut Value {
    &mut entries
        .iter_mut()
        .find(|(k, _)| k.as_text() == Some(name))
        .unwrap()
        .1
}

fn flip_last(bytes: &mut [u8]) {
    *bytes.last_mut().unwrap() ^= 0x01;
}

#[test]
fn every_binding_check_bites_on_real_attestations() {
    let Some(vectors) = attestation_vectors() else {
        return;
    };
    for v in &vectors {
        let name = &v.name;
        let verify = |object: &[u8], app_id: &str, key_id: &[u8], cdh: &[u8], env| {
            Verifier::new(env).verify_attestation(object, app_id, key_id, cdh, v.valid_at())
        };
        let (o, app, key, cdh, env) = (
            &v.object[..],
            &v.app_id[..],
            &v.key_id[..],
            &v.client_data_hash[..],
            v.environment,
        );

        // A different challenge (and the hashed/raw confusion) changes the nonce.
        let mut other = cdh.to_vec();
        flip_last(&mut other);
        assert_eq!(verify(o, app, key, &other, env), Err(Error::NonceMismatch));
        // Hashed once more: a hashed challenge hashed twice, or a RAW challenge hashed as
        // Apple's guide text says but its samples did not.
        assert_eq!(
            verify(o, app, key, &client_data_hash(cdh), env),
            Err(Error::NonceMismatch)
        );

        let mut other_key = key.to_vec();
        flip_last(&mut other_key);
        assert_eq!(
            verify(o, app, &other_key, cdh, env),
            Err(Error::KeyIdMismatch),
            "{name}"
        );

        let other_app = format!("{app}x");
        assert_eq!(
            verify(o, &other_app, key, cdh, env),
            Err(Error::RpIdMismatch)
        );

        let other_env = match env {
            Environment::Production => Environment::Development,
            Environment::Development => Environment::Production,
        };
        assert_eq!(
            verify(o, app, key, cdh, other_env),
            Err(Error::AaguidMismatch)
        );

        // Any byte of authData is bound by the nonce.
        for index in [0, 32, 36, 40, 100] {
            let edited = edit_object(o, |entries| {
                let Value::Bytes(auth) = field(entries, "authData") else {
                    panic!()
                };
                auth[index] ^= 0x01;
            });
            assert_eq!(
                verify(&edited, app, key, cdh, env),
                Err(Error::NonceMismatch),
                "{name} authData[{index}]"
            );
        }

        // A flipped byte in either certificate's signature.
        for cert in [0, 1] {
            let edited = edit_object(o, |entries| {
                let Value::Map(stmt) = field(entries, "attStmt") else {
                    panic!()
                };
                let Value::Array(x5c) = field(stmt, "x5c") else {
                    panic!()
                };
                let Value::Bytes(der) = &mut x5c[cert] else {
                    panic!()
                };
                flip_last(der);
            });
            assert_eq!(
                verify(&edited, app, key, cdh, env),
                Err(Error::BadSignature { index: cert }),
                "{name} certificate {cert}"
            );
        }

        // The intermediate is taken from the object: without it no root issued the leaf.
        let edited = edit_object(o, |entries| {
            let Value::Map(stmt) = field(entries, "attStmt") else {
                panic!()
            };
            let Value::Array(x5c) = field(stmt, "x5c") else {
                panic!()
            };
            x5c.truncate(1);
        });
        assert_eq!(
            verify(&edited, app, key, cdh, env),
            Err(Error::UntrustedRoot)
        );
    }
}

/// One real assertion and the key that signs it.
struct AssertionVector {
    name: String,
    assertion: Vec<u8>,
    assertion_text: Vec<u8>,
    client_data: Vec<u8>,
    public_key: PublicKey,
    app_id: String,
    previous: u32,
    counter: u32,
}

fn assertion_vectors() -> Option<Vec<AssertionVector>> {
    let mut out = Vec::new();
    for dir in vectors::folders("apple")? {
        let meta = vectors::meta(&dir);
        let Some(assertions) = meta["assertions"].as_array() else {
            continue;
        };
        let app_id = meta["app"]["appId"].as_str().unwrap().to_owned();
        let public_key = match meta["public_key_pem_file"].as_str() {
            Some(file) => {
                let pem = fs::read_to_string(dir.join(file)).unwrap();
                let key = PublicKey::from_pem(&pem).unwrap();
                let key_id = Sha256::digest(key.sec1_uncompressed());
                assert_eq!(
                    STANDARD.encode(key_id),
                    meta["keyId_base64_derived"].as_str().unwrap()
                );
                key
            }
            None => {
                let env = environment(&meta);
                let claims = Verifier::new(env)
                    .verify_attestation(
                        &fs::read(dir.join("attestation.cbor")).unwrap(),
                        &app_id,
                        &b64(meta["keyId_base64"].as_str().unwrap()),
                        &hex(meta["clientDataHash_hex"].as_str().unwrap()),
                        at(meta["valid_at_utc"].as_str().unwrap()),
                    )
                    .unwrap();
                claims.attested_key().unwrap()
            }
        };
        for a in assertions {
            let file = a["file"].as_str().unwrap();
            let client_data = fs::read(dir.join(a["clientData_file"].as_str().unwrap())).unwrap();
            assert_eq!(
                client_data_hash(&client_data).to_vec(),
                hex(a["clientDataHash_hex"].as_str().unwrap())
            );
            out.push(AssertionVector {
                name: format!("{}/{file}", dir.file_name().unwrap().to_string_lossy()),
                assertion: fs::read(dir.join(file)).unwrap(),
                assertion_text: fs::read(dir.join(file.replace(".cbor", ".b64.txt"))).unwrap(),
                client_data,
                public_key: public_key.clone(),
                app_id: app_id.clone(),
                previous: u32::try_from(a["previous_counter_for_test"].as_u64().unwrap()).unwrap(),
                counter: u32::try_from(a["signCount"].as_u64().unwrap()).unwrap(),
            });
        }
    }
    // The PEM-keyed assertion must be among them.
    assert!(out
        .iter()
        .any(|v| v.name.starts_with("uebelack-2024-assertion-only")));
    Some(out)
}

#[test]
fn every_real_assertion_verifies_and_every_check_bites() {
    let Some(vectors) = assertion_vectors() else {
        return;
    };
    // Assertions carry no environment; either verifier must accept them.
    let verifier = Verifier::new(Environment::Production);
    for v in &vectors {
        let name = &v.name;
        let cdh = client_data_hash(&v.client_data);
        let verify = |assertion: &[u8], app_id: &str, cdh: &[u8], stored: u32| {
            verifier.verify_assertion(assertion, &v.public_key, app_id, cdh, stored)
        };
        let claims = verify(&v.assertion, &v.app_id, &cdh, v.previous)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(claims.counter, v.counter, "{name}");
        assert_eq!(claims.extensions, None);
        let from_text = verify(&v.assertion_text, &v.app_id, &cdh, v.previous).unwrap();
        assert_eq!(from_text, claims);

        // The counter must increase.
        assert_eq!(
            verify(&v.assertion, &v.app_id, &cdh, v.counter),
            Err(Error::CounterNotIncreasing {
                stored: v.counter,
                counter: v.counter
            })
        );
        // Other client data ("{}" is the uebelack source's own negative case).
        assert_eq!(
            verify(
                &v.assertion,
                &v.app_id,
                &client_data_hash(b"{}"),
                v.previous
            ),
            Err(Error::AssertionBadSignature),
            "{name}"
        );
        // The nonce as clientDataHash with the hash skipped.
        assert_eq!(
            verify(&v.assertion, &v.app_id, &v.client_data, v.previous),
            Err(Error::AssertionBadSignature)
        );
        // Another App ID.
        assert_eq!(
            verify(&v.assertion, &format!("{}x", v.app_id), &cdh, v.previous),
            Err(Error::RpIdMismatch)
        );
        // A flipped byte in the signature or the authenticator data.
        for key in ["signature", "authenticatorData"] {
            let edited = edit_object(&v.assertion, |entries| {
                let Value::Bytes(bytes) = field(entries, key) else {
                    panic!()
                };
                flip_last(bytes);
            });
            assert_eq!(
                verify(&edited, &v.app_id, &cdh, v.previous),
                Err(Error::AssertionBadSignature),
                "{name} {key}"
            );
        }
        // Another key.
        let other = PublicKey::from_sec1(&TestKey::p256(9).point()).unwrap();
        assert_eq!(
            verifier.verify_assertion(&v.assertion, &other, &v.app_id, &cdh, v.previous),
            Err(Error::AssertionBadSignature)
        );
        // The parser alone.
        let parsed = Assertion::parse(&v.assertion).unwrap();
        let auth = AuthenticatorData::parse_assertion(&parsed.authenticator_data).unwrap();
        assert_eq!(auth.counter, v.counter);
        assert_eq!(auth.flags, 0x40);
    }
}

#[test]
fn ios27_fragment_parses_with_the_ed_flag_set() {
    let Some(root) = vectors::dir("apple") else {
        return;
    };
    let dir = root.join("fragments");
    let meta: Json = serde_json::from_slice(
        &fs::read(dir.join("ios27-dev-attestation-authdata.meta.json")).unwrap(),
    )
    .unwrap();
    let bytes = fs::read(dir.join("ios27-dev-attestation-authdata.bin")).unwrap();
    let text = fs::read_to_string(dir.join("ios27-dev-attestation-authdata.b64.txt")).unwrap();
    assert_eq!(b64(text.trim()), bytes);
    assert_eq!(bytes.len() as u64, meta["length"].as_u64().unwrap());

    let parsed = AuthenticatorData::parse(&bytes).unwrap();
    assert_eq!(parsed.flags, 0xc0);
    assert_eq!(
        u64::from(parsed.counter),
        meta["signCount"].as_u64().unwrap()
    );
    let credential = parsed.attested_credential.unwrap();
    assert_eq!(
        credential.aaguid.as_slice(),
        meta["aaguid"].as_str().unwrap().as_bytes()
    );
    assert_eq!(
        Environment::from_aaguid(&credential.aaguid),
        Some(Environment::Development)
    );
    assert_eq!(credential.credential_id.len(), 32);
    let extensions = parsed.extensions.unwrap();
    let expected = &meta["extensions"];
    assert_eq!(
        extensions.bundle_version(),
        expected["apple_bundle_version_01"].as_str()
    );
    assert_eq!(
        extensions.validation_category(),
        Some(&hex(expected["apple_validation_category_01"].as_str().unwrap())[..])
    );
}

#[test]
fn real_objects_parse_without_trust() {
    let Some(vectors) = attestation_vectors() else {
        return;
    };
    for v in &vectors {
        let object = AttestationObject::parse(&v.object).unwrap();
        assert_eq!(object.x5c.len(), 2);
        let auth = AuthenticatorData::parse(&object.auth_data).unwrap();
        assert_eq!(
            auth.rp_id_hash.to_vec(),
            hex(v.meta["app"]["rpIdHash_hex"].as_str().unwrap())
        );
        assert_eq!(
            auth.attested_credential.unwrap().credential_id,
            v.key_id,
            "{}",
            v.name
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Adversarial objects under a test root.
// ---------------------------------------------------------------------------------------------

const APP_ID: &str = "ABCDE12345.org.hwattest.test";
const NOW: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY: i64 = 86_400;

/// Encodes the nonce extension's value from the correct nonce.
type NonceEncoding = fn(&[u8]) -> Vec<u8>;

/// What the synthetic attestation says; each field can be bent by a test.
struct Synth {
    counter: u32,
    aaguid: [u8; 16],
    credential_id: Option<Vec<u8>>,
    cose_key: Option<TestKey>,
    /// `None`: no nonce extension; `Some(None)`: the correct one; `Some(Some(v))`: `v`.
    nonce_extension: Option<Option<Vec<u8>>>,
    auth_data_suffix: Vec<u8>,
    leaf_not_after: i64,
    /// When set, the nonce extension is this function of the correct nonce.
    nonce_encoding: Option<NonceEncoding>,
    /// More extensions for the credential certificate.
    extra_extensions: Vec<Vec<u8>>,
}

impl Default for Synth {
    fn default() -> Self {
        Self {
            counter: 0,
            aaguid: *Environment::Development.aaguid(),
            credential_id: None,
            cose_key: None,
            nonce_extension: Some(None),
            auth_data_suffix: Vec::new(),
            leaf_not_after: NOW + 2 * DAY,
            nonce_encoding: None,
            extra_extensions: Vec::new(),
        }
    }
}

struct Built {
    object: Vec<u8>,
    key_id: Vec<u8>,
    client_data_hash: Vec<u8>,
    leaf: Vec<u8>,
    root: Vec<u8>,
    leaf_key: TestKey,
}

fn root_key() -> TestKey {
    TestKey::p384(1)
}

fn root_name() -> Vec<u8> {
    name("hwattest test", "hwattest test App Attest root")
}

fn test_roots() -> Roots {
    let mut roots = Roots::empty();
    roots
        .add_pem(
            pem(&[root_cert(&root_key(), &root_name())]).as_bytes(),
            "hwattest test root",
            RootKind::Custom,
        )
        .unwrap();
    roots
}

/// The credential key of every synthetic attestation.
fn leaf_key() -> TestKey {
    TestKey::p256(2)
}

fn synthetic_client_data_hash() -> Vec<u8> {
    client_data_hash(b"synthetic challenge").to_vec()
}

/// x5c of one credential certificate for `leaf_key`, issued by the test root.
fn credential_x5c(leaf_key: &TestKey, not_after: i64, extensions: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let spec = credential_spec(leaf_key, &root_name(), NOW - DAY, not_after, extensions);
    vec![spec.sign(&root_key())]
}

fn build(s: &Synth) -> Built {
    let leaf_key = leaf_key();
    let key_id = key_id(&leaf_key);
    let client_data_hash = synthetic_client_data_hash();

    let credential_id = s.credential_id.clone().unwrap_or_else(|| key_id.clone());
    let cose = cose_key(s.cose_key.as_ref().unwrap_or(&leaf_key));
    let mut auth_data = auth_data_head(APP_ID, FLAG_AT, s.counter);
    auth_data.extend(attested_credential(
        &s.aaguid,
        credential_id.len() as u16,
        &credential_id,
        &cose,
    ));
    auth_data.extend(&s.auth_data_suffix);

    let nonce = nonce(&auth_data, &client_data_hash);
    let correct = match s.nonce_encoding {
        Some(encode) => encode(&nonce),
        None => nonce_sequence(&[], &nonce, &[]),
    };
    let mut extensions = match &s.nonce_extension {
        None => Vec::new(),
        Some(value) => vec![extension(
            NONCE_OID,
            false,
            value.as_ref().unwrap_or(&correct),
        )],
    };
    extensions.extend(s.extra_extensions.iter().cloned());
    let x5c = credential_x5c(&leaf_key, s.leaf_not_after, extensions);
    Built {
        object: attestation_object(&x5c, b"receipt", &auth_data),
        key_id,
        client_data_hash,
        leaf: x5c[0].clone(),
        root: root_cert(&root_key(), &root_name()),
        leaf_key,
    }
}

fn test_verifier() -> Verifier {
    Verifier::new(Environment::Development).with_roots(test_roots())
}

fn verify_built(b: &Built) -> Result<AttestationClaims, Error> {
    verify_object(b, &b.object)
}

fn verify_object(b: &Built, object: &[u8]) -> Result<AttestationClaims, Error> {
    test_verifier().verify_attestation(
        object,
        APP_ID,
        &b.key_id,
        &b.client_data_hash,
        UnixTime::from_unix_seconds(NOW),
    )
}

#[test]
fn synthetic_attestation_verifies_under_the_test_root_only() {
    let b = build(&Synth::default());
    let claims = verify_built(&b).unwrap();
    assert_eq!(claims.root, "hwattest test root");
    assert_eq!(claims.key_id, b.key_id);
    assert_eq!(claims.receipt, b"receipt");
    assert_eq!(claims.environment, Environment::Development);
    let json = serde_json::to_value(&claims).unwrap();
    assert_eq!(json["environment"], "development");
    assert_eq!(json["key_id"], STANDARD.encode(&b.key_id));

    // Extending the Apple roots works too; the Apple roots alone do not know the test root.
    let extended = Verifier::new(Environment::Development).with_additional_roots(&test_roots());
    let t = UnixTime::from_unix_seconds(NOW);
    assert!(extended
        .verify_attestation(&b.object, APP_ID, &b.key_id, &b.client_data_hash, t)
        .is_ok());
    assert_eq!(
        Verifier::new(Environment::Development).verify_attestation(
            &b.object,
            APP_ID,
            &b.key_id,
            &b.client_data_hash,
            t
        ),
        Err(Error::UntrustedRoot)
    );

    // A root of the wrong kind for App Attest is refused even when it signed the chain.
    let mut android = Roots::empty();
    android
        .add_pem(
            pem(std::slice::from_ref(&b.root)).as_bytes(),
            "not apple",
            RootKind::GoogleHardware,
        )
        .unwrap();
    assert_eq!(
        Verifier::new(Environment::Development)
            .with_roots(android)
            .verify_attestation(&b.object, APP_ID, &b.key_id, &b.client_data_hash, t),
        Err(Error::UntrustedRoot)
    );

    // The leaf's validity is enforced.
    let late = UnixTime::from_unix_seconds(NOW + 3 * DAY);
    assert_eq!(
        test_verifier().verify_attestation(&b.object, APP_ID, &b.key_id, &b.client_data_hash, late),
        Err(Error::CertificateExpired {
            index: 0,
            time: NOW + 3 * DAY,
            not_after: NOW + 2 * DAY
        })
    );
}

#[test]
fn synthetic_bindings_are_exact() {
    let other = TestKey::p256(3);
    let cases: Vec<(Synth, Error)> = vec![
        (
            Synth {
                nonce_extension: None,
                ..Synth::default()
            },
            Error::NonceMissing,
        ),
        (
            Synth {
                // IMPLICIT [1] instead of EXPLICIT.
                nonce_extension: Some(Some([&[0x30, 0x22, 0x81, 0x20][..], &[0; 32]].concat())),
                ..Synth::default()
            },
            Error::NonceMalformed,
        ),
        (
            Synth {
                counter: 1,
                ..Synth::default()
            },
            Error::CounterNotZero { counter: 1 },
        ),
        (
            Synth {
                aaguid: *Environment::Production.aaguid(),
                ..Synth::default()
            },
            Error::AaguidMismatch,
        ),
        (
            Synth {
                credential_id: Some(vec![0x55; 32]),
                ..Synth::default()
            },
            Error::CredentialIdMismatch,
        ),
        (
            Synth {
                cose_key: Some(other),
                ..Synth::default()
            },
            Error::CoseKeyMismatch,
        ),
    ];
    for (synth, expected) in cases {
        assert_eq!(verify_built(&build(&synth)), Err(expected.clone()));
    }

    // iOS 27 extensions after the COSE key, ED flag clear, unknown keys kept.
    let ext = Value::Map(vec![
        (
            Value::Text("apple_bundle_version_01".into()),
            Value::Text("7".into()),
        ),
        (
            Value::Text("apple_validation_category_01".into()),
            Value::Bytes(vec![2, 0, 0, 0]),
        ),
        (Value::Text("future_key".into()), Value::from(5)),
    ]);
    let claims = verify_built(&build(&Synth {
        auth_data_suffix: cbor(&ext),
        ..Synth::default()
    }))
    .unwrap();
    assert_eq!(claims.bundle_version.as_deref(), Some("7"));
    assert_eq!(claims.validation_category, Some(vec![2, 0, 0, 0]));
    let json = serde_json::to_value(&claims).unwrap();
    assert_eq!(json["extensions"][2]["key"], "future_key");
    assert_eq!(json["extensions"][2]["value"]["unsigned"], 5);
}

#[test]
fn malformed_attestation_objects_fail_with_exact_errors() {
    let b = build(&Synth::default());
    let object = "attestation object";
    let statement = |x5c: Vec<Value>, extra: Option<(&str, Value)>| {
        let mut map = vec![
            (Value::Text("x5c".into()), Value::Array(x5c)),
            (Value::Text("receipt".into()), Value::Bytes(vec![1])),
        ];
        if let Some((k, v)) = extra {
            map.push((Value::Text(k.into()), v));
        }
        Value::Map(map)
    };
    let leaf = || vec![Value::Bytes(b.leaf.clone())];
    let auth = || {
        let parsed: Value = ciborium::de::from_reader(&b.object[..]).unwrap();
        let Value::Map(entries) = parsed else {
            panic!()
        };
        entries
            .into_iter()
            .find(|(k, _)| k.as_text() == Some("authData"))
            .unwrap()
            .1
    };
    let fmt = || Value::Text("apple-appattest".into());

    let cases: Vec<(Vec<u8>, Error)> = vec![
        (
            cbor_map(vec![
                ("fmt", fmt()),
                ("attStmt", statement(leaf(), None)),
                ("authData", auth()),
                ("extra", Value::Bool(true)),
            ]),
            Error::CborUnknownField { object },
        ),
        (
            cbor_map(vec![("fmt", fmt()), ("attStmt", statement(leaf(), None))]),
            Error::CborMissingField {
                object,
                field: "authData",
            },
        ),
        (
            cbor_map(vec![
                ("fmt", fmt()),
                (
                    "attStmt",
                    statement(leaf(), Some(("sig", Value::Bytes(vec![])))),
                ),
                ("authData", auth()),
            ]),
            Error::CborUnknownField { object: "attStmt" },
        ),
        (
            cbor_map(vec![
                ("fmt", fmt()),
                (
                    "attStmt",
                    Value::Map(vec![(Value::Text("x5c".into()), Value::Array(leaf()))]),
                ),
                ("authData", auth()),
            ]),
            Error::CborMissingField {
                object: "attStmt",
                field: "receipt",
            },
        ),
        (
            cbor_map(vec![
                ("fmt", Value::Text("packed".into())),
                ("attStmt", statement(leaf(), None)),
                ("authData", auth()),
            ]),
            Error::UnsupportedAttestationFormat,
        ),
        (
            cbor_map(vec![
                ("fmt", fmt()),
                ("attStmt", statement(vec![], None)),
                ("authData", auth()),
            ]),
            Error::InputEmpty,
        ),
        (
            cbor_map(vec![
                ("fmt", fmt()),
                (
                    "attStmt",
                    statement(vec![Value::Bytes(b.leaf.clone()); MAX_CBOR_ITEMS + 1], None),
                ),
                ("authData", auth()),
            ]),
            Error::CborTooManyItems {
                object: "attStmt",
                limit: MAX_CBOR_ITEMS,
            },
        ),
        (
            cbor_map(vec![
                ("fmt", Value::from(1)),
                ("attStmt", statement(leaf(), None)),
                ("authData", auth()),
            ]),
            Error::CborMalformed { object },
        ),
        (
            b.object[..b.object.len() - 1].to_vec(),
            Error::CborTruncated { object },
        ),
        (
            [&b.object[..], &[0x00]].concat(),
            Error::CborTrailingData { object },
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(verify_object(&b, &bytes), Err(expected.clone()));
    }

    // Oversized: a receipt that pushes the object past the CBOR limit.
    let big = cbor_map(vec![
        ("fmt", fmt()),
        (
            "attStmt",
            Value::Map(vec![
                (Value::Text("x5c".into()), Value::Array(leaf())),
                (
                    Value::Text("receipt".into()),
                    Value::Bytes(vec![0; MAX_CBOR_BYTES]),
                ),
            ]),
        ),
        ("authData", auth()),
    ]);
    assert_eq!(
        verify_object(&b, &big),
        Err(Error::InputTooLarge {
            what: "CBOR object",
            len: big.len(),
            limit: MAX_CBOR_BYTES
        })
    );

    // Deeply nested: a fourth key whose value is nested far past the depth limit. The map
    // header 0xa3 becomes 0xa4 and the entry is appended by hand.
    let mut deep = b.object.clone();
    assert_eq!(deep[0], 0xa3);
    deep[0] = 0xa4;
    deep.extend([0x61, b'x']);
    deep.extend(std::iter::repeat_n(0x81, 10_000));
    deep.push(0x00);
    assert_eq!(
        verify_object(&b, &deep),
        Err(Error::CborTooDeep {
            object,
            limit: MAX_CBOR_DEPTH
        })
    );
}

#[test]
fn synthetic_assertions_verify_and_carry_ios27_extensions() {
    let b = build(&Synth::default());
    let key = verify_built(&b).unwrap().attested_key().unwrap();
    let client_data = b"{\"challenge\":\"abc\"}";
    let cdh = client_data_hash(client_data);

    let assertion = |counter: u32, suffix: &[u8], extra: bool| {
        let auth = [&auth_data_head(APP_ID, FLAG_AT, counter)[..], suffix].concat();
        if !extra {
            return assertion(&b.leaf_key, &auth, &cdh);
        }
        cbor_map(vec![
            (
                "signature",
                Value::Bytes(b.leaf_key.sign(&nonce(&auth, &cdh))),
            ),
            ("authenticatorData", Value::Bytes(auth)),
            ("extra", Value::Null),
        ])
    };
    let verifier = test_verifier();

    let plain = assertion(1, &[], false);
    let claims = verifier
        .verify_assertion(&plain, &key, APP_ID, &cdh, 0)
        .unwrap();
    assert_eq!(claims.counter, 1);
    // Base64 text of the same bytes.
    let text = STANDARD.encode(&plain);
    assert_eq!(
        verifier
            .verify_assertion(text.as_bytes(), &key, APP_ID, &cdh, 0)
            .unwrap(),
        claims
    );

    let ext = cbor(&Value::Map(vec![(
        Value::Text("apple_validation_category_01".into()),
        Value::Bytes(vec![1, 0, 0, 0]),
    )]));
    let with_ext = assertion(5, &ext, false);
    let claims = verifier
        .verify_assertion(&with_ext, &key, APP_ID, &cdh, 4)
        .unwrap();
    assert_eq!(claims.counter, 5);
    assert_eq!(claims.validation_category, Some(vec![1, 0, 0, 0]));

    assert_eq!(
        verifier.verify_assertion(&with_ext, &key, APP_ID, &cdh, 5),
        Err(Error::CounterNotIncreasing {
            stored: 5,
            counter: 5
        })
    );
    assert_eq!(
        verifier.verify_assertion(&assertion(1, &[], true), &key, APP_ID, &cdh, 0),
        Err(Error::CborUnknownField {
            object: "assertion"
        })
    );
    assert_eq!(
        verifier.verify_assertion(&plain, &key, APP_ID, &[], 0),
        Err(Error::ClientDataHashEmpty)
    );
}

// ---------------------------------------------------------------------------------------------
// Adversarial review: nonce encoding, COSE key, authenticator data, assertions.
// ---------------------------------------------------------------------------------------------

/// Apple's nonce extension has exactly one DER encoding; anything else around the right nonce
/// is refused, so the signed certificate says exactly one thing.
#[test]
fn nonce_extension_encoding_is_exact() {
    let cases: [NonceEncoding; 5] = [
        // An unknown [0] field before the [1] nonce (older `der` releases skipped lower
        // context-specific tags they did not expect; 0.8 does not).
        |n| nonce_sequence(&[0xa0, 0x02, 0x05, 0x00], n, &[]),
        // A NULL after the nonce, inside the SEQUENCE.
        |n| nonce_sequence(&[], n, &[0x05, 0x00]),
        // A [2] field after the nonce.
        |n| nonce_sequence(&[], n, &[0xa2, 0x00]),
        // The nonce followed by one more byte inside the OCTET STRING.
        |n| nonce_sequence(&[], &[n, &[0x00]].concat(), &[]),
        // A trailing byte after the SEQUENCE.
        |n| [nonce_sequence(&[], n, &[]), vec![0x00]].concat(),
    ];
    for (i, encode) in cases.into_iter().enumerate() {
        let outcome = verify_built(&build(&Synth {
            nonce_encoding: Some(encode),
            ..Synth::default()
        }));
        assert_eq!(outcome, Err(Error::NonceMalformed), "case {i}");
    }
    // The exact encoding, built the same way, verifies.
    assert!(verify_built(&build(&Synth {
        nonce_encoding: Some(|n| nonce_sequence(&[], n, &[])),
        ..Synth::default()
    }))
    .is_ok());
}

#[test]
fn nonce_extension_twice_is_refused() {
    let b = Synth {
        extra_extensions: vec![extension(NONCE_OID, false, &[0x30, 0x00])],
        ..Synth::default()
    };
    assert_eq!(
        verify_built(&build(&b)),
        Err(Error::DuplicateExtension { index: 0 })
    );
}

/// A COSE key map built from (label, value) pairs.
fn cose_map(entries: Vec<(Value, Value)>) -> Vec<u8> {
    cbor(&Value::Map(entries))
}

/// The synthetic attestation with its COSE key replaced by `cose` (and the nonce recomputed,
/// since the certificate is minted for these exact bytes).
fn with_cose(cose: Vec<u8>) -> Result<AttestationClaims, Error> {
    let leaf_key = leaf_key();
    let key_id = key_id(&leaf_key);
    let mut auth = auth_data_head(APP_ID, FLAG_AT, 0);
    auth.extend(attested_credential(
        Environment::Development.aaguid(),
        32,
        &key_id,
        &cose,
    ));
    build_with_auth_data(auth, &leaf_key, &key_id)
}

/// An attestation object for arbitrary authenticator data, its nonce correct.
fn build_with_auth_data(
    auth: Vec<u8>,
    leaf_key: &TestKey,
    key_id: &[u8],
) -> Result<AttestationClaims, Error> {
    let cdh = synthetic_client_data_hash();
    let nonce = nonce(&auth, &cdh);
    let x5c = credential_x5c(leaf_key, NOW + DAY, vec![nonce_extension(&nonce)]);
    let object = attestation_object(&x5c, &[], &auth);
    test_verifier().verify_attestation(
        &object,
        APP_ID,
        key_id,
        &cdh,
        UnixTime::from_unix_seconds(NOW),
    )
}

#[test]
fn cose_key_variations_are_refused() {
    let key = leaf_key();
    let point = key.point();
    let (x, y) = (point[1..33].to_vec(), point[33..].to_vec());
    let entries = |kty: i64, alg: i64, crv: i64, x: Vec<u8>, y: Vec<u8>| {
        vec![
            (Value::from(1), Value::from(kty)),
            (Value::from(3), Value::from(alg)),
            (Value::from(-1), Value::from(crv)),
            (Value::from(-2), Value::Bytes(x)),
            (Value::from(-3), Value::Bytes(y)),
        ]
    };
    // The genuine key verifies through this path.
    assert!(with_cose(cose_map(entries(2, -7, 1, x.clone(), y.clone()))).is_ok());

    let unsupported = [
        entries(3, -7, 1, x.clone(), y.clone()),       // kty RSA
        entries(2, -35, 1, x.clone(), y.clone()),      // ES384
        entries(2, -7, 2, x.clone(), y.clone()),       // P-384
        entries(2, -7, 1, x[1..].to_vec(), y.clone()), // short x
        entries(2, -7, 1, x.clone(), [&y[..], &[0]].concat()), // long y
    ];
    for (i, e) in unsupported.into_iter().enumerate() {
        assert_eq!(
            with_cose(cose_map(e)),
            Err(Error::CoseKeyUnsupported),
            "case {i}"
        );
    }

    // x and y swapped: a well-formed map, not the certified key.
    assert_eq!(
        with_cose(cose_map(entries(2, -7, 1, y.clone(), x.clone()))),
        Err(Error::CoseKeyMismatch)
    );

    // x given twice, the second time with another key's x.
    let other = TestKey::p256(3).point();
    let mut twice = entries(2, -7, 1, x.clone(), y.clone());
    twice.push((Value::from(-2), Value::Bytes(other[1..33].to_vec())));
    assert_eq!(
        with_cose(cose_map(twice)),
        Err(Error::CborDuplicateField {
            object: "COSE key",
            field: "x"
        })
    );

    // y missing.
    let mut no_y = entries(2, -7, 1, x.clone(), y.clone());
    no_y.pop();
    assert_eq!(
        with_cose(cose_map(no_y)),
        Err(Error::CborMissingField {
            object: "COSE key",
            field: "y"
        })
    );
}

#[test]
fn authenticator_data_layout_attacks_are_refused() {
    let leaf_key = leaf_key();
    let key_id = key_id(&leaf_key);
    let base = |flags: u8, id_len: u16| {
        let mut auth = auth_data_head(APP_ID, flags, 0);
        let aaguid = Environment::Development.aaguid();
        auth.extend(attested_credential(
            aaguid,
            id_len,
            &key_id,
            &cose_key(&leaf_key),
        ));
        auth
    };

    let with = |suffix: &[u8]| [base(0x40, 32), suffix.to_vec()].concat();
    let extensions = "authenticator data extensions";
    let cases: Vec<(&str, Vec<u8>, Error)> = vec![
        (
            "AT flag clear: no attested credential data is announced",
            base(0x00, 32),
            Error::AuthenticatorDataMalformed {
                field: "attestedCredentialData",
            },
        ),
        (
            "ED flag set but nothing after the COSE key",
            base(0xc0, 32),
            Error::AuthenticatorDataMalformed {
                field: "extensions",
            },
        ),
        (
            "a credential ID length past the end",
            base(0x40, 0xffff),
            Error::AuthenticatorDataMalformed {
                field: "credentialId",
            },
        ),
        (
            "bytes after the COSE key that are not a CBOR map of text keys",
            with(&[0x01, 0x02]),
            Error::CborMalformed { object: extensions },
        ),
        (
            "an extensions map followed by more bytes",
            with(&[0xa0, 0x00]),
            Error::CborTrailingData { object: extensions },
        ),
        (
            "the same extension key twice",
            with(&[0xa2, 0x61, b'k', 0x01, 0x61, b'k', 0x02]),
            Error::CborDuplicateField {
                object: extensions,
                field: "extension",
            },
        ),
    ];
    for (case, auth, expected) in cases {
        assert_eq!(
            build_with_auth_data(auth, &leaf_key, &key_id),
            Err(expected),
            "{case}"
        );
    }
    // The credential ID is the key ID of *another* key whose COSE key rides along: the key ID
    // the app sends must be the certificate's key, whatever the authenticator data says.
    let other = TestKey::p256(3);
    let other_id = common::apple::key_id(&other);
    let auth = attestation_auth_data(APP_ID, Environment::Development, &other);
    assert_eq!(
        build_with_auth_data(auth, &leaf_key, &other_id),
        Err(Error::KeyIdMismatch)
    );
}

#[test]
fn assertion_attacks_are_refused() {
    let b = build(&Synth::default());
    let key = verify_built(&b).unwrap().attested_key().unwrap();
    let cdh = client_data_hash(b"{\"challenge\":\"abc\"}");
    let verifier = test_verifier();
    let sign = |auth: Vec<u8>, signer: &TestKey| assertion(signer, &auth, &cdh);
    let auth_for = |rp: &str, counter: u32| auth_data_head(rp, FLAG_AT, counter);

    // Signed by the right key for another app's RP ID.
    let other_app = sign(auth_for("TEAMID9999.com.example.other", 1), &b.leaf_key);
    assert_eq!(
        verifier.verify_assertion(&other_app, &key, APP_ID, &cdh, 0),
        Err(Error::RpIdMismatch)
    );
    // Signed by another key.
    let wrong_key = sign(auth_for(APP_ID, 1), &TestKey::p256(3));
    assert_eq!(
        verifier.verify_assertion(&wrong_key, &key, APP_ID, &cdh, 0),
        Err(Error::AssertionBadSignature)
    );
    // A valid assertion checked against another client data hash.
    let good = sign(auth_for(APP_ID, 1), &b.leaf_key);
    assert_eq!(
        verifier.verify_assertion(&good, &key, APP_ID, &client_data_hash(b"other"), 0),
        Err(Error::AssertionBadSignature)
    );
    // The counter wrapping to 0 is not an increase.
    let wrapped = sign(auth_for(APP_ID, 0), &b.leaf_key);
    assert_eq!(
        verifier.verify_assertion(&wrapped, &key, APP_ID, &cdh, u32::MAX),
        Err(Error::CounterNotIncreasing {
            stored: u32::MAX,
            counter: 0
        })
    );
    // Authenticator data shorter than the fixed fields.
    let short = sign(auth_for(APP_ID, 1)[..36].to_vec(), &b.leaf_key);
    assert_eq!(
        verifier.verify_assertion(&short, &key, APP_ID, &cdh, 0),
        Err(Error::AuthenticatorDataMalformed { field: "signCount" })
    );
    // The attestation object itself offered as an assertion.
    assert_eq!(
        verifier.verify_assertion(&b.object, &key, APP_ID, &cdh, 0),
        Err(Error::CborUnknownField {
            object: "assertion"
        })
    );
}

/// x5c holding one certificate that carries the pinned root key (P-256 here, as a caller's own
/// root may be): the anchor's signature is never checked, so without a rule that the leaf is
/// never the anchor, anyone could mint the credential certificate, nonce included.
#[test]
fn finding_credential_certificate_carrying_the_root_key_is_refused() {
    let root = TestKey::p256(9);
    let root_name = name("hwattest test", "hwattest test P-256 root");
    let mut roots = Roots::empty();
    roots
        .add_pem(
            pem(&[root_cert(&root, &root_name)]).as_bytes(),
            "p256 root",
            RootKind::Custom,
        )
        .unwrap();

    // Authenticator data naming the root's key, with a matching key ID.
    let key_id = key_id(&root);
    let auth = attestation_auth_data(APP_ID, Environment::Development, &root);
    let cdh = client_data_hash(b"server challenge");

    // The forged credential certificate: root key, root name, nonce, signed by the attacker.
    let forged = CertSpec {
        serial: 1,
        issuer: root_name.clone(),
        subject: root_name,
        not_before: time_at(NOW - DAY),
        not_after: time_at(NOW + DAY),
        spki: root.spki(),
        extensions: vec![end_entity_extension(), nonce_extension(&nonce(&auth, &cdh))],
    }
    .sign(&TestKey::p256(66));
    let object = attestation_object(&[forged], &[], &auth);
    let verifier = Verifier::new(Environment::Development).with_roots(roots);
    assert_eq!(
        verifier.verify_attestation(
            &object,
            APP_ID,
            &key_id,
            &cdh,
            UnixTime::from_unix_seconds(NOW)
        ),
        Err(Error::UntrustedRoot)
    );
}
