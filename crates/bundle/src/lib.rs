//! Tariff updates on The Update Framework (TUF, via the `tough` crate): publishing (root,
//! targets, snapshot and timestamp metadata with consistent snapshots), verification, the device
//! store that never loses its last good tariff, and (feature `update`) the HTTPS client.
//!
//! An organisation publishes one TUF repository per channel as a static directory:
//! - `metadata/N.root.json` — every root version (keys and thresholds of all roles; a new
//!   version rotates or revokes keys and is signed by the old and the new root keys);
//! - `metadata/timestamp.json`, `metadata/N.snapshot.json`, `metadata/N.targets.json`;
//! - `targets/<sha256>.tariff.json` — the [`bundle::Bundle`]: every tariff source of the
//!   organisation and of the layers it extends, plus its hand-worked cases as self-checks.
//!
//! The app ships each organisation's root metadata as its trust anchor ([`anchors`]).
//! Nothing here panics on any input; every failure is a [`BundleError`] value with a stable
//! `code`.

pub mod anchors;
pub mod bundle;
#[cfg(feature = "update")]
pub mod client;
pub mod diff;
pub mod keys;
pub mod publish;
pub mod store;
#[cfg(feature = "update")]
pub mod transport;
pub mod tuf;

pub use bundle::{Bundle, BundleFile, BundleLayer, TariffInfo};
pub use keys::KeyPair;
pub use store::{ActiveInfo, ActiveSource, Loaded, Store};

use serde::Serialize;

/// The TUF target name of the tariff bundle.
pub const TARGET_NAME: &str = "tariff.json";
/// Default cap on the bundle file (the targets metadata gives the exact length).
pub const MAX_BUNDLE_BYTES: u64 = 8 * 1024 * 1024;
/// Caps on metadata files (endless-data attack): root, timestamp and snapshot; targets.
pub const MAX_ROOT_BYTES: u64 = 64 * 1024;
pub const MAX_TIMESTAMP_BYTES: u64 = 16 * 1024;
pub const MAX_SNAPSHOT_BYTES: u64 = 64 * 1024;
pub const MAX_TARGETS_BYTES: u64 = 1024 * 1024;
/// Bundle format version understood by this build (2: the bundle carries the base layers it
/// extends, e.g. `national`).
pub const FORMAT: u32 = 2;

/// Why a tariff was not installed or could not be used. Serialises as `{"code": "...", ...}`;
/// the codes are stable and used by the app as translation keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum BundleError {
    /// Too few valid signatures of the role's keys (unsigned, unknown or revoked key, a bad
    /// signature, a key compromise below the threshold, another organisation's repository).
    #[error("{role} metadata: {valid} valid signature(s) of the {role} keys, {required} required")]
    RejectedSignature {
        role: String,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        valid: u64,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        required: u64,
    },
    #[error("bundle is for organisation `{found}`, expected `{expected}`")]
    RejectedWrongOrganisation { expected: String, found: String },
    /// An older version than the trusted one (rollback attack).
    #[error("{role} metadata version {offered} is older than the trusted {trusted} (rollback)")]
    RejectedRollback {
        role: String,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        trusted: u64,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        offered: u64,
    },
    /// Metadata past its expiry (indefinite-freeze attack, or a repository not refreshed).
    #[error("{role} metadata on the server has expired (not refreshed, or a freeze attack)")]
    RejectedExpired { role: String },
    /// Metadata files that do not belong together (mix-and-match attack).
    #[error("{role} metadata does not match the version or hash listed for it (mix-and-match): {message}")]
    RejectedMixAndMatch { role: String, message: String },
    #[error("SHA-256 or length of {file} does not match the signed targets metadata")]
    RejectedHashMismatch { file: String },
    #[error("{what} is larger than the limit of {limit} bytes")]
    RejectedTooLarge {
        what: String,
        #[cfg_attr(feature = "specta", specta(type = f64))]
        limit: u64,
    },
    #[error("{what} is malformed: {message}")]
    RejectedMalformed { what: String, message: String },
    #[error("the signed targets metadata lists no tariff")]
    RejectedNoTarget,
    #[error("the tariff in the bundle is invalid: {message}")]
    RejectedInvalidTariff { message: String },
    #[error("the tariff failed its self-check: {message}")]
    RejectedSelfCheck { message: String },
    #[error("refusing insecure URL {url}: HTTPS is required except on loopback")]
    InsecureUrl { url: String },
    #[error("the server redirected from HTTPS to plain HTTP ({url}): refused")]
    RedirectDowngrade { url: String },
    #[error("the server redirected to another host ({url}): refused")]
    RedirectOtherHost { url: String },
    #[error("server unreachable: {message}")]
    ServerUnreachable { message: String },
    #[error("TLS failed (certificate not trusted? give the intranet root CA): {message}")]
    TlsError { message: String },
    #[error("timed out: {message}")]
    Timeout { message: String },
    /// The server sends, but slower than the minimum rate (slow-retrieval attack).
    #[error("the server is too slow: {message}")]
    SlowServer { message: String },
    #[error("download interrupted: {message}")]
    DownloadIncomplete { message: String },
    #[error("HTTP {status} from {url}")]
    HttpError { status: u16, url: String },
    #[error("the disk is full: {message}")]
    DiskFull { message: String },
    #[error("storage error: {message}")]
    StorageError { message: String },
    #[error("another update of this state directory is in progress")]
    Busy,
    #[error("update client settings: {message}")]
    ClientConfig { message: String },
    #[error("no trusted root metadata for organisation `{organisation}`: updates are not set up")]
    NoTrustAnchor { organisation: String },
    #[error("no usable tariff: {message}")]
    NoTariff { message: String },
}

impl BundleError {
    /// The stable code, e.g. `rejected_rollback`.
    pub fn code(&self) -> &'static str {
        use BundleError::*;
        match self {
            RejectedSignature { .. } => "rejected_signature",
            RejectedWrongOrganisation { .. } => "rejected_wrong_organisation",
            RejectedRollback { .. } => "rejected_rollback",
            RejectedExpired { .. } => "rejected_expired",
            RejectedMixAndMatch { .. } => "rejected_mix_and_match",
            RejectedHashMismatch { .. } => "rejected_hash_mismatch",
            RejectedTooLarge { .. } => "rejected_too_large",
            RejectedMalformed { .. } => "rejected_malformed",
            RejectedNoTarget => "rejected_no_target",
            RejectedInvalidTariff { .. } => "rejected_invalid_tariff",
            RejectedSelfCheck { .. } => "rejected_self_check",
            InsecureUrl { .. } => "insecure_url",
            RedirectDowngrade { .. } => "redirect_downgrade",
            RedirectOtherHost { .. } => "redirect_other_host",
            ServerUnreachable { .. } => "server_unreachable",
            TlsError { .. } => "tls_error",
            Timeout { .. } => "timeout",
            SlowServer { .. } => "slow_server",
            DownloadIncomplete { .. } => "download_incomplete",
            HttpError { .. } => "http_error",
            DiskFull { .. } => "disk_full",
            StorageError { .. } => "storage_error",
            Busy => "busy",
            ClientConfig { .. } => "client_config_error",
            NoTrustAnchor { .. } => "no_trust_anchor",
            NoTariff { .. } => "no_tariff",
        }
    }

    /// Transient network faults worth a retry with backoff (not a slow server: retrying it would
    /// only hold the update longer).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            BundleError::ServerUnreachable { .. }
                | BundleError::Timeout { .. }
                | BundleError::DownloadIncomplete { .. }
        ) || matches!(self, BundleError::HttpError { status, .. } if *status >= 500 || *status == 429)
    }

    /// A failure to write: `disk_full` for a full disk (ENOSPC, ERROR_DISK_FULL), else
    /// `storage_error`.
    pub fn io(context: impl std::fmt::Display, e: &std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::StorageFull || e.kind() == std::io::ErrorKind::QuotaExceeded {
            BundleError::DiskFull { message: format!("{context}: {e}") }
        } else {
            BundleError::StorageError { message: format!("{context}: {e}") }
        }
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
