//! The device store under faults, without a network (updates from a repository directory, as
//! from a USB stick): a full disk while running on the fallback slot (injected and, as root, a
//! real small tmpfs), corrupt and truncated state, a corrupt active slot, leftovers of a killed
//! update, offline use after expiry. Each asserts the last good tariff stays in force and
//! computes the known fee.

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::store::UpdateOptions;
use kustannusarvio_bundle::{ActiveSource, Store, UpdateStatus};
use std::path::Path;

fn update(st: &Store, repo: &Repo) -> UpdateStatus {
    st.update_from_dir(repo.path(), now(), &UpdateOptions::default())
}

/// Serial 1 installed, then the changed tariff as serial 2; the newest slot (2) corrupted, so
/// the device runs on its fallback slot (1). Serial 3 (another tariff with the same known fee)
/// is published.
fn on_fallback(state: &Path) -> (Repo, tempfile::TempDir, Store) {
    let repo = Repo::published();
    let st = store(state, &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    let dir = tempfile::tempdir().unwrap();
    repo.publish_dir(&changed_tariff(dir.path()));
    assert_eq!(update(&st, &repo), UpdateStatus::Updated { previous_serial: Some(1), serial: 2 });
    let slots = slot_dirs(state);
    assert_eq!(slots.len(), 2);
    corrupt_slot(slots.last().unwrap());
    let l = st.load(now()).unwrap();
    assert_eq!((l.info.serial, l.info.source), (1, ActiveSource::Fallback));
    assert_eq!(l.info.recovered_from.as_ref().map(|e| e.code()), Some("rejected_hash_mismatch"));
    assert_fee(&l.tariff);
    repo.publish_dir(&variant_tariff(&dir.path().join("variant")));
    (repo, dir, st)
}

#[test]
fn update_on_a_full_disk_while_on_the_fallback_slot_injected() {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, _d, st) = on_fallback(tmp.path());
    let before = slot_dirs(tmp.path());
    // What the update writes: the trusted metadata, then the slot (the tariff and the same
    // metadata again). The disk fills up at points all along it; once the trusted metadata is
    // whole on disk (the third try) it is not written again, and the slot alone needs
    // `target + meta`.
    let size = |p: std::path::PathBuf| std::fs::metadata(p).unwrap().len() as i64;
    let meta =
        size(repo.file("timestamp.json")) + size(repo.file("3.snapshot.json")) + size(repo.file("3.targets.json"));
    let v3: serde_json::Value = serde_json::from_slice(&std::fs::read(repo.file("3.targets.json")).unwrap()).unwrap();
    let target = v3["signed"]["targets"]["tariff.json"]["length"].as_i64().unwrap();
    for budget in [0, meta / 2, meta + target / 2, target + meta / 2, target + meta - 1] {
        let full = st.clone().with_write_budget(budget);
        let s = update(&full, &repo);
        assert_eq!(s.code(), "disk_full", "budget {budget}: {s:?}");
        assert_active(&st, 1);
        assert_eq!(slot_dirs(tmp.path()), before, "no slot written or removed");
        assert!(st.load(now()).unwrap().info.source == ActiveSource::Fallback);
    }
    // Space again: the update completes into a new slot; the fallback is kept, the corrupt
    // slot collected.
    let s = update(&st, &repo);
    assert_eq!(s.code(), "updated", "{s:?}");
    assert_active(&st, 3);
    let after = slot_dirs(tmp.path());
    assert_eq!(after.len(), 2);
    assert!(after.contains(&before[0]), "the fallback slot is untouched");
}

/// A real full disk: a 2 MiB tmpfs (needs root, as in CI; skipped otherwise).
#[test]
fn update_on_a_full_disk_while_on_the_fallback_slot_tmpfs() {
    let mnt = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(mnt.path())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: cannot mount a tmpfs (not root?)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(mnt.path());
    let state = mnt.path().join("state");
    let (repo, _d, st) = on_fallback(&state);
    let before = slot_dirs(&state);
    // Fill the disk, leaving a few KiB: too little for the tariff (≈150 KB).
    let filler = mnt.path().join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
    let len = std::fs::metadata(&filler).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&filler).unwrap().set_len(len - 16 * 1024).unwrap();
    let s = update(&st, &repo);
    assert_eq!(s.code(), "disk_full", "{s:?}");
    assert_active(&st, 1);
    assert_eq!(slot_dirs(&state), before);
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(update(&st, &repo).code(), "updated");
    assert_active(&st, 3);
}

#[test]
fn corrupt_and_truncated_state_fails_closed() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::published();
    let st = store(tmp.path(), &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    let old = repo.snapshot_metadata(); // publication 1
    let dir = tempfile::tempdir().unwrap();
    repo.publish_dir(&changed_tariff(dir.path()));
    assert_eq!(update(&st, &repo).code(), "updated");
    // Truncate or garble every trusted file and state.json.
    let trusted = tmp.path().join("trusted");
    for (f, how) in [("timestamp.json", 0usize), ("snapshot.json", 7), ("targets.json", 3)] {
        let p = only_copy(&trusted, f);
        let b = std::fs::read(&p).unwrap();
        std::fs::write(&p, &b[..how.min(b.len())]).unwrap();
    }
    std::fs::write(only_copy(tmp.path(), "state.json"), b"{\"last_check\": \"20").unwrap();
    // The device still runs serial 2 …
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.serial, 2);
    assert_eq!(l.info.last_check, None, "an unreadable state is 'unknown', not an error");
    // … and a replay of publication 1 is still a rollback: the floor is rebuilt from the signed
    // copies in the slots, not forgotten.
    for f in ["2.targets.json", "2.snapshot.json"] {
        std::fs::remove_file(repo.file(f)).unwrap();
    }
    repo.restore_metadata(&old);
    let s = update(&st, &repo);
    assert_eq!(s.code(), "rejected_rollback", "{s:?}");
    assert_eq!(st.load(now()).unwrap().info.serial, 2);
}

#[test]
fn rotated_keys_survive_a_corrupt_trusted_root() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::published();
    let st = store(tmp.path(), &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    // Rotate the targets keys (root version 2) and publish with the new ones.
    let k2 = Keys::new("org-2");
    let p = |r: &str| k2.k(r).public();
    let change = kustannusarvio_bundle::publish::RootChange {
        targets: Some((vec![p("targets1"), p("targets2")], 2)),
        expires_days: 730,
        consistent_snapshot: true,
        ..Default::default()
    };
    kustannusarvio_bundle::publish::write_root(repo.path(), &change, &repo.keys.root_signers(), now()).unwrap();
    let online = vec![k2.k("targets1"), k2.k("targets2"), repo.keys.k("snapshot"), repo.keys.k("timestamp")];
    let dir = tempfile::tempdir().unwrap();
    let changed = kustannusarvio_bundle::publish::build(&changed_tariff(dir.path()), now(), None).unwrap();
    kustannusarvio_bundle::publish::publish_built(
        repo.path(),
        changed,
        &online,
        &kustannusarvio_bundle::publish::PublishOptions::new(now()),
    )
    .unwrap();
    assert_eq!(update(&st, &repo).code(), "updated");
    // The trusted copy of root 2 is truncated: the copy in the slot keeps the rotation.
    std::fs::write(only_copy(&tmp.path().join("trusted"), "2.root.json"), b"{").unwrap();
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.serial, 2);
    // The next publication (new keys) still installs: the device is not stuck.
    repo.publish_with(&online, kustannusarvio_bundle::publish::PublishOptions::new(now()));
    assert_eq!(update(&st, &repo).code(), "updated");
    assert_active(&st, 3);
    // A publication signed with the retired targets keys is refused.
    let old_keys = repo.keys.online();
    let r = kustannusarvio_bundle::publish::publish_built(
        repo.path(),
        built(),
        &old_keys,
        &kustannusarvio_bundle::publish::PublishOptions::new(now()),
    );
    assert!(r.is_err(), "the publisher refuses revoked keys");
}

/// Nothing in the state directory is replaced by a rename (on Windows a rename over a file that
/// another process holds open fails): a file that exists both before and after an update is the
/// same file (inode) with the same bytes. A superseded copy that could not be removed (open on
/// Windows) or that an older version wrote under the plain name is never preferred to the newer
/// one, and a later update removes it.
#[cfg(unix)]
#[test]
fn nothing_is_renamed_over_and_leftover_copies_do_not_win() {
    use std::os::unix::fs::MetadataExt;
    fn files(dir: &Path, out: &mut Vec<(std::path::PathBuf, u64, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                let ino = std::fs::metadata(&p).unwrap().ino();
                out.push((p.clone(), ino, std::fs::read(&p).unwrap()));
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let trusted = tmp.path().join("trusted");
    let repo = Repo::published();
    let st = store(tmp.path(), &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    let mut before = Vec::new();
    files(tmp.path(), &mut before);
    assert!(before.len() > 5);
    let old_targets = std::fs::read(only_copy(&trusted, "targets.json")).unwrap();
    let old_snapshot = std::fs::read(only_copy(&trusted, "snapshot.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    repo.publish_dir(&changed_tariff(dir.path()));
    assert_eq!(update(&st, &repo).code(), "updated");
    let mut replaced = 0;
    for (p, ino, bytes) in &before {
        if let Ok(m) = std::fs::metadata(p) {
            assert_eq!(m.ino(), *ino, "{} was replaced", p.display());
            assert_eq!(&std::fs::read(p).unwrap(), bytes, "{} was rewritten", p.display());
        } else {
            replaced += 1;
        }
    }
    assert_eq!(replaced, 4, "the superseded timestamp, snapshot, targets and state copies are removed");
    // Leftovers: publication 1's targets under the plain name an older version wrote, its
    // snapshot under a unique name, and an old state file.
    std::fs::write(trusted.join("targets.json"), &old_targets).unwrap();
    std::fs::write(trusted.join("0-left-open@snapshot.json"), &old_snapshot).unwrap();
    std::fs::write(tmp.path().join("state.json"), br#"{"last_check": "2020-01-01T00:00:00Z", "last_status": "old"}"#)
        .unwrap();
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.serial, 2);
    assert!(l.info.newer_known.is_none(), "the old targets copy is not taken for the newest: {:?}", l.info.newer_known);
    assert_eq!(l.info.last_status.as_deref(), Some("updated"));
    assert_ne!(l.info.last_check, "2020-01-01T00:00:00Z".parse().ok(), "the latest check wins");
    // The next update starts from the newest copies and removes the leftovers.
    repo.publish_dir(&variant_tariff(&dir.path().join("variant")));
    assert_eq!(update(&st, &repo).code(), "updated");
    assert_active(&st, 3);
    for name in ["targets.json", "snapshot.json", "timestamp.json"] {
        only_copy(&trusted, name);
    }
    only_copy(tmp.path(), "state.json");
}

#[test]
fn leftovers_of_a_killed_update_do_not_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::published();
    let st = store(tmp.path(), &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    // a half-written staging slot, a temporary trusted file, a slot without its tariff
    std::fs::create_dir_all(tmp.path().join("tmp/slot-XXXX/metadata")).unwrap();
    std::fs::write(tmp.path().join("tmp/slot-XXXX/metadata/timestamp.json"), b"{\"sig").unwrap();
    std::fs::write(tmp.path().join("trusted/.tmp-abc"), b"{").unwrap();
    let half = tmp.path().join("slots/00000000000000000099-v9-deadbeef-x");
    std::fs::create_dir_all(half.join("metadata")).unwrap();
    let st2 = store(tmp.path(), &repo); // "restart"
    assert_active(&st2, 1);
    assert_eq!(st2.load(now()).unwrap().info.source, ActiveSource::Fallback);
    let dir = tempfile::tempdir().unwrap();
    repo.publish_dir(&changed_tariff(dir.path()));
    assert_eq!(update(&st2, &repo).code(), "updated");
    assert_eq!(st2.load(now()).unwrap().info.serial, 2);
    assert!(!half.exists(), "a broken slot is collected after a successful update");
    assert!(!tmp.path().join("tmp/slot-XXXX").exists());
}

#[test]
fn offline_after_expiry_and_stale_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::published();
    let st = store(tmp.path(), &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    let l = st.load(now()).unwrap();
    assert!(!l.info.expired && !l.info.check_stale);
    assert_eq!(l.info.age_days, 0);
    // Three years offline: the tariff still computes; the app is told it expired, its age and
    // that no check has succeeded for long.
    let later = st.load(now() + days(3 * 365)).unwrap();
    assert!(later.info.expired && later.info.check_stale);
    assert!(later.info.age_days >= 3 * 365 - 1);
    assert_fee(&later.tariff);
    // A newer publication known (metadata fetched) but not installed: told as `newer_known`.
    let dir = tempfile::tempdir().unwrap();
    repo.publish_dir(&changed_tariff(dir.path()));
    let full = st.clone().with_write_budget(8_000); // trusted metadata fits, the slot does not
    assert_eq!(update(&full, &repo).code(), "disk_full");
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.serial, 1);
    let known = l.info.newer_known.expect("the newer tariff is known");
    assert_eq!(known.serial, 2);
}

#[test]
fn no_anchor_match_no_tariff() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Repo::published();
    let st = store(tmp.path(), &repo);
    assert_eq!(update(&st, &repo).code(), "updated");
    // The same directory read with another organisation's anchor: nothing verifies.
    let other = Repo::new("helsinki");
    let st2 = Store::new(tmp.path(), ORG, &other.anchor());
    assert_eq!(st2.load(now()).unwrap_err().code(), "no_tariff");
    assert_eq!(st.load(now()).unwrap().info.serial, 1);
}
