//! Adversarial Android chains the project generates with its own test root. Each test changes
//! one thing from a chain that verifies, and asserts the exact error.

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

#[test]
fn generated_chain_verifies_with_its_root_and_not_with_google() {
    let g = generate();
    let verified = verify(&verifier_for(&g.root, RootKind::Custom), &g.chain()).unwrap();
    let claims = claims_json(&verified);
    assert_eq!(claims["attestation_security_level"], "trusted_environment");
    assert_eq!(claims["provisioning"], "unknown");
    assert_eq!(claims["root"]["kind"], "custom");
    assert_eq!(claims["root"]["root_included"], true);
    assert_eq!(
        verify(&Verifier::new(), &g.chain()).unwrap_err(),
        Error::UntrustedRoot
    );
}

#[test]
fn omitted_root_verifies_against_the_pinned_key() {
    let g = generate();
    let chain = vec![g.leaf.clone(), g.intermediate.clone()];
    let verified = verify(&verifier_for(&g.root, RootKind::Custom), &chain).unwrap();
    assert_eq!(claims_json(&verified)["root"]["root_included"], false);
}

#[test]
fn wrong_root_with_googles_subject_name_is_refused() {
    let (google_subject, _) = google_root_subject_and_spki();

    // An attacker's self-signed root that copies Google's name, and a chain under it.
    let fake_root_key = TestKey::p256(ATTACKER_SEED);
    let fake_root = root_cert(&fake_root_key, &google_subject);
    let mut g = generate();
    g.intermediate_spec.issuer = google_subject.clone();
    g.intermediate = g.intermediate_spec.sign(&fake_root_key);
    let chain = vec![g.leaf.clone(), g.intermediate.clone(), fake_root];
    // The fake root's key is not pinned; Google's key did not sign it.
    assert_eq!(
        verify(&Verifier::new(), &chain).unwrap_err(),
        Error::BadSignature { index: 2 }
    );
    // Without the fake root, Google's key did not sign the intermediate either.
    assert_eq!(
        verify(&Verifier::new(), &chain[..2]).unwrap_err(),
        Error::BadSignature { index: 1 }
    );
}

#[test]
fn self_signed_tail_is_never_trusted_for_being_self_signed() {
    let g = generate();
    // Trust nothing but Google: the generated root is self-signed and valid, and still refused.
    assert_eq!(
        verify(&Verifier::new(), &g.chain()).unwrap_err(),
        Error::UntrustedRoot
    );
}

fn flip_last_byte(cert: &[u8]) -> Vec<u8> {
    let mut out = cert.to_vec();
    if let Some(last) = out.last_mut() {
        *last ^= 0x01;
    }
    out
}

#[test]
fn tampered_signatures_are_refused() {
    let (g, verifier) = generate_trusted();

    let chain = vec![
        flip_last_byte(&g.leaf),
        g.intermediate.clone(),
        g.root.clone(),
    ];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::BadSignature { index: 0 }
    );

    let chain = vec![
        g.leaf.clone(),
        flip_last_byte(&g.intermediate),
        g.root.clone(),
    ];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::BadSignature { index: 1 }
    );
}

#[test]
fn tampered_key_description_breaks_the_leaf_signature() {
    let (g, verifier) = generate_trusted();
    // Re-encode the leaf with another challenge but keep the old signature.
    let kd = key_description(
        b"hwattest example challengf",
        SECURITY_LEVEL_TEE,
        &tee_signing_key_list(&[PURPOSE_SIGN]),
    );
    let forged_tbs = leaf_spec(&g.leaf_key, &intermediate_name(), &kd).tbs(&g.intermediate_key);
    let genuine = g
        .intermediate_key
        .sign(&g.leaf_spec.tbs(&g.intermediate_key));
    let forged = certificate(
        &forged_tbs,
        &g.intermediate_key.signature_algorithm(),
        &genuine,
    );
    let chain = vec![forged, g.intermediate.clone(), g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::BadSignature { index: 0 }
    );
}

#[test]
fn challenge_mismatch_is_refused() {
    let (g, verifier) = generate_trusted();
    let outcome = verifier.verify(
        pem(&g.chain()).as_bytes(),
        Challenge::Expected(b"other"),
        AT,
    );
    assert_eq!(outcome.unwrap_err(), Error::ChallengeMismatch);
}

#[test]
fn truncated_and_trailing_garbage_der_are_refused() {
    let (g, verifier) = generate_trusted();
    let der: Vec<u8> = g.chain().concat();

    let truncated = &der[..der.len() - 10];
    assert_eq!(
        verifier
            .verify(truncated, Challenge::Expected(EXAMPLE_CHALLENGE), AT)
            .unwrap_err(),
        Error::InputEncoding {
            reason: "DER certificate sequence is truncated or malformed"
        }
    );

    let mut garbage = der.clone();
    garbage.extend_from_slice(&[0xde, 0xad]);
    assert_eq!(
        verifier
            .verify(&garbage, Challenge::Expected(EXAMPLE_CHALLENGE), AT)
            .unwrap_err(),
        Error::InputEncoding {
            reason: "DER certificate sequence is truncated or malformed"
        }
    );

    // Garbage inside one certificate's PEM block: bytes after the outer SEQUENCE.
    let mut leaf = g.leaf.clone();
    leaf.push(0x00);
    let chain = vec![leaf, g.intermediate.clone(), g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::CertificateTrailingData { index: 0 }
    );
}

/// An attacker holding an ordinary attested key (purpose SIGN) signs a "leaf" of their own
/// with any KeyDescription they like, and appends it below the genuine chain.
#[test]
fn chain_extended_below_the_leaf_by_an_attested_signing_key_is_refused() {
    let (g, verifier) = generate_trusted();
    let attacker = TestKey::p256(ATTACKER_SEED);
    let fake_kd = key_description(
        b"any challenge",
        SECURITY_LEVEL_STRONGBOX,
        &tee_signing_key_list(&[PURPOSE_SIGN]),
    );
    let mut spec = leaf_spec(&attacker, &g.leaf_spec.subject, &fake_kd);
    spec.serial = 9;
    let fake_leaf = spec.sign(&g.leaf_key);
    let mut chain = vec![fake_leaf];
    chain.extend(g.chain());
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerNotAttestKey { index: 1 }
    );

    // Without a KeyDescription of its own, the fake leaf has nothing to attest.
    let mut bare = spec.clone();
    bare.extensions.clear();
    let mut chain = vec![bare.sign(&g.leaf_key)];
    chain.extend(g.chain());
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::MissingKeyDescription
    );
}

/// The same shape is genuine when the issuing key is an ATTEST_KEY key (KeyMint 1+), and then
/// that device-minted certificate's dates are not enforced either.
#[test]
fn attest_key_issuer_is_accepted() {
    let (g, verifier) = generate_trusted();
    let attest_kd = attest_key_description(SECURITY_LEVEL_TEE, &[PURPOSE_ATTEST_KEY]);
    let chain = attest_key_chain(&g, &attest_kd, SECURITY_LEVEL_TEE);
    let verified = verify(&verifier, &chain).unwrap();
    assert_eq!(claims_json(&verified)["attest_key_issuer"], true);
}

#[test]
fn key_description_above_the_leaf_issuer_is_refused() {
    let (g, verifier) = generate_trusted();
    // A second intermediate, a genuine CA, that also carries a KeyDescription.
    let kd = key_description(
        EXAMPLE_CHALLENGE,
        SECURITY_LEVEL_TEE,
        &tee_signing_key_list(&[PURPOSE_ATTEST_KEY]),
    );
    let upper_key = TestKey::p256(5);
    let upper_name = name("hwattest test", "Upper");
    let mut ext = ca_extensions();
    ext.push(extension(KEY_DESCRIPTION_OID, false, &kd));
    let upper = CertSpec {
        serial: 5,
        issuer: root_name(),
        subject: upper_name.clone(),
        not_before: utc_time("260101000000Z"),
        not_after: utc_time("270101000000Z"),
        spki: upper_key.spki(),
        extensions: ext,
    }
    .sign(&g.root_key);
    let mut inter = g.intermediate_spec.clone();
    inter.issuer = upper_name;
    let inter = inter.sign(&upper_key);
    let chain = vec![g.leaf.clone(), inter, upper, g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::UnexpectedKeyDescription { index: 2 }
    );
}

#[test]
fn software_root_presented_as_hardware_is_reported_as_software() {
    // The generated KeyDescription claims TrustedEnvironment; the anchor is a software root.
    let g = generate();
    let strict = verifier_for(&g.root, RootKind::AndroidSoftware);
    assert_eq!(
        verify(&strict, &g.chain()).unwrap_err(),
        Error::SoftwareRoot
    );

    let lenient = software_verifier_for(&g.root, "soft");
    let claims = claims_json(&verify(&lenient, &g.chain()).unwrap());
    assert_eq!(claims["attestation_security_level"], "software");
    assert_eq!(claims["keymint_security_level"], "software");
    assert_eq!(claims["provisioning"], "software");
}

#[test]
fn issuer_constraints_are_enforced() {
    let (g, verifier) = generate_trusted();

    // Names must chain.
    let chain = chain_with_intermediate(&g, |spec| spec.subject = name("x", "Other"));
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerMismatch { index: 0 }
    );

    // An issuer above the leaf's issuer must be a CA.
    let upper_key = TestKey::p256(6);
    let upper_name = name("hwattest test", "Not a CA");
    let upper = CertSpec {
        serial: 6,
        issuer: root_name(),
        subject: upper_name.clone(),
        not_before: utc_time("260101000000Z"),
        not_after: utc_time("270101000000Z"),
        spki: upper_key.spki(),
        extensions: vec![],
    }
    .sign(&g.root_key);
    let inter = CertSpec {
        issuer: upper_name,
        ..g.intermediate_spec.clone()
    }
    .sign(&upper_key);
    let chain = vec![g.leaf.clone(), inter, upper, g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerNotCa { index: 2 }
    );
}

#[test]
fn intermediate_validity_is_enforced_and_leaf_validity_is_not() {
    let (g, verifier) = generate_trusted();
    let chain = pem(&g.chain());
    let late = UnixTime::from_unix_seconds(1_798_761_601); // 2027-01-01T00:00:01Z
    assert_eq!(
        verifier
            .verify(
                chain.as_bytes(),
                Challenge::Expected(EXAMPLE_CHALLENGE),
                late
            )
            .unwrap_err(),
        Error::CertificateExpired {
            index: 1,
            time: 1_798_761_601,
            not_after: 1_798_761_600
        }
    );
    let early = UnixTime::from_unix_seconds(1_767_225_599); // 2025-12-31T23:59:59Z
    assert_eq!(
        verifier
            .verify(
                chain.as_bytes(),
                Challenge::Expected(EXAMPLE_CHALLENGE),
                early
            )
            .unwrap_err(),
        Error::CertificateNotYetValid {
            index: 1,
            time: 1_767_225_599,
            not_before: 1_767_225_600
        }
    );
}

#[test]
fn missing_key_description_is_refused() {
    let (g, verifier) = generate_trusted();
    let chain = chain_with_leaf(&g, |spec| spec.extensions.clear());
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::MissingKeyDescription
    );
}

#[test]
fn chain_length_limit_is_enforced() {
    let (g, verifier) = generate_trusted();
    let chain: Vec<Vec<u8>> = std::iter::repeat_n(g.intermediate.clone(), 9).collect();
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::ChainTooLong {
            len: 9,
            limit: hwattest::limits::MAX_CHAIN_LENGTH
        }
    );
}

/// A TEE key whose root of trust and patch level appear only in `softwareEnforced`: the claims
/// must not present them as proven by the secure environment.
#[test]
fn software_enforced_values_never_become_hardware_claims() {
    let (g, verifier) = generate_trusted();
    let hardware = seq(&[
        &entry(TAG_PURPOSE, &set(&[&int(PURPOSE_SIGN)])),
        &entry(TAG_ALGORITHM, &int(3)),
        &entry(TAG_KEY_SIZE, &int(256)),
    ]);
    let software = seq(&[
        &entry(TAG_ROOT_OF_TRUST, &root_of_trust(true, 0)),
        &entry(TAG_OS_PATCHLEVEL, &int(209912)),
        &entry(
            TAG_ATTESTATION_APPLICATION_ID,
            &application_id("dev.hwattest.example", 7),
        ),
    ]);
    let kd = key_description_with(
        300,
        SECURITY_LEVEL_TEE,
        EXAMPLE_CHALLENGE,
        &software,
        &hardware,
    );
    let leaf = leaf_spec(&g.leaf_key, &intermediate_name(), &kd).sign(&g.intermediate_key);
    let chain = vec![leaf, g.intermediate.clone(), g.root.clone()];
    let verified = verify(&verifier, &chain).unwrap();
    let claims = claims_json(&verified);
    assert_eq!(claims["root_of_trust"], serde_json::Value::Null);
    assert_eq!(claims["os_patch_level"], serde_json::Value::Null);
    assert_eq!(claims["key"]["key_size"], 256);
    // The application identity is always software-enforced, by the schema.
    assert_eq!(
        claims["application"]["packages"][0]["name"],
        "dev.hwattest.example"
    );
    // The full KeyDescription still shows what the software list said.
    let kd = verified.key_description();
    assert!(kd.software_enforced.root_of_trust.is_some());
}

#[test]
fn empty_expected_challenge_is_refused_and_unchecked_challenge_is_reported() {
    let (g, verifier) = generate_trusted();
    let chain = pem(&g.chain());
    assert_eq!(
        verifier
            .verify(chain.as_bytes(), Challenge::Expected(b""), AT)
            .unwrap_err(),
        Error::ChallengeEmpty
    );
    let checked = verifier.verify(chain.as_bytes(), Challenge::Expected(EXAMPLE_CHALLENGE), AT);
    assert!(checked.unwrap().claims().challenge_checked);
    let unchecked = verifier
        .verify(chain.as_bytes(), Challenge::NotChecked, AT)
        .unwrap();
    assert!(!unchecked.claims().challenge_checked);
}

/// An ATTEST_KEY certificate is device-minted and never a CA; one that claims to be a CA is not
/// given the ATTEST_KEY allowances (tolerant parsing, no validity check).
#[test]
fn attest_key_certificate_claiming_to_be_a_ca_is_refused() {
    let (g, verifier) = generate_trusted();
    let mut attest_spec = attest_key_spec(&attest_key_description(
        SECURITY_LEVEL_TEE,
        &[PURPOSE_ATTEST_KEY],
    ));
    attest_spec.extensions.extend(ca_extensions());
    let chain = attest_key_chain_from(&g, &attest_spec, SECURITY_LEVEL_TEE);
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::IssuerNotAttestKey { index: 1 }
    );
}

/// A malformed ProvisioningInfo on a vendor-issued certificate is an error naming that
/// certificate, not silently ignored.
#[test]
fn malformed_provisioning_info_names_its_certificate() {
    let (g, verifier) = generate_trusted();
    // CBOR unsigned 0 where a map is required.
    let chain = chain_with_intermediate(&g, |spec| {
        spec.extensions
            .push(extension("1.3.6.1.4.1.11129.2.1.30", false, &[0x00]));
    });
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::ProvisioningInfoMalformed { index: Some(1) }
    );
}

/// A CA whose pathLenConstraint is 0 may not have another CA below it (RFC 5280 section
/// 4.2.1.9): the path leaf ← CA B ← CA A (pathLen 0) ← root is refused at A.
#[test]
fn path_length_constraint_is_enforced() {
    let (g, verifier) = generate_trusted();
    let upper_key = TestKey::p256(7);
    let upper_name = name("hwattest test", "Path length zero");
    let upper = CertSpec {
        serial: 7,
        issuer: root_name(),
        subject: upper_name.clone(),
        not_before: utc_time("260101000000Z"),
        not_after: utc_time("270101000000Z"),
        spki: upper_key.spki(),
        extensions: vec![
            extension(BASIC_CONSTRAINTS, true, &seq(&[&boolean(true), &int(0)])),
            extension(KEY_USAGE, true, &tlv(&[0x03], &[0x02, 0x04])),
        ],
    }
    .sign(&g.root_key);
    let inter = CertSpec {
        issuer: upper_name,
        ..g.intermediate_spec.clone()
    }
    .sign(&upper_key);
    let chain = vec![g.leaf.clone(), inter, upper, g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::PathLengthExceeded { index: 2 }
    );
}

/// An issuer whose key is on a curve hwattest does not verify with (P-521 here) is named.
#[test]
fn issuer_key_on_an_unsupported_curve_is_named() {
    let (g, verifier) = generate_trusted();
    let mut point = vec![0x04];
    point.extend([0x11; 132]);
    let p521_spki = seq(&[
        &seq(&[&oid("1.2.840.10045.2.1"), &oid("1.3.132.0.35")]),
        &bit_string(&point),
    ]);
    let chain = chain_with_intermediate(&g, |spec| spec.spki = p521_spki);
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::UnsupportedPublicKey { index: 1 }
    );
}

/// A KeyDescription that does not parse is named with its certificate, field and tag.
#[test]
fn malformed_key_description_names_certificate_field_and_tag() {
    let (g, verifier) = generate_trusted();
    // osPatchLevel [706] holding an OCTET STRING instead of an INTEGER.
    let hardware = seq(&[&entry(TAG_OS_PATCHLEVEL, &octets(b"202611"))]);
    let kd = key_description(EXAMPLE_CHALLENGE, SECURITY_LEVEL_TEE, &hardware);
    let leaf = leaf_spec(&g.leaf_key, &intermediate_name(), &kd).sign(&g.intermediate_key);
    let chain = vec![leaf, g.intermediate.clone(), g.root.clone()];
    assert_eq!(
        verify(&verifier, &chain).unwrap_err(),
        Error::KeyDescriptionMalformed {
            index: Some(0),
            field: "hardwareEnforced",
            tag: Some(TAG_OS_PATCHLEVEL)
        }
    );
}
