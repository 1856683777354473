//! The two-slot store: crashes while switching, corrupt slots, lost state, the embedded
//! fallback, offline use after expiry, and the `embedded` helper.

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::embedded::{self, EmbeddedBundle};
use kustannusarvio_bundle::{ActiveSource, BundleError, Store, UpdateStatus};
use std::path::Path;

fn install(st: &Store, p: &Pub) -> UpdateStatus {
    st.install_files(&p.manifest, &p.sig, &p.bundle, now())
}

fn with_one_and_two() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path());
    assert_eq!(install(&st, &good(1)).code(), "updated");
    assert_eq!(install(&st, &good(2)).code(), "updated");
    assert_active(&st, 2);
    (tmp, st)
}

fn flip_byte(path: &Path) {
    let mut b = std::fs::read(path).unwrap();
    let i = b.len() / 2;
    b[i] ^= 0x01;
    std::fs::write(path, b).unwrap();
}

#[test]
fn offline_install_and_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path());
    let p = good(1);
    assert_eq!(install(&st, &p), UpdateStatus::Updated { previous_serial: None, serial: 1 });
    assert_eq!(install(&st, &p), UpdateStatus::UpToDate { serial: 1 });
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.source, ActiveSource::SlotA);
    assert_eq!(l.info.last_status.as_deref(), Some("up_to_date"));
    assert!(l.info.last_success.is_some());
}

#[test]
fn half_written_slot_and_temp_state_after_a_crash() {
    let (tmp, st) = with_one_and_two();
    // Active is slot b (serial 2). A crash while installing serial 3 into slot a left a
    // half-written slot and a half-written temp state file.
    let a = tmp.path().join("slots/a");
    std::fs::write(a.join("bundle.json"), b"{\"format\": 1, \"organ").unwrap();
    std::fs::remove_file(a.join("manifest.json")).unwrap();
    std::fs::write(tmp.path().join("state.json.tmp"), b"{\"active\": \"a\", \"max_ser").unwrap();
    // "Restart": a new Store over the same directory.
    let st2 = store(tmp.path());
    assert_active(&st2, 2);
    assert_eq!(st2.load(now()).unwrap().info.source, ActiveSource::SlotB);
    // The next update writes over the half-written slot and succeeds.
    assert_eq!(install(&st2, &good(3)).code(), "updated");
    assert_active(&st2, 3);
    drop(st);
}

#[test]
fn corrupt_active_slot_falls_back_to_the_other_slot() {
    let (tmp, st) = with_one_and_two();
    flip_byte(&tmp.path().join("slots/b/bundle.json"));
    let l = st.load(now()).unwrap();
    assert_eq!(l.manifest.serial, 1);
    assert_eq!(l.info.source, ActiveSource::SlotA);
    assert_eq!(l.info.recovered_from.as_ref().map(BundleError::code), Some("rejected_hash_mismatch"));
    assert_active(&st, 1);
    // A tampered manifest in the active slot is caught by the signature check.
    let (tmp, st) = with_one_and_two();
    let m = tmp.path().join("slots/b/manifest.json");
    let text = std::fs::read_to_string(&m).unwrap().replace("\"serial\": 2", "\"serial\": 7");
    std::fs::write(&m, text).unwrap();
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.recovered_from.as_ref().map(BundleError::code), Some("rejected_bad_signature"));
    assert_active(&st, 1);
}

#[test]
fn both_slots_corrupt_use_the_embedded_bundle_then_nothing() {
    let (tmp, st) = with_one_and_two();
    flip_byte(&tmp.path().join("slots/a/bundle.json"));
    flip_byte(&tmp.path().join("slots/b/manifest.sig"));
    assert_eq!(st.load(now()).unwrap_err().code(), "no_tariff");
    let fb = good(1);
    let st = store(tmp.path()).with_fallback(EmbeddedBundle::new(&fb.manifest, &fb.sig, &fb.bundle));
    let l = st.load(now()).unwrap();
    assert_eq!(l.info.source, ActiveSource::Embedded);
    assert!(l.info.recovered_from.is_some());
    assert_active(&st, 1);
    // A newer release of the app with a newer embedded bundle wins over older slots.
    let (_tmp2, st2) = with_one_and_two();
    let fb = good(5);
    let st2 = store(st2.dir()).with_fallback(EmbeddedBundle::new(&fb.manifest, &fb.sig, &fb.bundle));
    assert_active(&st2, 5);
    assert_eq!(st2.load(now()).unwrap().info.source, ActiveSource::Embedded);
    // A server offering 3 is then older than what is in use: rejected as a rollback.
    assert_eq!(install(&st2, &good(3)).code(), "rejected_rollback");
    assert_eq!(install(&st2, &good(5)).code(), "up_to_date");
}

#[test]
fn fresh_install_works_offline_from_the_embedded_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let fb = good(1);
    let st = store(tmp.path()).with_fallback(EmbeddedBundle::new(&fb.manifest, &fb.sig, &fb.bundle));
    assert_active(&st, 1);
    assert_eq!(st.load(now()).unwrap().info.source, ActiveSource::Embedded);
    // A tampered embedded bundle is not used.
    let mut bad = fb.bundle.clone();
    let i = bad.len() / 2;
    bad[i] ^= 1;
    let st = store(tmp.path()).with_fallback(EmbeddedBundle::new(&fb.manifest, &fb.sig, &bad));
    assert_eq!(st.load(now()).unwrap_err().code(), "no_tariff");
}

#[test]
fn lost_state_file_scans_the_slots() {
    let (tmp, st) = with_one_and_two();
    std::fs::remove_file(tmp.path().join("state.json")).unwrap();
    assert_active(&st, 2);
    std::fs::write(tmp.path().join("state.json"), b"\x00\xffnot json").unwrap();
    assert_active(&st, 2);
}

#[test]
fn expired_tariff_stays_usable_offline_with_a_clear_flag() {
    let (_tmp, st) = with_one_and_two();
    let later = now() + days(60);
    let l = st.load(later).unwrap();
    assert_eq!(l.manifest.serial, 2);
    assert!(l.info.expired, "the app must say: tariffs expired, connect to the intranet");
    let j = serde_json::to_value(&l.info).unwrap();
    assert_eq!(j["expired"], true);
    assert_eq!(j["source"], "slot_b");
    // But an expired offer is not installed.
    let p = good(3);
    assert_eq!(st.install_files(&p.manifest, &p.sig, &p.bundle, later).code(), "rejected_expired");
}

#[test]
fn embedded_helper_verifies_and_returns_the_tariff() {
    let p = good(4);
    let (t, v) = embedded::verify(&p.manifest, &p.sig, &p.bundle, &trust2(), Some(ORG), CHANNEL, now()).unwrap();
    assert_eq!(t.organisation.id, ORG);
    assert_eq!(v.manifest.serial, 4);
    assert_eq!(v.signed_by.len(), 2);
    let e = embedded::verify(&p.manifest, &p.sig, &p.bundle[..p.bundle.len() - 1], &trust2(), None, CHANNEL, now())
        .unwrap_err();
    assert_eq!(e.code(), "rejected_size_mismatch");
    let e = embedded::verify(&p.manifest, b"", &p.bundle, &trust2(), None, CHANNEL, now()).unwrap_err();
    assert_eq!(e.code(), "rejected_unsigned");
    // Expiry is reported, not an error, for the embedded bundle.
    assert!(embedded::verify(&p.manifest, &p.sig, &p.bundle, &trust2(), None, CHANNEL, now() + days(400)).is_ok());
}

#[test]
fn organisation_is_pinned_on_first_install() {
    let tmp = tempfile::tempdir().unwrap();
    let st = Store::new(tmp.path(), trust2(), None, CHANNEL);
    assert_eq!(install(&st, &good(1)).code(), "updated");
    let other = edit_signed(&good(2), |m| m["organisation"] = "helsinki".into());
    assert_eq!(install(&st, &other).code(), "rejected_wrong_organisation");
    assert_active(&st, 1);
}

/// A real process killed in the middle of the slot switch (debug-build crash hook), then a restart.
#[test]
fn one_update_at_a_time() {
    let (_tmp, st) = with_one_and_two();
    let guard = st.lock().unwrap();
    let p = good(3);
    assert_eq!(install(&st, &p).code(), "busy");
    assert_active(&st, 2);
    drop(guard);
    // Another test of this binary may be spawning a process at this moment: until its exec, the
    // child shares our (close-on-exec) lock file and the flock stays held for a few
    // milliseconds. Retry briefly instead of failing on that race.
    let mut code = install(&st, &p).code().to_string();
    for _ in 0..100 {
        if code != "busy" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        code = install(&st, &p).code().to_string();
    }
    assert_eq!(code, "updated");
}

#[test]
fn status_report_for_the_app() {
    let (_tmp, st) = with_one_and_two();
    let s = install(&st, &good(1));
    let r = kustannusarvio_bundle::StatusReport::from(&s);
    assert_eq!(r.code, "rejected_rollback");
    assert!(!r.ok);
    let j = serde_json::to_value(&r).unwrap();
    assert_eq!(j["error"]["code"], "rejected_rollback");
    assert_eq!(j["error"]["installed"], 2);
    let r = kustannusarvio_bundle::StatusReport::from(&UpdateStatus::Updated { previous_serial: Some(1), serial: 2 });
    assert_eq!((r.code.as_str(), r.ok, r.serial, r.previous_serial), ("updated", true, Some(2), Some(1)));
}
