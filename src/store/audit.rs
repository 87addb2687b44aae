//! Reading the audit log: how each entry came in (typed in the app, a merge of a handed-in sheet, an
//! import, a paper sheet typed twice), and the history of one score; and who the computer says is
//! working, when no name was given.

use crate::model::{AuditEntry, AuditKind};

/// How a change came in, read from the entry's note (the app writes "app", "undo" or "redo"; a merge
/// "merge of FILE"; an import "import of FILE"; the double entry of a paper sheet, both the typing and
/// the merge once confirmed, notes that name the "paper sheet").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    App,
    Merge,
    Import,
    Paper,
    Other,
}

pub const CHANNELS: [Channel; 5] = [
    Channel::App,
    Channel::Merge,
    Channel::Import,
    Channel::Paper,
    Channel::Other,
];

pub fn channel(e: &AuditEntry) -> Channel {
    let note = e.note.as_str();
    if note.contains("paper sheet") {
        Channel::Paper
    } else if note == "app" || note == "undo" || note == "redo" {
        Channel::App
    } else if note.starts_with("merge of") || e.kind == AuditKind::Merge {
        Channel::Merge
    } else if note.starts_with("import of") || e.kind == AuditKind::Import {
        Channel::Import
    } else {
        Channel::Other
    }
}

/// The target every score entry names.
pub fn score_target(round: &str, judge: &str, submission: &str, criterion: &str) -> String {
    format!("round {round} / judge {judge} / submission {submission} / criterion {criterion}")
}

/// Every change to one score, oldest first.
pub fn score_history<'a>(
    audit: &'a [AuditEntry],
    round: &str,
    judge: &str,
    submission: &str,
    criterion: &str,
) -> Vec<&'a AuditEntry> {
    let target = score_target(round, judge, submission, criterion);
    let mut found: Vec<&AuditEntry> = audit
        .iter()
        .filter(|e| e.kind == AuditKind::Score && e.target == target)
        .collect();
    found.sort_by_key(|e| e.at);
    found
}

/// The computer's user name (USER on Linux and macOS, USERNAME on Windows), for the log when the
/// person gave no name.
pub fn computer_user() -> Option<String> {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
}
