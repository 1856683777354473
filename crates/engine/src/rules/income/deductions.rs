//! Vähennykset (asiakasmaksulaki 10 c § for long-term care, 10 g § for home care;
//! `law/asiakasmaksulaki/10c.md`, `10g.md`): the deductions a rule lists in the tariff reduce
//! the income; the guardianship fee counts at most up to the tariff's cap where it sets one.

use super::check_money;
use crate::error::Result;
use crate::explain::{text, Msg};
use crate::money::eur;
use crate::rules::Calc;
use crate::scenario::{DeductionKind, Person};
use crate::tariff::Param;
use rust_decimal::Decimal;

/// The sum of the deductions listed in `kinds` that the person has, one step each.
pub fn deductions<'a>(
    c: &mut Calc<'_, 'a>,
    p: &Person,
    who: &str,
    kinds: &'a Param<Vec<DeductionKind>>,
    legal: &'static str,
) -> Result<Decimal> {
    let list = c.read(kinds)?;
    let mut sum = Decimal::ZERO;
    for kind in list.value() {
        let mut amount = p.deductions.get(*kind);
        check_money(amount, format_args!("household.{who}.deductions.{}", kind.field()))?;
        if amount.is_zero() {
            continue;
        }
        if *kind == DeductionKind::Guardianship {
            if let Some(cap) = &c.tariff.income.guardianship_cap {
                let cap = c.read(cap)?;
                if amount > *cap {
                    amount = *cap;
                    c.show(cap.used());
                }
            }
        }
        c.show(list.used_as(kind.field()));
        c.step(key(*kind), text!("step-deduction", kind = Msg(message(*kind)), amount = eur(amount)))
            .val("amount", amount)
            .legal(legal)
            .result(amount);
        sum += amount;
    }
    Ok(sum)
}

/// The trace key of a deduction step, `deduction.<field>` (a constant, not formatted).
fn key(k: DeductionKind) -> &'static str {
    match k {
        DeductionKind::Maintenance => "deduction.maintenance",
        DeductionKind::Guardianship => "deduction.guardianship",
        DeductionKind::Foreclosure => "deduction.foreclosure",
        DeductionKind::Compensation => "deduction.compensation",
        DeductionKind::Medicines => "deduction.medicines",
        DeductionKind::Housing => "deduction.housing",
    }
}

/// The message naming a deduction (`locales/*.ftl`).
pub fn message(k: DeductionKind) -> &'static str {
    match k {
        DeductionKind::Maintenance => "deduction-maintenance",
        DeductionKind::Guardianship => "deduction-guardianship",
        DeductionKind::Foreclosure => "deduction-foreclosure",
        DeductionKind::Compensation => "deduction-compensation",
        DeductionKind::Medicines => "deduction-medicines",
        DeductionKind::Housing => "deduction-housing",
    }
}
