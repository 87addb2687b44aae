//! A round scored once and then again and again with some judges left out — what the analysis
//! asks when it tries every panel without one judge (or two). Leaving a judge out changes only the
//! submissions that judge has a sheet for (or is assigned to), so only those are scored again; the
//! rest keep their rows, copied with only what ranking needs. With the z-score method every score
//! depends on every judge, and the whole round is scored again.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Flag, Method, Points, RoundResult, Session, SubmissionResult};

use super::{Prepared, RowContext, Split, Variant, compute_prepared, finish_round};

pub struct WithoutJudges<'p, 'a> {
    /// The round, its submissions and their sheets, read once.
    prepared: &'p Prepared<'a>,
    /// Every row as scored with the whole panel, keeping only what ranking reads (None for the
    /// z-score method).
    base: Option<Vec<SubmissionResult>>,
    /// Per judge id: the positions of the submissions the judge has a line for.
    lines_of: HashMap<&'a str, Vec<u32>>,
    decimals: u8,
    /// Per scope, its eligible rows best first (positions), whether each is below a criterion
    /// minimum, and how many award (or advancement) slots it has.
    scopes: Vec<ScopeOrder>,
}

/// A scope's eligible rows in ranking order, as scored with the whole panel.
struct ScopeOrder {
    /// (position, below a criterion minimum), best first.
    order: Vec<(u32, bool)>,
    slots: usize,
}

/// A row with only what ranking and awards read: score, criterion means, id, and whether it has
/// enough scores.
fn for_ranking(row: SubmissionResult) -> SubmissionResult {
    SubmissionResult {
        judges: Vec::new(),
        flags: row
            .flags
            .into_iter()
            .filter(|f| matches!(f, Flag::NotEnoughScores { .. }))
            .collect(),
        ..row
    }
}

impl<'p, 'a> WithoutJudges<'p, 'a> {
    /// The round `prepared` holds ([`super::prepare`], with the previous round's official results).
    pub fn new(prepared: &'p Prepared<'a>) -> Self {
        let session = prepared.session;
        let index = prepared.index;
        let contest = &session.contest;
        let round = prepared.round();
        let decimals = contest.decimals.min(Points::MAX_DECIMALS);
        let mut out = WithoutJudges {
            prepared,
            base: None,
            lines_of: HashMap::default(),
            decimals,
            scopes: Vec::new(),
        };
        if contest.rules.method == Method::ZScore {
            return out;
        }
        let in_round = &prepared.in_round;
        // Whole: which judges have a line for which submission is read from these rows.
        let (rows, _) = out
            .context(&[], false)
            .rows(in_round, in_round.len(), 0..in_round.len());
        let judges: HashMap<&str, &'a str> = round.judges.iter().map(|j| (j.as_str(), j.as_str())).collect();
        let mut lines_of: HashMap<&'a str, Vec<u32>> = HashMap::default();
        for (k, row) in rows.iter().enumerate() {
            for line in &row.judges {
                if let Some(&judge) = judges.get(&*line.judge) {
                    lines_of.entry(judge).or_default().push(k as u32);
                }
            }
        }
        out.lines_of = lines_of;
        let rows: Vec<SubmissionResult> = rows.into_iter().map(for_ranking).collect();
        out.scopes = scope_orders(session, index, in_round, &rows);
        out.base = Some(rows);
        out
    }

    /// Rows scored with `absent` left out; `for_ranking`: with only what ranking reads.
    fn context<'c>(&'c self, absent: &'c [&'c str], for_ranking: bool) -> RowContext<'a, 'c, 'c> {
        RowContext {
            contest: &self.prepared.session.contest,
            round: self.prepared.round(),
            sheets: &self.prepared.sheets,
            decimals: self.decimals,
            method: self.prepared.session.contest.rules.method,
            absent,
            for_ranking,
        }
    }

    /// The round's results with the full rules, `absent` left out.
    pub fn result(&self, absent: &[&str]) -> RoundResult {
        let Some(base) = &self.base else {
            return compute_prepared(
                self.prepared,
                Split::Into(1),
                &Variant {
                    absent,
                    ..Variant::default()
                },
            );
        };
        let touched = self.touched(absent);
        let again = self.again(absent, &touched);
        let mut rows = base.clone();
        for (&k, row) in touched.iter().zip(again) {
            rows[k as usize] = row;
        }
        finish_round(
            self.prepared.session,
            self.prepared.index,
            self.prepared.previous,
            &self.prepared.in_round,
            rows,
            false,
        )
    }

    /// The rows of the submissions at `touched` scored again without `absent`, for ranking.
    fn again(&self, absent: &[&str], touched: &[u32]) -> Vec<SubmissionResult> {
        let (rows, _) = self.context(absent, true).rows(
            &self.prepared.in_round,
            touched.len(),
            touched.iter().map(|&k| k as usize),
        );
        rows
    }

    /// The positions of the submissions `absent` have a line for, in order.
    fn touched(&self, absent: &[&str]) -> Vec<u32> {
        let mut touched: Vec<u32> = absent
            .iter()
            .filter_map(|j| self.lines_of.get(j))
            .flatten()
            .copied()
            .collect();
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// Who gets an award (or advances, or is tied for either) with `absent` left out — the same as
    /// [`WithoutJudges::result`] says, for every submission — worked out on as few rows as can
    /// decide it: those scored again, and in each scope the best of the others, as many as there
    /// are slots and more, until the last of them is seen to get nothing (then nothing below it
    /// can). The result lists only those rows; every other submission gets nothing.
    pub fn awarded(&self, absent: &[&str]) -> RoundResult {
        let Some(base) = &self.base else {
            return self.result(absent);
        };
        let touched = self.touched(absent);
        let again = self.again(absent, &touched);
        let is_touched = |k: u32| touched.binary_search(&k).is_ok();
        let chain = super::chain_positions(self.prepared.round());
        let mut take = self.scopes.iter().map(|s| s.slots + 8).max().unwrap_or(8);
        loop {
            // Per scope: the first `take` untouched rows that can be awarded, the rows equal to the
            // last of them, and the below-minimum rows among them (never awarded, kept in order).
            let mut kept: Vec<u32> = Vec::new();
            let mut boundaries: Vec<u32> = Vec::new();
            let mut whole = true;
            for scope in &self.scopes {
                let mut counted = 0;
                let mut last: Option<u32> = None;
                for &(k, below) in &scope.order {
                    if is_touched(k) {
                        continue;
                    }
                    if let Some(b) = last
                        && counted >= take
                        && super::rank::compare(&base[b as usize], &base[k as usize], &chain).is_ne()
                    {
                        // Past the last one taken and not equal to it: the rest are left out.
                        whole = false;
                        break;
                    }
                    kept.push(k);
                    if !below {
                        counted += 1;
                        last = Some(k);
                    }
                }
                if let Some(b) = last {
                    boundaries.push(b);
                }
            }
            kept.extend(touched.iter().copied());
            kept.sort_unstable();
            let mut in_round = Vec::with_capacity(kept.len());
            let mut rows = Vec::with_capacity(kept.len());
            for &k in &kept {
                in_round.push(self.prepared.in_round[k as usize]);
                rows.push(match touched.binary_search(&k) {
                    Ok(i) => again[i].clone(),
                    Err(_) => base[k as usize].clone(),
                });
            }
            let result = finish_round(
                self.prepared.session,
                self.prepared.index,
                self.prepared.previous,
                &in_round,
                rows,
                false,
            );
            // Every row left out ranks below the boundary row of its scope: when each boundary
            // row gets nothing, no slot was left for them (or no tier left would take them).
            let decided = whole
                || boundaries.iter().all(|&b| {
                    let id = self.prepared.in_round[b as usize].id.as_str();
                    result
                        .scopes
                        .iter()
                        .flat_map(|s| &s.rows)
                        .find(|r| r.submission == id)
                        .is_some_and(|r| {
                            r.award.is_none()
                                && r.advanced != Some(true)
                                && !r.flags.iter().any(|f| matches!(f, Flag::Tied { .. }))
                        })
                });
            if decided {
                return result;
            }
            take *= 2;
        }
    }
}

/// Each scope's eligible rows in ranking order, with their slots (see [`ScopeOrder`]).
fn scope_orders(
    session: &Session,
    index: usize,
    in_round: &[&crate::model::Submission],
    rows: &[SubmissionResult],
) -> Vec<ScopeOrder> {
    let contest = &session.contest;
    let round = &contest.rounds[index];
    let is_last = index + 1 == contest.rounds.len();
    let scope = if is_last {
        contest.awards.scope
    } else {
        round.advancement.as_ref().map(|a| a.scope).unwrap_or_default()
    };
    let chain = super::chain_positions(round);
    // Each row's position carried through the split by scope in its id.
    let positions: Vec<SubmissionResult> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| SubmissionResult {
            submission: k.to_string(),
            ..r.clone()
        })
        .collect();
    super::split_by_scope(contest, scope, in_round, positions)
        .into_iter()
        .map(|(category, scope_rows)| {
            let mut order: Vec<(u32, bool)> = scope_rows
                .iter()
                .filter(|r| super::eligible(r))
                .filter_map(|r| {
                    let k: u32 = r.submission.parse().ok()?;
                    let below = round
                        .criteria
                        .iter()
                        .zip(&r.criterion_means)
                        .any(|(c, m)| matches!((c.min, m.mean), (Some(min), Some(mean)) if mean < min));
                    Some((k, below))
                })
                .collect();
            order.sort_by(|a, b| super::rank::compare(&rows[a.0 as usize], &rows[b.0 as usize], &chain));
            let slots = if is_last {
                contest
                    .awards
                    .tiers
                    .iter()
                    .map(|t| usize::try_from(contest.awards.count_for(t, category.as_deref())).unwrap_or(0))
                    .sum()
            } else {
                round.advancement.as_ref().map_or(0, |a| a.top_n as usize)
            };
            ScopeOrder { order, slots }
        })
        .collect()
}
