//! Lays the export's blocks out as styled screen lines, for the Plan tab.
//!
//! The Plan tab draws the very blocks the Markdown export writes ([`crate::export::Block`]), so
//! the screen and the file never say different things. Here they become [`PLine`]s of styled
//! runs at one width: paragraphs wrapped by display width with the wizard's one line-breaking
//! rule ([`linebreak`]: CJK text breaks between characters, closing marks never start a line,
//! opening marks never end one), lists with hanging indents,
//! tables as aligned columns fitted to the width (cells wrap, whole, to as many lines as they
//! need; a table too wide for any fair column split is shown as one record per row), and the
//! Mermaid block as the migration-wave timeline drawn from the analysis.
//!
//! Styles are named ([`Sty`]) and turned into theme styles only when drawn, so a layout can be
//! cached per (analysis, language, width) and reused for every frame.

use crate::content::Text;
use crate::export::doc::line_text;
use crate::export::{Align, Block, Span};
use crate::model::date::{self, Date};
use crate::tui::widgets::text::str_width;
use crate::tui::widgets::{View, linebreak, truncate, wrap};

/// What a run of text looks like, in the theme's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sty {
    Text,
    Strong,
    Emph,
    Code,
    Dim,
    /// A part heading (level 1–2).
    Title,
    /// A section heading (level 3).
    Section,
    /// A table header.
    Header,
    /// Table rules and list marks.
    Rule,
    /// A filled bar of the timeline.
    Bar,
}

/// One run of text in one style.
pub type Run = (String, Sty);

/// One screen line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PLine {
    pub runs: Vec<Run>,
}

impl PLine {
    fn blank() -> PLine {
        PLine::default()
    }

    fn one(s: impl Into<String>, sty: Sty) -> PLine {
        PLine {
            runs: vec![(s.into(), sty)],
        }
    }

    /// The text without styles (tests and searching).
    pub fn text(&self) -> String {
        self.runs.iter().map(|(s, _)| s.as_str()).collect()
    }

    pub fn width(&self) -> usize {
        self.runs.iter().map(|(s, _)| str_width(s)).sum()
    }

    fn push(&mut self, s: &str, sty: Sty) {
        if s.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((t, st)) if *st == sty => t.push_str(s),
            _ => self.runs.push((s.to_owned(), sty)),
        }
    }

    fn trim_end(&mut self) {
        while let Some((t, _)) = self.runs.last_mut() {
            let trimmed = t.trim_end_matches(' ').len();
            t.truncate(trimmed);
            if t.is_empty() {
                self.runs.pop();
            } else {
                break;
            }
        }
    }
}

/// A heading of the laid-out document, for section jumps and the position indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub line: usize,
    pub level: u8,
    pub text: String,
}

/// A document laid out at one width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid {
    pub lines: Vec<PLine>,
    pub headings: Vec<Heading>,
}

/// Columns narrower than this make a table unreadable: it is shown as records instead.
const MIN_COLUMN: usize = 6;

/// Lays out blocks at `width` columns.
pub fn lay_out(view: &View, blocks: &[Block], width: u16) -> Laid {
    let width = (width as usize).max(1);
    let mut out = Laid::default();
    let mut prev_heading = false;
    for b in blocks {
        let lines = block(view, b, width);
        if lines.is_empty() {
            continue;
        }
        let is_heading = matches!(b, Block::Heading { .. });
        if !out.lines.is_empty() && !prev_heading {
            out.lines.push(PLine::blank());
        }
        if let Block::Heading { level, text } = b {
            out.headings.push(Heading {
                line: out.lines.len(),
                level: *level,
                text: text.clone(),
            });
        }
        out.lines.extend(lines);
        prev_heading = is_heading;
    }
    out
}

fn block(view: &View, b: &Block, width: usize) -> Vec<PLine> {
    match b {
        Block::Heading { level, text } => heading(*level, text, width),
        Block::Paragraph(spans) => wrap_runs(&runs(spans), width, &[], &[]),
        Block::BulletList(items) => {
            let mark = [("• ".to_owned(), Sty::Rule)];
            let indent = [("  ".to_owned(), Sty::Text)];
            items
                .iter()
                .flat_map(|i| wrap_runs(&runs(i), width, &mark, &indent))
                .collect()
        }
        Block::TaskList(items) => {
            let indent = [("    ".to_owned(), Sty::Text)];
            items
                .iter()
                .flat_map(|i| {
                    let mark = if i.checked {
                        [("[x] ".to_owned(), Sty::Strong)]
                    } else {
                        [("[ ] ".to_owned(), Sty::Rule)]
                    };
                    wrap_runs(&runs(&i.text), width, &mark, &indent)
                })
                .collect()
        }
        Block::Table {
            header,
            align,
            rows,
        } => table(header, align, rows, width),
        Block::CodeBlock { lang, .. } if lang == "mermaid" => timeline(view, width),
        Block::CodeBlock { text, .. } => text
            .lines()
            .map(|l| PLine::one(truncate(&format!("  {l}"), width), Sty::Code))
            .collect(),
    }
}

fn heading(level: u8, text: &str, width: usize) -> Vec<PLine> {
    let text = text.replace('\n', " ");
    match level {
        0..=2 => {
            let mut v = wrap_runs(&[(text, Sty::Title)], width, &[], &[]);
            v.push(PLine::one("━".repeat(width), Sty::Title));
            v
        }
        3 => wrap_runs(
            &[(text, Sty::Section)],
            width,
            &[("▌ ".to_owned(), Sty::Section)],
            &[("  ".to_owned(), Sty::Section)],
        ),
        _ => wrap_runs(&[(text, Sty::Strong)], width, &[], &[]),
    }
}

fn runs(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| {
            let sty = match s {
                Span::Plain(_) => Sty::Text,
                Span::Strong(_) => Sty::Strong,
                Span::Emphasis(_) => Sty::Emph,
                Span::Code(_) => Sty::Code,
            };
            (s.text().to_owned(), sty)
        })
        .collect()
}

/// Breaks styled runs into lines of at most `width` columns, by the wizard's one
/// line-breaking rule ([`linebreak::breaks`]). The first line starts with `first`, the others
/// with `rest` (a bullet and its hanging indent). Newlines break lines; tabs are spaces.
pub fn wrap_runs(runs: &[Run], width: usize, first: &[Run], rest: &[Run]) -> Vec<PLine> {
    let prefix_w = |p: &[Run]| p.iter().map(|(s, _)| str_width(s)).sum::<usize>();
    // the runs as one text, and where each run starts in it
    let mut text = String::new();
    let mut starts: Vec<(usize, Sty)> = Vec::with_capacity(runs.len());
    for (s, sty) in runs {
        starts.push((text.len(), *sty));
        text.push_str(&s.replace('\t', " "));
    }
    let avail = |p: &[Run]| width.saturating_sub(prefix_w(p)).max(1);
    let mut out = Vec::new();
    for (k, r) in linebreak::breaks(&text, avail(first), avail(rest))
        .into_iter()
        .enumerate()
    {
        let mut l = PLine::default();
        for (s, st) in if k == 0 { first } else { rest } {
            l.push(s, *st);
        }
        // the runs that overlap this line, each cut to it
        let end = r.start
            + text
                .get(r.clone())
                .unwrap_or("")
                .trim_end_matches(' ')
                .len();
        for (j, (from, sty)) in starts.iter().enumerate() {
            let to = starts.get(j + 1).map_or(text.len(), |(n, _)| *n);
            let (a, b) = ((*from).max(r.start), to.min(end));
            if a < b {
                l.push(text.get(a..b).unwrap_or(""), *sty);
            }
        }
        l.trim_end();
        out.push(l);
    }
    out
}

/// One cell: its text on one line and its style.
fn cell(spans: &[Span]) -> Run {
    let text = line_text(spans).replace('\n', " ");
    let strong = !spans.is_empty() && spans.iter().all(|s| matches!(s, Span::Strong(_)));
    (text, if strong { Sty::Strong } else { Sty::Text })
}

/// The lines of a cell at width `w`: all of it, wrapped (the Plan tab scrolls; nothing in a
/// cell is cut off).
fn cell_lines(text: &str, w: usize) -> Vec<String> {
    wrap(text, w.min(u16::MAX as usize) as u16)
}

fn aligned(s: &str, w: usize, align: Align) -> String {
    let sw = str_width(s);
    let gap = w.saturating_sub(sw);
    match align {
        Align::Left => format!("{s}{}", " ".repeat(gap)),
        Align::Right => format!("{}{s}", " ".repeat(gap)),
        Align::Center => format!("{}{s}{}", " ".repeat(gap / 2), " ".repeat(gap - gap / 2)),
    }
}

/// Column widths that fit `budget`: narrow columns keep their natural width, the wide ones
/// share what is left; none gets less than its minimum.
fn fit_columns(natural: &[usize], mins: &[usize], budget: usize) -> Vec<usize> {
    let n = natural.len();
    let mut widths = vec![0usize; n];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| natural.get(*i).copied().unwrap_or(0));
    let mut remaining = budget;
    for (k, &i) in order.iter().enumerate() {
        let left = n - k;
        let reserved: usize = order
            .iter()
            .skip(k + 1)
            .map(|j| mins.get(*j).copied().unwrap_or(1))
            .sum();
        let share = remaining / left.max(1);
        let nat = natural.get(i).copied().unwrap_or(1);
        let min = mins.get(i).copied().unwrap_or(1);
        let w = nat
            .min(share.max(min))
            .min(remaining.saturating_sub(reserved))
            .max(1);
        if let Some(slot) = widths.get_mut(i) {
            *slot = w;
        }
        remaining = remaining.saturating_sub(w);
    }
    widths
}

fn table(header: &[String], align: &[Align], rows: &[Vec<Vec<Span>>], width: usize) -> Vec<PLine> {
    let n = header.len();
    if n == 0 {
        return Vec::new();
    }
    let cells: Vec<Vec<Run>> = rows
        .iter()
        .map(|r| {
            (0..n)
                .map(|i| r.get(i).map_or((String::new(), Sty::Text), |c| cell(c)))
                .collect()
        })
        .collect();
    let natural: Vec<usize> = (0..n)
        .map(|i| {
            let h = header.get(i).map_or(0, |h| str_width(h));
            let c = cells
                .iter()
                .map(|r| r.get(i).map_or(0, |(t, _)| str_width(t)))
                .max()
                .unwrap_or(0);
            h.max(c).max(1)
        })
        .collect();
    // the first column names the row: it may not shrink as far as the others
    let mins: Vec<usize> = natural
        .iter()
        .enumerate()
        .map(|(i, w)| (*w).min(if i == 0 { 2 * MIN_COLUMN } else { MIN_COLUMN }))
        .collect();
    let fits = |sep: usize| mins.iter().sum::<usize>() + sep * (n - 1) <= width;
    let (sep, rule_sep) = if natural.iter().sum::<usize>() + 3 * (n - 1) <= width || fits(3) {
        (" │ ", "─┼─")
    } else if fits(1) {
        ("│", "┼")
    } else {
        return records(header, &cells, width);
    };
    let budget = width.saturating_sub(str_width(sep) * (n - 1));
    let widths = fit_columns(&natural, &mins, budget);
    let col_align = |i: usize| align.get(i).copied().unwrap_or(Align::Left);
    let mut out = Vec::new();
    let emit_row = |texts: Vec<Vec<String>>, styles: Vec<Sty>, out: &mut Vec<PLine>| {
        let h = texts.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..h {
            let mut l = PLine::default();
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    l.push(sep, Sty::Rule);
                }
                let s = texts
                    .get(i)
                    .and_then(|c| c.get(k))
                    .map_or("", String::as_str);
                let sty = styles.get(i).copied().unwrap_or(Sty::Text);
                l.push(&aligned(s, *w, col_align(i)), sty);
            }
            l.trim_end();
            out.push(l);
        }
    };
    let head: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| cell_lines(header.get(i).map_or("", |s| s), *w))
        .collect();
    emit_row(head, vec![Sty::Header; n], &mut out);
    let rule = widths
        .iter()
        .map(|w| "─".repeat(*w))
        .collect::<Vec<_>>()
        .join(rule_sep);
    out.push(PLine::one(rule.clone(), Sty::Rule));
    let laid: Vec<Vec<Vec<String>>> = cells
        .iter()
        .map(|r| {
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| cell_lines(r.get(i).map_or("", |(t, _)| t), *w))
                .collect()
        })
        .collect();
    // a row starts where its first cell does; only when a first cell takes several lines
    // does that need a thin rule between rows
    let tall = laid.iter().any(|r| r.first().is_some_and(|c| c.len() > 1));
    for (k, (texts, r)) in laid.into_iter().zip(&cells).enumerate() {
        if tall && k > 0 {
            out.push(PLine::one(rule.replace('─', "┈"), Sty::Rule));
        }
        emit_row(texts, r.iter().map(|(_, s)| *s).collect(), &mut out);
    }
    out
}

/// A table too wide for columns: each row as its first cell, then "header: value" lines.
fn records(header: &[String], cells: &[Vec<Run>], width: usize) -> Vec<PLine> {
    let mut out = Vec::new();
    for (k, row) in cells.iter().enumerate() {
        if k > 0 {
            out.push(PLine::blank());
        }
        let mut it = row.iter().zip(header);
        if let Some(((t, _), h)) = it.next() {
            let first = vec![(format!("{h}: "), Sty::Header), (t.clone(), Sty::Strong)];
            out.extend(wrap_runs(&first, width, &[], &[("  ".into(), Sty::Text)]));
        }
        for ((t, sty), h) in it {
            let r = vec![(format!("{h}: "), Sty::Dim), (t.clone(), *sty)];
            out.extend(wrap_runs(
                &r,
                width,
                &[("  ".into(), Sty::Text)],
                &[("    ".into(), Sty::Text)],
            ));
        }
    }
    out
}

/// The migration waves as a timeline: bars on a date axis when every wave has a start date,
/// else the order of the waves as a chain.
fn timeline(view: &View, width: usize) -> Vec<PLine> {
    let waves = &view.analysis.waves;
    if waves.is_empty() {
        return Vec::new();
    }
    let label = |n: u32| view.text(&Text::new("report.wave").plain("n", n.to_string()));
    let count = |k: usize| {
        let key = if k == 1 {
            "ui.plan.wave_system"
        } else {
            "ui.plan.wave_systems"
        };
        view.text(&Text::new(key).num("n", k as f64, 0))
    };
    let cyc = |c: bool| if c { " ⟲" } else { "" };
    let mut out = vec![PLine::one(view.t("ui.plan.timeline"), Sty::Strong)];
    let day = |d: &Option<String>| d.as_deref().and_then(date::parse);
    let starts: Vec<Option<Date>> = waves.iter().map(|w| day(&w.start)).collect();
    let labels: Vec<String> = waves
        .iter()
        .map(|w| format!("{}{}", label(w.number), cyc(w.cyclic)))
        .collect();
    let lw = labels.iter().map(|l| str_width(l)).max().unwrap_or(0);
    let dated: Option<Vec<Date>> = starts.iter().copied().collect();
    if let Some(starts) = dated {
        // a bar covers its wave's days, the end day included
        let ends: Vec<Date> = waves
            .iter()
            .zip(&starts)
            .map(|(w, s)| day(&w.end).map_or(*s, |e| e.max(*s)))
            .map(|e| date::add_days(e, 1))
            .collect();
        let lo = starts.iter().copied().min().unwrap_or_default();
        let hi = ends
            .iter()
            .copied()
            .max()
            .unwrap_or(lo)
            .max(date::add_days(lo, 1));
        let span = date::days_between(lo, hi).max(1);
        // start – last day, how many systems, and the pilot marked
        let suffixes: Vec<String> = waves
            .iter()
            .zip(&starts)
            .zip(&ends)
            .map(|((w, s), e)| {
                let mut t = format!(
                    "{s} – {} · {}",
                    date::add_days(*e, -1),
                    count(w.systems.len())
                );
                if w.pilot {
                    t = format!("{t} · {}", view.t("ui.wave.pilot"));
                }
                t
            })
            .collect();
        let sw = suffixes.iter().map(|s| str_width(s)).max().unwrap_or(0);
        let bar_w = width.saturating_sub(lw + sw + 4);
        if bar_w >= 8 {
            let scale =
                |d: Date| (date::days_between(lo, d) as f64 / span as f64 * bar_w as f64) as usize;
            for (i, lab) in labels.iter().enumerate() {
                let (s, e) = (
                    starts.get(i).copied().unwrap_or(lo),
                    ends.get(i).copied().unwrap_or(hi),
                );
                let a = scale(s).min(bar_w.saturating_sub(1));
                let b = scale(e).clamp(a + 1, bar_w);
                let mut l = PLine::default();
                l.push(&aligned(lab, lw, Align::Left), Sty::Strong);
                l.push(" ▕", Sty::Rule);
                l.push(&"░".repeat(a), Sty::Dim);
                l.push(&"█".repeat(b - a), Sty::Bar);
                l.push(&"░".repeat(bar_w - b), Sty::Dim);
                l.push("▏ ", Sty::Rule);
                l.push(suffixes.get(i).map_or("", |s| s), Sty::Text);
                out.push(l);
            }
            let (from, to) = (lo.to_string(), date::add_days(hi, -1).to_string());
            let gap = bar_w.saturating_sub(str_width(&from) + str_width(&to));
            out.push(PLine::one(
                format!("{}  {from}{}{to}", " ".repeat(lw), " ".repeat(gap)),
                Sty::Dim,
            ));
            return out;
        }
    }
    // the order of the waves, wrapped like words
    let parts: Vec<String> = waves
        .iter()
        .zip(&labels)
        .map(|(w, l)| format!("[{l} · {}]", count(w.systems.len())))
        .collect();
    let mut l = PLine::default();
    for (i, p) in parts.iter().enumerate() {
        let arrow = if i + 1 < parts.len() {
            " ──▶ "
        } else {
            ""
        };
        let need = str_width(p) + str_width(arrow);
        if l.width() > 0 && l.width() + need > width {
            out.push(std::mem::take(&mut l));
        }
        l.push(p, Sty::Strong);
        l.push(arrow, Sty::Rule);
    }
    if l.width() > 0 {
        l.trim_end();
        out.push(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[PLine]) -> Vec<String> {
        v.iter().map(PLine::text).collect()
    }

    #[test]
    fn styled_runs_wrap_by_display_width_and_keep_their_styles() {
        let r = vec![
            ("ERP".to_owned(), Sty::Strong),
            (" — 迁移策略：直接迁移".to_owned(), Sty::Text),
        ];
        let lines = wrap_runs(&r, 10, &[], &[]);
        for l in &lines {
            assert!(l.width() <= 10, "{:?}", l.text());
        }
        assert_eq!(
            lines.first().map(|l| l.runs[0].clone()),
            Some(("ERP".to_owned(), Sty::Strong))
        );
        assert_eq!(
            texts(&lines).concat().replace(' ', ""),
            "ERP—迁移策略：直接迁移"
        );
        // a closing mark never starts a line
        assert!(lines.iter().all(|l| !l.text().starts_with('：')));
        // and an opening one never ends a line
        let lines = wrap_runs(
            &[("优先级 40（§十二）".to_owned(), Sty::Text)],
            12,
            &[],
            &[],
        );
        assert_eq!(texts(&lines), vec!["优先级 40", "（§十二）"]);
    }

    #[test]
    fn bullets_hang_and_newlines_break() {
        let lines = wrap_runs(
            &[("one two three\nfour".to_owned(), Sty::Text)],
            9,
            &[("• ".to_owned(), Sty::Rule)],
            &[("  ".to_owned(), Sty::Text)],
        );
        assert_eq!(texts(&lines), vec!["• one two", "  three", "  four"]);
    }

    #[test]
    fn long_words_are_cut_anywhere() {
        let lines = wrap_runs(&[("abcdefghij".to_owned(), Sty::Code)], 4, &[], &[]);
        assert_eq!(texts(&lines), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn columns_fit_the_budget_and_narrow_ones_keep_their_width() {
        let w = fit_columns(&[4, 40, 10], &[4, 6, 6], 30);
        assert_eq!(w.iter().sum::<usize>(), 30);
        assert_eq!(w[0], 4);
        assert_eq!(w[2], 10);
        let w = fit_columns(&[3, 3], &[3, 3], 100);
        assert_eq!(w, vec![3, 3]);
    }

    #[test]
    fn tables_align_columns_and_cut_cells_in_display_columns() {
        let rows = vec![
            vec![
                vec![Span::plain("ERP 企业资源计划")],
                vec![Span::plain("80")],
            ],
            vec![vec![Span::plain("OA")], vec![Span::plain("5")]],
        ];
        let t = table(
            &["系统".into(), "优先级".into()],
            &[Align::Left, Align::Right],
            &rows,
            40,
        );
        let t = texts(&t);
        assert_eq!(t[0], "系统             │ 优先级");
        assert!(t[1].starts_with("─────"));
        assert_eq!(t[2], "ERP 企业资源计划 │     80");
        assert_eq!(t[3], "OA               │      5");
        // narrow: a long cell wraps, whole, never cut with …
        let long = "云主机、块存储、对象存储、负载均衡、主机安全、数据库、办公应用、业务管理";
        let rows = vec![vec![vec![Span::plain("ERP")], vec![Span::plain(long)]]];
        let t = table(
            &["a".into(), "b".into()],
            &[Align::Left, Align::Left],
            &rows,
            20,
        );
        let body: Vec<String> = texts(&t).into_iter().skip(2).collect();
        assert!(body.len() > 3, "{body:?}");
        assert!(body.iter().all(|l| !l.contains('…')), "{body:?}");
        let second: String = body
            .iter()
            .map(|l| l.split('│').nth(1).unwrap_or("").trim().to_owned())
            .collect();
        assert_eq!(second, long, "every character of the cell is on screen");
        assert!(t.iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn tables_too_wide_for_columns_become_records() {
        let header: Vec<String> = (0..12).map(|i| format!("Criterion {i}")).collect();
        let row: Vec<Vec<Span>> = (0..12)
            .map(|i| vec![Span::plain(format!("{i}0"))])
            .collect();
        let t = table(&header, &[], &[row], 40);
        let t = texts(&t);
        assert_eq!(t[0], "Criterion 0: 00");
        assert_eq!(t[1], "  Criterion 1: 10");
        assert_eq!(t.len(), 12);
    }
}
