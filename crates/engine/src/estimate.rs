//! The estimate: runs every line of the scenario, sums, applies the payment ceiling over a
//! 12-month view and adds warnings. The app, the CLI and the tests call [`estimate`].

use crate::error::{EngineError, Result};
use crate::explain::{text, Step, TRACE_FORMAT};
use crate::i18n::Lang;
use crate::money::{eur, round_cents};
use crate::rules::{self, payment_ceiling, BandInfo, Ctx, LineCalc, StatutoryKind};
use crate::scenario::{DeductionKind, Production, Scenario};
use crate::tariff::Tariff;
use rust_decimal::Decimal;
use serde::Serialize;

/// Families larger than this are taken as an input error.
pub const MAX_PERSONS: u32 = 30;
/// More lines than this in one package is taken as an input error.
pub const MAX_LINES: usize = 200;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Estimate {
    pub tariff: TariffInfo,
    pub lines: Vec<Line>,
    pub total: Totals,
    pub warnings: Vec<Warning>,
    /// Version of the explanation format.
    pub trace_format: String,
    /// The language of the texts (explanations, warnings, names, legal references); codes and
    /// numbers are the same in every language. Finnish unless the caller asks
    /// ([`Estimate::in_lang`]).
    pub lang: Lang,
}

impl Estimate {
    /// The same estimate with its texts written in `lang` (when serialized: nothing is
    /// formatted before that).
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

/// Written in its language: the texts are formatted as they are serialized.
impl Serialize for Estimate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr<'a> {
            tariff: &'a TariffInfo,
            lines: &'a [Line],
            total: &'a Totals,
            warnings: &'a [Warning],
            trace_format: &'a str,
            lang: Lang,
        }
        let repr = Repr {
            tariff: &self.tariff,
            lines: &self.lines,
            total: &self.total,
            warnings: &self.warnings,
            trace_format: &self.trace_format,
            lang: self.lang,
        };
        crate::i18n::with_lang(self.lang, || repr.serialize(s))
    }
}

/// An estimate without its explanation steps: every figure, the warnings and the tariff period
/// of [`Estimate`], none of the step texts. What the app's results view needs on every edit
/// (the explanation is asked for, as the full estimate, only when one is opened): writing ~45
/// steps through Fluent and carrying them over the IPC on each keystroke was most of the
/// answer's size and time (BENCHMARKS.md, "The app").
///
/// Made from the full estimate ([`Estimate::brief`]), not from [`figures`]: the warnings about
/// unverified values and the tariff period in force are read from the parameters each step used,
/// which the totals-only path does not keep. Computing the steps costs a few µs; writing them
/// out is what costs, and that is skipped. Every figure equals the estimate's by construction
/// and by test (`tests/figures.rs`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Brief {
    pub tariff: TariffInfo,
    pub lines: Vec<LineBrief>,
    pub total: TotalsBrief,
    pub warnings: Vec<Warning>,
    /// The language of the texts (warnings, the organisation's name).
    pub lang: Lang,
}

impl Brief {
    /// The same brief with its texts written in `lang` (as [`Estimate::in_lang`]).
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

/// Written in its language, as [`Estimate`].
impl Serialize for Brief {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr<'a> {
            tariff: &'a TariffInfo,
            lines: &'a [LineBrief],
            total: &'a TotalsBrief,
            warnings: &'a [Warning],
            lang: Lang,
        }
        let repr = Repr {
            tariff: &self.tariff,
            lines: &self.lines,
            total: &self.total,
            warnings: &self.warnings,
            lang: self.lang,
        };
        crate::i18n::with_lang(self.lang, || repr.serialize(s))
    }
}

/// One line of a [`Brief`]: the figures of [`Line`], no explanation; and which of the household's
/// incomes the line's fee read (the app says "not given" instead of computing from an empty one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LineBrief {
    pub service: String,
    pub production: Production,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fee_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fee_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_monthly: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub voucher_value_per_hour: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub voucher_value_monthly: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub own_production_fee_monthly: Option<Decimal>,
    pub counts_toward_ceiling: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<BandInfo>,
    /// The household incomes the fee was computed from ([`Line::incomes_used`]).
    pub incomes_used: Vec<IncomeUsed>,
}

/// The totals of a [`Brief`]: [`Totals`] without the package's explanation steps.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TotalsBrief {
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fees_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fees_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_yearly: Decimal,
}

/// An income of the household (the client's and the spouse's alike) that a line's fee read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum IncomeUsed {
    /// Gross income: home care and communal housing (10 e §), income-tiered support services,
    /// income-related vouchers.
    GrossIncome,
    /// Net income: long-term care (7 c §), vouchers by net income.
    NetIncome,
}

/// The explanation steps that read an income, and which.
const INCOME_STEPS: [(&str, IncomeUsed); 5] = [
    ("home_care.income", IncomeUsed::GrossIncome),
    ("support.income_tiered", IncomeUsed::GrossIncome),
    ("voucher.income_related", IncomeUsed::GrossIncome),
    ("long_term.net_income", IncomeUsed::NetIncome),
    ("voucher.by_net_income", IncomeUsed::NetIncome),
];

impl Line {
    /// The household incomes this line's fee read, each once, gross first.
    pub fn incomes_used(&self) -> Vec<IncomeUsed> {
        let mut out = Vec::new();
        for kind in [IncomeUsed::GrossIncome, IncomeUsed::NetIncome] {
            if INCOME_STEPS.iter().any(|(key, k)| *k == kind && self.explanation.iter().any(|s| s.key == *key)) {
                out.push(kind);
            }
        }
        out
    }
}

impl Estimate {
    /// The estimate without its explanation steps ([`Brief`]).
    pub fn brief(self) -> Brief {
        let lines = self
            .lines
            .into_iter()
            .map(|l| {
                let incomes_used = l.incomes_used();
                LineBrief {
                    service: l.service,
                    production: l.production,
                    label: l.label,
                    client_fee_monthly: l.client_fee_monthly,
                    client_fee_yearly: l.client_fee_yearly,
                    organiser_cost_monthly: l.organiser_cost_monthly,
                    organiser_net_monthly: l.organiser_net_monthly,
                    voucher_value_per_hour: l.voucher_value_per_hour,
                    voucher_value_monthly: l.voucher_value_monthly,
                    own_production_fee_monthly: l.own_production_fee_monthly,
                    counts_toward_ceiling: l.counts_toward_ceiling,
                    band: l.band,
                    incomes_used,
                }
            })
            .collect();
        let t = self.total;
        Brief {
            tariff: self.tariff,
            lines,
            total: TotalsBrief {
                client_fees_monthly: t.client_fees_monthly,
                organiser_cost_monthly: t.organiser_cost_monthly,
                organiser_net_monthly: t.organiser_net_monthly,
                client_fees_yearly: t.client_fees_yearly,
                organiser_cost_yearly: t.organiser_cost_yearly,
                organiser_net_yearly: t.organiser_net_yearly,
            },
            warnings: self.warnings,
            lang: self.lang,
        }
    }
}

/// The estimate of a scenario without its explanation steps ([`Brief`]): the app's per-edit path.
pub fn brief(tariff: &Tariff, scenario: &Scenario) -> Result<Brief> {
    estimate(tariff, scenario).map(Estimate::brief)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TariffInfo {
    pub organisation: String,
    /// The organisation's name in the estimate's language.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organisation_name: crate::i18n::InLang,
    pub version: String,
    /// The latest start date among the parameters the estimate used: the tariff period in force.
    pub valid_from: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Line {
    pub service: String,
    pub production: Production,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fee_monthly: Decimal,
    /// Yearly fee after the payment ceiling (12-month view).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fee_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_monthly: Decimal,
    /// Organiser's cost minus the fees the organiser receives.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_monthly: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub voucher_value_per_hour: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub voucher_value_monthly: Option<Decimal>,
    /// What the client would pay in own production (voucher lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub own_production_fee_monthly: Option<Decimal>,
    /// Whether the fee counts toward the payment ceiling.
    pub counts_toward_ceiling: bool,
    /// Home-care band details for the package builder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<BandInfo>,
    pub explanation: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Totals {
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fees_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fees_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_yearly: Decimal,
    /// Steps of the package-level rules (payment ceiling).
    pub explanation: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Warning {
    /// Stable key for translation: `payment_ceiling_reached`, `consider_fee_reduction`,
    /// `unverified_parameters`, `spouse_income_missing`.
    pub code: String,
    /// The warning in the estimate's language (written when serialized).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub message: crate::explain::StepText,
    pub values: Vec<crate::explain::NamedValue>,
}

fn check_household(s: &Scenario) -> Result<()> {
    let p = s.household.persons;
    if p == 0 {
        return Err(EngineError::problem("household.persons", crate::error::Problem::AtLeastOne));
    }
    if p > MAX_PERSONS {
        return Err(EngineError::problem(
            "household.persons",
            crate::error::Problem::AtMost { max: MAX_PERSONS.to_string() },
        ));
    }
    if s.household.spouse.is_some() && p < 2 {
        return Err(EngineError::problem("household.persons", crate::error::Problem::AtLeastTwoSpouse));
    }
    let mut people = vec![("client", &s.household.client)];
    if let Some(sp) = &s.household.spouse {
        people.push(("spouse", sp));
    }
    for (who, person) in people {
        // check_money writes the field name only for an error
        let m = |f: &dyn std::fmt::Display, v| rules::income::check_money(v, format_args!("household.{who}.{f}"));
        m(&"gross_income", person.gross_income)?;
        m(&"net_income", person.net_income)?;
        m(&"forest_income_yearly", person.forest_income_yearly)?;
        for k in [
            DeductionKind::Maintenance,
            DeductionKind::Guardianship,
            DeductionKind::Foreclosure,
            DeductionKind::Compensation,
            DeductionKind::Medicines,
            DeductionKind::Housing,
        ] {
            m(&format_args!("deductions.{}", k.field()), person.deductions.get(k))?;
        }
    }
    rules::income::not_given::check(&s.household)?;
    if s.services.len() > MAX_LINES {
        return Err(EngineError::problem(
            "services",
            crate::error::Problem::TooManyLines { max: MAX_LINES.to_string() },
        ));
    }
    Ok(())
}

/// Computes one line.
pub fn calc_line(ctx: &Ctx, line: &crate::scenario::ServiceLine, i: usize) -> Result<LineCalc> {
    // "services[i]" without the formatting machinery (once per line)
    let mut f = String::with_capacity(16);
    f.push_str("services[");
    crate::money::push_decimal(&mut f, Decimal::from(i));
    f.push(']');
    rules::income::not_given::check_line(ctx, line)?;
    match StatutoryKind::from_code(&line.service) {
        Some(kind) => {
            rules::check_fields(line, &f, kind.allowed_fields())?;
            match kind {
                StatutoryKind::HomeCare | StatutoryKind::CommunalHousing => rules::home_care::calc(ctx, line, &f),
                StatutoryKind::RoundTheClockHousing | StatutoryKind::InstitutionalCare => {
                    rules::long_term_care::calc(ctx, kind, line, &f)
                }
                StatutoryKind::InformalCareSupport => rules::informal_care_support::calc(ctx, line, &f),
                _ => rules::flat_fees::calc(ctx, kind, line, &f),
            }
        }
        None => match ctx.tariff.support_services.get(&line.service) {
            Some(s) => rules::support_services::calc(ctx, s, line, &f),
            None => Err(EngineError::UnknownService { field: format!("{f}.service"), service: line.service.clone() }),
        },
    }
}

/// The lines of a scenario computed, their yearly fees after the payment ceiling and the
/// ceiling's step: what [`estimate`] and [`figures`] share, so that they cannot drift apart.
struct Computed {
    calcs: Vec<LineCalc>,
    yearly: Vec<Decimal>,
    ceiling_step: Option<Step>,
}

fn compute(ctx: &Ctx, scenario: &Scenario) -> Result<Computed> {
    let mut calcs = Vec::with_capacity(scenario.services.len());
    for (i, line) in scenario.services.iter().enumerate() {
        let mut lc = calc_line(ctx, line, i)?;
        rules::exemptions::apply(ctx, &scenario.services, line, &mut lc)?;
        calcs.push(lc);
    }
    // Yearly fees with the payment ceiling.
    let mut yearly: Vec<Decimal> = calcs.iter().map(|c| c.client_fee_monthly * Decimal::from(12)).collect();
    let counting_idx: Vec<usize> =
        calcs.iter().enumerate().filter(|(_, c)| c.ceiling.is_some()).map(|(i, _)| i).collect();
    let counting: Vec<payment_ceiling::Counting> = counting_idx
        .iter()
        .map(|&i| {
            let c = calcs[i].ceiling.as_ref().expect("filtered");
            payment_ceiling::Counting {
                yearly_fee: calcs[i].client_fee_monthly * Decimal::from(12),
                yearly_units: c.units_per_month * Decimal::from(12),
                after_per_unit: c.after_ceiling_per_unit,
            }
        })
        .collect();
    let mut ceiling_step = None;
    if !counting.is_empty() {
        let (capped, step) = payment_ceiling::apply(ctx, &counting)?;
        for (k, &i) in counting_idx.iter().enumerate() {
            yearly[i] = capped[k];
        }
        ceiling_step = step;
    }
    Ok(Computed { calcs, yearly, ceiling_step })
}

/// The totals of computed lines, rounded to cents (the explanation left empty).
fn totals(calcs: &[LineCalc], yearly: &[Decimal]) -> Totals {
    let mut t = Totals {
        client_fees_monthly: Decimal::ZERO,
        organiser_cost_monthly: Decimal::ZERO,
        organiser_net_monthly: Decimal::ZERO,
        client_fees_yearly: Decimal::ZERO,
        organiser_cost_yearly: Decimal::ZERO,
        organiser_net_yearly: Decimal::ZERO,
        explanation: Vec::new(),
    };
    let mut fees_to_org_yearly = Decimal::ZERO;
    for (c, &y) in calcs.iter().zip(yearly) {
        let net = c.organiser_cost_monthly - c.fee_to_organiser_monthly;
        t.client_fees_monthly += c.client_fee_monthly;
        t.organiser_cost_monthly += c.organiser_cost_monthly;
        t.organiser_net_monthly += net;
        t.client_fees_yearly += y;
        t.organiser_cost_yearly += c.organiser_cost_monthly * Decimal::from(12);
        // The ceiling lowers what the organiser receives by the same amount as the client's fee.
        let y_to_org = if c.fee_to_organiser_monthly.is_zero() {
            Decimal::ZERO
        } else {
            y - (c.client_fee_monthly - c.fee_to_organiser_monthly) * Decimal::from(12)
        };
        fees_to_org_yearly += y_to_org;
    }
    t.organiser_net_yearly = t.organiser_cost_yearly - fees_to_org_yearly;
    for v in [
        &mut t.client_fees_monthly,
        &mut t.organiser_cost_monthly,
        &mut t.organiser_net_monthly,
        &mut t.client_fees_yearly,
        &mut t.organiser_cost_yearly,
        &mut t.organiser_net_yearly,
    ] {
        *v = round_cents(*v);
    }
    t
}

/// An estimate's figures without its explanation: the totals-only path of the population
/// simulation (`crates/sim`). The same arithmetic as [`estimate`] on the same lines, without
/// building explanation steps, warnings or the tariff's description; every figure equals the
/// estimate's (tested over many scenarios: `tests/figures.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub lines: Vec<LineFigures>,
    /// The same totals as [`Estimate::total`], rounded the same way; `explanation` is empty.
    pub total: Totals,
}

/// One line's figures, per month, before rounding (the estimate shows them rounded to cents).
#[derive(Debug, Clone, PartialEq)]
pub struct LineFigures {
    pub client_fee_monthly: Decimal,
    /// The part of the client's fee paid to the organiser (not to a voucher provider).
    pub fee_to_organiser_monthly: Decimal,
    pub organiser_cost_monthly: Decimal,
    /// Yearly fee after the payment ceiling (12-month view), rounded as the estimate's.
    pub client_fee_yearly: Decimal,
    /// How the line counts toward the payment ceiling, if it does.
    pub ceiling: Option<rules::CeilingUse>,
    /// The fee was limited by the cost of the service (2 §).
    pub at_cost_cap: bool,
}

/// The figures of a scenario under a tariff, without the explanation ([`Figures`]).
pub fn figures(tariff: &Tariff, scenario: &Scenario) -> Result<Figures> {
    check_household(scenario)?;
    let ctx = Ctx { tariff, date: scenario.date, household: &scenario.household, explain: false };
    let Computed { calcs, yearly, .. } = compute(&ctx, scenario)?;
    let total = totals(&calcs, &yearly);
    let lines = calcs
        .into_iter()
        .zip(yearly)
        .map(|(c, y)| LineFigures {
            client_fee_monthly: c.client_fee_monthly,
            fee_to_organiser_monthly: c.fee_to_organiser_monthly,
            organiser_cost_monthly: c.organiser_cost_monthly,
            client_fee_yearly: round_cents(y),
            ceiling: c.ceiling,
            at_cost_cap: c.trace.at_cost_cap,
        })
        .collect();
    Ok(Figures { lines, total })
}

/// The estimate of a scenario under a tariff.
pub fn estimate(tariff: &Tariff, scenario: &Scenario) -> Result<Estimate> {
    check_household(scenario)?;
    let ctx = Ctx { tariff, date: scenario.date, household: &scenario.household, explain: true };
    let Computed { calcs, yearly, ceiling_step } = compute(&ctx, scenario)?;
    let mut total_steps = Vec::new();
    let mut warnings = Vec::new();
    if let Some(step) = ceiling_step {
        warnings.push(Warning {
            code: "payment_ceiling_reached".into(),
            message: text!("warning-payment-ceiling", step = step.text.clone()),
            values: vec![],
        });
        total_steps.push(step);
    }
    let mut t = totals(&calcs, &yearly);
    t.explanation = total_steps;
    let mut lines = Vec::with_capacity(calcs.len());
    let mut valid_from: Option<chrono::NaiveDate> = None;
    for ((c, line), y) in calcs.into_iter().zip(&scenario.services).zip(yearly) {
        let net = c.organiser_cost_monthly - c.fee_to_organiser_monthly;
        for p in c.trace.steps.iter().flat_map(|s| &s.params) {
            if valid_from.is_none_or(|v| p.valid_from > v) {
                valid_from = Some(p.valid_from);
            }
        }
        lines.push(Line {
            service: line.service.clone(),
            production: line.production,
            label: line.label.clone(),
            client_fee_monthly: round_cents(c.client_fee_monthly),
            client_fee_yearly: round_cents(y),
            organiser_cost_monthly: round_cents(c.organiser_cost_monthly),
            organiser_net_monthly: round_cents(net),
            voucher_value_per_hour: c.voucher_value_per_hour.map(round_cents),
            voucher_value_monthly: c.voucher_value_monthly.map(round_cents),
            own_production_fee_monthly: c.own_production_fee_monthly.map(round_cents),
            counts_toward_ceiling: c.ceiling.is_some(),
            band: c.band,
            explanation: c.trace.steps,
        });
    }
    for s in &t.explanation {
        for p in &s.params {
            if valid_from.is_none_or(|v| p.valid_from > v) {
                valid_from = Some(p.valid_from);
            }
        }
    }
    // Long-term care fees already leave the käyttövara by law (7 c §): the 11 § warning is for
    // packages of other services.
    let long_term = scenario
        .services
        .iter()
        .any(|l| matches!(l.service.as_str(), "round_the_clock_housing" | "institutional_care"));
    let mut checked = None; // the 11 § threshold, when the warning uses it
    if !long_term && !scenario.household.income_not_given {
        if let Some((w, used)) = fee_reduction_warning(&ctx, t.client_fees_monthly)? {
            warnings.push(w);
            checked = Some(used);
        }
    }
    // unverified parameters, in the order first used (lines, the package's steps, the 11 §
    // threshold); borrowed from the trace (no copies). Named by their titles in plain words;
    // placeholders (not yet decided by the organisation) are said apart, and so is whether a
    // value bears on the client's fee (a price only gives the organiser's cost, unless the fee
    // was capped at that cost).
    let mut unverified: Vec<Unverified> = Vec::new();
    let mut note = |p: &'_ crate::explain::ParamUse, client: bool| {
        if p.verified {
            return;
        }
        match unverified.iter_mut().find(|u| u.name == p.name.as_str()) {
            Some(u) => u.client |= client,
            None => unverified.push(Unverified {
                name: p.name.clone(),
                placeholder: crate::tariff::report::is_placeholder(&p.source),
                client,
            }),
        }
    };
    for l in &lines {
        let capped = l.explanation.iter().any(|s| s.key == "support.cost_cap");
        // a voucher's value and price bear on the client's fee only with a copay voucher
        let copay = l.explanation.iter().any(|s| s.key == "voucher.copay");
        for st in &l.explanation {
            let organiser_only = st.key == "organiser.cost"
                || (!copay && st.key.starts_with("voucher.") && st.key != "voucher.full_cover");
            for p in &st.params {
                note(p, capped || !organiser_only);
            }
        }
    }
    for p in t.explanation.iter().flat_map(|s| &s.params).chain(&checked) {
        note(p, true);
    }
    if !unverified.is_empty() {
        warnings.push(unverified_warning(tariff, &unverified));
    }
    if let Some(w) = rules::long_term_care::spouse_income::check(scenario) {
        warnings.push(spouse_income_warning(&w));
    }
    let valid_from = valid_from.unwrap_or(scenario.date).to_string();
    Ok(Estimate {
        tariff: TariffInfo {
            organisation: tariff.organisation.id.clone(),
            organisation_name: crate::i18n::InLang(std::sync::Arc::new(tariff.organisation.name.clone())),
            version: tariff.organisation.version.clone(),
            valid_from,
        },
        lines,
        total: t,
        warnings,
        trace_format: TRACE_FORMAT.into(),
        lang: Lang::Fi,
    })
}

/// An unverified parameter an estimate used.
struct Unverified {
    name: String,
    /// Its source says PLACEHOLDER: the organisation has not decided it yet.
    placeholder: bool,
    /// It bears on the client's fee (not only on the organiser's cost).
    client: bool,
}

/// `unverified_parameters`: the unverified values used, by title, placeholders said apart; the
/// values are, for each, `parameter` (the key), `title`, `placeholder` and `client_fee` (whether
/// it bears on the client's fee: the client's summary names only those).
fn unverified_warning(tariff: &Tariff, params: &[Unverified]) -> Warning {
    // the titles in every language, written in the estimate's when serialized
    let title = |u: &Unverified| {
        tariff.titles_of(&u.name).cloned().unwrap_or_else(|| {
            std::sync::Arc::new(crate::tariff::Names { fi: u.name.clone(), sv: u.name.clone(), en: u.name.clone() })
        })
    };
    let titles = |placeholder_only: bool| {
        params.iter().filter(|u| !placeholder_only || u.placeholder).map(title).collect::<Vec<_>>()
    };
    let message = if params.iter().any(|u| u.placeholder) {
        text!("warning-unverified-placeholders", list = titles(false), placeholders = titles(true))
    } else {
        text!("warning-unverified", list = titles(false))
    };
    let text = |s: &str| crate::explain::TraceValue::trace_value(s.to_string());
    let flag = |b: bool| text(if b { "true" } else { "false" });
    let values = params
        .iter()
        .flat_map(|u| {
            [
                crate::explain::NamedValue { name: "parameter".into(), value: text(&u.name) },
                crate::explain::NamedValue {
                    name: "title".into(),
                    value: crate::explain::TraceValue::trace_value(title(u)),
                },
                crate::explain::NamedValue { name: "placeholder".into(), value: flag(u.placeholder) },
                crate::explain::NamedValue { name: "client_fee".into(), value: flag(u.client) },
            ]
        })
        .collect();
    Warning { code: "unverified_parameters".into(), message, values }
}

/// The 11 § warning (rules/fee_reduction.rs) and the threshold parameter it used.
fn fee_reduction_warning(ctx: &Ctx, fees: Decimal) -> Result<Option<(Warning, crate::explain::ParamUse)>> {
    let Some(w) = rules::fee_reduction::check(ctx, fees)? else { return Ok(None) };
    let warning = Warning {
        code: "consider_fee_reduction".into(),
        message: text!("warning-fee-reduction", remaining = eur(w.remaining), threshold = eur(w.threshold)),
        values: vec![
            crate::explain::NamedValue {
                name: "remaining".into(),
                value: crate::explain::TraceText::Decimal(w.remaining),
            },
            crate::explain::NamedValue {
                name: "threshold".into(),
                value: crate::explain::TraceText::Decimal(w.threshold),
            },
        ],
    };
    Ok(Some((warning, w.used)))
}

/// The 7 c § warning (rules/long_term_care/spouse_income.rs).
fn spouse_income_warning(w: &rules::long_term_care::spouse_income::SpouseIncomeMissing) -> Warning {
    let message = if w.spouse_given {
        text!("warning-spouse-income-not-given")
    } else {
        text!("warning-spouse-income-missing", persons = w.persons)
    };
    Warning {
        code: "spouse_income_missing".into(),
        message,
        values: vec![
            crate::explain::NamedValue {
                name: "persons".into(),
                value: crate::explain::TraceText::Decimal(Decimal::from(w.persons)),
            },
            crate::explain::NamedValue {
                name: "spouse_given".into(),
                value: crate::explain::TraceValue::trace_value(w.spouse_given.to_string()),
            },
        ],
    }
}
