//! The export dialog: a file name, a format (Markdown / HTML / xlsx / RON / JSON), then the file.
//!
//! The dialog only edits its own state and asks for the file to be written
//! ([`Reply::Run`] of `Cmd::Export`); the runtime does the writing with
//! [`crate::tui::backend::export`] and answers with an [`ExportOutcome`]: written (the app shows
//! the absolute path), the file exists (the dialog asks whether to overwrite, a second box over
//! the first), or a failure (shown in the dialog with the path and what to do; the dialog stays
//! open so that another place can be tried). Files are written by
//! [`crate::store::write_export`], the writer of `shangyun export -o` too.

use super::{Overlay, Reply};
use crate::content::Text;
use crate::export::Format;
use crate::tui::event::{Action, Ctx};
use crate::tui::msg::Cmd;
use crate::tui::widgets::text::{Edit, TextField, str_width};
use crate::tui::widgets::{View, centered, frame_box, line, pad, spans, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use std::path::{Path, PathBuf};

/// Removes control strings (OSC `U+009D`/`ESC ]`, DCS, SOS, PM, APC) whole, also when typed one
/// key at a time: a text field ends such a string with its input (so that a stray introducer
/// cannot eat later typing), which would let `U+009D 0;title` typed key by key leave `0;title`
/// in a file name. Here the string goes on (`in_string`) until its terminator (BEL, ST
/// `U+009C`, `ESC`) or a character no control string holds (outside `U+0020`–`U+007E`), which
/// is then kept as typed. The rest (CSI, single controls) is the field's own cleaning.
fn drop_control_strings(raw: &str, in_string: &mut bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if *in_string {
            match c {
                '\u{7}' | '\u{9c}' => *in_string = false,
                '\u{1b}' => {
                    *in_string = false;
                    chars.next_if_eq(&'\\');
                }
                ' '..='~' => {}
                c => {
                    *in_string = false;
                    out.push(c);
                }
            }
            continue;
        }
        match c {
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => *in_string = true,
            '\u{1b}'
                if chars
                    .next_if(|n| matches!(n, ']' | 'P' | 'X' | '^' | '_'))
                    .is_some() =>
            {
                *in_string = true;
            }
            c => out.push(c),
        }
    }
    out
}

/// The name offered first: `shangyun-plan-<profile>-<YYYY-MM-DD>.<ext>`.
pub fn default_name(profile: &str, date: &str, f: Format) -> String {
    format!("shangyun-plan-{profile}-{date}.{}", f.extension())
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
    /// A control string (OSC, DCS, SOS, PM, APC) begun by an earlier key and not ended yet.
    in_string: bool,
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
            in_string: false,
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
    pub fn input(&mut self, s: &str) -> Reply {
        if self.overwrite.is_none() {
            let s = drop_control_strings(s, &mut self.in_string);
            self.field.insert(&s);
            self.edited = true;
            self.error = None;
        }
        Reply::Handled
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
        if let Some(stem) = name.strip_suffix(&format!(".{}", old.extension())) {
            self.field = TextField::new(format!("{stem}.{}", f.extension()));
        }
    }

    /// Enter writes (`Cmd::Export`, the name as typed or, when overwriting, the absolute path),
    /// Tab switches the format, Esc closes; while asking about overwriting, `y` / `n`.
    pub fn handle(&mut self, a: Action) -> Reply {
        if let Some(path) = &self.overwrite {
            return match a {
                Action::Yes => Reply::Run(Cmd::Export {
                    name: path.display().to_string(),
                    format: self.format,
                    overwrite: true,
                }),
                Action::No | Action::Cancel => {
                    self.overwrite = None;
                    Reply::Handled
                }
                _ => Reply::Ignored,
            };
        }
        match a {
            Action::Cancel => Reply::Close,
            Action::Confirm => {
                let name = self.field.text().trim().to_owned();
                if name.is_empty() {
                    self.error = Some(Text::new("ui.export.err_empty"));
                    return Reply::Handled;
                }
                Reply::Run(Cmd::Export {
                    name,
                    format: self.format,
                    overwrite: false,
                })
            }
            Action::FocusNext | Action::FocusPrev => {
                let i = Format::ALL
                    .iter()
                    .position(|f| *f == self.format)
                    .unwrap_or(0);
                let n = Format::ALL.len();
                let j = if a == Action::FocusNext {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.set_format(Format::ALL.get(j).copied().unwrap_or_default());
                Reply::Handled
            }
            a => match self.field.editor.apply(a) {
                Edit::NotEditing => Reply::Ignored,
                Edit::Unchanged => Reply::Handled,
                Edit::Changed => {
                    self.edited = true;
                    self.error = None;
                    Reply::Handled
                }
            },
        }
    }

    /// How the write it asked for went: written closes the dialog with a notice of the path;
    /// an existing file is asked about; a failure is shown in the dialog, which stays open so
    /// that another place can be tried.
    pub fn outcome(&mut self, out: ExportOutcome) -> Reply {
        match out {
            ExportOutcome::Written(_) => Reply::Close.then(ExportDialog::notice(out)),
            ExportOutcome::Exists(path) => {
                self.overwrite = Some(path);
                Reply::Handled
            }
            ExportOutcome::Failed(why) => {
                self.overwrite = None;
                self.error = Some(why);
                Reply::Handled
            }
        }
    }

    /// How a write went when the dialog is no longer there: a notice.
    pub fn notice(out: ExportOutcome) -> Reply {
        match out {
            ExportOutcome::Written(path) => Reply::Open(Overlay::Notice(
                Text::new("ui.export.written").plain("path", path.display().to_string()),
            )),
            ExportOutcome::Failed(why) => Reply::Open(Overlay::Notice(why)),
            ExportOutcome::Exists(_) => Reply::Handled,
        }
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
        for f in Format::ALL {
            let on = f == self.format;
            let choice = format!(
                "{} {}  ",
                if on { "(•)" } else { "( )" },
                view.t(f.label_key())
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
        let b = file_box(
            view,
            area,
            buf,
            "ui.export.title",
            (w, h),
            &self.field,
            (&name_l, label_w),
        )?;
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
            spans(buf, b.row(b.inner.y + 3 + i as u16), &refs);
        }
        let mut y = b.inner.y + 5 + extra;
        for l in &error {
            line(buf, b.row(y), l, th.error);
            y += 1;
        }
        for l in &hint {
            line(buf, b.row(y), l, th.dim);
            y += 1;
        }
        if let Some(path) = &self.overwrite {
            self.render_overwrite(view, area, buf, path);
            return None;
        }
        b.caret
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

/// Where a file-name dialog (this one, the import's) draws: the inside of its box and the caret
/// of its file-name field.
pub(crate) struct FileBox {
    pub inner: Rect,
    pub caret: Option<Position>,
}

impl FileBox {
    /// Row `y` of the box, inside its border; rows past the box (a terminal too low for the
    /// whole dialog) have no height, so nothing is drawn there.
    pub fn row(&self, y: u16) -> Rect {
        Rect {
            x: self.inner.x + 1,
            y,
            width: self.inner.width.saturating_sub(2),
            height: u16::from(y < self.inner.bottom()),
        }
    }
}

/// Draws a file-name dialog's box (`w` × `h`, titled by the locale key `title`) with the
/// file-name row on top: the label padded to `label_w` and `field`. `None` when too small.
pub(crate) fn file_box(
    view: &View,
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    (w, h): (u16, u16),
    field: &TextField,
    (name_l, label_w): (&str, usize),
) -> Option<FileBox> {
    let th = view.theme;
    let inner = frame_box(
        buf,
        centered(area, w, h),
        &view.t(title),
        th.border_focus,
        th.title,
    );
    if inner.height < 3 || inner.width < 6 {
        return None;
    }
    let mut b = FileBox { inner, caret: None };
    let name_row = b.row(inner.y + 1);
    let lw = spans(buf, name_row, &[(&pad(name_l, label_w), th.focus)]);
    let field_area = Rect {
        x: inner.x + 1 + lw,
        width: inner.width.saturating_sub(lw + 2),
        ..name_row
    };
    b.caret = field.render(field_area, buf, th.input);
    Some(b)
}

/// The path a typed name stands for: `~/` is the home folder; a relative name stays relative
/// (the writer, [`crate::store::write_export`], places it in the current folder and answers
/// with the absolute path).
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
    Ok(path.components().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11.7: `U+009D 0;title BEL` typed key by key left `0;title` in the file name (a
    /// field ends a control string with its input). Pasted, 7-bit and split forms too.
    #[test]
    fn a_control_string_typed_key_by_key_never_reaches_the_file_name() {
        let cases: [&[&str]; 5] = [
            &[
                "\u{9d}", "0", ";", "t", "i", "t", "l", "e", "\u{7}", "p", ".", "m", "d",
            ],
            &["\u{90}", "q", "$", "\u{9c}", "p", ".", "m", "d"],
            &["\u{1b}]0;title", "\u{1b}\\", "p.md"],
            &["\u{9f}x", "yz", "\u{7}p.md"],
            // no terminator: a character no control string holds ends it and is kept
            &["\u{9d}", "0", ";", "x", "计划", "p.md"],
        ];
        let want = ["p.md", "p.md", "p.md", "p.md", "计划p.md"];
        for (keys, want) in cases.iter().zip(want) {
            let mut d = ExportDialog::new("demo", "2025-01-02");
            d.handle(Action::Clear);
            for k in *keys {
                d.input(k);
            }
            assert_eq!(d.field.text(), want, "{keys:?}");
        }
    }

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
        assert!(matches!(d.handle(Action::Confirm), Reply::Handled));
        assert_eq!(d.error, Some(Text::new("ui.export.err_empty")));
        d.input("x.md");
        assert_eq!(d.error, None);
        assert!(matches!(
            d.handle(Action::Confirm),
            Reply::Run(Cmd::Export {
                overwrite: false,
                ..
            })
        ));
    }

    #[test]
    fn typed_names_expand_the_home_folder_and_drop_dot_components() {
        assert_eq!(resolve(" plan.md "), Ok(PathBuf::from("plan.md")));
        assert_eq!(resolve("a/./b.md"), Ok(PathBuf::from("a/b.md")));
        if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_owned()) {
            assert_eq!(resolve("~/p.md"), Ok(home.join("p.md")));
        }
        assert_eq!(resolve("  "), Err(Text::new("ui.export.err_empty")));
    }
}
