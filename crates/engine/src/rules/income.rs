//! Counted income (asiakasmaksulaki 10 f § for home care; 10 b–10 c § for long-term care) and
//! the deductions (10 c §, 10 g §). Which deductions apply is a tariff parameter of each rule.

use super::Ctx;
use crate::error::{EngineError, Result};
use crate::explain::{Dotted, text, ParamUse, Trace};
use crate::money::{eur, num};
use crate::scenario::{DeductionKind, Person};
use crate::tariff::Param;
use rust_decimal::Decimal;

/// Upper bound of any single monthly income field: beyond this the input is taken as a typo.
pub const MAX_MONTHLY_INCOME: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);

/// Which income field a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Gross,
    Net,
}

/// One person's counted income before deductions: income field + forest income share.
pub fn counted_income(ctx: &Ctx, p: &Person, who: &str, basis: Basis, trace: &mut Trace) -> Result<Decimal> {
    let (field, base) = match basis {
        Basis::Gross => ("gross_income", p.gross_income),
        Basis::Net => ("net_income", p.net_income),
    };
    // check_money writes the field name only for an error
    check_money(base, format_args!("household.{who}.{field}"))?;
    check_money(p.forest_income_yearly, format_args!("household.{who}.forest_income_yearly"))?;
    let mut total = base;
    if !p.forest_income_yearly.is_zero() {
        let d = ctx.tariff.income.forest_income_percent.at("income.forest_income_percent", ctx.date)?;
        let monthly = p.forest_income_yearly * d.value / Decimal::from(100) / Decimal::from(12);
        total += monthly;
        trace
            .step("income.forest", text!(
                "Laskennallinen metsätulo {} vuodessa, josta huomioidaan {} % kuukautta kohden: {}",
                eur(p.forest_income_yearly), num(d.value), eur(monthly)))
            .val("forest_income_yearly", p.forest_income_yearly)
            .val("percent", d.value)
            .param(ParamUse::of("income.forest_income_percent", d, d.value))
            .legal("asiakasmaksulaki 10 f §")
            .result(monthly);
    }
    Ok(total)
}

/// The sum of the deductions listed in `rule_param` that the person has.
pub fn deductions(ctx: &Ctx, p: &Person, who: &str, rule_param: (Dotted, &Param<Vec<DeductionKind>>), legal: &'static str,
                  trace: &mut Trace) -> Result<Decimal> {
    let (name, param) = rule_param;
    let kinds = param.at(name, ctx.date)?;
    let mut sum = Decimal::ZERO;
    for kind in &kinds.value {
        let mut amount = p.deductions.get(*kind);
        check_money(amount, format_args!("household.{who}.deductions.{}", kind.field()))?;
        if amount.is_zero() {
            continue;
        }
        let step = trace.step(deduction_key(*kind), String::new());
        if *kind == DeductionKind::Guardianship {
            if let Some(cap) = &ctx.tariff.income.guardianship_cap {
                let c = cap.at("income.guardianship_cap", ctx.date)?;
                if amount > c.value {
                    amount = c.value;
                    step.param(ParamUse::of("income.guardianship_cap", c, c.value));
                }
            }
        }
        step.text = text!("Vähennys ({}): {}", deduction_name_fi(*kind), eur(amount));
        step.val("amount", amount).param(ParamUse::of(name, kinds, kind.field())).legal(legal).result(amount);
        sum += amount;
    }
    Ok(sum)
}

/// The trace key of a deduction step, `deduction.<field>` (a constant, not formatted).
fn deduction_key(k: DeductionKind) -> &'static str {
    match k {
        DeductionKind::Maintenance => "deduction.maintenance",
        DeductionKind::Guardianship => "deduction.guardianship",
        DeductionKind::Foreclosure => "deduction.foreclosure",
        DeductionKind::Compensation => "deduction.compensation",
        DeductionKind::Medicines => "deduction.medicines",
        DeductionKind::Housing => "deduction.housing",
    }
}

pub fn deduction_name_fi(k: DeductionKind) -> &'static str {
    match k {
        DeductionKind::Maintenance => "elatusapu ja vastaavat",
        DeductionKind::Guardianship => "edunvalvonnan palkkio",
        DeductionKind::Foreclosure => "ulosmittaus",
        DeductionKind::Compensation => "hyvitys",
        DeductionKind::Medicines => "lääkekulut",
        DeductionKind::Housing => "asumiskulut",
    }
}

/// Whether [`check_money`] accepts `v`.
pub fn money_ok(v: Decimal) -> bool {
    !(v.is_sign_negative() && !v.is_zero()) && v <= MAX_MONTHLY_INCOME
}

/// Money inputs are non-negative and below an absurd bound.
/// The field name is written only for an error.
pub fn check_money(v: Decimal, field: impl std::fmt::Display) -> Result<()> {
    if money_ok(v) {
        return Ok(());
    }
    if v.is_sign_negative() && !v.is_zero() {
        return Err(EngineError::input(field.to_string(), "must not be negative"));
    }
    if v > MAX_MONTHLY_INCOME {
        return Err(EngineError::input(field.to_string(), format!("must be at most {MAX_MONTHLY_INCOME}")));
    }
    Ok(())
}
