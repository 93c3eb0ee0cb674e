//! Any bytes as an Android chain: framing (PEM, DER, JSON, base64), inspection, verification.
#![no_main]

use hwattest::android::{Challenge, Verifier};
use hwattest::UnixTime;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hwattest::android::inspect(data);
    let verifier = Verifier::builder().allow_software_attestation(true).build();
    let _ = verifier.verify(data, Challenge::NotChecked, UnixTime::from_unix_seconds(1_727_389_885));
});
