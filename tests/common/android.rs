//! Generated Android Key Attestation chains, signed by the project's own test root.
//!
//! The shapes copy genuine chains (root, intermediate CA, leaf with a KeyDescription), so that
//! each adversarial test changes exactly one thing from a chain that verifies.

#![allow(dead_code)]

use hwattest::android::{Challenge, VerifiedAttestation, Verifier};
use hwattest::{Error, RootKind, Roots, TrustAnchor, UnixTime};

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

/// A KeyDescription with every top-level field chosen by the caller.
pub fn key_description_with(
    version: i64,
    level: i64,
    challenge: &[u8],
    software: &[u8],
    hardware: &[u8],
) -> Vec<u8> {
    seq(&[
        &int(version),
        &enumerated(level),
        &int(version),
        &enumerated(level),
        &octets(challenge),
        &octets(&[]),
        software,
        hardware,
    ])
}

/// A KeyDescription, attestation and KeyMint version 300, with [`software_list`].
pub fn key_description(challenge: &[u8], level: i64, hardware: &[u8]) -> Vec<u8> {
    key_description_with(300, level, challenge, &software_list(), hardware)
}

/// The KeyDescription of an attestation key: no challenge, hardware `purposes`.
pub fn attest_key_description(level: i64, purposes: &[i64]) -> Vec<u8> {
    key_description(b"", level, &tee_signing_key_list(purposes))
}

/// The challenge baked into the generated example chain.
pub const EXAMPLE_CHALLENGE: &[u8] = b"hwattest example challenge";

/// A generated chain and the keys behind it.
pub struct Generated {
    pub root: Vec<u8>,
    pub intermediate: Vec<u8>,
    pub leaf: Vec<u8>,
    pub root_key: TestKey,
    pub intermediate_key: TestKey,
    pub leaf_key: TestKey,
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

/// The leaf: device-minted, KeyMint's placeholder dates, a KeyDescription.
pub fn leaf_spec(leaf_key: &TestKey, issuer: &[u8], kd: &[u8]) -> CertSpec {
    CertSpec {
        serial: 1,
        issuer: issuer.to_vec(),
        subject: name("Android", "Android Keystore Key"),
        not_before: utc_time("700101000000Z"),
        not_after: utc_time("480101000000Z"),
        spki: leaf_key.spki(),
        extensions: vec![extension(KEY_DESCRIPTION_OID, false, kd)],
    }
}

/// The example hierarchy: a TEE EC signing key with [`EXAMPLE_CHALLENGE`], valid 2026-01-01
/// to 2027-01-01 at the intermediate.
pub fn generate() -> Generated {
    let root_key = TestKey::p256(ROOT_SEED);
    let intermediate_key = TestKey::p256(INTERMEDIATE_SEED);
    let leaf_key = TestKey::p256(LEAF_SEED);
    let root = root_cert(&root_key, &root_name());
    let intermediate_spec = CertSpec {
        serial: 2,
        issuer: root_name(),
        subject: intermediate_name(),
        not_before: utc_time("260101000000Z"),
        not_after: utc_time("270101000000Z"),
        spki: intermediate_key.spki(),
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

/// The ATTEST_KEY certificate's spec: an app-generated key (seed 4) named "Attest Key", with
/// `attest_kd`, issued by the generated intermediate.
pub fn attest_key_spec(attest_kd: &[u8]) -> CertSpec {
    let mut spec = leaf_spec(&attest_key(), &intermediate_name(), attest_kd);
    spec.subject = name("Android", "Attest Key");
    spec
}

/// The attestation key behind [`attest_key_spec`].
pub fn attest_key() -> TestKey {
    TestKey::p256(4)
}

/// `[leaf, attest-key certificate, intermediate, root]`: the leaf (SIGN, the example challenge,
/// attested at `leaf_level`) is signed by the key of `attest_spec`.
pub fn attest_key_chain_from(
    g: &Generated,
    attest_spec: &CertSpec,
    leaf_level: i64,
) -> Vec<Vec<u8>> {
    let attest_cert = attest_spec.sign(&g.intermediate_key);
    let leaf_kd = key_description(
        EXAMPLE_CHALLENGE,
        leaf_level,
        &tee_signing_key_list(&[PURPOSE_SIGN]),
    );
    let leaf = leaf_spec(&g.leaf_key, &attest_spec.subject, &leaf_kd).sign(&attest_key());
    vec![leaf, attest_cert, g.intermediate.clone(), g.root.clone()]
}

/// [`attest_key_chain_from`] with the default [`attest_key_spec`] for `attest_kd`.
pub fn attest_key_chain(g: &Generated, attest_kd: &[u8], leaf_level: i64) -> Vec<Vec<u8>> {
    attest_key_chain_from(g, &attest_key_spec(attest_kd), leaf_level)
}

/// `[leaf, intermediate, root]` with the leaf re-signed after `edit` changed its spec.
pub fn chain_with_leaf(g: &Generated, edit: impl FnOnce(&mut CertSpec)) -> Vec<Vec<u8>> {
    let mut spec = g.leaf_spec.clone();
    edit(&mut spec);
    vec![
        spec.sign(&g.intermediate_key),
        g.intermediate.clone(),
        g.root.clone(),
    ]
}

/// `[leaf, intermediate, root]` with the intermediate re-signed after `edit` changed its spec.
pub fn chain_with_intermediate(g: &Generated, edit: impl FnOnce(&mut CertSpec)) -> Vec<Vec<u8>> {
    let mut spec = g.intermediate_spec.clone();
    edit(&mut spec);
    vec![g.leaf.clone(), spec.sign(&g.root_key), g.root.clone()]
}

/// Google's 2022 RSA hardware root, as embedded: its subject Name and SubjectPublicKeyInfo.
pub fn google_root_subject_and_spki() -> (Vec<u8>, Vec<u8>) {
    use der::{Decode, Encode};
    let google = hwattest::encoding::decode_certificates(include_bytes!(
        "../../roots/google-hw-root-rsa4096-2022.pem"
    ))
    .unwrap();
    let google = x509_cert::Certificate::from_der(&google[0]).unwrap();
    let tbs = google.tbs_certificate();
    (
        tbs.subject().to_der().unwrap(),
        tbs.subject_public_key_info().to_der().unwrap(),
    )
}

// ------------------------------------------------------------------------------------------
// Verifying generated chains.
// ------------------------------------------------------------------------------------------

/// 2026-06-01T00:00:00Z, inside the generated intermediate's validity.
pub const AT: UnixTime = UnixTime::from_unix_seconds(1_780_272_000);

/// A verifier trusting only `root`, as a root of `kind`.
pub fn verifier_for(root: &[u8], kind: RootKind) -> Verifier {
    let anchor = TrustAnchor::from_certificate_der(root, "test root", kind).unwrap();
    Verifier::builder()
        .roots(Roots::empty())
        .add_root(anchor)
        .build()
}

/// The example hierarchy and a verifier that trusts its root as a custom root.
pub fn generate_trusted() -> (Generated, Verifier) {
    let g = generate();
    let verifier = verifier_for(&g.root, RootKind::Custom);
    (g, verifier)
}

/// A verifier that allows software attestation, trusting only `root` as a software root.
pub fn software_verifier_for(root: &[u8], name: &str) -> Verifier {
    let anchor = TrustAnchor::from_certificate_der(root, name, RootKind::AndroidSoftware).unwrap();
    Verifier::builder()
        .roots(Roots::empty())
        .add_root(anchor)
        .allow_software_attestation(true)
        .build()
}

/// `chain` as PEM, verified with [`EXAMPLE_CHALLENGE`] at `at`.
pub fn verify_at(
    verifier: &Verifier,
    chain: &[Vec<u8>],
    at: UnixTime,
) -> Result<VerifiedAttestation, Error> {
    verifier.verify(
        pem(chain).as_bytes(),
        Challenge::Expected(EXAMPLE_CHALLENGE),
        at,
    )
}

/// [`verify_at`] at [`AT`].
pub fn verify(verifier: &Verifier, chain: &[Vec<u8>]) -> Result<VerifiedAttestation, Error> {
    verify_at(verifier, chain, AT)
}

/// The claims as JSON, as callers see them.
pub fn claims_json(verified: &VerifiedAttestation) -> serde_json::Value {
    serde_json::to_value(verified.claims()).unwrap()
}
