//! One row per judge: how many sheets they scored and how many count, the mean and spread of their
//! totals, and above all their **severity** — the mean signed difference between their total and
//! the mean of the other counting judges on the same submissions — with its standard error, the
//! spread ratio, correlations with the others, and the chênh lệch flags, conflicts and recusals
//! they are part of.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use serde::Serialize;

use crate::model::{ConflictKind, Flag, Id, Points, Round, RoundResult, Session, SheetStatus};

use super::stats::{self, Figure};
use super::{MIN_SHARED, Totals};

/// Where a judge stands against the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Leaning {
    /// Severity more than two standard errors below 0: scores lower than the others.
    Harsher,
    /// More than two standard errors above 0.
    MoreLenient,
    /// Within two standard errors.
    InLine,
    /// Fewer than [`MIN_SHARED`] submissions shared with other judges.
    NotEnoughData,
}

#[derive(Clone, Debug, Serialize)]
pub struct JudgeProfile {
    pub judge: Id,
    pub name: String,
    /// Complete sheets without conflict.
    pub scored: u32,
    /// Sheets that count (after chênh lệch).
    pub counted: u32,
    /// Of the counted totals, in points.
    pub mean: Option<Figure>,
    /// Sample standard deviation of the counted totals.
    pub sd: Option<Figure>,
    /// Submissions where the judge and at least one other judge count.
    pub shared: u32,
    /// Mean of (the judge's total − the others' mean) over the shared submissions, in points.
    pub severity: Option<Figure>,
    pub standard_error: Option<Figure>,
    /// The judge's standard deviation over the others' (of their means), on shared submissions.
    pub spread_ratio: Option<Figure>,
    /// Correlation of the judge's totals with the others' mean, on shared submissions.
    pub pearson: Option<Figure>,
    pub spearman: Option<Figure>,
    pub divergent_flagged: u32,
    pub divergent_excluded: u32,
    /// Conflicts of interest other than the judge's own recusals.
    pub conflicts: u32,
    pub recusals: u32,
    pub leaning: Leaning,
    /// Each shared submission's difference (judge − others' mean), in points: for plots.
    #[serde(skip)]
    pub differences: Vec<f64>,
    /// The judge's counted totals, in points: for plots.
    #[serde(skip)]
    pub totals: Vec<f64>,
}

const UNITS: f64 = Points::SCALE as f64;

fn points(units: BigRational) -> Figure {
    Figure::Exact(units / BigRational::from_integer(BigInt::from(Points::SCALE)))
}

/// The profile of every judge of the round, in the round's order.
pub fn profiles(
    session: &Session,
    round: &Round,
    result: &RoundResult,
    totals: &Totals,
) -> Vec<JudgeProfile> {
    let k = round.judges.len();
    // Per judge: the (own total, others' sum, others' count) of each shared submission.
    let mut shared: Vec<Vec<(i64, i128, i64)>> = vec![Vec::new(); k];
    let mut own: Vec<Vec<i64>> = vec![Vec::new(); k];
    for row in &totals.rows {
        let sum: i128 = row.iter().map(|&(_, t)| i128::from(t)).sum();
        let n = row.len() as i64;
        for &(j, t) in row {
            own[j].push(t);
            if n >= 2 {
                shared[j].push((t, sum - i128::from(t), n - 1));
            }
        }
    }
    let position: std::collections::HashMap<&str, usize> = round
        .judges
        .iter()
        .enumerate()
        .map(|(i, j)| (j.as_str(), i))
        .collect();
    let mut scored = vec![0u32; k];
    let (mut flagged, mut excluded, mut conflicts, mut recusals) =
        (vec![0u32; k], vec![0u32; k], vec![0u32; k], vec![0u32; k]);
    for row in result.scopes.iter().flat_map(|s| &s.rows) {
        for line in &row.judges {
            let Some(&j) = position.get(&*line.judge) else {
                continue;
            };
            if line.total.is_some() && line.status != SheetStatus::Conflict {
                scored[j] += 1;
            }
            match line.status {
                SheetStatus::DivergentFlagged => flagged[j] += 1,
                SheetStatus::DivergentExcluded => excluded[j] += 1,
                _ => {}
            }
        }
        for flag in &row.flags {
            if let Flag::Conflict { judge, kind, .. } = flag
                && let Some(&j) = position.get(judge.as_str())
            {
                match kind {
                    ConflictKind::Recused(_) => recusals[j] += 1,
                    _ => conflicts[j] += 1,
                }
            }
        }
    }
    round
        .judges
        .iter()
        .enumerate()
        .map(|(j, id)| {
            let name = session
                .contest
                .judge(id)
                .map_or_else(|| id.clone(), |x| x.name.clone());
            let (mean, sd) = mean_sd(&own[j]);
            let severity = Severity::of(&shared[j]);
            JudgeProfile {
                judge: id.clone(),
                name,
                scored: scored[j],
                counted: own[j].len() as u32,
                mean,
                sd,
                shared: shared[j].len() as u32,
                leaning: severity.leaning(),
                severity: severity.mean.clone(),
                standard_error: severity.standard_error.map(Figure::Float),
                spread_ratio: severity.spread_ratio.map(Figure::Float),
                pearson: severity.pearson.map(Figure::Float),
                spearman: severity.spearman.map(Figure::Float),
                divergent_flagged: flagged[j],
                divergent_excluded: excluded[j],
                conflicts: conflicts[j],
                recusals: recusals[j],
                differences: severity.differences,
                totals: own[j].iter().map(|&t| t as f64 / UNITS).collect(),
            }
        })
        .collect()
}

/// The exact mean and the sample standard deviation of totals (in points).
fn mean_sd(values: &[i64]) -> (Option<Figure>, Option<Figure>) {
    if values.is_empty() {
        return (None, None);
    }
    let n = values.len() as i128;
    let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
    let mean = points(BigRational::new(BigInt::from(sum), BigInt::from(n)));
    let sd = (n >= 2).then(|| {
        let squares: BigInt = values.iter().map(|&v| BigInt::from(v) * BigInt::from(v)).sum();
        // (Σx² − (Σx)²/n) / (n − 1), exact, then the root.
        let var = (BigRational::from_integer(squares)
            - BigRational::new(BigInt::from(sum) * BigInt::from(sum), BigInt::from(n)))
            / BigRational::from_integer(BigInt::from(n - 1));
        use num_traits::ToPrimitive;
        Figure::Float(var.to_f64().unwrap_or(0.0).max(0.0).sqrt() / UNITS)
    });
    (Some(mean), sd)
}

struct Severity {
    mean: Option<Figure>,
    standard_error: Option<f64>,
    spread_ratio: Option<f64>,
    pearson: Option<f64>,
    spearman: Option<f64>,
    differences: Vec<f64>,
    shared: usize,
}

impl Severity {
    fn of(shared: &[(i64, i128, i64)]) -> Severity {
        let m = shared.len();
        let mut out = Severity {
            mean: None,
            standard_error: None,
            spread_ratio: None,
            pearson: None,
            spearman: None,
            differences: Vec::new(),
            shared: m,
        };
        if m == 0 {
            return out;
        }
        // Σ (T − S/c) exactly: the own totals, less each count's sum of others' sums over it.
        let own: i128 = shared.iter().map(|s| i128::from(s.0)).sum();
        let mut by_count: std::collections::BTreeMap<i64, i128> = Default::default();
        for &(_, sum, count) in shared {
            *by_count.entry(count).or_default() += sum;
        }
        let others: BigRational = by_count
            .into_iter()
            .map(|(c, s)| BigRational::new(BigInt::from(s), BigInt::from(c)))
            .fold(BigRational::zero(), |a, b| a + b);
        let total = BigRational::from_integer(BigInt::from(own)) - others;
        out.mean = Some(points(total / BigRational::from_integer(BigInt::from(m as i128))));
        let own_points: Vec<f64> = shared.iter().map(|s| s.0 as f64 / UNITS).collect();
        let others_mean: Vec<f64> = shared.iter().map(|s| s.1 as f64 / s.2 as f64 / UNITS).collect();
        out.differences = own_points.iter().zip(&others_mean).map(|(a, b)| a - b).collect();
        if m >= 2 {
            let mean_d = out.differences.iter().sum::<f64>() / m as f64;
            let var = out
                .differences
                .iter()
                .map(|d| (d - mean_d) * (d - mean_d))
                .sum::<f64>()
                / (m as f64 - 1.0);
            out.standard_error = Some((var / m as f64).sqrt());
            let sd = |xs: &[f64]| {
                let mu = xs.iter().sum::<f64>() / xs.len() as f64;
                (xs.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / (xs.len() as f64 - 1.0)).sqrt()
            };
            let (a, b) = (sd(&own_points), sd(&others_mean));
            out.spread_ratio = (b > 0.0).then(|| a / b);
            out.pearson = stats::pearson(&own_points, &others_mean);
            out.spearman = stats::spearman(&own_points, &others_mean);
        }
        out
    }

    fn leaning(&self) -> Leaning {
        if self.shared < MIN_SHARED {
            return Leaning::NotEnoughData;
        }
        let (Some(mean), Some(se)) = (&self.mean, self.standard_error) else {
            return Leaning::NotEnoughData;
        };
        let mean = mean.to_f64();
        // Differences all equal (se = 0): any non-zero severity is beyond doubt.
        if mean.abs() > 2.0 * se && mean.abs() > 1e-9 {
            if mean < 0.0 {
                Leaning::Harsher
            } else {
                Leaning::MoreLenient
            }
        } else {
            Leaning::InLine
        }
    }
}
