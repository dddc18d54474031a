//! One module per screen and dialog, each with its own small state, a `handle` that turns a key
//! into a [`Reply`], and a `render` that borrows what it shows.
//!
//! - [`welcome`]: new profile / demo / resume / language.
//! - [`form`]: the profile screen and the ten step screens (fields, inventory, providers, waves).
//! - [`entity`]: the detail form of one system or provider (a dialog).
//! - [`dialog`]: prompt, confirmation, notice, jump list, help, dependency picker.
//! - [`results`]: Plan / Scorecard / Checklist.
//! - [`export`]: the export dialog (file name, format, overwrite) and the write it asks for.
//! - [`import`]: the inventory's import dialog (file name, add or replace) and the read it asks for.
//!
//! Every screen and every dialog answers a key the same way:
//! `handle(&mut self, Action, &mut KeyCx) -> Reply` (and typed text with `input(&str, &mut
//! KeyCx) -> Reply`). A handler changes its own state and, through [`KeyCx`], the profile; what
//! must happen around it (close the dialog, open another, go to a screen, run a command) it
//! says in its [`Reply`], which the app applies. [`Screen`] and [`Overlay`] route a key to the
//! one that has it; none of them imports the app.

pub mod dialog;
pub mod entity;
pub mod export;
pub mod form;
pub mod import;
pub mod results;
pub mod welcome;

use crate::content::Text;
use crate::model::Position;
use crate::tui::backend::{Entity, Problem, StepStatus};
use crate::tui::event::{Action, Ctx};
use crate::tui::msg::Cmd;
use crate::tui::widgets::{KeyCx, View};
use dialog::{Confirm, DepsPicker, Help, Jump, Prompt};
use entity::EntityForm;
use export::ExportDialog;
use form::FormScreen;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use results::Results;
use welcome::Welcome;

/// What a screen or dialog asks for after a key; the app applies it.
#[derive(Debug)]
pub enum Reply {
    /// Not for this one: the caller may use the key (an arrow past a list's end moves focus).
    Ignored,
    /// Used; nothing outside changed.
    Handled,
    /// The profile changed: derive again and save.
    Changed,
    /// Close the dialog that has the keys.
    Close,
    /// Open a dialog over everything.
    Open(Overlay),
    /// Have the runner do something.
    Run(Cmd),
    /// Go to a screen (closes the dialogs).
    Goto(Position),
    /// Select this system or provider in the screen's table.
    Show(Entity),
    /// Do what the global key does (the welcome list's Language and Quit entries).
    Global(Action),
    /// Several of the above, in order.
    All(Vec<Reply>),
}

impl Reply {
    /// This, then `next`.
    pub fn then(self, next: Reply) -> Reply {
        match self {
            Reply::All(mut v) => {
                v.push(next);
                Reply::All(v)
            }
            r => Reply::All(vec![r, next]),
        }
    }
}

/// The screen under the dialogs.
#[derive(Debug, Clone)]
pub enum Screen {
    Welcome(Welcome),
    /// The profile screen and the ten steps.
    Form(FormScreen),
    Results(Results),
}

impl Screen {
    /// The screen at `pos`, showing `view`'s profile (its waves, for the wave questions);
    /// the welcome screen lists `profiles`.
    pub fn new(
        view: &View,
        pos: Position,
        profiles: &[crate::tui::backend::ProfileInfo],
    ) -> Screen {
        match pos {
            Position::Welcome => Screen::Welcome(Welcome::new(profiles.to_vec())),
            Position::Profile => {
                Screen::Form(FormScreen::new(view.content, None, view.profile, &[]))
            }
            Position::Step(s) => {
                let waves: Vec<crate::model::WaveRef> = view
                    .analysis
                    .waves
                    .iter()
                    .map(crate::model::WaveRef::of)
                    .collect();
                Screen::Form(FormScreen::new(view.content, Some(s), view.profile, &waves))
            }
            Position::Results(t) => Screen::Results(Results::new(t)),
        }
    }

    /// Key contexts, innermost first (the app adds [`Ctx::Global`]).
    pub fn ctxs(&self) -> Vec<Ctx> {
        let mut v = Vec::new();
        match self {
            Screen::Welcome(_) => v.extend([Ctx::Welcome, Ctx::Nav]),
            Screen::Results(r) => {
                v.extend(r.ctxs());
                v.extend([Ctx::Screen, Ctx::Nav, Ctx::Wizard]);
            }
            Screen::Form(f) => {
                v.extend(f.body.ctxs());
                v.push(Ctx::Form);
                if !f.body.takes_text() {
                    v.extend([Ctx::Screen, Ctx::Nav]);
                }
                v.extend([Ctx::Steps, Ctx::Wizard]);
            }
        }
        v
    }

    pub fn handle(&mut self, a: Action, cx: &mut KeyCx) -> Reply {
        match self {
            Screen::Welcome(w) => w.handle(a),
            Screen::Results(r) => r.handle(a, cx),
            Screen::Form(f) => f.handle(a, cx),
        }
    }

    /// Typed or pasted text.
    pub fn input(&mut self, s: &str, cx: &mut KeyCx) -> Reply {
        match self {
            Screen::Form(f) => f.body.input(s, cx),
            _ => Reply::Ignored,
        }
    }

    /// Draws the screen; returns the caret of a focused text field.
    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        problems: &[Problem],
    ) -> Option<ratatui::layout::Position> {
        match self {
            Screen::Welcome(w) => {
                w.render(view, area, buf);
                None
            }
            Screen::Form(f) => f.render(view, area, buf, problems),
            Screen::Results(r) => {
                r.render(view, area, buf);
                None
            }
        }
    }
}

/// A dialog over the screen. The last one of `App::overlays` has the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help(Help),
    Jump(Jump),
    Prompt(Prompt),
    Confirm(Confirm),
    /// A message dismissed by any key.
    Notice(Text),
    Entity(EntityForm),
    Deps(DepsPicker),
    /// The export dialog (file name, format, overwrite question).
    Export(ExportDialog),
    /// The inventory's import dialog (file name, add or replace, the file's problems).
    Import(import::ImportDialog),
}

impl Overlay {
    /// Key contexts, innermost first (the app adds [`Ctx::Global`]).
    pub fn ctxs(&self) -> Vec<Ctx> {
        match self {
            Overlay::Help(_) => vec![Ctx::Help, Ctx::Dialog, Ctx::Nav],
            Overlay::Notice(_) => vec![Ctx::Notice, Ctx::Dialog, Ctx::Nav],
            Overlay::Jump(_) => vec![Ctx::Jump, Ctx::Dialog, Ctx::Nav],
            Overlay::Prompt(_) => vec![Ctx::Prompt, Ctx::Line, Ctx::Dialog],
            Overlay::Confirm(_) => vec![Ctx::Confirm],
            Overlay::Deps(_) => vec![Ctx::Filter, Ctx::Dialog],
            Overlay::Export(d) => d.ctxs(),
            Overlay::Import(d) => d.ctxs(),
            Overlay::Entity(e) => {
                let mut v = e.body.ctxs().to_vec();
                v.extend([Ctx::Form, Ctx::Entity, Ctx::Dialog]);
                if !e.body.takes_text() {
                    v.push(Ctx::Nav);
                }
                v
            }
        }
    }

    pub fn handle(&mut self, a: Action, cx: &mut KeyCx) -> Reply {
        match self {
            Overlay::Notice(_) => Reply::Close,
            Overlay::Help(h) => h.handle(a, cx),
            Overlay::Jump(j) => j.handle(a),
            Overlay::Prompt(p) => p.handle(a, cx),
            Overlay::Confirm(c) => c.handle(a, cx),
            Overlay::Deps(d) => d.handle(a, cx),
            Overlay::Entity(e) => e.handle(a, cx),
            Overlay::Export(d) => d.handle(a),
            Overlay::Import(d) => match d.handle(a) {
                import::Step::Stay => Reply::Handled,
                import::Step::Close => Reply::Close,
                import::Step::Submit { name, replace } => Reply::Run(Cmd::Import { name, replace }),
            },
        }
    }

    /// Typed or pasted text.
    pub fn input(&mut self, s: &str, cx: &mut KeyCx) -> Reply {
        match self {
            Overlay::Prompt(p) => p.input(cx.content, s),
            Overlay::Deps(d) => d.input(s),
            Overlay::Export(d) => d.input(s),
            Overlay::Import(d) => {
                d.input(s);
                Reply::Handled
            }
            Overlay::Entity(e) => e.body.input(s, cx),
            _ => Reply::Ignored,
        }
    }

    /// Draws the dialog over `area`; returns the caret of a focused text field.
    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        problems: &[Problem],
        status: &dyn Fn(Position) -> Option<StepStatus>,
    ) -> Option<ratatui::layout::Position> {
        match self {
            Overlay::Help(h) => {
                h.render(view, area, buf);
                None
            }
            Overlay::Jump(j) => {
                j.render(view, area, buf, status);
                None
            }
            Overlay::Prompt(p) => p.render(view, area, buf),
            Overlay::Confirm(c) => {
                c.render(view, area, buf);
                None
            }
            Overlay::Notice(t) => {
                dialog::render_notice(view, area, buf, t);
                None
            }
            Overlay::Entity(e) => e.render(view, area, buf, problems),
            Overlay::Deps(d) => d.render(view, area, buf),
            Overlay::Export(d) => d.render(view, area, buf),
            Overlay::Import(d) => d.render(view, area, buf),
        }
    }
}
