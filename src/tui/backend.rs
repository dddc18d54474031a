//! The TUI's only doors into the engine and the store.
//!
//! Everything the wizard asks of the pure core (analysis, input parsing, problems, step status)
//! and of the disk (profiles) goes through the functions and types here, so the rest of `tui`
//! does not care how they are implemented. While the real engine and store are being built on
//! other branches these are small stand-ins; swapping in the real call is one line each.

use crate::content::{Content, QuestionDef, QuestionKind, Scope, Text};
use crate::engine::{
    Analysis, Deployment, DeploymentResult, Effects, Scorecard, SystemResult, Verdict, Wave,
};
use crate::model::{Answer, Profile, ProviderId, StepId, SystemId};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Who an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Enterprise,
    System(SystemId),
    Provider(ProviderId),
    Wave(u32),
}

/// A problem with the answers: a missing required answer or an invalid one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub question: String,
    pub entity: Entity,
    pub text: Text,
    /// A later step needs this answer: "Next" is blocked until it is fixed.
    pub blocks_next: bool,
}

/// How far a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
    Problems,
}

/// Everything the engine derives from a profile.
pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
    stand_in::analyse(content, profile)
}

/// Turns what was typed into an answer: `Ok(None)` for an empty input, `Err` with a message
/// that says what is wrong.
pub fn parse_input(content: &Content, q: &QuestionDef, raw: &str) -> Result<Option<Answer>, Text> {
    stand_in::parse_input(content, q, raw)
}

/// Problems of one screen (`None` = the profile screen).
pub fn problems(content: &Content, profile: &Profile, step: Option<StepId>) -> Vec<Problem> {
    stand_in::problems(content, profile, step)
}

pub fn step_status(content: &Content, profile: &Profile, step: Option<StepId>) -> StepStatus {
    stand_in::step_status(content, profile, step)
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
        Ok(Store { dir: dir.to_owned() })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.ron"))
    }

    pub fn list(&self) -> Vec<ProfileInfo> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut out: Vec<ProfileInfo> = rd
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                (p.extension()? == "ron").then_some(())?;
                let name = p.file_stem()?.to_str()?.to_owned();
                let enterprise = self.load(&name).map(|pr| pr.enterprise_name().to_owned()).unwrap_or_default();
                let modified = e.metadata().ok().and_then(|m| m.modified().ok()).map(fmt_time).unwrap_or_default();
                Some(ProfileInfo { name, enterprise, modified })
            })
            .collect();
        out.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
        out
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    pub fn load(&self, name: &str) -> Result<Profile, StoreFailure> {
        let s = std::fs::read_to_string(self.path(name)).map_err(|e| fail(format!("{name}: {e}")))?;
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
    StoreFailure { message, locked: false }
}

fn fmt_time(t: std::time::SystemTime) -> String {
    let secs = t.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    let rem = secs % 86_400;
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", rem / 3600, (rem % 3600) / 60)
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

/// Temporary implementations until the engine branch lands.
mod stand_in {
    use super::*;

    pub fn analyse(_content: &Content, profile: &Profile) -> Analysis {
        let waves = layer_waves(profile);
        let wave_of = |id: SystemId| waves.iter().find(|w| w.systems.contains(&id)).map(|w| w.number);
        let systems = profile
            .systems
            .iter()
            .map(|s| {
                let chosen = s.answers.choice("sys.strategy").map(str::to_owned);
                SystemResult {
                    id: s.id,
                    name: s.name.clone(),
                    priority: 0.0,
                    priority_reasons: vec![],
                    verdict: Verdict::Go,
                    verdict_reasons: vec![],
                    suggested_strategy: "rehost".into(),
                    strategy_reasons: vec![],
                    overridden: chosen.is_some(),
                    strategy: chosen.unwrap_or_else(|| "rehost".into()),
                    wave: wave_of(s.id),
                    services: vec![],
                    risks: vec![],
                    sla_gaps: vec![],
                    missing: vec![],
                }
            })
            .collect();
        Analysis {
            deployment: DeploymentResult {
                recommended: Deployment::Public,
                chosen: Deployment::Public,
                overridden: false,
                reasons: vec![],
                split: vec![],
            },
            systems,
            waves,
            services: vec![],
            providers: vec![],
            scorecard: Scorecard {
                steps: vec![],
                total: 0.0,
                angles: vec![],
                effects: Effects { dimensions: vec![], annual_saving: None, payback_months: None, score: 0.0 },
                stars: 1,
            },
            checklist: vec![],
        }
    }

    /// Longest-path layering; systems on a cycle are put after everything else they reach.
    fn layer_waves(profile: &Profile) -> Vec<Wave> {
        let mut level: BTreeMap<SystemId, u32> = BTreeMap::new();
        for _ in 0..profile.systems.len().min(64) + 1 {
            let mut changed = false;
            for s in &profile.systems {
                let l = s.depends_on.iter().map(|d| level.get(d).copied().unwrap_or(0) + 1).max().unwrap_or(1).min(64);
                if level.get(&s.id) != Some(&l) {
                    level.insert(s.id, l);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut waves: BTreeMap<u32, Vec<SystemId>> = BTreeMap::new();
        for s in &profile.systems {
            if s.answers.choice("sys.strategy") == Some("keep") {
                continue;
            }
            waves.entry(level.get(&s.id).copied().unwrap_or(1)).or_default().push(s.id);
        }
        waves.into_values().enumerate().map(|(i, systems)| Wave { number: i as u32 + 1, systems, cyclic: false }).collect()
    }

    pub fn parse_input(_content: &Content, q: &QuestionDef, raw: &str) -> Result<Option<Answer>, Text> {
        let t = raw.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match &q.kind {
            QuestionKind::Text { max } | QuestionKind::LongText { max } => {
                if raw.chars().count() > *max {
                    Err(Text::new("ui.err.too_long").num("max", *max as f64, 0))
                } else {
                    Ok(Some(Answer::Text(raw.to_owned())))
                }
            }
            QuestionKind::Number { min, max, .. } => {
                let n: f64 = t.replace([',', '，'], "").parse().map_err(|_| Text::new("ui.err.number"))?;
                if !n.is_finite() || n < *min || n > *max {
                    return Err(Text::new("ui.err.range").num("min", *min, 2).num("max", *max, 2));
                }
                Ok(Some(Answer::Number(n)))
            }
            QuestionKind::Date => {
                let ok = t.len() == 10
                    && t.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
                if ok { Ok(Some(Answer::Text(t.to_owned()))) } else { Err(Text::new("ui.err.date")) }
            }
            _ => Ok(Some(Answer::Text(raw.to_owned()))),
        }
    }

    fn step_def(content: &Content, step: Option<StepId>) -> &crate::content::StepDef {
        match step {
            Some(s) => content.step(s),
            None => &content.profile,
        }
    }

    pub fn problems(content: &Content, profile: &Profile, step: Option<StepId>) -> Vec<Problem> {
        let mut out = Vec::new();
        for q in &step_def(content, step).questions {
            if !q.required {
                continue;
            }
            let missing = Text::new("ui.err.required");
            match q.scope {
                Scope::Enterprise if !profile.answers.is_answered(&q.id) => out.push(Problem {
                    question: q.id.clone(),
                    entity: Entity::Enterprise,
                    text: missing,
                    blocks_next: true,
                }),
                Scope::System => {
                    for s in &profile.systems {
                        let answered =
                            if q.id == "sys.name" { !s.name.trim().is_empty() } else { s.answers.is_answered(&q.id) };
                        if !answered {
                            out.push(Problem {
                                question: q.id.clone(),
                                entity: Entity::System(s.id),
                                text: missing.clone(),
                                blocks_next: true,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    pub fn step_status(content: &Content, profile: &Profile, step: Option<StepId>) -> StepStatus {
        if !problems(content, profile, step).is_empty() {
            let any = step_def(content, step).questions.iter().any(|q| match q.scope {
                Scope::Enterprise => profile.answers.is_answered(&q.id),
                _ => !profile.systems.is_empty(),
            });
            return if any { StepStatus::Problems } else { StepStatus::NotStarted };
        }
        let qs = &step_def(content, step).questions;
        let ent: Vec<_> = qs.iter().filter(|q| q.scope == Scope::Enterprise).collect();
        let answered = ent.iter().filter(|q| profile.answers.is_answered(&q.id)).count();
        let has_systems = qs.iter().any(|q| q.scope == Scope::System) && !profile.systems.is_empty();
        if answered == 0 && !has_systems {
            StepStatus::NotStarted
        } else if answered == ent.len() {
            StepStatus::Complete
        } else {
            StepStatus::InProgress
        }
    }
}
