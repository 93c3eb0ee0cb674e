//! The bundled example chain under `test-vectors/android/example/` is the output of the
//! generator in `tests/common/android.rs`. This test regenerates it and fails if the committed
//! files differ; run with `HWATTEST_REGENERATE=1` to rewrite them after changing the generator.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::PathBuf;

use hwattest::android::{Challenge, Verifier};
use hwattest::{RootKind, TrustAnchor, UnixTime};

use common::android::{generate, EXAMPLE_CHALLENGE};
use common::pki::pem;

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-vectors/android/example")
}

#[test]
fn bundled_example_matches_the_generator_and_verifies() {
    let g = generate();
    let files = [
        ("chain.pem", pem(&[g.leaf.clone(), g.intermediate.clone()])),
        ("root.pem", pem(std::slice::from_ref(&g.root))),
        (
            "challenge.txt",
            String::from_utf8(EXAMPLE_CHALLENGE.to_vec()).unwrap(),
        ),
    ];
    for (name, content) in &files {
        let path = example_dir().join(name);
        if std::env::var("HWATTEST_REGENERATE").as_deref() == Ok("1") {
            std::fs::write(&path, content).unwrap();
        }
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run with HWATTEST_REGENERATE=1", path.display()));
        assert_eq!(
            &committed, content,
            "{} is stale; run with HWATTEST_REGENERATE=1",
            name
        );
    }

    // What the README's example command does, through the library.
    let root =
        TrustAnchor::from_certificate_der(&g.root, "example root", RootKind::Custom).unwrap();
    let verifier = Verifier::builder().add_root(root).build();
    let at = UnixTime::from_unix_seconds(1_796_083_200); // 2026-12-01T00:00:00Z
    let verified = verifier
        .verify(
            files[0].1.as_bytes(),
            Challenge::Expected(EXAMPLE_CHALLENGE),
            at,
        )
        .unwrap();
    assert_eq!(verified.claims().attestation_version, 300);
}
