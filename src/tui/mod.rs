//! The full-screen wizard: The Elm Architecture over the pure core.
//!
//! ```text
//!  terminal ──event──▶ event::to_msg (keymap) ──Msg──▶ app::update ──Cmd──▶ Runtime::exec
//!      ▲                                                  │                    │ (store)
//!      └──────────── ui::render(&App) ◀───────────────────┘◀───── Msg ─────────┘
//! ```
//! - [`app`]: the model ([`app::App`]) and `update`; screens are `model::Position`.
//! - [`event`]: terminal events → messages through the keymap (also feeds footer and help).
//! - [`screens`]: one module per screen; [`widgets`]: text fields, answer fields, tables.
//! - [`ui`]: draws the frame (bars, sidebar, dialogs, too-small message).
//! - [`terminal`]: the one place that enters and restores the terminal.
//! - [`backend`]: the only doors to the engine and the store.
//!
//! The loop blocks on input (two small threads forward key events and SIGTERM/SIGHUP into one
//! channel), so an idle wizard uses no CPU. Saves are coalesced: all pending events are
//! handled, then the profile is saved once, then the frame is drawn.

pub mod app;
pub mod backend;
pub mod event;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod widgets;

use crate::content::{Content, DEMO_RON, Text};
use crate::model::{Lang, Profile};
use app::{App, Cmd, DEMO_PROFILE, Msg, update};
use backend::{ProfileLock, Store, StoreFailure};
use std::collections::VecDeque;
use std::io::IsTerminal;
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
}

/// Why the wizard could not start. [`TuiError::exit_code`] is what the process should return.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("{0}")]
    NotATerminal(String),
    #[error("{0}")]
    Locked(String),
    #[error("{0}")]
    Store(String),
}

impl TuiError {
    pub fn exit_code(&self) -> i32 {
        match self {
            TuiError::NotATerminal(_) => 2,
            TuiError::Locked(_) => 4,
            TuiError::Store(_) => 1,
        }
    }
}

/// Executes commands against the store, holding the open profile's lock.
pub struct Runtime {
    pub store: Store,
    lock: Option<ProfileLock>,
    pending_save: bool,
    pub quit: bool,
}

impl Runtime {
    pub fn new(store: Store) -> Runtime {
        Runtime {
            store,
            lock: None,
            pending_save: false,
            quit: false,
        }
    }

    /// Opens (or creates) a profile and takes its lock, releasing the previous one.
    pub fn open(&mut self, name: &str, create: bool, lang: Lang) -> Result<Profile, StoreFailure> {
        let lock = self.store.lock(name)?;
        let profile = if self.store.exists(name) {
            self.store.load(name)?
        } else if create {
            Profile::new(lang)
        } else {
            return Err(StoreFailure {
                message: format!("{name}: not found"),
                locked: false,
            });
        };
        self.lock = Some(lock);
        Ok(profile)
    }

    /// Resets the scratch demo profile from the shipped demo and opens it.
    pub fn open_demo(&mut self, lang: Lang) -> Result<Profile, StoreFailure> {
        let mut demo: Profile =
            crate::content::parse_ron("assets/demo.ron", DEMO_RON).map_err(|e| StoreFailure {
                message: format!("{e:#}"),
                locked: false,
            })?;
        demo.lang = lang;
        let lock = self.store.lock(DEMO_PROFILE)?;
        self.store.save(DEMO_PROFILE, &demo)?;
        self.lock = Some(lock);
        Ok(demo)
    }

    /// Runs one command; a save is only noted and done by [`Runtime::flush`].
    pub fn exec(&mut self, app: &App, cmd: Cmd) -> Option<Msg> {
        match cmd {
            Cmd::Save => {
                self.pending_save = app.profile_name.is_some();
                None
            }
            Cmd::Quit => {
                self.quit = true;
                None
            }
            Cmd::ListProfiles => Some(Msg::Profiles(self.store.list())),
            Cmd::Export {
                name,
                format,
                overwrite,
            } => Some(Msg::Exported(screens::export::run(
                app, &name, format, overwrite,
            ))),
            Cmd::Open { name, create } => Some(match self.open(&name, create, app.lang) {
                Ok(profile) => Msg::Opened {
                    name,
                    profile: Box::new(profile),
                },
                Err(e) => Msg::OpenFailed(open_failed(&e)),
            }),
            Cmd::OpenDemo => Some(match self.open_demo(app.lang) {
                Ok(profile) => Msg::Opened {
                    name: DEMO_PROFILE.to_owned(),
                    profile: Box::new(profile),
                },
                Err(e) => Msg::OpenFailed(open_failed(&e)),
            }),
        }
    }

    /// Saves if a save is pending; the result comes back as [`Msg::Saved`].
    pub fn flush(&mut self, app: &App) -> Option<Msg> {
        if !std::mem::take(&mut self.pending_save) {
            return None;
        }
        let name = app.profile_name.as_ref()?;
        Some(Msg::Saved(
            self.store.save(name, &app.profile).map_err(|e| e.message),
        ))
    }
}

fn open_failed(e: &StoreFailure) -> Text {
    if e.locked {
        Text::new("ui.err.locked").plain("error", e.message.clone())
    } else {
        Text::new("ui.err.open").plain("error", e.message.clone())
    }
}

/// Handles one message and the commands it causes (a save is only noted).
pub fn handle(app: &mut App, rt: &mut Runtime, msg: Msg) {
    let mut queue: VecDeque<Msg> = VecDeque::from([msg]);
    while let Some(m) = queue.pop_front() {
        for cmd in update(app, m) {
            queue.extend(rt.exec(app, cmd));
        }
    }
}

/// Does the pending save, if any, and tells the app how it went.
pub fn settle(app: &mut App, rt: &mut Runtime) {
    while let Some(saved) = rt.flush(app) {
        handle(app, rt, saved);
    }
}

/// Handles messages one after another, then saves once.
pub fn dispatch(app: &mut App, rt: &mut Runtime, msgs: impl IntoIterator<Item = Msg>) {
    for m in msgs {
        handle(app, rt, m);
    }
    settle(app, rt);
}

/// The language from `LANG` / `LC_ALL` / `LC_MESSAGES`, if it is one of ours.
pub fn lang_from_env() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::parse(&v))
}

/// Builds the app and opens the profile the options ask for, before the terminal is touched,
/// so that a locked profile is reported on stderr with its own exit code.
pub fn start(opts: &RunOptions, rt: &mut Runtime) -> Result<App, TuiError> {
    let content = Content::get();
    let lang = opts.lang.or_else(lang_from_env).unwrap_or_default();
    let mut app = App::new(content, lang, theme::Theme::from_env());
    app.lang_fixed = opts.lang.is_some();
    let mut first = vec![Msg::Profiles(rt.store.list())];
    let opened = if opts.demo {
        Some((DEMO_PROFILE.to_owned(), rt.open_demo(lang)))
    } else if let Some(name) = &opts.profile {
        if let Err(e) = app::check_profile_name(name)
            && !name.eq_ignore_ascii_case(DEMO_PROFILE)
        {
            return Err(TuiError::Store(content.render(lang, &e)));
        }
        Some((name.clone(), rt.open(name, true, lang)))
    } else {
        rt.store.last().map(|name| {
            let r = rt.open(&name, false, lang);
            (name, r)
        })
    };
    match opened {
        Some((name, Ok(profile))) => first.push(Msg::Opened {
            name,
            profile: Box::new(profile),
        }),
        Some((_, Err(e))) if e.locked => {
            return Err(TuiError::Locked(content.render(lang, &open_failed(&e))));
        }
        Some((_, Err(e))) if opts.profile.is_some() || opts.demo => {
            return Err(TuiError::Store(content.render(lang, &open_failed(&e))));
        }
        // the last profile could not be read: start on the welcome screen and say why
        Some((_, Err(e))) => first.push(Msg::OpenFailed(open_failed(&e))),
        None => {}
    }
    dispatch(&mut app, rt, first);
    Ok(app)
}

enum Input {
    Event(ratatui::crossterm::event::Event),
    Signal,
    Closed,
}

/// Runs the wizard until the user quits. Refuses when stdin or stdout is not a terminal.
pub fn run(opts: RunOptions) -> anyhow::Result<()> {
    let content = Content::get();
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        let lang = opts.lang.or_else(lang_from_env).unwrap_or_default();
        return Err(TuiError::NotATerminal(content.t(lang, "ui.err.not_tty")).into());
    }
    let store = Store::open(&opts.data_dir).map_err(|e| TuiError::Store(e.message))?;
    let mut rt = Runtime::new(store);
    let mut app = start(&opts, &mut rt)?;

    let (tx, rx) = std::sync::mpsc::channel::<Input>();
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        let tx = tx.clone();
        std::thread::spawn(move || {
            for _ in signals.forever() {
                if tx.send(Input::Signal).is_err() {
                    break;
                }
            }
        });
    }
    let mut guard = terminal::enter()?;
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
    let size = guard.terminal.size()?;
    app.size = (size.width, size.height);
    loop {
        guard.terminal.draw(|f| ui::render(&app, f))?;
        if rt.quit {
            break;
        }
        let Ok(first) = rx.recv() else { break };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        // each event is read in the contexts left by the one before (Tab, then a letter)
        for input in batch {
            let msg = match input {
                Input::Event(ev) => event::to_msg(&app.contexts(), ev),
                Input::Signal | Input::Closed => Some(Msg::Terminate),
            };
            if let Some(m) = msg {
                handle(&mut app, &mut rt, m);
            }
            if rt.quit {
                break;
            }
        }
        settle(&mut app, &mut rt);
        if rt.quit {
            break;
        }
    }
    drop(guard);
    Ok(())
}
