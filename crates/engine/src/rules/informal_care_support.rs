//! Omaishoidon tuki (omaishoitolaki 937/2005 5 §; `law/omaishoitolaki/5.md`): the organiser pays
//! the carer the care allowance of the class decided (hoitopalkkio, at least the statutory
//! minimum); the cared-for client pays nothing.

use super::{Calc, Ctx, LineCalc};
use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::eur;
use crate::scenario::{Production, ServiceLine};
use rust_decimal::Decimal;

pub fn calc(ctx: &Ctx, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let ics = ctx
        .tariff
        .informal_care_support
        .as_ref()
        .filter(|i| !i.classes.is_empty())
        .ok_or_else(|| EngineError::not_offered(format!("{f}.service"), crate::error::Problem::NoInformalCare))?;
    if line.production != Production::Own {
        return Err(EngineError::not_offered(format!("{f}.production"), crate::error::Problem::InformalCareOwn));
    }
    let class = line
        .care_class
        .as_deref()
        .ok_or_else(|| EngineError::problem(format!("{f}.care_class"), crate::error::Problem::Required))?;
    let param = ics.classes.get(class).ok_or_else(|| {
        EngineError::problem(
            format!("{f}.care_class"),
            crate::error::Problem::UnknownClass {
                class: class.to_string(),
                classes: ics.classes.keys().cloned().collect::<Vec<_>>().join(", "),
            },
        )
    })?;
    let mut c = Calc::new(ctx);
    let allowance = *c.param(param)?;
    c.step(
        "informal_care_support.allowance",
        text!("step-care-allowance", class = &ics.class_name(class), allowance = eur(allowance)),
    )
    .legal("omaishoitolaki 937/2005 5 §")
    .result(allowance);
    let mut out = LineCalc::with_fee(Decimal::ZERO);
    out.organiser_cost_monthly = allowance;
    out.trace = c.finish();
    Ok(out)
}
