//! Tukipalvelut from the organisation's catalogue (ateriapalvelu, turvapuhelin, kauppapalvelu,
//! siivous, kylvetys, kuljetus, päivätoiminta…): the HVA sets a reasonable fee (asiakasmaksulaki
//! 10 h §; `law/asiakasmaksulaki/10h.md`) — per unit, income-tiered or by level — and never
//! above the cost (2 §).

pub mod delivery;
pub mod fee_by_level;
pub mod fee_per_unit;
pub mod income_tiered;

use super::{quantity, Calc, CeilingUse, Ctx, LineCalc};
use crate::error::{EngineError, Result};
use crate::explain::Msg;
use crate::explain::{text, Dotted};
use crate::money::{eur, num};
use crate::scenario::{Production, ServiceLine};
use crate::tariff::{Quantity, Ratio, SupportService};
use rust_decimal::Decimal;

pub fn calc(ctx: &Ctx, s: &SupportService, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let mut allowed: Vec<&str> = vec!["provider_price_per_unit"];
    if let Some(q) = s.quantity.field() {
        allowed.push(q);
    }
    super::check_fields(line, f, &allowed)?;
    if line.production != Production::Voucher && line.provider_price_per_unit.is_some() {
        return Err(EngineError::problem(format!("{f}.provider_price_per_unit"), crate::error::Problem::VoucherOnly));
    }
    let mut c = Calc::new(ctx);
    let (units, unit, weekly) = units(&mut c, s, line, f)?;
    let fee = if let Some(p) = &s.fee_per_unit {
        let fee = fee_per_unit::fee(&mut c, s, p, units)?;
        match (&s.delivery, weekly) {
            (Some(d), Some((per_week, weeks))) => {
                let delivery = delivery::fee(&mut c, s, d, per_week, weeks, f)?;
                let total = fee + delivery;
                c.step(
                    "support.with_delivery",
                    text!(
                        "step-support-with-delivery",
                        service = &s.name,
                        fee = eur(fee),
                        delivery = eur(delivery),
                        total = eur(total)
                    ),
                )
                .legal(&s.legal_reference)
                .result(total);
                total
            }
            _ => fee,
        }
    } else if let Some(t) = &s.income_tiered {
        income_tiered::fee(&mut c, s, t)?
    } else if let Some(levels) = &s.fee_by_level {
        fee_by_level::fee(&mut c, s, levels, line, f)?
    } else {
        return Err(EngineError::tariff("tariff", None, format!("support_services.{}: no fee rule", line.service)));
    };
    let mut out = LineCalc::with_fee(fee);
    match line.production {
        Production::Own | Production::Purchased => {
            let cost = super::organiser_cost::organiser_cost(&mut c, line, f, units, unit)?;
            out.organiser_cost_monthly = cost;
            // 2 §: the fee never exceeds the cost of the service
            if out.client_fee_monthly > cost {
                out.client_fee_monthly = cost;
                out.fee_to_organiser_monthly = cost;
                c.step("support.cost_cap", text!("step-cost-cap", cap = eur(cost)))
                    .legal("asiakasmaksulaki 2 §")
                    .result(cost);
            }
        }
        Production::Voucher => {
            super::voucher::per_unit(
                &mut c,
                line,
                f,
                line.provider_price_per_unit,
                "provider_price_per_unit",
                units,
                &mut out,
            )?;
        }
    }
    if super::payment_ceiling::counts(&c, &line.service)? && line.production != Production::Voucher && !units.is_zero()
    {
        out.ceiling = Some(CeilingUse {
            units_per_month: units,
            fee_per_unit: out.client_fee_monthly / units,
            after_ceiling_per_unit: Decimal::ZERO,
        });
    }
    out.trace = c.finish();
    Ok(out)
}

/// Units per month from the line's quantity field (per week × the tariff's weeks per month), the
/// unit's name, and for a per-week quantity the units per week and the weeks per month.
type Units = (Decimal, Msg, Option<(Decimal, Ratio)>);

fn units<'a>(c: &mut Calc<'_, 'a>, s: &'a SupportService, line: &ServiceLine, f: &str) -> Result<Units> {
    Ok(match s.quantity {
        Quantity::Monthly | Quantity::Level => (Decimal::ONE, Msg("unit-months"), None),
        q if q.per_week() => {
            let field = q.field().unwrap_or_default();
            let raw = match q {
                Quantity::MealsPerWeek => line.meals_per_week,
                Quantity::TimesPerWeek => line.times_per_week,
                _ => line.days_per_week,
            };
            let max = if q == Quantity::DaysPerWeek { Decimal::from(7) } else { Decimal::from(7 * 6) };
            let per_week = quantity(raw, Dotted(f, field), max)?;
            let weeks = s.weeks_per_month.as_ref().ok_or_else(|| {
                EngineError::tariff(
                    "tariff",
                    None,
                    format!("support_services.{}.weeks_per_month missing", line.service),
                )
            })?;
            let weeks = *c.param(weeks)?;
            let units = weeks.apply(per_week).ok_or_else(|| EngineError::Overflow { field: f.into() })?;
            c.step(
                "support.units",
                text!("step-support-units", per_week = num(per_week), weeks = weeks, units = num(units)),
            )
            .val("per_week", per_week)
            .result(units);
            (units, Msg("unit-times"), Some((per_week, weeks)))
        }
        q => {
            let field = q.field().unwrap_or_default();
            let (raw, max) = match q {
                Quantity::DaysPerMonth => (line.days_per_month, Decimal::from(31)),
                Quantity::TimesPerMonth => (line.times_per_month, Decimal::from(31 * 6)),
                Quantity::VisitsPerMonth => (line.visits_per_month, Decimal::from(31 * 6)),
                _ => (line.hours_per_month, super::home_care::MAX_HOURS_PER_MONTH),
            };
            (quantity(raw, Dotted(f, field), max)?, Msg("unit-times"), None)
        }
    })
}
