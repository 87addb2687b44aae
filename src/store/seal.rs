//! Sealing and verifying: the SHA-256 digest of a session's canonical form (JSON with sorted keys and
//! no spaces, of the contest, submissions, scoresheets, receipts, decisions, results and the audit log
//! up to the seal), the digest of a scoresheet, "Finalize" and its undoing, and the verification an
//! auditor runs: the results recomputed from the raw scores, the seal, the digest printed on paper,
//! and every merged scoresheet; and the check every display of a seal makes first (a file changed
//! after its seal is never shown as sealed).

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

/// A value's canonical JSON: object keys sorted, no whitespace, UTF-8 (docs/trust.md).
pub(crate) fn canonical_json<T: Serialize>(value: &T) -> Vec<u8> {
    // Through serde_json's Value, whose objects are sorted maps: the same data gives the same bytes
    // whatever order the fields were written in.
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_vec(&v))
        .unwrap_or_default()
}

/// SHA-256 of a value's canonical JSON, as 64 lowercase hex digits.
pub(crate) fn digest_of<T: Serialize>(value: &T) -> String {
    hex(&Sha256::digest(canonical_json(value)))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
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
    super::audit::chain(&mut session.audit);
    let audit_len = session.audit.len();
    let digest = session_digest(session, audit_len, by, at);
    session.audit.push(seal_entry(&digest, by, at));
    super::audit::chain(&mut session.audit);
    session.seal = Some(Seal {
        digest: digest.clone(),
        by: by.into(),
        at,
        audit_len,
    });
    Ok(digest)
}

/// The log entry a seal writes, exactly.
fn seal_entry(digest: &str, by: &str, at: jiff::Timestamp) -> AuditEntry {
    AuditEntry::new(
        at,
        by,
        AuditKind::Seal,
        "session".into(),
        None,
        Some(digest.into()),
        "",
    )
}

/// How a sealed session's file breaks its seal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Breach {
    /// The content the digest covers was changed.
    Digest,
    /// The seal's own log entry is not the one the seal wrote (its note, target, old value…).
    SealEntry,
    /// Entries follow the seal's entry: a sealed session takes none (an unseal lifts the seal).
    AfterSeal(usize),
}

/// What a session's seal is worth, checked (in milliseconds) before anything shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealState {
    Unsealed,
    Intact(Seal),
    /// The file claims a seal it does not match: never to be shown as sealed.
    Broken(Seal, Vec<Breach>),
}

impl SealState {
    pub fn is_sealed(&self) -> bool {
        !matches!(self, SealState::Unsealed)
    }
    pub fn is_broken(&self) -> bool {
        matches!(self, SealState::Broken(..))
    }
}

/// Checks a session's seal against its content: the digest, the seal's log entry, and that nothing
/// was logged after it.
pub fn seal_state(session: &Session) -> SealState {
    let Some(seal) = &session.seal else {
        return SealState::Unsealed;
    };
    let breaches = breaches(session, seal);
    if breaches.is_empty() {
        SealState::Intact(seal.clone())
    } else {
        SealState::Broken(seal.clone(), breaches)
    }
}

fn breaches(session: &Session, seal: &Seal) -> Vec<Breach> {
    let mut out = Vec::new();
    if session_digest(session, seal.audit_len, &seal.by, seal.at) != seal.digest {
        out.push(Breach::Digest);
    }
    let logged = session.audit.get(seal.audit_len);
    let expected = seal_entry(&seal.digest, &seal.by, seal.at);
    if !logged.is_some_and(|e| e.same_record(&expected)) {
        out.push(Breach::SealEntry);
    }
    let after = session.audit.len().saturating_sub(seal.audit_len + 1);
    if after > 0 {
        out.push(Breach::AfterSeal(after));
    }
    out
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
    signed: Option<crate::model::SignedReceipt>,
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
        signed,
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
    /// The audit log records the seal exactly as the seal wrote it (who, when, which digest, nothing
    /// else).
    SealEntry { logged: bool },
    /// How many entries follow the seal's in the log: none may.
    AfterSeal { entries: usize },
    /// The first log entry that breaks the hash chain, if any (of `entries`).
    LogChain {
        broken_at: Option<usize>,
        entries: usize,
    },
    /// A sealed session checked without the digest on paper: it agrees with itself, which a forger
    /// who re-sealed it can also achieve; only the paper proves it is the file that was signed.
    PaperDigestNotGiven,
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
    /// A merged sheet's signature, checked again from its receipt: valid, made with the key of
    /// `fingerprint` (None when it no longer checks).
    Signature {
        round: String,
        judge: String,
        /// Signed by the secretariat (a paper sheet it typed), not by the judge's laptop.
        secretariat: bool,
        fingerprint: Option<String>,
    },
}

impl Check {
    pub fn ok(&self) -> bool {
        match self {
            Check::Sealed { sealed } => *sealed,
            Check::SealEntry { logged } => *logged,
            Check::AfterSeal { entries } => *entries == 0,
            Check::LogChain { broken_at, .. } => broken_at.is_none(),
            Check::PaperDigestNotGiven => true,
            Check::SealDigest { expected, found } => expected == found,
            Check::PaperDigest { paper, sealed } => paper == sealed,
            Check::Results { differences } => differences.is_empty(),
            Check::Sheet { expected, found, .. } => expected == found,
            Check::SheetWithoutReceipt { .. } => true,
            Check::Signature { fingerprint, .. } => fingerprint.is_some(),
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
    /// What may be concluded: a file that checks out is only proven to be the signed one when the
    /// digest on paper was given and matched.
    pub fn verdict(&self) -> Verdict {
        if !self.ok() {
            Verdict::Mismatch
        } else if self.checks.iter().any(|c| matches!(c, Check::PaperDigest { .. })) {
            Verdict::Proven
        } else {
            Verdict::SelfConsistent
        }
    }
}

/// The conclusion of a verification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Verdict {
    /// Something failed.
    #[default]
    Mismatch,
    /// Everything agrees within the file; the digest on paper was not given.
    SelfConsistent,
    /// Everything agrees, and the seal is the digest on paper.
    Proven,
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
        let expected = seal_entry(&seal.digest, &seal.by, seal.at);
        checks.push(Check::SealEntry {
            logged: session
                .audit
                .get(seal.audit_len)
                .is_some_and(|e| e.same_record(&expected)),
        });
        checks.push(Check::AfterSeal {
            entries: session.audit.len().saturating_sub(seal.audit_len + 1),
        });
        checks.push(match paper {
            Some(paper) => Check::PaperDigest {
                paper: normalize_digest(paper),
                sealed: seal.digest.clone(),
            },
            None => Check::PaperDigestNotGiven,
        });
    }
    checks.push(Check::LogChain {
        broken_at: super::audit::chain_break(&session.audit),
        entries: session.audit.len(),
    });
    // An unsealed session keeps no results (files saved before did: those are still compared).
    if session.seal.is_some() || !session.results.is_empty() {
        checks.push(Check::Results {
            differences: result_differences(&session.results, &crate::scoring::compute(session)),
        });
    }
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
    // Every signed sheet merged, its signature checked again over the digests its receipt keeps.
    for r in &session.receipts {
        if let Some(s) = &r.signed {
            let signer = match s.secretariat {
                true => super::signing::Signer::Secretariat,
                false => super::signing::Signer::Judge,
            };
            let check = super::signing::check_digests_by(
                signer,
                &r.handed_in,
                &s.audit_digest,
                &s.public_key,
                &s.signature,
            );
            checks.push(Check::Signature {
                round: r.round.clone(),
                judge: r.judge.clone(),
                secretariat: s.secretariat,
                fingerprint: match check {
                    super::signing::Check::Valid { fingerprint } => Some(fingerprint),
                    _ => None,
                },
            });
        }
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
        // The saved rows by submission, found once (a search per row was quadratic, and a large
        // sealed session changed by hand is exactly what this is for); the first of an id, as a
        // search finds it.
        let mut saved_rows = std::collections::HashMap::new();
        for old in s.scopes.iter().flat_map(|scope| scope.rows.iter()) {
            saved_rows.entry(old.submission.as_str()).or_insert(old);
        }
        for row in r.scopes.iter().flat_map(|scope| scope.rows.iter()) {
            let submission = || row.submission.clone();
            let Some(&old) = saved_rows.get(row.submission.as_str()) else {
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
