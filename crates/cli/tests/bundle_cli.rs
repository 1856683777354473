//! The publishing commands end to end through the binary: keygen, build, sign, publish, diff,
//! and `update` against the published directory served on loopback.

#[path = "../../bundle/tests/bundle_support/mod.rs"]
mod bundle_support;
use bundle_support::*;
use std::path::Path;
use std::process::{Command, Output};

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kustannusarvio")).args(args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn p(x: &Path) -> &str {
    x.to_str().unwrap()
}

/// Copies tariffs/national and tariffs/paijat-hame under `root`; returns the organisation's
/// directory (`root/paijat-hame`).
fn copy_tariff(root: &Path) -> std::path::PathBuf {
    for layer in ["national", "paijat-hame"] {
        let to = root.join(layer);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(tariff_dir().parent().unwrap().join(layer)).unwrap() {
            let e = e.unwrap().path();
            if e.extension().is_some_and(|x| x == "toml") {
                std::fs::copy(&e, to.join(e.file_name().unwrap())).unwrap();
            }
        }
    }
    root.join("paijat-hame")
}

#[test]
fn keygen_build_sign_verify() {
    let t = tempfile::tempdir().unwrap();
    let keys = t.path().join("keys");
    let out = ok(&bin(&["tariffs", "keygen", "--out", p(&keys), "--name", "author", "--label", "controller"]));
    assert!(out.contains("key id"));
    ok(&bin(&["tariffs", "keygen", "--out", p(&keys), "--name", "reviewer"]));
    // Never overwrites a key.
    assert!(!bin(&["tariffs", "keygen", "--out", p(&keys), "--name", "author"]).status.success());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(keys.join("author.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "secret key readable by others");
    }
    let outdir = t.path().join("out");
    let out = ok(&bin(&[
        "tariffs",
        "build",
        p(&tariff_dir()),
        "--serial",
        "3",
        "--channel",
        "stable",
        "--expires",
        "90",
        "--out",
        p(&outdir),
    ]));
    assert!(out.contains("serial 3"), "{out}");
    assert!(outdir.join("bundle-3.json").is_file() && !outdir.join("manifest.sig").exists());
    ok(&bin(&["tariffs", "sign", p(&outdir), "--key", p(&keys.join("author.key"))]));
    // The reviewer checks before signing: one signature is not enough for threshold 2.
    let o = bin(&["tariffs", "verify", p(&outdir), "--trusted-keys", p(&keys), "--threshold", "2"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("rejected_below_threshold"));
    ok(&bin(&["tariffs", "sign", p(&outdir), "--key", p(&keys.join("reviewer.key"))]));
    ok(&bin(&["tariffs", "sign", p(&outdir), "--key", p(&keys.join("reviewer.key"))])); // idempotent
    let out = ok(&bin(&["tariffs", "verify", p(&outdir), "--trusted-keys", p(&keys), "--threshold", "2"]));
    assert!(out.starts_with("ok: paijat-hame") && out.contains("serial 3"), "{out}");
    let trust = kustannusarvio_bundle::Trust::from_dir(&keys)
        .map(|mut t| {
            t.threshold = 2;
            t
        })
        .unwrap();
    let r = |f: &str| std::fs::read(outdir.join(f)).unwrap();
    let (tariff, v) = kustannusarvio_bundle::embedded::verify(
        &r("manifest.json"),
        &r("manifest.sig"),
        &r("bundle-3.json"),
        &trust,
        Some(ORG),
        "stable",
        now(),
    )
    .unwrap();
    assert_eq!(tariff.organisation.id, ORG);
    assert_eq!(v.signed_by.len(), 2);
    assert!(v.manifest.expires_at > now() + days(89));
    // An invalid tariff is not built.
    let bad = copy_tariff(&t.path().join("bad"));
    std::fs::write(bad.join("zz.toml"), "[organisation]\nid = \"x\"\n").unwrap();
    let o = bin(&["tariffs", "build", p(&bad), "--serial", "4", "--out", p(&t.path().join("out2"))]);
    assert!(!o.status.success());
}

#[test]
fn diff_shows_what_changes_for_whom() {
    let t = tempfile::tempdir().unwrap();
    let new = copy_tariff(&t.path().join("new"));
    let hc = t.path().join("new/national/home_care.toml");
    let text = std::fs::read_to_string(&hc).unwrap();
    std::fs::write(&hc, text.replacen("\"1290\"", "\"1300\"", 1)).unwrap();
    let out = ok(&bin(&["tariffs", "diff", p(&tariff_dir()), p(&new)]));
    assert!(out.contains("home_care.income_limit 2 persons: 1290 → 1300 €/month from 2026-01-01"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    // A new period is compared with the value in force before it; band tables by family size.
    let text = std::fs::read_to_string(&hc).unwrap().replacen("to = \"2027-12-31\"", "to = \"2026-12-31\"", 1)
        .replacen("percent = [\"10\", \"8.75\"", "percent = [\"10\", \"9\"", 1)
        + "\n[[home_care.income_limit.values]]\nfrom = \"2027-01-01\"\nvalue = { by_persons = [\"720\", \"1330\"], each_additional = \"430\" }\nsource = \"test\"\nverified = false\n";
    std::fs::write(&hc, text).unwrap();
    let out = ok(&bin(&["tariffs", "diff", p(&tariff_dir()), p(&new)]));
    for line in [
        "home_care.income_limit: value from 2026-01-01 now ends 2026-12-31 (was 2027-12-31)",
        "home_care.income_limit 2 persons: 1300 → 1330 €/month from 2027-01-01",
        "home_care.income_limit 3 persons: 2025 → — €/month from 2027-01-01",
        "home_care.percentages from 5 h/month 2 persons: 8.75 → 9 percent from 2021-07-01",
    ] {
        assert!(out.lines().any(|l| l == line), "missing `{line}` in\n{out}");
    }
    let same = ok(&bin(&["tariffs", "diff", p(&tariff_dir()), p(&tariff_dir())]));
    assert_eq!(same.trim(), "no differences");
}

#[cfg(feature = "update")]
#[test]
fn publish_then_update_from_the_web_root() {
    let t = tempfile::tempdir().unwrap();
    let www = t.path().join("www");
    let k = root().join("tests/fixtures/bundle/keys");
    let (a, r) = (k.join("test-author.key"), k.join("test-reviewer.key"));
    let out = ok(&bin(&["tariffs", "publish", p(&tariff_dir()), "--key", p(&a), "--key", p(&r), "--out", p(&www)]));
    assert!(out.contains("serial 1"), "{out}");
    // Serve the web root's files.
    let server = Server::start();
    let serve_dir = |server: &Server| {
        for e in std::fs::read_dir(&www).unwrap() {
            let e = e.unwrap().path();
            server.set(e.file_name().unwrap().to_str().unwrap(), Reply::Ok(std::fs::read(&e).unwrap()));
        }
    };
    serve_dir(&server);
    let trust = t.path().join("trust");
    std::fs::create_dir_all(&trust).unwrap();
    for n in ["author", "reviewer"] {
        std::fs::copy(k.join(format!("test-{n}.pub")), trust.join(format!("{n}.pub"))).unwrap();
    }
    let state = t.path().join("state");
    let update = || {
        bin(&[
            "update",
            "--from",
            &server.url(),
            "--state-dir",
            p(&state),
            "--trusted-keys",
            p(&trust),
            "--threshold",
            "2",
            "--organisation",
            ORG,
        ])
    };
    let v: serde_json::Value = serde_json::from_str(&ok(&update())).unwrap();
    assert_eq!(v["status"]["code"], "updated");
    assert_eq!(v["active"]["serial"], 1);
    // Second publish: serial 2 automatically, with the diff to what is published.
    let new = copy_tariff(&t.path().join("new"));
    let hc = t.path().join("new/national/home_care.toml");
    std::fs::write(&hc, std::fs::read_to_string(&hc).unwrap().replacen("\"1290\"", "\"1300\"", 1)).unwrap();
    let out = ok(&bin(&["tariffs", "publish", p(&new), "--key", p(&a), "--key", p(&r), "--out", p(&www)]));
    assert!(out.contains("serial 2") && out.contains("1290 → 1300"), "{out}");
    // Republishing an older serial is refused by the publisher.
    assert!(!bin(&["tariffs", "publish", p(&new), "--key", p(&a), "--out", p(&www), "--serial", "1"]).status.success());
    serve_dir(&server);
    let v: serde_json::Value = serde_json::from_str(&ok(&update())).unwrap();
    assert_eq!(v["status"]["code"], "updated");
    assert_eq!(v["status"]["previous_serial"], 1);
    let v: serde_json::Value = serde_json::from_str(&ok(&update())).unwrap();
    assert_eq!(v["status"]["code"], "up_to_date");
    // With only the compiled-in keys (none for tests) the update is refused, exit code 3.
    let o = bin(&["update", "--from", &server.url(), "--state-dir", p(&t.path().join("s2"))]);
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["status"]["code"], "rejected_unknown_key");
    assert!(v["active"].is_null());
}
