//! The voucher's value per unit (palvelusetelilaki 569/2009 3 §, 7 §; `law/palvelusetelilaki/`):
//! flat, or income-related by the organisation's formula (Helsinki's home-care voucher):
//!
//! ```text
//! value = clamp(min, (base − (income − limit) × percent[persons] / 100 ÷ divisor) × multiplier, max)
//! ```
//! rounded to the cent; `income` and `limit` are those of the home-care fee.

use super::LEGAL;
use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::{eur, num, round_cents};
use crate::rules::income::not_given;
use crate::rules::{home_care, Calc};
use crate::tariff::Voucher;
use rust_decimal::Decimal;

pub fn per_unit<'a>(
    c: &mut Calc<'_, 'a>,
    v: &'a Voucher,
    service: &str,
    known_income: Option<Decimal>,
) -> Result<Decimal> {
    if let Some(flat) = &v.flat_value {
        let value = *c.param(flat)?;
        c.step("voucher.flat_value", text!("step-voucher-flat-value", value = eur(value))).legal(LEGAL).result(value);
        return Ok(value);
    }
    let ir = v
        .income_related
        .as_ref()
        .ok_or_else(|| EngineError::tariff("tariff", None, format!("vouchers.{service}: no per-unit value")))?;
    let hc = home_care::params(c.ctx, service);
    let income = match known_income {
        Some(i) => i,
        None => home_care::household_income::household_income(c, hc)?,
    };
    let persons = c.household.persons;
    let limits = c.read(&hc.income_limit)?;
    let limit = limits.for_persons(persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{}.each_additional", hc.income_limit.name()),
        date: c.date.to_string(),
    })?;
    c.show(limits.used_as(limit));
    let base = *c.param(&ir.base)?;
    let percents = c.read(&ir.percent)?;
    let pct = percents.for_persons(persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{}.each_additional", ir.percent.name()),
        date: c.date.to_string(),
    })?;
    c.show(percents.used_as(pct));
    let div = *c.param(&ir.divisor)?;
    let mult = *c.param(&ir.multiplier)?;
    let min = *c.param(&ir.min)?;
    let max = *c.param(&ir.max)?;
    if div.is_zero() {
        return Err(EngineError::tariff("tariff", None, format!("{} is zero", ir.divisor.name())));
    }
    if not_given::applies(c) {
        c.step("voucher.income_related", text!("step-voucher-income-not-given", min = eur(min)))
            .val("limit", limit)
            .legal("palvelusetelilaki 569/2009 7 §; asiakasmaksulaki 10 e §")
            .result(min);
        return Ok(min);
    }
    let raw = (base - (income - limit) * pct / Decimal::from(100) / div) * mult;
    let value = round_cents(raw.max(min).min(max));
    c.step(
        "voucher.income_related",
        text!(
            "step-voucher-income-related",
            base = num(base),
            income = num(income),
            limit = num(limit),
            percent = num(pct),
            divisor = num(div),
            multiplier = num(mult),
            raw = num(raw),
            min = num(min),
            max = num(max),
            value = eur(value)
        ),
    )
    .val("income", income)
    .val("limit", limit)
    .val("percent", pct)
    .legal("palvelusetelilaki 569/2009 7 §; asiakasmaksulaki 10 e §")
    .result(value);
    Ok(value)
}
