//! Tukipalvelut from the organisation's catalogue (ateriapalvelu, turvapuhelin, kauppapalvelu,
//! siivous, kylvetys, kuljetus, päivätoiminta…): the HVA sets the fee (asiakasmaksulaki 1 §,
//! 4 §), flat per unit, income-tiered or by level, and never above the cost (2 §).

use super::{quantity, Ctx, CeilingUse, LineCalc};
use crate::error::{EngineError, Result};
use crate::explain::{Dotted, text, ParamUse, Trace};
use crate::money::{num, eur, round_cents};
use crate::scenario::{MealLevel, Production, ServiceLine};
use crate::tariff::{Quantity, SupportService};
use rust_decimal::Decimal;

pub fn calc(ctx: &Ctx, s: &SupportService, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let code = &line.service;
    let pfx = format!("support_services.{code}");
    let mut allowed: Vec<&str> = vec!["provider_price_per_unit"];
    if let Some(q) = s.quantity.field() {
        allowed.push(q);
    }
    super::check_fields(line, f, &allowed)?;
    if line.production != Production::Voucher && line.provider_price_per_unit.is_some() {
        return Err(EngineError::input(format!("{f}.provider_price_per_unit"), "is used only with production = voucher"));
    }
    let mut trace = Trace::default();
    // Units per month.
    let (units, unit_fi) = match s.quantity {
        Quantity::Monthly | Quantity::Level => (Decimal::ONE, "kk"),
        q if q.per_week() => {
            let field = q.field().unwrap_or_default();
            let raw = match q {
                Quantity::MealsPerWeek => line.meals_per_week,
                Quantity::TimesPerWeek => line.times_per_week,
                _ => line.days_per_week,
            };
            let max = if q == Quantity::DaysPerWeek { Decimal::from(7) } else { Decimal::from(7 * 6) };
            let per_week = quantity(raw, Dotted(f, field), max)?;
            let wp = s.weeks_per_month.as_ref().ok_or_else(|| EngineError::tariff("tariff", None, format!("{pfx}.weeks_per_month missing")))?;
            let w_name = Dotted(&pfx, "weeks_per_month");
            let w = wp.at(w_name, ctx.date)?;
            let units = w.value.apply(per_week).ok_or_else(|| EngineError::Overflow { field: f.into() })?;
            trace.step("support.units", text!("{} kertaa viikossa × {} viikkoa/kk = {} kertaa/kk", num(per_week), w.value,
                num(units)))
                .val("per_week", per_week)
                .param(ParamUse::of(w_name, w, w.value))
                .result(units);
            (units, "kertaa")
        }
        q => {
            let field = q.field().unwrap_or_default();
            let (raw, max) = match q {
                Quantity::DaysPerMonth => (line.days_per_month, Decimal::from(31)),
                Quantity::TimesPerMonth => (line.times_per_month, Decimal::from(31 * 6)),
                Quantity::VisitsPerMonth => (line.visits_per_month, Decimal::from(31 * 6)),
                _ => (line.hours_per_month, super::home_care::MAX_HOURS_PER_MONTH),
            };
            (quantity(raw, Dotted(f, field), max)?, "kertaa")
        }
    };
    // The fee.
    let fee = if let Some(p) = &s.fee_per_unit {
        let name = Dotted(&pfx, "fee_per_unit");
        let d = p.at(name, ctx.date)?;
        let fee = round_cents(d.value * units);
        trace.step("support.fee", text!("{}: {} × {} = {}", &s.name, eur(d.value), num(units), eur(fee)))
            .val("unit_fee", d.value)
            .val("units", units)
            .param(ParamUse::of(name, d, d.value))
            .legal(&s.legal_reference)
            .result(fee);
        fee
    } else if let Some(t) = &s.income_tiered {
        let (hc, hpfx) = super::home_care::params(ctx, "home_care");
        let income = super::home_care::household_income(ctx, hc, hpfx, &mut trace)?;
        let lim = t.limit.at(Dotted(&pfx, "income_tiered.limit"), ctx.date)?;
        let limit = lim.value.for_persons(ctx.household.persons).ok_or_else(|| EngineError::NotInForce {
            parameter: format!("{pfx}.income_tiered.limit.each_additional"), date: ctx.date.to_string() })?;
        let (which, d) = if income <= limit {
            ("low", t.low.at(Dotted(&pfx, "income_tiered.low"), ctx.date)?)
        } else {
            ("high", t.high.at(Dotted(&pfx, "income_tiered.high"), ctx.date)?)
        };
        let fee = d.value;
        trace.step("support.income_tiered", text!("{}: tulot {} {} tulorajan {} → {} kuukaudessa", &s.name, eur(income),
            if which == "low" { "enintään" } else { "yli" }, eur(limit), eur(fee)))
            .val("income", income)
            .val("limit", limit)
            .param(ParamUse::of(Dotted(&pfx, "income_tiered.limit"), lim, limit))
            .param(ParamUse::of(format!("{pfx}.income_tiered.{which}"), d, d.value))
            .legal(&s.legal_reference)
            .result(fee);
        fee
    } else {
        let levels = s.fee_by_level.as_ref().ok_or_else(|| EngineError::tariff("tariff", None, format!("{pfx}: no fee rule")))?;
        let level = line.level.ok_or_else(|| EngineError::input(format!("{f}.level"), "is required: full or partial"))?;
        let key = match level { MealLevel::Full => "full", MealLevel::Partial => "partial" };
        let p = levels.get(key).ok_or_else(|| EngineError::input(format!("{f}.level"), format!("`{key}` is not offered")))?;
        let name = format!("{pfx}.fee_by_level.{key}");
        let d = p.at(&name, ctx.date)?;
        trace.step("support.level", text!("{} ({}): {} kuukaudessa", &s.name, key, eur(d.value)))
            .param(ParamUse::of(&name, d, d.value))
            .legal(&s.legal_reference)
            .result(d.value);
        d.value
    };
    let mut out = LineCalc::with_fee(fee, trace);
    match line.production {
        Production::Own | Production::Purchased => {
            let cost = super::voucher::organiser_cost(ctx, line, f, units, unit_fi, &mut out.trace)?;
            out.organiser_cost_monthly = cost;
            if out.client_fee_monthly > cost {
                out.client_fee_monthly = cost;
                out.fee_to_organiser_monthly = cost;
                out.trace.step("support.cost_cap", text!("Maksu ei voi ylittää palvelun tuotantokustannusta: {}", eur(cost)))
                    .legal("asiakasmaksulaki 2 §")
                    .result(cost);
            }
        }
        Production::Voucher => {
            super::voucher::per_unit(ctx, line, f, line.provider_price_per_unit, "provider_price_per_unit", units, &mut out)?;
        }
    }
    if super::payment_ceiling::counts(ctx, code)? && line.production != Production::Voucher && !units.is_zero() {
        out.ceiling = Some(CeilingUse { units_per_month: units, fee_per_unit: out.client_fee_monthly / units, after_ceiling_per_unit: Decimal::ZERO });
    }
    Ok(out)
}
