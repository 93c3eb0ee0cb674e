//! Any bytes as Google's attestation status list (`RevocationList::from_json`), then a lookup
//! of serials derived from the input.
#![no_main]

use hwattest::android::RevocationList;
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match RevocationList::from_json(data) {
        Ok(list) => {
            // Lookups never panic, whatever the serial's length or sign byte.
            let _ = list.lookup(data.get(..data.len().min(20)).unwrap_or_default());
            let _ = list.lookup(&[]);
            let _ = list.lookup(&[0x00, 0x01]);
        }
        Err(e) => check_error(&e),
    }
});
