//! Any bytes as App Attest authenticator data, in the attestation form
//! (`AuthenticatorData::parse`) and the assertion form (`::parse_assertion`).
#![no_main]

use hwattest::apple::AuthenticatorData;
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match AuthenticatorData::parse(data) {
        Ok(parsed) => {
            assert!(
                parsed.attested_credential.is_some(),
                "attestation form without credential"
            );
            if let Some(extensions) = &parsed.extensions {
                serde_json::to_string(extensions).expect("extensions serialise");
            }
        }
        Err(e) => check_error(&e),
    }
    match AuthenticatorData::parse_assertion(data) {
        Ok(parsed) => assert!(parsed.attested_credential.is_none()),
        Err(e) => check_error(&e),
    }
});
