//! The inventory table's import (`i`), driven through the real keymap and runtime on the demo:
//! the dialog at 80×24 in both languages (snapshots), a bad file listed with its cells and
//! nothing changed, a good file applied as one change that is saved, and `--replace` by Tab.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use ratatui::layout::Rect;
use shangyun::model::{Lang, Position, StepId};
use shangyun::tui::app::{App, Overlay, Screen};
use shangyun::tui::backend::Store;
use shangyun::tui::event::{self, Action};
use shangyun::tui::screens::form::Item;
use shangyun::tui::{RunOptions, Runtime, dispatch, start, ui};
use unicode_width::UnicodeWidthStr;

struct W {
    app: App,
    rt: Runtime,
    dir: tempfile::TempDir,
}

/// The demo enterprise on step 1 with the inventory table focused.
fn demo(lang: Lang) -> W {
    let dir = tempfile::tempdir().unwrap();
    let opts = RunOptions {
        data_dir: dir.path().to_owned(),
        demo: true,
        lang: Some(lang),
        ..Default::default()
    };
    let mut rt = Runtime::new(Store::open(dir.path()).unwrap());
    let mut app = start(&opts, &mut rt).unwrap();
    // what moving asks for (a save) is not needed here
    let _ = app.goto(Position::Step(StepId::FIRST));
    let mut w = W { app, rt, dir };
    for _ in 0..60 {
        if let Screen::Form(f) = &w.app.screen
            && f.body
                .focused()
                .is_some_and(|i| matches!(i, Item::Table(_)))
        {
            return w;
        }
        dispatch(
            &mut w.app,
            &mut w.rt,
            [shangyun::tui::app::Msg::Action(Action::FocusNext)],
        );
    }
    panic!("the inventory table never had the focus");
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
    fn typ(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }
    fn screen(&self, w: u16, h: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        let area = buf.area;
        let _ = ui::draw(&self.app, area, &mut buf);
        let mut out = String::new();
        for y in 0..h {
            let mut skip = 0;
            let mut line = String::new();
            for x in 0..w {
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
    fn dialog_open(&self) -> bool {
        matches!(self.app.overlays.last(), Some(Overlay::Import(_)))
    }
    fn saved_names(&self) -> Vec<String> {
        Store::open(self.dir.path())
            .unwrap()
            .load(self.app.profile_name.as_deref().unwrap())
            .unwrap()
            .profile
            .systems
            .iter()
            .map(|s| s.name.clone())
            .collect()
    }
}

#[test]
fn the_import_prompt_at_80x24_in_both_languages() {
    for lang in Lang::ALL {
        let mut w = demo(lang);
        w.press(KeyCode::Char('i'));
        assert!(w.dialog_open());
        w.typ("~/信息系统清单.xlsx");
        insta::assert_snapshot!(format!("import_{}_80x24", lang.tag()), w.screen(80, 24));
    }
}

#[test]
fn a_bad_file_lists_its_problems_in_the_dialog_and_changes_nothing() {
    let mut w = demo(Lang::En);
    let before = w.app.profile.clone();
    let bad = w.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "System name,Data sensitivity,Depends on\nERP,Top secret,\nCRM,Core,Billing\n",
    )
    .unwrap();
    w.press(KeyCode::Char('i'));
    w.typ(&bad.display().to_string());
    w.press(KeyCode::Enter);
    assert!(w.dialog_open(), "the dialog stays open");
    assert_eq!(w.app.profile, before, "nothing changed");
    let s = w.screen(80, 24);
    assert!(s.contains("2 problems"), "{s}");
    assert!(s.contains("2:2: "), "{s}");
    assert!(s.contains("3:3: "), "{s}");
    // the temporary folder's name changes from run to run
    let shown = s.replace(&w.dir.path().display().to_string(), "TMP");
    insta::assert_snapshot!("import_problems_en_80x24", shown);
    w.press(KeyCode::Esc);
    assert!(!w.dialog_open());
    assert_eq!(w.app.profile, before);
}

#[test]
fn a_good_file_is_one_saved_change_and_tab_chooses_replace() {
    let mut w = demo(Lang::ZhCn);
    let n = w.app.profile.systems.len();
    let good = w.dir.path().join("good.csv");
    std::fs::write(&good, "系统名称,数据敏感程度,依赖系统\n新 CRM,敏感,ERP\n").unwrap();
    w.press(KeyCode::Char('i'));
    w.typ(&good.display().to_string());
    w.press(KeyCode::Enter);
    assert!(!w.dialog_open());
    assert_eq!(w.app.profile.systems.len(), n + 1);
    let added = w.app.profile.systems.last().unwrap();
    assert_eq!(added.name, "新 CRM");
    assert_eq!(added.depends_on.len(), 1);
    let s = w.screen(80, 24);
    assert!(s.contains("新增 1 个"), "{s}");
    assert!(w.saved_names().contains(&"新 CRM".to_owned()), "saved");

    // Tab: replace the inventory with the file's systems
    w.press(KeyCode::Esc); // the notice
    let only = w.dir.path().join("only.csv");
    std::fs::write(&only, "系统名称,数据敏感程度\n新 CRM,敏感\n").unwrap();
    w.press(KeyCode::Char('i'));
    w.typ(&only.display().to_string());
    w.press(KeyCode::Tab);
    w.press(KeyCode::Enter);
    let names: Vec<&str> = w
        .app
        .profile
        .systems
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["新 CRM"], "only the file's system is left");
    assert_eq!(w.saved_names(), ["新 CRM"]);

    // the import is one undoable change: Ctrl-Z brings the whole inventory back
    w.press(KeyCode::Esc); // the notice
    w.key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(
        w.app.profile.systems.len(),
        n + 1,
        "the replaced inventory is back"
    );
    assert!(w.saved_names().contains(&"ERP".to_owned()), "and saved");
}
