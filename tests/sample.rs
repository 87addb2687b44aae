//! The bundled sample's expected results, as written in docs/sample.md: who wins what, and every
//! case it exercises on purpose.

use std::path::Path;

use giamkhao::model::*;
use giamkhao::store;

fn sample() -> Session {
    store::load_session(Path::new("assets/samples/hai-phong-2023.ron")).expect("sample loads")
}

#[test]
fn the_sample_awards_are_as_documented() {
    let s = sample();
    let r = giamkhao::scoring::compute(&s).pop().expect("round");
    assert!(!r.provisional);
    let awarded: Vec<(&str, &str)> = r.scopes[0]
        .rows
        .iter()
        .filter_map(|x| x.award.as_deref().map(|a| (x.submission.as_str(), a)))
        .collect();
    assert_eq!(
        awarded,
        vec![
            ("DA07", "nhat"),
            ("DA11", "nhi"),
            ("DA03", "nhi"),
            ("DA17", "ba"),
            ("DA05", "ba"),
            ("DA14", "ba"),
            ("DA20", "kk"),
            ("DA02", "kk"),
            ("DA22", "kk"),
            ("DA06", "kk"),
        ]
    );
    let score = |id: &str| r.row(id).and_then(|x| x.score).map(|p| p.to_string());
    assert_eq!(score("DA07").as_deref(), Some("87.33"));
    assert_eq!(score("DA03"), score("DA17"));
    assert_eq!(score("DA14").as_deref(), Some("74.58"));
    assert_eq!(score("DA14"), score("DA20"));
}

#[test]
fn the_sample_exercises_each_case() {
    let s = sample();
    let r = giamkhao::scoring::compute(&s).pop().expect("round");
    let flags = |id: &str| r.row(id).expect("row").flags.clone();
    // A judge from the submission's own university (written in capitals with stray spaces).
    assert!(flags("DA05").contains(&Flag::Conflict {
        judge: "gk1".into(),
        kind: ConflictKind::SameOrganization,
        had_scores: true
    }));
    assert_eq!(r.row("DA05").expect("row").sheets_counted, 5);
    // A recusal with its reason.
    assert!(flags("DA12").iter().any(
        |f| matches!(f, Flag::Conflict { judge, kind: ConflictKind::Recused(_), .. } if judge == "gk4")
    ));
    // Chênh lệch: judge gk3 gave DA09 50 against an average of 71.
    assert!(flags("DA09").contains(&Flag::NeedsDiscussion {
        judge: "gk3".into(),
        total: Points::from_int(50),
        mean: Points::from_int(71)
    }));
    // A tie broken by the chain: DA03 over DA17 on the first criterion, across Nhì / Ba.
    assert!(flags("DA03").contains(&Flag::TieBroken {
        other: "DA17".into(),
        criterion: "tc1".into(),
        ahead: true
    }));
    // A tie across the Ba boundary settled by the recorded decision.
    let tie = &r.scopes[0].ties[0];
    assert_eq!(tie.members, vec!["DA14".to_string(), "DA20".to_string()]);
    assert_eq!((tie.slots, tie.rank, tie.decision), (1, 6, Some(0)));
    assert_eq!(
        s.decisions[0].resolution,
        Resolution::Order(vec!["DA14".into(), "DA20".into()])
    );
}

#[test]
fn the_sample_file_is_unsealed_and_keeps_no_results_but_its_scores() {
    let s = sample();
    assert!(s.seal.is_none());
    assert!(
        s.results.is_empty(),
        "results are computed from the scores, not stored"
    );
    assert!(!giamkhao::scoring::compute(&s).is_empty());
    assert!(store::validate_session(&s).is_empty());
}

#[test]
fn without_the_decision_the_sample_is_provisional() {
    let mut s = sample();
    s.decisions.clear();
    let r = giamkhao::scoring::compute(&s).pop().expect("round");
    assert!(r.provisional);
    assert_eq!(r.row("DA14").expect("row").award, None);
    assert_eq!(r.row("DA20").expect("row").award, None);
    // The group used the Ba slot; Khuyến khích continues after it.
    let kk: Vec<&str> = r.scopes[0]
        .rows
        .iter()
        .filter(|x| x.award.as_deref() == Some("kk"))
        .map(|x| x.submission.as_str())
        .collect();
    assert_eq!(kk, vec!["DA02", "DA22", "DA06", "DA09"]);
}
