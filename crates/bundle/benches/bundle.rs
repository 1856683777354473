//! Tariff bundle benchmark (issue 5): verification + load of the signed bundle, budget ≤ 5 ms.
//! Run: `cargo bench -p kustannusarvio-bundle --bench bundle`; quick check (no timings):
//! `cargo bench -p kustannusarvio-bundle --bench bundle -- --test` (scripts/bench-quick.sh).

use criterion::{criterion_group, criterion_main, Criterion};
use kustannusarvio_bundle::keys::Trust;
use kustannusarvio_bundle::publish;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A publication of tariffs/paijat-hame signed by the two test keys of tests/fixtures/bundle.
fn signed_bundle() -> (Vec<u8>, Vec<u8>, Vec<u8>, Trust) {
    let key = |n: &str| {
        publish::read_key(&root().join(format!("tests/fixtures/bundle/keys/test-{n}.key"))).expect("test key")
    };
    let (author, reviewer) = (key("author"), key("reviewer"));
    let opt = publish::BuildOptions::new(1, chrono::Utc::now());
    let built = publish::build(&root().join("tariffs/paijat-hame"), &opt).expect("bundle builds");
    let sig = publish::add_signature(None, &built.manifest_bytes, &author).expect("signs");
    let sig = publish::add_signature(Some(&sig), &built.manifest_bytes, &reviewer).expect("signs");
    let trust = Trust::new([author.public, reviewer.public], 2);
    (built.manifest_bytes, sig, built.bundle_bytes, trust)
}

/// Manifest signatures (2 of 2 Ed25519), SHA-256 of the bundle, strict load of its layers and
/// the built-in sample — what the app does at start-up with its embedded or installed bundle,
/// whose cases passed when it was built or installed (budget ≤ 5 ms); and the same with the
/// organisation's cases run, as when a bundle is installed.
fn bundle_verify_load(c: &mut Criterion) {
    let (manifest, sig, bundle, trust) = signed_bundle();
    let mut g = c.benchmark_group("tariff");
    let embedded = kustannusarvio_bundle::embedded::EmbeddedBundle::new(&manifest, &sig, &bundle);
    g.bench_function("bundle_verify_load", |b| {
        b.iter(|| embedded.verify(&trust, Some("paijat-hame"), "stable", chrono::Utc::now()).expect("verifies"))
    });
    g.bench_function("bundle_install_verify_with_cases", |b| {
        b.iter(|| {
            kustannusarvio_bundle::embedded::verify(
                &manifest,
                &sig,
                &bundle,
                &trust,
                Some("paijat-hame"),
                "stable",
                chrono::Utc::now(),
            )
            .expect("verifies")
        })
    });
    g.finish();
}

criterion_group!(benches, bundle_verify_load);
criterion_main!(benches);
