//! Any bytes as a stored App Attest public key (`PublicKey::decode`: PEM, DER
//! SubjectPublicKeyInfo or SEC1 point). A key that decodes must round-trip through both of
//! the forms it can be exported in.
#![no_main]

use hwattest::apple::PublicKey;
use hwattest_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match PublicKey::decode(data) {
        Ok(key) => {
            assert_eq!(PublicKey::from_spki_der(&key.spki_der()).as_ref(), Ok(&key));
            assert_eq!(
                PublicKey::from_sec1(&key.sec1_uncompressed()).as_ref(),
                Ok(&key)
            );
        }
        Err(e) => check_error(&e),
    }
});
