//! Cloud services from the catalogue (§七/八/九).
//!
//! Each service of `assets/catalogue.ron` lists `suggest` conditions (recommended) and `need`
//! conditions (needed); it is suggested for every migrating system for which any of them holds
//! (evaluated with all facts, so a condition may also test the enterprise, e.g.
//! `deployment.hybrid`). `selected` mirrors the user's pick in `s3.services`. The result lists,
//! in catalogue order, every service that is suggested or selected, with the systems that need
//! it; the full catalogue is `Content::services`.
//!
//! **Gaps** (§七–§九): a service a system *needs* (a `need` rule holds for it: security for
//! sensitive or core data, attack protection for a system outside users reach, load balancing
//! for one with peaks and outside users, a link to what stays) but that is not selected is a gap
//! of that system (`gaps`; the plan lists it next to the system with the rule's reason, the
//! checklist asks to close it, step 3's readiness deducts for it). A service only recommended
//! for it (a `suggest` rule) is listed as a recommendation and is no gap.

use super::compiled::{Fx, Rules, eval};
use super::facts::{self, Facts};
use super::{Reason, ServiceGap, ServiceSuggestion, Tables};
use crate::content::Content;
use crate::content::{Name, Text};
use crate::model::Profile;
use std::borrow::Cow;
use std::sync::Arc;

/// The enterprise question holding the picked service ids.
pub const QUESTION: &str = "s3.services";

/// What a system needs: a service id and the text of the gap if it is not selected
/// (`gap.<why>`, from the first `need` rule that holds), indexed like `profile.systems`.
pub(crate) type Needs = Vec<Vec<(String, &'static str)>>;

/// Suggestions per service, the suggested service ids per system and what each system needs
/// (both indexed like `profile.systems`).
pub(crate) fn suggest(
    content: &Content,
    rules: &Rules,
    tables: &Tables,
    profile: &Profile,
    ent_facts: &Facts,
    sys_facts: &[Facts],
) -> (Vec<ServiceSuggestion>, Vec<Vec<String>>, Needs) {
    let mut per_system = vec![Vec::new(); profile.systems.len()];
    let mut needs: Needs = vec![Vec::new(); profile.systems.len()];
    let mut out = Vec::new();
    let base = Fx::once(&tables.ent, ent_facts);
    let migrating = facts::bit(facts::MIGRATING);
    let services = content
        .services()
        .zip(&rules.services)
        .zip(&rules.service_needs);
    for (((group, svc), conds), need_rules) in services {
        let mut suggested_for = Vec::new();
        let mut needed_for = Vec::new();
        for (i, (sys, f)) in profile.systems.iter().zip(sys_facts).enumerate() {
            if f.bits() & migrating == 0 {
                continue;
            }
            let fx = base.with_system(sys, tables.sys(i), f);
            let need = need_rules.iter().find(|(c, _)| eval(c, &fx)).map(|n| n.1);
            if need.is_none() && !conds.iter().any(|c| eval(c, &fx)) {
                continue;
            }
            suggested_for.push(sys.id);
            if let Some(list) = per_system.get_mut(i) {
                list.push(svc.id.clone());
            }
            if let Some(key) = need {
                needed_for.push(sys.id);
                if let Some(list) = needs.get_mut(i) {
                    list.push((svc.id.clone(), key));
                }
            }
        }
        let selected = profile.answers.choices(QUESTION).contains(&svc.id);
        if selected || !suggested_for.is_empty() {
            out.push(ServiceSuggestion {
                id: svc.id.clone(),
                group: group.id.clone(),
                clause: group.clause.clone(),
                selected,
                suggested_for,
                needed_for,
            });
        }
    }
    (out, per_system, needs)
}

/// The service gaps of each system (indexed like `profile.systems`): the services it needs
/// (`needs`) that are not selected, each with the reason of the rule that makes it needed;
/// `names` are the systems' names for the reasons.
pub(crate) fn gaps(
    content: &Content,
    profile: &Profile,
    needs: &Needs,
    names: &[Name],
) -> Vec<Vec<ServiceGap>> {
    let selected = profile.answers.choices(QUESTION);
    needs
        .iter()
        .enumerate()
        .map(|(i, needed)| {
            let name = names
                .get(i)
                .cloned()
                .unwrap_or_else(|| Name::Given(Arc::from("")));
            needed
                .iter()
                .filter(|(id, _)| !selected.contains(id))
                .map(|(id, key)| {
                    let clause = content
                        .services()
                        .find(|(_, s)| s.id == *id)
                        .map_or_else(|| "七".to_owned(), |(g, _)| g.clause.clone());
                    ServiceGap {
                        service: id.clone(),
                        reason: Reason {
                            text: Text::of(key)
                                .name("system", name.clone())
                                .key("service", format!("svc.{id}")),
                            clause: Cow::Owned(clause),
                        },
                    }
                })
                .collect()
        })
        .collect()
}
