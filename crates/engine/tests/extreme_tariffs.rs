//! No panic from data: every number of the Päijät-Häme tariff and its national layer, replaced
//! one at a time by an extreme value, gives either a clear tariff error (range check, naming the
//! parameter) or a tariff whose estimates all give a result or an error — never a panic.

use kustannusarvio_engine::tariff::{load_layers, Layer};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// A place of a number in a tariff file: (layer, file, path of keys and array indices).
type Leaf = (usize, usize, Vec<Seg>);

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

struct Source {
    layers: Vec<(String, Vec<(String, toml::Table)>)>,
    leaves: Vec<Leaf>,
}

fn source() -> &'static Source {
    static S: OnceLock<Source> = OnceLock::new();
    S.get_or_init(|| {
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs"));
        let mut layers = Vec::new();
        let mut leaves = Vec::new();
        for (li, name) in ["national", "paijat-hame"].into_iter().enumerate() {
            let mut files: Vec<_> = std::fs::read_dir(root.join(name)).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            let mut parsed = Vec::new();
            for (fi, p) in files.iter().enumerate() {
                let t: toml::Table = toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
                collect(&toml::Value::Table(t.clone()), &mut Vec::new(), &mut |path| leaves.push((li, fi, path)));
                parsed.push((p.file_name().unwrap().to_string_lossy().into_owned(), t));
            }
            layers.push((name.to_string(), parsed));
        }
        Source { layers, leaves }
    })
}

/// Every string that is a number or a ratio, inside a parameter's `values`.
fn collect(v: &toml::Value, path: &mut Vec<Seg>, out: &mut dyn FnMut(Vec<Seg>)) {
    match v {
        toml::Value::String(s) => {
            let numeric = s.parse::<rust_decimal::Decimal>().is_ok() || s.contains('/');
            let in_values = path.iter().any(|s| matches!(s, Seg::Key(k) if k == "values"));
            let dated = path.iter().any(|s| matches!(s, Seg::Key(k) if k == "from" || k == "to"));
            if numeric && in_values && !dated {
                out(path.clone());
            }
        }
        toml::Value::Table(t) => {
            for (k, x) in t {
                path.push(Seg::Key(k.clone()));
                collect(x, path, out);
                path.pop();
            }
        }
        toml::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Seg::Index(i));
                collect(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn set(v: &mut toml::Value, path: &[Seg], new: &str) {
    let Some((first, rest)) = path.split_first() else {
        *v = toml::Value::String(new.to_string());
        return;
    };
    let next = match (first, v) {
        (Seg::Key(k), toml::Value::Table(t)) => t.get_mut(k),
        (Seg::Index(i), toml::Value::Array(a)) => a.get_mut(*i),
        _ => None,
    };
    if let Some(n) = next {
        set(n, rest, new);
    }
}

const EXTREMES: [&str; 16] = [
    "0",
    "-1",
    "-0.01",
    "100",
    "101",
    "1000000",
    "1000001",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "7.9228162514264337593543950335",
    "0/1",
    "1/0",
    "1000000/1",
    "abc",
    "",
];

/// One-line scenarios (a line's error must not hide the others) over every service kind and
/// production method of the tariff, at the scenario's own bounds.
fn scenarios() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut out = Vec::new();
        for (gross, net, hours, days) in
            [("0", "0", "0", "0"), ("10000000", "10000000", "744", "31"), ("1500", "1200", "0.5", "1")]
        {
            let lines = [
                format!(r#"{{"service": "home_care", "production": "own", "hours_per_month": "{hours}"}}"#),
                format!(r#"{{"service": "home_care", "production": "voucher", "visits_per_week": "7", "minutes_per_visit": "1440", "provider_price_per_hour": "{gross}"}}"#),
                format!(r#"{{"service": "communal_housing", "production": "own", "hours_per_month": "{hours}"}}"#),
                r#"{"service": "round_the_clock_housing", "production": "own"}"#.to_string(),
                r#"{"service": "institutional_care", "production": "own", "legal_basis": "health_care"}"#.to_string(),
                format!(r#"{{"service": "short_term_care", "production": "voucher", "days_per_month": "{days}", "provider_price_per_day": "{gross}"}}"#),
                format!(r#"{{"service": "short_term_care", "production": "purchased", "days_per_month": "{days}"}}"#),
                format!(r#"{{"service": "day_night_care", "production": "own", "days_per_month": "{days}"}}"#),
                r#"{"service": "temporary_home_nursing", "production": "own", "visits_per_month": "62", "staff": "doctor"}"#.to_string(),
                format!(r#"{{"service": "informal_care_leave", "production": "own", "days_per_month": "{days}"}}"#),
                r#"{"service": "informal_care_support", "production": "own", "care_class": "transitional"}"#.to_string(),
                r#"{"service": "meal_delivery", "production": "voucher", "meals_per_week": "42", "provider_price_per_unit": "20"}"#.to_string(),
                r#"{"service": "safety_phone", "production": "own"}"#.to_string(),
                format!(r#"{{"service": "cleaning", "production": "purchased", "hours_per_month": "{hours}"}}"#),
                r#"{"service": "day_activity", "production": "own", "days_per_week": "7"}"#.to_string(),
            ];
            for date in ["2021-07-01", "2024-06-30", "2026-03-01"] {
                for line in &lines {
                    out.push(format!(
                        r#"{{"date": "{date}", "household": {{"persons": 2,
                          "client": {{"gross_income": "{gross}", "net_income": "{net}", "forest_income_yearly": "{gross}",
                                      "deductions": {{"guardianship": "{net}", "medicines": "{net}", "housing": "{net}", "maintenance": "{net}"}}}},
                          "spouse": {{"gross_income": "{gross}", "net_income": "1"}}}},
                         "services": [{line}, {line}]}}"#
                    ));
                }
            }
        }
        out
    })
}

/// The layers with the number at `leaf` replaced by `value`.
fn layers_with(leaf: &Leaf, value: &str) -> Vec<Layer> {
    source()
        .layers
        .iter()
        .enumerate()
        .map(|(li, (name, files))| {
            let files = files.iter().enumerate().map(|(fi, (fname, t))| {
                let mut v = toml::Value::Table(t.clone());
                if (li, fi) == (leaf.0, leaf.1) {
                    set(&mut v, &leaf.2, value);
                }
                (fname.clone(), toml::to_string(&v).expect("serializes"))
            });
            Layer::new(name.clone(), files)
        })
        .collect()
}

fn run(leaf: &Leaf, value: &str) {
    match load_layers(&layers_with(leaf, value)) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(t) => {
            for s in scenarios() {
                // a result or an error value; a panic fails the test
                let _ = kustannusarvio_engine::estimate_json(&t, s);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn an_extreme_tariff_value_gives_an_error_or_a_result_never_a_panic(
        which in any::<prop::sample::Index>(),
        extreme in prop::sample::select(EXTREMES.to_vec()),
    ) {
        let leaves = &source().leaves;
        run(&leaves[which.index(leaves.len())], extreme);
    }
}

/// Range checks name the parameter and the date (a negative fee, a percentage above 100).
#[test]
fn out_of_range_values_are_named() {
    let src = source();
    let find = |needle: &str| {
        src.leaves
            .iter()
            .find(|(_, _, p)| {
                let s: Vec<String> = p
                    .iter()
                    .map(|s| match s {
                        Seg::Key(k) => k.clone(),
                        Seg::Index(i) => i.to_string(),
                    })
                    .collect();
                s.join(".").contains(needle)
            })
            .unwrap_or_else(|| panic!("no leaf {needle}"))
            .clone()
    };
    let load = |leaf: &Leaf, value: &str| {
        load_layers(&layers_with(leaf, value)).err().map(|e| e.to_string()).unwrap_or_default()
    };
    let e = load(&find("long_term_care.client_percent.values.0.value"), "101");
    assert!(e.contains("long_term_care.client_percent") && e.contains("2021-07-01") && e.contains("0…100"), "{e}");
    let e = load(&find("flat_fees.short_term_care_per_day.values.0.value"), "-0.01");
    assert!(e.contains("flat_fees.short_term_care_per_day") && e.contains("outside"), "{e}");
    let e = load(&find("home_care.weeks_per_month.values.0.value"), "0/1");
    assert!(e.contains("home_care.weeks_per_month") && e.contains("above zero"), "{e}");
}

#[test]
fn the_scenarios_compute_on_the_real_tariff() {
    let t =
        kustannusarvio_engine::load_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs/paijat-hame")))
            .unwrap();
    // every scenario computes on the real tariff, so the property above exercises every rule
    for s in scenarios() {
        if let Err(e) = kustannusarvio_engine::estimate_json(&t, s) {
            panic!("{e}\n{s}");
        }
    }
}
