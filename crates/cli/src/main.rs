//! `kustannusarvio`: the command-line face of the engine.
//!
//! - `kustannusarvio calc --tariffs DIR [--lang fi|sv|en] < scenario.json` prints the estimate as
//!   JSON, its texts in the language asked (Finnish by default).
//! - `kustannusarvio compare --tariffs DIR [--lang fi|sv|en] a.json b.json [c.json]` prints the
//!   packages side by side.
//! - `kustannusarvio tariffs validate DIR` checks a tariff directory.
//! - `kustannusarvio tariffs schema` prints the JSON Schema of tariff files.
//! - `kustannusarvio tariffs report DIR --date D [--format text|csv|xlsx] [--out FILE]`: every
//!   value in force with its source and status, for the controller (`report.rs`).
//! - `kustannusarvio tariffs keygen|root|publish|refresh|diff|verify` and `kustannusarvio update`:
//!   tariff updates on The Update Framework (docs/bundles.md; `commands.rs` over `kustannusarvio_bundle`).

use clap::{Parser, Subcommand};

/// mimalloc: about half the time of an estimate is allocation of explanation text (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
mod commands;
mod report;
mod sim;

use kustannusarvio_engine::i18n::Lang;
use kustannusarvio_engine::{estimate, parse_scenario, EngineError, Tariff};

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}
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
        /// Language of the explanation texts, warnings and names (codes and numbers are the same).
        #[arg(long, default_value = "fi", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Compare two or three scenarios side by side, with differences to the first.
    Compare {
        #[arg(long, default_value = "tariffs/paijat-hame")]
        tariffs: PathBuf,
        #[arg(required = true, num_args = 2..=3)]
        scenarios: Vec<PathBuf>,
        /// Language of the explanation texts, warnings and names (codes and numbers are the same).
        #[arg(long, default_value = "fi", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Run the hand-worked test cases (tests/cases/**/*.toml) and report each that fails.
    Cases {
        /// The case directory.
        #[arg(long, default_value = "tests/cases")]
        dir: PathBuf,
        /// The repository root: `tariff = "x"` is ROOT/tariffs/x, `"fixtures/x"` is
        /// ROOT/tests/fixtures/tariffs/x.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print every case's estimate (or error) as one JSON line instead of the report: the
        /// same on every platform (compared between the Linux and the Windows build).
        #[arg(long)]
        dump: bool,
    },
    /// Populations for the simulation: a synthetic one, or a check of an extract.
    Population {
        #[command(subcommand)]
        cmd: sim::PopulationCmd,
    },
    /// Simulate a population month by month under the tariff and reforms (docs/simulation.md).
    Simulate(Box<sim::SimulateArgs>),
    /// Tariff tools.
    Tariffs {
        #[command(subcommand)]
        cmd: TariffCmd,
    },
    /// Fetch, verify and install the newest tariff from the organisation's TUF repository into a
    /// state directory (docs/bundles.md). Exit code 0: updated or up to date; 3: refused (the
    /// last good tariff stays in force).
    Update {
        /// Base URL of the repository (HTTPS; http only on loopback): `<URL>/metadata/`, `<URL>/targets/`.
        #[arg(long)]
        from: String,
        #[arg(long)]
        state_dir: PathBuf,
        /// The organisation whose tariff this is (selects its trust anchor).
        #[arg(long)]
        organisation: String,
        /// The trust anchor: the organisation's root metadata (default: the one compiled in).
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long)]
        proxy: Option<String>,
        /// Extra root CA (PEM) for the intranet's own certificate authority.
        #[arg(long)]
        ca_cert: Option<PathBuf>,
        /// Seconds for the whole check (every file, every retry).
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Minimum transfer rate in bytes/s after the first seconds of each download.
        #[arg(long, default_value_t = 1024)]
        min_rate: u64,
        #[arg(long, default_value_t = 2)]
        retries: u32,
    },
}

#[derive(Subcommand)]
enum TariffCmd {
    /// Validate a tariff directory.
    Validate { dir: PathBuf },
    /// Print the JSON Schema of tariff source files.
    Schema,
    /// Every value in force on a date: key, title, value, source, verified / unverified /
    /// placeholder, and the counts; as text, CSV or an XLSX sheet for the controller.
    Report {
        dir: PathBuf,
        /// The date (YYYY-MM-DD); today when not given.
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: report::ReportFormat,
        /// Write to this file (required for xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Generate an Ed25519 signing key: NAME.key (secret, PEM PKCS #8) and NAME.pub (TUF public key).
    Keygen {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        name: String,
    },
    /// Write the next root metadata version of a repository: the key ceremony (version 1), key
    /// rotation or revocation (a role given with its new key list), or a longer expiry. Signed
    /// by the --key files: a threshold of the current root keys and of the new ones.
    Root {
        #[arg(long)]
        repo: PathBuf,
        #[arg(long)]
        root_key: Vec<PathBuf>,
        #[arg(long)]
        root_threshold: Option<u64>,
        #[arg(long)]
        targets_key: Vec<PathBuf>,
        #[arg(long)]
        targets_threshold: Option<u64>,
        #[arg(long)]
        snapshot_key: Vec<PathBuf>,
        #[arg(long)]
        timestamp_key: Vec<PathBuf>,
        /// Secret keys that sign this root version.
        #[arg(long, required = true)]
        key: Vec<PathBuf>,
        /// Days until this root version expires.
        #[arg(long, default_value_t = 730)]
        expires: u32,
    },
    /// Validate and build the tariff, run its cases, and publish it into the repository: new
    /// targets, snapshot and timestamp metadata signed by the --key files.
    Publish {
        dir: PathBuf,
        #[arg(long, alias = "out")]
        repo: PathBuf,
        #[arg(long, required = true)]
        key: Vec<PathBuf>,
        /// Days until the targets metadata expires.
        #[arg(long, default_value_t = 400)]
        targets_expires: u32,
        #[arg(long, default_value_t = 400)]
        snapshot_expires: u32,
        /// Days until the timestamp expires (`tariffs refresh` renews it).
        #[arg(long, default_value_t = 30)]
        timestamp_expires: u32,
        /// The test cases to carry and check (default: DIR/../../tests/cases).
        #[arg(long)]
        cases: Option<PathBuf>,
    },
    /// Renew the repository's timestamp (run regularly with the timestamp key, e.g. weekly).
    Refresh {
        #[arg(long)]
        repo: PathBuf,
        #[arg(long, required = true)]
        key: Vec<PathBuf>,
        #[arg(long, default_value_t = 30)]
        timestamp_expires: u32,
    },
    /// Show what changes between two tariffs (directories, repositories or bundle files).
    Diff { old: PathBuf, new: PathBuf },
    /// Verify a repository exactly as a device would (root chain from the anchor, signatures,
    /// versions, hashes, expiry, the tariff and its cases).
    Verify {
        repo: PathBuf,
        /// The trust anchor (default: the organisation's compiled-in root).
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long)]
        organisation: Option<String>,
    },
}

fn text(r: Result<String, String>) -> Result<(), EngineError> {
    use std::io::Write;
    // A closed pipe (`… | head`) is not an error worth a panic.
    r.map(|t| drop(writeln!(std::io::stdout(), "{t}"))).map_err(|m| EngineError::input("tariffs", m))
}

fn fail(e: &EngineError) -> ExitCode {
    fail_in(e, None)
}

/// The error on stderr as JSON: `error` as the engine gives it (its code, field and English
/// message), `message` for people — in the language asked (`calc|compare --lang`), else English.
fn fail_in(e: &EngineError, lang: Option<Lang>) -> ExitCode {
    let message = lang.map_or_else(|| e.to_string(), |l| e.text_in(l));
    let json = serde_json::json!({ "error": e, "message": message });
    eprintln!("{}", serde_json::to_string_pretty(&json).unwrap_or_else(|_| e.to_string()));
    ExitCode::from(2)
}

/// What `tariffs validate` reports: the organisation, its layers, what it overrides and which
/// parameters follow another one (`same_as`).
fn describe_tariff(t: &Tariff) -> String {
    let p = &t.provenance;
    let mut out = format!("ok: {} {} ({})", t.organisation.id, t.organisation.version, t.organisation.name.fi);
    if p.layers.len() > 1 {
        out.push_str(&format!("\nlayers: {}", p.layers.join(" → ")));
        if p.overrides.is_empty() {
            out.push_str("\noverrides: none");
        }
        for o in &p.overrides {
            out.push_str(&format!("\noverrides {}: {} (layer {})", o.base, o.parameter, o.layer));
        }
    }
    for (param, target) in &p.references {
        out.push_str(&format!("\nsame as: {param} = {target}"));
    }
    out
}

/// `tariffs validate DIR`: an organisation's directory is loaded with the layer it extends; a
/// base layer (no `[organisation]`, e.g. `tariffs/national`) is checked through every sibling
/// organisation that extends it.
fn validate(dir: &Path) -> Result<String, EngineError> {
    use kustannusarvio_engine::tariff;
    let layer = tariff::read_layer(dir)?;
    if tariff::organisation_table(&layer)?.is_some() {
        return load(dir).map(|t| describe_tariff(&t));
    }
    let mut users = Vec::new();
    if let Some(parent) = dir.parent() {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(parent)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
            .unwrap_or_default();
        dirs.sort();
        for d in dirs {
            let Ok(l) = tariff::read_layer(&d) else { continue };
            if tariff::declared_base(&l).ok().flatten().as_deref() == Some(layer.name.as_str()) {
                let t = load(&d)?;
                users.push(t.organisation.id.clone());
            }
        }
    }
    if users.is_empty() {
        return Err(EngineError::tariff(
            dir.display().to_string(),
            None,
            "a base layer (no [organisation]) that no sibling organisation extends",
        ));
    }
    Ok(format!(
        "ok: {} (base layer, {} files), extended by: {} (each loads and validates)",
        layer.name,
        layer.files.len(),
        users.join(", ")
    ))
}

/// `kustannusarvio cases`: every case under `dir`, in name order; `true` when none fails (a case
/// marked `known_issue` is reported but does not fail).
fn run_cases(dir: &Path, root: &Path, dump: bool) -> Result<bool, EngineError> {
    use kustannusarvio_engine::cases::{check, parse_case, TariffRef};
    use std::io::Write;
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(base, &p, out)?;
            } else if p.extension().is_some_and(|x| x == "toml") {
                // the name with `/` on every platform
                let rel = p.strip_prefix(base).unwrap_or(&p);
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                out.push((name, p));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files).map_err(|e| EngineError::input("dir", format!("{}: {e}", dir.display())))?;
    files.sort();
    let mut tariffs: std::collections::BTreeMap<String, Tariff> = Default::default();
    let (mut passed, mut failed, mut known) = (0, 0, 0);
    let mut out = std::io::stdout().lock();
    for (name, path) in files {
        let text = std::fs::read_to_string(&path).map_err(|e| EngineError::input("dir", format!("{name}: {e}")))?;
        let case = parse_case(&name, &text)?;
        if !tariffs.contains_key(&case.tariff) {
            let tdir = match case.tariff_ref() {
                TariffRef::Shipped(id) => root.join("tariffs").join(id),
                TariffRef::Fixture(id) => root.join("tests").join("fixtures").join("tariffs").join(id),
            };
            tariffs.insert(case.tariff.clone(), load(&tdir)?);
        }
        let t = &tariffs[&case.tariff];
        if dump {
            let json = case.scenario.to_string();
            let line = match kustannusarvio_engine::estimate_json(t, &json) {
                Ok(e) => serde_json::to_string(&e).unwrap_or_default(),
                Err(e) => format!("ERR {}", serde_json::to_string(&e).unwrap_or_default()),
            };
            let _ = writeln!(out, "{name} {line}");
            continue;
        }
        let mismatches = check(t, &case);
        match (&case.known_issue, mismatches.is_empty()) {
            (None, true) => passed += 1,
            (Some(_), false) => known += 1,
            (Some(_), true) => {
                failed += 1;
                let _ = writeln!(out, "{name}: passes now; remove its known_issue mark");
            }
            (None, false) => {
                failed += 1;
                let _ = writeln!(out, "FAIL {name} — {} ({})", case.title, case.law);
                for m in mismatches {
                    let _ = writeln!(out, "    {m}");
                }
            }
        }
    }
    if !dump {
        let _ = writeln!(out, "cases: {passed} passed, {failed} failed, {known} known issues");
    }
    Ok(failed == 0)
}

fn load(dir: &Path) -> Result<Tariff, EngineError> {
    kustannusarvio_engine::load_dir(dir)
}

fn read_scenario(path: Option<&Path>) -> Result<kustannusarvio_engine::Scenario, EngineError> {
    let text = match path {
        Some(p) => {
            std::fs::read_to_string(p).map_err(|e| EngineError::input(p.display().to_string(), e.to_string()))?
        }
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
    let lang = match &cli.cmd {
        Cmd::Calc { lang, .. } | Cmd::Compare { lang, .. } => Some(*lang),
        _ => None,
    };
    let res = match cli.cmd {
        Cmd::Calc { tariffs, scenario, lang } => load(&tariffs).and_then(|t| {
            let s = read_scenario(scenario.as_deref())?;
            let e = estimate(&t, &s)?.in_lang(lang);
            println!("{}", serde_json::to_string_pretty(&e).unwrap_or_default());
            Ok(())
        }),
        Cmd::Compare { tariffs, scenarios, lang } => load(&tariffs).and_then(|t| {
            let mut ests = Vec::new();
            for p in &scenarios {
                let s = read_scenario(Some(p)).map_err(|e| match e {
                    EngineError::InvalidInput { field, message, problem } => {
                        EngineError::InvalidInput { field: format!("{}: {field}", p.display()), message, problem }
                    }
                    other => other,
                })?;
                ests.push(estimate(&t, &s)?.in_lang(lang));
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&kustannusarvio_engine::compare::compare(
                    &scenarios.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                    &ests
                ))
                .unwrap_or_default()
            );
            Ok(())
        }),
        Cmd::Tariffs { cmd: TariffCmd::Validate { dir } } => validate(&dir).map(|t| println!("{t}")),
        Cmd::Tariffs { cmd: TariffCmd::Schema } => {
            println!(
                "{}",
                serde_json::to_string_pretty(&kustannusarvio_engine::tariff::json_schema()).unwrap_or_default()
            );
            Ok(())
        }
        Cmd::Tariffs { cmd: TariffCmd::Report { dir, date, format, out } } => {
            text(report::run(&dir, date.as_deref(), format, out.as_deref()))
        }
        Cmd::Tariffs { cmd: TariffCmd::Keygen { out, name } } => text(commands::keygen(&out, &name)),
        Cmd::Tariffs {
            cmd:
                TariffCmd::Root {
                    repo,
                    root_key,
                    root_threshold,
                    targets_key,
                    targets_threshold,
                    snapshot_key,
                    timestamp_key,
                    key,
                    expires,
                },
        } => text(commands::root(&commands::RootArgs {
            repo,
            root: (root_key, root_threshold),
            targets: (targets_key, targets_threshold),
            snapshot: snapshot_key,
            timestamp: timestamp_key,
            keys: key,
            expires,
        })),
        Cmd::Tariffs {
            cmd: TariffCmd::Publish { dir, repo, key, targets_expires, snapshot_expires, timestamp_expires, cases },
        } => text(commands::publish(&dir, &repo, &key, (targets_expires, snapshot_expires, timestamp_expires), cases)),
        Cmd::Tariffs { cmd: TariffCmd::Refresh { repo, key, timestamp_expires } } => {
            text(commands::refresh(&repo, &key, timestamp_expires))
        }
        Cmd::Tariffs { cmd: TariffCmd::Diff { old, new } } => text(commands::diff(&old, &new)),
        Cmd::Tariffs { cmd: TariffCmd::Verify { repo, root, organisation } } => {
            text(commands::verify(&repo, root.as_deref(), organisation.as_deref()))
        }
        Cmd::Population { cmd } => return sim::population(cmd),
        Cmd::Simulate(args) => return sim::simulate(*args),
        Cmd::Cases { dir, root, dump } => {
            return match run_cases(&dir, &root, dump) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(e) => fail(&e),
            }
        }
        Cmd::Update { from, state_dir, organisation, root, proxy, ca_cert, timeout, min_rate, retries } => {
            let args = commands::UpdateArgs {
                from,
                state_dir,
                organisation,
                root,
                proxy,
                ca_cert,
                timeout_secs: timeout,
                min_rate,
                retries,
            };
            return match commands::update(&args) {
                Ok((json, ok)) => {
                    use std::io::Write;
                    let _ = writeln!(std::io::stdout(), "{json}");
                    if ok {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(3)
                    }
                }
                Err(m) => fail(&EngineError::input("update", m)),
            };
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail_in(&e, lang),
    }
}
