//! Population and tariff-impact simulation over the Kustannusarvio engine (docs/simulation.md).
//!
//! A population ([`population`]: households, persons, dated incomes and dated service use, read
//! from CSV, XLSX or Parquet) is simulated month by month ([`simulate`]) under the baseline tariff
//! and reforms written as tariff overlays ([`reform`]), with the engine's own calculation for every
//! client-month, and summarised ([`aggregate`]) into the tables of the report ([`report`]): the
//! summary, income deciles with winners and losers, services, segments and cost concentration.
//! [`synth`] draws a synthetic population calibrated to published aggregates.

pub mod error;
pub mod parse;
pub mod population;
pub mod simulate;
pub mod stream;
pub mod table;

pub use error::{Result, SimError};
pub use population::Population;
pub use simulate::{Simulation, Variant};
pub mod aggregate;
pub mod explain;
pub mod job;
#[cfg(feature = "parquet")]
pub mod parquet_io;
pub mod reform;
pub mod report;
pub mod run;
pub mod synth;
