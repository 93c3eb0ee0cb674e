//! Differential: mutate a chain that verifies and require that verification either fails or
//! yields exactly the original claims and KeyDescription. The first byte picks the base chain
//! (the bundled example, or a shared real-device chain); the rest are edit records applied to
//! its concatenated DER (see `hwattest_fuzz::mutate`).
#![no_main]

use std::sync::OnceLock;

use hwattest::android::Challenge;
use hwattest_fuzz::{android_bases, check_error, mutate, AndroidBase};
use libfuzzer_sys::fuzz_target;

fn bases() -> &'static [AndroidBase] {
    static BASES: OnceLock<Vec<AndroidBase>> = OnceLock::new();
    BASES.get_or_init(|| {
        let bases = android_bases();
        assert!(
            !bases.is_empty(),
            "no Android chain verifies: nothing to mutate"
        );
        eprintln!("android_mutated_chain: {} base chains", bases.len());
        bases
    })
}

fuzz_target!(|data: &[u8]| {
    let bases = bases();
    let Some((&pick, edits)) = data.split_first() else {
        return;
    };
    let base = &bases[usize::from(pick) % bases.len()];
    let der = mutate(&base.der, edits);
    match base
        .verifier
        .verify(&der, Challenge::Expected(&base.challenge), base.at)
    {
        Ok(verified) => {
            assert_eq!(
                verified.claims(),
                &base.claims,
                "{}: other claims",
                base.name
            );
            assert_eq!(
                verified.key_description(),
                &base.key_description,
                "{}: other KeyDescription",
                base.name
            );
        }
        Err(e) => check_error(&e),
    }
});
