//! Flat statutory fees per day or per visit (national maximums, `tariffs/national/flat_fees.toml`):
//!
//! | service | fee | law |
//! |---|---|---|
//! | `short_term_care` | per care day | asetus 912/1992 12 § (`law/asiakasmaksuasetus/12.md`), maksukatto 6 a § |
//! | `day_night_care` | per day | asetus 912/1992 13 § (`law/asiakasmaksuasetus/13.md`) |
//! | `temporary_home_nursing` | per visit, doctor or nurse | asetus 912/1992 3 § (`law/asiakasmaksuasetus/3.md`) |
//! | `informal_care_leave` | per day of the carer's leave | asiakasmaksulaki 6 b § (`law/asiakasmaksulaki/6b.md`) |
//!
//! fee = unit fee × quantity, rounded to the cent; whether it counts toward the payment ceiling
//! is the national list `payment_ceiling.counting_services`.

use super::{quantity, Calc, CeilingUse, Ctx, LineCalc, StatutoryKind};
use crate::error::{EngineError, Result};
use crate::explain::{text, Dotted, Msg};
use crate::money::{eur, num, round_cents};
use crate::scenario::{Production, ServiceLine};
use crate::tariff::Param;
use rust_decimal::Decimal;

/// One flat-fee service: its quantity, unit, fee parameter, legal reference and voucher price.
struct Kind<'a> {
    qty: Decimal,
    unit: Msg,
    fee: &'a Param<Decimal>,
    legal: &'static str,
    price_field: &'static str,
    price: Option<Decimal>,
}

fn kind<'a>(ctx: &Ctx<'a>, kind: StatutoryKind, line: &ServiceLine, f: &str) -> Result<Kind<'a>> {
    let ff = &ctx.tariff.flat_fees;
    let days = || quantity(line.days_per_month, Dotted(f, "days_per_month"), Decimal::from(31));
    let per_day = |qty, unit, fee, legal| Kind {
        qty,
        unit,
        fee,
        legal,
        price_field: "provider_price_per_day",
        price: line.provider_price_per_day,
    };
    Ok(match kind {
        StatutoryKind::ShortTermCare => per_day(
            days()?,
            Msg("unit-care-days"),
            &ff.short_term_care_per_day,
            "asetus 912/1992 12 §; asiakasmaksulaki 6 a §",
        ),
        StatutoryKind::DayNightCare => {
            per_day(days()?, Msg("unit-days"), &ff.day_night_care_per_day, "asetus 912/1992 13 §")
        }
        StatutoryKind::InformalCareLeave => {
            per_day(days()?, Msg("unit-days"), &ff.informal_care_leave_per_day, "asiakasmaksulaki 6 b §")
        }
        StatutoryKind::TemporaryHomeNursing => {
            let fee = match line.staff.as_deref() {
                None | Some("nurse") => &ff.temporary_home_nursing_nurse_per_visit,
                Some("doctor") => &ff.temporary_home_nursing_doctor_per_visit,
                Some(other) => {
                    return Err(EngineError::problem(
                        format!("{f}.staff"),
                        crate::error::Problem::Staff { value: other.to_string() },
                    ))
                }
            };
            Kind {
                qty: quantity(line.visits_per_month, Dotted(f, "visits_per_month"), Decimal::from(62))?,
                unit: Msg("unit-visits"),
                fee,
                legal: "asetus 912/1992 3 §",
                price_field: "provider_price_per_unit",
                price: line.provider_price_per_unit,
            }
        }
        _ => return Err(EngineError::problem(format!("{f}.service"), crate::error::Problem::NotFlatFee)),
    })
}

pub fn calc(ctx: &Ctx, kind: StatutoryKind, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let k = self::kind(ctx, kind, line, f)?;
    let mut c = Calc::new(ctx);
    let unit_fee = *c.param(k.fee)?;
    let fee = round_cents(unit_fee * k.qty);
    c.step(
        String::from(Dotted(kind.code(), "fee")),
        text!("step-flat-fee", unit_fee = eur(unit_fee), quantity = num(k.qty), unit = k.unit, fee = eur(fee)),
    )
    .val("unit_fee", unit_fee)
    .val("quantity", k.qty)
    .legal(k.legal)
    .result(fee);
    let counts = super::payment_ceiling::counts(&c, kind.code())?;
    let after = if kind == StatutoryKind::ShortTermCare {
        *c.read(&c.tariff.flat_fees.short_term_care_after_ceiling_per_day)?.value()
    } else {
        Decimal::ZERO
    };
    let mut out = LineCalc::with_fee(fee);
    out.ceiling =
        counts.then_some(CeilingUse { units_per_month: k.qty, fee_per_unit: unit_fee, after_ceiling_per_unit: after });
    match line.production {
        Production::Own | Production::Purchased => {
            if k.price.is_some() {
                return Err(EngineError::problem(format!("{f}.{}", k.price_field), crate::error::Problem::VoucherOnly));
            }
            out.organiser_cost_monthly = super::organiser_cost::organiser_cost(&mut c, line, f, k.qty, k.unit)?;
        }
        Production::Voucher => {
            super::voucher::per_unit(&mut c, line, f, k.price, k.price_field, k.qty, &mut out)?;
            if kind == StatutoryKind::InformalCareLeave {
                leave_copay_cap(&mut c, fee, &mut out);
            }
            // A copay voucher's omavastuu does not count toward the payment ceiling (asiakasmaksulaki
            // 6 a §, law/asiakasmaksulaki/6a.md); with a full-cover voucher the client pays the
            // statutory fee to the organiser, which counts as in own production.
            if out.fee_to_organiser_monthly.is_zero() {
                out.ceiling = None;
            }
        }
    }
    out.trace = c.finish();
    Ok(out)
}

/// Asiakasmaksulaki 6 b § (`law/asiakasmaksulaki/6b.md`): during the informal carer's leave the
/// cared-for person pays at most the flat amount per leave day, also as a voucher's omavastuu;
/// the organiser pays the rest of the provider's price.
fn leave_copay_cap(c: &mut Calc, cap: Decimal, out: &mut LineCalc) {
    if !out.fee_to_organiser_monthly.is_zero() || out.client_fee_monthly <= cap {
        return;
    }
    let over = out.client_fee_monthly - cap;
    out.client_fee_monthly = cap;
    out.organiser_cost_monthly += over;
    c.step("voucher.leave_cap", text!("step-voucher-leave-cap", cap = eur(cap), over = eur(over)))
        .val("over", over)
        .legal("asiakasmaksulaki 6 b §")
        .result(cap);
}
