//! The export dialog: a file name, a format (Markdown / HTML / xlsx / RON / JSON), then the file.
//!
//! The dialog only edits its own state and asks for the file to be written
//! ([`Step::Submit`] → `Cmd::Export`); the runtime does the writing with [`run`] and answers
//! with an [`ExportOutcome`]: written (the app shows the absolute path), the file exists (the
//! dialog asks whether to overwrite, a second box over the first), or a failure (shown in the
//! dialog with the path and what to do; the dialog stays open so that another place can be
//! tried). Files are written atomically with [`crate::export::file::write_atomic`], the same
//! mechanism as `shangyun export -o`.

use crate::content::Text;
use crate::export::{self, Format};
use crate::tui::app::App;
use crate::tui::event::{Action, Ctx};
use crate::tui::widgets::text::{TextField, str_width};
use crate::tui::widgets::{View, centered, frame_box, line, pad, spans, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use std::path::{Path, PathBuf};

/// The formats in the order Tab cycles through them.
pub const FORMATS: [Format; 5] = [
    Format::Markdown,
    Format::Html,
    Format::Xlsx,
    Format::Ron,
    Format::Json,
];

/// The file name extension of a format.
pub fn extension(f: Format) -> &'static str {
    match f {
        Format::Markdown => "md",
        Format::Ron => "ron",
        Format::Json => "json",
        Format::Html => "html",
        Format::Xlsx => "xlsx",
    }
}

fn format_key(f: Format) -> &'static str {
    match f {
        Format::Markdown => "ui.export.fmt_md",
        Format::Ron => "ui.export.fmt_ron",
        Format::Json => "ui.export.fmt_json",
        Format::Html => "ui.export.fmt_html",
        Format::Xlsx => "ui.export.fmt_xlsx",
    }
}

/// The name offered first: `shangyun-plan-<profile>-<YYYY-MM-DD>.<ext>`.
pub fn default_name(profile: &str, date: &str, f: Format) -> String {
    format!("shangyun-plan-{profile}-{date}.{}", extension(f))
}

/// How a write went.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportOutcome {
    /// Written to this absolute path.
    Written(PathBuf),
    /// The file exists and overwriting was not confirmed yet.
    Exists(PathBuf),
    /// It could not be written; the text names the path and what to do.
    Failed(Text),
}

/// What the dialog wants after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Stay,
    Close,
    /// Write `name` (as typed, or the absolute path when overwriting) in `format`.
    Submit {
        name: String,
        format: Format,
        overwrite: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportDialog {
    pub field: TextField,
    pub format: Format,
    /// The user changed the name: a format switch then only swaps a known extension.
    pub edited: bool,
    /// The profile name and date the default name is made of.
    profile: String,
    date: String,
    /// Why the last attempt failed.
    pub error: Option<Text>,
    /// The file exists: asking whether to overwrite it.
    pub overwrite: Option<PathBuf>,
}

impl ExportDialog {
    pub fn new(profile: &str, date: &str) -> ExportDialog {
        ExportDialog {
            field: TextField::new(default_name(profile, date, Format::Markdown)),
            format: Format::Markdown,
            edited: false,
            profile: profile.to_owned(),
            date: date.to_owned(),
            error: None,
            overwrite: None,
        }
    }

    /// Key contexts, innermost first.
    pub fn ctxs(&self) -> Vec<Ctx> {
        if self.overwrite.is_some() {
            vec![Ctx::Confirm]
        } else {
            vec![Ctx::Export, Ctx::Line]
        }
    }

    /// Typed or pasted text goes into the name (not while asking about overwriting).
    pub fn input(&mut self, s: &str) {
        if self.overwrite.is_none() {
            self.field.insert(s);
            self.edited = true;
            self.error = None;
        }
    }

    fn set_format(&mut self, f: Format) {
        let old = self.format;
        self.format = f;
        if !self.edited {
            self.field = TextField::new(default_name(&self.profile, &self.date, f));
            return;
        }
        // an edited name keeps its stem; only our own extension is swapped
        let name = self.field.text().to_owned();
        if let Some(stem) = name.strip_suffix(&format!(".{}", extension(old))) {
            self.field = TextField::new(format!("{stem}.{}", extension(f)));
        }
    }

    pub fn handle(&mut self, a: Action) -> Step {
        if let Some(path) = &self.overwrite {
            return match a {
                Action::Yes => Step::Submit {
                    name: path.display().to_string(),
                    format: self.format,
                    overwrite: true,
                },
                Action::No | Action::Cancel => {
                    self.overwrite = None;
                    Step::Stay
                }
                _ => Step::Stay,
            };
        }
        let ed = &mut self.field.editor;
        let mut changed = true;
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
                    format: self.format,
                    overwrite: false,
                };
            }
            Action::FocusNext | Action::FocusPrev => {
                let i = FORMATS.iter().position(|f| *f == self.format).unwrap_or(0);
                let n = FORMATS.len();
                let j = if a == Action::FocusNext {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.set_format(FORMATS.get(j).copied().unwrap_or_default());
                return Step::Stay;
            }
            Action::Backspace => changed = ed.backspace(),
            Action::DeleteChar => changed = ed.delete(),
            Action::Clear => ed.clear(),
            Action::Left => {
                ed.left();
                changed = false;
            }
            Action::Right => {
                ed.right();
                changed = false;
            }
            Action::Home => {
                ed.home();
                changed = false;
            }
            Action::End => {
                ed.end();
                changed = false;
            }
            _ => changed = false,
        }
        if changed {
            self.edited = true;
            self.error = None;
        }
        Step::Stay
    }

    /// The file exists: ask before replacing it.
    pub fn ask_overwrite(&mut self, path: PathBuf) {
        self.overwrite = Some(path);
    }

    /// The write failed: say why, keep the dialog open.
    pub fn fail(&mut self, why: Text) {
        self.overwrite = None;
        self.error = Some(why);
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let th = view.theme;
        let w = area.width.saturating_sub(4).min(72);
        let text_w = w.saturating_sub(4);
        let hint = wrap(&view.t("ui.export.hint"), text_w);
        let error: Vec<String> = self
            .error
            .as_ref()
            .map(|e| {
                let mut v = wrap(&format!("⚠ {}", view.text(e)), text_w);
                v.extend(wrap(&view.t("ui.export.err_advice"), text_w));
                v
            })
            .unwrap_or_default();
        // the two labels padded to one width, so that the field and the choices line up
        let (name_l, format_l) = (view.t("ui.export.name"), view.t("ui.export.format"));
        let label_w = str_width(&name_l).max(str_width(&format_l)) + 1;
        // the formats, the chosen one marked (readable without colour), on as many rows as
        // they need after the label
        let choices_w = usize::from(text_w).saturating_sub(label_w).max(1);
        let mut format_rows: Vec<Vec<(String, bool)>> = vec![Vec::new()];
        let mut used = 0;
        for f in FORMATS {
            let on = f == self.format;
            let choice = format!(
                "{} {}  ",
                if on { "(•)" } else { "( )" },
                view.t(format_key(f))
            );
            let cw = str_width(&choice);
            if used > 0 && used + cw > choices_w {
                format_rows.push(Vec::new());
                used = 0;
            }
            used += cw;
            if let Some(last) = format_rows.last_mut() {
                last.push((choice, on));
            }
        }
        let extra = format_rows.len().saturating_sub(1) as u16;
        let h = 8 + extra + hint.len() as u16 + error.len() as u16;
        let inner = frame_box(
            buf,
            centered(area, w, h),
            &view.t("ui.export.title"),
            th.border_focus,
            th.title,
        );
        if inner.height < 3 || inner.width < 6 {
            return None;
        }
        // rows past the box (a terminal too low for the whole dialog) are not drawn
        let row = |y: u16| Rect {
            x: inner.x + 1,
            y,
            width: inner.width.saturating_sub(2),
            height: u16::from(y < inner.bottom()),
        };
        let lw = spans(buf, row(inner.y + 1), &[(&pad(&name_l, label_w), th.focus)]);
        let field_area = Rect {
            x: inner.x + 1 + lw,
            width: inner.width.saturating_sub(lw + 2),
            ..row(inner.y + 1)
        };
        let caret = self.field.render(field_area, buf, th.input);
        for (i, choices) in format_rows.iter().enumerate() {
            let label = if i == 0 { format_l.as_str() } else { "" };
            let mut parts: Vec<(String, ratatui::style::Style)> =
                vec![(pad(label, label_w), th.text)];
            parts.extend(
                choices
                    .iter()
                    .map(|(c, on)| (c.clone(), if *on { th.focus } else { th.text })),
            );
            let refs: Vec<(&str, ratatui::style::Style)> =
                parts.iter().map(|(s, st)| (s.as_str(), *st)).collect();
            spans(buf, row(inner.y + 3 + i as u16), &refs);
        }
        let mut y = inner.y + 5 + extra;
        for l in &error {
            line(buf, row(y), l, th.error);
            y += 1;
        }
        for l in &hint {
            line(buf, row(y), l, th.dim);
            y += 1;
        }
        if let Some(path) = &self.overwrite {
            self.render_overwrite(view, area, buf, path);
            return None;
        }
        caret
    }

    fn render_overwrite(&self, view: &View, area: Rect, buf: &mut Buffer, path: &Path) {
        let th = view.theme;
        let w = area.width.saturating_sub(8).min(64);
        let body =
            view.text(&Text::new("ui.export.exists").plain("path", path.display().to_string()));
        let lines = wrap(&body, w.saturating_sub(4));
        let h = lines.len() as u16 + 5;
        let inner = frame_box(
            buf,
            centered(area, w, h),
            &view.t("ui.confirm.title"),
            th.border_focus,
            th.title,
        );
        let row = |y: u16| Rect {
            x: inner.x + 1,
            y,
            width: inner.width.saturating_sub(2),
            height: u16::from(y < inner.bottom()),
        };
        for (i, l) in lines.iter().enumerate() {
            line(buf, row(inner.y + 1 + i as u16), l, th.text);
        }
        line(
            buf,
            row(inner.y + 2 + lines.len() as u16),
            &view.t("ui.export.overwrite_keys"),
            th.key,
        );
    }
}

/// The absolute path a typed name stands for: `~/` is the home folder, a relative name is in
/// the current directory.
pub fn resolve(name: &str) -> Result<PathBuf, Text> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Text::new("ui.export.err_empty"));
    }
    let home = || directories::BaseDirs::new().map(|b| b.home_dir().to_owned());
    let path = match name.strip_prefix("~/") {
        Some(rest) => match home() {
            Some(h) => h.join(rest),
            None => PathBuf::from(name),
        },
        None => PathBuf::from(name),
    };
    // `a/./b` → `a/b`; `..` stays (only the file system knows where it leads)
    let path: PathBuf = path.components().collect();
    if path.is_absolute() {
        return Ok(path);
    }
    std::env::current_dir()
        .map(|d| d.join(&path))
        .map_err(|e| failed(&path, &e.to_string()))
}

fn failed(path: &Path, error: &str) -> Text {
    Text::new("ui.export.err_write")
        .plain("path", path.display().to_string())
        .plain("error", error)
}

/// Writes the export of the app's profile (in the app's language, dated today, UTC) to the
/// file `name` stands for. Run by the runtime for `Cmd::Export`.
pub fn run(app: &App, name: &str, format: Format, overwrite: bool) -> ExportOutcome {
    let path = match resolve(name) {
        Ok(p) => p,
        Err(t) => return ExportOutcome::Failed(t),
    };
    if path.is_dir() {
        return ExportOutcome::Failed(
            Text::new("ui.export.err_is_dir").plain("path", path.display().to_string()),
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if dir.is_file() {
            return ExportOutcome::Failed(
                Text::new("ui.export.err_not_dir").plain("dir", dir.display().to_string()),
            );
        }
        if !dir.is_dir() {
            return ExportOutcome::Failed(
                Text::new("ui.export.err_no_dir").plain("dir", dir.display().to_string()),
            );
        }
    }
    if !overwrite && path.symlink_metadata().is_ok() {
        return ExportOutcome::Exists(path);
    }
    let today = crate::model::date::today().to_string();
    let text = match export::render_bytes(
        format,
        app.content,
        app.lang,
        &app.profile,
        &app.analysis,
        Some(&today),
    ) {
        Ok(t) => t,
        Err(e) => return ExportOutcome::Failed(failed(&path, &format!("{e:#}"))),
    };
    match export::file::write_atomic(&path, &text) {
        // the confirmation names the file as the system sees it (no `./`, `..` or links)
        Ok(()) => ExportOutcome::Written(std::fs::canonicalize(&path).unwrap_or(path)),
        Err(e) => ExportOutcome::Failed(failed(&path, &e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_format_follows_the_extension_until_the_name_is_edited() {
        let mut d = ExportDialog::new("demo", "2025-01-02");
        assert_eq!(d.field.text(), "shangyun-plan-demo-2025-01-02.md");
        d.handle(Action::FocusNext);
        assert_eq!(d.format, Format::Html);
        assert_eq!(d.field.text(), "shangyun-plan-demo-2025-01-02.html");
        d.handle(Action::FocusNext);
        assert_eq!(d.format, Format::Xlsx);
        assert_eq!(d.field.text(), "shangyun-plan-demo-2025-01-02.xlsx");
        d.handle(Action::FocusPrev);
        d.handle(Action::FocusPrev);
        d.handle(Action::FocusPrev);
        assert_eq!(d.field.text(), "shangyun-plan-demo-2025-01-02.json");
        // an edited name keeps its stem, and only a known extension is swapped
        d.handle(Action::Clear);
        d.input("plan.json");
        d.handle(Action::FocusNext);
        assert_eq!(d.field.text(), "plan.md");
        d.handle(Action::Clear);
        d.input("notes.txt");
        d.handle(Action::FocusNext);
        assert_eq!(d.field.text(), "notes.txt");
        assert_eq!(d.format, Format::Html);
    }

    #[test]
    fn an_empty_name_is_refused_in_the_dialog() {
        let mut d = ExportDialog::new("demo", "2025-01-02");
        d.handle(Action::Clear);
        assert_eq!(d.handle(Action::Confirm), Step::Stay);
        assert_eq!(d.error, Some(Text::new("ui.export.err_empty")));
        d.input("x.md");
        assert_eq!(d.error, None);
        assert!(matches!(
            d.handle(Action::Confirm),
            Step::Submit {
                overwrite: false,
                ..
            }
        ));
    }

    #[test]
    fn relative_names_resolve_in_the_current_directory() {
        let p = resolve("plan.md").unwrap_or_default();
        assert!(p.is_absolute());
        assert!(p.ends_with("plan.md"));
        assert_eq!(resolve("  "), Err(Text::new("ui.export.err_empty")));
    }
}
