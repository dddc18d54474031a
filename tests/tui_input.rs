//! Update-level tests of input and editing (issue 11 items 9–17): what is typed is saved or
//! refused with a message, never cut off or falsified; keys, focus and footers behave as a
//! careful user expects. Keys go through the real keymap and the real store.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use shangyun::content::Content;
use shangyun::model::{Answer, Lang, Position, StepId};
use shangyun::tui::app::{App, Msg, Overlay, Screen};
use shangyun::tui::backend::{self, Store};
use shangyun::tui::screens::form::Item;
use shangyun::tui::theme::Theme;
use shangyun::tui::widgets::field::Field;
use shangyun::tui::{Runtime, dispatch, event};

struct W {
    app: App,
    rt: Runtime,
    dir: tempfile::TempDir,
}

fn wizard() -> W {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut rt = Runtime::new(store);
    let mut app = App::new(Content::get(), Lang::ZhCn, Theme::mono());
    let list = backend::profiles(&rt.store);
    dispatch(&mut app, &mut rt, [Msg::Profiles(list)]);
    W { app, rt, dir }
}

impl W {
    fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
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
    fn press(&mut self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }
    fn ch(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }
    fn typ(&mut self, s: &str) {
        for c in s.chars() {
            self.ch(c);
        }
    }
    fn paste(&mut self, s: &str) {
        let m = event::to_msg(&self.app.contexts(), Event::Paste(s.into())).unwrap();
        dispatch(&mut self.app, &mut self.rt, [m]);
    }
    fn pos(&self) -> Position {
        self.app.position()
    }
    fn focused_q(&self) -> Option<&str> {
        self.app.focused_question().map(|q| q.id.as_str())
    }
    fn field(&self) -> &Field {
        let body = match (self.app.overlays.last(), &self.app.screen) {
            (Some(Overlay::Entity(e)), _) => &e.body,
            (None, Screen::Form(f)) => &f.body,
            _ => panic!("no form"),
        };
        body.focused_field().expect("a field has focus")
    }
    fn error(&self) -> Option<String> {
        let view = self.app.view();
        self.field().error.as_ref().map(|t| view.text(t))
    }
    fn focus(&mut self, qid: &str) {
        for _ in 0..60 {
            if self.focused_q() == Some(qid) {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("never focused {qid}; at {:?}", self.focused_q());
    }
    fn focus_table(&mut self) {
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
    fn new_profile(&mut self, name: &str) {
        self.press(KeyCode::Home);
        self.press(KeyCode::Enter);
        self.typ(name);
        self.press(KeyCode::Enter);
        assert_eq!(self.pos(), Position::Profile);
    }
    fn fill_profile(&mut self) {
        self.focus("ent.name");
        self.typ("华东精密");
        self.focus("ent.size");
        self.press(KeyCode::Down); // sme
        self.ch(' ');
        self.press(KeyCode::PageDown);
        assert_eq!(self.pos(), Position::Step(StepId::FIRST));
    }
    fn saved(&self, name: &str) -> shangyun::model::Profile {
        Store::open(self.dir.path())
            .unwrap()
            .load(name)
            .unwrap()
            .profile
    }
    fn screen(&self, w: u16, h: u16) -> String {
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

// ---------------------------------------------------------------- item 9

#[test]
fn text_past_a_fields_maximum_is_refused_with_the_message_never_cut_off() {
    let mut w = wizard();
    w.new_profile("acme");
    w.focus("ent.name");
    let max = 120;
    w.typ(&"名".repeat(max));
    assert_eq!(w.error(), None);
    w.ch('x');
    let shown = w.field().raw().to_owned();
    assert_eq!(
        shown.chars().count(),
        max,
        "the 121st character is not shown"
    );
    assert!(w.error().unwrap().contains("120"), "{:?}", w.error());
    assert_eq!(
        w.app.profile.enterprise_name(),
        shown,
        "what is shown is saved"
    );
    // a paste that does not fit is refused whole, not cut to fit
    w.press(KeyCode::Backspace);
    w.press(KeyCode::Backspace);
    w.paste("abc");
    assert_eq!(w.field().raw().chars().count(), max - 2);
    assert!(w.error().is_some());
    w.paste("ab");
    assert_eq!(w.field().raw().chars().count(), max);
    assert_eq!(w.error(), None);
    let shown = w.field().raw().to_owned();
    w.key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(w.saved("acme").enterprise_name(), shown.as_str());
}

#[test]
fn a_system_name_has_the_same_limit_in_the_add_prompt_as_in_its_form() {
    let mut w = wizard();
    w.new_profile("acme");
    w.fill_profile();
    w.focus_table();
    w.ch('a');
    let limit = match Content::get().question("sys.name").unwrap().kind {
        shangyun::content::QuestionKind::Text { max } => max,
        _ => unreachable!(),
    };
    w.paste(&"x".repeat(limit + 1));
    let Some(Overlay::Prompt(p)) = w.app.overlays.last() else {
        panic!("the prompt stays open");
    };
    assert_eq!(
        p.field.text(),
        "",
        "a paste that does not fit is refused whole"
    );
    assert!(p.error.is_some());
    w.paste(&"y".repeat(limit));
    w.ch('z');
    w.press(KeyCode::Enter);
    assert_eq!(w.app.profile.systems[0].name, "y".repeat(limit));
}
