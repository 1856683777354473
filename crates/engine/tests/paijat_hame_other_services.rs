//! Päijät-Häme flat fees (asetus 912/1992), the payment ceiling (6 a §), support services,
//! informal care and the fee-reduction warning (11 §). Amounts from fees-law.md §3, §6, §7.

mod common;
use common::*;
use serde_json::json;

fn one(date: &str, line: serde_json::Value) -> serde_json::Value {
    json!({"date": date, "household": single("1500", "1300"), "services": [line]})
}

#[test]
fn short_term_care_2026_and_payment_ceiling() {
    // 71.50 €/day (PH 2026) × 10 days = 715.00/month; 12 × 715 = 8580 > ceiling 815.
    // The ceiling is reached after 815 / 71.50 = 11.3986 days; the other 108.6014 days cost the
    // ylläpitomaksu 26.80: 108.6014 × 26.80 = 2910.52; yearly 815 + 2910.52 = 3725.52
    let t = tariff("paijat-hame");
    let e = run(&t, one("2026-03-01", json!({"service": "short_term_care", "production": "own", "days_per_month": "10"})));
    assert_eq!(e.lines[0].client_fee_monthly, d("715.00"));
    assert!(e.lines[0].counts_toward_ceiling);
    assert_eq!(e.lines[0].client_fee_yearly, d("3725.52"));
    assert_eq!(e.total.client_fees_yearly, d("3725.52"));
    assert!(e.warnings.iter().any(|w| w.code == "payment_ceiling_reached"));
    // organiser: 10 × 297.00 = 2970.00 per month
    assert_eq!(e.lines[0].organiser_cost_monthly, d("2970.00"));
}

#[test]
fn below_the_ceiling_nothing_changes() {
    // 2024 day care 25.10 × 2 days = 50.20/month; 602.40/year < 762
    let t = tariff("paijat-hame");
    let e = run(&t, one("2024-03-01", json!({"service": "day_night_care", "production": "own", "days_per_month": "2"})));
    assert_eq!(e.lines[0].client_fee_monthly, d("50.20"));
    assert_eq!(e.lines[0].client_fee_yearly, d("602.40"));
    assert!(!e.warnings.iter().any(|w| w.code == "payment_ceiling_reached"));
}

#[test]
fn ceiling_shared_by_two_counting_lines() {
    // 2024: day care 4 × 25.10 = 100.40/month (1204.80/yr), home nursing 4 × 13.40 = 53.60 (643.20/yr);
    // total 1848.00 > 762: fraction before the ceiling 762/1848; both become free after it
    // (no ylläpitomaksu for them): 1204.80 × 762/1848 = 496.784 → 496.78, 643.20 × 762/1848 = 265.216 → 265.22; sum 762.00
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2024-03-01", "household": single("1500", "1300"), "services": [
        {"service": "day_night_care", "production": "own", "days_per_month": "4"},
        {"service": "temporary_home_nursing", "production": "own", "visits_per_month": "4"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("100.40"));
    assert_eq!(e.lines[1].client_fee_monthly, d("53.60"));
    assert_eq!(e.lines[0].client_fee_yearly, d("496.78"));
    assert_eq!(e.lines[1].client_fee_yearly, d("265.22"));
    assert_eq!(e.total.client_fees_yearly, d("762.00"));
}

#[test]
fn temporary_home_nursing_doctor_and_nurse_2021() {
    // 2021: doctor 18.90, other staff 12.00
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2021-10-01", "household": single("1500", "1300"), "services": [
        {"service": "temporary_home_nursing", "production": "own", "visits_per_month": "2", "staff": "doctor"},
        {"service": "temporary_home_nursing", "production": "own", "visits_per_month": "3"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("37.80"));
    assert_eq!(e.lines[1].client_fee_monthly, d("36.00"));
}

#[test]
fn informal_care_leave_and_support() {
    // 2022 leave 11.60 €/day × 3 = 34.80, not toward the ceiling; 2025 basic care allowance 472.15
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2025-03-01", "household": single("1500", "1300"), "services": [
        {"service": "informal_care_support", "production": "own", "care_class": "basic"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("0.00"));
    assert_eq!(e.lines[0].organiser_cost_monthly, d("472.15"));
    let e = run(&t, one("2022-03-01", json!({"service": "informal_care_leave", "production": "own", "days_per_month": "3"})));
    assert_eq!(e.lines[0].client_fee_monthly, d("34.80"));
    assert!(!e.lines[0].counts_toward_ceiling);
    let err = run_err(&t, one("2025-03-01", json!({"service": "informal_care_support", "production": "own", "care_class": "gold"})));
    assert!(err.to_string().contains("services[0].care_class"), "{err}");
}

#[test]
fn support_services_from_catalogue() {
    // meals 7/week × 30/7 = 30 meals × 8.90 = 267.00; organiser own 30 × 9.50 = 285.00
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1500", "1300"), "services": [
        {"service": "meal_delivery", "production": "own", "meals_per_week": 7},
        {"service": "safety_phone", "production": "own"},
        {"service": "communal_meals", "production": "own", "level": "full"},
        {"service": "meal_delivery", "production": "voucher", "meals_per_week": 7, "provider_price_per_unit": "9.00"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("267.00"));
    assert_eq!(e.lines[0].organiser_cost_monthly, d("285.00"));
    assert_eq!(e.lines[1].client_fee_monthly, d("35.00"));
    assert_eq!(e.lines[2].client_fee_monthly, d("480.00"));
    // voucher 4.00/meal vs provider 9.00: client (9 − 4) × 30 = 150.00, HVA 4 × 30 = 120.00
    assert_eq!(e.lines[3].client_fee_monthly, d("150.00"));
    assert_eq!(e.lines[3].organiser_cost_monthly, d("120.00"));
    assert_eq!(e.lines[3].own_production_fee_monthly, Some(d("267.00")));
    assert_eq!(e.total.client_fees_monthly, d("932.00"));
}

#[test]
fn fee_reduction_warning_when_little_is_left() {
    // 2026, 1 p, gross 1500, net 700: 20 h → 26 %: (1500 − 699) × 26 % = 208.26;
    // 700 − 208.26 = 491.74 < 578.43 → warn
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1500", "700"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("208.26"));
    let w = e.warnings.iter().find(|w| w.code == "consider_fee_reduction").expect("warning");
    assert!(w.message.contains("11 §"));
    // with net 1000 nothing is said
    let e = run(&t, json!({"date": "2026-03-01", "household": single("1500", "1000"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}));
    assert!(!e.warnings.iter().any(|w| w.code == "consider_fee_reduction"));
}

#[test]
fn unverified_parameters_are_flagged() {
    let t = tariff("paijat-hame");
    let e = run(&t, one("2026-03-01", json!({"service": "home_care", "production": "own", "hours_per_month": "8"})));
    let w = e.warnings.iter().find(|w| w.code == "unverified_parameters").expect("warning");
    assert!(w.message.contains("home_care.income_limit"));
    // 2024 limits and the table are verified, but the placeholder hour cost is not
    let e = run(&t, one("2024-03-01", json!({"service": "home_care", "production": "own", "hours_per_month": "8"})));
    let w = e.warnings.iter().find(|w| w.code == "unverified_parameters").expect("warning");
    assert!(!w.message.contains("home_care.income_limit"));
    assert!(w.message.contains("prices.home_care.own"));
}

#[test]
fn every_service_kind_is_computable_on_every_tariff_period() {
    // Temporal coverage: each period of the Päijät-Häme tariff computes every service kind.
    let t = tariff("paijat-hame");
    for date in ["2021-07-01", "2021-12-31", "2022-01-01", "2023-12-31", "2024-01-01", "2025-06-30", "2026-01-01", "2026-12-31"] {
        let e = run(&t, json!({"date": date, "household": single("2000", "1600"), "services": [
            {"service": "home_care", "production": "own", "hours_per_month": "10"},
            {"service": "communal_housing", "production": "purchased", "hours_per_month": "10"},
            {"service": "round_the_clock_housing", "production": "own"},
            {"service": "institutional_care", "production": "own", "legal_basis": "health_care"},
            {"service": "short_term_care", "production": "own", "days_per_month": "3"},
            {"service": "day_night_care", "production": "own", "days_per_month": "3"},
            {"service": "temporary_home_nursing", "production": "own", "visits_per_month": "2"},
            {"service": "informal_care_leave", "production": "own", "days_per_month": "3"},
            {"service": "informal_care_support", "production": "own", "care_class": "basic"},
            {"service": "grocery_delivery", "production": "own", "times_per_week": "1"},
            {"service": "cleaning", "production": "purchased", "hours_per_month": "3"},
            {"service": "bathing", "production": "own", "times_per_week": "1"},
            {"service": "transport", "production": "purchased", "times_per_month": "4"},
            {"service": "day_activity", "production": "own", "days_per_week": "2"}]}));
        assert_eq!(e.lines.len(), 14, "{date}");
        assert!(e.lines.iter().all(|l| !l.explanation.is_empty()), "{date}");
    }
}

#[test]
fn full_cover_voucher_client_pays_the_statutory_fee() {
    // Short-term care by a full-cover voucher (PH placeholder value 200 €/day), provider 250 €/day,
    // 2026, 5 days: the client pays 5 × 71.50 = 357.50 to the HVA (counts toward the ceiling);
    // the HVA pays the provider min(200, 250) × 5 = 1000.00; net 1000 − 357.50 = 642.50
    let t = tariff("paijat-hame");
    let e = run(&t, one("2026-03-01", json!({"service": "short_term_care", "production": "voucher",
        "days_per_month": "5", "provider_price_per_day": "250"})));
    let l = &e.lines[0];
    assert_eq!(l.client_fee_monthly, d("357.50"));
    assert_eq!(l.organiser_cost_monthly, d("1000.00"));
    assert_eq!(l.organiser_net_monthly, d("642.50"));
    assert_eq!(l.own_production_fee_monthly, Some(d("357.50")));
    assert!(l.counts_toward_ceiling);
    assert!(has_step(&e, 0, "voucher.full_cover"));
}

#[test]
fn fee_reduction_warning_judges_gross_only_households_on_gross_and_skips_long_term_care() {
    // only gross 1500 given: fee 208.26 leaves 1291.74 ≥ 578.43 → no warning
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1500"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}));
    assert!(!e.warnings.iter().any(|w| w.code == "consider_fee_reduction"));
    // 24-hour housing leaves the käyttovara by law: net 1000 → fee 836.00 for 2021, no 11 § warning
    let e = run(&t, json!({"date": "2021-09-01", "household": single("0", "1000"),
        "services": [{"service": "round_the_clock_housing", "production": "own"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("836.00"));
    assert!(!e.warnings.iter().any(|w| w.code == "consider_fee_reduction"));
}
