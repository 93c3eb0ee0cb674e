//! The `hwattest` command line: its contract (names, JSON envelope, exit codes) as other tools
//! call it.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_hwattest");
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/android/example");
const APPLE_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/apple/example");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn example_args(challenge: &str) -> Vec<String> {
    vec![
        "android".into(),
        format!("{EXAMPLE}/chain.pem"),
        "--root".into(),
        format!("{EXAMPLE}/root.pem"),
        "--challenge".into(),
        challenge.into(),
        "--at".into(),
        "2026-12-01T00:00:00Z".into(),
        "--json".into(),
    ]
}

fn run_owned(args: &[String]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

#[test]
fn android_example_verifies_with_every_value_syntax() {
    let challenge_file = format!("@{EXAMPLE}/challenge.txt");
    let hex = format!("hex:{}", common::der::hex(b"hwattest example challenge"));
    for challenge in [
        "hwattest example challenge",
        challenge_file.as_str(),
        hex.as_str(),
        "base64:aHdhdHRlc3QgZXhhbXBsZSBjaGFsbGVuZ2U",
        "base64:aHdhdHRlc3QgZXhhbXBsZSBjaGFsbGVuZ2U=",
    ] {
        let output = run_owned(&example_args(challenge));
        assert_eq!(output.status.code(), Some(0), "{challenge}");
        let v = json(&output);
        assert_eq!(v["verified"], true);
        assert_eq!(v["platform"], "android");
        assert_eq!(v["error"], Value::Null);
        let claims = &v["claims"];
        assert_eq!(claims["attestation_version"], 300);
        assert_eq!(claims["attestation_security_level"], "trusted_environment");
        assert_eq!(claims["keymint_security_level"], "trusted_environment");
        assert_eq!(
            claims["challenge"],
            common::der::hex(b"hwattest example challenge")
        );
        assert_eq!(claims["root_of_trust"]["verified_boot_state"], "verified");
        assert_eq!(claims["root_of_trust"]["device_locked"], true);
        assert_eq!(claims["os_patch_level"], 202611);
        assert_eq!(
            claims["application"]["packages"][0]["name"],
            "dev.hwattest.example"
        );
    }
}

#[test]
fn android_rejection_exits_1_with_a_stable_kind() {
    let output = run_owned(&example_args("wrong"));
    assert_eq!(output.status.code(), Some(1));
    let v = json(&output);
    assert_eq!(v["verified"], false);
    assert_eq!(v["claims"], Value::Null);
    assert_eq!(v["error"]["kind"], "challenge_mismatch");

    // Without --root the example's test root is not trusted.
    let output = run(&[
        "android",
        &format!("{EXAMPLE}/chain.pem"),
        "--no-challenge",
        "--at",
        "2026-12-01T00:00:00Z",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "untrusted_root");
}

#[test]
fn usage_errors_and_unreadable_input_exit_2() {
    // Neither --challenge nor --no-challenge.
    let output = run(&["android", &format!("{EXAMPLE}/chain.pem")]);
    assert_eq!(output.status.code(), Some(2));
    // A file that does not exist.
    let output = run(&["android", "/nonexistent/chain.pem", "--no-challenge"]);
    assert_eq!(output.status.code(), Some(2));
    // A bad time.
    let output = run(&[
        "android",
        &format!("{EXAMPLE}/chain.pem"),
        "--no-challenge",
        "--at",
        "yesterday",
    ]);
    assert_eq!(output.status.code(), Some(2));
    // A file that is not a chain at all.
    let output = run(&[
        "android",
        &format!("{EXAMPLE}/challenge.txt"),
        "--no-challenge",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json(&output)["error"]["kind"], "input_encoding");
    // Bad hex in a VALUE.
    let output = run_owned(&example_args("hex:zz"));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn inspect_reads_the_example_chain_without_trust() {
    let output = run(&["inspect", &format!("{EXAMPLE}/chain.pem"), "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let v = json(&output);
    assert_eq!(v["kind"], "android_chain");
    let leaf = &v["certificates"][0];
    assert_eq!(
        leaf["certificate"]["subject"],
        "CN=Android Keystore Key,O=Android"
    );
    assert_eq!(leaf["key_description"]["attestation_version"], 300);
    assert_eq!(v["certificates"][1]["key_description"], Value::Null);

    let output = run(&["inspect", &format!("{EXAMPLE}/chain.pem")]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("KeyDescription:"));
}

#[test]
fn apple_attestation_and_assertion_on_a_real_vector() {
    let Some(dir) = common::vectors::dir("apple") else {
        return;
    };
    let dir = dir.join("veehaitch-ios14.2-dev");
    let app_id = "6MURL8TA57.de.vincent-haupert.apple-appattest-poc";
    let key_id = "base64:2o0syRGn1HDKDv85d522XBC9nLqrHWHGnt/mJ5hWMQM=";
    let object = dir.join("attestation.b64.txt");
    let object = object.to_str().unwrap();
    let args = |env: &'static str| {
        vec![
            "apple",
            "attestation",
            object,
            "--app-id",
            app_id,
            "--key-id",
            key_id,
            "--challenge",
            "wurzelpfropf",
            "--environment",
            env,
            "--at",
            "2020-11-21T22:13:02Z",
            "--json",
        ]
    };
    let output = run(&args("development"));
    assert_eq!(output.status.code(), Some(0));
    let v = json(&output);
    assert_eq!(v["platform"], "apple");
    assert_eq!(v["claims"]["environment"], "development");
    assert_eq!(
        v["claims"]["key_id"],
        "2o0syRGn1HDKDv85d522XBC9nLqrHWHGnt/mJ5hWMQM="
    );
    let public_key = v["claims"]["public_key"].as_str().unwrap().to_owned();

    // Production is the default and the server's word, not the object's.
    let output = run(&args("production"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "aaguid_mismatch");

    let assertion = dir.join("assertion.cbor");
    let client_data = format!("@{}", dir.join("assertion-clientdata.bin").display());
    let key = format!("base64:{public_key}");
    let assertion_args = |previous: &'static str| {
        vec![
            "apple".to_owned(),
            "assertion".to_owned(),
            assertion.display().to_string(),
            "--app-id".to_owned(),
            app_id.to_owned(),
            "--public-key".to_owned(),
            key.clone(),
            "--client-data".to_owned(),
            client_data.clone(),
            "--previous-counter".to_owned(),
            previous.to_owned(),
            "--json".to_owned(),
        ]
    };
    let output = run_owned(&assertion_args("0"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["claims"]["counter"], 1);
    let output = run_owned(&assertion_args("1"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "counter_not_increasing");

    // inspect recognises both object kinds, raw or base64.
    let output = run(&["inspect", object, "--json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["kind"], "attestation");
    let output = run(&["inspect", assertion.to_str().unwrap(), "--json"]);
    assert_eq!(json(&output)["kind"], "assertion");
    assert_eq!(json(&output)["authenticator_data"]["counter"], 1);
}

#[test]
fn usage_errors_with_json_still_print_the_envelope() {
    let output = run(&[
        "android",
        "/nonexistent/chain.pem",
        "--no-challenge",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let v = json(&output);
    assert_eq!(v["verified"], false);
    assert_eq!(v["platform"], "android");
    assert_eq!(v["error"]["kind"], "usage");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/chain.pem"));
}

#[test]
fn no_challenge_is_reported_in_the_claims() {
    let output = run(&[
        "android",
        &format!("{EXAMPLE}/chain.pem"),
        "--root",
        &format!("{EXAMPLE}/root.pem"),
        "--no-challenge",
        "--at",
        "2026-12-01T00:00:00Z",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["claims"]["challenge_checked"], false);
    let output = run_owned(&example_args("hwattest example challenge"));
    assert_eq!(json(&output)["claims"]["challenge_checked"], true);
}

#[test]
fn root_files_must_hold_one_certificate_and_key_paths_must_exist() {
    // chain.pem holds two certificates: refused as a root rather than trusting both.
    let output = run(&[
        "android",
        &format!("{EXAMPLE}/chain.pem"),
        "--root",
        &format!("{EXAMPLE}/chain.pem"),
        "--no-challenge",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("more than one certificate"));

    let output = run(&[
        "apple",
        "assertion",
        &format!("{EXAMPLE}/chain.pem"),
        "--app-id",
        "A.b",
        "--public-key",
        "/nonexistent/key.pem",
        "--client-data",
        "x",
        "--previous-counter",
        "0",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--public-key: cannot read /nonexistent/key.pem"),
        "{stderr}"
    );
}

#[test]
fn unreadable_input_is_reported_on_stderr_with_exit_2() {
    let output = run(&[
        "android",
        &format!("{EXAMPLE}/challenge.txt"),
        "--no-challenge",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unreadable input"), "{stderr}");
    assert!(stderr.contains("[input_encoding]"), "{stderr}");
}

/// `hwattest apple attestation` on the bundled example, as its README gives it, plus `extra`.
fn apple_example_attestation(file: &str, extra: &[&str]) -> Output {
    use base64::Engine;
    let key_id =
        base64::engine::general_purpose::STANDARD.encode(common::apple::generate_example().key_id);
    let mut args = vec![
        "apple".to_owned(),
        "attestation".to_owned(),
        format!("{APPLE_EXAMPLE}/{file}"),
        "--app-id".to_owned(),
        common::apple::EXAMPLE_APP_ID.to_owned(),
        "--key-id".to_owned(),
        format!("base64:{key_id}"),
        "--challenge".to_owned(),
        format!("@{APPLE_EXAMPLE}/challenge.txt"),
        "--at".to_owned(),
        "2026-12-01T00:00:00Z".to_owned(),
        "--json".to_owned(),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    run_owned(&args)
}

#[test]
fn apple_example_attestation_verifies_with_its_root() {
    let root = format!("{APPLE_EXAMPLE}/root.pem");
    for file in ["attestation.b64.txt", "attestation.cbor"] {
        let output =
            apple_example_attestation(file, &["--environment", "development", "--root", &root]);
        assert_eq!(output.status.code(), Some(0), "{file}");
        let v = json(&output);
        assert_eq!(v["verified"], true);
        assert_eq!(v["platform"], "apple");
        assert_eq!(v["claims"]["environment"], "development");
        assert_eq!(v["claims"]["app_id"], common::apple::EXAMPLE_APP_ID);
        assert_eq!(v["claims"]["counter"], 0);
    }

    // Production is the default; the example is a development object.
    let output = apple_example_attestation("attestation.cbor", &["--root", &root]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "aaguid_mismatch");
    // Without --root, Apple's root does not trust the test root.
    let output = apple_example_attestation("attestation.cbor", &["--environment", "development"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "untrusted_root");
}

#[test]
fn apple_example_assertion_verifies_with_the_public_key_file() {
    let args = |previous: &'static str| {
        vec![
            "apple".to_owned(),
            "assertion".to_owned(),
            format!("{APPLE_EXAMPLE}/assertion.cbor"),
            "--app-id".to_owned(),
            common::apple::EXAMPLE_APP_ID.to_owned(),
            "--public-key".to_owned(),
            format!("{APPLE_EXAMPLE}/public-key.pem"),
            "--client-data".to_owned(),
            format!("@{APPLE_EXAMPLE}/client-data.json"),
            "--previous-counter".to_owned(),
            previous.to_owned(),
            "--json".to_owned(),
        ]
    };
    let output = run_owned(&args("0"));
    assert_eq!(output.status.code(), Some(0));
    let v = json(&output);
    assert_eq!(v["verified"], true);
    assert_eq!(v["claims"]["counter"], 1);
    let output = run_owned(&args("1"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "counter_not_increasing");
}

#[test]
fn inspect_reads_the_apple_example_without_trust() {
    for file in ["attestation.b64.txt", "attestation.cbor"] {
        let output = run(&["inspect", &format!("{APPLE_EXAMPLE}/{file}"), "--json"]);
        assert_eq!(output.status.code(), Some(0), "{file}");
        let v = json(&output);
        assert_eq!(v["kind"], "attestation");
        assert_eq!(v["authenticator_data"]["counter"], 0);
    }
    let output = run(&[
        "inspect",
        &format!("{APPLE_EXAMPLE}/assertion.cbor"),
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let v = json(&output);
    assert_eq!(v["kind"], "assertion");
    assert_eq!(v["authenticator_data"]["counter"], 1);
}

#[test]
fn revocation_list_refuses_a_listed_certificate() {
    let dir = std::env::temp_dir().join(format!("hwattest-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The example intermediate has serial 2.
    let listed = dir.join("listed.json");
    std::fs::write(
        &listed,
        r#"{"entries":{"2":{"status":"REVOKED","reason":"KEY_COMPROMISE"}}}"#,
    )
    .unwrap();
    let clean = dir.join("clean.json");
    std::fs::write(&clean, r#"{"entries":{"abc":{"status":"SUSPENDED"}}}"#).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"entries":{"2":{"status":"MAYBE"}}}"#).unwrap();

    let with_list = |list: &std::path::Path| {
        let mut args = example_args("hwattest example challenge");
        args.push("--revocation-list".into());
        args.push(list.display().to_string());
        run_owned(&args)
    };
    let output = with_list(&listed);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["error"]["kind"], "certificate_revoked");
    let output = with_list(&clean);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["claims"]["revocation_checked"], true);
    let output = with_list(&bad);
    assert_eq!(output.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
