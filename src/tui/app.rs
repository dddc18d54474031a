//! The model of the wizard and `update`: the one place where state changes.
//!
//! `update(&mut App, Msg) -> Vec<Cmd>`: a [`Msg`] comes in (a key action, typed or pasted text,
//! a resize, a signal, or the result of a command), the app changes, and what must happen
//! outside (save, open a profile, quit) goes out as [`Cmd`]s that the runner executes, feeding
//! their results back as messages. Nothing here touches the terminal or the disk, so tests
//! drive the whole wizard through `update`.
//!
//! The screen is `profile.position` ([`Position`]) with its state in [`Screen`]; dialogs are a
//! stack of [`Overlay`]s on top, the last one gets the keys. The app only routes: the keys that
//! work everywhere (quit, language, help, jump, export) it handles itself, every other key or
//! typed text goes to the dialog on top or else to the screen, whose [`Reply`] it applies.
//! What a dialog does with a key is the dialog's business (`crate::tui::screens`).
//!
//! What is derived from the profile (the [`Analysis`], the sidebar's statuses, the screen's
//! problems) is cached in the app; `crate::tui::derived` says when it is derived again. Every
//! key or typed text that may change the profile passes through `routed`, which asks
//! `crate::tui::undo` for the step it makes; `Ctrl-Z` / `Ctrl-Y` are `undo::undo`.

use crate::content::{Content, Text};
use crate::engine::Analysis;
use crate::model::{Lang, Position, Profile};
use crate::tui::backend::{self, Problem, ProfileInfo, Statuses};
use crate::tui::event::{Action, Ctx};
use crate::tui::layout::{self, Areas};
use crate::tui::screens::dialog::{Help, Jump};
use crate::tui::screens::export::ExportDialog;
use crate::tui::screens::form;
use crate::tui::screens::import;
use crate::tui::theme::Theme;
use crate::tui::undo::{self, History};
use crate::tui::widgets::{KeyCx, View};
use ratatui::layout::Rect;

pub use crate::tui::msg::{Cmd, Msg};
pub use crate::tui::screens::{Overlay, Reply, Screen};

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
    pub(super) statuses: Statuses,
    /// The problems of the current screen, derived with `analysis`.
    pub(super) problems: Vec<Problem>,
    /// The profile changed since `analysis`, `statuses` and `problems` were derived.
    pub(super) stale: bool,
    pub screen: Screen,
    pub overlays: Vec<Overlay>,
    pub save: SaveState,
    /// A one-line message under the screen (why Next is blocked, …); cleared by the next step.
    pub flash: Option<(Text, Option<Text>)>,
    pub size: (u16, u16),
    pub profiles: Vec<ProfileInfo>,
    /// The day dates are checked against (a wave starting in the past) and exports are dated:
    /// the user's local today when the wizard starts; tests pin it.
    pub today: crate::model::date::Date,
    /// What `Ctrl-Z` / `Ctrl-Y` undo and redo (this session only, see [`crate::tui::undo`]).
    pub history: History,
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
            screen: Screen::Welcome(Default::default()),
            overlays: Vec::new(),
            save: SaveState::Idle,
            flash: None,
            size: (0, 0),
            profiles: Vec::new(),
            today: crate::model::date::today(),
            history: History::default(),
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

    /// The parts of the frame in `area` (`None` below the minimum size); `message` when the
    /// message line shows.
    pub fn areas(&self, area: Rect, message: bool) -> Option<Areas> {
        layout::areas(area, self.position() != Position::Welcome, message)
    }

    /// Where the dialog on top, or else the screen, is drawn at the terminal's size (empty while
    /// the size is unknown or too small).
    pub(super) fn key_area(&self) -> Rect {
        let message = self.flash.is_some() || matches!(self.save, SaveState::Failed(_));
        let full = Rect::new(0, 0, self.size.0, self.size.1);
        match self.areas(full, message) {
            Some(a) if self.overlays.is_empty() => a.main,
            Some(a) => a.dialog,
            None => Rect::default(),
        }
    }

    /// Where the user is.
    pub fn position(&self) -> Position {
        match self.screen {
            Screen::Welcome(_) => Position::Welcome,
            _ => self.profile.position,
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
        let mut v = match self.overlays.last() {
            Some(o) => o.ctxs(),
            None => self.screen.ctxs(),
        };
        v.push(Ctx::Global);
        v
    }

    /// Whether the terminal is too small to show the wizard (then it asks to be enlarged). An
    /// unknown size (0×0, before the first resize event, in tests) is not.
    pub fn too_small(&self) -> bool {
        let (w, h) = self.size;
        (w, h) != (0, 0) && (w < layout::MIN_WIDTH || h < layout::MIN_HEIGHT)
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
        let view = self.view();
        self.screen = Screen::new(&view, pos, &self.profiles);
        self.problems = self.screen_problems();
    }

    /// Builds the current screen again from the profile (after an undo).
    pub(crate) fn rebuild_screen(&mut self) {
        self.build_screen(self.position());
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
    pub(crate) fn changed(&mut self) -> Vec<Cmd> {
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
        self.flash = Some(form::blocked(&self.profile, &p));
        if let Screen::Form(f) = &mut self.screen {
            f.body.show_problem(p, &self.profile);
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
    let cmds = handle(app, msg);
    app.lay_out();
    cmds
}

fn handle(app: &mut App, msg: Msg) -> Vec<Cmd> {
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
                w.set_profiles(list);
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
            app.history = History::new(&app.profile);
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
            // the prompt that asked for the profile goes
            app.overlays.retain(|o| !matches!(o, Overlay::Prompt(_)));
            app.overlays.push(Overlay::Notice(t));
            Vec::new()
        }
        Msg::Notice(t) => {
            app.overlays.push(Overlay::Notice(t));
            Vec::new()
        }
        // typing or pasting where nothing can be seen goes nowhere
        Msg::Input(_) | Msg::Paste(_) if app.too_small() => Vec::new(),
        Msg::Input(s) | Msg::Paste(s) => routed(app, Input::Text(&s)),
        Msg::Action(a) => {
            let cmds = action(app, a);
            // the focus inside the screen goes with the next save (quitting saves)
            if !matches!(app.screen, Screen::Welcome(_)) {
                app.profile.spot = crate::tui::spot::read(app);
            }
            cmds
        }
        Msg::Imported(out) => {
            let reply =
                import::outcome(app.content, app.overlays.last_mut(), &mut app.profile, out);
            // the whole file is one change (one save; `.bak` keeps the version before) and one
            // undo step
            let what = undo::Before::change(Text::of("ui.undo.what.import"));
            undo::after(app, Some(what), &reply);
            apply(app, reply)
        }
        Msg::Exported(out) => {
            let reply = match app.overlays.last_mut() {
                Some(Overlay::Export(d)) => d.outcome(out),
                _ => ExportDialog::notice(out),
            };
            apply(app, reply)
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
    if let Some(cmds) = global(app, a) {
        return cmds;
    }
    if app.overlays.is_empty() {
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
    }
    routed(app, Input::Key(a))
}

/// The keys that work everywhere; `None` when `a` is not one of them here.
fn global(app: &mut App, a: Action) -> Option<Vec<Cmd>> {
    let open = app.profile_name.is_some();
    match a {
        Action::Quit => Some(app.quit()),
        Action::ToggleLang => Some(app.toggle_lang()),
        Action::RetrySave => Some(if open { vec![Cmd::Save] } else { Vec::new() }),
        // nothing changes under "please enlarge the terminal" or on the welcome screen
        Action::Undo | Action::Redo => Some(
            if open && !app.too_small() && !matches!(app.screen, Screen::Welcome(_)) {
                undo::undo(app, a == Action::Redo)
            } else {
                Vec::new()
            },
        ),
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
            Some(Vec::new())
        }
        Action::Jump if open && app.overlays.is_empty() => {
            app.overlays.push(Overlay::Jump(Jump::at(app.position())));
            Some(Vec::new())
        }
        Action::Export if app.overlays.is_empty() => {
            if let Some(name) = &app.profile_name {
                // the user's local day (the CLI dates its exports the same way)
                let today = app.today.to_string();
                app.overlays
                    .push(Overlay::Export(ExportDialog::new(name, &today)));
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

/// A key or typed text.
pub enum Input<'a> {
    Key(Action),
    Text(&'a str),
}

/// Routes a key or typed text and applies the reply, with the undo step it makes, if any
/// ([`undo::before`], [`undo::after`]).
fn routed(app: &mut App, input: Input) -> Vec<Cmd> {
    let before = undo::before(app, &input);
    let reply = route(app, input);
    undo::after(app, before, &reply);
    apply(app, reply)
}

/// Gives a key or typed text to the dialog on top, or to the screen when no dialog is open.
fn route(app: &mut App, input: Input) -> Reply {
    let area = app.key_area();
    let mut cx = KeyCx {
        content: app.content,
        lang: app.lang,
        theme: &app.theme,
        profile: &mut app.profile,
        analysis: &app.analysis,
        problems: &app.problems,
        profiles: &app.profiles,
        area,
    };
    match (app.overlays.last_mut(), input) {
        (Some(o), Input::Key(a)) => o.handle(a, &mut cx),
        (Some(o), Input::Text(s)) => o.input(s, &mut cx),
        (None, Input::Key(a)) => app.screen.handle(a, &mut cx),
        (None, Input::Text(s)) => app.screen.input(s, &mut cx),
    }
}

/// Does what a screen or dialog asked for.
fn apply(app: &mut App, reply: Reply) -> Vec<Cmd> {
    match reply {
        Reply::Ignored | Reply::Handled => Vec::new(),
        Reply::Changed => {
            app.flash = None;
            app.changed()
        }
        Reply::Close => {
            app.overlays.pop();
            Vec::new()
        }
        Reply::Open(o) => {
            app.overlays.push(o);
            Vec::new()
        }
        Reply::Run(cmd) => vec![cmd],
        Reply::Goto(pos) => app.goto(pos),
        Reply::Show(entity) => {
            if let Screen::Form(f) = &mut app.screen {
                f.body.select(entity, &app.profile);
            }
            Vec::new()
        }
        Reply::Global(a) => global(app, a).unwrap_or_default(),
        Reply::All(replies) => {
            let mut cmds = Vec::new();
            for r in replies {
                cmds.extend(apply(app, r));
            }
            cmds
        }
    }
}
