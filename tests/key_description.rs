//! KeyDescription parsing against every real-device vector in `../shared/test-vectors/android`,
//! compared field by field with the vector's `meta.json` `key_description_summary`.
//!
//! The vectors live outside the repository. When they are missing the tests print a skip
//! notice, unless `CI=true`, where a missing vector directory is a failure.

// Test helpers outside `#[test]` functions: panicking on bad fixtures is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::fs;
use std::path::{Path, PathBuf};

use hwattest::android::{
    key_description_extension, AuthorizationList, Digest, KeyDescription, KeyDescriptionOddity,
    KeyPurpose, ProvisioningInfo, RootOfTrust, SecurityLevel, VerifiedBootState,
};
use hwattest::encoding::{decode_base64, decode_certificates};
use serde_json::Value;

/// The Android vector directory, or `None` (after printing why) when it is absent outside CI.
fn vectors_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/test-vectors/android");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("../shared/test-vectors not found at {}", dir.display());
    }
    eprintln!("skipping: ../shared/test-vectors not found");
    None
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn level(name: &str) -> SecurityLevel {
    match name {
        "Software" => SecurityLevel::Software,
        "TrustedEnvironment" => SecurityLevel::TrustedEnvironment,
        "StrongBox" => SecurityLevel::StrongBox,
        other => panic!("unknown security level {other} in meta.json"),
    }
}

fn boot_state(value: &Value) -> VerifiedBootState {
    match value {
        Value::String(s) if s == "Verified" => VerifiedBootState::Verified,
        Value::String(s) if s == "SelfSigned" => VerifiedBootState::SelfSigned,
        Value::String(s) if s == "Unverified" => VerifiedBootState::Unverified,
        Value::String(s) if s == "Failed" => VerifiedBootState::Failed,
        Value::Number(n) => match n.as_u64() {
            Some(0) => VerifiedBootState::Verified,
            Some(1) => VerifiedBootState::SelfSigned,
            Some(2) => VerifiedBootState::Unverified,
            Some(3) => VerifiedBootState::Failed,
            _ => panic!("unknown boot state {n}"),
        },
        other => panic!("unknown boot state {other}"),
    }
}

/// Compares a summary `rootOfTrust` object (either spelling used in meta.json) with ours.
fn check_root_of_trust(ctx: &str, expected: &Value, rot: &RootOfTrust) {
    let key = expected
        .get("verifiedBootKeyHex")
        .or(expected.get("verifiedBootKey"));
    let hash = expected
        .get("verifiedBootHashHex")
        .or(expected.get("verifiedBootHash"));
    assert_eq!(
        Some(hex(&rot.verified_boot_key).as_str()),
        key.and_then(Value::as_str),
        "{ctx}: verifiedBootKey"
    );
    assert_eq!(
        Some(rot.device_locked),
        expected["deviceLocked"].as_bool(),
        "{ctx}: deviceLocked"
    );
    assert_eq!(
        rot.verified_boot_state,
        boot_state(&expected["verifiedBootState"]),
        "{ctx}: verifiedBootState"
    );
    assert_eq!(
        rot.verified_boot_hash.as_deref().map(hex),
        hash.and_then(Value::as_str).map(str::to_owned),
        "{ctx}: verifiedBootHash"
    );
}

fn ints(value: &Value) -> Vec<i64> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_i64().expect("integer"))
        .collect()
}

/// Compares every field the summary lists for one AuthorizationList with ours, and requires
/// that we found no field the summary does not list.
fn check_list(ctx: &str, expected: &Value, list: &AuthorizationList) {
    let expected = expected.as_object().expect("list object");
    for (name, value) in expected {
        let ctx = format!("{ctx}.{name}");
        let int = || value.as_i64().expect("integer");
        let text = || Some(value.as_str().expect("string").to_owned());
        match name.as_str() {
            "purpose" => assert_eq!(
                list.purposes()
                    .iter()
                    .map(|p| p.value())
                    .collect::<Vec<_>>(),
                ints(value),
                "{ctx}"
            ),
            "algorithm" => assert_eq!(list.algorithm.map(|a| a.value()), Some(int()), "{ctx}"),
            "keySize" => assert_eq!(list.key_size.map(i64::from), Some(int()), "{ctx}"),
            "digest" => assert_eq!(
                list.digests().iter().map(|d| d.value()).collect::<Vec<_>>(),
                ints(value),
                "{ctx}"
            ),
            "padding" => assert_eq!(
                list.paddings()
                    .iter()
                    .map(|p| p.value())
                    .collect::<Vec<_>>(),
                ints(value),
                "{ctx}"
            ),
            "ecCurve" => assert_eq!(list.ec_curve.map(|c| c.value()), Some(int()), "{ctx}"),
            "mlDsaVariant" => {
                assert_eq!(list.ml_dsa_variant.map(|v| v.value()), Some(int()), "{ctx}")
            }
            "rsaPublicExponent" => assert_eq!(list.rsa_public_exponent, value.as_u64(), "{ctx}"),
            "activeDateTime" => assert_eq!(list.active_date_time, Some(int()), "{ctx}"),
            "originationExpireDateTime" => {
                assert_eq!(list.origination_expire_date_time, Some(int()), "{ctx}")
            }
            "usageExpireDateTime" => {
                assert_eq!(list.usage_expire_date_time, Some(int()), "{ctx}")
            }
            "usageCountLimit" => {
                assert_eq!(list.usage_count_limit.map(i64::from), Some(int()), "{ctx}")
            }
            "userAuthType" => {
                assert_eq!(
                    list.user_auth_type.map(|t| i64::from(t.0)),
                    Some(int()),
                    "{ctx}"
                )
            }
            "authTimeout" => assert_eq!(list.auth_timeout.map(i64::from), Some(int()), "{ctx}"),
            "creationDateTime" => assert_eq!(list.creation_date_time, Some(int()), "{ctx}"),
            "origin" => assert_eq!(list.origin.map(|o| o.value()), Some(int()), "{ctx}"),
            "osVersion" => assert_eq!(list.os_version.map(i64::from), Some(int()), "{ctx}"),
            "osPatchLevel" => {
                assert_eq!(list.os_patch_level.map(i64::from), Some(int()), "{ctx}")
            }
            "vendorPatchLevel" => {
                assert_eq!(list.vendor_patch_level.map(i64::from), Some(int()), "{ctx}")
            }
            "bootPatchLevel" => {
                assert_eq!(list.boot_patch_level.map(i64::from), Some(int()), "{ctx}")
            }
            "noAuthRequired" => assert_eq!(Some(list.no_auth_required), value.as_bool(), "{ctx}"),
            "rollbackResistant" => {
                assert_eq!(Some(list.rollback_resistant), value.as_bool(), "{ctx}")
            }
            "allowWhileOnBody" => {
                assert_eq!(Some(list.allow_while_on_body), value.as_bool(), "{ctx}")
            }
            "unlockedDeviceRequired" => {
                assert_eq!(
                    Some(list.unlocked_device_required),
                    value.as_bool(),
                    "{ctx}"
                )
            }
            "attestationIdBrand" => assert_eq!(list.attestation_id_brand, text(), "{ctx}"),
            "attestationIdDevice" => assert_eq!(list.attestation_id_device, text(), "{ctx}"),
            "attestationIdProduct" => assert_eq!(list.attestation_id_product, text(), "{ctx}"),
            "attestationIdSerial" => assert_eq!(list.attestation_id_serial, text(), "{ctx}"),
            "attestationIdImei" => assert_eq!(list.attestation_id_imei, text(), "{ctx}"),
            "attestationIdMeid" => assert_eq!(list.attestation_id_meid, text(), "{ctx}"),
            "attestationIdManufacturer" => {
                assert_eq!(list.attestation_id_manufacturer, text(), "{ctx}")
            }
            "attestationIdModel" => assert_eq!(list.attestation_id_model, text(), "{ctx}"),
            "attestationIdSecondImei" => {
                assert_eq!(list.attestation_id_second_imei, text(), "{ctx}")
            }
            "moduleHash" => {
                let b64 = value.as_str().expect("base64").as_bytes();
                assert_eq!(list.module_hash, Some(decode_base64(b64).unwrap()), "{ctx}");
            }
            "rootOfTrust" => {
                let rot = list.root_of_trust.as_ref().expect("rootOfTrust present");
                check_root_of_trust(&ctx, value, rot);
            }
            other => panic!("{ctx}: meta.json field {other} is not compared by this test"),
        }
    }

    // Nothing we decoded may be missing from the summary (the summary reports rootOfTrust and
    // attestationApplicationId at the top level; oddities and unknown tags are checked apart).
    let json = serde_json::to_value(list).unwrap();
    let ours = json.as_object().unwrap();
    for (field, value) in ours {
        let present = match value {
            Value::Null | Value::Bool(false) => false,
            Value::Array(a) => !a.is_empty(),
            _ => true,
        };
        let reported_elsewhere = matches!(
            field.as_str(),
            "root_of_trust" | "attestation_application_id" | "oddities" | "unknown_tags"
        );
        if !present || reported_elsewhere {
            continue;
        }
        let camel = snake_to_camel(field);
        assert!(
            expected.contains_key(&camel),
            "{ctx}: decoded {field} = {value} is not in meta.json"
        );
    }
}

/// `attestation_id_brand` -> `attestationIdBrand`; the one field whose meta.json name differs
/// is `rsa_oaep_mgf_digest` (not present in any vector).
fn snake_to_camel(s: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in s.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses the KeyDescription of every certificate the summary lists and compares the leaf's
/// with the summary.
fn check_vector(dir: &Path) {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let meta: Value = serde_json::from_slice(&fs::read(dir.join("meta.json")).unwrap()).unwrap();
    let summary = &meta["key_description_summary"];
    assert!(
        summary["parseError"].is_null(),
        "{name}: summary records a parse error"
    );
    let certs = decode_certificates(&fs::read(dir.join("chain.pem")).unwrap()).unwrap();

    let indices: Vec<usize> = summary["in_cert_indices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| usize::try_from(i.as_u64().unwrap()).unwrap())
        .collect();
    for (i, cert) in certs.iter().enumerate() {
        let ext = key_description_extension(cert).unwrap();
        assert_eq!(
            ext.is_some(),
            indices.contains(&i),
            "{name}: cert {i} extension"
        );
    }

    for &i in &indices {
        let ext = key_description_extension(&certs[i]).unwrap().unwrap();
        let kd = KeyDescription::parse(ext)
            .unwrap_or_else(|e| panic!("{name}: cert {i}: KeyDescription::parse: {e}"));
        if i != 0 {
            // An ATTEST_KEY issuer: the summary describes the leaf; check the purpose that makes
            // this certificate an issuer.
            assert!(
                kd.hardware_enforced
                    .purposes()
                    .contains(&KeyPurpose::AttestKey),
                "{name}: cert {i} is not an ATTEST_KEY key"
            );
            continue;
        }
        check_leaf(&name, &meta, summary, &kd);
    }
}

fn check_leaf(name: &str, meta: &Value, summary: &Value, kd: &KeyDescription) {
    assert_eq!(
        Some(u64::from(kd.attestation_version)),
        summary["attestationVersion"].as_u64(),
        "{name}: attestationVersion"
    );
    assert_eq!(
        kd.attestation_security_level,
        level(summary["attestationSecurityLevel"].as_str().unwrap()),
        "{name}: attestationSecurityLevel"
    );
    assert_eq!(
        Some(u64::from(kd.keymint_version)),
        summary["keymasterOrKeyMintVersion"].as_u64(),
        "{name}: keyMintVersion"
    );
    assert_eq!(
        kd.keymint_security_level,
        level(summary["keymasterOrKeyMintSecurityLevel"].as_str().unwrap()),
        "{name}: keyMintSecurityLevel"
    );
    assert_eq!(
        Some(hex(&kd.attestation_challenge).as_str()),
        meta["attestation_challenge"]["hex"].as_str(),
        "{name}: attestationChallenge"
    );
    assert_eq!(
        Some(hex(&kd.unique_id).as_str()),
        summary["uniqueIdHex"].as_str(),
        "{name}: uniqueId"
    );

    let hw = &kd.hardware_enforced;
    let sw = &kd.software_enforced;
    match (&summary["rootOfTrust"], hw.root_of_trust.as_ref()) {
        (Value::Null, rot) => assert_eq!(rot, None, "{name}: unexpected hardware rootOfTrust"),
        (expected, Some(rot)) => check_root_of_trust(name, expected, rot),
        (expected, None) => {
            // Software attestation: the root of trust is in softwareEnforced.
            let rot = sw.root_of_trust.as_ref().expect("rootOfTrust somewhere");
            check_root_of_trust(name, expected, rot);
        }
    }

    let app = sw
        .attestation_application_id
        .as_ref()
        .or(hw.attestation_application_id.as_ref())
        .expect("attestationApplicationId");
    let expected_app = &summary["attestationApplicationId"];
    let packages: Vec<(String, i64)> = app
        .packages
        .iter()
        .map(|p| (p.name.clone(), p.version))
        .collect();
    let expected_packages: Vec<(String, i64)> = expected_app["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(packages, expected_packages, "{name}: packages");
    let digests: Vec<String> = app.signature_digests.iter().map(|d| hex(d)).collect();
    let expected_digests: Vec<String> = expected_app["signatureDigests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(digests, expected_digests, "{name}: signatureDigests");

    check_list(
        &format!("{name}: hardwareEnforced"),
        &summary["hardwareEnforced"],
        hw,
    );
    check_list(
        &format!("{name}: softwareEnforced"),
        &summary["softwareEnforced"],
        sw,
    );

    let oddities: Vec<KeyDescriptionOddity> = kd.all_oddities().copied().collect();
    assert_eq!(oddities, expected_oddities(name), "{name}: oddities");
    let ordered = hw.tags_ordered() && sw.tags_ordered();
    assert_eq!(
        Some(ordered),
        summary["tagsOrdered"].as_bool(),
        "{name}: tagsOrdered"
    );
    assert!(
        hw.unknown_tags.is_empty() && sw.unknown_tags.is_empty(),
        "{name}: unknown tags {:?} {:?}",
        hw.unknown_tags,
        sw.unknown_tags
    );
}

/// The deviations genuine devices make, per vector; every other vector has none.
fn expected_oddities(name: &str) -> Vec<KeyDescriptionOddity> {
    use KeyDescriptionOddity::SetNotSorted;
    match name {
        // hardwareEnforced purpose SET { 3, 2 } and digest SET { 6, 4 }.
        "ak-single-leaf-allow-while-on-body" => {
            vec![SetNotSorted { tag: 1 }, SetNotSorted { tag: 5 }]
        }
        // hardwareEnforced padding SET not in DER order.
        "ws-nokia-x10-tee-rsa-factory-aksattest" => vec![SetNotSorted { tag: 6 }],
        _ => Vec::new(),
    }
}

#[test]
fn every_vector_matches_its_summary() {
    let Some(dir) = vectors_dir() else { return };
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("meta.json").is_file() && p.join("chain.pem").is_file())
        .collect();
    entries.sort();
    for vector in &entries {
        check_vector(vector);
        checked += 1;
    }
    assert!(checked >= 29, "only {checked} vectors found");
}

#[test]
fn motorola_ids_descending_is_parsed_with_the_oddity_recorded() {
    let Some(dir) = vectors_dir() else { return };
    let b64 = fs::read(dir.join("keydescription-motorola-edge2022-ids-descending.b64")).unwrap();
    let kd = KeyDescription::parse(&decode_base64(&b64).unwrap()).unwrap();
    assert_eq!(kd.attestation_version, 100);
    assert_eq!(kd.keymint_version, 100);
    assert_eq!(
        kd.attestation_security_level,
        SecurityLevel::TrustedEnvironment
    );
    let hw = &kd.hardware_enforced;
    assert!(!hw.tags_ordered());
    assert!(kd.software_enforced.tags_ordered());
    // The device also encodes purpose as SET { 3, 2 }, not in DER order.
    assert_eq!(
        hw.oddities,
        vec![
            KeyDescriptionOddity::SetNotSorted { tag: 1 },
            KeyDescriptionOddity::TagsNotAscending { tag: 716 },
        ]
    );
    assert_eq!(hw.purposes(), &[KeyPurpose::Sign, KeyPurpose::Verify]);
    assert_eq!(hw.os_version, Some(120_000));
    assert_eq!(hw.os_patch_level, Some(202_308));
    assert_eq!(
        hw.attestation_id_model.as_deref(),
        Some("motorola edge (2022)")
    );
    assert_eq!(hw.attestation_id_manufacturer.as_deref(), Some("motorola"));
    assert_eq!(hw.attestation_id_product.as_deref(), Some("tesla_g_sys"));
    assert_eq!(hw.attestation_id_device.as_deref(), Some("tesla"));
    assert_eq!(hw.attestation_id_brand.as_deref(), Some("motorola"));
    let rot = hw.root_of_trust.as_ref().unwrap();
    assert!(rot.device_locked);
    assert_eq!(rot.verified_boot_state, VerifiedBootState::Verified);
    let app = kd.software_enforced.attestation_application_id.unwrap();
    assert_eq!(app.packages[0].name, "com.tickpickllc.ceobrien.tickpick");
}

#[test]
fn repeated_digest_tag_is_united() {
    let Some(dir) = vectors_dir() else { return };
    let b64 = fs::read(dir.join("authlist-repeated-digest-tag.b64")).unwrap();
    let list = AuthorizationList::parse(&decode_base64(&b64).unwrap()).unwrap();
    // SET { MD5 } then SET { SHA-256 }: united, and kept sorted by value.
    assert_eq!(list.digests(), &[Digest::Md5, Digest::Sha256]);
    assert!(list
        .oddities
        .contains(&KeyDescriptionOddity::RepeatedTag { tag: 5 }));
    assert_eq!(list.purposes(), &[KeyPurpose::WrapKey]);
    assert_eq!(list.key_size, Some(2048));
    assert_eq!(list.os_version, Some(140_000));
    assert_eq!(list.os_patch_level, Some(202_410));
}

#[test]
fn provisioning_info_of_every_rkp_intermediate_parses() {
    let Some(dir) = vectors_dir() else { return };
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path().join("meta.json");
        if !path.is_file() {
            continue;
        }
        let meta: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        for cert in meta["certificates"].as_array().unwrap() {
            let Some(hex_value) = cert["provisioningInfoHex"].as_str() else {
                continue;
            };
            let bytes: Vec<u8> = (0..hex_value.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex_value[i..i + 2], 16).unwrap())
                .collect();
            let info = ProvisioningInfo::parse(&bytes).unwrap();
            assert!(info.certs_issued.is_some(), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} ProvisioningInfo values found");
}
