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
    // Every page says which giamkhao made it.
    let made_with = format!("Trang 1/2 — giamkhao {}", env!("CARGO_PKG_VERSION"));
    assert!(
        first.contains(&made_with),
        "missing «{made_with}» on page 1:\n{first}"
    );
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
                    .find_map(|l| l.split_once(&label))
                    // "1/3 — giamkhao 0.1.0": the page number, then which giamkhao made it.
                    .map(|(_, n)| n.split(" — ").next().unwrap_or_default().trim().to_string())
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

/// A word pdftotext found on a page, with its box in points from the top left.
struct Word {
    page: usize,
    text: String,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

/// Every word of every page with its box (`pdftotext -bbox`), or None without pdftotext outside CI.
fn words(pdf: &Path) -> Option<Vec<Word>> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output();
    let html = match out {
        Ok(o) if o.status.success() => String::from_utf8(o.stdout).expect("utf-8"),
        _ => {
            page_text(pdf, 1)?;
            return None;
        }
    };
    let attribute = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        let end = start + tag[start..].find('"').expect("quote");
        tag[start..end].parse().expect("a number")
    };
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').expect("a word tag");
            words.push(Word {
                page,
                text: text
                    .trim_end_matches("</word>")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"),
                x_min: attribute(tag, "xMin"),
                y_min: attribute(tag, "yMin"),
                x_max: attribute(tag, "xMax"),
                y_max: attribute(tag, "yMax"),
            });
        }
    }
    Some(words)
}

/// The three PDFs of a session's last round, in `lang`, written into `dir`.
fn three_pdfs(session: &giamkhao::model::Session, lang: Lang, dir: &Path) -> Vec<std::path::PathBuf> {
    let result = giamkhao::scoring::compute(session).pop().unwrap();
    [
        ("bien-ban.pdf", store::pdf::results_report(session, &result, lang)),
        ("dat-giai.pdf", store::pdf::award_list(session, &result, lang)),
        (
            "phieu-cham.pdf",
            store::pdf::blank_scoresheets(session, &result.round, lang),
        ),
    ]
    .into_iter()
    .map(|(name, bytes)| {
        let path = dir.join(name);
        std::fs::write(&path, bytes.unwrap()).unwrap();
        path
    })
    .collect()
}

/// The sample, sealed, with DA07 (first, awarded, on every judge's sheet) given `title`. A title over
/// its cap (500 characters) cannot be loaded or sealed, but the PDF draws whatever it is given and
/// must stay on its page and linear in time: the seal is made over the long title directly.
fn sealed_with_title(title: &str) -> (giamkhao::model::Session, String) {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    store::seal::seal(&mut session, "Nguyễn Thị Lan", jiff::Timestamp::UNIX_EPOCH).unwrap();
    session
        .submissions
        .iter_mut()
        .find(|s| s.id == "DA07")
        .unwrap()
        .title = title.into();
    let seal = session.seal.clone().unwrap();
    let digest = store::seal::session_digest(&session, seal.audit_len, &seal.by, seal.at);
    session.seal.as_mut().unwrap().digest = digest.clone();
    session.audit[seal.audit_len].new = Some(digest.clone());
    assert!(!store::seal::seal_state(&session).is_broken());
    (session, digest)
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 42.0;
/// Where the text of a page ends (the footer with the page number and the seal is below).
const BOTTOM: f32 = PAGE_H - 56.0;

#[test]
fn a_very_long_title_stays_in_its_column_and_off_the_footer_with_the_seal() {
    // "Lẵng" is nowhere else in the sample: every word with "ẵ" is a piece of the title.
    for (case, title) in [
        ("2,000 characters with spaces", "Lẵng ".repeat(400)),
        ("2,000 characters without a space", "Lẵng".repeat(500)),
        ("20,000 characters", "Lẵng ".repeat(4_000)),
    ] {
        let (session, digest) = sealed_with_title(&title);
        for lang in [Lang::Vi, Lang::En] {
            let dir = tempfile::tempdir().unwrap();
            for pdf in three_pdfs(&session, lang, dir.path()) {
                let name = pdf.file_name().unwrap().to_string_lossy().to_string();
                let Some(words) = words(&pdf) else { return };
                let of_title: Vec<&Word> = words.iter().filter(|w| w.text.contains('ẵ')).collect();
                assert!(!of_title.is_empty(), "{case}, {name}: the title is missing");
                for w in &of_title {
                    // Inside the page's text area, and no wider than a title's column.
                    assert!(
                        w.y_max <= BOTTOM + 3.0 && w.y_min >= 30.0,
                        "{case}, {lang:?}, {name}: «{}» on page {} at y {}–{}, over the footer",
                        w.text,
                        w.page,
                        w.y_min,
                        w.y_max
                    );
                    assert!(
                        w.x_min >= MARGIN && w.x_max <= PAGE_W - MARGIN && w.x_max - w.x_min <= 172.0,
                        "{case}, {lang:?}, {name}: «{}» at x {}–{}, out of its column",
                        w.text,
                        w.x_min,
                        w.x_max
                    );
                }
                // The footer of every page is readable: its words are the page number's and the
                // seal's, the digest whole.
                let pages = pages(&pdf).unwrap();
                for page in 1..=pages {
                    let footer: Vec<&str> = words
                        .iter()
                        .filter(|w| w.page == page && w.y_max > BOTTOM + 3.0)
                        .map(|w| w.text.as_str())
                        .collect();
                    let seal = format!("{} SHA-256:", lang.t("Niêm phong", "Sealed"));
                    let before = seal.split(' ').count();
                    let at = footer.iter().position(|w| *w == digest);
                    assert!(
                        at.is_some_and(|i| i >= before && footer[i - before..i].join(" ") == seal),
                        "{case}, {lang:?}, {name} page {page}: the seal is not readable: {footer:?}"
                    );
                }
            }
        }
    }
}

/// A PDF's text: what pdftotext reads of every page.
fn all_text(pdf: &Path) -> Option<String> {
    let count = pages(pdf)?;
    (1..=count).map(|p| page_text(pdf, p)).collect()
}

#[test]
fn letters_no_embedded_font_has_print_as_a_placeholder_and_controls_not_at_all() {
    // ☀ and ✓ are in the symbols font the app also uses; Arabic, Hebrew and emoji are in none.
    let title = "Ứng dụng 🚀 khởi nghiệp ☀ ✓ — مرحبا بالعالم — שלום עולם 👨‍👩‍👧 \u{1b}[31mđỏ\u{202e}ngược\u{7}";
    let (mut session, _) = sealed_with_title(title);
    session.contest.judges[0].name = "PGS.TS. Nguyễn Văn Hải 🎓".into();
    let fonts: Vec<ttf_parser::Face> = [
        include_bytes!("../assets/fonts/NotoSans-Regular.ttf").as_slice(),
        include_bytes!("../assets/fonts/NotoSans-Bold.ttf").as_slice(),
        include_bytes!("../assets/fonts/DejaVuSans-Symbols.ttf").as_slice(),
    ]
    .into_iter()
    .map(|d| ttf_parser::Face::parse(d, 0).unwrap())
    .collect();
    for lang in [Lang::Vi, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        for pdf in three_pdfs(&session, lang, dir.path()) {
            let name = pdf.file_name().unwrap().to_string_lossy().to_string();
            let Some(text) = all_text(&pdf) else { return };
            let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            // What can be shown is; what cannot is one visible placeholder for each run of it:
            // 🚀, two Arabic words, two Hebrew ones, the family emoji (three people joined), ESC,
            // U+202E and BEL.
            for shown in ["Ứng dụng � khởi nghiệp ☀ ✓ —", "�[31mđỏ�ngược�"] {
                assert!(
                    words.contains(shown),
                    "{lang:?}, {name}: no «{shown}» in\n{words}"
                );
            }
            // The judge's name, in the council's list and on their scoresheet.
            assert!(
                name == "dat-giai.pdf" || words.contains("Nguyễn Văn Hải �"),
                "{words}"
            );
            assert!(
                words.contains("— � � —") && words.matches('�').count() >= 9,
                "{words}"
            );
            // Every letter printed has a glyph in a font the PDF embeds: no empty box (tofu), no
            // control character.
            let missing: std::collections::BTreeSet<char> = text
                .chars()
                .filter(|&c| !c.is_whitespace())
                .filter(|&c| c.is_control() || fonts.iter().all(|f| f.glyph_index(c).is_none()))
                .collect();
            assert!(missing.is_empty(), "{lang:?}, {name}: printed {missing:?}");
        }
    }
}

#[test]
fn a_title_of_a_million_characters_is_laid_out_in_linear_time() {
    // One word of a million characters (the worst case for wrapping), and a contest name of
    // 10,000 (at the head of every document and at the foot of every page): the three PDFs are
    // made within a minute in a debug build. Laying text out in time that grows with the square of
    // its length took hours.
    let (mut session, _) = sealed_with_title(&"Lẵng".repeat(250_000));
    session.contest.name = "Cuộc thi ".repeat(1_112);
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        let result = giamkhao::scoring::compute(&session).pop().unwrap();
        for bytes in [
            store::pdf::results_report(&session, &result, Lang::Vi),
            store::pdf::award_list(&session, &result, Lang::Vi),
            store::pdf::blank_scoresheets(&session, &result.round, Lang::Vi),
        ] {
            assert!(bytes.unwrap().starts_with(b"%PDF"));
        }
        let _ = done.send(started.elapsed());
    });
    let took = finished
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the three PDFs were not made within a minute");
    eprintln!("three PDFs with a title of 1,000,000 characters: {took:?}");
}

/// The report the council signs lists each judge's signing key, and the secretariat's key for a
/// paper sheet typed twice (issue 13); a contest where nothing is signed says nothing of keys.
#[test]
fn the_report_lists_each_judges_signing_key() {
    use giamkhao::model::ScoresheetFile;
    use giamkhao::store::signing;

    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("khong-ky.pdf");
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    std::fs::write(
        &plain,
        store::pdf::results_report(&session, &result, Lang::Vi).unwrap(),
    )
    .unwrap();

    let mut session = session;
    // gk6's laptop key bound; a signed sheet of gk5's merged before any key was bound.
    let gk6 = ed25519_dalek::SigningKey::from_bytes(&[6u8; 32]);
    let gk5 = ed25519_dalek::SigningKey::from_bytes(&[5u8; 32]);
    let print = |k: &ed25519_dalek::SigningKey| signing::fingerprint(k.verifying_key().as_bytes());
    session
        .contest
        .judges
        .iter_mut()
        .find(|j| j.id == "gk6")
        .unwrap()
        .key = Some(print(&gk6));
    let mut sheet = session.sheet("chung-khao", "gk5").unwrap().clone();
    sheet.entries[0].comment = "Đã xem lại".into();
    sheet.entries[0].revision += 1;
    let mut file = ScoresheetFile::new(sheet);
    signing::sign(&mut file, &gk5);
    let handed_in = store::files::HandedIn {
        sheet: file.sheet.clone(),
        audit: file.audit.clone(),
        signature: file.signature.clone(),
    };
    let at = "2026-12-01T09:00:00Z".parse().unwrap();
    store::merge::merge_handed_in(&mut session, &handed_in, "Trần Thư Ký", "gk5.gkphieu", at).unwrap();
    // gk3's paper sheet, typed twice and confirmed on the secretariat's laptop.
    let secretariat = ed25519_dalek::SigningKey::from_bytes(&[30u8; 32]);
    let mut paper = giamkhao::model::PaperSheet {
        round: "chung-khao".into(),
        judge: "gk3".into(),
        ..Default::default()
    };
    let scores: std::collections::BTreeMap<String, giamkhao::model::Points> = session
        .sheet("chung-khao", "gk3")
        .unwrap()
        .entry("DA01")
        .unwrap()
        .scores
        .iter()
        .map(|(c, p)| (c.to_string(), *p))
        .collect();
    for pass in [giamkhao::model::Pass::First, giamkhao::model::Pass::Second] {
        let entry = paper.entry_mut(pass);
        entry.scores.insert("DA01".into(), scores.clone());
        entry.finished = true;
    }
    session.paper = vec![paper];
    store::paper::confirm(
        &mut session,
        "chung-khao",
        "gk3",
        &["DA01".to_string()],
        "Trần Thư Ký",
        at,
        Some(&secretariat),
    )
    .unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let pdf = dir.path().join("co-ky.pdf");
    std::fs::write(
        &pdf,
        store::pdf::results_report(&session, &result, Lang::Vi).unwrap(),
    )
    .unwrap();
    let (Some(text), Some(before)) = (all_text(&pdf), all_text(&plain)) else {
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        format!(
            "TS. Đỗ Thị Lan Anh — Hội Doanh nhân trẻ Hải Phòng · khóa ký phiếu {}",
            print(&gk6)
        ),
        format!("khóa ký phiếu {}", print(&gk5)),
        format!("ký bằng khóa ban thư ký {}", print(&secretariat)),
        "PGS.TS. Nguyễn Văn Hải — Trường Đại học Hàng hải Việt Nam · khóa ký phiếu chưa có".to_string(),
    ] {
        assert!(flat.contains(&expected), "«{expected}» not in:\n{text}");
    }
    assert!(!before.contains("khóa ký phiếu"), "{before}");
}

#[test]
fn the_report_can_carry_the_analysis_as_an_appendix_after_the_signatures() {
    let session = store::load_session(Path::new(SAMPLE)).unwrap();
    let result = giamkhao::scoring::compute(&session).pop().unwrap();
    let index = session.contest.rounds.len() - 1;
    let analysis = giamkhao::analysis::analyze(&session, index, Default::default());
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let plain = dir.path().join("plain.pdf");
        let with = dir.path().join("with.pdf");
        std::fs::write(
            &plain,
            store::pdf::results_report(&session, &result, lang).unwrap(),
        )
        .unwrap();
        std::fs::write(
            &with,
            store::pdf::results_report_with(&session, &result, Some(&analysis), lang).unwrap(),
        )
        .unwrap();
        let (Some(before), Some(after)) = (pages(&plain), pages(&with)) else {
            return;
        };
        assert!(
            after > before,
            "{lang:?}: {after} pages with the appendix, {before} without"
        );
        // The appendix starts on the page after the report's last.
        let Some(first) = page_text(&with, before + 1) else {
            return;
        };
        let (title, advisory) = match lang {
            Lang::Vi => (
                "PHỤ LỤC: PHÂN TÍCH HỘI ĐỒNG CHẤM",
                "Tham khảo — không thay đổi kết quả chính thức.",
            ),
            Lang::En => (
                "APPENDIX: ANALYSIS OF THE JUDGING PANEL",
                "Advisory — it does not change the official results.",
            ),
        };
        assert!(first.contains(title), "{first}");
        assert!(first.contains(advisory), "{first}");
        assert!(first.contains("ICC(3,k)"), "{first}");
        let all: String = (before + 1..=after).filter_map(|p| page_text(&with, p)).collect();
        for n in 1..=5 {
            assert!(
                all.contains(giamkhao::text::analysis::section(n, lang)),
                "section {n} in {all}"
            );
        }
        // Every page of the appendix says at its foot that it is advisory (a page taken alone must
        // not read as a result), numbered among the appendix's own pages.
        let own = after - before;
        for (k, page) in (before + 1..=after).enumerate() {
            let text = page_text(&with, page).unwrap();
            assert!(text.contains(advisory), "page {page}: {text}");
            assert!(text.contains(&format!("{}/{own}", k + 1)), "page {page}: {text}");
        }
    }
}
