//! A SYNTHETIC population: invented clients drawn to published aggregates (the calibration file
//! `data/synth/<org>.toml`: each aggregate with its source, year and whether it is confirmed), for
//! demonstrations, tests and organisations without an extract. Deterministic: the same seed gives
//! the same population, byte for byte. Every output of a simulation over it says it is synthetic.

use crate::error::{Result, SimError};
use crate::population::{About, ExtraIncome, HouseholdRec, IncomeRec, PersonRec, Population, Sex};
use chrono::NaiveDate;
use kustannusarvio_engine::scenario::{Production, ServiceLine};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::Path;

/// The calibration files shipped in the binary, by organisation.
const CALIBRATIONS: [(&str, &str); 1] = [("paijat-hame", include_str!("../data/synth/paijat-hame.toml"))];

#[derive(Debug, Clone, Deserialize)]
pub struct Sourced {
    pub description: String,
    pub source: String,
    #[serde(default)]
    pub url: Option<String>,
    pub year: i32,
    pub verified: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgeGroup {
    pub min: u8,
    pub max: u8,
    pub men: u64,
    pub women: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgeGroups {
    pub groups: Vec<AgeGroup>,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Shares4 {
    pub shares: [f64; 4],
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ByMain {
    pub home_care: f64,
    pub housing: f64,
    pub informal_care: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Maple {
    pub home_care: [f64; 5],
    pub housing: [f64; 5],
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Pension {
    pub mean_men: f64,
    pub mean_women: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PensionShape {
    pub mean: f64,
    pub median: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Growth {
    pub per_year: f64,
    pub first_year: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NetIncome {
    pub zero_at: f64,
    pub high: f64,
    pub rate_at_high: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MainService {
    pub home_care: f64,
    pub round_the_clock_housing: f64,
    pub communal_housing: f64,
    pub informal_care_support: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IntensityClass {
    pub share: f64,
    pub min_visits: f64,
    pub max_visits: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Intensity {
    pub classes: Vec<IntensityClass>,
    pub minutes_per_visit: [u32; 2],
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Coverage {
    pub whole_country: toml::Table,
    pub paijat_hame: toml::Table,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Support {
    pub safety_phone: f64,
    pub meal_delivery: f64,
    pub meals_per_week: [u32; 2],
    pub short_term_care: f64,
    pub short_term_days: [u32; 2],
    pub day_activity: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InformalCare {
    pub transitional_share: f64,
    pub carers_per_1000: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Churn {
    pub start_during_year: f64,
    pub end_during_year: f64,
    #[serde(flatten)]
    pub meta: Sourced,
}

/// The calibration of one organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    pub organisation: String,
    pub name: String,
    pub age_groups: AgeGroups,
    pub living_alone: Shares4,
    pub multimorbidity: Shares4,
    pub joint_social_health: ByMain,
    pub maple: Maple,
    pub pension: Pension,
    pub pension_shape: PensionShape,
    pub pension_growth: Growth,
    pub net_income: NetIncome,
    pub housing_costs: Range,
    pub main_service: MainService,
    pub home_care_intensity: Intensity,
    pub home_care_coverage: Coverage,
    pub support_services: Support,
    pub informal_care: InformalCare,
    pub churn: Churn,
}

impl Calibration {
    pub fn of(org: &str) -> Result<Calibration> {
        let text = CALIBRATIONS.iter().find(|(o, _)| *o == org).map(|(_, t)| *t).ok_or_else(|| {
            let known = CALIBRATIONS.iter().map(|(o, _)| *o).collect::<Vec<_>>().join(", ");
            SimError::Input(format!("no calibration for `{org}` (known: {known})"))
        })?;
        toml::from_str(text).map_err(|e| SimError::Input(format!("data/synth/{org}.toml: {}", e.message())))
    }

    /// Every aggregate with its source: (section, metadata).
    pub fn sources(&self) -> Vec<(&'static str, &Sourced)> {
        vec![
            ("age_groups", &self.age_groups.meta),
            ("living_alone", &self.living_alone.meta),
            ("multimorbidity", &self.multimorbidity.meta),
            ("joint_social_health", &self.joint_social_health.meta),
            ("maple", &self.maple.meta),
            ("pension", &self.pension.meta),
            ("pension_shape", &self.pension_shape.meta),
            ("pension_growth", &self.pension_growth.meta),
            ("net_income", &self.net_income.meta),
            ("housing_costs", &self.housing_costs.meta),
            ("main_service", &self.main_service.meta),
            ("home_care_intensity", &self.home_care_intensity.meta),
            ("home_care_coverage", &self.home_care_coverage.meta),
            ("support_services", &self.support_services.meta),
            ("informal_care", &self.informal_care.meta),
            ("churn", &self.churn.meta),
        ]
    }
}

/// SplitMix64: a small, well-known generator; one stream per client, so a client's draws do not
/// depend on the others.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    /// Index by weights.
    fn pick(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

fn euros(x: f64) -> Decimal {
    Decimal::from_f64_retain(x).map(|d| d.round_dp(2)).unwrap_or_default()
}

fn dec1(x: f64) -> Decimal {
    Decimal::from_f64_retain(x).map(|d| d.round_dp(1).normalize()).unwrap_or_default()
}

/// Monthly pension of a person of `sex` in `year`: lognormal around the organisation's mean.
fn pension(c: &Calibration, r: &mut Rng, sex: Sex, year: i32) -> f64 {
    let sigma = (2.0 * (c.pension_shape.mean / c.pension_shape.median).ln()).sqrt();
    let mean = if sex == Sex::Male { c.pension.mean_men } else { c.pension.mean_women };
    let years = (year - c.pension.meta.year).max(0);
    let growth = if years == 0 { 1.0 } else { c.pension_growth.first_year * c.pension_growth.per_year.powi(years - 1) };
    let mu = (mean * growth).ln() - sigma * sigma / 2.0;
    (mu + sigma * r.normal()).exp().clamp(600.0, 20_000.0)
}

fn net_of(c: &Calibration, gross: f64) -> f64 {
    let n = &c.net_income;
    let rate = ((gross - n.zero_at) / (n.high - n.zero_at)).clamp(0.0, 1.0) * n.rate_at_high;
    gross * (1.0 - rate)
}

/// Draws `clients` clients (with their spouses) for `year`.
pub fn generate(c: &Calibration, clients: u64, seed: u64, year: i32) -> Result<Population> {
    if clients == 0 || clients > 5_000_000 {
        return Err(SimError::Input("--clients: 1 … 5 000 000".into()));
    }
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| SimError::Input(format!("year {year}")))?;
    let mut households = Vec::new();
    let mut persons = Vec::new();
    let mut incomes = Vec::new();
    let mut lines = Vec::new();
    let group_weights: Vec<f64> = c.age_groups.groups.iter().map(|g| (g.men + g.women) as f64).collect();
    let main = &c.main_service;
    let main_weights =
        [main.home_care, main.round_the_clock_housing, main.communal_housing, main.informal_care_support];
    for i in 0..clients {
        let mut r = Rng::new(seed, i);
        let g = r.pick(&group_weights);
        let grp = &c.age_groups.groups[g];
        let sex = if r.chance(grp.women as f64 / (grp.men + grp.women) as f64) { Sex::Female } else { Sex::Male };
        let age = r.int(u32::from(grp.min), u32::from(grp.max)) as u8;
        let alone = r.chance(c.living_alone.shares[g]);
        let kind = r.pick(&main_weights);
        let housing = kind == 1;
        let hh = households.len() as u32;
        let client = persons.len() as u32;
        households.push(HouseholdRec {
            id: format!("H{:07}", i + 1).into(),
            persons: if alone { 1 } else { 2 },
            income_not_given: false,
            spouse_in_long_term_care: false,
            guarantee_pension: false,
            row: hh + 2,
        });
        let maple_w = if housing { &c.maple.housing } else { &c.maple.home_care };
        let joint_p = match kind {
            1 | 2 => c.joint_social_health.housing,
            3 => c.joint_social_health.informal_care,
            _ => c.joint_social_health.home_care,
        };
        let multi = r.chance(c.multimorbidity.shares[g]);
        persons.push(PersonRec {
            id: format!("A{:07}", i + 1).into(),
            household: hh,
            spouse: if alone { None } else { Some(client + 1) },
            age,
            sex,
            weight: Decimal::ONE,
            n_chronic: if multi { r.int(2, 6) as u8 } else { r.int(0, 1) as u8 },
            joint_social_health: r.chance(joint_p),
            maple: Some(r.pick(maple_w) as u8 + 1),
            living_alone: alone,
            row: client + 2,
        });
        let gross = pension(c, &mut r, sex, year);
        let mut extra = ExtraIncome::default();
        if housing {
            extra.deductions.housing = euros(r.between(c.housing_costs.min, c.housing_costs.max).round());
        }
        incomes.push((
            IncomeRec {
                person: client,
                from: jan1,
                to: None,
                gross: euros(gross),
                net: euros(net_of(c, gross)),
                extra: None,
                row: 0,
            },
            extra,
        ));
        if !alone {
            let s_sex = if sex == Sex::Female { Sex::Male } else { Sex::Female };
            let s_age = (i64::from(age) + i64::from(r.int(0, 8)) - 4).clamp(60, 105) as u8;
            persons.push(PersonRec {
                id: format!("S{:07}", i + 1).into(),
                household: hh,
                spouse: Some(client),
                age: s_age,
                sex: s_sex,
                weight: Decimal::ONE,
                n_chronic: r.int(0, 2) as u8,
                joint_social_health: false,
                maple: None,
                living_alone: false,
                row: client + 3,
            });
            let sg = pension(c, &mut r, s_sex, year);
            incomes.push((
                IncomeRec {
                    person: client + 1,
                    from: jan1,
                    to: None,
                    gross: euros(sg),
                    net: euros(net_of(c, sg)),
                    extra: None,
                    row: 0,
                },
                ExtraIncome::default(),
            ));
        }
        // the period of the client's services this year
        let from = if r.chance(c.churn.start_during_year) {
            NaiveDate::from_ymd_opt(year, r.int(2, 12), 1).unwrap_or(jan1)
        } else {
            jan1
        };
        let to = if r.chance(c.churn.end_during_year) {
            let m = r.int(from.format("%m").to_string().parse().unwrap_or(1), 12);
            let next =
                if m == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, m + 1, 1) };
            next.and_then(|d| d.pred_opt())
        } else {
            None
        };
        let mut add = |l: ServiceLine| lines.push((client, from, to, l));
        match kind {
            1 => {
                let prod = if r.chance(0.6) { Production::Own } else { Production::Purchased };
                add(ServiceLine::new("round_the_clock_housing", prod));
            }
            2 => {
                let mut l = ServiceLine::new("communal_housing", Production::Own);
                l.hours_per_month = Some(Decimal::from(r.int(5, 40)));
                add(l);
                if r.chance(0.7) {
                    let mut m = ServiceLine::new("communal_meals", Production::Own);
                    m.level = Some(if r.chance(0.7) {
                        kustannusarvio_engine::scenario::MealLevel::Full
                    } else {
                        kustannusarvio_engine::scenario::MealLevel::Partial
                    });
                    add(m);
                }
            }
            3 => {
                let mut l = ServiceLine::new("informal_care_support", Production::Own);
                l.care_class =
                    Some(if r.chance(c.informal_care.transitional_share) { "transitional" } else { "basic" }.into());
                add(l);
                if r.chance(0.5) {
                    let mut leave = ServiceLine::new("informal_care_leave", Production::Own);
                    leave.days_per_month = Some(Decimal::from(r.int(2, 3)));
                    add(leave);
                }
            }
            _ => {
                let hc = &c.home_care_intensity;
                let w: Vec<f64> = hc.classes.iter().map(|k| k.share).collect();
                let k = &hc.classes[r.pick(&w)];
                let prod = if r.chance(0.85) { Production::Own } else { Production::Purchased };
                let mut l = ServiceLine::new("home_care", prod);
                l.visits_per_week = Some(dec1(r.between(k.min_visits, k.max_visits)));
                l.minutes_per_visit =
                    Some(Decimal::from(5 * r.int(hc.minutes_per_visit[0] / 5, hc.minutes_per_visit[1] / 5)));
                add(l);
                let s = &c.support_services;
                if r.chance(s.safety_phone) {
                    add(ServiceLine::new("safety_phone", Production::Own));
                }
                if r.chance(s.meal_delivery) {
                    let mut m = ServiceLine::new("meal_delivery", Production::Own);
                    m.meals_per_week = Some(Decimal::from(r.int(s.meals_per_week[0], s.meals_per_week[1])));
                    add(m);
                }
                if r.chance(s.short_term_care) {
                    let mut m = ServiceLine::new("short_term_care", Production::Own);
                    m.days_per_month = Some(Decimal::from(r.int(s.short_term_days[0], s.short_term_days[1])));
                    add(m);
                }
                if r.chance(s.day_activity) {
                    let mut m = ServiceLine::new("day_activity", Production::Own);
                    m.days_per_week = Some(Decimal::from(r.int(1, 2)));
                    add(m);
                }
            }
        }
    }
    let mut pop = Population::from_parts(households, persons, incomes, lines)?;
    let unverified = c.sources().iter().filter(|(_, m)| !m.verified).count();
    pop.about = About {
        synthetic: true,
        description: format!(
            "SYNTEETTINEN väestö: {clients} keksittyä asiakasta ({}), siemen {seed}, vuosi {year}. Ei oikeita henkilöitä.",
            c.name
        ),
        organisation: Some(c.organisation.clone()),
        seed: Some(seed),
        clients: Some(clients),
        calibration: Some(format!(
            "crates/sim/data/synth/{}.toml: {} aggregates with sources, {unverified} of them unverified assumptions",
            c.organisation,
            c.sources().len()
        )),
    };
    Ok(pop)
}

/// `population synth`: generates and writes; returns the message to print.
pub fn write(org: &str, clients: u64, seed: u64, year: i32, out: &Path) -> Result<String> {
    let c = Calibration::of(org)?;
    let pop = generate(&c, clients, seed, year)?;
    let files = crate::population::write_csv(&pop, out)?;
    let unverified: Vec<&str> = c.sources().iter().filter(|(_, m)| !m.verified).map(|(n, _)| *n).collect();
    Ok(format!(
        "SYNTHETIC population (invented clients, not real persons): {clients} clients, {} persons, {} service lines, seed {seed}, year {year}\n\
         calibrated to {} published aggregates of {} (crates/sim/data/synth/{org}.toml); unverified assumptions: {}\n\
         wrote {}",
        pop.persons.len(),
        pop.lines.len(),
        c.sources().len() - unverified.len(),
        c.name,
        unverified.join(", "),
        files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
    ))
}
