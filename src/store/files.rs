//! Reading and writing the three file kinds. A file is read in three steps: its header (kind and
//! format version) first, so a newer or foreign file is refused with that reason; then the whole
//! file, with the line and column of any error; then validation. Nothing on disk is touched by a
//! failed load, and saving is atomic.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{FORMAT_VERSION, FileKind, JudgePacket, ScoresheetFile, Session};

use super::atomic::{Expect, Lock, Stamp};
use super::validate::{Problem, validate_packet, validate_scoresheet_file, validate_session};

/// RON (the default) or JSON, chosen by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Ron,
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Ron,
        }
    }
}

/// Why a file could not be loaded. Shown to people through `crate::text`.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    Io {
        path: PathBuf,
        message: String,
    },
    /// Saving failed; the file already on disk is untouched.
    Write {
        path: PathBuf,
        cause: WriteCause,
        message: String,
    },
    /// The text is not valid RON/JSON, or a value has the wrong type.
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Not a giamkhao file: another program's RON or JSON (no kind and version), a workbook, a
    /// PDF, a text table…, as far as its first bytes tell.
    NotGiamkhao {
        path: PathBuf,
        what: Foreign,
    },
    WrongKind {
        path: PathBuf,
        expected: FileKind,
        found: FileKind,
    },
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Parsed, but the content breaks the rules (every problem is listed).
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

/// What a file that is not giamkhao's is, as far as its content tells (its name only tells an old
/// Excel workbook from another old Office document).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// Nothing in it, or only blanks.
    Empty,
    /// An Excel workbook (.xlsx, .xlsm).
    Excel,
    /// An Excel 97–2003 workbook (.xls).
    OldExcel,
    /// Another Office 97–2003 document (.doc, .ppt, or an .xls by another name).
    OldOffice,
    /// A LibreOffice/OpenOffice spreadsheet (.ods).
    OpenDocumentSheet,
    /// A Word document (.docx).
    Word,
    /// Another ZIP archive.
    Zip,
    Pdf,
    /// A picture: "PNG", "JPEG", "GIF", "WebP".
    Image(&'static str),
    /// Text in rows and columns (CSV, tab-separated).
    Table,
    /// JSON without giamkhao's kind and version.
    Json,
    /// RON without giamkhao's kind and version.
    Ron,
    /// A web page or an XML file.
    Markup,
    /// Any other text.
    Text,
}

impl Foreign {
    /// Whether the file may be a list of registrations, to be imported rather than opened.
    pub fn may_be_registrations(self) -> bool {
        matches!(
            self,
            Foreign::Excel | Foreign::OldExcel | Foreign::OpenDocumentSheet | Foreign::Table
        )
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What a file is, from its first bytes, when they are those of a kind of file giamkhao never
/// writes (an archive, a workbook, a PDF, a picture); None for anything that may be text.
pub fn foreign_bytes(path: &Path, bytes: &[u8]) -> Option<Foreign> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // The names of the parts are stored in plain text in the archive.
        return Some(
            if contains(bytes, b"application/vnd.oasis.opendocument.spreadsheet") {
                Foreign::OpenDocumentSheet
            } else if contains(bytes, b"xl/workbook") {
                Foreign::Excel
            } else if contains(bytes, b"word/document") {
                Foreign::Word
            } else {
                Foreign::Zip
            },
        );
    }
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Some(if extension == "xls" {
            Foreign::OldExcel
        } else {
            Foreign::OldOffice
        });
    }
    let images: [(&[u8], &str); 5] = [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"RIFF", "WebP"),
    ];
    for (magic, name) in images {
        if bytes.starts_with(magic) && (name != "WebP" || bytes.get(8..12) == Some(b"WEBP")) {
            return Some(Foreign::Image(name));
        }
    }
    bytes.starts_with(b"%PDF-").then_some(Foreign::Pdf)
}

/// What a text that could not be read as a giamkhao file is, when it is plainly something else:
/// empty, another program's JSON, a web page, a table, plain text. None when it may be a damaged
/// giamkhao file (it names a kind of giamkhao file, or looks like broken RON or JSON): then the
/// parser's line and column say more.
pub fn foreign_text(path: &Path, text: &str) -> Option<Foreign> {
    let start = text.trim_start();
    if start.is_empty() {
        return Some(Foreign::Empty);
    }
    let head: String = start.chars().take(4096).collect();
    let names_a_kind = ["Session", "JudgePacket", "Scoresheet"]
        .iter()
        .any(|k| head.contains(k));
    if head.contains("kind") && names_a_kind {
        return None;
    }
    match start.chars().next() {
        Some('{' | '[') => serde_json::from_str::<serde::de::IgnoredAny>(text)
            .is_ok()
            .then_some(Foreign::Json),
        Some('(') => None,
        Some('<') => Some(Foreign::Markup),
        _ => Some(if is_table(path, start) {
            Foreign::Table
        } else {
            Foreign::Text
        }),
    }
}

/// Rows of values split by commas, semicolons or tabs (or a file named .csv or .tsv).
fn is_table(path: &Path, text: &str) -> bool {
    let named = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"));
    let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(5).collect();
    named
        || [',', ';', '\t']
            .iter()
            .any(|&sep| rows.iter().all(|row| row.contains(sep)))
}

/// The first two fields of every file; any other field is skipped while probing.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default, deserialize_with = "present")]
    kind: Option<FileKind>,
    #[serde(default, deserialize_with = "present")]
    version: Option<u32>,
}

/// Reads a plain value (`kind: Session`) as present, where a missing field stays None.
fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

fn syntax_from_ron(path: &Path, e: ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

fn syntax_from_json(path: &Path, e: serde_json::Error) -> LoadError {
    LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}

fn parse<T: DeserializeOwned>(path: &Path, text: &str, format: Format) -> Result<T, LoadError> {
    parse_with(path, text, format, super::quick_ron::from_str)
}

/// [`parse`], with the fast reader `quick` for RON.
fn parse_with<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    format: Format,
    quick: fn(&str) -> Option<T>,
) -> Result<T, LoadError> {
    // What giamkhao wrote is read by the fast reader; anything else (and every error) by `ron`.
    if format == Format::Ron
        && let Some(value) = quick(text)
    {
        return Ok(value);
    }
    if let Some(n) = super::numbers::first_inexact(text) {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: n.line,
            column: n.column,
            message: format!("{INEXACT_NUMBER} {}", n.text),
        });
    }
    match format {
        Format::Ron => ron::Options::default()
            .from_str(text)
            .map_err(|e| syntax_from_ron(path, e)),
        Format::Json => serde_json::from_str(text).map_err(|e| syntax_from_json(path, e)),
    }
}

/// How the message of a number that cannot be kept exactly begins (the number follows).
pub const INEXACT_NUMBER: &str = "Inexact number";

/// Reads the header of `text` and returns the file's kind, refusing newer versions. Files giamkhao
/// wrote open with their kind and version, which are read from the first lines; anything else is
/// probed in full.
pub fn detect_kind(path: &Path, text: &str, format: Format) -> Result<FileKind, LoadError> {
    let not_giamkhao = |what| LoadError::NotGiamkhao {
        path: path.to_path_buf(),
        what,
    };
    let header = match quick_header(text) {
        Some(h) => h,
        None => parse::<Header>(path, text, format)
            .map_err(|e| foreign_text(path, text).map_or(e, not_giamkhao))?,
    };
    let (Some(kind), Some(version)) = (header.kind, header.version) else {
        let what = foreign_text(path, text).unwrap_or(match format {
            Format::Ron => Foreign::Ron,
            Format::Json => Foreign::Json,
        });
        return Err(not_giamkhao(what));
    };
    check_version(path, kind, version)
}

/// `kind`, unless the file is of a newer format than this giamkhao reads.
fn check_version(path: &Path, kind: FileKind, version: u32) -> Result<FileKind, LoadError> {
    if version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    Ok(kind)
}

/// `kind` and `version` from the first lines, as giamkhao writes them in RON or JSON.
fn quick_header(text: &str) -> Option<Header> {
    let mut kind = None;
    let mut version = None;
    for line in text.lines().take(4) {
        let line = line.trim().trim_end_matches(',');
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        match key.trim().trim_matches('"') {
            "kind" => {
                kind = Some(match value {
                    "Session" => FileKind::Session,
                    "JudgePacket" => FileKind::JudgePacket,
                    "Scoresheet" => FileKind::Scoresheet,
                    _ => return None,
                })
            }
            "version" => version = Some(value.parse().ok()?),
            _ => {}
        }
        if kind.is_some() && version.is_some() {
            return Some(Header { kind, version });
        }
    }
    None
}

/// The kind and version every file kind carries.
pub trait Headed: Sized + DeserializeOwned {
    fn header(&self) -> (FileKind, u32);

    /// The fast reader of this kind of file (see [`super::quick_ron`]).
    fn quick(text: &str) -> Option<Self> {
        super::quick_ron::from_str(text)
    }
}

/// From this size on, a session's scoresheets are read on a second core.
const PARTED_FROM: usize = 1 << 20;

impl Headed for Session {
    fn header(&self) -> (FileKind, u32) {
        (self.kind, self.version)
    }

    fn quick(text: &str) -> Option<Self> {
        super::quick_ron::session_from_str(text, PARTED_FROM)
    }
}
impl Headed for JudgePacket {
    fn header(&self) -> (FileKind, u32) {
        (self.kind, self.version)
    }
}
impl Headed for ScoresheetFile {
    fn header(&self) -> (FileKind, u32) {
        (self.kind, self.version)
    }
}

/// Reads a file as UTF-8 text (a byte order mark is dropped); bad bytes are reported by line and column.
/// Temporary files a killed save left in its folder are cleared first.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    text_from_bytes(path, read_bytes(path)?)
}

/// Reads a file as [`read_text`] does, with the stamp of its bytes, to save it back only if no one
/// changed it meanwhile. Only a reader that may save back pays for the stamp: a SHA-256 of the whole
/// file.
pub fn read_text_stamped(path: &Path) -> Result<(String, Stamp), LoadError> {
    let bytes = read_bytes(path)?;
    let stamp = Stamp::of(&bytes);
    Ok((text_from_bytes(path, bytes)?, stamp))
}

/// The bytes of the file at `path`, after clearing the temporary files a killed save left beside it.
fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        super::atomic::remove_stale_temporaries(folder);
    }
    std::fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// The bytes of a file named `path` as UTF-8 text (a byte order mark is dropped). A workbook, a
/// PDF, a picture or an archive is refused as not a giamkhao file, saying which it is.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some(what) = foreign_bytes(path, &bytes) {
        return Err(LoadError::NotGiamkhao {
            path: path.to_path_buf(),
            what,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: "not UTF-8 text".into(),
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// Parses a file of the `expected` kind from text. The file is parsed once; only when that fails is
/// its header probed, to say why in the plainest terms (a newer version, another kind of file, not a
/// giamkhao file) before falling back to the line and column of the error.
pub fn parse_kind<T: DeserializeOwned + Headed>(
    path: &Path,
    text: &str,
    expected: FileKind,
) -> Result<T, LoadError> {
    let format = Format::of(path);
    let wrong_kind = |found| LoadError::WrongKind {
        path: path.to_path_buf(),
        expected,
        found,
    };
    match parse_with::<T>(path, text, format, T::quick) {
        Ok(value) => {
            let (kind, version) = value.header();
            let kind = check_version(path, kind, version)?;
            if kind != expected {
                return Err(wrong_kind(kind));
            }
            Ok(value)
        }
        Err(error) => match detect_kind(path, text, format) {
            Ok(kind) if kind != expected => Err(wrong_kind(kind)),
            Ok(_) => Err(error),
            Err(LoadError::Syntax { .. }) => Err(error),
            Err(header_error) => Err(header_error),
        },
    }
}

fn invalid(path: &Path, problems: Vec<Problem>) -> Result<(), LoadError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoadError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// Loads and validates a session, with the results stored at its last save.
pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    let session = load_session_unchecked(path)?;
    invalid(path, validate_session(&session))?;
    Ok(session)
}

/// Loads and validates a session, with the stamp of the file as read: saving with it
/// ([`save_session_expecting`]) refuses to overwrite what someone else saved meanwhile.
pub fn load_session_stamped(path: &Path) -> Result<(Session, Stamp), LoadError> {
    let (text, stamp) = read_text_stamped(path)?;
    Ok((session_from_text(path, &text)?, stamp))
}

/// A session parsed and validated from the text of the file `path` (read once by the caller).
pub fn session_from_text(path: &Path, text: &str) -> Result<Session, LoadError> {
    let session: Session = parse_kind(path, text, FileKind::Session)?;
    invalid(path, validate_session(&session))?;
    Ok(session)
}

/// A judge packet parsed and validated from the text of the file `path`.
pub fn packet_from_text(path: &Path, text: &str) -> Result<JudgePacket, LoadError> {
    let packet: JudgePacket = parse_kind(path, text, FileKind::JudgePacket)?;
    invalid(path, validate_packet(&packet))?;
    Ok(packet)
}

/// Loads a session without validating it (for `check`, which lists the problems itself).
pub fn load_session_unchecked(path: &Path) -> Result<Session, LoadError> {
    parse_kind(path, &read_text(path)?, FileKind::Session)
}

pub fn load_packet(path: &Path) -> Result<JudgePacket, LoadError> {
    load_packet_stamped(path).map(|(packet, _)| packet)
}

/// Loads and validates a judge packet, with the stamp of the file as read.
pub fn load_packet_stamped(path: &Path) -> Result<(JudgePacket, Stamp), LoadError> {
    let (text, stamp) = read_text_stamped(path)?;
    Ok((packet_from_text(path, &text)?, stamp))
}

/// A sheet a judge handed back, with the judge's own log of the changes.
#[derive(Clone, Debug, PartialEq)]
pub struct HandedIn {
    pub sheet: crate::model::Scoresheet,
    pub audit: Vec<crate::model::AuditEntry>,
    /// The judge's signature, for a scoresheet file (a packet handed back whole carries none).
    pub signature: Option<crate::model::SheetSignature>,
}

/// The sheet a judge handed back: a scoresheet file, or their whole judge packet.
pub fn load_handed_in(path: &Path) -> Result<HandedIn, LoadError> {
    let raw = read_text(path)?;
    match detect_kind(path, &raw, Format::of(path))? {
        FileKind::JudgePacket => load_packet(path).map(|p| HandedIn {
            sheet: p.sheet,
            audit: p.audit,
            signature: None,
        }),
        _ => load_scoresheet(path).map(|f| HandedIn {
            sheet: f.sheet,
            audit: f.audit,
            signature: f.signature,
        }),
    }
}

pub fn load_scoresheet(path: &Path) -> Result<ScoresheetFile, LoadError> {
    let file: ScoresheetFile = parse_kind(path, &read_text(path)?, FileKind::Scoresheet)?;
    invalid(path, validate_scoresheet_file(&file))?;
    Ok(file)
}

/// Serializes in the format the extension names.
pub fn to_text<T: Serialize>(value: &T, format: Format) -> Result<String, String> {
    match format {
        Format::Ron => {
            let config = ron::ser::PrettyConfig::new().indentor("  ").struct_names(false);
            ron::Options::default()
                .to_string_pretty(value, config)
                .map_err(|e| e.to_string())
        }
        Format::Json => serde_json::to_string_pretty(value).map_err(|e| e.to_string()),
    }
}

/// Why a save failed, as far as a person can act on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteCause {
    /// No space left on the disk (or the user's quota is used up).
    DiskFull,
    /// The folder or the file cannot be written (read-only disk, no permission).
    ReadOnly,
    /// The folder does not exist any more (a USB stick taken out…).
    NoFolder,
    /// Another giamkhao (window or command) is saving the same file and did not finish in time.
    Locked,
    /// The file was changed by someone else since it was read: it is not overwritten.
    Changed,
    Other,
}

impl WriteCause {
    pub fn of(e: &std::io::Error) -> Self {
        use super::atomic::{Conflict, conflict_of};
        use std::io::ErrorKind as K;
        match conflict_of(e) {
            Some(Conflict::Locked) => return WriteCause::Locked,
            Some(Conflict::Changed) => return WriteCause::Changed,
            None => {}
        }
        match e.kind() {
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => WriteCause::DiskFull,
            K::ReadOnlyFilesystem | K::PermissionDenied => WriteCause::ReadOnly,
            K::NotFound => WriteCause::NoFolder,
            _ => WriteCause::Other,
        }
    }
}

/// The text of a file, as saved.
fn file_bytes<T: Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, LoadError> {
    let mut text = to_text(value, Format::of(path)).map_err(|message| LoadError::Write {
        path: path.to_path_buf(),
        cause: WriteCause::Other,
        message,
    })?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// Saves `value` at `path` if the file there is what `expect` says; returns the stamp of what was
/// written, to expect at the next save.
fn save<T: Serialize>(path: &Path, value: &T, expect: Expect) -> Result<Stamp, LoadError> {
    Ok(Stamp::of(&write(path, value, expect)?))
}

/// [`save`] for a caller that will not save again from what it holds: no stamp is worked out (a
/// SHA-256 of the whole file, 20 ms at 10,000 submissions). Returns the bytes written.
fn write<T: Serialize>(path: &Path, value: &T, expect: Expect) -> Result<Vec<u8>, LoadError> {
    let bytes = file_bytes(path, value)?;
    super::atomic::write_expecting(path, &bytes, expect).map_err(|e| write_error(path, &e))?;
    Ok(bytes)
}

/// A failed atomic write of `path`, with its cause.
pub fn write_error(path: &Path, e: &std::io::Error) -> LoadError {
    LoadError::Write {
        path: path.to_path_buf(),
        cause: WriteCause::of(e),
        message: e.to_string(),
    }
}

/// Made ready to be written: a sealed session keeps the results it was sealed with (they are what
/// `verify` checks); an unsealed one keeps none (results older files stored are dropped, as they
/// are computed from the scores whenever needed). New log entries are chained.
fn for_saving(session: &mut Session) {
    if session.seal.is_none() {
        session.results.clear();
    }
    super::audit::chain(&mut session.audit);
}

/// Saves a session atomically over whatever file is there.
pub fn save_session(path: &Path, session: &mut Session) -> Result<(), LoadError> {
    save_session_if(path, session, Expect::Anything)
}

/// Saves a session as [`save_session_expecting`] does, for a caller that will not save it again
/// (the command line): no stamp of what was written is worked out.
pub fn save_session_if(path: &Path, session: &mut Session, expect: Expect) -> Result<(), LoadError> {
    for_saving(session);
    write(path, session, expect).map(drop)
}

/// Saves a session as [`save_session`] does, only if the file is what `expect` says (refused with
/// [`WriteCause::Changed`] otherwise, and nothing is written); returns the stamp of what was written.
pub fn save_session_expecting(
    path: &Path,
    session: &mut Session,
    expect: Expect,
) -> Result<Stamp, LoadError> {
    for_saving(session);
    save(path, session, expect)
}

/// Saves a session at the file `lock` guards, whose lock the caller holds (it read the file under
/// it), if the file is what `expect` says.
pub fn save_session_locked(
    lock: &Lock,
    path: &Path,
    session: &mut Session,
    expect: Expect,
) -> Result<Stamp, LoadError> {
    for_saving(session);
    let bytes = file_bytes(path, session)?;
    lock.replace(&bytes, expect).map_err(|e| write_error(path, &e))?;
    Ok(Stamp::of(&bytes))
}

pub fn save_packet(path: &Path, packet: &JudgePacket) -> Result<(), LoadError> {
    write(path, packet, Expect::Anything).map(drop)
}

/// Saves a judge packet only if the file is what `expect` says; returns the stamp of what was
/// written.
pub fn save_packet_expecting(path: &Path, packet: &JudgePacket, expect: Expect) -> Result<Stamp, LoadError> {
    save(path, packet, expect)
}

/// Saves a scoresheet to hand in, with the digest of its content written in it.
pub fn save_scoresheet(path: &Path, file: &ScoresheetFile) -> Result<(), LoadError> {
    let mut file = file.clone();
    file.digest = Some(super::seal::sheet_digest(&file.sheet));
    save(path, &file, Expect::Anything).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_from_the_first_lines() {
        let ron = "(\n  kind: JudgePacket,\n  version: 1,\n  contest: (";
        let h = quick_header(ron).unwrap();
        assert_eq!((h.kind, h.version), (Some(FileKind::JudgePacket), Some(1)));
        let json = "{\n  \"kind\": \"Scoresheet\",\n  \"version\": 3,";
        let h = quick_header(json).unwrap();
        assert_eq!((h.kind, h.version), (Some(FileKind::Scoresheet), Some(3)));
        assert!(quick_header("(name: \"x\", kind: 5)").is_none());
        assert!(quick_header("(\n  kind: Other,\n  version: 1,").is_none());
    }

    #[test]
    fn tells_what_a_file_that_is_not_giamkhaos_is() {
        let at = Path::new;
        let zip = |name: &[u8]| [b"PK\x03\x04\x14\0\0\0".as_slice(), name, b"\x01\x02"].concat();
        assert_eq!(
            foreign_bytes(at("a.xlsx"), &zip(b"xl/workbook.xml")),
            Some(Foreign::Excel)
        );
        assert_eq!(
            foreign_bytes(at("a.docx"), &zip(b"word/document.xml")),
            Some(Foreign::Word)
        );
        let ods = zip(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(foreign_bytes(at("a.zip"), &ods), Some(Foreign::OpenDocumentSheet));
        assert_eq!(
            foreign_bytes(at("a.zip"), &zip(b"readme.txt")),
            Some(Foreign::Zip)
        );
        let compound = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
        assert_eq!(foreign_bytes(at("a.XLS"), &compound), Some(Foreign::OldExcel));
        assert_eq!(foreign_bytes(at("a.doc"), &compound), Some(Foreign::OldOffice));
        assert_eq!(foreign_bytes(at("a.ron"), b"%PDF-1.4\n"), Some(Foreign::Pdf));
        assert_eq!(
            foreign_bytes(at("a"), b"\xff\xd8\xff\xe0"),
            Some(Foreign::Image("JPEG"))
        );
        assert_eq!(
            foreign_bytes(at("a"), b"RIFF\0\0\0\0WEBPVP8 "),
            Some(Foreign::Image("WebP"))
        );
        assert_eq!(foreign_bytes(at("a"), b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(foreign_bytes(at("a.ron"), b"(\n  kind: Session,"), None);

        assert_eq!(foreign_text(at("a.ron"), ""), Some(Foreign::Empty));
        assert_eq!(foreign_text(at("a.ron"), " \n\t"), Some(Foreign::Empty));
        assert_eq!(foreign_text(at("a.ron"), "{\"a\": [1]}"), Some(Foreign::Json));
        assert_eq!(foreign_text(at("a.txt"), "hello"), Some(Foreign::Text));
        assert_eq!(foreign_text(at("a.txt"), "a;b\n1;2\n"), Some(Foreign::Table));
        assert_eq!(foreign_text(at("a.csv"), "Tên dự án"), Some(Foreign::Table));
        assert_eq!(
            foreign_text(at("a.ron"), "<?xml version=\"1.0\"?>"),
            Some(Foreign::Markup)
        );
        // What may be a damaged giamkhao file is left to the parser, which says where it breaks.
        assert_eq!(
            foreign_text(at("a.json"), "{\"kind\": \"Session\", \"version\": 1, "),
            None
        );
        assert_eq!(foreign_text(at("a.json"), "{\"a\": "), None);
        assert_eq!(foreign_text(at("a.ron"), "(a: 1"), None);
        assert_eq!(
            foreign_text(at("a.ron"), "// ghi chú\n(\n  kind: Session, x"),
            None
        );
    }

    #[test]
    fn a_file_that_is_not_giamkhaos_is_refused_before_it_is_parsed() {
        let at = Path::new("dang-ky.xlsx");
        let bytes = std::fs::read("tests/fixtures/dang-ky.xlsx").unwrap();
        assert_eq!(
            text_from_bytes(at, bytes),
            Err(LoadError::NotGiamkhao {
                path: at.into(),
                what: Foreign::Excel
            })
        );
        let csv = Path::new("dang-ky.csv");
        assert_eq!(
            detect_kind(csv, "Tên dự án,Trưởng nhóm\n", Format::Ron),
            Err(LoadError::NotGiamkhao {
                path: csv.into(),
                what: Foreign::Table
            })
        );
        let other = Path::new("khac.ron");
        assert_eq!(
            detect_kind(other, "(a: 1, b: \"x\")", Format::Ron),
            Err(LoadError::NotGiamkhao {
                path: other.into(),
                what: Foreign::Ron
            })
        );
    }
}
