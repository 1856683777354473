//! Kuukausimaksu (asiakasmaksulaki 10 e §; `law/asiakasmaksulaki/10e.md`): the percentage of the
//! income over the limit, rounded to the cent once (`law/README.md`, rounding).

use super::percent::LEGAL;
use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, non_negative, num, round_cents};
use crate::rules::Calc;
use rust_decimal::Decimal;

pub fn fee(c: &mut Calc, income: Decimal, limit: Decimal, percent: Decimal) -> Result<Decimal> {
    let over = non_negative(income - limit);
    let raw = over * percent / Decimal::from(100);
    let fee = round_cents(raw);
    c.step(
        "home_care.fee",
        text!("step-home-care-fee", over = eur(over), percent = num(percent), unrounded = num(raw), fee = eur(fee)),
    )
    .val("income_over_limit", over)
    .val("percent", percent)
    .val("unrounded", raw)
    .legal(LEGAL)
    .result(fee);
    Ok(fee)
}
