//! Who an answer belongs to, and the one place where the two answers that are not kept in an
//! answer map (the names of systems and providers, fields of their own) are read and written.

use super::{Answer, Answers, Profile, ProviderId, SystemId};
use serde::Serialize;

/// The question whose answer is a system's name ([`super::System::name`]).
pub const SYSTEM_NAME: &str = "sys.name";
/// The question whose answer is a provider's name ([`super::Provider::name`]).
pub const PROVIDER_NAME: &str = "prov.name";

/// Whether question `id` is a name (kept outside the answer maps).
pub fn is_name(id: &str) -> bool {
    id == SYSTEM_NAME || id == PROVIDER_NAME
}

/// Who an answer (or a problem) is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Entity {
    Enterprise,
    System(SystemId),
    Wave(WaveRef),
    Provider(ProviderId),
}

/// Where a wave's answers live: what a form field or a problem about a wave points at. Waves
/// are derived (`engine::waves`); their answers are filed under one of their systems, so that
/// they stay with those systems when the waves are recomputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct WaveRef {
    /// The wave's number in the analysis it came from (for display).
    pub number: u32,
    /// The system whose entry holds the answers (`engine::Wave::key`).
    pub key: SystemId,
    /// A schema-1 number whose answers the wave reads until they are filed under `key`.
    #[serde(skip)]
    pub legacy: Option<u32>,
}

impl WaveRef {
    /// The answers the wave reads: its key's entry, else (schema-1 profile) its old number's.
    pub fn answers<'a>(&self, profile: &'a Profile) -> Option<&'a Answers> {
        profile
            .waves
            .get(&self.key)
            .or_else(|| self.legacy.and_then(|n| profile.legacy_waves.get(&n)))
    }

    /// The answers to write to; a schema-1 wave's answers are filed under its key first.
    pub fn answers_mut<'a>(&self, profile: &'a mut Profile) -> &'a mut Answers {
        if !profile.waves.contains_key(&self.key) {
            let old = self
                .legacy
                .and_then(|n| profile.legacy_waves.get(&n))
                .cloned()
                .unwrap_or_default();
            profile.waves.insert(self.key, old);
        }
        profile.waves.entry(self.key).or_default()
    }
}

impl Profile {
    /// The answer map of an entity, if it exists (a wave without answers has none).
    pub fn answers_of(&self, entity: Entity) -> Option<&Answers> {
        match entity {
            Entity::Enterprise => Some(&self.answers),
            Entity::System(id) => self.system(id).map(|s| &s.answers),
            Entity::Provider(id) => self.provider(id).map(|p| &p.answers),
            Entity::Wave(w) => w.answers(self),
        }
    }

    /// The answer to question `qid` for `entity` (names of systems and providers too).
    pub fn answer(&self, entity: Entity, qid: &str) -> Option<Answer> {
        match (entity, qid) {
            (Entity::System(id), SYSTEM_NAME) => {
                self.system(id).map(|s| Answer::Text(s.name.clone()))
            }
            (Entity::Provider(id), PROVIDER_NAME) => {
                self.provider(id).map(|p| Answer::Text(p.name.clone()))
            }
            _ => self.answers_of(entity)?.get(qid).cloned(),
        }
    }

    /// Sets or clears an answer (a name is cleared to empty); false when the entity does not
    /// exist.
    pub fn set_answer(&mut self, entity: Entity, qid: &str, a: Option<Answer>) -> bool {
        let text = |a: Option<Answer>| match a {
            Some(Answer::Text(t)) => t,
            _ => String::new(),
        };
        match (entity, qid) {
            (Entity::System(id), SYSTEM_NAME) => {
                self.system_mut(id).map(|s| s.name = text(a)).is_some()
            }
            (Entity::Provider(id), PROVIDER_NAME) => {
                self.provider_mut(id).map(|p| p.name = text(a)).is_some()
            }
            (Entity::Enterprise, _) => {
                self.answers.set(qid, a);
                true
            }
            (Entity::System(id), _) => self.system_mut(id).map(|s| s.answers.set(qid, a)).is_some(),
            (Entity::Provider(id), _) => self
                .provider_mut(id)
                .map(|p| p.answers.set(qid, a))
                .is_some(),
            (Entity::Wave(w), _) => {
                w.answers_mut(self).set(qid, a);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_answers_like_any_other() {
        let mut p = Profile::new(crate::model::Lang::En);
        let s = Entity::System(p.add_system("ERP"));
        assert_eq!(p.answer(s, SYSTEM_NAME), Some(Answer::Text("ERP".into())));
        assert!(p.set_answer(s, SYSTEM_NAME, Some(Answer::Text("CRM".into()))));
        assert_eq!(p.systems[0].name, "CRM");
        assert!(p.set_answer(s, "sys.strategy", Some(Answer::Choice("rehost".into()))));
        assert_eq!(
            p.answer(s, "sys.strategy"),
            Some(Answer::Choice("rehost".into()))
        );
        assert!(p.systems[0].answers.get(SYSTEM_NAME).is_none());
        // a cleared name is empty, and a missing entity changes nothing
        assert!(p.set_answer(s, SYSTEM_NAME, None));
        assert_eq!(p.systems[0].name, "");
        assert!(!p.set_answer(Entity::Provider(ProviderId(9)), PROVIDER_NAME, None));
        let w = Entity::Wave(WaveRef {
            number: 2,
            key: SystemId(7),
            legacy: None,
        });
        assert!(p.set_answer(w, "wave.start", None));
        assert!(p.answers_of(w).is_some());
    }
}
