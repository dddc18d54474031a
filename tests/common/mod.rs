//! The harness the integration tests share, so that every test builds the demo, drives the
//! wizard and reads its screen the same way:
//! - the shipped demo enterprise as a [`Profile`] ([`demo`], [`demo_in`]);
//! - a wizard [`W`]: the real `App` and `Runtime` on a real store in a temporary data folder,
//!   driven through `update` with the real keymap. It starts on the welcome screen
//!   ([`welcome`]), with a profile the user has just created ([`with_profile`],
//!   [`with_systems`]), with a profile opened ([`opened`]), or the way `main` starts it
//!   ([`demo_at`], [`resumed`], [`start_app`]);
//! - the screen as the user reads it: [`draw`] into a buffer, [`text`] out of it;
//! - the real binary run headless in a temporary folder ([`shangyun`], [`run`], [`output`]).
//!
//! Wizards built here check dates against a pinned day, 2026-12-01, not the day the tests run
//! (those started through `start` get it through `RunOptions::today`).
//!
//! Each test binary compiles this module on its own and uses a part of it.
#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use ratatui::layout::Rect;
use shangyun::content::{Content, DEMO_RON};
use shangyun::model::{Lang, Position, Profile, StepId};
use shangyun::store::migrate;
use shangyun::tui::app::{App, Msg, Overlay, Screen};
use shangyun::tui::backend::{self, Store};
use shangyun::tui::event::Action;
use shangyun::tui::screens::form::Item;
use shangyun::tui::screens::results::Results;
use shangyun::tui::theme::Theme;
use shangyun::tui::widgets::field::Field;
use shangyun::tui::{RunOptions, Runtime, TuiError, dispatch, event, start, ui};
use std::path::Path;
use std::process::{Command, Stdio};
use unicode_width::UnicodeWidthStr;

// ----- the demo enterprise ---------------------------------------------------------------

/// The shipped demo enterprise (in Chinese), as the wizard opens a saved file: migrated and
/// repaired.
pub fn demo() -> Profile {
    migrate::parse_profile(DEMO_RON).unwrap().profile
}

/// The demo enterprise in `lang`, as `--demo --lang` shows it (the English one has its texts
/// translated).
pub fn demo_in(lang: Lang) -> Profile {
    shangyun::content::demo(lang).expect("the demo parses")
}

/// The names of `p`'s systems, in inventory order.
pub fn system_names(p: &Profile) -> Vec<String> {
    p.systems.iter().map(|s| s.name.clone()).collect()
}

// ----- a wizard driven through `update` --------------------------------------------------

/// A wizard: the app, the runtime that executes its commands, and its data folder.
pub struct W {
    pub app: App,
    pub rt: Runtime,
    pub dir: tempfile::TempDir,
}

/// The day the wizards built here check dates against.
const TODAY: &str = "2026-12-01";

/// [`TODAY`] as a date.
pub fn pinned_day() -> shangyun::model::date::Date {
    shangyun::model::date::parse(TODAY).expect("date")
}

/// A wizard in `lang` on a new, empty data folder, before its first message.
pub fn fresh(lang: Lang) -> W {
    let dir = tempfile::tempdir().unwrap();
    let rt = Runtime::new(Store::open(dir.path()).unwrap());
    let mut app = App::new(Content::get(), lang, Theme::mono());
    // the schedule is checked against a fixed day, not the day the tests run
    app.today = pinned_day();
    W { app, rt, dir }
}

/// The welcome screen of an empty data folder.
pub fn welcome(lang: Lang) -> W {
    let mut w = fresh(lang);
    let list = backend::profiles(&w.rt.store);
    w.send([Msg::Profiles(list)]);
    w
}

/// A wizard in Chinese (the language most tests drive it in) in which the user has just
/// created the profile `name`, on its profile screen.
pub fn with_profile(name: &str) -> W {
    let mut w = welcome(Lang::ZhCn);
    w.new_profile(name);
    w
}

/// A new profile `acme` ([`with_profile`]), its profile screen filled, on step 1 with the
/// systems `names` added to its inventory, which has the focus.
pub fn with_systems(names: &[&str]) -> W {
    let mut w = with_profile("acme");
    w.fill_profile();
    w.add_systems(names);
    w
}

/// What the runtime answers when `profile` has been opened under `name`.
pub fn opening(name: &str, profile: Profile) -> Msg {
    Msg::Opened {
        name: name.into(),
        profile: Box::new(profile),
    }
}

/// `profile` opened under `name` (not saved yet) in a wizard whose language is fixed to
/// `lang`, as `--lang` fixes it; it shows the profile's position.
pub fn opened(lang: Lang, name: &str, profile: Profile) -> W {
    let mut w = fresh(lang);
    w.app.lang_fixed = true;
    w.send([opening(name, profile)]);
    w
}

/// `shangyun` started with `opts` (its data folder is `opts.data_dir`) as `main` starts it,
/// up to the first frame.
/// The day is pinned unless `opts` names one.
pub fn start_app(opts: &RunOptions) -> Result<(App, Runtime), TuiError> {
    let mut rt = Runtime::new(Store::open(&opts.data_dir).unwrap());
    let mut opts = opts.clone();
    opts.today.get_or_insert(pinned_day());
    start(&opts, &mut rt).map(|app| (app, rt))
}

/// `shangyun --lang <lang>` started on the data folder `dir`: it opens the last profile.
pub fn resumed(dir: tempfile::TempDir, lang: Lang) -> W {
    let opts = RunOptions {
        data_dir: dir.path().to_owned(),
        lang: Some(lang),
        ..Default::default()
    };
    let (app, rt) = start_app(&opts).unwrap();
    W { app, rt, dir }
}

/// `shangyun --demo --lang <lang>` on a new data folder (the demo is saved as the scratch
/// profile `demo`), moved to `pos`.
pub fn demo_at(lang: Lang, pos: Position) -> W {
    let dir = tempfile::tempdir().unwrap();
    let opts = RunOptions {
        data_dir: dir.path().to_owned(),
        demo: true,
        lang: Some(lang),
        ..Default::default()
    };
    let (mut app, rt) = start_app(&opts).unwrap();
    // what moving asks for (a save) is not needed here
    let cmds = app.goto(pos);
    assert!(!cmds.is_empty() || pos == Position::Welcome);
    W { app, rt, dir }
}

/// A press of `code` with `mods` held, as the terminal reports it.
pub fn key_event(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers: mods,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

/// The notice on top, in the wizard's language.
pub fn notice(app: &App) -> String {
    match app.overlays.last() {
        Some(Overlay::Notice(t)) => app.content.render(app.lang, t),
        other => panic!("no notice: {other:?}"),
    }
}

impl W {
    /// Handles `msgs` as the wizard's loop does: one after another, then what they owe.
    pub fn send(&mut self, msgs: impl IntoIterator<Item = Msg>) {
        dispatch(&mut self.app, &mut self.rt, msgs);
    }
    pub fn act(&mut self, a: Action) {
        self.send([Msg::Action(a)]);
    }
    /// A terminal event, through the keymap of what is active.
    pub fn event(&mut self, ev: Event) {
        if let Some(m) = event::to_msg(&self.app.contexts(), ev) {
            self.send([m]);
        }
    }
    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.event(key_event(code, mods));
    }
    pub fn press(&mut self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }
    pub fn ch(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }
    pub fn typ(&mut self, s: &str) {
        for c in s.chars() {
            self.ch(c);
        }
    }
    pub fn paste(&mut self, s: &str) {
        let m = event::to_msg(&self.app.contexts(), Event::Paste(s.into())).unwrap();
        self.send([m]);
    }
    pub fn pos(&self) -> Position {
        self.app.position()
    }
    pub fn focused_q(&self) -> Option<&str> {
        self.app.focused_question().map(|q| q.id.as_str())
    }
    /// Tabs until the question `qid` has focus.
    pub fn focus(&mut self, qid: &str) {
        for _ in 0..80 {
            if self.focused_q() == Some(qid) {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("never focused {qid}; at {:?}", self.focused_q());
    }
    /// Tabs until the step's table has focus.
    pub fn focus_table(&mut self) {
        for _ in 0..60 {
            if let Screen::Form(f) = &self.app.screen
                && matches!(f.body.focused(), Some(Item::Table(_)))
            {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("no table");
    }
    /// New profile from the welcome screen.
    pub fn new_profile(&mut self, name: &str) {
        assert_eq!(self.pos(), Position::Welcome);
        self.press(KeyCode::Home);
        self.press(KeyCode::Enter);
        assert!(matches!(self.app.overlays.last(), Some(Overlay::Prompt(_))));
        self.typ(name);
        self.press(KeyCode::Enter);
        assert_eq!(self.pos(), Position::Profile);
    }
    /// Ends the session (as the process would): the lock is released.
    pub fn close(self) -> tempfile::TempDir {
        let W { app, rt, dir } = self;
        drop((app, rt));
        dir
    }
    /// The profile `name` as saved in the wizard's data folder.
    pub fn saved(&self, name: &str) -> Profile {
        Store::open(self.dir.path())
            .unwrap()
            .load(name)
            .unwrap()
            .profile
    }
    /// Fills the profile screen's required answers and goes to step 1.
    pub fn fill_profile(&mut self) {
        self.focus("ent.name");
        self.typ("华东精密");
        self.focus("ent.size");
        self.press(KeyCode::Down); // sme
        self.ch(' ');
        self.key(KeyCode::PageDown, KeyModifiers::NONE);
        assert_eq!(self.pos(), Position::Step(StepId::FIRST));
    }
    pub fn add_systems(&mut self, names: &[&str]) {
        self.focus_table();
        self.ch('a');
        for n in names {
            self.typ(n);
            self.press(KeyCode::Enter);
        }
        self.press(KeyCode::Enter); // empty line ends
        assert!(self.app.overlays.is_empty());
    }
    /// The focused field of the form or detail form.
    pub fn field(&self) -> &Field {
        let body = match (self.app.overlays.last(), &self.app.screen) {
            (Some(Overlay::Entity(e)), _) => &e.body,
            (None, Screen::Form(f)) => &f.body,
            _ => panic!("no form"),
        };
        body.focused_field().expect("a field has focus")
    }
    /// The focused field's message, in the wizard's language.
    pub fn error(&self) -> Option<String> {
        let view = self.app.view();
        self.field().error.as_ref().map(|t| view.text(t))
    }
    /// The results screen (plan, scorecard, checklist).
    pub fn results(&self) -> &Results {
        match &self.app.screen {
            Screen::Results(r) => r,
            _ => panic!("not on the results screen"),
        }
    }
    /// The screen drawn at `w` × `h`, as [`text`] reads it. The wizard is not told the size.
    pub fn screen(&self, w: u16, h: u16) -> String {
        text(&draw(&self.app, w, h))
    }
    /// The next frame of a wizard whose terminal is `w` × `h`: told its size first, as the
    /// terminal tells the real one, then drawn as [`W::screen`].
    pub fn frame(&mut self, w: u16, h: u16) -> String {
        self.send([Msg::Resize(w, h)]);
        self.screen(w, h)
    }
}

// ----- the screen -------------------------------------------------------------------------

/// The wizard drawn into a `w` × `h` buffer.
pub fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let area = buf.area;
    let _ = ui::draw(app, area, &mut buf);
    buf
}

/// The text on screen, one line per row, blanks at the end of a row left out and a wide
/// character once (not followed by the cell it covers).
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(if sym.is_empty() { " " } else { sym });
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

// ----- the real binary --------------------------------------------------------------------

/// What a run of the binary gave.
pub struct Run {
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// `shangyun args` run in `dir` with its data folder `dir/data`, stdin closed and no locale
/// variables, so that `--lang` or a variable the test sets decides the language. A panic
/// prints its backtrace.
pub fn shangyun(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shangyun"));
    cmd.args(args)
        .current_dir(dir)
        .env("SHANGYUN_DATA_DIR", dir.join("data"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null());
    cmd
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `cmd` to its end; its output as text.
pub fn output(cmd: &mut Command) -> Run {
    cmd.output().expect("the binary runs").into()
}

/// [`shangyun`] run to its end.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    output(&mut shangyun(dir, args))
}
