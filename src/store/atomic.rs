//! Atomic replacement of a file: write a temporary file in the same folder, flush it to disk,
//! keep the previous version as `<name>.bak`, then rename the new file over the old one. A crash at
//! any moment leaves either the old or the new complete file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The path of the previous version kept beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically, keeping the previous content (if any) in `<path>.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&dir);
    if path.exists() {
        replace_file(&dir, &backup_path(path), &fs::read(path)?)?;
    }
    replace_file(&dir, path, bytes)
}

/// How old a temporary file must be before it is taken for one a crash left behind.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes temporary files a crash (power cut, killed process) left in `dir` more than an hour ago;
/// younger ones may belong to a save in progress in another window.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

const TEMP_PREFIX: &str = ".giamkhao-";
const TEMP_SUFFIX: &str = ".tmp";

fn replace_file(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    // The temporary file is private; the result gets the replaced file's permissions, or the usual
    // ones for a new file.
    match fs::metadata(path) {
        Ok(meta) => tmp.as_file().set_permissions(meta.permissions())?,
        Err(_) => set_default_permissions(tmp.as_file())?,
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

/// Makes the rename itself durable where the platform allows it (a directory fsync on Unix; on
/// Windows the rename is flushed by the file system).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_left_by_a_crash_are_cleared_once_stale() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".giamkhao-abc123.tmp");
        let fresh = dir.path().join(".giamkhao-def456.tmp");
        let other = dir.path().join("ghi-chu.tmp");
        for p in [&stale, &fresh, &other] {
            fs::write(p, b"half").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for p in [&stale, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("phien.ron"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists(), "may be another window's save in progress");
        assert!(other.exists(), "not ours");
    }

    #[test]
    fn replaces_and_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phien.ron");
        write_atomic(&path, b"first").unwrap();
        assert!(!backup_path(&path).exists());
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"first");
        let leftovers = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phien.ron");
        write_atomic(&path, b"first").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("x.ron");
        assert!(write_atomic(&path, b"new").is_err());
        assert!(!path.exists());
    }
}
