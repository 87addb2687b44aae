//! Spec §5: ranking within a scope. Score descending, then the tie-break chain of rounded criterion
//! means; what is still equal is tied and shares a rank (1, 2, 2, 4). Nothing else breaks a tie.

use std::cmp::Ordering;

use crate::model::{Flag, SubmissionResult};

/// Compares two eligible rows by score and the chain (`chain` holds positions in
/// `criterion_means`); `Less` means `a` ranks higher.
pub fn compare(a: &SubmissionResult, b: &SubmissionResult, chain: &[usize]) -> Ordering {
    b.score.cmp(&a.score).then_with(|| {
        chain
            .iter()
            .map(|&c| mean(b, c).cmp(&mean(a, c)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

fn mean(row: &SubmissionResult, c: usize) -> Option<crate::model::Points> {
    row.criterion_means.get(c).and_then(|m| m.mean)
}

/// Sorts the eligible rows, sets their ranks and the tie-break flags, and returns the groups of
/// row positions that share a rank, best first. Within a group the rows are in id order (for
/// display only).
pub fn rank(rows: &mut [SubmissionResult], chain: &[usize], chain_ids: &[String]) -> Vec<Vec<usize>> {
    rows.sort_by(|a, b| compare(a, b, chain).then_with(|| a.submission.cmp(&b.submission)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..rows.len() {
        let tied_with_previous = i > 0 && compare(&rows[i - 1], &rows[i], chain).is_eq();
        match groups.last_mut() {
            Some(group) if tied_with_previous => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    for group in &groups {
        let rank = group[0] as u32 + 1;
        for &i in group {
            rows[i].rank = Some(rank);
        }
    }
    // Explain every place where equal scores were ordered by the chain.
    for i in 1..rows.len() {
        if rows[i - 1].score != rows[i].score || compare(&rows[i - 1], &rows[i], chain).is_eq() {
            continue;
        }
        let Some(pos) = chain
            .iter()
            .position(|&c| mean(&rows[i - 1], c) != mean(&rows[i], c))
        else {
            continue;
        };
        let criterion = chain_ids[pos].clone();
        let (upper, lower) = (rows[i - 1].submission.clone(), rows[i].submission.clone());
        rows[i - 1].flags.push(Flag::TieBroken {
            other: lower,
            criterion: criterion.clone(),
            ahead: true,
        });
        rows[i].flags.push(Flag::TieBroken {
            other: upper,
            criterion,
            ahead: false,
        });
    }
    groups
}
