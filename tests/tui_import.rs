//! The inventory table's import (`i`), driven through the real keymap and runtime on the demo:
//! the dialog at 80×24 in both languages (snapshots), a bad file listed with its cells and
//! nothing changed, a good file applied as one change that is saved, and `--replace` by Tab,
//! which keeps a removed system's wave answers with a system of its wave that stays.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use shangyun::model::{Lang, Position, StepId};
use shangyun::tui::app::Overlay;

mod common;
use common::{W, demo_at, notice, system_names};

/// The demo enterprise on step 1 with the inventory table focused.
fn inventory(lang: Lang) -> W {
    let mut w = demo_at(lang, Position::Step(StepId::FIRST));
    w.focus_table();
    w
}

fn dialog_open(w: &W) -> bool {
    matches!(w.app.overlays.last(), Some(Overlay::Import(_)))
}

/// The names of the systems saved in the profile the wizard has open.
fn saved_names(w: &W) -> Vec<String> {
    system_names(&w.saved(w.app.profile_name.as_deref().unwrap()))
}

#[test]
fn the_import_prompt_at_80x24_in_both_languages() {
    for lang in Lang::ALL {
        let mut w = inventory(lang);
        w.press(KeyCode::Char('i'));
        assert!(dialog_open(&w));
        w.typ("~/信息系统清单.xlsx");
        insta::assert_snapshot!(format!("import_{}_80x24", lang.tag()), w.screen(80, 24));
    }
}

#[test]
fn a_bad_file_lists_its_problems_in_the_dialog_and_changes_nothing() {
    let mut w = inventory(Lang::En);
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
    assert!(dialog_open(&w), "the dialog stays open");
    assert_eq!(w.app.profile, before, "nothing changed");
    let s = w.screen(80, 24);
    assert!(s.contains("2 problems"), "{s}");
    assert!(s.contains("2:2: "), "{s}");
    assert!(s.contains("3:3: "), "{s}");
    // the temporary folder's name changes from run to run
    let shown = s.replace(&w.dir.path().display().to_string(), "TMP");
    insta::assert_snapshot!("import_problems_en_80x24", shown);
    w.press(KeyCode::Esc);
    assert!(!dialog_open(&w));
    assert_eq!(w.app.profile, before);
}

#[test]
fn a_good_file_is_one_saved_change_and_tab_chooses_replace() {
    let mut w = inventory(Lang::ZhCn);
    let n = w.app.profile.systems.len();
    let good = w.dir.path().join("good.csv");
    std::fs::write(&good, "系统名称,数据敏感程度,依赖系统\n新 CRM,敏感,ERP\n").unwrap();
    w.press(KeyCode::Char('i'));
    w.typ(&good.display().to_string());
    w.press(KeyCode::Enter);
    assert!(!dialog_open(&w));
    assert_eq!(w.app.profile.systems.len(), n + 1);
    let added = w.app.profile.systems.last().unwrap();
    assert_eq!(added.name, "新 CRM");
    assert_eq!(added.depends_on.len(), 1);
    let s = w.screen(80, 24);
    assert!(s.contains("新增 1 个"), "{s}");
    assert!(saved_names(&w).contains(&"新 CRM".to_owned()), "saved");

    // Tab: replace the inventory with the file's systems
    w.press(KeyCode::Esc); // the notice
    let only = w.dir.path().join("only.csv");
    std::fs::write(&only, "系统名称,数据敏感程度\n新 CRM,敏感\n").unwrap();
    w.press(KeyCode::Char('i'));
    w.typ(&only.display().to_string());
    w.press(KeyCode::Tab);
    w.press(KeyCode::Enter);
    assert_eq!(
        system_names(&w.app.profile),
        ["新 CRM"],
        "only the file's system is left"
    );
    assert_eq!(saved_names(&w), ["新 CRM"]);

    // the import is one undoable change: Ctrl-Z brings the whole inventory back
    w.press(KeyCode::Esc); // the notice
    w.key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(
        w.app.profile.systems.len(),
        n + 1,
        "the replaced inventory is back"
    );
    assert!(saved_names(&w).contains(&"ERP".to_owned()), "and saved");
}

/// A replacing import in the wizard hands a removed system's wave answers to a system of its
/// wave that stays (as deleting it in the table does), says so, and undo brings them back.
#[test]
fn a_replacing_import_keeps_the_wave_answers_of_a_removed_system() {
    let mut w = inventory(Lang::En);
    let id = |w: &W, name: &str| {
        w.app
            .profile
            .systems
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .id
    };
    let (oa, finance) = (id(&w, "OA office system"), id(&w, "Finance system"));
    let answers = w.app.profile.waves[&oa].clone();
    // every system but the OA office system, whose wave (with finance) files its answers under it
    let names: Vec<String> = system_names(&w.app.profile)
        .into_iter()
        .filter(|n| n != "OA office system")
        .collect();
    let file = w.dir.path().join("without_oa.csv");
    std::fs::write(&file, format!("System name\n{}\n", names.join("\n"))).unwrap();
    w.press(KeyCode::Char('i'));
    w.typ(&file.display().to_string());
    w.press(KeyCode::Tab);
    w.press(KeyCode::Enter);
    assert!(w.app.profile.system(oa).is_none());
    assert_eq!(w.app.profile.waves.get(&finance), Some(&answers));
    assert!(!w.app.profile.waves.contains_key(&oa));
    let saved = w.saved(w.app.profile_name.as_deref().unwrap());
    assert_eq!(saved.waves.get(&finance), Some(&answers), "saved");
    let said = notice(&w.app);
    assert!(
        said.contains("1 now filed under a remaining system of the same wave; 0 lost them"),
        "{said}"
    );

    w.press(KeyCode::Esc); // the notice
    w.key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(w.app.profile.waves.get(&oa), Some(&answers), "undone");
    assert!(!w.app.profile.waves.contains_key(&finance));
}
