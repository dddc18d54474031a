//! The footer and the `?` help are generated from the keymap and the app's active contexts.
//! These tests hold them to what the keys really do: in every kind of screen and dialog, each
//! key the footer offers changes something when pressed, and the help lists every key that
//! acts there, none cut off.

use ratatui::crossterm::event::KeyCode;
use shangyun::content::{Content, Text};
use shangyun::model::{Lang, Position, ResultTab, StepId};
use shangyun::tui::app::{Msg, Overlay};
use shangyun::tui::event::{self, Action, Ctx, KEYMAP};
use shangyun::tui::screens::dialog::Help;

mod common;
use common::{W, demo_at, welcome};

/// What the user sees (at two sizes: a scroll may only show at the smaller one, which is
/// drawn last, as the size the wizard runs at), and whether the wizard is quitting.
fn seen(w: &W) -> (String, String, bool) {
    let wide = w.screen(120, 40);
    (w.screen(80, 24), wide, w.rt.quit)
}

/// A named way to reach a screen or dialog.
type State = (&'static str, fn() -> W);

/// Every kind of screen and dialog, each set up so that its keys have something to act on.
fn states() -> Vec<State> {
    vec![
        ("welcome", || welcome(Lang::En)),
        ("new-profile prompt", || {
            let mut w = welcome(Lang::En);
            w.press(KeyCode::Enter);
            assert!(matches!(w.app.overlays.last(), Some(Overlay::Prompt(_))));
            w.press(KeyCode::Char('x'));
            w
        }),
        ("text field", || {
            let mut w = demo_at(Lang::En, Position::Profile);
            w.focus("ent.name");
            w
        }),
        ("text area", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.focus("s1.problems");
            w
        }),
        ("choice list", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::new(3).unwrap()));
            w.focus("s3.deployment");
            // on an option that is not the answer, so that Space changes it
            w.press(KeyCode::Down);
            w
        }),
        ("inventory", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.focus_table();
            w.press(KeyCode::Down);
            w
        }),
        ("provider table", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::new(3).unwrap()));
            w.focus_table();
            w
        }),
        ("go-to-step list", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::new(2).unwrap()));
            w.press(KeyCode::F(3));
            // not on the current screen, so that Enter goes somewhere
            w.press(KeyCode::Down);
            w
        }),
        ("help", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.press(KeyCode::F(1));
            w
        }),
        ("notice", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.send([Msg::OpenFailed(Text::new("ui.err.name_empty"))]);
            w
        }),
        ("detail form", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::new(2).unwrap()));
            w.focus_table();
            w.press(KeyCode::Down);
            w.press(KeyCode::Enter);
            assert!(matches!(w.app.overlays.last(), Some(Overlay::Entity(_))));
            // an unanswered question, so that both y and n change it
            w.press(KeyCode::Delete);
            w
        }),
        ("depends-on field", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.focus_table();
            // the second system: there is one before it and one after it
            w.press(KeyCode::Down);
            w.press(KeyCode::Enter);
            for _ in 0..30 {
                if w.app.contexts().contains(&Ctx::DepsField) {
                    return w;
                }
                w.press(KeyCode::Tab);
            }
            panic!("no depends-on field");
        }),
        ("dependency picker", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.focus_table();
            w.press(KeyCode::Enter);
            while !w.app.contexts().contains(&Ctx::DepsField) {
                w.press(KeyCode::Tab);
            }
            w.press(KeyCode::Enter);
            assert!(matches!(w.app.overlays.last(), Some(Overlay::Deps(_))));
            w
        }),
        ("delete confirmation", || {
            let mut w = demo_at(Lang::En, Position::Step(StepId::FIRST));
            w.focus_table();
            w.press(KeyCode::Char('d'));
            assert!(matches!(w.app.overlays.last(), Some(Overlay::Confirm(_))));
            w
        }),
        ("plan", || {
            demo_at(Lang::En, Position::Results(ResultTab::Plan))
        }),
        ("scorecard", || {
            demo_at(Lang::En, Position::Results(ResultTab::Scorecard))
        }),
        ("checklist", || {
            demo_at(Lang::En, Position::Results(ResultTab::Checklist))
        }),
        ("export dialog", || {
            let mut w = demo_at(Lang::En, Position::Results(ResultTab::Plan));
            w.press(KeyCode::Char('e'));
            assert!(matches!(w.app.overlays.last(), Some(Overlay::Export(_))));
            // write into the test's folder, never the working directory
            let path = w.dir.path().join("plan.md");
            w.send([
                Msg::Action(Action::Clear),
                Msg::Input(path.display().to_string()),
            ]);
            w
        }),
    ]
}

#[test]
fn every_key_the_footer_offers_does_something() {
    for (name, make) in states() {
        let w = make();
        let offered = event::footer(&w.app.contexts());
        assert!(!offered.is_empty(), "{name}: an empty footer");
        for bd in offered {
            let mut w = make();
            let before = seen(&w);
            // the scroll keys act on what the last frame showed
            w.key(bd.key.code, bd.key.mods);
            assert_ne!(
                before,
                seen(&w),
                "{name}: the footer offers `{} {}`, which does nothing\n{}",
                bd.key.label(),
                bd.help,
                before.0
            );
        }
    }
}

#[test]
fn dialogs_and_the_welcome_screen_offer_no_wizard_keys() {
    for (name, make) in states() {
        let w = make();
        let offered: Vec<Action> = event::footer(&w.app.contexts())
            .iter()
            .map(|b| b.action)
            .collect();
        let on_a_wizard_screen = w.app.overlays.is_empty() && w.app.position() != Position::Welcome;
        if !on_a_wizard_screen {
            for a in [Action::Next, Action::Back, Action::Jump] {
                assert!(!offered.contains(&a), "{name} offers {a:?}");
            }
        }
        if !matches!(w.app.overlays.last(), Some(Overlay::Entity(_))) {
            assert!(
                !offered.contains(&Action::PageDown) || name == "plan",
                "{name} offers the next system"
            );
        }
    }
}

#[test]
fn help_lists_every_key_that_acts_whole() {
    let content = Content::get();
    for (name, make) in states() {
        let w = make();
        if matches!(w.app.overlays.last(), Some(Overlay::Notice(_))) {
            continue;
        }
        let ctxs = w.app.contexts();
        // every binding of the active contexts that is not shadowed by an inner one
        let mut acting: Vec<(String, &str)> = Vec::new();
        for (i, ctx) in ctxs.iter().enumerate() {
            for b in KEYMAP.iter().filter(|b| b.ctx == *ctx) {
                let shadowed = ctxs[..i]
                    .iter()
                    .any(|inner| KEYMAP.iter().any(|o| o.ctx == *inner && o.key == b.key));
                if !shadowed {
                    acting.push((b.key.label(), b.help));
                }
            }
        }
        let help = Help::new(ctxs.clone(), None);
        let lines: Vec<String> = help
            .lines(&w.app.view(), 60)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        for (key, what) in acting {
            let desc = content.t(Lang::En, what);
            let listed = lines.iter().enumerate().any(|(i, l)| {
                let next = lines.get(i + 1).map_or("", String::as_str);
                let has_key = l
                    .split(" / ")
                    .any(|k| k.trim() == key || k.trim().starts_with(&format!("{key} ")));
                has_key && (l.ends_with(&desc) || next.trim() == desc)
            });
            assert!(listed, "{name}: help leaves out `{key} {desc}`\n{lines:#?}");
        }
    }
}
