//! One submission of a round scored again with one raw score replaced and the rest of the round
//! as it is: the score and criterion means the rules would then give it (spec §2–4). The analysis
//! asks it for the smallest change that would swap two submissions across an award line. Not for
//! the z-score method, where one score moves every judge's standardization.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Method, Points, Session, SheetStatus, Submission};

use super::Prepared;
use super::aggregate;
use super::exact::Exact;
use super::sheets::{Line, RoundSheets};

/// A round's sheets, read once, to score its submissions again under small changes.
pub struct WhatIf<'p, 'a> {
    session: &'a Session,
    round: &'a crate::model::Round,
    in_round: &'p [&'a Submission],
    position: HashMap<&'a str, usize>,
    sheets: &'p RoundSheets<'a>,
    method: Method,
    decimals: u8,
}

/// A submission's score as the rules give it, with its criterion means (round order) and the
/// number of sheets counted.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub score: Option<Points>,
    pub counted: u32,
    pub criterion_means: Vec<Option<Points>>,
}

/// One judge's complete sheet for a submission that may count (no conflict): the judge's id and
/// position in the round, and the raw score of each criterion (round order).
#[derive(Clone, Debug, PartialEq)]
pub struct RawSheet {
    pub judge: String,
    pub position: usize,
    pub scores: Vec<Points>,
}

/// A replaced raw score: the judge (position in the round), the criterion (position) and the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub judge: usize,
    pub criterion: usize,
    pub score: Points,
}

impl<'p, 'a> WhatIf<'p, 'a> {
    /// The round `prepared` holds ([`super::prepare`], with the previous round's official results).
    pub fn new(prepared: &'p Prepared<'a>) -> Self {
        let session = prepared.session;
        let round = prepared.round();
        let in_round = &prepared.in_round[..];
        let sheets = &prepared.sheets;
        let mut position = HashMap::default();
        for (k, s) in in_round.iter().enumerate() {
            position.entry(s.id.as_str()).or_insert(k);
        }
        WhatIf {
            session,
            round,
            in_round,
            position,
            sheets,
            method: session.contest.rules.method,
            decimals: session.contest.decimals.min(Points::MAX_DECIMALS),
        }
    }

    /// Whether a single score can be changed without moving every other submission's score.
    pub fn is_local(&self) -> bool {
        self.method != Method::ZScore
    }

    fn lines(&self, k: usize) -> Vec<Line<'_>> {
        let (mut lines, mut flags) = (Vec::new(), Vec::new());
        self.sheets
            .lines_into(k, self.in_round[k], &mut lines, &mut flags);
        lines
    }

    /// The complete sheets without conflict of `submission` (before chênh lệch), as raw scores.
    pub fn sheets_of(&self, submission: &str) -> Vec<RawSheet> {
        let Some(&k) = self.position.get(submission) else {
            return Vec::new();
        };
        let criteria = &self.round.criteria;
        self.lines(k)
            .into_iter()
            .filter(|l| l.status == SheetStatus::Counted)
            .map(|l| RawSheet {
                judge: l.judge.to_string(),
                position: l.position,
                scores: l
                    .weighted
                    .iter()
                    .zip(criteria)
                    .map(|(&w, c)| {
                        let weight = i128::from(c.weight.units());
                        let units = if weight == 0 { 0 } else { w / weight };
                        Points::from_units(i64::try_from(units).unwrap_or(0))
                    })
                    .collect(),
            })
            .collect()
    }

    /// `submission` scored with `change` applied (None: as it is). None for an unknown submission.
    /// With the z-score method the score is None (see [`WhatIf::is_local`]).
    pub fn score(&self, submission: &str, change: Option<Change>) -> Option<Scored> {
        let &k = self.position.get(submission)?;
        let criteria = &self.round.criteria;
        let mut lines = self.lines(k);
        let mut changed: Vec<i128> = Vec::new();
        let mut at = None;
        if let Some(change) = change
            && let Some(i) = lines
                .iter()
                .position(|l| l.position == change.judge && l.total.is_some())
            && let Some(c) = criteria.get(change.criterion)
        {
            changed = lines[i].weighted.to_vec();
            changed[change.criterion] = i128::from(c.weight.units()) * i128::from(change.score.units());
            at = Some(i);
        }
        if let Some(i) = at {
            lines[i].weighted = &changed;
            lines[i].total = Some(changed.iter().sum());
        }
        aggregate::apply_divergence(
            &mut lines,
            self.session.contest.rules.divergence.as_ref(),
            self.decimals,
        );
        let counted = lines.iter().filter(|l| aggregate::counts(l)).count() as u32;
        let score = aggregate::exact_score(&mut lines, self.method).map(|e: Exact| e.round(self.decimals));
        let ids: Vec<crate::model::SharedId> = criteria.iter().map(|c| c.id.as_str().into()).collect();
        let criterion_means = aggregate::criterion_means(&lines, &ids, self.decimals)
            .into_iter()
            .map(|m| m.mean)
            .collect();
        Some(Scored {
            score,
            counted,
            criterion_means,
        })
    }
}
