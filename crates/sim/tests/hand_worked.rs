//! A small population worked by hand: the summary, the deciles, the five groups, services,
//! segments and the cost concentration, each expected value computed below from the law's
//! formula and the fixture tariff (`tests/fixtures/tariffs/esimerkki`, 2026), not from the
//! program's output.
//!
//! The fixture (national statutory home-care tables + the fixture's own prices):
//! - home care: fee = (household gross income − income limit) × percent; 2026 income limits
//!   699 € (1 person) and 1 290 € (2 persons); percent by hours/month and family size from the
//!   statutory table (5 h: 10 %, 8 h: 8.75/14 %…); own production costs 60 €/h, fee capped at
//!   60 €/h × hours;
//! - cleaning: 25 €/h to the client, costs 45 €/h.
//!
//! | client | household | gross €/kk | service | fee €/kk | cost €/kk |
//! |---|---|---|---|---|---|
//! | A (70 v, 3 chronic) | alone | 1 500 | home care 10 h | (1500−699) × 18 % = 144.18 | 600 |
//! | B (80 v) | alone | 1 000 | home care 5 h | (1000−699) × 10 % = 30.10 | 300 |
//! | C (90 v, 2 chronic) | alone | 3 000 | home care 20 h | (3000−699) × 26 % = 598.26 | 1 200 |
//! | D (86 v) | with spouse | 1 200 + 900 | home care 8 h | (2100−1290) × 14 % = 113.40 | 480 |
//! | E (77 v, weight 2) | alone | 2 500 | cleaning 4 h | 4 × 25 = 100.00 | 180 |
//!
//! The reform (from 1.2.2026) charges 4 % (1 person) / 3.5 % (2 persons) for any hours:
//! A 801 × 4 % = 32.04, B 301 × 4 % = 12.04, C 2301 × 4 % = 92.04, D 810 × 3.5 % = 28.35.
//! Simulated 1–3/2026: January at the old fees, February and March at the new.

use kustannusarvio_sim::aggregate::Results;
use kustannusarvio_sim::job::{execute, Job};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

mod common;
use common::{write_population, REFORM};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn run(dir: &Path) -> Results {
    write_population(&dir.join("pop"));
    let reform = dir.join("tasaprosentti.toml");
    std::fs::write(&reform, REFORM).unwrap();
    let job = Job {
        block: kustannusarvio_sim::run::BLOCK,
        tariffs: repo().join("tests/fixtures/tariffs/esimerkki"),
        population: dir.join("pop"),
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        reforms: vec![reform],
        out: dir.join("out"),
        per_person: None,
        reuse: true,
        created: "test".into(),
        program: "test".into(),
    };
    execute(&job, &|_, _| {}).unwrap_or_else(|e| panic!("{e}")).results
}

#[test]
fn summary_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path());
    let (base, reform) = (&r.summary[0], &r.summary[1]);
    // weights: A, B, C, D 1 each, E 2 (the spouse DS is not a client)
    assert_eq!(base.clients, d("6"));
    assert_eq!(base.clients_n, 5);
    assert_eq!(base.client_months, d("18"));
    // fees over 3 months: 3 × (144.18 + 30.10 + 598.26 + 113.40) + 2 × 3 × 100
    assert_eq!(base.fees, d("3257.82"));
    assert_eq!(base.fee_revenue, d("3257.82")); // all own production: every fee to the organiser
                                                // cost: 3 × (600 + 300 + 1200 + 480) + 2 × 3 × 180
    assert_eq!(base.gross_cost, d("8820.00"));
    assert_eq!(base.net_cost, d("5562.18"));
    // reform: January + 2 × the new fee; E unchanged
    // A 144.18 + 64.08 = 208.26; B 30.10 + 24.08 = 54.18; C 598.26 + 184.08 = 782.34;
    // D 113.40 + 56.70 = 170.10; E 2 × 300 = 600
    assert_eq!(reform.fees, d("1814.88"));
    assert_eq!(reform.gross_cost, d("8820.00"));
    let c = reform.change.as_ref().expect("a reform has a change");
    assert_eq!(c.fees, d("-1442.94"));
    assert_eq!(c.fee_revenue, d("-1442.94"));
    assert_eq!(c.net_cost, d("1442.94"));
    assert_eq!((c.rises, c.falls, c.stays), (d("0"), d("4"), d("2")));
    assert_eq!((reform.at_cost_cap, reform.zero_fee, reform.ceiling_reached), (d("0"), d("0"), d("0")));
    assert!(base.change.is_none());
}

#[test]
fn deciles_and_groups_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path());
    let rows = &r.deciles[0].rows;
    // mean monthly household income: B 1000, A 1500, D 2100, E 2500 (weight 2), C 3000; total
    // weight 6; the middle of each client's weight: B 0.5, A 1.5, D 2.5, E 4, C 5.5 → × 10/6:
    // 0.83, 2.5, 4.17, 6.67, 9.17 → deciles 1, 3, 5, 7, 10
    let deciles: Vec<u8> = rows.iter().map(|x| x.decile).collect();
    assert_eq!(deciles, vec![1, 3, 5, 7, 10, 0]);
    let first = &rows[0]; // B alone
    assert_eq!(first.clients, d("1"));
    assert_eq!(first.income_month, d("1000.00"));
    assert_eq!(first.fee_baseline_month, d("30.10"));
    assert_eq!(first.fee_reform_month, d("18.06")); // 54.18 / 3
    assert_eq!(first.change_month, d("-12.04"));
    // −36.12 / 3 000 = −1.204 %: gains 0.1–5 %
    assert_eq!(first.change_pct_of_income, d("-1.204"));
    assert_eq!(first.groups, [d("0"), d("0"), d("0"), d("1"), d("0")]);
    let top = &rows[4]; // C
    assert_eq!(top.decile, 10);
    assert_eq!(top.fee_reform_month, d("260.78")); // 782.34 / 3
    assert_eq!(top.change_month, d("-337.48")); // −1012.44 / 3
                                                // −1012.44 / 9 000 = −11.2493… %: gains more than 5 %
    assert_eq!(top.change_pct_of_income.round_dp(4), d("-11.2493"));
    assert_eq!(top.groups, [d("0"), d("0"), d("0"), d("0"), d("1")]);
    let e = &rows[3]; // E, weight 2, unchanged
    assert_eq!((e.decile, e.clients, e.change_month), (7, d("2"), d("0.00")));
    assert_eq!(e.groups, [d("0"), d("0"), d("1"), d("0"), d("0")]);
    let all = &rows[5];
    assert_eq!(all.clients, d("6"));
    // Σ w·fees ÷ Σ w·months: 3257.82 / 18 = 180.99; 1814.88 / 18 = 100.826… → 100.83
    assert_eq!(all.fee_baseline_month, d("180.99"));
    assert_eq!(all.fee_reform_month, d("100.83"));
    assert_eq!(all.change_month, d("-80.16")); // −1442.94 / 18 = −80.163…
                                               // Σ w·income = 4500 + 3000 + 9000 + 6300 + 2 × 7500 = 37 800; −1442.94 / 37 800 = −3.8173 %
    assert_eq!(all.change_pct_of_income.round_dp(4), d("-3.8173"));
    // A (−4.98 %), B (−1.20 %), D (−2.70 %): 0.1–5 %; C: more than 5 %; E (weight 2): no change
    let sixths = |n: &str| d(n) / d("6");
    assert_eq!(all.groups, [d("0"), d("0"), sixths("2"), sixths("3"), sixths("1")]);
}

#[test]
fn services_segments_and_concentration_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path());
    let hc = r.services.iter().find(|s| s.variant == 0 && s.service == "home_care").expect("home care");
    assert_eq!(hc.clients, d("4"));
    assert_eq!(hc.client_share, d("4") / d("6"));
    assert_eq!(hc.cost, d("7740.00")); // 1800 + 900 + 3600 + 1440
    assert_eq!(hc.cost_share, d("7740") / d("8820"));
    assert_eq!(hc.cost_per_client, d("1935.00"));
    assert_eq!(hc.fees, d("2657.82"));
    assert_eq!(hc.net_cost, d("5082.18"));
    let cl = r.services.iter().find(|s| s.variant == 1 && s.service == "cleaning").expect("cleaning");
    assert_eq!((cl.clients, cl.cost, cl.fees), (d("2"), d("1080.00"), d("600.00")));

    let seg = |dim: &str, val: &str| {
        r.segments
            .iter()
            .find(|s| s.variant == 0 && s.dimension == dim && s.value == val)
            .unwrap_or_else(|| panic!("{dim} {val}"))
    };
    // ages 70 | 80, 77 (weight 2) | 90, 86
    assert_eq!((seg("Ikäryhmä", "65–74").clients, seg("Ikäryhmä", "65–74").cost), (d("1"), d("1800.00")));
    assert_eq!((seg("Ikäryhmä", "75–84").clients, seg("Ikäryhmä", "75–84").cost), (d("3"), d("1980.00")));
    assert_eq!((seg("Ikäryhmä", "85+").clients, seg("Ikäryhmä", "85+").cost), (d("2"), d("5040.00")));
    // multimorbid: A (3) and C (2): 1800 + 3600 of 8820
    let mm = seg("Monisairastavuus", "2+ pitkäaikaissairautta");
    assert_eq!((mm.clients, mm.cost, mm.cost_share), (d("2"), d("5400.00"), d("5400") / d("8820")));
    assert_eq!(seg("Sosiaali- ja terveyspalvelujen yhteisasiakas", "kyllä").cost, d("3600.00"));
    assert_eq!(seg("Asuu yksin", "ei").clients, d("1"));
    assert_eq!(seg("Sukupuoli", "nainen").clients, d("4")); // A, C, E (2)

    // cost over the period per client: E 540 (weight 2), B 900, D 1440, A 1800, C 3600
    let c = &r.concentration[0];
    // the top 10 % of the weight (0.6) is 0.6 of C: 0.6 × 3600 = 2160 of 8820
    assert_eq!(c.top10_share, d("2160") / d("8820"));
    // Lorenz points (1/3, 1080/8820), (1/2, 1980/8820), (2/3, 3420/8820), (5/6, 5220/8820), (1, 1);
    // trapezoids 0.020408 + 0.028912 + 0.051020 + 0.081633 + 0.132653 = 0.314626; Gini 1 − 2 × that
    assert_eq!(c.gini.round_dp(4), d("0.3707"));
    assert_eq!(c.lorenz.len(), 6);
    assert!((c.lorenz[1].0 - 1.0 / 3.0).abs() < 1e-9 && (c.lorenz[1].1 - 1080.0 / 8820.0).abs() < 1e-9);
}

#[test]
fn the_outputs_are_written_with_numbers_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path());
    let out = tmp.path().join("out");
    for f in ["tulokset.xlsx", "raportti.html", "csv/yhteenveto.csv", "csv/tulodesiilit.csv", "csv/lorenz.csv"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let csv = std::fs::read_to_string(out.join("csv/yhteenveto.csv")).unwrap();
    assert!(csv.lines().nth(1).unwrap().starts_with("perus,6,5,18,3257.82,3257.82,8820.00,5562.18"), "{csv}");
    // the workbook: the summary sheet's figures are numeric cells
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(out.join("tulokset.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["Tietoja", "Yhteenveto", "Tulodesiilit", "Palvelut", "Segmentit", "Keskittyminen", "Lorenz"]
    );
    let sheet = wb.worksheet_range("Yhteenveto").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header[4], "Asiakasmaksut yhteensä €");
    let row = sheet.rows().nth(1).unwrap();
    assert_eq!(row[0], Data::String("perus".into()));
    assert_eq!(row[4], Data::Float(3257.82));
    let html = std::fs::read_to_string(out.join("raportti.html")).unwrap();
    assert_eq!(html.matches("<svg").count(), 5, "five charts");
    assert!(!html.contains("<script") && !html.contains("<link"), "self-contained");
    assert!(html.contains("3\u{a0}257,82\u{a0}€"), "Finnish money format");
}

/// A table saved by a Finnish Excel as "CSV (semicolon separated)" is Windows-1252 (`kyllä` is one
/// byte 0xE4); one saved as "CSV UTF-8" starts with a byte-order mark. Both read as UTF-8 does.
#[test]
fn windows_1252_and_a_byte_order_mark_read_as_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let utf8 = run(tmp.path());
    let pop = tmp.path().join("pop");
    let persons = std::fs::read_to_string(pop.join("persons.csv")).unwrap();
    assert!(persons.contains("kyllä"));
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&persons);
    assert!(!unmappable && cp1252.contains(&0xE4));
    std::fs::write(pop.join("persons.csv"), &cp1252[..]).unwrap();
    let households = std::fs::read(pop.join("households.csv")).unwrap();
    std::fs::write(pop.join("households.csv"), [&b"\xEF\xBB\xBF"[..], &households].concat()).unwrap();
    let job = Job {
        block: kustannusarvio_sim::run::BLOCK,
        tariffs: repo().join("tests/fixtures/tariffs/esimerkki"),
        population: pop,
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        reforms: vec![tmp.path().join("tasaprosentti.toml")],
        out: tmp.path().join("out2"),
        per_person: None,
        reuse: true,
        created: "test".into(),
        program: "test".into(),
    };
    assert_eq!(execute(&job, &|_, _| {}).unwrap_or_else(|e| panic!("{e}")).results, utf8);
}
