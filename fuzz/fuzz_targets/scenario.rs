//! Fuzzes the scenario parser and the whole estimate: any bytes give a result or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static TARIFF: OnceLock<kustannusarvio::Tariff> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let t = TARIFF.get_or_init(|| {
        kustannusarvio::load_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tariffs/paijat-hame")))
            .expect("bundled tariff loads")
    });
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = kustannusarvio::estimate_json(t, s);
    }
});
