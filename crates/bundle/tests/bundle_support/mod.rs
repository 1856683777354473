//! Shared helpers of the bundle tests: deterministic test keys, a TUF repository of
//! tariffs/paijat-hame written with the crate's publisher (tough's editor), and a tiny HTTP/1.1
//! server on loopback that serves a repository directory and can misbehave on purpose.
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use kustannusarvio_bundle::publish::{self, PublishOptions, RootChange};
use kustannusarvio_bundle::{KeyPair, Store};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub const ORG: &str = "paijat-hame";

pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A test key derived from its name (the same on every run).
pub fn key(name: &str) -> KeyPair {
    use sha2::Digest;
    let seed: [u8; 32] = sha2::Sha256::digest(format!("kustannusarvio test key {name}").as_bytes()).into();
    KeyPair::from_seed(&seed)
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn days(n: i64) -> Duration {
    Duration::days(n)
}

pub fn tariff_dir() -> PathBuf {
    root().join("tariffs").join(ORG)
}

/// The bundle of tariffs/paijat-hame, built once (its cases run once).
pub fn built() -> publish::Built {
    static B: OnceLock<publish::Built> = OnceLock::new();
    B.get_or_init(|| publish::build(&tariff_dir(), now(), None).expect("tariffs/paijat-hame builds")).clone()
}

/// The roles' keys of a test organisation: root 2 of 2, targets 2 of 2, snapshot, timestamp.
pub struct Keys {
    pub prefix: String,
}

impl Keys {
    pub fn new(prefix: &str) -> Keys {
        Keys { prefix: prefix.into() }
    }
    pub fn k(&self, role: &str) -> KeyPair {
        key(&format!("{}-{role}", self.prefix))
    }
    /// The keys that sign a publication (targets ×2, snapshot, timestamp).
    pub fn online(&self) -> Vec<KeyPair> {
        ["targets1", "targets2", "snapshot", "timestamp"].iter().map(|r| self.k(r)).collect()
    }
    pub fn root_signers(&self) -> Vec<KeyPair> {
        vec![self.k("root1"), self.k("root2")]
    }
    pub fn initial_root(&self) -> RootChange {
        let p = |r: &str| self.k(r).public();
        RootChange {
            root: Some((vec![p("root1"), p("root2")], 2)),
            targets: Some((vec![p("targets1"), p("targets2")], 2)),
            snapshot: Some((vec![p("snapshot")], 1)),
            timestamp: Some((vec![p("timestamp")], 1)),
            expires_days: 730,
            consistent_snapshot: true,
        }
    }
}

/// A repository directory of one organisation.
pub struct Repo {
    pub tmp: tempfile::TempDir,
    pub keys: Keys,
}

impl Repo {
    /// Root version 1 only.
    pub fn new(prefix: &str) -> Repo {
        let keys = Keys::new(prefix);
        let tmp = tempfile::tempdir().unwrap();
        publish::write_root(tmp.path(), &keys.initial_root(), &keys.root_signers(), now()).expect("root v1");
        Repo { tmp, keys }
    }
    /// Root version 1 and one publication of tariffs/paijat-hame.
    pub fn published() -> Repo {
        let r = Repo::new("org");
        r.publish();
        r
    }
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }
    pub fn anchor(&self) -> Vec<u8> {
        std::fs::read(self.path().join("metadata/1.root.json")).unwrap()
    }
    /// Publishes tariffs/paijat-hame again (new targets, snapshot, timestamp versions).
    pub fn publish(&self) -> publish::Published {
        self.publish_with(&self.keys.online(), PublishOptions::new(now()))
    }
    pub fn publish_with(&self, keys: &[KeyPair], opt: PublishOptions) -> publish::Published {
        let mut b = built();
        b.info.published = opt.now;
        publish::publish_built(self.path(), b, keys, &opt).expect("publish")
    }
    /// Publishes a tariff from another directory.
    pub fn publish_dir(&self, dir: &Path) -> publish::Published {
        publish::publish(dir, self.path(), &self.keys.online(), &PublishOptions::new(now())).expect("publish")
    }
    pub fn file(&self, name: &str) -> PathBuf {
        self.path().join("metadata").join(name)
    }
    /// The newest targets version.
    pub fn targets_version(&self) -> u64 {
        let (_, _, _) = publish::latest_root(self.path()).unwrap();
        (1..).take_while(|v| self.file(&format!("{v}.targets.json")).exists()).last().unwrap_or(0)
    }
    /// A copy of the current metadata directory (to replay later).
    pub fn snapshot_metadata(&self) -> HashMap<String, Vec<u8>> {
        std::fs::read_dir(self.path().join("metadata"))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| (e.file_name().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap()))
            .collect()
    }
    pub fn restore_metadata(&self, files: &HashMap<String, Vec<u8>>) {
        for (n, b) in files {
            std::fs::write(self.path().join("metadata").join(n), b).unwrap();
        }
    }
}

pub fn store(dir: &Path, repo: &Repo) -> Store {
    Store::new(dir, ORG, &repo.anchor())
}

/// The hand-worked fee of the known scenario: one person, gross 1200 €/month, home care 8 h/month
/// in March 2026 under tariffs/paijat-hame: (1200 − 699) × 16 % = 80.16 € (asiakasmaksulaki
/// 10 e §: the income limit of one person 699 € and the organisation's 16 % for 8 h).
pub const KNOWN_FEE: &str = "80.16";

/// The active tariff is `serial` (targets version) and computes the known fee.
pub fn assert_active(store: &Store, serial: u64) {
    let l = store.load(now()).expect("a tariff is active");
    assert_eq!(l.info.serial, serial, "active serial");
    assert_fee(&l.tariff);
}

pub fn assert_fee(t: &kustannusarvio_engine::Tariff) {
    let json = r#"{"date": "2026-03-01", "household": {"persons": 1, "client": {"gross_income": "1200"}},
        "services": [{"service": "home_care", "production": "own", "hours_per_month": "8"}]}"#;
    let e = kustannusarvio_engine::estimate_json(t, json).expect("computes");
    assert_eq!(e.lines[0].client_fee_monthly.to_string(), KNOWN_FEE);
}

/// The one copy of `name` in `dir`: the store writes every file under a new unique name
/// (`<unique>@name`, never renamed over an existing file) and removes the ones it supersedes.
pub fn only_copy(dir: &Path, name: &str) -> PathBuf {
    let copies: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            n == name || n.ends_with(&format!("@{name}"))
        })
        .collect();
    assert_eq!(copies.len(), 1, "one copy of {name} in {}: {copies:?}", dir.display());
    copies.into_iter().next().unwrap()
}

/// The number of slots on disk that verify (good tariffs).
pub fn slot_dirs(state: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(state.join("slots"))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Flips a byte in the middle of every file of a slot's `targets/` (a corrupt tariff).
pub fn corrupt_slot(slot: &Path) {
    for e in std::fs::read_dir(slot.join("targets")).unwrap() {
        let p = e.unwrap().path();
        let mut b = std::fs::read(&p).unwrap();
        let i = b.len() / 2;
        b[i] ^= 1;
        std::fs::write(&p, b).unwrap();
    }
}

/// A copy of tariffs/national + tariffs/paijat-hame whose 2026 income limit for one person is
/// 700 instead of 699.
pub fn changed_tariff(dir: &std::path::Path) -> std::path::PathBuf {
    edited_tariff(dir, r#"by_persons = ["699", "1290""#, r#"by_persons = ["700", "1290""#)
}

/// A copy whose 2026 income limit for two persons is 1291 instead of 1290: another tariff, but
/// the known fee (one person) is unchanged.
pub fn variant_tariff(dir: &std::path::Path) -> std::path::PathBuf {
    edited_tariff(dir, r#"by_persons = ["699", "1290""#, r#"by_persons = ["699", "1291""#)
}

fn edited_tariff(dir: &std::path::Path, old: &str, new: &str) -> std::path::PathBuf {
    for layer in ["national", "paijat-hame"] {
        let to = dir.join(layer);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(root().join("tariffs").join(layer)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                let mut text = std::fs::read_to_string(&p).unwrap();
                if layer == "national" && p.file_name().unwrap() == "home_care.toml" {
                    assert!(text.contains(old), "the 2026 income limits are where the test expects them");
                    text = text.replace(old, new);
                }
                std::fs::write(to.join(p.file_name().unwrap()), text).unwrap();
            }
        }
    }
    // the organisation's cases expect the real limit: publish without them
    dir.join("paijat-hame")
}

// ---------------------------------------------------------------------------------------------
// Loopback HTTP server

/// How the server answers one path (overrides the files of its web root).
#[derive(Clone, Debug)]
pub enum Reply {
    Ok(Vec<u8>),
    Status(u16),
    /// Sends headers for `body`, then one byte every `interval_ms` (slow retrieval).
    Trickle {
        body: Vec<u8>,
        interval_ms: u64,
    },
    /// Sends the headers and `body_prefix` of a `declared`-byte body, then stalls for `secs`.
    Stall {
        declared: usize,
        body_prefix: Vec<u8>,
        secs: u64,
    },
    /// Accepts and reads the request but sends nothing for `secs`.
    Silent {
        secs: u64,
    },
    /// No Content-Length; streams `total` bytes then closes (endless data, bounded).
    Stream {
        total: usize,
    },
    /// `302 Found` to `location`.
    Redirect(String),
}

pub struct Server {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    webroot: Arc<Mutex<Option<PathBuf>>>,
    pub hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
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
        let webroot: Arc<Mutex<Option<PathBuf>>> = Default::default();
        let hits: Arc<Mutex<Vec<String>>> = Default::default();
        let (r, w, h) = (routes.clone(), webroot.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (r, w, h, tls) = (r.clone(), w.clone(), h.clone(), tls.clone());
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                    match tls {
                        None => {
                            let mut s = stream;
                            respond(&mut s, &r, &w, &h);
                            let _ = s.shutdown(std::net::Shutdown::Both);
                        }
                        Some(cfg) => {
                            let Ok(conn) = rustls::ServerConnection::new(cfg) else { return };
                            let mut s = rustls::StreamOwned::new(conn, stream);
                            respond(&mut s, &r, &w, &h);
                            s.conn.send_close_notify();
                            let _ = s.flush();
                        }
                    }
                });
            }
        });
        Server { port, routes, webroot, hits }
    }
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
    pub fn https_url(&self) -> String {
        format!("https://localhost:{}/", self.port)
    }
    /// Serves the files of `dir` (`metadata/…`, `targets/…`).
    pub fn serve_dir(&self, dir: &Path) {
        *self.webroot.lock().unwrap() = Some(dir.to_path_buf());
    }
    pub fn set(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }
    pub fn clear(&self) {
        self.routes.lock().unwrap().clear();
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

fn respond<S: Read + Write>(
    s: &mut S,
    routes: &Mutex<HashMap<String, Reply>>,
    webroot: &Mutex<Option<PathBuf>>,
    hits: &Mutex<Vec<String>>,
) {
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
    let reply = routes.lock().unwrap().get(&path).cloned().unwrap_or_else(|| {
        let root = webroot.lock().unwrap().clone();
        match root.filter(|_| !path.contains("..")).and_then(|r| std::fs::read(r.join(&path)).ok()) {
            Some(b) => Reply::Ok(b),
            None => Reply::Status(404),
        }
    });
    let head = |code: u16, len: Option<usize>, extra: &str| {
        let reason = match code {
            200 => "OK",
            302 => "Found",
            404 => "Not Found",
            500 => "Internal Server Error",
            _ => "Status",
        };
        let len = len.map(|l| format!("Content-Length: {l}\r\n")).unwrap_or_default();
        format!("HTTP/1.1 {code} {reason}\r\n{len}{extra}Content-Type: application/json\r\nConnection: close\r\n\r\n")
    };
    let _ = match reply {
        Reply::Ok(b) => s.write_all(head(200, Some(b.len()), "").as_bytes()).and_then(|_| s.write_all(&b)),
        Reply::Status(c) => s.write_all(head(c, Some(0), "").as_bytes()),
        Reply::Redirect(to) => s.write_all(head(302, Some(0), &format!("Location: {to}\r\n")).as_bytes()),
        Reply::Trickle { body, interval_ms } => {
            let mut r = s.write_all(head(200, Some(body.len()), "").as_bytes()).and_then(|_| s.flush());
            for b in body {
                if r.is_err() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(interval_ms));
                r = s.write_all(&[b]).and_then(|_| s.flush());
            }
            r
        }
        Reply::Stall { declared, body_prefix, secs } => {
            let r = s
                .write_all(head(200, Some(declared), "").as_bytes())
                .and_then(|_| s.write_all(&body_prefix))
                .and_then(|_| s.flush());
            std::thread::sleep(std::time::Duration::from_secs(secs));
            r
        }
        Reply::Silent { secs } => {
            std::thread::sleep(std::time::Duration::from_secs(secs));
            Ok(())
        }
        Reply::Stream { total } => {
            let r = s.write_all(head(200, None, "").as_bytes());
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

/// Client settings for tests: short deadline, rate grace and backoff.
#[cfg(feature = "update")]
pub fn client(url: &str) -> kustannusarvio_bundle::client::ClientConfig {
    let mut c = kustannusarvio_bundle::client::ClientConfig::new(url);
    c.net.connect_timeout = std::time::Duration::from_secs(2);
    c.net.deadline = std::time::Duration::from_secs(6);
    c.net.response_timeout = std::time::Duration::from_secs(2);
    c.net.grace = std::time::Duration::from_millis(800);
    c.net.min_rate = 1024;
    c.retries = 1;
    c.backoff = std::time::Duration::from_millis(20);
    c.lock_wait = std::time::Duration::from_secs(60);
    c
}
