//! Small dialogs drawn over a screen: a one-line prompt, a yes/no confirmation, a notice, the
//! step jump list, the help overlay and the dependency picker. Each keeps only its own state;
//! the app decides what their answers do.

use crate::content::{Content, QuestionDef, Text};
use crate::model::{Position as Screen, Profile, ProviderId, ResultTab, StepId, SystemId};
use crate::tui::backend::{self, StepStatus};
use crate::tui::event::{self, Ctx};
use crate::tui::widgets::text::{TextField, str_width};
use crate::tui::widgets::{View, centered, frame_box, line, pad, spans, truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use std::cell::Cell;

/// The longest profile name, in characters.
pub const PROFILE_NAME_MAX: usize = 64;

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    NewProfile,
    AddSystem,
    AddProvider,
}

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub field: TextField,
    pub error: Option<Text>,
    /// How many were added while it stayed open (adding systems one after another).
    pub added: usize,
}

impl Prompt {
    pub fn new(purpose: PromptPurpose) -> Prompt {
        Prompt {
            purpose,
            field: TextField::default(),
            error: None,
            added: 0,
        }
    }

    /// Typed or pasted text; refused whole, with the message, past the limit of what it names
    /// (the same limit as the name field of a system's or provider's form).
    pub fn input(&mut self, content: &Content, s: &str) {
        let named = match self.purpose {
            PromptPurpose::NewProfile => None,
            PromptPurpose::AddSystem => content.question("sys.name"),
            PromptPurpose::AddProvider => content.question("prov.name"),
        };
        let (max, refused) = match named {
            Some(q) => backend::input_limit(q),
            None => (
                PROFILE_NAME_MAX,
                Text::new("val.refused_long").num("max", PROFILE_NAME_MAX as f64, 0),
            ),
        };
        self.error = if self.field.insert_within(s, max) {
            None
        } else {
            Some(refused)
        };
    }

    fn keys(&self) -> (&'static str, &'static str) {
        match self.purpose {
            PromptPurpose::NewProfile => ("ui.prompt.new_profile", "ui.prompt.new_profile_hint"),
            PromptPurpose::AddSystem => ("ui.prompt.add_system", "ui.prompt.add_hint"),
            PromptPurpose::AddProvider => ("ui.prompt.add_provider", "ui.prompt.add_provider_hint"),
        }
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let th = view.theme;
        let (title, hint) = self.keys();
        let w = area.width.saturating_sub(4).min(64);
        let hint_lines = wrap(&view.t(hint), w.saturating_sub(4));
        let h = 5
            + hint_lines.len() as u16
            + u16::from(self.error.is_some())
            + u16::from(self.added > 0);
        let inner = frame_box(
            buf,
            centered(area, w, h),
            &view.t(title),
            th.border_focus,
            th.title,
        );
        if inner.height == 0 {
            return None;
        }
        let field_area = Rect {
            x: inner.x + 1,
            y: inner.y + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        };
        let caret = self.field.render(field_area, buf, th.input);
        let mut y = inner.y + 3;
        if let Some(e) = &self.error {
            line(
                buf,
                Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                },
                &format!("⚠ {}", view.text(e)),
                th.error,
            );
            y += 1;
        }
        if self.added > 0 {
            let t = view.text(&Text::new("ui.prompt.added").num("n", self.added as f64, 0));
            line(
                buf,
                Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                },
                &t,
                th.ok,
            );
            y += 1;
        }
        for l in hint_lines {
            line(
                buf,
                Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                },
                &l,
                th.dim,
            );
            y += 1;
        }
        caret
    }
}

/// What a confirmation confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    DeleteSystem(SystemId),
    DeleteProvider(ProviderId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub text: Text,
    pub on_yes: ConfirmAction,
}

impl Confirm {
    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        message_box(
            view,
            area,
            buf,
            &view.t("ui.confirm.title"),
            &view.text(&self.text),
            &view.t("ui.confirm.keys"),
        );
    }
}

/// A notice dismissed by any key.
pub fn render_notice(view: &View, area: Rect, buf: &mut Buffer, text: &Text) {
    message_box(
        view,
        area,
        buf,
        &view.t("ui.notice.title"),
        &view.text(text),
        &view.t("ui.notice.keys"),
    );
}

fn message_box(view: &View, area: Rect, buf: &mut Buffer, title: &str, body: &str, keys: &str) {
    let th = view.theme;
    let w = area.width.saturating_sub(4).min(60);
    let lines = wrap(body, w.saturating_sub(4));
    let h = lines.len() as u16 + 5;
    let inner = frame_box(buf, centered(area, w, h), title, th.border_focus, th.title);
    let mut y = inner.y + 1;
    for l in &lines {
        line(
            buf,
            Rect {
                x: inner.x + 1,
                y,
                width: inner.width.saturating_sub(2),
                height: 1,
            },
            l,
            th.text,
        );
        y += 1;
    }
    line(
        buf,
        Rect {
            x: inner.x + 1,
            y: y + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        },
        keys,
        th.key,
    );
}

/// The list of screens to jump to: the profile, the ten steps, the results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jump {
    pub selected: usize,
}

impl Jump {
    pub fn targets() -> Vec<Screen> {
        let mut v = vec![Screen::Profile];
        v.extend(StepId::ALL.iter().map(|s| Screen::Step(*s)));
        v.push(Screen::Results(ResultTab::Plan));
        v
    }

    /// The key that jumps straight to a target: `p`, `1`–`9`, `0` for step 10, `r`.
    pub fn shortcut(target: Screen) -> char {
        match target {
            Screen::Step(s) if s.number() == 10 => '0',
            Screen::Step(s) => char::from(b'0' + s.number()),
            Screen::Results(_) => 'r',
            _ => 'p',
        }
    }

    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        status: &dyn Fn(Screen) -> Option<StepStatus>,
    ) {
        let th = view.theme;
        let targets = Jump::targets();
        let w = area.width.saturating_sub(4).min(48);
        // the hint wraps under the list (it must not be cut)
        let hint = wrap(&view.t("ui.jump.keys"), w.saturating_sub(3));
        let inner = frame_box(
            buf,
            centered(area, w, targets.len() as u16 + 3 + hint.len() as u16),
            &view.t("ui.jump.title"),
            th.border_focus,
            th.title,
        );
        for (i, t) in targets.iter().enumerate() {
            let y = inner.y + i as u16;
            if y >= inner.bottom() {
                break;
            }
            let (icon, _) = status_icon(status(*t));
            let label = screen_label(view, *t);
            let text = format!(" {}  {} {}", Jump::shortcut(*t), icon, label);
            let style = if i == self.selected {
                th.selected
            } else {
                th.text
            };
            let r = Rect {
                y,
                height: 1,
                ..inner
            };
            crate::tui::widgets::text::fill(buf, r, style);
            line(buf, r, &text, style);
        }
        for (i, l) in hint.iter().enumerate() {
            let y = inner.y + targets.len() as u16 + 1 + i as u16;
            if y >= inner.bottom() {
                break;
            }
            line(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                &format!(" {l}"),
                th.dim,
            );
        }
    }
}

/// Icon and locale key of a step status: ○ not started, ◐ in progress, ● complete, ⚠ problems.
pub fn status_icon(s: Option<StepStatus>) -> (&'static str, &'static str) {
    match s {
        Some(StepStatus::NotStarted) => ("○", "ui.status.not_started"),
        Some(StepStatus::InProgress) => ("◐", "ui.status.in_progress"),
        Some(StepStatus::Complete) => ("●", "ui.status.complete"),
        Some(StepStatus::Problems) => ("⚠", "ui.status.problems"),
        None => (" ", ""),
    }
}

/// The name of a screen: `概况`, `1 需求分析`, `结果`.
pub fn screen_label(view: &View, s: Screen) -> String {
    match s {
        Screen::Welcome => view.t("ui.welcome.short"),
        Screen::Profile => view.t("step.profile.title"),
        Screen::Step(n) => format!(
            "{} {}",
            n.number(),
            view.t(&format!("step.s{}.title", n.number()))
        ),
        Screen::Results(_) => view.t("ui.results.title"),
    }
}

/// The help overlay: the keys of the contexts under it and the focused question's help.
#[derive(Debug, Clone)]
pub struct Help {
    pub scroll: u16,
    /// Contexts that were active when help opened (innermost first).
    pub ctxs: Vec<Ctx>,
    /// The focused question, if any.
    pub question: Option<&'static QuestionDef>,
    /// How far the last frame could scroll, so that scrolling stops at the end.
    max_scroll: Cell<u16>,
    /// The locale keys of the screen's title and introduction, shown in full on top (the screen
    /// has room for a few lines of it only).
    intro: Option<(String, String)>,
}

impl Help {
    pub fn new(ctxs: Vec<Ctx>, question: Option<&'static QuestionDef>) -> Help {
        Help {
            scroll: 0,
            ctxs,
            question,
            max_scroll: Cell::new(u16::MAX),
            intro: None,
        }
    }

    /// Help on a step (or the profile screen) `id` starts with its whole introduction.
    pub fn with_intro(mut self, id: Option<&str>) -> Help {
        self.intro = id.map(|id| (format!("step.{id}.title"), format!("step.{id}.intro")));
        self
    }

    /// Scrolls one line down (`+1`) or up (`-1`), within what the last frame showed.
    pub fn scroll_by(&mut self, delta: i32) {
        let max = self.max_scroll.get();
        self.scroll = self.scroll.min(max);
        self.scroll = if delta < 0 {
            self.scroll.saturating_sub(1)
        } else {
            self.scroll.saturating_add(1).min(max)
        };
    }

    pub fn lines(&self, view: &View, width: u16) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = Vec::new();
        if let Some((title, intro)) = &self.intro {
            out.push((view.t(title), true));
            for l in wrap(&view.t(intro), width) {
                out.push((l, false));
            }
            out.push((String::new(), false));
        }
        if let Some(q) = self.question {
            out.push((
                format!(
                    "{}  {}",
                    view.t(&format!("q.{}.label", q.id)),
                    view.cite(&q.clause)
                ),
                true,
            ));
            for l in wrap(&view.t(&format!("q.{}.help", q.id)), width) {
                out.push((l, false));
            }
            out.push((String::new(), false));
        }
        out.push((view.t("ui.help.keys"), true));
        let rows = event::help_rows(&self.ctxs);
        // the key column is as wide as most rows need; a longer list of keys (the digits of the
        // jump list) takes its own line, so that no key is ever cut off
        let cap = (width as usize / 3).max(16);
        let kw = rows
            .iter()
            .map(|(_, k, _)| str_width(k))
            .filter(|w| *w <= cap)
            .max()
            .unwrap_or(0);
        for (_, keys, help) in rows {
            if str_width(&keys) > kw {
                out.push((format!("  {keys}"), false));
                out.push((format!("  {}  {}", " ".repeat(kw), view.t(help)), false));
            } else {
                out.push((format!("  {}  {}", pad(&keys, kw), view.t(help)), false));
            }
        }
        out
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let th = view.theme;
        let w = area.width.saturating_sub(4).min(90);
        let box_area = centered(area, w, area.height.saturating_sub(2));
        let inner = frame_box(
            buf,
            box_area,
            &view.t("ui.help.title"),
            th.border_focus,
            th.title,
        );
        if inner.height < 2 {
            return;
        }
        let lines = self.lines(view, inner.width.saturating_sub(2));
        let body_h = inner.height - 1;
        let max_scroll = (lines.len() as u16).saturating_sub(body_h);
        self.max_scroll.set(max_scroll);
        let scroll = self.scroll.min(max_scroll);
        for (i, (l, bold)) in lines
            .iter()
            .skip(scroll as usize)
            .take(body_h as usize)
            .enumerate()
        {
            let r = Rect {
                x: inner.x + 1,
                y: inner.y + i as u16,
                width: inner.width.saturating_sub(2),
                height: 1,
            };
            line(buf, r, l, if *bold { th.title } else { th.text });
        }
        let r = Rect {
            x: inner.x + 1,
            y: inner.bottom() - 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        };
        line(buf, r, &view.t("ui.help.close"), th.dim);
    }
}

/// Picks the systems one system depends on, with a filter line for long inventories.
#[derive(Debug, Clone, PartialEq)]
pub struct DepsPicker {
    pub system: SystemId,
    pub filter: TextField,
    pub selected: usize,
    offset: Cell<usize>,
}

impl DepsPicker {
    pub fn new(system: SystemId) -> DepsPicker {
        DepsPicker {
            system,
            filter: TextField::default(),
            selected: 0,
            offset: Cell::new(0),
        }
    }

    /// The candidate systems (all but this one) whose names contain the filter.
    pub fn candidates(&self, profile: &Profile) -> Vec<SystemId> {
        let f = self.filter.text().trim().to_lowercase();
        profile
            .systems
            .iter()
            .filter(|s| s.id != self.system && (f.is_empty() || s.name.to_lowercase().contains(&f)))
            .map(|s| s.id)
            .collect()
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let th = view.theme;
        let name = view
            .profile
            .system(self.system)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let title = view.text(&Text::new("ui.deps.title").plain("name", name));
        let box_area = centered(
            area,
            area.width.saturating_sub(4).min(70),
            area.height.saturating_sub(2),
        );
        let inner = frame_box(buf, box_area, &title, th.border_focus, th.title);
        if inner.height < 4 || inner.width < 6 {
            return None;
        }
        let w = spans(
            buf,
            Rect { height: 1, ..inner },
            &[(&format!(" {} ", view.t("ui.deps.filter")), th.dim)],
        );
        let caret = self.filter.render(
            Rect {
                x: inner.x + w,
                width: inner.width.saturating_sub(w + 1),
                height: 1,
                ..inner
            },
            buf,
            th.input,
        );
        let cands = self.candidates(view.profile);
        let deps = view
            .profile
            .system(self.system)
            .map(|s| s.depends_on.clone())
            .unwrap_or_default();
        let list = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(3),
            ..inner
        };
        let h = list.height.max(1) as usize;
        let sel = self.selected.min(cands.len().saturating_sub(1));
        let mut off = self.offset.get();
        if sel < off {
            off = sel;
        } else if sel >= off + h {
            off = sel + 1 - h;
        }
        self.offset.set(off);
        if cands.is_empty() {
            line(
                buf,
                list,
                &format!(" {}", view.t("ui.deps.no_candidates")),
                th.dim,
            );
        }
        for (k, id) in cands.iter().enumerate().skip(off).take(h) {
            let Some(s) = view.profile.system(*id) else {
                continue;
            };
            let on = deps.contains(id);
            let style = if k == sel { th.selected } else { th.text };
            let r = Rect {
                y: list.y + (k - off) as u16,
                height: 1,
                ..list
            };
            crate::tui::widgets::text::fill(buf, r, style);
            let label = format!(
                "{}. {}",
                view.profile.system_index(*id).map_or(0, |i| i + 1),
                tell_apart(view, s)
            );
            line(
                buf,
                r,
                &format!(
                    " {} {}",
                    if on { "[x]" } else { "[ ]" },
                    truncate(&label, (r.width as usize).saturating_sub(5))
                ),
                style,
            );
        }
        let r = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        let count = view.text(&Text::new("ui.deps.count").num("n", deps.len() as f64, 0));
        line(
            buf,
            r,
            &format!(" {count} · {}", view.t("ui.deps.keys")),
            th.dim,
        );
        caret
    }
}

/// A system's name in the dependency picker, after its place in the inventory (the `i` of a
/// detail form's "i/n"); when another system has the same name, its business area follows too,
/// so the two can be told apart.
fn tell_apart(view: &View, s: &crate::model::System) -> String {
    let key = s.name.trim().to_lowercase();
    let shared = view
        .profile
        .systems
        .iter()
        .any(|o| o.id != s.id && o.name.trim().to_lowercase() == key);
    match s.answers.choice("sys.business") {
        Some(b) if shared => format!(
            "{} ({})",
            s.name,
            view.content.option_label(view.lang, "business", b)
        ),
        _ => s.name.clone(),
    }
}
