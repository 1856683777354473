//! `kustannusarvio tariffs report`: every value in force with its status, as text, CSV and XLSX.

use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kustannusarvio"));
    c.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn text_report_counts_and_lists_every_value_by_status() {
    let (code, out, err) = run(&["tariffs", "report", "tariffs/paijat-hame", "--date", "2026-03-01"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("Päijät-Hämeen hyvinvointialue (paijat-hame)"), "{first}");
    assert!(first.contains("values in force on 2026-03-01"), "{first}");
    // the counts line adds up to the number of values
    let counts = out.lines().nth(1).unwrap();
    let n: usize = counts.split(' ').next().unwrap().parse().unwrap();
    let sum: usize = counts
        .split(": ")
        .nth(1)
        .unwrap()
        .split(", ")
        .map(|c| c.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(n, sum, "{counts}");
    // a statutory value with its source, a placeholder of the HVA's price list
    let verified = out.split("\nunverified (").next().unwrap();
    assert!(verified.contains("payment_ceiling.yearly = 815 EUR/year"), "{verified}");
    let placeholders = out.split("\nplaceholder (").nth(1).expect("a placeholder section");
    assert!(placeholders.contains("prices.home_care.own = 75.00"), "{placeholders}");
    assert!(placeholders.contains("Kustannus: kotihoito (oma tuotanto)"));
    assert!(placeholders.contains("PLACEHOLDER"));
}

#[test]
fn helsinki_2025_has_no_placeholder_in_the_client_fees_and_dates_the_values() {
    let (code, out, err) = run(&["tariffs", "report", "tariffs/helsinki", "--date", "2025-06-01", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "key,title,value,unit,valid_from,valid_to,status,source,url,note,confirmed_value,decision_or_source,comment"
    );
    let row = |key: &str| {
        out.lines().find(|l| l.starts_with(&format!("{key},"))).unwrap_or_else(|| panic!("{key}")).to_string()
    };
    let meal = row("support_services.meal_delivery.fee_per_unit");
    assert!(meal.contains(",5.00,") && meal.contains(",verified,"), "{meal}");
    let delivery = row("support_services.meal_delivery.delivery.fee");
    assert!(delivery.contains(",7.40,") && delivery.contains("2025-01-01,2025-12-31,verified"), "{delivery}");
    let spouse = row("long_term_care.spouse_protection_amount");
    assert!(spouse.contains(",593.55,") && spouse.contains(",unverified,"), "{spouse}");
}

#[test]
fn a_date_outside_every_value_shows_them_missing() {
    let (code, out, _) = run(&["tariffs", "report", "tariffs/helsinki", "--date", "2027-06-01"]);
    assert_eq!(code, 0);
    assert!(out.contains("\nmissing ("), "{out}");
    assert!(out.contains("support_services.meal_delivery.fee_per_unit = —"), "{out}");
}

#[test]
fn xlsx_sheet_is_written_for_the_controller() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("paijat-hame 2026.xlsx");
    let (code, out, err) = run(&[
        "tariffs",
        "report",
        "tariffs/paijat-hame",
        "--date",
        "2026-03-01",
        "--format",
        "xlsx",
        "--out",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("written to"), "{out}");
    let bytes = std::fs::read(&p).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip");
    // the zip's directory names both sheets and the shared strings (file names are stored as is)
    let text = String::from_utf8_lossy(&bytes);
    for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/workbook.xml"] {
        assert!(text.contains(part), "{part}");
    }
    // XLSX needs a file
    let (code, _, err) = run(&["tariffs", "report", "tariffs/paijat-hame", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn bad_date_is_an_error_naming_the_format() {
    let (code, _, err) = run(&["tariffs", "report", "tariffs/paijat-hame", "--date", "1.3.2026"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}
