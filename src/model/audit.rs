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
    /// SHA-256 of the previous entry's `chain` and this entry's content (see `store::audit::chain`):
    /// an entry changed, removed or slipped in afterwards breaks the chain from there on. Empty until
    /// the session is saved or sealed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chain: String,
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
            chain: String::new(),
        }
    }

    /// The same record (when, who, what, old → new, how), wherever it stands in a chain.
    pub fn same_record(&self, other: &AuditEntry) -> bool {
        self.same_change(other) && self.note == other.note
    }

    /// The same change (when, who, what, old → new), however it came in.
    pub fn same_change(&self, other: &AuditEntry) -> bool {
        self.at == other.at
            && self.by == other.by
            && self.kind == other.kind
            && self.target == other.target
            && self.old == other.old
            && self.new == other.new
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
