//! The desktop app driven as people use it, through egui_kittest: by role and label, clicking and
//! typing, with file dialogs answered by a fake picker. Every frame also checks that each glyph can
//! be drawn (egui_kittest panics on a missing one) and that every input widget has a name.

use std::fs;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use giamkhao::app::{Action, FakePicker, Filter, GiamkhaoApp, Screen, Settings, install_fonts};
use giamkhao::model::{Points, Resolution};
use giamkhao::store;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

fn app(picker: FakePicker) -> Harness<'static, GiamkhaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            install_fonts(&cc.egui_ctx);
            // A name given before, so that nothing depends on who runs the tests.
            let settings = Settings {
                name: "Trần Thư Ký".into(),
                ..Settings::default()
            };
            GiamkhaoApp::with(settings, Box::new(picker))
        })
}

fn open(h: &mut Harness<'static, GiamkhaoApp>, path: &Path, read_only: bool) {
    h.state_mut().act(Action::OpenPath {
        path: path.to_path_buf(),
        read_only,
    });
    // A large file opens on another thread: wait for it.
    until_opened(h);
    assert!(
        h.state().doc.is_some(),
        "opened {}: {:?}",
        path.display(),
        h.state().status
    );
}

fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("phien.ron");
    fs::copy(SAMPLE, &session).unwrap();
    (dir, session)
}

/// Replaces what a field holds with `text`, then presses `key` to leave it.
fn type_into(h: &mut Harness<'static, GiamkhaoApp>, label: &str, text: &str, key: egui::Key) {
    retype(h, label, text);
    h.key_press(key);
    h.run();
}

/// Replaces what a field holds with `text`, staying in it.
fn retype(h: &mut Harness<'static, GiamkhaoApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.run();
}

/// Clicks the item whose label contains `label`, scrolling to it first as a person would.
fn pick(h: &mut Harness<'static, GiamkhaoApp>, label: &str) {
    h.get_by_label_contains(label).scroll_to_me();
    h.run();
    h.get_by_label_contains(label).click();
    h.run();
}

/// Focuses the field named `label` and types `text` after what it holds.
fn write(h: &mut Harness<'static, GiamkhaoApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.run();
}

fn menu(h: &mut Harness<'static, GiamkhaoApp>, item: &str) {
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label_contains(item).click();
    // An item that reads a file in the background repaints until it is read, which under load can
    // take longer than `run`'s budget of frames: the tests that start one wait for it (`until_read`).
    h.run_ok();
}

/// Runs frames until a registrations file being read in the background has been read.
fn until_read(h: &mut Harness<'static, GiamkhaoApp>) {
    let start = std::time::Instant::now();
    while h.state().reading.is_some() {
        assert!(start.elapsed().as_secs() < 30, "the file is still being read");
        std::thread::sleep(std::time::Duration::from_millis(5));
        // Repainting while it reads: never settles until it is read.
        h.run_ok();
    }
    h.run();
}

#[test]
fn a_judge_scores_recuses_hands_in_and_the_organizer_merges() {
    let (dir, session) = scratch();
    let packets = dir.path().join("goi");
    let sheet_path = dir.path().join("phieu-gk2.ron");
    let mut h = app(FakePicker {
        folders: vec![packets.clone()],
        ..Default::default()
    });
    open(&mut h, &session, false);

    // Organizer: a packet for every judge.
    menu(&mut h, "Xuất gói cho tất cả giám khảo");
    let packet = packets.join("goi-gk2.gkgoi");
    assert!(packet.exists(), "{:?}", h.state().status);
    assert_eq!(fs::read_dir(&packets).unwrap().count(), 6);

    // Judge gk2 opens their packet: the Scoring screen, no other judge's scores anywhere.
    open(&mut h, &packet, false);
    assert_eq!(h.state().screen, Screen::Scoring);
    pick(&mut h, "DA20");

    // "21" on a 20-point criterion is refused with its message, and what was typed stays.
    type_into(&mut h, "Tính mới và sáng tạo", "21", egui::Key::Tab);
    assert!(h.query_by_label_contains("Điểm phải từ 0 đến 20").is_some());
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
            .value()
            .as_deref(),
        Some("21")
    );
    let on_disk = store::load_packet(&packet).unwrap();
    assert_ne!(
        on_disk.sheet.entry("DA20").unwrap().scores["tc1"],
        Points::from_int(21)
    );

    // "19,5" is taken; Enter moves on; every change is saved at once.
    type_into(&mut h, "Tính mới và sáng tạo", "19,5", egui::Key::Enter);
    for (label, value) in [
        ("Tính khả thi của mô hình kinh doanh", "20"),
        ("Thị trường và khách hàng", "15"),
        ("Năng lực đội ngũ", "15"),
        ("Tác động xã hội và môi trường", "15.0"),
        ("Khả năng mở rộng và tăng trưởng", "15"),
    ] {
        type_into(&mut h, label, value, egui::Key::Enter);
    }
    let on_disk = store::load_packet(&packet).unwrap();
    let entry = on_disk.sheet.entry("DA20").unwrap();
    assert_eq!(entry.scores["tc1"], Points::parse("19.5").unwrap());
    assert_eq!(entry.scores["tc6"], Points::from_int(15));
    // Enter on the last criterion went on (every project is scored: to the next in the list).
    assert_eq!(h.state().views.scoring.selected.as_deref(), Some("DA21"));
    pick(&mut h, "DA20 · ");
    assert!(h.query_by_label_contains("Tổng: 99,5 / 100").is_some());
    assert!(
        on_disk
            .audit
            .iter()
            .any(|a| a.target.contains("DA20") && a.new.as_deref() == Some("19.5"))
    );

    // Recuse from DA24, with a reason.
    pick(&mut h, "DA24");
    pick(&mut h, "Rút khỏi chấm dự án này (xung đột lợi ích)…");
    write(&mut h, "Lý do", "Trưởng nhóm là cháu tôi");
    h.get_by_label("Ghi lại").click();
    h.run();
    let on_disk = store::load_packet(&packet).unwrap();
    assert_eq!(
        on_disk.sheet.entry("DA24").unwrap().recusal.as_deref(),
        Some("Trưởng nhóm là cháu tôi")
    );

    // Hand in.
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![sheet_path.clone()],
        ..Default::default()
    });
    pick(&mut h, "Nộp phiếu chấm…");
    assert_eq!(store::load_scoresheet(&sheet_path).unwrap().sheet.judge, "gk2");

    // Organizer merges it: DA20 is no longer tied and takes Ba.
    h.state_mut().picker = Box::new(FakePicker {
        files: vec![session.clone()],
        ..Default::default()
    });
    menu(&mut h, "Mở…");
    h.state_mut().picker = Box::new(FakePicker {
        files: vec![sheet_path.clone()],
        ..Default::default()
    });
    menu(&mut h, "Nhập phiếu chấm");
    assert!(
        h.query_by_label_contains("2 cập nhật, 22 không đổi, 0 giữ bản mới hơn, 0 xung đột")
            .is_some(),
        "merge report"
    );
    // And which projects changed, by name.
    for changed in ["cập nhật DA20 Thiết bị đo độ mặn", "cập nhật DA24 "] {
        assert!(
            h.query_by_label_contains(changed).is_some(),
            "{changed} in the merge report"
        );
    }
    h.get_by_label("OK").click();
    h.run();
    let results = &h.state().doc.as_ref().unwrap().results;
    let award = |id: &str| results[0].row(id).and_then(|r| r.award.clone());
    assert_eq!(award("DA20").as_deref(), Some("ba"));
    assert_eq!(award("DA14").as_deref(), Some("kk"));
    let row = results[0].row("DA24").unwrap();
    assert!(
        row.judges
            .iter()
            .any(|j| j.judge.as_ref() == "gk2" && j.status == giamkhao::model::SheetStatus::Conflict)
    );

    // The score's whole history is in the session: typed by the judge (refused values never
    // counted), then merged by the organizer.
    let merged = h.state().doc.as_ref().unwrap().session().unwrap().clone();
    let history = store::audit::score_history(&merged.audit, "chung-khao", "gk2", "DA20", "tc1");
    let how: Vec<(store::audit::Channel, Option<&str>)> = history
        .iter()
        .map(|e| (store::audit::channel(e), e.new.as_deref()))
        .collect();
    assert_eq!(
        how,
        vec![
            (store::audit::Channel::App, Some("19.5")),
            (store::audit::Channel::Merge, Some("19.5"))
        ]
    );
    assert!(history[0].by.contains("gk2"));
    // Hovering gk2's total for DA20 on Results shows it.
    let card = giamkhao::text::score_card(&merged, "chung-khao", "gk2", "DA20", giamkhao::text::Lang::Vi);
    assert!(card.contains("Tính mới và sáng tạo: 19,5"), "{card}");
    // The judge's own record, said to be theirs.
    assert!(
        card.contains(
            "(gk2) (nhập trên ứng dụng, theo nhật ký của giám khảo trong phieu-gk2.ron): 14,5 → 19,5"
        ),
        "{card}"
    );
    assert!(card.contains("(gộp từ phieu-gk2.ron): 14,5 → 19,5"), "{card}");

    // The log filtered by criterion and by how the change came in.
    h.state_mut().act(Action::Navigate(Screen::Audit));
    h.run();
    let view = &mut h.state_mut().views.audit;
    view.criterion = Some("tc1".into());
    view.channel = Some(store::audit::Channel::App);
    view.submission = "DA20".into();
    h.run();
    assert!(h.query_by_label("1 mục").is_some());
}

#[test]
fn the_council_records_a_tie_decision() {
    let (_dir, session) = scratch();
    let mut s = store::load_session(&session).unwrap();
    s.decisions.clear();
    store::save_session(&session, &mut s).unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    assert!(h.query_by_label_contains("KẾT QUẢ TẠM THỜI").is_some());
    h.get_by_label("Ghi quyết định của hội đồng…").click();
    h.run();
    // Without a reason nothing is recorded.
    h.get_by_label("Ghi lại").click();
    h.run();
    assert!(h.query_by_label_contains("Cần ghi lý do").is_some());
    write(&mut h, "Lý do", "Biểu quyết 4/6");
    // Nor without the full name of who decided: it starts empty, and "?" does not do.
    assert_eq!(field_value(&h, "Người quyết định"), "");
    write(&mut h, "Người quyết định", "?");
    h.get_by_label("Ghi lại").click();
    h.run();
    assert!(h.query_by_label_contains("«?» không phải họ tên").is_some());
    assert!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .session()
            .unwrap()
            .decisions
            .is_empty()
    );
    type_into(
        &mut h,
        "Người quyết định",
        "PGS.TS. Nguyễn Văn Hải",
        egui::Key::Tab,
    );
    h.get_by_label("Ghi lại").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    let session = doc.session().unwrap();
    assert_eq!(session.decisions.len(), 1);
    assert_eq!(session.decisions[0].by, "PGS.TS. Nguyễn Văn Hải");
    // Recorded by the secretary, decided by the chair.
    assert_eq!(session.audit.last().unwrap().by, "Trần Thư Ký");
    assert_eq!(
        session.decisions[0].resolution,
        Resolution::Order(vec!["DA14".into(), "DA20".into()])
    );
    assert_eq!(session.decisions[0].reason, "Biểu quyết 4/6");
    assert!(!doc.results[0].provisional);
    assert!(h.query_by_label_contains("KẾT QUẢ TẠM THỜI").is_none());
    assert!(doc.dirty);
    // Undo takes it back, and the audit log keeps both.
    h.get_by_label("Hoàn tác").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.session().unwrap().decisions.is_empty());
    assert!(doc.results[0].provisional);
    assert_eq!(
        doc.session()
            .unwrap()
            .audit
            .iter()
            .filter(|a| a.kind == giamkhao::model::AuditKind::Decision)
            .count(),
        3
    );
}

#[test]
fn in_auditor_mode_every_edit_control_is_disabled() {
    let (_dir, session) = scratch();
    let mut s = store::load_session(&session).unwrap();
    s.decisions.clear();
    store::save_session(&session, &mut s).unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, true);
    assert!(h.query_by_label_contains("Kiểm tra (chỉ đọc)").is_some());
    let disabled =
        |h: &Harness<'static, GiamkhaoApp>, label: &str| h.get_by_label(label).accesskit_node().is_disabled();
    assert!(disabled(&h, "Ghi quyết định của hội đồng…"));
    assert!(disabled(&h, "Hoàn tác"));
    h.get_by_label("Tệp").click();
    h.run();
    for item in [
        "Lưu  (Ctrl+S)",
        "Lưu thành…",
        "Nhập phiếu chấm…",
        "Xuất gói cho tất cả giám khảo…",
        "Nhập danh sách đăng ký (Excel/CSV)…",
    ] {
        assert!(disabled(&h, item), "{item} should be disabled");
    }
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Cuộc thi").click();
    h.run();
    for field in h.get_all_by_role_and_label(Role::TextInput, "Tối đa") {
        assert!(field.accesskit_node().is_disabled());
    }
    assert!(disabled(&h, "Thêm tiêu chí"));
    // Even an edit that reaches the app is refused.
    let before = h.state().doc.as_ref().unwrap().session().unwrap().clone();
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    assert_eq!(h.state().doc.as_ref().unwrap().session().unwrap(), &before);
    assert!(h.state().status.as_ref().is_some_and(|(_, error)| *error));
}

#[test]
fn every_screen_in_both_languages() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    for (lang, nav) in [
        (
            "Tiếng Việt",
            ["Cuộc thi", "Dự án", "Tiến độ", "Kết quả", "Phân tích", "Nhật ký"],
        ),
        (
            "English",
            [
                "Contest",
                "Submissions",
                "Progress",
                "Results",
                "Analysis",
                "Audit log",
            ],
        ),
    ] {
        h.get_by_label(lang).click();
        h.run();
        for item in nav {
            h.get_by_label(item).click();
            h.run();
        }
    }
    // Back in Vietnamese, searching ignores accents: "hai phong" finds "Hải Phòng" organizations.
    h.get_by_label("Tiếng Việt").click();
    h.run();
    h.get_by_label("Dự án").click();
    h.run();
    write(&mut h, "Tìm kiếm", "dai hoc hai phong");
    let state = h.state_mut();
    let shown = state.views.submissions.visible(state.doc.as_ref().unwrap());
    let subs = state.doc.as_ref().unwrap().submissions().to_vec();
    // Every word is found in each submission shown, and all four from Trường Đại học Hải Phòng are there.
    let shown_ids: Vec<&str> = shown.iter().map(|&i| subs[i].id.as_str()).collect();
    for id in ["DA03", "DA10", "DA20", "DA24"] {
        assert!(shown_ids.contains(&id), "{id} missing from {shown_ids:?}");
    }
    assert!(shown.len() < subs.len());
    for &i in &shown {
        let s = &subs[i];
        let folded = giamkhao::text::fold(&format!(
            "{} {} {} {}",
            s.title,
            s.organization,
            s.leader,
            s.members.join(" ")
        ));
        assert!(
            ["dai", "hoc", "hai", "phong"].iter().all(|w| folded.contains(w)),
            "{}",
            s.id
        );
    }
}

/// Replaces what the `n`-th field named `label` holds, then leaves it with Tab.
fn type_into_nth(h: &mut Harness<'static, GiamkhaoApp>, label: &str, n: usize, text: &str) {
    h.get_all_by_role_and_label(Role::TextInput, label)
        .nth(n)
        .expect("field")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_all_by_role_and_label(Role::TextInput, label)
        .nth(n)
        .expect("field")
        .type_text(text);
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
}

#[test]
fn the_organizer_edits_criteria_with_checks_and_undo() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Cuộc thi").click();
    h.run();
    let contest = |h: &Harness<'static, GiamkhaoApp>| h.state().doc.as_ref().unwrap().contest().clone();

    // Raise the second criterion's maximum: applied, the maximum total follows, the log has it.
    type_into_nth(&mut h, "Tối đa", 1, "25");
    assert_eq!(contest(&h).rounds[0].criteria[1].max, Points::from_int(25));
    assert!(h.query_by_label_contains("Tổng điểm tối đa 105").is_some());
    let audit = &h.state().doc.as_ref().unwrap().session().unwrap().audit;
    let last = audit.last().unwrap();
    assert_eq!(
        (last.target.as_str(), last.old.as_deref(), last.new.as_deref()),
        ("round chung-khao / criterion tc2 / max", Some("20"), Some("25"))
    );

    // A maximum below scores already given is refused, with the reason, and nothing changes.
    let before = contest(&h);
    type_into_nth(&mut h, "Tối đa", 0, "10");
    assert!(h.query_by_label_contains("Chưa áp dụng").is_some());
    assert!(h.query_all_by_label_contains("vượt quá tối đa 10").count() > 1);
    assert_eq!(contest(&h), before);
    type_into_nth(&mut h, "Tối đa", 0, "20");

    // So is a weight of 0.
    type_into_nth(&mut h, "Hệ số", 2, "0");
    // Once in the list at the top, once beside the criterion.
    assert_eq!(h.query_all_by_label_contains("hệ số phải lớn hơn 0").count(), 2);
    assert_eq!(contest(&h), before);

    // Undo takes the raised maximum back.
    h.get_by_label("Hoàn tác").click();
    h.run();
    assert_eq!(contest(&h).rounds[0].criteria[1].max, Points::from_int(20));

    // Rubric text is edited in place (the refused weight is put right first).
    type_into_nth(&mut h, "Hệ số", 2, "1");
    type_into_nth(&mut h, "Mô tả mức", 0, "Chưa có điểm mới");
    assert_eq!(
        contest(&h).rounds[0].criteria[0].rubric[0].text,
        "Chưa có điểm mới"
    );
}

#[test]
fn the_sample_is_saved_as_a_copy_where_the_organizer_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ban-sao.ron");
    let mut h = app(FakePicker {
        saves: vec![copy.clone()],
        ..Default::default()
    });
    h.state_mut().act(Action::OpenSample);
    h.run();
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    h.run();
    assert!(h.state().doc.as_ref().unwrap().dirty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    // Saved where asked; from now on it is that file.
    let saved = store::load_session(&copy).unwrap();
    assert!(saved.decisions.is_empty());
    assert!(
        giamkhao::scoring::compute(&saved)[0].provisional,
        "the saved file holds the undone decision: the tie is open again"
    );
    let doc = h.state().doc.as_ref().unwrap();
    assert!(!doc.dirty);
    assert_eq!(doc.origin, giamkhao::app::Origin::File(copy));
    // The bundled sample itself still has its decision.
    assert_eq!(store::load_session(Path::new(SAMPLE)).unwrap().decisions.len(), 1);
}

#[test]
fn previewing_a_method_leaves_the_rules_until_applied() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    let saved_results = h.state().doc.as_ref().unwrap().results.clone();
    let shown_74 = |h: &Harness<'static, GiamkhaoApp>| h.query_all_by_label("74,00").count();
    let before = shown_74(&h);
    h.get_by_label("Xem thử cách tính").click();
    h.run();
    h.get_by_label("Trung vị").click();
    h.run();
    assert!(h.query_by_label_contains("Chỉ xem thử").is_some());
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.contest().rules.method, giamkhao::model::Method::Mean);
    assert_eq!(doc.results, saved_results);
    assert!(!doc.dirty);
    // The preview shows median scores: DA09's six totals 75, 72.5, 50, 78, 73, 77.5 → 74.
    assert!(shown_74(&h) > before);
    h.get_by_label("Áp dụng vào quy chế").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.contest().rules.method, giamkhao::model::Method::Median);
    assert_eq!(
        doc.results[0].row("DA09").unwrap().score,
        Some(Points::from_int(74))
    );
    assert!(doc.dirty);
}

#[test]
fn the_organizer_adds_a_final_round() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Cuộc thi").click();
    h.run();
    pick(&mut h, "Thêm vòng");
    let doc = h.state().doc.as_ref().unwrap();
    let rounds = &doc.contest().rounds;
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0].advancement.as_ref().map(|a| a.top_n), Some(10));
    // The first round now sends its top ten on; the new round has them, not yet scored.
    let advanced = doc.results[0].scopes[0]
        .rows
        .iter()
        .filter(|r| r.advanced == Some(true))
        .count();
    assert_eq!(advanced, 10);
    assert_eq!(doc.results[1].scopes[0].rows.len(), 10);
    assert!(doc.results[1].scopes[0].rows.iter().all(|r| r.rank.is_none()));
    h.get_by_label("Hoàn tác").click();
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().contest().rounds.len(), 1);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    h.run();
    let request_close = |h: &mut Harness<'static, GiamkhaoApp>| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.run();
    };
    request_close(&mut h);
    assert!(h.query_by_label("Lưu thay đổi trước khi đóng?").is_some());
    // Cancel keeps everything as it was.
    h.get_by_label("Hủy").click();
    h.run();
    assert!(h.query_by_label("Lưu thay đổi trước khi đóng?").is_none());
    assert!(h.state().doc.as_ref().unwrap().dirty);
    // Save and close writes the file first.
    request_close(&mut h);
    h.get_by_label("Lưu rồi đóng").click();
    h.run();
    assert!(store::load_session(&session).unwrap().decisions.is_empty());
    assert!(h.state().allow_close);
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'static, GiamkhaoApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_path_buf())));
    h.run();
}

/// Judge gk6's chung khảo sheet handed in again with a comment added to its first entry, saved at
/// `path`.
fn corrected_sheet(s: &giamkhao::model::Session, path: &Path) -> PathBuf {
    let mut sheet = s.sheet("chung-khao", "gk6").unwrap().clone();
    sheet.entries[0].comment = "Nhận xét thêm sau buổi bảo vệ".into();
    sheet.entries[0].revision += 1;
    store::save_scoresheet(path, &giamkhao::model::ScoresheetFile::new(sheet)).unwrap();
    path.to_path_buf()
}

/// The comment on the first entry of judge gk6's chung khảo sheet in the session open in `h`.
fn gk6_comment(h: &Harness<'static, GiamkhaoApp>) -> String {
    let session = h.state().doc.as_ref().unwrap().session().unwrap();
    session.sheet("chung-khao", "gk6").unwrap().entries[0]
        .comment
        .clone()
}

#[test]
fn dropping_files_merges_scoresheets_and_opens_packets() {
    let (dir, session) = scratch();
    let s = store::load_session(&session).unwrap();
    let sheet_path = corrected_sheet(&s, &dir.path().join("gk6.ron"));
    let packet_path = dir.path().join("goi-gk6.ron");
    store::save_packet(&packet_path, &store::make_packet(&s, "gk6", None).unwrap()).unwrap();

    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    drop_file(&mut h, &sheet_path);
    assert!(
        h.query_by_label_contains(
            "gk6.ron: giám khảo TS. Đỗ Thị Lan Anh (vòng Chung khảo) — 0 mới, 1 cập nhật"
        )
        .is_some()
    );
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(gk6_comment(&h), "Nhận xét thêm sau buổi bảo vệ");

    drop_file(&mut h, &packet_path);
    assert_eq!(h.state().doc.as_ref().unwrap().role(), giamkhao::app::Role::Judge);
    assert_eq!(h.state().screen, Screen::Scoring);
}

/// A scoresheet opened like any file (double-clicked, on the command line, in *Open*): merged into
/// the session open here; with none here, into the last session, opened first; with no session at
/// all, a message saying how, in both languages, and the sheet untouched.
#[test]
fn opening_a_scoresheet_merges_it_into_the_session_here_or_the_last_one() {
    let (dir, session) = scratch();
    let s = store::load_session(&session).unwrap();
    let sheet_path = corrected_sheet(&s, &dir.path().join("gk6.gkphieu"));
    let sheet_bytes = fs::read(&sheet_path).unwrap();
    let open_sheet = |h: &mut Harness<'static, GiamkhaoApp>| {
        h.state_mut().act(Action::OpenPath {
            path: sheet_path.clone(),
            read_only: false,
        });
        h.run();
    };

    // A session open here: merged into it, and the report says so.
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    open_sheet(&mut h);
    assert!(
        h.query_by_label_contains("gk6.gkphieu: giám khảo TS. Đỗ Thị Lan Anh")
            .is_some()
    );
    assert_eq!(gk6_comment(&h), "Nhận xét thêm sau buổi bảo vệ");
    assert!(h.state().doc.as_ref().unwrap().dirty);
    drop(h);

    // Nothing open (giamkhao started by the double-click): the last session, opened and merged into.
    let last = session.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            install_fonts(&cc.egui_ctx);
            let settings = Settings {
                name: "Trần Thư Ký".into(),
                last: Some(last),
                ..Settings::default()
            };
            GiamkhaoApp::with(settings, Box::new(FakePicker::default()))
        });
    open_sheet(&mut h);
    assert_eq!(
        h.state().doc.as_ref().unwrap().origin,
        giamkhao::app::Origin::File(fs::canonicalize(&session).unwrap())
    );
    assert_eq!(gk6_comment(&h), "Nhận xét thêm sau buổi bảo vệ");
    drop(h);

    // No session anywhere: nothing merged, and how to do it, in both languages.
    let mut h = app(FakePicker::default());
    open_sheet(&mut h);
    assert!(h.state().doc.is_none());
    let (said, error) = h.state().status.clone().unwrap();
    assert!(error && said.contains("phiếu chấm này chưa được gộp"), "{said}");
    assert!(said.contains("gk6.gkphieu"), "{said}");
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    let (said, _) = h.state().status.clone().unwrap();
    assert!(said.contains("this scoresheet was not merged"), "{said}");
    assert_eq!(fs::read(&sheet_path).unwrap(), sheet_bytes);
}

#[test]
fn ctrl_f_goes_to_the_search_field() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert_eq!(h.state().screen, Screen::Submissions);
    assert!(h.get_by_role_and_label(Role::TextInput, "Tìm kiếm").is_focused());
    h.get_by_role_and_label(Role::TextInput, "Tìm kiếm")
        .type_text("dong");
    h.run();
    let state = h.state_mut();
    let shown = state.views.submissions.visible(state.doc.as_ref().unwrap());
    let subs = state.doc.as_ref().unwrap().submissions();
    // "dong" finds "Đông", "động", "đồng"… whatever the accents, and only those.
    assert!(!shown.is_empty());
    for &i in &shown {
        let s = &subs[i];
        let folded = giamkhao::text::fold(&format!(
            "{} {} {} {} {} {}",
            s.id,
            s.title,
            s.organization,
            s.leader,
            s.sector,
            s.members.join(" ")
        ));
        assert!(folded.contains("dong"), "{}", s.id);
    }
}

#[test]
fn a_new_contest_starts_from_the_hai_phong_template() {
    let mut h = app(FakePicker::default());
    h.state_mut().act(Action::OpenSample);
    h.run();
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_label("Cuộc thi mới (mẫu Hải Phòng)").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(h.state().screen, Screen::Contest);
    assert_eq!(doc.origin, giamkhao::app::Origin::New);
    assert!(doc.submissions().is_empty());
    let contest = doc.contest();
    let tiers: Vec<(&str, i64)> = contest
        .awards
        .tiers
        .iter()
        .map(|t| (t.name.as_str(), t.count))
        .collect();
    assert_eq!(
        tiers,
        vec![("Nhất", 1), ("Nhì", 2), ("Ba", 3), ("Khuyến khích", 4)]
    );
    assert_eq!(contest.rounds[0].maximum_total(), Points::from_int(100));
    assert_ne!(
        contest.id,
        store::load_session(Path::new(SAMPLE)).unwrap().contest.id,
        "a new contest gets its own id"
    );
}

#[test]
fn ctrl_z_and_ctrl_y_undo_and_redo() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    h.run();
    let decisions = |h: &Harness<'static, GiamkhaoApp>| {
        h.state().doc.as_ref().unwrap().session().unwrap().decisions.len()
    };
    assert_eq!(decisions(&h), 0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(decisions(&h), 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(decisions(&h), 0);
}

#[test]
fn the_audit_log_filters_by_judge_submission_and_kind() {
    use giamkhao::app::screens::audit::{View, matches};
    use giamkhao::model::AuditKind;
    let s = store::load_session(Path::new(SAMPLE)).unwrap();
    let count = |v: &View| s.audit.iter().filter(|e| matches(e, v)).count();
    assert_eq!(count(&View::default()), s.audit.len());
    assert_eq!(
        count(&View {
            kind: Some(AuditKind::Merge),
            ..Default::default()
        }),
        6
    );
    assert_eq!(
        count(&View {
            judge: Some("gk3".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(&View {
            submission: "da14".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(&View {
            submission: "da14".into(),
            kind: Some(AuditKind::Merge),
            ..Default::default()
        }),
        0
    );
}

/// Every text the window shows now (a label's text is its accesskit value).
fn labels(h: &Harness<'static, GiamkhaoApp>) -> Vec<String> {
    h.query_all_by(|_| true)
        .filter_map(|n| {
            let node = n.accesskit_node();
            if node.role() == Role::Label {
                node.value()
            } else {
                node.label()
            }
        })
        .collect()
}

/// Every text of `all` is on screen, as a whole label, and no label holds any of `none`.
fn shows_all_and_none(h: &Harness<'static, GiamkhaoApp>, all: &[String], none: &[&str]) {
    let shown = labels(h);
    for text in all {
        assert!(shown.contains(text), "«{text}» is not on screen: {shown:#?}");
    }
    for text in none {
        assert!(
            !shown.iter().any(|l| l.contains(text)),
            "«{text}» is on screen: {shown:#?}"
        );
    }
}

#[test]
fn the_audit_log_reads_in_words_with_names_in_the_ui_language() {
    use giamkhao::model::{Decision, Method, TieTarget};
    let (_dir, session) = scratch();
    let s = store::load_session(&session).unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    // The council takes its decision again, a score is typed again and a rule changed, as the app
    // records them.
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    h.state_mut()
        .act(Action::Edit(giamkhao::app::Edit::Decide(Decision {
            round: "chung-khao".into(),
            category: None,
            target: TieTarget::Tier("ba".into()),
            members: vec!["DA14".into(), "DA20".into()],
            resolution: Resolution::Order(vec!["DA20".into(), "DA14".into()]),
            by: "Trần Thư Ký".into(),
            at: jiff::Timestamp::now(),
            reason: "Biểu quyết 4/6".into(),
        })));
    let before = s
        .sheet("chung-khao", "gk3")
        .unwrap()
        .entry("DA14")
        .unwrap()
        .scores["tc1"];
    assert_ne!(before, Points::parse("19.5").unwrap());
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Score {
        round: "chung-khao".into(),
        judge: "gk3".into(),
        submission: "DA14".into(),
        criterion: "tc1".into(),
        value: Some(Points::parse("19.5").unwrap()),
    }));
    let mut rules = s.contest.rules.clone();
    rules.method = Method::Median;
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Rules(rules)));
    h.run();
    // What is stored stays plain and parseable: no Rust debug output.
    let log = &h.state().doc.as_ref().unwrap().session().unwrap().audit;
    let decision = log
        .iter()
        .rev()
        .find(|e| e.kind == giamkhao::model::AuditKind::Decision)
        .unwrap();
    assert_eq!(decision.target, "round chung-khao / tier ba / DA14, DA20");
    assert_eq!(decision.new.as_deref(), Some("order DA20 > DA14"));
    let rule = log.last().unwrap();
    assert_eq!(rule.target, "rules / method");
    assert_eq!(
        (rule.old.as_deref(), rule.new.as_deref()),
        (Some("mean"), Some("median"))
    );

    h.get_by_label("Nhật ký").click();
    h.run();
    let da14 = "DA14 Nhà hàng không chạm phục vụ bằng robot";
    let da20 = "DA20 Thiết bị đo độ mặn cho ao nuôi tôm";
    shows_all_and_none(
        &h,
        &[
            format!("Vòng Chung khảo · Ông Lê Minh Đức · {da14} · Tính mới và sáng tạo"),
            "19,5".into(),
            "nhập trên ứng dụng".into(),
            format!("Vòng Chung khảo · Giải Ba · {da14}, {da20}"),
            format!("{da20} xếp trên {da14}"),
            "nhập trên ứng dụng; lý do: Biểu quyết 4/6".into(),
            "Quy tắc tính điểm · Cách tính".into(),
            "trung bình cộng".into(),
            "trung vị".into(),
            "Vòng Chung khảo · TS. Trần Thị Thu Hương".into(),
            "24 mới, 0 cập nhật, 0 xung đột".into(),
            "gộp từ gk2.ron".into(),
            "24 dự án".into(),
            "Hủy quyết định".into(),
        ],
        &[
            "round ",
            "judge ",
            "Tier(",
            "Order(",
            "Some(",
            "19.5",
            "added",
            "conflicts",
            "merge of",
            "submissions",
        ],
    );
    // The stored text is there for auditors, on hover.
    h.get_all_by_label(&format!("Vòng Chung khảo · Giải Ba · {da14}, {da20}"))
        .next()
        .unwrap()
        .hover();
    h.run();
    assert!(
        h.query_by_label_contains("Lưu trong tệp: round chung-khao / tier ba / DA14, DA20")
            .is_some()
    );

    h.get_by_label("English").click();
    h.run();
    shows_all_and_none(
        &h,
        &[
            format!("Round Chung khảo · Ông Lê Minh Đức · {da14} · Tính mới và sáng tạo"),
            "19.5".into(),
            "typed in the app".into(),
            format!("Round Chung khảo · Tier Ba · {da14}, {da20}"),
            format!("{da20} ahead of {da14}"),
            "typed in the app; reason: Biểu quyết 4/6".into(),
            "Scoring rules · Method".into(),
            "mean".into(),
            "median".into(),
            "24 added, 0 updated, 0 conflicts".into(),
            "merged from gk2.ron".into(),
            "24 submissions".into(),
            "Decision withdrawn".into(),
        ],
        &[
            "dự án",
            "xếp trên",
            "nhập trên ứng dụng",
            "gộp từ",
            "Vòng ",
            "19,5",
            "round ",
            "Tier(",
        ],
    );
}

#[test]
fn the_organizer_imports_registrations_through_the_mapping_step_and_exports() {
    let (dir, session) = scratch();
    let file = dir.path().join("dang-ky.csv");
    fs::write(&file, "Cột A;Trưởng nhóm;Bảng\nRobot hái vải thiều;Đặng Văn Mạnh;sv\n;Không tên;sv\nẤm trà thông minh;Lý Thu Hà;Bảng Z\n").unwrap();
    let picker = FakePicker {
        files: vec![file],
        ..Default::default()
    };
    let asked = std::sync::Arc::clone(&picker.asked);
    let mut h = app(picker);
    open(&mut h, &session, false);
    menu(&mut h, "Nhập danh sách đăng ký");
    until_read(&mut h);
    // The dialog listed spreadsheets, not giamkhao's own files.
    assert_eq!(asked.lock().unwrap().last(), Some(&Filter::Registrations));
    // No title column could be guessed: the dialog asks for one and lists the bad rows.
    assert!(h.query_by_label("Cần chọn cột tên dự án.").is_some());
    h.get_by_label("Cột cho Tên dự án").click();
    h.run();
    h.get_by_label("Cột A").click();
    h.run();
    assert!(h.query_by_label("Cần chọn cột tên dự án.").is_none());
    assert!(h.query_by_label_contains("Dòng 3: thiếu tên dự án").is_some());
    assert!(
        h.query_by_label_contains("Dòng 4: cuộc thi không có bảng «Bảng Z»")
            .is_some()
    );
    assert!(h.query_by_label("Robot hái vải thiều").is_some(), "preview");
    h.get_by_label("Nhập các dòng hợp lệ").click();
    h.run();
    assert!(
        h.query_by_label("Đã nhập dang-ky.csv: 1 dự án mới hoặc thay đổi")
            .is_some(),
        "{:?}",
        h.state().status
    );
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.submissions().len(), 25);
    let added = doc.session().unwrap().submission("DA25").unwrap();
    assert_eq!(
        (added.title.as_str(), added.leader.as_str()),
        ("Robot hái vải thiều", "Đặng Văn Mạnh")
    );
    assert!(
        doc.session()
            .unwrap()
            .audit
            .iter()
            .any(|a| a.target == "submission DA25" && a.note.contains("dang-ky.csv"))
    );
    h.get_by_label("Hoàn tác").click();
    h.run();
    assert_eq!(h.state().doc.as_ref().unwrap().submissions().len(), 24);

    // Export the results for Excel from the menu; the name typed without ".xlsx" gets it.
    let xlsx = dir.path().join("ket-qua.xlsx");
    let picker = FakePicker {
        saves: vec![dir.path().join("ket-qua")],
        ..Default::default()
    };
    let asked = std::sync::Arc::clone(&picker.asked);
    h.state_mut().picker = Box::new(picker);
    menu(&mut h, "Xuất kết quả và danh sách đạt giải ra Excel");
    assert_eq!(asked.lock().unwrap().as_slice(), &[Filter::Excel]);
    assert!(
        h.state()
            .status
            .as_ref()
            .is_some_and(|(m, e)| !e && m.contains("ket-qua.xlsx"))
    );
    use calamine::Reader;
    let book = calamine::open_workbook_auto(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Kết quả", "Đạt giải", "Điểm chi tiết", "Theo giám khảo"]
    );

    // Blank scoresheets for councils that score in Excel: a sheet per judge.
    let blank = dir.path().join("phieu-cham-trong.xlsx");
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![blank.clone()],
        ..Default::default()
    });
    menu(&mut h, "Phiếu chấm trống ra Excel");
    let book = calamine::open_workbook_auto(&blank).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(names[1], "gk1 PGS.TS. Nguyễn Văn Hải");
}

/// A registrations file that takes long to arrive (a named pipe the test writes only when it wants):
/// the app shows what it is reading with a progress bar, stays usable, and stopping imports nothing.
#[cfg(unix)]
#[test]
fn a_slow_registrations_file_shows_progress_and_can_be_stopped() {
    let (dir, session) = scratch();
    let pipe = dir.path().join("dang-ky-lon.csv");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(made.success());
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    let before = h.state().doc.as_ref().unwrap().submissions().len();
    // An animated bar repaints for ever: step frames instead of running until it settles.
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(pipe.clone())));
    h.run_steps(3);
    assert!(h.query_by_label("Đang đọc dang-ky-lon.csv").is_some());
    assert!(h.query_by_label("0 dòng đã đọc").is_some());
    assert!(
        !h.get_by_role(Role::ProgressIndicator)
            .accesskit_node()
            .is_hidden()
    );
    h.get_by_label("Dừng").click();
    h.run_steps(2);
    assert!(h.query_by_label("Đang đọc dang-ky-lon.csv").is_none());
    assert!(h.state().reading.is_none());
    assert!(
        h.state()
            .status
            .as_ref()
            .is_some_and(|(m, e)| !e && m == "Đã dừng đọc tệp; chưa nhập gì.")
    );
    // The file arrives after all; the stopped reading is dropped, not shown or imported.
    fs::write(&pipe, "Tên dự án\nDự án đến muộn\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    h.run();
    assert!(h.state().registrations.is_none());
    assert_eq!(h.state().doc.as_ref().unwrap().submissions().len(), before);
}

#[test]
fn the_organizer_finalizes_an_auditor_verifies_and_unsealing_needs_a_reason() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    // A session opens on Results.
    open(&mut h, &session, false);
    h.get_by_label("Hoàn tất và niêm phong…").click();
    h.run();
    assert!(h.query_by_label_contains("Sau đó phiên chỉ đọc").is_some());
    h.get_by_label("Niêm phong").click();
    h.run();
    // Sealed and saved at once.
    let saved = store::load_session(&session).unwrap();
    let digest = saved.seal.as_ref().expect("sealed on disk").digest.clone();
    // On the Results screen and in the status bar.
    let shown = format!("Niêm phong SHA-256: {digest}");
    assert_eq!(h.query_all_by_label_contains(&shown).count(), 2);
    assert!(!h.state().doc.as_ref().unwrap().dirty);
    // Read-only now: the editor is disabled, and an edit that reaches the app is refused.
    h.get_by_label("Cuộc thi").click();
    h.run();
    for field in h.get_all_by_role_and_label(Role::TextInput, "Tối đa") {
        assert!(field.accesskit_node().is_disabled());
    }
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    assert!(
        h.state()
            .status
            .as_ref()
            .is_some_and(|(m, e)| *e && m.contains("Phiên đã niêm phong"))
    );
    assert_eq!(
        h.state().doc.as_ref().unwrap().session().unwrap().decisions.len(),
        1
    );

    // An auditor opens the file and verifies it, with the digest copied from paper.
    let mut a = app(FakePicker::default());
    open(&mut a, &session, true);
    assert!(a.query_by_label("Hoàn tất và niêm phong…").is_none());
    assert!(
        a.query_by_label("Mở niêm phong…").is_none(),
        "only organizers unseal"
    );
    a.get_by_label("Kiểm tra…").click();
    a.run();
    a.get_by_role_and_label(Role::TextInput, "Mã trên biên bản giấy (không bắt buộc)")
        .focus();
    a.run();
    a.get_by_role_and_label(Role::TextInput, "Mã trên biên bản giấy (không bắt buộc)")
        .type_text(&digest.to_uppercase());
    a.run();
    a.get_by_label("Kiểm tra").click();
    a.run();
    assert!(
        a.query_by_label_contains("[ĐÚNG] Mã trên giấy khớp với niêm phong")
            .is_some()
    );
    assert!(
        a.query_by_label_contains("[ĐÚNG] Kết quả đã lưu đúng bằng kết quả tính lại")
            .is_some()
    );
    assert!(a.query_by_label_contains("[SAI]").is_none());

    // Unsealing asks for a reason (the button waits for one) and logs it.
    h.state_mut().act(Action::Navigate(Screen::Results));
    h.run();
    h.get_by_label("Mở niêm phong…").click();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::Button, "Mở niêm phong")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_role_and_label(Role::MultilineTextInput, "Lý do mở niêm phong")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Lý do mở niêm phong")
        .type_text("Sai tên đơn vị của DA05 trên biên bản");
    h.run();
    h.get_by_role_and_label(Role::Button, "Mở niêm phong").click();
    h.run();
    let saved = store::load_session(&session).unwrap();
    assert!(saved.seal.is_none());
    let last = saved.audit.last().unwrap();
    assert_eq!(last.kind, giamkhao::model::AuditKind::Unseal);
    assert_eq!(last.note, "Sai tên đơn vị của DA05 trên biên bản");
    assert_eq!(last.old.as_deref(), Some(digest.as_str()));
}

#[test]
fn whoever_seals_gives_their_name_which_the_seal_the_log_and_next_time_keep() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Hoàn tất và niêm phong…").click();
    h.run();
    let field = "Họ tên người thực hiện";
    // It starts as the name given last time; without a name the seal cannot be made.
    assert_eq!(h.state().user.as_deref(), Some("Trần Thư Ký"));
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, field)
            .accesskit_node()
            .value()
            .as_deref(),
        Some("Trần Thư Ký")
    );
    h.get_by_role_and_label(Role::TextInput, field).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    assert!(h.get_by_label("Niêm phong").accesskit_node().is_disabled());
    // Typed with combining marks, as Unikey's "Unicode tổ hợp" sends it; kept as composed letters.
    let typed = "Nguye\u{0302}\u{0303}n Thi\u{0323} Thu\u{031b} Ky\u{0301}";
    type_into(&mut h, field, typed, egui::Key::Tab);
    h.get_by_label("Niêm phong").click();
    h.run();
    let saved = store::load_session(&session).unwrap();
    assert_eq!(saved.seal.as_ref().unwrap().by, "Nguyễn Thị Thư Ký");
    let last = saved.audit.last().unwrap();
    assert_eq!(last.kind, giamkhao::model::AuditKind::Seal);
    assert_eq!(last.by, "Nguyễn Thị Thư Ký");
    assert_eq!(h.state().settings.name, "Nguyễn Thị Thư Ký");
    // Unsealing starts with the same name.
    h.get_by_label("Mở niêm phong…").click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, field)
            .accesskit_node()
            .value()
            .as_deref(),
        Some("Nguyễn Thị Thư Ký")
    );
    // And so does the app next time, from its settings.
    let settings = h.state().settings.clone();
    let next = GiamkhaoApp::with(settings, Box::new(FakePicker::default()));
    assert_eq!(next.user.as_deref(), Some("Nguyễn Thị Thư Ký"));
}

#[test]
fn text_typed_with_combining_marks_is_kept_as_composed_letters() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    let sheet = h.state().doc.as_ref().unwrap().session().unwrap().scoresheets[0].clone();
    let submission = sheet.entries[0].submission.clone();
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Comment {
        round: sheet.round.clone(),
        judge: sheet.judge.clone(),
        submission: submission.clone(),
        text: "Y\u{0301} tu\u{031b}o\u{031b}\u{0309}ng ha\u{0309}i sa\u{0309}n to\u{0302}\u{0301}t".into(),
    }));
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    let now = doc.session().unwrap().scoresheets[0].entry(&submission).unwrap();
    assert_eq!(now.comment, "Ý tưởng hải sản tốt");
}

#[test]
fn sealing_the_sample_asks_where_to_save_and_a_cancelled_save_leaves_it_unsealed() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ket-qua.ron");
    // The first save dialog is cancelled (the fake has no answer for it), the second gives a path.
    let mut h = app(FakePicker::default());
    h.state_mut().act(Action::OpenSample);
    h.run();
    h.get_by_label("Hoàn tất và niêm phong…").click();
    h.run();
    assert!(
        h.query_by_label_contains("phiên chưa có tệp sẽ hỏi nơi lưu")
            .is_some()
    );
    h.get_by_label("Niêm phong").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.sealed().is_none(), "a seal that was not saved is taken back");
    assert!(doc.editable());
    assert!(h.state().status.as_ref().is_some_and(|(m, e)| *e
        && m == "Chưa niêm phong: phiên chưa được lưu vào tệp. Niêm phong chỉ có hiệu lực khi đã lưu."));
    assert!(h.query_by_label("Hoàn tất và niêm phong…").is_some());

    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![copy.clone()],
        ..Default::default()
    });
    h.get_by_label("Hoàn tất và niêm phong…").click();
    h.run();
    h.get_by_label("Niêm phong").click();
    h.run();
    let saved = store::load_session(&copy).unwrap();
    let seal = saved.seal.as_ref().expect("sealed in the chosen file");
    assert!(store::seal::verify(&saved, None).ok());
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(
        doc.sealed().map(|s| s.digest.as_str()),
        Some(seal.digest.as_str())
    );
    assert_eq!(doc.origin, giamkhao::app::Origin::File(copy));
    // The bundled sample itself is not sealed.
    assert!(store::load_session(Path::new(SAMPLE)).unwrap().seal.is_none());
}

#[test]
fn after_a_crash_unsaved_changes_are_offered_back() {
    let (dir, session) = scratch();
    let kept = dir.path().join("recovery");
    let before = fs::read(&session).unwrap();
    {
        let mut h = app(FakePicker::default());
        h.state_mut().recover_from(kept.clone());
        open(&mut h, &session, false);
        // An unsaved change: the council's decision taken back.
        h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
        h.run();
        assert!(h.state().doc.as_ref().unwrap().dirty);
        // The app dies here without saving (the harness is dropped, nothing runs on the way out).
    }
    assert_eq!(
        fs::read(&session).unwrap(),
        before,
        "the session file was not touched"
    );

    let mut h = app(FakePicker::default());
    h.state_mut().recover_from(kept.clone());
    h.run();
    assert!(h.query_by_label("Khôi phục thay đổi chưa lưu?").is_some());
    assert!(
        h.query_by_label_contains(&session.display().to_string())
            .is_some()
    );
    h.get_by_label("Khôi phục").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.dirty, "recovered changes are unsaved until saved");
    assert!(doc.session().unwrap().decisions.is_empty(), "the change is back");
    assert_eq!(doc.origin, giamkhao::app::Origin::File(session.clone()));
    assert!(
        doc.session()
            .unwrap()
            .audit
            .iter()
            .any(|a| a.kind == giamkhao::model::AuditKind::Decision),
        "with its audit entry"
    );
    // Saved: the file has it, and nothing is offered again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(store::load_session(&session).unwrap().decisions.is_empty());
    let mut again = app(FakePicker::default());
    again.state_mut().recover_from(kept.clone());
    again.run();
    assert!(again.query_by_label("Khôi phục thay đổi chưa lưu?").is_none());
    assert!(again.state().recoveries.is_empty());
}

#[test]
fn discarding_on_close_or_at_the_offer_leaves_nothing_to_recover() {
    let (dir, session) = scratch();
    let kept = dir.path().join("recovery");
    let mut h = app(FakePicker::default());
    h.state_mut().recover_from(kept.clone());
    open(&mut h, &session, false);
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    h.run();
    assert_eq!(giamkhao::store::recovery::list(&kept).len(), 1);
    h.state_mut().discard_changes();
    assert!(giamkhao::store::recovery::list(&kept).is_empty());

    // Offered, and dropped.
    let mut rules = h.state().doc.as_ref().unwrap().contest().rules.clone();
    rules.min_judges = 4;
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Rules(rules)));
    h.run();
    drop(h);
    let mut h = app(FakePicker::default());
    h.state_mut().recover_from(kept.clone());
    h.run();
    h.get_by_label("Bỏ đi").click();
    h.run();
    assert!(h.query_by_label("Khôi phục thay đổi chưa lưu?").is_none());
    assert!(giamkhao::store::recovery::list(&kept).is_empty());
    assert_eq!(store::load_session(&session).unwrap().contest.rules.min_judges, 3);
}

/// Types into the paper grid's field for `submission` and the criterion named `criterion`.
fn paper_field(h: &mut Harness<'static, GiamkhaoApp>, submission: &str, criterion: &str, value: &str) {
    type_into(h, &format!("{submission} {criterion}"), value, egui::Key::Tab);
}

#[test]
fn a_paper_sheet_typed_twice_counts_only_when_both_match() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Phiếu giấy").click();
    h.run();
    h.get_by_label("Phiếu của giám khảo").click();
    h.run();
    h.get_by_label("Ông Lê Minh Đức").click();
    h.run();
    let criteria = [
        ("Tính mới và sáng tạo", "15"),
        ("Tính khả thi của mô hình kinh doanh", "14,5"),
        ("Thị trường và khách hàng", "11"),
        ("Năng lực đội ngũ", "10"),
        ("Tác động xã hội và môi trường", "12"),
        ("Khả năng mở rộng và tăng trưởng", "9,5"),
    ];
    // First typing.
    h.get_by_label("Lần nhập 1").click();
    h.run();
    for (c, v) in criteria {
        paper_field(&mut h, "DA01", c, v);
    }
    // A score off the scale is refused and not kept.
    paper_field(&mut h, "DA02", "Năng lực đội ngũ", "16");
    assert!(h.query_by_label_contains("Điểm phải từ 0 đến 15").is_some());
    // Finishing waits until it is put right (here: left blank, as on the paper).
    assert!(
        h.get_by_label("Đánh dấu lần nhập này đã xong")
            .accesskit_node()
            .is_disabled()
    );
    let blank = "DA02 Năng lực đội ngũ";
    h.get_by_role_and_label(Role::TextInput, blank).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Tab);
    h.run();
    pick(&mut h, "Đánh dấu lần nhập này đã xong");
    // Finished: locked until opened again.
    assert!(
        h.get_by_role_and_label(Role::TextInput, "DA01 Tính mới và sáng tạo")
            .accesskit_node()
            .is_disabled()
    );
    // Second typing, blind, with one slip.
    h.get_by_label("Lần nhập 2").click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "DA01 Tính mới và sáng tạo")
            .value()
            .as_deref(),
        Some(""),
        "the second typing does not see the first"
    );
    for (c, v) in criteria {
        let v = if c == "Thị trường và khách hàng" {
            "1"
        } else {
            v
        };
        paper_field(&mut h, "DA01", c, v);
    }
    // Until the second typing is finished too, nothing of the first one shows: no comparison, no
    // value of it anywhere on screen.
    assert!(h.query_by_label_contains("≠").is_none());
    assert!(h.query_by_label_contains("Lần nhập 1 11").is_none());
    assert!(
        h.query_by_label_contains("so sánh khi cả hai đã đánh dấu xong")
            .is_some()
    );
    let confirm = "Xác nhận phiếu (tính điểm)";
    assert!(h.get_by_label(confirm).accesskit_node().is_disabled());
    pick(&mut h, "Đánh dấu lần nhập này đã xong");
    assert!(
        h.query_by_label("DA01 · Thị trường và khách hàng: Lần nhập 1 11 ≠ Lần nhập 2 1")
            .is_some()
    );
    assert!(h.get_by_label(confirm).accesskit_node().is_disabled());
    let before = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .session()
        .unwrap()
        .sheet("chung-khao", "gk3")
        .unwrap()
        .clone();
    // The slip fixed against the paper (the second typing opened again, corrected, finished): both
    // match, and the sheet counts.
    pick(&mut h, "Mở lại để sửa");
    paper_field(&mut h, "DA01", "Thị trường và khách hàng", "11");
    pick(&mut h, "Đánh dấu lần nhập này đã xong");
    assert!(h.query_by_label("Hai lần nhập khớp nhau.").is_some());
    h.get_by_label(confirm).click();
    h.run();
    let s = h.state().doc.as_ref().unwrap().session().unwrap().clone();
    let entry = s.sheet("chung-khao", "gk3").unwrap().entry("DA01").unwrap();
    assert_eq!(entry.scores["tc2"], Points::parse("14.5").unwrap());
    assert_eq!(entry.scores["tc3"], Points::from_int(11));
    assert!(entry.revision > before.entry("DA01").unwrap().revision);
    // Both typings are in the log, field by field, and the counted score says it came from paper.
    let typed: Vec<&giamkhao::model::AuditEntry> = s
        .audit
        .iter()
        .filter(|a| a.target.starts_with("paper entry") && a.target.ends_with("criterion tc3"))
        .collect();
    let news: Vec<Option<&str>> = typed.iter().map(|a| a.new.as_deref()).collect();
    assert_eq!(news, vec![Some("11"), Some("1"), Some("11")]);
    let history = store::audit::score_history(&s.audit, "chung-khao", "gk3", "DA01", "tc3");
    assert_eq!(
        store::audit::channel(history.last().unwrap()),
        store::audit::Channel::Paper
    );
}

// ---- Issue 10: what a new organizer and judge ran into ----

/// What the Contest screen's field named `label` shows.
fn field_value(h: &Harness<'static, GiamkhaoApp>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

#[test]
fn the_contest_screen_shows_the_open_document_and_never_writes_another_into_it() {
    let sample = store::load_session(Path::new(SAMPLE)).unwrap();
    let (_dir, other) = scratch();
    // Another file, with its own name and one judge less.
    let mut b = store::load_session(&other).unwrap();
    b.contest.name = "Cuộc thi B".into();
    store::save_session(&other, &mut b).unwrap();

    // New contest, then the sample; and another file, then the sample: the Contest screen shows the
    // sample each time, and editing a field changes only that field.
    for first in [
        Action::NewContest,
        Action::OpenPath {
            path: other.clone(),
            read_only: false,
        },
    ] {
        let mut h = app(FakePicker::default());
        h.state_mut().act(first);
        h.run();
        h.get_by_label("Cuộc thi").click();
        h.run();
        assert_ne!(field_value(&h, "Tên cuộc thi"), sample.contest.name);
        menu(&mut h, "Mở cuộc thi mẫu");
        h.get_by_label("Cuộc thi").click();
        h.run();
        assert_eq!(field_value(&h, "Tên cuộc thi"), sample.contest.name);
        type_into(&mut h, "Địa điểm", "Nhà hát Thành phố Hải Phòng", egui::Key::Tab);
        let doc = h.state().doc.as_ref().unwrap();
        let mut expected = sample.contest.clone();
        expected.place = "Nhà hát Thành phố Hải Phòng".into();
        assert_eq!(doc.contest(), &expected);
        let log = &doc.session().unwrap().audit;
        assert_eq!(log.len(), sample.audit.len() + 1, "one change, the place");
        assert_eq!(log.last().unwrap().target, "contest / place");
    }
}

#[test]
fn a_new_contest_keeps_the_template_but_none_of_the_samples_people_or_date() {
    let mut h = app(FakePicker::default());
    menu(&mut h, "Cuộc thi mới (mẫu Hải Phòng)");
    let contest = h.state().doc.as_ref().unwrap().contest().clone();
    assert_eq!(contest.name, "Cuộc thi mới");
    assert!(contest.judges.is_empty(), "{:?}", contest.judges);
    assert!(
        contest
            .rounds
            .iter()
            .all(|r| r.judges.is_empty() && r.assignments.is_empty())
    );
    assert_eq!(contest.organizer, "");
    assert_eq!(contest.place, "");
    assert_eq!(contest.date, None);
    // The template itself: criteria, tiers, categories.
    let sample = store::load_session(Path::new(SAMPLE)).unwrap().contest;
    assert_eq!(contest.rounds[0].criteria, sample.rounds[0].criteria);
    assert_eq!(contest.awards, sample.awards);
    assert_eq!(contest.categories, sample.categories);
    h.get_by_label("Cuộc thi").click();
    h.run();
    assert_eq!(field_value(&h, "Đơn vị tổ chức"), "");
}

/// A maximized window on a 1366×768 laptop at 125 % and at 150 %, in points: the screen less
/// Windows' taskbar (40 px at 100 %) and the window's title bar (about 30 px), both scaled too.
const LAPTOP_WINDOWS: [(egui::Vec2, f32); 2] = [
    (egui::vec2(1366.0 / 1.25, 768.0 / 1.25 - 70.0), 1.25),
    (egui::vec2(1366.0 / 1.5, 768.0 / 1.5 - 70.0), 1.5),
];

/// On a judge's or secretary's laptop (1366×768 at 125 % and 150 %, maximized) and in both
/// languages, the Results screen keeps its actions and the top bar's in the window, and the awards
/// table can be scrolled to its last row.
#[test]
fn the_results_screen_fits_a_laptop_at_125_and_150_percent() {
    for (size, scale) in LAPTOP_WINDOWS {
        for lang in [giamkhao::text::Lang::Vi, giamkhao::text::Lang::En] {
            let (_dir, session) = scratch();
            let mut h = app_sized(FakePicker::default(), size, scale);
            // A secretary with a full name of some length, shown in the top bar.
            h.state_mut().user = Some("Nguyễn Thị Thanh Hương".into());
            open(&mut h, &session, false);
            h.state_mut().act(Action::SetLang(lang));
            h.run();
            let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
            let labels: &[&str] = match lang {
                giamkhao::text::Lang::Vi => &[
                    "Tệp",
                    "Trợ giúp",
                    "Tiếng Việt",
                    "English",
                    "Hoàn tất và niêm phong…",
                    "Kiểm tra…",
                ],
                giamkhao::text::Lang::En => &[
                    "File",
                    "Help",
                    "Tiếng Việt",
                    "English",
                    "Finalize and seal…",
                    "Verify…",
                ],
            };
            for label in labels {
                let r = h.get_by_label(label).rect();
                assert!(
                    window.contains_rect(r),
                    "{lang:?} at {scale}: «{label}» at {r:?} is outside {window:?}"
                );
            }
            // The top bar wraps rather than drawing one thing over another.
            let (role, language) = match lang {
                giamkhao::text::Lang::Vi => ("Ban tổ chức", "Ngôn ngữ:"),
                giamkhao::text::Lang::En => ("Organizer", "Language:"),
            };
            let role = h.get_by_label(role).rect();
            let language = h.get_by_label(language).rect();
            assert!(
                !role.intersects(language),
                "{lang:?} at {scale}: the role at {role:?} and the language at {language:?} overlap"
            );
            // The last project of the table is reached with the mouse wheel over the table.
            let result = giamkhao::scoring::compute(&store::load_session(&session).unwrap())
                .pop()
                .unwrap();
            let last = result
                .scopes
                .last()
                .unwrap()
                .rows
                .last()
                .unwrap()
                .submission
                .clone();
            let first = h.get_by_label("DA07").rect().center();
            h.hover_at(first);
            let shown = |h: &Harness<'static, GiamkhaoApp>| {
                h.query_by_label(&last)
                    .is_some_and(|n| window.contains_rect(n.rect()))
            };
            for _ in 0..40 {
                if shown(&h) {
                    break;
                }
                wheel(&mut h, -120.0);
                h.run_steps(5);
            }
            assert!(
                shown(&h),
                "{lang:?} at {scale}: the last row ({last}) cannot be brought into {window:?}"
            );
        }
    }
}

/// A copy of the sample open in a window of `size` at `scale`, in `lang`.
fn sample_on_laptop(
    size: egui::Vec2,
    scale: f32,
    lang: giamkhao::text::Lang,
) -> (tempfile::TempDir, Harness<'static, GiamkhaoApp>) {
    let (dir, session) = scratch();
    let mut h = app_sized(FakePicker::default(), size, scale);
    open(&mut h, &session, false);
    h.state_mut().act(Action::SetLang(lang));
    h.run();
    (dir, h)
}

/// On a laptop (1366×768 at 125 % and 150 %) and in both languages, the audit log's filters wrap
/// inside the window, and its table scrolls sideways, so that its last column (how each entry came in,
/// and why) can be brought into view; before, the filters and the last columns ran off the window.
#[test]
fn the_audit_log_fits_a_laptop_and_scrolls_sideways_to_its_last_column() {
    for (size, scale) in LAPTOP_WINDOWS {
        for lang in [giamkhao::text::Lang::Vi, giamkhao::text::Lang::En] {
            let (_dir, mut h) = sample_on_laptop(size, scale, lang);
            h.state_mut().act(Action::Navigate(Screen::Audit));
            h.run();
            let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
            let (filters, last, decision): (&[&str], &str, &str) = match lang {
                giamkhao::text::Lang::Vi => (
                    &["Lọc theo giám khảo", "Lọc theo dự án", "Loại", "Qua"],
                    "Cách ghi nhận / lý do",
                    "Quyết định",
                ),
                giamkhao::text::Lang::En => (
                    &["Filter by judge", "Filter by submission", "Kind", "Through"],
                    "How / why",
                    "Decision",
                ),
            };
            // Each filter's label and its field (and the column headed the same).
            for label in filters {
                for node in h.get_all_by_label(label) {
                    let r = node.rect();
                    assert!(
                        window.contains_rect(r),
                        "{lang:?} at {scale}: «{label}» at {r:?} is outside {window:?}"
                    );
                }
            }
            let shown = |h: &Harness<'static, GiamkhaoApp>| {
                h.query_by_label(last)
                    .is_some_and(|n| window.contains_rect(n.rect()))
            };
            // Sideways with the wheel (a touchpad's or Shift + wheel), over the table.
            let first = h.get_by_label(decision).rect().center();
            h.hover_at(first);
            for _ in 0..40 {
                if shown(&h) {
                    break;
                }
                h.event(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(-120.0, 0.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: egui::Modifiers::NONE,
                });
                h.run_steps(5);
            }
            assert!(
                shown(&h),
                "{lang:?} at {scale}: the last column «{last}» cannot be brought into {window:?}"
            );
        }
    }
}

/// On a laptop (1366×768 at 125 % and 150 %) and in both languages, what each organizer's screen
/// shows above its table stays in the window, and so does a criterion's "Remove level": before, the
/// Submissions screen's count ("24 / 24 đang hiện") and the Contest screen's "Remove level" buttons
/// ran off the right edge at 150 %.
#[test]
fn every_screens_top_row_stays_in_a_laptop_window() {
    use giamkhao::text::Lang;
    let screens: [(Screen, &[&str], &[&str]); 5] = [
        (
            Screen::Contest,
            &["Xóa mức 1 — Tính mới và sáng tạo"],
            &["Remove level 1 — Tính mới và sáng tạo"],
        ),
        (
            Screen::Submissions,
            &["Tìm kiếm", "24 / 24 đang hiện"],
            &["Search", "24 / 24 shown"],
        ),
        (
            Screen::Progress,
            &["Xuất gói cho tất cả giám khảo…", "Nhập phiếu chấm…"],
            &["Export packets for all judges…", "Import scoresheets…"],
        ),
        (
            Screen::Paper,
            &["Lần nhập 1", "Lần nhập 2"],
            &["First entry", "Second entry"],
        ),
        (
            Screen::Results,
            &["Hoàn tất và niêm phong…", "Kiểm tra…"],
            &["Finalize and seal…", "Verify…"],
        ),
    ];
    for (size, scale) in LAPTOP_WINDOWS {
        let (_dir, session) = scratch();
        let mut h = app_sized(FakePicker::default(), size, scale);
        open(&mut h, &session, false);
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        for lang in [Lang::Vi, Lang::En] {
            h.state_mut().act(Action::SetLang(lang));
            for (screen, vi, en) in &screens {
                h.state_mut().act(Action::Navigate(*screen));
                h.run();
                // Within the window's width: each screen scrolls down, never sideways.
                for label in if lang == Lang::Vi { *vi } else { *en } {
                    let r = h.get_by_label(label).rect();
                    assert!(
                        r.min.x >= window.min.x && r.max.x <= window.max.x,
                        "{lang:?} at {scale} on {screen:?}: «{label}» at {r:?} is beyond {window:?}"
                    );
                }
            }
        }
    }
}

/// One turn of the mouse wheel, `dy` points (negative: down the page), where the pointer is.
fn wheel(h: &mut Harness<'static, GiamkhaoApp>, dy: f32) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
}

/// The app in a window of `size` (logical points) at `scale` pixels per point.
fn app_sized(picker: FakePicker, size: egui::Vec2, scale: f32) -> Harness<'static, GiamkhaoApp> {
    Harness::builder()
        .with_size(size)
        .with_pixels_per_point(scale)
        .build_eframe(move |cc| {
            install_fonts(&cc.egui_ctx);
            let settings = Settings {
                name: "Trần Thư Ký".into(),
                ..Settings::default()
            };
            GiamkhaoApp::with(settings, Box::new(picker))
        })
}

/// Judge gk2's packet of a copy of the sample, written into the copy's folder.
fn packet_of_gk2() -> (tempfile::TempDir, PathBuf) {
    let (dir, session) = scratch();
    let s = store::load_session(&session).unwrap();
    let packet = store::make_packet(&s, "gk2", None).unwrap();
    let path = dir.path().join("goi-gk2.ron");
    store::save_packet(&path, &packet).unwrap();
    (dir, path)
}

/// Started without a file, a judge sees the organizers' sample: a notice says so and where their
/// packet opens, in both languages; it is gone once a file is open. The recusal dialog names the
/// project and says what recusing does. (Both found by a judge trying the installed app.)
#[test]
fn the_sample_tells_a_judge_where_their_packet_opens_and_recusing_names_the_project() {
    let mut h = app(FakePicker::default());
    h.state_mut().act(Action::OpenSample);
    h.run();
    assert!(
        h.query_by_label_contains("Giám khảo: hãy mở gói chấm (.gkgoi)")
            .is_some()
    );
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    assert!(
        h.query_by_label_contains("Judges: open the packet (.gkgoi)")
            .is_some()
    );
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::Vi));

    let (_dir, packet) = packet_of_gk2();
    open(&mut h, &packet, false);
    assert!(h.query_by_label_contains("hãy mở gói chấm").is_none());
    pick(&mut h, "DA05 · ");
    pick(&mut h, "Rút khỏi chấm dự án này");
    // The sheet's heading, and the dialog's line.
    assert_eq!(
        h.query_all_by_label("DA05 — Robot kiểm tra vỏ tàu dưới nước")
            .count(),
        2
    );
    assert!(h.query_by_label_contains("không được tính").is_some());
}

/// A handed-in sheet is signed with this laptop's key, made in the app's data folder when the packet
/// is first opened (About shows its fingerprint), and the message gives its fingerprint; a damaged key file stops the hand-in, says why in the
/// person's language, and is left as it was (issue 13).
#[test]
fn a_handed_in_sheet_is_signed_with_this_laptops_key() {
    let (dir, packet) = packet_of_gk2();
    let data = dir.path().join("du-lieu");
    let sheet = dir.path().join("phieu-gk2.gkphieu");
    let mut h = app(FakePicker {
        saves: vec![sheet.clone(), dir.path().join("khong-nop.gkphieu")],
        ..Default::default()
    });
    h.state_mut().data_dir = Some(data.clone());
    open(&mut h, &packet, false);
    // Opening the packet made this laptop's key; About shows its fingerprint, to read out.
    assert!(data.join(store::signing::KEY_FILE).exists());
    let key = store::signing::load_or_create(&data).unwrap();
    let print = store::signing::fingerprint(key.verifying_key().as_bytes());
    h.get_by_label("Trợ giúp").click();
    h.run();
    h.get_by_label("Giới thiệu giamkhao").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!(
            "Khóa ký phiếu của máy này (đọc cho ban tổ chức khi được hỏi): {print}"
        ))
        .is_some()
    );
    h.get_by_label("Đóng").click();
    h.run();

    pick(&mut h, "Nộp phiếu chấm…");
    let handed = store::load_scoresheet(&sheet).unwrap();
    assert_eq!(
        store::signing::check(&handed),
        store::signing::Check::Valid {
            fingerprint: print.clone()
        }
    );
    let (said, error) = h.state().status.clone().unwrap();
    assert!(
        !error && said.contains(&print) && said.contains("đã ký"),
        "{said}"
    );

    fs::write(data.join(store::signing::KEY_FILE), "hỏng\n").unwrap();
    pick(&mut h, "Nộp phiếu chấm…");
    assert!(!dir.path().join("khong-nop.gkphieu").exists());
    let (said, error) = h.state().status.clone().unwrap();
    assert!(error && said.contains("tệp khóa ký bị hỏng"), "{said}");
    assert_eq!(
        fs::read_to_string(data.join(store::signing::KEY_FILE)).unwrap(),
        "hỏng\n"
    );
}

/// "Nộp phiếu chấm" clicked straight after typing — a comment, or a score not left with Enter or
/// Tab — hands in what is on screen: before, the field was committed only after the sheet had been
/// written, so the handed-in file missed the last thing typed (found by a judge trying the app).
#[test]
fn handing_in_right_after_typing_hands_in_what_was_typed() {
    let (dir, packet) = packet_of_gk2();
    let sheet = dir.path().join("phieu-gk2.gkphieu");
    let mut h = app(FakePicker {
        saves: vec![sheet.clone()],
        ..Default::default()
    });
    open(&mut h, &packet, false);
    pick(&mut h, "DA01 · ");
    h.get_by_role_and_label(Role::MultilineTextInput, "Nhận xét")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nhận xét")
        .type_text("Cần số liệu thị trường rõ hơn");
    h.run();
    h.get_by_label("Nộp phiếu chấm…").click();
    h.run();
    let handed = store::load_scoresheet(&sheet).unwrap();
    assert_eq!(
        handed.sheet.entry("DA01").unwrap().comment,
        "Cần số liệu thị trường rõ hơn"
    );

    // A score typed over, and the button clicked without leaving the field.
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![sheet.clone()],
        ..Default::default()
    });
    retype(&mut h, "Tính mới và sáng tạo", "13");
    h.get_by_label("Nộp phiếu chấm…").click();
    h.run();
    let handed = store::load_scoresheet(&sheet).unwrap();
    assert_eq!(
        handed.sheet.entry("DA01").unwrap().scores["tc1"],
        Points::from_int(13)
    );
    // And the packet holds them too, each once in its log.
    let kept = store::load_packet(&packet).unwrap();
    assert_eq!(
        kept.sheet.entry("DA01").unwrap().scores["tc1"],
        Points::from_int(13)
    );
    let logged = kept
        .audit
        .iter()
        .filter(|a| a.target.contains("DA01") && a.new.as_deref() == Some("13"))
        .count();
    assert_eq!(logged, 1);

    // A comment over its length, typed and the button clicked: refused with its reason, and nothing
    // handed in (before, the old comment went out under a message saying it was handed in).
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![dir.path().join("qua-dai.gkphieu")],
        ..Default::default()
    });
    h.get_by_role_and_label(Role::MultilineTextInput, "Nhận xét")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nhận xét")
        .type_text(&"rất dài ".repeat(700));
    h.run();
    h.get_by_label("Nộp phiếu chấm…").click();
    h.run();
    assert!(!dir.path().join("qua-dai.gkphieu").exists());
    let (said, error) = h.state().status.clone().unwrap();
    assert!(error && !said.contains("Đã ghi phiếu chấm"), "{said}");
    h.get_by_role_and_label(Role::MultilineTextInput, "Nhận xét")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nhận xét")
        .type_text("Cần số liệu thị trường rõ hơn");
    h.run();

    // Typed, then refused at the click: nothing handed in, and the field is named.
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![dir.path().join("khong-nop.gkphieu")],
        ..Default::default()
    });
    retype(&mut h, "Tính mới và sáng tạo", "25");
    h.get_by_label("Nộp phiếu chấm…").click();
    h.run();
    assert!(!dir.path().join("khong-nop.gkphieu").exists());
    let (said, error) = h.state().status.clone().unwrap();
    assert!(error && said.contains("DA01"), "{said}");
}

#[test]
fn handing_in_with_refused_scores_on_screen_stops_and_names_them() {
    let (dir, packet) = packet_of_gk2();
    let sheet = dir.path().join("phieu-gk2.ron");
    let mut h = app(FakePicker {
        saves: vec![sheet.clone(), sheet.clone()],
        ..Default::default()
    });
    open(&mut h, &packet, false);
    pick(&mut h, "DA20");
    type_into(&mut h, "Tính mới và sáng tạo", "21", egui::Key::Tab);
    type_into(&mut h, "Thị trường và khách hàng", "abc", egui::Key::Tab);
    // Another submission and back: what was typed is still there, still refused.
    pick(&mut h, "DA03 · ");
    pick(&mut h, "DA20 · ");
    assert_eq!(field_value(&h, "Tính mới và sáng tạo"), "21");
    assert_eq!(field_value(&h, "Thị trường và khách hàng"), "abc");

    pick(&mut h, "Nộp phiếu chấm…");
    assert!(!sheet.exists(), "nothing is handed in");
    let (message, error) = h.state().status.clone().unwrap();
    assert!(error);
    for expected in [
        "Chưa nộp phiếu",
        "2 ô chưa lưu",
        "DA20 «Tính mới và sáng tạo» (21)",
        "«Thị trường và khách hàng» (abc)",
    ] {
        assert!(message.contains(expected), "«{expected}» not in «{message}»");
    }
    // Put right, it goes.
    type_into(&mut h, "Tính mới và sáng tạo", "19,5", egui::Key::Tab);
    type_into(&mut h, "Thị trường và khách hàng", "15", egui::Key::Tab);
    pick(&mut h, "Nộp phiếu chấm…");
    let handed = store::load_scoresheet(&sheet).unwrap();
    assert_eq!(
        handed.sheet.entry("DA20").unwrap().scores["tc1"],
        Points::parse("19.5").unwrap()
    );
}

#[test]
fn keyboard_scoring_stays_on_a_refused_field_and_selects_what_it_reaches() {
    let (_dir, packet) = packet_of_gk2();
    let mut h = app(FakePicker::default());
    open(&mut h, &packet, false);
    pick(&mut h, "DA20");
    let stored = |h: &Harness<'static, GiamkhaoApp>, c: &str| match &h.state().doc.as_ref().unwrap().doc {
        giamkhao::app::Doc::Packet(p) => p.sheet.entry("DA20").and_then(|e| e.scores.get(c).copied()),
        _ => None,
    };
    let second_before = field_value(&h, "Tính khả thi của mô hình kinh doanh");
    assert!(!second_before.is_empty(), "gk2 scored DA20 already");

    // A refused value and Enter: the field keeps the focus with its text selected, so the next
    // digits replace it.
    type_into(&mut h, "Tính mới và sáng tạo", "21", egui::Key::Enter);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
            .is_focused()
    );
    h.event(egui::Event::Text("18".into()));
    h.run();
    assert_eq!(field_value(&h, "Tính mới và sáng tạo"), "18");
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(stored(&h, "tc1"), Some(Points::from_int(18)));

    // Enter reached the next field: focused, its old value selected, so "7" replaces it.
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Tính khả thi của mô hình kinh doanh")
            .is_focused()
    );
    h.event(egui::Event::Text("7".into()));
    h.run();
    assert_eq!(field_value(&h, "Tính khả thi của mô hình kinh doanh"), "7");
    // Tab does the same.
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Thị trường và khách hàng")
            .is_focused()
    );
    h.event(egui::Event::Text("6,5".into()));
    h.run();
    assert_eq!(field_value(&h, "Thị trường và khách hàng"), "6,5");
    assert_eq!(stored(&h, "tc2"), Some(Points::from_int(7)));

    // Typed and Enter together, as a real keyboard often delivers them: the value typed is the one
    // checked — refused, kept, the focus stays, and handing in waits for it. (In a real window the
    // field was read before that frame's keys, so "21⏎" was taken for the old value and the focus
    // moved on; the harness delivers such keys more slowly and cannot show that, so this was seen,
    // and checked after the fix, in the window itself.)
    let field = "Năng lực đội ngũ";
    let before = field_value(&h, field);
    h.get_by_role_and_label(Role::TextInput, field).click();
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    h.event(egui::Event::Text("9".into()));
    h.key_press(egui::Key::Enter);
    h.run();
    let typed = format!("{before}9");
    assert_eq!(field_value(&h, field), typed);
    assert!(h.get_by_role_and_label(Role::TextInput, field).is_focused());
    assert!(
        h.query_by_label_contains(&format!("«Năng lực đội ngũ» ({typed})"))
            .is_some()
    );
}

#[test]
fn a_judge_sees_the_total_and_hand_in_without_scrolling_on_small_screens() {
    // 1366×768 at 100 % and at 125 % (1093×614 points), and 1024×700; then what a maximized
    // window really has on such a screen at 125 % and 150 %, under Windows' title bar and taskbar.
    let mut sizes = vec![
        (egui::vec2(1366.0, 768.0), 1.0),
        (egui::vec2(1366.0 / 1.25, 768.0 / 1.25), 1.25),
        (egui::vec2(1024.0, 700.0), 1.0),
    ];
    sizes.extend(LAPTOP_WINDOWS);
    for (size, scale) in sizes {
        let (_dir, packet) = packet_of_gk2();
        let mut h = app_sized(FakePicker::default(), size, scale);
        open(&mut h, &packet, false);
        // A project near the top of the list: on the smallest screens the list shows about ten.
        pick(&mut h, "DA02");
        // A refused value, whose message must wrap inside the window.
        type_into(&mut h, "Tính mới và sáng tạo", "21", egui::Key::Tab);
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        for label in [
            "Nộp phiếu chấm…",
            "Dự án chưa chấm tiếp theo",
            "Rút khỏi chấm dự án này",
        ] {
            let r = h.get_by_label_contains(label).rect();
            assert!(window.contains_rect(r), "{label} at {r:?} is outside {window:?}");
        }
        let total = h.get_by_label_contains("Tổng: ").rect();
        assert!(
            window.contains_rect(total),
            "the total at {total:?} is outside {window:?}"
        );
        let message = h.get_by_label_contains("Điểm phải từ 0 đến 20").rect();
        assert!(
            message.max.x <= size.x,
            "the message runs to {} in a window {} wide",
            message.max.x,
            size.x
        );
    }
}

#[test]
fn switching_language_rewords_the_status_line_and_the_numbers_in_fields() {
    let (dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    // A message in Vietnamese: opening a file that is not there.
    h.state_mut().act(Action::OpenPath {
        path: dir.path().join("khong-co.ron"),
        read_only: false,
    });
    h.run();
    assert!(
        h.state()
            .status
            .as_ref()
            .unwrap()
            .0
            .starts_with("Không mở được tệp")
    );
    // The Contest screen's rubric bands: "10,5" in Vietnamese.
    h.get_by_label("Cuộc thi").click();
    h.run();
    let bands = |h: &Harness<'static, GiamkhaoApp>, label: &str| -> Vec<String> {
        h.get_all_by_role_and_label(Role::TextInput, label)
            .filter_map(|n| n.value())
            .collect()
    };
    assert!(
        bands(&h, "Từ").iter().any(|v| v == "10,5"),
        "{:?}",
        bands(&h, "Từ")
    );

    h.get_by_label("English").click();
    h.run();
    let (message, error) = h.state().status.clone().unwrap();
    assert!(error);
    assert!(message.starts_with("Could not open the file"), "{message}");
    let from = bands(&h, "From");
    assert!(from.iter().any(|v| v == "10.5"), "{from:?}");
    assert!(from.iter().all(|v| !v.contains(',')), "{from:?}");
    // And back.
    h.get_by_label("Tiếng Việt").click();
    h.run();
    assert!(
        h.state()
            .status
            .as_ref()
            .unwrap()
            .0
            .starts_with("Không mở được tệp")
    );
    assert!(bands(&h, "Từ").iter().any(|v| v == "10,5"));
}

#[test]
fn recent_files_are_kept_by_full_path_and_once() {
    let (dir, session) = scratch();
    let mut h = app(FakePicker::default());
    // The same file by three names: relative to the test's folder, with "..", and in full.
    let relative = Path::new(SAMPLE).to_path_buf();
    let roundabout = Path::new("assets/samples/../samples/hai-phong-2023.ron").to_path_buf();
    for path in [relative, roundabout, std::fs::canonicalize(SAMPLE).unwrap()] {
        open(&mut h, &path, true);
    }
    open(&mut h, &session, false);
    let recent = h.state().settings.recent.clone();
    assert_eq!(
        recent,
        vec![
            std::fs::canonicalize(&session).unwrap(),
            std::fs::canonicalize(SAMPLE).unwrap()
        ]
    );
    // The open document knows its full path too.
    assert_eq!(
        h.state().doc.as_ref().unwrap().origin,
        giamkhao::app::Origin::File(std::fs::canonicalize(&session).unwrap())
    );
    // A list kept by an older version is put right when the app starts.
    let mut old = Settings {
        recent: vec![
            Path::new("phien.ron").to_path_buf(),
            session.clone(),
            dir.path().join(".").join("phien.ron"),
        ],
        ..Settings::default()
    };
    old.tidy();
    assert_eq!(old.recent, vec![std::fs::canonicalize(&session).unwrap()]);
    // The menu lists it as one item that opens.
    menu(&mut h, "Mở gần đây");
    let shown = std::fs::canonicalize(&session).unwrap().display().to_string();
    assert_eq!(h.query_all_by_label(&shown).count(), 1);
}

/// giamkhao's own results workbook of `session`, written beside it.
fn results_workbook(session: &Path) -> PathBuf {
    let s = store::load_session(session).unwrap();
    let result = giamkhao::scoring::compute(&s).pop().unwrap();
    let path = session.with_file_name("ket-qua.xlsx");
    store::export::write_xlsx(
        &path,
        store::export::tables(&s, &result, giamkhao::text::Lang::Vi),
    )
    .unwrap();
    path
}

#[test]
fn a_workbook_that_is_not_a_registration_list_is_not_imported_by_default() {
    let (dir, session) = scratch();
    // giamkhao's own exports: the results workbook and the blank scoresheets.
    let results = results_workbook(&session);
    let s = store::load_session(&session).unwrap();
    let result = giamkhao::scoring::compute(&s).pop().unwrap();
    let blank = dir.path().join("phieu-cham-trong.xlsx");
    let sheets = store::export::blank_scoresheets(&s, &result.round, giamkhao::text::Lang::Vi).unwrap();
    store::export::write_xlsx(&blank, &sheets).unwrap();

    let mut h = app(FakePicker {
        files: vec![results, blank],
        ..Default::default()
    });
    open(&mut h, &session, false);
    for _ in 0..2 {
        menu(&mut h, "Nhập danh sách đăng ký");
        until_read(&mut h);
        // The reason, nothing chosen, nothing to import until a person chooses the columns.
        assert!(
            h.query_by_label_contains("không phải danh sách đăng ký")
                .is_some()
        );
        assert!(h.query_by_label_contains("hãy tự chọn cột").is_some());
        assert!(h.query_by_label("Cần chọn cột tên dự án.").is_some());
        assert!(
            h.get_by_label("Nhập các dòng hợp lệ")
                .accesskit_node()
                .is_disabled()
        );
        h.get_by_label("Hủy").click();
        h.run();
    }
    assert_eq!(h.state().doc.as_ref().unwrap().submissions().len(), 24);
    assert!(!h.state().doc.as_ref().unwrap().dirty);
}

#[test]
fn nothing_goes_on_the_record_without_a_full_name_asked_once_and_changeable() {
    let (dir, session) = scratch();
    // Nobody has given a name yet: no guess from the computer, never "?".
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|cc| {
            install_fonts(&cc.egui_ctx);
            GiamkhaoApp::with(Settings::default(), Box::new(FakePicker::default()))
        });
    open(&mut h, &session, false);
    assert_eq!(h.state().user, None);
    assert!(h.query_by_label("Người thực hiện: (chưa ghi tên)").is_some());

    // The first change waits for the name.
    h.get_by_label("Cuộc thi").click();
    h.run();
    type_into(&mut h, "Địa điểm", "Nhà hát Thành phố", egui::Key::Tab);
    assert!(h.query_by_label("Ai đang làm việc?").is_some());
    let place = |h: &Harness<'static, GiamkhaoApp>| h.state().doc.as_ref().unwrap().contest().place.clone();
    assert_ne!(
        place(&h),
        "Nhà hát Thành phố",
        "not applied before the name is given"
    );
    for (typed, why) in [("?", "«?» không phải họ tên"), ("root", "«root» chỉ có một từ")] {
        // Given with Enter: refused, and the cursor is back in the field to type again.
        type_into(&mut h, "Họ và tên của bạn", typed, egui::Key::Enter);
        assert!(h.query_by_label_contains(why).is_some(), "{typed}");
        assert_eq!(h.state().user, None);
        assert!(
            h.get_by_role_and_label(Role::TextInput, "Họ và tên của bạn")
                .is_focused()
        );
    }
    type_into(&mut h, "Họ và tên của bạn", "Trần  Văn Thư", egui::Key::Tab);
    h.get_by_label("Ghi lại").click();
    h.run();
    assert!(h.query_by_label("Ai đang làm việc?").is_none());
    assert_eq!(place(&h), "Nhà hát Thành phố", "the change that waited is made");
    let last_by = |h: &Harness<'static, GiamkhaoApp>| {
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .session()
            .unwrap()
            .audit
            .last()
            .unwrap()
            .by
            .clone()
    };
    assert_eq!(last_by(&h), "Trần Văn Thư");
    assert_eq!(
        h.state().settings.name,
        "Trần Văn Thư",
        "remembered for next time"
    );

    // A merge in the app is logged in that name.
    let s = store::load_session(&session).unwrap();
    let packet = store::make_packet(&s, "gk2", None).unwrap();
    let mut sheet = giamkhao::model::ScoresheetFile::new(packet.sheet.clone());
    sheet.sheet.entries[0].revision += 1;
    sheet.sheet.entries[0].comment = "Bổ sung nhận xét".into();
    let sheet_path = dir.path().join("phieu-gk2.ron");
    store::save_scoresheet(&sheet_path, &sheet).unwrap();
    h.state_mut().act(Action::Import(vec![sheet_path]));
    h.run();
    let merge = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .session()
        .unwrap()
        .audit
        .iter()
        .rfind(|a| a.kind == giamkhao::model::AuditKind::Merge)
        .cloned()
        .unwrap();
    assert_eq!(merge.by, "Trần Văn Thư");
    h.get_by_label("OK").click();
    h.run();

    // Changeable: the next change is in the new name.
    h.get_by_label("Người thực hiện: Trần Văn Thư").click();
    h.run();
    type_into(&mut h, "Họ và tên của bạn", "Lê Thị Tám", egui::Key::Tab);
    h.get_by_label("Ghi lại").click();
    h.run();
    type_into(&mut h, "Địa điểm", "Cung Văn hóa Lao động", egui::Key::Tab);
    assert_eq!(last_by(&h), "Lê Thị Tám");
    assert!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .session()
            .unwrap()
            .audit
            .iter()
            .all(|a| a.by != "?"),
        "nobody is '?'"
    );
}

#[test]
fn the_detail_pane_sits_beside_the_table_closes_and_says_when_an_attachment_is_missing() {
    let (dir, session) = scratch();
    fs::create_dir_all(dir.path().join("ho-so")).unwrap();
    fs::write(dir.path().join("ho-so/DA02.pdf"), b"%PDF-1.4").unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Dự án").click();
    h.run();
    h.get_by_label("DA01").click();
    h.run();
    assert!(h.query_by_label("Tài liệu đính kèm").is_some());
    // The table ends where the pane begins.
    let last_column = h.get_by_role_and_label(Role::Button, "Lĩnh vực").rect();
    let pane = h.get_by_label("Tài liệu đính kèm").rect();
    assert!(
        last_column.max.x <= pane.min.x,
        "the table runs to {} under the pane at {}",
        last_column.max.x,
        pane.min.x
    );

    // DA01's file is not beside the session: said so, with where it was looked for.
    h.get_by_label("Mở").click();
    h.run();
    let (message, error) = h.state().status.clone().unwrap();
    assert!(error);
    assert!(
        message.contains("Không mở tệp đính kèm «ho-so/DA01.pdf»: không có tệp này (đã tìm ở"),
        "{message}"
    );
    assert!(message.contains(&dir.path().join("ho-so").display().to_string()) || message.contains("ho-so"));

    // DA02's is there: shown, then handed to the system to open once confirmed.
    h.get_by_label("DA02").click();
    h.run();
    h.get_by_label("Mở").click();
    h.run();
    h.get_by_label("Mở tệp đính kèm?");
    h.query_all_by_label("Mở").last().unwrap().click();
    h.step();
    let opened = opened_urls(&h);
    assert_eq!(opened.len(), 1, "{opened:?}");
    assert!(
        opened[0].starts_with("file://") && opened[0].ends_with("ho-so/DA02.pdf"),
        "{opened:?}"
    );
    h.run();

    // Closed with its button, and with Escape.
    h.get_by_label("Đóng").click();
    h.run();
    assert!(h.query_by_label("Tài liệu đính kèm").is_none());
    h.get_by_label("DA03").click();
    h.run();
    assert!(h.query_by_label("Tài liệu đính kèm").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Tài liệu đính kèm").is_none());
}

#[test]
fn opening_a_file_that_is_not_giamkhaos_says_so_and_what_it_is() {
    let (dir, session) = scratch();
    let xlsx = results_workbook(&session);
    let hello = dir.path().join("ghi-chu.ron");
    fs::write(&hello, "hello").unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    for (path, what) in [(&xlsx, "Excel"), (&hello, "")] {
        h.state_mut().act(Action::OpenPath {
            path: path.clone(),
            read_only: false,
        });
        h.run();
        let (message, error) = h.state().status.clone().unwrap();
        assert!(error);
        assert!(message.contains("không phải tệp của giamkhao"), "{message}");
        assert!(message.contains(what), "{message}");
        assert!(!message.contains("Expected struct"), "{message}");
        // The session that was open stays open.
        assert_eq!(
            h.state().doc.as_ref().unwrap().origin,
            giamkhao::app::Origin::File(std::fs::canonicalize(&session).unwrap())
        );
    }
}

#[test]
fn screens_name_things_by_their_names_and_say_what_colours_and_locks_mean() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    // Contest: buttons say what they are for by name, never by id; prizes are grouped.
    h.get_by_label("Cuộc thi").click();
    h.run();
    for id in ["(tc", "(gk", " gk1", "bang", "«tc", "«chung-khao»"] {
        assert!(h.query_by_label_contains(id).is_none(), "an id «{id}» is shown");
    }
    assert!(
        h.query_by_label("Thêm xung đột — PGS.TS. Nguyễn Văn Hải")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Xóa mức 1 — Tính mới và sáng tạo")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("50.000.000 đ").is_some(),
        "the prize of Nhất"
    );
    // The minimum says which scale it is on (weight × maximum).
    assert!(
        h.query_all_by_label("Điểm TB tối thiểu, đã nhân hệ số (0–20)")
            .count()
            >= 1
    );
    // A declared conflict names its project.
    pick(&mut h, "Thêm xung đột — PGS.TS. Nguyễn Văn Hải");
    let chosen: Vec<String> = h.query_all_by_label("Dự án").filter_map(|n| n.value()).collect();
    assert!(
        chosen
            .iter()
            .any(|v| v.starts_with("DA01 Ứng dụng đặt chỗ xe container")),
        "{chosen:?}"
    );
    h.get_by_label("Hoàn tác").click();
    h.run();
    // A problem names the place: "tiêu chí «Năng lực đội ngũ»", not its id.
    type_into_nth(&mut h, "Hệ số", 3, "0");
    assert!(
        h.query_all_by_label_contains("tiêu chí «Năng lực đội ngũ»")
            .count()
            >= 1,
        "the problem names the criterion"
    );
    type_into_nth(&mut h, "Hệ số", 3, "1");

    // Results: criteria by name, and what the colours of the totals mean.
    h.get_by_label("Kết quả").click();
    h.run();
    assert!(h.query_by_label("tc1").is_none());
    assert!(h.query_by_label("Tính mới và sáng tạo").is_some());
    assert!(h.query_by_label("Màu điểm của giám khảo:").is_some());
    for status in ["■ tính", "■ xung đột lợi ích", "■ chênh lệch (vẫn tính)"] {
        assert!(h.query_by_label(status).is_some(), "{status}");
    }

    // Progress: judges by name; a recusal is not shown as a conflict.
    h.get_by_label("Tiến độ").click();
    h.run();
    assert!(h.query_by_label("gk1").is_none());
    assert!(
        h.query_all_by_label("PGS.TS. Nguyễn Văn Hải").count() >= 2,
        "in the totals and the matrix"
    );
    assert_eq!(
        h.query_all_by_label("rút khỏi chấm").count(),
        2,
        "the totals' column and the legend"
    );
    assert_eq!(
        h.query_all_by_label("rút").count(),
        1,
        "the one recusal in the matrix"
    );

    // Sealed: the Contest screen says why nothing can be changed, and how to.
    let mut s = store::load_session(&session).unwrap();
    store::seal::seal(&mut s, "Trần Thư Ký", jiff::Timestamp::now()).unwrap();
    store::save_session(&session, &mut s).unwrap();
    open(&mut h, &session, false);
    h.get_by_label("Cuộc thi").click();
    h.run();
    assert!(
        h.query_by_label_contains("Phiên đã niêm phong nên không sửa được")
            .is_some()
    );
    assert!(h.query_by_label_contains("Mở niêm phong…").is_some());
    // Verifying names each judge's sheet by the judge and the round, not by their ids.
    h.get_by_label("Kết quả").click();
    h.run();
    h.get_by_label("Kiểm tra…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Kiểm tra").click();
    h.run();
    assert!(
        h.query_by_label_contains("Phiếu của PGS.TS. Nguyễn Văn Hải (vòng Chung khảo)")
            .is_some()
    );
    assert!(h.query_by_label_contains("gk1").is_none());
    assert!(h.query_by_label_contains("chung-khao").is_none());
}

/// A key pressed (and not yet released), as egui receives it.
fn pressed(key: egui::Key) -> egui::Event {
    egui::Event::Key {
        key,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
        repeat: false,
        physical_key: None,
    }
}

/// Input that arrives all in one frame — a fast typist, or keys piling up while a frame is slow —
/// handed to the app as eframe hands it: through its raw-input hook, before the frame begins. (The
/// harness's own `event` gives every event a frame of its own, which a real keyboard does not.)
/// Then frames follow until nothing is held back.
fn typed_at_once(h: &mut Harness<'static, GiamkhaoApp>, events: Vec<egui::Event>) {
    let mut input = events;
    loop {
        let mut raw = std::mem::take(&mut h.input_mut().events);
        raw.append(&mut input);
        let held = h.state_mut().pace_input(&mut raw);
        h.input_mut().events = raw;
        h.step();
        if !held {
            break;
        }
    }
    h.run();
}

#[test]
fn keys_typed_at_once_land_in_the_fields_they_were_typed_for() {
    let (_dir, packet) = packet_of_gk2();
    let mut h = app(FakePicker::default());
    open(&mut h, &packet, false);
    pick(&mut h, "DA20");
    let text = |t: &str| egui::Event::Text(t.into());
    // "21⏎" together: 21 is what is checked — refused, kept, the focus stays on it.
    h.get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    typed_at_once(&mut h, vec![text("21"), pressed(egui::Key::Enter)]);
    assert_eq!(field_value(&h, "Tính mới và sáng tạo"), "21");
    assert!(h.query_by_label_contains("«Tính mới và sáng tạo» (21)").is_some());
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
            .is_focused()
    );
    // "14⇥13,5⇥9⏎" together: each value in its own field, each saved.
    typed_at_once(
        &mut h,
        vec![
            text("14"),
            pressed(egui::Key::Tab),
            text("13,5"),
            pressed(egui::Key::Tab),
            text("9"),
            pressed(egui::Key::Enter),
        ],
    );
    let expected = [
        ("Tính mới và sáng tạo", "14"),
        ("Tính khả thi của mô hình kinh doanh", "13,5"),
        ("Thị trường và khách hàng", "9"),
    ];
    for (field, value) in expected {
        assert_eq!(field_value(&h, field), value, "{field}");
    }
    let Some(giamkhao::app::Doc::Packet(p)) = h.state().doc.as_ref().map(|d| &d.doc) else {
        panic!("the packet is open")
    };
    let scores = &p.sheet.entry("DA20").unwrap().scores;
    assert_eq!(
        (scores["tc1"], scores["tc2"], scores["tc3"]),
        (
            Points::from_int(14),
            Points::parse("13.5").unwrap(),
            Points::from_int(9)
        )
    );
}

#[test]
fn a_paper_sheet_typed_fast_keeps_each_value_in_its_cell() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Phiếu giấy").click();
    h.run();
    h.get_by_label("Phiếu của giám khảo").click();
    h.run();
    h.get_by_label("Ông Lê Minh Đức").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "DA01 Tính mới và sáng tạo")
        .focus();
    h.run();
    let text = |t: &str| egui::Event::Text(t.into());
    typed_at_once(
        &mut h,
        vec![
            text("15"),
            pressed(egui::Key::Tab),
            text("14,5"),
            pressed(egui::Key::Tab),
            text("11"),
            pressed(egui::Key::Tab),
        ],
    );
    for (criterion, value) in [
        ("Tính mới và sáng tạo", "15"),
        ("Tính khả thi của mô hình kinh doanh", "14,5"),
        ("Thị trường và khách hàng", "11"),
    ] {
        assert_eq!(
            field_value(&h, &format!("DA01 {criterion}")),
            value,
            "{criterion}"
        );
    }
}

/// What a new user ran into on first trying the app (a helper who knew only the README, in a real
/// window): each case as it was met.
#[test]
fn a_judge_working_by_keyboard_is_never_trapped_and_sees_conflicts_and_true_totals() {
    let (_dir, session) = scratch();
    let s = store::load_session(&session).unwrap();
    // gk1 (Trường Đại học Hàng hải Việt Nam) is in conflict with DA05, from the same university.
    let packet = session.with_file_name("goi-gk1.ron");
    store::save_packet(&packet, &store::make_packet(&s, "gk1", None).unwrap()).unwrap();
    let sheet = session.with_file_name("phieu-gk1.ron");
    let mut h = app(FakePicker {
        saves: vec![sheet.clone()],
        ..Default::default()
    });
    open(&mut h, &packet, false);
    // The cursor waits in the first score of the first project.
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
            .is_focused()
    );
    // The progress bar says how far, in numbers.
    assert_eq!(
        h.query_all_by_label_contains("24/24").count(),
        2,
        "the heading and the bar"
    );
    // The packet shows the conflict the organizers' rules will find, in the list and on the sheet.
    assert!(h.query_by_label_contains("DA05 · xung đột lợi ích").is_some());
    pick(&mut h, "DA05 · ");
    assert!(
        h.query_by_label_contains("Xung đột lợi ích — không chấm (cùng đơn vị với dự án)")
            .is_some()
    );
    // Choosing a project puts the cursor in its first score.
    pick(&mut h, "DA02 · ");
    let first = "Tính mới và sáng tạo";
    assert!(h.get_by_role_and_label(Role::TextInput, first).is_focused());

    // A refused value keeps the focus once; Tab again moves on, and it stays listed as not saved.
    let saved_total = h.get_by_label_contains("Tổng: ").value();
    let shown_total = |h: &Harness<'static, GiamkhaoApp>| {
        h.get_by_label_contains("Tổng: ")
            .accesskit_node()
            .label()
            .unwrap_or_default()
    };
    let before = shown_total(&h);
    type_into(&mut h, first, "25", egui::Key::Enter);
    assert!(h.get_by_role_and_label(Role::TextInput, first).is_focused());
    // The total counts the saved score for a refused field, as handing in would.
    assert_eq!(shown_total(&h), before, "{saved_total:?}");
    h.key_press(egui::Key::Tab);
    h.run();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Tính khả thi của mô hình kinh doanh")
            .is_focused(),
        "Tab moves on from a refused value left as it was"
    );
    assert!(
        h.query_by_label_contains("DA02 «Tính mới và sáng tạo» (25)")
            .is_some()
    );
    // Handing in is refused and says so; once the value is put right, that message goes.
    pick(&mut h, "Nộp phiếu chấm…");
    assert!(h.state().status.as_ref().unwrap().0.starts_with("Chưa nộp phiếu"));
    type_into(&mut h, first, "12", egui::Key::Tab);
    assert!(h.state().status.is_none(), "{:?}", h.state().status);

    // Everything is scored: Enter on the last criterion goes on to the next project, cursor in it.
    pick(&mut h, "DA03 · ");
    let last = "Khả năng mở rộng và tăng trưởng";
    h.get_by_role_and_label(Role::TextInput, last).focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().views.scoring.selected.as_deref(), Some("DA04"));
    assert!(h.get_by_role_and_label(Role::TextInput, first).is_focused());

    // The recusal dialog takes the reason at once.
    pick(&mut h, "Rút khỏi chấm dự án này");
    assert!(h.get_by_role_and_label(Role::TextInput, "Lý do").is_focused());
}

#[test]
fn a_sealed_session_offers_no_merge_and_a_reopened_file_starts_at_the_top() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    // Results scrolled down, with the mouse wheel over the table…
    h.hover_at(egui::pos2(600.0, 500.0));
    for _ in 0..10 {
        wheel(&mut h, -200.0);
    }
    // Scrolling glides for a few frames.
    h.run_steps(20);
    assert!(
        h.query_by_label("DA07").is_none() || !window_shows(&h, "DA07"),
        "scrolled past the first row"
    );
    // …then the file sealed and opened again: the list starts at the top, Nhất in view.
    let mut s = store::load_session(&session).unwrap();
    store::seal::seal(&mut s, "Trần Thư Ký", jiff::Timestamp::now()).unwrap();
    store::save_session(&session, &mut s).unwrap();
    open(&mut h, &session, false);
    assert!(window_shows(&h, "DA07"), "the first row is in view");
    // Sealed: nothing can be merged from Progress either.
    h.get_by_label("Tiến độ").click();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::Button, "Nhập phiếu chấm…")
            .accesskit_node()
            .is_disabled()
    );
}

/// Whether the node labelled `label` lies inside the window (below the top bar).
fn window_shows(h: &Harness<'static, GiamkhaoApp>, label: &str) -> bool {
    let r = h.get_by_label(label).rect();
    r.min.y >= 40.0 && r.max.y <= 800.0
}

#[test]
fn a_file_changed_after_its_seal_or_in_its_log_says_so_above_every_screen() {
    let (_dir, session) = scratch();
    let mut s = store::load_session(&session).unwrap();
    store::seal::seal(&mut s, "Trần Thư Ký", jiff::Timestamp::now()).unwrap();
    store::save_session(&session, &mut s).unwrap();
    let digest = s.seal.as_ref().unwrap().digest.clone();
    let pdf = session.with_file_name("giai.pdf");
    let mut h = app(FakePicker {
        saves: vec![pdf.clone()],
        ..Default::default()
    });
    open(&mut h, &session, false);
    assert!(h.query_by_label_contains("NIÊM PHONG KHÔNG HỢP LỆ").is_none());
    assert!(
        h.query_by_label_contains(&digest).is_some(),
        "an intact seal is shown"
    );
    // One score raised by hand in the file.
    let text = fs::read_to_string(&session).unwrap();
    fs::write(&session, text.replacen("\"tc1\": 14.0,", "\"tc1\": 20.0,", 1)).unwrap();
    open(&mut h, &session, true);
    for screen in [Screen::Results, Screen::Audit, Screen::Progress, Screen::Contest] {
        h.state_mut().act(Action::Navigate(screen));
        h.run();
        assert!(
            h.query_all_by_label_contains("CẢNH BÁO: NIÊM PHONG KHÔNG HỢP LỆ")
                .count()
                >= 1,
            "{screen:?}: no warning"
        );
        // (The log itself still records that a seal was made, with its digest: that is history.)
        if screen != Screen::Audit {
            assert!(
                h.query_by_label_contains(&digest).is_none(),
                "{screen:?}: the digest is shown"
            );
        }
    }
    // An export from it is written (it carries the warning) and said as a warning, not as done.
    h.state_mut()
        .act(Action::ExportPdf(giamkhao::app::PdfKind::Awards));
    h.run();
    assert!(pdf.exists());
    let (said, error) = h.state().status.clone().unwrap();
    assert!(error && said.contains("NIÊM PHONG KHÔNG HỢP LỆ"), "{said}");
    // An unsealed file whose log was edited by hand.
    let (_dir2, other) = scratch();
    let text = fs::read_to_string(&other).unwrap();
    fs::write(
        &other,
        text.replacen("note: \"merge of gk1.ron\"", "note: \"merge of gk9.ron\"", 1),
    )
    .unwrap();
    open(&mut h, &other, true);
    h.get_by_label_contains("nhật ký của tệp này đã bị sửa ngoài giamkhao");
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    h.get_by_label_contains("this file's audit log was changed outside giamkhao");
}

/// Someone else (another window, a command) saves the session while it is open here with changes:
/// saving here is refused with the reason, their save stays on disk, and the changes made here stay
/// — unsaved, kept aside for recovery — to be saved as another file.
#[test]
fn saving_over_a_session_someone_else_changed_is_refused_and_the_changes_stay() {
    let (dir, session) = scratch();
    let kept = dir.path().join("recovery");
    let copy = dir.path().join("ban-cua-toi.ron");
    let mut h = app(FakePicker {
        saves: vec![copy.clone()],
        ..Default::default()
    });
    h.state_mut().recover_from(kept.clone());
    open(&mut h, &session, false);
    h.get_by_label("Cuộc thi").click();
    h.run();
    type_into(&mut h, "Địa điểm", "Nhà hát Thành phố Hải Phòng", egui::Key::Tab);
    assert!(h.state().doc.as_ref().unwrap().dirty);
    // Meanwhile another giamkhao saves the same file with a change of its own.
    let mut theirs = store::load_session(&session).unwrap();
    theirs.contest.organizer = "Sở Khoa học và Công nghệ (bản của người khác)".into();
    store::save_session(&session, &mut theirs).unwrap();
    let on_disk = fs::read(&session).unwrap();

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let (said, error) = h.state().status.clone().unwrap();
    assert!(error, "{said}");
    assert!(
        said.starts_with(&format!("Không lưu được {}: ", session.display())),
        "{said}"
    );
    for words in ["đã bị thay đổi", "không ghi đè", "vẫn còn ở đây", "Lưu thành…"] {
        assert!(said.contains(words), "«{words}» in {said}");
    }
    assert!(
        h.query_by_label_contains("đã bị thay đổi").is_some(),
        "shown in the status line"
    );
    // Whole, to its last word (what to do): the line wraps inside the window.
    let line = h.get_by_label_contains("đã bị thay đổi").rect();
    assert!(
        line.max.x <= 1280.0,
        "the message runs off the window, to x = {}",
        line.max.x
    );
    assert_eq!(fs::read(&session).unwrap(), on_disk, "their save is untouched");
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.dirty);
    assert_eq!(doc.contest().place, "Nhà hát Thành phố Hải Phòng");
    let recovered = store::recovery::list(&kept);
    assert_eq!(recovered.len(), 1, "kept aside");
    assert_eq!(
        recovered[0].1.session.contest.place,
        "Nhà hát Thành phố Hải Phòng"
    );
    // Said again in English when the language changes.
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    let (said, _) = h.state().status.clone().unwrap();
    assert!(said.contains("was changed by someone else"), "{said}");
    assert!(said.contains("Save as…"), "{said}");
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::Vi));
    h.run();

    // Saved as another file: the changes made here are there, theirs stay in theirs.
    h.get_by_label("Tệp").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Lưu thành…").click();
    h.run();
    assert_eq!(
        store::load_session(&copy).unwrap().contest.place,
        "Nhà hát Thành phố Hải Phòng"
    );
    assert_eq!(fs::read(&session).unwrap(), on_disk);
    assert!(!h.state().doc.as_ref().unwrap().dirty);
    assert!(store::recovery::list(&kept).is_empty());
}

/// The links and files the app handed to the system's opener in its last frame.
fn opened_urls(h: &Harness<'static, GiamkhaoApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::OpenUrl(u) => Some(u.url.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_attachment_opens_only_as_a_web_link_or_a_file_in_the_folder_and_only_when_confirmed() {
    let (dir, session) = scratch();
    fs::create_dir_all(dir.path().join("ho-so")).unwrap();
    fs::write(dir.path().join("ho-so/DA01.pdf"), b"%PDF-1.4").unwrap();
    fs::write(dir.path().join("ho-so/cai-dat.exe"), b"MZ").unwrap();
    let mut s = store::load_session(&session).unwrap();
    let hostile = [
        (
            "../../../../etc/passwd",
            "nằm ngoài thư mục của phiên",
            "outside the session's folder",
        ),
        ("file:///etc/passwd", "«file:»", "«file:»"),
        ("smb://may-chu/x.exe", "«smb:»", "«smb:»"),
        ("javascript:alert(1)", "«javascript:»", "«javascript:»"),
        ("ho-so/cai-dat.exe", "tệp chương trình (.exe)", "a program (.exe)"),
    ];
    s.submissions[0].attachments = hostile.iter().map(|(a, _, _)| a.to_string()).collect();
    s.submissions[0]
        .attachments
        .push("https://drive.example.vn/ho-so?id=DA01".into());
    s.submissions[0].attachments.push("ho-so/DA01.pdf".into());
    store::save_session(&session, &mut s).unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.state_mut().act(Action::Navigate(Screen::Submissions));
    h.run();
    h.get_by_label("DA01").click();
    h.run();
    for lang in [giamkhao::text::Lang::Vi, giamkhao::text::Lang::En] {
        h.state_mut().act(Action::SetLang(lang));
        h.run();
        let open_label = lang.t("Mở", "Open");
        for (i, (attachment, vi, en)) in hostile.iter().enumerate() {
            h.query_all_by_label(open_label).nth(i).unwrap().click();
            h.step();
            assert!(opened_urls(&h).is_empty(), "{attachment} was opened");
            h.run();
            assert!(
                h.query_by_label(lang.t("Mở tệp đính kèm?", "Open the attachment?"))
                    .is_none()
            );
            let (message, error) = h.state().status.clone().unwrap();
            assert!(error && message.contains(attachment), "{message}");
            assert!(message.contains(lang.t(vi, en)), "{attachment}: {message}");
        }
        // A web link and a file in the folder: shown first, opened only when confirmed.
        for (i, ends) in [(5, "drive.example.vn/ho-so?id=DA01"), (6, "ho-so/DA01.pdf")] {
            h.query_all_by_label(open_label).nth(i).unwrap().click();
            h.step();
            assert!(opened_urls(&h).is_empty(), "opened before it was confirmed");
            h.run();
            h.get_by_label(lang.t("Mở tệp đính kèm?", "Open the attachment?"));
            // In the dialog as well as in the list.
            assert_eq!(
                h.query_all_by_label_contains(ends).count(),
                2,
                "the target is not shown"
            );
            h.get_by_label(lang.t("Hủy", "Cancel")).click();
            h.step();
            assert!(opened_urls(&h).is_empty(), "opened on cancel");
            h.run();
            h.query_all_by_label(open_label).nth(i).unwrap().click();
            h.run();
            h.query_all_by_label(open_label).last().unwrap().click();
            h.step();
            let opened = opened_urls(&h);
            assert!(opened.len() == 1 && opened[0].ends_with(ends), "{opened:?}");
            h.run();
            // Said, in place of the last refusal.
            let (said, error) = h.state().status.clone().unwrap();
            assert!(!error && said.contains(ends), "{said}");
            assert!(said.starts_with(lang.t("Đã chuyển", "Handed to")), "{said}");
        }
    }
}

/// Double-clicking a second file while giamkhao runs starts a second window (a second giamkhao),
/// and each keeps its own unsaved work. Two windows never edit one file: the second opens it only to
/// look at, and is not offered the first one's unsaved changes as if a crash had left them.
#[test]
fn a_second_window_keeps_apart_from_the_first_and_its_unsaved_work() {
    let (dir, session) = scratch();
    let other = dir.path().join("so-khao.gkphien");
    fs::copy(SAMPLE, &other).unwrap();
    let kept = dir.path().join("recovery");
    let window = || {
        let mut h = app(FakePicker::default());
        h.state_mut().recover_from(kept.clone());
        h.run();
        h
    };

    // The first window: an unsaved change to the session, kept aside.
    let mut first = window();
    open(&mut first, &session, false);
    first
        .state_mut()
        .act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    first.run();
    assert!(first.state().doc.as_ref().unwrap().dirty);
    assert_eq!(store::recovery::list(&kept).len(), 1);

    // Another file double-clicked: a second window, not offered the first one's changes, and free
    // to edit its own file.
    let mut second = window();
    assert!(second.state().recoveries.is_empty());
    assert!(second.query_by_label("Khôi phục thay đổi chưa lưu?").is_none());
    open(&mut second, &other, false);
    let doc = second.state().doc.as_ref().unwrap();
    assert!(doc.editable(), "{:?}", second.state().status);
    let mut rules = doc.contest().rules.clone();
    rules.min_judges = 4;
    second
        .state_mut()
        .act(Action::Edit(giamkhao::app::Edit::Rules(rules)));
    second.run();
    assert!(second.state().doc.as_ref().unwrap().dirty);

    // The first window's file double-clicked again: a third window shows it only to look at.
    let mut third = window();
    open(&mut third, &session, false);
    let doc = third.state().doc.as_ref().unwrap();
    assert!(doc.read_only && !doc.editable());
    let (said, error) = third.state().status.clone().unwrap();
    assert!(error, "{said}");
    assert!(said.contains("đang mở ở một cửa sổ giamkhao khác"), "{said}");
    assert!(
        third
            .query_by_label_contains("đang mở ở một cửa sổ giamkhao khác")
            .is_some()
    );
    third.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    third.run();
    let (said, _) = third.state().status.clone().unwrap();
    assert!(said.contains("open in another giamkhao window"), "{said}");
    drop(third);

    // The first window saves its change; the second's stays kept aside, under its own file.
    first.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    first.run();
    assert!(store::load_session(&session).unwrap().decisions.is_empty());
    let left = store::recovery::list(&kept);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].1.session.contest.rules.min_judges, 4);
    assert_eq!(
        left[0].1.original.as_deref(),
        Some(fs::canonicalize(&other).unwrap().as_path())
    );

    // The second window dies without saving: the next window offers its changes back.
    drop(second);
    let next = window();
    assert_eq!(next.state().recoveries.len(), 1);
    assert!(next.query_by_label("Khôi phục thay đổi chưa lưu?").is_some());
}

/// The windows started by [`a_file_the_system_sends_opens_here_when_nothing_is_unsaved_else_in_a_new_window`].
static STARTED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn record_window(path: &Path) -> std::io::Result<()> {
    STARTED.lock().unwrap().push(path.to_path_buf());
    Ok(())
}

/// A file the system sends the running app (macOS Finder's "open documents"): opened in this window
/// when nothing in it is unsaved; in a window of its own when something is, the unsaved work untouched;
/// and a window that cannot be started is said, in the person's language.
#[test]
fn a_file_the_system_sends_opens_here_when_nothing_is_unsaved_else_in_a_new_window() {
    let (dir, session) = scratch();
    let packet = dir.path().join("goi.gkphien");
    fs::copy(SAMPLE, &packet).unwrap();
    let mut h = app(FakePicker::default());
    h.state_mut().new_window = record_window;
    h.state_mut().act(Action::OpenSample);
    h.run();

    // Nothing unsaved: the session takes this window's place, and no other window starts.
    giamkhao::app::open_requests::request([session.clone()]);
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(
        doc.origin,
        giamkhao::app::Origin::File(fs::canonicalize(&session).unwrap())
    );
    assert!(STARTED.lock().unwrap().is_empty());

    // An unsaved change: the next file goes to a new window, and this one keeps its change.
    h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
    h.run();
    giamkhao::app::open_requests::request([packet.clone()]);
    h.run();
    assert_eq!(*STARTED.lock().unwrap(), std::slice::from_ref(&packet));
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.dirty);
    assert_eq!(
        doc.origin,
        giamkhao::app::Origin::File(fs::canonicalize(&session).unwrap())
    );

    // A window that cannot start is said, in Vietnamese and in English.
    fn refuse(_: &Path) -> std::io::Result<()> {
        Err(std::io::Error::other("no more processes"))
    }
    h.state_mut().new_window = refuse;
    giamkhao::app::open_requests::request([packet.clone()]);
    h.run();
    assert!(
        h.query_by_label_contains("Không mở được cửa sổ mới cho tệp")
            .is_some()
    );
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    let (said, error) = h.state().status.clone().unwrap();
    assert!(
        error && said.contains("Could not open a new window for"),
        "{said}"
    );
    assert!(h.state().doc.as_ref().unwrap().dirty);
}

/// Help → About: the version, the license and the file kinds, in both languages; the window's icon
/// is the one drawn in assets/icon.
#[test]
fn about_says_the_version_license_and_file_kinds_in_both_languages() {
    let icon = giamkhao::app::icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);

    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    let version = env!("CARGO_PKG_VERSION");
    for (help, about, words, close) in [
        (
            "Trợ giúp",
            "Giới thiệu giamkhao",
            [
                format!("Phiên bản {version}"),
                "MIT hoặc Apache-2.0".into(),
                ".gkgoi — gói chấm".into(),
            ],
            "Đóng",
        ),
        (
            "Help",
            "About giamkhao",
            [
                format!("Version {version}"),
                "MIT or Apache-2.0".into(),
                ".gkgoi — a judge's packet".into(),
            ],
            "Close",
        ),
    ] {
        h.get_by_label(help).click();
        h.run();
        h.get_by_label(about).click();
        h.run();
        assert!(h.state().about);
        for w in &words {
            assert!(h.query_by_label_contains(w).is_some(), "«{w}» in About");
        }
        h.get_by_label(close).click();
        h.run();
        assert!(!h.state().about);
        h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
        h.run();
    }
    // Escape closes it too.
    h.state_mut().about = true;
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().about);
}

/// Runs frames until `done` holds, as time passes between them (the folder's events and timer wake
/// the app as they would a window).
fn until(h: &mut Harness<'static, GiamkhaoApp>, what: &str, done: impl Fn(&GiamkhaoApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed().as_secs() < 20, "{what}: not within 20 s");
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_ok();
    }
    h.run_ok();
}

fn score_in(app: &GiamkhaoApp, judge: &str, submission: &str, criterion: &str) -> Option<String> {
    let session = app.doc.as_ref()?.session()?;
    let entry = session
        .sheet("chung-khao", judge)?
        .entries
        .iter()
        .find(|e| e.submission == submission)?;
    entry.scores.get(criterion).map(|p| p.to_string())
}

/// [`pick`] in an app following a folder, whose events and timer keep asking for frames.
fn pick_live(h: &mut Harness<'static, GiamkhaoApp>, label: &str) {
    h.get_by_label_contains(label).scroll_to_me();
    h.run_ok();
    h.get_by_label_contains(label).click();
    h.run_ok();
}

/// Issue 13, in the app: a judge joins their packet to the contest folder and scores; the
/// organizer's app follows the folder, asks to confirm the judge's key the first time, then merges
/// each new score as it is written, and the status board says what came from whom — in both
/// languages.
#[test]
fn a_judges_scores_reach_the_organizers_results_through_the_contest_folder() {
    let (dir, packet) = packet_of_gk2();
    let session = dir.path().join("phien.ron");
    let folder = dir.path().join("Thư mục cuộc thi");
    fs::create_dir(&folder).unwrap();

    // The judge's laptop.
    let data = dir.path().join("may-giam-khao");
    let mut judge = app(FakePicker {
        folders: vec![folder.clone()],
        ..Default::default()
    });
    judge.state_mut().data_dir = Some(data.clone());
    open(&mut judge, &packet, false);
    let key = store::signing::load_or_create(&data).unwrap();
    let print = store::signing::fingerprint(key.verifying_key().as_bytes());
    pick(&mut judge, "Gửi vào thư mục cuộc thi…");
    let written = || -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(folder.join("gk2"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    };
    assert_eq!(written().len(), 1, "joining writes the sheet as it is");
    assert!(judge.query_by_label_contains("✔ Đã gửi bản").is_some());
    // The packet remembers the folder.
    assert!(store::load_packet(&packet).unwrap().folder.is_some());
    pick(&mut judge, "DA01 · ");
    type_into(&mut judge, "Tính mới và sáng tạo", "15", egui::Key::Tab);
    assert_eq!(written().len(), 2);
    let newest = store::load_scoresheet(written().last().unwrap()).unwrap();
    assert_eq!(
        store::signing::check(&newest),
        store::signing::Check::Valid {
            fingerprint: print.clone()
        }
    );

    // The organizer's laptop follows the folder.
    let mut organizer = app(FakePicker {
        folders: vec![folder.clone()],
        ..Default::default()
    });
    open(&mut organizer, &session, false);
    organizer.get_by_label("Tiến độ").click();
    organizer.run_ok();
    pick_live(&mut organizer, "Theo dõi thư mục cuộc thi…");
    until(&mut organizer, "the key waits", |a| {
        a.views
            .progress
            .board
            .as_ref()
            .is_some_and(|b| !b.awaiting.is_empty())
    });
    // Nothing merged while the key waits: the session still has the sample's score.
    assert_eq!(
        score_in(organizer.state(), "gk2", "DA01", "tc1").as_deref(),
        Some("12.5")
    );
    assert!(organizer.query_by_label_contains(&print).is_some());
    assert!(organizer.query_by_label_contains("chờ xác nhận khóa").is_some());
    pick_live(&mut organizer, "Xác nhận khóa này");
    until(&mut organizer, "merged after the key is confirmed", |a| {
        score_in(a, "gk2", "DA01", "tc1").as_deref() == Some("15")
    });
    let s = organizer.state().doc.as_ref().unwrap().session().unwrap();
    assert_eq!(
        s.contest.judge("gk2").unwrap().key.as_deref(),
        Some(print.as_str())
    );
    assert!(
        s.audit
            .iter()
            .any(|e| e.by == "Trần Thư Ký" && e.target.contains("gk2"))
    );
    assert!(organizer.query_by_label_contains("đã gộp, chữ ký đúng").is_some());

    // Each new score of the judge's reaches the organizer by itself.
    type_into(
        &mut judge,
        "Tính khả thi của mô hình kinh doanh",
        "12",
        egui::Key::Tab,
    );
    until(&mut organizer, "the next score merged", |a| {
        score_in(a, "gk2", "DA01", "tc2").as_deref() == Some("12")
    });
    // Saved at once, as `watch` does: what came in is on disk.
    until(&mut organizer, "saved after the merge", |a| {
        !a.doc.as_ref().unwrap().dirty
    });
    let saved = store::load_session(&session).unwrap();
    assert_eq!(
        saved
            .sheet("chung-khao", "gk2")
            .unwrap()
            .entry("DA01")
            .unwrap()
            .scores
            .get("tc2")
            .map(|p| p.to_string())
            .as_deref(),
        Some("12")
    );
    organizer.get_by_label("Kết quả").click();
    organizer.run_ok();
    organizer.get_by_label("Tiến độ").click();
    organizer.run_ok();
    pick_live(&mut organizer, "Thay đổi gần đây");
    // Two sheets merged: the one that waited for the key, and the score typed after.
    assert_eq!(
        organizer
            .query_all_by_label_contains("đã gộp phiếu của giám khảo TS. Trần Thị Thu Hương")
            .count(),
        2
    );
    organizer
        .state_mut()
        .act(Action::SetLang(giamkhao::text::Lang::En));
    organizer.run_ok();
    assert!(
        organizer
            .query_by_label_contains("merged, signature checked")
            .is_some()
    );
    assert_eq!(
        organizer
            .query_all_by_label_contains("merged the sheet of judge TS. Trần Thị Thu Hương")
            .count(),
        2
    );
    organizer.get_by_label("Stop following").click();
    organizer.run_ok();
    assert!(organizer.state().live.is_none());

    // A key typed by hand that is not the one the judge's waiting sheets carry: bound, and said.
    let other = "0000-1111-2222-3333";
    organizer
        .state_mut()
        .act(Action::SetLang(giamkhao::text::Lang::Vi));
    organizer.state_mut().act(Action::FollowFolder(folder.clone()));
    organizer.run_ok();
    organizer.state_mut().act(Action::BindKey {
        judge: "gk2".into(),
        fingerprint: other.into(),
    });
    organizer.run_ok();
    let (said, error) = organizer.state().status.clone().unwrap();
    assert!(
        !error
            && said.contains(&format!(
                "Đã gắn khóa {other} cho giám khảo TS. Trần Thị Thu Hương, thay khóa cũ {print}"
            )),
        "{said}"
    );
    // A packet cannot follow a folder: the judge is told what to do instead.
    open(&mut judge, &packet, false);
    judge.state_mut().act(Action::FollowFolder(folder.clone()));
    judge.run_ok();
    let (said, error) = judge.state().status.clone().unwrap();
    assert!(error && said.contains("Gửi vào thư mục cuộc thi"), "{said}");
    assert!(judge.state().live.is_none());
}

/// Binding by hand a key that is not the one a judge's waiting sheet carries (a typing slip) binds
/// it and warns that the waiting sheets will be refused — found by a new user who mistyped one digit
/// and saw nothing, then "3 sheets refused".
#[test]
fn binding_another_key_than_the_waiting_sheets_warns() {
    let (dir, packet) = packet_of_gk2();
    let session = dir.path().join("phien.ron");
    let folder = dir.path().join("thu-muc");
    fs::create_dir(&folder).unwrap();
    let mut p = store::load_packet(&packet).unwrap();
    p.folder = Some(giamkhao::model::FolderLink {
        path: folder.to_string_lossy().into(),
        revision: None,
        log_written: 0,
    });
    store::save_packet(&packet, &p).unwrap();
    let mut judge = app(FakePicker::default());
    judge.state_mut().data_dir = Some(dir.path().join("du-lieu"));
    open(&mut judge, &packet, false);
    let print = judge.state().key_fingerprint.clone().unwrap();
    let mut organizer = app(FakePicker::default());
    open(&mut organizer, &session, false);
    organizer.state_mut().act(Action::FollowFolder(folder.clone()));
    until(&mut organizer, "the key waits", |a| {
        a.views
            .progress
            .board
            .as_ref()
            .is_some_and(|b| !b.awaiting.is_empty())
    });
    assert_eq!(organizer.state().screen, Screen::Progress);
    let typo = format!("{}0", &print[..print.len() - 1]);
    let typo = if typo == print {
        format!("{}1", &print[..print.len() - 1])
    } else {
        typo
    };
    organizer.state_mut().act(Action::BindKey {
        judge: "gk2".into(),
        fingerprint: typo.clone(),
    });
    organizer.run_ok();
    let (said, error) = organizer.state().status.clone().unwrap();
    assert!(error, "{said}");
    assert!(
        said.contains(&format!("Đã gắn khóa {typo}"))
            && said.contains(&print)
            && said.contains("sẽ bị từ chối"),
        "{said}"
    );
    until(&mut organizer, "refused with the wrong key", |a| {
        a.views
            .progress
            .board
            .as_ref()
            .is_some_and(|b| b.judges.iter().any(|l| l.judge == "gk2" && l.refused > 0))
    });
    assert!(organizer.query_by_label_contains("phiếu bị từ chối: 1").is_some());
}

/// A packet the secretary prepared already joined to the contest folder writes there as soon as the
/// judge opens it; with the folder gone (a stick pulled out, the share down) the judge is told the
/// scores are safe and not sent yet, and they go out by themselves once the folder is back.
#[test]
fn a_judges_laptop_sends_on_opening_and_again_once_the_folder_is_back() {
    let (dir, packet) = packet_of_gk2();
    let folder = dir.path().join("USB").join("Cuộc thi");
    fs::create_dir_all(&folder).unwrap();
    let mut p = store::load_packet(&packet).unwrap();
    p.folder = Some(giamkhao::model::FolderLink {
        path: folder.to_string_lossy().into(),
        revision: None,
        log_written: 0,
    });
    store::save_packet(&packet, &p).unwrap();
    let count = || fs::read_dir(folder.join("gk2")).map_or(0, |d| d.count());
    let mut h = app(FakePicker::default());
    h.state_mut().data_dir = Some(dir.path().join("du-lieu"));
    open(&mut h, &packet, false);
    assert_eq!(count(), 1, "opening sends the sheet");
    assert!(h.query_by_label_contains("✔ Đã gửi bản").is_some());
    // The packet keeps what was sent.
    assert!(
        store::load_packet(&packet)
            .unwrap()
            .folder
            .unwrap()
            .revision
            .is_some()
    );

    let away = dir.path().join("rut-ra");
    fs::rename(dir.path().join("USB"), &away).unwrap();
    pick(&mut h, "DA01 · ");
    type_into(&mut h, "Tính mới và sáng tạo", "15", egui::Key::Tab);
    assert!(
        h.query_by_label_contains("Chưa gửi được — điểm vẫn lưu trên máy này")
            .is_some()
    );
    assert!(h.query_by_label_contains("không thấy thư mục").is_some());
    // The score is safe in the packet.
    let saved = store::load_packet(&packet).unwrap();
    assert_eq!(
        saved
            .sheet
            .entry("DA01")
            .unwrap()
            .scores
            .get("tc1")
            .map(|p| p.to_string())
            .as_deref(),
        Some("15")
    );
    fs::rename(&away, dir.path().join("USB")).unwrap();
    until(&mut h, "sent again once the folder is back", |_| count() == 2);
    assert!(h.query_by_label_contains("✔ Đã gửi bản").is_some());
}

/// Started with `--follow` on a session that has unsaved changes from a crash: recovering them
/// keeps following the folder (recovering replaced the document and silently stopped it — found
/// when trying the app as an organizer would).
#[test]
fn recovering_a_followed_session_keeps_following_its_folder() {
    let (dir, session) = scratch();
    let kept = dir.path().join("recovery");
    let folder = dir.path().join("thu-muc");
    fs::create_dir(&folder).unwrap();
    {
        let mut h = app(FakePicker::default());
        h.state_mut().recover_from(kept.clone());
        open(&mut h, &session, false);
        h.state_mut().act(Action::Edit(giamkhao::app::Edit::Undecide(0)));
        h.run();
    }
    let mut h = app(FakePicker::default());
    h.state_mut().recover_from(kept.clone());
    open(&mut h, &session, false);
    h.state_mut().act(Action::FollowFolder(folder.clone()));
    h.run_ok();
    assert!(h.state().live.is_some());
    h.get_by_label("Khôi phục").click();
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.session().unwrap().decisions.is_empty(), "the change is back");
    let live = h.state().live.as_ref().expect("still following");
    assert_eq!(live.follow.folder, folder);
    assert_eq!(live.doc, doc.id);
}

/// A file whose bytes come only when the test writes them (a named pipe): opening it in the
/// background waits on the disk, as a large session does, for as long as the test says.
#[cfg(unix)]
fn slow_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success(), "mkfifo");
    path
}

/// Steps the app until nothing is being opened any more (at most 20 s).
fn until_opened(h: &mut Harness<'static, GiamkhaoApp>) {
    let start = std::time::Instant::now();
    while h.state().opening.is_some() {
        assert!(start.elapsed().as_secs() < 20, "still opening");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}

/// A large session opens on another thread: from the first frame the window says what it opens, how
/// big it is and what it is doing, in the person's language, and keeps drawing while the disk is
/// slow; what was open stays until the new file is read; following a folder named on the command
/// line waits for it; stopping leaves what was open.
#[cfg(unix)]
#[test]
fn a_large_file_opens_in_the_background_with_what_it_is_doing_shown_from_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let sample = fs::read(SAMPLE).unwrap();
    let folder = dir.path().join("thu-muc-cuoc-thi");
    fs::create_dir(&folder).unwrap();
    for lang in [giamkhao::text::Lang::Vi, giamkhao::text::Lang::En] {
        let mut h = app(FakePicker::default());
        h.state_mut().settings.lang = lang;
        h.state_mut().act(Action::OpenSample);
        h.run();
        // Every file counts as large here.
        h.state_mut().background_from = 0;
        let path = slow_file(dir.path(), &format!("phien-{lang:?}.gkphien"));
        h.state_mut().act(Action::OpenPath {
            path: path.clone(),
            read_only: false,
        });
        h.state_mut().act(Action::FollowFolder(folder.clone()));
        // egui lays a new window out unseen in its first frame and shows it in the next.
        h.step();
        h.step();
        let (opening, reading) = match lang {
            giamkhao::text::Lang::Vi => ("Đang mở phien-Vi.gkphien", "đang đọc tệp"),
            giamkhao::text::Lang::En => ("Opening phien-En.gkphien", "reading the file"),
        };
        assert!(
            h.query_by_label_contains(opening).is_some(),
            "{opening}: {:?} {:?}",
            h.state().opening.is_some(),
            h.state().status
        );
        // The window keeps drawing while the disk is slow; the sample is still what is open.
        for _ in 0..5 {
            h.step();
            assert!(h.query_by_label_contains(reading).is_some(), "{reading}");
        }
        assert_eq!(
            h.state().doc.as_ref().unwrap().origin,
            giamkhao::app::Origin::Sample
        );
        fs::write(&path, &sample).unwrap();
        until_opened(&mut h);
        let doc = h.state().doc.as_ref().unwrap();
        assert_eq!(doc.origin, giamkhao::app::Origin::File(path.clone()));
        assert!(!doc.read_only);
        assert!(h.query_by_label_contains(opening).is_none());
        // The folder named with it is followed now, on the Progress screen.
        assert!(
            h.state().live.is_some(),
            "the folder is followed once the session is open"
        );
        assert_eq!(h.state().screen, Screen::Progress);
    }

    // Stopping: the session that was open stays, and the status line says what was stopped.
    let mut h = app(FakePicker::default());
    h.state_mut().act(Action::OpenSample);
    h.run();
    h.state_mut().background_from = 0;
    let path = slow_file(dir.path(), "dung.gkphien");
    h.state_mut().act(Action::OpenPath {
        path: path.clone(),
        read_only: false,
    });
    h.step();
    h.step();
    h.get_by_label("Thôi, không mở").click();
    h.step();
    h.run();
    assert!(h.state().opening.is_none());
    assert_eq!(
        h.state().doc.as_ref().unwrap().origin,
        giamkhao::app::Origin::Sample
    );
    let status = h.state().status.clone().unwrap().0;
    assert!(
        status.contains("Đã thôi mở") && status.contains("dung.gkphien"),
        "{status}"
    );
    // The reading thread ends once its bytes come; nothing it read is used.
    fs::write(&path, &sample).unwrap();
}

/// The Progress screen of a large round (1,200 submissions, 40 judges, 5 each): each row lists its own
/// judges (no column per judge), what is missing comes first, and the list filters by state, by
/// judge (choosing a judge's name in the totals, or the judge box) and by category, saying how many
/// submissions it shows — in both languages.
#[test]
fn progress_of_a_large_round_shows_what_is_missing_first_and_filters_by_judge_category_and_state() {
    use giamkhao::generate::{GenerateOptions, generate};
    let mut s = generate(GenerateOptions {
        submissions: 1_200,
        judges: 40,
        per_submission: 5,
        criteria: 4,
        seed: 9,
    });
    // Judge gk001 has not scored three of their submissions; gk002 left one half done.
    let round = s.contest.rounds[0].id.clone();
    let sheet = s
        .scoresheets
        .iter_mut()
        .find(|x| x.judge == "gk001" && x.round == round)
        .unwrap();
    let unscored: Vec<String> = sheet.entries.drain(..3).map(|e| e.submission).collect();
    let sheet = s
        .scoresheets
        .iter_mut()
        .find(|x| x.judge == "gk002" && x.round == round)
        .unwrap();
    // One the other judge has scored, so that four submissions are not done.
    let entry = sheet
        .entries
        .iter_mut()
        .find(|e| !unscored.contains(&e.submission))
        .unwrap();
    let half = entry.submission.clone();
    let first = entry.scores.keys().next().unwrap().clone();
    entry.scores.remove(&first);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lon.gkphien");
    store::save_session(&path, &mut s).unwrap();

    let mut h = app(FakePicker::default());
    open(&mut h, &path, false);
    h.state_mut().act(Action::Navigate(Screen::Progress));
    h.run();
    assert!(
        h.query_by_label("Giám khảo chấm dự án này").is_some(),
        "a row lists its own judges"
    );
    assert!(
        h.query_by_label_contains("1.200 / 1.200 dự án đang hiện")
            .is_some()
    );
    // Missing first: the four submissions with a missing or half-done sheet are the first rows, in
    // view without scrolling, the three unscored ones above the half-done one.
    let top = |h: &Harness<'static, GiamkhaoApp>, id: &str| h.get_by_label(id).rect().top();
    for id in &unscored {
        assert!(top(&h, id) < top(&h, &half), "{id} above {half}");
    }

    // Not done: exactly those four.
    let pick = |h: &mut Harness<'static, GiamkhaoApp>, combo: &str, choice: &str| {
        h.get_by_role_and_label(Role::ComboBox, combo).click();
        h.run();
        // The choice in the open list, drawn over the screen (a judge's name is also in the totals).
        h.get_all_by_role_and_label(Role::Button, choice)
            .last()
            .unwrap()
            .click();
        h.run();
    };
    pick(&mut h, "Trạng thái", "Chưa xong (chưa có, thiếu)");
    assert!(h.query_by_label_contains("4 / 1.200 dự án đang hiện").is_some());
    // One judge, chosen by their name in the totals: only their sheets, their column.
    h.get_by_role_and_label(Role::Button, "Giám khảo 1").click();
    h.run();
    assert!(h.query_by_label_contains("3 / 1.200 dự án đang hiện").is_some());
    assert!(h.query_by_label("Giám khảo chấm dự án này").is_none());
    // Clicking the name again shows everyone; the judge box does the same as the name.
    h.get_by_role_and_label(Role::Button, "Giám khảo 1").click();
    h.run();
    assert!(h.query_by_label_contains("4 / 1.200 dự án đang hiện").is_some());
    pick(&mut h, "Giám khảo", "Giám khảo 2");
    assert!(
        h.query_by_label_contains("1 / 1.200 dự án đang hiện").is_some(),
        "{:?}",
        h.state().views.progress.filter
    );
    pick(&mut h, "Giám khảo", "Mọi giám khảo");
    // A category: only its submissions (the generator deals them out in turn).
    let category = s.contest.categories[0].clone();
    let in_category = unscored
        .iter()
        .chain([&half])
        .filter(|id| s.submission(id).unwrap().category.as_ref() == Some(&category.id))
        .count();
    // The judge's counts in the totals: the label on their row under the "chưa có" heading.
    let missing_of = |h: &Harness<'static, GiamkhaoApp>, judge: &str| -> String {
        let row = h.get_by_role_and_label(Role::Button, judge).rect().center().y;
        let heading = h
            .query_all_by_label("chưa có")
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap();
        h.query_all(egui_kittest::kittest::By::new().role(Role::Label))
            .filter(|n| (n.rect().center().y - row).abs() < 4.0)
            .min_by(|a, b| {
                let d = |n: &egui_kittest::Node<'_>| (n.rect().center().x - heading.center().x).abs();
                d(a).total_cmp(&d(b))
            })
            .and_then(|n| {
                let node = n.accesskit_node();
                node.value().map(|v| v.to_string()).or(node.label())
            })
            .unwrap_or_default()
    };
    assert_eq!(missing_of(&h, "Giám khảo 1"), "3");
    let in_category_1 = unscored
        .iter()
        .filter(|id| s.submission(id).unwrap().category.as_ref() == Some(&s.contest.categories[0].id))
        .count();
    assert!(
        in_category_1 < unscored.len(),
        "some unscored lie outside the category"
    );
    pick(&mut h, "Bảng", &category.name);
    // Within a category the judges' counts are that category's.
    assert_eq!(missing_of(&h, "Giám khảo 1"), in_category_1.to_string());
    assert!(
        h.query_by_label_contains(&format!("{in_category} / 1.200 dự án đang hiện"))
            .is_some(),
        "{in_category} in {}",
        category.name
    );

    // In English.
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    pick(&mut h, "Category", "All categories");
    pick(&mut h, "State", "Every state");
    assert!(
        h.query_by_label_contains("1,200 / 1,200 submissions shown, most missing first")
            .is_some()
    );
    assert!(h.query_by_label("Judges of this submission").is_some());
    // Counts are grouped as the language writes them on every screen.
    h.state_mut().act(Action::Navigate(Screen::Submissions));
    h.run();
    assert!(h.query_by_label_contains("1,200 / 1,200 shown").is_some());
}

/// Opening another session while on an organizer's screen stays on that screen (an organizer
/// checking Progress opens the newer file and goes on checking); the first session opens on Results.
#[test]
fn opening_another_session_stays_on_the_screen_the_organizer_was_on() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    assert_eq!(h.state().screen, Screen::Results);
    h.state_mut().act(Action::Navigate(Screen::Progress));
    h.run();
    let (_other_dir, other) = scratch();
    open(&mut h, &other, false);
    assert_eq!(
        h.state().doc.as_ref().unwrap().origin,
        giamkhao::app::Origin::File(other)
    );
    assert_eq!(h.state().screen, Screen::Progress);
}

/// On a laptop (1366×768 at 125 % and 150 %) and in both languages, the Analysis screen says it is
/// advisory, and each of its parts shows its figures: the judges with the box plot and heat map,
/// the agreement, the awards under other methods, without a judge, and the margins.
#[test]
fn the_analysis_screen_shows_every_part_on_a_laptop_in_both_languages() {
    for (size, scale) in LAPTOP_WINDOWS {
        for lang in [giamkhao::text::Lang::Vi, giamkhao::text::Lang::En] {
            let (_dir, mut h) = sample_on_laptop(size, scale, lang);
            let vi = lang == giamkhao::text::Lang::Vi;
            let t = |v: &'static str, e: &'static str| if vi { v } else { e };
            h.get_by_label(t("Phân tích", "Analysis")).click();
            h.run();
            let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
            let advisory = giamkhao::text::analysis::advisory(lang);
            assert!(
                window.contains_rect(h.get_by_label(advisory).rect()),
                "{lang:?} at {scale}"
            );
            // The judges: a row each, the verdict in words, both plots.
            h.get_by_label("TS. Trần Thị Thu Hương").rect();
            h.get_by_label_contains(t(
                "chấm chặt hơn hội đồng trung bình 3,7 điểm",
                "3.7 points harsher than the panel",
            ));
            h.get_by_label(t(
                "Bản đồ nhiệt: lệch so với các giám khảo khác",
                "Heat map: deviation from the other judges",
            ))
            .click();
            h.run();
            assert_eq!(
                h.state().views.analysis.plot,
                giamkhao::app::screens::analysis::Plot::Heat
            );
            // Agreement.
            h.get_by_label(t("Đồng thuận", "Agreement")).click();
            h.run();
            h.get_by_label("ICC(3,k)");
            h.get_by_label_contains("Kendall's W = ");
            h.get_by_label_contains("Krippendorff's alpha");
            // Other methods: the rank sum gives DA05 a Nhì the mean gives DA03.
            h.get_by_label(t("Phương pháp khác", "Other methods")).click();
            h.run();
            h.get_by_label(t("Tổng thứ hạng", "Rank sum"));
            h.get_by_label("#3 Nhì *");
            // Absent judges, and margins.
            h.get_by_label(t("Vắng giám khảo", "Absent judges")).click();
            h.run();
            h.get_by_label_contains(t(
                "rồi từng cặp giám khảo: 21 hội đồng",
                "then each pair: 21 panels",
            ));
            h.get_by_label("11/21 (52%)");
            // DA07 and DA11, first in the table, keep theirs in every panel (the table scrolls:
            // rows below its fold are not drawn).
            assert!(
                h.query_all_by_label("21/21 (100%)").count() >= 2,
                "DA07 and DA11 keep theirs"
            );
            h.get_by_label(t("Biên độ", "Margins")).click();
            h.run();
            let swap = h.get_by_label_contains(t(
                "tiêu chí «Tính mới và sáng tạo»: 17 → 16,5",
                "«Tính mới và sáng tạo»: 17 → 16.5",
            ));
            assert!(
                window.contains_rect(swap.rect()),
                "{lang:?} at {scale}: {:?}",
                swap.rect()
            );
        }
    }
}

/// The organizer exports the report with the analysis appendix and the workbook with the sheet
/// "Phân tích" from the File menu; the appendix says it is advisory.
#[test]
fn the_report_and_the_workbook_can_carry_the_analysis() {
    let (dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    let pdf = dir.path().join("bien-ban-kem-phan-tich.pdf");
    let xlsx = dir.path().join("ket-qua-phan-tich.xlsx");
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![pdf.clone()],
        ..Default::default()
    });
    menu(&mut h, "Xuất biên bản kèm phụ lục phân tích");
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output();
    if let Some(out) = text.ok().filter(|o| o.status.success()) {
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("PHỤ LỤC: PHÂN TÍCH HỘI ĐỒNG CHẤM"), "{text}");
        assert!(text.contains("Tham khảo — không thay đổi kết quả chính thức."));
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must check the PDF: poppler-utils"
        );
    }
    h.state_mut().picker = Box::new(FakePicker {
        saves: vec![xlsx.clone()],
        ..Default::default()
    });
    menu(&mut h, "Xuất kết quả kèm trang «Phân tích»");
    use calamine::Reader;
    let book = calamine::open_workbook_auto(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Kết quả",
            "Đạt giải",
            "Điểm chi tiết",
            "Theo giám khảo",
            "Phân tích"
        ]
    );
}

/// A contest with many judges draws on its Contest screen only the judges in view (a frame with 200
/// judges' fields took 7–11 ms), and the last judge is still reached by scrolling down.
#[test]
fn a_long_list_of_judges_draws_those_in_view_and_scrolls_to_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nhieu-giam-khao.ron");
    let mut session = giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 60,
        judges: 120,
        per_submission: 3,
        criteria: 3,
        seed: 5,
    });
    store::save_session(&path, &mut session).unwrap();
    let mut h = app(FakePicker::default());
    open(&mut h, &path, false);
    h.state_mut().act(Action::Navigate(Screen::Contest));
    h.run();
    let last = session.contest.judges.last().unwrap().id.clone();
    assert!(
        h.query_by_label(&last).is_none(),
        "the judges far below the window are not drawn"
    );
    // Down the page with the mouse wheel over it, until the last judge shows.
    h.hover_at(egui::pos2(700.0, 400.0));
    for _ in 0..400 {
        if h.query_by_label(&last).is_some() {
            break;
        }
        wheel(&mut h, -400.0);
        h.run_steps(2);
    }
    assert!(
        h.query_by_label(&last).is_some(),
        "the last judge «{last}» is reached"
    );
}

/// A generated sơ khảo of 150 submissions and 12 judges, waiting for its assignment.
fn unassigned_so_khao(dir: &Path) -> PathBuf {
    let mut s = giamkhao::generate::unassigned(giamkhao::generate::generate(
        giamkhao::generate::GenerateOptions {
            submissions: 150,
            judges: 12,
            per_submission: 3,
            criteria: 4,
            seed: 16,
        },
    ));
    let path = dir.join("so-khao.ron");
    store::save_session(&path, &mut s).unwrap();
    path
}

/// The organizer opens "Phân công tự động…" on the Progress screen, reads the plan's properties,
/// locks one cell by hand (the next plan keeps it), applies (logged judge by judge in their name,
/// undoable), and exports packets that each hold only that judge's submissions.
#[test]
fn the_organizer_assigns_judges_automatically_and_packets_follow() {
    let dir = tempfile::tempdir().unwrap();
    let session = unassigned_so_khao(dir.path());
    let packets = dir.path().join("goi");
    let mut h = app(FakePicker {
        folders: vec![packets.clone()],
        ..Default::default()
    });
    open(&mut h, &session, false);
    h.state_mut().act(Action::Navigate(Screen::Progress));
    h.run();
    h.get_by_label("Phân công tự động…").click();
    h.run();
    h.get_by_label_contains("150 dự án × 3 giám khảo: đã xếp 450 / 450 lượt chấm");
    h.get_by_label_contains("Mỗi giám khảo chấm 37–38 dự án (chênh nhiều nhất 1)");
    h.get_by_label_contains("Mọi cặp giám khảo cùng bảng (66 cặp)");

    // Lock a cell the plan did not choose: the next plan keeps it.
    let free = h
        .query_all_by_label_contains("DA00001: không phân công")
        .next()
        .expect("a free cell of DA00001")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let judge_name = free.split(" — ").next().unwrap().to_string();
    h.get_by_label(&free).click();
    h.run();
    h.get_by_label(&format!("{judge_name} — DA00001: ghim (giữ nguyên)"));
    // Closed and opened again, the window is as it was left: the lock is still there.
    h.get_by_label("Đóng").click();
    h.run();
    assert!(h.query_by_label("Áp dụng phân công").is_none());
    h.get_by_label("Phân công tự động…").click();
    h.run();
    h.get_by_label(&format!("{judge_name} — DA00001: ghim (giữ nguyên)"));

    h.get_by_label("Áp dụng phân công").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    let s = doc.session().unwrap();
    let round = &s.contest.rounds[0];
    let judge_id = s
        .contest
        .judges
        .iter()
        .find(|j| j.name == judge_name)
        .unwrap()
        .id
        .clone();
    let locked = round.assignments.iter().find(|a| a.judge == judge_id).unwrap();
    assert_eq!(locked.locked, vec!["DA00001".to_string()]);
    let loads: Vec<usize> = round.assignments.iter().map(|a| a.submissions.len()).collect();
    assert_eq!(loads.iter().sum::<usize>(), 450);
    assert!(
        loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1,
        "{loads:?}"
    );
    let logged = s
        .audit
        .iter()
        .filter(|e| e.target.ends_with("/ assigned"))
        .count();
    assert_eq!(logged, 12);
    assert!(s.audit.iter().all(|e| e.by == "Trần Thư Ký"));

    // Undo takes it all back; redo puts it again.
    h.get_by_label("Hoàn tác").click();
    h.run();
    assert!(
        h.state().doc.as_ref().unwrap().contest().rounds[0]
            .assignments
            .is_empty()
    );
    h.get_by_label("Làm lại").click();
    h.run();

    h.get_by_role_and_label(Role::Button, "Xuất gói cho tất cả giám khảo…")
        .click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    let round = &doc.contest().rounds[0];
    let mut seats = 0;
    for a in &round.assignments {
        let p = store::files::load_packet(&packets.join(format!("goi-{}.gkgoi", a.judge))).unwrap();
        let ids: std::collections::BTreeSet<&str> = p.submissions.iter().map(|x| x.id.as_str()).collect();
        let mine: std::collections::BTreeSet<&str> = a.submissions.iter().map(String::as_str).collect();
        assert_eq!(ids, mine);
        seats += ids.len();
    }
    assert_eq!(seats, 450);

    // In English too.
    h.state_mut().act(Action::SetLang(giamkhao::text::Lang::En));
    h.run();
    h.get_by_label("Automatic assignment…").click();
    h.run();
    h.get_by_label_contains("Existing assignments: 450 kept, 0 added, 0 dropped");
    h.get_by_label("Fields first");
    h.get_by_label("Close").click();
    h.run();
}

/// A judge's preferred fields and the fields they do not judge are typed on the Contest screen as
/// lists separated by commas (a category's name with a comma in it stays whole), kept as typed while
/// being written, and saved as a list on leaving.
#[test]
fn the_organizer_types_a_judges_fields() {
    let (_dir, session) = scratch();
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.get_by_label("Cuộc thi").click();
    h.run();
    type_into_nth(&mut h, "Lĩnh vực ưu tiên", 0, "logistics, du lịch,");
    type_into_nth(&mut h, "Không chấm lĩnh vực", 1, "Bảng A — Học sinh, sinh viên");
    let contest = h.state().doc.as_ref().unwrap().contest().clone();
    assert_eq!(
        contest.judges[0].expertise,
        vec!["logistics".to_string(), "du lịch".to_string()]
    );
    // A category's name keeps its comma.
    assert_eq!(
        contest.judges[1].avoid,
        vec!["Bảng A — Học sinh, sinh viên".to_string()]
    );
}

/// Typing a maximum load of 30 plans for 30 once the field is left — not for 3 on the way — and
/// leaves the seed alone; the report then says first what would do: 12 × 30 = 360 < 450, so at
/// least 38.
#[test]
fn a_maximum_load_typed_in_the_assignment_window_is_planned_for_when_finished() {
    let dir = tempfile::tempdir().unwrap();
    let session = unassigned_so_khao(dir.path());
    let mut h = app(FakePicker::default());
    open(&mut h, &session, false);
    h.state_mut().act(Action::Navigate(Screen::Progress));
    h.run();
    h.get_by_label("Phân công tự động…").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Tối đa mỗi giám khảo")
        .click();
    h.run();
    let field = |h: &Harness<'static, GiamkhaoApp>, label: &str| {
        h.get_by_role_and_label(Role::SpinButton, label)
            .accesskit_node()
            .numeric_value()
            .unwrap_or(f64::NAN)
    };
    h.get_by_role_and_label(Role::SpinButton, "Tối đa mỗi giám khảo")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Tối đa mỗi giám khảo")
        .type_text("3");
    h.run();
    // Half typed: nothing planned for 3 yet.
    assert!(h.query_by_label_contains("tối đa 3 =").is_none());
    h.get_by_role_and_label(Role::SpinButton, "Tối đa mỗi giám khảo")
        .type_text("0");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(field(&h, "Tối đa mỗi giám khảo"), 30.0);
    assert_eq!(field(&h, "Hạt giống"), 1.0);
    h.get_by_label_contains(
        "12 giám khảo × tối đa 30 = 360 lượt, ít hơn 450 lượt cần: tối đa mỗi giám khảo phải từ 38 trở lên",
    );
    assert!(h.state().views.progress.assign.is_ready());
}
