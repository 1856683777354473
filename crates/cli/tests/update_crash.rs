//! `kustannusarvio update` killed with SIGKILL at 30 seeded moments of an update, on a device
//! whose newest slot is corrupt (it runs on its fallback slot): after every kill the last good
//! tariff is still in force and computes the known fee, and no good tariff was lost. The moments
//! are storage steps (each write, fsync, rename, removal) chosen by a seeded generator; the
//! debug-only hook `KUSTANNUSARVIO_PAUSE_AT=<n>` stops the process at step n until it is killed.

#[path = "../../bundle/tests/bundle_support/mod.rs"]
mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::store::UpdateOptions;
use kustannusarvio_bundle::ActiveSource;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// A small seeded generator (SplitMix64).
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn killed_at_30_seeded_moments_with_a_corrupt_active_slot() {
    if !cfg!(debug_assertions) {
        return; // the pause hook exists in debug builds only
    }
    let repo = Repo::published();
    let tmp = tempfile::tempdir().unwrap();
    let anchor = tmp.path().join("anchor.json");
    std::fs::write(&anchor, repo.anchor()).unwrap();
    // The device: serial 1, then 2 (a changed tariff); slot 2 corrupted → runs on slot 1.
    let prepared = tmp.path().join("prepared");
    let st = store(&prepared, &repo);
    let opt = UpdateOptions::default();
    assert_eq!(st.update_from_dir(repo.path(), now(), &opt).code(), "updated");
    let src = tempfile::tempdir().unwrap();
    repo.publish_dir(&changed_tariff(src.path()));
    assert_eq!(st.update_from_dir(repo.path(), now(), &opt).code(), "updated");
    corrupt_slot(slot_dirs(&prepared).last().unwrap());
    assert_eq!(st.load(now()).unwrap().info.source, ActiveSource::Fallback);
    assert_active(&st, 1);
    // Publication 3: another tariff with the same known fee.
    repo.publish_dir(&variant_tariff(&src.path().join("variant")));
    let server = Server::start();
    server.serve_dir(repo.path());
    let run = |state: &Path, pause_at: Option<u64>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kustannusarvio"));
        c.args(["update", "--from", &server.url(), "--state-dir"]).arg(state);
        c.args(["--organisation", ORG, "--root"]).arg(&anchor).args(["--retries", "0", "--timeout", "20"]);
        c.env_remove("KUSTANNUSARVIO_PAUSE_AT");
        if let Some(n) = pause_at {
            c.env("KUSTANNUSARVIO_PAUSE_AT", n.to_string());
        }
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        c.spawn().unwrap()
    };
    // How many storage steps a whole update takes (a run that never pauses).
    let dry = tmp.path().join("dry");
    copy_tree(&prepared, &dry);
    let out = run(&dry, Some(u64::MAX)).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let good_before = 1;
    // Count the steps by pausing ever later until the process completes without pausing.
    let mut steps = 0;
    for n in 1..500u64 {
        let state = tmp.path().join(format!("count-{n}"));
        copy_tree(&prepared, &state);
        let mut child = run(&state, Some(n));
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let _ = err.read_line(&mut line);
        let _ = child.kill();
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&state);
        if !line.starts_with("paused at step") {
            steps = n - 1;
            break;
        }
    }
    assert!(steps >= 10, "an update takes several storage steps ({steps})");
    let mut committed = 0;
    for seed in 0..30u64 {
        let n = 1 + splitmix(seed) % steps;
        let state = tmp.path().join(format!("kill-{seed}"));
        copy_tree(&prepared, &state);
        let mut child = run(&state, Some(n));
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        err.read_line(&mut line).unwrap();
        assert!(line.starts_with(&format!("paused at step {n}")), "seed {seed}: {line}");
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        // After the kill: a good tariff is in force and computes the known fee — the fallback
        // (serial 1), or the new one if the kill came after its slot was committed.
        let st = store(&state, &repo);
        let l = st.load(now()).unwrap_or_else(|e| panic!("seed {seed} step {n}: no tariff: {e}"));
        assert!(l.info.serial == 1 || l.info.serial == 3, "seed {seed} step {n}: serial {}", l.info.serial);
        assert_fee(&l.tariff);
        committed += usize::from(l.info.serial == 3);
        let good = slot_dirs(&state).iter().filter(|s| verifies(&state, s, &repo)).count();
        assert!(good >= good_before, "seed {seed} step {n}: {good} good tariffs left");
        // The next run completes the update.
        let out = run(&state, None).wait_with_output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let code = v["status"]["code"].as_str().unwrap_or_default().to_string();
        assert!(code == "updated" || code == "up_to_date", "seed {seed}: {v}");
        assert_active(&store(&state, &repo), 3);
        std::fs::remove_dir_all(&state).unwrap();
    }
    eprintln!("{steps} storage steps per update; 30 kills, {committed} after the new slot was committed");
}

/// Whether a slot alone verifies and loads (a store over a copy holding only it).
fn verifies(state: &Path, slot: &Path, repo: &Repo) -> bool {
    let t = tempfile::tempdir().unwrap();
    let _ = state;
    copy_tree(slot, &t.path().join("slots").join(slot.file_name().unwrap()));
    store(t.path(), repo).load(now()).is_ok()
}
