//! A whole run: the clients in chunks, each chunk simulated in parallel (`rayon`) and then folded
//! into the aggregator and the per-person writer in table order, so the memory used does not grow
//! with the number of client-months (only a few numbers per client are kept; see
//! [`crate::aggregate`]). [`run_stream`] also reads the population a block of households at a
//! time ([`crate::stream`]), the next block while the current one is simulated, so the population
//! is never whole in memory either.

use crate::aggregate::{Aggregator, Results};
use crate::error::Result;
use crate::population::Population;
use crate::simulate::{PersonOutcome, Simulation, Variant};
use crate::stream::Stream;
use chrono::NaiveDate;
use rayon::prelude::*;

/// Clients simulated between two folds.
const CHUNK: usize = 4096;
/// Households read at a time by [`run_stream`].
pub const BLOCK: usize = 4096;

#[derive(Debug, Clone)]
pub struct Options {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Reuse a client's figures while its inputs and the tariff are unchanged (`--no-reuse`: off).
    pub reuse: bool,
    /// Where the per-client figures may go when they outgrow memory (the output directory; see
    /// [`Aggregator::new`]). `None`: kept in memory.
    pub spill: Option<std::path::PathBuf>,
    /// Bytes of per-client figures kept in memory before they go to `spill`
    /// ([`crate::aggregate::SPILL_BYTES`]; tests set 0 to take the file path).
    pub spill_after: usize,
}

/// Receives every client's outcome in table order (the per-person output).
pub trait Sink: Send {
    fn client(&mut self, sim: &Simulation, outcome: &PersonOutcome) -> Result<()>;
}

/// Simulates every client of a population read whole. `progress(done, total)` is called after
/// each chunk (in clients).
pub fn run(
    pop: &Population,
    variants: &[Variant],
    opts: &Options,
    mut sink: Option<&mut dyn Sink>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Results> {
    let mut agg = aggregator(variants, opts)?;
    simulate(pop, variants, opts, &mut agg, &mut sink, progress)?;
    agg.finish(&pop.service_codes)
}

/// Simulates every client of a population read a block of households at a time: the same
/// results as [`run`] on the whole population (tested), in memory that does not grow with it.
/// `progress(done, total)` is called after each block (in households). An error of the stream
/// may only mean that the tables are not in household order ([`crate::stream`]).
pub fn run_stream(
    stream: &mut Stream,
    variants: &[Variant],
    opts: &Options,
    mut sink: Option<&mut dyn Sink>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Results> {
    let mut agg = aggregator(variants, opts)?;
    let total = stream.households_hint.max(1);
    progress(0, total);
    let mut block = stream.next_block(stream.block)?;
    while let Some(pop) = block {
        let read = stream.households_read();
        let (next, done) = rayon::join(
            || stream.next_block(stream.block),
            || simulate(&pop, variants, opts, &mut agg, &mut sink, &|_, _| {}),
        );
        done?;
        progress(read.min(total), total);
        block = next?;
    }
    progress(total, total);
    agg.finish(stream.service_codes())
}

fn aggregator(variants: &[Variant], opts: &Options) -> Result<Aggregator> {
    let months = crate::simulate::months(opts.from, opts.to)?;
    let names = variants.iter().map(|v| (v.name.clone(), v.title.clone())).collect();
    Ok(Aggregator::new(names, months, opts.spill.clone(), opts.spill_after))
}

/// Simulates the clients of `pop` in chunks, folding each into `agg` and `sink` in table order;
/// `progress(clients done, clients)` before the first chunk and after each.
fn simulate(
    pop: &Population,
    variants: &[Variant],
    opts: &Options,
    agg: &mut Aggregator,
    sink: &mut Option<&mut dyn Sink>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<()> {
    let mut sim = Simulation::new(pop, variants, opts.from, opts.to)?;
    sim.reuse = opts.reuse;
    sim.keep_months = sink.is_some();
    let clients = sim.clients();
    let total = clients.len() as u64;
    let mut done = 0;
    progress(0, total);
    for chunk in clients.chunks(CHUNK) {
        let outcomes: Vec<Option<PersonOutcome>> =
            chunk.par_iter().map(|&p| sim.person(p)).collect::<Result<Vec<_>>>()?;
        for o in outcomes.iter().flatten() {
            agg.add(pop, o);
            if let Some(s) = sink.as_deref_mut() {
                s.client(&sim, o)?;
            }
        }
        done += chunk.len() as u64;
        progress(done, total);
    }
    Ok(())
}
