//! Judge and award analytics for one round, built on the scoring and advisory only: nothing here
//! changes the official results. Three questions: was a judge harsher or more lenient than the
//! others ([`judges`]), do the judges agree ([`agreement`]), and would an award change under
//! another method, without one judge, or with one score a little different ([`sensitivity`]).
//!
//! Every figure comes from the sheets that count for the official results after conflicts,
//! completeness and chênh lệch (divergence): the judge totals the results print, as they count.
//! Pure: no egui, no files. docs/analysis.md says what each figure means.

pub mod agreement;
pub mod judges;
pub mod sensitivity;
pub mod stats;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::model::{Flag, Id, RoundResult, Session, SheetStatus, SubmissionResult};
use crate::scoring;

pub use stats::{Figure, Unavailable};

/// Below this many shared submissions a judge's severity is not judged ("chưa đủ dữ liệu").
pub const MIN_SHARED: usize = 5;

/// The heat map of deviations shows at most the first this many submissions of the official
/// order, fewer when there are many judges (about [`HEAT_CELLS`] cells in all).
pub const HEAT_SUBMISSIONS: usize = 60;

/// About how many cells the heat map has at most: it is drawn every frame.
pub const HEAT_CELLS: usize = 2_400;

/// Leaving out each pair of judges is tried when the round has at most this many judges.
pub const PAIRS_UP_TO: usize = 15;

/// What to compute.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Leave out pairs of judges too (when the round has at most [`PAIRS_UP_TO`]).
    pub pairs: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { pairs: true }
    }
}

/// The whole analysis of one round.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub round: Id,
    /// Whether the round gives awards (the last round) or advancement.
    pub awards: bool,
    pub judges: Vec<judges::JudgeProfile>,
    pub agreement: agreement::Agreement,
    pub methods: sensitivity::MethodGrid,
    pub absent: sensitivity::Stability,
    pub margins: Vec<sensitivity::Margin>,
    /// For the heat map: judges × the first submissions, each judge's deviation from the others.
    #[serde(skip)]
    pub heat: Heat,
}

/// Judges (rows: those with a counted total there) × submissions (columns, the first of the
/// official order, see [`HEAT_SUBMISSIONS`]):
/// each counted total's difference from the mean of the other counted totals of that submission,
/// in points (NaN where the judge has no counted total or is alone).
#[derive(Clone, Debug, Default)]
pub struct Heat {
    pub judges: Vec<Id>,
    pub submissions: Vec<Id>,
    /// Row by row (judge by judge), `submissions.len()` per row.
    pub deviations: Vec<f64>,
    /// The totals themselves, in points, laid out the same way (NaN where none).
    pub totals: Vec<f64>,
}

impl Heat {
    /// The judges who count on any of the first submissions (in the round's order) × those
    /// submissions.
    fn of(totals: &Totals) -> Heat {
        let k = totals.judges.len();
        // Judges with a counted total among the first submissions, and how many of those to show.
        let mut shown = totals.rows.len().min(HEAT_SUBMISSIONS);
        let judges_in = |shown: usize| -> Vec<usize> {
            let mut seen = vec![false; k];
            for row in totals.rows.iter().take(shown) {
                for &(j, _) in row {
                    seen[j] = true;
                }
            }
            (0..k).filter(|&j| seen[j]).collect()
        };
        let mut judges = judges_in(shown);
        while shown > 10 && judges.len() * shown > HEAT_CELLS {
            shown = (HEAT_CELLS / judges.len().max(1)).clamp(10, shown - 1);
            judges = judges_in(shown);
        }
        let cols = shown;
        let row_of: std::collections::HashMap<usize, usize> =
            judges.iter().enumerate().map(|(r, &j)| (j, r)).collect();
        let mut deviations = vec![f64::NAN; judges.len() * cols];
        let mut values = vec![f64::NAN; judges.len() * cols];
        let scale = crate::model::Points::SCALE as f64;
        for (s, row) in totals.rows.iter().take(shown).enumerate() {
            let sum: i64 = row.iter().map(|t| t.1).sum();
            let n = row.len() as f64;
            for &(j, t) in row {
                let Some(&r) = row_of.get(&j) else { continue };
                values[r * cols + s] = t as f64 / scale;
                if row.len() >= 2 {
                    deviations[r * cols + s] = (t as f64 - (sum - t) as f64 / (n - 1.0)) / scale;
                }
            }
        }
        Heat {
            judges: judges.iter().map(|&j| totals.judges[j].clone()).collect(),
            submissions: totals.submissions.iter().take(shown).cloned().collect(),
            deviations,
            totals: values,
        }
    }
}

/// What a submission ends with in a round: an award tier, advancing, a tie waiting for the
/// council, or nothing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    Award(Id),
    Advances,
    /// In a tie across the last slot(s), not yet settled.
    Tied,
    Nothing,
}

impl Outcome {
    pub fn of(row: &SubmissionResult) -> Outcome {
        if let Some(award) = &row.award {
            Outcome::Award(award.clone())
        } else if row.advanced == Some(true) {
            Outcome::Advances
        } else if row
            .flags
            .iter()
            .any(|f| matches!(f, Flag::Tied { settled: false, .. }))
        {
            Outcome::Tied
        } else {
            Outcome::Nothing
        }
    }
    /// An award, advancing, or a claim to one (tied for it).
    pub fn is_something(&self) -> bool {
        *self != Outcome::Nothing
    }
}

/// Whether a judge line counts after chênh lệch (trimmed sheets included: the analysis looks at
/// every valid total, not at what the trimmed mean kept).
pub fn counts(status: SheetStatus) -> bool {
    matches!(
        status,
        SheetStatus::Counted | SheetStatus::DivergentFlagged | SheetStatus::Trimmed
    )
}

/// The round as the analysis reads it: its judges, and for every submission (official order)
/// the judges' totals that count, in points units (10^-4).
pub struct Totals {
    pub judges: Vec<Id>,
    pub submissions: Vec<Id>,
    /// Per submission: (judge position, total).
    pub rows: Vec<Vec<(usize, i64)>>,
}

impl Totals {
    pub fn of(round: &crate::model::Round, result: &RoundResult) -> Totals {
        let position: HashMap<&str, usize> = round
            .judges
            .iter()
            .enumerate()
            .map(|(i, j)| (j.as_str(), i))
            .collect();
        let mut submissions = Vec::new();
        let mut rows = Vec::new();
        for row in result.scopes.iter().flat_map(|s| &s.rows) {
            submissions.push(row.submission.clone());
            let mut totals: Vec<(usize, i64)> = row
                .judges
                .iter()
                .filter(|l| counts(l.status))
                .filter_map(|l| Some((*position.get(&*l.judge)?, l.total?.units())))
                .collect();
            totals.sort_unstable();
            totals.dedup_by_key(|t| t.0);
            rows.push(totals);
        }
        Totals {
            judges: round.judges.clone(),
            submissions,
            rows,
        }
    }
}

/// The analysis of round `index` (0-based) of `session`.
pub fn analyze(session: &Session, index: usize, options: Options) -> Analysis {
    let official = scoring::compute(session);
    analyze_with(session, index, &official, options)
}

/// [`analyze`] given the official results of every round (as [`scoring::compute`] gives them).
pub fn analyze_with(session: &Session, index: usize, official: &[RoundResult], options: Options) -> Analysis {
    let round = &session.contest.rounds[index];
    let result = &official[index];
    let previous = index.checked_sub(1).and_then(|i| official.get(i));
    let totals = Totals::of(round, result);
    let judges = judges::profiles(session, round, result, &totals);
    let agreement = agreement::agreement(&totals);
    let heat = Heat::of(&totals);
    // The round's sheets are read once for the methods, the panels and the margins.
    let prepared = scoring::prepare(session, index, previous, scoring::Split::Auto);
    let methods = sensitivity::method_grid(&prepared, result);
    let absent = sensitivity::stability(&prepared, result, options);
    let margins = sensitivity::margins(&prepared, result);
    Analysis {
        round: round.id.clone(),
        awards: index + 1 == session.contest.rounds.len(),
        judges,
        agreement,
        methods,
        absent,
        margins,
        heat,
    }
}
