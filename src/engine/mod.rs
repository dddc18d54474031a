//! Pure functions from a profile to its plan, scorecard and checklist. No I/O, no terminal.
//!
//! [`analyse`] runs the rule families of `assets/rules.ron`, `catalogue.ron` and
//! `checklist.ron` over the answers in a fixed order, each stage adding [`facts`] that later
//! stages may test:
//!
//! 1. base facts ([`facts`]) for the enterprise and each system;
//! 2. per system ([`systems`]): §三 priority and §十二 verdict (base facts only), then the §十四
//!    strategy (suggested, or the user's override);
//! 3. [`waves`] from the dependencies of migrating systems (iterative Tarjan);
//! 4. the §五/六 [`deployment`] model over the migrating systems;
//! 5. §七–九 [`services`], §十二/十三 risks, §十七 SLA gaps, provider ranking ([`providers`]);
//! 6. the [`scorecard`] (readiness per step, five angles, §十八 effects, stars) and the
//!    [`checklist`].
//!
//! Every figure carries its reasons as [`crate::content::Text`] plus the clause that backs it.
//! [`validate`] checks typed input and stored answers; [`lint`] checks that the rule files only
//! reference questions, options and facts that exist.

mod analysis;
pub mod checklist;
pub mod cond;
pub mod deployment;
pub mod facts;
pub mod lint;
pub mod providers;
pub mod scorecard;
pub mod services;
pub mod systems;
pub mod validate;
pub mod waves;

pub use analysis::*;
pub use validate::{
    Entity, Problem, Statuses, StepStatus, check_answer, parse_input, problems, profile_problems,
    screen_status, statuses, step_status,
};

use crate::content::{Content, Per};
use crate::model::{Profile, ProviderId, SystemId};
use cond::Ctx;
use facts::Facts;
use std::collections::{HashMap, HashSet};

/// Which entity an evaluation is about (see [`Env::contexts`]).
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

/// The profile with every fact derived: what the scoring and checklist rules run over.
pub(crate) struct Env<'a> {
    pub content: &'a Content,
    pub profile: &'a Profile,
    pub ent_facts: Facts,
    pub sys_facts: Vec<Facts>,
    pub waves: Vec<Wave>,
    pub wave_facts: Vec<Facts>,
    /// The names of each wave's systems, in wave order (for checklist texts).
    pub wave_names: Vec<Vec<String>>,
    pub prov_facts: Vec<Facts>,
    /// The recommended deployment model (an argument of enterprise-wide checklist texts).
    pub recommended: Deployment,
}

impl<'a> Env<'a> {
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx::once(&self.profile.answers, &self.ent_facts)
    }

    /// The context for one target; `None` for an index out of range.
    pub fn ctx_for(&self, target: Target) -> Option<Ctx<'_>> {
        let base = self.ctx();
        Some(match target {
            Target::Once => base,
            Target::System(i) => {
                base.with_system(self.profile.systems.get(i)?, self.sys_facts.get(i)?)
            }
            Target::Wave(i) => {
                let w = self.waves.get(i)?;
                base.with_wave(
                    w.number,
                    self.profile.waves.get(&w.number),
                    self.wave_facts.get(i)?,
                )
            }
            Target::Provider(i) => {
                base.with_provider(self.profile.providers.get(i)?, self.prov_facts.get(i)?)
            }
        })
    }

    /// The targets a rule with `per` runs over, in order.
    pub fn targets(&self, per: Per) -> Vec<Target> {
        match per {
            Per::Once => vec![Target::Once],
            Per::System => (0..self.profile.systems.len())
                .map(Target::System)
                .collect(),
            Per::Wave => (0..self.waves.len()).map(Target::Wave).collect(),
            Per::Provider => (0..self.profile.providers.len())
                .map(Target::Provider)
                .collect(),
        }
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
pub(crate) struct Early {
    pub ent_facts: Facts,
    pub sys_facts: Vec<Facts>,
    pub assessed: Vec<systems::Early>,
    pub plan: waves::WavePlan,
}

pub(crate) fn early(content: &Content, profile: &Profile) -> Early {
    let known: HashSet<SystemId> = profile.systems.iter().map(|s| s.id).collect();
    let ent_facts = facts::enterprise_base(content, profile, &known);
    let mut sys_facts: Vec<Facts> = profile
        .systems
        .iter()
        .map(|s| systems::base_facts(content, profile, &known, s))
        .collect();
    let assessed: Vec<systems::Early> = profile
        .systems
        .iter()
        .zip(sys_facts.iter_mut())
        .map(|(s, f)| systems::assess(content, profile, &ent_facts, s, f))
        .collect();
    let migrating: Vec<bool> = sys_facts.iter().map(|f| f.has(facts::MIGRATING)).collect();
    let plan = waves::plan(profile, &migrating);
    Early {
        ent_facts,
        sys_facts,
        assessed,
        plan,
    }
}

/// The waves of `profile` (what step 6 asks about).
pub fn waves_of(content: &Content, profile: &Profile) -> Vec<Wave> {
    early(content, profile).plan.waves
}

/// Everything the engine derives from `profile`, with the reasons for each figure.
pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
    let Early {
        mut ent_facts,
        mut sys_facts,
        assessed,
        plan,
    } = early(content, profile);

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
    let deployment = deployment::decide(content, profile, &ent_facts, &sys_facts);
    for (s, f) in profile.systems.iter().zip(sys_facts.iter_mut()) {
        f.set(facts::SPLIT, deployment.split.contains(&s.id));
    }
    facts::enterprise_plan(&mut ent_facts, profile, &sys_facts, &assessed, &deployment);
    let wave_facts: Vec<Facts> = plan
        .waves
        .iter()
        .map(|w| {
            let mut f = Facts::new();
            f.set(facts::WAVE_CYCLIC, w.cyclic);
            f.set(facts::WAVE_FIRST, w.number == 1);
            f
        })
        .collect();
    let providers = providers::rank(content, profile);
    let prov_facts: Vec<Facts> = profile
        .providers
        .iter()
        .map(|p| {
            let mut f = Facts::new();
            f.set(
                facts::PROV_TOP,
                providers.iter().any(|r| r.id == p.id && r.rank == 1),
            );
            f
        })
        .collect();

    // Stage 5: services, then the per-system results.
    let (services, per_system) = services::suggest(content, profile, &ent_facts, &sys_facts);
    let names: HashMap<SystemId, &str> = profile
        .systems
        .iter()
        .map(|s| (s.id, s.name.as_str()))
        .collect();
    let wave_names = plan
        .waves
        .iter()
        .map(|w| {
            w.systems
                .iter()
                .filter_map(|id| names.get(id))
                .map(|n| (*n).to_owned())
                .collect()
        })
        .collect();
    let env = Env {
        content,
        profile,
        ent_facts,
        sys_facts,
        waves: plan.waves,
        wave_facts,
        wave_names,
        prov_facts,
        recommended: deployment.recommended,
    };
    let systems: Vec<SystemResult> = assessed
        .into_iter()
        .zip(per_system)
        .enumerate()
        .filter_map(|(i, (early, services))| {
            let sys = profile.systems.get(i)?;
            let ctx = env.ctx_for(Target::System(i))?;
            let wave = plan.wave_of.get(i).copied().flatten();
            Some(systems::finish(
                content, profile, &ctx, sys, early, wave, services,
            ))
        })
        .collect();

    // Stage 6: scorecard and checklist.
    let scorecard = scorecard::score(&env);
    let checklist = checklist::build(&env);
    Analysis {
        deployment,
        systems,
        waves: env.waves,
        services,
        providers,
        scorecard,
        checklist,
    }
}
