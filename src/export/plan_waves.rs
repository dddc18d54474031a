//! The plan's migration-wave section: the capacity and why, each wave with its dates, length,
//! tests and notes, the Mermaid chart (Gantt with the analysis's dates, else a flowchart) and a
//! table of why each system is in its wave. §十四 orders the migration; "easy first" is sound
//! practice on top of it, not a phrase of §十四, so the heading cites §十四 only.

use super::ctx::DocCx;
use super::doc::{Align, Block, Line, Span, line};
use super::escape;
use crate::engine::Wave;
use crate::engine::waves::WaveRef;

/// At most this many system names in one node of the wave flowchart.
const FLOW_NAMES: usize = 8;

pub(crate) fn waves(cx: &DocCx, b: &mut Vec<Block>) {
    // §十四 orders the migration; easy first is sound practice, not a phrase of §十四.
    b.push(cx.heading(3, "report.plan.waves", &["十四"]));
    if cx.a.waves.is_empty() {
        b.push(Block::para(cx.t("report.wave.none")));
    } else {
        b.push(Block::para(cx.c.render(cx.lang, &cx.a.capacity.reason)));
        let items = cx.a.waves.iter().map(|w| wave_line(cx, w)).collect();
        b.push(Block::BulletList(items));
        b.push(mermaid(cx, &cx.a.waves));
        let rows =
            cx.a.waves
                .iter()
                .flat_map(|w| {
                    w.systems.iter().zip(&w.reasons).map(move |(id, r)| {
                        let difficulty =
                            cx.a.system(*id)
                                .map_or_else(|| cx.dash(), |s| difficulty(cx, s));
                        vec![
                            line(cx.wave(w.number)),
                            line(cx.system_name(*id)),
                            line(difficulty),
                            line(cx.c.render(cx.lang, &r.text)),
                        ]
                    })
                })
                .collect();
        b.push(Block::Table {
            header: vec![
                cx.t("report.tests.wave"),
                cx.t("report.wave.col.system"),
                cx.t("ui.col.difficulty"),
                cx.t("report.wave.col.why"),
            ],
            align: vec![Align::Left; 4],
            rows,
        });
    }
    let kept: Vec<_> =
        cx.a.systems
            .iter()
            .filter(|s| s.wave.is_none())
            .map(|s| s.id)
            .collect();
    if !kept.is_empty() {
        b.push(Block::Paragraph(
            cx.labelled("report.wave.kept", cx.system_names(&kept)),
        ));
    }
}

/// A system's difficulty, with "not fully assessed yet" when blanks keep it from low (rules.ron
/// `difficulty.medium` `unassessed`): the table shows why it is not the pilot.
fn difficulty(cx: &DocCx, s: &crate::engine::SystemResult) -> String {
    let label = cx.t(s.difficulty.key());
    if s.difficulty_reasons
        .iter()
        .any(|r| r.text.key == UNASSESSED)
    {
        cx.tf("report.wave.unassessed", &[("difficulty", &label)])
    } else {
        label
    }
}

/// The reason text of the difficulty rule that holds when answers are missing.
const UNASSESSED: &str = "why.difficulty.unassessed";

/// "Wave 2 — 2027-03-06 – 2027-04-02 (28 days, default for medium difficulty): ERP, WMS;
/// tests: …", with the pilot, cycle and capacity notes.
fn wave_line(cx: &DocCx, w: &Wave) -> Line {
    let systems = cx.system_names(&w.systems);
    let length =
        cx.c.render(cx.lang, &crate::engine::schedule::length_text(w));
    let tests: Vec<String> = WaveRef::of(w)
        .answers(cx.p)
        .map(|a| {
            a.choices("wave.tests")
                .iter()
                .map(|o| cx.opt("pretest", o))
                .collect()
        })
        .unwrap_or_default();
    let tests = if tests.is_empty() {
        cx.t("report.wave.no_tests")
    } else {
        cx.tf("report.wave.tests", &[("tests", &cx.join(tests))])
    };
    let mut text = match (&w.start, &w.end) {
        (Some(start), Some(end)) => cx.tf(
            "report.wave.dated",
            &[
                ("start", start),
                ("end", end),
                ("length", &length),
                ("systems", &systems),
                ("tests", &tests),
            ],
        ),
        _ => cx.tf(
            "report.wave.undated",
            &[
                ("length", &length),
                ("systems", &systems),
                ("tests", &tests),
            ],
        ),
    };
    if w.pilot {
        text = cx.append(&text, &cx.t("report.wave.pilot"));
    } else if w.number == 1 {
        let n = cx.a.capacity.pilot.to_string();
        text = cx.append(&text, &cx.tf("report.wave.no_pilot", &[("n", &n)]));
    }
    if w.cyclic {
        text = cx.append(&text, &cx.t("report.wave.cyclic"));
    }
    if w.over_capacity {
        text = cx.append(&text, &cx.t("report.wave.over_capacity"));
    }
    vec![
        Span::strong(cx.wave(w.number)),
        Span::plain(format!(" — {text}")),
    ]
}

/// Gantt chart when every wave has dates, else a flowchart of the wave order.
fn mermaid(cx: &DocCx, waves: &[Wave]) -> Block {
    let text = if waves.iter().all(|w| w.start.is_some()) {
        gantt(cx, waves)
    } else {
        flowchart(cx, waves)
    };
    Block::CodeBlock {
        lang: "mermaid".into(),
        text,
    }
}

/// A Gantt task name must not start with a word Mermaid reads as a statement.
fn gantt_task_name(name: &str) -> String {
    const KEYWORDS: [&str; 12] = [
        "title",
        "section",
        "dateformat",
        "axisformat",
        "tickinterval",
        "excludes",
        "includes",
        "todaymarker",
        "weekday",
        "click",
        "acc",
        "inclusiveenddates",
    ];
    let clean = escape::mermaid(name);
    let lower = clean.to_lowercase();
    if KEYWORDS.iter().any(|k| lower.starts_with(k)) || lower.starts_with("topaxis") {
        format!("· {clean}")
    } else {
        clean
    }
}

fn gantt(cx: &DocCx, waves: &[Wave]) -> String {
    let mut out = format!(
        "gantt\n    title {}\n    dateFormat YYYY-MM-DD\n",
        escape::mermaid(&cx.tf(
            "report.wave.gantt_title",
            &[("name", &cx.enterprise_name())]
        ))
    );
    for w in waves {
        let Some(start) = &w.start else { continue };
        let days = w.days;
        out.push_str(&format!(
            "    section {}\n",
            escape::mermaid(&cx.wave(w.number))
        ));
        if w.systems.is_empty() {
            out.push_str(&format!(
                "    {} :w{}, {start}, {days}d\n",
                escape::mermaid(&cx.wave(w.number)),
                w.number
            ));
        }
        for id in &w.systems {
            out.push_str(&format!(
                "    {} :s{}, {start}, {days}d\n",
                gantt_task_name(&cx.system_name(*id)),
                id.0
            ));
        }
    }
    out
}

fn flowchart(cx: &DocCx, waves: &[Wave]) -> String {
    let mut out = String::from("flowchart LR\n");
    for w in waves {
        let mut names: Vec<String> = w
            .systems
            .iter()
            .take(FLOW_NAMES)
            .map(|id| escape::mermaid(&cx.system_name(*id)))
            .collect();
        if w.systems.len() > FLOW_NAMES {
            names.push(escape::mermaid(&cx.tf(
                "report.wave.more",
                &[("n", &(w.systems.len() - FLOW_NAMES).to_string())],
            )));
        }
        let label = escape::mermaid(&cx.wave(w.number));
        out.push_str(&format!(
            "    w{}[\"{label}<br/>{}\"]\n",
            w.number,
            names.join("<br/>")
        ));
    }
    for pair in waves.windows(2) {
        if let [a, b] = pair {
            out.push_str(&format!("    w{} --> w{}\n", a.number, b.number));
        }
    }
    out
}
