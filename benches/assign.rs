//! Benchmarks of automatic assignment (src/assign/) on `generate` contests with their scores and
//! assignments taken away (organizations drawn from a pool of 12, so about one pair in twelve is a
//! conflict; each judge prefers one of 7 sectors): the two sizes (300 × 15 × k = 3; 10,000 × 200 × k = 5), growth at 1,000 /
//! 10,000 / 100,000 submissions, and a re-run at 10,000 after a judge drops out. Run by hand:
//! `cargo bench --bench assign`.

use giamkhao::assign::{self, Input, Plan, Settings};
use giamkhao::generate::{GenerateOptions, generate};
use giamkhao::model::{Session, Submission};

fn main() {
    divan::main();
}

/// A sơ khảo waiting for its assignment: no sheets, no assignments, a preferred field per judge.
fn unassigned(submissions: usize, judges: usize, per_submission: usize) -> Session {
    giamkhao::generate::unassigned(generate(GenerateOptions {
        submissions,
        judges,
        per_submission,
        criteria: 3,
        seed: 1,
    }))
}

fn run(s: &Session, k: u32) -> Plan {
    let subs: Vec<&Submission> = s.submissions.iter().collect();
    assign::plan(
        Input {
            contest: &s.contest,
            round: &s.contest.rounds[0],
            submissions: &subs,
            sheets: &s.scoresheets,
        },
        Settings {
            per_submission: k,
            max_load: None,
            seed: 1,
            fields_first: false,
        },
    )
    .expect("a valid contest")
}

/// The sizes: (submissions, judges, k).
#[divan::bench(sample_count = 5, args = [(300, 15, 3), (10_000, 200, 5)])]
fn fresh(bencher: divan::Bencher, (n, m, k): (usize, usize, usize)) {
    let s = unassigned(n, m, k);
    bencher.bench(|| {
        let plan = run(&s, k as u32);
        assert!(plan.report.short.is_empty() && plan.report.spread() <= 1);
        plan
    });
}

/// Growth: 50 judges, k = 3.
#[divan::bench(sample_count = 3, args = [1_000, 10_000, 100_000])]
fn growth(bencher: divan::Bencher, n: usize) {
    let s = unassigned(n, 50, 3);
    bencher.bench(|| run(&s, 3));
}

/// 10,000 × 200 × 5 assigned, then one judge drops out and the plan is made again.
#[divan::bench(sample_count = 3)]
fn rerun_after_a_judge_drops_out(bencher: divan::Bencher) {
    let mut s = unassigned(10_000, 200, 5);
    let first = run(&s, 5);
    s.contest.rounds[0].assignments = first.assignments;
    s.contest.rounds[0].judges.pop();
    bencher.bench(|| {
        let plan = run(&s, 5);
        assert!(plan.report.short.is_empty());
        plan
    });
}

/// The slow path: an existing assignment with uneven loads (`generate` deals each submission to k
/// judges in a row from a random start), so keeping it all cannot give even loads and every
/// submission with existing judges is a node of its own. (submissions, judges, k).
#[divan::bench(sample_count = 1, args = [(1_000, 50, 3), (3_000, 100, 5), (10_000, 200, 5)])]
fn rebalance_an_uneven_assignment(bencher: divan::Bencher, (n, m, k): (usize, usize, usize)) {
    let mut s = generate(GenerateOptions {
        submissions: n,
        judges: m,
        per_submission: k,
        criteria: 3,
        seed: 1,
    });
    s.scoresheets.clear();
    bencher.bench(|| {
        let plan = run(&s, k as u32);
        assert!(plan.report.spread() <= 1);
        plan
    });
}
