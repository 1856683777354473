//! The explanation trace: built while the numbers are computed, so it cannot drift from them.
//! Each step has a stable `key` (its title in the UI's catalogues), the text (a Fluent message of
//! `locales/*.ftl`, written in the language asked when serialized), the values it used, the dated
//! tariff parameters it read and the legal reference.

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
    /// The step in the estimate's language, with the numbers filled in (written out when
    /// serialized).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub text: StepText,
    /// Named values used or produced by the step (decimal strings), for translation templates.
    pub values: Vec<NamedValue>,
    /// Tariff parameters read, with their validity and source.
    pub params: Vec<ParamUse>,
    /// Legal section or HVA decision, e.g. `asiakasmaksulaki 10 e §`, written in the estimate's
    /// language (`lagen om klientavgifter inom social- och hälsovården 10 e §`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub legal: Option<Legal>,
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
    /// A word of the engine in the language in force (a rounding rule's name).
    Message(Msg),
    /// A name the tariff gives in each language, in the language in force (a parameter's title).
    Name(std::sync::Arc<crate::tariff::Names>),
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
            TraceText::Message(m) => f.write_str(&crate::i18n::message(crate::i18n::current(), m.0)),
            TraceText::Name(n) => f.write_str(n.get(crate::i18n::current())),
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

impl TraceValue for Msg {
    fn trace_value(self) -> TraceText {
        TraceText::Message(self)
    }
}

impl TraceValue for std::sync::Arc<crate::tariff::Names> {
    fn trace_value(self) -> TraceText {
        TraceText::Name(self)
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

/// A step text: a message of the engine's Fluent files (`locales/*.ftl`) and its named
/// arguments, written out only when the text is displayed or serialized, in the language in
/// force then ([`crate::i18n::with_lang`]; Finnish by default). Formatting ~45 sentences per
/// 10-line estimate was a third of its cost, and most estimates in a batch are never shown.
/// Build it with [`text!`].
#[derive(Debug, Clone, PartialEq)]
pub enum StepText {
    Template { id: &'static str, names: &'static [&'static str], args: Vec<TextArg> },
    Owned(String),
}

/// An argument of a [`StepText`]. Figures are written with the one number convention of every
/// language (`1 234,50 €`, see [`crate::i18n`]); words are messages of the current language.
#[derive(Debug, Clone, PartialEq)]
pub enum TextArg {
    /// [`crate::money::eur`]: `1 234,56 €`
    Eur(Decimal),
    /// [`crate::money::num`]: `42,5`
    Num(Decimal),
    /// `Decimal`'s `Display`: `42.50`
    Decimal(Decimal),
    /// A code, written as it is (a selector of the message, e.g. `client` / `spouse`).
    Static(&'static str),
    Owned(String),
    /// A text of the tariff, e.g. a care-allowance class.
    Shared(std::sync::Arc<str>),
    /// A name the tariff gives in each language (a support service).
    Name(std::sync::Arc<crate::tariff::Names>),
    /// An integer; Fluent sees a number (plural forms).
    Integer(i64),
    Ratio(crate::tariff::Ratio),
    /// A message of the current language without arguments (a unit, a deduction's name).
    Message(Msg),
    /// Another text, written in the same language (a step quoted by a warning).
    Text(Box<StepText>),
    /// Names the tariff gives in each language, joined with `; ` (parameter titles).
    Names(Vec<std::sync::Arc<crate::tariff::Names>>),
}

fn join_names(n: &[std::sync::Arc<crate::tariff::Names>], lang: crate::i18n::Lang) -> String {
    n.iter().map(|x| x.get(lang)).collect::<Vec<_>>().join("; ")
}

/// The id of a message without arguments, as a [`TextArg`]: `Msg("unit-hours")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg(pub &'static str);

impl TextArg {
    fn fluent(&self, lang: crate::i18n::Lang) -> crate::i18n::Arg<'_> {
        use crate::i18n::Arg;
        match self {
            TextArg::Static(s) => Arg::Text(Cow::Borrowed(s)),
            TextArg::Owned(s) => Arg::Text(Cow::Borrowed(s)),
            TextArg::Shared(s) => Arg::Text(Cow::Borrowed(s)),
            TextArg::Name(n) => Arg::Text(Cow::Borrowed(n.get(lang))),
            TextArg::Integer(i) => Arg::Int(*i),
            TextArg::Message(m) => Arg::Text(Cow::Owned(crate::i18n::message(lang, m.0))),
            TextArg::Text(t) => Arg::Text(Cow::Owned(t.render())),
            TextArg::Names(n) => Arg::Text(Cow::Owned(join_names(n, lang))),
            other => Arg::Text(Cow::Owned(other.to_string())),
        }
    }
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
            TextArg::Name(n) => f.write_str(n.get(crate::i18n::current())),
            TextArg::Integer(i) => i.fmt(f),
            TextArg::Ratio(r) => r.fmt(f),
            TextArg::Message(m) => f.write_str(&crate::i18n::message(crate::i18n::current(), m.0)),
            TextArg::Text(t) => t.fmt(f),
            TextArg::Names(n) => f.write_str(&join_names(n, crate::i18n::current())),
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
impl From<&std::sync::Arc<crate::tariff::Names>> for TextArg {
    fn from(n: &std::sync::Arc<crate::tariff::Names>) -> Self {
        TextArg::Name(n.clone())
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
impl From<bool> for TextArg {
    fn from(b: bool) -> Self {
        TextArg::Static(if b { "true" } else { "false" })
    }
}
impl From<Msg> for TextArg {
    fn from(m: Msg) -> Self {
        TextArg::Message(m)
    }
}
impl From<Vec<std::sync::Arc<crate::tariff::Names>>> for TextArg {
    fn from(n: Vec<std::sync::Arc<crate::tariff::Names>>) -> Self {
        TextArg::Names(n)
    }
}
impl From<StepText> for TextArg {
    fn from(t: StepText) -> Self {
        TextArg::Text(Box::new(t))
    }
}

impl StepText {
    /// The text in the current language as a `String` (what `to_string()` gives).
    pub fn render(&self) -> String {
        match self {
            StepText::Owned(s) => s.clone(),
            StepText::Template { .. } => {
                let mut s = String::with_capacity(96);
                // writing into a String cannot fail
                let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{self}"));
                s
            }
        }
    }

    /// The text in `lang`.
    pub fn render_in(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::with_lang(lang, || self.render())
    }

    /// The message id of a template.
    pub fn id(&self) -> Option<&'static str> {
        match self {
            StepText::Template { id, .. } => Some(id),
            StepText::Owned(_) => None,
        }
    }
}

impl std::fmt::Display for StepText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepText::Owned(s) => f.write_str(s),
            StepText::Template { id, names, args } => {
                let lang = crate::i18n::current();
                crate::i18n::write(f, lang, id, names.iter().copied().zip(args.iter().map(|a| a.fluent(lang))))
            }
        }
    }
}

impl Serialize for StepText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            StepText::Owned(t) => s.serialize_str(t),
            // serde_json writes the text straight into the output, escaped, without a String
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

/// A step text: `text!("step-home-care-income-limit", persons = persons, limit = eur(limit))`:
/// the id of a message of `locales/*.ftl` and its named arguments; the sentence is written only
/// when it is displayed or serialized ([`StepText`]). Every id and argument name is checked
/// against the three languages' files by `tests/messages.rs`.
#[macro_export]
#[doc(hidden)]
macro_rules! __trace_text {
    ($id:literal $(, $name:ident = $arg:expr)* $(,)?) => {{
        $crate::explain::StepText::Template {
            id: $id,
            names: &[$(stringify!($name)),*],
            args: vec![$($crate::explain::TextArg::from($arg)),*],
        }
    }};
}
pub use crate::__trace_text as text;

/// A legal reference: the engine's own (`asiakasmaksulaki 10 f §, 10 g §`, the acts named in
/// `locales/*.ftl`, see [`crate::i18n::legal_reference`]) or one the tariff gives in each
/// language (a support service's `legal_reference`). Written in the language in force.
#[derive(Debug, Clone, PartialEq)]
pub enum Legal {
    Code(Cow<'static, str>),
    Named(std::sync::Arc<crate::tariff::Names>),
}

impl Legal {
    /// The reference in Finnish: the form `law/` and its test read.
    pub fn fi(&self) -> &str {
        match self {
            Legal::Code(c) => c,
            Legal::Named(n) => &n.fi,
        }
    }

    pub fn text(&self, lang: crate::i18n::Lang) -> Cow<'_, str> {
        match self {
            Legal::Code(c) => crate::i18n::legal_reference(c, lang),
            Legal::Named(n) => Cow::Borrowed(n.get(lang)),
        }
    }
}

impl std::fmt::Display for Legal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::current()))
    }
}

impl Serialize for Legal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(crate::i18n::current()))
    }
}

impl From<&'static str> for Legal {
    fn from(s: &'static str) -> Self {
        Legal::Code(Cow::Borrowed(s))
    }
}
impl From<String> for Legal {
    fn from(s: String) -> Self {
        Legal::Code(Cow::Owned(s))
    }
}
impl From<&String> for Legal {
    fn from(s: &String) -> Self {
        Legal::Code(Cow::Owned(s.clone()))
    }
}
impl From<&std::sync::Arc<crate::tariff::Names>> for Legal {
    fn from(n: &std::sync::Arc<crate::tariff::Names>) -> Self {
        Legal::Named(n.clone())
    }
}

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
    pub fn legal(&mut self, l: impl Into<Legal>) -> &mut Self {
        self.legal = Some(l.into());
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

    /// A template is written in the language in force: the Finnish sentence by default, the
    /// Swedish or English one inside `with_lang` (the engine's full Finnish output is also
    /// compared byte for byte before and after, see BENCHMARKS.md).
    #[test]
    fn templates_are_written_in_the_language_in_force() {
        use crate::i18n::{with_lang, Lang};
        let t = text!("step-home-care-income-limit", persons = 3u32, limit = eur(d("2031.5")));
        assert_eq!(t.to_string(), "Tuloraja 3 henkilön perheelle: 2\u{a0}031,50\u{a0}€");
        assert_eq!(t.render_in(Lang::Sv), "Inkomstgräns för en familj med 3 personer: 2\u{a0}031,50\u{a0}€");
        assert_eq!(t.render_in(Lang::En), "Income limit for a family of 3 persons: 2\u{a0}031,50\u{a0}€");
        let one = text!("step-home-care-income-limit", persons = 1u32, limit = eur(d("1017")));
        assert_eq!(one.render_in(Lang::En), "Income limit for a family of one person: 1\u{a0}017,00\u{a0}€");
        assert_eq!(
            with_lang(Lang::Sv, || serde_json::to_value(&t).unwrap()),
            serde_json::Value::String(t.render_in(Lang::Sv))
        );
        // units and other words follow the language; figures keep one convention
        let f = text!(
            "step-flat-fee",
            unit_fee = eur(d("32.8")),
            quantity = num(d("4.33333")),
            unit = Msg("unit-care-days"),
            fee = eur(d("142.13"))
        );
        assert_eq!(f.to_string(), "32,80\u{a0}€ × 4,3333 hoitopäivää = 142,13\u{a0}€");
        assert_eq!(f.render_in(Lang::Sv), "32,80\u{a0}€ × 4,3333 vårddygn = 142,13\u{a0}€");
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
