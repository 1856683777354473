//! The tariff bundle: the TUF target `tariff.json` — every tariff source of the organisation and
//! of the layers it extends, plus the organisation's hand-worked cases as self-checks. Parsing with
//! hard limits, loading with the engine's strict loader and the self-checks; no signatures here
//! (TUF's metadata covers the bundle by length and SHA-256, see [`crate::tuf`]).

use super::{is_safe_name, BundleError, FORMAT};
use chrono::NaiveDate;
use kustannusarvio_engine::tariff::Tariff;
use serde::{Deserialize, Serialize};

/// Limits inside a bundle.
const MAX_FILES: usize = 200;
const MAX_CASES: usize = 2000;

fn check_len(what: &str, bytes: &[u8], limit: u64) -> Result<(), BundleError> {
    if bytes.len() as u64 > limit {
        return Err(BundleError::RejectedTooLarge { what: what.to_string(), limit });
    }
    Ok(())
}

/// `tariff.json`: the organisation's tariff sources, compiled by `tariffs publish`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: u32,
    pub organisation: String,
    /// The organisation's own TOML sources, by file name, in name order.
    pub files: Vec<BundleFile>,
    /// The layers the organisation extends, base first (e.g. `national`), each with its sources:
    /// the bundle carries everything the tariff is computed from.
    #[serde(default)]
    pub base_layers: Vec<BundleLayer>,
    /// The organisation's test cases (tests/cases/**/*.toml whose `tariff` is the organisation):
    /// hand-worked expectations from the law and the HVA's decisions, run by every client before
    /// the tariff is installed. `name` is the path under tests/cases/.
    #[serde(default)]
    pub cases: Vec<BundleFile>,
}

/// A base layer of a bundle: its name (`national`) and its TOML sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleLayer {
    pub name: String,
    pub files: Vec<BundleFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    pub name: String,
    pub text: String,
}

/// Parses a bundle file (≤ `limit` bytes) and checks its shape.
pub fn parse_bundle(bytes: &[u8], limit: u64) -> Result<Bundle, BundleError> {
    check_len("bundle", bytes, limit)?;
    let b: Bundle = serde_json::from_slice(bytes).map_err(|e| BundleError::malformed("bundle", e))?;
    if b.format != FORMAT {
        return Err(BundleError::malformed("bundle", format!("unsupported format {}", b.format)));
    }
    let n_files = b.files.len() + b.base_layers.iter().map(|l| l.files.len()).sum::<usize>();
    if b.files.is_empty() || n_files > MAX_FILES || b.base_layers.len() > 4 || b.cases.len() > MAX_CASES {
        return Err(BundleError::malformed("bundle", "wrong number of files, layers or cases"));
    }
    for c in &b.cases {
        if !is_case_name(&c.name) {
            return Err(BundleError::malformed("bundle", format!("bad case name `{}`", c.name.escape_default())));
        }
    }
    for l in &b.base_layers {
        if !kustannusarvio_engine::tariff::layers::is_layer_name(&l.name) || l.files.is_empty() {
            return Err(BundleError::malformed("bundle", format!("bad base layer `{}`", l.name.escape_default())));
        }
    }
    for f in b.files.iter().chain(b.base_layers.iter().flat_map(|l| &l.files)) {
        if !is_safe_name(&f.name) || !f.name.ends_with(".toml") {
            return Err(BundleError::malformed("bundle", format!("unsafe file name `{}`", f.name.escape_default())));
        }
    }
    Ok(b)
}

/// When a bundle's hand-worked cases are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cases {
    /// Installing or checking a bundle: every case of the organisation must give its figures.
    Run,
    /// Re-reading a bundle that passed its cases when it was installed (the device's slot) or
    /// built (the app's embedded fallback): signatures, hashes, load and the built-in sample
    /// only, so that start-up stays within its budget.
    AlreadyPassed,
}

/// The engine's loader over the bundle's layers (base layers first, then the organisation's).
pub fn load_bundle(bundle: &Bundle) -> Result<Tariff, BundleError> {
    use kustannusarvio_engine::tariff::Layer;
    let pairs = |l: &str, files: &[BundleFile]| {
        files.iter().map(|f| (format!("{l}/{}", f.name), f.text.clone())).collect::<Vec<_>>()
    };
    let mut layers: Vec<Layer> =
        bundle.base_layers.iter().map(|l| Layer::new(l.name.clone(), pairs(&l.name, &l.files))).collect();
    layers.push(Layer::new(bundle.organisation.clone(), pairs(&bundle.organisation, &bundle.files)));
    kustannusarvio_engine::tariff::load_layers(&layers)
        .map_err(|e| BundleError::RejectedInvalidTariff { message: e.to_string() })
}

/// A case's path under tests/cases/: `topic/rule/name.toml` of `[a-z0-9_.-]`.
pub fn is_case_name(name: &str) -> bool {
    name.len() <= 200
        && name.ends_with(".toml")
        && name.split('/').all(|p| is_safe_name(p) && p != "..")
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-/".contains(&b))
}

/// The built-in sample (home care, one person) must compute on the publication date — or, for a
/// tariff that only starts later, on its newest date — unless the tariff does not offer home
/// care; then every case of the organisation must give its hand-worked figures.
pub fn self_check(
    tariff: &Tariff,
    bundle: &Bundle,
    published: NaiveDate,
    newest_value_from: Option<NaiveDate>,
    cases: Cases,
) -> Result<(), BundleError> {
    let mut dates = vec![published];
    dates.extend(newest_value_from);
    let mut last_err = None;
    for date in dates {
        let sample = sample_scenario(date)
            .map_err(|e| BundleError::RejectedSelfCheck { message: format!("built-in sample: {e}") })?;
        match kustannusarvio_engine::estimate(tariff, &sample) {
            Ok(_)
            | Err(kustannusarvio_engine::EngineError::NotOffered { .. })
            | Err(kustannusarvio_engine::EngineError::UnknownService { .. }) => {
                last_err = None;
                break;
            }
            Err(e @ kustannusarvio_engine::EngineError::NotInForce { .. }) => {
                last_err = Some(format!("built-in sample on {date}: {e}"))
            }
            Err(e) => {
                return Err(BundleError::RejectedSelfCheck { message: format!("built-in sample on {date}: {e}") })
            }
        }
    }
    if let Some(message) = last_err {
        return Err(BundleError::RejectedSelfCheck { message });
    }
    if cases == Cases::AlreadyPassed {
        return Ok(());
    }
    for c in &bundle.cases {
        let case = kustannusarvio_engine::cases::parse_case(&c.name, &c.text)
            .map_err(|e| BundleError::RejectedSelfCheck { message: format!("{}: {e}", c.name) })?;
        let mismatches = kustannusarvio_engine::cases::check(tariff, &case);
        if let Some(m) = mismatches.first() {
            return Err(BundleError::RejectedSelfCheck {
                message: format!("case {} ({}): {m}{}", c.name, case.law, if mismatches.len() > 1 { " …" } else { "" }),
            });
        }
    }
    Ok(())
}

/// The built-in self-check scenario: home care, 10 h/month, one person with 1500 € gross.
/// Built from JSON so that new optional scenario fields never break it.
pub fn sample_scenario(date: NaiveDate) -> Result<kustannusarvio_engine::Scenario, kustannusarvio_engine::EngineError> {
    kustannusarvio_engine::parse_scenario(&format!(
        r#"{{"date": "{date}", "household": {{"persons": 1, "client": {{"gross_income": "1500", "net_income": "1300"}}}},
            "services": [{{"service": "home_care", "production": "own", "hours_per_month": "10"}}]}}"#
    ))
}

/// The latest `from` date of any dated value in the tariff.
pub fn newest_value_from(tariff: &Tariff) -> Option<NaiveDate> {
    fn walk(v: &serde_json::Value, best: &mut Option<NaiveDate>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(serde_json::Value::String(f)), true) = (m.get("from"), m.contains_key("value")) {
                    if let Ok(d) = f.parse::<NaiveDate>() {
                        if best.is_none_or(|b| d > b) {
                            *best = Some(d);
                        }
                    }
                }
                m.values().for_each(|x| walk(x, best));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, best)),
            _ => {}
        }
    }
    let mut best = None;
    if let Ok(v) = serde_json::to_value(tariff) {
        walk(&v, &mut best);
    }
    best
}

/// What the signed targets metadata says about the tariff bundle (TUF's `custom` field of the
/// target `tariff.json`): covered by the targets role's signatures like the bundle's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TariffInfo {
    /// Organisation id, e.g. `paijat-hame`; must equal the bundle's and the tariff's.
    pub organisation: String,
    /// `organisation.version` of the tariff, for display.
    pub tariff_version: String,
    /// When the tariff was published (the tariff's age on the device counts from here).
    pub published: chrono::DateTime<chrono::Utc>,
    /// The latest `from` date of any value in the tariff ("new tariff from 1.1.2027").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newest_value_from: Option<NaiveDate>,
}

impl TariffInfo {
    /// From a target's `custom` map; `None` when it is missing or malformed.
    pub fn from_custom(custom: &std::collections::HashMap<String, serde_json::Value>) -> Option<TariffInfo> {
        let v = custom.get("tariff")?;
        serde_json::from_value(v.clone()).ok()
    }
}

/// Parses the bundle bytes (already matched against TUF's length and hash), checks the
/// organisation against `expected` and the signed [`TariffInfo`], loads the tariff with the
/// engine's strict loader and runs the self-checks.
pub fn verify_tariff(
    bytes: &[u8],
    info: &TariffInfo,
    expected: &str,
    limit: u64,
    cases: Cases,
) -> Result<(Bundle, Tariff), BundleError> {
    let wrong = |found: &str| BundleError::RejectedWrongOrganisation { expected: expected.into(), found: found.into() };
    if info.organisation != expected {
        return Err(wrong(&info.organisation));
    }
    let bundle = parse_bundle(bytes, limit)?;
    if bundle.organisation != expected {
        return Err(wrong(&bundle.organisation));
    }
    let tariff = load_bundle(&bundle)?;
    if tariff.organisation.id != expected {
        return Err(wrong(&tariff.organisation.id));
    }
    self_check(&tariff, &bundle, info.published.date_naive(), info.newest_value_from, cases)?;
    Ok((bundle, tariff))
}
