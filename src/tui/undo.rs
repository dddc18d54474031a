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
//! A reply that said "changed" but left the content as it was is no step: when the change
//! settles (or `Ctrl-Z` comes first) a step equal to the profile is dropped, and what it had
//! made forgettable to redo comes back.
//!
//! The app's side is here too: [`before`] and [`after`] wrap every key or typed text the app
//! routes (what it is about to change, whether typing continues a step), and [`undo`] puts a
//! snapshot back like any other change (derived again, saved, the screen's fields read again
//! from the profile, dialogs whose system or provider is gone closed).

use crate::content::Text;
use crate::model::Profile;
use crate::tui::app::{App, Cmd, Input, Overlay, Reply, Screen};
use crate::tui::backend::Entity;
use crate::tui::event::Action;
use crate::tui::screens::dialog::ConfirmAction;
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
    /// The last step was recorded (or joined) since the profile last settled: it may turn out
    /// to have changed nothing.
    fresh: bool,
    /// What the fresh step made forgettable to redo, given back if the step was no change.
    dropped: Vec<Step>,
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
        self.drop_empty(p);
        self.base = Some(p.clone());
    }

    /// Drops the fresh step if the profile `p` it led to has the same content (a reply that
    /// claimed a change it did not make, or typing taken back within one step); the redo side
    /// it cleared comes back.
    fn drop_empty(&mut self, p: &Profile) {
        if !std::mem::take(&mut self.fresh) {
            return;
        }
        let dropped = std::mem::take(&mut self.dropped);
        let Some(step) = self.done.back_mut() else {
            return;
        };
        // where the user is and the language are not part of a step (see the module doc)
        step.profile.position = p.position;
        step.profile.spot = p.spot.clone();
        step.profile.lang = p.lang;
        if step.profile == *p {
            self.done.pop_back();
            self.typing = None;
            if self.undone.is_empty() {
                self.undone = dropped;
            }
        }
    }

    /// The profile changed, by an edit of the text field `typing` if any: the base before it
    /// becomes a step, unless the edit continues the last typed step or the last change is not
    /// settled yet (then it joins the last step).
    pub fn changed(&mut self, what: Text, typing: Option<String>) {
        let base = self.base.take();
        if self.continues(&typing) {
            self.forget_redo();
            return;
        }
        self.record(base, what, typing);
    }

    /// The profile changed; `before` is how it was (`None` when the change joins the last step,
    /// see [`History::continues`]), `typing` the text field typed in, if any.
    pub fn record(&mut self, before: Option<Profile>, what: Text, typing: Option<String>) {
        self.forget_redo();
        let Some(profile) = before else {
            return;
        };
        self.typing = typing;
        if self.done.len() == LIMIT {
            self.done.pop_front();
        }
        self.done.push_back(Step { profile, what });
    }

    /// A change forgets what was undone; kept aside until the change is known to be one.
    fn forget_redo(&mut self) {
        self.fresh = true;
        if !self.undone.is_empty() {
            self.dropped = std::mem::take(&mut self.undone);
        }
    }

    /// Something other than typing happened (the focus moved, …): the next typing is a new step.
    pub fn break_typing(&mut self) {
        self.typing = None;
    }

    /// Takes the last change back: returns the profile before it and what it was; `current`
    /// becomes the redo step.
    pub fn undo(&mut self, current: Profile) -> Option<(Profile, Text)> {
        self.drop_empty(&current);
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
        self.drop_empty(&current);
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

/// What a key or typed text about to be routed may change, for the step it would make.
pub struct Before {
    what: Text,
    /// The text field typed in, if the input types: more typing there joins one step.
    typing: Option<String>,
}

impl Before {
    /// A change that comes some other way than a key (an import from a spreadsheet).
    pub fn change(what: Text) -> Before {
        Before { what, typing: None }
    }
}

/// Before the app routes `input`: `None` for a key that cannot change the profile (it takes no
/// copy and ends a typed step).
pub fn before(app: &mut App, input: &Input) -> Option<Before> {
    if read_only(input) {
        app.history.break_typing();
        return None;
    }
    let typing = match input {
        Input::Text(_) | Input::Key(Action::Backspace | Action::DeleteChar) => typing_field(app),
        _ => None,
    };
    Some(Before {
        what: what(app, input),
        typing,
    })
}

/// After the dialog or screen replied: when the reply says the profile changed, the profile
/// before it is a step (typing on in the same text field joins the step it started).
pub fn after(app: &mut App, before: Option<Before>, reply: &Reply) {
    let Some(b) = before else {
        return;
    };
    if changes(reply) {
        app.history.changed(b.what, b.typing);
    } else if b.typing.is_none() {
        app.history.break_typing();
    }
}

/// Keys that only move, scroll, switch the language or open a dialog: they never change the
/// profile, so they take no undo copy (a copy of a 2,000-system profile costs more than the
/// whole key is allowed to: see BENCHMARKS.md, keystrokes).
fn read_only(input: &Input) -> bool {
    matches!(
        input,
        Input::Key(
            Action::FocusNext
                | Action::FocusPrev
                | Action::FocusFirst
                | Action::FocusLast
                | Action::Up
                | Action::Down
                | Action::Home
                | Action::End
                | Action::PageUp
                | Action::PageDown
                | Action::NextTab
                | Action::PrevTab
                | Action::NextSection
                | Action::PrevSection
                | Action::Help
                | Action::Jump
                | Action::Export
                | Action::Import
                | Action::ToggleLang
        )
    )
}

/// Whether a reply says the profile changed.
fn changes(reply: &Reply) -> bool {
    match reply {
        Reply::Changed => true,
        Reply::All(v) => v.iter().any(changes),
        _ => false,
    }
}

/// The text field with focus, as a name for joining typing into one step.
fn typing_field(app: &App) -> Option<String> {
    let body = match (app.overlays.last(), &app.screen) {
        (Some(Overlay::Entity(e)), _) => &e.body,
        (None, Screen::Form(f)) => &f.body,
        _ => return None,
    };
    let field = body.focused_field().filter(|f| f.takes_text())?;
    Some(format!("{:?} {}", field.entity, field.q.id))
}

/// What a key or typed text is about to change, for the message ("Undone — deleting “ERP”").
fn what(app: &App, input: &Input) -> Text {
    let system = |id| app.profile.system(id).map(|s| s.name.clone());
    match (app.overlays.last(), input) {
        (Some(Overlay::Confirm(c)), _) => match c.on_yes {
            ConfirmAction::DeleteSystem(id) => {
                Text::of("ui.undo.what.delete_system").plain("name", system(id).unwrap_or_default())
            }
            ConfirmAction::DeleteProvider(id) => Text::of("ui.undo.what.delete_provider").plain(
                "name",
                app.profile
                    .provider(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            ),
        },
        (None, Input::Key(Action::MoveUp | Action::MoveDown)) => {
            let row = crate::tui::spot::read(app).row;
            Text::of("ui.undo.what.move").plain(
                "name",
                app.profile
                    .systems
                    .get(row)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            )
        }
        _ => match app.focused_question() {
            Some(q) => Text::of("ui.undo.what.answer").key("question", format!("q.{}.label", q.id)),
            None => Text::of("ui.undo.what.change"),
        },
    }
}

/// `Ctrl-Z` (`redo` false) or `Ctrl-Y`: puts the profile back as it was before the last change
/// (or after the last undone one), keeps the screen and the focus, and says what.
pub fn undo(app: &mut App, redo: bool) -> Vec<Cmd> {
    let current = app.profile.clone();
    let got = if redo {
        app.history.redo(current)
    } else {
        app.history.undo(current)
    };
    let Some((mut restored, what)) = got else {
        let key = if redo {
            "ui.undo.nothing_redo"
        } else {
            "ui.undo.nothing"
        };
        app.flash = Some((Text::of(key), None));
        return Vec::new();
    };
    // the answers go back, not the screen shown or the language
    restored.position = app.profile.position;
    restored.spot = std::mem::take(&mut app.profile.spot);
    restored.lang = app.profile.lang;
    app.profile = restored;
    let cmds = app.changed();
    // the screen's fields are read again from the restored profile: a detail form stays open
    // while its system or provider exists, other dialogs (a prompt, a picker) close
    let spot = crate::tui::spot::read(app);
    let profile = &app.profile;
    app.overlays.retain(|o| match o {
        Overlay::Entity(e) => match e.entity {
            Entity::System(id) => profile.system(id).is_some(),
            Entity::Provider(id) => profile.provider(id).is_some(),
            _ => true,
        },
        _ => false,
    });
    for o in &mut app.overlays {
        if let Overlay::Entity(e) = o {
            e.body.reload(app.content, &app.profile);
        }
    }
    app.rebuild_screen();
    crate::tui::spot::restore(app, &spot);
    let head = if redo {
        "ui.undo.redone"
    } else {
        "ui.undo.undone"
    };
    app.flash = Some((Text::of(head), Some(what)));
    cmds
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
    fn a_change_that_changed_nothing_is_no_step_and_keeps_the_redo() {
        let mut h = History::new(&named("a"));
        h.changed(Text::of("x"), None);
        h.settle(&named("b"));
        let (p, _) = h.undo(named("b")).unwrap();
        assert_eq!(p.systems[0].name, "a");
        // a reply said "changed" but the profile is as it was (the focus moved, nothing else)
        h.settle(&p);
        let mut same = p.clone();
        same.spot.row = 3;
        h.changed(Text::of("y"), None);
        h.settle(&same);
        assert!(h.undo(same.clone()).is_none(), "no empty step");
        let (p, what) = h.redo(same).unwrap();
        assert_eq!((p.systems[0].name.as_str(), what.key.as_ref()), ("b", "x"));
        // unsettled when Ctrl-Z comes: the empty step is dropped all the same
        h.settle(&p);
        h.changed(Text::of("z"), None);
        let (back, what) = h.undo(p).unwrap();
        assert_eq!(
            (back.systems[0].name.as_str(), what.key.as_ref()),
            ("a", "x")
        );
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
