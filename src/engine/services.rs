//! Cloud services from the catalogue (§七/八/九).
//!
//! Each service of `assets/catalogue.ron` lists `suggest` conditions; it is suggested for every
//! migrating system for which any of them holds (evaluated with all facts, so a condition may
//! also test the enterprise, e.g. `deployment.hybrid`). `selected` mirrors the user's pick in
//! `s3.services`. The result lists, in catalogue order, every service that is suggested or
//! selected; the full catalogue is `Content::services`.
//!
//! **Gaps** (§七–§九): a service suggested for a system that holds sensitive or core data, or
//! that has peaks and outside users, but not selected, is a gap of that system
//! (`gaps`; the plan lists it next to the system, the checklist asks to close it).

use super::compiled::{Fx, Rules, eval};
use super::facts::{self, Facts};
use super::{Reason, ServiceGap, ServiceSuggestion, Tables};
use crate::content::Content;
use crate::content::Text;
use crate::model::Profile;
use std::borrow::Cow;
use std::sync::Arc;

/// The enterprise question holding the picked service ids.
pub const QUESTION: &str = "s3.services";

/// Suggestions per service, and the suggested service ids per system (indexed like
/// `profile.systems`).
pub(crate) fn suggest(
    content: &Content,
    rules: &Rules,
    tables: &Tables,
    profile: &Profile,
    ent_facts: &Facts,
    sys_facts: &[Facts],
) -> (Vec<ServiceSuggestion>, Vec<Vec<String>>) {
    let mut per_system = vec![Vec::new(); profile.systems.len()];
    let mut out = Vec::new();
    let base = Fx::once(&tables.ent, ent_facts);
    let migrating = facts::bit(facts::MIGRATING);
    for ((group, svc), conds) in content.services().zip(&rules.services) {
        let mut suggested_for = Vec::new();
        for (i, (sys, f)) in profile.systems.iter().zip(sys_facts).enumerate() {
            if f.bits() & migrating == 0 {
                continue;
            }
            let fx = base.with_system(sys, tables.sys(i), f);
            if conds.iter().any(|c| eval(c, &fx)) {
                suggested_for.push(sys.id);
                if let Some(list) = per_system.get_mut(i) {
                    list.push(svc.id.clone());
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
            });
        }
    }
    (out, per_system)
}

/// The service gaps of each system (indexed like `profile.systems`): its suggested services
/// (`per_system`) that are not selected, when it holds sensitive or core data or has peaks and
/// outside users; `names` are the systems' names for the reasons.
pub(crate) fn gaps(
    content: &Content,
    profile: &Profile,
    per_system: &[Vec<String>],
    sys_facts: &[Facts],
    names: &[Arc<str>],
) -> Vec<Vec<ServiceGap>> {
    let selected = profile.answers.choices(QUESTION);
    per_system
        .iter()
        .zip(sys_facts)
        .enumerate()
        .map(|(i, (suggested, f))| {
            let key = if f.has(facts::HIGH_SENSITIVITY) {
                "gap.sensitive"
            } else if f.has(facts::PEAKS) && f.has(facts::OUTSIDE_USERS) {
                "gap.peaks"
            } else {
                return Vec::new();
            };
            let name = names.get(i).cloned().unwrap_or_else(|| Arc::from(""));
            suggested
                .iter()
                .filter(|id| !selected.contains(id))
                .map(|id| {
                    let clause = content
                        .services()
                        .find(|(_, s)| s.id == *id)
                        .map_or_else(|| "七".to_owned(), |(g, _)| g.clause.clone());
                    ServiceGap {
                        service: id.clone(),
                        reason: Reason {
                            text: Text::of(key)
                                .plain("system", name.clone())
                                .key("service", format!("svc.{id}")),
                            clause: Cow::Owned(clause),
                        },
                    }
                })
                .collect()
        })
        .collect()
}
