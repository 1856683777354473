//! The tables of a simulation, accumulated as the clients' outcomes stream in (nothing per
//! client-month is kept; per client only the few numbers the deciles and the Lorenz curve need).
//!
//! Definitions (docs/simulation.md):
//! - every figure is weighted by the person's `weight`; money is summed over the period;
//! - a client's **income** is the household's gross income (client + spouse) summed over the
//!   client's months; deciles are weighted: clients ordered by their mean monthly income (ties by
//!   the order of the persons table), a client belongs to the decile where the middle of its
//!   weight falls;
//! - a client's **change** is its fees under the reform minus under the baseline over the period;
//!   as a percentage of its income it puts the client in one of five groups: *loses more than 5 %*
//!   (> 5), *loses 0.1–5 %* (0.1 … 5), *no change* (below 0.1 in absolute value), *gains 0.1–5 %*,
//!   *gains more than 5 %*. A client with no income is in a "more than 5 %" group if its fees change
//!   at all;
//! - **rises / falls / stays**: the client's fees over the period are higher / lower / the same to
//!   the cent under the reform;
//! - **fee revenue** is the fees the organiser receives (a voucher client's copay goes to the
//!   provider), **net cost** the gross cost minus the fee revenue;
//! - **cost concentration**: clients ordered by their gross cost; the top 10 % of the clients' weight
//!   (a fraction of the client at the boundary) and its share of the cost; the Lorenz curve and the
//!   Gini coefficient of cost over clients.

use crate::error::{Result, SimError};
use crate::population::{PersonRec, Population};
use crate::simulate::PersonOutcome;
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One variant's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub variant: usize,
    /// Clients (weighted) and how many rows they are.
    pub clients: Decimal,
    pub clients_n: u64,
    pub client_months: Decimal,
    /// What the clients pay (to the organiser and to voucher providers), after the ceiling.
    pub fees: Decimal,
    pub fee_revenue: Decimal,
    pub gross_cost: Decimal,
    pub net_cost: Decimal,
    /// Clients at the cost cap in some month, paying nothing over the period, reaching the ceiling.
    pub at_cost_cap: Decimal,
    pub zero_fee: Decimal,
    pub ceiling_reached: Decimal,
    /// Against the baseline (reforms only).
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub fees: Decimal,
    pub fee_revenue: Decimal,
    pub gross_cost: Decimal,
    pub net_cost: Decimal,
    pub rises: Decimal,
    pub falls: Decimal,
    pub stays: Decimal,
}

/// The five groups, from *loses more than 5 %* to *gains more than 5 %*.
pub const GROUPS: [&str; 5] = ["häviää yli 5 %", "häviää 0,1–5 %", "ei muutosta", "hyötyy 0,1–5 %", "hyötyy yli 5 %"];

/// One decile (1–10) of a reform against the baseline; decile 0 is all clients.
#[derive(Debug, Clone, PartialEq)]
pub struct DecileRow {
    pub decile: u8,
    pub clients: Decimal,
    /// The highest mean monthly income in the decile.
    pub income_max: Decimal,
    /// Mean monthly household income (Σ income ÷ Σ months, weighted).
    pub income_month: Decimal,
    pub fee_baseline_month: Decimal,
    pub fee_reform_month: Decimal,
    pub change_month: Decimal,
    /// Σ change ÷ Σ income, in percent.
    pub change_pct_of_income: Decimal,
    /// Shares of the decile's clients in the five [`GROUPS`] (fractions summing to 1).
    pub groups: [Decimal; 5],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deciles {
    pub variant: usize,
    /// Deciles 1–10, then all clients (decile 0).
    pub rows: Vec<DecileRow>,
}

/// One service (code) under one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub variant: usize,
    pub service: String,
    pub clients: Decimal,
    pub client_share: Decimal,
    pub cost: Decimal,
    pub cost_share: Decimal,
    pub cost_per_client: Decimal,
    pub fees: Decimal,
    pub fee_revenue: Decimal,
    pub net_cost: Decimal,
}

/// One value of a segment dimension under one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRow {
    pub variant: usize,
    pub dimension: &'static str,
    pub value: &'static str,
    pub clients: Decimal,
    pub client_share: Decimal,
    pub cost: Decimal,
    pub cost_share: Decimal,
    pub cost_per_client: Decimal,
    pub fees: Decimal,
    pub fee_revenue: Decimal,
    pub net_cost: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Concentration {
    pub variant: usize,
    /// Share of the gross cost of the most expensive 10 % of clients.
    pub top10_share: Decimal,
    pub gini: Decimal,
    /// (share of clients, share of cost), from (0, 0) to (1, 1), the cheapest first.
    pub lorenz: Vec<(f64, f64)>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// (name, title) of each variant, the baseline first.
    pub variants: Vec<(String, String)>,
    pub months: Vec<NaiveDate>,
    pub summary: Vec<Summary>,
    pub deciles: Vec<Deciles>,
    pub services: Vec<ServiceRow>,
    pub segments: Vec<SegmentRow>,
    pub concentration: Vec<Concentration>,
}

/// The segment dimensions and their values.
pub const SEGMENTS: [(&str, &[&str]); 6] = [
    ("Ikäryhmä", &["alle 65", "65–74", "75–84", "85+"]),
    ("Sukupuoli", &["nainen", "mies", "muu"]),
    ("Monisairastavuus", &["2+ pitkäaikaissairautta", "0–1 pitkäaikaissairautta"]),
    ("Sosiaali- ja terveyspalvelujen yhteisasiakas", &["kyllä", "ei"]),
    ("Palveluntarve (MAPLe_5)", &["1", "2", "3", "4", "5", "ei tiedossa"]),
    ("Asuu yksin", &["kyllä", "ei"]),
];

/// The value index of each dimension of [`SEGMENTS`] for a person.
pub fn segment_values(p: &PersonRec) -> [usize; 6] {
    [
        match p.age {
            0..=64 => 0,
            65..=74 => 1,
            75..=84 => 2,
            _ => 3,
        },
        p.sex as usize,
        if p.n_chronic >= 2 { 0 } else { 1 },
        if p.joint_social_health { 0 } else { 1 },
        p.maple.map(|m| m as usize - 1).unwrap_or(5),
        if p.living_alone { 0 } else { 1 },
    ]
}

#[derive(Debug, Clone, Default)]
struct Sums {
    clients: Decimal,
    clients_n: u64,
    months: Decimal,
    fees: Decimal,
    fee_revenue: Decimal,
    cost: Decimal,
    net: Decimal,
    at_cost_cap: Decimal,
    zero_fee: Decimal,
    ceiling: Decimal,
}

#[derive(Debug, Clone, Default)]
struct Part {
    clients: Decimal,
    cost: Decimal,
    fees: Decimal,
    fee_revenue: Decimal,
}

/// Accumulates outcomes; [`Aggregator::finish`] gives the [`Results`].
pub struct Aggregator {
    variants: Vec<(String, String)>,
    months: Vec<NaiveDate>,
    sums: Vec<Sums>,
    /// per reform: rises, falls, stays (weighted)
    moves: Vec<[Decimal; 3]>,
    services: BTreeMap<(usize, u16), Part>,
    /// [variant][dimension][value]
    segments: Vec<Vec<Vec<Part>>>,
    /// Per client, for the deciles and the concentration.
    log: ClientLog,
}

impl Aggregator {
    /// An aggregator. The few numbers per client that the deciles and the concentration need
    /// are kept in memory up to `spill_after` bytes ([`SPILL_BYTES`]), then in an unnamed
    /// temporary file in `spill` (the output directory; gone when the run ends, even if it is
    /// killed) and sorted there (an external merge sort); without `spill` always in memory.
    pub fn new(
        variants: Vec<(String, String)>,
        months: Vec<NaiveDate>,
        spill: Option<PathBuf>,
        spill_after: usize,
    ) -> Self {
        let nv = variants.len();
        let segments =
            (0..nv).map(|_| SEGMENTS.iter().map(|(_, v)| vec![Part::default(); v.len()]).collect()).collect();
        Aggregator {
            months,
            sums: vec![Sums::default(); nv],
            moves: vec![[Decimal::ZERO; 3]; nv],
            services: BTreeMap::new(),
            segments,
            variants,
            log: ClientLog::new(nv, spill, spill_after),
        }
    }

    /// Adds a client of `pop` (the population, or the block of it, the outcome was simulated
    /// from; its service codes are those of the whole population up to that block).
    pub fn add(&mut self, pop: &Population, o: &PersonOutcome) {
        let p = &pop.persons[o.person as usize];
        let w = p.weight;
        let seg = segment_values(p);
        for (vi, v) in o.variants.iter().enumerate() {
            let s = &mut self.sums[vi];
            s.clients += w;
            s.clients_n += 1;
            s.months += w * Decimal::from(o.months);
            s.fees += w * v.fees;
            s.fee_revenue += w * v.fees_to_organiser;
            s.cost += w * v.cost;
            s.net += w * v.net;
            if v.at_cost_cap {
                s.at_cost_cap += w;
            }
            if v.fees.is_zero() {
                s.zero_fee += w;
            }
            if v.ceiling_reached {
                s.ceiling += w;
            }
            if vi > 0 {
                let base = &o.variants[0];
                let k = match v.fees.cmp(&base.fees) {
                    std::cmp::Ordering::Greater => 0,
                    std::cmp::Ordering::Less => 1,
                    std::cmp::Ordering::Equal => 2,
                };
                self.moves[vi][k] += w;
            }
            for (dim, &val) in seg.iter().enumerate() {
                let part = &mut self.segments[vi][dim][val];
                part.clients += w;
                part.cost += w * v.cost;
                part.fees += w * v.fees;
                part.fee_revenue += w * v.fees_to_organiser;
            }
        }
        for s in &o.services {
            let part = self.services.entry((s.variant as usize, s.code)).or_default();
            part.clients += w;
            part.cost += w * s.cost;
            part.fees += w * s.fees;
            part.fee_revenue += w * s.fees_to_organiser;
        }
        self.log.add(w, o);
    }

    /// The tables; `codes` are the population's service codes (what a [`ServiceOutcome`]'s
    /// `code` indexes).
    ///
    /// [`ServiceOutcome`]: crate::simulate::ServiceOutcome
    pub fn finish(mut self, codes: &[String]) -> Result<Results> {
        let nv = self.variants.len();
        let r = |d: Decimal| kustannusarvio_engine::money::round_cents(d);
        let ratio = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a / b };
        let mut summary = Vec::new();
        for (vi, s) in self.sums.iter().enumerate() {
            let base = &self.sums[0];
            let change = (vi > 0).then(|| Change {
                fees: r(s.fees - base.fees),
                fee_revenue: r(s.fee_revenue - base.fee_revenue),
                gross_cost: r(s.cost - base.cost),
                net_cost: r(s.net - base.net),
                rises: self.moves[vi][0],
                falls: self.moves[vi][1],
                stays: self.moves[vi][2],
            });
            summary.push(Summary {
                variant: vi,
                clients: s.clients,
                clients_n: s.clients_n,
                client_months: s.months,
                fees: r(s.fees),
                fee_revenue: r(s.fee_revenue),
                gross_cost: r(s.cost),
                net_cost: r(s.net),
                at_cost_cap: s.at_cost_cap,
                zero_fee: s.zero_fee,
                ceiling_reached: s.ceiling,
                change,
            });
        }
        self.log.flush()?;
        let deciles = (1..nv).map(|vi| self.deciles(vi)).collect::<Result<Vec<_>>>()?;
        let mut services = Vec::new();
        for (&(vi, code), part) in &self.services {
            let (clients, cost) = (self.sums[vi].clients, self.sums[vi].cost);
            services.push(ServiceRow {
                variant: vi,
                service: codes.get(code as usize).cloned().unwrap_or_default(),
                clients: part.clients,
                client_share: ratio(part.clients, clients),
                cost: r(part.cost),
                cost_share: ratio(part.cost, cost),
                cost_per_client: r(ratio(part.cost, part.clients)),
                fees: r(part.fees),
                fee_revenue: r(part.fee_revenue),
                net_cost: r(part.cost - part.fee_revenue),
            });
        }
        let mut segments = Vec::new();
        for vi in 0..nv {
            let (clients, cost) = (self.sums[vi].clients, self.sums[vi].cost);
            for (dim, (name, values)) in SEGMENTS.iter().enumerate() {
                for (val, value) in values.iter().enumerate() {
                    let part = &self.segments[vi][dim][val];
                    if part.clients.is_zero() {
                        continue;
                    }
                    segments.push(SegmentRow {
                        variant: vi,
                        dimension: name,
                        value,
                        clients: part.clients,
                        client_share: ratio(part.clients, clients),
                        cost: r(part.cost),
                        cost_share: ratio(part.cost, cost),
                        cost_per_client: r(ratio(part.cost, part.clients)),
                        fees: r(part.fees),
                        fee_revenue: r(part.fee_revenue),
                        net_cost: r(part.cost - part.fee_revenue),
                    });
                }
            }
        }
        let concentration = (0..nv).map(|vi| self.concentration(vi)).collect::<Result<Vec<_>>>()?;
        Ok(Results {
            variants: self.variants,
            months: self.months,
            summary,
            deciles,
            services,
            segments,
            concentration,
        })
    }

    fn deciles(&self, vi: usize) -> Result<Deciles> {
        let total = self.sums[0].clients;
        let item = |r: Record| {
            let (income, months) = (r.income(), r.months());
            DecileItem {
                monthly: income / Decimal::from(months.max(1)),
                seq: r.seq(),
                weight: r.weight(),
                income,
                months,
                base: r.fee(0),
                reform: r.fee(vi),
            }
        };
        let sorted =
            self.log.sort(item, |a: &DecileItem, b: &DecileItem| a.monthly.cmp(&b.monthly).then(a.seq.cmp(&b.seq)))?;
        #[derive(Default, Clone)]
        struct Acc {
            w: Decimal,
            months: Decimal,
            income: Decimal,
            income_max: Decimal,
            base: Decimal,
            reform: Decimal,
            groups: [Decimal; 5],
        }
        let mut acc = vec![Acc::default(); 11];
        let mut before = Decimal::ZERO;
        for item in sorted {
            let c = item?;
            let w = c.weight;
            let mid = before + w / Decimal::TWO;
            before += w;
            let k =
                if total.is_zero() { 0 } else { (mid * Decimal::TEN / total).floor().to_usize().unwrap_or(0).min(9) };
            let g = group(c.reform - c.base, c.income);
            for a in [k + 1, 0] {
                let a = &mut acc[a];
                a.w += w;
                a.months += w * Decimal::from(c.months);
                a.income += w * c.income;
                a.income_max = a.income_max.max(c.monthly);
                a.base += w * c.base;
                a.reform += w * c.reform;
                a.groups[g] += w;
            }
        }
        let r = |d: Decimal| kustannusarvio_engine::money::round_cents(d);
        let ratio = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a / b };
        let mut rows: Vec<DecileRow> = (1..=10)
            .chain([0])
            .map(|k| {
                let a = &acc[k];
                DecileRow {
                    decile: k as u8,
                    clients: a.w,
                    income_max: r(a.income_max),
                    income_month: r(ratio(a.income, a.months)),
                    fee_baseline_month: r(ratio(a.base, a.months)),
                    fee_reform_month: r(ratio(a.reform, a.months)),
                    change_month: r(ratio(a.reform - a.base, a.months)),
                    change_pct_of_income: ratio((a.reform - a.base) * Decimal::ONE_HUNDRED, a.income),
                    groups: a.groups.map(|g| ratio(g, a.w)),
                }
            })
            .collect();
        rows.retain(|row| row.decile == 0 || !row.clients.is_zero());
        Ok(Deciles { variant: vi, rows })
    }

    fn concentration(&self, vi: usize) -> Result<Concentration> {
        let n = self.log.n;
        let item = |r: Record| CostItem { cost: r.cost(vi), seq: r.seq(), weight: r.weight() };
        let sorted = self.log.sort(item, |a: &CostItem, b: &CostItem| a.cost.cmp(&b.cost).then(a.seq.cmp(&b.seq)))?;
        let (total_w, total_c) = (self.sums[vi].clients, self.sums[vi].cost);
        let ratio = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a / b };
        // the top 10 %: the clients' weight above nine tenths of it, the cheapest first (the client
        // at the boundary with the part of its weight above it)
        let nine_tenths = total_w - total_w / Decimal::TEN;
        let mut top = Decimal::ZERO;
        // Lorenz points and Gini (trapezoids)
        let mut lorenz = vec![(0.0, 0.0)];
        let (mut cw, mut cc, mut area) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let step = (n / 400).max(1);
        for (j, item) in sorted.enumerate() {
            let c = item?;
            let (x0, y0) = (ratio(cw, total_w), ratio(cc, total_c));
            let before = cw;
            cw += c.weight;
            cc += c.weight * c.cost;
            if cw > nine_tenths {
                top += (cw - before.max(nine_tenths)) * c.cost;
            }
            let (x1, y1) = (ratio(cw, total_w), ratio(cc, total_c));
            area += (x1 - x0) * (y0 + y1) / Decimal::TWO;
            if j as u64 % step == step - 1 || j as u64 + 1 == n {
                lorenz.push((x1.to_f64().unwrap_or(0.0), y1.to_f64().unwrap_or(0.0)));
            }
        }
        let gini = if total_c.is_zero() { Decimal::ZERO } else { Decimal::ONE - Decimal::TWO * area };
        Ok(Concentration { variant: vi, top10_share: ratio(top, total_c), gini, lorenz })
    }
}

/// The bytes of per-client numbers kept in memory before they go to a temporary file, and the
/// items sorted in memory at a time (at most about 3 MB).
pub const SPILL_BYTES: usize = 1 << 20;
const SORT_RUN: usize = 10_000;

fn spill_error(e: std::io::Error) -> SimError {
    SimError::Input(format!("cannot keep the per-client figures in a temporary file: {e}"))
}

/// The per-client numbers the deciles and the concentration need, one fixed-size record per
/// client in the order added: `seq` u32, `months` u32, `weight`, `income`, then per variant
/// `fees`, `cost` (decimals in their 16-byte form).
struct ClientLog {
    nv: usize,
    n: u64,
    buf: Vec<u8>,
    dir: Option<PathBuf>,
    spill_after: usize,
    file: Option<std::io::BufWriter<std::fs::File>>,
    error: Option<std::io::Error>,
}

/// One record of a [`ClientLog`].
struct Record<'a>(&'a [u8]);

impl Record<'_> {
    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.0[at..at + 4].try_into().expect("4 bytes"))
    }
    fn decimal_at(&self, at: usize) -> Decimal {
        Decimal::deserialize(self.0[at..at + 16].try_into().expect("16 bytes"))
    }
    fn seq(&self) -> u32 {
        self.u32_at(0)
    }
    fn months(&self) -> u32 {
        self.u32_at(4)
    }
    fn weight(&self) -> Decimal {
        self.decimal_at(8)
    }
    fn income(&self) -> Decimal {
        self.decimal_at(24)
    }
    fn fee(&self, v: usize) -> Decimal {
        self.decimal_at(40 + 32 * v)
    }
    fn cost(&self, v: usize) -> Decimal {
        self.decimal_at(56 + 32 * v)
    }
}

impl ClientLog {
    fn new(nv: usize, dir: Option<PathBuf>, spill_after: usize) -> Self {
        ClientLog { nv, n: 0, buf: Vec::new(), dir, spill_after, file: None, error: None }
    }

    fn record_len(&self) -> usize {
        40 + 32 * self.nv
    }

    fn add(&mut self, w: Decimal, o: &PersonOutcome) {
        self.buf.extend_from_slice(&(self.n as u32).to_le_bytes());
        self.buf.extend_from_slice(&o.months.to_le_bytes());
        self.buf.extend_from_slice(&w.serialize());
        self.buf.extend_from_slice(&o.income.serialize());
        for v in &o.variants {
            self.buf.extend_from_slice(&v.fees.serialize());
            self.buf.extend_from_slice(&v.cost.serialize());
        }
        self.n += 1;
        if self.buf.len() >= self.spill_after && self.dir.is_some() && self.error.is_none() {
            if let Err(e) = self.spill() {
                self.error = Some(e);
            }
        }
    }

    /// Moves the records in memory to the temporary file.
    fn spill(&mut self) -> std::io::Result<()> {
        use std::io::Write;
        if self.file.is_none() {
            let dir = self.dir.as_ref().expect("a spill directory");
            self.file = Some(std::io::BufWriter::new(tempfile::tempfile_in(dir)?));
        }
        self.file.as_mut().expect("just made").write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// Ends adding: the file, if any, holds every record.
    fn flush(&mut self) -> Result<()> {
        use std::io::Write;
        if let Some(e) = self.error.take() {
            return Err(spill_error(e));
        }
        if self.file.is_some() {
            self.spill().map_err(spill_error)?;
            self.file.as_mut().expect("a file").flush().map_err(spill_error)?;
        }
        Ok(())
    }

    /// Visits every record in the order added, from memory or from the file.
    fn visit(&self, mut f: impl FnMut(Record<'_>) -> Result<()>) -> Result<()> {
        use std::io::{Read, Seek};
        let len = self.record_len();
        if let Some(w) = &self.file {
            let mut file = w.get_ref().try_clone().map_err(spill_error)?;
            file.rewind().map_err(spill_error)?;
            let mut r = std::io::BufReader::with_capacity(1 << 16, file);
            let mut rec = vec![0u8; len];
            for _ in 0..self.n {
                r.read_exact(&mut rec).map_err(spill_error)?;
                f(Record(&rec))?;
            }
            return Ok(());
        }
        self.buf.chunks_exact(len).try_for_each(|rec| f(Record(rec)))
    }

    /// Sorts the items `make` makes of the records: in memory when they fit in one run of
    /// [`SORT_RUN`] items (or without a spill directory), else as sorted runs in unnamed
    /// temporary files merged back (an external merge sort).
    fn sort<T: Item + 'static>(
        &self,
        make: impl Fn(Record<'_>) -> T,
        cmp: fn(&T, &T) -> std::cmp::Ordering,
    ) -> Result<Box<dyn Iterator<Item = Result<T>>>> {
        let run_len = if self.spill_after == 0 { 7 } else { SORT_RUN };
        let mut items: Vec<T> = Vec::new();
        let mut runs: Vec<std::fs::File> = Vec::new();
        self.visit(|r| {
            items.push(make(r));
            if let (Some(dir), true) = (&self.dir, items.len() >= run_len) {
                runs.push(write_run(dir, &mut items, cmp)?);
            }
            Ok(())
        })?;
        if runs.is_empty() {
            items.sort_unstable_by(cmp);
            return Ok(Box::new(items.into_iter().map(Ok)));
        }
        if !items.is_empty() {
            runs.push(write_run(self.dir.as_ref().expect("runs need a directory"), &mut items, cmp)?);
        }
        Ok(Box::new(Merge::new(runs, cmp)?))
    }
}

/// Sorts `items` and writes them to a new unnamed temporary file in `dir` (emptying `items`).
fn write_run<T: Item>(dir: &Path, items: &mut Vec<T>, cmp: fn(&T, &T) -> std::cmp::Ordering) -> Result<std::fs::File> {
    use std::io::{Seek, Write};
    items.sort_unstable_by(cmp);
    let mut w = std::io::BufWriter::new(tempfile::tempfile_in(dir).map_err(spill_error)?);
    for item in items.drain(..) {
        item.encode(&mut w).map_err(spill_error)?;
    }
    let mut f = w.into_inner().map_err(|e| spill_error(e.into_error()))?;
    f.flush().map_err(spill_error)?;
    f.rewind().map_err(spill_error)?;
    Ok(f)
}

/// The k-way merge of sorted runs.
struct Merge<T: Item> {
    runs: Vec<std::io::BufReader<std::fs::File>>,
    /// The next item of each run (the smallest first).
    heap: std::collections::BinaryHeap<Head<T>>,
    cmp: fn(&T, &T) -> std::cmp::Ordering,
    failed: bool,
}

struct Head<T> {
    item: T,
    run: usize,
    cmp: fn(&T, &T) -> std::cmp::Ordering,
}

impl<T> PartialEq for Head<T> {
    fn eq(&self, o: &Self) -> bool {
        (self.cmp)(&self.item, &o.item).is_eq()
    }
}
impl<T> Eq for Head<T> {}
impl<T> PartialOrd for Head<T> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<T> Ord for Head<T> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        // the heap is a max-heap: the smallest item on top
        (self.cmp)(&o.item, &self.item).then(o.run.cmp(&self.run))
    }
}

impl<T: Item> Merge<T> {
    fn new(files: Vec<std::fs::File>, cmp: fn(&T, &T) -> std::cmp::Ordering) -> Result<Self> {
        let mut m = Merge {
            runs: files.into_iter().map(|f| std::io::BufReader::with_capacity(1 << 14, f)).collect(),
            heap: std::collections::BinaryHeap::new(),
            cmp,
            failed: false,
        };
        for run in 0..m.runs.len() {
            m.refill(run)?;
        }
        Ok(m)
    }

    /// Puts the next item of `run` on the heap (nothing at its end).
    fn refill(&mut self, run: usize) -> Result<()> {
        match T::decode(&mut self.runs[run]) {
            Ok(item) => {
                self.heap.push(Head { item, run, cmp: self.cmp });
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(()),
            Err(e) => Err(spill_error(e)),
        }
    }
}

impl<T: Item> Iterator for Merge<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        if self.failed {
            return None;
        }
        let head = self.heap.pop()?;
        if let Err(e) = self.refill(head.run) {
            self.failed = true;
            return Some(Err(e));
        }
        Some(Ok(head.item))
    }
}

/// An item of the external sort: written and read back in a fixed binary form.
trait Item: Sized {
    fn encode(&self, w: &mut impl std::io::Write) -> std::io::Result<()>;
    fn decode(r: &mut impl std::io::Read) -> std::io::Result<Self>;
}

/// A client as the deciles need it.
struct DecileItem {
    monthly: Decimal,
    seq: u32,
    weight: Decimal,
    income: Decimal,
    months: u32,
    base: Decimal,
    reform: Decimal,
}

/// A client as the concentration needs it.
struct CostItem {
    cost: Decimal,
    seq: u32,
    weight: Decimal,
}

fn read_decimal(r: &mut impl std::io::Read) -> std::io::Result<Decimal> {
    let mut b = [0u8; 16];
    r.read_exact(&mut b)?;
    Ok(Decimal::deserialize(b))
}

fn read_u32(r: &mut impl std::io::Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

impl Item for DecileItem {
    fn encode(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        w.write_all(&self.monthly.serialize())?;
        w.write_all(&self.seq.to_le_bytes())?;
        w.write_all(&self.weight.serialize())?;
        w.write_all(&self.income.serialize())?;
        w.write_all(&self.months.to_le_bytes())?;
        w.write_all(&self.base.serialize())?;
        w.write_all(&self.reform.serialize())
    }

    fn decode(r: &mut impl std::io::Read) -> std::io::Result<Self> {
        Ok(DecileItem {
            monthly: read_decimal(r)?,
            seq: read_u32(r)?,
            weight: read_decimal(r)?,
            income: read_decimal(r)?,
            months: read_u32(r)?,
            base: read_decimal(r)?,
            reform: read_decimal(r)?,
        })
    }
}

impl Item for CostItem {
    fn encode(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        w.write_all(&self.cost.serialize())?;
        w.write_all(&self.seq.to_le_bytes())?;
        w.write_all(&self.weight.serialize())
    }

    fn decode(r: &mut impl std::io::Read) -> std::io::Result<Self> {
        Ok(CostItem { cost: read_decimal(r)?, seq: read_u32(r)?, weight: read_decimal(r)? })
    }
}

/// The group (index into [`GROUPS`]) of a change in fees against the income over the same months.
pub fn group(delta: Decimal, income: Decimal) -> usize {
    if delta.is_zero() {
        return 2;
    }
    if income <= Decimal::ZERO {
        return if delta > Decimal::ZERO { 0 } else { 4 };
    }
    let pct = delta * Decimal::ONE_HUNDRED / income;
    let (five, tenth) = (Decimal::from(5), Decimal::new(1, 1));
    if pct > five {
        0
    } else if pct >= tenth {
        1
    } else if pct > -tenth {
        2
    } else if pct >= -five {
        3
    } else {
        4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_at_their_boundaries() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let inc = d("1000");
        assert_eq!(group(d("50.01"), inc), 0); // 5.001 %
        assert_eq!(group(d("50"), inc), 1); // exactly 5 %: the 0.1–5 % group
        assert_eq!(group(d("1"), inc), 1); // 0.1 %
        assert_eq!(group(d("0.99"), inc), 2); // 0.099 %
        assert_eq!(group(d("0"), inc), 2);
        assert_eq!(group(d("-0.99"), inc), 2);
        assert_eq!(group(d("-1"), inc), 3);
        assert_eq!(group(d("-50"), inc), 3);
        assert_eq!(group(d("-50.01"), inc), 4);
        assert_eq!(group(d("1"), d("0")), 0);
        assert_eq!(group(d("-1"), d("0")), 4);
    }
}
