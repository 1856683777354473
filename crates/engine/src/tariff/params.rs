//! Dated parameters (OpenFisca-style): every value has a validity period, a source and a
//! verified flag. Resolution on a date never defaults to zero: no value in force is an error.

use crate::error::{EngineError, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// One value of a parameter with its validity and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dated<T> {
    /// First day the value is in force (`YYYY-MM-DD`).
    #[schemars(with = "String")]
    pub from: NaiveDate,
    /// Last day the value is in force; open-ended when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub to: Option<NaiveDate>,
    pub value: T,
    /// Legal section or HVA decision the value comes from.
    #[schemars(with = "String")]
    pub source: std::sync::Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub url: Option<std::sync::Arc<str>>,
    /// `true` only when the value appears in the cited source (law/README.md: verification).
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl<T> Dated<T> {
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// A parameter: a list of dated values that must not overlap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
pub struct Param<T> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// This layer replaces the parameter of a lower layer (e.g. an HVA's own percentages over
    /// the national maximum table). Required for an override, an error where there is nothing
    /// to override.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overrides: bool,
    /// Takes the values of another parameter of the tariff (resolved by the loader; in a loaded
    /// tariff this is always empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    #[serde(default)]
    pub values: Vec<Dated<T>>,
    /// The dotted name, set by the loader ([`crate::tariff::Tariff::name_params`]).
    #[serde(skip)]
    #[schemars(skip)]
    pub name: std::sync::Arc<str>,
}

impl<T> Param<T> {
    /// The dotted name (`home_care.income_limit`), set by the loader from where the parameter is
    /// written; a rule never spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value in force on `date`, or `NotInForce` naming the parameter.
    pub fn at(&self, date: NaiveDate) -> Result<Read<'_, T>> {
        match self.values.iter().find(|v| v.in_force(date)) {
            Some(dated) => Ok(Read { param: self, dated }),
            None => Err(EngineError::NotInForce { parameter: self.name.to_string(), date: date.to_string() }),
        }
    }
}

/// A parameter's value in force on a date, with where it comes from (name, validity, source):
/// dereferences to the value; [`Read::used`] is what the explanation shows of it.
#[derive(Debug)]
pub struct Read<'a, T> {
    pub param: &'a Param<T>,
    pub dated: &'a Dated<T>,
}

impl<T> Clone for Read<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Read<'_, T> {}

impl<T> std::ops::Deref for Read<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.dated.value
    }
}

impl<'a, T> Read<'a, T> {
    /// The value, with the tariff's lifetime.
    pub fn value(&self) -> &'a T {
        &self.dated.value
    }

    /// The use of this parameter as the explanation shows it: `shown` is the value used (for a
    /// table, the cell).
    pub fn used_as(&self, shown: impl crate::explain::TraceValue) -> crate::explain::ParamUse {
        crate::explain::ParamUse::of(self.param.name(), self.dated, shown)
    }

    /// The use of this parameter showing its value.
    pub fn used(&self) -> crate::explain::ParamUse
    where
        &'a T: crate::explain::TraceValue,
    {
        self.used_as(self.value())
    }
}

/// A value by family size: `by_persons[0]` is for 1 person; beyond the list, the last value
/// plus `each_additional` per extra person, or the last value itself when `last_applies_beyond`
/// is true (e.g. Helsinki's safety-phone limits: households of three or more use the limit of
/// two). Without either, a larger family has no value (an error naming the parameter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonTable {
    pub by_persons: Vec<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub each_additional: Option<Decimal>,
    /// The last value of `by_persons` also applies to larger families (no `each_additional`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub last_applies_beyond: bool,
}

impl PersonTable {
    /// Value for `persons` (≥ 1). `None` when the table needs `each_additional` and has none.
    pub fn for_persons(&self, persons: u32) -> Option<Decimal> {
        let n = self.by_persons.len();
        if n == 0 || persons == 0 {
            return None;
        }
        let p = persons as usize;
        if p <= n {
            return Some(self.by_persons[p - 1]);
        }
        let last = self.by_persons[n - 1];
        if self.last_applies_beyond && self.each_additional.is_none() {
            return Some(last);
        }
        let extra = self.each_additional?;
        last.checked_add(extra.checked_mul(Decimal::from((p - n) as u64))?)
    }
}

/// The percentage table by monthly hours (rows) and family size (columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandTable {
    /// Rows in increasing `min_hours`; the first must start at 0.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The band applies from this many hours per month (inclusive).
    pub min_hours: Decimal,
    /// Percent of income over the limit, by family size (1, 2, …); the last column applies to
    /// larger families.
    pub percent: Vec<Decimal>,
    /// Monthly maximum fee in this band (cost cap, 2 §), if the HVA sets one by band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
}

impl BandTable {
    /// The band for `hours` and its index.
    pub fn band(&self, hours: Decimal) -> Option<(usize, &Band)> {
        self.bands.iter().enumerate().rev().find(|(_, b)| b.min_hours <= hours)
    }
    pub fn percent(band: &Band, persons: u32) -> Option<Decimal> {
        let idx = (persons.max(1) as usize).min(band.percent.len()) - 1;
        band.percent.get(idx).copied()
    }
    pub fn check(&self) -> std::result::Result<(), String> {
        if self.bands.is_empty() {
            return Err("band table is empty".into());
        }
        if !self.bands[0].min_hours.is_zero() {
            return Err("the first band must start at min_hours = 0".into());
        }
        for w in self.bands.windows(2) {
            if w[1].min_hours <= w[0].min_hours {
                return Err(format!("bands must increase: {} after {}", w[1].min_hours, w[0].min_hours));
            }
        }
        if self.bands.iter().any(|b| b.percent.is_empty()) {
            return Err("every band needs at least one percent column".into());
        }
        Ok(())
    }
}

/// A step table: the value for an amount is that of the last row whose `above` the amount
/// exceeds (the first row has `above = 0` and also takes 0 and negative amounts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepTable {
    pub rows: Vec<StepRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepRow {
    pub above: Decimal,
    pub value: Decimal,
}

impl StepTable {
    pub fn lookup(&self, amount: Decimal) -> Option<&StepRow> {
        let mut found = self.rows.first()?;
        for r in &self.rows[1..] {
            if amount > r.above {
                found = r;
            }
        }
        Some(found)
    }
}

/// An exact ratio, written `"30/7"` or as a decimal `"4.33"`, e.g. weeks per month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "String")]
pub struct Ratio {
    pub numerator: Decimal,
    pub denominator: Decimal,
}

impl Ratio {
    /// `x × numerator ÷ denominator`, multiplying first to keep the result exact where it can be.
    pub fn apply(&self, x: Decimal) -> Option<Decimal> {
        x.checked_mul(self.numerator)?.checked_div(self.denominator)
    }
}

impl TryFrom<String> for Ratio {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        let parse = |t: &str| Decimal::from_str(t.trim()).map_err(|e| format!("`{s}` is not a number or ratio: {e}"));
        let (n, d) = match s.split_once('/') {
            Some((n, d)) => (parse(n)?, parse(d)?),
            None => (parse(&s)?, Decimal::ONE),
        };
        if d <= Decimal::ZERO || n < Decimal::ZERO {
            return Err(format!("`{s}` must be a positive ratio"));
        }
        Ok(Ratio { numerator: n, denominator: d })
    }
}

impl From<Ratio> for String {
    fn from(r: Ratio) -> String {
        r.to_string()
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `"30/7"`, or `"4.33"` when the denominator is 1 (also the TOML form, `String::from`)
        crate::money::with_decimal_str(self.numerator, |n| f.write_str(n))?;
        if self.denominator != Decimal::ONE {
            f.write_str("/")?;
            crate::money::with_decimal_str(self.denominator, |d| f.write_str(d))?;
        }
        Ok(())
    }
}
