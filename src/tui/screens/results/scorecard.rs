//! The Scorecard tab: the engine's scorecard as bar charts, with what is behind a bar.
//!
//! Three groups of bars — readiness per step (0–10, §十), the five angles of §二 (average 1–5)
//! and the four effect dimensions of §十八 (0–25) — under a summary line (total /100, star
//! level, effect score, saving and payback). ↑↓ select a bar; the panel beside it (below it on
//! narrow screens) says what cost the points, which systems are weak on an angle, or which
//! metrics make a dimension. Every figure comes from the [`Analysis`]; nothing is computed here.

use crate::content::{QuestionKind, Text, format_number};
use crate::engine::{Analysis, AngleScore, EffectScore, StepScore};
use crate::tui::event::Action;
use crate::tui::widgets::text::str_width;
use crate::tui::widgets::{View, frame_box, line, pad, spans, truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{LineGauge, Widget};

#[derive(Debug, Clone, Default)]
pub struct ScoreView {
    /// The selected bar, counting steps, then angles, then effect dimensions.
    pub selected: usize,
    /// First list row shown; follows the selection when a key moves it.
    offset: usize,
}

/// The rows of the list: a title over each group of bars, a blank row between groups.
fn list_rows<'a>(view: &View, all: &[Bar<'a>]) -> Vec<Row<'a>> {
    let group = |key: &str, clause: &str| format!("{} {}", view.t(key), view.cite(clause));
    let mut rows: Vec<Row> = Vec::new();
    let mut last_kind = None;
    for (i, b) in all.iter().enumerate() {
        let kind = match b {
            Bar::Step(_) => 0,
            Bar::Angle(_) => 1,
            Bar::Effect(_) => 2,
        };
        if last_kind != Some(kind) {
            if last_kind.is_some() {
                rows.push(Row::Blank);
            }
            rows.push(Row::Group(match kind {
                0 => group("ui.score.readiness", "十"),
                1 => group("ui.score.angles", "二"),
                _ => group("ui.score.effects", "十八"),
            }));
            last_kind = Some(kind);
        }
        rows.push(Row::Bar(i, *b));
    }
    rows
}

/// One bar of the chart.
#[derive(Debug, Clone, Copy)]
pub enum Bar<'a> {
    Step(&'a StepScore),
    Angle(&'a AngleScore),
    Effect(&'a EffectScore),
}

/// The bars in display order.
pub fn bars(a: &Analysis) -> Vec<Bar<'_>> {
    let sc = &a.scorecard;
    sc.steps
        .iter()
        .map(Bar::Step)
        .chain(sc.angles.iter().map(Bar::Angle))
        .chain(sc.effects.dimensions.iter().map(Bar::Effect))
        .collect()
}

/// A row of the bar list.
enum Row<'a> {
    Group(String),
    Bar(usize, Bar<'a>),
    Blank,
}

/// A ratio for a gauge: finite and within 0–1 (the widget panics otherwise).
fn ratio(v: f64, max: f64) -> f64 {
    let r = v / max;
    if r.is_finite() {
        r.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

impl Bar<'_> {
    fn label(&self, view: &View) -> String {
        match self {
            Bar::Step(s) => format!(
                "{} {}",
                s.step.number(),
                view.t(&format!("step.s{}.title", s.step.number()))
            ),
            Bar::Angle(a) => view.t(&format!("angle.{}", a.id)),
            Bar::Effect(e) => view.t(&format!("effect.{}", e.id)),
        }
    }

    /// (fill 0–1, the value as text; `None` = not rated).
    fn value(&self) -> (f64, Option<String>) {
        match self {
            Bar::Step(s) => (
                ratio(s.score, 10.0),
                Some(format!("{}/10", format_number(s.score, 1))),
            ),
            Bar::Angle(a) => match a.average {
                Some(v) => (ratio(v, 5.0), Some(format!("{}/5", format_number(v, 1)))),
                None => (0.0, None),
            },
            Bar::Effect(e) => (
                ratio(e.score, 25.0),
                Some(format!("{}/25", format_number(e.score, 1))),
            ),
        }
    }
}

impl ScoreView {
    /// Arrows move the selection; the list then scrolls to keep it in view in `area`.
    pub fn handle(&mut self, a: Action, view: &View, area: Rect) -> bool {
        let all = bars(view.analysis);
        let last = all.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        match a {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            _ => return false,
        }
        if let Some((list, _)) = ScoreView::areas(area) {
            let rows = list_rows(view, &all);
            self.offset = self.offset_for(&rows, self.selected, list.height as usize);
        }
        true
    }

    /// The list of bars and the details panel in `area` (side by side when there is room, else
    /// the details under the bars); `None` when too small.
    fn areas(area: Rect) -> Option<(Rect, Rect)> {
        if area.width < 10 || area.height < 3 {
            return None;
        }
        let body = Rect {
            y: area.y + 3,
            height: area.height.saturating_sub(3),
            ..area
        };
        if body.height == 0 {
            return None;
        }
        Some(if body.width >= 60 {
            let lw = u16::try_from(u32::from(body.width) * 11 / 20)
                .unwrap_or(80)
                .clamp(36, 100);
            (
                Rect { width: lw, ..body },
                Rect {
                    x: body.x + lw + 1,
                    width: body.width.saturating_sub(lw + 1),
                    ..body
                },
            )
        } else {
            let ph = (body.height / 3).max(3).min(body.height);
            (
                Rect {
                    height: body.height - ph,
                    ..body
                },
                Rect {
                    y: body.bottom() - ph,
                    height: ph,
                    ..body
                },
            )
        })
    }

    /// The first row shown so that bar `sel` is in view in `h` rows, with its group's title
    /// when it is the first bar.
    fn offset_for(&self, rows: &[Row], sel: usize, h: usize) -> usize {
        let sel_row = rows
            .iter()
            .position(|r| matches!(r, Row::Bar(i, _) if *i == sel))
            .unwrap_or(0);
        let mut off = self.offset.min(rows.len().saturating_sub(h));
        // keep the group title above the first bar in view when the first bar is selected
        let want_top = if sel == 0 { 0 } else { sel_row };
        if want_top < off {
            off = want_top;
        } else if sel_row >= off + h {
            off = sel_row + 1 - h;
        }
        off
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width < 10 || area.height < 3 {
            return;
        }
        let th = view.theme;
        summary(view, area, buf);
        let Some((list, panel)) = ScoreView::areas(area) else {
            return;
        };
        let all = bars(view.analysis);
        let sel = self.selected.min(all.len().saturating_sub(1));
        let list_rows = self.render_list(view, &all, sel, list, buf);
        if let Some(bar) = all.get(sel) {
            let lines = details(view, bar);
            // beside the bars, the panel is as tall as their list (not the whole screen)
            let panel = if panel.x > list.x {
                let text_w = panel.width.saturating_sub(4);
                let need: usize = lines.iter().map(|(t, _)| wrap(t, text_w).len()).sum();
                Rect {
                    height: panel.height.min((list_rows.max(need + 2)) as u16),
                    ..panel
                }
            } else {
                panel
            };
            let inner = frame_box(buf, panel, &bar.label(view), th.border, th.title);
            let mut y = inner.y;
            'out: for (text, style) in lines {
                for l in wrap(&text, inner.width.saturating_sub(2)) {
                    if y >= inner.bottom() {
                        break 'out;
                    }
                    line(
                        buf,
                        Rect {
                            x: inner.x + 1,
                            y,
                            width: inner.width.saturating_sub(2),
                            height: 1,
                        },
                        &l,
                        style,
                    );
                    y += 1;
                }
            }
        }
    }

    /// Draws the bars; returns how many rows the whole list has.
    fn render_list(
        &self,
        view: &View,
        all: &[Bar],
        sel: usize,
        area: Rect,
        buf: &mut Buffer,
    ) -> usize {
        let th = view.theme;
        let rows = list_rows(view, all);
        let h = area.height as usize;
        let off = self.offset_for(&rows, sel, h);
        let value_w = 8usize;
        // labels take what they need as long as the gauges keep 20 columns (at least 2/5)
        let room = (area.width as usize)
            .saturating_sub(value_w + 3 + 20)
            .max(area.width as usize * 2 / 5);
        let label_w = all
            .iter()
            .map(|b| str_width(&b.label(view)))
            .max()
            .unwrap_or(0)
            .min(room)
            .max(4);
        for (k, r) in rows.iter().skip(off).take(h).enumerate() {
            let row = Rect {
                y: area.y + k as u16,
                height: 1,
                ..area
            };
            match r {
                Row::Blank => {}
                Row::Group(t) => {
                    line(buf, row, &truncate(t, area.width as usize), th.header);
                }
                Row::Bar(i, b) => {
                    let here = *i == sel;
                    let (fill, value) = b.value();
                    let label_style = if here { th.selected } else { th.text };
                    let lab = pad(&b.label(view), label_w);
                    let w = spans(
                        buf,
                        row,
                        &[
                            (if here { "▶ " } else { "  " }, th.key),
                            (&lab, label_style),
                        ],
                    );
                    let gauge_w = (area.width as usize).saturating_sub(w as usize + value_w + 1);
                    let value_text = value.unwrap_or_else(|| view.t("ui.score.unrated"));
                    if gauge_w >= 3 {
                        let g = Rect {
                            x: row.x + w,
                            width: gauge_w as u16,
                            ..row
                        };
                        LineGauge::default()
                            .ratio(fill)
                            .label("")
                            .filled_symbol("█")
                            .unfilled_symbol("░")
                            .filled_style(th.ok)
                            .unfilled_style(th.dim)
                            .render(g, buf);
                    }
                    let vx = row.x + w + gauge_w as u16 + 1;
                    line(
                        buf,
                        Rect {
                            x: vx,
                            width: row.right().saturating_sub(vx),
                            ..row
                        },
                        &format!("{value_text:>7}"),
                        if here { th.focus } else { th.text },
                    );
                }
            }
        }
        rows.len()
    }
}

/// Two summary lines: readiness total and stars; effect score, saving and payback.
fn summary(view: &View, area: Rect, buf: &mut Buffer) {
    let th = view.theme;
    let sc = &view.analysis.scorecard;
    let stars = sc.stars.min(5) as usize;
    let stars_s = format!("{}{}", "★".repeat(stars), "☆".repeat(5 - stars));
    let total = view.text(&Text::new("ui.score.total").num("score", sc.total, 1));
    let mut level = view.text(&Text::new("ui.score.level").plain("stars", stars_s).num(
        "n",
        stars as f64,
        0,
    ));
    if !sc.caps.is_empty() {
        let causes: Vec<String> = sc
            .caps
            .iter()
            .map(|c| view.t(&format!("cap.{}", c.item)))
            .collect();
        level.push_str(
            &view.text(
                &Text::new("ui.score.capped")
                    .plain("causes", causes.join(view.t("ui.list_sep").as_str())),
            ),
        );
    }
    let row = Rect { height: 1, ..area };
    spans(
        buf,
        row,
        &[(&total, th.title), ("   ", th.text), (&level, th.accent)],
    );
    let e = &sc.effects;
    let mut parts = vec![view.text(&Text::new("ui.score.effect_total").num("score", e.score, 1))];
    // Money as the plan writes it; a negative saving is a cost increase.
    parts.push(match e.annual_saving {
        Some(v) => view.text(
            &Text::of(if v < 0.0 {
                "ui.score.cost_increase"
            } else {
                "ui.score.saving"
            })
            .plain(
                "value",
                crate::export::money(view.content, view.lang, v.abs(), "wan_year"),
            ),
        ),
        None => view.t("ui.score.no_saving"),
    });
    parts.push(match e.payback_months {
        Some(m) => view.text(&Text::new("ui.score.payback").num("n", m, 1)),
        None => view.t("ui.score.no_payback"),
    });
    line(
        buf,
        Rect {
            y: area.y + 1,
            ..row
        },
        &truncate(&parts.join(" · "), area.width as usize),
        th.text,
    );
}

/// What is behind a bar, as paragraphs with their styles.
fn details(view: &View, bar: &Bar) -> Vec<(String, Style)> {
    let th = view.theme;
    let mut out: Vec<(String, Style)> = Vec::new();
    let clause_of = |s: &StepScore| view.content.step(s.step).clause.clone();
    match bar {
        Bar::Step(s) => {
            out.push((
                view.text(
                    &Text::new("ui.score.step_detail")
                        .num("score", s.score, 1)
                        .plain("clause", view.cite(&clause_of(s))),
                ),
                th.focus,
            ));
            if s.lost.is_empty() {
                out.push((view.t("ui.score.no_loss"), th.ok));
            } else {
                out.push((view.t("ui.score.lost"), th.text));
                for l in &s.lost {
                    // What is missing (the part of a multi-choice item) and where.
                    let mut item = view.t(&format!("score.{}", l.item));
                    if let Some(part) = &l.part {
                        item = view.text(
                            &Text::new("report.score.part")
                                .key("part", part.clone())
                                .plain("item", item),
                        );
                    }
                    let mut who: Vec<String> = l
                        .systems
                        .iter()
                        .filter_map(|id| view.analysis.system(*id))
                        .map(|s| s.name.trim().to_owned())
                        .collect();
                    who.extend(
                        l.waves.iter().map(|n| {
                            view.text(&Text::new("report.wave").num("n", f64::from(*n), 0))
                        }),
                    );
                    if !who.is_empty() {
                        let sep = view.t("ui.list_sep");
                        let label = view.text(&Text::new("report.label").plain("label", item));
                        item = format!("{label}{}", who.join(sep.as_str()));
                    }
                    if l.unanswered {
                        item = format!("{item} {}", view.t("report.score.unanswered"));
                    }
                    out.push((
                        view.text(
                            &Text::new("ui.score.loss")
                                .num("points", l.points, 1)
                                .plain("item", item)
                                .plain("clause", view.cite(&l.clause)),
                        ),
                        th.warn,
                    ));
                }
            }
            // The items that do not apply to this plan: neither earned nor lost.
            if !s.not_applicable.is_empty() {
                let items: Vec<String> = s
                    .not_applicable
                    .iter()
                    .map(|i| view.t(&format!("score.{i}")))
                    .collect();
                let sep = view.t("ui.list_sep");
                out.push((
                    view.text(
                        &Text::new("report.score.not_applicable")
                            .plain("items", items.join(sep.as_str())),
                    ),
                    th.text,
                ));
            }
        }
        Bar::Angle(a) => {
            out.push((
                match a.average {
                    Some(v) => view.text(
                        &Text::new("ui.score.angle_detail")
                            .num("average", v, 1)
                            .num("n", a.rated as f64, 0)
                            .plain("clause", view.cite("二")),
                    ),
                    None => view.text(
                        &Text::new("ui.score.angle_unrated").plain("clause", view.cite("二")),
                    ),
                },
                th.focus,
            ));
            if a.weak.is_empty() {
                out.push((view.t("ui.score.no_weak"), th.ok));
            } else {
                out.push((view.t("ui.score.weak"), th.text));
                for id in &a.weak {
                    let name = view
                        .analysis
                        .systems
                        .iter()
                        .find(|s| s.id == *id)
                        .map(|s| s.name.clone())
                        .or_else(|| view.profile.system(*id).map(|s| s.name.clone()))
                        .unwrap_or_default();
                    let name = view.name(&crate::content::Name::system(&name, *id));
                    out.push((format!("• {name}"), th.warn));
                }
            }
        }
        Bar::Effect(e) => {
            out.push((
                view.text(
                    &Text::new("ui.score.effect_detail")
                        .num("score", e.score, 1)
                        .plain("clause", view.cite("十八")),
                ),
                th.focus,
            ));
            for m in &e.metrics {
                out.push((metric(view, m), th.text));
            }
        }
    }
    out
}

/// "Server utilisation: 35 % → 70 % (+100 %)".
fn metric(view: &View, m: &crate::engine::MetricResult) -> String {
    let unit = view
        .content
        .rules
        .effects
        .iter()
        .flat_map(|d| d.metrics.iter())
        .find(|d| d.id == m.id)
        .and_then(|d| view.content.question(&d.before))
        .and_then(|q| match &q.kind {
            QuestionKind::Number { unit, .. } => Some(unit.as_str()),
            _ => None,
        });
    let value = |v: Option<f64>| match (v, unit) {
        (Some(v), Some(u)) => format!(
            "{} {}",
            format_number(v, 2),
            view.t(&view.content.unit_key(u, v))
        ),
        (Some(v), None) => format_number(v, 2),
        (None, _) => view.t("ui.unanswered"),
    };
    let change = match m.improvement {
        Some(i) => {
            let sign = if i > 0.0 {
                "+"
            } else if i < 0.0 {
                "−"
            } else {
                ""
            };
            format!("{sign}{}%", format_number((i * 100.0).abs(), 1))
        }
        None => view.t("ui.dash"),
    };
    view.text(
        &Text::new("ui.score.metric")
            .key("metric", format!("metric.{}", m.id))
            .plain("before", value(m.before))
            .plain("after", value(m.actual.or(m.target)))
            .key_of(
                "basis",
                if m.measured {
                    "ui.score.measured"
                } else {
                    "ui.score.target"
                },
            )
            .plain("change", change),
    )
}
