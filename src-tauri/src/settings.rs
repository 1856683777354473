//! Settings (asetukset) kept with tauri-plugin-store: the UI language, the default organisation
//! and where tariff updates come from. The type has no other fields, so client data cannot end
//! up in the store. Tariffs themselves are never kept here (docs/bundles.md).

use serde::{Deserialize, Serialize};

pub const STORE_FILE: &str = "settings.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Fi,
    Sv,
    En,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type, Default)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub language: Language,
    /// Organisation id of the default tariff; `null` = the app's default.
    pub organisation: Option<String>,
    /// The intranet directory of the organisation's tariff channel, e.g.
    /// `https://intranet.example/tariffs/paijat-hame/stable/`; `null` or empty = updates off.
    #[serde(default)]
    pub update_url: Option<String>,
    /// An extra root certificate (PEM file path) for the intranet's own certificate authority.
    #[serde(default)]
    pub root_ca_path: Option<String>,
}

impl Settings {
    /// The update URL when updates are on (trimmed, non-empty).
    pub fn update_url(&self) -> Option<&str> {
        self.update_url.as_deref().map(str::trim).filter(|u| !u.is_empty())
    }
    pub fn root_ca_path(&self) -> Option<&str> {
        self.root_ca_path.as_deref().map(str::trim).filter(|u| !u.is_empty())
    }
}

/// Store keys of the settings.
pub const KEYS: [&str; 4] = ["language", "organisation", "update_url", "root_ca_path"];

fn string(v: Option<serde_json::Value>) -> Option<String> {
    v.and_then(|v| v.as_str().map(str::to_string))
}

/// Reads stored values strictly: anything malformed falls back to the default.
pub fn from_store(get: impl Fn(&str) -> Option<serde_json::Value>) -> Settings {
    Settings {
        language: get("language").and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default(),
        organisation: string(get("organisation")),
        update_url: string(get("update_url")),
        root_ca_path: string(get("root_ca_path")),
    }
}
