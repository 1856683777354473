//! The background updater against a real HTTP server on loopback (a TUF repository written by
//! `kustannusarvio_bundle::publish` with the test keys of tests/fixtures/bundle): updated → the
//! `estimate` command uses the new tariff; a tampered bundle and a server that is down →
//! rejected / unreachable, and the tariff in use is unchanged.

mod common;

use common::{invoke, mock_app};
use kustannusarvio_app::settings::Settings;
use kustannusarvio_app::state::AppState;
use kustannusarvio_app::updater::{Anchors, Updater};
use kustannusarvio_bundle::publish::{self, PublishOptions};
use kustannusarvio_bundle::KeyPair;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use tauri::test::{mock_builder, MockRuntime};
use tauri::Manager;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn key(n: &str) -> KeyPair {
    publish::read_key(&root().join(format!("tests/fixtures/bundle/keys/test-{n}.key"))).expect("test key")
}

/// The test organisation's online keys (targets ×2, snapshot, timestamp).
fn online() -> Vec<KeyPair> {
    ["targets1", "targets2", "snapshot", "timestamp"].iter().map(|n| key(n)).collect()
}

fn anchor() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/bundle/tuf/paijat-hame.root.json")).expect("test anchor")
}

fn anchors() -> Anchors {
    Anchors([("paijat-hame".to_string(), anchor())].into_iter().collect())
}

/// A repository whose root version 1 is the test anchor.
fn new_repo(dir: &Path) {
    std::fs::create_dir_all(dir.join("metadata")).expect("mkdir");
    std::fs::write(dir.join("metadata/1.root.json"), anchor()).expect("root");
}

/// A static file server on 127.0.0.1 for `webroot` (GET only; 404 for anything else).
fn serve(webroot: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let webroot = webroot.clone();
            std::thread::spawn(move || {
                let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let req = String::from_utf8_lossy(&buf);
                let path = req.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
                let file = (!path.contains("..")).then(|| std::fs::read(webroot.join(&path)).ok()).flatten();
                let (status, body) = match file {
                    Some(b) => ("200 OK", b),
                    None => ("404 Not Found", b"not found".to_vec()),
                };
                let head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = s.write_all(head.as_bytes());
                let _ = s.write_all(&body);
            });
        }
    });
    format!("http://127.0.0.1:{port}/")
}

fn read_layer(name: &str) -> Vec<(String, String)> {
    std::fs::read_dir(root().join("tariffs").join(name))
        .expect("tariff dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("read")))
        .collect()
}

/// The app's state with the compiled-in layers `national` and `paijat-hame`.
fn bundled_state() -> AppState {
    let (national, org) = (read_layer("national"), read_layer("paijat-hame"));
    let national: Vec<(&str, &str)> = national.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let org: Vec<(&str, &str)> = org.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    AppState::from_sources(&[("national", &national), ("paijat-hame", &org)])
}

/// A copy of tariffs/national + tariffs/paijat-hame under `dir` whose 2026 income limit for 1
/// person is 700 instead of 699; returns the organisation's directory.
fn changed_tariff(dir: &Path) -> PathBuf {
    for layer in ["national", "paijat-hame"] {
        let to = dir.join(layer);
        std::fs::create_dir_all(&to).expect("mkdir");
        for (name, text) in read_layer(layer) {
            let file = Path::new(&name).file_name().expect("name").to_owned();
            let text = if layer == "national" && file == "home_care.toml" {
                let old = r#"by_persons = ["699", "1290""#;
                assert!(text.contains(old), "the 2026 income limit line is where the test expects it");
                text.replace(old, r#"by_persons = ["700", "1290""#)
            } else {
                text
            };
            std::fs::write(to.join(file), text).expect("write");
        }
    }
    dir.join("paijat-hame")
}

fn options() -> PublishOptions {
    PublishOptions::new(chrono::Utc::now())
}

/// 1 person, gross 1200 €/kk, home care 8 h/kk in March 2026: (1200 − limit) × 16 %.
fn fee(wv: &tauri::WebviewWindow<MockRuntime>) -> Value {
    let scenario = json!({
        "date": "2026-03-01",
        "household": { "persons": 1, "client": { "gross_income": "1200", "net_income": "1000" } },
        "services": [{ "service": "home_care", "production": "own", "hours_per_month": "8" }]
    });
    let est = invoke(wv, "estimate", json!({ "scenario": scenario })).expect("estimate");
    est["total"]["client_fees_monthly"].clone()
}

fn settings(url: &str) -> Settings {
    Settings { update_url: Some(url.to_string()), ..Settings::default() }
}

#[test]
fn updated_then_tampered_then_server_down() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (src, webroot, data) = (tmp.path().join("src"), tmp.path().join("www"), tmp.path().join("data"));
    for d in [&src, &webroot, &data] {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    let src = changed_tariff(&src);
    new_repo(&webroot);
    publish::publish(&src, &webroot, &online(), &options()).expect("publish 1");
    let url = serve(webroot.clone());

    let state = bundled_state();
    let (app, wv) = mock_app(
        mock_builder()
            .plugin(tauri_plugin_store::Builder::new().build())
            .manage(state)
            .manage(Updater::new(Some(data.clone()), anchors())),
    );
    let (state, updater) = (app.state::<AppState>(), app.state::<Updater>());

    // The compiled-in tariff (fallback): (1200 − 699) × 16 % = 80.16.
    assert_eq!(fee(&wv), "80.16");
    assert!(state.bundle_info("paijat-hame").is_none());

    // Updates off: nothing happens.
    assert!(updater.check_blocking(&state, &Settings::default(), chrono::Utc::now()).is_none());

    // Start → updated: (1200 − 700) × 16 % = 80.00.
    let (org, status, changed) = updater.check_blocking(&state, &settings(&url), chrono::Utc::now()).expect("on");
    assert_eq!((org.as_str(), status.code(), changed), ("paijat-hame", "updated", true));
    assert_eq!(fee(&wv), "80.00");
    let info = invoke(&wv, "tariff_info", json!({})).expect("info");
    assert_eq!(info["active"]["bundle"]["serial"], 1);
    assert!(info["active"]["bundle"]["last_success"].is_string());

    // Nothing new: up to date, tariff unchanged.
    let (_, status, changed) = updater.check_blocking(&state, &settings(&url), chrono::Utc::now()).expect("on");
    assert_eq!((status.code(), changed), ("up_to_date", false));

    // A tampered bundle (publication 2, one digit changed after signing): rejected, 80.00 stays.
    let p2 = publish::publish(&root().join("tariffs/paijat-hame"), &webroot, &online(), &options()).expect("publish 2");
    let path = webroot.join("targets").join(format!("{}.tariff.json", p2.sha256));
    let text = std::fs::read_to_string(&path).expect("bundle");
    assert!(text.contains("\\\"699\\\""));
    std::fs::write(&path, text.replacen("\\\"699\\\"", "\\\"900\\\"", 1)).expect("tamper");
    let (_, status, changed) = updater.check_blocking(&state, &settings(&url), chrono::Utc::now()).expect("on");
    assert!(status.code().starts_with("rejected_"), "{}", status.code());
    assert!(!changed);
    assert_eq!(fee(&wv), "80.00");
    assert_eq!(state.bundle_info("paijat-hame").map(|i| i.serial), Some(1));
    let view = invoke(&wv, "update_status", json!({})).expect("update_status");
    assert_eq!(view["last"]["code"], status.code());
    assert_eq!(view["last"]["ok"], false);

    // Server down (a port nobody listens on): server_unreachable, 80.00 stays.
    let dead = TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_url = format!("http://127.0.0.1:{}/", dead.local_addr().expect("addr").port());
    drop(dead);
    let (_, status, changed) = updater.check_blocking(&state, &settings(&dead_url), chrono::Utc::now()).expect("on");
    assert_eq!((status.code(), changed), ("server_unreachable", false));
    assert_eq!(fee(&wv), "80.00");
    let info = invoke(&wv, "tariff_info", json!({})).expect("info");
    assert_eq!(info["active"]["bundle"]["serial"], 1);
    assert_eq!(info["active"]["bundle"]["last_status"], "server_unreachable");

    // The organisation has published a tariff this device does not use: the header is told.
    let info = invoke(&wv, "tariff_info", json!({})).expect("info");
    assert_eq!(info["active"]["bundle"]["newer_known"]["serial"], 2);

    // A fresh start reads the installed tariff (read only), still 80.00 offline.
    let again = bundled_state().with_installed_bundles(&data, &anchors(), chrono::Utc::now());
    assert_eq!(again.bundle_info("paijat-hame").map(|i| i.serial), Some(1));
    // Without the organisation's anchor the compiled-in tariff stays.
    let none = bundled_state().with_installed_bundles(&data, &Anchors::default(), chrono::Utc::now());
    assert!(none.bundle_info("paijat-hame").is_none());
}

/// A missing root CA file is a client configuration error; the tariff stays.
#[test]
fn missing_root_ca_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let state = bundled_state();
    let updater = Updater::new(Some(tmp.path().to_path_buf()), anchors());
    let s = Settings {
        update_url: Some("https://intranet.example/tariffs/".into()),
        root_ca_path: Some(tmp.path().join("missing.pem").display().to_string()),
        ..Settings::default()
    };
    let (_, status, changed) = updater.check_blocking(&state, &s, chrono::Utc::now()).expect("on");
    assert_eq!((status.code(), changed), ("client_config_error", false));
}

/// No anchor for the organisation: updates say so (`no_trust_anchor`); the tariff stays.
#[test]
fn no_trust_anchor_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let state = bundled_state();
    let updater = Updater::new(Some(tmp.path().to_path_buf()), Anchors::default());
    let (_, status, changed) =
        updater.check_blocking(&state, &settings("https://intranet.example/t/"), chrono::Utc::now()).expect("on");
    assert_eq!((status.code(), changed), ("no_trust_anchor", false));
}

/// Release builds ignore the debug-only trust-roots variable.
#[test]
fn dev_trust_roots_only_in_debug_builds() {
    std::env::set_var(kustannusarvio_app::updater::DEV_TRUST_ROOTS_ENV, root().join("tests/fixtures/bundle/tuf"));
    let anchors = Anchors::app();
    assert_eq!(anchors.get("paijat-hame").is_some(), cfg!(debug_assertions));
}
