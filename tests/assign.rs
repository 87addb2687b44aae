//! Automatic assignment (src/assign/) against a brute force that tries every assignment of small
//! random contests, with the rules written again here from the issue: no conflict of interest (same
//! organization, listed, declared, recused) or avoided field; scored and locked cells kept; at most
//! the maximum load. Then, in order: as many seats filled as any assignment fills, the least sum of
//! squared loads (so loads within 1 whenever some assignment has them so), the fewest existing
//! assignments dropped, the most seats in the judges' fields.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};

use common::*;
use giamkhao::assign::{self, Input, Settings};
use giamkhao::model::*;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const ORGS: [&str; 3] = ["Đại học Hàng hải", "Cảng Hải Phòng", ""];
const SECTORS: [&str; 2] = ["logistics", "du lịch"];

/// A small random one-round contest with conflicts of every kind, fields, existing assignments
/// (some locked), and some cells already scored or recused.
fn random_case(seed: u64) -> (Session, Settings) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let m = rng.random_range(1..=4usize);
    let n = rng.random_range(1..=4usize);
    let judges: Vec<String> = (1..=m).map(|j| format!("gk{j}")).collect();
    let subs: Vec<String> = (1..=n).map(|s| format!("DA{s}")).collect();
    let jr: Vec<&str> = judges.iter().map(String::as_str).collect();
    let sr: Vec<&str> = subs.iter().map(String::as_str).collect();
    let mut s = simple(&jr, &sr);
    for sub in &mut s.submissions {
        // Written differently from the judges' (case, spaces): still the same organization.
        sub.organization = ORGS[rng.random_range(0..ORGS.len())].to_uppercase();
        sub.sector = SECTORS[rng.random_range(0..SECTORS.len())].into();
    }
    for j in &mut s.contest.judges {
        j.organization = format!(" {} ", ORGS[rng.random_range(0..ORGS.len())]);
        if rng.random_bool(0.4) {
            j.expertise = vec![SECTORS[rng.random_range(0..SECTORS.len())].to_uppercase()];
        }
        if rng.random_bool(0.15) {
            j.avoid = vec![SECTORS[rng.random_range(0..SECTORS.len())].into()];
        }
        if rng.random_bool(0.2) {
            j.conflicts.push(DeclaredConflict {
                submission: subs[rng.random_range(0..n)].clone(),
                reason: "người quen".into(),
            });
        }
    }
    if rng.random_bool(0.3) {
        s.contest.conflicts.push(ConflictPair {
            judge: judges[rng.random_range(0..m)].clone(),
            submission: subs[rng.random_range(0..n)].clone(),
            reason: "đồng tác giả".into(),
        });
    }
    // Existing assignments, some locked; a judge not in the round any more now and then.
    let mut assignments = Vec::new();
    for j in &judges {
        let mine: Vec<String> = subs.iter().filter(|_| rng.random_bool(0.35)).cloned().collect();
        let locked = mine.iter().filter(|_| rng.random_bool(0.25)).cloned().collect();
        if !mine.is_empty() {
            assignments.push(Assignment {
                judge: j.clone(),
                submissions: mine,
                locked,
            });
        }
    }
    s.contest.rounds[0].assignments = assignments;
    if m > 1 && rng.random_bool(0.15) {
        s.contest.rounds[0].judges.pop();
    }
    for j in &s.contest.rounds[0].judges.clone() {
        for sub in &subs {
            if rng.random_bool(0.1) {
                score(&mut s, j, sub, &["50"]);
            } else if rng.random_bool(0.05) {
                let contest_id = s.contest.id.clone();
                let sheet = match s.scoresheets.iter().position(|x| &x.judge == j) {
                    Some(i) => &mut s.scoresheets[i],
                    None => {
                        s.scoresheets.push(Scoresheet {
                            contest_id,
                            round: "r1".into(),
                            judge: j.clone(),
                            entries: vec![],
                        });
                        s.scoresheets.last_mut().unwrap()
                    }
                };
                sheet.entries.push(SheetEntry {
                    submission: sub.clone(),
                    recusal: Some("anh em họ".into()),
                    ..Default::default()
                });
            }
        }
    }
    let settings = Settings {
        per_submission: rng.random_range(1..=3),
        max_load: rng.random_bool(0.4).then(|| rng.random_range(1..=3)),
        seed: rng.random(),
        fields_first: false,
    };
    (s, settings)
}

fn fold(s: &str) -> String {
    giamkhao::text::fold(s.trim())
}

/// The rules, written again: may judge `j` score submission `s`?
fn allowed(session: &Session, j: &str, s: &str) -> bool {
    let judge = session.contest.judge(j).unwrap();
    let sub = session.submissions.iter().find(|x| x.id == s).unwrap();
    let org = |x: &str| giamkhao::scoring::conflicts::organization_key(x);
    let same_org = !org(&judge.organization).is_empty() && org(&judge.organization) == org(&sub.organization);
    let listed = session
        .contest
        .conflicts
        .iter()
        .any(|c| c.judge == j && c.submission == s);
    let declared = judge.conflicts.iter().any(|c| c.submission == s);
    let recused = session
        .sheet("r1", j)
        .and_then(|sh| sh.entries.iter().find(|e| e.submission == s))
        .is_some_and(|e| e.recusal.is_some());
    let avoided = judge.avoid.iter().any(|a| fold(a) == fold(&sub.sector));
    !(same_org || listed || declared || recused || avoided)
}

fn scored(session: &Session, j: &str, s: &str) -> bool {
    session
        .sheet("r1", j)
        .and_then(|sh| sh.entries.iter().find(|e| e.submission == s))
        .is_some_and(|e| !e.scores.is_empty())
}

fn matches(session: &Session, j: &str, s: &str) -> bool {
    let judge = session.contest.judge(j).unwrap();
    let sub = session.submissions.iter().find(|x| x.id == s).unwrap();
    judge.expertise.iter().any(|e| fold(e) == fold(&sub.sector))
}

/// What an assignment scores on the goals, best first: (seats filled, −Σ over submissions of their
/// judges², −Σ load², −existing dropped, seats in the judges' fields), and its spread (max − min
/// load).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    filled: i64,
    even: i64,
    squares: i64,
    dropped: i64,
    matched: i64,
}

fn measure(session: &Session, k: u32, pairs: &HashSet<(String, String)>) -> (Score, u32) {
    let round = &session.contest.rounds[0];
    let (mut filled, mut even) = (0, 0);
    for s in &session.submissions {
        let valid = round
            .judges
            .iter()
            .filter(|j| pairs.contains(&((*j).clone(), s.id.clone())) && allowed(session, j, &s.id))
            .count() as i64;
        filled += valid.min(i64::from(k));
        even -= valid.min(i64::from(k)).pow(2);
    }
    let loads: Vec<i64> = round
        .judges
        .iter()
        .map(|j| pairs.iter().filter(|(pj, _)| pj == j).count() as i64)
        .collect();
    let existing: Vec<(String, String)> = round
        .assignments
        .iter()
        .filter(|a| round.judges.contains(&a.judge))
        .flat_map(|a| a.submissions.iter().map(|s| (a.judge.clone(), s.clone())))
        .collect();
    let dropped = existing.iter().filter(|p| !pairs.contains(*p)).count() as i64;
    let matched = pairs.iter().filter(|(j, s)| matches(session, j, s)).count() as i64;
    let spread = (loads.iter().max().unwrap_or(&0) - loads.iter().min().unwrap_or(&0)) as u32;
    (
        Score {
            filled,
            even,
            squares: -loads.iter().map(|l| l * l).sum::<i64>(),
            dropped: -dropped,
            matched,
        },
        spread,
    )
}

/// Every assignment the rules allow: the fixed cells (scored; locked and allowed) plus, for each
/// submission, any set of other allowed judges up to its open seats, within the maximum load.
/// Returns the best score, whether some assignment fills every seat, and whether some assignment
/// with the best (filled) count has loads within 1.
fn brute_force(session: &Session, settings: Settings) -> (Score, bool, bool) {
    let round = &session.contest.rounds[0];
    let k = settings.per_submission as usize;
    let locked: HashSet<(String, String)> = round
        .assignments
        .iter()
        .flat_map(|a| a.locked.iter().map(|s| (a.judge.clone(), s.clone())))
        .collect();
    let mut fixed: HashSet<(String, String)> = HashSet::new();
    let mut choices: Vec<Vec<Vec<(String, String)>>> = Vec::new();
    for s in &session.submissions {
        let mut ok = 0;
        for j in &round.judges {
            let pair = (j.clone(), s.id.clone());
            if scored(session, j, &s.id) || (locked.contains(&pair) && allowed(session, j, &s.id)) {
                ok += usize::from(allowed(session, j, &s.id));
                fixed.insert(pair);
            }
        }
        let open: Vec<&String> = round
            .judges
            .iter()
            .filter(|j| !fixed.contains(&((*j).clone(), s.id.clone())) && allowed(session, j, &s.id))
            .collect();
        let need = k.saturating_sub(ok);
        let mut subsets = Vec::new();
        for mask in 0u32..(1 << open.len()) {
            if mask.count_ones() as usize <= need {
                subsets.push(
                    (0..open.len())
                        .filter(|i| mask & (1 << i) != 0)
                        .map(|i| (open[i].clone(), s.id.clone()))
                        .collect(),
                );
            }
        }
        choices.push(subsets);
    }
    let mut best: Option<Score> = None;
    let mut complete = false;
    let mut best_filled_balanced: (i64, bool) = (-1, false);
    let mut pick = vec![0usize; choices.len()];
    loop {
        let mut pairs = fixed.clone();
        for (s, &c) in pick.iter().enumerate() {
            pairs.extend(choices[s][c].iter().cloned());
        }
        let within = settings.max_load.is_none_or(|max| {
            round
                .judges
                .iter()
                .all(|j| pairs.iter().filter(|(pj, _)| pj == j).count() as u32 <= max)
        });
        if within {
            let (score, spread) = measure(session, settings.per_submission, &pairs);
            complete |= score.filled == (k * session.submissions.len()) as i64;
            best = Some(best.map_or(score, |b| b.max(score)));
            if score.filled > best_filled_balanced.0 {
                best_filled_balanced = (score.filled, spread <= 1);
            } else if score.filled == best_filled_balanced.0 {
                best_filled_balanced.1 |= spread <= 1;
            }
        }
        // The next combination.
        let mut i = 0;
        loop {
            if i == pick.len() {
                let best = best.expect("the fixed cells alone are within the load or nothing is");
                return (best, complete, best_filled_balanced.1);
            }
            pick[i] += 1;
            if pick[i] < choices[i].len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
    }
}

fn plan(session: &Session, settings: Settings) -> assign::Plan {
    let round = &session.contest.rounds[0];
    let subs: Vec<&Submission> = session.submissions.iter().collect();
    assign::plan(
        Input {
            contest: &session.contest,
            round,
            submissions: &subs,
            sheets: &session.scoresheets,
        },
        settings,
    )
    .expect("settings are valid")
}

fn pairs_of(assignments: &[Assignment]) -> HashSet<(String, String)> {
    assignments
        .iter()
        .flat_map(|a| a.submissions.iter().map(|s| (a.judge.clone(), s.clone())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The plan breaks no rule and is as good as the best of every assignment, goal by goal; it is
    /// short exactly when no assignment fills every seat; the same seed gives the same plan.
    #[test]
    fn the_plan_is_as_good_as_every_assignment_tried_and_breaks_no_rule(seed in any::<u64>()) {
        let (session, settings) = random_case(seed);
        let round = &session.contest.rounds[0];
        // The fixed cells alone may exceed a maximum load; then no assignment is within it.
        let result = plan(&session, settings);
        let pairs = pairs_of(&result.assignments);
        for (j, s) in &pairs {
            prop_assert!(round.judges.contains(j), "{j} is not in the round");
            let locked = round.assignments.iter().any(|a| &a.judge == j && a.locked.contains(s));
            prop_assert!(allowed(&session, j, s) || scored(&session, j, s),
                "{j} may not score {s} (locked: {locked})");
        }
        for j in &round.judges {
            for s in &session.submissions {
                let locked = round.assignments.iter().any(|a| &a.judge == j && a.locked.contains(&s.id));
                if scored(&session, j, &s.id) || (locked && allowed(&session, j, &s.id)) {
                    prop_assert!(pairs.contains(&(j.clone(), s.id.clone())), "{j} on {} was dropped", s.id);
                }
            }
        }
        let fixed_load = |j: &String| session.submissions.iter().filter(|s| {
            let locked = round.assignments.iter().any(|a| &a.judge == j && a.locked.contains(&s.id));
            scored(&session, j, &s.id) || (locked && allowed(&session, j, &s.id))
        }).count() as u32;
        if let Some(max) = settings.max_load {
            for j in &round.judges {
                let load = pairs.iter().filter(|(pj, _)| pj == j).count() as u32;
                prop_assert!(load <= max.max(fixed_load(j)), "{j} has {load} > {max}");
            }
            if round.judges.iter().any(|j| fixed_load(j) > max) {
                return Ok(());
            }
        }
        let (got, spread) = measure(&session, settings.per_submission, &pairs);
        let (best, complete, balanced) = brute_force(&session, settings);
        prop_assert_eq!(got, best);
        prop_assert_eq!(result.report.short.is_empty(), complete, "{:?}", result.report.short);
        if balanced {
            prop_assert!(spread <= 1, "loads spread {spread} though some assignment has them within 1");
        }
        prop_assert_eq!(result.report.spread(), spread);
        prop_assert_eq!(&plan(&session, settings), &result);
    }
}

/// Re-running on its own plan changes nothing; after a judge drops out, only that judge's
/// submissions move (to even loads), scored cells stay, and late registrations only add.
#[test]
fn a_re_run_changes_as_few_assignments_as_it_can() {
    let judges: Vec<String> = (1..=6).map(|j| format!("gk{j}")).collect();
    let subs: Vec<String> = (1..=30).map(|s| format!("DA{s:02}")).collect();
    let jr: Vec<&str> = judges.iter().map(String::as_str).collect();
    let sr: Vec<&str> = subs.iter().map(String::as_str).collect();
    let mut session = simple(&jr, &sr);
    let settings = Settings {
        per_submission: 3,
        max_load: None,
        seed: 7,
        fields_first: false,
    };
    let first = plan(&session, settings);
    assert!(first.report.short.is_empty());
    assert_eq!(first.report.spread(), 0, "90 seats over 6 judges: 15 each");
    session.contest.rounds[0].assignments = first.assignments.clone();

    let again = plan(&session, Settings { seed: 99, ..settings });
    assert_eq!(pairs_of(&again.assignments), pairs_of(&first.assignments));
    assert!(again.report.removed.is_empty());
    assert_eq!(again.report.added, 0);

    // gk6 scored two submissions, then drops out; gk2 scored one.
    let gk6: Vec<String> = first
        .assignments
        .iter()
        .find(|a| a.judge == "gk6")
        .unwrap()
        .submissions
        .clone();
    let gk2_first = first
        .assignments
        .iter()
        .find(|a| a.judge == "gk2")
        .unwrap()
        .submissions[0]
        .clone();
    score(&mut session, "gk2", &gk2_first, &["70"]);
    session.contest.rounds[0].judges.retain(|j| j != "gk6");
    let after = plan(&session, settings);
    let before = pairs_of(&first.assignments);
    let now = pairs_of(&after.assignments);
    let lost: BTreeSet<_> = before.difference(&now).cloned().collect();
    // Keeping every other cell is compatible with even loads here (the same plan with them all
    // locked is balanced): then only gk6's cells may go.
    let mut all_kept = session.clone();
    for a in &mut all_kept.contest.rounds[0].assignments {
        a.locked = a.submissions.clone();
    }
    let kept_plan = plan(&all_kept, settings);
    assert_eq!(
        kept_plan.report.spread(),
        0,
        "{:?} {:?}",
        kept_plan.report.loads,
        kept_plan.report.short
    );
    assert!(
        lost.iter().all(|(j, _)| j == "gk6"),
        "only gk6's cells go: {lost:?}"
    );
    assert_eq!(lost.len(), gk6.len());
    assert_eq!(now.len(), 90);
    assert!(now.contains(&("gk2".to_string(), gk2_first.clone())));
    assert_eq!(after.report.spread(), 0, "90 seats over 5 judges: 18 each");

    // Three late registrations: added, nothing else moves.
    session.contest.rounds[0].assignments = after.assignments.clone();
    for i in 31..=33 {
        session.submissions.push(Submission {
            id: format!("DA{i}"),
            title: format!("Dự án {i}"),
            ..Default::default()
        });
    }
    let late = plan(&session, settings);
    let later = pairs_of(&late.assignments);
    assert!(now.is_subset(&later), "nothing already assigned moves");
    assert_eq!(later.len(), 99);
    assert!(late.report.spread() <= 1);
}

/// Too few judges without a conflict for one submission: that submission is named, with each
/// judge's reason, and every other submission still gets its judges.
#[test]
fn an_infeasible_submission_is_named_with_its_reasons_and_the_rest_is_assigned() {
    let mut session = simple(
        &["gk1", "gk2", "gk3", "gk4"],
        &["DA1", "DA2", "DA3", "DA4", "DA5"],
    );
    for j in &mut session.contest.judges[..2] {
        j.organization = "Trường Đại học Hàng hải Việt Nam".into();
    }
    session.submissions[2].organization = "TRƯỜNG ĐẠI HỌC HÀNG HẢI VIỆT NAM".into();
    session.contest.judges[2].conflicts.push(DeclaredConflict {
        submission: "DA3".into(),
        reason: "người hướng dẫn".into(),
    });
    let result = plan(
        &session,
        Settings {
            per_submission: 2,
            max_load: None,
            seed: 1,
            fields_first: false,
        },
    );
    assert_eq!(result.report.short.len(), 1);
    let short = &result.report.short[0];
    assert_eq!((short.submission.as_str(), short.judges), ("DA3", 1));
    assert_eq!(short.eligible, ["gk4".to_string()]);
    assert!(short.full.is_empty());
    let why: HashMap<&str, &assign::Why> = short.excluded.iter().map(|(j, w)| (j.as_str(), w)).collect();
    assert_eq!(why.len(), 3);
    assert_eq!(why["gk1"], &assign::Why::Conflict(ConflictKind::SameOrganization));
    assert_eq!(
        why["gk3"],
        &assign::Why::Conflict(ConflictKind::Declared("người hướng dẫn".into()))
    );
    let pairs = pairs_of(&result.assignments);
    for s in ["DA1", "DA2", "DA4", "DA5"] {
        assert_eq!(pairs.iter().filter(|(_, x)| x == s).count(), 2, "{s}");
    }

    // A maximum load too small for everyone: the submissions short are named with the full judges.
    let tight = plan(
        &session,
        Settings {
            per_submission: 2,
            max_load: Some(2),
            seed: 1,
            fields_first: false,
        },
    );
    assert_eq!(tight.report.filled, 8);
    // The simple fix is said: 4 judges × 2 = 8 seats < 10.
    let names = giamkhao::text::Names::of(&session);
    let words = giamkhao::text::assign::report(&tight.report, &names, giamkhao::text::Lang::En);
    assert_eq!(
        words[1],
        "4 judges × at most 2 = 8 seats, fewer than the 10 needed: the maximum per judge must be 3 or more."
    );
    // Seats short are spread: every submission gets its first judge before any gets its second, so
    // DA3 has its one eligible judge, gk4, and another submission waits for a full judge.
    let da3 = tight.report.short.iter().find(|s| s.submission == "DA3").unwrap();
    assert_eq!((da3.judges, &da3.eligible), (1, &ids(&["gk4"])));
    assert!(tight.report.short.iter().all(|s| s.judges >= 1));
    assert!(
        tight
            .report
            .short
            .iter()
            .any(|s| s.submission != "DA3" && !s.full.is_empty())
    );
    assert_eq!(tight.report.short.iter().map(|s| 2 - s.judges).sum::<u32>(), 2);
}

/// 150 submissions, 12 judges, 3 each: 450 seats, loads 37 or 38, every pair of judges meets, and
/// fields are matched where a judge lists them.
#[test]
fn a_sơ_khảo_of_150_by_12_is_balanced_connected_and_matched() {
    let session = giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 150,
        judges: 12,
        per_submission: 3,
        criteria: 3,
        seed: 4,
    });
    let mut session = session;
    session.scoresheets.clear();
    session.contest.rounds[0].assignments.clear();
    session.contest.judges[0].expertise = vec!["Logistics".into()];
    let result = plan(
        &session,
        Settings {
            per_submission: 3,
            max_load: None,
            seed: 2026,
            fields_first: false,
        },
    );
    let r = &result.report;
    assert!(r.short.is_empty(), "{:?}", r.short);
    assert_eq!(r.filled, 450);
    assert!(r.spread() <= 1, "{:?}", r.loads);
    assert_eq!(r.groups.len(), 1);
    assert!(r.never_meet.is_empty(), "{:?}", r.never_meet);
    assert_eq!(r.pairs, 66);
    // gk001 takes every logistics submission it may score (there are fewer than its load).
    let gk1 = r.loads.iter().find(|l| l.judge == "gk001").unwrap();
    let logistics = session
        .submissions
        .iter()
        .filter(|s| s.sector == "logistics" && allowed(&session, "gk001", &s.id))
        .count() as u32;
    assert!(logistics > 10 && logistics < gk1.load);
    assert_eq!(gk1.matched, logistics, "{gk1:?}");
    let pairs = pairs_of(&result.assignments);
    for (j, s) in &pairs {
        assert!(allowed(&session, j, s));
    }
}

/// A plan is applied by the edit engine: logged judge by judge (old → new, by a named person) and
/// undone by its inverse; the log reads in Vietnamese.
#[test]
fn applying_a_plan_is_logged_judge_by_judge_and_undone() {
    let mut session = simple(&["gk1", "gk2", "gk3"], &["DA1", "DA2", "DA3", "DA4"]);
    session.contest.rounds[0].assignments = vec![Assignment {
        judge: "gk1".into(),
        submissions: vec!["DA1".into()],
        locked: vec!["DA1".into()],
    }];
    let settings = Settings {
        per_submission: 2,
        max_load: None,
        seed: 3,
        fields_first: false,
    };
    let result = plan(&session, settings);
    let contest = assign::with_plan(&session.contest, "r1", &result);
    let mut doc = giamkhao::edit::Doc::Session(session.clone());
    let at = jiff::Timestamp::UNIX_EPOCH;
    let inverse = giamkhao::edit::apply(
        &mut doc,
        giamkhao::edit::Edit::Contest(Box::new(contest)),
        "Trần Thị Thư Ký",
        "app",
        at,
    )
    .unwrap();
    let after = doc.session().unwrap().clone();
    let gk1 = after
        .audit
        .iter()
        .find(|e| e.target == "round r1 / judge gk1 / assigned")
        .expect("gk1's change is logged");
    assert_eq!(gk1.old.as_deref(), Some("DA1"));
    assert!(gk1.new.as_deref().unwrap().starts_with("DA1"));
    assert_eq!(gk1.by, "Trần Thị Thư Ký");
    let words =
        giamkhao::text::audit::describe(gk1, &giamkhao::text::Names::of(&after), giamkhao::text::Lang::Vi);
    assert_eq!(
        words.target,
        "Vòng Chung khảo · Giám khảo gk1 · Dự án được phân công"
    );
    assert_eq!(
        after.contest.rounds[0]
            .assignments
            .iter()
            .find(|a| a.judge == "gk1")
            .unwrap()
            .locked,
        ids(&["DA1"])
    );

    giamkhao::edit::apply(&mut doc, inverse, "Trần Thị Thư Ký", "undo", at).unwrap();
    assert_eq!(doc.session().unwrap().contest, session.contest);
}

/// On the bundled sample, whose one round every judge has scored, a plan changes nothing: every
/// scored cell stays (none is "added"), and each submission with more than k judges is said.
#[test]
fn on_the_scored_sample_every_scored_cell_stays_and_nothing_is_added() {
    let text = std::fs::read_to_string("assets/samples/hai-phong-2023.ron").unwrap();
    let session: Session = giamkhao::store::files::parse_kind(
        std::path::Path::new("hai-phong-2023.ron"),
        &text,
        FileKind::Session,
    )
    .unwrap();
    let subs: Vec<&Submission> = session.submissions.iter().collect();
    let round = &session.contest.rounds[0];
    let result = assign::plan(
        Input {
            contest: &session.contest,
            round,
            submissions: &subs,
            sheets: &session.scoresheets,
        },
        Settings {
            per_submission: 3,
            max_load: None,
            seed: 1,
            fields_first: false,
        },
    )
    .unwrap();
    let scored: usize = session
        .scoresheets
        .iter()
        .flat_map(|s| &s.entries)
        .filter(|e| !e.scores.is_empty())
        .count();
    let r = &result.report;
    assert_eq!((r.fixed as usize, r.added, r.kept), (scored, 0, 0));
    assert_eq!(pairs_of(&result.assignments).len(), scored);
    assert!(r.short.is_empty());
    assert_eq!(r.over.len(), session.submissions.len());
}

/// A re-run keeps the assignment it finds, even when a judge's fields changed since; "start over"
/// places everyone afresh (scored and locked cells still stay) and then follows the new fields.
#[test]
fn fields_first_follows_fields_changed_since_the_last_assignment_and_keeps_the_rest() {
    let mut session = giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 150,
        judges: 12,
        per_submission: 3,
        criteria: 3,
        seed: 4,
    });
    session.scoresheets.clear();
    session.contest.rounds[0].assignments.clear();
    let settings = Settings {
        per_submission: 3,
        max_load: None,
        seed: 2026,
        fields_first: false,
    };
    let first = plan(&session, settings);
    session.contest.rounds[0].assignments = first.assignments.clone();
    session.contest.judges[0].expertise = vec!["logistics".into()];
    let logistics = session
        .submissions
        .iter()
        .filter(|s| s.sector == "logistics" && allowed(&session, "gk001", &s.id))
        .count() as u32;
    let gk1 = |p: &assign::Plan| {
        p.report
            .loads
            .iter()
            .find(|l| l.judge == "gk001")
            .unwrap()
            .matched
    };

    let kept = plan(&session, settings);
    assert_eq!(pairs_of(&kept.assignments), pairs_of(&first.assignments));
    assert!(gk1(&kept) < logistics);

    let again = plan(
        &session,
        Settings {
            fields_first: true,
            ..settings
        },
    );
    assert_eq!(gk1(&again), logistics);
    assert!(again.report.short.is_empty() && again.report.spread() <= 1);
}
