//! `tariffs diff OLD NEW`: what changes for whom, in lines a controller can read, e.g.
//! `home_care.income_limit 2 persons: 1205 → 1290 € from 2026-01-01`.
//!
//! Both tariffs are walked as JSON. A dated parameter (`{values: [{from, value, …}]}`) is
//! compared value by value, matched on `from`.

use kustannusarvio_engine::tariff::Tariff;
use serde_json::Value;

/// The differences as lines; empty when the tariffs are equal.
pub fn diff(old: &Tariff, new: &Tariff) -> Vec<String> {
    let a = serde_json::to_value(old).unwrap_or(Value::Null);
    let b = serde_json::to_value(new).unwrap_or(Value::Null);
    let mut out = Vec::new();
    walk("", &a, &b, &mut out);
    out
}

fn is_param(v: &Value) -> bool {
    matches!(v.get("values"), Some(Value::Array(a)) if a.iter().all(|x| x.get("from").is_some() && x.get("value").is_some()))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn show(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    };
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

fn unit_suffix(param: &Value) -> String {
    match param.get("unit").and_then(Value::as_str) {
        Some(u) if !u.is_empty() => format!(" {}", u.replace("EUR", "€")),
        _ => String::new(),
    }
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    if a == b {
        return;
    }
    if is_param(a) || is_param(b) {
        return param(path, a, b, out);
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => walk(&join(path, k), va, vb, out),
                    None => out.push(format!("{}: removed", join(path, k))),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) && !vb.is_null() {
                    out.push(format!("{}: added{}", join(path, k), brief(vb)));
                }
            }
        }
        (Value::Null, Value::Object(_) | Value::Array(_)) => out.push(format!("{path}: added")),
        (Value::Object(_) | Value::Array(_), Value::Null) => out.push(format!("{path}: removed")),
        _ => out.push(format!("{path}: {} → {}", show(a), show(b))),
    }
}

fn brief(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => String::new(),
        other => format!(" ({})", show(other)),
    }
}

fn param(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    let unit = unit_suffix(b);
    let values = |v: &Value| -> Vec<Value> { v.get("values").and_then(Value::as_array).cloned().unwrap_or_default() };
    let (va, vb) = (values(a), values(b));
    let from = |x: &Value| x.get("from").map(show).unwrap_or_default();
    for x in &vb {
        let f = from(x);
        match va.iter().find(|y| from(y) == f) {
            None => {
                // A new period: compared with the value in force just before it (in the new
                // tariff), i.e. what changes on that date.
                let prior = vb.iter().filter(|y| from(y) < f).max_by_key(|y| from(y));
                let before = prior.and_then(|y| y.get("value")).unwrap_or(&Value::Null);
                let mut lines = Vec::new();
                value_lines(path, before, x.get("value").unwrap_or(&Value::Null), &mut lines);
                if lines.is_empty() {
                    out.push(format!("{path}: unchanged value continues from {f}"));
                }
                for l in lines {
                    out.push(format!("{l}{unit} from {f}"));
                }
            }
            Some(y) => {
                let mut lines = Vec::new();
                value_lines(
                    path,
                    y.get("value").unwrap_or(&Value::Null),
                    x.get("value").unwrap_or(&Value::Null),
                    &mut lines,
                );
                for l in lines {
                    out.push(format!("{l}{unit} from {f}"));
                }
                if y.get("to") != x.get("to") {
                    out.push(format!(
                        "{path}: value from {f} now ends {} (was {})",
                        show(x.get("to").unwrap_or(&Value::Null)),
                        show(y.get("to").unwrap_or(&Value::Null))
                    ));
                }
                if y.get("source") != x.get("source") {
                    out.push(format!(
                        "{path}: source of the value from {f} changed to {}",
                        show(x.get("source").unwrap_or(&Value::Null))
                    ));
                }
                if y.get("verified") != x.get("verified") {
                    out.push(format!(
                        "{path}: value from {f} verified: {}",
                        show(x.get("verified").unwrap_or(&Value::Null))
                    ));
                }
            }
        }
    }
    for y in &va {
        let f = from(y);
        if !vb.iter().any(|x| from(x) == f) {
            out.push(format!("{path}: value from {f} removed"));
        }
    }
}

/// Lines for a changed value; person tables read "2 persons".
fn value_lines(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if x.contains_key("by_persons") || y.contains_key("by_persons") => {
            let empty = Vec::new();
            let pa = x.get("by_persons").and_then(Value::as_array).unwrap_or(&empty);
            let pb = y.get("by_persons").and_then(Value::as_array).unwrap_or(&empty);
            for i in 0..pa.len().max(pb.len()) {
                let (u, v) = (pa.get(i).unwrap_or(&Value::Null), pb.get(i).unwrap_or(&Value::Null));
                if u != v {
                    let who = if i == 0 { "1 person".to_string() } else { format!("{} persons", i + 1) };
                    out.push(format!("{path} {who}: {} → {}", show(u), show(v)));
                }
            }
            let (ea, eb) =
                (x.get("each_additional").unwrap_or(&Value::Null), y.get("each_additional").unwrap_or(&Value::Null));
            if ea != eb {
                out.push(format!("{path} each additional person: {} → {}", show(ea), show(eb)));
            }
        }
        (Value::Object(x), Value::Object(y)) if x.contains_key("min_hours") || y.contains_key("min_hours") => {
            // A band of the home-care percentage table: columns are family sizes.
            let h = y.get("min_hours").or_else(|| x.get("min_hours")).map(show).unwrap_or_default();
            let table = path.rsplit_once(".bands[").map_or(path, |(t, _)| t);
            let label = format!("{table} from {h} h/month");
            let empty = Vec::new();
            let pa = x.get("percent").and_then(Value::as_array).unwrap_or(&empty);
            let pb = y.get("percent").and_then(Value::as_array).unwrap_or(&empty);
            for i in 0..pa.len().max(pb.len()) {
                let (u, v) = (pa.get(i).unwrap_or(&Value::Null), pb.get(i).unwrap_or(&Value::Null));
                if u != v {
                    let who = if i == 0 { "1 person".to_string() } else { format!("{} persons", i + 1) };
                    out.push(format!("{label} {who}: {} → {}", show(u), show(v)));
                }
            }
            for k in ["min_hours", "cap"] {
                value_lines(
                    &format!("{label} {k}"),
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for (k, u) in x {
                value_lines(&join(path, k), u, y.get(k).unwrap_or(&Value::Null), out);
            }
            for (k, v) in y {
                if !x.contains_key(k) {
                    value_lines(&join(path, k), &Value::Null, v, out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                value_lines(&format!("{path}[{i}]"), u, v, out);
            }
        }
        (Value::Null, v) if v.is_object() => value_lines(path, &Value::Object(Default::default()), v, out),
        _ => out.push(format!("{path}: {} → {}", show(a), show(b))),
    }
}
