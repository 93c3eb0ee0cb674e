//! Any bytes as base64 text (`encoding::decode_base64`) and as a binary-or-base64 object
//! (`encoding::decode_binary_or_base64`). Whatever decodes must decode to the same bytes again
//! after standard re-encoding.
#![no_main]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match hwattest::encoding::decode_base64(data) {
        Ok(bytes) => {
            let again = hwattest::encoding::decode_base64(STANDARD.encode(&bytes).as_bytes());
            assert_eq!(again.as_ref(), Ok(&bytes), "base64 round trip");
        }
        Err(e) => check_error(&e),
    }
    let is_map = |b: u8| b & 0xe0 == 0xa0;
    match hwattest::encoding::decode_binary_or_base64(data, is_map) {
        Ok(bytes) => {
            if data.first().copied().is_some_and(is_map) {
                assert_eq!(bytes, data, "binary input is returned as is");
            }
        }
        Err(e) => check_error(&e),
    }
});
