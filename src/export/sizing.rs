//! The sizing table of the inventory annex (§十二): what each system runs on today, by wave, with
//! the totals a provider quotes against. Systems replaced by SaaS are listed apart and kept out
//! of the hosted totals; every total says how many systems it adds and how many lack figures.

use super::annex::num_or_dash;
use super::ctx::DocCx;
use super::doc::{Align, Block, Line, Span, line};
use super::parts::{Count, PlanParts, Quantities};

fn quantity_cells(cx: &DocCx, q: &Quantities) -> impl Iterator<Item = Line> {
    q.values()
        .into_iter()
        .map(|v| line(num_or_dash(cx, v, 0)))
        .collect::<Vec<_>>()
        .into_iter()
}

pub(super) fn sizing(cx: &DocCx, parts: &PlanParts, b: &mut Vec<Block>) {
    let s = &parts.sizing;
    b.push(cx.heading(4, "report.size.title", &["十二"]));
    let mut header = vec![cx.t("report.sys.name"), cx.t("report.sys.wave")];
    header.extend(Quantities::QUESTIONS.iter().map(|q| {
        let unit = match cx.c.question(q).map(|q| &q.kind) {
            Some(crate::content::QuestionKind::Number { unit, .. }) => {
                cx.t(&format!("unit.{unit}"))
            }
            _ => String::new(),
        };
        cx.tf(
            "report.size.col",
            &[("label", &cx.t(&format!("q.{q}.short"))), ("unit", &unit)],
        )
    }));
    let mut align = vec![Align::Left, Align::Left];
    align.extend([Align::Right; 6]);
    let mut rows: Vec<Vec<Line>> = Vec::new();
    // A total's label says how many systems it adds and how many of them lack figures.
    let total_row = |label: String, q: &Quantities, n: Option<&Count>| -> Vec<Line> {
        let mut first = vec![Span::strong(label)];
        if let Some(n) = n {
            let keys = if n.incomplete == 0 {
                ["report.size.covers_one", "report.size.covers"]
            } else {
                [
                    "report.size.covers_missing_one",
                    "report.size.covers_missing",
                ]
            };
            let counted = cx.tf_n(n.systems, keys, &[("missing", &n.incomplete.to_string())]);
            first.push(Span::plain(cx.append("", &counted)));
        }
        let mut r = vec![first, line(String::new())];
        r.extend(quantity_cells(cx, q));
        r
    };
    let row_of = |r: &super::parts::SizingRow| -> Vec<Line> {
        let wave = r
            .wave
            .map_or_else(|| cx.t("report.size.stays"), |n| cx.wave(n));
        let mut row = vec![
            line(cx.name_or_placeholder(&r.name, r.id)),
            line(if r.saas {
                cx.tf("report.size.saas_wave", &[("wave", &wave)])
            } else {
                wave
            }),
        ];
        row.extend(quantity_cells(cx, &r.quantities));
        row
    };
    // A wave whose systems are all replaced by SaaS has nothing hosted to total.
    for w in s.per_wave.iter().filter(|w| w.count.systems > 0) {
        rows.extend(
            s.rows
                .iter()
                .filter(|r| r.wave == Some(w.wave) && !r.saas)
                .map(row_of),
        );
        rows.push(total_row(
            cx.tf("report.size.wave_total", &[("wave", &cx.wave(w.wave))]),
            &w.quantities,
            Some(&w.count),
        ));
    }
    if !s.per_wave.is_empty() {
        rows.push(total_row(
            cx.t("report.size.moving_total"),
            &s.moving,
            Some(&s.moving_count),
        ));
    }
    let saas: Vec<_> = s.rows.iter().filter(|r| r.saas).collect();
    if !saas.is_empty() {
        rows.extend(saas.iter().map(|r| row_of(r)));
        rows.push(total_row(
            cx.t("report.size.saas_total"),
            &s.saas,
            Some(&s.saas_count),
        ));
    }
    let staying: Vec<_> = s.rows.iter().filter(|r| r.wave.is_none()).collect();
    if !staying.is_empty() {
        rows.extend(staying.iter().map(|r| row_of(r)));
        rows.push(total_row(
            cx.t("report.size.staying_total"),
            &s.staying,
            Some(&s.staying_count),
        ));
    }
    rows.push(total_row(cx.t("report.size.all_total"), &s.all, None));
    b.push(Block::Table {
        header,
        align,
        rows,
    });
    let missing = s.rows.iter().filter(|r| r.missing > 0).count();
    let note = if missing == 0 {
        cx.t("report.size.note")
    } else {
        cx.tf("report.size.note_missing", &[("n", &missing.to_string())])
    };
    b.push(Block::para(if saas.is_empty() {
        note
    } else {
        cx.append(&note, &cx.t("report.size.note_saas"))
    }));
}
