//! The update client (feature `update`): fetch `manifest.json` + `manifest.sig` from a base URL,
//! verify, download the bundle with a size cap, verify, install into the store.
//!
//! HTTPS is required except for loopback hosts (tests, local demo). Blocking `reqwest` with
//! rustls; the app runs [`check_for_update`] on a background thread (tokio `spawn_blocking`).

use super::store::{Offer, Store};
use super::{BundleError, UpdateStatus, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES};
use chrono::{DateTime, Utc};
use std::io::Read;
use std::time::Duration;

/// Network settings of the update client.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL of the published directory, e.g. `https://intranet.example/tariffs/paijat-hame/stable/`.
    pub base_url: String,
    pub connect_timeout: Duration,
    /// Whole request including the body (a stalled server ends here).
    pub timeout: Duration,
    /// Extra attempts after the first for transient faults (unreachable, timeout, 5xx).
    pub retries: u32,
    /// First backoff; doubled each retry.
    pub backoff: Duration,
    /// Explicit proxy URL; without it the usual `HTTPS_PROXY`/`NO_PROXY` environment applies
    /// (never for loopback).
    pub proxy: Option<String>,
    /// An extra root CA (PEM) for the intranet's own certificate authority.
    pub extra_root_ca_pem: Option<Vec<u8>>,
}

impl ClientConfig {
    pub fn new(base_url: &str) -> Self {
        ClientConfig {
            base_url: base_url.to_string(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retries: 2,
            backoff: Duration::from_millis(500),
            proxy: None,
            extra_root_ca_pem: None,
        }
    }
}

/// Is the URL allowed: `https://…`, or `http://` to 127.0.0.0/8, `localhost` or `[::1]`.
pub fn check_url(url: &str) -> Result<reqwest::Url, BundleError> {
    let bad = || BundleError::InsecureUrl { url: url.chars().take(200).collect() };
    let u = reqwest::Url::parse(url).map_err(|_| bad())?;
    match u.scheme() {
        "https" => Ok(u),
        "http" if is_loopback(&u) => Ok(u),
        _ => Err(bad()),
    }
}

fn is_loopback(u: &reqwest::Url) -> bool {
    let Some(h) = u.host_str() else { return false };
    let h = h.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost") || h.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

struct Fetcher {
    client: reqwest::blocking::Client,
    base: reqwest::Url,
    cfg: ClientConfig,
}

impl Fetcher {
    fn new(cfg: &ClientConfig) -> Result<Fetcher, BundleError> {
        let mut base_str = cfg.base_url.clone();
        if !base_str.ends_with('/') {
            base_str.push('/');
        }
        let base = check_url(&base_str)?;
        // reqwest uses the process's rustls provider: ring (another installed one is fine too)
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut b = reqwest::blocking::Client::builder()
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .https_only(!is_loopback(&base))
            .user_agent(concat!("kustannusarvio/", env!("CARGO_PKG_VERSION")));
        // The proxy setting is checked even when it is not used (loopback).
        let proxy = match &cfg.proxy {
            Some(p) => {
                Some(reqwest::Proxy::all(p).map_err(|e| BundleError::ClientConfig { message: format!("proxy: {e}") })?)
            }
            None => None,
        };
        match proxy {
            _ if is_loopback(&base) => b = b.no_proxy(),
            Some(proxy) => b = b.proxy(proxy),
            None => {}
        }
        if let Some(pem) = &cfg.extra_root_ca_pem {
            let ca = reqwest::Certificate::from_pem(pem)
                .map_err(|e| BundleError::ClientConfig { message: format!("root CA: {e}") })?;
            b = b.add_root_certificate(ca);
        }
        let client = b.build().map_err(|e| BundleError::ClientConfig { message: error_chain(&e) })?;
        Ok(Fetcher { client, base, cfg: cfg.clone() })
    }

    /// GET with retries and exponential backoff for transient faults.
    fn get(&self, name: &str, cap: u64) -> Result<Vec<u8>, BundleError> {
        let url = self.base.join(name).map_err(|e| BundleError::malformed("url", e))?;
        let mut delay = self.cfg.backoff;
        let mut attempt = 0;
        loop {
            match self.get_once(&url, cap) {
                Err(e) if e.is_transient() && attempt < self.cfg.retries => {
                    attempt += 1;
                    std::thread::sleep(delay);
                    delay = delay.saturating_mul(2);
                }
                other => return other,
            }
        }
    }

    fn get_once(&self, url: &reqwest::Url, cap: u64) -> Result<Vec<u8>, BundleError> {
        let resp = self.client.get(url.clone()).send().map_err(|e| net_error(&e))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(BundleError::HttpError { status: status.as_u16(), url: url.to_string() });
        }
        let what = url.path_segments().and_then(|mut s| s.next_back()).unwrap_or("file").to_string();
        if resp.content_length().is_some_and(|n| n > cap) {
            return Err(BundleError::RejectedTooLarge { what, limit: cap });
        }
        let mut buf = Vec::new();
        resp.take(cap.saturating_add(1)).read_to_end(&mut buf).map_err(|e| io_error(&e))?;
        if buf.len() as u64 > cap {
            return Err(BundleError::RejectedTooLarge { what, limit: cap });
        }
        Ok(buf)
    }
}

fn net_error(e: &reqwest::Error) -> BundleError {
    let message = error_chain(e);
    let lower = message.to_ascii_lowercase();
    if e.is_timeout() {
        BundleError::Timeout { message }
    } else if lower.contains("certificate") || lower.contains("handshake") || lower.contains("tls") {
        // reqwest does not type TLS failures; rustls' messages name the certificate.
        BundleError::TlsError { message }
    } else if e.is_connect() {
        BundleError::ServerUnreachable { message }
    } else if e.is_body() || e.is_decode() {
        BundleError::DownloadIncomplete { message }
    } else {
        BundleError::ServerUnreachable { message }
    }
}

fn io_error(e: &std::io::Error) -> BundleError {
    let message = error_chain(e);
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
        || message.contains("timed out")
        || e.get_ref().and_then(|x| x.downcast_ref::<reqwest::Error>()).is_some_and(|r| r.is_timeout());
    if timed_out {
        BundleError::Timeout { message }
    } else {
        BundleError::DownloadIncomplete { message }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// One update check: fetch, verify, install or report. The last good tariff stays active on
/// every failure; the outcome is also recorded in the store's `state.json`.
pub fn check_for_update(store: &Store, cfg: &ClientConfig, now: DateTime<Utc>) -> UpdateStatus {
    let status = match run(store, cfg, now) {
        Ok(s) => s,
        Err(e) => UpdateStatus::Failed(e),
    };
    if !matches!(status, UpdateStatus::Updated { .. }) {
        store.record_check(&status, now);
    }
    status
}

fn run(store: &Store, cfg: &ClientConfig, now: DateTime<Utc>) -> Result<UpdateStatus, BundleError> {
    let f = Fetcher::new(cfg)?;
    let _lock = store.lock()?;
    let manifest = f.get("manifest.json", MAX_MANIFEST_BYTES)?;
    let sig = match f.get("manifest.sig", MAX_SIGNATURE_BYTES) {
        Err(BundleError::HttpError { status: 404, .. }) => return Err(BundleError::RejectedUnsigned),
        other => other?,
    };
    let prepared = match store.offer(&manifest, &sig, now)? {
        Offer::UpToDate { serial } => return Ok(UpdateStatus::UpToDate { serial }),
        Offer::Install(p) => p,
    };
    let entry = prepared
        .manifest()
        .files
        .first()
        .cloned()
        .ok_or_else(|| BundleError::malformed("manifest.json", "no files"))?;
    if entry.size > store.max_bundle_bytes() {
        return Err(BundleError::RejectedTooLarge { what: entry.name, limit: store.max_bundle_bytes() });
    }
    // Never read more than the manifest promised (+1 to detect a longer file).
    let bundle = match f.get(&entry.name, entry.size) {
        Err(BundleError::RejectedTooLarge { .. }) => {
            return Err(BundleError::RejectedSizeMismatch {
                file: entry.name.clone(),
                expected: entry.size,
                actual: entry.size.saturating_add(1),
            })
        }
        other => other?,
    };
    store.install(&prepared, &bundle, now)
}
