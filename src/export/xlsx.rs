//! The workbook export (`export --format xlsx`): one sheet each for the inventory (the same
//! columns as the import, so an exported workbook imports back unchanged), the waves, the
//! providers, the scorecard and the checklist. Numbers are number cells, headers are frozen.
//! Pure: the workbook is returned as bytes and written by the caller.

use super::ctx::DocCx;
use crate::content::Content;
use crate::engine::Analysis;
use crate::model::{Lang, Profile};
use crate::sheets::template::{header_format, width_for, write_value};
use crate::sheets::{Value, columns, system_values};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// Writes a header row, sizes the columns to it and freezes it.
fn headers(ws: &mut Worksheet, names: &[String]) -> Result<(), XlsxError> {
    let bold = header_format();
    for (i, h) in names.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.set_column_width(col, width_for(h).max(10.0))?;
        ws.write_string_with_format(0, col, h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn rows(ws: &mut Worksheet, rows: &[Vec<Value>]) -> Result<(), XlsxError> {
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, v) in row.iter().enumerate() {
            write_value(ws, r, u16::try_from(c).unwrap_or(u16::MAX), v)?;
        }
    }
    Ok(())
}

fn text(s: impl Into<String>) -> Value {
    let s = s.into();
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s)
    }
}

fn num(n: Option<f64>) -> Value {
    n.filter(|n| n.is_finite())
        .map_or(Value::Empty, Value::Number)
}

/// The workbook of one profile in `lang`.
pub fn workbook(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
) -> Result<Vec<u8>, XlsxError> {
    let cx = DocCx::new(content, lang, profile, analysis);
    let mut book = Workbook::new();

    // the inventory annex: the import's columns
    let cols = columns(content);
    let ws = book.add_worksheet();
    ws.set_name(cx.t("xlsx.sheet.inventory"))?;
    let names: Vec<String> = cols.iter().map(|c| c.header(content, lang)).collect();
    headers(ws, &names)?;
    ws.set_freeze_panes(1, 1)?;
    let inv: Vec<Vec<Value>> = profile
        .systems
        .iter()
        .map(|s| system_values(content, lang, profile, s, &cols))
        .collect();
    rows(ws, &inv)?;

    // the systems as planned
    let ws = book.add_worksheet();
    ws.set_name(cx.t("xlsx.sheet.waves"))?;
    headers(
        ws,
        &[
            cx.t("report.sys.wave"),
            cx.t("q.sys.name.label"),
            cx.t("report.sys.priority"),
            cx.t("report.sys.verdict"),
            cx.t("report.sys.strategy"),
        ],
    )?;
    let mut planned: Vec<&crate::engine::SystemResult> = analysis.systems.iter().collect();
    planned.sort_by_key(|s| (s.wave.unwrap_or(u32::MAX), s.id));
    let data: Vec<Vec<Value>> = planned
        .iter()
        .map(|s| {
            vec![
                num(s.wave.map(f64::from)),
                text(cx.name_or_placeholder(&s.name, s.id)),
                num(Some(s.priority)),
                text(cx.t(s.verdict.key())),
                text(cx.opt("strategy", &s.strategy)),
            ]
        })
        .collect();
    rows(ws, &data)?;

    // the providers, ranked
    let ws = book.add_worksheet();
    ws.set_name(cx.t("xlsx.sheet.providers"))?;
    let crits: Vec<&crate::engine::CriterionValue> = analysis
        .providers
        .first()
        .map(|p| p.breakdown.iter().collect())
        .unwrap_or_default();
    let mut names = vec![
        cx.t("report.prov.rank"),
        cx.t("report.prov.name"),
        cx.t("report.prov.score"),
    ];
    names.extend(crits.iter().map(|c| cx.t(&format!("crit.{}", c.id))));
    headers(ws, &names)?;
    let data: Vec<Vec<Value>> = analysis
        .providers
        .iter()
        .map(|p| {
            let mut row = vec![
                num(Some(f64::from(p.rank))),
                text(cx.provider_name(&p.name, p.id)),
                num(Some(p.score)),
            ];
            row.extend(crits.iter().map(|c| {
                num(p
                    .breakdown
                    .iter()
                    .find(|b| b.id == c.id)
                    .and_then(|b| b.value)
                    .map(|v| v * 100.0))
            }));
            row
        })
        .collect();
    rows(ws, &data)?;

    // the scorecard: readiness per step, the total, the five angles
    let ws = book.add_worksheet();
    ws.set_name(cx.t("xlsx.sheet.scorecard"))?;
    headers(
        ws,
        &[
            cx.t("report.score.step"),
            cx.t("report.score.score"),
            cx.t("xlsx.col.max"),
            cx.t("report.score.lost"),
        ],
    )?;
    let sc = &analysis.scorecard;
    let mut data: Vec<Vec<Value>> = sc
        .steps
        .iter()
        .map(|s| {
            let n = s.step.number();
            let lost = super::scorecard::step_losses(&cx, s);
            vec![
                text(cx.tf(
                    "report.step",
                    &[("n", &n.to_string()), ("title", &cx.step_title(n))],
                )),
                num(Some(s.score)),
                num(Some(10.0)),
                text(lost),
            ]
        })
        .collect();
    data.push(vec![
        text(cx.t("report.score.total")),
        num(Some(sc.total)),
        num(Some(100.0)),
        text(cx.stars(sc.stars)),
    ]);
    data.push(vec![Value::Empty]);
    data.push(vec![
        text(cx.t("report.score.angle")),
        text(cx.t("report.score.average")),
        num(Some(5.0)),
        text(cx.t("report.score.rated")),
    ]);
    for a in &sc.angles {
        data.push(vec![
            text(cx.t(&format!("angle.{}", a.id))),
            num(a.average),
            num(Some(5.0)),
            num(Some(a.rated as f64)),
        ]);
    }
    rows(ws, &data)?;

    // the checklist
    let ws = book.add_worksheet();
    ws.set_name(cx.t("xlsx.sheet.checklist"))?;
    headers(
        ws,
        &[
            cx.t("report.score.step"),
            cx.t("xlsx.col.item"),
            cx.t("xlsx.col.clause"),
            cx.t("xlsx.col.done"),
        ],
    )?;
    ws.set_column_width(1, 80.0)?;
    let data: Vec<Vec<Value>> = analysis
        .checklist
        .iter()
        .map(|i| {
            let n = i.step.number();
            vec![
                text(cx.tf(
                    "report.step",
                    &[("n", &n.to_string()), ("title", &cx.step_title(n))],
                )),
                text(cx.render(&i.text)),
                text(cx.cites(&[i.clause.as_ref()])),
                text(cx.t(if i.ticked {
                    "opt.yesno.yes"
                } else {
                    "opt.yesno.no"
                })),
            ]
        })
        .collect();
    rows(ws, &data)?;
    book.save_to_buffer()
}
