//! Cell values: decimals, counts, booleans, dates and codes, strictly, each error naming the
//! file, row and column with what was read and what is expected.

use crate::error::SimError;
use crate::table::{Dialect, Row};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The cell of optional column `col` (`""` when the column is absent).
pub fn cell<'a>(row: &Row<'a>, col: Option<usize>) -> &'a str {
    col.map(|c| row.cell(c)).unwrap_or("")
}

fn col(c: Option<usize>) -> usize {
    c.unwrap_or(usize::MAX)
}

/// A required cell's text.
pub fn required<'a>(row: &Row<'a>, c: Option<usize>, what: &str) -> Result<&'a str, SimError> {
    let s = cell(row, c);
    if s.is_empty() {
        return Err(row.error(col(c), format!("is empty: {what} is required")));
    }
    Ok(s)
}

/// A decimal number as the table's dialect writes it: `1650.50` (standard) or `1650,50` /
/// `1 650,50` (Finnish). Thousands separators other than spaces are refused, since `1.650` could
/// be either reading.
pub fn decimal_text(s: &str, dialect: Dialect) -> Result<Decimal, String> {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let normal = match dialect {
        Dialect::Finnish => {
            if compact.contains('.') {
                return Err(format!(
                    "`{s}`: in a `;`-separated file numbers are written with a decimal comma (`1650,50`), without a `.`"
                ));
            }
            compact.replace(',', ".")
        }
        Dialect::Standard => {
            if compact.contains(',') {
                return Err(format!(
                    "`{s}`: in a `,`-separated file numbers are written with a decimal point (`1650.50`), without a `,`"
                ));
            }
            compact
        }
    };
    let normal = normal.replace('\u{2212}', "-");
    if normal.is_empty() || !normal.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return Err(format!("`{s}` is not a number"));
    }
    Decimal::from_str(&normal).map_err(|_| format!("`{s}` is not a number"))
}

/// An optional non-negative decimal (empty → `None`), at most `max`.
pub fn decimal(row: &Row, c: Option<usize>, max: Decimal) -> Result<Option<Decimal>, SimError> {
    let s = cell(row, c);
    if s.is_empty() {
        return Ok(None);
    }
    let v = decimal_text(s, row.dialect).map_err(|m| row.error(col(c), m))?;
    if v.is_sign_negative() && !v.is_zero() {
        return Err(row.error(col(c), format!("`{s}` is negative")));
    }
    if v > max {
        return Err(row.error(col(c), format!("`{s}` is more than {max}")));
    }
    Ok(Some(v.normalize()))
}

/// An optional amount of money in euros: non-negative, at most 2 decimals, at most `max`.
pub fn money(row: &Row, c: Option<usize>, max: Decimal) -> Result<Option<Decimal>, SimError> {
    let v = decimal(row, c, max)?;
    if let Some(v) = v {
        if v.scale() > 2 {
            return Err(row.error(col(c), format!("`{}`: euros have at most two decimals (cents)", cell(row, c))));
        }
    }
    Ok(v)
}

/// An optional whole number in `lo..=hi`.
pub fn integer(row: &Row, c: Option<usize>, lo: i64, hi: i64) -> Result<Option<i64>, SimError> {
    let s = cell(row, c);
    if s.is_empty() {
        return Ok(None);
    }
    let v = decimal_text(s, row.dialect).map_err(|m| row.error(col(c), m))?;
    if !v.fract().is_zero() {
        return Err(row.error(col(c), format!("`{s}` is not a whole number")));
    }
    let i = i64::try_from(v).map_err(|_| row.error(col(c), format!("`{s}` is out of range")))?;
    if i < lo || i > hi {
        return Err(row.error(col(c), format!("`{s}` is not in {lo}…{hi}")));
    }
    Ok(Some(i))
}

/// An optional yes/no: `true`/`false`, `1`/`0`, `kyllä`/`ei`, `yes`/`no`, `k`/`e`, `x`/empty.
pub fn boolean(row: &Row, c: Option<usize>) -> Result<Option<bool>, SimError> {
    let s = cell(row, c);
    if s.is_empty() {
        return Ok(None);
    }
    match s.to_lowercase().as_str() {
        "true" | "1" | "kyllä" | "kylla" | "k" | "yes" | "y" | "x" | "tosi" | "ja" => Ok(Some(true)),
        "false" | "0" | "ei" | "e" | "no" | "n" | "epätosi" | "nej" => Ok(Some(false)),
        _ => Err(row.error(col(c), format!("`{s}` is not a yes/no value (true/false, 1/0, kyllä/ei)"))),
    }
}

/// A date: `2026-03-01`, or in a Finnish-dialect file also `1.3.2026`.
pub fn date_text(s: &str, dialect: Dialect) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if dialect == Dialect::Finnish {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%d.%m.%Y") {
            return Ok(d);
        }
    }
    let forms = if dialect == Dialect::Finnish { "2026-03-01 or 1.3.2026" } else { "2026-03-01" };
    Err(format!("`{s}` is not a date ({forms})"))
}

pub fn date(row: &Row, c: Option<usize>) -> Result<Option<NaiveDate>, SimError> {
    let s = cell(row, c);
    if s.is_empty() {
        return Ok(None);
    }
    date_text(s, row.dialect).map(Some).map_err(|m| row.error(col(c), m))
}

/// An identifier: letters, digits and `-_.:/`, at most 64 characters.
pub fn id<'a>(row: &Row<'a>, c: Option<usize>, what: &str) -> Result<&'a str, SimError> {
    let s = required(row, c, what)?;
    if s.len() > 64 || !s.chars().all(|ch| ch.is_alphanumeric() || "-_.:/".contains(ch)) {
        return Err(row.error(col(c), format!("`{s}` is not an identifier (letters, digits, - _ . : /; at most 64)")));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_dialects() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(decimal_text("1650.50", Dialect::Standard), Ok(d("1650.50")));
        assert_eq!(decimal_text("1650,50", Dialect::Finnish), Ok(d("1650.50")));
        assert_eq!(decimal_text("1 650,50", Dialect::Finnish), Ok(d("1650.50")));
        assert_eq!(decimal_text("1\u{a0}650", Dialect::Finnish), Ok(d("1650")));
        assert!(decimal_text("1.650", Dialect::Finnish).unwrap_err().contains("decimal comma"));
        assert!(decimal_text("1650,5", Dialect::Standard).unwrap_err().contains("decimal point"));
        assert!(decimal_text("12e3", Dialect::Standard).is_err());
        assert!(decimal_text("abc", Dialect::Standard).is_err());
    }

    #[test]
    fn dates_in_both_dialects() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(date_text("2026-03-01", Dialect::Standard), Ok(d));
        assert_eq!(date_text("1.3.2026", Dialect::Finnish), Ok(d));
        assert!(date_text("1.3.2026", Dialect::Standard).is_err());
        assert!(date_text("2026-02-30", Dialect::Standard).is_err());
    }
}
