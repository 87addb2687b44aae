//! Spec §4, method ZScore: each judge's totals are standardized by that judge's own mean and
//! population standard deviation over the round, averaged per submission, and mapped back onto the
//! points scale with the round's mean and deviation. The only place that uses floating point; the
//! sums under the square roots are exact integers.

use std::collections::HashMap;

use crate::model::Points;

use super::exact::{PRODUCT_SCALE, round_f64};

#[derive(Default, Clone, Copy)]
struct Moments {
    n: i128,
    sum: i128,
    sum_sq: i128,
}

impl Moments {
    fn add(&mut self, x: i128) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }
    /// n·Σx² − (Σx)², i.e. n² times the population variance.
    fn n2_variance(&self) -> i128 {
        self.n * self.sum_sq - self.sum * self.sum
    }
}

/// The z-score of every submission. `counted[s]` lists the (judge, total in 10^-8 units) pairs that
/// count for submission `s`; the result is rounded to `decimals`, None where nothing counts.
pub fn zscore_scores(counted: &[Vec<(&str, i128)>], decimals: u8) -> Vec<Option<Points>> {
    let mut per_judge: HashMap<&str, Moments> = HashMap::new();
    let mut all = Moments::default();
    for &(judge, total) in counted.iter().flatten() {
        per_judge.entry(judge).or_default().add(total);
        all.add(total);
    }
    let z = |judge: &str, total: i128| -> f64 {
        let m = per_judge.get(judge).copied().unwrap_or_default();
        let v = m.n2_variance();
        if m.n < 2 || v == 0 {
            return 0.0;
        }
        (m.n * total - m.sum) as f64 / (v as f64).sqrt()
    };
    let (mu, sigma) = if all.n == 0 {
        (0.0, 0.0)
    } else {
        let n = all.n as f64;
        (all.sum as f64 / n, (all.n2_variance() as f64).sqrt() / n)
    };
    counted
        .iter()
        .map(|lines| {
            if lines.is_empty() {
                return None;
            }
            let mut zs: Vec<f64> = lines.iter().map(|&(j, t)| z(j, t)).collect();
            zs.sort_by(f64::total_cmp);
            let z_bar = zs.iter().sum::<f64>() / zs.len() as f64;
            Some(round_f64((mu + sigma * z_bar) / PRODUCT_SCALE as f64, decimals))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(points: i64) -> i128 {
        i128::from(points) * PRODUCT_SCALE
    }

    #[test]
    fn a_harsh_and_a_lenient_judge_agree_after_standardizing() {
        // Judge A gives 60/70/80, judge B 80/85/90: both rank s2 in the middle at z = 0, and s1, s3
        // at z = ∓1.2247. Round: μ = 77.5, σ = √(1087.5/6 ... ) computed exactly below.
        let counted = vec![
            vec![("a", u(60)), ("b", u(80))],
            vec![("a", u(70)), ("b", u(85))],
            vec![("a", u(80)), ("b", u(90))],
        ];
        let scores = zscore_scores(&counted, 2);
        let all = [60.0, 80.0, 70.0, 85.0, 80.0, 90.0];
        let mu: f64 = all.iter().sum::<f64>() / 6.0;
        let sigma = (all.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / 6.0).sqrt();
        let z1 = -(1.5f64).sqrt(); // (60-70)/√(200/3)
        assert_eq!(scores[1], Some(round_f64(mu, 2)));
        assert_eq!(scores[0], Some(round_f64(mu + sigma * z1, 2)));
        assert_eq!(scores[2], Some(round_f64(mu - sigma * z1, 2)));
        assert_eq!(scores[1], Some(Points::parse("77.5").unwrap()));
    }

    #[test]
    fn a_judge_with_one_total_or_no_spread_gives_zero() {
        let counted = vec![vec![("a", u(50)), ("b", u(70))], vec![("b", u(70))], vec![]];
        let scores = zscore_scores(&counted, 2);
        // a has one total, b has σ = 0: every z is 0 and every score is the round mean, 63.33.
        assert_eq!(scores[0], Some(Points::parse("63.33").unwrap()));
        assert_eq!(scores[1], scores[0]);
        assert_eq!(scores[2], None);
    }
}
