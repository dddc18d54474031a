//! The welcome screen: start a new profile, load the demo enterprise, resume a saved profile,
//! switch language or quit. One list, arrows and Enter; large and plain for a projector.

use super::Overlay;
use super::Reply;
use super::dialog::{Prompt, PromptPurpose};
use crate::content::Text;
use crate::tui::backend::{Health, ProfileInfo};
use crate::tui::event::Action;
use crate::tui::msg::Cmd;
use crate::tui::widgets::text::fill;
use crate::tui::widgets::{View, centered, line, pad, truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// An entry of the welcome list.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    New,
    Demo,
    Resume(ProfileInfo),
    Language,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Welcome {
    pub selected: usize,
    pub profiles: Vec<ProfileInfo>,
}

impl Welcome {
    pub fn new(profiles: Vec<ProfileInfo>) -> Welcome {
        // with saved profiles, the most recent one is preselected
        let selected = if profiles.is_empty() { 0 } else { 2 };
        Welcome { selected, profiles }
    }

    /// The saved profiles changed: list them, keeping the selection where it was (unless it
    /// was on the first entry, when the most recent profile is preselected).
    pub fn set_profiles(&mut self, profiles: Vec<ProfileInfo>) {
        let sel = self.selected;
        *self = Welcome::new(profiles);
        if sel != 0 {
            self.selected = sel.min(self.entries().len() - 1);
        }
    }

    pub fn entries(&self) -> Vec<Entry> {
        let mut v = vec![Entry::New, Entry::Demo];
        v.extend(self.profiles.iter().cloned().map(Entry::Resume));
        v.push(Entry::Language);
        v.push(Entry::Quit);
        v
    }

    pub fn handle(&mut self, action: Action) -> Reply {
        let n = self.entries().len();
        match action {
            Action::Up => self.selected = self.selected.checked_sub(1).unwrap_or(n - 1),
            Action::Down => self.selected = (self.selected + 1) % n,
            Action::Home => self.selected = 0,
            Action::End => self.selected = n - 1,
            Action::Confirm => {
                return match self.entries().get(self.selected) {
                    Some(Entry::New) => {
                        Reply::Open(Overlay::Prompt(Prompt::new(PromptPurpose::NewProfile)))
                    }
                    Some(Entry::Demo) => Reply::Run(Cmd::OpenDemo),
                    Some(Entry::Resume(p)) => Reply::Run(Cmd::Open {
                        name: p.name.clone(),
                        create: false,
                    }),
                    Some(Entry::Language) => Reply::Global(Action::ToggleLang),
                    Some(Entry::Quit) => Reply::Global(Action::Quit),
                    None => Reply::Handled,
                };
            }
            _ => return Reply::Ignored,
        }
        Reply::Handled
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let th = view.theme;
        let area = area.intersection(buf.area);
        let entries = self.entries();
        let w = area.width.saturating_sub(4).min(76);
        // title, subtitle and intro wrap: none of them is ever cut
        let title = wrap(&view.t("ui.app.title"), w);
        let subtitle = wrap(&view.t("ui.app.subtitle"), w);
        let intro = wrap(&view.t("ui.welcome.intro"), w);
        let head_h = (title.len() + subtitle.len() + 1 + intro.len() + 1) as u16;
        // the list and, below it, a spare row (where "no saved profiles" goes)
        let list_h = (entries.len() as u16 + 1)
            .min(area.height.saturating_sub(head_h))
            .max(3);
        let r = centered(area, w, head_h + list_h);
        if r.height == 0 {
            return;
        }
        let mut y = r.y;
        let row = |y: u16| Rect {
            x: r.x,
            y,
            width: r.width,
            height: 1,
        };
        for (lines, style) in [(&title, th.title), (&subtitle, th.dim)] {
            for l in lines {
                line(buf, row(y), l, style);
                y += 1;
            }
        }
        y += 1;
        for l in &intro {
            line(buf, row(y), l, th.text);
            y += 1;
        }
        y += 1;
        let visible = list_h.saturating_sub(1) as usize;
        let top = self.selected.saturating_sub(visible.saturating_sub(1));
        for (i, e) in entries.iter().enumerate().skip(top).take(visible) {
            if y >= r.bottom() {
                break;
            }
            let (text, healthy) = match e {
                Entry::New => (format!("＋ {}", view.t("ui.welcome.new")), true),
                Entry::Demo => (format!("▶ {}", view.t("ui.welcome.demo")), true),
                Entry::Resume(p) => resume_text(view, p, r.width.saturating_sub(1) as usize),
                Entry::Language => (format!("⇄ {}", view.t("ui.welcome.language")), true),
                Entry::Quit => (format!("✕ {}", view.t("ui.welcome.quit")), true),
            };
            let style = match (i == self.selected, healthy) {
                (true, _) => th.selected,
                (false, true) => th.text,
                (false, false) => th.warn,
            };
            fill(buf, row(y), style);
            line(buf, row(y), &format!(" {text}"), style);
            y += 1;
        }
        if self.profiles.is_empty() && y < r.bottom() {
            line(buf, row(y), &view.t("ui.welcome.no_profiles"), th.dim);
        }
    }
}

/// The list row of a saved profile, at most `width` columns, and whether it can be opened:
/// `↺ Resume: acme   Acme Ltd · 2026-05-01`, or a warning in place of the enterprise when the
/// file cannot be read or comes from a newer shangyun (opening it would only say so).
fn resume_text(view: &View, p: &ProfileInfo, width: usize) -> (String, bool) {
    let who = view.text(&Text::new("ui.welcome.resume").plain("name", p.name.clone()));
    let left = pad(&truncate(&who, 28), 28);
    let (what, healthy) = match p.health {
        Health::Ok if p.enterprise.is_empty() => (view.t("report.unnamed_enterprise"), true),
        Health::Ok => (truncate(&p.enterprise, 24), true),
        Health::Unreadable => (format!("⚠ {}", view.t("ui.welcome.unreadable")), false),
        Health::NotRegular => (format!("⚠ {}", view.t("ui.welcome.not_regular")), false),
        Health::Newer(v) => (
            format!(
                "⚠ {}",
                view.text(&Text::new("ui.welcome.newer").num("version", v as f64, 0))
            ),
            false,
        ),
    };
    let text = if p.modified.is_empty() {
        format!("↺ {left} {what}")
    } else {
        format!("↺ {left} {what} · {}", p.modified)
    };
    (truncate(&text, width), healthy)
}
