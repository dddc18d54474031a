//! shangyun (上云): a terminal wizard through the ten adoption steps of MIIT's
//! 《推动企业上云实施指南（2018-2020年）》.
//!
//! Data flows one way: [`content`] (the guideline as data) and [`model`] (what the user
//! answered) go into [`engine`] (pure functions: plan, scorecard, checklist, waves), whose
//! output [`export`] writes as Markdown/RON/JSON and `tui` draws ([`plain`] says it as lines of
//! text, for screen readers and scripts). [`store`] sits at the edge: every write to the disk
//! goes through it (profiles, exports, the template workbook, man pages); the one other door
//! is [`sheets`] reading the spreadsheet a user imports (`sheets::read`), which it turns into
//! changes of a profile and the template workbook's bytes.

pub mod content;
pub mod engine;
pub mod export;
pub mod model;
pub mod plain;
pub mod sheets;
pub mod store;
pub mod tui;

/// What kind of failure ended a command, for the exit code: the one classification of errors
/// that the binary maps to exit codes (in one place, `main.rs`). The store's errors
/// ([`store::StoreError::kind`]) and the wizard's ([`tui::TuiError::kind`]) each say theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad arguments or input: a name that cannot be used, a missing or taken profile, a file
    /// that cannot be read, no terminal.
    Usage,
    /// The disk, the data folder or the terminal failed, or work was not saved.
    Io,
    /// The profile is open in another shangyun.
    Locked,
}
