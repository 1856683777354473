//! `simulate --explain ID`: one person's month as the simulation sees it — the scenario it built,
//! the full estimate (with every explanation step) under the baseline and each reform, and the
//! month's simulated figures after the payment ceiling.

use crate::error::{Result, SimError};
use crate::population::Population;
use crate::simulate::Simulation;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

pub fn explain(
    tariffs: &Path,
    population: &Path,
    reforms: &[PathBuf],
    from: NaiveDate,
    to: NaiveDate,
    id: &str,
    month: Option<NaiveDate>,
) -> Result<serde_json::Value> {
    let variants = crate::job::variants(tariffs, reforms)?;
    let pop = Population::read(population)?;
    let p =
        pop.person_index(id).ok_or_else(|| SimError::Input(format!("no person `{id}` in {}", pop.files.persons)))?;
    let mut sim = Simulation::new(&pop, &variants, from, to)?;
    sim.keep_months = true;
    let month = match month {
        Some(m) => {
            let m = m.with_day(1).expect("day 1");
            if !sim.months.contains(&m) {
                return Err(SimError::Input(format!("--month {} is outside --from … --to", m.format("%Y-%m"))));
            }
            m
        }
        None => {
            let mut first = None;
            for &m in &sim.months {
                if sim.scenario(p, m)?.is_some() {
                    first = Some(m);
                    break;
                }
            }
            first.ok_or_else(|| SimError::Input(format!("person `{id}` has no service line in force in the period")))?
        }
    };
    let scenario = sim
        .scenario(p, month)?
        .ok_or_else(|| SimError::Input(format!("person `{id}` has no service line in force on {month}")))?;
    let outcome = sim.person(p)?;
    let mi = sim.months.iter().position(|m| *m == month).unwrap_or(0) as u16;
    let mut out = Vec::new();
    for (vi, v) in variants.iter().enumerate() {
        let estimate = kustannusarvio_engine::estimate(&v.tariff, &scenario)
            .map_err(|e| SimError::engine(format!("person {id}, {}, tariff {}", month.format("%Y-%m"), v.name), e))?;
        let simulated = outcome
            .as_ref()
            .and_then(|o| o.monthly.iter().find(|(m, x, _)| *m == mi && *x as usize == vi))
            .map(|(_, _, f)| serde_json::to_value(f).unwrap_or_default());
        out.push(serde_json::json!({
            "name": v.name,
            "title": v.title,
            "simulated_month": simulated,
            "estimate": estimate,
        }));
    }
    Ok(serde_json::json!({
        "person": id,
        "synthetic": pop.about.synthetic,
        "month": month.format("%Y-%m").to_string(),
        "note": "estimate: the engine's estimate of the month's scenario (monthly figures before the payment ceiling; yearly as its 12-month view). simulated_month: the simulation's month after the payment ceiling, accrued month by month over the calendar year from --from.",
        "scenario": scenario,
        "variants": out,
    }))
}
