//! Files: loading and atomic saving of sessions, judge packets and scoresheets (RON, or JSON by
//! extension), validation, merging handed-in scoresheets, making judge packets, and the results
//! table as CSV.

pub mod atomic;
pub mod attachment;
pub mod audit;
pub mod compound;
pub mod contest_diff;
pub mod export;
pub mod files;
pub mod folder;
pub mod import;
pub mod limits;
pub mod merge;
pub mod numbers;
pub mod packet;
pub mod paper;
pub mod pdf;
pub mod person;
pub mod quick_ron;
pub mod recovery;
pub mod report;
pub mod seal;
pub mod signing;
pub mod validate;
pub mod watch;
pub mod zipped;

pub use files::{
    Format, LoadError, load_packet, load_scoresheet, load_session, save_packet, save_scoresheet, save_session,
};
pub use merge::{MergeError, MergeReport, merge_sheet};
pub use packet::{PacketError, make_packet};
pub use validate::{Location, Problem, ProblemKind, validate_session};
