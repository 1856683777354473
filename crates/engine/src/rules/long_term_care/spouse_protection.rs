//! Puolisoiden suoja (Helsinki's practice in the 7 c § 2 mom. case; legal basis UNVERIFIED, see
//! `law/asiakasmaksulaki/7c.md`): the couple keeps at least käyttövara + the organisation's
//! `long_term_care.spouse_protection_amount` (toimeentulotuen perusosa). An organisation without
//! the amount has no such rule.

use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, non_negative};
use crate::rules::Calc;
use crate::tariff::Read;
use rust_decimal::Decimal;

pub fn apply(c: &mut Calc, kv: Read<'_, Decimal>, combined: Decimal, fee: Decimal) -> Result<Decimal> {
    let Some(amount) = &c.tariff.long_term_care.spouse_protection_amount else { return Ok(fee) };
    let amount = c.read(amount)?;
    let keep = *kv + *amount;
    if combined - fee >= keep {
        return Ok(fee);
    }
    let fee = combined - keep;
    c.show(kv.used());
    c.show(amount.used());
    c.step(
        "long_term.spouse_protection",
        text!(
            "step-spouse-protection",
            minimum = eur(*kv),
            amount = eur(*amount),
            keep = eur(keep),
            fee = eur(non_negative(fee))
        ),
    )
    .result(non_negative(fee));
    Ok(fee)
}
