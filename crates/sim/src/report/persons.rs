//! The per-person output: one row per client, month and variant, written as the clients stream
//! in (CSV; Parquet with the `parquet` feature). Pseudonymous ids only, as in the input.

use crate::error::{Result, SimError};
use crate::run::Sink;
use crate::simulate::{PersonOutcome, Simulation};
use std::path::{Path, PathBuf};

pub const COLUMNS: [&str; 10] = [
    "person_id",
    "month",
    "variant",
    "fees_before_ceiling",
    "fees",
    "fees_to_organiser",
    "cost",
    "net",
    "ceiling_reached",
    "at_cost_cap",
];

pub struct CsvSink {
    path: PathBuf,
    w: csv::Writer<std::io::BufWriter<std::fs::File>>,
}

impl CsvSink {
    pub fn create(path: &Path) -> Result<CsvSink> {
        let f = std::fs::File::create(path).map_err(|e| SimError::file(path, e))?;
        let mut w = csv::Writer::from_writer(std::io::BufWriter::new(f));
        w.write_record(COLUMNS).map_err(|e| SimError::file(path, e))?;
        Ok(CsvSink { path: path.to_path_buf(), w })
    }

    pub fn finish(mut self) -> Result<()> {
        self.w.flush().map_err(|e| SimError::file(&self.path, e))
    }
}

impl Sink for CsvSink {
    fn client(&mut self, sim: &Simulation, o: &PersonOutcome) -> Result<()> {
        let id = &sim.population.persons[o.person as usize].id;
        let b = |x: bool| if x { "true" } else { "false" };
        for (mi, vi, m) in &o.monthly {
            let month = sim.months[*mi as usize].format("%Y-%m").to_string();
            self.w
                .write_record([
                    &**id,
                    &month,
                    &sim.variants[*vi as usize].name,
                    &m.fees_before_ceiling.to_string(),
                    &m.fees.to_string(),
                    &m.fees_to_organiser.to_string(),
                    &m.cost.to_string(),
                    &m.net.to_string(),
                    b(m.ceiling_reached),
                    b(m.at_cost_cap),
                ])
                .map_err(|e| SimError::file(&self.path, e))?;
        }
        Ok(())
    }
}
