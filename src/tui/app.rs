//! The model of the wizard and `update`: the one place where state changes.
//!
//! `update(&mut App, Msg) -> Vec<Cmd>`: a [`Msg`] comes in (a key action, typed or pasted text,
//! a resize, a signal, or the result of a command), the app changes, and what must happen
//! outside (save, open a profile, quit) goes out as [`Cmd`]s that the runner executes, feeding
//! their results back as messages. Nothing here touches the terminal or the disk, so tests
//! drive the whole wizard through `update`.
//!
//! The screen is `profile.position` ([`Position`]) with its state in [`Screen`]; dialogs are a
//! stack of [`Overlay`]s on top, the last one gets the keys.
//!
//! What is derived from the profile (the [`Analysis`], the step statuses of the sidebar, the
//! problems of the screen) is cached in the app and drawn from there, so a frame costs only what
//! it shows. A change of the profile marks it stale; [`App::refresh`] recomputes it. The runner
//! refreshes at once while that is cheap and, on large inventories, when typing pauses
//! ([`crate::tui::pace`]); moving to another screen always refreshes first.

use crate::content::{Content, Text};
use crate::engine::Analysis;
use crate::engine::waves::WaveRef;
use crate::model::{Lang, Position, Profile};
use crate::tui::backend::{self, Entity, Problem, ProfileInfo, Statuses, StepStatus};
use crate::tui::event::{Action, Ctx};
use crate::tui::screens::dialog::{
    Confirm, ConfirmAction, DepsPicker, Help, Jump, PROFILE_NAME_MAX, Prompt, PromptPurpose,
};
use crate::tui::screens::entity::EntityForm;
use crate::tui::screens::export::{ExportDialog, ExportOutcome, Step as ExportStep};
use crate::tui::screens::form::{Effect, FormScreen, Item, TableKind};
use crate::tui::screens::import::{ImportDialog, ImportOutcome, Step as ImportStep};
use crate::tui::screens::results::{Outcome as ResultsOutcome, Results};
use crate::tui::screens::welcome::{Choice, Welcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::View;
use crate::tui::widgets::field::Env;

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key, through the keymap.
    Action(Action),
    /// Typed text (an unbound printable key while a text field has focus).
    Input(String),
    /// Bracketed paste: inserted as text, never submits.
    Paste(String),
    Resize(u16, u16),
    /// SIGTERM / SIGHUP: save and leave.
    Terminate,
    /// The result of [`Cmd::Save`].
    Saved(Result<(), String>),
    /// A profile was opened (by [`Cmd::Open`] or [`Cmd::OpenDemo`]).
    Opened {
        name: String,
        profile: Box<Profile>,
    },
    /// Opening failed; the text says why.
    OpenFailed(Text),
    /// The saved profiles (for the welcome screen).
    Profiles(Vec<ProfileInfo>),
    /// The result of [`Cmd::Export`].
    Exported(ExportOutcome),
    /// The result of [`Cmd::Import`].
    Imported(ImportOutcome),
}

/// Something the runner must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// Save the open profile (`App::profile` under `App::profile_name`).
    Save,
    /// Open a saved profile, or create it when `create` and it does not exist.
    Open { name: String, create: bool },
    /// Reset the scratch demo profile from the shipped demo and open it.
    OpenDemo,
    /// List saved profiles (answered with [`Msg::Profiles`]).
    ListProfiles,
    /// Write the export to the file `name` stands for (answered with [`Msg::Exported`]);
    /// an existing file is only replaced when `overwrite`.
    Export {
        name: String,
        format: crate::export::Format,
        overwrite: bool,
    },
    /// Read the spreadsheet `name` stands for into the inventory (answered with
    /// [`Msg::Imported`]); nothing changes unless the whole file is valid.
    Import { name: String, replace: bool },
    /// Leave (after the commands before it ran).
    Quit,
}

/// The screen under the dialogs.
#[derive(Debug, Clone)]
pub enum Screen {
    Welcome(Welcome),
    /// The profile screen and the ten steps.
    Form(FormScreen),
    Results(Results),
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
    Import(ImportDialog),
}

/// The last save.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing saved yet in this session.
    Idle,
    /// A change waits for typing to pause before it is saved (large inventories, `tui::pace`).
    Pending,
    Saved,
    Failed(String),
}

/// The whole state of the wizard.
pub struct App {
    pub content: &'static Content,
    pub lang: Lang,
    /// The language was given on the command line: it wins over the profile's.
    pub lang_fixed: bool,
    pub theme: Theme,
    pub profile: Profile,
    /// `None` until a profile is opened (the welcome screen).
    pub profile_name: Option<String>,
    pub analysis: Analysis,
    /// The sidebar's statuses, derived with `analysis`.
    statuses: Statuses,
    /// The problems of the current screen, derived with `analysis`.
    problems: Vec<Problem>,
    /// The profile changed since `analysis`, `statuses` and `problems` were derived.
    stale: bool,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
    pub save: SaveState,
    /// A one-line message under the screen (why Next is blocked, …); cleared by the next step.
    pub flash: Option<(Text, Option<Text>)>,
    pub size: (u16, u16),
    pub profiles: Vec<ProfileInfo>,
}

impl App {
    pub fn new(content: &'static Content, lang: Lang, theme: Theme) -> App {
        let profile = Profile::new(lang);
        let analysis = backend::analyse(content, &profile);
        let statuses = backend::statuses(content, &profile, &analysis);
        App {
            content,
            lang,
            lang_fixed: false,
            theme,
            profile,
            profile_name: None,
            analysis,
            statuses,
            problems: Vec::new(),
            stale: false,
            screen: Screen::Welcome(Welcome::default()),
            overlays: Vec::new(),
            save: SaveState::Idle,
            flash: None,
            size: (0, 0),
            profiles: Vec::new(),
        }
    }

    /// The borrowed view the widgets draw from.
    pub fn view(&self) -> View<'_> {
        View {
            content: self.content,
            lang: self.lang,
            theme: &self.theme,
            profile: &self.profile,
            analysis: &self.analysis,
            problems: &self.problems,
        }
    }

    /// Where the user is.
    pub fn position(&self) -> Position {
        match self.screen {
            Screen::Welcome(_) => Position::Welcome,
            _ => self.profile.position,
        }
    }

    /// The step of a form screen (`None` for the profile screen).
    pub fn step_of(pos: Position) -> Option<Option<crate::model::StepId>> {
        match pos {
            Position::Profile => Some(None),
            Position::Step(s) => Some(Some(s)),
            _ => None,
        }
    }

    /// Problems of the current screen (as of the last [`App::refresh`]).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Status of a screen in the step list (as of the last [`App::refresh`]).
    pub fn status(&self, pos: Position) -> Option<StepStatus> {
        let step = Self::step_of(pos)?;
        self.profile_name.as_ref()?;
        Some(match step {
            None => self.statuses.profile,
            Some(s) => *self.statuses.steps.get(s.index())?,
        })
    }

    /// The profile changed since what is shown was derived from it.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Derives the analysis, the statuses and the problems again if the profile changed.
    pub fn refresh(&mut self) {
        if self.stale {
            let before: Vec<(crate::model::SystemId, Option<u32>)> = self
                .analysis
                .systems
                .iter()
                .map(|s| (s.id, s.wave))
                .collect();
            self.derive();
            if let Some(moved) = self.waves_moved(&before) {
                self.flash = Some((moved, None));
            }
            self.problems = self.screen_problems();
        }
    }

    /// "The waves changed: ERP wave 2 → 3, …" after an edit that moved systems between waves
    /// (a system that starts or stops migrating is not a move).
    fn waves_moved(&self, before: &[(crate::model::SystemId, Option<u32>)]) -> Option<Text> {
        const SHOWN: usize = 4;
        let moves: Vec<String> = before
            .iter()
            .filter_map(|(id, old)| {
                let new = self.analysis.system(*id)?.wave;
                match (old, new) {
                    (Some(a), Some(b)) if *a != b => {
                        let name = self.profile.system(*id)?.name.clone();
                        Some(
                            self.content.render(
                                self.lang,
                                &Text::new("ui.wave.move")
                                    .plain("system", name)
                                    .num("from", f64::from(*a), 0)
                                    .num("to", f64::from(b), 0),
                            ),
                        )
                    }
                    _ => None,
                }
            })
            .collect();
        if moves.is_empty() {
            return None;
        }
        let sep = self.content.t(self.lang, "ui.list_sep");
        let mut list = moves
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(&sep);
        if moves.len() > SHOWN {
            list.push_str(&sep);
            list.push('…');
        }
        Some(Text::new("ui.wave.moved").plain("moves", list))
    }

    /// The analysis and the statuses (the problems depend on the screen too).
    fn derive(&mut self) {
        self.stale = false;
        self.analysis = backend::analyse(self.content, &self.profile);
        self.statuses = backend::statuses(self.content, &self.profile, &self.analysis);
        if let Screen::Results(r) = &mut self.screen {
            r.invalidate();
        }
    }

    fn screen_problems(&self) -> Vec<Problem> {
        match Self::step_of(self.position()) {
            Some(step) if self.profile_name.is_some() => {
                let mut v = backend::problems(self.content, &self.profile, step);
                v.extend(backend::schedule_problems(
                    self.content,
                    &self.profile,
                    &self.analysis,
                    step,
                ));
                v
            }
            _ => Vec::new(),
        }
    }

    /// Key contexts, innermost first: exactly those whose keys act now, so that the footer and
    /// the help generated from them offer nothing that does nothing.
    pub fn contexts(&self) -> Vec<Ctx> {
        if self.too_small() {
            // nothing on screen but "please enlarge": only quit, help and the language work,
            // so no key changes what the user cannot see
            return vec![Ctx::Global];
        }
        let mut v = Vec::new();
        match self.overlays.last() {
            Some(Overlay::Help(_)) => v.extend([Ctx::Help, Ctx::Dialog, Ctx::Nav]),
            Some(Overlay::Notice(_)) => v.extend([Ctx::Notice, Ctx::Dialog, Ctx::Nav]),
            Some(Overlay::Jump(_)) => v.extend([Ctx::Jump, Ctx::Dialog, Ctx::Nav]),
            Some(Overlay::Prompt(_)) => v.extend([Ctx::Prompt, Ctx::Line, Ctx::Dialog]),
            Some(Overlay::Confirm(_)) => v.push(Ctx::Confirm),
            Some(Overlay::Deps(_)) => v.extend([Ctx::Filter, Ctx::Dialog]),
            Some(Overlay::Export(d)) => v.extend(d.ctxs()),
            Some(Overlay::Import(d)) => v.extend(d.ctxs()),
            Some(Overlay::Entity(e)) => {
                v.extend(e.body.ctxs());
                v.extend([Ctx::Form, Ctx::Entity, Ctx::Dialog]);
                if !e.body.takes_text() {
                    v.push(Ctx::Nav);
                }
            }
            None => match &self.screen {
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
            },
        }
        v.push(Ctx::Global);
        v
    }

    /// Whether the terminal is too small to show the wizard (then it asks to be enlarged). An
    /// unknown size (0×0, before the first resize event, in tests) is not.
    pub fn too_small(&self) -> bool {
        let (w, h) = self.size;
        (w, h) != (0, 0) && (w < crate::tui::ui::MIN_WIDTH || h < crate::tui::ui::MIN_HEIGHT)
    }

    /// The question that has focus (for help).
    pub fn focused_question(&self) -> Option<&'static crate::content::QuestionDef> {
        let body = match (self.overlays.last(), &self.screen) {
            (Some(Overlay::Entity(e)), _) => &e.body,
            (None, Screen::Form(f)) => &f.body,
            _ => return None,
        };
        body.focused_field().map(|f| f.q)
    }

    fn build_screen(&mut self, pos: Position) {
        if self.stale {
            // the problems follow, for the new screen
            self.derive();
        }
        self.screen = match pos {
            Position::Welcome => Screen::Welcome(Welcome::new(self.profiles.clone())),
            Position::Profile => {
                Screen::Form(FormScreen::new(self.content, None, &self.profile, &[]))
            }
            Position::Step(s) => {
                let waves: Vec<WaveRef> = self.analysis.waves.iter().map(WaveRef::of).collect();
                Screen::Form(FormScreen::new(
                    self.content,
                    Some(s),
                    &self.profile,
                    &waves,
                ))
            }
            Position::Results(t) => Screen::Results(Results::new(t)),
        };
        self.problems = self.screen_problems();
    }

    /// Goes to a screen (saving the position).
    pub fn goto(&mut self, pos: Position) -> Vec<Cmd> {
        self.overlays.clear();
        self.flash = None;
        if pos == Position::Welcome {
            self.build_screen(pos);
            return vec![Cmd::ListProfiles];
        }
        if self.profile_name.is_none() {
            return Vec::new();
        }
        self.profile.position = pos;
        self.build_screen(pos);
        vec![Cmd::Save]
    }

    /// After any change of the profile: what is derived from it is stale; save.
    fn changed(&mut self) -> Vec<Cmd> {
        self.stale = true;
        if self.profile_name.is_some() {
            // a failure stays on screen until a save succeeds
            if !matches!(self.save, SaveState::Failed(_)) {
                self.save = SaveState::Pending;
            }
            vec![Cmd::Save]
        } else {
            Vec::new()
        }
    }

    fn go_next(&mut self) -> Vec<Cmd> {
        let pos = self.position();
        if pos == Position::Welcome {
            return Vec::new();
        }
        self.refresh();
        if let Some(p) = self.problems.iter().find(|p| p.blocks_next).cloned() {
            self.block(p);
            return Vec::new();
        }
        if let Position::Results(_) = pos {
            return Vec::new();
        }
        self.goto(pos.next())
    }

    /// Shows why Next is blocked and puts the focus on the field that needs fixing.
    fn block(&mut self, p: Problem) {
        let label = Text::new(format!("q.{}.label", p.question));
        let who = match p.entity {
            Entity::System(id) => self.profile.system(id).map(|s| s.name.clone()),
            Entity::Provider(id) => self.profile.provider(id).map(|s| s.name.clone()),
            _ => None,
        };
        let head = match who {
            Some(name) => Text::new("ui.blocked_entity")
                .key("field", label.key.clone())
                .plain("name", name),
            None => Text::new("ui.blocked").key("field", label.key.clone()),
        };
        self.flash = Some((head, Some(p.text.clone())));
        if let Screen::Form(f) = &mut self.screen {
            f.body.focus_on(&p.question, p.entity, &self.profile);
            if let Some(Item::Field(field)) = f.body.focused_mut()
                && field.q.id == p.question
            {
                field.error = Some(p.text);
            }
        }
    }

    fn toggle_lang(&mut self) -> Vec<Cmd> {
        self.lang = self.lang.toggled();
        self.profile.lang = self.lang;
        if self.profile_name.is_some() {
            vec![Cmd::Save]
        } else {
            Vec::new()
        }
    }

    fn quit(&self) -> Vec<Cmd> {
        if self.profile_name.is_some() {
            vec![Cmd::Save, Cmd::Quit]
        } else {
            vec![Cmd::Quit]
        }
    }
}

/// The one place where state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Terminate => app.quit(),
        Msg::Saved(Ok(())) => {
            app.save = SaveState::Saved;
            Vec::new()
        }
        Msg::Saved(Err(e)) => {
            app.save = SaveState::Failed(e);
            Vec::new()
        }
        Msg::Profiles(list) => {
            app.profiles = list.clone();
            if let Screen::Welcome(w) = &mut app.screen {
                let sel = w.selected;
                *w = Welcome::new(list);
                if sel != 0 {
                    w.selected = sel.min(w.entries().len() - 1);
                }
            }
            Vec::new()
        }
        Msg::Opened { name, profile } => {
            app.profile = *profile;
            app.profile.normalise();
            app.profile_name = Some(name);
            if app.lang_fixed {
                app.profile.lang = app.lang;
            } else {
                app.lang = app.profile.lang;
            }
            app.stale = true;
            app.save = SaveState::Idle;
            let pos = match app.profile.position {
                Position::Welcome => Position::Profile,
                p => p,
            };
            let spot = std::mem::take(&mut app.profile.spot);
            let cmds = app.goto(pos);
            crate::tui::spot::restore(app, &spot);
            app.profile.spot = crate::tui::spot::read(app);
            cmds
        }
        Msg::OpenFailed(t) => {
            app.overlays.retain(|o| !matches!(o, Overlay::Prompt(_)));
            app.overlays.push(Overlay::Notice(t));
            Vec::new()
        }
        // typing or pasting where nothing can be seen goes nowhere
        Msg::Input(_) | Msg::Paste(_) if app.too_small() => Vec::new(),
        Msg::Input(s) | Msg::Paste(s) => text_input(app, &s),
        Msg::Action(a) => {
            let cmds = action(app, a);
            // the focus inside the screen goes with the next save (quitting saves)
            if !matches!(app.screen, Screen::Welcome(_)) {
                app.profile.spot = crate::tui::spot::read(app);
            }
            cmds
        }
        Msg::Imported(out) => match out {
            ImportOutcome::Valid { import, replace } => {
                app.overlays.retain(|o| !matches!(o, Overlay::Import(_)));
                // the whole file is one change (one save; `.bak` keeps the version before)
                let applied = import.apply(&mut app.profile, replace);
                let notice =
                    crate::tui::screens::import::applied_notice(import.systems.len(), applied);
                app.overlays.push(Overlay::Notice(notice));
                app.flash = None;
                app.changed()
            }
            other => {
                match app.overlays.last_mut() {
                    Some(Overlay::Import(d)) => d.fail(other),
                    _ => {
                        let mut d = ImportDialog::new();
                        d.fail(other);
                        app.overlays.push(Overlay::Import(d));
                    }
                }
                Vec::new()
            }
        },
        Msg::Exported(out) => {
            match out {
                ExportOutcome::Written(path) => {
                    app.overlays.retain(|o| !matches!(o, Overlay::Export(_)));
                    app.overlays.push(Overlay::Notice(
                        Text::new("ui.export.written").plain("path", path.display().to_string()),
                    ));
                }
                ExportOutcome::Exists(path) => {
                    if let Some(Overlay::Export(d)) = app.overlays.last_mut() {
                        d.ask_overwrite(path);
                    }
                }
                ExportOutcome::Failed(why) => match app.overlays.last_mut() {
                    Some(Overlay::Export(d)) => d.fail(why),
                    _ => app.overlays.push(Overlay::Notice(why)),
                },
            }
            Vec::new()
        }
    }
}

fn action(app: &mut App, a: Action) -> Vec<Cmd> {
    // a notice goes away with any key but those that work everywhere (quit, help, language)
    if let Some(Overlay::Notice(_)) = app.overlays.last()
        && !matches!(a, Action::Quit | Action::Help | Action::ToggleLang)
    {
        app.overlays.pop();
        return Vec::new();
    }
    match a {
        Action::Quit => return app.quit(),
        Action::ToggleLang => return app.toggle_lang(),
        Action::RetrySave => {
            return if app.profile_name.is_some() {
                vec![Cmd::Save]
            } else {
                Vec::new()
            };
        }
        Action::Help => {
            if let Some(Overlay::Help(_)) = app.overlays.last() {
                app.overlays.pop();
            } else {
                // on a step screen itself (not in a dialog) help starts with its introduction
                let screen = match (app.overlays.is_empty(), app.position()) {
                    (true, Position::Profile) => Some(app.content.profile.id.as_str()),
                    (true, Position::Step(s)) => Some(app.content.step(s).id.as_str()),
                    _ => None,
                };
                let help = Help::new(app.contexts(), app.focused_question()).with_intro(screen);
                app.overlays.push(Overlay::Help(help));
            }
            return Vec::new();
        }
        Action::Jump if app.profile_name.is_some() && app.overlays.is_empty() => {
            let targets = Jump::targets();
            let selected = targets
                .iter()
                .position(|t| *t == app.position())
                .unwrap_or(0);
            app.overlays.push(Overlay::Jump(Jump { selected }));
            return Vec::new();
        }
        Action::Export if app.overlays.is_empty() => {
            if let Some(name) = &app.profile_name {
                // the user's local day (the CLI dates its exports the same way)
                let today = crate::model::date::today().to_string();
                app.overlays
                    .push(Overlay::Export(ExportDialog::new(name, &today)));
            }
            return Vec::new();
        }
        _ => {}
    }
    if !app.overlays.is_empty() {
        return overlay_action(app, a);
    }
    match a {
        Action::Next => return app.go_next(),
        Action::Back => {
            let pos = app.position();
            return if matches!(pos, Position::Welcome) {
                Vec::new()
            } else {
                app.goto(pos.prev())
            };
        }
        _ => {}
    }
    screen_action(app, a)
}

fn screen_action(app: &mut App, a: Action) -> Vec<Cmd> {
    let content = app.content;
    match &mut app.screen {
        Screen::Welcome(w) => match w.handle(a) {
            Some(Choice::New) => {
                app.overlays
                    .push(Overlay::Prompt(Prompt::new(PromptPurpose::NewProfile)));
                Vec::new()
            }
            Some(Choice::Demo) => vec![Cmd::OpenDemo],
            Some(Choice::Resume(name)) => vec![Cmd::Open {
                name,
                create: false,
            }],
            Some(Choice::Language) => app.toggle_lang(),
            Some(Choice::Quit) => app.quit(),
            None => Vec::new(),
        },
        Screen::Results(r) => match r.handle(a, &app.analysis) {
            ResultsOutcome::Tab => {
                app.profile.position = Position::Results(r.tab);
                vec![Cmd::Save]
            }
            ResultsOutcome::Tick(id) => {
                if !app.profile.ticks.remove(&id) {
                    app.profile.ticks.insert(id);
                }
                app.changed()
            }
            ResultsOutcome::Handled | ResultsOutcome::Ignored => Vec::new(),
        },
        Screen::Form(f) => {
            let mut env = Env {
                content,
                profile: &mut app.profile,
            };
            let effect = f.body.handle(a, &mut env);
            apply(app, effect)
        }
    }
}

/// Applies what a form or dialog body reported.
fn apply(app: &mut App, e: Effect) -> Vec<Cmd> {
    match e {
        Effect::Ignored | Effect::Handled => Vec::new(),
        Effect::Changed => {
            app.flash = None;
            app.changed()
        }
        Effect::Open(o) => {
            app.overlays.push(o);
            Vec::new()
        }
    }
}

fn text_input(app: &mut App, s: &str) -> Vec<Cmd> {
    let content = app.content;
    match app.overlays.last_mut() {
        Some(Overlay::Prompt(p)) => {
            p.input(content, s);
            Vec::new()
        }
        Some(Overlay::Deps(d)) => {
            d.filter.insert(s);
            d.selected = 0;
            Vec::new()
        }
        Some(Overlay::Export(d)) => {
            d.input(s);
            Vec::new()
        }
        Some(Overlay::Import(d)) => {
            d.input(s);
            Vec::new()
        }
        Some(Overlay::Entity(e)) => {
            let mut env = Env {
                content,
                profile: &mut app.profile,
            };
            let eff = e.body.input(s, &mut env);
            apply(app, eff)
        }
        Some(_) => Vec::new(),
        None => match &mut app.screen {
            Screen::Form(f) => {
                let mut env = Env {
                    content,
                    profile: &mut app.profile,
                };
                let eff = f.body.input(s, &mut env);
                apply(app, eff)
            }
            _ => Vec::new(),
        },
    }
}

fn overlay_action(app: &mut App, a: Action) -> Vec<Cmd> {
    let content = app.content;
    let Some(top) = app.overlays.last_mut() else {
        return Vec::new();
    };
    match top {
        Overlay::Notice(_) => {
            app.overlays.pop();
            Vec::new()
        }
        Overlay::Import(d) => match d.handle(a) {
            ImportStep::Stay => Vec::new(),
            ImportStep::Close => {
                app.overlays.pop();
                Vec::new()
            }
            ImportStep::Submit { name, replace } => vec![Cmd::Import { name, replace }],
        },
        Overlay::Export(d) => match d.handle(a) {
            ExportStep::Stay => Vec::new(),
            ExportStep::Close => {
                app.overlays.pop();
                Vec::new()
            }
            ExportStep::Submit {
                name,
                format,
                overwrite,
            } => vec![Cmd::Export {
                name,
                format,
                overwrite,
            }],
        },
        Overlay::Help(h) => {
            match a {
                Action::Up => h.scroll_by(-1),
                Action::Down => h.scroll_by(1),
                Action::Home => h.scroll = 0,
                Action::Cancel | Action::Confirm => {
                    app.overlays.pop();
                }
                _ => {}
            }
            Vec::new()
        }
        Overlay::Jump(j) => {
            let targets = Jump::targets();
            let n = targets.len();
            let go = match a {
                Action::Up => {
                    j.selected = j.selected.checked_sub(1).unwrap_or(n - 1);
                    None
                }
                Action::Down => {
                    j.selected = (j.selected + 1) % n;
                    None
                }
                Action::Confirm => targets.get(j.selected).copied(),
                Action::Pick(c) => targets.iter().copied().find(|t| Jump::shortcut(*t) == c),
                Action::Cancel => {
                    app.overlays.pop();
                    None
                }
                _ => None,
            };
            match go {
                Some(pos) => app.goto(pos),
                None => Vec::new(),
            }
        }
        Overlay::Confirm(c) => {
            let on_yes = c.on_yes;
            match a {
                Action::Yes => {
                    app.overlays.pop();
                    match on_yes {
                        ConfirmAction::DeleteSystem(id) => {
                            app.profile.delete_system(id);
                        }
                        ConfirmAction::DeleteProvider(id) => {
                            app.profile.delete_provider(id);
                        }
                    }
                    app.changed()
                }
                Action::No | Action::Cancel => {
                    app.overlays.pop();
                    Vec::new()
                }
                _ => Vec::new(),
            }
        }
        Overlay::Prompt(p) => match a {
            Action::Cancel => {
                app.overlays.pop();
                Vec::new()
            }
            Action::Confirm => submit_prompt(app),
            Action::Backspace => {
                p.field.editor.backspace();
                Vec::new()
            }
            Action::DeleteChar => {
                p.field.editor.delete();
                Vec::new()
            }
            Action::Left => {
                p.field.editor.left();
                Vec::new()
            }
            Action::Right => {
                p.field.editor.right();
                Vec::new()
            }
            Action::Home => {
                p.field.editor.home();
                Vec::new()
            }
            Action::End => {
                p.field.editor.end();
                Vec::new()
            }
            Action::Clear => {
                p.field.editor.clear();
                Vec::new()
            }
            _ => Vec::new(),
        },
        Overlay::Deps(d) => {
            let cands = d.candidates(&app.profile);
            match a {
                Action::Up => d.selected = d.selected.saturating_sub(1),
                Action::Down => d.selected = (d.selected + 1).min(cands.len().saturating_sub(1)),
                Action::Home => d.selected = 0,
                Action::End => d.selected = cands.len().saturating_sub(1),
                Action::Backspace => {
                    d.filter.editor.backspace();
                    d.selected = 0;
                }
                Action::Toggle => {
                    if let Some(on) = cands.get(d.selected) {
                        let from = d.system;
                        if app.profile.toggle_dependency(from, *on) {
                            return app.changed();
                        }
                    }
                }
                Action::Confirm | Action::Cancel => {
                    app.overlays.pop();
                }
                _ => {}
            }
            Vec::new()
        }
        Overlay::Entity(e) => match a {
            // Esc in a field puts back the saved answer of a refused draft, or else closes
            Action::Cancel
                if e.body
                    .focused_field()
                    .is_some_and(|f| f.has_invalid_draft()) =>
            {
                let mut env = Env {
                    content,
                    profile: &mut app.profile,
                };
                let eff = e.body.handle(Action::Revert, &mut env);
                apply(app, eff)
            }
            Action::Cancel => {
                let entity = e.entity;
                app.overlays.pop();
                // the table shows the row that was edited last (PgDn may have moved on)
                match entity {
                    Entity::System(id) => {
                        if let Some(i) = app.profile.system_index(id) {
                            select_row(app, TableKind::Systems, i);
                        }
                    }
                    Entity::Provider(id) => {
                        if let Some(i) = app.profile.providers.iter().position(|p| p.id == id) {
                            select_row(app, TableKind::Providers, i);
                        }
                    }
                    _ => {}
                }
                Vec::new()
            }
            Action::PageDown | Action::PageUp => {
                let delta = if a == Action::PageDown { 1 } else { -1 };
                e.switch(delta, content, &app.profile);
                Vec::new()
            }
            _ => {
                let mut env = Env {
                    content,
                    profile: &mut app.profile,
                };
                let eff = e.body.handle(a, &mut env);
                apply(app, eff)
            }
        },
    }
}

fn submit_prompt(app: &mut App) -> Vec<Cmd> {
    let Some(Overlay::Prompt(p)) = app.overlays.last_mut() else {
        return Vec::new();
    };
    let name = p.field.text().trim().to_owned();
    match p.purpose {
        PromptPurpose::NewProfile => {
            if let Err(e) = check_profile_name(&name) {
                p.error = Some(e);
                return Vec::new();
            }
            if app.profiles.iter().any(|i| i.name == name) {
                p.error = Some(Text::new("ui.err.profile_exists").plain("name", name));
                return Vec::new();
            }
            app.overlays.pop();
            vec![Cmd::Open { name, create: true }]
        }
        PromptPurpose::AddSystem => {
            if name.is_empty() {
                // an empty Enter ends a run of additions
                app.overlays.pop();
                return Vec::new();
            }
            p.field.editor.clear();
            p.added += 1;
            app.profile.add_system(name);
            let last = app.profile.systems.len().saturating_sub(1);
            select_row(app, TableKind::Systems, last);
            app.changed()
        }
        PromptPurpose::AddProvider => {
            if name.is_empty() {
                app.overlays.pop();
                return Vec::new();
            }
            if app.profile.add_provider(name).is_none() {
                p.error = Some(Text::new("ui.providers.full").num(
                    "max",
                    Profile::MAX_PROVIDERS as f64,
                    0,
                ));
                return Vec::new();
            }
            // like systems: the prompt asks for the next one until an empty Enter
            p.field.editor.clear();
            p.error = None;
            p.added += 1;
            let last = app.profile.providers.len().saturating_sub(1);
            select_row(app, TableKind::Providers, last);
            app.changed()
        }
    }
}

fn select_row(app: &mut App, kind: TableKind, row: usize) {
    if let Screen::Form(f) = &mut app.screen {
        for item in &mut f.body.items {
            if let Item::Table(t) = item
                && t.kind == kind
            {
                t.state.select(row);
            }
        }
    }
}

/// A profile name becomes a file name: keep it short and plain.
pub fn check_profile_name(name: &str) -> Result<(), Text> {
    if name.is_empty() {
        return Err(Text::new("ui.err.name_empty"));
    }
    if name.chars().count() > PROFILE_NAME_MAX
        || name.starts_with('.')
        || name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
    {
        return Err(Text::new("ui.err.name_invalid"));
    }
    if name.eq_ignore_ascii_case(DEMO_PROFILE) {
        return Err(Text::new("ui.err.name_reserved").plain("name", name));
    }
    Ok(())
}

/// The scratch profile the demo opens in.
pub const DEMO_PROFILE: &str = "demo";
