//! The checklist: actions generated from the answers by `assets/checklist.ron`.
//!
//! A rule emits one item (`Per::Once`) or one per system / wave / provider for which `among`
//! and `when` hold. Item ids are stable across renames, reorders and deletions because they
//! use stable ids, never positions or names: `<rule>`, `<rule>@sys<SystemId>` (see
//! [`crate::model::system_tick_suffix`]), `<rule>@wave-sys<SystemId>` (a wave by the system its
//! answers are filed under, [`super::Wave::key`], so that a tick stays with the wave's systems
//! when the waves are recomputed), `<rule>@prov<ProviderId>`. A schema-1 profile ticked wave
//! items by wave number (`<rule>@wave<n>`); such a tick still counts for the wave that reads that
//! number's answers, until the item is ticked again.
//! Texts are `check.<rule>` with the arguments `{system}`, `{wave}`, `{systems}` (the names of
//! the wave's systems, joined), `{cycle}` (those of them in a dependency cycle) and `{provider}`; enterprise-wide items also get `{deployment}`
//! (the recommended model). Items are grouped by step in step order, then
//! in rule order, then in entity order; `ticked` comes from `profile.ticks`.

use super::compiled::eval;
use super::{CheckItem, Deployment, Env, Target};
use crate::content::{Name, Text};
use crate::model::StepId;
use std::borrow::Cow;
use std::sync::Arc;

/// The id of the item a rule emits for a target.
pub(crate) fn item_id(env: &Env, rule: &str, target: Target) -> Option<String> {
    // `rule` + a suffix, written into one allocation (thousands of items per analysis).
    let with = |suffix: &str, n: u64| {
        let mut id = String::with_capacity(rule.len() + suffix.len() + 20);
        id.push_str(rule);
        id.push_str(suffix);
        crate::content::push_number(&mut id, n as f64, 0);
        id
    };
    Some(match target {
        Target::Once => rule.to_owned(),
        // `@sys<id>` is `system_tick_suffix` (a test holds them together).
        Target::System(i) => with("@sys", u64::from(env.system_id(i)?.0)),
        Target::Wave(i) => with("@wave-sys", u64::from(env.waves.get(i)?.key.0)),
        Target::Provider(i) => with("@prov", u64::from(env.provider_id(i)?.0)),
    })
}

/// `opt.deployment.<model>`.
fn deployment_key(d: Deployment) -> &'static str {
    match d {
        Deployment::Public => "opt.deployment.public",
        Deployment::Private => "opt.deployment.private",
        Deployment::Hybrid => "opt.deployment.hybrid",
    }
}

fn text(env: &Env, key: &'static str, target: Target) -> Text {
    let text = Text::of(key);
    match target {
        Target::Once => text.key_of("deployment", deployment_key(env.recommended)),
        Target::System(i) => match env.names.get(i) {
            Some(name) => text.name("system", name.clone()),
            None => text.plain("system", ""),
        },
        Target::Wave(i) => {
            let Some(w) = env.waves.get(i) else {
                return text;
            };
            let names = env
                .wave_names
                .get(i)
                .cloned()
                .unwrap_or_else(|| Arc::new([]));
            // The systems of a cyclic wave that are in the cycle (not the whole wave).
            let cycle: Vec<Name> = if w.cyclic {
                w.systems
                    .iter()
                    .filter_map(|id| env.profile.systems.iter().position(|s| s.id == *id))
                    .filter(|i| {
                        env.sys_facts
                            .get(*i)
                            .is_some_and(|f| f.has(super::facts::IN_CYCLE))
                    })
                    .filter_map(|i| env.names.get(i).cloned())
                    .collect()
            } else {
                Vec::new()
            };
            text.num("wave", f64::from(w.number), 0)
                .names("systems", names)
                .names("cycle", cycle)
        }
        Target::Provider(i) => match env.profile.providers.get(i) {
            Some(p) => text.name("provider", Name::provider(&p.name, p.id)),
            None => text.plain("provider", ""),
        },
    }
}

/// `{unchosen}`: the options of the multi-choice question `q` the enterprise has not chosen.
fn unchosen(env: &Env, q: Option<&str>, text: Text) -> Text {
    let Some(q) = q else {
        return text;
    };
    let Some(crate::content::QuestionKind::Multi(set)) = env.content.question(q).map(|d| &d.kind)
    else {
        return text;
    };
    let chosen = env.profile.answers.choices(q);
    let keys = env
        .content
        .options(set)
        .iter()
        .filter(|o| !chosen.contains(o))
        .map(|o| format!("opt.{set}.{o}"))
        .collect();
    text.keys("unchosen", keys)
}

pub(crate) fn build(env: &Env) -> Vec<CheckItem> {
    let rules = &env.content.checklist.rules;
    let mut items = Vec::new();
    for step in StepId::ALL {
        for (i, rule) in rules.iter().enumerate() {
            if rule.step != step.number() {
                continue;
            }
            let (Some((among, when)), Some(said)) =
                (env.rules.checklist.get(i), env.rules.check_keys.get(i))
            else {
                continue;
            };
            for target in env.targets(rule.per) {
                let Some(fx) = env.fx_for(target) else {
                    continue;
                };
                if !(eval(among, &fx) && eval(when, &fx)) {
                    continue;
                }
                let Some(id) = item_id(env, &rule.id, target) else {
                    continue;
                };
                // a schema-1 tick by wave number, for the wave that reads that number's answers
                let legacy_id = match target {
                    Target::Wave(w) => env
                        .waves
                        .get(w)
                        .and_then(|w| w.legacy)
                        .map(|n| format!("{}@wave{n}", rule.id))
                        .filter(|old| env.profile.ticks.contains(old)),
                    _ => None,
                };
                let ticked = legacy_id.is_some() || env.profile.ticks.contains(&id);
                items.push(CheckItem {
                    id,
                    step,
                    clause: Cow::Borrowed(said.clause),
                    text: unchosen(env, rule.unchosen.as_deref(), text(env, said.key, target)),
                    ticked,
                    legacy_id,
                });
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use crate::content::{Content, DEMO_RON, parse_ron};
    use crate::model::synthetic::synthetic_profile;
    use crate::model::{Profile, system_tick_suffix};

    /// Per-system item ids end with the profile's tick suffix, so that ticks find them.
    #[test]
    fn system_items_use_the_tick_suffix() {
        let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON).unwrap();
        let p = synthetic_profile(&demo, 30);
        let a = crate::engine::analyse(Content::get(), &p);
        let mut seen = 0;
        for item in &a.checklist {
            if let Some((_, n)) = item.id.split_once("@sys") {
                let s = p.systems.iter().find(|s| s.id.0.to_string() == n).unwrap();
                assert!(item.id.ends_with(&system_tick_suffix(s.id)), "{}", item.id);
                seen += 1;
            }
        }
        assert!(seen > 30, "{seen}");
    }
}
