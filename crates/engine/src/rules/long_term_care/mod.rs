//! Pitkäaikainen ympärivuorokautinen palveluasuminen and pitkäaikainen laitoshoito
//! (asiakasmaksulaki 7 b–7 c §, income 10 b §, deductions 10 c–10 d §;
//! `law/asiakasmaksulaki/7c.md`):
//!
//! ```text
//! net     = client's net income − deductions                              net_income.rs
//! fee     = 85 % × net                                                    client_percent.rs
//!   or, when the client lived with a spouse and has the higher income,
//!   fee   = 42.5 % × (net + spouse's net)                                 spouse_rule.rs
//!   and the couple keeps at least käyttövara + the HVA's amount           spouse_protection.rs
//! fee     ≤ net − käyttövara (the client keeps the minimum funds)         minimum_funds.rs
//! fee     = min(round_cents(fee), cost of the service)                    cost_cap.rs
//! ```

pub mod client_percent;
pub mod cost_cap;
pub mod minimum_funds;
pub mod net_income;
pub mod spouse_income;
pub mod spouse_protection;
pub mod spouse_rule;

use super::{Calc, Ctx, LineCalc, StatutoryKind};
use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::{eur, non_negative, round_cents};
use crate::scenario::{Production, ServiceLine};
use rust_decimal::Decimal;

pub const LEGAL: &str = "asiakasmaksulaki 7 c §";

/// The monthly fee; returns (fee, the client's net income as entered: after tax, before the
/// deductions of the fee rule — what a 24-hour housing voucher is valued by).
pub fn fee(c: &mut Calc, kind: StatutoryKind, line: &ServiceLine, f: &str) -> Result<(Decimal, Decimal)> {
    let ltc = &c.tariff.long_term_care;
    let housing = kind == StatutoryKind::RoundTheClockHousing;
    let client = net_income::net_income(c, net_income::Who::Client, housing)?;
    let kv = c.read(if housing { &ltc.minimum_funds_housing } else { &ltc.minimum_funds_institution })?;
    let spouse_net = spouse_rule::applies(c, client.counted, housing)?;
    let fee = match spouse_net {
        Some(spouse_net) => {
            let fee = spouse_rule::fee(c, client.net, spouse_net)?;
            let fee = spouse_protection::apply(c, kv, client.net + spouse_net, fee)?;
            minimum_funds::apply(c, kv, client.net, fee, false)
        }
        None => {
            let fee = client_percent::fee(c, client.net)?;
            minimum_funds::apply(c, kv, client.net, fee, true)
        }
    };
    let fee = cost_cap::apply(c, housing, line, f, round_cents(non_negative(fee)))?;
    c.step("long_term.fee", text!("step-long-term-fee", fee = eur(fee))).legal(LEGAL).result(fee);
    Ok((fee, client.counted))
}

pub fn calc(ctx: &Ctx, kind: StatutoryKind, line: &ServiceLine, f: &str) -> Result<LineCalc> {
    let mut c = Calc::new(ctx);
    let (fee, net_as_entered) = fee(&mut c, kind, line, f)?;
    let mut out = LineCalc::with_fee(fee);
    match line.production {
        Production::Own | Production::Purchased => {
            if line.provider_price_per_day.is_some() {
                return Err(EngineError::problem(
                    format!("{f}.provider_price_per_day"),
                    crate::error::Problem::VoucherOnly,
                ));
            }
            out.organiser_cost_monthly = super::organiser_cost::organiser_cost(
                &mut c,
                line,
                f,
                Decimal::ONE,
                crate::explain::Msg("unit-months"),
            )?;
        }
        Production::Voucher => super::voucher::housing::per_month(&mut c, line, f, net_as_entered, &mut out)?,
    }
    out.trace = c.finish();
    Ok(out)
}
