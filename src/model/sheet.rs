//! A judge's scoresheet for one round: per submission, the criterion scores (a missing score is
//! "not scored", never 0), a comment, an optional recusal, and a revision counter used by merge.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::contest::Id;
use super::points::Points;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoresheet {
    /// The contest this sheet belongs to; a sheet is never merged into another contest.
    pub contest_id: Id,
    pub round: Id,
    pub judge: Id,
    #[serde(default)]
    pub entries: Vec<SheetEntry>,
}

/// A criterion id as the key of a sheet's scores. Ids are short ("tc1"): each is held in the key
/// itself instead of on its own, which for a contest of 100,000 submissions is four million fewer
/// pieces of memory to make, read and free. It reads and writes as the text it is.
pub type CriterionKey = smol_str::SmolStr;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetEntry {
    pub submission: Id,
    /// Criterion id → score. A criterion that is absent has not been scored.
    #[serde(default, deserialize_with = "super::unique::map")]
    pub scores: BTreeMap<CriterionKey, Points>,
    #[serde(default)]
    pub comment: String,
    /// The judge withdrew from this submission (conflict of interest), with the reason given.
    #[serde(default)]
    pub recusal: Option<String>,
    /// Raised by one on every change; merge keeps the higher revision.
    #[serde(default)]
    pub revision: u32,
    #[serde(default)]
    pub updated_at: Option<jiff::Timestamp>,
}

impl Scoresheet {
    pub fn entry(&self, submission: &str) -> Option<&SheetEntry> {
        self.entries.iter().find(|e| e.submission == submission)
    }
}

impl SheetEntry {
    /// The highest revision a file may carry: far more changes than any entry sees (each change
    /// raises it by one), far from where a `u32` wraps.
    pub const MAX_REVISION: u32 = 1_000_000;
    /// How far a merge may move an entry forward at once: more than any judge changes one project's
    /// scores between two merges, so a sheet claiming a far later revision is refused rather than
    /// locking out every later correction.
    pub const MAX_REVISION_STEP: u32 = 1_000;

    /// Same scores, comment and recusal (revision and time aside).
    pub fn same_content(&self, other: &SheetEntry) -> bool {
        self.scores == other.scores && self.comment == other.comment && self.recusal == other.recusal
    }
}
