//! Spec §2–3.1 for one submission: each judge's sheet, its completeness, its total
//! `Σ weight × score`, and whether the judge is in conflict.

use std::collections::{HashMap, HashSet};

use crate::model::{Criterion, Flag, Round, SheetEntry, SheetStatus, Submission};

use super::conflicts::{ConflictIndex, organization_key};

/// One judge's sheet for one submission, before chênh lệch and the method are applied.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    pub judge: &'a str,
    pub status: SheetStatus,
    /// Σ weight × score in units of 10^-8, when every criterion is scored.
    pub total: Option<i128>,
    /// weight × score per criterion (round order), when complete.
    pub weighted: Vec<i128>,
}

/// The sheets of one round, indexed by judge and submission.
pub struct RoundSheets<'a> {
    round: &'a Round,
    entries: HashMap<(&'a str, &'a str), &'a SheetEntry>,
    assigned: Option<HashSet<(&'a str, &'a str)>>,
    conflicts: ConflictIndex<'a>,
    criterion_index: HashMap<&'a str, usize>,
}

impl<'a> RoundSheets<'a> {
    pub fn new(
        round: &'a Round,
        sheets: impl Iterator<Item = &'a crate::model::Scoresheet>,
        conflicts: ConflictIndex<'a>,
    ) -> Self {
        let judges: HashSet<&str> = round.judges.iter().map(String::as_str).collect();
        let mut entries = HashMap::new();
        for sheet in sheets.filter(|s| s.round == round.id && judges.contains(s.judge.as_str())) {
            for entry in &sheet.entries {
                // A duplicate entry is a validation error; the first one is used.
                entries
                    .entry((sheet.judge.as_str(), entry.submission.as_str()))
                    .or_insert(entry);
            }
        }
        let assigned = (!round.assignments.is_empty()).then(|| {
            round
                .assignments
                .iter()
                .flat_map(|a| a.submissions.iter().map(move |s| (a.judge.as_str(), s.as_str())))
                .collect()
        });
        let criterion_index = round
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        RoundSheets {
            round,
            entries,
            assigned,
            conflicts,
            criterion_index,
        }
    }

    pub fn criteria(&self) -> &'a [Criterion] {
        &self.round.criteria
    }

    /// Every judge line of a submission (judges in the round's order: those assigned to it and any
    /// other judge of the round who scored it), with the flags for conflicts and incomplete sheets.
    pub fn lines(&self, submission: &'a Submission) -> (Vec<Line<'a>>, Vec<Flag>) {
        let org = organization_key(&submission.organization);
        let criteria = &self.round.criteria;
        let mut lines = Vec::new();
        let mut flags = Vec::new();
        for judge in &self.round.judges {
            let key = (judge.as_str(), submission.id.as_str());
            let entry = self.entries.get(&key).copied();
            let assigned = self.assigned.as_ref().is_none_or(|a| a.contains(&key));
            if !assigned && entry.is_none() {
                continue;
            }
            let mut weighted = vec![0i128; criteria.len()];
            let mut scored = 0u32;
            for (criterion, score) in entry.map(|e| &e.scores).into_iter().flatten() {
                if let Some(&i) = self.criterion_index.get(criterion.as_str()) {
                    weighted[i] = i128::from(criteria[i].weight.units()) * i128::from(score.units());
                    scored += 1;
                }
            }
            let complete = scored as usize == criteria.len();
            let total = complete.then(|| weighted.iter().sum::<i128>());
            let conflict = self.conflicts.find(judge, &submission.id, &org, entry);
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
                status,
                total,
                weighted: if complete { weighted } else { Vec::new() },
            });
        }
        (lines, flags)
    }
}
