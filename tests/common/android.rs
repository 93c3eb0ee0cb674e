//! Generated Android Key Attestation chains, signed by the project's own test root.
//!
//! The shapes copy genuine chains (root, intermediate CA, leaf with a KeyDescription), so that
//! each adversarial test changes exactly one thing from a chain that verifies.

#![allow(dead_code)]

use p256::ecdsa::SigningKey;

use super::der::*;
use super::pki::*;

pub const KEY_DESCRIPTION_OID: &str = "1.3.6.1.4.1.11129.2.1.17";

/// KeyMint tag numbers used by the generator (KeyMint `Tag.aidl`, low 28 bits).
pub const TAG_PURPOSE: u32 = 1;
pub const TAG_ALGORITHM: u32 = 2;
pub const TAG_KEY_SIZE: u32 = 3;
pub const TAG_EC_CURVE: u32 = 10;
pub const TAG_NO_AUTH_REQUIRED: u32 = 503;
pub const TAG_CREATION_DATETIME: u32 = 701;
pub const TAG_ORIGIN: u32 = 702;
pub const TAG_ROOT_OF_TRUST: u32 = 704;
pub const TAG_OS_VERSION: u32 = 705;
pub const TAG_OS_PATCHLEVEL: u32 = 706;
pub const TAG_ATTESTATION_APPLICATION_ID: u32 = 709;
pub const TAG_VENDOR_PATCHLEVEL: u32 = 718;
pub const TAG_BOOT_PATCHLEVEL: u32 = 719;

pub const PURPOSE_SIGN: i64 = 2;
pub const PURPOSE_VERIFY: i64 = 3;
pub const PURPOSE_ATTEST_KEY: i64 = 7;
pub const SECURITY_LEVEL_SOFTWARE: i64 = 0;
pub const SECURITY_LEVEL_TEE: i64 = 1;
pub const SECURITY_LEVEL_STRONGBOX: i64 = 2;

/// The test root's key seed, and the other seeds of the generated hierarchy.
pub const ROOT_SEED: u8 = 1;
pub const INTERMEDIATE_SEED: u8 = 2;
pub const LEAF_SEED: u8 = 3;
pub const ATTACKER_SEED: u8 = 66;

/// One AuthorizationList entry: `[tag] EXPLICIT value`.
pub fn entry(tag: u32, value: &[u8]) -> Vec<u8> {
    explicit(tag, value)
}

/// RootOfTrust (AOSP KeyDescription schema, version 3 and later).
pub fn root_of_trust(locked: bool, state: i64) -> Vec<u8> {
    seq(&[
        &octets(&[0xaa; 32]),
        &boolean(locked),
        &enumerated(state),
        &octets(&[0xbb; 32]),
    ])
}

/// AttestationApplicationId for one package and one signing-certificate digest.
pub fn application_id(package: &str, version: i64) -> Vec<u8> {
    let inner = seq(&[
        &set(&[&seq(&[&octets(package.as_bytes()), &int(version)])]),
        &set(&[&octets(&[0xcc; 32])]),
    ]);
    octets(&inner)
}

/// The hardware-enforced list of a genuine-looking TEE EC signing key.
pub fn tee_signing_key_list(purposes: &[i64]) -> Vec<u8> {
    let purpose_set: Vec<Vec<u8>> = purposes.iter().map(|p| int(*p)).collect();
    let purpose_refs: Vec<&[u8]> = purpose_set.iter().map(Vec::as_slice).collect();
    seq(&[
        &entry(TAG_PURPOSE, &set(&purpose_refs)),
        &entry(TAG_ALGORITHM, &int(3)),
        &entry(TAG_KEY_SIZE, &int(256)),
        &entry(TAG_EC_CURVE, &int(1)),
        &entry(TAG_NO_AUTH_REQUIRED, &null()),
        &entry(TAG_ORIGIN, &int(0)),
        &entry(TAG_ROOT_OF_TRUST, &root_of_trust(true, 0)),
        &entry(TAG_OS_VERSION, &int(160000)),
        &entry(TAG_OS_PATCHLEVEL, &int(202611)),
        &entry(TAG_VENDOR_PATCHLEVEL, &int(20261105)),
        &entry(TAG_BOOT_PATCHLEVEL, &int(20261105)),
    ])
}

/// The software-enforced list: creation time and the calling app.
pub fn software_list() -> Vec<u8> {
    seq(&[
        &entry(TAG_CREATION_DATETIME, &int(1_796_083_200_000)),
        &entry(
            TAG_ATTESTATION_APPLICATION_ID,
            &application_id("dev.hwattest.example", 7),
        ),
    ])
}

/// A KeyDescription, attestation and KeyMint version 300.
pub fn key_description(challenge: &[u8], level: i64, hardware: &[u8]) -> Vec<u8> {
    seq(&[
        &int(300),
        &enumerated(level),
        &int(300),
        &enumerated(level),
        &octets(challenge),
        &octets(&[]),
        &software_list(),
        hardware,
    ])
}

/// The challenge baked into the generated example chain.
pub const EXAMPLE_CHALLENGE: &[u8] = b"hwattest example challenge";

/// A generated chain and the keys behind it.
pub struct Generated {
    pub root: Vec<u8>,
    pub intermediate: Vec<u8>,
    pub leaf: Vec<u8>,
    pub root_key: SigningKey,
    pub intermediate_key: SigningKey,
    pub leaf_key: SigningKey,
    pub leaf_spec: CertSpec,
    pub intermediate_spec: CertSpec,
}

impl Generated {
    /// Leaf, intermediate, root.
    pub fn chain(&self) -> Vec<Vec<u8>> {
        vec![
            self.leaf.clone(),
            self.intermediate.clone(),
            self.root.clone(),
        ]
    }
}

pub fn root_name() -> Vec<u8> {
    name("hwattest test", "hwattest Test Attestation Root")
}

pub fn intermediate_name() -> Vec<u8> {
    name("hwattest test", "hwattest Test Intermediate")
}

/// The root certificate of a key, self-signed, valid 2025-01-01 to 2045-01-01.
pub fn root_cert(key: &SigningKey, subject: &[u8]) -> Vec<u8> {
    CertSpec {
        serial: 1,
        issuer: subject.to_vec(),
        subject: subject.to_vec(),
        not_before: utc_time("250101000000Z"),
        not_after: utc_time("450101000000Z"),
        spki: spki(key),
        extensions: ca_extensions(),
    }
    .sign(key)
}

/// The leaf: device-minted, KeyMint's placeholder dates, a KeyDescription.
pub fn leaf_spec(leaf_key: &SigningKey, issuer: &[u8], kd: &[u8]) -> CertSpec {
    CertSpec {
        serial: 1,
        issuer: issuer.to_vec(),
        subject: name("Android", "Android Keystore Key"),
        not_before: utc_time("700101000000Z"),
        not_after: utc_time("480101000000Z"),
        spki: spki(leaf_key),
        extensions: vec![extension(KEY_DESCRIPTION_OID, false, kd)],
    }
}

/// The example hierarchy: a TEE EC signing key with [`EXAMPLE_CHALLENGE`], valid 2026-01-01
/// to 2027-01-01 at the intermediate.
pub fn generate() -> Generated {
    let root_key = key(ROOT_SEED);
    let intermediate_key = key(INTERMEDIATE_SEED);
    let leaf_key = key(LEAF_SEED);
    let root = root_cert(&root_key, &root_name());
    let intermediate_spec = CertSpec {
        serial: 2,
        issuer: root_name(),
        subject: intermediate_name(),
        not_before: utc_time("260101000000Z"),
        not_after: utc_time("270101000000Z"),
        spki: spki(&intermediate_key),
        extensions: ca_extensions(),
    };
    let intermediate = intermediate_spec.sign(&root_key);
    let kd = key_description(
        EXAMPLE_CHALLENGE,
        SECURITY_LEVEL_TEE,
        &tee_signing_key_list(&[PURPOSE_SIGN, PURPOSE_VERIFY]),
    );
    let leaf_spec = leaf_spec(&leaf_key, &intermediate_name(), &kd);
    let leaf = leaf_spec.sign(&intermediate_key);
    Generated {
        root,
        intermediate,
        leaf,
        root_key,
        intermediate_key,
        leaf_key,
        leaf_spec,
        intermediate_spec,
    }
}
