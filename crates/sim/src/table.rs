//! Reading one table of a population, whatever its format, as rows of text cells with the file,
//! row and column known for every error:
//!
//! - CSV with `,` (decimal point) or the Finnish Excel convention `;` (decimal comma, dates also
//!   `1.3.2026`), UTF-8 with or without a byte-order mark, or Windows-1252 (what Excel's
//!   "CSV (semicolon separated)" writes on a Finnish Windows), streamed from the file;
//! - XLSX (`calamine`): the sheet named like the table, else the first sheet; numbers and dates
//!   are cells of their own type;
//! - Parquet (feature `parquet`).
//!
//! Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row 2.

use crate::error::SimError;
use std::path::{Path, PathBuf};

/// How the numbers of a table are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `,` between fields, `.` in numbers, ISO dates (and typed cells of XLSX / Parquet).
    Standard,
    /// `;` between fields, `,` in numbers (`1650,50`), dates `2026-03-01` or `1.3.2026`.
    Finnish,
}

/// A table's rows, visited one at a time (a CSV file is never held whole in memory).
pub struct Table {
    /// The file as it is named in errors.
    pub file: String,
    pub header: Vec<String>,
    pub dialect: Dialect,
    /// About how many data rows there are (to size the population's vectors once).
    pub rows_hint: usize,
    source: Source,
    /// The spreadsheet number of the last row read.
    number: usize,
}

enum Source {
    Csv(csv::Reader<std::io::BufReader<std::fs::File>>, csv::ByteRecord),
    Rows(std::vec::IntoIter<Vec<String>>),
}

/// One row: its cells by column index, and where it is.
pub struct Row<'a> {
    pub file: &'a str,
    /// Spreadsheet row number (header = 1).
    pub number: usize,
    pub dialect: Dialect,
    cells: &'a [String],
    header: &'a [String],
}

impl<'a> Row<'a> {
    /// The cell of column `i`, trimmed (`""` when the row is short).
    pub fn cell(&self, i: usize) -> &'a str {
        self.cells.get(i).map(|s| s.trim()).unwrap_or("")
    }

    /// An error at column `i` of this row.
    pub fn error(&self, i: usize, message: impl Into<String>) -> SimError {
        SimError::Cell {
            file: self.file.to_string(),
            row: self.number,
            column: self.header.get(i).cloned().unwrap_or_default(),
            message: message.into(),
        }
    }

    /// An error about the whole row.
    pub fn row_error(&self, message: impl Into<String>) -> SimError {
        SimError::Row { file: self.file.to_string(), row: self.number, message: message.into() }
    }
}

/// The file that holds table `name` in `dir` (`name.csv`, `name.xlsx` or `name.parquet`), or a
/// workbook given instead of a directory (its sheet `name`).
pub fn locate(population: &Path, name: &str) -> Result<PathBuf, SimError> {
    if population.is_file() {
        return Ok(population.to_path_buf());
    }
    let found: Vec<PathBuf> = ["csv", "xlsx", "parquet"]
        .iter()
        .map(|ext| population.join(format!("{name}.{ext}")))
        .filter(|p| p.is_file())
        .collect();
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(SimError::File {
            file: population.display().to_string(),
            message: format!("no table `{name}`: expected {name}.csv, {name}.xlsx or {name}.parquet"),
        }),
        _ => Err(SimError::File {
            file: population.display().to_string(),
            message: format!("table `{name}` is given twice ({}): keep one", names(&found)),
        }),
    }
}

fn names(paths: &[PathBuf]) -> String {
    paths.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy()).collect::<Vec<_>>().join(", ")
}

/// Whether a table exists (optional tables).
pub fn exists(population: &Path, name: &str) -> bool {
    population.is_file()
        || ["csv", "xlsx", "parquet"].iter().any(|ext| population.join(format!("{name}.{ext}")).is_file())
}

impl Table {
    /// Opens table `name` at `path` (from [`locate`]).
    pub fn open(path: &Path, name: &str) -> Result<Table, SimError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Table::csv(path),
            "xlsx" | "xlsm" | "xls" | "ods" => Table::workbook(path, name),
            "parquet" => Table::parquet(path),
            _ => Err(SimError::File {
                file: path.display().to_string(),
                message: "unknown format: use .csv, .xlsx or .parquet".into(),
            }),
        }
    }

    /// A CSV file, read as a stream (never whole in memory); the dialect from its first line.
    fn csv(path: &Path) -> Result<Table, SimError> {
        use std::io::BufRead;
        let file = path.display().to_string();
        let io = |e: std::io::Error| SimError::File { file: path.display().to_string(), message: e.to_string() };
        let mut first = Vec::new();
        std::io::BufReader::new(std::fs::File::open(path).map_err(io)?).read_until(b'\n', &mut first).map_err(io)?;
        let dialect = if first.contains(&b';') { Dialect::Finnish } else { Dialect::Standard };
        let delimiter = if dialect == Dialect::Finnish { b';' } else { b',' };
        // count the lines first (a fast pass over the bytes) so the tables are sized once
        let mut rows_hint = 0usize;
        {
            use std::io::Read;
            let mut f = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(io)?);
            let mut buf = [0u8; 1 << 16];
            loop {
                let n = f.read(&mut buf).map_err(io)?;
                if n == 0 {
                    break;
                }
                rows_hint += buf[..n].iter().filter(|&&b| b == b'\n').count();
            }
        }
        let reader = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?);
        let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(reader);
        let header = rdr
            .byte_headers()
            .map_err(|e| SimError::File { file: file.clone(), message: format!("cannot read the header: {e}") })?
            .iter()
            .map(|h| decode(h).trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        Ok(Table { file, header, dialect, rows_hint, source: Source::Csv(rdr, csv::ByteRecord::new()), number: 1 })
    }

    fn workbook(path: &Path, name: &str) -> Result<Table, SimError> {
        use calamine::Reader;
        let file = path.display().to_string();
        let err = |m: String| SimError::File { file: file.clone(), message: m };
        let mut wb = calamine::open_workbook_auto(path).map_err(|e| err(format!("cannot open the workbook: {e}")))?;
        let sheets = wb.sheet_names();
        let sheet = if let Some(s) = sheets.iter().find(|s| s.eq_ignore_ascii_case(name)) {
            s.clone()
        } else if path.file_stem().is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(name)) {
            sheets.first().cloned().ok_or_else(|| err("the workbook has no sheets".into()))?
        } else {
            return Err(err(format!("no sheet `{name}` (sheets: {})", sheets.join(", "))));
        };
        let range = wb.worksheet_range(&sheet).map_err(|e| err(format!("sheet `{sheet}`: {e}")))?;
        let mut rows = range.rows().map(|r| r.iter().map(cell_text).collect::<Vec<String>>());
        let header = rows.next().unwrap_or_default().into_iter().map(|h| h.trim().to_string()).collect();
        let rest: Vec<Vec<String>> = rows.collect();
        let file = if sheet.eq_ignore_ascii_case(name) && path.file_stem().is_none_or(|s| s != name) {
            format!("{file}, sheet {sheet}")
        } else {
            file
        };
        let rows_hint = rest.len();
        Ok(Table {
            file,
            header,
            dialect: Dialect::Standard,
            rows_hint,
            source: Source::Rows(rest.into_iter()),
            number: 1,
        })
    }

    #[cfg(feature = "parquet")]
    fn parquet(path: &Path) -> Result<Table, SimError> {
        let (header, rows) = crate::parquet_io::read_rows(path)?;
        Ok(Table {
            file: path.display().to_string(),
            header,
            dialect: Dialect::Standard,
            rows_hint: rows.len(),
            source: Source::Rows(rows.into_iter()),
            number: 1,
        })
    }

    #[cfg(not(feature = "parquet"))]
    fn parquet(path: &Path) -> Result<Table, SimError> {
        Err(SimError::File {
            file: path.display().to_string(),
            message: "Parquet needs the `parquet` feature (cargo build --features parquet); use CSV or XLSX".into(),
        })
    }

    /// The index of each expected column, checking the header: every required column present,
    /// no unknown or repeated column. `columns` lists (name, required).
    pub fn columns(&self, columns: &[(&str, bool)]) -> Result<Vec<Option<usize>>, SimError> {
        let header_error = |m: String| SimError::Row { file: self.file.clone(), row: 1, message: m };
        for (i, h) in self.header.iter().enumerate() {
            if h.is_empty() {
                if self.header[i..].iter().all(|h| h.is_empty()) {
                    break; // trailing empty columns of a spreadsheet
                }
                return Err(header_error(format!("column {} has no name", i + 1)));
            }
            if !columns.iter().any(|(c, _)| c == h) {
                let known = columns.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
                return Err(SimError::Cell {
                    file: self.file.clone(),
                    row: 1,
                    column: h.clone(),
                    message: format!("unknown column (known: {known})"),
                });
            }
            if self.header[..i].contains(h) {
                return Err(SimError::Cell {
                    file: self.file.clone(),
                    row: 1,
                    column: h.clone(),
                    message: "the column is given twice".into(),
                });
            }
        }
        columns
            .iter()
            .map(|(c, required)| match self.header.iter().position(|h| h == c) {
                Some(i) => Ok(Some(i)),
                None if *required => Err(header_error(format!("required column `{c}` is missing"))),
                None => Ok(None),
            })
            .collect()
    }

    /// Visits every data row (empty rows are skipped).
    pub fn for_each(mut self, mut f: impl FnMut(&Row) -> Result<(), SimError>) -> Result<usize, SimError> {
        let mut n = 0;
        let mut buf = RowBuf::default();
        while self.read(&mut buf)? {
            f(&self.row(&buf))?;
            n += 1;
        }
        Ok(n)
    }

    /// Reads the next data row into `buf` (empty rows are skipped); `false` at the end. With
    /// [`Table::row`], a table read a row at a time, several tables side by side.
    pub fn read(&mut self, buf: &mut RowBuf) -> Result<bool, SimError> {
        match &mut self.source {
            Source::Csv(rdr, rec) => loop {
                let more = rdr.read_byte_record(rec).map_err(|e| SimError::Row {
                    file: self.file.clone(),
                    row: self.number + 1,
                    message: format!("not valid CSV: {e}"),
                })?;
                if !more {
                    return Ok(false);
                }
                self.number = rec.position().map(|p| p.line() as usize).unwrap_or(self.number + 1);
                if rec.iter().all(|c| c.trim_ascii().is_empty()) {
                    continue;
                }
                buf.number = self.number;
                buf.cells.clear();
                buf.cells.extend(rec.iter().map(decode));
                return Ok(true);
            },
            Source::Rows(rows) => {
                for cells in rows.by_ref() {
                    self.number += 1;
                    if cells.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    buf.number = self.number;
                    buf.cells = cells;
                    return Ok(true);
                }
                Ok(false)
            }
        }
    }

    /// The row held in `buf`, as a row of this table.
    pub fn row<'a>(&'a self, buf: &'a RowBuf) -> Row<'a> {
        Row { file: &self.file, number: buf.number, dialect: self.dialect, cells: &buf.cells, header: &self.header }
    }

    /// Whether the table is a CSV file (read as a stream; a workbook or Parquet file is read whole).
    pub fn is_streamed(&self) -> bool {
        matches!(self.source, Source::Csv(..))
    }
}

/// One row read by [`Table::read`], owned.
#[derive(Debug, Default, Clone)]
pub struct RowBuf {
    number: usize,
    cells: Vec<String>,
}

/// A field as text: UTF-8, or, when its bytes are not UTF-8, Windows-1252 (what Excel's "CSV
/// (semicolon separated)" writes on a Finnish Windows).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// A spreadsheet cell as text: numbers in their shortest exact form (`1650.5`), dates as
/// `YYYY-MM-DD`, booleans `true`/`false`; an error cell as `#ERROR`.
fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e}"),
    }
}
