//! The TUF client side shared by the network update, the offline install from a directory and
//! the start-up check of the device's slots. Everything is `tough`'s client workflow
//! (`RepositoryLoader`: root chain, timestamp, snapshot, targets, target by length and hash);
//! this module supplies transports and maps `tough`'s errors to [`BundleError`] codes.
//!
//! - [`Recording`] wraps any transport and keeps the exact bytes of every file it served, so
//!   that the device can keep the signed metadata as published (its store, [`crate::store`]).
//! - [`Memory`] serves a local copy (a slot of the device) from memory: the slot is verified
//!   from the app's trust anchor by the same code as a download, with
//!   `ExpirationEnforcement::Unsafe` — an installed tariff keeps working after its metadata
//!   expires (offline tablets); freshness only governs installing new tariffs.

use super::bundle::TariffInfo;
use super::{BundleError, TARGET_NAME};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tough::schema::{RoleType, Root, Signed, Snapshot, Target, Targets, Timestamp};
use tough::{IntoVec, Transport, TransportError, TransportErrorKind, TransportStream};

/// Runs a future on a fresh single-thread runtime (the crate's API is blocking; call it from a
/// blocking thread, never from inside an async task).
pub(crate) fn block_on<F: std::future::Future>(f: F) -> Result<F::Output, BundleError> {
    Ok(runtime()?.block_on(f))
}

/// A single-thread runtime for one update or one check.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, BundleError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| BundleError::storage("start the update runtime", e))
}

/// A failure of our own transport, carried inside `tough`'s `TransportError` so that the
/// status names it exactly (timeout, slow server, redirect, TLS…).
#[derive(Debug)]
pub struct NetFailure(pub BundleError);

impl std::fmt::Display for NetFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
impl std::error::Error for NetFailure {}

/// The file name part of a URL (`3.snapshot.json`, `timestamp.json`, `<sha>.tariff.json`).
pub fn file_name(url: &url::Url) -> String {
    url.path_segments().and_then(|mut s| s.next_back()).unwrap_or_default().to_string()
}

fn role_of_file(name: &str) -> &'static str {
    if name.ends_with("root.json") {
        "root"
    } else if name.ends_with("timestamp.json") {
        "timestamp"
    } else if name.ends_with("snapshot.json") {
        "snapshot"
    } else if name.ends_with("targets.json") {
        "targets"
    } else {
        "target"
    }
}

/// `tough` reads `_type` but does not hold it to the role it expects (serde's tag on a struct is
/// not checked on reading, and the signature is checked over the re-serialised form, which
/// writes the right `_type` back): a metadata file whose `_type` was changed would verify. The
/// device holds every metadata file to its role here, before `tough` reads it.
pub fn check_type(name: &str, bytes: &[u8]) -> Result<(), BundleError> {
    let role = role_of_file(name);
    if role == "target" {
        return Ok(());
    }
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| BundleError::malformed(format!("{role} metadata"), e))?;
    match v.get("signed").and_then(|s| s.get("_type")).and_then(|t| t.as_str()) {
        Some(t) if t == role => Ok(()),
        Some(t) => Err(BundleError::malformed(format!("{role} metadata"), format!("`_type` is `{t}`, not `{role}`"))),
        None => Err(BundleError::malformed(format!("{role} metadata"), "no `signed._type`")),
    }
}

fn role(r: &RoleType) -> String {
    r.to_string()
}

/// Maps a `tough` error to a stable status.
pub fn classify(e: &tough::error::Error) -> BundleError {
    use tough::error::Error as E;
    match e {
        E::VerifyMetadata { role: r, source, .. } => match source {
            tough::schema::Error::SignatureThreshold { threshold, valid, .. } => {
                BundleError::RejectedSignature { role: role(r), valid: *valid, required: *threshold }
            }
            other => BundleError::malformed(format!("{r} metadata"), other),
        },
        E::VerifyTrustedMetadata { source, .. } => BundleError::malformed("trusted root metadata", source),
        E::ParseTrustedMetadata { source, .. } => BundleError::malformed("trusted root metadata", source),
        E::OlderMetadata { role: r, current_version, new_version, .. } => {
            BundleError::RejectedRollback { role: role(r), trusted: *current_version, offered: *new_version }
        }
        E::OlderSnapshotInTimestamp { snapshot_new, snapshot_old, .. } => {
            BundleError::RejectedRollback { role: "snapshot".into(), trusted: *snapshot_old, offered: *snapshot_new }
        }
        E::SnapshotRoleRollback { role: r, old_role_version, new_role_version, .. } => {
            BundleError::RejectedRollback { role: r.clone(), trusted: *old_role_version, offered: *new_role_version }
        }
        E::SnapshotRoleMissing { role: r, .. } => {
            BundleError::RejectedMixAndMatch { role: "snapshot".into(), message: format!("{r} is no longer listed") }
        }
        E::ExpiredMetadata { role: r, .. } => BundleError::RejectedExpired { role: role(r) },
        E::VersionMismatch { role: r, fetched, expected, .. } => BundleError::RejectedMixAndMatch {
            role: role(r),
            message: format!("version {fetched} where {expected} is listed"),
        },
        E::MaxUpdatesExceeded { max_root_updates, .. } => {
            BundleError::RejectedTooLarge { what: "root versions".into(), limit: *max_root_updates }
        }
        E::ParseMetadata { role: r, source, .. } => BundleError::malformed(format!("{r} metadata"), source),
        E::Transport { url, source, .. } => classify_transport(url, source),
        E::MaxSizeExceeded { max_size, specifier, .. } => {
            BundleError::RejectedTooLarge { what: specifier.to_string(), limit: *max_size }
        }
        E::HashMismatch { context, .. } => BundleError::RejectedHashMismatch { file: context.clone() },
        E::DatastoreCreate { source, .. } | E::DatastoreOpen { source, .. } | E::DatastoreRemove { source, .. } => {
            BundleError::io("TUF datastore", source)
        }
        other => BundleError::malformed("metadata", other),
    }
}

/// Maps a transport failure: our own [`NetFailure`], `tough`'s length and hash checks on the
/// stream, or a missing file.
pub fn classify_transport(url: &url::Url, e: &TransportError) -> BundleError {
    let name = file_name(url);
    let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(c) = cur {
        if let Some(NetFailure(b)) = c.downcast_ref::<NetFailure>() {
            return b.clone();
        }
        if let Some(te) = c.downcast_ref::<tough::error::Error>() {
            return match te {
                tough::error::Error::HashMismatch { .. } if role_of_file(&name) != "target" => {
                    BundleError::RejectedMixAndMatch {
                        role: role_of_file(&name).into(),
                        message: format!("SHA-256 of {name} differs from the one listed"),
                    }
                }
                tough::error::Error::HashMismatch { .. } => {
                    BundleError::RejectedHashMismatch { file: TARGET_NAME.into() }
                }
                tough::error::Error::MaxSizeExceeded { max_size, .. } if role_of_file(&name) == "target" => {
                    // the target is read up to its signed length: a longer file does not match
                    let _ = max_size;
                    BundleError::RejectedHashMismatch { file: TARGET_NAME.into() }
                }
                // the length listed by the signed parent metadata (`specifier` names it)
                tough::error::Error::MaxSizeExceeded { specifier, .. } if specifier.ends_with(".json") => {
                    BundleError::RejectedMixAndMatch {
                        role: role_of_file(&name).into(),
                        message: format!("{name} is longer than {specifier} lists"),
                    }
                }
                tough::error::Error::MaxSizeExceeded { max_size, .. } => {
                    BundleError::RejectedTooLarge { what: name, limit: *max_size }
                }
                other => classify(other),
            };
        }
        cur = c.source();
    }
    if e.kind() == TransportErrorKind::FileNotFound {
        return BundleError::HttpError { status: 404, url: url.to_string() };
    }
    BundleError::DownloadIncomplete { message: e.to_string() }
}

/// The files a transport served, by file name, with their exact bytes.
pub type Served = Arc<Mutex<HashMap<String, Vec<u8>>>>;

/// Wraps a transport: each file is read completely (the inner transport bounds its size and
/// time), kept in [`Served`], and handed to `tough` as one chunk. A failure to fetch a root
/// version other than "not found" is remembered: `tough` treats any failure there as "no newer
/// root" (TUF 5.3.3), and the update must then fail rather than continue with an old root.
#[derive(Debug, Clone)]
pub struct Recording<T: Transport + Clone> {
    inner: T,
    pub served: Served,
    pub root_failure: Arc<Mutex<Option<BundleError>>>,
    /// The first metadata file served with the wrong `_type` ([`check_type`]): the update fails
    /// with it.
    pub bad_metadata: Arc<Mutex<Option<BundleError>>>,
}

impl<T: Transport + Clone> Recording<T> {
    pub fn new(inner: T) -> Self {
        Recording { inner, served: Arc::default(), root_failure: Arc::default(), bad_metadata: Arc::default() }
    }
    pub fn file(&self, name: &str) -> Option<Vec<u8>> {
        self.served.lock().ok()?.get(name).cloned()
    }
}

#[tough::async_trait]
impl<T: Transport + Clone + 'static> Transport for Recording<T> {
    async fn fetch(&self, url: url::Url) -> Result<TransportStream, TransportError> {
        let name = file_name(&url);
        let got = match self.inner.fetch(url.clone()).await {
            Ok(stream) => stream.into_vec().await,
            Err(e) => Err(e),
        };
        match got {
            Ok(bytes) => {
                if let Err(e) = check_type(&name, &bytes) {
                    if let Ok(mut f) = self.bad_metadata.lock() {
                        f.get_or_insert_with(|| e.clone());
                    }
                    // tough is not given the file: the update fails with this status
                    return Err(TransportError::new_with_cause(TransportErrorKind::Other, url, NetFailure(e)));
                }
                if let Ok(mut m) = self.served.lock() {
                    m.insert(name, bytes.clone());
                }
                Ok(once(bytes))
            }
            Err(e) => {
                if name.ends_with(".root.json") && e.kind() != TransportErrorKind::FileNotFound {
                    if let Ok(mut f) = self.root_failure.lock() {
                        f.get_or_insert_with(|| classify_transport(&url, &e));
                    }
                }
                Err(e)
            }
        }
    }
}

fn once(bytes: Vec<u8>) -> TransportStream {
    Box::pin(futures::stream::iter([Ok(tough::Bytes::from(bytes))]))
}

/// Serves files from memory by file name (`file:///metadata/<name>`, `file:///targets/<name>`).
#[derive(Debug, Clone, Default)]
pub struct Memory {
    pub files: Arc<HashMap<String, Vec<u8>>>,
}

#[tough::async_trait]
impl Transport for Memory {
    async fn fetch(&self, url: url::Url) -> Result<TransportStream, TransportError> {
        match self.files.get(&file_name(&url)) {
            Some(b) => Ok(once(b.clone())),
            None => Err(TransportError::new(TransportErrorKind::FileNotFound, url)),
        }
    }
}

/// Base URLs for [`Memory`].
pub fn memory_urls() -> (url::Url, url::Url) {
    let u = |s: &str| url::Url::parse(s).expect("constant URL");
    (u("file:///metadata/"), u("file:///targets/"))
}

/// The signed description of a tariff in a repository: the target entry and its `custom` info.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    /// The targets metadata version (the publication number shown as "serial").
    pub version: u64,
    pub sha256: String,
    pub length: u64,
    pub info: TariffInfo,
    /// Expiry of the targets metadata: how long the organisation vouches for this tariff (the
    /// short-lived timestamp only governs installing, see [`crate::store`]).
    pub expires: chrono::DateTime<chrono::Utc>,
    /// Key ids that signed the targets metadata.
    pub signed_by: Vec<String>,
}

/// The tariff target of a loaded repository, with its signed info.
pub fn target_view(repo: &tough::Repository) -> Result<TargetView, BundleError> {
    let name = tough::TargetName::new(TARGET_NAME).map_err(|e| BundleError::malformed("target name", e))?;
    let t: &Target = repo.targets().signed.targets.get(&name).ok_or(BundleError::RejectedNoTarget)?;
    let info = TariffInfo::from_custom(&t.custom)
        .ok_or_else(|| BundleError::malformed("targets metadata", "the tariff target has no valid `custom.tariff`"))?;
    let expires = jiff_to_chrono(repo.targets().signed.expires);
    Ok(TargetView {
        version: repo.targets().signed.version.get(),
        sha256: super::to_hex(&t.hashes.sha256),
        length: t.length,
        info,
        expires,
        signed_by: repo.targets().signatures.iter().map(|s| super::to_hex(&s.keyid)).collect(),
    })
}

pub fn jiff_to_chrono(t: jiff::Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

pub fn chrono_to_jiff(t: chrono::DateTime<chrono::Utc>) -> jiff::Timestamp {
    jiff::Timestamp::from_second(t.timestamp()).unwrap_or(jiff::Timestamp::MAX)
}

/// Limits on metadata sizes and root updates (endless-data attack).
pub fn limits() -> tough::Limits {
    tough::Limits {
        max_root_size: super::MAX_ROOT_BYTES,
        max_targets_size: super::MAX_TARGETS_BYTES,
        max_timestamp_size: super::MAX_TIMESTAMP_BYTES,
        max_snapshot_size: super::MAX_SNAPSHOT_BYTES,
        max_root_updates: 1024,
    }
}

/// A local copy of a repository (a slot of the device) re-verified from `anchor` at start-up:
/// the root chain (each version signed by a threshold of the previous and its own root keys),
/// the signatures of timestamp, snapshot and targets under the newest root, each file's
/// version, length and SHA-256 as its signed parent lists it, and the tariff's length and
/// SHA-256 as the targets metadata lists it — `tough`'s verification (`Root::verify_role`) over
/// files `tough`'s client accepted when they were installed. Expiry is not enforced: an
/// installed tariff stays usable offline. No runtime, no temporary files (start-up budget).
pub fn load_local(anchor: &[u8], files: HashMap<String, Vec<u8>>) -> Result<(TargetView, Vec<u8>), BundleError> {
    load_local_root(anchor, files).map(|(v, b, _)| (v, b))
}

/// [`load_local`], also returning the newest root of the local copy.
pub fn load_local_root(
    anchor: &[u8],
    files: HashMap<String, Vec<u8>>,
) -> Result<(TargetView, Vec<u8>, Signed<Root>), BundleError> {
    let roots: Vec<(String, Vec<u8>)> =
        files.iter().filter(|(n, _)| n.ends_with(".root.json")).map(|(n, b)| (n.clone(), b.clone())).collect();
    let (_, root) = root_chain(anchor, &roots)?;
    let consistent = root.signed.consistent_snapshot;
    let get = |name: &str| files.get(name).ok_or_else(|| BundleError::malformed(name.to_string(), "missing"));
    let timestamp: Signed<Timestamp> = parse_verified(&root, "timestamp", get("timestamp.json")?)?;
    let snap_meta = timestamp
        .signed
        .meta
        .get("snapshot.json")
        .ok_or_else(|| BundleError::malformed("timestamp metadata", "no snapshot.json"))?;
    let name = if consistent { format!("{}.snapshot.json", snap_meta.version) } else { "snapshot.json".into() };
    let bytes = get(&name)?;
    check_meta("snapshot", bytes, snap_meta)?;
    let snapshot: Signed<Snapshot> = parse_verified(&root, "snapshot", bytes)?;
    if snapshot.signed.version != snap_meta.version {
        return Err(mix("snapshot", "version differs from the timestamp's"));
    }
    let targ_meta = snapshot
        .signed
        .meta
        .get("targets.json")
        .ok_or_else(|| BundleError::malformed("snapshot metadata", "no targets.json"))?;
    let name = if consistent { format!("{}.targets.json", targ_meta.version) } else { "targets.json".into() };
    let bytes = get(&name)?;
    check_meta("targets", bytes, targ_meta)?;
    let targets: Signed<Targets> = parse_verified(&root, "targets", bytes)?;
    if targets.signed.version != targ_meta.version {
        return Err(mix("targets", "version differs from the snapshot's"));
    }
    let tname = tough::TargetName::new(TARGET_NAME).map_err(|e| BundleError::malformed("target name", e))?;
    let t = targets.signed.targets.get(&tname).ok_or(BundleError::RejectedNoTarget)?;
    let sha = super::to_hex(&t.hashes.sha256);
    let file = if consistent { format!("{sha}.{TARGET_NAME}") } else { TARGET_NAME.to_string() };
    let bytes = files.get(&file).ok_or_else(|| BundleError::malformed(file.clone(), "missing"))?;
    if bytes.len() as u64 != t.length || super::sha256_hex(bytes) != sha {
        return Err(BundleError::RejectedHashMismatch { file: TARGET_NAME.into() });
    }
    let view = TargetView {
        version: targets.signed.version.get(),
        sha256: sha,
        length: t.length,
        info: TariffInfo::from_custom(&t.custom).ok_or_else(|| {
            BundleError::malformed("targets metadata", "the tariff target has no valid `custom.tariff`")
        })?,
        expires: jiff_to_chrono(targets.signed.expires),
        signed_by: targets.signatures.iter().map(|s| super::to_hex(&s.keyid)).collect(),
    };
    Ok((view, bytes.clone(), root))
}

fn mix(role: &str, message: &str) -> BundleError {
    BundleError::RejectedMixAndMatch { role: role.into(), message: message.into() }
}

fn parse_verified<T>(root: &Signed<Root>, role: &str, bytes: &[u8]) -> Result<Signed<T>, BundleError>
where
    T: tough::schema::Role + serde::Serialize + serde::de::DeserializeOwned,
{
    check_type(&format!("{role}.json"), bytes)?;
    let m: Signed<T> =
        serde_json::from_slice(bytes).map_err(|e| BundleError::malformed(format!("{role} metadata"), e))?;
    root.signed.verify_role(&m).map_err(|e| match e {
        tough::schema::Error::SignatureThreshold { threshold, valid, .. } => {
            BundleError::RejectedSignature { role: role.into(), valid, required: threshold }
        }
        other => BundleError::malformed(format!("{role} metadata"), other),
    })?;
    Ok(m)
}

fn check_meta(role: &str, bytes: &[u8], meta: &tough::schema::Metafile) -> Result<(), BundleError> {
    if meta.length.is_some_and(|l| l != bytes.len() as u64) {
        return Err(mix(role, "length differs from the one listed"));
    }
    if let Some(h) = &meta.hashes {
        if super::to_hex(&h.sha256) != super::sha256_hex(bytes) {
            return Err(mix(role, "SHA-256 differs from the one listed"));
        }
    }
    Ok(())
}

/// Parses root metadata and checks it is signed by its own root keys.
pub fn parse_root(bytes: &[u8]) -> Result<Signed<Root>, BundleError> {
    check_type("root.json", bytes)?;
    let root: Signed<Root> = serde_json::from_slice(bytes).map_err(|e| BundleError::malformed("root metadata", e))?;
    root.signed.verify_role(&root).map_err(|e| BundleError::malformed("root metadata", e))?;
    Ok(root)
}

/// The newest root reachable from `anchor` through `candidates` (file name → bytes, e.g.
/// `3.root.json`): version N+1 must be signed by a threshold of version N's root keys and of its
/// own (TUF 5.3.4) — `tough`'s verification. Several candidates per version (copies in the
/// trusted store and in slots) are tried in turn, so one corrupt copy does not stop the chain.
/// Returns the bytes of each root version after the anchor, in order, and the newest root.
pub fn root_chain(
    anchor: &[u8],
    candidates: &[(String, Vec<u8>)],
) -> Result<(Vec<Vec<u8>>, Signed<Root>), BundleError> {
    let mut cur = parse_root(anchor)?;
    let mut chain = Vec::new();
    loop {
        let next = cur.signed.version.get().saturating_add(1);
        let name = format!("{next}.root.json");
        let found = candidates.iter().filter(|(n, _)| *n == name).find_map(|(_, b)| {
            check_type(&name, b).ok()?;
            let r: Signed<Root> = serde_json::from_slice(b).ok()?;
            (r.signed.version.get() == next && cur.signed.verify_role(&r).is_ok() && r.signed.verify_role(&r).is_ok())
                .then(|| (r, b.clone()))
        });
        match found {
            Some((r, b)) => {
                chain.push(b);
                cur = r;
            }
            None => return Ok((chain, cur)),
        }
    }
}

/// Whether `bytes` is `T` metadata signed by a threshold of `root`'s keys for it; its version.
pub fn verified_version<T>(root: &Signed<Root>, bytes: &[u8]) -> Option<u64>
where
    T: tough::schema::Role + serde::Serialize + serde::de::DeserializeOwned,
{
    let m: Signed<T> = serde_json::from_slice(bytes).ok()?;
    check_type(&format!("{}.json", T::TYPE), bytes).ok()?;
    root.signed.verify_role(&m).ok()?;
    Some(m.signed.version().get())
}
