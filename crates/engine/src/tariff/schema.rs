//! The tariff format: what an organisation (HVA) configures as data. One TOML file per topic
//! under `tariffs/<layer>/`; within a layer each top-level section appears in one file only.
//! The statutory values are a layer of their own (`tariffs/national/`) that an organisation
//! extends; the loader merges the layers ([`super::layers`]). Unknown keys are errors
//! everywhere (`deny_unknown_fields`).

use super::params::{BandTable, Param, PersonTable, Ratio, StepTable};
use crate::money::HoursRounding;
use crate::scenario::DeductionKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One tariff source file: any subset of the sections, each possibly partial (the rest comes
/// from the other files and layers). Used for the JSON Schema of the files; the loader checks the
/// merged whole against [`Tariff`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TariffFile {
    /// Free comment for reviewers (e.g. which values are unverified and why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub organisation: Option<Organisation>,
    pub income: Option<IncomeRules>,
    pub home_care: Option<HomeCare>,
    pub communal_housing: Option<HomeCare>,
    pub long_term_care: Option<LongTermCare>,
    pub flat_fees: Option<FlatFees>,
    pub payment_ceiling: Option<PaymentCeiling>,
    pub fee_reduction: Option<FeeReduction>,
    pub informal_care_support: Option<InformalCareSupport>,
    /// Organiser's unit prices by service code.
    pub prices: Option<BTreeMap<String, ServicePrices>>,
    /// Voucher models by service code.
    pub vouchers: Option<BTreeMap<String, Voucher>>,
    /// The support-service catalogue (tukipalvelut) by service code.
    pub support_services: Option<BTreeMap<String, SupportService>>,
    /// The organisation's own fee waivers by code.
    pub exemptions: Option<BTreeMap<String, Exemption>>,
}

/// The whole tariff of one organisation, all sections and layers merged.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    pub organisation: Organisation,
    pub income: IncomeRules,
    pub home_care: HomeCare,
    pub communal_housing: Option<HomeCare>,
    pub long_term_care: LongTermCare,
    pub flat_fees: FlatFees,
    pub payment_ceiling: PaymentCeiling,
    pub fee_reduction: Option<FeeReduction>,
    pub informal_care_support: Option<InformalCareSupport>,
    #[serde(default)]
    pub prices: BTreeMap<String, ServicePrices>,
    #[serde(default)]
    pub vouchers: BTreeMap<String, Voucher>,
    #[serde(default)]
    pub support_services: BTreeMap<String, SupportService>,
    /// The organisation's own fee waivers (e.g. Päijät-Häme's for guarantee-pension recipients).
    #[serde(default)]
    pub exemptions: BTreeMap<String, Exemption>,
    /// The layers the tariff was merged from and what the organisation overrides.
    #[serde(skip)]
    #[schemars(skip)]
    pub provenance: super::layers::Provenance,
    /// Every parameter's title in plain words, by dotted name ([`super::report::titles`]).
    #[serde(skip)]
    #[schemars(skip)]
    pub titles: std::collections::BTreeMap<std::sync::Arc<str>, std::sync::Arc<Names>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Short code, e.g. `paijat-hame`.
    pub id: String,
    /// The organisation's name in Finnish, Swedish and English (`name = { fi = "…", sv = "…",
    /// en = "…" }`).
    pub name: Names,
    /// Version of this tariff set, e.g. `2026.1`.
    pub version: String,
    /// The layer whose values this organisation builds on, e.g. `national` (`tariffs/national/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A name in the app's three languages. Every one is required and non-empty (a tariff without
/// the Swedish or English name does not validate): a Swedish-speaking client is served in Swedish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// suomeksi
    pub fi: String,
    /// på svenska (the official Swedish name)
    pub sv: String,
    /// in English
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Fi => &self.fi,
            crate::i18n::Lang::Sv => &self.sv,
            crate::i18n::Lang::En => &self.en,
        }
    }

    /// The languages whose name is empty.
    pub fn missing(&self) -> Vec<&'static str> {
        crate::i18n::Lang::ALL.into_iter().filter(|l| self.get(*l).trim().is_empty()).map(|l| l.code()).collect()
    }
}

/// How income is counted (10 f §, 7 c §).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeRules {
    /// Share of the calculated forest income counted, percent.
    pub forest_income_percent: Param<Decimal>,
    /// Cap on the deductible guardianship fee (edunvalvojan palkkion perusmaksu), €/month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardianship_cap: Option<Param<Decimal>>,
}

/// Jatkuva ja säännöllinen kotona annettava palvelu and yhteisöllinen asuminen (10 e §).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HomeCare {
    /// Percent of income over the limit, by hours/month and family size.
    pub percentages: Param<BandTable>,
    /// Tuloraja by family size, €/month.
    pub income_limit: Param<PersonTable>,
    /// How planned monthly hours are rounded before choosing the band.
    pub hours_rounding: Param<HoursRounding>,
    /// Weeks per month when hours come from visits per week (e.g. `"30/7"`).
    pub weeks_per_month: Param<Ratio>,
    /// Which deductions reduce the income (10 g §).
    pub deductions: Param<Vec<DeductionKind>>,
    /// Cost cap per service hour (2 §), when not set by band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_cap_per_hour: Option<Param<Decimal>>,
}

/// Pitkäaikainen ympärivuorokautinen palveluasuminen and pitkäaikainen laitoshoito (7 b–7 c §).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LongTermCare {
    /// Fee as percent of the client's net income (85).
    pub client_percent: Param<Decimal>,
    /// Fee as percent of the spouses' combined net income when the client's income is higher (42.5).
    pub spouse_percent: Param<Decimal>,
    /// Käyttövara that must remain, 24-hour service housing, €/month.
    pub minimum_funds_housing: Param<Decimal>,
    /// Käyttövara that must remain, institutional care, €/month.
    pub minimum_funds_institution: Param<Decimal>,
    /// Deductions from net income (10 c §).
    pub deductions: Param<Vec<DeductionKind>>,
    /// HVA extra: a flat medicine-cost deduction in 24-hour housing, €/month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_medicine_deduction_housing: Option<Param<Decimal>>,
    /// HVA extra: in the spouse rule the couple keeps at least käyttövara + this amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse_protection_amount: Option<Param<Decimal>>,
    /// Cost caps (2 §), €/month.
    pub cost_cap_housing: Param<Decimal>,
    pub cost_cap_institution_social: Param<Decimal>,
    pub cost_cap_institution_health: Param<Decimal>,
}

/// Flat fees of asetus 912/1992 and the HVA's own flat fees.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlatFees {
    /// Lyhytaikainen laitoshoito / -palvelu, €/day.
    pub short_term_care_per_day: Param<Decimal>,
    /// Ylläpitomaksu after the payment ceiling, €/day.
    pub short_term_care_after_ceiling_per_day: Param<Decimal>,
    /// Päivä- tai yöhoito, €/day.
    pub day_night_care_per_day: Param<Decimal>,
    /// Tilapäinen kotisairaanhoito, doctor visit, €.
    pub temporary_home_nursing_doctor_per_visit: Param<Decimal>,
    /// Tilapäinen kotisairaanhoito, other staff visit, €.
    pub temporary_home_nursing_nurse_per_visit: Param<Decimal>,
    /// Omaishoitajan vapaan ajan palvelut, €/day (6 b §).
    pub informal_care_leave_per_day: Param<Decimal>,
}

/// Maksukatto (6 a §).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentCeiling {
    /// €/calendar year.
    pub yearly: Param<Decimal>,
    /// Service codes whose fees count toward the ceiling.
    pub counting_services: Param<Vec<String>>,
}

/// Maksun alentaminen (11 §): when to warn that a reduction should be considered.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeReduction {
    /// Warn when the household's net income minus all monthly fees is below this, by family size.
    pub minimum_remaining_income: Param<PersonTable>,
}

/// Omaishoidon tuki: the care allowance (hoitopalkkio) by class, €/month (organiser's cost).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InformalCareSupport {
    /// The statutory minimum allowance (omaishoitolaki 5 §), national.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_allowance: Option<Param<Decimal>>,
    /// The statutory minimum during a hoidollisesti raskas siirtymävaihe (5 §), national.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_allowance_heavy_transition: Option<Param<Decimal>>,
    /// The organisation's classes (its decision; `same_as` a minimum where it pays that).
    #[serde(default)]
    pub classes: BTreeMap<String, Param<Decimal>>,
    /// Each class's name in Finnish, Swedish and English, by its code (required for every
    /// class: the counsellor chooses the class by its name, and the explanation names it).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(with = "BTreeMap<String, Names>")]
    pub class_names: BTreeMap<String, std::sync::Arc<Names>>,
}

impl InformalCareSupport {
    /// The name of class `code` (the code itself in every language when the tariff has none).
    pub fn class_name(&self, code: &str) -> std::sync::Arc<Names> {
        self.class_names.get(code).cloned().unwrap_or_else(|| {
            std::sync::Arc::new(Names { fi: code.to_string(), sv: code.to_string(), en: code.to_string() })
        })
    }
}

/// The unit of a price or quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Hour,
    Day,
    Visit,
    Meal,
    Time,
    Month,
}

/// Organiser's cost per unit by production method; a missing method is "not offered".
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePrices {
    pub unit: Unit,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own: Option<Param<Decimal>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchased: Option<Param<Decimal>>,
}

/// A voucher (palveluseteli) scheme for one service.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Voucher {
    /// `copay`: the client pays the provider price − voucher value; `full_cover`: the client pays
    /// the ordinary fee to the HVA and the HVA pays the provider.
    pub model: VoucherModel,
    pub unit: Unit,
    /// Flat voucher value per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_value: Option<Param<Decimal>>,
    /// Income-related value per hour (Helsinki-style formula).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_related: Option<IncomeRelatedVoucher>,
    /// Monthly value by net income (24-hour housing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_net_income: Option<Param<StepTable>>,
    /// Days per month for converting a daily provider price to a month (e.g. `"365/12"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_month: Option<Param<Ratio>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoucherModel {
    Copay,
    FullCover,
}

/// `value = clamp(min, (base − (income − limit) × percent/100 ÷ divisor) × multiplier, max)`,
/// rounded to the cent; `limit` is the home-care income limit in force.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeRelatedVoucher {
    pub base: Param<Decimal>,
    pub percent: Param<PersonTable>,
    pub divisor: Param<Decimal>,
    pub multiplier: Param<Decimal>,
    pub min: Param<Decimal>,
    pub max: Param<Decimal>,
}

/// Which field of the service line gives the quantity of a support service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    MealsPerWeek,
    TimesPerWeek,
    DaysPerWeek,
    DaysPerMonth,
    TimesPerMonth,
    VisitsPerMonth,
    HoursPerMonth,
    /// A monthly service (e.g. safety phone): quantity is one month.
    Monthly,
    /// Chosen by `level` (`full` | `partial`).
    Level,
}

impl Quantity {
    pub fn field(self) -> Option<&'static str> {
        Some(match self {
            Quantity::MealsPerWeek => "meals_per_week",
            Quantity::TimesPerWeek => "times_per_week",
            Quantity::DaysPerWeek => "days_per_week",
            Quantity::DaysPerMonth => "days_per_month",
            Quantity::TimesPerMonth => "times_per_month",
            Quantity::VisitsPerMonth => "visits_per_month",
            Quantity::HoursPerMonth => "hours_per_month",
            Quantity::Level => "level",
            Quantity::Monthly => return None,
        })
    }
    pub fn per_week(self) -> bool {
        matches!(self, Quantity::MealsPerWeek | Quantity::TimesPerWeek | Quantity::DaysPerWeek)
    }
}

/// A support service of the organisation's catalogue (tukipalvelu), fee ≤ cost (2 §).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportService {
    /// The service's name in Finnish, Swedish and English.
    // `Arc`: shared with the explanation texts that name the service, not copied.
    #[schemars(with = "Names")]
    pub name: std::sync::Arc<Names>,
    pub quantity: Quantity,
    /// Weeks per month for per-week quantities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks_per_month: Option<Param<Ratio>>,
    /// Client's fee per unit (or per month for `monthly`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_per_unit: Option<Param<Decimal>>,
    /// Income-tiered monthly fee: `low` when household gross income ≤ limit, else `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_tiered: Option<IncomeTieredFee>,
    /// Monthly fee by level (`full`, `partial`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_by_level: Option<BTreeMap<String, Param<Decimal>>>,
    /// A fee per delivery on top of `fee_per_unit`, for a per-week quantity (e.g. Helsinki's
    /// meal delivery in 2025: 7.40 € a delivery, one delivery a week up to three meals, two
    /// above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryFee>,
    /// Legal section or decision the fee rests on (shown in explanations), in Finnish, Swedish
    /// and English (`fi` in the form `law/` is cited by: `asiakasmaksulaki 10 h §, 2 §`).
    #[schemars(with = "Names")]
    pub legal_reference: std::sync::Arc<Names>,
}

/// A fee per delivery: deliveries per week by the units per week (a step table), × the
/// service's weeks per month, × the fee per delivery. No units, no delivery.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryFee {
    /// Fee per delivery, €.
    pub fee: Param<Decimal>,
    /// Deliveries per week by the units per week: the value of the last row whose `above` the
    /// units per week exceed, e.g. `{ above = "0", value = "1" }, { above = "3", value = "2" }`.
    pub per_week: Param<StepTable>,
}

/// An organisation's own waiver of fees, its decision dated in data: when the condition holds,
/// the fee the organisation invoices for the listed services is waived (never a voucher's
/// omavastuu, which the client pays to the provider). `rules/exemptions.rs`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    /// The waiver's name in Finnish, Swedish and English, shown in the explanation.
    #[schemars(with = "Names")]
    pub name: std::sync::Arc<Names>,
    pub condition: ExemptionCondition,
    /// The service codes whose fee is waived, dated (an empty list: no waiver on that date).
    pub services: Param<Vec<String>>,
    /// The package must also hold one of these services (e.g. regular home care or housing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_package: Option<Param<Vec<String>>>,
    /// The organisation's decision (shown in explanations), in Finnish, Swedish and English.
    #[schemars(with = "Names")]
    pub legal_reference: std::sync::Arc<Names>,
}

/// What a waiver depends on: a fact of the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionCondition {
    /// `household.guarantee_pension`: the client receives the guarantee pension and asks for it.
    GuaranteePension,
    /// `specialist_nurse_visit` on the line: palliative home-hospital or specialist nurse visits.
    SpecialistNurseVisit,
}

impl ExemptionCondition {
    pub fn key(self) -> &'static str {
        match self {
            ExemptionCondition::GuaranteePension => "exemption.guarantee_pension",
            ExemptionCondition::SpecialistNurseVisit => "exemption.specialist_nurse_visit",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeTieredFee {
    pub limit: Param<PersonTable>,
    pub low: Param<Decimal>,
    pub high: Param<Decimal>,
}

impl Tariff {
    /// A parameter's title in plain words, in Finnish (its key when the tariff has none).
    pub fn title_of<'a>(&'a self, name: &'a str) -> &'a str {
        self.titles.get(name).map_or(name, |t| &t.fi)
    }

    /// A parameter's title in `lang` (its key when the tariff has none).
    pub fn title_in<'a>(&'a self, name: &'a str, lang: crate::i18n::Lang) -> &'a str {
        self.titles.get(name).map_or(name, |t| t.get(lang))
    }

    /// A parameter's title in Finnish, Swedish and English, if the tariff titles it.
    pub fn titles_of(&self, name: &str) -> Option<&std::sync::Arc<Names>> {
        self.titles.get(name)
    }

    /// Gives every parameter its dotted name (`home_care.income_limit`,
    /// `support_services.meal_delivery.fee_per_unit`), as written in the tariff files, so that a
    /// rule reads a parameter without spelling its name and the explanation names it.
    /// Returns the names given, in order.
    pub fn name_params(&mut self) -> Vec<std::sync::Arc<str>> {
        let mut names = Vec::new();
        let mut set = |p: &mut dyn Named, name: String| {
            if let Some(n) = p.set_name(name) {
                names.push(n);
            }
        };
        set(&mut self.income.forest_income_percent, "income.forest_income_percent".into());
        set(&mut self.income.guardianship_cap, "income.guardianship_cap".into());
        for (hc, pfx) in
            [(Some(&mut self.home_care), "home_care"), (self.communal_housing.as_mut(), "communal_housing")]
        {
            let Some(hc) = hc else { continue };
            set(&mut hc.percentages, format!("{pfx}.percentages"));
            set(&mut hc.income_limit, format!("{pfx}.income_limit"));
            set(&mut hc.hours_rounding, format!("{pfx}.hours_rounding"));
            set(&mut hc.weeks_per_month, format!("{pfx}.weeks_per_month"));
            set(&mut hc.deductions, format!("{pfx}.deductions"));
            set(&mut hc.cost_cap_per_hour, format!("{pfx}.cost_cap_per_hour"));
        }
        let l = &mut self.long_term_care;
        set(&mut l.client_percent, "long_term_care.client_percent".into());
        set(&mut l.spouse_percent, "long_term_care.spouse_percent".into());
        set(&mut l.minimum_funds_housing, "long_term_care.minimum_funds_housing".into());
        set(&mut l.minimum_funds_institution, "long_term_care.minimum_funds_institution".into());
        set(&mut l.deductions, "long_term_care.deductions".into());
        set(&mut l.flat_medicine_deduction_housing, "long_term_care.flat_medicine_deduction_housing".into());
        set(&mut l.spouse_protection_amount, "long_term_care.spouse_protection_amount".into());
        set(&mut l.cost_cap_housing, "long_term_care.cost_cap_housing".into());
        set(&mut l.cost_cap_institution_social, "long_term_care.cost_cap_institution_social".into());
        set(&mut l.cost_cap_institution_health, "long_term_care.cost_cap_institution_health".into());
        let f = &mut self.flat_fees;
        set(&mut f.short_term_care_per_day, "flat_fees.short_term_care_per_day".into());
        set(&mut f.short_term_care_after_ceiling_per_day, "flat_fees.short_term_care_after_ceiling_per_day".into());
        set(&mut f.day_night_care_per_day, "flat_fees.day_night_care_per_day".into());
        set(&mut f.temporary_home_nursing_doctor_per_visit, "flat_fees.temporary_home_nursing_doctor_per_visit".into());
        set(&mut f.temporary_home_nursing_nurse_per_visit, "flat_fees.temporary_home_nursing_nurse_per_visit".into());
        set(&mut f.informal_care_leave_per_day, "flat_fees.informal_care_leave_per_day".into());
        set(&mut self.payment_ceiling.yearly, "payment_ceiling.yearly".into());
        set(&mut self.payment_ceiling.counting_services, "payment_ceiling.counting_services".into());
        if let Some(fr) = &mut self.fee_reduction {
            set(&mut fr.minimum_remaining_income, "fee_reduction.minimum_remaining_income".into());
        }
        if let Some(ics) = &mut self.informal_care_support {
            set(&mut ics.minimum_allowance, "informal_care_support.minimum_allowance".into());
            set(
                &mut ics.minimum_allowance_heavy_transition,
                "informal_care_support.minimum_allowance_heavy_transition".into(),
            );
            for (class, p) in &mut ics.classes {
                set(p, format!("informal_care_support.classes.{class}"));
            }
        }
        for (code, p) in &mut self.prices {
            set(&mut p.own, format!("prices.{code}.own"));
            set(&mut p.purchased, format!("prices.{code}.purchased"));
        }
        for (code, v) in &mut self.vouchers {
            let pfx = format!("vouchers.{code}");
            set(&mut v.flat_value, format!("{pfx}.flat_value"));
            set(&mut v.by_net_income, format!("{pfx}.by_net_income"));
            set(&mut v.days_per_month, format!("{pfx}.days_per_month"));
            if let Some(ir) = &mut v.income_related {
                set(&mut ir.base, format!("{pfx}.income_related.base"));
                set(&mut ir.percent, format!("{pfx}.income_related.percent"));
                set(&mut ir.divisor, format!("{pfx}.income_related.divisor"));
                set(&mut ir.multiplier, format!("{pfx}.income_related.multiplier"));
                set(&mut ir.min, format!("{pfx}.income_related.min"));
                set(&mut ir.max, format!("{pfx}.income_related.max"));
            }
        }
        for (code, s) in &mut self.support_services {
            let pfx = format!("support_services.{code}");
            set(&mut s.weeks_per_month, format!("{pfx}.weeks_per_month"));
            set(&mut s.fee_per_unit, format!("{pfx}.fee_per_unit"));
            if let Some(t) = &mut s.income_tiered {
                set(&mut t.limit, format!("{pfx}.income_tiered.limit"));
                set(&mut t.low, format!("{pfx}.income_tiered.low"));
                set(&mut t.high, format!("{pfx}.income_tiered.high"));
            }
            for (level, p) in s.fee_by_level.iter_mut().flatten() {
                set(p, format!("{pfx}.fee_by_level.{level}"));
            }
            if let Some(d) = &mut s.delivery {
                set(&mut d.fee, format!("{pfx}.delivery.fee"));
                set(&mut d.per_week, format!("{pfx}.delivery.per_week"));
            }
        }
        for (code, e) in &mut self.exemptions {
            set(&mut e.services, format!("exemptions.{code}.services"));
            set(&mut e.requires_package, format!("exemptions.{code}.requires_package"));
        }
        names
    }
}

/// A parameter (or an optional one) that can be given its name.
trait Named {
    fn set_name(&mut self, name: String) -> Option<std::sync::Arc<str>>;
}

impl<T> Named for Param<T> {
    fn set_name(&mut self, name: String) -> Option<std::sync::Arc<str>> {
        self.name = name.into();
        Some(self.name.clone())
    }
}

impl<T> Named for Option<Param<T>> {
    fn set_name(&mut self, name: String) -> Option<std::sync::Arc<str>> {
        self.as_mut().and_then(|p| p.set_name(name))
    }
}
