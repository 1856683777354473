//! A population: four tables (docs/simulation.md has the schema and an example).
//!
//! - `households`: `household_id`, `persons` (the family size of the fee tables), optional
//!   `income_not_given`, `spouse_in_long_term_care`, `guarantee_pension`;
//! - `persons`: `person_id` (pseudonymous), `household_id`, optional `spouse_id`, `age`, `sex`,
//!   `weight` and the segment flags `n_chronic`, `joint_social_health`, `maple`, `living_alone`;
//! - `incomes`: `person_id`, `from`, `to`, and the scenario contract's income fields per month
//!   (`gross_income`, `net_income`, `forest_income_yearly`, the deductions);
//! - `service_use`: `person_id`, `from`, `to`, `service`, `production` and the quantity fields of
//!   the scenario contract's service line, in its units.
//!
//! Dated rows are in force from `from` to `to` inclusive (`to` empty: open). A person with service
//! lines is a client; the others are spouses whose incomes count for the household. Everything
//! is checked as it is read, and every error names the file, row and column.
//!
//! In memory the population is compact (service lines interned: a row is 24 bytes; see
//! BENCHMARKS.md for the memory sweep).

use crate::error::{Result, SimError};
use crate::parse;
use crate::table::{self, Table};
use chrono::NaiveDate;
use kustannusarvio_engine::scenario::{Deductions, LegalBasis, MealLevel, Person, Production, ServiceLine};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest income, deduction or price accepted (euros).
const MAX_MONEY: i64 = 10_000_000;
/// The largest quantity accepted in a service line (the engine checks each against its own limit).
const MAX_QUANTITY: i64 = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct HouseholdRec {
    pub id: Box<str>,
    pub persons: u32,
    pub income_not_given: bool,
    pub spouse_in_long_term_care: bool,
    /// The client receives the guarantee pension (takuueläke): the organisation's exemptions.
    pub guarantee_pension: bool,
    pub row: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sex {
    Female,
    Male,
    Other,
}

impl Sex {
    pub fn code(self) -> &'static str {
        match self {
            Sex::Female => "f",
            Sex::Male => "m",
            Sex::Other => "x",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonRec {
    pub id: Box<str>,
    pub household: u32,
    pub spouse: Option<u32>,
    pub age: u8,
    pub sex: Sex,
    /// Survey weight: how many clients the row stands for (1 for a register extract).
    pub weight: Decimal,
    /// Number of chronic conditions (multimorbidity: 2 or more).
    pub n_chronic: u8,
    /// Client of both social and health services (sote-yhteisasiakas).
    pub joint_social_health: bool,
    /// MAPLe_5 care-need class 1–5 (RAI), when known.
    pub maple: Option<u8>,
    pub living_alone: bool,
    pub row: u32,
}

/// One dated income row.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomeRec {
    pub person: u32,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub gross: Decimal,
    pub net: Decimal,
    /// Index into [`Population::extras`] when forest income or a deduction is given.
    pub extra: Option<u32>,
    pub row: u32,
}

/// Forest income (yearly) and deductions of an income row, kept apart: most rows have none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExtraIncome {
    pub forest_income_yearly: Decimal,
    pub deductions: Deductions,
}

/// One dated service line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRec {
    pub person: u32,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// Index into [`Population::specs`].
    pub spec: u32,
    pub row: u32,
}

impl LineRec {
    pub fn in_force(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

impl IncomeRec {
    pub fn in_force(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

/// What the population says about itself (`population.toml`, written by `population synth`).
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct About {
    /// A synthetic population: every output says so.
    #[serde(default)]
    pub synthetic: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub seed: Option<u64>,
    #[serde(default)]
    pub clients: Option<u64>,
    /// The calibration targets it was drawn to, with their sources.
    #[serde(default)]
    pub calibration: Option<String>,
}

/// The files the tables were read from (for errors).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Files {
    pub households: String,
    pub persons: String,
    pub incomes: String,
    pub service_use: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Population {
    pub households: Vec<HouseholdRec>,
    pub persons: Vec<PersonRec>,
    /// Sorted by person, then `from`.
    pub incomes: Vec<IncomeRec>,
    pub extras: Vec<ExtraIncome>,
    /// Sorted by person, then `from`, then row.
    pub lines: Vec<LineRec>,
    /// The distinct service lines (interned).
    pub specs: Vec<ServiceLine>,
    /// Each spec's service code, as an index into [`Population::service_codes`].
    pub spec_service: Vec<u16>,
    pub service_codes: Vec<String>,
    income_start: Vec<u32>,
    line_start: Vec<u32>,
    pub files: Files,
    pub about: About,
}

impl Population {
    /// Reads a population directory (or one workbook with the four sheets).
    pub fn read(dir: &Path) -> Result<Population> {
        let mut b = Builder::default();
        if !dir.exists() {
            return Err(SimError::file(dir, "no such directory or workbook"));
        }
        b.pop.about = crate::stream::about(dir)?;
        let path = |n| table::locate(dir, n);
        b.households(&path("households")?)?;
        b.persons(&path("persons")?)?;
        b.incomes(&path("incomes")?)?;
        b.service_use(&path("service_use")?)?;
        b.finish()
    }

    /// The income rows of person `p`.
    pub fn incomes_of(&self, p: u32) -> &[IncomeRec] {
        let p = p as usize;
        &self.incomes[self.income_start[p] as usize..self.income_start[p + 1] as usize]
    }

    /// The service lines of person `p`.
    pub fn lines_of(&self, p: u32) -> &[LineRec] {
        let p = p as usize;
        &self.lines[self.line_start[p] as usize..self.line_start[p + 1] as usize]
    }

    /// Whether person `p` has any service line (is a client).
    pub fn is_client(&self, p: u32) -> bool {
        !self.lines_of(p).is_empty()
    }

    /// The index of the person with this id.
    pub fn person_index(&self, id: &str) -> Option<u32> {
        self.persons.iter().position(|p| &*p.id == id).map(|i| i as u32)
    }

    /// The engine's person of an income row.
    pub fn person_income(&self, r: &IncomeRec) -> Person {
        let extra = r.extra.map(|i| self.extras[i as usize].clone()).unwrap_or_default();
        Person {
            gross_income: r.gross,
            net_income: r.net,
            forest_income_yearly: extra.forest_income_yearly,
            deductions: extra.deductions,
        }
    }

    /// The income row of person `p` in force on `d`.
    pub fn income_at(&self, p: u32, d: NaiveDate) -> Option<(u32, &IncomeRec)> {
        let start = self.income_start[p as usize];
        self.incomes_of(p).iter().enumerate().rev().find(|(_, r)| r.in_force(d)).map(|(i, r)| (start + i as u32, r))
    }

    /// Builds the population from its records (the synthetic generator, tests): sorts, indexes
    /// and checks it as [`Population::read`] does.
    pub fn from_parts(
        households: Vec<HouseholdRec>,
        persons: Vec<PersonRec>,
        incomes: Vec<(IncomeRec, ExtraIncome)>,
        lines: Vec<(u32, NaiveDate, Option<NaiveDate>, ServiceLine)>,
    ) -> Result<Population> {
        let mut b = Builder::default();
        b.pop.files = Files {
            households: "households".into(),
            persons: "persons".into(),
            incomes: "incomes".into(),
            service_use: "service_use".into(),
        };
        b.pop.households = households;
        b.pop.persons = persons;
        for (mut r, e) in incomes {
            r.extra = b.extra(e);
            b.pop.incomes.push(r);
        }
        for (i, (person, from, to, line)) in lines.into_iter().enumerate() {
            let spec = b.intern(line);
            b.pop.lines.push(LineRec { person, from, to, spec, row: i as u32 + 2 });
        }
        b.finish()
    }
}

#[derive(Default)]
pub(crate) struct Builder {
    pub(crate) pop: Population,
    pub(crate) household_ids: HashMap<Box<str>, u32>,
    pub(crate) person_ids: HashMap<Box<str>, u32>,
    spec_ids: HashMap<String, u32>,
    /// spouse ids as read (resolved once every person is known), with the row.
    spouse_ids: Vec<(u32, Box<str>, usize)>,
}

/// Interns a service line into the population's specs (the same line is stored once).
fn intern_into(pop: &mut Population, ids: &mut HashMap<String, u32>, line: ServiceLine) -> u32 {
    let key = serde_json::to_string(&line).unwrap_or_default();
    if let Some(&i) = ids.get(&key) {
        return i;
    }
    let code = match pop.service_codes.iter().position(|c| *c == line.service) {
        Some(c) => c as u16,
        None => {
            pop.service_codes.push(line.service.clone());
            (pop.service_codes.len() - 1) as u16
        }
    };
    pop.specs.push(line);
    pop.spec_service.push(code);
    let i = pop.specs.len() as u32 - 1;
    ids.insert(key, i);
    i
}

/// Keeps an income row's forest income and deductions apart, when it has any.
fn extra_into(pop: &mut Population, e: ExtraIncome) -> Option<u32> {
    if e == ExtraIncome::default() {
        return None;
    }
    pop.extras.push(e);
    Some(pop.extras.len() as u32 - 1)
}

fn u32_row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Builder {
    fn extra(&mut self, e: ExtraIncome) -> Option<u32> {
        extra_into(&mut self.pop, e)
    }

    fn intern(&mut self, line: ServiceLine) -> u32 {
        intern_into(&mut self.pop, &mut self.spec_ids, line)
    }

    fn households(&mut self, path: &Path) -> Result<()> {
        let t = Table::open(path, "households")?;
        self.pop.files.households = t.file.clone();
        let c = households_columns(&t)?;
        self.pop.households.reserve_exact(t.rows_hint);
        self.household_ids.reserve(t.rows_hint);
        t.for_each(|row| self.household_row(row, &c))?;
        Ok(())
    }

    pub(crate) fn household_row(&mut self, row: &table::Row, c: &[Option<usize>]) -> Result<()> {
        let id = parse::id(row, c[0], "the household's id")?;
        let persons =
            parse::integer(row, c[1], 1, 30)?.ok_or_else(|| row.error(c[1].unwrap_or(0), "is empty: required"))?;
        if self.household_ids.insert(Box::<str>::from(id), self.pop.households.len() as u32).is_some() {
            return Err(row.error(c[0].unwrap_or(0), format!("household `{id}` is given twice")));
        }
        self.pop.households.push(HouseholdRec {
            id: id.into(),
            persons: persons as u32,
            income_not_given: parse::boolean(row, c[2])?.unwrap_or(false),
            spouse_in_long_term_care: parse::boolean(row, c[3])?.unwrap_or(false),
            guarantee_pension: parse::boolean(row, c[4])?.unwrap_or(false),
            row: u32_row(row.number),
        });
        Ok(())
    }

    fn persons(&mut self, path: &Path) -> Result<()> {
        let t = Table::open(path, "persons")?;
        self.pop.files.persons = t.file.clone();
        let c = persons_columns(&t)?;
        self.pop.persons.reserve_exact(t.rows_hint);
        self.person_ids.reserve(t.rows_hint);
        t.for_each(|row| self.person_row(row, &c))?;
        self.spouses()
    }

    pub(crate) fn person_row(&mut self, row: &table::Row, c: &[Option<usize>]) -> Result<()> {
        let id = parse::id(row, c[0], "the person's id")?;
        let hh = parse::id(row, c[1], "the household's id")?;
        let household = *self
            .household_ids
            .get(hh)
            .ok_or_else(|| row.error(c[1].unwrap_or(0), format!("household `{hh}` is not in the households table")))?;
        let sex = match parse::required(row, c[4], "sex")?.to_lowercase().as_str() {
            "f" | "n" | "nainen" | "female" | "2" => Sex::Female,
            "m" | "mies" | "male" | "1" => Sex::Male,
            "x" | "muu" | "other" => Sex::Other,
            s => return Err(row.error(c[4].unwrap_or(0), format!("`{s}` is not a sex (f, m or x)"))),
        };
        let weight = parse::decimal(row, c[5], Decimal::from(1_000_000))?.unwrap_or(Decimal::ONE);
        if weight.is_zero() {
            return Err(row.error(c[5].unwrap_or(0), "a weight must be more than 0"));
        }
        let index = self.pop.persons.len() as u32;
        if self.person_ids.insert(id.into(), index).is_some() {
            return Err(row.error(c[0].unwrap_or(0), format!("person `{id}` is given twice")));
        }
        let spouse = parse::cell(row, c[2]);
        if !spouse.is_empty() {
            self.spouse_ids.push((index, spouse.into(), row.number));
        }
        self.pop.persons.push(PersonRec {
            id: id.into(),
            household,
            spouse: None,
            age: parse::integer(row, c[3], 0, 120)?
                .ok_or_else(|| row.error(c[3].unwrap_or(0), "is empty: the age is required"))? as u8,
            sex,
            weight,
            n_chronic: parse::integer(row, c[6], 0, 50)?.unwrap_or(0) as u8,
            joint_social_health: parse::boolean(row, c[7])?.unwrap_or(false),
            maple: parse::integer(row, c[8], 1, 5)?.map(|m| m as u8),
            living_alone: parse::boolean(row, c[9])?.unwrap_or(false),
            row: u32_row(row.number),
        });
        Ok(())
    }

    /// Resolves the spouse ids read: known, of the same household, each other's, in a household
    /// of two or more.
    pub(crate) fn spouses(&mut self) -> Result<()> {
        let file = self.pop.files.persons.clone();
        let column = "spouse_id".to_string();
        for (p, sid, row) in std::mem::take(&mut self.spouse_ids) {
            let err = |m: String| SimError::Cell { file: file.clone(), row, column: column.clone(), message: m };
            let s = *self.person_ids.get(&sid).ok_or_else(|| err(format!("person `{sid}` is not in the table")))?;
            if s == p {
                return Err(err("a person cannot be their own spouse".into()));
            }
            let (pp, sp) = (&self.pop.persons[p as usize], &self.pop.persons[s as usize]);
            if pp.household != sp.household {
                return Err(err(format!("`{sid}` lives in another household")));
            }
            if self.pop.households[pp.household as usize].persons < 2 {
                return Err(err(format!(
                    "household `{}` has persons = 1 but a spouse is given",
                    self.pop.households[pp.household as usize].id
                )));
            }
            self.pop.persons[p as usize].spouse = Some(s);
        }
        for (i, p) in self.pop.persons.iter().enumerate() {
            if let Some(s) = p.spouse {
                if self.pop.persons[s as usize].spouse != Some(i as u32) {
                    return Err(SimError::Cell {
                        file: file.clone(),
                        row: p.row as usize,
                        column: "spouse_id".into(),
                        message: format!(
                            "`{}` does not name `{}` as spouse in return",
                            self.pop.persons[s as usize].id, p.id
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn incomes(&mut self, path: &Path) -> Result<()> {
        let t = Table::open(path, "incomes")?;
        self.pop.files.incomes = t.file.clone();
        let c = incomes_columns(&t)?;
        self.pop.incomes.reserve_exact(t.rows_hint);
        t.for_each(|row| self.income_row(row, &c))?;
        Ok(())
    }

    pub(crate) fn income_row(&mut self, row: &table::Row, c: &[Option<usize>]) -> Result<()> {
        let max = Decimal::from(MAX_MONEY);
        let id = parse::id(row, c[0], "the person's id")?;
        let person = *self
            .person_ids
            .get(id)
            .ok_or_else(|| row.error(c[0].unwrap_or(0), format!("person `{id}` is not in the persons table")))?;
        let (from, to) = period(row, c[1], c[2])?;
        let m = |i: usize| parse::money(row, c[i], max).map(Option::unwrap_or_default);
        let extra = ExtraIncome {
            forest_income_yearly: m(5)?,
            deductions: Deductions {
                maintenance: m(6)?,
                guardianship: m(7)?,
                foreclosure: m(8)?,
                compensation: m(9)?,
                medicines: m(10)?,
                housing: m(11)?,
            },
        };
        let gross = parse::money(row, c[3], max)?
            .ok_or_else(|| row.error(c[3].unwrap_or(0), "is empty: write 0 for no income"))?;
        let net = parse::money(row, c[4], max)?
            .ok_or_else(|| row.error(c[4].unwrap_or(0), "is empty: write 0 for no income"))?;
        let extra = extra_into(&mut self.pop, extra);
        self.pop.incomes.push(IncomeRec { person, from, to, gross, net, extra, row: u32_row(row.number) });
        Ok(())
    }

    fn service_use(&mut self, path: &Path) -> Result<()> {
        let t = Table::open(path, "service_use")?;
        self.pop.files.service_use = t.file.clone();
        let c = service_use_columns(&t)?;
        self.pop.lines.reserve_exact(t.rows_hint);
        t.for_each(|row| self.line_row(row, &c))?;
        Ok(())
    }

    pub(crate) fn line_row(&mut self, row: &table::Row, c: &[Option<usize>]) -> Result<()> {
        let q = Decimal::from(MAX_QUANTITY);
        let id = parse::id(row, c[0], "the person's id")?;
        let person = *self
            .person_ids
            .get(id)
            .ok_or_else(|| row.error(c[0].unwrap_or(0), format!("person `{id}` is not in the persons table")))?;
        let (from, to) = period(row, c[1], c[2])?;
        let service = parse::id(row, c[3], "the service code")?;
        let production = match parse::required(row, c[4], "the production method")? {
            "own" => Production::Own,
            "purchased" => Production::Purchased,
            "voucher" => Production::Voucher,
            s => {
                return Err(
                    row.error(c[4].unwrap_or(0), format!("`{s}` is not a production method (own, purchased, voucher)"))
                )
            }
        };
        let mut l = ServiceLine::new(service, production);
        let d = |i: usize| parse::decimal(row, c[5 + i], q);
        l.hours_per_month = d(0)?;
        l.visits_per_week = d(1)?;
        l.visits_per_day = d(2)?;
        l.minutes_per_visit = d(3)?;
        l.meals_per_week = d(4)?;
        l.times_per_week = d(5)?;
        l.days_per_week = d(6)?;
        l.days_per_month = d(7)?;
        l.visits_per_month = d(8)?;
        l.times_per_month = d(9)?;
        l.provider_price_per_hour = parse::money(row, c[15], q)?;
        l.provider_price_per_day = parse::money(row, c[16], q)?;
        l.provider_price_per_unit = parse::money(row, c[17], q)?;
        l.level = match parse::cell(row, c[18]) {
            "" => None,
            "full" => Some(MealLevel::Full),
            "partial" => Some(MealLevel::Partial),
            s => return Err(row.error(c[18].unwrap_or(0), format!("`{s}` is not a level (full, partial)"))),
        };
        l.legal_basis = match parse::cell(row, c[19]) {
            "" => None,
            "social_welfare" => Some(LegalBasis::SocialWelfare),
            "health_care" => Some(LegalBasis::HealthCare),
            s => {
                return Err(
                    row.error(c[19].unwrap_or(0), format!("`{s}` is not a legal basis (social_welfare, health_care)"))
                )
            }
        };
        let text = |i: usize| Some(parse::cell(row, c[i])).filter(|s| !s.is_empty()).map(str::to_string);
        l.care_class = text(20);
        l.staff = text(21);
        l.label = text(22);
        l.specialist_nurse_visit = parse::boolean(row, c[23])?.unwrap_or(false);
        let spec = intern_into(&mut self.pop, &mut self.spec_ids, l);
        self.pop.lines.push(LineRec { person, from, to, spec, row: u32_row(row.number) });
        Ok(())
    }

    /// Sorts and indexes by person; checks that no person has two incomes in force at once.
    pub(crate) fn finish(self) -> Result<Population> {
        let n = self.pop.persons.len();
        let mut pop = self.pop;
        pop.incomes.sort_by_key(|r| (r.person, r.from, r.row));
        pop.lines.sort_by_key(|r| (r.person, r.from, r.row));
        for w in pop.incomes.windows(2) {
            if w[0].person == w[1].person && w[0].to.is_none_or(|t| t >= w[1].from) {
                return Err(SimError::Row {
                    file: pop.files.incomes.clone(),
                    row: w[1].row as usize,
                    message: format!(
                        "person `{}` already has an income in force on {} (row {}): end it with `to` first",
                        pop.persons[w[1].person as usize].id, w[1].from, w[0].row
                    ),
                });
            }
        }
        pop.income_start = offsets(n, pop.incomes.iter().map(|r| r.person));
        pop.line_start = offsets(n, pop.lines.iter().map(|r| r.person));
        // what the simulation keeps, without the slack of growing while reading
        pop.households.shrink_to_fit();
        pop.persons.shrink_to_fit();
        pop.incomes.shrink_to_fit();
        pop.extras.shrink_to_fit();
        pop.lines.shrink_to_fit();
        pop.specs.shrink_to_fit();
        Ok(pop)
    }
}

pub(crate) fn households_columns(t: &Table) -> Result<Vec<Option<usize>>> {
    t.columns(&[
        ("household_id", true),
        ("persons", true),
        ("income_not_given", false),
        ("spouse_in_long_term_care", false),
        ("guarantee_pension", false),
    ])
}

pub(crate) fn persons_columns(t: &Table) -> Result<Vec<Option<usize>>> {
    t.columns(&[
        ("person_id", true),
        ("household_id", true),
        ("spouse_id", false),
        ("age", true),
        ("sex", true),
        ("weight", false),
        ("n_chronic", false),
        ("joint_social_health", false),
        ("maple", false),
        ("living_alone", false),
    ])
}

pub(crate) fn incomes_columns(t: &Table) -> Result<Vec<Option<usize>>> {
    t.columns(&[
        ("person_id", true),
        ("from", true),
        ("to", false),
        ("gross_income", true),
        ("net_income", true),
        ("forest_income_yearly", false),
        ("maintenance", false),
        ("guardianship", false),
        ("foreclosure", false),
        ("compensation", false),
        ("medicines", false),
        ("housing", false),
    ])
}

pub(crate) fn service_use_columns(t: &Table) -> Result<Vec<Option<usize>>> {
    const DECIMALS: [&str; 12] = [
        "hours_per_month",
        "visits_per_week",
        "visits_per_day",
        "minutes_per_visit",
        "meals_per_week",
        "times_per_week",
        "days_per_week",
        "days_per_month",
        "visits_per_month",
        "times_per_month",
        "provider_price_per_hour",
        "provider_price_per_day",
    ];
    let mut cols: Vec<(&str, bool)> =
        vec![("person_id", true), ("from", true), ("to", false), ("service", true), ("production", true)];
    cols.extend(DECIMALS.iter().map(|d| (*d, false)));
    cols.extend([
        ("provider_price_per_unit", false),
        ("level", false),
        ("legal_basis", false),
        ("care_class", false),
        ("staff", false),
        ("label", false),
        ("specialist_nurse_visit", false),
    ]);
    t.columns(&cols)
}

/// `from` (required) and `to` (optional, not before `from`).
fn period(row: &table::Row, from: Option<usize>, to: Option<usize>) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let f =
        parse::date(row, from)?.ok_or_else(|| row.error(from.unwrap_or(0), "is empty: the start date is required"))?;
    let t = parse::date(row, to)?;
    if let Some(t) = t {
        if t < f {
            return Err(row.error(to.unwrap_or(0), format!("{t} is before `from` {f}")));
        }
    }
    Ok((f, t))
}

/// A CSV write error naming the file.
fn werr(p: &Path) -> impl Fn(csv::Error) -> SimError + '_ {
    move |e| SimError::file(p, e)
}

/// CSR offsets of sorted person indices: `start[p]..start[p + 1]`.
fn offsets(n: usize, persons: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut counts = vec![0u32; n + 1];
    for p in persons {
        counts[p as usize + 1] += 1;
    }
    for i in 1..=n {
        counts[i] += counts[i - 1];
    }
    counts
}

/// The population files written by [`write_csv`].
pub const TABLES: [&str; 4] = ["households", "persons", "incomes", "service_use"];

/// Writes a population as the four CSV tables (standard dialect) and `population.toml`, in
/// household order ([`crate::stream`]): the persons of each household together in the
/// households' order, the incomes and service lines of each person together in the persons'.
pub fn write_csv(pop: &Population, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| SimError::file(dir, e))?;
    let mut order: Vec<u32> = (0..pop.persons.len() as u32).collect();
    order.sort_by_key(|&p| (pop.persons[p as usize].household, p));
    let mut written = Vec::new();
    let open = |name: &str| -> Result<(csv::Writer<std::io::BufWriter<std::fs::File>>, PathBuf)> {
        let p = dir.join(format!("{name}.csv"));
        let f = std::fs::File::create(&p).map_err(|e| SimError::file(&p, e))?;
        Ok((csv::Writer::from_writer(std::io::BufWriter::new(f)), p))
    };
    let b = |v: bool| if v { "true" } else { "false" };
    let dec = |d: Decimal| if d.is_zero() { String::new() } else { d.to_string() };
    let opt = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();

    let (mut w, p) = open("households")?;
    w.write_record(["household_id", "persons", "income_not_given", "spouse_in_long_term_care", "guarantee_pension"])
        .map_err(werr(&p))?;
    for h in &pop.households {
        w.write_record([
            &*h.id,
            &h.persons.to_string(),
            b(h.income_not_given),
            b(h.spouse_in_long_term_care),
            b(h.guarantee_pension),
        ])
        .map_err(werr(&p))?;
    }
    w.flush().map_err(|e| SimError::file(&p, e))?;
    written.push(p);

    let (mut w, p) = open("persons")?;
    w.write_record([
        "person_id",
        "household_id",
        "spouse_id",
        "age",
        "sex",
        "weight",
        "n_chronic",
        "joint_social_health",
        "maple",
        "living_alone",
    ])
    .map_err(werr(&p))?;
    for x in order.iter().map(|&p| &pop.persons[p as usize]) {
        let spouse = x.spouse.map(|s| pop.persons[s as usize].id.to_string()).unwrap_or_default();
        w.write_record([
            &*x.id,
            &*pop.households[x.household as usize].id,
            &spouse,
            &x.age.to_string(),
            x.sex.code(),
            &x.weight.to_string(),
            &x.n_chronic.to_string(),
            b(x.joint_social_health),
            &x.maple.map(|m| m.to_string()).unwrap_or_default(),
            b(x.living_alone),
        ])
        .map_err(werr(&p))?;
    }
    w.flush().map_err(|e| SimError::file(&p, e))?;
    written.push(p);

    let (mut w, p) = open("incomes")?;
    w.write_record([
        "person_id",
        "from",
        "to",
        "gross_income",
        "net_income",
        "forest_income_yearly",
        "maintenance",
        "guardianship",
        "foreclosure",
        "compensation",
        "medicines",
        "housing",
    ])
    .map_err(werr(&p))?;
    for r in order.iter().flat_map(|&p| pop.incomes_of(p)) {
        let e = r.extra.map(|i| pop.extras[i as usize].clone()).unwrap_or_default();
        let d = &e.deductions;
        w.write_record([
            pop.persons[r.person as usize].id.to_string(),
            r.from.to_string(),
            date(r.to),
            r.gross.to_string(),
            r.net.to_string(),
            dec(e.forest_income_yearly),
            dec(d.maintenance),
            dec(d.guardianship),
            dec(d.foreclosure),
            dec(d.compensation),
            dec(d.medicines),
            dec(d.housing),
        ])
        .map_err(werr(&p))?;
    }
    w.flush().map_err(|e| SimError::file(&p, e))?;
    written.push(p);

    let (mut w, p) = open("service_use")?;
    w.write_record([
        "person_id",
        "from",
        "to",
        "service",
        "production",
        "hours_per_month",
        "visits_per_week",
        "visits_per_day",
        "minutes_per_visit",
        "meals_per_week",
        "times_per_week",
        "days_per_week",
        "days_per_month",
        "visits_per_month",
        "times_per_month",
        "provider_price_per_hour",
        "provider_price_per_day",
        "provider_price_per_unit",
        "level",
        "legal_basis",
        "care_class",
        "staff",
        "label",
        "specialist_nurse_visit",
    ])
    .map_err(werr(&p))?;
    for r in order.iter().flat_map(|&p| pop.lines_of(p)) {
        let l = &pop.specs[r.spec as usize];
        w.write_record([
            pop.persons[r.person as usize].id.to_string(),
            r.from.to_string(),
            date(r.to),
            l.service.clone(),
            l.production.code().to_string(),
            opt(l.hours_per_month),
            opt(l.visits_per_week),
            opt(l.visits_per_day),
            opt(l.minutes_per_visit),
            opt(l.meals_per_week),
            opt(l.times_per_week),
            opt(l.days_per_week),
            opt(l.days_per_month),
            opt(l.visits_per_month),
            opt(l.times_per_month),
            opt(l.provider_price_per_hour),
            opt(l.provider_price_per_day),
            opt(l.provider_price_per_unit),
            match l.level {
                Some(MealLevel::Full) => "full".into(),
                Some(MealLevel::Partial) => "partial".into(),
                None => String::new(),
            },
            match l.legal_basis {
                Some(LegalBasis::SocialWelfare) => "social_welfare".into(),
                Some(LegalBasis::HealthCare) => "health_care".into(),
                None => String::new(),
            },
            l.care_class.clone().unwrap_or_default(),
            l.staff.clone().unwrap_or_default(),
            l.label.clone().unwrap_or_default(),
            if l.specialist_nurse_visit { "true".into() } else { String::new() },
        ])
        .map_err(werr(&p))?;
    }
    w.flush().map_err(|e| SimError::file(&p, e))?;
    written.push(p);

    let about = dir.join("population.toml");
    let text = toml::to_string(&pop.about).map_err(|e| SimError::file(&about, e))?;
    std::fs::write(&about, text).map_err(|e| SimError::file(&about, e))?;
    written.push(about);
    Ok(written)
}
