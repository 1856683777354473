//! Tariff bundle benchmark (issue 5, issue 12): what the app does at start-up with an installed
//! tariff — verify the slot from the trust anchor with tough (root chain, signatures of
//! timestamp, snapshot and targets, versions, length and SHA-256 of the bundle) and load it with
//! the engine's strict loader and the built-in sample (its cases ran when it was installed):
//! budget ≤ 5 ms. Also the same with the organisation's cases run, as when a tariff is installed.
//! Run: `cargo bench -p kustannusarvio-bundle --bench bundle`; quick check (no timings):
//! `cargo bench -p kustannusarvio-bundle --bench bundle -- --test` (scripts/bench-quick.sh).

use criterion::{criterion_group, criterion_main, Criterion};
use kustannusarvio_bundle::publish::{self, PublishOptions, RootChange};
use kustannusarvio_bundle::store::UpdateOptions;
use kustannusarvio_bundle::{bundle, tuf, KeyPair, Store, MAX_BUNDLE_BYTES};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A repository of tariffs/paijat-hame (root 2 of 2, targets 2 of 2, snapshot, timestamp) and a
/// device store with it installed.
fn installed() -> (tempfile::TempDir, Store, Vec<u8>) {
    let k = |n: u8| KeyPair::from_seed(&[n; 32]);
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path().join("repo");
    let p = |n: u8| k(n).public();
    let change = RootChange {
        root: Some((vec![p(1), p(2)], 2)),
        targets: Some((vec![p(3), p(4)], 2)),
        snapshot: Some((vec![p(5)], 1)),
        timestamp: Some((vec![p(6)], 1)),
        expires_days: 730,
        consistent_snapshot: true,
    };
    let now = chrono::Utc::now();
    publish::write_root(&repo, &change, &[k(1), k(2)], now).expect("root");
    publish::publish(&root().join("tariffs/paijat-hame"), &repo, &[k(3), k(4), k(5), k(6)], &PublishOptions::new(now))
        .expect("publish");
    let anchor = std::fs::read(repo.join("metadata/1.root.json")).expect("anchor");
    let st = Store::new(tmp.path().join("state"), "paijat-hame", &anchor);
    assert_eq!(st.update_from_dir(&repo, now, &UpdateOptions::default()).code(), "updated");
    (tmp, st, anchor)
}

fn bundle_verify_load(c: &mut Criterion) {
    let (tmp, st, anchor) = installed();
    let files = publish::read_repo(&tmp.path().join("repo")).expect("repo");
    let mut g = c.benchmark_group("tariff");
    g.bench_function("bundle_verify_load", |b| b.iter(|| st.load(chrono::Utc::now()).expect("loads")));
    g.bench_function("tuf_load_local", |b| b.iter(|| tuf::load_local(&anchor, files.clone()).expect("verifies")));
    let (view, bytes) = tuf::load_local(&anchor, files.clone()).expect("verifies");
    g.bench_function("engine_load", |b| {
        b.iter(|| {
            bundle::verify_tariff(&bytes, &view.info, "paijat-hame", MAX_BUNDLE_BYTES, bundle::Cases::AlreadyPassed)
                .expect("loads")
        })
    });
    g.bench_function("bundle_install_verify_with_cases", |b| {
        b.iter(|| {
            let (view, bytes) = tuf::load_local(&anchor, files.clone()).expect("verifies");
            bundle::verify_tariff(&bytes, &view.info, "paijat-hame", MAX_BUNDLE_BYTES, bundle::Cases::Run)
                .expect("cases pass")
        })
    });
    g.finish();
}

criterion_group!(benches, bundle_verify_load);
criterion_main!(benches);
