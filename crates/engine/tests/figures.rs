//! The totals-only path ([`kustannusarvio_engine::figures`], used by the population simulation)
//! gives exactly the figures of the full estimate: every line's fee, cost, net and yearly fee,
//! the totals, whether a line counts toward the payment ceiling, whether a fee was limited by the
//! cost of the service — or the same error. Checked over every hand-worked case of `tests/cases`,
//! 20 000 varied scenarios of the benchmark generator on both shipped tariffs, and a property test
//! over every service kind (long-term care, informal care support, undisclosed income…).
//!
//! The app's per-edit answer ([`kustannusarvio_engine::brief`]: the estimate without its
//! explanation steps) gives the same figures too: checked in every comparison below, and against
//! the full estimate's JSON in Finnish, Swedish and English over every case.

#[path = "../benches/support/mod.rs"]
mod support;

use kustannusarvio_engine::estimate::IncomeUsed;
use kustannusarvio_engine::i18n::Lang;
use kustannusarvio_engine::money::round_cents;
use kustannusarvio_engine::scenario::{Household, LegalBasis, MealLevel, Person, Production, ServiceLine};
use kustannusarvio_engine::{brief, estimate, figures, Brief, Estimate, Figures, Scenario, Tariff};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn tariff(dir: &Path) -> Tariff {
    kustannusarvio_engine::load_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// Whether the explanation says the fee was limited by the cost of the service.
fn capped_in_trace(e: &Estimate, i: usize) -> bool {
    e.lines[i].explanation.iter().any(|s| s.key.ends_with(".cost_cap"))
}

/// The two paths agree on `s`; a description of the first difference otherwise.
fn agree(t: &Tariff, s: &Scenario) -> Result<(), String> {
    match (estimate(t, s), figures(t, s)) {
        (Err(a), Err(b)) => {
            if a == b {
                Ok(())
            } else {
                Err(format!("different errors: {a} / {b}"))
            }
        }
        (Ok(e), Err(b)) => Err(format!("estimate ok ({}), figures failed: {b}", e.total.client_fees_monthly)),
        (Err(a), Ok(_)) => Err(format!("estimate failed ({a}), figures ok")),
        (Ok(e), Ok(f)) => {
            same(&e, &f)?;
            same_brief(&e.clone().brief(), &f)
        }
    }
}

/// The brief's figures are the totals-only path's, rounded as the estimate's.
fn same_brief(b: &Brief, f: &Figures) -> Result<(), String> {
    let t = (&b.total, &f.total);
    let totals = [
        ("client_fees_monthly", t.0.client_fees_monthly, t.1.client_fees_monthly),
        ("organiser_cost_monthly", t.0.organiser_cost_monthly, t.1.organiser_cost_monthly),
        ("organiser_net_monthly", t.0.organiser_net_monthly, t.1.organiser_net_monthly),
        ("client_fees_yearly", t.0.client_fees_yearly, t.1.client_fees_yearly),
        ("organiser_cost_yearly", t.0.organiser_cost_yearly, t.1.organiser_cost_yearly),
        ("organiser_net_yearly", t.0.organiser_net_yearly, t.1.organiser_net_yearly),
    ];
    for (name, a, b) in totals {
        if a != b {
            return Err(format!("brief total.{name}: {a}, figures {b}"));
        }
    }
    if b.lines.len() != f.lines.len() {
        return Err(format!("brief: {} lines / {}", b.lines.len(), f.lines.len()));
    }
    for (i, (l, m)) in b.lines.iter().zip(&f.lines).enumerate() {
        let net = m.organiser_cost_monthly - m.fee_to_organiser_monthly;
        let pairs = [
            ("client_fee_monthly", l.client_fee_monthly, round_cents(m.client_fee_monthly)),
            ("organiser_cost_monthly", l.organiser_cost_monthly, round_cents(m.organiser_cost_monthly)),
            ("organiser_net_monthly", l.organiser_net_monthly, round_cents(net)),
            ("client_fee_yearly", l.client_fee_yearly, m.client_fee_yearly),
        ];
        for (name, a, b) in pairs {
            if a != b {
                return Err(format!("brief lines[{i}].{name}: {a}, figures {b}"));
            }
        }
        if l.counts_toward_ceiling != m.ceiling.is_some() {
            return Err(format!("brief lines[{i}].counts_toward_ceiling differs"));
        }
    }
    Ok(())
}

/// The estimate's JSON without what the brief leaves out (the steps and the trace format).
fn without_steps(mut v: serde_json::Value) -> serde_json::Value {
    let o = v.as_object_mut().expect("object");
    o.remove("trace_format");
    o.get_mut("total").and_then(|t| t.as_object_mut()).map(|t| t.remove("explanation"));
    for l in o.get_mut("lines").and_then(|l| l.as_array_mut()).expect("lines") {
        l.as_object_mut().expect("line").remove("explanation");
    }
    v
}

fn same(e: &Estimate, f: &Figures) -> Result<(), String> {
    let t = (&e.total, &f.total);
    let totals = [
        ("client_fees_monthly", t.0.client_fees_monthly, t.1.client_fees_monthly),
        ("organiser_cost_monthly", t.0.organiser_cost_monthly, t.1.organiser_cost_monthly),
        ("organiser_net_monthly", t.0.organiser_net_monthly, t.1.organiser_net_monthly),
        ("client_fees_yearly", t.0.client_fees_yearly, t.1.client_fees_yearly),
        ("organiser_cost_yearly", t.0.organiser_cost_yearly, t.1.organiser_cost_yearly),
        ("organiser_net_yearly", t.0.organiser_net_yearly, t.1.organiser_net_yearly),
    ];
    for (name, a, b) in totals {
        if a != b {
            return Err(format!("total.{name}: estimate {a}, figures {b}"));
        }
    }
    if !f.total.explanation.is_empty() {
        return Err("figures built an explanation".into());
    }
    if e.lines.len() != f.lines.len() {
        return Err(format!("{} lines / {}", e.lines.len(), f.lines.len()));
    }
    for (i, (l, m)) in e.lines.iter().zip(&f.lines).enumerate() {
        let net = m.organiser_cost_monthly - m.fee_to_organiser_monthly;
        let pairs = [
            ("client_fee_monthly", l.client_fee_monthly, round_cents(m.client_fee_monthly)),
            ("organiser_cost_monthly", l.organiser_cost_monthly, round_cents(m.organiser_cost_monthly)),
            ("organiser_net_monthly", l.organiser_net_monthly, round_cents(net)),
            ("client_fee_yearly", l.client_fee_yearly, m.client_fee_yearly),
        ];
        for (name, a, b) in pairs {
            if a != b {
                return Err(format!("lines[{i}].{name}: estimate {a}, figures {b}"));
            }
        }
        if l.counts_toward_ceiling != m.ceiling.is_some() {
            return Err(format!("lines[{i}].counts_toward_ceiling differs"));
        }
        if capped_in_trace(e, i) != m.at_cost_cap {
            return Err(format!(
                "lines[{i}]: cost cap {} in the trace, {} in figures",
                capped_in_trace(e, i),
                m.at_cost_cap
            ));
        }
    }
    Ok(())
}

/// Every hand-worked case (its scenario, on its tariff): the same figures or the same error.
#[test]
fn every_case_gives_the_same_figures() {
    use kustannusarvio_engine::cases::{parse_case, TariffRef};
    let dir = repo().join("tests/cases");
    let mut files = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("cases") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    walk(&dir, &mut files);
    files.sort();
    let mut tariffs = std::collections::BTreeMap::new();
    let (mut n, mut capped, mut failures) = (0, 0, Vec::new());
    for p in files {
        let name = p.strip_prefix(&dir).expect("below").display().to_string();
        let case = parse_case(&name, &std::fs::read_to_string(&p).expect("read")).expect("case parses");
        let tdir = match case.tariff_ref() {
            TariffRef::Shipped(id) => repo().join("tariffs").join(id),
            TariffRef::Fixture(id) => repo().join("tests/fixtures/tariffs").join(id),
        };
        let t = tariffs.entry(tdir.clone()).or_insert_with(|| tariff(&tdir));
        // a scenario that does not parse is an error case of the JSON contract: nothing to compare
        let Ok(s) = serde_json::from_value::<Scenario>(case.scenario.clone()) else { continue };
        if let Err(m) = agree(t, &s) {
            failures.push(format!("{name}: {m}"));
        }
        if let Err(m) = brief_is_the_estimate_without_steps(t, &s) {
            failures.push(format!("{name}: {m}"));
        }
        if let Ok(f) = figures(t, &s) {
            capped += f.lines.iter().filter(|l| l.at_cost_cap).count();
        }
        n += 1;
    }
    assert!(failures.is_empty(), "{} of {n} cases differ:\n{}", failures.len(), failures.join("\n"));
    assert!(n >= 150, "only {n} cases compared");
    assert!(capped > 0, "no case reached a cost cap: the flag is untested");
}

/// `brief()` in every language: the estimate's JSON, every figure, warning and text but the
/// steps, plus the incomes each line read; or the same error.
fn brief_is_the_estimate_without_steps(t: &Tariff, s: &Scenario) -> Result<(), String> {
    let (e, b) = match (estimate(t, s), brief(t, s)) {
        (Ok(e), Ok(b)) => (e, b),
        (Err(a), Err(b)) if a == b => return Ok(()),
        (a, b) => return Err(format!("estimate {:?} / brief {:?}", a.err(), b.err())),
    };
    for lang in Lang::ALL {
        let mut bj = serde_json::to_value(b.clone().in_lang(lang)).expect("brief json");
        let used: Vec<_> = e.lines.iter().map(|l| serde_json::to_value(l.incomes_used()).expect("json")).collect();
        for (l, u) in bj["lines"].as_array_mut().expect("lines").iter_mut().zip(used) {
            let got = l.as_object_mut().expect("line").remove("incomes_used");
            if got != Some(u) {
                return Err(format!("incomes_used {got:?}"));
            }
        }
        let ej = without_steps(serde_json::to_value(e.clone().in_lang(lang)).expect("estimate json"));
        if bj != ej {
            return Err(format!("{lang:?}: brief {bj}\nestimate {ej}"));
        }
    }
    Ok(())
}

/// Which incomes a line read, from the law: the home-care fee is a percentage of the household's
/// gross income (10 e §), the long-term care fee of the client's net income (7 c §), a flat fee
/// (short-term care, 6 §) reads none.
#[test]
fn incomes_used_follow_the_law() {
    let t = tariff(&repo().join("tariffs/paijat-hame"));
    let s = |line: serde_json::Value| -> Scenario {
        serde_json::from_value(serde_json::json!({
            "date": "2026-03-01",
            "household": { "persons": 1, "client": { "gross_income": "1200", "net_income": "1000" } },
            "services": [line]
        }))
        .expect("scenario")
    };
    let used = |line| brief(&t, &s(line)).expect("computes").lines[0].incomes_used.clone();
    use serde_json::json;
    assert_eq!(
        used(json!({ "service": "home_care", "production": "own", "hours_per_month": "8" })),
        vec![IncomeUsed::GrossIncome]
    );
    assert_eq!(used(json!({ "service": "round_the_clock_housing", "production": "own" })), vec![IncomeUsed::NetIncome]);
    assert_eq!(
        used(json!({ "service": "short_term_care", "production": "own", "days_per_month": "3" })),
        Vec::<IncomeUsed>::new()
    );
}

/// 20 000 varied scenarios (dates 2021–2026, 1–10 lines of ten kinds, spouses, deductions) on
/// both shipped tariffs.
#[test]
fn varied_scenarios_give_the_same_figures() {
    for org in ["paijat-hame", "helsinki"] {
        let t = tariff(&repo().join("tariffs").join(org));
        let mut compared = 0;
        for (i, s) in support::varied_batch(7, 10_000).iter().enumerate() {
            if let Err(m) = agree(&t, s) {
                panic!("{org}, scenario {i}: {m}\n{}", serde_json::to_string(s).unwrap_or_default());
            }
            compared += 1;
        }
        assert_eq!(compared, 10_000);
    }
}

fn money() -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ZERO), (0i64..800_000).prop_map(|c| Decimal::new(c, 2))]
}

fn person() -> impl Strategy<Value = Person> {
    (money(), money(), money(), money(), money()).prop_map(|(g, n, f, h, m)| {
        let mut p = Person { gross_income: g, net_income: n, forest_income_yearly: f, ..Default::default() };
        p.deductions.housing = h;
        p.deductions.medicines = m;
        p
    })
}

fn production() -> impl Strategy<Value = Production> {
    prop_oneof![Just(Production::Own), Just(Production::Purchased), Just(Production::Voucher)]
}

/// A line of any kind, with the quantities it needs (sometimes a price for a voucher).
fn line() -> impl Strategy<Value = ServiceLine> {
    let q = |hi: i64| (0..=hi).prop_map(Decimal::from);
    (0usize..16, production(), q(160), q(30), q(90), q(28), prop::bool::ANY, 20i64..120).prop_map(
        |(k, prod, a, b, c, d, flag, price)| {
            let kinds = [
                "home_care",
                "communal_housing",
                "round_the_clock_housing",
                "institutional_care",
                "short_term_care",
                "day_night_care",
                "temporary_home_nursing",
                "informal_care_leave",
                "informal_care_support",
                "meal_delivery",
                "communal_meals",
                "safety_phone",
                "grocery_delivery",
                "cleaning",
                "day_activity",
                "transport",
            ];
            let mut l = ServiceLine::new(kinds[k], prod);
            let price = Some(Decimal::from(price));
            match kinds[k] {
                "home_care" | "communal_housing" => {
                    if flag {
                        l.hours_per_month = Some(a);
                    } else {
                        l.visits_per_week = Some(d);
                        l.minutes_per_visit = Some(c);
                    }
                    if prod == Production::Voucher {
                        l.provider_price_per_hour = price;
                    }
                }
                "round_the_clock_housing" if prod == Production::Voucher => {
                    l.provider_price_per_day = price.map(|p| p * Decimal::from(2));
                }
                "institutional_care" => {
                    l.legal_basis = Some(if flag { LegalBasis::SocialWelfare } else { LegalBasis::HealthCare });
                }
                "short_term_care" | "day_night_care" | "informal_care_leave" => {
                    l.days_per_month = Some(b);
                    if prod == Production::Voucher {
                        l.provider_price_per_day = price;
                    }
                }
                "temporary_home_nursing" => {
                    l.visits_per_month = Some(b);
                    l.staff = Some(if flag { "doctor" } else { "nurse" }.into());
                    l.specialist_nurse_visit = !flag && d > c;
                }
                "informal_care_support" => l.care_class = Some(if flag { "basic" } else { "transitional" }.into()),
                "meal_delivery" => l.meals_per_week = Some(d.min(Decimal::from(14))),
                "communal_meals" => l.level = Some(if flag { MealLevel::Full } else { MealLevel::Partial }),
                "grocery_delivery" => l.times_per_week = Some(d.min(Decimal::from(7))),
                "cleaning" => l.hours_per_month = Some(b),
                "day_activity" => l.days_per_week = Some(d.min(Decimal::from(5))),
                "transport" => l.times_per_month = Some(b),
                _ => {}
            }
            l
        },
    )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        0i64..2000,
        1u32..6,
        person(),
        proptest::option::of(person()),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.1),
        (prop::collection::vec(line(), 0..6), prop::bool::weighted(0.2)),
    )
        .prop_map(|(day, persons, client, spouse, ltc, not_given, (services, guarantee))| {
            let date = chrono::NaiveDate::from_ymd_opt(2021, 7, 1).expect("date") + chrono::Days::new(day as u64);
            let spouse = if persons >= 2 { spouse } else { None };
            let (client, spouse) = if not_given { (Person::default(), None) } else { (client, spouse) };
            Scenario {
                date,
                household: Household {
                    persons,
                    client,
                    spouse_in_long_term_care: ltc && spouse.is_some(),
                    spouse,
                    income_not_given: not_given,
                    guarantee_pension: guarantee,
                },
                services,
            }
        })
}

/// The scenario with each line's production changed to one the tariff offers, and a voucher's
/// unit price given (a voucher of meals, deliveries…), so that most scenarios compute.
fn offered(t: &Tariff, mut s: Scenario) -> Scenario {
    let catalogue = kustannusarvio_engine::catalogue::services(t);
    for l in &mut s.services {
        let Some(o) = catalogue.iter().find(|o| o.code == l.service) else { continue };
        if !o.productions.contains(&l.production) {
            if let Some(p) = o.productions.first() {
                l.production = *p;
            }
        }
        if l.production != Production::Voucher {
            l.provider_price_per_hour = None;
            l.provider_price_per_day = None;
        } else if o.fields.iter().any(|f| f == "provider_price_per_unit") && l.provider_price_per_unit.is_none() {
            l.provider_price_per_unit = Some(Decimal::from(12));
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Any scenario, valid or not, on either shipped tariff: the same figures or the same error.
    #[test]
    fn any_scenario_gives_the_same_figures(s in scenario(), helsinki in prop::bool::ANY) {
        use std::sync::OnceLock;
        static T: OnceLock<(Tariff, Tariff)> = OnceLock::new();
        let (ph, hki) = T.get_or_init(|| {
            (tariff(&repo().join("tariffs/paijat-hame")), tariff(&repo().join("tariffs/helsinki")))
        });
        let t = if helsinki { hki } else { ph };
        // half as generated (errors too), half with the productions the tariff offers
        let s = if s.services.len() % 2 == 0 { offered(t, s) } else { s };
        if let Err(m) = agree(t, &s) {
            prop_assert!(false, "{m}\n{}", serde_json::to_string(&s).unwrap_or_default());
        }
    }
}

/// The property test's scenarios, with the productions the tariff offers, mostly compute (it
/// would prove little on errors only), and they reach the cost caps and the payment ceiling.
#[test]
fn the_generated_scenarios_mostly_compute() {
    use proptest::strategy::ValueTree;
    let t = tariff(&repo().join("tariffs/paijat-hame"));
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut ok, mut capped, mut ceiling) = (0, 0, 0);
    for _ in 0..2000 {
        let s = offered(&t, scenario().new_tree(&mut runner).expect("value").current());
        if let Ok(f) = figures(&t, &s) {
            ok += 1;
            capped += f.lines.iter().any(|l| l.at_cost_cap) as usize;
            ceiling += (f.total.client_fees_yearly < f.total.client_fees_monthly * Decimal::from(12)) as usize;
        }
    }
    eprintln!("computed {ok} of 2000, {capped} at a cost cap, {ceiling} reaching the payment ceiling");
    assert!(ok >= 1500 && capped >= 50 && ceiling >= 50, "{ok} computed, {capped} capped, {ceiling} ceiling");
}
