//! A simulation from files to files: what `kustannusarvio simulate` runs. Reads the tariffs and the
//! population, simulates, and writes the report into the output directory only.

use crate::aggregate::Results;
use crate::error::{Result, SimError};
use crate::population::Population;
use crate::report::{self, Meta};
use crate::run::{self, Options, Sink};
use crate::simulate::Variant;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerPerson {
    Csv,
    Parquet,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub tariffs: PathBuf,
    pub population: PathBuf,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reforms: Vec<PathBuf>,
    pub out: PathBuf,
    pub per_person: Option<PerPerson>,
    pub reuse: bool,
    /// Households read at a time when the tables are streamed ([`run::BLOCK`]).
    pub block: usize,
    /// When the run was made and by what (for the report's cover).
    pub created: String,
    pub program: String,
}

pub struct Done {
    pub results: Results,
    pub files: Vec<PathBuf>,
    pub synthetic: bool,
    /// The population was read a block of households at a time (memory flat in its size);
    /// otherwise it was read whole, and `note` says why when the tables are CSV.
    pub streamed: bool,
    pub note: Option<String>,
}

/// Where the clients come from.
enum Source<'a> {
    Stream(Box<crate::stream::Stream>),
    Whole(&'a Population),
}

/// The baseline and the reforms.
pub fn variants(tariffs: &Path, reforms: &[PathBuf]) -> Result<Vec<Variant>> {
    let (base, layers) = crate::reform::baseline(tariffs)?;
    let mut out = vec![base];
    for r in reforms {
        let v = crate::reform::load(r, &layers)?;
        if out.iter().any(|o| o.name == v.name) {
            return Err(SimError::Input(format!(
                "two reforms are named `{}`: name them apart ([reform] name)",
                v.name
            )));
        }
        out.push(v);
    }
    Ok(out)
}

/// The support services' names of a tariff (code, name), for the report.
pub fn service_names(v: &Variant) -> Vec<(String, String)> {
    kustannusarvio_engine::catalogue::services(&v.tariff)
        .into_iter()
        .filter_map(|s| s.name.map(|n| (s.code, n)))
        .collect()
}

pub fn execute(job: &Job, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<Done> {
    let variants = variants(&job.tariffs, &job.reforms)?;
    let about = crate::stream::about(&job.population)?;
    std::fs::create_dir_all(&job.out).map_err(|e| SimError::file(&job.out, e))?;
    let opts = Options {
        from: job.from,
        to: job.to,
        reuse: job.reuse,
        spill: Some(job.out.clone()),
        spill_after: crate::aggregate::SPILL_BYTES,
    };
    let mut files = Vec::new();
    // first a streamed attempt (CSV tables in household order); anything it cannot do is done
    // again with the population read whole, which gives the same results or the exact error
    let mut note = None;
    let streamed = match crate::stream::Stream::open(&job.population) {
        Ok(Some(mut s)) => {
            s.block = job.block.max(1);
            match simulate(job, &variants, &opts, Source::Stream(Box::new(s)), progress, &mut files) {
                Ok(r) => Some(r),
                Err(e) => {
                    note = Some(format!(
                        "the population was read whole into memory, not a block at a time, because {e} \
                     (docs/simulation.md: household order; `kustannusarvio population sort` writes it)"
                    ));
                    None
                }
            }
        }
        Ok(None) => None,
        Err(e) => {
            note = Some(format!("the population was read whole into memory because {e}"));
            None
        }
    };
    let (results, streamed) = match streamed {
        Some(r) => (r, true),
        None => {
            files.clear();
            let pop = Population::read(&job.population)?;
            (simulate(job, &variants, &opts, Source::Whole(&pop), progress, &mut files)?, false)
        }
    };
    let meta = Meta {
        population: job.population.display().to_string(),
        about: about.clone(),
        tariffs: format!(
            "{} ({} {})",
            job.tariffs.display(),
            variants[0].tariff.organisation.id,
            variants[0].tariff.organisation.version
        ),
        created: job.created.clone(),
        program: job.program.clone(),
    };
    let names = service_names(&variants[0]);
    let tables = report::tables(&results, &meta, &names);
    let xlsx = job.out.join("tulokset.xlsx");
    report::xlsx::write(&tables, about.synthetic, &xlsx)?;
    files.push(xlsx);
    files.extend(report::csv_out::write(&tables, &job.out.join("csv"))?);
    let html = job.out.join("raportti.html");
    report::html::write(&results, &meta, &tables, &names, &html)?;
    files.push(html);
    Ok(Done { results, files, synthetic: about.synthetic, streamed, note })
}

/// Simulates from `source`, writing the per-person file if asked.
fn simulate(
    job: &Job,
    variants: &[Variant],
    opts: &Options,
    source: Source,
    progress: &(dyn Fn(u64, u64) + Sync),
    files: &mut Vec<PathBuf>,
) -> Result<Results> {
    let go = |sink: Option<&mut dyn Sink>| match source {
        Source::Stream(mut s) => run::run_stream(&mut s, variants, opts, sink, progress),
        Source::Whole(pop) => run::run(pop, variants, opts, sink, progress),
    };
    match job.per_person {
        None => go(None),
        Some(PerPerson::Csv) => {
            let path = job.out.join("henkilot.csv");
            let mut sink = report::persons::CsvSink::create(&path)?;
            let r = go(Some(&mut sink as &mut dyn Sink))?;
            sink.finish()?;
            files.push(path);
            Ok(r)
        }
        Some(PerPerson::Parquet) => per_person_parquet(job, go, files),
    }
}

#[cfg(feature = "parquet")]
fn per_person_parquet(
    job: &Job,
    go: impl FnOnce(Option<&mut dyn Sink>) -> Result<Results>,
    files: &mut Vec<PathBuf>,
) -> Result<Results> {
    let path = job.out.join("henkilot.parquet");
    let mut sink = crate::parquet_io::PersonSink::create(&path)?;
    let r = go(Some(&mut sink as &mut dyn Sink))?;
    sink.finish()?;
    files.push(path);
    Ok(r)
}

#[cfg(not(feature = "parquet"))]
fn per_person_parquet(
    _: &Job,
    _: impl FnOnce(Option<&mut dyn Sink>) -> Result<Results>,
    _: &mut Vec<PathBuf>,
) -> Result<Results> {
    Err(SimError::Input("per-person Parquet needs the `parquet` feature; use --per-person csv".into()))
}
