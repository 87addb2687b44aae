//! Bad input tried on purpose: each case is made here, run as a person would (the command line, or
//! the score field), and what it prints must be what docs/bad-input.md tells readers they will see.

use std::fs;
use std::path::Path;
use std::process::Command;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

/// Runs giamkhao in `dir`, with its data folder (the remembered name) there too, never the real one.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_giamkhao"))
        .current_dir(dir)
        .env("GIAMKHAO_HOME", dir.join("home"))
        .args(args)
        .output()
        .unwrap()
}

/// What giamkhao printed for `args`, which must fail.
fn giamkhao(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let mut text = String::from_utf8_lossy(&out.stdout).to_string();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text
}

/// The first line of what was printed that holds `marker`.
fn line_with(text: &str, marker: &str) -> String {
    text.lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no line with {marker:?} in:\n{text}"))
        .trim()
        .trim_start_matches("- ")
        .trim_start_matches("! ")
        .to_string()
}

#[test]
fn every_bad_input_gives_the_message_the_docs_show() {
    let docs = fs::read_to_string("docs/bad-input.md").unwrap_or_default();
    // BAD_INPUT_PRINT=1 prints every case and message instead (to write the docs' table from).
    let print = std::env::var_os("BAD_INPUT_PRINT").is_some();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = fs::read_to_string(SAMPLE).unwrap();
    let write = |name: &str, text: &str| fs::write(d.join(name), text).unwrap();
    let mut seen = Vec::new();
    let mut expect = |case: &str, message: String| {
        if print {
            println!("CASE\t{case}\t{message}");
        }
        assert!(
            print || docs.contains(&message),
            "docs/bad-input.md should show, for {case}:\n{message}"
        );
        seen.push(case.to_string());
    };

    // Session files.
    let at = sample.find("organizer:").unwrap() + 12;
    let mut bytes = sample.clone().into_bytes();
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    fs::write(d.join("khong-utf8.ron"), bytes).unwrap();
    write(
        "thieu-phay.ron",
        &sample.replacen("    decimals: 2,\n", "    decimals: 2\n", 1),
    );
    write(
        "sai-kieu.ron",
        &sample.replacen("decimals: 2,", "decimals: \"hai\",", 1),
    );
    write("ban-moi.ron", &sample.replacen("version: 1,", "version: 99,", 1));
    write("tep-la.ron", "(a: 1, b: \"x\")\n");
    write(
        "vuot-toi-da.ron",
        &sample.replacen("\"tc1\": 14.0", "\"tc1\": 24.0", 1),
    );
    write(
        "trung-ma.ron",
        &sample.replacen("id: \"DA02\"", "id: \"DA01\"", 1),
    );
    write("trong.ron", "");
    write(
        "cat-ngang.json",
        "{\"kind\": \"Session\", \"version\": 1, \"contest\": {\"id\": 5}",
    );
    fs::copy("tests/fixtures/dang-ky.xlsx", d.join("dang-ky.xlsx")).unwrap();
    write(
        "dang-ky.csv",
        "Tên dự án;Trưởng nhóm\nRobot hái vải;Nguyễn Văn An\n",
    );
    write("ghi-chu.txt", "hello\n");
    for (case, file, marker) in [
        ("not UTF-8", "khong-utf8.ron", "khong-utf8.ron"),
        ("missing comma", "thieu-phay.ron", "thieu-phay.ron"),
        ("wrong type", "sai-kieu.ron", "sai-kieu.ron"),
        ("newer version", "ban-moi.ron", "ban-moi.ron"),
        ("not a giamkhao file", "tep-la.ron", "tep-la.ron"),
        ("score above maximum", "vuot-toi-da.ron", "vượt quá"),
        ("duplicate id", "trung-ma.ron", "bị trùng"),
        ("empty file", "trong.ron", "trong.ron"),
        ("cut-off JSON", "cat-ngang.json", "cat-ngang.json"),
        ("missing file", "khong-co.ron", "khong-co.ron"),
        ("an Excel workbook", "dang-ky.xlsx", "dang-ky.xlsx"),
        ("a CSV table", "dang-ky.csv", "dang-ky.csv"),
        ("a text file", "ghi-chu.txt", "ghi-chu.txt"),
    ] {
        let out = giamkhao(d, &["check", file]);
        expect(case, line_with(&out, marker));
    }

    // Merging, sealing or importing goes on the record: a full name is needed.
    fs::copy(SAMPLE, d.join("phien.ron")).unwrap();
    expect(
        "sealing with no name given and none remembered",
        line_with(&giamkhao(d, &["seal", "phien.ron"]), "--by"),
    );
    expect(
        "a name that is not a full name (`--by root`)",
        line_with(&giamkhao(d, &["seal", "phien.ron", "--by", "root"]), "--by"),
    );
    giamkhao::store::person::remember(&d.join("home"), "Trần Thư Ký").unwrap();

    // A packet where a session is wanted; sheets from elsewhere, or changed after hand-in.
    run(d, &["packet", "phien.ron", "--judge", "gk1", "-o", "goi-gk1.ron"]);
    expect(
        "wrong kind",
        line_with(&giamkhao(d, &["results", "goi-gk1.ron"]), "goi-gk1.ron"),
    );
    let other = sample.replace(
        "4faae99a-0cb3-4661-83f5-6c394f58ac43",
        "11111111-2222-4333-8444-555555555555",
    );
    write("khac.ron", &other);
    run(d, &["packet", "khac.ron", "--judge", "gk2", "-o", "goi-khac.ron"]);
    expect(
        "sheet of another contest",
        line_with(
            &giamkhao(d, &["merge", "phien.ron", "goi-khac.ron"]),
            "goi-khac.ron",
        ),
    );
    let session = giamkhao::store::load_session(&d.join("phien.ron")).unwrap();
    let mut sheet = giamkhao::model::ScoresheetFile::new(session.sheet("chung-khao", "gk3").unwrap().clone());
    sheet.sheet.entries[0].revision += 1;
    giamkhao::store::save_scoresheet(&d.join("gk3.ron"), &sheet).unwrap();
    let handed = fs::read_to_string(d.join("gk3.ron")).unwrap();
    write("gk3.ron", &handed.replacen("14.0", "19.0", 1));
    expect(
        "sheet changed after hand-in",
        line_with(
            &giamkhao(d, &["merge", "phien.ron", "gk3.ron"]),
            "sửa sau khi nộp",
        ),
    );
    let several = giamkhao(d, &["merge", "phien.ron", "goi-gk1.ron", "ghi-chu.txt"]);
    for marker in ["Tóm tắt", "Không có thay đổi"] {
        expect(
            "several sheets, one not a scoresheet",
            line_with(&several, marker),
        );
    }
    run(d, &["seal", "phien.ron"]);
    expect(
        "merge into a sealed session",
        line_with(&giamkhao(d, &["merge", "phien.ron", "goi-gk1.ron"]), "niêm phong"),
    );

    // Registrations.
    fs::copy(SAMPLE, d.join("nhap.ron")).unwrap();
    let ansi: Vec<u8> = "Tên dự án;Trưởng nhóm\nRobot hái vải;Nguyễn Văn An\n"
        .chars()
        .map(|c| match c {
            'ê' => 0xea,
            'á' => 0xe1,
            'ả' | 'ự' | 'ễ' | 'ă' => b'?',
            c if c.is_ascii() => c as u8,
            _ => 0xe0,
        })
        .collect();
    fs::write(d.join("ansi.csv"), ansi).unwrap();
    write(
        "dong-loi.csv",
        "Mã dự án,Tên dự án,Bảng\nM1,Dự án tốt,sv\nM2,,sv\nM1,Trùng mã,dn\nM4,Sai bảng,Bảng Z\n",
    );
    fs::write(d.join("hong.xlsx"), b"PK\x03\x04 not really a workbook").unwrap();
    fs::write(d.join("ghi-chu.docx"), b"PK").unwrap();
    expect(
        "CSV not in UTF-8",
        line_with(&giamkhao(d, &["import", "nhap.ron", "ansi.csv"]), "ansi.csv"),
    );
    let rows = giamkhao(d, &["import", "nhap.ron", "dong-loi.csv"]);
    for marker in ["Dòng 3", "Dòng 4", "Dòng 5", "chưa nhập gì"] {
        expect("rows with problems", line_with(&rows, marker));
    }
    expect(
        "damaged workbook",
        line_with(&giamkhao(d, &["import", "nhap.ron", "hong.xlsx"]), "hong.xlsx"),
    );
    expect(
        "not a spreadsheet",
        line_with(
            &giamkhao(d, &["import", "nhap.ron", "ghi-chu.docx"]),
            "ghi-chu.docx",
        ),
    );
    // An old .xls renamed .xlsx (or a workbook with a password): a compound file, not a zip.
    let mut compound = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    compound.resize(1024, 0);
    fs::write(d.join("cu.xlsx"), compound).unwrap();
    expect(
        "old .xls renamed .xlsx",
        line_with(&giamkhao(d, &["import", "nhap.ron", "cu.xlsx"]), "cu.xlsx"),
    );
    // An .xls with one cell very far from the others (found by fuzzing; see tests/import.rs).
    fs::copy(
        "fuzz/known-issues/calamine-xls-sparse-grid-oom",
        d.join("rong.xls"),
    )
    .unwrap();
    expect(
        "an .xls with a cell very far away",
        line_with(&giamkhao(d, &["import", "nhap.ron", "rong.xls"]), "rong.xls"),
    );

    // giamkhao's own results workbook, and a table with no column giamkhao recognises.
    let exported = Command::new(env!("CARGO_BIN_EXE_giamkhao"))
        .current_dir(d)
        .args(["export", "nhap.ron", "--format", "xlsx", "--what", "results"])
        .args(["-o", "ket-qua.xlsx"])
        .output()
        .unwrap();
    assert!(exported.status.success());
    expect(
        "giamkhao's own results workbook, imported as registrations",
        line_with(
            &giamkhao(d, &["import", "nhap.ron", "ket-qua.xlsx"]),
            "ket-qua.xlsx",
        ),
    );
    write(
        "khac.csv",
        "Cột A,Cột B\nHệ thống tưới tiêu tự động,Trần Văn Bảy\n",
    );
    let khac = giamkhao(d, &["import", "nhap.ron", "khac.csv"]);
    expect("no column names a project title", line_with(&khac, "khac.csv"));
    expect("what to do then", line_with(&khac, "--map title="));

    // The command line itself.
    for (case, args, marker) in [
        (
            "an option the command does not have",
            vec!["results", "phien.ron", "--bogus"],
            "Lỗi",
        ),
        ("a mistyped command", vec!["resutls", "phien.ron"], "Lỗi"),
        (
            "a value that is not allowed",
            vec!["export", "phien.ron", "--format", "docx", "-o", "x.docx"],
            "Lỗi",
        ),
        (
            "a contest generate cannot make",
            vec![
                "generate",
                "--submissions",
                "10",
                "--judges",
                "3",
                "--per-submission",
                "5",
                "--criteria",
                "4",
                "-o",
                "x.ron",
            ],
            "Không tạo được",
        ),
    ] {
        expect(case, line_with(&giamkhao(d, &args), marker));
    }

    // The score field, as a judge types it.
    let criterion = &session.contest.rounds[0].criteria[0];
    for typed in ["abc", "21", "8,555", "-1", "7,25"] {
        let message = giamkhao::app::screens::scoring::read_score(typed, criterion, giamkhao::text::Lang::Vi)
            .unwrap_err();
        expect("score field", format!("`{typed}` | {message}"));
    }
    assert!(seen.len() >= 25, "{} cases", seen.len());
}

#[path = "common/bombs.rs"]
mod bombs;

/// The cases of "Memory bombs and field lengths (issue 11)" in docs/bad-input.md: small files that
/// unpack or lay out to gigabytes, and texts longer than their caps, each refused with the message
/// the docs show (`BAD_INPUT_PRINT=1` prints them).
#[test]
fn memory_bombs_and_field_lengths_give_the_messages_the_docs_show() {
    let docs = fs::read_to_string("docs/bad-input.md").unwrap_or_default();
    let section = docs
        .split("## Memory bombs and field lengths (issue 11)")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let print = std::env::var_os("BAD_INPUT_PRINT").is_some();
    let expect = |case: &str, message: String| {
        if print {
            println!("CASE\t{case}\t{message}");
        }
        assert!(
            print || section.contains(&message),
            "docs/bad-input.md, section on memory bombs, should show for {case}:\n{message}"
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    giamkhao::store::person::remember(&d.join("home"), "Trần Thư Ký").unwrap();
    fs::copy(SAMPLE, d.join("phien.ron")).unwrap();
    let write = |name: &str, bytes: &[u8]| fs::write(d.join(name), bytes).unwrap();
    // The two the security review sent, as committed seeds of the fuzz target (a byte that chose the
    // format, then the .xlsx).
    let seed = |name: &str| fs::read(Path::new("fuzz/corpus/spreadsheets").join(name)).unwrap()[1..].to_vec();
    write("rong.xlsx", &seed("bomb-xfd-every-row"));
    write("phinh.xlsx", &seed("bomb-shared-strings-1gib"));
    write("hua.xlsx", &bombs::promised_strings(10_000_000_000));
    write("lap-lai.xlsx", &bombs::repeated_strings(8_000, 8_000));
    let repeated = format!(
        "{}<table:table-row table:number-rows-repeated=\"300\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>Dự án</text:p></table:table-cell></table:table-row>",
        bombs::ODS_HEADER
    );
    write("lap.ods", &bombs::ods(&repeated));
    let spaces = format!(
        "{}<table:table-row><table:table-cell office:value-type=\"string\"><text:p>A<text:s text:c=\"300000000\"/>B</text:p></table:table-cell></table:table-row>",
        bombs::ODS_HEADER
    );
    write("cach.ods", &bombs::ods(&spaces));
    let cut = bombs::rewrite_part(bombs::ods(bombs::ODS_HEADER), "content.xml", |xml| {
        let end = xml.rfind("</table:table-row>").unwrap() + "</table:table-row>".len();
        xml[..end].to_string()
    });
    write("cat.ods", &cut);
    write(
        "o-dai.csv",
        format!("Tên dự án,Mô tả\nDự án tốt,{}\n", "a".repeat(40_000)).as_bytes(),
    );
    write(
        "dai.csv",
        format!("Tên dự án,Trưởng nhóm\n{},Lan Anh\n", "Ả".repeat(600)).as_bytes(),
    );
    fs::copy("tests/fixtures/dang-ky.xlsx", d.join("dang-ky.xlsb")).unwrap();
    for (case, file) in [
        ("a cell in column XFD of every row", "rong.xlsx"),
        ("shared strings unpacking to 1 GiB", "phinh.xlsx"),
        ("shared strings promising ten billion", "hua.xlsx"),
        ("one long string in every cell", "lap-lai.xlsx"),
        ("an .ods cell repeated across the sheet", "lap.ods"),
        ("an .ods cell of 300 million spaces", "cach.ods"),
        ("an .ods cut inside a sheet", "cat.ods"),
        ("a cell of 40,000 characters", "o-dai.csv"),
        ("an .xlsb", "dang-ky.xlsb"),
    ] {
        let started = std::time::Instant::now();
        let out = giamkhao(d, &["import", "phien.ron", file]);
        assert!(
            started.elapsed().as_secs() < 60,
            "{case}: {:?}",
            started.elapsed()
        );
        expect(case, line_with(&out, file));
    }
    let rows = giamkhao(d, &["import", "phien.ron", "dai.csv"]);
    expect("a title of 600 characters", line_with(&rows, "Dòng 2"));
    assert_eq!(
        fs::read_to_string(d.join("phien.ron")).unwrap(),
        fs::read_to_string(SAMPLE).unwrap(),
        "nothing imported"
    );

    // A session whose contest name is a million characters, exported as PDF.
    let mut session: giamkhao::model::Session = giamkhao::store::load_session(Path::new(SAMPLE)).unwrap();
    session.contest.name = "Tìm kiếm tài năng ".repeat(55_556);
    let text = giamkhao::store::files::to_text(&session, giamkhao::store::Format::Ron).unwrap();
    fs::write(d.join("ten-dai.ron"), text).unwrap();
    let started = std::time::Instant::now();
    let out = giamkhao(
        d,
        &["export", "ten-dai.ron", "--format", "pdf", "-o", "bien-ban.pdf"],
    );
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    assert!(!d.join("bien-ban.pdf").exists());
    expect(
        "a contest name of a million characters",
        line_with(&out, "ten-dai.ron"),
    );
    expect(
        "a contest name of a million characters",
        line_with(&out, "tên cuộc thi"),
    );

    // A name on the record longer than a name is.
    let long_name = format!("Trần {}", "Thị ".repeat(50));
    expect(
        "a name of 204 characters",
        line_with(&giamkhao(d, &["seal", "phien.ron", "--by", &long_name]), "--by"),
    );

    // A comment longer than its cap, typed in the app (the wording is the edit engine's; the refusal
    // itself is tested in src/app/actions.rs).
    let comment = giamkhao::store::limits::TextField::Comment;
    expect(
        "a comment of 6,300 characters",
        giamkhao::text::refused_too_long(comment, 6_300, comment.max(), giamkhao::text::Lang::Vi),
    );
    // The caps, as the docs list them.
    for field in giamkhao::store::limits::TextField::ALL {
        let row = format!(
            "| {} | {} |",
            giamkhao::text::text_field(field, giamkhao::text::Lang::En),
            giamkhao::text::count(field.max() as u64, giamkhao::text::Lang::En)
        );
        expect("the caps", row);
    }
}
