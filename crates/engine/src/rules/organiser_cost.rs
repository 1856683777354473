//! The organiser's cost of own production or a purchased service (asiakasmaksulaki 12 § for
//! purchased services; `law/asiakasmaksulaki/12.md`): the price-list unit price × the quantity.
//! The client pays the same fee either way.

use super::{mul, Calc};
use crate::error::{EngineError, Result};
use crate::explain::{text, Msg};
use crate::money::{eur, num, round_cents};
use crate::scenario::{Production, ServiceLine};
use rust_decimal::Decimal;

pub fn organiser_cost(c: &mut Calc, line: &ServiceLine, f: &str, qty: Decimal, unit: Msg) -> Result<Decimal> {
    let prices = c.tariff.prices.get(&line.service).ok_or_else(|| EngineError::NotOffered {
        field: format!("{f}.service"),
        message: format!("the tariff has no price list entry for `{}`", line.service),
    })?;
    let (param, how) = match line.production {
        Production::Own => (&prices.own, "own"),
        Production::Purchased => (&prices.purchased, "purchased"),
        Production::Voucher => {
            return Err(EngineError::input(format!("{f}.production"), "voucher lines are priced by the voucher rule"))
        }
    };
    let param = param.as_ref().ok_or_else(|| EngineError::NotOffered {
        field: format!("{f}.production"),
        message: format!("`{}` is not offered as `{}` in this tariff", line.service, line.production.code()),
    })?;
    let price = *c.param(param)?;
    let cost = round_cents(mul(price, qty, f)?);
    c.step(
        "organiser.cost",
        text!(
            "step-organiser-cost",
            production = how,
            price = eur(price),
            quantity = num(qty),
            unit = unit,
            cost = eur(cost)
        ),
    )
    .val("unit_price", price)
    .val("quantity", qty)
    .result(cost);
    Ok(cost)
}
