//! The plan's parts for providers and reviewers, as Markdown blocks: the one-screen summary
//! (first), the provider decision record, the runbook per wave, the SLA term sheet, and the
//! inventory annex (last; its sizing table is in [`super::sizing`]). All are drawn from
//! [`super::parts`].

use super::ctx::DocCx;
use super::doc::{Align, Block, Line, Span, line};
use super::parts::{OpenKind, PlanParts, Runbook};
use crate::model::SystemId;

fn opt_or_dash(cx: &DocCx, set: &str, o: Option<&str>) -> String {
    o.map_or_else(|| cx.dash(), |o| cx.opt(set, o))
}

pub(super) fn num_or_dash(cx: &DocCx, v: Option<f64>, decimals: u8) -> String {
    v.map_or_else(|| cx.dash(), |v| cx.num(v, decimals))
}

fn text_or_unanswered(cx: &DocCx, t: Option<&str>) -> String {
    t.map_or_else(|| cx.t("report.unanswered"), str::to_owned)
}

fn with_unit_or_unanswered(cx: &DocCx, qid: &str, v: Option<f64>) -> String {
    v.map_or_else(|| cx.t("report.unanswered"), |v| cx.with_unit(qid, v))
}

fn yes_no(cx: &DocCx, v: Option<bool>) -> String {
    match v {
        Some(true) => cx.t("report.yes"),
        Some(false) => cx.t("report.no"),
        None => cx.t("report.unanswered"),
    }
}

fn name(cx: &DocCx, id: SystemId) -> String {
    cx.system_name(id)
}

fn labelled_row(cx: &DocCx, key: &str, value: String) -> Vec<Line> {
    vec![line(cx.t(key)), line(value)]
}

/// The summary a manager reads: one screen, at the top of the plan.
pub(crate) fn summary(cx: &DocCx, parts: &PlanParts, b: &mut Vec<Block>) {
    let s = &parts.summary;
    b.push(cx.heading(3, "report.sum.title", &["十"]));
    let cutover = s
        .cutover
        .clone()
        .unwrap_or_else(|| cx.t("report.unanswered"));
    let waves = match (s.waves, &s.first_start, &s.last_end) {
        (0, _, _) => cx.t("report.sum.no_waves"),
        (n, Some(from), Some(to)) => cx.tf(
            "report.sum.waves_value",
            &[
                ("n", &n.to_string()),
                ("from", from),
                ("to", to),
                ("cutover", &cutover),
            ],
        ),
        (n, _, _) => cx.tf(
            "report.sum.waves_undated",
            &[("n", &n.to_string()), ("cutover", &cutover)],
        ),
    };
    let provider = match (&s.provider_name, parts.decision.chosen_by_user) {
        (None, _) => cx.t("report.sum.no_provider"),
        (Some(n), by_user) => {
            let cost = s.annual_cost.map_or_else(
                || cx.t("report.unanswered"),
                |v| cx.with_unit("prov.price", v),
            );
            let how = cx.t(if by_user {
                "report.sum.chosen"
            } else {
                "report.sum.top_ranked"
            });
            cx.tf(
                "report.sum.provider_value",
                &[("name", n), ("cost", &cost), ("how", &how)],
            )
        }
    };
    let rows = vec![
        labelled_row(
            cx,
            "report.sum.enterprise",
            if s.enterprise.is_empty() {
                cx.t("report.unnamed_enterprise")
            } else {
                s.enterprise.clone()
            },
        ),
        labelled_row(
            cx,
            "report.sum.deployment",
            cx.opt("deployment", &s.deployment),
        ),
        labelled_row(
            cx,
            "report.sum.systems",
            cx.tf(
                "report.sum.systems_value",
                &[
                    ("moving", &s.systems_moving.to_string()),
                    ("staying", &s.systems_staying.to_string()),
                ],
            ),
        ),
        labelled_row(cx, "report.sum.waves", waves),
        labelled_row(cx, "report.sum.provider", provider),
        labelled_row(cx, "report.sum.readiness", {
            let v = cx.tf(
                "report.sum.readiness_value",
                &[
                    ("n", &cx.num(s.readiness, 1)),
                    ("stars", &cx.stars(s.stars)),
                ],
            );
            if s.stars < s.uncapped_stars {
                cx.append(
                    &v,
                    &cx.tf(
                        "report.sum.capped",
                        &[("uncapped", &cx.stars(s.uncapped_stars))],
                    ),
                )
            } else {
                v
            }
        }),
    ];
    b.push(Block::Table {
        header: vec![cx.t("report.col.question"), cx.t("report.col.answer")],
        align: vec![Align::Left, Align::Left],
        rows,
    });
    b.push(Block::Paragraph(vec![Span::strong(
        cx.t("report.sum.open_items"),
    )]));
    b.push(if s.open_items.is_empty() {
        Block::para(cx.t("report.sum.no_open_items"))
    } else {
        Block::BulletList(
            s.open_items
                .iter()
                .map(|o| {
                    let text = match o.kind {
                        OpenKind::Cap => cx.tf(
                            "report.sum.open_cap",
                            &[
                                ("item", &cx.t(&format!("cap.{}", o.item))),
                                ("stars", &cx.num(o.weight, 0)),
                            ],
                        ),
                        OpenKind::Loss => cx.tf(
                            "report.sum.open_item",
                            &[
                                ("item", &cx.t(&format!("score.{}", o.item))),
                                ("points", &cx.num(o.weight, 1)),
                            ],
                        ),
                    };
                    line(cx.with_clause(&text, &[o.clause.as_str()]))
                })
                .collect(),
        )
    });
}

/// The provider decision record (§二, §十, §二十四): candidates, the choice and why, the SLA
/// shortfalls it leaves and which candidate would close them, the assessments held.
pub(crate) fn decision(cx: &DocCx, parts: &PlanParts, b: &mut Vec<Block>) {
    let d = &parts.decision;
    b.push(cx.heading(4, "report.dec.title", &["二", "十", "二十四"]));
    if d.candidates.is_empty() {
        b.push(Block::para(cx.t("report.prov.none")));
        return;
    }
    let angles = cx.join(
        cx.c.rules
            .angles
            .iter()
            .map(|g| cx.t(&format!("angle.{}", g.id))),
    );
    let header = [
        "report.prov.rank",
        "report.prov.name",
        "report.prov.score",
        "report.dec.price",
        "report.dec.sla",
        "report.dec.ratings",
        "report.dec.capability",
        "report.dec.trust",
        "report.dec.exit",
    ]
    .iter()
    .map(|k| cx.tf(k, &[("angles", &angles)]))
    .collect();
    let rows = d
        .candidates
        .iter()
        .map(|c| {
            vec![
                line(c.rank.to_string()),
                line(cx.provider_name(&c.name, c.id)),
                line(cx.num(c.score, 1)),
                line(num_or_dash(cx, c.price, 2)),
                line(
                    c.sla
                        .map_or_else(|| cx.dash(), |v| cx.with_unit("prov.sla", v)),
                ),
                line(
                    c.ratings
                        .iter()
                        .map(|r| r.map_or_else(|| cx.dash(), |r| r.to_string()))
                        .collect::<Vec<_>>()
                        .join("/"),
                ),
                line(yes_no(cx, c.capability)),
                line(yes_no(cx, c.trust)),
                line(yes_no(cx, c.exit)),
            ]
        })
        .collect();
    let mut align = vec![Align::Right, Align::Left, Align::Right, Align::Right];
    align.extend([
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
    ]);
    b.push(Block::Table {
        header,
        align,
        rows,
    });
    let Some(chosen) = d
        .chosen
        .and_then(|id| d.candidates.iter().find(|c| c.id == id))
    else {
        return;
    };
    let mut why = cx.tf(
        match (d.chosen_by_user, d.overrides_ranking) {
            (false, _) => "report.dec.chosen_top",
            (true, false) => "report.dec.chosen_by_user",
            (true, true) => "report.dec.chosen_over_ranking",
        },
        &[
            ("name", &chosen.name),
            ("score", &cx.num(chosen.score, 1)),
            ("rank", &chosen.rank.to_string()),
        ],
    );
    // (the reason the enterprise gave is quoted in the comparison just above)
    if d.reason.is_some() {
        why = cx.append(&why, &cx.t("report.dec.reason_above"));
    }
    b.push(Block::Paragraph(cx.labelled("report.dec.chosen", why)));
    // §二十四 evidence: one sentence per assessment not held, its wording in the locales
    // (`report.dec.lacks.<question>` when answered no, `report.dec.unknown.<question>` when not
    // answered), so that the record reads as a consultant writes it, not as a form's label
    let provider = [("name", chosen.name.as_str())];
    let gaps: Vec<String> = [
        ("prov.capability", chosen.capability),
        ("prov.trust", chosen.trust),
    ]
    .into_iter()
    .filter_map(|(q, held)| match held {
        Some(true) => None,
        Some(false) => Some(cx.tf(&format!("report.dec.lacks.{q}"), &provider)),
        None => Some(cx.tf(&format!("report.dec.unknown.{q}"), &provider)),
    })
    .collect();
    let evidence = if gaps.is_empty() {
        cx.tf("report.dec.evidence_held", &provider)
    } else {
        cx.join_sentences(gaps)
    };
    b.push(Block::Paragraph(cx.labelled(
        "report.dec.evidence",
        cx.with_clause(&evidence, &["二十四"]),
    )));
    b.push(Block::Paragraph(vec![Span::strong(
        cx.with_clause(&cx.t("report.dec.shortfalls"), &["十七"]),
    )]));
    let not_compared = super::plan::sla_not_compared(cx);
    if d.shortfalls.is_empty() && not_compared.is_none() {
        b.push(Block::para(cx.t("report.dec.no_shortfalls")));
    }
    if !d.shortfalls.is_empty() {
        b.push(Block::BulletList(
            d.shortfalls
                .iter()
                .map(|f| {
                    let by: Vec<String> = d
                        .candidates
                        .iter()
                        .filter(|c| f.closed_by.contains(&c.id))
                        .map(|c| cx.provider_name(&c.name, c.id))
                        .collect();
                    let closed = if by.is_empty() {
                        cx.t("report.dec.closed_by_none")
                    } else {
                        cx.tf("report.dec.closed_by", &[("names", &cx.join(by))])
                    };
                    line(cx.tf(
                        "report.dec.shortfall",
                        &[
                            ("system", &name(cx, f.system)),
                            ("need", &cx.with_unit("sys.need_availability", f.need)),
                            (
                                "offered",
                                &f.offered.map_or_else(
                                    || cx.t("report.unanswered"),
                                    |v| cx.with_unit("prov.sla", v),
                                ),
                            ),
                            ("closed", &closed),
                        ],
                    ))
                })
                .collect(),
        ));
    }
    b.extend(not_compared);
}

/// The SLA term sheet for the chosen provider (§十七).
pub(crate) fn sla_terms(cx: &DocCx, parts: &PlanParts, b: &mut Vec<Block>) {
    let Some(t) = &parts.sla_terms else {
        return;
    };
    b.push(Block::heading(
        4,
        cx.with_clause(
            &cx.tf("report.terms.title", &[("name", &t.provider_name)]),
            &["十七"],
        ),
    ));
    let rows = vec![
        vec![
            line(cx.t("report.terms.availability")),
            line(with_unit_or_unanswered(cx, "prov.sla", t.availability)),
            line(
                t.strictest_availability
                    .map_or_else(|| cx.dash(), |v| cx.with_unit("sys.need_availability", v)),
            ),
        ],
        vec![
            line(cx.t("report.terms.response")),
            line(with_unit_or_unanswered(
                cx,
                "prov.response_min",
                t.response_min,
            )),
            line(cx.dash()),
        ],
        vec![
            line(cx.t("report.terms.rpo")),
            line(with_unit_or_unanswered(cx, "prov.rpo_min", t.rpo_min)),
            line(cx.dash()),
        ],
        vec![
            line(cx.t("report.terms.rto")),
            line(with_unit_or_unanswered(cx, "prov.rto_min", t.rto_min)),
            line(
                t.strictest_rto_min
                    .map_or_else(|| cx.dash(), |v| cx.with_unit("sys.need_rto_min", v)),
            ),
        ],
    ];
    b.push(Block::Table {
        header: vec![
            cx.t("report.terms.term"),
            cx.t("report.terms.agreed"),
            cx.t("report.terms.target"),
        ],
        align: vec![Align::Left, Align::Right, Align::Right],
        rows,
    });
    if !t.systems.is_empty() {
        let met = |m: Option<bool>| match m {
            Some(true) => cx.t("report.terms.met"),
            Some(false) => cx.t("report.terms.not_met"),
            None => cx.dash(),
        };
        let rows =
            t.systems
                .iter()
                .map(|l| {
                    vec![
                        line(name(cx, l.system)),
                        line(l.need_availability.map_or_else(
                            || cx.dash(),
                            |v| cx.with_unit("sys.need_availability", v),
                        )),
                        line(met(l.availability_met)),
                        line(
                            l.need_rto_min
                                .map_or_else(|| cx.dash(), |v| cx.with_unit("sys.need_rto_min", v)),
                        ),
                        line(met(l.rto_met)),
                    ]
                })
                .collect();
        b.push(Block::Table {
            header: vec![
                cx.t("report.sys.name"),
                cx.t("report.terms.need_availability"),
                cx.t("report.terms.availability_met"),
                cx.t("report.terms.need_rto"),
                cx.t("report.terms.rto_met"),
            ],
            align: vec![
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Right,
                Align::Left,
            ],
            rows,
        });
    }
    b.push(Block::Paragraph(cx.labelled(
        "report.terms.compensation",
        text_or_unanswered(cx, t.compensation.as_deref()),
    )));
    let exit = match (&t.exit, &t.exit_terms) {
        (_, Some(text)) => cx.tf(
            "report.terms.exit_value",
            &[("answer", &yes_no(cx, t.exit)), ("terms", text)],
        ),
        (e, None) => yes_no(cx, *e),
    };
    b.push(Block::Paragraph(cx.labelled("report.terms.exit", exit)));
}

/// One runbook per wave (§十二, §十五, §十六).
pub(crate) fn runbooks(cx: &DocCx, parts: &PlanParts, b: &mut Vec<Block>) {
    if parts.runbooks.is_empty() {
        return;
    }
    b.push(cx.heading(4, "report.run.title", &["十二", "十五", "十六"]));
    for r in &parts.runbooks {
        b.push(Block::Paragraph(vec![Span::strong(cx.wave(r.wave))]));
        b.push(Block::Table {
            header: vec![cx.t("report.run.item"), cx.t("report.run.detail")],
            align: vec![Align::Left, Align::Left],
            rows: runbook_rows(cx, r),
        });
    }
}

fn runbook_rows(cx: &DocCx, r: &Runbook) -> Vec<Vec<Line>> {
    let dates = match (&r.start, &r.end) {
        (Some(s), Some(u)) => cx.tf("report.run.dates_until", &[("start", s), ("until", u)]),
        (Some(s), None) => s.clone(),
        (None, _) => cx.t("report.unanswered"),
    };
    let opts = |set: &str, os: &[String]| {
        if os.is_empty() {
            cx.t("report.unanswered")
        } else {
            cx.join(os.iter().map(|o| cx.opt(set, o)))
        }
    };
    // Each half says what it is when missing, and a limit of 0 hours reads as "at once".
    let rollback = match (&r.rollback_trigger, r.rollback_hours) {
        (None, None) => cx.t("report.unanswered"),
        (t, h) => {
            let deadline = match h {
                None => cx.t("report.run.rollback_no_deadline"),
                Some(h) if h <= 0.0 => cx.t("report.run.rollback_at_once"),
                Some(h) => cx.tf(
                    "report.run.rollback_within",
                    &[("deadline", &cx.with_unit("wave.rollback_hours", h))],
                ),
            };
            let trigger = t
                .clone()
                .unwrap_or_else(|| cx.t("report.run.rollback_no_trigger"));
            cx.tf(
                "report.run.rollback_value",
                &[("trigger", &trigger), ("deadline", &deadline)],
            )
        }
    };
    vec![
        labelled_row(cx, "report.run.systems", cx.system_names(&r.systems)),
        labelled_row(cx, "report.run.dates", dates),
        labelled_row(cx, "report.run.tests", opts("pretest", &r.tests)),
        labelled_row(
            cx,
            "report.run.go",
            text_or_unanswered(cx, r.go_criteria.as_deref()),
        ),
        labelled_row(
            cx,
            "report.run.parallel",
            with_unit_or_unanswered(cx, "wave.parallel_days", r.parallel_days),
        ),
        labelled_row(cx, "report.run.rollback", rollback),
        labelled_row(cx, "report.run.checks", opts("postcheck", &r.checks)),
        labelled_row(
            cx,
            "report.run.owner",
            text_or_unanswered(cx, r.owner.as_deref()),
        ),
    ]
}

/// The inventory annex (§十一, §十二) and the sizing table with its totals: the bill of
/// quantities a provider quotes against.
pub(crate) fn annex(cx: &DocCx, parts: &PlanParts, b: &mut Vec<Block>) {
    b.push(cx.heading(3, "report.annex.title", &["十一", "十二"]));
    if parts.inventory.is_empty() {
        b.push(Block::para(cx.t("report.sys.none")));
        return;
    }
    let header = [
        "report.sys.name",
        "report.annex.business",
        "report.annex.users",
        "report.annex.usage",
        "report.annex.performance",
        "report.annex.database",
        "report.annex.depends",
        "report.annex.sensitivity",
        "report.annex.mlps",
        "report.annex.outage",
        "report.annex.window",
        "report.annex.difficulty",
        "report.sys.strategy",
        "report.sys.wave",
    ]
    .iter()
    .map(|k| cx.t(k))
    .collect();
    let mut align = vec![Align::Left; 14];
    align[9] = Align::Right;
    align[10] = Align::Right;
    let rows = parts
        .inventory
        .iter()
        .map(|r| {
            let perf = match (r.peak_users, r.response_ms) {
                (None, None) => cx.dash(),
                (u, ms) => cx.tf(
                    "report.annex.performance_value",
                    &[
                        ("users", &num_or_dash(cx, u, 0)),
                        ("ms", &num_or_dash(cx, ms, 0)),
                    ],
                ),
            };
            let db = match (&r.database, &r.db_version) {
                (None, None) => cx.dash(),
                (d, v) => {
                    let d = opt_or_dash(cx, "database", d.as_deref());
                    match v {
                        // "Oracle 11g R2" says the product already
                        Some(v) if v.to_lowercase().contains(&d.to_lowercase()) => v.clone(),
                        Some(v) => cx.tf("report.annex.db_value", &[("db", &d), ("version", v)]),
                        None => d,
                    }
                }
            };
            vec![
                line(cx.name_or_placeholder(&r.name, r.id)),
                line(opt_or_dash(cx, "business", r.business.as_deref())),
                line(if r.users.is_empty() {
                    cx.dash()
                } else {
                    cx.join(r.users.iter().map(|u| cx.opt("users", u)))
                }),
                line(opt_or_dash(cx, "usage", r.usage.as_deref())),
                line(perf),
                line(db),
                line(if r.depends_on.is_empty() {
                    cx.dash()
                } else {
                    cx.system_names(&r.depends_on)
                }),
                line(opt_or_dash(cx, "sensitivity", r.sensitivity.as_deref())),
                line(opt_or_dash(cx, "mlps", r.mlps.as_deref())),
                line(num_or_dash(cx, r.max_outage_h, 1)),
                line(num_or_dash(cx, r.window_h, 1)),
                line(
                    r.difficulty
                        .as_ref()
                        .map_or_else(|| cx.dash(), |d| cx.t(&format!("ui.difficulty.{d}"))),
                ),
                line(if r.strategy.is_empty() {
                    cx.dash()
                } else {
                    cx.opt("strategy", &r.strategy)
                }),
                line(r.wave.map_or_else(|| cx.dash(), |n| cx.wave(n))),
            ]
        })
        .collect();
    b.push(Block::Table {
        header,
        align,
        rows,
    });
    b.push(Block::para(cx.t("report.annex.note")));
    free_texts(cx, b);
    super::sizing::sizing(cx, parts, b);
}

/// Interfaces, licences and operating systems, one line per system that has them.
fn free_texts(cx: &DocCx, b: &mut Vec<Block>) {
    for (qid, clause) in [
        ("sys.interfaces", "十一"),
        ("sys.licences", "十二"),
        ("sys.os", "十二"),
    ] {
        let items: Vec<Line> =
            cx.p.systems
                .iter()
                .filter_map(|s| {
                    let t = s.answers.text(qid)?.trim();
                    Some(vec![
                        Span::strong(cx.name_or_placeholder(&s.name, s.id)),
                        Span::plain(format!("{}{t}", cx.label(""))),
                    ])
                })
                .collect();
        if items.is_empty() {
            continue;
        }
        b.push(Block::Paragraph(vec![Span::strong(
            cx.with_clause(&cx.q_label(qid), &[clause]),
        )]));
        b.push(Block::BulletList(items));
    }
}
