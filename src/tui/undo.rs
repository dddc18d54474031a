//! The undo history of a session: `Ctrl-Z` puts the profile back as it was before the last
//! change, `Ctrl-Y` does that change again. It lives as long as the wizard runs on a profile
//! and is never saved.
//!
//! One mechanism for every kind of change: the history keeps a copy of the [`Profile`] as it
//! stands after the last change (the *base*), and when a key's reply says the profile changed,
//! that base becomes the undo step ([`History::record`]). The next base is copied when the app
//! has settled the change ([`History::settle`], called where the app derives the plan again), not
//! on the key itself: on a very large inventory that work waits for a pause in typing, so the
//! keys stay fast (no copy per key), and changes made within one such pause are one step.
//! Typing in one field is one step, not one per character: consecutive edits of the same text
//! field are merged into the step of the first one. The history keeps the last [`LIMIT`] steps;
//! a new change forgets what was undone (nothing to redo after it).
//!
//! A snapshot holds the profile's content; where the user is (the screen, the focus inside it)
//! and the language are not part of a step: undoing changes the answers, not the screen shown.

use crate::content::Text;
use crate::model::Profile;
use std::collections::VecDeque;

/// How many steps can be undone.
pub const LIMIT: usize = 100;

/// One change: the profile before it (or after it, on the redo side) and what it was, for the
/// message ("Undone — deleting “ERP”").
#[derive(Debug, Clone)]
struct Step {
    profile: Profile,
    what: Text,
}

/// The changes that can be undone and those that can be redone.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: VecDeque<Step>,
    undone: Vec<Step>,
    /// The text field the last step typed in: more typing there joins that step.
    typing: Option<String>,
    /// The profile after the last change, once settled; `None` while a change is unsettled.
    base: Option<Profile>,
}

impl History {
    /// A history for a profile just opened: `p` is the base of its first change.
    pub fn new(p: &Profile) -> History {
        History {
            base: Some(p.clone()),
            ..History::default()
        }
    }

    /// Whether an edit of the text field `field` joins the last step.
    pub fn continues(&self, field: &Option<String>) -> bool {
        field.is_some() && *field == self.typing && !self.done.is_empty()
    }

    /// The app has settled the profile's changes (derived the plan again): `p` is the base of
    /// the next step (copied once per settled change, not per key). A change that came some
    /// other way than a key (an import) is taken into the base too, so it is never undone by
    /// mistake with the next key's change.
    pub fn settle(&mut self, p: &Profile) {
        self.base = Some(p.clone());
    }

    /// The profile changed, by an edit of the text field `typing` if any: the base before it
    /// becomes a step, unless the edit continues the last typed step or the last change is not
    /// settled yet (then it joins the last step).
    pub fn changed(&mut self, what: Text, typing: Option<String>) {
        let base = self.base.take();
        if self.continues(&typing) {
            self.undone.clear();
            return;
        }
        self.record(base, what, typing);
    }

    /// The profile changed; `before` is how it was (`None` when the change joins the last step,
    /// see [`History::continues`]), `typing` the text field typed in, if any.
    pub fn record(&mut self, before: Option<Profile>, what: Text, typing: Option<String>) {
        self.undone.clear();
        let Some(profile) = before else {
            return;
        };
        self.typing = typing;
        if self.done.len() == LIMIT {
            self.done.pop_front();
        }
        self.done.push_back(Step { profile, what });
    }

    /// Something other than typing happened (the focus moved, …): the next typing is a new step.
    pub fn break_typing(&mut self) {
        self.typing = None;
    }

    /// Takes the last change back: returns the profile before it and what it was; `current`
    /// becomes the redo step.
    pub fn undo(&mut self, current: Profile) -> Option<(Profile, Text)> {
        let step = self.done.pop_back()?;
        self.typing = None;
        self.base = None;
        self.undone.push(Step {
            profile: current,
            what: step.what.clone(),
        });
        Some((step.profile, step.what))
    }

    /// Does the last undone change again: returns the profile after it; `current` becomes the
    /// undo step.
    pub fn redo(&mut self, current: Profile) -> Option<(Profile, Text)> {
        let step = self.undone.pop()?;
        self.typing = None;
        self.base = None;
        if self.done.len() == LIMIT {
            self.done.pop_front();
        }
        self.done.push_back(Step {
            profile: current,
            what: step.what.clone(),
        });
        Some((step.profile, step.what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn named(n: &str) -> Profile {
        let mut p = Profile::new(Lang::En);
        p.add_system(n);
        p
    }

    #[test]
    fn typing_in_one_field_is_one_step_and_a_new_change_forgets_the_redo() {
        let mut h = History::default();
        let field = Some("ent.name".to_owned());
        h.record(Some(named("a")), Text::of("x"), field.clone());
        assert!(h.continues(&field));
        assert!(!h.continues(&Some("ent.size".to_owned())));
        h.record(None, Text::of("x"), field.clone());
        let (p, _) = h.undo(named("b")).unwrap();
        assert_eq!(p.systems[0].name, "a");
        assert!(h.undo(named("c")).is_none(), "one step only");
        h.record(Some(named("d")), Text::of("y"), None);
        assert!(
            h.redo(named("e")).is_none(),
            "a new change forgets the redo"
        );
    }

    #[test]
    fn changes_before_the_app_settles_are_one_step_and_a_settled_one_is_its_own() {
        let mut h = History::new(&named("a"));
        h.changed(Text::of("x"), None);
        // not settled yet (a large inventory's pause): the next change joins the step
        h.changed(Text::of("y"), None);
        h.settle(&named("c"));
        h.changed(Text::of("z"), None);
        let (p, what) = h.undo(named("d")).unwrap();
        assert_eq!((p.systems[0].name.as_str(), what.key.as_ref()), ("c", "z"));
        let (p, what) = h.undo(named("c")).unwrap();
        assert_eq!((p.systems[0].name.as_str(), what.key.as_ref()), ("a", "x"));
        assert!(h.undo(named("a")).is_none());
    }

    #[test]
    fn the_history_keeps_the_last_hundred_steps() {
        let mut h = History::default();
        for i in 0..LIMIT + 5 {
            h.record(Some(named(&i.to_string())), Text::of("x"), None);
        }
        let mut n = 0;
        let mut last = None;
        while let Some((p, _)) = h.undo(Profile::new(Lang::En)) {
            n += 1;
            last = Some(p.systems[0].name.clone());
        }
        assert_eq!(n, LIMIT);
        assert_eq!(last.as_deref(), Some("5"), "the oldest steps went first");
    }
}
