//! Kustannusarvio engine: client fees under the Client Fees Act (asiakasmaksulaki 734/1992)
//! and the organiser's cost for elderly services, from tariffs kept as dated data.
//!
//! Pure Rust, no Tauri or webview dependency. The app, the CLI and the tests all call
//! [`estimate`] with a [`Scenario`].

pub mod cases;
pub mod catalogue;
pub mod compare;
pub mod error;
pub mod estimate;
pub mod explain;
pub mod i18n;
pub mod money;
pub mod rules;
pub mod scenario;
pub mod tariff;

pub use error::EngineError;
pub use estimate::{brief, estimate, figures, Brief, Estimate, Figures};
pub use scenario::{parse_scenario, Scenario};
#[cfg(feature = "fs")]
pub use tariff::load_dir;
pub use tariff::{load_files, Tariff};

/// Parses a scenario from JSON and computes it.
pub fn estimate_json(tariff: &Tariff, json: &str) -> Result<Estimate, EngineError> {
    estimate(tariff, &parse_scenario(json)?)
}
