//! Decisions of the council (hội đồng) that settle a tie across the last slot of a tier or across
//! the advancement cut, saved with who took them, when and why.

use serde::{Deserialize, Serialize};

use super::contest::Id;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub round: Id,
    /// The category the tie is in, or None when ranking the whole contest.
    #[serde(default)]
    pub category: Option<Id>,
    pub target: TieTarget,
    /// The tied submissions this decision settles; it applies only while the tie has exactly these.
    pub members: Vec<Id>,
    pub resolution: Resolution,
    pub by: String,
    pub at: jiff::Timestamp,
    pub reason: String,
}

/// What the tied submissions compete for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TieTarget {
    /// An award tier, by id.
    Tier(Id),
    /// Going on to the next round.
    Advancement,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    /// The council's order of the members: the first ones take the slots, the others go on to the
    /// next tier in this order.
    Order(Vec<Id>),
    /// Every member takes the tier (đồng giải: a shared award).
    ShareAward,
    /// Every member advances.
    AdvanceAll,
}

/// Whether two lists name the same submissions, in any order.
pub fn same_members(a: &[Id], b: &[Id]) -> bool {
    let mut a: Vec<&Id> = a.iter().collect();
    let mut b: Vec<&Id> = b.iter().collect();
    a.sort();
    b.sort();
    a == b
}

impl Decision {
    /// Whether this decision settles the given tie (same round, scope, target and members).
    pub fn settles(&self, round: &str, category: Option<&str>, target: &TieTarget, members: &[Id]) -> bool {
        self.round == round
            && self.category.as_deref() == category
            && &self.target == target
            && same_members(&self.members, members)
    }
}
