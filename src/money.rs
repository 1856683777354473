//! Money and rounding. All euro amounts are [`rust_decimal::Decimal`]; nothing here uses floats.
//!
//! Rounding is explicit and happens only through the helpers in this module, each documented
//! with the rule it implements. `Decimal::round_dp` alone is banker's rounding and must not be
//! used for money (see `tests/rounding.rs`).

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds a euro amount to the cent, half away from zero (0.005 → 0.01, −0.005 → −0.01).
///
/// No statute fixes cent rounding for client fees; half away from zero is the common
/// accounting convention and what published municipal calculators produce for positive
/// amounts (fees-law.md §1.7). Applied once per line, to the final monthly fee.
pub fn round_cents(amount: Decimal) -> Decimal {
    let mut r = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2); // always two decimals in the JSON: "0.00", "80.16"
    r
}

/// How monthly service hours are rounded before the fee band is chosen (a tariff parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HoursRounding {
    /// To the nearest whole hour, halves upwards (Pirha: "puolikkaat tunnit pyöristetään ylöspäin").
    HalfUp,
    /// Always up to the next whole hour.
    Up,
    /// Always down to the whole hour.
    Down,
    /// No rounding: the band is chosen by the exact hours.
    None,
}

impl HoursRounding {
    /// The rule in Finnish, for explanations.
    pub fn name_fi(self) -> &'static str {
        match self {
            HoursRounding::HalfUp => "lähimpään kokonaiseen tuntiin, puolikkaat ylöspäin",
            HoursRounding::Up => "ylöspäin kokonaiseen tuntiin",
            HoursRounding::Down => "alaspäin kokonaiseen tuntiin",
            HoursRounding::None => "ei pyöristystä",
        }
    }

    pub fn apply(self, hours: Decimal) -> Decimal {
        match self {
            HoursRounding::HalfUp => hours.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
            HoursRounding::Up => hours.round_dp_with_strategy(0, RoundingStrategy::AwayFromZero),
            HoursRounding::Down => hours.round_dp_with_strategy(0, RoundingStrategy::ToZero),
            HoursRounding::None => hours,
        }
    }
}

/// `max(0, x)`.
pub fn non_negative(x: Decimal) -> Decimal {
    x.max(Decimal::ZERO)
}

/// Formats a number for Finnish text: decimal comma, no trailing zeros, at most 4 decimals
/// (`42,5`, `4,6667`). Used in explanation texts.
pub fn num_fi(x: Decimal) -> String {
    x.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero).normalize().to_string().replace('.', ",")
}

/// Formats a euro amount for plain text in Finnish (`1 234,56 €` with no-break spaces), used in
/// explanation texts of the CLI. The UI formats with `Intl.NumberFormat` instead.
pub fn format_eur_fi(amount: Decimal) -> String {
    let r = round_cents(amount);
    let neg = r.is_sign_negative() && !r.is_zero();
    let s = format!("{:.2}", r.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    format!("{}{},{}\u{a0}€", if neg { "\u{2212}" } else { "" }, grouped, frac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn cents_half_away_from_zero_at_midpoint() {
        // fees-law.md D-3: (2500 − 1103) × 15.5 % = 216.535 → 216.54
        assert_eq!(round_cents(d("216.535")), d("216.54"));
        assert_eq!(round_cents(d("216.545")), d("216.55")); // banker's would give 216.54
        assert_eq!(round_cents(d("-0.005")), d("-0.01"));
        assert_eq!(round_cents(d("0.004999")), d("0.00"));
    }

    #[test]
    fn hours_half_up() {
        assert_eq!(HoursRounding::HalfUp.apply(d("8.5")), d("9"));
        assert_eq!(HoursRounding::HalfUp.apply(d("8.49")), d("8"));
        assert_eq!(HoursRounding::Up.apply(d("8.01")), d("9"));
        assert_eq!(HoursRounding::Down.apply(d("8.99")), d("8"));
    }

    #[test]
    fn finnish_format() {
        assert_eq!(format_eur_fi(d("1234.5")), "1\u{a0}234,50\u{a0}€");
        assert_eq!(format_eur_fi(d("0")), "0,00\u{a0}€");
        assert_eq!(format_eur_fi(d("-12.345")), "\u{2212}12,35\u{a0}€");
        assert_eq!(format_eur_fi(d("1234567")), "1\u{a0}234\u{a0}567,00\u{a0}€");
    }
}
