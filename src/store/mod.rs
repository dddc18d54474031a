//! The only module that touches the disk for profiles.
//!
//! ```text
//! <data>/                      --data-dir, else $SHANGYUN_DATA_DIR, else the platform data dir
//!   state.ron                  the last opened profile
//!   profiles/
//!     示范企业.ron              one profile (file name = percent-encoded display name, see `name`)
//!     示范企业.ron.bak          the previous good version, replaced on each save
//!     示范企业.ron.lock         held (flock) while a shangyun has the profile open; holds its PID
//!     示范企业.ron.corrupt-20250101T093000   an unreadable file, moved aside on load
//! ```
//!
//! Rules this module keeps:
//! - **Every write is atomic** (temp file in the same folder, one fsync, rename, fsync folder)
//!   and private (folders 0700, files 0600 on Unix). The previous version becomes `.bak` by a
//!   hard link staged before the write and renamed into place after it (no copy, no second
//!   fsync; a copy where the file system has no links), so a profile and its `.bak` are never
//!   one file. Nothing is written through a symbolic link, and only regular files are read (a
//!   FIFO never hangs a read). Temporary
//!   files left by a shangyun killed while saving are removed when the profile is next locked
//!   (only the lock holder writes a profile); those of `state.ron`, which every shangyun writes,
//!   when it is next written, and only once they are a minute old ([`STALE_AFTER`]).
//! - **A save parses the file it replaces only when it has to**: the lock remembers a keyed
//!   fingerprint of what it last wrote or read, so the usual save is serialise, read, compare,
//!   link, write.
//! - **Saving needs the lock.** Only a [`ProfileLock`] can save, so two shangyuns never
//!   interleave saves to one profile; a second lock fails with [`StoreError::Locked`].
//! - **A file that cannot be read is never overwritten.** On load it is moved aside and the
//!   error says where; `.bak` is left alone so [`Store::load_backup`] can recover. A file from a
//!   newer shangyun is left in place and saving over it is refused.
//! - **Old files are upgraded on load** (`migrate`); saving writes the current version.
//! - Files outside the data folder ([`load_file`]) are only ever read.
//!
//! This file is over 700 lines because [`Store`] and [`ProfileLock`] share the save protocol
//! (fingerprints, backups, moving aside) and read best side by side; the file-system
//! primitives are in `fsio`, names in [`name`], errors in `error`, exports in `output`.

mod error;
mod fsio;
pub mod migrate;
pub mod name;
mod output;

pub use error::{InvalidNameReason, IoOp, StoreError};
pub use fsio::{STALE_AFTER, remove_stale_temporaries, write_synced};
pub use output::{ExportError, Overwrite, make_export_dir, write_export};

use crate::model::{Profile, SCHEMA_VERSION};
use migrate::{ParseFailure, Parsed};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::ffi::OsString;
use std::fs::{self, File, TryLockError};
use std::hash::{BuildHasher as _, RandomState};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Environment variable that overrides the data folder (below `--data-dir`).
pub const DATA_DIR_ENV: &str = "SHANGYUN_DATA_DIR";

const PROFILE_EXT: &str = "ron";
const PROFILES_DIR: &str = "profiles";
const STATE_FILE: &str = "state.ron";

/// The data folder: `explicit` (`--data-dir`), else `$SHANGYUN_DATA_DIR`, else the platform's
/// data folder for shangyun (`~/.local/share/shangyun` on Linux).
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    resolve_data_dir_from(explicit, std::env::var_os(DATA_DIR_ENV), || {
        directories::ProjectDirs::from("", "", "shangyun").map(|d| d.data_dir().to_path_buf())
    })
}

/// [`resolve_data_dir`] with its inputs given, for tests.
pub fn resolve_data_dir_from(
    explicit: Option<&Path>,
    env: Option<OsString>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    if let Some(p) = explicit.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = env.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    platform().ok_or(StoreError::NoDataDir)
}

/// A profile read from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub profile: Profile,
    /// The file it was read from.
    pub path: PathBuf,
    /// The file's schema version if it was older and has been upgraded in memory (it is
    /// written in the current version on the next save).
    pub migrated_from: Option<u32>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    /// Where the previous version was kept, if there was a readable one.
    pub backup: Option<PathBuf>,
    /// An unreadable file found in the way, moved aside instead of being overwritten.
    pub moved_aside: Option<PathBuf>,
    /// The file already held exactly this profile; nothing was written.
    pub unchanged: bool,
}

/// Whether a listed profile can be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    Ok,
    /// Does not parse (it is moved aside when opened).
    Unreadable,
    /// Written by a newer shangyun, with this schema version.
    Newer(u32),
    /// Not a regular file (a FIFO, a device, a folder): it is never read.
    NotRegular,
}

/// One entry of [`Store::list`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInfo {
    /// The display name (what the user typed; decoded from the file name).
    pub name: String,
    pub path: PathBuf,
    pub modified: Option<SystemTime>,
    /// The enterprise name answered in the profile, if readable and answered.
    pub enterprise: Option<String>,
    pub health: Health,
}

/// The data folder with its profiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    root: PathBuf,
    profiles: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct State {
    last: Option<String>,
}

impl Store {
    /// Opens (creating if needed) a data folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let root = dir.into();
        let profiles = root.join(PROFILES_DIR);
        fsio::create_private_dir(&root)?;
        fsio::create_private_dir(&profiles)?;
        Ok(Store { root, profiles })
    }

    /// Opens the data folder chosen by [`resolve_data_dir`].
    pub fn open_default(explicit: Option<&Path>) -> Result<Store, StoreError> {
        Store::open(resolve_data_dir(explicit)?)
    }

    pub fn dir(&self) -> &Path {
        &self.root
    }

    pub fn profiles_dir(&self) -> &Path {
        &self.profiles
    }

    /// The file of a profile (whether or not it exists).
    pub fn path_of(&self, name: &str) -> Result<PathBuf, StoreError> {
        let stem = name::encode(name).map_err(|reason| StoreError::InvalidName {
            name: name.to_owned(),
            reason,
        })?;
        Ok(self.profiles.join(format!("{stem}.{PROFILE_EXT}")))
    }

    pub fn exists(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.path_of(name)?.is_file())
    }

    /// Every profile, most recently modified first. Read-only: nothing is moved or repaired.
    pub fn list(&self) -> Result<Vec<ProfileInfo>, StoreError> {
        let entries = fs::read_dir(&self.profiles)
            .map_err(|e| StoreError::io(IoOp::ReadDir, &self.profiles, e))?;
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io(IoOp::ReadDir, &self.profiles, e))?;
            let path = entry.path();
            let Some(name) = profile_name_of(&path) else {
                continue;
            };
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                // a FIFO, a device, a folder: listed (it cannot be opened), never read
                out.push(ProfileInfo {
                    name,
                    path,
                    modified: meta.modified().ok(),
                    enterprise: None,
                    health: Health::NotRegular,
                });
                continue;
            }
            let (enterprise, health) = match fsio::read_bounded(&path) {
                Ok(Some(bytes)) => match parse_bytes(&bytes) {
                    Ok(p) => {
                        let e = p.profile.enterprise_name().trim();
                        ((!e.is_empty()).then(|| e.to_owned()), Health::Ok)
                    }
                    Err(ParseFailure::Newer { found }) => (None, Health::Newer(found)),
                    Err(ParseFailure::Invalid { .. }) => (None, Health::Unreadable),
                },
                Ok(None) => continue, // deleted meanwhile
                Err(_) => (None, Health::Unreadable),
            };
            out.push(ProfileInfo {
                name,
                path,
                modified: meta.modified().ok(),
                enterprise,
                health,
            });
        }
        out.sort_by(|a, b| {
            b.modified
                .cmp(&a.modified)
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(out)
    }

    /// Reads a profile, upgrading an older format in memory. An unreadable file is moved aside
    /// (see [`StoreError::Parse`]); a newer one is left alone ([`StoreError::NewerSchema`]).
    pub fn load(&self, name: &str) -> Result<Loaded, StoreError> {
        self.load_with_bytes(name).map(|(loaded, _)| loaded)
    }

    /// [`Store::load`], also returning the bytes that were parsed.
    fn load_with_bytes(&self, name: &str) -> Result<(Loaded, Vec<u8>), StoreError> {
        let path = self.path_of(name)?;
        let Some(bytes) = fsio::read_bounded(&path)? else {
            return Err(StoreError::NotFound {
                name: name.to_owned(),
                path,
            });
        };
        match parse_bytes(&bytes) {
            Ok(p) => Ok((loaded(p, path), bytes)),
            Err(ParseFailure::Newer { found }) => Err(StoreError::NewerSchema {
                path,
                found,
                supported: SCHEMA_VERSION,
            }),
            Err(ParseFailure::Invalid { line, col, msg }) => {
                let moved_to = Some(move_aside(&path)?);
                let bak = backup_path(&path);
                let backup = bak.is_file().then_some(bak);
                Err(StoreError::Parse {
                    path,
                    line,
                    col,
                    msg,
                    moved_to,
                    backup,
                })
            }
        }
    }

    /// Reads the previous good version (`<file>.bak`) of a profile. Nothing is moved: the
    /// backup stays as it is until the next successful save. Save the result with a
    /// [`ProfileLock`] to make it the current version again.
    pub fn load_backup(&self, name: &str) -> Result<Loaded, StoreError> {
        let path = backup_path(&self.path_of(name)?);
        let Some(bytes) = fsio::read_bounded(&path)? else {
            return Err(StoreError::NotFound {
                name: name.to_owned(),
                path,
            });
        };
        parse_bytes(&bytes)
            .map(|p| loaded(p, path.clone()))
            .map_err(|f| failure_in_place(path, f))
    }

    /// Takes the profile's lock, without waiting. Fails with [`StoreError::Locked`] if another
    /// shangyun, or another lock in this process, holds it. Released when dropped.
    pub fn lock(&self, name: &str) -> Result<ProfileLock, StoreError> {
        let path = self.path_of(name)?;
        let lock_path = suffixed(&path, ".lock");
        let mut file = fsio::open_lock_file(&lock_path)
            .map_err(|e| StoreError::io(IoOp::Lock, &lock_path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let pid = file
                    .read_to_string(&mut text)
                    .ok()
                    .and_then(|_| text.trim().parse().ok());
                return Err(StoreError::Locked {
                    name: name.to_owned(),
                    path: lock_path,
                    pid,
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io(IoOp::Lock, &lock_path, e)),
        }
        // Best effort: the PID only makes the message for a second shangyun more helpful.
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| writeln!(file, "{}", std::process::id()));
        // Only the lock holder writes this profile, so temporary files of its saves found now
        // were left by a shangyun that was killed while saving.
        // A save killed between its two renames left the previous version staged: it becomes
        // the backup first.
        fsio::recover_staged_backup(&path, &backup_path(&path));
        if let (Some(file_name), Some(bak)) = (
            path.file_name().and_then(|f| f.to_str()),
            backup_path(&path).file_name().and_then(|f| f.to_str()),
        ) {
            let staged = fsio::staged_name(file_name);
            fsio::remove_temporaries(&self.profiles, &[file_name, bak, &staged]);
        }
        Ok(ProfileLock {
            store: self.clone(),
            name: name.to_owned(),
            path,
            lock_path,
            _file: file,
            known: Cell::new(None),
            hasher: RandomState::new(),
        })
    }

    /// Deletes a profile and its backup (files moved aside are kept). Takes the lock first.
    /// A profile that does not exist leaves no lock file behind.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        self.lock(name)?.delete()
    }

    /// Renames a profile (with its backup). Refuses if `to` exists; takes both locks. A
    /// profile that does not exist leaves no lock file behind.
    pub fn rename(&self, from: &str, to: &str) -> Result<(), StoreError> {
        let mut lock = self.lock(from)?;
        let result = lock.rename(to);
        if matches!(result, Err(StoreError::NotFound { .. })) {
            lock.remove_lock_file();
        }
        result
    }

    /// The last opened profile, if it still exists. A missing or unreadable state file just
    /// means "none".
    pub fn last(&self) -> Option<String> {
        let name = self.state()?.last?;
        self.exists(&name).ok()?.then_some(name)
    }

    /// Remembers (or forgets, with `None`) the last opened profile.
    /// Does nothing when the state file already says so (each start of the same profile would
    /// otherwise wait for an atomic write).
    pub fn set_last(&self, name: Option<&str>) -> Result<(), StoreError> {
        if let Some(n) = name {
            self.path_of(n)?;
        }
        // Every shangyun writes this file: only temporaries old enough to be abandoned go.
        fsio::remove_stale_temporaries(&self.root, STATE_FILE);
        if self.state().is_some_and(|s| s.last.as_deref() == name) {
            return Ok(());
        }
        let state = State {
            last: name.map(str::to_owned),
        };
        write_ron(&self.root.join(STATE_FILE), &state)
    }

    /// The state file, if it can be read.
    fn state(&self) -> Option<State> {
        let bytes = fsio::read_bounded(&self.root.join(STATE_FILE)).ok()??;
        ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
    }

    fn forget_if_last(&self, name: &str, replacement: Option<&str>) -> Result<(), StoreError> {
        match self.state() {
            Some(State { last: Some(l) }) if l == name => self.set_last(replacement),
            _ => Ok(()),
        }
    }
}

/// Reads an answers file from anywhere (`shangyun check FILE`, `export --answers FILE`).
/// The file is never moved, changed or locked.
pub fn load_file(path: &Path) -> Result<Loaded, StoreError> {
    read_file(path, true)
}

/// Like [`load_file`] but without [`Profile::normalise`]: the answers exactly as written
/// (upgraded to the current format), so that `shangyun check` can report what a hand edit
/// broke instead of silently repairing it.
pub fn load_file_as_written(path: &Path) -> Result<Loaded, StoreError> {
    read_file(path, false)
}

fn read_file(path: &Path, normalise: bool) -> Result<Loaded, StoreError> {
    let Some(bytes) = fsio::read_bounded(path)? else {
        let e = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        return Err(StoreError::io(IoOp::Read, path, e));
    };
    parse_bytes_with(&bytes, normalise)
        .map(|p| loaded(p, path.to_path_buf()))
        .map_err(|f| failure_in_place(path.to_path_buf(), f))
}

/// Holds a profile's lock; the only way to save it. Dropping it releases the lock.
#[derive(Debug)]
pub struct ProfileLock {
    store: Store,
    name: String,
    path: PathBuf,
    lock_path: PathBuf,
    _file: File,
    /// What this lock last wrote to (or read and parsed from) the profile's file, so that the
    /// next save knows the file it replaces is readable without parsing it again.
    known: Cell<Option<Fingerprint>>,
    /// Keys of the fingerprints, random per lock: a file cannot be made to match one.
    hasher: RandomState,
}

/// The length and a keyed hash of a file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl ProfileLock {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The profile's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Result<Loaded, StoreError> {
        let (loaded, bytes) = self.store.load_with_bytes(&self.name)?;
        self.known.set(Some(self.fingerprint(&bytes)));
        Ok(loaded)
    }

    /// Checks what a save would replace, without writing: a file from a newer shangyun is
    /// refused with [`StoreError::NewerSchema`] (as [`ProfileLock::save`] would), an unreadable
    /// one is moved aside now (its new name is returned). `Ok(None)` when the way is clear.
    /// Lets the wizard report these before its first frame and save after it.
    pub fn check_before_save(&self) -> Result<Option<PathBuf>, StoreError> {
        let Some(old) = fsio::read_bounded(&self.path)? else {
            return Ok(None);
        };
        if self.known.get() == Some(self.fingerprint(&old)) {
            return Ok(None);
        }
        match parse_bytes(&old) {
            Ok(_) => {
                self.known.set(Some(self.fingerprint(&old)));
                Ok(None)
            }
            Err(ParseFailure::Newer { found }) => Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            }),
            Err(ParseFailure::Invalid { .. }) => move_aside(&self.path).map(Some),
        }
    }

    fn fingerprint(&self, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: bytes.len(),
            hash: self.hasher.hash_one(bytes),
        }
    }

    /// Saves a new profile; fails with [`StoreError::AlreadyExists`] if the file exists.
    pub fn create(&self, profile: &Profile) -> Result<Saved, StoreError> {
        if fs::symlink_metadata(&self.path).is_ok() {
            return Err(StoreError::AlreadyExists {
                name: self.name.clone(),
                path: self.path.clone(),
            });
        }
        self.save(profile)
    }

    /// Saves atomically, in the current schema version. A readable previous version is kept
    /// as `<file>.bak`; an unreadable one is moved aside (never overwritten); a file from a
    /// newer shangyun is refused with [`StoreError::NewerSchema`].
    pub fn save(&self, profile: &Profile) -> Result<Saved, StoreError> {
        // The last save's size plus room to grow: the text is written without reallocating.
        let hint = self.known.get().map_or(0, |k| k.len + k.len / 8 + 256);
        let text = profile_text_sized(profile, hint).map_err(|e| {
            StoreError::io(
                IoOp::Write,
                &self.path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })?;
        let mut saved = Saved {
            path: self.path.clone(),
            backup: None,
            moved_aside: None,
            unchanged: false,
        };
        if let Some(old) = fsio::read_bounded(&self.path)? {
            if old == text.as_bytes() {
                self.known.set(Some(self.fingerprint(&old)));
                saved.unchanged = true;
                return Ok(saved);
            }
            // What this lock wrote or read last is known to be readable: no need to parse it.
            let readable = if self.known.get() == Some(self.fingerprint(&old)) {
                Ok(())
            } else {
                parse_bytes(&old).map(drop)
            };
            match readable {
                Ok(()) => {
                    let bak = backup_path(&self.path);
                    // The backup is put in place after the profile: what would stop it then
                    // must stop the save now, while the previous version is still the profile.
                    if fs::symlink_metadata(&bak).is_ok_and(|m| m.is_dir()) {
                        let e = std::io::Error::new(
                            std::io::ErrorKind::IsADirectory,
                            "a folder is in the way",
                        );
                        return Err(StoreError::io(IoOp::Rename, &bak, e));
                    }
                    let staged = fsio::StagedBackup::stage(&self.path, &bak)?;
                    if staged.is_none() {
                        fsio::write_atomic(&bak, &old)?;
                    }
                    self.known.set(None);
                    fsio::write_atomic(&self.path, text.as_bytes())?;
                    self.known.set(Some(self.fingerprint(text.as_bytes())));
                    // The profile is saved; a backup that still cannot be renamed into place
                    // is reported (the next save tries again).
                    staged.map_or(Ok(()), fsio::StagedBackup::finish)?;
                    saved.backup = Some(bak);
                    return Ok(saved);
                }
                Err(ParseFailure::Newer { found }) => {
                    return Err(StoreError::NewerSchema {
                        path: self.path.clone(),
                        found,
                        supported: SCHEMA_VERSION,
                    });
                }
                Err(ParseFailure::Invalid { .. }) => {
                    saved.moved_aside = Some(move_aside(&self.path)?)
                }
            }
        }
        self.known.set(None);
        fsio::write_atomic(&self.path, text.as_bytes())?;
        self.known.set(Some(self.fingerprint(text.as_bytes())));
        Ok(saved)
    }

    /// Renames the profile to `to`, keeping this lock (now on `to`). Refuses if `to` exists.
    pub fn rename(&mut self, to: &str) -> Result<(), StoreError> {
        if self.store.path_of(to)? == self.path {
            return Ok(());
        }
        let target = self.store.lock(to)?;
        if !self.path.is_file() {
            target.remove_lock_file();
            return Err(StoreError::NotFound {
                name: self.name.clone(),
                path: self.path.clone(),
            });
        }
        fsio::move_no_clobber(&self.path, &target.path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::AlreadyExists {
                    name: to.to_owned(),
                    path: target.path.clone(),
                }
            } else {
                StoreError::io(IoOp::Rename, &self.path, e)
            }
        })?;
        let (old_bak, new_bak) = (backup_path(&self.path), backup_path(&target.path));
        if old_bak.is_file() {
            // A stray backup under the new name (from a hand-made file) is not overwritten.
            let _ = fsio::move_no_clobber(&old_bak, &new_bak);
        }
        self.store.forget_if_last(&self.name, Some(to))?;
        let old_lock = std::mem::replace(self, target);
        let _ = fs::remove_file(&old_lock.lock_path);
        Ok(())
    }

    /// Removes the lock file while the lock is held (the lock itself ends when this is
    /// dropped): for a profile that turned out not to exist, so that a failed command leaves
    /// nothing behind.
    fn remove_lock_file(&self) {
        let _ = fs::remove_file(&self.lock_path);
    }

    /// Deletes the profile and its backup (files moved aside are kept), then the lock file.
    pub fn delete(self) -> Result<(), StoreError> {
        match fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.remove_lock_file();
                return Err(StoreError::NotFound {
                    name: self.name.clone(),
                    path: self.path.clone(),
                });
            }
            Err(e) => return Err(StoreError::io(IoOp::Remove, &self.path, e)),
        }
        let bak = backup_path(&self.path);
        match fs::remove_file(&bak) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(IoOp::Remove, &bak, e)),
        }
        self.store.forget_if_last(&self.name, None)?;
        let _ = fs::remove_file(&self.lock_path);
        Ok(())
    }
}

/// The text a profile is saved as: pretty RON, current schema version, `\n` line ends on every
/// platform, non-ASCII text (CJK) written as is.
pub fn profile_text(profile: &Profile) -> Result<String, ron::Error> {
    profile_text_sized(profile, 0)
}

/// [`profile_text`] into a string of `capacity` bytes to start with.
fn profile_text_sized(profile: &Profile, capacity: usize) -> Result<String, ron::Error> {
    let upgraded;
    let p = if profile.schema_version == SCHEMA_VERSION {
        profile
    } else {
        let mut p = profile.clone();
        p.schema_version = SCHEMA_VERSION;
        upgraded = p;
        &upgraded
    };
    let mut s = String::with_capacity(capacity);
    ron::ser::to_writer_pretty(&mut s, p, pretty())?;
    s.push('\n');
    Ok(s)
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::default().new_line("\n".to_owned())
}

fn write_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let text = ron::ser::to_string_pretty(value, pretty()).map_err(|e| {
        StoreError::io(
            IoOp::Write,
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    fsio::write_atomic(path, format!("{text}\n").as_bytes())
}

fn parse_bytes(bytes: &[u8]) -> Result<Parsed, ParseFailure> {
    parse_bytes_with(bytes, true)
}

fn parse_bytes_with(bytes: &[u8], normalise: bool) -> Result<Parsed, ParseFailure> {
    match std::str::from_utf8(bytes) {
        Ok(text) => migrate::parse_profile_with(text, normalise),
        Err(e) => {
            let valid = bytes
                .get(..e.valid_up_to())
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            let line = 1 + valid.matches('\n').count();
            let col = 1 + valid.rsplit('\n').next().map_or(0, |l| l.chars().count());
            Err(ParseFailure::Invalid {
                line,
                col,
                msg: "the file is not UTF-8 text".to_owned(),
            })
        }
    }
}

fn loaded(p: Parsed, path: PathBuf) -> Loaded {
    Loaded {
        profile: p.profile,
        path,
        migrated_from: p.migrated_from,
    }
}

/// The error for a file that is only read, never moved (answers files, backups).
fn failure_in_place(path: PathBuf, f: ParseFailure) -> StoreError {
    match f {
        ParseFailure::Newer { found } => StoreError::NewerSchema {
            path,
            found,
            supported: SCHEMA_VERSION,
        },
        ParseFailure::Invalid { line, col, msg } => StoreError::Parse {
            path,
            line,
            col,
            msg,
            moved_to: None,
            backup: None,
        },
    }
}

/// Moves an unreadable profile to `<file>.corrupt-<timestamp>` (`-2`, `-3`, … if taken).
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let base = format!(".corrupt-{}", fsio::timestamp(SystemTime::now()));
    for n in 1..=100u32 {
        let suffix = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let to = suffixed(path, &suffix);
        match fsio::move_no_clobber(path, &to) {
            Ok(()) => return Ok(to),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io(IoOp::Rename, path, e)),
        }
    }
    let e = std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many files moved aside this second",
    );
    Err(StoreError::io(IoOp::Rename, path, e))
}

fn backup_path(path: &Path) -> PathBuf {
    suffixed(path, ".bak")
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// The display name of a profile file (`<canonical stem>.ron`), or `None` for anything else.
fn profile_name_of(path: &Path) -> Option<String> {
    let file = path.file_name()?.to_str()?;
    let stem = file.strip_suffix(".ron")?;
    name::decode(stem)
}
