//! Writing an export to disk: the one writer of `shangyun export -o`, `workshop summary -o` and
//! the wizard's export dialog ([`write_export`]). The export itself is made by the pure
//! [`crate::export`]; this is the part that touches the disk.
//!
//! The file is written to a temporary file next to it, synced and renamed over the target
//! ([`super::fsio::write_replacing`]), so a reader never sees half a plan and a failed write
//! leaves the old file as it was; a symbolic link there is replaced, never written through, and
//! a FIFO or device is written into.

use super::fsio;
use crate::content::Text;
use std::io;
use std::path::{Path, PathBuf};

/// Whether [`write_export`] may replace a file that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    No,
    Yes,
}

/// Why an export was not written. Each names the absolute path concerned.
#[derive(Debug)]
pub enum ExportError {
    /// Something is there and [`Overwrite::No`] was asked.
    Exists(PathBuf),
    /// The path is a folder.
    IsDir(PathBuf),
    /// The folder it would go into is a file.
    ParentNotDir(PathBuf),
    /// The folder it would go into does not exist.
    NoParent(PathBuf),
    /// The write failed.
    Io { path: PathBuf, source: io::Error },
}

impl ExportError {
    /// The message as a locale key with arguments (the export dialog's texts).
    pub fn text(&self) -> Text {
        let shown = |p: &Path| p.display().to_string();
        match self {
            ExportError::Exists(path) => Text::new("cli.err.exists").plain("path", shown(path)),
            ExportError::IsDir(path) => {
                Text::new("ui.export.err_is_dir").plain("path", shown(path))
            }
            ExportError::ParentNotDir(dir) => {
                Text::new("ui.export.err_not_dir").plain("dir", shown(dir))
            }
            ExportError::NoParent(dir) => {
                Text::new("ui.export.err_no_dir").plain("dir", shown(dir))
            }
            ExportError::Io { path, source } => Text::new("ui.export.err_write")
                .plain("path", shown(path))
                .plain("error", source.to_string()),
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        super::error::render_en(f, &self.text())
    }
}

impl std::error::Error for ExportError {}

/// Makes the folder `dir` for a set of exports (the man pages), with its parents; nothing if
/// it is there.
pub fn make_export_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Writes an export to `path` (relative to the current folder unless absolute) and returns
/// where it went, as the system names it (absolute, without `.`, `..` or links in its
/// folders). Refuses a folder, a missing folder and a folder that is a file before anything is
/// written; with [`Overwrite::No`], anything already at `path` (a file, a link, a FIFO).
pub fn write_export(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
) -> Result<PathBuf, ExportError> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let cwd = std::env::current_dir().map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        cwd.join(path)
    };
    if path.is_dir() {
        return Err(ExportError::IsDir(path));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if dir.is_file() {
            return Err(ExportError::ParentNotDir(dir.to_path_buf()));
        }
        if !dir.is_dir() {
            return Err(ExportError::NoParent(dir.to_path_buf()));
        }
    }
    if overwrite == Overwrite::No && path.symlink_metadata().is_ok() {
        return Err(ExportError::Exists(path));
    }
    match fsio::write_replacing(&path, bytes) {
        Ok(()) => Ok(std::fs::canonicalize(&path).unwrap_or(path)),
        Err(source) => Err(ExportError::Io { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_only_when_asked_and_fail_without_leaving_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("plan.md");
        let written = write_export(&p, b"one", Overwrite::No).map_err(|e| e.to_string());
        assert_eq!(
            written,
            std::fs::canonicalize(&p).map_err(|e| e.to_string())
        );
        assert!(matches!(
            write_export(&p, b"two", Overwrite::No),
            Err(ExportError::Exists(_))
        ));
        assert_eq!(std::fs::read(&p).ok(), Some(b"one".to_vec()));
        assert!(write_export(&p, b"two", Overwrite::Yes).is_ok());
        assert_eq!(std::fs::read(&p).ok(), Some(b"two".to_vec()));
        // a parent that is a regular file, a missing folder, a folder as the target
        assert!(matches!(
            write_export(&p.join("x.md"), b"x", Overwrite::Yes),
            Err(ExportError::ParentNotDir(_))
        ));
        assert!(matches!(
            write_export(&dir.path().join("none/x.md"), b"x", Overwrite::Yes),
            Err(ExportError::NoParent(_))
        ));
        assert!(matches!(
            write_export(dir.path(), b"x", Overwrite::Yes),
            Err(ExportError::IsDir(_))
        ));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .map(|rd| rd.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    /// The wizard's export dialog and `export -o` both write through here, so both sweep.
    #[test]
    fn a_write_removes_the_stale_temporaries_of_its_file_only() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let at = |name: &str, age_secs: u64| {
            let p = dir.path().join(name);
            std::fs::write(&p, "half").unwrap_or_else(|e| panic!("{e}"));
            let f = std::fs::File::options().write(true).open(&p);
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age_secs);
            f.and_then(|f| f.set_modified(when))
                .unwrap_or_else(|e| panic!("{e}"));
            p
        };
        let stale = at(".plan.md.AbC123", 3600);
        let in_progress = at(".plan.md.XyZ789", 0);
        let other = at(".notes.md.AbC123", 3600);
        assert!(write_export(&dir.path().join("plan.md"), b"plan", Overwrite::Yes).is_ok());
        assert!(!stale.exists());
        assert!(in_progress.exists());
        assert!(other.exists());
    }
}
