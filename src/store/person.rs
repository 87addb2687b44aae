//! Who acts: the full name that goes on the record (the audit log, a council decision, a seal, a
//! merge), checked so that "?", "unknown" or a bare user name never stands there, and remembered
//! between runs in giamkhao's data folder for the app and the command line alike.

use std::path::{Path, PathBuf};

/// Why a name cannot go on the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Nothing was given.
    Missing,
    /// No letters: "?", "-", "123".
    NotAName,
    /// One word only ("root", "Lan", "unknown"): a full name has a family name and a given name.
    OneWord,
    /// Longer than a name on the record may be (`limits::TextField::PersonName`), in characters.
    TooLong { length: usize },
}

/// The name as it goes on the record: in NFC, trimmed, inner runs of spaces made one; or why it
/// cannot. A full name has at least two words with letters in them ("Trần Thu", "Nguyễn Văn Hải").
pub fn full_name(typed: &str) -> Result<String, NameError> {
    let name = crate::text::nfc(typed)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(NameError::Missing);
    }
    if let Err(e) = super::limits::fits(super::limits::TextField::PersonName, &name) {
        return Err(NameError::TooLong { length: e.length });
    }
    let words = name
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    match words {
        0 => Err(NameError::NotAName),
        1 => Err(NameError::OneWord),
        _ => Ok(name),
    }
}

/// giamkhao's own data folder (the app's settings, kept changes, the remembered name): the folder
/// named by `GIAMKHAO_HOME` if set, else the platform's place for application data — the same
/// folder the desktop app keeps its settings in.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("GIAMKHAO_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(home));
    }
    let var = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        var("APPDATA").map(|p| p.join("giamkhao").join("data"))
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|p| p.join("Library").join("Application Support").join("giamkhao"))
    } else {
        var("XDG_DATA_HOME")
            .or_else(|| var("HOME").map(|p| p.join(".local").join("share")))
            .map(|p| p.join("giamkhao"))
    }
}

const NAME_FILE: &str = "ho-ten.txt";

/// The full name given last time in `dir`, if it still passes [`full_name`].
pub fn remembered(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(NAME_FILE)).ok()?;
    full_name(&text).ok()
}

/// Keeps `name` (already checked) in `dir` for next time.
pub fn remember(dir: &Path, name: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    super::atomic::write_atomic(&dir.join(NAME_FILE), format!("{name}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_has_two_words_with_letters() {
        assert_eq!(full_name("  Trần   Thư Ký "), Ok("Trần Thư Ký".into()));
        assert_eq!(full_name(""), Err(NameError::Missing));
        assert_eq!(full_name("   "), Err(NameError::Missing));
        assert_eq!(full_name("?"), Err(NameError::NotAName));
        assert_eq!(full_name("? ?"), Err(NameError::NotAName));
        assert_eq!(full_name("unknown"), Err(NameError::OneWord));
        assert_eq!(full_name("root"), Err(NameError::OneWord));
        // A name on the record has a cap, as every text has.
        let long = format!("Trần {}", "Thị ".repeat(40));
        assert_eq!(full_name(&long), Err(NameError::TooLong { length: 164 }));
        // Composed however it was typed.
        assert_eq!(full_name("Nguye\u{0302}\u{0303}n Lan"), Ok("Nguyễn Lan".into()));
    }

    #[test]
    fn a_name_is_remembered_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(remembered(dir.path()), None);
        remember(dir.path(), "Trần Thư Ký").unwrap();
        assert_eq!(remembered(dir.path()).as_deref(), Some("Trần Thư Ký"));
    }
}
