//! Päijät-Häme home care (statutory maximum table, asiakasmaksulaki 10 b §). Expected values are
//! worked out by hand from fees-law.md §1.3–1.4 (cases D-1…D-5), not from the engine.

mod common;
use common::*;
use serde_json::json;

#[test]
fn d1_single_2025_twenty_hours() {
    // (1500 − 653) × 26 % = 220.22
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2025-06-01", "household": single("1500", "1300"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}));
    assert_eq!(step(&e, 0, "home_care.income_limit"), d("653"));
    assert_eq!(step(&e, 0, "home_care.percent"), d("26"));
    assert_eq!(e.lines[0].client_fee_monthly, d("220.22"));
    assert_eq!(e.lines[0].client_fee_yearly, d("2642.64")); // 220.22 × 12
    assert_eq!(e.total.client_fees_monthly, d("220.22"));
    assert_eq!(e.tariff.valid_from, "2024-01-01");
}

#[test]
fn d2_single_2026_eight_hours() {
    // (1200 − 699) × 16 % = 80.16
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1200", "1000"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}));
    assert_eq!(step(&e, 0, "home_care.income_limit"), d("699"));
    assert_eq!(step(&e, 0, "home_care.percent"), d("16"));
    assert_eq!(step(&e, 0, "home_care.income"), d("1200"));
    assert_eq!(e.lines[0].client_fee_monthly, d("80.16"));
}

#[test]
fn d3_couple_2022_rounds_half_away_from_zero() {
    // (2500 − 1103) × 15.5 % = 216.535 → 216.54 (fees-law.md D-3; the midpoint where banker's
    // rounding differs, 216.545 → 216.55, is checked in tests/rounding.rs)
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2022-05-01",
        "household": {"persons": 2, "client": {"gross_income": "1500"}, "spouse": {"gross_income": "1000"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "10"}]}));
    assert_eq!(step(&e, 0, "home_care.income_limit"), d("1103"));
    assert_eq!(step(&e, 0, "home_care.percent"), d("15.5"));
    assert_eq!(step(&e, 0, "home_care.income"), d("2500"));
    assert_eq!(e.lines[0].client_fee_monthly, d("216.54"));
}

#[test]
fn d4_below_income_limit_is_free() {
    let t = tariff("paijat-hame");
    for h in ["2", "20", "60"] {
        let e = run(&t, json!({"date": "2026-01-01", "household": single("650", "600"),
            "services": [{"service": "home_care", "production": "own", "hours_per_month": h}]}));
        assert_eq!(e.lines[0].client_fee_monthly, d("0.00"), "{h} h");
    }
}

#[test]
fn d5_family_of_eight_uses_extra_person_amount_and_last_column() {
    // limit 3251 + 2 × 389 = 4029; 6+ column at 20 h = 12 %; (5000 − 4029) × 12 % = 116.52
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2024-09-01",
        "household": {"persons": 8, "client": {"gross_income": "5000"}, "spouse": null},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}));
    assert_eq!(step(&e, 0, "home_care.income_limit"), d("4029"));
    assert_eq!(step(&e, 0, "home_care.percent"), d("12"));
    assert_eq!(e.lines[0].client_fee_monthly, d("116.52"));
}

#[test]
fn first_period_of_the_reform_2021() {
    // 1.7.2021: limit for 1 person 588; 12 h → 20 %; (1000 − 588) × 20 % = 82.40
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2021-07-01", "household": single("1000", "900"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "12"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("82.40"));
    // the day before the reform has no tariff in force
    let err = run_err(&t, json!({"date": "2021-06-30", "household": single("1000", "900"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "12"}]}));
    assert_eq!(err.code(), "not_in_force");
}

#[test]
fn hours_from_visits_use_30_over_7_and_round_half_up() {
    // 5 visits/week × 30 min = 2.5 h/week × 30/7 = 10.714… h → 11 h; 1 person 2026 → 19 %
    // (1500 − 699) × 19 % = 152.19
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-02-01", "household": single("1500", "1200"),
        "services": [{"service": "home_care", "production": "own", "visits_per_week": "5", "minutes_per_visit": "30"}]}));
    assert_eq!(step(&e, 0, "home_care.hours_rounded"), d("11"));
    assert_eq!(step(&e, 0, "home_care.percent"), d("19"));
    assert_eq!(e.lines[0].client_fee_monthly, d("152.19"));
    let band = e.lines[0].band.as_ref().unwrap();
    assert_eq!(band.next_band_min_hours, Some(d("12")));
    // 8.5 h is a midpoint: half up → 9 h → 17 %; (1500 − 699) × 17 % = 136.17
    let e = run(&t, json!({"date": "2026-02-01", "household": single("1500", "1200"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8.5"}]}));
    assert_eq!(step(&e, 0, "home_care.percent"), d("17"));
    assert_eq!(e.lines[0].client_fee_monthly, d("136.17"));
}

#[test]
fn statutory_table_spot_checks() {
    // rows of the published table (fees-law.md §1.3): (hours, persons, percent)
    let t = tariff("paijat-hame");
    for (h, p, pct) in [("4", 1, "8"), ("5", 2, "8.75"), ("13", 5, "14"), ("17", 3, "16.5"), ("23", 3, "19"),
                        ("37", 1, "34.5"), ("38", 1, "35"), ("100", 1, "35"), ("25", 2, "24"), ("9", 6, "12")] {
        let e = run(&t, json!({"date": "2023-01-01",
            "household": {"persons": p, "client": {"gross_income": "9000"}, "spouse": null},
            "services": [{"service": "home_care", "production": "own", "hours_per_month": h}]}));
        assert_eq!(step(&e, 0, "home_care.percent"), d(pct), "{h} h, {p} persons");
    }
}

#[test]
fn deductions_reduce_income_and_forest_income_counts() {
    // 2026, 1 person: gross 1400 + forest 1200/12 = 1500, − maintenance 50 − guardianship 30 = 1420
    // medicines and housing are not home-care deductions (10 g §). 8 h → 16 %: (1420 − 699) × 16 % = 115.36
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-02-01",
        "household": {"persons": 1, "client": {"gross_income": "1400", "forest_income_yearly": "1200",
            "deductions": {"maintenance": "50", "guardianship": "30", "medicines": "400", "housing": "300"}}, "spouse": null},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}));
    assert_eq!(step(&e, 0, "income.forest"), d("100"));
    assert_eq!(step(&e, 0, "home_care.income"), d("1420"));
    assert_eq!(e.lines[0].client_fee_monthly, d("115.36"));
}

#[test]
fn fee_is_capped_at_production_cost() {
    // 2 h → 8 %; (20000 − 699) × 8 % = 1544.08 > cap 2 h × 75.00 = 150.00
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-02-01", "household": single("20000", "15000"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "2"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("150.00"));
    assert!(e.lines[0].band.as_ref().unwrap().capped);
    assert!(has_step(&e, 0, "home_care.cost_cap"));
}

#[test]
fn organiser_cost_by_production_method() {
    // 2026, 1 p, 1200 €, 8 h → fee 80.16. own: 8 × 75.00 = 600.00, net 519.84; purchased: 8 × 68 = 544.00, net 463.84
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1200", "1000"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"},
                     {"service": "home_care", "production": "purchased", "hours_per_month": "8"}]}));
    assert_eq!(e.lines[0].organiser_cost_monthly, d("600.00"));
    assert_eq!(e.lines[0].organiser_net_monthly, d("519.84"));
    assert_eq!(e.lines[1].client_fee_monthly, d("80.16"));
    assert_eq!(e.lines[1].organiser_cost_monthly, d("544.00"));
    assert_eq!(e.lines[1].organiser_net_monthly, d("463.84"));
    assert_eq!(e.total.client_fees_monthly, d("160.32"));
    assert_eq!(e.total.organiser_cost_yearly, d("13728.00")); // (600 + 544) × 12
}

#[test]
fn copay_voucher_client_pays_price_minus_value() {
    // voucher 36.00 €/h (PH placeholder); provider 42.00 €/h; 8 h:
    // client (42 − 36) × 8 = 48.00 to the provider; HVA 36 × 8 = 288.00; own-production fee 80.16
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1200", "1000"),
        "services": [{"service": "home_care", "production": "voucher", "hours_per_month": "8", "provider_price_per_hour": "42.00"}]}));
    let l = &e.lines[0];
    assert_eq!(l.voucher_value_per_hour, Some(d("36.00")));
    assert_eq!(l.client_fee_monthly, d("48.00"));
    assert_eq!(l.organiser_cost_monthly, d("288.00"));
    assert_eq!(l.organiser_net_monthly, d("288.00"));
    assert_eq!(l.own_production_fee_monthly, Some(d("80.16")));
    // provider cheaper than the voucher: the HVA pays only the price, the client nothing
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1200", "1000"),
        "services": [{"service": "home_care", "production": "voucher", "hours_per_month": "8", "provider_price_per_hour": "30.00"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("0.00"));
    assert_eq!(e.lines[0].organiser_cost_monthly, d("240.00"));
}
