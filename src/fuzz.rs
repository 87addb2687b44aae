//! Entry points for the fuzz targets (`fuzz/`, cargo-fuzz) and for the test that replays their
//! committed corpus (`tests/fuzz_corpus.rs`). Each takes arbitrary bytes, goes the whole way a
//! person's file would (read, parse, validate, compute, put the error into words) and must return
//! without panicking, whatever the bytes are.

use std::path::Path;
use std::sync::OnceLock;

use crate::model::{Criterion, FileKind, JudgePacket, Points, ScoresheetFile, Session};
use crate::store::files::{parse_kind, text_from_bytes};
use crate::store::import::{Progress, apply_import, guess_mapping, plan_import, table_from_bytes};
use crate::store::validate::{validate_packet, validate_scoresheet_file, validate_session};
use crate::text::{self, Lang};

/// RON or JSON, chosen by the first byte, so one corpus covers both.
fn name_for(data: &[u8], stem: &str) -> (String, Vec<u8>) {
    match data.split_first() {
        Some((b, rest)) if b % 2 == 1 => (format!("{stem}.json"), rest.to_vec()),
        Some((_, rest)) => (format!("{stem}.ron"), rest.to_vec()),
        None => (format!("{stem}.ron"), Vec::new()),
    }
}

/// A session file: parsed, validated, its results computed and, when it fails, the message built.
pub fn session(data: &[u8]) {
    let (name, bytes) = name_for(data, "phien");
    let path = Path::new(&name);
    let loaded =
        text_from_bytes(path, bytes).and_then(|t| parse_kind::<Session>(path, &t, FileKind::Session));
    match loaded {
        Ok(session) => {
            let problems = validate_session(&session);
            for p in &problems {
                let _ = text::problem(p, Lang::Vi);
            }
            if problems.is_empty() {
                let results = crate::scoring::compute(&session);
                for r in &results {
                    let report = crate::store::report::ResultsReport::new(&session, r, Lang::Vi);
                    let _ = report.to_table();
                }
            }
        }
        Err(e) => {
            let _ = text::load_error(&e, Lang::Vi);
            let _ = text::load_error(&e, Lang::En);
        }
    }
}

/// A judge packet, as a judge's laptop opens it.
pub fn packet(data: &[u8]) {
    let (name, bytes) = name_for(data, "goi");
    let path = Path::new(&name);
    match text_from_bytes(path, bytes)
        .and_then(|t| parse_kind::<JudgePacket>(path, &t, FileKind::JudgePacket))
    {
        Ok(packet) => {
            for p in validate_packet(&packet) {
                let _ = text::problem(&p, Lang::Vi);
            }
        }
        Err(e) => {
            let _ = text::load_error(&e, Lang::Vi);
        }
    }
}

/// A handed-in scoresheet: parsed, validated, and checked against the bundled sample session as a
/// merge would.
pub fn scoresheet(data: &[u8]) {
    let (name, bytes) = name_for(data, "phieu");
    let path = Path::new(&name);
    match text_from_bytes(path, bytes)
        .and_then(|t| parse_kind::<ScoresheetFile>(path, &t, FileKind::Scoresheet))
    {
        Ok(file) => {
            let problems = validate_scoresheet_file(&file);
            if problems.is_empty() {
                let mut session = sample().clone();
                for p in crate::store::validate::validate_sheet_against(&session, &file.sheet) {
                    let _ = text::problem(&p, Lang::Vi);
                }
                let mut sheet = file.sheet;
                // Make it belong to the sample so the merge goes past the first check.
                sheet.contest_id = session.contest.id.clone();
                if let Err(e) = crate::store::merge_sheet(
                    &mut session,
                    &sheet,
                    "fuzz",
                    "fuzz",
                    jiff::Timestamp::UNIX_EPOCH,
                ) {
                    let _ = text::merge_error(&e, "fuzz", Lang::Vi);
                }
            }
        }
        Err(e) => {
            let _ = text::load_error(&e, Lang::Vi);
        }
    }
}

/// A registrations file as text (.csv or .txt: UTF-8, UTF-16, any separator; chosen by the first
/// byte), mapped, planned and applied to the bundled sample session.
pub fn registrations(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    import(["csv", "txt"][usize::from(*first) % 2], rest);
}

/// A registrations workbook (.xlsx or .ods, chosen by the first byte), as [`registrations`]. Legacy
/// .xls is left out: calamine's reader for it had defects fuzzing found at once (see
/// docs/bad-input.md); the two found are guarded against and replayed by tests/import.rs.
pub fn spreadsheets(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    import(["xlsx", "ods"][usize::from(*first) % 2], rest);
}

/// A legacy Excel 97–2003 workbook (.xls), as [`registrations`]. calamine's reader for it panics on
/// some malformed files; giamkhao catches a panic inside a spreadsheet reader (the person is told the
/// file is damaged), and the fuzz target lets such a panic reach that catch (see
/// fuzz/fuzz_targets/legacy_xls.rs). What it looks for is what no catch can stop: a panic in
/// giamkhao's own code, an endless loop, runaway memory.
pub fn legacy_xls(data: &[u8]) {
    import("xls", data);
}

fn import(ext: &str, bytes: &[u8]) {
    let path = format!("dang-ky.{ext}");
    match table_from_bytes(Path::new(&path), bytes.to_vec(), &Progress::default()) {
        Ok(table) => {
            let mut session = import_base().clone();
            let plan = plan_import(&session, &table, &guess_mapping(&table.headers));
            for p in &plan.problems {
                let _ = text::row_problem(p, Lang::Vi);
            }
            let _ = text::import_summary(&plan, Lang::Vi);
            apply_import(&mut session, &plan, "fuzz", &path, jiff::Timestamp::UNIX_EPOCH);
        }
        Err(e) => {
            let _ = text::import_error(&e, Lang::Vi);
        }
    }
}

/// What a judge types into a score field, against criteria with different maxima and steps.
pub fn score_field(data: &[u8]) {
    let typed = String::from_utf8_lossy(data);
    for criterion in criteria() {
        if let Ok(Some(value)) = crate::scoring::field::read_score(&typed, criterion) {
            assert!(
                value >= Points::ZERO && value <= criterion.max,
                "{typed:?} accepted as {value:?}"
            );
            let shown = text::points(value, Lang::Vi);
            assert_eq!(
                crate::scoring::field::read_score(&shown, criterion),
                Ok(Some(value)),
                "what is shown reads back"
            );
        }
    }
}

/// The bundled sample session (it is checked by the tests, so it parses).
fn sample() -> &'static Session {
    static SAMPLE: OnceLock<Session> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let path = Path::new("hai-phong-2023.ron");
        let text = include_str!("../assets/samples/hai-phong-2023.ron");
        parse_kind(path, text, FileKind::Session).expect("the bundled sample parses")
    })
}

/// The sample's contest and submissions without sheets, results or log: all an import reads, and
/// quick to copy for every run.
fn import_base() -> &'static Session {
    static BASE: OnceLock<Session> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut base = sample().clone();
        base.scoresheets.clear();
        base.results.clear();
        base.audit.clear();
        base
    })
}

fn criteria() -> &'static [Criterion] {
    static CRITERIA: OnceLock<Vec<Criterion>> = OnceLock::new();
    CRITERIA.get_or_init(|| {
        let base = sample().contest.rounds[0].criteria[0].clone();
        let mut list = vec![base.clone()];
        for (max, step) in [("10", "0.25"), ("100", "1"), ("5", "0.5"), ("20", "0")] {
            let mut c = base.clone();
            c.max = Points::parse(max).unwrap_or(Points::ZERO);
            c.step = Points::parse(step).unwrap_or(Points::ZERO);
            list.push(c);
        }
        list
    })
}
