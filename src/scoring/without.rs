//! A round scored once and then again and again with some judges left out — what the analysis
//! asks when it tries every panel without one judge (or two). Leaving a judge out changes only the
//! submissions that judge has a sheet for (or is assigned to), so only those are scored again; the
//! rest keep their rows, copied with only what ranking needs. With the z-score method every score
//! depends on every judge, and the whole round is scored again.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Flag, Method, Points, RoundResult, Session, SubmissionResult};

use super::sheets::RoundSheets;
use super::{RowContext, Split, Variant, finish_round, in_round, round_sheets};

pub struct WithoutJudges<'a> {
    session: &'a Session,
    index: usize,
    previous: Option<&'a RoundResult>,
    in_round: Vec<&'a crate::model::Submission>,
    sheets: RoundSheets<'a>,
    /// Every row as scored with the whole panel, keeping only what ranking reads (None for the
    /// z-score method).
    base: Option<Vec<SubmissionResult>>,
    /// Per judge id: the positions of the submissions the judge has a line for.
    lines_of: HashMap<&'a str, Vec<u32>>,
    decimals: u8,
}

/// A row with only what ranking and awards read: score, criterion means, id, and whether it has
/// enough scores.
fn for_ranking(row: SubmissionResult) -> SubmissionResult {
    SubmissionResult {
        judges: Vec::new(),
        flags: row
            .flags
            .into_iter()
            .filter(|f| matches!(f, Flag::NotEnoughScores { .. }))
            .collect(),
        ..row
    }
}

impl<'a> WithoutJudges<'a> {
    pub fn new(session: &'a Session, index: usize, previous: Option<&'a RoundResult>) -> Self {
        let contest = &session.contest;
        let round = &contest.rounds[index];
        let in_round = in_round(session, previous);
        let sheets = round_sheets(session, index, &in_round, Split::Auto);
        let decimals = contest.decimals.min(Points::MAX_DECIMALS);
        let mut out = WithoutJudges {
            session,
            index,
            previous,
            in_round,
            sheets,
            base: None,
            lines_of: HashMap::default(),
            decimals,
        };
        if contest.rules.method == Method::ZScore {
            return out;
        }
        let (rows, _) = out
            .context(&[])
            .rows(&out.in_round, out.in_round.len(), 0..out.in_round.len());
        let judges: HashMap<&str, &'a str> = round.judges.iter().map(|j| (j.as_str(), j.as_str())).collect();
        let mut lines_of: HashMap<&'a str, Vec<u32>> = HashMap::default();
        for (k, row) in rows.iter().enumerate() {
            for line in &row.judges {
                if let Some(&judge) = judges.get(&*line.judge) {
                    lines_of.entry(judge).or_default().push(k as u32);
                }
            }
        }
        out.lines_of = lines_of;
        out.base = Some(rows.into_iter().map(for_ranking).collect());
        out
    }

    fn context<'c>(&'c self, absent: &'c [&'c str]) -> RowContext<'a, 'c, 'c> {
        RowContext {
            contest: &self.session.contest,
            round: &self.session.contest.rounds[self.index],
            sheets: &self.sheets,
            decimals: self.decimals,
            method: self.session.contest.rules.method,
            absent,
        }
    }

    /// The round's results with the full rules, `absent` left out.
    pub fn result(&self, absent: &[&str]) -> RoundResult {
        let Some(base) = &self.base else {
            return super::compute_round_variant(
                self.session,
                self.index,
                self.previous,
                Split::Into(1),
                &Variant {
                    absent,
                    ..Variant::default()
                },
            );
        };
        let mut touched: Vec<u32> = absent
            .iter()
            .filter_map(|j| self.lines_of.get(j))
            .flatten()
            .copied()
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let (again, _) =
            self.context(absent)
                .rows(&self.in_round, touched.len(), touched.iter().map(|&k| k as usize));
        let mut rows = base.clone();
        for (&k, row) in touched.iter().zip(again) {
            rows[k as usize] = for_ranking(row);
        }
        finish_round(
            self.session,
            self.index,
            self.previous,
            &self.in_round,
            rows,
            false,
        )
    }
}
