//! `kustannusarvio population synth` and `kustannusarvio simulate`: the population view over the
//! same engine (crates/sim, docs/simulation.md). Kept apart from main.rs, which only dispatches.

use chrono::NaiveDate;
use kustannusarvio_sim::job::{Job, PerPerson};
use kustannusarvio_sim::SimError;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum PopulationCmd {
    /// Draw a SYNTHETIC population (invented clients, not real persons) calibrated to published
    /// aggregates (data in crates/sim/data/), deterministic for a seed.
    Synth {
        /// The organisation whose calibration data to use.
        #[arg(long, default_value = "paijat-hame")]
        org: String,
        /// Number of clients.
        #[arg(long)]
        clients: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The year the incomes and service use are drawn for (rows from 1.1. of it).
        #[arg(long, default_value_t = 2026)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// Read and check a population directory (every error names the file, row and column), and
    /// say whether it is in household order (simulated a block at a time, in flat memory).
    Check { dir: PathBuf },
    /// Write a population's tables as CSV in household order (docs/simulation.md), so that
    /// `simulate` reads it a block of households at a time.
    Sort {
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct SimulateArgs {
    /// The baseline tariff directory (with the layers it extends).
    #[arg(long, default_value = "tariffs/paijat-hame")]
    tariffs: PathBuf,
    /// The population directory (households, persons, incomes, service_use as CSV, XLSX or
    /// Parquet) or one workbook with those sheets.
    #[arg(long)]
    population: PathBuf,
    /// First month (a date in it: YYYY-MM-DD or YYYY-MM).
    #[arg(long)]
    from: String,
    /// Last month (a date in it).
    #[arg(long)]
    to: String,
    /// A reform: a tariff overlay directory or .toml file; repeat for variants.
    #[arg(long)]
    reform: Vec<PathBuf>,
    /// The output directory (created): tulokset.xlsx, csv/, raportti.html.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write one row per client, month and variant: csv (henkilot.csv) or parquet.
    #[arg(long, value_parser = ["csv", "parquet"])]
    per_person: Option<String>,
    /// Compute every client-month anew (no reuse of unchanged months; same results, slower).
    #[arg(long)]
    no_reuse: bool,
    /// Print one person's baseline and reform estimates, with the full explanation, as JSON.
    #[arg(long)]
    explain: Option<String>,
    /// With --explain: the month (default: the first month with services in the period).
    #[arg(long)]
    month: Option<String>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

fn fail(e: &SimError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

/// `YYYY-MM-DD` or `YYYY-MM` (the month's first day).
fn date(s: &str, what: &str) -> Result<NaiveDate, SimError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d"))
        .map_err(|_| SimError::Input(format!("{what} `{s}`: expected YYYY-MM-DD or YYYY-MM")))
}

pub fn population(cmd: PopulationCmd) -> ExitCode {
    match cmd {
        PopulationCmd::Synth { org, clients, seed, year, out } => {
            match kustannusarvio_sim::synth::write(&org, clients, seed, year, &out) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        PopulationCmd::Check { dir } => match kustannusarvio_sim::Population::read(&dir) {
            Ok(p) => {
                let clients = (0..p.persons.len() as u32).filter(|&i| p.is_client(i)).count();
                println!(
                    "ok: {} households, {} persons ({clients} clients), {} income rows, {} service lines{}",
                    p.households.len(),
                    p.persons.len(),
                    p.incomes.len(),
                    p.lines.len(),
                    if p.about.synthetic { " — SYNTHETIC population" } else { "" }
                );
                match kustannusarvio_sim::stream::why_not_streamed(&dir) {
                    None => println!("in household order: simulated a block of households at a time"),
                    Some(why) => println!(
                        "not in household order ({why}): simulate reads it whole into memory; \
                         `kustannusarvio population sort` writes it in household order"
                    ),
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        PopulationCmd::Sort { dir, out } => {
            let res = kustannusarvio_sim::Population::read(&dir).and_then(|p| {
                if out.exists() && std::fs::read_dir(&out).map(|mut d| d.next().is_some()).unwrap_or(true) {
                    return Err(SimError::file(&out, "exists and is not empty: give a new directory"));
                }
                kustannusarvio_sim::population::write_csv(&p, &out)
            });
            match res {
                Ok(files) => {
                    for f in files {
                        println!("wrote {}", f.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
    }
}

pub fn simulate(a: SimulateArgs) -> ExitCode {
    let res = (|| -> Result<(), SimError> {
        let from = date(&a.from, "--from")?;
        let to = date(&a.to, "--to")?;
        if let Some(id) = &a.explain {
            let month = a.month.as_deref().map(|m| date(m, "--month")).transpose()?;
            let json = kustannusarvio_sim::explain::explain(&a.tariffs, &a.population, &a.reform, from, to, id, month)?;
            println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
            return Ok(());
        }
        let out = a.out.clone().ok_or_else(|| SimError::Input("--out DIR is required (or --explain ID)".into()))?;
        let job = Job {
            block: kustannusarvio_sim::run::BLOCK,
            tariffs: a.tariffs.clone(),
            population: a.population.clone(),
            from,
            to,
            reforms: a.reform.clone(),
            out,
            per_person: a
                .per_person
                .as_deref()
                .map(|p| if p == "parquet" { PerPerson::Parquet } else { PerPerson::Csv }),
            reuse: !a.no_reuse,
            created: chrono::Local::now().format("%-d.%-m.%Y %H.%M").to_string(),
            program: format!("kustannusarvio {}", env!("CARGO_PKG_VERSION")),
        };
        let bar = Progress::new(a.quiet);
        let done = kustannusarvio_sim::job::execute(&job, &|d, t| bar.update(d, t))?;
        bar.finish();
        if let Some(note) = &done.note {
            eprintln!("note: {note}");
        }
        let r = &done.results;
        if done.synthetic {
            println!("SYNTHETIC population: invented clients, not real persons.");
        }
        for s in &r.summary {
            let name = &r.variants[s.variant].0;
            let change = s
                .change
                .as_ref()
                .map(|c| format!("; fee revenue {:+}, net cost {:+} vs baseline", c.fee_revenue, c.net_cost))
                .unwrap_or_default();
            println!(
                "{name}: {} clients, fee revenue {} €, gross cost {} €, net cost {} €{change}",
                s.clients.normalize(),
                s.fee_revenue,
                s.gross_cost,
                s.net_cost
            );
        }
        for f in &done.files {
            println!("wrote {}", f.display());
        }
        Ok(())
    })();
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// A progress bar on stderr, shown once a run has taken a second (short runs stay silent).
struct Progress {
    bar: indicatif::ProgressBar,
    start: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
    quiet: bool,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        Progress {
            bar: indicatif::ProgressBar::hidden(),
            start: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
            quiet,
        }
    }

    fn update(&self, done: u64, total: u64) {
        use std::sync::atomic::Ordering;
        if self.quiet {
            return;
        }
        if !self.shown.load(Ordering::Relaxed) && self.start.elapsed() >= std::time::Duration::from_secs(1) {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} simulating [{bar:40}] {percent} % {eta}")
            {
                self.bar.set_style(style.progress_chars("=> "));
            }
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
