//! Spec §2–3.1 for one submission: each judge's sheet, its completeness, its total
//! `Σ weight × score`, and whether the judge is in conflict.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Criterion, Flag, Round, SheetEntry, SheetStatus, Submission};
use crate::packed::PackedIds;

use super::Split;
use super::conflicts::{ConflictIndex, OrgId};

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
        Some(e) if criteria.iter().all(|c| e.scores.contains_key(c.id.as_str())) => Progress::Complete,
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
    /// The entry holds a recusal (read only then: the entry lies in the session, far from here).
    recused: bool,
    /// Start of this entry's weighted scores (one per criterion, round order) in the pool.
    offset: usize,
}

/// A judge listed for a submission: the judge's position in the round, and the judge's entry (an
/// index into `reads`) or [`NO_ENTRY`] when the judge is assigned but has none.
#[derive(Clone, Copy, Debug)]
struct Listed {
    judge: u32,
    read: u32,
}

const NO_ENTRY: u32 = u32::MAX;

/// What reading a part of the sheets found: (submission position, judge with the entry's index in
/// `reads`), the entries read, and their weighted scores.
struct Part<'a> {
    found: Vec<(u32, Listed)>,
    reads: Vec<Read<'a>>,
    pool: Vec<i128>,
}

/// What reading an entry needs to know of the round.
struct Reader<'r> {
    /// Each submission's position, by id.
    index: &'r HashMap<&'r str, u32>,
    /// (criterion id, position in the round), sorted by id like a sheet's scores.
    by_id: &'r [(&'r str, usize)],
    /// Each criterion's weight, round order, in units of 10^-4.
    weights: &'r [i64],
}

impl Reader<'_> {
    /// Reads the entries of `sheets` ((judge position, sheet), in the order of the file) for the
    /// submissions of the round.
    fn read<'a>(&self, sheets: &[(u32, &'a crate::model::Scoresheet)]) -> Part<'a> {
        let n = self.weights.len();
        let entries: usize = sheets.iter().map(|(_, s)| s.entries.len()).sum();
        let mut part = Part {
            found: Vec::with_capacity(entries),
            reads: Vec::with_capacity(entries),
            pool: Vec::with_capacity(entries * n),
        };
        let by_id = self.by_id;
        for &(judge, sheet) in sheets {
            for entry in &sheet.entries {
                let Some(&k) = self.index.get(entry.submission.as_str()) else {
                    continue;
                };
                let offset = part.pool.len();
                part.pool.resize(offset + n, 0);
                let mut scored = 0;
                // Both the scores and `by_id` are sorted by id: walk them together.
                let mut next = 0;
                for (criterion, score) in &entry.scores {
                    let criterion = criterion.as_str();
                    // The usual case, a sheet that scores the round's criteria, is one comparison.
                    if by_id.get(next).is_none_or(|(id, _)| !same(id, criterion)) {
                        while by_id.get(next).is_some_and(|(id, _)| *id < criterion) {
                            next += 1;
                        }
                        if by_id.get(next).is_none_or(|(id, _)| !same(id, criterion)) {
                            continue;
                        }
                    }
                    let i = by_id[next].1;
                    next += 1;
                    // A product of two i64 (one multiplication).
                    part.pool[offset + i] = i128::from(self.weights[i]) * i128::from(score.units());
                    scored += 1;
                }
                part.found.push((
                    k,
                    Listed {
                        judge,
                        read: part.reads.len() as u32,
                    },
                ));
                part.reads.push(Read {
                    entry,
                    scored,
                    recused: entry.recusal.is_some(),
                    offset,
                });
            }
        }
        part
    }
}

/// Whether two short ids are equal, compared byte by byte: criterion ids are a few letters, for
/// which calling `memcmp` costs more than the comparison.
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// The sheets of one round, indexed by the position of each submission in the list it was made for.
pub struct RoundSheets<'a> {
    round: &'a Round,
    /// The position whose judges submission `k` has (its own, or that of the first submission with
    /// the same id).
    first: Vec<u32>,
    /// Each submission's organization, by position.
    orgs: Vec<OrgId>,
    /// Submission `k`'s judges are `listed[starts[k]..starts[k] + counts[k]]`, in the round's order:
    /// every judge assigned to it or who scored it, once.
    starts: Vec<u32>,
    counts: Vec<u32>,
    listed: Vec<Listed>,
    reads: Vec<Read<'a>>,
    /// weight × score of every entry read, criteria in round order, in units of 10^-8.
    pool: Vec<i128>,
    /// No assignments: every judge of the round is expected to score every submission.
    every_judge: bool,
    /// Each round judge's organization, by position.
    judge_orgs: Vec<OrgId>,
    conflicts: ConflictIndex<'a>,
}

impl<'a> RoundSheets<'a> {
    /// Reads every entry for `submissions` once, in the order of the file (which is the order they
    /// lie in memory), so that scoring a submission later touches only this compact index. Entries
    /// for other submissions, and for judges not in the round, are left out.
    pub fn new(
        round: &'a Round,
        submissions: &[&'a Submission],
        sheets: impl Iterator<Item = &'a crate::model::Scoresheet>,
        conflicts: ConflictIndex<'a>,
        split: Split,
    ) -> Self {
        let position: HashMap<&str, u32> = round
            .judges
            .iter()
            .enumerate()
            .map(|(i, j)| (j.as_str(), i as u32))
            .collect();
        // Each submission's position; a repeated id (a validation error) shares the first one's.
        // Keyed on the ids packed side by side (see [`PackedIds`]).
        let packed = PackedIds::new(submissions.iter().map(|s| s.id.as_str()));
        let mut index: HashMap<&str, u32> = HashMap::default();
        index.reserve(submissions.len());
        let first: Vec<u32> = packed
            .iter()
            .enumerate()
            .map(|(k, id)| *index.entry(id).or_insert(k as u32))
            .collect();
        let orgs: Vec<OrgId> = submissions
            .iter()
            .map(|s| conflicts.org_id(&s.organization))
            .collect();
        // (criterion id, position in the round), sorted by id like a sheet's scores.
        let mut by_id: Vec<(&str, usize)> = round
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        let weights: Vec<i64> = round.criteria.iter().map(|c| c.weight.units()).collect();
        let sheets: Vec<(u32, &'a crate::model::Scoresheet)> = sheets
            .filter(|s| s.round == round.id)
            .filter_map(|s| position.get(s.judge.as_str()).map(|&j| (j, s)))
            .collect();
        let reader = Reader {
            index: &index,
            by_id: &by_id,
            weights: &weights,
        };
        // The sheets are read in parts, on as many cores as are worth it, each part in the order of
        // the file; the parts are then put end to end.
        let entries: usize = sheets.iter().map(|(_, s)| s.entries.len()).sum();
        let parts = split.run(sheets.len(), entries >= 8_000, |range| {
            reader.read(&sheets[range])
        });
        let mut found: Vec<(u32, Listed)> = Vec::with_capacity(entries + entries / 2);
        let mut reads = Vec::with_capacity(entries);
        let mut pool = Vec::with_capacity(entries * round.criteria.len());
        for part in parts {
            let (first_read, first_pool) = (reads.len() as u32, pool.len());
            found.extend(part.found.into_iter().map(|(k, l)| {
                (
                    k,
                    Listed {
                        judge: l.judge,
                        read: l.read + first_read,
                    },
                )
            }));
            reads.extend(part.reads.into_iter().map(|r| Read {
                offset: r.offset + first_pool,
                ..r
            }));
            pool.extend(part.pool);
        }
        // The assignments, in parts too: (assignment, judge position) for the judges of the round.
        let assignments: Vec<(&crate::model::Assignment, u32)> = round
            .assignments
            .iter()
            .filter_map(|a| position.get(a.judge.as_str()).map(|&j| (a, j)))
            .collect();
        let assigned: usize = assignments.iter().map(|(a, _)| a.submissions.len()).sum();
        for part in split.run(assignments.len(), assigned >= 8_000, |range| {
            let mut found = Vec::new();
            for &(assignment, judge) in &assignments[range] {
                for submission in &assignment.submissions {
                    if let Some(&k) = index.get(submission.as_str()) {
                        found.push((
                            k,
                            Listed {
                                judge,
                                read: NO_ENTRY,
                            },
                        ));
                    }
                }
            }
            found
        }) {
            found.extend(part);
        }
        // Grouped by submission (a counting sort, which keeps the order found), then each group by
        // judge with entries before assignments; a judge's first entry is the one used (a
        // duplicate is a validation error).
        let mut starts = vec![0u32; submissions.len() + 1];
        for (k, _) in &found {
            starts[*k as usize + 1] += 1;
        }
        for k in 0..submissions.len() {
            starts[k + 1] += starts[k];
        }
        let mut next = starts.clone();
        let mut listed = vec![
            Listed {
                judge: 0,
                read: NO_ENTRY
            };
            found.len()
        ];
        for (k, l) in found {
            listed[next[k as usize] as usize] = l;
            next[k as usize] += 1;
        }
        starts.pop();
        let mut counts = Vec::with_capacity(submissions.len());
        for (k, &start) in starts.iter().enumerate() {
            let end = next[k] as usize;
            let group = &mut listed[start as usize..end];
            group.sort_by_key(|l| (l.judge, l.read == NO_ENTRY));
            let mut kept = 0;
            for i in 0..group.len() {
                if kept == 0 || group[kept - 1].judge != group[i].judge {
                    group[kept] = group[i];
                    kept += 1;
                }
            }
            counts.push(kept as u32);
        }
        let judge_orgs = round.judges.iter().map(|j| conflicts.judge_org_id(j)).collect();
        RoundSheets {
            round,
            first,
            orgs,
            starts,
            counts,
            listed,
            reads,
            pool,
            every_judge: round.assignments.is_empty(),
            judge_orgs,
            conflicts,
        }
    }

    /// The same sheets with the entries and their weighted scores laid out again submission by
    /// submission, in the order of `listed`: scoring a submission then reads memory in order
    /// instead of one place per judge's sheet. Worth its copy when the round is scored again and
    /// again (the analysis), not for one scoring.
    pub fn by_submission(mut self) -> Self {
        let criteria = self.round.criteria.len();
        let mut reads = Vec::with_capacity(self.reads.len());
        let mut pool = Vec::with_capacity(self.pool.len());
        for (k, &start) in self.starts.iter().enumerate() {
            for l in &mut self.listed[start as usize..(start + self.counts[k]) as usize] {
                if l.read != NO_ENTRY {
                    let r: Read = self.reads[l.read as usize];
                    l.read = reads.len() as u32;
                    reads.push(Read {
                        offset: pool.len(),
                        ..r
                    });
                    pool.extend_from_slice(&self.pool[r.offset..r.offset + criteria]);
                }
            }
        }
        self.reads = reads;
        self.pool = pool;
        self
    }

    pub fn criteria(&self) -> &'a [Criterion] {
        &self.round.criteria
    }

    /// Every judge line of submission `k` of the list the index was made for (judges in the
    /// round's order: those assigned to it and any other judge of the round who scored it), with
    /// the flags for conflicts and incomplete sheets. `lines` and `flags` are cleared first.
    pub fn lines_into<'s>(
        &'s self,
        k: usize,
        submission: &'a Submission,
        lines: &mut Vec<Line<'s>>,
        flags: &mut Vec<Flag>,
    ) where
        'a: 's,
    {
        lines.clear();
        flags.clear();
        let org = self.orgs[k];
        let criteria = &self.round.criteria;
        let k = self.first[k] as usize;
        let start = self.starts[k] as usize;
        let listed = &self.listed[start..start + self.counts[k] as usize];
        let mut listed_iter = listed.iter().peekable();
        let judges = self.round.judges.len();
        let count = if self.every_judge { judges } else { listed.len() };
        for j in 0..count {
            let (position, read) = if self.every_judge {
                // `listed` is in judge order: take this judge's entry if it is next.
                let read = listed_iter
                    .next_if(|l| l.judge as usize == j)
                    .and_then(|l| self.read(l.read));
                (j, read)
            } else {
                let Some(l) = listed_iter.next() else { break };
                (l.judge as usize, self.read(l.read))
            };
            let judge = &self.round.judges[position];
            let entry = read.filter(|r| r.recused).map(|r| r.entry);
            let scored = read.map_or(0, |r| r.scored);
            let weighted = read.map_or(&[][..], |r| &self.pool[r.offset..r.offset + criteria.len()]);
            let complete = scored as usize == criteria.len();
            let total = complete.then(|| weighted.iter().sum::<i128>());
            let conflict =
                self.conflicts
                    .find_by_id(judge, self.judge_orgs[position], &submission.id, org, entry);
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
    }

    fn read(&self, read: u32) -> Option<&Read<'a>> {
        (read != NO_ENTRY).then(|| &self.reads[read as usize])
    }
}
