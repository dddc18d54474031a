//! The TUI's only doors into the engine and the store.
//!
//! Everything the wizard asks of the pure core (analysis, input parsing, problems, step status)
//! and of the disk (profiles) goes through the functions and types here, so the rest of `tui`
//! does not care how they are implemented. While the real engine and store are being built on
//! other branches these are small stand-ins; swapping in the real call is one line each.

use crate::content::{Content, QuestionDef, Text};
use crate::engine::Analysis;
use crate::model::{Answer, Profile, StepId};
use std::path::{Path, PathBuf};

pub use crate::engine::validate::{Entity, Problem, StepStatus};

/// Everything the engine derives from a profile.
pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
    crate::engine::analyse(content, profile)
}

/// Turns what was typed into an answer: `Ok(None)` for an empty input, `Err` with a message
/// that says what is wrong.
pub fn parse_input(content: &Content, q: &QuestionDef, raw: &str) -> Result<Option<Answer>, Text> {
    crate::engine::validate::parse_input(content, q, raw)
}

/// Problems of one screen (`None` = the profile screen).
pub fn problems(content: &Content, profile: &Profile, step: Option<StepId>) -> Vec<Problem> {
    crate::engine::validate::problems(content, profile, step)
}

/// Status of one screen for the step list (`None` = the profile screen).
pub fn step_status(content: &Content, profile: &Profile, step: Option<StepId>) -> StepStatus {
    crate::engine::validate::screen_status(content, profile, step)
}

/// A saved profile as the welcome screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileInfo {
    pub name: String,
    pub enterprise: String,
    /// Modified time, already formatted (`2024-05-01 14:03`).
    pub modified: String,
}

/// The profile store: where profiles live on disk.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
}

/// A store failure, already in words the user can act on.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreFailure {
    pub message: String,
    /// Another process holds the profile.
    pub locked: bool,
}

impl std::fmt::Display for StoreFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Store {
    pub fn open(dir: &Path) -> Result<Store, StoreFailure> {
        std::fs::create_dir_all(dir).map_err(|e| fail(format!("{}: {e}", dir.display())))?;
        Ok(Store {
            dir: dir.to_owned(),
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.ron"))
    }

    pub fn list(&self) -> Vec<ProfileInfo> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<ProfileInfo> = rd
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                (p.extension()? == "ron").then_some(())?;
                let name = p.file_stem()?.to_str()?.to_owned();
                let enterprise = self
                    .load(&name)
                    .map(|pr| pr.enterprise_name().to_owned())
                    .unwrap_or_default();
                let modified = e
                    .metadata()
                    .ok()
                    .and_then(|m| m.modified().ok())
                    .map(fmt_time)
                    .unwrap_or_default();
                Some(ProfileInfo {
                    name,
                    enterprise,
                    modified,
                })
            })
            .collect();
        out.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
        out
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    pub fn load(&self, name: &str) -> Result<Profile, StoreFailure> {
        let s =
            std::fs::read_to_string(self.path(name)).map_err(|e| fail(format!("{name}: {e}")))?;
        let mut p: Profile = ron::from_str(&s).map_err(|e| fail(format!("{name}: {e}")))?;
        p.normalise();
        Ok(p)
    }

    pub fn save(&self, name: &str, profile: &Profile) -> Result<(), StoreFailure> {
        let s = ron::ser::to_string_pretty(profile, ron::ser::PrettyConfig::default())
            .map_err(|e| fail(e.to_string()))?;
        let tmp = self.dir.join(format!(".{name}.ron.tmp"));
        std::fs::write(&tmp, s).map_err(|e| fail(format!("{}: {e}", tmp.display())))?;
        std::fs::rename(&tmp, self.path(name)).map_err(|e| fail(format!("{name}: {e}")))?;
        let _ = std::fs::write(self.dir.join(".last"), name);
        Ok(())
    }

    /// Holds the profile for this session; `Err` with `locked` when another process has it.
    pub fn lock(&self, _name: &str) -> Result<ProfileLock, StoreFailure> {
        Ok(ProfileLock)
    }

    /// The profile used last, if it still exists.
    pub fn last(&self) -> Option<String> {
        let name = std::fs::read_to_string(self.dir.join(".last")).ok()?;
        let name = name.trim().to_owned();
        self.exists(&name).then_some(name)
    }
}

/// Held while a profile is open; released on drop.
#[derive(Debug)]
pub struct ProfileLock;

fn fail(message: String) -> StoreFailure {
    StoreFailure {
        message,
        locked: false,
    }
}

fn fmt_time(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (UTC).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}
