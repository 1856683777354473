//! Tariffs as dated data: loading, strict validation and lookup in force on a date.

pub mod layers;
pub mod params;
pub mod ranges;
pub mod report;
pub mod schema;

pub use layers::{Layer, Override, Provenance, SourceFile};
pub use params::{Band, BandTable, Dated, Param, PersonTable, Ratio, Read, StepRow, StepTable};
pub use schema::*;

use crate::error::{EngineError, Result};
use chrono::NaiveDate;

/// Loads a tariff directory and the layer it extends (`[organisation] extends = "national"`
/// → the sibling directory `../national`), each `*.toml` file in name order.
#[cfg(feature = "fs")]
pub fn load_dir(dir: &std::path::Path) -> Result<Tariff> {
    load_layers(&read_layers(dir)?)
}

/// The layers of a tariff directory, base first: the directory itself and, when its
/// organisation extends another layer, that sibling directory (recursively, at most 4 deep).
#[cfg(feature = "fs")]
pub fn read_layers(dir: &std::path::Path) -> Result<Vec<Layer>> {
    let mut layers = vec![read_layer(dir)?];
    let mut cur = dir.to_path_buf();
    while let Some(base) = declared_base(&layers[0])? {
        if layers.len() >= 4 {
            return Err(EngineError::tariff(cur.display().to_string(), None, "layers extend each other too deep"));
        }
        if !layers::is_layer_name(&base) {
            return Err(EngineError::tariff(
                cur.display().to_string(),
                None,
                format!("`extends = \"{base}\"` is not a layer name"),
            ));
        }
        cur = cur.parent().map(|p| p.join(&base)).unwrap_or_else(|| std::path::PathBuf::from(&base));
        layers.insert(0, read_layer(&cur)?);
    }
    Ok(layers)
}

/// One directory as a layer named after it: its `*.toml` files (not recursive), in name order.
#[cfg(feature = "fs")]
pub fn read_layer(dir: &std::path::Path) -> Result<Layer> {
    let err = |m: String| EngineError::tariff(dir.display().to_string(), None, m);
    let rd = std::fs::read_dir(dir).map_err(|e| err(format!("cannot read directory: {e}")))?;
    let mut files = Vec::new();
    for entry in rd {
        let path = entry.map_err(|e| err(e.to_string()))?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| EngineError::tariff(path.display().to_string(), None, format!("cannot read: {e}")))?;
            files.push((path.display().to_string(), text));
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(err("no .toml tariff files found".into()));
    }
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    Ok(Layer::new(name, files))
}

/// The `[organisation]` table of a layer, if it has one (read without the full load); a base
/// layer such as `national` has none.
pub fn organisation_table(layer: &Layer) -> Result<Option<(String, toml::Table)>> {
    for f in &layer.files {
        let t: toml::Table = toml::from_str(&f.text).map_err(|e| {
            let line = e.span().map(|s| f.text[..s.start.min(f.text.len())].matches('\n').count() + 1);
            EngineError::tariff(f.name.clone(), line, e.message().to_string())
        })?;
        if let Some(toml::Value::Table(o)) = t.get("organisation") {
            return Ok(Some((f.name.clone(), o.clone())));
        }
    }
    Ok(None)
}

/// The layer a layer's organisation extends, if it names one (read without the full load).
pub fn declared_base(layer: &Layer) -> Result<Option<String>> {
    if let Some((file, o)) = organisation_table(layer)? {
        if let Some(e) = o.get("extends") {
            return match e.as_str() {
                Some(s) => Ok(Some(s.to_string())),
                None => Err(EngineError::tariff(file, None, "`organisation.extends` must be a string")),
            };
        }
    }
    Ok(None)
}

/// Loads a tariff of one self-contained layer from (file name, TOML text) pairs. A layer that
/// extends another needs [`load_layers`].
pub fn load_files(files: &[(String, String)]) -> Result<Tariff> {
    load_layers(&[Layer::new("tariff", files.iter().cloned())])
}

/// Loads a tariff from its layers, base first (e.g. `national`, then `paijat-hame`): merges
/// them parameter by parameter ([`layers`]), deserializes strictly (unknown keys are errors)
/// and validates.
pub fn load_layers(layers: &[Layer]) -> Result<Tariff> {
    let merged = layers::Merged::new(layers)?;
    let value = toml::Value::Table(merged.table.clone());
    let mut tariff: Tariff = serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        let message = e.inner().message().trim().to_string();
        let top = layers.last().map(|l| l.name.as_str()).unwrap_or("tariff");
        // "missing field `x`": no layer defines it; the organisation's own directory should
        if let Some(k) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
            let path = if at == "." { k.to_string() } else { format!("{at}.{k}") };
            let what = if at == "." { "section" } else { "parameter" };
            return EngineError::tariff(top, None, format!("required {what} `{path}` is missing: no layer defines it"));
        }
        // "unknown field `x`": point at the key itself
        let path = match message.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
            Some(k) if at == "." => k.to_string(),
            Some(k) => format!("{at}.{k}"),
            None => at,
        };
        merged.origin_error(&path, format!("{path}: {message}"))
    })?;
    tariff.provenance = merged.provenance;
    tariff.name_params();
    let v = serde_json::to_value(&tariff).map_err(|e| EngineError::tariff("tariff", None, e.to_string()))?;
    validate_value(&tariff, &v)?;
    tariff.titles = report::titles(&tariff, &v);
    Ok(tariff)
}

/// Structural checks beyond the schema: every parameter's values are sourced and do not
/// overlap; every number is in its range and tables are ordered ([`ranges`]); support services
/// have a fee rule.
pub fn validate(t: &Tariff) -> Result<()> {
    let v = serde_json::to_value(t).map_err(|e| EngineError::tariff("tariff", None, e.to_string()))?;
    validate_value(t, &v)
}

/// [`validate`] with the tariff's JSON already made.
fn validate_value(t: &Tariff, v: &serde_json::Value) -> Result<()> {
    walk_params(v, String::new())?;
    ranges::check(t)?;
    let mut names = vec![("organisation.name".to_string(), &t.organisation.name)];
    for (code, s) in &t.support_services {
        names.push((format!("support_services.{code}.name"), &s.name));
        names.push((format!("support_services.{code}.legal_reference"), &s.legal_reference));
    }
    let class_names = t.informal_care_support.as_ref().map(|i| &i.class_names);
    for (code, n) in class_names.into_iter().flatten() {
        names.push((format!("informal_care_support.class_names.{code}"), n));
    }
    if let Some(ics) = &t.informal_care_support {
        if let Some(code) = ics.classes.keys().find(|c| !ics.class_names.contains_key(*c)) {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("informal_care_support.class_names.{code}: the class has no name (fi, sv and en are required)"),
            ));
        }
        if let Some(code) = ics.class_names.keys().find(|c| !ics.classes.contains_key(*c)) {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("informal_care_support.class_names.{code}: no such class in informal_care_support.classes"),
            ));
        }
    }
    for (code, e) in &t.exemptions {
        names.push((format!("exemptions.{code}.name"), &e.name));
        names.push((format!("exemptions.{code}.legal_reference"), &e.legal_reference));
    }
    for (field, n) in names {
        let missing = n.missing();
        if !missing.is_empty() {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("{field}: the name in {} is empty (fi, sv and en are required)", missing.join(", ")),
            ));
        }
    }
    for (code, s) in &t.support_services {
        let rules = [s.fee_per_unit.is_some(), s.income_tiered.is_some(), s.fee_by_level.is_some()];
        if rules.iter().filter(|b| **b).count() != 1 {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!(
                    "support_services.{code}: exactly one of fee_per_unit, income_tiered, fee_by_level is required"
                ),
            ));
        }
        if s.quantity.per_week() && s.weeks_per_month.is_none() {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("support_services.{code}: weeks_per_month is required for a per-week quantity"),
            ));
        }
        if (s.quantity == Quantity::Level) != s.fee_by_level.is_some() {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("support_services.{code}: quantity = \"level\" goes with fee_by_level"),
            ));
        }
        if s.delivery.is_some() && (!s.quantity.per_week() || s.fee_per_unit.is_none()) {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("support_services.{code}: a delivery fee goes with a per-week quantity and fee_per_unit"),
            ));
        }
        if crate::rules::StatutoryKind::from_code(code).is_some() {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("support_services.{code}: the code is a statutory service kind"),
            ));
        }
    }
    for (code, e) in &t.exemptions {
        let lists = std::iter::once(&e.services).chain(&e.requires_package);
        for s in lists.flat_map(|p| &p.values).flat_map(|d| &d.value) {
            if crate::rules::StatutoryKind::from_code(s).is_none() && !t.support_services.contains_key(s) {
                return Err(EngineError::tariff(
                    "tariff",
                    None,
                    format!("exemptions.{code}: `{s}` is not a service of this tariff"),
                ));
            }
        }
    }
    for (code, v) in &t.vouchers {
        let n = [v.flat_value.is_some(), v.income_related.is_some(), v.by_net_income.is_some()]
            .iter()
            .filter(|b| **b)
            .count();
        if n != 1 {
            return Err(EngineError::tariff(
                "tariff",
                None,
                format!("vouchers.{code}: exactly one of flat_value, income_related, by_net_income is required"),
            ));
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
            None => {
                return Err(err(format!(
                    "parameter `{path}`: value from {} is open-ended but another starts {}",
                    w[0].0, w[1].0
                )))
            }
            Some(to) if to >= w[1].0 => {
                return Err(err(format!("parameter `{path}`: values from {} and {} overlap", w[0].0, w[1].0)))
            }
            _ => {}
        }
    }
    Ok(())
}

/// JSON Schema of one tariff source file, for editors. A file of a layer may hold part of a
/// section (the rest comes from its other files and from the layers below), so the sections'
/// fields are not `required` here; the loader checks the merged tariff for completeness.
pub fn json_schema() -> serde_json::Value {
    let mut v = serde_json::to_value(schemars::schema_for!(TariffFile)).unwrap_or_default();
    const PARTIAL: [&str; 14] = [
        "IncomeRules",
        "HomeCare",
        "LongTermCare",
        "FlatFees",
        "PaymentCeiling",
        "FeeReduction",
        "InformalCareSupport",
        "ServicePrices",
        "Voucher",
        "IncomeRelatedVoucher",
        "SupportService",
        "IncomeTieredFee",
        "DeliveryFee",
        "Exemption",
    ];
    if let Some(defs) = v.get_mut("$defs").and_then(serde_json::Value::as_object_mut) {
        for (name, def) in defs.iter_mut() {
            if PARTIAL.contains(&name.as_str()) {
                if let Some(o) = def.as_object_mut() {
                    o.remove("required");
                }
            }
        }
    }
    v
}
