//! Reading and writing the three file kinds. A file is read in three steps: its header (kind and
//! format version) first, so a newer or foreign file is refused with that reason; then the whole
//! file, with the line and column of any error; then validation. Nothing on disk is touched by a
//! failed load, and saving is atomic.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{FORMAT_VERSION, FileKind, JudgePacket, ScoresheetFile, Session};

use super::atomic::write_atomic;
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
    /// Valid RON/JSON, but not a giamkhao file (no kind and version).
    NotGiamkhao {
        path: PathBuf,
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
    match format {
        Format::Ron => ron::Options::default()
            .from_str(text)
            .map_err(|e| syntax_from_ron(path, e)),
        Format::Json => serde_json::from_str(text).map_err(|e| syntax_from_json(path, e)),
    }
}

/// Reads the header of `text` and returns the file's kind, refusing newer versions. Files giamkhao
/// wrote open with their kind and version, which are read from the first lines; anything else is
/// probed in full.
pub fn detect_kind(path: &Path, text: &str, format: Format) -> Result<FileKind, LoadError> {
    let header = match quick_header(text) {
        Some(h) => h,
        None => parse(path, text, format)?,
    };
    check_header(path, header.kind, header.version)
}

fn check_header(path: &Path, kind: Option<FileKind>, version: Option<u32>) -> Result<FileKind, LoadError> {
    let (Some(kind), Some(version)) = (kind, version) else {
        return Err(LoadError::NotGiamkhao {
            path: path.to_path_buf(),
        });
    };
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
pub trait Headed {
    fn header(&self) -> (FileKind, u32);
}

impl Headed for Session {
    fn header(&self) -> (FileKind, u32) {
        (self.kind, self.version)
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
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    text_from_bytes(path, bytes)
}

/// The bytes of a file named `path` as UTF-8 text (a byte order mark is dropped).
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
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
    match parse::<T>(path, text, format) {
        Ok(value) => {
            let (kind, version) = value.header();
            let kind = check_header(path, Some(kind), Some(version))?;
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

/// Loads a session without validating it (for `check`, which lists the problems itself).
pub fn load_session_unchecked(path: &Path) -> Result<Session, LoadError> {
    parse_kind(path, &read_text(path)?, FileKind::Session)
}

pub fn load_packet(path: &Path) -> Result<JudgePacket, LoadError> {
    let packet: JudgePacket = parse_kind(path, &read_text(path)?, FileKind::JudgePacket)?;
    invalid(path, validate_packet(&packet))?;
    Ok(packet)
}

/// A sheet a judge handed back, with the judge's own log of the changes.
#[derive(Clone, Debug, PartialEq)]
pub struct HandedIn {
    pub sheet: crate::model::Scoresheet,
    pub audit: Vec<crate::model::AuditEntry>,
}

/// The sheet a judge handed back: a scoresheet file, or their whole judge packet.
pub fn load_handed_in(path: &Path) -> Result<HandedIn, LoadError> {
    let raw = read_text(path)?;
    match detect_kind(path, &raw, Format::of(path))? {
        FileKind::JudgePacket => load_packet(path).map(|p| HandedIn {
            sheet: p.sheet,
            audit: p.audit,
        }),
        _ => load_scoresheet(path).map(|f| HandedIn {
            sheet: f.sheet,
            audit: f.audit,
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
    Other,
}

impl WriteCause {
    pub fn of(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => WriteCause::DiskFull,
            K::ReadOnlyFilesystem | K::PermissionDenied => WriteCause::ReadOnly,
            K::NotFound => WriteCause::NoFolder,
            _ => WriteCause::Other,
        }
    }
}

fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), LoadError> {
    let mut text = to_text(value, Format::of(path)).map_err(|message| LoadError::Write {
        path: path.to_path_buf(),
        cause: WriteCause::Other,
        message,
    })?;
    text.push('\n');
    write_atomic(path, text.as_bytes()).map_err(|e| write_error(path, &e))
}

/// A failed atomic write of `path`, with its cause.
pub fn write_error(path: &Path, e: &std::io::Error) -> LoadError {
    LoadError::Write {
        path: path.to_path_buf(),
        cause: WriteCause::of(e),
        message: e.to_string(),
    }
}

/// Saves a session atomically, with its results computed afresh so the file records the awards.
pub fn save_session(path: &Path, session: &mut Session) -> Result<(), LoadError> {
    // A sealed session keeps the results it was sealed with: they are what `verify` checks.
    if session.seal.is_none() {
        session.results = crate::scoring::compute(session);
    }
    save(path, session)
}

pub fn save_packet(path: &Path, packet: &JudgePacket) -> Result<(), LoadError> {
    save(path, packet)
}

/// Saves a scoresheet to hand in, with the digest of its content written in it.
pub fn save_scoresheet(path: &Path, file: &ScoresheetFile) -> Result<(), LoadError> {
    let mut file = file.clone();
    file.digest = Some(super::seal::sheet_digest(&file.sheet));
    save(path, &file)
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
}
