//! The HTTPS transport `tough` fetches through (feature `update`): HTTPS only (plain HTTP on
//! loopback for tests and the demo), a hard size cap per kind of file (endless data), one
//! deadline for the whole check and a minimum transfer rate for every download (slow
//! retrieval: a server trickling bytes cannot hold the update and its lock), redirects only
//! within the same host and never from HTTPS to HTTP, and a distinct status for each failure.

use super::tuf::{file_name, NetFailure};
use super::BundleError;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use tough::{Transport, TransportError, TransportErrorKind, TransportStream};

/// Network settings of the update client.
#[derive(Debug, Clone)]
pub struct NetConfig {
    pub connect_timeout: Duration,
    /// The whole check (every file, every retry) ends by this.
    pub deadline: Duration,
    /// Response headers must arrive within this after a request.
    pub response_timeout: Duration,
    /// After `grace`, every download must have averaged at least `min_rate` bytes per second.
    pub min_rate: u64,
    pub grace: Duration,
    /// Explicit proxy URL; without it the usual `HTTPS_PROXY`/`NO_PROXY` environment applies
    /// (never for loopback).
    pub proxy: Option<String>,
    /// An extra root CA (PEM) for the intranet's own certificate authority.
    pub extra_root_ca_pem: Option<Vec<u8>>,
    /// Cap on the bundle file.
    pub max_bundle_bytes: u64,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            connect_timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(60),
            response_timeout: Duration::from_secs(15),
            min_rate: 1024,
            grace: Duration::from_secs(5),
            proxy: None,
            extra_root_ca_pem: None,
            max_bundle_bytes: super::MAX_BUNDLE_BYTES,
        }
    }
}

/// Is the URL allowed: `https://…`, or `http://` to 127.0.0.0/8, `localhost` or `[::1]`.
pub fn check_url(url: &str) -> Result<url::Url, BundleError> {
    let bad = || BundleError::InsecureUrl { url: url.chars().take(200).collect() };
    let u = url::Url::parse(url).map_err(|_| bad())?;
    match u.scheme() {
        "https" => Ok(u),
        "http" if is_loopback(&u) => Ok(u),
        _ => Err(bad()),
    }
}

pub fn is_loopback(u: &url::Url) -> bool {
    let Some(h) = u.host_str() else { return false };
    let h = h.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost") || h.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Why a redirect was refused (carried through reqwest's error chain).
#[derive(Debug)]
struct RedirectRefused(BundleError);
impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
impl std::error::Error for RedirectRefused {}

#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    cfg: Arc<NetConfig>,
    /// Set by the first request: the whole check ends by then.
    deadline: Arc<std::sync::OnceLock<Instant>>,
}

impl HttpTransport {
    /// A transport for one check; its deadline starts with the first request.
    pub fn new(base: &url::Url, cfg: &NetConfig) -> Result<HttpTransport, BundleError> {
        // reqwest uses the process's rustls provider: ring (another installed one is fine too)
        let _ = rustls::crypto::ring::default_provider().install_default();
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            let url = attempt.url().clone();
            let prev = attempt.previous().last().cloned();
            let shown = url.as_str().chars().take(200).collect::<String>();
            match prev {
                Some(p) if p.scheme() == "https" && url.scheme() != "https" => {
                    attempt.error(RedirectRefused(BundleError::RedirectDowngrade { url: shown }))
                }
                Some(p)
                    if p.host_str() != url.host_str() || p.port_or_known_default() != url.port_or_known_default() =>
                {
                    attempt.error(RedirectRefused(BundleError::RedirectOtherHost { url: shown }))
                }
                _ if attempt.previous().len() > 5 => {
                    attempt.error(RedirectRefused(BundleError::HttpError { status: 310, url: shown }))
                }
                _ => attempt.follow(),
            }
        });
        let mut b = reqwest::Client::builder()
            .connect_timeout(cfg.connect_timeout)
            // no connection outlives its request (each check runs on its own runtime)
            .pool_max_idle_per_host(0)
            .redirect(policy)
            .user_agent(concat!("kustannusarvio/", env!("CARGO_PKG_VERSION")));
        let proxy = match &cfg.proxy {
            Some(p) => {
                Some(reqwest::Proxy::all(p).map_err(|e| BundleError::ClientConfig { message: format!("proxy: {e}") })?)
            }
            None => None,
        };
        match proxy {
            _ if is_loopback(base) => b = b.no_proxy(),
            Some(proxy) => b = b.proxy(proxy),
            None => {}
        }
        if let Some(pem) = &cfg.extra_root_ca_pem {
            let ca = reqwest::Certificate::from_pem(pem)
                .map_err(|e| BundleError::ClientConfig { message: format!("root CA: {e}") })?;
            b = b.add_root_certificate(ca);
        }
        let client = b.build().map_err(|e| BundleError::ClientConfig { message: error_chain(&e) })?;
        Ok(HttpTransport { client, cfg: Arc::new(cfg.clone()), deadline: Arc::default() })
    }

    /// The size cap of a file by its kind.
    fn cap(&self, name: &str) -> u64 {
        if name.ends_with(".root.json") {
            super::MAX_ROOT_BYTES
        } else if name == "timestamp.json" {
            super::MAX_TIMESTAMP_BYTES
        } else if name.ends_with("snapshot.json") {
            super::MAX_SNAPSHOT_BYTES
        } else if name.ends_with("targets.json") {
            super::MAX_TARGETS_BYTES
        } else {
            self.cfg.max_bundle_bytes
        }
    }

    async fn get(&self, url: &url::Url) -> Result<Vec<u8>, BundleError> {
        check_url(url.as_str())?;
        let name = file_name(url);
        let cap = self.cap(&name);
        let timeout = |what: &str| BundleError::Timeout { message: format!("{what} {name}") };
        let deadline = *self.deadline.get_or_init(|| Instant::now() + self.cfg.deadline);
        if Instant::now() >= deadline {
            return Err(timeout("no time left for"));
        }
        let until_headers = (Instant::now() + self.cfg.response_timeout).min(deadline);
        let mut resp = match tokio::time::timeout_at(until_headers, self.client.get(url.clone()).send()).await {
            Err(_) => return Err(timeout("no response for")),
            Ok(Err(e)) => return Err(net_error(&e)),
            Ok(Ok(r)) => r,
        };
        let status = resp.status();
        if !status.is_success() {
            return Err(BundleError::HttpError { status: status.as_u16(), url: url.to_string() });
        }
        if resp.content_length().is_some_and(|n| n > cap) {
            return Err(BundleError::RejectedTooLarge { what: name, limit: cap });
        }
        let start = Instant::now();
        let mut buf: Vec<u8> = Vec::new();
        loop {
            // wake at least every 250 ms to check the rate, even if nothing arrives
            let tick = (Instant::now() + Duration::from_millis(250)).min(deadline);
            match tokio::time::timeout_at(tick, resp.chunk()).await {
                Ok(Ok(Some(chunk))) => {
                    buf.extend_from_slice(&chunk);
                    if buf.len() as u64 > cap {
                        return Err(BundleError::RejectedTooLarge { what: name, limit: cap });
                    }
                }
                Ok(Ok(None)) => return Ok(buf),
                Ok(Err(e)) => return Err(net_error(&e)),
                Err(_) => {}
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(BundleError::Timeout {
                    message: format!("{name}: the check's deadline of {} s passed", self.cfg.deadline.as_secs()),
                });
            }
            let elapsed = now - start;
            if elapsed > self.cfg.grace {
                let rate = buf.len() as f64 / elapsed.as_secs_f64();
                if rate < self.cfg.min_rate as f64 {
                    return Err(BundleError::SlowServer {
                        message: format!("{name}: {:.0} bytes/s, at least {} required", rate, self.cfg.min_rate),
                    });
                }
            }
        }
    }
}

#[tough::async_trait]
impl Transport for HttpTransport {
    async fn fetch(&self, url: url::Url) -> Result<TransportStream, TransportError> {
        match self.get(&url).await {
            Ok(bytes) => Ok(Box::pin(futures::stream::iter([Ok(tough::Bytes::from(bytes))]))),
            Err(e) => {
                let kind = match &e {
                    BundleError::HttpError { status: 404, .. } => TransportErrorKind::FileNotFound,
                    _ => TransportErrorKind::Other,
                };
                Err(TransportError::new_with_cause(kind, url, NetFailure(e)))
            }
        }
    }
}

fn net_error(e: &reqwest::Error) -> BundleError {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(RedirectRefused(b)) = c.downcast_ref::<RedirectRefused>() {
            return b.clone();
        }
        cur = c.source();
    }
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
