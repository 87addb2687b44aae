//! The audit log: who changed what, when, from which old value to which new one.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: jiff::Timestamp,
    /// A person, e.g. "Nguyễn Thị Lan (thư ký)", or "judge:gk03".
    pub by: String,
    pub kind: AuditKind,
    /// What was changed, e.g. "round so-khao / judge gk03 / submission DA07 / criterion tc2".
    pub target: String,
    #[serde(default)]
    pub old: Option<String>,
    #[serde(default)]
    pub new: Option<String>,
    /// How the change came in or why: "merge of gk03.ron", "app", a decision's reason.
    #[serde(default)]
    pub note: String,
}

impl AuditEntry {
    pub fn new(
        at: jiff::Timestamp,
        by: &str,
        kind: AuditKind,
        target: String,
        old: Option<String>,
        new: Option<String>,
        note: &str,
    ) -> Self {
        AuditEntry {
            at,
            by: by.to_string(),
            kind,
            target,
            old,
            new,
            note: note.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditKind {
    Score,
    Comment,
    Recusal,
    Decision,
    Contest,
    Submission,
    Merge,
    Import,
    Seal,
    Unseal,
}
