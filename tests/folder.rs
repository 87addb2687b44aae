//! The contest folder without a sync engine: judges' laptops write revision files, the organizer's
//! side follows the folder, and every fault a sync engine or a person can leave there — a truncated
//! file, a file written in two steps, a conflict copy, the same revision with other content, an old
//! revision arriving late, another judge's key, no signature, another contest, the folder gone and
//! back — loses nothing, counts nothing twice, and is said in words.

use std::fs;
use std::path::{Path, PathBuf};

use giamkhao::edit::{self, Doc, Edit};
use giamkhao::model::{AuditKind, FolderLink, JudgePacket, Points, Session};
use giamkhao::store::folder::{self, Aside, Follow, Seen};
use giamkhao::store::merge::MergeError;
use giamkhao::store::{self, signing};
use giamkhao::text::{self, Lang};

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";
const ROUND: &str = "chung-khao";
const ORGANIZER: &str = "Nguyễn Thị Lan";

fn at(minute: u32) -> jiff::Timestamp {
    format!("2026-12-01T09:{minute:02}:00Z").parse().unwrap()
}

/// A judge's laptop: their packet joined to the folder, and the laptop's key.
struct Laptop {
    packet: JudgePacket,
    key: ed25519_dalek::SigningKey,
    /// The packet with no log, put in its place while an edit is applied (so that a long log is
    /// never copied).
    blank: JudgePacket,
}

impl Laptop {
    fn new(session: &Session, judge: &str, folder: &Path, seed: u8) -> Laptop {
        let mut packet = store::make_packet(session, judge, Some(ROUND)).unwrap();
        packet.folder = Some(FolderLink {
            path: folder.to_string_lossy().into(),
            revision: None,
            log_written: 0,
        });
        Laptop {
            blank: packet.clone(),
            packet,
            key: ed25519_dalek::SigningKey::from_bytes(&[seed; 32]),
        }
    }

    fn print(&self) -> String {
        signing::fingerprint(self.key.verifying_key().as_bytes())
    }

    /// Types a score, as the app does (through the edit engine), and writes the new revision.
    fn score(&mut self, submission: &str, criterion: &str, value: &str) -> PathBuf {
        let judge = self.packet.judge.clone();
        let name = self.packet.contest.judge(&judge).unwrap().name.clone();
        let mut doc = Doc::Packet(std::mem::replace(&mut self.packet, self.blank.clone()));
        edit::apply(
            &mut doc,
            Edit::Score {
                round: ROUND.into(),
                judge: judge.clone(),
                submission: submission.into(),
                criterion: criterion.into(),
                value: Some(Points::parse(value).unwrap()),
            },
            &format!("{name} ({judge})"),
            "app",
            jiff::Timestamp::now(),
        )
        .unwrap();
        let Doc::Packet(p) = doc else { unreachable!() };
        self.packet = p;
        folder::publish(&mut self.packet, Some(&self.key))
            .unwrap()
            .unwrap()
    }
}

fn sample() -> Session {
    store::load_session(Path::new(SAMPLE)).unwrap()
}

/// Binds a judge to a key through the edit engine, as the organizer confirming it does.
fn bind(session: &mut Session, judge: &str, print: &str) {
    let edit = edit::bind_key(&session.contest, judge, print).unwrap();
    let mut doc = Doc::Session(session.clone());
    edit::apply(&mut doc, edit, ORGANIZER, "app", at(0)).unwrap();
    let Doc::Session(s) = doc else { unreachable!() };
    *session = s;
}

fn score_of(session: &Session, judge: &str, submission: &str, criterion: &str) -> Option<String> {
    let sheet = session.sheet(ROUND, judge)?;
    let entry = sheet.entries.iter().find(|e| e.submission == submission)?;
    entry.scores.get(criterion).map(|p| p.to_string())
}

/// Every file in the folder and its bytes, to show nothing was deleted or changed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            } else {
                out.push((e.path(), fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The words said for each change, in both languages.
fn said(session: &Session, step: &folder::Step) -> Vec<String> {
    let names = text::Names::of(session);
    step.changes
        .iter()
        .flat_map(|c| [Lang::Vi, Lang::En].map(|lang| text::folder::folder_change(c, &names, lang)))
        .collect()
}

#[test]
fn a_judges_scores_written_to_the_folder_are_merged_once_by_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk6", &gk6.print());
    let first = gk6.score("DA01", "tc1", "3");
    let second = gk6.score("DA02", "tc1", "4");
    // Each revision is a new file in the judge's own subfolder, named by round, revision and key.
    assert_eq!(first.parent(), second.parent());
    assert_eq!(first.parent().unwrap(), dir.path().join("gk6"));
    assert_ne!(first, second);
    let name = second.file_name().unwrap().to_string_lossy().to_string();
    let prefix = format!("chung-khao-r{:07}-", folder::sheet_revision(&gk6.packet.sheet));
    assert!(name.starts_with(&prefix) && name.ends_with(".gkphieu"), "{name}");
    // The second file carries only the log entries since the first.
    let file = store::load_scoresheet(&second).unwrap();
    assert_eq!(file.audit.len(), 1, "{:?}", file.audit);

    let mut follow = Follow::new(dir.path().to_path_buf());
    let step = follow.step(&mut session, ORGANIZER, at(1));
    assert!(step.merged());
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("3"));
    assert_eq!(score_of(&session, "gk6", "DA02", "tc1").as_deref(), Some("4"));
    let words = said(&session, &step);
    assert!(
        words
            .iter()
            .any(|w| w.contains("TS. Đỗ Thị Lan Anh") && w.contains("đã gộp")),
        "{words:?}"
    );
    assert!(words.iter().any(|w| w.contains("merged")), "{words:?}");
    // The judge's own log came along, each change once, as the judge's claim.
    let typed = |s: &Session| {
        s.audit
            .iter()
            .filter(|e| e.kind == AuditKind::Score && e.note.contains("chung-khao-r"))
            .count()
    };
    let claims = typed(&session);
    assert!(claims >= 2, "{:#?}", session.audit);

    // Nothing new: a walk changes nothing; a fresh follower (the app restarted) changes nothing
    // either: it reads the laptop's newest file, finds it merged, and notes the older one as
    // superseded without reading it.
    let before = session.clone();
    assert!(follow.step(&mut session, ORGANIZER, at(2)).changes.is_empty());
    let mut again = Follow::new(dir.path().to_path_buf());
    let step = again.step(&mut session, ORGANIZER, at(3));
    assert_eq!(step.changes.len(), 1);
    assert!(step.changes[0].file.ends_with(&name));
    assert!(!step.merged());
    assert_eq!(session, before);
    let first_name = first.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        again
            .files()
            .any(|(f, t)| f.ends_with(&first_name) && matches!(t.seen, Seen::Superseded { .. }))
    );
    // A file merged twice by hand changes nothing either.
    let mut by_hand = session.clone();
    let report = store::merge::merge_handed_in(
        &mut by_hand,
        &store::files::load_handed_in(&first).unwrap(),
        ORGANIZER,
        "again",
        at(3),
    )
    .unwrap();
    assert!(!report.changed());
    assert_eq!(by_hand, session);
    let board = again.board(&session);
    let line = board.iter().find(|l| l.judge == "gk6").unwrap();
    assert_eq!(
        line.last.as_ref().map(|(s, _, _)| s.revision),
        Some(folder::sheet_revision(&gk6.packet.sheet))
    );
    assert_eq!(typed(&session), claims);
}

#[test]
fn a_truncated_file_and_a_file_written_in_two_steps_wait_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk6", &gk6.print());
    let good = gk6.score("DA01", "tc1", "3");
    let mut follow = Follow::new(dir.path().to_path_buf());
    follow.step(&mut session, ORGANIZER, at(1));
    let kept = snapshot(dir.path());

    // A copy cut short (a sync engine stopped midway), under another name.
    let bytes = fs::read(&good).unwrap();
    let cut = dir.path().join("gk6").join("chung-khao-r9999999-cut.gkphieu");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let before = session.clone();
    let step = follow.step(&mut session, ORGANIZER, at(2));
    assert_eq!(session, before);
    assert!(matches!(&step.changes[..], [c] if matches!(c.seen, Seen::Aside(Aside::Damaged(_)))));
    let words = said(&session, &step);
    assert!(
        words[0].contains("hỏng") && words[1].contains("damaged"),
        "{words:?}"
    );

    // The next revision arrives in two steps at its final name: half, then the rest.
    let next = gk6.score("DA01", "tc1", "5");
    let whole = fs::read(&next).unwrap();
    fs::write(&next, &whole[..whole.len() / 3]).unwrap();
    let step = follow.step(&mut session, ORGANIZER, at(3));
    assert!(matches!(&step.changes[..], [c] if matches!(c.seen, Seen::Aside(Aside::Damaged(_)))));
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("3"));
    fs::write(&next, &whole).unwrap();
    let step = follow.step(&mut session, ORGANIZER, at(4));
    assert!(step.merged(), "{step:?}");
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("5"));
    // Nothing of what was there was deleted or changed.
    let now = snapshot(dir.path());
    assert!(kept.iter().all(|f| now.contains(f)));
    assert!(cut.exists());
}

#[test]
fn conflict_copies_partial_files_and_other_files_are_kept_aside_and_never_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk6", &gk6.print());
    let good = gk6.score("DA01", "tc1", "3");
    // A conflict copy holding a higher score: never merged.
    let mut other = gk6.packet.clone();
    other.folder = None;
    let mut file = folder::revision_file(&other, 0, Some(&gk6.key));
    file.sheet.entries[0].revision += 5;
    file.sheet.entries[0]
        .scores
        .insert("tc1".into(), Points::parse("9").unwrap());
    signing::sign(&mut file, &gk6.key);
    let stem = good.file_stem().unwrap().to_string_lossy().to_string();
    let conflict = dir
        .path()
        .join("gk6")
        .join(format!("{stem}.sync-conflict-20261201-091500-ABCDEFG.gkphieu"));
    store::save_scoresheet(&conflict, &file).unwrap();
    let partials = [
        ".syncthing.chung-khao-r0000042-abcd.gkphieu.tmp",
        "~syncthing~chung-khao-r0000042-abcd.gkphieu.tmp",
        ".giamkhao-x1y2.tmp",
        "~$bang-diem.xlsx",
    ];
    for p in partials {
        fs::write(dir.path().join("gk6").join(p), b"(kind: Scoresheet").unwrap();
    }
    fs::write(dir.path().join("ghi-chu.txt"), "Phòng họp tầng 3").unwrap();
    fs::create_dir_all(dir.path().join(".stversions")).unwrap();
    fs::write(dir.path().join(".stfolder"), b"").unwrap();
    let kept = snapshot(dir.path());

    let mut follow = Follow::new(dir.path().to_path_buf());
    let step = follow.step(&mut session, ORGANIZER, at(1));
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("3"));
    let seen = |name: &str| {
        step.changes
            .iter()
            .find(|c| c.file.ends_with(name))
            .map(|c| c.seen.clone())
            .unwrap_or_else(|| panic!("{name} not seen: {step:?}"))
    };
    assert_eq!(seen("ABCDEFG.gkphieu"), Seen::Aside(Aside::ConflictCopy));
    for p in partials {
        assert_eq!(seen(p), Seen::Aside(Aside::Partial), "{p}");
    }
    assert_eq!(seen("ghi-chu.txt"), Seen::Aside(Aside::NotASheet));
    // A sync engine's own markers are not the contest's business.
    assert!(!step.changes.iter().any(|c| c.file.contains(".st")));
    let words = said(&session, &step).join("\n");
    for w in [
        "bản xung đột",
        "conflict copy",
        "đang được ghi",
        "still being written",
    ] {
        assert!(words.contains(w), "{w}: {words}");
    }
    let board = follow.board(&session);
    let line = board.iter().find(|l| l.judge == "gk6").unwrap();
    assert_eq!(line.aside, 1 + partials.len());
    assert_eq!(snapshot(dir.path()), kept);
}

#[test]
fn the_same_revision_with_other_content_is_a_conflict_and_an_old_revision_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk6", &gk6.print());
    let old = gk6.score("DA01", "tc1", "3");
    let old_bytes = fs::read(&old).unwrap();
    // The laptop restored from yesterday's copy: the same revision typed again, another score.
    let restored = gk6.packet.clone();
    gk6.score("DA01", "tc1", "4");
    let newest = gk6.score("DA01", "tc1", "5");
    let mut twin = restored.clone();
    twin.sheet
        .entries
        .iter_mut()
        .find(|e| e.submission == "DA01")
        .unwrap()
        .revision += 1;
    twin.sheet
        .entries
        .iter_mut()
        .find(|e| e.submission == "DA01")
        .unwrap()
        .scores
        .insert("tc1".into(), Points::parse("1").unwrap());
    let mut follow = Follow::new(dir.path().to_path_buf());
    // The old revision is not there yet: it arrives after the newer ones are merged.
    fs::remove_file(&old).unwrap();
    follow.step(&mut session, ORGANIZER, at(1));
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("5"));
    let merged = session.clone();
    fs::write(&old, &old_bytes).unwrap();
    let step = follow.step(&mut session, ORGANIZER, at(2));
    // It changes no score, and brings only its part of the judge's log (its revision file carries
    // only that): the change from 14.5 to 3, which the newer files did not hold.
    assert_eq!(
        session.scoresheets, merged.scoresheets,
        "an old revision changed a score"
    );
    assert_eq!(session.receipts, merged.receipts);
    let added = &session.audit[merged.audit.len()..];
    assert_eq!(added.len(), 1, "{added:#?}");
    assert!(
        added[0].note.starts_with("judge's log of")
            && added[0].old.as_deref() == Some("14.5")
            && added[0].new.as_deref() == Some("3"),
        "{:?}",
        added[0]
    );
    assert!(
        matches!(&step.changes[..], [c] if matches!(&c.seen, Seen::Merged { report, .. } if report.kept_newer.len() == 1))
    );
    let words = said(&session, &step);
    assert!(
        words[0].contains("cũ hơn") && words[1].contains("older"),
        "{words:?}"
    );

    // Same revision as what was merged, other content: a conflict, the session's kept.
    let mut file = folder::revision_file(&twin, 0, Some(&gk6.key));
    let entry = file
        .sheet
        .entries
        .iter_mut()
        .find(|e| e.submission == "DA01")
        .unwrap();
    entry.revision = session
        .sheet(ROUND, "gk6")
        .unwrap()
        .entries
        .iter()
        .find(|e| e.submission == "DA01")
        .unwrap()
        .revision;
    signing::sign(&mut file, &gk6.key);
    let path = dir.path().join("gk6").join("chung-khao-r0000000-twin.gkphieu");
    store::save_scoresheet(&path, &file).unwrap();
    let step = follow.step(&mut session, ORGANIZER, at(3));
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("5"));
    assert!(
        matches!(&step.changes[..], [c] if matches!(&c.seen, Seen::Merged { report, .. } if report.conflicts.len() == 1))
    );
    let words = said(&session, &step);
    assert!(
        words[0].contains("khác nội dung") && words[1].contains("other content"),
        "{words:?}"
    );
    let board = follow.board(&session);
    assert_eq!(board.iter().find(|l| l.judge == "gk6").unwrap().conflicts, 1);
    assert!(newest.exists());
}

#[test]
fn sheets_unsigned_or_signed_with_another_judges_key_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk5 = Laptop::new(&session, "gk5", dir.path(), 5);
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk5", &gk5.print());
    bind(&mut session, "gk6", &gk6.print());
    gk5.score("DA01", "tc1", "3");
    // gk6's laptop writes a sheet claiming to be gk5's, signed with gk6's own key.
    let mut forged = gk5.packet.clone();
    forged.folder = None;
    forged.sheet.entries.iter_mut().for_each(|e| e.revision += 3);
    forged.sheet.entries[0]
        .scores
        .insert("tc1".into(), Points::parse("1").unwrap());
    let mut file = folder::revision_file(&forged, 0, Some(&gk6.key));
    let other_key = folder::write_revision(dir.path(), &file).unwrap();
    // And one with no signature at all.
    file.signature = None;
    file.sheet.entries.iter_mut().for_each(|e| e.revision += 1);
    file.digest = Some(store::seal::sheet_digest(&file.sheet));
    let unsigned = folder::write_revision(dir.path(), &file).unwrap();
    // A signed sheet changed afterwards (its signature no longer matches).
    let mut changed = folder::revision_file(&forged, 0, Some(&gk5.key));
    changed.sheet.entries[0]
        .scores
        .insert("tc2".into(), Points::parse("1").unwrap());
    let tampered = dir.path().join("gk5").join("chung-khao-r0000999-sua.gkphieu");
    store::save_scoresheet(&tampered, &changed).unwrap();
    gk6.score("DA02", "tc1", "4");

    let mut follow = Follow::new(dir.path().to_path_buf());
    let step = follow.step(&mut session, ORGANIZER, at(1));
    assert_eq!(score_of(&session, "gk5", "DA01", "tc1").as_deref(), Some("3"));
    assert_eq!(score_of(&session, "gk6", "DA02", "tc1").as_deref(), Some("4"));
    let seen = |p: &Path| {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        step.changes
            .iter()
            .find(|c| c.file.ends_with(&name))
            .unwrap()
            .seen
            .clone()
    };
    assert!(matches!(
        seen(&other_key),
        Seen::Aside(Aside::Refused(MergeError::OtherKey { judge, found, .. })) if judge == "gk5" && found == gk6.print()
    ));
    assert_eq!(
        seen(&unsigned),
        Seen::Aside(Aside::Refused(MergeError::Unsigned { judge: "gk5".into() }))
    );
    assert_eq!(
        seen(&tampered),
        Seen::Aside(Aside::Refused(MergeError::BadSignature))
    );
    let words = said(&session, &step).join("\n");
    for w in [
        "không có chữ ký",
        "not signed",
        "khóa khác",
        "another key",
        "chữ ký không khớp",
    ] {
        assert!(words.contains(w), "{w}: {words}");
    }
    let board = follow.board(&session);
    let line = board.iter().find(|l| l.judge == "gk5").unwrap();
    assert_eq!(line.refused, 2);

    // The forged sheet copied into gk6's own subfolder: counted on the judge it claims (gk5), not
    // also as a file set aside in gk6's folder.
    let copied = dir.path().join("gk6").join(other_key.file_name().unwrap());
    fs::copy(&other_key, &copied).unwrap();
    follow.step(&mut session, ORGANIZER, at(2));
    let board = follow.board(&session);
    assert_eq!(board.iter().find(|l| l.judge == "gk5").unwrap().refused, 3);
    assert_eq!(board.iter().find(|l| l.judge == "gk6").unwrap().aside, 0);
}

#[test]
fn a_judges_first_key_waits_for_the_organizers_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    gk6.score("DA01", "tc1", "3");
    gk6.score("DA01", "tc2", "4");
    let mut follow = Follow::new(dir.path().to_path_buf());
    let before = session.clone();
    let step = follow.step(&mut session, ORGANIZER, at(1));
    assert_eq!(session, before);
    assert!(
        step.changes
            .iter()
            .all(|c| matches!(c.seen, Seen::AwaitingKey { .. }))
    );
    let awaiting = follow.awaiting();
    assert_eq!(awaiting.len(), 1, "one line per judge and key: {awaiting:?}");
    assert_eq!((awaiting[0].0.as_str(), &awaiting[0].1), ("gk6", &gk6.print()));
    let words = said(&session, &step).join("\n");
    assert!(
        words.contains("chờ xác nhận") && words.contains(&gk6.print()),
        "{words}"
    );
    assert!(follow.step(&mut session, ORGANIZER, at(2)).changes.is_empty());

    bind(&mut session, "gk6", &gk6.print());
    follow.recheck_keys();
    let step = follow.step(&mut session, ORGANIZER, at(3));
    assert!(step.merged());
    assert_eq!(score_of(&session, "gk6", "DA01", "tc2").as_deref(), Some("4"));
}

#[test]
fn a_sheet_of_another_contest_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut other = sample();
    other.contest.id = "cuoc-thi-khac".into();
    for sheet in &mut other.scoresheets {
        sheet.contest_id = "cuoc-thi-khac".into();
    }
    let mut stranger = Laptop::new(&other, "gk6", dir.path(), 6);
    stranger.score("DA01", "tc1", "3");
    let mut follow = Follow::new(dir.path().to_path_buf());
    let before = session.clone();
    let step = follow.step(&mut session, ORGANIZER, at(1));
    assert_eq!(session, before);
    assert!(
        matches!(&step.changes[..], [c] if c.seen == Seen::Aside(Aside::OtherContest { found: "cuoc-thi-khac".into() })),
        "{step:?}"
    );
    let words = said(&session, &step);
    assert!(
        words[0].contains("cuộc thi khác") && words[1].contains("another contest"),
        "{words:?}"
    );
}

#[test]
fn the_folder_gone_and_back_loses_nothing_and_counts_nothing_twice() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("thu-muc-cuoc-thi");
    fs::create_dir(&dir).unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", &dir, 6);
    bind(&mut session, "gk6", &gk6.print());
    gk6.score("DA01", "tc1", "3");
    let mut follow = Follow::new(dir.clone());
    follow.step(&mut session, ORGANIZER, at(1));
    let merges = |s: &Session| s.audit.iter().filter(|e| e.kind == AuditKind::Merge).count();
    let (merged, logged) = (merges(&session), session.audit.len());

    // The share goes away (unplugged, the network down).
    let away = root.path().join("away");
    fs::rename(&dir, &away).unwrap();
    let before = session.clone();
    let step = follow.step(&mut session, ORGANIZER, at(2));
    assert_eq!(step.unreachable, Some(folder::Unreachable::Gone));
    assert_eq!(session, before);
    // Said in the person's language, not the system's.
    let said = text::folder::unreachable("E:\\Cuộc thi", step.unreachable.as_ref().unwrap(), Lang::Vi);
    assert!(
        said.contains("không thấy thư mục") && !said.contains("os error"),
        "{said}"
    );
    assert!(follow.unreachable.is_some());
    // Said once, not at every walk.
    assert!(follow.step(&mut session, ORGANIZER, at(3)).unreachable.is_none());
    assert!(follow.unreachable.is_some());
    // Meanwhile the judge's laptop cannot write (the folder is not made again where it was):
    // the link stays, and the next change carries everything since the last file that made it.
    let link = gk6.packet.folder.clone();
    let mut doc = Doc::Packet(gk6.packet.clone());
    edit::apply(
        &mut doc,
        Edit::Score {
            round: ROUND.into(),
            judge: "gk6".into(),
            submission: "DA02".into(),
            criterion: "tc1".into(),
            value: Some(Points::parse("6").unwrap()),
        },
        "TS. Đỗ Thị Lan Anh (gk6)",
        "app",
        at(3),
    )
    .unwrap();
    let Doc::Packet(p) = doc else { unreachable!() };
    gk6.packet = p;
    assert!(folder::publish(&mut gk6.packet, Some(&gk6.key)).is_err());
    assert!(!dir.exists());
    assert_eq!(gk6.packet.folder, link);

    // Back: the folder returns with what it had; the judge's next change lands.
    fs::rename(&away, &dir).unwrap();
    gk6.score("DA03", "tc1", "7");
    let step = follow.step(&mut session, ORGANIZER, at(4));
    assert!(step.merged(), "{step:?}");
    assert!(follow.unreachable.is_none());
    assert_eq!(score_of(&session, "gk6", "DA02", "tc1").as_deref(), Some("6"));
    assert_eq!(score_of(&session, "gk6", "DA03", "tc1").as_deref(), Some("7"));
    assert_eq!(merges(&session), merged + 1);
    // Each typed change is in the log once: the two new scores, typed and merged.
    let about = |s: &Session, sub: &str| {
        s.audit[logged..]
            .iter()
            .filter(|e| e.kind == AuditKind::Score && e.target.contains(&format!("submission {sub} /")))
            .count()
    };
    assert_eq!(
        (about(&session, "DA02"), about(&session, "DA03")),
        (2, 2),
        "{:#?}",
        &session.audit[logged..]
    );
}

#[test]
fn revision_names_sort_in_order_and_never_replace_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    let a = gk6.score("DA01", "tc1", "3");
    // Written again, the same bytes: nothing new. Other bytes at the same revision: a new name.
    let file = store::load_scoresheet(&a).unwrap();
    assert_eq!(folder::write_revision(dir.path(), &file).unwrap(), a);
    let mut other = file.clone();
    other.sheet.entries[0].comment = "khác".into();
    signing::sign(&mut other, &gk6.key);
    let b = folder::write_revision(dir.path(), &other).unwrap();
    assert_ne!(a, b);
    assert!(b.to_string_lossy().ends_with("-2.gkphieu"), "{}", b.display());
    assert_eq!(store::load_scoresheet(&a).unwrap(), file);
    let mut names = Vec::new();
    for i in 0..12 {
        let p = gk6.score("DA01", "tc1", ["4", "5"][i % 2]);
        names.push(p.file_name().unwrap().to_string_lossy().to_string());
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // Readable by the other accounts of a shared folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o644);
    }
}

/// `giamkhao watch SESSION FOLDER` in English, its output piped.
fn spawn_watch(dir: &Path, session: &Path, folder: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("giamkhao"))
        .env("GIAMKHAO_HOME", dir.join("home"))
        .args(["--lang", "en", "watch"])
        .arg(session)
        .arg(folder)
        .args(["--by", ORGANIZER])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn giamkhao(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("giamkhao").unwrap();
    cmd.env("GIAMKHAO_HOME", home);
    cmd
}

#[test]
fn merge_of_a_folder_binds_first_keys_only_when_asked_and_merges_once() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Thư mục cuộc thi");
    fs::create_dir(&folder).unwrap();
    let session_path = dir.path().join("phiên.gkphien");
    fs::copy(SAMPLE, &session_path).unwrap();
    let session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", &folder, 6);
    gk6.score("DA01", "tc1", "3");
    let home = dir.path().join("home");
    let run = |args: &[&str]| {
        let out = giamkhao(&home).args(args).output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), said)
    };
    let s = session_path.to_str().unwrap();
    let f = folder.to_str().unwrap();

    // The judge's first key: said, waiting, nothing merged, exit 1.
    let (code, said) = run(&["merge", s, f, "--by", ORGANIZER]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("chờ xác nhận") && said.contains(&gk6.print()),
        "{said}"
    );
    // And what to do about it, and that nothing was saved.
    assert!(
        said.contains("--confirm-keys") && said.contains("giamkhao key"),
        "{said}"
    );
    assert!(said.contains("không thay đổi, không lưu"), "{said}");
    assert_eq!(
        store::load_session(&session_path).unwrap(),
        store::load_session(Path::new(SAMPLE)).unwrap()
    );

    // Confirmed on first use: bound in the organizer's name, merged, saved.
    let (code, said) = run(&["--lang", "en", "merge", s, f, "--by", ORGANIZER, "--confirm-keys"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains(&format!("Bound key {}", gk6.print())), "{said}");
    assert!(
        said.contains("merged the sheet of judge TS. Đỗ Thị Lan Anh"),
        "{said}"
    );
    let merged = store::load_session(&session_path).unwrap();
    assert_eq!(score_of(&merged, "gk6", "DA01", "tc1").as_deref(), Some("3"));
    assert_eq!(
        merged.contest.judge("gk6").unwrap().key.as_deref(),
        Some(gk6.print().as_str())
    );
    assert!(
        merged
            .audit
            .iter()
            .any(|e| e.by == ORGANIZER && e.target.contains("gk6") && e.target.contains("key"))
    );

    // Again: nothing new, nothing saved.
    let bytes = fs::read(&session_path).unwrap();
    let (code, said) = run(&["--lang", "en", "merge", s, f, "--by", ORGANIZER]);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("Nothing new in 1 sheet") && said.contains("unchanged, not saved"),
        "{said}"
    );
    assert_eq!(fs::read(&session_path).unwrap(), bytes);

    // Its help lists the session before the folder, as the usage line does.
    let (_, help) = run(&["watch", "--help"]);
    let (session_at, folder_at) = (help.find("<PHIÊN>  ").unwrap(), help.find("<THƯ_MỤC>  ").unwrap());
    assert!(session_at < folder_at, "{help}");

    // A folder among sheets is refused with how to give it.
    let (code, said) = run(&["merge", s, f, "x.gkphieu", "--by", ORGANIZER]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("là một thư mục"), "{said}");
}

#[test]
fn watch_merges_each_new_sheet_as_it_comes_and_prints_it() {
    use std::io::{BufRead, BufReader};
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cuoc-thi");
    fs::create_dir(&folder).unwrap();
    let session_path = dir.path().join("phien.gkphien");
    fs::copy(SAMPLE, &session_path).unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", &folder, 6);
    bind(&mut session, "gk6", &gk6.print());
    store::files::save_session(&session_path, &mut session).unwrap();

    let mut child = spawn_watch(dir.path(), &session_path, &folder);
    let (lines_tx, lines) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let wait_for = |what: &str| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(200))
                && line.contains(what)
            {
                return line;
            }
        }
        panic!("no line with «{what}» within 20 s");
    };
    wait_for("Following the contest folder");
    for (i, value) in ["3", "4"].iter().enumerate() {
        let written = gk6.score("DA01", "tc1", value);
        let name = written.file_name().unwrap().to_string_lossy().to_string();
        let line = wait_for(&name);
        assert!(
            line.contains("merged the sheet of judge TS. Đỗ Thị Lan Anh"),
            "{i}: {line}"
        );
        wait_for("Saved");
        let saved = store::load_session(&session_path).unwrap();
        assert_eq!(score_of(&saved, "gk6", "DA01", "tc1").as_deref(), Some(*value));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Seven judges write 1,000 revisions each while the organizer's side keeps walking the folder and
/// merging. At the end the session equals a one-shot merge of each judge's last revision, and the
/// log holds each typed change exactly once.
#[test]
fn soak_seven_judges_a_thousand_revisions_each_while_the_organizer_merges() {
    const JUDGES: [&str; 6] = ["gk1", "gk2", "gk3", "gk4", "gk5", "gk6"];
    const REVISIONS: usize = 1000;
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    // A seventh judge, scoring like the others.
    let mut seventh = session.contest.judges[0].clone();
    seventh.id = "gk7".into();
    seventh.name = "TS. Hoàng Minh Tuấn".into();
    seventh.organization = "Sở Khoa học và Công nghệ".into();
    session.contest.judges.push(seventh);
    session.contest.rounds[0].judges.push("gk7".into());
    let judges: Vec<&str> = JUDGES.iter().copied().chain(["gk7"]).collect();
    let laptops: Vec<Laptop> = judges
        .iter()
        .enumerate()
        .map(|(i, j)| Laptop::new(&session, j, dir.path(), 40 + i as u8))
        .collect();
    for l in &laptops {
        bind(&mut session, &l.packet.judge, &l.print());
    }
    let start = session.clone();
    let criteria: Vec<String> = session.contest.rounds[0]
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let submissions: Vec<String> = session.submissions.iter().map(|s| s.id.clone()).collect();

    let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writers: Vec<_> = laptops
        .into_iter()
        .map(|mut laptop| {
            let (criteria, submissions, done) = (criteria.clone(), submissions.clone(), done.clone());
            std::thread::spawn(move || {
                for i in 0..REVISIONS {
                    let s = &submissions[i % submissions.len()];
                    let c = &criteria[(i / submissions.len()) % criteria.len()];
                    let now = laptop
                        .packet
                        .sheet
                        .entry(s)
                        .and_then(|e| e.scores.get(c.as_str()))
                        .map(|p| p.to_string());
                    // Always a different value, so every edit is a change.
                    let value = if now.as_deref() == Some("7") { "8" } else { "7" };
                    laptop.score(s, c, value);
                }
                done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                laptop
            })
        })
        .collect();
    let mut follow = Follow::new(dir.path().to_path_buf());
    let mut walks = 0;
    while done.load(std::sync::atomic::Ordering::SeqCst) < judges.len() {
        follow.step(&mut session, ORGANIZER, at(1));
        walks += 1;
    }
    let laptops: Vec<Laptop> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    follow.step(&mut session, ORGANIZER, at(2));
    assert!(walks > 1, "the organizer merged while the judges wrote");
    // Nothing set aside, nothing refused: every file was whole when read.
    for (file, t) in follow.files() {
        assert!(
            matches!(t.seen, Seen::Merged { .. } | Seen::Superseded { .. }),
            "{file}: {:?}",
            t.seen
        );
    }

    // One shot: only each judge's last revision, into the session as it was before the day.
    let mut once = start.clone();
    for l in &laptops {
        let file = folder::revision_file(&l.packet, 0, Some(&l.key));
        let handed_in = store::files::HandedIn {
            sheet: file.sheet.clone(),
            audit: file.audit.clone(),
            signature: file.signature.clone(),
        };
        store::merge::merge_handed_in(&mut once, &handed_in, ORGANIZER, "last", at(2)).unwrap();
    }
    for j in &judges {
        assert_eq!(session.sheet(ROUND, j), once.sheet(ROUND, j), "{j}");
        assert_eq!(
            session.sheet(ROUND, j),
            Some(
                &laptops
                    .iter()
                    .find(|l| l.packet.judge == *j)
                    .unwrap()
                    .packet
                    .sheet
            )
        );
    }
    // Every typed change once: the judges' own entries, copied as their claims.
    for l in &laptops {
        let typed: Vec<_> = l
            .packet
            .audit
            .iter()
            .filter(|e| e.kind == AuditKind::Score)
            .collect();
        assert_eq!(typed.len(), REVISIONS);
        let claims: Vec<_> = session.audit[start.audit.len()..]
            .iter()
            .filter(|e| {
                e.kind == AuditKind::Score
                    && e.note.starts_with("judge's log of")
                    && e.target.contains(&format!("judge {} /", l.packet.judge))
            })
            .collect();
        assert_eq!(claims.len(), REVISIONS, "{}", l.packet.judge);
        // Each once; in the order merged, which is the order typed unless a laptop's files were
        // seen out of order (a newer revision listed before an older one finished appearing).
        for typed in &typed {
            let copies = claims
                .iter()
                .filter(|c| c.at == typed.at && c.target == typed.target && c.new == typed.new)
                .count();
            assert_eq!(copies, 1, "{} {}", typed.at, typed.target);
        }
    }
}

/// Read again from scratch (the organizer's app restarted), a laptop's older revisions are skipped
/// only when its newest is merged already; when the newest is damaged or forged, every file of that
/// laptop is read, so nothing is lost.
#[test]
fn a_restart_reads_every_revision_when_the_newest_cannot_vouch_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut gk6 = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk6", &gk6.print());
    gk6.score("DA01", "tc1", "3");
    gk6.score("DA02", "tc1", "4");
    let newest = gk6.score("DA03", "tc1", "5");
    // The newest arrives damaged, the session has none of them yet.
    let bytes = fs::read(&newest).unwrap();
    fs::write(&newest, &bytes[..bytes.len() / 2]).unwrap();
    let mut follow = Follow::new(dir.path().to_path_buf());
    let step = follow.step(&mut session, ORGANIZER, at(1));
    assert_eq!(score_of(&session, "gk6", "DA02", "tc1").as_deref(), Some("4"));
    assert_eq!(step.changes.len(), 3, "{step:?}");
    assert!(
        !follow
            .files()
            .any(|(_, t)| matches!(t.seen, Seen::Superseded { .. }))
    );
    // Whole again: merged.
    fs::write(&newest, &bytes).unwrap();
    follow.step(&mut session, ORGANIZER, at(2));
    assert_eq!(score_of(&session, "gk6", "DA03", "tc1").as_deref(), Some("5"));
}

/// `watch` on a sealed session merges nothing and says why once, not at every walk.
#[test]
fn watch_says_a_sealed_session_once() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cuoc-thi");
    fs::create_dir(&folder).unwrap();
    let session_path = dir.path().join("phien.gkphien");
    let mut session = sample();
    store::seal::seal(&mut session, ORGANIZER, at(0)).unwrap();
    store::files::save_session(&session_path, &mut session).unwrap();
    let mut child = spawn_watch(dir.path(), &session_path, &folder);
    // Three walks: at once, and after two rescans.
    std::thread::sleep(std::time::Duration::from_secs(7));
    child.kill().unwrap();
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    child.wait().unwrap();
    assert_eq!(out.matches("the session is sealed").count(), 1, "{out}");
}

/// A laptop's revision file carries only the log written since the one before. When the folder
/// shows a newer revision before an older one (a listing taken while files appear), the newer is
/// merged first; the older, whose sheet then adds nothing, still brings its part of the judge's
/// log. Before, it was taken as merged already and the judge's claim of that change was lost (the
/// soak test above lost one in two runs).
#[test]
fn an_older_revision_seen_after_a_newer_one_still_brings_its_part_of_the_judges_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample();
    let mut laptop = Laptop::new(&session, "gk6", dir.path(), 6);
    bind(&mut session, "gk6", &laptop.print());
    let first = laptop.score("DA01", "tc1", "3");
    laptop.score("DA02", "tc1", "4");
    // Only the newer file is there at the first walk.
    let elsewhere = tempfile::tempdir().unwrap();
    let away = elsewhere.path().join("away.gkphieu");
    fs::rename(&first, &away).unwrap();
    let mut follow = Follow::new(dir.path().to_path_buf());
    assert!(follow.step(&mut session, ORGANIZER, at(1)).merged());
    assert_eq!(score_of(&session, "gk6", "DA01", "tc1").as_deref(), Some("3"));
    fs::rename(&away, &first).unwrap();
    follow.step(&mut session, ORGANIZER, at(2));
    let claims: Vec<_> = session
        .audit
        .iter()
        .filter(|e| e.kind == AuditKind::Score && e.note.starts_with("judge's log of"))
        .map(|e| e.target.clone())
        .collect();
    assert_eq!(
        claims,
        [
            "round chung-khao / judge gk6 / submission DA02 / criterion tc1",
            "round chung-khao / judge gk6 / submission DA01 / criterion tc1"
        ],
        "{:#?}",
        session.audit
    );
}
