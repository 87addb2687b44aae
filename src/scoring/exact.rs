//! Exact rational arithmetic for totals and means, and rounding half away from zero to the contest's
//! decimals. No binary floating point.

use std::cmp::Ordering;

use crate::model::Points;

/// `num / den` with `den > 0`, not necessarily reduced. Values are compared by cross-multiplying,
/// which fits i128 for any contest (totals are at most about 10^10 in their units).
#[derive(Clone, Copy, Debug)]
pub struct Exact {
    num: i128,
    den: i128,
}

/// 10^0 to 10^[`Points::MAX_DECIMALS`], for rounding (worked out for every total and mean).
const POW10: [i128; Points::MAX_DECIMALS as usize + 1] = {
    let mut pow = [1i128; Points::MAX_DECIMALS as usize + 1];
    let mut i = 1;
    while i < pow.len() {
        pow[i] = pow[i - 1] * 10;
        i += 1;
    }
    pow
};

/// Weighted scores (weight × score, both in ten-thousandths) are in units of 10^-8.
pub const PRODUCT_SCALE: i128 = (Points::SCALE as i128) * (Points::SCALE as i128);

impl Exact {
    pub fn new(num: i128, den: i128) -> Self {
        assert!(den != 0, "Exact with a zero denominator");
        if den < 0 {
            Exact { num: -num, den: -den }
        } else {
            Exact { num, den }
        }
    }
    /// A weighted amount in units of 10^-8 (see [`PRODUCT_SCALE`]).
    pub fn from_product_units(units: i128) -> Self {
        Exact::new(units, PRODUCT_SCALE)
    }
    pub fn from_points(p: Points) -> Self {
        Exact::new(i128::from(p.units()), i128::from(Points::SCALE))
    }
    /// The mean of amounts given in units of 10^-8. None for an empty list.
    pub fn mean_of_product_units(values: &[i128]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        let sum: i128 = values.iter().sum();
        Some(Exact::new(sum, PRODUCT_SCALE * values.len() as i128))
    }
    pub fn minus(self, other: Exact) -> Exact {
        Exact::new(self.num * other.den - other.num * self.den, self.den * other.den)
    }
    pub fn abs(self) -> Exact {
        Exact::new(self.num.abs(), self.den)
    }
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
    /// Rounded half away from zero to `decimals` places (at most 4).
    pub fn round(self, decimals: u8) -> Points {
        let decimals = decimals.min(Points::MAX_DECIMALS);
        let pow = POW10[usize::from(decimals)];
        let scaled_num = 2 * self.num.abs() * pow + self.den;
        let den = 2 * self.den;
        // Both fit 64 bits in every real contest, where dividing is many times faster.
        let q = match (u64::try_from(scaled_num), u64::try_from(den)) {
            (Ok(n), Ok(d)) => i128::from(n / d),
            _ => scaled_num / den,
        };
        let q = if self.num < 0 { -q } else { q };
        let units = q * POW10[usize::from(Points::MAX_DECIMALS - decimals)];
        Points::from_units(i64::try_from(units).unwrap_or(i64::MAX))
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Exact {}
impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

/// Rounds a float half away from zero to `decimals` places (used only by the z-score method).
pub fn round_f64(value: f64, decimals: u8) -> Points {
    let decimals = decimals.min(Points::MAX_DECIMALS);
    let pow = 10f64.powi(i32::from(decimals));
    let q = (value * pow).round();
    let units = q * 10f64.powi(i32::from(Points::MAX_DECIMALS - decimals));
    Points::from_units(units as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Points {
        Points::parse(s).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(Exact::new(1, 8).round(2), p("0.13")); // 0.125
        assert_eq!(Exact::new(-1, 8).round(2), p("-0.13"));
        assert_eq!(Exact::new(1, 3).round(2), p("0.33"));
        assert_eq!(Exact::new(2, 3).round(2), p("0.67"));
        assert_eq!(Exact::new(5, 2).round(0), p("3"));
        assert_eq!(Exact::new(-5, 2).round(0), p("-3"));
        assert_eq!(Exact::new(2345, 1000).round(1), p("2.3"));
        assert_eq!(Exact::new(1, 3).round(4), p("0.3333"));
    }

    #[test]
    fn means_are_exact() {
        // 80.125 + 80.13 + 80.13 = 240.385; mean 80.12833… → 80.13
        let units: Vec<i128> = ["80.125", "80.13", "80.13"]
            .iter()
            .map(|s| i128::from(p(s).units()) * i128::from(Points::SCALE))
            .collect();
        let mean = Exact::mean_of_product_units(&units).unwrap();
        assert_eq!(mean.round(2), p("80.13"));
        assert_eq!(mean.round(4), p("80.1283"));
        assert!(Exact::mean_of_product_units(&[]).is_none());
    }

    #[test]
    fn compares_by_value() {
        assert_eq!(Exact::new(1, 2), Exact::new(2, 4));
        assert!(Exact::new(1, 3) < Exact::new(334, 1000));
        assert_eq!(Exact::new(1, 2).minus(Exact::new(3, 4)).abs(), Exact::new(1, 4));
    }

    #[test]
    fn float_rounding_for_zscore() {
        assert_eq!(round_f64(2.5, 0), p("3"));
        assert_eq!(round_f64(-2.5, 0), p("-3"));
        assert_eq!(round_f64(71.234_9, 2), p("71.23"));
    }
}
