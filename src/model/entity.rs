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
    Wave(u32),
    Provider(ProviderId),
}

impl Profile {
    /// The answer map of an entity, if it exists (a wave without answers has none).
    pub fn answers_of(&self, entity: Entity) -> Option<&Answers> {
        match entity {
            Entity::Enterprise => Some(&self.answers),
            Entity::System(id) => self.system(id).map(|s| &s.answers),
            Entity::Provider(id) => self.provider(id).map(|p| &p.answers),
            Entity::Wave(n) => self.waves.get(&n),
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
            (Entity::Wave(n), _) => {
                self.waves.entry(n).or_default().set(qid, a);
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
        assert!(p.set_answer(Entity::Wave(2), "wave.start", None));
        assert!(p.answers_of(Entity::Wave(2)).is_some());
    }
}
