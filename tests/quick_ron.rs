//! The fast RON reader (`store::quick_ron`) gives exactly what the `ron` crate gives, or gives up and
//! lets `ron` read (and word the error): on every kind of file giamkhao writes, on the strings people
//! type, on the committed fuzz corpus and on thousands of damaged copies of the sample.

mod common;

use std::fmt::Debug;
use std::path::Path;

use giamkhao::model::*;
use giamkhao::store::files::{Format, LoadError, parse_kind, text_from_bytes, to_text};
use giamkhao::store::numbers::first_inexact;
use giamkhao::store::quick_ron;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use serde::de::DeserializeOwned;

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

fn sample() -> Session {
    giamkhao::store::load_session(Path::new(SAMPLE)).expect("sample loads")
}

/// What the slow path makes of `text`: the number check, then `ron`.
fn slow<T: DeserializeOwned>(text: &str) -> Option<T> {
    if first_inexact(text).is_some() {
        return None;
    }
    ron::Options::default().from_str(text).ok()
}

/// The fast reader accepts `text` only with the value the slow path gives.
fn agrees<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> bool {
    match quick_ron::from_str::<T>(text) {
        Some(fast) => {
            assert_eq!(
                Some(&fast),
                slow::<T>(text).as_ref(),
                "the fast reader differs on:\n{text}"
            );
            true
        }
        None => false,
    }
}

/// Written by giamkhao, read back by the fast reader (not given up), the same value.
fn round_trip<T: serde::Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let text = to_text(value, Format::Ron).expect("serialize");
    assert!(
        agrees::<T>(&text),
        "the fast reader gave up on what giamkhao wrote:\n{text}"
    );
    assert_eq!(&quick_ron::from_str::<T>(&text).expect("read"), value);
}

/// The sample with everything a session can hold: decisions, audit entries with quotes, line ends
/// and tabs, a paper sheet being typed, receipts, a seal with the results it rests on.
fn everything() -> Session {
    let mut s = sample();
    let at: jiff::Timestamp = "2023-11-24T03:30:00Z".parse().expect("timestamp");
    s.audit.push(AuditEntry::new(
        at,
        "Nguyễn Thị \"Thư\" Ký",
        AuditKind::Score,
        "gk1/DA01/tc1".into(),
        Some("7.5".into()),
        None,
        "dòng một\ndòng hai\tcột\\ và 'nháy' — ✓ \u{7}",
    ));
    s.decisions.push(common::decision(
        "chung-khao",
        TieTarget::Tier("nhat".into()),
        &["DA01", "DA02"],
        Resolution::Order(vec!["DA02".into(), "DA01".into()]),
    ));
    let first = PaperEntry {
        typists: vec!["Trần Văn Nhập".into()],
        scores: [(
            "DA01".to_string(),
            [("tc1".to_string(), Points::from_hundredths(725))].into(),
        )]
        .into(),
        finished: true,
    };
    s.paper.push(PaperSheet {
        round: "chung-khao".into(),
        judge: "gk1".into(),
        first: first.clone(),
        second: PaperEntry::default(),
    });
    s
}

#[test]
fn everything_giamkhao_writes_is_read_fast_and_the_same() {
    let s = everything();
    round_trip(&s);
    let mut sealed = sample();
    giamkhao::store::seal::seal(&mut sealed, "Lê Văn Chủ Tịch", jiff::Timestamp::now()).expect("seal");
    assert!(!sealed.results.is_empty());
    round_trip(&sealed);
    let generated = giamkhao::generate::generate(giamkhao::generate::GenerateOptions {
        submissions: 300,
        judges: 20,
        per_submission: 5,
        criteria: 8,
        seed: 7,
    });
    round_trip(&generated);
    for judge in &s.contest.judges {
        let packet = giamkhao::store::make_packet(&s, &judge.id, None).expect("packet");
        round_trip(&packet);
        round_trip(&ScoresheetFile::new(packet.sheet.clone()));
    }
}

#[test]
fn what_giamkhao_does_not_write_is_left_to_ron_and_read_the_same() {
    let text = to_text(&sample(), Format::Ron).expect("serialize");
    let variants = [
        // A comment a person added, a struct name, an extension, a raw string, other number forms.
        text.replacen("(\n", "( // hội đồng chấm\n", 1),
        text.replacen("(\n", "Session(\n", 1),
        format!("#![enable(implicit_some)]\n{text}"),
        text.replacen("\"Tìm kiếm", "r\"Tìm kiếm", 1),
        text.replacen("version: 1", "version: 0x1", 1),
        text.replacen("version: 1", "version: 1_0", 1),
        text.replacen("version: 1", "version: +1", 1),
    ];
    for variant in &variants {
        assert!(variant != &text, "the change applies");
        assert!(
            quick_ron::from_str::<Session>(variant).is_none(),
            "left to ron: {}",
            &variant[..80]
        );
    }
    // The comment and the struct name are still read, through ron.
    for variant in &variants[..2] {
        let read: Session = parse_kind(Path::new("a.ron"), variant, FileKind::Session).expect("ron reads it");
        assert_eq!(read, sample());
    }
}

#[test]
fn an_inexact_number_is_left_to_the_slow_path_which_says_where() {
    let text = to_text(&sample(), Format::Ron).expect("serialize");
    let first = text
        .find(": 7.5")
        .or_else(|| text.find(".5,"))
        .expect("a decimal score");
    let at = text[first..].find('5').expect("digit") + first;
    let broken = format!("{}49999{}", &text[..at], &text[at + 1..]);
    assert!(quick_ron::from_str::<Session>(&broken).is_none());
    match parse_kind::<Session>(Path::new("a.ron"), &broken, FileKind::Session) {
        Err(LoadError::Syntax { line, message, .. }) => {
            assert_eq!(line, text[..at].lines().count());
            assert!(message.contains("49999"), "{message}");
        }
        other => panic!("expected the number refused, got {other:?}"),
    }
}

/// Thousands of damaged copies of the sample: a byte changed, removed or doubled, a stretch cut out.
/// Whenever the fast reader accepts one, the slow path gives the same session.
#[test]
fn damaged_copies_are_read_the_same_or_left_to_ron() {
    let text = to_text(&sample(), Format::Ron).expect("serialize");
    let bytes = text.as_bytes();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2023);
    let alphabet = b"()[]{},:\"\\.-0123456789 \nSomeNonetruefalse_#/'r";
    let (mut accepted, mut tried) = (0, 0);
    for _ in 0..3000 {
        let mut copy = bytes.to_vec();
        let at = rng.random_range(0..copy.len());
        match rng.random_range(0..4) {
            0 => copy[at] = alphabet[rng.random_range(0..alphabet.len())],
            1 => {
                copy.remove(at);
            }
            2 => copy.insert(at, copy[at]),
            _ => {
                let end = (at + rng.random_range(1..40)).min(copy.len());
                copy.drain(at..end);
            }
        }
        let Ok(damaged) = String::from_utf8(copy) else {
            continue;
        };
        tried += 1;
        if agrees::<Session>(&damaged) {
            accepted += 1;
        }
    }
    assert!(tried > 2000, "{tried}");
    // Some damage leaves a file that still reads (a digit changed), and those were compared.
    assert!(accepted > 50, "{accepted} of {tried}");
}

/// The committed fuzz corpus, as the fuzz targets read it (odd first byte: JSON, skipped here).
#[test]
fn the_fuzz_corpus_is_read_the_same_or_left_to_ron() {
    fn each(target: &str, check: fn(&str) -> bool) -> (usize, usize) {
        let (mut read, mut seen) = (0, 0);
        let dir = Path::new("fuzz/corpus").join(target);
        for entry in std::fs::read_dir(&dir).expect("corpus") {
            let data = std::fs::read(entry.expect("entry").path()).expect("read");
            let Some((first, rest)) = data.split_first() else {
                continue;
            };
            if first % 2 == 1 {
                continue;
            }
            let Ok(text) = text_from_bytes(Path::new("x.ron"), rest.to_vec()) else {
                continue;
            };
            seen += 1;
            if check(&text) {
                read += 1;
            }
        }
        (read, seen)
    }
    let sessions = each("session", agrees::<Session>);
    let packets = each("packet", agrees::<JudgePacket>);
    let sheets = each("scoresheet", agrees::<ScoresheetFile>);
    assert!(
        sessions.1 + packets.1 + sheets.1 > 20,
        "{sessions:?} {packets:?} {sheets:?}"
    );
}

proptest! {
    /// Any text a person types (names, comments, reasons) comes back exactly.
    #[test]
    fn any_text_comes_back(comment in "\\PC*", control in "[\\x00-\\x1f\\x7f\"'\\\\]{0,8}") {
        let mut s = sample();
        s.scoresheets[0].entries[0].comment = format!("{comment}{control}");
        s.contest.name = control.clone();
        let text = to_text(&s, Format::Ron).expect("serialize");
        prop_assert!(agrees::<Session>(&text));
        prop_assert_eq!(quick_ron::from_str::<Session>(&text), Some(s));
    }
}
