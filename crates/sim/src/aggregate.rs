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

use crate::population::{PersonRec, Population};
use crate::simulate::PersonOutcome;
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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
pub struct Aggregator<'a> {
    pop: &'a Population,
    variants: Vec<(String, String)>,
    months: Vec<NaiveDate>,
    sums: Vec<Sums>,
    /// per reform: rises, falls, stays (weighted)
    moves: Vec<[Decimal; 3]>,
    services: BTreeMap<(usize, u16), Part>,
    /// [variant][dimension][value]
    segments: Vec<Vec<Vec<Part>>>,
    // per client, for the deciles and the concentration
    weight: Vec<Decimal>,
    income: Vec<Decimal>,
    months_of: Vec<u32>,
    /// [client × variants + variant]
    fees: Vec<Decimal>,
    cost: Vec<Decimal>,
}

impl<'a> Aggregator<'a> {
    /// An aggregator for `clients` clients (the per-client numbers are sized once).
    pub fn new(pop: &'a Population, variants: Vec<(String, String)>, months: Vec<NaiveDate>, clients: usize) -> Self {
        let nv = variants.len();
        let segments =
            (0..nv).map(|_| SEGMENTS.iter().map(|(_, v)| vec![Part::default(); v.len()]).collect()).collect();
        Aggregator {
            pop,
            months,
            sums: vec![Sums::default(); nv],
            moves: vec![[Decimal::ZERO; 3]; nv],
            services: BTreeMap::new(),
            segments,
            variants,
            weight: Vec::with_capacity(clients),
            income: Vec::with_capacity(clients),
            months_of: Vec::with_capacity(clients),
            fees: Vec::with_capacity(clients * nv),
            cost: Vec::with_capacity(clients * nv),
        }
    }

    pub fn add(&mut self, o: &PersonOutcome) {
        let p = &self.pop.persons[o.person as usize];
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
            self.fees.push(v.fees);
            self.cost.push(v.cost);
        }
        for s in &o.services {
            let part = self.services.entry((s.variant as usize, s.code)).or_default();
            part.clients += w;
            part.cost += w * s.cost;
            part.fees += w * s.fees;
            part.fee_revenue += w * s.fees_to_organiser;
        }
        self.weight.push(w);
        self.income.push(o.income);
        self.months_of.push(o.months);
    }

    pub fn finish(self) -> Results {
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
        let deciles = (1..nv).map(|vi| self.deciles(vi)).collect();
        let mut services = Vec::new();
        for (&(vi, code), part) in &self.services {
            let (clients, cost) = (self.sums[vi].clients, self.sums[vi].cost);
            services.push(ServiceRow {
                variant: vi,
                service: self.pop.service_codes[code as usize].clone(),
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
        let concentration = (0..nv).map(|vi| self.concentration(vi)).collect();
        Results { variants: self.variants, months: self.months, summary, deciles, services, segments, concentration }
    }

    fn deciles(&self, vi: usize) -> Deciles {
        let nv = self.variants.len();
        let n = self.weight.len();
        let monthly = |i: usize| self.income[i] / Decimal::from(self.months_of[i].max(1));
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| monthly(a).cmp(&monthly(b)).then(a.cmp(&b)));
        let total: Decimal = self.weight.iter().sum();
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
        for &i in &order {
            let w = self.weight[i];
            let mid = before + w / Decimal::TWO;
            before += w;
            let k =
                if total.is_zero() { 0 } else { (mid * Decimal::TEN / total).floor().to_usize().unwrap_or(0).min(9) };
            let (base, reform) = (self.fees[i * nv], self.fees[i * nv + vi]);
            let delta = reform - base;
            let g = group(delta, self.income[i]);
            for a in [k + 1, 0] {
                let a = &mut acc[a];
                a.w += w;
                a.months += w * Decimal::from(self.months_of[i]);
                a.income += w * self.income[i];
                a.income_max = a.income_max.max(monthly(i));
                a.base += w * base;
                a.reform += w * reform;
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
        Deciles { variant: vi, rows }
    }

    fn concentration(&self, vi: usize) -> Concentration {
        let nv = self.variants.len();
        let n = self.weight.len();
        let cost = |i: usize| self.cost[i * nv + vi];
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| cost(a).cmp(&cost(b)).then(a.cmp(&b)));
        let total_w: Decimal = self.weight.iter().sum();
        let total_c: Decimal = (0..n).map(|i| self.weight[i] * cost(i)).sum();
        let ratio = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a / b };
        // top 10 %: from the most expensive down to a tenth of the weight
        let mut left = total_w / Decimal::TEN;
        let mut top = Decimal::ZERO;
        for &i in order.iter().rev() {
            if left <= Decimal::ZERO {
                break;
            }
            let take = self.weight[i].min(left);
            top += take * cost(i);
            left -= take;
        }
        // Lorenz points and Gini (trapezoids)
        let mut lorenz = vec![(0.0, 0.0)];
        let (mut cw, mut cc, mut area) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let step = (n / 400).max(1);
        for (j, &i) in order.iter().enumerate() {
            let (x0, y0) = (ratio(cw, total_w), ratio(cc, total_c));
            cw += self.weight[i];
            cc += self.weight[i] * cost(i);
            let (x1, y1) = (ratio(cw, total_w), ratio(cc, total_c));
            area += (x1 - x0) * (y0 + y1) / Decimal::TWO;
            if j % step == step - 1 || j + 1 == n {
                lorenz.push((x1.to_f64().unwrap_or(0.0), y1.to_f64().unwrap_or(0.0)));
            }
        }
        let gini = if total_c.is_zero() { Decimal::ZERO } else { Decimal::ONE - Decimal::TWO * area };
        Concentration { variant: vi, top10_share: ratio(top, total_c), gini, lorenz }
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
