//! Do the judges agree? The six intraclass correlations and Kendall's W need every judge's total on
//! every submission, so they are taken on a complete block — the judges and submissions chosen as
//! the largest set where every cell counts; Krippendorff's alpha copes with missing cells and takes
//! every counted total of the round.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::model::Id;

use super::Totals;
use super::stats::{self, Alpha, Icc, KendallW, Unavailable};

/// The judges × submissions block the complete-data statistics are taken on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    pub judges: Vec<Id>,
    pub submissions: Vec<Id>,
    /// Counting judge totals of the round outside the block.
    pub left_out: usize,
    /// Counting judge totals in the whole round.
    pub of: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub block: Option<Block>,
    pub icc: Result<Vec<Icc>, Unavailable>,
    pub kendall_w: Result<KendallW, Unavailable>,
    pub alpha: Result<Alpha, Unavailable>,
}

/// A band of a reliability figure in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Band {
    Poor,
    Moderate,
    Good,
    Excellent,
}

/// Koo & Li (2016): below 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent.
pub fn icc_band(value: f64) -> Band {
    if value < 0.5 {
        Band::Poor
    } else if value < 0.75 {
        Band::Moderate
    } else if value <= 0.9 {
        Band::Good
    } else {
        Band::Excellent
    }
}

/// Kendall's W, in the usual reading (Schmidt 1997): below 0.3 weak (poor), below 0.5 moderate,
/// below 0.7 strong (good), from 0.7 very strong.
pub fn w_band(value: f64) -> Band {
    if value < 0.3 {
        Band::Poor
    } else if value < 0.5 {
        Band::Moderate
    } else if value < 0.7 {
        Band::Good
    } else {
        Band::Excellent
    }
}

/// Krippendorff (2004): from 0.8 reliable, from 0.667 tentative conclusions only, below not.
pub fn alpha_band(value: f64) -> Band {
    if value < 0.667 {
        Band::Poor
    } else if value < 0.8 {
        Band::Moderate
    } else {
        Band::Good
    }
}

/// The agreement figures of a round's counted totals.
pub fn agreement(totals: &Totals) -> Agreement {
    let alpha = stats::krippendorff_interval(
        &totals
            .rows
            .iter()
            .map(|r| r.iter().map(|&(_, t)| t).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    );
    let Some((judges, rows)) = complete_block(totals) else {
        let why = if totals.rows.iter().any(|r| r.len() >= 2) {
            Unavailable::TooFewSubmissions
        } else {
            Unavailable::TooFewJudges
        };
        return Agreement {
            block: None,
            icc: Err(why),
            kendall_w: Err(why),
            alpha,
        };
    };
    let matrix: Vec<Vec<i64>> = rows
        .iter()
        .map(|&s| {
            let row = &totals.rows[s];
            judges
                .iter()
                .map(|&j| row.iter().find(|t| t.0 == j).map_or(0, |t| t.1))
                .collect()
        })
        .collect();
    let of: usize = totals.rows.iter().map(Vec::len).sum();
    let block = Block {
        judges: judges.iter().map(|&j| totals.judges[j].clone()).collect(),
        submissions: rows.iter().map(|&s| totals.submissions[s].clone()).collect(),
        left_out: of - judges.len() * rows.len(),
        of,
    };
    Agreement {
        block: Some(block),
        icc: stats::mean_squares(&matrix).and_then(|ms| stats::iccs(&ms)),
        kendall_w: stats::kendall_w(&matrix),
        alpha,
    }
}

/// The largest complete block: among the sets of judges that count together on some submission,
/// the one whose submissions (all those scored by at least these judges) give the most cells, at
/// least 2 × 2; more judges, then the earlier judges, first on equal cells. Judge and submission
/// positions, in order.
fn complete_block(totals: &Totals) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut sets: HashMap<Vec<usize>, usize> = HashMap::default();
    for row in totals.rows.iter().filter(|r| r.len() >= 2) {
        *sets.entry(row.iter().map(|t| t.0).collect()).or_default() += 1;
    }
    // A set's own submissions are a lower bound; the few best candidates are counted exactly
    // with every submission whose judges include them.
    let mut candidates: Vec<(usize, Vec<usize>)> =
        sets.into_iter().map(|(set, n)| (n * set.len(), set)).collect();
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.len().cmp(&a.1.len()))
            .then_with(|| a.1.cmp(&b.1))
    });
    // Also the round's full panel when some submission has it.
    let mut best: Option<(usize, Vec<usize>, Vec<usize>)> = None;
    for (_, set) in candidates.into_iter().take(32) {
        let rows: Vec<usize> = totals
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| set.iter().all(|j| r.iter().any(|t| t.0 == *j)))
            .map(|(s, _)| s)
            .collect();
        if rows.len() < 2 {
            continue;
        }
        let cells = rows.len() * set.len();
        let better = match &best {
            None => true,
            Some((c, judges, _)) => {
                cells > *c
                    || (cells == *c
                        && (set.len() > judges.len() || (set.len() == judges.len() && set < *judges)))
            }
        };
        if better {
            best = Some((cells, set, rows));
        }
    }
    best.map(|(_, judges, rows)| (judges, rows))
}
