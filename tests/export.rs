//! The export: golden Markdown, the shape of the document as a CommonMark/GFM parser reads it,
//! escaping of hostile user text (examples and a property), and RON/JSON that parse back.
//!
//! Most tests use a profile and analysis built by hand, so they do not depend on the engine's
//! rules; the demo tests run the engine on `assets/demo.ron`, and `tests/cli.rs` exports it
//! through the real binary.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use shangyun::content::{Content, Text};
use shangyun::engine::*;
use shangyun::export::{self, Format, escape, workshop};
use shangyun::model::{Answer, Lang, Profile, ProviderId, StepId, SystemId};

mod common;
use common::{demo, demo_in};

const DATE: &str = "2025-01-15";

// ----- fixture ---------------------------------------------------------------------------

fn set(p: &mut shangyun::model::Answers, q: &str, a: Answer) {
    p.set(q, Some(a));
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn choices(os: &[&str]) -> Answer {
    Answer::Choices(os.iter().map(|s| s.to_string()).collect())
}

/// A small enterprise with four systems, two waves, two providers; `name` is the first system's
/// name and `free` its free-text risk description.
fn fixture(name: &str, free: &str) -> (Profile, Analysis) {
    let mut p = Profile::new(Lang::ZhCn);
    let a = &mut p.answers;
    set(a, "ent.name", text("示例制造有限公司"));
    set(a, "ent.industry", Answer::Choice("manufacturing".into()));
    set(a, "ent.size", Answer::Choice("sme".into()));
    set(a, "ent.employees", Answer::Number(120.0));
    set(a, "ent.goals", choices(&["capability", "cost"]));
    set(a, "s1.problems", text(free));
    set(
        a,
        "s4.parties",
        choices(&["enterprise", "platform_provider"]),
    );
    set(a, "s4.risks", text(free));
    set(a, "s4.plan_app", Answer::YesNo(true));
    set(a, "s4.plan_rollback", Answer::YesNo(false));
    set(a, "s6.simulation", Answer::YesNo(true));
    set(a, "s7.checks", choices(&["integrity", "functional"]));
    set(a, "s7.owner", text("李工"));
    set(a, "s9.util_before", Answer::Number(20.0));
    set(a, "s9.util_after", Answer::Number(60.0));
    set(a, "s10.roles", choices(&["owner", "ops"]));
    let erp = p.add_system(name);
    let crm = p.add_system("CRM");
    let oa = p.add_system("OA 协同办公");
    let old = p.add_system("老财务系统");
    p.toggle_dependency(crm, erp);
    for (key, start, tests) in [
        (erp, "2025-03-01", vec!["functional", "performance"]),
        (crm, "2025-04-15", vec![]),
    ] {
        let mut w = shangyun::model::Answers::default();
        set(&mut w, "wave.start", text(start));
        set(&mut w, "wave.tests", choices(&tests));
        p.waves.insert(key, w);
    }
    p.add_provider("云甲");
    p.add_provider("Cloud B");
    p.ticks.insert("s4.rollback".into());

    let reason = |key: &str, clause: &str| Reason {
        text: Text::new(key).plain("system", name),
        clause: clause.to_owned().into(),
    };
    let sys = |id: SystemId, nm: &str, verdict, strategy: &str, wave| SystemResult {
        id,
        name: nm.into(),
        priority: 75.0,
        priority_reasons: vec![reason("prio.peaks", "三")],
        verdict,
        verdict_reasons: vec![reason("why.verdict.value", "十二")],
        suggested_strategy: "rehost".into(),
        strategy_reasons: vec![reason("why.strategy.compatible", "十四")],
        strategy: strategy.into(),
        overridden: strategy != "rehost",
        difficulty: Difficulty::Medium,
        difficulty_reasons: vec![reason("why.difficulty.partial_compat", "十二")],
        wave,
        earliest_wave: wave,
        services: vec!["compute".into()],
        risks: vec![],
        sla_gaps: vec![],
        gaps: vec![],
        missing: vec![],
    };
    let mut first = sys(erp, name, Verdict::Go, "rehost", Some(1));
    first.risks = vec![Reason {
        text: Text::new("risk.free").plain("text", free),
        clause: "十三".into(),
    }];
    first.sla_gaps = vec![reason("sla.availability", "十七")];
    first.missing = vec!["sys.database".into()];
    first.gaps = vec![ServiceGap {
        service: "encryption".into(),
        reason: Reason {
            text: Text::new("gap.sensitive")
                .plain("system", name)
                .key("service", "svc.encryption"),
            clause: "七".into(),
        },
    }];
    let analysis = Analysis {
        deployment: DeploymentResult {
            recommended: Deployment::Public,
            chosen: Deployment::Hybrid,
            overridden: true,
            reasons: vec![reason("deploy.sme", "六")],
            split: vec![erp],
        },
        systems: vec![
            first,
            sys(
                crm,
                "CRM",
                Verdict::GoAfterTransformation,
                "transform",
                Some(2),
            ),
            sys(oa, "OA 协同办公", Verdict::Go, "rehost", Some(1)),
            sys(old, "老财务系统", Verdict::NotNow, "keep", None),
        ],
        waves: vec![
            Wave {
                number: 1,
                systems: vec![erp, oa],
                cyclic: false,
                pilot: true,
                key: erp,
                legacy: None,
                start: Some("2025-03-01".into()),
                end: Some("2025-03-14".into()),
                days: 14,
                days_given: false,
                over_capacity: false,
                reasons: vec![
                    reason("why.wave.pilot_low", "十四"),
                    reason("why.wave.pilot_low", "十四"),
                ],
            },
            Wave {
                number: 2,
                systems: vec![crm],
                cyclic: true,
                pilot: false,
                key: crm,
                legacy: None,
                start: Some("2025-04-15".into()),
                end: Some("2025-05-12".into()),
                days: 28,
                days_given: true,
                over_capacity: true,
                reasons: vec![Reason {
                    text: Text::new("why.wave.after")
                        .plain("system", "CRM")
                        .plain("dep", name),
                    clause: "十四".into(),
                }],
            },
        ],
        capacity: shangyun::engine::schedule::Capacity {
            per_wave: 1,
            pilot: 1,
            given: true,
            reason: Text::new("why.capacity.given")
                .num("n", 1.0, 0)
                .num("suggested", 3.0, 0),
        },
        services: vec![
            ServiceSuggestion {
                id: "compute".into(),
                group: "infrastructure".into(),
                clause: "七".into(),
                selected: true,
                suggested_for: vec![erp, crm],
                needed_for: vec![],
            },
            ServiceSuggestion {
                id: "database".into(),
                group: "platform".into(),
                clause: "八".into(),
                selected: false,
                suggested_for: vec![erp],
                needed_for: vec![],
            },
            ServiceSuggestion {
                id: "office".into(),
                group: "business".into(),
                clause: "九".into(),
                selected: true,
                suggested_for: vec![],
                needed_for: vec![],
            },
        ],
        providers: vec![
            ProviderRank {
                id: ProviderId(1),
                name: "云甲".into(),
                rank: 1,
                score: 82.5,
                breakdown: vec![
                    CriterionValue {
                        id: "cost".into(),
                        weight: 0.6,
                        value: Some(0.75),
                    },
                    CriterionValue {
                        id: "sla".into(),
                        weight: 0.4,
                        value: Some(1.0),
                    },
                ],
            },
            ProviderRank {
                id: ProviderId(2),
                name: "Cloud B".into(),
                rank: 2,
                score: 30.0,
                breakdown: vec![
                    CriterionValue {
                        id: "cost".into(),
                        weight: 0.6,
                        value: Some(0.5),
                    },
                    CriterionValue {
                        id: "sla".into(),
                        weight: 0.4,
                        value: None,
                    },
                ],
            },
        ],
        chosen_provider: Some(ProviderId(2)),
        provider_choice: Some(ChosenProvider {
            id: ProviderId(2),
            by_default: false,
            overrides_ranking: true,
            reason: Some("已有框架合同".into()),
        }),
        scorecard: Scorecard {
            steps: StepId::ALL
                .iter()
                .map(|s| StepScore {
                    step: *s,
                    score: if s.number() == 4 { 5.0 } else { 8.0 },
                    lost: if s.number() == 4 {
                        vec![Loss {
                            item: "s4.rollback".into(),
                            points: 3.0,
                            clause: "十三".into(),
                            part: None,
                            unanswered: false,
                            systems: vec![erp],
                            waves: vec![],
                            providers: vec![],
                        }]
                    } else {
                        vec![]
                    },
                    not_applicable: vec![],
                })
                .collect(),
            total: 77.0,
            completeness: Completeness {
                answered: 40,
                total: 50,
                profile: Count {
                    answered: 4,
                    total: 6,
                },
                steps: StepId::ALL
                    .iter()
                    .map(|s| StepCount {
                        step: *s,
                        answered: 3 + s.index(),
                        total: 4 + s.index(),
                    })
                    .collect(),
            },
            angles: vec![AngleScore {
                id: "cost".into(),
                average: Some(3.5),
                rated: 3,
                weak: vec![crm],
            }],
            effects: Effects {
                dimensions: vec![EffectScore {
                    id: "resources".into(),
                    metrics: vec![MetricResult {
                        id: "util".into(),
                        before: Some(20.0),
                        target: Some(60.0),
                        actual: None,
                        measured: false,
                        delta: Some(40.0),
                        improvement: Some(2.0),
                        score: 1.0,
                    }],
                    score: 25.0,
                }],
                annual_saving: Some(12.5),
                payback_months: Some(9.6),
                saving_measured: false,
                measured_on: None,
                score: 25.0,
                projected: true,
            },
            uncapped_stars: 4,
            caps: vec![Cap {
                item: "rollback_plan".into(),
                clause: "十三".into(),
                clauses: vec!["十三".into(), "十二".into()],
                max_stars: 3,
                enterprise: true,
                systems: vec![erp],
                restates: vec!["s4.plan_rollback".into()],
            }],
            stars: 3,
            projected: true,
        },
        checklist: vec![
            CheckItem {
                id: "s1.inventory".into(),
                step: StepId::FIRST,
                clause: "十一".into(),
                text: Text::new("check.inventory"),
                ticked: true,
                legacy_id: None,
            },
            CheckItem {
                id: "s4.rollback".into(),
                step: StepId::new(4).unwrap_or(StepId::FIRST),
                clause: "十三".into(),
                text: Text::new("check.rollback").plain("system", name),
                ticked: true,
                legacy_id: None,
            },
            CheckItem {
                id: format!("s6.dr@sys{}", erp.0),
                step: StepId::new(6).unwrap_or(StepId::FIRST),
                clause: "十五".into(),
                text: Text::new("check.dr").plain("system", name),
                ticked: false,
                legacy_id: None,
            },
        ],
    };
    (p, analysis)
}

fn md(lang: Lang, name: &str, free: &str) -> (String, Analysis) {
    let (p, a) = fixture(name, free);
    (
        export::markdown(Content::get(), lang, &p, &a, Some(DATE)),
        a,
    )
}

// ----- reading the Markdown back ---------------------------------------------------------

#[derive(Debug, Default, PartialEq)]
struct Outline {
    headings: Vec<(u8, String)>,
    /// Per table: its header cells and, per row, its cells (text).
    tables: Vec<(Vec<String>, Vec<Vec<String>>)>,
    tasks: usize,
    checked: usize,
    code: Vec<(String, String)>,
    /// List items and paragraphs: user text must not start new ones.
    items: usize,
    paragraphs: usize,
    /// Raw HTML the parser saw (only our own `<br>` in table cells is expected).
    html: Vec<String>,
}

impl Outline {
    /// What must not change whatever the user typed.
    #[allow(clippy::type_complexity)]
    fn shape(
        &self,
    ) -> (
        Vec<u8>,
        Vec<(usize, Vec<usize>)>,
        usize,
        usize,
        usize,
        usize,
        usize,
    ) {
        (
            self.headings.iter().map(|h| h.0).collect(),
            self.tables
                .iter()
                .map(|(h, rows)| (h.len(), rows.iter().map(Vec::len).collect()))
                .collect(),
            self.tasks,
            self.checked,
            self.code.len(),
            self.items,
            self.paragraphs,
        )
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn outline(md: &str) -> Outline {
    let mut o = Outline::default();
    let mut buf: Option<String> = None;
    let (mut header, mut rows, mut row): (Vec<String>, Vec<Vec<String>>, Vec<String>) =
        Default::default();
    let mut in_head = false;
    let mut code_lang = String::new();
    for ev in Parser::new_ext(
        md,
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH,
    ) {
        match ev {
            Event::Start(Tag::Heading { .. } | Tag::TableCell | Tag::CodeBlock(_)) => {
                if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(l))) = &ev
                {
                    code_lang = l.to_string();
                }
                buf = Some(String::new());
            }
            Event::End(TagEnd::Heading(level)) => o
                .headings
                .push((level as u8, norm(&buf.take().unwrap_or_default()))),
            Event::End(TagEnd::TableCell) => {
                let cell = norm(&buf.take().unwrap_or_default());
                if in_head {
                    header.push(cell)
                } else {
                    row.push(cell)
                }
            }
            Event::Start(Tag::Item) => o.items += 1,
            Event::Start(Tag::Paragraph) => o.paragraphs += 1,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => o
                .tables
                .push((std::mem::take(&mut header), std::mem::take(&mut rows))),
            Event::End(TagEnd::CodeBlock) => o.code.push((
                std::mem::take(&mut code_lang),
                buf.take().unwrap_or_default(),
            )),
            Event::TaskListMarker(checked) => {
                o.tasks += 1;
                o.checked += usize::from(checked);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = buf.as_mut() {
                    b.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_) | Event::Html(_) => {
                if let Event::InlineHtml(h) | Event::Html(h) = &ev {
                    o.html.push(h.to_string());
                }
                if let Some(b) = buf.as_mut() {
                    b.push(' ');
                }
            }
            _ => {}
        }
    }
    o
}

/// The name as it should read in the document: control characters and escape sequences gone,
/// whitespace collapsed; a placeholder when nothing is left.
fn expected_name(name: &str, lang: Lang) -> String {
    let n = norm(&escape::clean(name));
    if n.is_empty() {
        Content::get().render(lang, &Text::new("report.unnamed_system").plain("id", "1"))
    } else {
        n
    }
}

/// The first column of the systems table, by its header.
fn system_names_in_table(o: &Outline, lang: Lang) -> Vec<String> {
    let header = Content::get().t(lang, "report.sys.name");
    o.tables
        .iter()
        .find(|(h, _)| h.first() == Some(&header))
        .map(|(_, rows)| rows.iter().filter_map(|r| r.first().cloned()).collect())
        .unwrap_or_default()
}

// ----- tests -----------------------------------------------------------------------------

#[test]
fn the_three_parts_and_their_sections_are_there_and_cite_clauses() {
    for lang in Lang::ALL {
        let (md, _) = md(lang, "ERP", "停机风险");
        let o = outline(&md);
        let c = Content::get();
        let cite = |k: &str, clauses: &[&str]| {
            let cites: Vec<String> = clauses.iter().map(|cl| c.cite(lang, cl)).collect();
            let text = Text::new("report.with_clause")
                .plain("text", c.t(lang, k))
                .plain("clause", cites.join(&c.t(lang, "ui.list_sep")));
            norm(&c.render(lang, &text))
        };
        let h1: Vec<&String> = o
            .headings
            .iter()
            .filter(|h| h.0 == 1)
            .map(|h| &h.1)
            .collect();
        assert_eq!(h1.len(), 1, "one title: {h1:?}");
        assert!(h1[0].contains("示例制造有限公司"));
        let h2: Vec<String> = o
            .headings
            .iter()
            .filter(|h| h.0 == 2)
            .map(|h| h.1.clone())
            .collect();
        assert_eq!(
            h2,
            vec![
                cite("report.plan.title", &["十"]),
                cite("report.score.title", &["十", "十八"]),
                cite("report.check.title", &["十"])
            ]
        );
        // Every section heading below the title cites a clause.
        for (level, h) in &o.headings {
            if *level > 1 {
                assert!(h.contains('§'), "heading without a clause: {h}");
            }
        }
        for key in [
            "report.plan.deployment",
            "report.plan.waves",
            "report.plan.sla",
            "report.score.readiness",
        ] {
            let title = norm(&c.t(lang, key));
            assert!(
                o.headings.iter().any(|(_, h)| h.starts_with(&title)),
                "{key} missing in {lang:?}"
            );
        }
    }
}

#[test]
fn tables_rows_match_their_headers_and_tasks_match_the_checklist() {
    for lang in Lang::ALL {
        let (md, a) = md(lang, "ERP", "停机风险");
        let o = outline(&md);
        assert!(
            o.tables.len() >= 8,
            "expected the plan's tables, got {}",
            o.tables.len()
        );
        for (header, rows) in &o.tables {
            for row in rows {
                assert_eq!(row.len(), header.len(), "row {row:?} under {header:?}");
            }
        }
        assert_eq!(o.tasks, a.checklist.len());
        assert_eq!(o.checked, a.checklist.iter().filter(|i| i.ticked).count());
        assert_eq!(
            system_names_in_table(&o, lang),
            vec!["ERP", "CRM", "OA 协同办公", "老财务系统"]
        );
    }
}

#[test]
fn waves_with_dates_are_a_gantt_chart_and_without_a_flowchart() {
    let (p, a) = fixture("ERP", "x");
    let md = export::markdown(Content::get(), Lang::En, &p, &a, Some(DATE));
    let o = outline(&md);
    let (lang, gantt) = &o.code[0];
    assert_eq!(lang, "mermaid");
    assert!(gantt.starts_with("gantt\n"));
    // Each wave lasts as many days as the analysis says, never an invented length.
    assert!(gantt.contains("ERP :s1, 2025-03-01, 14d"), "{gantt}");
    assert!(gantt.contains("CRM :s2, 2025-04-15, 28d"), "{gantt}");

    let mut undated = a.clone();
    undated.waves[1].start = None;
    let md = export::markdown(Content::get(), Lang::En, &p, &undated, Some(DATE));
    let flow = &outline(&md).code[0].1;
    assert!(flow.starts_with("flowchart LR\n"), "{flow}");
    assert!(flow.contains("w1 --> w2"), "{flow}");
}

#[test]
fn the_header_is_deterministic_given_the_date() {
    let (p, a) = fixture("ERP", "x");
    let c = Content::get();
    let one = export::markdown(c, Lang::ZhCn, &p, &a, Some(DATE));
    assert_eq!(one, export::markdown(c, Lang::ZhCn, &p, &a, Some(DATE)));
    assert!(one.contains(DATE));
    assert!(!export::markdown(c, Lang::ZhCn, &p, &a, None).contains(DATE));
}

#[test]
fn hostile_names_do_not_break_the_document() {
    let (reference, _) = md(Lang::ZhCn, "ERP", "plain text");
    let shape = outline(&reference).shape();
    let names = [
        "| a | b |",
        "# not a heading",
        "- [x] fake task",
        "1. item",
        "```\ncode",
        "~~~",
        "<script>alert(1)</script>",
        "[link](http://example.com)",
        "**bold** _it_ `code`",
        "\u{1b}[31mred\u{1b}[0m",
        "a\\",
        "line one\nline two\n---",
        "> quote",
        "&amp; &#35;",
        "   ",
        "ERP: \"core\"; #1 %% comment",
        "section Wave 9",
        "ok\n- item\n+ more\n2) two\n3. three\n> quoted\n    indented\n<div>",
        "ok\n===",
    ];
    for name in names {
        for free in [name, "ok"] {
            let (md, _) = md(Lang::ZhCn, name, free);
            let o = outline(&md);
            assert_eq!(
                o.shape(),
                shape,
                "name {name:?} free {free:?} changed the shape:\n{md}"
            );
            assert_eq!(
                system_names_in_table(&o, Lang::ZhCn)[0],
                expected_name(name, Lang::ZhCn),
                "{name:?}"
            );
            // No raw HTML from the user, and Mermaid labels hold no syntax characters of theirs.
            assert!(o.html.iter().all(|h| h == "<br>"), "{name:?}: {:?}", o.html);
            let gantt = &o.code[0].1;
            for line in gantt.lines().filter(|l| l.contains(":s1,")) {
                assert_eq!(line.matches(':').count(), 1, "{line}");
                assert!(
                    !line.contains('"') && !line.contains(';') && !line.contains('#'),
                    "{line}"
                );
            }
        }
    }
}

fn user_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex("([a-z中文 ]|[\\n\\r\\t`|#*_<>\\[\\]~&\\\\:;\"%=+.!()-]|\u{1b}\\[[0-9;]{0,4}m|[0-9]\\.){0,30}")
            .expect("the regex is valid"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_user_text_keeps_the_shape_and_the_name(name in user_string(), free in user_string()) {
        let (reference, _) = md(Lang::En, "ERP", "plain text");
        let (md, a) = md(Lang::En, &name, &free);
        let o = outline(&md);
        prop_assert_eq!(o.shape(), outline(&reference).shape());
        prop_assert_eq!(o.tasks, a.checklist.len());
        prop_assert!(o.html.iter().all(|h| h == "<br>"), "raw HTML {:?}", o.html);
        let names = system_names_in_table(&o, Lang::En);
        prop_assert_eq!(names.first().cloned().unwrap_or_default(), expected_name(&name, Lang::En));
    }
}

#[derive(Debug, Deserialize)]
struct Back {
    schema: u32,
    lang: Lang,
    generated_on: Option<String>,
    enterprise: String,
    profile: Profile,
    rendered: BackRendered,
}

#[derive(Debug, Deserialize)]
struct BackRendered {
    systems: Vec<BackSystem>,
    checklist: Vec<serde::de::IgnoredAny>,
    stars: String,
}

#[derive(Debug, Deserialize)]
struct BackSystem {
    name: String,
    verdict: String,
    strategy: String,
}

#[test]
fn ron_and_json_exports_parse_back() {
    let (p, a) = fixture("ERP \"核心\"\n第二行", "x");
    let c = Content::get();
    for lang in Lang::ALL {
        let ron_text = export::render(Format::Ron, c, lang, &p, &a, Some(DATE)).unwrap_or_default();
        let json_text =
            export::render(Format::Json, c, lang, &p, &a, Some(DATE)).unwrap_or_default();
        let from_ron: Result<Back, _> = ron::from_str(&ron_text);
        let from_json: Result<Back, _> = serde_json::from_str(&json_text);
        for back in [
            from_ron.map_err(|e| e.to_string()),
            from_json.map_err(|e| e.to_string()),
        ] {
            let back = back.unwrap_or_else(|e| panic!("export does not parse back: {e}"));
            assert_eq!(back.schema, export::data::EXPORT_SCHEMA);
            assert_eq!(back.lang, lang);
            assert_eq!(back.generated_on.as_deref(), Some(DATE));
            assert_eq!(back.enterprise, "示例制造有限公司");
            assert_eq!(back.profile, p, "the profile survives the round trip");
            assert_eq!(back.rendered.systems[0].name, "ERP \"核心\"\n第二行");
            assert_eq!(back.rendered.systems[0].verdict, c.t(lang, "verdict.go"));
            assert_eq!(
                back.rendered.systems[1].strategy,
                c.option_label(lang, "strategy", "transform")
            );
            assert_eq!(back.rendered.checklist.len(), a.checklist.len());
            assert_eq!(back.rendered.stars, "★★★☆☆");
        }
        // The analysis is there as the engine made it.
        let v: serde_json::Value = serde_json::from_str(&json_text).unwrap_or_default();
        assert_eq!(v["analysis"]["scorecard"]["total"], 77.0);
        assert_eq!(v["analysis"]["waves"][1]["cyclic"], true);
        // The data contract of docs/export-schema.md.
        let sc = &v["analysis"]["scorecard"];
        assert_eq!(sc["completeness"]["answered"], 40);
        assert_eq!(sc["completeness"]["total"], 50);
        assert_eq!(sc["caps"][0]["item"], "rollback_plan");
        assert_eq!(sc["caps"][0]["clause"], "十三");
        assert_eq!(sc["caps"][0]["max_stars"], 3);
        assert_eq!(sc["projected"], true);
        assert_eq!(v["analysis"]["chosen_provider"], 2);
        assert_eq!(
            v["analysis"]["systems"][0]["gaps"][0]["service"],
            "encryption"
        );
        assert_eq!(
            v["analysis"]["systems"][0]["gaps"][0]["reason"]["text"]["key"],
            "gap.sensitive"
        );
        assert_eq!(v["rendered"]["chosen_provider"], "Cloud B");
    }
}

#[test]
fn workshop_summary_lists_participants_weak_steps_and_failures() {
    let (p, a) = fixture("ERP", "x");
    let (mut p2, mut a2) = fixture("MES", "y");
    p2.answers.set("ent.name", Some(text("Second | Ltd")));
    a2.scorecard.total = 40.0;
    a2.scorecard.effects.payback_months = None;
    let entries = vec![
        workshop::Entry::Loaded {
            file: "a.ron".into(),
            profile: Box::new(p),
            analysis: Box::new(a),
        },
        workshop::Entry::Failed {
            file: "broken.ron".into(),
            reason: "broken.ron:3:7: expected `)`".into(),
        },
        workshop::Entry::Loaded {
            file: "b.ron".into(),
            profile: Box::new(p2),
            analysis: Box::new(a2),
        },
    ];
    let c = Content::get();
    for lang in Lang::ALL {
        let md = workshop::summary_markdown(c, lang, &entries, Some(DATE));
        let o = outline(&md);
        let participants = &o.tables[0];
        assert_eq!(participants.1.len(), 2);
        assert_eq!(participants.1[1][1], "Second | Ltd");
        assert_eq!(participants.1[0][5], "77");
        for (h, rows) in &o.tables {
            assert!(rows.iter().all(|r| r.len() == h.len()));
        }
        // Step 4 scored 5/10 for both: weak in 2 of 2, and the only weak step.
        let weak = &o.tables[1];
        assert_eq!(weak.1.len(), 1);
        assert!(
            weak.1[0][0].contains(&c.t(lang, "step.s4.title")),
            "{:?}",
            weak.1[0]
        );
        assert!(md.contains("broken.ron"));
        assert!(md.contains("expected"));
        // The payback average counts only the participant that has one.
        assert!(md.contains("9.6"), "{md}");
    }
}

/// `p` repaired as the wizard opens it, with its analysis.
fn analysed(mut p: Profile) -> (Profile, Analysis) {
    p.normalise();
    let a = shangyun::engine::analyse(Content::get(), &p);
    (p, a)
}

#[test]
fn the_demo_exports_a_well_formed_document() {
    let (p, a) = analysed(demo());
    let c = Content::get();
    for lang in Lang::ALL {
        let md = export::markdown(c, lang, &p, &a, Some(DATE));
        let o = outline(&md);
        assert_eq!(o.headings.iter().filter(|h| h.0 == 2).count(), 3);
        for (header, rows) in &o.tables {
            for row in rows {
                assert_eq!(row.len(), header.len(), "row {row:?} under {header:?}");
            }
        }
        assert_eq!(o.tasks, a.checklist.len());
        assert_eq!(o.checked, a.checklist.iter().filter(|i| i.ticked).count());
        assert_eq!(system_names_in_table(&o, lang).len(), p.systems.len());
        assert!(o.code.iter().all(|(l, _)| l == "mermaid"));
        assert!(o.html.iter().all(|h| h == "<br>"));
    }
}

#[test]
fn golden_demo_zh_cn() {
    let (p, a) = analysed(demo());
    insta::assert_snapshot!(
        "demo_zh_cn",
        export::markdown(Content::get(), Lang::ZhCn, &p, &a, Some(DATE))
    );
}

#[test]
fn golden_demo_en() {
    let (p, a) = analysed(demo_in(Lang::En));
    insta::assert_snapshot!(
        "demo_en",
        export::markdown(Content::get(), Lang::En, &p, &a, Some(DATE))
    );
}

/// The rows (header first) of the first table after the heading that starts with `title`.
fn table_after(md: &str, title: &str) -> Vec<Vec<String>> {
    let mut heading: Option<String> = None;
    let mut found = false;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_))
                if heading.take().is_some_and(|h| h.starts_with(title)) =>
            {
                found = true;
            }
            Event::Start(Tag::TableHead | Tag::TableRow) if found => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) if found => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) if found => {
                if let (Some(c), Some(r)) = (cell.take(), rows.last_mut()) {
                    r.push(c.trim().to_owned());
                }
            }
            Event::End(TagEnd::Table) if found => return rows,
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    panic!("no table after a heading starting with {title:?}")
}

fn number(cell: &str) -> Option<f64> {
    cell.replace(',', "").parse().ok()
}

/// The annex has one row per system, and in the sizing table every wave's total, the total
/// moving, the total staying and the grand total are the sums of the rows they close.
fn check_annex_and_sizing(lang: Lang, p: &Profile, a: &Analysis) -> String {
    let c = Content::get();
    let md = export::markdown(c, lang, p, a, None);
    let annex = table_after(&md, &c.t(lang, "report.annex.title"));
    let names: Vec<&str> = annex.iter().skip(1).map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = p.systems.iter().map(|s| s.name.trim()).collect();
    assert_eq!(names, want, "one annex row per system, in inventory order");
    let sizing = table_after(&md, &c.t(lang, "report.size.title"));
    let total_of = |key: &str| c.t(lang, key);
    let saas_mark = c.t(lang, "report.size.saas_wave").replace("{wave}", "");
    let (mut group, mut moving, mut saas, mut staying, mut all) =
        ([0.0; 6], [0.0; 6], [0.0; 6], [0.0; 6], [0.0; 6]);
    let mut closed = 0;
    for row in sizing.iter().skip(1) {
        assert_eq!(row.len(), 8, "{row:?}");
        let v: Vec<f64> = row[2..].iter().map(|c| number(c).unwrap_or(0.0)).collect();
        let label = row[0].as_str();
        let check = |sum: &[f64; 6]| {
            for (i, x) in sum.iter().enumerate() {
                assert!(
                    (x - v[i]).abs() < 1e-6,
                    "{label}: column {i} is {}, rows add to {x}",
                    v[i]
                );
            }
        };
        // Totals are labelled "<total> (n systems…)".
        let is = |key: &str| row[1].is_empty() && label.starts_with(&total_of(key));
        if is("report.size.moving_total") {
            check(&moving);
            closed += 1;
        } else if is("report.size.saas_total") {
            check(&saas);
            closed += 1;
        } else if is("report.size.staying_total") {
            check(&staying);
            closed += 1;
        } else if is("report.size.all_total") {
            check(&all);
            closed += 1;
        } else if row[1].is_empty() {
            // a wave's total
            check(&group);
            group = [0.0; 6];
            closed += 1;
        } else {
            let stays = row[1] == c.t(lang, "report.size.stays");
            let add = |sum: &mut [f64; 6]| sum.iter_mut().zip(&v).for_each(|(s, x)| *s += x);
            add(&mut all);
            if stays {
                add(&mut staying);
            } else if row[1].ends_with(&saas_mark) {
                add(&mut saas);
            } else {
                add(&mut group);
                add(&mut moving);
            }
        }
    }
    assert!(closed >= 2, "totals were found: {sizing:?}");
    let rows = sizing.iter().skip(1).filter(|r| !r[1].is_empty()).count();
    assert_eq!(rows, p.systems.len(), "one sizing row per system");
    md
}

#[test]
fn the_annex_lists_every_system_and_the_sizing_totals_add_up() {
    for lang in Lang::ALL {
        let (p, a) = analysed(demo_in(lang));
        let md = check_annex_and_sizing(lang, &p, &a);
        // the demo's bill of quantities: 16 servers in all, 12 of them hosted in the cloud and
        // the CRM's 1 replaced by SaaS
        let c = Content::get();
        let sizing = table_after(&md, &c.t(lang, "report.size.title"));
        let all = sizing.last().unwrap();
        assert_eq!(all[0], c.t(lang, "report.size.all_total"));
        assert_eq!(all[2], "16", "{all:?}");
        let parts = export::parts::build(c, &p, &a);
        assert_eq!(parts.sizing.moving.servers, Some(12.0));
        assert_eq!(parts.sizing.saas.servers, Some(1.0));
        assert_eq!(parts.sizing.staying.servers, Some(3.0));
    }
}

/// An IT lead's 40 systems: every one is in the annex with its database and peak users.
#[test]
fn forty_systems_each_appear_in_the_annex_with_database_and_peak_users() {
    let mut p = shangyun::model::synthetic::synthetic_profile(&demo(), 40);
    p.normalise();
    let a = shangyun::engine::analyse(Content::get(), &p);
    for lang in Lang::ALL {
        let md = check_annex_and_sizing(lang, &p, &a);
        let c = Content::get();
        let annex = table_after(&md, &c.t(lang, "report.annex.title"));
        assert_eq!(annex.len(), 41);
        let col = |key: &str| {
            let h = c.t(lang, key);
            annex[0].iter().position(|x| *x == h).unwrap()
        };
        let (perf, db) = (
            col("report.annex.performance"),
            col("report.annex.database"),
        );
        for (row, s) in annex.iter().skip(1).zip(&p.systems) {
            let users = s.answers.number("sys.peak_users").unwrap();
            assert!(
                row[perf].contains(&format!("{users}")),
                "{}: peak users {users} not in {:?}",
                s.name,
                row[perf]
            );
            let option = s.answers.choice("sys.database").unwrap();
            let label = c.t(lang, &format!("opt.database.{option}"));
            let version = s.answers.text("sys.db_version").unwrap();
            assert!(
                row[db].contains(&label) && row[db].contains(version),
                "{}: {:?} lacks {label} / {version}",
                s.name,
                row[db]
            );
        }
    }
}

/// The machine-readable export carries the same parts: one inventory row per system, totals
/// that are the sums of the rows, the chosen provider and a runbook per wave.
#[test]
fn json_export_carries_the_plan_parts() {
    let (p, a) = analysed(demo_in(Lang::En));
    let json = export::render(Format::Json, Content::get(), Lang::En, &p, &a, None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let parts = &v["parts"];
    assert_eq!(
        parts["inventory"].as_array().unwrap().len(),
        p.systems.len()
    );
    let rows = parts["sizing"]["rows"].as_array().unwrap();
    let sum: f64 = rows
        .iter()
        .filter_map(|r| r["quantities"]["vcpu"].as_f64())
        .sum();
    assert_eq!(parts["sizing"]["all"]["vcpu"].as_f64(), Some(sum));
    assert_eq!(parts["runbooks"].as_array().unwrap().len(), a.waves.len());
    // the demo's enterprise chose Qingshan Cloud (#2) over the ranking: its 99.9 % leaves the
    // ERP's 99.95 % unmet, which the two others would meet
    assert_eq!(parts["summary"]["provider"], serde_json::json!(2));
    assert_eq!(parts["decision"]["chosen_by_user"], true);
    assert_eq!(parts["sla_terms"]["provider_name"], "Qingshan Cloud");
    let erp = p.systems.iter().find(|s| s.name == "ERP").unwrap().id;
    let short = &parts["decision"]["shortfalls"];
    assert_eq!(short.as_array().unwrap().len(), 1, "{short}");
    assert_eq!(short[0]["system"], serde_json::json!(erp.0));
    assert_eq!(short[0]["closed_by"], serde_json::json!([1, 3]));
    assert_eq!(v["analysis"]["chosen_provider"], serde_json::json!(2));
    assert_eq!(parts["runbooks"][1]["parallel_days"].as_f64(), Some(30.0));
}

/// The summary gives the migration's span: the earliest start and when the last wave ends, even
/// when the waves are dated out of order (the schedule's risks say that separately).
#[test]
fn the_summary_spans_the_waves_from_the_earliest_start_to_the_last_end() {
    let mut p = demo_in(Lang::En);
    let (_, a) = analysed(p.clone());
    assert!(a.waves.len() >= 3);
    // the second wave dated before the first
    let second = a.waves[1].key;
    p.waves
        .entry(second)
        .or_default()
        .set("wave.start", Some(Answer::Text("2027-01-04".into())));
    let (p, a) = analysed(p);
    let starts: Vec<&str> = a.waves.iter().filter_map(|w| w.start.as_deref()).collect();
    let ends: Vec<&str> = a.waves.iter().filter_map(|w| w.end.as_deref()).collect();
    let earliest = starts.iter().min().unwrap();
    let last_end = ends.iter().max().unwrap();
    assert_eq!(*earliest, "2027-01-04");
    let md = export::render(Format::Markdown, Content::get(), Lang::En, &p, &a, None).unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with("| Waves and dates |"))
        .unwrap();
    assert!(
        line.contains(&format!(
            "from {earliest} (the earliest start) to {last_end} (when the last one ends)"
        )),
        "{line}"
    );
}

/// An amount of exactly one takes its unit's singular where the unit has one, in the plan as in
/// the wizard ("1 person", "1 day"); other amounts and units without one keep theirs.
#[test]
fn one_of_a_unit_reads_in_the_singular() {
    let c = Content::get();
    assert_eq!(c.unit_key("people", 1.0), "unit.people.one");
    assert_eq!(c.unit_key("people", 2.0), "unit.people");
    assert_eq!(c.unit_key("people", 0.5), "unit.people");
    assert_eq!(c.unit_key("percent", 1.0), "unit.percent");
    let mut p = demo_in(Lang::En);
    p.answers.set("ent.employees", Some(Answer::Number(1.0)));
    let (p, a) = analysed(p);
    let md = export::render(Format::Markdown, c, Lang::En, &p, &a, None).unwrap();
    assert!(
        md.contains("| Number of employees | 1 person |"),
        "{}",
        &md[..2000]
    );
}

/// A need that cannot be compared (left blank) is named next to the real shortfalls, in the SLA
/// section and in the decision record alike; neither says every need is met.
#[test]
fn needs_that_cannot_be_compared_are_named_beside_the_shortfalls() {
    let mut p = demo_in(Lang::En);
    let website = p.systems.iter_mut().find(|s| s.name == "Website").unwrap();
    website.answers.set("sys.need_availability", None);
    website.answers.set("sys.need_rto_min", None);
    let (p, a) = analysed(p);
    let md = export::render(Format::Markdown, Content::get(), Lang::En, &p, &a, None).unwrap();
    let said = md
        .matches("Not every need can be compared with the service agreement yet: for Website")
        .count();
    assert_eq!(said, 2, "the SLA section and the decision record");
    assert!(
        md.contains("- ERP: needs 99.95 %"),
        "the real shortfall is still listed"
    );
    assert!(!md.contains("meets every moving system's need"));
    // with every need recorded and met, the record says so
    let mut q = demo_in(Lang::En);
    for s in &mut q.systems {
        s.answers
            .set("sys.need_availability", Some(Answer::Number(99.0)));
    }
    let (q, a) = analysed(q);
    let md = export::render(Format::Markdown, Content::get(), Lang::En, &q, &a, None).unwrap();
    assert!(
        md.contains("meets every moving system's need"),
        "{}",
        &md[..1500]
    );
    assert!(!md.contains("Not every need can be compared"));
}

/// The data export renders the items that do not apply next to the ids the analysis gives.
#[test]
fn json_export_renders_the_items_that_do_not_apply() {
    let mut p = demo_in(Lang::En);
    for s in &mut p.systems {
        s.answers
            .set("sys.strategy", Some(Answer::Choice("keep".into())));
    }
    let (p, a) = analysed(p);
    let json = export::render(Format::Json, Content::get(), Lang::En, &p, &a, None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut seen = 0;
    for (raw, shown) in v["analysis"]["scorecard"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .zip(v["rendered"]["steps"].as_array().unwrap())
    {
        let ids = raw["not_applicable"].as_array().unwrap();
        let labels = shown["not_applicable"].as_array().unwrap();
        assert_eq!(ids.len(), labels.len(), "{shown}");
        for (id, label) in ids.iter().zip(labels) {
            let key = format!("score.{}", id.as_str().unwrap());
            assert_eq!(
                label.as_str(),
                Some(Content::get().t(Lang::En, &key).as_str())
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "nothing moves: some items do not apply");
}

/// The summary's open items name each gap once: a readiness item that loses points for a
/// critical gap the list already names (`restates` in rules.ron) is not listed again.
#[test]
fn the_summary_names_each_gap_once() {
    use shangyun::export::parts::{self, OpenKind};
    let (p, a) = analysed(demo());
    let items = parts::build(Content::get(), &p, &a).summary.open_items;
    let capped: Vec<&str> = a
        .scorecard
        .caps
        .iter()
        .flat_map(|c| c.restates.iter().map(String::as_str))
        .collect();
    // the demo's four gaps come first, and the rehearsal's lost points are not a fifth item
    assert!(capped.contains(&"s6.rollback_rehearsed"), "{capped:?}");
    assert_eq!(items.iter().filter(|i| i.kind == OpenKind::Cap).count(), 4);
    for i in items.iter().filter(|i| i.kind == OpenKind::Loss) {
        assert!(
            !capped.contains(&i.item.as_str()),
            "{} is a cap already",
            i.item
        );
    }
}

/// The decision record's §二十四 line, for the demo's chosen provider holding `capability` and
/// `trust` (`None`: not answered).
fn evidence_line(lang: Lang, capability: Option<bool>, trust: Option<bool>) -> String {
    let mut p = demo_in(lang);
    let a = shangyun::engine::analyse(Content::get(), &p);
    let chosen = a.chosen_provider.expect("the demo has a chosen provider");
    let answers = &mut p.provider_mut(chosen).unwrap().answers;
    answers.set("prov.capability", capability.map(Answer::YesNo));
    answers.set("prov.trust", trust.map(Answer::YesNo));
    let a = shangyun::engine::analyse(Content::get(), &p);
    let md = export::markdown(Content::get(), lang, &p, &a, Some(DATE));
    let label = match lang {
        Lang::ZhCn => "测评和评估：",
        Lang::En => "Assessments: ",
    };
    md.lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no line {label}: {md}"))
        .to_owned()
}

#[test]
fn the_decision_record_says_in_sentences_which_assessments_the_provider_lacks() {
    use Lang::{En, ZhCn};
    let (yes, no) = (Some(true), Some(false));
    let cases = [
        (
            En,
            yes,
            yes,
            "**“Qingshan Cloud” has passed both a cloud service capability assessment and a service trustworthiness assessment (§24)**",
        ),
        (
            En,
            yes,
            no,
            "**“Qingshan Cloud” has not passed a service trustworthiness assessment (§24)**",
        ),
        (
            En,
            no,
            yes,
            "**“Qingshan Cloud” has not passed a cloud service capability assessment (§24)**",
        ),
        (
            En,
            no,
            None,
            "**“Qingshan Cloud” has not passed a cloud service capability assessment; “Qingshan Cloud”: whether it has passed a service trustworthiness assessment is not recorded (§24)**",
        ),
        (
            En,
            None,
            no,
            "**“Qingshan Cloud”: whether it has passed a cloud service capability assessment is not recorded; “Qingshan Cloud” has not passed a service trustworthiness assessment (§24)**",
        ),
        (
            ZhCn,
            yes,
            yes,
            "**“青山云”已通过云服务能力测评和服务可信度评估（§二十四）**",
        ),
        (
            ZhCn,
            yes,
            no,
            "**“青山云”尚未通过服务可信度评估（§二十四）**",
        ),
        (
            ZhCn,
            no,
            no,
            "**“青山云”尚未通过云服务能力测评；“青山云”尚未通过服务可信度评估（§二十四）**",
        ),
        (
            ZhCn,
            None,
            yes,
            "**“青山云”是否通过云服务能力测评尚无记录（§二十四）**",
        ),
    ];
    for (lang, capability, trust, want) in cases {
        assert_eq!(
            evidence_line(lang, capability, trust),
            want,
            "{lang:?} {capability:?} {trust:?}"
        );
    }
}

// ----- the document's words on profiles unlike the demo ----------------------------------

/// A profile written as a saved file: `answers` are the enterprise's answers (RON map entries),
/// `systems` and `providers` RON list entries.
fn saved(answers: &str, systems: &str, providers: &str) -> Profile {
    saved_with_waves(answers, systems, providers, "")
}

/// [`saved`] with wave answers (`waves`: RON map entries keyed by a system id).
fn saved_with_waves(answers: &str, systems: &str, providers: &str, waves: &str) -> Profile {
    let ron = format!(
        "(schema_version: 2, lang: en, answers: {{ {answers} }}, systems: [ {systems} ], \
         providers: [ {providers} ], waves: {{ {waves} }}, ticks: [], position: Welcome, \
         next_system_id: 50, next_provider_id: 50)"
    );
    shangyun::store::migrate::parse_profile(&ron)
        .expect("the test profile parses")
        .profile
}

/// The Markdown plan of `p` in both languages: (en, zh-CN).
fn both(p: &Profile) -> (String, String, Analysis) {
    let (p, a) = analysed(p.clone());
    let c = Content::get();
    (
        export::markdown(c, Lang::En, &p, &a, Some(DATE)),
        export::markdown(c, Lang::ZhCn, &p, &a, Some(DATE)),
        a,
    )
}

/// A florist with two SaaS systems, no providers and almost nothing answered: its total is low,
/// so the critical gaps do not lower its level.
fn tiny() -> Profile {
    saved(
        r#""ent.name": Text("Florist"), "ent.size": Choice("startup"),
           "ent.employees": Number(4), "ent.goals": Choices(["cost"]),
           "s3.deployment": Choice("public"), "s3.services": Choices(["office"]),
           "s10.roles": Choices(["owner"]),"#,
        r#"(id: (1), name: "Shop", answers: { "sys.strategy": Choice("repurchase"),
              "sys.sensitivity": Choice("core") }, depends_on: []),"#,
        "",
    )
}

#[test]
fn caps_that_do_not_lower_the_level_are_not_called_a_cap() {
    let (en, zh, a) = both(&tiny());
    let sc = &a.scorecard;
    assert!(!sc.caps.is_empty(), "the florist has critical gaps");
    assert_eq!(sc.stars, sc.uncapped_stars, "…that do not lower its level");
    assert!(!en.contains("Capped at"), "{en}");
    assert!(!zh.contains("等级封顶为"), "{zh}");
    assert!(
        en.contains("Critical gaps that would cap the level at"),
        "{en}"
    );
    assert!(zh.contains("以下关键缺口会把等级封顶在"), "{zh}");
}

#[test]
fn the_outcome_basis_says_what_was_measured_and_what_was_not() {
    // No figures at all: nothing measured, nothing projected.
    let (en, zh, _) = both(&tiny());
    assert!(
        !en.contains("Measured:") && !en.contains("Projected:"),
        "{en}"
    );
    assert!(
        en.contains("Not scored: no figure has both a baseline"),
        "{en}"
    );
    assert!(!zh.contains("实测：") && zh.contains("未评分："), "{zh}");

    // Energy measured, utilisation only targeted (from a baseline of 0): partly measured.
    let mut p = tiny();
    for (q, v) in [
        ("s9.util_before", 0.0),
        ("s9.util_after", 25.0),
        ("s9.energy_before", 100.0),
        ("s9.energy_after", 50.0),
        ("s9.energy_actual", 120.0),
    ] {
        set(&mut p.answers, q, Answer::Number(v));
    }
    let (en, zh, _) = both(&p);
    assert!(!en.contains("Projected: the outcome score"), "{en}");
    assert!(
        en.contains("Partly measured: Energy use rests on measured figures"),
        "{en}"
    );
    assert!(zh.contains("部分实测："), "{zh}");
    // The utilisation change from 0 has no percentage, and the text says so.
    assert!(
        en.contains("A change from a baseline of 0 has no percentage"),
        "{en}"
    );
    assert!(zh.contains("基线为 0 的变化无法换算成百分比"), "{zh}");
    assert!(!en.contains("Server utilisation —"), "{en}");
}

/// Three systems moving: one with all its figures, one replaced by SaaS, one without figures.
fn with_saas() -> Profile {
    let figures = r#""sys.servers": Number(2), "sys.vcpu": Number(8), "sys.memory_gb": Number(16),
        "sys.storage_gb": Number(500), "sys.data_gb": Number(100), "sys.bandwidth_mbps": Number(10)"#;
    saved(
        r#""ent.name": Text("Mill"), "ent.size": Choice("sme"), "s5.max_per_wave": Number(5),"#,
        &format!(
            r#"(id: (1), name: "Ledger", answers: {{ "sys.strategy": Choice("rehost"), {figures} }},
                depends_on: []),
               (id: (2), name: "Mail", answers: {{ "sys.strategy": Choice("repurchase"),
                "sys.servers": Number(4) }}, depends_on: []),
               (id: (3), name: "Files", answers: {{ "sys.strategy": Choice("rehost") }},
                depends_on: []),"#
        ),
        "",
    )
}

#[test]
fn systems_replaced_by_saas_are_kept_out_of_the_hosted_totals() {
    let (p, a) = analysed(with_saas());
    let c = Content::get();
    let parts = export::parts::build(c, &p, &a);
    let s = &parts.sizing;
    assert_eq!(
        s.moving.servers,
        Some(2.0),
        "Mail's 4 servers are not hosted"
    );
    assert_eq!(s.saas.servers, Some(4.0));
    assert_eq!(s.all.servers, Some(6.0));
    assert_eq!((s.moving_count.systems, s.moving_count.incomplete), (2, 1));
    assert_eq!(s.per_wave.iter().map(|w| w.count.systems).sum::<usize>(), 2);
    for lang in Lang::ALL {
        let md = check_annex_and_sizing(lang, &p, &a);
        let sizing = table_after(&md, &c.t(lang, "report.size.title"));
        let moving = sizing
            .iter()
            .find(|r| r[0].starts_with(&c.t(lang, "report.size.moving_total")))
            .unwrap();
        assert_eq!(moving[2], "2", "{moving:?}");
        let saas = sizing
            .iter()
            .find(|r| r[0].starts_with(&c.t(lang, "report.size.saas_total")))
            .unwrap();
        assert_eq!(saas[2], "4", "{saas:?}");
        let mail = sizing.iter().find(|r| r[0] == "Mail").unwrap();
        let suffix = c.t(lang, "report.size.saas_wave").replace("{wave}", "");
        assert!(mail[1].ends_with(&suffix), "{mail:?}");
    }
    let (en, zh, _) = both(&with_saas());
    assert!(
        en.contains("**Total to host in the cloud** (2 systems, 1 of them with figures missing)"),
        "{en}"
    );
    assert!(zh.contains("（2 个系统，其中 1 个缺少数字）"), "{zh}");
    assert!(en.contains("(1 system, with figures missing)"), "{en}");
    assert!(
        !en.contains("(0 systems)"),
        "a wave of SaaS alone has no hosted total: {en}"
    );
    assert!(
        en.contains("kept out of the total to host in the cloud"),
        "{en}"
    );
}

#[test]
fn blank_names_read_as_placeholders_in_the_engine_and_the_plan() {
    let p = saved(
        r#""ent.name": Text("Half"), "ent.size": Choice("sme"), "s4.plan_rollback": YesNo(false),
           "s5.max_per_wave": Number(1),"#,
        r#"(id: (1), name: "ERP", answers: { "sys.sensitivity": Choice("sensitive") },
              depends_on: []),
           (id: (2), name: "  ", answers: { "sys.sensitivity": Choice("internal") },
              depends_on: []),"#,
        r#"(id: (1), name: "Cloud A", answers: { "prov.sla": Number(99.9) }),
           (id: (2), name: "", answers: {}),"#,
    );
    let (en, zh, _) = both(&p);
    for (md, system, provider) in [
        (&en, r"(unnamed system \#2)", r"(unnamed provider \#2)"),
        (&zh, r"（未命名系统 \#2）", r"（未命名服务商 \#2）"),
    ] {
        for bad in ["“”", "()", "（）", ",  ", "， ", "“ ”"] {
            assert!(!md.contains(bad), "{bad:?} in\n{md}");
        }
        // in the engine's reasons and checklist items, and in the plan's own tables
        assert!(md.matches(system).count() >= 5, "{md}");
        assert!(md.matches(provider).count() >= 2, "{md}");
    }
    assert!(
        en.contains(
            r"Record the business type, users, usage pattern and data sensitivity of “(unnamed system \#2)”"
        ),
        "{en}"
    );
    assert!(zh.contains(r"补充“（未命名系统 \#2）”的业务类型"), "{zh}");
}

/// Two systems moving, three post-migration checks planned, and the chosen provider ("Beta",
/// rated lower than "Alpha") with its availability but not its response time, and no reason
/// recorded for choosing it.
fn checklist_profile() -> Profile {
    let ratings = |r: u8| {
        [
            "cost",
            "availability",
            "scalability",
            "security",
            "compliance",
        ]
        .iter()
        .map(|a| format!(r#""prov.r_{a}": Rating({r}),"#))
        .collect::<String>()
    };
    saved(
        r#""ent.name": Text("Works"), "ent.size": Choice("sme"),
           "s7.checks": Choices(["integrity", "functional", "performance", "security"]),"#,
        r#"(id: (1), name: "ERP", answers: { "sys.strategy": Choice("rehost") }, depends_on: []),
           (id: (2), name: "MES", answers: { "sys.strategy": Choice("rehost") }, depends_on: []),"#,
        &format!(
            r#"(id: (1), name: "Alpha", answers: {{ {} "prov.sla": Number(99.9),
                 "prov.response_min": Number(15) }}),
               (id: (2), name: "Beta", answers: {{ {} "prov.sla": Number(99.5),
                 "prov.chosen": YesNo(true) }}),"#,
            ratings(5),
            ratings(2)
        ),
    )
}

#[test]
fn the_checklist_asks_only_for_what_the_plan_lacks() {
    let (en, zh, a) = both(&checklist_profile());
    let c = Content::get();
    // Only the checks not planned yet.
    let checks = a.checklist.iter().find(|i| i.id == "s7.checks").unwrap();
    let en_checks = c.render(Lang::En, &checks.text);
    assert_eq!(
        en_checks,
        "Plan the checks and tests after the migration that are not planned yet: \
         Business-process test, Backup test, Disaster-recovery test"
    );
    assert!(
        zh.contains("安排上云后尚未规划的检查和测试：业务流程测试、备份测试、容灾测试"),
        "{zh}"
    );
    // Beta's availability is recorded: only its response time is asked for.
    assert!(
        !en.contains("Record the availability and response time"),
        "{en}"
    );
    assert!(
        en.contains("Record the response time that the chosen provider “Beta” guarantees"),
        "{en}"
    );
    assert!(zh.contains("记录选定服务商“Beta”承诺的响应时间"), "{zh}");
    // The plan says Beta does not rank first and no reason is recorded; so does the checklist.
    assert!(
        en.contains("It does not rank first and no reason is recorded"),
        "{en}"
    );
    assert!(
        en.contains("Write down why “Beta” was chosen although it does not rank first"),
        "{en}"
    );
    assert!(
        zh.contains("写明为什么选定在比较中并非排名第一的“Beta”"),
        "{zh}"
    );
    // With a reason recorded, neither asks.
    let mut p = checklist_profile();
    set(
        &mut p.answers,
        "s3.chosen_reason",
        text("Framework contract"),
    );
    let (en, _, _) = both(&p);
    assert!(!en.contains("Write down why “Beta”"), "{en}");
    assert!(!en.contains("no reason is recorded"), "{en}");
}

#[test]
fn small_wording_reads_right_on_an_unusual_profile() {
    let p = saved_with_waves(
        r#""ent.name": Text("Mill"), "ent.size": Choice("sme"), "s9.cost_before": Number(1200),
           "s9.cost_after": Number(1400), "s9.migration_cost": Number(50),"#,
        r#"(id: (1), name: "Ledger", answers: { "sys.strategy": Choice("rehost") },
              depends_on: []),"#,
        "",
        r#"(1): { "wave.rollback_hours": Number(0) },"#,
    );
    let (en, zh, _) = both(&p);
    // Clause numbers in English are Arabic.
    for numeral in "一二三四五六七八九十".chars() {
        assert!(!en.contains(&format!("§{numeral}")), "§{numeral} in\n{en}");
    }
    // A missing trigger and a limit of 0 hours read as such.
    assert!(!en.contains("not answered Decide within 0"), "{en}");
    assert!(
        en.contains("Trigger: not answered. Decide at once (time limit 0 hours)."),
        "{en}"
    );
    assert!(
        zh.contains("触发条件：未回答。须立即决定（时限 0 小时）。"),
        "{zh}"
    );
    // Money is grouped, and a negative saving is a cost increase.
    assert!(en.contains("CNY 12,000k/yr"), "{en}");
    assert!(zh.contains("1,200 万元/年"), "{zh}");
    assert!(en.contains("Annual cost increase: **CNY 2,000k/yr"), "{en}");
    assert!(zh.contains("年度成本增加：**200 万元/年"), "{zh}");
    assert!(
        !en.contains("CNY -") && !en.contains("Annual saving"),
        "{en}"
    );

    // No systems: the gaps section does not say every system's questions are answered.
    let (en, zh, _) = both(&saved(r#""ent.name": Text("Empty"),"#, "", ""));
    assert!(
        !en.contains("Every system's questions are answered"),
        "{en}"
    );
    assert!(
        en.contains("No information system is in the inventory yet"),
        "{en}"
    );
    assert!(zh.contains("清单中还没有信息系统"), "{zh}");
}

#[test]
fn two_providers_marked_chosen_are_named_in_the_plan() {
    let p = saved(
        r#""ent.name": Text("Mill"),"#,
        "",
        r#"(id: (1), name: "Alpha", answers: { "prov.chosen": YesNo(true) }),
           (id: (2), name: "Beta", answers: { "prov.chosen": YesNo(true) }),"#,
    );
    let (en, zh, a) = both(&p);
    assert_eq!(a.chosen_provider, Some(ProviderId(1)));
    assert!(
        en.contains("Warning: 2 providers are marked as chosen; the plan is written for the first of them, “Alpha”, and ignores the mark on “Beta”."),
        "{en}"
    );
    assert!(
        zh.contains("方案按其中第一个“Alpha”编制，不考虑“Beta”的选定标记"),
        "{zh}"
    );
}

/// The readiness table adds up: the answered column of its rows (the profile screen's row
/// included) sums to the total row, in both languages; a profile built here, not the demo.
#[test]
fn the_readiness_table_answered_column_adds_up_to_its_total() {
    let mut p = Profile::default();
    set(&mut p.answers, "ent.name", text("Sums Ltd"));
    set(&mut p.answers, "ent.size", Answer::Choice("sme".into()));
    set(&mut p.answers, "s1.partner", Answer::Choice("self".into()));
    // From a baseline of 0 a rise scores full marks, and the outcomes table says so.
    set(&mut p.answers, "s9.trained_before", Answer::Number(0.0));
    set(&mut p.answers, "s9.trained_after", Answer::Number(4.0));
    let id = p.add_system("ERP");
    if let Some(s) = p.system_mut(id) {
        set(
            &mut s.answers,
            "sys.business",
            Answer::Choice("management".into()),
        );
    }
    let (p, a) = analysed(p);
    let c = Content::get();
    for lang in [Lang::En, Lang::ZhCn] {
        let md = export::markdown(c, lang, &p, &a, Some(DATE));
        let rows = table_after(&md, &c.t(lang, "report.score.readiness"));
        let pair = |cell: &str| -> (usize, usize) {
            let (x, y) = cell.split_once('/').expect("answered/total");
            (x.parse().expect("answered"), y.parse().expect("total"))
        };
        let (body, total) = rows[1..].split_at(rows.len() - 2);
        assert_eq!(body.len(), 11, "the profile row and ten steps");
        assert!(body[0][0].starts_with(&c.t(lang, "step.profile.title")));
        let (answered, questions) = body
            .iter()
            .map(|r| pair(&r[1]))
            .fold((0, 0), |(a, t), (x, y)| (a + x, t + y));
        assert_eq!((answered, questions), pair(&total[0][1]), "{lang:?}");
        assert_eq!(
            (answered, questions),
            (
                a.scorecard.completeness.answered,
                a.scorecard.completeness.total
            )
        );
        // The outcomes table's improvement cell for the metric rising from 0.
        let name = c.t(lang, "metric.trained");
        let from_zero = c.render(
            lang,
            &Text::new("report.score.from_zero").plain("metric", name.clone()),
        );
        assert!(
            md.lines()
                .any(|l| l.starts_with('|') && l.contains(&from_zero)),
            "{lang:?}: {from_zero}"
        );
    }
}

/// The plan's SLA section does not say "no system needs more than the agreement offers" of
/// needs nobody recorded: it says they cannot be compared yet, as the scorecard names them
/// missing; once recorded and met, it says none is exceeded.
#[test]
fn the_sla_section_does_not_claim_needs_are_met_when_none_are_recorded() {
    let mut p = Profile::default();
    set(&mut p.answers, "ent.name", text("Flowers"));
    let id = p.add_system("Shop");
    let (q, a) = analysed(p.clone());
    let c = Content::get();
    for lang in [Lang::En, Lang::ZhCn] {
        let md = export::markdown(c, lang, &q, &a, Some(DATE));
        assert!(
            !md.contains(&c.t(lang, "report.sla.none_exceeded")),
            "{lang:?}"
        );
        let say = c.render(
            lang,
            &Text::new("report.sla.not_compared").plain("systems", "Shop"),
        );
        assert!(md.contains(&say), "{lang:?}: {say}");
    }
    if let Some(s) = p.system_mut(id) {
        set(
            &mut s.answers,
            "sys.need_availability",
            Answer::Number(99.9),
        );
        set(&mut s.answers, "sys.need_rto_min", Answer::Number(60.0));
    }
    let pid = p.add_provider("Cloud").expect("provider");
    if let Some(pr) = p.provider_mut(pid) {
        set(&mut pr.answers, "prov.sla", Answer::Number(99.95));
        set(&mut pr.answers, "prov.rto_min", Answer::Number(30.0));
    }
    let (q, a) = analysed(p);
    let md = export::markdown(c, Lang::En, &q, &a, Some(DATE));
    assert!(md.contains(&c.t(Lang::En, "report.sla.none_exceeded")));
}
