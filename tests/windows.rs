//! The Windows program, run under Wine: the command line end to end on the sample — results, check,
//! packet, merge, export to Excel, CSV and PDF, seal, verify — in a folder whose path has Vietnamese
//! letters and spaces (`C:\users\Nguyễn Văn A\Tài liệu\Chung khảo 2026\`) and on a second drive,
//! compared with the Linux program wherever the two must agree; then saves killed part-way on the
//! Windows file system's rules.
//!
//! `.ci/run` cross-builds `giamkhao.exe`, prepares a Wine prefix (with the `ProcessPrng` shim Wine 8
//! lacks) and names both: `GIAMKHAO_WINDOWS_EXE`, `WINEPREFIX`, and `GIAMKHAO_REQUIRE_WINDOWS=1`, with
//! which a missing program is a failure. Without them these tests say "NOT CHECKED" and how to run
//! them (docs/install.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use giamkhao::store;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";
const HOME: &str = r"C:\users\Nguyễn Văn A\Tài liệu\Chung khảo 2026";

/// The Windows program and the Wine prefix it runs in.
struct Wine {
    wine: PathBuf,
    exe: PathBuf,
    prefix: PathBuf,
}

impl Wine {
    /// From the environment `.ci/run` sets, or None (and why) when it is not set.
    fn from_env() -> Option<Wine> {
        let exe = std::env::var_os("GIAMKHAO_WINDOWS_EXE").map(PathBuf::from);
        let prefix = std::env::var_os("WINEPREFIX").map(PathBuf::from);
        let (Some(exe), Some(prefix)) = (exe, prefix) else {
            let why = "NOT CHECKED: the Windows program under Wine (set GIAMKHAO_WINDOWS_EXE and \
                       WINEPREFIX as .ci/run does; see docs/install.md)";
            assert!(std::env::var_os("GIAMKHAO_REQUIRE_WINDOWS").is_none(), "{why}");
            eprintln!("{why}");
            return None;
        };
        let wine = std::env::var_os("WINE").map(PathBuf::from).unwrap_or_else(|| {
            let wine64 = PathBuf::from("/usr/lib/wine/wine64");
            if wine64.exists() {
                wine64
            } else {
                PathBuf::from("wine")
            }
        });
        let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
        Some(Wine { wine, exe, prefix })
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.wine);
        c.arg(&self.exe)
            .args(args)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            // Wine reads the arguments' bytes as this locale's: UTF-8, for the Vietnamese letters.
            .env("LC_ALL", "C.UTF-8")
            .env("GIAMKHAO_HOME", format!(r"{HOME}\du-lieu-giamkhao"))
            .stdin(Stdio::null());
        c
    }

    /// Runs the program and waits for it. Its output goes through files, not pipes: the Wine server
    /// and Wine's own helper processes it may start inherit them and outlive it, and a pipe would not
    /// close until they end.
    fn run(&self, args: &[&str]) -> Output {
        let out = tempfile::tempfile().unwrap();
        let err = tempfile::tempfile().unwrap();
        let status = self
            .command(args)
            .stdout(out.try_clone().unwrap())
            .stderr(err.try_clone().unwrap())
            .status()
            .expect("wine runs");
        let read = |mut f: std::fs::File| {
            use std::io::{Read, Seek};
            let mut bytes = Vec::new();
            f.seek(std::io::SeekFrom::Start(0)).unwrap();
            f.read_to_end(&mut bytes).unwrap();
            bytes
        };
        Output {
            status,
            stdout: read(out),
            stderr: read(err),
        }
    }

    /// Where a Windows path (`C:\…`, `D:\…`) is on this machine.
    fn unix(&self, windows: &str) -> PathBuf {
        let (drive, rest) = windows.split_once(":\\").expect("a drive");
        let mut path = self
            .prefix
            .join("dosdevices")
            .join(format!("{}:", drive.to_lowercase()));
        for part in rest.split('\\').filter(|p| !p.is_empty()) {
            path.push(part);
        }
        path
    }

    /// A drive D: of the prefix's own, for files "on another drive".
    fn second_drive(&self) -> PathBuf {
        let target = self.prefix.join("o-d");
        std::fs::create_dir_all(&target).unwrap();
        let link = self.prefix.join("dosdevices").join("d:");
        if std::fs::read_link(&link).ok().as_deref() != Some(target.as_path()) {
            let _ = std::fs::remove_file(&link);
            // Two tests may make it at once: either one's link is the same.
            let _ = std::os::unix::fs::symlink(&target, &link);
        }
        target
    }
}

fn linux(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_giamkhao"))
        .args(args)
        .env("GIAMKHAO_HOME", home)
        .output()
        .expect("giamkhao runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A fresh folder of the test's own inside `HOME` (Windows path, Unix path).
fn folder(wine: &Wine, name: &str) -> (String, PathBuf) {
    let windows = format!(r"{HOME}\{name}");
    let unix = wine.unix(&windows);
    let _ = std::fs::remove_dir_all(&unix);
    std::fs::create_dir_all(&unix).unwrap();
    (windows, unix)
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", text(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(o)))
}

fn xlsx_cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn the_windows_command_line_agrees_with_linux_in_vietnamese_paths_and_on_another_drive() {
    let Some(wine) = Wine::from_env() else { return };
    let (win_dir, dir) = folder(&wine, "cli");
    let home = tempfile::tempdir().unwrap();
    let session_win = format!(r"{win_dir}\phiên chấm.gkphien");
    let session = dir.join("phiên chấm.gkphien");
    std::fs::copy(SAMPLE, &session).unwrap();
    let linux_copy = home.path().join("phien.gkphien");
    std::fs::copy(SAMPLE, &linux_copy).unwrap();
    let linux_copy_s = linux_copy.to_str().unwrap();

    // --version, and the results: the same JSON, to the last field.
    let version = wine.run(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("giamkhao {}", env!("CARGO_PKG_VERSION")),
        "{}",
        text(&version)
    );
    for lang in ["vi", "en"] {
        let windows = json(&wine.run(&["--lang", lang, "results", &session_win, "--format", "json"]));
        let here = json(&linux(
            &["--lang", lang, "results", linux_copy_s, "--format", "json"],
            home.path(),
        ));
        assert_eq!(windows, here, "results in {lang}");
    }

    // check: the file named with its Windows path, Vietnamese letters and spaces intact.
    let checked = wine.run(&["check", &session_win]);
    assert!(checked.status.success(), "{}", text(&checked));
    assert!(text(&checked).contains(&session_win), "{}", text(&checked));

    // A packet written to another drive, read back here.
    let drive = wine.second_drive();
    let packet_win = r"D:\Gói chấm\goi-gk1.gkgoi";
    let _ = std::fs::remove_dir_all(drive.join("Gói chấm"));
    std::fs::create_dir_all(drive.join("Gói chấm")).unwrap();
    let made = wine.run(&["packet", &session_win, "--judge", "gk1", "-o", packet_win]);
    assert!(made.status.success(), "{}", text(&made));
    let packet_path = drive.join("Gói chấm").join("goi-gk1.gkgoi");
    let packet = store::load_packet(&packet_path).unwrap();
    let linux_packet = home.path().join("goi-gk1.gkgoi");
    let out = linux(
        &[
            "packet",
            linux_copy_s,
            "--judge",
            "gk1",
            "-o",
            linux_packet.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let here_packet = store::load_packet(&linux_packet).unwrap();
    assert_eq!(packet.sheet, here_packet.sheet, "the packet's sheet");
    assert_eq!(packet.submissions, here_packet.submissions);
    assert_eq!(packet.contest, here_packet.contest);

    // The judge's correction, merged on Windows and here: the same results after.
    let mut corrected = packet.clone();
    let entry = &mut corrected.sheet.entries[0];
    entry.comment = "Đã xem lại hồ sơ — sửa nhận xét".into();
    entry.revision += 1;
    let sheet_path = drive.join("Gói chấm").join("goi-gk1-sua.gkgoi");
    store::save_packet(&sheet_path, &corrected).unwrap();
    let by = "Trần Thị Thu";
    let merged = wine.run(&[
        "merge",
        &session_win,
        r"D:\Gói chấm\goi-gk1-sua.gkgoi",
        "--by",
        by,
    ]);
    assert!(merged.status.success(), "{}", text(&merged));
    let out = linux(
        &["merge", linux_copy_s, sheet_path.to_str().unwrap(), "--by", by],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let windows = json(&wine.run(&["results", &session_win, "--format", "json"]));
    let here = json(&linux(
        &["results", linux_copy_s, "--format", "json"],
        home.path(),
    ));
    assert_eq!(windows, here, "results after the merge");
    let merged_session = store::load_session(&session).unwrap();
    assert_eq!(
        merged_session.scoresheets,
        store::load_session(&linux_copy).unwrap().scoresheets
    );
    // Saved atomically, the version before kept; nothing left behind.
    assert!(dir.join("phiên chấm.gkphien.bak").exists());
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // Exports: the workbook's cells and the CSV files equal the Linux program's.
    let xlsx_win = format!(r"{win_dir}\kết quả.xlsx");
    let out = wine.run(&["export", &session_win, "--format", "xlsx", "-o", &xlsx_win]);
    assert!(out.status.success(), "{}", text(&out));
    let xlsx_here = home.path().join("ket-qua.xlsx");
    let out = linux(
        &[
            "export",
            linux_copy_s,
            "--format",
            "xlsx",
            "-o",
            xlsx_here.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(xlsx_cells(&wine.unix(&xlsx_win)), xlsx_cells(&xlsx_here));
    let csv_win = format!(r"{win_dir}\kết quả.csv");
    let out = wine.run(&["export", &session_win, "--format", "csv", "-o", &csv_win]);
    assert!(out.status.success(), "{}", text(&out));
    let csv_here = home.path().join("ket-qua.csv");
    let out = linux(
        &[
            "export",
            linux_copy_s,
            "--format",
            "csv",
            "-o",
            csv_here.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        std::fs::read(wine.unix(&csv_win)).unwrap(),
        std::fs::read(&csv_here).unwrap()
    );
    let pdf_win = format!(r"{win_dir}\biên bản.pdf");
    let out = wine.run(&["export", &session_win, "--format", "pdf", "-o", &pdf_win]);
    assert!(out.status.success(), "{}", text(&out));
    let pdf = std::fs::read(wine.unix(&pdf_win)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // Sealed on Windows; the digest it prints is the one Linux computes from the file.
    let sealed = wine.run(&["seal", &session_win, "--by", "Nguyễn Thị Lan"]);
    assert!(sealed.status.success(), "{}", text(&sealed));
    let said = text(&sealed);
    let digest: String = said
        .split("SHA-256: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{said}"))
        .chars()
        .take(64)
        .collect();
    let verified = linux(
        &["verify", session.to_str().unwrap(), "--digest", &digest],
        home.path(),
    );
    assert!(verified.status.success(), "{}", text(&verified));
    let verified = wine.run(&["verify", &session_win, "--digest", &digest]);
    assert!(verified.status.success(), "{}", text(&verified));
    assert_eq!(
        store::load_session(&session).unwrap().seal.unwrap().by,
        "Nguyễn Thị Lan"
    );
}

/// A save killed part-way on Windows leaves the session whole — the old one or the new one — and the
/// next giamkhao clears what the killed one left.
#[test]
fn a_save_killed_on_windows_leaves_the_session_whole() {
    let Some(wine) = Wine::from_env() else { return };
    let (win_dir, dir) = folder(&wine, "crash");
    let session_win = format!(r"{win_dir}\phiên.gkphien");
    let session = dir.join("phiên.gkphien");
    // A contest of 1,500 projects (6 MB), so that writing is a fair part of a merge's time.
    let home = tempfile::tempdir().unwrap();
    let made = linux(
        &[
            "generate",
            "--submissions",
            "1500",
            "--judges",
            "60",
            "--per-submission",
            "5",
            "--criteria",
            "6",
            "--seed",
            "7",
            "-o",
            session.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(made.status.success(), "{}", text(&made));
    let packet_win = format!(r"{win_dir}\goi-gk002.gkgoi");
    let made = wine.run(&["packet", &session_win, "--judge", "gk002", "-o", &packet_win]);
    assert!(made.status.success(), "{}", text(&made));
    let mut packet = store::load_packet(&wine.unix(&packet_win)).unwrap();
    let before = packet.sheet.entries[0].comment.clone();
    // How long one merge that saves takes here, start to end: the kills are spread over it.
    packet.sheet.entries[0].comment = "Lần đo".into();
    packet.sheet.entries[0].revision += 1;
    store::save_packet(&wine.unix(&packet_win), &packet).unwrap();
    let started = std::time::Instant::now();
    let whole = wine.run(&["merge", &session_win, &packet_win, "--by", "Trần Thư Ký"]);
    assert!(whole.status.success(), "{}", text(&whole));
    let span = started.elapsed();
    let mut survived = 0;
    let rounds = 12u32;
    for round in 0..rounds {
        packet.sheet.entries[0].comment = format!("Lần sửa {round}");
        packet.sheet.entries[0].revision += 1;
        store::save_packet(&wine.unix(&packet_win), &packet).unwrap();
        let mut child = wine
            .command(&["merge", &session_win, &packet_win, "--by", "Trần Thư Ký"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Killed at a different moment each time, over the last fifth of a merge (where it
        // writes and renames) and a little past it.
        let at = 0.80 + 0.24 * (f64::from(round) + 0.5) / f64::from(rounds);
        std::thread::sleep(span.mul_f64(at));
        let finished = child.try_wait().unwrap().is_some();
        if finished {
            survived += 1;
        } else {
            child.kill().unwrap();
        }
        let _ = child.wait();
        let whole = store::load_session(&session).unwrap_or_else(|e| panic!("after kill {round}: {e:?}"));
        let round_id = &whole.contest.rounds[0].id;
        let comment = &whole.sheet(round_id, "gk002").unwrap().entries[0].comment;
        assert!(
            *comment == before || *comment == "Lần đo" || comment.starts_with("Lần sửa"),
            "{comment}"
        );
        eprintln!("kill {round} at {at:.2} of a merge: finished {finished}, the sheet says «{comment}»");
    }
    // The next run clears the temporaries a killed save left.
    let temporaries = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };
    let killed_mid_write = temporaries(&dir).len();
    let after = wine.run(&["results", &session_win]);
    assert!(after.status.success(), "{}", text(&after));
    let left = temporaries(&dir);
    assert!(left.is_empty(), "{left:?}");
    eprintln!(
        "{killed_mid_write} temporaries left by kills mid-write, cleared; {survived} of {rounds} merges finished before their kill (a merge takes {span:?})"
    );
}
