//! The results screens: Plan | Scorecard | Checklist, three tabs over the engine's analysis.
//!
//! - [`plan`]: the plan part of the export document ([`crate::export::build_document`], the
//!   same blocks the Markdown file is written from), laid out by [`layout`] and scrolled.
//! - [`scorecard`]: bar charts of the scorecard with what is behind the selected bar.
//! - [`checklist`]: the actions grouped by step, ticked with Space.
//!
//! The app keeps a [`Results`] as `Screen::Results` and gives it the actions of the tab's key
//! context and [`Ctx::Results`] (see [`Results::ctxs`]; the app adds the wizard's own). A tab
//! change is saved as the position, a tick changes `profile.ticks`. Export is a dialog the app
//! opens itself (`e` here, `F4` anywhere). Nothing here computes a score.

pub mod checklist;
pub mod layout;
pub mod plan;
pub mod scorecard;

use super::Reply;
use crate::model::{Position, ResultTab};
use crate::tui::event::{Action, Ctx};
use crate::tui::msg::Cmd;
use crate::tui::widgets::KeyCx;
use crate::tui::widgets::text::{fill, str_width};
use crate::tui::widgets::{View, line, truncate};
use checklist::CheckView;
use plan::PlanView;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use scorecard::ScoreView;

/// What an action did on a tab.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Not a results action: the app may use it (Esc goes back).
    Ignored,
    /// Handled here (scrolling, selection, filter).
    Handled,
    /// The tab changed: the position is saved.
    Tab,
    /// Tick or untick this checklist item.
    Tick(String),
}

#[derive(Debug, Clone)]
pub struct Results {
    pub tab: ResultTab,
    pub plan: PlanView,
    pub scorecard: ScoreView,
    pub checklist: CheckView,
}

impl Results {
    pub fn new(tab: ResultTab) -> Results {
        Results {
            tab,
            plan: PlanView::default(),
            scorecard: ScoreView::default(),
            checklist: CheckView::default(),
        }
    }

    /// Key contexts, innermost first: the tab's own, then the results screen's.
    pub fn ctxs(&self) -> [Ctx; 2] {
        let tab = match self.tab {
            ResultTab::Plan => Ctx::Plan,
            ResultTab::Scorecard => Ctx::Scorecard,
            ResultTab::Checklist => Ctx::Checklist,
        };
        [tab, Ctx::Results]
    }

    /// The analysis changed (a tick, an answer): cached layouts are stale.
    pub fn invalidate(&mut self) {
        self.plan.invalidate();
    }

    /// Handles an action of the results contexts: a tab change is saved as the position, a
    /// tick changes `profile.ticks`.
    pub fn handle(&mut self, action: Action, cx: &mut KeyCx) -> Reply {
        let out = self.outcome(action, &cx.view(), Results::body(cx.area));
        match out {
            Outcome::Ignored => Reply::Ignored,
            Outcome::Handled => Reply::Handled,
            Outcome::Tab => {
                cx.profile.position = Position::Results(self.tab);
                Reply::Run(Cmd::Save)
            }
            Outcome::Tick(id) => {
                // an item ticked by a schema-1 id (a wave by number) is unticked through it too
                let legacy = cx
                    .view()
                    .analysis
                    .checklist
                    .iter()
                    .find(|i| i.id == id)
                    .and_then(|i| i.legacy_id.clone());
                let was = cx.profile.ticks.remove(&id)
                    | legacy.is_some_and(|old| cx.profile.ticks.remove(&old));
                if !was {
                    cx.profile.ticks.insert(id);
                }
                Reply::Changed
            }
        }
    }

    /// Where a tab is drawn when the screen is drawn in `area`: under the tab bar and a blank
    /// row.
    fn body(area: Rect) -> Rect {
        Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        }
    }

    /// Lays the plan out for the screen's `area` at the terminal's size (the app does this
    /// after every message, so that paging knows the plan's length before a key comes).
    pub fn lay_out(&mut self, view: &View, area: Rect) {
        if self.tab == ResultTab::Plan {
            self.plan.lay_out(view, Results::body(area));
        }
    }

    fn outcome(&mut self, action: Action, view: &View, body: Rect) -> Outcome {
        match action {
            Action::NextTab | Action::FocusNext => {
                self.tab = self.tab.next();
                return Outcome::Tab;
            }
            Action::PrevTab | Action::FocusPrev => {
                self.tab = self.tab.prev();
                return Outcome::Tab;
            }
            _ => {}
        }
        let used = match self.tab {
            ResultTab::Plan => self.plan.handle(action, view, body),
            ResultTab::Scorecard => self.scorecard.handle(action, view, body),
            ResultTab::Checklist => return self.checklist.handle(action, view.analysis, body),
        };
        if used {
            Outcome::Handled
        } else {
            Outcome::Ignored
        }
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return;
        }
        let body = Results::body(area);
        match self.tab {
            ResultTab::Plan => self.plan.render(view, body, buf),
            ResultTab::Scorecard => self.scorecard.render(view, body, buf),
            ResultTab::Checklist => self.checklist.render(view, body, buf),
        }
        self.render_tabs(view, Rect { height: 1, ..area }, body, buf);
    }

    /// The tab bar, with where the plan is scrolled to on the right.
    fn render_tabs(&self, view: &View, row: Rect, body: Rect, buf: &mut Buffer) {
        let th = view.theme;
        let mut x = row.x;
        for (i, t) in ResultTab::ALL.iter().enumerate() {
            let key = match t {
                ResultTab::Plan => "ui.results.plan",
                ResultTab::Scorecard => "ui.results.scorecard",
                ResultTab::Checklist => "ui.results.checklist",
            };
            let here = *t == self.tab;
            let label = if here {
                format!("▸{}◂", view.t(key))
            } else {
                format!(" {} ", view.t(key))
            };
            let r = Rect {
                x,
                width: row.right().saturating_sub(x),
                ..row
            };
            let w = str_width(&label) as u16;
            if here {
                fill(
                    buf,
                    Rect {
                        width: w.min(r.width),
                        ..r
                    },
                    th.selected,
                );
            }
            x += line(buf, r, &label, if here { th.selected } else { th.dim });
            if i + 1 < ResultTab::ALL.len() {
                x += line(
                    buf,
                    Rect {
                        x,
                        width: row.right().saturating_sub(x),
                        ..row
                    },
                    " │ ",
                    th.border,
                );
            }
            if x >= row.right() {
                return;
            }
        }
        if self.tab == ResultTab::Plan
            && let Some((section, lines)) = self.plan.position(view, body)
        {
            let room = row.right().saturating_sub(x + 2) as usize;
            let lw = str_width(&lines);
            if room > lw + 4 {
                let sec = truncate(&section, room - lw - 3);
                let s = if sec.is_empty() {
                    lines
                } else {
                    format!("{sec} · {lines}")
                };
                let sw = str_width(&s) as u16;
                line(
                    buf,
                    Rect {
                        x: row.right().saturating_sub(sw),
                        width: sw,
                        ..row
                    },
                    &s,
                    th.dim,
                );
            }
        }
    }
}
