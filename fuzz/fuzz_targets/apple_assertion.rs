//! Any bytes as an App Attest assertion: `Assertion::parse` (CBOR) and `::decode` (CBOR or
//! base64), `AuthenticatorData::parse_assertion` of its authenticator data, and
//! `apple::Verifier::verify_assertion` under a fixed key (the P-256 base point), which must
//! never accept.
#![no_main]

use std::sync::OnceLock;

use hwattest::apple::{Assertion, AuthenticatorData, Environment, PublicKey, Verifier};
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

/// The uncompressed P-256 base point G (SEC 2 section 2.4.2): a valid key (private key 1) under
/// which no seed is signed, so a verified assertion would mean a forged signature.
const GENERATOR: &str = concat!(
    "04",
    "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
    "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
);

fn key() -> &'static PublicKey {
    static KEY: OnceLock<PublicKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let point: Vec<u8> = (0..GENERATOR.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&GENERATOR[i..i + 2], 16).expect("hex"))
            .collect();
        PublicKey::from_sec1(&point).expect("the base point is a valid key")
    })
}

fuzz_target!(|data: &[u8]| {
    match Assertion::parse(data) {
        Ok(assertion) => {
            if let Err(e) = AuthenticatorData::parse_assertion(&assertion.authenticator_data) {
                check_error(&e);
            }
        }
        Err(e) => check_error(&e),
    }
    if let Err(e) = Assertion::decode(data) {
        check_error(&e);
    }
    let verifier = Verifier::new(Environment::Production);
    match verifier.verify_assertion(data, key(), "TEAMID1234.com.example.app", &[1; 32], 0) {
        Ok(claims) => panic!("a fuzzed assertion verified: {claims:?}"),
        Err(e) => check_error(&e),
    }
});
