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
    /// The results as computed when the file was saved, so the file itself records the awards.
    #[serde(default)]
    pub results: Vec<RoundResult>,
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
}

/// A judge's scoresheet handed back to the organizer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoresheetFile {
    pub kind: FileKind,
    pub version: u32,
    pub sheet: Scoresheet,
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
        }
    }
    pub fn submission(&self, id: &str) -> Option<&Submission> {
        self.submissions.iter().find(|s| s.id == id)
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
        }
    }
}
