//! What the app holds: the open document (a session or a judge packet), where it came from, the
//! results computed for it, and the view settings (language, theme, role, screen).

use std::path::PathBuf;

use crate::model::{RoundResult, Scoresheet, Session, Submission};
use crate::text::Lang;

/// The bundled sample session, built into the program so it opens anywhere.
pub const SAMPLE_NAME: &str = "hai-phong-2023.ron";
pub const SAMPLE_RON: &str = include_str!("../../assets/samples/hai-phong-2023.ron");

/// The bundled sample session.
pub fn sample() -> Result<Session, crate::store::LoadError> {
    crate::store::files::parse_kind(
        std::path::Path::new(SAMPLE_NAME),
        SAMPLE_RON,
        crate::model::FileKind::Session,
    )
}

/// A new contest named `name` on the Hải Phòng template: the sample's rounds with their criteria and
/// rubric, award tiers, rules and categories — and nothing of its own story: no judges, organizer,
/// place, date, submissions, scores, decisions or log.
pub fn template(name: &str) -> Result<Session, crate::store::LoadError> {
    let sample = sample()?;
    let mut contest = sample.contest;
    contest.id = crate::model::new_contest_id();
    contest.name = name.to_string();
    contest.organizer.clear();
    contest.place.clear();
    contest.date = None;
    contest.judges.clear();
    contest.conflicts.clear();
    for round in &mut contest.rounds {
        round.judges.clear();
        round.assignments.clear();
    }
    Ok(Session::new(contest))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Screen {
    Contest,
    Submissions,
    Scoring,
    Progress,
    Results,
    /// Judge and award analytics, advisory.
    Analysis,
    Audit,
    /// The double entry of paper scoresheets.
    Paper,
}

/// Who is using the open document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Full edit of a session.
    Organizer,
    /// A judge packet: only that judge's own scoring.
    Judge,
    /// A session opened for audit: everything visible, nothing editable.
    Auditor,
}

pub use crate::edit::Doc;

/// Where the document came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// A file on disk, saved back to it.
    File(PathBuf),
    /// The bundled sample: never written over; saving asks where to put a copy.
    Sample,
    /// Made in the app and not saved yet.
    New,
}

/// A number no other document or generation of this run has had: documents and their versions are
/// told apart by it, so a view made for one can never be taken for another's.
pub fn fresh_stamp() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub struct Document {
    /// This document's identity for the run: views belong to it and are dropped when another opens.
    pub id: u64,
    pub doc: Doc,
    pub origin: Origin,
    /// The file as it was opened or last saved here: saving over it is refused when someone else
    /// changed it since (None: not from a file, or not known).
    pub on_disk: Option<crate::store::atomic::Stamp>,
    pub read_only: bool,
    pub dirty: bool,
    /// Inverse actions, newest last.
    pub undo: Vec<super::actions::Edit>,
    pub redo: Vec<super::actions::Edit>,
    /// Results of every round, recomputed after each change (sessions only).
    pub results: Vec<RoundResult>,
    /// New at every change (unique across documents), so views can tell when what they cached is
    /// stale.
    pub generation: u64,
    /// The session's seal, checked against its content (kept up to date by `recompute`).
    pub seal: crate::store::seal::SealState,
    /// The first audit entry that breaks the log's hash chain as the file was opened: the log was
    /// changed outside giamkhao.
    pub log_break: Option<usize>,
    /// Names the recovery file of a document with no file of its own yet (a new contest, the sample
    /// changed), unique across windows.
    pub unsaved_token: String,
    /// Each submission's position by id, made once per change (`recompute`), so that naming a
    /// submission on screen never builds an index of the whole contest in a frame.
    pub positions: std::collections::HashMap<String, usize>,
}

impl Document {
    pub fn new(doc: Doc, origin: Origin, read_only: bool) -> Self {
        let mut d = Document {
            id: fresh_stamp(),
            doc,
            origin,
            on_disk: None,
            read_only,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            results: Vec::new(),
            generation: 0,
            seal: crate::store::seal::SealState::Unsealed,
            log_break: None,
            unsaved_token: uuid::Uuid::new_v4().simple().to_string(),
            positions: std::collections::HashMap::new(),
        };
        if let Doc::Session(s) = &d.doc {
            d.log_break = crate::store::audit::chain_break(&s.audit);
        }
        d.recompute();
        d
    }

    pub fn recompute(&mut self) {
        self.generation = fresh_stamp();
        self.results = match &self.doc {
            Doc::Session(s) => crate::scoring::compute(s),
            Doc::Packet(_) => Vec::new(),
        };
        self.seal = match &self.doc {
            Doc::Session(s) => crate::store::seal::seal_state(s),
            Doc::Packet(_) => crate::store::seal::SealState::Unsealed,
        };
        self.positions = self
            .doc
            .session()
            .map(Session::submission_positions)
            .unwrap_or_default();
    }

    /// Names for what is drawn every frame: submissions are found through the positions kept here.
    pub fn names(&self) -> Option<crate::text::Names<'_>> {
        self.session()
            .map(|s| crate::text::Names::of_indexed(s, &self.positions))
    }

    pub fn role(&self) -> Role {
        match (&self.doc, self.read_only) {
            (Doc::Packet(_), _) => Role::Judge,
            (Doc::Session(_), true) => Role::Auditor,
            (Doc::Session(_), false) => Role::Organizer,
        }
    }

    /// The seal of a finalized session.
    pub fn sealed(&self) -> Option<&crate::model::Seal> {
        self.doc.sealed()
    }

    /// Whether the organizer may change the session: not opened for audit, not sealed.
    pub fn editable(&self) -> bool {
        self.role() == Role::Organizer && self.sealed().is_none()
    }

    pub fn session(&self) -> Option<&Session> {
        self.doc.session()
    }

    pub fn contest(&self) -> &crate::model::Contest {
        self.doc.contest()
    }

    pub fn submissions(&self) -> &[Submission] {
        self.doc.submissions()
    }

    /// The sheet of a judge in a round, if the document has it.
    pub fn sheet(&self, round: &str, judge: &str) -> Option<&Scoresheet> {
        self.doc.sheet(round, judge)
    }

    /// The file name shown in the title bar.
    pub fn name(&self) -> String {
        match &self.origin {
            Origin::File(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            Origin::Sample => SAMPLE_NAME.to_string(),
            Origin::New => String::new(),
        }
    }
}

/// View settings, remembered between runs (a setting missing from an older version takes its default).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    /// The session opened last, reopened at start.
    pub last: Option<PathBuf>,
    /// The organizer's name as given when sealing; the log names them so.
    pub name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Vi,
            dark: false,
            recent: Vec::new(),
            last: None,
            name: String::new(),
        }
    }
}

impl Settings {
    /// Puts a file first in the recent list, by its full path (so that it opens from anywhere) and
    /// only once however it was typed.
    pub fn remember(&mut self, path: &std::path::Path) {
        let path = full_path(path);
        self.recent.retain(|p| full_path(p) != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(8);
        self.last = Some(path);
    }

    /// The recent list as older versions kept it, put right: full paths, each once; a relative path
    /// (its folder unknown) is dropped.
    pub fn tidy(&mut self) {
        let mut seen = Vec::new();
        for p in std::mem::take(&mut self.recent) {
            if p.is_absolute() {
                let p = full_path(&p);
                if !seen.contains(&p) {
                    seen.push(p);
                }
            }
        }
        self.recent = seen;
        self.last = self
            .last
            .take()
            .filter(|p| p.is_absolute())
            .map(|p| full_path(&p));
    }
}

/// A file's full path: with links and "." and ".." resolved when it exists, else made absolute
/// against the current folder.
pub fn full_path(path: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}
