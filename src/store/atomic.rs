//! Saving a file safely, one writer at a time.
//!
//! Atomic: the new content is written to a temporary file in the same folder, flushed to disk, and
//! renamed over the old file, so a crash at any moment leaves the old or the new complete file; the
//! previous versions are kept as `<name>.bak` (the last), `<name>.bak.1` and `<name>.bak.2`.
//!
//! One at a time: a save holds the lock of `<name>.lock` beside the file — an advisory lock of the
//! operating system through std's portable `File::try_lock` (`flock` on Unix, `LockFileEx` on
//! Windows), which the system lets go of when the process ends, even killed — and waits while
//! another giamkhao (another window, a command) holds it. A save may also say what it expects to
//! find ([`Expect`]): the file as it was read ([`Stamp`], its SHA-256), or no file; when someone
//! else changed it since, nothing is written and the save says so ([`Conflict::Changed`]).
//!
//! A symbolic link is saved through: the file it points to is replaced (its backups and lock beside
//! it), and the link stays. Temporary files a killed save left behind are removed by the next
//! giamkhao that reads or writes a file in that folder, as soon as no one holds their file's lock.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// How many previous versions are kept beside a file: `.bak`, `.bak.1`, `.bak.2`.
pub const BACKUPS: usize = 3;

/// How long a save waits for another giamkhao to finish saving the same file. A save of the largest
/// sessions takes a second or two; a lock held longer is said ([`Conflict::Locked`]).
pub const WAIT: Duration = Duration::from_secs(15);

/// `path` with `suffix` added to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// The path of the last previous version kept beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// Every previous version kept beside `path`, newest first: `.bak`, `.bak.1`, `.bak.2`.
pub fn backup_paths(path: &Path) -> Vec<PathBuf> {
    (0..BACKUPS)
        .map(|i| match i {
            0 => backup_path(path),
            i => with_suffix(path, &format!(".bak.{i}")),
        })
        .collect()
}

/// The lock file of `path`: `<name>.lock` beside it, empty. It exists while someone saves (and after a
/// save a crash stopped, harmless: the system let go of the lock, and the next save removes it).
pub fn lock_path(path: &Path) -> PathBuf {
    with_suffix(path, ".lock")
}

/// The folder a file is in ("." for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file `path` names, through any symbolic links: a save replaces that file, and the links stay.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As many links in a row as Linux follows.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                // A relative target is relative to the link's folder; joining an absolute one gives it.
                path = match path.parent() {
                    Some(folder) => folder.join(target),
                    None => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Whether `a` and `b` are the same file (through links, and however the paths are spelled); false
/// when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows gives the full path with the case as stored on the disk.
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase(),
            _ => false,
        }
    }
}

/// What a file held when it was read: the SHA-256 of its bytes, or that there was no file. A save
/// that expects it refuses to replace a file someone else changed since.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp(Option<String>);

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Stamp {
    /// A file that held `bytes`.
    pub fn of(bytes: &[u8]) -> Stamp {
        Stamp(Some(sha256_hex(bytes)))
    }

    /// No file: saving expecting this writes only where there is no file yet.
    pub fn absent() -> Stamp {
        Stamp(None)
    }

    /// The file at `path` as it is now.
    pub fn read(path: &Path) -> io::Result<Stamp> {
        match fs::read(path) {
            Ok(bytes) => Ok(Stamp::of(&bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Stamp::absent()),
            Err(e) => Err(e),
        }
    }

    /// Whether what is on disk now (the file at `now`, None for no file) may be replaced by whoever
    /// read this: it is still the same, or there is nothing any more to lose. The file is read a
    /// piece at a time, not held whole.
    fn allows(&self, now: Option<&Path>) -> io::Result<bool> {
        Ok(match (&self.0, now) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(digest), Some(path)) => {
                let mut hasher = Sha256::new();
                io::copy(&mut fs::File::open(path)?, &mut hasher)?;
                *digest == hex(&hasher.finalize())
            }
        })
    }
}

/// What a save expects to find where it writes.
#[derive(Clone, Copy, Debug)]
pub enum Expect<'a> {
    /// Whatever is there: a file the person chose to replace, a copy kept for recovery.
    Anything,
    /// The file as it was read (or, for [`Stamp::absent`], no file at all).
    Unchanged(&'a Stamp),
}

/// Why a save did not write, though the disk would have let it. Carried inside the `io::Error` a
/// save returns; [`conflict_of`] takes it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Another giamkhao held the file's lock for longer than [`WAIT`].
    Locked,
    /// The file is no longer what was read: someone else changed, replaced or created it since.
    Changed,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Conflict::Locked => "another giamkhao is saving this file",
            Conflict::Changed => "the file was changed by someone else since it was read",
        })
    }
}

impl std::error::Error for Conflict {}

impl From<Conflict> for io::Error {
    fn from(c: Conflict) -> io::Error {
        let kind = match c {
            Conflict::Locked => io::ErrorKind::ResourceBusy,
            Conflict::Changed => io::ErrorKind::Other,
        };
        io::Error::new(kind, c)
    }
}

/// The conflict a failed save met, if that is why it failed.
pub fn conflict_of(e: &io::Error) -> Option<Conflict> {
    e.get_ref()?.downcast_ref::<Conflict>().copied()
}

/// The lock of one file: while it is held, no other giamkhao writes that file. Let go of when
/// dropped (and by the system if the process dies).
pub struct Lock {
    file: Option<fs::File>,
    lock: PathBuf,
    target: PathBuf,
}

/// Opens (or creates) a lock file.
fn open_lock(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_SHARE_READ | FILE_SHARE_WRITE, not FILE_SHARE_DELETE: a lock file cannot be removed
        // while anyone has it open, so no one ever holds the lock of a file that is gone.
        options.share_mode(0x1 | 0x2);
    }
    options.open(path)
}

/// Whether the lock file `path` is still the file we opened and locked. Whoever held the lock
/// before removes the file as they let go (on Unix); one who was waiting on it then holds the lock
/// of a file no one else can find, and must open the new one.
fn still_there(file: &fs::File, path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let held = file.metadata()?;
        Ok(fs::metadata(path).is_ok_and(|m| m.dev() == held.dev() && m.ino() == held.ino()))
    }
    #[cfg(not(unix))]
    {
        // Elsewhere (Windows) an open lock file cannot be removed: see `open_lock`.
        let _ = (file, path);
        Ok(true)
    }
}

impl Lock {
    /// Takes the lock of the file `path` names (through symbolic links), waiting up to [`WAIT`]
    /// while another giamkhao saves it.
    pub fn take(path: &Path) -> io::Result<Lock> {
        Lock::take_within(path, WAIT)
    }

    /// Takes the lock of `path`, waiting at most `wait`.
    pub fn take_within(path: &Path, wait: Duration) -> io::Result<Lock> {
        let target = resolve(path)?;
        let started = Instant::now();
        loop {
            if let Some(lock) = Lock::try_take_at(&target)? {
                return Ok(lock);
            }
            if started.elapsed() >= wait {
                return Err(Conflict::Locked.into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The lock of `target` (no links followed) if no one holds it now.
    fn try_take_at(target: &Path) -> io::Result<Option<Lock>> {
        let lock = lock_path(target);
        // Held in this process already: said so without asking the system, which on some file
        // systems (NFS) would give a process a second lock of its own and take both away when
        // either is let go of.
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        if held.contains(&lock) {
            return Ok(None);
        }
        loop {
            let file = open_lock(&lock)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => return Ok(None),
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            if still_there(&file, &lock)? {
                held.push(lock.clone());
                return Ok(Some(Lock {
                    file: Some(file),
                    lock,
                    target: target.to_path_buf(),
                }));
            }
        }
    }

    /// The file this lock guards (the target of a symbolic link).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Replaces the file with `bytes`, atomically, keeping the previous versions; refused with
    /// [`Conflict::Changed`] when the file is not what `expect` says, and then nothing is written.
    pub fn replace(&self, bytes: &[u8], expect: Expect) -> io::Result<()> {
        let target = &self.target;
        let dir = folder_of(target);
        let owner = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        remove_stale(&dir, Some(&owner));
        // What the file holds now, set aside to become its backup: a second name for it (or a
        // copy, on a disk without such names), never read into memory (a session of 100,000
        // submissions is 240 MB: read whole to be written back out as the backup, it was a quarter
        // of a gigabyte more at the peak of every save). The stamp is checked on what was set
        // aside, so the backup is what was checked.
        let current = set_aside(&dir, target, &owner)?;
        if let Expect::Unchanged(stamp) = expect
            && !stamp.allows(current.as_deref())?
        {
            return Err(Conflict::Changed.into());
        }
        if let Some(old) = current {
            keep_backups(&dir, target, old, &owner)?;
        }
        replace_file(&dir, target, bytes, &owner)
    }
}

/// The lock files this process holds.
static HELD: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

impl Drop for Lock {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        held.retain(|p| *p != self.lock);
        // giamkhao's lock files are empty: a file of the same name with something in it is
        // someone else's (a `poetry.lock` beside a file named `poetry`), locked but never removed.
        let empty = |lock: &Path| fs::symlink_metadata(lock).is_ok_and(|m| m.is_file() && m.len() == 0);
        // On Unix the lock file is removed while still held, so whoever opened it meanwhile finds
        // it gone (`still_there`) and takes a new one. On Windows no one can remove it while
        // anyone has it open: it is closed first, and the last to close it removes it.
        #[cfg(unix)]
        {
            if empty(&self.lock) {
                let _ = fs::remove_file(&self.lock);
            }
            drop(self.file.take());
        }
        #[cfg(not(unix))]
        {
            drop(self.file.take());
            if empty(&self.lock) {
                let _ = fs::remove_file(&self.lock);
            }
        }
    }
}

/// Writes `bytes` to `path` (the file it names, through links) atomically, under its lock, keeping
/// the previous versions, whatever the file holds now.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_expecting(path, bytes, Expect::Anything)
}

/// Writes `bytes` to `path` as [`write_atomic`] does, only if the file is what `expect` says.
pub fn write_expecting(path: &Path, bytes: &[u8], expect: Expect) -> io::Result<()> {
    Lock::take(path)?.replace(bytes, expect)
}

/// The file at `target` under a temporary name beside it — a hard link, or a copy made durable
/// where the file system has no hard links (FAT on a USB stick) or `target` is a symbolic link —
/// or None when there is no file.
fn set_aside(dir: &Path, target: &Path, owner: &str) -> io::Result<Option<tempfile::TempPath>> {
    let linked = match fs::symlink_metadata(target) {
        Ok(meta) => !meta.file_type().is_symlink(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let prefix = temp_prefix(owner);
    if linked && let Ok(link) = temporary(&prefix).make_in(dir, |p| fs::hard_link(target, p)) {
        return Ok(Some(link.into_temp_path()));
    }
    match temporary(&prefix).make_in(dir, |p| fs::copy(target, p).map(drop)) {
        Ok(copy) => {
            // Written for write access: Windows flushes only a file opened so.
            fs::OpenOptions::new().write(true).open(copy.path())?.sync_all()?;
            Ok(Some(copy.into_temp_path()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The previous version `old` (set aside by [`set_aside`]) becomes `.bak`, the one before `.bak.1`,
/// and so on; the oldest goes. `.bak` is copied to `.bak.1`, not moved, so that a crash at any
/// moment leaves a whole `.bak`.
fn keep_backups(dir: &Path, target: &Path, old: tempfile::TempPath, owner: &str) -> io::Result<()> {
    let paths = backup_paths(target);
    for i in (1..paths.len()).rev() {
        if !paths[i - 1].exists() {
            continue;
        }
        if i == 1 {
            copy_file(dir, &paths[0], &paths[1], owner)?;
        } else {
            fs::rename(&paths[i - 1], &paths[i])?;
        }
    }
    old.persist(&paths[0]).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Puts a copy of `from` at `to`, atomically: a hard link where the file system has them (it costs
/// nothing: the files are only ever replaced, never written in place), else a copy (FAT on a USB
/// stick).
fn copy_file(dir: &Path, from: &Path, to: &Path, owner: &str) -> io::Result<()> {
    match temporary(&temp_prefix(owner)).make_in(dir, |p| fs::hard_link(from, p)) {
        Ok(link) => link.persist(to).map(drop).map_err(|e| e.error),
        Err(_) => replace_file(dir, to, &fs::read(from)?, owner),
    }
}

/// How old a temporary file of an older giamkhao (whose name does not say whose it is) must be
/// before it is taken for one a crash left behind.
const STALE: Duration = Duration::from_secs(3600);

const TEMP_PREFIX: &str = ".giamkhao-";
const TEMP_SUFFIX: &str = ".tmp";

/// The start of the name of a temporary file for saving the file named `owner`:
/// `.giamkhao-<owner>.<random>.tmp`, so that whoever finds it knows whose lock tells whether it is
/// still being written. (A name too long for that gets `.giamkhao-<random>.tmp`, cleared after an
/// hour as older giamkhao's are.)
fn temp_prefix(owner: &str) -> String {
    if owner.len() <= 200 {
        format!("{TEMP_PREFIX}{owner}.")
    } else {
        TEMP_PREFIX.to_string()
    }
}

fn temporary(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(TEMP_SUFFIX);
    builder
}

/// Whose temporary file `name` is: None if it is not one of giamkhao's, Some(None) if it does not
/// say (an older giamkhao's), Some(Some(file name)) otherwise.
fn owner_of(name: &str) -> Option<Option<&str>> {
    let middle = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    Some(middle.rsplit_once('.').map(|(owner, _random)| owner))
}

/// Removes the temporary files a killed save left in `dir`: those of files whose lock no one holds
/// (no save of that file is under way), and those of older giamkhao more than an hour old. Called
/// whenever giamkhao reads or writes a file in `dir`.
pub fn remove_stale_temporaries(dir: &Path) {
    remove_stale(dir, None);
}

/// As [`remove_stale_temporaries`]; the temporaries of `held`, whose lock this process holds, are
/// stale too (it has not written any yet).
fn remove_stale(dir: &Path, held: Option<&str>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = match owner_of(&name) {
            None => false,
            Some(None) => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE),
            Some(Some(owner)) if Some(owner) == held => true,
            Some(Some(owner)) => {
                // Removed while its lock is held, so no save of it can start meanwhile.
                if let Ok(Some(_lock)) = Lock::try_take_at(&dir.join(owner)) {
                    let _ = fs::remove_file(entry.path());
                }
                continue;
            }
        };
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn replace_file(dir: &Path, path: &Path, bytes: &[u8], owner: &str) -> io::Result<()> {
    let mut tmp = temporary(&temp_prefix(owner)).tempfile_in(dir)?;
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

    fn temporaries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| owner_of(n).is_some())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn temporaries_left_by_a_killed_save_are_cleared_unless_their_file_is_being_saved() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        // Left by a killed save of phien.ron; being written by a save of goi.ron now (its lock is
        // held); older giamkhao's, two hours old and fresh; and not giamkhao's at all.
        let killed = at(".giamkhao-phien.ron.abc123.tmp");
        let saving = at(".giamkhao-goi.ron.def456.tmp");
        let (old, fresh) = (at(".giamkhao-ghi789.tmp"), at(".giamkhao-jkl012.tmp"));
        let other = at("ghi-chu.tmp");
        for p in [&killed, &saving, &old, &fresh, &other] {
            fs::write(p, b"half").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
        for p in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        let busy = Lock::take(&at("goi.ron")).unwrap();
        remove_stale_temporaries(dir.path());
        assert!(
            !killed.exists(),
            "no one is saving phien.ron: a killed save left it"
        );
        assert!(saving.exists(), "goi.ron is being saved");
        assert!(!old.exists());
        assert!(fresh.exists(), "an older giamkhao may be saving");
        assert!(other.exists(), "not ours");
        assert!(!lock_path(&at("phien.ron")).exists(), "no lock file left behind");
        drop(busy);
        remove_stale_temporaries(dir.path());
        assert!(!saving.exists(), "the save of goi.ron is over");
        assert!(!lock_path(&at("goi.ron")).exists());
    }

    #[test]
    fn replaces_and_keeps_the_three_previous_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phien.ron");
        write_atomic(&path, b"1").unwrap();
        assert!(!backup_path(&path).exists());
        for version in ["2", "3", "4", "5"] {
            write_atomic(&path, version.as_bytes()).unwrap();
        }
        assert_eq!(fs::read(&path).unwrap(), b"5");
        let kept: Vec<Vec<u8>> = backup_paths(&path).iter().map(|p| fs::read(p).unwrap()).collect();
        assert_eq!(kept, [b"4", b"3", b"2"]);
        assert!(!dir.path().join("phien.ron.bak.3").exists());
        assert!(temporaries(dir.path()).is_empty());
        assert!(
            !lock_path(&path).exists(),
            "the lock file goes when the save is done"
        );
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

    #[test]
    fn a_file_of_the_lock_files_name_with_something_in_it_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("poetry");
        fs::write(lock_path(&path), b"# someone else's\n").unwrap();
        write_atomic(&path, b"x").unwrap();
        assert_eq!(fs::read(lock_path(&path)).unwrap(), b"# someone else's\n");
        assert_eq!(fs::read(&path).unwrap(), b"x");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phien.ron");
        fs::write(&path, b"as read").unwrap();
        let read = Stamp::read(&path).unwrap();
        // Unchanged: saved.
        write_expecting(&path, b"mine", Expect::Unchanged(&read)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"mine");
        // Someone else saved meanwhile: refused, theirs kept, nothing else written.
        let mine = Stamp::of(b"mine");
        fs::write(&path, b"theirs").unwrap();
        let error = write_expecting(&path, b"mine again", Expect::Unchanged(&mine)).unwrap_err();
        assert_eq!(conflict_of(&error), Some(Conflict::Changed));
        assert_eq!(fs::read(&path).unwrap(), b"theirs");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"as read");
        assert!(!lock_path(&path).exists());
        assert!(temporaries(dir.path()).is_empty(), "what was set aside goes");
        // A file expected not to exist is not replaced either; gone since it was read, it is written.
        let new = dir.path().join("moi.ron");
        fs::write(&new, b"someone's").unwrap();
        let error = write_expecting(&new, b"x", Expect::Unchanged(&Stamp::absent())).unwrap_err();
        assert_eq!(conflict_of(&error), Some(Conflict::Changed));
        fs::remove_file(&path).unwrap();
        write_expecting(&path, b"back", Expect::Unchanged(&mine)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"back");
    }

    #[test]
    fn a_file_another_giamkhao_is_saving_waits_then_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phien.ron");
        fs::write(&path, b"before").unwrap();
        let held = Lock::take(&path).unwrap();
        let started = Instant::now();
        let error = Lock::take_within(&path, Duration::from_millis(300))
            .err()
            .unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300), "it waited");
        assert_eq!(conflict_of(&error), Some(Conflict::Locked));
        assert_eq!(fs::read(&path).unwrap(), b"before");
        // Let go of by one save, taken by the next.
        let waiting = std::thread::spawn({
            let path = path.clone();
            move || write_atomic(&path, b"after")
        });
        std::thread::sleep(Duration::from_millis(100));
        held.replace(b"during", Expect::Anything).unwrap();
        drop(held);
        waiting.join().unwrap().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"after");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"during");
    }

    /// The version replaced becomes the backup as it is on disk (the same file under a second
    /// name), not read into memory and written out again.
    #[cfg(unix)]
    #[test]
    fn the_backup_is_the_replaced_file_itself() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phien.ron");
        write_atomic(&path, b"1").unwrap();
        let first = fs::metadata(&path).unwrap().ino();
        write_atomic(&path, b"2").unwrap();
        assert_eq!(fs::metadata(backup_path(&path)).unwrap().ino(), first);
        assert_ne!(fs::metadata(&path).unwrap().ino(), first);
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"1");
        assert!(temporaries(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_saved_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("that-muc").join("phien.ron");
        fs::create_dir(real.parent().unwrap()).unwrap();
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("loi-tat.ron");
        std::os::unix::fs::symlink("that-muc/phien.ron", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::read(backup_path(&real)).unwrap(), b"old");
        assert!(!backup_path(&link).exists());
        assert!(same_file(&link, &real));
        assert!(!same_file(&link, &backup_path(&real)));
    }
}
