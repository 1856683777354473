//! Flat statutory fees (asetus 912/1992, asiakasmaksulaki 6 b §) charged per day or per visit:
//! lyhytaikainen laitoshoito (`short_term_care`), päivä- ja yöhoito (`day_night_care`),
//! tilapäinen kotisairaanhoito (`temporary_home_nursing`), omaishoitajan vapaan ajan palvelut
//! (`informal_care_leave`); and omaishoidon tuki (`informal_care_support`), where the organiser
//! pays the carer's care allowance and the client pays nothing.

use super::{quantity, Ctx, CeilingUse, LineCalc, StatutoryKind};
use crate::error::{EngineError, Result};
use crate::explain::{Dotted, text, ParamUse, Trace};
use crate::money::{num, eur, round_cents};
use crate::scenario::{Production, ServiceLine};
use rust_decimal::Decimal;

pub fn calc(ctx: &Ctx, kind: StatutoryKind, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    if kind == StatutoryKind::InformalCareSupport {
        return informal_care_support(ctx, line, f);
    }
    let ff = &ctx.tariff.flat_fees;
    let mut trace = Trace::default();
    let (qty, unit_fi, name, param, legal, price_field, price) = match kind {
        StatutoryKind::ShortTermCare => (
            quantity(line.days_per_month, Dotted(f, "days_per_month"), Decimal::from(31))?,
            "hoitopäivää", "flat_fees.short_term_care_per_day", &ff.short_term_care_per_day,
            "asetus 912/1992 12 §; asiakasmaksulaki 6 a §", "provider_price_per_day", line.provider_price_per_day,
        ),
        StatutoryKind::DayNightCare => (
            quantity(line.days_per_month, Dotted(f, "days_per_month"), Decimal::from(31))?,
            "vuorokautta", "flat_fees.day_night_care_per_day", &ff.day_night_care_per_day,
            "asetus 912/1992 13 §", "provider_price_per_day", line.provider_price_per_day,
        ),
        StatutoryKind::InformalCareLeave => (
            quantity(line.days_per_month, Dotted(f, "days_per_month"), Decimal::from(31))?,
            "vuorokautta", "flat_fees.informal_care_leave_per_day", &ff.informal_care_leave_per_day,
            "asiakasmaksulaki 6 b §", "provider_price_per_day", line.provider_price_per_day,
        ),
        StatutoryKind::TemporaryHomeNursing => {
            let doctor = match line.staff.as_deref() {
                None | Some("nurse") => false,
                Some("doctor") => true,
                Some(other) => return Err(EngineError::input(format!("{f}.staff"), format!("`{other}` is not doctor or nurse"))),
            };
            let (name, param) = if doctor {
                ("flat_fees.temporary_home_nursing_doctor_per_visit", &ff.temporary_home_nursing_doctor_per_visit)
            } else {
                ("flat_fees.temporary_home_nursing_nurse_per_visit", &ff.temporary_home_nursing_nurse_per_visit)
            };
            (
                quantity(line.visits_per_month, Dotted(f, "visits_per_month"), Decimal::from(62))?,
                "käyntiä", name, param, "asetus 912/1992 3 §", "provider_price_per_unit", line.provider_price_per_unit,
            )
        }
        _ => unreachable!("flat_fee::calc is called only for flat-fee kinds"),
    };
    let d = param.at(name, ctx.date)?;
    let fee = round_cents(d.value * qty);
    trace.step(String::from(Dotted(kind.code(), "fee")), text!("{} × {} {} = {}", eur(d.value), num(qty), unit_fi, eur(fee)))
        .val("unit_fee", d.value)
        .val("quantity", qty)
        .param(ParamUse::of(name, d, d.value))
        .legal(legal)
        .result(fee);
    let counts = super::payment_ceiling::counts(ctx, kind.code())?;
    let after = if kind == StatutoryKind::ShortTermCare {
        ff.short_term_care_after_ceiling_per_day.at("flat_fees.short_term_care_after_ceiling_per_day", ctx.date)?.value
    } else {
        Decimal::ZERO
    };
    let mut out = LineCalc::with_fee(fee, trace);
    out.ceiling = counts.then_some(CeilingUse { units_per_month: qty, fee_per_unit: d.value, after_ceiling_per_unit: after });
    match line.production {
        Production::Own | Production::Purchased => {
            if price.is_some() {
                return Err(EngineError::input(format!("{f}.{price_field}"), "is used only with production = voucher"));
            }
            out.organiser_cost_monthly = super::voucher::organiser_cost(ctx, line, f, qty, unit_fi, &mut out.trace)?;
        }
        Production::Voucher => {
            super::voucher::per_unit(ctx, line, f, price, price_field, qty, &mut out)?;
            // A copay voucher's omavastuu does not count toward the payment ceiling
            // (fees-law.md §5); with a full-cover voucher the client pays the statutory fee to
            // the organiser, which counts as in own production.
            if out.fee_to_organiser_monthly.is_zero() {
                out.ceiling = None;
            }
        }
    }
    Ok(out)
}

fn informal_care_support(ctx: &Ctx, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let ics = ctx.tariff.informal_care_support.as_ref().ok_or_else(|| EngineError::NotOffered {
        field: format!("{f}.service"),
        message: "the tariff has no informal care support (omaishoidon tuki) section".into(),
    })?;
    if line.production != Production::Own {
        return Err(EngineError::NotOffered {
            field: format!("{f}.production"),
            message: "informal care support is paid by the organiser: production must be `own`".into(),
        });
    }
    let class = line.care_class.as_deref().ok_or_else(|| EngineError::input(format!("{f}.care_class"), "is required"))?;
    let param = ics.classes.get(class).ok_or_else(|| EngineError::input(
        format!("{f}.care_class"),
        format!("unknown class `{class}`; the tariff has: {}", ics.classes.keys().cloned().collect::<Vec<_>>().join(", ")),
    ))?;
    let name = format!("informal_care_support.classes.{class}");
    let d = param.at(&name, ctx.date)?;
    let mut trace = Trace::default();
    trace.step("informal_care_support.allowance", text!(
        "Omaishoidon tuen hoitopalkkio (luokka {}): {} kuukaudessa; asiakkaalle ei maksua", class.to_string(), eur(d.value)))
        .param(ParamUse::of(&name, d, d.value))
        .legal("omaishoitolaki 937/2005 5 §")
        .result(d.value);
    let mut out = LineCalc::with_fee(Decimal::ZERO, trace);
    out.organiser_cost_monthly = d.value;
    Ok(out)
}
