//! A support service's fee per unit (meal, delivery, hour, day, month) × the units per month
//! (asiakasmaksulaki 10 h §; `law/asiakasmaksulaki/10h.md`).

use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, num, round_cents};
use crate::rules::Calc;
use crate::tariff::{Param, SupportService};
use rust_decimal::Decimal;

pub fn fee<'a>(
    c: &mut Calc<'_, 'a>,
    s: &'a SupportService,
    per_unit: &'a Param<Decimal>,
    units: Decimal,
) -> Result<Decimal> {
    let unit_fee = *c.param(per_unit)?;
    let fee = round_cents(unit_fee * units);
    c.step(
        "support.fee",
        text!("step-support-fee", service = &s.name, unit_fee = eur(unit_fee), units = num(units), fee = eur(fee)),
    )
    .val("unit_fee", unit_fee)
    .val("units", units)
    .legal(&s.legal_reference)
    .result(fee);
    Ok(fee)
}
