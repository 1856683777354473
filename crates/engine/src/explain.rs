//! The explanation trace: built while the numbers are computed, so it cannot drift from them.
//! Each step has a stable `key` (translation key for the UI's sv/en catalogues), the Finnish
//! text, the values it used, the dated tariff parameters it read and the legal reference.

use crate::tariff::Dated;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// Version of the trace format; bump when a step's meaning changes.
pub const TRACE_FORMAT: &str = "kustannusarvio.trace.v1";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Step {
    /// Stable key, e.g. `home_care.income_over_limit`.
    // `Cow`: the keys are constants, shared rather than copied into every estimate; serialized
    // as a plain string (TypeScript `string`).
    pub key: Cow<'static, str>,
    /// The step in Finnish, with the numbers filled in (written out when serialized).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub text: StepText,
    /// Named values used or produced by the step (decimal strings), for translation templates.
    pub values: Vec<NamedValue>,
    /// Tariff parameters read, with their validity and source.
    pub params: Vec<ParamUse>,
    /// Legal section or HVA decision, e.g. `asiakasmaksulaki 10 e §`.
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

/// A step text: a constant template with `{}` placeholders and its arguments, written out only
/// when the text is displayed or serialized (as JSON it is the plain Finnish sentence, as
/// before). Formatting ~45 sentences per 10-line estimate was a third of its cost, and most
/// estimates in a batch are never shown. Build it with [`text!`].
#[derive(Debug, Clone, PartialEq)]
pub enum StepText {
    Template { template: &'static str, args: Vec<TextArg> },
    Owned(String),
}

/// An argument of a [`StepText`] template, written as `{}` of `format!` would write it.
#[derive(Debug, Clone, PartialEq)]
pub enum TextArg {
    /// [`crate::money::eur`]: `1 234,56 €`
    Eur(Decimal),
    /// [`crate::money::num`]: `42,5`
    Num(Decimal),
    /// `Decimal`'s `Display`: `42.50`
    Decimal(Decimal),
    Static(&'static str),
    Owned(String),
    /// A text of the tariff, e.g. a support service's name.
    Shared(std::sync::Arc<str>),
    Integer(i64),
    Ratio(crate::tariff::Ratio),
}

impl std::fmt::Display for TextArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextArg::Eur(d) => crate::money::eur(*d).fmt(f),
            TextArg::Num(d) => crate::money::num(*d).fmt(f),
            TextArg::Decimal(d) => crate::money::with_decimal_str(*d, |s| f.write_str(s)),
            TextArg::Static(s) => f.write_str(s),
            TextArg::Owned(s) => f.write_str(s),
            TextArg::Shared(s) => f.write_str(s),
            TextArg::Integer(i) => i.fmt(f),
            TextArg::Ratio(r) => r.fmt(f),
        }
    }
}

impl From<crate::money::Eur> for TextArg {
    fn from(e: crate::money::Eur) -> Self {
        TextArg::Eur(e.0)
    }
}
impl From<crate::money::Num> for TextArg {
    fn from(n: crate::money::Num) -> Self {
        TextArg::Num(n.0)
    }
}
impl From<Decimal> for TextArg {
    fn from(d: Decimal) -> Self {
        TextArg::Decimal(d)
    }
}
impl From<&'static str> for TextArg {
    fn from(s: &'static str) -> Self {
        TextArg::Static(s)
    }
}
impl From<String> for TextArg {
    fn from(s: String) -> Self {
        TextArg::Owned(s)
    }
}
impl From<&String> for TextArg {
    fn from(s: &String) -> Self {
        TextArg::Owned(s.clone())
    }
}
impl From<&std::sync::Arc<str>> for TextArg {
    fn from(s: &std::sync::Arc<str>) -> Self {
        TextArg::Shared(s.clone())
    }
}
impl From<crate::tariff::Ratio> for TextArg {
    fn from(r: crate::tariff::Ratio) -> Self {
        TextArg::Ratio(r)
    }
}
impl From<u32> for TextArg {
    fn from(i: u32) -> Self {
        TextArg::Integer(i.into())
    }
}
impl From<i64> for TextArg {
    fn from(i: i64) -> Self {
        TextArg::Integer(i)
    }
}

impl StepText {
    /// The number of `{}` in a template; `None` if it has any other `{`/`}` (named or formatted
    /// placeholders, escapes), which [`text!`] rejects at compile time.
    pub const fn placeholders(template: &str) -> Option<usize> {
        let b = template.as_bytes();
        let (mut i, mut n) = (0, 0);
        while i < b.len() {
            if b[i] == b'{' {
                if i + 1 < b.len() && b[i + 1] == b'}' {
                    n += 1;
                    i += 2;
                    continue;
                }
                return None;
            }
            if b[i] == b'}' {
                return None;
            }
            i += 1;
        }
        Some(n)
    }

    /// The text as a `String` (what `to_string()` gives).
    pub fn render(&self) -> String {
        match self {
            StepText::Owned(s) => s.clone(),
            StepText::Template { template, .. } => {
                let mut s = String::with_capacity(template.len() + 48);
                // writing into a String cannot fail
                let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{self}"));
                s
            }
        }
    }
}

impl std::fmt::Display for StepText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepText::Owned(s) => f.write_str(s),
            StepText::Template { template, args } => {
                let mut args = args.iter();
                for (i, piece) in template.split("{}").enumerate() {
                    if i > 0 {
                        match args.next() {
                            Some(a) => a.fmt(f)?,
                            None => f.write_str("{}")?,
                        }
                    }
                    f.write_str(piece)?;
                }
                Ok(())
            }
        }
    }
}

impl Serialize for StepText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            StepText::Owned(t) => s.serialize_str(t),
            // serde_json writes the pieces straight into the output, escaped, without a String
            StepText::Template { .. } => s.collect_str(self),
        }
    }
}

impl PartialEq<str> for StepText {
    fn eq(&self, other: &str) -> bool {
        self.render() == other
    }
}

impl PartialEq<&str> for StepText {
    fn eq(&self, other: &&str) -> bool {
        self.render() == *other
    }
}

impl From<String> for StepText {
    fn from(s: String) -> Self {
        StepText::Owned(s)
    }
}

impl From<&'static str> for StepText {
    fn from(s: &'static str) -> Self {
        StepText::Template { template: s, args: Vec::new() }
    }
}

/// A step text: `text!("Tuloraja {} henkilön perheelle: {}", persons, eur(limit))`. Like
/// `format!` with `{}` placeholders only (checked at compile time), but the sentence is written
/// only when it is displayed or serialized ([`StepText`]).
#[macro_export]
#[doc(hidden)]
macro_rules! __trace_text {
    ($template:literal $(, $arg:expr)* $(,)?) => {{
        const _: () = assert!(
            matches!($crate::explain::StepText::placeholders($template), Some(n) if n == <[&str]>::len(&[$(stringify!($arg)),*])),
            "text!: the template needs one `{{}}` per argument and no other braces"
        );
        $crate::explain::StepText::Template {
            template: $template,
            args: vec![$($crate::explain::TextArg::from($arg)),*],
        }
    }};
}
pub use crate::__trace_text as text;

/// Collects steps for one line.
#[derive(Debug, Default, Clone)]
pub struct Trace {
    pub steps: Vec<Step>,
    /// The fee was limited by the cost of the service (a `….cost_cap` step, asiakasmaksulaki 2 §);
    /// kept also when no explanation is built.
    pub at_cost_cap: bool,
}

impl Trace {
    /// Starts a step; finish it with the builder methods.
    pub fn step(&mut self, key: impl TraceName, text: impl Into<StepText>) -> &mut Step {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{eur, num};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn placeholders_are_counted_and_other_braces_refused() {
        assert_eq!(StepText::placeholders("no arguments"), Some(0));
        assert_eq!(StepText::placeholders("{} × {} = {}"), Some(3));
        assert_eq!(StepText::placeholders("{}{}"), Some(2));
        assert_eq!(StepText::placeholders("{h} h/kk"), None); // a named placeholder
        assert_eq!(StepText::placeholders("{:.2}"), None); // a format spec
        assert_eq!(StepText::placeholders("{{}}"), None); // an escape
        assert_eq!(StepText::placeholders("a } b"), None);
    }

    /// A template written out lazily is the sentence `format!` writes at once, for every kind of
    /// argument (the engine's full output is also compared byte for byte before and after, see
    /// BENCHMARKS.md).
    #[test]
    fn template_text_equals_format() {
        let ratio = crate::tariff::Ratio::try_from("30/7".to_string()).unwrap();
        let name: std::sync::Arc<str> = "Ateriapalvelu".into();
        let owned = String::from("A");
        let t = text!(
            "{}: {} × {} {} = {}; {} h, {} henkilöä, {} viikkoa, {}",
            &name,
            eur(d("1234.565")),
            num(d("4.33333")),
            "kertaa",
            eur(d("-0.004")),
            d("12.50"),
            3u32,
            ratio,
            &owned
        );
        let expected = format!(
            "{}: {} × {} {} = {}; {} h, {} henkilöä, {} viikkoa, {}",
            name,
            eur(d("1234.565")),
            num(d("4.33333")),
            "kertaa",
            eur(d("-0.004")),
            d("12.50"),
            3u32,
            ratio,
            owned
        );
        assert_eq!(t.to_string(), expected);
        assert_eq!(
            t.render(),
            "Ateriapalvelu: 1\u{a0}234,57\u{a0}€ × 4,3333 kertaa = 0,00\u{a0}€; 12.50 h, 3 henkilöä, 30/7 viikkoa, A"
        );
        assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::Value::String(expected.clone()));
        assert!(t.render().contains("4,3333 kertaa"));
        assert_eq!(text!("Ei argumentteja").to_string(), "Ei argumentteja");
        assert_eq!(StepText::from(String::from("valmis")), "valmis");
    }

    /// Values kept as numbers are serialized as the decimal strings they were before.
    #[test]
    fn trace_values_serialize_as_text() {
        let v = |x: TraceText| serde_json::to_value(&x).unwrap();
        assert_eq!(v(d("80.16").trace_value()), "80.16");
        assert_eq!(v(d("-0.005").trace_value()), "-0.005");
        assert_eq!(v(d("100").trace_value()), "100");
        assert_eq!(v(3usize.trace_value()), "3");
        assert_eq!(v(true.trace_value()), "true");
        assert_eq!(v("kk".trace_value()), "kk");
        assert_eq!(v(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().trace_value()), "2026-03-01");
        assert_eq!(v(crate::tariff::Ratio::try_from("365/12".to_string()).unwrap().trace_value()), "365/12");
        assert_eq!(d("42.5").trace_value(), "42.5");
        assert_eq!(d("42.5").trace_value().as_text(), "42.5");
    }
}
