//! Maksukatto (asiakasmaksulaki 6 a §): the fees of the listed services count toward a yearly
//! ceiling; after it the services are free for the rest of the calendar year, except that
//! short-term institutional care still costs the ylläpitomaksu per day.
//!
//! The estimate takes a 12-month view: the monthly package repeats for a year. With several
//! counting lines the ceiling is reached at the same point of the year for all of them
//! (fraction `ceiling / yearly counting fees`); from then on only the after-ceiling fees are
//! charged. How the day that crosses the ceiling is billed is not settled by the sources
//! (UNVERIFIED); this model charges it pro rata (`law/asiakasmaksulaki/6a.md`, `law/README.md`).

use super::Ctx;
use crate::error::Result;
use crate::explain::{text, Legal, Step};
use crate::money::{eur, round_cents};
use rust_decimal::Decimal;

/// Whether the service's fees count toward the ceiling on the date.
pub fn counts(ctx: &Ctx, code: &str) -> Result<bool> {
    let services = ctx.tariff.payment_ceiling.counting_services.at(ctx.date)?;
    Ok(services.iter().any(|c| c == code))
}

/// One counting line: (yearly fee without the ceiling, yearly units, after-ceiling fee per unit).
pub struct Counting {
    pub yearly_fee: Decimal,
    pub yearly_units: Decimal,
    pub after_per_unit: Decimal,
}

/// Yearly fees of the counting lines after the ceiling, in the same order, with the trace step.
pub fn apply(ctx: &Ctx, lines: &[Counting]) -> Result<(Vec<Decimal>, Option<Step>)> {
    let total: Decimal = lines.iter().map(|l| l.yearly_fee).sum();
    let yearly = ctx.tariff.payment_ceiling.yearly.at(ctx.date)?;
    let ceiling = *yearly;
    if total <= ceiling || total.is_zero() {
        return Ok((lines.iter().map(|l| l.yearly_fee).collect(), None));
    }
    let reached = ceiling / total; // fraction of the year before the ceiling
    let mut out = Vec::with_capacity(lines.len());
    let mut after_total = Decimal::ZERO;
    for l in lines {
        let before = l.yearly_fee * reached;
        let after = l.yearly_units * (Decimal::ONE - reached) * l.after_per_unit;
        after_total += after;
        out.push(round_cents(before + after));
    }
    let step = Step {
        key: "payment_ceiling.reached".into(),
        text: text!("step-payment-ceiling", total = eur(total), ceiling = eur(ceiling), after = eur(after_total)),
        values: vec![],
        params: vec![yearly.used()],
        legal: Some(Legal::from("asiakasmaksulaki 6 a §")),
        result: Some(round_cents(ceiling + after_total)),
    };
    Ok((out, Some(step)))
}
