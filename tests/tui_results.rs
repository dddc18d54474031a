//! The results screens (Plan | Scorecard | Checklist) and the export dialog, driven through the
//! real keymap and runtime on the demo enterprise: tabs, scrolling, bar details, ticks that are
//! saved, exports to a temporary directory (written, overwrite asked, errors kept in the
//! dialog), no stale layout after a change, snapshots at 80×24 and 120×40 in both languages,
//! and no panic at any size or key sequence.

use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use shangyun::content::Content;
use shangyun::model::{Lang, Position, Profile, ResultTab};
use shangyun::tui::app::{Cmd, Msg, Overlay, update};
use shangyun::tui::event;

mod common;
use common::{W, demo, draw, fresh, key_event, notice, opened, opening, welcome};

/// The demo enterprise (its Chinese texts, the wizard in `lang`) opened on the results screen
/// of a wizard that knows its terminal's size from the start, as `demo-copy`.
fn on_results(lang: Lang) -> W {
    let mut p = demo();
    p.position = Position::Results(ResultTab::Plan);
    let mut w = fresh(lang);
    w.app.lang_fixed = true;
    w.send([Msg::Resize(80, 24), opening("demo-copy", p)]);
    w
}

/// The results tab on screen.
fn tab(w: &W) -> ResultTab {
    w.results().tab
}

/// The demo with the wizard's (pinned) day in the default export name replaced, for snapshots.
fn no_today(s: &str) -> String {
    s.replace("2026-12-01", "YYYY-MM-DD")
}

/// Opens the export dialog, picks the format (Tab presses), types the name, presses Enter.
fn export(w: &mut W, tabs: usize, name: &str) {
    w.ch('e');
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Export(_))));
    for _ in 0..tabs {
        w.press(KeyCode::Tab);
    }
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ(name);
    w.press(KeyCode::Enter);
}

#[test]
fn the_demo_reaches_results_and_tabs_switch_and_are_saved() {
    let mut w = welcome(Lang::En);
    // welcome → demo → jump list → results
    w.press(KeyCode::Down);
    w.press(KeyCode::Enter);
    assert_eq!(w.app.position(), Position::Profile);
    // the name field has focus (g would be typed): F3 opens the jump list
    w.key(KeyCode::F(3), KeyModifiers::NONE);
    w.ch('r');
    assert_eq!(w.app.position(), Position::Results(ResultTab::Plan));
    assert!(w.frame(80, 24).contains("▸Plan◂"));
    w.press(KeyCode::Right);
    assert_eq!(tab(&w), ResultTab::Scorecard);
    w.press(KeyCode::Tab);
    assert_eq!(tab(&w), ResultTab::Checklist);
    assert!(w.frame(80, 24).contains("▸Checklist◂"));
    w.press(KeyCode::Tab);
    assert_eq!(tab(&w), ResultTab::Plan);
    w.press(KeyCode::Left);
    assert_eq!(tab(&w), ResultTab::Checklist);
    // the tab is the saved position
    assert_eq!(
        w.saved("demo").position,
        Position::Results(ResultTab::Checklist)
    );
    // Esc goes back to step 10
    w.press(KeyCode::Esc);
    assert!(matches!(w.app.position(), Position::Step(s) if s.number() == 10));
}

#[test]
fn the_plan_scrolls_pages_jumps_sections_and_shows_where_it_is() {
    let mut w = on_results(Lang::En);
    let top = w.frame(80, 24);
    assert!(top.contains("Cloud adoption plan (§10)"), "{top}");
    assert!(top.contains("1–18/"), "{top}");
    w.press(KeyCode::Down);
    w.ch('j');
    let s = w.frame(80, 24);
    assert!(s.contains("3–20/"), "{s}");
    assert!(!s.contains("Cloud adoption plan (§10)"));
    // a page is Space (PgDn stays "next screen")
    w.ch(' ');
    assert!(w.frame(80, 24).contains("19–36/"));
    w.ch('b');
    assert!(w.frame(80, 24).contains("3–20/"));
    // End shows the last line, Home the first
    w.press(KeyCode::End);
    let end = w.frame(80, 24);
    let total = w.results().plan.laid().map(|l| l.lines.len()).unwrap();
    assert!(end.contains(&format!("/{total}")), "{end}");
    assert!(end.contains(&format!("–{total}/")), "{end}");
    // the plan ends with the inventory annex's sizing table
    assert!(end.contains("Sizing ("), "{end}");
    w.press(KeyCode::Home);
    assert!(w.frame(80, 24).contains("1–18/"));
    // ] goes from heading to heading and names the section at the top
    let headings: Vec<(usize, String)> = w
        .results()
        .plan
        .laid()
        .unwrap()
        .headings
        .iter()
        .map(|h| (h.line, h.text.clone()))
        .collect();
    w.ch(']');
    assert_eq!(w.results().plan.scroll, headings[1].0);
    w.ch(']');
    assert_eq!(w.results().plan.scroll, headings[2].0);
    let s = w.frame(80, 24);
    // (the summary comes first, then the profile)
    assert!(s.contains("Company profile"), "{s}");
    w.ch('[');
    assert_eq!(w.results().plan.scroll, headings[1].0);
    // the waves section shows the timeline, not Mermaid code
    while !w.frame(120, 40).contains("Migration timeline") {
        let before = w.results().plan.scroll;
        w.ch(']');
        assert_ne!(before, w.results().plan.scroll, "no timeline found");
    }
    let s = w.frame(120, 40);
    assert!(
        s.contains("Wave 1") && s.contains("█") && s.contains("2027-03-08"),
        "{s}"
    );
    assert!(!s.contains("gantt") && !s.contains("dateFormat"), "{s}");
}

#[test]
fn the_plan_is_laid_out_once_per_width_and_language() {
    let mut w = on_results(Lang::ZhCn);
    let _ = w.frame(80, 24);
    let n80 = w.results().plan.laid().map(|l| l.lines.len()).unwrap();
    let _ = w.frame(80, 24);
    let again = w.results().plan.laid().map(|l| l.lines.len()).unwrap();
    assert_eq!(n80, again);
    let _ = w.frame(200, 60);
    let n200 = w.results().plan.laid().map(|l| l.lines.len()).unwrap();
    assert!(n200 < n80, "wider means fewer lines: {n200} vs {n80}");
    // the language is part of the key: the English plan appears at once
    w.key(KeyCode::F(2), KeyModifiers::NONE);
    let s = w.frame(80, 24);
    assert!(s.contains("Cloud adoption plan"), "{s}");
}

#[test]
fn a_scorecard_bar_shows_what_cost_its_points() {
    let mut w = on_results(Lang::En);
    w.press(KeyCode::Right);
    let a = w.app.analysis.clone();
    let (i, step) = a
        .scorecard
        .steps
        .iter()
        .enumerate()
        .find(|(_, s)| !s.lost.is_empty())
        .expect("the demo loses points somewhere");
    let first = w.frame(200, 60);
    assert!(first.contains("No points lost in this step."), "{first}");
    for _ in 0..i {
        w.press(KeyCode::Down);
    }
    let s = w.frame(200, 60);
    assert!(s.contains("Points lost for:"), "{s}");
    let c = Content::get();
    for l in &step.lost {
        let item = c.t(Lang::En, &format!("score.{}", l.item));
        assert!(s.contains(&item), "{item} missing:\n{s}");
    }
    assert!(s.contains(&format!(
        "{}/10",
        shangyun::content::format_number(step.score, 1)
    )));
    // angles list their weak systems; effect dimensions their metrics
    w.press(KeyCode::End);
    let s = w.frame(200, 60);
    assert!(s.contains("from these metrics"), "{s}");
    for _ in 0..4 {
        w.ch('k');
    }
    let s = w.frame(200, 60);
    assert!(s.contains("Average") && s.contains("rated systems"), "{s}");
    // the compact layout keeps the selection in view
    let s = w.frame(80, 24);
    assert!(s.contains("▶"), "{s}");
}

#[test]
fn ticking_checklist_items_changes_the_profile_and_saves() {
    let mut w = on_results(Lang::En);
    w.press(KeyCode::Left);
    assert_eq!(tab(&w), ResultTab::Checklist);
    let before_ticked = w.app.analysis.checklist.iter().filter(|i| i.ticked).count();
    let total = w.app.analysis.checklist.len();
    assert!(
        w.frame(80, 24)
            .contains(&format!("{before_ticked}/{total} done"))
    );
    // the first row is the first item of the first step that has items
    let first = w.app.analysis.checklist[0].clone();
    assert!(!first.ticked);
    // the tick is a change of the profile: the same save command the forms use
    let cmds = update(&mut w.app, Msg::Action(event::Action::Toggle));
    assert_eq!(cmds, vec![Cmd::Save]);
    for c in cmds {
        assert_eq!(w.rt.exec(&w.app, c), None);
    }
    shangyun::tui::settle(&mut w.app, &mut w.rt);
    assert!(w.app.profile.ticks.contains(&first.id));
    assert!(w.app.analysis.checklist[0].ticked);
    assert!(
        w.saved("demo-copy").ticks.contains(&first.id),
        "saved at once"
    );
    let s = w.frame(80, 24);
    assert!(s.contains("[x]"), "{s}");
    assert!(
        s.contains(&format!("{}/{total} done", before_ticked + 1)),
        "{s}"
    );
    // Enter ticks too; a second press unticks
    w.press(KeyCode::Down);
    let second = w.app.analysis.checklist[1].id.clone();
    w.press(KeyCode::Enter);
    assert!(w.saved("demo-copy").ticks.contains(&second));
    w.press(KeyCode::Enter);
    assert!(!w.saved("demo-copy").ticks.contains(&second));
    // f hides what is done: the ticked first item disappears, the selection stays usable
    w.ch('f');
    let s = w.frame(120, 40);
    assert!(!s.contains("[x]"), "{s}");
    assert!(s.contains("done items hidden"), "{s}");
    w.ch(' ');
    let ticks = w.app.profile.ticks.len();
    assert!(ticks >= 2);
    w.ch('f');
    assert!(w.frame(120, 40).contains("[x]"));
    // the ticks are what the export writes as task items
    let md = shangyun::export::markdown(
        Content::get(),
        Lang::En,
        &w.app.profile,
        &w.app.analysis,
        None,
    );
    assert!(md.contains("- [x] "));
}

#[test]
fn export_writes_markdown_ron_and_json_and_names_the_absolute_path() {
    let mut w = on_results(Lang::En);
    let out = tempfile::tempdir().unwrap();
    let c = Content::get();
    // Markdown (the default format)
    let md = out.path().join("plan.md");
    export(&mut w, 0, &md.display().to_string());
    let note = notice(&w.app);
    let shown = std::fs::canonicalize(&md).unwrap().display().to_string();
    assert!(note.contains(&shown), "{note}");
    let s = w.frame(120, 40);
    assert!(s.contains("plan.md"), "{s}");
    w.press(KeyCode::Enter); // any key closes the notice
    assert!(w.app.overlays.is_empty());
    let text = std::fs::read_to_string(&md).unwrap();
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    for key in [
        "report.plan.title",
        "report.score.title",
        "report.check.title",
    ] {
        let t = c.t(Lang::En, key);
        assert!(
            headings.iter().any(|h| h.contains(&t)),
            "{t} not in {headings:?}"
        );
    }
    // the HTML report and the workbook
    let html_path = out.path().join("plan.html");
    export(&mut w, 1, &html_path.display().to_string());
    w.press(KeyCode::Esc);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    let xlsx_path = out.path().join("plan.xlsx");
    export(&mut w, 2, &xlsx_path.display().to_string());
    w.press(KeyCode::Esc);
    let xlsx = std::fs::read(&xlsx_path).unwrap();
    let table = shangyun::sheets::read::read_workbook(xlsx).unwrap();
    assert_eq!(table.rows.len(), w.app.profile.systems.len() + 1);
    // RON and JSON parse
    let ron_path = out.path().join("plan.ron");
    export(&mut w, 3, &ron_path.display().to_string());
    w.press(KeyCode::Esc);
    let ron_text = std::fs::read_to_string(&ron_path).unwrap();
    ron::from_str::<ron::Value>(&ron_text).unwrap();
    let json_path = out.path().join("plan.json");
    export(&mut w, 4, &json_path.display().to_string());
    w.press(KeyCode::Esc);
    let json_text = std::fs::read_to_string(&json_path).unwrap();
    serde_json::from_str::<serde_json::Value>(&json_text).unwrap();
    // Esc in the dialog writes nothing
    w.ch('e');
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ(&out.path().join("never.md").display().to_string());
    w.press(KeyCode::Esc);
    assert!(w.app.overlays.is_empty());
    assert!(!out.path().join("never.md").exists());
}

#[test]
fn export_defaults_to_a_dated_name_whose_extension_follows_the_format() {
    let mut w = on_results(Lang::ZhCn);
    w.ch('e');
    let today = "2026-12-01"; // the wizard's pinned day
    let name = |w: &W| match w.app.overlays.last() {
        Some(Overlay::Export(d)) => d.field.text().to_owned(),
        _ => panic!("no dialog"),
    };
    assert_eq!(name(&w), format!("shangyun-plan-demo-copy-{today}.md"));
    w.press(KeyCode::Tab);
    assert_eq!(name(&w), format!("shangyun-plan-demo-copy-{today}.html"));
    w.press(KeyCode::BackTab);
    w.press(KeyCode::BackTab);
    assert_eq!(name(&w), format!("shangyun-plan-demo-copy-{today}.json"));
    let s = w.frame(80, 24);
    assert!(s.contains("(•) JSON"), "{s}");
    // once the name is edited only a known extension follows
    w.press(KeyCode::Backspace);
    w.press(KeyCode::Backspace);
    w.press(KeyCode::Backspace);
    w.press(KeyCode::Backspace);
    w.typ("txt");
    w.press(KeyCode::Tab);
    assert_eq!(name(&w), format!("shangyun-plan-demo-copy-{today}.txt"));
}

#[test]
fn an_existing_file_is_only_replaced_after_confirmation() {
    let mut w = on_results(Lang::En);
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("plan.md");
    std::fs::write(&path, "keep me").unwrap();
    export(&mut w, 0, &path.display().to_string());
    let d = match w.app.overlays.last() {
        Some(Overlay::Export(d)) => d.clone(),
        o => panic!("{o:?}"),
    };
    assert_eq!(d.overwrite.as_deref(), Some(path.as_path()));
    let s = w.frame(120, 40);
    assert!(
        s.contains("already exists") && s.contains("Replace it?"),
        "{s}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    // n goes back to the name, untouched
    w.ch('n');
    match w.app.overlays.last() {
        Some(Overlay::Export(d)) => assert!(d.overwrite.is_none()),
        o => panic!("{o:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    // Enter asks again, y replaces
    w.press(KeyCode::Enter);
    w.ch('y');
    let shown = std::fs::canonicalize(&path).unwrap().display().to_string();
    assert!(notice(&w.app).contains(&shown));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# "));
}

#[test]
fn an_unwritable_destination_is_explained_and_the_dialog_stays_open() {
    let mut w = on_results(Lang::En);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let bad = file.join("plan.md");
    export(&mut w, 0, &bad.display().to_string());
    match w.app.overlays.last() {
        Some(Overlay::Export(d)) => assert!(d.error.is_some()),
        o => panic!("the dialog closed: {o:?}"),
    }
    let s = w.frame(120, 40);
    assert!(
        s.contains("a-file") && s.contains("is a file, not a folder"),
        "{s}"
    );
    assert!(s.contains("Pick another folder"), "{s}");
    // a folder that does not exist
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ(&out.path().join("missing/plan.md").display().to_string());
    w.press(KeyCode::Enter);
    assert!(w.frame(120, 40).contains("does not exist"));
    // a folder instead of a file name
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ(&out.path().display().to_string());
    w.press(KeyCode::Enter);
    assert!(w.frame(120, 40).contains("is a folder"));
    // then another place works
    let good = out.path().join("plan.md");
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ(&good.display().to_string());
    w.press(KeyCode::Enter);
    assert!(notice(&w.app).contains("plan.md"));
    assert!(good.exists());
}

#[test]
fn f4_opens_the_export_dialog_on_any_screen_with_a_profile() {
    let mut w = on_results(Lang::En);
    w.ch('g');
    w.ch('3');
    assert!(matches!(w.app.position(), Position::Step(s) if s.number() == 3));
    w.key(KeyCode::F(4), KeyModifiers::NONE);
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Export(_))));
    // typing goes into the name, not to the step's keys
    w.typ("q");
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Export(_))));
    w.press(KeyCode::Esc);
    assert!(w.app.overlays.is_empty());
}

#[test]
fn changing_an_answer_changes_the_plan_and_the_scorecard() {
    let mut w = on_results(Lang::ZhCn);
    let plan = w.frame(120, 40);
    assert!(plan.contains("华东精密机械有限公司"));
    w.press(KeyCode::Right);
    let score = w.frame(120, 40);
    let total = w.app.analysis.scorecard.total;
    // step 6: the rollback has now been rehearsed
    w.ch('g');
    w.ch('6');
    for _ in 0..60 {
        if w.app.focused_question().map(|q| q.id.as_str()) == Some("s6.rollback_rehearsed") {
            break;
        }
        w.press(KeyCode::Tab);
    }
    w.ch('y');
    assert!(w.app.analysis.scorecard.total > total);
    // and the company has a new name
    w.ch('g');
    w.ch('p');
    assert_eq!(
        w.app.focused_question().map(|q| q.id.as_str()),
        Some("ent.name")
    );
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ("江南云帆制造");
    w.key(KeyCode::F(3), KeyModifiers::NONE);
    w.ch('r');
    let plan2 = w.frame(120, 40);
    assert!(
        plan2.contains("企业名称") && plan2.contains("江南云帆制造"),
        "{plan2}"
    );
    w.press(KeyCode::Right);
    let score2 = w.frame(120, 40);
    assert_ne!(score, score2);
    let new_total = shangyun::content::format_number(w.app.analysis.scorecard.total, 1);
    assert!(score2.contains(&format!("{new_total}/100")), "{score2}");
    // a tick on the results screen drops the cached plan layout
    let _ = w.frame(80, 24);
    w.press(KeyCode::Right);
    w.ch(' ');
    assert!(w.results().plan.laid().is_none());
}

#[test]
fn help_and_footer_come_from_the_keymap_in_both_languages() {
    for (lang, page, section, tick, help) in [
        (Lang::En, "page down", "next section", "tick", "help"),
        (Lang::ZhCn, "向下翻页", "下一节", "勾选", "帮助"),
    ] {
        let mut w = on_results(lang);
        // at 80 columns the footer keeps help in reach
        let s = w.frame(80, 24);
        assert!(s.contains(&format!("Space {page}")), "{s}");
        assert!(s.contains(&format!("? {help}")), "{s}");
        w.ch('?');
        let h = w.frame(120, 40);
        assert!(h.contains("Space / Ctrl-D"), "{h}");
        assert!(h.contains("b / Ctrl-U"), "{h}");
        assert!(
            h.lines()
                .any(|l| l.contains("│   ] ") && l.contains(section)),
            "{h}"
        );
        assert!(h.contains("e / F4"), "{h}");
        w.press(KeyCode::Esc);
        w.press(KeyCode::Left);
        assert!(w.frame(80, 24).contains(&format!("Space {tick}")));
    }
}

#[test]
fn two_thousand_systems_give_a_virtual_checklist() {
    let mut w = on_results(Lang::En);
    for i in 0..2000 {
        let id = w.app.profile.add_system(format!("System {i}"));
        let s = w.app.profile.system_mut(id).unwrap();
        s.answers.set(
            "sys.strategy",
            Some(shangyun::model::Answer::Choice("rehost".into())),
        );
    }
    // any change recomputes; a tick is the cheapest
    w.press(KeyCode::Left);
    w.ch(' ');
    let n = w.app.analysis.checklist.len();
    assert!(n > 2000, "{n} items");
    w.press(KeyCode::End);
    let s = w.frame(200, 60);
    let last = w.app.analysis.checklist.last().unwrap().clone();
    let last_text: String = Content::get()
        .render(Lang::En, &last.text)
        .chars()
        .take(20)
        .collect();
    assert!(s.contains(&last_text), "{s}");
    // [ goes to the first item of the last step: its heading is on screen
    w.ch('[');
    let step = last.step.number();
    let s = w.frame(200, 60);
    assert!(s.contains(&format!("Step {step}:")), "{s}");
    w.press(KeyCode::Home);
    let first = w.app.analysis.checklist.first().unwrap().step.number();
    assert!(w.frame(200, 60).contains(&format!("Step {first}:")));
}

#[test]
fn snapshots() {
    for lang in Lang::ALL {
        let mut w = on_results(lang);
        for (x, y) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("plan_{}_{x}x{y}", lang.tag()), w.frame(x, y));
        }
        // the waves, further down: ] until their section is at the top
        let title = Content::get().t(lang, "report.plan.waves");
        let waves = w
            .results()
            .plan
            .laid()
            .unwrap()
            .headings
            .iter()
            .find(|h| h.text.starts_with(&title))
            .map(|h| h.line)
            .unwrap();
        while w.results().plan.scroll < waves {
            w.ch(']');
        }
        assert_eq!(w.results().plan.scroll, waves);
        insta::assert_snapshot!(
            format!("plan_waves_{}_120x40", lang.tag()),
            w.frame(120, 40)
        );
        // the timeline of the waves at the top, small and large (each size lays the plan out
        // anew, so the timeline's line is found at that size)
        let timeline = Content::get().t(lang, "ui.plan.timeline");
        for (x, y) in [(80, 24), (200, 60)] {
            let _ = w.frame(x, y);
            let at = w
                .results()
                .plan
                .laid()
                .unwrap()
                .lines
                .iter()
                .position(|l| l.text() == timeline)
                .expect("a timeline");
            while w.results().plan.scroll > at {
                w.press(KeyCode::Up);
            }
            while w.results().plan.scroll < at {
                w.press(KeyCode::Down);
            }
            assert_eq!(w.results().plan.scroll, at);
            insta::assert_snapshot!(format!("timeline_{}_{x}x{y}", lang.tag()), w.frame(x, y));
        }
        let _ = w.frame(120, 40);
        while w.results().plan.scroll > waves {
            w.press(KeyCode::Up);
        }
        // the scorecard with a step that lost points selected
        w.press(KeyCode::Right);
        let i = w
            .app
            .analysis
            .scorecard
            .steps
            .iter()
            .position(|s| !s.lost.is_empty())
            .unwrap_or(0);
        for _ in 0..i {
            w.press(KeyCode::Down);
        }
        for (x, y) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("scorecard_{}_{x}x{y}", lang.tag()), w.frame(x, y));
        }
        // the checklist with the first item ticked and the second selected
        w.press(KeyCode::Right);
        w.ch(' ');
        w.press(KeyCode::Down);
        for (x, y) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("checklist_{}_{x}x{y}", lang.tag()), w.frame(x, y));
        }
        w.ch('e');
        for (x, y) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("export_{}_{x}x{y}", lang.tag()),
                no_today(&w.frame(x, y))
            );
        }
    }
}

#[test]
fn every_tab_and_the_dialog_at_every_size_do_not_panic() {
    let mut w = on_results(Lang::ZhCn);
    let sizes = [
        (1, 1),
        (2, 1),
        (10, 3),
        (79, 23),
        (80, 24),
        (100, 30),
        (200, 60),
        (300, 100),
        (80, 200),
        (300, 24),
    ];
    for _ in 0..3 {
        for (x, y) in sizes {
            draw(&w.app, x, y);
        }
        w.press(KeyCode::Right);
    }
    w.ch('e');
    for (x, y) in sizes {
        draw(&w.app, x, y);
    }
    let f = tempfile::NamedTempFile::new().unwrap();
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    w.typ(&f.path().display().to_string());
    w.press(KeyCode::Enter);
    for (x, y) in sizes {
        draw(&w.app, x, y);
    }
    // an empty profile: no systems, no waves, no checklist
    let mut e = on_results(Lang::En);
    let mut p = Profile::new(Lang::En);
    p.position = Position::Results(ResultTab::Plan);
    e.send([opening("empty", p)]);
    for _ in 0..3 {
        for (x, y) in sizes {
            draw(&e.app, x, y);
        }
        e.press(KeyCode::Down);
        e.press(KeyCode::End);
        e.ch(' ');
        e.press(KeyCode::Right);
    }
}

/// Keys that matter on the results screens, plus the wizard's own.
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
        Just(KeyCode::F(2)),
        Just(KeyCode::F(4)),
        prop::sample::select(vec![
            ' ', 'b', 'f', '[', ']', 'e', 'j', 'k', 'y', 'n', 'g', 'r', '?', '云', 'x'
        ])
        .prop_map(KeyCode::Char),
    ];
    prop_oneof![
        8 => codes.prop_map(|code| key_event(code, KeyModifiers::NONE)),
        1 => prop::sample::select(vec!['d', 'u'])
            .prop_map(|c| key_event(KeyCode::Char(c), KeyModifiers::CONTROL)),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn random_keys_on_the_results_screens_never_panic(
        evs in prop::collection::vec(keys(), 1..50),
        w in 1u16..300,
        h in 1u16..100,
        en in any::<bool>(),
    ) {
        let mut wz = on_results(if en { Lang::En } else { Lang::ZhCn });
        for ev in evs {
            if let Some(m) = event::to_msg(&wz.app.contexts(), ev) {
                if m == Msg::Action(event::Action::Quit) {
                    continue;
                }
                // the dialog writes relative names into the current directory: not in tests
                if m == Msg::Action(event::Action::Confirm)
                    && matches!(wz.app.overlays.last(), Some(Overlay::Export(_)))
                {
                    continue;
                }
                wz.send([m]);
            }
            draw(&wz.app, w, h);
        }
    }
}

#[test]
fn waves_without_start_dates_are_shown_in_their_order() {
    let mut p = demo();
    for a in p.waves.values_mut() {
        a.set("wave.start", None);
    }
    p.position = Position::Results(ResultTab::Plan);
    let mut w = opened(Lang::En, "x", p);
    let _ = w.frame(120, 40);
    let line = w
        .results()
        .plan
        .laid()
        .unwrap()
        .lines
        .iter()
        .map(|l| l.text())
        .find(|t| t.contains("──▶"))
        .expect("a chain of waves");
    assert!(
        line.starts_with("[Wave 1 · 1 system] ──▶ [Wave 2 · 2 systems] ──▶ [Wave 3"),
        "{line}"
    );
}

#[test]
fn selected_and_suggested_services_are_worded_alike() {
    // the plan lists each service as "selected, suitable for: …" or "suggested, suitable for: …":
    // after the status word, both read the same, punctuation included
    let c = Content::get();
    for lang in Lang::ALL {
        let a = c.t(lang, "report.svc.selected_for");
        let b = c.t(lang, "report.svc.suggested_for");
        let common = a
            .chars()
            .rev()
            .zip(b.chars().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let status = |s: &str| {
            s.chars()
                .take(s.chars().count() - common)
                .collect::<String>()
        };
        for s in [status(&a), status(&b)] {
            assert!(
                !s.chars().any(|ch| "，；：,;:".contains(ch)),
                "{lang:?}: {a:?} and {b:?} differ in more than the status word ({s:?})"
            );
        }
    }
}

#[test]
fn scorecard_labels_are_whole_on_a_wide_terminal() {
    for lang in Lang::ALL {
        let mut w = on_results(lang);
        w.press(KeyCode::Right);
        assert_eq!(w.app.position(), Position::Results(ResultTab::Scorecard));
        let s = w.frame(200, 60);
        // the bars, left of the panel that explains the selected one
        for l in s.lines().skip(3) {
            let bars = l.split(['│', '╭', '╰']).next().unwrap_or("");
            assert!(!bars.contains('…'), "{lang:?}: a label is cut: {l}\n{s}");
        }
    }
}

/// Keys scroll by the size the wizard knows, not by what the last frame drew: End then Up with
/// no frame in between lands one line above the end.
#[test]
fn the_plan_pages_by_the_known_size_without_a_frame_between_keys() {
    let mut w = on_results(Lang::En);
    w.press(KeyCode::End);
    w.press(KeyCode::Up);
    let total = w.results().plan.laid().map(|l| l.lines.len()).unwrap();
    let s = w.screen(80, 24);
    assert!(s.contains(&format!("–{}/{total}", total - 1)), "{s}");
}

/// A cost after the move above the cost before is a cost increase on the scorecard screen too,
/// written as the plan writes money (no "CNY -300k/yr").
#[test]
fn a_negative_saving_reads_as_a_cost_increase_on_the_scorecard() {
    for (lang, want) in [
        (Lang::En, "Cost increase CNY 300k/yr"),
        (Lang::ZhCn, "成本增加 30 万元/年"),
    ] {
        let mut p = demo();
        p.answers.set(
            "s9.cost_after",
            Some(shangyun::model::Answer::Number(150.0)),
        );
        p.position = Position::Results(ResultTab::Scorecard);
        let mut w = fresh(lang);
        w.app.lang_fixed = true;
        w.send([Msg::Resize(120, 40), opening("demo-copy", p)]);
        let score = w.frame(120, 40);
        assert!(score.contains(want), "{score}");
        assert!(
            !score.contains("-300") && !score.contains("-30 "),
            "{score}"
        );
    }
}

/// A plan that moves nothing: a step's bar names the items that do not apply to it (neither
/// earned nor lost), and the level is capped at one star.
#[test]
fn a_step_bar_names_the_items_that_do_not_apply() {
    let mut p = demo();
    for s in &mut p.systems {
        s.answers.set(
            "sys.strategy",
            Some(shangyun::model::Answer::Choice("keep".into())),
        );
    }
    p.position = Position::Results(ResultTab::Plan);
    let mut w = fresh(Lang::En);
    w.app.lang_fixed = true;
    w.send([Msg::Resize(200, 60), opening("keep-all", p)]);
    w.press(KeyCode::Right);
    assert_eq!(w.app.analysis.scorecard.stars, 1);
    // step 2: its three items about migrating systems do not apply
    w.press(KeyCode::Down);
    let s = w.frame(200, 60);
    let c = Content::get();
    let na = &w.app.analysis.scorecard.steps[1].not_applicable;
    assert!(na.iter().any(|i| i == "s2.rollback"), "{na:?}");
    assert!(s.contains("Not applicable to this plan"), "{s}");
    assert!(s.contains("No points lost in this step."), "{s}");
    // (the longer labels wrap in the detail pane; this one fits on its line)
    let item = c.t(Lang::En, "score.s2.ux");
    assert!(s.contains(&item), "{item} missing:\n{s}");
}
