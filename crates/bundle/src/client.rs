//! The update client (feature `update`): one TUF update of the device store over HTTPS from
//! the organisation's repository URL (`<url>/metadata/`, `<url>/targets/`). The last good tariff
//! stays in force on every failure; the outcome is recorded in the store's state file.
//! Blocking: the app runs [`check_for_update`] on a blocking thread (tokio `spawn_blocking`).

use super::store::{Store, UpdateOptions};
use super::transport::HttpTransport;
pub use super::transport::{check_url, NetConfig};
use super::UpdateStatus;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Settings of the update client.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The repository's base URL, e.g. `https://intranet.example/tariffs/paijat-hame/stable/`.
    pub base_url: String,
    pub net: NetConfig,
    /// Extra attempts after the first for transient faults (unreachable, timeout, 5xx), within
    /// the same deadline.
    pub retries: u32,
    pub backoff: Duration,
    /// How long to wait for another check of the same store.
    pub lock_wait: Duration,
}

impl ClientConfig {
    pub fn new(base_url: &str) -> Self {
        ClientConfig {
            base_url: base_url.to_string(),
            net: NetConfig::default(),
            retries: 2,
            backoff: Duration::from_millis(500),
            lock_wait: Duration::from_secs(120),
        }
    }
}

/// One update check: TUF metadata, the tariff, its cases, a new slot — or a status saying why
/// not.
pub fn check_for_update(store: &Store, cfg: &ClientConfig, now: DateTime<Utc>) -> UpdateStatus {
    let mut base = cfg.base_url.trim().to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    let base = match check_url(&base) {
        Ok(u) => u,
        Err(e) => return UpdateStatus::Failed(e),
    };
    let urls = base.join("metadata/").and_then(|m| Ok((m, base.join("targets/")?)));
    let (metadata, targets) = match urls {
        Ok(u) => u,
        Err(e) => return UpdateStatus::Failed(super::BundleError::ClientConfig { message: e.to_string() }),
    };
    let transport = match HttpTransport::new(&base, &cfg.net) {
        Ok(t) => t,
        Err(e) => return UpdateStatus::Failed(e),
    };
    let opt = UpdateOptions { lock_wait: cfg.lock_wait, retries: cfg.retries, backoff: cfg.backoff };
    store.update_with(transport, metadata, targets, now, &opt)
}
