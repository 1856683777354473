//! A population given as one XLSX workbook (a sheet per table, numbers and dates as typed cells,
//! as a controller's Excel extract has them) gives the same results as the CSV tables, and a bad
//! cell is named by file, sheet, row and column.

mod common;

use kustannusarvio_sim::job::{execute, Job};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};

fn job(pop: &Path, out: &Path) -> Job {
    Job {
        block: kustannusarvio_sim::run::BLOCK,
        tariffs: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/tariffs/esimerkki")),
        population: pop.to_path_buf(),
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        reforms: vec![],
        out: out.to_path_buf(),
        per_person: None,
        reuse: true,
        created: "test".into(),
        program: "test".into(),
    }
}

/// The hand-worked population as a workbook; `bad` replaces A's gross income cell with a text.
fn workbook(path: &Path, bad: bool) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("d.m.yyyy");
    let jan = ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    let ws = wb.add_worksheet().set_name("households").unwrap();
    for (c, h) in ["household_id", "persons"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, n)) in [("HA", 1), ("HB", 1), ("HC", 1), ("HD", 2), ("HE", 1)].iter().enumerate() {
        ws.write_string(r as u32 + 1, 0, *id).unwrap();
        ws.write_number(r as u32 + 1, 1, f64::from(*n)).unwrap();
    }
    let ws = wb.add_worksheet().set_name("persons").unwrap();
    let header = [
        "person_id",
        "household_id",
        "spouse_id",
        "age",
        "sex",
        "weight",
        "n_chronic",
        "joint_social_health",
        "maple",
        "living_alone",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    /// id, household, spouse, age, sex, weight, n_chronic, joint, maple, alone
    type PersonRow<'a> = (&'a str, &'a str, &'a str, f64, &'a str, f64, f64, bool, Option<f64>, bool);
    let rows: [PersonRow; 6] = [
        ("A", "HA", "", 70.0, "f", 1.0, 3.0, false, Some(2.0), true),
        ("B", "HB", "", 80.0, "m", 1.0, 0.0, false, None, true),
        ("C", "HC", "", 90.0, "f", 1.0, 2.0, true, Some(4.0), true),
        ("D", "HD", "DS", 86.0, "m", 1.0, 1.0, false, Some(3.0), false),
        ("DS", "HD", "D", 84.0, "f", 1.0, 0.0, false, None, false),
        ("E", "HE", "", 77.0, "f", 2.0, 0.0, false, Some(1.0), true),
    ];
    for (i, p) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, p.0).unwrap();
        ws.write_string(r, 1, p.1).unwrap();
        if !p.2.is_empty() {
            ws.write_string(r, 2, p.2).unwrap();
        }
        ws.write_number(r, 3, p.3).unwrap();
        ws.write_string(r, 4, p.4).unwrap();
        ws.write_number(r, 5, p.5).unwrap();
        ws.write_number(r, 6, p.6).unwrap();
        ws.write_boolean(r, 7, p.7).unwrap();
        if let Some(m) = p.8 {
            ws.write_number(r, 8, m).unwrap();
        }
        ws.write_boolean(r, 9, p.9).unwrap();
    }
    let ws = wb.add_worksheet().set_name("incomes").unwrap();
    for (c, h) in ["person_id", "from", "to", "gross_income", "net_income"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (id, g, n)) in [
        ("A", 1500.0, 1300.0),
        ("B", 1000.0, 950.0),
        ("C", 3000.0, 2300.0),
        ("D", 1200.0, 1100.0),
        ("DS", 900.0, 880.0),
        ("E", 2500.0, 2000.0),
    ]
    .iter()
    .enumerate()
    {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *id).unwrap();
        ws.write_datetime_with_format(r, 1, &jan, &date).unwrap();
        if bad && *id == "A" {
            ws.write_string(r, 3, "1500 e").unwrap();
        } else {
            ws.write_number(r, 3, *g).unwrap();
        }
        ws.write_number(r, 4, *n).unwrap();
    }
    let ws = wb.add_worksheet().set_name("service_use").unwrap();
    for (c, h) in ["person_id", "from", "to", "service", "production", "hours_per_month"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (id, s, h)) in [
        ("A", "home_care", 10.0),
        ("B", "home_care", 5.0),
        ("C", "home_care", 20.0),
        ("D", "home_care", 8.0),
        ("E", "cleaning", 4.0),
    ]
    .iter()
    .enumerate()
    {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *id).unwrap();
        ws.write_datetime_with_format(r, 1, &jan, &date).unwrap();
        ws.write_string(r, 3, *s).unwrap();
        ws.write_string(r, 4, "own").unwrap();
        ws.write_number(r, 5, *h).unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn a_workbook_reads_as_the_csv_tables_do() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_population(&tmp.path().join("csv"));
    let csv = execute(&job(&tmp.path().join("csv"), &tmp.path().join("o1")), &|_, _| {}).unwrap();
    let book = tmp.path().join("populaatio.xlsx");
    workbook(&book, false);
    let xlsx = execute(&job(&book, &tmp.path().join("o2")), &|_, _| {}).unwrap();
    assert_eq!(csv.results, xlsx.results);
    workbook(&book, true);
    let e = execute(&job(&book, &tmp.path().join("o3")), &|_, _| {}).err().unwrap().to_string();
    assert!(e.contains("populaatio.xlsx, sheet incomes, row 2, column `gross_income`"), "{e}");
    assert!(e.contains("`1500 e` is not a number"), "{e}");
}
