//! A monthly fee by level (`full`, `partial`; e.g. meals in communal housing; asiakasmaksulaki
//! 10 h §, `law/asiakasmaksulaki/10h.md`).

use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::eur;
use crate::rules::Calc;
use crate::scenario::{MealLevel, ServiceLine};
use crate::tariff::{Param, SupportService};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn fee<'a>(
    c: &mut Calc<'_, 'a>,
    s: &'a SupportService,
    levels: &'a BTreeMap<String, Param<Decimal>>,
    line: &ServiceLine,
    f: &str,
) -> Result<Decimal> {
    let level =
        line.level.ok_or_else(|| EngineError::problem(format!("{f}.level"), crate::error::Problem::RequiredLevel))?;
    let key = match level {
        MealLevel::Full => "full",
        MealLevel::Partial => "partial",
    };
    let p = levels.get(key).ok_or_else(|| {
        EngineError::problem(format!("{f}.level"), crate::error::Problem::LevelNotOffered { value: key.to_string() })
    })?;
    let fee = *c.param(p)?;
    c.step("support.level", text!("step-support-level", service = &s.name, level = key, fee = eur(fee)))
        .legal(&s.legal_reference)
        .result(fee);
    Ok(fee)
}
