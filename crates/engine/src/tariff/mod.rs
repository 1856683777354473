//! Tariffs as dated data: loading, strict validation and lookup in force on a date.

pub mod params;
pub mod schema;

pub use params::{Band, BandTable, Dated, Param, PersonTable, Ratio, StepRow, StepTable};
pub use schema::*;

use crate::error::{EngineError, Result};
use chrono::NaiveDate;

/// Loads every `*.toml` file of a tariff directory (not recursive), in name order.
#[cfg(feature = "fs")]
pub fn load_dir(dir: &std::path::Path) -> Result<Tariff> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| EngineError::tariff(dir.display().to_string(), None, format!("cannot read directory: {e}")))?;
    let mut files = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| EngineError::tariff(dir.display().to_string(), None, e.to_string()))?;
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| EngineError::tariff(path.display().to_string(), None, format!("cannot read: {e}")))?;
            files.push((path.display().to_string(), text));
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(EngineError::tariff(dir.display().to_string(), None, "no .toml tariff files found"));
    }
    load_files(&files)
}

/// Loads a tariff from (file name, TOML text) pairs, e.g. from a verified bundle.
pub fn load_files(files: &[(String, String)]) -> Result<Tariff> {
    let mut merged = TariffFile::default();
    let mut origin: std::collections::BTreeMap<&'static str, String> = Default::default();
    for (name, text) in files {
        let f: TariffFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            EngineError::tariff(name.clone(), line, e.message().to_string())
        })?;
        macro_rules! take {
            ($($sec:ident),*) => {$(
                if let Some(v) = f.$sec {
                    if let Some(prev) = origin.get(stringify!($sec)) {
                        return Err(EngineError::tariff(name.clone(), None,
                            format!("section `{}` is already defined in {}", stringify!($sec), prev)));
                    }
                    origin.insert(stringify!($sec), name.clone());
                    merged.$sec = Some(v);
                }
            )*};
        }
        take!(organisation, income, home_care, communal_housing, long_term_care, flat_fees,
              payment_ceiling, fee_reduction, informal_care_support, prices, vouchers, support_services);
    }
    let missing = |s: &str| EngineError::tariff("tariff", None, format!("required section `{s}` is missing"));
    let tariff = Tariff {
        organisation: merged.organisation.ok_or_else(|| missing("organisation"))?,
        income: merged.income.ok_or_else(|| missing("income"))?,
        home_care: merged.home_care.ok_or_else(|| missing("home_care"))?,
        communal_housing: merged.communal_housing,
        long_term_care: merged.long_term_care.ok_or_else(|| missing("long_term_care"))?,
        flat_fees: merged.flat_fees.ok_or_else(|| missing("flat_fees"))?,
        payment_ceiling: merged.payment_ceiling.ok_or_else(|| missing("payment_ceiling"))?,
        fee_reduction: merged.fee_reduction,
        informal_care_support: merged.informal_care_support,
        prices: merged.prices.unwrap_or_default(),
        vouchers: merged.vouchers.unwrap_or_default(),
        support_services: merged.support_services.unwrap_or_default(),
    };
    validate(&tariff)?;
    Ok(tariff)
}

/// Structural checks beyond the schema: every parameter's values are sourced and do not
/// overlap; band tables are ordered; support services have a fee rule.
pub fn validate(t: &Tariff) -> Result<()> {
    let v = serde_json::to_value(t).map_err(|e| EngineError::tariff("tariff", None, e.to_string()))?;
    walk_params(&v, String::new())?;
    for p in &t.home_care.percentages.values {
        p.value.check().map_err(|m| EngineError::tariff("tariff", None, format!("home_care.percentages from {}: {m}", p.from)))?;
    }
    if let Some(c) = &t.communal_housing {
        for p in &c.percentages.values {
            p.value.check().map_err(|m| EngineError::tariff("tariff", None, format!("communal_housing.percentages from {}: {m}", p.from)))?;
        }
    }
    for (code, s) in &t.support_services {
        let rules = [s.fee_per_unit.is_some(), s.income_tiered.is_some(), s.fee_by_level.is_some()];
        if rules.iter().filter(|b| **b).count() != 1 {
            return Err(EngineError::tariff("tariff", None, format!(
                "support_services.{code}: exactly one of fee_per_unit, income_tiered, fee_by_level is required")));
        }
        if s.quantity.per_week() && s.weeks_per_month.is_none() {
            return Err(EngineError::tariff("tariff", None, format!(
                "support_services.{code}: weeks_per_month is required for a per-week quantity")));
        }
        if (s.quantity == Quantity::Level) != s.fee_by_level.is_some() {
            return Err(EngineError::tariff("tariff", None, format!(
                "support_services.{code}: quantity = \"level\" goes with fee_by_level")));
        }
        if crate::rules::StatutoryKind::from_code(code).is_some() {
            return Err(EngineError::tariff("tariff", None, format!(
                "support_services.{code}: the code is a statutory service kind")));
        }
    }
    for (code, v) in &t.vouchers {
        let n = [v.flat_value.is_some(), v.income_related.is_some(), v.by_net_income.is_some()]
            .iter().filter(|b| **b).count();
        if n != 1 {
            return Err(EngineError::tariff("tariff", None, format!(
                "vouchers.{code}: exactly one of flat_value, income_related, by_net_income is required")));
        }
    }
    Ok(())
}

fn walk_params(v: &serde_json::Value, path: String) -> Result<()> {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(values)) = map.get("values") {
                if values.iter().all(|x| x.get("from").is_some()) {
                    check_values(&path, values)?;
                    return Ok(());
                }
            }
            for (k, x) in map {
                walk_params(x, if path.is_empty() { k.clone() } else { format!("{path}.{k}") })?;
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk_params(x, format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_values(path: &str, values: &[serde_json::Value]) -> Result<()> {
    let err = |m: String| EngineError::tariff("tariff", None, m);
    if values.is_empty() {
        return Err(err(format!("parameter `{path}` has no values")));
    }
    let date = |x: Option<&serde_json::Value>| -> Option<NaiveDate> { x?.as_str()?.parse().ok() };
    let mut spans: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    for x in values {
        let from = date(x.get("from")).ok_or_else(|| err(format!("parameter `{path}`: bad `from`")))?;
        let to = date(x.get("to"));
        if let Some(to) = to {
            if to < from {
                return Err(err(format!("parameter `{path}`: value from {from} ends before it starts ({to})")));
            }
        }
        if x.get("source").and_then(|s| s.as_str()).is_none_or(|s| s.trim().is_empty()) {
            return Err(err(format!("parameter `{path}`: value from {from} has no source")));
        }
        spans.push((from, to));
    }
    spans.sort();
    for w in spans.windows(2) {
        match w[0].1 {
            None => return Err(err(format!("parameter `{path}`: value from {} is open-ended but another starts {}", w[0].0, w[1].0))),
            Some(to) if to >= w[1].0 => {
                return Err(err(format!("parameter `{path}`: values from {} and {} overlap", w[0].0, w[1].0)))
            }
            _ => {}
        }
    }
    Ok(())
}

/// JSON Schema of one tariff source file, for editors.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(TariffFile)).unwrap_or_default()
}
