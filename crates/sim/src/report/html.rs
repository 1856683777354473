//! One self-contained HTML file (no script, no font, no link outside it: it opens offline), with
//! SVG charts drawn by `plotters` (its SVG backend only: text is SVG text, no font library) and
//! the tables in Finnish.

use super::{lorenz_points, Cell, Meta, Table};
use crate::aggregate::{Results, GROUPS};
use crate::error::{Result, SimError};
use kustannusarvio_engine::money::eur;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::path::Path;

/// Series colours (colour-blind safe, Okabe–Ito) and the five groups' diverging colours.
const SERIES: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
];
const GROUP_COLOURS: [RGBColor; 5] = [
    RGBColor(178, 24, 43),
    RGBColor(239, 138, 98),
    RGBColor(210, 210, 210),
    RGBColor(103, 169, 207),
    RGBColor(33, 102, 172),
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A number the Finnish way: `12 345,6` (narrow no-break space between thousands).
pub fn fi_number(d: Decimal, decimals: u32) -> String {
    let d = d.round_dp(decimals);
    let neg = d.is_sign_negative() && !d.is_zero();
    let s = format!("{:.*}", decimals as usize, d.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

fn cell_html(c: &Cell) -> (String, bool) {
    match c {
        Cell::Text(s) => (esc(s), false),
        Cell::Money(d) => (eur(*d).to_string(), true),
        Cell::Count(d) => (fi_number(*d, if d.fract().is_zero() { 0 } else { 1 }), true),
        Cell::Share(d) => (format!("{}\u{a0}%", fi_number(*d * Decimal::ONE_HUNDRED, 1)), true),
        Cell::Percent(d) => (format!("{}\u{a0}%", fi_number(*d, 2)), true),
        Cell::Empty => (String::new(), false),
    }
}

fn table_html(t: &Table) -> String {
    let mut s = format!("<h3>{}</h3>\n<div class=\"scroll\"><table>\n<thead><tr>", esc(t.title));
    for c in &t.columns {
        let _ = write!(s, "<th scope=\"col\">{}</th>", esc(c.header));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        s.push_str("<tr>");
        for c in row {
            let (text, num) = cell_html(c);
            let _ = write!(s, "<td{}>{}</td>", if num { " class=\"n\"" } else { "" }, text);
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></div>\n");
    s
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn chart_err<E: std::fmt::Debug>(e: E) -> SimError {
    SimError::Input(format!("drawing a chart: {e:?}"))
}

/// A legend in one row at the top of the chart (below the caption), outside the plotting area.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    items: &[(String, RGBColor)],
) -> Result<()> {
    let mut x = 70i32;
    let style = TextStyle::from(("sans-serif", 14).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    for (name, colour) in items {
        root.draw(&Rectangle::new([(x, 8), (x + 12, 20)], colour.filled())).map_err(chart_err)?;
        root.draw(&Text::new(name.clone(), (x + 17, 14), style.clone())).map_err(chart_err)?;
        x += 30 + 8 * name.chars().count() as i32;
    }
    Ok(())
}

/// Grouped vertical bars: `series` (name, values per category).
fn bars(title: &str, y_label: &str, categories: &[String], series: &[(String, Vec<f64>)]) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 380)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let items: Vec<(String, RGBColor)> =
            series.iter().enumerate().map(|(i, s)| (s.0.clone(), SERIES[i % SERIES.len()])).collect();
        legend(&root, &items)?;
        let all = series.iter().flat_map(|s| s.1.iter().copied());
        let (lo, hi) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
        let pad = ((hi - lo).abs() * 0.1).max(1e-9);
        let (lo, hi) = (if lo < 0.0 { lo - pad } else { 0.0 }, if hi > 0.0 { hi + pad } else { pad });
        let n = categories.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .margin_top(30)
            .x_label_area_size(if categories.iter().any(|c| c.len() > 8) { 70 } else { 34 })
            .y_label_area_size(78)
            .build_cartesian_2d(0.0..n, lo..hi)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_desc(y_label)
            .y_labels(8)
            .y_label_formatter(&|v| fi_number(Decimal::from_f64_retain(*v).unwrap_or_default(), 0))
            .light_line_style(WHITE)
            .draw()
            .map_err(chart_err)?;
        let k = series.len().max(1) as f64;
        let width = 0.8 / k;
        for (si, (name, values)) in series.iter().enumerate() {
            let colour = SERIES[si % SERIES.len()];
            chart
                .draw_series(values.iter().enumerate().map(|(i, v)| {
                    let x0 = i as f64 + 0.1 + si as f64 * width;
                    Rectangle::new([(x0, 0.0), (x0 + width, *v)], colour.filled())
                }))
                .map_err(chart_err)?
                .label(name.clone())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
        }
        let style = TextStyle::from(("sans-serif", 13).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, c) in categories.iter().enumerate() {
            let label: String =
                if c.chars().count() > 18 { c.chars().take(17).chain(['…']).collect() } else { c.clone() };
            chart
                .draw_series(std::iter::once(Text::new(label, (i as f64 + 0.5, lo), style.clone())))
                .map_err(chart_err)?;
        }
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

/// Horizontal stacked bars of the five groups, one bar per decile.
fn groups_chart(title: &str, rows: &[(String, [f64; 5])]) -> Result<String> {
    let mut svg = String::new();
    {
        let h = 120 + 30 * rows.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (1000, h)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let items: Vec<(String, RGBColor)> =
            GROUPS.iter().zip(GROUP_COLOURS).map(|(g, c)| (g.to_string(), c)).collect();
        legend(&root, &items)?;
        let n = rows.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .margin_top(30)
            .margin_right(30)
            .x_label_area_size(30)
            .y_label_area_size(95)
            .build_cartesian_2d(0.0..1.0, 0.0..n)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_label_formatter(&|v| format!("{:.0} %", v * 100.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(chart_err)?;
        for (g, name) in GROUPS.iter().enumerate() {
            let colour = GROUP_COLOURS[g];
            chart
                .draw_series(rows.iter().enumerate().map(|(i, (_, shares))| {
                    let start: f64 = shares[..g].iter().sum();
                    let y = n - 1.0 - i as f64;
                    Rectangle::new([(start, y + 0.15), (start + shares[g], y + 0.85)], colour.filled())
                }))
                .map_err(chart_err)?
                .label(*name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
        }
        let style = TextStyle::from(("sans-serif", 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, (label, _)) in rows.iter().enumerate() {
            let y = n - 1.0 - i as f64 + 0.5;
            chart
                .draw_series(std::iter::once(Text::new(label.clone(), (-0.01, y), style.clone())))
                .map_err(chart_err)?;
        }
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

fn lorenz_chart(title: &str, curves: &[(String, Vec<(f64, f64)>)]) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (480, 460)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0.0..1.0, 0.0..1.0)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .x_desc("osuus asiakkaista (edullisimmasta alkaen)")
            .y_desc("osuus kustannuksista")
            .x_label_formatter(&|v| format!("{:.0} %", v * 100.0))
            .y_label_formatter(&|v| format!("{:.0} %", v * 100.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(chart_err)?;
        chart
            .draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], RGBColor(160, 160, 160).stroke_width(1)))
            .map_err(chart_err)?
            .label("tasajako")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RGBColor(160, 160, 160)));
        for (i, (name, points)) in curves.iter().enumerate() {
            let colour = SERIES[i % SERIES.len()];
            chart
                .draw_series(LineSeries::new(points.iter().copied(), colour.stroke_width(3)))
                .map_err(chart_err)?
                .label(name.clone())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(3)));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(200, 200, 200))
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(chart_err)?;
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

/// The SVG with an accessible name, ready to inline.
fn figure(svg: String, caption: &str) -> String {
    let svg = svg.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{}\" ", esc(caption)), 1);
    format!("<figure>{svg}<figcaption>{}</figcaption></figure>\n", esc(caption))
}

pub fn write(
    r: &Results,
    meta: &Meta,
    tables: &[Table],
    service_names: &[(String, String)],
    path: &Path,
) -> Result<()> {
    let html = render(r, meta, tables, service_names)?;
    std::fs::write(path, html).map_err(|e| SimError::file(path, e))
}

pub fn render(r: &Results, meta: &Meta, tables: &[Table], service_names: &[(String, String)]) -> Result<String> {
    let mut body = String::new();
    let name = |v: usize| r.variants[v].0.clone();
    // headline figures
    body.push_str("<section><h2>Yhteenveto</h2>\n<div class=\"cards\">");
    for s in &r.summary {
        let _ = write!(
            body,
            "<div class=\"card\"><h3>{}</h3><p class=\"sub\">{}</p><dl>\
             <dt>Asiakkaat</dt><dd>{}</dd><dt>Maksutulot</dt><dd>{}</dd>\
             <dt>Bruttokustannus</dt><dd>{}</dd><dt>Nettokustannus</dt><dd>{}</dd>",
            esc(&name(s.variant)),
            esc(&r.variants[s.variant].1),
            fi_number(s.clients, 0),
            eur(s.fee_revenue),
            eur(s.gross_cost),
            eur(s.net_cost)
        );
        if let Some(c) = &s.change {
            let _ = write!(
                body,
                "<dt>Maksutulojen muutos</dt><dd class=\"delta\">{}{}</dd>\
                 <dt>Nettokustannuksen muutos</dt><dd class=\"delta\">{}{}</dd>\
                 <dt>Maksu nousee / laskee / ennallaan</dt><dd>{} / {} / {}</dd>",
                if c.fee_revenue > Decimal::ZERO { "+" } else { "" },
                eur(c.fee_revenue),
                if c.net_cost > Decimal::ZERO { "+" } else { "" },
                eur(c.net_cost),
                fi_number(c.rises, 0),
                fi_number(c.falls, 0),
                fi_number(c.stays, 0)
            );
        }
        body.push_str("</dl></div>");
    }
    body.push_str("</div></section>\n");

    // deciles
    if !r.deciles.is_empty() {
        body.push_str("<section><h2>Vaikutus tulodesiileittäin</h2>\n");
        let categories: Vec<String> =
            r.deciles[0].rows.iter().filter(|d| d.decile > 0).map(|d| d.decile.to_string()).collect();
        let series: Vec<(String, Vec<f64>)> = r
            .deciles
            .iter()
            .map(|d| (name(d.variant), d.rows.iter().filter(|x| x.decile > 0).map(|x| f(x.change_month)).collect()))
            .collect();
        body.push_str(&figure(
            bars("Maksun muutos tulodesiileittäin, €/kk", "€/kk", &categories, &series)?,
            "Asiakasmaksun keskimääräinen muutos euroina kuukaudessa kotitalouden bruttotulojen desiileittäin (1 = pienituloisin).",
        ));
        for d in &r.deciles {
            let rows: Vec<(String, [f64; 5])> = d
                .rows
                .iter()
                .map(|x| {
                    let label = if x.decile == 0 { "kaikki".to_string() } else { format!("{}. desiili", x.decile) };
                    (label, x.groups.map(f))
                })
                .collect();
            body.push_str(&figure(
                groups_chart(&format!("Voittajat ja häviäjät: {}", name(d.variant)), &rows)?,
                &format!(
                    "Asiakkaiden osuudet viidessä ryhmässä maksun muutoksen mukaan suhteessa tuloihin, uudistus {}.",
                    name(d.variant)
                ),
            ));
        }
        body.push_str("</section>\n");
    }

    // services
    body.push_str("<section><h2>Palvelut</h2>\n");
    let mut codes: Vec<String> = Vec::new();
    for s in &r.services {
        if !codes.contains(&s.service) {
            codes.push(s.service.clone());
        }
    }
    let categories: Vec<String> = codes.iter().map(|c| super::service_name(c, service_names)).collect();
    let series: Vec<(String, Vec<f64>)> = (0..r.variants.len())
        .map(|v| {
            let vals = codes
                .iter()
                .map(|c| {
                    r.services
                        .iter()
                        .find(|s| s.variant == v && &s.service == c)
                        .map(|s| f(s.fee_revenue))
                        .unwrap_or(0.0)
                })
                .collect();
            (name(v), vals)
        })
        .collect();
    body.push_str(&figure(
        bars_wide("Maksutulot palveluittain, €", "€", &categories, &series)?,
        "Hyvinvointialueen asiakasmaksutulot palveluittain koko ajanjaksolta, vaihtoehdoittain.",
    ));
    body.push_str("</section>\n");

    // concentration
    body.push_str("<section><h2>Kustannusten keskittyminen</h2>\n");
    let curves: Vec<(String, Vec<(f64, f64)>)> =
        r.concentration.iter().take(1).map(|c| (name(c.variant), lorenz_points(&c.lorenz, 50))).collect();
    if let Some(c) = r.concentration.first() {
        let _ = write!(
            body,
            "<p class=\"lead\">Kalleimmat 10 % asiakkaista aiheuttavat <strong>{} %</strong> bruttokustannuksista (Gini {}).</p>",
            fi_number(c.top10_share * Decimal::ONE_HUNDRED, 1),
            fi_number(c.gini, 3)
        );
    }
    body.push_str(&figure(
        lorenz_chart("Lorenzin käyrä: bruttokustannukset", &curves)?,
        "Kumulatiivinen osuus kustannuksista asiakkaiden kumulatiivisen osuuden mukaan, edullisimmasta asiakkaasta alkaen.",
    ));
    body.push_str("</section>\n");

    // segments: cost per client by segment (baseline)
    body.push_str("<section><h2>Asiakassegmentit</h2>\n");
    let seg: Vec<&crate::aggregate::SegmentRow> = r.segments.iter().filter(|s| s.variant == 0).collect();
    let categories: Vec<String> = seg.iter().map(|s| format!("{}: {}", short_dim(s.dimension), s.value)).collect();
    let series = vec![
        ("osuus asiakkaista".to_string(), seg.iter().map(|s| f(s.client_share) * 100.0).collect()),
        ("osuus kustannuksista".to_string(), seg.iter().map(|s| f(s.cost_share) * 100.0).collect()),
    ];
    body.push_str(&figure(
        bars_wide("Segmenttien osuus asiakkaista ja kustannuksista, %", "%", &categories, &series)?,
        "Kunkin segmentin osuus asiakkaista ja bruttokustannuksista (perusvaihtoehto).",
    ));
    body.push_str("</section>\n");

    body.push_str("<section><h2>Taulukot</h2>\n");
    for t in tables {
        body.push_str(&table_html(t));
    }
    body.push_str("</section>\n");

    let banner = if meta.about.synthetic {
        "<p class=\"synthetic\" role=\"note\"><strong>Synteettinen aineisto.</strong> Asiakkaat ovat keksittyjä: \
         aineisto on arvottu julkaistujen tilastojen mukaan eikä kuvaa oikeita henkilöitä. Luvut havainnollistavat \
         laskentaa, eivät hyvinvointialueen todellisia maksutuloja.</p>"
    } else {
        ""
    };
    let period = match (r.months.first(), r.months.last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.format("%-m/%Y"), b.format("%-m/%Y")),
        _ => String::new(),
    };
    Ok(format!(
        "<!doctype html>\n<html lang=\"fi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Asiakasmaksujen vaikutusarvio {period}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n\
         <header><h1>Asiakasmaksujen vaikutusarvio</h1>\n<p class=\"sub\">{} · {period} ({} kk) · {}</p>\n{banner}</header>\n\
         {body}<footer><p>Laskettu {} ohjelmalla {}. Jokainen asiakaskuukausi on laskettu samalla laskentamoottorilla kuin \
         asiakasohjaajan arvio; maksukatto kuukausittain kalenterivuoden mukaan.</p></footer>\n</main>\n</body>\n</html>\n",
        esc(&meta.population),
        r.months.len(),
        esc(&meta.tariffs),
        esc(&meta.created),
        esc(&meta.program),
    ))
}

fn short_dim(d: &str) -> &str {
    match d {
        "Sosiaali- ja terveyspalvelujen yhteisasiakas" => "Yhteisasiakas",
        "Palveluntarve (MAPLe_5)" => "MAPLe",
        "Monisairastavuus" => "Monisair.",
        other => other,
    }
}

/// Grouped horizontal bars for many categories (segments).
fn bars_wide(title: &str, unit: &str, categories: &[String], series: &[(String, Vec<f64>)]) -> Result<String> {
    let mut svg = String::new();
    {
        let h = 110 + (12 + 11 * series.len() as u32) * categories.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (1000, h)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let items: Vec<(String, RGBColor)> =
            series.iter().enumerate().map(|(i, s)| (s.0.clone(), SERIES[i % SERIES.len()])).collect();
        legend(&root, &items)?;
        let n = categories.len().max(1) as f64;
        let hi = series.iter().flat_map(|s| s.1.iter().copied()).fold(1.0f64, f64::max) * 1.08;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .margin_top(30)
            .margin_right(30)
            .x_label_area_size(30)
            .y_label_area_size(300)
            .build_cartesian_2d(0.0..hi, 0.0..n)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(8)
            .x_label_formatter(&|v| {
                if unit == "%" {
                    format!("{v:.0} %")
                } else {
                    fi_number(Decimal::from_f64_retain(*v).unwrap_or_default(), 0)
                }
            })
            .light_line_style(WHITE)
            .draw()
            .map_err(chart_err)?;
        let k = series.len().max(1) as f64;
        let width = 0.8 / k;
        for (si, (name, values)) in series.iter().enumerate() {
            let colour = SERIES[si % SERIES.len()];
            chart
                .draw_series(values.iter().enumerate().map(|(i, v)| {
                    let y0 = n - 1.0 - i as f64 + 0.1 + (k - 1.0 - si as f64) * width;
                    Rectangle::new([(0.0, y0), (*v, y0 + width)], colour.filled())
                }))
                .map_err(chart_err)?
                .label(name.clone())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
        }
        let style = TextStyle::from(("sans-serif", 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, c) in categories.iter().enumerate() {
            let y = n - 1.0 - i as f64 + 0.5;
            chart
                .draw_series(std::iter::once(Text::new(c.clone(), (-hi * 0.01, y), style.clone())))
                .map_err(chart_err)?;
        }
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

const CSS: &str = "
:root{--ink:#1d2733;--muted:#55606e;--line:#d9dee4;--accent:#0072b2;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:1.8rem}
.sub{color:var(--muted);margin:0 0 8px}
.synthetic{background:#fff4e5;border:2px solid #e69f00;border-radius:8px;padding:10px 14px}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:18px 0}
h2{margin:0 0 12px;font-size:1.35rem}
h3{font-size:1.05rem;margin:16px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:14px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card h3{margin:0}
dl{display:grid;grid-template-columns:auto auto;gap:2px 12px;margin:8px 0 0}
dt{color:var(--muted)}
dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
dd.delta{font-weight:600}
figure{margin:12px 0}
figure svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.9rem}
.lead{font-size:1.1rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;min-width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top}
th{background:#eef2f6;text-align:left}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
footer{color:var(--muted);font-size:.9rem}
@media print{body{background:#fff}section{break-inside:avoid;border:none}}
";
