//! Engine benchmarks (issue 5). Run: `cargo bench --bench engine`; quick check that they still
//! work (no timings): `cargo bench --bench engine -- --test` (see scripts/bench-quick.sh).
//!
//! Budgets (BENCHMARKS.md): one 10-line package, full result with explanations ≤ 20 µs median;
//! 100 000 varied scenarios in one process on one core ≤ 1 s (the tariff bundle budget is in
//! crates/bundle/benches/bundle.rs).

/// The allocator the app and the CLI use (mimalloc), so the figures are the production ones.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod support;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kustannusarvio_engine::{estimate, estimate_json, load_dir, parse_scenario, Scenario, Tariff};
use std::hint::black_box;
use std::time::Duration;
use support::*;

/// Quick mode (`-- --test`, `cargo test --bench engine`, or `BENCH_QUICK=1`): every benchmark
/// runs once on smaller inputs, to check that it still works; no timings.
fn quick() -> bool {
    let args: Vec<String> = std::env::args().collect();
    std::env::var_os("BENCH_QUICK").is_some()
        || args.iter().any(|a| a == "--test")
        || !args.iter().any(|a| a == "--bench")
}

/// `n`, or a thousandth of it in quick mode.
fn size(n: usize) -> usize {
    if quick() {
        (n / 1000).max(10)
    } else {
        n
    }
}

fn tariff() -> Tariff {
    load_dir(&tariff_dir()).expect("tariffs/paijat-hame loads")
}

/// Every scenario must compute without error, or the benchmark would time error paths.
fn check_all(t: &Tariff, v: &[Scenario]) {
    for (i, s) in v.iter().enumerate() {
        if let Err(e) = estimate(t, s) {
            panic!("scenario {i} fails: {e}\n{}", serde_json::to_string(s).unwrap_or_default());
        }
    }
}

/// (a) One 10-line package with the full explanation trace.
fn package10(c: &mut Criterion) {
    let t = tariff();
    let s = parse_scenario(PACKAGE_10_JSON).expect("package parses");
    let e = estimate(&t, &s).expect("package computes");
    assert_eq!(e.lines.len(), 10);
    assert!(e.lines.iter().all(|l| !l.explanation.is_empty()), "every line is explained");
    let mut g = c.benchmark_group("package10");
    // The engine call the app makes once the scenario is deserialized: Scenario → Estimate.
    g.bench_function("estimate", |b| b.iter(|| estimate(black_box(&t), black_box(&s)).expect("ok")));
    // The totals-only path of the population simulation: the same figures, no explanation.
    g.bench_function("figures", |b| {
        b.iter(|| kustannusarvio_engine::figures(black_box(&t), black_box(&s)).expect("ok"))
    });
    // JSON text in → Estimate (what `estimate_json` does: parse + estimate).
    g.bench_function("estimate_json", |b| {
        b.iter(|| estimate_json(black_box(&t), black_box(PACKAGE_10_JSON)).expect("ok"))
    });
    // The full round trip of the CLI / IPC: JSON in → Estimate → JSON out.
    g.bench_function("json_in_json_out", |b| {
        b.iter(|| {
            let e = estimate_json(black_box(&t), black_box(PACKAGE_10_JSON)).expect("ok");
            serde_json::to_string(&e).expect("serializes")
        })
    });
    g.finish();
}

/// (b) 100 000 varied scenarios, one after another, in this process (one thread).
fn batch100k(c: &mut Criterion) {
    let t = tariff();
    let v = varied_batch(1, size(100_000));
    check_all(&t, &v);
    let mut g = c.benchmark_group("batch");
    g.sample_size(10).measurement_time(Duration::from_secs(8)).throughput(Throughput::Elements(v.len() as u64));
    g.bench_function("100k_varied", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in &v {
                n += estimate(&t, s).expect("ok").lines.len();
            }
            n
        })
    });
    g.finish();
}

/// (c) How cost grows: 1 / 10 / 100 lines per package; 10³ / 10⁴ scenarios per batch
/// (10⁵ is `batch/100k_varied`; 10⁶ only in `examples/bench_sweep.rs`).
fn sweep(c: &mut Criterion) {
    let t = tariff();
    let mut g = c.benchmark_group("lines");
    for n in [1usize, 10, 100] {
        let s = package(n);
        check_all(&t, std::slice::from_ref(&s));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| b.iter(|| estimate(&t, s).expect("ok")));
    }
    g.finish();
    let mut g = c.benchmark_group("scenarios");
    g.sample_size(20);
    for n in [1_000usize, 10_000] {
        let v = varied_batch(7, size(n));
        check_all(&t, &v);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &v, |b, v| {
            b.iter(|| v.iter().map(|s| estimate(&t, s).expect("ok").lines.len()).sum::<usize>())
        });
    }
    g.finish();
}

/// (d) Tariff load: every TOML file of tariffs/paijat-hame and of the national layer it
/// extends, merged, parsed and validated. The signed bundle (verification + load, budget ≤ 5 ms)
/// is measured in crates/bundle/benches/bundle.rs.
fn tariff_load(c: &mut Criterion) {
    let dir = tariff_dir();
    let layers = kustannusarvio_engine::tariff::read_layers(&dir).expect("layers");
    let mut g = c.benchmark_group("tariff");
    g.bench_function("load_dir", |b| b.iter(|| load_dir(black_box(&dir)).expect("ok")));
    g.bench_function("load_layers_in_memory", |b| {
        b.iter(|| kustannusarvio_engine::tariff::load_layers(black_box(&layers)).expect("ok"))
    });
    g.finish();
}

criterion_group!(benches, package10, batch100k, sweep, tariff_load);
criterion_main!(benches);
