//! The order in which plain mode asks a screen's questions, derived from `assets/steps.ron`
//! alone, so that a question added there is asked here with no further work.
//!
//! A screen's `Enterprise` questions come first, in file order. Then, for each other scope in
//! the order it first appears (systems, providers, waves), every entity of that scope in turn
//! with all of the screen's questions about it: the inventory is entered system by system. The
//! screen that asks an entity's name (`sys.name`, `prov.name`) ends that scope with an offer to
//! add one more ([`Item::Add`]); providers stop at [`Profile::MAX_PROVIDERS`].

use crate::content::{Content, QuestionDef, Scope, StepDef};
use crate::engine::validate::Entity;
use crate::engine::waves::WaveRef;
use crate::model::{Profile, StepId};

/// One prompt of a screen.
#[derive(Debug, Clone, Copy)]
pub enum Item {
    /// A question about one entity.
    Ask {
        q: &'static QuestionDef,
        entity: Entity,
    },
    /// Offer to add a system or a provider.
    Add(Scope),
}

/// Two items are the same prompt when they ask the same question about the same entity (to
/// find the place again after a change).
impl PartialEq for Item {
    fn eq(&self, other: &Item) -> bool {
        match (self, other) {
            (Item::Ask { q, entity }, Item::Ask { q: q2, entity: e2 }) => {
                q.id == q2.id && entity == e2
            }
            (Item::Add(a), Item::Add(b)) => a == b,
            _ => false,
        }
    }
}

/// The questions of a screen (`None` = the profile screen).
pub fn screen(content: &'static Content, step: Option<StepId>) -> &'static StepDef {
    match step {
        None => &content.profile,
        Some(s) => content.step(s),
    }
}

/// The question that names an entity of `scope`; the screen that asks it is where such
/// entities are added.
pub fn name_question(scope: Scope) -> Option<&'static str> {
    match scope {
        Scope::System => Some("sys.name"),
        Scope::Provider => Some("prov.name"),
        Scope::Enterprise | Scope::Wave => None,
    }
}

/// The entities of a scope, in the order the wizard shows them.
pub fn entities(profile: &Profile, waves: &[WaveRef], scope: Scope) -> Vec<Entity> {
    match scope {
        Scope::Enterprise => vec![Entity::Enterprise],
        Scope::System => profile
            .systems
            .iter()
            .map(|s| Entity::System(s.id))
            .collect(),
        Scope::Provider => profile
            .providers
            .iter()
            .map(|p| Entity::Provider(p.id))
            .collect(),
        Scope::Wave => waves.iter().map(|w| Entity::Wave(*w)).collect(),
    }
}

/// The scopes other than the enterprise that a screen asks about, in order of first question.
pub fn entity_scopes(def: &StepDef) -> Vec<Scope> {
    let mut scopes = Vec::new();
    for q in &def.questions {
        if q.scope != Scope::Enterprise && !scopes.contains(&q.scope) {
            scopes.push(q.scope);
        }
    }
    scopes
}

/// Every prompt of a screen, for this profile and its current waves.
pub fn items(
    content: &'static Content,
    profile: &Profile,
    waves: &[WaveRef],
    step: Option<StepId>,
) -> Vec<Item> {
    let def = screen(content, step);
    let mut out: Vec<Item> = def
        .questions
        .iter()
        .filter(|q| q.scope == Scope::Enterprise)
        .map(|q| Item::Ask {
            q,
            entity: Entity::Enterprise,
        })
        .collect();
    for scope in entity_scopes(def) {
        let qs: Vec<&'static QuestionDef> =
            def.questions.iter().filter(|q| q.scope == scope).collect();
        for entity in entities(profile, waves, scope) {
            out.extend(qs.iter().map(|q| Item::Ask { q, entity }));
        }
        let names = name_question(scope).is_some_and(|n| qs.iter().any(|q| q.id == n));
        let room = scope != Scope::Provider || profile.providers.len() < Profile::MAX_PROVIDERS;
        if names && room {
            out.push(Item::Add(scope));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StepId;

    /// Every question of every screen is asked, for every entity of its scope, whatever the
    /// content holds: walked from the content, not from a list of ids.
    #[test]
    fn every_question_of_every_screen_is_asked_for_every_entity() {
        let content = Content::get();
        let mut p = Profile::default();
        let a = p.add_system("A");
        let b = p.add_system("B");
        let _ = p.toggle_dependency(b, a);
        let _ = p.add_provider("P");
        let waves = crate::engine::waves_of(content, &p);
        let numbers: Vec<WaveRef> = waves.iter().map(WaveRef::of).collect();
        assert!(!numbers.is_empty(), "two systems make at least one wave");
        let screens = std::iter::once(None).chain(StepId::ALL.into_iter().map(Some));
        let mut asked = 0;
        for step in screens {
            let items = items(content, &p, &numbers, step);
            for q in &screen(content, step).questions {
                for e in entities(&p, &numbers, q.scope) {
                    let hit = items.contains(&Item::Ask { q, entity: e });
                    assert!(hit, "{step:?}: {} for {e:?} is never asked", q.id);
                    asked += 1;
                }
            }
        }
        assert!(
            asked > content.questions().count(),
            "entities multiply questions"
        );
    }

    #[test]
    fn systems_are_entered_one_after_another_and_more_can_be_added() {
        let content = Content::get();
        let mut p = Profile::default();
        let a = p.add_system("A");
        let b = p.add_system("B");
        let items = items(content, &p, &[], Some(StepId::FIRST));
        let owners: Vec<Entity> = items
            .iter()
            .filter_map(|i| match i {
                Item::Ask { entity, .. } => Some(*entity),
                Item::Add(_) => None,
            })
            .filter(|e| *e != Entity::Enterprise)
            .collect();
        let first_b = owners.iter().position(|e| *e == Entity::System(b));
        let last_a = owners.iter().rposition(|e| *e == Entity::System(a));
        assert!(last_a < first_b, "all of A's questions before B's");
        assert_eq!(items.last(), Some(&Item::Add(Scope::System)));
        // later steps ask about the systems but do not add any
        let s2 = super::items(content, &p, &[], StepId::new(2));
        assert!(!s2.iter().any(|i| matches!(i, Item::Add(_))));
    }

    #[test]
    fn no_fifth_provider_is_offered() {
        let content = Content::get();
        let mut p = Profile::default();
        for n in 0..Profile::MAX_PROVIDERS {
            let _ = p.add_provider(format!("P{n}"));
        }
        let s3 = items(content, &p, &[], StepId::new(3));
        assert!(!s3.contains(&Item::Add(Scope::Provider)));
        p.providers.pop();
        let s3 = items(content, &p, &[], StepId::new(3));
        assert!(s3.contains(&Item::Add(Scope::Provider)));
    }
}
