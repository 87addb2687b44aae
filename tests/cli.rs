//! The `giamkhao` command line on the bundled sample, as a user runs it.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

/// A copy of the sample in a fresh folder (the folder lives as long as the returned guard).
fn copy_of_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("phien.ron");
    fs::copy(SAMPLE, &session).unwrap();
    (dir, session)
}

/// giamkhao run with `home` as its data folder (where the name on the record is remembered), so
/// that no test reads or writes the real one.
fn giamkhao_at(home: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("giamkhao").expect("binary");
    command.env("GIAMKHAO_HOME", home);
    command
}

/// giamkhao for commands that put nothing on the record: its data folder is the tests' own, in the
/// build folder. Tests that seal, merge, import or unseal use [`giamkhao_at`] with a fresh folder.
fn giamkhao() -> Command {
    giamkhao_at(&std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("giamkhao-home"))
}

#[test]
fn results_table_prints_awards_and_every_flag_in_words() {
    let out = giamkhao()
        .args(["results", SAMPLE])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for expected in [
        "DA07",
        "87,33",
        "Nhất",
        "Khuyến khích",
        "xung đột lợi ích: giám khảo PGS.TS. Nguyễn Văn Hải (cùng đơn vị với dự án)",
        "giám khảo xin rút: Quỹ Đầu tư Khởi nghiệp Đất Cảng",
        "cần thảo luận (chênh lệch): giám khảo Ông Lê Minh Đức cho 50,00 so với trung bình 71,00",
        "xếp trên nhờ tiêu chí «Tính mới và sáng tạo»",
        "đồng hạng tranh giải Ba: 1 suất, 2 dự án; đã có quyết định của hội đồng",
        "Hội đồng biểu quyết 5/6",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
    assert!(!text.contains("TẠM THỜI"));
}

#[test]
fn results_in_english_json_are_complete() {
    let out = giamkhao()
        .args(["--lang", "en", "results", SAMPLE, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["format"], "giamkhao-results");
    assert_eq!(
        json["generator"],
        format!("giamkhao {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(json["provisional"], false);
    let rows = json["scopes"][0]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 24);
    assert_eq!(rows[0]["submission"], "DA07");
    assert_eq!(rows[0]["score"], 87.33);
    assert_eq!(rows[0]["award_name"], "Nhất");
    assert_eq!(rows[0]["prize_vnd"], 50_000_000);
    assert_eq!(rows[0]["judges"].as_array().unwrap().len(), 6);
    let da09 = rows.iter().find(|r| r["submission"] == "DA09").unwrap();
    assert!(
        da09["flags_text"][0]
            .as_str()
            .unwrap()
            .starts_with("needs discussion (divergence)")
    );
}

#[test]
fn results_csv_opens_in_excel() {
    let out = giamkhao()
        .args(["results", SAMPLE, "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.starts_with("\u{feff}".as_bytes()), "UTF-8 byte order mark");
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    // Vietnamese: decimal commas, fields separated by semicolons.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[1], "Hạng");
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[2], "DA07");
    assert_eq!(&first[5], "87,33");
    assert_eq!(&first[7], "Nhất");
    assert_eq!(reader.records().count(), 23);
}

#[test]
fn check_passes_the_sample_and_locates_errors() {
    giamkhao()
        .args(["check", SAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains("không có lỗi"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = fs::read_to_string(SAMPLE)
        .unwrap()
        .replacen("max: 20.0", "max: -20.0", 1);
    fs::write(&bad, text).unwrap();
    giamkhao()
        .args(["--lang", "en", "check", bad.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("maximum must be above 0")
                .and(predicate::str::contains("criterion «tc1»")),
        );
    let broken = dir.path().join("broken.ron");
    fs::write(&broken, "(\n  kind: Session,\n  version: 1,\n  contest: (id: 5\n").unwrap();
    giamkhao()
        .args(["check", broken.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("dòng 4"));
}

#[test]
fn packet_then_merge_changes_the_results() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let giamkhao = || giamkhao_at(&home);
    let packet = dir.path().join("gk2.ron");
    giamkhao()
        .args([
            "packet",
            session.to_str().unwrap(),
            "--judge",
            "gk2",
            "-o",
            packet.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("24 dự án"));
    // The judge rescored DA20 generously and handed the packet back.
    let text = fs::read_to_string(&packet).unwrap();
    let mut p: giamkhao::model::JudgePacket =
        giamkhao::store::files::parse_kind(&packet, &text, giamkhao::model::FileKind::JudgePacket).unwrap();
    let entry = p
        .sheet
        .entries
        .iter_mut()
        .find(|e| e.submission == "DA20")
        .unwrap();
    for v in entry.scores.values_mut() {
        *v = giamkhao::model::Points::from_int(15);
    }
    entry.revision += 1;
    giamkhao::store::save_packet(&packet, &p).unwrap();
    giamkhao()
        .args([
            "--lang",
            "en",
            "merge",
            session.to_str().unwrap(),
            packet.to_str().unwrap(),
            "--by",
            "thư ký",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 updated").and(predicate::str::contains("DA20")));
    assert!(giamkhao::store::atomic::backup_path(&session).exists());
    let out = giamkhao()
        .args([
            "--lang",
            "en",
            "results",
            session.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let da20 = json["scopes"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["submission"] == "DA20")
        .unwrap()
        .clone();
    assert_eq!(da20["award"], "ba", "DA20 no longer tied, takes Ba: {da20}");
    // The audit log holds the change, by whom.
    let merged = giamkhao::store::load_session(&session).unwrap();
    assert!(merged.audit.iter().any(|a| a.by == "thư ký"
        && a.target.contains("DA20")
        && a.kind == giamkhao::model::AuditKind::Score));
    // A second merge of the same file changes nothing (by the name remembered from the first).
    giamkhao()
        .args([
            "--lang",
            "en",
            "merge",
            session.to_str().unwrap(),
            packet.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing changed"));
}

#[test]
fn merge_reports_a_conflict_and_exits_non_zero() {
    let (dir, session) = copy_of_sample();
    let s = giamkhao::store::load_session(&session).unwrap();
    let mut sheet = s.sheet("chung-khao", "gk5").unwrap().clone();
    sheet.entries[0].comment = "sửa khác nhưng cùng bản".into();
    let path = dir.path().join("gk5-phieu.ron");
    giamkhao::store::save_scoresheet(&path, &giamkhao::model::ScoresheetFile::new(sheet)).unwrap();
    giamkhao_at(&dir.path().join("home"))
        .args(["merge", session.to_str().unwrap(), path.to_str().unwrap()])
        .args(["--by", "Trần Thư Ký"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("XUNG ĐỘT"));
}

#[test]
fn convert_ron_json_ron_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("phien.json");
    let back = dir.path().join("phien.ron");
    giamkhao()
        .args(["convert", SAMPLE, json.to_str().unwrap()])
        .assert()
        .success();
    giamkhao()
        .args(["convert", json.to_str().unwrap(), back.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&back).unwrap(),
        fs::read_to_string(SAMPLE).unwrap()
    );
    let value: serde_json::Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["kind"], "Session");
}

#[test]
fn generate_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    for path in [&a, &b] {
        giamkhao()
            .args([
                "generate",
                "--submissions",
                "50",
                "--judges",
                "8",
                "--per-submission",
                "5",
                "--criteria",
                "4",
                "--seed",
                "9",
            ])
            .args(["-o", path.to_str().unwrap()])
            .assert()
            .success();
    }
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
    giamkhao().args(["check", a.to_str().unwrap()]).assert().success();
}

#[test]
fn help_lists_the_commands_and_the_file_to_open() {
    giamkhao().arg("--help").assert().success().stdout(
        predicate::str::contains("results")
            .and(predicate::str::contains("merge"))
            .and(predicate::str::contains("[TỆP]")),
    );
    giamkhao()
        .args(["--lang", "en", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[FILE]"));
}

/// What giamkhao printed to standard output for `args`, which must succeed.
fn stdout_of(args: &[&str]) -> String {
    let out = giamkhao()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn help_is_in_vietnamese_by_default_and_in_english_with_lang_en() {
    let vi = stdout_of(&["--help"]);
    for expected in [
        "Cách dùng: giamkhao [TÙY CHỌN] [TỆP] [LỆNH]",
        "Lệnh:",
        "Tham số:",
        "Tùy chọn:",
        "Kết quả xếp hạng",
        "Gộp các phiếu chấm",
        "Nhập danh sách đăng ký",
        "--lang <NGÔN_NGỮ>",
        "vi (mặc định) hoặc en",
        "In hướng dẫn này",
        "In số phiên bản",
    ] {
        assert!(vi.contains(expected), "«{expected}» in:\n{vi}");
    }
    // Each command in the list is described in Vietnamese.
    for name in [
        "results", "check", "packet", "seal", "unseal", "verify", "merge", "export", "import", "convert",
        "generate",
    ] {
        let line = vi
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in:\n{vi}"));
        assert!(
            line.chars().any(|c| "ảạấầẩậắằếềểệịọốồổộớờởợụứừửựýđ".contains(c)),
            "{line}"
        );
    }
    let merge = stdout_of(&["merge", "--help"]);
    for expected in [
        "Gộp các phiếu chấm",
        "Cách dùng: giamkhao merge [TÙY CHỌN] <PHIÊN> <PHIẾU>...",
        "--by <HỌ_TÊN>",
        "Họ và tên của bạn",
        "-o, --output <TỆP_RA>",
    ] {
        assert!(merge.contains(expected), "«{expected}» in:\n{merge}");
    }
    assert_eq!(stdout_of(&["help", "merge"]), merge);
    for text in [&vi, &merge, &stdout_of(&["export", "--help"])] {
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "[OPTIONS]",
            "possible values",
            "default:",
        ] {
            assert!(!text.contains(english), "«{english}» in:\n{text}");
        }
    }

    let en = stdout_of(&["--lang", "en", "--help"]);
    for expected in [
        "Usage: giamkhao [OPTIONS] [FILE] [COMMAND]",
        "Commands:",
        "Options:",
        "Ranked results",
        "Print this help",
    ] {
        assert!(en.contains(expected), "«{expected}» in:\n{en}");
    }
    assert!(!en.contains("Cách dùng") && !en.contains("Lệnh:"), "{en}");
    let merge = stdout_of(&["merge", "--lang=en", "--help"]);
    assert!(merge.contains("Merges handed-in scoresheets"), "{merge}");
    assert!(merge.contains("--by <NAME>"), "{merge}");
}

/// What giamkhao printed to standard error for `args`, which must be refused as a usage error.
fn usage_error(args: &[&str]) -> String {
    let out = giamkhao()
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .get_output()
        .stderr
        .clone();
    let said = String::from_utf8(out).unwrap();
    for english in ["error:", "Usage:", "tip:", "For more information"] {
        if !args.contains(&"en") {
            assert!(!said.contains(english), "«{english}» in:\n{said}");
        }
    }
    said
}

#[test]
fn argument_errors_are_in_the_users_language_with_the_usage() {
    let said = usage_error(&["results", SAMPLE, "--bogus"]);
    for expected in [
        "Lỗi: không có tùy chọn «--bogus»",
        "Cách dùng: giamkhao results [TÙY CHỌN] <TỆP>",
        "Xem: giamkhao results --help",
    ] {
        assert!(said.contains(expected), "«{expected}» in:\n{said}");
    }
    let said = usage_error(&["--lang", "en", "results", SAMPLE, "--bogus"]);
    for expected in [
        "Error: unknown option «--bogus»",
        "Usage: giamkhao results [OPTIONS] <FILE>",
        "See: giamkhao results --help",
    ] {
        assert!(said.contains(expected), "«{expected}» in:\n{said}");
    }
    assert!(!said.contains("error:"), "{said}");
    for (args, expected) in [
        (vec!["merge"], "Lỗi: thiếu tham số bắt buộc: <PHIÊN>, <PHIẾU>..."),
        (
            vec!["--lang", "en", "merge"],
            "Error: missing required arguments: <SESSION>, <SHEET>...",
        ),
        (
            vec!["results", SAMPLE, "--format", "xml"],
            "Lỗi: giá trị «xml» không hợp lệ cho --format; chọn một trong: table, json, csv",
        ),
        (
            vec!["--lang", "en", "results", SAMPLE, "--format", "xml"],
            "Error: invalid value «xml» for --format; choose one of: table, json, csv",
        ),
        (vec!["--lang", "fr"], "Lỗi: giá trị «fr» không hợp lệ cho --lang"),
        (
            vec!["resutls", SAMPLE],
            "Lỗi: không có lệnh «resutls» (có phải «results»?)",
        ),
        (
            vec!["--lang", "en", "resutls"],
            "Error: no command «resutls» (did you mean «results»?)",
        ),
        (
            vec!["generate", "--submissions", "mười", "--judges", "3"],
            "Lỗi: giá trị «mười» không hợp lệ cho --submissions: cần một số nguyên không âm",
        ),
        (
            vec!["check", SAMPLE, SAMPLE],
            "Lỗi: thừa tham số «assets/samples/hai-phong-2023.ron»",
        ),
    ] {
        let said = usage_error(&args);
        assert!(said.contains(expected), "{args:?}: «{expected}» in:\n{said}");
    }
}

#[test]
fn export_writes_xlsx_csv_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("xlsx", "ket-qua.xlsx"),
        ("csv", "ket-qua.csv"),
        ("pdf", "bien-ban.pdf"),
    ] {
        let out = dir.path().join(name);
        giamkhao()
            .args(["export", SAMPLE, "--format", format, "-o", out.to_str().unwrap()])
            .assert()
            .success()
            .stdout(predicate::str::contains("Đã ghi"));
        let bytes = fs::read(&out).unwrap();
        let magic: &[u8] = match format {
            "xlsx" => b"PK",
            "csv" => "\u{feff}".as_bytes(),
            _ => b"%PDF",
        };
        assert!(bytes.starts_with(magic), "{format}");
    }
    assert!(dir.path().join("ket-qua-diem-chi-tiet.csv").exists());
    assert!(dir.path().join("ket-qua-dat-giai.csv").exists());
}

#[test]
fn awards_and_blank_scoresheets_export_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for what in ["awards", "scoresheets"] {
        for format in ["xlsx", "csv", "pdf"] {
            let out = dir.path().join(format!("{what}.{format}"));
            giamkhao()
                .args(["export", SAMPLE, "--format", format, "--what", what])
                .args(["-o", out.to_str().unwrap()])
                .assert()
                .success();
            assert!(out.exists(), "{what} {format}");
        }
    }
    let awards = fs::read_to_string(dir.path().join("awards.csv")).unwrap();
    assert!(awards.contains("Tổng giá trị giải thưởng"));
    assert!(awards.contains("210000000"));
    // Blank scoresheets as CSV: the criteria, then a file per judge.
    let criteria = fs::read_to_string(dir.path().join("scoresheets.csv")).unwrap();
    assert!(criteria.contains("Tính mới và sáng tạo"));
    let gk6 = fs::read_to_string(dir.path().join("scoresheets-phieu-gk6.csv")).unwrap();
    assert!(gk6.contains("DA24;Ứng dụng tìm việc làm thời vụ cho sinh viên"));
    assert!(gk6.contains("TS. Đỗ Thị Lan Anh"));
}

#[test]
fn seal_verify_and_unseal_from_the_command_line() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let giamkhao = || giamkhao_at(&home);
    let s = session.to_str().unwrap();
    // Not sealed yet: nothing published to check against.
    giamkhao()
        .args(["verify", s])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Phiên chưa niêm phong"));
    let out = giamkhao()
        // Typed with combining marks (Unikey's "Unicode tổ hợp"); stored as composed letters.
        .args([
            "seal",
            s,
            "--by",
            "Nguye\u{0302}\u{0303}n Thi\u{0323} Lan (thu\u{031b} ky\u{0301})",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let digest: String = out.split("SHA-256: ").nth(1).unwrap().chars().take(64).collect();
    assert!(digest.chars().all(|c| c.is_ascii_hexdigit()), "{out}");
    let sealed = giamkhao::store::load_session(&session).unwrap();
    assert_eq!(sealed.seal.unwrap().by, "Nguyễn Thị Lan (thư ký)");
    giamkhao()
        .args(["verify", s, "--digest", &digest.to_uppercase()])
        .assert()
        .success()
        .stdout(predicate::str::contains("KẾT LUẬN: khớp").and(predicate::str::contains(&digest)));
    // Every export carries the digest; a sealed session takes no more sheets or registrations.
    giamkhao()
        .args(["results", s])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Niêm phong SHA-256: {digest}")));
    let json = giamkhao()
        .args(["results", s, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["seal"]["valid"], true);
    assert_eq!(json["seal"]["digest"], digest.as_str());
    let sheet = dir.path().join("gk1.ron");
    giamkhao()
        .args(["packet", s, "--judge", "gk1", "-o", sheet.to_str().unwrap()])
        .assert()
        .success();
    giamkhao()
        .args(["merge", s, sheet.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("phiên đã niêm phong — không gộp"));
    // One score changed by hand in the file: found, with the project named.
    let text = fs::read_to_string(&session).unwrap();
    let at = text.find("\"tc1\": 14.0").unwrap();
    let mut changed = text.clone();
    changed.replace_range(at..at + 11, "\"tc1\": 16.0");
    fs::write(&session, &changed).unwrap();
    giamkhao().args(["verify", s]).assert().code(1).stdout(
        predicate::str::contains("Nội dung tệp đã bị thay đổi sau khi niêm phong")
            .and(predicate::str::contains("DA01: điểm lưu 70,92 → tính lại 71,25"))
            .and(predicate::str::contains("KẾT LUẬN: KHÔNG KHỚP")),
    );
    fs::write(&session, &text).unwrap();
    giamkhao()
        .args(["verify", s, "--digest", "00"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Mã trên giấy KHÁC niêm phong"));
    giamkhao()
        .args(["unseal", s, "--reason", "Su\u{031b}\u{0309}a tên dự án DA07"])
        .assert()
        .success();
    let after = giamkhao::store::load_session(&session).unwrap();
    assert!(after.seal.is_none());
    assert_eq!(after.audit.last().unwrap().note, "Sửa tên dự án DA07");
}

#[test]
fn what_goes_on_the_record_carries_a_full_name_asked_once_and_remembered() {
    let (dir, session) = copy_of_sample();
    let s = session.to_str().unwrap();
    let home = dir.path().join("home");
    // The computer's user name is not a full name: it is never used.
    let giamkhao = || {
        let mut command = giamkhao_at(&home);
        command.env("USER", "root").env("USERNAME", "root");
        command
    };
    let before = fs::read(&session).unwrap();
    let logged = giamkhao::store::load_session(&session).unwrap().audit.len();
    // No --by and nothing remembered: refused before anything changes, saying how to give it.
    giamkhao()
        .args(["seal", s])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--by \"Trần Thị Thu\"").and(predicate::str::contains("họ và tên")));
    giamkhao()
        .args(["--lang", "en", "seal", s])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--by \"Trần Thị Thu\"").and(predicate::str::contains("full name")));
    for (by, said) in [
        ("?", "«?» không phải họ tên"),
        ("root", "«root» chỉ có một từ"),
        ("  ", "--by"),
    ] {
        giamkhao()
            .args(["seal", s, "--by", by])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(said).and(predicate::str::contains("Hãy ghi cả họ và tên")));
    }
    let sheet = dir.path().join("gk1.ron");
    giamkhao()
        .args(["packet", s, "--judge", "gk1", "-o", sheet.to_str().unwrap()])
        .assert()
        .success();
    for command in [
        vec!["merge", s, sheet.to_str().unwrap()],
        vec!["unseal", s, "--reason", "thử"],
        vec!["import", s, "dang-ky.csv"],
    ] {
        giamkhao()
            .args(&command)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("--by"));
    }
    assert_eq!(fs::read(&session).unwrap(), before, "nothing changed");
    assert!(!home.exists(), "nothing remembered from refused names");

    // Given once with a command that goes on the record, the name is remembered…
    handed_in_packet(&home, &session, "gk1", &sheet);
    giamkhao()
        .args(["merge", s, sheet.to_str().unwrap(), "--by", "  Trần   Thị Thu "])
        .assert()
        .success();
    // …and used by the next one, which says whose name it writes.
    giamkhao()
        .args(["seal", s])
        .assert()
        .success()
        .stdout(predicate::str::contains("Trần Thị Thu"));
    let sealed = giamkhao::store::load_session(&session).unwrap();
    assert_eq!(sealed.seal.as_ref().unwrap().by, "Trần Thị Thu");
    // Every entry the merge and the seal wrote names that person.
    let new = &sealed.audit[logged..];
    use giamkhao::model::AuditKind;
    for kind in [AuditKind::Comment, AuditKind::Merge, AuditKind::Seal] {
        assert!(new.iter().any(|a| a.kind == kind), "{kind:?} in {new:?}");
    }
    assert!(new.iter().all(|a| a.by == "Trần Thị Thu"), "{new:?}");
    // Changeable: another --by replaces it.
    giamkhao()
        .args(["unseal", s, "--reason", "Sửa tên dự án", "--by", "Lê Văn Hải"])
        .assert()
        .success();
    assert_eq!(
        giamkhao::store::load_session(&session)
            .unwrap()
            .audit
            .last()
            .unwrap()
            .by,
        "Lê Văn Hải"
    );
    assert_eq!(
        giamkhao::store::person::remembered(&home).as_deref(),
        Some("Lê Văn Hải")
    );
}

/// The packet of `judge` from the session at `session`, with its first entry changed as a judge
/// would (a new comment, the next revision), written to `path` (over any file there).
fn handed_in_packet(home: &std::path::Path, session: &std::path::Path, judge: &str, path: &std::path::Path) {
    giamkhao_at(home)
        .args(["packet", session.to_str().unwrap(), "--judge", judge])
        .args(["-o", path.to_str().unwrap(), "--force"])
        .assert()
        .success();
    let mut packet: giamkhao::model::JudgePacket = giamkhao::store::files::parse_kind(
        path,
        &fs::read_to_string(path).unwrap(),
        giamkhao::model::FileKind::JudgePacket,
    )
    .unwrap();
    let entry = &mut packet.sheet.entries[0];
    entry.comment = "Đã xem lại hồ sơ".into();
    entry.revision += 1;
    giamkhao::store::save_packet(path, &packet).unwrap();
}

#[test]
fn merging_several_sheets_ends_with_one_summary_of_what_was_merged_and_saved() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let s = session.to_str().unwrap();
    let good = dir.path().join("good.json");
    handed_in_packet(&home, &session, "gk1", &good);
    let same = dir.path().join("same.ron");
    giamkhao_at(&home)
        .args(["packet", s, "--judge", "gk2", "-o", same.to_str().unwrap()])
        .assert()
        .success();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, "hello\n").unwrap();
    let out = giamkhao_at(&home)
        .args(["merge", s, good.to_str().unwrap(), bad.to_str().unwrap()])
        .args([same.to_str().unwrap(), "--by", "Trần Thư Ký"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Nothing is said out of turn: the summary is the one account of the sheets.
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    let summary = &stdout[stdout.find("Tóm tắt").expect(&stdout)..];
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(
        lines[0], "Tóm tắt: 3 phiếu — 1 đã gộp, 1 không có gì mới, 1 không gộp.",
        "{stdout}"
    );
    assert_eq!(lines[1], "  Đã gộp: good.json");
    assert_eq!(lines[2], "  Không có gì mới: same.ron");
    assert_eq!(lines[3], "  Không gộp:");
    assert!(
        lines[4].contains("bad.txt không phải tệp của giamkhao"),
        "{stdout}"
    );
    let saved = lines.last().unwrap();
    assert!(
        saved.starts_with(&format!("Đã lưu {s} (bản trước giữ ở {s}.bak)")),
        "{stdout}"
    );
    assert!(saved.contains("bad.txt"), "{stdout}");
    assert_eq!(stdout.matches("Đã lưu").count(), 1, "{stdout}");
    // The good sheet is in the session.
    let merged = giamkhao::store::load_session(&session).unwrap();
    let first = &merged.sheet("chung-khao", "gk1").unwrap().entries[0];
    assert_eq!(first.comment, "Đã xem lại hồ sơ");

    // Nothing merged: the session is not written, and the summary says so, in English too.
    let before = fs::read(&session).unwrap();
    let out = giamkhao_at(&home)
        .args([
            "--lang",
            "en",
            "merge",
            s,
            bad.to_str().unwrap(),
            same.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(out).unwrap();
    assert!(
        stdout.contains("Summary: 2 sheets — 0 merged, 1 with nothing new, 1 not merged."),
        "{stdout}"
    );
    assert!(stdout.contains("bad.txt is not a giamkhao file"), "{stdout}");
    assert!(
        stdout
            .trim_end()
            .ends_with("Nothing changed; the session file is untouched."),
        "{stdout}"
    );
    assert_eq!(fs::read(&session).unwrap(), before);
}

#[test]
fn a_file_that_is_not_giamkhaos_is_called_so_and_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for fixture in ["dang-ky.xlsx", "dang-ky.xls", "dang-ky.ods"] {
        fs::copy(format!("tests/fixtures/{fixture}"), d.join(fixture)).unwrap();
    }
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend([0u8; 32]);
    let files: [(&str, &[u8]); 8] = [
        ("ghi-chu.txt", b"hello\n"),
        (
            "danh-sach.csv",
            "Tên dự án;Trưởng nhóm\nRobot hái vải;Nguyễn Văn An\n".as_bytes(),
        ),
        ("khac.json", b"{\"name\": \"a\", \"items\": [1, 2]}\n"),
        ("rong.ron", b""),
        ("bien-ban.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("anh.png", &png),
        ("nen.zip", b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        ("trang.html", b"<!DOCTYPE html>\n<html><body>hi</body></html>\n"),
    ];
    for (name, bytes) in files {
        fs::write(d.join(name), bytes).unwrap();
    }
    // (file, what it is in Vietnamese, in English, whether it may be registrations)
    let cases = [
        ("ghi-chu.txt", "văn bản thường", "plain text", false),
        (
            "danh-sach.csv",
            "bảng dạng văn bản (CSV)",
            "a text table (CSV)",
            true,
        ),
        (
            "khac.json",
            "tệp JSON của chương trình khác",
            "a JSON file of another program",
            false,
        ),
        ("rong.ron", "tệp trống", "an empty file", false),
        ("bien-ban.pdf", "tài liệu PDF", "a PDF document", false),
        ("anh.png", "ảnh PNG", "a PNG image", false),
        ("nen.zip", "tệp nén ZIP", "a ZIP archive", false),
        (
            "trang.html",
            "trang web hoặc tệp XML",
            "a web page or an XML file",
            false,
        ),
        (
            "dang-ky.xlsx",
            "bảng tính Excel (.xlsx)",
            "an Excel workbook (.xlsx)",
            true,
        ),
        (
            "dang-ky.xls",
            "bảng tính Excel đời cũ (.xls)",
            "an old Excel workbook (.xls)",
            true,
        ),
        (
            "dang-ky.ods",
            "bảng tính LibreOffice/OpenOffice (.ods)",
            "a LibreOffice/OpenOffice spreadsheet (.ods)",
            true,
        ),
    ];
    for (file, vi, en, registrations) in cases {
        let path = d.join(file);
        let p = path.to_str().unwrap();
        for (args, expected) in [
            (
                vec!["check", p],
                format!("Tệp {p} không phải tệp của giamkhao: đây là {vi}"),
            ),
            (
                vec!["--lang", "en", "results", p],
                format!("{p} is not a giamkhao file: it is {en}"),
            ),
        ] {
            let out = giamkhao().args(&args).assert().code(1).get_output().clone();
            let said = String::from_utf8(out.stderr).unwrap();
            assert!(said.contains(&expected), "{args:?}: {said}");
            assert!(!said.contains("Expected") && !said.contains("dòng 1"), "{said}");
            assert_eq!(
                said.contains("giamkhao import"),
                registrations,
                "{args:?}: hint at importing registrations: {said}"
            );
        }
    }
    // Every command that reads a file says the same.
    let csv = d.join("danh-sach.csv");
    let out = d.join("ra.json");
    giamkhao()
        .args(["convert", csv.to_str().unwrap(), out.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("không phải tệp của giamkhao")
                .and(predicate::str::contains("Tệp → Nhập danh sách đăng ký")),
        );
    assert!(!out.exists());
}

#[test]
fn generate_refuses_a_contest_that_cannot_be_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mo-phong.ron");
    // (submissions, judges, judges per submission, criteria) and what is said, in each language.
    let cases = [
        (
            [10, 3, 5, 2],
            "5 giám khảo chấm mỗi dự án nhưng cuộc thi chỉ có 3 giám khảo",
            "5 judges per submission but only 3 judges",
        ),
        ([10, 3, 2, 0], "cần ít nhất 1 tiêu chí", "at least 1 criterion"),
        ([10, 0, 0, 2], "cần ít nhất 1 giám khảo", "at least 1 judge"),
        ([0, 3, 2, 2], "cần ít nhất 1 dự án", "at least 1 submission"),
        (
            [10, 3, 0, 2],
            "mỗi dự án cần ít nhất 1 giám khảo chấm",
            "each submission needs at least 1 judge",
        ),
    ];
    for ([submissions, judges, per, criteria], vi, en) in cases {
        for (lang, said) in [("vi", vi), ("en", en)] {
            giamkhao()
                .args(["--lang", lang, "generate"])
                .args(["--submissions", &submissions.to_string()])
                .args(["--judges", &judges.to_string()])
                .args(["--per-submission", &per.to_string()])
                .args(["--criteria", &criteria.to_string()])
                .args(["-o", out.to_str().unwrap()])
                .assert()
                .code(1)
                .stdout("")
                .stderr(predicate::str::contains(said));
            assert!(!out.exists(), "{submissions} {judges} {per} {criteria}");
        }
    }
    // Every reason at once.
    giamkhao()
        .args([
            "generate",
            "--submissions",
            "0",
            "--judges",
            "0",
            "--per-submission",
            "1",
        ])
        .args(["--criteria", "0", "-o", out.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("1 dự án")
                .and(predicate::str::contains("1 giám khảo;"))
                .and(predicate::str::contains("1 tiêu chí"))
                .and(predicate::str::contains("Chưa ghi tệp nào")),
        );
    assert!(!out.exists());
}

#[test]
fn a_hand_edited_sealed_file_is_flagged_by_results_and_every_export_and_fails() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let s = session.to_str().unwrap();
    let out = giamkhao_at(&home)
        .args(["seal", s, "--by", "Nguyễn Thị Lan"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let digest: String = out.split("SHA-256: ").nth(1).unwrap().chars().take(64).collect();
    // The first judge's first score raised by hand.
    let text = fs::read_to_string(&session).unwrap();
    let edited = text.replacen("\"tc1\": 14.0,", "\"tc1\": 20.0,", 1);
    assert_ne!(edited, text);
    fs::write(&session, edited).unwrap();
    for (lang, warning) in [
        ("vi", "CẢNH BÁO: NIÊM PHONG KHÔNG HỢP LỆ"),
        ("en", "WARNING: THE SEAL IS NOT VALID"),
    ] {
        let out = giamkhao()
            .args(["--lang", lang, "results", s])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(warning))
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.lines().next().unwrap().starts_with(warning), "{out}");
        assert!(!out.contains(&digest), "{out}");
        giamkhao()
            .args(["--lang", lang, "check", s])
            .assert()
            .code(1)
            .stdout(predicate::str::starts_with(warning));
        let json = giamkhao()
            .args(["--lang", lang, "results", s, "--format", "json"])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(json["seal"]["valid"], false, "{}", json["seal"]);
        assert!(json["seal"]["digest"].is_null());
        assert!(json["seal"]["words"].as_str().unwrap().starts_with(warning));
        for (format, what) in [("pdf", "awards"), ("csv", "results"), ("xlsx", "awards")] {
            let file = dir.path().join(format!("giai-{lang}.{format}"));
            giamkhao()
                .args([
                    "--lang", lang, "export", s, "--format", format, "--what", what, "-o",
                ])
                .arg(&file)
                .assert()
                .code(1)
                .stderr(predicate::str::contains(warning));
            assert!(file.exists());
            if format == "csv" {
                let csv = fs::read_to_string(&file).unwrap();
                let first = csv.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
                assert!(first.trim_start_matches('"').starts_with(warning), "{csv}");
                assert!(!csv.contains(&digest));
            }
        }
    }
}

/// A title that would drive the terminal: clear the screen, turn red, set the window's title (OSC
/// ended by BEL), reverse the text that follows (U+202E), an 8-bit CSI (U+009B), a carriage return
/// that goes back over the line.
const DRIVES_THE_TERMINAL: &str =
    "Dự án \u{1b}[2J\u{1b}[31mĐỎ\u{1b}]0;pwned\u{7} \u{202e}cba\u{202c} \u{9b}31m xong\rGIẢ\nDòng hai";

/// What must never reach a terminal from people's text: control characters (C0 but the line
/// breaks of giamkhao's own output, DEL, C1), the bidi controls that reorder what follows, and the
/// Unicode line and paragraph separators.
fn drives_the_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// What a command printed, both streams, checked to hold nothing that drives the terminal.
fn printed_safely(assert: assert_cmd::assert::Assert, what: &str) -> String {
    let output = assert.get_output();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let raw: std::collections::BTreeSet<String> = text
        .chars()
        .filter(|&c| drives_the_terminal(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(raw.is_empty(), "{what} printed {raw:?}:\n{}", text.escape_debug());
    text
}

#[test]
fn control_characters_in_peoples_text_are_shown_escaped_by_every_command() {
    let (dir, path) = copy_of_sample();
    let home = dir.path().join("home");
    let mut session = giamkhao::store::load_session(&path).unwrap();
    session.contest.name = format!("Cuộc thi \u{1b}]0;pwned\u{7}{}", session.contest.name);
    let da07 = session.submissions.iter_mut().find(|s| s.id == "DA07").unwrap();
    da07.title = DRIVES_THE_TERMINAL.into();
    da07.organization = "\u{1b}[8mẩn\u{1b}[0m".into();
    session.contest.judges[0].name = "PGS.TS. \u{1b}[5mNguyễn Văn Hải\u{9c}".into();
    session.contest.rounds[0].criteria[0].name = "Tính mới\u{7f}\u{85}".into();
    giamkhao::store::save_session(&path, &mut session).unwrap();
    let s = path.to_str().unwrap();

    // The results table shows each control visibly, where it was.
    let table = printed_safely(
        giamkhao_at(&home).args(["results", s]).assert().success(),
        "results",
    );
    assert!(table.contains("DA07  Dự án \\u{1b}[2J\\u{1b}[31mĐỎ"), "{table}");
    assert!(
        table.contains("PGS.TS. \\u{1b}[5mNguyễn Văn Hải\\u{9c}"),
        "{table}"
    );
    assert!(table.contains("Tính mới\\u{7f}\\u{85}"), "{table}");
    // JSON escapes them its own way and gives back the text exactly.
    let json = printed_safely(
        giamkhao_at(&home)
            .args(["results", s, "--format", "json"])
            .assert()
            .success(),
        "results --format json",
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let titles: Vec<&str> = json["scopes"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["title"].as_str())
        .collect();
    assert!(titles.contains(&DRIVES_THE_TERMINAL), "{titles:?}");
    printed_safely(
        giamkhao_at(&home)
            .args(["results", s, "--format", "csv"])
            .assert()
            .success(),
        "results --format csv",
    );
    printed_safely(giamkhao_at(&home).args(["check", s]).assert().success(), "check");
    // A packet names its judge; a merge names the projects it changed.
    let sheet = dir.path().join("gk1.ron");
    let packet = printed_safely(
        giamkhao_at(&home)
            .args(["packet", s, "--judge", "gk1", "-o", sheet.to_str().unwrap()])
            .assert()
            .success(),
        "packet",
    );
    assert!(packet.contains("\\u{1b}[5mNguyễn Văn Hải"), "{packet}");
    handed_in_packet(&home, &path, "gk3", &sheet);
    let mut packet: giamkhao::model::JudgePacket = giamkhao::store::files::parse_kind(
        &sheet,
        &fs::read_to_string(&sheet).unwrap(),
        giamkhao::model::FileKind::JudgePacket,
    )
    .unwrap();
    let at = packet
        .sheet
        .entries
        .iter()
        .position(|e| e.submission == "DA07")
        .unwrap();
    packet.sheet.entries[at].revision += 1;
    packet.sheet.entries[at].comment = "\u{1b}[2J".into();
    giamkhao::store::save_packet(&sheet, &packet).unwrap();
    let merged = printed_safely(
        giamkhao_at(&home)
            .args(["merge", s, sheet.to_str().unwrap(), "--by", "Trần Thị Thu"])
            .assert()
            .success(),
        "merge",
    );
    // A line break in the title is written out too: the line of the merge stays one line.
    let title = "Dự án \\u{1b}[2J\\u{1b}[31mĐỎ\\u{1b}]0;pwned\\u{7} \\u{202e}cba\\u{202c} \\u{9b}31m xong\\rGIẢ\\nDòng hai";
    assert!(merged.lines().any(|l| l.contains(title)), "{merged}");
    // Sealed and verified; a file whose very name drives the terminal is named safely.
    printed_safely(giamkhao_at(&home).args(["seal", s]).assert().success(), "seal");
    printed_safely(
        giamkhao_at(&home).args(["verify", s]).assert().success(),
        "verify",
    );
    let named = dir.path().join("\u{1b}[2Jphien.ron");
    fs::copy(&path, &named).unwrap();
    printed_safely(
        giamkhao_at(&home).arg("check").arg(&named).assert().success(),
        "check of a file named with ESC",
    );
    // A problem in a file, said with the text it is about.
    let mut broken = giamkhao::store::load_session(&path).unwrap();
    broken.seal = None;
    broken.submissions[1].id = "\u{1b}[2JDA01".into();
    broken.submissions[0].id = "\u{1b}[2JDA01".into();
    let broken_path = dir.path().join("hong.ron");
    fs::write(
        &broken_path,
        giamkhao::store::files::to_text(&broken, giamkhao::store::files::Format::Ron).unwrap(),
    )
    .unwrap();
    let problems = printed_safely(
        giamkhao_at(&home).arg("check").arg(&broken_path).assert().code(1),
        "check with problems",
    );
    assert!(problems.contains("\\u{1b}[2JDA01"), "{problems}");
}

// Saves that meet each other (issue 11, docs/bad-input.md).

/// Two `giamkhao merge` of different judges' sheets into one session, started at the same moment,
/// over and over: both merges are in the session every time, and both say so. (Before the session
/// was locked while saving, one merge was lost in every run, both printing "Đã lưu".)
#[test]
fn two_merges_into_one_session_at_once_both_land() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let sheets = [dir.path().join("gk1.ron"), dir.path().join("gk2.ron")];
    handed_in_packet(&home, &session, "gk1", &sheets[0]);
    handed_in_packet(&home, &session, "gk2", &sheets[1]);
    giamkhao::store::person::remember(&home, "Trần Thư Ký").unwrap();
    // The project each judge's sheet changed (the first of their packet).
    let changed: Vec<(String, String)> = sheets
        .iter()
        .map(|p| {
            let packet = giamkhao::store::load_packet(p).unwrap();
            (packet.judge.clone(), packet.sheet.entries[0].submission.clone())
        })
        .collect();
    let original = fs::read(&session).unwrap();
    let (mut lost, mut met) = (Vec::new(), 0);
    for run in 0..16 {
        fs::write(&session, &original).unwrap();
        let children: Vec<_> = sheets
            .iter()
            .map(|sheet| {
                std::process::Command::new(env!("CARGO_BIN_EXE_giamkhao"))
                    .env("GIAMKHAO_HOME", &home)
                    .arg("merge")
                    .args([&session, sheet])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "run {run}: {said}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(said.contains("Đã lưu"), "run {run}: {said}");
            met += usize::from(said.contains("đã đọc lại phiên và gộp lại"));
        }
        let merged = giamkhao::store::load_session(&session).unwrap();
        for (judge, submission) in &changed {
            let entry = merged
                .sheet("chung-khao", judge)
                .unwrap()
                .entry(submission)
                .unwrap();
            if entry.comment != "Đã xem lại hồ sơ" {
                lost.push(format!("run {run}: {judge}"));
            }
        }
    }
    assert!(lost.is_empty(), "merges lost: {lost:?}");
    eprintln!("16 runs: {met} merges met the other's save and merged again");
    assert!(met > 0, "the two merges never met: the test proves nothing");
}

/// `-o` never names a file the command reads, however it is spelled or linked (the session of
/// `export` and `packet`, the input of `convert`, a sheet of `merge`): refused, nothing written.
#[test]
fn an_output_that_is_the_input_is_refused_however_it_is_named() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let s = session.to_str().unwrap();
    let before = fs::read(&session).unwrap();
    fs::create_dir(dir.path().join("con")).unwrap();
    let mut names = vec![
        session.clone(),
        dir.path().join("con").join("..").join("phien.ron"),
    ];
    #[cfg(unix)]
    {
        let link = dir.path().join("loi-tat.ron");
        std::os::unix::fs::symlink(&session, &link).unwrap();
        names.push(link);
    }
    for out in &names {
        let o = out.to_str().unwrap();
        for command in [
            vec!["export", s, "--format", "pdf", "-o", o],
            vec!["export", s, "--format", "xlsx", "-o", o, "--force"],
            vec!["packet", s, "--judge", "gk1", "-o", o, "--force"],
            vec!["convert", s, o, "--force"],
        ] {
            giamkhao().args(&command).assert().code(1).stdout("").stderr(
                predicate::str::contains(format!("Không ghi {o}: đó chính là tệp đang đọc {s}"))
                    .and(predicate::str::contains("Chưa ghi gì")),
            );
        }
    }
    giamkhao()
        .args(["--lang", "en", "export", s, "--format", "pdf", "-o", s])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "Not writing {s}: it is the file being read"
        )));
    assert_eq!(fs::read(&session).unwrap(), before, "the session is untouched");
    assert!(!giamkhao::store::atomic::backup_path(&session).exists());
    // A merge written over one of its sheets.
    let sheet = dir.path().join("gk1.ron");
    handed_in_packet(&home, &session, "gk1", &sheet);
    let packet = fs::read(&sheet).unwrap();
    giamkhao_at(&home)
        .args(["merge", s, sheet.to_str().unwrap(), "-o", sheet.to_str().unwrap()])
        .args(["--by", "Trần Thư Ký", "--force"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("đó chính là tệp đang đọc"));
    assert_eq!(fs::read(&sheet).unwrap(), packet);
    assert_eq!(fs::read(&session).unwrap(), before);
    #[cfg(unix)]
    assert!(fs::symlink_metadata(&names[2]).unwrap().file_type().is_symlink());
}

/// A file already there is replaced only with `--force` (and then kept as `.bak`); without it the
/// command says to add it, and writes nothing — not one of the CSV files either.
#[test]
fn an_output_already_there_is_replaced_only_with_force() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let s = session.to_str().unwrap();
    let at = |name: &str| dir.path().join(name);
    let pdf = at("bien-ban.pdf");
    fs::write(&pdf, "bản đã ký").unwrap();
    let o = pdf.to_str().unwrap();
    giamkhao()
        .args(["export", s, "--format", "pdf", "-o", o])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "Không ghi: {o} đã có. Thêm --force để ghi đè (bản cũ được giữ ở {o}.bak)"
        )));
    giamkhao()
        .args(["--lang", "en", "export", s, "--format", "pdf", "-o", o])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "Not writing: {o} already exists. Add --force"
        )));
    assert_eq!(fs::read(&pdf).unwrap(), "bản đã ký".as_bytes());
    giamkhao()
        .args(["export", s, "--format", "pdf", "-o", o, "--force"])
        .assert()
        .success();
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert_eq!(
        fs::read(giamkhao::store::atomic::backup_path(&pdf)).unwrap(),
        "bản đã ký".as_bytes()
    );
    // CSV writes several files: one of them there is enough to refuse them all.
    fs::write(at("ket-qua-dat-giai.csv"), "cũ").unwrap();
    giamkhao()
        .args([
            "export",
            s,
            "--format",
            "csv",
            "-o",
            at("ket-qua.csv").to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ket-qua-dat-giai.csv đã có"));
    assert!(!at("ket-qua.csv").exists());
    // Every command that writes a new file: packet, merge -o, convert, generate.
    let other = at("khac.ron");
    fs::write(&other, "của người khác").unwrap();
    let sheet = at("gk1.ron");
    handed_in_packet(&home, &session, "gk1", &sheet);
    let x = other.to_str().unwrap();
    for command in [
        vec!["packet", s, "--judge", "gk1", "-o", x],
        vec![
            "merge",
            s,
            sheet.to_str().unwrap(),
            "-o",
            x,
            "--by",
            "Trần Thư Ký",
        ],
        vec!["convert", s, x],
        vec!["generate", "--submissions", "3", "--judges", "2"],
    ] {
        let mut command = command;
        if command[0] == "generate" {
            command.extend(["--per-submission", "1", "--criteria", "1", "-o", x]);
        }
        giamkhao_at(&home)
            .args(&command)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("đã có. Thêm --force"));
        assert_eq!(
            fs::read(&other).unwrap(),
            "của người khác".as_bytes(),
            "{command:?}"
        );
    }
    giamkhao_at(&home)
        .args(["merge", s, sheet.to_str().unwrap(), "-o", x, "--force"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Đã lưu phiên đã gộp vào {x}")));
    assert!(giamkhao::store::load_session(&other).is_ok());
}

/// Every save keeps the three versions before it: `.bak`, `.bak.1`, `.bak.2`.
#[test]
fn every_save_keeps_the_three_versions_before_it() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let s = session.to_str().unwrap();
    let mut versions = vec![fs::read(&session).unwrap()];
    for command in [
        vec!["seal", s, "--by", "Trần Thư Ký"],
        vec!["unseal", s, "--reason", "Sửa tên dự án"],
        vec!["seal", s],
        vec!["unseal", s, "--reason", "Sửa lần nữa"],
    ] {
        giamkhao_at(&home).args(&command).assert().success();
        versions.push(fs::read(&session).unwrap());
    }
    let kept: Vec<Vec<u8>> = giamkhao::store::atomic::backup_paths(&session)
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    // The newest first: the three before the last.
    assert_eq!(
        kept,
        [versions[3].clone(), versions[2].clone(), versions[1].clone()]
    );
    assert!(!dir.path().join("phien.ron.bak.3").exists());
    assert!(!dir.path().join("phien.ron.lock").exists(), "no lock file left");
}

/// A session opened through a symbolic link is saved to the file the link points to: the link
/// stays, and the versions before are kept beside the file.
#[cfg(unix)]
#[test]
fn a_session_reached_through_a_link_is_saved_into_the_file_it_points_to() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    let link = dir.path().join("loi-tat.ron");
    std::os::unix::fs::symlink("phien.ron", &link).unwrap();
    let before = fs::read(&session).unwrap();
    giamkhao_at(&home)
        .args(["seal", link.to_str().unwrap(), "--by", "Trần Thư Ký"])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "still a link"
    );
    assert!(giamkhao::store::load_session(&session).unwrap().seal.is_some());
    assert_eq!(
        fs::read(giamkhao::store::atomic::backup_path(&session)).unwrap(),
        before
    );
    assert!(!giamkhao::store::atomic::backup_path(&link).exists());
}

/// Temporary files a killed save left behind go at the next start of any giamkhao that opens a
/// file in the folder — not those of a file another giamkhao is saving now (its lock is held).
#[test]
fn temporary_files_a_killed_save_left_go_at_the_next_start() {
    let (dir, session) = copy_of_sample();
    let killed = dir.path().join(".giamkhao-phien.ron.Xy12ab.tmp");
    let saving = dir.path().join(".giamkhao-goi-gk1.ron.Cd34ef.tmp");
    // A killed save of a 3,000-project session leaves about 12 MB.
    fs::write(&killed, vec![b' '; 12 << 20]).unwrap();
    fs::write(&saving, b"(").unwrap();
    let held = giamkhao::store::atomic::Lock::take(&dir.path().join("goi-gk1.ron")).unwrap();
    giamkhao()
        .args(["results", session.to_str().unwrap()])
        .assert()
        .success();
    assert!(!killed.exists(), "left by a killed save: removed");
    assert!(saving.exists(), "goi-gk1.ron is being saved by another giamkhao");
    drop(held);
    giamkhao()
        .args(["check", session.to_str().unwrap()])
        .assert()
        .success();
    assert!(!saving.exists());
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "phien.ron")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// While another giamkhao holds the session's lock (it is saving), a command waits; if the lock is
/// not let go of in time it says so, naming the file and its lock, and changes nothing.
#[test]
fn a_session_another_giamkhao_is_saving_is_said_so() {
    let (dir, session) = copy_of_sample();
    let home = dir.path().join("home");
    giamkhao::store::person::remember(&home, "Trần Thư Ký").unwrap();
    let before = fs::read(&session).unwrap();
    let held = giamkhao::store::atomic::Lock::take(&session).unwrap();
    let started = std::time::Instant::now();
    let children: Vec<_> = ["vi", "en"]
        .into_iter()
        .map(|lang| {
            let (home, session) = (home.clone(), session.clone());
            std::thread::spawn(move || {
                std::process::Command::new(env!("CARGO_BIN_EXE_giamkhao"))
                    .env("GIAMKHAO_HOME", &home)
                    .args(["--lang", lang, "seal"])
                    .arg(&session)
                    .output()
            })
        })
        .collect();
    let said: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.join().unwrap().unwrap();
            assert_eq!(out.status.code(), Some(1));
            String::from_utf8_lossy(&out.stderr).to_string()
        })
        .collect();
    let s = session.display().to_string();
    assert!(
        said[0].contains(&format!("Không lưu được {s}: một giamkhao khác"))
            && said[0].contains("giữ khóa phien.ron.lock")
            && said[0].contains("Hãy thử lại"),
        "{}",
        said[0]
    );
    assert!(
        said[1].contains(&format!("Could not save {s}: another giamkhao"))
            && said[1].contains("its lock phien.ron.lock"),
        "{}",
        said[1]
    );
    assert!(started.elapsed() >= giamkhao::store::atomic::WAIT);
    drop(held);
    assert_eq!(fs::read(&session).unwrap(), before);
    giamkhao_at(&home)
        .args(["seal", session.to_str().unwrap()])
        .assert()
        .success();
}

#[test]
fn version_says_which_giamkhao_this_is() {
    let out = giamkhao()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap().trim(),
        format!("giamkhao {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn analyze_prints_every_section_in_both_languages_and_json_for_scripts() {
    for (lang, heading, advisory) in [
        (
            "vi",
            "PHÂN TÍCH HỘI ĐỒNG CHẤM",
            "Tham khảo — không thay đổi kết quả chính thức.",
        ),
        (
            "en",
            "ANALYSIS OF THE JUDGING PANEL",
            "Advisory — it does not change the official results.",
        ),
    ] {
        let out = giamkhao()
            .args(["--lang", lang, "analyze", SAMPLE])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(heading), "{text}");
        assert!(text.contains(advisory));
        for needle in [
            "ICC(1,1)",
            "ICC(3,k)",
            "Kendall's W",
            "Krippendorff's alpha",
            "DA07",
        ] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
    }
    let out = giamkhao()
        .args(["--lang", "en", "analyze", SAMPLE, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["advisory"],
        "Advisory — it does not change the official results."
    );
    assert_eq!(json["judges"].as_array().unwrap().len(), 6);
    assert_eq!(json["agreement"]["icc"]["Ok"].as_array().unwrap().len(), 6);
    assert_eq!(json["methods"]["methods"].as_array().unwrap().len(), 5);
    assert_eq!(json["absent"]["panels"], 6 + 15);
    // The official column is the official result: DA07 takes Nhất.
    let da07 = &json["methods"]["rows"][0];
    assert_eq!(da07["submission"], "DA07");
    assert_eq!(da07["official"]["Award"], "nhat");
    // An unknown round is refused in words.
    giamkhao()
        .args(["--lang", "en", "analyze", SAMPLE, "--round", "nope"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("No such round «nope»"));
}

/// A generated sơ khảo of 150 × 12 assigned from the command line (3 judges each): the report says
/// the design's properties, the session records who assigned what (judge by judge, by name), every
/// judge's packet then holds only that judge's submissions, and the same seed gives the same plan.
#[test]
fn assign_fills_a_sơ_khảo_and_packets_carry_only_the_assigned_submissions() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("so-khao.ron");
    let s = session.to_str().unwrap();
    giamkhao()
        .args([
            "generate",
            "--submissions",
            "150",
            "--judges",
            "12",
            "--per-submission",
            "3",
        ])
        .args(["--criteria", "4", "--seed", "16", "--unassigned", "-o", s])
        .assert()
        .success();
    let copy = dir.path().join("copy.ron");
    fs::copy(&session, &copy).unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = giamkhao_at(home.path())
        .args([
            "assign",
            s,
            "--round",
            "Sơ khảo",
            "--per-submission",
            "3",
            "--seed",
            "5",
        ])
        .args(["--by", "Trần Thị Thư Ký", "--lang", "en"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("450 of 450 seats filled"), "{out}");
    assert!(
        out.contains("Each judge scores 37–38 submissions (a spread of 1)"),
        "{out}"
    );
    assert!(
        out.contains("Every pair of judges who share a category (66 pairs)"),
        "{out}"
    );

    let saved = giamkhao::store::load_session(&session).unwrap();
    let round = &saved.contest.rounds[0];
    let logged: Vec<_> = saved
        .audit
        .iter()
        .filter(|e| e.target.ends_with("/ assigned"))
        .collect();
    assert_eq!(logged.len(), 12);
    assert!(
        logged
            .iter()
            .all(|e| e.by == "Trần Thị Thư Ký" && e.old.is_none())
    );
    let mut seats = 0;
    for judge in &round.judges {
        let packet = dir.path().join(format!("{judge}.gkgoi"));
        giamkhao()
            .args(["packet", s, "--judge", judge, "-o", packet.to_str().unwrap()])
            .assert()
            .success();
        let p = giamkhao::store::files::load_packet(&packet).unwrap();
        let mine = round.assigned_to(judge).unwrap();
        assert_eq!(p.submissions.len(), mine.len());
        assert!(p.submissions.iter().all(|x| mine.contains(x.id.as_str())));
        seats += p.submissions.len();
    }
    assert_eq!(seats, 450);

    // The same seed on the same data: the same assignment.
    giamkhao_at(home.path())
        .args([
            "assign",
            copy.to_str().unwrap(),
            "--round",
            "vong1",
            "--per-submission",
            "3",
        ])
        .args(["--seed", "5", "--by", "Trần Thị Thư Ký"])
        .assert()
        .success();
    let again = giamkhao::store::load_session(&copy).unwrap();
    assert_eq!(again.contest.rounds[0].assignments, round.assignments);
}
