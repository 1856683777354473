//! The scenario: the public JSON contract shared by the app, the CLI and the tests.
//!
//! Extend it, never break it: new fields are optional, existing ones keep their meaning.
//! All income fields are monthly euros except `forest_income_yearly`; a missing field is zero;
//! when `spouse` is null the client's fields hold what the household has. Money is a decimal
//! string (`"1234.50"`); numbers are also accepted where a count is meant.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One estimate request: the date, the household and the package of services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The date on which the tariff in force is looked up (`YYYY-MM-DD`).
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    pub household: Household,
    #[serde(default)]
    pub services: Vec<ServiceLine>,
}

/// Kotitalous: the family size used by the fee tables and the incomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Perheen koko (asetus 912/1992 2 §): spouses and their minor children in the household.
    pub persons: u32,
    pub client: Person,
    /// Puoliso. `null` when the client lives alone, or when the client's fields hold the
    /// household's combined income.
    #[serde(default)]
    pub spouse: Option<Person>,
    /// The spouse is also in long-term 24-hour care: each pays by their own income (7 c §).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub spouse_in_long_term_care: bool,
    /// The client gives no income information: no income or deduction is given, and every
    /// income-related fee is the highest one — the cost of the service (asiakasmaksulaki 2 §;
    /// Helsinki's convention for a client who does not disclose income). `rules/income/not_given.rs`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub income_not_given: bool,
    /// The client receives the guarantee pension (takuueläke) and asks for the waiver of flat
    /// fees that the organisation grants to its recipients (Päijät-Häme from 1.1.2026; the
    /// tariff's `exemptions`, `rules/exemptions.rs`). No effect where the tariff has no such rule.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guarantee_pension: bool,
}

/// The incomes and deductions of one person, euros per month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Bruttotulot/kk: taxable earned and capital income before tax plus tax-free income net of
    /// its costs (home-care fees, 10 f §).
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub gross_income: Decimal,
    /// Nettotulot/kk: income after tax (long-term care fees, 7 c §).
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub net_income: Decimal,
    /// Laskennallinen metsätulo, euros per year.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub forest_income_yearly: Decimal,
    #[serde(default)]
    pub deductions: Deductions,
}

/// Vähennykset tuloista (10 c §, 10 g §), euros per month. Which of them a fee rule uses is
/// a tariff parameter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Deductions {
    /// Maksettu elatusapu (and comparable maintenance, syytinki paid in money).
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub maintenance: Decimal,
    /// Edunvalvojan palkkio (capped by the tariff where the HVA caps it).
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub guardianship: Decimal,
    /// Ulosmittaus.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub foreclosure: Decimal,
    /// Hyvitys (laki avopuolisoiden yhteistalouden purkamisesta 26/2011).
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub compensation: Decimal,
    /// Lääkekulut (reimbursable medicines, up to the lääkekatto).
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub medicines: Decimal,
    /// Asumiskulut: own-home costs or service-housing rent net of housing allowance.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub housing: Decimal,
}

impl Deductions {
    pub fn get(&self, kind: DeductionKind) -> Decimal {
        match kind {
            DeductionKind::Maintenance => self.maintenance,
            DeductionKind::Guardianship => self.guardianship,
            DeductionKind::Foreclosure => self.foreclosure,
            DeductionKind::Compensation => self.compensation,
            DeductionKind::Medicines => self.medicines,
            DeductionKind::Housing => self.housing,
        }
    }
}

/// The names of the deduction fields, used by tariffs to list which deductions a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DeductionKind {
    Maintenance,
    Guardianship,
    Foreclosure,
    Compensation,
    Medicines,
    Housing,
}

impl DeductionKind {
    pub fn field(self) -> &'static str {
        match self {
            DeductionKind::Maintenance => "maintenance",
            DeductionKind::Guardianship => "guardianship",
            DeductionKind::Foreclosure => "foreclosure",
            DeductionKind::Compensation => "compensation",
            DeductionKind::Medicines => "medicines",
            DeductionKind::Housing => "housing",
        }
    }
}

/// Tuotantotapa: who produces the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Production {
    /// Oma tuotanto.
    Own,
    /// Ostopalvelu.
    Purchased,
    /// Palveluseteli.
    Voucher,
}

impl Production {
    pub fn code(self) -> &'static str {
        match self {
            Production::Own => "own",
            Production::Purchased => "purchased",
            Production::Voucher => "voucher",
        }
    }
}

/// Legal basis of long-term institutional care (cost cap differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// Sosiaalihuoltolain mukainen laitospalvelu.
    SocialWelfare,
    /// Terveydenhuollon laitoshoito.
    HealthCare,
}

/// Level of communal meals (ateriat yhteisöllisessä asumisessa).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MealLevel {
    Full,
    Partial,
}

/// One service in the package. `service` is a fixed code of the law (`home_care`, …) or a code
/// of the organisation's support-service catalogue; only the quantity fields that the service
/// uses may be given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ServiceLine {
    pub service: String,
    pub production: Production,
    /// Free label shown in the app (not used in the calculation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub hours_per_month: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub visits_per_week: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub visits_per_day: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub minutes_per_visit: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub meals_per_week: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub times_per_week: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub days_per_week: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub days_per_month: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub visits_per_month: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub times_per_month: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<MealLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<LegalBasis>,
    /// Care-allowance class of informal care support (`omaishoidon tuen hoitopalkkioluokka`),
    /// a code of the organisation's tariff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_class: Option<String>,
    /// Tilapäinen kotisairaanhoito: `doctor` or `nurse` (default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    /// Voucher provider's price per hour (palveluntuottajan tuntihinta).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub provider_price_per_hour: Option<Decimal>,
    /// Voucher provider's price per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub provider_price_per_day: Option<Decimal>,
    /// Voucher provider's price per unit (meal, visit, delivery…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub provider_price_per_unit: Option<Decimal>,
    /// Tilapäinen kotisairaanhoito: the visits are palliative home-hospital nurse visits or
    /// geriatric specialist nurse visits (wound, stoma, urotherapy nurse), which an organisation
    /// may make free for its regular home-care and housing clients (Päijät-Häme from 1.1.2026;
    /// the tariff's `exemptions`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub specialist_nurse_visit: bool,
}

impl ServiceLine {
    /// A line with only the service and production set.
    pub fn new(service: &str, production: Production) -> Self {
        ServiceLine {
            service: service.to_string(),
            production,
            label: None,
            hours_per_month: None,
            visits_per_week: None,
            visits_per_day: None,
            minutes_per_visit: None,
            meals_per_week: None,
            times_per_week: None,
            days_per_week: None,
            days_per_month: None,
            visits_per_month: None,
            times_per_month: None,
            level: None,
            legal_basis: None,
            care_class: None,
            staff: None,
            provider_price_per_hour: None,
            provider_price_per_day: None,
            provider_price_per_unit: None,
            specialist_nurse_visit: false,
        }
    }

    /// The quantity fields that are set, by their JSON names.
    pub fn given_fields(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        macro_rules! chk {
            ($($f:ident),*) => { $( if self.$f.is_some() { v.push(stringify!($f)); } )* };
        }
        chk!(
            hours_per_month,
            visits_per_week,
            visits_per_day,
            minutes_per_visit,
            meals_per_week,
            times_per_week,
            days_per_week,
            days_per_month,
            visits_per_month,
            times_per_month,
            level,
            legal_basis,
            care_class,
            staff,
            provider_price_per_hour,
            provider_price_per_day,
            provider_price_per_unit
        );
        if self.specialist_nurse_visit {
            v.push("specialist_nurse_visit");
        }
        v
    }
}

/// Parses a scenario from JSON, naming the field on error (`services[1].hours_per_month: …`).
pub fn parse_scenario(json: &str) -> Result<Scenario, crate::error::EngineError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        crate::error::EngineError::problem(
            if path == "." { String::new() } else { path },
            crate::error::Problem::Malformed { detail: e.into_inner().to_string() },
        )
    })
}
