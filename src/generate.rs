//! Reproducible synthetic contests for benchmarks and tests: the same seed gives the same session.
//! Each submission has a hidden quality, each judge a leniency; scores are quality + leniency +
//! noise, on the criterion's step. Organizations are drawn from a small pool so that some
//! judge–submission pairs are in conflict, as in real contests. A shape that cannot be a contest
//! (no judges, no criteria, more judges per submission than judges…) is refused with its reasons.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{
    Assignment, Category, Contest, Criterion, Divergence, DivergenceAction, Judge, Points, Round, Rules,
    Scoresheet, Session, SheetEntry, Submission,
};

#[derive(Clone, Copy, Debug)]
pub struct GenerateOptions {
    pub submissions: usize,
    pub judges: usize,
    /// Judges per submission.
    pub per_submission: usize,
    pub criteria: usize,
    pub seed: u64,
}

/// Why options cannot make a contest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeProblem {
    NoSubmissions,
    NoJudges,
    /// Nobody would score a submission.
    NoJudgesPerSubmission,
    /// Each submission needs more judges than the contest has.
    MoreJudgesPerSubmissionThanJudges {
        per_submission: usize,
        judges: usize,
    },
    NoCriteria,
}

impl GenerateOptions {
    /// Every reason these options cannot make a contest; empty when they can.
    pub fn problems(&self) -> Vec<ShapeProblem> {
        let mut problems = Vec::new();
        if self.submissions == 0 {
            problems.push(ShapeProblem::NoSubmissions);
        }
        if self.judges == 0 {
            problems.push(ShapeProblem::NoJudges);
        }
        if self.per_submission == 0 {
            problems.push(ShapeProblem::NoJudgesPerSubmission);
        } else if self.judges > 0 && self.per_submission > self.judges {
            problems.push(ShapeProblem::MoreJudgesPerSubmissionThanJudges {
                per_submission: self.per_submission,
                judges: self.judges,
            });
        }
        if self.criteria == 0 {
            problems.push(ShapeProblem::NoCriteria);
        }
        problems
    }
}

const ORGANIZATIONS: [&str; 12] = [
    "Trường Đại học Hàng hải Việt Nam",
    "Trường Đại học Hải Phòng",
    "Trường Đại học Y Dược Hải Phòng",
    "Trường Đại học Quản lý và Công nghệ Hải Phòng",
    "Công ty CP Cảng Hải Phòng",
    "Công ty TNHH Logistics Đình Vũ",
    "Hợp tác xã Nông nghiệp Tiên Lãng",
    "Công ty CP Du lịch Cát Bà",
    "Trường Cao đẳng Công nghiệp Hải Phòng",
    "Công ty CP Tự động hóa Lạch Tray",
    "Viện Nghiên cứu Hải sản",
    "Công ty TNHH Ẩm thực Đất Cảng",
];
const SECTORS: [&str; 7] = [
    "logistics",
    "cảng biển",
    "du lịch",
    "ẩm thực",
    "nông nghiệp",
    "công nghệ số",
    "tự động hóa",
];

/// A one-round contest, fully scored, with the default award scheme. Options with
/// [`GenerateOptions::problems`] make a contest no one could judge.
pub fn generate(o: GenerateOptions) -> Session {
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    let per_submission = o.per_submission.min(o.judges);
    let criteria: Vec<Criterion> = (0..o.criteria)
        .map(|c| Criterion {
            id: format!("tc{}", c + 1),
            name: format!("Tiêu chí {}", c + 1),
            description: String::new(),
            rubric: Vec::new(),
            max: Points::from_int(10),
            step: Points::from_hundredths(50),
            weight: Points::from_int(if c % 3 == 0 { 2 } else { 1 }),
            min: None,
        })
        .collect();
    let judges: Vec<Judge> = (0..o.judges)
        .map(|j| Judge {
            id: format!("gk{:03}", j + 1),
            name: format!("Giám khảo {}", j + 1),
            organization: ORGANIZATIONS[rng.random_range(0..ORGANIZATIONS.len())].to_string(),
            conflicts: Vec::new(),
            key: None,
            expertise: Vec::new(),
            avoid: Vec::new(),
        })
        .collect();
    let categories: Vec<Category> = ["Sinh viên", "Doanh nghiệp", "Cộng đồng"]
        .iter()
        .enumerate()
        .map(|(i, n)| Category {
            id: format!("bang{}", i + 1),
            name: n.to_string(),
        })
        .collect();
    let submissions: Vec<Submission> = (0..o.submissions)
        .map(|s| Submission {
            id: format!("DA{:05}", s + 1),
            title: format!("Dự án {} — {}", s + 1, SECTORS[s % SECTORS.len()]),
            members: vec![format!("Thành viên {}", s + 1)],
            leader: format!("Trưởng nhóm {}", s + 1),
            organization: ORGANIZATIONS[rng.random_range(0..ORGANIZATIONS.len())].to_string(),
            category: Some(categories[s % categories.len()].id.clone()),
            sector: SECTORS[s % SECTORS.len()].to_string(),
            ..Default::default()
        })
        .collect();
    let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); o.judges];
    for s in 0..o.submissions {
        let start = rng.random_range(0..o.judges.max(1));
        for k in 0..per_submission {
            assigned[(start + k) % o.judges].push(s);
        }
    }
    let quality: Vec<f64> = (0..o.submissions).map(|_| rng.random_range(0.35..0.95)).collect();
    let leniency: Vec<f64> = (0..o.judges).map(|_| rng.random_range(-0.08..0.08)).collect();
    let round_id = "vong1".to_string();
    // A UUID like any contest's, drawn from the seeded generator so the output stays reproducible.
    let contest_id = uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string();
    let scoresheets: Vec<Scoresheet> = (0..o.judges)
        .map(|j| Scoresheet {
            contest_id: contest_id.clone(),
            round: round_id.clone(),
            judge: judges[j].id.clone(),
            entries: assigned[j]
                .iter()
                .map(|&s| SheetEntry {
                    submission: submissions[s].id.clone(),
                    scores: criteria
                        .iter()
                        .map(|c| {
                            let x = (quality[s] + leniency[j] + rng.random_range(-0.1..0.1)).clamp(0.0, 1.0);
                            let steps = (x * c.max.to_f64() / c.step.to_f64()).round() as i64;
                            (c.id.as_str().into(), Points::from_units(steps * c.step.units()))
                        })
                        .collect(),
                    revision: 1,
                    ..Default::default()
                })
                .collect(),
        })
        .collect();
    let contest = Contest {
        id: contest_id,
        name: format!("Cuộc thi mô phỏng (seed {})", o.seed),
        organizer: "giamkhao generate".into(),
        place: "Hải Phòng".into(),
        date: None,
        decimals: 2,
        categories,
        judges: judges.clone(),
        rounds: vec![Round {
            id: round_id,
            name: "Chung khảo".into(),
            criteria,
            judges: judges.iter().map(|j| j.id.clone()).collect(),
            assignments: judges
                .iter()
                .zip(&assigned)
                .map(|(j, subs)| Assignment {
                    judge: j.id.clone(),
                    submissions: subs.iter().map(|&s| submissions[s].id.clone()).collect(),
                    locked: Vec::new(),
                })
                .collect(),
            tie_break: None,
            advancement: None,
        }],
        awards: Default::default(),
        rules: Rules {
            divergence: Some(Divergence {
                threshold: Points::from_int(15),
                action: DivergenceAction::Flag,
            }),
            ..Default::default()
        },
        conflicts: Vec::new(),
    };
    let mut session = Session::new(contest);
    session.submissions = submissions;
    session.scoresheets = scoresheets;
    session
}

/// `session` as a sơ khảo waiting for its assignment: no scores, no assignments, the round named
/// "Sơ khảo", and each judge with one preferred field (lĩnh vực), the sectors in turn.
pub fn unassigned(mut session: Session) -> Session {
    session.scoresheets.clear();
    for round in &mut session.contest.rounds {
        round.assignments.clear();
        round.name = "Sơ khảo".into();
    }
    for (j, judge) in session.contest.judges.iter_mut().enumerate() {
        judge.expertise = vec![SECTORS[j % SECTORS.len()].to_string()];
    }
    session.contest.name = session
        .contest
        .name
        .replace("Cuộc thi mô phỏng", "Cuộc thi mô phỏng — sơ khảo");
    session
}
