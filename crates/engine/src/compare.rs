//! Alternatives side by side: totals of two or three packages and their differences to the first.

use crate::estimate::Estimate;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Comparison {
    pub columns: Vec<Column>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Column {
    pub name: String,
    pub estimate: Estimate,
    /// Differences of the totals to the first column (this − first); zero for the first.
    pub difference: Difference,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Difference {
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fees_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub client_fees_yearly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_net_monthly: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub organiser_cost_yearly: Decimal,
}

pub fn compare(names: &[impl std::fmt::Display], ests: &[Estimate]) -> Comparison {
    let first = ests.first().map(|e| e.total.clone());
    let columns = ests
        .iter()
        .zip(names)
        .map(|(e, n)| {
            let f = first.as_ref().unwrap_or(&e.total);
            Column {
                name: n.to_string(),
                difference: Difference {
                    client_fees_monthly: e.total.client_fees_monthly - f.client_fees_monthly,
                    client_fees_yearly: e.total.client_fees_yearly - f.client_fees_yearly,
                    organiser_cost_monthly: e.total.organiser_cost_monthly - f.organiser_cost_monthly,
                    organiser_net_monthly: e.total.organiser_net_monthly - f.organiser_net_monthly,
                    organiser_cost_yearly: e.total.organiser_cost_yearly - f.organiser_cost_yearly,
                },
                estimate: e.clone(),
            }
        })
        .collect();
    Comparison { columns }
}
