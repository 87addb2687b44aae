//! A score as a judge types it into a field: empty is "not scored" (never 0); otherwise it must be a
//! number ("8,5" or "8.5") within 0..=max of its criterion, on the criterion's step, with at most 2
//! decimals.

use crate::model::{Criterion, ParsePointsError, Points};

/// Why a typed score is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreError {
    NotANumber,
    TooManyDecimals,
    Negative,
    AboveMax(Points),
    OffStep(Points),
}

/// Checks a score against its criterion: 0 ≤ value ≤ max, on the step, at most 2 decimals.
pub fn check_score(criterion: &Criterion, value: Points) -> Result<(), ScoreError> {
    if value.is_negative() {
        Err(ScoreError::Negative)
    } else if value > criterion.max {
        Err(ScoreError::AboveMax(criterion.max))
    } else if value.decimals_used() > 2 {
        Err(ScoreError::TooManyDecimals)
    } else if criterion.step > Points::ZERO && !value.is_multiple_of(criterion.step) {
        Err(ScoreError::OffStep(criterion.step))
    } else {
        Ok(())
    }
}

/// Reads a score field: `Ok(None)` when it is blank.
pub fn read_score(text: &str, criterion: &Criterion) -> Result<Option<Points>, ScoreError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value = Points::parse(text).map_err(|e| match e {
        ParsePointsError::TooManyDecimals => ScoreError::TooManyDecimals,
        _ => ScoreError::NotANumber,
    })?;
    check_score(criterion, value)?;
    Ok(Some(value))
}
