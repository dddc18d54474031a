//! The import dialog of the inventory table: a file name (like the export dialog's), whether
//! to add and update or to replace the inventory, then the file.
//!
//! The dialog only edits its own state and asks for the file to be read ([`Step::Submit`]);
//! the runtime reads and checks it with [`run`] (the same [`crate::sheets`] code as
//! `shangyun import inventory`) and answers with an [`ImportOutcome`]. A valid file is applied
//! to the profile as one change and saved; a file with problems changes nothing, and the
//! dialog lists the problems with their cells (`Sheet!C7: …`) so that they can be fixed in the
//! spreadsheet and the import tried again.

use crate::content::{Content, Text};
use crate::model::{Lang, Profile};
use crate::sheets::{self, Import};
use crate::tui::event::{Action, Ctx};
use crate::tui::screens::export::{file_box, resolve};
use crate::tui::screens::{Overlay, Reply};
use crate::tui::widgets::text::{Edit, TextField, str_width};
use crate::tui::widgets::{View, line, pad, spans, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// How many problem lines the dialog shows; the rest are counted.
const SHOWN_PROBLEMS: usize = 6;

/// How a read went.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// The whole file is valid: apply it (with `replace` as chosen).
    Valid { import: Import, replace: bool },
    /// Nothing can be applied: the problems, each as one line with its place.
    Problems(Vec<String>),
    /// The file could not be read at all.
    Failed(Text),
}

/// What the dialog wants after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Stay,
    Close,
    /// Read `name` (as typed) and apply it, replacing the inventory or not.
    Submit {
        name: String,
        replace: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportDialog {
    pub field: TextField,
    /// Replace the inventory (else add and update).
    pub replace: bool,
    /// Why the last attempt failed (a file that cannot be read).
    pub error: Option<Text>,
    /// The problems of the last file read, one line each.
    pub problems: Vec<String>,
}

impl Default for ImportDialog {
    fn default() -> Self {
        ImportDialog::new()
    }
}

impl ImportDialog {
    pub fn new() -> ImportDialog {
        ImportDialog {
            field: TextField::new(String::new()),
            replace: false,
            error: None,
            problems: Vec::new(),
        }
    }

    /// Key contexts, innermost first.
    pub fn ctxs(&self) -> Vec<Ctx> {
        vec![Ctx::Import, Ctx::Line]
    }

    /// Typed or pasted text goes into the name.
    pub fn input(&mut self, s: &str) {
        self.field.insert(s);
        self.error = None;
    }

    pub fn handle(&mut self, a: Action) -> Step {
        match a {
            Action::Cancel => return Step::Close,
            Action::Confirm => {
                let name = self.field.text().trim().to_owned();
                if name.is_empty() {
                    self.error = Some(Text::new("ui.export.err_empty"));
                    return Step::Stay;
                }
                return Step::Submit {
                    name,
                    replace: self.replace,
                };
            }
            Action::FocusNext | Action::FocusPrev => self.replace = !self.replace,
            a => {
                if self.field.editor.apply(a) == Edit::Changed {
                    self.error = None;
                }
            }
        }
        Step::Stay
    }

    /// The file could not be used: say why, keep the dialog open.
    pub fn fail(&mut self, outcome: ImportOutcome) {
        match outcome {
            ImportOutcome::Failed(t) => {
                self.error = Some(t);
                self.problems.clear();
            }
            ImportOutcome::Problems(lines) => {
                self.error = None;
                self.problems = lines;
            }
            ImportOutcome::Valid { .. } => {}
        }
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let th = view.theme;
        let w = area.width.saturating_sub(4).min(72);
        let text_w = w.saturating_sub(4);
        let hint = wrap(&view.t("ui.import.hint"), text_w);
        let mut notes: Vec<String> = Vec::new();
        if let Some(e) = &self.error {
            notes.extend(wrap(&format!("⚠ {}", view.text(e)), text_w));
        }
        if !self.problems.is_empty() {
            let head = view
                .text(&Text::new("ui.import.problems").plain("n", self.problems.len().to_string()));
            notes.extend(wrap(&format!("⚠ {head}"), text_w));
            for p in self.problems.iter().take(SHOWN_PROBLEMS) {
                notes.extend(wrap(&format!("• {p}"), text_w));
            }
            if self.problems.len() > SHOWN_PROBLEMS {
                let more = (self.problems.len() - SHOWN_PROBLEMS).to_string();
                notes.push(view.text(&Text::new("ui.import.more").plain("n", more)));
            }
        }
        let h = 8 + hint.len() as u16 + notes.len() as u16;
        let (name_l, mode_l) = (view.t("ui.export.name"), view.t("ui.import.mode"));
        let label_w = str_width(&name_l).max(str_width(&mode_l)) + 1;
        let b = file_box(
            view,
            area,
            buf,
            "ui.import.title",
            (w, h),
            &self.field,
            (&name_l, label_w),
        )?;
        let choice = |on: bool, key: &str| {
            (
                format!("{} {}  ", if on { "(•)" } else { "( )" }, view.t(key)),
                if on { th.focus } else { th.text },
            )
        };
        let merge = choice(!self.replace, "ui.import.merge");
        let replace = choice(self.replace, "ui.import.replace");
        spans(
            buf,
            b.row(b.inner.y + 3),
            &[
                (&pad(&mode_l, label_w), th.text),
                (&merge.0, merge.1),
                (&replace.0, replace.1),
            ],
        );
        let mut y = b.inner.y + 5;
        for l in &notes {
            line(buf, b.row(y), l, th.error);
            y += 1;
        }
        for l in &hint {
            line(buf, b.row(y), l, th.dim);
            y += 1;
        }
        b.caret
    }
}

/// Reads and checks the file `name` stands for against `profile`. Run by the runtime.
pub fn run(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    name: &str,
    replace: bool,
) -> ImportOutcome {
    let path = match resolve(name) {
        Ok(p) => p,
        Err(t) => return ImportOutcome::Failed(t),
    };
    let table = match sheets::read::read_path(&path) {
        Ok(t) => t,
        Err(e) => return ImportOutcome::Failed(e.0),
    };
    match sheets::parse(content, &table, profile, replace) {
        Ok(import) => ImportOutcome::Valid { import, replace },
        Err(problems) => ImportOutcome::Problems(
            problems
                .iter()
                .map(|p| {
                    let message = crate::export::escape::clean(&content.render(lang, &p.text))
                        .replace('\n', " ");
                    match &p.at {
                        Some(at) => format!("{at}: {message}"),
                        None => message,
                    }
                })
                .collect(),
        ),
    }
}

/// How a read went, as the reply of the dialog on top (`dialog`): a valid file is applied to
/// `profile` as one change and announced, the dialog closes; a file with problems changes
/// nothing and the dialog (opened again if it was closed) lists them.
pub fn outcome(
    content: &Content,
    dialog: Option<&mut Overlay>,
    profile: &mut Profile,
    out: ImportOutcome,
) -> Reply {
    match (out, dialog) {
        (ImportOutcome::Valid { import, replace }, top) => {
            let applied = import.apply(content, profile, replace);
            let notice = Reply::Open(Overlay::Notice(applied_notice(
                import.systems.len(),
                applied,
            )));
            let done = notice.then(Reply::Changed);
            match top {
                Some(Overlay::Import(_)) => Reply::Close.then(done),
                _ => done,
            }
        }
        (other, Some(Overlay::Import(d))) => {
            d.fail(other);
            Reply::Handled
        }
        (other, _) => {
            let mut d = ImportDialog::new();
            d.fail(other);
            Reply::Open(Overlay::Import(d))
        }
    }
}

/// The notice after a valid file was applied; it says what became of the answers of waves
/// whose system was removed, when there were any.
pub fn applied_notice(n: usize, applied: sheets::Applied) -> Text {
    let waves = applied.waves_handed + applied.waves_dropped > 0;
    let text = Text::of(if waves {
        "ui.import.done_waves"
    } else {
        "ui.import.done"
    })
    .plain("n", n.to_string())
    .plain("added", applied.added.to_string())
    .plain("updated", applied.updated.to_string())
    .plain("removed", applied.removed.to_string());
    if waves {
        text.plain("handed", applied.waves_handed.to_string())
            .plain("dropped", applied.waves_dropped.to_string())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_what_became_of_wave_answers_only_when_some_moved_or_went() {
        let plain = sheets::Applied {
            added: 1,
            removed: 2,
            ..Default::default()
        };
        assert_eq!(applied_notice(3, plain).key, "ui.import.done");
        let waves = sheets::Applied {
            waves_handed: 1,
            waves_dropped: 2,
            ..plain
        };
        let t = applied_notice(3, waves);
        assert_eq!(t.key, "ui.import.done_waves");
        let arg = |name| {
            t.args
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, a)| a.clone())
        };
        assert_eq!(arg("handed"), Some(crate::content::Arg::Plain("1".into())));
        assert_eq!(arg("dropped"), Some(crate::content::Arg::Plain("2".into())));
    }

    #[test]
    fn the_dialog_asks_for_a_name_and_toggles_replace() {
        let mut d = ImportDialog::new();
        assert_eq!(d.handle(Action::Confirm), Step::Stay);
        assert_eq!(d.error, Some(Text::new("ui.export.err_empty")));
        d.input("清单.xlsx");
        assert_eq!(d.error, None);
        d.handle(Action::FocusNext);
        assert_eq!(
            d.handle(Action::Confirm),
            Step::Submit {
                name: "清单.xlsx".into(),
                replace: true
            }
        );
        d.handle(Action::FocusPrev);
        assert!(!d.replace);
        assert_eq!(d.handle(Action::Cancel), Step::Close);
    }

    #[test]
    fn a_bad_file_lists_its_problems_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, "System name,Data sensitivity\nERP,Top secret\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let c = Content::get();
        let p = Profile::new(Lang::En);
        let out = run(c, Lang::En, &p, &path.display().to_string(), false);
        let ImportOutcome::Problems(lines) = out else {
            panic!("{out:?}");
        };
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("2:2: "), "{lines:?}");
        let missing = run(c, Lang::En, &p, "/nonexistent/x.csv", false);
        assert!(matches!(missing, ImportOutcome::Failed(_)), "{missing:?}");
    }
}
