//! Files: clear errors with file, line and column; newer versions refused; every validation problem
//! listed; nothing on disk touched by a failed load; merge by revision with conflicts reported and
//! audited; packets that hold no other judge's scores.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use giamkhao::model::*;
use giamkhao::store::{self, LoadError, MergeError, ProblemKind};
use giamkhao::text::{self, Lang};

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

fn sample() -> Session {
    store::load_session(Path::new(SAMPLE)).expect("sample loads")
}

#[test]
fn a_syntax_error_names_file_line_and_column_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hong.ron");
    let text = fs::read_to_string(SAMPLE).unwrap();
    // Break line 5: drop the closing quote of the contest id.
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 4 {
                l.replacen("\",", ",", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&path, &broken).unwrap();
    let err = store::load_session(&path).unwrap_err();
    let LoadError::Syntax { line, column, .. } = &err else {
        panic!("not a syntax error: {err:?}")
    };
    assert!(*line >= 5, "line {line}");
    assert!(*column > 0);
    let vi = text::load_error(&err, Lang::Vi);
    assert!(
        vi.contains("hong.ron") && vi.contains(&format!("dòng {line}")) && vi.contains("cột"),
        "{vi}"
    );
    let en = text::load_error(&err, Lang::En);
    assert!(
        en.contains(&format!("line {line}")) && en.contains("column"),
        "{en}"
    );
    // The file was not touched.
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_wrong_type_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kieu.ron");
    let text = fs::read_to_string(SAMPLE)
        .unwrap()
        .replacen("decimals: 2,", "decimals: \"hai\",", 1);
    fs::write(&path, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("decimals: \"hai\""))
        .unwrap()
        + 1;
    match store::load_session(&path).unwrap_err() {
        LoadError::Syntax { line: l, .. } => assert_eq!(l, line),
        e => panic!("{e:?}"),
    }
}

#[test]
fn a_newer_format_is_refused_with_that_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moi.ron");
    let text = fs::read_to_string(SAMPLE).unwrap().replacen(
        "version: 1,",
        "version: 7,\n  future_field: (x: 1),",
        1,
    );
    fs::write(&path, &text).unwrap();
    let err = store::load_session(&path).unwrap_err();
    assert_eq!(
        err,
        LoadError::NewerVersion {
            path: path.clone(),
            found: 7,
            supported: FORMAT_VERSION
        }
    );
    assert!(text::load_error(&err, Lang::Vi).contains("phiên bản giamkhao mới hơn"));
}

#[test]
fn foreign_files_and_wrong_kinds_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("khac.ron");
    fs::write(&foreign, "(name: \"không phải giamkhao\", items: [1, 2])").unwrap();
    assert!(matches!(
        store::load_session(&foreign),
        Err(LoadError::NotGiamkhao { .. })
    ));
    let json = dir.path().join("khac.json");
    fs::write(&json, "{\"a\": 1}").unwrap();
    assert!(matches!(
        store::load_session(&json),
        Err(LoadError::NotGiamkhao { .. })
    ));
    let sheet = dir.path().join("phieu.ron");
    store::save_scoresheet(&sheet, &ScoresheetFile::new(sample().scoresheets[0].clone())).unwrap();
    assert_eq!(
        store::load_session(&sheet).unwrap_err(),
        LoadError::WrongKind {
            path: sheet.clone(),
            expected: FileKind::Session,
            found: FileKind::Scoresheet
        }
    );
}

#[test]
fn validation_lists_every_problem_with_where_it_is() {
    let mut s = sample();
    s.submissions[1].id = s.submissions[0].id.clone(); // duplicate id
    s.contest.rounds[0].criteria[2].weight = Points::ZERO; // weight ≤ 0
    s.contest.awards.tiers[3].count = -1; // negative count
    let entry = &mut s.scoresheets[0].entries[2];
    entry.scores.insert("tc1".into(), p("25")); // above max 20
    entry.scores.insert("tc2".into(), p("7.25")); // off step 0.5
    entry.scores.insert("tc3".into(), p("-1")); // negative
    entry.scores.insert("tcX".into(), p("1")); // unknown criterion
    s.scoresheets[1].entries[0].submission = "DA99".into(); // unknown submission
    s.scoresheets[2].judge = "gk9".into(); // unknown judge
    let problems = store::validate_session(&s);
    let kinds: Vec<&ProblemKind> = problems.iter().map(|p| &p.kind).collect();
    let has = |f: &dyn Fn(&ProblemKind) -> bool| kinds.iter().any(|k| f(k));
    assert!(has(&|k| matches!(
        k,
        ProblemKind::DuplicateId {
            what: "submission",
            ..
        }
    )));
    assert!(has(&|k| matches!(k, ProblemKind::WeightNotPositive(_))));
    assert!(has(&|k| matches!(k, ProblemKind::NegativeCount(-1))));
    assert!(has(&|k| matches!(k, ProblemKind::ScoreAboveMax { .. })));
    assert!(has(&|k| matches!(k, ProblemKind::ScoreOffStep { .. })));
    assert!(has(&|k| matches!(k, ProblemKind::ScoreNegative(_))));
    assert!(has(
        &|k| matches!(k, ProblemKind::UnknownCriterion(c) if c == "tcX")
    ));
    assert!(has(
        &|k| matches!(k, ProblemKind::UnknownSubmission(c) if c == "DA99")
    ));
    assert!(has(&|k| matches!(k, ProblemKind::UnknownJudge(c) if c == "gk9")));
    // Each says where: the score above max names the sheet, the entry and the criterion.
    let above = problems
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::ScoreAboveMax { .. }))
        .unwrap();
    let words = text::problem(above, Lang::Vi);
    assert!(
        words.contains("gk1") && words.contains("DA03") && words.contains("tc1") && words.contains("25"),
        "{words}"
    );
    assert!(text::problem(above, Lang::En).contains("above the maximum 20"));

    // Loading such a file fails with all of them and leaves it as it was.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loi.ron");
    let text = giamkhao::store::files::to_text(&s, giamkhao::store::Format::Ron).unwrap();
    fs::write(&path, &text).unwrap();
    match store::load_session(&path) {
        Err(LoadError::Invalid { problems: listed, .. }) => assert_eq!(listed.len(), problems.len()),
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn saving_is_atomic_keeps_a_backup_and_stores_results_only_once_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    let mut s = sample();
    // Results an older version stored are not written again: they are computed from the scores.
    s.results = giamkhao::scoring::compute(&s);
    store::save_session(&path, &mut s).unwrap();
    let first = fs::read_to_string(&path).unwrap();
    assert!(
        !first.contains("results:"),
        "an unsealed session stores no results"
    );
    assert!(s.results.is_empty());
    s.contest.name.push_str(" — sửa");
    store::save_session(&path, &mut s).unwrap();
    assert_eq!(
        fs::read_to_string(store::atomic::backup_path(&path)).unwrap(),
        first
    );
    assert_eq!(store::load_session(&path).unwrap(), s);
    // Sealed, the published results are kept in the file: the seal covers them.
    let mut sealed = sample();
    store::seal::seal(&mut sealed, "Lê Văn Chủ Tịch", jiff::Timestamp::now()).unwrap();
    store::save_session(&path, &mut sealed).unwrap();
    let read = store::load_session(&path).unwrap();
    assert!(!read.results.is_empty());
    assert_eq!(read.results, giamkhao::scoring::compute(&read));
    assert!(matches!(
        store::seal::seal_state(&read),
        store::seal::SealState::Intact(_)
    ));
}

fn sheet_of(s: &Session, judge: &str) -> Scoresheet {
    s.sheet("chung-khao", judge).unwrap().clone()
}

#[test]
fn merge_takes_higher_revisions_and_reports_conflicts() {
    let mut session = sample();
    let audit_before = session.audit.len();
    let mut sheet = sheet_of(&session, "gk2");
    // DA01: a newer revision with a changed score → taken.
    sheet.entries[0].scores.insert("tc1".into(), p("19"));
    sheet.entries[0].revision += 1;
    // DA02: same revision, different content → conflict, never overwritten.
    sheet.entries[1].scores.insert("tc1".into(), p("1"));
    // DA04: an older revision → the session's newer one is kept.
    let old_rev = sheet.entries[3].revision;
    session.scoresheets[1].entries[3].revision = old_rev + 5;
    let at = "2023-11-25T01:00:00Z".parse().unwrap();
    let report = store::merge_sheet(&mut session, &sheet, "thư ký", "gk2.ron", at).unwrap();
    assert_eq!(report.updated, vec![("DA01".to_string(), 1, 2)]);
    assert_eq!(report.conflicts, vec![("DA02".to_string(), 1)]);
    assert_eq!(
        report.kept_newer,
        vec![("DA04".to_string(), old_rev + 5, old_rev)]
    );
    let merged = sheet_of(&session, "gk2");
    assert_eq!(merged.entries[0].scores["tc1"], p("19"));
    assert_ne!(merged.entries[1].scores["tc1"], p("1"));
    // The change is audited with old and new values.
    let new_audit = &session.audit[audit_before..];
    let change = new_audit.iter().find(|a| a.kind == AuditKind::Score).unwrap();
    assert!(change.target.contains("gk2") && change.target.contains("DA01") && change.target.contains("tc1"));
    assert_eq!(change.new.as_deref(), Some("19"));
    assert_eq!(change.by, "thư ký");
    assert!(new_audit.iter().any(|a| a.kind == AuditKind::Merge));
}

#[test]
fn merge_refuses_other_contests_unknown_judges_and_bad_scores_whole() {
    let mut session = sample();
    let before = session.clone();
    let at = "2023-11-25T01:00:00Z".parse().unwrap();
    let mut other = sheet_of(&session, "gk1");
    other.contest_id = "khac".into();
    assert!(matches!(
        store::merge_sheet(&mut session, &other, "x", "a.ron", at),
        Err(MergeError::OtherContest { .. })
    ));
    let mut stranger = sheet_of(&session, "gk1");
    stranger.judge = "gk42".into();
    assert_eq!(
        store::merge_sheet(&mut session, &stranger, "x", "b.ron", at),
        Err(MergeError::UnknownJudge("gk42".into()))
    );
    let mut bad = sheet_of(&session, "gk1");
    bad.entries[0].revision += 1;
    bad.entries[5].revision += 1;
    bad.entries[5].scores.insert("tc1".into(), p("21"));
    assert!(matches!(
        store::merge_sheet(&mut session, &bad, "x", "c.ron", at),
        Err(MergeError::Invalid(_))
    ));
    assert_eq!(session, before, "nothing half-merged");
}

#[test]
fn a_packet_holds_only_that_judges_own_scores() {
    let session = sample();
    let packet = store::make_packet(&session, "gk3", None).unwrap();
    assert_eq!(packet.judge, "gk3");
    assert_eq!(packet.round, "chung-khao");
    assert_eq!(packet.sheet.judge, "gk3");
    assert_eq!(packet.submissions.len(), 24);
    // No other judge's score anywhere in the file.
    let text = giamkhao::store::files::to_text(&packet, giamkhao::store::Format::Ron).unwrap();
    assert!(!text.contains("results"));
    for other in session.scoresheets.iter().filter(|s| s.judge != "gk3") {
        assert!(!text.contains(&format!("judge: \"{}\"", other.judge)));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gk3.ron");
    store::save_packet(&path, &packet).unwrap();
    assert_eq!(store::load_packet(&path).unwrap(), packet);
    assert!(matches!(
        store::make_packet(&session, "gk99", None),
        Err(store::PacketError::UnknownJudge(_))
    ));
}

fn assigned(s: &mut Session, judge: &str, submissions: &[&str]) {
    s.contest.rounds[0].assignments.push(Assignment {
        judge: judge.into(),
        submissions: submissions.iter().map(|x| x.to_string()).collect(),
        locked: Vec::new(),
    });
}

fn entry(submission: &str, score: &str, revision: u32) -> SheetEntry {
    SheetEntry {
        submission: submission.into(),
        scores: [("c".into(), p(score))].into(),
        revision,
        ..Default::default()
    }
}

fn sheet(s: &Session, judge: &str, entries: Vec<SheetEntry>) -> Scoresheet {
    Scoresheet {
        contest_id: s.contest.id.clone(),
        round: "r1".into(),
        judge: judge.into(),
        entries,
    }
}

#[test]
fn merge_refuses_scores_for_projects_not_assigned_to_that_judge() {
    let mut session = simple(&["a", "b"], &["P1", "P2", "P3", "P4"]);
    assigned(&mut session, "a", &["P1", "P2"]);
    assigned(&mut session, "b", &["P3", "P4"]);
    let at = "2023-11-25T01:00:00Z".parse().unwrap();
    // Judge a's sheet carries the maximum for two projects judge b scores.
    let forged = sheet(
        &session,
        "a",
        vec![entry("P1", "60", 1), entry("P3", "100", 1), entry("P4", "100", 1)],
    );
    let report = store::merge_sheet(&mut session, &forged, "Trần Văn Thư", "a.ron", at).unwrap();
    assert_eq!(report.added, vec!["P1".to_string()]);
    assert_eq!(
        report.refused,
        vec![
            ("P3".to_string(), store::merge::EntryRefusal::NotAssigned),
            ("P4".to_string(), store::merge::EntryRefusal::NotAssigned),
        ]
    );
    let merged = session.sheet("r1", "a").unwrap();
    assert_eq!(
        merged.entries.len(),
        1,
        "only the assigned entry is in the session"
    );
    assert!(
        !session
            .audit
            .iter()
            .any(|e| e.target.contains("P3") || e.target.contains("P4"))
    );
    let names = text::Names::of(&session);
    let vi = text::merge_details(&report, &names, Lang::Vi).join("\n");
    let en = text::merge_details(&report, &names, Lang::En).join("\n");
    assert!(
        vi.contains("KHÔNG GỘP") && vi.contains("không được phân công"),
        "{vi}"
    );
    assert!(en.contains("NOT MERGED") && en.contains("not assigned"), "{en}");
}

#[test]
fn a_revision_cannot_leap_ahead_and_lock_out_later_corrections() {
    let mut session = simple(&["a"], &["P1", "P2"]);
    let at = "2023-11-25T01:00:00Z".parse().unwrap();
    let first = sheet(&session, "a", vec![entry("P1", "50", 2)]);
    store::merge_sheet(&mut session, &first, "Trần Văn Thư", "a.ron", at).unwrap();
    // u32::MAX is no revision a sheet can reach: the sheet is refused whole, as a broken file.
    let locked = sheet(&session, "a", vec![entry("P1", "99", u32::MAX)]);
    assert!(matches!(
        store::merge_sheet(&mut session, &locked, "Trần Văn Thư", "b.ron", at),
        Err(MergeError::Invalid(p)) if p.iter().any(|p| matches!(p.kind, ProblemKind::RevisionOutOfRange { .. }))
    ));
    // A leap far beyond the session's revision is refused for that entry, with the reason.
    let leap = sheet(
        &session,
        "a",
        vec![entry("P1", "99", 2 + 50_000), entry("P2", "40", 70_000)],
    );
    let report = store::merge_sheet(&mut session, &leap, "Trần Văn Thư", "c.ron", at).unwrap();
    assert_eq!(
        report.refused,
        vec![
            (
                "P1".to_string(),
                store::merge::EntryRefusal::RevisionLeap { from: 2, to: 50_002 }
            ),
            (
                "P2".to_string(),
                store::merge::EntryRefusal::RevisionLeap { from: 0, to: 70_000 }
            ),
        ]
    );
    assert!(!report.changed());
    // The judge's real correction (one revision on) still lands.
    let correction = sheet(&session, "a", vec![entry("P1", "55", 3)]);
    let report = store::merge_sheet(&mut session, &correction, "Trần Văn Thư", "d.ron", at).unwrap();
    assert_eq!(report.updated, vec![("P1".to_string(), 2, 3)]);
    assert_eq!(session.sheet("r1", "a").unwrap().entries[0].scores["c"], p("55"));
    let vi = text::merge_details(&report_of_leap(), &text::Names::of(&session), Lang::Vi).join("\n");
    assert!(vi.contains("bản 2 → 50.002"), "{vi}");
}

fn report_of_leap() -> store::MergeReport {
    store::MergeReport {
        refused: vec![(
            "P1".into(),
            store::merge::EntryRefusal::RevisionLeap { from: 2, to: 50_002 },
        )],
        ..Default::default()
    }
}

/// The sample with the first score of its first sheet (line 733, `"tc1": 14.0,`) replaced.
fn sample_with_first_score(replacement: &str) -> String {
    let text = fs::read_to_string(SAMPLE).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[732].trim(), "\"tc1\": 14.0,", "the sample moved");
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[732] = format!("            {replacement}");
    out.join("\n")
}

#[test]
fn scores_are_read_from_their_decimal_text_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    // 14.4999999999 was read through a float, taken for 14.5 and accepted.
    for (value, column) in [("14.4999999999", 20), ("14.50000000001", 20), ("1.45e1", 20)] {
        fs::write(&path, sample_with_first_score(&format!("\"tc1\": {value},"))).unwrap();
        let err = store::load_session(&path).unwrap_err();
        let LoadError::Syntax {
            line, column: col, ..
        } = &err
        else {
            panic!("{value} accepted: {err:?}")
        };
        assert_eq!((*line, *col), (733, column), "{value}");
        let vi = text::load_error(&err, Lang::Vi);
        assert!(
            vi.contains("dòng 733") && vi.contains(value) && vi.contains("2 chữ số thập phân"),
            "{vi}"
        );
        let en = text::load_error(&err, Lang::En);
        assert!(
            en.contains("line 733") && en.contains(value) && en.contains("2 decimal places"),
            "{en}"
        );
    }
    // The same value written plainly, with trailing zeros or a decimal comma's neighbour, is fine.
    for (value, exact) in [
        ("14.5", "14.5"),
        ("14.50", "14.5"),
        ("14.5000000", "14.5"),
        ("14", "14"),
    ] {
        fs::write(&path, sample_with_first_score(&format!("\"tc1\": {value},"))).unwrap();
        let s = store::load_session(&path).unwrap_or_else(|e| panic!("{value}: {e:?}"));
        assert_eq!(s.scoresheets[0].entries[0].scores["tc1"], p(exact));
    }
    // Three decimals are exact but not a score: validation says so.
    fs::write(&path, sample_with_first_score("\"tc1\": 14.125,")).unwrap();
    assert!(matches!(
        store::load_session(&path),
        Err(LoadError::Invalid { problems, .. })
            if problems.iter().any(|p| matches!(p.kind, ProblemKind::TooManyDecimals { .. }))
    ));
}

#[test]
fn a_key_given_twice_is_refused_not_taken_at_its_last_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    fs::write(&path, sample_with_first_score("\"tc1\": 14.0, \"tc1\": 20.0,")).unwrap();
    let err = store::load_session(&path).unwrap_err();
    let LoadError::Syntax { line, .. } = &err else {
        panic!("a duplicate key was accepted: {err:?}")
    };
    assert!((733..=740).contains(line), "line {line}");
    let vi = text::load_error(&err, Lang::Vi);
    assert!(
        vi.contains("khóa") && vi.contains("tc1") && vi.contains("hai lần"),
        "{vi}"
    );
    let en = text::load_error(&err, Lang::En);
    assert!(en.contains("tc1") && en.contains("twice"), "{en}");
    // In JSON too, for maps and for fields.
    let json = dir.path().join("phieu.json");
    fs::write(
        &json,
        r#"{"kind": "Scoresheet", "version": 1, "version": 1, "sheet": {"contest_id": "x", "round": "r", "judge": "j"}}"#,
    )
    .unwrap();
    let err = store::load_scoresheet(&json).unwrap_err();
    assert!(text::load_error(&err, Lang::En).contains("twice"), "{err:?}");
}

/// A session loaded, then changed on disk by someone else before it is saved back: the save is
/// refused in both languages, their file stays, and a save that expects their version goes through.
#[test]
fn a_session_changed_on_disk_since_it_was_loaded_is_not_overwritten() {
    use giamkhao::store::atomic::Expect;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    fs::copy(SAMPLE, &path).unwrap();
    let (mut mine, stamp) = store::files::load_session_stamped(&path).unwrap();
    mine.contest.place = "Nhà hát Thành phố".into();
    // Someone else saves first.
    let (mut theirs, _) = store::files::load_session_stamped(&path).unwrap();
    theirs.contest.organizer = "Người khác".into();
    store::save_session(&path, &mut theirs).unwrap();
    let on_disk = fs::read(&path).unwrap();

    let error =
        store::files::save_session_expecting(&path, &mut mine, Expect::Unchanged(&stamp)).unwrap_err();
    assert!(matches!(
        error,
        LoadError::Write {
            cause: store::files::WriteCause::Changed,
            ..
        }
    ));
    let vi = text::load_error(&error, Lang::Vi);
    assert!(
        vi.contains("phien.ron") && vi.contains("đã bị thay đổi") && vi.contains("vẫn nguyên vẹn"),
        "{vi}"
    );
    let en = text::load_error(&error, Lang::En);
    assert!(
        en.contains("phien.ron") && en.contains("was changed by someone else"),
        "{en}"
    );
    assert_eq!(fs::read(&path).unwrap(), on_disk, "theirs is kept");
    // Unchanged since it was read: saved, and the stamp returned is what the next save expects.
    let (mut again, stamp) = store::files::load_session_stamped(&path).unwrap();
    again.contest.place = "Nhà hát Thành phố".into();
    let next = store::files::save_session_expecting(&path, &mut again, Expect::Unchanged(&stamp)).unwrap();
    let saved = store::load_session(&path).unwrap();
    assert_eq!(
        (saved.contest.place.as_str(), saved.contest.organizer.as_str()),
        ("Nhà hát Thành phố", "Người khác")
    );
    again.contest.date = None;
    store::files::save_session_expecting(&path, &mut again, Expect::Unchanged(&next)).unwrap();
}

/// Every text of a file has a cap (store/limits.rs): a session whose contest name is a million
/// characters long is refused at load with one problem naming the field, its length and the cap —
/// the other checks are not run, as they would quote it. Before the caps it loaded, and a 500 MB name
/// made the PDF export run for more than five minutes.
#[test]
fn a_text_over_its_cap_fails_validation_naming_the_field_its_length_and_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut long = sample();
    long.contest.name = "Tìm kiếm tài năng ".repeat(55_556);
    let length = long.contest.name.chars().count();
    assert!(length > 1_000_000);
    let path = dir.path().join("ten-dai.ron");
    fs::write(&path, store::files::to_text(&long, store::Format::Ron).unwrap()).unwrap();
    let start = std::time::Instant::now();
    let Err(LoadError::Invalid { problems, .. }) = store::load_session(&path) else {
        panic!("a contest name of {length} characters loaded");
    };
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].kind,
        ProblemKind::TooLong {
            field: store::limits::TextField::ContestName,
            length,
            max: 300
        }
    );
    assert_eq!(
        text::problem(&problems[0], Lang::Vi),
        "cuộc thi: tên cuộc thi dài 1.000.008 ký tự, vượt giới hạn 300 ký tự"
    );
    assert_eq!(
        text::problem(&problems[0], Lang::En),
        "contest: the contest name is 1,000,008 characters long, over the limit of 300"
    );

    // A judge's comment in a packet, and a recusal reason in a handed-in sheet, say where they are;
    // an id too long to be one is quoted shortened.
    let s = sample();
    let judge = s.scoresheets[0].judge.clone();
    let mut packet = store::make_packet(&s, &judge, None).unwrap();
    packet.sheet.entries[0].comment = "Rất tốt. ".repeat(700);
    let submission = packet.sheet.entries[0].submission.clone();
    let problems = store::validate::validate_packet(&packet);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        text::problem(&problems[0], Lang::Vi).ends_with(&format!(
            "› dự án «{submission}»: nhận xét dài 6.300 ký tự, vượt giới hạn 5.000 ký tự"
        )),
        "{}",
        text::problem(&problems[0], Lang::Vi)
    );
    let mut file = ScoresheetFile::new(s.scoresheets[0].clone());
    file.sheet.entries[0].recusal = Some("x".repeat(2_001));
    file.sheet.entries[0].submission = "D".repeat(100);
    let problems = store::validate::validate_scoresheet_file(&file);
    let words: Vec<String> = problems.iter().map(|p| text::problem(p, Lang::Vi)).collect();
    let shortened = format!("dự án «{}…»", "D".repeat(64));
    assert!(
        words
            .iter()
            .any(|w| w.contains(&shortened) && w.ends_with("mã dài 100 ký tự, vượt giới hạn 64 ký tự")),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .any(|w| w.ends_with("lý do rút khỏi chấm dài 2.001 ký tự, vượt giới hạn 2.000 ký tự")),
        "{words:?}"
    );
}

/// The caps leave what real contests hold alone: the bundled sample, and a generated contest of 2,000
/// submissions, every text of which is checked.
#[test]
fn the_caps_leave_real_contests_alone() {
    assert_eq!(store::limits::session(&sample()), vec![]);
    let generated = giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 2_000,
        judges: 40,
        per_submission: 5,
        criteria: 8,
        seed: 11,
    });
    assert_eq!(store::limits::session(&generated), vec![]);
}

/// A judge's preferred fields, the fields they do not judge, and the locked cells of an assignment
/// are capped like every other text (issue 16 added them): a field of 100,000 characters or a
/// locked id of 10,000 is refused at load, naming where it is.
#[test]
fn a_judges_fields_and_locked_cells_are_capped_like_every_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut long = sample();
    long.contest.judges[0].expertise = vec!["logistics ".repeat(10_000)];
    long.contest.judges[1].avoid = vec!["du lịch".into()];
    long.contest.rounds[0].assignments = vec![Assignment {
        judge: long.contest.judges[1].id.clone(),
        submissions: vec![long.submissions[0].id.clone()],
        locked: vec!["x".repeat(10_000)],
    }];
    let path = dir.path().join("dai.ron");
    fs::write(&path, store::files::to_text(&long, store::Format::Ron).unwrap()).unwrap();
    let Err(LoadError::Invalid { problems, .. }) = store::load_session(&path) else {
        panic!("loaded");
    };
    let fields: Vec<_> = problems
        .iter()
        .filter_map(|p| match &p.kind {
            ProblemKind::TooLong { field, .. } => Some(*field),
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            store::limits::TextField::CategoryName,
            store::limits::TextField::Id
        ],
        "{problems:?}"
    );
}
