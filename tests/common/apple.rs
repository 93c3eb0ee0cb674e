//! Generated App Attest objects, signed under the project's own test roots.
//!
//! Formats follow Apple, "Validating apps that connect to your server": the attestation object
//! is CBOR `{fmt: "apple-appattest", attStmt: {x5c, receipt}, authData}`, the credential
//! certificate carries the nonce SHA-256(authData ‖ clientDataHash) in extension
//! 1.2.840.113635.100.8.2, and an assertion is CBOR `{signature, authenticatorData}` signed over
//! SHA-256(authenticatorData ‖ clientDataHash).

#![allow(dead_code)]

use ciborium::Value;
use hwattest::apple::{client_data_hash, Environment};
use sha2::{Digest, Sha256};

use super::der::*;
use super::pki::*;

pub const NONCE_OID: &str = "1.2.840.113635.100.8.2";

/// Authenticator data flags (WebAuthn section 6.1): attested credential data included.
pub const FLAG_AT: u8 = 0x40;
/// Extension data included.
pub const FLAG_ED: u8 = 0x80;

/// CBOR of `value`.
pub fn cbor(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::ser::into_writer(value, &mut out).unwrap();
    out
}

/// CBOR of a map with text keys, in the given order.
pub fn cbor_map(entries: Vec<(&str, Value)>) -> Vec<u8> {
    cbor(&Value::Map(
        entries
            .into_iter()
            .map(|(k, v)| (Value::Text(k.into()), v))
            .collect(),
    ))
}

/// The key identifier: SHA-256 of the uncompressed point.
pub fn key_id(key: &TestKey) -> Vec<u8> {
    Sha256::digest(key.point()).to_vec()
}

/// The COSE_Key map of a P-256 key (RFC 9053 section 7.1.1): kty EC2, alg ES256, crv P-256.
pub fn cose_key(key: &TestKey) -> Vec<u8> {
    let point = key.point();
    cbor(&Value::Map(vec![
        (Value::from(1), Value::from(2)),
        (Value::from(3), Value::from(-7)),
        (Value::from(-1), Value::from(1)),
        (Value::from(-2), Value::Bytes(point[1..33].to_vec())),
        (Value::from(-3), Value::Bytes(point[33..].to_vec())),
    ]))
}

/// rpIdHash ‖ flags ‖ signCount: an assertion's authenticator data, an attestation's start.
pub fn auth_data_head(app_id: &str, flags: u8, counter: u32) -> Vec<u8> {
    let mut out = Sha256::digest(app_id.as_bytes()).to_vec();
    out.push(flags);
    out.extend(counter.to_be_bytes());
    out
}

/// attestedCredentialData: aaguid ‖ credentialIdLength ‖ credentialId ‖ credentialPublicKey,
/// with the length field as given (so that it can lie).
pub fn attested_credential(aaguid: &[u8], id_len: u16, id: &[u8], cose: &[u8]) -> Vec<u8> {
    [aaguid, &id_len.to_be_bytes(), id, cose].concat()
}

/// A genuine-shaped attestation's authenticator data for `key`: AT flag, counter 0, the
/// environment's AAGUID, credential ID = key ID, the key as COSE.
pub fn attestation_auth_data(app_id: &str, environment: Environment, key: &TestKey) -> Vec<u8> {
    let id = key_id(key);
    let credential = attested_credential(environment.aaguid(), 32, &id, &cose_key(key));
    [auth_data_head(app_id, FLAG_AT, 0), credential].concat()
}

/// SHA-256(authData ‖ clientDataHash).
pub fn nonce(auth_data: &[u8], client_data_hash: &[u8]) -> [u8; 32] {
    Sha256::digest([auth_data, client_data_hash].concat()).into()
}

/// `30 len A1 len 04 20 nonce`, with `before` inside the SEQUENCE ahead of the `[1]` field and
/// `after` behind it; with both empty, the one DER encoding Apple's extension has.
pub fn nonce_sequence(before: &[u8], nonce: &[u8], after: &[u8]) -> Vec<u8> {
    seq(&[before, &explicit(1, &octets(nonce)), after])
}

/// The nonce extension of a credential certificate.
pub fn nonce_extension(nonce: &[u8]) -> Vec<u8> {
    extension(NONCE_OID, false, &nonce_sequence(&[], nonce, &[]))
}

/// A credential certificate's spec: subject CN is the key ID in hex, an explicit end-entity
/// basicConstraints, then `extensions`.
pub fn credential_spec(
    key: &TestKey,
    issuer: &[u8],
    not_before: i64,
    not_after: i64,
    extensions: Vec<Vec<u8>>,
) -> CertSpec {
    CertSpec {
        serial: 2,
        issuer: issuer.to_vec(),
        subject: name("hwattest test", &hex(&key_id(key))),
        not_before: time_at(not_before),
        not_after: time_at(not_after),
        spki: key.spki(),
        extensions: [vec![end_entity_extension()], extensions].concat(),
    }
}

/// An attestation object: `{fmt, attStmt: {x5c, receipt}, authData}`.
pub fn attestation_object(x5c: &[Vec<u8>], receipt: &[u8], auth_data: &[u8]) -> Vec<u8> {
    let x5c = x5c.iter().map(|der| Value::Bytes(der.clone())).collect();
    cbor_map(vec![
        ("fmt", Value::Text("apple-appattest".into())),
        (
            "attStmt",
            Value::Map(vec![
                (Value::Text("x5c".into()), Value::Array(x5c)),
                (
                    Value::Text("receipt".into()),
                    Value::Bytes(receipt.to_vec()),
                ),
            ]),
        ),
        ("authData", Value::Bytes(auth_data.to_vec())),
    ])
}

/// An assertion `{signature, authenticatorData}` by `key` for `client_data_hash`.
pub fn assertion(key: &TestKey, auth_data: &[u8], client_data_hash: &[u8]) -> Vec<u8> {
    cbor_map(vec![
        (
            "signature",
            Value::Bytes(key.sign(&nonce(auth_data, client_data_hash))),
        ),
        ("authenticatorData", Value::Bytes(auth_data.to_vec())),
    ])
}

// ------------------------------------------------------------------------------------------
// The bundled example under `test-vectors/apple/example/`.
// ------------------------------------------------------------------------------------------

pub const EXAMPLE_APP_ID: &str = "HWATTEST01.dev.hwattest.example";
pub const EXAMPLE_ENVIRONMENT: Environment = Environment::Development;
/// The server's challenge; the app passed SHA-256 of it as clientDataHash.
pub const EXAMPLE_CHALLENGE: &[u8] = b"hwattest apple example challenge";
/// The client data of the example assertion, signed through its SHA-256.
pub const EXAMPLE_CLIENT_DATA: &[u8] = b"{\"challenge\":\"hwattest apple example assertion\"}";
/// A placeholder, not an Apple receipt: hwattest returns receipts undecoded.
pub const EXAMPLE_RECEIPT: &[u8] = b"hwattest example receipt placeholder";
/// 2026-01-01T00:00:00Z and 2027-01-01T00:00:00Z, the credential certificate's validity.
pub const EXAMPLE_NOT_BEFORE: i64 = 1_767_225_600;
pub const EXAMPLE_NOT_AFTER: i64 = 1_798_761_600;

/// The generated example and the keys behind it.
pub struct AppleExample {
    pub root: Vec<u8>,
    pub intermediate: Vec<u8>,
    pub credential: Vec<u8>,
    pub credential_key: TestKey,
    pub key_id: Vec<u8>,
    pub attestation: Vec<u8>,
    pub assertion: Vec<u8>,
}

/// A P-384 root and intermediate (like Apple's), a P-256 credential key, one attestation and
/// one assertion (counter 1).
pub fn generate_example() -> AppleExample {
    let root_key = TestKey::p384(1);
    let root_name = name("hwattest test", "hwattest Test App Attestation Root");
    let root = root_cert(&root_key, &root_name);
    let intermediate_key = TestKey::p384(2);
    let intermediate_name = name("hwattest test", "hwattest Test App Attestation CA");
    let intermediate = CertSpec {
        serial: 2,
        issuer: root_name,
        subject: intermediate_name.clone(),
        not_before: utc_time("250101000000Z"),
        not_after: utc_time("400101000000Z"),
        spki: intermediate_key.spki(),
        extensions: ca_extensions(),
    }
    .sign(&root_key);

    let credential_key = TestKey::p256(3);
    let auth_data = attestation_auth_data(EXAMPLE_APP_ID, EXAMPLE_ENVIRONMENT, &credential_key);
    let cdh = client_data_hash(EXAMPLE_CHALLENGE);
    let credential = credential_spec(
        &credential_key,
        &intermediate_name,
        EXAMPLE_NOT_BEFORE,
        EXAMPLE_NOT_AFTER,
        vec![nonce_extension(&nonce(&auth_data, &cdh))],
    )
    .sign(&intermediate_key);
    let attestation = attestation_object(
        &[credential.clone(), intermediate.clone()],
        EXAMPLE_RECEIPT,
        &auth_data,
    );
    let assertion = assertion(
        &credential_key,
        &auth_data_head(EXAMPLE_APP_ID, FLAG_AT, 1),
        &client_data_hash(EXAMPLE_CLIENT_DATA),
    );
    AppleExample {
        root,
        intermediate,
        credential,
        key_id: key_id(&credential_key),
        credential_key,
        attestation,
        assertion,
    }
}
