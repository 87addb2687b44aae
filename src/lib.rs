//! giamkhao: judging for startup and innovation contests.
//!
//! The core is `model` (data), `scoring` (the rules, as pure functions), `edit` (the one audited,
//! invertible path by which a session changes), `store` (files) and `text` (words shown to people, in
//! Vietnamese and English). None of them draws anything; `app` is the desktop app on top of them.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod assign;
pub mod edit;
pub mod fuzz;
pub mod generate;
pub mod model;
pub mod packed;
pub mod scoring;
pub mod store;
pub mod text;
