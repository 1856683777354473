//! A `kustannusarvio update` process killed at each step of switching slots leaves the device
//! on its previous, complete tariff (the crash hook `KUSTANNUSARVIO_CRASH_AT` exists in debug
//! builds only).

#[path = "../../bundle/tests/bundle_support/mod.rs"]
mod bundle_support;
use bundle_support::*;

#[test]
fn process_killed_while_switching_slots() {
    if !cfg!(debug_assertions) {
        return; // the crash hook exists in debug builds only
    }
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let trust_dir = tmp.path().join("trust");
    std::fs::create_dir_all(&trust_dir).unwrap();
    for n in ["author", "reviewer"] {
        std::fs::copy(
            root().join(format!("tests/fixtures/bundle/keys/test-{n}.pub")),
            trust_dir.join(format!("{n}.pub")),
        )
        .unwrap();
    }
    let state = tmp.path().join("state");
    let run = |crash: Option<&str>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kustannusarvio"));
        c.args(["update", "--from", &server.url(), "--state-dir"]).arg(&state);
        c.arg("--trusted-keys").arg(&trust_dir).args(["--threshold", "2", "--retries", "0", "--timeout", "5"]);
        if let Some(p) = crash {
            c.env("KUSTANNUSARVIO_CRASH_AT", p);
        }
        c.output().unwrap()
    };
    server.serve(&good(1));
    let out = run(None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let st = store(&state);
    assert_active(&st, 1);
    for (serial, point) in [(2, "slot_half_written"), (3, "slot_written"), (4, "before_rename")] {
        server.serve(&good(serial));
        let out = run(Some(point));
        assert!(!out.status.success(), "the process was killed at {point}");
        assert_active(&store(&state), 1);
    }
    // The leftovers do not matter: the next run completes the update.
    let out = run(None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"]["code"], "updated");
    assert_eq!(v["active"]["serial"], 4);
    assert_active(&store(&state), 4);
}
