//! Bad input gets a clear error naming the field (or file and line); nothing panics.

mod common;
use common::*;
use proptest::prelude::*;
use serde_json::json;

fn err_of(json: serde_json::Value) -> kustannusarvio_engine::EngineError {
    run_err(&tariff("paijat-hame"), json)
}

fn hc(extra: serde_json::Value) -> serde_json::Value {
    let mut line = json!({"service": "home_care", "production": "own"});
    for (k, v) in extra.as_object().unwrap() {
        line[k] = v.clone();
    }
    json!({"date": "2026-03-01", "household": single("1500", "1200"), "services": [line]})
}

fn assert_field(e: &kustannusarvio_engine::EngineError, code: &str, field: &str) {
    assert_eq!(e.code(), code, "{e}");
    assert!(e.to_string().contains(field), "`{e}` should name `{field}`");
}

#[test]
fn negative_and_non_numeric_money() {
    let e = err_of(json!({"date": "2026-03-01", "household": single("-1", "0"), "services": []}));
    assert_field(&e, "invalid_input", "household.client.gross_income");
    let e = err_of(json!({"date": "2026-03-01", "household": single("abc", "0"), "services": []}));
    assert_field(&e, "invalid_input", "household.client.gross_income");
    let e = err_of(json!({"date": "2026-03-01", "household": {"persons": 1,
        "client": {"gross_income": "100", "deductions": {"medicines": "-5"}}}, "services": [
        {"service": "round_the_clock_housing", "production": "own"}]}));
    assert_field(&e, "invalid_input", "household.client.deductions.medicines");
}

#[test]
fn hours_beyond_a_month_and_conflicting_quantities() {
    assert_field(&err_of(hc(json!({"hours_per_month": "745"}))), "invalid_input", "services[0].hours_per_month");
    assert_field(&err_of(hc(json!({"hours_per_month": "-2"}))), "invalid_input", "services[0].hours_per_month");
    assert_field(&err_of(hc(json!({}))), "invalid_input", "services[0].hours_per_month");
    assert_field(&err_of(hc(json!({"visits_per_week": "7"}))), "invalid_input", "services[0].minutes_per_visit");
    assert_field(
        &err_of(hc(json!({"hours_per_month": "5", "visits_per_week": "7", "minutes_per_visit": "30"}))),
        "invalid_input",
        "services[0].hours_per_month",
    );
    assert_field(
        &err_of(hc(json!({"visits_per_day": "24", "minutes_per_visit": "120"}))),
        "invalid_input",
        "services[0].visits_per_week",
    );
    assert_field(
        &err_of(hc(json!({"hours_per_month": "5", "meals_per_week": "7"}))),
        "invalid_input",
        "services[0].meals_per_week",
    );
}

#[test]
fn persons_zero_or_absurd() {
    for p in [0, 31, 1000] {
        let e = err_of(json!({"date": "2026-03-01", "household": {"persons": p, "client": {}}, "services": []}));
        assert_field(&e, "invalid_input", "household.persons");
    }
    let e = err_of(json!({"date": "2026-03-01", "household": {"persons": -1, "client": {}}, "services": []}));
    assert_field(&e, "invalid_input", "household.persons");
    let e =
        err_of(json!({"date": "2026-03-01", "household": {"persons": 1, "client": {}, "spouse": {}}, "services": []}));
    assert_field(&e, "invalid_input", "household.persons");
}

#[test]
fn unknown_service_production_and_field() {
    let e = err_of(json!({"date": "2026-03-01", "household": single("1", "1"),
        "services": [{"service": "spa", "production": "own"}]}));
    assert_field(&e, "unknown_service", "services[0].service");
    let e = err_of(json!({"date": "2026-03-01", "household": single("1", "1"),
        "services": [{"service": "home_care", "production": "magic", "hours_per_month": "3"}]}));
    assert_field(&e, "invalid_input", "services[0].production");
    let e = err_of(hc(json!({"hours": "3"})));
    assert_field(&e, "invalid_input", "services[0]");
    assert!(e.to_string().contains("hours"), "{e}");
    // a production method the tariff does not offer
    let e = err_of(json!({"date": "2026-03-01", "household": single("1", "1"),
        "services": [{"service": "cleaning", "production": "own", "hours_per_month": "3"}]}));
    assert_field(&e, "not_offered", "services[0].production");
    // a voucher without the provider's price
    let e = err_of(hc(json!({"production": "voucher", "hours_per_month": "3"})));
    assert_field(&e, "invalid_input", "services[0].provider_price_per_hour");
}

#[test]
fn date_without_tariff_in_force_and_bad_date() {
    let e = err_of(json!({"date": "2031-01-01", "household": single("1500", "1"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "3"}]}));
    assert_eq!(e.code(), "not_in_force");
    assert!(e.to_string().contains("2031-01-01"), "{e}");
    let e = err_of(json!({"date": "2026-02-30", "household": single("1", "1"), "services": []}));
    assert_field(&e, "invalid_input", "date");
}

#[test]
fn malformed_tariff_names_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    for layer in ["national", "paijat-hame"] {
        std::fs::create_dir_all(tmp.path().join(layer)).unwrap();
        let src = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs")).join(layer);
        for f in std::fs::read_dir(&src).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, tmp.path().join(layer).join(f.file_name().unwrap())).unwrap();
        }
    }
    let dir = tmp.path().join("paijat-hame");
    // an unknown key on line 3 of a file
    std::fs::write(dir.join("income.toml"), "[income.forest_income_percent]\nunit = \"percent\"\nvalues_typo = []\n")
        .unwrap();
    let e = kustannusarvio_engine::load_dir(&dir).unwrap_err();
    assert_eq!(e.code(), "tariff");
    let s = e.to_string();
    assert!(s.contains("income.toml:3"), "{s}");
    assert!(s.contains("values_typo"), "{s}");
    // overlapping periods
    std::fs::write(
        dir.join("income.toml"),
        "[income.forest_income_percent]\nvalues = [\n\
        { from = \"2021-07-01\", to = \"2022-12-31\", value = \"100\", source = \"x\", verified = false },\n\
        { from = \"2022-01-01\", value = \"90\", source = \"x\", verified = false } ]\n",
    )
    .unwrap();
    let s = kustannusarvio_engine::load_dir(&dir).unwrap_err().to_string();
    assert!(s.contains("income.forest_income_percent") && s.contains("overlap"), "{s}");
    // a value without a source
    std::fs::write(
        dir.join("income.toml"),
        "[income.forest_income_percent]\nvalues = [\n\
        { from = \"2021-07-01\", value = \"100\", source = \" \", verified = false } ]\n",
    )
    .unwrap();
    let s = kustannusarvio_engine::load_dir(&dir).unwrap_err().to_string();
    assert!(s.contains("no source"), "{s}");
    // not TOML at all
    std::fs::write(dir.join("income.toml"), "this is = = not toml").unwrap();
    let s = kustannusarvio_engine::load_dir(&dir).unwrap_err().to_string();
    assert!(s.contains("income.toml:1"), "{s}");
}

fn money_str() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..10_000_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
        any::<i64>().prop_map(|i| i.to_string()),
        "[-0-9.eE+a-z]{0,30}",
        Just("79228162514264337593543950335".to_string()),
    ]
}

fn service_code() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("home_care"),
        Just("communal_housing"),
        Just("round_the_clock_housing"),
        Just("institutional_care"),
        Just("short_term_care"),
        Just("day_night_care"),
        Just("temporary_home_nursing"),
        Just("informal_care_leave"),
        Just("informal_care_support"),
        Just("meal_delivery"),
        Just("safety_phone"),
        Just("communal_meals"),
        Just("grocery_delivery"),
        Just("cleaning"),
        Just("xyz"),
    ]
    .prop_map(|s| s.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// Any combination of fields and values gives a result or an error, never a panic.
    #[test]
    fn no_panic_on_any_scenario(
        persons in 0u32..40, gross in money_str(), net in money_str(), forest in money_str(),
        ded in money_str(), spouse in any::<bool>(), day in 0u32..4000,
        services in proptest::collection::vec((service_code(), 0usize..3, money_str(), money_str(), 0usize..6), 0..6),
    ) {
        let t = tariff_cached();
        let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let lines: Vec<serde_json::Value> = services.iter().map(|(s, p, a, b, k)| {
            let prod = ["own", "purchased", "voucher"][*p];
            let mut l = json!({"service": s, "production": prod});
            let fields = ["hours_per_month", "days_per_month", "meals_per_week", "visits_per_month", "times_per_week", "provider_price_per_hour"];
            l[fields[*k]] = json!(a);
            l[fields[(*k + 1) % 6]] = json!(b);
            if s == "institutional_care" { l["legal_basis"] = json!("health_care"); }
            if s == "informal_care_support" { l["care_class"] = json!("basic"); }
            if s == "communal_meals" { l["level"] = json!("partial"); }
            l
        }).collect();
        let person = json!({"gross_income": gross, "net_income": net, "forest_income_yearly": forest,
                            "deductions": {"housing": ded, "guardianship": ded}});
        let s = json!({"date": date.to_string(), "household": {"persons": persons, "client": person.clone(),
                       "spouse": if spouse { person } else { serde_json::Value::Null }}, "services": lines});
        let _ = kustannusarvio_engine::estimate_json(t, &s.to_string());
    }

    /// Arbitrary bytes as scenario JSON never panic.
    #[test]
    fn no_panic_on_arbitrary_json(s in ".{0,200}") {
        let _ = kustannusarvio_engine::estimate_json(tariff_cached(), &s);
    }

    /// Fees are never negative and never more than the income-related maximum (income − limit).
    #[test]
    fn home_care_fee_bounds(cents in 0u64..2_000_000, hours in 0u32..200, persons in 1u32..9) {
        let gross = format!("{}.{:02}", cents / 100, cents % 100);
        let s = json!({"date": "2026-05-01", "household": {"persons": persons, "client": {"gross_income": gross}},
            "services": [{"service": "home_care", "production": "own", "hours_per_month": hours.to_string()}]});
        let e = kustannusarvio_engine::estimate_json(tariff_cached(), &s.to_string()).unwrap();
        let fee = e.lines[0].client_fee_monthly;
        prop_assert!(fee >= rust_decimal::Decimal::ZERO);
        prop_assert!(fee <= d(&gross) * d("0.35") + d("0.01"));
    }
}

fn tariff_cached() -> &'static kustannusarvio_engine::Tariff {
    static T: std::sync::OnceLock<kustannusarvio_engine::Tariff> = std::sync::OnceLock::new();
    T.get_or_init(|| tariff("paijat-hame"))
}
