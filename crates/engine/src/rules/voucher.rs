//! The organiser's cost by production method and the service voucher (palvelusetelilaki
//! 569/2009). Own production and purchased services cost the price-list unit price × quantity;
//! the client pays the ordinary fee to the organiser. A voucher is either
//! - `copay`: the client pays the provider the price − the voucher value (omavastuu, 8 §), the
//!   organiser pays the voucher value but never more than the provider's price; or
//! - `full_cover`: the client pays the ordinary income-related fee to the organiser, which pays
//!   the provider the voucher value (at most the provider's price).

use super::{mul, Ctx, LineCalc};
use crate::error::{EngineError, Result};
use crate::explain::{Dotted, Dotted3, text, ParamUse, Trace};
use crate::money::{num, eur, non_negative, round_cents};
use crate::scenario::{Production, ServiceLine};
use crate::tariff::{Voucher, VoucherModel};
use rust_decimal::Decimal;

const LEGAL_VOUCHER: &str = "palvelusetelilaki 569/2009 7–8 §";

/// Price-list cost for own production or a purchased service: unit price × quantity.
pub fn organiser_cost(ctx: &Ctx, line: &ServiceLine, f: &str, qty: Decimal, unit_fi: &'static str, trace: &mut Trace) -> Result<Decimal> {
    let prices = ctx.tariff.prices.get(&line.service).ok_or_else(|| EngineError::NotOffered {
        field: format!("{f}.service"),
        message: format!("the tariff has no price list entry for `{}`", line.service),
    })?;
    let (param, name) = match line.production {
        Production::Own => (&prices.own, Dotted3("prices", &line.service, "own")),
        Production::Purchased => (&prices.purchased, Dotted3("prices", &line.service, "purchased")),
        Production::Voucher => unreachable_voucher(f)?,
    };
    let param = param.as_ref().ok_or_else(|| EngineError::NotOffered {
        field: format!("{f}.production"),
        message: format!("`{}` is not offered as `{}` in this tariff", line.service, line.production.code()),
    })?;
    let d = param.at(name, ctx.date)?;
    let cost = round_cents(mul(d.value, qty, f)?);
    let how = if line.production == Production::Own { "oma tuotanto" } else { "ostopalvelu" };
    trace
        .step("organiser.cost", text!(
            "Hyvinvointialueen kustannus ({}): {} × {} {} = {}", how, eur(d.value), num(qty), unit_fi, eur(cost)))
        .val("unit_price", d.value)
        .val("quantity", qty)
        .param(ParamUse::of(name, d, d.value))
        .result(cost);
    Ok(cost)
}

fn unreachable_voucher<T>(f: &str) -> Result<T> {
    Err(EngineError::input(format!("{f}.production"), "voucher lines are priced by the voucher rule"))
}

fn scheme<'a>(ctx: &Ctx<'a>, line: &ServiceLine, f: &str) -> Result<&'a Voucher> {
    ctx.tariff.vouchers.get(&line.service).ok_or_else(|| EngineError::NotOffered {
        field: format!("{f}.production"),
        message: format!("`{}` has no service voucher in this tariff", line.service),
    })
}

fn provider_price(v: Option<Decimal>, field: String) -> Result<Decimal> {
    let p = v.ok_or_else(|| EngineError::input(&field, "is required for a voucher"))?;
    super::income::check_money(p, &field)?;
    Ok(p)
}

/// The voucher value per unit: flat, or by the income-related formula (per hour).
fn value_per_unit(ctx: &Ctx, v: &Voucher, service: &str, known_income: Option<Decimal>, trace: &mut Trace) -> Result<Decimal> {
    let pfx = String::from(Dotted("vouchers", service));
    if let Some(flat) = &v.flat_value {
        let name = Dotted(&pfx, "flat_value");
        let d = flat.at(name, ctx.date)?;
        trace.step("voucher.flat_value", text!("Palvelusetelin arvo: {}", eur(d.value)))
            .param(ParamUse::of(name, d, d.value))
            .legal(LEGAL_VOUCHER)
            .result(d.value);
        return Ok(d.value);
    }
    let ir = v.income_related.as_ref().ok_or_else(|| EngineError::tariff("tariff", None, format!("{pfx}: no per-unit value")))?;
    let (hc, hpfx) = super::home_care::params(ctx, service);
    let income = match known_income {
        Some(i) => i,
        None => super::home_care::household_income(ctx, hc, hpfx, trace)?,
    };
    let persons = ctx.household.persons;
    let lim = hc.income_limit.at(Dotted(hpfx, "income_limit"), ctx.date)?;
    let limit = lim.value.for_persons(persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{hpfx}.income_limit.each_additional"), date: ctx.date.to_string() })?;
    let base = ir.base.at(Dotted(&pfx, "income_related.base"), ctx.date)?;
    let pct_t = ir.percent.at(Dotted(&pfx, "income_related.percent"), ctx.date)?;
    let pct = pct_t.value.for_persons(persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{pfx}.income_related.percent.each_additional"), date: ctx.date.to_string() })?;
    let div = ir.divisor.at(Dotted(&pfx, "income_related.divisor"), ctx.date)?;
    let mult = ir.multiplier.at(Dotted(&pfx, "income_related.multiplier"), ctx.date)?;
    let min = ir.min.at(Dotted(&pfx, "income_related.min"), ctx.date)?;
    let max = ir.max.at(Dotted(&pfx, "income_related.max"), ctx.date)?;
    if div.value.is_zero() {
        return Err(EngineError::tariff("tariff", None, format!("{pfx}.income_related.divisor is zero")));
    }
    let raw = (base.value - (income - limit) * pct / Decimal::from(100) / div.value) * mult.value;
    let value = round_cents(raw.max(min.value).min(max.value));
    trace
        .step("voucher.income_related", text!(
            "Tulosidonnainen setelin arvo: ({} − ({} − {}) × {} % ÷ {}) × {} = {}, rajattuna välille {}…{} → {}",
            num(base.value), num(income), num(limit), num(pct), num(div.value), num(mult.value),
            num(raw), num(min.value), num(max.value), eur(value)))
        .val("income", income)
        .val("limit", limit)
        .val("percent", pct)
        .param(ParamUse::of(Dotted(hpfx, "income_limit"), lim, limit))
        .param(ParamUse::of(Dotted(&pfx, "income_related.base"), base, base.value))
        .param(ParamUse::of(Dotted(&pfx, "income_related.percent"), pct_t, pct))
        .param(ParamUse::of(Dotted(&pfx, "income_related.divisor"), div, div.value))
        .param(ParamUse::of(Dotted(&pfx, "income_related.multiplier"), mult, mult.value))
        .param(ParamUse::of(Dotted(&pfx, "income_related.min"), min, min.value))
        .param(ParamUse::of(Dotted(&pfx, "income_related.max"), max, max.value))
        .legal(LEGAL_VOUCHER)
        .result(value);
    Ok(value)
}

/// Applies a per-unit voucher to a line whose ordinary fee is already in `out.client_fee_monthly`.
fn apply(ctx: &Ctx, v: &Voucher, value: Decimal, price: Decimal, qty: Decimal, f: &str, out: &mut LineCalc) -> Result<()> {
    let ordinary = out.client_fee_monthly;
    out.own_production_fee_monthly = Some(ordinary);
    let hva_unit = value.min(price);
    let cost = round_cents(mul(hva_unit, qty, f)?);
    out.organiser_cost_monthly = cost;
    out.voucher_value_monthly = Some(round_cents(mul(value, qty, f)?));
    let _ = ctx;
    match v.model {
        VoucherModel::Copay => {
            let client = round_cents(mul(non_negative(price - value), qty, f)?);
            out.client_fee_monthly = client;
            out.fee_to_organiser_monthly = Decimal::ZERO;
            out.trace
                .step("voucher.copay", text!(
                    "Omavastuu palveluntuottajalle: ({} − {}) × {} = {}; hyvinvointialue maksaa {} × {} = {} (ei yli tuottajan hinnan). Omana tuotantona maksu olisi {}.",
                    eur(price), eur(value), num(qty), eur(client), eur(hva_unit), num(qty),
                    eur(cost), eur(ordinary)))
                .val("provider_price", price)
                .val("voucher_value", value)
                .val("quantity", qty)
                .val("own_production_fee", ordinary)
                .legal("palvelusetelilaki 569/2009 8 §")
                .result(client);
        }
        VoucherModel::FullCover => {
            out.trace
                .step("voucher.full_cover", text!(
                    "Asiakas maksaa tavanomaisen maksun {} hyvinvointialueelle; hyvinvointialue maksaa tuottajalle {} × {} = {}.",
                    eur(ordinary), eur(hva_unit), num(qty), eur(cost)))
                .val("provider_price", price)
                .val("voucher_value", value)
                .val("quantity", qty)
                .legal(LEGAL_VOUCHER)
                .result(ordinary);
        }
    }
    Ok(())
}

/// Home care / communal housing by voucher, per hour.
pub fn per_hour(ctx: &Ctx, line: &ServiceLine, f: &str, hours: Decimal, income: Decimal, out: &mut LineCalc) -> Result<()> {
    let v = scheme(ctx, line, f)?;
    let price = provider_price(line.provider_price_per_hour, format!("{f}.provider_price_per_hour"))?;
    let value = value_per_unit(ctx, v, &line.service, Some(income), &mut out.trace)?;
    out.voucher_value_per_hour = Some(value);
    apply(ctx, v, value, price, hours, f, out)
}

/// A per-unit service (support service, visit, day) by voucher.
pub fn per_unit(ctx: &Ctx, line: &ServiceLine, f: &str, price: Option<Decimal>, price_field: &str, qty: Decimal,
                out: &mut LineCalc) -> Result<()> {
    let v = scheme(ctx, line, f)?;
    let price = provider_price(price, format!("{f}.{price_field}"))?;
    let value = value_per_unit(ctx, v, &line.service, None, &mut out.trace)?;
    apply(ctx, v, value, price, qty, f, out)
}

/// Long-term 24-hour housing by voucher: a monthly value by the client's net income against the
/// provider's daily price × days per month.
pub fn per_month(ctx: &Ctx, line: &ServiceLine, f: &str, net_income: Decimal, out: &mut LineCalc) -> Result<()> {
    let v = scheme(ctx, line, f)?;
    let pfx = String::from(Dotted("vouchers", &line.service));
    let daily = provider_price(line.provider_price_per_day, format!("{f}.provider_price_per_day"))?;
    let dpm_p = v.days_per_month.as_ref().ok_or_else(|| EngineError::tariff("tariff", None, format!("{pfx}.days_per_month is missing")))?;
    let dpm_name = Dotted(&pfx, "days_per_month");
    let dpm = dpm_p.at(dpm_name, ctx.date)?;
    let monthly_price = round_cents(dpm.value.apply(daily).ok_or_else(|| EngineError::Overflow { field: f.into() })?);
    out.trace
        .step("voucher.monthly_price", text!("Tuottajan hinta kuukaudessa: {} × {} päivää = {}", eur(daily), dpm.value, eur(monthly_price)))
        .val("daily_price", daily)
        .param(ParamUse::of(dpm_name, dpm, dpm.value))
        .result(monthly_price);
    let value = if let Some(t) = &v.by_net_income {
        let d = t.at(Dotted(&pfx, "by_net_income"), ctx.date)?;
        let row = d.value.lookup(net_income).ok_or_else(|| EngineError::tariff("tariff", None, format!("{pfx}.by_net_income is empty")))?;
        out.trace
            .step("voucher.by_net_income", text!("Setelin arvo nettotuloilla {}: {}", eur(net_income), eur(row.value)))
            .val("net_income", net_income)
            .param(ParamUse::of(Dotted(&pfx, "by_net_income"), d, format!("> {} → {}", row.above, row.value)))
            .legal(LEGAL_VOUCHER)
            .result(row.value);
        row.value
    } else {
        value_per_unit(ctx, v, &line.service, None, &mut out.trace)?
    };
    apply(ctx, v, value, monthly_price, Decimal::ONE, f, out)
}
