//! The scoring rules (`shared/spec/scoring-rules.md`, written up in docs/scoring.md) as pure
//! functions: a session's contest, submissions, sheets and decisions in, every round's results out.

pub mod awards;
pub mod conflicts;
pub mod exact;
pub mod field;
pub mod rank;
pub mod sheets;
pub mod what_if;
pub mod without;
pub mod zscore;

pub(crate) mod aggregate;

use std::collections::HashSet;
use std::ops::Range;

use crate::model::{
    Contest, Flag, JudgeLine, Method, Points, Round, RoundResult, Scope, ScopeResult, Session, SharedId,
    SubmissionResult, TieTarget, Vacancy, VacantSlots,
};

use awards::{DecisionContext, Slot, allocate};
use conflicts::ConflictIndex;
use sheets::{Line, RoundSheets};

/// The results of every round, in order. A later round scores only what the previous one advanced.
pub fn compute(session: &Session) -> Vec<RoundResult> {
    compute_split(session, Split::Auto)
}

/// [`compute`], with the work shared among cores as `split` says. The results do not depend on it.
pub fn compute_split(session: &Session, split: Split) -> Vec<RoundResult> {
    let mut results: Vec<RoundResult> = Vec::with_capacity(session.contest.rounds.len());
    for index in 0..session.contest.rounds.len() {
        let result = compute_round(session, index, results.last(), split);
        results.push(result);
    }
    results
}

/// How scoring shares its work among the machine's cores. Each part is worked out exactly as it
/// would be alone and the parts are put end to end in order, so the results never depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// One part per core (at most four) when the work is large enough to gain from it.
    Auto,
    /// This many parts (at least one), whatever the size: for tests.
    Into(usize),
}

impl Split {
    /// Runs `work` over `0..n` cut into contiguous ranges and returns their outputs in order.
    /// `large` says whether the work is worth more than one core under [`Split::Auto`].
    pub(crate) fn run<T: Send>(
        self,
        n: usize,
        large: bool,
        work: impl Fn(Range<usize>) -> T + Sync,
    ) -> Vec<T> {
        let parts = match self {
            Split::Auto if large => std::thread::available_parallelism().map_or(1, |c| c.get().min(4)),
            Split::Auto => 1,
            Split::Into(parts) => parts.max(1),
        }
        .min(n.max(1));
        if parts == 1 {
            return vec![work(0..n)];
        }
        let bounds: Vec<usize> = (0..=parts).map(|i| i * n / parts).collect();
        let work = &work;
        std::thread::scope(|scope| {
            // A part whose thread cannot be started is worked out here instead.
            let started: Vec<(Range<usize>, Option<std::thread::ScopedJoinHandle<T>>)> = (1..parts)
                .map(|i| {
                    let range = bounds[i]..bounds[i + 1];
                    let r = range.clone();
                    (
                        range,
                        std::thread::Builder::new()
                            .spawn_scoped(scope, move || work(r))
                            .ok(),
                    )
                })
                .collect();
            let mut out = vec![work(bounds[0]..bounds[1])];
            for (range, handle) in started {
                out.push(match handle.map(|h| h.join()) {
                    Some(Ok(part)) => part,
                    Some(Err(panic)) => std::panic::resume_unwind(panic),
                    None => work(range),
                });
            }
            out
        })
    }
}

/// What an analysis changes when it scores a round again to see what would differ (advisory:
/// the official results are [`compute_round`], which is the default variant).
#[derive(Clone, Copy, Default)]
pub struct Variant<'v> {
    /// Another method than the contest's.
    pub method: Option<Method>,
    /// Judges (by id) scored as if absent: their sheets, and the flags about them, are left out.
    pub absent: &'v [&'v str],
    /// Sets every row's score before ranking, for an ordering outside the rules (higher ranks
    /// first; a row left without a score is not eligible).
    pub rescore: Option<Rescore<'v>>,
    /// Tiers' and advancement's minimum scores are not applied (a rescore on another scale).
    pub ignore_min_scores: bool,
    /// Rows with only what ranking and awards read: no judge lines, and of the flags the sheets
    /// raise only "not enough scores" (the ranks, scores, awards, advancement and ties are the
    /// same). Not with a [`Variant::rescore`] that reads the judge lines.
    pub for_ranking: bool,
}

/// Sets the scores of a round's rows before they are ranked (see [`Variant::rescore`]).
pub type Rescore<'v> = &'v (dyn Fn(&mut [SubmissionResult]) + Sync);

/// The results of round `index`, given the previous round's results (None for the first round).
pub fn compute_round(
    session: &Session,
    index: usize,
    previous: Option<&RoundResult>,
    split: Split,
) -> RoundResult {
    compute_round_variant(session, index, previous, split, &Variant::default())
}

/// [`compute_round`] as `variant` changes it.
pub fn compute_round_variant(
    session: &Session,
    index: usize,
    previous: Option<&RoundResult>,
    split: Split,
    variant: &Variant,
) -> RoundResult {
    compute_prepared(&read_round(session, index, previous, split), split, variant)
}

/// A round's submissions and sheets, read once ([`prepare`]) to score the round several ways: the
/// analysis scores it under other methods, without each judge and with single scores changed, all
/// from one reading of the sheets (reading them was most of each scoring of a large round).
pub struct Prepared<'a> {
    pub session: &'a Session,
    pub index: usize,
    /// The previous round's official results (None for the first round).
    pub previous: Option<&'a RoundResult>,
    pub(crate) in_round: Vec<&'a crate::model::Submission>,
    pub(crate) sheets: RoundSheets<'a>,
}

impl<'a> Prepared<'a> {
    /// The round it holds.
    pub fn round(&self) -> &'a Round {
        &self.session.contest.rounds[self.index]
    }
}

/// Round `index` of `session` read for scoring, given the previous round's official results.
pub fn prepare<'a>(
    session: &'a Session,
    index: usize,
    previous: Option<&'a RoundResult>,
    split: Split,
) -> Prepared<'a> {
    let mut prepared = read_round(session, index, previous, split);
    // Laid out submission by submission: a prepared round is scored many times.
    prepared.sheets = prepared.sheets.by_submission();
    prepared
}

/// Round `index`'s submissions and sheets, read for one scoring.
fn read_round<'a>(
    session: &'a Session,
    index: usize,
    previous: Option<&'a RoundResult>,
    split: Split,
) -> Prepared<'a> {
    let in_round = in_round(session, previous);
    let sheets = round_sheets(session, index, &in_round, split);
    Prepared {
        session,
        index,
        previous,
        in_round,
        sheets,
    }
}

/// The round `prepared` holds, scored as `variant` changes it: the same as
/// [`compute_round_variant`] on the same session, round and previous results.
pub fn compute_prepared(prepared: &Prepared, split: Split, variant: &Variant) -> RoundResult {
    let Prepared {
        session,
        index,
        previous,
        in_round,
        sheets,
    } = prepared;
    let (session, index, previous) = (*session, *index, *previous);
    let contest = &session.contest;
    let method = variant.method.unwrap_or(contest.rules.method);
    let round = &contest.rounds[index];
    let decimals = contest.decimals.min(Points::MAX_DECIMALS);

    let context = RowContext {
        contest,
        round,
        sheets,
        decimals,
        method,
        absent: variant.absent,
        for_ranking: variant.for_ranking,
    };
    let zscore = method == Method::ZScore;
    // Steps 2–4 for each submission, in parts put end to end.
    let mut rows = Vec::with_capacity(in_round.len());
    let mut counted_totals: Vec<Vec<(&str, i128)>> = Vec::new();
    for (part_rows, part_totals) in split.run(in_round.len(), in_round.len() >= 2_000, |range| {
        context.rows(in_round, range.len(), range)
    }) {
        rows.extend(part_rows);
        counted_totals.extend(part_totals);
    }
    if zscore {
        for (row, score) in rows
            .iter_mut()
            .zip(zscore::zscore_scores(&counted_totals, decimals))
        {
            row.score = score;
        }
    }
    drop(counted_totals);
    if let Some(rescore) = variant.rescore {
        rescore(&mut rows);
    }

    finish_round(
        session,
        index,
        previous,
        in_round,
        rows,
        variant.ignore_min_scores,
    )
}

/// Spec §5–6 for a round whose rows are scored (steps 2–4 done, in `in_round`'s order): criterion
/// minimums, then ranking and awards or advancement, per scope.
pub(crate) fn finish_round(
    session: &Session,
    index: usize,
    previous: Option<&RoundResult>,
    in_round: &[&crate::model::Submission],
    mut rows: Vec<SubmissionResult>,
    ignore_min_scores: bool,
) -> RoundResult {
    let contest = &session.contest;
    let round = &contest.rounds[index];
    let is_last = index + 1 == contest.rounds.len();
    let criteria = &round.criteria;
    // Criterion minimums (spec §5).
    for row in rows.iter_mut().filter(|r| eligible(r)) {
        for (criterion, mean) in criteria.iter().zip(&row.criterion_means) {
            if let (Some(min), Some(mean)) = (criterion.min, mean.mean)
                && mean < min
            {
                row.flags.push(Flag::BelowMinimum {
                    criterion: criterion.id.clone(),
                    mean,
                    min,
                });
            }
        }
    }

    // Ranking and allocation, per scope.
    let scope = if is_last {
        contest.awards.scope
    } else {
        round.advancement.as_ref().map(|a| a.scope).unwrap_or_default()
    };
    let mut result = RoundResult {
        round: round.id.clone(),
        provisional: previous.is_some_and(|p| p.provisional),
        maximum_total: round.maximum_total(),
        scopes: Vec::new(),
        unused_decisions: Vec::new(),
    };
    let mut used_decisions = Vec::new();
    for (category, scope_rows) in split_by_scope(contest, scope, in_round, rows) {
        let scope_result = rank_and_allocate(
            session,
            round,
            is_last,
            category,
            scope_rows,
            &mut used_decisions,
            ignore_min_scores,
        );
        result.provisional |= scope_result.1;
        result.scopes.push(scope_result.0);
    }
    result.unused_decisions = session
        .decisions
        .iter()
        .enumerate()
        .filter(|(i, d)| d.round == round.id && !used_decisions.contains(i))
        .map(|(i, _)| i)
        .collect();
    result
}

/// The tie-break chain as positions in the round's criteria (criteria it names that the round does
/// not have are left out).
pub(crate) fn chain_positions(round: &Round) -> Vec<usize> {
    round
        .tie_break_chain()
        .iter()
        .filter_map(|id| round.criteria.iter().position(|c| c.id == *id))
        .collect()
}

/// The sheets of round `index` for the submissions `in_round`, read once.
pub(crate) fn round_sheets<'a>(
    session: &'a Session,
    index: usize,
    in_round: &[&'a crate::model::Submission],
    split: Split,
) -> RoundSheets<'a> {
    RoundSheets::new(
        &session.contest.rounds[index],
        in_round,
        session.scoresheets.iter(),
        ConflictIndex::new(&session.contest),
        split,
    )
}

/// The submissions a round scores: all of them in the first round, then those the previous round
/// advanced (spec §7), in the session's order.
pub(crate) fn in_round<'a>(
    session: &'a Session,
    previous: Option<&RoundResult>,
) -> Vec<&'a crate::model::Submission> {
    let advanced: Option<HashSet<&str>> = previous.map(|p| {
        p.scopes
            .iter()
            .flat_map(|s| &s.rows)
            .filter(|r| r.advanced == Some(true))
            .map(|r| r.submission.as_str())
            .collect()
    });
    session
        .submissions
        .iter()
        .filter(|s| advanced.as_ref().is_none_or(|a| a.contains(s.id.as_str())))
        .collect()
}

/// What scoring a submission's row needs (steps 2–4).
pub(crate) struct RowContext<'a, 's, 'x> {
    pub(crate) contest: &'a Contest,
    pub(crate) round: &'a Round,
    pub(crate) sheets: &'s RoundSheets<'a>,
    pub(crate) decimals: u8,
    pub(crate) method: Method,
    /// Judges left out (see [`Variant::absent`]).
    pub(crate) absent: &'x [&'x str],
    /// Only what ranking reads: no judge lines, and of the flags only "not enough scores" (the
    /// panels without a judge score a quarter of a million rows again at 100,000 submissions, and
    /// dropped every line and flag they built).
    pub(crate) for_ranking: bool,
}

/// Each counting judge's total of one submission, for the z-score method.
type CountedTotals<'a> = Vec<(&'a str, i128)>;

impl<'a, 's, 'x> RowContext<'a, 's, 'x> {
    /// The rows of the `count` submissions of `in_round` at `positions`, and for the z-score method
    /// each one's counted totals.
    pub(crate) fn rows(
        &self,
        in_round: &[&'a crate::model::Submission],
        count: usize,
        positions: impl Iterator<Item = usize>,
    ) -> (Vec<SubmissionResult>, Vec<CountedTotals<'s>>) {
        let contest = self.contest;
        let decimals = self.decimals;
        let zscore = self.method == Method::ZScore;
        let mut rows = Vec::with_capacity(count);
        let mut counted_totals = Vec::with_capacity(if zscore { count } else { 0 });
        // Ids shared by every row of this part, so that a row costs no copy of them (each part has
        // its own: cores counting references to the same ones would slow each other down).
        let criterion_ids: Vec<SharedId> = self
            .round
            .criteria
            .iter()
            .map(|c| SharedId::from(c.id.as_str()))
            .collect();
        let judge_ids: Vec<SharedId> = self
            .round
            .judges
            .iter()
            .map(|j| SharedId::from(j.as_str()))
            .collect();
        let mut lines = Vec::new();
        let mut sheet_flags = Vec::new();
        for k in positions {
            let submission = in_round[k];
            self.sheets
                .lines_into(k, submission, &mut lines, &mut sheet_flags);
            if !self.absent.is_empty() {
                lines.retain(|l| !self.absent.contains(&l.judge));
                sheet_flags.retain(|f| flag_judge(f).is_none_or(|j| !self.absent.contains(&j)));
            }
            let divergent =
                aggregate::apply_divergence(&mut lines, contest.rules.divergence.as_ref(), decimals);
            let mut flags = if self.for_ranking {
                sheet_flags.clear();
                Vec::new()
            } else {
                let mut flags = std::mem::take(&mut sheet_flags);
                flags.extend(divergent);
                flags
            };
            let counted = lines.iter().filter(|l| aggregate::counts(l)).count() as u32;
            let score = aggregate::exact_score(&mut lines, self.method).map(|e| e.round(decimals));
            if zscore {
                counted_totals.push(
                    lines
                        .iter()
                        .filter(|l| aggregate::counts(l))
                        .filter_map(|l| l.total.map(|t| (l.judge, t)))
                        .collect(),
                );
            }
            if counted < contest.rules.min_judges {
                flags.push(Flag::NotEnoughScores {
                    counted,
                    min: contest.rules.min_judges,
                });
            }
            rows.push(SubmissionResult {
                submission: submission.id.clone(),
                rank: None,
                score,
                sheets_counted: counted,
                judges: if self.for_ranking {
                    Vec::new()
                } else {
                    lines
                        .iter()
                        .map(|l| judge_line(l, &judge_ids, decimals))
                        .collect()
                },
                criterion_means: aggregate::criterion_means(&lines, &criterion_ids, decimals),
                award: None,
                advanced: None,
                flags,
            });
        }
        (rows, counted_totals)
    }
}

/// Within a shared rank, lists the rows in award order — a higher tier (or advancing) first, then
/// the council's order where it decided one, then by id — so that no listing shows a lower award
/// above a higher one. The ranks themselves stay shared (spec §5).
fn list_in_award_order(rows: &mut Vec<SubmissionResult>, allocation: &awards::Allocation) {
    let council: std::collections::HashMap<&str, usize> = allocation
        .ties
        .iter()
        .filter_map(|t| match &t.resolution {
            Some(crate::model::Resolution::Order(order)) => Some(order),
            _ => None,
        })
        .flat_map(|order| order.iter().enumerate().map(|(i, s)| (s.as_str(), i)))
        .collect();
    let keys: Vec<(Option<u32>, usize, usize)> = rows
        .iter()
        .zip(&allocation.taken)
        .map(|(row, taken)| {
            let place = council.get(row.submission.as_str()).copied().unwrap_or(0);
            (row.rank, taken.unwrap_or(usize::MAX), place)
        })
        .collect();
    // Usually already in that order (no shared rank across an award line): nothing to move.
    if keys.is_sorted() {
        return;
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // Stable: rows equal on every key keep the id order the ranking gave them.
    order.sort_by_key(|&i| keys[i]);
    let mut taken: Vec<Option<SubmissionResult>> = std::mem::take(rows).into_iter().map(Some).collect();
    rows.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// The judge a sheet's flag is about, if any.
fn flag_judge(flag: &Flag) -> Option<&str> {
    match flag {
        Flag::IncompleteSheet { judge, .. }
        | Flag::Conflict { judge, .. }
        | Flag::NeedsDiscussion { judge, .. }
        | Flag::DivergentExcluded { judge, .. } => Some(judge),
        _ => None,
    }
}

pub(crate) fn eligible(row: &SubmissionResult) -> bool {
    !row.flags
        .iter()
        .any(|f| matches!(f, Flag::NotEnoughScores { .. }))
        && row.score.is_some()
}

fn judge_line(line: &Line, judge_ids: &[SharedId], decimals: u8) -> JudgeLine {
    JudgeLine {
        judge: judge_ids[line.position].clone(),
        total: line
            .total
            .map(|t| exact::Exact::from_product_units(t).round(decimals)),
        status: line.status,
    }
}

/// The rows of each scope: all of them, or one group per category in the contest's order
/// (submissions without a known category last, as a scope of their own).
fn split_by_scope(
    contest: &Contest,
    scope: Scope,
    submissions: &[&crate::model::Submission],
    rows: Vec<SubmissionResult>,
) -> Vec<(Option<String>, Vec<SubmissionResult>)> {
    match scope {
        Scope::Overall => vec![(None, rows)],
        Scope::PerCategory => {
            let mut scopes: Vec<(Option<String>, Vec<SubmissionResult>)> = contest
                .categories
                .iter()
                .map(|c| (Some(c.id.clone()), Vec::new()))
                .collect();
            let mut uncategorized = Vec::new();
            for (submission, row) in submissions.iter().zip(rows) {
                let slot = submission
                    .category
                    .as_deref()
                    .and_then(|c| scopes.iter().position(|(id, _)| id.as_deref() == Some(c)));
                match slot {
                    Some(i) => scopes[i].1.push(row),
                    None => uncategorized.push(row),
                }
            }
            if !uncategorized.is_empty() {
                scopes.push((None, uncategorized));
            }
            scopes
        }
    }
}

/// Ranks one scope's rows and gives out its awards (last round) or advancement; returns the scope
/// and whether a tie in it still waits for a decision.
fn rank_and_allocate(
    session: &Session,
    round: &Round,
    is_last: bool,
    category: Option<String>,
    rows: Vec<SubmissionResult>,
    used_decisions: &mut Vec<usize>,
    ignore_min_scores: bool,
) -> (ScopeResult, bool) {
    let contest = &session.contest;
    // Rows are large: they are moved only when some are not eligible.
    let (mut ranked, mut unranked): (Vec<_>, Vec<_>) = if rows.iter().all(eligible) {
        (rows, Vec::new())
    } else {
        rows.into_iter().partition(eligible)
    };
    let chain_ids: Vec<SharedId> = round
        .tie_break_chain()
        .into_iter()
        .filter(|id| round.criterion(id).is_some())
        .map(|id| SharedId::from(id.as_str()))
        .collect();
    let chain = chain_positions(round);
    let groups = rank::rank(&mut ranked, &chain, &chain_ids);

    let slots: Vec<Slot> = if is_last {
        contest
            .awards
            .tiers
            .iter()
            .map(|t| Slot {
                target: TieTarget::Tier(t.id.clone()),
                capacity: u32::try_from(contest.awards.count_for(t, category.as_deref()).max(0))
                    .unwrap_or(u32::MAX),
                min_score: t.min_score.filter(|_| !ignore_min_scores),
            })
            .collect()
    } else {
        round
            .advancement
            .iter()
            .map(|a| Slot {
                target: TieTarget::Advancement,
                capacity: a.top_n,
                min_score: a.min_score.filter(|_| !ignore_min_scores),
            })
            .collect()
    };
    let ctx = DecisionContext {
        decisions: &session.decisions,
        round: &round.id,
        category: category.as_deref(),
    };
    let cascade = contest.rules.vacancy == Vacancy::CascadeDown && is_last;
    let allocation = allocate(&mut ranked, &groups, &slots, cascade, &ctx);
    for (row, taken) in ranked.iter_mut().zip(&allocation.taken) {
        if is_last {
            row.award = taken.map(|s| match &slots[s].target {
                TieTarget::Tier(id) => id.clone(),
                TieTarget::Advancement => String::new(),
            });
        } else {
            row.advanced = Some(taken.is_some());
        }
    }
    if !is_last {
        for row in &mut unranked {
            row.advanced = Some(false);
        }
    }
    list_in_award_order(&mut ranked, &allocation);
    used_decisions.extend(&allocation.used_decisions);
    // Not eligible: after the ranked ones, by score then id (display order only).
    unranked.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.submission.cmp(&b.submission))
    });
    ranked.extend(unranked);
    let vacant = if is_last {
        allocation
            .vacant
            .iter()
            .map(|&(s, slots_left)| VacantSlots {
                tier: match &slots[s].target {
                    TieTarget::Tier(id) => id.clone(),
                    TieTarget::Advancement => String::new(),
                },
                slots: slots_left,
            })
            .collect()
    } else {
        Vec::new()
    };
    (
        ScopeResult {
            category,
            rows: ranked,
            ties: allocation.ties,
            vacant,
        },
        allocation.pending,
    )
}
