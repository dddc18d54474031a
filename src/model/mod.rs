//! The saved profile: what the user told us, and nothing derived from it.
//!
//! A [`Profile`] is serialised to RON by `store`. Everything the engine computes (verdicts, waves,
//! scores, checklist items) is recomputed from it on demand, so nothing stale is ever saved.
//! Answers are keyed by question id (`assets/steps.ron`); each entity that carries answers
//! (the enterprise, a system, a wave, a candidate provider) has its own map.

mod answer;
pub mod date;
mod entity;
mod position;
pub mod synthetic;

pub use answer::{Answer, Answers};
pub use entity::{Entity, PROVIDER_NAME, SYSTEM_NAME, WaveRef, is_name};
pub use position::{Position, ResultTab, Spot, StepId};

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The schema version written by this build. Bump it and add a step in `store::migrate` when the
/// shape of a saved profile changes.
pub const SCHEMA_VERSION: u32 = 2;

/// Interface and export language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord,
)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The tag used on the command line and in file names: `zh-CN` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language of the environment, if it is one of ours: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not blank (as POSIX orders them), parsed by
    /// [`Lang::parse`]. The one reading of the locale, for the wizard and the command line.
    pub fn from_env() -> Option<Lang> {
        Lang::from_vars(|v| std::env::var(v).ok())
    }

    /// [`Lang::from_env`] over a given environment, for tests.
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(get)
            .find(|v| !v.trim().is_empty())
            .and_then(|v| Lang::parse(&v))
    }

    /// Parses `zh-CN`, `zh`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8`, … (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['.', '@']).next().unwrap_or("");
        if base == "zh" || base.starts_with("zh-") || base.starts_with("zh_") {
            Some(Lang::ZhCn)
        } else if base == "en"
            || base.starts_with("en-")
            || base.starts_with("en_")
            || base == "c"
            || base == "posix"
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The other language (the live toggle).
    pub fn toggled(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::En,
            Lang::En => Lang::ZhCn,
        }
    }
}

/// Stable identifier of a system in the inventory. Never reused within a profile, so
/// dependencies, overrides and checklist ticks survive renames, reorders and deletions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct SystemId(pub u32);

/// Stable identifier of a candidate provider (step 3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct ProviderId(pub u32);

/// One information system of the inventory (§十一). Its fields are answers to the
/// `scope: System` questions; its dependencies are the systems it needs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct System {
    pub id: SystemId,
    pub name: String,
    pub answers: Answers,
    pub depends_on: Vec<SystemId>,
}

/// A candidate cloud platform provider compared in step 3.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Provider {
    pub id: ProviderId,
    pub name: String,
    pub answers: Answers,
}

/// Everything one enterprise has answered. One profile = one RON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub schema_version: u32,
    pub lang: Lang,
    /// Enterprise-level answers: the profile screen and every `scope: Enterprise` question.
    pub answers: Answers,
    /// The inventory of information systems, in the user's order.
    pub systems: Vec<System>,
    /// Candidate providers, at most [`Profile::MAX_PROVIDERS`].
    pub providers: Vec<Provider>,
    /// Answers per migration wave (step 6), keyed by a system of the wave (the engine's
    /// `Wave::key`), so that they stay with their systems when the waves are recomputed. An
    /// entry whose system no longer heads a wave is kept but ignored.
    pub waves: std::collections::BTreeMap<SystemId, Answers>,
    /// Schema 1 keyed wave answers by wave number; a migrated profile keeps them here until the
    /// wizard files them under their systems (`engine::waves::adopt_legacy`). Never written
    /// once empty.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub legacy_waves: std::collections::BTreeMap<u32, Answers>,
    /// Ids of checklist items the user has ticked (see `engine::checklist`).
    pub ticks: BTreeSet<String>,
    /// Where the user was, so that the wizard resumes there.
    pub position: Position,
    /// Where inside that screen.
    #[serde(skip_serializing_if = "Spot::is_empty")]
    pub spot: Spot,
    /// Next id to hand out to a new system / provider.
    pub next_system_id: u32,
    pub next_provider_id: u32,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            schema_version: SCHEMA_VERSION,
            lang: Lang::default(),
            answers: Answers::default(),
            systems: Vec::new(),
            providers: Vec::new(),
            waves: Default::default(),
            legacy_waves: Default::default(),
            ticks: BTreeSet::new(),
            position: Position::default(),
            spot: Spot::default(),
            next_system_id: 1,
            next_provider_id: 1,
        }
    }
}

impl Profile {
    /// Step 3 compares one to four candidate providers (PRODUCT.md).
    pub const MAX_PROVIDERS: usize = 4;

    pub fn new(lang: Lang) -> Self {
        Profile {
            lang,
            ..Profile::default()
        }
    }

    /// The enterprise name (profile question `ent.name`), or "" when not answered.
    pub fn enterprise_name(&self) -> &str {
        self.answers.text("ent.name").unwrap_or("")
    }

    pub fn system(&self, id: SystemId) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }

    pub fn system_mut(&mut self, id: SystemId) -> Option<&mut System> {
        self.systems.iter_mut().find(|s| s.id == id)
    }

    pub fn system_index(&self, id: SystemId) -> Option<usize> {
        self.systems.iter().position(|s| s.id == id)
    }

    /// Appends a new system with a fresh id and returns that id.
    pub fn add_system(&mut self, name: impl Into<String>) -> SystemId {
        let id = SystemId(self.fresh_system_id());
        self.systems.push(System {
            id,
            name: name.into(),
            ..System::default()
        });
        id
    }

    fn fresh_system_id(&mut self) -> u32 {
        let (ids, next) = fresh_ids(self.systems.iter().map(|s| s.id.0), self.next_system_id, 1);
        self.next_system_id = next;
        ids.first().copied().unwrap_or(u32::MAX)
    }

    /// Removes a system and every reference to it (dependencies, ticks on its checklist items).
    /// Returns the removed system.
    pub fn delete_system(&mut self, id: SystemId) -> Option<System> {
        let idx = self.system_index(id)?;
        let removed = self.systems.remove(idx);
        for s in &mut self.systems {
            s.depends_on.retain(|d| *d != id);
        }
        let suffix = system_tick_suffix(id);
        self.ticks.retain(|t| !t.ends_with(&suffix));
        Some(removed)
    }

    /// Deletes a system like [`Profile::delete_system`], first filing the wave answers and wave
    /// ticks kept under it (it was the system its wave's answers are filed under) under `mate`,
    /// another system of the same wave, so that the wave keeps its tests, dates and ticks. `mate`
    /// keeps answers of its own if it has them.
    pub fn delete_system_keeping_wave(
        &mut self,
        id: SystemId,
        mate: Option<SystemId>,
    ) -> Option<System> {
        if let Some(mate) = mate.filter(|m| *m != id) {
            if let Some(answers) = self.waves.remove(&id) {
                self.waves.entry(mate).or_insert(answers);
            }
            let (old, new) = (format!("@wave-sys{}", id.0), format!("@wave-sys{}", mate.0));
            let moved: Vec<String> = self
                .ticks
                .iter()
                .filter(|t| t.ends_with(&old))
                .cloned()
                .collect();
            for t in moved {
                self.ticks.remove(&t);
                self.ticks
                    .insert(format!("{}{new}", &t[..t.len() - old.len()]));
            }
        }
        self.waves.remove(&id);
        self.delete_system(id)
    }

    /// Moves a system one place up (`-1`) or down (`+1`) in the inventory order.
    pub fn move_system(&mut self, id: SystemId, delta: isize) -> bool {
        let Some(idx) = self.system_index(id) else {
            return false;
        };
        let target = idx as isize + delta;
        if target < 0 || target as usize >= self.systems.len() {
            return false;
        }
        self.systems.swap(idx, target as usize);
        true
    }

    /// Toggles "`from` depends on `on`". A system never depends on itself; unknown ids are ignored.
    pub fn toggle_dependency(&mut self, from: SystemId, on: SystemId) -> bool {
        if from == on || self.system(on).is_none() {
            return false;
        }
        let Some(sys) = self.system_mut(from) else {
            return false;
        };
        if let Some(pos) = sys.depends_on.iter().position(|d| *d == on) {
            sys.depends_on.remove(pos);
        } else {
            sys.depends_on.push(on);
        }
        true
    }

    pub fn provider(&self, id: ProviderId) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    pub fn provider_mut(&mut self, id: ProviderId) -> Option<&mut Provider> {
        self.providers.iter_mut().find(|p| p.id == id)
    }

    /// Adds a candidate provider, unless four are already compared.
    pub fn add_provider(&mut self, name: impl Into<String>) -> Option<ProviderId> {
        if self.providers.len() >= Self::MAX_PROVIDERS {
            return None;
        }
        let (ids, next) = fresh_ids(
            self.providers.iter().map(|p| p.id.0),
            self.next_provider_id,
            1,
        );
        self.next_provider_id = next;
        let id = ProviderId(ids.first().copied().unwrap_or(u32::MAX));
        self.providers.push(Provider {
            id,
            name: name.into(),
            ..Provider::default()
        });
        Some(id)
    }

    pub fn delete_provider(&mut self, id: ProviderId) -> Option<Provider> {
        let idx = self.providers.iter().position(|p| p.id == id)?;
        Some(self.providers.remove(idx))
    }

    /// Repairs what a hand-edited file may get wrong: dangling or self dependencies, duplicate
    /// dependencies, duplicate ids, id counters behind the ids in use. Idempotent.
    pub fn normalise(&mut self) {
        let mut seen = BTreeSet::new();
        for s in &mut self.systems {
            if s.id.0 == 0 || !seen.insert(s.id) {
                s.id = SystemId(0); // re-assigned below
            }
        }
        let missing = self.systems.iter().filter(|s| s.id.0 == 0).count();
        let (fresh, next) = fresh_ids(self.systems.iter().map(|s| s.id.0), 1, missing);
        let mut fresh = fresh.into_iter();
        for s in &mut self.systems {
            if s.id.0 == 0 {
                s.id = SystemId(fresh.next().unwrap_or(u32::MAX));
            }
        }
        self.next_system_id = self.next_system_id.max(next);
        let ids: BTreeSet<SystemId> = self.systems.iter().map(|s| s.id).collect();
        for s in &mut self.systems {
            let own = s.id;
            let mut kept = BTreeSet::new();
            s.depends_on
                .retain(|d| *d != own && ids.contains(d) && kept.insert(*d));
        }
        let mut seen = BTreeSet::new();
        for p in &mut self.providers {
            if p.id.0 == 0 || !seen.insert(p.id) {
                p.id = ProviderId(0);
            }
        }
        let missing = self.providers.iter().filter(|p| p.id.0 == 0).count();
        let (fresh, next) = fresh_ids(self.providers.iter().map(|p| p.id.0), 1, missing);
        let mut fresh = fresh.into_iter();
        for p in &mut self.providers {
            if p.id.0 == 0 {
                p.id = ProviderId(fresh.next().unwrap_or(u32::MAX));
            }
        }
        self.next_provider_id = self.next_provider_id.max(next);
    }
}

/// `n` ids that are not in `used` (nor 0), and the counter to keep for the next one. Counts up
/// from above the largest id in use (and from `at_least`); only a hand-edited file with an id
/// near `u32::MAX` makes that run out, and then the lowest free ids are handed out instead.
fn fresh_ids(used: impl Iterator<Item = u32> + Clone, at_least: u32, n: usize) -> (Vec<u32>, u32) {
    let above = used.clone().max().map_or(Some(1), |m| m.checked_add(1));
    let mut next = above.map(|a| a.max(at_least).max(1));
    let mut out = Vec::with_capacity(n);
    let mut taken: Option<BTreeSet<u32>> = None;
    let mut probe = 1u32;
    while out.len() < n {
        let id = match next {
            Some(id) => {
                next = id.checked_add(1);
                id
            }
            None => {
                let taken =
                    taken.get_or_insert_with(|| used.clone().chain(out.iter().copied()).collect());
                while taken.contains(&probe) && probe < u32::MAX {
                    probe += 1;
                }
                taken.insert(probe);
                probe
            }
        };
        out.push(id);
    }
    (out, next.unwrap_or(u32::MAX))
}

/// Checklist items about one system end with this suffix (see `engine::checklist`).
pub fn system_tick_suffix(id: SystemId) -> String {
    format!("@sys{}", id.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_near_the_top_of_the_range_do_not_overflow() {
        // Found by tests/reliability_files.rs: a hand-edited file with id 4294967295.
        let mut p = Profile::default();
        for id in [0, 0, u32::MAX, u32::MAX, 2] {
            p.systems.push(System {
                id: SystemId(id),
                ..System::default()
            });
        }
        p.next_system_id = u32::MAX;
        p.normalise();
        let ids: Vec<u32> = p.systems.iter().map(|s| s.id.0).collect();
        assert_eq!(ids, [1, 3, u32::MAX, 4, 2]);
        let added = p.add_system("new");
        assert_eq!(added, SystemId(5));
        let before = p.clone();
        p.normalise();
        assert_eq!(p, before, "idempotent");

        for id in [u32::MAX, 0] {
            p.providers.push(Provider {
                id: ProviderId(id),
                ..Provider::default()
            });
        }
        p.normalise();
        assert_eq!(p.providers[1].id, ProviderId(1));
        assert_eq!(p.add_provider("x"), Some(ProviderId(2)));
    }

    #[test]
    fn fresh_ids_count_up_from_the_largest() {
        assert_eq!(fresh_ids([3, 7].into_iter(), 1, 2), (vec![8, 9], 10));
        assert_eq!(fresh_ids([3].into_iter(), 20, 1), (vec![20], 21));
        assert_eq!(fresh_ids(std::iter::empty(), 0, 1), (vec![1], 2));
        assert_eq!(
            fresh_ids([u32::MAX - 1, 1].into_iter(), 1, 3),
            (vec![u32::MAX, 2, 3], u32::MAX)
        );
    }

    #[test]
    fn deleting_a_system_removes_references_and_ticks() {
        let mut p = Profile::default();
        let a = p.add_system("A");
        let b = p.add_system("B");
        let c = p.add_system("C");
        assert!(p.toggle_dependency(b, a));
        assert!(p.toggle_dependency(c, a));
        assert!(p.toggle_dependency(c, b));
        p.ticks
            .insert(format!("s4.rollback{}", system_tick_suffix(a)));
        p.ticks
            .insert(format!("s4.rollback{}", system_tick_suffix(b)));
        p.delete_system(a);
        assert_eq!(p.system(b).unwrap().depends_on, vec![]);
        assert_eq!(p.system(c).unwrap().depends_on, vec![b]);
        assert_eq!(p.ticks.len(), 1);
        // ids are never reused
        let d = p.add_system("D");
        assert_eq!(d, SystemId(4));
    }

    #[test]
    fn a_system_cannot_depend_on_itself_or_a_stranger() {
        let mut p = Profile::default();
        let a = p.add_system("A");
        assert!(!p.toggle_dependency(a, a));
        assert!(!p.toggle_dependency(a, SystemId(99)));
        assert!(p.system(a).unwrap().depends_on.is_empty());
    }

    #[test]
    fn sys10_tick_is_not_removed_with_sys1() {
        let mut p = Profile::default();
        for i in 0..10 {
            p.add_system(format!("S{i}"));
        }
        p.ticks.insert("x@sys10".into());
        p.delete_system(SystemId(1));
        assert!(p.ticks.contains("x@sys10"));
    }

    #[test]
    fn normalise_repairs_hand_edited_references() {
        let mut p = Profile {
            next_system_id: 1,
            ..Profile::default()
        };
        p.systems = vec![
            System {
                id: SystemId(3),
                name: "A".into(),
                depends_on: vec![SystemId(3), SystemId(9), SystemId(3)],
                ..System::default()
            },
            System {
                id: SystemId(3),
                name: "B".into(),
                depends_on: vec![SystemId(3), SystemId(3)],
                ..System::default()
            },
        ];
        p.normalise();
        assert_eq!(p.systems[0].id, SystemId(3));
        assert_eq!(p.systems[1].id, SystemId(4));
        assert!(p.systems[0].depends_on.is_empty());
        assert_eq!(p.systems[1].depends_on, vec![SystemId(3)]);
        assert_eq!(p.add_system("C"), SystemId(5));
    }

    #[test]
    fn moving_systems_keeps_them_all() {
        let mut p = Profile::default();
        let a = p.add_system("A");
        let b = p.add_system("B");
        assert!(!p.move_system(a, -1));
        assert!(p.move_system(a, 1));
        assert_eq!(p.systems[0].id, b);
        assert!(!p.move_system(a, 1));
    }

    #[test]
    fn lang_parses_locale_variables() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR.UTF-8"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn the_environment_language_is_the_first_set_variable_in_posix_order() {
        fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
            let vars: Vec<(String, String)> = vars
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect();
            move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        }
        let all = [
            ("LC_ALL", "en_US.UTF-8"),
            ("LC_MESSAGES", "zh_CN"),
            ("LANG", "zh_CN"),
        ];
        assert_eq!(Lang::from_vars(env(&all)), Some(Lang::En));
        // a blank one is skipped, an unknown one is not ours
        let blank = [("LC_ALL", " "), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(Lang::from_vars(env(&blank)), Some(Lang::ZhCn));
        assert_eq!(Lang::from_vars(env(&[("LANG", "fr_FR.UTF-8")])), None);
        assert_eq!(Lang::from_vars(env(&[])), None);
    }

    #[test]
    fn at_most_four_providers() {
        let mut p = Profile::default();
        for i in 0..4 {
            assert!(p.add_provider(format!("P{i}")).is_some());
        }
        assert!(p.add_provider("P5").is_none());
    }
}
