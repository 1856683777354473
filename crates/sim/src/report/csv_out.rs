//! The tables as CSV files for further analysis: `,` between fields, `.` in numbers, the
//! columns' machine-readable keys as headers, shares as fractions (0.25), money with cents.

use super::{Cell, Table};
use crate::error::{Result, SimError};
use std::path::{Path, PathBuf};

pub fn write(tables: &[Table], dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| SimError::file(dir, e))?;
    let mut out = Vec::new();
    for table in tables {
        let path = dir.join(format!("{}.csv", table.file));
        let err = |e: csv::Error| SimError::file(&path, e);
        let mut w = csv::Writer::from_path(&path).map_err(err)?;
        w.write_record(table.columns.iter().map(|c| c.key)).map_err(err)?;
        for row in &table.rows {
            w.write_record(row.iter().map(text)).map_err(err)?;
        }
        w.flush().map_err(|e| SimError::file(&path, e))?;
        out.push(path);
    }
    Ok(out)
}

fn text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Money(d) => format!("{:.2}", d),
        Cell::Count(d) => d.normalize().to_string(),
        Cell::Percent(d) => d.round_dp(4).normalize().to_string(),
        Cell::Share(d) => d.round_dp(6).normalize().to_string(),
        Cell::Empty => String::new(),
    }
}
