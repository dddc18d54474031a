//! The evaluation scorecard: readiness per step, the five angles of §二, the four effect
//! dimensions of §十八 and a star level.
//!
//! **Readiness** (`rules.readiness`): each step has items whose points sum to 10. A `Once` item
//! earns its points when its condition holds. A `System`/`Wave`/`Provider` item earns
//! `points × share` of the entities (those for which `among` holds) satisfying `when`. With no
//! such entity (or, for a `Once` item, when its `among` fails) the item earns nothing and loses
//! its points, unless it is marked `if_none: NotApplicable`: then it does not apply (the plan
//! has nothing it is about, e.g. no migrating system) and is neither earned nor lost. A step
//! scores `10 × earned / points that apply`, and its losses are scaled by the same factor, so
//! that score and losses still add up to 10. Every point not earned is listed as a [`Loss`]
//! with its item and clause (named by the item's first `missing` entry that holds, if any), so
//! each step's score is explained line by line. The total is the sum (0–100).
//!
//! **Angles**: the mean 1–5 rating per angle over the systems that rated it, and the systems
//! rated 1 or 2 (weak).
//!
//! **Effects** (`rules.effects`): per metric, the relative improvement in the better direction
//! (`(after − before) / before` for higher-is-better, `(before − after) / before` for
//! lower-is-better); metric score = `clamp(improvement / full_at, 0, 1)`. With a baseline of 0
//! there is no relative improvement: a higher-is-better metric that rises from 0 scores 1,
//! anything else 0. A dimension scores 25 × the mean of its metric scores, unanswered metrics
//! counting 0; the effect score is the sum of the four (0–100). Annual saving = cost before −
//! cost after; payback months = migration cost / (saving / 12) when the saving is positive.
//!
//! **Stars**: 1 plus one per threshold of `rules.stars` the readiness total reaches (1–5).

use super::Target;
use super::compiled::{ReadyC, eval};
use super::{
    AngleScore, Cap, Completeness, EffectScore, Effects, Env, Loss, MetricResult, Scorecard,
    StepScore,
};
use crate::content::{Better, IfNone, MetricDef, Per, ReadinessItem};
use crate::model::StepId;

/// Points below this are rounding noise, not a loss.
const EPS: f64 = 1e-9;

pub(crate) fn score(env: &Env, completeness: Completeness) -> Scorecard {
    let steps: Vec<StepScore> = StepId::ALL
        .iter()
        .map(|&step| step_score(env, step))
        .collect();
    let total = steps.iter().map(|s| s.score).sum::<f64>();
    let uncapped_stars = stars(&env.content.rules.stars, total);
    let caps = caps(env);
    let stars = caps
        .iter()
        .map(|c| c.max_stars.max(1))
        .fold(uncapped_stars, u8::min);
    let effects = effects(env);
    Scorecard {
        steps,
        total,
        completeness,
        angles: angles(env),
        projected: effects.projected,
        effects,
        uncapped_stars,
        caps,
        stars,
    }
}

/// The critical gaps of `rules.caps` that hold, merged by id, in rule order.
fn caps(env: &Env) -> Vec<Cap> {
    let mut out: Vec<Cap> = Vec::new();
    for (rule, (among_c, when_c)) in env.content.rules.caps.iter().zip(&env.rules.caps) {
        let mut holds = false;
        let mut systems = Vec::new();
        for t in env.targets(rule.per) {
            let Some(fx) = env.fx_for(t) else { continue };
            if eval(among_c, &fx) && eval(when_c, &fx) {
                holds = true;
                if let super::Target::System(i) = t
                    && let Some(id) = env.system_id(i)
                {
                    systems.push(id);
                }
            }
        }
        if !holds {
            continue;
        }
        let enterprise = rule.per == Per::Once;
        match out.iter_mut().find(|c| c.item == rule.id) {
            Some(cap) => {
                cap.max_stars = cap.max_stars.min(rule.max_stars);
                cap.enterprise |= enterprise;
                if !cap.clauses.contains(&rule.clause) {
                    cap.clauses.push(rule.clause.clone());
                }
                for id in systems {
                    if !cap.systems.contains(&id) {
                        cap.systems.push(id);
                    }
                }
                for item in &rule.restates {
                    if !cap.restates.contains(item) {
                        cap.restates.push(item.clone());
                    }
                }
            }
            None => out.push(Cap {
                item: rule.id.clone(),
                clause: rule.clause.clone(),
                clauses: vec![rule.clause.clone()],
                max_stars: rule.max_stars,
                enterprise,
                systems,
                restates: rule.restates.clone(),
            }),
        }
    }
    out
}

/// Who missed a readiness item (or one part of it), split by whether they answered.
#[derive(Default)]
struct Missed {
    points: [f64; 2],
    who: [Vec<Target>; 2],
}

impl Missed {
    fn add(&mut self, unanswered: bool, points: f64, t: Option<Target>) {
        let k = usize::from(unanswered);
        self.points[k] += points;
        if let Some(t) = t {
            self.who[k].push(t);
        }
    }
}

/// What one readiness item comes to.
enum ItemScore {
    /// It applies: the points earned, and the losses.
    Applies(f64, Vec<Loss>),
    /// Nothing it is about exists in this plan (`if_none: NotApplicable`).
    NotApplicable,
}

/// The points one readiness item earns, and its losses (`c`: the item compiled).
fn item_score(env: &Env, item: &ReadinessItem, c: &ReadyC) -> ItemScore {
    let nparts = c.parts.len();
    let nmissing = c.missing.len();
    // Index 0: the item as a whole; 1 + k: part k; 1 + nparts + k: missing entry k.
    let mut missed: Vec<Missed> = (0..=nparts + nmissing).map(|_| Missed::default()).collect();
    let mut earned = 0.0;
    let entities: Vec<Target> = env
        .targets(item.per)
        .filter(|t| env.fx_for(*t).is_some_and(|fx| eval(&c.among, &fx)))
        .collect();
    if entities.is_empty() {
        if item.if_none == IfNone::NotApplicable {
            return ItemScore::NotApplicable;
        }
        missed[0].add(true, item.points, None);
    }
    let share = item.points / entities.len().max(1) as f64;
    for t in entities {
        let Some(fx) = env.fx_for(t) else { continue };
        let who = (item.per != Per::Once).then_some(t);
        let unanswered = !eval(&c.asked, &fx);
        if !eval(&c.when, &fx) {
            // Named by the first `missing` entry that holds, else by the item itself.
            let k = c
                .missing
                .iter()
                .position(|m| eval(m, &fx))
                .map_or(0, |k| 1 + nparts + k);
            if let Some(m) = missed.get_mut(k) {
                m.add(unanswered, share, who);
            }
            continue;
        }
        if nparts == 0 {
            earned += share;
            continue;
        }
        let part = share / nparts as f64;
        for (k, pc) in c.parts.iter().enumerate() {
            if eval(pc, &fx) {
                earned += part;
            } else if let Some(m) = missed.get_mut(k + 1) {
                m.add(unanswered, part, who);
            }
        }
    }
    let mut lost = Vec::new();
    for (k, m) in missed.into_iter().enumerate() {
        let part = k
            .checked_sub(1)
            .and_then(|i| item.parts.iter().chain(&item.missing).nth(i))
            .map(|p| p.label.clone());
        for (u, (points, who)) in m.points.into_iter().zip(m.who).enumerate() {
            if points <= EPS {
                continue;
            }
            let mut loss = Loss {
                item: item.id.clone(),
                points,
                clause: item.clause.clone(),
                part: part.clone(),
                unanswered: u == 1,
                systems: Vec::new(),
                waves: Vec::new(),
                providers: Vec::new(),
            };
            for t in who {
                match t {
                    Target::System(i) => loss.systems.extend(env.system_id(i)),
                    Target::Wave(i) => loss.waves.extend(env.waves.get(i).map(|w| w.number)),
                    Target::Provider(i) => loss.providers.extend(env.provider_id(i)),
                    Target::Once => {}
                }
            }
            lost.push(loss);
        }
    }
    ItemScore::Applies(earned, lost)
}

fn step_score(env: &Env, step: StepId) -> StepScore {
    let items = env
        .content
        .rules
        .readiness
        .get(&format!("s{}", step.number()))
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let compiled = env
        .rules
        .readiness
        .get(step.index())
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut score = 0.0;
    let mut applies = 0.0;
    let mut lost = Vec::new();
    let mut not_applicable = Vec::new();
    for (item, c) in items.iter().zip(compiled) {
        match item_score(env, item, c) {
            ItemScore::Applies(got, losses) => {
                score += got;
                applies += item.points;
                lost.extend(losses);
            }
            ItemScore::NotApplicable => not_applicable.push(item.id.clone()),
        }
    }
    // Scored over the points that apply (the step's items sum to 10); nothing applies → 0.
    let scale = if applies > EPS { 10.0 / applies } else { 0.0 };
    for l in &mut lost {
        l.points *= scale;
    }
    StepScore {
        step,
        score: (score * scale).clamp(0.0, 10.0),
        lost,
        not_applicable,
    }
}

/// The star level for a readiness total.
pub fn stars(thresholds: &[f64], total: f64) -> u8 {
    let reached = thresholds.iter().filter(|t| total + EPS >= **t).count();
    (1 + reached).min(5) as u8
}

fn angles(env: &Env) -> Vec<AngleScore> {
    env.content
        .rules
        .angles
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let slot = env.rules.sys_slots.angles.get(k).copied().flatten();
            let rated: Vec<(crate::model::SystemId, u8)> = env
                .profile
                .systems
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    super::compiled::rating_of(super::compiled::at(env.tables.sys(i), slot))
                        .map(|r| (s.id, r))
                })
                .collect();
            let average = if rated.is_empty() {
                None
            } else {
                Some(rated.iter().map(|(_, r)| f64::from(*r)).sum::<f64>() / rated.len() as f64)
            };
            let weak = rated
                .iter()
                .filter(|(_, r)| *r <= 2)
                .map(|(id, _)| *id)
                .collect();
            AngleScore {
                id: a.id.clone(),
                average,
                rated: rated.len(),
                weak,
            }
        })
        .collect()
}

/// One metric: baseline `before`, `target`, and the `actual` measured after the move. The
/// score compares the actual with the baseline when there is one (measured), else the target
/// (projected).
pub fn metric(
    def: &MetricDef,
    before: Option<f64>,
    target: Option<f64>,
    actual: Option<f64>,
) -> MetricResult {
    let after = actual.or(target);
    let delta = before.zip(after).map(|(b, a)| a - b);
    let gain = |b: f64, a: f64| match def.better {
        Better::Higher => a - b,
        Better::Lower => b - a,
    };
    let improvement = before
        .zip(after)
        .filter(|(b, _)| *b > 0.0)
        .map(|(b, a)| gain(b, a) / b);
    let score = match (before, after, improvement) {
        (_, _, Some(imp)) if def.full_at > 0.0 => (imp / def.full_at).clamp(0.0, 1.0),
        (_, _, Some(imp)) if imp > 0.0 => 1.0,
        (_, _, Some(_)) => 0.0,
        (Some(b), Some(a), None) if gain(b, a) > 0.0 => 1.0,
        _ => 0.0,
    };
    MetricResult {
        id: def.id.clone(),
        before,
        target,
        actual,
        measured: actual.is_some(),
        delta,
        improvement,
        score,
    }
}

fn effects(env: &Env) -> Effects {
    let rules = &env.content.rules;
    let a = &env.profile.answers;
    let dimensions: Vec<EffectScore> = rules
        .effects
        .iter()
        .map(|d| {
            let metrics: Vec<MetricResult> = d
                .metrics
                .iter()
                .map(|m| {
                    metric(
                        m,
                        a.number(&m.before),
                        a.number(&m.after),
                        a.number(&m.actual),
                    )
                })
                .collect();
            let score = if metrics.is_empty() {
                0.0
            } else {
                25.0 * metrics.iter().map(|m| m.score).sum::<f64>() / metrics.len() as f64
            };
            EffectScore {
                id: d.id.clone(),
                metrics,
                score,
            }
        })
        .collect();
    let pb = &rules.payback;
    let cost_actual = a.number(&pb.cost_actual);
    let (annual_saving, payback_months) = payback(
        a.number(&pb.cost_before),
        cost_actual.or_else(|| a.number(&pb.cost_after)),
        a.number(&pb.migration_cost),
    );
    let score = dimensions.iter().map(|d| d.score).sum();
    // Projected: some metric's score rests on a target rather than a measured actual.
    let projected = dimensions
        .iter()
        .flat_map(|d| &d.metrics)
        .any(|m| !m.measured && m.before.is_some() && m.target.is_some());
    Effects {
        dimensions,
        annual_saving,
        payback_months,
        saving_measured: cost_actual.is_some(),
        measured_on: a
            .text(&pb.measured_on)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        score,
        projected,
    }
}

/// Annual saving and payback months from cost before/after (per year) and migration cost.
pub fn payback(
    cost_before: Option<f64>,
    cost_after: Option<f64>,
    migration: Option<f64>,
) -> (Option<f64>, Option<f64>) {
    let saving = cost_before.zip(cost_after).map(|(b, a)| b - a);
    let months = match (saving, migration) {
        (Some(s), Some(m)) if s > 0.0 && m >= 0.0 => Some(m / (s / 12.0)),
        _ => None,
    };
    (saving, months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(better: Better, full_at: f64) -> MetricDef {
        MetricDef {
            id: "m".into(),
            before: "b".into(),
            after: "a".into(),
            actual: "x".into(),
            better,
            full_at,
        }
    }

    #[test]
    fn metric_improvement_follows_the_better_direction() {
        let m = metric(&def(Better::Lower, 0.5), Some(100.0), Some(80.0), None);
        assert_eq!(m.delta, Some(-20.0));
        assert!((m.improvement.unwrap() - 0.2).abs() < 1e-12);
        assert!((m.score - 0.4).abs() < 1e-12);
        let m = metric(&def(Better::Higher, 0.5), Some(40.0), Some(80.0), None);
        assert_eq!(m.score, 1.0, "100 % better is capped at full marks");
        let m = metric(&def(Better::Higher, 0.5), Some(40.0), Some(30.0), None);
        assert!(m.improvement.unwrap() < 0.0);
        assert_eq!(m.score, 0.0);
        let m = metric(&def(Better::Higher, 0.5), Some(0.0), Some(3.0), None);
        assert_eq!((m.improvement, m.score), (None, 1.0));
        let m = metric(&def(Better::Lower, 0.5), Some(0.0), Some(0.0), None);
        assert_eq!(m.score, 0.0);
        let m = metric(&def(Better::Lower, 0.5), None, Some(3.0), None);
        assert_eq!((m.delta, m.score), (None, 0.0));
    }

    #[test]
    fn the_actual_wins_over_the_target_and_marks_the_metric_measured() {
        let d = def(Better::Lower, 0.5);
        // Target 50 (50 % better), actual 80 (20 % better): the actual counts.
        let m = metric(&d, Some(100.0), Some(50.0), Some(80.0));
        assert!(m.measured);
        assert_eq!(
            (m.target, m.actual, m.delta),
            (Some(50.0), Some(80.0), Some(-20.0))
        );
        assert!((m.score - 0.4).abs() < 1e-12);
        // Without an actual the target counts, and the metric is projected.
        let m = metric(&d, Some(100.0), Some(50.0), None);
        assert!(!m.measured);
        assert_eq!(m.score, 1.0);
        // An actual alone (no target) is still measured against the baseline.
        let m = metric(&d, Some(100.0), None, Some(75.0));
        assert!(m.measured && (m.score - 0.5).abs() < 1e-12);
    }

    #[test]
    fn payback_needs_a_positive_saving() {
        assert_eq!(
            payback(Some(120.0), Some(60.0), Some(30.0)),
            (Some(60.0), Some(6.0))
        );
        assert_eq!(
            payback(Some(60.0), Some(60.0), Some(30.0)),
            (Some(0.0), None)
        );
        assert_eq!(
            payback(Some(50.0), Some(60.0), Some(30.0)),
            (Some(-10.0), None)
        );
        assert_eq!(payback(Some(120.0), Some(60.0), None), (Some(60.0), None));
        assert_eq!(payback(None, Some(60.0), Some(1.0)), (None, None));
    }

    #[test]
    fn stars_count_thresholds_reached() {
        let t = [20.0, 40.0, 60.0, 80.0];
        assert_eq!(stars(&t, 0.0), 1);
        assert_eq!(stars(&t, 19.99), 1);
        assert_eq!(stars(&t, 20.0), 2);
        assert_eq!(stars(&t, 79.0), 4);
        assert_eq!(stars(&t, 100.0), 5);
        assert_eq!(stars(&[1.0; 9], 100.0), 5);
    }
}
