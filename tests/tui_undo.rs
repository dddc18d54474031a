//! Undo and redo (`Ctrl-Z` / `Ctrl-Y`): every change to the profile can be taken back for the
//! session, and the wizard says what was undone. Driven through `update` with the real keymap
//! and a real store, so what is saved is checked too.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use shangyun::model::{Answer, Lang, SystemId};
use shangyun::tui::app::Overlay;

mod common;
use common::{W, system_names, welcome, with_profile, with_systems};

fn undo(w: &mut W) {
    w.key(KeyCode::Char('z'), KeyModifiers::CONTROL);
}
fn redo(w: &mut W) {
    w.key(KeyCode::Char('y'), KeyModifiers::CONTROL);
}
/// The message line as drawn (wide enough to hold it).
fn message(w: &W) -> String {
    w.screen(160, 30)
}

/// The question of the confirmation on top, in the wizard's language.
fn confirmation(w: &W) -> String {
    match w.app.overlays.last() {
        Some(Overlay::Confirm(c)) => w.app.view().text(&c.text),
        o => panic!("no confirmation: {o:?}"),
    }
}

/// A profile at step 1 with ERP, CRM and WMS; CRM and WMS need ERP, ERP has an answer.
fn erp_needed_by_two() -> (W, SystemId) {
    let mut w = with_systems(&["ERP", "CRM", "WMS"]);
    let p = &mut w.app.profile;
    let (erp, crm, wms) = (p.systems[0].id, p.systems[1].id, p.systems[2].id);
    p.toggle_dependency(crm, erp);
    p.toggle_dependency(wms, erp);
    p.system_mut(erp)
        .unwrap()
        .answers
        .set("sys.peak_users", Some(Answer::Number(250.0)));
    // edited here directly, not by keys: settled by hand as the wizard settles a change
    let settled = w.app.profile.clone();
    w.app.history.settle(&settled);
    w.press(KeyCode::Home);
    (w, erp)
}

#[test]
fn the_delete_confirmation_names_the_systems_that_need_it_in_both_languages() {
    let (mut w, _) = erp_needed_by_two();
    w.ch('d');
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Confirm(_))));
    let zh = confirmation(&w);
    assert!(zh.contains("ERP 被以下系统依赖：CRM、WMS。"), "{zh}");
    w.key(KeyCode::F(2), KeyModifiers::NONE);
    let en = confirmation(&w);
    assert!(en.contains("ERP is needed by: CRM, WMS."), "{en}");
    // a system nobody needs is asked about as before
    w.ch('n');
    w.press(KeyCode::End);
    w.ch('d');
    let plain = confirmation(&w);
    assert!(!plain.contains("needed by"), "{plain}");
    assert!(plain.contains("“WMS”"), "{plain}");
}

#[test]
fn ctrl_z_restores_a_deleted_system_with_its_dependencies_and_answers_and_ctrl_y_deletes_it_again()
{
    let (mut w, erp) = erp_needed_by_two();
    let whole = w.app.profile.systems.clone();
    w.ch('d');
    w.ch('y');
    assert_eq!(system_names(&w.app.profile), ["CRM", "WMS"]);
    assert!(
        w.app
            .profile
            .systems
            .iter()
            .all(|s| s.depends_on.is_empty())
    );

    undo(&mut w);
    assert_eq!(
        w.app.profile.systems, whole,
        "ERP, its answer and both dependencies on it are back"
    );
    assert_eq!(w.saved("acme").systems, whole, "the undo is saved");
    let analysed = w.app.analysis.systems.iter().any(|s| s.id == erp);
    assert!(analysed, "the analysis is derived again");
    let shown = message(&w);
    assert!(shown.contains("已撤销 — 删除信息系统“ERP”"), "{shown}");

    redo(&mut w);
    assert_eq!(system_names(&w.app.profile), ["CRM", "WMS"]);
    assert_eq!(w.saved("acme").systems.len(), 2, "the redo is saved");
    let shown = message(&w);
    assert!(shown.contains("已重做 — 删除信息系统“ERP”"), "{shown}");
}

#[test]
fn a_typed_answer_is_undone_as_one_step_even_while_the_field_has_focus() {
    let mut w = with_profile("acme");
    w.focus("ent.name");
    w.typ("ERP Co");
    w.press(KeyCode::Backspace);
    w.typ("o");
    w.focus("ent.size");
    w.press(KeyCode::Down);
    w.ch(' ');
    let size = w.app.profile.answers.get("ent.size").cloned();
    assert!(size.is_some());

    // the choice first, then all the typing at once
    undo(&mut w);
    assert_eq!(w.app.profile.answers.get("ent.size"), None);
    assert_eq!(
        w.app.profile.answers.get("ent.name"),
        Some(&Answer::Text("ERP Co".into()))
    );
    w.focus("ent.name");
    undo(&mut w);
    assert_eq!(w.app.profile.answers.get("ent.name"), None, "one step");
    assert_eq!(w.saved("acme").answers.get("ent.name"), None);
    assert_eq!(w.focused_q(), Some("ent.name"), "the focus stays");
    assert!(
        !w.screen(120, 30).contains("ERP Co"),
        "the field shows the restored (empty) answer"
    );
    let shown = message(&w);
    assert!(shown.contains("已撤销 — “企业名称”的答案"), "{shown}");

    redo(&mut w);
    assert_eq!(
        w.app.profile.answers.get("ent.name"),
        Some(&Answer::Text("ERP Co".into()))
    );
    assert!(w.screen(120, 30).contains("ERP Co"));
    redo(&mut w);
    assert_eq!(w.app.profile.answers.get("ent.size"), size.as_ref());
}

#[test]
fn typing_taken_back_is_no_step_and_a_key_that_changes_nothing_keeps_the_redo() {
    let mut w = with_profile("acme");
    w.focus("ent.size");
    w.press(KeyCode::Down);
    w.ch(' ');
    let size = w.app.profile.answers.get("ent.size").cloned();
    assert!(size.is_some());
    // typed and erased again: the answers are as they were, so Ctrl-Z undoes the size
    w.focus("ent.name");
    w.typ("ab");
    w.press(KeyCode::Backspace);
    w.press(KeyCode::Backspace);
    assert_eq!(w.app.profile.answers.get("ent.name"), None);
    undo(&mut w);
    assert_eq!(w.app.profile.answers.get("ent.size"), None);
    assert!(message(&w).contains("“企业规模”的答案"), "{}", message(&w));
    // erasing in an empty field changes nothing: what was undone can still be redone
    w.focus("ent.name");
    w.press(KeyCode::Backspace);
    w.press(KeyCode::Delete);
    redo(&mut w);
    assert_eq!(w.app.profile.answers.get("ent.size"), size.as_ref());
    undo(&mut w);
    undo(&mut w);
    assert!(message(&w).contains("没有可撤销的修改"), "{}", message(&w));
}

#[test]
fn a_moved_row_is_undone() {
    let mut w = with_systems(&["ERP", "CRM", "WMS"]);
    w.press(KeyCode::End);
    w.ch('K');
    assert_eq!(system_names(&w.app.profile), ["ERP", "WMS", "CRM"]);
    undo(&mut w);
    assert_eq!(system_names(&w.app.profile), ["ERP", "CRM", "WMS"]);
    assert_eq!(system_names(&w.saved("acme")), ["ERP", "CRM", "WMS"]);
    assert!(message(&w).contains("已撤销 — 移动“WMS”"));
    // a new change forgets what was undone
    w.ch('K');
    redo(&mut w);
    assert!(message(&w).contains("没有可重做的修改"));
}

#[test]
fn undo_with_nothing_to_undo_says_so_and_changes_nothing() {
    let mut w = with_profile("acme");
    let before = w.app.profile.clone();
    undo(&mut w);
    assert_eq!(w.app.profile, before);
    assert!(
        message(&w).contains("没有可撤销的修改"),
        "{:?} {}",
        w.app.flash,
        message(&w)
    );
    redo(&mut w);
    assert_eq!(w.app.profile, before);
    assert!(message(&w).contains("没有可重做的修改"));
    // and on the welcome screen nothing happens at all
    let mut w = welcome(Lang::ZhCn);
    undo(&mut w);
    assert!(w.app.flash.is_none());
}

#[test]
fn a_cleared_answer_in_a_detail_form_comes_back_and_the_form_shows_it() {
    let mut w = with_systems(&["ERP"]);
    w.press(KeyCode::Home);
    w.press(KeyCode::Enter);
    assert!(matches!(w.app.overlays.last(), Some(Overlay::Entity(_))));
    w.focus("sys.peak_users");
    w.typ("250");
    w.focus("sys.response_ms");
    w.focus("sys.peak_users");
    w.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let erp = w.app.profile.systems[0].id;
    let peak = |w: &W| {
        w.app
            .profile
            .system(erp)
            .unwrap()
            .answers
            .get("sys.peak_users")
            .cloned()
    };
    assert_eq!(peak(&w), None, "Ctrl-U cleared it");
    undo(&mut w);
    assert_eq!(peak(&w), Some(Answer::Number(250.0)));
    assert!(
        matches!(w.app.overlays.last(), Some(Overlay::Entity(_))),
        "the detail form stays open"
    );
    assert_eq!(w.focused_q(), Some("sys.peak_users"));
    assert!(w.screen(120, 30).contains("250"), "the form shows it again");
    // typing in one field after another is two steps
    undo(&mut w);
    assert_eq!(peak(&w), None);
    assert_eq!(w.app.profile.systems.len(), 1, "the typing was one step");
}
