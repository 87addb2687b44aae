//! The statistics of the analysis on plain numbers, with no contest in sight: the six Shrout &
//! Fleiss intraclass correlations with their confidence intervals, Kendall's W (with the tie
//! correction), Krippendorff's alpha (interval metric, missing values allowed), Pearson and
//! Spearman correlations and Kendall's tau-b. A statistic that is a ratio of exact sums is worked
//! out in rationals ([`Figure::Exact`]); square roots and distributions are floating point.
//!
//! Scores come in as integers (a contest's points in units of 10^-4), so every sum is exact.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use serde::{Serialize, Serializer};
use statrs::distribution::{ChiSquared, ContinuousCDF, FisherSnedecor};

/// A figure: exact when it is a ratio of exact sums, otherwise floating point. Written to JSON as
/// a number; printed rounded half away from zero ([`Figure::rounded`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    Exact(BigRational),
    Float(f64),
}

impl Figure {
    pub fn to_f64(&self) -> f64 {
        match self {
            Figure::Exact(r) => r.to_f64().unwrap_or(f64::NAN),
            Figure::Float(x) => *x,
        }
    }

    /// The figure rounded half away from zero to `decimals` places, as text with a point
    /// ("0.7148", "-6.2"); exact figures are rounded exactly.
    pub fn rounded(&self, decimals: u32) -> String {
        match self {
            Figure::Exact(r) => round_rational(r, decimals),
            Figure::Float(x) => round_f64_text(*x, decimals),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

fn ratio(num: impl Into<BigInt>, den: impl Into<BigInt>) -> BigRational {
    BigRational::new(num.into(), den.into())
}

fn big(x: i128) -> BigRational {
    BigRational::from_integer(BigInt::from(x))
}

/// `r` rounded half away from zero to `decimals` places, as text.
pub fn round_rational(r: &BigRational, decimals: u32) -> String {
    let pow = BigInt::from(10u32).pow(decimals);
    let scaled = r.abs() * BigRational::from_integer(pow.clone());
    let half = ratio(1, 2);
    let units = (scaled + half).floor().to_integer();
    digits_text(r.is_negative() && !units.is_zero(), &units.to_string(), decimals)
}

/// `x` rounded half away from zero to `decimals` places, as text.
pub fn round_f64_text(x: f64, decimals: u32) -> String {
    let scaled = (x.abs() * 10f64.powi(decimals as i32) + 0.5).floor();
    digits_text(x < 0.0 && scaled > 0.0, &format!("{scaled:.0}"), decimals)
}

fn digits_text(negative: bool, digits: &str, decimals: u32) -> String {
    let decimals = decimals as usize;
    let digits = format!("{digits:0>width$}", width = decimals + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// Why a statistic has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Unavailable {
    /// Fewer than two judges.
    TooFewJudges,
    /// Fewer than two submissions.
    TooFewSubmissions,
    /// Every score is the same (or no spread where one is divided by).
    NoVariance,
    /// Fewer than the minimum sample.
    NotEnoughData,
}

/// The two-way ANOVA of a complete block (`rows` submissions × `k` judges) the six forms are
/// built from, as Shrout & Fleiss (1979) name them.
#[derive(Clone, Debug, PartialEq)]
pub struct MeanSquares {
    pub n: usize,
    pub k: usize,
    /// Between submissions (targets).
    pub bms: BigRational,
    /// Within submissions.
    pub wms: BigRational,
    /// Between judges.
    pub jms: BigRational,
    /// Residual.
    pub ems: BigRational,
}

/// The mean squares of a complete block; every row has the same number (≥ 2) of values.
pub fn mean_squares(block: &[Vec<i64>]) -> Result<MeanSquares, Unavailable> {
    let n = block.len();
    let k = block.first().map_or(0, Vec::len);
    if k < 2 {
        return Err(Unavailable::TooFewJudges);
    }
    if n < 2 {
        return Err(Unavailable::TooFewSubmissions);
    }
    let (mut grand, mut squares, mut rows_sq) = (0i128, 0i128, BigInt::zero());
    let mut columns = vec![0i128; k];
    for row in block {
        let mut sum = 0i128;
        for (c, &x) in row.iter().enumerate() {
            let x = i128::from(x);
            sum += x;
            squares += x * x;
            columns[c] += x;
        }
        grand += sum;
        rows_sq += BigInt::from(sum) * BigInt::from(sum);
    }
    let columns_sq: BigInt = columns.iter().map(|&c| BigInt::from(c) * BigInt::from(c)).sum();
    let (n_, k_) = (n as i128, k as i128);
    let correction = ratio(BigInt::from(grand) * BigInt::from(grand), n_ * k_);
    let total = big(squares) - &correction;
    let between = BigRational::new(rows_sq, BigInt::from(k_)) - &correction;
    let judges = BigRational::new(columns_sq, BigInt::from(n_)) - &correction;
    let within = &total - &between;
    let residual = &total - &between - &judges;
    Ok(MeanSquares {
        n,
        k,
        bms: between / big(n_ - 1),
        wms: within / big(n_ * (k_ - 1)),
        jms: judges / big(k_ - 1),
        ems: residual / big((n_ - 1) * (k_ - 1)),
    })
}

/// The six forms, in Shrout & Fleiss's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum IccForm {
    /// ICC(1,1): one judge, judges random per submission.
    Single1,
    /// ICC(2,1): one judge, judges a random sample, absolute agreement.
    Single2,
    /// ICC(3,1): one judge, these judges only, consistency.
    Single3,
    /// ICC(1,k): the mean of k judges, judges random per submission.
    Average1,
    /// ICC(2,k)
    Average2,
    /// ICC(3,k)
    Average3,
}

impl IccForm {
    pub const ALL: [IccForm; 6] = [
        IccForm::Single1,
        IccForm::Single2,
        IccForm::Single3,
        IccForm::Average1,
        IccForm::Average2,
        IccForm::Average3,
    ];
    /// "ICC(2,1)", "ICC(3,k)".
    pub fn label(self) -> &'static str {
        match self {
            IccForm::Single1 => "ICC(1,1)",
            IccForm::Single2 => "ICC(2,1)",
            IccForm::Single3 => "ICC(3,1)",
            IccForm::Average1 => "ICC(1,k)",
            IccForm::Average2 => "ICC(2,k)",
            IccForm::Average3 => "ICC(3,k)",
        }
    }
}

/// One intraclass correlation with its F test and 95% confidence interval (the formulas of
/// Shrout & Fleiss 1979 and McGraw & Wong 1996, as R's psych::ICC computes them).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Icc {
    pub form: IccForm,
    pub value: Figure,
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The upper `1 − α/2` point of F(d1, d2), α = 0.05.
fn f_upper(d1: f64, d2: f64) -> f64 {
    FisherSnedecor::new(d1, d2).map_or(f64::NAN, |f| f.inverse_cdf(0.975))
}

fn f_p(f: f64, d1: f64, d2: f64) -> f64 {
    FisherSnedecor::new(d1, d2).map_or(f64::NAN, |d| d.sf(f))
}

/// The six intraclass correlations of a block's mean squares.
pub fn iccs(ms: &MeanSquares) -> Result<Vec<Icc>, Unavailable> {
    if ms.bms.is_zero() || (ms.wms.is_zero() && ms.ems.is_zero()) {
        return Err(Unavailable::NoVariance);
    }
    let (n, k) = (ms.n as f64, ms.k as f64);
    let (kb, nb) = (big(ms.k as i128), big(ms.n as i128));
    let (bms, wms, jms, ems) = (&ms.bms, &ms.wms, &ms.jms, &ms.ems);
    let one = big(1);
    let km1 = &kb - &one;
    let exact = [
        (bms - wms) / (bms + &km1 * wms),
        (bms - ems) / (bms + &km1 * ems + &kb * (jms - ems) / &nb),
        (bms - ems) / (bms + &km1 * ems),
        (bms - wms) / bms.clone(),
        (bms - ems) / (bms + (jms - ems) / &nb),
        (bms - ems) / bms.clone(),
    ];
    let f = |r: &BigRational| r.to_f64().unwrap_or(f64::NAN);
    let (bms_f, ems_f, jms_f) = (f(bms), f(ems), f(jms));
    // One-way (form 1) and two-way (forms 2, 3) F tests.
    let (df1n, df1d) = (n - 1.0, n * (k - 1.0));
    let (df3n, df3d) = (n - 1.0, (n - 1.0) * (k - 1.0));
    let f1 = if wms.is_zero() {
        f64::INFINITY
    } else {
        f(&(bms / wms))
    };
    let f3 = if ems.is_zero() {
        f64::INFINITY
    } else {
        f(&(bms / ems))
    };
    let f1l = f1 / f_upper(df1n, df1d);
    let f1u = f1 * f_upper(df1d, df1n);
    let f3l = f3 / f_upper(df3n, df3d);
    let f3u = f3 * f_upper(df3d, df3n);
    // ICC(2,1): Satterthwaite's degrees of freedom (McGraw & Wong 1996).
    let icc2 = f(&exact[1]);
    let fj = jms_f / ems_f;
    let vn = (k - 1.0) * (n - 1.0) * (k * icc2 * fj + n * (1.0 + (k - 1.0) * icc2) - k * icc2).powi(2);
    let vd = (n - 1.0) * k * k * icc2 * icc2 * fj * fj + (n * (1.0 + (k - 1.0) * icc2) - k * icc2).powi(2);
    let v = vn / vd;
    let f2u = f_upper(n - 1.0, v);
    let f2l = f_upper(v, n - 1.0);
    let common = k * jms_f + (k * n - k - n) * ems_f;
    let l2 = n * (bms_f - f2u * ems_f) / (f2u * common + n * bms_f);
    let u2 = n * (f2l * bms_f - ems_f) / (common + n * f2l * bms_f);
    let spearman_brown = |x: f64| x * k / (1.0 + x * (k - 1.0));
    let p1 = f_p(f1, df1n, df1d);
    let p3 = f_p(f3, df3n, df3d);
    let bounds = [
        ((f1l - 1.0) / (f1l + k - 1.0), (f1u - 1.0) / (f1u + k - 1.0)),
        (l2, u2),
        ((f3l - 1.0) / (f3l + k - 1.0), (f3u - 1.0) / (f3u + k - 1.0)),
        (1.0 - 1.0 / f1l, 1.0 - 1.0 / f1u),
        (spearman_brown(l2), spearman_brown(u2)),
        (1.0 - 1.0 / f3l, 1.0 - 1.0 / f3u),
    ];
    Ok(IccForm::ALL
        .iter()
        .zip(exact)
        .zip(bounds)
        .map(|((&form, value), (lower, upper))| {
            let one_way = matches!(form, IccForm::Single1 | IccForm::Average1);
            let (fv, d1, d2, p) = if one_way {
                (f1, df1n, df1d, p1)
            } else {
                (f3, df3n, df3d, p3)
            };
            Icc {
                form,
                value: Figure::Exact(value),
                f: fv,
                df1: d1,
                df2: d2,
                p,
                lower,
                upper,
            }
        })
        .collect())
}

/// Kendall's coefficient of concordance of a complete block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KendallW {
    pub w: Figure,
    pub chi_square: f64,
    pub df: usize,
    pub p: f64,
    /// Whether some judge gave equal totals (the tie correction was applied).
    pub ties: bool,
}

/// Average ranks (1 = smallest) doubled, so they are integers, and Σ (t³ − t) over the groups of
/// equal values.
pub fn doubled_ranks(values: &[i64]) -> (Vec<i64>, i128) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by_key(|&i| values[i]);
    let mut ranks = vec![0i64; values.len()];
    let mut ties = 0i128;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start+1 ..= end share (start + 1 + end) / 2; doubled: start + 1 + end.
        let doubled = (start + 1 + end) as i64;
        for &i in &order[start..end] {
            ranks[i] = doubled;
        }
        let t = (end - start) as i128;
        ties += t * t * t - t;
        start = end;
    }
    (ranks, ties)
}

/// Kendall's W of `block` (rows: submissions; columns: judges), each judge's totals ranked, equal
/// totals taking the average rank, with the correction for ties (Kendall & Babington Smith 1939;
/// Siegel & Castellan 1988, §9.4): W = 12 S / (m²(n³ − n) − m Σ T), χ² = m (n − 1) W on n − 1 df.
pub fn kendall_w(block: &[Vec<i64>]) -> Result<KendallW, Unavailable> {
    let n = block.len();
    let m = block.first().map_or(0, Vec::len);
    if m < 2 {
        return Err(Unavailable::TooFewJudges);
    }
    if n < 2 {
        return Err(Unavailable::TooFewSubmissions);
    }
    let mut sums = vec![0i128; n];
    let mut tie_total = 0i128;
    for j in 0..m {
        let column: Vec<i64> = block.iter().map(|r| r[j]).collect();
        let (ranks, ties) = doubled_ranks(&column);
        tie_total += ties;
        for (s, r) in sums.iter_mut().zip(ranks) {
            *s += i128::from(r);
        }
    }
    // Doubled rank sums: S = Σ (R − R̄)² = (Σ (2R)² − (Σ 2R)² / n) / 4.
    let (n_, m_) = (n as i128, m as i128);
    let total: i128 = sums.iter().sum();
    let squares: BigInt = sums.iter().map(|&s| BigInt::from(s) * BigInt::from(s)).sum();
    let s =
        (BigRational::from_integer(squares) - ratio(BigInt::from(total) * BigInt::from(total), n_)) / big(4);
    let den = big(m_ * m_ * (n_ * n_ * n_ - n_) - m_ * tie_total);
    if den.is_zero() {
        return Err(Unavailable::NoVariance);
    }
    let w = s * big(12) / den;
    let chi_square = (m as f64) * (n as f64 - 1.0) * w.to_f64().unwrap_or(f64::NAN);
    let p = ChiSquared::new(n as f64 - 1.0).map_or(f64::NAN, |c| c.sf(chi_square));
    Ok(KendallW {
        w: Figure::Exact(w),
        chi_square,
        df: n - 1,
        p,
        ties: tie_total > 0,
    })
}

/// Krippendorff's alpha with the interval metric.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alpha {
    pub alpha: Figure,
    /// Values in units with at least two (the pairable values).
    pub values: usize,
    /// Units with at least two values.
    pub units: usize,
}

/// Krippendorff's alpha, interval metric (Krippendorff 2011, "Computing Krippendorff's
/// Alpha-Reliability"): each unit lists the values it has (any number; units with fewer than two
/// are not pairable). α = 1 − (n − 1) Σ_u D_u / (m_u − 1) / D, with D_u and D the sums of squared
/// differences over ordered pairs within unit u and over all pairable values.
pub fn krippendorff_interval(units: &[Vec<i64>]) -> Result<Alpha, Unavailable> {
    // Σ_u D_u/(m_u − 1), grouped by m_u so that few denominators are added.
    let mut by_size: std::collections::BTreeMap<usize, BigInt> = Default::default();
    let (mut n, mut pairable, mut sum, mut squares) = (0usize, 0usize, 0i128, BigInt::zero());
    for unit in units.iter().filter(|u| u.len() >= 2) {
        let m = unit.len();
        let s: i128 = unit.iter().map(|&x| i128::from(x)).sum();
        let q: i128 = unit.iter().map(|&x| i128::from(x) * i128::from(x)).sum();
        // Ordered pairs: Σ_{i≠j} (x_i − x_j)² = 2 (m Σx² − (Σx)²).
        let d =
            BigInt::from(2) * (BigInt::from(m as i128) * BigInt::from(q) - BigInt::from(s) * BigInt::from(s));
        *by_size.entry(m).or_insert_with(BigInt::zero) += d;
        n += m;
        pairable += 1;
        sum += s;
        squares += BigInt::from(q);
    }
    if pairable == 0 {
        return Err(Unavailable::TooFewJudges);
    }
    let n_ = BigInt::from(n as i128);
    let all = BigInt::from(2) * (&n_ * squares - BigInt::from(sum) * BigInt::from(sum));
    if all.is_zero() {
        return Err(Unavailable::NoVariance);
    }
    let within: BigRational = by_size
        .into_iter()
        .map(|(m, d)| BigRational::new(d, BigInt::from(m as i128 - 1)))
        .sum();
    let alpha = big(1) - within * BigRational::from_integer(n_ - 1) / BigRational::from_integer(all);
    Ok(Alpha {
        alpha: Figure::Exact(alpha),
        values: n,
        units: pairable,
    })
}

/// Pearson's correlation; None below two pairs or without spread.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len().min(ys.len());
    if n < 2 {
        return None;
    }
    let mx = xs.iter().sum::<f64>() / n as f64;
    let my = ys.iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Average ranks (1 = smallest) of real values.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Spearman's correlation: Pearson's on average ranks.
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    pearson(&average_ranks(xs), &average_ranks(ys))
}

/// Kendall's tau-b of two orderings of the same items, in O(n log n) (Knight 1966). None below
/// two items or when one side is all ties.
pub fn tau_b(xs: &[i64], ys: &[i64]) -> Option<f64> {
    let n = xs.len().min(ys.len());
    if n < 2 {
        return None;
    }
    let mut pairs: Vec<(i64, i64)> = xs.iter().copied().zip(ys.iter().copied()).take(n).collect();
    pairs.sort_unstable();
    let pairs_of = |t: u64| t * (t - 1) / 2;
    // Ties in x, and in both.
    let (mut tied_x, mut tied_xy) = (0u64, 0u64);
    let (mut run_x, mut run_xy) = (1u64, 1u64);
    for w in pairs.windows(2) {
        if w[0].0 == w[1].0 {
            run_x += 1;
            if w[0].1 == w[1].1 {
                run_xy += 1;
            } else {
                tied_xy += pairs_of(run_xy);
                run_xy = 1;
            }
        } else {
            tied_x += pairs_of(run_x);
            tied_xy += pairs_of(run_xy);
            run_x = 1;
            run_xy = 1;
        }
    }
    tied_x += pairs_of(run_x);
    tied_xy += pairs_of(run_xy);
    // Sorting by y counts the discordant pairs as the swaps a merge sort makes.
    let mut ys: Vec<i64> = pairs.iter().map(|p| p.1).collect();
    let mut buffer = ys.clone();
    let swaps = merge_count(&mut ys, &mut buffer);
    let mut tied_y = 0u64;
    let mut run_y = 1u64;
    for w in ys.windows(2) {
        if w[0] == w[1] {
            run_y += 1;
        } else {
            tied_y += pairs_of(run_y);
            run_y = 1;
        }
    }
    tied_y += pairs_of(run_y);
    let all = pairs_of(n as u64);
    let (dx, dy) = (all - tied_x, all - tied_y);
    if dx == 0 || dy == 0 {
        return None;
    }
    let s = all as i128 - tied_x as i128 - tied_y as i128 + tied_xy as i128 - 2 * swaps as i128;
    Some((s as f64 / ((dx as f64) * (dy as f64)).sqrt()).clamp(-1.0, 1.0))
}

/// Sorts `v` (a merge sort) and returns how many inversions it had.
fn merge_count(v: &mut [i64], buffer: &mut [i64]) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut swaps = {
        let (left, right) = v.split_at_mut(mid);
        let (bl, br) = buffer.split_at_mut(mid);
        merge_count(left, bl) + merge_count(right, br)
    };
    let (mut i, mut j, mut out) = (0, mid, 0);
    while i < mid && j < n {
        if v[j] < v[i] {
            buffer[out] = v[j];
            swaps += (mid - i) as u64;
            j += 1;
        } else {
            buffer[out] = v[i];
            i += 1;
        }
        out += 1;
    }
    buffer[out..out + mid - i].copy_from_slice(&v[i..mid]);
    out += mid - i;
    buffer[out..out + n - j].copy_from_slice(&v[j..n]);
    v.copy_from_slice(&buffer[..n]);
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero_and_exact() {
        assert_eq!(round_rational(&ratio(1, 8), 2), "0.13");
        assert_eq!(round_rational(&ratio(-1, 8), 2), "-0.13");
        assert_eq!(round_rational(&ratio(-1, 1000), 2), "0.00");
        assert_eq!(round_rational(&ratio(2, 3), 4), "0.6667");
        assert_eq!(round_rational(&ratio(123, 1), 0), "123");
        assert_eq!(round_f64_text(-6.25, 1), "-6.3");
        assert_eq!(round_f64_text(0.004, 2), "0.00");
    }

    /// Brute force tau-b over every pair.
    fn tau_b_pairs(xs: &[i64], ys: &[i64]) -> Option<f64> {
        let (mut s, mut tx, mut ty) = (0i64, 0i64, 0i64);
        let n = xs.len();
        for i in 0..n {
            for j in i + 1..n {
                let a = (xs[i] - xs[j]).signum();
                let b = (ys[i] - ys[j]).signum();
                s += a * b;
                tx += i64::from(a == 0);
                ty += i64::from(b == 0);
            }
        }
        let all = (n * (n - 1) / 2) as i64;
        let den = ((all - tx) as f64 * (all - ty) as f64).sqrt();
        (den > 0.0).then(|| s as f64 / den)
    }

    #[test]
    fn tau_b_agrees_with_counting_every_pair() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for size in [2usize, 3, 5, 17, 60] {
            for _ in 0..50 {
                let xs: Vec<i64> = (0..size).map(|_| rng.random_range(0..6)).collect();
                let ys: Vec<i64> = (0..size).map(|_| rng.random_range(0..6)).collect();
                match (tau_b(&xs, &ys), tau_b_pairs(&xs, &ys)) {
                    (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{xs:?} {ys:?}: {a} vs {b}"),
                    (a, b) => assert_eq!(a.is_some(), b.is_some(), "{xs:?} {ys:?}"),
                }
            }
        }
        assert_eq!(tau_b(&[1, 2, 3], &[3, 2, 1]), Some(-1.0));
    }

    #[test]
    fn doubled_ranks_average_equal_values() {
        // 10, 20, 20, 30 → ranks 1, 2.5, 2.5, 4; one pair of ties: 2³ − 2 = 6.
        assert_eq!(doubled_ranks(&[20, 10, 30, 20]), (vec![5, 2, 8, 5], 6));
    }
}
