//! Counts heap allocations of one estimate (issue 5, BENCHMARKS.md): the 10-line package and
//! the 1/10/100-line packages. `cargo run --release --example alloc_count`

#[path = "../benches/support/mod.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(l.size(), Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        REALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(n, Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let (a, b) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
    let r = f();
    (ALLOCS.load(Relaxed) - a, BYTES.load(Relaxed) - b, r)
}

fn main() {
    let t = kustannusarvio_engine::load_dir(&support::tariff_dir()).expect("tariff");
    let s = kustannusarvio_engine::parse_scenario(support::PACKAGE_10_JSON).expect("parses");
    let r0 = REALLOCS.load(Relaxed);
    let (n, b, e) = count(|| kustannusarvio_engine::estimate(&t, &s).expect("computes"));
    let r = REALLOCS.load(Relaxed) - r0;
    let steps: usize = e.lines.iter().map(|l| l.explanation.len()).sum();
    println!("10-line package: {n} allocations (of which {r} reallocs), {b} bytes; {steps} trace steps");
    let (n, b, _) = count(|| kustannusarvio_engine::estimate_json(&t, support::PACKAGE_10_JSON).expect("computes"));
    println!("10-line package from JSON: {n} allocations, {b} bytes");
    for k in [1usize, 10, 100] {
        let s = support::package(k);
        let (n, b, _) = count(|| kustannusarvio_engine::estimate(&t, &s).expect("computes"));
        println!("{k:>3} lines: {n} allocations, {b} bytes");
    }
}
