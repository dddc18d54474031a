//! The few file-system primitives the store is built on: atomic, private writes; private
//! folders; moves that never overwrite; bounded reads.
//!
//! Atomic writes use the `atomic-write-file` crate rather than hand-written temp-and-rename:
//! it writes into a temporary file `.<name>.XXXXXX` in the target's own folder, `fsync`s it
//! (once, in `commit`), renames it over the target and `fsync`s the folder. We only add the mode
//! (0600, set on the open file so the umask cannot widen it) and our own error context.
//! Backups are hard links made the same way ([`StagedBackup`]): temporary name, then a rename
//! once the new version is in place. Nothing is ever opened through a symbolic link where it is
//! written ([`open_lock_file`], [`write_replacing`]), and nothing non-regular is read
//! ([`read_bounded`]: a FIFO never hangs a read).
//!
//! A process killed in the middle of a write leaves its temporary file behind (the target is
//! untouched). [`remove_temporaries`] deletes those of one file; the store calls it when it takes
//! a profile's lock, when no other process can be writing them (tests/reliability_crash.rs).

use super::error::{IoOp, StoreError};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Files larger than this are not profiles; they are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a mix,
/// also after a crash or power loss. The file is private to the user (0600 on Unix).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let err = |op, e| StoreError::io(op, path, e);
    // Never write what `read_bounded` would refuse: the file would be lost to the next start.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let e = io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "{} MiB is more than shangyun reads back ({} MiB); nothing was written",
                bytes.len().div_ceil(1 << 20),
                MAX_FILE_BYTES >> 20
            ),
        );
        return Err(err(IoOp::Write, e));
    }
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
    // No fsync here: `commit` syncs the file (`sync_all`) before the rename and the folder
    // after it. Syncing here too made every save wait for the disk twice.
    file.write_all(bytes).map_err(|e| err(IoOp::Write, e))?;
    commit(file, path).map_err(|e| err(IoOp::Rename, e))
}

/// Commits an atomic write; when that fails (the rename, say, because `path` is a folder), its
/// temporary file is removed. `atomic-write-file` leaves it behind then (its `commit` marks the
/// file done before renaming), and since its name is random we find it by its inode: only the
/// temporary of this very write is removed, never another shangyun's.
fn commit(file: atomic_write_file::AtomicWriteFile, path: &Path) -> io::Result<()> {
    let id = file.as_file().metadata().ok().map(|m| file_id(&m));
    let result = file.commit();
    if result.is_err()
        && let (Some(id), Some(target)) = (id, path.file_name().and_then(|n| n.to_str()))
    {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = dir.unwrap_or(Path::new("."));
        if let Ok(entries) = fs::read_dir(dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let ours = name.to_str().is_some_and(|n| is_temporary_of(n, target))
                    && fs::symlink_metadata(entry.path()).is_ok_and(|m| file_id(&m) == id);
                if ours {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
    result
}

/// What tells two files apart (device and inode on Unix).
#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt as _;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    // Without inodes, a temporary is recognised by its size (the bytes just written).
    (meta.len(), 0)
}

/// Writes an export (`shangyun export -o`, the wizard's export dialog) to `path`, replacing
/// what is there: atomically for a regular file (or none), and into it for a FIFO or a device
/// (`-o /dev/stdout` writes there). Never follows a symbolic link: a link is replaced by the
/// file, not written through. The new file gets the user's usual permissions (0666 less the
/// umask, so 0644 as a rule): never the link's 0777, never a folder's 0755. A folder is refused
/// before anything is created.
///
/// A killed export leaves `.<name>.XXXXXX` next to the file; those are removed first, but only
/// when a minute old, since another shangyun may be writing the same file now.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        remove_stale_temporaries(dir.unwrap_or(Path::new(".")), name);
    }
    if let Ok(meta) = fs::symlink_metadata(path) {
        let kind = meta.file_type();
        if kind.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        if !kind.is_file() && !kind.is_symlink() {
            let mut out = open_no_follow(path, fs::OpenOptions::new().write(true), false)?;
            out.write_all(bytes)?;
            return out.flush();
        }
    }
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options
            .mode(0o666)
            .preserve_mode(false)
            .preserve_owner(false);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    commit(file, path)
}

/// Opens `path` with `options`, never following a symbolic link in its last component (an
/// error instead) and, with `no_block`, never waiting for a FIFO's other end.
fn open_no_follow(path: &Path, options: &mut fs::OpenOptions, no_block: bool) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        let block = if no_block { libc::O_NONBLOCK } else { 0 };
        options.custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC | block);
    }
    #[cfg(not(unix))]
    let _ = no_block;
    options.open(path)
}

fn not_regular() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a regular file")
}

/// The previous version of a profile on its way to becoming `.bak`: a hard link to it under a
/// temporary name (`.<profile file>.prev.XXXXXX`, [`staged_name`]), made before the new
/// version is written and renamed over the backup only after it ([`StagedBackup::finish`]).
/// So the profile and its `.bak` are never one file (one inode). A failed save removes the
/// staged link (on drop). A save killed before the profile's rename leaves a link that is
/// still the profile, removed at the next lock; one killed between the two renames leaves the
/// previous version under the staged name, and the next lock makes it the backup
/// ([`recover_staged_backup`]). Keeping the previous version this way copies nothing and waits
/// for no disk flush: its data is already on disk.
#[derive(Debug)]
pub struct StagedBackup {
    temp: PathBuf,
    backup: PathBuf,
}

impl StagedBackup {
    /// Stages the regular file `path` as the next `backup`. `Ok(None)` when `path` is not a
    /// plain file with a single name, or the file system has no hard links: the caller then
    /// writes a copy with [`write_atomic`].
    pub fn stage(path: &Path, backup: &Path) -> Result<Option<StagedBackup>, StoreError> {
        let plain = fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && link_count(&m) == 1);
        let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str()))
        else {
            return Ok(None);
        };
        if !plain {
            return Ok(None);
        }
        let staged = staged_name(name);
        let mut attempt = 0u32;
        let temp = loop {
            let temp = dir.join(format!(".{staged}.{}", random_suffix(attempt)));
            match fs::hard_link(path, &temp) {
                Ok(()) => break temp,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
                // No hard links here (FAT, some network file systems), or no room for a name:
                // the copy reports a real problem with its own error.
                Err(_) => return Ok(None),
            }
        };
        let staged = StagedBackup {
            temp,
            backup: backup.to_path_buf(),
        };
        make_private(&staged.temp).map_err(|e| StoreError::io(IoOp::Rename, backup, e))?;
        Ok(Some(staged))
    }

    /// Makes the staged version the backup (a rename over it). Call it once the new version
    /// is in place. Its durability rides on the next folder `fsync`: after a power cut the
    /// backup may be the version before, never the current one.
    pub fn finish(self) -> Result<(), StoreError> {
        fs::rename(&self.temp, &self.backup)
            .map_err(|e| StoreError::io(IoOp::Rename, &self.backup, e))
    }
}

/// The name whose temporaries ([`is_temporary_of`]) are the staged backups of the profile file
/// `file`: `<file>.prev`. Not `<file>.bak`: a killed copy of the backup ([`write_atomic`])
/// leaves `.<file>.bak.XXXXXX`, which may be torn and must never become the backup.
pub fn staged_name(file: &str) -> String {
    format!("{file}.prev")
}

/// Finishes the backup step of a save that was killed between its two renames (see
/// [`StagedBackup`]): a staged link that is no longer the profile holds the version before it,
/// and becomes `backup`. Staged links that are still the profile are left for
/// [`remove_temporaries`]. Call it only when no other process can be saving `path` (under its
/// lock). Best effort: without it the backup is one version older.
pub fn recover_staged_backup(path: &Path, backup: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let staged = staged_name(name);
    let profile = fs::symlink_metadata(path).ok().map(|m| file_id(&m));
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if !file_name
            .to_str()
            .is_some_and(|n| is_temporary_of(n, &staged))
        {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_file() || Some(file_id(&meta)) == profile {
            continue;
        }
        let when = meta.modified().unwrap_or(UNIX_EPOCH);
        if newest.as_ref().is_none_or(|(t, _)| when > *t) {
            newest = Some((when, entry.path()));
        }
    }
    if let Some((_, temp)) = newest {
        let _ = fs::rename(temp, backup);
    }
}

impl Drop for StagedBackup {
    fn drop(&mut self) {
        // after `finish` the temporary name is gone and this does nothing
        let _ = fs::remove_file(&self.temp);
    }
}

#[cfg(unix)]
fn link_count(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_meta: &fs::Metadata) -> u64 {
    // Without a cheap way to know, never share a file that may have other names.
    u64::MAX
}

#[cfg(unix)]
fn make_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    if fs::symlink_metadata(path)?.permissions().mode() & 0o777 != 0o600 {
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> io::Result<()> {
    Ok(())
}

/// Six ASCII letters or digits, different on each call (as `atomic-write-file` names its
/// temporary files, so that [`is_temporary_of`] matches both).
fn random_suffix(attempt: u32) -> String {
    use std::hash::{BuildHasher as _, Hasher as _};
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut h = std::hash::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u32(attempt);
    h.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let mut x = h.finish();
    (0..TEMP_SUFFIX_LEN)
        .map(|_| {
            let c = ALPHABET.get((x % 62) as usize).copied().unwrap_or(b'x');
            x /= 62;
            char::from(c)
        })
        .collect()
}

/// Length of the random part of `atomic-write-file`'s temporary names (`.<name>.XXXXXX`).
const TEMP_SUFFIX_LEN: usize = 6;

/// Whether `file_name` is a temporary file that [`write_atomic`] makes for `target` (a file
/// name): `.` + `target` + `.` + six ASCII letters or digits.
pub fn is_temporary_of(file_name: &str, target: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(target))
        .and_then(|r| r.strip_prefix('.'))
        .is_some_and(|r| r.len() == TEMP_SUFFIX_LEN && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Deletes the temporary files an interrupted [`write_atomic`] of one of `targets` (file names
/// in `dir`) left behind. Call it only when no other process can be writing those files.
/// Best effort: a file that cannot be removed is left for the next time.
pub fn remove_temporaries(dir: &Path, targets: &[&str]) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if targets.iter().any(|t| is_temporary_of(name, t))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// How old a temporary file of a shared target must be before [`remove_stale_temporaries`]
/// deletes it. A save takes milliseconds; a minute-old temporary file belongs to no save in
/// progress (its writer was killed, or lost power).
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// Deletes the temporary files that an interrupted atomic write of `target` (a file name in
/// `dir`) left behind, for a file that other processes may be writing at the same moment (the
/// state file, an export): only those last modified [`STALE_AFTER`] ago or earlier, so that
/// another shangyun's write in progress is never disturbed. Best effort.
pub fn remove_stale_temporaries(dir: &Path, target: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temporary_of(name, target) {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age >= STALE_AFTER))
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
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

/// Opens a lock file for read and write, creating it private if it does not exist. Never
/// truncates, never follows a symbolic link and never waits on a FIFO: a link, a FIFO or a
/// device node found under the lock's name (none of them made by shangyun) is removed (which
/// leaves whatever a link points to untouched) and a fresh regular file made in its place; a
/// folder there is an error.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        fs::remove_file(path)?;
    }
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    // Another link made between the check and the open makes this fail (O_NOFOLLOW); the
    // file type is checked again on what was opened.
    let file = open_no_follow(path, &mut options, true)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// Reads a whole file, refusing anything over [`MAX_FILE_BYTES`]. `Ok(None)` if it does not exist.
/// Only a regular file is read (through a symbolic link, which reading cannot harm): a FIFO, a
/// socket or a device is "not a regular file", found without waiting for a writer (the open
/// does not block); a folder fails as reading one does ("Is a directory").
pub fn read_bounded(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(IoOp::Read, path, e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io(IoOp::Read, path, e))?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(StoreError::io(IoOp::Read, path, not_regular()));
    }
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
    crate::model::date::timestamp(now)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn temporaries_are_recognised_exactly() {
        assert!(is_temporary_of(".acme.ron.a1B2c3", "acme.ron"));
        assert!(is_temporary_of(".acme.ron.bak.Zz9zz9", "acme.ron.bak"));
        // The backup's temporaries are not the profile's, and other profiles' never match.
        assert!(!is_temporary_of(".acme.ron.bak.Zz9zz9", "acme.ron"));
        assert!(!is_temporary_of(".acme.ron.ron.a1B2c3", "acme.ron"));
        assert!(!is_temporary_of(".acme.ron.a1B2c", "acme.ron"));
        assert!(!is_temporary_of(".acme.ron.a1B2c3-", "acme.ron"));
        assert!(!is_temporary_of("acme.ron.a1B2c3", "acme.ron"));
        assert!(!is_temporary_of(".acme.ron.corrupt", "acme.ron"));
    }

    #[test]
    fn only_the_targets_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let keep = [
            "acme.ron",
            ".other.ron.a1B2c3",
            ".acme.ron.corrupt",
            "acme.ron.corrupt-20250101T000000",
        ];
        for f in keep
            .iter()
            .chain(&[".acme.ron.a1B2c3", ".acme.ron.bak.xYz123"])
        {
            fs::write(dir.path().join(f), "x").unwrap();
        }
        fs::create_dir(dir.path().join(".acme.ron.dir123")).unwrap();
        remove_temporaries(dir.path(), &["acme.ron", "acme.ron.bak"]);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want: Vec<String> = keep.iter().map(|s| s.to_string()).collect();
        want.push(".acme.ron.dir123".into());
        want.sort();
        assert_eq!(left, want);
    }

    #[test]
    fn nothing_is_written_that_could_not_be_read_back() {
        // Found by tests/reliability_files.rs::huge_profiles_round_trip_or_are_refused_whole: a
        // 20 MB profile was saved, then refused on load (and every later save) for its size.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "old").unwrap();
        let too_big = vec![b'x'; MAX_FILE_BYTES as usize + 1];
        let e = write_atomic(&path, &too_big).unwrap_err();
        assert!(
            matches!(&e, StoreError::Io { op: IoOp::Write, source, .. } if source.kind() == io::ErrorKind::FileTooLarge),
            "{e:?}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let just_fits = &too_big[1..];
        write_atomic(&path, just_fits).unwrap();
        assert_eq!(
            read_bounded(&path).unwrap().map(|b| b.len()),
            Some(just_fits.len())
        );
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
