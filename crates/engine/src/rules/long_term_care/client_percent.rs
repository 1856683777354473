//! Asiakkaan maksu (asiakasmaksulaki 7 c § 1 mom.; `law/asiakasmaksulaki/7c.md`): at most 85 %
//! (national `long_term_care.client_percent`) of the client's net income after deductions.

use super::LEGAL;
use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, non_negative, num};
use crate::rules::Calc;
use rust_decimal::Decimal;

pub fn fee(c: &mut Calc, net: Decimal) -> Result<Decimal> {
    let percent = *c.param(&c.tariff.long_term_care.client_percent)?;
    let fee = net * percent / Decimal::from(100);
    c.step(
        "long_term.percent",
        text!("step-long-term-percent", percent = num(percent), net = eur(net), fee = eur(non_negative(fee))),
    )
    .val("net_income", net)
    .val("percent", percent)
    .legal(LEGAL)
    .result(non_negative(fee));
    Ok(fee)
}
