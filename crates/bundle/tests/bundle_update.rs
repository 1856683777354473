//! The update protocol against a real HTTP server on loopback: every fault leaves the last good
//! tariff active and computing, with a clear status code.
#![cfg(feature = "update")]

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::client::check_for_update;
use kustannusarvio_bundle::{Store, UpdateStatus};

/// A store with serial 1 installed from `server`.
fn installed(server: &Server) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path());
    server.serve(&good(1));
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::Updated { previous_serial: None, serial: 1 });
    assert_active(&st, 1);
    (tmp, st)
}

/// Runs one check and asserts its code, that serial 1 is still active and that the state file
/// records the failure.
fn expect_rejected(server: &Server, st: &Store, code: &str) -> UpdateStatus {
    let s = check_for_update(st, &client(&server.url()), now());
    assert_eq!(s.code(), code, "status: {s:?}");
    assert!(!s.is_ok());
    assert_active(st, 1);
    let info = st.load(now()).unwrap().info;
    assert_eq!(info.last_status.as_deref(), Some(code));
    s
}

#[test]
fn install_then_up_to_date_then_newer() {
    let server = Server::start();
    let (_tmp, st) = installed(&server);
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::UpToDate { serial: 1 });
    let before = server.hits("bundle-1.json");
    assert_eq!(before, 1, "up to date: the bundle is not downloaded again");
    server.serve(&good(2));
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::Updated { previous_serial: Some(1), serial: 2 });
    assert_active(&st, 2);
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.source, kustannusarvio_bundle::ActiveSource::SlotB);
    assert_eq!(l.info.signed_by.len(), 2);
    assert!(!l.info.expired);
    assert_eq!(l.info.newest_value_from.map(|d| d.to_string()).as_deref(), Some("2026-01-01"));
    // The status serialises flat with a stable code.
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!(j["code"], "updated");
    assert_eq!(j["serial"], 2);
}

#[test]
fn unsigned() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    server.serve(&p);
    server.set("manifest.sig", Reply::Status(404));
    expect_rejected(&server, &st, "rejected_unsigned");
    server.set("manifest.sig", Reply::Ok(br#"{"signatures": []}"#.to_vec()));
    expect_rejected(&server, &st, "rejected_unsigned");
    server.set("manifest.sig", Reply::Ok(Vec::new()));
    expect_rejected(&server, &st, "rejected_unsigned");
}

#[test]
fn unknown_key() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = publish_with(&tariff_dir(), options(2), &[key("other")]);
    server.serve(&p);
    let s = expect_rejected(&server, &st, "rejected_unknown_key");
    assert_eq!(serde_json::to_value(&s).unwrap()["key_id"], key("other").public.key_id);
}

#[test]
fn below_threshold_one_of_two() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    server.serve(&publish_with(&tariff_dir(), options(2), &[key("author")]));
    expect_rejected(&server, &st, "rejected_below_threshold");
    // A trusted signer plus an unknown one still does not reach 2.
    server.serve(&publish_with(&tariff_dir(), options(2), &[key("author"), key("other")]));
    expect_rejected(&server, &st, "rejected_unknown_key");
}

#[test]
fn bad_signature() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    // The manifest is changed after signing (serial 2 → 9).
    let text = String::from_utf8(p.manifest.clone()).unwrap().replace("\"serial\": 2", "\"serial\": 9");
    server.serve(&Pub { manifest: text.into_bytes(), ..p.clone() });
    expect_rejected(&server, &st, "rejected_bad_signature");
    // A signature that is not even hex.
    server.serve(&p);
    let sig = String::from_utf8(p.sig.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&sig).unwrap();
    let first = v["signatures"][0]["signature"].as_str().unwrap().to_string();
    server.set("manifest.sig", Reply::Ok(sig.replace(&first, "zz").into_bytes()));
    expect_rejected(&server, &st, "rejected_bad_signature");
}

#[test]
fn tampered_bundle() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    let text = String::from_utf8(p.bundle.clone()).unwrap().replacen("1290", "9290", 1);
    assert_eq!(text.len(), p.bundle.len());
    server.serve(&Pub { bundle: text.into_bytes(), ..p });
    expect_rejected(&server, &st, "rejected_hash_mismatch");
}

#[test]
fn hash_mismatch_in_signed_manifest() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = edit_signed(&good(2), |m| m["files"][0]["sha256"] = "00".repeat(32).into());
    server.serve(&p);
    let s = expect_rejected(&server, &st, "rejected_hash_mismatch");
    assert_eq!(serde_json::to_value(&s).unwrap()["file"], "bundle-2.json");
}

#[test]
fn size_mismatch() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    let n = p.bundle.len() as u64;
    // The server sends more than the manifest declares: reading stops at the declared size.
    server.serve(&edit_signed(&p, |m| m["files"][0]["size"] = (n - 10).into()));
    expect_rejected(&server, &st, "rejected_size_mismatch");
    // Less than declared.
    server.serve(&edit_signed(&p, |m| m["files"][0]["size"] = (n + 10).into()));
    expect_rejected(&server, &st, "rejected_size_mismatch");
}

#[test]
fn truncated_download_is_retried_then_reported() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    server.serve(&p);
    server.set(
        &p.bundle_name,
        Reply::Truncated { declared: p.bundle.len(), body: p.bundle[..p.bundle.len() / 2].to_vec() },
    );
    expect_rejected(&server, &st, "download_incomplete");
    assert_eq!(server.hits(&p.bundle_name), 2, "one retry");
}

#[test]
fn oversized_responses() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    // Endless manifest without Content-Length: cut at 64 KiB.
    server.set("manifest.json", Reply::Stream { total: 2 * 1024 * 1024 });
    let s = expect_rejected(&server, &st, "rejected_too_large");
    assert_eq!(serde_json::to_value(&s).unwrap()["limit"], 65536);
    // Declared too large by Content-Length.
    server.set("manifest.json", Reply::Ok(vec![b' '; 70 * 1024]));
    expect_rejected(&server, &st, "rejected_too_large");
    // A signed manifest announcing a bundle larger than the client's cap: not downloaded.
    let p = good(2);
    server.serve(&p);
    let small = store(st.dir()).with_max_bundle_bytes(1000);
    let s = check_for_update(&small, &client(&server.url()), now());
    assert_eq!(s.code(), "rejected_too_large");
    assert_eq!(server.hits(&p.bundle_name), 0);
    assert_active(&st, 1);
}

#[test]
fn rollback_to_older_serial() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    server.serve(&good(3));
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "updated");
    server.serve(&good(2));
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(
        s,
        UpdateStatus::Failed(kustannusarvio_bundle::BundleError::RejectedRollback { installed: 3, offered: 2 })
    );
    assert_active(&st, 3);
    // Even after serial 3's slot is lost, serial 2 stays a rollback (max serial seen).
    std::fs::remove_dir_all(st.dir().join("slots/b")).unwrap();
    assert_active(&st, 1);
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "rejected_rollback");
    server.serve(&good(3));
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "updated");
}

#[test]
fn expired_manifest() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = edit_signed(&good(2), |m| {
        m["created_at"] = (now() - days(40)).to_rfc3339().into();
        m["expires_at"] = (now() - days(1)).to_rfc3339().into();
    });
    server.serve(&p);
    expect_rejected(&server, &st, "rejected_expired");
}

#[test]
fn created_in_the_future() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = edit_signed(&good(2), |m| {
        m["created_at"] = (now() + days(10)).to_rfc3339().into();
        m["expires_at"] = (now() + days(40)).to_rfc3339().into();
    });
    server.serve(&p);
    expect_rejected(&server, &st, "rejected_not_yet_valid");
}

#[test]
fn malformed_json() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    // A validly signed manifest that is not JSON.
    server.serve(&resign(b"{\"format\": 1, oops".to_vec(), &p));
    expect_rejected(&server, &st, "rejected_malformed");
    // A signature file that is not JSON.
    server.serve(&p);
    server.set("manifest.sig", Reply::Ok(b"<html>proxy login</html>".to_vec()));
    expect_rejected(&server, &st, "rejected_malformed");
    // A bundle that is not JSON but matches its signed hash and size.
    let junk = b"{\"format\": 1, \"files\": [".to_vec();
    let q = edit_signed(&p, |m| {
        m["files"][0]["sha256"] = kustannusarvio_bundle::sha256_hex(&junk).into();
        m["files"][0]["size"] = junk.len().into();
    });
    server.serve(&Pub { bundle: junk, ..q });
    expect_rejected(&server, &st, "rejected_malformed");
    // Unknown fields and unsafe file names are malformed too.
    server.serve(&edit_signed(&p, |m| m["files"][0]["name"] = "../../etc/passwd".into()));
    expect_rejected(&server, &st, "rejected_malformed");
    server.serve(&edit_signed(&p, |m| m["surprise"] = true.into()));
    expect_rejected(&server, &st, "rejected_malformed");
}

#[test]
fn invalid_tariff_and_failing_self_check() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    let rebundle = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut b: serde_json::Value = serde_json::from_slice(&p.bundle).unwrap();
        f(&mut b);
        let bytes = serde_json::to_vec(&b).unwrap();
        let q = edit_signed(&p, |m| {
            m["files"][0]["sha256"] = kustannusarvio_bundle::sha256_hex(&bytes).into();
            m["files"][0]["size"] = bytes.len().into();
        });
        Pub { bundle: bytes, ..q }
    };
    server.serve(&rebundle(&|b| b["files"][0]["text"] = "[organisation\nbroken".into()));
    expect_rejected(&server, &st, "rejected_invalid_tariff");
    // The bundle carries the organisation's hand-worked cases; a tariff that fails one is refused.
    let b: serde_json::Value = serde_json::from_slice(&p.bundle).unwrap();
    assert!(b["cases"].as_array().unwrap().len() > 100, "Päijät-Häme's cases travel with its bundle");
    assert_eq!(b["base_layers"][0]["name"], "national");
    let wrong = r#"title = "8 h"
law = "asiakasmaksulaki 10 e §"
tariff = "paijat-hame"
worked = "(1200 − 699) × 16 % = 80.16, not 1.00"
[scenario]
date = "2026-03-01"
household = { persons = 1, client = { gross_income = "1200" } }
services = [ { service = "home_care", production = "own", hours_per_month = "8" } ]
[expected]
"lines.0.client_fee_monthly" = "1.00"
"#;
    server.serve(&rebundle(&|b| b["cases"][0]["text"] = wrong.into()));
    expect_rejected(&server, &st, "rejected_self_check");
    // A statutory value changed in the national layer is refused by the cases too.
    server.serve(&rebundle(&|b| {
        let t = b["base_layers"][0]["files"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|f| f["name"] == "home_care.toml")
            .unwrap();
        t["text"] = t["text"].as_str().unwrap().replace(r#"by_persons = ["699", "#, r#"by_persons = ["599", "#).into();
    }));
    expect_rejected(&server, &st, "rejected_self_check");
}

#[test]
fn wrong_channel_and_organisation() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    server.serve(&edit_signed(&good(2), |m| m["channel"] = "test".into()));
    expect_rejected(&server, &st, "rejected_wrong_channel");
    server.serve(&edit_signed(&good(2), |m| m["organisation"] = "helsinki".into()));
    expect_rejected(&server, &st, "rejected_wrong_organisation");
}

#[test]
fn server_down() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let s = check_for_update(&st, &client(&format!("http://127.0.0.1:{port}/")), now());
    assert_eq!(s.code(), "server_unreachable", "{s:?}");
    assert_active(&st, 1);
    assert_eq!(st.load(now()).unwrap().info.last_status.as_deref(), Some("server_unreachable"));
}

#[test]
fn http_404_and_500() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    server.set("manifest.json", Reply::Status(404));
    let s = expect_rejected(&server, &st, "http_error");
    assert_eq!(serde_json::to_value(&s).unwrap()["status"], 404);
    let before = server.hits("manifest.json");
    server.set("manifest.json", Reply::Status(500));
    let s = expect_rejected(&server, &st, "http_error");
    assert_eq!(serde_json::to_value(&s).unwrap()["status"], 500);
    assert_eq!(server.hits("manifest.json") - before, 2, "a 500 is retried once");
    let p = good(2);
    server.serve(&p);
    server.set(&p.bundle_name, Reply::Status(500));
    expect_rejected(&server, &st, "http_error");
}

#[test]
fn server_stalls_mid_body() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let p = good(2);
    server.serve(&p);
    server
        .set(&p.bundle_name, Reply::Stall { declared: p.bundle.len(), body_prefix: p.bundle[..100].to_vec(), secs: 4 });
    let mut c = client(&server.url());
    c.retries = 0;
    let t0 = std::time::Instant::now();
    let s = check_for_update(&st, &c, now());
    assert_eq!(s.code(), "timeout", "{s:?}");
    assert!(t0.elapsed() < std::time::Duration::from_secs(4));
    assert_active(&st, 1);
    // The manifest stalling is a timeout as well.
    server.set("manifest.json", Reply::Stall { declared: 500, body_prefix: b"{".to_vec(), secs: 4 });
    assert_eq!(check_for_update(&st, &c, now()).code(), "timeout");
    assert_active(&st, 1);
}

#[test]
fn https_required_except_loopback() {
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path());
    let s = check_for_update(&st, &client("http://tariffs.intranet.invalid/"), now());
    assert_eq!(s.code(), "insecure_url");
    let s = check_for_update(&st, &client("ftp://127.0.0.1/"), now());
    assert_eq!(s.code(), "insecure_url");
    assert!(kustannusarvio_bundle::client::check_url("http://localhost:8080/x/").is_ok());
    assert!(kustannusarvio_bundle::client::check_url("http://[::1]:8080/").is_ok());
    assert!(kustannusarvio_bundle::client::check_url("https://tariffs.example/").is_ok());
    assert_eq!(st.load(now()).unwrap_err().code(), "no_tariff");
}

#[test]
fn key_rotation_through_a_signed_manifest() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    // Before rotation, author + other does not satisfy 2 trusted signatures.
    server.serve(&publish_with(&tariff_dir(), options(2), &[key("author"), key("other")]));
    expect_rejected(&server, &st, "rejected_unknown_key");
    // Serial 2, signed by the current keys, announces `other` and retires `reviewer`.
    let mut o = options(2);
    o.new_keys = vec![key("other").public];
    o.retired_keys = vec![key("reviewer").public.key_id];
    server.serve(&publish_with(&tariff_dir(), o, &[key("author"), key("reviewer")]));
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "updated");
    // Now author + other is enough, and the retired reviewer key no longer counts.
    server.serve(&publish_with(&tariff_dir(), options(3), &[key("author"), key("reviewer")]));
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "rejected_unknown_key");
    server.serve(&publish_with(&tariff_dir(), options(3), &[key("author"), key("other")]));
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "updated");
    assert_active(&st, 3);
}

#[test]
fn unusable_root_ca_is_reported() {
    let server = Server::start();
    let (_t, st) = installed(&server);
    let mut c = client(&server.url());
    c.extra_root_ca_pem = Some(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n".to_vec());
    let s = check_for_update(&st, &c, now());
    assert_eq!(s.code(), "client_config_error", "{s:?}");
    assert_active(&st, 1);
    let mut c = client(&server.url());
    c.proxy = Some("::not a url::".into());
    assert_eq!(check_for_update(&st, &c, now()).code(), "client_config_error");
}
