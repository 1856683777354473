//! The simulation through the command line: every simulated client-month is the counsellor's
//! figure. For a sample of a synthetic population, the per-person output of `simulate` equals what
//! `kustannusarvio calc` gives for the same person and month (the scenario from `simulate
//! --explain`, itself checked against the population's rows); and a year with the payment ceiling
//! adds up to the engine's 12-month view.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kustannusarvio"))
}

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn ok(c: &mut Command) -> String {
    let out = c.output().expect("runs");
    assert!(out.status.success(), "{:?} failed:\n{}", c, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn calc(scenario: &Value) -> Value {
    let mut child = bin()
        .args(["calc", "--tariffs"])
        .arg(repo().join("tariffs/paijat-hame"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("calc starts");
    child.stdin.take().expect("stdin").write_all(scenario.to_string().as_bytes()).expect("write");
    let out = child.wait_with_output().expect("calc ends");
    assert!(out.status.success(), "calc failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn explain(pop: &Path, id: &str, month: &str) -> Value {
    let out = ok(bin()
        .args(["simulate", "--tariffs"])
        .arg(repo().join("tariffs/paijat-hame"))
        .arg("--population")
        .arg(pop)
        .args(["--from", "2026-01", "--to", "2026-12", "--explain", id, "--month", month]));
    serde_json::from_str(&out).expect("json")
}

/// Rows of a CSV file as maps by header.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("csv");
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    r.records().map(|rec| header.iter().cloned().zip(rec.expect("row").iter().map(str::to_string)).collect()).collect()
}

fn money(v: &Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())
}

#[test]
fn simulated_months_equal_calc_for_the_same_person_and_month() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pop = tmp.path().join("pop");
    let out = tmp.path().join("out");
    let said = ok(bin().args(["population", "synth", "--clients", "400", "--seed", "11", "--out"]).arg(&pop));
    assert!(said.starts_with("SYNTHETIC population"), "{said}");
    let said = ok(bin()
        .args(["simulate", "--quiet", "--tariffs"])
        .arg(repo().join("tariffs/paijat-hame"))
        .arg("--population")
        .arg(&pop)
        .args(["--from", "2026-01", "--to", "2026-12", "--per-person", "csv", "--out"])
        .arg(&out));
    assert!(said.contains("SYNTHETIC population"), "{said}");
    let persons = rows(&out.join("henkilot.csv"));
    let incomes = rows(&pop.join("incomes.csv"));
    let services = rows(&pop.join("service_use.csv"));
    assert!(persons.len() > 3000, "{} person-months", persons.len());
    // a sample: every 97th row, and each service kind at least once
    let mut sample: Vec<&BTreeMap<String, String>> = persons.iter().step_by(97).collect();
    let mut kinds_seen = std::collections::BTreeSet::new();
    for r in &persons {
        let id = &r["person_id"];
        let kinds: Vec<&String> = services.iter().filter(|s| &s["person_id"] == id).map(|s| &s["service"]).collect();
        for k in kinds {
            if kinds_seen.insert(k.clone()) {
                sample.push(r);
            }
        }
    }
    let mut compared = 0;
    for r in sample {
        let (id, month) = (&r["person_id"], &r["month"]);
        let e = explain(&pop, id, month);
        let scenario = &e["scenario"];
        // the scenario is the population's: the person's income row and the lines in force
        let first = format!("{month}-01");
        let income = incomes.iter().find(|i| &i["person_id"] == id).expect("income row");
        let dec = |s: &str| s.parse::<rust_decimal::Decimal>().expect("decimal");
        assert_eq!(dec(&money(&scenario["household"]["client"]["gross_income"])), dec(&income["gross_income"]), "{id}");
        let in_force = services
            .iter()
            .filter(|s| &s["person_id"] == id && s["from"] <= first && (s["to"].is_empty() || s["to"] >= first))
            .count();
        assert_eq!(scenario["services"].as_array().map(Vec::len), Some(in_force), "{id} {month}");
        // calc on that scenario gives the simulated month (before the ceiling; after it, when the
        // ceiling is not reached)
        let est = calc(scenario);
        let t = &est["total"];
        assert_eq!(money(&t["client_fees_monthly"]), r["fees_before_ceiling"], "{id} {month}");
        assert_eq!(money(&t["organiser_cost_monthly"]), r["cost"], "{id} {month}");
        if r["ceiling_reached"] == "false" {
            assert_eq!(money(&t["client_fees_monthly"]), r["fees"], "{id} {month}");
            assert_eq!(money(&t["organiser_net_monthly"]), r["net"], "{id} {month}");
        }
        // and --explain's own estimate is calc's
        assert_eq!(e["variants"][0]["estimate"]["total"], est["total"], "{id} {month}");
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} compared");
    assert!(kinds_seen.len() >= 6, "{kinds_seen:?}");
}

#[test]
fn a_year_with_the_payment_ceiling_adds_up_to_the_engines_twelve_month_view() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pop = tmp.path().join("pop");
    let out = tmp.path().join("out");
    ok(bin().args(["population", "synth", "--clients", "600", "--seed", "5", "--out"]).arg(&pop));
    ok(bin()
        .args(["simulate", "--quiet", "--tariffs"])
        .arg(repo().join("tariffs/paijat-hame"))
        .arg("--population")
        .arg(&pop)
        .args(["--from", "2026-01", "--to", "2026-12", "--per-person", "csv", "--out"])
        .arg(&out));
    let persons = rows(&out.join("henkilot.csv"));
    let mut by_person: BTreeMap<&str, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
    for r in &persons {
        by_person.entry(&r["person_id"]).or_default().push(r);
    }
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().expect("decimal");
    let mut checked = 0;
    for (id, months) in by_person {
        // twelve months, the ceiling reached, the same package all year
        if months.len() != 12 || months.iter().all(|m| m["ceiling_reached"] == "false") {
            continue;
        }
        if months.iter().any(|m| m["fees_before_ceiling"] != months[0]["fees_before_ceiling"]) {
            continue;
        }
        let e = explain(&pop, id, "2026-01");
        let est = calc(&e["scenario"]);
        let yearly = d(&money(&est["total"]["client_fees_yearly"]));
        let simulated: rust_decimal::Decimal = months.iter().map(|m| d(&m["fees"])).sum();
        let lines = est["lines"].as_array().map(Vec::len).unwrap_or(1) as i64;
        // rounding: the engine rounds each line's year, the simulation each month once
        let tolerance = rust_decimal::Decimal::new(lines + 1, 2);
        assert!(
            (yearly - simulated).abs() <= tolerance,
            "{id}: engine's 12-month view {yearly}, simulated months {simulated}"
        );
        assert!(yearly < d(&money(&est["total"]["client_fees_monthly"])) * rust_decimal::Decimal::from(12));
        checked += 1;
        if checked >= 5 {
            break;
        }
    }
    assert!(checked >= 3, "only {checked} clients reached the ceiling with a constant package");
}

/// An extract out of household order: `population check` says so, `population sort` writes it in
/// order (then checked as such), `simulate` on the unsorted extract notes on stderr that it read
/// it whole, and both give the same summary.
#[test]
fn population_check_and_sort_for_household_order() {
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    // more households than one block of 4 096
    ok(bin().args(["population", "synth", "--clients", "4200", "--seed", "2", "--out"]).arg(&pop));
    let said = ok(bin().args(["population", "check"]).arg(&pop));
    assert!(said.contains("in household order: simulated a block"), "{said}");
    // the extract: the first household's first person moved to the very end of the persons
    let extract = tmp.path().join("extract");
    std::fs::create_dir_all(&extract).unwrap();
    for t in ["households", "incomes", "service_use"] {
        std::fs::copy(pop.join(format!("{t}.csv")), extract.join(format!("{t}.csv"))).unwrap();
    }
    let persons = std::fs::read_to_string(pop.join("persons.csv")).unwrap();
    let mut p: Vec<&str> = persons.lines().collect();
    let header = p.remove(0);
    let first = p.remove(0);
    p.push(first);
    std::fs::write(extract.join("persons.csv"), format!("{header}\n{}\n", p.join("\n"))).unwrap();
    let said = ok(bin().args(["population", "check"]).arg(&extract));
    assert!(said.starts_with("ok: ") && said.contains("not in household order ("), "{said}");
    assert!(said.contains("persons.csv, row "), "{said}");
    let sorted = tmp.path().join("sorted");
    let wrote = ok(bin().args(["population", "sort"]).arg(&extract).arg("--out").arg(&sorted));
    assert!(wrote.contains("persons.csv"), "{wrote}");
    let said = ok(bin().args(["population", "check"]).arg(&sorted));
    assert!(said.contains("in household order: simulated a block"), "{said}");
    // sort does not write into a directory with files
    let again = bin().args(["population", "sort"]).arg(&extract).arg("--out").arg(&sorted).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    // the same summary from the extract (read whole, with a note) and the sorted tables
    let simulate = |p: &Path, out: &str| {
        let o = bin()
            .args(["simulate", "--quiet", "--tariffs"])
            .arg(repo().join("tariffs/paijat-hame"))
            .arg("--population")
            .arg(p)
            .args(["--from", "2026-11", "--to", "2026-12", "--out"])
            .arg(tmp.path().join(out))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stdout = String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.starts_with("wrote"))
            .collect::<Vec<_>>()
            .join("\n");
        (stdout, String::from_utf8_lossy(&o.stderr).to_string())
    };
    let (a, a_err) = simulate(&extract, "o1");
    let (b, b_err) = simulate(&sorted, "o2");
    assert_eq!(a, b);
    assert!(a_err.contains("note: the population was read whole") && a_err.contains("household order"), "{a_err}");
    assert!(b_err.is_empty(), "{b_err}");
}
