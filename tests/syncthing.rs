//! Two laptops, one contest, carried by real Syncthing (Debian's `syncthing`): two instances on the
//! loopback address, each with its own home and ports and no discovery, relay or internet, share
//! the contest folder between a "judge laptop" directory and an "organizer laptop" directory. A
//! score typed in the judge's app reaches the organizer's app following its copy of the folder, and
//! its Results.
//!
//! Under CI (`GIAMKHAO_REQUIRE_SYNCTHING=1`, set by `.ci/run`, which installs syncthing) the test
//! fails when Syncthing cannot start; elsewhere, without Syncthing, it says so and passes.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use giamkhao::app::{Action, FakePicker, GiamkhaoApp, Screen, Settings, install_fonts};
use giamkhao::store;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

/// A Syncthing instance, stopped when dropped; its log is kept to say why on failure.
struct Instance {
    child: Child,
    log: PathBuf,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Makes the keys of an instance in `home` and returns its device ID.
fn generate(home: &Path) -> Result<String, String> {
    let out = Command::new("syncthing")
        .args(["generate", "--no-default-folder", "--home"])
        .arg(home)
        .output()
        .map_err(|e| format!("syncthing generate: {e}"))?;
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    said.lines()
        .find_map(|l| l.split("Device ID: ").nth(1))
        .map(|id| id.trim().to_string())
        .ok_or(format!("no device ID in: {said}"))
}

/// The configuration of one instance: listening on `port` on the loopback only, knowing the other
/// at `peer_port`, sharing `folder` as "giamkhao"; no GUI, discovery, relays, NAT or reporting, and
/// quick to reconnect and rescan.
fn config(me: (&str, u16), peer: (&str, u16), folder: &Path) -> String {
    let device = |id: &str, port: u16, name: &str| {
        format!(
            r#"    <device id="{id}" name="{name}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:{port}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
"#
        )
    };
    format!(
        r#"<configuration version="36">
    <folder id="giamkhao" label="Cuộc thi" path="{path}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{me_id}" introducedBy=""></device>
        <device id="{peer_id}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
    </folder>
{me_device}{peer_device}    <gui enabled="false" tls="false" debugging="false">
        <address>127.0.0.1:{gui}</address>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{me_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <crashReportingEnabled>false</crashReportingEnabled>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
"#,
        path = folder.display(),
        me_id = me.0,
        peer_id = peer.0,
        me_device = device(me.0, me.1, "may"),
        peer_device = device(peer.0, peer.1, "may-kia"),
        gui = free_port(),
        me_port = me.1,
    )
}

fn start(home: &Path) -> Result<Instance, String> {
    let log = home.join("syncthing.log");
    let child = Command::new("syncthing")
        .args(["serve", "--no-browser", "--no-restart", "--no-upgrade", "--home"])
        .arg(home)
        .arg(format!("--logfile={}", log.display()))
        .env("STNODEFAULTFOLDER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("syncthing serve: {e}"))?;
    Ok(Instance { child, log })
}

/// Two instances sharing `judge` and `organizer` as one folder.
fn pair(root: &Path, judge: &Path, organizer: &Path) -> Result<(Instance, Instance), String> {
    let (a, b) = (root.join("st-judge"), root.join("st-organizer"));
    let (id_a, id_b) = (generate(&a)?, generate(&b)?);
    let (port_a, port_b) = (free_port(), free_port());
    for dir in [judge, organizer] {
        fs::create_dir_all(dir.join(".stfolder")).map_err(|e| e.to_string())?;
    }
    fs::write(
        a.join("config.xml"),
        config((&id_a, port_a), (&id_b, port_b), judge),
    )
    .map_err(|e| e.to_string())?;
    fs::write(
        b.join("config.xml"),
        config((&id_b, port_b), (&id_a, port_a), organizer),
    )
    .map_err(|e| e.to_string())?;
    Ok((start(&a)?, start(&b)?))
}

fn app(picker: FakePicker) -> Harness<'static, GiamkhaoApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            install_fonts(&cc.egui_ctx);
            let settings = Settings {
                name: "Trần Thư Ký".into(),
                ..Settings::default()
            };
            GiamkhaoApp::with(settings, Box::new(picker))
        })
}

fn click(h: &mut Harness<'static, GiamkhaoApp>, label: &str) {
    h.get_by_label_contains(label).scroll_to_me();
    h.run_ok();
    h.get_by_label_contains(label).click();
    h.run_ok();
}

fn score(app: &GiamkhaoApp, submission: &str, criterion: &str) -> Option<String> {
    let session = app.doc.as_ref()?.session()?;
    let entry = session
        .sheet("chung-khao", "gk2")?
        .entries
        .iter()
        .find(|e| e.submission == submission)?;
    entry.scores.get(criterion).map(|p| p.to_string())
}

#[test]
fn a_score_typed_on_the_judges_laptop_reaches_the_organizers_results_through_syncthing() {
    let required = std::env::var_os("GIAMKHAO_REQUIRE_SYNCTHING").is_some_and(|v| v == "1");
    if Command::new("syncthing").arg("--version").output().is_err() {
        assert!(
            !required,
            "syncthing is required here (GIAMKHAO_REQUIRE_SYNCTHING=1) but cannot be run"
        );
        eprintln!("syncthing is not installed: the two-laptop test is not run (apt-get install syncthing)");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let judge_folder = root.path().join("may-giam-khao").join("Cuộc thi");
    let organizer_folder = root.path().join("may-ban-to-chuc").join("Cuộc thi");
    let (judge_st, organizer_st) = pair(root.path(), &judge_folder, &organizer_folder).unwrap();

    // The organizer's session, and the judge's packet on the judge's laptop (outside the folder).
    let session_path = root.path().join("phien.gkphien");
    fs::copy(SAMPLE, &session_path).unwrap();
    let session = store::load_session(&session_path).unwrap();
    let packet_path = root.path().join("goi-gk2.gkgoi");
    store::save_packet(&packet_path, &store::make_packet(&session, "gk2", None).unwrap()).unwrap();

    let mut judge = app(FakePicker {
        folders: vec![judge_folder.clone()],
        ..Default::default()
    });
    judge.state_mut().data_dir = Some(root.path().join("du-lieu-giam-khao"));
    judge.state_mut().act(Action::OpenPath {
        path: packet_path.clone(),
        read_only: false,
    });
    judge.run_ok();
    click(&mut judge, "Gửi vào thư mục cuộc thi…");
    let print = judge.state().key_fingerprint.clone().unwrap();

    let mut organizer = app(FakePicker {
        folders: vec![organizer_folder.clone()],
        ..Default::default()
    });
    organizer.state_mut().act(Action::OpenPath {
        path: session_path.clone(),
        read_only: false,
    });
    organizer.run_ok();
    // The key the judge read out, bound before the day starts.
    organizer.state_mut().act(Action::BindKey {
        judge: "gk2".into(),
        fingerprint: print.clone(),
    });
    organizer
        .state_mut()
        .act(Action::FollowFolder(organizer_folder.clone()));
    organizer.state_mut().act(Action::Navigate(Screen::Results));
    organizer.run_ok();
    let before = organizer.state().doc.as_ref().unwrap().results.clone();

    // The judge types a score.
    click(&mut judge, "DA01 · ");
    judge
        .get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
        .focus();
    judge.run_ok();
    judge.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    judge
        .get_by_role_and_label(Role::TextInput, "Tính mới và sáng tạo")
        .type_text("19");
    judge.key_press(egui::Key::Tab);
    judge.run_ok();
    assert_eq!(
        store::load_packet(&packet_path)
            .unwrap()
            .sheet
            .entry("DA01")
            .and_then(|e| e.scores.get("tc1"))
            .map(|p| p.to_string())
            .as_deref(),
        Some("19")
    );

    // Syncthing carries it; the organizer's app merges it as it lands.
    let start = Instant::now();
    while score(organizer.state(), "DA01", "tc1").as_deref() != Some("19") {
        if start.elapsed() > Duration::from_secs(120) {
            let logs = [&judge_st, &organizer_st]
                .map(|i| fs::read_to_string(&i.log).unwrap_or_default())
                .join("\n----\n");
            panic!(
                "the score did not reach the organizer within 120 s; organizer's folder: {:?}\n{logs}",
                fs::read_dir(organizer_folder.join("gk2"))
                    .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
            );
        }
        std::thread::sleep(Duration::from_millis(200));
        organizer.run_ok();
    }
    let after = organizer.state().doc.as_ref().unwrap().results.clone();
    assert_ne!(before, after, "the Results follow the merge");
    assert_eq!(organizer.state().screen, Screen::Results);
    let board = organizer.state().views.progress.board.clone().unwrap();
    let line = board.judges.iter().find(|l| l.judge == "gk2").unwrap();
    assert!(
        line.last.is_some() && line.refused == 0 && line.awaiting.is_none(),
        "{line:?}"
    );
    eprintln!(
        "two Syncthing instances: the score reached the organizer's Results in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}
