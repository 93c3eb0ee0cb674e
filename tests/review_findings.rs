//! Adversarial review: attacks on the Android verifier, each asserting the exact outcome.
//!
//! Tests named `finding_*` were accepted (or mis-reported) before the fix that came with them;
//! the others pin down refusals that had no test yet.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use hwattest::android::{Challenge, Verifier};
use hwattest::{Error, RootKind, UnixTime};

use common::android::*;
use common::der::*;
use common::pki::*;

const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const ED25519: &str = "1.3.101.112";
const PROVISIONING_INFO_OID: &str = "1.3.6.1.4.1.11129.2.1.30";

// ------------------------------------------------------------------------------------------
// ATTEST_KEY: who may sign the leaf.
// ------------------------------------------------------------------------------------------

/// The ATTEST_KEY chain for `attest_kd` and a leaf at `leaf_level` is refused: the
/// certificate at index 1 is no attestation key.
fn assert_attest_key_refused(attest_kd: &[u8], leaf_level: i64) {
    let (g, verifier) = generate_trusted();
    let chain = attest_key_chain(&g, attest_kd, leaf_level);
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerNotAttestKey { index: 1 }
    );
}

/// A key whose hardware-enforced purposes are SIGN *and* ATTEST_KEY can sign anything its holder
/// likes, including a forged leaf. KeyMint never creates such a key (INCOMPATIBLE_PURPOSE), so
/// one that claims to be both is refused.
#[test]
fn finding_attest_key_combined_with_sign_is_refused() {
    let attest_kd = attest_key_description(SECURITY_LEVEL_TEE, &[PURPOSE_SIGN, PURPOSE_ATTEST_KEY]);
    assert_attest_key_refused(&attest_kd, SECURITY_LEVEL_TEE);
}

/// ATTEST_KEY only in softwareEnforced (written by Keystore, outside the TEE) proves nothing.
#[test]
fn attest_key_purpose_only_in_software_enforced_is_refused() {
    let software = seq(&[&entry(TAG_PURPOSE, &set(&[&int(PURPOSE_ATTEST_KEY)]))]);
    let attest_kd = key_description_with(
        300,
        SECURITY_LEVEL_TEE,
        b"",
        &software,
        &tee_signing_key_list(&[PURPOSE_SIGN]),
    );
    assert_attest_key_refused(&attest_kd, SECURITY_LEVEL_TEE);
}

/// Keymaster (attestation versions 1 to 4) has no ATTEST_KEY: a purpose value 7 there was echoed
/// by an implementation that never enforced it.
#[test]
fn finding_attest_key_from_keymaster_attestation_is_refused() {
    let attest_kd = key_description_with(
        4,
        SECURITY_LEVEL_TEE,
        b"",
        &software_list(),
        &tee_signing_key_list(&[PURPOSE_ATTEST_KEY]),
    );
    assert_attest_key_refused(&attest_kd, SECURITY_LEVEL_TEE);
}

/// An attestation key attested at security level Software is not a hardware key.
#[test]
fn finding_attest_key_with_software_attestation_is_refused() {
    let attest_kd = attest_key_description(SECURITY_LEVEL_SOFTWARE, &[PURPOSE_ATTEST_KEY]);
    assert_attest_key_refused(&attest_kd, SECURITY_LEVEL_SOFTWARE);
}

/// A TEE attestation key cannot have signed a StrongBox leaf: an attestation key belongs to
/// the KeyMint instance that uses it.
#[test]
fn finding_attest_key_of_another_security_level_is_refused() {
    let attest_kd = attest_key_description(SECURITY_LEVEL_TEE, &[PURPOSE_ATTEST_KEY]);
    assert_attest_key_refused(&attest_kd, SECURITY_LEVEL_STRONGBOX);
}

// ------------------------------------------------------------------------------------------
// Provisioning: only vendor-issued certificates may say "RKP".
// ------------------------------------------------------------------------------------------

/// A chain under a root the caller marks as Google hardware, leaf subject chosen by the test.
fn chain_with_leaf_subject(g: &Generated, subject: Vec<u8>) -> Vec<Vec<u8>> {
    chain_with_leaf(g, |spec| spec.subject = subject)
}

/// Apps choose the leaf's subject (`setCertificateSubject`); naming it "Droid CA2, Google LLC"
/// must not turn a factory chain into a remotely provisioned one.
#[test]
fn finding_leaf_subject_cannot_claim_remote_provisioning() {
    let g = generate();
    let verifier = verifier_for(&g.root, RootKind::GoogleHardware);
    let genuine = verify(&verifier, &g.chain()).unwrap();
    assert_eq!(claims_json(&genuine)["provisioning"], "factory");

    let spoofed = chain_with_leaf_subject(&g, name("Google LLC", "Droid CA2"));
    let verified = verify(&verifier, &spoofed).unwrap();
    assert_eq!(claims_json(&verified)["provisioning"], "factory");
}

/// The same holds for an ATTEST_KEY certificate, whose subject the app also chooses.
#[test]
fn finding_attest_key_subject_cannot_claim_remote_provisioning() {
    let g = generate();
    let verifier = verifier_for(&g.root, RootKind::GoogleHardware);
    let attest_kd = attest_key_description(SECURITY_LEVEL_TEE, &[PURPOSE_ATTEST_KEY]);
    let mut attest_spec = attest_key_spec(&attest_kd);
    attest_spec.subject = name("Google LLC", "Droid CA2");
    let chain = attest_key_chain_from(&g, &attest_spec, SECURITY_LEVEL_TEE);
    let verified = verify(&verifier, &chain).unwrap();
    assert_eq!(claims_json(&verified)["provisioning"], "factory");
    assert_eq!(claims_json(&verified)["attest_key_issuer"], true);
}

/// A vendor-issued intermediate named Droid CA2, or carrying ProvisioningInfo, still counts.
#[test]
fn vendor_issued_rkp_markers_still_count() {
    let g = generate();
    let verifier = verifier_for(&g.root, RootKind::GoogleHardware);
    let droid = name("Google LLC", "Droid CA2");
    let inter_spec = CertSpec {
        subject: droid.clone(),
        ..g.intermediate_spec.clone()
    };
    let mut leaf = g.leaf_spec.clone();
    leaf.issuer = droid;
    let chain = vec![
        leaf.sign(&g.intermediate_key),
        inter_spec.sign(&g.root_key),
        g.root.clone(),
    ];
    let verified = verify(&verifier, &chain).unwrap();
    assert_eq!(claims_json(&verified)["provisioning"], "remote");

    // ProvisioningInfo {1: 3, 3: "Google"} on the intermediate.
    let mut info_spec = g.intermediate_spec.clone();
    let info = [&[0xa2, 0x01, 0x03, 0x03, 0x66][..], b"Google"].concat();
    info_spec
        .extensions
        .push(extension(PROVISIONING_INFO_OID, false, &info));
    let chain = vec![g.leaf.clone(), info_spec.sign(&g.root_key), g.root.clone()];
    let verified = verify(&verifier, &chain).unwrap();
    assert_eq!(claims_json(&verified)["provisioning"], "remote");
    let info = verified.provisioning_info().unwrap();
    assert_eq!(info.certs_issued, Some(3));
}

// ------------------------------------------------------------------------------------------
// Claims: nothing from softwareEnforced is reported as hardware-proven.
// ------------------------------------------------------------------------------------------

#[test]
fn software_enforced_device_state_never_reaches_tee_claims() {
    let (g, verifier) = generate_trusted();
    // A TEE attestation whose hardware list says nothing about the device, while the
    // software list claims a locked, verified device on a recent patch level.
    let software = seq(&[
        &entry(TAG_ROOT_OF_TRUST, &root_of_trust(true, 0)),
        &entry(TAG_OS_VERSION, &int(160000)),
        &entry(TAG_OS_PATCHLEVEL, &int(202611)),
        &entry(TAG_VENDOR_PATCHLEVEL, &int(20261105)),
        &entry(TAG_BOOT_PATCHLEVEL, &int(20261105)),
        &entry(
            TAG_ATTESTATION_APPLICATION_ID,
            &application_id("dev.hwattest.example", 7),
        ),
    ]);
    let hardware = seq(&[&entry(TAG_PURPOSE, &set(&[&int(PURPOSE_SIGN)]))]);
    let kd = key_description_with(
        300,
        SECURITY_LEVEL_TEE,
        EXAMPLE_CHALLENGE,
        &software,
        &hardware,
    );
    let leaf = leaf_spec(&g.leaf_key, &intermediate_name(), &kd).sign(&g.intermediate_key);
    let chain = vec![leaf, g.intermediate.clone(), g.root.clone()];
    let claims = claims_json(&verify(&verifier, &chain).unwrap());
    assert_eq!(claims["attestation_security_level"], "trusted_environment");
    assert!(claims["root_of_trust"].is_null());
    assert!(claims["os_version"].is_null());
    assert!(claims["os_patch_level"].is_null());
    assert!(claims["vendor_patch_level"].is_null());
    assert!(claims["boot_patch_level"].is_null());
    // The application identity is always Keystore's, so it is reported.
    assert_eq!(
        claims["application"]["packages"][0]["name"],
        "dev.hwattest.example"
    );
}

// ------------------------------------------------------------------------------------------
// Anchors and chain shape.
// ------------------------------------------------------------------------------------------

#[test]
fn anchor_confusion_is_refused() {
    let (g, verifier) = generate_trusted();

    // Same key, different subject: a self-signed tail carrying the pinned key under another
    // name. It is the anchor (pinned by key), but the intermediate does not name it.
    let renamed_root = root_cert(&g.root_key, &name("hwattest test", "Renamed Root"));
    let chain = vec![g.leaf.clone(), g.intermediate.clone(), renamed_root];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerMismatch { index: 1 }
    );

    // The root in the middle, a copy of the intermediate after it.
    let chain = vec![
        g.leaf.clone(),
        g.intermediate.clone(),
        g.root.clone(),
        g.intermediate.clone(),
    ];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerMismatch { index: 2 }
    );

    // A duplicated intermediate.
    let chain = vec![
        g.leaf.clone(),
        g.intermediate.clone(),
        g.intermediate.clone(),
        g.root.clone(),
    ];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerMismatch { index: 1 }
    );

    // The intermediate omitted: the root did not issue the leaf.
    let chain = vec![g.leaf.clone(), g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerMismatch { index: 0 }
    );

    // The leaf alone: its issuer is no anchor's subject.
    assert_eq!(
        verify(&verifier, std::slice::from_ref(&g.leaf)).unwrap_err(),
        Error::UntrustedRoot
    );

    // An attacker's intermediate with the genuine intermediate's name, and the genuine leaf
    // (its signature verified before, so cached) hung under it.
    let attacker = TestKey::p256(ATTACKER_SEED);
    let fake_inter = CertSpec {
        spki: attacker.spki(),
        ..g.intermediate_spec.clone()
    }
    .sign(&attacker);
    let chain = vec![g.leaf.clone(), fake_inter, g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::BadSignature { index: 0 }
    );
}

/// A repeated root at the tail adds nothing: the self-signature verifies and the anchor is the
/// same key. Accepted, recorded here so that a change is deliberate.
#[test]
fn duplicated_root_at_the_tail_is_harmless() {
    let (g, verifier) = generate_trusted();
    let mut chain = g.chain();
    chain.push(g.root.clone());
    let claims = claims_json(&verify(&verifier, &chain).unwrap());
    assert_eq!(claims["root"]["root_included"], true);
}

#[test]
fn extension_rules_are_enforced() {
    let (g, verifier) = generate_trusted();

    // Two KeyDescriptions in the leaf: which one would count?
    let kd = key_description(b"other", SECURITY_LEVEL_TEE, &tee_signing_key_list(&[2]));
    let chain = chain_with_leaf(&g, |spec| {
        spec.extensions
            .push(extension(KEY_DESCRIPTION_OID, false, &kd))
    });
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::DuplicateExtension { index: 0 }
    );

    // An unknown critical extension, in the intermediate and in the leaf.
    let chain = chain_with_intermediate(&g, |spec| {
        spec.extensions.push(extension("1.2.3.4.5", true, &null()))
    });
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::UnknownCriticalExtension { index: 1 }
    );
    let chain = chain_with_leaf(&g, |spec| {
        spec.extensions.push(extension("1.2.3.4.5", true, &null()))
    });
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::UnknownCriticalExtension { index: 0 }
    );

    // An intermediate CA whose keyUsage lacks keyCertSign.
    let chain = chain_with_intermediate(&g, |spec| {
        spec.extensions = vec![
            extension(BASIC_CONSTRAINTS, true, &seq(&[&boolean(true)])),
            extension(KEY_USAGE, true, &tlv(&[0x03], &[0x07, 0x80])),
        ]
    });
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerKeyUsage { index: 1 }
    );
}

// ------------------------------------------------------------------------------------------
// Signature algorithms.
// ------------------------------------------------------------------------------------------

/// The generated leaf with `inner` as the TBS's algorithm, `outer` as the certificate's, and a
/// P-256 SHA-256 signature by `signer` over the TBS.
fn leaf_with_algorithms(g: &Generated, inner: &[u8], outer: &[u8], signer: &TestKey) -> Vec<u8> {
    let tbs = g.leaf_spec.tbs_with(inner);
    certificate(&tbs, outer, &signer.sign(&tbs))
}

#[test]
fn signature_algorithm_confusion_is_refused() {
    let (g, verifier) = generate_trusted();
    let chain_with = |leaf: Vec<u8>| vec![leaf, g.intermediate.clone(), g.root.clone()];
    let ecdsa256 = seq(&[&oid(ECDSA_WITH_SHA256)]);

    // An RSA algorithm over an EC issuer key, with a valid ECDSA signature.
    let rsa = seq(&[&oid(SHA256_WITH_RSA), &null()]);
    let leaf = leaf_with_algorithms(&g, &rsa, &rsa, &g.intermediate_key);
    assert_eq!(
        verify(&verifier, &chain_with(leaf)).unwrap_err(),
        Error::BadSignature { index: 0 }
    );

    // ecdsa-with-SHA384 named, SHA-256 used.
    let ecdsa384 = seq(&[&oid(ECDSA_WITH_SHA384)]);
    let leaf = leaf_with_algorithms(&g, &ecdsa384, &ecdsa384, &g.intermediate_key);
    assert_eq!(
        verify(&verifier, &chain_with(leaf)).unwrap_err(),
        Error::BadSignature { index: 0 }
    );

    // The TBS and outer algorithm differ (RFC 5280 section 4.1.1.2).
    let leaf = leaf_with_algorithms(&g, &ecdsa256, &ecdsa384, &g.intermediate_key);
    assert_eq!(
        verify(&verifier, &chain_with(leaf)).unwrap_err(),
        Error::CertificateMalformed {
            index: 0,
            field: "signature"
        }
    );

    // An algorithm hwattest does not verify.
    let ed = seq(&[&oid(ED25519)]);
    let leaf = leaf_with_algorithms(&g, &ed, &ed, &g.intermediate_key);
    assert_eq!(
        verify(&verifier, &chain_with(leaf)).unwrap_err(),
        Error::UnsupportedSignatureAlgorithm { index: 0 }
    );

    // ECDSA with parameters other than NULL.
    let odd = seq(&[&oid(ECDSA_WITH_SHA256), &int(0)]);
    let leaf = leaf_with_algorithms(&g, &odd, &odd, &g.intermediate_key);
    assert_eq!(
        verify(&verifier, &chain_with(leaf)).unwrap_err(),
        Error::CertificateMalformed {
            index: 0,
            field: "signatureAlgorithm"
        }
    );

    // ECDSA with NULL parameters in a device-minted leaf: tolerated, recorded, and verified.
    let with_null = seq(&[&oid(ECDSA_WITH_SHA256), &null()]);
    let leaf = leaf_with_algorithms(&g, &with_null, &with_null, &g.intermediate_key);
    assert!(verify(&verifier, &chain_with(leaf)).is_ok());

    // The right algorithm, signed by another key.
    let leaf = leaf_with_algorithms(&g, &ecdsa256, &ecdsa256, &TestKey::p256(ATTACKER_SEED));
    assert_eq!(
        verify(&verifier, &chain_with(leaf)).unwrap_err(),
        Error::BadSignature { index: 0 }
    );
}

/// The cache remembers exact (key, algorithm, message, signature) successes only: a verified
/// chain, then every way of reusing its cached signatures with other bytes.
#[test]
fn signature_cache_cannot_be_replayed_for_other_bytes() {
    let (g, verifier) = generate_trusted();
    verify(&verifier, &g.chain()).unwrap();
    assert!(!verifier.signature_cache().is_empty());

    // The leaf's signature on a TBS with another challenge (same length).
    let mut spec = g.leaf_spec.clone();
    let kd = key_description(
        b"hwattest EXAMPLE challenge",
        SECURITY_LEVEL_TEE,
        &tee_signing_key_list(&[PURPOSE_SIGN, PURPOSE_VERIFY]),
    );
    spec.extensions = vec![extension(KEY_DESCRIPTION_OID, false, &kd)];
    // Generated certificates are SEQUENCE { tbs, algorithm, signature }: keep the last two.
    let genuine_tbs = g.leaf_spec.tbs(&g.intermediate_key);
    let at = g
        .leaf
        .windows(genuine_tbs.len())
        .position(|w| w == genuine_tbs.as_slice())
        .unwrap();
    let algorithm_and_signature = &g.leaf[at + genuine_tbs.len()..];
    let forged = seq(&[&spec.tbs(&g.intermediate_key), algorithm_and_signature]);
    let chain = vec![forged, g.intermediate.clone(), g.root.clone()];
    let outcome = verifier.verify(
        pem(&chain).as_bytes(),
        Challenge::Expected(b"hwattest EXAMPLE challenge"),
        AT,
    );
    assert_eq!(outcome.unwrap_err(), Error::BadSignature { index: 0 });

    // The genuine chain still verifies from the cache.
    verify(&verifier, &g.chain()).unwrap();
}

// ------------------------------------------------------------------------------------------
// Time.
// ------------------------------------------------------------------------------------------

fn chain_with_intermediate_validity(g: &Generated, nb: Vec<u8>, na: Vec<u8>) -> Vec<Vec<u8>> {
    chain_with_intermediate(g, |spec| {
        spec.not_before = nb;
        spec.not_after = na;
    })
}

#[test]
fn validity_boundaries_are_inclusive() {
    let (g, verifier) = generate_trusted();
    // 2026-01-01T00:00:00Z and 2027-01-01T00:00:00Z, the intermediate's bounds.
    let not_before = UnixTime::from_unix_seconds(1_767_225_600);
    let not_after = UnixTime::from_unix_seconds(1_798_761_600);
    assert!(verify_at(&verifier, &g.chain(), not_before).is_ok());
    assert!(verify_at(&verifier, &g.chain(), not_after).is_ok());
}

#[test]
fn utc_time_century_window_is_rfc_5280s() {
    let (g, verifier) = generate_trusted();

    // UTCTime 49 is 2049: still valid in 2026.
    let chain =
        chain_with_intermediate_validity(&g, utc_time("260101000000Z"), utc_time("491231235959Z"));
    assert!(verify(&verifier, &chain).is_ok());

    // UTCTime 50 is 1950, not 2050. The strict decoder every vendor-issued certificate must
    // pass refuses dates before 1970 outright, so this is malformed rather than expired.
    let chain =
        chain_with_intermediate_validity(&g, utc_time("260101000000Z"), utc_time("500101000000Z"));
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::CertificateMalformed {
            index: 1,
            field: "DER encoding"
        }
    );

    // The same for a GeneralizedTime before 1970 in a vendor-issued certificate.
    let chain = chain_with_intermediate_validity(
        &g,
        generalized_time("19000101000000Z"),
        generalized_time("20490101000000Z"),
    );
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::CertificateMalformed {
            index: 1,
            field: "DER encoding"
        }
    );

    // A UTCTime-era date as GeneralizedTime in a device-minted leaf is read as written (the
    // leaf's dates are not enforced, so this only has to parse).
    let chain = chain_with_leaf(&g, |spec| {
        spec.not_before = generalized_time("19000101000000Z");
        spec.not_after = utc_time("500101000000Z");
    });
    assert!(verify(&verifier, &chain).is_ok());

    // A time with fractional seconds or an offset is malformed.
    let chain = chain_with_intermediate_validity(
        &g,
        generalized_time("20260101000000.5Z"),
        generalized_time("20490101000000Z"),
    );
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::CertificateMalformed {
            index: 1,
            field: "validity"
        }
    );
}

// ------------------------------------------------------------------------------------------
// The leaf is never the anchor.
// ------------------------------------------------------------------------------------------

/// A single certificate that carries the pinned root *key* is the anchor when it is the chain's
/// last certificate, and an anchor's signature is never checked. If it is also the leaf, nothing
/// at all was verified: anyone can write that certificate, with any KeyDescription (locked
/// bootloader, verified boot, any app) and the server's challenge.
#[test]
fn finding_leaf_carrying_the_root_key_is_not_an_anchor() {
    let g = generate();
    let verifier = verifier_for(&g.root, RootKind::GoogleHardware);
    let attacker = TestKey::p256(ATTACKER_SEED);
    let mut forged = leaf_spec(&g.root_key, &root_name(), &{
        key_description(
            EXAMPLE_CHALLENGE,
            SECURITY_LEVEL_STRONGBOX,
            &tee_signing_key_list(&[PURPOSE_SIGN]),
        )
    });
    // The root key in the SPKI, the root's name as issuer and subject, signed by anyone.
    forged.spki = g.root_key.spki();
    forged.subject = root_name();
    let forged = forged.sign(&attacker);
    assert_eq!(
        verify(&verifier, std::slice::from_ref(&forged)).unwrap_err(),
        Error::UntrustedRoot
    );

    // Followed by itself, it is both an attested issuer and an anchor, and refused as such.
    assert_eq!(
        verify(&verifier, &[forged.clone(), forged]).unwrap_err(),
        Error::IssuerNotAttestKey { index: 1 }
    );
}

/// The same forgery against the embedded Google roots: a self-made certificate carrying
/// Google's RSA root key and name, with any KeyDescription, "signed" by an attacker's key.
#[test]
fn finding_self_made_certificate_with_googles_root_key_is_refused() {
    let (subject, google_spki) = google_root_subject_and_spki();

    let kd = key_description(
        EXAMPLE_CHALLENGE,
        SECURITY_LEVEL_STRONGBOX,
        &tee_signing_key_list(&[PURPOSE_SIGN]),
    );
    let attacker = TestKey::p256(ATTACKER_SEED);
    let mut spec = leaf_spec(&attacker, &subject, &kd);
    spec.subject = subject;
    spec.spki = google_spki;
    let forged = spec.sign(&attacker);
    assert_eq!(
        verify(&Verifier::new(), std::slice::from_ref(&forged)).unwrap_err(),
        Error::UntrustedRoot
    );
}
