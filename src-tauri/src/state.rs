//! The tariffs compiled into the binary, loaded once at start, and the active organisation.

use kustannusarvio::{EngineError, Tariff};
use std::collections::BTreeMap;
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
            active: RwLock::new(active),
        }
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
