//! What can go wrong on disk, said so that the user knows what to do.
//!
//! `Display` is one or two full English sentences (for logs and `anyhow` chains);
//! [`StoreError::text`] is the same message as a locale key with arguments (`cli.store.*`), for
//! the TUI and the CLI in the user's language.

use crate::content::Text;
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
        f.write_str(match self {
            IoOp::CreateDir => "create the folder",
            IoOp::ReadDir => "list the folder",
            IoOp::Read => "read",
            IoOp::Write => "write",
            IoOp::Rename => "rename",
            IoOp::Remove => "remove",
            IoOp::Lock => "lock",
            IoOp::SetPermissions => "set permissions on",
        })
    }
}

/// Why a profile name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidNameReason {
    /// Empty or only white space.
    Empty,
    /// The encoded file name would be `bytes` long; at most `max` bytes are allowed.
    TooLong { bytes: usize, max: usize },
}

/// An error of the profile store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "Cannot find a folder for shangyun's data (is HOME set?). Pass --data-dir PATH or set SHANGYUN_DATA_DIR."
    )]
    NoDataDir,

    #[error("Could not {op} {}: {source}. Check that the folder exists, is writable and the disk is not full.", .path.display())]
    Io {
        path: PathBuf,
        op: IoOp,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", parse_sentence(path, *line, *col, msg, moved_to.as_deref(), backup.as_deref()))]
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

    #[error(
        "{} was written by a newer shangyun (file format {found}; this version understands up to {supported}). It was left untouched and will not be overwritten: open it with a newer shangyun, or save your work under another name.",
        .path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("{}", locked_sentence(name, path, *pid))]
    Locked {
        name: String,
        path: PathBuf,
        pid: Option<u32>,
    },

    #[error("There is no profile named \"{name}\" ({} does not exist).", .path.display())]
    NotFound { name: String, path: PathBuf },

    #[error("A profile named \"{name}\" already exists ({}). Choose another name or delete it first.", .path.display())]
    AlreadyExists { name: String, path: PathBuf },

    #[error("{}", invalid_name_sentence(name, reason))]
    InvalidName {
        name: String,
        reason: InvalidNameReason,
    },
}

fn parse_sentence(
    path: &Path,
    line: usize,
    col: usize,
    msg: &str,
    moved_to: Option<&Path>,
    backup: Option<&Path>,
) -> String {
    let mut s = format!(
        "Could not read {} (line {line}, column {col}): {msg}.",
        path.display()
    );
    match moved_to {
        Some(to) => {
            s.push_str(&format!(
                " The file was moved aside to {} so that nothing overwrites it.",
                to.display()
            ));
            match backup {
                Some(bak) => s.push_str(&format!(
                    " The previous good version is kept in {}; open it to recover.",
                    bak.display()
                )),
                None => s.push_str(" There is no backup of an earlier version."),
            }
        }
        None => s.push_str(" Fix the file and try again."),
    }
    s
}

fn locked_sentence(name: &str, path: &Path, pid: Option<u32>) -> String {
    let holder = match pid {
        Some(pid) => format!("another shangyun (process {pid})"),
        None => "another shangyun".to_owned(),
    };
    format!(
        "The profile \"{name}\" is open in {holder}. Close it there first; if no shangyun is running, the lock ({}) is released by itself.",
        path.display()
    )
}

fn invalid_name_sentence(name: &str, reason: &InvalidNameReason) -> String {
    match reason {
        InvalidNameReason::Empty => "A profile needs a name.".to_owned(),
        InvalidNameReason::TooLong { max, .. } => {
            format!(
                "The profile name \"{name}\" is too long for a file name (at most {max} bytes). Choose a shorter name."
            )
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
            StoreError::InvalidName { name, reason } => match reason {
                InvalidNameReason::Empty => Text::new("cli.store.name_empty"),
                InvalidNameReason::TooLong { max, .. } => Text::new("cli.store.name_too_long")
                    .plain("name", name.clone())
                    .num("max", *max as f64, 0),
            },
        }
    }
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}
