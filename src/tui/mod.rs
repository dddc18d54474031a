//! The full-screen wizard: The Elm Architecture over the pure core.
//!
//! ```text
//!  terminal ──event──▶ event::to_msg (keymap) ──Msg──▶ app::update ──Cmd──▶ Runtime::exec
//!      ▲                                                  │                    │ (store)
//!      └──────────── ui::render(&App) ◀───────────────────┘◀───── Msg ─────────┘
//! ```
//! - [`app`]: the model ([`app::App`]) and `update`; screens are `model::Position`. What it
//!   derives from the profile and when: `derived`; undo and redo: [`undo`]; the focus saved
//!   with the profile: [`spot`].
//! - [`msg`]: the messages into `update` and the commands out of it.
//! - [`event`]: terminal events → messages through the keymap (also feeds footer and help).
//! - [`screens`]: one module per screen and dialog, each handling its own keys and answering
//!   with a [`screens::Reply`]; [`widgets`]: text fields, answer fields, tables.
//! - [`layout`]: where each part of the frame goes for a size, shared by `ui` and the key
//!   handlers (drawing changes no state; scrolling follows from the size the app knows).
//! - [`ui`]: draws the frame (bars, sidebar, dialogs, too-small message).
//! - [`terminal`]: the one place that enters and restores the terminal.
//! - [`backend`]: the only doors to the engine and the store.
//!
//! The [`Runtime`] holds the open profile's lock ([`crate::store::ProfileLock`]) for the whole
//! session and is the only place that saves. What the user must not miss (an unreadable file
//! moved aside, a backup opened instead) comes back as a notice on screen and is printed on
//! stderr again when the wizard ends.
//!
//! The loop blocks on input (two small threads forward key events and the signals that end a
//! process, [`save_and_leave_signals`], into one channel), so an idle wizard uses no CPU. Work
//! is coalesced: all pending events are handled, then what is derived from the profile is
//! refreshed and the profile saved once, then the frame is drawn. When that work takes longer
//! than a frame (thousands of systems), it waits until typing pauses ([`pace`]), so keys never
//! queue behind it; quitting and signals never wait.
//!
//! Just over 700 lines: the runtime (saves, notices, the lock) and the loop with its signal
//! threads share the exit paths that must restore the terminal; the runtime is the part to
//! move into its own module when it grows.

pub mod app;
pub mod backend;
mod derived;
pub mod event;
pub mod layout;
pub mod msg;
pub mod pace;
pub mod screens;
pub mod spot;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod undo;
pub mod widgets;

use crate::content::{Content, Text};
use crate::model::{Lang, Profile};
use app::{App, SaveState, update};
use backend::DEMO_PROFILE;
use backend::{ProfileLock, Store, StoreError};
use msg::{Cmd, Msg};
use ratatui::crossterm::event::Event;
use std::collections::VecDeque;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;

/// How `main` starts the wizard.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub data_dir: PathBuf,
    /// Open (or create) this profile.
    pub profile: Option<String>,
    /// Open the demo enterprise in the scratch profile `demo`, reset from the shipped asset.
    pub demo: bool,
    /// Interface language; `None` = the profile's, else `LANG`, else zh-CN.
    pub lang: Option<Lang>,
    /// Capture the mouse so that its wheel scrolls (off by default: capturing it stops the
    /// terminal's own text selection, which trainers use to copy).
    pub mouse: bool,
    /// The day dates are checked against (a wave starting in the past) and exports are dated;
    /// `None` = the user's local today. Tests pin it so that a schedule does not turn "past"
    /// as the calendar moves.
    pub today: Option<crate::model::date::Date>,
}

/// Why the wizard could not start or had to stop; the message is in the user's language.
/// [`TuiError::kind`] decides what the process returns.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// Standard input or output is not a terminal.
    #[error("{0}")]
    NotATerminal(String),
    /// The profile is open in another shangyun.
    #[error("{0}")]
    Locked(String),
    /// The data folder or the profile cannot be used.
    #[error("{0}")]
    Store(String),
    /// The terminal failed (it went away, or cannot be switched to full screen).
    #[error("{0}")]
    Terminal(String),
    /// A command-line choice that cannot be used (`--profile demo`).
    #[error("{0}")]
    Usage(String),
    /// The user quit although the last save had failed: what was not saved, and why.
    #[error("{0}")]
    Unsaved(String),
}

impl TuiError {
    /// What kind of failure this is; `main` turns it into the exit code.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            TuiError::NotATerminal(_) | TuiError::Usage(_) => crate::ErrorKind::Usage,
            TuiError::Store(_) | TuiError::Terminal(_) | TuiError::Unsaved(_) => {
                crate::ErrorKind::Io
            }
            TuiError::Locked(_) => crate::ErrorKind::Locked,
        }
    }
}

/// Why a profile could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Store(StoreError),
    /// The demo shipped in the binary does not parse (a bug).
    Demo(String),
}

impl From<StoreError> for OpenError {
    fn from(e: StoreError) -> Self {
        OpenError::Store(e)
    }
}

impl OpenError {
    /// The message as a locale key with arguments.
    pub fn text(&self) -> Text {
        match self {
            OpenError::Store(e) => e.text(),
            OpenError::Demo(e) => Text::new("cli.err.demo").plain("error", e.clone()),
        }
    }

    pub fn is_locked(&self) -> bool {
        matches!(self, OpenError::Store(StoreError::Locked { .. }))
    }

    /// The store moved an unreadable file aside (the message says where).
    pub fn moved_aside(&self) -> bool {
        matches!(
            self,
            OpenError::Store(StoreError::Parse {
                moved_to: Some(_),
                ..
            })
        )
    }
}

/// Executes commands against the store, holding the open profile's lock.
pub struct Runtime {
    pub store: Store,
    lock: Option<ProfileLock>,
    pending_save: bool,
    /// The profile to remember as the one to resume, written with the next save.
    pending_last: Option<String>,
    /// The profile list is still to be read (start-up defers it past the first frame).
    pending_list: bool,
    /// Messages caused by a command besides its result (notices, a fresh profile list).
    extra: Vec<Msg>,
    /// Every notice of this session, to repeat on stderr at the end.
    told: Vec<Text>,
    pub quit: bool,
}

impl Runtime {
    pub fn new(store: Store) -> Runtime {
        Runtime {
            store,
            lock: None,
            pending_save: false,
            pending_last: None,
            pending_list: false,
            extra: Vec::new(),
            told: Vec::new(),
            quit: false,
        }
    }

    /// A save was asked for and not done yet.
    pub fn save_pending(&self) -> bool {
        self.pending_save
    }

    /// The notices shown in this session (files moved aside, backups opened), oldest first.
    pub fn told(&self) -> &[Text] {
        &self.told
    }

    fn notify(&mut self, t: Text) {
        self.told.push(t.clone());
        self.extra.push(Msg::Notice(t));
    }

    /// The lock of `name`: the one held if it is that profile's, else a new one (the held one
    /// is kept until the caller replaces it).
    fn take_lock(&mut self, name: &str) -> Result<ProfileLock, StoreError> {
        match self.lock.take() {
            Some(held) if held.name() == name => Ok(held),
            other => {
                self.lock = other;
                self.store.lock(name)
            }
        }
    }

    /// Opens (or, with `create`, starts) a profile and keeps its lock, releasing the one held
    /// before. An unreadable file has been moved aside by the store: its previous good version
    /// (`.bak`) is opened instead, or with `create` a new profile is started under the name;
    /// either way the user is told where the unreadable file was kept.
    pub fn open(&mut self, name: &str, create: bool, lang: Lang) -> Result<Profile, OpenError> {
        let lock = self.take_lock(name)?;
        let profile = self.read(&lock, create, lang)?;
        self.hold(lock);
        Ok(profile)
    }

    /// Keeps the lock of the profile now open and remembers it as the one to resume (written
    /// by the next [`settle`], with the saves).
    fn hold(&mut self, lock: ProfileLock) {
        self.pending_last = Some(lock.name().to_owned());
        self.lock = Some(lock);
    }

    /// Writes the profile to resume, if it changed. Best effort: without it the next start
    /// shows the welcome screen; nothing is lost.
    fn remember_last(&mut self) {
        if let Some(name) = self.pending_last.take() {
            let _ = self.store.set_last(Some(&name));
        }
    }

    fn read(&mut self, lock: &ProfileLock, create: bool, lang: Lang) -> Result<Profile, OpenError> {
        let e = match lock.load() {
            Ok(loaded) => return Ok(loaded.profile),
            Err(StoreError::NotFound { .. }) if create => return Ok(Profile::new(lang)),
            Err(e) => e,
        };
        if let StoreError::Parse {
            path,
            line,
            col,
            msg,
            moved_to: Some(moved_to),
            backup,
        } = &e
        {
            let said = |key: &str| {
                Text::new(key)
                    .plain("path", path.display().to_string())
                    .num("line", *line as f64, 0)
                    .num("col", *col as f64, 0)
                    .plain("error", msg.clone())
                    .plain("moved_to", moved_to.display().to_string())
            };
            if let Some(bak) = backup
                && let Ok(recovered) = self.store.load_backup(lock.name())
            {
                self.notify(said("cli.tui.recovered").plain("backup", bak.display().to_string()));
                return Ok(recovered.profile);
            }
            if create {
                self.notify(said("cli.tui.fresh"));
                return Ok(Profile::new(lang));
            }
        }
        Err(e.into())
    }

    /// Resets the scratch demo profile from the shipped demo and opens it. The reset is the
    /// save that [`settle`] does next (the wizard's start draws its first frame before it);
    /// what would stop that save is found now: a `demo` from a newer shangyun is refused, an
    /// unreadable one moved aside (with a notice).
    pub fn open_demo(&mut self, lang: Lang) -> Result<Profile, OpenError> {
        let demo: Profile =
            crate::content::demo(lang).map_err(|e| OpenError::Demo(format!("{e:#}")))?;
        let lock = self.take_lock(DEMO_PROFILE)?;
        let moved_aside = lock.check_before_save()?;
        let path = lock.path().to_path_buf();
        self.hold(lock);
        self.pending_save = true;
        self.after_save(crate::store::Saved {
            path,
            backup: None,
            moved_aside,
            unchanged: false,
        });
        Ok(demo)
    }

    /// Saves under the profile's lock (taken now if not held). The lock is kept either way.
    fn save(&mut self, name: &str, profile: &Profile) -> Result<(), StoreError> {
        let lock = self.take_lock(name)?;
        let saved = lock.save(profile);
        self.lock = Some(lock);
        self.after_save(saved?);
        Ok(())
    }

    fn after_save(&mut self, saved: crate::store::Saved) {
        if let Some(to) = saved.moved_aside {
            self.notify(
                Text::new("cli.tui.moved_aside")
                    .plain("path", saved.path.display().to_string())
                    .plain("moved_to", to.display().to_string()),
            );
        }
    }

    /// Runs one command; a save is only noted and done by [`Runtime::flush`]. Other messages
    /// the command causes wait in `extra` (see [`handle`]).
    pub fn exec(&mut self, app: &App, cmd: Cmd) -> Option<Msg> {
        match cmd {
            Cmd::Save => {
                self.pending_save |= app.profile_name.is_some();
                None
            }
            Cmd::Quit => {
                self.quit = true;
                None
            }
            Cmd::ListProfiles => Some(Msg::Profiles(backend::profiles(&self.store))),
            Cmd::Export {
                name,
                format,
                overwrite,
            } => Some(Msg::Exported(backend::export(
                app, &name, format, overwrite,
            ))),
            Cmd::Import { name, replace } => Some(Msg::Imported(screens::import::run(
                app.content,
                app.lang,
                &app.profile,
                &name,
                replace,
            ))),
            Cmd::Open { name, create } => {
                let opened = self.open(&name, create, app.lang);
                Some(self.opened(app, name, opened))
            }
            Cmd::OpenDemo => {
                let opened = self.open_demo(app.lang);
                Some(self.opened(app, DEMO_PROFILE.to_owned(), opened))
            }
        }
    }

    fn opened(&mut self, app: &App, name: String, r: Result<Profile, OpenError>) -> Msg {
        match r {
            Ok(profile) => Msg::Opened {
                name,
                profile: Box::new(profile),
            },
            Err(e) => {
                // the file may have been moved aside: the list changes
                self.extra
                    .push(Msg::Profiles(backend::profiles(&self.store)));
                let t = open_failed(app.content, app.lang, &e);
                if e.moved_aside() {
                    self.told.push(t.clone());
                }
                Msg::OpenFailed(t)
            }
        }
    }

    /// Saves if a save is pending; the result comes back as [`Msg::Saved`], an error already
    /// in the user's language.
    pub fn flush(&mut self, app: &App) -> Option<Msg> {
        if !std::mem::take(&mut self.pending_save) {
            return None;
        }
        let name = app.profile_name.as_ref()?;
        let result = self
            .save(name, &app.profile)
            .map_err(|e| app.content.render(app.lang, &e.text()));
        Some(Msg::Saved(result))
    }
}

/// The notice for a profile that could not be opened.
fn open_failed(content: &Content, lang: Lang, e: &OpenError) -> Text {
    let key = if e.is_locked() {
        "ui.err.locked"
    } else {
        "ui.err.open"
    };
    Text::new(key).plain("error", content.render(lang, &e.text()))
}

/// Handles one message and the commands it causes (a save is only noted).
pub fn handle(app: &mut App, rt: &mut Runtime, msg: Msg) {
    let mut queue: VecDeque<Msg> = VecDeque::from([msg]);
    while let Some(m) = queue.pop_front() {
        for cmd in update(app, m) {
            queue.extend(rt.exec(app, cmd));
            queue.extend(rt.extra.drain(..));
        }
    }
}

/// Does the work owed: derives again what is derived from the profile if it changed, does the
/// pending save, if any, and tells the app how it went.
pub fn settle(app: &mut App, rt: &mut Runtime) {
    app.refresh();
    rt.remember_last();
    while let Some(saved) = rt.flush(app) {
        handle(app, rt, saved);
        let extra: Vec<Msg> = rt.extra.drain(..).collect();
        for m in extra {
            handle(app, rt, m);
        }
    }
}

/// Handles messages one after another, then refreshes what is derived and saves, once.
pub fn dispatch(app: &mut App, rt: &mut Runtime, msgs: impl IntoIterator<Item = Msg>) {
    for m in msgs {
        handle(app, rt, m);
    }
    settle(app, rt);
}

/// Builds the app and opens the profile the options ask for (`--demo`, `--profile`, else the
/// last one), before the terminal is touched, so that a locked profile is reported on stderr
/// with its own exit code. A last profile that cannot be opened leaves the user on the welcome
/// screen with a notice that says why; a named one is an error.
///
/// [`start_screen`] then [`catch_up`]; the wizard itself draws its first frame in between.
pub fn start(opts: &RunOptions, rt: &mut Runtime) -> Result<App, TuiError> {
    let mut app = start_screen(opts, rt)?;
    catch_up(&mut app, rt);
    Ok(app)
}

/// The part of [`start`] that the first frame needs: the profile read (or the demo parsed)
/// and locked, its analysis, every error and notice. Writes nothing, except that an unreadable
/// file is moved aside (it must be, before its notice is shown).
pub fn start_screen(opts: &RunOptions, rt: &mut Runtime) -> Result<App, TuiError> {
    let lang = opts.lang.or_else(Lang::from_env).unwrap_or_default();
    // The content is not needed to open the profile: `run` parses it meanwhile on another core.
    let say = |t: &Text| Content::get().render(lang, t);
    let opened = if opts.demo {
        Some((DEMO_PROFILE.to_owned(), rt.open_demo(lang)))
    } else if let Some(name) = &opts.profile {
        // `demo` is the demo's scratch profile, reset by every `--demo`: never the user's work
        if let Err(e) = backend::check_profile_name(name) {
            return Err(TuiError::Usage(say(&e)));
        }
        Some((name.clone(), rt.open(name, true, lang)))
    } else {
        rt.store.last().map(|name| {
            let r = rt.open(&name, false, lang);
            (name, r)
        })
    };
    let content = Content::get();
    let mut app = App::new(content, lang, theme::Theme::from_env());
    app.lang_fixed = opts.lang.is_some();
    if let Some(day) = opts.today {
        app.today = day;
    }
    // Listed after opening (an unreadable file has been moved aside), and only now if the
    // first screen is the welcome screen that shows the list; else after the first frame.
    let mut first = Vec::new();
    if matches!(opened, Some((_, Ok(_)))) {
        rt.pending_list = true;
    } else {
        first.push(Msg::Profiles(backend::profiles(&rt.store)));
    }
    match opened {
        Some((name, Ok(profile))) => first.push(Msg::Opened {
            name,
            profile: Box::new(profile),
        }),
        Some((_, Err(e))) if e.is_locked() => return Err(TuiError::Locked(say(&e.text()))),
        Some((_, Err(e))) if opts.profile.is_some() || opts.demo => {
            return Err(TuiError::Store(say(&e.text())));
        }
        Some((_, Err(e))) => {
            let t = open_failed(content, lang, &e);
            if e.moved_aside() {
                rt.told.push(t.clone());
            }
            first.push(Msg::OpenFailed(t));
        }
        None => {}
    }
    first.append(&mut rt.extra);
    for m in first {
        handle(&mut app, rt, m);
    }
    Ok(app)
}

/// The rest of the start: the saves (the demo's reset), the profile to resume, the profile
/// list. The wizard does it right after its first frame, before it reads any key.
pub fn catch_up(app: &mut App, rt: &mut Runtime) {
    settle(app, rt);
    if std::mem::take(&mut rt.pending_list) {
        handle(app, rt, Msg::Profiles(backend::profiles(&rt.store)));
        settle(app, rt);
    }
}

/// The signals that end the wizard like a quit (save, restore the terminal, exit): every one
/// whose default action ends the process and that can be caught, besides those that mean a
/// fault in the process itself (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS, SIGTRAP:
/// continuing there could save a damaged profile). SIGPIPE is ignored by Rust programs.
#[cfg(unix)]
pub fn save_and_leave_signals() -> Vec<i32> {
    use signal_hook::consts::*;
    #[allow(unused_mut)]
    let mut v = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM,
        SIGPROF,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    v.extend([libc::SIGIO, libc::SIGPWR, libc::SIGSTKFLT]);
    v
}

enum Input {
    Event(ratatui::crossterm::event::Event),
    Signal,
    Closed,
}

/// Runs the wizard until the user quits. Refuses when stdin or stdout is not a terminal.
pub fn run(opts: RunOptions) -> Result<(), TuiError> {
    let lang = opts.lang.or_else(Lang::from_env).unwrap_or_default();
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal(
            Content::get().t(lang, "ui.err.not_tty"),
        ));
    }
    // Parsing the shipped content (a few ms) and opening the profile (reads, a lock) do not
    // depend on each other: the content and the texts of the language are parsed on a second
    // thread meanwhile, and the first `Content::get` of this one waits for it (`OnceLock`).
    std::thread::spawn(move || Content::preload(lang));
    let store = Store::open(&opts.data_dir)
        .map_err(|e| TuiError::Store(Content::get().render(lang, &e.text())))?;
    let mut rt = Runtime::new(store);
    let mut app = start_screen(&opts, &mut rt)?;
    let content = Content::get();
    let result = event_loop(&mut app, &mut rt, opts.mouse).map_err(|e| {
        TuiError::Terminal(content.render(
            app.lang,
            &Text::new("cli.tui.terminal").plain("error", e.to_string()),
        ))
    });
    // the terminal is restored: repeat what the user must not miss where it stays visible
    let mut err = std::io::stderr().lock();
    for t in rt.told() {
        let _ = writeln!(err, "shangyun: {}", content.render(app.lang, t));
    }
    result?;
    // quitting although the last save failed (the user insisted, or a signal): say what was
    // lost, with a non-zero exit
    match (&app.save, &app.profile_name) {
        (SaveState::Failed(e), Some(name)) => {
            let path = rt.store.path_of(name).map(|p| p.display().to_string());
            let t = Text::new("cli.tui.not_saved")
                .plain("name", name.clone())
                .plain("path", path.unwrap_or_default())
                .plain("error", e.clone());
            Err(TuiError::Unsaved(content.render(app.lang, &t)))
        }
        _ => Ok(()),
    }
}

/// The terminal session: enter, draw, read, update, save, until quit; restored on every way out
/// (the guard's drop, the panic hook).
fn event_loop(app: &mut App, rt: &mut Runtime, mouse: bool) -> std::io::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel::<Input>();
    #[cfg(unix)]
    {
        let mut signals = signal_hook::iterator::Signals::new(save_and_leave_signals())?;
        let tx = tx.clone();
        std::thread::spawn(move || {
            for _ in signals.forever() {
                if tx.send(Input::Signal).is_err() {
                    break;
                }
            }
        });
    }
    let mut guard = terminal::enter(mouse)?;
    // start crossterm's input source here, before the first frame, so that a resize right
    // after it is not lost (the source starts listening for SIGWINCH when first used)
    ratatui::crossterm::event::poll(std::time::Duration::ZERO)?;
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            loop {
                match ratatui::crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send(Input::Event(ev)).is_err() {
                            break;
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Input::Closed);
                        break;
                    }
                }
            }
        });
    }
    drop(tx);
    let mut too_big = false;
    let (w, h) = ratatui::crossterm::terminal::size()?;
    for m in resize_msgs(w, h, &mut too_big) {
        handle(app, rt, m);
    }
    // the first frame first; then what the start left for after it (see `start`)
    guard.terminal.draw(|f| ui::render(app, f))?;
    catch_up(app, rt);
    // a quit whose save failed is held back once, so the user can retry (F5) or confirm
    let mut warned = false;
    let mut pace = pace::Pace::default();
    loop {
        guard.terminal.draw(|f| ui::render(app, f))?;
        let owed = app.is_stale() || rt.save_pending();
        let first = match pace.wait(owed) {
            None => rx.recv().ok(),
            Some(pause) => match rx.recv_timeout(pause) {
                Ok(input) => Some(input),
                // typing paused: do the work owed, then draw
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    work_owed(app, rt, &mut pace);
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => None,
            },
        };
        let Some(first) = first else { break };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let mut forced = false;
        // each event is read in the contexts left by the one before (Tab, then a letter)
        for input in batch {
            let msgs = match input {
                Input::Event(Event::Resize(w, h)) => resize_msgs(w, h, &mut too_big),
                Input::Event(ev) => event::to_msg(&app.contexts(), ev).into_iter().collect(),
                Input::Signal | Input::Closed => {
                    forced = true;
                    vec![Msg::Terminate]
                }
            };
            for m in msgs {
                handle(app, rt, m);
            }
            if rt.quit {
                break;
            }
        }
        if rt.quit || !pace.defers() {
            work_owed(app, rt, &mut pace);
        }
        match &app.save {
            SaveState::Failed(e) if rt.quit && !forced && !warned => {
                warned = true;
                rt.quit = false;
                let t = Text::new("cli.tui.unsaved").plain("error", e.clone());
                handle(app, rt, Msg::Notice(t));
            }
            SaveState::Saved => warned = false,
            _ => {}
        }
        if rt.quit {
            break;
        }
    }
    drop(guard);
    Ok(())
}

/// The messages for a terminal of `w`×`h`: its size as drawn ([`terminal::cap`]) and, when it
/// has just become larger than that, a notice saying that only the top-left part is used.
fn resize_msgs(w: u16, h: u16, told: &mut bool) -> Vec<Msg> {
    let (cw, ch) = terminal::cap(w, h);
    let over = (cw, ch) != (w, h);
    let mut msgs = vec![Msg::Resize(cw, ch)];
    if over && !*told {
        msgs.push(Msg::OpenFailed(
            Text::new("ui.too_big")
                .num("w", f64::from(w), 0)
                .num("h", f64::from(h), 0)
                .num("mw", f64::from(terminal::MAX_WIDTH), 0)
                .num("mh", f64::from(terminal::MAX_HEIGHT), 0),
        ));
    }
    *told = over;
    msgs
}

/// Refreshes what is derived from the profile and does the pending save, timing the work for
/// [`pace::Pace`].
fn work_owed(app: &mut App, rt: &mut Runtime, pace: &mut pace::Pace) {
    if !app.is_stale() && !rt.save_pending() {
        return;
    }
    let started = std::time::Instant::now();
    settle(app, rt);
    pace.took(started.elapsed());
}
