//! The explanation trace: built while the numbers are computed, so it cannot drift from them.
//! Each step has a stable `key` (translation key for the UI's sv/en catalogues), the Finnish
//! text, the values it used, the dated tariff parameters it read and the legal reference.

use std::borrow::Cow;
use crate::tariff::Dated;
use rust_decimal::Decimal;
use serde::Serialize;

/// Version of the trace format; bump when a step's meaning changes.
pub const TRACE_FORMAT: &str = "kustannusarvio.trace.v1";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Step {
    /// Stable key, e.g. `home_care.income_over_limit`.
    // `Cow`: the keys are constants, shared rather than copied into every estimate; serialized
    // as a plain string (TypeScript `string`).
    pub key: Cow<'static, str>,
    /// The step in Finnish, with the numbers filled in.
    pub text: String,
    /// Named values used or produced by the step (decimal strings), for translation templates.
    pub values: Vec<NamedValue>,
    /// Tariff parameters read, with their validity and source.
    pub params: Vec<ParamUse>,
    /// Legal section or HVA decision, e.g. `asiakasmaksulaki 10 b §`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal: Option<Cow<'static, str>>,
    /// The step's result, if it produces one amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub result: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NamedValue {
    // a constant name (`Cow`, serialized as a plain string)
    pub name: Cow<'static, str>,
    /// The value, written as text (a decimal string for numbers) when serialized.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub value: TraceText,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParamUse {
    /// Dotted parameter name, e.g. `home_care.income_limit`.
    pub name: String,
    /// The value used (for tables: the cell used), written as text when serialized.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub value: TraceText,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub valid_from: chrono::NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub valid_to: Option<chrono::NaiveDate>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub source: std::sync::Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub url: Option<std::sync::Arc<str>>,
    pub verified: bool,
}

impl ParamUse {
    pub fn of<T>(name: impl Into<String>, d: &Dated<T>, value: impl TraceValue) -> Self {
        ParamUse {
            name: name.into(),
            value: value.trace_value(),
            valid_from: d.from,
            valid_to: d.to,
            source: d.source.clone(),
            url: d.url.clone(),
            verified: d.verified,
        }
    }
}

/// A dotted name (`home_care.income_limit`, `services[2].hours_per_month`) as its two halves,
/// joined only when it is needed: in an error message or in the trace. Parameter and field
/// names were formatted eagerly for every lookup, ~25 % of an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dotted<'a>(pub &'a str, pub &'a str);

impl std::fmt::Display for Dotted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)?;
        f.write_str(".")?;
        f.write_str(self.1)
    }
}

impl From<Dotted<'_>> for String {
    fn from(d: Dotted<'_>) -> String {
        let mut s = String::with_capacity(d.0.len() + 1 + d.1.len());
        s.push_str(d.0);
        s.push('.');
        s.push_str(d.1);
        s
    }
}

impl From<&Dotted<'_>> for String {
    fn from(d: &Dotted<'_>) -> String {
        String::from(*d)
    }
}

/// A dotted name of three parts, as [`Dotted`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dotted3<'a>(pub &'a str, pub &'a str, pub &'a str);

impl std::fmt::Display for Dotted3<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Dotted(self.0, self.1).fmt(f)?;
        f.write_str(".")?;
        f.write_str(self.2)
    }
}

impl From<Dotted3<'_>> for String {
    fn from(d: Dotted3<'_>) -> String {
        let mut s = String::with_capacity(d.0.len() + d.1.len() + d.2.len() + 2);
        for (i, part) in [d.0, d.1, d.2].into_iter().enumerate() {
            if i > 0 {
                s.push('.');
            }
            s.push_str(part);
        }
        s
    }
}

impl From<&Dotted3<'_>> for String {
    fn from(d: &Dotted3<'_>) -> String {
        String::from(*d)
    }
}

/// A key or legal reference of the trace: a constant (`&'static str`) is shared, a formatted or
/// tariff-given one (`String`, `&String`) is owned.
pub trait TraceName {
    fn trace_name(self) -> Cow<'static, str>;
}

impl TraceName for &'static str {
    fn trace_name(self) -> Cow<'static, str> {
        Cow::Borrowed(self)
    }
}

impl TraceName for String {
    fn trace_name(self) -> Cow<'static, str> {
        Cow::Owned(self)
    }
}

impl TraceName for &String {
    fn trace_name(self) -> Cow<'static, str> {
        Cow::Owned(self.clone())
    }
}

impl TraceName for Cow<'static, str> {
    fn trace_name(self) -> Cow<'static, str> {
        self
    }
}

/// A value of the trace, kept as computed and turned into text only when it is serialized or
/// displayed (a 10-line package has ~180 of them; formatting each at once was ~15 % of an
/// estimate). The text is what `to_string()` of the original value gives: `"12.50"` for the
/// decimal 12.50, `"30/7"` for a ratio, `"2026-03-01"` for a date, `"true"`. In JSON and in
/// TypeScript it is a plain string, as before.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceText {
    Decimal(Decimal),
    Text(Cow<'static, str>),
    Integer(i128),
    Bool(bool),
    Ratio(crate::tariff::Ratio),
    Date(chrono::NaiveDate),
}

impl TraceText {
    /// The text, borrowed when it already is one.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            TraceText::Text(t) => Cow::Borrowed(t),
            other => Cow::Owned(other.to_string()),
        }
    }
}

impl std::fmt::Display for TraceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceText::Decimal(d) => crate::money::with_decimal_str(*d, |s| f.write_str(s)),
            TraceText::Text(t) => f.write_str(t),
            TraceText::Integer(i) => std::fmt::Display::fmt(i, f),
            TraceText::Bool(b) => std::fmt::Display::fmt(b, f),
            TraceText::Ratio(r) => std::fmt::Display::fmt(r, f),
            TraceText::Date(d) => f.write_str(&crate::money::date_string(*d)),
        }
    }
}

impl Serialize for TraceText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            TraceText::Decimal(d) => crate::money::with_decimal_str(*d, |t| s.serialize_str(t)),
            TraceText::Text(t) => s.serialize_str(t),
            other => s.collect_str(other),
        }
    }
}

impl PartialEq<str> for TraceText {
    fn eq(&self, other: &str) -> bool {
        self.as_text() == other
    }
}

impl PartialEq<&str> for TraceText {
    fn eq(&self, other: &&str) -> bool {
        self.as_text() == *other
    }
}

/// A value as it is put into the trace (see [`TraceText`]): numbers, dates and ratios are kept
/// as they are; texts are moved (`String`) or shared (`&'static str`), not copied.
pub trait TraceValue {
    fn trace_value(self) -> TraceText;
}

impl TraceValue for TraceText {
    fn trace_value(self) -> TraceText {
        self
    }
}

impl TraceValue for Decimal {
    fn trace_value(self) -> TraceText {
        TraceText::Decimal(self)
    }
}

impl TraceValue for &Decimal {
    fn trace_value(self) -> TraceText {
        TraceText::Decimal(*self)
    }
}

impl TraceValue for &'static str {
    fn trace_value(self) -> TraceText {
        TraceText::Text(Cow::Borrowed(self))
    }
}

/// An owned text is moved into the trace, not copied.
impl TraceValue for String {
    fn trace_value(self) -> TraceText {
        TraceText::Text(Cow::Owned(self))
    }
}

impl TraceValue for &String {
    fn trace_value(self) -> TraceText {
        TraceText::Text(Cow::Owned(self.clone()))
    }
}

impl TraceValue for Cow<'static, str> {
    fn trace_value(self) -> TraceText {
        TraceText::Text(self)
    }
}

impl TraceValue for bool {
    fn trace_value(self) -> TraceText {
        TraceText::Bool(self)
    }
}

impl TraceValue for crate::tariff::Ratio {
    fn trace_value(self) -> TraceText {
        TraceText::Ratio(self)
    }
}

impl TraceValue for &crate::tariff::Ratio {
    fn trace_value(self) -> TraceText {
        TraceText::Ratio(*self)
    }
}

impl TraceValue for chrono::NaiveDate {
    fn trace_value(self) -> TraceText {
        TraceText::Date(self)
    }
}

impl TraceValue for std::fmt::Arguments<'_> {
    fn trace_value(self) -> TraceText {
        TraceText::Text(match self.as_str() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(self.to_string()),
        })
    }
}

macro_rules! trace_value_integer {
    ($($t:ty),*) => {$(
        impl TraceValue for $t {
            fn trace_value(self) -> TraceText {
                TraceText::Integer(self as i128)
            }
        }
        impl TraceValue for &$t {
            fn trace_value(self) -> TraceText {
                TraceText::Integer(*self as i128)
            }
        }
    )*};
}
trace_value_integer!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// `format!` for step texts, with room for a typical step up front: the text is written once
/// instead of growing from zero (a 10-line package has ~45 steps of 60–200 bytes).
#[macro_export]
#[doc(hidden)]
macro_rules! __trace_text {
    ($($arg:tt)*) => {{
        let mut s = String::with_capacity(160);
        // writing into a String cannot fail
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}
pub use crate::__trace_text as text;

/// Collects steps for one line.
#[derive(Debug, Default, Clone)]
pub struct Trace {
    pub steps: Vec<Step>,
}

impl Trace {
    /// Starts a step; finish it with the builder methods.
    pub fn step(&mut self, key: impl TraceName, text: impl Into<String>) -> &mut Step {
        self.steps.push(Step {
            key: key.trace_name(),
            text: text.into(),
            values: Vec::new(),
            params: Vec::new(),
            legal: None,
            result: None,
        });
        self.steps.last_mut().expect("just pushed")
    }
}

impl Step {
    pub fn val(&mut self, name: &'static str, value: impl TraceValue) -> &mut Self {
        self.values.push(NamedValue { name: Cow::Borrowed(name), value: value.trace_value() });
        self
    }
    pub fn param(&mut self, p: ParamUse) -> &mut Self {
        self.params.push(p);
        self
    }
    pub fn legal(&mut self, l: impl TraceName) -> &mut Self {
        self.legal = Some(l.trace_name());
        self
    }
    pub fn result(&mut self, r: Decimal) -> &mut Self {
        self.result = Some(r);
        self
    }
}
