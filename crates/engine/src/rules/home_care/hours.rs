//! Palvelutunnit (asiakasmaksulaki 10 e §; `law/asiakasmaksulaki/10e.md`): the hours recorded in
//! the service decision per month — given directly, or as visits × minutes converted with the
//! tariff's weeks per month — and rounded as the organisation decides before the band is chosen.

use crate::error::{EngineError, Result};
use crate::explain::{text, Dotted, Msg};
use crate::money::num;
use crate::rules::{bounded, mul, quantity, Calc};
use crate::scenario::ServiceLine;
use crate::tariff::HomeCare;
use rust_decimal::Decimal;

/// Hours in the longest month (31 × 24): more planned hours than this is an input error.
pub const MAX_HOURS_PER_MONTH: Decimal = Decimal::from_parts(744, 0, 0, false, 0);

/// Planned monthly hours from the line: given directly, or from visits × minutes.
pub fn monthly_hours<'a>(c: &mut Calc<'_, 'a>, line: &ServiceLine, f: &str, hc: &'a HomeCare) -> Result<Decimal> {
    let visits = match (line.visits_per_week, line.visits_per_day) {
        (Some(_), Some(_)) => {
            return Err(EngineError::problem(format!("{f}.visits_per_day"), crate::error::Problem::VisitsNotBoth))
        }
        (Some(w), None) => Some(bounded(w, Dotted(f, "visits_per_week"), Decimal::from(7 * 24))?),
        (None, Some(d)) => Some(bounded(d, Dotted(f, "visits_per_day"), Decimal::from(24))? * Decimal::from(7)),
        (None, None) => None,
    };
    match (line.hours_per_month, visits) {
        (Some(_), Some(_)) => {
            Err(EngineError::problem(format!("{f}.hours_per_month"), crate::error::Problem::HoursNotBoth))
        }
        (Some(h), None) => {
            if line.minutes_per_visit.is_some() {
                return Err(EngineError::problem(format!("{f}.minutes_per_visit"), crate::error::Problem::VisitsOnly));
            }
            let h = quantity(Some(h), Dotted(f, "hours_per_month"), MAX_HOURS_PER_MONTH)?;
            c.step("home_care.hours_given", text!("step-hours-given", hours = h)).val("hours_per_month", h).result(h);
            Ok(h)
        }
        (None, Some(per_week)) => {
            let minutes = quantity(line.minutes_per_visit, Dotted(f, "minutes_per_visit"), Decimal::from(24 * 60))?;
            let weeks = *c.param(&hc.weeks_per_month)?;
            let weekly_hours = mul(per_week, minutes, f)? / Decimal::from(60);
            let h = weeks.apply(weekly_hours).ok_or_else(|| EngineError::Overflow { field: f.to_string() })?;
            if h > MAX_HOURS_PER_MONTH {
                return Err(EngineError::problem(
                    format!("{f}.visits_per_week"),
                    crate::error::Problem::VisitsExceedMonth,
                ));
            }
            c.step(
                "home_care.hours_from_visits",
                text!(
                    "step-hours-from-visits",
                    visits = num(per_week),
                    minutes = num(minutes),
                    weekly = num(weekly_hours),
                    weeks = weeks,
                    hours = num(h)
                ),
            )
            .val("visits_per_week", per_week)
            .val("minutes_per_visit", minutes)
            .val("weekly_hours", weekly_hours)
            .result(h);
            Ok(h)
        }
        (None, None) => Err(EngineError::problem(format!("{f}.hours_per_month"), crate::error::Problem::RequiredHours)),
    }
}

/// The hours the band is chosen by: rounded as the tariff says (Päijät-Häme: nearest hour,
/// halves up; Helsinki: not rounded).
pub fn rounded<'a>(c: &mut Calc<'_, 'a>, hc: &'a HomeCare, hours: Decimal) -> Result<Decimal> {
    let rounding = c.read(&hc.hours_rounding)?;
    c.show(rounding.used_as(Msg(rounding.message())));
    let rounded = rounding.apply(hours);
    c.step(
        "home_care.hours_rounded",
        text!("step-hours-rounded", rounding = Msg(rounding.message()), hours = num(rounded)),
    )
    .val("hours", hours)
    .result(rounded);
    Ok(rounded)
}
