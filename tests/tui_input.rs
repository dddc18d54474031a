//! Update-level tests of input and editing (issue 11 items 9–17): what is typed is saved or
//! refused with a message, never cut off or falsified; keys, focus and footers behave as a
//! careful user expects. Keys go through the real keymap and the real store.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use shangyun::content::Content;
use shangyun::model::{Answer, Lang, Position, StepId};
use shangyun::tui::app::{Msg, Overlay, Screen};
use shangyun::tui::backend;
use shangyun::tui::screens::form::Item;

mod common;
use common::{W, draw, resumed, with_profile, with_systems};

// ---------------------------------------------------------------- item 9

#[test]
fn text_past_a_fields_maximum_is_refused_with_the_message_never_cut_off() {
    let mut w = with_profile("acme");
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
    let mut w = with_profile("acme");
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

// ---------------------------------------------------------------- item 10

#[test]
fn a_number_out_of_range_is_refused_not_clamped_and_keeps_the_saved_answer() {
    let mut w = with_profile("acme");
    w.focus("ent.employees");
    w.typ("120");
    w.press(KeyCode::Tab);
    w.focus("ent.employees");
    w.press(KeyCode::End);
    w.typ("0000000000"); // 1200000000000
    assert_eq!(w.field().raw(), "1200000000000", "the draft stays visible");
    let err = w.error().expect("the range is said");
    assert!(err.contains("10000000"), "{err}");
    assert_eq!(
        w.app.profile.answers.get("ent.employees"),
        Some(&Answer::Number(120.0)),
        "the answer saved before the edit stays, never a prefix such as 12000000"
    );
    w.key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        w.saved("acme").answers.get("ent.employees"),
        Some(&Answer::Number(120.0))
    );
}

#[test]
fn an_invalid_entry_never_erases_the_saved_answer_and_esc_restores_it() {
    let mut w = with_profile("acme");
    w.focus("ent.employees");
    w.typ("80");
    w.press(KeyCode::Tab);
    w.focus("ent.employees");
    // select-all-and-retype: Ctrl-U then a word
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ("abc");
    assert_eq!(w.field().raw(), "abc");
    assert!(w.error().is_some());
    assert_eq!(
        w.app.profile.answers.get("ent.employees"),
        Some(&Answer::Number(80.0))
    );
    // leaving keeps the draft and its message; coming back and Esc shows the saved value
    w.press(KeyCode::Tab);
    w.focus("ent.employees");
    assert_eq!(w.field().raw(), "abc");
    w.press(KeyCode::Esc);
    assert_eq!(w.field().raw(), "80");
    assert_eq!(w.error(), None);
    assert_eq!(
        w.pos(),
        Position::Profile,
        "Esc in a field does not leave the screen"
    );
    // -5 is refused too, and fixing it saves the fix
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ("-5");
    assert!(w.error().is_some());
    assert_eq!(
        w.app.profile.answers.get("ent.employees"),
        Some(&Answer::Number(80.0))
    );
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ("95");
    assert_eq!(w.error(), None);
    assert_eq!(
        w.app.profile.answers.get("ent.employees"),
        Some(&Answer::Number(95.0))
    );
}

#[test]
fn people_users_and_counts_are_whole_numbers() {
    let content = Content::get();
    for id in ["ent.employees", "sys.peak_users", "s9.services_after"] {
        let q = content.question(id).unwrap();
        let err = backend::parse_input(content, q, "2.5").unwrap_err();
        assert_eq!(err.key, "val.not_integer", "{id}");
        assert_eq!(
            backend::parse_input(content, q, "1,200").unwrap(),
            Some(Answer::Number(1200.0))
        );
    }
    // hours may be fractional
    let q = content.question("sys.f_max_outage").unwrap();
    assert!(backend::parse_input(content, q, "2.5").is_ok());
}

#[test]
fn an_sme_with_a_thousand_employees_is_a_warning_with_its_reason() {
    let mut w = with_profile("acme");
    w.fill_profile(); // an SME
    w.press(KeyCode::PageUp);
    w.focus("ent.employees");
    w.typ("1200");
    assert_eq!(
        w.app.profile.answers.get("ent.employees"),
        Some(&Answer::Number(1200.0)),
        "a cross-check keeps the answer"
    );
    let p = w
        .app
        .problems()
        .iter()
        .find(|p| p.question == "ent.employees")
        .expect("a warning");
    assert_eq!(p.text.key, "val.warn.sme_employees");
    assert!(!p.blocks_next);
    let screen = w.screen(120, 40);
    assert!(
        screen.contains("中小企业划型标准规定"),
        "the reason is on screen:\n{screen}"
    );
    w.press(KeyCode::PageDown);
    assert_eq!(
        w.pos(),
        Position::Step(StepId::FIRST),
        "a warning does not block"
    );
}

#[test]
fn esc_in_a_detail_form_first_restores_a_refused_draft_then_closes() {
    let mut w = with_systems(&["ERP"]);
    w.press(KeyCode::Enter); // open ERP's form
    w.focus("sys.peak_users");
    w.typ("300");
    w.press(KeyCode::Tab);
    w.focus("sys.peak_users");
    w.typ(".5");
    assert!(w.error().is_some(), "users are whole numbers");
    w.press(KeyCode::Esc);
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Entity(_))));
    assert_eq!(w.field().raw(), "300");
    assert_eq!(
        w.app.profile.systems[0].answers.get("sys.peak_users"),
        Some(&Answer::Number(300.0))
    );
    w.press(KeyCode::Esc);
    assert!(w.app.overlays.is_empty());
}

// ---------------------------------------------------------------- item 11

#[test]
fn keys_do_nothing_to_data_while_the_terminal_is_too_small() {
    let mut w = with_systems(&["ERP"]);
    assert_eq!(w.app.profile.systems.len(), 1);
    let before = w.app.profile.clone();
    w.send([Msg::Resize(60, 20)]);
    assert!(
        w.screen(60, 20).contains("60×20"),
        "the enlarge screen shows"
    );
    for c in ['d', 'y', 'a', 'x', 'K', 'J', ' ', 'q'] {
        w.ch(c);
    }
    for k in [
        KeyCode::Delete,
        KeyCode::Enter,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Tab,
        KeyCode::Esc,
        KeyCode::F(3),
    ] {
        w.press(k);
    }
    w.paste("pasted");
    assert_eq!(w.app.profile.systems, before.systems, "d y deleted nothing");
    assert_eq!(w.app.profile.answers, before.answers);
    assert_eq!(w.pos(), Position::Step(StepId::FIRST));
    assert!(w.app.overlays.is_empty(), "no dialog opened unseen");
    // the language switch still works; enlarging shows the same screen
    w.press(KeyCode::F(2));
    assert_eq!(w.app.lang, Lang::En);
    w.send([Msg::Resize(100, 30)]);
    w.ch('d');
    assert!(
        matches!(w.app.overlays.last(), Some(Overlay::Confirm(_))),
        "keys act again once the wizard is visible"
    );
}

// ---------------------------------------------------------------- item 17

fn footer_line(w: &W) -> String {
    let screen = w.screen(120, 40);
    screen.lines().last().unwrap().to_owned()
}

#[test]
fn footers_say_next_tab_on_results_and_1_5_to_rate() {
    let mut w = with_systems(&["ERP"]);
    w.press(KeyCode::F(3));
    w.ch('2');
    w.focus_table();
    w.press(KeyCode::Enter);
    w.focus("sys.r_cost");
    let zh = footer_line(&w);
    assert!(zh.contains("1–5 评分"), "{zh}");
    w.press(KeyCode::F(2));
    let en = footer_line(&w);
    assert!(en.contains("1–5 rate"), "{en}");
    w.press(KeyCode::Esc);
    w.press(KeyCode::F(3));
    w.ch('r');
    assert!(matches!(w.pos(), Position::Results(_)));
    let en = footer_line(&w);
    assert!(en.contains("→ next tab"), "{en}");
    w.press(KeyCode::F(2));
    let zh = footer_line(&w);
    assert!(zh.contains("→ 下一标签"), "{zh}");
    assert!(!zh.contains("下一页"), "{zh}");
}

// ---------------------------------------------------------------- item 14

fn first_field_of_form(w: &W) -> &'static str {
    let Some(Overlay::Entity(e)) = w.app.overlays.last() else {
        panic!("no detail form")
    };
    e.body
        .items
        .iter()
        .find_map(|i| match i {
            Item::Field(f) => Some(f.q.id.as_str()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn pgdn_in_a_detail_form_starts_the_next_system_at_its_first_field() {
    let mut w = with_systems(&["ERP", "OA"]);
    w.press(KeyCode::Home);
    w.press(KeyCode::Enter);
    w.focus("sys.peak_users");
    w.press(KeyCode::PageDown);
    let first = first_field_of_form(&w);
    assert_eq!(w.focused_q(), Some(first));
    w.focus("sys.usage");
    w.press(KeyCode::PageUp);
    assert_eq!(w.focused_q(), Some(first));
}

#[test]
fn home_and_end_go_to_the_first_and_last_field_of_a_form() {
    let mut w = with_systems(&["ERP"]);
    w.press(KeyCode::F(3));
    w.ch('2');
    w.focus_table();
    w.press(KeyCode::Enter);
    w.focus("sys.r_cost"); // a rating: Home / End are not its keys
    w.press(KeyCode::End);
    let Some(Overlay::Entity(e)) = w.app.overlays.last() else {
        panic!()
    };
    let last = e
        .body
        .items
        .iter()
        .rev()
        .find_map(|i| match i {
            Item::Field(f) => Some(f.q.id.as_str()),
            _ => None,
        })
        .unwrap();
    assert_eq!(w.focused_q(), Some(last));
    w.press(KeyCode::Home);
    assert_eq!(w.focused_q(), Some(first_field_of_form(&w)));
    // in a text field Home moves the caret; Ctrl-End still goes to the last field
    w.focus("sys.f_max_outage");
    w.typ("12");
    w.press(KeyCode::Home);
    assert_eq!(w.focused_q(), Some("sys.f_max_outage"));
    w.key(KeyCode::End, KeyModifiers::CONTROL);
    assert_eq!(w.focused_q(), Some(last));
}

#[test]
fn the_add_provider_prompt_keeps_asking_until_an_empty_enter() {
    let mut w = with_profile("acme");
    w.fill_profile();
    w.press(KeyCode::F(3));
    w.ch('3');
    w.focus_table();
    w.ch('a');
    for n in ["阿里云", "腾讯云", "华为云"] {
        w.typ(n);
        w.press(KeyCode::Enter);
        assert!(
            matches!(w.app.overlays.last(), Some(Overlay::Prompt(_))),
            "still asking after {n}"
        );
    }
    w.press(KeyCode::Enter);
    assert!(w.app.overlays.is_empty(), "an empty Enter ends");
    let names: Vec<&str> = w
        .app
        .profile
        .providers
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["阿里云", "腾讯云", "华为云"]);
}

// ---------------------------------------------------------------- item 13

#[test]
fn duplicate_system_names_are_a_problem_on_screen_and_in_the_sidebar() {
    let mut w = with_systems(&["ERP", "OA", "ERP"]);
    let dups: Vec<_> = w
        .app
        .problems()
        .iter()
        .filter(|p| p.text.key == "val.duplicate_name")
        .map(|p| p.entity)
        .collect();
    let ids: Vec<_> = w.app.profile.systems.iter().map(|s| s.id).collect();
    assert_eq!(
        dups,
        [
            backend::Entity::System(ids[0]),
            backend::Entity::System(ids[2])
        ]
    );
    assert_eq!(
        w.app.status(Position::Step(StepId::FIRST)),
        Some(backend::StepStatus::Problems)
    );
    // the detail form says it under the name
    w.press(KeyCode::Home);
    w.press(KeyCode::Enter);
    w.focus("sys.name");
    let screen = w.screen(120, 40);
    assert!(screen.contains("有多个系统都叫“ERP”"), "{screen}");
}

#[test]
fn the_dependency_picker_tells_systems_of_the_same_name_apart() {
    let mut w = with_systems(&["ERP", "ERP", "OA"]);
    // the second ERP is a finance system
    w.press(KeyCode::Home);
    w.press(KeyCode::Down);
    w.press(KeyCode::Enter);
    w.focus("sys.business");
    w.press(KeyCode::Home);
    w.ch(' ');
    let business = w.app.profile.systems[1]
        .answers
        .choice("sys.business")
        .unwrap()
        .to_owned();
    w.press(KeyCode::Esc);
    // OA's picker lists both ERPs with their place in the inventory and the second's area
    w.press(KeyCode::End);
    w.press(KeyCode::Enter);
    w.focus("sys.depends_on");
    w.press(KeyCode::Enter);
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Deps(_))));
    let label = Content::get().option_label(Lang::ZhCn, "business", &business);
    let screen = w.screen(100, 30);
    assert!(screen.contains("1. ERP"), "{screen}");
    assert!(screen.contains(&format!("2. ERP ({label})")), "{screen}");
}

#[test]
fn an_empty_required_field_says_so_on_its_screen() {
    let w = with_profile("acme");
    let screen = w.screen(120, 40);
    assert!(
        screen.contains("请填写“企业名称”"),
        "the message is under the field, not only a sidebar mark:\n{screen}"
    );
}

// ---------------------------------------------------------------- item 15

/// Quits with Ctrl-C (which saves) and starts `shangyun` again in the same data folder.
fn quit_and_resume(mut w: W) -> W {
    w.key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    resumed(w.close(), Lang::ZhCn)
}

#[test]
fn resume_puts_the_focus_back_on_the_field() {
    let mut w = with_profile("acme");
    w.focus("ent.goals");
    let w = quit_and_resume(w);
    assert_eq!(w.pos(), Position::Profile);
    assert_eq!(w.focused_q(), Some("ent.goals"));
}

#[test]
fn resume_puts_the_focus_back_on_the_table_row() {
    let mut w = with_systems(&["ERP", "MES", "OA"]);
    w.press(KeyCode::End);
    w.press(KeyCode::Up); // MES
    let w = quit_and_resume(w);
    let Screen::Form(f) = &w.app.screen else {
        panic!()
    };
    let Some(Item::Table(t)) = f.body.focused() else {
        panic!("the table has focus again")
    };
    assert_eq!(t.state.selected, 1);
}

#[test]
fn resume_puts_back_the_checklist_item_and_the_plan_scroll() {
    let mut w = with_systems(&["ERP"]);
    w.press(KeyCode::F(3));
    w.ch('r');
    assert!(matches!(w.pos(), Position::Results(_)));
    // the plan, scrolled
    let _ = w.screen(100, 30); // the plan is laid out when drawn
    for _ in 0..5 {
        w.press(KeyCode::Down);
    }
    let scroll = w.results().plan.scroll;
    assert!(scroll > 0);
    let mut w = quit_and_resume(w);
    assert_eq!(w.results().plan.scroll, scroll);
    // the checklist, third item
    w.press(KeyCode::Left);
    assert!(matches!(
        w.pos(),
        Position::Results(shangyun::model::ResultTab::Checklist)
    ));
    w.press(KeyCode::Down);
    w.press(KeyCode::Down);
    assert_eq!(w.results().checklist.selected, 2);
    let w = quit_and_resume(w);
    assert_eq!(w.results().checklist.selected, 2);
}

#[test]
fn the_welcome_screen_starts_on_continue_and_enter_on_quit_quits_at_once() {
    let mut w = with_profile("acme");
    w.press(KeyCode::PageUp);
    assert_eq!(w.pos(), Position::Welcome);
    let Screen::Welcome(wel) = &w.app.screen else {
        panic!()
    };
    assert!(
        matches!(
            wel.entries().get(wel.selected),
            Some(shangyun::tui::screens::welcome::Entry::Resume(p)) if p.name == "acme"
        ),
        "continuing the last profile is preselected"
    );
    w.press(KeyCode::End);
    w.press(KeyCode::Enter);
    assert!(w.app.overlays.is_empty(), "no question: nothing is lost");
    assert!(w.rt.quit, "Enter on quit quits");
}

// ---------------------------------------------------------------- item 16

#[test]
fn a_popup_covers_the_highlighted_rows_behind_it() {
    use ratatui::style::Modifier;
    let mut w = with_systems(&["ERP", "MES", "OA", "CRM", "HR"]);
    let lit = |buf: &ratatui::buffer::Buffer| {
        buf.content()
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED))
            .count()
    };
    let before = draw(&w.app, 100, 30);
    assert!(lit(&before) > 0, "the selected row is highlighted");
    w.press(KeyCode::F(1));
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Help(_))));
    let buf = draw(&w.app, 100, 30);
    // the help box: from its top-left corner to its bottom-right one
    let at = |x: u16, y: u16| buf[(x, y)].symbol().to_owned();
    let (x0, y0) = (0..30u16)
        .flat_map(|y| (0..100u16).map(move |x| (x, y)))
        .find(|&(x, y)| at(x, y) == "╭")
        .expect("a box");
    let x1 = (x0..100).find(|&x| at(x, y0) == "╮").unwrap();
    let y1 = (y0..30).find(|&y| at(x0, y) == "╰").unwrap();
    for y in y0..=y1 {
        for x in x0..=x1 {
            assert!(
                !buf[(x, y)].modifier.contains(Modifier::REVERSED),
                "({x},{y}) shows a highlight from behind the popup"
            );
        }
    }
}

#[test]
fn the_top_bar_shortens_the_enterprise_name_before_the_step_name() {
    let mut w = with_profile("acme");
    w.focus("ent.name");
    w.typ(&"华东精密机械制造股份有限公司".repeat(4));
    w.focus("ent.size");
    w.press(KeyCode::Down);
    w.ch(' ');
    w.press(KeyCode::PageDown);
    w.press(KeyCode::F(3));
    w.ch('3');
    let step = Content::get().t(Lang::ZhCn, "step.s3.title");
    for width in [80u16, 100, 120] {
        let screen = w.screen(width, 30);
        let top = screen.lines().next().unwrap();
        assert!(top.contains(&step), "{width}: {top}");
        assert!(
            top.contains("华东精密"),
            "{width}: some of the name stays: {top}"
        );
        assert!(top.contains('…'), "{width}: {top}");
    }
}

#[test]
fn f1_shows_the_whole_step_introduction_the_screen_cuts() {
    for lang in Lang::ALL {
        let mut w = with_systems(&["ERP"]);
        if w.app.lang != lang {
            w.press(KeyCode::F(2));
        }
        let intro = Content::get().t(lang, "step.s1.intro");
        let screen = w.screen(80, 24);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(
            !squeeze(&screen).contains(&squeeze(&intro)),
            "at 80×24 the screen shows only part of it"
        );
        w.press(KeyCode::F(1));
        let Some(Overlay::Help(h)) = w.app.overlays.last() else {
            panic!("help")
        };
        let lines = h.lines(&w.app.view(), 70);
        let shown: String = lines.iter().map(|(l, _)| l.as_str()).collect();
        assert!(
            squeeze(&shown).contains(&squeeze(&intro)),
            "{lang:?}: help has the whole introduction"
        );
    }
}
