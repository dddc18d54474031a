//! The Checklist tab: the engine's actions grouped by step, ticked with Space.
//!
//! The list is virtual: only the rows on screen are rendered into text, so thousands of items
//! (2,000 systems give many per-system actions) cost nothing to scroll. A tick is not kept
//! here: the tab reports which item to toggle, the app changes `profile.ticks` and saves, and
//! the analysis (which carries `ticked`) is recomputed. `f` hides what is done.

use super::Outcome;
use crate::content::Text;
use crate::engine::{Analysis, CheckItem};
use crate::model::StepId;
use crate::tui::event::Action;
use crate::tui::widgets::text::{fill, str_width};
use crate::tui::widgets::{View, line, spans, truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{LineGauge, Widget};

#[derive(Debug, Clone, Default)]
pub struct CheckView {
    /// The selected item, as an index into the visible items.
    pub selected: usize,
    /// Items already ticked are not listed.
    pub hide_done: bool,
    /// First row shown; follows the selection when a key moves it.
    offset: usize,
}

/// A row of the list.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    /// A step heading with (done, total) for the step.
    Step(StepId, usize, usize),
    /// An index into `analysis.checklist`.
    Item(usize),
}

/// The rows of the list and, for each visible item, its row.
fn rows(items: &[CheckItem], hide_done: bool) -> (Vec<Row>, Vec<usize>) {
    let mut by_step: Vec<Vec<usize>> = vec![Vec::new(); StepId::COUNT];
    for (i, it) in items.iter().enumerate() {
        if let Some(v) = by_step.get_mut(it.step.index()) {
            v.push(i);
        }
    }
    let mut rows = Vec::with_capacity(items.len() + StepId::COUNT);
    let mut item_rows = Vec::with_capacity(items.len());
    for (step, idx) in StepId::ALL.iter().zip(&by_step) {
        if idx.is_empty() {
            continue;
        }
        let done = idx
            .iter()
            .filter(|i| items.get(**i).is_some_and(|it| it.ticked))
            .count();
        rows.push(Row::Step(*step, done, idx.len()));
        for i in idx {
            if hide_done && items.get(*i).is_some_and(|it| it.ticked) {
                continue;
            }
            item_rows.push(rows.len());
            rows.push(Row::Item(*i));
        }
    }
    (rows, item_rows)
}

impl CheckView {
    /// The checklist index of the selected item.
    fn selected_item(&self, rows: &[Row], item_rows: &[usize]) -> Option<usize> {
        match item_rows.get(self.selected).and_then(|r| rows.get(*r)) {
            Some(Row::Item(i)) => Some(*i),
            _ => None,
        }
    }

    /// How many rows of the list show in `area`: below the progress line, above the selected
    /// item's text (on terminals tall enough for it).
    fn list_area(area: Rect) -> Rect {
        if area.width < 10 || area.height < 2 {
            return Rect::default();
        }
        let detail_h: u16 = if area.height >= 12 { 3 } else { 0 };
        Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2 + detail_h),
            ..area
        }
    }

    /// The first row shown so that the selected item is in view in `h` rows, with its step's
    /// heading when it is the step's first.
    fn offset_for(&self, rows: &[Row], item_rows: &[usize], h: usize) -> usize {
        let sel = self.selected.min(item_rows.len().saturating_sub(1));
        let sel_row = item_rows.get(sel).copied().unwrap_or(0);
        let mut off = self.offset.min(rows.len().saturating_sub(h));
        let top_want = if sel_row > 0 && matches!(rows.get(sel_row - 1), Some(Row::Step(..))) {
            sel_row - 1
        } else {
            sel_row
        };
        if top_want < off {
            off = top_want;
        } else if sel_row >= off + h {
            off = sel_row + 1 - h;
        }
        off
    }

    /// The checklist's keys; paging and scrolling follow from `area`, where the tab is drawn.
    pub fn handle(&mut self, a: Action, analysis: &Analysis, area: Rect) -> Outcome {
        let out = self.handle_list(a, analysis, area);
        let h = CheckView::list_area(area).height as usize;
        if h > 0 {
            let (rows, item_rows) = rows(&analysis.checklist, self.hide_done);
            self.offset = self.offset_for(&rows, &item_rows, h);
        }
        out
    }

    fn handle_list(&mut self, a: Action, analysis: &Analysis, area: Rect) -> Outcome {
        let items = &analysis.checklist;
        let (rows, item_rows) = rows(items, self.hide_done);
        let n = item_rows.len();
        let last = n.saturating_sub(1);
        self.selected = self.selected.min(last);
        let page = (CheckView::list_area(area).height as usize)
            .saturating_sub(1)
            .max(1);
        match a {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::NextSection | Action::PrevSection => {
                let step_of = |k: usize| match item_rows.get(k).and_then(|r| rows.get(*r)) {
                    Some(Row::Item(i)) => items.get(*i).map(|it| it.step),
                    _ => None,
                };
                let here = step_of(self.selected);
                let target = if a == Action::NextSection {
                    (self.selected..n).find(|k| step_of(*k) != here)
                } else {
                    // the first item of this step, or of the step before when already there
                    let first_here = (0..=self.selected)
                        .rev()
                        .take_while(|k| step_of(*k) == here)
                        .last()
                        .unwrap_or(self.selected);
                    if first_here < self.selected {
                        Some(first_here)
                    } else {
                        let prev = first_here.checked_sub(1).and_then(step_of);
                        prev.and_then(|p| (0..first_here).find(|k| step_of(*k) == Some(p)))
                    }
                };
                if let Some(t) = target {
                    self.selected = t;
                }
            }
            Action::Toggle | Action::Confirm => {
                return match self
                    .selected_item(&rows, &item_rows)
                    .and_then(|i| items.get(i))
                {
                    Some(it) => Outcome::Tick(it.id.clone()),
                    None => Outcome::Handled,
                };
            }
            Action::HideDone => {
                // keep the same item selected, or the next one still shown
                let cur = self.selected_item(&rows, &item_rows);
                self.hide_done = !self.hide_done;
                let (rows2, item_rows2) = self::rows(items, self.hide_done);
                self.selected = cur
                    .and_then(|c| {
                        item_rows2.iter().position(|r| match rows2.get(*r) {
                            Some(Row::Item(i)) => *i >= c,
                            _ => false,
                        })
                    })
                    .unwrap_or(0);
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width < 10 || area.height < 2 {
            return;
        }
        let th = view.theme;
        let items = &view.analysis.checklist;
        let (rows, item_rows) = rows(items, self.hide_done);
        let done = items.iter().filter(|i| i.ticked).count();
        // progress and the filter state
        let progress = view.text(
            &Text::new("ui.check.progress")
                .num("done", done as f64, 0)
                .num("total", items.len() as f64, 0),
        );
        let filter = view.t(if self.hide_done {
            "ui.check.hiding_done"
        } else {
            "ui.check.showing_all"
        });
        let head = Rect { height: 1, ..area };
        let w = spans(buf, head, &[(&progress, th.title), (" ", th.text)]);
        let fw = str_width(&filter) as u16;
        let gauge_w = area.width.saturating_sub(w + fw + 2);
        if gauge_w >= 6 && !items.is_empty() {
            LineGauge::default()
                .ratio(if items.is_empty() {
                    0.0
                } else {
                    (done as f64 / items.len() as f64).clamp(0.0, 1.0)
                })
                .label("")
                .filled_symbol("█")
                .unfilled_symbol("░")
                .filled_style(th.ok)
                .unfilled_style(th.dim)
                .render(
                    Rect {
                        x: head.x + w,
                        width: gauge_w,
                        ..head
                    },
                    buf,
                );
        }
        line(
            buf,
            Rect {
                x: head.right().saturating_sub(fw),
                width: fw,
                ..head
            },
            &filter,
            th.dim,
        );
        // the list, with the selected item's full text under it
        let list = CheckView::list_area(area);
        if items.is_empty() || item_rows.is_empty() {
            let key = if items.is_empty() {
                "ui.check.empty"
            } else {
                "ui.check.all_done"
            };
            for (i, l) in wrap(&view.t(key), list.width)
                .iter()
                .take(list.height as usize)
                .enumerate()
            {
                line(
                    buf,
                    Rect {
                        y: list.y + i as u16,
                        height: 1,
                        ..list
                    },
                    l,
                    th.dim,
                );
            }
        }
        let h = list.height as usize;
        if h == 0 {
            return;
        }
        let sel = self.selected.min(item_rows.len().saturating_sub(1));
        let off = self.offset_for(&rows, &item_rows, h);
        let width = list.width as usize;
        for (k, r) in rows.iter().skip(off).take(h).enumerate() {
            let row = Rect {
                y: list.y + k as u16,
                height: 1,
                ..list
            };
            match r {
                Row::Step(step, d, t) => {
                    let n = step.number();
                    let title = view.text(
                        &Text::new("ui.step.heading")
                            .num("n", n as f64, 0)
                            .key("title", format!("step.s{n}.title")),
                    );
                    let title = view.text(
                        &Text::new("report.with_clause")
                            .plain("text", title)
                            .plain("clause", view.cite(&view.content.step(*step).clause)),
                    );
                    let count = format!("{}{d}/{t}", if d == t { "✓ " } else { "" });
                    let cw = str_width(&count);
                    line(
                        buf,
                        row,
                        &truncate(&title, width.saturating_sub(cw + 1)),
                        th.header,
                    );
                    line(
                        buf,
                        Rect {
                            x: row.right().saturating_sub(cw as u16),
                            width: cw as u16,
                            ..row
                        },
                        &count,
                        if d == t { th.ok } else { th.dim },
                    );
                }
                Row::Item(i) => {
                    let Some(it) = items.get(*i) else { continue };
                    let here = item_rows.get(sel) == Some(&(off + k));
                    let base = if here {
                        th.selected
                    } else if it.ticked {
                        th.dim
                    } else {
                        th.text
                    };
                    if here {
                        fill(buf, row, base);
                    }
                    let mark = if it.ticked { "[x]" } else { "[ ]" };
                    let mark_style = if here {
                        base
                    } else if it.ticked {
                        th.ok
                    } else {
                        th.text
                    };
                    let text = item_text(view, it);
                    spans(
                        buf,
                        row,
                        &[
                            ("  ", base),
                            (mark, mark_style),
                            (" ", base),
                            (&truncate(&text, width.saturating_sub(6)), base),
                        ],
                    );
                }
            }
        }
        // the full text of the selected item
        if area.height >= 12
            && let Some(it) = self
                .selected_item(&rows, &item_rows)
                .and_then(|i| items.get(i))
        {
            let top = list.bottom();
            line(
                buf,
                Rect {
                    y: top,
                    height: 1,
                    ..area
                },
                &"─".repeat(width),
                th.border,
            );
            for (k, l) in wrap(&item_text(view, it), area.width)
                .iter()
                .take(2)
                .enumerate()
            {
                line(
                    buf,
                    Rect {
                        y: top + 1 + k as u16,
                        height: 1,
                        ..area
                    },
                    l,
                    th.text,
                );
            }
        }
    }
}

/// "Write the rollback plan for wave 2 (§13)".
fn item_text(view: &View, it: &CheckItem) -> String {
    view.text(
        &Text::new("report.with_clause")
            .plain("text", view.text(&it.text))
            .plain("clause", view.cite(&it.clause)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Text;

    fn item(id: &str, step: u8, ticked: bool) -> CheckItem {
        CheckItem {
            id: id.into(),
            step: StepId::new(step).unwrap_or(StepId::FIRST),
            clause: "十".into(),
            text: Text::new("x"),
            ticked,
            legacy_id: None,
        }
    }

    #[test]
    fn rows_group_by_step_and_hide_done_items() {
        let items = vec![item("a", 1, true), item("b", 1, false), item("c", 3, false)];
        let (rows, item_rows) = rows(&items, false);
        assert_eq!(rows.len(), 5);
        assert_eq!(item_rows, vec![1, 2, 4]);
        assert!(matches!(rows[0], Row::Step(_, 1, 2)));
        let (rows, item_rows) = super::rows(&items, true);
        assert_eq!(item_rows, vec![1, 3]);
        assert_eq!(rows[1], Row::Item(1));
    }
}
