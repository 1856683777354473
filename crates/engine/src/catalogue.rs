//! The services a tariff offers, as the package builder needs them: a read-only view of the
//! tariff's catalogue (palveluvalikoima) — which statutory kinds and support services, with which
//! production methods, quantity fields and care-allowance classes. No fee is computed here.

use crate::rules::StatutoryKind;
use crate::scenario::Production;
use crate::tariff::{Names, Tariff};
use serde::Serialize;

/// Palveluryhmä: how the package builder groups services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Kotihoito ja kotisairaanhoito.
    HomeCare,
    /// Asumispalvelut ja laitoshoito.
    Housing,
    /// Lyhytaikainen hoito, päivätoiminta, omaishoito.
    ShortTerm,
    /// Tukipalvelut.
    Support,
}

/// One service the counsellor can add.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ServiceOption {
    /// Service code used in the scenario (`home_care`, `meals`, …).
    pub code: String,
    /// Finnish name from the tariff catalogue (support services); `null` for the statutory kinds,
    /// whose names are in the UI's catalogues.
    pub name: Option<String>,
    /// The name in Finnish, Swedish and English (support services); `null` as `name`.
    pub names: Option<Names>,
    pub category: Category,
    pub statutory: bool,
    /// Production methods the tariff prices for this service.
    pub productions: Vec<Production>,
    /// Scenario line fields the service accepts (quantities and voucher prices).
    pub fields: Vec<String>,
    /// Care-allowance classes (omaishoidon tuki): their codes.
    pub care_classes: Vec<String>,
    /// The classes' names in Finnish, Swedish and English, in the order of `care_classes`.
    pub care_class_names: Vec<Names>,
    /// Legal reference shown next to the service (Finnish).
    pub legal_reference: Option<String>,
    /// The legal reference in Finnish, Swedish and English.
    pub legal_references: Option<Names>,
}

fn category(kind: StatutoryKind) -> Category {
    match kind {
        StatutoryKind::HomeCare | StatutoryKind::TemporaryHomeNursing => Category::HomeCare,
        StatutoryKind::CommunalHousing | StatutoryKind::RoundTheClockHousing | StatutoryKind::InstitutionalCare => {
            Category::Housing
        }
        _ => Category::ShortTerm,
    }
}

fn productions(t: &Tariff, code: &str) -> Vec<Production> {
    let mut v = Vec::new();
    if let Some(p) = t.prices.get(code) {
        if p.own.is_some() {
            v.push(Production::Own);
        }
        if p.purchased.is_some() {
            v.push(Production::Purchased);
        }
    }
    if t.vouchers.contains_key(code) {
        v.push(Production::Voucher);
    }
    v
}

/// The services of the tariff, statutory kinds first, then the support-service catalogue.
pub fn services(t: &Tariff) -> Vec<ServiceOption> {
    let mut out = Vec::new();
    for kind in StatutoryKind::ALL {
        let code = kind.code();
        let (prods, classes) = match kind {
            StatutoryKind::InformalCareSupport => match &t.informal_care_support {
                Some(ics) if !ics.classes.is_empty() => (vec![Production::Own], ics.classes.keys().cloned().collect()),
                _ => continue,
            },
            StatutoryKind::CommunalHousing if t.communal_housing.is_none() && !t.prices.contains_key(code) => continue,
            _ => (productions(t, code), Vec::new()),
        };
        if prods.is_empty() {
            continue;
        }
        out.push(ServiceOption {
            code: code.to_string(),
            name: None,
            names: None,
            category: category(kind),
            statutory: true,
            productions: prods,
            fields: kind.allowed_fields().iter().map(|f| f.to_string()).collect(),
            care_class_names: {
                let ics = t.informal_care_support.as_ref();
                classes.iter().filter_map(|c: &String| ics.map(|i| (*i.class_name(c)).clone())).collect()
            },
            care_classes: classes,
            legal_reference: None,
            legal_references: None,
        });
    }
    for (code, s) in &t.support_services {
        let mut prods = productions(t, code);
        if prods.is_empty() {
            // A catalogue service without a price list is still chargeable in own production.
            prods.push(Production::Own);
        }
        let mut fields: Vec<String> = s.quantity.field().map(|f| vec![f.to_string()]).unwrap_or_default();
        if prods.contains(&Production::Voucher) {
            fields.push("provider_price_per_unit".into());
        }
        out.push(ServiceOption {
            code: code.clone(),
            name: Some(s.name.fi.clone()),
            names: Some((*s.name).clone()),
            category: Category::Support,
            statutory: false,
            productions: prods,
            fields,
            care_classes: Vec::new(),
            care_class_names: Vec::new(),
            legal_reference: Some(s.legal_reference.fi.clone()),
            legal_references: Some((*s.legal_reference).clone()),
        });
    }
    out
}
