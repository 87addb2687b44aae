//! Spec §2–3.1 for one submission: each judge's sheet, its completeness, its total
//! `Σ weight × score`, and whether the judge is in conflict.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Criterion, Flag, Round, SheetEntry, SheetStatus, Submission};

use super::conflicts::ConflictIndex;

/// How far a judge is with one submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    NotStarted,
    Partial,
    Complete,
    Recused,
}

/// Where a judge's entry for one submission stands: recused, every criterion scored, some, none.
pub fn progress(entry: Option<&SheetEntry>, criteria: &[Criterion]) -> Progress {
    match entry {
        Some(e) if e.recusal.is_some() => Progress::Recused,
        Some(e) if criteria.iter().all(|c| e.scores.contains_key(&c.id)) => Progress::Complete,
        Some(e) if !e.scores.is_empty() => Progress::Partial,
        _ => Progress::NotStarted,
    }
}

/// One judge's sheet for one submission, before chênh lệch and the method are applied.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    pub judge: &'a str,
    /// The judge's position in the round.
    pub position: usize,
    pub status: SheetStatus,
    /// Σ weight × score in units of 10^-8, when every criterion is scored.
    pub total: Option<i128>,
    /// weight × score per criterion (round order), when complete; empty otherwise.
    pub weighted: &'a [i128],
}

/// A sheet entry as read once: how many criteria it scores and where its weighted scores are.
#[derive(Clone, Copy, Debug)]
struct Read<'a> {
    entry: &'a SheetEntry,
    scored: u32,
    /// Start of this entry's weighted scores (one per criterion, round order) in the pool.
    offset: usize,
}

/// The sheets of one round, indexed by submission.
pub struct RoundSheets<'a> {
    round: &'a Round,
    /// Per submission: (position of the judge in the round, that judge's entry if any), for every
    /// judge assigned to it or who scored it.
    per_submission: HashMap<&'a str, Vec<(usize, Option<Read<'a>>)>>,
    /// weight × score of every entry read, criteria in round order, in units of 10^-8.
    pool: Vec<i128>,
    /// No assignments: every judge of the round is expected to score every submission.
    every_judge: bool,
    /// Each round judge's organization key, by position.
    judge_orgs: Vec<Rc<str>>,
    conflicts: ConflictIndex<'a>,
}

impl<'a> RoundSheets<'a> {
    /// Reads every entry once, in the order of the file (which is the order they lie in memory), so
    /// that scoring a submission later touches only this compact index.
    pub fn new(
        round: &'a Round,
        sheets: impl Iterator<Item = &'a crate::model::Scoresheet>,
        conflicts: ConflictIndex<'a>,
    ) -> Self {
        let position: HashMap<&str, usize> = round
            .judges
            .iter()
            .enumerate()
            .map(|(i, j)| (j.as_str(), i))
            .collect();
        // (criterion id, position in the round), sorted by id like a sheet's scores.
        let mut by_id: Vec<(&str, usize)> = round
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        let n = round.criteria.len();
        let mut pool = Vec::new();
        let mut per_submission: HashMap<&str, Vec<(usize, Option<Read>)>> = HashMap::default();
        for sheet in sheets.filter(|s| s.round == round.id) {
            let Some(&judge) = position.get(sheet.judge.as_str()) else {
                continue;
            };
            for entry in &sheet.entries {
                let list = per_submission.entry(entry.submission.as_str()).or_default();
                // A duplicate entry is a validation error; the first one is used.
                if list.iter().any(|(j, _)| *j == judge) {
                    continue;
                }
                let offset = pool.len();
                pool.resize(offset + n, 0);
                let mut scored = 0;
                // Both the scores and `by_id` are sorted by id: walk them together.
                let mut known = by_id.iter().peekable();
                for (criterion, score) in &entry.scores {
                    while known.next_if(|(id, _)| *id < criterion.as_str()).is_some() {}
                    if let Some(&&(_, i)) = known.peek().filter(|(id, _)| *id == criterion.as_str()) {
                        let weight = round.criteria[i].weight.units();
                        pool[offset + i] = i128::from(weight) * i128::from(score.units());
                        scored += 1;
                    }
                }
                list.push((
                    judge,
                    Some(Read {
                        entry,
                        scored,
                        offset,
                    }),
                ));
            }
        }
        for assignment in &round.assignments {
            let Some(&judge) = position.get(assignment.judge.as_str()) else {
                continue;
            };
            for submission in &assignment.submissions {
                let list = per_submission.entry(submission.as_str()).or_default();
                if !list.iter().any(|(j, _)| *j == judge) {
                    list.push((judge, None));
                }
            }
        }
        for list in per_submission.values_mut() {
            list.sort_unstable_by_key(|(j, _)| *j);
        }
        let judge_orgs = round.judges.iter().map(|j| conflicts.judge_key(j)).collect();
        RoundSheets {
            round,
            per_submission,
            pool,
            every_judge: round.assignments.is_empty(),
            judge_orgs,
            conflicts,
        }
    }

    pub fn criteria(&self) -> &'a [Criterion] {
        &self.round.criteria
    }

    /// Every judge line of a submission (judges in the round's order: those assigned to it and any
    /// other judge of the round who scored it), with the flags for conflicts and incomplete sheets.
    pub fn lines<'s>(&'s self, submission: &'a Submission) -> (Vec<Line<'s>>, Vec<Flag>)
    where
        'a: 's,
    {
        let org = self.conflicts.key_of(&submission.organization);
        let criteria = &self.round.criteria;
        let listed = self
            .per_submission
            .get(submission.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let judges = self.round.judges.len();
        let count = if self.every_judge { judges } else { listed.len() };
        let mut lines = Vec::with_capacity(count);
        let mut flags = Vec::new();
        for k in 0..count {
            let (position, read) = if self.every_judge {
                (k, listed.iter().find(|(q, _)| *q == k).and_then(|(_, r)| *r))
            } else {
                listed[k]
            };
            let judge = &self.round.judges[position];
            let entry = read.map(|r| r.entry);
            let scored = read.map_or(0, |r| r.scored);
            let weighted = read.map_or(&[][..], |r| &self.pool[r.offset..r.offset + criteria.len()]);
            let complete = scored as usize == criteria.len();
            let total = complete.then(|| weighted.iter().sum::<i128>());
            let conflict =
                self.conflicts
                    .find(judge, &self.judge_orgs[position], &submission.id, &org, entry);
            let status = match (&conflict, complete) {
                (Some(kind), _) => {
                    flags.push(Flag::Conflict {
                        judge: judge.clone(),
                        kind: kind.clone(),
                        had_scores: scored > 0,
                    });
                    SheetStatus::Conflict
                }
                (None, false) => {
                    flags.push(Flag::IncompleteSheet {
                        judge: judge.clone(),
                        scored,
                        of: criteria.len() as u32,
                    });
                    SheetStatus::Incomplete
                }
                (None, true) => SheetStatus::Counted,
            };
            lines.push(Line {
                judge,
                position,
                status,
                total,
                weighted: if complete { weighted } else { &[] },
            });
        }
        (lines, flags)
    }
}
