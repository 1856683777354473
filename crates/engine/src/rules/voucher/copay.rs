//! Omavastuu (palvelusetelilaki 569/2009 3 §, 7 §; `law/palvelusetelilaki/7.md`): with a copay
//! voucher the client pays the provider the price − the voucher value; the organiser pays the
//! voucher value, never more than the provider's price. Shown beside what the client would pay
//! in own production.

use crate::error::Result;
use crate::explain::text;
use crate::money::{eur, non_negative, num, round_cents};
use crate::rules::{mul, Calc, LineCalc};
use rust_decimal::Decimal;

/// The figures of a voucher line: provider price and voucher value per unit, units, what the
/// organiser pays per unit and in all, and the ordinary (own-production) fee.
pub struct Paid {
    pub price: Decimal,
    pub value: Decimal,
    pub qty: Decimal,
    pub organiser_per_unit: Decimal,
    pub cost: Decimal,
    pub ordinary: Decimal,
}

pub fn apply(c: &mut Calc, p: &Paid, f: &str, out: &mut LineCalc) -> Result<()> {
    let client = round_cents(mul(non_negative(p.price - p.value), p.qty, f)?);
    out.client_fee_monthly = client;
    out.fee_to_organiser_monthly = Decimal::ZERO;
    c.step(
        "voucher.copay",
        text!(
            "step-voucher-copay",
            price = eur(p.price),
            value = eur(p.value),
            quantity = num(p.qty),
            copay = eur(client),
            organiser_per_unit = eur(p.organiser_per_unit),
            cost = eur(p.cost),
            ordinary = eur(p.ordinary)
        ),
    )
    .val("provider_price", p.price)
    .val("voucher_value", p.value)
    .val("quantity", p.qty)
    .val("own_production_fee", p.ordinary)
    .legal("palvelusetelilaki 569/2009 3 §, 7 §")
    .result(client);
    Ok(())
}
