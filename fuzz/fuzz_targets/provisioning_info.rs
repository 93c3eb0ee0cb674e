//! Any bytes as the ProvisioningInfo extension value of an RKP intermediate
//! (`ProvisioningInfo::parse`).
#![no_main]

use hwattest::android::ProvisioningInfo;
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match ProvisioningInfo::parse(data) {
        Ok(info) => {
            serde_json::to_string(&info).expect("ProvisioningInfo serialises");
        }
        Err(e) => check_error(&e),
    }
});
