//! Parquet (feature `parquet`): a population table given as Parquet reads as its CSV does, and
//! the per-person output written as Parquet holds the same rows as the CSV one.
#![cfg(feature = "parquet")]

mod common;

use kustannusarvio_sim::job::{execute, Job, PerPerson};
use kustannusarvio_sim::parquet_io;
use std::path::{Path, PathBuf};

fn job(dir: &Path, per_person: PerPerson, out: &str) -> Job {
    Job {
        block: kustannusarvio_sim::run::BLOCK,
        tariffs: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/tariffs/esimerkki")),
        population: dir.join("pop"),
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        reforms: vec![],
        out: dir.join(out),
        per_person: Some(per_person),
        reuse: true,
        created: "test".into(),
        program: "test".into(),
    }
}

#[test]
fn parquet_tables_and_per_person_output() {
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    common::write_population(&pop);
    let csv_run = execute(&job(tmp.path(), PerPerson::Csv, "csv"), &|_, _| {}).unwrap();
    // the service use as Parquet instead of CSV
    std::fs::remove_file(pop.join("service_use.csv")).unwrap();
    let rows = vec![
        vec!["A", "2026-01-01", "", "home_care", "own", "10"],
        vec!["B", "2026-01-01", "", "home_care", "own", "5"],
        vec!["C", "2026-01-01", "", "home_care", "own", "20"],
        vec!["D", "2026-01-01", "", "home_care", "own", "8"],
        vec!["E", "2026-01-01", "", "cleaning", "own", "4"],
    ];
    let header = ["person_id", "from", "to", "service", "production", "hours_per_month"];
    parquet_io::write_text_table(&pop.join("service_use.parquet"), &header, &rows).unwrap();
    let pq_run = execute(&job(tmp.path(), PerPerson::Parquet, "pq"), &|_, _| {}).unwrap();
    assert_eq!(csv_run.results, pq_run.results);
    let (h, rows) = parquet_io::read_rows(&tmp.path().join("pq/henkilot.parquet")).unwrap();
    let csv = std::fs::read_to_string(tmp.path().join("csv/henkilot.csv")).unwrap();
    assert_eq!(h.join(","), csv.lines().next().unwrap());
    assert_eq!(rows.len(), csv.lines().count() - 1);
    // A's January: 144.18 € fee, 600 € cost (decimals exact)
    let a = rows.iter().find(|r| r[0] == "A" && r[1] == "2026-01").unwrap();
    assert_eq!((a[4].as_str(), a[6].as_str()), ("144.18", "600.00"));
    // a bad cell in a Parquet table is named as in CSV
    let mut bad = rows_of(&header);
    bad[1][5] = "x";
    parquet_io::write_text_table(&pop.join("service_use.parquet"), &header, &bad).unwrap();
    let e = execute(&job(tmp.path(), PerPerson::Csv, "bad"), &|_, _| {}).err().unwrap().to_string();
    assert!(e.contains("service_use.parquet, row 3, column `hours_per_month`"), "{e}");
}

fn rows_of(_: &[&str]) -> Vec<Vec<&'static str>> {
    vec![vec!["A", "2026-01-01", "", "home_care", "own", "10"], vec!["B", "2026-01-01", "", "home_care", "own", "5"]]
}
