//! Ed25519 signing keys for the TUF roles, in standard formats:
//! - secret key: PEM `PRIVATE KEY` (PKCS #8), the format of `openssl genpkey -algorithm ed25519`
//!   and of `tuftool`; keep it offline (root keys) or on the publishing workstation only;
//! - public key: the TUF key object `{"keytype": "ed25519", "scheme": "ed25519", "keyval":
//!   {"public": "<hex>"}}`, whose key id (TUF 4.2: SHA-256 of its canonical JSON) the root
//!   metadata lists.
//!
//! Signing goes through `tough`'s own key code (`tough::sign::parse_keypair`), so what is signed
//! and how is exactly what `tough` verifies.

use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use std::collections::HashMap;
use tough::schema::key::{Ed25519Key, Ed25519Scheme, Key};

/// An Ed25519 signing key.
pub struct KeyPair {
    signing: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({})", self.key_id())
    }
}

impl Clone for KeyPair {
    fn clone(&self) -> Self {
        KeyPair { signing: ed25519_dalek::SigningKey::from_bytes(&self.signing.to_bytes()) }
    }
}

impl KeyPair {
    /// From a 32-byte random seed (the CLI takes it from the OS random source).
    pub fn from_seed(seed: &[u8; 32]) -> KeyPair {
        KeyPair { signing: ed25519_dalek::SigningKey::from_bytes(seed) }
    }

    /// Parses a PEM PKCS #8 secret key.
    pub fn from_pem(text: &str) -> Result<KeyPair, String> {
        let signing = ed25519_dalek::SigningKey::from_pkcs8_pem(text.trim())
            .map_err(|e| format!("not an Ed25519 PKCS #8 PEM private key: {e}"))?;
        Ok(KeyPair { signing })
    }

    /// The secret key as PEM PKCS #8 (SECRET).
    pub fn to_pem(&self) -> Result<String, String> {
        self.signing
            .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
            .map(|s| s.to_string())
            .map_err(|e| e.to_string())
    }

    fn pkcs8_der(&self) -> Result<Vec<u8>, String> {
        self.signing.to_pkcs8_der().map(|d| d.as_bytes().to_vec()).map_err(|e| e.to_string())
    }

    /// The TUF public key object.
    pub fn public(&self) -> Key {
        public_key(self.signing.verifying_key().as_bytes())
    }

    /// The TUF key id (hex).
    pub fn key_id(&self) -> String {
        key_id(&self.public()).unwrap_or_default()
    }

    /// The public key file's text (the TUF key object as JSON).
    pub fn public_json(&self) -> String {
        public_json(&self.public())
    }
}

/// The TUF key object of raw Ed25519 public key bytes.
pub fn public_key(bytes: &[u8; 32]) -> Key {
    Key::Ed25519 {
        keyval: Ed25519Key { public: bytes.to_vec().into(), _extra: HashMap::new() },
        scheme: Ed25519Scheme::Ed25519,
        _extra: HashMap::new(),
    }
}

/// A public key file's text.
pub fn public_json(key: &Key) -> String {
    let mut s = serde_json::to_string_pretty(key).unwrap_or_default();
    s.push('\n');
    s
}

/// Parses a public key file (a TUF key object).
pub fn parse_public(text: &str) -> Result<Key, String> {
    let key: Key = serde_json::from_str(text).map_err(|e| format!("not a TUF public key: {e}"))?;
    if !matches!(key, Key::Ed25519 { .. }) {
        return Err("only Ed25519 keys are used".into());
    }
    key_id(&key)?;
    Ok(key)
}

/// TUF key id of a public key, hex.
pub fn key_id(key: &Key) -> Result<String, String> {
    key.key_id().map(|id| crate::to_hex(&id)).map_err(|e| e.to_string())
}

#[tough::async_trait]
impl tough::key_source::KeySource for KeyPair {
    async fn as_sign(&self) -> Result<Box<dyn tough::sign::Sign>, Box<dyn std::error::Error + Send + Sync + 'static>> {
        let der = self.pkcs8_der()?;
        Ok(Box::new(tough::sign::parse_keypair(&der)?))
    }

    async fn write(
        &self,
        _value: &str,
        _key_id_hex: &str,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync + 'static>> {
        Err("key files are written by `tariffs keygen` only".into())
    }
}
