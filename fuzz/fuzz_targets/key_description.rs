//! Any bytes as a KeyDescription extension value, and as a bare AuthorizationList.
#![no_main]

use hwattest::android::{AuthorizationList, KeyDescription};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = KeyDescription::parse(data);
    let _ = AuthorizationList::parse(data);
});
