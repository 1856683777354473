//! Swedish and English all the way: every hand-worked case (tests/cases), which between them
//! compute every service kind and every support service of Päijät-Häme and Helsinki, is
//! estimated in Swedish and in English, and what the client or the counsellor reads — the
//! explanation texts, the legal references, the warnings, the organisation's and the services'
//! names — has none of a list of Finnish words. The codes and numbers are those of Finnish.

use kustannusarvio_engine::cases::{parse_case, TariffRef};
use kustannusarvio_engine::i18n::Lang;
use kustannusarvio_engine::{catalogue, estimate, load_dir, Scenario, Tariff};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// Finnish words a Swedish- or English-speaking client would have to understand (whole words,
/// case-insensitive; stems end with `*`). `mom.` is not among them: Swedish cites a subsection
/// as Finnish does (`7 c § 2 mom.`).
const FINNISH: &[&str] = &[
    "henkilön",
    "tuloraja*",
    "asiakasmaksulaki*",
    "kuukaudessa",
    "vuodessa",
    "viikossa",
    "kertaa",
    "kk",
    "maksu*",
    "tulot",
    "nettotulot",
    "bruttotulot",
    "hyvinvointialue*",
    "vähennys*",
    "käyttövara",
    "puoliso*",
    "asiakas*",
    "palvelu*",
    "ateria*",
    "turvapuhelin",
    "siivous*",
    "kylvetys*",
    "kauppapalvelu",
    "kuljetus*",
    "päivätoiminta",
    "kotihoito",
    "hoito*",
    "omavastuu",
    "setelin",
    "palveluseteli*",
    "enintään",
    "yli",
    "perheelle",
    "tuntiin",
    "hoitopäivää",
    "vuorokautta",
    "käyntiä",
    "kaupunki",
    "helsingin",
    "hämeen",
    "asetus",
    "palvelusetelilaki",
    "omaishoitolaki",
    "luokka",
    "ja",
    "toimitu*",
    "taksa*",
    "paikkamerk*",
    "arvo",
    "kustannus",
    "takuuelä*",
    "perimättä",
    "vapaa",
];

fn finnish_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()) {
        let w = word.to_lowercase();
        for f in FINNISH {
            let hit = match f.strip_suffix('*') {
                Some(stem) => w.starts_with(stem),
                None => w == *f,
            };
            if hit {
                found.push(word.to_string());
                break;
            }
        }
    }
    found
}

/// What a person reads in an estimate's JSON: (where, text).
fn readable(e: &Value) -> Vec<(String, String)> {
    let mut out = vec![("tariff.organisation_name".to_string(), e["tariff"]["organisation_name"].to_string())];
    let lines = e["lines"].as_array().expect("lines");
    let steps = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l["explanation"].as_array().expect("steps").iter().map(move |s| (format!("lines.{i}"), s)))
        .chain(e["total"]["explanation"].as_array().expect("steps").iter().map(|s| ("total".to_string(), s)));
    for (at, s) in steps {
        let key = s["key"].as_str().unwrap_or_default();
        out.push((format!("{at}.{key}.text"), s["text"].as_str().unwrap_or_default().to_string()));
        if let Some(l) = s["legal"].as_str() {
            out.push((format!("{at}.{key}.legal"), l.to_string()));
        }
        // the values of the tariff parameters used (their `source` is the tariff's own citation)
        for p in s["params"].as_array().into_iter().flatten() {
            out.push((format!("{at}.{key}.params.{}", p["name"]), p["value"].as_str().unwrap_or_default().to_string()));
        }
    }
    for w in e["warnings"].as_array().expect("warnings") {
        out.push((format!("warning {}", w["code"]), w["message"].as_str().unwrap_or_default().to_string()));
        // the parameters' titles (the UI and the printed summary list them)
        for v in w["values"].as_array().into_iter().flatten().filter(|v| v["name"] == "title") {
            out.push((format!("warning {} title", w["code"]), v["value"].as_str().unwrap_or_default().to_string()));
        }
    }
    out
}

fn tariff<'a>(cache: &'a mut BTreeMap<String, Tariff>, r: TariffRef<'_>) -> &'a Tariff {
    let (key, dir) = match r {
        TariffRef::Shipped(id) => (id.to_string(), repo().join("tariffs").join(id)),
        TariffRef::Fixture(id) => (format!("fixtures/{id}"), repo().join("tests/fixtures/tariffs").join(id)),
    };
    cache.entry(key).or_insert_with(|| load_dir(&dir).expect("tariff loads"))
}

#[test]
fn swedish_and_english_estimates_have_no_finnish_words() {
    let mut files = Vec::new();
    walk(&repo().join("tests/cases"), &mut files);
    files.sort();
    let mut tariffs = BTreeMap::new();
    let mut problems = BTreeSet::new();
    // organisation → service codes computed in sv and en
    let mut computed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut estimates = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        let case = parse_case(&f.display().to_string(), &text).expect("case parses");
        let Ok(scenario) = serde_json::from_value::<Scenario>(case.scenario.clone()) else { continue };
        let t = tariff(&mut tariffs, case.tariff_ref());
        let Ok(e) = estimate(t, &scenario) else { continue };
        let fi = serde_json::to_value(&e).expect("json");
        for lang in [Lang::Sv, Lang::En] {
            let v = serde_json::to_value(e.clone().in_lang(lang)).expect("json");
            estimates += 1;
            assert_eq!(v["lang"], lang.code());
            for (at, text) in readable(&v) {
                let words = finnish_words(&text);
                if !words.is_empty() {
                    problems.insert(format!("{lang} {at}: {words:?} in “{text}”"));
                }
            }
            // codes and numbers are those of the Finnish estimate
            assert_eq!(v["total"], with_texts(&fi["total"], &v["total"]), "{}", f.display());
            for l in &e.lines {
                computed.entry(e.tariff.organisation.clone()).or_default().insert(l.service.clone());
            }
        }
    }
    assert!(estimates > 300, "only {estimates} estimates");
    let shown: Vec<_> = problems.iter().take(40).collect();
    assert!(problems.is_empty(), "{} Finnish words in Swedish or English texts:\n{shown:#?}", problems.len());
    // every service the two organisations offer was among them
    for org in ["paijat-hame", "helsinki"] {
        let t = tariff(&mut tariffs, TariffRef::Shipped(org));
        let offered: BTreeSet<String> = catalogue::services(t).into_iter().map(|s| s.code).collect();
        let seen = computed.get(org).cloned().unwrap_or_default();
        let missing: Vec<_> = offered.difference(&seen).collect();
        assert!(missing.is_empty(), "{org}: no Swedish/English estimate computes {missing:?}");
    }
}

/// `fi` with the texts (`text`, `legal`, `message`) of `other`: what must be equal apart from
/// the language.
fn with_texts(fi: &Value, other: &Value) -> Value {
    match (fi, other) {
        (Value::Object(a), Value::Object(b)) => Value::Object(
            a.iter()
                .map(|(k, v)| {
                    let v = if ["text", "legal", "message"].contains(&k.as_str()) {
                        b.get(k).cloned().unwrap_or(Value::Null)
                    } else {
                        with_texts(v, b.get(k).unwrap_or(&Value::Null))
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        (Value::Array(a), Value::Array(b)) => Value::Array(
            a.iter().zip(b.iter().chain(std::iter::repeat(&Value::Null))).map(|(x, y)| with_texts(x, y)).collect(),
        ),
        _ => fi.clone(),
    }
}

/// Every parameter of every shipped tariff (and the test tariffs) has a title in Swedish and in
/// English, built from the messages (not its dotted key) and without a Finnish word: the
/// `unverified_parameters` warning names the values by these titles, in the UI and on the
/// printed summary.
#[test]
fn every_parameter_has_its_title_in_swedish_and_english() {
    let dirs = [
        repo().join("tariffs/paijat-hame"),
        repo().join("tariffs/helsinki"),
        repo().join("tests/fixtures/tariffs/esimerkki"),
        repo().join("src-tauri/fixtures/tariffs/testi"),
    ];
    let mut problems = Vec::new();
    let mut titled = 0;
    for dir in &dirs {
        let t = load_dir(dir).expect("tariff loads");
        let keys: Vec<String> = t.titles.keys().map(|k| k.to_string()).collect();
        assert!(keys.len() > 20, "{}: {} parameters", dir.display(), keys.len());
        for key in keys {
            for lang in [Lang::Sv, Lang::En] {
                let title = t.title_in(&key, lang);
                titled += 1;
                let words = finnish_words(title);
                if title == key || title.contains('_') || !words.is_empty() {
                    problems.push(format!("{} {lang} {key}: “{title}” {words:?}", dir.display()));
                }
            }
            assert_ne!(t.title_of(&key), key, "{}: {key} has no Finnish title", dir.display());
        }
    }
    assert!(titled > 200, "{titled}");
    assert!(problems.is_empty(), "{} parameters without a Swedish or English title:\n{problems:#?}", problems.len());
}

/// The list itself finds Finnish: a Finnish estimate of the same kind is full of its words.
#[test]
fn the_word_list_finds_finnish() {
    assert_eq!(finnish_words("Tuloraja 3 henkilön perheelle: 2 031,50 €"), ["Tuloraja", "henkilön", "perheelle"]);
    assert!(finnish_words("Inkomstgräns för en familj med 3 personer: 2 031,50 €").is_empty());
    assert_eq!(finnish_words("asiakasmaksulaki 10 e §"), ["asiakasmaksulaki"]);
    assert!(finnish_words("lagen om klientavgifter inom social- och hälsovården 10 e §").is_empty());
}

/// A tariff whose support service has no Swedish name does not validate.
#[test]
fn a_name_without_swedish_does_not_validate() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = repo().join("tariffs");
    copy(&base.join("national"), &dir.path().join("national"));
    copy(&base.join("paijat-hame"), &dir.path().join("paijat-hame"));
    let f = dir.path().join("paijat-hame/support_services.toml");
    let text = std::fs::read_to_string(&f).expect("read");
    std::fs::write(&f, text.replacen("sv = \"Trygghetstelefon\"", "sv = \"\"", 1)).expect("write");
    let err = load_dir(&dir.path().join("paijat-hame")).expect_err("refused").to_string();
    assert!(err.contains("support_services.safety_phone.name") && err.contains("sv"), "{err}");
    std::fs::write(&f, text.replacen(", sv = \"Trygghetstelefon\"", "", 1)).expect("write");
    let err = load_dir(&dir.path().join("paijat-hame")).expect_err("refused").to_string();
    assert!(err.contains("sv"), "{err}");
}

/// Every care-allowance class has its name in the three languages, and no name without a class.
#[test]
fn a_care_allowance_class_without_its_names_does_not_validate() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = repo().join("tariffs");
    copy(&base.join("national"), &dir.path().join("national"));
    copy(&base.join("paijat-hame"), &dir.path().join("paijat-hame"));
    let f = dir.path().join("paijat-hame/informal_care_support.toml");
    let text = std::fs::read_to_string(&f).expect("read");
    let line = text.lines().find(|l| l.starts_with("transitional = {")).expect("the class's names").to_string();
    std::fs::write(&f, text.replace(&line, "")).expect("write");
    let err = load_dir(&dir.path().join("paijat-hame")).expect_err("refused").to_string();
    assert!(err.contains("class_names.transitional") && err.contains("no name"), "{err}");
    std::fs::write(&f, text.replace(&line, &line.replace("en = \"Heavy transition period of care\"", "en = \"\"")))
        .expect("write");
    let err = load_dir(&dir.path().join("paijat-hame")).expect_err("refused").to_string();
    assert!(err.contains("class_names.transitional") && err.contains("en"), "{err}");
    std::fs::write(&f, format!("{text}extra = {{ fi = \"a\", sv = \"b\", en = \"c\" }}\n")).expect("write");
    let err = load_dir(&dir.path().join("paijat-hame")).expect_err("refused").to_string();
    assert!(err.contains("class_names.extra") && err.contains("no such class"), "{err}");
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("dir") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
    }
}
