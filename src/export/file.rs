//! Writing an export to disk: the one mechanism shared by `shangyun export -o` and the
//! wizard's export dialog. The file is written to a temporary file next to it, synced and
//! renamed over the target, so a reader never sees half a plan and a failed write leaves the
//! old file as it was.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_fail_without_leaving_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("plan.md");
        assert!(write_atomic(&p, b"one").is_ok());
        assert!(write_atomic(&p, b"two").is_ok());
        assert_eq!(std::fs::read(&p).ok(), Some(b"two".to_vec()));
        // a parent that is a regular file
        let bad = p.join("x.md");
        assert!(write_atomic(&bad, b"x").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .map(|rd| rd.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
