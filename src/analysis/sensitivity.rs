//! Would an award change? The round scored again (with the full rules, advisory only) under every
//! method, and a rank-sum method outside the rules; without each judge in turn (and each pair of
//! judges in a small round); and, at each award line, the smallest change to one raw score that
//! would swap the two submissions on either side of it.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::model::{Flag, Id, Method, Points, RoundResult, Session, SubmissionResult};
use crate::scoring::what_if::{Change, WhatIf};
use crate::scoring::without::WithoutJudges;
use crate::scoring::{self, Prepared, Split, Variant};

use super::stats::{self, Figure};
use super::{Options, Outcome, PAIRS_UP_TO};

/// A method of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum GridMethod {
    Rules(Method),
    /// Each judge's counted totals turned into ranks (1 = highest, equal totals sharing the
    /// average rank), summed per submission; the lowest sum first. Outside the contest's rules.
    RankSum,
}

#[derive(Clone, Debug, Serialize)]
pub struct GridCell {
    pub rank: Option<u32>,
    /// The score under this method (for the rank sum: the sum of ranks, or their mean when
    /// submissions have different numbers of counted judges).
    pub score: Option<Points>,
    pub outcome: Outcome,
    /// The outcome differs from the official one.
    pub differs: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct GridRow {
    pub submission: Id,
    pub category: Option<Id>,
    pub official: Outcome,
    /// One per method, in [`MethodGrid::methods`]' order.
    pub cells: Vec<GridCell>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MethodTau {
    pub a: usize,
    pub b: usize,
    /// Kendall's tau-b between the two orders of the submissions (not eligible ones last).
    pub tau: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MethodGrid {
    pub methods: Vec<GridMethod>,
    /// The contest's own method's position in `methods`.
    pub official: usize,
    /// Whether the rank sum is a sum (every submission has as many counted judges) or a mean.
    pub rank_sum_is_mean: bool,
    /// Every submission of the round, in the official order.
    pub rows: Vec<GridRow>,
    pub taus: Vec<MethodTau>,
}

/// The methods compared: Mean, TrimmedMean (the contest's drop/from, or 1/5), Median, ZScore and
/// the rank sum.
pub fn grid_methods(session: &Session) -> Vec<GridMethod> {
    let trimmed = match session.contest.rules.method {
        m @ Method::TrimmedMean { .. } => m,
        _ => Method::TrimmedMean { drop: 1, from: 5 },
    };
    vec![
        GridMethod::Rules(Method::Mean),
        GridMethod::Rules(trimmed),
        GridMethod::Rules(Method::Median),
        GridMethod::Rules(Method::ZScore),
        GridMethod::RankSum,
    ]
}

fn rows_of(result: &RoundResult) -> impl Iterator<Item = (&Option<Id>, &SubmissionResult)> {
    result
        .scopes
        .iter()
        .flat_map(|s| s.rows.iter().map(move |r| (&s.category, r)))
}

/// Sets each row's score to minus its rank sum (or mean rank), so that the lowest ranks first.
fn rank_sum_rescore(rows: &mut [SubmissionResult], as_mean: &std::sync::atomic::AtomicBool) {
    // Each judge's counted totals, ranked (doubled average ranks, 1 = highest).
    let mut by_judge: HashMap<&str, Vec<(usize, i64)>> = HashMap::default();
    for (r, row) in rows.iter().enumerate() {
        for line in row.judges.iter().filter(|l| super::counts(l.status)) {
            if let Some(total) = line.total {
                by_judge.entry(&line.judge).or_default().push((r, -total.units()));
            }
        }
    }
    let mut sums = vec![(0i64, 0i64); rows.len()];
    for totals in by_judge.values() {
        let values: Vec<i64> = totals.iter().map(|t| t.1).collect();
        let (ranks, _) = stats::doubled_ranks(&values);
        for (&(r, _), doubled) in totals.iter().zip(ranks) {
            sums[r].0 += doubled;
            sums[r].1 += 1;
        }
    }
    let eligible = |row: &SubmissionResult, n: i64| n > 0 && scoring::eligible(row);
    let counts: std::collections::BTreeSet<i64> = rows
        .iter()
        .zip(&sums)
        .filter(|(row, s)| eligible(row, s.1))
        .map(|(_, s)| s.1)
        .collect();
    let mean = counts.len() > 1;
    as_mean.store(mean, std::sync::atomic::Ordering::Relaxed);
    for (row, &(doubled, n)) in rows.iter_mut().zip(&sums) {
        row.score = (n > 0).then(|| {
            // Doubled ranks: the sum is doubled / 2, in points units.
            let units = if mean {
                (i128::from(doubled) * i128::from(Points::SCALE) / 2 / i128::from(n)) as i64
            } else {
                doubled * Points::SCALE / 2
            };
            Points::from_units(-units)
        });
    }
}

/// The round under every method of [`grid_methods`].
pub fn method_grid(prepared: &Prepared, official: &RoundResult) -> MethodGrid {
    let session = prepared.session;
    let methods = grid_methods(session);
    let contest_method = session.contest.rules.method;
    let as_mean = std::sync::atomic::AtomicBool::new(false);
    let rescore = |rows: &mut [SubmissionResult]| rank_sum_rescore(rows, &as_mean);
    // Each row's place in the official order, to put every method's figures beside it.
    let position: HashMap<&str, usize> = rows_of(official)
        .enumerate()
        .map(|(i, (_, row))| (row.submission.as_str(), i))
        .collect();
    let n = position.len();
    let mut rows: Vec<GridRow> = rows_of(official)
        .map(|(category, row)| GridRow {
            submission: row.submission.clone(),
            category: category.clone(),
            official: Outcome::of(row),
            cells: Vec::with_capacity(methods.len()),
        })
        .collect();
    // Each method's order as one key per submission (higher first; not eligible lowest).
    let mut keys: Vec<Vec<i64>> = Vec::with_capacity(methods.len());
    // One method at a time, keeping only what the grid shows of its results (a round of 100,000
    // submissions is some hundred megabytes of results).
    for m in &methods {
        let variant = match m {
            GridMethod::Rules(m) if *m == contest_method => None,
            // The grid reads only ranks, scores and outcomes: no judge lines are built.
            GridMethod::Rules(m) => Some(Variant {
                method: Some(*m),
                for_ranking: true,
                ..Variant::default()
            }),
            GridMethod::RankSum => Some(Variant {
                rescore: Some(&rescore),
                ignore_min_scores: true,
                ..Variant::default()
            }),
        };
        let computed = variant.map(|v| scoring::compute_prepared(prepared, Split::Auto, &v));
        let result = computed.as_ref().unwrap_or(official);
        let mut cells: Vec<Option<GridCell>> = vec![None; n];
        let mut key = vec![i64::MIN; n];
        for (_, r) in rows_of(result) {
            let Some(&i) = position.get(r.submission.as_str()) else {
                continue;
            };
            let outcome = Outcome::of(r);
            if scoring::eligible(r) {
                key[i] = r.score.map_or(i64::MIN, |s| s.units());
            }
            cells[i] = Some(GridCell {
                rank: r.rank,
                score: r.score.map(|s| {
                    if *m == GridMethod::RankSum {
                        Points::from_units(-s.units())
                    } else {
                        s
                    }
                }),
                differs: outcome != rows[i].official,
                outcome,
            });
        }
        for (row, cell) in rows.iter_mut().zip(cells) {
            row.cells.push(cell.unwrap_or(GridCell {
                rank: None,
                score: None,
                differs: row.official != Outcome::Nothing,
                outcome: Outcome::Nothing,
            }));
        }
        keys.push(key);
    }
    let official_at = methods
        .iter()
        .position(|m| *m == GridMethod::Rules(contest_method))
        .unwrap_or(0);
    let mut taus = Vec::new();
    for a in 0..methods.len() {
        for b in a + 1..methods.len() {
            taus.push(MethodTau {
                a,
                b,
                tau: stats::tau_b(&keys[a], &keys[b]),
            });
        }
    }
    MethodGrid {
        methods,
        official: official_at,
        rank_sum_is_mean: as_mean.load(std::sync::atomic::Ordering::Relaxed),
        rows,
        taus,
    }
}

/// An outcome that a panel without some judges changes.
#[derive(Clone, Debug, Serialize)]
pub struct Changed {
    pub absent: Vec<Id>,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, Serialize)]
pub struct StabilityRow {
    pub submission: Id,
    pub official: Outcome,
    /// Panels that keep the official outcome, of `of`.
    pub kept: u32,
    pub of: u32,
    pub share: Option<Figure>,
    pub changed: Vec<Changed>,
}

#[derive(Clone, Debug, Serialize)]
pub struct JudgeEffect {
    pub judge: Id,
    /// Submissions whose outcome changes when this judge alone is left out.
    pub changes: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stability {
    /// Panels tried: each judge left out, then each pair when `pairs`.
    pub panels: u32,
    pub pairs: bool,
    /// Every submission with an outcome in the official results (an award, advancing, or tied).
    pub rows: Vec<StabilityRow>,
    /// Submissions without an official outcome that some panel gives one, with those panels.
    pub gained: Vec<StabilityRow>,
    pub judges: Vec<JudgeEffect>,
}

/// The awards recomputed with the full rules leaving out each judge in turn (and each pair when
/// the round has at most [`PAIRS_UP_TO`] judges and `options.pairs`).
pub fn stability(prepared: &Prepared, official: &RoundResult, options: Options) -> Stability {
    let judges = &prepared.round().judges;
    let mut panels: Vec<Vec<&str>> = judges.iter().map(|j| vec![j.as_str()]).collect();
    let pairs = options.pairs && judges.len() <= PAIRS_UP_TO && judges.len() >= 3;
    if pairs {
        for a in 0..judges.len() {
            for b in a + 1..judges.len() {
                panels.push(vec![judges[a].as_str(), judges[b].as_str()]);
            }
        }
    }
    let official_outcomes: Vec<(&str, Outcome)> = rows_of(official)
        .map(|(_, r)| (r.submission.as_str(), Outcome::of(r)))
        .collect();
    let mut rows: Vec<StabilityRow> = Vec::new();
    let mut gained: Vec<StabilityRow> = Vec::new();
    let mut at: HashMap<&str, (bool, usize)> = HashMap::default();
    for (s, o) in &official_outcomes {
        let row = StabilityRow {
            submission: s.to_string(),
            official: o.clone(),
            kept: 0,
            of: panels.len() as u32,
            share: None,
            changed: Vec::new(),
        };
        if o.is_something() {
            at.insert(s, (true, rows.len()));
            rows.push(row);
        } else {
            at.insert(s, (false, gained.len()));
            gained.push(row);
        }
    }
    let mut effects: Vec<JudgeEffect> = judges
        .iter()
        .map(|j| JudgeEffect {
            judge: j.clone(),
            changes: 0,
        })
        .collect();
    // Each panel's changed outcomes (position in the official order, outcome), panels shared
    // among the cores; only what changed is kept.
    let without = WithoutJudges::new(prepared);
    let position: HashMap<&str, usize> = official_outcomes
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (*s, i))
        .collect();
    let with_outcome: Vec<usize> = official_outcomes
        .iter()
        .enumerate()
        .filter(|(_, (_, o))| o.is_something())
        .map(|(i, _)| i)
        .collect();
    let changes: Vec<Vec<(usize, Outcome)>> = Split::Auto
        .run(panels.len(), official_outcomes.len() >= 500, |range| {
            range
                .map(|p| {
                    // Only the rows that can decide an award are listed; any other has nothing.
                    let result = without.awarded(&panels[p]);
                    let mut changed = Vec::new();
                    let mut listed = Vec::new();
                    for (_, row) in rows_of(&result) {
                        if let Some(&i) = position.get(row.submission.as_str()) {
                            listed.push(i);
                            let now = Outcome::of(row);
                            if now != official_outcomes[i].1 {
                                changed.push((i, now));
                            }
                        }
                    }
                    listed.sort_unstable();
                    for &i in &with_outcome {
                        if listed.binary_search(&i).is_err() {
                            changed.push((i, Outcome::Nothing));
                        }
                    }
                    changed.sort_by_key(|c| c.0);
                    changed
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
    for row in rows.iter_mut().chain(gained.iter_mut()) {
        row.kept = row.of;
    }
    for (p, changed) in changes.into_iter().enumerate() {
        if p < judges.len() {
            effects[p].changes = changed.len() as u32;
        }
        for (i, now) in changed {
            let Some(&(awarded, at)) = at.get(official_outcomes[i].0) else {
                continue;
            };
            let row = if awarded { &mut rows[at] } else { &mut gained[at] };
            row.kept -= 1;
            row.changed.push(Changed {
                absent: panels[p].iter().map(|j| j.to_string()).collect(),
                outcome: now,
            });
        }
    }
    for row in rows.iter_mut().chain(gained.iter_mut()) {
        row.share = (row.of > 0).then(|| {
            Figure::Exact(num_rational::BigRational::new(
                i64::from(row.kept).into(),
                i64::from(row.of).into(),
            ))
        });
    }
    gained.retain(|r| !r.changed.is_empty());
    Stability {
        panels: panels.len() as u32,
        pairs,
        rows,
        gained,
        judges: effects,
    }
}

/// One side of an award line.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub submission: Id,
    pub rank: Option<u32>,
    pub score: Option<Points>,
    pub outcome: Outcome,
}

/// The smallest single-score change found.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreChange {
    pub submission: Id,
    pub judge: Id,
    pub criterion: Id,
    pub from: Points,
    pub to: Points,
}

/// Why no single-score change is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NoChange {
    /// The z-score method: one score moves every judge's standardization.
    ZScore,
    /// No single score within its criterion's range swaps them.
    NoneSwaps,
}

/// Why the submission above an award line is above one with the same score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Ahead {
    /// The tie-break chain: a higher mean on this criterion.
    Criterion(Id),
    /// The council's recorded decision on a tie.
    Council,
}

#[derive(Clone, Debug, Serialize)]
pub struct Margin {
    pub category: Option<Id>,
    pub above: Side,
    pub below: Side,
    /// Score above − score below.
    pub gap: Option<Points>,
    /// With equal scores, what put the one above ahead.
    pub ahead: Option<Ahead>,
    pub change: Result<ScoreChange, NoChange>,
}

/// Each award line of each scope: the last submission with an outcome and the first with a lower
/// one (a lower tier, or nothing), their gap and the smallest raw-score change that swaps them.
pub fn margins(prepared: &Prepared, official: &RoundResult) -> Vec<Margin> {
    let session = prepared.session;
    let round = prepared.round();
    let what_if = WhatIf::new(prepared);
    let chain: Vec<usize> = round
        .tie_break_chain()
        .iter()
        .filter_map(|id| round.criteria.iter().position(|c| c.id == *id))
        .collect();
    let mut out = Vec::new();
    for scope in &official.scopes {
        let ranked: Vec<&SubmissionResult> = scope.rows.iter().filter(|r| r.rank.is_some()).collect();
        for pair in ranked.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (oa, ob) = (Outcome::of(a), Outcome::of(b));
            if oa == ob || !oa.is_something() {
                continue;
            }
            let change = if what_if.is_local() {
                smallest_swap(&what_if, round, &chain, a, b, session.contest.rules.min_judges)
                    .ok_or(NoChange::NoneSwaps)
            } else {
                Err(NoChange::ZScore)
            };
            let ahead = (a.score == b.score)
                .then(|| {
                    a.flags.iter().find_map(|f| match f {
                        Flag::TieBroken {
                            other,
                            criterion,
                            ahead: true,
                        } if **other == *b.submission => Some(Ahead::Criterion(criterion.to_string())),
                        Flag::Tied { settled: true, .. } => Some(Ahead::Council),
                        _ => None,
                    })
                })
                .flatten();
            out.push(Margin {
                ahead,
                category: scope.category.clone(),
                gap: a
                    .score
                    .zip(b.score)
                    .map(|(x, y)| Points::from_units(x.units() - y.units())),
                above: side(a, oa),
                below: side(b, ob),
                change,
            });
        }
    }
    out
}

fn side(row: &SubmissionResult, outcome: Outcome) -> Side {
    Side {
        submission: row.submission.clone(),
        rank: row.rank,
        score: row.score,
        outcome,
    }
}

/// The order key of a scored submission: score, then the chain's criterion means.
fn key(score: Option<Points>, means: &[Option<Points>], chain: &[usize]) -> Vec<Option<Points>> {
    std::iter::once(score)
        .chain(chain.iter().map(|&c| means.get(c).copied().flatten()))
        .collect()
}

/// The smallest change (in points, then the first found in judge and criterion order, lowering
/// the one above before raising the one below) to one raw score of `above` or `below` after
/// which `below` ranks strictly ahead of `above`.
fn smallest_swap(
    what_if: &WhatIf,
    round: &crate::model::Round,
    chain: &[usize],
    above: &SubmissionResult,
    below: &SubmissionResult,
    min_judges: u32,
) -> Option<ScoreChange> {
    let means =
        |r: &SubmissionResult| -> Vec<Option<Points>> { r.criterion_means.iter().map(|m| m.mean).collect() };
    let key_above = key(above.score, &means(above), chain);
    let key_below = key(below.score, &means(below), chain);
    let mut best: Option<(i64, ScoreChange)> = None;
    for (moving, lower) in [(above, true), (below, false)] {
        for sheet in what_if.sheets_of(&moving.submission) {
            for (c, criterion) in round.criteria.iter().enumerate() {
                let from = sheet.scores[c];
                let step = criterion.step.units().max(1);
                let mut to = from.units();
                loop {
                    to += if lower { -step } else { step };
                    if to < 0 || to > criterion.max.units() {
                        break;
                    }
                    let delta = (to - from.units()).abs();
                    if best.as_ref().is_some_and(|(d, _)| *d <= delta) {
                        break;
                    }
                    let change = Change {
                        judge: sheet.position,
                        criterion: c,
                        score: Points::from_units(to),
                    };
                    let Some(scored) = what_if.score(&moving.submission, Some(change)) else {
                        break;
                    };
                    let eligible = scored.counted >= min_judges && scored.score.is_some();
                    let swapped = if lower {
                        !eligible || key(scored.score, &scored.criterion_means, chain) < key_below
                    } else {
                        eligible && key(scored.score, &scored.criterion_means, chain) > key_above
                    };
                    if swapped {
                        best = Some((
                            delta,
                            ScoreChange {
                                submission: moving.submission.clone(),
                                judge: sheet.judge.clone(),
                                criterion: criterion.id.clone(),
                                from,
                                to: Points::from_units(to),
                            },
                        ));
                        break;
                    }
                }
            }
        }
    }
    best.map(|(_, c)| c)
}
