//! A judge's paper scoresheet (phiếu chấm giấy) typed in by the secretariat twice, blind: the two
//! entries are compared field by field and the sheet counts only once they match.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::contest::Id;
use super::points::Points;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperSheet {
    pub round: Id,
    pub judge: Id,
    /// The first and the second entry.
    pub first: PaperEntry,
    pub second: PaperEntry,
}

/// One typing of the paper sheet: who typed it (everyone who did, in order), the scores, and whether
/// its typist has marked it finished. The two typings are compared only once both are finished, so
/// neither typist sees the other's values before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperEntry {
    #[serde(default)]
    pub typists: Vec<String>,
    /// Submission id → criterion id → score. A missing score was left blank on paper.
    #[serde(default, deserialize_with = "super::unique::nested")]
    pub scores: BTreeMap<Id, BTreeMap<Id, Points>>,
    /// Not written while false, so files (and seal digests) made before it existed are unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub finished: bool,
}

impl PaperSheet {
    /// Whether both typings are finished: only then may they be compared (and shown side by side).
    pub fn both_finished(&self) -> bool {
        self.first.finished && self.second.finished
    }
    pub fn entry(&self, pass: Pass) -> &PaperEntry {
        match pass {
            Pass::First => &self.first,
            Pass::Second => &self.second,
        }
    }
    pub fn entry_mut(&mut self, pass: Pass) -> &mut PaperEntry {
        match pass {
            Pass::First => &mut self.first,
            Pass::Second => &mut self.second,
        }
    }
}

/// Which of the two typings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pass {
    First,
    Second,
}

impl Pass {
    pub fn number(self) -> u8 {
        match self {
            Pass::First => 1,
            Pass::Second => 2,
        }
    }
}
