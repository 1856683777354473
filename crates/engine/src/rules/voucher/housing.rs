//! The 24-hour housing voucher (Helsinki's palveluasumisen palveluseteli; palvelusetelilaki
//! 569/2009 3 §, 7 §, `law/palvelusetelilaki/`): a monthly value by the client's net income as
//! entered — after tax, before the deductions of the fee rule (10 c–10 d §, the flat medicine
//! deduction): Helsinki's calculator looks the table up on the applicant's net income as typed,
//! and the spouse's income does not affect it — against the provider's daily price × the
//! tariff's days per month.

use super::LEGAL;
use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::{eur, round_cents};
use crate::rules::{Calc, LineCalc};
use crate::scenario::ServiceLine;
use rust_decimal::Decimal;

pub fn per_month(c: &mut Calc, line: &ServiceLine, f: &str, net_income: Decimal, out: &mut LineCalc) -> Result<()> {
    let v = super::scheme(c, line, f)?;
    let daily = super::provider_price(line.provider_price_per_day, format!("{f}.provider_price_per_day"))?;
    let days = v.days_per_month.as_ref().ok_or_else(|| {
        EngineError::tariff("tariff", None, format!("vouchers.{}.days_per_month is missing", line.service))
    })?;
    let days = *c.param(days)?;
    let monthly_price = round_cents(days.apply(daily).ok_or_else(|| EngineError::Overflow { field: f.into() })?);
    c.step(
        "voucher.monthly_price",
        text!("step-voucher-monthly-price", daily = eur(daily), days = days, monthly = eur(monthly_price)),
    )
    .val("daily_price", daily)
    .result(monthly_price);
    let value = if let Some(t) = &v.by_net_income {
        let table = c.read(t)?;
        let row = table
            .lookup(net_income)
            .ok_or_else(|| EngineError::tariff("tariff", None, format!("{} is empty", t.name())))?;
        c.show(table.used_as(format!("> {} → {}", row.above, row.value)));
        c.step(
            "voucher.by_net_income",
            text!("step-voucher-by-net-income", net = eur(net_income), value = eur(row.value)),
        )
        .val("net_income", net_income)
        .legal(LEGAL)
        .result(row.value);
        row.value
    } else {
        super::value::per_unit(c, v, &line.service, None)?
    };
    super::apply(c, v, value, monthly_price, Decimal::ONE, f, out)
}
