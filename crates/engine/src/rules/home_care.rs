//! Jatkuva ja säännöllinen kotona annettava palvelu (asiakasmaksulaki 10 a–10 b §, 10 f–10 g §)
//! and yhteisöllinen asuminen (10 e §): a monthly fee that is a percentage of the household's
//! gross income over the income limit (tuloraja). The percentage depends on the planned service
//! hours per month and the family size; the fee may not exceed the cost of the service (2 §).

use super::income::{self, Basis};
use super::{mul, quantity, BandInfo, Ctx, LineCalc};
use crate::error::{EngineError, Result};
use crate::explain::{Dotted, text, ParamUse, Trace};
use crate::money::{push_decimal, num, eur, non_negative, round_cents};
use crate::scenario::{Production, ServiceLine};
use crate::tariff::{BandTable, HomeCare};
use rust_decimal::Decimal;

/// Hours in the longest month (31 × 24): more planned hours than this is an input error.
pub const MAX_HOURS_PER_MONTH: Decimal = Decimal::from_parts(744, 0, 0, false, 0);
const LEGAL: &str = "asiakasmaksulaki 10 b §";

/// The monthly income-related fee and its band, computed into `trace`.
pub struct HomeCareFee {
    pub fee: Decimal,
    /// The household's counted income after deductions (reused by the voucher formula).
    pub income: Decimal,
    pub hours: Decimal,
    pub band: BandInfo,
}

/// The parameter set (`home_care` or `communal_housing`) and its name prefix.
pub fn params<'a>(ctx: &Ctx<'a>, service: &str) -> (&'a HomeCare, &'static str) {
    match (service, &ctx.tariff.communal_housing) {
        ("communal_housing", Some(c)) => (c, "communal_housing"),
        _ => (&ctx.tariff.home_care, "home_care"),
    }
}

/// Planned monthly hours from the line: given directly, or from visits × minutes.
pub fn monthly_hours(ctx: &Ctx, line: &ServiceLine, f: &str, hc: &HomeCare, pfx: &str, trace: &mut Trace) -> Result<Decimal> {
    let visits = match (line.visits_per_week, line.visits_per_day) {
        (Some(_), Some(_)) => {
            return Err(EngineError::input(format!("{f}.visits_per_day"), "give visits_per_week or visits_per_day, not both"))
        }
        (Some(w), None) => Some((super::bounded(w, Dotted(f, "visits_per_week"), Decimal::from(7 * 24))?, "week")),
        (None, Some(d)) => Some((super::bounded(d, Dotted(f, "visits_per_day"), Decimal::from(24))? * Decimal::from(7), "day")),
        (None, None) => None,
    };
    match (line.hours_per_month, visits) {
        (Some(_), Some(_)) => Err(EngineError::input(
            format!("{f}.hours_per_month"),
            "give hours_per_month or visits with minutes_per_visit, not both",
        )),
        (Some(h), None) => {
            if line.minutes_per_visit.is_some() {
                return Err(EngineError::input(format!("{f}.minutes_per_visit"), "is used only with visits_per_week or visits_per_day"));
            }
            let h = quantity(Some(h), Dotted(f, "hours_per_month"), MAX_HOURS_PER_MONTH)?;
            trace.step("home_care.hours_given", text!("Suunnitellut palvelutunnit: {} h/kk", h))
                .val("hours_per_month", h).result(h);
            Ok(h)
        }
        (None, Some((per_week, _))) => {
            let minutes = quantity(line.minutes_per_visit, Dotted(f, "minutes_per_visit"), Decimal::from(24 * 60))?;
            let wpm_name = Dotted(pfx, "weeks_per_month");
            let wpm = hc.weeks_per_month.at(wpm_name, ctx.date)?;
            let weekly_hours = mul(per_week, minutes, f)? / Decimal::from(60);
            let h = wpm.value.apply(weekly_hours).ok_or_else(|| EngineError::Overflow { field: f.to_string() })?;
            if h > MAX_HOURS_PER_MONTH {
                return Err(EngineError::input(format!("{f}.visits_per_week"), "visits × minutes exceed the hours of a month"));
            }
            trace
                .step("home_care.hours_from_visits", text!(
                    "{} käyntiä viikossa × {} min = {} h/vko; × {} viikkoa/kk = {} h/kk",
                    num(per_week), num(minutes), num(weekly_hours), wpm.value,
                    num(h)))
                .val("visits_per_week", per_week)
                .val("minutes_per_visit", minutes)
                .val("weekly_hours", weekly_hours)
                .param(ParamUse::of(wpm_name, wpm, wpm.value))
                .result(h);
            Ok(h)
        }
        (None, None) => Err(EngineError::input(
            format!("{f}.hours_per_month"),
            "is required (or visits_per_week with minutes_per_visit)",
        )),
    }
}

/// The household's counted gross income after the deductions of the home-care rule.
pub fn household_income(ctx: &Ctx, hc: &HomeCare, pfx: &str, trace: &mut Trace) -> Result<Decimal> {
    let hh = ctx.household;
    let mut income = income::counted_income(ctx, &hh.client, "client", Basis::Gross, trace)?;
    let name = Dotted(pfx, "deductions");
    let mut ded = income::deductions(ctx, &hh.client, "client", (name, &hc.deductions), "asiakasmaksulaki 10 g §", trace)?;
    if let Some(sp) = &hh.spouse {
        income += income::counted_income(ctx, sp, "spouse", Basis::Gross, trace)?;
        ded += income::deductions(ctx, sp, "spouse", (name, &hc.deductions), "asiakasmaksulaki 10 g §", trace)?;
    }
    let net = income - ded;
    trace
        .step("home_care.income", text!(
            "Perheen bruttotulot {} − vähennykset {} = {}", eur(income), eur(ded), eur(net)))
        .val("gross", income)
        .val("deductions", ded)
        .legal("asiakasmaksulaki 10 f §, 10 g §")
        .result(net);
    Ok(net)
}

/// The income-related monthly fee (without production method).
pub fn fee(ctx: &Ctx, line: &ServiceLine, f: &str, trace: &mut Trace) -> Result<HomeCareFee> {
    let (hc, pfx) = params(ctx, &line.service);
    let hours = monthly_hours(ctx, line, f, hc, pfx, trace)?;
    let rounding_name = Dotted(pfx, "hours_rounding");
    let rounding = hc.hours_rounding.at(rounding_name, ctx.date)?;
    let rounded = rounding.value.apply(hours);
    trace
        .step("home_care.hours_rounded", text!("Maksuluokan tunnit pyöristettynä ({}): {} h/kk", rounding.value.name_fi(), num(rounded)))
        .val("hours", hours)
        .param(ParamUse::of(rounding_name, rounding, rounding.value.name_fi()))
        .result(rounded);

    let persons = ctx.household.persons;
    let table_name = Dotted(pfx, "percentages");
    let table = hc.percentages.at(table_name, ctx.date)?;
    let (idx, band) = table.value.band(rounded).ok_or_else(|| EngineError::tariff("tariff", None, format!("{table_name}: no band for {rounded} h")))?;
    let pct = BandTable::percent(band, persons).ok_or_else(|| EngineError::tariff("tariff", None, format!("{table_name}: no column")))?;
    let next = table.value.bands.get(idx + 1).map(|b| b.min_hours);
    trace
        .step("home_care.percent", text!(
            "Maksuprosentti {} h/kk ja {} henkilön perheelle: {} %", num(rounded), persons, num(pct)))
        .val("hours", rounded)
        .val("persons", persons)
        .val("percent", pct)
        .param(ParamUse::of(table_name, table, {
            // "{min_hours} h → {pct} %", without the formatting machinery
            let mut v = String::with_capacity(24);
            push_decimal(&mut v, band.min_hours);
            v.push_str(" h → ");
            push_decimal(&mut v, pct);
            v.push_str(" %");
            v
        }))
        .legal(LEGAL)
        .result(pct);

    let limit_name = Dotted(pfx, "income_limit");
    let lim = hc.income_limit.at(limit_name, ctx.date)?;
    let limit = lim.value.for_persons(persons).ok_or_else(|| EngineError::NotInForce {
        parameter: format!("{limit_name}.each_additional"),
        date: ctx.date.to_string(),
    })?;
    trace
        .step("home_care.income_limit", text!("Tuloraja {} henkilön perheelle: {}", persons, eur(limit)))
        .val("persons", persons)
        .param(ParamUse::of(limit_name, lim, limit))
        .legal(LEGAL)
        .result(limit);

    let income = household_income(ctx, hc, pfx, trace)?;
    let over = non_negative(income - limit);
    let raw = over * pct / Decimal::from(100);
    let rounded_fee = round_cents(raw);
    trace
        .step("home_care.fee", text!(
            "Tulorajan ylittävä osa {} × {} % = {} → {}", eur(over), num(pct), num(raw), eur(rounded_fee)))
        .val("income_over_limit", over)
        .val("percent", pct)
        .val("unrounded", raw)
        .legal(LEGAL)
        .result(rounded_fee);

    let mut cap = band.cap.map(|c| {
        let mut v = String::from("cap ");
        push_decimal(&mut v, c);
        (c, ParamUse::of(table_name, table, v))
    });
    if cap.is_none() {
        if let Some(p) = &hc.cost_cap_per_hour {
            let pname = Dotted(pfx, "cost_cap_per_hour");
            let d = p.at(pname, ctx.date)?;
            cap = Some((round_cents(d.value * rounded), ParamUse::of(pname, d, d.value)));
        }
    }
    let mut fee = if hours.is_zero() { Decimal::ZERO } else { rounded_fee };
    let mut capped = false;
    if let Some((c, pu)) = &cap {
        if fee > *c {
            fee = *c;
            capped = true;
            trace
                .step("home_care.cost_cap", text!("Maksu ei voi ylittää palvelun tuotantokustannusta: {}", eur(*c)))
                .param(pu.clone())
                .legal("asiakasmaksulaki 2 §")
                .result(fee);
        }
    }
    Ok(HomeCareFee {
        fee,
        income,
        hours,
        band: BandInfo {
            hours_exact: hours,
            hours_rounded: rounded,
            band_min_hours: band.min_hours,
            next_band_min_hours: next,
            percent: pct,
            cost_cap: cap.map(|c| c.0),
            capped,
        },
    })
}

/// A home-care or communal-housing line with its production method.
pub fn calc(ctx: &Ctx, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let mut trace = Trace::default();
    let hc = fee(ctx, line, f, &mut trace)?;
    let mut out = LineCalc::with_fee(hc.fee, trace);
    out.band = Some(hc.band);
    match line.production {
        Production::Own | Production::Purchased => {
            if line.provider_price_per_hour.is_some() {
                return Err(EngineError::input(format!("{f}.provider_price_per_hour"), "is used only with production = voucher"));
            }
            out.organiser_cost_monthly = super::voucher::organiser_cost(ctx, line, f, hc.hours, "h", &mut out.trace)?;
        }
        Production::Voucher => {
            super::voucher::per_hour(ctx, line, f, hc.hours, hc.income, &mut out)?;
        }
    }
    Ok(out)
}
