//! The `kustannusarvio` command line: the scenario contract end to end.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kustannusarvio"));
    c.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    c
}

fn calc(tariffs: &str, input: &str) -> (i32, String, String) {
    let mut child = bin()
        .args(["calc", "--tariffs", tariffs])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // the tool may exit before reading stdin (e.g. no tariff): a broken pipe is fine here
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const README_SCENARIO: &str = r#"{"date": "2026-03-01",
 "household": {"persons": 2,
   "client": {"gross_income": "1000.00", "net_income": "1800.00", "forest_income_yearly": "1200.00",
              "deductions": {"maintenance": "0", "guardianship": "20.00", "foreclosure": "0",
                             "compensation": "0", "medicines": "100.00", "housing": "200.00"}},
   "spouse": null},
 "services": [{"service": "home_care", "production": "own", "hours_per_month": "20"},
              {"service": "home_care", "production": "voucher", "hours_per_month": "10", "provider_price_per_hour": "34.00"},
              {"service": "meal_delivery", "production": "purchased", "meals_per_week": 7}]}"#;

#[test]
fn calc_prints_json_with_money_as_strings() {
    let (code, out, err) = calc("tariffs/paijat-hame", README_SCENARIO);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tariff"]["organisation"], "paijat-hame");
    assert_eq!(v["lines"].as_array().unwrap().len(), 3);
    // income 1000 + 1200/12 − 20 = 1080 < limit 1290 for 2 persons → no home-care fee
    assert_eq!(v["lines"][0]["client_fee_monthly"], "0.00");
    // 7 meals/week × 30/7 = 30 meals × 8.90 = 267.00
    assert_eq!(v["lines"][2]["client_fee_monthly"], "267.00");
    assert_eq!(v["total"]["client_fees_monthly"], "267.00");
    assert_eq!(v["total"]["client_fees_yearly"], "3204.00");
    assert!(v["lines"][0]["explanation"].as_array().unwrap().len() >= 4);
}

/// `--lang sv|en`: the texts in that language (income limit 1 290 € for 2 persons, from the law's
/// table), the codes and figures as in Finnish; Finnish by default.
#[test]
fn calc_writes_the_texts_in_the_language_asked() {
    let run = |lang: Option<&str>| {
        let mut args = vec!["calc", "--tariffs", "tariffs/paijat-hame", "--scenario", "/dev/stdin"];
        if let Some(l) = lang {
            args.extend(["--lang", l]);
        }
        let mut child =
            bin().args(&args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let _ = child.stdin.take().unwrap().write_all(README_SCENARIO.as_bytes());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let limit = |v: &serde_json::Value| {
        v["lines"][0]["explanation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "home_care.income_limit")
            .map(|s| (s["text"].as_str().unwrap().to_string(), s["legal"].as_str().unwrap().to_string()))
            .unwrap()
    };
    let (fi, sv, en) = (run(None), run(Some("sv")), run(Some("en")));
    assert_eq!(fi["lang"], "fi");
    assert_eq!(
        limit(&fi),
        ("Tuloraja 2 henkilön perheelle: 1\u{a0}290,00\u{a0}€".into(), "asiakasmaksulaki 10 e §".into())
    );
    assert_eq!(sv["lang"], "sv");
    assert_eq!(
        limit(&sv),
        (
            "Inkomstgräns för en familj med 2 personer: 1\u{a0}290,00\u{a0}€".into(),
            "lagen om klientavgifter inom social- och hälsovården 10 e §".into()
        )
    );
    assert_eq!(
        limit(&en),
        (
            "Income limit for a family of 2 persons: 1\u{a0}290,00\u{a0}€".into(),
            "Act on Client Charges in Healthcare and Social Welfare, section 10 e".into()
        )
    );
    assert_eq!(sv["tariff"]["organisation_name"], "Päijänne-Tavastlands välfärdsområde");
    assert_eq!(en["tariff"]["organisation_name"], "Päijät-Häme Wellbeing Services County");
    for v in [&sv, &en] {
        assert_eq!(v["total"]["client_fees_monthly"], fi["total"]["client_fees_monthly"]);
        assert_eq!(v["lines"][2]["service"], "meal_delivery");
    }
    let meal = |v: &serde_json::Value| v["lines"][2]["explanation"][1]["text"].as_str().unwrap().to_string();
    assert!(meal(&en).starts_with("Meal service (meal delivered home): 8,90"), "{}", meal(&en));
    let bad = bin().args(["calc", "--lang", "de"]).output().unwrap();
    assert!(!bad.status.success());
}

#[test]
fn calc_error_names_field_and_exits_non_zero() {
    let (code, out, err) = calc("tariffs/paijat-hame", &README_SCENARIO.replace("\"20\"", "\"lots\""));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["code"], "invalid_input");
    assert_eq!(v["error"]["field"], "services[0].hours_per_month");
}

/// The error's `message` is for people, in the language asked; `error` stays the engine's (code,
/// field, English message) in every language.
#[test]
fn calc_error_message_is_in_the_language_asked() {
    let scenario = README_SCENARIO.replace("\"20\"", "\"-5\"");
    let run = |lang: &str| {
        let mut child = bin()
            .args(["calc", "--tariffs", "tariffs/paijat-hame", "--lang", lang])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(scenario.as_bytes());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        serde_json::from_slice::<serde_json::Value>(&out.stderr).unwrap()
    };
    let (fi, sv, en) = (run("fi"), run("sv"), run("en"));
    assert_eq!(sv["error"], en["error"]);
    assert_eq!(sv["error"]["message"], "must not be negative");
    assert_eq!(fi["message"], "services[0].hours_per_month: ei voi olla negatiivinen");
    assert_eq!(sv["message"], "services[0].hours_per_month: får inte vara negativ");
    assert_eq!(en["message"], "services[0].hours_per_month: must not be negative");
}

#[test]
fn calc_with_missing_tariff_dir_fails_clearly() {
    let (code, _, err) = calc("tariffs/nowhere", README_SCENARIO);
    assert_eq!(code, 2);
    assert!(err.contains("tariffs/nowhere"), "{err}");
}

#[test]
fn compare_shows_differences_to_the_first() {
    let dir = std::env::temp_dir().join(format!("ka-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = r#"{"date":"2026-03-01","household":{"persons":1,"client":{"gross_income":"1200"}},
        "services":[{"service":"home_care","production":"own","hours_per_month":"8"}]}"#;
    let b = a.replace("\"8\"", "\"12\"");
    std::fs::write(dir.join("a.json"), a).unwrap();
    std::fs::write(dir.join("b.json"), b).unwrap();
    let out = bin()
        .args(["compare", "--tariffs", "tariffs/paijat-hame"])
        .arg(dir.join("a.json"))
        .arg(dir.join("b.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // a: (1200 − 699) × 16 % = 80.16; b: 12 h → 20 %: 100.20; difference 20.04
    assert_eq!(v["columns"][0]["estimate"]["total"]["client_fees_monthly"], "80.16");
    assert_eq!(v["columns"][1]["estimate"]["total"]["client_fees_monthly"], "100.20");
    assert_eq!(v["columns"][1]["difference"]["client_fees_monthly"], "20.04");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tariffs_validate_and_schema() {
    let out = bin().args(["tariffs", "validate", "tariffs/paijat-hame"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("paijat-hame"));
    let out = bin().args(["tariffs", "validate", "src"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["tariffs", "schema"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["properties"]["home_care"].is_object());
}

#[test]
fn committed_json_schema_is_current() {
    let out = bin().args(["tariffs", "schema"]).output().unwrap();
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs/tariff.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        committed.trim(),
        "regenerate with: cargo run -q -- tariffs schema > tariffs/tariff.schema.json"
    );
}

/// `tariffs validate` names the layers and every national value an organisation overrides; a
/// misspelt or unannounced override is refused with the file and line.
#[test]
fn validate_lists_layers_and_overrides() {
    let out = bin().args(["tariffs", "validate", "tariffs/helsinki"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("layers: national → helsinki"), "{text}");
    assert!(text.contains("overrides national: home_care.percentages (layer helsinki)"), "{text}");
    let out = bin().args(["tariffs", "validate", "tariffs/paijat-hame"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("overrides: none"));
    let out = bin().args(["tariffs", "validate", "tariffs/national"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("base layer") && text.contains("helsinki, paijat-hame"), "{text}");

    // An organisation that redefines a national value without `overrides = true` is refused.
    let t = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs"));
    for layer in ["national", "paijat-hame"] {
        std::fs::create_dir_all(t.path().join(layer)).unwrap();
        for e in std::fs::read_dir(root.join(layer)).unwrap() {
            let e = e.unwrap().path();
            std::fs::copy(&e, t.path().join(layer).join(e.file_name().unwrap())).unwrap();
        }
    }
    let own = t.path().join("paijat-hame/long_term_care.toml");
    let shadow = "\n[long_term_care.client_percent]\nvalues = [{ from = \"2021-07-01\", value = \"80\", source = \"x\", verified = false }]\n";
    std::fs::write(&own, std::fs::read_to_string(&own).unwrap() + shadow).unwrap();
    let out = bin().args(["tariffs", "validate"]).arg(t.path().join("paijat-hame")).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("long_term_care.toml:") && err.contains("`long_term_care.client_percent` is already defined"),
        "{err}"
    );
    assert!(err.contains("overrides = true"), "{err}");
    // With the flag it loads, and validate lists it.
    std::fs::write(
        &own,
        std::fs::read_to_string(&own)
            .unwrap()
            .replace("[long_term_care.client_percent]\n", "[long_term_care.client_percent]\noverrides = true\n"),
    )
    .unwrap();
    let out = bin().args(["tariffs", "validate"]).arg(t.path().join("paijat-hame")).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("overrides national: long_term_care.client_percent"));
    // An override of a name the national layer does not have (a typo) is refused.
    std::fs::write(
        &own,
        std::fs::read_to_string(&own)
            .unwrap()
            .replace("[long_term_care.client_percent]", "[long_term_care.client_percentage]"),
    )
    .unwrap();
    let out = bin().args(["tariffs", "validate"]).arg(t.path().join("paijat-hame")).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("no lower layer"), "{err}");
}

/// `kustannusarvio cases` runs the hand-worked cases (a controller's check without Rust), and
/// `--dump` prints one estimate per case (what the Windows build is compared with).
#[test]
fn cases_command_reports_and_dumps() {
    let out = bin().args(["cases"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 failed"), "{text}");
    let out = bin().args(["cases", "--dump"]).output().unwrap();
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(String::from).collect();
    assert!(lines.len() >= 150);
    assert!(lines.iter().any(|l| l.starts_with("long_term_care/spouse_rule/") && l.contains("\"client_fee_monthly\"")));
    // a case whose figure is wrong fails the run, naming the case and the path
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("home_care/fee");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("wrong.toml"),
        r#"title = "8 h"
law = "asiakasmaksulaki 10 e §"
tariff = "paijat-hame"
worked = "(1200 − 699) × 16 % = 80.16, not 1.00"
[scenario]
date = "2026-03-01"
household = { persons = 1, client = { gross_income = "1200" } }
services = [ { service = "home_care", production = "own", hours_per_month = "8" } ]
[expected]
"lines.0.client_fee_monthly" = "1.00"
"#,
    )
    .unwrap();
    let out = bin().args(["cases", "--dir"]).arg(t.path()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL home_care/fee/wrong.toml") && text.contains("lines.0.client_fee_monthly"), "{text}");
}
