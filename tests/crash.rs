//! Crash safety, proven: a process saving a session is killed (SIGKILL) at random moments, a
//! thousand times, and the file on disk is always the old or the new complete version and loads,
//! as are the versions kept before it, and the next load clears what the killed save left; a full
//! disk and a read-only folder give a clear message and leave the previous file intact.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use giamkhao::model::Session;
use giamkhao::store;
use giamkhao::text::Lang;

/// Set in the child: the folder to save in, over and over, until killed.
const CHILD: &str = "GIAMKHAO_CRASH_CHILD";

/// Two versions of one session that differ, big enough (about 1 MB) that writing one takes a while.
fn versions() -> (Session, Session) {
    let a = giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 120,
        judges: 12,
        per_submission: 5,
        criteria: 6,
        seed: 3,
    });
    let mut b = a.clone();
    b.contest.name.push_str(" — bản B");
    for sheet in &mut b.scoresheets {
        for entry in &mut sheet.entries {
            entry.comment = "Đã chấm lại sau buổi bảo vệ.".into();
        }
    }
    (a, b)
}

fn is_temporary(name: &str) -> bool {
    name.starts_with(".giamkhao-") && name.ends_with(".tmp")
}

fn temporaries(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| is_temporary(&e.as_ref().unwrap().file_name().to_string_lossy()))
        .count()
}

#[cfg(unix)]
#[test]
fn killed_while_saving_the_file_is_always_the_old_or_the_new_version() {
    if let Ok(dir) = std::env::var(CHILD) {
        // The child: write version A and version B in turn, for ever, with the atomic save every
        // save goes through; the parent kills it.
        let dir = PathBuf::from(dir);
        let path = dir.join("phien.ron");
        let a = fs::read(dir.join("a.src")).unwrap();
        let b = fs::read(dir.join("b.src")).unwrap();
        println!("ready");
        loop {
            store::atomic::write_atomic(&path, &a).unwrap();
            store::atomic::write_atomic(&path, &b).unwrap();
        }
    }
    let (mut a, mut b) = versions();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    // Each version as save_session writes it.
    let (pa, pb) = (dir.path().join("a.src"), dir.path().join("b.src"));
    store::save_session(&pa, &mut a).unwrap();
    store::save_session(&pb, &mut b).unwrap();
    let (bytes_a, bytes_b) = (fs::read(&pa).unwrap(), fs::read(&pb).unwrap());
    assert_ne!(bytes_a, bytes_b);
    let started = Instant::now();
    store::atomic::write_atomic(&path, &bytes_a).unwrap();
    store::atomic::write_atomic(&path, &bytes_b).unwrap();
    let two_saves = started.elapsed();

    let exe = std::env::current_exe().unwrap();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let (mut kills, mut mid_write) = (0, 0);
    for round in 0..1000 {
        let mut child = Command::new(&exe)
            .args([
                "killed_while_saving_the_file_is_always_the_old_or_the_new_version",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        while !ready.contains("ready") {
            ready.clear();
            assert!(
                out.read_line(&mut ready).unwrap() > 0,
                "child ended before it was ready"
            );
        }
        // xorshift: a reproducible "random" moment within the next two saves.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let wait = two_saves.mul_f64((rng % 1000) as f64 / 1000.0);
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        // The file is one of the two complete versions, and it loads.
        let now = fs::read(&path).unwrap();
        assert!(
            now == bytes_a || now == bytes_b,
            "round {round}: a torn file ({} bytes)",
            now.len()
        );
        let bak = fs::read(store::atomic::backup_path(&path)).unwrap();
        assert!(bak == bytes_a || bak == bytes_b, "round {round}: a torn backup");
        // The older versions kept, when there are any yet, are whole too.
        for older in &store::atomic::backup_paths(&path)[1..] {
            if let Ok(bak) = fs::read(older) {
                assert!(
                    bak == bytes_a || bak == bytes_b,
                    "round {round}: a torn {older:?}"
                );
            }
        }
        // A temporary file left behind means the kill landed while writing; the next giamkhao
        // that opens a file in the folder removes it.
        mid_write += usize::from(temporaries(dir.path()) > 0);
        store::load_session(&path).unwrap();
        assert_eq!(temporaries(dir.path()), 0, "round {round}: left behind");
    }
    eprintln!(
        "{kills} kills, {mid_write} of them while a file was being written; two saves take {two_saves:?}"
    );
    assert_eq!(kills, 1000);
    assert!(
        mid_write >= 50,
        "only {mid_write} kills landed mid-write: the timing is off"
    );
}

/// A small file system of our own (tmpfs), to fill up or make read-only. Mounting needs root: run
/// directly as root, or through `sudo -n` (CI has one or the other); elsewhere the test says it was
/// not checked, and under CI it fails instead.
struct Tmpfs(PathBuf);

/// Runs a command as root: directly when we are root, else through passwordless sudo.
fn as_root(args: &[&str]) -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if root {
        Command::new(args[0])
    } else {
        let mut c = Command::new("sudo");
        c.args(["-n", args[0]]);
        c
    };
    command
        .args(&args[1..])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn id(flag: &str) -> String {
    Command::new("id")
        .arg(flag)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "0".into())
}

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        // Owned by whoever runs the tests, so they can write in it.
        let options = format!("size={size},uid={},gid={},mode=0755", id("-u"), id("-g"));
        let target = dir.to_string_lossy().to_string();
        if !as_root(&["mount", "-t", "tmpfs", "-o", &options, "tmpfs", &target]) {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must check full and read-only disks: mounting a tmpfs needs root or sudo"
            );
            eprintln!("full/read-only disk NOT CHECKED: cannot mount a tmpfs here (needs root or sudo)");
            return None;
        }
        Some(Tmpfs(dir.to_path_buf()))
    }

    fn read_only(&self) {
        let target = self.0.to_string_lossy().to_string();
        assert!(as_root(&["mount", "-o", "remount,ro", &target]));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let target = self.0.to_string_lossy().to_string();
        as_root(&["umount", &target]);
    }
}

fn small_session() -> Session {
    giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 3,
        judges: 2,
        per_submission: 2,
        criteria: 2,
        seed: 9,
    })
}

#[cfg(unix)]
#[test]
fn a_full_disk_says_so_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_disk) = Tmpfs::mount(dir.path(), "256k") else {
        return;
    };
    let path = dir.path().join("phien.ron");
    let mut session = small_session();
    store::save_session(&path, &mut session).unwrap();
    let before = fs::read(&path).unwrap();
    // Fill the disk, then try to save something bigger.
    let filler = dir.path().join("filler");
    let _ = fs::write(&filler, vec![0u8; 1024 * 1024]);
    let mut bigger = versions().0;
    let error = store::save_session(&path, &mut bigger).unwrap_err();
    let message = giamkhao::text::load_error(&error, Lang::Vi);
    assert!(message.contains("ổ đĩa đã đầy"), "{message}");
    assert!(
        message.contains("Tệp đã lưu trước đó vẫn nguyên vẹn"),
        "{message}"
    );
    assert!(message.contains("phien.ron"), "{message}");
    let english = giamkhao::text::load_error(&error, Lang::En);
    assert!(english.contains("the disk is full"), "{english}");
    assert_eq!(fs::read(&path).unwrap(), before, "the previous file is intact");
    store::load_session(&path).unwrap();
    let leftovers = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| is_temporary(&e.as_ref().unwrap().file_name().to_string_lossy()))
        .count();
    assert_eq!(leftovers, 0, "no half-written temporary file is left");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_says_so_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(dir.path(), "1m") else {
        return;
    };
    let path = dir.path().join("phien.ron");
    let mut session = small_session();
    store::save_session(&path, &mut session).unwrap();
    let before = fs::read(&path).unwrap();
    disk.read_only();
    session.contest.name.push_str(" (sửa)");
    let error = store::save_session(&path, &mut session).unwrap_err();
    let message = giamkhao::text::load_error(&error, Lang::Vi);
    assert!(message.contains("thư mục chỉ đọc"), "{message}");
    assert!(message.contains("Lưu thành…"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // The command line says the same and exits 1.
    let copy = dir.path().join("phien.json");
    let out = Command::new(env!("CARGO_BIN_EXE_giamkhao"))
        .env("GIAMKHAO_HOME", dir.path().join("home"))
        .arg("convert")
        .args([&path, &copy])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("thư mục chỉ đọc"), "{said}");
    assert!(!copy.exists());
    assert_eq!(fs::read(&path).unwrap(), before);
}
