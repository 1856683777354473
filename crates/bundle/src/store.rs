//! The two-slot store on the device:
//!
//! ```text
//! <state-dir>/state.json            which slot is active, highest serial seen, last check, rotated keys
//! <state-dir>/slots/a/{manifest.json, manifest.sig, bundle.json}
//! <state-dir>/slots/b/…
//! ```
//! A new bundle is written into the inactive slot (each file fsynced, then the directory), and
//! only then `state.json` is replaced by write-temp + fsync + rename + directory fsync. A crash at
//! any point leaves the previous state pointing at the previous, complete slot. On start the
//! active slot is re-verified (signatures, hashes, engine load, self-check); if it is corrupt the
//! other slot is used, then the bundle compiled into the binary.

use super::embedded::EmbeddedBundle;
use super::keys::Trust;
use super::manifest::{self, AnnouncedKey, Expect, Manifest, Verified};
use super::{BundleError, UpdateStatus, MAX_BUNDLE_BYTES};
use chrono::{DateTime, NaiveDate, Utc};
use kustannusarvio_engine::tariff::Tariff;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

const STATE_FILE: &str = "state.json";
const MANIFEST_FILE: &str = "manifest.json";
const SIG_FILE: &str = "manifest.sig";
const BUNDLE_FILE: &str = "bundle.json";
const MAX_STATE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    A,
    B,
}

impl Slot {
    pub fn other(self) -> Slot {
        match self {
            Slot::A => Slot::B,
            Slot::B => Slot::A,
        }
    }
    fn dir_name(self) -> &'static str {
        match self {
            Slot::A => "a",
            Slot::B => "b",
        }
    }
}

/// Where the active tariff comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ActiveSource {
    SlotA,
    SlotB,
    /// The signed bundle compiled into the binary (last resort).
    Embedded,
}

/// `state.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    #[serde(default)]
    pub active: Option<Slot>,
    /// Pinned on first install when the store was not given one.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The highest serial ever installed: anything lower is a rollback.
    #[serde(default)]
    pub max_serial_seen: u64,
    #[serde(default)]
    pub last_check: Option<DateTime<Utc>>,
    /// Last check that ended `up_to_date` or `updated`.
    #[serde(default)]
    pub last_success: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_status: Option<String>,
    /// Keys adopted from verified manifests (rotation).
    #[serde(default)]
    pub extra_keys: Vec<AnnouncedKey>,
    #[serde(default)]
    pub retired_keys: Vec<String>,
}

/// What the app shows about the tariff in use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActiveInfo {
    pub source: ActiveSource,
    pub organisation: String,
    pub organisation_name: String,
    pub channel: String,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub serial: u64,
    pub tariff_version: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub expires_at: DateTime<Utc>,
    /// Past `expires_at`: still used offline, but the app must say "connect to the intranet".
    pub expired: bool,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub newest_value_from: Option<NaiveDate>,
    pub signed_by: Vec<String>,
    /// Why the preferred slot was not used (corrupt slot, …), if it was not.
    pub recovered_from: Option<BundleError>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_check: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_success: Option<DateTime<Utc>>,
    pub last_status: Option<String>,
}

/// The active tariff with its description.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub tariff: Tariff,
    pub manifest: Manifest,
    pub info: ActiveInfo,
}

/// A verified manifest waiting for its bundle file.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub verified: Verified,
    manifest_bytes: Vec<u8>,
    signature_bytes: Vec<u8>,
    previous_serial: Option<u64>,
}

impl Prepared {
    pub fn manifest(&self) -> &Manifest {
        &self.verified.manifest
    }
}

/// What to do with an offered manifest.
#[derive(Debug, Clone)]
pub enum Offer {
    /// Same serial as installed: only "last checked" is refreshed.
    UpToDate { serial: u64 },
    /// Newer: download and install the bundle.
    Install(Box<Prepared>),
}

/// Held while an update runs; see [`Store::lock`].
#[derive(Debug)]
pub struct UpdateLock {
    _file: std::fs::File,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    trust: Trust,
    organisation: Option<String>,
    channel: String,
    fallback: Option<EmbeddedBundle>,
    max_bundle_bytes: u64,
}

impl Store {
    /// `organisation = None` pins the organisation of the first installed bundle.
    pub fn new(dir: impl Into<PathBuf>, trust: Trust, organisation: Option<&str>, channel: &str) -> Store {
        Store {
            dir: dir.into(),
            trust,
            organisation: organisation.map(str::to_string),
            channel: channel.to_string(),
            fallback: None,
            max_bundle_bytes: MAX_BUNDLE_BYTES,
        }
    }
    /// The signed bundle compiled into the binary, used when no slot verifies.
    pub fn with_fallback(mut self, fallback: EmbeddedBundle) -> Store {
        self.fallback = Some(fallback);
        self
    }
    pub fn with_max_bundle_bytes(mut self, limit: u64) -> Store {
        self.max_bundle_bytes = limit;
        self
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn channel(&self) -> &str {
        &self.channel
    }
    pub fn max_bundle_bytes(&self) -> u64 {
        self.max_bundle_bytes
    }

    /// The base keys plus keys adopted by rotation, minus retired keys: what a new offer must
    /// be signed with.
    pub fn effective_trust(&self, state: &State) -> Trust {
        let mut t = self.installed_trust(state);
        for id in &state.retired_keys {
            t.keys.remove(id);
        }
        t
    }

    /// For re-verifying slots already installed (they were accepted under the trust in force
    /// then; a later retirement must not make the device lose its last good tariff — the slots
    /// are local data, re-verification guards against corruption).
    fn installed_trust(&self, state: &State) -> Trust {
        let mut t = self.trust.clone();
        for k in &state.extra_keys {
            if let Ok(pk) = k.to_public() {
                t.keys.insert(pk.key_id.clone(), pk);
            }
        }
        t
    }

    /// Reads `state.json`; a missing or unreadable one is the empty state (the slots are then
    /// scanned), never an error.
    pub fn read_state(&self) -> State {
        let path = self.dir.join(STATE_FILE);
        match read_capped(&path, MAX_STATE_BYTES) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            Err(_) => State::default(),
        }
    }

    fn expected_org<'a>(&'a self, state: &'a State) -> Option<&'a str> {
        self.organisation.as_deref().or(state.organisation.as_deref())
    }

    fn slot_dir(&self, slot: Slot) -> PathBuf {
        self.dir.join("slots").join(slot.dir_name())
    }

    fn verify_slot(&self, slot: Slot, state: &State, now: DateTime<Utc>) -> Result<(Tariff, Verified), BundleError> {
        let d = self.slot_dir(slot);
        let rd = |name: &str, cap: u64| {
            read_capped(&d.join(name), cap)
                .map_err(|e| BundleError::storage(format!("slot {}: {name}", slot.dir_name()), e))
        };
        let m = rd(MANIFEST_FILE, super::MAX_MANIFEST_BYTES)?;
        let s = rd(SIG_FILE, super::MAX_SIGNATURE_BYTES)?;
        let b = rd(BUNDLE_FILE, self.max_bundle_bytes)?;
        let expect = Expect { organisation: self.expected_org(state), channel: &self.channel, reject_expired: false };
        let v = manifest::verify_manifest(&m, &s, &self.installed_trust(state), &expect, now)?;
        // the slot's cases ran when it was installed
        let t = manifest::verify_bundle_with(&v.manifest, &b, self.max_bundle_bytes, manifest::Cases::AlreadyPassed)?;
        Ok((t, v))
    }

    fn info(
        &self,
        source: ActiveSource,
        t: &Tariff,
        v: &Verified,
        state: &State,
        now: DateTime<Utc>,
        recovered_from: Option<BundleError>,
    ) -> ActiveInfo {
        let m = &v.manifest;
        ActiveInfo {
            source,
            organisation: m.organisation.clone(),
            organisation_name: t.organisation.name.fi.clone(),
            channel: m.channel.clone(),
            serial: m.serial,
            tariff_version: m.tariff_version.clone(),
            created_at: m.created_at,
            expires_at: m.expires_at,
            expired: m.expires_at <= now,
            newest_value_from: m.newest_value_from,
            signed_by: v.signed_by.clone(),
            recovered_from,
            last_check: state.last_check,
            last_success: state.last_success,
            last_status: state.last_status.clone(),
        }
    }

    /// The tariff to compute with: the active slot, else the other slot, else the embedded
    /// bundle (also when the embedded one is newer than what is installed). Each is fully
    /// re-verified.
    pub fn load(&self, now: DateTime<Utc>) -> Result<Loaded, BundleError> {
        let state = self.read_state();
        let order: Vec<Slot> = match state.active {
            Some(a) => vec![a, a.other()],
            None => vec![Slot::A, Slot::B],
        };
        let mut first_err: Option<BundleError> = None;
        let mut found: Option<(Slot, Tariff, Verified)> = None;
        for slot in order {
            match self.verify_slot(slot, &state, now) {
                Ok((t, v)) => {
                    // Without a state file, prefer the newer of the two slots.
                    if state.active.is_none() {
                        if found.as_ref().is_none_or(|f| v.manifest.serial > f.2.manifest.serial) {
                            found = Some((slot, t, v));
                        }
                        continue;
                    }
                    found = Some((slot, t, v));
                    break;
                }
                Err(e) => {
                    if state.active == Some(slot) {
                        first_err.get_or_insert(e);
                    }
                }
            }
        }
        let embedded = |min_serial: Option<u64>| -> Option<Result<(Tariff, Verified), BundleError>> {
            let fb = self.fallback.as_ref()?;
            if let (Some(min), Ok(m)) = (min_serial, manifest::parse_manifest(&fb.manifest)) {
                if m.serial <= min {
                    return None;
                }
            }
            Some(fb.verify(&self.installed_trust(&state), self.expected_org(&state), &self.channel, now))
        };
        if let Some((slot, t, v)) = found {
            if let Some(Ok((et, ev))) = embedded(Some(v.manifest.serial)) {
                let info = self.info(ActiveSource::Embedded, &et, &ev, &state, now, None);
                return Ok(Loaded { tariff: et, manifest: ev.manifest, info });
            }
            let src = if slot == Slot::A { ActiveSource::SlotA } else { ActiveSource::SlotB };
            let info = self.info(src, &t, &v, &state, now, first_err);
            return Ok(Loaded { tariff: t, manifest: v.manifest, info });
        }
        match embedded(None) {
            Some(Ok((t, v))) => {
                let info = self.info(ActiveSource::Embedded, &t, &v, &state, now, first_err);
                Ok(Loaded { tariff: t, manifest: v.manifest, info })
            }
            Some(Err(e)) => Err(BundleError::NoTariff { message: format!("embedded bundle: {e}") }),
            None => Err(BundleError::NoTariff {
                message: first_err
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "nothing installed and no embedded bundle".into()),
            }),
        }
    }

    /// Step 1 of an update: verify the offered manifest (signatures, organisation, channel,
    /// expiry) and decide against the installed serial.
    pub fn offer(
        &self,
        manifest_bytes: &[u8],
        signature_bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Offer, BundleError> {
        let state = self.read_state();
        let expect = Expect { organisation: self.expected_org(&state), channel: &self.channel, reject_expired: true };
        let verified =
            manifest::verify_manifest(manifest_bytes, signature_bytes, &self.effective_trust(&state), &expect, now)?;
        let current = self.load(now).ok().map(|l| l.manifest.serial);
        let offered = verified.manifest.serial;
        let floor = state.max_serial_seen.max(current.unwrap_or(0));
        if Some(offered) == current {
            return Ok(Offer::UpToDate { serial: offered });
        }
        if offered < floor {
            return Err(BundleError::RejectedRollback { installed: floor, offered });
        }
        Ok(Offer::Install(Box::new(Prepared {
            verified,
            manifest_bytes: manifest_bytes.to_vec(),
            signature_bytes: signature_bytes.to_vec(),
            previous_serial: current,
        })))
    }

    /// Step 2: verify the bundle bytes against the manifest, load and self-check the tariff,
    /// write the inactive slot and switch to it atomically.
    pub fn install(
        &self,
        prepared: &Prepared,
        bundle_bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<UpdateStatus, BundleError> {
        let m = &prepared.verified.manifest;
        manifest::verify_bundle(m, bundle_bytes, self.max_bundle_bytes)?;
        let mut state = self.read_state();
        let target = state.active.map(Slot::other).unwrap_or(Slot::A);
        let dir = self.slot_dir(target);
        let st = |c: &str, e: std::io::Error| BundleError::storage(c, e);
        std::fs::create_dir_all(self.dir.join("slots")).map_err(|e| st("create slots", e))?;
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| st("clear inactive slot", e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| st("create slot", e))?;
        write_synced(&dir.join(BUNDLE_FILE), bundle_bytes).map_err(|e| st("write bundle", e))?;
        crash_point("slot_half_written");
        write_synced(&dir.join(SIG_FILE), &prepared.signature_bytes).map_err(|e| st("write signatures", e))?;
        write_synced(&dir.join(MANIFEST_FILE), &prepared.manifest_bytes).map_err(|e| st("write manifest", e))?;
        sync_dir(&dir).map_err(|e| st("sync slot", e))?;
        sync_dir(&self.dir.join("slots")).map_err(|e| st("sync slots", e))?;

        state.active = Some(target);
        state.max_serial_seen = state.max_serial_seen.max(m.serial);
        if state.organisation.is_none() {
            state.organisation = Some(m.organisation.clone());
        }
        for k in &m.new_keys {
            if k.to_public().is_ok() && !state.extra_keys.iter().any(|x| x.key_id == k.key_id) {
                state.extra_keys.push(k.clone());
            }
        }
        for id in &m.retired_keys {
            if !state.retired_keys.contains(id) {
                state.retired_keys.push(id.clone());
            }
        }
        state.last_check = Some(now);
        state.last_success = Some(now);
        state.last_status = Some("updated".into());
        crash_point("slot_written");
        self.write_state(&state)?;
        Ok(UpdateStatus::Updated { previous_serial: prepared.previous_serial, serial: m.serial })
    }

    /// An exclusive advisory lock on the state directory for one check-and-install, so the
    /// app's background task and a CLI run never write the same slot. Released on drop.
    pub fn lock(&self) -> Result<UpdateLock, BundleError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| BundleError::storage("create state directory", e))?;
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join("update.lock"))
            .map_err(|e| BundleError::storage("open update.lock", e))?;
        match f.try_lock() {
            Ok(()) => Ok(UpdateLock { _file: f }),
            Err(std::fs::TryLockError::WouldBlock) => Err(BundleError::Busy),
            Err(std::fs::TryLockError::Error(e)) => Err(BundleError::storage("lock update.lock", e)),
        }
    }

    /// Offline install of already-fetched files (e.g. from a USB stick), same checks.
    pub fn install_files(
        &self,
        manifest_bytes: &[u8],
        signature_bytes: &[u8],
        bundle_bytes: &[u8],
        now: DateTime<Utc>,
    ) -> UpdateStatus {
        let _lock = match self.lock() {
            Ok(l) => l,
            Err(e) => return UpdateStatus::Failed(e),
        };
        let status = match self.offer(manifest_bytes, signature_bytes, now) {
            Ok(Offer::UpToDate { serial }) => UpdateStatus::UpToDate { serial },
            Ok(Offer::Install(p)) => self.install(&p, bundle_bytes, now).unwrap_or_else(UpdateStatus::Failed),
            Err(e) => UpdateStatus::Failed(e),
        };
        if !matches!(status, UpdateStatus::Updated { .. }) {
            self.record_check(&status, now);
        }
        status
    }

    /// Records the outcome of a check (`last_check`, `last_status`, `last_success`). Best effort:
    /// a failure to write is not an update failure.
    pub fn record_check(&self, status: &UpdateStatus, now: DateTime<Utc>) {
        let mut state = self.read_state();
        state.last_check = Some(now);
        state.last_status = Some(status.code().to_string());
        if status.is_ok() {
            state.last_success = Some(now);
        }
        let _ = self.write_state(&state);
    }

    fn write_state(&self, state: &State) -> Result<(), BundleError> {
        let bytes = serde_json::to_vec_pretty(state).map_err(|e| BundleError::storage("encode state", e))?;
        write_atomic(&self.dir.join(STATE_FILE), &bytes).map_err(|e| BundleError::storage("write state.json", e))
    }
}

/// Test hook for the crash tests: in debug builds only, `KUSTANNUSARVIO_CRASH_AT=<point>` aborts
/// the process at that point of the slot switch (as a power cut or kill would).
fn crash_point(point: &str) {
    if cfg!(debug_assertions) && std::env::var("KUSTANNUSARVIO_CRASH_AT").is_ok_and(|v| v == point) {
        std::process::abort();
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

/// Writes and fsyncs a file.
pub fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
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

/// Replaces `path` atomically: write `path.tmp`, fsync, rename over `path`, fsync the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    write_synced(&tmp, bytes)?;
    crash_point("before_rename");
    std::fs::rename(&tmp, path)?;
    sync_dir(dir)
}
