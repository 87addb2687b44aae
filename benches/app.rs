//! CPU time of one frame of every screen on a generated session of 10,000 submissions (or as many
//! as `GIAMKHAO_BENCH_SUBMISSIONS` says) × 200 judges × 8 criteria × 5 judges each (the judge's
//! packet holds all the submissions, the worst case for their list); the time to open it (on another
//! thread, as the app does for a large file) and how many frames the window drew meanwhile; and the
//! first frame of each screen, and the Progress screen with the automatic assignment window open.
//! Frames run in egui_kittest without rendering; its accessibility tree,
//! which the real app builds only for a screen reader, is included, so these are upper bounds. Also:
//! applying an import of 10,000 registrations through the app's one edit point (checked against the
//! whole session, audited, undoable, results recomputed): into the sample, into the large session,
//! and again there as updates. Run: `cargo bench --bench app`.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use egui_kittest::Harness;
use giamkhao::app::{Action, Edit, FakePicker, GiamkhaoApp, Screen, Settings, install_fonts};
use giamkhao::generate::{GenerateOptions, generate};

/// 10,000 submissions, or as many as `GIAMKHAO_BENCH_SUBMISSIONS` says (100000 for the largest
/// contests the app is made for).
fn options() -> GenerateOptions {
    let submissions = std::env::var("GIAMKHAO_BENCH_SUBMISSIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    GenerateOptions {
        submissions,
        judges: 200,
        per_submission: 5,
        criteria: 8,
        seed: 2023,
    }
}

/// The session and a judge's packet, written once into a folder kept for the whole run.
fn files() -> &'static (PathBuf, PathBuf) {
    static FILES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("giamkhao-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("bench folder");
        let mut session = generate(options());
        let mut packet = giamkhao::store::make_packet(&session, "gk001", None).expect("packet");
        packet.submissions = session.submissions.clone();
        let (s, p) = (dir.join("big.ron"), dir.join("goi-gk001.ron"));
        giamkhao::store::save_session(&s, &mut session).expect("save session");
        giamkhao::store::save_packet(&p, &packet).expect("save packet");
        (s, p)
    })
}

fn app_on(screen: Screen) -> Harness<'static, GiamkhaoApp> {
    let (session, packet) = files();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|cc| {
            install_fonts(&cc.egui_ctx);
            GiamkhaoApp::with(Settings::default(), Box::new(FakePicker::default()))
        });
    let path = if screen == Screen::Scoring {
        packet.clone()
    } else {
        session.clone()
    };
    h.state_mut().act(Action::OpenPath {
        path,
        read_only: false,
    });
    // A large file opens on another thread; the window draws meanwhile.
    let (mut frames, mut slowest) = (0, std::time::Duration::ZERO);
    while h.state().opening.is_some() {
        let start = Instant::now();
        h.step();
        slowest = slowest.max(start.elapsed());
        frames += 1;
    }
    assert!(h.state().doc.is_some(), "opened: {:?}", h.state().status);
    WHILE_OPENING.with(|w| w.set((frames, slowest)));
    h.state_mut().act(Action::Navigate(screen));
    h
}

thread_local! {
    /// Frames drawn while the last file opened, and the slowest of them.
    static WHILE_OPENING: std::cell::Cell<(usize, std::time::Duration)> = const {
        std::cell::Cell::new((0, std::time::Duration::ZERO))
    };
}

fn screen(name: &str) -> Screen {
    match name {
        "contest" => Screen::Contest,
        "submissions" => Screen::Submissions,
        "scoring" => Screen::Scoring,
        "progress" | "progress, assignment window" => Screen::Progress,
        "audit" => Screen::Audit,
        "paper" => Screen::Paper,
        "analysis" | "analysis, heat map" => Screen::Analysis,
        _ => Screen::Results,
    }
}

/// Every screen, as the organizer (Scoring: as the judge, on the packet).
const SCREENS: [&str; 10] = [
    "contest",
    "submissions",
    "scoring",
    "progress",
    "progress, assignment window",
    "results",
    "analysis",
    "analysis, heat map",
    "audit",
    "paper",
];

fn main() {
    for name in SCREENS {
        files();
        let start = Instant::now();
        let mut h = app_on(screen(name));
        let opened = start.elapsed();
        h.step();
        let (frames, slowest) = WHILE_OPENING.with(|w| w.get());
        println!(
            "{name}: open the file {:.0} ms ({frames} frames drawn meanwhile, the slowest {:.1} ms), then first frame {:.1} ms",
            opened.as_secs_f64() * 1e3,
            slowest.as_secs_f64() * 1e3,
            (start.elapsed() - opened).as_secs_f64() * 1e3
        );
    }
    divan::main();
    let _ = std::fs::remove_dir_all(files().0.parent().expect("folder"));
}

#[divan::bench(args = SCREENS, sample_count = 50)]
fn one_frame(bencher: divan::Bencher, name: &str) {
    let mut h = app_on(screen(name));
    h.run_steps(3);
    // The Analysis screen works its figures out once, on another thread: frames after that.
    while !h.state().views.analysis.is_ready() && name.starts_with("analysis") {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    if name == "progress, assignment window" {
        // "Phân công tự động…" open on the round, its plan made (on another thread at this size).
        use egui_kittest::kittest::Queryable;
        h.get_by_label("Phân công tự động…").click();
        h.step();
        while !h.state().views.progress.assign.is_ready() {
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
    }
    if name == "analysis, heat map" {
        h.state_mut().views.analysis.plot = giamkhao::app::screens::analysis::Plot::Heat;
        h.run_steps(2);
    }
    bencher.bench_local(|| h.step());
}

/// The import dialog's "Import the good rows": 10,000 new registrations into the bundled sample (a
/// contest being set up); into the 10,000-submission session with all its scores (the worst case);
/// and the same file again there with every title changed (10,000 updates).
#[divan::bench(args = ["sample, new", "large, new", "large, updates"], sample_count = 10)]
fn apply_10000_registrations(bencher: divan::Bencher, kind: &str) {
    // The 10,000 submissions of the large session, taken from the judge packet that holds them all.
    let (_, packet) = files();
    let big: Vec<giamkhao::model::Submission> =
        giamkhao::store::load_packet(packet).expect("packet").submissions;
    bencher
        .with_inputs(|| {
            let mut h = app_on(Screen::Submissions);
            // An edit goes on the record: the person says who they are first, as the app asks.
            h.state_mut().act(Action::AskName);
            h.state_mut().act(Action::Identify("Nguyễn Thị Thư Ký".into()));
            if kind.starts_with("sample") {
                h.state_mut().act(Action::OpenSample);
            }
            let doc = h.state().doc.as_ref().expect("open");
            let current = doc.session().expect("session").submissions.clone();
            let list: Vec<_> = if kind.ends_with("new") {
                let mut list = current.clone();
                list.extend(big.iter().map(|s| {
                    let mut s = s.clone();
                    s.id = format!("DK{}", s.id);
                    s.title = format!("{} (đăng ký mới)", s.title);
                    s.category = None;
                    s
                }));
                list
            } else {
                current
                    .iter()
                    .map(|s| {
                        let mut s = s.clone();
                        s.title = format!("{} (sửa tên)", s.title);
                        s
                    })
                    .collect()
            };
            (h, list)
        })
        .bench_local_values(|(mut h, list)| {
            h.state_mut().act(Action::Edit(Edit::Submissions {
                list,
                source: "dang-ky.csv".into(),
            }));
            assert!(
                h.state().doc.as_ref().is_some_and(|d| d.dirty),
                "not applied: {:?}",
                h.state().status
            );
            h
        });
}
