//! The scorecard (评估记分卡): readiness per step with what cost points, the five angles of §二,
//! the four effect dimensions of §十八, and the overall level.

use super::ctx::DocCx;
use super::doc::{Align, Block, Line, Span, line};
use super::plan::{basis, metric_question, payback_lines, percent, signed};

pub(crate) fn build(cx: &DocCx) -> Vec<Block> {
    let sc = &cx.a.scorecard;
    let mut b = vec![cx.heading(2, "report.score.title", &["十", "十八"])];
    b.push(Block::Paragraph(vec![
        Span::plain(cx.label(&cx.t("report.score.total"))),
        Span::strong(cx.tf("report.score.of_100", &[("n", &cx.num(sc.total, 1))])),
        Span::plain(format!(" · {}", cx.label(&cx.t("report.score.level")))),
        Span::plain(cx.tf(
            "report.score.stars",
            &[
                ("stars", &cx.stars(sc.stars)),
                ("n", &sc.stars.min(5).to_string()),
            ],
        )),
    ]));
    b.push(Block::para(cx.tf(
        "report.score.completeness",
        &[
            ("answered", &sc.completeness.answered.to_string()),
            ("total", &sc.completeness.total.to_string()),
        ],
    )));
    caps(cx, &mut b);
    readiness(cx, &mut b);
    angles(cx, &mut b);
    effects(cx, &mut b);
    gaps(cx, &mut b);
    b
}

/// "Capped at ★★★ because: …" (or, when the total alone is no higher, "would cap at …"), one line per critical gap, with the systems it was found in.
fn caps(cx: &DocCx, b: &mut Vec<Block>) {
    let sc = &cx.a.scorecard;
    if sc.caps.is_empty() {
        return;
    }
    // The caps lower the level only when it is below what the total alone gives; otherwise
    // they are gaps that would cap it, and the heading must not claim a cap (as the summary
    // in annex.rs does not).
    b.push(Block::para(if sc.stars < sc.uncapped_stars {
        cx.tf(
            "report.score.capped",
            &[
                ("stars", &cx.stars(sc.stars)),
                ("uncapped", &cx.stars(sc.uncapped_stars)),
            ],
        )
    } else {
        let cap = sc.caps.iter().map(|c| c.max_stars).min().unwrap_or(5);
        cx.tf(
            "report.score.capped_not_lowering",
            &[("cap", &cx.stars(cap)), ("stars", &cx.stars(sc.stars))],
        )
    }));
    let items = sc
        .caps
        .iter()
        .map(|c| {
            let clauses: Vec<&str> = c.clauses.iter().map(String::as_str).collect();
            let mut text = cx.t(&format!("cap.{}", c.item));
            if !c.systems.is_empty() {
                let names = cx.system_names(&c.systems);
                text.push_str(&cx.label(""));
                text.push_str(&if c.enterprise {
                    cx.tf("report.score.cap_both", &[("systems", &names)])
                } else {
                    names
                });
            }
            line(cx.with_clause(&text, &clauses))
        })
        .collect();
    b.push(Block::BulletList(items));
}

/// What a step lost, each loss as a sentence ([`loss_text`]), then the items that do not apply
/// to the plan; empty when it lost nothing. The scorecard table and the workbook's sheet alike.
pub(crate) fn step_losses(cx: &DocCx, s: &crate::engine::StepScore) -> String {
    let lost = cx.join_sentences(s.lost.iter().map(|l| loss_text(cx, l)));
    if s.not_applicable.is_empty() {
        return lost;
    }
    let items = cx.join(s.not_applicable.iter().map(|i| cx.t(&format!("score.{i}"))));
    let na = cx.tf("report.score.not_applicable", &[("items", &items)]);
    cx.join_sentences([lost, na].into_iter().filter(|t| !t.is_empty()))
}

/// One readiness loss as a sentence: points, what is missing, and where.
pub(crate) fn loss_text(cx: &DocCx, l: &crate::engine::Loss) -> String {
    let item = cx.t(&format!("score.{}", l.item));
    let what = match &l.part {
        Some(part) => cx.tf(
            "report.score.part",
            &[("part", &cx.t(part)), ("item", &item)],
        ),
        None => item,
    };
    let mut text = cx.tf(
        "report.score.loss",
        &[("points", &cx.num(l.points, 2)), ("item", &what)],
    );
    let mut who: Vec<String> = Vec::new();
    if !l.systems.is_empty() {
        who.push(cx.system_names(&l.systems));
    }
    who.extend(
        l.waves
            .iter()
            .map(|n| cx.tf("report.wave", &[("n", &n.to_string())])),
    );
    who.extend(l.providers.iter().filter_map(|id| {
        cx.a.providers
            .iter()
            .find(|p| p.id == *id)
            .map(|p| cx.provider_name(&p.name, p.id))
    }));
    if !who.is_empty() {
        text.push_str(&cx.label(""));
        text.push_str(&cx.join(who));
    }
    if l.unanswered {
        let mark = cx.t("report.score.unanswered");
        if !mark.starts_with('（') {
            text.push(' ');
        }
        text.push_str(&mark);
    }
    cx.with_clause(&text, &[l.clause.as_str()])
}

fn readiness(cx: &DocCx, b: &mut Vec<Block>) {
    let sc = &cx.a.scorecard;
    b.push(cx.heading(3, "report.score.readiness", &["十"]));
    // The profile screen's questions count in the answered total (not in the score): its own
    // row, so that the answered column adds up to the total.
    let profile_clauses: Vec<&str> = std::iter::once(&cx.c.profile.clause)
        .chain(&cx.c.profile.also)
        .map(String::as_str)
        .collect();
    let mut rows: Vec<Vec<Line>> = vec![vec![
        line(cx.with_clause(&cx.t("step.profile.title"), &profile_clauses)),
        line(cx.tf(
            "report.score.answered",
            &[
                ("answered", &sc.completeness.profile.answered.to_string()),
                ("total", &sc.completeness.profile.total.to_string()),
            ],
        )),
        line(cx.dash()),
        line(cx.t("report.score.profile_unscored")),
    ]];
    rows.extend(sc.steps.iter().map(|s| {
        let n = s.step.number();
        let clause = cx.c.step(s.step).clause.as_str();
        let step = cx.with_clause(
            &cx.tf(
                "report.step",
                &[("n", &n.to_string()), ("title", &cx.step_title(n))],
            ),
            &[clause],
        );
        let answered = sc
            .completeness
            .steps
            .iter()
            .find(|c| c.step == s.step)
            .map_or_else(
                || cx.dash(),
                |c| {
                    cx.tf(
                        "report.score.answered",
                        &[
                            ("answered", &c.answered.to_string()),
                            ("total", &c.total.to_string()),
                        ],
                    )
                },
            );
        let lost = step_losses(cx, s);
        vec![
            line(step),
            line(answered),
            line(cx.tf("report.score.of_10", &[("n", &cx.num(s.score, 1))])),
            line(if lost.is_empty() { cx.dash() } else { lost }),
        ]
    }));
    rows.push(vec![
        vec![Span::strong(cx.t("report.score.total"))],
        line(cx.tf(
            "report.score.answered",
            &[
                ("answered", &sc.completeness.answered.to_string()),
                ("total", &sc.completeness.total.to_string()),
            ],
        )),
        vec![Span::strong(
            cx.tf("report.score.of_100", &[("n", &cx.num(sc.total, 1))]),
        )],
        line(cx.stars(sc.stars)),
    ]);
    b.push(Block::Table {
        header: vec![
            cx.t("report.score.step"),
            cx.t("report.score.answered_col"),
            cx.t("report.score.score"),
            cx.t("report.score.lost"),
        ],
        align: vec![Align::Left, Align::Right, Align::Right, Align::Left],
        rows,
    });
}

fn angles(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.score.angles", &["二"]));
    let rows =
        cx.a.scorecard
            .angles
            .iter()
            .map(|a| {
                vec![
                    line(cx.t(&format!("angle.{}", a.id))),
                    line(a.average.map_or_else(
                        || cx.dash(),
                        |v| cx.tf("report.score.of_5", &[("n", &cx.num(v, 1))]),
                    )),
                    line(a.rated.to_string()),
                    line(if a.weak.is_empty() {
                        cx.dash()
                    } else {
                        cx.system_names(&a.weak)
                    }),
                ]
            })
            .collect();
    b.push(Block::Table {
        header: ["angle", "average", "rated", "weak"]
            .iter()
            .map(|k| cx.t(&format!("report.score.{k}")))
            .collect(),
        align: vec![Align::Left, Align::Right, Align::Right, Align::Left],
        rows,
    });
}

fn effects(cx: &DocCx, b: &mut Vec<Block>) {
    let e = &cx.a.scorecard.effects;
    b.push(cx.heading(3, "report.score.effects", &["十八"]));
    let rows = e
        .dimensions
        .iter()
        .map(|d| {
            let metrics = cx.join(d.metrics.iter().map(|m| {
                let name = cx.t(&format!("metric.{}", m.id));
                match m.improvement {
                    Some(i) => format!("{name} {}", percent(cx, i)),
                    // From a baseline of 0 there is no relative improvement: a rise scores
                    // full marks, and says so.
                    None if m.before == Some(0.0) && m.score > 0.0 => {
                        cx.tf("report.score.from_zero", &[("metric", &name)])
                    }
                    // Otherwise the change itself, in its unit, when there is one.
                    None => match m.delta {
                        Some(d) => format!("{name} {}", signed(cx, metric_question(cx, &m.id), d)),
                        None => format!("{name} {}", cx.dash()),
                    },
                }
            }));
            vec![
                line(cx.t(&format!("effect.{}", d.id))),
                line(cx.tf("report.score.of_25", &[("n", &cx.num(d.score, 1))])),
                line(if metrics.is_empty() {
                    cx.dash()
                } else {
                    metrics
                }),
            ]
        })
        .collect();
    b.push(Block::Table {
        header: vec![
            cx.t("report.effects.dimension"),
            cx.t("report.score.score"),
            cx.t("report.effects.improvement"),
        ],
        align: vec![Align::Left, Align::Right, Align::Left],
        rows,
    });
    let mut lines = vec![cx.labelled(
        "report.score.effect_total",
        cx.tf("report.score.of_100", &[("n", &cx.num(e.score, 1))]),
    )];
    lines.push(line(basis(cx)));
    lines.extend(payback_lines(cx));
    b.push(Block::BulletList(lines));
}

fn gaps(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.score.gaps", &["十"]));
    let items: Vec<Line> =
        cx.a.systems
            .iter()
            .filter(|s| !s.missing.is_empty())
            .map(|s| {
                let labels = cx.join(s.missing.iter().map(|q| cx.q_label(q)));
                vec![
                    Span::strong(cx.name_or_placeholder(&s.name, s.id)),
                    Span::plain(format!("{}{labels}", cx.label(""))),
                ]
            })
            .collect();
    b.push(if cx.a.systems.is_empty() {
        Block::para(cx.t("report.score.no_systems"))
    } else if items.is_empty() {
        Block::para(cx.t("report.score.no_gaps"))
    } else {
        Block::BulletList(items)
    });
}
