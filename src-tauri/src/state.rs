//! The tariffs compiled into the binary, loaded once at start, and the active organisation.

use kustannusarvio::bundle::keys::Trust;
use kustannusarvio::bundle::store::ActiveInfo;
use kustannusarvio::bundle::Store;
use kustannusarvio::{EngineError, Tariff};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::RwLock;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_tariffs.rs"));
}

/// The organisation used when no setting chooses one and it is bundled.
pub const DEFAULT_ORGANISATION: &str = "paijat-hame";

/// Shared state of the app: immutable tariffs plus the chosen organisation.
pub struct AppState {
    pub tariffs: BTreeMap<String, Tariff>,
    /// Bundled tariff directories that failed to load (shown to the user, never a panic).
    pub load_errors: Vec<(String, EngineError)>,
    /// Signed tariff bundles installed in the app's data directory (docs/bundles.md), by
    /// organisation: what the header shows (serial, expiry, last check).
    pub bundles: BTreeMap<String, ActiveInfo>,
    pub active: RwLock<Option<String>>,
}

impl AppState {
    /// Loads every bundled tariff; a broken one is recorded, the others still work.
    pub fn load_bundled() -> Self {
        Self::from_sources(bundled::BUNDLED)
    }

    pub fn from_sources(sources: &[(&str, &[(&str, &str)])]) -> Self {
        let mut tariffs = BTreeMap::new();
        let mut load_errors = Vec::new();
        for (dir, files) in sources {
            let files: Vec<(String, String)> = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
            match kustannusarvio::load_files(&files) {
                Ok(t) => {
                    tariffs.insert(t.organisation.id.clone(), t);
                }
                Err(e) => load_errors.push((dir.to_string(), e)),
            }
        }
        let active = if tariffs.contains_key(DEFAULT_ORGANISATION) {
            Some(DEFAULT_ORGANISATION.to_string())
        } else {
            tariffs.keys().next().cloned()
        };
        AppState {
            tariffs,
            load_errors,
            bundles: BTreeMap::new(),
            active: RwLock::new(active),
        }
    }

    /// Uses a verified signed bundle installed under `root/<organisation>/` (two-slot store of
    /// `kustannusarvio::bundle`) instead of the compiled-in tariff of that organisation. Nothing
    /// installed, or nothing that verifies with `trust`: the compiled-in tariff stays. Read only.
    pub fn with_installed_bundles(mut self, root: &Path, trust: &Trust, now: chrono::DateTime<chrono::Utc>) -> Self {
        let ids: Vec<String> = self.tariffs.keys().cloned().collect();
        for id in ids {
            let store = Store::new(root.join(&id), trust.clone(), Some(&id), "stable");
            if let Ok(loaded) = store.load(now) {
                self.tariffs.insert(id.clone(), loaded.tariff);
                self.bundles.insert(id, loaded.info);
            }
        }
        self
    }

    /// Makes `id` the active organisation if it is bundled.
    pub fn set_active(&self, id: &str) -> Result<(), EngineError> {
        if !self.tariffs.contains_key(id) {
            return Err(EngineError::input("organisation", format!("no bundled tariff `{id}`")));
        }
        if let Ok(mut a) = self.active.write() {
            *a = Some(id.to_string());
        }
        Ok(())
    }

    pub fn active_id(&self) -> Option<String> {
        self.active.read().ok().and_then(|a| a.clone())
    }

    /// The active tariff, or an error the UI can translate.
    pub fn with_active<T>(&self, f: impl FnOnce(&Tariff) -> Result<T, EngineError>) -> Result<T, EngineError> {
        let id = self
            .active_id()
            .ok_or_else(|| EngineError::input("organisation", "no tariff is bundled"))?;
        let t = self
            .tariffs
            .get(&id)
            .ok_or_else(|| EngineError::input("organisation", format!("no bundled tariff `{id}`")))?;
        f(t)
    }
}
