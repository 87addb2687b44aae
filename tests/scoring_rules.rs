//! The scoring spec, rule by rule, on small contests whose numbers are worked out by hand in the
//! comments (docs/scoring.md has the same examples in words).

mod common;

use common::*;
use giamkhao::model::*;

// ---- §1 Points and rounding ----

#[test]
fn rounding_is_half_away_from_zero_on_the_exact_mean() {
    // Totals 70, 70, 70, 70.5: mean 280.5 / 4 = 70.125 exactly → 70.13 (banker's rounding: 70.12).
    let mut s = simple(&["a", "b", "c", "d"], &["x"]);
    totals(
        &mut s,
        "x",
        &[("a", "70"), ("b", "70"), ("c", "70"), ("d", "70.5")],
    );
    assert_eq!(row(&last_round(&s), "x").score, Some(p("70.13")));
}

#[test]
fn weights_multiply_exactly_where_binary_floats_would_not() {
    // weight 1.13 × 6.5 = 7.345 exactly → 7.35. In f64, 1.13 × 6.5 = 7.344999… → 7.34.
    assert_eq!((1.13f64 * 6.5 * 100.0).round() / 100.0, 7.34);
    let mut s = session(&[("c", "10", "1.13")], &["a", "b", "c"], &["x"]);
    for j in ["a", "b", "c"] {
        score(&mut s, j, "x", &["6.5"]);
    }
    let r = last_round(&s);
    assert_eq!(row(&r, "x").score, Some(p("7.35")));
    assert_eq!(row(&r, "x").criterion_means[0].mean, Some(p("7.35")));
}

#[test]
fn decimals_setting_controls_rounding() {
    // Totals 70, 70, 71: mean 70.3333… → 70.3 with one decimal, 70 with none.
    let mut s = simple(&["a", "b", "c"], &["x"]);
    totals(&mut s, "x", &[("a", "70"), ("b", "70"), ("c", "71")]);
    s.contest.decimals = 1;
    assert_eq!(row(&last_round(&s), "x").score, Some(p("70.3")));
    s.contest.decimals = 0;
    assert_eq!(row(&last_round(&s), "x").score, Some(p("70")));
}

// ---- §2 A judge's total ----

#[test]
fn total_is_the_weighted_sum_and_maximum_is_sum_of_weight_times_max() {
    // Weights 2 and 1.5: 2 × 8 + 1.5 × 6.5 = 16 + 9.75 = 25.75. Maximum 2 × 10 + 1.5 × 10 = 35.
    let mut s = session(
        &[("c1", "10", "2"), ("c2", "10", "1.5")],
        &["a", "b", "c"],
        &["x"],
    );
    for j in ["a", "b", "c"] {
        score(&mut s, j, "x", &["8", "6.5"]);
    }
    let r = last_round(&s);
    assert_eq!(r.maximum_total, p("35"));
    assert_eq!(row(&r, "x").judges[0].total, Some(p("25.75")));
    assert_eq!(row(&r, "x").score, Some(p("25.75")));
    assert_eq!(row(&r, "x").criterion_means[0].mean, Some(p("16")));
    assert_eq!(row(&r, "x").criterion_means[1].mean, Some(p("9.75")));
}

#[test]
fn an_incomplete_sheet_does_not_count_and_is_flagged() {
    // Judge d left c2 blank: a blank is "not scored", never 0. Score = (16+17+18)/3 = 17.
    let mut s = session(
        &[("c1", "10", "1"), ("c2", "10", "1")],
        &["a", "b", "c", "d"],
        &["x"],
    );
    score(&mut s, "a", "x", &["8", "8"]);
    score(&mut s, "b", "x", &["8", "9"]);
    score(&mut s, "c", "x", &["9", "9"]);
    score(&mut s, "d", "x", &["2", ""]);
    let r = last_round(&s);
    let x = row(&r, "x");
    assert_eq!(x.score, Some(p("17")));
    assert_eq!(x.sheets_counted, 3);
    assert_eq!(status_of(&r, "x", "d"), SheetStatus::Incomplete);
    assert!(x.flags.contains(&Flag::IncompleteSheet {
        judge: "d".into(),
        scored: 1,
        of: 2
    }));
}

// ---- §3.1 Conflicts ----

#[test]
fn same_organization_after_normalization_is_a_conflict() {
    let mut s = simple(&["a", "b", "c", "d"], &["x"]);
    s.contest.judges[3].organization = "Trường Đại học Hàng hải Việt Nam".into();
    // Decomposed Unicode, upper case and stray spaces: still the same organization.
    s.submissions[0].organization = format!("  {}  ", "TRƯỜNG ĐẠI HỌC HÀNG HẢI VIỆT NAM");
    s.submissions[0].organization = unicode_nfd(&s.submissions[0].organization);
    totals(&mut s, "x", &[("a", "70"), ("b", "71"), ("c", "72"), ("d", "99")]);
    let r = last_round(&s);
    let x = row(&r, "x");
    assert_eq!(status_of(&r, "x", "d"), SheetStatus::Conflict);
    assert_eq!(x.score, Some(p("71")));
    assert!(x.flags.contains(&Flag::Conflict {
        judge: "d".into(),
        kind: ConflictKind::SameOrganization,
        had_scores: true
    }));
    // The ignored scores stay in the file.
    assert!(s.sheet("r1", "d").and_then(|sh| sh.entry("x")).is_some());
}

fn unicode_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

#[test]
fn empty_organizations_never_conflict() {
    let mut s = simple(&["a", "b", "c"], &["x"]);
    totals(&mut s, "x", &[("a", "70"), ("b", "71"), ("c", "72")]);
    assert_eq!(row(&last_round(&s), "x").sheets_counted, 3);
}

#[test]
fn listed_declared_and_recused_pairs_are_ignored_and_flagged() {
    let mut s = simple(&["a", "b", "c", "d", "e", "f"], &["x"]);
    s.contest.conflicts.push(ConflictPair {
        judge: "d".into(),
        submission: "x".into(),
        reason: "người thân".into(),
    });
    s.contest.judges[4].conflicts.push(DeclaredConflict {
        submission: "x".into(),
        reason: "cố vấn".into(),
    });
    totals(
        &mut s,
        "x",
        &[
            ("a", "60"),
            ("b", "70"),
            ("c", "80"),
            ("d", "10"),
            ("e", "10"),
            ("f", "10"),
        ],
    );
    let sheet = s
        .scoresheets
        .iter_mut()
        .find(|sh| sh.judge == "f")
        .expect("sheet f");
    sheet.entries[0].recusal = Some("đã đầu tư".into());
    let r = last_round(&s);
    let x = row(&r, "x");
    assert_eq!(x.score, Some(p("70")));
    assert_eq!(x.sheets_counted, 3);
    for j in ["d", "e", "f"] {
        assert_eq!(status_of(&r, "x", j), SheetStatus::Conflict);
    }
    assert!(x.flags.contains(&Flag::Conflict {
        judge: "d".into(),
        kind: ConflictKind::Listed("người thân".into()),
        had_scores: true
    }));
    assert!(x.flags.contains(&Flag::Conflict {
        judge: "e".into(),
        kind: ConflictKind::Declared("cố vấn".into()),
        had_scores: true
    }));
    assert!(x.flags.contains(&Flag::Conflict {
        judge: "f".into(),
        kind: ConflictKind::Recused("đã đầu tư".into()),
        had_scores: true
    }));
}

// ---- §3.3 Chênh lệch ----

fn with_divergence(action: DivergenceAction, threshold: &str) -> Session {
    let mut s = simple(&["a", "b", "c", "d", "e", "f"], &["x"]);
    s.contest.rules.divergence = Some(Divergence {
        threshold: p(threshold),
        action,
    });
    s
}

#[test]
fn divergence_flag_keeps_the_sheet_and_says_so() {
    // 80, 82, 78, 50: A0 = 72.5; |50 − 72.5| = 22.5 > 15 → flagged; score stays 72.5.
    let mut s = with_divergence(DivergenceAction::Flag, "15");
    totals(&mut s, "x", &[("a", "80"), ("b", "82"), ("c", "78"), ("d", "50")]);
    let r = last_round(&s);
    let x = row(&r, "x");
    assert_eq!(x.score, Some(p("72.5")));
    assert_eq!(status_of(&r, "x", "d"), SheetStatus::DivergentFlagged);
    assert!(x.flags.contains(&Flag::NeedsDiscussion {
        judge: "d".into(),
        total: p("50"),
        mean: p("72.5")
    }));
}

#[test]
fn divergence_exclude_drops_the_sheet() {
    // Same totals, Exclude: mean of 80, 82, 78 = 80.
    let mut s = with_divergence(DivergenceAction::Exclude, "15");
    totals(&mut s, "x", &[("a", "80"), ("b", "82"), ("c", "78"), ("d", "50")]);
    let r = last_round(&s);
    assert_eq!(row(&r, "x").score, Some(p("80")));
    assert_eq!(row(&r, "x").sheets_counted, 3);
    assert_eq!(status_of(&r, "x", "d"), SheetStatus::DivergentExcluded);
}

#[test]
fn divergence_is_strictly_greater_than_the_threshold() {
    // 60, 90, 75: A0 = 75; both differences are exactly 15 → not divergent.
    let mut s = with_divergence(DivergenceAction::Exclude, "15");
    totals(&mut s, "x", &[("a", "60"), ("b", "90"), ("c", "75")]);
    let r = last_round(&s);
    assert_eq!(row(&r, "x").sheets_counted, 3);
    assert_eq!(row(&r, "x").score, Some(p("75")));
    assert!(
        row(&r, "x")
            .judges
            .iter()
            .all(|j| j.status != SheetStatus::DivergentExcluded)
    );
    // One hundredth more and it is divergent.
    totals(&mut s, "x", &[("a", "59.5"), ("b", "90.5"), ("c", "75")]);
    assert_eq!(
        status_of(&last_round(&s), "x", "a"),
        SheetStatus::DivergentExcluded
    );
}

#[test]
fn divergence_exclusion_happens_once() {
    // 20, 70, 90, 90, 90, 90: A0 = 75 → only 20 is excluded (|70 − 75| = 5, |90 − 75| = 15).
    // A second pass would see 70 vs 86 (> 15) and drop it too; there is none: (70 + 360) / 5 = 86.
    let mut s = with_divergence(DivergenceAction::Exclude, "15");
    totals(
        &mut s,
        "x",
        &[
            ("a", "20"),
            ("b", "70"),
            ("c", "90"),
            ("d", "90"),
            ("e", "90"),
            ("f", "90"),
        ],
    );
    let r = last_round(&s);
    assert_eq!(row(&r, "x").score, Some(p("86")));
    assert_eq!(status_of(&r, "x", "b"), SheetStatus::Counted);
}

// ---- §3.4 Minimum judges ----

#[test]
fn too_few_sheets_is_not_eligible_and_listed_last() {
    let mut s = simple(&["a", "b", "c"], &["x", "y"]);
    totals(&mut s, "x", &[("a", "99"), ("b", "99")]);
    totals(&mut s, "y", &[("a", "50"), ("b", "50"), ("c", "50")]);
    let r = last_round(&s);
    let rows = &r.scopes[0].rows;
    assert_eq!(rows[0].submission, "y");
    assert_eq!(rows[0].rank, Some(1));
    assert_eq!(rows[0].award.as_deref(), Some("nhat"));
    assert_eq!(rows[1].submission, "x");
    assert_eq!(rows[1].rank, None);
    assert_eq!(rows[1].award, None);
    assert!(
        rows[1]
            .flags
            .contains(&Flag::NotEnoughScores { counted: 2, min: 3 })
    );
}

// ---- §4 Methods ----

#[test]
fn trimmed_mean_drops_one_highest_and_one_lowest_from_five() {
    // 60, 70, 75, 80, 95 → drop 60 and 95 → (70 + 75 + 80) / 3 = 75.
    let mut s = simple(&["a", "b", "c", "d", "e"], &["x"]);
    s.contest.rules.method = Method::TrimmedMean { drop: 1, from: 5 };
    totals(
        &mut s,
        "x",
        &[("a", "60"), ("b", "70"), ("c", "75"), ("d", "80"), ("e", "95")],
    );
    let r = last_round(&s);
    assert_eq!(row(&r, "x").score, Some(p("75")));
    assert_eq!(status_of(&r, "x", "a"), SheetStatus::Trimmed);
    assert_eq!(status_of(&r, "x", "e"), SheetStatus::Trimmed);
    assert_eq!(status_of(&r, "x", "c"), SheetStatus::Counted);
}

#[test]
fn trimmed_mean_removes_one_copy_of_equal_values() {
    // 70, 70, 70, 80, 90 → drop one 70 and the 90 → (70 + 70 + 80) / 3 = 73.33.
    let mut s = simple(&["a", "b", "c", "d", "e"], &["x"]);
    s.contest.rules.method = Method::TrimmedMean { drop: 1, from: 5 };
    totals(
        &mut s,
        "x",
        &[("a", "70"), ("b", "70"), ("c", "70"), ("d", "80"), ("e", "90")],
    );
    let r = last_round(&s);
    assert_eq!(row(&r, "x").score, Some(p("73.33")));
    let trimmed = row(&r, "x")
        .judges
        .iter()
        .filter(|j| j.status == SheetStatus::Trimmed)
        .count();
    assert_eq!(trimmed, 2);
}

#[test]
fn criterion_means_keep_the_trimmed_sheets() {
    // §4: criterion means are over the sheets that count after chênh lệch; trimming does not remove
    // sheets from them. Five sheets 8.5, 7.5, 9, 8, 8 at weight 2: (17 + 15 + 18 + 16 + 16) / 5 =
    // 16.40 (without the two trimmed sheets it would be 16.33).
    let mut s = session(&[("c", "10", "2")], &["a", "b", "c", "d", "e"], &["x"]);
    s.contest.rules.method = Method::TrimmedMean { drop: 1, from: 5 };
    for (j, v) in [("a", "8.5"), ("b", "7.5"), ("c", "9"), ("d", "8"), ("e", "8")] {
        score(&mut s, j, "x", &[v]);
    }
    let r = last_round(&s);
    // The score itself drops 15 and 18: (17 + 16 + 16) / 3 = 16.33.
    assert_eq!(row(&r, "x").score, Some(p("16.33")));
    assert_eq!(row(&r, "x").criterion_means[0].mean, Some(p("16.4")));
}

#[test]
fn a_trimmed_sheet_still_breaks_a_tie_on_the_criterion_means() {
    // TrimmedMean {drop 1, from 3}, one criterion (max 10, weight 1). DA1 scored 5, 6, 10 → 6 after
    // trimming; DA2 6, 6, 6 → 6. Equal scores; DA1's criterion mean is (5 + 6 + 10) / 3 = 7, DA2's 6:
    // DA1 ranks first and takes Nhất, no tie and nothing provisional.
    let mut s = session(&[("c", "10", "1")], &["a", "b", "c"], &["DA1", "DA2"]);
    s.contest.rules.method = Method::TrimmedMean { drop: 1, from: 3 };
    for (j, v) in [("a", "5"), ("b", "6"), ("c", "10")] {
        score(&mut s, j, "DA1", &[v]);
        score(&mut s, j, "DA2", &["6"]);
    }
    let r = last_round(&s);
    assert_eq!(row(&r, "DA1").score, Some(p("6")));
    assert_eq!(row(&r, "DA2").score, Some(p("6")));
    assert_eq!(row(&r, "DA1").criterion_means[0].mean, Some(p("7")));
    assert_eq!(row(&r, "DA1").rank, Some(1));
    assert_eq!(row(&r, "DA2").rank, Some(2));
    assert_eq!(row(&r, "DA1").award.as_deref(), Some("nhat"));
    assert!(!r.provisional);
}

#[test]
fn trimmed_mean_below_from_is_the_plain_mean() {
    // 4 sheets < 5: 60, 70, 80, 95 → 305 / 4 = 76.25.
    let mut s = simple(&["a", "b", "c", "d"], &["x"]);
    s.contest.rules.method = Method::TrimmedMean { drop: 1, from: 5 };
    totals(&mut s, "x", &[("a", "60"), ("b", "70"), ("c", "80"), ("d", "95")]);
    assert_eq!(row(&last_round(&s), "x").score, Some(p("76.25")));
}

#[test]
fn median_odd_and_even() {
    let mut s = simple(&["a", "b", "c", "d"], &["odd", "even"]);
    s.contest.rules.method = Method::Median;
    totals(&mut s, "odd", &[("a", "60"), ("b", "100"), ("c", "70")]);
    totals(
        &mut s,
        "even",
        &[("a", "60"), ("b", "100"), ("c", "70"), ("d", "80")],
    );
    let r = last_round(&s);
    assert_eq!(row(&r, "odd").score, Some(p("70")));
    assert_eq!(row(&r, "even").score, Some(p("75")));
}

#[test]
fn zscore_standardizes_per_judge_and_maps_back_to_points() {
    // Judge a: 60/70/80, b: 80/85/90, c: 70/75/80. Each judge ranks x < y < z with z-scores
    // −1.2247, 0, +1.2247, so y gets the round mean μ = 690/9 = 76.67, and x, z are μ ∓ σ·1.2247.
    let mut s = simple(&["a", "b", "c"], &["x", "y", "z"]);
    s.contest.rules.method = Method::ZScore;
    totals(&mut s, "x", &[("a", "60"), ("b", "80"), ("c", "70")]);
    totals(&mut s, "y", &[("a", "70"), ("b", "85"), ("c", "75")]);
    totals(&mut s, "z", &[("a", "80"), ("b", "90"), ("c", "80")]);
    let r = last_round(&s);
    assert_eq!(row(&r, "y").score, Some(p("76.67")));
    // c: 70, 75, 80 has the same z-scores; all values: 60 80 70 70 85 75 80 90 80.
    let all = [60.0, 80.0, 70.0, 70.0, 85.0, 75.0, 80.0, 90.0, 80.0];
    let mu = all.iter().sum::<f64>() / 9.0;
    let sigma = (all.iter().map(|v| (v - mu).powi(2)).sum::<f64>() / 9.0).sqrt();
    let z = 1.5f64.sqrt();
    let expect = |v: f64| Points::from_units(((v * 100.0).round() * 100.0) as i64);
    assert_eq!(row(&r, "x").score, Some(expect(mu - sigma * z)));
    assert_eq!(row(&r, "z").score, Some(expect(mu + sigma * z)));
    assert_eq!(r.scopes[0].rows[0].submission, "z");
}

// ---- §5 Ranking ----

#[test]
fn equal_scores_are_ordered_by_the_chain() {
    // x and y both total 15 (mean 15); x has the higher c1 mean (8 vs 7) → x first.
    let mut s = session(
        &[("c1", "10", "1"), ("c2", "10", "1")],
        &["a", "b", "c"],
        &["x", "y"],
    );
    for j in ["a", "b", "c"] {
        score(&mut s, j, "x", &["8", "7"]);
        score(&mut s, j, "y", &["7", "8"]);
    }
    let r = last_round(&s);
    assert_eq!(row(&r, "x").rank, Some(1));
    assert_eq!(row(&r, "y").rank, Some(2));
    assert!(row(&r, "x").flags.contains(&Flag::TieBroken {
        other: "y".into(),
        criterion: "c1".into(),
        ahead: true
    }));
    // A chain starting with c2 reverses them.
    s.contest.rounds[0].tie_break = Some(ids(&["c2", "c1"]));
    let r = last_round(&s);
    assert_eq!(row(&r, "y").rank, Some(1));
    assert_eq!(row(&r, "x").rank, Some(2));
}

#[test]
fn chain_uses_rounded_criterion_means() {
    // c1 means 8.333… and 8.3333 would differ unrounded; at 2 decimals both are 8.33 → tied.
    let mut s = session(
        &[("c1", "10", "1"), ("c2", "20", "1")],
        &["a", "b", "c"],
        &["x", "y"],
    );
    // x: c1 = 8, 8, 9 (mean 8.333…), c2 = 10, 10, 10 → total mean 18.33
    // y: c1 = 8.5, 8, 8.5 (mean 8.333…), c2 = 10, 10, 10 → identical means: a true tie.
    score(&mut s, "a", "x", &["8", "10"]);
    score(&mut s, "b", "x", &["8", "10"]);
    score(&mut s, "c", "x", &["9", "10"]);
    score(&mut s, "a", "y", &["8.5", "10"]);
    score(&mut s, "b", "y", &["8", "10"]);
    score(&mut s, "c", "y", &["8.5", "10"]);
    let r = last_round(&s);
    assert_eq!(row(&r, "x").rank, row(&r, "y").rank);
}

#[test]
fn standard_competition_ranking_and_nothing_else_breaks_ties() {
    // Scores 90, 80, 80, 70 → ranks 1, 2, 2, 4, whatever the ids or file order.
    let mut s = simple(&["a", "b", "c"], &["d", "b2", "a2", "c"]);
    for (sub, t) in [("d", "90"), ("b2", "80"), ("a2", "80"), ("c", "70")] {
        totals(&mut s, sub, &[("a", t), ("b", t), ("c", t)]);
    }
    tiers(&mut s, &[5]);
    let r = last_round(&s);
    let ranks: Vec<Option<u32>> = ["d", "b2", "a2", "c"].iter().map(|id| row(&r, id).rank).collect();
    assert_eq!(ranks, vec![Some(1), Some(2), Some(2), Some(4)]);
}

#[test]
fn below_a_criterion_minimum_is_ranked_but_not_awarded() {
    // x is best overall (c1 mean 9.5, c2 mean 2) but c2 has min 3 → no award; y takes Nhất.
    let mut s = session(
        &[("c1", "10", "1"), ("c2", "10", "1")],
        &["a", "b", "c"],
        &["x", "y"],
    );
    s.contest.rounds[0].criteria[1].min = Some(p("3"));
    for j in ["a", "b", "c"] {
        score(&mut s, j, "x", &["9.5", "2"]);
        score(&mut s, j, "y", &["5", "5"]);
    }
    tiers(&mut s, &[1, 1]);
    let r = last_round(&s);
    let x = row(&r, "x");
    assert_eq!(x.rank, Some(1));
    assert_eq!(x.award, None);
    assert!(x.flags.contains(&Flag::BelowMinimum {
        criterion: "c2".into(),
        mean: p("2"),
        min: p("3")
    }));
    assert_eq!(row(&r, "y").award.as_deref(), Some("t1"));
}

#[test]
fn a_criterion_minimum_is_on_the_weighted_scale_it_is_compared_on() {
    // Criterion means are weight × score, so with max 10 and weight 2 they run to 20: a minimum of
    // 12 is reachable and valid, and it is compared with the weighted mean.
    let mut s = session(
        &[("c1", "10", "2"), ("c2", "10", "1")],
        &["a", "b", "c"],
        &["x", "y"],
    );
    s.contest.rounds[0].criteria[0].min = Some(p("12"));
    assert_eq!(giamkhao::store::validate::validate_contest(&s.contest), vec![]);
    for j in ["a", "b", "c"] {
        score(&mut s, j, "x", &["5.5", "10"]); // c1 mean 11 < 12
        score(&mut s, j, "y", &["6", "1"]); // c1 mean 12
    }
    tiers(&mut s, &[1, 1]);
    let r = last_round(&s);
    assert!(row(&r, "x").flags.contains(&Flag::BelowMinimum {
        criterion: "c1".into(),
        mean: p("11"),
        min: p("12")
    }));
    assert_eq!(row(&r, "y").award.as_deref(), Some("t1"));
    // With weight 0.5 the means run to 5 only: a minimum of 6 can never be met and is refused.
    s.contest.rounds[0].criteria[0].weight = p("0.5");
    s.contest.rounds[0].criteria[0].min = Some(p("6"));
    let problems = giamkhao::store::validate::validate_contest(&s.contest);
    assert!(
        problems.iter().any(|pr| matches!(
            pr.kind,
            giamkhao::store::ProblemKind::MinAboveMax { min, max } if min == p("6") && max == p("5")
        )),
        "{problems:?}"
    );
    // Exactly the weighted maximum is allowed.
    s.contest.rounds[0].criteria[0].min = Some(p("5"));
    assert_eq!(giamkhao::store::validate::validate_contest(&s.contest), vec![]);
}

// ---- §6 Awards ----

fn ranked_contest(scores: &[(&str, &str)]) -> Session {
    let subs: Vec<&str> = scores.iter().map(|(id, _)| *id).collect();
    let mut s = simple(&["a", "b", "c"], &subs);
    for (sub, t) in scores {
        totals(&mut s, sub, &[("a", t), ("b", t), ("c", t)]);
    }
    s
}

fn awards(r: &RoundResult) -> Vec<(String, Option<String>)> {
    r.scopes[0]
        .rows
        .iter()
        .map(|x| (x.submission.clone(), x.award.clone()))
        .collect()
}

#[test]
fn the_default_scheme_is_one_two_three_four() {
    let scores: Vec<(String, String)> = (0..12)
        .map(|i| (format!("s{i:02}"), format!("{}", 90 - i)))
        .collect();
    let refs: Vec<(&str, &str)> = scores.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = ranked_contest(&refs);
    let r = last_round(&s);
    let got: Vec<Option<&str>> = r.scopes[0].rows.iter().map(|x| x.award.as_deref()).collect();
    let expected = [
        Some("nhat"),
        Some("nhi"),
        Some("nhi"),
        Some("ba"),
        Some("ba"),
        Some("ba"),
        Some("kk"),
        Some("kk"),
        Some("kk"),
        Some("kk"),
        None,
        None,
    ];
    assert_eq!(got, expected);
}

#[test]
fn min_score_leaves_slots_vacant() {
    // t1 needs ≥ 90: nobody qualifies, so t1 stays empty and the next tier starts at the top.
    let mut s = ranked_contest(&[("x", "85"), ("y", "80"), ("z", "75")]);
    tiers(&mut s, &[1, 1]);
    s.contest.awards.tiers[0].min_score = Some(p("90"));
    let r = last_round(&s);
    assert_eq!(
        awards(&r),
        vec![
            ("x".into(), Some("t2".into())),
            ("y".into(), None),
            ("z".into(), None)
        ]
    );
    assert_eq!(
        r.scopes[0].vacant,
        vec![VacantSlots {
            tier: "t1".into(),
            slots: 1
        }]
    );
}

#[test]
fn cascade_down_moves_unfilled_slots_to_the_next_tier() {
    let mut s = ranked_contest(&[("x", "85"), ("y", "80"), ("z", "75")]);
    tiers(&mut s, &[1, 1]);
    s.contest.awards.tiers[0].min_score = Some(p("90"));
    s.contest.rules.vacancy = Vacancy::CascadeDown;
    let r = last_round(&s);
    assert_eq!(
        awards(&r),
        vec![
            ("x".into(), Some("t2".into())),
            ("y".into(), Some("t2".into())),
            ("z".into(), None)
        ]
    );
    assert!(r.scopes[0].vacant.is_empty());
}

#[test]
fn a_tie_within_capacity_is_simply_awarded() {
    // t1 ×2 and x, y tied at the top: both fit.
    let mut s = ranked_contest(&[("x", "85"), ("y", "85"), ("z", "75")]);
    tiers(&mut s, &[2, 1]);
    let r = last_round(&s);
    assert_eq!(row(&r, "x").award.as_deref(), Some("t1"));
    assert_eq!(row(&r, "y").award.as_deref(), Some("t1"));
    assert_eq!(row(&r, "z").award.as_deref(), Some("t2"));
    assert!(!r.provisional);
}

#[test]
fn a_tie_across_the_last_slot_is_provisional_until_decided() {
    // t1 ×1, t2 ×1, t3 ×1: w takes t1; x and y tie for t2's one slot. Undecided: nobody in the
    // group is awarded, the group uses the slot, and t3 goes on to z.
    let mut s = ranked_contest(&[("w", "90"), ("x", "85"), ("y", "85"), ("z", "75")]);
    tiers(&mut s, &[1, 1, 1]);
    let r = last_round(&s);
    assert!(r.provisional);
    assert_eq!(row(&r, "w").award.as_deref(), Some("t1"));
    assert_eq!(row(&r, "x").award, None);
    assert_eq!(row(&r, "y").award, None);
    assert_eq!(row(&r, "z").award.as_deref(), Some("t3"));
    let tie = &r.scopes[0].ties[0];
    assert_eq!(
        (tie.target.clone(), tie.slots, tie.members.len(), tie.rank),
        (TieTarget::Tier("t2".into()), 1, 2, 2)
    );
    assert!(row(&r, "x").flags.contains(&Flag::Tied {
        target: TieTarget::Tier("t2".into()),
        slots: 1,
        members: 2,
        settled: false
    }));
}

/// w 90, x and y 85, z 75; tiers t1, t2, t3 of one each; x and y tie for t2 and the council puts
/// y first.
fn y_put_before_x() -> Session {
    let mut s = ranked_contest(&[("w", "90"), ("x", "85"), ("y", "85"), ("z", "75")]);
    tiers(&mut s, &[1, 1, 1]);
    s.decisions.push(decision(
        "r1",
        TieTarget::Tier("t2".into()),
        &["x", "y"],
        Resolution::Order(ids(&["y", "x"])),
    ));
    s
}

#[test]
fn an_order_decision_gives_the_slot_and_the_rest_continue() {
    let r = last_round(&y_put_before_x());
    assert!(!r.provisional);
    assert_eq!(row(&r, "y").award.as_deref(), Some("t2"));
    assert_eq!(row(&r, "x").award.as_deref(), Some("t3"));
    assert_eq!(row(&r, "z").award, None);
    assert_eq!(r.scopes[0].ties[0].decision, Some(0));
    assert!(r.unused_decisions.is_empty());
}

#[test]
fn within_a_shared_rank_rows_are_listed_in_award_order() {
    // x and y tie at 85 for t2's one slot; the council orders y before x: y takes t2, x t3. Both
    // keep rank 2, and every listing shows y (t2) above x (t3), whatever their ids.
    let r = last_round(&y_put_before_x());
    assert_eq!(
        awards(&r),
        vec![
            ("w".into(), Some("t1".into())),
            ("y".into(), Some("t2".into())),
            ("x".into(), Some("t3".into())),
            ("z".into(), None),
        ]
    );
    assert_eq!((row(&r, "x").rank, row(&r, "y").rank), (Some(2), Some(2)));
}

#[test]
fn a_share_award_decision_gives_everyone_the_tier() {
    let mut s = ranked_contest(&[("w", "90"), ("x", "85"), ("y", "85"), ("z", "75")]);
    tiers(&mut s, &[1, 1, 1]);
    s.decisions.push(decision(
        "r1",
        TieTarget::Tier("t2".into()),
        &["y", "x"],
        Resolution::ShareAward,
    ));
    let r = last_round(&s);
    assert_eq!(row(&r, "x").award.as_deref(), Some("t2"));
    assert_eq!(row(&r, "y").award.as_deref(), Some("t2"));
    assert_eq!(row(&r, "z").award.as_deref(), Some("t3"));
}

#[test]
fn a_decision_for_other_members_does_not_apply() {
    // Recorded for x, y; but now x, y, v are tied. The old decision is reported unused.
    let mut s = ranked_contest(&[("w", "90"), ("x", "85"), ("y", "85"), ("v", "85")]);
    tiers(&mut s, &[1, 1]);
    s.decisions.push(decision(
        "r1",
        TieTarget::Tier("t2".into()),
        &["x", "y"],
        Resolution::Order(ids(&["x", "y"])),
    ));
    let r = last_round(&s);
    assert!(r.provisional);
    assert_eq!(r.unused_decisions, vec![0]);
}

#[test]
fn per_category_scope_awards_each_category_with_its_counts() {
    let mut s = ranked_contest(&[("a1", "90"), ("a2", "80"), ("b1", "70"), ("b2", "60")]);
    s.contest.categories = vec![
        Category {
            id: "A".into(),
            name: "Bảng A".into(),
        },
        Category {
            id: "B".into(),
            name: "Bảng B".into(),
        },
    ];
    for sub in &mut s.submissions {
        sub.category = Some(sub.id[..1].to_uppercase());
    }
    tiers(&mut s, &[1, 1]);
    s.contest.awards.scope = Scope::PerCategory;
    s.contest
        .awards
        .category_counts
        .insert("B".into(), [("t1".to_string(), 2)].into_iter().collect());
    let r = last_round(&s);
    assert_eq!(r.scopes.len(), 2);
    assert_eq!(row(&r, "a1").award.as_deref(), Some("t1"));
    assert_eq!(row(&r, "a2").award.as_deref(), Some("t2"));
    assert_eq!(row(&r, "b1").award.as_deref(), Some("t1"));
    assert_eq!(row(&r, "b2").award.as_deref(), Some("t1"));
    assert_eq!(row(&r, "b1").rank, Some(1));
}

// ---- §7 Rounds and advancement ----

fn two_rounds() -> Session {
    let mut s = ranked_contest(&[("w", "90"), ("x", "85"), ("y", "85"), ("z", "75")]);
    let mut second = s.contest.rounds[0].clone();
    second.id = "r2".into();
    second.name = "Chung khảo".into();
    s.contest.rounds[0].name = "Sơ khảo".into();
    s.contest.rounds[0].advancement = Some(Advancement {
        top_n: 2,
        min_score: None,
        scope: Scope::Overall,
    });
    s.contest.rounds.push(second);
    tiers(&mut s, &[1, 1]);
    s
}

#[test]
fn only_advanced_submissions_are_scored_in_the_next_round() {
    let mut s = two_rounds();
    s.decisions.push(decision(
        "r1",
        TieTarget::Advancement,
        &["x", "y"],
        Resolution::Order(ids(&["x", "y"])),
    ));
    for sub in ["w", "x", "y"] {
        let t = if sub == "x" { "95" } else { "70" };
        for j in ["a", "b", "c"] {
            score_in(&mut s, "r2", j, sub, &[t]);
        }
    }
    let results = giamkhao::scoring::compute(&s);
    assert_eq!(results.len(), 2);
    assert_eq!(row(&results[0], "w").advanced, Some(true));
    assert_eq!(row(&results[0], "x").advanced, Some(true));
    assert_eq!(row(&results[0], "y").advanced, Some(false));
    assert_eq!(row(&results[0], "z").advanced, Some(false));
    // Round 2 has only w and x; y's sheets there are not considered.
    let final_rows: Vec<&str> = results[1].scopes[0]
        .rows
        .iter()
        .map(|r| r.submission.as_str())
        .collect();
    assert_eq!(final_rows, vec!["x", "w"]);
    assert_eq!(row(&results[1], "x").award.as_deref(), Some("t1"));
    assert!(!results[1].provisional);
}

#[test]
fn a_tie_across_the_cut_needs_a_decision_and_can_advance_all() {
    let mut s = two_rounds();
    let results = giamkhao::scoring::compute(&s);
    assert!(results[0].provisional);
    assert!(
        results[1].provisional,
        "a later round is provisional while the cut is undecided"
    );
    assert_eq!(row(&results[0], "x").advanced, Some(false));
    s.decisions.push(decision(
        "r1",
        TieTarget::Advancement,
        &["x", "y"],
        Resolution::AdvanceAll,
    ));
    let results = giamkhao::scoring::compute(&s);
    assert!(!results[0].provisional);
    let advanced: Vec<&str> = results[0].scopes[0]
        .rows
        .iter()
        .filter(|r| r.advanced == Some(true))
        .map(|r| r.submission.as_str())
        .collect();
    assert_eq!(advanced, vec!["w", "x", "y"]);
}
