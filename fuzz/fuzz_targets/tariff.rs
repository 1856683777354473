//! Fuzzes the tariff parser and validator: one file of the Päijät-Häme tariff is replaced by
//! the fuzzer's text; any text gives a tariff or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let files = FILES.get_or_init(|| {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tariffs/paijat-hame"));
        let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.display().to_string(), std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        v.sort();
        v
    });
    let Some((&which, rest)) = data.split_first() else { return };
    if let Ok(text) = std::str::from_utf8(rest) {
        let mut set = files.clone();
        let i = which as usize % set.len();
        set[i].1 = text.to_string();
        let _ = kustannusarvio_engine::load_files(&set);
    }
});
