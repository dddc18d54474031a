//! The harness the integration tests share: the shipped demo profile, and a wizard driven
//! through `update` with the real keymap and a real store in a temporary folder.
//! Each test binary uses a part of it.
#![allow(dead_code)]

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use shangyun::content::{Content, DEMO_RON};
use shangyun::model::{Lang, Position, Profile, StepId};
use shangyun::store::migrate;
use shangyun::tui::app::{App, Msg, Overlay, Screen};
use shangyun::tui::backend::{self, Store};
use shangyun::tui::screens::form::Item;
use shangyun::tui::theme::Theme;
use shangyun::tui::widgets::field::Field;
use shangyun::tui::{Runtime, dispatch, event};

/// The shipped demo enterprise, as the wizard opens it.
pub fn demo() -> Profile {
    migrate::parse_profile(DEMO_RON).unwrap().profile
}

pub struct W {
    pub app: App,
    pub rt: Runtime,
    pub dir: tempfile::TempDir,
}

/// The welcome screen of an empty data folder, in Chinese.
pub fn wizard() -> W {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut rt = Runtime::new(store);
    let mut app = App::new(Content::get(), Lang::ZhCn, Theme::mono());
    let list = backend::profiles(&rt.store);
    dispatch(&mut app, &mut rt, [Msg::Profiles(list)]);
    W { app, rt, dir }
}

impl W {
    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        let ev = Event::Key(KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
        if let Some(m) = event::to_msg(&self.app.contexts(), ev) {
            dispatch(&mut self.app, &mut self.rt, [m]);
        }
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
        dispatch(&mut self.app, &mut self.rt, [m]);
    }
    pub fn pos(&self) -> Position {
        self.app.position()
    }
    pub fn focused_q(&self) -> Option<&str> {
        self.app.focused_question().map(|q| q.id.as_str())
    }
    /// Tabs until the question `qid` has focus.
    pub fn focus(&mut self, qid: &str) {
        for _ in 0..60 {
            if self.focused_q() == Some(qid) {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("never focused {qid}; at {:?}", self.focused_q());
    }
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
    pub fn saved(&self, name: &str) -> shangyun::model::Profile {
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
    /// The screen drawn at `w` × `h`, one line per row, each cell's symbol as it is.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        let area = buf.area;
        let _ = shangyun::tui::ui::draw(&self.app, area, &mut buf);
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buf[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }
}
