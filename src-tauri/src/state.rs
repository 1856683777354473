//! The tariffs compiled into the binary, loaded once at start, and the active organisation.

use crate::updater::ActiveInfo;
#[cfg(feature = "updates")]
use crate::updater::Anchors;
use kustannusarvio_engine::{EngineError, Tariff};
use std::collections::BTreeMap;
#[cfg(feature = "updates")]
use std::path::Path;
use std::sync::{Arc, RwLock};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_tariffs.rs"));
}

/// The organisation used when no setting chooses one and it is bundled.
pub const DEFAULT_ORGANISATION: &str = "paijat-hame";

/// Shared state of the app: the tariffs in use (swapped atomically when the background updater
/// installs a new signed bundle) plus the chosen organisation.
pub struct AppState {
    /// Tariffs by organisation. A command clones the `Arc` of the active one and releases the
    /// lock, so an update never waits for a computation and a computation never sees half a swap.
    tariffs: RwLock<BTreeMap<String, Arc<Tariff>>>,
    /// Bundled tariff directories that failed to load (shown to the user, never a panic).
    pub load_errors: Vec<(String, EngineError)>,
    /// Signed tariff bundles installed in the app's data directory (docs/bundles.md), by
    /// organisation: what the header shows (serial, expiry, last check).
    bundles: RwLock<BTreeMap<String, ActiveInfo>>,
    pub active: RwLock<Option<String>>,
}

impl AppState {
    /// Loads every bundled tariff; a broken one is recorded, the others still work.
    pub fn load_bundled() -> Self {
        Self::from_sources(bundled::BUNDLED)
    }

    /// `sources`: every bundled layer directory with its files. Each directory with an
    /// `[organisation]` is a tariff, loaded on top of the layers it extends (`national`); a base
    /// layer is not a tariff of its own.
    pub fn from_sources(sources: &[(&str, &[(&str, &str)])]) -> Self {
        use kustannusarvio_engine::tariff::{self, Layer};
        let layer = |dir: &str, files: &[(&str, &str)]| {
            Layer::new(dir, files.iter().map(|(n, t)| (n.to_string(), t.to_string())))
        };
        let layers: BTreeMap<&str, Layer> = sources.iter().map(|(dir, files)| (*dir, layer(dir, files))).collect();
        let mut tariffs = BTreeMap::new();
        let mut load_errors = Vec::new();
        for (dir, top) in &layers {
            match tariff::organisation_table(top) {
                Ok(Some(_)) => {}
                Ok(None) => continue, // a base layer
                Err(e) => {
                    load_errors.push((dir.to_string(), e));
                    continue;
                }
            }
            // the chain of layers below this one, base first
            let mut chain = vec![top.clone()];
            let loaded = loop {
                match tariff::declared_base(&chain[0]) {
                    Ok(None) => break tariff::load_layers(&chain),
                    Ok(Some(base)) => match layers.get(base.as_str()) {
                        Some(b) if chain.len() < 4 => chain.insert(0, b.clone()),
                        _ => {
                            break Err(EngineError::tariff(
                                dir.to_string(),
                                None,
                                format!("extends `{base}`, which is not bundled"),
                            ))
                        }
                    },
                    Err(e) => break Err(e),
                }
            };
            match loaded {
                Ok(t) => {
                    tariffs.insert(t.organisation.id.clone(), Arc::new(t));
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
            tariffs: RwLock::new(tariffs),
            load_errors,
            bundles: RwLock::new(BTreeMap::new()),
            active: RwLock::new(active),
        }
    }

    /// Uses a verified tariff installed under `root/<organisation>/` (the device store of
    /// `kustannusarvio_bundle`) instead of the compiled-in tariff of that organisation. Nothing
    /// installed, no anchor, or nothing that verifies from the anchor: the compiled-in tariff
    /// stays. Read only.
    #[cfg(feature = "updates")]
    pub fn with_installed_bundles(self, root: &Path, anchors: &Anchors, now: chrono::DateTime<chrono::Utc>) -> Self {
        for id in self.organisations() {
            let Some(store) = anchors.store(root, &id) else { continue };
            if let Ok(loaded) = store.load(now) {
                self.install(&id, loaded.tariff, loaded.info);
            }
        }
        self
    }

    /// Ids of the organisations with a tariff.
    pub fn organisations(&self) -> Vec<String> {
        self.tariffs.read().map(|t| t.keys().cloned().collect()).unwrap_or_default()
    }

    /// The tariff of `id`, shared (cheap clone).
    pub fn tariff(&self, id: &str) -> Option<Arc<Tariff>> {
        self.tariffs.read().ok().and_then(|t| t.get(id).cloned())
    }

    /// Every tariff, by organisation.
    pub fn all_tariffs(&self) -> Vec<Arc<Tariff>> {
        self.tariffs.read().map(|t| t.values().cloned().collect()).unwrap_or_default()
    }

    /// The installed signed bundle of `id`, if one is in use.
    pub fn bundle_info(&self, id: &str) -> Option<ActiveInfo> {
        self.bundles.read().ok().and_then(|b| b.get(id).cloned())
    }

    /// Swaps in a verified tariff from a signed bundle for `id` (one write lock each; a running
    /// command keeps its own `Arc` of the previous tariff).
    pub fn install(&self, id: &str, tariff: Tariff, info: ActiveInfo) {
        if let Ok(mut t) = self.tariffs.write() {
            t.insert(id.to_string(), Arc::new(tariff));
        }
        self.set_bundle_info(id, info);
    }

    /// Updates what the header shows about the bundle (last check…) without touching the tariff.
    pub fn set_bundle_info(&self, id: &str, info: ActiveInfo) {
        if let Ok(mut b) = self.bundles.write() {
            b.insert(id.to_string(), info);
        }
    }

    /// Makes `id` the active organisation if it is bundled.
    pub fn set_active(&self, id: &str) -> Result<(), EngineError> {
        if self.tariff(id).is_none() {
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
        let id = self.active_id().ok_or_else(|| EngineError::input("organisation", "no tariff is bundled"))?;
        let t =
            self.tariff(&id).ok_or_else(|| EngineError::input("organisation", format!("no bundled tariff `{id}`")))?;
        f(&t)
    }
}
