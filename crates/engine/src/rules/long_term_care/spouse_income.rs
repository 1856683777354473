//! Puolison tulot (asiakasmaksulaki 7 c § 2 mom.; `law/asiakasmaksulaki/7c.md`): the fee of a
//! client who lived with a spouse is computed from the spouses' combined net income when the
//! client's is the higher (spouse_rule.rs). When long-term care is estimated for a household of
//! two or more and the spouse's income is not in the scenario — no spouse given, or a spouse with
//! no net income — the estimate may be the single person's 85 % fee where the spouse rule would
//! give less. The estimate then warns (`spouse_income_missing`); it never changes a fee.

use crate::scenario::Scenario;

/// Long-term care for a household of two or more without the spouse's income.
pub struct SpouseIncomeMissing {
    pub persons: u32,
    /// A spouse is given, but with no net income.
    pub spouse_given: bool,
}

pub fn check(s: &Scenario) -> Option<SpouseIncomeMissing> {
    let hh = &s.household;
    let long_term =
        s.services.iter().any(|l| matches!(l.service.as_str(), "round_the_clock_housing" | "institutional_care"));
    // Both spouses in care: each pays by their own income; no income at all: the highest fee.
    if !long_term || hh.persons < 2 || hh.spouse_in_long_term_care || hh.income_not_given {
        return None;
    }
    match &hh.spouse {
        None => Some(SpouseIncomeMissing { persons: hh.persons, spouse_given: false }),
        Some(sp) if sp.net_income.is_zero() && sp.forest_income_yearly.is_zero() => {
            Some(SpouseIncomeMissing { persons: hh.persons, spouse_given: true })
        }
        Some(_) => None,
    }
}
