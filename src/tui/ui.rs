//! Draws the whole app: top bar, step sidebar (wide terminals), the screen, dialogs, the message
//! line and the footer generated from the keymap. Below 80×24 it draws only a short request to
//! enlarge the terminal, in both languages.

use crate::content::Text;
use crate::model::{Lang, Position, ResultTab, StepId};
use crate::tui::app::{App, SaveState};
use crate::tui::event;
use crate::tui::screens::dialog::{Jump, screen_label, status_icon};
use crate::tui::widgets::text::{fill, str_width};
use crate::tui::widgets::{View, line, spans, truncate};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH, SIDEBAR_FROM};

/// Draws a frame and puts the terminal cursor at the caret of the focused text field (where
/// input methods open their candidate window); hides it otherwise.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if let Some(pos) = draw(app, area, frame.buffer_mut()) {
        frame.set_cursor_position(pos);
    }
}

/// Draws into a buffer; returns the caret position, if a text field has focus.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<ratatui::layout::Position> {
    let area = area.intersection(buf.area);
    let view = app.view();
    let msg = message(app, &view);
    let Some(at) = app.areas(area, msg.is_some()) else {
        too_small(app, area, buf);
        return None;
    };
    let problems = app.problems();
    top_bar(app, &view, at.top, buf);
    footer(app, &view, at.footer, buf);
    if let (Some((text, style)), Some(row)) = (msg, at.message) {
        line(buf, row, &text, style);
    }
    if let Some(side) = at.sidebar {
        sidebar(app, &view, side, buf);
    }
    let main = at.main;
    let mut caret = app.screen.render(&view, main, buf, problems);
    // dialogs over the whole screen area below the top bar
    let dialog_area = at.dialog;
    let status = |p| app.status(p);
    for (i, o) in app.overlays.iter().enumerate() {
        let c = o.render(&view, dialog_area, buf, problems, &status);
        caret = if i + 1 == app.overlays.len() { c } else { None };
    }
    caret
}

/// The message line: a save error wins, then the flash (why Next is blocked).
fn message(app: &App, view: &View) -> Option<(String, ratatui::style::Style)> {
    if let SaveState::Failed(e) = &app.save {
        return Some((
            view.text(&Text::new("ui.save.failed_long").plain("error", e.clone())),
            app.theme.error,
        ));
    }
    let (head, detail) = app.flash.as_ref()?;
    let mut s = format!("⚠ {}", view.text(head));
    if let Some(d) = detail {
        s.push_str(" — ");
        s.push_str(&view.text(d));
    }
    Some((s, app.theme.error))
}

fn top_bar(app: &App, view: &View, r: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    fill(buf, r, th.bar);
    let app_name = view.t("ui.app.name");
    // the welcome screen shows no profile: the one opened last is only one of its choices
    let who = match &app.profile_name {
        Some(name) if app.position() != Position::Welcome => {
            let ent = app.profile.enterprise_name();
            Some(if ent.is_empty() { name.as_str() } else { ent })
        }
        _ => None,
    };
    let where_ = match app.position() {
        Position::Step(s) => view.text(
            &Text::new("ui.topbar.step")
                .num("n", s.number() as f64, 0)
                .num("total", StepId::COUNT as f64, 0)
                .plain("title", view.t(&format!("step.s{}.title", s.number()))),
        ),
        p => screen_label(view, p),
    };
    let status = match &app.save {
        SaveState::Idle => String::new(),
        // "saved" would speak of a profile the welcome screen does not show
        SaveState::Saved if app.position() == Position::Welcome => String::new(),
        SaveState::Saved => format!("✓ {}", view.t("ui.save.saved")),
        SaveState::Pending => format!("… {}", view.t("ui.save.pending")),
        SaveState::Failed(_) => format!("✗ {}", view.t("ui.save.failed")),
    };
    let lang = match app.lang {
        Lang::ZhCn => "中文",
        Lang::En => "EN",
    };
    let right = format!("{status}  {lang} ");
    let rw = str_width(&right) as u16;
    let avail = r.width.saturating_sub(rw + 1);
    // where the user is matters more than whose profile it is: the enterprise name is
    // shortened first, then the step name
    let text = match who {
        Some(who) => {
            let fixed =
                str_width(&format!(" {app_name} · ")) + str_width("  ·  ") + str_width(&where_);
            let room = (avail as usize).saturating_sub(fixed);
            if room >= 2 {
                format!(" {app_name} · {}  ·  {where_}", truncate(who, room))
            } else {
                format!(" {app_name}  ·  {where_}")
            }
        }
        None => format!(" {app_name}  ·  {where_}"),
    };
    line(
        buf,
        Rect { width: avail, ..r },
        &truncate(&text, avail as usize),
        th.bar,
    );
    let st = if matches!(app.save, SaveState::Failed(_)) {
        th.error
    } else {
        th.bar
    };
    line(
        buf,
        Rect {
            x: r.right().saturating_sub(rw),
            width: rw,
            ..r
        },
        &right,
        st.patch(th.bar)
            .patch(if matches!(app.save, SaveState::Failed(_)) {
                th.error
            } else {
                th.bar
            }),
    );
}

fn sidebar(app: &App, view: &View, r: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let r = r.intersection(buf.area);
    if r.height == 0 {
        return;
    }
    line(
        buf,
        Rect { height: 1, ..r },
        &format!(" {}", view.t("ui.sidebar.title")),
        th.title,
    );
    let cur = app.position();
    let mut targets = Jump::targets();
    if let Some(last) = targets.last_mut() {
        *last = Position::Results(match cur {
            Position::Results(t) => t,
            _ => ResultTab::Plan,
        });
    }
    for (i, t) in targets.iter().enumerate() {
        let y = r.y + 2 + i as u16;
        if y >= r.bottom() {
            break;
        }
        let (icon, _) = status_icon(app.status(*t));
        let here = *t == cur || matches!((t, cur), (Position::Results(_), Position::Results(_)));
        let label = format!("{icon} {}", screen_label(view, *t));
        let style = if here { th.selected } else { th.text };
        let row = Rect { y, height: 1, ..r };
        if here {
            fill(buf, row, style);
        }
        let w = line(
            buf,
            row,
            &format!(" {}", truncate(&label, r.width as usize - 2)),
            style,
        );
        let _ = w;
        let icon_style = match app.status(*t) {
            Some(crate::tui::backend::StepStatus::Complete) => th.ok,
            Some(crate::tui::backend::StepStatus::Problems) => th.error,
            Some(crate::tui::backend::StepStatus::InProgress) => th.warn,
            _ => th.dim,
        };
        if !here {
            line(
                buf,
                Rect {
                    x: r.x + 1,
                    y,
                    width: 1,
                    height: 1,
                },
                icon,
                icon_style,
            );
        }
    }
    // the legend, so the icons are readable without colour
    let y = r.y + 2 + targets.len() as u16 + 1;
    let legend = [
        ("○", "ui.status.not_started"),
        ("◐", "ui.status.in_progress"),
        ("●", "ui.status.complete"),
        ("⚠", "ui.status.problems"),
    ];
    for (i, (icon, key)) in legend.iter().enumerate() {
        let yy = y + i as u16;
        if yy >= r.bottom() {
            break;
        }
        line(
            buf,
            Rect {
                y: yy,
                height: 1,
                ..r
            },
            &format!(" {icon} {}", view.t(key)),
            th.dim,
        );
    }
}

fn footer(app: &App, view: &View, r: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let ctxs = app.contexts();
    let mut parts: Vec<(String, ratatui::style::Style)> = Vec::new();
    let mut used = 1usize;
    for bd in event::footer(&ctxs) {
        let k = bd.footer_key();
        let d = view.t(bd.help);
        let w = str_width(&k) + str_width(&d) + 3;
        if used + w > r.width as usize {
            // a shorter one further on may still fit
            continue;
        }
        used += w;
        parts.push((k, th.key));
        parts.push((format!(" {}  ", d), th.dim));
    }
    let refs: Vec<(&str, ratatui::style::Style)> =
        parts.iter().map(|(s, st)| (s.as_str(), *st)).collect();
    spans(
        buf,
        Rect {
            x: r.x + 1,
            width: r.width.saturating_sub(1),
            ..r
        },
        &refs,
    );
}

/// Below the minimum size: a short message in both languages (the locale texts may be longer
/// than the screen, so these stay short and fixed).
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let (w, h) = (area.width, area.height);
    let first = app.content.render(
        app.lang,
        &Text::new("ui.too_small")
            .num("w", w as f64, 0)
            .num("h", h as f64, 0)
            .num("mw", MIN_WIDTH as f64, 0)
            .num("mh", MIN_HEIGHT as f64, 0),
    );
    let second = app.content.render(
        app.lang.toggled(),
        &Text::new("ui.too_small")
            .num("w", w as f64, 0)
            .num("h", h as f64, 0)
            .num("mw", MIN_WIDTH as f64, 0)
            .num("mh", MIN_HEIGHT as f64, 0),
    );
    let lines: Vec<String> = [first, second]
        .iter()
        .flat_map(|s| crate::tui::widgets::wrap(s, area.width))
        .collect();
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, l) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let lw = str_width(l) as u16;
        let x = area.x + area.width.saturating_sub(lw) / 2;
        line(
            buf,
            Rect {
                x,
                y,
                width: area.right() - x,
                height: 1,
            },
            l,
            app.theme.text,
        );
    }
}
