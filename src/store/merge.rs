//! Merging a judge's handed-in scoresheet into the session. Per submission entry the higher revision
//! wins; the same revision with different content is a conflict, reported and never overwritten. A
//! sheet of another contest, an unknown judge or round, or with invalid scores is refused whole. An
//! entry for a submission not assigned to that judge, or whose revision leaps far ahead of the
//! session's, is refused on its own, with the reason.
//! Every accepted change is written to the audit log.

use crate::model::{AuditEntry, AuditKind, Points, Scoresheet, Session, SheetEntry};

use super::validate::{Problem, ProblemKind, validate_sheet_against};

#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    OtherContest {
        expected: String,
        found: String,
    },
    UnknownJudge(String),
    UnknownRound(String),
    /// The sheet breaks the contest's rules; nothing was merged.
    Invalid(Vec<Problem>),
    /// The session is sealed (finalized): nothing can be merged until it is unsealed.
    Sealed,
    /// The sheet carries a signature that does not match what it holds: changed after it was signed,
    /// or forged. Nothing was merged.
    BadSignature,
    /// The judge is bound to a key and the sheet is not signed. Nothing was merged.
    Unsigned {
        judge: String,
    },
    /// The judge is bound to a key and the sheet is signed with another. Nothing was merged.
    OtherKey {
        judge: String,
        expected: String,
        found: String,
    },
}

/// What a merge did, entry by entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    pub round: String,
    pub judge: String,
    /// Entries new to the session.
    pub added: Vec<String>,
    /// Entries replaced by a higher revision: (submission, old revision, new revision).
    pub updated: Vec<(String, u32, u32)>,
    /// Entries identical to what the session has.
    pub unchanged: Vec<String>,
    /// Entries where the session already has a higher revision: (submission, session's, sheet's).
    pub kept_newer: Vec<(String, u32, u32)>,
    /// Same revision, different content: (submission, revision). The session's entry is kept.
    pub conflicts: Vec<(String, u32)>,
    /// Entries not merged, with the reason.
    pub refused: Vec<(String, EntryRefusal)>,
    /// The fingerprint of the key the sheet was signed with (its signature checked); None: unsigned.
    pub signed: Option<String>,
    /// Entries of the judge's own log not copied into the session's: not a score, comment or
    /// recusal, or recorded in another person's name (a judge's file can claim only the judge's own
    /// changes).
    pub log_left_out: usize,
}

/// Why one entry of a sheet was not merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryRefusal {
    /// The round assigns this submission to other judges.
    NotAssigned,
    /// The sheet's revision is further ahead of the session's (0: none yet) than
    /// [`SheetEntry::MAX_REVISION_STEP`].
    RevisionLeap { from: u32, to: u32 },
}

impl MergeReport {
    pub fn changed(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

fn fmt_score(p: Option<&Points>) -> Option<String> {
    p.map(|p| p.to_string())
}

/// The audit entries for replacing `old` with `new` (scores, comment, recusal).
fn audit_changes(
    sheet: &Scoresheet,
    old: Option<&SheetEntry>,
    new: &SheetEntry,
    by: &str,
    note: &str,
    at: jiff::Timestamp,
) -> Vec<AuditEntry> {
    let target = |tail: &str| {
        format!(
            "round {} / judge {} / submission {}{tail}",
            sheet.round, sheet.judge, new.submission
        )
    };
    let entry = |kind, target: String, old: Option<String>, new: Option<String>| {
        AuditEntry::new(at, by, kind, target, old, new, note)
    };
    let empty = SheetEntry::default();
    let old = old.unwrap_or(&empty);
    let mut out = Vec::new();
    let criteria: std::collections::BTreeSet<&str> = old
        .scores
        .keys()
        .chain(new.scores.keys())
        .map(|k| k.as_str())
        .collect();
    for c in criteria {
        let (a, b) = (old.scores.get(c), new.scores.get(c));
        if a != b {
            out.push(entry(
                AuditKind::Score,
                target(&format!(" / criterion {c}")),
                fmt_score(a),
                fmt_score(b),
            ));
        }
    }
    if old.comment != new.comment {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        out.push(entry(
            AuditKind::Comment,
            target(""),
            text(&old.comment),
            text(&new.comment),
        ));
    }
    if old.recusal != new.recusal {
        out.push(entry(
            AuditKind::Recusal,
            target(""),
            old.recusal.clone(),
            new.recusal.clone(),
        ));
    }
    out
}

/// Whether `kept`, an entry of the session's log, is `claimed`, an entry of a judge's log, copied in
/// by an earlier merge (which marked its note as the judge's).
fn same_claim(kept: &AuditEntry, claimed: &AuditEntry) -> bool {
    kept.same_change(claimed)
        && super::audit::judge_log_parts(&kept.note).map_or(kept.note.as_str(), |(_, inner)| inner)
            == claimed.note
}

/// The judge's claims of `about` not already in `log` (copied by an earlier merge of an overlapping
/// sheet: a hand-in after the folder's revisions, the same sheet twice). A judge's laptop logs in
/// time order and each merge copies its claims at the end, so when every claim is newer than the
/// judge's newest one in the log, none can be there and the log is not searched: merging a day of
/// revisions stays linear.
fn new_claims<'a>(log: &[AuditEntry], about: Vec<&'a AuditEntry>, judge: &[&str]) -> Vec<&'a AuditEntry> {
    if about.is_empty() {
        return about;
    }
    let newest = log
        .iter()
        .rev()
        .find(|e| judge.contains(&e.by.as_str()) && super::audit::judge_log_parts(&e.note).is_some())
        .map(|e| e.at);
    match newest {
        Some(newest) if about.iter().any(|e| e.at <= newest) => about
            .into_iter()
            .filter(|e| !log.iter().any(|s| same_claim(s, e)))
            .collect(),
        _ => about,
    }
}

/// Merges a handed-in sheet, and puts the judge's own log of the entries it changes into the
/// session's log (before the merge's own entries; entries already there are not repeated), so each
/// score's history shows when the judge typed it as well as when it was merged. A judge's file can
/// claim only the judge's own changes: entries of other kinds or in other names are left out and
/// counted, and those kept say they come from the judge's log of that file.
pub fn merge_handed_in(
    session: &mut Session,
    handed_in: &super::files::HandedIn,
    by: &str,
    source: &str,
    at: jiff::Timestamp,
) -> Result<MergeReport, MergeError> {
    // A signature that does not match the sheet and log is refused whole; a good one is kept in the
    // receipt, so that `verify` can check it again.
    let signed =
        match super::signing::check_sheet(&handed_in.sheet, &handed_in.audit, handed_in.signature.as_ref()) {
            super::signing::Check::Invalid => return Err(MergeError::BadSignature),
            super::signing::Check::Unsigned => None,
            super::signing::Check::Valid { fingerprint } => handed_in.signature.as_ref().map(|s| {
                (
                    fingerprint,
                    crate::model::SignedReceipt {
                        audit_digest: super::signing::audit_digest(&handed_in.audit),
                        public_key: s.public_key.clone(),
                        signature: s.signature.clone(),
                        secretariat: false,
                    },
                )
            }),
        };
    // A judge bound to a key: only a sheet signed with it.
    let judge = &handed_in.sheet.judge;
    if let Some(expected) = session.contest.judge(judge).and_then(|j| j.key.as_deref()) {
        match signed.as_ref().map(|(print, _)| print) {
            None => return Err(MergeError::Unsigned { judge: judge.clone() }),
            Some(found) if !super::signing::is_bound_key(expected, found) => {
                return Err(MergeError::OtherKey {
                    judge: judge.clone(),
                    expected: expected.to_string(),
                    found: found.clone(),
                });
            }
            Some(_) => {}
        }
    }
    let start = session.audit.len();
    let (print, receipt) = signed.unzip();
    let mut report = merge_signed(session, &handed_in.sheet, by, source, at, receipt)?;
    report.signed = print;
    // The judge's claims about every entry the session now has as the file has it or newer: a
    // revision file carries only the log written since the one before, so a file merged after a
    // newer one (its stream read out of order) still brings its part of the judge's history.
    let ids: Vec<&str> = report
        .added
        .iter()
        .chain(report.updated.iter().map(|(id, _, _)| id))
        .chain(report.kept_newer.iter().map(|(id, _, _)| id))
        .chain(report.unchanged.iter())
        .map(String::as_str)
        .collect();
    let (judge_log, left_out) = claims_to_copy(&session.audit[..start], session, handed_in, &ids, source);
    report.log_left_out = left_out;
    session.audit.splice(start..start, judge_log);
    Ok(report)
}

/// The judge's own record of changes to `ids` (submissions) in `handed_in`, kept as their claim and
/// not yet in `log`: only scores, comments and recusals, only in the judge's own name, each marked as
/// coming from the judge's file `source`. Also how many entries about them were left out (other
/// kinds, other names).
fn claims_to_copy(
    log: &[AuditEntry],
    session: &Session,
    handed_in: &super::files::HandedIn,
    ids: &[&str],
    source: &str,
) -> (Vec<AuditEntry>, usize) {
    let changed: Vec<String> = ids
        .iter()
        .map(|id| format!("judge {} / submission {id}", handed_in.sheet.judge))
        .collect();
    let judge_name = session
        .contest
        .judge(&handed_in.sheet.judge)
        .map(|j| j.name.clone())
        .unwrap_or_default();
    // The judge's app records them as "NAME (ID)".
    let recorded_as = format!("{judge_name} ({})", handed_in.sheet.judge);
    // "… / submission DA1 / …" or at the end: not DA10.
    let about_one = |target: &str, c: &str| {
        target
            .find(c)
            .is_some_and(|at| matches!(target[at + c.len()..].chars().next(), None | Some(' ')))
    };
    let about_changes: Vec<&AuditEntry> = handed_in
        .audit
        .iter()
        .filter(|e| changed.iter().any(|c| about_one(&e.target, c)))
        .collect();
    let about_changes = new_claims(log, about_changes, &[judge_name.as_str(), recorded_as.as_str()]);
    let judges_own = |e: &&AuditEntry| {
        matches!(e.kind, AuditKind::Score | AuditKind::Comment | AuditKind::Recusal)
            && (e.by == judge_name || e.by == recorded_as)
    };
    let left_out = about_changes.iter().filter(|e| !judges_own(e)).count();
    let claims = about_changes
        .into_iter()
        .filter(judges_own)
        .map(|e| AuditEntry {
            chain: String::new(),
            note: super::audit::judge_log_note(source, &e.note),
            ..e.clone()
        })
        .collect();
    (claims, left_out)
}

/// Whether `handed_in`, a file whose every entry the session has already ([`already_merged`]),
/// still brings part of the judge's history the session's log lacks (its revision was read after a
/// newer one): then it is worth merging for that.
pub fn has_new_claims(session: &Session, handed_in: &super::files::HandedIn) -> bool {
    if handed_in.audit.is_empty() {
        return false;
    }
    let ids: Vec<&str> = handed_in
        .sheet
        .entries
        .iter()
        .map(|e| e.submission.as_str())
        .collect();
    !claims_to_copy(&session.audit, session, handed_in, &ids, "")
        .0
        .is_empty()
}

/// What merging `sheet` would report when the session already has every one of its entries, the
/// same or newer (a file read again: the contest folder after a restart); None when merging could
/// change something or refuse something, which only a merge can say. Cheap: no validation, no log.
pub fn already_merged(session: &Session, sheet: &Scoresheet) -> Option<MergeReport> {
    let have = session.sheet(&sheet.round, &sheet.judge)?;
    if sheet.contest_id != session.contest.id {
        return None;
    }
    let mut report = MergeReport {
        round: sheet.round.clone(),
        judge: sheet.judge.clone(),
        ..Default::default()
    };
    for incoming in &sheet.entries {
        let current = have.entry(&incoming.submission)?;
        if current.revision > incoming.revision {
            report
                .kept_newer
                .push((incoming.submission.clone(), current.revision, incoming.revision));
        } else if current.revision == incoming.revision && current.same_content(incoming) {
            report.unchanged.push(incoming.submission.clone());
        } else {
            return None;
        }
    }
    Some(report)
}

/// Merges `sheet` into `session`. `by` is who merges, `source` where the sheet came from (a file
/// name), both recorded in the audit log.
pub fn merge_sheet(
    session: &mut Session,
    sheet: &Scoresheet,
    by: &str,
    source: &str,
    at: jiff::Timestamp,
) -> Result<MergeReport, MergeError> {
    merge_signed(session, sheet, by, source, at, None)
}

/// [`merge_sheet`], keeping the sheet's checked signature in its receipt.
pub(super) fn merge_signed(
    session: &mut Session,
    sheet: &Scoresheet,
    by: &str,
    source: &str,
    at: jiff::Timestamp,
    signed: Option<crate::model::SignedReceipt>,
) -> Result<MergeReport, MergeError> {
    if session.seal.is_some() {
        return Err(MergeError::Sealed);
    }
    let contest = &session.contest;
    if sheet.contest_id != contest.id {
        return Err(MergeError::OtherContest {
            expected: contest.id.clone(),
            found: sheet.contest_id.clone(),
        });
    }
    if contest.judge(&sheet.judge).is_none() {
        return Err(MergeError::UnknownJudge(sheet.judge.clone()));
    }
    if contest.round(&sheet.round).is_none() {
        return Err(MergeError::UnknownRound(sheet.round.clone()));
    }
    let problems: Vec<Problem> = validate_sheet_against(session, sheet)
        .into_iter()
        .filter(|p| !matches!(p.kind, ProblemKind::OtherContest(_)))
        .collect();
    if !problems.is_empty() {
        return Err(MergeError::Invalid(problems));
    }

    let mut report = MergeReport {
        round: sheet.round.clone(),
        judge: sheet.judge.clone(),
        ..Default::default()
    };
    let note = format!("merge of {source}");
    let index = match session
        .scoresheets
        .iter()
        .position(|s| s.round == sheet.round && s.judge == sheet.judge)
    {
        Some(i) => i,
        None => {
            session.scoresheets.push(Scoresheet {
                contest_id: sheet.contest_id.clone(),
                round: sheet.round.clone(),
                judge: sheet.judge.clone(),
                entries: Vec::new(),
            });
            session.scoresheets.len() - 1
        }
    };
    let mut audit = Vec::new();
    let round = session.contest.round(&sheet.round);
    let target = &mut session.scoresheets[index];
    for incoming in &sheet.entries {
        let id = incoming.submission.clone();
        let current = target
            .entries
            .iter()
            .position(|e| e.submission == incoming.submission);
        if round.is_some_and(|r| !r.is_assigned(&sheet.judge, &incoming.submission)) {
            report.refused.push((id, EntryRefusal::NotAssigned));
            continue;
        }
        let from = current.map_or(0, |i| target.entries[i].revision);
        if incoming.revision > from.saturating_add(SheetEntry::MAX_REVISION_STEP) {
            report.refused.push((
                id,
                EntryRefusal::RevisionLeap {
                    from,
                    to: incoming.revision,
                },
            ));
            continue;
        }
        match current {
            None => {
                audit.extend(audit_changes(sheet, None, incoming, by, &note, at));
                target.entries.push(incoming.clone());
                report.added.push(id);
            }
            Some(i) => {
                let current = &target.entries[i];
                if incoming.revision > current.revision {
                    audit.extend(audit_changes(sheet, Some(current), incoming, by, &note, at));
                    report.updated.push((id, current.revision, incoming.revision));
                    target.entries[i] = incoming.clone();
                } else if incoming.revision < current.revision {
                    report.kept_newer.push((id, current.revision, incoming.revision));
                } else if current.same_content(incoming) {
                    report.unchanged.push(id);
                } else {
                    report.conflicts.push((id, current.revision));
                }
            }
        }
    }
    if report.changed() {
        audit.push(AuditEntry {
            at,
            by: by.to_string(),
            kind: AuditKind::Merge,
            target: format!("round {} / judge {}", sheet.round, sheet.judge),
            old: None,
            new: Some(format!(
                "{} added, {} updated, {} conflicts",
                report.added.len(),
                report.updated.len(),
                report.conflicts.len()
            )),
            note,
            chain: String::new(),
        });
    }
    session.audit.extend(audit);
    if !report.added.is_empty() || !report.updated.is_empty() {
        super::seal::record_receipt(session, sheet, source, by, at, signed);
    }
    Ok(report)
}
