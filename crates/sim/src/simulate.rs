//! Month by month, client by client, variant by variant: the engine's figures for the scenario
//! of each client-month, then the payment ceiling over the calendar year.
//!
//! - A month's scenario is the one in force on its **first day**: the service lines, incomes
//!   and tariff values of that day, the household's family size and the spouse's income
//!   ([`Simulation::scenario`]). `kustannusarvio calc` on that scenario gives the month's figures
//!   before the ceiling (tested).
//! - The engine runs on its totals-only path ([`kustannusarvio_engine::figures`]). A client's
//!   figures are reused from the previous month when nothing they depend on changed: the same
//!   income rows, the same service lines and no tariff value of the variant starting or ending
//!   in between (`reuse`; the figures are the same by construction, and `--no-reuse` computes
//!   every month).
//! - Maksukatto (asiakasmaksulaki 6 a §) month by month: the fees of the counting services add up
//!   over the calendar year; in the month that crosses the ceiling the part of the month after it
//!   is charged only the after-ceiling fees (the short-term care ylläpitomaksu), pro rata as the
//!   engine's 12-month view does; after it only those. Fees paid before `--from` in the same year
//!   are not known and count as zero.

use crate::error::{Result, SimError};
use crate::population::{LineRec, Population};
use chrono::{Datelike, NaiveDate};
use kustannusarvio_engine::money::round_cents;
use kustannusarvio_engine::scenario::{Household, Person};
use kustannusarvio_engine::{EngineError, Figures, Scenario, Tariff};
use rust_decimal::Decimal;

/// One tariff to simulate: the baseline or a reform.
pub struct Variant {
    /// Short name (`perus` for the baseline, the reform's name).
    pub name: String,
    /// What it is, for the reports.
    pub title: String,
    pub tariff: Tariff,
    /// The dates on which some value of the tariff starts or stops being in force, sorted.
    changes: Vec<NaiveDate>,
}

impl Variant {
    pub fn new(name: impl Into<String>, title: impl Into<String>, tariff: Tariff) -> Variant {
        let changes = change_dates(&tariff);
        Variant { name: name.into(), title: title.into(), tariff, changes }
    }

    /// The period of unchanged tariff values that `d` falls in.
    fn epoch(&self, d: NaiveDate) -> usize {
        self.changes.partition_point(|c| *c <= d)
    }
}

/// Every `from` and day after every `to` of the tariff's dated values.
fn change_dates(t: &Tariff) -> Vec<NaiveDate> {
    fn walk(v: &serde_json::Value, out: &mut Vec<NaiveDate>) {
        match v {
            serde_json::Value::Object(m) => {
                let date = |k: &str| m.get(k).and_then(|x| x.as_str()).and_then(|s| s.parse::<NaiveDate>().ok());
                if let Some(f) = date("from") {
                    out.push(f);
                    if let Some(t) = date("to").and_then(|t| t.succ_opt()) {
                        out.push(t);
                    }
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(t) {
        walk(&v, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// The first days of the months from `from`'s month to `to`'s month.
pub fn months(from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>> {
    let first = |d: NaiveDate| d.with_day(1).expect("day 1 exists");
    if to < from {
        return Err(SimError::Input(format!("--to {to} is before --from {from}")));
    }
    let mut out = Vec::new();
    let mut m = first(from);
    while m <= to {
        out.push(m);
        if out.len() > 1200 {
            return Err(SimError::Input("at most 100 years (1 200 months) at a time".into()));
        }
        m = m.checked_add_months(chrono::Months::new(1)).ok_or_else(|| SimError::Input("date out of range".into()))?;
    }
    Ok(out)
}

/// A client's month under one variant.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct MonthFigures {
    /// The engine's `total.client_fees_monthly` (before the payment ceiling).
    pub fees_before_ceiling: Decimal,
    /// What the client pays this month, after the ceiling.
    pub fees: Decimal,
    /// The part of it the organiser receives (not a voucher provider).
    pub fees_to_organiser: Decimal,
    /// The organiser's gross cost (`total.organiser_cost_monthly`).
    pub cost: Decimal,
    /// Cost minus the fees the organiser receives.
    pub net: Decimal,
    /// The payment ceiling has been reached this month or before, this year.
    pub ceiling_reached: bool,
    /// A line's fee was limited by the cost of the service (2 §).
    pub at_cost_cap: bool,
}

/// A client's period under one variant (sums over the months).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VariantOutcome {
    pub fees_before_ceiling: Decimal,
    pub fees: Decimal,
    pub fees_to_organiser: Decimal,
    pub cost: Decimal,
    pub net: Decimal,
    pub ceiling_reached: bool,
    pub at_cost_cap: bool,
}

/// One service of a client under one variant, summed over the months (before rounding).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceOutcome {
    pub variant: u8,
    /// Index into [`Population::service_codes`].
    pub code: u16,
    pub fees: Decimal,
    pub fees_to_organiser: Decimal,
    pub cost: Decimal,
}

/// A client over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonOutcome {
    pub person: u32,
    /// Months with at least one service line.
    pub months: u32,
    /// The household's gross income (client + spouse) summed over those months.
    pub income: Decimal,
    /// By variant, in the order given.
    pub variants: Vec<VariantOutcome>,
    pub services: Vec<ServiceOutcome>,
    /// (month index, variant, figures) when the simulation keeps months (per-person output).
    pub monthly: Vec<(u16, u8, MonthFigures)>,
}

/// The simulation of a population under variants over months.
pub struct Simulation<'a> {
    pub population: &'a Population,
    pub variants: &'a [Variant],
    pub months: Vec<NaiveDate>,
    /// Reuse a client's figures while nothing they depend on changes (see the module).
    pub reuse: bool,
    /// Keep every month's figures in [`PersonOutcome::monthly`].
    pub keep_months: bool,
}

/// What a month's figures depend on besides the variant: the income rows and service lines.
#[derive(PartialEq, Eq, Clone, Default)]
struct Inputs {
    client_income: Option<u32>,
    spouse_income: Option<u32>,
    lines: Vec<u32>,
}

struct Ceiling {
    year: i32,
    accrued: Decimal,
}

impl<'a> Simulation<'a> {
    pub fn new(population: &'a Population, variants: &'a [Variant], from: NaiveDate, to: NaiveDate) -> Result<Self> {
        if variants.is_empty() {
            return Err(SimError::Input("no tariff to simulate".into()));
        }
        if variants.len() > 64 {
            return Err(SimError::Input("at most 63 reforms at a time".into()));
        }
        Ok(Simulation { population, variants, months: months(from, to)?, reuse: true, keep_months: false })
    }

    /// The persons who have a service line in the period (the clients), in table order.
    pub fn clients(&self) -> Vec<u32> {
        let (first, last) = (self.months[0], *self.months.last().expect("a month"));
        (0..self.population.persons.len() as u32)
            .filter(|&p| self.population.lines_of(p).iter().any(|l| l.from <= last && l.to.is_none_or(|t| t >= first)))
            .collect()
    }

    /// The lines of person `p` in force on `d` (indices into [`Population::lines`]).
    fn active(&self, p: u32, d: NaiveDate, out: &mut Vec<u32>) {
        out.clear();
        let start = self.population.lines_of(p).as_ptr() as usize;
        let base = (start - self.population.lines.as_ptr() as usize) / std::mem::size_of::<LineRec>();
        for (i, l) in self.population.lines_of(p).iter().enumerate() {
            if l.in_force(d) {
                out.push((base + i) as u32);
            }
        }
    }

    /// The scenario of client `p` on `d` (a month's first day), or `None` when the client has no
    /// service line in force then.
    pub fn scenario(&self, p: u32, d: NaiveDate) -> Result<Option<Scenario>> {
        let mut lines = Vec::new();
        self.active(p, d, &mut lines);
        if lines.is_empty() {
            return Ok(None);
        }
        let inputs = self.inputs(p, d, lines)?;
        Ok(Some(self.build(p, d, &inputs)))
    }

    fn inputs(&self, p: u32, d: NaiveDate, lines: Vec<u32>) -> Result<Inputs> {
        let pop = self.population;
        let person = &pop.persons[p as usize];
        let hh = &pop.households[person.household as usize];
        if hh.income_not_given {
            return Ok(Inputs { client_income: None, spouse_income: None, lines });
        }
        let missing = |who: u32| SimError::Row {
            file: pop.files.persons.clone(),
            row: pop.persons[who as usize].row as usize,
            message: format!(
                "person `{}` has no income in force on {d} ({}); give one, or set income_not_given for household `{}`",
                pop.persons[who as usize].id, pop.files.incomes, hh.id
            ),
        };
        let client_income = Some(pop.income_at(p, d).ok_or_else(|| missing(p))?.0);
        let spouse_income = match person.spouse {
            Some(s) => Some(pop.income_at(s, d).ok_or_else(|| missing(s))?.0),
            None => None,
        };
        Ok(Inputs { client_income, spouse_income, lines })
    }

    fn build(&self, p: u32, d: NaiveDate, inputs: &Inputs) -> Scenario {
        let pop = self.population;
        let person = &pop.persons[p as usize];
        let hh = &pop.households[person.household as usize];
        let income = |i: Option<u32>| i.map(|i| pop.person_income(&pop.incomes[i as usize]));
        Scenario {
            date: d,
            household: Household {
                persons: hh.persons,
                client: income(inputs.client_income).unwrap_or_else(Person::default),
                spouse: income(inputs.spouse_income),
                spouse_in_long_term_care: hh.spouse_in_long_term_care,
                income_not_given: hh.income_not_given,
                guarantee_pension: hh.guarantee_pension,
            },
            services: inputs.lines.iter().map(|&l| pop.specs[pop.lines[l as usize].spec as usize].clone()).collect(),
        }
    }

    /// An engine error as an error of the row it comes from.
    fn locate(&self, e: EngineError, p: u32, d: NaiveDate, inputs: &Inputs, variant: &Variant) -> SimError {
        let pop = self.population;
        let person = &pop.persons[p as usize];
        let at = format!("person {}, {}, tariff {}", person.id, &d.to_string()[..7], variant.name);
        let field = match &e {
            EngineError::InvalidInput { field, .. }
            | EngineError::UnknownService { field, .. }
            | EngineError::NotOffered { field, .. }
            | EngineError::Overflow { field } => field.clone(),
            _ => String::new(),
        };
        let message = match &e {
            EngineError::InvalidInput { message, .. } | EngineError::NotOffered { message, .. } => message.clone(),
            other => other.to_string(),
        };
        if let Some(rest) = field.strip_prefix("services[") {
            let (i, col) = rest.split_once(']').unwrap_or((rest, ""));
            let line = i.parse::<usize>().ok().and_then(|i| inputs.lines.get(i));
            if let Some(&l) = line {
                let column = col.trim_start_matches('.');
                return SimError::Cell {
                    file: pop.files.service_use.clone(),
                    row: pop.lines[l as usize].row as usize,
                    column: if column.is_empty() { "service".into() } else { column.into() },
                    message: format!("{message} ({at})"),
                };
            }
        }
        for (prefix, income) in
            [("household.client.", inputs.client_income), ("household.spouse.", inputs.spouse_income)]
        {
            if let (Some(col), Some(i)) = (field.strip_prefix(prefix), income) {
                return SimError::Cell {
                    file: pop.files.incomes.clone(),
                    row: pop.incomes[i as usize].row as usize,
                    column: col.trim_start_matches("deductions.").into(),
                    message: format!("{message} ({at})"),
                };
            }
        }
        if field == "household.persons" {
            return SimError::Cell {
                file: pop.files.households.clone(),
                row: pop.households[person.household as usize].row as usize,
                column: "persons".into(),
                message: format!("{message} ({at})"),
            };
        }
        SimError::engine(at, e)
    }

    /// Simulates client `p` over the months (`None` when the client has no month with services).
    pub fn person(&self, p: u32) -> Result<Option<PersonOutcome>> {
        let pop = self.population;
        let nv = self.variants.len();
        let mut out = PersonOutcome {
            person: p,
            months: 0,
            income: Decimal::ZERO,
            variants: vec![VariantOutcome::default(); nv],
            services: Vec::new(),
            monthly: Vec::new(),
        };
        let mut memo: Vec<Option<(Inputs, usize, Figures)>> = (0..nv).map(|_| None).collect();
        let mut ceilings: Vec<Ceiling> = (0..nv).map(|_| Ceiling { year: 0, accrued: Decimal::ZERO }).collect();
        let mut lines = Vec::new();
        let mut adjusted: Vec<(Decimal, Decimal)> = Vec::new();
        for (mi, &d) in self.months.iter().enumerate() {
            self.active(p, d, &mut lines);
            if lines.is_empty() {
                continue;
            }
            let inputs = self.inputs(p, d, std::mem::take(&mut lines))?;
            out.months += 1;
            let gross = |i: Option<u32>| i.map(|i| pop.incomes[i as usize].gross).unwrap_or_default();
            out.income += gross(inputs.client_income) + gross(inputs.spouse_income);
            let mut scenario: Option<Scenario> = None;
            for (vi, v) in self.variants.iter().enumerate() {
                let epoch = v.epoch(d);
                let fresh = match &memo[vi] {
                    Some((k, e, _)) => !(self.reuse && *e == epoch && *k == inputs),
                    None => true,
                };
                if fresh {
                    let s = scenario.get_or_insert_with(|| self.build(p, d, &inputs));
                    let f =
                        kustannusarvio_engine::figures(&v.tariff, s).map_err(|e| self.locate(e, p, d, &inputs, v))?;
                    memo[vi] = Some((inputs.clone(), epoch, f));
                }
                let f = &memo[vi].as_ref().expect("just set").2;
                let ceiling = *v
                    .tariff
                    .payment_ceiling
                    .yearly
                    .at(d)
                    .map_err(|e| SimError::engine(format!("tariff {}", v.name), e))?;
                let m = apply_ceiling(&mut ceilings[vi], d.year(), ceiling, f, &mut adjusted);
                let o = &mut out.variants[vi];
                o.fees_before_ceiling += m.fees_before_ceiling;
                o.fees += m.fees;
                o.fees_to_organiser += m.fees_to_organiser;
                o.cost += m.cost;
                o.net += m.net;
                o.ceiling_reached |= m.ceiling_reached;
                o.at_cost_cap |= m.at_cost_cap;
                for ((&l, lf), (fee, to_org)) in inputs.lines.iter().zip(&f.lines).zip(&adjusted) {
                    let code = pop.spec_service[pop.lines[l as usize].spec as usize];
                    let s = match out.services.iter_mut().find(|s| s.variant == vi as u8 && s.code == code) {
                        Some(s) => s,
                        None => {
                            out.services.push(ServiceOutcome {
                                variant: vi as u8,
                                code,
                                fees: Decimal::ZERO,
                                fees_to_organiser: Decimal::ZERO,
                                cost: Decimal::ZERO,
                            });
                            out.services.last_mut().expect("pushed")
                        }
                    };
                    s.fees += *fee;
                    s.fees_to_organiser += *to_org;
                    s.cost += lf.organiser_cost_monthly;
                }
                if self.keep_months {
                    out.monthly.push((mi as u16, vi as u8, m));
                }
            }
            lines = inputs.lines;
        }
        Ok((out.months > 0).then_some(out))
    }
}

/// The month's figures after the payment ceiling, and each line's (fee, fee to the organiser)
/// in `adjusted` (before rounding). Without a counting line, or before the ceiling is reached,
/// the figures are the engine's monthly totals exactly.
fn apply_ceiling(
    state: &mut Ceiling,
    year: i32,
    ceiling: Decimal,
    f: &Figures,
    adjusted: &mut Vec<(Decimal, Decimal)>,
) -> MonthFigures {
    adjusted.clear();
    adjusted.extend(f.lines.iter().map(|l| (l.client_fee_monthly, l.fee_to_organiser_monthly)));
    let t = &f.total;
    let mut m = MonthFigures {
        fees_before_ceiling: t.client_fees_monthly,
        fees: t.client_fees_monthly,
        fees_to_organiser: Decimal::ZERO,
        cost: t.organiser_cost_monthly,
        net: t.organiser_net_monthly,
        ceiling_reached: false,
        at_cost_cap: f.lines.iter().any(|l| l.at_cost_cap),
    };
    let counting: Decimal = f.lines.iter().filter(|l| l.ceiling.is_some()).map(|l| l.client_fee_monthly).sum();
    if state.year != year {
        *state = Ceiling { year, accrued: Decimal::ZERO };
    }
    let share_before = if f.lines.iter().all(|l| l.ceiling.is_none()) || state.accrued + counting <= ceiling {
        Decimal::ONE
    } else if state.accrued >= ceiling {
        Decimal::ZERO
    } else {
        (ceiling - state.accrued) / counting
    };
    let to_org_raw: Decimal = f.lines.iter().map(|l| l.fee_to_organiser_monthly).sum();
    if share_before == Decimal::ONE {
        state.accrued += counting;
        m.fees_to_organiser = round_cents(to_org_raw);
        return m;
    }
    // the ceiling is reached this month or was before: counting lines pay their fee for the
    // part of the month before it, the after-ceiling fee for the rest
    state.accrued = ceiling;
    m.ceiling_reached = true;
    for (l, a) in f.lines.iter().zip(adjusted.iter_mut()) {
        if let Some(c) = &l.ceiling {
            let fee = l.client_fee_monthly * share_before
                + c.units_per_month * c.after_ceiling_per_unit * (Decimal::ONE - share_before);
            let to_org = if l.fee_to_organiser_monthly.is_zero() {
                Decimal::ZERO
            } else {
                fee - (l.client_fee_monthly - l.fee_to_organiser_monthly)
            };
            *a = (fee, to_org);
        }
    }
    let fees: Decimal = adjusted.iter().map(|a| a.0).sum();
    let to_org: Decimal = adjusted.iter().map(|a| a.1).sum();
    let cost: Decimal = f.lines.iter().map(|l| l.organiser_cost_monthly).sum();
    m.fees = round_cents(fees);
    m.fees_to_organiser = round_cents(to_org);
    m.net = round_cents(cost - to_org);
    m
}
