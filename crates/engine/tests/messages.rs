//! The engine's messages (`locales/{fi,sv,en}.ftl`) are whole in every language:
//! - each file parses without a Fluent syntax error;
//! - the three files have the same messages, each with the same variables;
//! - every message id the engine's code names (`text!("step-…", name = …)`, `Msg("unit-…")`, the
//!   `*-…` ids of deductions, roundings and acts) exists, and a `text!` passes exactly the
//!   variables its message uses;
//! - no message is left unused (parameter titles and service names are looked up by the
//!   parameter's key and the service's code: `tests/languages.rs` checks them).

use kustannusarvio_engine::i18n::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// message id → its variables (`$name`), from the Fluent source.
fn messages(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in ftl.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            current = None;
            continue;
        }
        let body = if !line.starts_with(char::is_whitespace) {
            let (id, value) = line.split_once('=').unwrap_or_else(|| panic!("not a message: {line}"));
            let id = id.trim().to_string();
            assert!(!out.contains_key(&id), "message {id} is defined twice");
            out.insert(id.clone(), BTreeSet::new());
            current = Some(id);
            value
        } else {
            line
        };
        let id = current.as_ref().unwrap_or_else(|| panic!("continuation without a message: {line}"));
        let vars = out.get_mut(id).expect("inserted");
        let mut rest = body;
        while let Some(i) = rest.find('$') {
            let name: String =
                rest[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
            vars.insert(name);
            rest = &rest[i + 1..];
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The `text!(…)` calls of a source: (message id, argument names).
fn text_calls(src: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("text!(") {
        let body = &rest[i + "text!(".len()..];
        // the arguments up to the matching parenthesis, split at top-level commas
        let (mut depth, mut end) = (0i32, body.len());
        let mut parts = vec![String::new()];
        for (j, c) in body.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => {
                    end = j;
                    break;
                }
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(String::new());
                    continue;
                }
                _ => {}
            }
            parts.last_mut().expect("one").push(c);
        }
        rest = &body[end..];
        let id = parts[0].trim();
        if !id.starts_with('"') {
            continue; // the macro's own definition
        }
        let names = parts[1..]
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                p.split_once('=').map(|(n, _)| n.trim().to_string()).unwrap_or_else(|| panic!("unnamed argument {p}"))
            })
            .collect();
        out.push((id.trim_matches('"').to_string(), names));
    }
    out
}

/// Every string literal of a source that looks like a message id (`"unit-hours"`).
fn message_literals(src: &str) -> BTreeSet<String> {
    const PREFIXES: [&str; 9] =
        ["step-", "warning-", "unit-", "rounding-", "deduction-", "law-", "error-", "title-", "param-"];
    src.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            PREFIXES.iter().any(|p| s.starts_with(p))
                && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let fi = messages(Lang::Fi.ftl());
    assert!(fi.len() > 40, "the Finnish file has the engine's messages");
    for lang in [Lang::Sv, Lang::En] {
        let other = messages(lang.ftl());
        let missing: Vec<_> = fi.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !fi.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, not in fi {extra:?}");
        for (id, vars) in &fi {
            assert_eq!(&other[id], vars, "{lang}: message {id} has other variables than in Finnish");
        }
    }
}

#[test]
fn every_file_parses() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(lang.ftl().to_string()) {
            panic!("{lang}.ftl: {errors:?}");
        }
    }
}

#[test]
fn the_code_names_only_messages_that_exist_and_passes_their_variables() {
    let fi = messages(Lang::Fi.ftl());
    let mut files = Vec::new();
    rust_files(&PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    let mut used = BTreeSet::new();
    let mut calls = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).expect("read");
        for (id, names) in text_calls(&src) {
            calls += 1;
            let vars = fi.get(&id).unwrap_or_else(|| panic!("{}: text!(\"{id}\") has no message", f.display()));
            assert_eq!(&names, vars, "{}: text!(\"{id}\") passes other variables than the message uses", f.display());
            used.insert(id);
        }
        for id in message_literals(&src) {
            assert!(fi.contains_key(&id), "{}: \"{id}\" has no message", f.display());
            used.insert(id);
        }
    }
    assert!(calls > 40, "found the engine's text! calls ({calls})");
    // parameter titles (`param-<where the parameter is written>`) and service names
    // (`service-<code>`) are looked up by the key: tests/languages.rs checks that every
    // parameter of the shipped tariffs has its title in every language
    let dynamic = |k: &str| k.starts_with("param-") || k.starts_with("service-");
    let unused: Vec<_> = fi.keys().filter(|k| !used.contains(*k) && !dynamic(k)).collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}
