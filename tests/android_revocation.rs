//! Google's attestation status list: parsing the documented format, and refusing every listed
//! certificate of a real chain.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(clippy::arithmetic_side_effects)]

mod common;

use std::sync::Arc;

use hwattest::android::{Challenge, RevocationList, RevocationStatus, Verifier};
use hwattest::Error;

use common::vectors;

#[test]
fn documented_example_list_parses() {
    let Some(dir) = vectors::dir("android") else {
        return;
    };
    let json = std::fs::read(dir.join("status-list-examples/developer-doc-example.json")).unwrap();
    let list = RevocationList::from_json(&json).unwrap();
    assert_eq!(list.len(), 2);
    let revoked = list
        .lookup(&[0x2c, 0x8c, 0xdd, 0xdf, 0xd5, 0xe0, 0x3b, 0xfc])
        .unwrap();
    assert_eq!(revoked.status, RevocationStatus::Revoked);
    assert_eq!(revoked.expires.as_deref(), Some("2020-11-13"));
    assert_eq!(revoked.reason.as_deref(), Some("KEY_COMPROMISE"));
    // A DER serial with its sign byte finds the same entry.
    let suspended = list
        .lookup(&[0x00, 0xc8, 0x96, 0x6f, 0xcb, 0x2f, 0xbb, 0x0d, 0x7a])
        .unwrap();
    assert_eq!(suspended.status, RevocationStatus::Suspended);
    assert!(list.lookup(&[0x01]).is_none());
}

#[test]
fn googles_test_certificate_is_suspended_under_its_sign_byte_free_key() {
    use der::Decode;
    let Some(dir) = vectors::dir("android") else {
        return;
    };
    let dir = dir.join("status-list-examples");
    let list = RevocationList::from_json(
        &std::fs::read(dir.join("google-android-key-attestation-test-status.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(list.len(), 5);
    let pem =
        std::fs::read(dir.join("google-android-key-attestation-test-cert-suspended.pem")).unwrap();
    let der = hwattest::encoding::decode_certificates(&pem)
        .unwrap()
        .remove(0);
    let cert = x509_cert::Certificate::from_der(&der).unwrap();
    let serial = cert.tbs_certificate().serial_number().as_bytes();
    assert_eq!(serial.len(), 17, "the DER serial carries a 0x00 sign byte");
    let entry = list.lookup(serial).unwrap();
    assert_eq!(entry.status, RevocationStatus::Suspended);
    assert_eq!(entry.comment.as_deref(), Some("Entry for testing only"));
}

/// For every genuine chain, listing any one of its certificates makes it fail with that
/// certificate's index; an unrelated list lets it verify and says revocation was checked.
#[test]
fn every_listed_certificate_of_a_real_chain_is_refused() {
    let folders = vectors::folders("android").unwrap_or_default();
    let mut checked = 0;
    for folder in &folders {
        let meta = vectors::meta(folder);
        if meta["expect"] != "hardware" {
            continue;
        }
        let chain = std::fs::read(folder.join("chain.pem")).unwrap();
        let challenge = vectors::unhex(meta["attestation_challenge"]["hex"].as_str().unwrap());
        let time = vectors::time(meta["valid_at_utc_suggested"].as_str().unwrap());
        let serials: Vec<String> = meta["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["serialHex"].as_str().unwrap().to_ascii_lowercase())
            .collect();
        for (index, serial) in serials.iter().enumerate() {
            let json = format!(r#"{{"entries":{{"{serial}":{{"status":"SUSPENDED"}}}}}}"#);
            let list = Arc::new(RevocationList::from_json(json.as_bytes()).unwrap());
            let verifier = Verifier::builder().revocation_list(list).build();
            let first = serials.iter().position(|s| s == serial).unwrap();
            assert_eq!(
                verifier
                    .verify(&chain, Challenge::Expected(&challenge), time)
                    .unwrap_err(),
                Error::CertificateRevoked {
                    index: first,
                    status: RevocationStatus::Suspended
                },
                "{}: certificate {index}",
                folder.display()
            );
        }
        let unrelated =
            RevocationList::from_json(br#"{"entries":{"abcdef":{"status":"REVOKED"}}}"#);
        let verifier = Verifier::builder()
            .revocation_list(Arc::new(unrelated.unwrap()))
            .build();
        let verified = verifier
            .verify(&chain, Challenge::Expected(&challenge), time)
            .unwrap();
        assert!(verified.claims().revocation_checked);
        assert!(
            !Verifier::new()
                .verify(&chain, Challenge::Expected(&challenge), time)
                .unwrap()
                .claims()
                .revocation_checked
        );
        checked += 1;
    }
    if !folders.is_empty() {
        assert!(checked >= 20, "{checked}");
    }
}
