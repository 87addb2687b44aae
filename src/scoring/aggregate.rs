//! Spec §3.3–4 for one submission: chênh lệch (divergence) against the initial mean, the exact
//! Mean / TrimmedMean / Median score, and criterion means. The z-score method needs the whole round
//! and lives in [`super::zscore`].

use crate::model::{CriterionMean, Divergence, DivergenceAction, Flag, Method, SharedId, SheetStatus};

use super::exact::{Exact, PRODUCT_SCALE};
use super::sheets::Line;

/// Applies chênh lệch to the complete, conflict-free lines: marks them flagged or excluded and
/// returns the flags. A line is divergent when |T − A0| > threshold, A0 the mean of those lines.
pub fn apply_divergence(lines: &mut [Line], divergence: Option<&Divergence>, decimals: u8) -> Vec<Flag> {
    let Some(divergence) = divergence else {
        return Vec::new();
    };
    let (sum, n) = lines
        .iter()
        .filter(|l| l.status == SheetStatus::Counted)
        .filter_map(|l| l.total)
        .fold((0i128, 0i128), |(sum, n), t| (sum + t, n + 1));
    if n == 0 {
        return Vec::new();
    }
    let a0 = Exact::new(sum, PRODUCT_SCALE * n);
    let threshold = Exact::from_points(divergence.threshold);
    let mut flags = Vec::new();
    for line in lines.iter_mut().filter(|l| l.status == SheetStatus::Counted) {
        let Some(total) = line.total else { continue };
        let t = Exact::from_product_units(total);
        if t.minus(a0).abs() <= threshold {
            continue;
        }
        let (total, mean) = (t.round(decimals), a0.round(decimals));
        let judge = line.judge.to_string();
        match divergence.action {
            DivergenceAction::Flag => {
                line.status = SheetStatus::DivergentFlagged;
                flags.push(Flag::NeedsDiscussion { judge, total, mean });
            }
            DivergenceAction::Exclude => {
                line.status = SheetStatus::DivergentExcluded;
                flags.push(Flag::DivergentExcluded { judge, total, mean });
            }
        }
    }
    flags
}

/// Whether a line counts for the score (complete, no conflict, not excluded, not trimmed).
pub fn counts(line: &Line) -> bool {
    matches!(line.status, SheetStatus::Counted | SheetStatus::DivergentFlagged)
}

/// Whether a line counts after step 3 (complete, no conflict, not excluded): the sheets criterion
/// means are taken over. The trimmed-mean step does not remove sheets from them (spec §4).
pub fn counts_after_divergence(line: &Line) -> bool {
    counts(line) || line.status == SheetStatus::Trimmed
}

/// The exact score by Mean, TrimmedMean or Median over the counting lines (marking trimmed ones).
/// None when no line counts, or for the z-score method.
pub fn exact_score(lines: &mut [Line], method: Method) -> Option<Exact> {
    if method == Method::Mean {
        // The mean of every counting total: no order to work out, nothing to set aside.
        let (sum, n) = lines
            .iter()
            .filter(|l| counts(l))
            .filter_map(|l| l.total)
            .fold((0i128, 0i128), |(sum, n), t| (sum + t, n + 1));
        return (n > 0).then(|| Exact::new(sum, PRODUCT_SCALE * n));
    }
    let mut counted: Vec<(i128, &str, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| counts(l))
        .filter_map(|(i, l)| l.total.map(|t| (t, l.judge, i)))
        .collect();
    if counted.is_empty() {
        return None;
    }
    // Sorted by total, then judge id, so that which copy of an equal total is trimmed never
    // depends on the order of the file.
    counted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let n = counted.len();
    match method {
        Method::Mean => mean_of(&counted),
        Method::TrimmedMean { drop, from } => {
            let drop = drop as usize;
            if n < from as usize || n <= 2 * drop {
                return mean_of(&counted);
            }
            for &(_, _, i) in counted[..drop].iter().chain(&counted[n - drop..]) {
                lines[i].status = SheetStatus::Trimmed;
            }
            mean_of(&counted[drop..n - drop])
        }
        Method::Median => {
            if n % 2 == 1 {
                mean_of(&counted[n / 2..n / 2 + 1])
            } else {
                mean_of(&counted[n / 2 - 1..n / 2 + 1])
            }
        }
        Method::ZScore => None,
    }
}

/// The exact mean of the totals of `counted`; None when it is empty.
fn mean_of(counted: &[(i128, &str, usize)]) -> Option<Exact> {
    let sum: i128 = counted.iter().map(|c| c.0).sum();
    (!counted.is_empty()).then(|| Exact::new(sum, PRODUCT_SCALE * counted.len() as i128))
}

/// Per criterion, the exact mean of weight × score over the lines that count after chênh lệch
/// (trimmed ones included), rounded.
pub fn criterion_means(lines: &[Line], criteria: &[SharedId], decimals: u8) -> Vec<CriterionMean> {
    // The sums on the stack for the usual few criteria (this runs once per submission).
    let mut few = [0i128; 16];
    let mut many = Vec::new();
    let sums: &mut [i128] = if criteria.len() <= few.len() {
        &mut few[..criteria.len()]
    } else {
        many.resize(criteria.len(), 0);
        &mut many
    };
    let mut n = 0i128;
    for line in lines.iter().filter(|l| counts_after_divergence(l)) {
        n += 1;
        for (sum, w) in sums.iter_mut().zip(line.weighted) {
            *sum += w;
        }
    }
    criteria
        .iter()
        .zip(sums.iter())
        .map(|(criterion, &sum)| CriterionMean {
            criterion: criterion.clone(),
            mean: (n > 0).then(|| Exact::new(sum, PRODUCT_SCALE * n).round(decimals)),
        })
        .collect()
}
