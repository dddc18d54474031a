//! The machine-readable export (`--format ron|json`): the profile as saved, the analysis as the
//! engine computed it (texts as locale keys with arguments), and next to them the same texts
//! rendered in the export language, so a tool can use either.

use super::ctx::DocCx;
use crate::content::Content;
use crate::engine::{Analysis, Reason};
use crate::model::{Lang, Profile, StepId, SystemId};
use anyhow::Context as _;
use serde::Serialize;

/// Bumped when the shape of [`DataExport`] changes incompatibly.
pub const EXPORT_SCHEMA: u32 = 2;

#[derive(Debug, Serialize)]
pub struct DataExport<'a> {
    pub schema: u32,
    /// `zh-CN` or `en`: the language of [`DataExport::rendered`].
    pub lang: Lang,
    pub generated_on: Option<&'a str>,
    pub enterprise: &'a str,
    pub profile: &'a Profile,
    pub analysis: &'a Analysis,
    /// The plan's parts for providers and reviewers (summary, inventory annex, sizing with
    /// totals, decision record, SLA term sheet, runbooks): ids and numbers, no language.
    pub parts: super::parts::PlanParts,
    pub rendered: Rendered,
}

/// A reason rendered: its text and its clause citation.
#[derive(Debug, Serialize)]
pub struct RenderedReason {
    pub text: String,
    pub clause: String,
}

#[derive(Debug, Serialize)]
pub struct RenderedDeployment {
    pub recommended: String,
    pub chosen: String,
    pub reasons: Vec<RenderedReason>,
}

#[derive(Debug, Serialize)]
pub struct RenderedSystem {
    pub id: SystemId,
    pub name: String,
    pub verdict: String,
    pub suggested_strategy: String,
    pub strategy: String,
    pub priority_reasons: Vec<RenderedReason>,
    pub verdict_reasons: Vec<RenderedReason>,
    pub strategy_reasons: Vec<RenderedReason>,
    pub risks: Vec<RenderedReason>,
    pub sla_gaps: Vec<RenderedReason>,
    pub services: Vec<String>,
    /// Suggested services not selected, where that matters.
    pub gaps: Vec<RenderedReason>,
}

#[derive(Debug, Serialize)]
pub struct RenderedLoss {
    pub item: String,
    pub text: String,
    pub points: f64,
    pub clause: String,
}

/// A critical gap that caps the star level, rendered.
#[derive(Debug, Serialize)]
pub struct RenderedCap {
    pub item: String,
    pub text: String,
    pub clause: String,
    pub max_stars: u8,
    pub systems: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RenderedStep {
    pub step: StepId,
    pub title: String,
    pub score: f64,
    pub lost: Vec<RenderedLoss>,
    /// The items that do not apply to the plan, as their labels.
    pub not_applicable: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RenderedCheck {
    pub id: String,
    pub step: StepId,
    pub text: String,
    pub clause: String,
    pub ticked: bool,
}

/// Labels of ids used in the analysis (services, criteria, angles, effects, metrics).
#[derive(Debug, Serialize)]
pub struct Label {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Rendered {
    pub deployment: RenderedDeployment,
    pub systems: Vec<RenderedSystem>,
    pub services: Vec<Label>,
    pub criteria: Vec<Label>,
    pub angles: Vec<Label>,
    pub effects: Vec<Label>,
    pub metrics: Vec<Label>,
    pub steps: Vec<RenderedStep>,
    /// "★★★☆☆".
    pub stars: String,
    pub caps: Vec<RenderedCap>,
    /// The chosen provider's name, if any.
    pub chosen_provider: Option<String>,
    pub checklist: Vec<RenderedCheck>,
}

impl<'a> DataExport<'a> {
    pub fn new(
        content: &Content,
        lang: Lang,
        profile: &'a Profile,
        analysis: &'a Analysis,
        generated_on: Option<&'a str>,
    ) -> DataExport<'a> {
        let cx = DocCx::new(content, lang, profile, analysis);
        DataExport {
            schema: EXPORT_SCHEMA,
            lang,
            generated_on,
            enterprise: profile.enterprise_name(),
            profile,
            analysis,
            parts: super::parts::build(content, profile, analysis),
            rendered: rendered(&cx),
        }
    }
}

fn reasons(cx: &DocCx, rs: &[Reason]) -> Vec<RenderedReason> {
    rs.iter()
        .map(|r| RenderedReason {
            text: cx.render(&r.text),
            clause: cx.cites(&[r.clause.as_ref()]),
        })
        .collect()
}

fn labels<'x>(cx: &DocCx, prefix: &str, ids: impl Iterator<Item = &'x str>) -> Vec<Label> {
    let mut seen = std::collections::BTreeSet::new();
    ids.filter(|id| seen.insert(id.to_string()))
        .map(|id| Label {
            id: id.to_owned(),
            text: cx.t(&format!("{prefix}.{id}")),
        })
        .collect()
}

fn rendered(cx: &DocCx) -> Rendered {
    let a = cx.a;
    let sc = &a.scorecard;
    Rendered {
        deployment: RenderedDeployment {
            recommended: cx.opt("deployment", a.deployment.recommended.option()),
            chosen: cx.opt("deployment", a.deployment.chosen.option()),
            reasons: reasons(cx, &a.deployment.reasons),
        },
        systems: a
            .systems
            .iter()
            .map(|s| RenderedSystem {
                id: s.id,
                name: s.name.clone(),
                verdict: cx.t(s.verdict.key()),
                suggested_strategy: cx.opt("strategy", &s.suggested_strategy),
                strategy: cx.opt("strategy", &s.strategy),
                priority_reasons: reasons(cx, &s.priority_reasons),
                verdict_reasons: reasons(cx, &s.verdict_reasons),
                strategy_reasons: reasons(cx, &s.strategy_reasons),
                risks: reasons(cx, &s.risks),
                sla_gaps: reasons(cx, &s.sla_gaps),
                services: s.services.iter().map(|id| cx.service(id)).collect(),
                gaps: s
                    .gaps
                    .iter()
                    .map(|g| RenderedReason {
                        text: cx.render(&g.reason.text),
                        clause: cx.cites(&[g.reason.clause.as_ref()]),
                    })
                    .collect(),
            })
            .collect(),
        services: labels(cx, "svc", a.services.iter().map(|s| s.id.as_str())),
        criteria: labels(
            cx,
            "crit",
            a.providers
                .iter()
                .flat_map(|p| p.breakdown.iter().map(|c| c.id.as_str())),
        ),
        angles: labels(cx, "angle", sc.angles.iter().map(|x| x.id.as_str())),
        effects: labels(
            cx,
            "effect",
            sc.effects.dimensions.iter().map(|d| d.id.as_str()),
        ),
        metrics: labels(
            cx,
            "metric",
            sc.effects
                .dimensions
                .iter()
                .flat_map(|d| d.metrics.iter().map(|m| m.id.as_str())),
        ),
        steps: sc
            .steps
            .iter()
            .map(|s| RenderedStep {
                step: s.step,
                title: cx.step_title(s.step.number()),
                score: s.score,
                lost: s
                    .lost
                    .iter()
                    .map(|l| RenderedLoss {
                        item: l.item.clone(),
                        text: super::scorecard::loss_text(cx, l),
                        points: l.points,
                        clause: cx.cites(&[l.clause.as_ref()]),
                    })
                    .collect(),
                not_applicable: s
                    .not_applicable
                    .iter()
                    .map(|i| cx.t(&format!("score.{i}")))
                    .collect(),
            })
            .collect(),
        stars: cx.stars(sc.stars),
        caps: sc
            .caps
            .iter()
            .map(|c| RenderedCap {
                item: c.item.clone(),
                text: cx.t(&format!("cap.{}", c.item)),
                clause: cx.cites(&[c.clause.as_str()]),
                max_stars: c.max_stars,
                systems: c
                    .systems
                    .iter()
                    .filter_map(|id| a.system(*id))
                    .map(|s| s.name.clone())
                    .collect(),
            })
            .collect(),
        chosen_provider: a
            .chosen_provider
            .and_then(|id| cx.p.provider(id))
            .map(|p| p.name.clone()),
        checklist: a
            .checklist
            .iter()
            .map(|i| RenderedCheck {
                id: i.id.clone(),
                step: i.step,
                text: cx.render(&i.text),
                clause: cx.cites(&[i.clause.as_ref()]),
                ticked: i.ticked,
            })
            .collect(),
    }
}

/// Pretty RON.
pub fn to_ron(export: &DataExport) -> anyhow::Result<String> {
    let config = ron::ser::PrettyConfig::default().struct_names(false);
    let mut s =
        ron::ser::to_string_pretty(export, config).context("cannot write the export as RON")?;
    s.push('\n');
    Ok(s)
}

/// Pretty JSON.
pub fn to_json(export: &DataExport) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(export).context("cannot write the export as JSON")?;
    s.push('\n');
    Ok(s)
}
