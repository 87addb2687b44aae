//! Sealing and verifying: the SHA-256 digest of a session's canonical form (JSON with sorted keys and
//! no spaces, of the contest, submissions, scoresheets, receipts, decisions, results and the audit log
//! up to the seal), the digest of a scoresheet, "Finalize" and its undoing, and the verification an
//! auditor runs: the results recomputed from the raw scores, the seal, the digest printed on paper,
//! and every merged scoresheet.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{
    AuditEntry, AuditKind, Contest, Decision, Points, Receipt, RoundResult, Scoresheet, Seal, Session,
    Submission,
};

/// What the session digest covers, in the order it is written (the keys are sorted anyway).
#[derive(Serialize)]
struct Canonical<'a> {
    format: &'static str,
    contest: &'a Contest,
    submissions: &'a [Submission],
    scoresheets: &'a [Scoresheet],
    receipts: &'a [Receipt],
    decisions: &'a [Decision],
    paper: &'a [crate::model::PaperSheet],
    results: &'a [RoundResult],
    audit: &'a [AuditEntry],
    sealed_by: &'a str,
    sealed_at: jiff::Timestamp,
}

/// The name of the canonical form, inside what is hashed: a new form gets a new name.
const CANONICAL: &str = "giamkhao-seal-1";

/// SHA-256 of a value's canonical JSON (object keys sorted, no whitespace), as 64 lowercase hex digits.
fn digest_of<T: Serialize>(value: &T) -> String {
    // Through serde_json's Value, whose objects are sorted maps: the same data gives the same bytes
    // whatever order the fields were written in.
    let bytes = serde_json::to_value(value)
        .and_then(|v| serde_json::to_vec(&v))
        .unwrap_or_default();
    hex(&Sha256::digest(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of a scoresheet's content.
pub fn sheet_digest(sheet: &Scoresheet) -> String {
    digest_of(sheet)
}

/// The digest of a session with the first `audit_len` audit entries, sealed by `by` at `at`.
pub fn session_digest(session: &Session, audit_len: usize, by: &str, at: jiff::Timestamp) -> String {
    digest_of(&Canonical {
        format: CANONICAL,
        contest: &session.contest,
        submissions: &session.submissions,
        scoresheets: &session.scoresheets,
        receipts: &session.receipts,
        decisions: &session.decisions,
        paper: &session.paper,
        results: &session.results,
        audit: &session.audit[..audit_len.min(session.audit.len())],
        sealed_by: by,
        sealed_at: at,
    })
}

/// Why a session cannot be sealed or unsealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealError {
    AlreadySealed,
    NotSealed,
    /// The results are provisional: a tie across a prize awaits the council's decision.
    Provisional,
    /// The session has problems (listed by `check`).
    Invalid(usize),
    /// Unsealing needs a reason.
    NoReason,
    /// The reason is longer than it may be (`limits.rs`).
    TooLong(super::limits::TooLong),
}

/// "Finalize": computes the results, writes the seal and logs it. Refused while the results are
/// provisional or the session has problems.
pub fn seal(session: &mut Session, by: &str, at: jiff::Timestamp) -> Result<String, SealError> {
    if session.seal.is_some() {
        return Err(SealError::AlreadySealed);
    }
    let problems = super::validate_session(session).len();
    if problems > 0 {
        return Err(SealError::Invalid(problems));
    }
    session.results = crate::scoring::compute(session);
    if session.results.iter().any(|r| r.provisional) {
        return Err(SealError::Provisional);
    }
    let audit_len = session.audit.len();
    let digest = session_digest(session, audit_len, by, at);
    session.audit.push(AuditEntry::new(
        at,
        by,
        AuditKind::Seal,
        "session".into(),
        None,
        Some(digest.clone()),
        "",
    ));
    session.seal = Some(Seal {
        digest: digest.clone(),
        by: by.into(),
        at,
        audit_len,
    });
    Ok(digest)
}

/// Opens a sealed session for changes again, with the reason in the audit log.
pub fn unseal(session: &mut Session, by: &str, reason: &str, at: jiff::Timestamp) -> Result<(), SealError> {
    let Some(seal) = session.seal.take() else {
        return Err(SealError::NotSealed);
    };
    if reason.trim().is_empty() {
        session.seal = Some(seal);
        return Err(SealError::NoReason);
    }
    if let Err(e) = super::limits::fits(super::limits::TextField::UnsealReason, reason.trim()) {
        session.seal = Some(seal);
        return Err(SealError::TooLong(e));
    }
    session.audit.push(AuditEntry::new(
        at,
        by,
        AuditKind::Unseal,
        "session".into(),
        Some(seal.digest),
        None,
        reason.trim(),
    ));
    Ok(())
}

/// Records a merged sheet: the digest of what was handed in and of the session's sheet after it.
pub fn record_receipt(
    session: &mut Session,
    handed_in: &Scoresheet,
    source: &str,
    by: &str,
    at: jiff::Timestamp,
) {
    let Some(merged) = session.sheet(&handed_in.round, &handed_in.judge) else {
        return;
    };
    let receipt = Receipt {
        round: handed_in.round.clone(),
        judge: handed_in.judge.clone(),
        handed_in: sheet_digest(handed_in),
        merged: sheet_digest(merged),
        source: source.into(),
        by: by.into(),
        at,
    };
    session.receipts.push(receipt);
}

/// One check of a verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The session carries a seal.
    Sealed { sealed: bool },
    /// The digest recomputed from the file matches the seal.
    SealDigest { expected: String, found: String },
    /// The audit log records the seal as the seal says (who, when, which digest).
    SealEntry { logged: bool },
    /// The digest printed on paper (given by the auditor) matches the seal.
    PaperDigest { paper: String, sealed: String },
    /// The results recomputed from the raw scores with the saved rules match the saved results.
    Results { differences: Vec<Difference> },
    /// A merged scoresheet is still what the merge left.
    Sheet {
        round: String,
        judge: String,
        expected: String,
        found: String,
    },
    /// A scoresheet that never came through a merge (typed in, or part of a sample): nothing to compare.
    SheetWithoutReceipt { round: String, judge: String },
}

impl Check {
    pub fn ok(&self) -> bool {
        match self {
            Check::Sealed { sealed } => *sealed,
            Check::SealEntry { logged } => *logged,
            Check::SealDigest { expected, found } => expected == found,
            Check::PaperDigest { paper, sealed } => paper == sealed,
            Check::Results { differences } => differences.is_empty(),
            Check::Sheet { expected, found, .. } => expected == found,
            Check::SheetWithoutReceipt { .. } => true,
        }
    }
}

/// Everything `verify` checked, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verification {
    pub checks: Vec<Check>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.checks.iter().all(Check::ok)
    }
}

/// A digest as people copy it from paper: spaces, dashes and case do not matter.
pub fn normalize_digest(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != ':')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Verifies a session: the seal, the paper digest when given, the results recomputed from the raw
/// scores, and every merged scoresheet.
pub fn verify(session: &Session, paper: Option<&str>) -> Verification {
    let mut checks = Vec::new();
    checks.push(Check::Sealed {
        sealed: session.seal.is_some(),
    });
    if let Some(seal) = &session.seal {
        checks.push(Check::SealDigest {
            expected: seal.digest.clone(),
            found: session_digest(session, seal.audit_len, &seal.by, seal.at),
        });
        let entry = session.audit.get(seal.audit_len);
        checks.push(Check::SealEntry {
            logged: entry.is_some_and(|e| {
                e.kind == AuditKind::Seal
                    && e.by == seal.by
                    && e.at == seal.at
                    && e.new.as_deref() == Some(seal.digest.as_str())
            }),
        });
        if let Some(paper) = paper {
            checks.push(Check::PaperDigest {
                paper: normalize_digest(paper),
                sealed: seal.digest.clone(),
            });
        }
    }
    checks.push(Check::Results {
        differences: result_differences(&session.results, &crate::scoring::compute(session)),
    });
    for sheet in &session.scoresheets {
        let last = session
            .receipts
            .iter()
            .rev()
            .find(|r| r.round == sheet.round && r.judge == sheet.judge);
        checks.push(match last {
            Some(r) => Check::Sheet {
                round: sheet.round.clone(),
                judge: sheet.judge.clone(),
                expected: r.merged.clone(),
                found: sheet_digest(sheet),
            },
            None => Check::SheetWithoutReceipt {
                round: sheet.round.clone(),
                judge: sheet.judge.clone(),
            },
        });
    }
    Verification { checks }
}

/// A way the saved results differ from those recomputed from the raw scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    Rounds {
        saved: usize,
        recomputed: usize,
    },
    Missing {
        round: String,
        submission: String,
    },
    Score {
        round: String,
        submission: String,
        saved: Option<Points>,
        recomputed: Option<Points>,
    },
    Award {
        round: String,
        submission: String,
        saved: Option<String>,
        recomputed: Option<String>,
    },
    Rank {
        round: String,
        submission: String,
        saved: Option<u32>,
        recomputed: Option<u32>,
    },
    /// Flags, ties or other details differ.
    Details {
        round: String,
    },
}

/// Where the saved results and the recomputed ones differ. Empty when they are the same.
fn result_differences(saved: &[RoundResult], recomputed: &[RoundResult]) -> Vec<Difference> {
    let mut out = Vec::new();
    if saved.len() != recomputed.len() {
        out.push(Difference::Rounds {
            saved: saved.len(),
            recomputed: recomputed.len(),
        });
    }
    for (s, r) in saved.iter().zip(recomputed) {
        if s == r {
            continue;
        }
        let before = out.len();
        let round = || r.round.clone();
        for row in r.scopes.iter().flat_map(|scope| scope.rows.iter()) {
            let submission = || row.submission.clone();
            let Some(old) = s.row(&row.submission) else {
                out.push(Difference::Missing {
                    round: round(),
                    submission: submission(),
                });
                continue;
            };
            if old.score != row.score {
                out.push(Difference::Score {
                    round: round(),
                    submission: submission(),
                    saved: old.score,
                    recomputed: row.score,
                });
            }
            if old.award != row.award {
                out.push(Difference::Award {
                    round: round(),
                    submission: submission(),
                    saved: old.award.clone(),
                    recomputed: row.award.clone(),
                });
            }
            if old.rank != row.rank {
                out.push(Difference::Rank {
                    round: round(),
                    submission: submission(),
                    saved: old.rank,
                    recomputed: row.rank,
                });
            }
        }
        if out.len() == before {
            out.push(Difference::Details { round: round() });
        }
    }
    out
}
