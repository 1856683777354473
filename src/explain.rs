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
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParamUse {
    /// Dotted parameter name, e.g. `home_care.income_limit`.
    pub name: String,
    /// The value used (for tables: the cell used).
    pub value: String,
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
            value: value.trace_text(),
            valid_from: d.from,
            valid_to: d.to,
            source: d.source.clone(),
            url: d.url.clone(),
            verified: d.verified,
        }
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

/// A value as it is written into the trace: the same text as `to_string()`; decimals take a
/// fast path that skips the formatting machinery (the trace holds ~100 values per 10 lines).
pub trait TraceValue {
    fn trace_text(self) -> String;
}

impl TraceValue for Decimal {
    fn trace_text(self) -> String {
        crate::money::decimal_string(self)
    }
}

impl TraceValue for &Decimal {
    fn trace_text(self) -> String {
        crate::money::decimal_string(*self)
    }
}

impl TraceValue for &str {
    fn trace_text(self) -> String {
        self.to_owned()
    }
}

/// An owned text is moved into the trace, not copied.
impl TraceValue for String {
    fn trace_text(self) -> String {
        self
    }
}

impl TraceValue for &String {
    fn trace_text(self) -> String {
        self.clone()
    }
}

macro_rules! trace_value_by_display {
    ($($t:ty),*) => {$(
        impl TraceValue for $t {
            fn trace_text(self) -> String {
                self.to_string()
            }
        }
        impl TraceValue for &$t {
            fn trace_text(self) -> String {
                self.to_string()
            }
        }
    )*};
}
trace_value_by_display!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, bool, char,
    std::borrow::Cow<'_, str>, crate::tariff::Ratio, chrono::NaiveDate, std::fmt::Arguments<'_>);

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
        self.values.push(NamedValue { name: Cow::Borrowed(name), value: value.trace_text() });
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
