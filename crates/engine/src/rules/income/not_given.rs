//! Tulotietoja ei anneta (asiakasmaksulaki 2 §; `law/asiakasmaksulaki/2.md`): when the client
//! gives no income information (scenario `household.income_not_given`), an income-related fee
//! cannot be computed from income, and the estimate uses the highest fee the law allows, the
//! cost of producing the service. This is Helsinki's convention for a client who does not
//! disclose income; the engine applies it only when the scenario asks for it, never because an
//! income is zero or missing.
//!
//! ```text
//! home care, communal housing    fee = the cost cap of the band or hours     home_care/cost_cap.rs
//! long-term care                 fee = the monthly production cost           long_term_care/cost_cap.rs
//! income-tiered support service  fee = the higher fee                        support_services/income_tiered.rs
//! income-related voucher         value = its minimum                         voucher/value.rs
//! ```
//!
//! A fee without a cost in the tariff, and a 24-hour housing voucher valued by net income, have
//! no highest fee: the estimate is an input error naming `household.income_not_given`.

use crate::error::{EngineError, Result};
use crate::explain::{text, ParamUse};
use crate::money::eur;
use crate::rules::{Calc, Ctx, StatutoryKind};
use crate::scenario::{DeductionKind, Household, Production, ServiceLine};
use rust_decimal::Decimal;

pub const FIELD: &str = "household.income_not_given";

/// Whether the scenario asks for the highest fee.
pub fn applies(c: &Calc) -> bool {
    c.household.income_not_given
}

/// The highest fee in place of the income-related one: the cost `cap`, shown as a step of `key`.
pub fn highest_fee(c: &mut Calc, key: &'static str, cap: Decimal, used: ParamUse) -> Decimal {
    c.show(used);
    c.step(key, text!("step-income-not-given", cap = eur(cap))).legal("asiakasmaksulaki 2 §").result(cap);
    cap
}

/// An income-related fee with no cost in the tariff: no highest fee can be named.
pub fn no_cost(c: &Calc) -> Result<()> {
    if applies(c) {
        return Err(EngineError::problem(FIELD, crate::error::Problem::NoHighestFeeCost));
    }
    Ok(())
}

/// With `income_not_given` the household gives no income and no deduction.
pub fn check(hh: &Household) -> Result<()> {
    if !hh.income_not_given {
        return Ok(());
    }
    let kinds = [
        DeductionKind::Maintenance,
        DeductionKind::Guardianship,
        DeductionKind::Foreclosure,
        DeductionKind::Compensation,
        DeductionKind::Medicines,
        DeductionKind::Housing,
    ];
    for p in std::iter::once(&hh.client).chain(&hh.spouse) {
        let given = [p.gross_income, p.net_income, p.forest_income_yearly]
            .into_iter()
            .chain(kinds.iter().map(|k| p.deductions.get(*k)))
            .any(|v| !v.is_zero());
        if given {
            return Err(EngineError::problem(FIELD, crate::error::Problem::IncomeNotGiven));
        }
    }
    Ok(())
}

/// A line whose highest fee is not defined: a long-term care voucher valued by net income.
pub fn check_line(ctx: &Ctx, line: &ServiceLine) -> Result<()> {
    if !ctx.household.income_not_given || line.production != Production::Voucher {
        return Ok(());
    }
    let long_term = matches!(
        StatutoryKind::from_code(&line.service),
        Some(StatutoryKind::RoundTheClockHousing | StatutoryKind::InstitutionalCare)
    );
    if long_term && ctx.tariff.vouchers.get(&line.service).is_some_and(|v| v.by_net_income.is_some()) {
        return Err(EngineError::problem(FIELD, crate::error::Problem::NoHighestFeeVoucher));
    }
    Ok(())
}
