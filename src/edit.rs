//! The edit engine: the one path by which a session or a judge's packet changes, shared by the app,
//! the command line and anything that merges on its own. Every edit is checked, applied, written to
//! the audit log (who, when, old → new) and answered with its inverse, which is what undo applies.
//! No drawing, no files: callers decide who may edit (a read-only window refuses before asking) and
//! what to do after (recompute, save).

use crate::model::{
    AuditEntry, AuditKind, Contest, Decision, PaperSheet, Pass, Points, Rules, Scoresheet, SheetEntry,
    Submission,
};

use crate::model::{JudgePacket, Session};
use crate::scoring::field::ScoreError;
use crate::store::limits::{self, TextField};

/// What an edit changes: a whole session (the organizers') or a judge's packet.
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    Session(Session),
    Packet(JudgePacket),
}

impl Doc {
    pub fn session(&self) -> Option<&Session> {
        match self {
            Doc::Session(s) => Some(s),
            Doc::Packet(_) => None,
        }
    }

    pub fn contest(&self) -> &Contest {
        match self {
            Doc::Session(s) => &s.contest,
            Doc::Packet(p) => &p.contest,
        }
    }

    pub fn submissions(&self) -> &[Submission] {
        match self {
            Doc::Session(s) => &s.submissions,
            Doc::Packet(p) => &p.submissions,
        }
    }

    /// The sheet of a judge in a round, if the document has it.
    pub fn sheet(&self, round: &str, judge: &str) -> Option<&Scoresheet> {
        match self {
            Doc::Session(s) => s.sheet(round, judge),
            Doc::Packet(p) => (p.sheet.round == round && p.sheet.judge == judge).then_some(&p.sheet),
        }
    }

    /// The seal of a finalized session.
    pub fn sealed(&self) -> Option<&crate::model::Seal> {
        self.session().and_then(|s| s.seal.as_ref())
    }
}

/// A change to a session or packet.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A criterion score; None clears it ("not scored").
    Score {
        round: String,
        judge: String,
        submission: String,
        criterion: String,
        value: Option<Points>,
    },
    Comment {
        round: String,
        judge: String,
        submission: String,
        text: String,
    },
    /// A recusal with its reason; None withdraws it.
    Recusal {
        round: String,
        judge: String,
        submission: String,
        reason: Option<String>,
    },
    /// Records a council decision (appended to the session's decisions).
    Decide(Decision),
    /// Removes the decision at this index (the inverse of `Decide`).
    Undecide(usize),
    /// Replaces the contest's scoring rules.
    Rules(Rules),
    /// Replaces the contest's whole set-up (it must be valid); audited field by field.
    Contest(Box<Contest>),
    /// Replaces the list of submissions (an import, or undoing one); `source` names where it came from.
    Submissions { list: Vec<Submission>, source: String },
    /// Marks a typing of a judge's paper sheet finished (its fields are then locked and, once both
    /// are, the typings are compared), or open again to correct it.
    PaperFinished {
        round: String,
        judge: String,
        pass: Pass,
        finished: bool,
    },
    /// A score typed from a judge's paper sheet, in the first or the second typing; None: blank.
    PaperScore {
        round: String,
        judge: String,
        pass: Pass,
        submission: String,
        criterion: String,
        value: Option<Points>,
    },
}

impl Edit {
    /// The edit with everything typed in it in NFC (see [`crate::text::nfc`]).
    pub fn in_nfc(self) -> Edit {
        use crate::text::{nfc, nfc_all};
        match self {
            Edit::Comment {
                round,
                judge,
                submission,
                text,
            } => Edit::Comment {
                round,
                judge,
                submission,
                text: nfc(&text),
            },
            Edit::Recusal {
                round,
                judge,
                submission,
                reason,
            } => Edit::Recusal {
                round,
                judge,
                submission,
                reason: reason.map(|r| nfc(&r)),
            },
            Edit::Decide(decision) => Edit::Decide(nfc_all(decision)),
            Edit::Rules(rules) => Edit::Rules(nfc_all(rules)),
            Edit::Contest(contest) => Edit::Contest(Box::new(nfc_all(*contest))),
            Edit::Submissions { list, source } => Edit::Submissions {
                list: nfc_all(list),
                source,
            },
            edit @ (Edit::Score { .. }
            | Edit::Undecide(_)
            | Edit::PaperScore { .. }
            | Edit::PaperFinished { .. }) => edit,
        }
    }
}

/// Why an edit was refused; the document is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    ReadOnly,
    /// The session is sealed: unseal it (with a reason) to change it.
    Sealed,
    /// A judge may only change their own sheet.
    NotYours,
    UnknownRound,
    UnknownCriterion,
    AboveMax(Points),
    OffStep(Points),
    Negative,
    TooManyDecimals,
    NotANumber,
    NotASession,
    /// A finished typing of a paper sheet is locked: open it again to correct it.
    TypingFinished,
    /// The new set-up breaks the rules; nothing was changed.
    InvalidContest(Vec<crate::store::Problem>),
    /// A text longer than its field may be (a comment, a reason; see `store::limits`).
    TooLong(crate::store::limits::TooLong),
}

impl From<crate::store::limits::TooLong> for EditError {
    fn from(e: crate::store::limits::TooLong) -> Self {
        EditError::TooLong(e)
    }
}

/// The edit binding a judge to the key whose fingerprint is `fingerprint` (as read out, any case,
/// with or without dashes): the contest with that judge's key set. None for an unknown judge or
/// something that is not a fingerprint. Logged like any change of the set-up ("judge ID / signing
/// key").
pub fn bind_key(contest: &Contest, judge: &str, fingerprint: &str) -> Option<Edit> {
    let print = crate::store::signing::parse_fingerprint(fingerprint)?;
    let mut contest = contest.clone();
    contest.judges.iter_mut().find(|j| j.id == judge)?.key = Some(print);
    Some(Edit::Contest(Box::new(contest)))
}

/// The problems a new contest set-up would cause: in the set-up itself, and in the scores, decisions
/// and submissions already there (a maximum lowered below scores given, a judge with a sheet…).
pub fn check_contest(doc: &Doc, contest: &Contest) -> Vec<crate::store::Problem> {
    match doc {
        Doc::Session(s) => {
            let mut with = s.clone();
            with.contest = contest.clone();
            crate::store::validate_session(&with)
        }
        Doc::Packet(_) => crate::store::validate::validate_contest(contest),
    }
}

/// Checks a score against its criterion: 0 ≤ value ≤ max, on the step, at most 2 decimals.
pub fn check_score(criterion: &crate::model::Criterion, value: Points) -> Result<(), EditError> {
    crate::scoring::field::check_score(criterion, value).map_err(EditError::from)
}

/// Checks a score for a criterion of a round of the document (None, "not scored", always fits).
fn check_value(doc: &Doc, round: &str, criterion: &str, value: Option<Points>) -> Result<(), EditError> {
    let r = doc.contest().round(round).ok_or(EditError::UnknownRound)?;
    let c = r.criterion(criterion).ok_or(EditError::UnknownCriterion)?;
    match value {
        Some(v) => check_score(c, v),
        None => Ok(()),
    }
}

impl From<ScoreError> for EditError {
    fn from(e: ScoreError) -> Self {
        match e {
            ScoreError::NotANumber => EditError::NotANumber,
            ScoreError::TooManyDecimals => EditError::TooManyDecimals,
            ScoreError::Negative => EditError::Negative,
            ScoreError::AboveMax(max) => EditError::AboveMax(max),
            ScoreError::OffStep(step) => EditError::OffStep(step),
        }
    }
}

fn sheet_mut<'a>(doc: &'a mut Doc, round: &str, judge: &str) -> Result<&'a mut Scoresheet, EditError> {
    match doc {
        Doc::Packet(p) => {
            if p.sheet.round != round || p.sheet.judge != judge {
                return Err(EditError::NotYours);
            }
            Ok(&mut p.sheet)
        }
        Doc::Session(s) => {
            let contest_id = s.contest.id.clone();
            Ok(found_or_added(
                &mut s.scoresheets,
                |x| x.round == round && x.judge == judge,
                || Scoresheet {
                    contest_id,
                    round: round.to_string(),
                    judge: judge.to_string(),
                    entries: Vec::new(),
                },
            ))
        }
    }
}

/// The first item of `list` that `is` it, added from `make` if there is none.
fn found_or_added<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> &mut T {
    let index = match list.iter().position(is) {
        Some(i) => i,
        None => {
            list.push(make());
            list.len() - 1
        }
    };
    &mut list[index]
}

fn entry_mut<'a>(sheet: &'a mut Scoresheet, submission: &str) -> &'a mut SheetEntry {
    found_or_added(
        &mut sheet.entries,
        |e| e.submission == submission,
        || SheetEntry {
            submission: submission.to_string(),
            ..Default::default()
        },
    )
}

fn log(doc: &mut Doc, entry: AuditEntry) {
    match doc {
        Doc::Session(s) => s.audit.push(entry),
        Doc::Packet(p) => p.audit.push(entry),
    }
}

/// Applies `edit` as `by`, at `at`; `note` says how it came (e.g. "app", "undo"). Returns the edit
/// that undoes it; refused (nothing changed) on a sealed session or when the edit does not fit.
pub fn apply(
    doc: &mut Doc,
    edit: Edit,
    by: &str,
    note: &str,
    at: jiff::Timestamp,
) -> Result<Edit, EditError> {
    if doc.sealed().is_some() {
        return Err(EditError::Sealed);
    }
    let audit = |kind, target: String, old: Option<String>, new: Option<String>| {
        AuditEntry::new(at, by, kind, target, old, new, note)
    };
    let inverse = match edit {
        Edit::Score {
            round,
            judge,
            submission,
            criterion,
            value,
        } => {
            check_value(doc, &round, &criterion, value)?;
            let entry = entry_mut(sheet_mut(doc, &round, &judge)?, &submission);
            let old = match value {
                Some(v) => entry.scores.insert(criterion.as_str().into(), v),
                None => entry.scores.remove(criterion.as_str()),
            };
            if old == value {
                return Ok(Edit::Score {
                    round,
                    judge,
                    submission,
                    criterion,
                    value,
                });
            }
            entry.revision = entry.revision.saturating_add(1);
            entry.updated_at = Some(at);
            let target = crate::store::audit::score_target(&round, &judge, &submission, &criterion);
            log(
                doc,
                audit(
                    AuditKind::Score,
                    target,
                    old.map(|p| p.to_string()),
                    value.map(|p| p.to_string()),
                ),
            );
            Edit::Score {
                round,
                judge,
                submission,
                criterion,
                value: old,
            }
        }
        Edit::PaperScore {
            round,
            judge,
            pass,
            submission,
            criterion,
            value,
        } => {
            check_value(doc, &round, &criterion, value)?;
            let Doc::Session(session) = doc else {
                return Err(EditError::NotASession);
            };
            let paper = found_or_added(
                &mut session.paper,
                |p| p.round == round && p.judge == judge,
                || PaperSheet {
                    round: round.clone(),
                    judge: judge.clone(),
                    ..Default::default()
                },
            );
            let typing = paper.entry_mut(pass);
            if typing.finished {
                return Err(EditError::TypingFinished);
            }
            let scores = typing.scores.entry(submission.clone()).or_default();
            let old = match value {
                Some(v) => scores.insert(criterion.clone(), v),
                None => scores.remove(&criterion),
            };
            if scores.is_empty() {
                typing.scores.remove(&submission);
            }
            if old != value {
                if !typing.typists.iter().any(|t| t == by) {
                    typing.typists.push(by.to_string());
                }
                let target = format!(
                    "paper entry {} / {}",
                    pass.number(),
                    crate::store::audit::score_target(&round, &judge, &submission, &criterion)
                );
                session.audit.push(AuditEntry::new(
                    at,
                    by,
                    AuditKind::Score,
                    target,
                    old.map(|p| p.to_string()),
                    value.map(|p| p.to_string()),
                    &format!("paper sheet, entry {} ({note})", pass.number()),
                ));
            }
            Edit::PaperScore {
                round,
                judge,
                pass,
                submission,
                criterion,
                value: old,
            }
        }
        Edit::PaperFinished {
            round,
            judge,
            pass,
            finished,
        } => {
            let Doc::Session(session) = doc else {
                return Err(EditError::NotASession);
            };
            let Some(sheet) = session
                .paper
                .iter_mut()
                .find(|p| p.round == round && p.judge == judge)
            else {
                return Err(EditError::NotASession);
            };
            let typing = sheet.entry_mut(pass);
            let old = std::mem::replace(&mut typing.finished, finished);
            if old != finished {
                let word = |f: bool| Some(if f { "finished" } else { "open" }.to_string());
                session.audit.push(AuditEntry::new(
                    at,
                    by,
                    AuditKind::Score,
                    format!("paper entry {} / round {round} / judge {judge}", pass.number()),
                    word(old),
                    word(finished),
                    &format!("paper sheet, entry {} ({note})", pass.number()),
                ));
            }
            Edit::PaperFinished {
                round,
                judge,
                pass,
                finished: old,
            }
        }
        Edit::Comment {
            round,
            judge,
            submission,
            text,
        } => {
            limits::fits(TextField::Comment, &text)?;
            let entry = entry_mut(sheet_mut(doc, &round, &judge)?, &submission);
            if entry.comment == text {
                return Ok(Edit::Comment {
                    round,
                    judge,
                    submission,
                    text,
                });
            }
            let old = std::mem::replace(&mut entry.comment, text.clone());
            entry.revision = entry.revision.saturating_add(1);
            entry.updated_at = Some(at);
            let target = format!("round {round} / judge {judge} / submission {submission}");
            let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
            log(doc, audit(AuditKind::Comment, target, some(&old), some(&text)));
            Edit::Comment {
                round,
                judge,
                submission,
                text: old,
            }
        }
        Edit::Recusal {
            round,
            judge,
            submission,
            reason,
        } => {
            if let Some(reason) = &reason {
                limits::fits(TextField::RecusalReason, reason)?;
            }
            let entry = entry_mut(sheet_mut(doc, &round, &judge)?, &submission);
            let old = std::mem::replace(&mut entry.recusal, reason.clone());
            entry.revision = entry.revision.saturating_add(1);
            entry.updated_at = Some(at);
            let target = format!("round {round} / judge {judge} / submission {submission}");
            log(doc, audit(AuditKind::Recusal, target, old.clone(), reason));
            Edit::Recusal {
                round,
                judge,
                submission,
                reason: old,
            }
        }
        Edit::Decide(decision) => {
            limits::fits(TextField::PersonName, &decision.by)?;
            limits::fits(TextField::DecisionReason, &decision.reason)?;
            let Doc::Session(s) = doc else {
                return Err(EditError::NotASession);
            };
            let target = crate::store::audit::decision_target(&decision);
            let new = crate::store::audit::resolution_value(&decision.resolution);
            let reason = decision.reason.clone();
            s.decisions.push(decision);
            let index = s.decisions.len() - 1;
            let mut entry = audit(AuditKind::Decision, target, None, Some(new));
            entry.note = format!("{note}: {reason}");
            log(doc, entry);
            Edit::Undecide(index)
        }
        Edit::Undecide(index) => {
            let Doc::Session(s) = doc else {
                return Err(EditError::NotASession);
            };
            if index >= s.decisions.len() {
                return Err(EditError::NotASession);
            }
            let decision = s.decisions.remove(index);
            let target = crate::store::audit::decision_target(&decision);
            let old = crate::store::audit::resolution_value(&decision.resolution);
            log(doc, audit(AuditKind::Decision, target, Some(old), None));
            Edit::Decide(decision)
        }
        Edit::Rules(rules) => {
            let Doc::Session(s) = doc else {
                return Err(EditError::NotASession);
            };
            let old = std::mem::replace(&mut s.contest.rules, rules.clone());
            for change in crate::store::contest_diff::rules_changes(&old, &rules) {
                log(
                    doc,
                    audit(AuditKind::Contest, change.target, change.old, change.new),
                );
            }
            Edit::Rules(old)
        }
        Edit::Contest(contest) => {
            let problems = check_contest(doc, &contest);
            if !problems.is_empty() {
                return Err(EditError::InvalidContest(problems));
            }
            let Doc::Session(s) = doc else {
                return Err(EditError::NotASession);
            };
            let changes = crate::store::contest_diff::contest_changes(&s.contest, &contest);
            if changes.is_empty() {
                return Ok(Edit::Contest(contest));
            }
            let old = std::mem::replace(&mut s.contest, *contest);
            for change in changes {
                log(
                    doc,
                    audit(AuditKind::Contest, change.target, change.old, change.new),
                );
            }
            Edit::Contest(Box::new(old))
        }
        Edit::Submissions { list, source } => {
            let Doc::Session(s) = doc else {
                return Err(EditError::NotASession);
            };
            let mut with = s.clone();
            with.submissions = list.clone();
            let problems = crate::store::validate_session(&with);
            if !problems.is_empty() {
                return Err(EditError::InvalidContest(problems));
            }
            let note = format!("{note}: {source}");
            let mut entries = Vec::new();
            // Indexed by id, so re-importing a large file is not quadratic.
            let before: std::collections::HashMap<&str, &Submission> =
                s.submissions.iter().map(|x| (x.id.as_str(), x)).collect();
            let after: std::collections::HashSet<&str> = list.iter().map(|x| x.id.as_str()).collect();
            for new in &list {
                match before.get(new.id.as_str()) {
                    None => entries.push(AuditEntry::new(
                        at,
                        by,
                        AuditKind::Import,
                        format!("submission {}", new.id),
                        None,
                        Some(new.title.clone()),
                        &note,
                    )),
                    Some(&old) if old != new => entries.push(AuditEntry::new(
                        at,
                        by,
                        AuditKind::Import,
                        format!("submission {}", new.id),
                        Some(old.title.clone()),
                        Some(new.title.clone()),
                        &note,
                    )),
                    Some(_) => {}
                }
            }
            for old in s.submissions.iter().filter(|o| !after.contains(o.id.as_str())) {
                entries.push(AuditEntry::new(
                    at,
                    by,
                    AuditKind::Submission,
                    format!("submission {}", old.id),
                    Some(old.title.clone()),
                    None,
                    &note,
                ));
            }
            let old = std::mem::replace(&mut s.submissions, list);
            s.audit.extend(entries);
            Edit::Submissions { list: old, source }
        }
    };
    Ok(inverse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileKind;

    fn sample() -> Doc {
        let text = include_str!("../assets/samples/hai-phong-2023.ron");
        let path = std::path::Path::new("hai-phong-2023.ron");
        let session: Session =
            crate::store::files::parse_kind(path, text, FileKind::Session).expect("the sample parses");
        Doc::Session(session)
    }

    /// Without the app: a score changed is logged with who, old and new and bumps the entry's
    /// revision; its inverse puts the old score back (logged too); a sealed session refuses, unchanged.
    #[test]
    fn an_edit_is_logged_and_undone_by_its_inverse_and_a_sealed_session_refuses() {
        let mut doc = sample();
        let before = doc.clone();
        let sheet = doc.session().unwrap().scoresheets[0].clone();
        let entry = &sheet.entries[0];
        let (criterion, old) = entry
            .scores
            .iter()
            .next()
            .map(|(c, v)| (c.to_string(), *v))
            .unwrap();
        let edit = Edit::Score {
            round: sheet.round.clone(),
            judge: sheet.judge.clone(),
            submission: entry.submission.clone(),
            criterion: criterion.clone(),
            value: None,
        };
        let at = jiff::Timestamp::UNIX_EPOCH;
        let inverse = apply(&mut doc, edit, "Trần Thư Ký", "cli", at).unwrap();
        let s = doc.session().unwrap();
        let changed = s.sheet(&sheet.round, &sheet.judge).unwrap();
        assert!(!changed.entries[0].scores.contains_key(criterion.as_str()));
        assert_eq!(changed.entries[0].revision, entry.revision + 1);
        let logged = s.audit.last().unwrap();
        assert_eq!(
            (
                logged.by.as_str(),
                logged.old.clone(),
                logged.new.clone(),
                logged.note.as_str()
            ),
            ("Trần Thư Ký", Some(old.to_string()), None, "cli")
        );

        apply(&mut doc, inverse, "Trần Thư Ký", "undo", at).unwrap();
        let s = doc.session().unwrap();
        assert_eq!(
            s.sheet(&sheet.round, &sheet.judge).unwrap().entries[0].scores[criterion.as_str()],
            old
        );
        assert_eq!(s.audit.len(), before.session().unwrap().audit.len() + 2);

        let Doc::Session(s) = &mut doc else { unreachable!() };
        s.seal = Some(crate::model::Seal {
            digest: "0".repeat(64),
            by: "Nguyễn Văn Chủ Tịch".into(),
            at,
            audit_len: s.audit.len(),
        });
        let sealed = doc.clone();
        let again = Edit::Score {
            round: sheet.round.clone(),
            judge: sheet.judge.clone(),
            submission: entry.submission.clone(),
            criterion,
            value: None,
        };
        assert_eq!(
            apply(&mut doc, again, "Trần Thư Ký", "cli", at),
            Err(EditError::Sealed)
        );
        assert_eq!(doc, sealed);
    }
}
