//! The few file-system primitives the store is built on: atomic, private writes; private
//! folders; moves that never overwrite; bounded reads.
//!
//! Atomic writes use the `atomic-write-file` crate rather than hand-written temp-and-rename:
//! it writes into the target's own folder, `fsync`s the file, renames it over the target and
//! `fsync`s the folder, and on Linux it writes into an unnamed `O_TMPFILE`, so a crash never
//! leaves a stray temporary file next to the profiles. We only add the mode (0600, set on the
//! open file so the umask cannot widen it) and our own error context.

use super::error::{IoOp, StoreError};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Files larger than this are not profiles; they are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a mix,
/// also after a crash or power loss. The file is private to the user (0600 on Unix).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let err = |op, e| StoreError::io(op, path, e);
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options
            .mode(0o600)
            .preserve_mode(false)
            .preserve_owner(false);
    }
    let mut file = options.open(path).map_err(|e| err(IoOp::Write, e))?;
    set_private(file.as_file()).map_err(|e| err(IoOp::SetPermissions, e))?;
    write_synced(file.as_file_mut(), bytes).map_err(|e| err(IoOp::Write, e))?;
    file.commit().map_err(|e| err(IoOp::Rename, e))
}

/// Writes everything and waits until it is on the disk. Separate so that its error path can be
/// tested against `/dev/full`.
pub fn write_synced(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.flush()?;
    file.sync_all()
}

#[cfg(unix)]
fn set_private(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Creates a folder and its missing parents; the ones created here are private (0700 on Unix).
/// Existing folders are left as they are: they may be the user's.
pub fn create_private_dir(path: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(path)
        .map_err(|e| StoreError::io(IoOp::CreateDir, path, e))?;
    if !path.is_dir() {
        let e = io::Error::new(io::ErrorKind::NotADirectory, "a file is in the way");
        return Err(StoreError::io(IoOp::CreateDir, path, e));
    }
    Ok(())
}

/// Opens a file for read and write, creating it private if it does not exist. Never truncates.
pub fn open_private_rw(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)
}

/// Reads a whole file, refusing anything over [`MAX_FILE_BYTES`]. `Ok(None)` if it does not exist.
pub fn read_bounded(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(IoOp::Read, path, e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(IoOp::Read, path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let e = io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MiB", MAX_FILE_BYTES >> 20),
        );
        return Err(StoreError::io(IoOp::Read, path, e));
    }
    Ok(Some(bytes))
}

/// Moves `from` to `to`, failing with `AlreadyExists` rather than replacing `to`.
///
/// A hard link followed by unlinking the old name cannot replace anything; where hard links are
/// not supported we fall back to checking first and renaming (a small race, on exotic file
/// systems only).
pub fn move_no_clobber(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e)
            if e.kind() == io::ErrorKind::AlreadyExists || e.kind() == io::ErrorKind::NotFound =>
        {
            Err(e)
        }
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "target exists",
                ));
            }
            fs::rename(from, to)
        }
    }
}

/// `YYYYmmddTHHMMSS` in UTC, for names of files moved aside.
pub fn timestamp(now: SystemTime) -> String {
    let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "19700101T000000");
        // 2024-02-29 13:05:09 UTC (a leap day).
        assert_eq!(
            timestamp(UNIX_EPOCH + Duration::from_secs(1_709_211_909)),
            "20240229T130509"
        );
        assert_eq!(
            timestamp(UNIX_EPOCH + Duration::from_secs(4_102_444_799)),
            "20991231T235959"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_an_error_not_a_silent_loss() {
        let Ok(mut full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
            return;
        };
        let e = write_synced(&mut full, &[b'x'; 64 * 1024]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
    }

    #[test]
    fn moves_never_replace_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::write(&a, "a").unwrap();
        fs::write(&b, "b").unwrap();
        assert_eq!(
            move_no_clobber(&a, &b).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        assert_eq!(fs::read_to_string(&a).unwrap(), "a");
        let c = dir.path().join("c");
        move_no_clobber(&a, &c).unwrap();
        assert!(!a.exists());
        assert_eq!(fs::read_to_string(&c).unwrap(), "a");
    }

    #[test]
    fn bounded_reads_refuse_huge_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        let f = File::create(&big).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(matches!(
            read_bounded(&big),
            Err(StoreError::Io { op: IoOp::Read, .. })
        ));
        assert_eq!(read_bounded(&dir.path().join("none")).unwrap(), None);
    }
}
