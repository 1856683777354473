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

/// Helsinki's layers with `from` replaced by `to` in its support-service file.
fn helsinki_with(from: &str, to: &str) -> Result<kustannusarvio_engine::Tariff, kustannusarvio_engine::EngineError> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs"));
    let mut layers = Vec::new();
    for name in ["national", "helsinki"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(name)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let files = files.into_iter().map(|p| {
            let mut text = std::fs::read_to_string(&p).unwrap();
            if p.ends_with("helsinki/support_services.toml") {
                assert!(text.contains(from), "{from}");
                text = text.replacen(from, to, 1);
            }
            (p.display().to_string(), text)
        });
        layers.push(kustannusarvio_engine::tariff::Layer::new(name, files));
    }
    kustannusarvio_engine::tariff::load_layers(&layers)
}

#[test]
fn a_delivery_fee_needs_a_per_week_quantity() {
    assert!(helsinki_with("", "").is_ok());
    let e = helsinki_with("quantity = \"meals_per_week\"", "quantity = \"hours_per_month\"").unwrap_err();
    assert!(
        e.to_string().contains("support_services.meal_delivery: a delivery fee goes with a per-week quantity"),
        "{e}"
    );
}

#[test]
fn a_person_table_is_extended_one_way_only() {
    let e = helsinki_with(
        "value = { by_persons = [\"1470\", \"2170\"], last_applies_beyond = true }",
        "value = { by_persons = [\"1470\", \"2170\"], last_applies_beyond = true, each_additional = \"100\" }",
    )
    .unwrap_err();
    assert!(e.to_string().contains("each_additional or last_applies_beyond, not both"), "{e}");
    // without either, a household of three has no limit: an error naming the parameter, never a zero
    let t = helsinki_with(
        "value = { by_persons = [\"1489\", \"2198\"], last_applies_beyond = true }",
        "value = { by_persons = [\"1489\", \"2198\"] }",
    )
    .unwrap();
    let e = run_err(
        &t,
        json!({"date": "2026-03-01", "household": {"persons": 3, "client": {"gross_income": "2000"}}, "services": [{"service": "safety_phone", "production": "own"}]}),
    );
    assert!(e.to_string().contains("support_services.safety_phone.income_tiered.limit"), "{e}");
}

/// Issue 10: an estimate that uses unconfirmed values says so by their titles, not their keys,
/// and says apart which are placeholders and which bear on the client's fee.
#[test]
fn unverified_values_are_named_by_title_and_placeholders_said_apart() {
    let t = tariff("paijat-hame");
    let e = run(
        &t,
        json!({"date": "2026-03-01", "household": single("1500", "1300"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"},
                     {"service": "meal_delivery", "production": "own", "meals_per_week": "5"}]}),
    );
    let w = e.warnings.iter().find(|w| w.code == "unverified_parameters").expect("listed");
    let message = w.message.to_string();
    // the titles from the tariff, never the dotted keys
    assert!(message.contains("Ateriapalvelu (kotiin kuljetettu ateria): maksu"), "{message}");
    assert!(message.contains("Kustannus: kotihoito (oma tuotanto)"), "{}", w.message);
    assert!(!message.contains("support_services.meal_delivery"), "{}", w.message);
    let (_, placeholders) = message.split_once("paikkamerkkejä").expect("placeholders said apart");
    assert!(placeholders.contains("Ateriapalvelu (kotiin kuljetettu ateria): maksu"));
    assert!(!placeholders.contains("Tuloraja"), "the 2026 income limit is unverified, not a placeholder");
    // per parameter: key, title, placeholder, client_fee
    let v: Vec<(&str, String)> = w.values.iter().map(|v| (v.name.as_ref(), v.value.to_string())).collect();
    let of = |key: &str| {
        let i = v.iter().position(|(n, x)| *n == "parameter" && x == key).unwrap_or_else(|| panic!("{key}: {v:?}"));
        (v[i + 1].1.clone(), v[i + 2].1.clone(), v[i + 3].1.clone())
    };
    assert_eq!(
        of("support_services.meal_delivery.fee_per_unit"),
        ("Ateriapalvelu (kotiin kuljetettu ateria): maksu".into(), "true".into(), "true".into())
    );
    assert_eq!(
        of("prices.home_care.own"),
        ("Kustannus: kotihoito (oma tuotanto)".into(), "true".into(), "false".into())
    );
    assert_eq!(
        of("home_care.income_limit"),
        ("Tuloraja perheen koon mukaan, €/kk (brutto)".into(), "false".into(), "true".into())
    );
}

#[test]
fn the_report_lists_every_value_in_force_with_its_status() {
    use kustannusarvio_engine::tariff::report::{report, Status};
    let t = tariff("paijat-hame");
    let r = report(&t, "2026-03-01".parse().unwrap());
    let e = |k: &str| r.entries.iter().find(|e| e.key == k).unwrap_or_else(|| panic!("{k}"));
    assert_eq!(e("payment_ceiling.yearly").value, "815");
    assert_eq!(e("payment_ceiling.yearly").status, Status::Verified);
    assert_eq!(e("home_care.income_limit").status, Status::Unverified);
    assert_eq!(e("prices.home_care.own").status, Status::Placeholder);
    assert_eq!(e("prices.home_care.own").title, "Kustannus: kotihoito (oma tuotanto)");
    assert!(
        e("home_care.income_limit").value.starts_with("1 hlö: 699; 2 hlö: 1290"),
        "{}",
        e("home_care.income_limit").value
    );
    assert_eq!(r.count(Status::Missing), 0, "every parameter has a value on 1.3.2026");
    // before the reform: nothing in force
    let r = report(&t, "2021-01-01".parse().unwrap());
    assert_eq!(r.count(Status::Verified) + r.count(Status::Unverified) + r.count(Status::Placeholder), 0);
}

/// A full-cover voucher's value gives only the organiser's cost; a copay voucher's value is the
/// client's fee: the `client_fee` flag of `unverified_parameters` tells them apart.
#[test]
fn a_voucher_value_bears_on_the_client_fee_only_with_a_copay_voucher() {
    let t = tariff("paijat-hame");
    let flag = |service: serde_json::Value, key: &str| {
        let e = run(&t, json!({"date": "2026-03-01", "household": single("1500", "1300"), "services": [service]}));
        let w = e.warnings.iter().find(|w| w.code == "unverified_parameters").expect("listed");
        let v: Vec<(&str, String)> = w.values.iter().map(|v| (v.name.as_ref(), v.value.to_string())).collect();
        let i = v.iter().position(|(n, x)| *n == "parameter" && x == key).unwrap_or_else(|| panic!("{key}: {v:?}"));
        v[i + 3].1.clone()
    };
    let full_cover = json!({"service": "home_care", "production": "voucher", "hours_per_month": "8", "provider_price_per_hour": "45"});
    assert_eq!(flag(full_cover, "vouchers.home_care.flat_value"), "false");
    let copay = json!({"service": "meal_delivery", "production": "voucher", "meals_per_week": "5", "provider_price_per_unit": "9"});
    assert_eq!(flag(copay, "vouchers.meal_delivery.flat_value"), "true");
}
