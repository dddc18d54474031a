//! What can go wrong on disk, said so that the user knows what to do.
//!
//! [`StoreError::text`] is the message as a locale key with arguments (`cli.store.*`), for the
//! TUI and the CLI in the user's language; `Display` (for logs and `anyhow` chains) renders the
//! same text in English, so that there is one wording of each message, in `locales/`.

use crate::content::{Content, Text};
use crate::model::Lang;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file operation that failed, for [`StoreError::Io`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoOp {
    CreateDir,
    ReadDir,
    Read,
    Write,
    Rename,
    Remove,
    Lock,
    SetPermissions,
}

impl IoOp {
    fn id(self) -> &'static str {
        match self {
            IoOp::CreateDir => "create_dir",
            IoOp::ReadDir => "read_dir",
            IoOp::Read => "read",
            IoOp::Write => "write",
            IoOp::Rename => "rename",
            IoOp::Remove => "remove",
            IoOp::Lock => "lock",
            IoOp::SetPermissions => "set_permissions",
        }
    }

    /// The locale key naming this operation (`cli.store.op.write`, …).
    pub fn key(self) -> String {
        format!("cli.store.op.{}", self.id())
    }
}

impl fmt::Display for IoOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render_en(f, &Text::new(self.key()))
    }
}

/// Writes `t` in English: the `Display` of the store's errors.
pub(crate) fn render_en(f: &mut fmt::Formatter<'_>, t: &Text) -> fmt::Result {
    f.write_str(&Content::get().render(Lang::En, t))
}

/// Why a profile name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidNameReason {
    /// Empty or only white space.
    Empty,
    /// The encoded file name would be `bytes` long; at most `max` bytes are allowed.
    TooLong { bytes: usize, max: usize },
    /// Too many characters, a leading `.`, or a character file systems reserve
    /// ([`super::name::check`]).
    Invalid,
    /// The name of the demo's scratch profile ([`super::name::DEMO`]).
    Reserved,
}

impl InvalidNameReason {
    /// The message for `name` refused for this reason, as a locale key with arguments.
    pub fn text(&self, name: &str) -> Text {
        match self {
            InvalidNameReason::Empty => Text::new("ui.err.name_empty"),
            InvalidNameReason::TooLong { max, .. } => Text::new("cli.store.name_too_long")
                .plain("name", name)
                .num("max", *max as f64, 0),
            InvalidNameReason::Invalid => Text::new("ui.err.name_invalid"),
            InvalidNameReason::Reserved => Text::new("ui.err.name_reserved").plain("name", name),
        }
    }
}

/// An error of the profile store.
#[derive(Debug)]
pub enum StoreError {
    /// No data folder was given and the platform has none (no HOME).
    NoDataDir,

    Io {
        path: PathBuf,
        op: IoOp,
        source: std::io::Error,
    },

    Parse {
        path: PathBuf,
        /// 1-based, in characters, as in the file.
        line: usize,
        col: usize,
        msg: String,
        /// Where the unreadable file was moved (files in the data folder only).
        moved_to: Option<PathBuf>,
        /// The previous good version, if there is one (`<file>.bak`).
        backup: Option<PathBuf>,
    },

    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    Locked {
        name: String,
        path: PathBuf,
        pid: Option<u32>,
    },

    NotFound {
        name: String,
        path: PathBuf,
    },

    AlreadyExists {
        name: String,
        path: PathBuf,
    },

    InvalidName {
        name: String,
        reason: InvalidNameReason,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render_en(f, &self.text())
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl StoreError {
    pub(crate) fn io(op: IoOp, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            op,
            source,
        }
    }

    /// What kind of failure this is (for the exit code): the profile locked; a name that does
    /// not work (missing, taken, invalid) is a usage error; anything else is the disk's.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            StoreError::Locked { .. } => crate::ErrorKind::Locked,
            StoreError::NotFound { .. }
            | StoreError::AlreadyExists { .. }
            | StoreError::InvalidName { .. } => crate::ErrorKind::Usage,
            StoreError::NoDataDir
            | StoreError::Io { .. }
            | StoreError::Parse { .. }
            | StoreError::NewerSchema { .. } => crate::ErrorKind::Io,
        }
    }

    /// The message as a `cli.store.*` locale key with arguments.
    pub fn text(&self) -> Text {
        match self {
            StoreError::NoDataDir => Text::new("cli.store.no_data_dir"),
            StoreError::Io { path, op, source } => Text::new("cli.store.io")
                .key("op", op.key())
                .plain("path", path_str(path))
                .plain("error", source.to_string()),
            StoreError::Parse {
                path,
                line,
                col,
                msg,
                moved_to,
                backup,
            } => {
                let key = match (moved_to, backup) {
                    (Some(_), Some(_)) => "cli.store.parse_moved_backup",
                    (Some(_), None) => "cli.store.parse_moved",
                    (None, _) => "cli.store.parse",
                };
                let mut t = Text::new(key)
                    .plain("path", path_str(path))
                    .num("line", *line as f64, 0)
                    .num("col", *col as f64, 0)
                    .plain("error", msg.clone());
                if let Some(to) = moved_to {
                    t = t.plain("moved_to", path_str(to));
                }
                if let (Some(_), Some(bak)) = (moved_to, backup) {
                    t = t.plain("backup", path_str(bak));
                }
                t
            }
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => Text::new("cli.store.newer_schema")
                .plain("path", path_str(path))
                .num("found", f64::from(*found), 0)
                .num("supported", f64::from(*supported), 0),
            StoreError::Locked { name, path, pid } => match pid {
                Some(pid) => Text::new("cli.store.locked_pid")
                    .plain("name", name.clone())
                    .plain("path", path_str(path))
                    .num("pid", f64::from(*pid), 0),
                None => Text::new("cli.store.locked")
                    .plain("name", name.clone())
                    .plain("path", path_str(path)),
            },
            StoreError::NotFound { name, path } => Text::new("cli.store.not_found")
                .plain("name", name.clone())
                .plain("path", path_str(path)),
            StoreError::AlreadyExists { name, path } => Text::new("cli.store.already_exists")
                .plain("name", name.clone())
                .plain("path", path_str(path)),
            StoreError::InvalidName { name, reason } => reason.text(name),
        }
    }
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}
