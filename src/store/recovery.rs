//! Unsaved changes kept aside so a crash loses nothing: after each change to an organizer's session
//! the app writes the whole session to a recovery file (in the app's own folder, atomically), and
//! removes it when the session is saved or the changes are discarded. On the next start, recovery
//! files still there are offered back, with the stamp of the file as it was opened, so saving them
//! back still refuses to overwrite what someone else saved meanwhile.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::atomic::{Stamp, write_atomic};
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

/// The recovery file for a session at `original` (or an unsaved one) inside `dir`.
pub fn recovery_path(dir: &Path, original: Option<&Path>) -> PathBuf {
    let key = match original {
        Some(p) => {
            let full = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            let digest = Sha256::digest(full.to_string_lossy().as_bytes());
            digest
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        }
        None => "chua-luu".into(),
    };
    dir.join(format!("{key}.ron"))
}

/// Writes the session's unsaved state aside.
pub fn keep(
    dir: &Path,
    original: Option<&Path>,
    on_disk: Option<&Stamp>,
    session: &Session,
    at: jiff::Timestamp,
) -> Result<(), LoadError> {
    let path = recovery_path(dir, original);
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
pub fn forget(dir: &Path, original: Option<&Path>) {
    let path = recovery_path(dir, original);
    for backup in super::atomic::backup_paths(&path) {
        let _ = std::fs::remove_file(backup);
    }
    let _ = std::fs::remove_file(path);
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
