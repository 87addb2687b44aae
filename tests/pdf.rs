//! The PDF report read back with pdftotext (poppler-utils, which .ci/run installs): the Vietnamese
//! names and the numbers exactly as in the results, page numbers, and the provisional mark on every
//! page while a tie is undecided.

mod common;

use std::path::Path;
use std::process::Command;

use giamkhao::store;
use giamkhao::text::Lang;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

/// The text of page `page` (1-based), or None when pdftotext is not installed outside CI.
fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-layout"])
        .arg(pdf)
        .arg("-")
        .output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).expect("utf-8")),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must check the PDF: apt-get install poppler-utils"
            );
            eprintln!("PDF text NOT CHECKED: pdftotext is missing (apt-get install poppler-utils)");
            None
        }
    }
}

/// The number of pages, as pdfinfo reads it.
fn pages(pdf: &Path) -> Option<usize> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn the_report_states_the_results_in_vietnamese() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bien-ban.pdf");
    std::fs::write(
        &pdf,
        store::pdf::results_report(&session, &result, Lang::Vi).unwrap(),
    )
    .unwrap();
    let Some(first) = page_text(&pdf, 1) else { return };
    let all: String = (1..=2).filter_map(|p| page_text(&pdf, p)).collect();
    for expected in [
        "BIÊN BẢN TỔNG HỢP KẾT QUẢ CHẤM",
        "Tìm kiếm tài năng khởi nghiệp đổi mới sáng tạo Hải Phòng 2023",
        "PGS.TS. Nguyễn Văn Hải — Trường Đại học Hàng hải Việt Nam",
        "Cách tính: trung bình cộng các phiếu hợp lệ",
        "Trang 1/2",
    ] {
        assert!(
            first.contains(expected),
            "missing «{expected}» on page 1:\n{first}"
        );
    }
    // Every submission with its score and award as computed.
    let report = giamkhao::store::report::ResultsReport::new(&session, &result, Lang::Vi);
    for r in &report.scopes[0].rows {
        let score = giamkhao::text::score(r.score.unwrap(), 2, Lang::Vi);
        let line = all
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(r.submission.as_str()))
            .unwrap_or_else(|| panic!("{} missing", r.submission));
        assert!(line.contains(&score), "{}: {score} not in «{line}»", r.submission);
        if let Some(award) = &r.award_name {
            assert!(
                line.contains(award.as_str()),
                "{}: {award} not in «{line}»",
                r.submission
            );
        }
    }
    // The rules in words include the tie-break chain, criterion by criterion, and the award scope.
    let words: String = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let chain: Vec<String> = session.contest.rounds[0]
        .criteria
        .iter()
        .map(|c| format!("«{}»", c.name))
        .collect();
    let tie_break = format!(
        "Bằng điểm: so sánh lần lượt điểm trung bình các tiêu chí {}",
        chain.join(", ")
    );
    assert!(words.contains(&tie_break), "missing «{tie_break}» in:\n{words}");
    assert!(words.contains("xét chung toàn cuộc thi"), "{words}");
    assert!(all.contains("Trang 2/2"));
    assert!(all.contains("CHỦ TỊCH HỘI ĐỒNG") && all.contains("THƯ KÝ"));
    assert!(all.contains("Hội đồng biểu quyết 5/6"));
    assert!(!all.contains("TẠM THỜI"));
}

#[test]
fn provisional_results_say_so_on_every_page() {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    session.decisions.clear();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    assert!(result.provisional);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("tam-thoi.pdf");
    std::fs::write(
        &pdf,
        store::pdf::results_report(&session, &result, Lang::En).unwrap(),
    )
    .unwrap();
    let Some(first) = page_text(&pdf, 1) else { return };
    assert!(first.contains("PROVISIONAL RESULTS"));
    let count = pages(&pdf).expect("pdfinfo");
    assert!(count >= 2);
    for page in 2..=count {
        let text = page_text(&pdf, page).unwrap_or_default();
        assert!(text.contains("PROVISIONAL RESULTS"), "page {page}:\n{text}");
        assert!(text.contains(&format!("Page {page}/{count}")));
    }
    // The award list too, in Vietnamese.
    let awards = dir.path().join("dat-giai.pdf");
    std::fs::write(
        &awards,
        store::pdf::award_list(&session, &result, Lang::Vi).unwrap(),
    )
    .unwrap();
    let text = page_text(&awards, 1).unwrap_or_default();
    assert!(text.contains("KẾT QUẢ TẠM THỜI"), "{text}");
    // The tied projects are not left out silently: the list says they await the council.
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Chưa trao — chờ hội đồng quyết định:"), "{words}");
    assert!(words.contains("tranh giải Ba: 1 suất, 2 dự án (DA14"), "{words}");
}

#[test]
fn the_award_list_totals_the_prizes() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("dat-giai.pdf");
    std::fs::write(&pdf, store::pdf::award_list(&session, &result, Lang::Vi).unwrap()).unwrap();
    let Some(text) = page_text(&pdf, 1) else { return };
    assert!(text.contains("DANH SÁCH DỰ ÁN ĐẠT GIẢI"));
    // 50 + 2 × 30 + 3 × 20 + 4 × 10 million đồng.
    assert!(
        text.contains("Tổng giá trị giải thưởng: 210.000.000 đ (10 dự án)"),
        "{text}"
    );
    for id in [
        "DA07", "DA11", "DA03", "DA17", "DA05", "DA14", "DA20", "DA02", "DA22", "DA06",
    ] {
        assert!(
            text.lines().any(|l| l.split_whitespace().any(|w| w == id)),
            "{id} missing"
        );
    }
    assert!(
        !text.lines().any(|l| l.split_whitespace().any(|w| w == "DA09")),
        "DA09 has no award"
    );
}

#[test]
fn blank_scoresheets_give_each_judge_their_own() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("phieu-cham.pdf");
    std::fs::write(
        &pdf,
        store::pdf::blank_scoresheets(&session, "chung-khao", Lang::Vi).unwrap(),
    )
    .unwrap();
    let Some(first) = page_text(&pdf, 1) else { return };
    assert!(first.contains("PHIẾU CHẤM ĐIỂM"));
    assert!(first.contains("Giám khảo: PGS.TS. Nguyễn Văn Hải"));
    assert!(first.contains("TC1 — Tính mới và sáng tạo (tối đa 20)"));
    assert!(first.contains("15,5–20: Xuất sắc"));
    let count = pages(&pdf).expect("pdfinfo");
    let all: String = (1..=count).filter_map(|p| page_text(&pdf, p)).collect();
    for judge in &session.contest.judges {
        assert!(
            all.contains(&format!("Giám khảo: {}", judge.name)),
            "{}",
            judge.name
        );
    }
    // Each judge's pages say whose they are and are numbered on their own, since they are handed
    // out separately.
    let mut numbered = 0;
    for judge in &session.contest.judges {
        let label = format!("Phiếu chấm của {} — Trang ", judge.name);
        let own: Vec<String> = (1..=count)
            .filter_map(|p| page_text(&pdf, p))
            .filter_map(|t| {
                t.lines()
                    .find_map(|l| l.split_once(&label).map(|(_, n)| n.trim().to_string()))
            })
            .collect();
        let n = own.len();
        assert!(n >= 1, "{} has no page", judge.name);
        let expected: Vec<String> = (1..=n).map(|k| format!("{k}/{n}")).collect();
        assert_eq!(own, expected, "{}", judge.name);
        numbered += n;
    }
    assert_eq!(numbered, count, "every page belongs to one judge");
    // Every submission on every judge's sheet, and no scores printed.
    assert_eq!(all.matches("DA24").count(), 6);
    assert!(!all.contains("87,5"));
}

#[test]
fn a_sealed_session_prints_its_digest_on_every_page_of_every_pdf() {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let digest = store::seal::seal(
        &mut session,
        "Nguyễn Thị Lan (thư ký)",
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    let result = session.results.last().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        (
            "bien-ban.pdf",
            store::pdf::results_report(&session, &result, Lang::Vi),
        ),
        (
            "dat-giai.pdf",
            store::pdf::award_list(&session, &result, Lang::Vi),
        ),
        (
            "phieu.pdf",
            store::pdf::blank_scoresheets(&session, &result.round, Lang::Vi),
        ),
    ] {
        let pdf = dir.path().join(name);
        std::fs::write(&pdf, bytes.unwrap()).unwrap();
        let Some(count) = pages(&pdf) else { return };
        for page in 1..=count {
            let Some(text) = page_text(&pdf, page) else { return };
            assert!(
                text.contains(&format!("Niêm phong SHA-256: {digest}")),
                "{name} page {page}"
            );
        }
    }
}

/// On the printed blank scoresheet, the row of each project a judge is in conflict with says not to
/// score it and why, across the boxes (greyed); no other row does. Each judge's pages are found by
/// the words at their foot.
#[test]
fn the_blank_paper_scoresheet_marks_each_judges_conflicts_and_no_others() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let expected = common::conflicts_by_judge(&session, "chung-khao");
    assert!(expected["gk1"].contains("DA05"), "{expected:?}");
    let dir = tempfile::tempdir().unwrap();
    for (lang, note, same) in [
        (
            Lang::Vi,
            "Xung đột lợi ích — không chấm",
            "(cùng đơn vị với dự án)",
        ),
        (
            Lang::En,
            "Conflict of interest — do not score",
            "(same organization as the project)",
        ),
    ] {
        let pdf = dir.path().join("phieu-cham.pdf");
        std::fs::write(
            &pdf,
            store::pdf::blank_scoresheets(&session, "chung-khao", lang).unwrap(),
        )
        .unwrap();
        let Some(count) = pages(&pdf) else { return };
        let texts: Vec<String> = (1..=count).filter_map(|p| page_text(&pdf, p)).collect();
        if texts.len() < count {
            return;
        }
        for judge in &session.contest.judges {
            let label = format!("{} {} — ", lang.t("Phiếu chấm của", "Scoresheet of"), judge.name);
            let own: Vec<&str> = texts
                .iter()
                .filter(|t| t.contains(&label))
                .flat_map(|t| t.lines())
                .collect();
            let marked: std::collections::BTreeSet<String> = own
                .iter()
                .filter(|l| l.contains(note))
                .map(|l| {
                    l.split_whitespace()
                        .next()
                        .filter(|id| id.starts_with("DA"))
                        .unwrap_or_else(|| panic!("the note is in the project's row: «{l}»"))
                        .to_string()
                })
                .collect();
            assert_eq!(marked, expected[&judge.id], "{}", judge.name);
        }
        let gk1 = format!(
            "{} PGS.TS. Nguyễn Văn Hải — ",
            lang.t("Phiếu chấm của", "Scoresheet of")
        );
        let da05 = texts
            .iter()
            .filter(|t| t.contains(&gk1))
            .flat_map(|t| t.lines())
            .find(|l| l.trim_start().starts_with("DA05"))
            .unwrap();
        assert!(da05.contains(&format!("{note} {same}")), "{da05}");
    }
}
