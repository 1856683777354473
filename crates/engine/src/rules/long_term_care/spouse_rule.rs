//! Puolisosääntö (asiakasmaksulaki 7 c § 2 mom.; `law/asiakasmaksulaki/7c.md`): when the client
//! lived with a spouse immediately before and has the higher income, the fee is at most 42.5 %
//! (national `long_term_care.spouse_percent`) of the spouses' combined net income. When both
//! spouses are in long-term 24-hour care, each pays by their own income.

use super::net_income::{self, Who};
use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, num};
use crate::rules::Calc;
use rust_decimal::Decimal;

/// The spouse's net income when the spouse rule applies (the client's income before deductions
/// is higher than the spouse's), else `None`.
pub fn applies(c: &mut Calc, client_counted: Decimal, housing: bool) -> Result<Option<Decimal>> {
    if c.household.spouse.is_none() {
        return Ok(None);
    }
    let spouse = net_income::net_income(c, Who::Spouse, housing)?;
    if c.household.spouse_in_long_term_care {
        c.step("long_term.both_in_care", text!("step-both-in-care")).legal("asiakasmaksulaki 7 c § 2 mom.");
        return Ok(None);
    }
    Ok((client_counted > spouse.counted).then_some(spouse.net))
}

pub fn fee(c: &mut Calc, client_net: Decimal, spouse_net: Decimal) -> Result<Decimal> {
    let percent = *c.param(&c.tariff.long_term_care.spouse_percent)?;
    let combined = client_net + spouse_net;
    let fee = combined * percent / Decimal::from(100);
    c.step(
        "long_term.spouse_rule",
        text!("step-spouse-rule", percent = num(percent), combined = eur(combined), fee = eur(fee)),
    )
    .val("combined_net_income", combined)
    .val("percent", percent)
    .legal("asiakasmaksulaki 7 c § 2 mom.")
    .result(fee);
    Ok(fee)
}
