//! Plain mode (`shangyun --plain`): the wizard for a screen reader, a braille display or a
//! script. The same ten steps as plain lines of text — no cursor addressing, no colour, no
//! alternate screen, nothing but text and line ends — one question at a time, read from
//! standard input a line at a time (the terminal's own line editing works).
//!
//! Each question says its label, its clause, the current answer and, for choices, numbered
//! options. A line answers it; `Enter` alone keeps the answer, `?` explains the question, `<`
//! goes back, `>` skips, and `:goto N`, `:results`, `:export FILE`, `:lang`, `:clear`,
//! `:delete`, `:quit` do what they say (`:help` lists them; `::` starts an answer with `:`).
//! Standard input ending saves and quits, so a script of answers can be piped in.
//!
//! The pieces are the wizard's, not copies: the order of questions comes from
//! `assets/steps.ron` ([`walk`]), typed text is checked by the engine's `parse_input`, a step is
//! left only when the engine's `problems` allow it (as the wizard's "Next"), and every change
//! is saved at once under the profile's lock by the store, atomically. What this module adds
//! is the conversation (`session`) over lines of text (`io`): `answer` reads and shows
//! answers, `results` reads the document of the results screen out as lines. It does not use
//! the full-screen wizard's code (only its profile-name rules and the demo's profile name).

mod answer;
mod io;
mod results;
mod session;
pub mod walk;

use crate::content::{Content, Text};
use crate::model::{Lang, Position, Profile};
use crate::store::{ProfileLock, Store, StoreError};
use io::Io;
use session::Session;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// How `main` starts plain mode.
#[derive(Debug, Clone, Default)]
pub struct PlainOptions {
    pub data_dir: PathBuf,
    /// Open (or create) this profile; else the last one, else ask for a name.
    pub profile: Option<String>,
    /// Open the demo enterprise in its scratch profile, reset from the shipped asset.
    pub demo: bool,
    /// `--lang`; `None` = the profile's, else the environment's, else zh-CN.
    pub lang: Option<Lang>,
}

/// Why plain mode could not start or could not save; the message is in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum PlainError {
    /// The profile name cannot be used.
    #[error("{0}")]
    Usage(String),
    /// The profile is open in another shangyun.
    #[error("{0}")]
    Locked(String),
    /// The data folder or the profile cannot be used, or the last change could not be saved.
    #[error("{0}")]
    Store(String),
}

impl PlainError {
    /// What kind of failure this is (the same as the wizard's for the same trouble); `main`
    /// turns it into the exit code.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            PlainError::Usage(_) => crate::ErrorKind::Usage,
            PlainError::Store(_) => crate::ErrorKind::Io,
            PlainError::Locked(_) => crate::ErrorKind::Locked,
        }
    }
}

/// The scratch profile of the demo (the wizard's, so that both reset the same one).
const DEMO: &str = crate::store::name::DEMO;

/// Plain mode on standard input and output.
/// What is read from a pipe is repeated after its prompt, so that the output reads as a
/// transcript; a terminal echoes what is typed itself.
pub fn run(opts: PlainOptions) -> Result<(), PlainError> {
    let stdin = std::io::stdin();
    let echo = !std::io::IsTerminal::is_terminal(&stdin);
    run_with(opts, stdin.lock(), std::io::stdout().lock(), echo)
}

/// Plain mode reading `input` and writing `output`; `echo` repeats each line read after its
/// prompt.
pub fn run_with(
    opts: PlainOptions,
    input: impl BufRead,
    output: impl Write,
    echo: bool,
) -> Result<(), PlainError> {
    let content = Content::get();
    let env_lang = opts.lang.or_else(Lang::from_env).unwrap_or_default();
    let fail = |e: &StoreError| {
        let m = content.render(env_lang, &e.text());
        match e {
            StoreError::Locked { .. } => PlainError::Locked(m),
            StoreError::InvalidName { .. } => PlainError::Usage(m),
            _ => PlainError::Store(m),
        }
    };
    let store = Store::open(&opts.data_dir).map_err(|e| fail(&e))?;
    let mut io = Io {
        input,
        out: output,
        ok: true,
        echo,
    };
    let mut notes = Vec::new();
    let name = match (&opts.profile, opts.demo) {
        (_, true) => DEMO.to_owned(),
        (Some(n), false) => {
            // `demo` is the demo's scratch profile, reset by every `--demo` (issue 11.7)
            if let Err(r) = crate::store::name::check(n) {
                return Err(PlainError::Usage(content.render(env_lang, &r.text(n))));
            }
            n.clone()
        }
        (None, false) => match store.last() {
            Some(n) => n,
            None => match ask_name(content, env_lang, &mut io) {
                Some(n) => n,
                None => return Ok(()),
            },
        },
    };
    let (lock, profile) = if opts.demo {
        open_demo(&store, env_lang, &mut notes, &fail)?
    } else {
        open(&store, &name, env_lang, &mut notes).map_err(|e| fail(&e))?
    };
    let _ = store.set_last(Some(&name));
    let lang = opts.lang.unwrap_or(profile.lang);
    let pos = match profile.position {
        Position::Welcome => Position::Profile,
        p => p,
    };
    let mut s = Session {
        content,
        lang,
        lock,
        profile,
        io,
        pos,
        cursor: 0,
        fresh: true,
        last_entity: None,
        blocked_at: None,
        save_error: None,
        quit: false,
    };
    for t in &notes {
        let m = s.content.render(s.lang, t);
        s.io.line(&m);
    }
    s.main_loop();
    if let Some(e) = s.save_error.take() {
        s.save();
        if s.save_error.is_some() {
            let t = Text::new("plain.unsaved").plain("error", e);
            return Err(PlainError::Store(s.content.render(s.lang, &t)));
        }
    }
    Ok(())
}

/// Asks for the name of a new profile until one can be used; `None` when input ends.
fn ask_name(
    content: &Content,
    lang: Lang,
    io: &mut Io<impl BufRead, impl Write>,
) -> Option<String> {
    loop {
        io.line(&content.t(lang, "plain.name.ask"));
        io.prompt();
        let name = io.read()?;
        let name = name.trim();
        match crate::store::name::check(name) {
            Ok(()) => return Some(name.to_owned()),
            Err(r) => io.line(&content.render(lang, &r.text(name))),
        }
    }
}

/// Locks and reads a profile, or starts it. An unreadable file has been moved aside by the
/// store: its previous good version is opened instead if there is one, else a new profile
/// under the name; `notes` say which (the wizard's notices).
fn open(
    store: &Store,
    name: &str,
    lang: Lang,
    notes: &mut Vec<Text>,
) -> Result<(ProfileLock, Profile), StoreError> {
    let lock = store.lock(name)?;
    match lock.load() {
        Ok(loaded) => Ok((lock, loaded.profile)),
        Err(StoreError::NotFound { .. }) => Ok((lock, Profile::new(lang))),
        Err(StoreError::Parse {
            path,
            line,
            col,
            msg,
            moved_to: Some(moved_to),
            backup,
        }) => {
            let said = |key: &str| {
                Text::new(key)
                    .plain("path", path.display().to_string())
                    .num("line", line as f64, 0)
                    .num("col", col as f64, 0)
                    .plain("error", msg.clone())
                    .plain("moved_to", moved_to.display().to_string())
            };
            if let Some(bak) = backup
                && let Ok(recovered) = store.load_backup(name)
            {
                notes.push(said("cli.tui.recovered").plain("backup", bak.display().to_string()));
                return Ok((lock, recovered.profile));
            }
            notes.push(said("cli.tui.fresh"));
            Ok((lock, Profile::new(lang)))
        }
        Err(e) => Err(e),
    }
}

/// Resets the scratch demo profile from the shipped demo and opens it.
fn open_demo(
    store: &Store,
    lang: Lang,
    notes: &mut Vec<Text>,
    fail: &dyn Fn(&StoreError) -> PlainError,
) -> Result<(ProfileLock, Profile), PlainError> {
    // the wizard's demo: the same enterprise, its texts in `lang`
    let mut demo: Profile = crate::content::demo(lang).map_err(|e| {
        let t = Text::new("cli.err.demo").plain("error", format!("{e:#}"));
        PlainError::Store(Content::get().render(lang, &t))
    })?;
    demo.normalise();
    let lock = store.lock(DEMO).map_err(|e| fail(&e))?;
    let saved = lock.save(&demo).map_err(|e| fail(&e))?;
    if let Some(to) = saved.moved_aside {
        notes.push(moved_aside(&saved.path, &to));
    }
    Ok((lock, demo))
}

fn moved_aside(path: &Path, to: &Path) -> Text {
    Text::new("cli.tui.moved_aside")
        .plain("path", path.display().to_string())
        .plain("moved_to", to.display().to_string())
}
