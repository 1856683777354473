//! Fuzzing with proptest: no input to the bundle parser, the key parsers or the TUF
//! verification of a local repository panics, and no mutation of signed metadata or of the
//! bundle verifies.

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::{bundle, keys, tuf, MAX_BUNDLE_BYTES};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A published repository's files and its anchor.
type Sample = (HashMap<String, Vec<u8>>, Vec<u8>);

fn sample() -> &'static Sample {
    static S: OnceLock<Sample> = OnceLock::new();
    S.get_or_init(|| {
        let r = Repo::published();
        (kustannusarvio_bundle::publish::read_repo(r.path()).unwrap(), r.anchor())
    })
}

fn names() -> Vec<String> {
    let mut v: Vec<String> = sample().0.keys().cloned().collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = bundle::parse_bundle(&bytes, MAX_BUNDLE_BYTES);
        let text = String::from_utf8_lossy(&bytes);
        let _ = keys::parse_public(&text);
        let _ = kustannusarvio_bundle::KeyPair::from_pem(&text);
        let _ = tuf::parse_root(&bytes);
        let (files, anchor) = sample();
        let _ = tuf::load_local(&bytes, files.clone());
        let mut f = files.clone();
        f.insert("timestamp.json".into(), bytes.clone());
        prop_assert!(tuf::load_local(anchor, f).is_err());
    }

    #[test]
    fn no_mutated_file_verifies(which in any::<usize>(), pos in any::<usize>(), flip in 1u8..=255, cut in any::<bool>()) {
        let (files, anchor) = sample();
        let names = names();
        let name = &names[which % names.len()];
        // root version 1 is the anchor itself: the device never reads the served copy
        prop_assume!(name != "1.root.json");
        let mut f = files.clone();
        let b = f.get_mut(name).unwrap();
        let i = pos % b.len();
        if cut { b.truncate(i) } else { b[i] ^= flip }
        // Whitespace outside the signed part may change without harm; anything else fails.
        if let Ok((view, bytes)) = tuf::load_local(anchor, f.clone()) {
            let orig: serde_json::Value = serde_json::from_slice(&files[name]).unwrap();
            let now: serde_json::Value = serde_json::from_slice(&f[name]).unwrap();
            prop_assert_eq!(&orig["signed"], &now["signed"]);
            prop_assert!(bundle::verify_tariff(&bytes, &view.info, ORG, MAX_BUNDLE_BYTES, bundle::Cases::AlreadyPassed).is_ok());
        }
    }

    #[test]
    fn bundle_shaped_json_never_panics(format in any::<u32>(), name in ".{0,40}", org in ".{0,20}", text in ".{0,40}") {
        let b = serde_json::json!({"format": format, "organisation": org, "files": [{"name": name, "text": text}]});
        let _ = bundle::parse_bundle(&serde_json::to_vec(&b).unwrap(), MAX_BUNDLE_BYTES);
    }
}

#[test]
fn the_sample_verifies() {
    let (files, anchor) = sample();
    let (view, bytes) = tuf::load_local(anchor, files.clone()).unwrap();
    assert_eq!(view.version, 1);
    let (_, t) = bundle::verify_tariff(&bytes, &view.info, ORG, MAX_BUNDLE_BYTES, bundle::Cases::Run).unwrap();
    assert_fee(&t);
}

#[test]
fn key_files_round_trip_and_are_checked() {
    let kp = kustannusarvio_bundle::KeyPair::from_seed(&[7u8; 32]);
    let back = kustannusarvio_bundle::KeyPair::from_pem(&kp.to_pem().unwrap()).unwrap();
    assert_eq!(back.public(), kp.public());
    assert_eq!(back.key_id(), kp.key_id());
    let p = keys::parse_public(&kp.public_json()).unwrap();
    assert_eq!(keys::key_id(&p).unwrap(), kp.key_id());
    // The key id is TUF's: SHA-256 of the canonical key object (64 hex digits).
    assert_eq!(kp.key_id().len(), 64);
    assert!(kustannusarvio_bundle::KeyPair::from_pem(&kp.public_json()).is_err());
    assert!(keys::parse_public("{\"keytype\": \"rsa\"}").is_err());
    // The anchors compiled into the binary are valid root metadata (none yet).
    for (org, root) in kustannusarvio_bundle::anchors::ANCHORS {
        assert!(tuf::parse_root(root).is_ok(), "{org}");
    }
}

/// `tough` does not hold `_type` to the role (it verifies the re-serialised form): the device
/// does. Every metadata file with its `_type` changed — to another role's or to nonsense — is
/// refused by name.
#[test]
fn a_changed_type_is_refused() {
    let (files, anchor) = sample();
    for name in names().into_iter().filter(|n| n.ends_with(".json") && n != "1.root.json" && !n.contains("tariff")) {
        for other in ["uimestamp", "snapshot", "targets", "root", "timestamp"] {
            let text = String::from_utf8(files[&name].clone()).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let role = v["signed"]["_type"].as_str().unwrap().to_string();
            if role == other {
                continue;
            }
            let changed = text.replacen(&format!("\"_type\": \"{role}\""), &format!("\"_type\": \"{other}\""), 1);
            assert_ne!(changed, text, "{name}: `_type` not found in the text");
            let mut f = files.clone();
            f.insert(name.clone(), changed.into_bytes());
            match tuf::load_local(anchor, f) {
                // snapshot and targets are pinned by length and hash in their parent; the
                // timestamp and the roots are not: refused for their `_type`
                Err(e) if name == "timestamp.json" || name.ends_with(".root.json") => {
                    let j = serde_json::to_value(&e).unwrap();
                    assert_eq!(j["code"], "rejected_malformed", "{name} as {other}: {e:?}");
                    assert!(j["message"].as_str().unwrap().contains(&format!("`_type` is `{other}`")), "{e:?}");
                }
                Err(_) => {}
                // an older root version's copy is not read once a newer one verifies
                Ok(_) => assert!(name.ends_with(".root.json"), "{name} with `_type` {other} verified"),
            }
        }
    }
}
