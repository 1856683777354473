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
    let ics = ctx.tariff.informal_care_support.as_ref().filter(|i| !i.classes.is_empty()).ok_or_else(|| {
        EngineError::NotOffered {
            field: format!("{f}.service"),
            message: "the tariff has no informal care support (omaishoidon tuki) section".into(),
        }
    })?;
    if line.production != Production::Own {
        return Err(EngineError::NotOffered {
            field: format!("{f}.production"),
            message: "informal care support is paid by the organiser: production must be `own`".into(),
        });
    }
    let class =
        line.care_class.as_deref().ok_or_else(|| EngineError::input(format!("{f}.care_class"), "is required"))?;
    let param = ics.classes.get(class).ok_or_else(|| {
        EngineError::input(
            format!("{f}.care_class"),
            format!(
                "unknown class `{class}`; the tariff has: {}",
                ics.classes.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
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
