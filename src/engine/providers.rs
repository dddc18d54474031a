//! Ranking candidate providers (§二/十七/二十四).
//!
//! Each criterion of `rules.provider_criteria` turns one provider answer into a value from 0
//! to 1 ([`Measure`]); unanswered counts as 0. A provider's score is
//! `100 × Σ weight·value / Σ weight`. Providers are ranked best first; equal scores share a
//! rank (1, 1, 3 …) and keep their input order (a stable sort).
//!
//! **The chosen provider** (§十 "选择确定"): the first provider whose `prov.chosen` is yes, else
//! the top-ranked one. Choosing one that does not rank first is an override, and its
//! `s3.chosen_reason` records why. The §十七 SLA gaps are measured against the chosen
//! provider's figures (`rules.sla`).

use super::{ChosenProvider, CriterionValue, ProviderRank};
use crate::content::{Content, Measure};
use crate::model::{Profile, Provider};

/// The provider question that marks the chosen provider.
pub const CHOSEN_QUESTION: &str = "prov.chosen";
/// The enterprise question saying why the chosen provider was chosen.
pub const REASON_QUESTION: &str = "s3.chosen_reason";

/// Two scores closer than this are a tie.
const TIE: f64 = 1e-9;

fn value(m: &Measure, p: &Provider, lowest: impl Fn(&str) -> Option<f64>) -> Option<f64> {
    let a = &p.answers;
    match m {
        Measure::Rating(q) => a.rating(q).map(|r| (f64::from(r) - 1.0) / 4.0),
        Measure::YesNo(q) => a.yes_no(q).map(|y| if y { 1.0 } else { 0.0 }),
        Measure::Linear {
            question,
            worst,
            best,
        } => {
            let v = a.number(question)?;
            let span = best - worst;
            if span.abs() < f64::EPSILON {
                return Some(if (v - best) * span.signum() >= 0.0 {
                    1.0
                } else {
                    0.0
                });
            }
            Some(((v - worst) / span).clamp(0.0, 1.0))
        }
        Measure::Lowest(q) => {
            let v = a.number(q)?;
            let low = lowest(q)?;
            Some(if v <= low {
                1.0
            } else if v > 0.0 {
                (low / v).clamp(0.0, 1.0)
            } else {
                0.0
            })
        }
    }
}

/// Scores and ranks the candidate providers.
pub(crate) fn rank(content: &Content, profile: &Profile) -> Vec<ProviderRank> {
    let criteria = &content.rules.provider_criteria;
    let lowest = |q: &str| {
        profile
            .providers
            .iter()
            .filter_map(|p| p.answers.number(q))
            .filter(|v| *v >= 0.0)
            .reduce(f64::min)
    };
    let total_weight: f64 = criteria.iter().map(|c| c.weight.max(0.0)).sum();
    let mut ranked: Vec<ProviderRank> = profile
        .providers
        .iter()
        .map(|p| {
            let breakdown: Vec<CriterionValue> = criteria
                .iter()
                .map(|c| CriterionValue {
                    id: c.id.clone(),
                    weight: c.weight,
                    value: value(&c.measure, p, lowest),
                })
                .collect();
            let sum: f64 = breakdown
                .iter()
                .map(|c| c.weight.max(0.0) * c.value.unwrap_or(0.0))
                .sum();
            let score = if total_weight > 0.0 {
                100.0 * sum / total_weight
            } else {
                0.0
            };
            ProviderRank {
                id: p.id,
                name: p.name.clone(),
                rank: 0,
                score,
                breakdown,
            }
        })
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut prev: Option<(f64, u32)> = None;
    for (i, r) in ranked.iter_mut().enumerate() {
        r.rank = match prev {
            Some((s, rank)) if (s - r.score).abs() < TIE => rank,
            _ => i as u32 + 1,
        };
        prev = Some((r.score, r.rank));
    }
    ranked
}

/// The index (into `profile.providers`) of the chosen provider: the first marked
/// `prov.chosen`, else the first of `ranked` (best first). `None` without providers.
pub fn chosen_index(profile: &Profile, ranked: &[ProviderRank]) -> Option<usize> {
    profile
        .providers
        .iter()
        .position(|p| p.answers.yes_no(CHOSEN_QUESTION) == Some(true))
        .or_else(|| {
            let top = ranked.first()?;
            profile.providers.iter().position(|p| p.id == top.id)
        })
}

/// The chosen provider, worked out from the ranking.
pub(crate) fn choose(profile: &Profile, ranked: &[ProviderRank]) -> Option<ChosenProvider> {
    let i = chosen_index(profile, ranked)?;
    let p = profile.providers.get(i)?;
    let rank = ranked.iter().find(|r| r.id == p.id).map_or(1, |r| r.rank);
    let reason = profile
        .answers
        .text(REASON_QUESTION)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    Some(ChosenProvider {
        id: p.id,
        by_default: p.answers.yes_no(CHOSEN_QUESTION) != Some(true),
        overrides_ranking: rank != 1,
        reason,
    })
}
