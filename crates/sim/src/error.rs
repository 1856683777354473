//! Errors of the simulation: always naming where the bad value is — a file, row and column of the
//! population, a tariff file and line, or a person and month — never a panic or a silent zero.

use kustannusarvio_engine::EngineError;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// A bad cell of a population table.
    #[error("{file}, row {row}, column `{column}`: {message}")]
    Cell { file: String, row: usize, column: String, message: String },
    /// A bad row (a duplicate key, overlapping periods…).
    #[error("{file}, row {row}: {message}")]
    Row { file: String, row: usize, message: String },
    /// A file that cannot be read or written, or is missing.
    #[error("{file}: {message}")]
    File { file: String, message: String },
    /// The engine refused a scenario or a tariff.
    #[error("{context}: {source}")]
    Engine { context: String, source: Box<EngineError> },
    /// A bad argument (dates, a reform name…).
    #[error("{0}")]
    Input(String),
}

impl SimError {
    pub fn engine(context: impl Into<String>, source: EngineError) -> Self {
        SimError::Engine { context: context.into(), source: Box::new(source) }
    }

    pub fn file(file: &std::path::Path, message: impl std::fmt::Display) -> Self {
        SimError::File { file: file.display().to_string(), message: message.to_string() }
    }
}

pub type Result<T> = std::result::Result<T, SimError>;
