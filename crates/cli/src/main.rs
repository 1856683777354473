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
//! - `kustannusarvio tariffs keygen|build|sign|publish|diff` and `kustannusarvio update`:
//!   signed tariff bundles (docs/bundles.md; logic in `commands.rs` over `kustannusarvio_bundle`).

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
    /// Fetch, verify and install the newest signed tariff bundle into a two-slot state directory.
    Update {
        /// Base URL of the published directory (HTTPS; http only on loopback).
        #[arg(long)]
        from: String,
        #[arg(long)]
        state_dir: PathBuf,
        /// Expected organisation; by default pinned on first install.
        #[arg(long)]
        organisation: Option<String>,
        #[arg(long, default_value = "stable")]
        channel: String,
        /// Trust the *.pub keys of this directory instead of the keys compiled into the binary.
        #[arg(long)]
        trusted_keys: Option<PathBuf>,
        /// Signatures required (overrides the `threshold` line of the key files).
        #[arg(long)]
        threshold: Option<usize>,
        #[arg(long)]
        proxy: Option<String>,
        /// Extra root CA (PEM) for the intranet's own certificate authority.
        #[arg(long)]
        ca_cert: Option<PathBuf>,
        #[arg(long, default_value_t = 60)]
        timeout: u64,
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
    /// Generate an Ed25519 signing key pair (NAME.key secret, NAME.pub public).
    Keygen {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Validate a tariff directory and build an unsigned bundle + manifest into OUT.
    Build {
        dir: PathBuf,
        #[arg(long)]
        serial: u64,
        #[arg(long, default_value = "stable")]
        channel: String,
        /// Days until the manifest expires (clients then warn, still compute offline).
        #[arg(long, default_value_t = 400)]
        expires: u32,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        publication: PublicationArgs,
    },
    /// Add a signature to OUT/manifest.sig (run once per signer: author, reviewer).
    Sign {
        out: PathBuf,
        #[arg(long)]
        key: PathBuf,
    },
    /// Validate, build, sign and write a static directory for any web server.
    Publish {
        dir: PathBuf,
        #[arg(long, required = true)]
        key: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Default: the published serial + 1.
        #[arg(long)]
        serial: Option<u64>,
        #[arg(long, default_value = "stable")]
        channel: String,
        #[arg(long, default_value_t = 400)]
        expires: u32,
        #[command(flatten)]
        publication: PublicationArgs,
    },
    /// Show what changes between two tariffs (directories, published directories or bundles).
    Diff { old: PathBuf, new: PathBuf },
    /// Verify a published or signed directory as a client would (signatures, hash, tariff).
    Verify {
        dir: PathBuf,
        /// Trust the *.pub keys of this directory instead of the keys compiled into the binary.
        #[arg(long)]
        trusted_keys: Option<PathBuf>,
        #[arg(long)]
        threshold: Option<usize>,
        #[arg(long)]
        channel: Option<String>,
    },
}

#[derive(clap::Args)]
struct PublicationArgs {
    /// The test cases to carry and check (default: DIR/../../tests/cases).
    #[arg(long)]
    cases: Option<PathBuf>,
    /// Announce a new trusted key (.pub file) in the manifest (key rotation).
    #[arg(long)]
    announce_key: Vec<PathBuf>,
    /// Tell clients to stop trusting a key id.
    #[arg(long)]
    retire_key: Vec<String>,
}

impl PublicationArgs {
    fn into_publication(self) -> commands::Publication {
        commands::Publication { announce: self.announce_key, retire: self.retire_key, cases: self.cases }
    }
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
                    EngineError::InvalidInput { field, message } => {
                        EngineError::InvalidInput { field: format!("{}: {field}", p.display()), message }
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
        Cmd::Tariffs { cmd: TariffCmd::Keygen { out, name, label } } => {
            text(commands::keygen(&out, name.as_deref(), &label))
        }
        Cmd::Tariffs { cmd: TariffCmd::Build { dir, serial, channel, expires, out, publication } } => {
            text(commands::build(&dir, serial, &channel, expires, &out, &publication.into_publication()))
        }
        Cmd::Tariffs { cmd: TariffCmd::Sign { out, key } } => text(commands::sign(&out, &key)),
        Cmd::Tariffs { cmd: TariffCmd::Publish { dir, key, out, serial, channel, expires, publication } } => {
            text(commands::publish(&dir, &key, &out, serial, &channel, expires, &publication.into_publication()))
        }
        Cmd::Tariffs { cmd: TariffCmd::Diff { old, new } } => text(commands::diff(&old, &new)),
        Cmd::Tariffs { cmd: TariffCmd::Verify { dir, trusted_keys, threshold, channel } } => {
            text(commands::verify(&dir, trusted_keys.as_deref(), threshold, channel.as_deref()))
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
        Cmd::Update {
            from,
            state_dir,
            organisation,
            channel,
            trusted_keys,
            threshold,
            proxy,
            ca_cert,
            timeout,
            retries,
        } => {
            let args = commands::UpdateArgs {
                from,
                state_dir,
                organisation,
                channel,
                trusted_keys,
                threshold,
                proxy,
                ca_cert,
                timeout_secs: timeout,
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
