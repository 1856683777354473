//! Shared helpers of the bundle tests: test keys, publications built from
//! tariffs/paijat-hame, and a tiny HTTP/1.1 server on loopback that can misbehave on purpose.
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use kustannusarvio_bundle::keys::{KeyPair, Trust};
use kustannusarvio_bundle::manifest::Manifest;
use kustannusarvio_bundle::publish::{self, BuildOptions};
use kustannusarvio_bundle::Store;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const ORG: &str = "paijat-hame";
pub const CHANNEL: &str = "stable";

pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn key(name: &str) -> KeyPair {
    let p = root().join(format!("tests/fixtures/bundle/keys/test-{name}.key"));
    publish::read_key(&p).expect("test key")
}

/// author + reviewer, both required.
pub fn trust2() -> Trust {
    Trust::new([key("author").public, key("reviewer").public], 2)
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// One publication: the three files a web root holds.
#[derive(Clone, Debug)]
pub struct Pub {
    pub manifest: Vec<u8>,
    pub sig: Vec<u8>,
    pub bundle_name: String,
    pub bundle: Vec<u8>,
}

impl Pub {
    pub fn manifest_value(&self) -> Manifest {
        serde_json::from_slice(&self.manifest).unwrap()
    }
}

pub fn options(serial: u64) -> BuildOptions {
    BuildOptions { channel: CHANNEL.into(), ..BuildOptions::new(serial, now()) }
}

/// Builds from `dir` and signs with `signers`.
pub fn publish_with(dir: &Path, opt: BuildOptions, signers: &[KeyPair]) -> Pub {
    let built = publish::build(dir, &opt).expect("build");
    let mut sig: Option<Vec<u8>> = None;
    for k in signers {
        sig = Some(publish::add_signature(sig.as_deref(), &built.manifest_bytes, k).unwrap());
    }
    Pub {
        manifest: built.manifest_bytes,
        sig: sig.unwrap_or_default(),
        bundle_name: built.bundle_name,
        bundle: built.bundle_bytes,
    }
}

pub fn tariff_dir() -> PathBuf {
    root().join("tariffs").join(ORG)
}

/// A correctly signed publication of tariffs/paijat-hame.
pub fn good(serial: u64) -> Pub {
    publish_with(&tariff_dir(), options(serial), &[key("author"), key("reviewer")])
}

/// Re-signs edited manifest bytes with author + reviewer.
pub fn resign(manifest: Vec<u8>, p: &Pub) -> Pub {
    let mut sig = None;
    for k in [key("author"), key("reviewer")] {
        sig = Some(publish::add_signature(sig.as_deref(), &manifest, &k).unwrap());
    }
    Pub { manifest, sig: sig.unwrap(), ..p.clone() }
}

/// Edits the manifest JSON, then signs it properly (a validly signed but bad manifest).
pub fn edit_signed(p: &Pub, f: impl FnOnce(&mut serde_json::Value)) -> Pub {
    let mut v: serde_json::Value = serde_json::from_slice(&p.manifest).unwrap();
    f(&mut v);
    resign(serde_json::to_vec_pretty(&v).unwrap(), p)
}

pub fn store(dir: &Path) -> Store {
    Store::new(dir, trust2(), Some(ORG), CHANNEL)
}

/// The active tariff is `serial` and it computes a home-care estimate.
pub fn assert_active(store: &Store, serial: u64) {
    let l = store.load(now()).expect("a tariff is active");
    assert_eq!(l.manifest.serial, serial, "active serial");
    let json = r#"{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1200"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}"#;
    let e = kustannusarvio_engine::estimate_json(&l.tariff, json).expect("computes");
    assert_eq!(e.lines[0].client_fee_monthly.to_string(), "80.16");
}

// ---------------------------------------------------------------------------------------------
// Loopback HTTP server

/// How the server answers one path.
#[derive(Clone, Debug)]
pub enum Reply {
    Ok(Vec<u8>),
    Status(u16),
    /// Declares `declared` bytes in Content-Length, sends `body`, closes.
    Truncated {
        declared: usize,
        body: Vec<u8>,
    },
    /// Sends the headers and `body_prefix` of a `declared`-byte body, then stalls for `secs`.
    Stall {
        declared: usize,
        body_prefix: Vec<u8>,
        secs: u64,
    },
    /// No Content-Length; streams `total` bytes then closes (endless-data attack, bounded).
    Stream {
        total: usize,
    },
}

pub struct Server {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    pub hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves at most 200 connections, each with a 10 s read timeout; the thread ends with the test process.
    pub fn start() -> Server {
        Server::start_with(None)
    }

    /// The same over TLS with the test certificate for localhost / 127.0.0.1
    /// (tests/fixtures/bundle/tls, signed by a throw-away test CA).
    pub fn start_tls() -> Server {
        Server::start_with(Some(tls_config()))
    }

    fn start_with(tls: Option<Arc<rustls::ServerConfig>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Default::default();
        let hits: Arc<Mutex<Vec<String>>> = Default::default();
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().take(200) {
                let Ok(stream) = stream else { continue };
                let (r, h, tls) = (r.clone(), h.clone(), tls.clone());
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                    match tls {
                        None => {
                            let mut s = stream;
                            respond(&mut s, &r, &h);
                            let _ = s.shutdown(std::net::Shutdown::Both);
                        }
                        Some(cfg) => {
                            let Ok(conn) = rustls::ServerConnection::new(cfg) else { return };
                            let mut s = rustls::StreamOwned::new(conn, stream);
                            respond(&mut s, &r, &h);
                            s.conn.send_close_notify();
                            let _ = s.flush();
                        }
                    }
                });
            }
        });
        Server { port, routes, hits }
    }
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
    pub fn https_url(&self) -> String {
        format!("https://localhost:{}/", self.port)
    }
    pub fn set(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }
    pub fn serve(&self, p: &Pub) {
        self.set("manifest.json", Reply::Ok(p.manifest.clone()));
        self.set("manifest.sig", Reply::Ok(p.sig.clone()));
        self.set(&p.bundle_name, Reply::Ok(p.bundle.clone()));
    }
    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().iter().filter(|h| *h == path).count()
    }
}

fn tls_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = root().join("tests/fixtures/bundle/tls");
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(dir.join("server.pem")).unwrap().map(|c| c.unwrap()).collect();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    Arc::new(cfg)
}

fn respond<S: Read + Write>(s: &mut S, routes: &Mutex<HashMap<String, Reply>>, hits: &Mutex<Vec<String>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let req = String::from_utf8_lossy(&buf);
    let path = req.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
    hits.lock().unwrap().push(path.clone());
    let reply = routes.lock().unwrap().get(&path).cloned().unwrap_or(Reply::Status(404));
    let head = |code: u16, len: Option<usize>| {
        let reason = match code {
            200 => "OK",
            404 => "Not Found",
            500 => "Internal Server Error",
            _ => "Status",
        };
        let len = len.map(|l| format!("Content-Length: {l}\r\n")).unwrap_or_default();
        format!("HTTP/1.1 {code} {reason}\r\n{len}Content-Type: application/json\r\nConnection: close\r\n\r\n")
    };
    let _ = match reply {
        Reply::Ok(b) => s.write_all(head(200, Some(b.len())).as_bytes()).and_then(|_| s.write_all(&b)),
        Reply::Status(c) => s.write_all(head(c, Some(0)).as_bytes()),
        Reply::Truncated { declared, body } => {
            s.write_all(head(200, Some(declared)).as_bytes()).and_then(|_| s.write_all(&body))
        }
        Reply::Stall { declared, body_prefix, secs } => {
            let r = s
                .write_all(head(200, Some(declared)).as_bytes())
                .and_then(|_| s.write_all(&body_prefix))
                .and_then(|_| s.flush());
            std::thread::sleep(std::time::Duration::from_secs(secs));
            r
        }
        Reply::Stream { total } => {
            let r = s.write_all(head(200, None).as_bytes());
            let block = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < total {
                if s.write_all(&block).is_err() {
                    break;
                }
                sent += block.len();
            }
            r
        }
    };
    let _ = s.flush();
}

/// Client settings for tests: short timeouts and backoff.
#[cfg(feature = "update")]
pub fn client(url: &str) -> kustannusarvio_bundle::client::ClientConfig {
    let mut c = kustannusarvio_bundle::client::ClientConfig::new(url);
    c.connect_timeout = std::time::Duration::from_secs(2);
    c.timeout = std::time::Duration::from_secs(2);
    c.retries = 1;
    c.backoff = std::time::Duration::from_millis(20);
    c
}

pub fn days(n: i64) -> Duration {
    Duration::days(n)
}
