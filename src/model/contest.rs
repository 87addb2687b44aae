//! The contest as the organizer sets it up: categories, judges, rounds with their criteria,
//! award tiers and the scoring rules. Data only; what the rules mean is in `crate::scoring`.

use serde::{Deserialize, Serialize};

use super::points::Points;

/// Identifiers are short stable strings chosen by the organizer or generated ("gk01", "tc2").
pub type Id = String;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contest {
    /// A stable random id; scoresheets carry it so a sheet is never merged into another contest.
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub organizer: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub date: Option<jiff::civil::Date>,
    /// Decimal places of every computed score (0 to 4; default 2).
    #[serde(default = "default_decimals")]
    pub decimals: u8,
    /// Bảng / lĩnh vực: groups of submissions that can be ranked and awarded separately.
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub judges: Vec<Judge>,
    /// Rounds in order, e.g. sơ khảo (preliminary) then chung khảo (final). Awards come from the last.
    pub rounds: Vec<Round>,
    #[serde(default)]
    pub awards: AwardScheme,
    #[serde(default)]
    pub rules: Rules,
    /// Judge–submission pairs the organizer knows to be in conflict of interest.
    #[serde(default)]
    pub conflicts: Vec<ConflictPair>,
}

/// A new stable random contest id (a UUID v4).
pub fn new_contest_id() -> Id {
    uuid::Uuid::new_v4().to_string()
}

pub fn default_decimals() -> u8 {
    2
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: Id,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judge {
    pub id: Id,
    pub name: String,
    /// Compared with a submission's organization to find conflicts of interest.
    #[serde(default)]
    pub organization: String,
    /// Submissions the judge declared a conflict with, before scoring.
    #[serde(default)]
    pub conflicts: Vec<DeclaredConflict>,
    /// The fingerprint of the key the judge's laptop signs scoresheets with ("3F9A-07C2-B41E-9D55"),
    /// bound by the organizers; a sheet for this judge that is unsigned or signed with another key is
    /// then refused (`store::signing`, docs/trust.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Lĩnh vực (fields) the judge knows best: category ids or names, or submission sectors
    /// ("logistics", "Bảng A"), compared without accents or case. Automatic assignment prefers
    /// them (`crate::assign`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expertise: Vec<String>,
    /// Fields the judge must not judge, written like `expertise`: automatic assignment never gives
    /// them such a submission.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredConflict {
    pub submission: Id,
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictPair {
    pub judge: Id,
    pub submission: Id,
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub id: Id,
    pub name: String,
    pub criteria: Vec<Criterion>,
    /// The judges of this round, by id.
    pub judges: Vec<Id>,
    /// Which judge scores which submissions. Empty: every judge of the round scores every
    /// submission in it. Only assigned pairs are reported as missing when unscored.
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// Criteria compared, in order, when rounded scores are equal. None: the round's criteria in
    /// the order listed.
    #[serde(default)]
    pub tie_break: Option<Vec<Id>>,
    /// For every round but the last: who goes on to the next round.
    #[serde(default)]
    pub advancement: Option<Advancement>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub judge: Id,
    pub submissions: Vec<Id>,
    /// Those of `submissions` the organizer fixed by hand: automatic assignment keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advancement {
    /// How many advance, per scope.
    pub top_n: u32,
    #[serde(default)]
    pub min_score: Option<Points>,
    #[serde(default)]
    pub scope: Scope,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Score bands with the text shown to judges.
    #[serde(default)]
    pub rubric: Vec<RubricLevel>,
    pub max: Points,
    #[serde(default = "default_step")]
    pub step: Points,
    #[serde(default = "default_weight")]
    pub weight: Points,
    /// A submission whose criterion mean is below this is neither awarded nor advanced.
    #[serde(default)]
    pub min: Option<Points>,
}

pub fn default_step() -> Points {
    Points::from_hundredths(50)
}

pub fn default_weight() -> Points {
    Points::from_int(1)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricLevel {
    pub from: Points,
    pub to: Points,
    pub text: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    #[default]
    Overall,
    PerCategory,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AwardScheme {
    #[serde(default)]
    pub scope: Scope,
    /// Highest first.
    pub tiers: Vec<Tier>,
    /// With `PerCategory`: counts per category and tier id, where they differ from the tier's count.
    #[serde(default, deserialize_with = "super::unique::nested")]
    pub category_counts: std::collections::BTreeMap<Id, std::collections::BTreeMap<Id, i64>>,
}

impl Default for AwardScheme {
    /// The Hải Phòng 2023 scheme: Nhất ×1, Nhì ×2, Ba ×3, Khuyến khích ×4.
    fn default() -> Self {
        let tier = |id: &str, name: &str, count| Tier {
            id: id.into(),
            name: name.into(),
            count,
            min_score: None,
            prize_vnd: None,
        };
        AwardScheme {
            scope: Scope::Overall,
            tiers: vec![
                tier("nhat", "Nhất", 1),
                tier("nhi", "Nhì", 2),
                tier("ba", "Ba", 3),
                tier("kk", "Khuyến khích", 4),
            ],
            category_counts: Default::default(),
        }
    }
}

impl AwardScheme {
    /// The number of slots of `tier` in a scope (a category, or None for the whole contest).
    pub fn count_for(&self, tier: &Tier, category: Option<&str>) -> i64 {
        category
            .and_then(|c| self.category_counts.get(c))
            .and_then(|counts| counts.get(&tier.id))
            .copied()
            .unwrap_or(tier.count)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub id: Id,
    /// Nhất (first), Nhì (second), Ba (third), Khuyến khích (encouragement), or the contest's own.
    pub name: String,
    pub count: i64,
    #[serde(default)]
    pub min_score: Option<Points>,
    #[serde(default)]
    pub prize_vnd: Option<u64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Vacancy {
    #[default]
    Vacant,
    CascadeDown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    #[serde(default)]
    pub method: Method,
    /// Chênh lệch: how far a judge's total may be from the others' mean before it is flagged
    /// or excluded. None: not checked.
    #[serde(default)]
    pub divergence: Option<Divergence>,
    #[serde(default = "default_min_judges")]
    pub min_judges: u32,
    /// Unfilled award slots: left vacant, or added to the next tier.
    #[serde(default)]
    pub vacancy: Vacancy,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            method: Method::Mean,
            divergence: None,
            min_judges: default_min_judges(),
            vacancy: Vacancy::Vacant,
        }
    }
}

pub fn default_min_judges() -> u32 {
    3
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    #[default]
    Mean,
    TrimmedMean {
        #[serde(default = "one")]
        drop: u32,
        #[serde(default = "five")]
        from: u32,
    },
    Median,
    ZScore,
}

fn one() -> u32 {
    1
}
fn five() -> u32 {
    5
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Divergence {
    pub threshold: Points,
    #[serde(default)]
    pub action: DivergenceAction,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DivergenceAction {
    #[default]
    Flag,
    Exclude,
}

impl Contest {
    pub fn judge(&self, id: &str) -> Option<&Judge> {
        self.judges.iter().find(|j| j.id == id)
    }
    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }
    pub fn round_index(&self, id: &str) -> Option<usize> {
        self.rounds.iter().position(|r| r.id == id)
    }
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

impl Criterion {
    /// The highest criterion mean possible, weight × max: the scale a criterion minimum is on
    /// (criterion means are of weight × score). None if it does not fit in points.
    pub fn weighted_max(&self) -> Option<Points> {
        let units =
            i128::from(self.weight.units()) * i128::from(self.max.units()) / i128::from(Points::SCALE);
        i64::try_from(units).ok().map(Points::from_units)
    }
}

impl Round {
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
    /// Σ weight × max.
    pub fn maximum_total(&self) -> Points {
        let units: i128 = self
            .criteria
            .iter()
            .map(|c| i128::from(c.weight.units()) * i128::from(c.max.units()))
            .sum::<i128>()
            / i128::from(Points::SCALE);
        Points::from_units(i64::try_from(units).unwrap_or(i64::MAX))
    }
    /// The tie-break chain: the configured one, or every criterion in order.
    pub fn tie_break_chain(&self) -> Vec<Id> {
        match &self.tie_break {
            Some(chain) => chain.clone(),
            None => self.criteria.iter().map(|c| c.id.clone()).collect(),
        }
    }
    /// Whether `judge` is expected to score `submission` in this round.
    /// The submissions assigned to `judge`, to test many at once (None: the round has no
    /// assignments, so every judge scores every submission). [`Round::is_assigned`] searches the
    /// assignments each time: over every submission of a large round that is quadratic.
    pub fn assigned_to(&self, judge: &str) -> Option<std::collections::HashSet<&str>> {
        (!self.assignments.is_empty()).then(|| {
            self.assignments
                .iter()
                .filter(|a| a.judge == judge)
                .flat_map(|a| a.submissions.iter().map(String::as_str))
                .collect()
        })
    }

    pub fn is_assigned(&self, judge: &str, submission: &str) -> bool {
        self.assignments.is_empty()
            || self
                .assignments
                .iter()
                .any(|a| a.judge == judge && a.submissions.iter().any(|s| s == submission))
    }
}
