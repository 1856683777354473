//! Maksun alentaminen (asiakasmaksulaki 11 §; `law/asiakasmaksulaki/11.md`): a fee must be
//! reduced or waived when it endangers the client's subsistence. The law sets no amount; the
//! engine warns when the household's net income minus all monthly fees falls below the
//! organisation's threshold for the family size (`fee_reduction.minimum_remaining_income`). It
//! never changes a fee.

use super::Ctx;
use crate::error::Result;
use crate::explain::ParamUse;
use crate::money::round_cents;
use crate::scenario::Person;
use rust_decimal::Decimal;

/// The check that found too little left: what remains, the threshold and its parameter.
pub struct TooLittleLeft {
    pub remaining: Decimal,
    pub threshold: Decimal,
    pub used: ParamUse,
}

pub fn check(ctx: &Ctx, fees: Decimal) -> Result<Option<TooLittleLeft>> {
    let Some(fr) = &ctx.tariff.fee_reduction else { return Ok(None) };
    if fees.is_zero() {
        return Ok(None);
    }
    let table = fr.minimum_remaining_income.at(ctx.date)?;
    let Some(threshold) = table.for_persons(ctx.household.persons) else { return Ok(None) };
    let hh = ctx.household;
    // Net income where given; a household described by gross income only is judged on gross.
    let income = |p: &Person| if p.net_income.is_zero() { p.gross_income } else { p.net_income };
    let net = income(&hh.client) + hh.spouse.as_ref().map(income).unwrap_or_default();
    let left = net - fees;
    Ok((left < threshold).then(|| TooLittleLeft {
        remaining: round_cents(left),
        threshold,
        used: table.used_as(threshold),
    }))
}
