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
    /// When the run was made and by what (for the report's cover).
    pub created: String,
    pub program: String,
}

pub struct Done {
    pub results: Results,
    pub files: Vec<PathBuf>,
    pub synthetic: bool,
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
    let pop = Population::read(&job.population)?;
    std::fs::create_dir_all(&job.out).map_err(|e| SimError::file(&job.out, e))?;
    let opts = Options { from: job.from, to: job.to, reuse: job.reuse };
    let mut files = Vec::new();
    let results = match job.per_person {
        None => run::run(&pop, &variants, &opts, None, progress)?,
        Some(PerPerson::Csv) => {
            let path = job.out.join("henkilot.csv");
            let mut sink = report::persons::CsvSink::create(&path)?;
            let r = run::run(&pop, &variants, &opts, Some(&mut sink as &mut dyn Sink), progress)?;
            sink.finish()?;
            files.push(path);
            r
        }
        Some(PerPerson::Parquet) => per_person_parquet(job, &pop, &variants, &opts, progress, &mut files)?,
    };
    let meta = Meta {
        population: job.population.display().to_string(),
        about: pop.about.clone(),
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
    report::xlsx::write(&tables, pop.about.synthetic, &xlsx)?;
    files.push(xlsx);
    files.extend(report::csv_out::write(&tables, &job.out.join("csv"))?);
    let html = job.out.join("raportti.html");
    report::html::write(&results, &meta, &tables, &names, &html)?;
    files.push(html);
    Ok(Done { results, files, synthetic: pop.about.synthetic })
}

#[cfg(feature = "parquet")]
fn per_person_parquet(
    job: &Job,
    pop: &Population,
    variants: &[Variant],
    opts: &Options,
    progress: &(dyn Fn(u64, u64) + Sync),
    files: &mut Vec<PathBuf>,
) -> Result<Results> {
    let path = job.out.join("henkilot.parquet");
    let mut sink = crate::parquet_io::PersonSink::create(&path)?;
    let r = run::run(pop, variants, opts, Some(&mut sink as &mut dyn Sink), progress)?;
    sink.finish()?;
    files.push(path);
    Ok(r)
}

#[cfg(not(feature = "parquet"))]
fn per_person_parquet(
    _: &Job,
    _: &Population,
    _: &[Variant],
    _: &Options,
    _: &(dyn Fn(u64, u64) + Sync),
    _: &mut Vec<PathBuf>,
) -> Result<Results> {
    Err(SimError::Input("per-person Parquet needs the `parquet` feature; use --per-person csv".into()))
}
