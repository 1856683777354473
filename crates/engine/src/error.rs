//! Errors are values: each has a stable `code` for translation, the field or file it is about,
//! and an English message (stable: scripts read it). A problem with a field also carries its
//! kind and arguments ([`Problem`]: `{"kind": "at_most", "max": "744"}`), which the UI and
//! [`EngineError::text_in`] translate — nobody reads the English text to learn what went wrong.
//! Nothing in the engine panics on bad input. `text_in` writes the error for people in Finnish,
//! Swedish or English (the `error-*` messages of `locales/*.ftl`): the CLI's `message` in the
//! language asked.

use crate::i18n::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum EngineError {
    /// A scenario field is missing, malformed or out of range.
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String, problem: Problem },
    /// The service code is neither a statutory kind nor in the organisation's catalogue.
    #[error("{field}: unknown service `{service}`")]
    UnknownService { field: String, service: String },
    /// The organisation's tariff has no production method or price for this line.
    #[error("{field}: {message}")]
    NotOffered { field: String, message: String, problem: Problem },
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

/// What is wrong with a field, by kind, with its arguments: the `error-*` message of
/// `locales/*.ftl` of the same name (`AtMost` → `error-at-most`, with `max`). Its English text
/// (`Display`) is the error's `message`, unchanged from before there were kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    RequiredForService,
    RequiredForVoucher,
    RequiredLevel,
    RequiredLegalBasis,
    RequiredHours,
    Negative,
    AtMost {
        max: String,
    },
    AtLeastOne,
    AtLeastTwoSpouse,
    TooManyLines {
        max: String,
    },
    VoucherOnly,
    VisitsOnly,
    VisitsNotBoth,
    HoursNotBoth,
    VisitsExceedMonth,
    VoucherRule,
    NotFlatFee,
    InformalCareOwn,
    NoInformalCare,
    UnknownClass {
        class: String,
        classes: String,
    },
    NoHighestFeeCost,
    IncomeNotGiven,
    NoHighestFeeVoucher,
    NoPrice {
        service: String,
    },
    NotOfferedAs {
        service: String,
        production: String,
    },
    NoVoucher {
        service: String,
    },
    Staff {
        value: String,
    },
    LevelNotOffered {
        value: String,
    },
    FieldNotUsed {
        name: String,
        service: String,
    },
    /// Anything else (the JSON reader's message, a file the CLI could not read): given as is.
    Malformed {
        detail: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use Problem::*;
        match self {
            Required => f.write_str("is required"),
            RequiredForService => f.write_str("is required for this service"),
            RequiredForVoucher => f.write_str("is required for a voucher"),
            RequiredLevel => f.write_str("is required: full or partial"),
            RequiredLegalBasis => f.write_str("is required: social_welfare or health_care"),
            RequiredHours => f.write_str("is required (or visits_per_week with minutes_per_visit)"),
            Negative => f.write_str("must not be negative"),
            AtMost { max } => write!(f, "must be at most {max}"),
            AtLeastOne => f.write_str("must be at least 1"),
            AtLeastTwoSpouse => f.write_str("must be at least 2 when a spouse is given"),
            TooManyLines { max } => write!(f, "at most {max} lines"),
            VoucherOnly => f.write_str("is used only with production = voucher"),
            VisitsOnly => f.write_str("is used only with visits_per_week or visits_per_day"),
            VisitsNotBoth => f.write_str("give visits_per_week or visits_per_day, not both"),
            HoursNotBoth => f.write_str("give hours_per_month or visits with minutes_per_visit, not both"),
            VisitsExceedMonth => f.write_str("visits × minutes exceed the hours of a month"),
            VoucherRule => f.write_str("voucher lines are priced by the voucher rule"),
            NotFlatFee => f.write_str("is not a flat-fee service"),
            InformalCareOwn => f.write_str("informal care support is paid by the organiser: production must be `own`"),
            NoInformalCare => f.write_str("the tariff has no informal care support (omaishoidon tuki) section"),
            UnknownClass { class, classes } => write!(f, "unknown class `{class}`; the tariff has: {classes}"),
            NoHighestFeeCost => f.write_str("the tariff gives no cost of this service, so there is no highest fee"),
            IncomeNotGiven => f.write_str("no income or deduction is given when the income is not given"),
            NoHighestFeeVoucher => f.write_str("a voucher valued by net income has no highest fee"),
            NoPrice { service } => write!(f, "the tariff has no price list entry for `{service}`"),
            NotOfferedAs { service, production } => {
                write!(f, "`{service}` is not offered as `{production}` in this tariff")
            }
            NoVoucher { service } => write!(f, "`{service}` has no service voucher in this tariff"),
            Staff { value } => write!(f, "`{value}` is not doctor or nurse"),
            LevelNotOffered { value } => write!(f, "`{value}` is not offered"),
            FieldNotUsed { name, service } => write!(f, "`{name}` is not used by the service `{service}`"),
            Malformed { detail } => f.write_str(detail),
        }
    }
}

impl Problem {
    /// The message id in `locales/*.ftl` and its arguments.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, &str)>) {
        use Problem::*;
        match self {
            Required => ("error-required", vec![]),
            RequiredForService => ("error-required-for-service", vec![]),
            RequiredForVoucher => ("error-required-for-voucher", vec![]),
            RequiredLevel => ("error-required-level", vec![]),
            RequiredLegalBasis => ("error-required-legal-basis", vec![]),
            RequiredHours => ("error-required-hours", vec![]),
            Negative => ("error-negative", vec![]),
            AtMost { max } => ("error-at-most", vec![("max", max)]),
            AtLeastOne => ("error-at-least-one", vec![]),
            AtLeastTwoSpouse => ("error-at-least-two-spouse", vec![]),
            TooManyLines { max } => ("error-too-many-lines", vec![("max", max)]),
            VoucherOnly => ("error-voucher-only", vec![]),
            VisitsOnly => ("error-visits-only", vec![]),
            VisitsNotBoth => ("error-visits-not-both", vec![]),
            HoursNotBoth => ("error-hours-not-both", vec![]),
            VisitsExceedMonth => ("error-visits-exceed-month", vec![]),
            VoucherRule => ("error-voucher-rule", vec![]),
            NotFlatFee => ("error-not-flat-fee", vec![]),
            InformalCareOwn => ("error-informal-care-own", vec![]),
            NoInformalCare => ("error-no-informal-care", vec![]),
            UnknownClass { class, classes } => ("error-unknown-class", vec![("class", class), ("classes", classes)]),
            NoHighestFeeCost => ("error-no-highest-fee-cost", vec![]),
            IncomeNotGiven => ("error-income-not-given", vec![]),
            NoHighestFeeVoucher => ("error-no-highest-fee-voucher", vec![]),
            NoPrice { service } => ("error-no-price", vec![("service", service)]),
            NotOfferedAs { service, production } => {
                ("error-not-offered-as", vec![("service", service), ("production", production)])
            }
            NoVoucher { service } => ("error-no-voucher", vec![("service", service)]),
            Staff { value } => ("error-staff", vec![("value", value)]),
            LevelNotOffered { value } => ("error-level-not-offered", vec![("value", value)]),
            FieldNotUsed { name, service } => ("error-field-not-used", vec![("name", name), ("service", service)]),
            Malformed { detail } => ("error-malformed", vec![("detail", detail)]),
        }
    }

    /// The problem written in `lang`.
    pub fn text_in(&self, lang: Lang) -> String {
        use crate::i18n::{write, Arg};
        let (id, args) = self.message();
        let mut out = String::new();
        let _ = write(&mut out, lang, id, args.into_iter().map(|(n, a)| (n, Arg::Text(a.to_string().into()))));
        out
    }

    /// One of each kind (for the tests of the catalogues).
    pub fn samples() -> Vec<Problem> {
        use Problem::*;
        let s = |x: &str| x.to_string();
        vec![
            Required,
            RequiredForService,
            RequiredForVoucher,
            RequiredLevel,
            RequiredLegalBasis,
            RequiredHours,
            Negative,
            AtMost { max: s("744") },
            AtLeastOne,
            AtLeastTwoSpouse,
            TooManyLines { max: s("20") },
            VoucherOnly,
            VisitsOnly,
            VisitsNotBoth,
            HoursNotBoth,
            VisitsExceedMonth,
            VoucherRule,
            NotFlatFee,
            InformalCareOwn,
            NoInformalCare,
            UnknownClass { class: s("x"), classes: s("basic, transitional") },
            NoHighestFeeCost,
            IncomeNotGiven,
            NoHighestFeeVoucher,
            NoPrice { service: s("meals") },
            NotOfferedAs { service: s("meals"), production: s("voucher") },
            NoVoucher { service: s("meals") },
            Staff { value: s("x") },
            LevelNotOffered { value: s("premium") },
            FieldNotUsed { name: s("hours_per_month"), service: s("meals") },
            Malformed { detail: s("invalid type: string \"x\"") },
        ]
    }
}

impl EngineError {
    /// A field's problem: the English `message` is the problem's text.
    pub fn problem(field: impl Into<String>, problem: Problem) -> Self {
        EngineError::InvalidInput { field: field.into(), message: problem.to_string(), problem }
    }
    /// The tariff does not offer what the line asks for.
    pub fn not_offered(field: impl Into<String>, problem: Problem) -> Self {
        EngineError::NotOffered { field: field.into(), message: problem.to_string(), problem }
    }
    /// A problem in words of its own (a file the CLI could not read, an argument of the app):
    /// `Problem::Malformed` with the text as its detail.
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::problem(field, Problem::Malformed { detail: message.into() })
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

impl EngineError {
    /// The error written for people in `lang` (the `error-*` messages): the field as the
    /// scenario names it, the problem in words; a date as `d.m.yyyy`. A tariff file's detail
    /// stays as the engine wrote it (for whoever maintains the tariff).
    pub fn text_in(&self, lang: Lang) -> String {
        use crate::i18n::{write, Arg};
        let t = |s: &str| Arg::Text(s.to_string().into());
        let mut out = String::new();
        let _ = match self {
            EngineError::InvalidInput { field, problem, .. } | EngineError::NotOffered { field, problem, .. } => {
                let problem = Arg::Text(problem.text_in(lang).into());
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

    /// Every kind of problem is written in Finnish and Swedish in words of its own (none falls
    /// back to the English), its arguments in place.
    #[test]
    fn every_problem_has_its_message() {
        for p in Problem::samples() {
            let en = p.to_string();
            for lang in [Lang::Fi, Lang::Sv] {
                let t = p.text_in(lang);
                assert!(!t.is_empty() && !t.contains('{'), "{lang} {p:?}: {t}");
                if !matches!(p, Problem::Malformed { .. }) {
                    assert_ne!(t, en, "{lang} {p:?}: not translated");
                }
            }
            assert!(!p.text_in(Lang::En).is_empty());
        }
        let p = Problem::UnknownClass { class: "x".into(), classes: "basic, transitional".into() };
        assert_eq!(p.text_in(Lang::Sv), "okänd vårdarvodesklass ”x”; taxans klasser: basic, transitional");
        assert_eq!(Problem::AtMost { max: "744".into() }.text_in(Lang::Fi), "saa olla enintään 744");
        assert!(Problem::Malformed { detail: "invalid type: string \"x\"".into() }
            .text_in(Lang::Sv)
            .starts_with("uppgiften duger inte (invalid type"));
    }

    #[test]
    fn the_english_message_and_the_kind_travel_together() {
        let e = EngineError::problem("services[0].hours_per_month", Problem::AtMost { max: "744".into() });
        let j = serde_json::to_value(&e).unwrap();
        assert_eq!(j["code"], "invalid_input");
        assert_eq!(j["message"], "must be at most 744");
        assert_eq!(j["problem"], serde_json::json!({"kind": "at_most", "max": "744"}));
        let e = EngineError::not_offered("services[0].production", Problem::NoVoucher { service: "meals".into() });
        assert_eq!(e.to_string(), "services[0].production: `meals` has no service voucher in this tariff");
        assert_eq!(serde_json::to_value(&e).unwrap()["problem"]["kind"], "no_voucher");
    }

    #[test]
    fn errors_are_written_in_the_language_asked() {
        let e = EngineError::problem("services[0].hours_per_month", Problem::Negative);
        assert_eq!(e.text_in(Lang::Sv), "services[0].hours_per_month: får inte vara negativ");
        assert_eq!(e.text_in(Lang::Fi), "services[0].hours_per_month: ei voi olla negatiivinen");
        let e = EngineError::NotInForce { parameter: "home_care.income_limit".into(), date: "2031-01-01".into() };
        assert_eq!(e.text_in(Lang::Sv), "Taxans värde home_care.income_limit har inget värde som gäller 1.1.2031");
        assert_eq!(EngineError::Overflow { field: "f".into() }.text_in(Lang::En), "f: the number is too large");
    }

    /// The engine's rules name their problems by kind: no rule gives a problem in words of its
    /// own (`EngineError::input`, which is `Malformed`) — that is for the CLI and the app.
    #[test]
    fn the_rules_name_problems_by_kind() {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("error.rs") {
                    out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap_or_default()));
                }
            }
        }
        let mut files = Vec::new();
        walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
        assert!(files.len() > 20);
        let free: Vec<&String> = files
            .iter()
            .filter(|(_, src)| src.contains("EngineError::input(") || src.contains("message: format!("))
            .map(|(name, _)| name)
            .collect();
        assert!(free.is_empty(), "problems in words instead of a kind: {free:?}");
    }
}
