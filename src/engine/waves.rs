//! Migration waves: dependencies first, then easy first, within a capacity, with pins.
//!
//! Only migrating systems (effective strategy not `keep`) take part. Edges go from a system to
//! the systems it depends on; self-dependencies, unknown ids and duplicates are ignored. A
//! dependency on a kept system does not delay anything, but is reported
//! ([`WavePlan::depends_on_kept`]) so that the plan covers the coordination (§十三).
//!
//! 1. Strongly connected components (iterative Tarjan, so a 2,000-deep chain cannot overflow
//!    the stack): a dependency cycle moves together, as one unit.
//! 2. A list schedule over the components: a unit is *ready* for wave `w` once everything it
//!    depends on moved in an earlier wave and `w` is not before its pin. Each wave takes ready
//!    units easiest first (difficulty, then higher §三 priority, then inventory order) while
//!    they fit the capacity; the first that does not fit closes the wave, so a harder system
//!    never jumps ahead of an easier one. A unit larger than the capacity (only a cycle can be)
//!    waits while anything else fits an empty wave, then moves alone and is flagged. Wave 1
//!    holds at most `pilot_max` systems and only low-difficulty ones when any is ready: then it
//!    is the **pilot** (a small wave of simple applications first, to prove the way of
//!    working: sound migration practice, not a phrase of §十四). When no low-difficulty system
//!    is ready it still takes the easiest ready, but it is no pilot ([`Wave::pilot`] false,
//!    [`Why::FirstNoPilot`]): a first wave of harder systems proves nothing cheaply, and the
//!    plan says so rather than call it one.
//! 3. A pin later than every wave that would otherwise exist cannot be met without an empty
//!    wave; such units move in the next wave and are flagged ([`Why::PinShort`]).
//!
//! Time is O((systems + dependencies) · log systems), memory linear.
//!
//! The schema-1 numbering ("layers": `1 + the latest wave of what it depends on`) is kept only
//! to find which systems a v1 profile's number-keyed wave answers belonged to
//! (`legacy_anchors`).

use super::{Difficulty, Wave};
use crate::content::FxMap;
use crate::model::{Answers, Profile, SystemId};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What the schedule needs besides the dependency graph, indexed like `profile.systems`
/// (shorter slices: migrating, low, priority 0, no pin).
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub migrating: &'a [bool],
    pub difficulty: &'a [Difficulty],
    pub priority: &'a [f64],
    pub pins: &'a [Option<u32>],
    /// Most systems per wave (at least 1).
    pub capacity: usize,
    /// Most systems in the pilot wave (at least 1).
    pub pilot_max: usize,
}

impl Inputs<'_> {
    /// Every system migrating, low difficulty, no pins, no capacity limit to speak of.
    pub fn unbounded(migrating: &[bool]) -> Inputs<'_> {
        Inputs {
            migrating,
            difficulty: &[],
            priority: &[],
            pins: &[],
            capacity: usize::MAX,
            pilot_max: usize::MAX,
        }
    }
}

/// Why a system is in its wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// In the pilot wave: wave 1, made of low-difficulty systems only.
    Pilot,
    /// In wave 1, which is no pilot: no low-difficulty system was ready, so the easiest ready
    /// systems move first.
    FirstNoPilot,
    /// Right after the wave of `dep` (an index), which `via` (this system or a member of its
    /// cycle) depends on.
    After { dep: usize, via: usize },
    /// Ready earlier, but the earlier waves were full (capacity), easier systems first.
    Capacity,
    /// Ready for the pilot, but the pilot takes only low-difficulty systems.
    NotPilot,
    /// Pinned by the enterprise to this wave.
    Pinned(u32),
    /// Pinned to a later wave, but no other system could move before then: moves in the next
    /// wave rather than after empty ones.
    PinShort(u32),
    /// In a dependency cycle whose members move together: it waited for a wave with room for
    /// all of them, or (`alone`) the cycle is larger than a wave holds and moved on its own once
    /// nothing else was waiting.
    Cycle { alone: bool },
}

/// The waves and per-system results, indexed like `profile.systems`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WavePlan {
    pub waves: Vec<Wave>,
    /// The wave of each system; `None` when it does not migrate.
    pub wave_of: Vec<Option<u32>>,
    /// Why each migrating system is in its wave.
    pub why: Vec<Option<Why>>,
    /// In a dependency cycle with other migrating systems.
    pub in_cycle: Vec<bool>,
    /// For a member of a cycle, an id shared by the members of that cycle (and no one else).
    pub cycle: Vec<Option<usize>>,
    /// Migrating and depends on at least one kept system.
    pub depends_on_kept: Vec<bool>,
    /// The earliest wave its dependencies' waves allow: one after the latest of them.
    pub earliest: Vec<Option<u32>>,
}

const UNVISITED: usize = usize::MAX;

/// Components of the migrating subgraph, deps before dependents.
struct Graph {
    adj: Vec<Vec<usize>>,
    comp: Vec<usize>,
    members: Vec<Vec<usize>>,
    depends_on_kept: Vec<bool>,
}

fn graph(profile: &Profile, moves: &dyn Fn(usize) -> bool) -> Graph {
    let n = profile.systems.len();
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

    // Iterative Tarjan: a component is emitted after every component it depends on.
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut call: Vec<(usize, usize)> = Vec::new(); // (node, next edge)
    let mut comp = vec![UNVISITED; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
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
                let c = members.len();
                let mut m = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = c;
                    m.push(w);
                    if w == v {
                        break;
                    }
                }
                m.sort_unstable();
                members.push(m);
            }
        }
    }
    Graph {
        adj,
        comp,
        members,
        depends_on_kept,
    }
}

/// Plans the waves with dependencies only (no capacity, no pins, all low difficulty).
pub fn plan(profile: &Profile, migrating: &[bool]) -> WavePlan {
    schedule(profile, &Inputs::unbounded(migrating))
}

/// Plans the waves (see the module docs).
pub fn schedule(profile: &Profile, inp: &Inputs) -> WavePlan {
    let n = profile.systems.len();
    let moves = |i: usize| inp.migrating.get(i).copied().unwrap_or(true);
    let g = graph(profile, &moves);
    let nc = g.members.len();
    let capacity = inp.capacity.max(1);
    let pilot_max = inp.pilot_max.max(1).min(capacity);
    let diff = |i: usize| inp.difficulty.get(i).copied().unwrap_or_default();
    let prio = |i: usize| inp.priority.get(i).copied().unwrap_or(0.0);

    // Per component: ordering key, pin, earliest wave by dependencies, and the edges to it.
    let mut c_diff = vec![Difficulty::Low; nc];
    let mut c_prio = vec![0i64; nc];
    let mut c_pin = vec![0u32; nc];
    let mut remaining = vec![0usize; nc];
    // dependents[d] = (dependent component, dependent member, dep member)
    let mut dependents: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); nc];
    let mut layer = vec![0u32; nc];
    for (c, ms) in g.members.iter().enumerate() {
        let mut l = 1u32;
        for &m in ms {
            c_diff[c] = c_diff[c].max(diff(m));
            // Higher priority first: a smaller key sorts first.
            c_prio[c] = c_prio[c].min(-((prio(m).clamp(0.0, 100.0) * 100.0) as i64));
            c_pin[c] = c_pin[c].max(inp.pins.get(m).copied().flatten().unwrap_or(0));
            for &d in &g.adj[m] {
                let dc = g.comp[d];
                if dc != c {
                    remaining[c] += 1;
                    dependents[dc].push((c, m, d));
                    l = l.max(layer[dc].saturating_add(1));
                }
            }
        }
        layer[c] = l;
    }

    let mut c_wave = vec![0u32; nc];
    let mut c_ready = vec![0u32; nc];
    let mut c_via: Vec<Option<(usize, usize)>> = vec![None; nc];
    let mut c_short = vec![false; nc];
    // Units whose dependencies are all placed: (wave they may move in, unit).
    let mut pending: BinaryHeap<Reverse<(u32, usize)>> = BinaryHeap::new();
    for c in 0..nc {
        if remaining[c] == 0 {
            pending.push(Reverse((c_pin[c].max(1), c)));
        }
    }
    type Key = (Difficulty, i64, usize, usize);
    let key = |c: usize, g: &Graph| -> Key {
        (
            c_diff[c],
            c_prio[c],
            g.members[c].first().copied().unwrap_or(0),
            c,
        )
    };
    let mut ready: BinaryHeap<Reverse<Key>> = BinaryHeap::new();
    let mut waves: Vec<Vec<usize>> = Vec::new();
    let mut placed = 0usize;
    let mut w = 0u32;
    let mut pilot_low_only = false;
    while placed < nc {
        w += 1;
        while let Some(&Reverse((at, c))) = pending.peek() {
            if at > w {
                break;
            }
            pending.pop();
            c_ready[c] = w;
            ready.push(Reverse(key(c, &g)));
        }
        if ready.is_empty() {
            // Only units pinned to later waves are left: they move now (flagged).
            let Some(Reverse((at, _))) = pending.peek().copied() else {
                break;
            };
            while let Some(&Reverse((a, c))) = pending.peek() {
                if a != at {
                    break;
                }
                pending.pop();
                c_ready[c] = w;
                c_short[c] = true;
                ready.push(Reverse(key(c, &g)));
            }
        }
        let room_max = if w == 1 { pilot_max } else { capacity };
        if w == 1 {
            pilot_low_only = ready.peek().is_some_and(|r| r.0.0 == Difficulty::Low);
        }
        let mut taken: Vec<usize> = Vec::new();
        // Units larger than the room of an empty wave wait while anything else fits; only when
        // nothing does, the best of them moves alone (over capacity, flagged).
        let mut oversized: Vec<Reverse<Key>> = Vec::new();
        let mut size = 0usize;
        while let Some(&Reverse(k)) = ready.peek() {
            let c = k.3;
            let len = g.members[c].len();
            let allowed = !(w == 1 && pilot_low_only && c_diff[c] != Difficulty::Low);
            if !allowed {
                break;
            }
            if size + len > room_max {
                if !taken.is_empty() {
                    break;
                }
                ready.pop();
                oversized.push(Reverse(k));
                continue;
            }
            ready.pop();
            taken.push(c);
            size += len;
        }
        if taken.is_empty() && !oversized.is_empty() {
            let Reverse(best) = oversized.remove(0);
            taken.push(best.3);
        }
        ready.extend(oversized);
        for &c in &taken {
            c_wave[c] = w;
            placed += 1;
            for &(dc, via, dep) in &dependents[c] {
                remaining[dc] -= 1;
                if remaining[dc] == 0 {
                    c_via[dc] = Some((dep, via));
                    pending.push(Reverse((c_pin[dc].max(w + 1), dc)));
                }
            }
        }
        let mut members: Vec<usize> = taken
            .iter()
            .flat_map(|&c| g.members[c].iter().copied())
            .collect();
        members.sort_unstable();
        waves.push(members);
    }

    // Per-system results.
    let mut wave_of = vec![None; n];
    let mut why = vec![None; n];
    let mut in_cycle = vec![false; n];
    let mut cycle = vec![None; n];
    let mut earliest = vec![None; n];
    let mut c_earliest = vec![1u32; nc];
    for c in 0..nc {
        for &m in &g.members[c] {
            for &d in &g.adj[m] {
                let dc = g.comp[d];
                if dc != c {
                    c_earliest[c] = c_earliest[c].max(c_wave[dc].saturating_add(1));
                }
            }
        }
        let dep_wave = c_via[c].map_or(0, |(dep, _)| c_wave[g.comp[dep]]);
        let reason = if c_short[c] {
            Why::PinShort(c_pin[c])
        } else if c_wave[c] == 1 {
            if pilot_low_only {
                Why::Pilot
            } else {
                Why::FirstNoPilot
            }
        } else if c_wave[c] > c_ready[c] {
            let len = g.members[c].len();
            if c_ready[c] == 1 && c_wave[c] == 2 && pilot_low_only && c_diff[c] != Difficulty::Low {
                Why::NotPilot
            } else if len > 1 {
                let room = if c_wave[c] == 1 { pilot_max } else { capacity };
                Why::Cycle { alone: len > room }
            } else {
                Why::Capacity
            }
        } else if c_pin[c] == c_wave[c] && c_pin[c] > dep_wave + 1 {
            Why::Pinned(c_pin[c])
        } else if let Some((dep, via)) = c_via[c] {
            Why::After { dep, via }
        } else {
            Why::Capacity
        };
        for &m in &g.members[c] {
            wave_of[m] = Some(c_wave[c]);
            why[m] = Some(reason);
            in_cycle[m] = g.members[c].len() > 1;
            cycle[m] = in_cycle[m].then_some(c);
            earliest[m] = Some(c_earliest[c]);
        }
    }

    let legacy = legacy_anchors(profile, &g, &layer);
    let waves: Vec<Wave> = waves
        .into_iter()
        .enumerate()
        .map(|(k, members)| {
            let number = k as u32 + 1;
            let systems: Vec<SystemId> = members.iter().map(|&m| profile.systems[m].id).collect();
            let cyclic = members.iter().any(|&m| in_cycle[m]);
            let keyed = systems.iter().find(|id| profile.waves.contains_key(id));
            let (key, legacy) = match keyed {
                Some(id) => (*id, None),
                None => {
                    let old = members.iter().find_map(|m| legacy.get(m).copied());
                    (systems.first().copied().unwrap_or_default(), old)
                }
            };
            Wave {
                number,
                over_capacity: members.len() > if number == 1 { pilot_max } else { capacity },
                systems,
                cyclic,
                pilot: number == 1 && pilot_low_only,
                key,
                legacy,
                start: None,
                end: None,
                days: 0,
                days_given: false,
                reasons: Vec::new(),
            }
        })
        .collect();
    WavePlan {
        waves,
        wave_of,
        why,
        in_cycle,
        cycle,
        depends_on_kept: g.depends_on_kept,
        earliest,
    }
}

/// For a schema-1 profile: system index → the old wave number whose answers it anchors (the
/// first system, in inventory order, of each old wave that has answers).
fn legacy_anchors(profile: &Profile, g: &Graph, layer: &[u32]) -> FxMap<usize, u32> {
    let mut out = FxMap::default();
    if profile.legacy_waves.is_empty() {
        return out;
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, &c) in g.comp.iter().enumerate() {
        let Some(&l) = layer.get(c) else { continue };
        if profile.legacy_waves.contains_key(&l) && seen.insert(l) {
            out.insert(i, l);
        }
    }
    out
}

pub use crate::model::WaveRef;

impl WaveRef {
    pub fn of(w: &Wave) -> WaveRef {
        WaveRef {
            number: w.number,
            key: w.key,
            legacy: w.legacy,
        }
    }
}

/// The answers a wave reads (see [`WaveRef::answers`]).
pub fn answers<'a>(profile: &'a Profile, wave: &Wave) -> Option<&'a Answers> {
    WaveRef::of(wave).answers(profile)
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
