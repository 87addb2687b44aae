//! Reading and writing the three file kinds. A file is read in three steps: its header (kind and
//! format version) first, so a newer or foreign file is refused with that reason; then the whole
//! file, with the line and column of any error; then validation. Nothing on disk is touched by a
//! failed load, and saving is atomic.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{FORMAT_VERSION, FileKind, JudgePacket, ScoresheetFile, Session, SessionOf};

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

/// Reads the header of `text` and returns the file's kind, refusing newer versions.
pub fn detect_kind(path: &Path, text: &str, format: Format) -> Result<FileKind, LoadError> {
    let header: Header = parse(path, text, format)?;
    let (Some(kind), Some(version)) = (header.kind, header.version) else {
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

fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
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

/// Parses a file of the `expected` kind from text (header first).
pub fn parse_kind<T: DeserializeOwned>(path: &Path, text: &str, expected: FileKind) -> Result<T, LoadError> {
    let format = Format::of(path);
    let found = detect_kind(path, text, format)?;
    if found != expected {
        return Err(LoadError::WrongKind {
            path: path.to_path_buf(),
            expected,
            found,
        });
    }
    parse(path, text, format)
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

/// Loads and validates a session for work. Its stored results are skipped (`results` is empty):
/// they are derived from the raw scores, which `crate::scoring::compute` does afresh, and every
/// save stores them again. Use [`load_session_full`] to read what the file records.
pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    let session = load_session_unchecked(path)?;
    invalid(path, validate_session(&session))?;
    Ok(session)
}

/// Loads and validates a session with the results stored in it, for audit and conversion.
pub fn load_session_full(path: &Path) -> Result<Session, LoadError> {
    let session: Session = parse_kind(path, &read_text(path)?, FileKind::Session)?;
    invalid(path, validate_session(&session))?;
    Ok(session)
}

/// Loads a session for work without validating it (for `check`, which lists the problems itself).
pub fn load_session_unchecked(path: &Path) -> Result<Session, LoadError> {
    let quick: SessionOf<serde::de::IgnoredAny> = parse_kind(path, &read_text(path)?, FileKind::Session)?;
    Ok(quick.without_results())
}

pub fn load_packet(path: &Path) -> Result<JudgePacket, LoadError> {
    let packet: JudgePacket = parse_kind(path, &read_text(path)?, FileKind::JudgePacket)?;
    invalid(path, validate_packet(&packet))?;
    Ok(packet)
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

fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), LoadError> {
    let io = |message: String| LoadError::Io {
        path: path.to_path_buf(),
        message,
    };
    let mut text = to_text(value, Format::of(path)).map_err(io)?;
    text.push('\n');
    write_atomic(path, text.as_bytes()).map_err(|e| io(e.to_string()))
}

/// Saves a session atomically, with its results computed afresh so the file records the awards.
pub fn save_session(path: &Path, session: &mut Session) -> Result<(), LoadError> {
    session.results = crate::scoring::compute(session);
    save(path, session)
}

pub fn save_packet(path: &Path, packet: &JudgePacket) -> Result<(), LoadError> {
    save(path, packet)
}

pub fn save_scoresheet(path: &Path, file: &ScoresheetFile) -> Result<(), LoadError> {
    save(path, file)
}
