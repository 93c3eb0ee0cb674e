//! Differential: mutate a chain that verifies, and require that verification either fails or
//! yields exactly the claims of the original. The input is a list of (offset, xor) pairs applied
//! to the DER of a real chain (or the bundled example when ../shared is absent).
#![no_main]

use std::sync::OnceLock;

use hwattest::android::{AndroidClaims, Challenge, Verifier};
use hwattest::{RootKind, TrustAnchor, UnixTime};
use libfuzzer_sys::fuzz_target;

struct Base {
    der: Vec<u8>,
    verifier: Verifier,
    challenge: Vec<u8>,
    at: UnixTime,
    claims: AndroidClaims,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let shared = format!("{root}/../shared/test-vectors/android/ak-pixel8a-sdk34-tee-ec-rkp/chain.pem");
        let (pem, verifier, challenge, at) = match std::fs::read(&shared) {
            Ok(pem) => (pem, Verifier::new(), b"challenge".to_vec(), 1_727_389_885),
            Err(_) => {
                let dir = format!("{root}/test-vectors/android/example");
                let root_pem = std::fs::read(format!("{dir}/root.pem")).expect("example root");
                let root_der = hwattest::encoding::decode_certificates(&root_pem).expect("root");
                let anchor = TrustAnchor::from_certificate_der(&root_der[0], "example", RootKind::Custom)
                    .expect("anchor");
                let verifier = Verifier::builder().add_root(anchor).build();
                let pem = std::fs::read(format!("{dir}/chain.pem")).expect("example chain");
                let challenge = std::fs::read(format!("{dir}/challenge.txt")).expect("challenge");
                (pem, verifier, challenge, 1_796_083_200)
            }
        };
        let der: Vec<u8> = hwattest::encoding::decode_certificates(&pem).expect("chain").concat();
        let at = UnixTime::from_unix_seconds(at);
        let claims = verifier
            .verify(&der, Challenge::Expected(&challenge), at)
            .expect("base chain verifies")
            .claims()
            .clone();
        Base { der, verifier, challenge, at, claims }
    })
}

fuzz_target!(|data: &[u8]| {
    let base = base();
    let mut der = base.der.clone();
    for pair in data.chunks_exact(3) {
        let offset = usize::from(u16::from_le_bytes([pair[0], pair[1]])) % der.len();
        der[offset] ^= pair[2];
    }
    if let Ok(verified) = base.verifier.verify(&der, Challenge::Expected(&base.challenge), base.at) {
        assert_eq!(verified.claims(), &base.claims, "a mutated chain verified with other claims");
    }
});
