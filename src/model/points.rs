//! Exact points: a fixed-point decimal with four decimal places, used for every score, weight, maximum,
//! step, threshold and rounded result. Serialized as a plain decimal (`8.5`), parsed from "8,5" or "8.5".

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number held exactly as an integer count of ten-thousandths.
///
/// Scores and weights carry at most 2 decimals (checked by validation); a weighted score
/// therefore has at most 4, so every value the contest prints fits exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

/// Why a text is not a number of points.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParsePointsError {
    #[error("empty")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("more than 4 decimal places")]
    TooManyDecimals,
    #[error("too large")]
    TooLarge,
}

impl Points {
    /// Units per point.
    pub const SCALE: i64 = 10_000;
    /// Decimal places held exactly.
    pub const MAX_DECIMALS: u8 = 4;
    pub const ZERO: Points = Points(0);

    pub const fn from_units(units: i64) -> Self {
        Points(units)
    }
    pub const fn units(self) -> i64 {
        self.0
    }
    pub const fn from_int(n: i64) -> Self {
        Points(n * Self::SCALE)
    }
    /// `hundredths / 100`, e.g. `from_hundredths(850)` is 8.5.
    pub const fn from_hundredths(hundredths: i64) -> Self {
        Points(hundredths * 100)
    }
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
    /// How many decimal places the value needs (0 to 4).
    pub fn decimals_used(self) -> u8 {
        let mut frac = (self.0 % Self::SCALE).abs();
        if frac == 0 {
            return 0;
        }
        let mut places = Self::MAX_DECIMALS;
        while frac % 10 == 0 {
            frac /= 10;
            places -= 1;
        }
        places
    }
    /// Whether the value is a whole multiple of `step` (a zero step accepts everything).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0 % step.0 == 0
    }
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Self::SCALE as f64
    }
    /// The nearest exact value to a float that was written with at most 4 decimals.
    pub fn from_f64(value: f64) -> Result<Self, ParsePointsError> {
        if !value.is_finite() {
            return Err(ParsePointsError::NotANumber);
        }
        let scaled = value * Self::SCALE as f64;
        if scaled.abs() > 9.0e15 {
            return Err(ParsePointsError::TooLarge);
        }
        let units = scaled.round();
        if (scaled - units).abs() > 1e-3 {
            return Err(ParsePointsError::TooManyDecimals);
        }
        Ok(Points(units as i64))
    }
    /// Parses what a person types: "8,5", "8.5", " 10 ", "-1". Both separators are accepted.
    pub fn parse(text: &str) -> Result<Self, ParsePointsError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(ParsePointsError::Empty);
        }
        let (negative, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let mut parts = digits.splitn(2, [',', '.']);
        let whole = parts.next().unwrap_or("");
        let frac = parts.next().unwrap_or("");
        let ok_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !ok_digits(whole) || !ok_digits(frac) {
            return Err(ParsePointsError::NotANumber);
        }
        if frac.len() > Self::MAX_DECIMALS as usize {
            return Err(ParsePointsError::TooManyDecimals);
        }
        let whole_value: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| ParsePointsError::TooLarge)?
        };
        let mut frac_value: i64 = 0;
        for i in 0..Self::MAX_DECIMALS as usize {
            let digit = frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
            frac_value = frac_value * 10 + digit;
        }
        let units = whole_value
            .checked_mul(Self::SCALE)
            .and_then(|w| w.checked_add(frac_value))
            .filter(|u| *u <= 900_000_000_000_000_000)
            .ok_or(ParsePointsError::TooLarge)?;
        Ok(Points(if negative { -units } else { units }))
    }
    /// Formats with exactly `decimals` places (the value must already be rounded to them)
    /// and the given decimal separator.
    pub fn format_fixed(self, decimals: u8, separator: char) -> String {
        let decimals = decimals.min(Self::MAX_DECIMALS);
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = abs / Self::SCALE as u64;
        let frac = abs % Self::SCALE as u64;
        if decimals == 0 {
            return format!("{sign}{whole}");
        }
        let frac = frac / 10u64.pow(u32::from(Self::MAX_DECIMALS - decimals));
        format!(
            "{sign}{whole}{separator}{frac:0width$}",
            width = decimals as usize
        )
    }
    /// Formats with as few places as the value needs ("8,5", "10").
    pub fn format_short(self, separator: char) -> String {
        self.format_fixed(self.decimals_used(), separator)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_short('.'))
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

struct PointsVisitor;

impl Visitor<'_> for PointsVisitor {
    type Value = Points;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number of points such as 8.5")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Points, E> {
        Points::from_f64(v).map_err(|e| E::custom(format!("{v} is not a valid number of points: {e}")))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Points, E> {
        v.checked_mul(Points::SCALE)
            .map(Points)
            .ok_or_else(|| E::custom("number of points too large"))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Points, E> {
        i64::try_from(v)
            .ok()
            .and_then(|v| v.checked_mul(Points::SCALE))
            .map(Points)
            .ok_or_else(|| E::custom("number of points too large"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Points, E> {
        Points::parse(v).map_err(|e| E::custom(format!("{v:?} is not a valid number of points: {e}")))
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PointsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_separators() {
        assert_eq!(Points::parse("8,5"), Ok(Points::from_hundredths(850)));
        assert_eq!(Points::parse("8.5"), Ok(Points::from_hundredths(850)));
        assert_eq!(Points::parse(" 10 "), Ok(Points::from_int(10)));
        assert_eq!(Points::parse("0,25"), Ok(Points::from_hundredths(25)));
        assert_eq!(Points::parse("-1"), Ok(Points::from_int(-1)));
        assert_eq!(Points::parse(",5"), Ok(Points::from_hundredths(50)));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        assert_eq!(Points::parse(""), Err(ParsePointsError::Empty));
        assert_eq!(Points::parse("abc"), Err(ParsePointsError::NotANumber));
        assert_eq!(Points::parse("8,5,1"), Err(ParsePointsError::NotANumber));
        assert_eq!(Points::parse("1e3"), Err(ParsePointsError::NotANumber));
        assert_eq!(Points::parse("."), Err(ParsePointsError::NotANumber));
        assert_eq!(Points::parse("1.23456"), Err(ParsePointsError::TooManyDecimals));
        assert_eq!(
            Points::parse("99999999999999999999"),
            Err(ParsePointsError::TooLarge)
        );
    }

    #[test]
    fn formats_fixed_and_short() {
        let p = Points::from_hundredths(850);
        assert_eq!(p.format_short(','), "8,5");
        assert_eq!(p.format_fixed(2, ','), "8,50");
        assert_eq!(Points::from_int(10).format_short('.'), "10");
        assert_eq!(Points::from_units(-12_345).format_fixed(4, '.'), "-1.2345");
        assert_eq!(Points::from_units(-5_000).format_fixed(0, '.'), "-0");
    }

    #[test]
    fn steps_and_decimals() {
        assert!(Points::from_hundredths(850).is_multiple_of(Points::from_hundredths(50)));
        assert!(!Points::from_hundredths(825).is_multiple_of(Points::from_hundredths(50)));
        assert_eq!(Points::from_hundredths(825).decimals_used(), 2);
        assert_eq!(Points::from_units(1).decimals_used(), 4);
    }

    #[test]
    fn float_round_trip_is_exact() {
        for units in [1, 85, 12_345, 855_000, -3, 99_999_999] {
            let p = Points::from_units(units);
            assert_eq!(Points::from_f64(p.to_f64()), Ok(p));
        }
        assert_eq!(Points::from_f64(8.55), Ok(Points::from_hundredths(855)));
        assert_eq!(Points::from_f64(0.123_45), Err(ParsePointsError::TooManyDecimals));
    }
}
