//! Any bytes as one DER certificate: `android::key_description_extension` (device-tolerant
//! split), then `KeyDescription::parse` of the extension it finds, and
//! `TrustAnchor::from_certificate_der` (strict split).
#![no_main]

use hwattest::android::{key_description_extension, KeyDescription};
use hwattest::{RootKind, TrustAnchor};
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match key_description_extension(data) {
        Ok(Some(extension)) => match KeyDescription::parse(extension) {
            Ok(kd) => {
                serde_json::to_string(&kd).expect("a KeyDescription serialises");
            }
            Err(e) => check_error(&e),
        },
        Ok(None) => {}
        Err(e) => check_error(&e),
    }
    match TrustAnchor::from_certificate_der(data, "fuzz", RootKind::Custom) {
        Ok(anchor) => assert_eq!(anchor.key_sha256_hex().len(), 64),
        Err(e) => check_error(&e),
    }
});
