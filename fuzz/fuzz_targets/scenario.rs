//! Fuzzes the scenario parser and the whole estimate: any bytes give a result or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static TARIFF: OnceLock<kustannusarvio_engine::Tariff> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let t = TARIFF.get_or_init(|| {
        kustannusarvio_engine::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tariffs/paijat-hame"
        )))
        .expect("bundled tariff loads")
    });
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = kustannusarvio_engine::estimate_json(t, s);
    }
});
