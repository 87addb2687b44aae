//! Judge packets: the part of a session one judge may see for one round — the contest, the
//! submissions assigned to them, and their own sheet. Never another judge's scores, conflicts or
//! results.

use crate::model::{FORMAT_VERSION, FileKind, JudgePacket, Scoresheet, Session};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PacketError {
    UnknownJudge(String),
    UnknownRound(String),
    /// The judge sits on no round (or not on the one asked for).
    JudgeNotInRound {
        judge: String,
        round: Option<String>,
    },
}

/// The submissions a round scores: all of them in the first round, then those advanced.
pub fn submissions_in_round(session: &Session, round_index: usize) -> Vec<&crate::model::Submission> {
    if round_index == 0 {
        return session.submissions.iter().collect();
    }
    submissions_in_round_with(session, &crate::scoring::compute(session), round_index)
}

/// [`submissions_in_round`] with the results already computed (what the app holds).
pub fn submissions_in_round_with<'a>(
    session: &'a Session,
    results: &[crate::model::RoundResult],
    round_index: usize,
) -> Vec<&'a crate::model::Submission> {
    if round_index == 0 {
        return session.submissions.iter().collect();
    }
    let Some(previous) = results.get(round_index - 1) else {
        return Vec::new();
    };
    // The ones that went on, found once (a search of the results for each submission was
    // quadratic).
    let advanced: std::collections::HashSet<&str> = previous
        .scopes
        .iter()
        .flat_map(|scope| &scope.rows)
        .filter(|r| r.advanced == Some(true))
        .map(|r| r.submission.as_str())
        .collect();
    session
        .submissions
        .iter()
        .filter(|s| advanced.contains(s.id.as_str()))
        .collect()
}

/// Makes the packet of `judge` for `round`. Without a round: the latest round the judge sits on
/// that has submissions to score (so the final round once the preliminary one has advanced some).
pub fn make_packet(session: &Session, judge: &str, round: Option<&str>) -> Result<JudgePacket, PacketError> {
    let contest = &session.contest;
    if contest.judge(judge).is_none() {
        return Err(PacketError::UnknownJudge(judge.to_string()));
    }
    let round_index = match round {
        Some(r) => {
            let i = contest
                .round_index(r)
                .ok_or_else(|| PacketError::UnknownRound(r.to_string()))?;
            if !contest.rounds[i].judges.iter().any(|j| j == judge) {
                return Err(PacketError::JudgeNotInRound {
                    judge: judge.into(),
                    round: Some(r.into()),
                });
            }
            i
        }
        None => (0..contest.rounds.len())
            .rev()
            .filter(|&i| contest.rounds[i].judges.iter().any(|j| j == judge))
            .find(|&i| i == 0 || !submissions_in_round(session, i).is_empty())
            .ok_or_else(|| PacketError::JudgeNotInRound {
                judge: judge.into(),
                round: None,
            })?,
    };
    let round = &contest.rounds[round_index];
    let assigned = round.assigned_to(judge);
    let submissions = submissions_in_round(session, round_index)
        .into_iter()
        .filter(|s| assigned.as_ref().is_none_or(|a| a.contains(s.id.as_str())))
        .cloned()
        .collect();
    let mut packet_contest = contest.clone();
    // Only this judge's own declared conflicts and listed pairs travel with the packet.
    packet_contest.conflicts.retain(|c| c.judge == judge);
    for j in packet_contest.judges.iter_mut().filter(|j| j.id != judge) {
        j.conflicts.clear();
    }
    for r in &mut packet_contest.rounds {
        r.assignments.retain(|a| a.judge == judge);
    }
    let sheet = session
        .sheet(&round.id, judge)
        .cloned()
        .unwrap_or_else(|| Scoresheet {
            contest_id: contest.id.clone(),
            round: round.id.clone(),
            judge: judge.to_string(),
            entries: Vec::new(),
        });
    Ok(JudgePacket {
        kind: FileKind::JudgePacket,
        version: FORMAT_VERSION,
        contest: packet_contest,
        round: round.id.clone(),
        judge: judge.to_string(),
        submissions,
        sheet,
        audit: Vec::new(),
        folder: None,
    })
}
