//! The results screens (Plan / Scorecard / Checklist).
//!
//! PLACEHOLDER: the results helper replaces this module with the real screens. The contract:
//! the app keeps a [`Results`] as `Screen::Results`, gives it the actions of the `Results` key
//! context (and of `Nav`/`Global` it does not handle itself), and calls [`Results::render`].
//! Export is a dialog: push `Overlay::Export(..)` from here and return `Cmd::Export` from
//! `app::update` (see `tui/app.rs`).

use crate::content::Text;
use crate::model::ResultTab;
use crate::tui::event::Action;
use crate::tui::widgets::{View, line};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub tab: ResultTab,
}

impl Results {
    pub fn new(tab: ResultTab) -> Results {
        Results { tab }
    }

    /// Handles an action; returns true when it was used.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::NextTab | Action::FocusNext => self.tab = self.tab.next(),
            Action::PrevTab | Action::FocusPrev => self.tab = self.tab.prev(),
            _ => return false,
        }
        true
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let th = view.theme;
        let mut x = area.x;
        for t in ResultTab::ALL {
            let key = match t {
                ResultTab::Plan => "ui.results.plan",
                ResultTab::Scorecard => "ui.results.scorecard",
                ResultTab::Checklist => "ui.results.checklist",
            };
            let style = if t == self.tab { th.selected } else { th.text };
            let s = format!(" {} ", view.t(key));
            x += line(
                buf,
                Rect {
                    x,
                    width: area.right().saturating_sub(x),
                    height: 1,
                    ..area
                },
                &s,
                style,
            ) + 1;
            if x >= area.right() {
                break;
            }
        }
        let a = view.analysis;
        let rows = [
            view.text(&Text::new("ui.results.summary_systems").num("n", a.systems.len() as f64, 0)),
            view.text(&Text::new("ui.results.summary_waves").num("n", a.waves.len() as f64, 0)),
            view.text(&Text::new("ui.results.summary_score").num("score", a.scorecard.total, 0)),
            view.t("ui.results.placeholder"),
        ];
        for (i, r) in rows.iter().enumerate() {
            let y = area.y + 2 + i as u16;
            if y >= area.bottom() {
                break;
            }
            line(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                r,
                th.text,
            );
        }
    }
}
