//! Writing an export to disk: the one mechanism shared by `shangyun export -o` and the
//! wizard's export dialog. The file is written to a temporary file next to it, synced and
//! renamed over the target, so a reader never sees half a plan and a failed write leaves the
//! old file as it was.

use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename). A path that already
/// names something other than a regular file (a FIFO, `/dev/stdout`, a device) is written
/// into, as the user asked, instead of being replaced by a regular file.
///
/// An export killed while writing left `.<name>.XXXXXX` next to the file; those are removed
/// first, but only when a minute old, since another shangyun may be writing the same file now
/// ([`crate::store::remove_stale_temporaries`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::store::write_replacing(path, bytes)
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
        assert!(write_atomic(&dir.path().join("plan.md"), b"plan").is_ok());
        assert!(!stale.exists());
        assert!(in_progress.exists());
        assert!(other.exists());
    }
}
