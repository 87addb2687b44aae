//! Replays the committed fuzz corpus (fuzz/corpus/<target>/) through the same entry points the
//! cargo-fuzz targets call: every input, including those that once crashed, must go through without a
//! panic. The fuzzers themselves run by hand (see docs/bad-input.md).

use std::fs;
use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new("fuzz/corpus").join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panicked", path.display());
        count += 1;
    }
    assert!(count >= 1, "the {target} corpus is empty");
}

#[test]
fn session_corpus() {
    replay("session", giamkhao::fuzz::session);
}

#[test]
fn packet_corpus() {
    replay("packet", giamkhao::fuzz::packet);
}

#[test]
fn scoresheet_corpus() {
    replay("scoresheet", giamkhao::fuzz::scoresheet);
}

#[test]
fn registrations_corpus() {
    replay("registrations", giamkhao::fuzz::registrations);
}

#[test]
fn score_field_corpus() {
    replay("score_field", giamkhao::fuzz::score_field);
}

#[test]
fn spreadsheets_corpus() {
    replay("spreadsheets", giamkhao::fuzz::spreadsheets);
}

#[test]
fn legacy_xls_corpus() {
    replay("legacy_xls", giamkhao::fuzz::legacy_xls);
}
