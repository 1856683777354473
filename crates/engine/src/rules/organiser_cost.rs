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
    let prices = c.tariff.prices.get(&line.service).ok_or_else(|| {
        EngineError::not_offered(
            format!("{f}.service"),
            crate::error::Problem::NoPrice { service: line.service.clone() },
        )
    })?;
    let (param, how) = match line.production {
        Production::Own => (&prices.own, "own"),
        Production::Purchased => (&prices.purchased, "purchased"),
        Production::Voucher => {
            return Err(EngineError::problem(format!("{f}.production"), crate::error::Problem::VoucherRule))
        }
    };
    let param = param.as_ref().ok_or_else(|| {
        EngineError::not_offered(
            format!("{f}.production"),
            crate::error::Problem::NotOfferedAs {
                service: line.service.clone(),
                production: line.production.code().to_string(),
            },
        )
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
