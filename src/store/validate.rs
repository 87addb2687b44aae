//! Validation after parsing: every problem in a session, packet or scoresheet, each with where it
//! is, so an organizer can fix them all at once. Problems are data; `crate::text` words them. A text
//! longer than its cap (`limits.rs`) is reported first and alone: the other checks would quote it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{
    Contest, Decision, FileKind, JudgePacket, Points, Resolution, Round, Scope, Scoresheet, ScoresheetFile,
    Session, SheetEntry, Submission, same_members,
};
use crate::packed::PackedIds;

/// Where a problem is, outermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Contest,
    Category(String),
    Judge(String),
    Round(String),
    Criterion(String),
    Tier(String),
    Submission(String),
    /// A scoresheet, by round and judge.
    Sheet {
        round: String,
        judge: String,
    },
    /// An entry of a sheet, by submission.
    Entry(String),
    /// A score in an entry, by criterion.
    Score(String),
    /// The n-th decision (1-based).
    Decision(usize),
    /// The n-th entry of the audit log (1-based).
    Audit(usize),
    /// A paper scoresheet being typed in, by round and judge.
    Paper {
        round: String,
        judge: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    DuplicateId {
        what: &'static str,
        id: String,
    },
    UnknownJudge(String),
    UnknownCriterion(String),
    UnknownSubmission(String),
    UnknownCategory(String),
    UnknownRound(String),
    UnknownTier(String),
    ScoreAboveMax {
        score: Points,
        max: Points,
    },
    ScoreOffStep {
        score: Points,
        step: Points,
    },
    ScoreNegative(Points),
    /// A scoresheet file whose content no longer matches the digest written when it was handed in.
    SheetDigestMismatch {
        recorded: String,
        found: String,
    },
    TooManyDecimals {
        value: Points,
        allowed: u8,
    },
    WeightNotPositive(Points),
    MaxNotPositive(Points),
    StepNotPositive(Points),
    NegativeCount(i64),
    DecimalsOutOfRange(u8),
    NoRounds,
    NoCriteria,
    NoTiers,
    JudgeNotInRound(String),
    MissingAdvancement,
    TrimTooLarge {
        drop: u32,
        from: u32,
    },
    MinJudgesZero,
    NoCategory,
    OtherContest(String),
    WrongKind(FileKind),
    DecisionMembers,
    DecisionKind,
    ThresholdNegative(Points),
    MinAboveMax {
        min: Points,
        max: Points,
    },
    /// A sheet entry's revision beyond [`SheetEntry::MAX_REVISION`]: no entry is changed that often.
    RevisionOutOfRange {
        revision: u32,
        max: u32,
    },
    /// A text longer than its field may be (see `limits.rs`), in characters.
    TooLong {
        field: super::limits::TextField,
        length: usize,
        max: usize,
    },
    /// A list with more items than it may have (a submission's members or attachments).
    TooMany {
        field: super::limits::TextField,
        count: usize,
        max: usize,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub at: Vec<Location>,
    pub kind: ProblemKind,
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn add(&mut self, at: Vec<Location>, kind: ProblemKind) {
        self.problems.push(Problem { at, kind });
    }
    fn unique<'a>(
        &mut self,
        what: &'static str,
        ids: impl Iterator<Item = &'a String>,
        at: impl Fn(&str) -> Vec<Location>,
    ) {
        let mut seen = HashSet::default();
        for id in ids {
            if !seen.insert(id) {
                self.add(at(id), ProblemKind::DuplicateId { what, id: id.clone() });
            }
        }
    }
    fn decimals(&mut self, at: &[Location], value: Points, allowed: u8) {
        if value.decimals_used() > allowed {
            self.add(at.to_vec(), ProblemKind::TooManyDecimals { value, allowed });
        }
    }
}

fn check_contest(c: &mut Checker, contest: &Contest) {
    let top = || vec![Location::Contest];
    if contest.decimals > Points::MAX_DECIMALS {
        c.add(top(), ProblemKind::DecimalsOutOfRange(contest.decimals));
    }
    if contest.rounds.is_empty() {
        c.add(top(), ProblemKind::NoRounds);
    }
    c.unique("category", contest.categories.iter().map(|x| &x.id), |id| {
        vec![Location::Category(id.into())]
    });
    c.unique("judge", contest.judges.iter().map(|x| &x.id), |id| {
        vec![Location::Judge(id.into())]
    });
    c.unique("round", contest.rounds.iter().map(|x| &x.id), |id| {
        vec![Location::Round(id.into())]
    });
    c.unique("tier", contest.awards.tiers.iter().map(|x| &x.id), |id| {
        vec![Location::Tier(id.into())]
    });
    if contest.rules.min_judges == 0 {
        c.add(top(), ProblemKind::MinJudgesZero);
    }
    if let crate::model::Method::TrimmedMean { drop, from } = contest.rules.method
        && from <= 2 * drop
    {
        c.add(top(), ProblemKind::TrimTooLarge { drop, from });
    }
    if let Some(d) = &contest.rules.divergence
        && d.threshold.is_negative()
    {
        c.add(top(), ProblemKind::ThresholdNegative(d.threshold));
    }
    if contest.awards.tiers.is_empty() {
        c.add(top(), ProblemKind::NoTiers);
    }
    for tier in &contest.awards.tiers {
        let at = vec![Location::Tier(tier.id.clone())];
        if tier.count < 0 {
            c.add(at.clone(), ProblemKind::NegativeCount(tier.count));
        }
        if let Some(min) = tier.min_score {
            c.decimals(&at, min, 2);
        }
    }
    let tier_ids: HashSet<&str> = contest.awards.tiers.iter().map(|t| t.id.as_str()).collect();
    for (category, counts) in &contest.awards.category_counts {
        let at = vec![Location::Category(category.clone())];
        if contest.category(category).is_none() {
            c.add(at.clone(), ProblemKind::UnknownCategory(category.clone()));
        }
        for (tier, &count) in counts {
            if !tier_ids.contains(tier.as_str()) {
                c.add(at.clone(), ProblemKind::UnknownTier(tier.clone()));
            }
            if count < 0 {
                let mut at = at.clone();
                at.push(Location::Tier(tier.clone()));
                c.add(at, ProblemKind::NegativeCount(count));
            }
        }
    }
    let judge_ids: HashSet<&str> = contest.judges.iter().map(|j| j.id.as_str()).collect();
    for (i, round) in contest.rounds.iter().enumerate() {
        check_round(c, round, &judge_ids, i + 1 < contest.rounds.len());
    }
    for pair in &contest.conflicts {
        if !judge_ids.contains(pair.judge.as_str()) {
            c.add(top(), ProblemKind::UnknownJudge(pair.judge.clone()));
        }
    }
}

fn check_round(c: &mut Checker, round: &Round, judges: &HashSet<&str>, needs_advancement: bool) {
    let at = || vec![Location::Round(round.id.clone())];
    if round.criteria.is_empty() {
        c.add(at(), ProblemKind::NoCriteria);
    }
    if needs_advancement && round.advancement.is_none() {
        c.add(at(), ProblemKind::MissingAdvancement);
    }
    c.unique("criterion", round.criteria.iter().map(|x| &x.id), |id| {
        vec![Location::Round(round.id.clone()), Location::Criterion(id.into())]
    });
    for criterion in &round.criteria {
        let here = vec![
            Location::Round(round.id.clone()),
            Location::Criterion(criterion.id.clone()),
        ];
        if criterion.weight <= Points::ZERO {
            c.add(here.clone(), ProblemKind::WeightNotPositive(criterion.weight));
        }
        if criterion.max <= Points::ZERO {
            c.add(here.clone(), ProblemKind::MaxNotPositive(criterion.max));
        }
        if criterion.step <= Points::ZERO {
            c.add(here.clone(), ProblemKind::StepNotPositive(criterion.step));
        }
        for value in [criterion.weight, criterion.max, criterion.step] {
            c.decimals(&here, value, 2);
        }
        if let Some(min) = criterion.min {
            c.decimals(&here, min, 2);
            // Criterion means are of weight × score: the minimum is on that scale.
            if let Some(max) = criterion.weighted_max()
                && min > max
            {
                c.add(here.clone(), ProblemKind::MinAboveMax { min, max });
            }
        }
    }
    for judge in &round.judges {
        if !judges.contains(judge.as_str()) {
            c.add(at(), ProblemKind::UnknownJudge(judge.clone()));
        }
    }
    for a in &round.assignments {
        if !round.judges.contains(&a.judge) {
            c.add(at(), ProblemKind::JudgeNotInRound(a.judge.clone()));
        }
    }
    for id in round.tie_break.iter().flatten() {
        if round.criterion(id).is_none() {
            c.add(at(), ProblemKind::UnknownCriterion(id.clone()));
        }
    }
}

fn check_submissions(c: &mut Checker, contest: &Contest, submissions: &[Submission]) {
    c.unique("submission", submissions.iter().map(|s| &s.id), |id| {
        vec![Location::Submission(id.into())]
    });
    let per_category = contest.awards.scope == Scope::PerCategory
        || contest.rounds.iter().any(|r| {
            r.advancement
                .as_ref()
                .is_some_and(|a| a.scope == Scope::PerCategory)
        });
    for s in submissions {
        let at = || vec![Location::Submission(s.id.clone())];
        match &s.category {
            Some(cat) if contest.category(cat).is_none() => {
                c.add(at(), ProblemKind::UnknownCategory(cat.clone()))
            }
            None if per_category => c.add(at(), ProblemKind::NoCategory),
            _ => {}
        }
    }
}

/// Checks one sheet against the contest: its round and judge exist, every entry names a known
/// submission and criterion, every score is within 0..=max, on the step, with at most 2 decimals.
fn check_sheet(c: &mut Checker, contest: &Contest, submissions: &HashSet<&str>, sheet: &Scoresheet) {
    let at = vec![Location::Sheet {
        round: sheet.round.clone(),
        judge: sheet.judge.clone(),
    }];
    if sheet.contest_id != contest.id {
        c.add(at.clone(), ProblemKind::OtherContest(sheet.contest_id.clone()));
    }
    if contest.judge(&sheet.judge).is_none() {
        c.add(at.clone(), ProblemKind::UnknownJudge(sheet.judge.clone()));
    }
    let Some(round) = contest.round(&sheet.round) else {
        c.add(at, ProblemKind::UnknownRound(sheet.round.clone()));
        return;
    };
    if contest.judge(&sheet.judge).is_some() && !round.judges.contains(&sheet.judge) {
        c.add(at.clone(), ProblemKind::JudgeNotInRound(sheet.judge.clone()));
    }
    // Where a problem is, built only when there is one: a sheet of thousands of entries with
    // nothing wrong costs no allocation per score.
    let entry_at = |id: &str| {
        let mut here = at.clone();
        here.push(Location::Entry(id.into()));
        here
    };
    c.unique("entry", sheet.entries.iter().map(|e| &e.submission), entry_at);
    let score_at = |id: &str, criterion: &str| {
        let mut here = entry_at(id);
        here.push(Location::Score(criterion.into()));
        here
    };
    // The round's criteria by id, walked beside each entry's scores (whose ids come in the same
    // order): one comparison a score or two instead of a search of the criteria. Of two criteria
    // with one id (a problem of its own), the first in the round is taken, as a search takes it.
    let mut by_id: Vec<(&str, &crate::model::Criterion)> =
        round.criteria.iter().map(|c| (c.id.as_str(), c)).collect();
    by_id.sort_by(|a, b| a.0.cmp(b.0));
    for entry in &sheet.entries {
        let id = entry.submission.as_str();
        if !submissions.contains(id) {
            c.add(
                entry_at(id),
                ProblemKind::UnknownSubmission(entry.submission.clone()),
            );
        }
        if entry.revision > SheetEntry::MAX_REVISION {
            c.add(
                entry_at(id),
                ProblemKind::RevisionOutOfRange {
                    revision: entry.revision,
                    max: SheetEntry::MAX_REVISION,
                },
            );
        }
        let mut next = 0;
        for (criterion_id, &score) in &entry.scores {
            let key = criterion_id.as_str();
            while by_id.get(next).is_some_and(|c| c.0 < key) {
                next += 1;
            }
            let Some(criterion) = by_id.get(next).filter(|c| c.0 == key).map(|c| c.1) else {
                c.add(
                    score_at(id, criterion_id),
                    ProblemKind::UnknownCriterion(criterion_id.to_string()),
                );
                continue;
            };
            if score.is_negative() {
                c.add(score_at(id, criterion_id), ProblemKind::ScoreNegative(score));
            } else if score > criterion.max {
                c.add(
                    score_at(id, criterion_id),
                    ProblemKind::ScoreAboveMax {
                        score,
                        max: criterion.max,
                    },
                );
            }
            if score.decimals_used() > 2 {
                c.add(
                    score_at(id, criterion_id),
                    ProblemKind::TooManyDecimals {
                        value: score,
                        allowed: 2,
                    },
                );
            } else if criterion.step > Points::ZERO && !score.is_multiple_of(criterion.step) {
                c.add(
                    score_at(id, criterion_id),
                    ProblemKind::ScoreOffStep {
                        score,
                        step: criterion.step,
                    },
                );
            }
        }
    }
}

fn check_decision(c: &mut Checker, contest: &Contest, submissions: &HashSet<&str>, n: usize, d: &Decision) {
    let at = || vec![Location::Decision(n + 1)];
    if contest.round(&d.round).is_none() {
        c.add(at(), ProblemKind::UnknownRound(d.round.clone()));
    }
    if let Some(cat) = &d.category
        && contest.category(cat).is_none()
    {
        c.add(at(), ProblemKind::UnknownCategory(cat.clone()));
    }
    if let crate::model::TieTarget::Tier(t) = &d.target
        && !contest.awards.tiers.iter().any(|x| &x.id == t)
    {
        c.add(at(), ProblemKind::UnknownTier(t.clone()));
    }
    for m in &d.members {
        if !submissions.contains(m.as_str()) {
            c.add(at(), ProblemKind::UnknownSubmission(m.clone()));
        }
    }
    match (&d.resolution, &d.target) {
        (Resolution::Order(order), _) if !same_members(order, &d.members) => {
            c.add(at(), ProblemKind::DecisionMembers)
        }
        (Resolution::ShareAward, crate::model::TieTarget::Advancement)
        | (Resolution::AdvanceAll, crate::model::TieTarget::Tier(_)) => {
            c.add(at(), ProblemKind::DecisionKind)
        }
        _ => {}
    }
}

/// Every problem in the contest set-up alone (rounds, criteria, tiers, rules, judges).
pub fn validate_contest(contest: &Contest) -> Vec<Problem> {
    let long = super::limits::contest(contest);
    if !long.is_empty() {
        return long;
    }
    let mut c = Checker { problems: Vec::new() };
    check_contest(&mut c, contest);
    c.problems
}

/// Every problem in a session.
pub fn validate_session(session: &Session) -> Vec<Problem> {
    let long = super::limits::session(session);
    if !long.is_empty() {
        return long;
    }
    let mut c = Checker { problems: Vec::new() };
    if session.kind != FileKind::Session {
        c.add(vec![], ProblemKind::WrongKind(session.kind));
    }
    check_contest(&mut c, &session.contest);
    check_submissions(&mut c, &session.contest, &session.submissions);
    let packed = PackedIds::new(session.submissions.iter().map(|s| s.id.as_str()));
    let ids: HashSet<&str> = packed.iter().collect();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::default();
    for sheet in &session.scoresheets {
        let key = (sheet.round.as_str(), sheet.judge.as_str());
        *seen.entry(key).or_default() += 1;
        if seen[&key] == 2 {
            c.add(
                vec![Location::Sheet {
                    round: sheet.round.clone(),
                    judge: sheet.judge.clone(),
                }],
                ProblemKind::DuplicateId {
                    what: "scoresheet",
                    id: format!("{}/{}", sheet.round, sheet.judge),
                },
            );
        }
        check_sheet(&mut c, &session.contest, &ids, sheet);
    }
    for (n, d) in session.decisions.iter().enumerate() {
        check_decision(&mut c, &session.contest, &ids, n, d);
    }
    for judge in &session.contest.judges {
        for declared in judge
            .conflicts
            .iter()
            .filter(|d| !ids.contains(d.submission.as_str()))
        {
            c.add(
                vec![Location::Judge(judge.id.clone())],
                ProblemKind::UnknownSubmission(declared.submission.clone()),
            );
        }
    }
    for pair in &session.contest.conflicts {
        if !ids.contains(pair.submission.as_str()) {
            c.add(
                vec![Location::Contest],
                ProblemKind::UnknownSubmission(pair.submission.clone()),
            );
        }
    }
    c.problems
}

/// Every problem in a judge packet.
pub fn validate_packet(packet: &JudgePacket) -> Vec<Problem> {
    let long = super::limits::packet(packet);
    if !long.is_empty() {
        return long;
    }
    let mut c = Checker { problems: Vec::new() };
    if packet.kind != FileKind::JudgePacket {
        c.add(vec![], ProblemKind::WrongKind(packet.kind));
    }
    check_contest(&mut c, &packet.contest);
    check_submissions(&mut c, &packet.contest, &packet.submissions);
    let ids: HashSet<&str> = packet.submissions.iter().map(|s| s.id.as_str()).collect();
    check_sheet(&mut c, &packet.contest, &ids, &packet.sheet);
    c.problems
}

/// Problems of a scoresheet file on its own (its content is checked against the session at merge).
pub fn validate_scoresheet_file(file: &ScoresheetFile) -> Vec<Problem> {
    let long = super::limits::scoresheet_file(file);
    if !long.is_empty() {
        return long;
    }
    let mut c = Checker { problems: Vec::new() };
    if file.kind != FileKind::Scoresheet {
        c.add(vec![], ProblemKind::WrongKind(file.kind));
    }
    let at = vec![Location::Sheet {
        round: file.sheet.round.clone(),
        judge: file.sheet.judge.clone(),
    }];
    c.unique("entry", file.sheet.entries.iter().map(|e| &e.submission), |id| {
        let mut here = at.clone();
        here.push(Location::Entry(id.into()));
        here
    });
    for entry in &file.sheet.entries {
        for (criterion, &score) in &entry.scores {
            let here = vec![
                at[0].clone(),
                Location::Entry(entry.submission.clone()),
                Location::Score(criterion.to_string()),
            ];
            if score.is_negative() {
                c.add(here.clone(), ProblemKind::ScoreNegative(score));
            }
            c.decimals(&here, score, 2);
        }
    }
    if let Some(recorded) = &file.digest {
        let found = super::seal::sheet_digest(&file.sheet);
        if *recorded != found {
            c.add(
                at,
                ProblemKind::SheetDigestMismatch {
                    recorded: recorded.clone(),
                    found,
                },
            );
        }
    }
    c.problems
}

/// Problems of a handed-in sheet against the session it is merged into.
pub fn validate_sheet_against(session: &Session, sheet: &Scoresheet) -> Vec<Problem> {
    let long = super::limits::sheet(sheet);
    if !long.is_empty() {
        return long;
    }
    let mut c = Checker { problems: Vec::new() };
    let packed = PackedIds::new(session.submissions.iter().map(|s| s.id.as_str()));
    let ids: HashSet<&str> = packed.iter().collect();
    check_sheet(&mut c, &session.contest, &ids, sheet);
    c.problems
}
