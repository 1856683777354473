//! Tariff layers: the statutory values entered once (`tariffs/national/`) and an organisation's
//! own decisions on top (`tariffs/<org>/`, `[organisation] extends = "national"`), merged
//! parameter by parameter before the typed, strict load.
//!
//! Merge rules (a parameter is a table with `values`, or with `same_as`):
//! - a parameter defined in a lower layer may be redefined above only with `overrides = true`,
//!   so that a typo or a copied file never silently shadows a statutory value;
//! - `overrides = true` on a parameter that no lower layer defines is an error (it overrides
//!   nothing: most likely a misspelt name);
//! - any other key set in two layers (a support service's name, the organisation id) is an error;
//! - `same_as = "home_care.income_limit"` makes a parameter take the values of another one of the
//!   merged tariff (e.g. an HVA's care-allowance class that pays the statutory minimum), so the
//!   amount is still entered once.
//!
//! Within one layer each top-level section (`home_care`, `long_term_care`, …) is written in one
//! file only. Errors name the file and, where it can be found, the line.

use crate::error::{EngineError, Result};
use std::collections::BTreeMap;

/// One source file of a layer: its name (for errors) and its TOML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// One layer: its name (`national`, `paijat-hame`; the directory name) and its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    pub name: String,
    pub files: Vec<SourceFile>,
}

impl Layer {
    pub fn new(name: impl Into<String>, files: impl IntoIterator<Item = (String, String)>) -> Self {
        Layer { name: name.into(), files: files.into_iter().map(|(name, text)| SourceFile { name, text }).collect() }
    }
}

/// Where the values of a loaded tariff come from: the layers, base first, and the parameters an
/// upper layer overrides (`tariffs validate` lists them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    pub layers: Vec<String>,
    pub overrides: Vec<Override>,
    /// Parameters that take another parameter's values (`same_as`), with the one they follow.
    pub references: Vec<(String, String)>,
}

/// A parameter of a lower layer replaced by an upper one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub parameter: String,
    /// The layer that overrides (e.g. `helsinki`).
    pub layer: String,
    /// The layer whose value is replaced (e.g. `national`).
    pub base: String,
}

/// The merged TOML of all layers, with the origin of every table for error messages.
pub(super) struct Merged {
    pub table: toml::Table,
    pub provenance: Provenance,
    /// Dotted table path → (file name, index of the layer).
    origins: BTreeMap<String, String>,
    texts: BTreeMap<String, String>,
}

/// A layer name as `extends` may give it: a directory name, `[a-z0-9_-]`, not empty.
pub fn is_layer_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn is_param(v: &toml::Value) -> bool {
    v.as_table().is_some_and(|t| t.contains_key("values") || t.contains_key("same_as"))
}

fn overrides(v: &toml::Value) -> bool {
    v.as_table().and_then(|t| t.get("overrides")).and_then(toml::Value::as_bool).unwrap_or(false)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Parses one file, naming the file and the line of a syntax error.
fn parse_file(f: &SourceFile) -> Result<toml::Table> {
    let mut t: toml::Table = toml::from_str(&f.text).map_err(|e| {
        let line = e.span().map(|s| line_at(&f.text, s.start));
        EngineError::tariff(f.name.clone(), line, e.message().to_string())
    })?;
    // A file's free `comment` is for reviewers; it is not part of the tariff.
    match t.remove("comment") {
        None | Some(toml::Value::String(_)) => Ok(t),
        Some(_) => Err(EngineError::tariff(f.name.clone(), None, "`comment` must be a string")),
    }
}

fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

impl Merged {
    pub(super) fn new(layers: &[Layer]) -> Result<Merged> {
        let mut m = Merged {
            table: toml::Table::new(),
            provenance: Provenance::default(),
            origins: BTreeMap::new(),
            texts: BTreeMap::new(),
        };
        if layers.is_empty() {
            return Err(EngineError::tariff("tariff", None, "no tariff layers given"));
        }
        for (li, layer) in layers.iter().enumerate() {
            if layer.files.is_empty() {
                return Err(EngineError::tariff(layer.name.clone(), None, "no .toml tariff files found"));
            }
            // one layer: each top-level section in one file only
            let mut own = toml::Table::new();
            let mut section_file: BTreeMap<String, String> = BTreeMap::new();
            let mut file_of: BTreeMap<String, String> = BTreeMap::new();
            for f in &layer.files {
                m.texts.insert(f.name.clone(), f.text.clone());
                for (k, v) in parse_file(f)? {
                    if let Some(prev) = section_file.get(&k) {
                        return Err(EngineError::tariff(
                            f.name.clone(),
                            None,
                            format!("section `{k}` is already defined in {prev}"),
                        ));
                    }
                    section_file.insert(k.clone(), f.name.clone());
                    record_origins(&mut file_of, &k, &v, &f.name);
                    own.insert(k, v);
                }
            }
            let base = if li == 0 { None } else { Some(layers[li - 1].name.as_str()) };
            check_extends(&own, &layer.name, base, &section_file)?;
            let lower = layers[..li].iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(" + ");
            let ctx = MergeCtx { layer: &layer.name, lower: &lower, file_of: &file_of };
            let mut table = std::mem::take(&mut m.table);
            m.merge(&mut table, own, "", &ctx)?;
            m.table = table;
            m.provenance.layers.push(layer.name.clone());
        }
        m.resolve_references()?;
        Ok(m)
    }

    fn merge(&mut self, base: &mut toml::Table, upper: toml::Table, path: &str, ctx: &MergeCtx<'_>) -> Result<()> {
        for (k, v) in upper {
            let p = join(path, &k);
            let file = ctx.file_of.get(&p).cloned().unwrap_or_else(|| ctx.layer.to_string());
            match base.get_mut(&k) {
                None => {
                    if is_param(&v) && overrides(&v) {
                        return Err(self.error_at(
                            &file,
                            &p,
                            format!(
                                "`{p}` says `overrides = true`, but no lower layer ({}) defines it: check the name",
                                if ctx.lower.is_empty() { "none" } else { ctx.lower }
                            ),
                        ));
                    }
                    self.origins.insert(p.clone(), file.clone());
                    for (sub, f) in ctx.file_of.range(format!("{p}.")..) {
                        if !sub.starts_with(&format!("{p}.")) {
                            break;
                        }
                        self.origins.insert(sub.clone(), f.clone());
                    }
                    base.insert(k, v);
                }
                Some(b) if is_param(b) || is_param(&v) => {
                    let prev = self.origins.get(&p).cloned().unwrap_or_default();
                    if !overrides(&v) {
                        return Err(self.error_at(&file, &p, format!(
                            "`{p}` is already defined in {prev} (layer {}); to replace it, set `overrides = true` in `[{p}]`",
                            ctx.lower
                        )));
                    }
                    let base_layer = ctx.lower.rsplit(" + ").next().unwrap_or_default().to_string();
                    self.provenance.overrides.push(Override {
                        parameter: p.clone(),
                        layer: ctx.layer.to_string(),
                        base: base_layer,
                    });
                    self.origins.insert(p.clone(), file);
                    *b = v;
                }
                Some(toml::Value::Table(bt)) => match v {
                    toml::Value::Table(vt) => self.merge(bt, vt, &p, ctx)?,
                    _ => return Err(self.error_at(&file, &p, format!("`{p}` is a table in a lower layer"))),
                },
                Some(_) => {
                    let prev = self.origins.get(&p).or_else(|| self.origins.get(path)).cloned().unwrap_or_default();
                    return Err(self.error_at(
                        &file,
                        &p,
                        format!("`{p}` is already set in {prev}; only parameters can be overridden"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Replaces every `same_as` parameter by a copy of the parameter it names.
    fn resolve_references(&mut self) -> Result<()> {
        let mut refs = Vec::new();
        collect_references(&self.table, "", &mut refs);
        for (path, target) in refs {
            let file = self.origins.get(&path).cloned().unwrap_or_default();
            let mut seen = vec![path.clone()];
            let mut t = target.clone();
            let resolved = loop {
                let Some(v) = lookup(&self.table, &t) else {
                    return Err(self.error_at(
                        &file,
                        &path,
                        format!("`{path}`: same_as = \"{t}\" names no parameter of the tariff"),
                    ));
                };
                if !is_param(v) {
                    return Err(self.error_at(&file, &path, format!("`{path}`: same_as = \"{t}\" is not a parameter")));
                }
                match v.get("same_as").and_then(toml::Value::as_str) {
                    Some(next) if seen.len() < 8 && !seen.iter().any(|s| s == next) => {
                        seen.push(t.clone());
                        t = next.to_string();
                    }
                    Some(_) => {
                        return Err(self.error_at(
                            &file,
                            &path,
                            format!("`{path}`: same_as forms a cycle or a chain too long"),
                        ))
                    }
                    None => break v.clone(),
                }
            };
            let Some(toml::Value::Table(mut copy)) = Some(resolved) else { continue };
            copy.remove("overrides");
            let slot = lookup_mut(&mut self.table, &path).and_then(toml::Value::as_table_mut);
            if let Some(own) = slot {
                if own.contains_key("values") {
                    return Err(self.error_at(&file, &path, format!("`{path}` has both `same_as` and `values`")));
                }
                // the referring parameter keeps its own description and unit
                for k in ["description", "unit"] {
                    if let Some(x) = own.get(k) {
                        copy.insert(k.to_string(), x.clone());
                    }
                }
                *own = copy;
            }
            self.provenance.references.push((path, target));
        }
        Ok(())
    }

    /// An error at a dotted path of the merged tariff, with the file and line it was written in.
    pub(super) fn error_at(&self, file: &str, path: &str, message: String) -> EngineError {
        let line = self.texts.get(file).and_then(|t| locate(t, path));
        EngineError::tariff(file.to_string(), line, message)
    }

    /// The file (and line) that wrote the longest prefix of `path` (`home_care.percentages.values[0].value`).
    pub(super) fn origin_error(&self, path: &str, message: String) -> EngineError {
        let mut p = path.to_string();
        loop {
            if let Some(f) = self.origins.get(&p) {
                return self.error_at(f, path, message);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => return EngineError::tariff("tariff", None, message),
            }
        }
    }
}

struct MergeCtx<'a> {
    layer: &'a str,
    lower: &'a str,
    file_of: &'a BTreeMap<String, String>,
}

fn record_origins(out: &mut BTreeMap<String, String>, path: &str, v: &toml::Value, file: &str) {
    out.insert(path.to_string(), file.to_string());
    if let toml::Value::Table(t) = v {
        if is_param(v) {
            return;
        }
        for (k, x) in t {
            record_origins(out, &join(path, k), x, file);
        }
    }
}

/// `[organisation] extends` must name the layer below, and only the top layer may have one.
fn check_extends(
    own: &toml::Table,
    layer: &str,
    base: Option<&str>,
    section_file: &BTreeMap<String, String>,
) -> Result<()> {
    let file = section_file.get("organisation").cloned().unwrap_or_else(|| layer.to_string());
    let extends = own.get("organisation").and_then(|o| o.get("extends"));
    let extends = match extends {
        None => None,
        Some(toml::Value::String(s)) => Some(s.as_str()),
        Some(_) => {
            return Err(EngineError::tariff(
                file,
                None,
                "`organisation.extends` must be the name of a layer, e.g. \"national\"",
            ))
        }
    };
    match (extends, base) {
        (Some(e), Some(b)) if e == b => Ok(()),
        (Some(e), Some(b)) => {
            Err(EngineError::tariff(file, None, format!("organisation extends `{e}`, but the layer below is `{b}`")))
        }
        (Some(e), None) => Err(EngineError::tariff(
            file,
            None,
            format!(
            "organisation extends `{e}`, which was not given: load the directory with its base layer (tariffs/{e}/)"
        ),
        )),
        (None, Some(b)) if own.contains_key("organisation") => Err(EngineError::tariff(
            file,
            None,
            format!("the organisation is loaded on top of `{b}` but does not say `extends = \"{b}\"`"),
        )),
        (None, _) => Ok(()),
    }
}

fn collect_references(t: &toml::Table, path: &str, out: &mut Vec<(String, String)>) {
    for (k, v) in t {
        let p = join(path, k);
        if let Some(s) = v.get("same_as").and_then(toml::Value::as_str) {
            if v.is_table() {
                out.push((p, s.to_string()));
                continue;
            }
        }
        if let toml::Value::Table(sub) = v {
            if !is_param(v) {
                collect_references(sub, &p, out);
            }
        }
    }
}

fn lookup<'a>(t: &'a toml::Table, path: &str) -> Option<&'a toml::Value> {
    let mut parts = path.split('.');
    let mut v = t.get(parts.next()?)?;
    for p in parts {
        v = v.as_table()?.get(p)?;
    }
    Some(v)
}

fn lookup_mut<'a>(t: &'a mut toml::Table, path: &str) -> Option<&'a mut toml::Value> {
    let mut parts = path.split('.');
    let mut v = t.get_mut(parts.next()?)?;
    for p in parts {
        v = v.as_table_mut()?.get_mut(p)?;
    }
    Some(v)
}

/// The line of the deepest key of `path` (`a.b.values[2].value`) that the file spells out.
fn locate(text: &str, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let mut best: Option<usize> = None;
    let mut cur: Option<&DeValue<'_>> = None;
    let mut table: Option<&DeTable<'_>> = Some(doc.get_ref());
    for seg in path.split('.') {
        let (key, index) = match seg.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (seg, None),
        };
        let t = match (table, cur) {
            (Some(t), _) => t,
            (None, Some(DeValue::Table(t))) => t,
            _ => break,
        };
        let Some((k, v)) = t.iter().find(|(k, _)| k.get_ref() == key) else { break };
        best = Some(line_at(text, k.span().start));
        let mut value = v.get_ref();
        if let (Some(i), DeValue::Array(a)) = (index, value) {
            match a.get(i) {
                Some(item) => {
                    best = Some(line_at(text, item.span().start));
                    value = item.get_ref();
                }
                None => break,
            }
        }
        table = None;
        cur = Some(value);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(name: &str, files: &[(&str, &str)]) -> Layer {
        Layer::new(name, files.iter().map(|(n, t)| (n.to_string(), t.to_string())))
    }

    const BASE: &str = "[a.p]\nvalues = [{ from = \"2021-01-01\", value = \"1\", source = \"s\", verified = true }]\n";

    #[test]
    fn an_upper_layer_must_say_overrides() {
        let up = "[organisation]\nextends = \"national\"\n\n[a.p]\nvalues = []\n";
        let e = match Merged::new(&[layer("national", &[("n.toml", BASE)]), layer("org", &[("o.toml", up)])]) {
            Err(e) => e,
            Ok(_) => panic!("must fail"),
        };
        let s = e.to_string();
        assert!(s.contains("o.toml:4") && s.contains("overrides = true"), "{s}");
        let up = up.replace("[a.p]\n", "[a.p]\noverrides = true\n");
        let m =
            Merged::new(&[layer("national", &[("n.toml", BASE)]), layer("org", &[("o.toml", &up)])]).expect("merges");
        assert_eq!(
            m.provenance.overrides,
            vec![Override { parameter: "a.p".into(), layer: "org".into(), base: "national".into() }]
        );
    }

    #[test]
    fn overriding_nothing_is_an_error() {
        let up = "[organisation]\nextends = \"national\"\n\n[a.q]\noverrides = true\nvalues = []\n";
        let e = Merged::new(&[layer("national", &[("n.toml", BASE)]), layer("org", &[("o.toml", up)])])
            .err()
            .expect("fails");
        assert!(e.to_string().contains("no lower layer"), "{e}");
    }

    #[test]
    fn extends_must_match_the_layer_below() {
        let up = "[organisation]\nextends = \"kansallinen\"\n";
        let e = Merged::new(&[layer("national", &[("n.toml", BASE)]), layer("org", &[("o.toml", up)])])
            .err()
            .expect("fails");
        assert!(e.to_string().contains("the layer below is `national`"), "{e}");
        let e = Merged::new(&[layer("org", &[("o.toml", "[organisation]\nextends = \"national\"\n")])])
            .err()
            .expect("fails");
        assert!(e.to_string().contains("was not given"), "{e}");
    }

    #[test]
    fn same_as_copies_the_values_and_keeps_the_description() {
        let up = "[organisation]\nextends = \"national\"\n\n[b.c]\ndescription = \"own\"\nsame_as = \"a.p\"\n";
        let m =
            Merged::new(&[layer("national", &[("n.toml", BASE)]), layer("org", &[("o.toml", up)])]).expect("merges");
        let c = lookup(&m.table, "b.c").expect("resolved");
        assert_eq!(c.get("description").and_then(toml::Value::as_str), Some("own"));
        assert!(c.get("values").is_some() && c.get("same_as").is_none());
        let bad = up.replace("a.p", "a.x");
        let e = Merged::new(&[layer("national", &[("n.toml", BASE)]), layer("org", &[("o.toml", &bad)])])
            .err()
            .expect("fails");
        assert!(e.to_string().contains("names no parameter"), "{e}");
    }

    #[test]
    fn a_section_in_two_files_of_one_layer_is_an_error() {
        let e = Merged::new(&[layer("org", &[("x.toml", BASE), ("y.toml", BASE)])]).err().expect("fails");
        assert!(e.to_string().contains("already defined in x.toml"), "{e}");
    }
}
