//! Päijät-Häme long-term 24-hour service housing and institutional care (asiakasmaksulaki 7 c §).
//! Expected values worked out by hand from fees-law.md §2.1 (85 % / 42.5 %, käyttövara).

mod common;
use common::*;
use serde_json::json;

fn housing(date: &str, household: serde_json::Value) -> serde_json::Value {
    json!({"date": date, "household": household,
           "services": [{"service": "round_the_clock_housing", "production": "own"}]})
}

#[test]
fn eighty_five_percent_of_net_income_2024() {
    // net 2000, no deductions: 85 % = 1700.00; 2000 − 1700 = 300 ≥ käyttövara 182
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2024-04-01", single("2600", "2000")));
    assert_eq!(step(&e, 0, "long_term.net_income"), d("2000"));
    assert_eq!(step(&e, 0, "long_term.percent"), d("1700"));
    assert_eq!(e.lines[0].client_fee_monthly, d("1700.00"));
    assert!(!has_step(&e, 0, "long_term.minimum_funds"));
}

#[test]
fn kayttovara_floor_2026_after_deductions() {
    // net 1500 − housing 300 − medicines 100 = 1100; 85 % = 935; 1100 − 935 = 165 < 195
    // → fee = 1100 − 195 = 905.00
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2026-02-01", json!({"persons": 1, "client": {"net_income": "1500",
        "deductions": {"housing": "300", "medicines": "100"}}, "spouse": null})));
    assert_eq!(step(&e, 0, "long_term.net_income"), d("1100"));
    assert_eq!(step(&e, 0, "long_term.minimum_funds"), d("905"));
    assert_eq!(e.lines[0].client_fee_monthly, d("905.00"));
    // organiser's cost: the monthly placeholder price 6083.33; net of the fee 5178.33
    assert_eq!(e.lines[0].organiser_cost_monthly, d("6083.33"));
    assert_eq!(e.lines[0].organiser_net_monthly, d("5178.33"));
}

#[test]
fn kayttovara_2021_first_period() {
    // 1.7.2021: käyttövara 164; net 1000 → 85 % = 850, 150 left < 164 → 836.00
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2021-09-01", single("0", "1000")));
    assert_eq!(e.lines[0].client_fee_monthly, d("836.00"));
}

#[test]
fn spouse_rule_when_client_has_higher_income() {
    // 2025: client net 2200 > spouse 800 → 42.5 % × (2200 + 800) = 1275.00; client keeps 925 ≥ 182
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2025-05-01", json!({"persons": 2, "client": {"net_income": "2200"},
        "spouse": {"net_income": "800"}})));
    assert_eq!(step(&e, 0, "long_term.spouse_rule"), d("1275"));
    assert_eq!(e.lines[0].client_fee_monthly, d("1275.00"));
}

#[test]
fn spouse_with_higher_income_means_85_percent_of_own() {
    // client 800 ≤ spouse 2200 → 85 % × 800 = 680; 120 left < 182 → 800 − 182 = 618.00
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2025-05-01", json!({"persons": 2, "client": {"net_income": "800"},
        "spouse": {"net_income": "2200"}})));
    assert!(!has_step(&e, 0, "long_term.spouse_rule"));
    assert_eq!(e.lines[0].client_fee_monthly, d("618.00"));
}

#[test]
fn institutional_care_social_and_health_basis() {
    // 2026 institution: käyttövara 131; net 1000 → 850.00 (150 left ≥ 131)
    let t = tariff("paijat-hame");
    for basis in ["social_welfare", "health_care"] {
        let e = run(&t, json!({"date": "2026-06-01", "household": single("0", "1000"),
            "services": [{"service": "institutional_care", "production": "own", "legal_basis": basis}]}));
        assert_eq!(e.lines[0].client_fee_monthly, d("850.00"), "{basis}");
    }
    // net 900 → 765, 135 left ≥ 131 → 765.00; net 880 → 748, 132 left → 748.00; net 870 → 739.50, 130.50 < 131 → 739.00
    for (net, fee) in [("900", "765.00"), ("880", "748.00"), ("870", "739.00")] {
        let e = run(&t, json!({"date": "2026-06-01", "household": single("0", net),
            "services": [{"service": "institutional_care", "production": "own", "legal_basis": "health_care"}]}));
        assert_eq!(e.lines[0].client_fee_monthly, d(fee), "net {net}");
    }
}

#[test]
fn institutional_fee_capped_at_cost() {
    // 85 % × 20000 = 17000 > cost cap 9033.75 (placeholder) → 9033.75
    let t = tariff("paijat-hame");
    let e = run(&t, json!({"date": "2026-06-01", "household": single("0", "20000"),
        "services": [{"service": "institutional_care", "production": "own", "legal_basis": "social_welfare"}]}));
    assert_eq!(e.lines[0].client_fee_monthly, d("9033.75"));
    assert!(has_step(&e, 0, "long_term.cost_cap"));
}

#[test]
fn institutional_care_needs_legal_basis() {
    let t = tariff("paijat-hame");
    let err = run_err(&t, json!({"date": "2026-06-01", "household": single("0", "1000"),
        "services": [{"service": "institutional_care", "production": "own"}]}));
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("services[0].legal_basis"), "{err}");
}

#[test]
fn income_below_kayttovara_gives_zero_not_negative() {
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2026-06-01", single("0", "150")));
    assert_eq!(e.lines[0].client_fee_monthly, d("0.00"));
}

#[test]
fn both_spouses_in_long_term_care_pay_by_own_income() {
    // client 2200 > spouse 800, but both in 24-hour care: 85 % × 2200 = 1870.00 (330 left ≥ 182)
    let t = tariff("paijat-hame");
    let e = run(&t, housing("2025-05-01", json!({"persons": 2, "client": {"net_income": "2200"},
        "spouse": {"net_income": "800"}, "spouse_in_long_term_care": true})));
    assert!(!has_step(&e, 0, "long_term.spouse_rule"));
    assert!(has_step(&e, 0, "long_term.both_in_care"));
    assert_eq!(e.lines[0].client_fee_monthly, d("1870.00"));
}
