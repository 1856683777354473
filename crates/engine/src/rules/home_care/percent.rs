//! Maksuprosentti (asiakasmaksulaki 10 e §; `law/asiakasmaksulaki/10e.md`): the percentage of the
//! income over the limit, by the band of monthly hours and the family size (asetus 912/1992
//! 2 §). The national table is the statutory maximum; an organisation may override it with lower
//! percentages and a monthly maximum per band.

use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::{num, push_decimal};
use crate::rules::Calc;
use crate::tariff::{BandTable, HomeCare, Read};
use rust_decimal::Decimal;

/// The band the hours fall in.
pub struct Band<'a> {
    pub min_hours: Decimal,
    pub next_min_hours: Option<Decimal>,
    pub percent: Decimal,
    /// The band's monthly maximum fee, where the organisation sets one.
    pub cap: Option<Decimal>,
    pub table: Read<'a, BandTable>,
}

pub const LEGAL: &str = "asiakasmaksulaki 10 e §";

pub fn percent<'a>(c: &mut Calc<'_, 'a>, hc: &'a HomeCare, hours: Decimal) -> Result<Band<'a>> {
    let persons = c.household.persons;
    let table = c.read(&hc.percentages)?;
    let name = table.param.name();
    let (idx, band) = table
        .band(hours)
        .ok_or_else(|| EngineError::tariff("tariff", None, format!("{name}: no band for {hours} h")))?;
    let pct = BandTable::percent(band, persons)
        .ok_or_else(|| EngineError::tariff("tariff", None, format!("{name}: no column")))?;
    // "{min_hours} h → {pct} %", the cell used
    let mut cell = String::with_capacity(24);
    push_decimal(&mut cell, band.min_hours);
    cell.push_str(" h → ");
    push_decimal(&mut cell, pct);
    cell.push_str(" %");
    c.show(table.used_as(cell));
    c.step(
        "home_care.percent",
        text!("step-home-care-percent", hours = num(hours), persons = persons, percent = num(pct)),
    )
    .val("hours", hours)
    .val("persons", persons)
    .val("percent", pct)
    .legal(LEGAL)
    .result(pct);
    Ok(Band {
        min_hours: band.min_hours,
        next_min_hours: table.bands.get(idx + 1).map(|b| b.min_hours),
        percent: pct,
        cap: band.cap,
        table,
    })
}
