//! Test cases as data: the case-file format (TOML) and its checker.
//!
//! A case is a scenario, the tariff it runs under and what the estimate must show, each expected
//! value worked out by hand from the law and the tariff's published parameters (the `worked`
//! text). The test harness (`tests/cases.rs`) and the signed-bundle self-check run the same code:
//! [`parse_case`] reads a file's text, [`check`] runs it against a loaded tariff and returns the
//! mismatches (none = pass). Pure: no file system; the caller finds the files and the tariff.
//!
//! The format is described for HVA controllers in `tests/cases/README.md`. In short:
//!
//! ```toml
//! title = "…"
//! law = "asiakasmaksulaki 7 c § 2 mom."
//! tariff = "paijat-hame"            # tariffs/<id>; "fixtures/<id>" = tests/fixtures/tariffs/<id>
//! worked = """the arithmetic by hand"""
//! [scenario]                        # the public scenario JSON contract, written in TOML
//! …
//! [expected]
//! "lines.0.client_fee_monthly" = "1275.00"
//! ```
//!
//! Paths are dotted paths into the estimate's JSON (`lines.0.band.percent`, `total.client_fees_yearly`,
//! `warnings.0.code`, `tariff.valid_from`) or shortcuts: `lines.N.step.<key>` (the result of the
//! first explanation step with that key; keys contain dots), `total.step.<key>`,
//! `lines.N.param.<name>` / `param_from.<name>` / `param_verified.<name>` (the value, `valid_from`
//! or `verified` of the first use of a tariff parameter in the line's steps). Values that both
//! parse as decimals compare numerically (`"1275"` = `"1275.00"`), booleans as booleans, anything
//! else as exact text; `"~10.714286"` compares the engine's value rounded to the decimals written.
//!
//! A malformed case file is reported as an [`EngineError::Tariff`] naming the file (and the line
//! for TOML errors), as the tariff loader reports a malformed tariff file.

use crate::error::EngineError;
use crate::tariff::Tariff;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

/// The warning codes an estimate can carry (`Warning::code`); `warnings` and `no_warnings` of a
/// case must name one of them, so that a typo cannot pass silently.
pub const WARNING_CODES: &[&str] =
    &["payment_ceiling_reached", "consider_fee_reduction", "unverified_parameters", "spouse_income_missing"];

/// The error codes of [`EngineError::code`].
pub const ERROR_CODES: &[&str] =
    &["invalid_input", "unknown_service", "not_offered", "not_in_force", "tariff", "overflow"];

/// One test case, parsed and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The file's name as the caller gave it, e.g. `long_term_care/spouse_rule/client_higher_income.toml`.
    pub name: String,
    pub title: String,
    /// The legal reference, e.g. `asiakasmaksulaki 7 c § 2 mom.`.
    pub law: String,
    /// `paijat-hame` (a shipped tariff under `tariffs/`) or `fixtures/esimerkki` (a test fixture).
    pub tariff: String,
    /// The arithmetic by hand that gives the expected values.
    pub worked: String,
    /// Set when the engine is known to disagree with the hand-worked expectation: the harness
    /// reports the case separately instead of failing.
    pub known_issue: Option<String>,
    /// The scenario exactly as the public JSON contract (TOML dates become `YYYY-MM-DD` strings).
    pub scenario: Value,
    /// Path → expected value.
    pub expected: BTreeMap<String, Expected>,
    /// Paths that must not exist in the estimate.
    pub absent: Vec<String>,
    /// Warning codes that must be present.
    pub warnings: Vec<String>,
    /// Warning codes that must not be present.
    pub no_warnings: Vec<String>,
    /// The estimate must fail with this error (then `expected`, `absent` and `warnings` are empty).
    pub error: Option<ExpectedError>,
}

/// An expected value: text (decimal strings, codes, dates) or a boolean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Text(String),
    Bool(bool),
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Text(t) => f.write_str(t),
            Expected::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// The error an estimate must fail with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedError {
    /// [`EngineError::code`], e.g. `invalid_input`.
    pub code: String,
    /// The error's `field`, e.g. `services[0].legal_basis` (exact).
    #[serde(default)]
    pub field: Option<String>,
    /// A piece of the error's text (`field: message`, or the whole message when it has no field).
    #[serde(default)]
    pub message_contains: Option<String>,
}

/// Where the case's tariff lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TariffRef<'a> {
    /// `tariffs/<id>`.
    Shipped(&'a str),
    /// `tests/fixtures/tariffs/<id>`.
    Fixture(&'a str),
}

impl Case {
    /// The tariff the case names (validated by [`parse_case`]).
    pub fn tariff_ref(&self) -> TariffRef<'_> {
        match self.tariff.strip_prefix("fixtures/") {
            Some(id) => TariffRef::Fixture(id),
            None => TariffRef::Shipped(&self.tariff),
        }
    }

    /// The service codes of the scenario's lines, in order.
    pub fn services(&self) -> Vec<&str> {
        self.scenario
            .get("services")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|l| l.get("service").and_then(Value::as_str)).collect())
            .unwrap_or_default()
    }
}

/// One difference between a case and the estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub path: String,
    pub expected: String,
    pub got: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: expected {}, got {}", self.path, self.expected, self.got)
    }
}

/// What a missing value is shown as.
const ABSENT: &str = "(absent)";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    title: String,
    law: String,
    tariff: String,
    worked: String,
    #[serde(default)]
    known_issue: Option<String>,
    scenario: toml::Table,
    #[serde(default)]
    expected: toml::Table,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    no_warnings: Vec<String>,
    #[serde(default)]
    error: Option<ExpectedError>,
}

/// Parses and validates one case file. `name` is used in errors and kept in [`Case::name`].
pub fn parse_case(name: &str, text: &str) -> Result<Case, EngineError> {
    let raw: RawCase = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        EngineError::tariff(name, line, e.message().trim_end().to_string())
    })?;
    let err = |m: String| EngineError::tariff(name, None, m);
    for (field, v) in [("title", &raw.title), ("law", &raw.law), ("tariff", &raw.tariff), ("worked", &raw.worked)] {
        if v.trim().is_empty() {
            return Err(err(format!("`{field}` must not be empty")));
        }
    }
    if raw.known_issue.as_deref().is_some_and(|k| k.trim().is_empty()) {
        return Err(err("`known_issue` must say what the engine gets wrong, or be left out".into()));
    }
    let id = raw.tariff.strip_prefix("fixtures/").unwrap_or(&raw.tariff);
    let id_ok = id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !id_ok {
        return Err(err(format!(
            "tariff `{}`: write an organisation id (`paijat-hame`) or `fixtures/<id>`",
            raw.tariff
        )));
    }
    // TOML puts every key after a `[table]` header into that table: a misplaced `absent = […]`
    // would otherwise surface only as an unknown scenario field or a strange path.
    const TOP_LEVEL: &[&str] =
        &["title", "law", "tariff", "worked", "known_issue", "absent", "warnings", "no_warnings"];
    for (table, keys) in [("scenario", &raw.scenario), ("expected", &raw.expected)] {
        if let Some(k) = keys.keys().find(|k| TOP_LEVEL.contains(&k.as_str())) {
            return Err(err(format!("`{k}` is inside [{table}]: write the top-level keys before the first [table]")));
        }
    }
    let scenario = toml_to_json(&toml::Value::Table(raw.scenario)).map_err(|m| err(format!("scenario: {m}")))?;

    let mut expected = BTreeMap::new();
    flatten_expected(String::new(), &raw.expected, &mut expected).map_err(err)?;
    for path in expected.keys().chain(&raw.absent) {
        Path::parse(path).map_err(|m| err(format!("path `{path}`: {m}")))?;
    }
    for p in &raw.absent {
        if expected.contains_key(p) {
            return Err(err(format!("path `{p}` is both expected and absent")));
        }
    }
    for code in raw.warnings.iter().chain(&raw.no_warnings) {
        if !WARNING_CODES.contains(&code.as_str()) {
            return Err(err(format!("unknown warning code `{code}`; the codes are: {}", WARNING_CODES.join(", "))));
        }
    }
    if let Some(c) = raw.warnings.iter().find(|c| raw.no_warnings.contains(c)) {
        return Err(err(format!("warning `{c}` is both in `warnings` and in `no_warnings`")));
    }
    if let Some(e) = &raw.error {
        if !ERROR_CODES.contains(&e.code.as_str()) {
            return Err(err(format!("unknown error code `{}`; the codes are: {}", e.code, ERROR_CODES.join(", "))));
        }
        if !expected.is_empty() || !raw.absent.is_empty() || !raw.warnings.is_empty() || !raw.no_warnings.is_empty() {
            return Err(err(
                "a case with [error] expects no estimate: leave out [expected], absent, warnings and no_warnings"
                    .into(),
            ));
        }
    } else if expected.is_empty() && raw.warnings.is_empty() {
        // `absent` and `no_warnings` alone would pass on an empty estimate.
        return Err(err("the case expects nothing: give [expected] values, `warnings` or an [error]".into()));
    }
    Ok(Case {
        name: name.to_string(),
        title: raw.title,
        law: raw.law,
        tariff: raw.tariff,
        worked: raw.worked,
        known_issue: raw.known_issue,
        scenario,
        expected,
        absent: raw.absent,
        warnings: raw.warnings,
        no_warnings: raw.no_warnings,
        error: raw.error,
    })
}

/// `[expected]` keys are quoted paths; unquoted dotted keys become nested tables in TOML, which
/// are joined back into paths.
fn flatten_expected(prefix: String, t: &toml::Table, out: &mut BTreeMap<String, Expected>) -> Result<(), String> {
    for (k, v) in t {
        let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        let value = match v {
            toml::Value::Table(inner) => {
                flatten_expected(path, inner, out)?;
                continue;
            }
            toml::Value::String(s) => Expected::Text(s.clone()),
            toml::Value::Boolean(b) => Expected::Bool(*b),
            toml::Value::Integer(i) => Expected::Text(i.to_string()),
            toml::Value::Datetime(d) => Expected::Text(d.to_string()),
            toml::Value::Float(_) => {
                return Err(format!(
                    "expected `{path}`: write a decimal as a string (\"12.50\"): a TOML float loses digits"
                ))
            }
            toml::Value::Array(_) => return Err(format!("expected `{path}`: one value per path, not a list")),
        };
        if out.insert(path.clone(), value).is_some() {
            return Err(format!("expected `{path}` is given twice"));
        }
    }
    Ok(())
}

/// The scenario in JSON. TOML dates (`date = 2025-05-01`) become strings.
fn toml_to_json(v: &toml::Value) -> Result<Value, String> {
    Ok(match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map(Value::Number).ok_or_else(|| format!("{f} is not a number"))?
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect::<Result<_, _>>()?),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| Ok((k.clone(), toml_to_json(v)?))).collect::<Result<_, String>>()?)
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Paths

/// The shape of the estimate's JSON, for validating plain paths: a typo in a path is a case
/// error, never a silent pass of `absent`.
#[derive(Clone, Copy)]
enum Node {
    Leaf,
    Obj(&'static [(&'static str, Node)]),
    Arr(&'static Node),
}

const L: Node = Node::Leaf;
const NAMED_VALUE: Node = Node::Obj(&[("name", L), ("value", L)]);
const PARAM_USE: Node = Node::Obj(&[
    ("name", L),
    ("value", L),
    ("valid_from", L),
    ("valid_to", L),
    ("source", L),
    ("url", L),
    ("verified", L),
]);
const STEP: Node = Node::Obj(&[
    ("key", L),
    ("text", L),
    ("values", Node::Arr(&NAMED_VALUE)),
    ("params", Node::Arr(&PARAM_USE)),
    ("legal", L),
    ("result", L),
]);
const BAND: Node = Node::Obj(&[
    ("hours_exact", L),
    ("hours_rounded", L),
    ("band_min_hours", L),
    ("next_band_min_hours", L),
    ("percent", L),
    ("cost_cap", L),
    ("capped", L),
]);
const LINE: Node = Node::Obj(&[
    ("service", L),
    ("production", L),
    ("label", L),
    ("client_fee_monthly", L),
    ("client_fee_yearly", L),
    ("organiser_cost_monthly", L),
    ("organiser_net_monthly", L),
    ("voucher_value_per_hour", L),
    ("voucher_value_monthly", L),
    ("own_production_fee_monthly", L),
    ("counts_toward_ceiling", L),
    ("band", BAND),
    ("explanation", Node::Arr(&STEP)),
]);
const TOTALS: Node = Node::Obj(&[
    ("client_fees_monthly", L),
    ("organiser_cost_monthly", L),
    ("organiser_net_monthly", L),
    ("client_fees_yearly", L),
    ("organiser_cost_yearly", L),
    ("organiser_net_yearly", L),
    ("explanation", Node::Arr(&STEP)),
]);
const WARNING: Node = Node::Obj(&[("code", L), ("message", L), ("values", Node::Arr(&NAMED_VALUE))]);
const TARIFF_INFO: Node =
    Node::Obj(&[("organisation", L), ("organisation_name", L), ("version", L), ("valid_from", L)]);
const ESTIMATE: Node = Node::Obj(&[
    ("tariff", TARIFF_INFO),
    ("lines", Node::Arr(&LINE)),
    ("total", TOTALS),
    ("warnings", Node::Arr(&WARNING)),
    ("trace_format", L),
    ("lang", L),
]);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamField {
    Value,
    ValidFrom,
    Verified,
}

impl ParamField {
    fn json_key(self) -> &'static str {
        match self {
            ParamField::Value => "value",
            ParamField::ValidFrom => "valid_from",
            ParamField::Verified => "verified",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Path {
    /// A plain dotted path into the estimate's JSON.
    Json(Vec<String>),
    /// `lines.N.step.<key>` or, with `line: None`, `total.step.<key>`.
    Step { line: Option<usize>, key: String },
    /// `lines.N.param.<name>`, `param_from`, `param_verified`.
    Param { line: usize, name: String, field: ParamField },
}

fn index(seg: &str) -> Option<usize> {
    if seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_digit()) || (seg.len() > 1 && seg.starts_with('0')) {
        return None;
    }
    seg.parse().ok()
}

impl Path {
    fn parse(path: &str) -> Result<Path, String> {
        let segs: Vec<&str> = path.split('.').collect();
        if segs.iter().any(|s| s.is_empty()) {
            return Err("empty segment (two dots, or a dot at an end)".into());
        }
        let rest = |from: usize| segs[from..].join(".");
        match segs.as_slice() {
            ["lines", n, kind @ ("step" | "param" | "param_from" | "param_verified"), ..] => {
                let line = index(n).ok_or_else(|| format!("`{n}` is not a line number"))?;
                if segs.len() < 4 {
                    return Err(format!("`lines.{n}.{kind}` needs a name after it"));
                }
                let field = match *kind {
                    "step" => return Ok(Path::Step { line: Some(line), key: rest(3) }),
                    "param" => ParamField::Value,
                    "param_from" => ParamField::ValidFrom,
                    _ => ParamField::Verified,
                };
                Ok(Path::Param { line, name: rest(3), field })
            }
            ["total", "step", ..] => {
                if segs.len() < 3 {
                    return Err("`total.step` needs a step key after it".into());
                }
                Ok(Path::Step { line: None, key: rest(2) })
            }
            _ => {
                let mut node = ESTIMATE;
                let mut walked = String::new();
                for seg in &segs {
                    node = match node {
                        Node::Leaf => return Err(format!("`{walked}` is a value: nothing is below it")),
                        Node::Arr(inner) => {
                            index(seg)
                                .ok_or_else(|| format!("`{walked}` is a list: `{seg}` is not an index (0, 1, …)"))?;
                            *inner
                        }
                        Node::Obj(fields) => match fields.iter().find(|(k, _)| k == seg) {
                            Some((_, n)) => *n,
                            None => {
                                let names: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
                                let at =
                                    if walked.is_empty() { "the estimate".to_string() } else { format!("`{walked}`") };
                                let mut m = format!("{at} has no `{seg}`; it has: {}", names.join(", "));
                                if walked.is_empty() {
                                    m.push_str(" (and the shortcuts lines.N.step.…, lines.N.param.…, total.step.…)");
                                }
                                return Err(m);
                            }
                        },
                    };
                    if !walked.is_empty() {
                        walked.push('.');
                    }
                    walked.push_str(seg);
                }
                Ok(Path::Json(segs.iter().map(|s| s.to_string()).collect()))
            }
        }
    }

    /// The value at the path in the estimate's JSON; `Err` describes why there is none.
    fn resolve<'a>(&self, est: &'a Value) -> Result<&'a Value, String> {
        let line = |n: usize| est.get("lines").and_then(|l| l.get(n)).ok_or_else(|| format!("(no line {n})"));
        let steps =
            |v: &'a Value| v.get("explanation").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        match self {
            Path::Json(segs) => {
                let mut v = est;
                for s in segs {
                    v = match index(s) {
                        Some(i) if v.is_array() => v.get(i),
                        _ => v.get(s.as_str()),
                    }
                    .ok_or_else(|| ABSENT.to_string())?;
                }
                Ok(v)
            }
            Path::Step { line: l, key } => {
                let owner = match l {
                    Some(n) => line(*n)?,
                    None => est.get("total").ok_or_else(|| ABSENT.to_string())?,
                };
                let step = steps(owner)
                    .iter()
                    .find(|s| s.get("key").and_then(Value::as_str) == Some(key))
                    .ok_or_else(|| format!("(no step `{key}`; steps: {})", step_keys(steps(owner))))?;
                step.get("result").ok_or_else(|| format!("(step `{key}` has no result)"))
            }
            Path::Param { line: l, name, field } => {
                let owner = line(*l)?;
                let p = steps(owner)
                    .iter()
                    .filter_map(|s| s.get("params").and_then(Value::as_array))
                    .flatten()
                    .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
                    .ok_or_else(|| format!("(parameter `{name}` not used by line {l})"))?;
                p.get(field.json_key()).ok_or_else(|| ABSENT.to_string())
            }
        }
    }
}

fn step_keys(steps: &[Value]) -> String {
    let keys: Vec<&str> = steps.iter().filter_map(|s| s.get("key").and_then(Value::as_str)).collect();
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}

/// A JSON value as the text it is compared and shown as.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn decimal(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim()).ok()
}

/// Whether the engine's value `got` is the expected one (see the module documentation).
fn matches(exp: &Expected, got: &Value) -> bool {
    let got_text = text_of(got);
    let as_bool = |t: &str| match t {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    match exp {
        Expected::Bool(b) => match got {
            Value::Bool(g) => g == b,
            _ => as_bool(&got_text) == Some(*b),
        },
        Expected::Text(t) => {
            if let Value::Bool(g) = got {
                return as_bool(t) == Some(*g);
            }
            if let Some(approx) = t.strip_prefix('~') {
                return match (decimal(approx), decimal(&got_text)) {
                    (Some(e), Some(g)) => crate::money::round_half_away(g, e.scale()) == e,
                    _ => false,
                };
            }
            match (decimal(t), decimal(&got_text)) {
                (Some(e), Some(g)) => e == g,
                _ => *t == got_text,
            }
        }
    }
}

/// Runs the case under `tariff` and lists every difference from the expectation; empty = pass.
pub fn check(tariff: &Tariff, case: &Case) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mismatch = |path: &str, expected: String, got: String| Mismatch { path: path.to_string(), expected, got };
    let json = case.scenario.to_string();
    let result = crate::estimate_json(tariff, &json);
    let est = match (result, &case.error) {
        (Err(e), Some(want)) => {
            let v = serde_json::to_value(&e).unwrap_or(Value::Null);
            let code = e.code();
            if code != want.code {
                out.push(mismatch("error.code", want.code.clone(), format!("{code} ({e})")));
            }
            if let Some(field) = &want.field {
                let got = v.get("field").and_then(Value::as_str);
                if got != Some(field.as_str()) {
                    out.push(mismatch(
                        "error.field",
                        field.clone(),
                        got.map_or_else(|| format!("no field ({e})"), String::from),
                    ));
                }
            }
            if let Some(piece) = &want.message_contains {
                let text = e.to_string();
                if !text.contains(piece.as_str()) {
                    out.push(mismatch("error.message", format!("a message containing `{piece}`"), format!("`{text}`")));
                }
            }
            return out;
        }
        (Err(e), None) => {
            out.push(mismatch("estimate", "an estimate".into(), format!("error {} ({e})", e.code())));
            return out;
        }
        (Ok(est), Some(want)) => {
            let total = est.total.client_fees_monthly;
            let field = want.field.as_deref().map(|f| format!(" at {f}")).unwrap_or_default();
            out.push(mismatch(
                "error",
                format!("error {}{field}", want.code),
                format!("an estimate (total.client_fees_monthly = {total})"),
            ));
            return out;
        }
        (Ok(est), None) => est,
    };
    let v = match serde_json::to_value(&est) {
        Ok(v) => v,
        Err(e) => return vec![mismatch("estimate", "an estimate serializable to JSON".into(), e.to_string())],
    };
    for (path, exp) in &case.expected {
        let got = Path::parse(path).and_then(|p| p.resolve(&v));
        match got {
            Ok(g) if matches(exp, g) => {}
            Ok(g) => out.push(mismatch(path, exp.to_string(), text_of(g))),
            Err(why) => out.push(mismatch(path, exp.to_string(), why)),
        }
    }
    for path in &case.absent {
        match Path::parse(path) {
            Err(why) => out.push(mismatch(path, ABSENT.into(), format!("(invalid path: {why})"))),
            Ok(p) => {
                if let Ok(g) = p.resolve(&v) {
                    out.push(mismatch(path, ABSENT.into(), text_of(g)));
                }
            }
        }
    }
    let codes: Vec<&str> = est.warnings.iter().map(|w| w.code.as_str()).collect();
    let shown = || if codes.is_empty() { "no warnings".to_string() } else { format!("warnings {}", codes.join(", ")) };
    for c in &case.warnings {
        if !codes.contains(&c.as_str()) {
            out.push(mismatch("warnings", format!("warning `{c}`"), shown()));
        }
    }
    for c in &case.no_warnings {
        if codes.contains(&c.as_str()) {
            let msg = est.warnings.iter().find(|w| w.code == *c).map(|w| w.message.render()).unwrap_or_default();
            out.push(mismatch("warnings", format!("no warning `{c}`"), format!("`{c}`: {msg}")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture organisation of the case files on top of the national layer.
    fn fixture() -> Tariff {
        use crate::tariff::Layer;
        macro_rules! files {
            ($dir:literal: $($f:literal),*) => {
                vec![$(($f.to_string(), include_str!(concat!("../../../", $dir, "/", $f)).to_string())),*]
            };
        }
        let national = files!("tariffs/national": "flat_fees.toml", "home_care.toml", "informal_care_support.toml",
            "long_term_care.toml", "payment_ceiling.toml");
        let own = files!("tests/fixtures/tariffs/esimerkki": "organisation.toml", "income.toml", "home_care.toml",
            "long_term_care.toml", "fee_reduction.toml", "informal_care_support.toml", "prices.toml",
            "support_services.toml", "vouchers.toml");
        crate::tariff::load_layers(&[Layer::new("national", national), Layer::new("esimerkki", own)])
            .expect("the fixture tariff loads")
    }

    /// 2026, 1 person, gross 1200, 8 h own production: (1200 − 699) × 16 % = 80.16; cost 8 × 60.00.
    const HEAD: &str = r#"
title = "Home care, 8 h"
law = "asiakasmaksulaki 10 e §"
tariff = "fixtures/esimerkki"
worked = "(1200 − 699) × 16 % = 80.16"
"#;
    const SCENARIO: &str = r#"
[scenario]
date = 2026-03-01
household = { persons = 1, client = { gross_income = "1200" } }
services = [ { service = "home_care", production = "own", hours_per_month = "8" } ]
"#;

    /// The home-care case with `top` (top-level keys) and `tables` (`[expected]`, `[error]`).
    fn text(top: &str, tables: &str) -> String {
        format!("{HEAD}{top}\n{SCENARIO}{tables}")
    }

    fn case2(top: &str, tables: &str) -> Case {
        parse_case("t.toml", &text(top, tables)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn case(tables: &str) -> Case {
        case2("", tables)
    }

    fn parse_err(text: &str) -> String {
        parse_case("dir/bad.toml", text).expect_err("the case must be refused").to_string()
    }

    #[test]
    fn a_right_case_passes() {
        let c = case2(
            r#"
absent = ["lines.0.step.home_care.cost_cap", "lines.0.voucher_value_monthly", "lines.1"]
warnings = ["unverified_parameters"]
no_warnings = ["payment_ceiling_reached"]"#,
            r#"
[expected]
"lines.0.client_fee_monthly" = "80.16"
"lines.0.step.home_care.fee" = "80.160"
"lines.0.step.home_care.income_limit" = 699
"lines.0.band.percent" = "16"
"lines.0.band.capped" = false
"lines.0.counts_toward_ceiling" = "false"
"lines.0.param.prices.home_care.own" = "60"
"lines.0.param_from.home_care.income_limit" = 2026-01-01
"lines.0.param_verified.home_care.percentages" = true
"lines.0.organiser_cost_monthly" = "480"
"lines.0.band.next_band_min_hours" = "9"
"tariff.organisation" = "esimerkki"
"total.client_fees_yearly" = "961.92"
"warnings.0.code" = "unverified_parameters"
"#,
        );
        assert_eq!(check(&fixture(), &c), vec![]);
    }

    #[test]
    fn a_wrong_value_is_reported() {
        let c = case("[expected]\n\"lines.0.client_fee_monthly\" = \"80.15\"\n\"lines.0.band.capped\" = true\n");
        let m = check(&fixture(), &c);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[0].to_string(), "lines.0.band.capped: expected true, got false");
        assert_eq!(m[1].to_string(), "lines.0.client_fee_monthly: expected 80.15, got 80.16");
    }

    #[test]
    fn a_missing_step_line_or_parameter_is_reported() {
        let c = case(
            r#"[expected]
"lines.0.step.home_care.cost_cap" = "480"
"lines.3.client_fee_monthly" = "0"
"lines.2.step.home_care.fee" = "0"
"lines.0.param.prices.home_care.purchased" = "55"
"total.step.payment_ceiling.reached" = "815"
"#,
        );
        let m = check(&fixture(), &c);
        assert_eq!(m.len(), 5, "{m:?}");
        let by_path: BTreeMap<&str, &str> = m.iter().map(|x| (x.path.as_str(), x.got.as_str())).collect();
        assert!(by_path["lines.0.step.home_care.cost_cap"]
            .starts_with("(no step `home_care.cost_cap`; steps: home_care.hours_given"));
        assert_eq!(by_path["lines.3.client_fee_monthly"], ABSENT);
        assert_eq!(by_path["lines.2.step.home_care.fee"], "(no line 2)");
        assert_eq!(
            by_path["lines.0.param.prices.home_care.purchased"],
            "(parameter `prices.home_care.purchased` not used by line 0)"
        );
        assert_eq!(by_path["total.step.payment_ceiling.reached"], "(no step `payment_ceiling.reached`; steps: none)");
    }

    #[test]
    fn a_present_absent_path_and_wrong_warnings_are_reported() {
        let c = case2(
            r#"
absent = ["lines.0.step.home_care.fee", "lines.0.band"]
warnings = ["consider_fee_reduction"]
no_warnings = ["unverified_parameters"]"#,
            r#"
[expected]
"lines.0.client_fee_monthly" = "80.16"
"#,
        );
        let m: Vec<String> = check(&fixture(), &c).iter().map(|m| m.to_string()).collect();
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(m[0].starts_with("lines.0.step.home_care.fee: expected (absent), got 80.16"), "{m:?}");
        assert!(m[1].starts_with("lines.0.band: expected (absent), got {"), "{m:?}");
        assert_eq!(m[2], "warnings: expected warning `consider_fee_reduction`, got warnings unverified_parameters");
        assert!(
            m[3].starts_with(
                "warnings: expected no warning `unverified_parameters`, got `unverified_parameters`: Arviossa"
            ),
            "{m:?}"
        );
    }

    #[test]
    fn an_unknown_path_is_a_case_error() {
        let e = parse_err(&text("", "[expected]\n\"lines.0.client_fee_montly\" = \"80.16\"\n"));
        assert!(
            e.starts_with(
                "dir/bad.toml: path `lines.0.client_fee_montly`: `lines.0` has no `client_fee_montly`; it has: service"
            ),
            "{e}"
        );
        let e = parse_err(&text("absent = [\"lines.first.band\"]", "[expected]\n\"lines.0.band.percent\" = \"16\"\n"));
        assert!(e.contains("`lines` is a list: `first` is not an index"), "{e}");
        let e = parse_err(&text("", "[expected]\n\"line.0.band\" = \"16\"\n"));
        assert!(e.contains("the estimate has no `line`"), "{e}");
        let e = parse_err(&text("", "[expected]\n\"lines.0.step\" = \"16\"\n"));
        assert!(e.contains("needs a name"), "{e}");
        let e = parse_err(&text("", "[expected]\n\"lines.0.client_fee_monthly.x\" = \"16\"\n"));
        assert!(e.contains("is a value: nothing is below it"), "{e}");
        let e = parse_err(&text("", "[expected]\n\"lines..band\" = \"16\"\n"));
        assert!(e.contains("empty segment"), "{e}");
    }

    #[test]
    fn an_error_case_checks_code_field_and_message() {
        let text = r#"
title = "Institutional care needs a legal basis"
law = "asiakasmaksulaki 2 §"
tariff = "fixtures/esimerkki"
worked = "no legal_basis → the cost cap cannot be chosen"
[scenario]
date = "2026-03-01"
household = { persons = 1, client = { net_income = "1000" } }
services = [ { service = "institutional_care", production = "own" } ]
[error]
code = "invalid_input"
field = "services[0].legal_basis"
message_contains = "social_welfare or health_care"
"#;
        let c = parse_case("e.toml", text).unwrap();
        assert_eq!(check(&fixture(), &c), vec![]);
        let wrong = parse_case("e.toml", &text.replace("services[0].legal_basis", "services[0].level")).unwrap();
        let m: Vec<String> = check(&fixture(), &wrong).iter().map(|m| m.to_string()).collect();
        assert_eq!(m, ["error.field: expected services[0].level, got services[0].legal_basis"]);
        let wrong = parse_case("e.toml", &text.replace("invalid_input", "not_offered")).unwrap();
        assert_eq!(check(&fixture(), &wrong)[0].path, "error.code");
        // an estimate where an error is expected, and an error where an estimate is expected
        let ok = parse_case(
            "e.toml",
            &text.replace("production = \"own\"", "production = \"own\", legal_basis = \"health_care\""),
        )
        .unwrap();
        let m = check(&fixture(), &ok);
        assert_eq!(m[0].to_string(), "error: expected error invalid_input at services[0].legal_basis, got an estimate (total.client_fees_monthly = 850.00)");
        let c = case("[expected]\n\"lines.0.client_fee_monthly\" = \"80.16\"\n");
        let mut c2 = c.clone();
        c2.scenario["date"] = Value::String("2021-01-01".into());
        let m = check(&fixture(), &c2);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].path, "estimate");
        assert!(m[0].got.starts_with("error not_in_force"), "{m:?}");
    }

    #[test]
    fn comparison_rules() {
        let t = |s: &str| Expected::Text(s.into());
        let s = |s: &str| Value::String(s.into());
        assert!(matches(&t("1275"), &s("1275.00")));
        assert!(matches(&t("1275.00"), &s("1275")));
        assert!(!matches(&t("1275.01"), &s("1275.00")));
        assert!(matches(&t("0"), &s("0.00")));
        assert!(matches(&t("~10.714286"), &s("10.714285714285714285714285714")));
        assert!(!matches(&t("~10.714285"), &s("10.714285714285714285714285714")));
        assert!(!matches(&t("10.714286"), &s("10.714285714285714285714285714")));
        assert!(matches(&t("~0.11"), &s("0.105")));
        assert!(matches(&Expected::Bool(true), &Value::Bool(true)));
        assert!(!matches(&Expected::Bool(true), &Value::Bool(false)));
        assert!(matches(&t("false"), &Value::Bool(false)));
        assert!(matches(&Expected::Bool(false), &s("false")));
        assert!(matches(&t("home_care"), &s("home_care")));
        assert!(!matches(&t("Home_care"), &s("home_care")));
        assert!(matches(&t("2026-01-01"), &s("2026-01-01")));
        assert!(matches(&t("30/7"), &s("30/7")));
        assert!(matches(&t("null"), &Value::Null));
        assert!(!matches(&t("0"), &Value::Null));
    }

    #[test]
    fn malformed_case_files_are_refused_with_file_and_line() {
        let e = parse_case("a/b.toml", "title = \"x\"\nlaw = \"y\"\ncolour = 1\n").unwrap_err();
        match &e {
            EngineError::Tariff { file, line, message } => {
                assert_eq!(file, "a/b.toml");
                assert_eq!(*line, Some(3));
                assert!(message.contains("colour"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let e = parse_err(&text("", "[expected]\n\"lines.0.client_fee_monthly\" = 80.16\n"));
        assert!(e.contains("write a decimal as a string"), "{e}");
        assert!(parse_err(&text("", "")).contains("the case expects nothing"));
        assert!(parse_err(&text("absent = [\"lines.0.band\"]", "")).contains("the case expects nothing"));
        assert!(parse_err(&text("warnings = [\"unverified\"]", "")).contains("unknown warning code `unverified`"));
        let e =
            parse_err(&text("", "[expected]\n\"lines.0.band.percent\" = \"16\"\n[error]\ncode = \"invalid_input\"\n"));
        assert!(e.contains("expects no estimate"), "{e}");
        assert!(parse_err(&text("", "[error]\ncode = \"invalid\"\n")).contains("unknown error code"));
        assert!(parse_err(&text("", "[error]\ncode = \"invalid_input\"\nfeild = \"x\"\n")).contains("feild"));
        let e = parse_err(&format!(
            "{HEAD}{SCENARIO}absent = [\"lines.0.band\"]\n[expected]\n\"lines.0.band.percent\" = \"16\"\n"
        ));
        assert!(e.contains("`absent` is inside [scenario]"), "{e}");
        let e = parse_err(&format!("{HEAD}{SCENARIO}[expected]\n\"lines.0.band.percent\" = \"16\"\nwarnings = []\n"));
        assert!(e.contains("`warnings` is inside [expected]"), "{e}");
        let e = parse_err(
            &text("", "[expected]\n\"lines.0.band.percent\" = \"16\"\n").replace("fixtures/esimerkki", "../tariffs/x"),
        );
        assert!(e.contains("tariff `../tariffs/x`"), "{e}");
        let e = parse_err(
            &text("", "[expected]\n\"lines.0.band.percent\" = \"16\"\n")
                .replace("worked = \"(1200 − 699) × 16 % = 80.16\"", "worked = \" \""),
        );
        assert!(e.contains("`worked` must not be empty"), "{e}");
        let e = parse_err(&text("", "[expected]\n\"lines.0.band.percent\" = \"16\"\nlines.0.band.percent = \"17\"\n"));
        assert!(e.contains("given twice") || e.contains("duplicate"), "{e}");
    }

    #[test]
    fn unquoted_dotted_paths_and_toml_dates_are_read() {
        let c = case("[expected]\nlines.0.band.percent = \"16\"\n");
        assert_eq!(c.expected.keys().collect::<Vec<_>>(), ["lines.0.band.percent"]);
        assert_eq!(c.scenario["date"], "2026-03-01");
        assert_eq!(c.tariff_ref(), TariffRef::Fixture("esimerkki"));
        assert_eq!(c.services(), ["home_care"]);
        assert_eq!(check(&fixture(), &c), vec![]);
    }

    /// Every path of a real estimate is a valid case path: the schema of [`Path::parse`] covers
    /// the estimate's JSON (update ESTIMATE when a field is added).
    #[test]
    fn the_path_schema_covers_the_estimate() {
        let json = r#"{"date": "2026-03-01", "household": {"persons": 2, "client": {"gross_income": "5000", "net_income": "3000",
            "deductions": {"guardianship": "80"}}, "spouse": {"gross_income": "100"}},
            "services": [
            {"service": "home_care", "production": "voucher", "hours_per_month": "8", "provider_price_per_hour": "45", "label": "a"},
            {"service": "home_care", "production": "own", "hours_per_month": "2"},
            {"service": "short_term_care", "production": "own", "days_per_month": "20"},
            {"service": "round_the_clock_housing", "production": "own"}]}"#;
        let est = crate::estimate_json(&fixture(), json).unwrap();
        let v = serde_json::to_value(&est).unwrap();
        fn walk(v: &Value, path: String, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => m
                    .iter()
                    .for_each(|(k, x)| walk(x, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out)),
                Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, format!("{path}.{i}"), out)),
                _ => out.push(path),
            }
        }
        let mut paths = Vec::new();
        walk(&v, String::new(), &mut paths);
        assert!(paths.len() > 100);
        for p in
            paths.iter().chain(["lines.0.band.cost_cap".to_string(), "total.explanation.0.result".to_string()].iter())
        {
            Path::parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
        assert!(paths.contains(&"lines.0.voucher_value_per_hour".to_string()));
        assert!(paths.contains(&"total.explanation.0.params.0.verified".to_string()));
    }
}
