//! Maksuvapautukset: an organisation's own decision to waive fees it could charge
//! (asiakasmaksulaki 1 § — the organiser *may* charge; `law/asiakasmaksulaki/1.md`), dated in the
//! tariff's `exemptions` (`tariffs/<org>/exemptions.toml`). Päijät-Häme from 1.1.2026:
//!
//! | exemption | condition | waived |
//! |---|---|---|
//! | guarantee pension | `household.guarantee_pension` (on request) | its flat fees (tasamaksut) |
//! | specialist nurse visits | `specialist_nurse_visit` on the line, and regular home care or housing in the package | those visits |
//!
//! Only the fee the organisation invoices is waived (not a voucher's omavastuu to the provider);
//! a waived fee does not count toward the payment ceiling.

use super::{Calc, Ctx, LineCalc};
use crate::error::Result;
use crate::explain::text;
use crate::money::eur;
use crate::scenario::ServiceLine;
use crate::tariff::ExemptionCondition;
use rust_decimal::Decimal;

/// Waives the line's fee when an exemption of the tariff applies; the step goes to its trace.
pub fn apply(ctx: &Ctx, package: &[ServiceLine], line: &ServiceLine, out: &mut LineCalc) -> Result<()> {
    for e in ctx.tariff.exemptions.values() {
        let holds = match e.condition {
            ExemptionCondition::GuaranteePension => ctx.household.guarantee_pension,
            ExemptionCondition::SpecialistNurseVisit => line.specialist_nurse_visit,
        };
        if !holds || out.fee_to_organiser_monthly.is_zero() {
            continue;
        }
        let mut c = Calc::new(ctx);
        let services = c.read(&e.services)?;
        if !services.contains(&line.service) {
            continue;
        }
        if let Some(req) = &e.requires_package {
            let req = c.read(req)?;
            let Some(held) = package.iter().find(|l| req.contains(&l.service)) else { continue };
            c.show(req.used_as(held.service.clone()));
        }
        c.show(services.used_as(line.service.clone()));
        let waived = out.fee_to_organiser_monthly;
        out.client_fee_monthly = (out.client_fee_monthly - waived).max(Decimal::ZERO);
        out.fee_to_organiser_monthly = Decimal::ZERO;
        out.ceiling = None;
        c.step(
            e.condition.key(),
            text!("step-exemption", exemption = &e.name, waived = eur(waived), fee = eur(out.client_fee_monthly)),
        )
        .val("waived", waived)
        .legal(&e.legal_reference)
        .result(out.client_fee_monthly);
        out.trace.steps.extend(c.finish().steps);
    }
    Ok(())
}
