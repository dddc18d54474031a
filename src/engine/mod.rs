//! Pure functions from a profile to its plan, scorecard and checklist. No I/O, no terminal.
//!
//! [`analyse`] runs the rule families of `assets/rules.ron`, `catalogue.ron` and
//! `checklist.ron` over the answers in a fixed order, each stage adding [`facts`] that later
//! stages may test:
//!
//! 1. base facts ([`facts`]) for the enterprise and each system;
//! 2. per system ([`systems`]): §三 priority and §十二 verdict (base facts only), then the §十四
//!    strategy (suggested, or the user's override);
//! 3. [`waves`] from the dependencies of migrating systems (iterative Tarjan), easy first within
//!    the capacity, with the pilot and pins; their dates and reasons ([`schedule`]);
//! 4. the §五/六 [`deployment`] model over the migrating systems;
//! 5. §七–九 [`services`], §十二/十三 risks, §十七 SLA gaps, provider ranking ([`providers`]);
//! 6. the [`scorecard`] (readiness per step, five angles, §十八 effects, stars) and the
//!    [`checklist`].
//!
//! Every figure carries its reasons as [`crate::content::Text`] plus the clause that backs it.
//! [`validate`] checks typed input and stored answers; [`lint`] checks that the rule files only
//! reference questions, options and facts that exist.

mod analysis;
pub mod blackout;
pub mod checklist;
pub(crate) mod compiled;
pub mod cond;
pub mod deployment;
pub mod facts;
pub mod lint;
pub mod providers;
pub mod schedule;
pub mod scorecard;
pub mod services;
pub mod systems;
pub mod validate;
pub mod waves;

pub use analysis::*;
pub use validate::{
    Entity, Problem, Statuses, StepStatus, check_answer, completeness, parse_input, problems,
    profile_problems, screen_status, statuses, statuses_with_waves, step_status,
};

use crate::content::{Content, FxMap, FxSet, Name, Per};
use crate::model::{Answer, Profile, ProviderId, SystemId};
use compiled::{Fx, Kind, Rules, Table};
use facts::Facts;
use std::collections::HashSet;
use std::sync::Arc;

/// Which entity an evaluation is about (see [`Env::fx_for`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Once,
    /// Index into `profile.systems`.
    System(usize),
    /// Index into the waves.
    Wave(usize),
    /// Index into `profile.providers`.
    Provider(usize),
}

/// Every entity's answers read into slot tables for the compiled rules ([`compiled`]).
pub(crate) struct Tables<'a> {
    pub ent: Table<'a>,
    /// The systems' tables one after another, `stride` slots each.
    sys: Table<'a>,
    stride: usize,
    /// Per wave (in wave order) and per provider.
    pub waves: Vec<Table<'a>>,
    pub provs: Vec<Table<'a>>,
}

impl<'a> Tables<'a> {
    fn new(rules: &Rules, profile: &'a Profile) -> Tables<'a> {
        let stride = rules.slots(Kind::Sys).len();
        let mut sys = Vec::with_capacity(stride * profile.systems.len());
        for s in &profile.systems {
            compiled::table_into(rules.slots(Kind::Sys), &s.answers, &mut sys);
        }
        Tables {
            ent: compiled::table(rules.slots(Kind::Ent), &profile.answers),
            sys,
            stride,
            waves: Vec::new(),
            provs: profile
                .providers
                .iter()
                .map(|p| compiled::table(rules.slots(Kind::Prov), &p.answers))
                .collect(),
        }
    }

    /// The table of `profile.systems[i]` (empty, i.e. all unanswered, out of range).
    pub fn sys(&self, i: usize) -> &[Option<&'a Answer>] {
        self.sys
            .get(i * self.stride..(i + 1) * self.stride)
            .unwrap_or(&[])
    }
}

/// The profile with every fact derived: what the scoring and checklist rules run over.
pub(crate) struct Env<'a> {
    pub content: &'a Content,
    pub rules: &'a Rules,
    pub profile: &'a Profile,
    pub tables: Tables<'a>,
    pub ent_facts: Facts,
    pub sys_facts: Vec<Facts>,
    pub waves: Vec<Wave>,
    pub wave_facts: Vec<Facts>,
    /// The names of each wave's systems, in wave order (for checklist texts), shared by the
    /// wave's items.
    pub wave_names: Vec<Arc<[Name]>>,
    /// The systems' names as texts show them (a placeholder when blank), indexed like
    /// `profile.systems`, shared by their texts.
    pub names: Vec<Name>,
    pub prov_facts: Vec<Facts>,
    /// The recommended deployment model (an argument of enterprise-wide checklist texts).
    pub recommended: Deployment,
}

impl<'a> Env<'a> {
    /// The context for one target; `None` for an index out of range.
    pub fn fx_for(&self, target: Target) -> Option<Fx<'_>> {
        let base = Fx::once(&self.tables.ent, &self.ent_facts);
        Some(match target {
            Target::Once => base,
            Target::System(i) => base.with_system(
                self.profile.systems.get(i)?,
                self.tables.sys(i),
                self.sys_facts.get(i)?,
            ),
            Target::Wave(i) => base.with_wave(self.tables.waves.get(i)?, self.wave_facts.get(i)?),
            Target::Provider(i) => base.with_provider(
                self.profile.providers.get(i)?,
                self.tables.provs.get(i)?,
                self.prov_facts.get(i)?,
            ),
        })
    }

    /// The context for one target as [`cond::eval`] reads it (the reference the compiled
    /// rules are tested against).
    #[cfg(test)]
    pub fn ctx_for(&self, target: Target) -> Option<cond::Subject<'_>> {
        let base = cond::Subject::once(&self.profile.answers, &self.ent_facts);
        Some(match target {
            Target::Once => base,
            Target::System(i) => {
                base.with_system(self.profile.systems.get(i)?, self.sys_facts.get(i)?)
            }
            Target::Wave(i) => {
                let w = self.waves.get(i)?;
                base.with_wave(
                    w.number,
                    waves::answers(self.profile, w),
                    self.wave_facts.get(i)?,
                )
            }
            Target::Provider(i) => {
                base.with_provider(self.profile.providers.get(i)?, self.prov_facts.get(i)?)
            }
        })
    }

    /// The targets a rule with `per` runs over, in order.
    pub fn targets(&self, per: Per) -> impl Iterator<Item = Target> + use<> {
        let n = match per {
            Per::Once => 1,
            Per::System => self.profile.systems.len(),
            Per::Wave => self.waves.len(),
            Per::Provider => self.profile.providers.len(),
        };
        (0..n).map(move |i| match per {
            Per::Once => Target::Once,
            Per::System => Target::System(i),
            Per::Wave => Target::Wave(i),
            Per::Provider => Target::Provider(i),
        })
    }

    pub fn system_id(&self, i: usize) -> Option<SystemId> {
        self.profile.systems.get(i).map(|s| s.id)
    }

    pub fn provider_id(&self, i: usize) -> Option<ProviderId> {
        self.profile.providers.get(i).map(|p| p.id)
    }
}

/// Stages 1–3: facts, per-system assessment, waves. Shared by [`analyse`] and validation (which
/// needs the waves to know which wave questions are in scope).
pub(crate) struct Early<'a> {
    pub tables: Tables<'a>,
    pub ent_facts: Facts,
    pub sys_facts: Vec<Facts>,
    pub assessed: Vec<systems::Early>,
    pub plan: waves::WavePlan,
    pub capacity: schedule::Capacity,
    /// The systems' names as texts show them (a placeholder when blank), shared by their
    /// reasons (empty without reasons).
    pub labels: Vec<Name>,
    /// The provider ranking, best first, and the chosen provider (an index into
    /// `profile.providers`), whose SLA the systems' needs are compared with.
    pub providers: Vec<ProviderRank>,
    pub chosen: Option<usize>,
}

/// Stages 1–3. With `reasons` false only what the waves need is worked out: no priorities and
/// no reasons (see [`systems::assess`]).
pub(crate) fn early<'a>(content: &Content, profile: &'a Profile, reasons: bool) -> Early<'a> {
    let rules = Rules::of(content);
    let tables = Tables::new(rules, profile);
    let known: FxSet<SystemId> = profile.systems.iter().map(|s| s.id).collect();
    let mut ent_facts = facts::enterprise_base(content, profile, &known);
    let providers = providers::rank(content, profile);
    let chosen = providers::chosen_index(profile, &providers);
    ent_facts.set(
        facts::CHOSEN_SLA_KNOWN,
        chosen
            .and_then(|i| profile.providers.get(i))
            .is_some_and(|p| {
                p.answers.number(&content.rules.sla.availability).is_some()
                    && p.answers.number(&content.rules.sla.rto).is_some()
            }),
    );
    let base_cx = systems::BaseCtx::new(content, rules, profile, &known, chosen);
    let mut sys_facts: Vec<Facts> = profile
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| systems::base_facts(&base_cx, s, tables.sys(i)))
        .collect();
    let base = Fx::once(&tables.ent, &ent_facts);
    let names: Vec<Arc<str>> = if reasons {
        profile
            .systems
            .iter()
            .map(|s| Arc::from(s.name.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    let labels: Vec<Name> = if reasons {
        profile
            .systems
            .iter()
            .map(|s| Name::system(&s.name, s.id))
            .collect()
    } else {
        Vec::new()
    };
    let unnamed = Name::Given(Arc::from(""));
    let assessed: Vec<systems::Early> = profile
        .systems
        .iter()
        .zip(sys_facts.iter_mut())
        .enumerate()
        .map(|(i, (s, f))| {
            let name = labels.get(i).unwrap_or(&unnamed);
            systems::assess(content, rules, base, s, name, tables.sys(i), f, reasons)
        })
        .collect();
    let migrating: Vec<bool> = sys_facts.iter().map(|f| f.has(facts::MIGRATING)).collect();
    let difficulty: Vec<Difficulty> = assessed.iter().map(|a| a.difficulty).collect();
    let priority: Vec<f64> = assessed.iter().map(|a| a.priority).collect();
    let pins = schedule::pins(profile);
    let capacity = schedule::capacity(content, profile);
    let mut plan = waves::schedule(
        profile,
        &waves::Inputs {
            migrating: &migrating,
            difficulty: &difficulty,
            priority: &priority,
            pins: &pins,
            capacity: capacity.per_wave,
            pilot_max: capacity.pilot,
        },
    );
    schedule::fill(content, profile, &mut plan, &difficulty, &names);
    Early {
        tables,
        ent_facts,
        sys_facts,
        assessed,
        plan,
        capacity,
        labels,
        providers,
        chosen,
    }
}

/// The waves of `profile` (what step 6 asks about), without the reasons' texts.
pub fn waves_of(content: &Content, profile: &Profile) -> Vec<Wave> {
    early(content, profile, false).plan.waves
}

/// Stages 1–5 with what they produce beside the [`Env`], which the rest of [`analyse`] uses.
struct Built<'a> {
    env: Env<'a>,
    deployment: DeploymentResult,
    providers: Vec<ProviderRank>,
    services: Vec<ServiceSuggestion>,
    per_system: Vec<Vec<String>>,
    gaps: Vec<Vec<ServiceGap>>,
    assessed: Vec<systems::Early>,
    wave_of: Vec<Option<u32>>,
    chosen: Option<usize>,
    earliest: Vec<Option<u32>>,
    capacity: schedule::Capacity,
}

/// Everything the engine derives from `profile`, with the reasons for each figure.
pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
    let Built {
        env,
        deployment,
        providers,
        services,
        per_system,
        gaps,
        assessed,
        wave_of,
        chosen,
        earliest,
        capacity,
    } = build(content, profile);
    let mut gaps = gaps.into_iter();
    let systems: Vec<SystemResult> = assessed
        .into_iter()
        .zip(per_system)
        .enumerate()
        .filter_map(|(i, (early, services))| {
            let gaps = gaps.next().unwrap_or_default();
            let sys = profile.systems.get(i)?;
            let name = env.names.get(i)?;
            let fx = env.fx_for(Target::System(i))?;
            let wave = wave_of.get(i).copied().flatten();
            let mut r = systems::finish(
                content, profile, &fx, sys, name, early, wave, services, gaps, chosen,
            );
            r.earliest_wave = earliest.get(i).copied().flatten();
            Some(r)
        })
        .collect();

    // Stage 6: scorecard and checklist.
    let wave_refs: Vec<waves::WaveRef> = env.waves.iter().map(waves::WaveRef::of).collect();
    let completeness = validate::completeness(content, profile, &wave_refs);
    let scorecard = scorecard::score(&env, completeness);
    let checklist = checklist::build(&env);
    let provider_choice = providers::choose(profile, &providers);
    Analysis {
        deployment,
        systems,
        waves: env.waves,
        capacity,
        services,
        chosen_provider: provider_choice.as_ref().map(|c| c.id),
        provider_choice,
        providers,
        scorecard,
        checklist,
    }
}

fn build<'a>(content: &'a Content, profile: &'a Profile) -> Built<'a> {
    let rules = Rules::of(content);
    let Early {
        mut tables,
        mut ent_facts,
        mut sys_facts,
        assessed,
        plan,
        capacity,
        labels: names,
        providers,
        chosen,
    } = early(content, profile, true);

    // Stage 4: plan facts.
    for (i, f) in sys_facts.iter_mut().enumerate() {
        f.set(
            facts::IN_CYCLE,
            plan.in_cycle.get(i).copied().unwrap_or(false),
        );
        f.set(
            facts::DEPENDS_ON_KEPT,
            plan.depends_on_kept.get(i).copied().unwrap_or(false),
        );
    }
    // The other direction: a kept system depends on a migrating one (§十三 coordination).
    let kept: Vec<bool> = sys_facts.iter().map(|f| !f.has(facts::MIGRATING)).collect();
    let needed: FxSet<SystemId> = profile
        .systems
        .iter()
        .zip(&kept)
        .filter(|(_, k)| **k)
        .flat_map(|(s, _)| s.depends_on.iter().copied().filter(move |d| *d != s.id))
        .collect();
    for (s, f) in profile.systems.iter().zip(sys_facts.iter_mut()) {
        let needed_by_kept = f.has(facts::MIGRATING) && needed.contains(&s.id);
        f.set(facts::NEEDED_BY_KEPT, needed_by_kept);
    }
    let deployment = deployment::decide(content, profile, &tables, &ent_facts, &sys_facts);
    let split: HashSet<SystemId> = deployment.split.iter().copied().collect();
    for (s, f) in profile.systems.iter().zip(sys_facts.iter_mut()) {
        f.set(facts::SPLIT, split.contains(&s.id));
    }
    facts::enterprise_plan(
        &mut ent_facts,
        &tables,
        rules.sys_slots.strategy,
        &sys_facts,
        &assessed,
        &deployment,
    );
    // The schedule's clashes, for the checklist (the "in the past" check needs today: not here).
    let clashes = schedule::date_problems(profile, &plan.waves, None);
    let clash = |w: &Wave, keys: &[&str]| {
        clashes.iter().any(|p| {
            p.entity == Entity::Wave(waves::WaveRef::of(w)) && keys.contains(&p.text.key.as_ref())
        })
    };
    // §十六: the cut-over follows the waves, not before the last one ends (one comparison for
    // the date check, the checklist and the scorecard)
    let cutover = schedule::Cutover::of(profile, &plan.waves);
    ent_facts.set(facts::CUTOVER_BEFORE_WAVES, cutover.early());
    ent_facts.set(facts::WAVES_DATED, cutover.all_dated);
    ent_facts.set(facts::CUTOVER_AFTER_WAVES, cutover.after_waves());
    let wave_facts: Vec<Facts> = plan
        .waves
        .iter()
        .map(|w| {
            let mut f = Facts::new();
            f.set(facts::WAVE_CYCLIC, w.cyclic);
            f.set(facts::WAVE_FIRST, w.number == 1);
            f.set(facts::WAVE_OUT_OF_ORDER, clash(w, &schedule::ORDER_KEYS));
            f.set(facts::WAVE_BLACKOUT, clash(w, &schedule::BLACKOUT_KEYS));
            f
        })
        .collect();
    tables.waves = plan
        .waves
        .iter()
        .map(|w| match waves::answers(profile, w) {
            Some(a) => compiled::table(rules.slots(Kind::Wave), a),
            None => Vec::new(),
        })
        .collect();
    let prov_facts: Vec<Facts> = profile
        .providers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut f = Facts::new();
            f.set(
                facts::PROV_TOP,
                providers.iter().any(|r| r.id == p.id && r.rank == 1),
            );
            f.set(facts::PROV_CHOSEN, chosen == Some(i));
            f
        })
        .collect();

    // Stage 5: services, then the per-system results.
    let (services, per_system, needs) =
        services::suggest(content, rules, &tables, profile, &ent_facts, &sys_facts);
    let gaps = services::gaps(content, profile, &needs, &names);
    for (f, g) in sys_facts.iter_mut().zip(&gaps) {
        f.set(facts::SERVICE_GAP, !g.is_empty());
    }
    let by_id: FxMap<SystemId, &Name> = profile
        .systems
        .iter()
        .zip(&names)
        .map(|(s, n)| (s.id, n))
        .collect();
    let wave_names = plan
        .waves
        .iter()
        .map(|w| {
            w.systems
                .iter()
                .filter_map(|id| by_id.get(id))
                .map(|n| (*n).clone())
                .collect()
        })
        .collect();
    let env = Env {
        content,
        rules,
        profile,
        tables,
        ent_facts,
        sys_facts,
        waves: plan.waves,
        wave_facts,
        wave_names,
        names,
        prov_facts,
        recommended: deployment.recommended,
    };
    Built {
        env,
        deployment,
        providers,
        services,
        per_system,
        gaps,
        assessed,
        wave_of: plan.wave_of,
        chosen,
        earliest: plan.earliest,
        capacity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Cond, DEMO_RON, parse_ron};
    use crate::model::StepId;
    use crate::model::synthetic::synthetic_profile;
    use compiled::C;

    /// The demo with answers a hand edit may leave: blank texts, empty choices, NaN numbers,
    /// ratings out of range, answers of the wrong kind, blank names.
    fn odd(demo: &Profile) -> Profile {
        let mut p = demo.clone();
        let odd = [
            Answer::Text("  ".into()),
            Answer::Choices(vec![]),
            Answer::Number(f64::NAN),
            Answer::Rating(9),
            Answer::Choice("nonsense".into()),
            Answer::YesNo(true),
        ];
        let ids: Vec<String> = Content::get().questions().map(|q| q.id.clone()).collect();
        for (k, id) in ids.iter().enumerate() {
            let a = odd.get(k % odd.len()).cloned();
            if id.starts_with("sys.") {
                for (i, s) in p.systems.iter_mut().enumerate() {
                    if (i + k) % 3 == 0 {
                        s.answers.set(id.as_str(), a.clone());
                    }
                }
            } else if id.starts_with("wave.") {
                p.legacy_waves.entry(1).or_default().set(id.as_str(), a);
            } else if id.starts_with("prov.") {
                for pr in &mut p.providers {
                    pr.answers.set(id.as_str(), a.clone());
                }
            } else {
                p.answers.set(id.as_str(), a);
            }
        }
        if let Some(s) = p.systems.first_mut() {
            s.name = " ".into();
        }
        if let Some(pr) = p.providers.first_mut() {
            pr.name = String::new();
        }
        p
    }

    /// The compiled rules mean exactly what `cond::eval` says, for every rule on every entity.
    #[test]
    fn compiled_rules_agree_with_the_reference_evaluation() {
        let content = Content::get();
        let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON).unwrap();
        let rr = &content.rules;
        let (mut held, mut failed) = (0usize, 0usize);
        for p in [
            demo.clone(),
            synthetic_profile(&demo, 150),
            odd(&demo),
            odd(&synthetic_profile(&demo, 60)),
            Profile::default(),
        ] {
            let b = build(content, &p);
            let env = &b.env;
            let r = env.rules;
            let mut pairs: Vec<(&Cond, &C)> = Vec::new();
            pairs.extend(rr.priority.iter().map(|x| &x.when).zip(&r.priority));
            pairs.extend(rr.verdict.not_now.iter().map(|x| &x.when).zip(&r.not_now));
            pairs.extend(
                rr.verdict
                    .transform
                    .iter()
                    .map(|x| &x.when)
                    .zip(&r.transform),
            );
            pairs.extend(rr.verdict.go.iter().map(|x| &x.when).zip(&r.go));
            pairs.extend(rr.strategy.iter().map(|x| &x.when).zip(&r.strategy));
            pairs.extend(rr.risks.iter().map(|x| &x.when).zip(&r.risks));
            pairs.extend(rr.difficulty.high.iter().map(|x| &x.when).zip(&r.diff_high));
            pairs.extend(
                rr.difficulty
                    .medium
                    .iter()
                    .map(|x| &x.when)
                    .zip(&r.diff_medium),
            );
            for ((_, svc), cs) in content.services().zip(&r.services) {
                assert_eq!(svc.suggest.len(), cs.len());
                pairs.extend(svc.suggest.iter().zip(cs));
            }
            for (step, cs) in StepId::ALL.iter().zip(&r.readiness) {
                let items = rr.readiness.get(&format!("s{}", step.number())).unwrap();
                assert_eq!(items.len(), cs.len());
                for (i, rc) in items.iter().zip(cs) {
                    pairs.extend([(&i.among, &rc.among), (&i.when, &rc.when)]);
                    assert_eq!(i.parts.len(), rc.parts.len());
                    pairs.extend(i.parts.iter().map(|p| &p.when).zip(&rc.parts));
                    assert_eq!(i.missing.len(), rc.missing.len());
                    pairs.extend(i.missing.iter().map(|p| &p.when).zip(&rc.missing));
                }
            }
            for (rule, (a, w)) in content.checklist.rules.iter().zip(&r.checklist) {
                pairs.extend([(&rule.among, a), (&rule.when, w)]);
            }
            assert_eq!(rr.caps.len(), r.caps.len());
            for (rule, (a, w)) in rr.caps.iter().zip(&r.caps) {
                pairs.extend([(&rule.among, a), (&rule.when, w)]);
            }
            let targets: Vec<Target> = [Per::Once, Per::System, Per::Wave, Per::Provider]
                .into_iter()
                .flat_map(|per| env.targets(per))
                .collect();
            for t in targets {
                let (ctx, fx) = (env.ctx_for(t).unwrap(), env.fx_for(t).unwrap());
                for (cond, c) in &pairs {
                    let want = cond::eval(cond, &ctx);
                    assert_eq!(compiled::eval(c, &fx), want, "{cond:?} on {t:?}");
                    if want {
                        held += 1;
                    } else {
                        failed += 1;
                    }
                }
            }
        }
        assert!(held > 1000 && failed > 1000, "{held} held, {failed} failed");
    }

    /// The waves computed without reasons are the waves of the full analysis.
    #[test]
    fn waves_of_matches_the_analysis() {
        let content = Content::get();
        let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON).unwrap();
        for p in [demo.clone(), synthetic_profile(&demo, 300), odd(&demo)] {
            let mut full = analyse(content, &p).waves;
            assert!(full.iter().all(|w| w.reasons.len() == w.systems.len()));
            for w in &mut full {
                w.reasons.clear();
            }
            assert_eq!(waves_of(content, &p), full);
        }
    }
}
