//! Parquet (feature `parquet`): population tables read as rows of text cells (so every check
//! and error is the CSV one), and the per-person output written in row groups as the clients
//! stream in. Money is written as DECIMAL(18,2) in cents, exact.

use crate::error::{Result, SimError};
use crate::run::Sink;
use crate::simulate::{PersonOutcome, Simulation};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::parser::parse_message_type;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The header and the rows of a Parquet file, every value as text.
pub fn read_rows(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let err = |e: parquet::errors::ParquetError| SimError::file(path, e);
    let file = std::fs::File::open(path).map_err(|e| SimError::file(path, e))?;
    let reader = SerializedFileReader::new(file).map_err(err)?;
    let header: Vec<String> =
        reader.metadata().file_metadata().schema().get_fields().iter().map(|f| f.name().to_string()).collect();
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).map_err(err)? {
        let row = row.map_err(err)?;
        let mut cells = vec![String::new(); header.len()];
        for (name, field) in row.get_column_iter() {
            if let Some(i) = header.iter().position(|h| h == name) {
                cells[i] = text(field);
            }
        }
        rows.push(cells);
    }
    Ok((header, rows))
}

fn text(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Bool(b) => b.to_string(),
        Field::Byte(i) => i.to_string(),
        Field::Short(i) => i.to_string(),
        Field::Int(i) => i.to_string(),
        Field::Long(i) => i.to_string(),
        Field::UByte(i) => i.to_string(),
        Field::UShort(i) => i.to_string(),
        Field::UInt(i) => i.to_string(),
        Field::ULong(i) => i.to_string(),
        Field::Float(x) => x.to_string(),
        Field::Double(x) => x.to_string(),
        Field::Str(s) => s.clone(),
        Field::Date(days) => chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(i64::from(*days))))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        other => other.to_string(),
    }
}

const SCHEMA: &str = "message person_month {
  REQUIRED BYTE_ARRAY person_id (UTF8);
  REQUIRED BYTE_ARRAY month (UTF8);
  REQUIRED BYTE_ARRAY variant (UTF8);
  REQUIRED INT64 fees_before_ceiling (DECIMAL(18,2));
  REQUIRED INT64 fees (DECIMAL(18,2));
  REQUIRED INT64 fees_to_organiser (DECIMAL(18,2));
  REQUIRED INT64 cost (DECIMAL(18,2));
  REQUIRED INT64 net (DECIMAL(18,2));
  REQUIRED BOOLEAN ceiling_reached;
  REQUIRED BOOLEAN at_cost_cap;
}";

/// Rows buffered before a row group is written.
const GROUP: usize = 65_536;

#[derive(Default)]
struct Columns {
    text: [Vec<ByteArray>; 3],
    money: [Vec<i64>; 5],
    flags: [Vec<bool>; 2],
}

pub struct PersonSink {
    path: PathBuf,
    writer: SerializedFileWriter<std::fs::File>,
    buf: Columns,
}

fn cents(d: Decimal) -> i64 {
    let c = (d * Decimal::ONE_HUNDRED).round();
    i64::try_from(c).unwrap_or(i64::MAX)
}

impl PersonSink {
    pub fn create(path: &Path) -> Result<PersonSink> {
        let err = |e: parquet::errors::ParquetError| SimError::file(path, e);
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(err)?);
        let props = Arc::new(WriterProperties::builder().set_compression(parquet::basic::Compression::SNAPPY).build());
        let file = std::fs::File::create(path).map_err(|e| SimError::file(path, e))?;
        let writer = SerializedFileWriter::new(file, schema, props).map_err(err)?;
        Ok(PersonSink { path: path.to_path_buf(), writer, buf: Columns::default() })
    }

    fn flush(&mut self) -> Result<()> {
        if self.buf.flags[0].is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let err = |e: parquet::errors::ParquetError| SimError::file(&path, e);
        let mut rg = self.writer.next_row_group().map_err(err)?;
        let b = std::mem::take(&mut self.buf);
        for col in &b.text {
            let mut c = rg.next_column().map_err(err)?.ok_or_else(|| SimError::file(&path, "schema"))?;
            c.typed::<ByteArrayType>().write_batch(col, None, None).map_err(err)?;
            c.close().map_err(err)?;
        }
        for col in &b.money {
            let mut c = rg.next_column().map_err(err)?.ok_or_else(|| SimError::file(&path, "schema"))?;
            c.typed::<Int64Type>().write_batch(col, None, None).map_err(err)?;
            c.close().map_err(err)?;
        }
        for col in &b.flags {
            let mut c = rg.next_column().map_err(err)?.ok_or_else(|| SimError::file(&path, "schema"))?;
            c.typed::<BoolType>().write_batch(col, None, None).map_err(err)?;
            c.close().map_err(err)?;
        }
        rg.close().map_err(err)?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.flush()?;
        let path = self.path.clone();
        self.writer.close().map(|_| ()).map_err(|e| SimError::file(&path, e))
    }
}

impl Sink for PersonSink {
    fn client(&mut self, sim: &Simulation, o: &PersonOutcome) -> Result<()> {
        let id = ByteArray::from(sim.population.persons[o.person as usize].id.as_bytes().to_vec());
        for (mi, vi, m) in &o.monthly {
            let month = sim.months[*mi as usize].format("%Y-%m").to_string();
            self.buf.text[0].push(id.clone());
            self.buf.text[1].push(ByteArray::from(month.into_bytes()));
            self.buf.text[2].push(ByteArray::from(sim.variants[*vi as usize].name.as_bytes().to_vec()));
            for (k, v) in [m.fees_before_ceiling, m.fees, m.fees_to_organiser, m.cost, m.net].into_iter().enumerate() {
                self.buf.money[k].push(cents(v));
            }
            self.buf.flags[0].push(m.ceiling_reached);
            self.buf.flags[1].push(m.at_cost_cap);
        }
        if self.buf.flags[0].len() >= GROUP {
            self.flush()?;
        }
        Ok(())
    }
}

/// Writes a table of text cells as Parquet (every column an optional UTF-8 string; an empty cell
/// is null): how a population table can be given as Parquet, and the tests' fixture.
pub fn write_text_table(path: &Path, header: &[&str], rows: &[Vec<&str>]) -> Result<()> {
    let err = |e: parquet::errors::ParquetError| SimError::file(path, e);
    let fields: String = header.iter().map(|h| format!("OPTIONAL BYTE_ARRAY {h} (UTF8); ")).collect();
    let schema = Arc::new(parse_message_type(&format!("message table {{ {fields} }}")).map_err(err)?);
    let file = std::fs::File::create(path).map_err(|e| SimError::file(path, e))?;
    let mut w = SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::builder().build())).map_err(err)?;
    let mut rg = w.next_row_group().map_err(err)?;
    for i in 0..header.len() {
        let values: Vec<ByteArray> =
            rows.iter().filter(|r| !r[i].is_empty()).map(|r| ByteArray::from(r[i].as_bytes().to_vec())).collect();
        let defs: Vec<i16> = rows.iter().map(|r| i16::from(!r[i].is_empty())).collect();
        let mut c = rg.next_column().map_err(err)?.ok_or_else(|| SimError::file(path, "schema"))?;
        c.typed::<ByteArrayType>().write_batch(&values, Some(&defs), None).map_err(err)?;
        c.close().map_err(err)?;
    }
    rg.close().map_err(err)?;
    w.close().map(|_| ()).map_err(err)
}
