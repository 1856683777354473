//! Ed25519 keys and the trust configuration (which keys, how many must sign).
//!
//! Public key file (`*.pub`, one key per line; `#` comments):
//! ```text
//! threshold 2
//! ed25519 <key_id> <public key, 64 hex> [label…]
//! ```
//! A label containing the word `test` marks a test key: [`Trust::embedded`] drops test keys in
//! release builds. The key id is the first 8 bytes of SHA-256 of the public key, in hex.
//!
//! Secret key file (`*.key`, keep outside the repository): `ed25519-secret <key_id> <seed, 64 hex>`.

use super::{from_hex, sha256_hex, to_hex, BundleError};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::collections::BTreeMap;
use std::path::Path;

/// The production keys compiled into the binary (public keys only).
pub const EMBEDDED_KEYS: &str = include_str!("../../../tariffs/keys/trusted.pub");

/// `key_id` of a public key: hex of the first 8 bytes of its SHA-256.
pub fn key_id(public: &[u8; 32]) -> String {
    sha256_hex(public)[..16].to_string()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub key_id: String,
    pub key: VerifyingKey,
    pub label: String,
}

impl PublicKey {
    pub fn from_hex(hex: &str, label: &str) -> Result<PublicKey, String> {
        let bytes = from_hex::<32>(hex).ok_or("public key must be 64 hex digits")?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|e| format!("invalid Ed25519 public key: {e}"))?;
        if key.is_weak() {
            return Err("weak Ed25519 public key".into());
        }
        Ok(PublicKey { key_id: key_id(&bytes), key, label: label.to_string() })
    }
    pub fn hex(&self) -> String {
        to_hex(self.key.as_bytes())
    }
    /// The line for a `.pub` file.
    pub fn to_line(&self) -> String {
        format!("ed25519 {} {} {}", self.key_id, self.hex(), self.label).trim_end().to_string()
    }
    pub fn is_test(&self) -> bool {
        self.label.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w.eq_ignore_ascii_case("test"))
    }
}

/// A signing key (publisher side).
pub struct KeyPair {
    signing: SigningKey,
    pub public: PublicKey,
}

impl KeyPair {
    /// From a 32-byte random seed (the CLI takes it from the OS random source).
    pub fn from_seed(seed: &[u8; 32], label: &str) -> KeyPair {
        let signing = SigningKey::from_bytes(seed);
        let vk = signing.verifying_key();
        let public = PublicKey { key_id: key_id(vk.as_bytes()), key: vk, label: label.to_string() };
        KeyPair { signing, public }
    }
    /// Parses a secret key file.
    pub fn parse(text: &str) -> Result<KeyPair, String> {
        if let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut w = line.split_whitespace();
            if w.next() != Some("ed25519-secret") {
                return Err("expected `ed25519-secret <key_id> <seed hex>`".into());
            }
            let id = w.next().ok_or("missing key id")?;
            let seed = from_hex::<32>(w.next().ok_or("missing seed")?).ok_or("seed must be 64 hex digits")?;
            let label: Vec<&str> = w.collect();
            let kp = KeyPair::from_seed(&seed, &label.join(" "));
            if kp.public.key_id != id {
                return Err(format!("key id {id} does not match the key ({})", kp.public.key_id));
            }
            return Ok(kp);
        }
        Err("no key in file".into())
    }
    pub fn secret_text(&self) -> String {
        format!(
            "# Kustannusarvio tariff signing key. SECRET: keep offline, never commit.\ned25519-secret {} {} {}\n",
            self.public.key_id,
            to_hex(&self.signing.to_bytes()),
            self.public.label
        )
    }
    pub fn public_text(&self) -> String {
        format!("# Kustannusarvio tariff signing key (public)\n{}\n", self.public.to_line())
    }
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// Which keys are trusted and how many distinct ones must sign a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trust {
    pub keys: BTreeMap<String, PublicKey>,
    pub threshold: usize,
}

impl Trust {
    pub fn new(keys: impl IntoIterator<Item = PublicKey>, threshold: usize) -> Trust {
        Trust { keys: keys.into_iter().map(|k| (k.key_id.clone(), k)).collect(), threshold: threshold.max(1) }
    }

    /// Parses `.pub` text (any number of keys and at most one `threshold` line; default 1).
    pub fn parse(text: &str) -> Result<Trust, String> {
        let mut keys = Vec::new();
        let mut threshold = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut w = line.split_whitespace();
            match w.next() {
                Some("threshold") => {
                    let k: usize = w
                        .next()
                        .and_then(|x| x.parse().ok())
                        .filter(|k| *k >= 1)
                        .ok_or(format!("line {}: threshold must be a number ≥ 1", n + 1))?;
                    threshold = Some(k);
                }
                Some("ed25519") => {
                    let id = w.next().ok_or(format!("line {}: missing key id", n + 1))?;
                    let hex = w.next().ok_or(format!("line {}: missing public key", n + 1))?;
                    let label: Vec<&str> = w.collect();
                    let k = PublicKey::from_hex(hex, &label.join(" ")).map_err(|e| format!("line {}: {e}", n + 1))?;
                    if k.key_id != id {
                        return Err(format!("line {}: key id {id} does not match the key ({})", n + 1, k.key_id));
                    }
                    keys.push(k);
                }
                _ => return Err(format!("line {}: expected `ed25519 …` or `threshold N`", n + 1)),
            }
        }
        Ok(Trust::new(keys, threshold.unwrap_or(1)))
    }

    /// Every `*.pub` file of a directory; the largest `threshold` line wins.
    pub fn from_dir(dir: &Path) -> Result<Trust, String> {
        let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut paths: Vec<_> =
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "pub")).collect();
        paths.sort();
        let mut all = Trust { keys: BTreeMap::new(), threshold: 1 };
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let t = Trust::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            all.threshold = all.threshold.max(t.threshold);
            all.keys.extend(t.keys);
        }
        Ok(all)
    }

    /// The keys compiled into this binary (`tariffs/keys/trusted.pub`); test keys are dropped in
    /// release builds.
    pub fn embedded() -> Trust {
        let mut t = Trust::parse(EMBEDDED_KEYS).unwrap_or(Trust { keys: BTreeMap::new(), threshold: 1 });
        if !cfg!(debug_assertions) {
            t.keys.retain(|_, k| !k.is_test());
        }
        t
    }

    /// Verifies the signatures over `message`: every signature by a known key must be valid
    /// (strict RFC 8032 checks) and at least `threshold` distinct known keys must have signed.
    pub fn verify(&self, message: &[u8], sigs: &super::SignatureFile) -> Result<Vec<String>, BundleError> {
        if sigs.signatures.is_empty() {
            return Err(BundleError::RejectedUnsigned);
        }
        let mut good: Vec<String> = Vec::new();
        let mut unknown: Option<String> = None;
        for s in &sigs.signatures {
            // A signature by a key this build does not know is ignored (rotation overlap:
            // old + new key sign) but the known keys must still reach the threshold.
            let Some(key) = self.keys.get(&s.key_id) else {
                unknown.get_or_insert_with(|| short(&s.key_id));
                continue;
            };
            let bytes = from_hex::<64>(&s.signature)
                .ok_or_else(|| BundleError::RejectedBadSignature { key_id: short(&s.key_id) })?;
            key.key
                .verify_strict(message, &Signature::from_bytes(&bytes))
                .map_err(|_| BundleError::RejectedBadSignature { key_id: short(&s.key_id) })?;
            if !good.contains(&s.key_id) {
                good.push(s.key_id.clone());
            }
        }
        if good.len() < self.threshold {
            if let Some(key_id) = unknown {
                return Err(BundleError::RejectedUnknownKey { key_id });
            }
            return Err(BundleError::RejectedBelowThreshold { valid: good.len(), required: self.threshold });
        }
        Ok(good)
    }
}

fn short(s: &str) -> String {
    s.chars().take(64).collect()
}
