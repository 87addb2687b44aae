//! The contest folder: many laptops, one contest, over whatever carries files — Syncthing on a LAN, a
//! Windows (SMB) share, a cloud-synced folder, a USB stick. giamkhao runs no server; it makes the
//! folder safe.
//!
//! Writing (a judge's laptop): each new revision of the judge's sheet is a **new file** in the
//! judge's own subfolder, `FOLDER/<judge>/<round>-r<revision>-<key>.gkphieu`, written to a temporary
//! file and renamed without replacing anything. No file is ever rewritten and no two laptops write
//! the same path, so a sync engine has nothing to make a conflict of. A revision file is a signed
//! scoresheet file like a hand-in; its log holds the judge's entries since the file before, so files
//! stay the size of a sheet however long the day.
//!
//! Reading (the organizer's laptop, [`Follow`]): a walk of the folder (two levels), reading only the
//! files that are new or changed since the last walk, then merging each valid sheet through the same
//! checked, audited path as a manual merge ([`super::merge::merge_handed_in`]), in (judge, round,
//! revision) order. Merging goes by each entry's revision, never by file time, and merging a file
//! again changes nothing. Here every sheet must be signed: unsigned, badly signed or signed with a
//! key other than the judge's is refused; the first signed sheet of a judge not yet bound to a key
//! waits for the organizer to confirm that key.
//!
//! What sync engines leave behind is recognised and kept aside, never deleted, never merged: partial
//! and temporary files, conflict copies, other files, sheets of another contest, damaged files (read
//! again when they change: a file still arriving becomes whole).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::{JudgePacket, Scoresheet, ScoresheetFile, Session};

use super::files::{Format, HandedIn, LoadError};
use super::merge::{MergeError, MergeReport};
use super::signing::{self, Check};

/// The extension of scoresheet files, hand-ins and revisions alike.
pub const EXTENSION: &str = "gkphieu";

/// The revision of a whole sheet: the sum of its entries' revisions. Every accepted change (a score,
/// a comment, a recusal, an undo) adds one to one entry, so every change of the sheet gives a
/// higher number.
pub fn sheet_revision(sheet: &Scoresheet) -> u64 {
    sheet.entries.iter().map(|e| u64::from(e.revision)).sum()
}

/// `id` as a file or folder name that is safe on Windows, macOS and Linux: letters, digits, `-` and
/// `_` kept, anything else `_`.
fn safe(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() { "_".into() } else { name }
}

/// The subfolder a judge's laptop writes in.
pub fn judge_folder(folder: &Path, judge: &str) -> PathBuf {
    folder.join(safe(judge))
}

/// The name of a revision file without its extension: round, revision (seven digits, so names sort
/// in order), and the first eight hex digits of the key (so two laptops never write the same name).
pub fn revision_stem(file: &ScoresheetFile) -> String {
    let key = file
        .signature
        .as_ref()
        .and_then(|s| signing::fingerprint_of_hex(&s.public_key))
        .map(|print| print.replace('-', "")[..8].to_lowercase())
        .unwrap_or_else(|| "unsigned".into());
    format!(
        "{}-r{:07}-{key}",
        safe(&file.sheet.round),
        sheet_revision(&file.sheet)
    )
}

/// The revision file for a judge's packet as it is now: the sheet, the judge's log from `log_from`
/// on, its digest, and the judge's signature when a key is given.
pub fn revision_file(
    packet: &JudgePacket,
    log_from: usize,
    key: Option<&ed25519_dalek::SigningKey>,
) -> ScoresheetFile {
    let mut file = ScoresheetFile::new(packet.sheet.clone());
    file.audit = packet.audit.get(log_from..).unwrap_or_default().to_vec();
    file.digest = Some(super::seal::sheet_digest(&file.sheet));
    if let Some(key) = key {
        signing::sign(&mut file, key);
    }
    file
}

/// Writes `file` as a new file in its judge's subfolder of `folder` (the subfolder made if missing;
/// the folder itself must be there — a share or stick that is gone is not made again on this
/// laptop, where no one would see it): a temporary
/// file, flushed, then renamed to a name no file has. A file of that name with the same bytes is
/// taken as already written (nothing is written); one with other bytes keeps its name and the new
/// file gets the next free one (`…-2`, `…-3`). Returns the file's path.
pub fn write_revision(folder: &Path, file: &ScoresheetFile) -> Result<PathBuf, LoadError> {
    let dir = judge_folder(folder, &file.sheet.judge);
    let failed = |path: &Path, e: &std::io::Error| super::files::write_error(path, e);
    if !folder.is_dir() {
        let gone = std::io::Error::new(std::io::ErrorKind::NotFound, "the contest folder is not there");
        return Err(failed(folder, &gone));
    }
    if let Err(e) = fs::create_dir(&dir)
        && e.kind() != std::io::ErrorKind::AlreadyExists
    {
        return Err(failed(&dir, &e));
    }
    let text = super::files::to_text(file, Format::Ron).map_err(|message| LoadError::Write {
        path: dir.clone(),
        cause: super::files::WriteCause::Other,
        message,
    })?;
    let stem = revision_stem(file);
    for n in 1u32.. {
        let name = match n {
            1 => format!("{stem}.{EXTENSION}"),
            n => format!("{stem}-{n}.{EXTENSION}"),
        };
        let path = dir.join(name);
        match fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => return Ok(path),
            Ok(_) => continue,
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(&path, &e)),
            Err(_) => {}
        }
        let mut temp = tempfile::Builder::new()
            .prefix(".giamkhao-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| failed(&path, &e))?;
        temp.write_all(text.as_bytes()).map_err(|e| failed(&path, &e))?;
        // Readable by the other accounts of a shared folder (a temporary file is private).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let readable = fs::Permissions::from_mode(0o644);
            temp.as_file()
                .set_permissions(readable)
                .map_err(|e| failed(&path, &e))?;
        }
        temp.as_file().sync_all().map_err(|e| failed(&path, &e))?;
        match temp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(&path, &e.error)),
        }
    }
    unreachable!("some name is always free")
}

/// Writes the packet's sheet to its contest folder when it has changed since the last file written
/// there (or was never written), and notes what was written in the packet's link; does nothing for
/// a packet joined to no folder. The caller saves the packet after. Returns the new file's path.
///
/// A folder that cannot be written (unplugged, the share down) is said and the link left as it
/// was: the next change writes everything since the last file that made it.
pub fn publish(
    packet: &mut JudgePacket,
    key: Option<&ed25519_dalek::SigningKey>,
) -> Result<Option<PathBuf>, LoadError> {
    let Some(link) = packet.folder.as_ref() else {
        return Ok(None);
    };
    let revision = sheet_revision(&packet.sheet);
    if link.revision.is_some_and(|last| revision <= last) {
        return Ok(None);
    }
    let file = revision_file(packet, link.log_written, key);
    let path = write_revision(Path::new(&link.path), &file)?;
    let written = packet.audit.len();
    if let Some(link) = packet.folder.as_mut() {
        link.revision = Some(revision);
        link.log_written = written;
    }
    Ok(Some(path))
}

/// Why a file in the folder is kept aside: shown, never merged, never deleted.
#[derive(Clone, Debug, PartialEq)]
pub enum Aside {
    /// A file still being written: a sync engine's temporary (`.syncthing.*.tmp`, `~syncthing~*`),
    /// an Office lock (`~$*`), a download, or giamkhao's own (`.giamkhao-*.tmp`).
    Partial,
    /// A copy a sync engine made when two laptops changed one file (`*.sync-conflict-*`,
    /// "conflicted copy").
    ConflictCopy,
    /// Not a scoresheet (another kind of file).
    NotASheet,
    /// Cannot be read as a scoresheet: damaged, cut short, or still arriving. Read again when it
    /// changes.
    Damaged(LoadError),
    /// A sheet of another contest.
    OtherContest { found: String },
    /// A sheet that cannot be merged: unsigned, badly signed, signed with another key than the
    /// judge's, of an unknown judge or round, breaking the rules.
    Refused(MergeError),
}

/// What a file in the folder is, as last read.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen {
    /// A signed sheet, merged: what the merge did (nothing, when the session had it already).
    Merged { sheet: SheetId, report: MergeReport },
    /// A signed sheet of a judge not yet bound to a key: it waits for the organizer to confirm the
    /// key (the judge reads its fingerprint out from their laptop's About).
    AwaitingKey { sheet: SheetId, fingerprint: String },
    /// Kept aside, with why.
    Aside(Aside),
    /// A revision file not read, because a later one of the same laptop and round (`by`) holds
    /// nothing new to the session (see [`Follow::step`]).
    Superseded { by: String },
}

/// Which sheet a file holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SheetId {
    pub judge: String,
    pub round: String,
    pub revision: u64,
}

/// A file of the folder as last read: its size and time (to tell when it changed), what it is, and
/// when it was read.
#[derive(Clone, Debug)]
pub struct Tracked {
    size: u64,
    modified: Option<SystemTime>,
    pub seen: Seen,
    pub at: jiff::Timestamp,
}

/// Something a walk of the folder found: a file read for the first time or again (because it
/// changed), with what it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The file's path inside the folder, with `/` between names.
    pub file: String,
    pub seen: Seen,
}

/// Why the folder could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreachable {
    /// Not there: unplugged, the share down, renamed.
    Gone,
    /// The system refuses to let this account read it.
    Denied,
    /// What the system said.
    Other(String),
}

impl Unreachable {
    fn of(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Unreachable::Gone,
            std::io::ErrorKind::PermissionDenied => Unreachable::Denied,
            _ => Unreachable::Other(e.to_string()),
        }
    }
}

/// What one walk of the folder did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Step {
    pub changes: Vec<Change>,
    /// The folder could not be read (gone, unplugged, the share down): why. What was read before is
    /// kept; the next walk tries again.
    pub unreachable: Option<Unreachable>,
    /// The session is sealed: nothing was read or merged.
    pub sealed: bool,
}

impl Step {
    /// Whether the session changed.
    pub fn merged(&self) -> bool {
        self.changes
            .iter()
            .any(|c| matches!(&c.seen, Seen::Merged { report, .. } if report.changed()))
    }
}

/// The organizer's side: a contest folder followed, each file as last read.
#[derive(Clone, Debug)]
pub struct Follow {
    pub folder: PathBuf,
    files: BTreeMap<String, Tracked>,
    /// Why the folder could not be read at the last walk, if it could not.
    pub unreachable: Option<Unreachable>,
    /// When the folder was last walked.
    pub walked: Option<jiff::Timestamp>,
}

/// Names that are not the contest's at all and are passed over in silence: a sync engine's own
/// markers, the system's folder files.
fn ignored(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        ".stfolder" | ".stignore" | ".stversions" | ".ds_store" | "desktop.ini" | "thumbs.db"
    ) || name.starts_with("._")
}

/// What a file's name alone tells: partial, a conflict copy, not a sheet; None: read it.
pub fn by_name(name: &str) -> Option<Aside> {
    let lower = name.to_lowercase();
    let partial = (lower.starts_with(".syncthing.") && lower.ends_with(".tmp"))
        || lower.starts_with("~syncthing~")
        || lower.starts_with("~$")
        || lower.starts_with(".~lock.")
        || (lower.starts_with(".giamkhao-") && lower.ends_with(".tmp"))
        || [".tmp", ".part", ".partial", ".crdownload", ".download", ".!sync"]
            .iter()
            .any(|end| lower.ends_with(end));
    if partial {
        return Some(Aside::Partial);
    }
    if lower.contains(".sync-conflict-")
        || lower.contains("conflicted copy")
        || lower.contains("conflict copy")
        || lower.contains("(conflict")
    {
        return Some(Aside::ConflictCopy);
    }
    if !lower.ends_with(&format!(".{EXTENSION}")) {
        return Some(Aside::NotASheet);
    }
    None
}

/// A file found by a walk: its path inside the folder, where it is, its size and time.
struct Found {
    key: String,
    path: PathBuf,
    size: u64,
    modified: Option<SystemTime>,
}

/// The files in `folder` and in its subfolders (one level down), but not in folders whose name
/// begins with a dot (a sync engine's own: `.stversions`, `.stfolder`).
fn walk(folder: &Path) -> std::io::Result<Vec<Found>> {
    let mut found = Vec::new();
    let mut dirs = vec![(folder.to_path_buf(), String::new(), 0)];
    while let Some((dir, prefix, depth)) = dirs.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            // A subfolder that went while being walked is passed over; the folder itself is said.
            Err(e) if depth == 0 => return Err(e),
            Err(_) => continue,
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if ignored(&name) {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            let key = format!("{prefix}{name}");
            if meta.is_dir() {
                if depth == 0 && !name.starts_with('.') {
                    dirs.push((entry.path(), format!("{key}/"), depth + 1));
                }
            } else if meta.is_file() {
                found.push(Found {
                    key,
                    path: entry.path(),
                    size: meta.len(),
                    modified: meta.modified().ok(),
                });
            }
        }
    }
    Ok(found)
}

/// A file read as a scoresheet (never through the usual loader, which tidies giamkhao's own stale
/// temporaries: nothing in a contest folder is deleted).
fn read_sheet(path: &Path) -> Result<HandedIn, LoadError> {
    let bytes = fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let text = super::files::text_from_bytes(path, bytes)?;
    let file: ScoresheetFile = super::files::parse_kind(path, &text, crate::model::FileKind::Scoresheet)?;
    let problems = super::validate::validate_scoresheet_file(&file);
    if !problems.is_empty() {
        return Err(LoadError::Invalid {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(HandedIn {
        sheet: file.sheet,
        audit: file.audit,
        signature: file.signature,
    })
}

/// A sheet read and checked, before merging: what it is, or why it is not merged.
enum Checked {
    Ready(SheetId, Box<HandedIn>),
    Seen(Box<Seen>),
}

/// Checks what a readable sheet may be merged as: of this contest, signed, with the judge's key (or,
/// for a judge bound to no key yet, waiting for it to be confirmed).
fn check(session: &Session, handed_in: HandedIn) -> Checked {
    let sheet = &handed_in.sheet;
    if sheet.contest_id != session.contest.id {
        return Checked::Seen(Box::new(Seen::Aside(Aside::OtherContest {
            found: sheet.contest_id.clone(),
        })));
    }
    let id = SheetId {
        judge: sheet.judge.clone(),
        round: sheet.round.clone(),
        revision: sheet_revision(sheet),
    };
    let refused = |e| Checked::Seen(Box::new(Seen::Aside(Aside::Refused(e))));
    let Some(judge) = session.contest.judge(&sheet.judge) else {
        return refused(MergeError::UnknownJudge(sheet.judge.clone()));
    };
    match signing::check_sheet(sheet, &handed_in.audit, handed_in.signature.as_ref()) {
        Check::Invalid => refused(MergeError::BadSignature),
        Check::Unsigned => refused(MergeError::Unsigned {
            judge: sheet.judge.clone(),
        }),
        Check::Valid { fingerprint } => match judge.key.as_deref() {
            None => Checked::Seen(Box::new(Seen::AwaitingKey {
                sheet: id,
                fingerprint,
            })),
            // A key bound but not the sheet's: merge says so, with both fingerprints.
            Some(_) => Checked::Ready(id, Box::new(handed_in)),
        },
    }
}

impl Follow {
    pub fn new(folder: PathBuf) -> Self {
        Follow {
            folder,
            files: BTreeMap::new(),
            unreachable: None,
            walked: None,
        }
    }

    /// Every file as last read, by its path inside the folder.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Tracked)> {
        self.files.iter().map(|(k, t)| (k.as_str(), t))
    }

    /// The files waiting for a judge's key to be confirmed: (judge, fingerprint, file), the highest
    /// revision of each (judge, fingerprint) only.
    pub fn awaiting(&self) -> Vec<(String, String, String)> {
        let mut out: BTreeMap<(String, String), (u64, String)> = BTreeMap::new();
        for (file, t) in &self.files {
            if let Seen::AwaitingKey { sheet, fingerprint } = &t.seen {
                let slot = out
                    .entry((sheet.judge.clone(), fingerprint.clone()))
                    .or_insert((0, String::new()));
                if sheet.revision >= slot.0 {
                    *slot = (sheet.revision, file.clone());
                }
            }
        }
        out.into_iter().map(|((j, f), (_, file))| (j, f, file)).collect()
    }

    /// Reads again, at the next walk, every file that was not merged because of its judge's key:
    /// called once the organizer bound a key (or changed one).
    pub fn recheck_keys(&mut self) {
        self.files.retain(|_, t| {
            !matches!(
                t.seen,
                Seen::AwaitingKey { .. }
                    | Seen::Aside(Aside::Refused(
                        MergeError::OtherKey { .. } | MergeError::Unsigned { .. }
                    ))
            )
        });
    }

    /// Walks the folder, reads what is new or changed since the last walk, and merges each sheet that
    /// may be merged into `session`, lowest revision first, recording `by` and the file in the log.
    pub fn step(&mut self, session: &mut Session, by: &str, at: jiff::Timestamp) -> Step {
        let mut step = Step::default();
        if session.seal.is_some() {
            step.sealed = true;
            return step;
        }
        let found = match walk(&self.folder) {
            Ok(found) => found,
            Err(e) => {
                let why = Unreachable::of(&e);
                if self.unreachable.as_ref() != Some(&why) {
                    step.unreachable = Some(why.clone());
                }
                self.unreachable = Some(why);
                return step;
            }
        };
        self.unreachable = None;
        self.walked = Some(at);
        // Files that went (a temporary renamed to its final name, a conflict copy someone cleared)
        // are no longer shown.
        let present: std::collections::HashSet<&str> = found.iter().map(|f| f.key.as_str()).collect();
        self.files.retain(|k, _| present.contains(k.as_str()));
        let fresh: Vec<Found> = found
            .into_iter()
            .filter(|f| {
                self.files
                    .get(&f.key)
                    .is_none_or(|t| t.size != f.size || t.modified != f.modified)
            })
            .collect();
        let mut ready = Vec::new();
        for f in self.skip_superseded(&mut step, session, fresh, at) {
            let name = f.key.rsplit('/').next().unwrap_or(&f.key);
            let seen = match by_name(name) {
                Some(aside) => Seen::Aside(aside),
                None => match read_sheet(&f.path) {
                    Err(e) => Seen::Aside(Aside::Damaged(e)),
                    Ok(handed_in) => match check(session, handed_in) {
                        Checked::Seen(seen) => *seen,
                        Checked::Ready(id, handed_in) => {
                            ready.push((id, f, handed_in));
                            continue;
                        }
                    },
                },
            };
            self.track(&mut step, f, seen, at);
        }
        ready.sort_by(|a, b| (&a.0, &a.1.key).cmp(&(&b.0, &b.1.key)));
        for (id, f, handed_in) in ready {
            // A file whose every entry the session has already (read again after a restart) needs
            // no merge: that is most of a folder read again.
            // (Unless it still brings part of the judge's log: its stream read out of order, a newer
            // revision merged first.)
            let merged = match super::merge::already_merged(session, &handed_in.sheet) {
                Some(report)
                    if key_matches(session, &handed_in)
                        && !super::merge::has_new_claims(session, &handed_in) =>
                {
                    Ok(report)
                }
                _ => super::merge::merge_handed_in(session, &handed_in, by, &f.key, at),
            };
            let seen = match merged {
                Ok(report) => Seen::Merged { sheet: id, report },
                Err(e) => Seen::Aside(Aside::Refused(e)),
            };
            self.track(&mut step, f, seen, at);
        }
        step
    }

    /// Of the files new to this walk, those worth reading. The revision files one laptop wrote for one
    /// round form a stream; when a stream's newest file holds nothing the session does not have, its
    /// older files cannot change anything either (a sheet only grows, and the judge's log of them
    /// goes in only with their changes), so they are noted as superseded without being read: a
    /// folder read again after a restart costs one file per laptop. Otherwise every file of the
    /// stream is read, oldest first, as usual.
    fn skip_superseded(
        &mut self,
        step: &mut Step,
        session: &Session,
        fresh: Vec<Found>,
        at: jiff::Timestamp,
    ) -> Vec<Found> {
        let mut streams: BTreeMap<String, Vec<(u64, Found)>> = BTreeMap::new();
        let mut read = Vec::new();
        for f in fresh {
            match stream_of(&f.key) {
                Some((stream, revision)) => streams.entry(stream).or_default().push((revision, f)),
                None => read.push(f),
            }
        }
        for (_, mut files) in streams {
            files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.key.cmp(&a.1.key)));
            if files.len() > 1
                && let Ok(handed_in) = read_sheet(&files[0].1.path)
                && let Checked::Ready(id, handed_in) = check(session, handed_in)
                && key_matches(session, &handed_in)
                && let Some(report) = super::merge::already_merged(session, &handed_in.sheet)
            {
                let mut files = files.into_iter().map(|(_, f)| f);
                if let Some(newest) = files.next() {
                    let by = newest.key.clone();
                    self.track(step, newest, Seen::Merged { sheet: id, report }, at);
                    for f in files {
                        self.note(f, Seen::Superseded { by: by.clone() }, at);
                    }
                }
                continue;
            }
            read.extend(files.into_iter().map(|(_, f)| f));
        }
        read
    }

    /// Records what a file is without telling it as a change (a superseded revision, not read).
    fn note(&mut self, f: Found, seen: Seen, at: jiff::Timestamp) {
        self.files.insert(
            f.key,
            Tracked {
                size: f.size,
                modified: f.modified,
                seen,
                at,
            },
        );
    }

    /// Records what a file is, and tells it as a change of this walk.
    fn track(&mut self, step: &mut Step, f: Found, seen: Seen, at: jiff::Timestamp) {
        step.changes.push(Change {
            file: f.key.clone(),
            seen: seen.clone(),
        });
        self.note(f, seen, at);
    }

    /// Each judge's line of the status board, in the contest's order.
    pub fn board(&self, session: &Session) -> Vec<JudgeStatus> {
        session
            .contest
            .judges
            .iter()
            .map(|j| {
                let mut status = JudgeStatus {
                    judge: j.id.clone(),
                    key: j.key.clone(),
                    ..Default::default()
                };
                let own = format!("{}/", safe(&j.id));
                for (file, t) in &self.files {
                    match &t.seen {
                        Seen::Merged { sheet, report } if sheet.judge == j.id => {
                            if !report.conflicts.is_empty() || !report.refused.is_empty() {
                                status.conflicts += 1;
                            }
                            if status
                                .last
                                .as_ref()
                                .is_none_or(|(s, _, _)| sheet.revision > s.revision)
                            {
                                status.last = Some((sheet.clone(), file.clone(), t.at));
                            }
                        }
                        Seen::AwaitingKey { sheet, fingerprint } if sheet.judge == j.id => {
                            status.awaiting = Some(fingerprint.clone());
                        }
                        Seen::Aside(Aside::Refused(e)) if refused_judge(e) == Some(j.id.as_str()) => {
                            status.refused += 1;
                        }
                        // Counted on the judge it claims to be, wherever it lies.
                        Seen::Aside(Aside::Refused(e)) if refused_judge(e).is_some() => {}
                        Seen::Aside(_) if file.starts_with(&own) => status.aside += 1,
                        _ => {}
                    }
                }
                status
            })
            .collect()
    }
}

/// Whether a sheet's signature (already checked) is by the key its judge is bound to.
fn key_matches(session: &Session, handed_in: &HandedIn) -> bool {
    let bound = session
        .contest
        .judge(&handed_in.sheet.judge)
        .and_then(|j| j.key.as_deref());
    let signed = handed_in
        .signature
        .as_ref()
        .and_then(|s| signing::fingerprint_of_hex(&s.public_key));
    bound
        .zip(signed)
        .is_some_and(|(bound, signed)| signing::is_bound_key(bound, &signed))
}

/// The stream of a revision file — its folder, round and key, as `write_revision` names it — and
/// its revision; None for a file named otherwise.
fn stream_of(key: &str) -> Option<(String, u64)> {
    let (dir, name) = key.rsplit_once('/').unwrap_or(("", key));
    let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
    let parts: Vec<&str> = stem.split('-').collect();
    let at = parts
        .iter()
        .rposition(|p| p.len() >= 8 && p.starts_with('r') && p[1..].bytes().all(|b| b.is_ascii_digit()))?;
    let key_part = parts.get(at + 1)?;
    let signed = key_part.len() == 8 && key_part.bytes().all(|b| b.is_ascii_hexdigit());
    let tail_ok = match &parts[at + 2..] {
        [] => true,
        [n] => n.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    if at == 0 || !(signed || *key_part == "unsigned") || !tail_ok {
        return None;
    }
    let revision = parts[at][1..].parse().ok()?;
    Some((format!("{dir}/{}/{key_part}", parts[..at].join("-")), revision))
}

/// Which judge a refusal names, when it names one.
fn refused_judge(e: &MergeError) -> Option<&str> {
    match e {
        MergeError::Unsigned { judge } | MergeError::OtherKey { judge, .. } => Some(judge),
        _ => None,
    }
}

/// One judge's line of the status board.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JudgeStatus {
    pub judge: String,
    /// The fingerprint of the key the judge is bound to.
    pub key: Option<String>,
    /// The highest revision merged: the sheet, its file, when it was read.
    pub last: Option<(SheetId, String, jiff::Timestamp)>,
    /// A key waiting for the organizer's confirmation (the judge's first signed sheet).
    pub awaiting: Option<String>,
    /// Sheets refused for their signature (unsigned, another key).
    pub refused: usize,
    /// Files in the judge's subfolder kept aside (partial, conflict copies, damaged, …).
    pub aside: usize,
    /// Sheets merged with a conflict (same revision, other content) or refused entries.
    pub conflicts: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_files_are_told_by_their_names() {
        assert_eq!(
            stream_of("gk6/chung-khao-r0000042-3f9a07c2.gkphieu"),
            Some(("gk6/chung-khao/3f9a07c2".into(), 42))
        );
        assert_eq!(
            stream_of("gk6/so-khao-2-r0001000-unsigned-2.gkphieu"),
            Some(("gk6/so-khao-2/unsigned".into(), 1000))
        );
        for other in [
            "gk6/phieu-cham-gk6-chung-khao.gkphieu",
            "gk6/chung-khao-r42-3f9a07c2.gkphieu",
            "gk6/chung-khao-r0000042-zzzz.gkphieu",
            "gk6/r0000042-3f9a07c2.gkphieu",
            "gk6/chung-khao-r0000042-3f9a07c2.ron",
        ] {
            assert_eq!(stream_of(other), None, "{other}");
        }
    }
}
