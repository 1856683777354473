//! Jatkuva ja säännöllinen kotona annettava palvelu and yhteisöllinen asuminen
//! (asiakasmaksulaki 10 e §, income 10 f §, deductions 10 g §; `law/asiakasmaksulaki/10e.md`):
//! a monthly fee that is a percentage of the household's gross income over the income limit
//! (tuloraja). The percentage depends on the planned service hours per month and the family
//! size; the fee may not exceed the cost of the service (2 §).
//!
//! ```text
//! hours   = planned hours per month, rounded as the tariff says        hours.rs
//! percent = table[hours band][family size]                              percent.rs
//! limit   = income_limit[family size]                                   income_limit.rs
//! income  = household gross income − deductions                         household_income.rs
//! fee     = round_cents(max(0, income − limit) × percent / 100)         fee.rs
//! fee     = min(fee, cost of the service)                               cost_cap.rs
//! ```

pub mod cost_cap;
pub mod fee;
pub mod hours;
pub mod household_income;
pub mod income_limit;
pub mod percent;

pub use hours::MAX_HOURS_PER_MONTH;

use super::{BandInfo, Calc, Ctx, LineCalc};
use crate::error::{EngineError, Result};
use crate::scenario::{Production, ServiceLine};
use crate::tariff::HomeCare;
use rust_decimal::Decimal;

/// The parameter set of `home_care`, or of `communal_housing` when the tariff has its own.
pub fn params<'a>(ctx: &Ctx<'a>, service: &str) -> &'a HomeCare {
    match (service, &ctx.tariff.communal_housing) {
        ("communal_housing", Some(c)) => c,
        _ => &ctx.tariff.home_care,
    }
}

/// The monthly income-related fee and its band.
pub struct HomeCareFee {
    pub fee: Decimal,
    /// The household's counted income after deductions (reused by the voucher formula).
    pub income: Decimal,
    pub hours: Decimal,
    pub band: BandInfo,
}

/// The income-related monthly fee (without production method).
pub fn fee(c: &mut Calc, line: &ServiceLine, f: &str) -> Result<HomeCareFee> {
    let hc = params(c.ctx, &line.service);
    let hours = hours::monthly_hours(c, line, f, hc)?;
    let rounded = hours::rounded(c, hc, hours)?;
    let band = percent::percent(c, hc, rounded)?;
    let limit = income_limit::income_limit(c, hc)?;
    let income = household_income::household_income(c, hc)?;
    let fee = fee::fee(c, income, limit, band.percent)?;
    let fee = if hours.is_zero() { Decimal::ZERO } else { fee };
    let (fee, cap, capped) = cost_cap::apply(c, hc, &band, rounded, fee)?;
    Ok(HomeCareFee {
        fee,
        income,
        hours,
        band: BandInfo {
            hours_exact: hours,
            hours_rounded: rounded,
            band_min_hours: band.min_hours,
            next_band_min_hours: band.next_min_hours,
            percent: band.percent,
            cost_cap: cap,
            capped,
        },
    })
}

/// A home-care or communal-housing line with its production method.
pub fn calc(ctx: &Ctx, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let mut c = Calc::new(ctx);
    let hc = fee(&mut c, line, f)?;
    let mut out = LineCalc::with_fee(hc.fee);
    out.band = Some(hc.band);
    match line.production {
        Production::Own | Production::Purchased => {
            if line.provider_price_per_hour.is_some() {
                return Err(EngineError::problem(
                    format!("{f}.provider_price_per_hour"),
                    crate::error::Problem::VoucherOnly,
                ));
            }
            out.organiser_cost_monthly =
                super::organiser_cost::organiser_cost(&mut c, line, f, hc.hours, crate::explain::Msg("unit-hours"))?;
        }
        Production::Voucher => super::voucher::per_hour(&mut c, line, f, hc.hours, hc.income, &mut out)?,
    }
    out.trace = c.finish();
    Ok(out)
}
