//! Pitkäaikainen ympärivuorokautinen palveluasuminen and pitkäaikainen laitoshoito
//! (asiakasmaksulaki 7 b–7 c §, 10 b–10 d §): the fee is at most 85 % of the client's net
//! monthly income after deductions; when the client lived with a spouse and has the higher
//! income, at most 42.5 % of the spouses' combined net income. The client must keep the
//! minimum käyttövara, and the fee may not exceed the cost of the service (2 §).

use super::income::{self, Basis};
use super::{Ctx, LineCalc, StatutoryKind};
use crate::error::{EngineError, Result};
use crate::explain::{Dotted, text, ParamUse, Trace};
use crate::money::{num, eur, non_negative, round_cents};
use crate::scenario::{LegalBasis, Production, ServiceLine};
use rust_decimal::Decimal;

const LEGAL: &str = "asiakasmaksulaki 7 c §";

/// One person's net income after the long-term deductions (and the HVA's flat medicine
/// deduction for the client in 24-hour housing).
fn net_after_deductions(ctx: &Ctx, who: &'static str, housing: bool, trace: &mut Trace) -> Result<(Decimal, Decimal)> {
    let ltc = &ctx.tariff.long_term_care;
    let p = if who == "client" { &ctx.household.client } else { ctx.household.spouse.as_ref().expect("caller checks") };
    let income = income::counted_income(ctx, p, who, Basis::Net, trace)?;
    let mut ded = income::deductions(ctx, p, who, (Dotted("long_term_care", "deductions"), &ltc.deductions), "asiakasmaksulaki 10 c §", trace)?;
    if housing && who == "client" {
        if let Some(fm) = &ltc.flat_medicine_deduction_housing {
            let d = fm.at("long_term_care.flat_medicine_deduction_housing", ctx.date)?;
            ded += d.value;
            trace.step("long_term.flat_medicine", text!("Lääkekulujen kiinteä vähennys: {}", eur(d.value)))
                .param(ParamUse::of("long_term_care.flat_medicine_deduction_housing", d, d.value))
                .result(d.value);
        }
    }
    let net = income - ded;
    let whom = if who == "client" { "Asiakkaan" } else { "Puolison" };
    trace.step("long_term.net_income", text!("{} nettotulot {} − vähennykset {} = {}", whom, eur(income), eur(ded), eur(net)))
        .val("who", who)
        .val("net_income", income)
        .val("deductions", ded)
        .legal("asiakasmaksulaki 10 b–10 c §")
        .result(net);
    Ok((income, net))
}

/// The monthly fee; returns (fee, client's net income after deductions).
pub fn fee(ctx: &Ctx, kind: StatutoryKind, line: &ServiceLine, f: &str, trace: &mut Trace) -> Result<(Decimal, Decimal)> {
    let ltc = &ctx.tariff.long_term_care;
    let housing = kind == StatutoryKind::RoundTheClockHousing;
    let (client_total, net_c) = net_after_deductions(ctx, "client", housing, trace)?;
    let (kv_name, kv_param) = if housing {
        ("long_term_care.minimum_funds_housing", &ltc.minimum_funds_housing)
    } else {
        ("long_term_care.minimum_funds_institution", &ltc.minimum_funds_institution)
    };
    let kv = kv_param.at(kv_name, ctx.date)?;
    let spouse_rule = match &ctx.household.spouse {
        Some(_) => {
            let (spouse_total, net_s) = net_after_deductions(ctx, "spouse", housing, trace)?;
            if ctx.household.spouse_in_long_term_care {
                trace.step("long_term.both_in_care", "Molemmat puolisot ovat pitkäaikaisessa ympärivuorokautisessa hoidossa: maksu määräytyy kummankin omista tuloista")
                    .legal("asiakasmaksulaki 7 c § 2 mom.");
                None
            } else if client_total > spouse_total {
                Some(net_s)
            } else {
                None
            }
        }
        None => None,
    };
    let mut fee;
    match spouse_rule {
        Some(net_s) => {
            let sp = ltc.spouse_percent.at("long_term_care.spouse_percent", ctx.date)?;
            let combined = net_c + net_s;
            fee = combined * sp.value / Decimal::from(100);
            trace.step("long_term.spouse_rule", text!(
                "Asiakkaan tulot ovat puolison tuloja suuremmat: {} % puolisoiden yhteenlasketuista nettotuloista {} = {}",
                num(sp.value), eur(combined), eur(fee)))
                .val("combined_net_income", combined)
                .val("percent", sp.value)
                .param(ParamUse::of("long_term_care.spouse_percent", sp, sp.value))
                .legal("asiakasmaksulaki 7 c § 2 mom.")
                .result(fee);
            if let Some(pp) = &ltc.spouse_protection_amount {
                let p = pp.at("long_term_care.spouse_protection_amount", ctx.date)?;
                let keep = kv.value + p.value;
                if combined - fee < keep {
                    fee = combined - keep;
                    trace.step("long_term.spouse_protection", text!(
                        "Puolisoille on jäätävä vähintään käyttövara {} + {} = {}; maksu enintään {}",
                        eur(kv.value), eur(p.value), eur(keep), eur(non_negative(fee))))
                        .param(ParamUse::of(kv_name, kv, kv.value))
                        .param(ParamUse::of("long_term_care.spouse_protection_amount", p, p.value))
                        .result(non_negative(fee));
                }
            }
            // 7 c §: the client's own käyttövara must remain in the 42.5 % case too, whether or
            // not the organiser also protects the couple.
            if net_c - fee < kv.value {
                fee = net_c - kv.value;
                trace.step("long_term.minimum_funds", text!(
                    "Asiakkaalle on jäätävä käyttövara {}; maksu enintään {}", eur(kv.value), eur(non_negative(fee))))
                    .param(ParamUse::of(kv_name, kv, kv.value))
                    .legal(LEGAL)
                    .result(non_negative(fee));
            }
        }
        None => {
            let cp = ltc.client_percent.at("long_term_care.client_percent", ctx.date)?;
            fee = net_c * cp.value / Decimal::from(100);
            trace.step("long_term.percent", text!("{} % asiakkaan nettotuloista {} = {}", num(cp.value), eur(net_c), eur(non_negative(fee))))
                .val("net_income", net_c)
                .val("percent", cp.value)
                .param(ParamUse::of("long_term_care.client_percent", cp, cp.value))
                .legal(LEGAL)
                .result(non_negative(fee));
            if net_c - fee < kv.value {
                fee = net_c - kv.value;
                trace.step("long_term.minimum_funds", text!(
                    "Asiakkaalle on jäätävä käyttövara {}; maksu enintään {} − {} = {}",
                    eur(kv.value), eur(net_c), eur(kv.value), eur(non_negative(fee))))
                    .param(ParamUse::of(kv_name, kv, kv.value))
                    .legal(LEGAL)
                    .result(non_negative(fee));
            }
        }
    }
    let mut fee = round_cents(non_negative(fee));
    let (cap_name, cap_param) = if housing {
        ("long_term_care.cost_cap_housing", &ltc.cost_cap_housing)
    } else {
        match line.legal_basis {
            Some(LegalBasis::SocialWelfare) => ("long_term_care.cost_cap_institution_social", &ltc.cost_cap_institution_social),
            Some(LegalBasis::HealthCare) => ("long_term_care.cost_cap_institution_health", &ltc.cost_cap_institution_health),
            None => return Err(EngineError::input(format!("{f}.legal_basis"), "is required: social_welfare or health_care")),
        }
    };
    let cap = cap_param.at(cap_name, ctx.date)?;
    if fee > cap.value {
        fee = cap.value;
        trace.step("long_term.cost_cap", text!("Maksu ei voi ylittää palvelun tuotantokustannusta: {}", eur(cap.value)))
            .param(ParamUse::of(cap_name, cap, cap.value))
            .legal("asiakasmaksulaki 2 §")
            .result(fee);
    }
    trace.step("long_term.fee", text!("Kuukausimaksu: {}", eur(fee))).legal(LEGAL).result(fee);
    Ok((fee, net_c))
}

pub fn calc(ctx: &Ctx, kind: StatutoryKind, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let mut trace = Trace::default();
    let (fee, net_c) = fee(ctx, kind, line, f, &mut trace)?;
    let mut out = LineCalc::with_fee(fee, trace);
    match line.production {
        Production::Own | Production::Purchased => {
            if line.provider_price_per_day.is_some() {
                return Err(EngineError::input(format!("{f}.provider_price_per_day"), "is used only with production = voucher"));
            }
            out.organiser_cost_monthly = super::voucher::organiser_cost(ctx, line, f, Decimal::ONE, "kk", &mut out.trace)?;
        }
        Production::Voucher => super::voucher::per_month(ctx, line, f, net_c, &mut out)?,
    }
    Ok(out)
}
