//! The parts of the plan a provider quotes from and a reviewer checks (issue 10): the summary,
//! the inventory annex, the sizing table with its totals, the provider decision record, the SLA
//! term sheet and a runbook per wave — as data, in no language. The Markdown (`annex`),
//! the wizard's Plan tab (which shows the Markdown's blocks) and the RON/JSON export
//! (`DataExport::parts`) are all made from this one value, so they cannot disagree.
//!
//! Nothing here scores, ranks or orders waves: it reads the answers and the engine's analysis.
//! The two places that will read other helpers' fields when they land are small functions:
//! [`chosen_provider`] (the engine's `analysis.chosen_provider`) and [`difficulty`] (today: none).

use crate::content::Content;
use crate::engine::Analysis;
use crate::model::{Answers, Profile, ProviderId, SystemId};
use serde::Serialize;

/// Every part, built once per export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanParts {
    pub summary: Summary,
    /// One row per system of the inventory, in inventory order.
    pub inventory: Vec<InventoryRow>,
    pub sizing: Sizing,
    pub decision: Decision,
    /// For the chosen provider; `None` when there is no candidate.
    pub sla_terms: Option<SlaTerms>,
    /// One per migration wave, in order.
    pub runbooks: Vec<Runbook>,
}

/// The one-screen summary a manager reads first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub enterprise: String,
    /// The deployment model the plan uses (option of the `deployment` set).
    pub deployment: String,
    pub systems_moving: usize,
    pub systems_staying: usize,
    pub waves: usize,
    /// The earliest and the latest wave start (`YYYY-MM-DD`), whatever the waves' numbers.
    pub first_start: Option<String>,
    pub last_start: Option<String>,
    /// When the last wave to finish ends (`YYYY-MM-DD`): the end of the migration.
    pub last_end: Option<String>,
    /// The planned cut-over (`s7.cutover`).
    pub cutover: Option<String>,
    pub provider: Option<ProviderId>,
    pub provider_name: Option<String>,
    /// The chosen provider's quote (`prov.price`, 万元/年).
    pub annual_cost: Option<f64>,
    /// Readiness 0–100, the star level after the caps and what the total alone would give.
    pub readiness: f64,
    pub stars: u8,
    pub uncapped_stars: u8,
    /// The five most important open items: the critical gaps that cap the stars first, then
    /// the readiness items that lost the most points.
    pub open_items: Vec<OpenItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenItem {
    /// A critical gap (`rules.ron` `caps`, text `cap.<item>`) or a readiness item (text
    /// `score.<item>`).
    pub kind: OpenKind,
    pub item: String,
    /// Stars it caps at (a gap) or readiness points lost (an item).
    pub weight: f64,
    pub clause: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpenKind {
    Cap,
    Loss,
}

/// One system in the inventory annex: the six attributes of §十一, sensitivity and 等保 level,
/// the §十二 interruption and window, and where the plan puts it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InventoryRow {
    pub id: SystemId,
    pub name: String,
    pub business: Option<String>,
    pub users: Vec<String>,
    pub usage: Option<String>,
    pub peak_users: Option<f64>,
    pub response_ms: Option<f64>,
    pub database: Option<String>,
    pub db_version: Option<String>,
    pub depends_on: Vec<SystemId>,
    pub interfaces: Option<String>,
    pub sensitivity: Option<String>,
    pub mlps: Option<String>,
    /// Hours (`sys.f_max_outage`, `sys.f_window`).
    pub max_outage_h: Option<f64>,
    pub window_h: Option<f64>,
    pub difficulty: Option<String>,
    pub strategy: String,
    pub wave: Option<u32>,
}

/// What a system runs on today (§十二): the bill of quantities, per system.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Quantities {
    pub servers: Option<f64>,
    pub vcpu: Option<f64>,
    pub memory_gb: Option<f64>,
    pub storage_gb: Option<f64>,
    pub data_gb: Option<f64>,
    pub bandwidth_mbps: Option<f64>,
}

impl Quantities {
    pub const QUESTIONS: [&'static str; 6] = [
        "sys.servers",
        "sys.vcpu",
        "sys.memory_gb",
        "sys.storage_gb",
        "sys.data_gb",
        "sys.bandwidth_mbps",
    ];

    fn of(a: &Answers) -> Quantities {
        let n = |q| a.number(q);
        Quantities {
            servers: n("sys.servers"),
            vcpu: n("sys.vcpu"),
            memory_gb: n("sys.memory_gb"),
            storage_gb: n("sys.storage_gb"),
            data_gb: n("sys.data_gb"),
            bandwidth_mbps: n("sys.bandwidth_mbps"),
        }
    }

    /// The six values in the order of [`Quantities::QUESTIONS`].
    pub fn values(&self) -> [Option<f64>; 6] {
        [
            self.servers,
            self.vcpu,
            self.memory_gb,
            self.storage_gb,
            self.data_gb,
            self.bandwidth_mbps,
        ]
    }

    /// Adds `o` in: a sum counts what is given; a column nobody answered stays `None`.
    fn add(&mut self, o: &Quantities) {
        fn plus(a: &mut Option<f64>, b: Option<f64>) {
            if let Some(b) = b {
                *a = Some(a.unwrap_or(0.0) + b);
            }
        }
        plus(&mut self.servers, o.servers);
        plus(&mut self.vcpu, o.vcpu);
        plus(&mut self.memory_gb, o.memory_gb);
        plus(&mut self.storage_gb, o.storage_gb);
        plus(&mut self.data_gb, o.data_gb);
        plus(&mut self.bandwidth_mbps, o.bandwidth_mbps);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SizingRow {
    pub id: SystemId,
    pub name: String,
    /// `None`: stays where it is (§十四 保持现状).
    pub wave: Option<u32>,
    pub quantities: Quantities,
    /// How many of the six figures are missing.
    pub missing: usize,
    /// Replaced by a SaaS service (§十四 repurchase): no servers to host, so kept out of the
    /// hosted totals (`per_wave`, `moving`) and summed in `saas`.
    pub saas: bool,
}

/// How many systems a total covers, and how many of them lack some figure (so the total is low).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Count {
    pub systems: usize,
    pub incomplete: usize,
}

impl Count {
    fn add(&mut self, r: &SizingRow) {
        self.systems += 1;
        if r.missing > 0 {
            self.incomplete += 1;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveTotal {
    pub wave: u32,
    pub quantities: Quantities,
    /// The wave's hosted systems (those replaced by SaaS are not counted).
    pub count: Count,
}

/// The sizing table: hosted rows by wave, then the systems replaced by SaaS, then those that
/// stay; totals per wave, the total of what moves to hosted servers, of what SaaS replaces, of
/// what stays and of everything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sizing {
    pub rows: Vec<SizingRow>,
    pub per_wave: Vec<WaveTotal>,
    /// Everything that moves to hosted servers (the sum of the wave totals): what providers
    /// quote against.
    pub moving: Quantities,
    pub moving_count: Count,
    /// The moving systems replaced by a SaaS service: no servers to host.
    pub saas: Quantities,
    pub saas_count: Count,
    /// The systems that stay.
    pub staying: Quantities,
    pub staying_count: Count,
    /// `moving` + `saas` + `staying`.
    pub all: Quantities,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub id: ProviderId,
    pub name: String,
    pub rank: u32,
    pub score: f64,
    pub price: Option<f64>,
    pub sla: Option<f64>,
    /// The 1–5 ratings on the five angles of §二, in the order of `rules.ron` `angles`.
    pub ratings: Vec<Option<u8>>,
    /// §二十四 云服务能力测评 / 服务可信度评估.
    pub capability: Option<bool>,
    pub trust: Option<bool>,
    /// §十七 exit and data-return terms in the agreement.
    pub exit: Option<bool>,
}

/// A system whose availability need the chosen provider's SLA does not meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaShortfall {
    pub system: SystemId,
    pub need: f64,
    pub offered: Option<f64>,
    /// Candidates whose SLA would meet the need.
    pub closed_by: Vec<ProviderId>,
}

/// The provider decision record (§二, §十, §二十四).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// In ranking order.
    pub candidates: Vec<Candidate>,
    pub chosen: Option<ProviderId>,
    /// True when the user chose; false when the plan takes the top-ranked candidate.
    pub chosen_by_user: bool,
    /// The chosen one does not rank first.
    pub overrides_ranking: bool,
    /// Why it was chosen (`s3.chosen_reason`).
    pub reason: Option<String>,
    pub shortfalls: Vec<SlaShortfall>,
}

/// One system's line of the SLA term sheet: what it needs against what is offered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaLine {
    pub system: SystemId,
    pub need_availability: Option<f64>,
    pub need_rto_min: Option<f64>,
    /// `Some(false)` when the offer falls short of the need, `None` when either is missing.
    pub availability_met: Option<bool>,
    pub rto_met: Option<bool>,
}

/// The SLA term sheet for the chosen provider (§十七).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlaTerms {
    pub provider: ProviderId,
    pub provider_name: String,
    /// What the provider commits to (`prov.sla`, `prov.response_min`, `prov.rpo_min`,
    /// `prov.rto_min`) …
    pub availability: Option<f64>,
    pub response_min: Option<f64>,
    pub rpo_min: Option<f64>,
    pub rto_min: Option<f64>,
    /// … and the strictest need among the moving systems (highest availability, shortest RTO).
    pub strictest_availability: Option<f64>,
    pub strictest_rto_min: Option<f64>,
    /// Per system that moves.
    pub systems: Vec<SlaLine>,
    pub compensation: Option<String>,
    pub exit: Option<bool>,
    pub exit_terms: Option<String>,
}

/// The runbook of one wave (§十二, §十五, §十六).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Runbook {
    pub wave: u32,
    pub systems: Vec<SystemId>,
    pub start: Option<String>,
    /// The wave's end: its start plus its duration (the engine's schedule, §十五).
    pub end: Option<String>,
    /// Options of `pretest`.
    pub tests: Vec<String>,
    pub go_criteria: Option<String>,
    pub parallel_days: Option<f64>,
    pub rollback_trigger: Option<String>,
    pub rollback_hours: Option<f64>,
    /// Options of `postcheck` (`s7.checks`, the same for every wave).
    pub checks: Vec<String>,
    pub owner: Option<String>,
}

/// The provider the plan goes with (§十 "选择确定": the one marked in step 3, else the
/// top-ranked). The flag says whether the enterprise marked it itself.
pub fn chosen_provider(a: &Analysis) -> Option<(ProviderId, bool)> {
    a.provider_choice.as_ref().map(|c| (c.id, !c.by_default))
}

/// A migrating system's difficulty (`low` / `medium` / `high`); none for a system that stays.
pub fn difficulty(a: &Analysis, id: SystemId) -> Option<String> {
    let s = a.system(id)?;
    s.wave.is_some().then(|| s.difficulty.id().to_owned())
}

fn text(a: &Answers, q: &str) -> Option<String> {
    a.text(q).map(|t| t.trim().to_owned())
}

fn yes_no(a: &Answers, q: &str) -> Option<bool> {
    match a.get(q)? {
        crate::model::Answer::YesNo(b) => Some(*b),
        _ => None,
    }
}

pub fn build(c: &Content, p: &Profile, a: &Analysis) -> PlanParts {
    let inventory = inventory(p, a);
    let sizing = sizing(p, a);
    let decision = decision(c, p, a);
    let sla_terms = sla_terms(p, a, decision.chosen);
    let runbooks = runbooks(p, a);
    let summary = summary(p, a, &decision);
    PlanParts {
        summary,
        inventory,
        sizing,
        decision,
        sla_terms,
        runbooks,
    }
}

fn inventory(p: &Profile, a: &Analysis) -> Vec<InventoryRow> {
    p.systems
        .iter()
        .map(|s| {
            let r = a.system(s.id);
            let x = &s.answers;
            InventoryRow {
                id: s.id,
                name: s.name.trim().to_owned(),
                business: x.choice("sys.business").map(str::to_owned),
                users: x.choices("sys.users").to_vec(),
                usage: x.choice("sys.usage").map(str::to_owned),
                peak_users: x.number("sys.peak_users"),
                response_ms: x.number("sys.response_ms"),
                database: x.choice("sys.database").map(str::to_owned),
                db_version: text(x, "sys.db_version"),
                depends_on: s.depends_on.clone(),
                interfaces: text(x, "sys.interfaces"),
                sensitivity: x.choice("sys.sensitivity").map(str::to_owned),
                mlps: x.choice("sys.mlps").map(str::to_owned),
                max_outage_h: x.number("sys.f_max_outage"),
                window_h: x.number("sys.f_window"),
                difficulty: difficulty(a, s.id),
                strategy: r.map(|r| r.strategy.clone()).unwrap_or_default(),
                wave: r.and_then(|r| r.wave),
            }
        })
        .collect()
}

fn sizing(p: &Profile, a: &Analysis) -> Sizing {
    let row = |id: SystemId| {
        let s = p.system(id)?;
        let r = a.system(id);
        let quantities = Quantities::of(&s.answers);
        Some(SizingRow {
            id,
            name: s.name.trim().to_owned(),
            wave: r.and_then(|r| r.wave),
            missing: quantities.values().iter().filter(|v| v.is_none()).count(),
            saas: r.is_some_and(|r| r.wave.is_some() && r.strategy == "repurchase"),
            quantities,
        })
    };
    let mut rows = Vec::with_capacity(p.systems.len());
    let mut saas_rows = Vec::new();
    let mut per_wave = Vec::with_capacity(a.waves.len());
    let (mut moving, mut moving_count) = (Quantities::default(), Count::default());
    let (mut saas, mut saas_count) = (Quantities::default(), Count::default());
    for w in &a.waves {
        let (mut total, mut count) = (Quantities::default(), Count::default());
        for r in w.systems.iter().filter_map(|id| row(*id)) {
            if r.saas {
                saas.add(&r.quantities);
                saas_count.add(&r);
                saas_rows.push(r);
            } else {
                total.add(&r.quantities);
                count.add(&r);
                rows.push(r);
            }
        }
        moving.add(&total);
        moving_count.systems += count.systems;
        moving_count.incomplete += count.incomplete;
        per_wave.push(WaveTotal {
            wave: w.number,
            quantities: total,
            count,
        });
    }
    rows.append(&mut saas_rows);
    let (mut staying, mut staying_count) = (Quantities::default(), Count::default());
    for r in a
        .systems
        .iter()
        .filter(|s| s.wave.is_none())
        .filter_map(|s| row(s.id))
    {
        staying.add(&r.quantities);
        staying_count.add(&r);
        rows.push(r);
    }
    let mut all = moving;
    all.add(&saas);
    all.add(&staying);
    Sizing {
        rows,
        per_wave,
        moving,
        moving_count,
        saas,
        saas_count,
        staying,
        staying_count,
        all,
    }
}

fn decision(c: &Content, p: &Profile, a: &Analysis) -> Decision {
    let candidates: Vec<Candidate> = a
        .providers
        .iter()
        .map(|r| {
            let x = p.provider(r.id).map(|p| &p.answers);
            let n = |q| x.and_then(|x| x.number(q));
            let yn = |q| x.and_then(|x| yes_no(x, q));
            Candidate {
                id: r.id,
                name: r.name.trim().to_owned(),
                rank: r.rank,
                score: r.score,
                price: n("prov.price"),
                sla: n("prov.sla"),
                ratings: c
                    .rules
                    .angles
                    .iter()
                    .map(|g| x.and_then(|x| x.rating(&g.provider_question)))
                    .collect(),
                capability: yn("prov.capability"),
                trust: yn("prov.trust"),
                exit: yn("prov.exit"),
            }
        })
        .collect();
    let chosen = chosen_provider(a);
    let offered = chosen
        .and_then(|(id, _)| candidates.iter().find(|c| c.id == id))
        .and_then(|c| c.sla);
    let shortfalls = match chosen {
        None => Vec::new(),
        Some(_) => a
            .systems
            .iter()
            .filter(|s| s.wave.is_some())
            .filter_map(|s| {
                let need = p.system(s.id)?.answers.number("sys.need_availability")?;
                if offered.is_some_and(|o| o >= need) {
                    return None;
                }
                Some(SlaShortfall {
                    system: s.id,
                    need,
                    offered,
                    closed_by: candidates
                        .iter()
                        .filter(|c| c.sla.is_some_and(|v| v >= need))
                        .map(|c| c.id)
                        .collect(),
                })
            })
            .collect(),
    };
    Decision {
        candidates,
        chosen: chosen.map(|c| c.0),
        chosen_by_user: chosen.is_some_and(|c| c.1),
        overrides_ranking: a
            .provider_choice
            .as_ref()
            .is_some_and(|c| c.overrides_ranking),
        reason: a.provider_choice.as_ref().and_then(|c| c.reason.clone()),
        shortfalls,
    }
}

fn sla_terms(p: &Profile, a: &Analysis, chosen: Option<ProviderId>) -> Option<SlaTerms> {
    let prov = p.provider(chosen?)?;
    let x = &prov.answers;
    let availability = x.number("prov.sla");
    let rto = x.number("prov.rto_min");
    let systems: Vec<SlaLine> = a
        .systems
        .iter()
        .filter(|s| s.wave.is_some())
        .filter_map(|s| {
            let sa = &p.system(s.id)?.answers;
            let need_availability = sa.number("sys.need_availability");
            let need_rto_min = sa.number("sys.need_rto_min");
            Some(SlaLine {
                system: s.id,
                need_availability,
                need_rto_min,
                availability_met: need_availability.zip(availability).map(|(n, o)| o >= n),
                rto_met: need_rto_min.zip(rto).map(|(n, o)| o <= n),
            })
        })
        .collect();
    let strictest = |f: fn(&SlaLine) -> Option<f64>, max: bool| {
        systems
            .iter()
            .filter_map(f)
            .reduce(|x, y| if (y > x) == max { y } else { x })
    };
    Some(SlaTerms {
        provider: prov.id,
        provider_name: prov.name.trim().to_owned(),
        availability,
        response_min: x.number("prov.response_min"),
        rpo_min: x.number("prov.rpo_min"),
        rto_min: rto,
        strictest_availability: strictest(|l| l.need_availability, true),
        strictest_rto_min: strictest(|l| l.need_rto_min, false),
        systems,
        compensation: text(x, "prov.compensation"),
        exit: yes_no(x, "prov.exit"),
        exit_terms: text(x, "prov.exit_terms"),
    })
}

fn runbooks(p: &Profile, a: &Analysis) -> Vec<Runbook> {
    a.waves
        .iter()
        .map(|w| {
            let x = crate::engine::waves::answers(p, w);
            let t = |q| x.and_then(|x| text(x, q));
            let n = |q| x.and_then(|x| x.number(q));
            Runbook {
                wave: w.number,
                systems: w.systems.clone(),
                start: w.start.clone(),
                end: w.end.clone(),
                tests: x
                    .map(|x| x.choices("wave.tests").to_vec())
                    .unwrap_or_default(),
                go_criteria: t("wave.go_criteria"),
                parallel_days: n("wave.parallel_days"),
                rollback_trigger: t("wave.rollback_trigger"),
                rollback_hours: n("wave.rollback_hours"),
                checks: p.answers.choices("s7.checks").to_vec(),
                owner: t("wave.owner"),
            }
        })
        .collect()
}

fn summary(p: &Profile, a: &Analysis, d: &Decision) -> Summary {
    let moving = a.systems.iter().filter(|s| s.wave.is_some()).count();
    // ISO dates: the earliest and latest by comparing the text, whatever order the waves are in
    let starts = a.waves.iter().filter_map(|w| w.start.clone());
    let (first_start, last_start) = (starts.clone().min(), starts.max());
    let last_end = a.waves.iter().filter_map(|w| w.end.clone()).max();
    let chosen = d
        .chosen
        .and_then(|id| d.candidates.iter().find(|c| c.id == id));
    let mut caps: Vec<OpenItem> = a
        .scorecard
        .caps
        .iter()
        .map(|c| OpenItem {
            kind: OpenKind::Cap,
            item: c.item.clone(),
            weight: c.max_stars as f64,
            clause: c.clause.clone(),
        })
        .collect();
    // the lowest cap first
    caps.sort_by(|x, y| x.weight.total_cmp(&y.weight));
    // a readiness item may lose points in several lines (one per reason): added up, once
    let mut losses: Vec<OpenItem> = Vec::new();
    for l in a.scorecard.steps.iter().flat_map(|s| s.lost.iter()) {
        match losses.iter_mut().find(|o| o.item == l.item) {
            Some(o) => o.weight += l.points,
            None => losses.push(OpenItem {
                kind: OpenKind::Loss,
                item: l.item.clone(),
                weight: l.points,
                clause: l.clause.clone(),
            }),
        }
    }
    // a loss that restates a cap listed above is the same gap: named once, as the cap
    losses.retain(|l| {
        !a.scorecard
            .caps
            .iter()
            .any(|c| c.restates.contains(&l.item))
    });
    // the most points first; equal points keep the steps' order
    losses.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    caps.extend(losses);
    caps.truncate(5);
    Summary {
        enterprise: p.enterprise_name().trim().to_owned(),
        deployment: a.deployment.chosen.option().to_owned(),
        systems_moving: moving,
        systems_staying: a.systems.len() - moving,
        waves: a.waves.len(),
        first_start,
        last_start,
        last_end,
        cutover: text(&p.answers, "s7.cutover"),
        provider: chosen.map(|c| c.id),
        provider_name: chosen.map(|c| c.name.clone()),
        annual_cost: chosen.and_then(|c| c.price),
        readiness: a.scorecard.total,
        stars: a.scorecard.stars,
        uncapped_stars: a.scorecard.uncapped_stars,
        open_items: caps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A total adds what is given; a column nobody answered stays unknown rather than 0.
    #[test]
    fn totals_add_the_figures_given_and_keep_unknown_columns_unknown() {
        let mut total = Quantities::default();
        total.add(&Quantities {
            servers: Some(2.0),
            vcpu: Some(8.0),
            ..Quantities::default()
        });
        total.add(&Quantities {
            servers: Some(1.0),
            data_gb: Some(50.0),
            ..Quantities::default()
        });
        assert_eq!(total.servers, Some(3.0));
        assert_eq!(total.vcpu, Some(8.0));
        assert_eq!(total.data_gb, Some(50.0));
        assert_eq!(total.memory_gb, None);
        assert_eq!(total.bandwidth_mbps, None);
    }
}
