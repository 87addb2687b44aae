//! Unsaved changes kept aside so a crash loses nothing: after each change to an organizer's session
//! the app writes the whole session to a recovery file (in the app's own folder, atomically), and
//! removes it when the session is saved or the changes are discarded. On the next start, recovery
//! files still there are offered back, with the stamp of the file as it was opened, so saving them
//! back still refuses to overwrite what someone else saved meanwhile.
//!
//! Each giamkhao window holds a claim on the document it has open ([`claim`]). Another window started
//! meanwhile (a second file double-clicked) does not offer that document's changes back as if they
//! were left by a crash, and opens the same file only to look at it, so two windows never edit one
//! file or keep their changes in one recovery file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::atomic::{Conflict, Lock, Stamp, conflict_of, write_atomic};
use super::files::{Format, LoadError, to_text, write_error};
use crate::model::Session;

/// What a recovery file holds: the session with its unsaved changes, and where it belongs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The session file the changes belong to; None for a contest never saved (or the sample).
    pub original: Option<PathBuf>,
    pub saved_at: jiff::Timestamp,
    pub session: Session,
    /// The session file as it was when the changes began (None: no file, or a recovery file
    /// written before giamkhao kept it).
    #[serde(default)]
    pub on_disk: Option<Stamp>,
}

/// Whose recovery file: a session's own file, or a contest never saved, told apart by a token of its
/// own (two windows may each have one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    File(PathBuf),
    Unsaved(String),
}

impl Key {
    /// The session file the changes belong to, if any.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Key::File(p) => Some(p),
            Key::Unsaved(_) => None,
        }
    }
}

/// The recovery file for `key` inside `dir`.
pub fn recovery_path(dir: &Path, key: &Key) -> PathBuf {
    let name = match key {
        Key::File(p) => {
            let full = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            let digest = Sha256::digest(full.to_string_lossy().as_bytes());
            digest
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        }
        Key::Unsaved(token) => {
            let token: String = token
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(40)
                .collect();
            format!("chua-luu-{token}")
        }
    };
    dir.join(format!("{name}.ron"))
}

/// The file whose lock is a window's claim on the recovery file `recovery`.
fn claim_path(recovery: &Path) -> PathBuf {
    recovery.with_extension("open")
}

/// A window's hold on the document it has open: while it lasts, no other giamkhao offers that
/// document's kept changes back or edits the same file. Let go of when dropped, and by the system
/// when the window's process ends (a crash included, so its changes are offered at the next start).
pub struct Claim {
    _lock: Lock,
}

/// Claims `key` for this window. `Ok(None)`: another giamkhao window has it open.
pub fn claim(dir: &Path, key: &Key) -> std::io::Result<Option<Claim>> {
    std::fs::create_dir_all(dir)?;
    let path = claim_path(&recovery_path(dir, key));
    match Lock::take_within(&path, std::time::Duration::ZERO) {
        Ok(lock) => Ok(Some(Claim { _lock: lock })),
        Err(e) if conflict_of(&e) == Some(Conflict::Locked) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether another window holds the claim on the recovery file `recovery`.
fn claimed_elsewhere(recovery: &Path) -> bool {
    matches!(
        Lock::take_within(&claim_path(recovery), std::time::Duration::ZERO),
        Err(e) if conflict_of(&e) == Some(Conflict::Locked)
    )
}

/// Writes the session's unsaved state aside.
pub fn keep(
    dir: &Path,
    key: &Key,
    on_disk: Option<&Stamp>,
    session: &Session,
    at: jiff::Timestamp,
) -> Result<(), LoadError> {
    let path = recovery_path(dir, key);
    let original = key.file();
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
    let recovery = Recovery {
        original: original.map(Path::to_path_buf),
        saved_at: at,
        session: session.clone(),
        on_disk: on_disk.cloned(),
    };
    let text = to_text(&recovery, Format::Ron).map_err(|message| LoadError::Io {
        path: path.clone(),
        message,
    })?;
    write_atomic(&path, text.as_bytes()).map_err(|e| write_error(&path, &e))
}

/// Removes the recovery file of a session once its changes are saved or discarded.
pub fn forget(dir: &Path, key: &Key) {
    let path = recovery_path(dir, key);
    for backup in super::atomic::backup_paths(&path) {
        let _ = std::fs::remove_file(backup);
    }
    let _ = std::fs::remove_file(path);
}

/// The recovery files to offer back at a window's start: those of [`list`] but the ones of documents
/// open in another window (their changes are alive there, not left by a crash).
pub fn offered(dir: &Path) -> Vec<(PathBuf, Recovery)> {
    let mut found = list(dir);
    found.retain(|(p, _)| !claimed_elsewhere(p));
    found
}

/// Every recovery file in `dir` that can be read, newest first, with its path. Unreadable ones are
/// left where they are (and skipped).
pub fn list(dir: &Path) -> Vec<(PathBuf, Recovery)> {
    super::atomic::remove_stale_temporaries(dir);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, Recovery)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let recovery: Recovery = ron::Options::default().from_str(&text).ok()?;
            Some((p, recovery))
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.1.saved_at));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Session {
        crate::store::files::parse_kind::<Session>(
            Path::new("hai-phong-2023.ron"),
            include_str!("../../assets/samples/hai-phong-2023.ron"),
            crate::model::FileKind::Session,
        )
        .expect("the sample loads")
    }

    #[test]
    fn changes_of_a_document_open_in_another_window_are_not_offered_until_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("recovery");
        let file = Key::File(dir.path().join("phien.gkphien"));
        let session = sample();
        let at = jiff::Timestamp::UNIX_EPOCH;

        // One window has the session open, with unsaved changes kept aside.
        let window = claim(&kept, &file).unwrap().expect("no one has it open");
        keep(&kept, &file, None, &session, at).unwrap();
        assert_eq!(list(&kept).len(), 1, "kept aside");
        // A second window starting now is not offered them, and cannot claim the file.
        assert!(offered(&kept).is_empty());
        assert!(claim(&kept, &file).unwrap().is_none());
        // The first window's process ends (a crash): the changes are offered at the next start.
        drop(window);
        let back = offered(&kept);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].1.original.as_deref(), file.file());
        assert!(claim(&kept, &file).unwrap().is_some());
    }

    #[test]
    fn two_windows_with_new_contests_keep_their_changes_apart() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (Key::Unsaved("aaaa".into()), Key::Unsaved("bbbb".into()));
        assert_ne!(recovery_path(dir.path(), &a), recovery_path(dir.path(), &b));
        let mut second = sample();
        second.contest.name = "Cuộc thi của cửa sổ thứ hai".into();
        let _first_window = claim(dir.path(), &a).unwrap().expect("free");
        let _second_window = claim(dir.path(), &b).unwrap().expect("free: another file");
        keep(dir.path(), &a, None, &sample(), jiff::Timestamp::UNIX_EPOCH).unwrap();
        keep(dir.path(), &b, None, &second, jiff::Timestamp::UNIX_EPOCH).unwrap();
        let names: Vec<String> = list(dir.path())
            .into_iter()
            .map(|(_, r)| r.session.contest.name)
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"Cuộc thi của cửa sổ thứ hai".to_string()));
        // A token cannot lead out of the folder.
        let odd = recovery_path(dir.path(), &Key::Unsaved("../../x".into()));
        assert_eq!(odd.parent(), Some(dir.path()));
    }
}
