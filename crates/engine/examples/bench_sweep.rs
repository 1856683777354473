//! Wall-clock sweep of the engine, for BENCHMARKS.md (issue 5): how the cost grows with the
//! number of lines of a package and with the number of scenarios in one process.
//!
//!     cargo run --release --example bench_sweep                # full sweep incl. 10⁶ scenarios
//!     cargo run --release --example bench_sweep -- 100000      # only the 100 000-scenario budget
//!     cargo run --release --example bench_sweep -- package 20000   # the 10-line package, N times (for callgrind)
//!     cargo run --release --example bench_sweep -- varied 2000     # N varied scenarios once (for callgrind)
//!     cargo run --release --example bench_sweep -- json 100000     # N varied scenarios, estimate + JSON output
//!
//! Single thread; pin it to one core with `taskset -c 1`. Scenarios are generated before the
//! clock starts. Prints medians of several runs.

/// The allocator the app and the CLI use (mimalloc), so the figures are the production ones.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/mod.rs"]
mod support;

use kustannusarvio_engine::{estimate, load_dir, parse_scenario, Scenario, Tariff};
use std::hint::black_box;
use std::time::{Duration, Instant};
use support::*;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn run_batch(t: &Tariff, v: &[Scenario]) -> Duration {
    let start = Instant::now();
    let mut lines = 0usize;
    for s in v {
        lines += estimate(t, black_box(s)).expect("scenario computes").lines.len();
    }
    black_box(lines);
    start.elapsed()
}

fn fmt(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.2} µs", s * 1e6)
    }
}

fn scenarios_row(t: &Tariff, n: usize, runs: usize) {
    // Scenarios are generated in chunks of at most 100 000 (10⁶ at once would need GBs) and
    // only the estimate loops are timed.
    const CHUNK: usize = 100_000;
    let chunks: Vec<Vec<Scenario>> = if n <= CHUNK { vec![varied_batch(1, n)] } else { Vec::new() };
    let lines: usize = if n <= CHUNK { chunks[0].iter().map(|s| s.services.len()).sum() } else { 0 };
    let mut total_lines = lines;
    let mut times = Vec::new();
    for run in 0..runs {
        if n <= CHUNK {
            run_batch(t, &chunks[0][..n.min(1000)]); // warm-up
            times.push(run_batch(t, &chunks[0]));
        } else {
            let mut d = Duration::ZERO;
            let mut l = 0;
            for c in 0..n.div_ceil(CHUNK) {
                let v = varied_batch(1 + c as u64, CHUNK.min(n - c * CHUNK));
                l += v.iter().map(|s| s.services.len()).sum::<usize>();
                d += run_batch(t, &v);
            }
            if run == 0 {
                total_lines = l;
            }
            times.push(d);
        }
    }
    let m = median(times.clone());
    println!(
        "| {n:>9} | {total_lines:>9} | {:>10} | {:>10} | {:>8.2} µs | {runs} |",
        fmt(m),
        fmt(*times.iter().max().expect("runs")),
        m.as_secs_f64() * 1e6 / n as f64
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t = load_dir(&tariff_dir()).expect("tariff loads");
    if args.first().map(String::as_str) == Some("package") {
        let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
        let s = parse_scenario(PACKAGE_10_JSON).expect("parses");
        let start = Instant::now();
        for _ in 0..n {
            black_box(estimate(&t, black_box(&s)).expect("computes"));
        }
        println!("10-line package × {n}: {} per estimate", fmt(start.elapsed() / n as u32));
        return;
    }
    if args.first().map(String::as_str) == Some("varied") {
        // One pass over N varied scenarios (for callgrind: the profile of the batch budget;
        // the generation shows up as `varied_batch` and is outside `estimate`).
        let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
        let v = varied_batch(1, n);
        println!("{n} varied scenarios: {}", fmt(run_batch(&t, &v)));
        return;
    }
    if args.first().map(String::as_str) == Some("json") {
        // N varied scenarios, each estimate also written out as JSON (every explanation text
        // rendered), into a sink: what the CLI and the app's IPC pay on top of `estimate`.
        let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
        let v = varied_batch(1, n);
        let mut times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            for s in &v {
                let e = estimate(&t, black_box(s)).expect("scenario computes");
                serde_json::to_writer(std::io::sink(), &e).expect("json");
            }
            times.push(start.elapsed());
        }
        let m = median(times);
        println!(
            "{n} varied scenarios, estimate + JSON: median {} ({:.2} µs per scenario, 5 runs)",
            fmt(m),
            m.as_secs_f64() * 1e6 / n as f64
        );
        return;
    }
    if args.first().map(String::as_str) == Some("dump") {
        // Every estimate as JSON, one per line: to check that an engine change keeps the
        // results and the explanation trace identical (compare the output before and after).
        let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
        let s = parse_scenario(PACKAGE_10_JSON).expect("parses");
        println!("{}", serde_json::to_string(&estimate(&t, &s).expect("computes")).expect("json"));
        for n in [1usize, 10, 100] {
            println!("{}", serde_json::to_string(&estimate(&t, &package(n)).expect("computes")).expect("json"));
        }
        for s in varied_batch(3, n) {
            println!("{}", serde_json::to_string(&estimate(&t, &s).expect("computes")).expect("json"));
        }
        return;
    }
    if let Some(n) = args.first().and_then(|a| a.parse::<usize>().ok()) {
        println!("| scenarios | lines | median | max | per scenario | runs |\n|---:|---:|---:|---:|---:|---:|");
        scenarios_row(&t, n, 5);
        return;
    }
    println!("## lines per package (one scenario, 2026-03-01, 10 kinds cycled)\n");
    println!("| lines | median per estimate | per line |\n|---:|---:|---:|");
    for n in [1usize, 10, 100] {
        let s = package(n);
        let reps = 20_000 / n.max(1) + 100;
        let mut times = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            for _ in 0..reps {
                black_box(estimate(&t, black_box(&s)).expect("computes"));
            }
            times.push(start.elapsed() / reps as u32);
        }
        let m = median(times);
        println!("| {n} | {} | {:.2} µs |", fmt(m), m.as_secs_f64() * 1e6 / n as f64);
    }
    println!("\n## scenarios in one process (varied: 1–10 lines, 1–6 persons, 2021-07-01…2026-12-31)\n");
    println!("| scenarios | lines | median | max | per scenario | runs |\n|---:|---:|---:|---:|---:|---:|");
    for (n, runs) in [(1_000usize, 7usize), (10_000, 7), (100_000, 5), (1_000_000, 3)] {
        scenarios_row(&t, n, runs);
    }
}
