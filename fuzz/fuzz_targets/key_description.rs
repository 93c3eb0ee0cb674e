//! Any bytes as a KeyDescription extension value (`KeyDescription::parse`) and as a bare
//! AuthorizationList (`AuthorizationList::parse`). Whatever parses must serialise.
#![no_main]

use hwattest::android::{AuthorizationList, KeyDescription};
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match KeyDescription::parse(data) {
        Ok(kd) => {
            let _ = kd.all_oddities().count();
            serde_json::to_string(&kd).expect("a KeyDescription serialises");
        }
        Err(e) => check_error(&e),
    }
    match AuthorizationList::parse(data) {
        Ok(list) => {
            let _ = list.tags_ordered();
            serde_json::to_string(&list).expect("an AuthorizationList serialises");
        }
        Err(e) => check_error(&e),
    }
});
