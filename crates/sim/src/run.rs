//! A whole run: the clients in chunks, each chunk simulated in parallel (`rayon`) and then folded
//! into the aggregator and the per-person writer in table order, so the memory used does not grow
//! with the number of client-months (only a few numbers per client are kept; see
//! [`crate::aggregate`]).

use crate::aggregate::{Aggregator, Results};
use crate::error::Result;
use crate::population::Population;
use crate::simulate::{PersonOutcome, Simulation, Variant};
use chrono::NaiveDate;
use rayon::prelude::*;

/// Clients simulated between two folds.
const CHUNK: usize = 4096;

#[derive(Debug, Clone)]
pub struct Options {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Reuse a client's figures while its inputs and the tariff are unchanged (`--no-reuse`: off).
    pub reuse: bool,
}

/// Receives every client's outcome in table order (the per-person output).
pub trait Sink {
    fn client(&mut self, sim: &Simulation, outcome: &PersonOutcome) -> Result<()>;
}

/// Simulates every client. `progress(done, total)` is called after each chunk.
pub fn run(
    pop: &Population,
    variants: &[Variant],
    opts: &Options,
    mut sink: Option<&mut dyn Sink>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Results> {
    let mut sim = Simulation::new(pop, variants, opts.from, opts.to)?;
    sim.reuse = opts.reuse;
    sim.keep_months = sink.is_some();
    let clients = sim.clients();
    let names = variants.iter().map(|v| (v.name.clone(), v.title.clone())).collect();
    let mut agg = Aggregator::new(pop, names, sim.months.clone(), clients.len());
    let total = clients.len() as u64;
    let mut done = 0;
    progress(0, total);
    for chunk in clients.chunks(CHUNK) {
        let outcomes: Vec<Option<PersonOutcome>> =
            chunk.par_iter().map(|&p| sim.person(p)).collect::<Result<Vec<_>>>()?;
        for o in outcomes.iter().flatten() {
            agg.add(o);
            if let Some(s) = sink.as_deref_mut() {
                s.client(&sim, o)?;
            }
        }
        done += chunk.len() as u64;
        progress(done, total);
    }
    Ok(agg.finish())
}
