//! Shared helpers for the engine tests.
#![allow(dead_code)]

use kustannusarvio_engine::{EngineError, Estimate, Tariff};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn tariff(org: &str) -> Tariff {
    kustannusarvio_engine::load_dir(&Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tariffs").join(org))
        .unwrap_or_else(|e| panic!("tariff {org}: {e}"))
}

pub fn run(t: &Tariff, json: serde_json::Value) -> Estimate {
    kustannusarvio_engine::estimate_json(t, &json.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn run_err(t: &Tariff, json: serde_json::Value) -> EngineError {
    match kustannusarvio_engine::estimate_json(t, &json.to_string()) {
        Ok(e) => panic!("expected an error, got {:?}", e.total),
        Err(e) => e,
    }
}

/// The result of the first step with `key` in line `i`.
pub fn step(e: &Estimate, i: usize, key: &str) -> Decimal {
    e.lines[i]
        .explanation
        .iter()
        .find(|s| s.key == key)
        .unwrap_or_else(|| {
            panic!("no step {key} in line {i}: {:?}", e.lines[i].explanation.iter().map(|s| &s.key).collect::<Vec<_>>())
        })
        .result
        .unwrap_or_else(|| panic!("step {key} has no result"))
}

pub fn has_step(e: &Estimate, i: usize, key: &str) -> bool {
    e.lines[i].explanation.iter().any(|s| s.key == key)
}

/// A one-person household with the given monthly gross and net income.
pub fn single(gross: &str, net: &str) -> serde_json::Value {
    serde_json::json!({"persons": 1, "client": {"gross_income": gross, "net_income": net}, "spouse": null})
}
