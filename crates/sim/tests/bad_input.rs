//! Bad input gets a clear error naming the file, the row (as a spreadsheet numbers it: the header
//! is row 1) and the column, and saying what is wrong — in the reader, in the cross-table checks
//! and when the engine refuses a service line (mapped back to its row of service_use).

mod common;

use kustannusarvio_sim::job::{execute, Job};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The hand-worked population with `file` replaced by `text`: the error of reading and
/// simulating it.
fn error_with(file: &str, text: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    common::write_population(&pop);
    std::fs::write(pop.join(file), text).unwrap();
    run(tmp.path(), &pop)
}

fn run(tmp: &Path, pop: &Path) -> String {
    let job = Job {
        block: kustannusarvio_sim::run::BLOCK,
        tariffs: repo().join("tests/fixtures/tariffs/esimerkki"),
        population: pop.to_path_buf(),
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        reforms: vec![],
        out: tmp.join("out"),
        per_person: None,
        reuse: true,
        created: "test".into(),
        program: "test".into(),
    };
    match execute(&job, &|_, _| {}) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn expect(err: &str, parts: &[&str]) {
    for p in parts {
        assert!(err.contains(p), "`{p}` missing from: {err}");
    }
}

#[test]
fn cells_are_checked_with_file_row_and_column() {
    let e = error_with(
        "incomes.csv",
        "person_id,from,to,gross_income,net_income\nA,2026-01-01,,1500,1300\nB,2026-01-01,,1 000,5x0\n",
    );
    expect(&e, &["incomes.csv, row 3, column `net_income`", "`5x0` is not a number"]);

    let e = error_with(
        "incomes.csv",
        "person_id,from,to,gross_income,net_income\nA,2026-01-01,,1500,50\nB,2026-01-01,,1000,\n",
    );
    expect(&e, &["incomes.csv, row 3, column `net_income`", "is empty"]);

    // a decimal comma in a comma-separated file
    let e = error_with("incomes.csv", "person_id,from,to,gross_income,net_income\nA,2026-01-01,,\"1500,50\",1300\n");
    expect(&e, &["incomes.csv, row 2, column `gross_income`", "decimal point"]);

    // a decimal point in a Finnish (;) file is refused: 1.650 could be either reading
    let e = error_with("incomes.csv", "person_id;from;to;gross_income;net_income\nA;1.1.2026;;1.650;1300\n");
    expect(&e, &["incomes.csv, row 2, column `gross_income`", "decimal comma"]);

    let e = error_with("incomes.csv", "person_id,from,to,gross_income,net_income\nA,2026-02-30,,1500,1300\n");
    expect(&e, &["incomes.csv, row 2, column `from`", "not a date"]);

    let e = error_with("incomes.csv", "person_id,from,to,gross_income,net_income\nA,2026-03-01,2026-01-01,1500,1300\n");
    expect(&e, &["incomes.csv, row 2, column `to`", "before `from`"]);

    let e = error_with("incomes.csv", "person_id,from,to,gross_income,net_income\nA,2026-01-01,,1500.555,1300\n");
    expect(&e, &["column `gross_income`", "at most two decimals"]);

    let e = error_with("persons.csv", "person_id,household_id,age,sex\nA,HA,70,q\n");
    expect(&e, &["persons.csv, row 2, column `sex`", "`q` is not a sex"]);

    let e = error_with("persons.csv", "person_id,household_id,age,sex\nA,HA,170,f\n");
    expect(&e, &["persons.csv, row 2, column `age`", "not in 0…120"]);

    let e = error_with("service_use.csv", "person_id,from,service,production\nA,2026-01-01,home_care,bought\n");
    expect(&e, &["service_use.csv, row 2, column `production`", "own, purchased, voucher"]);
}

#[test]
fn headers_are_checked() {
    let e = error_with("incomes.csv", "person_id,from,to,gross_incme,net_income\nA,2026-01-01,,1500,1300\n");
    expect(&e, &["incomes.csv, row 1, column `gross_incme`", "unknown column"]);
    let e = error_with("incomes.csv", "person_id,from,to,net_income\nA,2026-01-01,,1300\n");
    expect(&e, &["incomes.csv, row 1", "required column `gross_income` is missing"]);
    let e = error_with("households.csv", "household_id,persons,persons\nHA,1,1\n");
    expect(&e, &["households.csv, row 1, column `persons`", "twice"]);
}

#[test]
fn tables_are_checked_against_each_other() {
    let e = error_with(
        "incomes.csv",
        "person_id,from,to,gross_income,net_income\nA,2026-01-01,,1500,1300\nZ,2026-01-01,,1000,950\n",
    );
    expect(&e, &["incomes.csv, row 3, column `person_id`", "person `Z` is not in the persons table"]);

    let e = error_with(
        "incomes.csv",
        "person_id,from,to,gross_income,net_income\nA,2026-01-01,,1500,1300\nA,2026-03-01,,1600,1350\n",
    );
    expect(&e, &["incomes.csv, row 3", "already has an income in force on 2026-03-01 (row 2)"]);

    let e = error_with("households.csv", "household_id,persons\nHA,1\nHA,1\n");
    expect(&e, &["households.csv, row 3, column `household_id`", "given twice"]);

    // D names DS as spouse, DS names nobody
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    common::write_population(&pop);
    let persons = std::fs::read_to_string(pop.join("persons.csv")).unwrap().replace("DS;HD;D;", "DS;HD;;");
    std::fs::write(pop.join("persons.csv"), persons).unwrap();
    let e = run(tmp.path(), &pop);
    expect(&e, &["persons.csv, row 5, column `spouse_id`", "does not name `D` as spouse in return"]);

    // a client without any income in force
    let e = error_with("incomes.csv", "person_id,from,to,gross_income,net_income\nA,2026-02-01,,1500,1300\nB,2026-01-01,,1000,950\nC,2026-01-01,,3000,2300\nD,2026-01-01,,1200,1100\nDS,2026-01-01,,900,880\nE,2026-01-01,,2500,2000\n");
    expect(&e, &["persons.csv, row 2", "person `A` has no income in force on 2026-01-01"]);
}

#[test]
fn the_engine_refusing_a_line_names_its_row_and_column() {
    // meals_per_week is not a field of home care
    let e = error_with(
        "service_use.csv",
        "person_id,from,to,service,production,hours_per_month,meals_per_week\nA,2026-01-01,,home_care,own,10,\nB,2026-01-01,,home_care,own,5,7\n",
    );
    expect(
        &e,
        &[
            "service_use.csv, row 3, column `meals_per_week`",
            "not used by the service `home_care`",
            "person B, 2026-01",
        ],
    );
    // an unknown service
    let e = error_with("service_use.csv", "person_id,from,to,service,production\nA,2026-01-01,,sauna,own\n");
    expect(&e, &["service_use.csv, row 2, column `service`", "unknown service `sauna`"]);
    // a required quantity missing
    let e = error_with("service_use.csv", "person_id,from,to,service,production\nA,2026-01-01,,home_care,own\n");
    expect(&e, &["service_use.csv, row 2, column `hours_per_month`"]);
}

#[test]
fn a_missing_table_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    common::write_population(&pop);
    std::fs::remove_file(pop.join("incomes.csv")).unwrap();
    let e = run(tmp.path(), &pop);
    expect(&e, &["no table `incomes`", "incomes.csv, incomes.xlsx or incomes.parquet"]);
}
