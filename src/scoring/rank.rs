//! Spec §5: ranking within a scope. Score descending, then the tie-break chain of rounded criterion
//! means; what is still equal is tied and shares a rank (1, 2, 2, 4). Nothing else breaks a tie.

use std::cmp::Ordering;

use crate::model::{Flag, Points, SharedId, SubmissionResult};

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
pub fn rank(rows: &mut Vec<SubmissionResult>, chain: &[usize], chain_ids: &[SharedId]) -> Vec<Vec<usize>> {
    // Each row's key (score, then the chain's means) side by side, so that sorting reads one
    // array; the order is worked out on positions and the rows moved once (a row is large).
    let width = 1 + chain.len();
    let keys: Vec<Option<Points>> = rows
        .iter()
        .flat_map(|r| std::iter::once(r.score).chain(chain.iter().map(|&c| mean(r, c))))
        .collect();
    let key = |i: usize| &keys[i * width..(i + 1) * width];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // Higher keys first (what [`compare`] says), then by id.
    order.sort_by(|&a, &b| {
        key(b)
            .cmp(key(a))
            .then_with(|| rows[a].submission.cmp(&rows[b].submission))
    });
    let keys: Vec<Option<Points>> = order.iter().flat_map(|&i| key(i).iter().copied()).collect();
    let key = |i: usize| &keys[i * width..(i + 1) * width];
    let mut taken: Vec<Option<SubmissionResult>> = std::mem::take(rows).into_iter().map(Some).collect();
    rows.extend(order.into_iter().filter_map(|i| taken[i].take()));
    drop(taken);

    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..rows.len() {
        let tied_with_previous = i > 0 && key(i - 1) == key(i);
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
    let mut shared: Option<(usize, SharedId)> = None;
    for i in 1..rows.len() {
        let (upper, lower) = (key(i - 1), key(i));
        if upper[0] != lower[0] || upper == lower {
            continue;
        }
        let Some(pos) = (1..width).find(|&p| upper[p] != lower[p]).map(|p| p - 1) else {
            continue;
        };
        let criterion = chain_ids[pos].clone();
        // Each id is made shareable once, though a row may be named by the rows on both sides.
        let upper = match shared.take() {
            Some((j, id)) if j == i - 1 => id,
            _ => SharedId::from(rows[i - 1].submission.as_str()),
        };
        let lower = SharedId::from(rows[i].submission.as_str());
        shared = Some((i, lower.clone()));
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
