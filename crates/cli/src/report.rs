//! `kustannusarvio tariffs report DIR [--date D] [--format text|csv|xlsx] [--out FILE]`: every
//! value of a tariff in force on a date — key, title, value, validity, source and whether it is
//! verified, unverified or a placeholder — with the counts, for the HVA's controller. The CSV
//! (`csv` crate) and the XLSX sheet (`rust_xlsxwriter`) carry empty columns for the controller to
//! fill in (confirmed value, decision or source, comment) and return.

use kustannusarvio_engine::tariff::report::{report as make, Entry, Report, Status};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};
use std::path::Path;

/// Output format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Xlsx,
}

const STATUSES: [Status; 4] = [Status::Verified, Status::Unverified, Status::Placeholder, Status::Missing];

/// The status in Finnish, as the controller reads it.
fn status_fi(s: Status) -> &'static str {
    match s {
        Status::Verified => "vahvistettu",
        Status::Unverified => "vahvistamaton",
        Status::Placeholder => "paikkamerkki",
        Status::Missing => "ei voimassa",
    }
}

/// Builds the report and writes it; returns what to print (the text, or where the file went).
pub fn run(dir: &Path, date: Option<&str>, format: ReportFormat, out: Option<&Path>) -> Result<String, String> {
    let date = match date {
        Some(d) => d.parse().map_err(|_| format!("--date `{d}`: give the date as YYYY-MM-DD"))?,
        None => chrono::Local::now().date_naive(),
    };
    let tariff = kustannusarvio_engine::load_dir(dir).map_err(|e| e.to_string())?;
    let r = make(&tariff, date);
    match format {
        ReportFormat::Text => {
            let t = text(&r);
            match out {
                Some(p) => write(p, t.as_bytes()).map(|()| wrote(&r, p)),
                None => Ok(t.trim_end().to_string()),
            }
        }
        ReportFormat::Csv => {
            let bytes = csv(&r)?;
            match out {
                Some(p) => write(p, &bytes).map(|()| wrote(&r, p)),
                None => String::from_utf8(bytes).map(|s| s.trim_end().to_string()).map_err(|e| e.to_string()),
            }
        }
        ReportFormat::Xlsx => {
            let p = out.ok_or("--format xlsx needs --out FILE.xlsx")?;
            write(p, &xlsx(&r)?).map(|()| wrote(&r, p))
        }
    }
}

fn write(p: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
}

fn counts(r: &Report) -> String {
    STATUSES.iter().map(|s| format!("{} {}", r.count(*s), s.code())).collect::<Vec<_>>().join(", ")
}

fn wrote(r: &Report, p: &Path) -> String {
    format!("{} values of {} on {} ({}) written to {}", r.entries.len(), r.organisation, r.date, counts(r), p.display())
}

fn validity(e: &Entry) -> String {
    match (e.from, e.to) {
        (Some(f), Some(t)) => format!("{f}…{t}"),
        (Some(f), None) => format!("{f}…"),
        _ => String::new(),
    }
}

/// The text report: a header with the counts, then one block per value.
pub fn text(r: &Report) -> String {
    let mut s = format!(
        "{} ({}) version {}, values in force on {}\n{} values: {}\n",
        r.organisation_name,
        r.organisation,
        r.version,
        r.date,
        r.entries.len(),
        counts(r)
    );
    for st in STATUSES {
        let of: Vec<&Entry> = r.entries.iter().filter(|e| e.status == st).collect();
        if of.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{} ({}):\n", st.code(), of.len()));
        for e in of {
            s.push_str(&format!("  {} = {}", e.key, if e.value.is_empty() { "—" } else { &e.value }));
            if let Some(u) = &e.unit {
                s.push_str(&format!(" {u}"));
            }
            s.push_str(&format!("\n    {}\n", e.title));
            if st != Status::Missing {
                s.push_str(&format!("    {} · {}\n", validity(e), e.source));
            }
            if let Some(u) = &e.url {
                s.push_str(&format!("    {u}\n"));
            }
            if let Some(n) = &e.note {
                s.push_str(&format!("    note: {n}\n"));
            }
        }
    }
    s
}

const COLUMNS: [&str; 13] = [
    "key",
    "title",
    "value",
    "unit",
    "valid_from",
    "valid_to",
    "status",
    "source",
    "url",
    "note",
    "confirmed_value",
    "decision_or_source",
    "comment",
];

fn row(e: &Entry) -> [String; 10] {
    [
        e.key.clone(),
        e.title.clone(),
        e.value.clone(),
        e.unit.clone().unwrap_or_default(),
        e.from.map(|d| d.to_string()).unwrap_or_default(),
        e.to.map(|d| d.to_string()).unwrap_or_default(),
        e.status.code().to_string(),
        e.source.clone(),
        e.url.clone().unwrap_or_default(),
        e.note.clone().unwrap_or_default(),
    ]
}

/// The CSV: a header row and one row per value; the last three columns are for the controller.
pub fn csv(r: &Report) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(|e| e.to_string())?;
    for e in &r.entries {
        let cells = row(e);
        w.write_record(cells.iter().map(String::as_str).chain(["", "", ""])).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The XLSX workbook: "Arvot" (every value, filterable, the controller's columns highlighted)
/// and "Yhteenveto" (the counts).
pub fn xlsx(r: &Report) -> Result<Vec<u8>, String> {
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xDDE6F0)).set_border(FormatBorder::Thin);
    let fill = Format::new().set_background_color(Color::RGB(0xFFF5CC)).set_border(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();
    let status_fmt = |s: Status| {
        let c = match s {
            Status::Verified => 0xD9F2D9,
            Status::Unverified => 0xFFE9C7,
            Status::Placeholder => 0xF8D0D0,
            Status::Missing => 0xE0E0E0,
        };
        Format::new().set_background_color(Color::RGB(c))
    };
    let headers = [
        "Avain",
        "Nimi",
        "Arvo",
        "Yksikkö",
        "Voimassa alkaen",
        "Voimassa asti",
        "Tila",
        "Lähde",
        "Linkki",
        "Huomautus",
        "Vahvistettu arvo (täytä)",
        "Päätös tai lähde (täytä)",
        "Kommentti (täytä)",
    ];
    let ws = wb.add_worksheet().set_name("Arvot").map_err(err)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
    }
    for (i, e) in r.entries.iter().enumerate() {
        let rr = (i + 1) as u32;
        let cells = row(e);
        for (c, v) in cells.iter().enumerate() {
            if c == 6 {
                ws.write_string_with_format(rr, 6, status_fi(e.status), &status_fmt(e.status)).map_err(err)?;
            } else if c == 1 || c == 7 || c == 9 {
                ws.write_string_with_format(rr, c as u16, v, &wrap).map_err(err)?;
            } else {
                ws.write_string(rr, c as u16, v).map_err(err)?;
            }
        }
        for c in 10..13u16 {
            ws.write_blank(rr, c, &fill).map_err(err)?;
        }
    }
    for (c, w) in [34.0, 40.0, 28.0, 12.0, 12.0, 12.0, 14.0, 50.0, 30.0, 40.0, 22.0, 30.0, 30.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    ws.set_freeze_panes(1, 1).map_err(err)?;
    ws.autofilter(0, 0, r.entries.len() as u32, 12).map_err(err)?;

    let sum = wb.add_worksheet().set_name("Yhteenveto").map_err(err)?;
    let rows: Vec<(String, String)> = vec![
        ("Organisaatio".into(), format!("{} ({})", r.organisation_name, r.organisation)),
        ("Versio".into(), r.version.clone()),
        ("Päivä".into(), r.date.to_string()),
        ("Arvoja".into(), r.entries.len().to_string()),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        sum.write_string_with_format(i as u32, 0, k, &head).map_err(err)?;
        sum.write_string(i as u32, 1, v).map_err(err)?;
    }
    for (i, s) in STATUSES.iter().enumerate() {
        let rr = (rows.len() + i) as u32;
        sum.write_string_with_format(rr, 0, status_fi(*s), &status_fmt(*s)).map_err(err)?;
        sum.write_number(rr, 1, r.count(*s) as f64).map_err(err)?;
    }
    sum.set_column_width(0, 24).map_err(err)?;
    sum.set_column_width(1, 50).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}
