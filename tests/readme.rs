//! The README's generated parts: the key table comes from the keymap (`tui::event::KEYMAP`, the
//! same table that handles keys and feeds the footer and `?` help), the screenshot from the
//! wizard drawn into a buffer.
//!
//! The key table must match the keymap: when a key changes, run
//! `SHANGYUN_UPDATE_README=1 cargo test --test readme` and commit README.md. The same command
//! redraws the screenshot (the demo's step 1 at 100×30); the screenshot is not compared, so a
//! change of layout does not fail the tests, but refresh it when the screen changes visibly.

use shangyun::content::Content;
use shangyun::model::{Lang, Position, StepId};
use shangyun::tui::event::{Ctx, KEYMAP, help_rows};
use std::path::PathBuf;

mod common;
use common::{demo, opened};

const KEYS: (&str, &str) = ("<!-- keys:start -->", "<!-- keys:end -->");
const SCREEN: (&str, &str) = ("<!-- screenshot:start -->", "<!-- screenshot:end -->");

fn readme_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// Where a group of bindings applies, for a reader of the README.
fn context_name(ctx: Ctx) -> &'static str {
    match ctx {
        Ctx::Global => "everywhere, even while typing",
        Ctx::Nav => "when no text field has the focus",
        Ctx::Wizard => "on the profile, step and results screens, even while typing",
        Ctx::Steps => "on the profile and step screens, even while typing",
        Ctx::Screen => "on the profile, step and results screens, when no text field has the focus",
        Ctx::Welcome => "on the welcome screen",
        Ctx::Form => "on a profile or step screen, and in a detail form",
        Ctx::Line => "while editing a line of text (fields, prompts, the export file name)",
        Ctx::Text => "in a one-line field (text, number, date)",
        Ctx::TextArea => "in a multi-line text field",
        Ctx::Choice => "in a choice list",
        Ctx::YesNo => "on a yes/no question",
        Ctx::Rating => "on a 1–5 rating",
        Ctx::DepsField => "on a system's “depends on” field",
        Ctx::Table => "in a table (inventory, providers)",
        Ctx::Inventory => "in the inventory of systems",
        Ctx::Dialog => "in a dialog",
        Ctx::Entity => "in the detail form of a system or provider",
        Ctx::Prompt => "in a prompt for a name",
        Ctx::Help => "in the help",
        Ctx::Notice => "on a notice (any other key closes it too)",
        Ctx::Confirm => "in a yes/no confirmation",
        Ctx::Filter => "in a pick list with a filter line (dependencies)",
        Ctx::Jump => "in the “go to step” list",
        Ctx::Results => "on the results screens",
        Ctx::Plan => "on the Plan tab",
        Ctx::Scorecard => "on the Scorecard tab",
        Ctx::Checklist => "on the Checklist tab",
        Ctx::Export => "in the export dialog",
        Ctx::Import => "in the inventory's import dialog",
    }
}

/// The key table: per context (outermost first, as a user meets them), each description with
/// all its keys, in English from the locale.
fn key_table() -> String {
    let content = Content::get();
    let mut ctxs: Vec<Ctx> = Vec::new();
    for b in KEYMAP {
        if !ctxs.contains(&b.ctx) {
            ctxs.push(b.ctx);
        }
    }
    ctxs.reverse();
    let mut out = String::from("| where | keys | what they do |\n|---|---|---|\n");
    for ctx in ctxs {
        // one row per description: `↑` and `↓` both "move up/down"
        let mut rows: Vec<(Vec<String>, &str)> = Vec::new();
        for (_, keys, help) in help_rows(&[ctx]) {
            let keys = keys.split(" / ").map(|k| format!("`{k}`"));
            match rows.iter_mut().find(|(_, h)| *h == help) {
                Some((ks, _)) => ks.extend(keys),
                None => rows.push((keys.collect(), help)),
            }
        }
        for (i, (keys, help)) in rows.iter().enumerate() {
            let place = if i == 0 { context_name(ctx) } else { "" };
            // the footer names the language it switches to; the README says what the key does
            let what = match *help {
                "ui.act.lang" => "switch the language (中文 ⇄ English)".to_owned(),
                h => content.t(Lang::En, h),
            };
            out.push_str(&format!("| {place} | {} | {what} |\n", keys.join(" ")));
        }
    }
    out
}

/// The demo enterprise's step 1 at 100×30, as text.
fn screenshot() -> String {
    let mut p = demo();
    p.position = Position::Step(StepId::FIRST);
    opened(Lang::En, "demo", p).screen(100, 30)
}

/// The text between two markers, and where it is.
fn section<'a>(text: &'a str, (start, end): (&str, &str)) -> (usize, usize, &'a str) {
    let a = text.find(start).expect("the start marker is in README.md") + start.len();
    let b = text[a..].find(end).expect("the end marker is in README.md") + a;
    (a, b, &text[a..b])
}

fn replace(text: &str, markers: (&str, &str), body: &str) -> String {
    let (a, b, _) = section(text, markers);
    format!("{}\n{}{}", &text[..a], body, &text[b..])
}

#[test]
fn the_readme_key_table_is_the_keymap() {
    let path = readme_path();
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let table = key_table();
    if std::env::var_os("SHANGYUN_UPDATE_README").is_some() {
        let updated = replace(&readme, KEYS, &table);
        let shot = format!("```text\n{}```\n", screenshot());
        let updated = replace(&updated, SCREEN, &shot);
        std::fs::write(&path, updated).expect("README.md is written");
        return;
    }
    let (_, _, current) = section(&readme, KEYS);
    assert_eq!(
        current.trim(),
        table.trim(),
        "README.md's key table differs from the keymap; run \
         `SHANGYUN_UPDATE_README=1 cargo test --test readme` and commit README.md"
    );
}

#[test]
fn the_screenshot_shows_the_demo() {
    let shot = screenshot();
    assert!(shot.contains("华东精密机械有限公司"), "{shot}");
    assert!(shot.contains("Step 1/10"), "{shot}");
    let readme = std::fs::read_to_string(readme_path()).expect("README.md");
    let (_, _, current) = section(&readme, SCREEN);
    assert!(
        current.contains("华东精密机械有限公司"),
        "README.md has the screenshot"
    );
}
