//! Any bytes as an App Attest attestation object: `AttestationObject::parse` (CBOR) and
//! `::decode` (CBOR or base64), `AuthenticatorData::parse` of its authData, and
//! `apple::Verifier::verify_attestation` in both environments.
#![no_main]

use hwattest::apple::{AttestationObject, AuthenticatorData, Environment, Verifier};
use hwattest::UnixTime;
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match AttestationObject::parse(data) {
        Ok(object) => match AuthenticatorData::parse(&object.auth_data) {
            Ok(_) => {}
            Err(e) => check_error(&e),
        },
        Err(e) => check_error(&e),
    }
    if let Err(e) = AttestationObject::decode(data) {
        check_error(&e);
    }
    // 2024-06-01: inside the validity of most real credential certificates among the seeds.
    let at = UnixTime::from_unix_seconds(1_717_200_000);
    for environment in [Environment::Development, Environment::Production] {
        let verifier = Verifier::new(environment);
        match verifier.verify_attestation(
            data,
            "TEAMID1234.com.example.app",
            &[0; 32],
            &[1; 32],
            at,
        ) {
            Ok(claims) => panic!("a fuzzed attestation verified: {claims:?}"),
            Err(e) => check_error(&e),
        }
    }
});
