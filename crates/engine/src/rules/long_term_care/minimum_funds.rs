//! Käyttövara (asiakasmaksulaki 7 c § 3 mom.; `law/asiakasmaksulaki/7c.md`): the client must keep
//! at least the minimum funds per month (national `long_term_care.minimum_funds_housing` /
//! `_institution`), also in the spouse-rule case.

use super::LEGAL;
use crate::explain::text;
use crate::money::{eur, non_negative};
use crate::rules::Calc;
use crate::tariff::Read;
use rust_decimal::Decimal;

/// The fee limited so that `net − fee ≥ käyttövara`; `with_arithmetic` writes the subtraction
/// out (the 85 % case).
pub fn apply(c: &mut Calc, kv: Read<'_, Decimal>, net: Decimal, fee: Decimal, with_arithmetic: bool) -> Decimal {
    if net - fee >= *kv {
        return fee;
    }
    let fee = net - *kv;
    c.show(kv.used());
    let text = if with_arithmetic {
        text!("step-minimum-funds-arithmetic", minimum = eur(*kv), net = eur(net), fee = eur(non_negative(fee)))
    } else {
        text!("step-minimum-funds", minimum = eur(*kv), fee = eur(non_negative(fee)))
    };
    c.step("long_term.minimum_funds", text).legal(LEGAL).result(non_negative(fee));
    fee
}
