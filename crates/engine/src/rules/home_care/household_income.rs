//! Perheen tulot (asiakasmaksulaki 10 f §, 10 g §; `law/asiakasmaksulaki/10f.md`, `10g.md`): the
//! gross monthly income of the client and the spouse, with the forest income share, minus the
//! deductions the tariff lists for the rule.

use crate::error::Result;
use crate::explain::text;
use crate::money::eur;
use crate::rules::income::{self, Basis};
use crate::rules::Calc;
use crate::tariff::HomeCare;
use rust_decimal::Decimal;

/// The household's counted gross income after the deductions of the home-care rule.
pub fn household_income<'a>(c: &mut Calc<'_, 'a>, hc: &'a HomeCare) -> Result<Decimal> {
    let hh = c.household;
    let mut gross = income::counted_income(c, &hh.client, "client", Basis::Gross)?;
    let mut ded = income::deductions(c, &hh.client, "client", &hc.deductions, "asiakasmaksulaki 10 g §")?;
    if let Some(sp) = &hh.spouse {
        gross += income::counted_income(c, sp, "spouse", Basis::Gross)?;
        ded += income::deductions(c, sp, "spouse", &hc.deductions, "asiakasmaksulaki 10 g §")?;
    }
    let net = gross - ded;
    c.step(
        "home_care.income",
        text!("step-home-care-income", gross = eur(gross), deductions = eur(ded), income = eur(net)),
    )
    .val("gross", gross)
    .val("deductions", ded)
    .legal("asiakasmaksulaki 10 f §, 10 g §")
    .result(net);
    Ok(net)
}
