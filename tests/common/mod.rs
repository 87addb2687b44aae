//! Builders for small hand-checked contests used by the integration tests.
#![allow(dead_code)]

use giamkhao::model::*;

pub fn p(s: &str) -> Points {
    Points::parse(s).expect("test points")
}

/// A one-round contest "r1" with the given criteria (id, max, weight), judges (no organization)
/// and submissions; default rules except min_judges, no divergence, default tiers.
pub fn session(criteria: &[(&str, &str, &str)], judges: &[&str], submissions: &[&str]) -> Session {
    let contest = Contest {
        id: "test-contest".into(),
        name: "Cuộc thi thử".into(),
        organizer: String::new(),
        place: String::new(),
        date: None,
        decimals: 2,
        categories: Vec::new(),
        judges: judges
            .iter()
            .map(|j| Judge {
                id: j.to_string(),
                name: format!("Giám khảo {j}"),
                organization: String::new(),
                conflicts: vec![],
                key: None,
                expertise: Vec::new(),
                avoid: Vec::new(),
            })
            .collect(),
        rounds: vec![Round {
            id: "r1".into(),
            name: "Chung khảo".into(),
            criteria: criteria
                .iter()
                .map(|(id, max, weight)| Criterion {
                    id: id.to_string(),
                    name: format!("Tiêu chí {id}"),
                    description: String::new(),
                    rubric: vec![],
                    max: p(max),
                    step: p("0.5"),
                    weight: p(weight),
                    min: None,
                })
                .collect(),
            judges: judges.iter().map(|j| j.to_string()).collect(),
            assignments: vec![],
            tie_break: None,
            advancement: None,
        }],
        awards: AwardScheme::default(),
        rules: Rules::default(),
        conflicts: vec![],
    };
    let mut s = Session::new(contest);
    s.submissions = submissions
        .iter()
        .map(|id| Submission {
            id: id.to_string(),
            title: format!("Dự án {id}"),
            ..Default::default()
        })
        .collect();
    s
}

/// One criterion "c" out of 100, weight 1: a judge's score is their total.
pub fn simple(judges: &[&str], submissions: &[&str]) -> Session {
    session(&[("c", "100", "1")], judges, submissions)
}

/// Sets a judge's scores for a submission in round `round` (criteria in order; "" = blank).
pub fn score_in(s: &mut Session, round: &str, judge: &str, submission: &str, scores: &[&str]) {
    let r = s.contest.round(round).expect("round").clone();
    let contest_id = s.contest.id.clone();
    let sheet = match s
        .scoresheets
        .iter()
        .position(|x| x.round == round && x.judge == judge)
    {
        Some(i) => &mut s.scoresheets[i],
        None => {
            s.scoresheets.push(Scoresheet {
                contest_id,
                round: round.into(),
                judge: judge.into(),
                entries: vec![],
            });
            s.scoresheets.last_mut().expect("just pushed")
        }
    };
    let entry = SheetEntry {
        submission: submission.into(),
        scores: r
            .criteria
            .iter()
            .zip(scores)
            .filter(|(_, v)| !v.is_empty())
            .map(|(c, v)| (c.id.as_str().into(), p(v)))
            .collect(),
        revision: 1,
        ..Default::default()
    };
    sheet.entries.retain(|e| e.submission != submission);
    sheet.entries.push(entry);
}

pub fn score(s: &mut Session, judge: &str, submission: &str, scores: &[&str]) {
    score_in(s, "r1", judge, submission, scores);
}

/// Gives each listed judge the total for `submission` (single-criterion contests).
pub fn totals(s: &mut Session, submission: &str, totals: &[(&str, &str)]) {
    for (judge, t) in totals {
        score(s, judge, submission, &[t]);
    }
}

pub fn last_round(s: &Session) -> RoundResult {
    giamkhao::scoring::compute(s).pop().expect("a round")
}

pub fn row<'a>(r: &'a RoundResult, id: &str) -> &'a SubmissionResult {
    r.row(id).unwrap_or_else(|| panic!("no row {id}"))
}

pub fn status_of(r: &RoundResult, sub: &str, judge: &str) -> SheetStatus {
    row(r, sub)
        .judges
        .iter()
        .find(|j| &*j.judge == judge)
        .expect("judge line")
        .status
}

/// Tiers with the given counts (ids t1, t2, …), no minimum scores.
pub fn tiers(s: &mut Session, counts: &[i64]) {
    s.contest.awards.tiers = counts
        .iter()
        .enumerate()
        .map(|(i, &count)| Tier {
            id: format!("t{}", i + 1),
            name: format!("Giải {}", i + 1),
            count,
            min_score: None,
            prize_vnd: None,
        })
        .collect();
}

pub fn decision(round: &str, target: TieTarget, members: &[&str], resolution: Resolution) -> Decision {
    Decision {
        round: round.into(),
        category: None,
        target,
        members: members.iter().map(|m| m.to_string()).collect(),
        resolution,
        by: "Chủ tịch hội đồng".into(),
        at: "2023-11-24T03:30:00Z".parse().expect("timestamp"),
        reason: "biểu quyết".into(),
    }
}

pub fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// For each judge of `round`, the submissions the scoring rules find them in conflict with (same
/// organization, listed, declared or recused), as the results flag them.
pub fn conflicts_by_judge(
    session: &Session,
    round: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut out: std::collections::BTreeMap<_, std::collections::BTreeSet<_>> = session
        .contest
        .round(round)
        .map(|r| r.judges.iter().map(|j| (j.clone(), Default::default())).collect())
        .unwrap_or_default();
    for result in giamkhao::scoring::compute(session)
        .iter()
        .filter(|r| r.round == round)
    {
        for scope in &result.scopes {
            for row in &scope.rows {
                for flag in &row.flags {
                    if let Flag::Conflict { judge, .. } = flag {
                        out.entry(judge.clone())
                            .or_default()
                            .insert(row.submission.clone());
                    }
                }
            }
        }
    }
    out
}
pub mod bombs;
