//! Counted income: the income field a fee rule uses (gross for home care, asiakasmaksulaki 10 f §;
//! net for long-term care, 10 b §) plus the calculated forest income, minus the deductions the
//! rule allows (10 c §, 10 g §). See `law/asiakasmaksulaki/10b.md`, `10c.md`, `10f.md`, `10g.md`.

pub mod deductions;
pub mod forest_income;
pub mod not_given;

pub use deductions::deductions;

use super::Calc;
use crate::error::{EngineError, Result};
use crate::scenario::Person;
use rust_decimal::Decimal;

/// Upper bound of any single monthly income field: beyond this the input is taken as a typo.
pub const MAX_MONTHLY_INCOME: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);

/// Which income field a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Gross,
    Net,
}

/// One person's counted income before deductions: the income field + the forest income share.
pub fn counted_income(c: &mut Calc, p: &Person, who: &str, basis: Basis) -> Result<Decimal> {
    let (field, base) = match basis {
        Basis::Gross => ("gross_income", p.gross_income),
        Basis::Net => ("net_income", p.net_income),
    };
    // check_money writes the field name only for an error
    check_money(base, format_args!("household.{who}.{field}"))?;
    check_money(p.forest_income_yearly, format_args!("household.{who}.forest_income_yearly"))?;
    Ok(base + forest_income::monthly(c, p.forest_income_yearly)?)
}

/// Whether [`check_money`] accepts `v`.
pub fn money_ok(v: Decimal) -> bool {
    (v.is_zero() || !v.is_sign_negative()) && v <= MAX_MONTHLY_INCOME
}

/// Money inputs are non-negative and below an absurd bound.
/// The field name is written only for an error.
pub fn check_money(v: Decimal, field: impl std::fmt::Display) -> Result<()> {
    if money_ok(v) {
        return Ok(());
    }
    if v.is_sign_negative() && !v.is_zero() {
        return Err(EngineError::problem(field.to_string(), crate::error::Problem::Negative));
    }
    Err(EngineError::problem(field.to_string(), crate::error::Problem::AtMost { max: MAX_MONTHLY_INCOME.to_string() }))
}
