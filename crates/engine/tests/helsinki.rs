//! Helsinki tariff (`tariffs/helsinki/`) tested from the law and Helsinki's published
//! parameters (fees-law.md §1.8, §2, §3, §4, §5), not from the engine's output. Every expected
//! amount is worked out by hand in the comment next to it.
//!
//! Parameters used (fees-law.md):
//! - home care / communal housing bands (hours ≥ key → % for 1/2/3/4/5/6 persons) and band
//!   caps: 0 h 8/7/6… cap 119.66; 5 h 10/8/7… cap 538.47; 9 h 17/14/12… cap 1017.12;
//!   13 h 21/17/14… cap 1495.76; 17 h 24/20/16… cap 1974.40; 21 h 26/22/18…; 25 h 28/24/19…;
//! - income limits 2025: 653/1205/1891/2338/2830/3251 (+389); 2026: 699/1290/2025/2503/3030/3481;
//! - long-term care 85 % / 42.5 %; käyttövara 182/122 (2025), 195/131 (2026); flat medicine
//!   deduction 52.76 (24-h housing, client only); spouse protection käyttövara + 578.43;
//!   cost caps 3044.00 / 7656.00 / 12045.00;
//! - forest income 90 %; guardianship cap 43.34;
//! - vouchers: home care v = clamp(8.40, (34 − (gross − limit) × pct/100 ÷ 60) × 1.20, 40.80),
//!   pct 35/22/18/15/13/11, −1 per further person; 24-h housing step table 0 → 3300,
//!   −100 € per 100 € of net income above 900, provider monthly price = daily × 365/12;
//! - support services: safety phone 35.68/71.36 (limits 1489/2198 home care, 1470/2170 communal),
//!   grocery 9.73 (2025) / 10.40 (2026) per delivery × 4 weeks, meals 5.25 × 4 weeks,
//!   communal meals 497.95/373.50 (2025), 532.40/399.40 (2026);
//! - payment ceiling 762 (2025) / 815 (2026).
//!
//! Money is `rust_decimal`; rounding to the cent is half away from zero.

use kustannusarvio_engine::estimate::{Estimate, Line};
use kustannusarvio_engine::explain::Step;
use kustannusarvio_engine::{EngineError, Tariff};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

fn tariff() -> &'static Tariff {
    static T: OnceLock<Tariff> = OnceLock::new();
    T.get_or_init(|| {
        kustannusarvio_engine::load_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs/helsinki")))
            .expect("the Helsinki tariff loads and validates")
    })
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn run(json: &str) -> Estimate {
    kustannusarvio_engine::estimate_json(tariff(), json).unwrap_or_else(|e| panic!("estimate failed: {e}\n{json}"))
}

fn run_err(json: &str) -> EngineError {
    match kustannusarvio_engine::estimate_json(tariff(), json) {
        Ok(e) => panic!("expected an error, got {:?}", e.total),
        Err(e) => e,
    }
}

fn step<'a>(line: &'a Line, key: &str) -> &'a Step {
    line.explanation.iter().find(|s| s.key == key).unwrap_or_else(|| {
        panic!("no step `{key}`; steps: {:?}", line.explanation.iter().map(|s| &s.key).collect::<Vec<_>>())
    })
}

fn res(line: &Line, key: &str) -> Decimal {
    step(line, key).result.unwrap_or_else(|| panic!("step `{key}` has no result"))
}

fn has_step(line: &Line, key: &str) -> bool {
    line.explanation.iter().any(|s| s.key == key)
}

/// The `valid_from` of the parameter `name` as used in the line's trace.
fn param_from(line: &Line, name: &str) -> String {
    line.explanation
        .iter()
        .flat_map(|s| &s.params)
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("parameter `{name}` not used"))
        .valid_from
        .to_string()
}

/// A one-person household with the given incomes, one service line.
fn single(date: &str, client: &str, service: &str) -> String {
    format!(r#"{{"date": "{date}", "household": {{"persons": 1, "client": {client}, "spouse": null}}, "services": [{service}]}}"#)
}

// ---------------------------------------------------------------------------------------------
// Loading

#[test]
fn tariff_loads_and_names_the_organisation() {
    let t = tariff();
    assert_eq!(t.organisation.id, "helsinki");
    assert!(t.communal_housing.is_some());
    for code in ["safety_phone", "safety_phone_communal", "grocery_delivery", "meal_delivery", "communal_meals"] {
        assert!(t.support_services.contains_key(code), "{code}");
    }
    for code in ["home_care", "round_the_clock_housing"] {
        assert!(t.vouchers.contains_key(code), "{code}");
    }
}

// ---------------------------------------------------------------------------------------------
// Home care (asiakasmaksulaki 10 b §, Helsinki bands)

#[test]
fn home_care_one_person_2026_band_17_20() {
    // 1 person, gross 2000 €, 20 h/month, 2026. Band 17–20 h → 24 %. Limit 699.
    // (2000 − 699) × 24 % = 1301 × 0.24 = 312.24 (band cap 1974.40 not reached).
    let e = run(&single("2026-03-01", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "20"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.percent"), d("24"));
    assert_eq!(res(l, "home_care.income_limit"), d("699"));
    assert_eq!(res(l, "home_care.income"), d("2000.00"));
    assert_eq!(res(l, "home_care.fee"), d("312.24"));
    assert!(!has_step(l, "home_care.cost_cap"));
    assert_eq!(l.client_fee_monthly, d("312.24"));
    assert_eq!(param_from(l, "home_care.income_limit"), "2026-01-01");
    // Organiser's cost (own production, placeholder hour cost 119.66): 119.66 × 20 = 2393.20;
    // net = 2393.20 − 312.24 = 2080.96.
    assert_eq!(l.organiser_cost_monthly, d("2393.20"));
    assert_eq!(l.organiser_net_monthly, d("2080.96"));
    assert_eq!(e.total.client_fees_monthly, d("312.24"));
    // 12 × 312.24 = 3746.88 (income-related fees do not count toward the ceiling).
    assert_eq!(e.total.client_fees_yearly, d("3746.88"));
    assert!(!l.counts_toward_ceiling);
}

#[test]
fn home_care_one_person_2025_uses_2025_limit() {
    // 1 person, gross 2000 €, 20 h, 2025-12-31 (last day of the 2024–2025 limits).
    // (2000 − 653) × 24 % = 1347 × 0.24 = 323.28.
    let e = run(&single("2025-12-31", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "20"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.income_limit"), d("653"));
    assert_eq!(res(l, "home_care.percent"), d("24"));
    assert_eq!(l.client_fee_monthly, d("323.28"));
    assert_eq!(param_from(l, "home_care.income_limit"), "2025-01-01");
}

#[test]
fn home_care_two_persons_2025() {
    // 2 persons (client 1600 + spouse 900 = 2500 gross), 18 h, 2025.
    // Band 17–20 h, 2 persons → 20 %. Limit 1205.
    // (2500 − 1205) × 20 % = 1295 × 0.20 = 259.00.
    let e = run(r#"{"date": "2025-06-01", "household": {"persons": 2,
        "client": {"gross_income": "1600.00"}, "spouse": {"gross_income": "900.00"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "18"}]}"#);
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.percent"), d("20"));
    assert_eq!(res(l, "home_care.income_limit"), d("1205"));
    assert_eq!(res(l, "home_care.income"), d("2500.00"));
    assert_eq!(l.client_fee_monthly, d("259.00"));
}

#[test]
fn home_care_two_persons_2026() {
    // 2 persons, combined gross 2500, 10 h, 2026. Band 9–12 h, 2 persons → 14 %. Limit 1290.
    // (2500 − 1290) × 14 % = 1210 × 0.14 = 169.40.
    let e = run(r#"{"date": "2026-01-01", "household": {"persons": 2,
        "client": {"gross_income": "2500.00"}, "spouse": null},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "10"}]}"#);
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.percent"), d("14"));
    assert_eq!(res(l, "home_care.income_limit"), d("1290"));
    assert_eq!(l.client_fee_monthly, d("169.40"));
}

#[test]
fn home_care_income_below_limit_is_free() {
    // 1 person, gross 650 < 699 (2026), 30 h → max(0, 650 − 699) × 30 % = 0.00.
    let e = run(&single("2026-05-01", r#"{"gross_income": "650.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "30"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.percent"), d("30"));
    assert_eq!(res(l, "home_care.fee"), d("0"));
    assert_eq!(l.client_fee_monthly, d("0"));
}

#[test]
fn home_care_band_cap_reached() {
    // 1 person, gross 3000, 3 h/month, 2026: band 0–4 h → 8 %, band cap 119.66.
    // (3000 − 699) × 8 % = 2301 × 0.08 = 184.08 > 119.66 → 119.66.
    let e = run(&single("2026-02-01", r#"{"gross_income": "3000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "3"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.percent"), d("8"));
    assert_eq!(res(l, "home_care.fee"), d("184.08"));
    assert_eq!(res(l, "home_care.cost_cap"), d("119.66"));
    assert_eq!(l.client_fee_monthly, d("119.66"));
    let band = l.band.as_ref().unwrap();
    assert!(band.capped);
    assert_eq!(band.cost_cap, Some(d("119.66")));
    assert_eq!(band.next_band_min_hours, Some(d("5")));
}

#[test]
fn home_care_band_cap_second_band_2025() {
    // 1 person, gross 7000, 6 h, 2025: band 5–8 h → 10 %, cap 538.47.
    // (7000 − 653) × 10 % = 634.70 > 538.47 → 538.47.
    let e = run(&single("2025-03-01", r#"{"gross_income": "7000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "6"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.fee"), d("634.70"));
    assert_eq!(l.client_fee_monthly, d("538.47"));
}

#[test]
fn home_care_hours_from_visits_30_over_7() {
    // 5 visits/week × 30 min = 2.5 h/week; × 30/7 = 75/7 = 10.714… h/month (Helsinki
    // convention). Band 9–12 h → 17 % (1 person). Limit 2026 699.
    // (1500 − 699) × 17 % = 801 × 0.17 = 136.17.
    // Organiser cost: 119.66 × 75/7 = 1282.0714… → 1282.07.
    let e = run(&single("2026-04-01", r#"{"gross_income": "1500.00"}"#,
        r#"{"service": "home_care", "production": "own", "visits_per_week": "5", "minutes_per_visit": "30"}"#));
    let l = &e.lines[0];
    let h = res(l, "home_care.hours_from_visits");
    assert_eq!(h.round_dp(6), d("10.714286"));
    assert_eq!(res(l, "home_care.percent"), d("17"));
    assert_eq!(l.client_fee_monthly, d("136.17"));
    assert_eq!(l.organiser_cost_monthly, d("1282.07"));
}

#[test]
fn home_care_visits_band_edge_without_rounding() {
    // 2 visits/week × 60 min = 2 h/week × 30/7 = 8.571… h/month. Helsinki picks the band by
    // "hours ≥ key" without rounding: 8.57 < 9 → band 5–8 h → 10 % (1 person).
    // (1500 − 699) × 10 % = 80.10.
    let e = run(&single("2026-04-01", r#"{"gross_income": "1500.00"}"#,
        r#"{"service": "home_care", "production": "own", "visits_per_week": "2", "minutes_per_visit": "60"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "home_care.percent"), d("10"));
    assert_eq!(l.client_fee_monthly, d("80.10"));
}

#[test]
fn home_care_forest_income_and_guardianship_cap() {
    // 1 person 2026: gross 1000, forest income 12 000 €/year, guardianship fee 100 €/month.
    // Forest: 12 000 × 90 % ÷ 12 = 900.00. Guardianship deducted at most 43.34.
    // Income 1000 + 900 − 43.34 = 1856.66; 20 h → 24 %.
    // (1856.66 − 699) × 24 % = 1157.66 × 0.24 = 277.8384 → 277.84.
    let e = run(&single("2026-06-01",
        r#"{"gross_income": "1000.00", "forest_income_yearly": "12000.00", "deductions": {"guardianship": "100.00"}}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "20"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "income.forest"), d("900.00"));
    assert_eq!(res(l, "deduction.guardianship"), d("43.34"));
    assert_eq!(res(l, "home_care.income"), d("1856.66"));
    assert_eq!(res(l, "home_care.fee"), d("277.84"));
    assert_eq!(l.client_fee_monthly, d("277.84"));
}

#[test]
fn home_care_rounding_half_away_from_zero_at_midpoint() {
    // 2 persons, gross 1291.50, 4 h, 2026: (1291.50 − 1290) × 7 % = 1.50 × 0.07 = 0.105
    // → 0.11 (half away from zero; banker's rounding would give 0.10).
    let e = run(r#"{"date": "2026-01-15", "household": {"persons": 2, "client": {"gross_income": "1291.50"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "4"}]}"#);
    assert_eq!(e.lines[0].client_fee_monthly, d("0.11"));
}

// ---------------------------------------------------------------------------------------------
// Communal housing (10 e §) with meals and safety phone

#[test]
fn communal_housing_2026_with_full_meals_and_safety_phone() {
    // 1 person, gross 1800, 12 h/month, 2026. Same bands as home care: 9–12 h → 17 %.
    // Fee (1800 − 699) × 17 % = 1101 × 0.17 = 187.17.
    // Meals full 532.40 €/kk. Safety phone (communal limit 1470): 1800 > 1470 → 71.36.
    // Total 187.17 + 532.40 + 71.36 = 790.93.
    let e = run(r#"{"date": "2026-09-01", "household": {"persons": 1, "client": {"gross_income": "1800.00"}},
        "services": [
          {"service": "communal_housing", "production": "own", "hours_per_month": "12"},
          {"service": "communal_meals", "production": "own", "level": "full"},
          {"service": "safety_phone_communal", "production": "own"}]}"#);
    let [hc, meals, phone] = &e.lines[..] else { panic!() };
    assert_eq!(res(hc, "home_care.percent"), d("17"));
    assert_eq!(res(hc, "home_care.income_limit"), d("699"));
    assert_eq!(param_from(hc, "communal_housing.percentages"), "2025-01-01");
    assert_eq!(hc.client_fee_monthly, d("187.17"));
    assert_eq!(res(meals, "support.level"), d("532.40"));
    assert_eq!(meals.client_fee_monthly, d("532.40"));
    assert_eq!(res(phone, "support.income_tiered"), d("71.36"));
    assert_eq!(e.total.client_fees_monthly, d("790.93"));
}

#[test]
fn communal_housing_2025_partial_meals() {
    // 1 person, gross 1200, 8 h, 2025: band 5–8 h → 10 %. (1200 − 653) × 10 % = 54.70.
    // Partial meals 2025: 373.50. Total 428.20.
    let e = run(r#"{"date": "2025-09-01", "household": {"persons": 1, "client": {"gross_income": "1200.00"}},
        "services": [
          {"service": "communal_housing", "production": "own", "hours_per_month": "8"},
          {"service": "communal_meals", "production": "own", "level": "partial"}]}"#);
    assert_eq!(res(&e.lines[0], "home_care.percent"), d("10"));
    assert_eq!(e.lines[0].client_fee_monthly, d("54.70"));
    assert_eq!(e.lines[1].client_fee_monthly, d("373.50"));
    assert_eq!(e.total.client_fees_monthly, d("428.20"));
}

// ---------------------------------------------------------------------------------------------
// Home-care service voucher (palvelusetelilaki; Helsinki's income-related formula)

#[test]
fn home_care_voucher_value_copay_and_city_share_2026() {
    // 1 person, gross 1500, 10 h/month, provider price 45.00 €/h, 2026.
    // v = (34 − (1500 − 699) × 35/100 ÷ 60) × 1.20 = (34 − 280.35/60) × 1.20
    //   = (34 − 4.6725) × 1.20 = 29.3275 × 1.20 = 35.193 → 35.19 €/h (within 8.40…40.80).
    // Client copay (45.00 − 35.19) × 10 = 98.10; city pays 35.19 × 10 = 351.90.
    // Own production fee would be (1500 − 699) × 17 % (9–12 h) = 136.17.
    let e = run(&single("2026-03-01", r#"{"gross_income": "1500.00"}"#,
        r#"{"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "45.00"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "voucher.income_related"), d("35.19"));
    assert_eq!(l.voucher_value_per_hour, Some(d("35.19")));
    assert_eq!(res(l, "voucher.copay"), d("98.10"));
    assert_eq!(l.client_fee_monthly, d("98.10"));
    assert_eq!(l.organiser_cost_monthly, d("351.90"));
    // The client pays the provider, not the city: net = cost.
    assert_eq!(l.organiser_net_monthly, d("351.90"));
    assert_eq!(l.own_production_fee_monthly, Some(d("136.17")));
}

#[test]
fn home_care_voucher_city_pays_at_most_provider_price() {
    // Same client, provider price 30.00 €/h < voucher 35.19: copay max(0, 30 − 35.19) × 10 = 0;
    // city pays min(35.19, 30.00) × 10 = 300.00 (never more than the provider's price).
    let e = run(&single("2026-03-01", r#"{"gross_income": "1500.00"}"#,
        r#"{"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "30.00"}"#));
    let l = &e.lines[0];
    assert_eq!(l.voucher_value_per_hour, Some(d("35.19")));
    assert_eq!(l.client_fee_monthly, d("0.00"));
    assert_eq!(l.organiser_cost_monthly, d("300.00"));
}

#[test]
fn home_care_voucher_max_and_min() {
    // Income below the limit: (34 − (600 − 699) × 0.35/60) × 1.2 = (34 + 0.5775) × 1.2 = 41.493
    // → clamped to the maximum 40.80.
    let e = run(&single("2026-03-01", r#"{"gross_income": "600.00"}"#,
        r#"{"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "45.00"}"#));
    assert_eq!(e.lines[0].voucher_value_per_hour, Some(d("40.80")));
    // (45.00 − 40.80) × 10 = 42.00.
    assert_eq!(e.lines[0].client_fee_monthly, d("42.00"));
    // High income: (34 − (10000 − 699) × 0.35/60) × 1.2 = (34 − 54.2558…) × 1.2 < 0 → minimum 8.40.
    let e = run(&single("2026-03-01", r#"{"gross_income": "10000.00"}"#,
        r#"{"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "45.00"}"#));
    assert_eq!(e.lines[0].voucher_value_per_hour, Some(d("8.40")));
    // (45.00 − 8.40) × 10 = 366.00; city 84.00.
    assert_eq!(e.lines[0].client_fee_monthly, d("366.00"));
    assert_eq!(e.lines[0].organiser_cost_monthly, d("84.00"));
}

#[test]
fn home_care_voucher_two_persons_and_large_family_2025() {
    // 2 persons 2026, gross 2500: (34 − (2500 − 1290) × 22/100 ÷ 60) × 1.2
    //   = (34 − 266.2/60) × 1.2 = (34 − 4.43666…) × 1.2 = 35.476 → 35.48.
    let e = run(r#"{"date": "2026-03-01", "household": {"persons": 2, "client": {"gross_income": "2500.00"}},
        "services": [{"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "45.00"}]}"#);
    assert_eq!(e.lines[0].voucher_value_per_hour, Some(d("35.48")));
    // 7 persons 2025, gross 5000: limit 3251 + 389 = 3640; pct 11 − 1 = 10.
    // (34 − 1360 × 0.10 ÷ 60) × 1.2 = (34 − 2.2666…) × 1.2 = 38.08.
    let e = run(r#"{"date": "2025-03-01", "household": {"persons": 7, "client": {"gross_income": "5000.00"}},
        "services": [{"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "45.00"}]}"#);
    let l = &e.lines[0];
    assert_eq!(l.voucher_value_per_hour, Some(d("38.08")));
    let s = step(l, "voucher.income_related");
    assert!(s.values.iter().any(|v| v.name == "limit" && d(&v.value.to_string()) == d("3640")), "{:?}", s.values);
    assert!(s.values.iter().any(|v| v.name == "percent" && d(&v.value.to_string()) == d("10")), "{:?}", s.values);
}

// ---------------------------------------------------------------------------------------------
// Long-term 24-hour service housing (7 c §)

#[test]
fn round_the_clock_housing_85_percent_2026() {
    // Client alone, net 2000, 2026. Net after the flat medicine deduction: 2000 − 52.76 = 1947.24.
    // 85 % × 1947.24 = 1655.154 → 1655.15; left 292.09 ≥ 195 käyttövara; cap 3044 not reached.
    let e = run(&single("2026-03-01", r#"{"net_income": "2000.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "own"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "long_term.flat_medicine"), d("52.76"));
    assert_eq!(res(l, "long_term.net_income"), d("1947.24"));
    assert_eq!(res(l, "long_term.percent").round_dp(3), d("1655.154"));
    assert!(!has_step(l, "long_term.minimum_funds"));
    assert_eq!(l.client_fee_monthly, d("1655.15"));
    // Placeholder cost 200 €/day × 365/12 = 6083.33; net 6083.33 − 1655.15 = 4428.18.
    assert_eq!(l.organiser_cost_monthly, d("6083.33"));
    assert_eq!(l.organiser_net_monthly, d("4428.18"));
}

#[test]
fn round_the_clock_housing_kayttovara_floor_2026() {
    // Net 1200 → 1200 − 52.76 = 1147.24; 85 % = 975.154 would leave 172.086 < 195.
    // Fee = 1147.24 − 195 = 952.24.
    let e = run(&single("2026-03-01", r#"{"net_income": "1200.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "own"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "long_term.minimum_funds"), d("952.24"));
    assert_eq!(l.client_fee_monthly, d("952.24"));
}

#[test]
fn round_the_clock_housing_kayttovara_floor_2025_with_deductions() {
    // 2025: net 1300, rent net of housing allowance 150, guardianship 60 (capped 43.34).
    // 1300 − 150 − 43.34 − 52.76 = 1053.90; 85 % = 895.815 leaves 158.085 < 182 →
    // fee = 1053.90 − 182 = 871.90.
    let e = run(&single("2025-03-01",
        r#"{"net_income": "1300.00", "deductions": {"housing": "150.00", "guardianship": "60.00"}}"#,
        r#"{"service": "round_the_clock_housing", "production": "own"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "deduction.housing"), d("150.00"));
    assert_eq!(res(l, "deduction.guardianship"), d("43.34"));
    assert_eq!(res(l, "long_term.net_income"), d("1053.90"));
    assert_eq!(l.client_fee_monthly, d("871.90"));
}

#[test]
fn round_the_clock_housing_cost_cap() {
    // Net 5000 (2026): 5000 − 52.76 = 4947.24 × 85 % = 4205.154 → 4205.15 > 3044.00 → 3044.00.
    let e = run(&single("2026-03-01", r#"{"net_income": "5000.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "own"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "long_term.cost_cap"), d("3044.00"));
    assert_eq!(l.client_fee_monthly, d("3044.00"));
}

#[test]
fn round_the_clock_housing_spouse_rule_42_5_2025() {
    // 2025: client net 2000 > spouse net 800 → 42.5 % of combined.
    // Client 2000 − 52.76 = 1947.24; spouse 800 (no flat deduction). Combined 2747.24.
    // 42.5 % × 2747.24 = 1167.577 → 1167.58; couple keeps 1579.66 ≥ 182 + 578.43 = 760.43.
    let e = run(r#"{"date": "2025-05-01", "household": {"persons": 2,
        "client": {"net_income": "2000.00"}, "spouse": {"net_income": "800.00"}},
        "services": [{"service": "round_the_clock_housing", "production": "own"}]}"#);
    let l = &e.lines[0];
    assert_eq!(res(l, "long_term.spouse_rule").round_dp(3), d("1167.577"));
    assert!(!has_step(l, "long_term.spouse_protection"));
    assert_eq!(l.client_fee_monthly, d("1167.58"));
}

#[test]
fn round_the_clock_housing_spouse_protection_2026() {
    // 2026: client net 1000 > spouse 200. Client 1000 − 52.76 = 947.24; combined 1147.24.
    // 42.5 % = 487.577 leaves 659.663 < 195 + 578.43 = 773.43 → fee = 1147.24 − 773.43 = 373.81.
    let e = run(r#"{"date": "2026-05-01", "household": {"persons": 2,
        "client": {"net_income": "1000.00"}, "spouse": {"net_income": "200.00"}},
        "services": [{"service": "round_the_clock_housing", "production": "own"}]}"#);
    let l = &e.lines[0];
    assert_eq!(res(l, "long_term.spouse_protection"), d("373.81"));
    assert_eq!(l.client_fee_monthly, d("373.81"));
}

#[test]
fn round_the_clock_housing_spouse_rule_keeps_client_kayttovara() {
    // Engine fix (src/rules/long_term_care.rs): 7 c § leaves the CLIENT at least the käyttövara
    // in the 42.5 % case as well; the engine skipped that check whenever the organiser also
    // configured a spouse-protection amount.
    // 2026: client net 1052.76 > spouse 900. Client after the flat medicine deduction
    // 1052.76 − 52.76 = 1000.00; combined 1900.00; 42.5 % = 807.50. The couple keeps
    // 1092.50 ≥ 773.43 (no protection step), but the client would keep 1000 − 807.50 = 192.50
    // < 195 → fee = 1000.00 − 195 = 805.00 (the engine gave 807.50 before the fix).
    let e = run(r#"{"date": "2026-03-01", "household": {"persons": 2,
        "client": {"net_income": "1052.76"}, "spouse": {"net_income": "900.00"}},
        "services": [{"service": "round_the_clock_housing", "production": "own"}]}"#);
    let l = &e.lines[0];
    assert_eq!(res(l, "long_term.spouse_rule"), d("807.50"));
    assert!(!has_step(l, "long_term.spouse_protection"));
    assert_eq!(res(l, "long_term.minimum_funds"), d("805.00"));
    assert_eq!(l.client_fee_monthly, d("805.00"));
}

#[test]
fn round_the_clock_housing_spouse_with_higher_income_client_pays_85_percent_of_own() {
    // Client net 900 ≤ spouse 1500 → 85 % of the client's own net (2026).
    // 900 − 52.76 = 847.24; 85 % = 720.154 leaves 127.086 < 195 → 847.24 − 195 = 652.24.
    let e = run(r#"{"date": "2026-05-01", "household": {"persons": 2,
        "client": {"net_income": "900.00"}, "spouse": {"net_income": "1500.00"}},
        "services": [{"service": "round_the_clock_housing", "production": "own"}]}"#);
    let l = &e.lines[0];
    assert!(!has_step(l, "long_term.spouse_rule"));
    assert_eq!(l.client_fee_monthly, d("652.24"));
}

#[test]
fn round_the_clock_housing_voucher_2026() {
    // Client net 1500 → after the flat medicine deduction 1447.24 (both fall in the same
    // row: > 1400 and ≤ 1500). Table: ≤ 900 → 3300, then −100 per 100 €: > 1400 → 2700.
    // Provider 150.00 €/day × 365/12 = 4562.50 €/kk. Copay 4562.50 − 2700 = 1862.50;
    // city pays 2700. Own-production fee would be 85 % × 1447.24 = 1230.154 → 1230.15.
    let e = run(&single("2026-03-01", r#"{"net_income": "1500.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "voucher", "provider_price_per_day": "150.00"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "voucher.monthly_price"), d("4562.50"));
    assert_eq!(res(l, "voucher.by_net_income"), d("2700"));
    assert_eq!(l.voucher_value_monthly, Some(d("2700")));
    assert_eq!(l.client_fee_monthly, d("1862.50"));
    assert_eq!(l.organiser_cost_monthly, d("2700.00"));
    assert_eq!(l.own_production_fee_monthly, Some(d("1230.15")));
}

#[test]
fn round_the_clock_housing_voucher_table_ends() {
    // Net 800 (2025) → 747.24 ≤ 900 → 3300. Net 4000 → 3947.24 > 3500 → 600 (last known row).
    // Provider 120 €/day × 365/12 = 3650.00; copay 3650 − 3300 = 350.00, resp. 3650 − 600 = 3050.00.
    let e = run(&single("2025-03-01", r#"{"net_income": "800.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "voucher", "provider_price_per_day": "120.00"}"#));
    assert_eq!(e.lines[0].voucher_value_monthly, Some(d("3300")));
    assert_eq!(e.lines[0].client_fee_monthly, d("350.00"));
    let e = run(&single("2025-03-01", r#"{"net_income": "4000.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "voucher", "provider_price_per_day": "120.00"}"#));
    assert_eq!(e.lines[0].voucher_value_monthly, Some(d("600")));
    assert_eq!(e.lines[0].client_fee_monthly, d("3050.00"));
}

// ---------------------------------------------------------------------------------------------
// Long-term institutional care (7 c §)

#[test]
fn institutional_care_social_vs_health_cap() {
    // Net 10 000 (2026): 85 % = 8500.00 (leaves 1500 ≥ 131; no flat medicine deduction in
    // institutions). Social-welfare cap 7656.00 → 7656.00; health-care cap 12 045.00 → 8500.00.
    let e = run(&single("2026-03-01", r#"{"net_income": "10000.00"}"#,
        r#"{"service": "institutional_care", "production": "own", "legal_basis": "social_welfare"}"#));
    let l = &e.lines[0];
    assert!(!has_step(l, "long_term.flat_medicine"));
    assert_eq!(res(l, "long_term.cost_cap"), d("7656.00"));
    assert_eq!(l.client_fee_monthly, d("7656.00"));
    let e = run(&single("2026-03-01", r#"{"net_income": "10000.00"}"#,
        r#"{"service": "institutional_care", "production": "own", "legal_basis": "health_care"}"#));
    let l = &e.lines[0];
    assert!(!has_step(l, "long_term.cost_cap"));
    assert_eq!(l.client_fee_monthly, d("8500.00"));
}

#[test]
fn institutional_care_kayttovara_2025_and_2026() {
    // 2025: net 800 → 85 % = 680 leaves 120 < 122 → 800 − 122 = 678.00.
    let e = run(&single("2025-03-01", r#"{"net_income": "800.00"}"#,
        r#"{"service": "institutional_care", "production": "own", "legal_basis": "health_care"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("678.00"));
    // 2026: net 800 → 680 leaves 120 < 131 → 800 − 131 = 669.00.
    let e = run(&single("2026-03-01", r#"{"net_income": "800.00"}"#,
        r#"{"service": "institutional_care", "production": "own", "legal_basis": "social_welfare"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("669.00"));
    // Placeholder cost 297 €/day × 365/12 = 9033.75.
    assert_eq!(e.lines[0].organiser_cost_monthly, d("9033.75"));
}

#[test]
fn institutional_care_needs_legal_basis() {
    let err = run_err(&single("2026-03-01", r#"{"net_income": "800.00"}"#,
        r#"{"service": "institutional_care", "production": "own"}"#));
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("services[0].legal_basis"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Support services

#[test]
fn safety_phone_low_and_high_tier_home_care() {
    // Home care limit 1 person 1489: gross 1489.00 ≤ limit → 35.68; 1489.01 > limit → 71.36.
    let e = run(&single("2026-03-01", r#"{"gross_income": "1489.00"}"#, r#"{"service": "safety_phone", "production": "own"}"#));
    assert_eq!(res(&e.lines[0], "support.income_tiered"), d("35.68"));
    assert_eq!(e.lines[0].client_fee_monthly, d("35.68"));
    let e = run(&single("2025-03-01", r#"{"gross_income": "1489.01"}"#, r#"{"service": "safety_phone", "production": "own"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("71.36"));
    // 2 persons: limit 2198 → combined 2100 → 35.68.
    let e = run(r#"{"date": "2026-03-01", "household": {"persons": 2, "client": {"gross_income": "1300.00"}, "spouse": {"gross_income": "800.00"}},
        "services": [{"service": "safety_phone", "production": "own"}]}"#);
    assert_eq!(e.lines[0].client_fee_monthly, d("35.68"));
}

#[test]
fn safety_phone_communal_limits_differ() {
    // Gross 1480: home-care limit 1489 → 35.68; communal limit 1470 → 71.36.
    let e = run(r#"{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1480.00"}},
        "services": [{"service": "safety_phone", "production": "own"}, {"service": "safety_phone_communal", "production": "own"}]}"#);
    assert_eq!(e.lines[0].client_fee_monthly, d("35.68"));
    assert_eq!(e.lines[1].client_fee_monthly, d("71.36"));
    // 2 persons communal: limit 2170; 2170.00 → 35.68, 2170.01 → 71.36.
    let e = run(r#"{"date": "2026-03-01", "household": {"persons": 2, "client": {"gross_income": "2170.00"}},
        "services": [{"service": "safety_phone_communal", "production": "own"}]}"#);
    assert_eq!(e.lines[0].client_fee_monthly, d("35.68"));
    let e = run(r#"{"date": "2026-03-01", "household": {"persons": 2, "client": {"gross_income": "2170.01"}},
        "services": [{"service": "safety_phone_communal", "production": "own"}]}"#);
    assert_eq!(e.lines[0].client_fee_monthly, d("71.36"));
}

#[test]
fn safety_phone_has_no_limit_for_three_persons() {
    // The source gives limits for 1–2 persons only: a 3-person household is an error, never 0.
    let err = run_err(r#"{"date": "2026-03-01", "household": {"persons": 3, "client": {"gross_income": "2000.00"}},
        "services": [{"service": "safety_phone", "production": "own"}]}"#);
    assert_eq!(err.code(), "not_in_force");
    assert!(err.to_string().contains("support_services.safety_phone.income_tiered.limit"), "{err}");
}

#[test]
fn grocery_delivery_2025_and_2026() {
    // 1 delivery/week × 4 weeks: 2025 9.73 × 4 = 38.92; 2026 10.40 × 4 = 41.60.
    let e = run(&single("2025-10-01", r#"{}"#, r#"{"service": "grocery_delivery", "production": "own", "times_per_week": "1"}"#));
    assert_eq!(res(&e.lines[0], "support.units"), d("4"));
    assert_eq!(e.lines[0].client_fee_monthly, d("38.92"));
    let e = run(&single("2026-10-01", r#"{}"#, r#"{"service": "grocery_delivery", "production": "purchased", "times_per_week": "1"}"#));
    assert_eq!(res(&e.lines[0], "support.fee"), d("41.60"));
    assert_eq!(e.lines[0].client_fee_monthly, d("41.60"));
}

#[test]
fn meal_delivery_2026() {
    // 7 meals/week × 4 weeks × 5.25 = 28 × 5.25 = 147.00.
    let e = run(&single("2026-10-01", r#"{}"#, r#"{"service": "meal_delivery", "production": "own", "meals_per_week": "7"}"#));
    assert_eq!(res(&e.lines[0], "support.units"), d("28"));
    assert_eq!(e.lines[0].client_fee_monthly, d("147.00"));
}

// ---------------------------------------------------------------------------------------------
// Flat fees, informal care and the payment ceiling (6 a §)

#[test]
fn payment_ceiling_short_term_care_2025() {
    // Short-term care 5 days/month, 2025: 66.90 × 5 = 334.50 €/month; × 12 = 4014.00 > 762.
    // The ceiling is reached after 762 / 66.90 = 11.39 care days of the 60 in the year; the
    // remaining 60 × (1 − 762/4014) = 48.61 days cost the ylläpitomaksu 25.10:
    // 1506 × 3252/4014 = 1220.1076… Yearly 762 + 1220.11 = 1982.11 (day crossing the ceiling
    // billed pro rata — the engine's documented convention; the law does not settle it).
    let e = run(&single("2025-04-01", r#"{}"#, r#"{"service": "short_term_care", "production": "own", "days_per_month": "5"}"#));
    let l = &e.lines[0];
    assert_eq!(res(l, "short_term_care.fee"), d("334.50"));
    assert!(l.counts_toward_ceiling);
    assert_eq!(l.client_fee_monthly, d("334.50"));
    assert_eq!(l.client_fee_yearly, d("1982.11"));
    assert_eq!(e.total.client_fees_yearly, d("1982.11"));
    let s = e.total.explanation.iter().find(|s| s.key == "payment_ceiling.reached").expect("ceiling step");
    assert_eq!(s.result, Some(d("1982.11")));
    assert!(e.warnings.iter().any(|w| w.code == "payment_ceiling_reached"));
    // Placeholder organiser cost 297 €/day × 5 = 1485.00.
    assert_eq!(l.organiser_cost_monthly, d("1485.00"));
}

#[test]
fn payment_ceiling_two_counting_lines_2026() {
    // 2026: short-term care 3 days/month (71.50) and day care 2 days/month (26.80).
    // Yearly without ceiling 36 × 71.50 + 24 × 26.80 = 2574.00 + 643.20 = 3217.20 > 815.
    // Fraction of the year before the ceiling r = 815 / 3217.20.
    // Short-term: 2574 × r = 652.06 + 36 × (1 − r) × 26.80 = 720.39 → 1372.45.
    // Day care: 643.20 × r = 162.94, free afterwards. Total 815 + 720.39 = 1535.39.
    let e = run(r#"{"date": "2026-04-01", "household": {"persons": 1, "client": {}},
        "services": [{"service": "short_term_care", "production": "own", "days_per_month": "3"},
                     {"service": "day_night_care", "production": "own", "days_per_month": "2"},
                     {"service": "home_care", "production": "own", "hours_per_month": "10"}]}"#);
    assert_eq!(e.lines[0].client_fee_monthly, d("214.50"));
    assert_eq!(e.lines[1].client_fee_monthly, d("53.60"));
    assert_eq!(e.lines[0].client_fee_yearly, d("1372.45"));
    assert_eq!(e.lines[1].client_fee_yearly, d("162.94"));
    // Home care does not count toward the ceiling; income 0 → fee 0.
    assert!(!e.lines[2].counts_toward_ceiling);
    assert_eq!(e.total.client_fees_yearly, d("1535.39"));
}

#[test]
fn payment_ceiling_not_reached() {
    // Temporary home nursing, nurse, 2 visits/month 2026: 17.50 × 2 = 35.00; × 12 = 420 < 815.
    let e = run(&single("2026-04-01", r#"{}"#, r#"{"service": "temporary_home_nursing", "production": "own", "visits_per_month": "2"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("35.00"));
    assert_eq!(e.lines[0].client_fee_yearly, d("420.00"));
    assert!(!e.warnings.iter().any(|w| w.code == "payment_ceiling_reached"));
    // Doctor 2025: 25.80 × 1 = 25.80.
    let e = run(&single("2025-04-01", r#"{}"#, r#"{"service": "temporary_home_nursing", "production": "own", "visits_per_month": "1", "staff": "doctor"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("25.80"));
}

#[test]
fn informal_care_leave_and_support() {
    // Leave 3 days 2026: 13.70 × 3 = 41.10 (does not count toward the ceiling).
    let e = run(&single("2026-04-01", r#"{}"#, r#"{"service": "informal_care_leave", "production": "own", "days_per_month": "3"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("41.10"));
    assert!(!e.lines[0].counts_toward_ceiling);
    // Care allowance: the minimum 530.00 (2026) and 472.15 (2025), paid by the organiser.
    let e = run(&single("2026-04-01", r#"{}"#, r#"{"service": "informal_care_support", "production": "own", "care_class": "minimum"}"#));
    assert_eq!(e.lines[0].client_fee_monthly, d("0"));
    assert_eq!(e.lines[0].organiser_cost_monthly, d("530.00"));
    let e = run(&single("2025-04-01", r#"{}"#, r#"{"service": "informal_care_support", "production": "own", "care_class": "minimum"}"#));
    assert_eq!(res(&e.lines[0], "informal_care_support.allowance"), d("472.15"));
}

// ---------------------------------------------------------------------------------------------
// Dates outside the tariff and services not offered

#[test]
fn date_with_no_tariff_in_force_is_an_error() {
    let err = run_err(&single("2024-06-01", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "20"}"#));
    assert_eq!(err.code(), "not_in_force");
    match &err {
        EngineError::NotInForce { parameter, date } => {
            assert!(parameter.starts_with("home_care."), "{parameter}");
            assert_eq!(date, "2024-06-01");
        }
        other => panic!("{other:?}"),
    }
    let err = run_err(&single("2027-01-01", r#"{"net_income": "2000.00"}"#,
        r#"{"service": "round_the_clock_housing", "production": "own"}"#));
    assert_eq!(err.code(), "not_in_force");
    assert!(err.to_string().contains("long_term_care."), "{err}");
}

#[test]
fn no_voucher_for_communal_housing() {
    let err = run_err(&single("2026-03-01", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "communal_housing", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "40"}"#));
    assert_eq!(err.code(), "not_offered");
}

#[test]
fn unverified_values_are_flagged() {
    // 2026 income limits are V-derived (verified = false): the estimate must say so.
    let e = run(&single("2026-03-01", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "20"}"#));
    let w = e.warnings.iter().find(|w| w.code == "unverified_parameters").expect("warning");
    assert!(w.values.iter().any(|v| v.value == "home_care.income_limit"));
    // The 2025 income limits are verified.
    let e = run(&single("2025-03-01", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "20"}"#));
    let w = e.warnings.iter().find(|w| w.code == "unverified_parameters");
    assert!(w.is_none_or(|w| !w.values.iter().any(|v| v.value == "home_care.income_limit")));
}

// ---------------------------------------------------------------------------------------------
// More cases: table boundaries and a whole package

#[test]
fn round_the_clock_housing_voucher_step_boundary() {
    // "900.01 → 3200": net 952.76 − 52.76 = 900.00 → still 3300; 952.77 → 900.01 → 3200.
    // Provider 150 €/day × 365/12 = 4562.50: copay 4562.50 − 3300 = 1262.50, resp. 1362.50.
    let e = run(&single("2026-03-01", r#"{"net_income": "952.76"}"#,
        r#"{"service": "round_the_clock_housing", "production": "voucher", "provider_price_per_day": "150.00"}"#));
    assert_eq!(e.lines[0].voucher_value_monthly, Some(d("3300")));
    assert_eq!(e.lines[0].client_fee_monthly, d("1262.50"));
    let e = run(&single("2026-03-01", r#"{"net_income": "952.77"}"#,
        r#"{"service": "round_the_clock_housing", "production": "voucher", "provider_price_per_day": "150.00"}"#));
    assert_eq!(e.lines[0].voucher_value_monthly, Some(d("3200")));
    assert_eq!(e.lines[0].client_fee_monthly, d("1362.50"));
}

#[test]
fn home_care_larger_bands_and_families() {
    // 2 persons, 26 h, 2026: band 25–28 h → 24 %. (3000 − 1290) × 24 % = 1710 × 0.24 = 410.40.
    let e = run(r#"{"date": "2026-07-01", "household": {"persons": 2, "client": {"gross_income": "3000.00"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "26"}]}"#);
    assert_eq!(res(&e.lines[0], "home_care.percent"), d("24"));
    assert_eq!(e.lines[0].client_fee_monthly, d("410.40"));
    // 3 persons, 22 h, 2025: band 21–24 h → 18 %, limit 1891. (3000 − 1891) × 18 % = 199.62.
    let e = run(r#"{"date": "2025-07-01", "household": {"persons": 3, "client": {"gross_income": "3000.00"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "22"}]}"#);
    assert_eq!(res(&e.lines[0], "home_care.percent"), d("18"));
    assert_eq!(res(&e.lines[0], "home_care.income_limit"), d("1891"));
    assert_eq!(e.lines[0].client_fee_monthly, d("199.62"));
    // 1 person, 45 h, 2026: band ≥ 41 h → 35 %. (2000 − 699) × 35 % = 455.35 (cap 4906.10).
    let e = run(&single("2026-07-01", r#"{"gross_income": "2000.00"}"#,
        r#"{"service": "home_care", "production": "own", "hours_per_month": "45"}"#));
    assert_eq!(res(&e.lines[0], "home_care.percent"), d("35"));
    assert_eq!(e.lines[0].client_fee_monthly, d("455.35"));
}

#[test]
fn home_care_package_2026_totals() {
    // 1 person, gross 1400, 2026.
    // Home care 15 h: band 13–16 h → 21 %. (1400 − 699) × 21 % = 701 × 0.21 = 147.21.
    // Safety phone: 1400 ≤ 1489 → 35.68.
    // Meals 5/week × 4 = 20 × 5.25 = 105.00. Grocery 1/week × 4 × 10.40 = 41.60.
    // Client total 147.21 + 35.68 + 105.00 + 41.60 = 329.49; yearly × 12 = 3953.88.
    // Organiser (placeholders): 119.66 × 15 = 1794.90; phone 71.36; meals 105.00; grocery 41.60
    // → 2012.86. Net: (1794.90 − 147.21) + (71.36 − 35.68) + 0 + 0 = 1647.69 + 35.68 = 1683.37.
    let e = run(r#"{"date": "2026-02-01", "household": {"persons": 1, "client": {"gross_income": "1400.00", "net_income": "1150.00"}},
        "services": [
          {"service": "home_care", "production": "own", "hours_per_month": "15"},
          {"service": "safety_phone", "production": "own"},
          {"service": "meal_delivery", "production": "purchased", "meals_per_week": "5"},
          {"service": "grocery_delivery", "production": "own", "times_per_week": "1"}]}"#);
    assert_eq!(res(&e.lines[0], "home_care.percent"), d("21"));
    assert_eq!(e.lines[0].client_fee_monthly, d("147.21"));
    assert_eq!(e.lines[1].client_fee_monthly, d("35.68"));
    assert_eq!(e.lines[2].client_fee_monthly, d("105.00"));
    assert_eq!(e.lines[3].client_fee_monthly, d("41.60"));
    assert_eq!(e.total.client_fees_monthly, d("329.49"));
    assert_eq!(e.total.client_fees_yearly, d("3953.88"));
    assert_eq!(e.total.organiser_cost_monthly, d("2012.86"));
    assert_eq!(e.total.organiser_net_monthly, d("1683.37"));
    // Net income 1150 − fees 329.49 = 820.51 ≥ 578.43: no fee-reduction warning.
    assert!(!e.warnings.iter().any(|w| w.code == "consider_fee_reduction"));
}

#[test]
fn flat_fees_2025() {
    // Day care 4 days × 25.10 = 100.40; informal-care leave 2 days × 12.80 = 25.60 (2025).
    let e = run(r#"{"date": "2025-02-01", "household": {"persons": 1, "client": {}},
        "services": [{"service": "day_night_care", "production": "own", "days_per_month": "4"},
                     {"service": "informal_care_leave", "production": "own", "days_per_month": "2"}]}"#);
    assert_eq!(res(&e.lines[0], "day_night_care.fee"), d("100.40"));
    assert_eq!(e.lines[1].client_fee_monthly, d("25.60"));
    // 12 × 100.40 = 1204.80 > 762 → day care is free after the ceiling: yearly 762.00.
    assert_eq!(e.lines[0].client_fee_yearly, d("762.00"));
    // Leave does not count: 12 × 25.60 = 307.20.
    assert_eq!(e.lines[1].client_fee_yearly, d("307.20"));
}
