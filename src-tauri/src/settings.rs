//! Settings (asetukset) kept with tauri-plugin-store: the UI language and the default
//! organisation only. The type has no other fields, so client data cannot end up in the store.

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
}

/// Reads a stored value strictly: anything malformed falls back to the default.
pub fn from_store_values(language: Option<serde_json::Value>, organisation: Option<serde_json::Value>) -> Settings {
    Settings {
        language: language
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default(),
        organisation: organisation.and_then(|v| v.as_str().map(str::to_string)),
    }
}
