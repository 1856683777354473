//! Maksun enimmäismäärä (asiakasmaksulaki 2 §; `law/asiakasmaksulaki/2.md`): the long-term fee
//! may not exceed the organisation's monthly production cost — of 24-hour housing, or of
//! institutional care by its legal basis (social welfare or health care).

use crate::error::{EngineError, Result};
use crate::explain::text;
use crate::money::eur;
use crate::rules::income::not_given;
use crate::rules::Calc;
use crate::scenario::{LegalBasis, ServiceLine};
use rust_decimal::Decimal;

pub fn apply(c: &mut Calc, housing: bool, line: &ServiceLine, f: &str, fee: Decimal) -> Result<Decimal> {
    let ltc = &c.tariff.long_term_care;
    let cap = if housing {
        &ltc.cost_cap_housing
    } else {
        match line.legal_basis {
            Some(LegalBasis::SocialWelfare) => &ltc.cost_cap_institution_social,
            Some(LegalBasis::HealthCare) => &ltc.cost_cap_institution_health,
            None => {
                return Err(EngineError::problem(format!("{f}.legal_basis"), crate::error::Problem::RequiredLegalBasis))
            }
        }
    };
    let cap = c.read(cap)?;
    if not_given::applies(c) {
        return Ok(not_given::highest_fee(c, "long_term.cost_cap", *cap, cap.used()));
    }
    if fee <= *cap {
        return Ok(fee);
    }
    c.show(cap.used());
    c.step("long_term.cost_cap", text!("step-cost-cap", cap = eur(*cap))).legal("asiakasmaksulaki 2 §").result(*cap);
    Ok(*cap)
}
