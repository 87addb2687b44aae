//! Image snapshots of every screen, in Vietnamese and English, rendered by wgpu (in CI on Mesa's
//! lavapipe, which .ci/run installs; a machine that cannot render fails here rather than skipping).
//! Approve a change with `UPDATE_SNAPSHOTS=true cargo test --test snapshots` and look at the images.
//! Outside CI, a machine with no GPU and no lavapipe reports the snapshots as not checked (with the
//! command that installs the driver), so `cargo test` works on a fresh machine; under CI it fails.

use std::path::Path;

use egui_kittest::{Harness, SnapshotResults};
use giamkhao::app::{Action, FakePicker, GiamkhaoApp, Screen, Settings, install_fonts};
use giamkhao::text::Lang;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

fn harness() -> Harness<'static, GiamkhaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 760.0))
        .wgpu()
        .build_eframe(|cc| {
            install_fonts(&cc.egui_ctx);
            GiamkhaoApp::with(Settings::default(), Box::new(FakePicker::default()))
        })
}

/// Whether the snapshot renderer can start here (a GPU, or Mesa's lavapipe): the same set-up the
/// snapshots use, tried once with its panic kept quiet.
fn can_render() -> bool {
    use egui_kittest::wgpu::{create_render_state, default_wgpu_setup};
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let ok =
        std::panic::catch_unwind(|| create_render_state(default_wgpu_setup(), Default::default())).is_ok();
    std::panic::set_hook(hook);
    ok
}

#[test]
fn every_screen_looks_as_approved() {
    if !can_render() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must render the snapshots: apt-get install mesa-vulkan-drivers libvulkan1"
        );
        eprintln!(
            "snapshots NOT CHECKED: no GPU or software renderer here (apt-get install mesa-vulkan-drivers libvulkan1)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("hai-phong-2023.ron");
    std::fs::copy(SAMPLE, &session).unwrap();
    let s = giamkhao::store::load_session(&session).unwrap();
    let packet = dir.path().join("goi-gk3.ron");
    giamkhao::store::save_packet(&packet, &giamkhao::store::make_packet(&s, "gk3", None).unwrap()).unwrap();

    let mut results = SnapshotResults::new();
    let mut h = harness();
    for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        h.state_mut().act(Action::SetLang(lang));
        h.state_mut().act(Action::OpenPath {
            path: session.clone(),
            read_only: false,
        });
        for (screen, name) in [
            (Screen::Contest, "contest"),
            (Screen::Submissions, "submissions"),
            (Screen::Progress, "progress"),
            (Screen::Results, "results"),
            (Screen::Analysis, "analysis"),
            (Screen::Audit, "audit"),
        ] {
            h.state_mut().act(Action::Navigate(screen));
            h.run();
            results.add(h.try_snapshot(format!("{name}_{code}")));
        }
        // Paper sheets: the second typing of gk3's sheet, with the comparison under it.
        let paper = &mut h.state_mut().views.paper;
        paper.judge = Some("gk3".into());
        paper.pass = Some(giamkhao::model::Pass::Second);
        h.state_mut().act(Action::Navigate(Screen::Paper));
        h.run();
        results.add(h.try_snapshot(format!("paper_{code}")));
        h.state_mut().act(Action::OpenPath {
            path: packet.clone(),
            read_only: false,
        });
        h.run();
        results.add(h.try_snapshot(format!("scoring_{code}")));
    }
    assert!(Path::new("tests/snapshots").exists());
}
