//! The double entry of paper scoresheets: where the two typings differ, field by field, and
//! confirming a sheet once they match — it is then merged like a handed-in sheet, and the log keeps
//! both typings (every keystroke that changed a score is already there, by pass and typist).

use crate::model::{PaperSheet, Points, Round, Scoresheet, Session, SheetEntry};

use super::merge::{MergeError, MergeReport, merge_signed};

/// A field the two typings disagree on (None: left blank in that typing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperDifference {
    pub submission: String,
    pub criterion: String,
    pub first: Option<Points>,
    pub second: Option<Points>,
}

/// Every field where the typings differ, in the order of the submissions and criteria.
pub fn differences(paper: &PaperSheet, round: &Round, submissions: &[String]) -> Vec<PaperDifference> {
    let mut out = Vec::new();
    for s in submissions {
        for c in &round.criteria {
            let get = |e: &crate::model::PaperEntry| e.scores.get(s).and_then(|m| m.get(&c.id)).copied();
            let (first, second) = (get(&paper.first), get(&paper.second));
            if first != second {
                out.push(PaperDifference {
                    submission: s.clone(),
                    criterion: c.id.clone(),
                    first,
                    second,
                });
            }
        }
    }
    out
}

/// How many scores a typing holds.
pub fn count(entry: &crate::model::PaperEntry) -> usize {
    entry.scores.values().map(|m| m.len()).sum()
}

/// Why a paper sheet cannot be confirmed yet.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfirmError {
    NoSheet,
    /// One typing is empty: the sheet has not been typed twice.
    NotTwice,
    /// A typing is not marked finished yet: the two are not compared before.
    NotFinished(crate::model::Pass),
    /// The typings differ in this many fields.
    Differ(usize),
    Merge(MergeError),
}

/// Confirms a paper sheet whose two typings match: its scores become the judge's sheet for the round
/// (merged, so every score change is in the log as coming from the paper sheet), and the typings are
/// kept in the session for the record. With the secretariat's key (the organizer's laptop's), the
/// sheet as confirmed is signed with it and its receipt says so (see `store::signing::Signer`).
pub fn confirm(
    session: &mut Session,
    round_id: &str,
    judge: &str,
    submissions: &[String],
    by: &str,
    at: jiff::Timestamp,
    secretariat: Option<&ed25519_dalek::SigningKey>,
) -> Result<MergeReport, ConfirmError> {
    let paper = session
        .paper
        .iter()
        .find(|p| p.round == round_id && p.judge == judge)
        .cloned()
        .ok_or(ConfirmError::NoSheet)?;
    let round = session
        .contest
        .round(round_id)
        .cloned()
        .ok_or(ConfirmError::NoSheet)?;
    if count(&paper.first) == 0 || count(&paper.second) == 0 {
        return Err(ConfirmError::NotTwice);
    }
    for pass in [crate::model::Pass::First, crate::model::Pass::Second] {
        if !paper.entry(pass).finished {
            return Err(ConfirmError::NotFinished(pass));
        }
    }
    let differ = differences(&paper, &round, submissions).len();
    if differ > 0 {
        return Err(ConfirmError::Differ(differ));
    }
    let current = session.sheet(round_id, judge);
    let entries = paper
        .first
        .scores
        .iter()
        .map(|(submission, scores)| {
            let before = current.and_then(|s| s.entry(submission));
            SheetEntry {
                submission: submission.clone(),
                scores: scores.iter().map(|(c, v)| (c.as_str().into(), *v)).collect(),
                comment: before.map(|e| e.comment.clone()).unwrap_or_default(),
                recusal: before.and_then(|e| e.recusal.clone()),
                revision: before.map_or(1, |e| e.revision.saturating_add(1)),
                updated_at: Some(at),
            }
        })
        .collect();
    let sheet = Scoresheet {
        contest_id: session.contest.id.clone(),
        round: round_id.to_string(),
        judge: judge.to_string(),
        entries,
    };
    let typists = |e: &crate::model::PaperEntry| e.typists.join(", ");
    let source = format!(
        "paper sheet typed twice (1: {}; 2: {})",
        typists(&paper.first),
        typists(&paper.second)
    );
    let signed = secretariat.map(|key| super::signing::sign_paper(&sheet, key));
    let print = secretariat.map(|key| super::signing::fingerprint(key.verifying_key().as_bytes()));
    let mut report = merge_signed(session, &sheet, by, &source, at, signed).map_err(ConfirmError::Merge)?;
    report.signed = print;
    Ok(report)
}
