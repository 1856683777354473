//! Every TUF attack class against a real HTTP server on loopback, and the update client's
//! faults: each is refused with its own status, and the last good tariff stays in force and
//! computes the known fee.
#![cfg(feature = "update")]

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::client::check_for_update;
use kustannusarvio_bundle::publish::{self, PublishOptions, RootChange};
use kustannusarvio_bundle::{Store, UpdateStatus};
use std::time::Instant;

/// A repository with publication 1, served; a device with it installed.
fn installed() -> (Repo, Server, tempfile::TempDir, Store) {
    let repo = Repo::published();
    let server = Server::start();
    server.serve_dir(repo.path());
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path(), &repo);
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::Updated { previous_serial: None, serial: 1 });
    assert_active(&st, 1);
    (repo, server, tmp, st)
}

/// Runs one check, asserts its code, that serial `serial` is still active and computes, and
/// that the state file records the failure.
fn expect(server: &Server, st: &Store, code: &str, serial: u64) -> UpdateStatus {
    let s = check_for_update(st, &client(&server.url()), now());
    assert_eq!(s.code(), code, "status: {s:?}");
    assert!(!s.is_ok());
    assert_active(st, serial);
    let info = st.load(now()).unwrap().info;
    assert_eq!(info.last_status.as_deref(), Some(code));
    s
}

#[test]
fn install_then_up_to_date_then_newer() {
    let (repo, server, _tmp, st) = installed();
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::UpToDate { serial: 1 });
    let sha = &repo.publish().sha256; // the same tariff again: version 2, same bundle
    assert_eq!(server.hits(&format!("targets/{sha}.tariff.json")), 1, "not downloaded again");
    assert_eq!(check_for_update(&st, &client(&server.url()), now()), UpdateStatus::UpToDate { serial: 2 });
    // A changed tariff
    let dir = tempfile::tempdir().unwrap();
    let changed = changed_tariff(dir.path());
    repo.publish_dir(&changed);
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::Updated { previous_serial: Some(1), serial: 3 });
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.serial, 3);
    assert_eq!(l.info.signed_by.len(), 2, "targets: 2 of 2");
    assert!(!l.info.expired && !l.info.check_stale && l.info.newer_known.is_none());
    assert_eq!(l.info.newest_value_from.map(|d| d.to_string()).as_deref(), Some("2026-01-01"));
    // (1200 − 700) × 16 % with the changed income limit
    let json = r#"{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1200"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}"#;
    let e = kustannusarvio_engine::estimate_json(&l.tariff, json).unwrap();
    assert_eq!(e.lines[0].client_fee_monthly.to_string(), "80.00");
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!((j["code"].as_str(), j["serial"].as_u64()), (Some("updated"), Some(3)));
}

// --- arbitrary installation ------------------------------------------------------------------

#[test]
fn arbitrary_installation_tampered_bundle() {
    let (repo, server, _t, st) = installed();
    let p = repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    let path = repo.path().join("targets").join(format!("{}.tariff.json", p.sha256));
    let mut b = std::fs::read(&path).unwrap();
    let i = b.len() / 2;
    b[i] ^= 1;
    std::fs::write(&path, b).unwrap();
    expect(&server, &st, "rejected_hash_mismatch", 1);
}

#[test]
fn arbitrary_installation_attackers_own_keys() {
    let (repo, server, _t, st) = installed();
    // The attacker signs targets, snapshot and timestamp with keys of its own.
    let attacker = Keys::new("attacker");
    let r = publish::publish_built(repo.path(), built(), &attacker.online(), &PublishOptions::new(now()));
    assert!(r.is_err(), "the publisher refuses keys the root does not name");
    // …so it writes the metadata by hand: re-sign the current files' content with its keys.
    let evil = Repo::new("attacker");
    evil.publish();
    for f in ["timestamp.json", "1.snapshot.json", "1.targets.json"] {
        std::fs::copy(evil.file(f), repo.file(&f.replace("1.", "2."))).unwrap();
    }
    std::fs::copy(evil.file("timestamp.json"), repo.file("timestamp.json")).unwrap();
    let s = expect(&server, &st, "rejected_signature", 1);
    assert_eq!(serde_json::to_value(&s).unwrap()["role"], "timestamp");
}

#[test]
fn key_compromise_below_threshold() {
    let (repo, server, _t, st) = installed();
    // One of the two targets keys is stolen: targets signed by it alone (plus the online
    // snapshot and timestamp keys) is refused.
    let ks = repo.keys.online();
    let one = vec![ks[0].clone(), ks[2].clone(), ks[3].clone()];
    let r = publish::publish_built(repo.path(), built(), &one, &PublishOptions::new(now()));
    assert!(r.is_err(), "the editor does not sign below the threshold");
    // Craft it: sign with both, then drop the second signature from the targets metadata and
    // re-sign snapshot and timestamp over it.
    let p = repo.publish();
    let tv = p.targets_version;
    let path = repo.file(&format!("{tv}.targets.json"));
    let mut t: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    t["signatures"].as_array_mut().unwrap().truncate(1);
    std::fs::write(&path, serde_json::to_vec_pretty(&t).unwrap()).unwrap();
    resign_snapshot_and_timestamp(&repo, tv);
    let s = expect(&server, &st, "rejected_signature", 1);
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!((j["role"].as_str(), j["valid"].as_u64(), j["required"].as_u64()), (Some("targets"), Some(1), Some(2)));
}

/// Rewrites `N.snapshot.json` and `timestamp.json` (new versions) over the current targets
/// file with the real snapshot and timestamp keys: only the targets metadata is then wrong.
fn resign_snapshot_and_timestamp(repo: &Repo, tv: u64) {
    use tough::schema::{Hashes, Metafile, Signed, Snapshot};
    let targets = std::fs::read(repo.file(&format!("{tv}.targets.json"))).unwrap();
    let sv = tv; // publications advance all versions together here
    let mut snap: Signed<Snapshot> =
        serde_json::from_slice(&std::fs::read(repo.file(&format!("{sv}.snapshot.json"))).unwrap()).unwrap();
    use sha2::Digest;
    snap.signed.meta.insert(
        "targets.json".into(),
        Metafile {
            length: Some(targets.len() as u64),
            hashes: Some(Hashes { sha256: sha2::Sha256::digest(&targets).to_vec().into(), _extra: Default::default() }),
            version: std::num::NonZeroU64::new(tv).unwrap(),
            _extra: Default::default(),
        },
    );
    let (_, _, root) = publish::latest_root(repo.path()).unwrap();
    let signed = publish::sign_role(snap.signed, &root.signed, &[repo.keys.k("snapshot")]).unwrap();
    std::fs::write(repo.file(&format!("{sv}.snapshot.json")), &signed).unwrap();
    publish::refresh(repo.path(), &[repo.keys.k("timestamp")], now(), 30).unwrap();
}

// --- endless data ----------------------------------------------------------------------------

#[test]
fn endless_data() {
    let (repo, server, _t, st) = installed();
    server.set("metadata/timestamp.json", Reply::Stream { total: 50 * 1024 * 1024 });
    let s = expect(&server, &st, "rejected_too_large", 1);
    assert_eq!(serde_json::to_value(&s).unwrap()["limit"], kustannusarvio_bundle::MAX_TIMESTAMP_BYTES);
    server.clear();
    // A bundle longer than its signed length is read only up to that length.
    let p = repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    let path = repo.path().join("targets").join(format!("{}.tariff.json", p.sha256));
    let mut b = std::fs::read(&path).unwrap();
    b.extend(std::iter::repeat_n(b' ', 1 << 20));
    std::fs::write(&path, b).unwrap();
    expect(&server, &st, "rejected_hash_mismatch", 1);
}

// --- rollback, fast-forward, freeze, mix-and-match -------------------------------------------

#[test]
fn rollback() {
    let (repo, server, _t, st) = installed();
    let old = repo.snapshot_metadata(); // publication 1
    repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    assert_eq!(check_for_update(&st, &client(&server.url()), now()).code(), "updated");
    // The mirror replays publication 1 (validly signed, older).
    for f in ["2.targets.json", "2.snapshot.json"] {
        std::fs::remove_file(repo.file(f)).unwrap();
    }
    repo.restore_metadata(&old);
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s.code(), "rejected_rollback");
    let l = st.load(now()).unwrap();
    assert_eq!((l.info.serial, l.info.last_status.as_deref()), (2, Some("rejected_rollback")));
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!(
        (j["role"].as_str(), j["trusted"].as_u64(), j["offered"].as_u64()),
        (Some("timestamp"), Some(2), Some(1))
    );
}

#[test]
fn indefinite_freeze() {
    let (repo, server, _t, st) = installed();
    // The mirror keeps serving a validly signed timestamp that has expired.
    let opt = PublishOptions { timestamp_days: 1, ..PublishOptions::new(now() - days(10)) };
    repo.publish_with(&repo.keys.online(), opt);
    let s = expect(&server, &st, "rejected_expired", 1);
    assert_eq!(serde_json::to_value(&s).unwrap()["role"], "timestamp");
    // The installed tariff itself keeps working offline long after its own expiry.
    let later = st.load(now() + days(3 * 365)).unwrap();
    assert!(later.info.expired);
    assert!(later.info.check_stale);
    assert_fee(&later.tariff);
}

/// The timestamp served with its `_type` changed and its signature left as it was: `tough` would
/// accept it (it checks the signature over its own re-serialisation); the device refuses it.
#[test]
fn a_metadata_file_of_the_wrong_type() {
    let (repo, server, _t, st) = installed();
    repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    let path = repo.file("timestamp.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replacen("\"_type\": \"timestamp\"", "\"_type\": \"uimestamp\"", 1);
    assert_ne!(changed, text);
    std::fs::write(&path, changed).unwrap();
    let s = expect(&server, &st, "rejected_malformed", 1);
    let j = serde_json::to_value(&s).unwrap();
    assert!(j["message"].as_str().unwrap_or_default().contains("`_type` is `uimestamp`"), "{j}");
}

#[test]
fn mix_and_match() {
    let (repo, server, _t, st) = installed();
    repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    // Targets of publication 1 under the snapshot of publication 2.
    std::fs::copy(repo.file("1.targets.json"), repo.file("2.targets.json")).unwrap();
    let s = expect(&server, &st, "rejected_mix_and_match", 1);
    assert_eq!(serde_json::to_value(&s).unwrap()["role"], "targets");
    // Snapshot 1 under timestamp 2.
    repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    std::fs::copy(repo.file("1.snapshot.json"), repo.file("3.snapshot.json")).unwrap();
    let s = expect(&server, &st, "rejected_mix_and_match", 1);
    assert_eq!(serde_json::to_value(&s).unwrap()["role"], "snapshot");
}

#[test]
fn fast_forward_and_recovery() {
    let (repo, server, _t, st) = installed();
    // Without the keys, a version of 2^64 − 1 is just an unsigned claim.
    let mut ts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.file("timestamp.json")).unwrap()).unwrap();
    ts["signed"]["version"] = serde_json::json!(u64::MAX);
    let saved = std::fs::read(repo.file("timestamp.json")).unwrap();
    std::fs::write(repo.file("timestamp.json"), serde_json::to_vec(&ts).unwrap()).unwrap();
    expect(&server, &st, "rejected_signature", 1);
    std::fs::write(repo.file("timestamp.json"), saved).unwrap();
    // With the stolen online keys (targets, snapshot, timestamp), the attacker publishes
    // version 2^64 − 1 of each: TUF cannot tell it from the organisation, the device trusts it
    // (the tariff is the same, so it stays in use).
    let evil = tempfile::tempdir().unwrap();
    copy_dir(repo.path(), evil.path());
    forge_max_versions(evil.path(), &repo);
    server.serve_dir(evil.path());
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s, UpdateStatus::UpToDate { serial: u64::MAX });
    // An ordinary publication of the organisation is now a "rollback" to the device…
    repo.publish_dir(&changed_tariff(tempfile::tempdir().unwrap().path()));
    server.serve_dir(repo.path());
    expect(&server, &st, "rejected_rollback", 1);
    // The organisation recovers: a new root (signed offline by the root keys) replaces the
    // online keys; it publishes again with ordinary versions. The device is not locked out.
    let k2 = Keys::new("org-2");
    let p = |r: &str| k2.k(r).public();
    let change = RootChange {
        targets: Some((vec![p("targets1"), p("targets2")], 2)),
        snapshot: Some((vec![p("snapshot")], 1)),
        timestamp: Some((vec![p("timestamp")], 1)),
        expires_days: 730,
        consistent_snapshot: true,
        ..Default::default()
    };
    publish::write_root(repo.path(), &change, &repo.keys.root_signers(), now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let changed = changed_tariff(dir.path());
    publish::publish(&changed, repo.path(), &k2.online(), &PublishOptions::new(now())).unwrap();
    server.serve_dir(repo.path());
    let s = check_for_update(&st, &client(&server.url()), now());
    assert_eq!(s.code(), "updated", "{s:?}");
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.serial, 3);
    // and the compromised keys are revoked: metadata they sign is refused from now on
    server.serve_dir(evil.path());
    assert!(!check_for_update(&st, &client(&server.url()), now()).is_ok());
    assert_eq!(st.load(now()).unwrap().info.serial, 3);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for sub in ["metadata", "targets"] {
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in std::fs::read_dir(from.join(sub)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// Publishes into `dir` with targets, snapshot and timestamp versions 2^64 − 1, signed with
/// the organisation's real online keys (a compromise of all of them).
fn forge_max_versions(dir: &std::path::Path, repo: &Repo) {
    use tough::schema::{Signed, Snapshot, Targets, Timestamp};
    let m = |n: &str| dir.join("metadata").join(n);
    let (_, _, root) = publish::latest_root(dir).unwrap();
    let max = std::num::NonZeroU64::new(u64::MAX).unwrap();
    let mut t: Signed<Targets> = serde_json::from_slice(&std::fs::read(m("1.targets.json")).unwrap()).unwrap();
    t.signed.version = max;
    let tb = publish::sign_role(t.signed, &root.signed, &[repo.keys.k("targets1"), repo.keys.k("targets2")]).unwrap();
    std::fs::write(m(&format!("{}.targets.json", u64::MAX)), &tb).unwrap();
    let mut s: Signed<Snapshot> = serde_json::from_slice(&std::fs::read(m("1.snapshot.json")).unwrap()).unwrap();
    s.signed.version = max;
    let meta = s.signed.meta.get_mut("targets.json").unwrap();
    meta.version = max;
    meta.length = Some(tb.len() as u64);
    use sha2::Digest;
    meta.hashes =
        Some(tough::schema::Hashes { sha256: sha2::Sha256::digest(&tb).to_vec().into(), _extra: Default::default() });
    let sb = publish::sign_role(s.signed, &root.signed, &[repo.keys.k("snapshot")]).unwrap();
    std::fs::write(m(&format!("{}.snapshot.json", u64::MAX)), &sb).unwrap();
    let mut ts: Signed<Timestamp> = serde_json::from_slice(&std::fs::read(m("timestamp.json")).unwrap()).unwrap();
    ts.signed.version = max;
    let meta = ts.signed.meta.get_mut("snapshot.json").unwrap();
    meta.version = max;
    meta.length = Some(sb.len() as u64);
    meta.hashes =
        Some(tough::schema::Hashes { sha256: sha2::Sha256::digest(&sb).to_vec().into(), _extra: Default::default() });
    let tsb = publish::sign_role(ts.signed, &root.signed, &[repo.keys.k("timestamp")]).unwrap();
    std::fs::write(m("timestamp.json"), &tsb).unwrap();
}

// --- slow retrieval and other network faults -------------------------------------------------

#[test]
fn slow_retrieval_trickle_releases_the_lock() {
    let (repo, server, _t, st) = installed();
    let ts = std::fs::read(repo.file("timestamp.json")).unwrap();
    // one byte every 0.4 s (the attack review's trickle)
    server.set("metadata/timestamp.json", Reply::Trickle { body: ts, interval_ms: 400 });
    let start = Instant::now();
    expect(&server, &st, "slow_server", 1);
    let took = start.elapsed();
    assert!(took < std::time::Duration::from_secs(4), "held for {took:?}");
    // the lock is free at once: another check runs (and meets the same trickle)
    let lock = st.lock(std::time::Duration::ZERO);
    assert!(lock.is_ok(), "the update lock is released");
}

#[test]
fn stall_and_silence_end_by_the_deadline() {
    let (repo, server, _t, st) = installed();
    let ts = std::fs::read(repo.file("timestamp.json")).unwrap();
    server
        .set("metadata/timestamp.json", Reply::Stall { declared: ts.len(), body_prefix: ts[..10].to_vec(), secs: 30 });
    expect(&server, &st, "slow_server", 1);
    server.set("metadata/timestamp.json", Reply::Silent { secs: 30 });
    let start = Instant::now();
    expect(&server, &st, "timeout", 1);
    assert!(start.elapsed() < std::time::Duration::from_secs(7), "the whole check ends by its deadline");
}

#[test]
fn server_faults_have_distinct_statuses() {
    let (_repo, server, _t, st) = installed();
    server.set("metadata/timestamp.json", Reply::Status(500));
    let before = server.hits("metadata/timestamp.json");
    expect(&server, &st, "http_error", 1);
    assert_eq!(server.hits("metadata/timestamp.json") - before, 2, "one retry for a 5xx");
    server.set("metadata/timestamp.json", Reply::Status(404));
    expect(&server, &st, "http_error", 1);
    server.set("metadata/timestamp.json", Reply::Redirect("http://localhost:9/metadata/timestamp.json".into()));
    let s = expect(&server, &st, "redirect_other_host", 1);
    assert!(s.to_string().contains("localhost:9"));
    // nothing listens on a port whose listener was closed
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://127.0.0.1:{}/", l.local_addr().unwrap().port());
    drop(l);
    let s = check_for_update(&st, &client(&dead), now());
    assert_eq!(s.code(), "server_unreachable", "{s:?}");
    assert_active(&st, 1);
    let s = check_for_update(&st, &client("http://intranet.example/tariffs/"), now());
    assert_eq!(s.code(), "insecure_url");
}

// --- wrong organisation ----------------------------------------------------------------------

#[test]
fn wrong_organisation() {
    let (repo, server, _t, st) = installed();
    // Another HVA's repository (its own root and keys) at the configured URL.
    let other = Repo::new("helsinki");
    other.publish_dir(&root().join("tariffs/helsinki"));
    server.serve_dir(other.path());
    expect(&server, &st, "rejected_signature", 1);
    // The right keys, but another organisation's tariff (a publishing mistake).
    server.serve_dir(repo.path());
    repo.publish_dir(&root().join("tariffs/helsinki"));
    let s = expect(&server, &st, "rejected_wrong_organisation", 1);
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!((j["expected"].as_str(), j["found"].as_str()), (Some(ORG), Some("helsinki")));
}

// --- concurrency -----------------------------------------------------------------------------

#[test]
fn concurrent_checks_100_rounds_lose_no_update() {
    let (repo, server, tmp, st) = installed();
    let dir = tempfile::tempdir().unwrap();
    let changed = publish::build(&changed_tariff(dir.path()), now(), None).unwrap();
    let original = built();
    let mut expected_serial = 1;
    for round in 0..100u32 {
        if round % 10 == 9 {
            // a new publication, alternating the two tariffs
            let mut b = if round % 20 == 9 { changed.clone() } else { original.clone() };
            b.info.published = now();
            expected_serial = publish::publish_built(repo.path(), b, &repo.keys.online(), &PublishOptions::new(now()))
                .unwrap()
                .targets_version;
        }
        let statuses: Vec<UpdateStatus> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..3)
                .map(|_| {
                    let st = st.clone();
                    let url = server.url();
                    s.spawn(move || check_for_update(&st, &client(&url), now()))
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for s in &statuses {
            assert!(s.is_ok(), "round {round}: {s:?}");
        }
        let updated = statuses.iter().filter(|s| s.code() == "updated").count();
        assert!(updated <= 1, "round {round}: one install per publication: {statuses:?}");
        let l = st.load(now()).unwrap();
        assert!(l.info.serial <= expected_serial);
        assert_fee_or_changed(&l.tariff);
        // the state file is always whole, and only one is left
        let state: serde_json::Value =
            serde_json::from_slice(&std::fs::read(only_copy(tmp.path(), "state.json")).unwrap()).unwrap();
        assert!(state["last_status"].is_string());
    }
    // after the last round the newest publication's tariff is in force (no lost update)
    let l = st.load(now()).unwrap();
    let trusted: serde_json::Value =
        serde_json::from_slice(&std::fs::read(only_copy(&tmp.path().join("trusted"), "targets.json")).unwrap())
            .unwrap();
    assert_eq!(trusted["signed"]["version"].as_u64(), Some(expected_serial));
    assert!(l.info.newer_known.is_none(), "the published tariff is the one in use");
    assert!(slot_dirs(tmp.path()).len() <= 2, "old slots are collected");
    let _ = std::fs::read_dir(tmp.path().join("tmp")).map(|rd| assert_eq!(rd.count(), 0, "no staging left"));
}

fn assert_fee_or_changed(t: &kustannusarvio_engine::Tariff) {
    let json = r#"{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1200"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}"#;
    let e = kustannusarvio_engine::estimate_json(t, json).expect("computes");
    let fee = e.lines[0].client_fee_monthly.to_string();
    assert!(fee == KNOWN_FEE || fee == "80.00", "fee {fee}");
}
