//! The device store: TUF's trusted metadata and the installed tariffs, kept so that the device
//! never loses its last good tariff.
//!
//! ```text
//! <state-dir>/update.lock                 held for every change (one check at a time)
//! <state-dir>/trusted/<unique>@N.root.json   every root version accepted after the app's anchor
//! <state-dir>/trusted/<unique>@{timestamp,snapshot,targets}.json   the newest trusted metadata
//!                                         (TUF's rollback floor), exactly as published and signed
//! <state-dir>/slots/v<version>-<sha>-<id>/  one installed tariff each: a verbatim copy of the
//!                                         repository's signed metadata (root chain, timestamp,
//!                                         snapshot, targets) and the bundle (targets/<sha>.tariff.json)
//! <state-dir>/<unique>@state.json         when the last check ran and how it ended (display only)
//! <state-dir>/tmp/                        staging (unique names; cleared under the lock)
//! ```
//!
//! - **Never written in place.** A new tariff is written into a fresh staging directory (each
//!   file fsynced, then the directories), which is renamed to a new, unique slot name and the
//!   slots directory fsynced. No existing slot is ever written, so a kill or a full disk at any
//!   moment leaves every good tariff as it was.
//! - **Never renamed over.** No file or directory is ever replaced by a rename: on Windows a
//!   rename over a file that another process holds open (the app reading the state, a virus
//!   scanner, a backup agent) fails. Every new file gets a new unique name (`<unique>@<name>`,
//!   written, fsynced, moved to its new name without replacing, directory fsynced); readers take
//!   the newest copy that verifies (trusted metadata: the highest signed version; state: the
//!   latest check), and the copies it supersedes are removed afterwards, best effort (a copy
//!   that cannot be removed now, because it is open, is removed by a later update and is never
//!   read in preference to a newer one). Names written by older versions (`targets.json`,
//!   `2.root.json`, `state.json`) are read the same way and removed when superseded.
//! - **Active = the newest slot that verifies.** At start-up every slot is verified from the app's
//!   trust anchor by `tough`'s client code (root chain, signatures, versions and hashes; expiry is
//!   not enforced offline), then loaded; a corrupt slot is skipped and the next newest used. No
//!   pointer file can be torn or lost. After a successful install only the new slot and the
//!   newest other good slot are kept.
//! - **Fail closed.** The rollback floor is the signed metadata itself: the newest version of
//!   each role that verifies, from `trusted/` *and* from the copies inside every slot. A corrupt,
//!   truncated or missing trusted file is rebuilt from the slots' copies, never read as "nothing
//!   trusted"; rotated-in keys live in the root chain, which is kept in every slot too.
//! - **One lock.** Every change (trusted metadata, slots, the state file) happens under
//!   `update.lock`; temporary names are unique; writes are write + fsync + rename to a new name +
//!   directory fsync.

use super::bundle::{self, Cases};
use super::tuf::{self, TargetView};
use super::{BundleError, UpdateStatus, MAX_BUNDLE_BYTES, TARGET_NAME};
use chrono::{DateTime, NaiveDate, Utc};
use kustannusarvio_engine::tariff::Tariff;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tough::schema::{Root, Signed, Snapshot, Timestamp};

const STATE_FILE: &str = "state.json";
/// Separates a file's unique prefix from its name: `<unique>@targets.json`.
const UNIQUE_SEP: char = '@';
const TRUSTED: &str = "trusted";
const SLOTS: &str = "slots";
const TMP: &str = "tmp";
const LOCK_FILE: &str = "update.lock";
const MAX_STATE_BYTES: u64 = 64 * 1024;
/// A last successful check older than this is shown as a warning.
pub const STALE_CHECK_DAYS: i64 = 14;

/// The state file (`<unique>@state.json`): display only (when the last check ran, how it
/// ended). Nothing here is trusted: a corrupt file is read as "unknown", and the trust state is
/// the signed metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub last_check: Option<DateTime<Utc>>,
    /// Last check that ended `up_to_date` or `updated`.
    #[serde(default)]
    pub last_success: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_status: Option<String>,
}

/// Where the active tariff comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ActiveSource {
    /// The newest installed tariff.
    Newest,
    /// An older installed tariff: the newest one did not verify (see `recovered_from`).
    Fallback,
}

/// A newer tariff the organisation has published (its signed metadata was verified) that is
/// not in use on this device.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KnownTariff {
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub serial: u64,
    pub tariff_version: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub published: DateTime<Utc>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub newest_value_from: Option<NaiveDate>,
}

/// What the app shows about the tariff in use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActiveInfo {
    pub source: ActiveSource,
    pub organisation: String,
    pub organisation_name: String,
    /// The targets metadata version of the installed tariff (the publication number).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub serial: u64,
    pub tariff_version: String,
    /// When the tariff was published.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: DateTime<Utc>,
    /// Whole days since `created_at` (the tariff's age).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub age_days: i64,
    /// The earliest expiry of the installed tariff's signed metadata.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub expires_at: DateTime<Utc>,
    /// Past `expires_at`: still used offline, but the app says "connect to the intranet".
    pub expired: bool,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub newest_value_from: Option<NaiveDate>,
    /// Key ids that signed the targets metadata.
    pub signed_by: Vec<String>,
    /// Why the newest installed tariff was not used, if it was not.
    pub recovered_from: Option<BundleError>,
    /// The tariff the organisation publishes now (its verified metadata names it) when it is
    /// not the one in use here: not yet installed (offline, refused, no space).
    pub newer_known: Option<KnownTariff>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_check: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_success: Option<DateTime<Utc>>,
    pub last_status: Option<String>,
    /// No successful check for [`STALE_CHECK_DAYS`] days (or never).
    pub check_stale: bool,
}

/// The active tariff with its description.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub tariff: Tariff,
    pub view: TargetView,
    pub info: ActiveInfo,
    pub slot: PathBuf,
}

/// Held while the state directory is changed; see [`Store::lock`].
#[derive(Debug)]
pub struct UpdateLock {
    _file: std::fs::File,
}

/// Options of one update.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// How long to wait for another update of the same directory to finish (`busy` after).
    pub lock_wait: Duration,
    /// Extra attempts after the first for transient network faults.
    pub retries: u32,
    /// First backoff; doubled each retry.
    pub backoff: Duration,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions { lock_wait: Duration::from_secs(120), retries: 2, backoff: Duration::from_millis(500) }
    }
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    organisation: String,
    anchor: Arc<Vec<u8>>,
    max_bundle_bytes: u64,
    /// Test hook: bytes this store may still write before writes fail with "disk full".
    write_budget: Option<Arc<AtomicI64>>,
}

/// The trust state an update starts from (rebuilt from every signed copy on disk).
struct Seed {
    /// Root versions after the anchor, in order (file name, bytes).
    chain: Vec<(String, Vec<u8>)>,
    timestamp: Option<Vec<u8>>,
    snapshot: Option<Vec<u8>>,
}

impl Store {
    /// The store of `organisation` under `dir`, trusting `anchor` (the organisation's root
    /// metadata shipped with the app).
    pub fn new(dir: impl Into<PathBuf>, organisation: &str, anchor: &[u8]) -> Store {
        Store {
            dir: dir.into(),
            organisation: organisation.to_string(),
            anchor: Arc::new(anchor.to_vec()),
            max_bundle_bytes: MAX_BUNDLE_BYTES,
            write_budget: None,
        }
    }
    pub fn with_max_bundle_bytes(mut self, limit: u64) -> Store {
        self.max_bundle_bytes = limit;
        self
    }
    /// Test hook (fault injection): after `bytes` more bytes, every write of this store fails
    /// as on a full disk (`ErrorKind::StorageFull`).
    #[doc(hidden)]
    pub fn with_write_budget(mut self, bytes: i64) -> Store {
        self.write_budget = Some(Arc::new(AtomicI64::new(bytes)));
        self
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn organisation(&self) -> &str {
        &self.organisation
    }
    pub fn anchor(&self) -> &[u8] {
        &self.anchor
    }
    pub fn max_bundle_bytes(&self) -> u64 {
        self.max_bundle_bytes
    }

    /// Reads the state file; a missing, truncated or corrupt one is "unknown" (it holds nothing
    /// the trust depends on). Each check writes it under a new name: the copy with the latest
    /// check wins.
    pub fn read_state(&self) -> State {
        newest_copy(&self.dir, STATE_FILE, MAX_STATE_BYTES, |b| {
            serde_json::from_slice::<State>(b).ok().map(|s| (s.last_check, s))
        })
        .map(|(_, s)| s)
        .unwrap_or_default()
    }

    /// Slot directories, most recently installed first. A slot is named
    /// `<install sequence>-v<targets version>-<sha256 prefix>-<unique>`; the sequence, not the
    /// version, orders them, so that after a recovery from a fast-forward attack (new keys,
    /// versions starting again) the newly installed tariff is the one in use.
    fn slots(&self) -> Vec<PathBuf> {
        let mut v = self.slots_seq();
        v.reverse();
        v.into_iter().map(|(_, p)| p).collect()
    }

    fn slots_seq(&self) -> Vec<(u64, PathBuf)> {
        let Ok(rd) = std::fs::read_dir(self.dir.join(SLOTS)) else { return Vec::new() };
        let mut v: Vec<(u64, String, PathBuf)> = rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                let seq = name.split('-').next()?.parse::<u64>().ok()?;
                Some((seq, name, e.path()))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        v.into_iter().map(|(s, _, p)| (s, p)).collect()
    }

    /// Every file of a slot (or a published directory): `metadata/*` and `targets/*`, by name.
    fn read_repo_files(dir: &Path, max_bundle: u64) -> Result<HashMap<String, Vec<u8>>, BundleError> {
        let mut files = HashMap::new();
        for sub in ["metadata", "targets"] {
            let d = dir.join(sub);
            let rd = std::fs::read_dir(&d).map_err(|e| BundleError::storage(d.display(), e))?;
            for e in rd.filter_map(|e| e.ok()) {
                let name = e.file_name().to_string_lossy().to_string();
                let cap = if sub == "targets" { max_bundle } else { super::MAX_TARGETS_BYTES };
                let bytes = read_capped(&e.path(), cap).map_err(|err| BundleError::storage(e.path().display(), err))?;
                files.insert(name, bytes);
            }
        }
        Ok(files)
    }

    /// Verifies a slot from the anchor and loads its tariff (its cases ran when it was installed).
    fn verify_slot(&self, slot: &Path) -> Result<(TargetView, Tariff, Signed<Root>), BundleError> {
        let files = Self::read_repo_files(slot, self.max_bundle_bytes)?;
        let (view, bytes, root) = tuf::load_local_root(&self.anchor, files)?;
        let (_, tariff) =
            bundle::verify_tariff(&bytes, &view.info, &self.organisation, self.max_bundle_bytes, Cases::AlreadyPassed)?;
        Ok((view, tariff, root))
    }

    /// The tariff to compute with: the newest installed tariff that verifies. Needs no lock.
    pub fn load(&self, now: DateTime<Utc>) -> Result<Loaded, BundleError> {
        let mut first_err: Option<BundleError> = None;
        // A reader racing two updates may find the slots it listed removed: list again.
        for _ in 0..3 {
            let slots = self.slots();
            if slots.is_empty() {
                break;
            }
            for (i, slot) in slots.iter().enumerate() {
                match self.verify_slot(slot) {
                    Ok((view, tariff, root)) => {
                        let source = if i == 0 { ActiveSource::Newest } else { ActiveSource::Fallback };
                        let recovered = if i == 0 { None } else { first_err.clone() };
                        let info = self.info(source, &view, &tariff, &root, recovered, now);
                        return Ok(Loaded { tariff, view, info, slot: slot.clone() });
                    }
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            if self.slots() == slots {
                break;
            }
        }
        Err(BundleError::NoTariff {
            message: first_err.map(|e| e.to_string()).unwrap_or_else(|| "no tariff installed".into()),
        })
    }

    fn info(
        &self,
        source: ActiveSource,
        view: &TargetView,
        tariff: &Tariff,
        root: &Signed<Root>,
        recovered_from: Option<BundleError>,
        now: DateTime<Utc>,
    ) -> ActiveInfo {
        let state = self.read_state();
        let newer_known = self.trusted_target(root).filter(|t| t.sha256 != view.sha256).map(|t| KnownTariff {
            serial: t.version,
            tariff_version: t.info.tariff_version,
            published: t.info.published,
            newest_value_from: t.info.newest_value_from,
        });
        let check_stale = state.last_success.is_none_or(|s| now - s > chrono::Duration::days(STALE_CHECK_DAYS));
        ActiveInfo {
            source,
            organisation: view.info.organisation.clone(),
            organisation_name: tariff.organisation.name.fi.clone(),
            serial: view.version,
            tariff_version: view.info.tariff_version.clone(),
            created_at: view.info.published,
            age_days: (now - view.info.published).num_days().max(0),
            expires_at: view.expires,
            expired: view.expires <= now,
            newest_value_from: view.info.newest_value_from,
            signed_by: view.signed_by.clone(),
            recovered_from,
            newer_known,
            last_check: state.last_check,
            last_success: state.last_success,
            last_status: state.last_status,
            check_stale,
        }
    }

    /// The tariff target named by the trusted targets metadata (verified against `root`, the
    /// root the active slot reached), if any: what the organisation last told this device.
    fn trusted_target(&self, root: &Signed<Root>) -> Option<TargetView> {
        let (_, t) = newest_copy(&self.dir.join(TRUSTED), "targets.json", super::MAX_TARGETS_BYTES, |b| {
            let t: tough::schema::Signed<tough::schema::Targets> = serde_json::from_slice(b).ok()?;
            root.signed.verify_role(&t).ok()?;
            Some((t.signed.version.get(), t))
        })?;
        let name = tough::TargetName::new(TARGET_NAME).ok()?;
        let target = t.signed.targets.get(&name)?;
        Some(TargetView {
            version: t.signed.version.get(),
            sha256: super::to_hex(&target.hashes.sha256),
            length: target.length,
            info: bundle::TariffInfo::from_custom(&target.custom)?,
            expires: tuf::jiff_to_chrono(t.signed.expires),
            signed_by: Vec::new(),
        })
    }

    /// All signed copies of metadata on disk: `trusted/` and every slot's `metadata/`.
    fn metadata_copies(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut dirs = vec![self.dir.join(TRUSTED)];
        dirs.extend(self.slots().into_iter().map(|s| s.join("metadata")));
        for d in dirs {
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            for e in rd.filter_map(|e| e.ok()) {
                let name = e.file_name().to_string_lossy().to_string();
                if !name.ends_with(".json") || name.starts_with(".tmp-") {
                    continue;
                }
                if let Ok(b) = read_capped(&e.path(), super::MAX_TARGETS_BYTES) {
                    out.push((canonical_name(&name).to_string(), b));
                }
            }
        }
        out
    }

    /// The trust state an update starts from: the longest root chain from the anchor and the
    /// newest timestamp and snapshot that verify under its last root, from every copy on disk.
    /// Corrupt copies are skipped (fail closed: another signed copy, never "nothing trusted").
    fn seed(&self) -> Result<Seed, BundleError> {
        let copies = self.metadata_copies();
        let roots: Vec<(String, Vec<u8>)> = copies.iter().filter(|(n, _)| n.ends_with(".root.json")).cloned().collect();
        let (chain, root) = tuf::root_chain(&self.anchor, &roots)?;
        let newest = |suffix: &str, f: &dyn Fn(&[u8]) -> Option<u64>| {
            copies
                .iter()
                .filter(|(n, _)| n == suffix || n.ends_with(&format!(".{suffix}")))
                .filter_map(|(_, b)| f(b).map(|v| (v, b.clone())))
                .max_by_key(|(v, _)| *v)
                .map(|(_, b)| b)
        };
        let timestamp = newest("timestamp.json", &|b| tuf::verified_version::<Timestamp>(&root, b));
        let snapshot = newest("snapshot.json", &|b| tuf::verified_version::<Snapshot>(&root, b));
        let base = tuf::parse_root(&self.anchor)?.signed.version.get();
        let chain =
            chain.into_iter().enumerate().map(|(i, b)| (format!("{}.root.json", base + 1 + i as u64), b)).collect();
        Ok(Seed { chain, timestamp, snapshot })
    }

    /// An exclusive lock on the state directory, waiting up to `wait` for another update (the
    /// app's background task, a CLI run) to finish. Released on drop.
    pub fn lock(&self, wait: Duration) -> Result<UpdateLock, BundleError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| BundleError::io("create the state directory", &e))?;
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK_FILE))
            .map_err(|e| BundleError::io("open update.lock", &e))?;
        let until = std::time::Instant::now() + wait;
        loop {
            match f.try_lock() {
                Ok(()) => return Ok(UpdateLock { _file: f }),
                Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(BundleError::Busy),
                Err(std::fs::TryLockError::Error(e)) => return Err(BundleError::io("lock update.lock", &e)),
            }
        }
    }

    /// Offline install from a published directory (`metadata/`, `targets/`; e.g. a USB stick),
    /// with every check of a download, freshness included.
    pub fn update_from_dir(&self, repo: &Path, now: DateTime<Utc>, opt: &UpdateOptions) -> UpdateStatus {
        let url = |sub: &str| {
            let abs = std::path::absolute(repo.join(sub)).unwrap_or_else(|_| repo.join(sub));
            url::Url::from_directory_path(abs)
                .map_err(|_| BundleError::ClientConfig { message: format!("{}: not an absolute path", repo.display()) })
        };
        match (url("metadata"), url("targets")) {
            (Ok(m), Ok(t)) => self.update_with(tough::FilesystemTransport, m, t, now, opt),
            (Err(e), _) | (_, Err(e)) => UpdateStatus::Failed(e),
        }
    }

    /// One update over `transport`: lock, TUF update of the metadata, download and check the
    /// tariff, install into a new slot, record the outcome. The last good tariff stays in force
    /// on every failure.
    pub fn update_with<T: tough::Transport + Clone + 'static>(
        &self,
        transport: T,
        metadata_url: url::Url,
        targets_url: url::Url,
        now: DateTime<Utc>,
        opt: &UpdateOptions,
    ) -> UpdateStatus {
        let lock = match self.lock(opt.lock_wait) {
            Ok(l) => l,
            Err(e) => return UpdateStatus::Failed(e),
        };
        let rt = match tuf::runtime() {
            Ok(rt) => rt,
            Err(e) => return UpdateStatus::Failed(e),
        };
        let mut delay = opt.backoff;
        let mut attempt = 0;
        let status = loop {
            let s = match self.update_locked(&lock, &rt, transport.clone(), &metadata_url, &targets_url, now) {
                Ok(s) => s,
                Err(e) => UpdateStatus::Failed(e),
            };
            match &s {
                UpdateStatus::Failed(e) if e.is_transient() && attempt < opt.retries => {
                    attempt += 1;
                    std::thread::sleep(delay);
                    delay = delay.saturating_mul(2);
                }
                _ => break s,
            }
        };
        self.record_check(&lock, &status, now);
        status
    }

    fn update_locked<T: tough::Transport + Clone + 'static>(
        &self,
        _lock: &UpdateLock,
        rt: &tokio::runtime::Runtime,
        transport: T,
        metadata_url: &url::Url,
        targets_url: &url::Url,
        now: DateTime<Utc>,
    ) -> Result<UpdateStatus, BundleError> {
        let tmp = self.dir.join(TMP);
        let _ = std::fs::remove_dir_all(&tmp); // staging left by a killed update
        std::fs::create_dir_all(&tmp).map_err(|e| BundleError::io("create tmp", &e))?;
        let seed = self.seed()?;
        // tough's datastore holds the rollback floor during this update only; it starts from the
        // verified seed and the result is kept by this store (atomically), not by tough.
        let ds =
            tempfile::Builder::new().prefix("datastore-").tempdir_in(&tmp).map_err(|e| BundleError::io("tmp", &e))?;
        for (name, bytes) in [("timestamp.json", &seed.timestamp), ("snapshot.json", &seed.snapshot)] {
            if let Some(b) = bytes {
                std::fs::write(ds.path().join(name), b).map_err(|e| BundleError::io("tmp", &e))?;
            }
        }
        let root = seed.chain.last().map(|(_, b)| b.clone()).unwrap_or_else(|| self.anchor.to_vec());
        let rec = tuf::Recording::new(transport);
        let (m, t) = (metadata_url.clone(), targets_url.clone());
        let r2 = rec.clone();
        let ds_path = ds.path().to_path_buf();
        let repo = rt.block_on(async move {
            tough::RepositoryLoader::new(&root, m, t)
                .transport(r2)
                .datastore(ds_path)
                .limits(tuf::limits())
                .expiration_enforcement(tough::ExpirationEnforcement::Safe)
                .load()
                .await
        });
        if let Some(e) = rec.root_failure.lock().ok().and_then(|f| f.clone()) {
            return Err(e);
        }
        if let Some(e) = rec.bad_metadata.lock().ok().and_then(|f| f.clone()) {
            return Err(e);
        }
        let repo = repo.map_err(|e| tuf::classify(&e))?;
        let view = tuf::target_view(&repo)?;
        if view.info.organisation != self.organisation {
            return Err(BundleError::RejectedWrongOrganisation {
                expected: self.organisation.clone(),
                found: view.info.organisation.clone(),
            });
        }
        let metadata = self.fetched_metadata(&rec, &repo, &seed)?;
        self.commit_trusted(&metadata)?;
        let active = self.load(now).ok();
        if let Some(a) = &active {
            if a.view.sha256 == view.sha256 {
                return Ok(UpdateStatus::UpToDate { serial: view.version });
            }
        }
        let name = tough::TargetName::new(TARGET_NAME).map_err(|e| BundleError::malformed("target name", e))?;
        let bytes = rt.block_on(async {
            let stream = repo.read_target(&name).await.map_err(|e| tuf::classify(&e))?;
            let stream = stream.ok_or(BundleError::RejectedNoTarget)?;
            tough::IntoVec::into_vec(stream).await.map_err(|e| tuf::classify(&e))
        })?;
        if bytes.len() as u64 > self.max_bundle_bytes {
            return Err(BundleError::RejectedTooLarge { what: TARGET_NAME.into(), limit: self.max_bundle_bytes });
        }
        bundle::verify_tariff(&bytes, &view.info, &self.organisation, self.max_bundle_bytes, Cases::Run)?;
        let target_file = rec
            .served
            .lock()
            .ok()
            .and_then(|m| m.keys().find(|k| k.ends_with(TARGET_NAME)).cloned())
            .unwrap_or_else(|| format!("{}.{TARGET_NAME}", view.sha256));
        let slot = self.write_slot(&metadata, &target_file, &bytes, &view)?;
        self.collect_garbage(&slot);
        Ok(UpdateStatus::Updated { previous_serial: active.map(|a| a.view.version), serial: view.version })
    }

    /// The metadata files of this update as published: the root chain (seed + newly fetched,
    /// exactly what tough verified), timestamp, snapshot and targets.
    fn fetched_metadata(
        &self,
        rec: &tuf::Recording<impl tough::Transport + Clone>,
        repo: &tough::Repository,
        seed: &Seed,
    ) -> Result<Vec<(String, Vec<u8>)>, BundleError> {
        let mut out = seed.chain.clone();
        let from = out.len() as u64 + tuf::parse_root(&self.anchor)?.signed.version.get();
        let to = repo.root().signed.version.get();
        let missing = |n: &str| BundleError::storage("keep the signed metadata", format!("{n} was not served"));
        for v in from + 1..=to {
            let n = format!("{v}.root.json");
            out.push((n.clone(), rec.file(&n).ok_or_else(|| missing(&n))?));
        }
        let consistent = repo.root().signed.consistent_snapshot;
        let snap = repo.snapshot().signed.version.get();
        let targ = repo.targets().signed.version.get();
        let names = if consistent {
            [format!("{snap}.snapshot.json"), format!("{targ}.targets.json")]
        } else {
            ["snapshot.json".to_string(), "targets.json".to_string()]
        };
        out.push(("timestamp.json".into(), rec.file("timestamp.json").ok_or_else(|| missing("timestamp.json"))?));
        for n in names {
            let b = rec.file(&n).ok_or_else(|| missing(&n))?;
            out.push((n, b));
        }
        Ok(out)
    }

    /// Keeps the newly trusted metadata in `trusted/`: each file under a new unique name (never
    /// renamed over an existing one), then the copies it supersedes removed.
    fn commit_trusted(&self, metadata: &[(String, Vec<u8>)]) -> Result<(), BundleError> {
        let dir = self.dir.join(TRUSTED);
        std::fs::create_dir_all(&dir).map_err(|e| BundleError::io("create trusted", &e))?;
        let mut written = Vec::new();
        for (name, bytes) in metadata {
            let to = if name.ends_with(".root.json") {
                name.clone()
            } else if name.ends_with("snapshot.json") {
                "snapshot.json".into()
            } else if name.ends_with("targets.json") {
                "targets.json".into()
            } else {
                name.clone()
            };
            let existing = copies_of(&dir, &to);
            let same = existing.iter().find(|p| read_capped(p, super::MAX_TARGETS_BYTES).is_ok_and(|b| b == *bytes));
            let keep = match same {
                Some(p) => p.clone(),
                None => self.write_new(&dir, &to, bytes).map_err(|e| BundleError::io(format!("trusted/{to}"), &e))?,
            };
            written.push((to, keep));
        }
        // Only now, with every new copy durable: the superseded (older or corrupt) copies go.
        for (to, keep) in &written {
            remove_other_copies(&dir, to, keep);
        }
        Ok(())
    }

    /// Writes a new slot: staging directory, every file fsynced, renamed to a new unique name.
    fn write_slot(
        &self,
        metadata: &[(String, Vec<u8>)],
        target_file: &str,
        bytes: &[u8],
        view: &TargetView,
    ) -> Result<PathBuf, BundleError> {
        let io = |c: &str, e: std::io::Error| BundleError::io(c, &e);
        let staging =
            tempfile::Builder::new().prefix("slot-").tempdir_in(self.dir.join(TMP)).map_err(|e| io("staging", e))?;
        let (md, tg) = (staging.path().join("metadata"), staging.path().join("targets"));
        std::fs::create_dir_all(&md).map_err(|e| io("staging", e))?;
        std::fs::create_dir_all(&tg).map_err(|e| io("staging", e))?;
        self.write_synced(&tg.join(target_file), bytes).map_err(|e| io("write the tariff", e))?;
        for (name, b) in metadata {
            self.write_synced(&md.join(name), b).map_err(|e| io("write the metadata", e))?;
        }
        for d in [&md, &tg, &staging.path().to_path_buf()] {
            step("sync staging");
            sync_dir(d).map_err(|e| io("sync", e))?;
        }
        let slots = self.dir.join(SLOTS);
        std::fs::create_dir_all(&slots).map_err(|e| io("create slots", e))?;
        let short: String = view.sha256.chars().take(12).collect();
        let unique = staging.path().file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let seq = self.slots_seq().last().map_or(1, |(s, _)| s.saturating_add(1));
        let name = format!("{seq:020}-v{}-{short}-{}", view.version, unique.trim_start_matches("slot-"));
        let to = slots.join(&name);
        let from = staging.keep();
        step("rename slot");
        rename_retry(&from, &to).map_err(|e| io("rename the slot", e))?;
        step("sync slots");
        sync_dir(&slots).map_err(|e| io("sync slots", e))?;
        Ok(to)
    }

    /// After a successful install: keeps the new slot and the newest other slot that verifies;
    /// removes the rest (best effort).
    fn collect_garbage(&self, new_slot: &Path) {
        let mut kept_other = false;
        for s in self.slots() {
            if s == new_slot {
                continue;
            }
            if !kept_other && self.verify_slot(&s).is_ok() {
                kept_other = true;
                continue;
            }
            step("remove old slot");
            let _ = std::fs::remove_dir_all(&s);
        }
    }

    /// Records the outcome of a check (under the update lock). Best effort: a failure to write
    /// is not an update failure.
    fn record_check(&self, _lock: &UpdateLock, status: &UpdateStatus, now: DateTime<Utc>) {
        let mut state = self.read_state();
        state.last_check = Some(now);
        state.last_status = Some(status.code().to_string());
        if status.is_ok() {
            state.last_success = Some(now);
        }
        if let Ok(bytes) = serde_json::to_vec_pretty(&state) {
            if let Ok(keep) = self.write_new(&self.dir, STATE_FILE, &bytes) {
                remove_other_copies(&self.dir, STATE_FILE, &keep);
            }
        }
    }

    /// Writes and fsyncs a new file (counting against the test write budget).
    fn write_synced(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        step("write file");
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
        self.write_budgeted(&mut f, bytes)?;
        step("fsync file");
        f.sync_all()
    }

    fn write_budgeted(&self, f: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(b) = &self.write_budget {
            let left = b.fetch_sub(bytes.len() as i64, Ordering::SeqCst);
            if left < bytes.len() as i64 {
                f.write_all(&bytes[..left.max(0) as usize])?;
                return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device (injected)"));
            }
        }
        f.write_all(bytes)
    }

    /// Writes `dir/<unique>@<name>`, a file under a new name: a uniquely named temporary file
    /// in `dir`, fsync, moved to the new name without replacing anything, fsync `dir`. Never
    /// renames over an existing file (on Windows that fails while another process has it open).
    fn write_new(&self, dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
        step("write file");
        self.write_budgeted(tmp.as_file_mut(), bytes)?;
        step("fsync file");
        tmp.as_file().sync_all()?;
        let unique = tmp.path().file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let to = dir.join(format!("{nanos:x}{}{UNIQUE_SEP}{name}", unique.trim_start_matches(".tmp-")));
        step("rename file");
        persist_new_retry(tmp, &to)?;
        step("sync dir");
        sync_dir(dir)?;
        Ok(to)
    }
}

/// `<unique>@name` → `name`; a name without a unique prefix (written by older versions) as is.
fn canonical_name(file_name: &str) -> &str {
    file_name.rsplit_once(UNIQUE_SEP).map_or(file_name, |(_, n)| n)
}

/// The files in `dir` that are copies of `name` (`<unique>@name`, or `name` itself).
fn copies_of(dir: &Path, name: &str) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else { return Vec::new() };
    rd.filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            !n.starts_with(".tmp-") && canonical_name(&n) == name
        })
        .map(|e| e.path())
        .collect()
}

/// The newest readable copy of `name` in `dir` by `rank` (copies that do not parse or verify
/// give `None` and are skipped). A copy removed between listing and reading (a concurrent
/// update superseded it) makes the directory be listed again.
fn newest_copy<K: Ord, T>(dir: &Path, name: &str, cap: u64, rank: impl Fn(&[u8]) -> Option<(K, T)>) -> Option<(K, T)> {
    for _ in 0..3 {
        let mut vanished = false;
        let mut best: Option<(K, T)> = None;
        for p in copies_of(dir, name) {
            match read_capped(&p, cap) {
                Ok(b) => {
                    if let Some((k, t)) = rank(&b) {
                        if best.as_ref().is_none_or(|(bk, _)| k > *bk) {
                            best = Some((k, t));
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => vanished = true,
                Err(_) => {}
            }
        }
        if best.is_some() || !vanished {
            return best;
        }
    }
    None
}

/// Removes every copy of `name` in `dir` but `keep`, best effort: one that cannot be removed
/// now (open on Windows) stays until a later update, and is never preferred to `keep`.
fn remove_other_copies(dir: &Path, name: &str, keep: &Path) {
    for p in copies_of(dir, name) {
        if p != keep {
            step("remove superseded file");
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Test hook for the kill tests (debug builds only): `KUSTANNUSARVIO_PAUSE_AT=<n>` stops the
/// process at the n-th storage step of this process (a write, an fsync, a rename), prints
/// `paused at step <n>: <what>` on stderr and waits to be killed (kill -9).
fn step(what: &str) {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    if !cfg!(debug_assertions) {
        return;
    }
    let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
    if std::env::var("KUSTANNUSARVIO_PAUSE_AT").is_ok_and(|v| v.trim() == n.to_string()) {
        eprintln!("paused at step {n}: {what}");
        let _ = std::io::stderr().flush();
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    f.take(cap.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "file too large"));
    }
    Ok(buf)
}

/// fsyncs a directory so a rename or new entry in it is durable (no-op where unsupported).
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Windows: a rename fails while another process (a virus scanner, a reader without
/// FILE_SHARE_DELETE) has the file open; such errors pass within moments, so retry briefly.
fn retrying<T>(mut f: impl FnMut() -> std::io::Result<T>) -> std::io::Result<T> {
    let mut attempt = 0;
    loop {
        match f() {
            Err(e) if cfg!(windows) && attempt < 10 && e.kind() != std::io::ErrorKind::NotFound => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(20 * attempt));
            }
            other => return other,
        }
    }
}

fn rename_retry(from: &Path, to: &Path) -> std::io::Result<()> {
    retrying(|| std::fs::rename(from, to))
}

/// Moves a temporary file to a new name; fails (never replaces) if the name exists.
fn persist_new_retry(tmp: tempfile::NamedTempFile, to: &Path) -> std::io::Result<()> {
    let mut tmp = Some(tmp);
    retrying(|| match tmp.take() {
        Some(t) => t.persist_noclobber(to).map(|_| ()).map_err(|e| {
            let err = std::io::Error::new(e.error.kind(), e.error.to_string());
            tmp = Some(e.file);
            err
        }),
        None => Err(std::io::Error::other("temporary file lost")),
    })
}

/// Moves a temporary file over `to` (the publisher's directory, served, not the device store).
fn persist_retry(tmp: tempfile::NamedTempFile, to: &Path) -> std::io::Result<()> {
    let mut tmp = Some(tmp);
    retrying(|| match tmp.take() {
        Some(t) => t.persist(to).map(|_| ()).map_err(|e| {
            let err = std::io::Error::new(e.error.kind(), e.error.to_string());
            tmp = Some(e.file);
            err
        }),
        None => Err(std::io::Error::other("temporary file lost")),
    })
}

/// Writes a file atomically without a store (publisher side): temporary file, fsync, rename,
/// directory fsync. The file is readable by all (a web server serves it).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    persist_retry(tmp, path)?;
    sync_dir(dir)
}
