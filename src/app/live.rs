//! The contest folder in the app (see `store::folder`). The organizer's app follows a folder: a walk
//! is made between frames when the folder's events or the timer say so, what it merges goes into
//! the open session (the Results screen follows), and the status board's lines are kept for the
//! Progress screen; the session is saved after each merge. A judge's packet joined to a folder writes
//! the sheet there after every accepted change. Both belong to the open document and end when
//! another opens.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

use crate::store::folder::{Aside, Change, Follow, JudgeStatus, Seen};
use crate::store::{self, watch::Watch};

use super::i18n::T;
use super::{Doc, GiamkhaoApp, Origin};

/// How many of the latest changes the board lists.
pub const RECENT: usize = 100;

/// How often a judge's laptop tries again to write to a folder it could not write to.
pub const RETRY: Duration = Duration::from_secs(5);

/// The organizer's app following a contest folder.
pub struct Live {
    /// The document ([`super::Document::id`]) it merges into.
    pub doc: u64,
    pub follow: Follow,
    watch: Watch,
    /// What the walks found, newest last.
    pub recent: VecDeque<(jiff::Timestamp, Change)>,
}

/// What the status board shows: the folder, how it is followed, each judge's line, the files kept
/// aside, the keys waiting for confirmation, the latest changes.
#[derive(Clone, Debug, Default)]
pub struct Board {
    pub folder: String,
    /// Whether the system's events are followed (else the timer only).
    pub events: bool,
    pub walked: Option<jiff::Timestamp>,
    pub unreachable: Option<crate::store::folder::Unreachable>,
    pub judges: Vec<JudgeStatus>,
    /// (file, why), files of unknown places first.
    pub aside: Vec<(String, Aside)>,
    /// (judge, fingerprint, file).
    pub awaiting: Vec<(String, String, String)>,
    pub recent: Vec<(jiff::Timestamp, Change)>,
}

/// What a judge's laptop last did with the contest folder.
#[derive(Clone, Debug, PartialEq)]
pub enum Published {
    /// Written: the sheet's revision, when.
    Written { revision: u64, at: jiff::Timestamp },
    /// Could not be written: why (in both languages), since when; tried again every [`RETRY`].
    Failed {
        words: [String; 2],
        since: jiff::Timestamp,
        retry: std::time::Instant,
    },
}

impl Live {
    fn board(&self, session: &crate::model::Session) -> Board {
        let mut aside: Vec<(String, Aside)> = self
            .follow
            .files()
            .filter_map(|(file, t)| match &t.seen {
                Seen::Aside(a) => Some((file.to_string(), a.clone())),
                _ => None,
            })
            .collect();
        aside.sort_by_key(|(file, _)| file.contains('/'));
        Board {
            folder: self.follow.folder.display().to_string(),
            events: self.watch.has_events(),
            walked: self.follow.walked,
            unreachable: self.follow.unreachable.clone(),
            judges: self.follow.board(session),
            aside,
            awaiting: self.follow.awaiting(),
            recent: self.recent.iter().rev().cloned().collect(),
        }
    }
}

impl GiamkhaoApp {
    /// Starts following `folder` for the open session (an organizer's, not sealed) and shows the
    /// status board (Progress); the first walk is made at once.
    pub(super) fn follow_folder(&mut self, folder: PathBuf) {
        let Some(doc) = self.doc.as_ref() else { return };
        if doc.role() == super::Role::Judge {
            return self.tell(true, |lang| T::FollowNeedsSession.get(lang));
        }
        if !doc.editable() {
            return self.tell(true, |lang| T::ReadOnly.get(lang));
        }
        let ctx = self.ctx.clone();
        let watch = Watch::start(&folder, store::watch::RESCAN, move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        });
        self.live = Some(Live {
            doc: doc.id,
            follow: Follow::new(folder),
            watch,
            recent: VecDeque::new(),
        });
        // The status board is on Progress.
        self.screen = super::Screen::Progress;
        self.poll_live();
    }

    pub(super) fn stop_following(&mut self) {
        self.live = None;
        self.views.progress.board = None;
    }

    /// Makes a walk of the followed folder if one is due, merging into the session; returns how long
    /// until the next is due (None: not following).
    pub fn poll_live(&mut self) -> Option<Duration> {
        let by = self.by();
        let live = self.live.as_mut()?;
        let Some(doc) = self.doc.as_mut().filter(|d| d.id == live.doc) else {
            self.live = None;
            return None;
        };
        if !live.watch.due() {
            return Some(live.watch.until_next());
        }
        let Doc::Session(session) = &mut doc.doc else {
            return None;
        };
        let was_unreachable = live.follow.unreachable.is_some();
        let now = jiff::Timestamp::now();
        let step = live.follow.step(session, &by, now);
        if was_unreachable && live.follow.unreachable.is_none() {
            // The folder is back: its events are followed again.
            live.watch.arm();
        }
        let merged = step.merged();
        for change in step.changes {
            live.recent.push_back((now, change));
        }
        while live.recent.len() > RECENT {
            live.recent.pop_front();
        }
        let board = live.board(session);
        if merged {
            doc.dirty = true;
            // A merge is not undone step by step; it is in the audit log.
            doc.undo.clear();
            doc.redo.clear();
            doc.recompute();
        }
        let next = live.watch.until_next();
        let from_file = matches!(doc.origin, Origin::File(_));
        self.views.progress.board = Some(board);
        if merged {
            // Saved at once, as `giamkhao watch` does: what came in is on disk even if the laptop
            // goes off (with whatever else was changed and not saved yet). A session not saved to
            // a file yet is kept aside for recovery until it is.
            if from_file {
                self.act(super::Action::Save);
            } else {
                self.keep_changes(false);
            }
        }
        Some(next)
    }

    /// Binds a judge to a key (confirmed on the board, or typed as the judge read it out), through
    /// the edit engine and on the record; the sheets that waited for it are read again at once.
    pub(super) fn bind_key(&mut self, judge: &str, fingerprint: &str) {
        let Some(edit) = self
            .doc
            .as_ref()
            .and_then(|d| crate::edit::bind_key(d.contest(), judge, fingerprint))
        else {
            return self.tell(true, |lang| T::NotAFingerprint.get(lang));
        };
        let key_of = |app: &GiamkhaoApp| {
            app.doc
                .as_ref()
                .and_then(|d| d.contest().judge(judge))
                .and_then(|j| j.key.clone())
        };
        let before = key_of(self);
        // The keys this judge's sheets in the folder wait with: binding another is most likely a
        // typing slip, and those sheets will be refused — said with the binding.
        let waiting: Vec<String> = self
            .live
            .as_ref()
            .map(|l| l.follow.awaiting())
            .unwrap_or_default()
            .into_iter()
            .filter(|(j, _, _)| j == judge)
            .map(|(_, print, _)| print)
            .collect();
        self.edit(edit, "app", true);
        let Some(bound) = key_of(self).filter(|now| Some(now) != before.as_ref()) else {
            return;
        };
        let name = self
            .doc
            .as_ref()
            .and_then(|d| d.contest().judge(judge))
            .map(|j| j.name.clone())
            .unwrap_or_default();
        let other: Vec<String> = waiting.into_iter().filter(|w| *w != bound).collect();
        let words = [crate::text::Lang::Vi, crate::text::Lang::En]
            .map(|lang| crate::text::folder::key_bound(&name, &bound, before.as_deref(), &other, lang));
        self.tell(!other.is_empty(), |lang| lang.t(&words[0], &words[1]).to_string());
        if let Some(live) = self.live.as_mut() {
            live.follow.recheck_keys();
            live.watch.soon();
        }
        self.poll_live();
    }

    /// A judge joins their packet to a contest folder: the sheet is written there now and after each
    /// change.
    pub(super) fn join_folder(&mut self, folder: PathBuf) {
        let Some(Doc::Packet(p)) = self.doc.as_mut().map(|d| &mut d.doc) else {
            return;
        };
        p.folder = Some(crate::model::FolderLink {
            path: folder.to_string_lossy().into_owned(),
            revision: None,
            log_written: 0,
        });
        self.autosave();
    }

    /// The judge stops writing to the folder (what was written stays there).
    pub(super) fn leave_folder(&mut self) {
        if let Some(Doc::Packet(p)) = self.doc.as_mut().map(|d| &mut d.doc) {
            p.folder = None;
        }
        self.views.scoring.published = None;
        self.autosave();
    }

    /// Writes the packet's sheet to its contest folder if it changed since the last file (a judge's
    /// packet joined to one), signed with this laptop's key; says what happened on the Scoring
    /// screen. Called before the packet is saved, which keeps what was written.
    pub(super) fn publish(&mut self) {
        let key = self
            .data_dir
            .as_deref()
            .and_then(|dir| store::signing::load_or_create(dir).ok());
        let Some(doc) = self.doc.as_mut() else { return };
        let (Doc::Packet(p), Origin::File(_)) = (&mut doc.doc, &doc.origin) else {
            return;
        };
        if p.folder.is_none() {
            return;
        }
        let now = jiff::Timestamp::now();
        match store::folder::publish(p, key.as_ref()) {
            Ok(Some(_)) => {
                self.views.scoring.published = Some(Published::Written {
                    revision: store::folder::sheet_revision(&p.sheet),
                    at: now,
                });
            }
            Ok(None) => {
                if matches!(self.views.scoring.published, Some(Published::Failed { .. })) {
                    self.views.scoring.published = None;
                }
            }
            Err(e) => {
                let since = match &self.views.scoring.published {
                    Some(Published::Failed { since, .. }) => *since,
                    _ => now,
                };
                self.views.scoring.published = Some(Published::Failed {
                    words: [crate::text::Lang::Vi, crate::text::Lang::En]
                        .map(|lang| crate::text::folder::not_written(&e, lang)),
                    since,
                    retry: std::time::Instant::now() + RETRY,
                });
            }
        }
    }

    /// Tries again to write to a folder that could not be written to, when it is time; returns how
    /// long until the next try (None: nothing to try).
    pub fn retry_publish(&mut self) -> Option<Duration> {
        let Some(Published::Failed { retry, .. }) = &self.views.scoring.published else {
            return None;
        };
        let now = std::time::Instant::now();
        if *retry > now {
            return Some(*retry - now);
        }
        self.autosave();
        match &self.views.scoring.published {
            Some(Published::Failed { .. }) => Some(RETRY),
            _ => None,
        }
    }
}
