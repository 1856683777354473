//! A population read a block of households at a time, so the memory a simulation needs does not
//! grow with the population (issue 14: "memory flat from 10⁵ to 10⁶ client-months").
//!
//! The four tables are read side by side, row by row. That works when they are in **household
//! order** — what `population synth` and `population sort` write, and what a register query
//! with `ORDER BY` gives:
//!
//! - `persons`: the persons of a household together, the households in the order of the
//!   `households` table;
//! - `incomes` and `service_use`: the rows of a person together, the persons in the order of the
//!   `persons` table (within a person, any order).
//!
//! Each block is checked and built exactly as [`Population::read`] builds the whole population
//! (the same row parsers, the same checks; row numbers are the file's), and ids are checked as
//! unique across blocks by a 64-bit fingerprint of every id seen (8 bytes a person, not the id).
//!
//! Whether the tables are in that order is only known at their end. So a streamed run is an
//! *attempt*: anything unexpected — a row out of order, a fingerprint seen twice, any error — ends
//! it, and the caller reads the population whole instead ([`crate::job`]), which either gives
//! the same results or the exact error with its file, row and column. Only CSV tables are
//! streamed (a workbook or Parquet file is read whole by its library anyway).

use crate::error::{Result, SimError};
use crate::population::{self as pop, About, Builder, Files, Population};
use crate::table::{self, RowBuf, Table};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// The tables in reading order.
const HOUSEHOLDS: usize = 0;
const PERSONS: usize = 1;
const INCOMES: usize = 2;
const SERVICE_USE: usize = 3;

/// A population read a block of households at a time.
pub struct Stream {
    tables: Vec<Table>,
    columns: Vec<Vec<Option<usize>>>,
    /// The row read but not yet taken, per table.
    held: Vec<Option<RowBuf>>,
    files: Files,
    /// Fingerprints of the household and person ids read so far.
    households_seen: HashSet<u64>,
    persons_seen: HashSet<u64>,
    /// The service codes in order of first appearance (shared by every block, as in
    /// [`Population::service_codes`] of the whole population).
    codes: Vec<String>,
    households_read: u64,
    /// About how many households there are (for progress).
    pub households_hint: u64,
    /// Households per block in [`crate::run::run_stream`] ([`crate::run::BLOCK`]).
    pub block: usize,
}

fn fingerprint(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Why a streamed read stopped: the tables are not in household order.
fn out_of_order(t: &Table, row: &RowBuf, what: String) -> SimError {
    let r = t.row(row);
    r.row_error(format!("not in household order: {what}"))
}

impl Stream {
    /// Opens the four tables of a population directory for streaming; `None` when a table is not
    /// a CSV file (read whole instead).
    pub fn open(dir: &Path) -> Result<Option<Stream>> {
        if dir.is_file() {
            return Ok(None);
        }
        let mut tables = Vec::new();
        for name in pop::TABLES {
            let t = Table::open(&table::locate(dir, name)?, name)?;
            if !t.is_streamed() {
                return Ok(None);
            }
            tables.push(t);
        }
        let columns = vec![
            pop::households_columns(&tables[HOUSEHOLDS])?,
            pop::persons_columns(&tables[PERSONS])?,
            pop::incomes_columns(&tables[INCOMES])?,
            pop::service_use_columns(&tables[SERVICE_USE])?,
        ];
        let files = Files {
            households: tables[HOUSEHOLDS].file.clone(),
            persons: tables[PERSONS].file.clone(),
            incomes: tables[INCOMES].file.clone(),
            service_use: tables[SERVICE_USE].file.clone(),
        };
        let households_hint = tables[HOUSEHOLDS].rows_hint as u64;
        Ok(Some(Stream {
            tables,
            columns,
            held: vec![None, None, None, None],
            files,
            households_seen: HashSet::new(),
            persons_seen: HashSet::new(),
            codes: Vec::new(),
            households_read: 0,
            households_hint,
            block: crate::run::BLOCK,
        }))
    }

    /// Households read so far.
    pub fn households_read(&self) -> u64 {
        self.households_read
    }

    /// The service codes met so far, in order of first appearance.
    pub fn service_codes(&self) -> &[String] {
        &self.codes
    }

    /// The next row of table `k` (the one put back, or a new one), or `None` at its end.
    fn take(&mut self, k: usize) -> Result<Option<RowBuf>> {
        if let Some(row) = self.held[k].take() {
            return Ok(Some(row));
        }
        let mut buf = RowBuf::default();
        Ok(self.tables[k].read(&mut buf)?.then_some(buf))
    }

    /// The next block: up to `households` households with their persons, incomes and service
    /// lines, checked and indexed as a population of its own; `None` after the last one.
    pub fn next_block(&mut self, households: usize) -> Result<Option<Population>> {
        let mut b = Builder::default();
        b.pop.files = self.files.clone();
        b.pop.service_codes = std::mem::take(&mut self.codes);
        // households
        while b.pop.households.len() < households {
            let Some(row) = self.take(HOUSEHOLDS)? else { break };
            let r = self.tables[HOUSEHOLDS].row(&row);
            b.household_row(&r, &self.columns[HOUSEHOLDS])?;
            let id = &b.pop.households.last().expect("just read").id;
            if !self.households_seen.insert(fingerprint(id)) {
                return Err(out_of_order(&self.tables[HOUSEHOLDS], &row, format!("household `{id}` seen before")));
            }
        }
        self.households_read += b.pop.households.len() as u64;
        if b.pop.households.is_empty() {
            self.codes = std::mem::take(&mut b.pop.service_codes);
            for k in [PERSONS, INCOMES, SERVICE_USE] {
                if let Some(row) = self.take(k)? {
                    return Err(out_of_order(&self.tables[k], &row, "a row left after the last household".into()));
                }
            }
            return Ok(None);
        }
        // persons of these households
        while let Some(row) = self.take(PERSONS)? {
            let t = &self.tables[PERSONS];
            let r = t.row(&row);
            let hh = crate::parse::id(&r, self.columns[PERSONS][1], "the household's id")?;
            if !b.household_ids.contains_key(hh) {
                if self.households_seen.contains(&fingerprint(hh)) {
                    return Err(out_of_order(t, &row, format!("a person of household `{hh}` after other households")));
                }
                self.held[PERSONS] = Some(row);
                break; // a later block's household
            }
            b.person_row(&r, &self.columns[PERSONS])?;
            let id = &b.pop.persons.last().expect("just read").id;
            if !self.persons_seen.insert(fingerprint(id)) {
                return Err(out_of_order(t, &row, format!("person `{id}` seen before")));
            }
        }
        b.spouses()?;
        // their incomes and service lines
        for k in [INCOMES, SERVICE_USE] {
            while let Some(row) = self.take(k)? {
                let t = &self.tables[k];
                let r = t.row(&row);
                let person = crate::parse::id(&r, self.columns[k][0], "the person's id")?;
                if !b.person_ids.contains_key(person) {
                    if self.persons_seen.contains(&fingerprint(person)) {
                        return Err(out_of_order(t, &row, format!("a row of person `{person}` after other persons")));
                    }
                    self.held[k] = Some(row);
                    break; // a later block's person
                }
                if k == INCOMES {
                    b.income_row(&r, &self.columns[k])?;
                } else {
                    b.line_row(&r, &self.columns[k])?;
                }
            }
        }
        let block = b.finish()?;
        self.codes = block.service_codes.clone();
        Ok(Some(block))
    }
}

/// What `population.toml` says (empty when there is none).
pub fn about(dir: &Path) -> Result<About> {
    let about = dir.join("population.toml");
    if dir.is_dir() && about.is_file() {
        let text = std::fs::read_to_string(&about).map_err(|e| SimError::file(&about, e))?;
        return toml::from_str(&text).map_err(|e| SimError::file(&about, e.message()));
    }
    Ok(About::default())
}

/// Whether the population's tables can be streamed: `None` when they are CSV in household order,
/// else why not (for `population check`).
pub fn why_not_streamed(dir: &Path) -> Option<String> {
    let mut s = match Stream::open(dir) {
        Ok(Some(s)) => s,
        Ok(None) => return Some("a table is not a CSV file (workbooks and Parquet are read whole)".into()),
        Err(e) => return Some(e.to_string()),
    };
    loop {
        match s.next_block(crate::run::BLOCK) {
            Ok(Some(_)) => {}
            Ok(None) => return None,
            Err(e) => return Some(e.to_string()),
        }
    }
}
