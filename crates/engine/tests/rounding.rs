//! Rounding to the cent is half away from zero (documented in src/money.rs), tested at the
//! midpoint where banker's rounding (rust_decimal's `round_dp`) would differ.

mod common;
use common::*;
use serde_json::json;

#[test]
fn fee_at_a_cent_midpoint_rounds_up() {
    // 2026, 1 person, 8 h → 16 %: (699 + 0.03125 × k) … choose income so that the fee ends in 5 at
    // the third decimal with an even second decimal: (1412.90625 − 699) × 16 % = 114.225 → 114.23
    // (banker's rounding would give 114.22).
    let t = tariff("paijat-hame");
    let e = run(
        &t,
        json!({"date": "2026-03-01", "household": single("1412.90625", "1000"),
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}),
    );
    assert_eq!(step(&e, 0, "home_care.fee"), d("114.23"));
    assert_eq!(e.lines[0].client_fee_monthly, d("114.23"));
}

#[test]
fn money_helper_is_not_bankers() {
    use kustannusarvio_engine::money::round_cents;
    assert_eq!(round_cents(d("216.545")), d("216.55"));
    assert_eq!(round_cents(d("0.125")), d("0.13"));
    assert_eq!(d("0.125").round_dp(2), d("0.12")); // what must not be used
}
