//! The three file kinds giamkhao writes, each opening with its kind and format version: a session
//! (everything), a judge packet (what one judge may see) and a scoresheet (handed back by a judge).

use serde::{Deserialize, Serialize};

use super::audit::AuditEntry;
use super::contest::{Contest, Id};
use super::decision::Decision;
use super::results::RoundResult;
use super::sheet::Scoresheet;
use super::submission::Submission;

/// The current format version of all three kinds. A file with a higher one is refused.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Session,
    JudgePacket,
    Scoresheet,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub kind: FileKind,
    pub version: u32,
    pub contest: Contest,
    #[serde(default)]
    pub submissions: Vec<Submission>,
    #[serde(default)]
    pub scoresheets: Vec<Scoresheet>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    /// The published results, once sealed: what the seal's digest covers and `verify` checks. An
    /// unsealed session does not keep them (they are computed from its scores whenever they are
    /// needed, the same to the byte, and were half of a big file); files written before kept them
    /// and still load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<RoundResult>,
    /// What each handed-in scoresheet was when it was merged (its digest), to check it later.
    #[serde(default)]
    pub receipts: Vec<Receipt>,
    /// Set by "Finalize": the digest of everything the awards rest on. A sealed session is read-only.
    #[serde(default)]
    pub seal: Option<Seal>,
    /// Paper scoresheets being typed in twice; a sheet moves to `scoresheets` once both match.
    #[serde(default)]
    pub paper: Vec<super::paper::PaperSheet>,
}

/// The seal of a finalized session: a SHA-256 digest over the canonical form of the contest,
/// submissions, scoresheets, receipts, decisions, results and the audit log up to the seal (see
/// docs/trust.md), with who sealed it and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    /// 64 lowercase hex digits.
    pub digest: String,
    pub by: String,
    pub at: jiff::Timestamp,
    /// How many audit entries the digest covers (the entries written before the seal).
    pub audit_len: usize,
}

/// A scoresheet merged from a judge's file: the digest of the sheet as handed in (to match the
/// judge's own copy) and of the session's sheet right after the merge (so a later change that did not
/// come through a merge is found by `verify`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub round: Id,
    pub judge: Id,
    /// SHA-256 of the handed-in sheet's canonical form, 64 lowercase hex digits.
    pub handed_in: String,
    /// SHA-256 of the session's sheet after the merge.
    pub merged: String,
    /// The file it came from.
    pub source: String,
    pub by: String,
    pub at: jiff::Timestamp,
    /// The judge's signature as handed in, kept so that `verify` can check it again: it is over the
    /// digests of the sheet (`handed_in`) and of the judge's log (see `store::signing`). None for a
    /// sheet handed in unsigned (or before signatures).
    #[serde(default)]
    pub signed: Option<SignedReceipt>,
}

/// What a signed sheet's receipt keeps of its signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedReceipt {
    /// SHA-256 of the canonical JSON of the judge's log as handed in.
    pub audit_digest: String,
    pub public_key: String,
    pub signature: String,
    /// Signed by the secretariat, for a paper sheet it typed twice and confirmed (see
    /// `store::signing::Signer`), not by a judge's laptop.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub secretariat: bool,
}

/// What one judge receives: the contest, the submissions to score in one round, and their own
/// sheet. Never another judge's scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgePacket {
    pub kind: FileKind,
    pub version: u32,
    pub contest: Contest,
    pub round: Id,
    pub judge: Id,
    pub submissions: Vec<Submission>,
    pub sheet: Scoresheet,
    /// The judge's own changes, as the app records them.
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    /// The contest folder this laptop writes the sheet's revisions to, when the judge joined one
    /// (see `store::folder`); None: the sheet is handed in by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<FolderLink>,
}

/// A judge's packet joined to a contest folder: where, and what has been written there so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderLink {
    /// The folder as chosen on this laptop.
    pub path: String,
    /// The sheet revision last written there (see `store::folder::sheet_revision`); None: nothing
    /// written yet.
    #[serde(default)]
    pub revision: Option<u64>,
    /// How many entries of the judge's log the files written so far hold: each file carries the
    /// entries since the one before, so that the files stay the size of a sheet.
    #[serde(default)]
    pub log_written: usize,
}

/// A judge's scoresheet handed back to the organizer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoresheetFile {
    pub kind: FileKind,
    pub version: u32,
    pub sheet: Scoresheet,
    /// SHA-256 of the sheet's canonical form when the judge handed it in: shown to the judge, checked
    /// when it is merged.
    #[serde(default)]
    pub digest: Option<String>,
    /// The judge's own log of the changes (each score typed, when), carried into the session's log
    /// when the sheet is merged.
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    /// The judge's signature over the sheet and their log, made with the key of the laptop it was
    /// scored on (see `store::signing` and docs/trust.md); None in sheets from before signatures.
    #[serde(default)]
    pub signature: Option<SheetSignature>,
}

/// An Ed25519 signature and the public key that checks it, both as lowercase hex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSignature {
    /// The 32-byte public key, 64 hex digits.
    pub public_key: String,
    /// The 64-byte signature, 128 hex digits.
    pub signature: String,
}

impl Session {
    pub fn new(contest: Contest) -> Self {
        Session {
            kind: FileKind::Session,
            version: FORMAT_VERSION,
            contest,
            submissions: Vec::new(),
            scoresheets: Vec::new(),
            decisions: Vec::new(),
            audit: Vec::new(),
            results: Vec::new(),
            receipts: Vec::new(),
            seal: None,
            paper: Vec::new(),
        }
    }
    /// One submission by id: a search through all of them. To look many up, use
    /// [`Session::submission_index`] once.
    pub fn submission(&self, id: &str) -> Option<&Submission> {
        self.submissions.iter().find(|s| s.id == id)
    }

    /// Every submission by id (the first of a repeated id, as [`Session::submission`] finds).
    pub fn submission_index(&self) -> rustc_hash::FxHashMap<&str, &Submission> {
        let mut index = rustc_hash::FxHashMap::default();
        index.reserve(self.submissions.len());
        for s in &self.submissions {
            index.entry(s.id.as_str()).or_insert(s);
        }
        index
    }
    /// Each submission's position by id (the first of an id), owned: for a caller that keeps it
    /// across changes that leave the submissions alone, such as the app between frames.
    pub fn submission_positions(&self) -> std::collections::HashMap<String, usize> {
        let mut index = std::collections::HashMap::with_capacity(self.submissions.len());
        for (i, s) in self.submissions.iter().enumerate() {
            index.entry(s.id.clone()).or_insert(i);
        }
        index
    }
    pub fn sheet(&self, round: &str, judge: &str) -> Option<&Scoresheet> {
        self.scoresheets
            .iter()
            .find(|s| s.round == round && s.judge == judge)
    }
}

impl ScoresheetFile {
    pub fn new(sheet: Scoresheet) -> Self {
        ScoresheetFile {
            kind: FileKind::Scoresheet,
            version: FORMAT_VERSION,
            sheet,
            digest: None,
            audit: Vec::new(),
            signature: None,
        }
    }
}
