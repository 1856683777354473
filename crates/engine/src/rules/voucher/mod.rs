//! Palveluseteli (palvelusetelilaki 569/2009; `law/palvelusetelilaki/`): the organiser gives the
//! client a voucher of a value (flat or income-related, `value.rs`; for 24-hour housing by net
//! income, `housing.rs`) to buy the service from an approved provider at the provider's price.
//! The organiser pays at most the provider's price. Two models:
//! - `copay` (`copay.rs`): the client pays the provider the price − the voucher value (omavastuu);
//! - `full_cover` (`full_cover.rs`): the client pays the ordinary fee to the organiser.

pub mod copay;
pub mod full_cover;
pub mod housing;
pub mod value;

use super::{income, mul, Calc, LineCalc};
use crate::error::{EngineError, Result};
use crate::money::round_cents;
use crate::scenario::ServiceLine;
use crate::tariff::{Voucher, VoucherModel};
use rust_decimal::Decimal;

pub const LEGAL: &str = "palvelusetelilaki 569/2009 7 §";

fn scheme<'a>(c: &Calc<'_, 'a>, line: &ServiceLine, f: &str) -> Result<&'a Voucher> {
    c.tariff.vouchers.get(&line.service).ok_or_else(|| {
        EngineError::not_offered(
            format!("{f}.production"),
            crate::error::Problem::NoVoucher { service: line.service.clone() },
        )
    })
}

fn provider_price(v: Option<Decimal>, field: String) -> Result<Decimal> {
    let p = v.ok_or_else(|| EngineError::problem(&field, crate::error::Problem::RequiredForVoucher))?;
    income::check_money(p, &field)?;
    Ok(p)
}

/// Applies a voucher of `value` per unit to a line whose ordinary fee is already in
/// `out.client_fee_monthly`: the organiser pays min(value, price) per unit.
fn apply(
    c: &mut Calc,
    v: &Voucher,
    value: Decimal,
    price: Decimal,
    qty: Decimal,
    f: &str,
    out: &mut LineCalc,
) -> Result<()> {
    let ordinary = out.client_fee_monthly;
    out.own_production_fee_monthly = Some(ordinary);
    let organiser_per_unit = value.min(price);
    let cost = round_cents(mul(organiser_per_unit, qty, f)?);
    out.organiser_cost_monthly = cost;
    out.voucher_value_monthly = Some(round_cents(mul(value, qty, f)?));
    let paid = copay::Paid { price, value, qty, organiser_per_unit, cost, ordinary };
    match v.model {
        VoucherModel::Copay => copay::apply(c, &paid, f, out),
        VoucherModel::FullCover => {
            full_cover::apply(c, &paid);
            Ok(())
        }
    }
}

/// Home care / communal housing by voucher, per hour.
pub fn per_hour(
    c: &mut Calc,
    line: &ServiceLine,
    f: &str,
    hours: Decimal,
    income: Decimal,
    out: &mut LineCalc,
) -> Result<()> {
    let v = scheme(c, line, f)?;
    let price = provider_price(line.provider_price_per_hour, format!("{f}.provider_price_per_hour"))?;
    let value = value::per_unit(c, v, &line.service, Some(income))?;
    out.voucher_value_per_hour = Some(value);
    apply(c, v, value, price, hours, f, out)
}

/// A per-unit service (support service, visit, day) by voucher.
pub fn per_unit(
    c: &mut Calc,
    line: &ServiceLine,
    f: &str,
    price: Option<Decimal>,
    price_field: &str,
    qty: Decimal,
    out: &mut LineCalc,
) -> Result<()> {
    let v = scheme(c, line, f)?;
    let price = provider_price(price, format!("{f}.{price_field}"))?;
    let value = value::per_unit(c, v, &line.service, None)?;
    apply(c, v, value, price, qty, f, out)
}
