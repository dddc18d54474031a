//! Cloud services from the catalogue (§七/八/九).
//!
//! Each service of `assets/catalogue.ron` lists `suggest` conditions; it is suggested for every
//! migrating system for which any of them holds (evaluated with all facts, so a condition may
//! also test the enterprise, e.g. `deployment.hybrid`). `selected` mirrors the user's pick in
//! `s3.services`. The result lists, in catalogue order, every service that is suggested or
//! selected; the full catalogue is `Content::services`.

use super::compiled::{Fx, Rules, eval};
use super::facts::{self, Facts};
use super::{ServiceSuggestion, Tables};
use crate::content::Content;
use crate::model::Profile;

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
