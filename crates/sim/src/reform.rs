//! Reforms as tariff overlays: a directory of `*.toml` files, or one file, in the tariff format,
//! loaded as one more layer on top of the baseline tariff (docs/simulation.md).
//!
//! Each parameter it gives replaces the baseline's values **from the reform's first date on**
//! (to its last `to`, when it has one): the baseline's values before it (and after it) stay, a
//! value spanning the reform's start is ended the day before. So a reform writes only what
//! changes and when:
//!
//! ```toml
//! [reform]
//! name = "kotihoito-90"
//! description = "Kotihoidon maksuprosentit 90 % enimmäismääristä 1.7.2026 alkaen"
//!
//! [home_care.percentages]
//! overrides = true
//! [[home_care.percentages.values]]
//! from = "2026-07-01"
//! source = "Reform: 90 % of the statutory maximum"
//! verified = false
//! [home_care.percentages.values.value]
//! bands = [ … ]
//! ```
//!
//! `overrides = true` is required on each parameter, as in every upper layer (a misspelt name is
//! an error, never a silent no-op); the merged tariff is validated as any tariff is.

use crate::error::{Result, SimError};
use crate::simulate::Variant;
use chrono::NaiveDate;
use kustannusarvio_engine::tariff::{self, Layer, SourceFile};
use std::path::Path;

/// The baseline variant: the tariff directory and the layers it extends.
pub fn baseline(dir: &Path) -> Result<(Variant, Vec<Layer>)> {
    let layers = tariff::read_layers(dir).map_err(|e| SimError::engine("baseline tariff", e))?;
    let t = tariff::load_layers(&layers).map_err(|e| SimError::engine("baseline tariff", e))?;
    let title = format!("Perustaksa: {} {}", t.organisation.name.fi, t.organisation.version);
    Ok((Variant::new("perus", title, t), layers))
}

/// A reform at `path` (a directory or a `.toml` file) over the baseline's layers.
pub fn load(path: &Path, base: &[Layer]) -> Result<Variant> {
    let files: Vec<(String, String)> = if path.is_dir() {
        tariff::read_layer(path)
            .map_err(|e| SimError::engine("reform", e))?
            .files
            .into_iter()
            .map(|f| (f.name, f.text))
            .collect()
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| SimError::file(path, e))?;
        vec![(path.display().to_string(), text)]
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("reform").to_string();
    let (layer, name, title) = overlay(&stem, &files, base)?;
    let mut layers = base.to_vec();
    layers.push(layer);
    let t = tariff::load_layers(&layers).map_err(|e| SimError::engine(format!("reform {name}"), e))?;
    Ok(Variant::new(name, title, t))
}

/// The reform's files as a layer whose parameters carry the baseline's values around the
/// reform's period, with its name and description (`[reform]`, else the file or directory name).
pub fn overlay(stem: &str, files: &[(String, String)], base: &[Layer]) -> Result<(Layer, String, String)> {
    let mut name = stem.to_string();
    let mut title = String::new();
    let mut out = Vec::new();
    for (file, text) in files {
        let err = |m: String| SimError::File { file: file.clone(), message: m };
        let mut table: toml::Table = toml::from_str(text).map_err(|e| err(e.message().to_string()))?;
        if let Some(r) = table.remove("reform") {
            let r = r.as_table().ok_or_else(|| err("`reform` must be a table (name, description)".into()))?;
            for (k, v) in r {
                let s = v.as_str().ok_or_else(|| err(format!("reform.{k} must be a string")))?;
                match k.as_str() {
                    "name" => name = s.to_string(),
                    "description" => title = s.to_string(),
                    _ => return Err(err(format!("reform.{k}: unknown key (name, description)"))),
                }
            }
        }
        if table.contains_key("organisation") {
            return Err(err("a reform changes parameters; it has no [organisation]".into()));
        }
        splice_all(&mut table, "", base).map_err(err)?;
        out.push(SourceFile { name: file.clone(), text: toml::to_string(&table).map_err(|e| err(e.to_string()))? });
    }
    if !kustannusarvio_engine::tariff::layers::is_layer_name(&name) || name == "perus" {
        return Err(SimError::Input(format!(
            "reform name `{name}`: use lower-case letters, digits, - and _ (and not `perus`)"
        )));
    }
    if title.is_empty() {
        title = format!("Uudistus {name}");
    }
    Ok((Layer { name: name.clone(), files: out }, name, title))
}

fn is_param(v: &toml::Value) -> bool {
    v.as_table().is_some_and(|t| t.contains_key("values") || t.contains_key("same_as"))
}

/// Splices every parameter of `table` (recursively) with the baseline's values.
fn splice_all(table: &mut toml::Table, path: &str, base: &[Layer]) -> std::result::Result<(), String> {
    for (k, v) in table.iter_mut() {
        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        if is_param(v) {
            if let Some(t) = v.as_table_mut() {
                splice(t, &p, base)?;
            }
        } else if let Some(t) = v.as_table_mut() {
            splice_all(t, &p, base)?;
        }
    }
    Ok(())
}

fn date_of(v: &toml::Value, key: &str) -> Option<NaiveDate> {
    match v.get(key)? {
        toml::Value::String(s) => s.parse().ok(),
        toml::Value::Datetime(d) => d.to_string().get(..10)?.parse().ok(),
        _ => None,
    }
}

fn set_date(v: &mut toml::Value, key: &str, d: Option<NaiveDate>) {
    if let Some(t) = v.as_table_mut() {
        match d {
            Some(d) => {
                t.insert(key.into(), toml::Value::String(d.to_string()));
            }
            None => {
                t.remove(key);
            }
        }
    }
}

/// One parameter: the baseline's values outside the reform's period, then the reform's.
fn splice(param: &mut toml::Table, path: &str, base: &[Layer]) -> std::result::Result<(), String> {
    if param.get("overrides").and_then(toml::Value::as_bool) != Some(true) {
        return Err(format!("`{path}`: a reform's parameter says `overrides = true`"));
    }
    let Some(toml::Value::Array(values)) = param.get("values") else { return Ok(()) };
    let mut starts = Vec::new();
    let mut end: Option<Option<NaiveDate>> = None;
    for v in values {
        let from = date_of(v, "from").ok_or_else(|| format!("`{path}`: a value without a valid `from` date"))?;
        starts.push(from);
        let to = date_of(v, "to");
        end = Some(match (end, to) {
            (None, t) => t,
            (Some(None), _) | (_, None) => None,
            (Some(Some(a)), Some(b)) => Some(a.max(b)),
        });
    }
    let Some(start) = starts.iter().min().copied() else { return Ok(()) };
    let end = end.flatten();
    let Some(old) = baseline_values(path, base)? else { return Ok(()) };
    let mut kept = Vec::new();
    for v in old {
        let (Some(f), t) = (date_of(&v, "from"), date_of(&v, "to")) else { continue };
        if f < start {
            let mut left = v.clone();
            let cut = start.pred_opt().ok_or("date out of range")?;
            set_date(&mut left, "to", Some(t.map_or(cut, |t| t.min(cut))));
            kept.push(left);
        }
        if let Some(e) = end {
            if t.is_none_or(|t| t > e) {
                let mut right = v.clone();
                let after = e.succ_opt().ok_or("date out of range")?;
                set_date(&mut right, "from", Some(f.max(after)));
                kept.push(right);
            }
        }
    }
    if let Some(toml::Value::Array(values)) = param.get_mut("values") {
        kept.append(values);
        *values = kept;
    }
    Ok(())
}

/// The values the baseline gives a parameter: from the highest layer that defines it, following
/// `same_as`.
fn baseline_values(path: &str, base: &[Layer]) -> std::result::Result<Option<Vec<toml::Value>>, String> {
    let mut target = path.to_string();
    for _ in 0..8 {
        let mut found = None;
        for layer in base.iter().rev() {
            for f in &layer.files {
                let t: toml::Table = toml::from_str(&f.text).map_err(|e| format!("{}: {}", f.name, e.message()))?;
                if let Some(v) = lookup(&t, &target) {
                    found = Some(v.clone());
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some(v) = found else { return Ok(None) };
        if let Some(next) = v.get("same_as").and_then(toml::Value::as_str) {
            target = next.to_string();
            continue;
        }
        return Ok(v.get("values").and_then(toml::Value::as_array).cloned());
    }
    Err(format!("`{path}`: same_as forms a chain too long"))
}

fn lookup<'a>(t: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let mut parts = path.split('.');
    let mut v = t.get(parts.next()?)?;
    for p in parts {
        v = v.as_table()?.get(p)?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[a.p]
values = [
  { from = "2024-01-01", to = "2025-12-31", value = "1", source = "s", verified = true },
  { from = "2026-01-01", value = "2", source = "s", verified = true },
]
[a.q]
same_as = "a.p"
"#;

    fn base() -> Vec<Layer> {
        vec![Layer::new("national", [("n.toml".to_string(), BASE.to_string())])]
    }

    fn spliced(reform: &str) -> std::result::Result<Vec<(String, Option<String>, String)>, SimError> {
        let (layer, _, _) = overlay("r", &[("r.toml".into(), reform.into())], &base())?;
        let t: toml::Table = toml::from_str(&layer.files[0].text).unwrap();
        let param = t["a"].as_table().unwrap().values().next().unwrap().clone();
        let mut out: Vec<(String, Option<String>, String)> = param["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["from"].as_str().unwrap().to_string(),
                    v.get("to").and_then(|t| t.as_str()).map(str::to_string),
                    v["value"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        Ok(out)
    }

    fn v(f: &str, t: Option<&str>, x: &str) -> (String, Option<String>, String) {
        (f.into(), t.map(str::to_string), x.into())
    }

    #[test]
    fn a_reform_replaces_the_values_from_its_start_on() {
        let r = "[a.p]\noverrides = true\nvalues = [ { from = \"2026-07-01\", value = \"3\", source = \"r\", verified = false } ]\n";
        assert_eq!(
            spliced(r).unwrap(),
            vec![
                v("2024-01-01", Some("2025-12-31"), "1"),
                v("2026-01-01", Some("2026-06-30"), "2"),
                v("2026-07-01", None, "3")
            ]
        );
    }

    #[test]
    fn a_reform_with_an_end_keeps_the_baseline_after_it() {
        let r = "[a.p]\noverrides = true\nvalues = [ { from = \"2025-07-01\", to = \"2026-03-31\", value = \"3\", source = \"r\", verified = false } ]\n";
        assert_eq!(
            spliced(r).unwrap(),
            vec![
                v("2024-01-01", Some("2025-06-30"), "1"),
                v("2025-07-01", Some("2026-03-31"), "3"),
                v("2026-04-01", None, "2"),
            ]
        );
    }

    #[test]
    fn a_same_as_parameter_takes_the_values_it_follows() {
        let r = "[a.q]\noverrides = true\nvalues = [ { from = \"2026-07-01\", value = \"3\", source = \"r\", verified = false } ]\n";
        assert_eq!(
            spliced(r).unwrap(),
            vec![
                v("2024-01-01", Some("2025-12-31"), "1"),
                v("2026-01-01", Some("2026-06-30"), "2"),
                v("2026-07-01", None, "3")
            ]
        );
    }

    #[test]
    fn a_reform_must_say_overrides_and_have_no_organisation() {
        let r = "[a.p]\nvalues = [ { from = \"2026-07-01\", value = \"3\", source = \"r\", verified = false } ]\n";
        assert!(spliced(r).unwrap_err().to_string().contains("overrides = true"));
        let r = "[organisation]\nid = \"x\"\n";
        assert!(spliced(r).unwrap_err().to_string().contains("no [organisation]"));
        let r = "[reform]\nname = \"Bad Name\"\n";
        assert!(overlay("r", &[("r.toml".into(), r.into())], &base()).unwrap_err().to_string().contains("reform name"));
    }
}
