//! The project carries its own law (`law/`), and everything that cites the law points into it:
//! - every legal reference an explanation shows (`asiakasmaksulaki 10 e §`, `asetus 912/1992
//!   12 §`, a support service's `legal_reference`) names a file of `law/`, and the parameters the
//!   step used are among those that file lists ("In the engine"): a step cannot cite a section
//!   that is not the one behind its amounts;
//! - every relative link in `law/` and every `law/…` path written in the code, tariffs and docs
//!   exists;
//! - nothing refers to a file outside the repository (`fees-law.md`, `../shared`).

use kustannusarvio_engine::cases::{parse_case, TariffRef};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd {
        let p = e.expect("entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') || ["target", "node_modules", "dist", "gen", "screenshots"].contains(&name) {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The law files a legal reference names: `asiakasmaksulaki 10 b–10 c §` → 10b, 10c.
fn law_files(legal: &str) -> Result<Vec<String>, String> {
    let acts = [
        ("asiakasmaksulaki", "asiakasmaksulaki"),
        ("asetus 912/1992", "asiakasmaksuasetus"),
        ("palvelusetelilaki", "palvelusetelilaki"),
        ("omaishoitolaki", "omaishoitolaki"),
    ];
    // "10 b" → "10b", "4" → "4"
    let section = |s: &str| -> Result<String, String> {
        let s: String = s.split_whitespace().collect::<String>().to_lowercase();
        let ok = s.chars().next().is_some_and(|c| c.is_ascii_digit())
            && s.trim_start_matches(|c: char| c.is_ascii_digit()).chars().count() <= 1;
        if ok {
            Ok(s)
        } else {
            Err(format!("`{legal}`: `{s}` is not a section"))
        }
    };
    let mut out = Vec::new();
    for part in legal.split(';') {
        // drop parenthetical remarks: "4 § (tukipalvelut), 2 §"
        let mut part = part.trim().to_string();
        while let (Some(i), Some(j)) = (part.find('('), part.find(')')) {
            if j < i {
                break;
            }
            part.replace_range(i..=j, "");
        }
        let Some(last) = part.rfind('§') else { continue }; // an HVA's own decision named beside the law
        let (act, dir) = acts.iter().find(|(a, _)| part.starts_with(a)).ok_or_else(|| {
            format!(
                "`{part}`: unknown act (law/ has asiakasmaksulaki, asetus 912/1992, palvelusetelilaki, omaishoitolaki)"
            )
        })?;
        let sections: String = part[act.len()..last]
            .split_whitespace()
            .filter(|w| !w.contains('/')) // an act number: 734/1992
            .collect::<Vec<_>>()
            .join(" ")
            .replace('§', "");
        for item in sections.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            match item.split_once('–') {
                None => out.push(format!("{dir}/{}.md", section(item)?)),
                Some((a, b)) => {
                    let (a, b) = (section(a)?, section(b)?);
                    let num = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).to_string();
                    let letter = |s: &str| s.chars().last().filter(char::is_ascii_alphabetic);
                    match (letter(&a), letter(&b)) {
                        // 10 b–10 c
                        (Some(x), Some(y)) if num(&a) == num(&b) => {
                            out.extend((x..=y).map(|l| format!("{dir}/{}{l}.md", num(&a))));
                        }
                        // 7–8
                        (None, None) => {
                            let (x, y): (u32, u32) =
                                (a.parse().map_err(|_| legal.to_string())?, b.parse().map_err(|_| legal.to_string())?);
                            out.extend((x..=y).map(|n| format!("{dir}/{n}.md")));
                        }
                        _ => return Err(format!("`{legal}`: range {a}–{b}")),
                    }
                }
            }
        }
    }
    Ok(out)
}

#[test]
fn legal_references_parse_as_expected() {
    assert_eq!(
        law_files("asiakasmaksulaki 10 f §, 10 g §").unwrap(),
        ["asiakasmaksulaki/10f.md", "asiakasmaksulaki/10g.md"]
    );
    assert_eq!(
        law_files("asiakasmaksulaki 10 b–10 c §").unwrap(),
        ["asiakasmaksulaki/10b.md", "asiakasmaksulaki/10c.md"]
    );
    assert_eq!(
        law_files("palvelusetelilaki 569/2009 7–8 §").unwrap(),
        ["palvelusetelilaki/7.md", "palvelusetelilaki/8.md"]
    );
    assert_eq!(
        law_files("asetus 912/1992 12 §; asiakasmaksulaki 6 a §").unwrap(),
        ["asiakasmaksuasetus/12.md", "asiakasmaksulaki/6a.md"]
    );
    assert_eq!(law_files("asiakasmaksulaki 7 c § 2 mom.").unwrap(), ["asiakasmaksulaki/7c.md"]);
    assert_eq!(law_files("omaishoitolaki 937/2005 5 §").unwrap(), ["omaishoitolaki/5.md"]);
    assert!(law_files("laki 1/2000 3 §").is_err());
}

/// Whether a law file lists the parameter: a backticked name in it matches the parameter's
/// dotted name, where `<code>` stands for one part and a final `*` for the rest
/// (`support_services.<code>.fee_per_unit`, `communal_housing.*`); `.spouse_percent` continues
/// a name of the same section written before it.
fn lists(text: &str, param: &str) -> bool {
    let parts: Vec<&str> = param.split('.').collect();
    let tokens: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    let matches = |token: &str| {
        let t: Vec<&str> = token.split('.').collect();
        for (i, seg) in t.iter().enumerate() {
            if *seg == "*" && i + 1 == t.len() {
                return i < parts.len();
            }
            match parts.get(i) {
                Some(p) if seg == p || (seg.starts_with('<') && seg.ends_with('>')) => {}
                _ => return false,
            }
        }
        t.len() == parts.len()
    };
    tokens.iter().any(|t| matches(t))
        || tokens.iter().any(|t| t.starts_with('.') && param.ends_with(t))
            && tokens.iter().any(|t| t.starts_with(&format!("{}.", parts[0])))
}

#[test]
fn every_legal_reference_of_an_explanation_is_a_law_file_that_lists_its_parameters() {
    let cases_dir = repo().join("tests/cases");
    let mut files = Vec::new();
    walk(&cases_dir, &mut files);
    let mut tariffs: BTreeMap<String, kustannusarvio_engine::Tariff> = BTreeMap::new();
    let mut problems = BTreeSet::new();
    let mut seen = 0;
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "toml")) {
        let case = parse_case(&f.display().to_string(), &std::fs::read_to_string(f).unwrap()).unwrap();
        let dir = match case.tariff_ref() {
            TariffRef::Shipped(id) => repo().join("tariffs").join(id),
            TariffRef::Fixture(id) => repo().join("tests/fixtures/tariffs").join(id),
        };
        let t = tariffs
            .entry(case.tariff.clone())
            .or_insert_with(|| kustannusarvio_engine::load_dir(&dir).expect("tariff loads"));
        let Ok(scenario) = serde_json::from_value::<kustannusarvio_engine::Scenario>(case.scenario.clone()) else {
            continue;
        };
        let Ok(e) = kustannusarvio_engine::estimate(t, &scenario) else { continue };
        for step in e.lines.iter().flat_map(|l| &l.explanation).chain(&e.total.explanation) {
            let Some(legal) = &step.legal else { continue };
            seen += 1;
            let names = match law_files(legal.fi()) {
                Ok(n) => n,
                Err(m) => {
                    problems.insert(format!("step {}: {m}", step.key));
                    continue;
                }
            };
            let mut texts = String::new();
            for n in &names {
                match std::fs::read_to_string(repo().join("law").join(n)) {
                    Ok(t) => texts.push_str(&t),
                    Err(_) => {
                        problems.insert(format!("step {}: `{legal}` → law/{n} does not exist", step.key));
                    }
                }
            }
            for p in &step.params {
                if !texts.is_empty() && !lists(&texts, &p.name) {
                    problems.insert(format!(
                        "step {} cites `{legal}`, whose law file(s) {names:?} do not list `{}`",
                        step.key, p.name
                    ));
                }
            }
        }
    }
    assert!(seen > 500, "only {seen} legal references seen");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}",
        problems.len(),
        problems.into_iter().collect::<Vec<_>>().join("\n  ")
    );
}

#[test]
fn law_links_and_law_paths_resolve_and_nothing_points_outside_the_repository() {
    let root = repo();
    let mut all = Vec::new();
    for d in [
        "law",
        "crates",
        "src-tauri/src",
        "src-tauri/tests",
        "src-tauri/fixtures",
        "fuzz/fuzz_targets",
        ".ci",
        "tariffs",
        "docs",
        "tests",
        "scripts",
        "ui/src",
        "ui/tests",
    ] {
        walk(&root.join(d), &mut all);
    }
    all.extend(["README.md", "BENCHMARKS.md", "Cargo.toml"].iter().map(|f| root.join(f)));
    let mut problems = Vec::new();
    for f in &all {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !["rs", "md", "toml", "ts", "mjs", "sh", "json", "py", "html", "css"].contains(&ext) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        let rel = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        if rel.ends_with("law_references.rs") {
            continue;
        }
        for bad in ["fees-law", "../shared/", "/work/shared"] {
            if text.contains(bad) {
                problems.push(format!("{rel}: refers to `{bad}` outside the repository"));
            }
        }
        // `law/…` paths written anywhere
        for (i, _) in text.match_indices("law/") {
            let prev = text[..i].chars().next_back();
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                continue; // e.g. "bylaw/"
            }
            let path: String = text[i..].chars().take_while(|c| c.is_alphanumeric() || "/._-".contains(*c)).collect();
            let path = path.trim_end_matches(['.', ',']);
            if path != "law/" && !root.join(path).exists() {
                problems.push(format!("{rel}: `{path}` does not exist"));
            }
        }
        // relative Markdown links of law/ files
        if rel.starts_with("law/") && ext == "md" {
            for (i, _) in text.match_indices("](") {
                let target: String = text[i + 2..].chars().take_while(|c| *c != ')').collect();
                if target.starts_with("http") || target.starts_with('#') {
                    continue;
                }
                let target = target.split('#').next().unwrap_or_default();
                if !f.parent().unwrap().join(target).exists() {
                    problems.push(format!("{rel}: link `{target}` does not exist"));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} problem(s):\n  {}", problems.len(), problems.join("\n  "));
}
