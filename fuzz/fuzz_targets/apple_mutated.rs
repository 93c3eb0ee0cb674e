//! Differential: mutate a real App Attest attestation or assertion that verifies and require
//! that verification either fails or yields the original claims. The first byte picks the base
//! (attestations first, then assertions); the rest are edit records applied to its CBOR (see
//! `hwattest_fuzz::mutate`).
//!
//! The attestation receipt is returned undecoded and is not validated (it is Apple's own signed
//! object, checked with Apple's server), so its bytes may change; the claims must then carry
//! exactly the receipt the mutated object holds, and everything else unchanged.
#![no_main]

use std::sync::OnceLock;

use hwattest::apple::AttestationObject;
use hwattest_fuzz::{apple_bases, check_error, mutate, AssertionBase, AttestationBase};
use libfuzzer_sys::fuzz_target;

type Bases = (Vec<AttestationBase>, Vec<AssertionBase>);

fn bases() -> &'static Bases {
    static BASES: OnceLock<Bases> = OnceLock::new();
    BASES.get_or_init(|| {
        let bases = apple_bases();
        eprintln!(
            "apple_mutated: {} attestations, {} assertions{}",
            bases.0.len(),
            bases.1.len(),
            if bases.0.is_empty() {
                " (../shared/test-vectors/apple is absent)"
            } else {
                ""
            }
        );
        bases
    })
}

fuzz_target!(|data: &[u8]| {
    let (attestations, assertions) = bases();
    let total = attestations.len() + assertions.len();
    let Some((&pick, edits)) = data.split_first() else {
        return;
    };
    if total == 0 {
        return;
    }
    let pick = usize::from(pick) % total;
    if let Some(base) = attestations.get(pick) {
        let object = mutate(&base.object, edits);
        let result = base.verifier.verify_attestation(
            &object,
            &base.app_id,
            &base.key_id,
            &base.client_data_hash,
            base.at,
        );
        match result {
            Ok(claims) => {
                let receipt = AttestationObject::decode(&object)
                    .expect("it verified")
                    .receipt;
                assert_eq!(
                    claims.receipt, receipt,
                    "{}: receipt is not the object's",
                    base.name
                );
                let mut expected = base.claims.clone();
                expected.receipt = receipt;
                assert_eq!(claims, expected, "{}: other claims", base.name);
            }
            Err(e) => check_error(&e),
        }
    } else {
        let base = &assertions[pick - attestations.len()];
        let object = mutate(&base.object, edits);
        let result = base.verifier.verify_assertion(
            &object,
            &base.public_key,
            &base.app_id,
            &base.client_data_hash,
            base.stored_counter,
        );
        match result {
            Ok(claims) => assert_eq!(claims, base.claims, "{}: other claims", base.name),
            Err(e) => check_error(&e),
        }
    }
});
