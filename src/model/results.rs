//! Computed results, as the scoring rules state them for every submission: rank or "not eligible",
//! rounded score, sheets counted, each judge's total and status, criterion means, award, flags, and
//! the tied groups a council must settle. Stored in the session on every save.

use serde::{Deserialize, Serialize};

use super::contest::Id;
use super::decision::{Resolution, TieTarget};
use super::points::Points;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundResult {
    pub round: Id,
    /// True while a tie needs a council decision (here or in an earlier round's advancement).
    pub provisional: bool,
    pub maximum_total: Points,
    /// One scope (the whole contest) or one per category, in the contest's category order.
    pub scopes: Vec<ScopeResult>,
    /// Decisions recorded for this round that match no current tie (scores changed since).
    #[serde(default)]
    pub unused_decisions: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScopeResult {
    /// None: the whole contest; Some: one category.
    pub category: Option<Id>,
    /// Eligible submissions by rank, then the not eligible ones.
    pub rows: Vec<SubmissionResult>,
    pub ties: Vec<TiedGroup>,
    /// Award slots left empty, per tier (none for a round that is not the last).
    #[serde(default)]
    pub vacant: Vec<VacantSlots>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionResult {
    pub submission: Id,
    /// None: not eligible (not enough scores), listed after the ranked ones.
    pub rank: Option<u32>,
    /// Rounded to the contest's decimals, as printed. None when no sheet counts.
    pub score: Option<Points>,
    pub sheets_counted: u32,
    pub judges: Vec<JudgeLine>,
    /// In the order of the round's criteria; None when no sheet counts.
    pub criterion_means: Vec<CriterionMean>,
    /// The award tier id (last round only).
    #[serde(default)]
    pub award: Option<Id>,
    /// Goes on to the next round (rounds with an advancement rule only).
    #[serde(default)]
    pub advanced: Option<bool>,
    pub flags: Vec<Flag>,
}

/// An id shared by every row of a result (cloning it does not copy the text); written as a string.
pub type SharedId = std::sync::Arc<str>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeLine {
    pub judge: SharedId,
    /// The judge's total, when the sheet is complete.
    pub total: Option<Points>,
    pub status: SheetStatus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SheetStatus {
    Counted,
    Conflict,
    Incomplete,
    DivergentFlagged,
    DivergentExcluded,
    Trimmed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionMean {
    pub criterion: SharedId,
    pub mean: Option<Points>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConflictKind {
    /// The judge's organization is the submission's.
    SameOrganization,
    /// The organizer listed the pair.
    Listed(String),
    /// The judge declared it before scoring.
    Declared(String),
    /// The judge recused on the sheet.
    Recused(String),
}

/// Everything a council secretary must read aloud about a submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Flag {
    /// A judge's sheet is missing scores; it does not count.
    IncompleteSheet { judge: Id, scored: u32, of: u32 },
    /// A judge in conflict of interest; any scores they gave are ignored.
    Conflict {
        judge: Id,
        kind: ConflictKind,
        had_scores: bool,
    },
    /// Chênh lệch, action Flag: the sheet counts but needs discussion.
    NeedsDiscussion { judge: Id, total: Points, mean: Points },
    /// Chênh lệch, action Exclude: the sheet was dropped.
    DivergentExcluded { judge: Id, total: Points, mean: Points },
    /// Fewer sheets than the minimum: not eligible.
    NotEnoughScores { counted: u32, min: u32 },
    /// A criterion mean below that criterion's minimum: not awarded or advanced.
    BelowMinimum {
        criterion: Id,
        mean: Points,
        min: Points,
    },
    /// Equal rounded score to `other`, ordered by the tie-break chain on `criterion`.
    TieBroken {
        other: SharedId,
        criterion: SharedId,
        ahead: bool,
    },
    /// Member of a tie across the last slot(s) of a tier or the advancement cut.
    Tied {
        target: TieTarget,
        slots: u32,
        members: u32,
        settled: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TiedGroup {
    pub target: TieTarget,
    /// Slots left for the group.
    pub slots: u32,
    /// The tied submissions, by id.
    pub members: Vec<Id>,
    /// The rank they share.
    pub rank: u32,
    /// The decision that settles it (index into the session's decisions), if recorded.
    pub decision: Option<usize>,
    pub resolution: Option<Resolution>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacantSlots {
    pub tier: Id,
    pub slots: u32,
}

impl RoundResult {
    pub fn row(&self, submission: &str) -> Option<&SubmissionResult> {
        self.scopes
            .iter()
            .flat_map(|s| &s.rows)
            .find(|r| r.submission == submission)
    }
}
