//! The deployment model (§五/六).
//!
//! - Size unknown (`ent.size` unanswered): public cloud, with a reason asking for the size.
//! - Large enterprise (`ent.size` in `rules.deployment.large_sizes`, §五), looking at the systems
//!   that migrate: key systems with high data-security needs (`high_sensitivity`) call for a
//!   private cloud (not repurchased ones: their data stays with the SaaS provider), systems that
//!   connect customers, suppliers and employees (`connecting_users`) for a public cloud. Both kinds present → hybrid; only high-security ones → private; none → public.
//!   A system that is both is split: data in the private cloud, application in the public
//!   cloud (it alone makes the architecture hybrid).
//! - SME or start-up (§六): public cloud. Systems whose sensitivity is in
//!   `rules.deployment.sme_hybrid_hint` and that serve outside users get an extra reason
//!   suggesting to consider a hybrid set-up for them.
//! - The user's `s3.deployment` overrides the recommendation (`overridden` when it differs).
//!
//! `split` lists the split systems when the chosen model is hybrid.

use super::facts::{self, Facts};
use super::{Deployment, DeploymentResult, Reason};
use crate::content::{Content, Name, Text};
use crate::model::{Profile, SystemId};
use std::borrow::Cow;

/// The question that confirms or overrides the recommendation.
pub const QUESTION: &str = "s3.deployment";

/// Every `deploy.*` key this module produces (the lint checks both locales have them).
pub const KEYS: &[&str] = &[
    "deploy.size_unknown",
    "deploy.large_private",
    "deploy.large_public",
    "deploy.large_hybrid",
    "deploy.large_split",
    "deploy.large_only_private",
    "deploy.large_no_sensitive",
    "deploy.small",
    "deploy.small_consider_hybrid",
    "deploy.override",
    "deploy.confirmed",
];

fn reason(key: &'static str, clause: &'static str) -> Reason {
    Reason {
        text: Text::of(key),
        clause: Cow::Borrowed(clause),
    }
}

fn names_reason(key: &'static str, clause: &'static str, names: Vec<Name>) -> Reason {
    Reason {
        text: Text::of(key).names("systems", names),
        clause: Cow::Borrowed(clause),
    }
}

fn parse(option: &str) -> Option<Deployment> {
    [Deployment::Public, Deployment::Private, Deployment::Hybrid]
        .into_iter()
        .find(|d| d.option() == option)
}

/// Recommends and resolves the deployment model. `sys_facts` is indexed like `profile.systems`
/// and must include the strategy stage (`migrating`).
pub(crate) fn decide(
    content: &Content,
    profile: &Profile,
    tables: &super::Tables,
    ent_facts: &Facts,
    sys_facts: &[Facts],
) -> DeploymentResult {
    let slots = &super::compiled::Rules::of(content).sys_slots;
    let (sensitivity, users) = (slots.sensitivity, slots.users);
    let rules = &content.rules.deployment;
    let mut reasons = Vec::new();
    let moving = profile
        .systems
        .iter()
        .zip(sys_facts)
        .enumerate()
        .filter(|(_, (_, f))| f.has(facts::MIGRATING));
    let (mut high, mut outside, mut both): (Vec<Name>, Vec<Name>, Vec<(SystemId, Name)>) =
        Default::default();
    let mut hint = Vec::new();
    for (i, (s, f)) in moving {
        // A repurchased (SaaS) system keeps its data with the SaaS provider, not in a private
        // cloud; systems used by staff connect employees like customers and suppliers (§五).
        let h = f.has(facts::HIGH_SENSITIVITY) && !f.has(facts::STRATEGY_REPURCHASE);
        let o = if rules.connecting_users.is_empty() {
            f.has(facts::OUTSIDE_USERS)
        } else {
            super::compiled::choices_of(super::compiled::at(tables.sys(i), users))
                .iter()
                .any(|u| rules.connecting_users.contains(u))
        };
        if h {
            high.push(Name::system(&s.name, s.id));
        }
        if o {
            outside.push(Name::system(&s.name, s.id));
        }
        if h && o {
            both.push((s.id, Name::system(&s.name, s.id)));
        }
        let hinted = super::compiled::choice_of(super::compiled::at(tables.sys(i), sensitivity))
            .is_some_and(|v| rules.sme_hybrid_hint.iter().any(|x| x == v));
        if hinted && f.has(facts::OUTSIDE_USERS) {
            hint.push(Name::system(&s.name, s.id));
        }
    }

    let recommended = if ent_facts.has(facts::SIZE_UNKNOWN) {
        reasons.push(reason("deploy.size_unknown", "五"));
        Deployment::Public
    } else if ent_facts.has(facts::SIZE_LARGE) {
        let has_high = !high.is_empty();
        let has_outside = !outside.is_empty();
        if has_high {
            reasons.push(names_reason("deploy.large_private", "五", high));
        }
        if has_outside {
            reasons.push(names_reason("deploy.large_public", "五", outside));
        }
        match (has_high, has_outside) {
            (true, true) => {
                reasons.push(reason("deploy.large_hybrid", "五"));
                if !both.is_empty() {
                    let names: Vec<Name> = both.iter().map(|(_, n)| n.clone()).collect();
                    reasons.push(names_reason("deploy.large_split", "五", names));
                }
                Deployment::Hybrid
            }
            (true, false) => {
                reasons.push(reason("deploy.large_only_private", "五"));
                Deployment::Private
            }
            (false, _) => {
                reasons.push(reason("deploy.large_no_sensitive", "五"));
                Deployment::Public
            }
        }
    } else {
        reasons.push(reason("deploy.small", "六"));
        if !hint.is_empty() {
            reasons.push(names_reason("deploy.small_consider_hybrid", "六", hint));
        }
        Deployment::Public
    };

    let user = profile.answers.choice(QUESTION).and_then(parse);
    let chosen = user.unwrap_or(recommended);
    let overridden = user.is_some_and(|u| u != recommended);
    if let Some(u) = user {
        let key = if overridden {
            "deploy.override"
        } else {
            "deploy.confirmed"
        };
        let text = Text::of(key)
            .key("chosen", format!("opt.deployment.{}", u.option()))
            .key(
                "recommended",
                format!("opt.deployment.{}", recommended.option()),
            );
        reasons.push(Reason {
            text,
            clause: Cow::Borrowed(if ent_facts.has(facts::SIZE_LARGE) {
                "五"
            } else {
                "六"
            }),
        });
    }
    let split = if chosen == Deployment::Hybrid {
        both.iter().map(|(id, _)| *id).collect()
    } else {
        Vec::new()
    };
    DeploymentResult {
        recommended,
        chosen,
        overridden,
        reasons,
        split,
    }
}
