//! Signed tariff bundles: format, signing, verification, the two-slot store on the device and
//! (feature `update`) the HTTPS update client.
//!
//! Published per organisation and channel as a static directory:
//! - `bundle-<serial>.json` — every tariff source file of the organisation and of the layers it
//!   extends, plus the organisation's hand-worked test cases as self-checks ([`Bundle`]);
//! - `manifest.json` — [`Manifest`]: organisation, channel, monotonic serial, creation and expiry
//!   time, SHA-256 and size of the bundle file, signer key ids, keys announced for rotation;
//! - `manifest.sig` — [`SignatureFile`]: Ed25519 signatures over exactly the bytes of
//!   `manifest.json` (no canonical-JSON problem), one per signer; `k` of the trusted keys must sign.
//!
//! Verification is pure and always compiled; nothing here panics on any input, every failure
//! is a [`BundleError`] value with a stable `code`.

#[cfg(feature = "update")]
pub mod client;
pub mod diff;
pub mod embedded;
pub mod keys;
pub mod manifest;
pub mod publish;
pub mod store;

pub use keys::{KeyPair, PublicKey, Trust};
pub use manifest::{Bundle, BundleFile, BundleLayer, FileEntry, Manifest, SignatureFile, Verified};
pub use store::{ActiveInfo, ActiveSource, Loaded, State, Store};

use serde::Serialize;

/// Hard cap on `manifest.json` (slow-retrieval / endless-data attacks).
pub const MAX_MANIFEST_BYTES: u64 = 64 * 1024;
/// Hard cap on `manifest.sig`.
pub const MAX_SIGNATURE_BYTES: u64 = 16 * 1024;
/// Default cap on one bundle file.
pub const MAX_BUNDLE_BYTES: u64 = 8 * 1024 * 1024;
/// Manifest and bundle format version understood by this build (2: the bundle carries the base
/// layers it extends, e.g. `national`).
pub const FORMAT: u32 = 2;

/// Why a bundle was not installed or could not be used. Serialises as `{"code": "...", ...}`;
/// the codes are stable and used by the app as translation keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum BundleError {
    #[error("the manifest carries no signature")]
    RejectedUnsigned,
    #[error("signature by key {key_id} does not verify")]
    RejectedBadSignature { key_id: String },
    #[error("signed by unknown key {key_id}")]
    RejectedUnknownKey { key_id: String },
    #[error("only {valid} valid signature(s) from trusted keys; {required} required")]
    RejectedBelowThreshold {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        valid: usize,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        required: usize,
    },
    #[error("bundle is for organisation `{found}`, expected `{expected}`")]
    RejectedWrongOrganisation { expected: String, found: String },
    #[error("bundle is for channel `{found}`, expected `{expected}`")]
    RejectedWrongChannel { expected: String, found: String },
    #[error("offered serial {offered} is older than {installed} (rollback)")]
    RejectedRollback {
        #[cfg_attr(feature = "specta", specta(type = f64))]
        installed: u64,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        offered: u64,
    },
    #[error("manifest expired at {expires_at}")]
    RejectedExpired { expires_at: String },
    #[error("manifest created in the future ({created_at})")]
    RejectedNotYetValid { created_at: String },
    #[error("SHA-256 of {file} does not match the manifest")]
    RejectedHashMismatch { file: String },
    #[error("size of {file} is {actual}, manifest says {expected}")]
    RejectedSizeMismatch {
        file: String,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        expected: u64,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        actual: u64,
    },
    #[error("{what} is larger than the limit of {limit} bytes")]
    RejectedTooLarge {
        what: String,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        limit: u64,
    },
    #[error("{what} is malformed: {message}")]
    RejectedMalformed { what: String, message: String },
    #[error("the tariff in the bundle is invalid: {message}")]
    RejectedInvalidTariff { message: String },
    #[error("the tariff failed its self-check: {message}")]
    RejectedSelfCheck { message: String },
    #[error("refusing insecure URL {url}: HTTPS is required except on loopback")]
    InsecureUrl { url: String },
    #[error("server unreachable: {message}")]
    ServerUnreachable { message: String },
    #[error("TLS failed (certificate not trusted? give the intranet root CA): {message}")]
    TlsError { message: String },
    #[error("timed out: {message}")]
    Timeout { message: String },
    #[error("download interrupted: {message}")]
    DownloadIncomplete { message: String },
    #[error("HTTP {status} from {url}")]
    HttpError { status: u16, url: String },
    #[error("storage error: {message}")]
    StorageError { message: String },
    #[error("another update of this state directory is in progress")]
    Busy,
    #[error("update client settings: {message}")]
    ClientConfig { message: String },
    #[error("no usable tariff: {message}")]
    NoTariff { message: String },
}

impl BundleError {
    /// The stable code, e.g. `rejected_rollback`.
    pub fn code(&self) -> &'static str {
        use BundleError::*;
        match self {
            RejectedUnsigned => "rejected_unsigned",
            RejectedBadSignature { .. } => "rejected_bad_signature",
            RejectedUnknownKey { .. } => "rejected_unknown_key",
            RejectedBelowThreshold { .. } => "rejected_below_threshold",
            RejectedWrongOrganisation { .. } => "rejected_wrong_organisation",
            RejectedWrongChannel { .. } => "rejected_wrong_channel",
            RejectedRollback { .. } => "rejected_rollback",
            RejectedExpired { .. } => "rejected_expired",
            RejectedNotYetValid { .. } => "rejected_not_yet_valid",
            RejectedHashMismatch { .. } => "rejected_hash_mismatch",
            RejectedSizeMismatch { .. } => "rejected_size_mismatch",
            RejectedTooLarge { .. } => "rejected_too_large",
            RejectedMalformed { .. } => "rejected_malformed",
            RejectedInvalidTariff { .. } => "rejected_invalid_tariff",
            RejectedSelfCheck { .. } => "rejected_self_check",
            InsecureUrl { .. } => "insecure_url",
            ServerUnreachable { .. } => "server_unreachable",
            TlsError { .. } => "tls_error",
            Timeout { .. } => "timeout",
            DownloadIncomplete { .. } => "download_incomplete",
            HttpError { .. } => "http_error",
            StorageError { .. } => "storage_error",
            Busy => "busy",
            ClientConfig { .. } => "client_config_error",
            NoTariff { .. } => "no_tariff",
        }
    }

    /// Transient network faults worth a retry with backoff.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            BundleError::ServerUnreachable { .. }
                | BundleError::Timeout { .. }
                | BundleError::DownloadIncomplete { .. }
        ) || matches!(self, BundleError::HttpError { status, .. } if *status >= 500 || *status == 429)
    }

    pub(crate) fn malformed(what: impl Into<String>, message: impl ToString) -> Self {
        BundleError::RejectedMalformed { what: what.into(), message: message.to_string() }
    }
    pub(crate) fn storage(context: impl std::fmt::Display, e: impl std::fmt::Display) -> Self {
        BundleError::StorageError { message: format!("{context}: {e}") }
    }
}

/// Outcome of one update check. Serialises flat as `{"code": "up_to_date", ...}`, sharing the
/// code namespace with [`BundleError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateStatus {
    /// The server offers the serial that is already installed.
    UpToDate { serial: u64 },
    /// A newer bundle was verified and switched to.
    Updated { previous_serial: Option<u64>, serial: u64 },
    /// Nothing changed; the last good tariff stays active.
    Failed(BundleError),
}

impl UpdateStatus {
    pub fn code(&self) -> &'static str {
        match self {
            UpdateStatus::UpToDate { .. } => "up_to_date",
            UpdateStatus::Updated { .. } => "updated",
            UpdateStatus::Failed(e) => e.code(),
        }
    }
    pub fn is_ok(&self) -> bool {
        !matches!(self, UpdateStatus::Failed(_))
    }
}

/// [`UpdateStatus`] as a plain struct for the app's typed bindings (specta): the stable `code`,
/// an English `message`, the serials, and the error details when it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusReport {
    pub code: String,
    pub ok: bool,
    pub message: String,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub serial: Option<u64>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub previous_serial: Option<u64>,
    pub error: Option<BundleError>,
}

impl From<&UpdateStatus> for StatusReport {
    fn from(s: &UpdateStatus) -> Self {
        let (serial, previous_serial, error) = match s {
            UpdateStatus::UpToDate { serial } => (Some(*serial), None, None),
            UpdateStatus::Updated { previous_serial, serial } => (Some(*serial), *previous_serial, None),
            UpdateStatus::Failed(e) => (None, None, Some(e.clone())),
        };
        StatusReport {
            code: s.code().to_string(),
            ok: s.is_ok(),
            message: s.to_string(),
            serial,
            previous_serial,
            error,
        }
    }
}

impl Serialize for UpdateStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            UpdateStatus::Failed(e) => e.serialize(s),
            UpdateStatus::UpToDate { serial } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("code", "up_to_date")?;
                m.serialize_entry("serial", serial)?;
                m.end()
            }
            UpdateStatus::Updated { previous_serial, serial } => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("code", "updated")?;
                m.serialize_entry("previous_serial", previous_serial)?;
                m.serialize_entry("serial", serial)?;
                m.end()
            }
        }
    }
}

impl std::fmt::Display for UpdateStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpdateStatus::UpToDate { serial } => write!(f, "up to date (serial {serial})"),
            UpdateStatus::Updated { previous_serial: Some(p), serial } => {
                write!(f, "updated from serial {p} to {serial}")
            }
            UpdateStatus::Updated { previous_serial: None, serial } => write!(f, "installed serial {serial}"),
            UpdateStatus::Failed(e) => write!(f, "{e}"),
        }
    }
}

/// Lower-case hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(D[(b >> 4) as usize] as char);
        s.push(D[(b & 15) as usize] as char);
    }
    s
}

/// Parses hex (either case) of exactly `N` bytes.
pub fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.trim().as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let val = |c: u8| -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    };
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (val(s[2 * i])? << 4) | val(s[2 * i + 1])?;
    }
    Some(out)
}

/// SHA-256 as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    to_hex(&sha2::Sha256::digest(bytes))
}

/// A file name safe to join to a directory: `[A-Za-z0-9._-]`, no leading dot, at most 100 bytes.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
}
