//! Command wiring through the real IPC path (tauri::test MockRuntime, no display needed),
//! the TypeScript bindings export, and the JSON fixtures the UI tests replay.

mod common;

use common::{invoke, mock_app};
use kustannusarvio_app::state::AppState;
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};

const TESTI: &[(&str, &str)] = &[
    ("testi/10-home-care.toml", include_str!("../fixtures/tariffs/testi/10-home-care.toml")),
    ("testi/20-other.toml", include_str!("../fixtures/tariffs/testi/20-other.toml")),
];

fn app() -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let state = AppState::from_sources(&[("testi", TESTI)]);
    assert!(state.load_errors.is_empty(), "fixture tariff loads: {:?}", state.load_errors);
    mock_app(mock_builder().plugin(tauri_plugin_store::Builder::new().build()).manage(state))
}

/// Päijät-Häme style hand calculation from the law (asiakasmaksulaki 10 e §, law/asiakasmaksulaki/10e.md): 1 person, gross 1200 €/kk,
/// home care 8 h/kk → (1200 − 699) × 16 % = 80.16 €.
fn home_care_scenario() -> Value {
    json!({
        "date": "2026-03-01",
        "household": { "persons": 1, "client": { "gross_income": "1200", "net_income": "1000" } },
        "services": [{ "service": "home_care", "production": "own", "hours_per_month": "8" }]
    })
}

#[test]
fn estimate_through_ipc_matches_hand_calculation() {
    let (_app, wv) = app();
    let est = invoke(&wv, "estimate", json!({ "scenario": home_care_scenario() })).expect("estimate ok");
    assert_eq!(est["lines"][0]["client_fee_monthly"], "80.16");
    assert_eq!(est["total"]["client_fees_monthly"], "80.16");
    assert_eq!(est["lines"][0]["band"]["percent"], "16");
    assert_eq!(est["tariff"]["organisation"], "testi");
    assert!(est["lines"][0]["explanation"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn engine_errors_come_back_as_typed_values() {
    let (_app, wv) = app();
    let mut s = home_care_scenario();
    s["services"][0]["hours_per_month"] = json!("-1");
    let err = invoke(&wv, "estimate", json!({ "scenario": s })).expect_err("negative hours");
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["field"], "services[0].hours_per_month");
    // Malformed JSON for the command argument is an IPC error string, not a panic.
    let bad = invoke(&wv, "estimate", json!({ "scenario": { "date": "x" } }));
    assert!(bad.is_err());
}

#[test]
fn compare_and_catalogue_and_info() {
    let (_app, wv) = app();
    let mut voucher = home_care_scenario();
    voucher["services"][0]["production"] = json!("voucher");
    voucher["services"][0]["provider_price_per_hour"] = json!("40");
    let c = invoke(&wv, "compare", json!({ "scenarios": [home_care_scenario(), voucher], "names": ["Oma", "Seteli"] }))
        .expect("compare");
    assert_eq!(c["columns"].as_array().map(Vec::len), Some(2));
    assert_eq!(c["columns"][1]["name"], "Seteli");
    let bad = invoke(&wv, "compare", json!({ "scenarios": [home_care_scenario()], "names": [] })).expect_err("names");
    assert_eq!(bad["field"], "names");

    let svc = invoke(&wv, "list_services", json!({})).expect("services");
    let codes: Vec<&str> = svc.as_array().expect("array").iter().filter_map(|s| s["code"].as_str()).collect();
    assert!(codes.contains(&"home_care") && codes.contains(&"meals"), "{codes:?}");
    let info = invoke(&wv, "tariff_info", json!({})).expect("info");
    assert_eq!(info["active"]["organisation"], "testi");
    // Every parameter of the fixture has a value from its 2026 income limit on, until the
    // earliest end date written in the fixture files.
    assert_eq!(info["active"]["coverage_from"], "2026-01-01");
    assert_eq!(info["active"]["coverage_until"], "2027-12-31");
}

#[test]
fn settings_hold_only_language_and_organisation() {
    let (_app, wv) = app();
    let bad = invoke(&wv, "save_settings", json!({ "settings": { "language": "fi", "organisation": "nowhere" } }));
    assert!(bad.is_err());
    // Unknown keys (e.g. an income) are rejected by the type.
    let extra = invoke(
        &wv,
        "save_settings",
        json!({ "settings": { "language": "fi", "organisation": null, "income": "1234.56" } }),
    );
    assert!(extra.is_err());
}

/// Regenerates `ui/src/bindings.ts`; CI fails when the committed file differs (`git diff --exit-code`).
#[test]
fn export_bindings() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    kustannusarvio_app::export_bindings(&path).expect("export bindings");
    let text = std::fs::read_to_string(&path).expect("read bindings");
    assert!(text.contains("estimate") && text.contains("EngineError"));
}

/// The total of an estimate with the step texts of another (the same figures in another language).
trait WithTexts {
    fn with_texts_of(self, other: &Value) -> Value;
}

impl WithTexts for Value {
    fn with_texts_of(self, other: &Value) -> Value {
        match (self, other) {
            (Value::Object(a), Value::Object(b)) => Value::Object(
                a.into_iter()
                    .map(|(k, v)| {
                        let v = if ["text", "legal", "message"].contains(&k.as_str()) {
                            b.get(&k).cloned().unwrap_or(Value::Null)
                        } else {
                            v.with_texts_of(b.get(&k).unwrap_or(&Value::Null))
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            (Value::Array(a), Value::Array(b)) => Value::Array(
                a.into_iter()
                    .zip(b.iter().chain(std::iter::repeat(&Value::Null)))
                    .map(|(x, y)| x.with_texts_of(y))
                    .collect(),
            ),
            (v, _) => v,
        }
    }
}

/// An estimate's JSON without the explanation steps and the trace format.
fn without_steps(mut v: Value) -> Value {
    let o = v.as_object_mut().expect("object");
    o.remove("trace_format");
    o["total"].as_object_mut().expect("total").remove("explanation");
    for l in o["lines"].as_array_mut().expect("lines") {
        l.as_object_mut().expect("line").remove("explanation");
    }
    v
}

/// A brief's JSON without the incomes each line read.
fn without_incomes_used(mut v: Value) -> Value {
    for l in v["lines"].as_array_mut().expect("lines") {
        l.as_object_mut().expect("line").remove("incomes_used");
    }
    v
}

/// The per-edit command gives the estimate without its steps: the hand-worked 80,16 €, the same
/// warnings and tariff period in the language asked, the income the fee read, and no step text;
/// errors come back as the same typed values.
#[test]
fn brief_is_the_estimate_without_steps() {
    let (_app, wv) = app();
    for lang in ["fi", "sv", "en"] {
        let args = json!({ "scenario": home_care_scenario(), "lang": lang });
        let brief = invoke(&wv, "estimate_brief", args.clone()).expect("brief ok");
        assert_eq!(brief["lines"][0]["client_fee_monthly"], "80.16");
        assert_eq!(brief["total"]["client_fees_monthly"], "80.16");
        assert_eq!(brief["lines"][0]["incomes_used"], json!(["gross_income"]));
        assert_eq!(brief["lang"], lang);
        assert!(!brief.to_string().contains("explanation"), "no steps: {brief}");
        let est = invoke(&wv, "estimate", args).expect("estimate ok");
        assert_eq!(without_incomes_used(brief), without_steps(est));
    }
    let mut s = home_care_scenario();
    s["services"][0]["hours_per_month"] = json!("-1");
    let a = invoke(&wv, "estimate_brief", json!({ "scenario": s.clone() })).expect_err("negative hours");
    let b = invoke(&wv, "estimate", json!({ "scenario": s })).expect_err("negative hours");
    assert_eq!(a, b);
    assert_eq!(a["field"], "services[0].hours_per_month");
}

/// Writes real engine answers for the UI tests' mocked IPC (`ui/tests/fixtures/*.json`), so the
/// mock replays exactly what the engine returns for the scenarios the UI tests type.
#[test]
fn write_ui_fixtures() {
    let (_app, wv) = app();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/tests/fixtures");
    std::fs::create_dir_all(&dir).expect("fixtures dir");
    let mut out = serde_json::Map::new();
    out.insert("tariff_info".into(), invoke(&wv, "tariff_info", json!({})).expect("info"));
    out.insert("list_services".into(), invoke(&wv, "list_services", json!({})).expect("services"));
    // each `estimate_<name>` also as `brief_<name>` (the per-edit answer), from the same arguments
    let mut briefs: Vec<(String, Value)> = Vec::new();
    briefs.push(("home_care_8h".into(), json!({ "scenario": home_care_scenario() })));
    out.insert(
        "estimate_home_care_8h".into(),
        invoke(&wv, "estimate", json!({ "scenario": home_care_scenario() })).expect("est"),
    );
    let mut voucher = home_care_scenario();
    voucher["services"][0]["production"] = json!("voucher");
    voucher["services"][0]["provider_price_per_hour"] = json!("40");
    briefs.push(("home_care_voucher".into(), json!({ "scenario": voucher.clone() })));
    out.insert(
        "estimate_home_care_voucher".into(),
        invoke(&wv, "estimate", json!({ "scenario": voucher.clone() })).expect("est"),
    );
    out.insert(
        "compare_own_voucher".into(),
        invoke(
            &wv,
            "compare",
            json!({ "scenarios": [home_care_scenario(), voucher], "names": ["Vaihtoehto 1", "Vaihtoehto 2"] }),
        )
        .expect("cmp"),
    );
    // Highest fee (no income given): the fixture's cost 60 €/h × 8 h = 480.00 €.
    let highest = json!({
        "date": "2026-03-01",
        "household": { "persons": 1, "client": {}, "income_not_given": true },
        "services": [{ "service": "home_care", "production": "own", "hours_per_month": "8" }]
    });
    let est = invoke(&wv, "estimate", json!({ "scenario": highest.clone() })).expect("highest fee");
    assert_eq!(est["lines"][0]["client_fee_monthly"], "480.00");
    out.insert("estimate_home_care_highest_fee".into(), est);
    briefs.push(("home_care_highest_fee".into(), json!({ "scenario": highest })));
    // 24-hour housing for two without the spouse: 85 % × 2 200 = 1 870.00 €, and the warning.
    let couple = |spouse: Value| {
        json!({
            "date": "2026-03-01",
            "household": { "persons": 2, "client": { "net_income": "2200" }, "spouse": spouse },
            "services": [{ "service": "round_the_clock_housing", "production": "own" }]
        })
    };
    let est = invoke(&wv, "estimate", json!({ "scenario": couple(Value::Null) })).expect("couple");
    assert_eq!(est["lines"][0]["client_fee_monthly"], "1870.00");
    assert!(est["warnings"].as_array().expect("warnings").iter().any(|w| w["code"] == "spouse_income_missing"));
    out.insert("estimate_long_term_no_spouse".into(), est);
    briefs.push(("long_term_no_spouse".into(), json!({ "scenario": couple(Value::Null) })));
    // With the spouse's 800 €: 42.5 % × 3 000 = 1 275.00 €, no warning.
    let est = invoke(&wv, "estimate", json!({ "scenario": couple(json!({ "net_income": "800" })) })).expect("spouse");
    assert_eq!(est["lines"][0]["client_fee_monthly"], "1275.00");
    assert!(!est["warnings"].as_array().expect("warnings").iter().any(|w| w["code"] == "spouse_income_missing"));
    out.insert("estimate_long_term_with_spouse".into(), est);
    briefs.push(("long_term_with_spouse".into(), json!({ "scenario": couple(json!({ "net_income": "800" })) })));
    let mut big = home_care_scenario();
    big["household"]["client"]["gross_income"] = json!("20000000");
    out.insert(
        "error_income_too_large".into(),
        invoke(&wv, "estimate", json!({ "scenario": big })).expect_err("income too large"),
    );
    let mut err = home_care_scenario();
    err["date"] = json!("2019-01-01");
    out.insert(
        "error_not_in_force".into(),
        invoke(&wv, "estimate", json!({ "scenario": err })).expect_err("not in force"),
    );
    // The same answers in Swedish and English (`lang`; without it Finnish, as before the argument
    // existed): `<name>_sv`, `<name>_en`, replayed by the mock for the UI's language.
    let home = home_care_scenario();
    let mut voucher = home.clone();
    voucher["services"][0]["production"] = json!("voucher");
    voucher["services"][0]["provider_price_per_hour"] = json!("40");
    for (lang, names) in [("sv", ["Alternativ 1", "Alternativ 2"]), ("en", ["Alternative 1", "Alternative 2"])] {
        let est = invoke(&wv, "estimate", json!({ "scenario": home.clone(), "lang": lang })).expect("est");
        assert_eq!(est["lang"], lang);
        assert_eq!(est["total"], out["estimate_home_care_8h"]["total"].clone().with_texts_of(&est["total"]));
        out.insert(format!("estimate_home_care_8h_{lang}"), est);
        briefs.push((format!("home_care_8h_{lang}"), json!({ "scenario": home.clone(), "lang": lang })));
        let est = invoke(&wv, "estimate", json!({ "scenario": voucher.clone(), "lang": lang })).expect("est");
        out.insert(format!("estimate_home_care_voucher_{lang}"), est);
        briefs.push((format!("home_care_voucher_{lang}"), json!({ "scenario": voucher.clone(), "lang": lang })));
        let cmp = invoke(
            &wv,
            "compare",
            json!({ "scenarios": [home.clone(), voucher.clone()], "names": names, "lang": lang }),
        )
        .expect("cmp");
        out.insert(format!("compare_own_voucher_{lang}"), cmp);
    }
    assert_eq!(out["estimate_home_care_8h"]["lang"], "fi");
    assert!(out["estimate_home_care_8h_sv"]["lines"][0]["explanation"].to_string().contains("Inkomstgräns"));
    for (name, args) in briefs {
        let brief = invoke(&wv, "estimate_brief", args).expect("brief");
        assert_eq!(
            without_incomes_used(brief.clone()),
            without_steps(out[&format!("estimate_{name}")].clone()),
            "{name}"
        );
        out.insert(format!("brief_{name}"), brief);
    }
    let text = serde_json::to_string_pretty(&Value::Object(out)).expect("json") + "\n";
    std::fs::write(dir.join("engine.json"), text).expect("write fixtures");
}

/// A tariff installed in the app's data directory (a TUF update from a repository of the test
/// keys) replaces the compiled-in tariff of its organisation, and `tariff_info` reports it
/// (serial, expiry, age) for the header.
#[test]
fn installed_signed_bundle_is_used_and_reported() {
    use kustannusarvio_app::updater::Anchors;
    use kustannusarvio_bundle::publish::{self, PublishOptions};
    use kustannusarvio_bundle::store::UpdateOptions;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let key =
        |n: &str| publish::read_key(&root.join(format!("tests/fixtures/bundle/keys/test-{n}.key"))).expect("test key");
    let anchor = std::fs::read(root.join("tests/fixtures/bundle/tuf/paijat-hame.root.json")).expect("anchor");
    let now = chrono::Utc::now();
    let repo = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(repo.path().join("metadata")).expect("mkdir");
    std::fs::write(repo.path().join("metadata/1.root.json"), &anchor).expect("root");
    let online: Vec<_> = ["targets1", "targets2", "snapshot", "timestamp"].iter().map(|n| key(n)).collect();
    publish::publish(&root.join("tariffs/paijat-hame"), repo.path(), &online, &PublishOptions::new(now))
        .expect("publish");
    let anchors = Anchors([("paijat-hame".to_string(), anchor)].into_iter().collect());
    let data = tempfile::tempdir().expect("tempdir");
    let store = anchors.store(data.path(), "paijat-hame").expect("store");
    assert_eq!(store.update_from_dir(repo.path(), now, &UpdateOptions::default()).code(), "updated");

    let read = |dir: &str| -> Vec<(String, String)> {
        std::fs::read_dir(root.join("tariffs").join(dir))
            .expect("tariff dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("read")))
            .collect()
    };
    let (national, compiled) = (read("national"), read("paijat-hame"));
    let national: Vec<(&str, &str)> = national.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let files: Vec<(&str, &str)> = compiled.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let sources: [(&str, &[(&str, &str)]); 2] = [("national", &national), ("paijat-hame", &files)];
    let state = AppState::from_sources(&sources);
    // Without the organisation's anchor nothing changes.
    let untrusted = AppState::from_sources(&sources).with_installed_bundles(data.path(), &Anchors::default(), now);
    assert!(untrusted.bundle_info("paijat-hame").is_none());
    let state = state.with_installed_bundles(data.path(), &anchors, now);
    assert_eq!(state.bundle_info("paijat-hame").map(|i| i.serial), Some(1));

    let (_app, wv) = mock_app(mock_builder().manage(state));
    let info = invoke(&wv, "tariff_info", json!({})).expect("info");
    assert_eq!(info["active"]["bundle"]["serial"], 1);
    assert_eq!(info["active"]["bundle"]["expired"], false);
    assert_eq!(info["active"]["bundle"]["age_days"], 0);
    assert_eq!(info["active"]["bundle"]["check_stale"], false);
    let mut s = home_care_scenario();
    s["date"] = json!("2026-03-01");
    let est = invoke(&wv, "estimate", json!({ "scenario": s })).expect("estimate");
    assert_eq!(est["total"]["client_fees_monthly"], "80.16");
}
