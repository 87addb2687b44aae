//! The data giamkhao keeps: contest, criteria, tiers, rules, judges, submissions, scoresheets,
//! decisions, the audit log, computed results and the three file kinds. Serde types only: no I/O,
//! no user interface, no scoring logic.

pub mod audit;
pub mod contest;
pub mod decision;
pub mod files;
pub mod paper;
pub mod points;
pub mod results;
pub mod sheet;
pub mod submission;
pub mod unique;

pub use audit::{AuditEntry, AuditKind};
pub use contest::*;
pub use decision::{Decision, Resolution, TieTarget, same_members};
pub use files::{
    FORMAT_VERSION, FileKind, FolderLink, JudgePacket, Receipt, ScoresheetFile, Seal, Session,
    SheetSignature, SignedReceipt,
};
pub use paper::{PaperEntry, PaperSheet, Pass};
pub use points::{ParsePointsError, Points};
pub use results::*;
pub use sheet::{Scoresheet, SheetEntry};
pub use submission::Submission;
