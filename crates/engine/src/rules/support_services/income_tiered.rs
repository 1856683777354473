//! An income-tiered monthly fee (e.g. Helsinki's safety phone; asiakasmaksulaki 10 h §,
//! `law/asiakasmaksulaki/10h.md`): the lower fee when the household's counted income (as for home
//! care) is at most the limit for the family size, else the higher one.

use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::eur;
use crate::rules::income::not_given;
use crate::rules::{home_care, Calc};
use crate::tariff::{IncomeTieredFee, SupportService};
use rust_decimal::Decimal;

pub fn fee<'a>(c: &mut Calc<'_, 'a>, s: &'a SupportService, t: &'a IncomeTieredFee) -> Result<Decimal> {
    let hc = home_care::params(c.ctx, "home_care");
    let income = home_care::household_income::household_income(c, hc)?;
    let limits = c.read(&t.limit)?;
    let limit = limits.for_persons(c.household.persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{}.each_additional", t.limit.name()),
        date: c.date.to_string(),
    })?;
    let not_given = not_given::applies(c);
    let low = !not_given && income <= limit;
    c.show(limits.used_as(limit));
    let fee = *c.param(if low { &t.low } else { &t.high })?;
    if not_given {
        c.step("support.income_tiered", text!("step-support-tiered-not-given", service = &s.name, fee = eur(fee)))
            .val("limit", limit)
            .legal(&s.legal_reference)
            .result(fee);
        return Ok(fee);
    }
    let beyond = limits.by_persons.len();
    let text = if c.household.persons as usize > beyond && limits.last_applies_beyond {
        text!(
            "step-support-tiered-beyond",
            service = &s.name,
            income = eur(income),
            low = low,
            limit = eur(limit),
            persons = beyond as u32,
            fee = eur(fee)
        )
    } else {
        text!(
            "step-support-tiered",
            service = &s.name,
            income = eur(income),
            low = low,
            limit = eur(limit),
            fee = eur(fee)
        )
    };
    c.step("support.income_tiered", text)
        .val("income", income)
        .val("limit", limit)
        .legal(&s.legal_reference)
        .result(fee);
    Ok(fee)
}
