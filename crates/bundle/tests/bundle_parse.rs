//! Fuzzing the manifest, signature and bundle parsers with proptest: no input panics, and no
//! mutation of a signed manifest or of a bundle verifies.

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::keys::{KeyPair, Trust};
use kustannusarvio_bundle::manifest::{self, Expect};
use kustannusarvio_bundle::{from_hex, MAX_BUNDLE_BYTES};
use proptest::prelude::*;
use std::sync::OnceLock;

fn sample() -> &'static Pub {
    static P: OnceLock<Pub> = OnceLock::new();
    P.get_or_init(|| good(7))
}

fn expect() -> Expect<'static> {
    Expect { organisation: Some(ORG), channel: CHANNEL, reject_expired: true }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = manifest::parse_manifest(&bytes);
        let _ = manifest::parse_signatures(&bytes);
        let _ = manifest::parse_bundle(&bytes, MAX_BUNDLE_BYTES);
        let _ = manifest::verify_manifest(&bytes, &bytes, &trust2(), &expect(), now());
        let _ = manifest::verify_manifest(&sample().manifest, &bytes, &trust2(), &expect(), now());
        let text = String::from_utf8_lossy(&bytes);
        let _ = Trust::parse(&text);
        let _ = KeyPair::parse(&text);
        let _ = from_hex::<32>(&text);
    }

    #[test]
    fn manifest_shaped_json_never_panics(
        serial in any::<u64>(),
        format in any::<u32>(),
        size in any::<u64>(),
        name in ".{0,40}",
        org in ".{0,20}",
        date in "[+-]?[0-9]{1,6}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z",
    ) {
        let m = serde_json::json!({
            "format": format, "organisation": org, "channel": "stable", "serial": serial,
            "created_at": date, "expires_at": date, "tariff_version": "x",
            "files": [{"name": name, "sha256": "00", "size": size}], "key_ids": []
        });
        let bytes = serde_json::to_vec(&m).unwrap();
        let _ = manifest::parse_manifest(&bytes);
        let b = serde_json::json!({"format": format, "organisation": org, "files": [{"name": name, "text": date}]});
        let _ = manifest::parse_bundle(&serde_json::to_vec(&b).unwrap(), MAX_BUNDLE_BYTES);
    }

    #[test]
    fn no_mutated_manifest_verifies(pos in any::<usize>(), flip in 1u8..=255) {
        let p = sample();
        let mut m = p.manifest.clone();
        let i = pos % m.len();
        m[i] ^= flip;
        prop_assert!(manifest::verify_manifest(&m, &p.sig, &trust2(), &expect(), now()).is_err());
    }

    #[test]
    fn no_mutated_bundle_verifies(pos in any::<usize>(), flip in 1u8..=255, cut in any::<bool>()) {
        let p = sample();
        let v = manifest::verify_manifest(&p.manifest, &p.sig, &trust2(), &expect(), now()).unwrap();
        let mut b = p.bundle.clone();
        let i = pos % b.len();
        if cut { b.truncate(i) } else { b[i] ^= flip }
        prop_assert!(manifest::verify_bundle(&v.manifest, &b, MAX_BUNDLE_BYTES).is_err());
    }

    #[test]
    fn mutated_signature_file_never_verifies(pos in any::<usize>(), flip in 1u8..=255) {
        let p = sample();
        let mut s = p.sig.clone();
        let i = pos % s.len();
        s[i] ^= flip;
        // Whitespace and hex-case changes leave the signatures intact; anything else fails.
        let r = manifest::verify_manifest(&p.manifest, &s, &trust2(), &expect(), now());
        if r.is_ok() {
            let a: serde_json::Value = serde_json::from_slice(&s).unwrap();
            let b: serde_json::Value = serde_json::from_slice(&p.sig).unwrap();
            prop_assert_eq!(a.to_string().to_lowercase(), b.to_string().to_lowercase());
        }
    }
}

#[test]
fn the_sample_verifies() {
    let p = sample();
    let v = manifest::verify_manifest(&p.manifest, &p.sig, &trust2(), &expect(), now()).unwrap();
    assert!(manifest::verify_bundle(&v.manifest, &p.bundle, MAX_BUNDLE_BYTES).is_ok());
}

#[test]
fn key_files_round_trip_and_are_checked() {
    let kp = KeyPair::from_seed(&[7u8; 32], "test key");
    let back = KeyPair::parse(&kp.secret_text()).unwrap();
    assert_eq!(back.public, kp.public);
    let t = Trust::parse(&format!("threshold 2\n{}", kp.public_text())).unwrap();
    assert_eq!(t.threshold, 2);
    assert!(t.keys.contains_key(&kp.public.key_id));
    assert!(kp.public.is_test());
    assert!(!KeyPair::from_seed(&[8u8; 32], "Controller, Päijät-Häme").public.is_test());
    // A key id that does not match its key, a bad threshold, junk lines.
    let line = kp.public.to_line().replace(&kp.public.key_id, "0000000000000000");
    assert!(Trust::parse(&line).unwrap_err().contains("does not match"));
    assert!(Trust::parse("threshold 0").is_err());
    assert!(Trust::parse("rsa AAAA").is_err());
    assert!(KeyPair::parse(&kp.public_text()).is_err());
    // The keys compiled into the binary parse (none yet: the HVA adds its own).
    let _ = Trust::embedded();
    assert!(Trust::parse(kustannusarvio_bundle::keys::EMBEDDED_KEYS).is_ok());
}
