//! An income-tiered monthly fee (e.g. Helsinki's safety phone; asiakasmaksulaki 10 h §,
//! `law/asiakasmaksulaki/10h.md`): the lower fee when the household's counted income (as for home
//! care) is at most the limit for the family size, else the higher one.

use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::{eur, num};
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
        c.step(
            "support.income_tiered",
            text!("{}: tuloja ei ole annettu → korkeampi maksu {} kuukaudessa", &s.name, eur(fee)),
        )
        .val("limit", limit)
        .legal(&s.legal_reference)
        .result(fee);
        return Ok(fee);
    }
    let beyond = limits.by_persons.len();
    let text = if c.household.persons as usize > beyond && limits.last_applies_beyond {
        text!(
            "{}: tulot {} {} tulorajan {} ({} hengen raja koskee myös suurempaa kotitaloutta) → {} kuukaudessa",
            &s.name,
            eur(income),
            if low { "enintään" } else { "yli" },
            eur(limit),
            num(Decimal::from(beyond as u64)),
            eur(fee)
        )
    } else {
        text!(
            "{}: tulot {} {} tulorajan {} → {} kuukaudessa",
            &s.name,
            eur(income),
            if low { "enintään" } else { "yli" },
            eur(limit),
            eur(fee)
        )
    };
    c.step("support.income_tiered", text)
        .val("income", income)
        .val("limit", limit)
        .legal(&s.legal_reference)
        .result(fee);
    Ok(fee)
}
