//! Errors are values: each has a stable `code` for translation, the field or file it is about,
//! and an English message (stable: the UI and scripts read it). Nothing in the engine panics on
//! bad input. [`EngineError::text_in`] writes the error for people in Finnish, Swedish or English
//! (the `error-*` messages of `locales/*.ftl`): the CLI's `message` in the language asked.

use crate::i18n::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum EngineError {
    /// A scenario field is missing, malformed or out of range.
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    /// The service code is neither a statutory kind nor in the organisation's catalogue.
    #[error("{field}: unknown service `{service}`")]
    UnknownService { field: String, service: String },
    /// The organisation's tariff has no production method or price for this line.
    #[error("{field}: {message}")]
    NotOffered { field: String, message: String },
    /// A tariff parameter has no value in force on the date.
    #[error("tariff parameter `{parameter}` has no value in force on {date}")]
    NotInForce { parameter: String, date: String },
    /// A tariff file is malformed.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Tariff {
        file: String,
        /// Line number in the file (exported to TypeScript as a plain number).
        #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
        line: Option<usize>,
        message: String,
    },
    /// Arithmetic overflow on absurd input.
    #[error("{field}: number too large")]
    Overflow { field: String },
}

impl EngineError {
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::InvalidInput { field: field.into(), message: message.into() }
    }
    pub fn tariff(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        EngineError::Tariff { file: file.into(), line, message: message.into() }
    }
    /// The stable code (`invalid_input`, `not_in_force`, …) used as the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::InvalidInput { .. } => "invalid_input",
            EngineError::UnknownService { .. } => "unknown_service",
            EngineError::NotOffered { .. } => "not_offered",
            EngineError::NotInForce { .. } => "not_in_force",
            EngineError::Tariff { .. } => "tariff",
            EngineError::Overflow { .. } => "overflow",
        }
    }
}

/// The problems the engine names in English (`message`), each a message of `locales/*.ftl`:
/// `(English pattern, message id, argument names)`; `{}` in a pattern takes an argument (up to
/// the next literal part). `tests/messages.rs` checks that every id exists in the three
/// languages; the unit test below that every English message of the engine has its pattern.
const PROBLEMS: &[(&str, &str, &[&str])] = &[
    ("is required", "error-required", &[]),
    ("is required for this service", "error-required-for-service", &[]),
    ("is required for a voucher", "error-required-for-voucher", &[]),
    ("is required: full or partial", "error-required-level", &[]),
    ("is required: social_welfare or health_care", "error-required-legal-basis", &[]),
    ("is required (or visits_per_week with minutes_per_visit)", "error-required-hours", &[]),
    ("must not be negative", "error-negative", &[]),
    ("must be at most {}", "error-at-most", &["max"]),
    ("must be at least 1", "error-at-least-one", &[]),
    ("must be at least 2 when a spouse is given", "error-at-least-two-spouse", &[]),
    ("at most {} lines", "error-too-many-lines", &["max"]),
    ("is used only with production = voucher", "error-voucher-only", &[]),
    ("is used only with visits_per_week or visits_per_day", "error-visits-only", &[]),
    ("give visits_per_week or visits_per_day, not both", "error-visits-not-both", &[]),
    ("give hours_per_month or visits with minutes_per_visit, not both", "error-hours-not-both", &[]),
    ("visits × minutes exceed the hours of a month", "error-visits-exceed-month", &[]),
    ("voucher lines are priced by the voucher rule", "error-voucher-rule", &[]),
    ("is not a flat-fee service", "error-not-flat-fee", &[]),
    ("informal care support is paid by the organiser: production must be `own`", "error-informal-care-own", &[]),
    ("the tariff has no informal care support (omaishoidon tuki) section", "error-no-informal-care", &[]),
    ("unknown class `{}`; the tariff has: {}", "error-unknown-class", &["class", "classes"]),
    ("the tariff gives no cost of this service, so there is no highest fee", "error-no-highest-fee-cost", &[]),
    ("no income or deduction is given when the income is not given", "error-income-not-given", &[]),
    ("a voucher valued by net income has no highest fee", "error-no-highest-fee-voucher", &[]),
    ("the tariff has no price list entry for `{}`", "error-no-price", &["service"]),
    ("`{}` is not offered as `{}` in this tariff", "error-not-offered-as", &["service", "production"]),
    ("`{}` has no service voucher in this tariff", "error-no-voucher", &["service"]),
    ("`{}` is not doctor or nurse", "error-staff", &["value"]),
    ("`{}` is not offered", "error-level-not-offered", &["value"]),
    ("`{}` is not used by the service `{}`", "error-field-not-used", &["name", "service"]),
];

/// `message` against `pattern`: the arguments in the places of `{}`, or `None`.
fn matches<'m>(pattern: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let mut parts = pattern.split("{}");
    let first = parts.next().unwrap_or_default();
    let mut rest = message.strip_prefix(first)?;
    let mut args = Vec::new();
    let parts: Vec<&str> = parts.collect();
    for (i, lit) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let at = if lit.is_empty() && last {
            rest.len()
        } else if last {
            rest.len().checked_sub(lit.len()).filter(|&n| rest[n..] == **lit && rest.is_char_boundary(n))?
        } else {
            rest.find(lit)?
        };
        let arg = &rest[..at];
        if arg.is_empty() {
            return None;
        }
        args.push(arg);
        rest = &rest[at + lit.len()..];
    }
    rest.is_empty().then_some(args)
}

/// An English problem of the engine (`must be at most 100`) written in `lang`; a message the
/// engine did not write itself (the JSON reader's) is given as its detail.
pub fn problem_in(message: &str, lang: Lang) -> String {
    use crate::i18n::{write, Arg};
    let mut out = String::new();
    for (pattern, id, names) in PROBLEMS {
        if let Some(args) = matches(pattern, message) {
            let args = names.iter().zip(args).map(|(n, a)| (*n, Arg::Text(a.into())));
            let _ = write(&mut out, lang, id, args);
            return out;
        }
    }
    let _ = write(&mut out, lang, "error-malformed", [("detail", Arg::Text(message.into()))]);
    out
}

impl EngineError {
    /// The error written for people in `lang` (the `error-*` messages): the field as the
    /// scenario names it, the problem in words; a date as `d.m.yyyy`. A tariff file's detail
    /// stays as the engine wrote it (for whoever maintains the tariff).
    pub fn text_in(&self, lang: Lang) -> String {
        use crate::i18n::{write, Arg};
        let t = |s: &str| Arg::Text(s.to_string().into());
        let mut out = String::new();
        let _ = match self {
            EngineError::InvalidInput { field, message } | EngineError::NotOffered { field, message } => {
                let problem = Arg::Text(problem_in(message, lang).into());
                if field.is_empty() {
                    write(&mut out, lang, "error-invalid_input", [("problem", problem)])
                } else {
                    write(&mut out, lang, "error-field", [("field", t(field)), ("problem", problem)])
                }
            }
            EngineError::UnknownService { field, service } => {
                write(&mut out, lang, "error-unknown_service", [("field", t(field)), ("service", t(service))])
            }
            EngineError::NotInForce { parameter, date } => {
                let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map(|d| {
                        use chrono::Datelike;
                        format!("{}.{}.{}", d.day(), d.month(), d.year())
                    })
                    .unwrap_or_else(|_| date.clone());
                write(&mut out, lang, "error-not_in_force", [("parameter", t(parameter)), ("date", t(&date))])
            }
            EngineError::Tariff { file, line, message } => {
                let file = match line {
                    Some(l) => format!("{file}:{l}"),
                    None => file.clone(),
                };
                write(&mut out, lang, "error-tariff", [("file", t(&file)), ("detail", t(message))])
            }
            EngineError::Overflow { field } => write(&mut out, lang, "error-overflow", [("field", t(field))]),
        };
        out
    }
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every English problem the engine's code writes (the string literals and `format!`s given to
    /// `EngineError::input` and `NotOffered`) has its message: none falls back to the detail.
    #[test]
    fn every_problem_the_engine_writes_has_its_message() {
        let examples = [
            "is required",
            "must be at most 9999",
            "must be at least 2 when a spouse is given",
            "at most 20 lines",
            "unknown class `x`; the tariff has: basic, transitional",
            "`meals` is not offered as `voucher` in this tariff",
            "`hours_per_month` is not used by the service `meals`",
            "`x` is not doctor or nurse",
            "`premium` is not offered",
        ];
        for m in examples {
            for lang in [Lang::Fi, Lang::Sv] {
                let p = problem_in(m, lang);
                assert!(!p.contains(m) && !p.starts_with('{'), "{lang} {m}: {p}");
            }
        }
        let sv = problem_in("unknown class `x`; the tariff has: basic, transitional", Lang::Sv);
        assert_eq!(sv, "okänd vårdarvodesklass ”x”; taxans klasser: basic, transitional");
        assert_eq!(problem_in("must be at most 744", Lang::Fi), "saa olla enintään 744");
        // patterns are whole: a longer message is not the shorter one
        assert_eq!(problem_in("is required: full or partial", Lang::En), "is required: full or partial");
        assert!(problem_in("invalid type: string \"x\"", Lang::Sv).starts_with("uppgiften duger inte (invalid type"));
        // the literals of the engine's sources are all in the table
        let mut missing = Vec::new();
        let mut found = 0;
        for src in sources() {
            for m in literal_problems(&src) {
                found += 1;
                if PROBLEMS.iter().all(|(p, ..)| matches(p, &m.replace("{}", "x")).is_none()) {
                    missing.push(m);
                }
            }
        }
        assert!(found > 30, "found the engine's problems ({found})");
        assert!(missing.is_empty(), "problems without a message: {missing:?}");
    }

    #[test]
    fn errors_are_written_in_the_language_asked() {
        let e = EngineError::input("services[0].hours_per_month", "must not be negative");
        assert_eq!(e.text_in(Lang::Sv), "services[0].hours_per_month: får inte vara negativ");
        assert_eq!(e.text_in(Lang::Fi), "services[0].hours_per_month: ei voi olla negatiivinen");
        let e = EngineError::NotInForce { parameter: "home_care.income_limit".into(), date: "2031-01-01".into() };
        assert_eq!(e.text_in(Lang::Sv), "Taxans värde home_care.income_limit har inget värde som gäller 1.1.2031");
        assert_eq!(EngineError::Overflow { field: "f".into() }.text_in(Lang::En), "f: the number is too large");
    }

    fn sources() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("error.rs") {
                    out.push(std::fs::read_to_string(&p).unwrap_or_default());
                }
            }
        }
        let mut out = Vec::new();
        walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut out);
        assert!(out.len() > 20);
        out
    }

    /// The problems of `EngineError::input(…)` calls and `message: format!(…)` fields: the
    /// call's string literals with a space (not a field path), their `{…}` placeholders as `{}`.
    fn literal_problems(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, m) in src.match_indices("EngineError::input(").chain(src.match_indices("message: format!(")) {
            let body = &src[i + m.len()..];
            let (mut depth, mut in_str, mut esc) = (0i32, false, false);
            let mut lit = String::new();
            for c in body.chars() {
                if in_str {
                    match c {
                        _ if esc => {
                            esc = false;
                            lit.push(c);
                        }
                        '\\' => esc = true,
                        '"' => {
                            in_str = false;
                            if lit.contains(' ') && lit.len() > 3 {
                                out.push(placeholders(&lit));
                            }
                            lit.clear();
                        }
                        _ => lit.push(c),
                    }
                    continue;
                }
                match c {
                    '"' => in_str = true,
                    '(' => depth += 1,
                    ')' if depth == 0 => break,
                    ')' => depth -= 1,
                    _ => {}
                }
            }
        }
        out
    }

    fn placeholders(m: &str) -> String {
        let mut s = String::new();
        let mut depth = 0;
        for c in m.chars() {
            match c {
                '{' => {
                    if depth == 0 {
                        s.push_str("{}");
                    }
                    depth += 1;
                }
                '}' => depth -= 1,
                _ if depth == 0 => s.push(c),
                _ => {}
            }
        }
        s
    }
}
