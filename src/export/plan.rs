//! The plan (上云方案): what the enterprise will do, section by section, each citing its clause.
//!
//! Over 700 lines: one function per section of the plan, in document order (the wave section
//! lives apart in `plan_waves`, the parts for providers in `annex`).

use super::annex;
use super::ctx::DocCx;
use super::doc::{Align, Block, Line, Span, line};
use crate::content::{Measure, QuestionKind};
use crate::engine::waves::WaveRef;
use crate::engine::{Deployment, SystemResult, Verdict, schedule};
use crate::model::SystemId;

pub(crate) fn build(cx: &DocCx) -> Vec<Block> {
    let parts = super::parts::build(cx.c, cx.p, cx.a);
    let mut b = vec![cx.heading(2, "report.plan.title", &["十"])];
    annex::summary(cx, &parts, &mut b);
    profile(cx, &mut b);
    deployment(cx, &mut b);
    services(cx, &mut b);
    providers(cx, &mut b);
    annex::decision(cx, &parts, &mut b);
    systems(cx, &mut b);
    super::plan_waves::waves(cx, &mut b);
    design(cx, &mut b);
    tests(cx, &mut b);
    annex::runbooks(cx, &parts, &mut b);
    sla(cx, &mut b);
    annex::sla_terms(cx, &parts, &mut b);
    effects(cx, &mut b);
    team(cx, &mut b);
    annex::annex(cx, &parts, &mut b);
    b
}

fn profile(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.profile", &["一", "十一"]));
    let mut qids: Vec<&str> =
        cx.c.profile
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .collect();
    qids.extend(["s1.problems", "s1.partner"]);
    b.push(cx.qa_table(&qids));
    let count = cx.p.systems.len().to_string();
    b.push(Block::Paragraph(
        cx.labelled("report.plan.inventory", count),
    ));
}

fn deployment_label(cx: &DocCx, d: Deployment) -> String {
    cx.opt("deployment", d.option())
}

fn deployment(cx: &DocCx, b: &mut Vec<Block>) {
    let d = &cx.a.deployment;
    b.push(cx.heading(3, "report.plan.deployment", &["五", "六"]));
    b.push(Block::Paragraph(cx.labelled(
        "report.deploy.recommended",
        deployment_label(cx, d.recommended),
    )));
    let chosen = deployment_label(cx, d.chosen);
    let chosen = if d.overridden {
        cx.append(&chosen, &cx.t("report.deploy.overridden"))
    } else {
        chosen
    };
    b.push(Block::Paragraph(
        cx.labelled("report.deploy.chosen", chosen),
    ));
    if !d.reasons.is_empty() {
        b.push(Block::BulletList(
            d.reasons.iter().map(|r| line(cx.reason(r))).collect(),
        ));
    }
    if !d.split.is_empty() {
        b.push(Block::Paragraph(vec![Span::plain(cx.label(
            &cx.with_clause(&cx.t("report.deploy.split"), &["五"]),
        ))]));
        b.push(Block::BulletList(
            d.split.iter().map(|id| line(cx.system_name(*id))).collect(),
        ));
    }
}

fn services(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.services", &["七", "八", "九"]));
    if cx.a.services.is_empty() {
        b.push(Block::para(cx.t("report.svc.none")));
        return;
    }
    for group in &cx.c.catalogue.groups {
        let items: Vec<Line> =
            cx.a.services
                .iter()
                .filter(|s| s.group == group.id)
                .map(|s| {
                    let systems = cx.system_names(&s.suggested_for);
                    // not selected: the systems that need it have a gap (named as such, as
                    // next to each system), the others only a recommendation
                    let recommended: Vec<SystemId> = s
                        .suggested_for
                        .iter()
                        .copied()
                        .filter(|id| !s.needed_for.contains(id))
                        .collect();
                    let needed = cx.system_names(&s.needed_for);
                    let status = match (s.selected, s.suggested_for.is_empty()) {
                        (true, true) => cx.t("report.svc.selected"),
                        (true, false) => cx.tf("report.svc.selected_for", &[("systems", &systems)]),
                        (false, _) if s.needed_for.is_empty() => {
                            cx.tf("report.svc.suggested_for", &[("systems", &systems)])
                        }
                        (false, _) if recommended.is_empty() => {
                            cx.tf("report.svc.needed_for", &[("needed", &needed)])
                        }
                        (false, _) => cx.tf(
                            "report.svc.needed_also",
                            &[
                                ("needed", &needed),
                                ("systems", &cx.system_names(&recommended)),
                            ],
                        ),
                    };
                    vec![
                        Span::strong(cx.service(&s.id)),
                        Span::plain(format!(" — {status}")),
                    ]
                })
                .collect();
        if items.is_empty() {
            continue;
        }
        let title = cx.with_clause(
            &cx.t(&format!("cat.{}", group.id)),
            &[group.clause.as_str()],
        );
        b.push(Block::heading(4, title));
        b.push(Block::BulletList(items));
    }
}

fn providers(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.providers", &["二", "二十四"]));
    let Some(first) = cx.a.providers.first() else {
        b.push(Block::para(cx.t("report.prov.none")));
        return;
    };
    let mut header = vec![
        cx.t("report.prov.rank"),
        cx.t("report.prov.name"),
        cx.t("report.prov.score"),
    ];
    let mut align = vec![Align::Right, Align::Left, Align::Right];
    for crit in &first.breakdown {
        let label = cx.t(&format!("crit.{}", crit.id));
        header.push(cx.tf(
            "report.prov.crit",
            &[("crit", &label), ("weight", &cx.num(crit.weight, 2))],
        ));
        align.push(Align::Right);
    }
    let rows =
        cx.a.providers
            .iter()
            .map(|p| {
                let mut row = vec![
                    line(p.rank.to_string()),
                    line(cx.provider_name(&p.name, p.id)),
                    line(cx.num(p.score, 1)),
                ];
                for crit in &first.breakdown {
                    let v = p
                        .breakdown
                        .iter()
                        .find(|c| c.id == crit.id)
                        .and_then(|c| c.value);
                    row.push(line(v.map_or_else(|| cx.dash(), |v| cx.num(v * 100.0, 0))));
                }
                row
            })
            .collect();
    b.push(Block::Table {
        header,
        align,
        rows,
    });
    b.push(Block::para(cx.t("report.prov.note")));
    b.push(Block::BulletList(criteria_how(cx)));
    chosen_provider(cx, b);
}

/// How each criterion's answer becomes points (from its measure in `rules.provider_criteria`).
fn criteria_how(cx: &DocCx) -> Vec<Line> {
    cx.c.rules
        .provider_criteria
        .iter()
        .map(|c| {
            let how = match &c.measure {
                Measure::Rating(_) => cx.t("report.prov.how.rating"),
                Measure::YesNo(_) => cx.t("report.prov.how.yes_no"),
                Measure::Linear { worst, best, .. } => cx.tf(
                    "report.prov.how.linear",
                    &[("worst", &cx.num(*worst, 2)), ("best", &cx.num(*best, 2))],
                ),
                Measure::Lowest(_) => cx.t("report.prov.how.lowest"),
            };
            vec![
                Span::strong(cx.t(&format!("crit.{}", c.id))),
                Span::plain(format!("{}{how}", cx.label(""))),
            ]
        })
        .collect()
}

/// The chosen provider (§十 "选择确定"): which, how it was chosen, and why.
fn chosen_provider(cx: &DocCx, b: &mut Vec<Block>) {
    let Some(choice) = &cx.a.provider_choice else {
        return;
    };
    let Some(p) = cx.p.provider(choice.id) else {
        return;
    };
    let rank =
        cx.a.providers
            .iter()
            .find(|r| r.id == p.id)
            .map_or(0, |r| r.rank);
    let how = if choice.by_default {
        cx.t("report.prov.chosen_default")
    } else if choice.overrides_ranking {
        cx.tf(
            "report.prov.chosen_over",
            &[
                ("rank", &rank.to_string()),
                ("n", &cx.a.providers.len().to_string()),
            ],
        )
    } else {
        cx.t("report.prov.chosen_top")
    };
    b.push(Block::Paragraph(vec![
        Span::plain(cx.label(&cx.t("report.prov.chosen"))),
        Span::strong(cx.provider_name(&p.name, p.id)),
        // Full-width brackets carry their own spacing.
        Span::plain(if how.starts_with('（') {
            how
        } else {
            format!(" {how}")
        }),
    ]));
    // Several providers marked chosen: the first counts (engine::providers::chosen_index).
    let marked: Vec<_> =
        cx.p.providers
            .iter()
            .filter(|m| m.answers.yes_no(crate::engine::providers::CHOSEN_QUESTION) == Some(true))
            .collect();
    if marked.len() > 1 {
        let others = cx.join(
            marked
                .iter()
                .skip(1)
                .map(|m| format!("“{}”", cx.provider_name(&m.name, m.id))),
        );
        b.push(Block::para(cx.tf(
            "report.prov.several_chosen",
            &[
                ("n", &marked.len().to_string()),
                ("chosen", &cx.provider_name(&p.name, p.id)),
                ("others", &others),
            ],
        )));
    }
    if let Some(reason) = &choice.reason {
        b.push(Block::Paragraph(vec![
            Span::plain(cx.label(&cx.q_label("s3.chosen_reason"))),
            Span::plain(reason.clone()),
        ]));
    } else if choice.overrides_ranking {
        b.push(Block::para(cx.t("report.prov.no_reason")));
    }
}

fn strategy_cell(cx: &DocCx, s: &SystemResult) -> String {
    let label = cx.opt("strategy", &s.strategy);
    if s.overridden {
        let suggested = cx.opt("strategy", &s.suggested_strategy);
        cx.append(
            &label,
            &cx.tf("report.sys.overridden", &[("suggested", &suggested)]),
        )
    } else {
        label
    }
}

fn systems(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.systems", &["十一", "十二", "十四"]));
    if cx.a.systems.is_empty() {
        b.push(Block::para(cx.t("report.sys.none")));
        return;
    }
    let header = [
        "name", "priority", "verdict", "strategy", "wave", "services", "risks",
    ]
    .iter()
    .map(|k| cx.t(&format!("report.sys.{k}")))
    .collect();
    let align = vec![
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
    ];
    let rows =
        cx.a.systems
            .iter()
            .map(|s| {
                let risks = cx.reasons(&s.risks);
                vec![
                    line(cx.name_or_placeholder(&s.name, s.id)),
                    // A "not now" system is not ranked with the systems that go.
                    line(if s.verdict == Verdict::NotNow {
                        cx.tf("report.sys.not_ranked", &[("n", &cx.num(s.priority, 0))])
                    } else {
                        cx.num(s.priority, 0)
                    }),
                    line(cx.t(s.verdict.key())),
                    line(strategy_cell(cx, s)),
                    line(s.wave.map_or_else(|| cx.dash(), |n| cx.wave(n))),
                    line(if s.services.is_empty() {
                        cx.dash()
                    } else {
                        cx.services(&s.services)
                    }),
                    line(if risks.is_empty() { cx.dash() } else { risks }),
                ]
            })
            .collect();
    b.push(Block::Table {
        header,
        align,
        rows,
    });

    b.push(cx.heading(4, "report.sys.reasons", &["三", "十二", "十四"]));
    // The same labels for every system.
    let verdict_label = cx.label(&cx.t("report.sys.verdict"));
    let suggested_label = cx.label(&cx.t("report.sys.suggested"));
    for s in &cx.a.systems {
        b.push(Block::Paragraph(vec![Span::strong(
            cx.name_or_placeholder(&s.name, s.id),
        )]));
        let because = |what: String, reasons: &[crate::engine::Reason]| -> Line {
            line(if reasons.is_empty() {
                what
            } else {
                cx.because_reasons(&what, reasons)
            })
        };
        let priority = cx.tf("report.sys.priority_is", &[("n", &cx.num(s.priority, 0))]);
        let mut verdict = verdict_label.clone();
        cx.push_t(s.verdict.key(), &mut verdict);
        let strategy = format!(
            "{suggested_label}{}",
            cx.opt("strategy", &s.suggested_strategy)
        );
        let mut lines = vec![
            because(priority, &s.priority_reasons),
            because(verdict, &s.verdict_reasons),
            because(strategy, &s.strategy_reasons),
        ];
        // Services it needs but that are not selected (§七–§九).
        if !s.gaps.is_empty() {
            let reasons: Vec<crate::engine::Reason> =
                s.gaps.iter().map(|g| g.reason.clone()).collect();
            lines.push(line(format!(
                "{}{}",
                cx.label(&cx.t("report.sys.gaps")),
                cx.reasons(&reasons)
            )));
        }
        b.push(Block::BulletList(lines));
    }
}

const PLANS: [&str; 8] = [
    "s4.plan_app",
    "s4.plan_data",
    "s4.plan_transform",
    "s4.plan_storage",
    "s4.plan_security",
    "s4.plan_supervision",
    "s4.plan_acceptance",
    "s4.plan_rollback",
];

fn design(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.design", &["十三", "四"]));
    let without_rollback: Vec<SystemId> =
        cx.a.systems
            .iter()
            .filter(|s| s.wave.is_some())
            .filter(|s| {
                cx.p.system(s.id)
                    .and_then(|sys| sys.answers.yes_no("sys.f_rollback"))
                    != Some(true)
            })
            .map(|s| s.id)
            .collect();
    let rows = PLANS
        .iter()
        .map(|q| {
            let status = match cx.p.answers.yes_no(q) {
                // The enterprise plan cannot show as written while a migrating system lacks one.
                Some(true) if *q == "s4.plan_rollback" && !without_rollback.is_empty() => cx.tf(
                    "report.design.partial",
                    &[("systems", &cx.system_names(&without_rollback))],
                ),
                Some(true) => cx.t("report.design.exists"),
                Some(false) => cx.t("report.design.missing"),
                None => cx.t("report.unanswered"),
            };
            vec![line(cx.q_label(q)), line(status)]
        })
        .collect();
    b.push(Block::Table {
        header: vec![cx.t("report.design.plan"), cx.t("report.design.status")],
        align: vec![Align::Left, Align::Left],
        rows,
    });
    b.push(Block::Paragraph(vec![
        Span::plain(cx.label(&cx.with_clause(&cx.q_label("s4.parties"), &["四"]))),
        Span::plain(cx.answer_or_dash("s4.parties", &cx.p.answers)),
    ]));
    for q in ["s4.responsibilities", "s4.risks", "s4.coordination"] {
        b.push(cx.free_text(q));
    }
    let colon = cx.label("");
    let risks: Vec<Line> =
        cx.a.systems
            .iter()
            .flat_map(|s| {
                let name = cx.name_or_placeholder(&s.name, s.id);
                s.risks.iter().map(move |r| (name.clone(), r))
            })
            .map(|(name, r)| {
                vec![
                    Span::strong(name),
                    Span::plain({
                        let mut t = colon.clone();
                        cx.reason_into(r, &mut t);
                        t
                    }),
                ]
            })
            .collect();
    b.push(cx.heading(4, "report.design.system_risks", &["十二", "十三"]));
    b.push(if risks.is_empty() {
        Block::para(cx.t("report.design.no_risks"))
    } else {
        Block::BulletList(risks)
    });
    // The schedule's risks: oversized waves and the date checks the wizard shows by the fields.
    let mut schedule_risks: Vec<Line> =
        cx.a.waves
            .iter()
            .filter(|w| w.over_capacity)
            .map(|w| {
                vec![
                    Span::strong(cx.wave(w.number)),
                    Span::plain(format!(
                        "{colon}{}",
                        cx.tf(
                            "report.wave.over_capacity_risk",
                            &[("n", &w.systems.len().to_string())]
                        )
                    )),
                ]
            })
            .collect();
    for p in schedule::problems(cx.p, cx.a, cx.today) {
        let who = match p.entity {
            crate::engine::Entity::Wave(w) => cx.wave(w.number),
            crate::engine::Entity::System(id) => cx.system_name(id),
            _ => cx.q_label(&p.question),
        };
        schedule_risks.push(vec![
            Span::strong(who),
            Span::plain(format!("{colon}{}", cx.c.render(cx.lang, &p.text))),
        ]);
    }
    if !schedule_risks.is_empty() {
        b.push(cx.heading(4, "report.design.schedule_risks", &["十四", "十五", "十六"]));
        b.push(Block::BulletList(schedule_risks));
    }
}

fn tests(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.tests", &["十五", "十六"]));
    b.push(cx.heading(4, "report.tests.prepare", &["十五"]));
    b.push(cx.qa_table(&[
        "s6.dev_test_env",
        "s6.simulation",
        "s6.resources",
        "s6.rollback_rehearsed",
        "s6.blackouts",
    ]));
    if !cx.a.waves.is_empty() {
        let all = cx.c.options("pretest");
        let rows = cx
            .a
            .waves
            .iter()
            .map(|w| {
                let answers = WaveRef::of(w).answers(cx.p);
                let planned: Vec<&String> = all
                    .iter()
                    .filter(|o| answers.is_some_and(|a| a.has("wave.tests", o)))
                    .collect();
                let missing: Vec<&String> = all.iter().filter(|o| !planned.contains(o)).collect();
                let labels = |os: Vec<&String>| {
                    if os.is_empty() {
                        cx.dash()
                    } else {
                        cx.join(os.into_iter().map(|o| cx.opt("pretest", o)))
                    }
                };
                vec![
                    line(cx.wave(w.number)),
                    line(w.start.clone().unwrap_or_else(|| cx.dash())),
                    line(labels(planned)),
                    line(labels(missing)),
                ]
            })
            .collect();
        b.push(Block::Table {
            header: vec![
                cx.t("report.tests.wave"),
                cx.t("report.tests.start"),
                cx.t("report.tests.planned"),
                cx.t("report.tests.not_planned"),
            ],
            align: vec![Align::Left; 4],
            rows,
        });
    }
    b.push(cx.heading(4, "report.tests.verify", &["十六"]));
    b.push(cx.qa_table(&["s7.checks", "s7.report", "s7.cutover", "s7.owner"]));
    let missing: Vec<String> =
        cx.c.options("postcheck")
            .iter()
            .filter(|o| !cx.p.answers.has("s7.checks", o))
            .map(|o| cx.opt("postcheck", o))
            .collect();
    if !missing.is_empty() {
        b.push(Block::Paragraph(vec![
            Span::plain(cx.label(&cx.t("report.tests.checks_missing"))),
            Span::plain(cx.join(missing)),
        ]));
    }
}

fn sla(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.sla", &["十七"]));
    // The service level is the chosen provider's (asked once, in step 3).
    let chosen = cx.a.chosen_provider.and_then(|id| cx.p.provider(id));
    if let Some(p) = chosen {
        b.push(Block::para(cx.tf(
            "report.sla.from_provider",
            &[("provider", &cx.provider_name(&p.name, p.id))],
        )));
    }
    let empty = crate::model::Answers::default();
    let prov_answers = chosen.map_or(&empty, |p| &p.answers);
    let rows = [
        "prov.sla",
        "prov.response_min",
        "prov.rpo_min",
        "prov.rto_min",
    ]
    .iter()
    .map(|q| (q, prov_answers))
    .chain(
        ["s8.compensation", "s8.monitoring"]
            .iter()
            .map(|q| (q, &cx.p.answers)),
    )
    .map(|(q, answers)| {
        vec![
            vec![Span::plain(cx.q_label(q))],
            vec![Span::plain(cx.answer_or_dash(q, answers))],
        ]
    })
    .collect();
    b.push(Block::Table {
        header: vec![cx.t("report.col.question"), cx.t("report.col.answer")],
        align: vec![Align::Left, Align::Left],
        rows,
    });
    b.push(cx.heading(4, "report.sla.exceeded", &["十七"]));
    let gaps: Vec<Line> =
        cx.a.systems
            .iter()
            .flat_map(|s| s.sla_gaps.iter().map(move |g| (s, g)))
            .map(|(s, g)| {
                vec![
                    Span::strong(cx.name_or_placeholder(&s.name, s.id)),
                    Span::plain({
                        let mut t = cx.label("");
                        cx.reason_into(g, &mut t);
                        t
                    }),
                ]
            })
            .collect();
    let not_compared = sla_not_compared(cx);
    if gaps.is_empty() && not_compared.is_none() {
        b.push(Block::para(cx.t("report.sla.none_exceeded")));
    }
    if !gaps.is_empty() {
        b.push(Block::BulletList(gaps));
    }
    b.extend(not_compared);
}

/// The systems whose needs could not be compared with the chosen provider's commitment (a
/// blank need or commitment), as a sentence; `None` when every need could be. The scorecard
/// names them as missing, so no section may say of them that their needs are met.
pub(crate) fn sla_not_compared(cx: &DocCx) -> Option<Block> {
    let unchecked: Vec<crate::model::SystemId> =
        cx.a.scorecard
            .steps
            .iter()
            .flat_map(|s| &s.lost)
            // a blank need (s8.needs), or a blank commitment (s8.no_gaps with its part)
            .filter(|l| l.item == "s8.needs" || (l.item == "s8.no_gaps" && l.part.is_some()))
            .flat_map(|l| l.systems.iter().copied())
            .collect();
    (!unchecked.is_empty()).then(|| {
        Block::para(cx.tf(
            "report.sla.not_compared",
            &[("systems", &cx.system_names(&unchecked))],
        ))
    })
}

/// The `before` question of a metric, for its unit.
pub(crate) fn metric_question<'a>(cx: &'a DocCx, id: &str) -> Option<&'a str> {
    cx.c.rules
        .effects
        .iter()
        .flat_map(|d| d.metrics.iter())
        .find(|m| m.id == id)
        .map(|m| m.before.as_str())
}

/// "+25 %" / "−10 %".
pub(crate) fn percent(cx: &DocCx, share: f64) -> String {
    let sign = if share > 0.0 {
        "+"
    } else if share < 0.0 {
        "−"
    } else {
        ""
    };
    format!(
        "{sign}{}",
        cx.tf(
            "report.percent",
            &[("n", &cx.num((share * 100.0).abs(), 1))]
        )
    )
}

pub(crate) fn signed(cx: &DocCx, qid: Option<&str>, v: f64) -> String {
    let sign = if v > 0.0 {
        "+"
    } else if v < 0.0 {
        "−"
    } else {
        ""
    };
    // A change of a percentage is in percentage points, not per cent.
    let in_percent = qid
        .and_then(|q| cx.c.question(q))
        .is_some_and(|q| matches!(&q.kind, QuestionKind::Number { unit, .. } if unit == "percent"));
    let abs = match qid {
        Some(_) if in_percent => cx.tf("report.pp", &[("n", &cx.num(v.abs(), 2))]),
        Some(q) => cx.with_unit(q, v.abs()),
        None => cx.num(v.abs(), 2),
    };
    format!("{sign}{abs}")
}

fn effects(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.effects", &["十八"]));
    b.push(cx.qa_table(&["s9.evaluator"]));
    let mut rows = Vec::new();
    for dim in &cx.a.scorecard.effects.dimensions {
        for m in &dim.metrics {
            let q = metric_question(cx, &m.id);
            let value = |v: Option<f64>| match (v, q) {
                (Some(v), Some(q)) => cx.with_unit(q, v),
                (Some(v), None) => cx.num(v, 2),
                (None, _) => cx.dash(),
            };
            rows.push(vec![
                line(cx.t(&format!("effect.{}", dim.id))),
                line(cx.t(&format!("metric.{}", m.id))),
                line(value(m.before)),
                line(value(m.target)),
                line(value(m.actual)),
                line(m.delta.map_or_else(|| cx.dash(), |d| signed(cx, q, d))),
                line(m.improvement.map_or_else(|| cx.dash(), |i| percent(cx, i))),
            ]);
        }
    }
    b.push(Block::Table {
        header: [
            "dimension",
            "metric",
            "before",
            "after",
            "actual",
            "delta",
            "improvement",
        ]
        .iter()
        .map(|k| cx.t(&format!("report.effects.{k}")))
        .collect(),
        align: vec![
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        rows,
    });
    b.push(Block::para(match zero_baseline_note(cx) {
        Some(note) => cx.append(&basis(cx), &note),
        None => basis(cx),
    }));
    b.push(Block::BulletList(payback_lines(cx)));
}

/// What the outcome score rests on: measured figures (and when), targets (projected), some of
/// each (naming the measured metrics), or nothing (no metric has a baseline and a figure after).
pub(crate) fn basis(cx: &DocCx) -> String {
    let e = &cx.a.scorecard.effects;
    let scored: Vec<_> = e
        .dimensions
        .iter()
        .flat_map(|d| &d.metrics)
        .filter(|m| m.delta.is_some())
        .collect();
    let measured: Vec<_> = scored.iter().filter(|m| m.measured).collect();
    let on = |key: &str, args: &[(&str, &str)]| match &e.measured_on {
        Some(d) => {
            let mut args = args.to_vec();
            args.push(("date", d));
            cx.tf(&format!("{key}_on"), &args)
        }
        None => cx.tf(key, args),
    };
    if scored.is_empty() {
        cx.t("report.effects.not_scored")
    } else if measured.is_empty() {
        cx.t("report.effects.projected")
    } else if measured.len() == scored.len() {
        on("report.effects.measured", &[])
    } else {
        let names = cx.join(measured.iter().map(|m| cx.t(&format!("metric.{}", m.id))));
        on("report.effects.partly", &[("metrics", &names)])
    }
}

/// A note under the outcome table when a change from a baseline of 0 has no percentage.
fn zero_baseline_note(cx: &DocCx) -> Option<String> {
    let zero =
        cx.a.scorecard
            .effects
            .dimensions
            .iter()
            .flat_map(|d| &d.metrics)
            .any(|m| m.before == Some(0.0) && m.delta.is_some() && m.improvement.is_none());
    zero.then(|| cx.t("report.effects.zero_baseline"))
}

/// Annual saving and payback period (§十八 economic benefit), each saying whether it is
/// projected from the target cost or rests on the measured one.
pub(crate) fn payback_lines(cx: &DocCx) -> Vec<Line> {
    let e = &cx.a.scorecard.effects;
    // A negative saving is a cost increase, and says so.
    let increase = e.annual_saving.is_some_and(|s| s < 0.0);
    let saving = e.annual_saving.map_or_else(
        || cx.t("report.unanswered"),
        |s| cx.money(s.abs(), "wan_year"),
    );
    let payback = e.payback_months.map_or_else(
        || cx.t("report.effects.no_payback"),
        |m| cx.tf("report.effects.months", &[("n", &cx.num(m, 1))]),
    );
    let tag = cx.t(if e.saving_measured {
        "report.effects.tag_measured"
    } else {
        "report.effects.tag_projected"
    });
    let tagged = |v: String| {
        if e.annual_saving.is_none() {
            v
        } else if tag.starts_with('（') {
            format!("{v}{tag}")
        } else {
            format!("{v} {tag}")
        }
    };
    vec![
        cx.labelled(
            if increase {
                "report.effects.cost_increase"
            } else {
                "report.effects.saving"
            },
            tagged(saving),
        ),
        cx.labelled("report.effects.payback", tagged(payback)),
    ]
}

fn team(cx: &DocCx, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.plan.team", &["十九"]));
    let rows =
        cx.c.options("role")
            .iter()
            .map(|r| {
                let filled = cx.p.answers.has("s10.roles", r);
                vec![
                    line(cx.opt("role", r)),
                    line(cx.t(if filled {
                        "report.team.filled"
                    } else {
                        "report.team.open"
                    })),
                ]
            })
            .collect();
    b.push(Block::Table {
        header: vec![cx.t("report.team.role"), cx.t("report.team.status")],
        align: vec![Align::Left, Align::Left],
        rows,
    });
    b.push(cx.qa_table(&["s10.training", "s10.org_model"]));
    for q in ["s10.training_plan", "s10.org_changes"] {
        b.push(cx.free_text(q));
    }
}
