//! Spec §5: ranking within a scope. Score descending, then the tie-break chain of rounded criterion
//! means; what is still equal is tied and shares a rank (1, 2, 2, 4). Nothing else breaks a tie.

use std::cmp::Ordering;
use std::ops::Range;

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

/// A row holding nothing, left where a row was moved out.
fn vacated() -> SubmissionResult {
    SubmissionResult {
        submission: String::new(),
        rank: None,
        score: None,
        sheets_counted: 0,
        judges: Vec::new(),
        criterion_means: Vec::new(),
        award: None,
        advanced: None,
        flags: Vec::new(),
    }
}

fn mean(row: &SubmissionResult, c: usize) -> Option<crate::model::Points> {
    row.criterion_means.get(c).and_then(|m| m.mean)
}

/// Sorts the eligible rows, sets their ranks and the tie-break flags, and returns the groups of
/// rows that share a rank, best first, as ranges of positions (after sorting, a group's rows lie
/// side by side). Within a group the rows are in id order (for display only).
pub fn rank(rows: &mut Vec<SubmissionResult>, chain: &[usize], chain_ids: &[SharedId]) -> Vec<Range<usize>> {
    // Each row's key (score, then the chain's means) side by side, so that sorting reads one
    // array; the order is worked out on positions and the rows moved once (a row is large).
    let width = 1 + chain.len();
    let mut keys: Vec<Option<Points>> = Vec::with_capacity(rows.len() * width);
    for r in rows.iter() {
        keys.push(r.score);
        keys.extend(chain.iter().map(|&c| mean(r, c)));
    }
    let key = |i: usize| &keys[i * width..(i + 1) * width];
    // Higher keys first (what [`compare`] says), then by id; rows equal on both keep their order.
    // Sorted by score alone first, packed with each position into one number (a missing score
    // last), then each run of equal scores by the chain and the id: most rows share their score
    // with only a few others, so the costlier comparison is made a few times per row, not log₂ n.
    let packed = |i: usize, score: Option<Points>| -> u128 {
        // 1 ..= 2^64 for a score, higher scores smaller; 2^64 + 1 for none.
        let rank_of_score = score.map_or(0, |s| (i128::from(s.units()) - i128::from(i64::MIN) + 1) as u128);
        ((u128::from(u64::MAX) + 2 - rank_of_score) << 32) | i as u128
    };
    let mut by_score: Vec<u128> = rows.iter().enumerate().map(|(i, r)| packed(i, r.score)).collect();
    by_score.sort_unstable();
    let position = |x: u128| (x & u128::from(u32::MAX)) as usize;
    for run in by_score.chunk_by_mut(|a, b| a >> 32 == b >> 32) {
        if run.len() > 1 {
            run.sort_by(|&a, &b| {
                let (a, b) = (position(a), position(b));
                key(b)[1..]
                    .cmp(&key(a)[1..])
                    .then_with(|| rows[a].submission.cmp(&rows[b].submission))
            });
        }
    }
    let mut sorted_keys: Vec<Option<Points>> = Vec::with_capacity(keys.len());
    for &x in &by_score {
        sorted_keys.extend_from_slice(key(position(x)));
    }
    let keys = sorted_keys;
    let key = |i: usize| &keys[i * width..(i + 1) * width];
    // Each row moved once into its place, an empty row left behind (it holds nothing to free).
    let mut unsorted = std::mem::take(rows);
    *rows = by_score
        .iter()
        .map(|&x| std::mem::replace(&mut unsorted[position(x)], vacated()))
        .collect();
    drop(unsorted);

    let mut groups: Vec<Range<usize>> = Vec::new();
    for i in 0..rows.len() {
        let tied_with_previous = i > 0 && key(i - 1) == key(i);
        match groups.last_mut() {
            Some(group) if tied_with_previous => group.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    for group in &groups {
        let rank = group.start as u32 + 1;
        for row in &mut rows[group.clone()] {
            row.rank = Some(rank);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CriterionMean;
    use proptest::prelude::*;

    fn row(id: String, score: Option<i64>, means: Vec<Option<i64>>) -> SubmissionResult {
        SubmissionResult {
            submission: id,
            score: score.map(Points::from_units),
            criterion_means: means
                .into_iter()
                .enumerate()
                .map(|(c, m)| CriterionMean {
                    criterion: SharedId::from(format!("c{c}").as_str()),
                    mean: m.map(Points::from_units),
                })
                .collect(),
            ..vacated()
        }
    }

    proptest! {
        /// The order, ranks and groups are those of a plain stable sort by [`compare`] then id,
        /// whatever the scores (few distinct values, so that ties and chains are common; extreme
        /// values, and repeated ids, included).
        #[test]
        fn ranking_is_a_sort_by_score_chain_and_id(
            input in proptest::collection::vec(
                (0u8..6, proptest::option::weighted(0.9, prop_oneof![Just(i64::MIN), Just(i64::MAX), -2i64..3]),
                 proptest::collection::vec(proptest::option::weighted(0.9, 0i64..3), 2)),
                0..40,
            )
        ) {
            let rows: Vec<SubmissionResult> = input
                .into_iter()
                .map(|(id, score, means)| row(format!("DA{id}"), score, means))
                .collect();
            let chain = [1, 0];
            let ids = [SharedId::from("c1"), SharedId::from("c0")];
            let mut expected: Vec<(usize, &SubmissionResult)> = rows.iter().enumerate().collect();
            expected.sort_by(|a, b| compare(a.1, b.1, &chain).then_with(|| a.1.submission.cmp(&b.1.submission)));
            let mut ranked = rows.clone();
            let groups = rank(&mut ranked, &chain, &ids);
            let got: Vec<(&str, Option<Points>)> = ranked.iter().map(|r| (r.submission.as_str(), r.score)).collect();
            let want: Vec<(&str, Option<Points>)> = expected.iter().map(|(_, r)| (r.submission.as_str(), r.score)).collect();
            prop_assert_eq!(got, want);
            // Each row's means came along with it.
            for (r, (_, e)) in ranked.iter().zip(&expected) {
                prop_assert_eq!(&r.criterion_means, &e.criterion_means);
            }
            // Groups: the rows equal under `compare`, side by side, ranked by their first place.
            let mut at = 0;
            for g in &groups {
                prop_assert_eq!(g.start, at);
                at = g.end;
                for i in g.clone() {
                    prop_assert_eq!(ranked[i].rank, Some(g.start as u32 + 1));
                    prop_assert_eq!(compare(&ranked[g.start], &ranked[i], &chain), Ordering::Equal);
                }
                if g.end < ranked.len() {
                    prop_assert_eq!(compare(&ranked[g.start], &ranked[g.end], &chain), Ordering::Less);
                }
            }
            prop_assert_eq!(at, ranked.len());
        }
    }
}
