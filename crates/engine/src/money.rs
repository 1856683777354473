//! Money and rounding. All euro amounts are [`rust_decimal::Decimal`]; nothing here uses floats.
//!
//! Rounding is explicit and has one rule, [`round_half_away`] (half away from zero): money to the
//! cent ([`round_cents`]) and the numbers written into explanations. `Decimal::round_dp` alone is
//! banker's rounding and must not be used (see `tests/rounding.rs`). Service hours are rounded by
//! the tariff's own rule ([`HoursRounding`]).

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// Rounds `d` to at most `dp` decimals, half away from zero (0.005 → 0.01, −0.005 → −0.01); a
/// zero result is never negative. The project's one rounding rule (`law/README.md`).
pub fn round_half_away(d: Decimal, dp: u32) -> Decimal {
    let (neg, m, scale) = half_away_parts(d, dp);
    // m ≤ |mantissa| < 2⁹⁶, or |mantissa| ÷ 10 + 1 < 2⁹⁶ when rounded: the three words hold it
    Decimal::from_parts(m as u32, (m >> 32) as u32, (m >> 64) as u32, neg && m != 0, scale)
}

/// Rounds a euro amount to the cent, half away from zero, always with two decimals
/// (`"0.00"`, `"80.16"` in the JSON).
///
/// No statute fixes cent rounding for client fees; half away from zero is the common
/// accounting convention and what published municipal calculators produce for positive
/// amounts (`law/README.md`, rounding). Applied once per line, to the final monthly fee.
pub fn round_cents(amount: Decimal) -> Decimal {
    let mut r = round_half_away(amount, 2);
    r.rescale(2);
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
    /// The message naming the rule (`locales/*.ftl`).
    pub fn message(self) -> &'static str {
        match self {
            HoursRounding::HalfUp => "rounding-half_up",
            HoursRounding::Up => "rounding-up",
            HoursRounding::Down => "rounding-down",
            HoursRounding::None => "rounding-none",
        }
    }

    pub fn apply(self, hours: Decimal) -> Decimal {
        match self {
            HoursRounding::HalfUp => round_half_away(hours, 0),
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

/// A number for Finnish text as a `Display` value: decimal comma, no trailing zeros, at most 4
/// decimals (`42,5`, `4,6667`); writes into the surrounding explanation text without a temporary.
pub fn num(x: Decimal) -> Num {
    Num(x)
}

/// A number displayed as by [`num`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub Decimal);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // = round_half_away(x, 4).normalize(), on the integer mantissa
        let (neg, mut m, mut scale) = half_away_parts(self.0, 4);
        while scale > 0 && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
        let x = Decimal::from_i128_with_scale(if neg && m != 0 { -(m as i128) } else { m as i128 }, scale);
        let mut buf = [0u8; 48];
        let n = write_decimal(&mut buf, x, b',');
        f.write_str(std::str::from_utf8(&buf[..n]).map_err(|_| fmt::Error)?)
    }
}

/// `|d|` rounded half away from zero to at most `dp` decimals, as (negative, |mantissa|, scale):
/// the arithmetic of [`round_half_away`] on the integer mantissa, without rust_decimal's general
/// machinery (the explanation texts round ~150 amounts per estimate).
fn half_away_parts(d: Decimal, dp: u32) -> (bool, u128, u32) {
    let (neg, a, s) = (d.is_sign_negative(), d.mantissa().unsigned_abs(), d.scale());
    if s <= dp {
        return (neg, a, s);
    }
    let p = 10u128.pow(s - dp);
    let (q, r) = if a <= u64::MAX as u128 && p <= u64::MAX as u128 {
        let (a, p) = (a as u64, p as u64);
        ((a / p) as u128, (a % p) as u128)
    } else {
        (a / p, a % p)
    };
    // r ≥ p − r ⇔ the dropped part is at least one half
    (neg, if r >= p - r { q + 1 } else { q }, dp)
}

/// A euro amount for plain text in Finnish (`1 234,56 €` with no-break spaces) as a `Display`
/// value: `format!("… {}", eur(x))` writes the amount straight into the explanation text. The UI
/// formats with `Intl.NumberFormat` instead.
pub fn eur(amount: Decimal) -> Eur {
    Eur(amount)
}

/// A euro amount displayed as by [`eur`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eur(pub Decimal);

impl fmt::Display for Eur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cents, rounded as `round_cents` does (half away from zero), from the mantissa.
        let (neg, m, scale) = half_away_parts(self.0, 2);
        let cents = m * [100, 10, 1][scale as usize]; // |mantissa| < 2⁹⁶: × 100 fits
        let neg = neg && cents != 0;
        // Integer formatting of the cents: digits grouped by three with U+00A0, comma, "€".
        let (int, frac) = match u64::try_from(cents) {
            Ok(c) => ((c / 100) as u128, (c % 100) as u8),
            Err(_) => (cents / 100, (cents % 100) as u8),
        };
        let mut digits = [0u8; 40];
        let n = reversed_digits(int, &mut digits);
        // worst case: 29 digits + 9 separators (2 bytes) + sign (3) + ",00" + " €" (2 + 3)
        let mut out = [0u8; 96];
        let mut o = 0;
        let mut put = |bytes: &[u8], o: &mut usize| {
            out[*o..*o + bytes.len()].copy_from_slice(bytes);
            *o += bytes.len();
        };
        if neg {
            put("\u{2212}".as_bytes(), &mut o);
        }
        for i in 0..n {
            if i > 0 && (n - i).is_multiple_of(3) {
                put("\u{a0}".as_bytes(), &mut o);
            }
            put(&[digits[n - 1 - i]], &mut o);
        }
        put(&[b',', b'0' + frac / 10, b'0' + frac % 10], &mut o);
        put("\u{a0}€".as_bytes(), &mut o);
        f.write_str(std::str::from_utf8(&out[..o]).map_err(|_| fmt::Error)?)
    }
}

/// The straightforward formatting, kept as the test oracle of [`Eur`].
#[cfg(test)]
fn eur_slow(r: Decimal, neg: bool) -> String {
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

/// Calls `f` with `d` written as `Display` writes it (`"12.50"`, `"-0.005"`, `"100"`), built
/// from the mantissa and the scale without the formatting machinery or a heap string.
pub fn with_decimal_str<R>(d: Decimal, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 48];
    let n = write_decimal(&mut buf, d, b'.');
    // write_decimal writes ASCII only
    f(std::str::from_utf8(&buf[..n]).unwrap_or_default())
}

/// Appends `d` as [`Decimal`]'s `Display` (no precision given) would write it.
pub fn push_decimal(s: &mut String, d: Decimal) {
    with_decimal_str(d, |t| s.push_str(t));
}

/// Writes `d` as `Display` does, with `point` as the decimal separator; returns the length.
/// 48 bytes hold any `Decimal`: sign, 29 digits, point, leading zeros up to scale 28.
fn write_decimal(buf: &mut [u8; 48], d: Decimal, point: u8) -> usize {
    let scale = d.scale() as usize;
    let m = d.mantissa().unsigned_abs();
    let mut digits = [0u8; 40];
    let mut n = reversed_digits(m, &mut digits);
    let mut o = 0;
    if d.is_sign_negative() {
        buf[o] = b'-';
        o += 1;
    }
    // at least one digit before the point
    while n <= scale {
        digits[n] = b'0';
        n += 1;
    }
    for i in (0..n).rev() {
        if i + 1 == scale {
            buf[o] = point;
            o += 1;
        }
        buf[o] = digits[i];
        o += 1;
    }
    o
}

/// Writes the decimal digits of `v` into `digits`, least significant first (at least one digit,
/// `0` for zero); returns how many. 64-bit division where the value fits: u128 division by 10
/// is a library call per digit.
fn reversed_digits(v: u128, digits: &mut [u8; 40]) -> usize {
    let mut n = 0;
    if let Ok(mut v) = u64::try_from(v) {
        loop {
            digits[n] = b'0' + (v % 10) as u8;
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
    } else {
        let mut v = v;
        while v > 0 {
            digits[n] = b'0' + (v % 10) as u8;
            n += 1;
            v /= 10;
        }
    }
    n
}

/// `date.to_string()` (`YYYY-MM-DD`) without the formatting machinery.
pub fn date_string(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        return date.to_string();
    }
    let y = y as u32;
    let b = [
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (d / 10) as u8,
        b'0' + (d % 10) as u8,
    ];
    std::str::from_utf8(&b).map(str::to_owned).unwrap_or_else(|_| date.to_string())
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
        // a hand-worked midpoint: 2 persons 2022, 10 h: (2500 − 1103) × 15.5 % = 216.535 → 216.54
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
    fn fast_formatting_matches_display() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "0.005",
            "-0.005",
            "1",
            "10",
            "100",
            "12.5",
            "216.535",
            "1234567.891",
            "0.0000001",
            "-12.345",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "999.999",
            "1000",
            "999999.995",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let hi = (x >> 40) as u32 % 4;
            let m = ((hi as i128) << 64 | x as i128) * if x.is_multiple_of(3) { -1 } else { 1 };
            cases.push(Decimal::from_i128_with_scale(m, (x % 29) as u32));
            cases.push(Decimal::from_i128_with_scale((x % 100_000_000) as i128, (x % 7) as u32));
            cases.push(Decimal::from_i128_with_scale((x % 1000) as i128 * 7, 2) / Decimal::from(7 + (x % 5) as i64));
        }
        for c in cases {
            assert_eq!(with_decimal_str(c, str::to_owned), c.to_string(), "{c:?}");
            // the one rounding rule against rust_decimal's own half-away-from-zero strategy
            for dp in [0, 2, 4] {
                let oracle = c.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
                let ours = round_half_away(c, dp);
                assert_eq!(
                    (ours.to_string(), ours.is_sign_negative()),
                    (oracle.to_string(), oracle.is_sign_negative()),
                    "{c:?} {dp}"
                );
            }
            assert_eq!(
                num(c).to_string(),
                c.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
                    .normalize()
                    .to_string()
                    .replace('.', ","),
                "{c:?}"
            );
            assert_eq!(
                eur(c).to_string(),
                eur_slow(round_cents(c), {
                    let r = round_cents(c);
                    r.is_sign_negative() && !r.is_zero()
                }),
                "{c:?}"
            );
        }
        for (y, m, dd) in
            [(2021, 7, 1), (2026, 12, 31), (1, 1, 1), (999, 10, 9), (9999, 12, 31), (10000, 1, 1), (-5, 3, 3)]
        {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
            assert_eq!(date_string(date), date.to_string());
        }
    }

    #[test]
    fn finnish_format() {
        let eur = |x: &str| eur(d(x)).to_string();
        assert_eq!(eur("1234.5"), "1\u{a0}234,50\u{a0}€");
        assert_eq!(eur("0"), "0,00\u{a0}€");
        assert_eq!(eur("-12.345"), "\u{2212}12,35\u{a0}€");
        assert_eq!(eur("1234567"), "1\u{a0}234\u{a0}567,00\u{a0}€");
    }
}
