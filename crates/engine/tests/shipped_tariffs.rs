//! The shipped tariffs load, validate and compute every service kind on every day of their
//! periods. Behaviour, not figures: the hand-worked figures are the case files in tests/cases/
//! (run by tests/cases.rs).

mod common;
use common::*;
use serde_json::json;

#[test]
fn helsinki_loads_and_names_the_organisation() {
    let t = tariff("helsinki");
    assert_eq!(t.organisation.id, "helsinki");
    assert!(t.communal_housing.is_some());
    for code in ["safety_phone", "safety_phone_communal", "grocery_delivery", "meal_delivery", "communal_meals"] {
        assert!(t.support_services.contains_key(code), "{code}");
    }
    for code in ["home_care", "round_the_clock_housing"] {
        assert!(t.vouchers.contains_key(code), "{code}");
    }
}

#[test]
fn every_service_kind_is_computable_on_every_tariff_period() {
    // Temporal coverage: each period of the Päijät-Häme tariff computes every service kind.
    let t = tariff("paijat-hame");
    for date in
        ["2021-07-01", "2021-12-31", "2022-01-01", "2023-12-31", "2024-01-01", "2025-06-30", "2026-01-01", "2026-12-31"]
    {
        let e = run(
            &t,
            json!({"date": date, "household": single("2000", "1600"), "services": [
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
            {"service": "day_activity", "production": "own", "days_per_week": "2"}]}),
        );
        assert_eq!(e.lines.len(), 14, "{date}");
        assert!(e.lines.iter().all(|l| !l.explanation.is_empty()), "{date}");
    }
    // Helsinki's periods, 2025–2026.
    let t = tariff("helsinki");
    for date in ["2025-01-01", "2025-12-31", "2026-01-01", "2026-12-31"] {
        let e = run(
            &t,
            json!({"date": date, "household": single("2000", "1600"), "services": [
            {"service": "home_care", "production": "own", "hours_per_month": "10"},
            {"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "45"},
            {"service": "communal_housing", "production": "purchased", "hours_per_month": "10"},
            {"service": "round_the_clock_housing", "production": "own"},
            {"service": "round_the_clock_housing", "production": "voucher", "provider_price_per_day": "150"},
            {"service": "institutional_care", "production": "own", "legal_basis": "social_welfare"},
            {"service": "short_term_care", "production": "own", "days_per_month": "3"},
            {"service": "day_night_care", "production": "own", "days_per_month": "3"},
            {"service": "temporary_home_nursing", "production": "own", "visits_per_month": "2"},
            {"service": "informal_care_leave", "production": "own", "days_per_month": "3"},
            {"service": "informal_care_support", "production": "own", "care_class": "minimum"},
            {"service": "safety_phone", "production": "own"},
            {"service": "safety_phone_communal", "production": "own"},
            {"service": "grocery_delivery", "production": "own", "times_per_week": "1"},
            {"service": "meal_delivery", "production": "own", "meals_per_week": "5"},
            {"service": "communal_meals", "production": "own", "level": "full"}]}),
        );
        assert_eq!(e.lines.len(), 16, "{date}");
        assert!(e.lines.iter().all(|l| !l.explanation.is_empty()), "{date}");
    }
}

/// The 11 § threshold is a parameter like any other: when the fee-reduction warning uses an
/// unconfirmed threshold, `unverified_parameters` names it (it was read and discarded before).
#[test]
fn an_unverified_fee_reduction_threshold_is_reported() {
    let t = tariff("paijat-hame");
    assert!(!t.fee_reduction.as_ref().expect("section").minimum_remaining_income.values[0].verified);
    // 2026, 1 person, gross 1 500, net 700, 20 h: a fee well above 100 € leaves less than the
    // threshold (any threshold above 700 − fee), so the warning fires.
    let e = run(
        &t,
        json!({"date": "2026-03-01", "household": single("1500", "700"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}),
    );
    assert!(e.warnings.iter().any(|w| w.code == "consider_fee_reduction"));
    let unverified = e.warnings.iter().find(|w| w.code == "unverified_parameters").expect("listed");
    assert!(
        unverified.values.iter().any(|v| v.value == "fee_reduction.minimum_remaining_income"),
        "{}",
        unverified.message
    );
    // Without the warning the threshold was not used and is not listed.
    let e = run(
        &t,
        json!({"date": "2026-03-01", "household": single("1500", "3000"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"}]}),
    );
    assert!(!e.warnings.iter().any(|w| w.values.iter().any(|v| v.value == "fee_reduction.minimum_remaining_income")));
}
