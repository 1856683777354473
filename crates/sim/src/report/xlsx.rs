//! The workbook (`rust_xlsxwriter`): one sheet per table, Finnish headers, numbers as numbers
//! with a Finnish-readable number format (euros with two decimals, shares as percentages).

use super::{Cell, Table};
use crate::error::{Result, SimError};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use std::path::Path;

pub fn write(tables: &[Table], synthetic: bool, path: &Path) -> Result<()> {
    let err = |e: rust_xlsxwriter::XlsxError| SimError::file(path, e);
    let mut wb = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top).set_background_color(0xE8EEF4);
    let money = Format::new().set_num_format("# ##0.00");
    let count = Format::new().set_num_format("# ##0.##");
    let share = Format::new().set_num_format("0.0 %");
    let percent = Format::new().set_num_format("0.00");
    let warn = Format::new().set_bold().set_font_color(0xB00020);
    for table in tables {
        let ws = wb.add_worksheet();
        ws.set_name(table.sheet).map_err(err)?;
        let mut r0 = 0u32;
        if synthetic {
            ws.write_string_with_format(
                0,
                0,
                "SYNTEETTINEN AINEISTO: keksittyjä asiakkaita, ei oikeita henkilöitä",
                &warn,
            )
            .map_err(err)?;
            r0 = 2;
        }
        for (c, column) in table.columns.iter().enumerate() {
            ws.write_string_with_format(r0, c as u16, column.header, &header).map_err(err)?;
            let width =
                if c == 0 { 18.0 } else { (column.header.chars().count() as f64 * 0.55 + 6.0).clamp(10.0, 30.0) };
            ws.set_column_width(c as u16, width).map_err(err)?;
        }
        ws.set_row_height(r0, 45).map_err(err)?;
        ws.set_freeze_panes(r0 + 1, 0).map_err(err)?;
        for (i, row) in table.rows.iter().enumerate() {
            let r = r0 + 1 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let f = |d: &rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
                match cell {
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Cell::Money(d) => ws.write_number_with_format(r, c, f(d), &money).map(|_| ()),
                    Cell::Count(d) => ws.write_number_with_format(r, c, f(d), &count).map(|_| ()),
                    Cell::Share(d) => ws.write_number_with_format(r, c, f(d), &share).map(|_| ()),
                    Cell::Percent(d) => ws.write_number_with_format(r, c, f(d), &percent).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(err)?;
            }
        }
    }
    wb.save(path).map_err(err)
}
