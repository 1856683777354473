//! The report: the results as tables (one definition, written as an XLSX workbook with one sheet
//! per table and Finnish headers, as CSV files with machine-readable headers, and as the HTML
//! report with its charts).

pub mod csv_out;
pub mod html;
pub mod persons;
pub mod xlsx;

use crate::aggregate::{Results, GROUPS};
use crate::population::About;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A cell: numbers stay numbers in every format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Euros (two decimals).
    Money(Decimal),
    /// A count (weighted counts may have decimals).
    Count(Decimal),
    /// A share as a fraction (0.25 = 25 %).
    Share(Decimal),
    /// Percent points (2.5 = 2,5 %).
    Percent(Decimal),
    Empty,
}

impl Cell {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Money(d) | Cell::Count(d) | Cell::Share(d) | Cell::Percent(d) => d.to_f64(),
            _ => None,
        }
    }
}

/// A column: its Finnish header (XLSX, HTML) and its key (CSV).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: &'static str,
    pub key: &'static str,
}

const fn col(header: &'static str, key: &'static str) -> Column {
    Column { header, key }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name (Finnish, ≤ 31 characters).
    pub sheet: &'static str,
    /// CSV file stem.
    pub file: &'static str,
    pub title: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// What the run was: for the cover sheet and the report's header.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub population: String,
    pub about: About,
    pub tariffs: String,
    pub created: String,
    pub program: String,
}

/// The statutory services by their Finnish names; support services by the tariff's names.
pub fn service_name(code: &str, names: &[(String, String)]) -> String {
    let statutory = match code {
        "home_care" => "Säännöllinen kotihoito",
        "communal_housing" => "Yhteisöllinen asuminen",
        "round_the_clock_housing" => "Ympärivuorokautinen palveluasuminen",
        "institutional_care" => "Pitkäaikainen laitoshoito",
        "short_term_care" => "Lyhytaikainen laitoshoito",
        "day_night_care" => "Päivä- ja yöhoito",
        "temporary_home_nursing" => "Tilapäinen kotisairaanhoito",
        "informal_care_leave" => "Omaishoitajan vapaa",
        "informal_care_support" => "Omaishoidon tuki",
        _ => "",
    };
    if !statutory.is_empty() {
        return statutory.to_string();
    }
    names.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()).unwrap_or_else(|| code.to_string())
}

fn n(d: Decimal) -> Cell {
    Cell::Count(d)
}
fn m(d: Decimal) -> Cell {
    Cell::Money(d)
}
fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The tables of a report, in sheet order.
pub fn tables(r: &Results, meta: &Meta, service_names: &[(String, String)]) -> Vec<Table> {
    let name = |v: usize| r.variants[v].0.clone();
    let mut out = Vec::new();

    // cover: what was simulated
    let mut info = vec![
        vec![t("Aineisto"), t(&meta.population)],
        vec![
            t("Aineiston laji"),
            t(if meta.about.synthetic {
                "SYNTEETTINEN: keksittyjä asiakkaita, ei oikeita henkilöitä"
            } else {
                "asiakasaineisto"
            }),
        ],
    ];
    if !meta.about.description.is_empty() {
        info.push(vec![t("Aineiston kuvaus"), t(&meta.about.description)]);
    }
    info.push(vec![t("Tariffit"), t(&meta.tariffs)]);
    let (first, last) = (r.months.first(), r.months.last());
    if let (Some(a), Some(b)) = (first, last) {
        info.push(vec![
            t("Ajanjakso"),
            t(format!("{}–{} ({} kk)", a.format("%m/%Y"), b.format("%m/%Y"), r.months.len())),
        ]);
    }
    for (i, (n, title)) in r.variants.iter().enumerate() {
        info.push(vec![t(if i == 0 { "Perusvaihtoehto" } else { "Uudistus" }), t(format!("{n}: {title}"))]);
    }
    info.push(vec![t("Laskettu"), t(&meta.created)]);
    info.push(vec![t("Ohjelma"), t(&meta.program)]);
    out.push(Table {
        sheet: "Tietoja",
        file: "tietoja",
        title: "Tietoja ajosta",
        columns: vec![col("Tieto", "item"), col("Arvo", "value")],
        rows: info,
    });

    // summary
    let mut rows = Vec::new();
    for s in &r.summary {
        let c = s.change.as_ref();
        let opt_m = |f: fn(&crate::aggregate::Change) -> Decimal| c.map(|c| m(f(c))).unwrap_or(Cell::Empty);
        let opt_n = |f: fn(&crate::aggregate::Change) -> Decimal| c.map(|c| n(f(c))).unwrap_or(Cell::Empty);
        rows.push(vec![
            t(name(s.variant)),
            n(s.clients),
            n(Decimal::from(s.clients_n)),
            n(s.client_months),
            m(s.fees),
            m(s.fee_revenue),
            m(s.gross_cost),
            m(s.net_cost),
            opt_m(|c| c.fees),
            opt_m(|c| c.fee_revenue),
            opt_m(|c| c.net_cost),
            opt_n(|c| c.rises),
            opt_n(|c| c.falls),
            opt_n(|c| c.stays),
            n(s.at_cost_cap),
            n(s.zero_fee),
            n(s.ceiling_reached),
        ]);
    }
    out.push(Table {
        sheet: "Yhteenveto",
        file: "yhteenveto",
        title: "Yhteenveto",
        columns: vec![
            col("Vaihtoehto", "variant"),
            col("Asiakkaat (painotettu)", "clients"),
            col("Asiakasrivejä", "client_rows"),
            col("Asiakaskuukaudet", "client_months"),
            col("Asiakasmaksut yhteensä €", "client_fees"),
            col("Maksutulot hyvinvointialueelle €", "fee_revenue"),
            col("Bruttokustannus €", "gross_cost"),
            col("Nettokustannus €", "net_cost"),
            col("Muutos: asiakasmaksut €", "change_client_fees"),
            col("Muutos: maksutulot €", "change_fee_revenue"),
            col("Muutos: nettokustannus €", "change_net_cost"),
            col("Maksu nousee (asiakkaita)", "fee_rises"),
            col("Maksu laskee (asiakkaita)", "fee_falls"),
            col("Maksu ennallaan (asiakkaita)", "fee_stays"),
            col("Kustannuskatossa (asiakkaita)", "at_cost_cap"),
            col("Maksu 0 € (asiakkaita)", "zero_fee"),
            col("Maksukatto täyttyi (asiakkaita)", "ceiling_reached"),
        ],
        rows,
    });

    // deciles
    let mut rows = Vec::new();
    for d in &r.deciles {
        for row in &d.rows {
            let mut cells = vec![
                t(name(d.variant)),
                t(if row.decile == 0 { "kaikki".to_string() } else { row.decile.to_string() }),
                n(row.clients),
                m(row.income_max),
                m(row.income_month),
                m(row.fee_baseline_month),
                m(row.fee_reform_month),
                m(row.change_month),
                Cell::Percent(row.change_pct_of_income),
            ];
            cells.extend(row.groups.iter().map(|g| Cell::Share(*g)));
            rows.push(cells);
        }
    }
    let mut columns = vec![
        col("Uudistus", "variant"),
        col("Tulodesiili", "decile"),
        col("Asiakkaat (painotettu)", "clients"),
        col("Suurin tulo €/kk", "income_max_month"),
        col("Keskitulo €/kk", "income_mean_month"),
        col("Maksu ennen €/kk", "fee_baseline_month"),
        col("Maksu jälkeen €/kk", "fee_reform_month"),
        col("Muutos €/kk", "change_month"),
        col("Muutos % tuloista", "change_pct_of_income"),
    ];
    let group_keys = ["lose_over_5", "lose_0_1_to_5", "no_change", "gain_0_1_to_5", "gain_over_5"];
    for (g, k) in GROUPS.iter().zip(group_keys) {
        columns.push(Column { header: g, key: k });
    }
    out.push(Table { sheet: "Tulodesiilit", file: "tulodesiilit", title: "Muutos tulodesiileittäin", columns, rows });

    // services
    let mut rows = Vec::new();
    for s in &r.services {
        rows.push(vec![
            t(name(s.variant)),
            t(&s.service),
            t(service_name(&s.service, service_names)),
            n(s.clients),
            Cell::Share(s.client_share),
            m(s.cost),
            Cell::Share(s.cost_share),
            m(s.cost_per_client),
            m(s.fees),
            m(s.fee_revenue),
            m(s.net_cost),
        ]);
    }
    out.push(Table {
        sheet: "Palvelut",
        file: "palvelut",
        title: "Palveluittain",
        columns: vec![
            col("Vaihtoehto", "variant"),
            col("Palvelukoodi", "service"),
            col("Palvelu", "service_name"),
            col("Asiakkaat (painotettu)", "clients"),
            col("Osuus asiakkaista", "client_share"),
            col("Bruttokustannus €", "gross_cost"),
            col("Osuus kustannuksista", "cost_share"),
            col("Kustannus per asiakas €", "cost_per_client"),
            col("Asiakasmaksut €", "client_fees"),
            col("Maksutulot €", "fee_revenue"),
            col("Nettokustannus €", "net_cost"),
        ],
        rows,
    });

    // segments
    let mut rows = Vec::new();
    for s in &r.segments {
        rows.push(vec![
            t(name(s.variant)),
            t(s.dimension),
            t(s.value),
            n(s.clients),
            Cell::Share(s.client_share),
            m(s.cost),
            Cell::Share(s.cost_share),
            m(s.cost_per_client),
            m(s.fees),
            m(s.fee_revenue),
            m(s.net_cost),
        ]);
    }
    out.push(Table {
        sheet: "Segmentit",
        file: "segmentit",
        title: "Asiakassegmenteittäin",
        columns: vec![
            col("Vaihtoehto", "variant"),
            col("Segmentti", "dimension"),
            col("Arvo", "value"),
            col("Asiakkaat (painotettu)", "clients"),
            col("Osuus asiakkaista", "client_share"),
            col("Bruttokustannus €", "gross_cost"),
            col("Osuus kustannuksista", "cost_share"),
            col("Kustannus per asiakas €", "cost_per_client"),
            col("Asiakasmaksut €", "client_fees"),
            col("Maksutulot €", "fee_revenue"),
            col("Nettokustannus €", "net_cost"),
        ],
        rows,
    });

    // concentration
    let mut rows = Vec::new();
    for c in &r.concentration {
        rows.push(vec![t(name(c.variant)), Cell::Share(c.top10_share), n(c.gini.round_dp(4))]);
    }
    out.push(Table {
        sheet: "Keskittyminen",
        file: "keskittyminen",
        title: "Kustannusten keskittyminen",
        columns: vec![
            col("Vaihtoehto", "variant"),
            col("Kalleimman 10 %:n osuus kustannuksista", "top10_share"),
            col("Gini-kerroin", "gini"),
        ],
        rows,
    });
    let mut rows = Vec::new();
    for c in &r.concentration {
        for (x, y) in lorenz_points(&c.lorenz, 20) {
            rows.push(vec![t(name(c.variant)), Cell::Share(dec(x)), Cell::Share(dec(y))]);
        }
    }
    out.push(Table {
        sheet: "Lorenz",
        file: "lorenz",
        title: "Lorenzin käyrä (kustannukset)",
        columns: vec![
            col("Vaihtoehto", "variant"),
            col("Osuus asiakkaista", "client_share"),
            col("Osuus kustannuksista", "cost_share"),
        ],
        rows,
    });
    out
}

fn dec(x: f64) -> Decimal {
    Decimal::from_f64_retain(x).map(|d| d.round_dp(4)).unwrap_or_default()
}

/// The Lorenz curve at `k + 1` evenly spaced shares of clients (interpolated).
pub fn lorenz_points(points: &[(f64, f64)], k: usize) -> Vec<(f64, f64)> {
    (0..=k)
        .map(|i| {
            let x = i as f64 / k as f64;
            let j = points.partition_point(|p| p.0 < x);
            let y = if j == 0 {
                points.first().map(|p| p.1).unwrap_or(0.0)
            } else if j >= points.len() {
                points.last().map(|p| p.1).unwrap_or(1.0)
            } else {
                let (a, b) = (points[j - 1], points[j]);
                if b.0 > a.0 {
                    a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
                } else {
                    b.1
                }
            };
            (x, y)
        })
        .collect()
}
