//! The evaluation scorecard: readiness per step, the five angles of §二, the four effect
//! dimensions of §十八 and a star level.
//!
//! **Readiness** (`rules.readiness`): each step has items whose points sum to 10. A `Once` item
//! earns its points when its condition holds. A `System`/`Wave`/`Provider` item earns
//! `points × share` of the entities (those for which `among` holds) satisfying `when`; with no
//! such entity it earns nothing. Every point not earned is listed as a [`Loss`] with its item
//! and clause, so each step's score is explained line by line. The total is the sum (0–100).
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

use super::compiled::{C, eval};
use super::{AngleScore, EffectScore, Effects, Env, Loss, MetricResult, Scorecard, StepScore};
use crate::content::{Better, MetricDef, Per, ReadinessItem};
use crate::model::StepId;

/// Points below this are rounding noise, not a loss.
const EPS: f64 = 1e-9;

pub(crate) fn score(env: &Env) -> Scorecard {
    let steps: Vec<StepScore> = StepId::ALL
        .iter()
        .map(|&step| step_score(env, step))
        .collect();
    let total = steps.iter().map(|s| s.score).sum::<f64>();
    let stars = stars(&env.content.rules.stars, total);
    Scorecard {
        steps,
        total,
        angles: angles(env),
        effects: effects(env),
        stars,
    }
}

/// Earned points of one readiness item, whose compiled `among` and `when` are `c`.
pub(crate) fn earned(env: &Env, item: &ReadinessItem, c: &(C, C)) -> f64 {
    let (among_c, when_c) = c;
    if item.per == Per::Once {
        return match env.fx_for(super::Target::Once) {
            Some(fx) if eval(when_c, &fx) => item.points,
            _ => 0.0,
        };
    }
    let (mut among, mut held) = (0usize, 0usize);
    for t in env.targets(item.per) {
        let Some(fx) = env.fx_for(t) else { continue };
        if eval(among_c, &fx) {
            among += 1;
            if eval(when_c, &fx) {
                held += 1;
            }
        }
    }
    if among == 0 {
        0.0
    } else {
        item.points * held as f64 / among as f64
    }
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
    let mut lost = Vec::new();
    for (item, c) in items.iter().zip(compiled) {
        let got = earned(env, item, c);
        score += got;
        if item.points - got > EPS {
            lost.push(Loss {
                item: item.id.clone(),
                points: item.points - got,
                clause: item.clause.clone(),
            });
        }
    }
    StepScore {
        step,
        score: score.clamp(0.0, 10.0),
        lost,
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

/// One before/after metric.
pub fn metric(def: &MetricDef, before: Option<f64>, after: Option<f64>) -> MetricResult {
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
        after,
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
                .map(|m| metric(m, a.number(&m.before), a.number(&m.after)))
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
    let (annual_saving, payback_months) = payback(
        a.number(&rules.payback.cost_before),
        a.number(&rules.payback.cost_after),
        a.number(&rules.payback.migration_cost),
    );
    let score = dimensions.iter().map(|d| d.score).sum();
    Effects {
        dimensions,
        annual_saving,
        payback_months,
        score,
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
            better,
            full_at,
        }
    }

    #[test]
    fn metric_improvement_follows_the_better_direction() {
        let m = metric(&def(Better::Lower, 0.5), Some(100.0), Some(80.0));
        assert_eq!(m.delta, Some(-20.0));
        assert!((m.improvement.unwrap() - 0.2).abs() < 1e-12);
        assert!((m.score - 0.4).abs() < 1e-12);
        let m = metric(&def(Better::Higher, 0.5), Some(40.0), Some(80.0));
        assert_eq!(m.score, 1.0, "100 % better is capped at full marks");
        let m = metric(&def(Better::Higher, 0.5), Some(40.0), Some(30.0));
        assert!(m.improvement.unwrap() < 0.0);
        assert_eq!(m.score, 0.0);
        let m = metric(&def(Better::Higher, 0.5), Some(0.0), Some(3.0));
        assert_eq!((m.improvement, m.score), (None, 1.0));
        let m = metric(&def(Better::Lower, 0.5), Some(0.0), Some(0.0));
        assert_eq!(m.score, 0.0);
        let m = metric(&def(Better::Lower, 0.5), None, Some(3.0));
        assert_eq!((m.delta, m.score), (None, 0.0));
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
