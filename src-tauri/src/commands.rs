//! Tauri commands: thin adapters from the webview to the engine. No fee is computed here.

use crate::settings::{self, Settings};
use crate::state::AppState;
use crate::updater::{self, ActiveInfo, UpdateView};
use kustannusarvio_engine::catalogue::{self, ServiceOption};
use kustannusarvio_engine::compare::Comparison;
use kustannusarvio_engine::i18n::Lang;
use kustannusarvio_engine::tariff::Names;
use kustannusarvio_engine::{Brief, EngineError, Estimate, Scenario};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_store::StoreExt;

/// At most this many alternatives side by side.
pub const MAX_ALTERNATIVES: usize = 3;

/// Tariff summary for the header (organisation, version).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TariffSummary {
    pub organisation: String,
    /// The organisation's name in Finnish.
    pub name: String,
    /// The organisation's name in Finnish, Swedish and English (the header shows the UI's).
    pub names: Names,
    pub version: String,
    pub description: Option<String>,
    /// The signed bundle in use, when one is installed; `null` = the tariff compiled into the app.
    pub bundle: Option<ActiveInfo>,
    /// The dates on which every parameter of the tariff has a value (`YYYY-MM-DD`): what the
    /// date field asks for when a date is outside the tariff. `null` when there is no such span.
    pub coverage_from: Option<String>,
    pub coverage_until: Option<String>,
}

/// The span of dates on which every dated parameter has a value: from the latest first day to
/// the earliest last day (an open-ended value has no last day). Read from the tariff as data,
/// like the bundle's `newest_value_from`.
pub fn coverage(t: &kustannusarvio_engine::Tariff) -> (Option<String>, Option<String>) {
    fn walk(v: &serde_json::Value, from: &mut Option<String>, until: &mut Option<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Array(values)) = m.get("values") {
                    let dated: Vec<_> = values.iter().filter_map(|x| x.get("from").and_then(|f| f.as_str())).collect();
                    if !dated.is_empty() && dated.len() == values.len() {
                        let first = dated.iter().min().map(|s| s.to_string());
                        let last =
                            values.iter().map(|x| x.get("to").and_then(|t| t.as_str())).collect::<Option<Vec<_>>>();
                        if first > *from {
                            *from = first;
                        }
                        if let Some(last) = last.and_then(|l| l.into_iter().max().map(str::to_string)) {
                            if until.as_ref().is_none_or(|u| &last < u) {
                                *until = Some(last);
                            }
                        }
                        return;
                    }
                }
                m.values().for_each(|x| walk(x, from, until));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, from, until)),
            _ => {}
        }
    }
    let (mut from, mut until) = (None, None);
    if let Ok(v) = serde_json::to_value(t) {
        walk(&v, &mut from, &mut until);
    }
    match (&from, &until) {
        (Some(f), Some(u)) if f > u => (None, None),
        _ => (from, until),
    }
}

/// A bundled tariff that failed to load.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TariffLoadError {
    pub directory: String,
    pub error: EngineError,
}

/// What the header and settings view show about the tariffs.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppTariffs {
    /// The tariff the estimates use; `null` when none is bundled.
    pub active: Option<TariffSummary>,
    pub available: Vec<TariffSummary>,
    pub load_errors: Vec<TariffLoadError>,
    pub app_version: String,
}

fn summary(state: &AppState, t: &kustannusarvio_engine::Tariff) -> TariffSummary {
    let (coverage_from, coverage_until) = coverage(t);
    TariffSummary {
        organisation: t.organisation.id.clone(),
        name: t.organisation.name.fi.clone(),
        names: t.organisation.name.clone(),
        version: t.organisation.version.clone(),
        description: t.organisation.description.clone(),
        bundle: state.bundle_info(&t.organisation.id),
        coverage_from,
        coverage_until,
    }
}

/// Arvio: the estimate of one scenario under the active tariff, its texts (explanations,
/// warnings, names) in `lang` — Finnish when not given, as before the argument existed.
#[tauri::command]
#[specta::specta]
pub fn estimate(state: State<'_, AppState>, scenario: Scenario, lang: Option<Lang>) -> Result<Estimate, EngineError> {
    state.with_active(|t| kustannusarvio_engine::estimate(t, &scenario).map(|e| e.in_lang(lang.unwrap_or_default())))
}

/// Arvion luvut: the estimate without its explanation steps — every figure, the warnings and the
/// tariff period, in `lang` — what the results view shows on every edit. The steps (the
/// explanation) come from [`estimate`] when one is opened.
#[tauri::command]
#[specta::specta]
pub fn estimate_brief(
    state: State<'_, AppState>,
    scenario: Scenario,
    lang: Option<Lang>,
) -> Result<Brief, EngineError> {
    state.with_active(|t| {
        kustannusarvio_engine::estimate(t, &scenario).map(|e| e.in_lang(lang.unwrap_or_default()).brief())
    })
}

/// Vertailu: two or three alternatives side by side, differences to the first.
#[tauri::command]
#[specta::specta]
pub fn compare(
    state: State<'_, AppState>,
    scenarios: Vec<Scenario>,
    names: Vec<String>,
    lang: Option<Lang>,
) -> Result<Comparison, EngineError> {
    if scenarios.len() != names.len() {
        return Err(EngineError::input("names", "one name per scenario is required"));
    }
    if scenarios.is_empty() || scenarios.len() > MAX_ALTERNATIVES {
        return Err(EngineError::input("scenarios", format!("1 to {MAX_ALTERNATIVES} scenarios are compared")));
    }
    state.with_active(|t| {
        let lang = lang.unwrap_or_default();
        let ests = scenarios
            .iter()
            .map(|s| kustannusarvio_engine::estimate(t, s).map(|e| e.in_lang(lang)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(kustannusarvio_engine::compare::compare(&names, &ests))
    })
}

/// The active tariff and the bundled ones.
#[tauri::command]
#[specta::specta]
pub fn tariff_info(state: State<'_, AppState>) -> AppTariffs {
    let active = state.active_id();
    AppTariffs {
        active: active.as_ref().and_then(|id| state.tariff(id)).map(|t| summary(&state, &t)),
        available: state.all_tariffs().iter().map(|t| summary(&state, t)).collect(),
        load_errors: state
            .load_errors
            .iter()
            .map(|(d, e)| TariffLoadError { directory: d.clone(), error: e.clone() })
            .collect(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

/// Palveluvalikoima: the services of the active tariff for the package builder.
#[tauri::command]
#[specta::specta]
pub fn list_services(state: State<'_, AppState>) -> Result<Vec<ServiceOption>, EngineError> {
    state.with_active(|t| Ok(catalogue::services(t)))
}

/// The stored settings (language, default organisation).
#[tauri::command]
#[specta::specta]
pub fn get_settings<R: Runtime>(app: AppHandle<R>) -> Settings {
    match app.store(settings::STORE_FILE) {
        Ok(store) => settings::from_store(|k| store.get(k)),
        Err(_) => Settings::default(),
    }
}

/// Saves the settings and makes the chosen organisation active.
#[tauri::command]
#[specta::specta]
pub fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<AppTariffs, EngineError> {
    if let Some(url) = settings.update_url() {
        if !updater::url_allowed(url) {
            return Err(EngineError::input(
                "update_url",
                if cfg!(feature = "updates") {
                    "https:// address required (http only on this machine)"
                } else {
                    "this build of the app has no tariff updates"
                },
            ));
        }
    }
    if let Some(path) = settings.root_ca_path() {
        if !std::path::Path::new(path).is_file() {
            return Err(EngineError::input("root_ca_path", "no such file"));
        }
    }
    let previous = get_settings(app.clone());
    if let Some(org) = &settings.organisation {
        state.set_active(org)?;
    }
    let store = app
        .store(settings::STORE_FILE)
        .map_err(|e| EngineError::input("settings", format!("cannot open the settings store: {e}")))?;
    store.set("language", serde_json::to_value(settings.language).unwrap_or_default());
    store.set("organisation", serde_json::to_value(&settings.organisation).unwrap_or_default());
    store.set("update_url", serde_json::to_value(settings.update_url()).unwrap_or_default());
    store.set("root_ca_path", serde_json::to_value(settings.root_ca_path()).unwrap_or_default());
    store.save().map_err(|e| EngineError::input("settings", format!("cannot save the settings: {e}")))?;
    let source_changed = previous.update_url() != settings.update_url()
        || previous.root_ca_path() != settings.root_ca_path()
        || previous.organisation != settings.organisation;
    if source_changed && settings.update_url().is_some() {
        // In the background: the answer does not wait for the network.
        tauri::async_runtime::spawn(updater::run_check(app.clone()));
    }
    Ok(tariff_info(state))
}

/// Päivitysten tila: whether updates are on, a check is running, and the last outcome.
#[tauri::command]
#[specta::specta]
pub fn update_status<R: Runtime>(app: AppHandle<R>) -> UpdateView {
    let settings = get_settings(app.clone());
    match app.try_state::<updater::Updater>() {
        Some(u) => u.view(&settings),
        None => UpdateView { enabled: settings.update_url().is_some(), checking: false, last: None },
    }
}

/// "Tarkista päivitykset": one check now (on the blocking pool; the UI stays responsive).
#[tauri::command]
#[specta::specta]
pub async fn check_updates_now<R: Runtime>(app: AppHandle<R>) -> Result<UpdateView, EngineError> {
    Ok(updater::run_check(app).await)
}
