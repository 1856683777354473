//! Maksun enimmäismäärä (asiakasmaksulaki 2 §; `law/asiakasmaksulaki/2.md`): the fee may not
//! exceed the cost of producing the service — the band's monthly maximum where the organisation
//! sets one, else its cost per hour × the rounded hours.

use super::percent::Band;
use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, push_decimal, round_cents};
use crate::rules::income::not_given;
use crate::rules::Calc;
use crate::tariff::HomeCare;
use rust_decimal::Decimal;

/// (the fee after the cap, the cap that applies, whether it limited the fee).
pub fn apply<'a>(
    c: &mut Calc<'_, 'a>,
    hc: &'a HomeCare,
    band: &Band<'a>,
    hours: Decimal,
    fee: Decimal,
) -> Result<(Decimal, Option<Decimal>, bool)> {
    let cap = match (band.cap, &hc.cost_cap_per_hour) {
        (Some(cap), _) => {
            let mut shown = String::from("cap ");
            push_decimal(&mut shown, cap);
            Some((cap, band.table.used_as(shown)))
        }
        (None, Some(per_hour)) => {
            let per_hour = c.read(per_hour)?;
            Some((round_cents(*per_hour * hours), per_hour.used()))
        }
        (None, None) => None,
    };
    let Some((cap, used)) = cap else {
        not_given::no_cost(c)?;
        return Ok((fee, None, false));
    };
    if not_given::applies(c) && !cap.is_zero() {
        return Ok((not_given::highest_fee(c, "home_care.cost_cap", cap, used), Some(cap), true));
    }
    if fee <= cap {
        return Ok((fee, Some(cap), false));
    }
    c.show(used);
    c.step("home_care.cost_cap", text!("step-cost-cap", cap = eur(cap))).legal("asiakasmaksulaki 2 §").result(cap);
    Ok((cap, Some(cap), true))
}
