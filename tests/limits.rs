//! Every named limit of `hwattest::limits`, enforced through the public entry points with its
//! exact error, at the limit (accepted) and one past it (refused).
//!
//! Limits tested elsewhere, with the same exactness:
//!
//! - `MAX_INPUT_BYTES` for `decode_certificates`: `src/encoding.rs` `size_limit_is_enforced`;
//! - `MAX_CHAIN_LENGTH` for a JSON array: `src/encoding.rs` `chain_length_limit_is_enforced`;
//!   through `android::Verifier`: `tests/android_adversarial.rs` `chain_length_limit_is_enforced`;
//! - `MAX_AUTHORIZATION_TAGS`, `MAX_SET_MEMBERS`: `src/android/authorization_list.rs`
//!   `too_many_tags_is_refused`, `too_many_set_members_is_refused`,
//!   `repeated_sets_cannot_grow_past_the_limit`; `src/android/application_id.rs`
//!   `rejects_more_packages_than_the_limit`;
//! - `MAX_CBOR_BYTES`, `MAX_CBOR_DEPTH`, `MAX_CBOR_ITEMS` for attestation objects:
//!   `src/apple/cbor.rs` `limits_are_enforced`, and `tests/apple.rs`
//!   `malformed_attestation_objects_fail_with_exact_errors`;
//! - `MAX_PROVISIONING_INFO_BYTES`, `MAX_PROVISIONING_INFO_DEPTH`:
//!   `src/android/provisioning_info.rs` `rejects_malformed_and_oversized_input`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::as_conversions,
    clippy::panic
)]

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hwattest::android::{
    key_description_extension, AuthorizationList, Challenge, KeyDescription, ProvisioningInfo,
    Verifier,
};
use hwattest::apple::{Assertion, AttestationObject, AuthenticatorData};
use hwattest::encoding::{decode_base64, decode_certificates};
use hwattest::limits::*;
use hwattest::{Error, RootKind, Roots, TrustAnchor, UnixTime};

use common::android::*;
use common::der::*;
use common::pki::*;

/// 2026-06-01T00:00:00Z, inside the generated intermediate's validity.
const AT: UnixTime = UnixTime::from_unix_seconds(1_780_272_000);

fn test_verifier(root: &[u8]) -> Verifier {
    let anchor = TrustAnchor::from_certificate_der(root, "test root", RootKind::Custom).unwrap();
    Verifier::builder()
        .roots(Roots::empty())
        .add_root(anchor)
        .build()
}

/// A DER SEQUENCE of exactly `len` bytes in all (long-form length, `len` >= 260).
fn sequence_of_len(len: usize) -> Vec<u8> {
    let content = len - 4;
    let mut out = vec![0x30, 0x82, (content >> 8) as u8, content as u8];
    out.resize(len, 0);
    out
}

fn pem_block(der: &[u8]) -> String {
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        STANDARD.encode(der)
    )
}

#[test]
fn input_size_limit_applies_to_every_binary_or_text_entry_point() {
    let too_large = Some(Error::InputTooLarge {
        what: "input",
        len: MAX_INPUT_BYTES + 1,
        limit: MAX_INPUT_BYTES,
    });
    let text = vec![b'A'; MAX_INPUT_BYTES + 1];
    assert_eq!(decode_base64(&text).err(), too_large.clone());
    assert_eq!(AttestationObject::decode(&text).err(), too_large.clone());
    assert_eq!(Assertion::decode(&text).err(), too_large.clone());
    assert_eq!(
        Verifier::new()
            .verify(&text, Challenge::NotChecked, AT)
            .err(),
        too_large
    );
    // At the limit the text is decoded (and fails later, for what it holds).
    let at_limit = vec![b'A'; MAX_INPUT_BYTES];
    assert_eq!(
        decode_base64(&at_limit).unwrap().len(),
        MAX_INPUT_BYTES / 4 * 3
    );
}

#[test]
fn certificate_size_limit_applies_in_every_encoding_and_to_the_parser() {
    let big = sequence_of_len(MAX_CERTIFICATE_BYTES + 1);
    let too_large = Some(Error::InputTooLarge {
        what: "certificate",
        len: MAX_CERTIFICATE_BYTES + 1,
        limit: MAX_CERTIFICATE_BYTES,
    });
    let b64 = STANDARD.encode(&big);
    let encodings = [
        big.clone(),
        pem_block(&big).into_bytes(),
        format!("[\"{b64}\"]").into_bytes(),
        b64.into_bytes(),
    ];
    for input in &encodings {
        assert_eq!(decode_certificates(input).err(), too_large);
    }
    assert_eq!(key_description_extension(&big).err(), too_large);
    assert_eq!(
        TrustAnchor::from_certificate_der(&big, "big", RootKind::Custom).err(),
        too_large
    );
    // At the limit the bytes are framed (and then fail as a certificate).
    let at_limit = sequence_of_len(MAX_CERTIFICATE_BYTES);
    assert_eq!(
        decode_certificates(&at_limit).unwrap(),
        vec![at_limit.clone()]
    );
    assert_eq!(
        key_description_extension(&at_limit),
        Err(Error::CertificateMalformed {
            index: 0,
            field: "tbsCertificate"
        })
    );
}

#[test]
fn chain_length_limit_applies_in_every_encoding() {
    let cert = [0x30, 0x00];
    let too_long = Err(Error::ChainTooLong {
        len: MAX_CHAIN_LENGTH + 1,
        limit: MAX_CHAIN_LENGTH,
    });
    for n in [MAX_CHAIN_LENGTH, MAX_CHAIN_LENGTH + 1] {
        let certs = vec![cert.to_vec(); n];
        let b64: Vec<String> = certs.iter().map(|c| STANDARD.encode(c)).collect();
        let encodings = [
            certs.concat(),
            certs
                .iter()
                .map(|c| pem_block(c))
                .collect::<String>()
                .into_bytes(),
            serde_json::to_vec(&b64).unwrap(),
            b64.join("\n").into_bytes(),
            b64.join(",").into_bytes(),
        ];
        for input in &encodings {
            let decoded = decode_certificates(input);
            if n == MAX_CHAIN_LENGTH {
                assert_eq!(decoded.unwrap(), certs);
            } else {
                assert_eq!(decoded, too_long);
            }
        }
    }
}

/// The generated leaf with `count` extensions in all: its KeyDescription and `count - 1`
/// distinct private ones.
fn leaf_with_extensions(g: &Generated, count: usize) -> Vec<u8> {
    let mut spec = g.leaf_spec.clone();
    for i in 1..count {
        spec.extensions
            .push(extension(&format!("1.3.6.1.4.1.55555.{i}"), false, &null()));
    }
    assert_eq!(spec.extensions.len(), count);
    spec.sign(&g.intermediate_key)
}

#[test]
fn extension_limit_is_enforced_by_the_parser_and_the_verifier() {
    let g = generate();
    let verifier = test_verifier(&g.root);
    let at_limit = leaf_with_extensions(&g, MAX_EXTENSIONS);
    assert!(key_description_extension(&at_limit).unwrap().is_some());
    let chain = [at_limit, g.intermediate.clone(), g.root.clone()];
    verifier
        .verify(
            pem(&chain).as_bytes(),
            Challenge::Expected(EXAMPLE_CHALLENGE),
            AT,
        )
        .unwrap();

    let past = leaf_with_extensions(&g, MAX_EXTENSIONS + 1);
    let too_many = Error::TooManyExtensions {
        index: 0,
        limit: MAX_EXTENSIONS,
    };
    assert_eq!(key_description_extension(&past), Err(too_many.clone()));
    let chain = [past, g.intermediate.clone(), g.root.clone()];
    assert_eq!(
        verifier
            .verify(
                pem(&chain).as_bytes(),
                Challenge::Expected(EXAMPLE_CHALLENGE),
                AT
            )
            .unwrap_err(),
        too_many
    );
    assert_eq!(
        too_many.to_string(),
        "certificate 0: more than the limit of 64 extensions"
    );
}

#[test]
fn authorization_tag_limit_names_the_leaf_through_the_verifier() {
    let g = generate();
    let entries: Vec<Vec<u8>> = (0..=MAX_AUTHORIZATION_TAGS)
        .map(|_| entry(999, &null()))
        .collect();
    let refs: Vec<&[u8]> = entries.iter().map(Vec::as_slice).collect();
    let hardware = seq(&refs);
    let kd = key_description(EXAMPLE_CHALLENGE, SECURITY_LEVEL_TEE, &hardware);
    assert_eq!(
        KeyDescription::parse(&kd),
        Err(Error::KeyDescriptionLimitExceeded {
            index: None,
            field: "hardwareEnforced",
            tag: None,
            limit: MAX_AUTHORIZATION_TAGS,
        })
    );
    let leaf = leaf_spec(&g.leaf_key, &intermediate_name(), &kd).sign(&g.intermediate_key);
    let chain = [leaf, g.intermediate.clone(), g.root.clone()];
    let err = test_verifier(&g.root)
        .verify(
            pem(&chain).as_bytes(),
            Challenge::Expected(EXAMPLE_CHALLENGE),
            AT,
        )
        .unwrap_err();
    assert_eq!(
        err,
        Error::KeyDescriptionLimitExceeded {
            index: Some(0),
            field: "hardwareEnforced",
            tag: None,
            limit: MAX_AUTHORIZATION_TAGS,
        }
    );
    assert_eq!(
        err.to_string(),
        "certificate 0: KeyDescription hardwareEnforced has more than 256 entries"
    );
}

#[test]
fn set_member_limit_names_the_tag() {
    let members: Vec<Vec<u8>> = (0..=MAX_SET_MEMBERS as i64).map(int).collect();
    let refs: Vec<&[u8]> = members.iter().map(Vec::as_slice).collect();
    let list = seq(&[&entry(TAG_PURPOSE, &set(&refs))]);
    let err = AuthorizationList::parse(&list).unwrap_err();
    assert_eq!(
        err,
        Error::KeyDescriptionLimitExceeded {
            index: None,
            field: "AuthorizationList",
            tag: Some(TAG_PURPOSE),
            limit: MAX_SET_MEMBERS,
        }
    );
    assert_eq!(
        err.to_string(),
        "KeyDescription AuthorizationList tag 1 has more than 64 entries"
    );
}

/// A CBOR map `{10: 0, 11: 0, ...}` of `n` (< 200) integer entries, definite length; no key
/// is one that ProvisioningInfo types.
fn cbor_int_map(n: usize) -> Vec<u8> {
    let mut out = if n < 24 {
        vec![0xa0 | n as u8]
    } else {
        vec![0xb8, n as u8]
    };
    for key in 10..10 + n {
        if key < 24 {
            out.push(key as u8);
        } else {
            out.extend([0x18, key as u8]);
        }
        out.push(0x00);
    }
    out
}

#[test]
fn provisioning_info_limits_are_exact() {
    let info = ProvisioningInfo::parse(&cbor_int_map(MAX_CBOR_ITEMS)).unwrap();
    assert_eq!(info.unknown_keys.len(), MAX_CBOR_ITEMS);
    let err = ProvisioningInfo::parse(&cbor_int_map(MAX_CBOR_ITEMS + 1)).unwrap_err();
    assert_eq!(
        err,
        Error::CborTooManyItems {
            object: "ProvisioningInfo",
            limit: MAX_CBOR_ITEMS,
        }
    );
    assert_eq!(
        err.to_string(),
        "ProvisioningInfo: a CBOR map or array has more than 32 entries"
    );

    // {9: [[1]]} is within the depth limit; {9: [[[[1]]]]} is not.
    let shallow = [0xa1, 0x09, 0x81, 0x81, 0x01];
    assert_eq!(ProvisioningInfo::parse(&shallow).unwrap().unknown_keys, [9]);
    let deep = [0xa1, 0x09, 0x81, 0x81, 0x81, 0x81, 0x01];
    assert_eq!(
        ProvisioningInfo::parse(&deep),
        Err(Error::CborTooDeep {
            object: "ProvisioningInfo",
            limit: MAX_PROVISIONING_INFO_DEPTH,
        })
    );

    let mut oversized = cbor_int_map(1);
    oversized.resize(MAX_PROVISIONING_INFO_BYTES + 1, 0);
    assert_eq!(
        ProvisioningInfo::parse(&oversized),
        Err(Error::InputTooLarge {
            what: "ProvisioningInfo",
            len: MAX_PROVISIONING_INFO_BYTES + 1,
            limit: MAX_PROVISIONING_INFO_BYTES,
        })
    );
}

/// Assertion-form authenticator data: 37 fixed bytes, then `extensions`.
fn assertion_auth_data(extensions: &[u8]) -> Vec<u8> {
    let mut out = vec![0x11; 32];
    out.push(0x40);
    out.extend(1u32.to_be_bytes());
    out.extend_from_slice(extensions);
    out
}

/// `{"k": [0, 0, ...]}` with `n` (< 256) array members, or a map of `n` entries as the value.
fn extensions_with_value_of(n: usize, map: bool) -> Vec<u8> {
    let mut out = vec![0xa1, 0x61, b'k'];
    if map {
        out.extend(cbor_int_map(n));
    } else {
        out.extend([0x98, n as u8]);
        out.extend(std::iter::repeat_n(0x00, n));
    }
    out
}

#[test]
fn authenticator_data_extension_values_are_bounded() {
    for map in [false, true] {
        let ok = assertion_auth_data(&extensions_with_value_of(MAX_CBOR_ITEMS, map));
        let parsed = AuthenticatorData::parse_assertion(&ok).unwrap();
        assert_eq!(parsed.extensions.unwrap().entries.len(), 1);
        let past = assertion_auth_data(&extensions_with_value_of(MAX_CBOR_ITEMS + 1, map));
        assert_eq!(
            AuthenticatorData::parse_assertion(&past),
            Err(Error::CborTooManyItems {
                object: "authenticator data extensions",
                limit: MAX_CBOR_ITEMS,
            }),
            "map value: {map}"
        );
    }
    // The extensions map itself: {"k!": 0, "k\"": 0, ...}, one entry past the limit.
    let mut keys = vec![0xb8, (MAX_CBOR_ITEMS + 1) as u8];
    for i in 0..=MAX_CBOR_ITEMS {
        keys.extend([0x62, b'k', b'!' + i as u8, 0x00]);
    }
    assert_eq!(
        AuthenticatorData::parse_assertion(&assertion_auth_data(&keys)),
        Err(Error::CborTooManyItems {
            object: "authenticator data extensions",
            limit: MAX_CBOR_ITEMS,
        })
    );
}

#[test]
fn cbor_depth_limit_applies_inside_authenticator_data_extensions() {
    // {"k": [[[...[0]...]]]}: the map is one level, each array one more.
    let nested = |arrays: usize| {
        let mut out = vec![0xa1, 0x61, b'k'];
        out.extend(std::iter::repeat_n(0x81, arrays));
        out.push(0x00);
        assertion_auth_data(&out)
    };
    assert!(AuthenticatorData::parse_assertion(&nested(MAX_CBOR_DEPTH - 2)).is_ok());
    assert_eq!(
        AuthenticatorData::parse_assertion(&nested(MAX_CBOR_DEPTH + 1)),
        Err(Error::CborTooDeep {
            object: "authenticator data extensions",
            limit: MAX_CBOR_DEPTH,
        })
    );
}
