//! Laskennallinen metsätulo (asiakasmaksulaki 10 b §, 10 f §; `law/asiakasmaksulaki/10f.md`):
//! the calculated yearly forest income counts as monthly income at the share the tariff sets.

use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, num};
use crate::rules::Calc;
use rust_decimal::Decimal;

/// The monthly income counted from `yearly` calculated forest income (0 when there is none).
pub fn monthly(c: &mut Calc, yearly: Decimal) -> Result<Decimal> {
    if yearly.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let percent = *c.param(&c.tariff.income.forest_income_percent)?;
    let monthly = yearly * percent / Decimal::from(100) / Decimal::from(12);
    c.step(
        "income.forest",
        text!("step-forest-income", yearly = eur(yearly), percent = num(percent), monthly = eur(monthly)),
    )
    .val("forest_income_yearly", yearly)
    .val("percent", percent)
    .legal("asiakasmaksulaki 10 f §")
    .result(monthly);
    Ok(monthly)
}
