//! Nettotulot (asiakasmaksulaki 10 b §, deductions 10 c–10 d §; `law/asiakasmaksulaki/10b.md`):
//! one person's net monthly income with the forest income share, minus the deductions of the
//! long-term rule and, for the client in 24-hour housing, the HVA's flat medicine deduction.

use crate::error::Result;
use crate::explain::text;
use crate::money::eur;
use crate::rules::income::{self, Basis};
use crate::rules::Calc;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Client,
    Spouse,
}

/// One person's income: as counted before deductions (compared in the spouse rule) and net.
pub struct Net {
    pub counted: Decimal,
    pub net: Decimal,
}

pub fn net_income(c: &mut Calc, who: Who, housing: bool) -> Result<Net> {
    let (p, key) = match (who, &c.household.spouse) {
        (Who::Spouse, Some(sp)) => (sp, "spouse"),
        _ => (&c.household.client, "client"),
    };
    let ltc = &c.tariff.long_term_care;
    let counted = income::counted_income(c, p, key, Basis::Net)?;
    let mut ded = income::deductions(c, p, key, &ltc.deductions, "asiakasmaksulaki 10 c §")?;
    if housing && who == Who::Client {
        if let Some(flat) = &ltc.flat_medicine_deduction_housing {
            let flat = *c.param(flat)?;
            ded += flat;
            c.step("long_term.flat_medicine", text!("step-flat-medicine", amount = eur(flat))).result(flat);
        }
    }
    let net = counted - ded;
    c.step(
        "long_term.net_income",
        text!("step-net-income", who = key, income = eur(counted), deductions = eur(ded), net = eur(net)),
    )
    .val("who", key)
    .val("net_income", counted)
    .val("deductions", ded)
    .legal("asiakasmaksulaki 10 b–10 c §")
    .result(net);
    Ok(Net { counted, net })
}
