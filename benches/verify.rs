//! Per-operation cost of parsing and verification, on the shared real-device vectors when
//! `../shared` is present, else on the bundled generated example.
//!
//! Run: `cargo bench`. Criterion prints time per operation; the `throughput_all_cores` group
//! verifies one batch per core in parallel and reports elements per second.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::as_conversions
)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hwattest::android::{Challenge, Verifier};
use hwattest::{RootKind, TrustAnchor, UnixTime};

struct AndroidCase {
    chain: Vec<u8>,
    challenge: Vec<u8>,
    at: UnixTime,
    verifier: Verifier,
    cold: Verifier,
}

fn android_case() -> AndroidCase {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/test-vectors/android/ak-pixel8a-sdk34-tee-ec-rkp/chain.pem");
    if let Ok(chain) = std::fs::read(&shared) {
        // 2024-09-26T22:31:25Z, the vector's suggested time.
        return AndroidCase {
            chain,
            challenge: b"challenge".to_vec(),
            at: UnixTime::from_unix_seconds(1_727_389_885),
            verifier: Verifier::new(),
            cold: Verifier::builder().signature_cache_capacity(0).build(),
        };
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-vectors/android/example");
    let root =
        hwattest::encoding::decode_certificates(&std::fs::read(dir.join("root.pem")).unwrap())
            .unwrap();
    let anchor = TrustAnchor::from_certificate_der(&root[0], "example", RootKind::Custom).unwrap();
    AndroidCase {
        chain: std::fs::read(dir.join("chain.pem")).unwrap(),
        challenge: std::fs::read(dir.join("challenge.txt")).unwrap(),
        at: UnixTime::from_unix_seconds(1_796_083_200),
        verifier: Verifier::builder().add_root(anchor.clone()).build(),
        cold: Verifier::builder()
            .add_root(anchor)
            .signature_cache_capacity(0)
            .build(),
    }
}

fn android(c: &mut Criterion) {
    let case = android_case();
    let mut group = c.benchmark_group("android");
    group.bench_function("parse_only", |b| {
        b.iter(|| hwattest::android::inspect(&case.chain).unwrap())
    });
    group.bench_function("verify_cold_cache", |b| {
        b.iter(|| {
            case.cold
                .verify(&case.chain, Challenge::Expected(&case.challenge), case.at)
                .unwrap()
        })
    });
    group.bench_function("verify_warm_cache", |b| {
        b.iter(|| {
            case.verifier
                .verify(&case.chain, Challenge::Expected(&case.challenge), case.at)
                .unwrap()
        })
    });
    group.finish();

    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    const PER_THREAD: u64 = 64;
    let mut group = c.benchmark_group("throughput_all_cores");
    group.throughput(Throughput::Elements(PER_THREAD * threads as u64));
    group.bench_function("android_verify_warm_cache", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| {
                        for _ in 0..PER_THREAD {
                            case.verifier
                                .verify(&case.chain, Challenge::Expected(&case.challenge), case.at)
                                .unwrap();
                        }
                    });
                }
            })
        })
    });
    group.finish();
}

/// A real App Attest attestation and assertion from the shared vectors, when present.
fn apple(c: &mut Criterion) {
    use hwattest::apple::{client_data_hash, Environment, Verifier as AppleVerifier};

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/test-vectors/apple/veehaitch-ios14.2-dev");
    let (Ok(object), Ok(assertion), Ok(client_data)) = (
        std::fs::read(dir.join("attestation.cbor")),
        std::fs::read(dir.join("assertion.cbor")),
        std::fs::read(dir.join("assertion-clientdata.bin")),
    ) else {
        eprintln!("skipping Apple benchmarks: ../shared/test-vectors/apple not found");
        return;
    };
    let app_id = "6MURL8TA57.de.vincent-haupert.apple-appattest-poc";
    let key_id =
        hwattest::encoding::decode_base64(b"2o0syRGn1HDKDv85d522XBC9nLqrHWHGnt/mJ5hWMQM=").unwrap();
    let challenge_hash = client_data_hash(b"wurzelpfropf");
    let at = UnixTime::from_unix_seconds(1_605_996_782); // 2020-11-21T22:13:02Z
    let verifier = AppleVerifier::new(Environment::Development);
    let claims = verifier
        .verify_attestation(&object, app_id, &key_id, &challenge_hash, at)
        .unwrap();
    let key = claims.attested_key().unwrap();
    let assertion_hash = client_data_hash(&client_data);

    let mut group = c.benchmark_group("apple");
    group.bench_function("parse_attestation_only", |b| {
        b.iter(|| hwattest::apple::inspect(&object).unwrap())
    });
    // Every real attestation carries a fresh credential certificate, so the cold figure (both
    // certificate signatures checked) is the one a service pays per new key.
    let cold = AppleVerifier::new(Environment::Development)
        .with_signature_cache(std::sync::Arc::new(hwattest::x509::SignatureCache::new(0)));
    group.bench_function("verify_attestation_cold_cache", |b| {
        b.iter(|| {
            cold.verify_attestation(&object, app_id, &key_id, &challenge_hash, at)
                .unwrap()
        })
    });
    group.bench_function("verify_attestation_warm_cache", |b| {
        b.iter(|| {
            verifier
                .verify_attestation(&object, app_id, &key_id, &challenge_hash, at)
                .unwrap()
        })
    });
    group.bench_function("verify_assertion", |b| {
        b.iter(|| {
            verifier
                .verify_assertion(&assertion, &key, app_id, &assertion_hash, 0)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, android, apple);
criterion_main!(benches);
