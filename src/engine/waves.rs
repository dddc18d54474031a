//! Migration waves from the dependency graph (§十四 "由易而难": easy before hard, what others
//! depend on before them).
//!
//! Only migrating systems (effective strategy not `keep`) take part. Edges go from a system to
//! the systems it depends on; self-dependencies, unknown ids and duplicates are ignored. A
//! dependency on a kept system does not delay anything, but is reported
//! ([`WavePlan::depends_on_kept`]) so that the plan covers the coordination (§十三).
//!
//! Strongly connected components are found with Tarjan's algorithm written **iteratively**
//! (an explicit call stack), so a 2,000-deep chain cannot overflow the thread stack. Tarjan
//! emits a component only after every component reachable from it, i.e. after everything it
//! depends on, so each component's wave is `1 + max(wave of what it depends on)` computed at
//! emission. Members of one cycle share a wave. Time and memory are linear in systems +
//! dependencies. Within a wave systems keep inventory order.

use super::Wave;
use crate::content::FxMap;
use crate::model::{Profile, SystemId};

/// The waves and per-system results, indexed like `profile.systems`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WavePlan {
    pub waves: Vec<Wave>,
    /// The wave of each system; `None` when it does not migrate.
    pub wave_of: Vec<Option<u32>>,
    /// In a dependency cycle with other migrating systems.
    pub in_cycle: Vec<bool>,
    /// Migrating and depends on at least one kept system.
    pub depends_on_kept: Vec<bool>,
}

const UNVISITED: usize = usize::MAX;

/// Plans the waves. `migrating[i]` says whether `profile.systems[i]` moves; a shorter slice
/// counts the rest as migrating.
pub fn plan(profile: &Profile, migrating: &[bool]) -> WavePlan {
    let n = profile.systems.len();
    let moves = |i: usize| migrating.get(i).copied().unwrap_or(true);
    // First occurrence wins if a hand-edited file repeats an id.
    let mut index_of: FxMap<SystemId, usize> = FxMap::default();
    index_of.reserve(n);
    for (i, s) in profile.systems.iter().enumerate() {
        index_of.entry(s.id).or_insert(i);
    }
    let mut depends_on_kept = vec![false; n];
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, s) in profile.systems.iter().enumerate() {
        if !moves(i) {
            continue;
        }
        for d in &s.depends_on {
            match index_of.get(d) {
                Some(&j) if j == i => {}
                Some(&j) if moves(j) => adj[i].push(j),
                Some(_) => depends_on_kept[i] = true,
                None => {}
            }
        }
    }

    // Iterative Tarjan.
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut call: Vec<(usize, usize)> = Vec::new(); // (node, next edge)
    let mut comp = vec![UNVISITED; n];
    let mut comp_wave: Vec<u32> = Vec::new();
    let mut comp_size: Vec<usize> = Vec::new();
    let mut next_index = 0usize;
    for root in 0..n {
        if !moves(root) || index[root] != UNVISITED {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        call.push((root, 0));
        while let Some(top) = call.last_mut() {
            let v = top.0;
            if let Some(&w) = adj[v].get(top.1) {
                top.1 += 1;
                if index[w] == UNVISITED {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let c = comp_wave.len();
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = c;
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                // Everything the component depends on is already emitted.
                let mut wave = 1u32;
                for &m in &members {
                    for &d in &adj[m] {
                        if comp[d] != c {
                            let dw = comp_wave.get(comp[d]).copied().unwrap_or(0);
                            wave = wave.max(dw.saturating_add(1));
                        }
                    }
                }
                comp_wave.push(wave);
                comp_size.push(members.len());
            }
        }
    }

    let wave_of: Vec<Option<u32>> = (0..n).map(|i| comp_wave.get(comp[i]).copied()).collect();
    let in_cycle: Vec<bool> = (0..n)
        .map(|i| comp_size.get(comp[i]).is_some_and(|&s| s > 1))
        .collect();
    let count = wave_of.iter().flatten().copied().max().unwrap_or(0);
    let mut waves: Vec<Wave> = (1..=count)
        .map(|number| Wave {
            number,
            systems: Vec::new(),
            cyclic: false,
        })
        .collect();
    for (i, w) in wave_of.iter().enumerate() {
        if let Some(wave) = w
            .and_then(|w| w.checked_sub(1))
            .and_then(|k| waves.get_mut(k as usize))
        {
            wave.systems.push(profile.systems[i].id);
            wave.cyclic |= in_cycle[i];
        }
    }
    WavePlan {
        waves,
        wave_of,
        in_cycle,
        depends_on_kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Profile {
        let mut p = Profile::default();
        let ids: Vec<SystemId> = (0..n).map(|i| p.add_system(format!("S{i}"))).collect();
        for w in ids.windows(2) {
            p.toggle_dependency(w[1], w[0]);
        }
        p
    }

    #[test]
    fn a_long_chain_does_not_overflow_and_gives_one_wave_per_link() {
        let p = chain(5000);
        let plan = plan(&p, &[]);
        assert_eq!(plan.waves.len(), 5000);
        assert_eq!(plan.wave_of[4999], Some(5000));
        assert!(plan.in_cycle.iter().all(|c| !c));
    }

    #[test]
    fn a_cycle_shares_one_wave() {
        let mut p = chain(3);
        let (a, c) = (p.systems[0].id, p.systems[2].id);
        p.toggle_dependency(a, c);
        let plan = plan(&p, &[]);
        assert_eq!(plan.waves.len(), 1);
        assert!(plan.waves[0].cyclic);
        assert_eq!(
            plan.waves[0].systems,
            p.systems.iter().map(|s| s.id).collect::<Vec<_>>()
        );
    }
}
