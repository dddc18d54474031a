//! Rendering tests: every screen at 80×24 and 120×40 in both languages (insta snapshots of the
//! text on screen), nothing panics at any size, and random key sequences at random sizes.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use shangyun::content::Content;
use shangyun::model::{Answer, Lang, Position, ResultTab, StepId};
use shangyun::tui::app::{Msg, Screen, update};
use shangyun::tui::event::{self, Action};
use shangyun::tui::screens::dialog::Jump;
use shangyun::tui::ui;

mod common;
use common::{W, demo_in, draw, key_event, opened, text};

/// A small enterprise with a few systems (one with a long CJK name), a provider and answers.
fn sample(lang: Lang) -> W {
    let mut p = shangyun::model::Profile::new(lang);
    p.answers.set(
        "ent.name",
        Some(Answer::Text("华东精密机械有限公司".into())),
    );
    p.answers
        .set("ent.size", Some(Answer::Choice("sme".into())));
    p.answers.set("ent.employees", Some(Answer::Number(320.0)));
    p.answers.set(
        "ent.goals",
        Some(Answer::Choices(vec!["capability".into(), "cost".into()])),
    );
    let erp = p.add_system("ERP 企业资源计划");
    let mes = p.add_system("制造执行系统（MES）车间生产数据采集与质量追溯平台");
    let oa = p.add_system("OA");
    p.toggle_dependency(mes, erp);
    p.toggle_dependency(oa, erp);
    for (id, sens) in [(erp, "sensitive"), (mes, "internal"), (oa, "public")] {
        let s = p.system_mut(id).unwrap();
        s.answers
            .set("sys.sensitivity", Some(Answer::Choice(sens.into())));
        s.answers
            .set("sys.business", Some(Answer::Choice("management".into())));
        s.answers.set("sys.r_cost", Some(Answer::Rating(4)));
    }
    p.add_provider("云服务商甲");
    p.position = Position::Profile;
    opened(lang, "sample", p)
}

/// Replaces `YYYY-MM-DD` (the day a profile was saved, on the welcome screen) by a fixed marker.
fn no_times(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let shape = "dddd-dd-dd";
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let fits = chars.len() - i >= shape.len()
            && shape.chars().zip(&chars[i..]).all(|(p, c)| {
                if p == 'd' {
                    c.is_ascii_digit()
                } else {
                    p == *c
                }
            });
        if fits {
            out.push_str("[date....]");
            i += shape.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn screens() -> Vec<Position> {
    let mut v = vec![Position::Welcome];
    v.extend(
        Jump::targets()
            .into_iter()
            .filter(|p| !matches!(p, Position::Results(_))),
    );
    v.push(Position::Results(ResultTab::Plan));
    v
}

fn name(p: Position) -> String {
    match p {
        Position::Welcome => "welcome".into(),
        Position::Profile => "profile".into(),
        Position::Step(s) => format!("step{:02}", s.number()),
        Position::Results(_) => "results".into(),
    }
}

#[test]
fn snapshots_of_every_screen() {
    for lang in Lang::ALL {
        let mut w = sample(lang);
        for pos in screens() {
            let cmds = update(&mut w.app, Msg::Action(Action::Cancel));
            drop(cmds);
            let _ = w.app.goto(pos);
            if pos == Position::Welcome {
                let list = shangyun::tui::backend::profiles(&w.rt.store);
                w.send([Msg::Profiles(list)]);
            }
            for (x, y) in [(80, 24), (120, 40)] {
                let snap = no_times(&w.screen(x, y));
                insta::assert_snapshot!(format!("{}_{}_{x}x{y}", name(pos), lang.tag()), snap);
            }
        }
    }
}

#[test]
fn inventory_with_long_cjk_names_and_a_detail_form() {
    let mut w = sample(Lang::ZhCn);
    let _ = w.app.goto(Position::Step(StepId::FIRST));
    // tab to the inventory, select the long-named system and open it
    for _ in 0..2 {
        w.press(KeyCode::Tab);
    }
    w.press(KeyCode::Down);
    insta::assert_snapshot!("step01_inventory_focused_zh-CN_80x24", w.screen(80, 24));
    w.press(KeyCode::Enter);
    insta::assert_snapshot!("step01_system_form_zh-CN_120x40", w.screen(120, 40));
}

#[test]
fn too_small_says_so_in_both_languages() {
    let w = sample(Lang::ZhCn);
    let t = w.screen(60, 20);
    assert!(t.contains("80×24") && t.contains("60×20"), "{t}");
    assert!(t.contains("请") && t.contains("enlarge"), "{t}");
}

#[test]
fn caret_is_at_the_text_field_in_display_columns() {
    let mut w = sample(Lang::ZhCn);
    // ent.name is focused first on the profile screen, holding a 20-column name
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    let area = buf.area;
    let caret = ui::draw(&w.app, area, &mut buf).expect("a caret");
    let row: String = (0..80)
        .map(|x| buf[(x, caret.y)].symbol().to_owned())
        .collect();
    assert!(row.contains("华东精密机械有限公司"), "{row}");
    // the caret sits right after the last character: that cell is blank, the one before is
    // the second half of 司
    let start = (0..80)
        .find(|x| buf[(*x, caret.y)].symbol() == "华")
        .unwrap();
    assert_eq!(caret.x, start + 20);
    // typing moves it two columns per CJK character
    w.send([Msg::Input("云".into())]);
    let caret2 = ui::draw(&w.app, area, &mut buf).unwrap();
    assert_eq!(caret2.x, caret.x + 2);
}

#[test]
fn every_screen_at_every_small_size_does_not_panic() {
    for lang in Lang::ALL {
        let mut w = sample(lang);
        for pos in screens() {
            let _ = w.app.goto(pos);
            for (x, y) in [
                (0, 0),
                (1, 1),
                (2, 1),
                (79, 23),
                (80, 24),
                (99, 30),
                (100, 30),
                (300, 100),
                (80, 200),
                (300, 24),
            ] {
                draw(&w.app, x, y);
            }
        }
    }
}

fn keys() -> impl Strategy<Value = Event> {
    let codes = prop_oneof![
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::F(1)),
        Just(KeyCode::F(2)),
        Just(KeyCode::F(3)),
        prop::sample::select(vec![
            'a', 'd', 'y', 'n', 'j', 'k', 'J', 'K', ' ', '1', '5', '0', '?', 'g', 'r', 'p', '云',
            'x'
        ])
        .prop_map(KeyCode::Char),
    ];
    prop_oneof![
        8 => codes.prop_map(|code| key_event(code, KeyModifiers::NONE)),
        1 => "[a-z上云\\n\\x1b]{0,12}".prop_map(Event::Paste),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn random_keys_at_random_sizes_never_panic(
        evs in prop::collection::vec(keys(), 1..60),
        w in 1u16..300,
        h in 1u16..100,
        en in any::<bool>(),
    ) {
        let mut wz = sample(if en { Lang::En } else { Lang::ZhCn });
        for ev in evs {
            if let Some(m) = event::to_msg(&wz.app.contexts(), ev) {
                if m == Msg::Action(Action::Quit) {
                    continue;
                }
                wz.send([m]);
            }
            draw(&wz.app, w, h);
        }
    }
}

#[test]
fn step_six_without_systems_says_where_waves_come_from() {
    let mut p = shangyun::model::Profile::new(Lang::En);
    p.position = Position::Step(StepId::new(6).unwrap());
    let w = opened(Lang::En, "x", p);
    let t = w.screen(120, 40);
    assert!(t.contains("No migration waves yet"), "{t}");
}

#[test]
fn two_thousand_systems_render_and_scroll() {
    let mut w = sample(Lang::ZhCn);
    for i in 0..2000 {
        w.app.profile.add_system(format!("系统{i}"));
    }
    let _ = w.app.goto(Position::Step(StepId::FIRST));
    for _ in 0..2 {
        w.act(Action::FocusNext);
    }
    w.act(Action::End);
    let t = w.screen(200, 60);
    assert!(t.contains("系统1999"), "the last row is shown after End");
    assert!(!t.contains("系统0 "), "rows far above are not drawn");
}

/// The demo enterprise (many systems, three providers, long answers), on the profile screen.
fn demo_opened(lang: Lang) -> W {
    let mut p = demo_in(lang);
    p.position = Position::Profile;
    opened(lang, "demo", p)
}

#[test]
fn the_scroll_indicator_has_its_own_column() {
    for lang in Lang::ALL {
        let mut w = demo_opened(lang);
        for pos in Jump::targets()
            .into_iter()
            .filter(|p| !matches!(p, Position::Results(_)))
        {
            let _ = w.app.goto(pos);
            let n = match &w.app.screen {
                Screen::Form(f) => f.body.items.len(),
                _ => 0,
            };
            for _ in 0..=n {
                let Screen::Form(f) = &w.app.screen else {
                    break;
                };
                // the body of a step at 80×24: 78 columns, about 16 rows, so most steps scroll
                let mut buf = Buffer::empty(Rect::new(0, 0, 78, 16));
                let area = buf.area;
                let problems = w.app.problems();
                let _ = f.body.render(&w.app.view(), area, &mut buf, problems);
                for y in 0..16 {
                    let s = buf[(77, y)].symbol();
                    assert!(
                        [" ", "▲", "▼"].contains(&s),
                        "{pos:?} {lang:?}: {s:?} in the indicator column\n{}",
                        text(&buf)
                    );
                }
                w.act(Action::FocusNext);
            }
        }
    }
}

#[test]
fn the_go_to_step_hint_is_whole_at_80_columns() {
    for lang in Lang::ALL {
        let mut w = sample(lang);
        let _ = w.app.goto(Position::Step(StepId::FIRST));
        w.act(Action::Jump);
        let t = w.screen(80, 24);
        let hint = w.app.content.t(lang, "ui.jump.keys");
        // the hint's lines, joined, give the whole hint back
        let shown: String = t
            .lines()
            .filter(|l| l.contains('│'))
            .map(|l| l.split('│').nth(1).unwrap_or("").trim().to_owned())
            .skip_while(|l| !hint.starts_with(l.as_str()) || l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            shown.replace(' ', ""),
            hint.replace(' ', ""),
            "{lang:?}\n{t}"
        );
    }
}

#[test]
fn the_welcome_title_and_subtitle_are_whole_at_every_size() {
    for lang in Lang::ALL {
        let mut w = sample(lang);
        let _ = w.app.goto(Position::Welcome);
        for (x, y) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
            let t = w.screen(x, y);
            let joined: String = t
                .lines()
                .map(str::trim)
                .collect::<String>()
                .replace(' ', "");
            for key in ["ui.app.title", "ui.app.subtitle", "ui.welcome.intro"] {
                let s = w.app.content.t(lang, key).replace(' ', "");
                assert!(joined.contains(&s), "{key} cut at {x}×{y}\n{t}");
            }
        }
    }
}

#[test]
fn provider_ranks_are_whole_at_every_width() {
    for lang in Lang::ALL {
        let mut w = demo_opened(lang);
        let _ = w.app.goto(Position::Step(StepId::new(3).unwrap()));
        assert!(!w.app.analysis.providers.is_empty());
        // the provider table in view
        w.focus_table();
        for (x, y) in [(80, 24), (120, 40), (200, 60)] {
            let t = w.screen(x, y);
            for p in &w.app.analysis.providers {
                let rank = format!(
                    "#{} {}",
                    p.rank,
                    shangyun::content::format_number(p.score, 0)
                );
                assert!(t.contains(&rank), "{rank} cut at {x}×{y}\n{t}");
            }
        }
    }
}

#[test]
fn a_cut_step_intro_always_shows_its_ellipsis() {
    for lang in Lang::ALL {
        let mut w = sample(lang);
        for pos in Jump::targets()
            .into_iter()
            .filter(|p| !matches!(p, Position::Results(_)))
        {
            let _ = w.app.goto(pos);
            let id = match pos {
                Position::Step(s) => format!("s{}", s.number()),
                _ => "profile".into(),
            };
            let intro = w.app.content.t(lang, &format!("step.{id}.intro"));
            // at 80×24 the intro has two rows (3 and 4), 78 columns wide
            if shangyun::tui::widgets::wrap(&intro, 78).len() <= 2 {
                continue;
            }
            let t = w.screen(80, 24);
            let second = t.lines().nth(4).unwrap_or("").trim_end();
            assert!(second.ends_with('…'), "{pos:?} {lang:?}: {second:?}\n{t}");
        }
    }
}

#[test]
fn help_scrolls_back_as_soon_as_it_stops_at_the_end() {
    let mut w = sample(Lang::En);
    let _ = w.app.goto(Position::Step(StepId::FIRST));
    // the wizard knows its size: scrolling stops where the help ends at that size
    w.send([Msg::Resize(80, 24), Msg::Action(Action::Help)]);
    let mut last = String::new();
    for _ in 0..60 {
        last = w.screen(80, 24);
        w.act(Action::Down);
    }
    assert_eq!(last, w.screen(80, 24), "the end was reached");
    w.act(Action::Up);
    assert_ne!(last, w.screen(80, 24), "one Up scrolls back");
}

/// Help scrolls by the size the wizard knows: Down past the end, then one Up, with no frame
/// drawn in between, is one line above the end.
#[test]
fn help_scrolls_by_the_known_size_without_a_frame_between_keys() {
    let mut w = sample(Lang::En);
    let _ = w.app.goto(Position::Step(StepId::FIRST));
    w.send([Msg::Resize(80, 24), Msg::Action(Action::Help)]);
    for _ in 0..60 {
        w.act(Action::Down);
    }
    let end = w.screen(80, 24);
    w.act(Action::Down);
    assert_eq!(end, w.screen(80, 24), "the end was reached");
    w.act(Action::Up);
    assert_ne!(end, w.screen(80, 24), "one Up scrolls back");
}

/// The "details for providers" at 80×24: last in the system form (step 1) and the provider form
/// (step 3) under their heading, and each wave's runbook after the waves (step 6), answered as
/// in the demo, in both languages.
#[test]
fn the_details_for_providers_at_80x24() {
    for lang in Lang::ALL {
        let c = Content::get();
        let heading = c.t(lang, "ui.details.heading");
        // step 1: the ERP's form, scrolled to its first detail
        let mut w = demo_opened(lang);
        let _ = w.app.goto(Position::Step(StepId::FIRST));
        w.focus_table();
        for _ in 0..2 {
            w.press(KeyCode::Down);
        }
        w.press(KeyCode::Enter);
        w.focus("sys.db_version");
        let t = w.screen(80, 24);
        assert!(t.contains(&heading), "{t}");
        assert!(t.contains("Oracle 11g R2"), "{t}");
        insta::assert_snapshot!(format!("details_system_{}_80x24", lang.tag()), t);
        // the last detail, 等保, is reachable and shown whole
        w.focus("sys.mlps");
        insta::assert_snapshot!(
            format!("details_system_mlps_{}_80x24", lang.tag()),
            w.screen(80, 24)
        );

        // step 3: the first provider's terms
        let mut w = demo_opened(lang);
        let _ = w.app.goto(Position::Step(StepId::new(3).unwrap()));
        w.focus_table();
        w.press(KeyCode::Enter);
        w.focus("prov.compensation");
        let t = w.screen(80, 24);
        assert!(t.contains(&heading), "{t}");
        insta::assert_snapshot!(format!("details_provider_{}_80x24", lang.tag()), t);

        // step 6: wave 1's runbook
        let mut w = demo_opened(lang);
        let _ = w.app.goto(Position::Step(StepId::new(6).unwrap()));
        w.focus("wave.go_criteria");
        let t = w.screen(80, 24);
        assert!(t.contains(&c.t(lang, "ui.details.wave")), "{t}");
        insta::assert_snapshot!(format!("details_wave_{}_80x24", lang.tag()), t);
    }
}
