//! The workshop summary: many participants' profiles side by side, averages, the steps most
//! often weak, and the files that could not be read (each with its reason; one bad file never
//! hides the others).

use super::ctx::DocCx;
use super::doc::{Align, Block, Line, Span, line};
use super::markdown;
use crate::content::{Content, format_number};
use crate::engine::Analysis;
use crate::model::{Lang, Profile, StepId};

/// A step scoring below this (out of 10) counts as weak for a participant.
pub const WEAK_STEP_BELOW: f64 = 6.0;

/// One input file of the summary.
#[derive(Debug, Clone)]
pub enum Entry {
    Loaded {
        file: String,
        profile: Box<Profile>,
        analysis: Box<Analysis>,
    },
    /// The file could not be read or parsed; `reason` is already in the summary's language.
    Failed { file: String, reason: String },
}

struct T<'a> {
    c: &'a Content,
    lang: Lang,
}

impl T<'_> {
    fn t(&self, key: &str) -> String {
        self.c.t(self.lang, key)
    }

    fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.c.render_plain(self.lang, key, args)
    }

    fn heading(&self, level: u8, key: &str, clause: Option<&str>) -> Block {
        let title = self.t(key);
        match clause {
            Some(c) => Block::heading(
                level,
                self.tf(
                    "report.with_clause",
                    &[("text", &title), ("clause", &self.c.cite(self.lang, c))],
                ),
            ),
            None => Block::heading(level, title),
        }
    }
}

fn average(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .filter(|v| v.is_finite())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The summary as blocks.
pub fn summary(
    content: &Content,
    lang: Lang,
    entries: &[Entry],
    generated_on: Option<&str>,
) -> Vec<Block> {
    let t = T { c: content, lang };
    let loaded: Vec<(&str, &Profile, &Analysis)> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Loaded {
                file,
                profile,
                analysis,
            } => Some((file.as_str(), profile.as_ref(), analysis.as_ref())),
            Entry::Failed { .. } => None,
        })
        .collect();
    let failed: Vec<(&str, &str)> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Failed { file, reason } => Some((file.as_str(), reason.as_str())),
            Entry::Loaded { .. } => None,
        })
        .collect();

    let mut b = vec![t.heading(1, "report.ws.title", None)];
    let counts = t.tf(
        "report.ws.counts",
        &[
            ("loaded", &loaded.len().to_string()),
            ("failed", &failed.len().to_string()),
        ],
    );
    b.push(Block::para(match generated_on {
        Some(d) => format!(
            "{} · {counts}",
            t.tf("report.subtitle_dated", &[("date", d)])
        ),
        None => format!("{} · {counts}", t.t("report.subtitle")),
    }));

    // Participants.
    b.push(t.heading(2, "report.ws.participants", Some("十")));
    if loaded.is_empty() {
        b.push(Block::para(t.t("report.ws.no_participants")));
    } else {
        let rows = loaded
            .iter()
            .map(|(file, p, a)| {
                let cx = DocCx::new(content, lang, p, a);
                let size = p
                    .answers
                    .choice("ent.size")
                    .map_or_else(|| cx.dash(), |s| cx.opt("size", s));
                let payback = a.scorecard.effects.payback_months.map_or_else(
                    || cx.dash(),
                    |m| cx.tf("report.effects.months", &[("n", &cx.num(m, 1))]),
                );
                vec![
                    line(*file),
                    line(cx.enterprise_name()),
                    line(size),
                    line(p.systems.len().to_string()),
                    line(cx.opt("deployment", a.deployment.chosen.option())),
                    line(cx.num(a.scorecard.total, 1)),
                    line(cx.stars(a.scorecard.stars)),
                    line(cx.num(a.scorecard.effects.score, 1)),
                    line(payback),
                ]
            })
            .collect();
        b.push(Block::Table {
            header: [
                "file",
                "enterprise",
                "size",
                "systems",
                "deployment",
                "readiness",
                "stars",
                "effect",
                "payback",
            ]
            .iter()
            .map(|k| t.t(&format!("report.ws.{k}")))
            .collect(),
            align: vec![
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Right,
                Align::Right,
            ],
            rows,
        });

        // Averages.
        b.push(t.heading(2, "report.ws.averages", None));
        let avg =
            |v: Option<f64>| v.map_or_else(|| t.t("report.none_mark"), |v| format_number(v, 1));
        let with_payback = loaded
            .iter()
            .filter_map(|(_, _, a)| a.scorecard.effects.payback_months)
            .count();
        let items: Vec<Line> = vec![
            labelled(
                &t,
                "report.ws.readiness",
                avg(average(loaded.iter().map(|(_, _, a)| a.scorecard.total))),
            ),
            labelled(
                &t,
                "report.ws.effect",
                avg(average(
                    loaded.iter().map(|(_, _, a)| a.scorecard.effects.score),
                )),
            ),
            labelled(
                &t,
                "report.ws.systems",
                avg(average(
                    loaded.iter().map(|(_, p, _)| p.systems.len() as f64),
                )),
            ),
            labelled(
                &t,
                "report.ws.payback",
                format!(
                    "{} {}",
                    avg(average(
                        loaded
                            .iter()
                            .filter_map(|(_, _, a)| a.scorecard.effects.payback_months)
                    )),
                    t.tf(
                        "report.ws.of_participants",
                        &[
                            ("n", &with_payback.to_string()),
                            ("total", &loaded.len().to_string())
                        ]
                    )
                ),
            ),
        ];
        b.push(Block::BulletList(items));

        // Weak steps.
        b.push(t.heading(2, "report.ws.weak_steps", Some("十")));
        b.push(Block::para(t.tf(
            "report.ws.weak_rule",
            &[("n", &format_number(WEAK_STEP_BELOW, 1))],
        )));
        let mut weak: Vec<(StepId, usize, Option<f64>)> = StepId::ALL
            .iter()
            .map(|step| {
                let scores: Vec<f64> = loaded
                    .iter()
                    .filter_map(|(_, _, a)| {
                        a.scorecard
                            .steps
                            .iter()
                            .find(|s| s.step == *step)
                            .map(|s| s.score)
                    })
                    .collect();
                let n = scores.iter().filter(|s| **s < WEAK_STEP_BELOW).count();
                (*step, n, average(scores.into_iter()))
            })
            .filter(|(_, n, _)| *n > 0)
            .collect();
        weak.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if weak.is_empty() {
            b.push(Block::para(t.t("report.ws.no_weak_steps")));
        } else {
            let rows = weak
                .iter()
                .map(|(step, n, avg_score)| {
                    let num = step.number();
                    let title = t.tf(
                        "report.step",
                        &[
                            ("n", &num.to_string()),
                            ("title", &t.t(&format!("step.s{num}.title"))),
                        ],
                    );
                    vec![
                        line(title),
                        line(t.tf(
                            "report.ws.n_of",
                            &[("n", &n.to_string()), ("total", &loaded.len().to_string())],
                        )),
                        line(avg(*avg_score)),
                    ]
                })
                .collect();
            b.push(Block::Table {
                header: vec![
                    t.t("report.score.step"),
                    t.t("report.ws.weak_in"),
                    t.t("report.ws.avg_score"),
                ],
                align: vec![Align::Left, Align::Right, Align::Right],
                rows,
            });
        }
    }

    // Failures.
    b.push(t.heading(2, "report.ws.failed", None));
    if failed.is_empty() {
        b.push(Block::para(t.t("report.ws.no_failed")));
    } else {
        b.push(Block::BulletList(
            failed
                .iter()
                .map(|(file, reason)| {
                    vec![
                        Span::strong(*file),
                        Span::plain(format!(
                            "{}{reason}",
                            t.tf("report.label", &[("label", "")])
                        )),
                    ]
                })
                .collect(),
        ));
    }
    b
}

fn labelled(t: &T, key: &str, value: String) -> Line {
    vec![
        Span::plain(t.tf("report.label", &[("label", &t.t(key))])),
        Span::Strong(value),
    ]
}

/// The summary as Markdown.
pub fn summary_markdown(
    content: &Content,
    lang: Lang,
    entries: &[Entry],
    generated_on: Option<&str>,
) -> String {
    markdown::render_blocks(&summary(content, lang, entries, generated_on))
}
