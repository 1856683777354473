//! `kustannusarvio`: the command-line face of the engine.
//!
//! - `kustannusarvio calc --tariffs DIR < scenario.json` prints the estimate as JSON.
//! - `kustannusarvio compare --tariffs DIR a.json b.json [c.json]` prints the packages side by side.
//! - `kustannusarvio tariffs validate DIR` checks a tariff directory.
//! - `kustannusarvio tariffs schema` prints the JSON Schema of tariff files.

use clap::{Parser, Subcommand};
use kustannusarvio::{estimate, parse_scenario, EngineError, Tariff};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "kustannusarvio", version, about = "Client fees and organiser costs of elderly services")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Compute one scenario (JSON on stdin or --scenario FILE) and print the estimate as JSON.
    Calc {
        #[arg(long, default_value = "tariffs/paijat-hame")]
        tariffs: PathBuf,
        #[arg(long)]
        scenario: Option<PathBuf>,
    },
    /// Compare two or three scenarios side by side, with differences to the first.
    Compare {
        #[arg(long, default_value = "tariffs/paijat-hame")]
        tariffs: PathBuf,
        #[arg(required = true, num_args = 2..=3)]
        scenarios: Vec<PathBuf>,
    },
    /// Tariff tools.
    Tariffs {
        #[command(subcommand)]
        cmd: TariffCmd,
    },
}

#[derive(Subcommand)]
enum TariffCmd {
    /// Validate a tariff directory.
    Validate { dir: PathBuf },
    /// Print the JSON Schema of tariff source files.
    Schema,
}

fn fail(e: &EngineError) -> ExitCode {
    let json = serde_json::json!({ "error": e, "message": e.to_string() });
    eprintln!("{}", serde_json::to_string_pretty(&json).unwrap_or_else(|_| e.to_string()));
    ExitCode::from(2)
}

fn load(dir: &Path) -> Result<Tariff, EngineError> {
    kustannusarvio::load_dir(dir)
}

fn read_scenario(path: Option<&Path>) -> Result<kustannusarvio::Scenario, EngineError> {
    let text = match path {
        Some(p) => std::fs::read_to_string(p).map_err(|e| EngineError::input(p.display().to_string(), e.to_string()))?,
        None => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map_err(|e| EngineError::input("stdin", e.to_string()))?;
            s
        }
    };
    parse_scenario(&text)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Calc { tariffs, scenario } => load(&tariffs).and_then(|t| {
            let s = read_scenario(scenario.as_deref())?;
            let e = estimate(&t, &s)?;
            println!("{}", serde_json::to_string_pretty(&e).unwrap_or_default());
            Ok(())
        }),
        Cmd::Compare { tariffs, scenarios } => load(&tariffs).and_then(|t| {
            let mut ests = Vec::new();
            for p in &scenarios {
                let s = read_scenario(Some(p)).map_err(|e| match e {
                    EngineError::InvalidInput { field, message } => {
                        EngineError::InvalidInput { field: format!("{}: {field}", p.display()), message }
                    }
                    other => other,
                })?;
                ests.push(estimate(&t, &s)?);
            }
            println!("{}", serde_json::to_string_pretty(&kustannusarvio::compare::compare(&scenarios.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(), &ests)).unwrap_or_default());
            Ok(())
        }),
        Cmd::Tariffs { cmd: TariffCmd::Validate { dir } } => load(&dir).map(|t| {
            println!("ok: {} {} ({})", t.organisation.id, t.organisation.version, t.organisation.name);
        }),
        Cmd::Tariffs { cmd: TariffCmd::Schema } => {
            println!("{}", serde_json::to_string_pretty(&kustannusarvio::tariff::json_schema()).unwrap_or_default());
            Ok(())
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}
