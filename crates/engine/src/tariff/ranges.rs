//! Range checks of every number in a tariff (`tariffs validate` and every load): percentages
//! 0–100, money non-negative and below a sane limit, band hours within a month, ratios positive,
//! tables ordered. With the scenario's own bounds (income, quantities) this keeps every
//! computation of the engine far inside `Decimal`'s range: data can give an error, never a panic.

use super::params::{BandTable, Dated, Param, PersonTable, Ratio, StepTable};
use super::schema::Tariff;
use crate::error::{EngineError, Result};
use rust_decimal::Decimal;

/// The largest euro amount a tariff may hold (a monthly fee, a price, a yearly ceiling).
pub const MAX_TARIFF_MONEY: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const HUNDRED: Decimal = Decimal::from_parts(100, 0, 0, false, 0);
const MAX_HOURS: Decimal = Decimal::from_parts(744, 0, 0, false, 0);
/// Deliveries per week.
const MAX_DELIVERIES: Decimal = Decimal::from_parts(21, 0, 0, false, 0);
/// Weeks or days per month.
const MAX_PER_MONTH: Decimal = Decimal::from_parts(31, 0, 0, false, 0);

fn err(p: &str, from: chrono::NaiveDate, what: std::fmt::Arguments) -> EngineError {
    EngineError::tariff("tariff", None, format!("{p} (value from {from}): {what}"))
}

fn within(p: &str, from: chrono::NaiveDate, what: &str, x: Decimal, lo: Decimal, hi: Decimal) -> Result<()> {
    if x < lo || x > hi {
        return Err(err(p, from, format_args!("{what} {x} is outside {lo}…{hi}")));
    }
    Ok(())
}

fn each<T>(p: &Param<T>, mut f: impl FnMut(&str, &Dated<T>) -> Result<()>) -> Result<()> {
    p.values.iter().try_for_each(|d| f(p.name(), d))
}

fn money(p: &Param<Decimal>) -> Result<()> {
    each(p, |n, d| within(n, d.from, "amount", d.value, Decimal::ZERO, MAX_TARIFF_MONEY))
}

fn percent(p: &Param<Decimal>) -> Result<()> {
    each(p, |n, d| within(n, d.from, "percentage", d.value, Decimal::ZERO, HUNDRED))
}

fn per_month(p: &Param<Ratio>) -> Result<()> {
    each(p, |n, d| {
        let r = d.value;
        let x = r.apply(Decimal::ONE).ok_or_else(|| err(n, d.from, format_args!("ratio {r} cannot be computed")))?;
        if x.is_zero() {
            return Err(err(n, d.from, format_args!("ratio {r} must be above zero")));
        }
        within(n, d.from, "ratio", x, Decimal::ZERO, MAX_PER_MONTH)
    })
}

fn person_table(p: &Param<PersonTable>, hi: Decimal) -> Result<()> {
    each(p, |n, d| {
        let t = &d.value;
        if t.by_persons.is_empty() || t.by_persons.len() > 30 {
            return Err(err(n, d.from, format_args!("by_persons needs 1–30 values")));
        }
        for x in &t.by_persons {
            within(n, d.from, "value", *x, Decimal::ZERO, hi)?;
        }
        if t.last_applies_beyond && t.each_additional.is_some() {
            return Err(err(n, d.from, format_args!("give each_additional or last_applies_beyond, not both")));
        }
        // may be negative: Helsinki's voucher percentage goes down a point per further person
        match t.each_additional {
            Some(x) => within(n, d.from, "each_additional", x, -hi, hi),
            None => Ok(()),
        }
    })
}

fn bands(p: &Param<BandTable>) -> Result<()> {
    each(p, |n, d| {
        d.value.check().map_err(|m| err(n, d.from, format_args!("{m}")))?;
        for b in &d.value.bands {
            within(n, d.from, "min_hours", b.min_hours, Decimal::ZERO, MAX_HOURS)?;
            for x in &b.percent {
                within(n, d.from, "percentage", *x, Decimal::ZERO, HUNDRED)?;
            }
            if let Some(c) = b.cap {
                within(n, d.from, "cap", c, Decimal::ZERO, MAX_TARIFF_MONEY)?;
            }
        }
        Ok(())
    })
}

fn steps(p: &Param<StepTable>) -> Result<()> {
    each(p, |n, d| {
        let rows = &d.value.rows;
        if rows.is_empty() {
            return Err(err(n, d.from, format_args!("the table has no rows")));
        }
        for w in rows.windows(2) {
            if w[1].above <= w[0].above {
                return Err(err(n, d.from, format_args!("rows must increase: {} after {}", w[1].above, w[0].above)));
            }
        }
        for r in rows {
            within(n, d.from, "above", r.above, Decimal::ZERO, MAX_TARIFF_MONEY)?;
            within(n, d.from, "value", r.value, Decimal::ZERO, MAX_TARIFF_MONEY)?;
        }
        Ok(())
    })
}

fn opt<T>(p: &Option<Param<T>>, f: impl FnOnce(&Param<T>) -> Result<()>) -> Result<()> {
    p.as_ref().map_or(Ok(()), f)
}

/// Every number of the tariff in its range.
pub fn check(t: &Tariff) -> Result<()> {
    percent(&t.income.forest_income_percent)?;
    opt(&t.income.guardianship_cap, money)?;
    for hc in std::iter::once(&t.home_care).chain(&t.communal_housing) {
        bands(&hc.percentages)?;
        person_table(&hc.income_limit, MAX_TARIFF_MONEY)?;
        per_month(&hc.weeks_per_month)?;
        opt(&hc.cost_cap_per_hour, money)?;
    }
    let l = &t.long_term_care;
    percent(&l.client_percent)?;
    percent(&l.spouse_percent)?;
    for p in [&l.minimum_funds_housing, &l.minimum_funds_institution, &l.cost_cap_housing]
        .into_iter()
        .chain([&l.cost_cap_institution_social, &l.cost_cap_institution_health])
    {
        money(p)?;
    }
    opt(&l.flat_medicine_deduction_housing, money)?;
    opt(&l.spouse_protection_amount, money)?;
    let f = &t.flat_fees;
    for p in [&f.short_term_care_per_day, &f.short_term_care_after_ceiling_per_day, &f.day_night_care_per_day]
        .into_iter()
        .chain([
            &f.temporary_home_nursing_doctor_per_visit,
            &f.temporary_home_nursing_nurse_per_visit,
            &f.informal_care_leave_per_day,
        ])
    {
        money(p)?;
    }
    money(&t.payment_ceiling.yearly)?;
    if let Some(fr) = &t.fee_reduction {
        person_table(&fr.minimum_remaining_income, MAX_TARIFF_MONEY)?;
    }
    if let Some(ics) = &t.informal_care_support {
        opt(&ics.minimum_allowance, money)?;
        opt(&ics.minimum_allowance_heavy_transition, money)?;
        ics.classes.values().try_for_each(money)?;
    }
    for p in t.prices.values() {
        opt(&p.own, money)?;
        opt(&p.purchased, money)?;
    }
    for v in t.vouchers.values() {
        opt(&v.flat_value, money)?;
        opt(&v.by_net_income, steps)?;
        opt(&v.days_per_month, per_month)?;
        if let Some(ir) = &v.income_related {
            money(&ir.base)?;
            person_table(&ir.percent, HUNDRED)?;
            each(&ir.divisor, |n, d| {
                if d.value <= Decimal::ZERO {
                    return Err(err(n, d.from, format_args!("divisor {} must be above zero", d.value)));
                }
                within(n, d.from, "divisor", d.value, Decimal::ZERO, MAX_TARIFF_MONEY)
            })?;
            each(&ir.multiplier, |n, d| within(n, d.from, "multiplier", d.value, Decimal::ZERO, HUNDRED))?;
            money(&ir.min)?;
            money(&ir.max)?;
        }
    }
    for s in t.support_services.values() {
        opt(&s.weeks_per_month, per_month)?;
        opt(&s.fee_per_unit, money)?;
        if let Some(it) = &s.income_tiered {
            person_table(&it.limit, MAX_TARIFF_MONEY)?;
            money(&it.low)?;
            money(&it.high)?;
        }
        for p in s.fee_by_level.iter().flat_map(|m| m.values()) {
            money(p)?;
        }
        if let Some(d) = &s.delivery {
            money(&d.fee)?;
            steps(&d.per_week)?;
            // at most three deliveries a day
            each(&d.per_week, |n, x| {
                x.value
                    .rows
                    .iter()
                    .try_for_each(|r| within(n, x.from, "deliveries", r.value, Decimal::ZERO, MAX_DELIVERIES))
            })?;
        }
    }
    Ok(())
}
