//! A fee per delivery on top of the fee per unit (asiakasmaksulaki 10 h §,
//! `law/asiakasmaksulaki/10h.md`; e.g. Helsinki's meal delivery in 2025: 7.40 € a delivery, one
//! delivery a week up to three meals, otherwise two):
//!
//! ```text
//! deliveries/week  = the tariff's step table at the units per week (0 units → no delivery)
//! deliveries/month = deliveries/week × the service's weeks per month
//! fee              = fee per delivery × deliveries/month, rounded to the cent
//! ```

use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::{eur, num, round_cents};
use crate::rules::Calc;
use crate::tariff::{DeliveryFee, Ratio, SupportService};
use rust_decimal::Decimal;

pub fn fee<'a>(
    c: &mut Calc<'_, 'a>,
    s: &'a SupportService,
    d: &'a DeliveryFee,
    per_week: Decimal,
    weeks: Ratio,
    f: &str,
) -> Result<Decimal> {
    let table = c.read(&d.per_week)?;
    let deliveries = if per_week.is_zero() {
        Decimal::ZERO
    } else {
        let row = table
            .lookup(per_week)
            .ok_or_else(|| EngineError::tariff("tariff", None, format!("{} is empty", d.per_week.name())))?;
        c.show(table.used_as(format!("> {} → {}", row.above, row.value)));
        row.value
    };
    let monthly = weeks.apply(deliveries).ok_or_else(|| EngineError::Overflow { field: f.into() })?;
    let unit_fee = *c.param(&d.fee)?;
    let fee = round_cents(unit_fee * monthly);
    c.step(
        "support.delivery",
        text!(
            "step-support-delivery",
            service = &s.name,
            per_week = num(deliveries),
            weeks = weeks,
            per_month = num(monthly),
            unit_fee = eur(unit_fee),
            fee = eur(fee)
        ),
    )
    .val("deliveries_per_week", deliveries)
    .val("deliveries_per_month", monthly)
    .val("fee_per_delivery", unit_fee)
    .legal(&s.legal_reference)
    .result(fee);
    Ok(fee)
}
