//! Any bytes as an Android chain, in every accepted encoding: the first byte selects how the
//! rest is framed (as is, PEM, JSON array of base64, base64 list; see
//! `hwattest_fuzz::frame_chain`), then the framed bytes go through `decode_certificates`,
//! `android::inspect` and `android::Verifier::verify`.
#![no_main]

use hwattest::android::{Challenge, Verifier};
use hwattest::UnixTime;
use hwattest_fuzz::{check_error, frame_chain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let input = frame_chain(selector, rest);

    let decoded = hwattest::encoding::decode_certificates(&input);
    match hwattest::android::inspect(&input) {
        Ok(report) => {
            let count = decoded.as_ref().map(Vec::len).unwrap_or(usize::MAX);
            assert_eq!(
                report.certificates.len(),
                count,
                "inspect and decode disagree"
            );
            serde_json::to_string(&report).expect("a report serialises");
        }
        Err(e) => {
            assert_eq!(
                Err(e.clone()),
                decoded.map(|_| ()),
                "inspect and decode disagree"
            );
            check_error(&e);
        }
    }

    let verifier = Verifier::builder().allow_software_attestation(true).build();
    // 2024-09-26, inside the validity of the RKP intermediates among the seeds.
    let at = UnixTime::from_unix_seconds(1_727_389_885);
    match verifier.verify(&input, Challenge::NotChecked, at) {
        Ok(verified) => {
            serde_json::to_string(verified.claims()).expect("claims serialise");
        }
        Err(e) => check_error(&e),
    }
});
