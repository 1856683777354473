//! Rules of law as code, laid out like the law: one topic per module, one rule per file, each
//! file naming the section it implements (`law/` holds what the section says). A rule reads its
//! amounts from the tariff through [`Calc::param`], which records the use for the explanation,
//! so the arithmetic reads as the law's and no parameter name is ever spelt in a rule.

pub mod exemptions;
pub mod fee_reduction;
pub mod flat_fees;
pub mod home_care;
pub mod income;
pub mod informal_care_support;
pub mod long_term_care;
pub mod organiser_cost;
pub mod payment_ceiling;
pub mod support_services;
pub mod voucher;

use crate::error::{EngineError, Result};
use crate::explain::{ParamUse, Step, StepText, Trace, TraceName, TraceValue};
use crate::scenario::{Household, ServiceLine};
use crate::tariff::{Param, Read, Tariff};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The service kinds the law defines (fixed codes). Other codes come from the support-service
/// catalogue of the tariff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatutoryKind {
    HomeCare,
    CommunalHousing,
    RoundTheClockHousing,
    InstitutionalCare,
    ShortTermCare,
    DayNightCare,
    TemporaryHomeNursing,
    InformalCareLeave,
    InformalCareSupport,
}

impl StatutoryKind {
    pub const ALL: [StatutoryKind; 9] = [
        StatutoryKind::HomeCare,
        StatutoryKind::CommunalHousing,
        StatutoryKind::RoundTheClockHousing,
        StatutoryKind::InstitutionalCare,
        StatutoryKind::ShortTermCare,
        StatutoryKind::DayNightCare,
        StatutoryKind::TemporaryHomeNursing,
        StatutoryKind::InformalCareLeave,
        StatutoryKind::InformalCareSupport,
    ];
    pub fn code(self) -> &'static str {
        match self {
            StatutoryKind::HomeCare => "home_care",
            StatutoryKind::CommunalHousing => "communal_housing",
            StatutoryKind::RoundTheClockHousing => "round_the_clock_housing",
            StatutoryKind::InstitutionalCare => "institutional_care",
            StatutoryKind::ShortTermCare => "short_term_care",
            StatutoryKind::DayNightCare => "day_night_care",
            StatutoryKind::TemporaryHomeNursing => "temporary_home_nursing",
            StatutoryKind::InformalCareLeave => "informal_care_leave",
            StatutoryKind::InformalCareSupport => "informal_care_support",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
    /// The line fields this kind accepts (besides service, production, label).
    pub fn allowed_fields(self) -> &'static [&'static str] {
        match self {
            StatutoryKind::HomeCare | StatutoryKind::CommunalHousing => &[
                "hours_per_month",
                "visits_per_week",
                "visits_per_day",
                "minutes_per_visit",
                "provider_price_per_hour",
            ],
            StatutoryKind::RoundTheClockHousing => &["provider_price_per_day"],
            StatutoryKind::InstitutionalCare => &["legal_basis", "provider_price_per_day"],
            StatutoryKind::ShortTermCare | StatutoryKind::DayNightCare | StatutoryKind::InformalCareLeave => {
                &["days_per_month", "provider_price_per_day"]
            }
            StatutoryKind::TemporaryHomeNursing => {
                &["visits_per_month", "staff", "provider_price_per_unit", "specialist_nurse_visit"]
            }
            StatutoryKind::InformalCareSupport => &["care_class"],
        }
    }
}

/// What the calculation needs besides the line: the tariff, the date and the household.
pub struct Ctx<'a> {
    pub tariff: &'a Tariff,
    pub date: NaiveDate,
    pub household: &'a Household,
    /// Build the explanation (the estimate). `false` on the totals-only path
    /// ([`crate::estimate::figures`], the population simulation): the same arithmetic, no steps kept.
    pub explain: bool,
}

/// One line's calculation: the context and the explanation being written. Reading a parameter
/// with [`Calc::param`] records its use (name, value, validity, source); the next
/// [`Calc::step`] shows it. A use that depends on the outcome (a cap that may not bite) is read
/// with [`Calc::read`] and shown with [`Calc::show`] only where it applies.
pub struct Calc<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    pub trace: Trace,
    pending: Vec<ParamUse>,
}

impl<'c, 'a> std::ops::Deref for Calc<'c, 'a> {
    type Target = Ctx<'a>;
    fn deref(&self) -> &Ctx<'a> {
        self.ctx
    }
}

impl<'c, 'a> Calc<'c, 'a> {
    pub fn new(ctx: &'c Ctx<'a>) -> Self {
        Calc { ctx, trace: Trace::default(), pending: Vec::new() }
    }

    /// The value of `p` in force on the date; the explanation's next step shows its use.
    pub fn param<T>(&mut self, p: &'a Param<T>) -> Result<&'a T>
    where
        &'a T: TraceValue,
    {
        let r = p.at(self.ctx.date)?;
        if self.ctx.explain {
            self.pending.push(r.used());
        }
        Ok(r.value())
    }

    /// The value of `p` in force on the date, not yet shown (see [`Calc::show`]).
    pub fn read<T>(&self, p: &'a Param<T>) -> Result<Read<'a, T>> {
        p.at(self.ctx.date)
    }

    /// Shows a parameter use on the next step (after [`Calc::read`], once the cell or the
    /// outcome is known).
    pub fn show(&mut self, used: ParamUse) {
        if self.ctx.explain {
            self.pending.push(used);
        }
    }

    /// Starts an explanation step carrying the parameters read since the previous one.
    ///
    /// A step keyed `….cost_cap` marks the line as limited by the cost of the service
    /// ([`Trace::at_cost_cap`]). Without an explanation (`ctx.explain == false`) only the step
    /// being written is kept, and dropped when the next one starts.
    pub fn step(&mut self, key: impl TraceName, text: impl Into<StepText>) -> &mut Step {
        let key = key.trace_name();
        if key.ends_with(".cost_cap") {
            self.trace.at_cost_cap = true;
        }
        if !self.ctx.explain {
            self.trace.steps.clear();
        }
        let pending = std::mem::take(&mut self.pending);
        let step = self.trace.step(key, text);
        step.params = pending;
        step
    }

    /// The explanation, once the line is computed. Every recorded use has been shown.
    pub fn finish(mut self) -> Trace {
        debug_assert!(self.pending.is_empty(), "parameters read but never shown: {:?}", self.pending);
        if !self.ctx.explain {
            self.trace.steps.clear();
        }
        self.trace
    }
}

/// Where the home-care hours fall in the fee table (for the package builder).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BandInfo {
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub hours_exact: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub hours_rounded: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub band_min_hours: Decimal,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub next_band_min_hours: Option<Decimal>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub percent: Decimal,
    /// The cost cap that applies, €/month.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub cost_cap: Option<Decimal>,
    /// Whether the fee was limited by the cap.
    pub capped: bool,
}

/// Fees that count toward the payment ceiling, per month.
#[derive(Debug, Clone, PartialEq)]
pub struct CeilingUse {
    pub units_per_month: Decimal,
    pub fee_per_unit: Decimal,
    /// Fee per unit once the ceiling is reached (0 when the service becomes free).
    pub after_ceiling_per_unit: Decimal,
}

/// The computed figures of one line before totals.
#[derive(Debug, Clone)]
pub struct LineCalc {
    pub client_fee_monthly: Decimal,
    /// The part of the client's fee paid to the organiser (not to a voucher provider).
    pub fee_to_organiser_monthly: Decimal,
    pub organiser_cost_monthly: Decimal,
    pub voucher_value_per_hour: Option<Decimal>,
    pub voucher_value_monthly: Option<Decimal>,
    pub own_production_fee_monthly: Option<Decimal>,
    pub band: Option<BandInfo>,
    pub ceiling: Option<CeilingUse>,
    pub trace: Trace,
}

impl LineCalc {
    /// A line whose client pays `fee` to the organiser; the cost is set by the production method
    /// and the explanation when the line is done.
    pub fn with_fee(fee: Decimal) -> Self {
        LineCalc {
            client_fee_monthly: fee,
            fee_to_organiser_monthly: fee,
            organiser_cost_monthly: Decimal::ZERO,
            voucher_value_per_hour: None,
            voucher_value_monthly: None,
            own_production_fee_monthly: None,
            band: None,
            ceiling: None,
            trace: Trace::default(),
        }
    }
}

/// Checks that a line gives only fields its service uses.
pub fn check_fields(line: &ServiceLine, field_prefix: &str, allowed: &[&str]) -> Result<()> {
    for f in line.given_fields() {
        if !allowed.contains(&f) {
            return Err(EngineError::problem(
                format!("{field_prefix}.{f}"),
                crate::error::Problem::FieldNotUsed { name: f.to_string(), service: line.service.clone() },
            ));
        }
    }
    Ok(())
}

/// A required non-negative quantity with an upper bound.
/// The field name (`impl Display`, e.g. a [`crate::explain::Dotted`]) is written only for an error.
pub fn quantity(value: Option<Decimal>, field: impl std::fmt::Display, max: Decimal) -> Result<Decimal> {
    let v = value.ok_or_else(|| EngineError::problem(field.to_string(), crate::error::Problem::RequiredForService))?;
    bounded(v, field, max)
}

pub fn bounded(v: Decimal, field: impl std::fmt::Display, max: Decimal) -> Result<Decimal> {
    if v.is_sign_negative() && !v.is_zero() {
        return Err(EngineError::problem(field.to_string(), crate::error::Problem::Negative));
    }
    if v > max {
        return Err(EngineError::problem(field.to_string(), crate::error::Problem::AtMost { max: max.to_string() }));
    }
    Ok(v)
}

/// Checked arithmetic that names the field on overflow.
pub fn mul(a: Decimal, b: Decimal, field: &str) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| EngineError::Overflow { field: field.to_string() })
}
