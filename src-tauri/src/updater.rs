//! Background tariff updates (docs/bundles.md, docs/app.md): at start-up and every
//! [`CHECK_INTERVAL`] the bundle crate's blocking TUF update runs on tokio's blocking pool
//! (`spawn_blocking`), never on the UI thread or inside a command's lock. On `updated` the
//! verified tariff is reloaded from the device store and swapped into [`AppState`]; on any
//! other outcome the tariff in use stays. Every check ends with a typed event
//! ([`TariffStatusChanged`]) so the UI refreshes the header and the estimate.
//! Wiring only: TUF, download and storage are `kustannusarvio_bundle`.
//!
//! Without the feature `updates` (the mobile check, docs/app.md) the app has no updater: the
//! same commands and types exist, updates are reported as off and no bundle is ever installed;
//! the app computes with the tariffs compiled into it.

use crate::settings::Settings;
#[cfg(feature = "updates")]
use crate::state::AppState;
#[cfg(feature = "updates")]
use kustannusarvio_bundle::client::{self, ClientConfig};
#[cfg(feature = "updates")]
use kustannusarvio_bundle::{BundleError, Store, UpdateStatus};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;
#[cfg(feature = "updates")]
use tauri::Manager;
use tauri::{AppHandle, Runtime};
#[cfg(feature = "updates")]
use tauri_specta::Event;

/// The signed tariff in use (serial, expiry, age, last check), from the device store.
#[cfg(feature = "updates")]
pub use kustannusarvio_bundle::store::ActiveInfo;
/// The outcome of an update check, for the header.
#[cfg(feature = "updates")]
pub use kustannusarvio_bundle::StatusReport;

/// Without `updates` no signed tariff is ever installed (never constructed).
#[cfg(not(feature = "updates"))]
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ActiveInfo {}

/// Without `updates` no check ever runs (never constructed).
#[cfg(not(feature = "updates"))]
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StatusReport {}

/// Whether `url` may be the update address (`https://`, or `http://` on loopback); never
/// without `updates`.
pub fn url_allowed(url: &str) -> bool {
    #[cfg(feature = "updates")]
    return client::check_url(url).is_ok();
    #[cfg(not(feature = "updates"))]
    {
        let _ = url;
        false
    }
}

/// How often the background task checks for a new tariff.
pub const CHECK_INTERVAL: Duration = Duration::from_secs(6 * 60 * 60);

/// Debug builds only: a directory of extra trust anchors, `<organisation>.root.json` (e.g.
/// `tests/fixtures/bundle/tuf`), for tests and demos. Release builds ignore it
/// (`cfg(debug_assertions)`).
pub const DEV_TRUST_ROOTS_ENV: &str = "KUSTANNUSARVIO_DEV_TRUST_ROOTS";

/// Each organisation's trust anchor (TUF root metadata): the roots compiled into the app
/// (`tariffs/trust/`), plus in debug builds those of [`DEV_TRUST_ROOTS_ENV`].
#[derive(Debug, Clone, Default)]
pub struct Anchors(pub BTreeMap<String, Vec<u8>>);

impl Anchors {
    #[cfg(not(feature = "updates"))]
    pub fn app() -> Anchors {
        Anchors::default()
    }
    #[cfg(feature = "updates")]
    pub fn app() -> Anchors {
        #[allow(unused_mut)]
        let mut a: BTreeMap<String, Vec<u8>> =
            kustannusarvio_bundle::anchors::ANCHORS.iter().map(|(o, r)| (o.to_string(), r.to_vec())).collect();
        #[cfg(debug_assertions)]
        if let Some(dir) = std::env::var_os(DEV_TRUST_ROOTS_ENV) {
            match std::fs::read_dir(&dir) {
                Ok(rd) => {
                    for e in rd.filter_map(|e| e.ok()) {
                        let name = e.file_name().to_string_lossy().to_string();
                        if let (Some(org), Ok(bytes)) = (name.strip_suffix(".root.json"), std::fs::read(e.path())) {
                            a.insert(org.to_string(), bytes);
                        }
                    }
                }
                Err(e) => eprintln!("kustannusarvio-app: {DEV_TRUST_ROOTS_ENV}: {e}"),
            }
        }
        Anchors(a)
    }
    pub fn get(&self, organisation: &str) -> Option<&[u8]> {
        self.0.get(organisation).map(Vec::as_slice)
    }
    /// The device store of `organisation` under `root`, if it has an anchor.
    #[cfg(feature = "updates")]
    pub fn store(&self, root: &std::path::Path, organisation: &str) -> Option<Store> {
        Some(Store::new(root.join(organisation), organisation, self.get(organisation)?))
    }
}

/// Emitted after every update check (background or `check_updates_now`): the UI reloads
/// `tariff_info` and, when `tariff_changed`, recomputes the estimate.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct TariffStatusChanged {
    pub organisation: String,
    /// The update status code (`updated`, `up_to_date`, `rejected_*`, `server_unreachable`…).
    pub code: String,
    pub tariff_changed: bool,
}

/// What the header shows about updates.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct UpdateView {
    /// An update URL is set.
    pub enabled: bool,
    /// A check is running now.
    pub checking: bool,
    /// The outcome of the last check since the app started.
    pub last: Option<StatusReport>,
}

/// The updater's state (managed by Tauri next to [`AppState`]).
pub struct Updater {
    /// `<app data>/tariffs`: one device store per organisation.
    #[cfg_attr(not(feature = "updates"), allow(dead_code))]
    root: Option<PathBuf>,
    #[cfg_attr(not(feature = "updates"), allow(dead_code))]
    anchors: Anchors,
    checking: AtomicBool,
    last: Mutex<Option<StatusReport>>,
}

#[cfg(feature = "updates")]
fn failed(e: BundleError) -> UpdateStatus {
    UpdateStatus::Failed(e)
}

impl Updater {
    pub fn new(root: Option<PathBuf>, anchors: Anchors) -> Self {
        Updater { root, anchors, checking: AtomicBool::new(false), last: Mutex::new(None) }
    }

    pub fn view(&self, settings: &Settings) -> UpdateView {
        UpdateView {
            enabled: cfg!(feature = "updates") && settings.update_url().is_some(),
            checking: self.checking.load(Ordering::SeqCst),
            last: self.last.lock().ok().and_then(|l| l.clone()),
        }
    }

    #[cfg(feature = "updates")]
    fn store(&self, organisation: &str) -> Option<Store> {
        self.anchors.store(self.root.as_ref()?, organisation)
    }

    /// One blocking check for the active organisation: fetch, verify, install, then swap the
    /// tariff in `state` on `updated` (only after the store reloads and re-verifies it).
    /// `None` when updates are off. Call from a blocking thread.
    #[cfg(feature = "updates")]
    pub fn check_blocking(
        &self,
        state: &AppState,
        settings: &Settings,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<(String, UpdateStatus, bool)> {
        let url = settings.update_url()?;
        let organisation = state.active_id()?;
        let status = self.check_store(&organisation, url, settings.root_ca_path(), now);
        let mut changed = false;
        if let Some(Ok(loaded)) = self.store(&organisation).map(|s| s.load(now)) {
            if matches!(status, UpdateStatus::Updated { .. }) {
                state.install(&organisation, loaded.tariff, loaded.info);
                changed = true;
            } else {
                // Only what the header shows (last check); the tariff in use stays.
                state.set_bundle_info(&organisation, loaded.info);
            }
        }
        if let Ok(mut last) = self.last.lock() {
            *last = Some(StatusReport::from(&status));
        }
        Some((organisation, status, changed))
    }

    #[cfg(feature = "updates")]
    fn check_store(
        &self,
        organisation: &str,
        url: &str,
        root_ca_path: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> UpdateStatus {
        if self.anchors.get(organisation).is_none() {
            return failed(BundleError::NoTrustAnchor { organisation: organisation.to_string() });
        }
        let Some(store) = self.store(organisation) else {
            return failed(BundleError::StorageError { message: "no app data directory".into() });
        };
        let mut cfg = ClientConfig::new(url);
        if let Some(path) = root_ca_path {
            match std::fs::read(path) {
                Ok(pem) => cfg.net.extra_root_ca_pem = Some(pem),
                Err(e) => {
                    return failed(BundleError::ClientConfig { message: format!("root CA {path}: {e}") });
                }
            }
        }
        client::check_for_update(&store, &cfg, now)
    }
}

/// Without `updates`: no check, updates are off.
#[cfg(not(feature = "updates"))]
pub async fn run_check<R: Runtime>(_app: AppHandle<R>) -> UpdateView {
    UpdateView { enabled: false, checking: false, last: None }
}

/// Runs one check on the blocking pool and emits [`TariffStatusChanged`]. A check already
/// running makes this a no-op that returns the current view.
#[cfg(feature = "updates")]
pub async fn run_check<R: Runtime>(app: AppHandle<R>) -> UpdateView {
    let settings = crate::commands::get_settings(app.clone());
    let Some(updater) = app.try_state::<Updater>() else {
        return UpdateView { enabled: false, checking: false, last: None };
    };
    if settings.update_url().is_none() || updater.checking.swap(true, Ordering::SeqCst) {
        return updater.view(&settings);
    }
    let handle = app.clone();
    let s = settings.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let state = handle.try_state::<AppState>()?;
        let updater = handle.try_state::<Updater>()?;
        updater.check_blocking(&state, &s, chrono::Utc::now())
    })
    .await;
    updater.checking.store(false, Ordering::SeqCst);
    if let Ok(Some((organisation, status, tariff_changed))) = result {
        let event = TariffStatusChanged { organisation, code: status.code().to_string(), tariff_changed };
        if let Err(e) = event.emit(&app) {
            eprintln!("kustannusarvio-app: cannot emit the update event: {e}");
        }
    }
    updater.view(&settings)
}

/// The background task: a check at start-up, then every [`CHECK_INTERVAL`].
pub fn spawn_background<R: Runtime>(app: AppHandle<R>) {
    if !cfg!(feature = "updates") {
        return;
    }
    tauri::async_runtime::spawn(async move {
        loop {
            run_check(app.clone()).await;
            tokio::time::sleep(CHECK_INTERVAL).await;
        }
    });
}
