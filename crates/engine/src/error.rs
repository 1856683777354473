//! Errors are values: each has a stable `code` for translation, the field or file it is about,
//! and an English message. Nothing in the engine panics on bad input.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum EngineError {
    /// A scenario field is missing, malformed or out of range.
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },
    /// The service code is neither a statutory kind nor in the organisation's catalogue.
    #[error("{field}: unknown service `{service}`")]
    UnknownService { field: String, service: String },
    /// The organisation's tariff has no production method or price for this line.
    #[error("{field}: {message}")]
    NotOffered { field: String, message: String },
    /// A tariff parameter has no value in force on the date.
    #[error("tariff parameter `{parameter}` has no value in force on {date}")]
    NotInForce { parameter: String, date: String },
    /// A tariff file is malformed.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Tariff {
        file: String,
        /// Line number in the file (exported to TypeScript as a plain number).
        #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
        line: Option<usize>,
        message: String,
    },
    /// Arithmetic overflow on absurd input.
    #[error("{field}: number too large")]
    Overflow { field: String },
}

impl EngineError {
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::InvalidInput { field: field.into(), message: message.into() }
    }
    pub fn tariff(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        EngineError::Tariff { file: file.into(), line, message: message.into() }
    }
    /// The stable code (`invalid_input`, `not_in_force`, …) used as the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::InvalidInput { .. } => "invalid_input",
            EngineError::UnknownService { .. } => "unknown_service",
            EngineError::NotOffered { .. } => "not_offered",
            EngineError::NotInForce { .. } => "not_in_force",
            EngineError::Tariff { .. } => "tariff",
            EngineError::Overflow { .. } => "overflow",
        }
    }
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;
