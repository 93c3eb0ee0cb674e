//! Every real-device chain in `../shared/test-vectors/android` reaches the outcome its
//! `meta.json` records, at its suggested time, with its challenge, and its claims match.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::Path;

use hwattest::android::{Challenge, Verifier};
use hwattest::{Error, UnixTime};
use serde_json::Value;

use common::vectors;

/// meta.json spells enum values in CamelCase; the claims JSON in snake_case.
fn snake(camel: &str) -> String {
    match camel {
        "StrongBox" => "strongbox".to_owned(),
        _ => {
            let mut out = String::new();
            for (i, c) in camel.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
    }
}

fn check_claims(name: &str, claims: &Value, meta: &Value) {
    let kd = &meta["key_description_summary"];
    let ctx = |field: &str| format!("{name}: {field}");
    assert_eq!(
        claims["attestation_version"],
        kd["attestationVersion"],
        "{}",
        ctx("version")
    );
    assert_eq!(
        claims["keymint_version"],
        kd["keymasterOrKeyMintVersion"],
        "{}",
        ctx("keymint")
    );
    // Under a software root nothing about hardware is proven, so both levels read software.
    let keymint_level = if claims["provisioning"] == "software" {
        "software".to_owned()
    } else {
        snake(kd["keymasterOrKeyMintSecurityLevel"].as_str().unwrap())
    };
    assert_eq!(
        claims["keymint_security_level"],
        keymint_level,
        "{}",
        ctx("keymint level")
    );
    assert_eq!(
        claims["challenge"],
        meta["attestation_challenge"]["hex"],
        "{}",
        ctx("challenge")
    );

    let rot = &kd["rootOfTrust"];
    if rot.is_object() {
        let got = &claims["root_of_trust"];
        assert_eq!(
            got["verified_boot_state"],
            snake(rot["verifiedBootState"].as_str().unwrap()),
            "{}",
            ctx("verified_boot_state")
        );
        assert_eq!(
            got["device_locked"],
            rot["deviceLocked"],
            "{}",
            ctx("device_locked")
        );
        assert_eq!(
            got["verified_boot_key"],
            rot["verifiedBootKeyHex"],
            "{}",
            ctx("boot key")
        );
        if let Some(hash) = rot["verifiedBootHashHex"].as_str() {
            assert_eq!(got["verified_boot_hash"], hash, "{}", ctx("boot hash"));
        }
    }

    let level = kd["keymasterOrKeyMintSecurityLevel"].as_str().unwrap();
    let enforced = if level == "Software" {
        &kd["softwareEnforced"]
    } else {
        &kd["hardwareEnforced"]
    };
    for (meta_key, claim_key) in [
        ("osVersion", "os_version"),
        ("osPatchLevel", "os_patch_level"),
        ("vendorPatchLevel", "vendor_patch_level"),
        ("bootPatchLevel", "boot_patch_level"),
    ] {
        let expected = enforced.get(meta_key).cloned().unwrap_or(Value::Null);
        assert_eq!(claims[claim_key], expected, "{}", ctx(claim_key));
    }

    // Key properties and device IDs come from the same enforced list.
    let key = &claims["key"];
    assert_eq!(
        key["key_size"],
        enforced.get("keySize").cloned().unwrap_or(Value::Null),
        "{name}"
    );
    let algorithm = match enforced["algorithm"].as_i64() {
        Some(1) => Value::from("rsa"),
        Some(3) => Value::from("ec"),
        Some(4) => Value::from("ml_dsa"),
        other => panic!("{name}: unexpected algorithm {other:?}"),
    };
    assert_eq!(key["algorithm"], algorithm, "{}", ctx("algorithm"));
    let purposes: Vec<Value> = enforced["purpose"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| match p.as_i64() {
            Some(0) => Value::from("encrypt"),
            Some(1) => Value::from("decrypt"),
            Some(2) => Value::from("sign"),
            Some(3) => Value::from("verify"),
            Some(5) => Value::from("wrap_key"),
            Some(6) => Value::from("agree_key"),
            Some(7) => Value::from("attest_key"),
            other => panic!("{name}: unexpected purpose {other:?}"),
        })
        .collect();
    let mut sorted = purposes.clone();
    sorted.sort_by_key(|v| v.to_string());
    let mut got: Vec<Value> = key["purposes"].as_array().unwrap().clone();
    got.sort_by_key(|v| v.to_string());
    assert_eq!(got, sorted, "{}", ctx("purposes"));
    assert_eq!(
        claims["device_ids"]["model"].as_str(),
        enforced["attestationIdModel"].as_str(),
        "{}",
        ctx("device model")
    );

    let app = &kd["attestationApplicationId"];
    if app.is_object() {
        let got = &claims["application"];
        let packages: Vec<(Value, Value)> = app["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"].clone(), p["version"].clone()))
            .collect();
        let got_packages: Vec<(Value, Value)> = got["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"].clone(), p["version"].clone()))
            .collect();
        assert_eq!(got_packages, packages, "{}", ctx("packages"));
        assert_eq!(
            got["signature_digests"],
            app["signatureDigests"],
            "{}",
            ctx("digests")
        );
    }
}

/// A vector folder's meta.json, chain.pem, challenge and suggested verification time.
fn load(folder: &Path) -> (Value, Vec<u8>, Vec<u8>, UnixTime) {
    let meta = vectors::meta(folder);
    let chain = std::fs::read(folder.join("chain.pem")).unwrap();
    let challenge = vectors::unhex(meta["attestation_challenge"]["hex"].as_str().unwrap());
    let time = vectors::time(meta["valid_at_utc_suggested"].as_str().unwrap());
    (meta, chain, challenge, time)
}

#[test]
fn every_shared_android_vector_reaches_its_expected_outcome() {
    let Some(folders) = vectors::folders("android") else {
        return;
    };
    let hardware = Verifier::new();
    let software = Verifier::builder().allow_software_attestation(true).build();
    let mut counts = std::collections::BTreeMap::new();
    for folder in &folders {
        let name = folder.file_name().unwrap().to_str().unwrap().to_owned();
        let (meta, chain, challenge, time) = load(folder);
        let expect = meta["expect"].as_str().unwrap();
        let outcome = hardware.verify(&chain, Challenge::Expected(&challenge), time);
        match expect {
            "hardware" => {
                let verified = outcome.unwrap_or_else(|e| panic!("{name}: expected hardware, {e}"));
                let claims = serde_json::to_value(verified.claims()).unwrap();
                check_claims(&name, &claims, &meta);
                assert_eq!(
                    claims["attestation_security_level"],
                    snake(
                        meta["key_description_summary"]["attestationSecurityLevel"]
                            .as_str()
                            .unwrap()
                    ),
                    "{name}"
                );
                let kind = meta["kind"].as_str().unwrap();
                let provisioning = if kind.contains("RKP") {
                    "remote"
                } else {
                    "factory"
                };
                assert_eq!(claims["provisioning"], provisioning, "{name}: provisioning");
                assert_eq!(claims["root"]["kind"], "google_hardware", "{name}");
            }
            "software" => {
                assert_eq!(outcome.unwrap_err(), Error::SoftwareRoot, "{name}");
                let verified = software
                    .verify(&chain, Challenge::Expected(&challenge), time)
                    .unwrap_or_else(|e| panic!("{name}: expected software, {e}"));
                let claims = serde_json::to_value(verified.claims()).unwrap();
                assert_eq!(claims["attestation_security_level"], "software", "{name}");
                assert_eq!(claims["provisioning"], "software", "{name}");
                assert_eq!(claims["root"]["kind"], "android_software", "{name}");
                check_claims(&name, &claims, &meta);
            }
            "untrusted_root" | "leaf_only" => {
                assert_eq!(outcome.unwrap_err(), Error::UntrustedRoot, "{name}");
                // Still readable without trust.
                let report = hwattest::android::inspect(&chain).unwrap();
                assert!(report.certificates[0].key_description.is_some(), "{name}");
            }
            "bad_signature" => {
                assert!(
                    matches!(outcome, Err(Error::BadSignature { .. })),
                    "{name}: {outcome:?}"
                );
            }
            other => panic!("{name}: unknown expect value {other}"),
        }
        *counts.entry(expect.to_owned()).or_insert(0) += 1;
    }
    eprintln!("android vectors checked: {counts:?}");
    assert!(
        counts.get("hardware").copied().unwrap_or(0) >= 20,
        "{counts:?}"
    );
}

#[test]
fn a_different_challenge_is_refused_on_a_real_chain() {
    let Some(dir) = vectors::dir("android") else {
        return;
    };
    let (_, chain, _, time) = load(&dir.join("ak-pixel8a-sdk34-tee-ec-rkp"));
    let outcome = Verifier::new().verify(&chain, Challenge::Expected(b"challengf"), time);
    assert_eq!(outcome.unwrap_err(), Error::ChallengeMismatch);
    let outcome = Verifier::new().verify(&chain, Challenge::Expected(b"challenge"), time);
    assert!(outcome.is_ok());
}

#[test]
fn rkp_intermediates_expire_and_factory_chains_age_out() {
    let Some(dir) = vectors::dir("android") else {
        return;
    };
    // The RKP intermediate (index 1) of this chain is valid 2024-09-10 .. 2024-10-08.
    let chain = std::fs::read(dir.join("ak-pixel8a-sdk34-tee-ec-rkp/chain.pem")).unwrap();
    let after = vectors::time("2024-10-08T14:09:47Z");
    let outcome = Verifier::new().verify(&chain, Challenge::Expected(b"challenge"), after);
    assert_eq!(
        outcome.unwrap_err(),
        Error::CertificateExpired {
            index: 1,
            time: after.as_unix_seconds(),
            not_after: vectors::time("2024-10-08T14:09:46Z").as_unix_seconds()
        }
    );
}

#[test]
fn every_accepted_encoding_of_a_real_chain_gives_the_same_claims() {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine;

    let Some(dir) = vectors::dir("android") else {
        return;
    };
    let (_, pem, challenge, time) = load(&dir.join("gos-attestkey-rkp-strongbox-grapheneos-v300"));
    let ders = hwattest::encoding::decode_certificates(&pem).unwrap();
    assert_eq!(ders.len(), 6);

    let std_list: Vec<String> = ders.iter().map(|d| STANDARD.encode(d)).collect();
    let url_list: Vec<String> = ders.iter().map(|d| URL_SAFE_NO_PAD.encode(d)).collect();
    let encodings: Vec<(&str, Vec<u8>)> = vec![
        ("pem", pem.clone()),
        ("der", ders.concat()),
        ("json", serde_json::to_vec(&std_list).unwrap()),
        ("json url-safe", serde_json::to_vec(&url_list).unwrap()),
        ("base64 lines", std_list.join("\n").into_bytes()),
        ("base64 commas", url_list.join(",").into_bytes()),
        // Apps often drop the root: the top certificate is then checked with the pinned key.
        ("pem without root", hwattest_pem(&ders[..5])),
    ];
    let verifier = Verifier::new();
    let expected = verifier
        .verify(&pem, Challenge::Expected(&challenge), time)
        .unwrap();
    for (name, input) in encodings {
        let got = verifier
            .verify(&input, Challenge::Expected(&challenge), time)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut want = serde_json::to_value(expected.claims()).unwrap();
        let got = serde_json::to_value(got.claims()).unwrap();
        if name == "pem without root" {
            want["root"]["root_included"] = Value::Bool(false);
        }
        assert_eq!(got, want, "{name}");
    }
}

fn hwattest_pem(ders: &[Vec<u8>]) -> Vec<u8> {
    common::pki::pem(ders).into_bytes()
}
