//! Derived facts: the one place where every fact name a rule may test with `Cond::Fact` is
//! defined and documented.
//!
//! A fact is a yes/no statement the engine derives from the answers (and from earlier results)
//! so that rules in `assets/*.ron` can say "this system has outside users" or "its effective
//! strategy is keep" without repeating the logic. Facts belong to an entity (the enterprise, a
//! system, a wave, a provider) and are produced in **stages**, in this order:
//!
//! 1. [`Stage::Base`] — read straight from the answers (sensitivity, usage, SLA needs, size …).
//! 2. [`Stage::Verdict`] — the §十二 feasibility verdict, computed by `rules.verdict` from base
//!    facts only.
//! 3. [`Stage::Strategy`] — the effective §十四 strategy (`rules.strategy` may use verdicts).
//! 4. [`Stage::Plan`] — everything that needs all strategies: waves and cycles, dependencies on
//!    kept systems, the deployment model, enterprise-wide aggregates.
//!
//! Priority and verdict rules run with base facts only; strategy rules with base and verdict
//! facts; deployment, services, risks, scoring and checklist rules with all facts. A rule
//! that tests a later-stage fact simply sees it as false at run time; `engine::lint` reports it
//! (and the tests keep the shipped rules clean).
//!
//! Facts of all entities in context are looked up together; names never collide because wave
//! facts start with `wave.` and enterprise facts have their own names.

use crate::content::Scope;

/// When a fact becomes available (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Base,
    Verdict,
    Strategy,
    Plan,
}

/// A documented fact.
#[derive(Debug, Clone, Copy)]
pub struct FactDef {
    pub name: &'static str,
    /// The entity it is about (`Scope::Enterprise` for enterprise-wide facts).
    pub about: Scope,
    pub stage: Stage,
    pub doc: &'static str,
}

const fn def(name: &'static str, about: Scope, stage: Stage, doc: &'static str) -> FactDef {
    FactDef {
        name,
        about,
        stage,
        doc,
    }
}

use Scope::{Enterprise as E, Provider as P, System as S, Wave as W};
use Stage::{Base, Plan, Strategy, Verdict};

pub const OUTSIDE_USERS: &str = "outside_users";
pub const HIGH_SENSITIVITY: &str = "high_sensitivity";
pub const PEAKS: &str = "peaks";
pub const WINDOW_EXCEEDS_OUTAGE: &str = "window_exceeds_outage";
pub const SLA_EXCEEDED: &str = "sla_exceeded";
pub const SLA_MET: &str = "sla_met";
pub const HAS_DEPENDENCIES: &str = "has_dependencies";
pub const HAS_DATABASE: &str = "has_database";
pub const ASSESSED: &str = "assessed";
pub const VERDICT_GO: &str = "verdict.go";
pub const VERDICT_TRANSFORM: &str = "verdict.transform";
pub const VERDICT_NOT_NOW: &str = "verdict.not_now";
pub const STRATEGY_REHOST: &str = "strategy.rehost";
pub const STRATEGY_TRANSFORM: &str = "strategy.transform";
pub const STRATEGY_REPURCHASE: &str = "strategy.repurchase";
pub const STRATEGY_KEEP: &str = "strategy.keep";
pub const MIGRATING: &str = "migrating";
pub const OVERRIDDEN: &str = "overridden";
pub const DEPENDS_ON_KEPT: &str = "depends_on_kept";
pub const IN_CYCLE: &str = "in_cycle";
pub const NEEDED_BY_KEPT: &str = "needed_by_kept";
pub const SERVICE_GAP: &str = "service_gap";
pub const SPLIT: &str = "split";
pub const WAVE_CYCLIC: &str = "wave.cyclic";
pub const WAVE_FIRST: &str = "wave.first";
pub const WAVE_OUT_OF_ORDER: &str = "wave.out_of_order";
pub const WAVE_BLACKOUT: &str = "wave.blackout";
pub const SIZE_LARGE: &str = "size.large";
pub const SIZE_SMALL: &str = "size.small";
pub const SIZE_UNKNOWN: &str = "size.unknown";
pub const HAS_SYSTEMS: &str = "has_systems";
pub const HAS_PROVIDERS: &str = "has_providers";
pub const PROVIDERS_COMPARED: &str = "providers_compared";
pub const DEPENDENCIES_RECORDED: &str = "dependencies_recorded";
pub const CHOSEN_SLA_KNOWN: &str = "chosen_sla_known";
pub const TARGET_WORSE_RESOURCES: &str = "target_worse.resources";
pub const TARGET_WORSE_EFFICIENCY: &str = "target_worse.efficiency";
pub const TARGET_WORSE_ECONOMIC: &str = "target_worse.economic";
pub const TARGET_WORSE_SOCIAL: &str = "target_worse.social";
pub const WAVES_DATED: &str = "waves_dated";
pub const CUTOVER_AFTER_WAVES: &str = "cutover_after_waves";
pub const DEPLOYMENT_PUBLIC: &str = "deployment.public";
pub const DEPLOYMENT_PRIVATE: &str = "deployment.private";
pub const DEPLOYMENT_HYBRID: &str = "deployment.hybrid";
pub const HAS_WAVES: &str = "has_waves";
pub const CUTOVER_BEFORE_WAVES: &str = "cutover_before_waves";
pub const ANY_KEPT: &str = "any_kept";
pub const ANY_TRANSFORM: &str = "any_transform";
pub const ANY_SLA_GAP: &str = "any_sla_gap";
pub const NOT_NOW_MOVING: &str = "not_now_moving";
pub const STRATEGIES_UNCONFIRMED: &str = "strategies_unconfirmed";
pub const PROV_TOP: &str = "prov.top";
pub const PROV_CHOSEN: &str = "prov.chosen";

/// Every fact, with the entity it is about, its stage and its meaning.
pub const FACTS: &[FactDef] = &[
    // ---- per system, base
    def(
        OUTSIDE_USERS,
        S,
        Base,
        "sys.users includes an option of rules.deployment.outside_users (customers, suppliers)",
    ),
    def(
        HIGH_SENSITIVITY,
        S,
        Base,
        "sys.sensitivity is one of rules.deployment.high_sensitivity",
    ),
    def(
        PEAKS,
        S,
        Base,
        "sys.usage is `peaks` (clear peaks and troughs, §三 criterion 1)",
    ),
    def(
        WINDOW_EXCEEDS_OUTAGE,
        S,
        Base,
        "sys.f_window > sys.f_max_outage (both answered)",
    ),
    def(
        SLA_EXCEEDED,
        S,
        Base,
        "the system needs more than the chosen provider's SLA offers: availability above, or RTO below (§十七)",
    ),
    def(
        SLA_MET,
        S,
        Base,
        "the system's availability and RTO needs are answered, the chosen provider's availability and RTO are answered, and neither need exceeds what it guarantees (§十七)",
    ),
    def(
        HAS_DEPENDENCIES,
        S,
        Base,
        "the system depends on at least one other system of the inventory",
    ),
    def(
        HAS_DATABASE,
        S,
        Base,
        "sys.database is answered and not `none`",
    ),
    def(
        ASSESSED,
        S,
        Base,
        "at least one of the §十二 five-point questions is answered",
    ),
    // ---- per system, verdict
    def(VERDICT_GO, S, Verdict, "feasibility verdict: go"),
    def(
        VERDICT_TRANSFORM,
        S,
        Verdict,
        "feasibility verdict: go after transformation",
    ),
    def(VERDICT_NOT_NOW, S, Verdict, "feasibility verdict: not now"),
    // ---- per system, strategy
    def(
        STRATEGY_REHOST,
        S,
        Strategy,
        "effective strategy (the user's, else the suggestion) is rehost",
    ),
    def(
        STRATEGY_TRANSFORM,
        S,
        Strategy,
        "effective strategy is transform",
    ),
    def(
        STRATEGY_REPURCHASE,
        S,
        Strategy,
        "effective strategy is repurchase",
    ),
    def(STRATEGY_KEEP, S, Strategy, "effective strategy is keep"),
    def(
        MIGRATING,
        S,
        Strategy,
        "effective strategy is not keep: the system moves in a wave",
    ),
    def(
        OVERRIDDEN,
        S,
        Strategy,
        "the user chose a strategy different from the suggestion",
    ),
    // ---- per system, plan
    def(
        DEPENDS_ON_KEPT,
        S,
        Plan,
        "a migrating system depends on a system that is kept (coordination, §十三)",
    ),
    def(
        NEEDED_BY_KEPT,
        S,
        Plan,
        "a system that is kept depends on this migrating system (coordination, §十三)",
    ),
    def(
        SERVICE_GAP,
        S,
        Plan,
        "a service this system needs (a `need` rule of assets/catalogue.ron holds) is not selected (analysis.systems[].gaps)",
    ),
    def(
        IN_CYCLE,
        S,
        Plan,
        "the system is in a dependency cycle with other migrating systems",
    ),
    def(
        SPLIT,
        S,
        Plan,
        "hybrid deployment: data in the private cloud, application in the public cloud (§五)",
    ),
    // ---- per wave, plan
    def(
        WAVE_CYCLIC,
        W,
        Plan,
        "the wave holds systems that depend on each other in a cycle",
    ),
    def(WAVE_FIRST, W, Plan, "the wave is wave 1"),
    def(
        WAVE_OUT_OF_ORDER,
        W,
        Plan,
        "the wave starts before an earlier wave starts, while one still runs, or on or before the end of a wave it depends on (schedule::date_problems)",
    ),
    def(
        WAVE_BLACKOUT,
        W,
        Plan,
        "the wave's days meet a blackout of the enterprise or of one of its systems",
    ),
    // ---- per provider, plan
    def(PROV_TOP, P, Plan, "the provider ranks first"),
    def(
        PROV_CHOSEN,
        P,
        Plan,
        "the chosen provider: the one marked prov.chosen, else the top-ranked one (§十)",
    ),
    // ---- enterprise, base
    def(
        SIZE_LARGE,
        E,
        Base,
        "ent.size is one of rules.deployment.large_sizes (§五)",
    ),
    def(
        SIZE_SMALL,
        E,
        Base,
        "ent.size is answered and not large: SME or start-up (§六)",
    ),
    def(SIZE_UNKNOWN, E, Base, "ent.size is not answered"),
    def(
        HAS_SYSTEMS,
        E,
        Base,
        "the inventory has at least one system",
    ),
    def(HAS_PROVIDERS, E, Base, "at least one candidate provider"),
    def(
        PROVIDERS_COMPARED,
        E,
        Base,
        "at least two candidate providers can be compared: each is named and has its quoted price (the `Lowest` criterion of rules.provider_criteria) and its SLA availability (rules.sla.availability) answered (§十)",
    ),
    def(
        DEPENDENCIES_RECORDED,
        E,
        Base,
        "some dependency is recorded, or the inventory has a single system",
    ),
    def(
        CHOSEN_SLA_KNOWN,
        E,
        Base,
        "the chosen provider's SLA availability and RTO (rules.sla.availability, rules.sla.rto) are both answered",
    ),
    def(
        TARGET_WORSE_RESOURCES,
        E,
        Base,
        "a metric of the effect dimension `resources` (rules.effects) has a target, or a measured figure, worse than its baseline (§十八)",
    ),
    def(
        TARGET_WORSE_EFFICIENCY,
        E,
        Base,
        "as target_worse.resources, for the dimension `efficiency`",
    ),
    def(
        TARGET_WORSE_ECONOMIC,
        E,
        Base,
        "as target_worse.resources, for the dimension `economic` (e.g. a target IT cost above today's)",
    ),
    def(
        TARGET_WORSE_SOCIAL,
        E,
        Base,
        "as target_worse.resources, for the dimension `social`",
    ),
    // ---- enterprise, plan
    def(
        DEPLOYMENT_PUBLIC,
        E,
        Plan,
        "the chosen deployment model is public cloud",
    ),
    def(
        DEPLOYMENT_PRIVATE,
        E,
        Plan,
        "the chosen deployment model is private cloud",
    ),
    def(
        DEPLOYMENT_HYBRID,
        E,
        Plan,
        "the chosen deployment model is hybrid cloud",
    ),
    def(HAS_WAVES, E, Plan, "at least one system migrates"),
    def(
        CUTOVER_BEFORE_WAVES,
        E,
        Plan,
        "the s7.cutover date is before the last wave ends",
    ),
    def(
        WAVES_DATED,
        E,
        Plan,
        "there are waves and every wave has an end date (from its start date and length)",
    ),
    def(
        CUTOVER_AFTER_WAVES,
        E,
        Plan,
        "s7.cutover is a date, the waves are dated, and it is not before the last wave ends (§十六)",
    ),
    def(ANY_KEPT, E, Plan, "at least one system is kept as is"),
    def(
        ANY_TRANSFORM,
        E,
        Plan,
        "at least one system's effective strategy is transform",
    ),
    def(
        ANY_SLA_GAP,
        E,
        Plan,
        "at least one migrating system needs more than the chosen provider's SLA offers",
    ),
    def(
        NOT_NOW_MOVING,
        E,
        Plan,
        "a system with verdict not now is still marked to move",
    ),
    def(
        STRATEGIES_UNCONFIRMED,
        E,
        Plan,
        "some system has no strategy chosen by the user (only suggested)",
    ),
];

/// The definition of a fact name, if it exists.
pub fn lookup(name: &str) -> Option<&'static FactDef> {
    FACTS.iter().find(|f| f.name == name)
}

/// The bit of a fact name in a [`Facts`] set (its index in [`FACTS`]); 0 for an unknown name,
/// which therefore never holds.
pub fn bit(name: &str) -> u64 {
    FACTS
        .iter()
        .position(|f| f.name == name)
        .map_or(0, |i| 1u64 << i)
}

/// The facts that hold for one entity: a bit set over [`FACTS`] (fewer than 64), so that
/// testing a fact, or whether any of several entities has it, is one `and`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts(u64);

impl Facts {
    pub const EMPTY: Facts = Facts(0);

    pub fn new() -> Self {
        Facts(0)
    }

    /// Adds `name` when `holds`.
    pub fn set(&mut self, name: &'static str, holds: bool) {
        if holds {
            self.0 |= bit(name);
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.0 & bit(name) != 0
    }

    /// The set as bits (see [`bit`]).
    pub fn bits(&self) -> u64 {
        self.0
    }

    /// The facts that hold, in [`FACTS`] order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        FACTS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1u64 << i) != 0)
            .map(|(_, f)| f.name)
    }
}

/// The fact for a verdict.
pub fn verdict_fact(v: super::Verdict) -> &'static str {
    match v {
        super::Verdict::Go | super::Verdict::GoAfterRollbackPlan => VERDICT_GO,
        super::Verdict::GoAfterTransformation => VERDICT_TRANSFORM,
        super::Verdict::NotNow => VERDICT_NOT_NOW,
    }
}

/// The fact for an effective strategy option (`None` for an unknown option).
pub fn strategy_fact(strategy: &str) -> Option<&'static str> {
    match strategy {
        "rehost" => Some(STRATEGY_REHOST),
        "transform" => Some(STRATEGY_TRANSFORM),
        "repurchase" => Some(STRATEGY_REPURCHASE),
        "keep" => Some(STRATEGY_KEEP),
        _ => None,
    }
}

/// The fact for a deployment model.
pub fn deployment_fact(d: super::Deployment) -> &'static str {
    match d {
        super::Deployment::Public => DEPLOYMENT_PUBLIC,
        super::Deployment::Private => DEPLOYMENT_PRIVATE,
        super::Deployment::Hybrid => DEPLOYMENT_HYBRID,
    }
}

/// Enterprise facts of the base stage.
pub(crate) fn enterprise_base(
    content: &crate::content::Content,
    profile: &crate::model::Profile,
    known: &crate::content::FxSet<crate::model::SystemId>,
) -> Facts {
    let mut f = Facts::new();
    let size = profile
        .answers
        .choice("ent.size")
        .filter(|s| content.options("size").iter().any(|o| o == s));
    let large = size.is_some_and(|s| content.rules.deployment.large_sizes.iter().any(|l| l == s));
    f.set(SIZE_UNKNOWN, size.is_none());
    f.set(SIZE_LARGE, large);
    f.set(SIZE_SMALL, size.is_some() && !large);
    let n = profile.systems.len();
    f.set(HAS_SYSTEMS, n > 0);
    f.set(HAS_PROVIDERS, !profile.providers.is_empty());
    let price = content
        .rules
        .provider_criteria
        .iter()
        .find_map(|c| match &c.measure {
            crate::content::Measure::Lowest(q) => Some(q.as_str()),
            _ => None,
        });
    let comparable = profile
        .providers
        .iter()
        .filter(|p| {
            !p.name.trim().is_empty()
                && price.is_some_and(|q| p.answers.number(q).is_some())
                && p.answers.number(&content.rules.sla.availability).is_some()
        })
        .count();
    f.set(PROVIDERS_COMPARED, comparable >= 2);
    for d in &content.rules.effects {
        let name = match d.id.as_str() {
            "resources" => TARGET_WORSE_RESOURCES,
            "efficiency" => TARGET_WORSE_EFFICIENCY,
            "economic" => TARGET_WORSE_ECONOMIC,
            "social" => TARGET_WORSE_SOCIAL,
            _ => continue,
        };
        let a = &profile.answers;
        let worse = d.metrics.iter().any(|m| {
            let after = a.number(&m.actual).or_else(|| a.number(&m.after));
            a.number(&m.before)
                .zip(after)
                .is_some_and(|(b, x)| match m.better {
                    crate::content::Better::Higher => x < b,
                    crate::content::Better::Lower => x > b,
                })
        });
        f.set(name, worse);
    }
    let recorded = profile
        .systems
        .iter()
        .any(|s| s.depends_on.iter().any(|d| *d != s.id && known.contains(d)));
    f.set(DEPENDENCIES_RECORDED, n == 1 || recorded);
    f
}

/// Enterprise facts of the plan stage, from the per-system facts (which include the strategy
/// stage) and the deployment decision.
pub(crate) fn enterprise_plan(
    f: &mut Facts,
    tables: &super::Tables,
    strategy_slot: Option<usize>,
    sys_facts: &[Facts],
    assessed: &[super::systems::Early],
    deployment: &super::DeploymentResult,
) {
    f.set(deployment_fact(deployment.chosen), true);
    let any = |name: &str| sys_facts.iter().any(|s| s.has(name));
    f.set(HAS_WAVES, any(MIGRATING));
    f.set(ANY_KEPT, any(STRATEGY_KEEP));
    f.set(ANY_TRANSFORM, any(STRATEGY_TRANSFORM));
    f.set(
        ANY_SLA_GAP,
        sys_facts
            .iter()
            .any(|s| s.has(MIGRATING) && s.has(SLA_EXCEEDED)),
    );
    f.set(
        NOT_NOW_MOVING,
        sys_facts
            .iter()
            .any(|s| s.has(MIGRATING) && s.has(VERDICT_NOT_NOW)),
    );
    // The user's `sys.strategy` of each system, from its table.
    let unconfirmed = assessed.iter().enumerate().any(|(i, a)| {
        super::compiled::choice_of(super::compiled::at(tables.sys(i), strategy_slot))
            .is_none_or(|c| c != a.strategy)
    });
    f.set(STRATEGIES_UNCONFIRMED, unconfirmed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_wave_facts_are_prefixed() {
        for (i, f) in FACTS.iter().enumerate() {
            assert!(
                FACTS.iter().skip(i + 1).all(|g| g.name != f.name),
                "duplicate fact {}",
                f.name
            );
            assert_eq!(f.about == W, f.name.starts_with("wave."), "{}", f.name);
            assert_eq!(f.about == P, f.name.starts_with("prov."), "{}", f.name);
        }
    }

    #[test]
    fn every_fact_has_its_own_bit() {
        assert!(FACTS.len() <= 64, "Facts is a u64 bit set");
        for (i, f) in FACTS.iter().enumerate() {
            assert_eq!(bit(f.name), 1u64 << i, "{}", f.name);
        }
        assert_eq!(bit("no such fact"), 0);
        let mut s = Facts::new();
        s.set(PROV_TOP, true);
        s.set(OUTSIDE_USERS, true);
        assert_eq!(s.iter().collect::<Vec<_>>(), [OUTSIDE_USERS, PROV_TOP]);
        assert!(!s.has("no such fact"));
    }

    #[test]
    fn set_ignores_false_and_duplicates() {
        let mut f = Facts::new();
        f.set(PEAKS, false);
        assert!(!f.has(PEAKS));
        f.set(PEAKS, true);
        f.set(PEAKS, true);
        assert_eq!(f.iter().count(), 1);
    }
}
