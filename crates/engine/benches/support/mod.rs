//! Scenarios for the engine benchmarks (shared by `benches/engine.rs` and
//! `examples/bench_sweep.rs`). Deterministic: a small xorshift generator, no `rand` dependency,
//! so every run computes the same scenarios.
#![allow(dead_code)]

use chrono::NaiveDate;
use kustannusarvio_engine::scenario::{Deductions, Household, Person, Production, ServiceLine};
use kustannusarvio_engine::Scenario;
use rust_decimal::Decimal;
use std::path::PathBuf;

pub fn tariff_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tariffs").join("paijat-hame")
}

/// The 10-line package of the budget (valid for tariffs/paijat-hame on 2026-03-01), as JSON:
/// home care own + voucher, communal housing, meal delivery, safety phone, grocery delivery,
/// day activity, short-term care, temporary home nursing, informal care leave.
pub const PACKAGE_10_JSON: &str = r#"{"date": "2026-03-01",
 "household": {"persons": 2,
   "client": {"gross_income": "1650.00", "net_income": "1380.00", "forest_income_yearly": "1200.00",
              "deductions": {"maintenance": "0", "guardianship": "20.00", "medicines": "100.00", "housing": "200.00"}},
   "spouse": {"gross_income": "1100.00", "net_income": "950.00"}},
 "services": [
   {"service": "home_care", "production": "own", "visits_per_week": "7", "minutes_per_visit": "45"},
   {"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "42.00"},
   {"service": "communal_housing", "production": "own", "hours_per_month": "30"},
   {"service": "meal_delivery", "production": "purchased", "meals_per_week": "7"},
   {"service": "safety_phone", "production": "own"},
   {"service": "grocery_delivery", "production": "own", "times_per_week": "1"},
   {"service": "day_activity", "production": "own", "days_per_week": "2"},
   {"service": "short_term_care", "production": "own", "days_per_month": "5"},
   {"service": "temporary_home_nursing", "production": "own", "visits_per_month": "4", "staff": "nurse"},
   {"service": "informal_care_leave", "production": "own", "days_per_month": "3"}
 ]}"#;

/// Deterministic xorshift64*.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }
}

fn money(cents: u64) -> Decimal {
    Decimal::new(cents as i64, 2)
}

fn line(service: &str, production: Production) -> ServiceLine {
    ServiceLine::new(service, production)
}

/// Line `k` of the catalogue cycle (the 10 kinds of the package), with varied quantities.
pub fn varied_line(r: &mut Rng, k: usize) -> ServiceLine {
    let q = |r: &mut Rng, lo, hi| Some(Decimal::from(r.range(lo, hi)));
    match k % 10 {
        0 => {
            let mut l = line("home_care", Production::Own);
            if r.chance(50) {
                // half-hours too, so the hours rounding is exercised
                l.hours_per_month = Some(Decimal::new(r.range(2, 160) as i64 * 5, 1));
            } else {
                l.visits_per_week = q(r, 1, 28);
                l.minutes_per_visit = q(r, 15, 90);
            }
            if r.chance(30) {
                l.production = Production::Purchased;
            }
            l
        }
        1 => {
            let mut l = line("home_care", Production::Voucher);
            l.hours_per_month = q(r, 1, 60);
            l.provider_price_per_hour = Some(money(r.range(3000, 5000)));
            l
        }
        2 => {
            let mut l = line("communal_housing", Production::Own);
            l.hours_per_month = q(r, 5, 80);
            l
        }
        3 => {
            let mut l = line("meal_delivery", if r.chance(50) { Production::Purchased } else { Production::Own });
            l.meals_per_week = q(r, 1, 14);
            l
        }
        4 => line("safety_phone", Production::Own),
        5 => {
            let mut l = line("grocery_delivery", Production::Own);
            l.times_per_week = q(r, 1, 3);
            l
        }
        6 => {
            let mut l = line("day_activity", Production::Own);
            l.days_per_week = q(r, 1, 5);
            l
        }
        7 => {
            let mut l = line("short_term_care", if r.chance(70) { Production::Own } else { Production::Purchased });
            l.days_per_month = q(r, 1, 14);
            l
        }
        8 => {
            let mut l = line("temporary_home_nursing", Production::Own);
            l.visits_per_month = q(r, 1, 12);
            l.staff = Some(if r.chance(25) { "doctor" } else { "nurse" }.to_string());
            l
        }
        _ => {
            let mut l = line("informal_care_leave", Production::Own);
            l.days_per_month = q(r, 1, 4);
            l
        }
    }
}

fn person(r: &mut Rng) -> Person {
    let gross = r.range(60_000, 600_000); // 600…6000 €/month
    Person {
        gross_income: money(gross),
        net_income: money(gross * r.range(70, 90) / 100),
        forest_income_yearly: if r.chance(10) { money(r.range(10_000, 500_000)) } else { Decimal::ZERO },
        deductions: Deductions {
            maintenance: if r.chance(10) { money(r.range(5_000, 30_000)) } else { Decimal::ZERO },
            guardianship: if r.chance(15) { money(r.range(1_000, 8_000)) } else { Decimal::ZERO },
            medicines: if r.chance(40) { money(r.range(0, 20_000)) } else { Decimal::ZERO },
            housing: if r.chance(60) { money(r.range(20_000, 90_000)) } else { Decimal::ZERO },
            ..Default::default()
        },
    }
}

/// A varied scenario: date 2021-07-01…2026-12-31, 1–6 persons, incomes, 1–`max_lines` lines.
pub fn varied(r: &mut Rng, lines: usize) -> Scenario {
    let start = NaiveDate::from_ymd_opt(2021, 7, 1).expect("date");
    let days = (NaiveDate::from_ymd_opt(2026, 12, 31).expect("date") - start).num_days() as u64;
    let date = start + chrono::Days::new(r.range(0, days));
    let persons = r.range(1, 6) as u32;
    let spouse = if persons >= 2 && r.chance(60) { Some(person(r)) } else { None };
    let first = r.range(0, 9) as usize;
    Scenario {
        date,
        household: Household {
            persons,
            client: person(r),
            spouse,
            spouse_in_long_term_care: false,
            income_not_given: false,
            guarantee_pension: false,
        },
        services: (0..lines).map(|i| varied_line(r, first + i)).collect(),
    }
}

/// `n` varied scenarios of 1–10 lines (mean ≈ 5.5).
pub fn varied_batch(seed: u64, n: usize) -> Vec<Scenario> {
    let mut r = Rng::new(seed);
    (0..n)
        .map(|_| {
            let k = r.range(1, 10) as usize;
            varied(&mut r, k)
        })
        .collect()
}

/// A package of exactly `lines` lines (the 10 kinds cycled), fixed household, 2026-03-01.
pub fn package(lines: usize) -> Scenario {
    let mut r = Rng::new(42);
    let mut s = varied(&mut r, lines);
    s.date = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    s.services = (0..lines).map(|i| varied_line(&mut r, i)).collect();
    s
}
