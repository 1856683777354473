//! The administrator's path end to end through the binary, from an empty machine: keygen, the
//! root (key ceremony), publish, verify, diff, `update` against the repository served on
//! loopback, a key rotation, a revocation and the timestamp refresh.

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

fn fails(o: &Output) -> String {
    assert!(!o.status.success(), "expected a failure: {}", String::from_utf8_lossy(&o.stdout));
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn p(x: &Path) -> &str {
    x.to_str().unwrap()
}

fn update(url: &str, state: &Path, anchor: &Path) -> (serde_json::Value, i32) {
    let o = bin(&[
        "update",
        "--from",
        url,
        "--state-dir",
        p(state),
        "--organisation",
        ORG,
        "--root",
        p(anchor),
        "--retries",
        "0",
        "--timeout",
        "10",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)));
    (v, o.status.code().unwrap_or(-1))
}

#[test]
fn from_an_empty_machine_to_a_rotated_and_revoked_key_set() {
    let t = tempfile::tempdir().unwrap();
    let keys = t.path().join("keys");
    let repo = t.path().join("www");
    let k = |n: &str| keys.join(n);
    // 1. Keys, one per role holder.
    for n in ["root1", "root2", "targets1", "targets2", "snapshot", "timestamp"] {
        assert!(ok(&bin(&["tariffs", "keygen", "--out", p(&keys), "--name", n])).contains("key id"));
    }
    assert!(!bin(&["tariffs", "keygen", "--out", p(&keys), "--name", "root1"]).status.success(), "never overwrites");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(k("root1.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "secret key readable by others");
    }
    // 2. The key ceremony: root version 1, root 2 of 2, targets 2 of 2. One root key is not
    // enough to sign it.
    let root_args = |signers: &[&str]| {
        let mut a = vec![
            "tariffs".to_string(),
            "root".into(),
            "--repo".into(),
            p(&repo).into(),
            "--root-key".into(),
            p(&k("root1.pub")).into(),
            "--root-key".into(),
            p(&k("root2.pub")).into(),
            "--targets-key".into(),
            p(&k("targets1.pub")).into(),
            "--targets-key".into(),
            p(&k("targets2.pub")).into(),
            "--snapshot-key".into(),
            p(&k("snapshot.pub")).into(),
            "--timestamp-key".into(),
            p(&k("timestamp.pub")).into(),
        ];
        for s in signers {
            a.push("--key".into());
            a.push(p(&k(s)).into());
        }
        a
    };
    let run = |a: Vec<String>| bin(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(fails(&run(root_args(&["root1.key"]))).contains("not signed as required"));
    let out = ok(&run(root_args(&["root1.key", "root2.key"])));
    assert!(out.contains("root version 1") && out.contains("targets: 2 of"), "{out}");
    let anchor = repo.join("metadata/1.root.json");
    // 3. Publish (validate, build, cases, sign) and verify as a device would.
    let online = ["targets1.key", "targets2.key", "snapshot.key", "timestamp.key"];
    let publish = |dir: &Path, signers: &[&str]| {
        let mut a = vec!["tariffs".to_string(), "publish".into(), p(dir).into(), "--repo".into(), p(&repo).into()];
        for s in signers {
            a.push("--key".into());
            a.push(p(&k(s)).into());
        }
        run(a)
    };
    let out = ok(&publish(&tariff_dir(), &online));
    assert!(out.contains("targets version 1"), "{out}");
    let out = ok(&bin(&["tariffs", "verify", p(&repo), "--root", p(&anchor)]));
    assert!(out.starts_with("ok: paijat-hame") && out.contains("targets version 1"), "{out}");
    // A web server can read what was published.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(repo.join("metadata/timestamp.json")).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044);
    }
    // 4. A device installs it over HTTP(S).
    let server = Server::start();
    server.serve_dir(&repo);
    let state = t.path().join("state");
    let (v, code) = update(&server.url(), &state, &anchor);
    assert_eq!((v["status"]["code"].as_str(), code), (Some("updated"), 0), "{v}");
    assert_eq!(v["active"]["serial"], 1);
    // 5. What changes for whom, then publish the change.
    let src = tempfile::tempdir().unwrap();
    let changed = changed_tariff(src.path());
    let out = ok(&bin(&["tariffs", "diff", p(&repo), p(&changed)]));
    assert!(out.contains("699") && out.contains("700"), "{out}");
    let out = ok(&publish(&changed, &online));
    assert!(out.contains("changes:") && out.contains("targets version 2"), "{out}");
    let (v, _) = update(&server.url(), &state, &anchor);
    assert_eq!(v["status"]["code"], "updated");
    assert_eq!(v["active"]["serial"], 2);
    // 6. Rotation: targets2 leaves, targets3 joins (root version 2, signed offline by the
    // root keys). The old key can no longer publish; the devices follow without an app release.
    ok(&bin(&["tariffs", "keygen", "--out", p(&keys), "--name", "targets3"]));
    let out = ok(&bin(&[
        "tariffs",
        "root",
        "--repo",
        p(&repo),
        "--targets-key",
        p(&k("targets1.pub")),
        "--targets-key",
        p(&k("targets3.pub")),
        "--key",
        p(&k("root1.key")),
        "--key",
        p(&k("root2.key")),
    ]));
    assert!(out.contains("root version 2"), "{out}");
    let msg = fails(&publish(&tariff_dir(), &online));
    assert!(msg.contains("targets"), "the revoked key cannot sign: {msg}");
    ok(&publish(&tariff_dir(), &["targets1.key", "targets3.key", "snapshot.key", "timestamp.key"]));
    let (v, _) = update(&server.url(), &state, &anchor);
    assert_eq!(v["status"]["code"], "updated", "{v}");
    assert_eq!(v["active"]["serial"], 3);
    assert!(only_copy(&state.join("trusted"), "2.root.json").is_file());
    // 7. Revocation of a stolen timestamp key (root version 3): metadata it signs is refused.
    ok(&bin(&["tariffs", "keygen", "--out", p(&keys), "--name", "timestamp2"]));
    let saved_timestamp = std::fs::read(repo.join("metadata/timestamp.json")).unwrap();
    ok(&bin(&[
        "tariffs",
        "root",
        "--repo",
        p(&repo),
        "--timestamp-key",
        p(&k("timestamp2.pub")),
        "--key",
        p(&k("root1.key")),
        "--key",
        p(&k("root2.key")),
    ]));
    ok(&bin(&["tariffs", "refresh", "--repo", p(&repo), "--key", p(&k("timestamp2.key"))]));
    let (v, _) = update(&server.url(), &state, &anchor);
    assert_eq!(v["status"]["code"], "up_to_date", "{v}");
    // the thief serves a timestamp signed with the revoked key
    std::fs::write(repo.join("metadata/timestamp.json"), saved_timestamp).unwrap();
    let (v, code) = update(&server.url(), &state, &anchor);
    assert_eq!((v["status"]["code"].as_str(), code), (Some("rejected_signature"), 3), "{v}");
    assert_eq!(v["status"]["role"], "timestamp");
    assert_eq!(v["active"]["serial"], 3, "the last good tariff stays");
    assert!(
        fails(&bin(&["tariffs", "refresh", "--repo", p(&repo), "--key", p(&k("timestamp.key"))])).contains("revoked")
    );
    ok(&bin(&["tariffs", "refresh", "--repo", p(&repo), "--key", p(&k("timestamp2.key"))]));
    let out = ok(&bin(&["tariffs", "verify", p(&repo), "--root", p(&anchor)]));
    assert!(out.contains("root version 3"), "{out}");
}

#[test]
fn verify_and_update_report_clear_errors() {
    let t = tempfile::tempdir().unwrap();
    let repo = Repo::published();
    let anchor = t.path().join("anchor.json");
    std::fs::write(&anchor, repo.anchor()).unwrap();
    // Another organisation's anchor: the repository's signatures do not verify.
    let other = Repo::new("helsinki");
    let other_anchor = t.path().join("other.json");
    std::fs::write(&other_anchor, other.anchor()).unwrap();
    let msg = fails(&bin(&["tariffs", "verify", p(repo.path()), "--root", p(&other_anchor)]));
    assert!(msg.contains("rejected_signature"), "{msg}");
    // No compiled-in anchor for this organisation yet, and none given.
    let msg = fails(&bin(&["tariffs", "verify", p(repo.path()), "--organisation", ORG]));
    assert!(msg.contains("no trusted root metadata"), "{msg}");
    // An insecure URL.
    let o = bin(&[
        "update",
        "--from",
        "http://intranet.example/",
        "--state-dir",
        p(&t.path().join("s")),
        "--organisation",
        ORG,
        "--root",
        p(&anchor),
    ]);
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["status"]["code"], "insecure_url");
    assert!(v["active"].is_null());
}
