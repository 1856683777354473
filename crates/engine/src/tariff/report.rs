//! Coverage of a tariff on a date (`kustannusarvio tariffs report`): every parameter with the
//! value in force, its title, source and whether it is verified in that source, unverified, or a
//! PLACEHOLDER still to be decided by the organisation — for the controller, who fills in and
//! returns the sheet. Also the plain-words title of a parameter that the estimate's
//! `unverified_parameters` warning shows instead of its dotted key.

use super::params::Dated;
use super::schema::{Names, Tariff};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How far a value in force can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The value appears in the cited source.
    Verified,
    /// Not confirmed in its source (derived, estimated or from another organisation).
    Unverified,
    /// A stand-in the organisation has not decided yet (`PLACEHOLDER` in its source).
    Placeholder,
    /// No value in force on the date.
    Missing,
}

impl Status {
    pub fn of<T>(d: &Dated<T>) -> Status {
        Self::from_parts(d.verified, &d.source)
    }
    /// From a value's `verified` flag and `source` text.
    pub fn from_parts(verified: bool, source: &str) -> Status {
        if is_placeholder(source) {
            Status::Placeholder
        } else if verified {
            Status::Verified
        } else {
            Status::Unverified
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Unverified => "unverified",
            Status::Placeholder => "placeholder",
            Status::Missing => "missing",
        }
    }
}

/// A value is a placeholder when its source says so (`PLACEHOLDER: …`, the project's convention).
pub fn is_placeholder(source: &str) -> bool {
    source.contains("PLACEHOLDER")
}

/// One parameter on the report's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Dotted name, e.g. `home_care.income_limit`.
    pub key: String,
    /// In plain words (Finnish): the parameter's description, or a title built from the catalogue.
    pub title: String,
    /// The value in force as text (tables compactly); empty when missing.
    pub value: String,
    pub unit: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Status,
    pub source: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub organisation: String,
    pub organisation_name: String,
    pub version: String,
    pub date: NaiveDate,
    pub entries: Vec<Entry>,
}

impl Report {
    /// How many entries have the status.
    pub fn count(&self, s: Status) -> usize {
        self.entries.iter().filter(|e| e.status == s).count()
    }
}

/// The report of `t` on `date`: every parameter, in the order of the tariff's sections.
pub fn report(t: &Tariff, date: NaiveDate) -> Report {
    let v = serde_json::to_value(t).unwrap_or_default();
    let mut entries = Vec::new();
    walk(&v, String::new(), &mut |key, param| entries.push(entry(t, key, param, date)));
    Report {
        organisation: t.organisation.id.clone(),
        organisation_name: t.organisation.name.fi.clone(),
        version: t.organisation.version.clone(),
        date,
        entries,
    }
}

/// The title of every parameter of `t` in Finnish, Swedish and English, by dotted name (stored
/// on the tariff when it is loaded; [`title_in`]).
pub fn titles(t: &Tariff, v: &serde_json::Value) -> BTreeMap<Arc<str>, Arc<Names>> {
    let mut out = BTreeMap::new();
    walk(v, String::new(), &mut |key, param| {
        let desc = param.get("description").and_then(|d| d.as_str());
        let [fi, sv, en] = Lang::ALL.map(|lang| title_in(t, key, desc, lang));
        out.insert(Arc::from(key), Arc::new(Names { fi, sv, en }));
    });
    out
}

/// Calls `f` with the dotted name and the JSON of every parameter (an object with dated `values`).
fn walk(v: &serde_json::Value, path: String, f: &mut dyn FnMut(&str, &serde_json::Value)) {
    let serde_json::Value::Object(map) = v else { return };
    if let Some(serde_json::Value::Array(values)) = map.get("values") {
        if values.iter().all(|x| x.get("from").is_some()) {
            f(&path, v);
            return;
        }
    }
    for (k, x) in map {
        walk(x, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, f);
    }
}

fn entry(t: &Tariff, key: &str, param: &serde_json::Value, date: NaiveDate) -> Entry {
    let desc = param.get("description").and_then(|d| d.as_str());
    let unit = param.get("unit").and_then(|d| d.as_str()).map(str::to_string);
    let day = |x: &serde_json::Value, k: &str| x.get(k).and_then(|d| d.as_str()).and_then(|d| d.parse().ok());
    let values = param.get("values").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let in_force = values.iter().find(|x| {
        let from: Option<NaiveDate> = day(x, "from");
        let to: Option<NaiveDate> = day(x, "to");
        from.is_some_and(|f| f <= date) && to.is_none_or(|t| date <= t)
    });
    let title = title(t, key, desc);
    match in_force {
        None => Entry {
            key: key.to_string(),
            title,
            value: String::new(),
            unit,
            from: None,
            to: None,
            status: Status::Missing,
            source: String::new(),
            url: None,
            note: None,
        },
        Some(x) => {
            let text = |k: &str| x.get(k).and_then(|d| d.as_str()).map(str::to_string);
            let source = text("source").unwrap_or_default();
            let verified = x.get("verified").and_then(|d| d.as_bool()).unwrap_or(false);
            Entry {
                key: key.to_string(),
                title,
                value: x.get("value").map(value_text).unwrap_or_default(),
                unit,
                from: day(x, "from"),
                to: day(x, "to"),
                status: Status::from_parts(verified, &source),
                source,
                url: text("url"),
                note: text("note"),
            }
        }
    }
}

/// A value as text: a number or word as such, a list joined, a table compactly.
pub fn value_text(v: &serde_json::Value) -> String {
    use serde_json::Value as V;
    let s = |v: &V| match v {
        V::String(s) => s.clone(),
        other => other.to_string(),
    };
    match v {
        V::String(x) => x.clone(),
        V::Array(a) => a.iter().map(s).collect::<Vec<_>>().join(", "),
        V::Object(o) if o.contains_key("by_persons") => {
            let mut parts: Vec<String> = o["by_persons"]
                .as_array()
                .map(|a| a.iter().enumerate().map(|(i, x)| format!("{} hlö: {}", i + 1, s(x))).collect())
                .unwrap_or_default();
            if let Some(e) = o.get("each_additional") {
                parts.push(format!("lisähenkilö: {}", s(e)));
            }
            if o.get("last_applies_beyond").and_then(V::as_bool) == Some(true) {
                parts.push("suuremmat: viimeinen".into());
            }
            parts.join("; ")
        }
        V::Object(o) if o.contains_key("bands") => o["bands"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|b| {
                        let pct = b
                            .get("percent")
                            .and_then(V::as_array)
                            .map(|p| p.iter().map(s).collect::<Vec<_>>().join("/"));
                        let cap = b.get("cap").map(|c| format!(" (enintään {})", s(c))).unwrap_or_default();
                        format!(
                            "{} h: {} %{}",
                            b.get("min_hours").map(s).unwrap_or_default(),
                            pct.unwrap_or_default(),
                            cap
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        V::Object(o) if o.contains_key("rows") => o["rows"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| {
                        format!(
                            "> {}: {}",
                            r.get("above").map(s).unwrap_or_default(),
                            r.get("value").map(s).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        other => other.to_string(),
    }
}

/// The name of a service code in `lang`: a support service's catalogue name, or the statutory
/// kind's (`service-*` messages).
fn service_name(t: &Tariff, code: &str, lang: Lang) -> String {
    if let Some(s) = t.support_services.get(code) {
        return s.name.get(lang).to_string();
    }
    let id = format!("service-{code}");
    if crate::i18n::exists(lang, &id) {
        crate::i18n::message(lang, &id)
    } else {
        code.to_string()
    }
}

/// A parameter's title in Finnish: its description, else one built from where it is written.
pub fn title(t: &Tariff, key: &str, description: Option<&str>) -> String {
    title_in(t, key, description, Lang::Fi)
}

/// A parameter's title in `lang`. Finnish uses the parameter's description (the organisation's
/// own words) when it has one; otherwise, and always in Swedish and English, the title is built
/// from the `param-*` and `title-*` messages of `locales/*.ftl` by where the parameter is
/// written (`home_care.income_limit`, `support_services.<code>.fee_per_unit`,
/// `vouchers.<code>.flat_value`, `prices.<code>.own`, `exemptions.<code>.services`), naming the
/// service in that language. A key without a message stays as it is (`tests/languages.rs` keeps
/// every shipped parameter titled).
pub fn title_in(t: &Tariff, key: &str, description: Option<&str>, lang: Lang) -> String {
    use crate::i18n::{exists, write, Arg};
    let desc = description.filter(|d| lang == Lang::Fi && !d.trim().is_empty());
    let parts: Vec<&str> = key.split('.').collect();
    let msg = |id: &str, args: Vec<(&'static str, Arg<'_>)>| {
        let mut out = String::new();
        let _ = write(&mut out, lang, id, args);
        out
    };
    // what the parameter is within its section: `param-<section>-<rest>`
    let what = |section: &str, rest: &[&str]| -> String {
        if let Some(d) = desc {
            return lower_first(d);
        }
        if let [level_of @ .., level] = rest {
            if level_of == ["fee_by_level"] {
                return msg("param-support-fee_by_level", vec![("level", Arg::Text((*level).into()))]);
            }
        }
        let id = format!("param-{section}-{}", rest.join("-"));
        if exists(lang, &id) {
            msg(&id, vec![])
        } else {
            rest.join(".")
        }
    };
    let text = |s: String| Arg::Text(s.into());
    match parts.as_slice() {
        ["prices", code, m] if desc.is_none() => msg(
            "title-price",
            vec![("service", text(lower_first(&service_name(t, code, lang)))), ("production", text(m.to_string()))],
        ),
        ["support_services", code, rest @ ..] => msg(
            "title-support",
            vec![("service", text(service_name(t, code, lang))), ("what", text(what("support", rest)))],
        ),
        ["vouchers", code, rest @ ..] => msg(
            "title-voucher",
            vec![("service", text(lower_first(&service_name(t, code, lang)))), ("what", text(what("voucher", rest)))],
        ),
        ["informal_care_support", "classes", class] if desc.is_none() => {
            let name = t.informal_care_support.as_ref().map_or(class.to_string(), |i| {
                let n = i.class_name(class);
                n.get(lang).to_string()
            });
            msg("param-informal_care_support-classes", vec![("class", text(name))])
        }
        ["exemptions", code, rest @ ..] if desc.is_none() => {
            let name = t.exemptions.get(*code).map_or(code.to_string(), |e| e.name.get(lang).to_string());
            msg("title-exemption", vec![("exemption", text(name)), ("what", text(what("exemption", rest)))])
        }
        _ => match desc {
            Some(d) => d.to_string(),
            None => {
                let id = format!("param-{}", parts.join("-"));
                if exists(lang, &id) {
                    msg(&id, vec![])
                } else {
                    key.to_string()
                }
            }
        },
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) => f.to_lowercase().chain(c).collect(),
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}
