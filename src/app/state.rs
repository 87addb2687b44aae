//! What the app holds: the open document (a session or a judge packet), where it came from, the
//! results computed for it, and the view settings (language, theme, role, screen).

use std::path::PathBuf;

use crate::model::{JudgePacket, RoundResult, Scoresheet, Session, Submission};
use crate::text::Lang;

/// The bundled sample session, built into the program so it opens anywhere.
pub const SAMPLE_NAME: &str = "hai-phong-2023.ron";
pub const SAMPLE_RON: &str = include_str!("../../assets/samples/hai-phong-2023.ron");

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Screen {
    Contest,
    Submissions,
    Scoring,
    Progress,
    Results,
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

/// The file kinds the app edits.
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    Session(Session),
    Packet(JudgePacket),
}

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

pub struct Document {
    pub doc: Doc,
    pub origin: Origin,
    pub read_only: bool,
    pub dirty: bool,
    /// Inverse actions, newest last.
    pub undo: Vec<super::actions::Edit>,
    pub redo: Vec<super::actions::Edit>,
    /// Results of every round, recomputed after each change (sessions only).
    pub results: Vec<RoundResult>,
    /// Raised at every change, so views can tell when what they cached is stale.
    pub generation: u64,
}

impl Document {
    pub fn new(doc: Doc, origin: Origin, read_only: bool) -> Self {
        let mut d = Document {
            doc,
            origin,
            read_only,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            results: Vec::new(),
            generation: 0,
        };
        d.recompute();
        d
    }

    pub fn recompute(&mut self) {
        self.generation += 1;
        self.results = match &self.doc {
            Doc::Session(s) => crate::scoring::compute(s),
            Doc::Packet(_) => Vec::new(),
        };
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
        self.session().and_then(|s| s.seal.as_ref())
    }

    /// Whether the organizer may change the session: not opened for audit, not sealed.
    pub fn editable(&self) -> bool {
        self.role() == Role::Organizer && self.sealed().is_none()
    }

    pub fn session(&self) -> Option<&Session> {
        match &self.doc {
            Doc::Session(s) => Some(s),
            Doc::Packet(_) => None,
        }
    }

    pub fn contest(&self) -> &crate::model::Contest {
        match &self.doc {
            Doc::Session(s) => &s.contest,
            Doc::Packet(p) => &p.contest,
        }
    }

    pub fn submissions(&self) -> &[Submission] {
        match &self.doc {
            Doc::Session(s) => &s.submissions,
            Doc::Packet(p) => &p.submissions,
        }
    }

    /// The sheet of a judge in a round, if the document has it.
    pub fn sheet(&self, round: &str, judge: &str) -> Option<&Scoresheet> {
        match &self.doc {
            Doc::Session(s) => s.sheet(round, judge),
            Doc::Packet(p) => (p.sheet.round == round && p.sheet.judge == judge).then_some(&p.sheet),
        }
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
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(8);
        self.last = Some(path.to_path_buf());
    }
}
