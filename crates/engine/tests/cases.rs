//! The acceptance cases: every `tests/cases/<topic>/<rule>/*.toml` file of the repository, run
//! by the same checker as the signed-bundle self-check (`kustannusarvio_engine::cases`). Each
//! expected value is worked out by hand in the case file; see tests/cases/README.md.
//!
//! `cargo test -p kustannusarvio-engine --test cases` (add `-- --nocapture` to see the known
//! issues, which are reported but do not fail).

use kustannusarvio_engine::cases::{check, parse_case, Case, Expected, Mismatch, TariffRef, ERROR_CODES};
use kustannusarvio_engine::rules::StatutoryKind;
use kustannusarvio_engine::Tariff;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// At least this many cases (the acceptance suite of the engine).
const MIN_CASES: usize = 150;
/// The organisations shipped in `tariffs/`, whose every service must be covered by a case.
const SHIPPED: &[&str] = &["paijat-hame", "helsinki"];

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn cases_dir() -> PathBuf {
    repo().join("tests/cases")
}

/// Every file under `dir`, as paths relative to it with `/`, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let rd = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in rd {
            let p = entry.expect("directory entry").path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).expect("below the base");
                out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The case files (`*.toml`), parsed; a file that does not parse fails the test here.
fn load_cases() -> Vec<Case> {
    let dir = cases_dir();
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for rel in files(&dir).into_iter().filter(|f| f.ends_with(".toml")) {
        let text = std::fs::read_to_string(dir.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        match parse_case(&rel, &text) {
            Ok(c) => cases.push(c),
            Err(e) => errors.push(e.to_string()),
        }
    }
    assert!(errors.is_empty(), "{} case file(s) are malformed:\n  {}", errors.len(), errors.join("\n  "));
    cases
}

fn tariff_dir(r: TariffRef) -> PathBuf {
    match r {
        TariffRef::Shipped(id) => repo().join("tariffs").join(id),
        TariffRef::Fixture(id) => repo().join("tests/fixtures/tariffs").join(id),
    }
}

fn indent(text: &str, by: &str) -> String {
    text.trim_end().lines().map(|l| format!("{by}{l}\n")).collect()
}

fn report(out: &mut String, case: &Case, mismatches: &[Mismatch]) {
    let _ = writeln!(out, "\n── tests/cases/{}", case.name);
    let _ = writeln!(out, "   {}", case.title);
    let _ = writeln!(out, "   law:    {}", case.law);
    let _ = writeln!(out, "   tariff: {}", case.tariff);
    if let Some(k) = &case.known_issue {
        let _ = writeln!(out, "   known issue:\n{}", indent(k, "     "));
    }
    let _ = writeln!(out, "   worked:\n{}", indent(&case.worked, "     "));
    if mismatches.is_empty() {
        let _ = writeln!(out, "   (no mismatches)");
    }
    for m in mismatches {
        let _ = writeln!(out, "   ✗ {m}");
    }
}

#[test]
fn every_case_gives_its_hand_worked_result() {
    let cases = load_cases();
    let mut tariffs: BTreeMap<String, Result<Tariff, String>> = BTreeMap::new();
    let (mut failed, mut known, mut stale) = (String::new(), String::new(), String::new());
    let (mut n_failed, mut n_known, mut n_stale) = (0, 0, 0);
    for case in &cases {
        let t = tariffs.entry(case.tariff.clone()).or_insert_with(|| {
            kustannusarvio_engine::load_dir(&tariff_dir(case.tariff_ref())).map_err(|e| e.to_string())
        });
        let mismatches = match t {
            Ok(t) => check(t, case),
            Err(e) => vec![Mismatch {
                path: "tariff".into(),
                expected: format!("tariff `{}` loads", case.tariff),
                got: e.clone(),
            }],
        };
        match (&case.known_issue, mismatches.is_empty()) {
            (None, true) => {}
            (None, false) => {
                n_failed += 1;
                report(&mut failed, case, &mismatches);
            }
            (Some(_), false) => {
                n_known += 1;
                report(&mut known, case, &mismatches);
            }
            (Some(_), true) => {
                n_stale += 1;
                report(&mut stale, case, &mismatches);
            }
        }
    }
    if n_known > 0 {
        println!(
            "{n_known} known issue(s): the engine disagrees with the hand-worked expectation (not failing):{known}"
        );
    }
    let mut msg = String::new();
    if n_failed > 0 {
        let _ = write!(msg, "\n{n_failed} of {} case(s) failed:{failed}", cases.len());
    }
    if n_stale > 0 {
        let _ = write!(msg, "\n{n_stale} case(s) marked known_issue now pass: remove `known_issue` from them:{stale}");
    }
    assert!(msg.is_empty(), "{msg}");
}

/// `value` changed so that it can no longer match: decimals + 1, booleans negated, text marked.
fn changed(value: &Expected) -> Expected {
    match value {
        Expected::Bool(b) => Expected::Bool(!b),
        Expected::Text(t) => {
            let (approx, digits) = match t.strip_prefix('~') {
                Some(rest) => ("~", rest),
                None => ("", t.as_str()),
            };
            match digits.parse::<rust_decimal::Decimal>() {
                Ok(d) => Expected::Text(format!("{approx}{}", d + rust_decimal::Decimal::ONE)),
                Err(_) => Expected::Text(format!("{t} (changed)")),
            }
        }
    }
}

/// A case that cannot fail is worthless: with every expectation changed, every one of them must
/// be reported (a wrong expected value, error code or warning would be caught).
#[test]
fn every_expectation_can_fail() {
    let cases = load_cases();
    let mut tariffs: BTreeMap<String, Tariff> = BTreeMap::new();
    let mut vacuous = Vec::new();
    for case in cases.iter().filter(|c| c.known_issue.is_none()) {
        let t = tariffs.entry(case.tariff.clone()).or_insert_with(|| {
            kustannusarvio_engine::load_dir(&tariff_dir(case.tariff_ref()))
                .unwrap_or_else(|e| panic!("{}: {e}", case.tariff))
        });
        let mut m = case.clone();
        m.expected = case.expected.iter().map(|(k, v)| (k.clone(), changed(v))).collect();
        m.no_warnings.append(&mut m.warnings);
        if let Some(e) = &mut m.error {
            e.code = ERROR_CODES.iter().find(|c| **c != e.code).expect("two codes").to_string();
        }
        let reported: BTreeSet<String> = check(t, &m).into_iter().map(|x| x.path).collect();
        for path in case.expected.keys() {
            if !reported.contains(path) {
                vacuous.push(format!("{}: {path}", case.name));
            }
        }
        if !case.warnings.is_empty() && !reported.contains("warnings") {
            vacuous.push(format!("{}: warnings", case.name));
        }
        if case.error.is_some() && !reported.contains("error.code") {
            vacuous.push(format!("{}: error.code", case.name));
        }
    }
    assert!(vacuous.is_empty(), "expectations that pass whatever they say:\n  {}", vacuous.join("\n  "));
}

/// The tariff with every PLACEHOLDER value (a dated value whose source says "PLACEHOLDER")
/// multiplied by `factor`; a placeholder that is a lower bound (the fee may not exceed the cost,
/// 2 §) is only ever raised.
fn with_placeholders_scaled(t: &Tariff, factor: rust_decimal::Decimal) -> (Tariff, usize) {
    fn scale(v: &mut serde_json::Value, factor: rust_decimal::Decimal) {
        match v {
            serde_json::Value::String(s) => {
                if let Ok(d) = s.parse::<rust_decimal::Decimal>() {
                    *s = (d * factor).normalize().to_string();
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| scale(x, factor)),
            serde_json::Value::Object(m) => m.values_mut().for_each(|x| scale(x, factor)),
            _ => {}
        }
    }
    fn walk(v: &mut serde_json::Value, factor: rust_decimal::Decimal, n: &mut usize) {
        match v {
            serde_json::Value::Object(m) => {
                let source = m.get("source").and_then(|s| s.as_str()).unwrap_or_default().to_string();
                if m.contains_key("from") && m.contains_key("value") && source.contains("PLACEHOLDER") {
                    if factor > rust_decimal::Decimal::ONE || !source.contains("lower bound") {
                        scale(m.get_mut("value").expect("checked"), factor);
                        *n += 1;
                    }
                    return;
                }
                m.values_mut().for_each(|x| walk(x, factor, n));
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, factor, n)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(t).expect("a tariff serializes");
    let mut n = 0;
    walk(&mut v, factor, &mut n);
    let mut scaled: Tariff = serde_json::from_value(v).expect("the scaled tariff deserializes");
    scaled.name_params();
    (scaled, n)
}

/// A case on a shipped tariff may not depend on a placeholder value: when the organisation fills
/// in its real prices (here: every placeholder × 1.5, and × 0.8 unless it is a lower bound), every
/// such case must still pass. Cases that need placeholder figures use `fixtures/esimerkki`.
#[test]
fn placeholder_values_decide_no_shipped_case() {
    let cases = load_cases();
    let mut failures = String::new();
    for org in SHIPPED {
        let t =
            kustannusarvio_engine::load_dir(&repo().join("tariffs").join(org)).unwrap_or_else(|e| panic!("{org}: {e}"));
        let mine: Vec<&Case> = cases.iter().filter(|c| c.tariff == *org && c.known_issue.is_none()).collect();
        for factor in ["1.5", "0.8"] {
            let (scaled, n) = with_placeholders_scaled(&t, factor.parse().expect("a decimal"));
            assert!(n > 0, "{org}: no placeholder values found");
            for case in &mine {
                let m = check(&scaled, case);
                if !m.is_empty() {
                    let _ = write!(failures, "\n{} (placeholders × {factor}):", case.name);
                    for x in m {
                        let _ = write!(failures, "\n    {x}");
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "shipped-tariff cases that depend on placeholder values (use fixtures/esimerkki):{failures}"
    );
}

/// Statutory kinds a tariff offers: those with a price-list entry (the organiser's cost is part
/// of every estimate), and informal care support when the tariff has its section.
fn offered_kinds(t: &Tariff) -> Vec<&'static str> {
    StatutoryKind::ALL
        .into_iter()
        .filter(|k| match k {
            StatutoryKind::InformalCareSupport => t.informal_care_support.is_some(),
            _ => t.prices.contains_key(k.code()),
        })
        .map(|k| k.code())
        .collect()
}

#[test]
fn cases_cover_both_organisations_and_are_filed_by_topic_and_rule() {
    // Layout: tests/cases/<topic>/<rule>/<case>.toml, plus the README.
    let dir = cases_dir();
    let snake = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let mut misplaced = Vec::new();
    for rel in files(&dir) {
        let parts: Vec<&str> = rel.split('/').collect();
        let ok = match parts.as_slice() {
            ["README.md"] => true,
            [topic, rule, file] => snake(topic) && snake(rule) && file.strip_suffix(".toml").is_some_and(&snake),
            _ => false,
        };
        if !ok {
            misplaced.push(rel);
        }
    }
    assert!(misplaced.is_empty(), "files outside tests/cases/<topic>/<rule>/<snake_case>.toml: {misplaced:?}");

    let cases = load_cases();
    assert!(cases.len() >= MIN_CASES, "{} cases; at least {MIN_CASES} are required", cases.len());

    // Every statutory kind an organisation offers and every support service of its catalogue
    // is computed (not only refused) in at least one case under that organisation's tariff.
    let mut gaps = Vec::new();
    for org in SHIPPED {
        let t =
            kustannusarvio_engine::load_dir(&repo().join("tariffs").join(org)).unwrap_or_else(|e| panic!("{org}: {e}"));
        let covered: BTreeSet<&str> =
            cases.iter().filter(|c| c.tariff == *org && c.error.is_none()).flat_map(|c| c.services()).collect();
        let wanted: Vec<&str> =
            offered_kinds(&t).into_iter().chain(t.support_services.keys().map(String::as_str)).collect();
        for code in wanted {
            if !covered.contains(code) {
                gaps.push(format!("{org}: {code}"));
            }
        }
    }
    assert!(gaps.is_empty(), "services without a computed case: {gaps:?}");
}
