//! Properties the spec implies, checked on generated contests: results do not depend on the order
//! of judges, submissions or sheets; raising a score never lowers a rank; tier counts are never
//! exceeded but by a recorded ShareAward; RON and JSON round trips are lossless.

mod common;

use std::collections::HashMap;

use giamkhao::generate::{GenerateOptions, generate};
use giamkhao::model::*;
use giamkhao::scoring::{Split, compute, compute_split};
use proptest::prelude::*;

/// What a result says about one submission: rank, score, sheets counted, award, judge statuses.
type Said = (
    Option<u32>,
    Option<Points>,
    u32,
    Option<String>,
    Vec<(String, SheetStatus)>,
);

/// What a result says about each submission, independent of listing order.
fn summary(results: &[RoundResult]) -> HashMap<String, Said> {
    let mut out = HashMap::new();
    for r in results {
        for row in r.scopes.iter().flat_map(|s| &s.rows) {
            let mut judges: Vec<(String, SheetStatus)> = row
                .judges
                .iter()
                .map(|j| (j.judge.to_string(), j.status))
                .collect();
            judges.sort_by(|a, b| a.0.cmp(&b.0));
            out.insert(
                row.submission.clone(),
                (row.rank, row.score, row.sheets_counted, row.award.clone(), judges),
            );
        }
    }
    out
}

fn small_contest(seed: u64, method: Method) -> Session {
    let mut s = generate(GenerateOptions {
        submissions: 14,
        judges: 6,
        per_submission: 5,
        criteria: 3,
        seed,
    });
    s.contest.rules.method = method;
    s
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::Mean),
        Just(Method::TrimmedMean { drop: 1, from: 5 }),
        Just(Method::Median),
        Just(Method::ZScore),
    ]
}

fn shuffle<T>(v: &mut [T], seed: u64) {
    // A small deterministic Fisher–Yates, so proptest's seed drives it.
    let mut state = seed | 1;
    for i in (1..v.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        v.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn results_do_not_depend_on_order(seed in 0u64..10_000, order in any::<u64>(), m in method()) {
        let s = small_contest(seed, m);
        let before = summary(&compute(&s));
        let mut t = s.clone();
        shuffle(&mut t.submissions, order);
        shuffle(&mut t.scoresheets, order.rotate_left(7));
        shuffle(&mut t.contest.judges, order.rotate_left(13));
        shuffle(&mut t.contest.rounds[0].judges, order.rotate_left(19));
        for sheet in &mut t.scoresheets {
            shuffle(&mut sheet.entries, order.rotate_left(23));
        }
        prop_assert_eq!(before, summary(&compute(&t)));
    }

    /// Scoring shares a large round among the cores in parts; the results are the same, to the
    /// last flag and in the same order, however many parts it is cut into.
    #[test]
    fn results_do_not_depend_on_how_the_work_is_split(seed in 0u64..10_000, parts in 2usize..9, m in method()) {
        let mut s = small_contest(seed, m);
        // Entries a judge gave twice and entries for unknown submissions, which the parts must
        // treat as one list does.
        let copy = s.scoresheets[0].entries[0].clone();
        s.scoresheets[0].entries.push(copy);
        let other = 1 % s.scoresheets.len();
        let mut ghost = s.scoresheets[other].entries[0].clone();
        ghost.submission = "not-a-submission".into();
        s.scoresheets[other].entries.push(ghost);
        let whole = compute_split(&s, Split::Into(1));
        prop_assert!(!whole[0].scopes.is_empty());
        prop_assert_eq!(&whole, &compute_split(&s, Split::Into(parts)));
        prop_assert_eq!(&whole, &compute(&s));
    }

    #[test]
    fn raising_a_score_never_lowers_the_rank(
        seed in 0u64..10_000,
        pick in any::<prop::sample::Index>(),
        m in prop_oneof![Just(Method::Mean), Just(Method::TrimmedMean { drop: 1, from: 5 }), Just(Method::Median)],
    ) {
        let mut s = small_contest(seed, m);
        s.contest.rules.divergence = None;
        let before = compute(&s);
        // Raise one criterion score by one step on one counted sheet, within the maximum.
        let sheets: Vec<(usize, usize)> = s.scoresheets.iter().enumerate()
            .flat_map(|(i, sh)| (0..sh.entries.len()).map(move |e| (i, e))).collect();
        let (i, e) = sheets[pick.index(sheets.len())];
        let criterion = s.contest.rounds[0].criteria[0].clone();
        let entry = &mut s.scoresheets[i].entries[e];
        let id = entry.submission.clone();
        let current = entry.scores[criterion.id.as_str()];
        prop_assume!(current < criterion.max);
        entry.scores.insert(criterion.id.as_str().into(), Points::from_units(current.units() + criterion.step.units()));
        let after = compute(&s);
        let rank = |r: &[RoundResult]| r[0].row(&id).and_then(|x| x.rank);
        if let (Some(a), Some(b)) = (rank(&before), rank(&after)) {
            prop_assert!(b <= a, "rank went from {} to {}", a, b);
        }
        prop_assert!(!(rank(&before).is_some() && rank(&after).is_none()));
    }

    #[test]
    fn tier_counts_are_never_exceeded_without_a_shared_award(seed in 0u64..10_000, m in method(), counts in prop::collection::vec(0i64..4, 1..5)) {
        let mut s = small_contest(seed, m);
        // Coarse steps make ties likely.
        for sheet in &mut s.scoresheets {
            for entry in &mut sheet.entries {
                for v in entry.scores.values_mut() {
                    *v = Points::from_int(v.units() / Points::SCALE / 3 * 3);
                }
            }
        }
        common::tiers(&mut s, &counts);
        let r = compute(&s).pop().expect("round");
        for (t, &count) in counts.iter().enumerate() {
            let id = format!("t{}", t + 1);
            let given = r.scopes[0].rows.iter().filter(|x| x.award.as_deref() == Some(&id)).count();
            prop_assert!(given as i64 <= count, "tier {} gave {} of {}", id, given, count);
        }
        // Settle every tie with ShareAward (new ties can appear below, so repeat): a tier may now
        // exceed its count, but only by the members its shared ties add.
        let mut shared = r;
        for _ in 0..10 {
            let pending: Vec<TiedGroup> = shared.scopes[0].ties.iter().filter(|t| t.resolution.is_none()).cloned().collect();
            if pending.is_empty() {
                break;
            }
            for tie in pending {
                let members: Vec<&str> = tie.members.iter().map(String::as_str).collect();
                s.decisions.push(common::decision("vong1", tie.target.clone(), &members, Resolution::ShareAward));
            }
            shared = compute(&s).pop().expect("round");
        }
        prop_assert!(!shared.provisional);
        for (t, &count) in counts.iter().enumerate() {
            let target = TieTarget::Tier(format!("t{}", t + 1));
            let given = shared.scopes[0].rows.iter().filter(|x| x.award.as_ref() == Some(&format!("t{}", t + 1))).count();
            let extra: usize = shared.scopes[0].ties.iter()
                .filter(|x| x.target == target && x.resolution == Some(Resolution::ShareAward))
                .map(|x| x.members.len() - x.slots as usize)
                .sum();
            prop_assert!(given <= count as usize + extra);
        }
    }

    #[test]
    fn ron_and_json_round_trips_are_lossless(seed in 0u64..10_000, m in method()) {
        let mut s = small_contest(seed, m);
        s.results = compute(&s);
        s.decisions.push(common::decision("vong1", TieTarget::Tier("nhi".into()), &["DA00001", "DA00002"], Resolution::Order(common::ids(&["DA00002", "DA00001"]))));
        s.scoresheets[0].entries[0].recusal = Some("người thân \"trong\" nhóm".into());
        s.scoresheets[0].entries[0].updated_at = Some("2023-11-24T03:30:00.123Z".parse().expect("ts"));
        s.contest.date = Some(jiff::civil::date(2023, 11, 24));
        use giamkhao::store::files::{Format, to_text, parse_kind};
        let ron = to_text(&s, Format::Ron).expect("ron");
        let back: Session = parse_kind(std::path::Path::new("x.ron"), &ron, FileKind::Session).expect("parse ron");
        prop_assert_eq!(&back, &s);
        let json = to_text(&s, Format::Json).expect("json");
        let back: Session = parse_kind(std::path::Path::new("x.json"), &json, FileKind::Session).expect("parse json");
        prop_assert_eq!(&back, &s);
    }
}
