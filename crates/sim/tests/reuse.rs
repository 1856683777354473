//! Reusing a client's figures while its inputs and the tariff are unchanged gives the same
//! results as computing every client-month (`--no-reuse`), on a synthetic population with a
//! reform that starts mid-year and clients whose services start and end during the year.

use kustannusarvio_sim::job::{execute, Job, PerPerson};
use std::path::PathBuf;

#[test]
fn reuse_changes_nothing() {
    let repo = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    kustannusarvio_sim::synth::write("paijat-hame", 500, 3, 2026, &pop).unwrap();
    let job = |reuse: bool, out: &str| Job {
        block: kustannusarvio_sim::run::BLOCK,
        tariffs: repo.join("tariffs/paijat-hame"),
        population: pop.clone(),
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        reforms: vec![
            repo.join("docs/simulation/reforms/kotihoito-90.toml"),
            repo.join("docs/simulation/reforms/tukipalvelut.toml"),
        ],
        out: tmp.path().join(out),
        per_person: Some(PerPerson::Csv),
        reuse,
        created: "test".into(),
        program: "test".into(),
    };
    let a = execute(&job(true, "a"), &|_, _| {}).unwrap();
    let b = execute(&job(false, "b"), &|_, _| {}).unwrap();
    assert_eq!(a.results, b.results);
    let pa = std::fs::read_to_string(tmp.path().join("a/henkilot.csv")).unwrap();
    let pb = std::fs::read_to_string(tmp.path().join("b/henkilot.csv")).unwrap();
    assert_eq!(pa, pb);
    assert!(pa.lines().count() > 5000);
    // the reform changes fees from July only
    assert!(a.results.summary[1].change.as_ref().unwrap().fees < rust_decimal::Decimal::ZERO);
}

#[test]
fn the_synthetic_population_is_the_same_for_a_seed() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"));
    kustannusarvio_sim::synth::write("paijat-hame", 300, 9, 2026, &a).unwrap();
    kustannusarvio_sim::synth::write("paijat-hame", 300, 9, 2026, &b).unwrap();
    kustannusarvio_sim::synth::write("paijat-hame", 300, 10, 2026, &c).unwrap();
    for f in ["households.csv", "persons.csv", "incomes.csv", "service_use.csv", "population.toml"] {
        let (x, y) = (std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap());
        assert_eq!(x, y, "{f} differs for the same seed");
    }
    assert_ne!(std::fs::read(a.join("incomes.csv")).unwrap(), std::fs::read(c.join("incomes.csv")).unwrap());
    let about = std::fs::read_to_string(a.join("population.toml")).unwrap();
    assert!(about.contains("synthetic = true") && about.contains("SYNTEETTINEN"), "{about}");
}

/// Every example reform of docs/simulation/reforms loads over the shipped Päijät-Häme tariff, and
/// its values start on its date: before it the reform's tariff is the baseline's.
#[test]
fn the_example_reforms_load_and_start_on_their_dates() {
    let repo = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let dir = repo.join("docs/simulation/reforms");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 3);
    let variants = kustannusarvio_sim::job::variants(&repo.join("tariffs/paijat-hame"), &files).unwrap();
    assert_eq!(variants.len(), files.len() + 1);
    let scenario: kustannusarvio_engine::Scenario = serde_json::from_value(serde_json::json!({
        "date": "2026-06-01",
        "household": {"persons": 1, "client": {"gross_income": "1800.00", "net_income": "1500.00"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "12"},
                     {"service": "safety_phone", "production": "own"},
                     {"service": "meal_delivery", "production": "own", "meals_per_week": "7"}]
    }))
    .unwrap();
    let mut july = scenario.clone();
    july.date = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let fees = |v: &kustannusarvio_sim::Variant, s: &kustannusarvio_engine::Scenario| {
        kustannusarvio_engine::figures(&v.tariff, s).unwrap().total.client_fees_monthly
    };
    for v in &variants[1..] {
        assert_eq!(fees(v, &scenario), fees(&variants[0], &scenario), "{} before 1.7.2026", v.name);
        assert_ne!(fees(v, &july), fees(&variants[0], &july), "{} from 1.7.2026", v.name);
    }
}
