//! The contest folder (issue 13) on a generated contest of 200 judges × 1,000 submissions × 6
//! criteria, 5 judges each: each judge's laptop has written 5, 50 or 500 signed revisions (1,000,
//! 10,000 and 100,000 files). Measured:
//! - `rescan_nothing_new`: the walk the organizer's app makes every 3 s, when nothing changed;
//! - `rescan_all_again`: a walk that reads and checks every file again (the app restarted), into a
//!   session that has them all already;
//! - `new_sheet_to_results`: one new revision written, then the walk that merges it and the results
//!   recomputed — what stands between a judge's score and the organizer's Results screen.
//!
//! Run by hand: `cargo bench --bench folder`. Targets: a full rescan of 200 × 50 ≤ 1 s; a new sheet
//! merged and on Results within 1 s.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use giamkhao::edit::{self, Doc, Edit};
use giamkhao::generate::{GenerateOptions, generate};
use giamkhao::model::{FolderLink, JudgePacket, Points, Session};
use giamkhao::store::folder::{self, Follow};
use giamkhao::store::{self, signing};

const OPTIONS: GenerateOptions = GenerateOptions {
    submissions: 1_000,
    judges: 200,
    per_submission: 5,
    criteria: 6,
    seed: 13,
};
const BY: &str = "Nguyễn Thị Lan";

fn main() {
    divan::main();
}

/// A judge's laptop: packet, key, and the packet without its log (swapped in while an edit runs).
struct Laptop {
    packet: JudgePacket,
    blank: JudgePacket,
    key: ed25519_dalek::SigningKey,
}

impl Laptop {
    /// Types the next score (always a change) and writes the revision.
    fn type_next(&mut self, i: usize) {
        let entry = &self.packet.submissions[i % self.packet.submissions.len()].id;
        let criterion = format!("tc{}", (i / self.packet.submissions.len()) % OPTIONS.criteria + 1);
        let now = self
            .packet
            .sheet
            .entry(entry)
            .and_then(|e| e.scores.get(criterion.as_str()))
            .map(|p| p.to_string());
        let value = if now.as_deref() == Some("7") { "8" } else { "7" };
        let edit = Edit::Score {
            round: self.packet.round.clone(),
            judge: self.packet.judge.clone(),
            submission: entry.clone(),
            criterion,
            value: Some(Points::parse(value).expect("points")),
        };
        let mut doc = Doc::Packet(std::mem::replace(&mut self.packet, self.blank.clone()));
        edit::apply(&mut doc, edit, "Giám khảo", "app", jiff::Timestamp::now()).expect("edit");
        let Doc::Packet(p) = doc else { unreachable!() };
        self.packet = p;
        folder::publish(&mut self.packet, Some(&self.key)).expect("publish");
    }
}

/// The folder with `per_judge` revisions of every judge, the session with their keys bound and
/// every file merged, the follower that merged them, and the laptops: made once per size.
struct Day {
    folder: PathBuf,
    session: Session,
    follow: Follow,
    laptops: Vec<Laptop>,
    typed: usize,
}

/// The days made so far, by revisions per judge.
type Days = Mutex<Vec<(usize, &'static Mutex<Day>)>>;

fn day(per_judge: usize) -> &'static Mutex<Day> {
    static DAYS: OnceLock<Days> = OnceLock::new();
    let days = DAYS.get_or_init(|| Mutex::new(Vec::new()));
    let mut days = days.lock().expect("days");
    if let Some((_, d)) = days.iter().find(|(n, _)| *n == per_judge) {
        return d;
    }
    let folder = std::env::temp_dir().join(format!(
        "giamkhao-folder-bench-{}-{per_judge}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("bench folder");
    let mut session = generate(OPTIONS);
    let mut laptops = Vec::new();
    for (i, judge) in session.contest.judges.clone().iter().enumerate() {
        let mut packet = store::make_packet(&session, &judge.id, None).expect("packet");
        packet.folder = Some(FolderLink {
            path: folder.to_string_lossy().into_owned(),
            revision: None,
            log_written: 0,
        });
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        let print = signing::fingerprint(key.verifying_key().as_bytes());
        let bind = edit::bind_key(&session.contest, &judge.id, &print).expect("bind");
        let mut doc = Doc::Session(session);
        edit::apply(&mut doc, bind, BY, "bench", jiff::Timestamp::now()).expect("bind");
        let Doc::Session(s) = doc else { unreachable!() };
        session = s;
        laptops.push(Laptop {
            blank: packet.clone(),
            packet,
            key,
        });
    }
    for laptop in &mut laptops {
        for i in 0..per_judge {
            laptop.type_next(i);
        }
    }
    let mut follow = Follow::new(folder.clone());
    let step = follow.step(&mut session, BY, jiff::Timestamp::now());
    assert!(step.merged());
    let day: &'static Mutex<Day> = Box::leak(Box::new(Mutex::new(Day {
        folder,
        session,
        follow,
        laptops,
        typed: per_judge,
    })));
    days.push((per_judge, day));
    day
}

/// The walk made every 3 s when nothing changed.
#[divan::bench(sample_count = 10, args = [5, 50, 500])]
fn rescan_nothing_new(bencher: divan::Bencher, per_judge: usize) {
    let day = day(per_judge);
    let mut day = day.lock().expect("day");
    let Day { session, follow, .. } = &mut *day;
    bencher.bench_local(|| {
        let step = follow.step(session, BY, jiff::Timestamp::now());
        assert!(step.changes.is_empty());
    });
}

/// Every file read and checked again (the organizer's app restarted), nothing new in them.
#[divan::bench(sample_count = 3, args = [5, 50, 500])]
fn rescan_all_again(bencher: divan::Bencher, per_judge: usize) {
    let day = day(per_judge);
    let day = day.lock().expect("day");
    bencher
        .with_inputs(|| (day.session.clone(), Follow::new(day.folder.clone())))
        .bench_local_values(|(mut session, mut follow)| {
            let step = follow.step(&mut session, BY, jiff::Timestamp::now());
            assert!(!step.merged());
            step.changes.len()
        });
}

/// A judge types a score: the new revision is written; the organizer's walk merges it and the
/// results are recomputed.
#[divan::bench(sample_count = 10, args = [5, 50, 500])]
fn new_sheet_to_results(bencher: divan::Bencher, per_judge: usize) {
    let day = day(per_judge);
    let mut day = day.lock().expect("day");
    let day = &mut *day;
    bencher
        .with_inputs(|| {
            day.typed += 1;
            day.laptops[day.typed % 200].type_next(day.typed);
        })
        .bench_local_values(|()| {
            let step = day.follow.step(&mut day.session, BY, jiff::Timestamp::now());
            assert!(step.merged());
            giamkhao::scoring::compute(&day.session).len()
        });
}
