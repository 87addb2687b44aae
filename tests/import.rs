//! Importing registrations: every format and encoding Excel users send, bad rows listed by number with
//! nothing half-imported, and re-imports that update instead of duplicating.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use giamkhao::model::Session;
use giamkhao::store;
use giamkhao::store::import::{Field, guess_mapping, plan_import, read_table, recognise};
use predicates::prelude::*;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

const HEADER: [&str; 7] = [
    "Tên dự án",
    "Trưởng nhóm",
    "Đơn vị",
    "Lĩnh vực",
    "Bảng",
    "Email",
    "Số điện thoại",
];
const ROWS: [[&str; 7]; 3] = [
    [
        "Ứng dụng quản lý bến xe khách Niệm Nghĩa",
        "Phạm Thị Hoa",
        "Trường Đại học Hải Phòng",
        "giao thông",
        "Bảng A — Học sinh, sinh viên",
        "hoa@example.vn",
        "0912345678",
    ],
    [
        "Nước mắm Cát Hải đóng chai thông minh",
        "Vũ Văn Đông",
        "HTX Chế biến Hải sản Cát Hải",
        "ẩm thực",
        "dn",
        "dong@example.vn",
        "0987654321",
    ],
    [
        "Bản đồ số di tích Kiến An, \"Hải Phòng xưa\"",
        "Lê Ngọc Ánh",
        "Trường THPT Kiến An",
        "du lịch",
        "sv",
        "",
        "",
    ],
];

fn csv_text(sep: &str) -> String {
    let quote = |c: &str| {
        if c.contains(sep) || c.contains('"') || c.contains(',') {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    let mut out = HEADER.map(quote).join(sep) + "\r\n";
    for row in ROWS {
        out += &(row.map(quote).join(sep) + "\r\n");
    }
    out
}

/// giamkhao run by a secretary whose full name is remembered in a data folder inside `dir` (an
/// import goes on the record; no test reads or writes the real data folder).
fn giamkhao_in(dir: &Path) -> Command {
    let home = dir.join("home");
    store::person::remember(&home, "Trần Thư Ký").unwrap();
    let mut command = Command::cargo_bin("giamkhao").unwrap();
    command.env("GIAMKHAO_HOME", home);
    command
}

fn sample_copy(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("phien.ron");
    fs::copy(SAMPLE, &p).unwrap();
    p
}

fn check_three_rows(path: &Path) {
    let session: Session = store::load_session(Path::new(SAMPLE)).unwrap();
    let table = read_table(path).unwrap();
    assert_eq!(table.headers, HEADER.map(String::from).to_vec());
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.row_numbers, vec![2, 3, 4]);
    let mapping = recognise(&table).expect("a registration list");
    assert_eq!(mapping.columns.get(&Field::Title), Some(&0));
    let plan = plan_import(&session, &table, &mapping);
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let ids: Vec<&str> = plan.added.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["DA25", "DA26", "DA27"]);
    let third = &plan.added[2];
    assert_eq!(third.title, "Bản đồ số di tích Kiến An, \"Hải Phòng xưa\"");
    assert_eq!(plan.added[0].category.as_deref(), Some("sv"), "by category name");
    assert_eq!(plan.added[1].category.as_deref(), Some("dn"), "by category id");
    assert_eq!(plan.added[1].contact, "dong@example.vn; 0987654321");
    assert_eq!(plan.added[1].leader, "Vũ Văn Đông");
}

#[test]
fn csv_in_utf8_with_bom_and_commas() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dang-ky.csv");
    fs::write(&p, format!("\u{feff}{}", csv_text(","))).unwrap();
    check_three_rows(&p);
}

#[test]
fn csv_with_semicolons_and_no_bom() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dang-ky.csv");
    fs::write(&p, csv_text(";")).unwrap();
    check_three_rows(&p);
}

#[test]
fn excel_unicode_text_in_utf16_with_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dang-ky.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(csv_text("\t").encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(&p, bytes).unwrap();
    check_three_rows(&p);
}

#[test]
fn xlsx_from_excel() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dang-ky.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in ROWS.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            // Phone numbers often arrive as numbers.
            match v.parse::<f64>() {
                Ok(n) if c == 6 => sheet.write_number(r as u32 + 1, c as u16, n).unwrap(),
                _ => sheet.write_string(r as u32 + 1, c as u16, *v).unwrap(),
            };
        }
    }
    book.save(&p).unwrap();
    let table = read_table(&p).unwrap();
    assert_eq!(table.rows[1][6], "987654321", "a number cell reads without .0");
    assert_eq!(table.rows[0][0], ROWS[0][0]);
    // Imported, the phone number has its leading zero back.
    let session: Session = store::load_session(Path::new(SAMPLE)).unwrap();
    let plan = plan_import(&session, &table, &guess_mapping(&table.headers));
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.added[1].contact, "dong@example.vn; 0987654321");
}

#[test]
fn bad_rows_are_listed_and_nothing_is_half_imported() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let before = fs::read(&session).unwrap();
    let p = dir.path().join("loi.csv");
    fs::write(
        &p,
        "Mã dự án,Tên dự án,Bảng\nM1,Dự án tốt,sv\nM2,,sv\nM1,Trùng mã,dn\nM4,Sai bảng,Bảng Z\nM5,Dự án tốt nữa,dn\n",
    )
    .unwrap();
    let giamkhao = || giamkhao_in(dir.path());
    giamkhao()
        .args(["import", session.to_str().unwrap(), p.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Dòng 3: thiếu tên dự án")
                .and(predicate::str::contains(
                    "Dòng 4: mã «M1» trùng với một dòng trước",
                ))
                .and(predicate::str::contains(
                    "Dòng 5: cuộc thi không có bảng «Bảng Z»",
                ))
                .and(predicate::str::contains("chưa nhập gì")),
        );
    assert_eq!(fs::read(&session).unwrap(), before, "nothing changed");
    giamkhao()
        .args([
            "import",
            session.to_str().unwrap(),
            p.to_str().unwrap(),
            "--skip-bad-rows",
            "--by",
            "thư ký",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 mới, 0 cập nhật, 0 không đổi, 3 dòng bỏ qua",
        ));
    let s = store::load_session(&session).unwrap();
    assert_eq!(s.submissions.len(), 26);
    assert!(s.submission("M5").is_some());
    assert!(
        s.audit
            .iter()
            .any(|a| a.by == "thư ký" && a.target == "submission M1")
    );
}

#[test]
fn re_importing_updates_instead_of_duplicating() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let p = dir.path().join("dang-ky.csv");
    fs::write(&p, csv_text(",")).unwrap();
    let run = |expect: &str| {
        giamkhao_in(dir.path())
            .args([
                "--lang",
                "en",
                "import",
                session.to_str().unwrap(),
                p.to_str().unwrap(),
            ])
            .assert()
            .success()
            .stdout(predicate::str::contains(expect.to_string()));
    };
    run("3 added, 0 updated, 0 unchanged");
    run("0 added, 0 updated, 3 unchanged");
    // A corrected leader in the file updates that submission.
    fs::write(&p, csv_text(",").replace("Phạm Thị Hoa", "Phạm Thị Thu Hoa")).unwrap();
    run("0 added, 1 updated, 2 unchanged");
    let s = store::load_session(&session).unwrap();
    assert_eq!(s.submissions.len(), 27);
    assert_eq!(s.submission("DA25").unwrap().leader, "Phạm Thị Thu Hoa");
}

#[test]
fn a_column_can_be_named_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let p = dir.path().join("khac.csv");
    fs::write(&p, "Cột A,Cột B\nHệ thống tưới tiêu tự động,Trần Văn Bảy\n").unwrap();
    let giamkhao = || giamkhao_in(dir.path());
    giamkhao()
        .args([
            "--lang",
            "en",
            "import",
            session.to_str().unwrap(),
            p.to_str().unwrap(),
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--map title="));
    giamkhao()
        .args([
            "--lang",
            "en",
            "import",
            session.to_str().unwrap(),
            p.to_str().unwrap(),
            "--map",
            "title=Cột A",
            "--map",
            "leader=2",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added"));
    assert_eq!(
        store::load_session(&session)
            .unwrap()
            .submission("DA25")
            .unwrap()
            .leader,
        "Trần Văn Bảy"
    );
}

#[test]
fn a_title_above_the_table_and_an_empty_first_column_are_skipped() {
    // Organizers often put a title above the table and leave column A empty.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dang-ky.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 1, "DANH SÁCH ĐĂNG KÝ").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16 + 1, *h).unwrap();
    }
    for (r, row) in ROWS.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 3, c as u16 + 1, *v).unwrap();
        }
    }
    book.save(&p).unwrap();
    let table = read_table(&p).unwrap();
    // The title above is skipped: the header is the row that names the fields.
    assert_eq!(table.headers, HEADER.map(String::from).to_vec());
    assert_eq!(table.rows[0], ROWS[0].map(String::from).to_vec());
    assert_eq!(table.rows.len(), ROWS.len());
    assert_eq!(table.row_numbers, vec![4, 5, 6]);
    let mapping = guess_mapping(&table.headers);
    assert_eq!(mapping.columns.get(&Field::Title), Some(&0));
}

#[test]
fn reading_reports_progress_to_the_end_and_stops_when_asked() {
    use giamkhao::store::import::{ImportError, Progress, read_table_with};
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("lon.csv");
    let xlsx = dir.path().join("lon.xlsx");
    let mut text = String::from("Tên dự án;Trưởng nhóm\n");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Tên dự án").unwrap();
    for i in 1..=5000u32 {
        text.push_str(&format!("Dự án số {i};Người {i}\n"));
        sheet.write_string(i, 0, format!("Dự án số {i}")).unwrap();
    }
    fs::write(&csv, text).unwrap();
    book.save(&xlsx).unwrap();
    for path in [&csv, &xlsx] {
        let progress = Progress::default();
        let table = read_table_with(path, &progress).unwrap();
        assert_eq!(table.rows.len(), 5000, "{}", path.display());
        assert_eq!(table.rows[4999][0], "Dự án số 5000");
        assert_eq!(progress.fraction(), Some(1.0), "{}", path.display());
        assert_eq!(progress.rows(), 5001, "{}", path.display());
        let stopped = Progress::default();
        stopped.cancel();
        assert_eq!(read_table_with(path, &stopped), Err(ImportError::Cancelled));
        assert!(
            stopped.rows() <= 256,
            "stopped at the first check: {}",
            stopped.rows()
        );
    }
}

/// Made by LibreOffice Calc from the same three rows (cells typed as text, as organizers keep phone
/// numbers): the older Excel format and OpenDocument read like the others.
#[test]
fn xlsx_xls_and_ods_made_by_a_spreadsheet_program() {
    // Saved by LibreOffice Calc 7.4 from the same three rows.
    for name in ["dang-ky.xlsx", "dang-ky.xls", "dang-ky.ods"] {
        check_three_rows(&Path::new("tests/fixtures").join(name));
    }
}

/// An input fuzzing found, read as a file named `name` (skipping the first `skip` bytes: the byte that
/// chose the format in the target that found it): the refusal, and its message in Vietnamese.
fn refused(input: &str, skip: usize, name: &str) -> (giamkhao::store::import::ImportError, String) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = fs::read(input).unwrap();
    let path = dir.path().join(name);
    fs::write(&path, &bytes[skip..]).unwrap();
    let error = read_table(&path).unwrap_err();
    let message = giamkhao::text::import_error(&error, giamkhao::text::Lang::Vi);
    (error, message)
}

/// Found by fuzzing: calamine's .xls reader panics on this malformed file (a slice out of range in its
/// compound-file reader). The import says the file is damaged instead of taking the app down.
#[test]
fn a_malformed_xls_that_makes_the_reader_panic_is_reported_as_damaged() {
    let (_, message) = refused("fuzz/known-issues/calamine-xls-cfb-slice-panic", 1, "hong.xls");
    assert!(
        message.contains("hong.xls: không đọc được nội dung bảng: tệp bị hỏng"),
        "{message}"
    );
}

/// Found by fuzzing: a compound file (the container of legacy .xls and of password-protected
/// workbooks) named .xlsx made calamine's password check loop until memory ran out. It is now refused
/// before any reader sees it, with what to do.
#[test]
fn a_compound_file_named_xlsx_is_refused_with_what_to_do() {
    for name in ["dang-ky.xlsx", "dang-ky.ods"] {
        let (_, message) = refused("fuzz/corpus/spreadsheets/cfb-named-xlsx-was-oom", 1, name);
        assert!(
            message.contains("bảng tính Excel đời cũ (.xls) hoặc có đặt mật khẩu"),
            "{message}"
        );
    }
}

/// Found by fuzzing: a legacy .xls whose sector chain loops made calamine read until memory ran out.
/// The chains of a compound file are now checked before calamine reads it.
#[test]
fn an_xls_whose_sector_chain_loops_is_refused_before_it_is_read() {
    let (_, message) = refused("fuzz/known-issues/calamine-xls-cfb-cycle-oom", 1, "vong-lap.xls");
    assert!(
        message.contains("vong-lap.xls: không đọc được nội dung bảng: tệp bị hỏng"),
        "{message}"
    );
}

/// Found by fuzzing the .xls reader: a 6 KB file with two cells 30,000 rows and 33,000 columns apart
/// made calamine ask for 32 GB at once, for its grid of the sheet, and a failed allocation stops the
/// process (no panic to catch). giamkhao now measures every sheet before calamine reads it.
#[test]
fn an_xls_with_a_cell_placed_very_far_away_is_refused_before_it_is_read() {
    let (error, message) = refused("fuzz/known-issues/calamine-xls-sparse-grid-oom", 0, "rong.xls");
    assert!(
        matches!(
            error,
            giamkhao::store::import::ImportError::TooWide { rows, columns, .. }
                if rows * columns > giamkhao::store::compound::MAX_CELLS
        ),
        "{error:?}"
    );
    assert!(
        message.contains("rong.xls: bảng tính trải quá rộng để đọc"),
        "{message}"
    );
    // The real .xls made by LibreOffice still reads.
    let table = read_table(std::path::Path::new("tests/fixtures/dang-ky.xls")).unwrap();
    assert_eq!(table.rows.len(), 3);
}

/// Found by fuzzing the .xls reader: a sheet whose DIMENSIONS record says its last row comes before
/// its first, and whose directory gives the stream's name a wrong length. calamine's count of rows
/// wraps round and it asks for 1.2 TB. giamkhao finds the stream by name as calamine does and refuses
/// the impossible size as damage.
#[test]
fn an_xls_declaring_an_impossible_size_is_refused_as_damaged() {
    let (_, message) = refused(
        "fuzz/known-issues/calamine-xls-dimensions-oom",
        0,
        "kich-thuoc.xls",
    );
    assert!(
        message.contains("kich-thuoc.xls: không đọc được nội dung bảng: tệp bị hỏng"),
        "{message}"
    );
}

/// `giamkhao import SESSION FILE` in `lang`: its exit code and what it printed (stdout, then stderr).
fn import_cli(session: &Path, file: &Path, lang: &str, extra: &[&str]) -> (Option<i32>, String) {
    let folder = session.parent().expect("the session's folder");
    let out = giamkhao_in(folder)
        .args(["--lang", lang, "import"])
        .arg(session)
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).to_string();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

/// A folder with a copy of the sample session, and the session's bytes as they were.
fn scratch_session() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let before = fs::read(&session).unwrap();
    (dir, session, before)
}

/// giamkhao's own exports, in both languages and both spreadsheet formats: the results (whose first
/// table has a title, an id, an organization and a category column, as a registration list has) and
/// the blank scoresheets (whose criteria sheet has rubric text that names no field but mentions
/// "ý tưởng"). Each is refused with the reason in words and the columns found, and the session is
/// left as it was. Importing the scoresheets once added three projects titled with rubric text, and
/// importing the results "updated" a project.
#[test]
fn giamkhaos_own_results_and_scoresheets_are_not_imported_as_registrations() {
    use giamkhao::store::export::{awards, blank_scoresheets, tables, write_csv, write_xlsx};
    use giamkhao::text::Lang;
    let (dir, session_path, before) = scratch_session();
    let session: Session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    for (lang, code) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let results = tables(&session, &result, lang);
        let sheets = blank_scoresheets(&session, &result.round, lang).unwrap();
        let award_list = vec![awards(&session, &result, lang)];
        let mut files = Vec::new();
        for (name, tables) in [
            ("ket-qua", &results),
            ("phieu-cham", &sheets),
            ("dat-giai", &award_list),
        ] {
            let xlsx = dir.path().join(format!("{name}-{code}.xlsx"));
            write_xlsx(&xlsx, tables).unwrap();
            files.push(xlsx);
            // As CSV every table is a file of its own, so each could be picked for import.
            files.extend(write_csv(&dir.path().join(format!("{name}-{code}.csv")), tables, lang).unwrap());
        }
        for file in &files {
            let (exit, printed) = import_cli(&session_path, file, code, &[]);
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            assert_eq!(exit, Some(1), "{name} was imported:\n{printed}");
            let (not_list, nothing) = match lang {
                Lang::Vi => ("không phải danh sách đăng ký", "Chưa nhập gì"),
                Lang::En => ("not a registration list", "Nothing was imported"),
            };
            for expected in [name.as_str(), not_list, nothing] {
                assert!(
                    printed.contains(expected),
                    "{name}: «{expected}» not in:\n{printed}"
                );
            }
            assert_eq!(
                fs::read(&session_path).unwrap(),
                before,
                "{name} changed the session"
            );
        }
        // The reason names the columns that give the file away, and lists those found.
        let first = |name: &str| {
            import_cli(
                &session_path,
                &dir.path().join(format!("{name}-{code}.xlsx")),
                code,
                &[],
            )
            .1
        };
        let (results_text, sheets_text) = (first("ket-qua"), first("phieu-cham"));
        let expect = match lang {
            Lang::Vi => [
                ("«Hạng»", &results_text),
                ("«Điểm»", &results_text),
                ("«Giải»", &results_text),
                ("«Tiêu chí»", &sheets_text),
                ("«Thang điểm»", &sheets_text),
            ],
            Lang::En => [
                ("«Rank»", &results_text),
                ("«Score»", &results_text),
                ("«Award»", &results_text),
                ("«Criterion»", &sheets_text),
                ("«Rubric»", &sheets_text),
            ],
        };
        for (column, printed) in expect {
            assert!(printed.contains(column), "{column} not in:\n{printed}");
        }
    }
}

/// A table whose header names no registration field is refused with the columns it has, so the
/// organizer sees what giamkhao read; nothing is saved.
#[test]
fn a_header_with_no_recognisable_column_is_refused_with_the_columns_found() {
    let (dir, session, before) = scratch_session();
    let p = dir.path().join("khac.csv");
    fs::write(&p, "Cột A,Cột B\nHệ thống tưới tiêu tự động,Trần Văn Bảy\n").unwrap();
    let (exit, printed) = import_cli(&session, &p, "vi", &[]);
    assert_eq!(exit, Some(1), "{printed}");
    for expected in [
        "khac.csv",
        "Không cột nào trông như tên dự án",
        "«Cột A», «Cột B»",
        "--map title=",
    ] {
        assert!(printed.contains(expected), "«{expected}» not in:\n{printed}");
    }
    let (exit, printed) = import_cli(&session, &p, "en", &[]);
    assert_eq!(exit, Some(1), "{printed}");
    assert!(
        printed.contains("No column looks like a project title"),
        "{printed}"
    );
    assert_eq!(fs::read(&session).unwrap(), before);
}

/// Naming the title column by hand imports a refused table, using only the columns named: nothing
/// is guessed from a header giamkhao did not recognise. The results workbook mapped by its title
/// alone finds every project already there, so nothing is added or changed (guessed, its
/// organization and category columns "updated" a project).
#[test]
fn a_refused_table_imports_only_the_columns_named_by_hand() {
    use giamkhao::store::export::{tables, write_xlsx};
    use giamkhao::text::Lang;
    let (dir, session_path, before) = scratch_session();
    let session: Session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let xlsx = dir.path().join("ket-qua.xlsx");
    write_xlsx(&xlsx, tables(&session, &result, Lang::Vi)).unwrap();
    let (exit, printed) = import_cli(&session_path, &xlsx, "vi", &["--map", "title=Tên dự án"]);
    assert_eq!(exit, Some(0), "{printed}");
    assert!(
        printed.contains("không phải danh sách đăng ký"),
        "the reason is still said:\n{printed}"
    );
    assert!(printed.contains("0 mới, 0 cập nhật, 24 không đổi"), "{printed}");
    assert!(
        !printed.contains("[organization]") && !printed.contains("[id]"),
        "{printed}"
    );
    assert_eq!(fs::read(&session_path).unwrap(), before);
}

/// The registrations a spreadsheet program saved (the fixtures) and the CSV Excel writes still import
/// from the command line.
#[test]
fn real_registration_lists_still_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("dang-ky.csv");
    fs::write(&csv, format!("\u{feff}{}", csv_text(","))).unwrap();
    let fixtures =
        ["dang-ky.xlsx", "dang-ky.xls", "dang-ky.ods"].map(|n| Path::new("tests/fixtures").join(n));
    for file in fixtures.iter().chain([&csv]) {
        let session = sample_copy(dir.path());
        let (exit, printed) = import_cli(&session, file, "vi", &[]);
        assert_eq!(exit, Some(0), "{}: {printed}", file.display());
        assert!(
            printed.contains("3 mới, 0 cập nhật"),
            "{}: {printed}",
            file.display()
        );
    }
}

/// A field longer than a submission may hold (a title over 500 characters, more than 100 members, an
/// id over 64) makes its row a bad row, listed with the field, its length and the cap; the other rows
/// import with --skip-bad-rows. Before the caps, a title of any length was imported (a 500 MB one
/// made the PDF export run for more than five minutes).
#[test]
fn a_field_longer_than_its_cap_makes_its_row_a_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let before = fs::read(&session).unwrap();
    let p = dir.path().join("dai.csv");
    let members = (1..=120)
        .map(|i| format!("Thành viên {i}"))
        .collect::<Vec<_>>()
        .join("; ");
    fs::write(
        &p,
        format!(
            "Mã dự án,Tên dự án,Thành viên\nM1,Dự án tốt,Lan; Hải\nM2,{},Lan\nM3,Dự án đông người,\"{members}\"\n{},Mã dài,Lan\n",
            "Ả".repeat(600),
            "M".repeat(65)
        ),
    )
    .unwrap();
    let (code, out) = import_cli(&session, &p, "vi", &[]);
    assert_eq!(code, Some(1), "{out}");
    for line in [
        "Dòng 3: tên dự án dài 600 ký tự, vượt giới hạn 500 ký tự",
        "Dòng 4: 120 thành viên, vượt giới hạn 100",
        "Dòng 5: mã dài 65 ký tự, vượt giới hạn 64 ký tự",
        "chưa nhập gì",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    assert_eq!(fs::read(&session).unwrap(), before, "nothing changed");
    let (_, out) = import_cli(&session, &p, "en", &[]);
    assert!(
        out.contains("Row 3: the project title is 600 characters long, over the limit of 500"),
        "{out}"
    );
    let (code, out) = import_cli(&session, &p, "vi", &["--skip-bad-rows"]);
    assert_eq!(code, Some(0), "{out}");
    let s = store::load_session(&session).unwrap();
    assert!(s.submission("M1").is_some());
    assert!(s.submission("M2").is_none() && s.submission("M3").is_none());
}

/// A cell longer than Excel allows (32,767 characters) cannot come from a spreadsheet program: the
/// file is refused, naming the cell, before anything is imported.
#[test]
fn a_cell_longer_than_excel_allows_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("o-dai.csv");
    fs::write(&p, format!("Tên dự án,Mô tả\nDự án tốt,{}\n", "a".repeat(40_000))).unwrap();
    let error = read_table(&p).unwrap_err();
    assert_eq!(
        giamkhao::text::import_error(&error, giamkhao::text::Lang::Vi),
        format!(
            "{}: ô B2 dài 40.000 ký tự, vượt giới hạn 32.767 ký tự của một ô (như Excel). Chưa đọc gì; hãy sửa ô đó rồi nhập lại",
            p.display()
        )
    );
    assert!(
        giamkhao::text::import_error(&error, giamkhao::text::Lang::En)
            .ends_with(": cell B2 is 40,000 characters long, over the limit of 32,767 for one cell (as in Excel). Nothing was read; fix that cell and import again")
    );
}

/// .xlsb was read by calamine's reader, with no guard against what it allocates, though never
/// offered: it is now refused like any format giamkhao does not read.
#[test]
fn an_xlsb_is_refused_as_a_format_giamkhao_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dang-ky.xlsb");
    fs::copy("tests/fixtures/dang-ky.xlsx", &p).unwrap();
    let error = read_table(&p).unwrap_err();
    assert!(
        matches!(error, giamkhao::store::import::ImportError::Unsupported { .. }),
        "{error:?}"
    );
}

/// A text table keeps every field, an empty one too: 24 bytes for each comma, so 5 MB of commas was
/// 120 MB. Fields count towards the span a table may have (4 million cells).
#[test]
fn a_text_table_of_millions_of_empty_fields_is_stopped_at_the_cap_on_cells() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("phay.csv");
    let line = format!("Dự án{}\n", ",".repeat(999));
    fs::write(&p, format!("Tên dự án,Trưởng nhóm\n{}", line.repeat(5_000))).unwrap();
    let error = read_table(&p).unwrap_err();
    assert!(
        matches!(
            error,
            giamkhao::store::import::ImportError::TooWide { columns: 1_000, rows, .. } if rows < 5_000
        ),
        "{error:?}"
    );
}
