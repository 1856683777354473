//! Tuloraja (asiakasmaksulaki 10 e §; `law/asiakasmaksulaki/10e.md`): the monthly income limit
//! by family size, national and indexed every second year; above six persons each further person
//! adds the tariff's `each_additional`.

use super::percent::LEGAL;
use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::eur;
use crate::rules::Calc;
use crate::tariff::HomeCare;
use rust_decimal::Decimal;

pub fn income_limit<'a>(c: &mut Calc<'_, 'a>, hc: &'a HomeCare) -> Result<Decimal> {
    let persons = c.household.persons;
    let table = c.read(&hc.income_limit)?;
    let limit = table.for_persons(persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{}.each_additional", table.param.name()),
        date: c.date.to_string(),
    })?;
    c.show(table.used_as(limit));
    c.step("home_care.income_limit", text!("step-home-care-income-limit", persons = persons, limit = eur(limit)))
        .val("persons", persons)
        .legal(LEGAL)
        .result(limit);
    Ok(limit)
}
