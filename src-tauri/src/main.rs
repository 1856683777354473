// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// mimalloc when built with the feature `mimalloc` (off by default: the system allocator keeps the
/// app 2 MB smaller, and an estimate's 4 µs do not matter next to the IPC; BENCHMARKS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    kustannusarvio_app::run()
}
