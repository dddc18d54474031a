//! The wave schedule around [`super::waves`]: how many systems a wave may hold, where the pins
//! are, why each system is in its wave, each wave's start and end, and the date checks.
//!
//! - **Capacity**: `s5.max_per_wave`, else a default from `rules.ron` `schedule`: one system per
//!   `staff_per_system` IT staff (`s5.it_staff`) when known, else by enterprise size. The pilot
//!   holds `s5.pilot_size`, else `pilot_max`, and never more than the capacity.
//! - **Dates**: a wave starts on its `wave.start`, else the day after the previous wave ends
//!   (when that is known). It lasts `wave.days`, else the default for its hardest system. The
//!   end is the last day of the wave (inclusive).
//! - **Checks** ([`problems`]): a wave starting before an earlier wave starts (out of order), or
//!   while an earlier wave still runs — naming the dependency when it depends on that wave — as
//!   waves move one after another (see `date_problems`); a start date before today (the user's
//!   local day, passed in so the engine stays pure); the §十六 cut-over before the last wave
//!   ends; a wave whose days meet a blackout of the enterprise or of one of its systems ([`super::blackout`]). Each is a [`Problem`] on the field to change, so
//!   the wizard shows it next to that field, `shangyun check` lists it and the plan's risks
//!   repeat it; the clashes also make checklist items (facts `wave.out_of_order`,
//!   `wave.blackout`, `cutover_before_waves`).
//! - **Texts** name a system with no name by the export's placeholder ([`Name::system`]).

use super::analysis::{Difficulty, Reason};
use super::validate::{Entity, Problem};
use super::waves::{WavePlan, WaveRef, Why};
use crate::content::{Content, Name, Text, format_number};
use crate::model::date::{self, Date};
use crate::model::{Profile, SystemId};
use std::borrow::Cow;
use std::sync::Arc;

/// The most systems a wave may hold, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Capacity {
    pub per_wave: usize,
    pub pilot: usize,
    /// The enterprise gave `s5.max_per_wave`.
    pub given: bool,
    /// Why this number (`why.capacity.*`).
    pub reason: Text,
}

/// The capacity the enterprise gave, else the suggested default with its explanation.
pub fn capacity(content: &Content, profile: &Profile) -> Capacity {
    let r = &content.rules.schedule;
    let whole = |v: f64| v.is_finite().then(|| v.round().max(1.0) as usize);
    let staff = profile.answers.number("s5.it_staff").filter(|v| *v >= 0.0);
    let size = profile.answers.choice("ent.size");
    let (suggested, reason) = match (staff, size) {
        (Some(n), _) => {
            let per = f64::from(r.staff_per_system.max(1));
            let by_staff = (n / per).floor() as usize;
            let max = r.capacity_max.max(1) as usize;
            let v = by_staff.clamp(1, max);
            // no staff, fewer than one system's worth, more than a wave may hold, or as counted
            let key = if n < 1.0 {
                "why.capacity.no_staff"
            } else if by_staff < 1 {
                "why.capacity.few_staff"
            } else if by_staff > max {
                "why.capacity.staff_max"
            } else {
                "why.capacity.staff"
            };
            let t = Text::new(key)
                .num("n", v as f64, 0)
                .num("staff", n, 0)
                .num("per", per, 0);
            (v, t)
        }
        (None, Some(size)) if r.capacity_by_size.contains_key(size) => {
            let v = r.capacity_by_size.get(size).copied().unwrap_or(1).max(1) as usize;
            let t = Text::new("why.capacity.size")
                .num("n", v as f64, 0)
                .key("size", format!("opt.size.{size}"));
            (v, t)
        }
        _ => {
            let v = r.capacity_unknown.max(1) as usize;
            (v, Text::new("why.capacity.unknown").num("n", v as f64, 0))
        }
    };
    let given = profile.answers.number("s5.max_per_wave").and_then(whole);
    let per_wave = given.unwrap_or(suggested);
    let pilot = profile
        .answers
        .number("s5.pilot_size")
        .and_then(whole)
        .unwrap_or(r.pilot_max.max(1) as usize)
        .min(per_wave);
    let reason = match given {
        Some(v) => Text::new("why.capacity.given").num("n", v as f64, 0).num(
            "suggested",
            suggested as f64,
            0,
        ),
        None => reason,
    };
    Capacity {
        per_wave,
        pilot,
        given: given.is_some(),
        reason,
    }
}

/// Each system's pin (`sys.wave_pin`, a whole wave number ≥ 2), indexed like
/// `profile.systems`.
pub fn pins(profile: &Profile) -> Vec<Option<u32>> {
    profile
        .systems
        .iter()
        .map(|s| {
            s.answers
                .number("sys.wave_pin")
                .filter(|v| v.is_finite() && *v >= 1.0)
                .map(|v| v.min(f64::from(u32::MAX)).round() as u32)
        })
        .collect()
}

/// Default length in days of a wave whose hardest system is `d`.
pub fn default_days(content: &Content, d: Difficulty) -> u32 {
    let r = &content.rules.schedule;
    match d {
        Difficulty::Low => r.days_low,
        Difficulty::Medium => r.days_medium,
        Difficulty::High => r.days_high,
    }
    .max(1)
}

/// A wave's length in words: "1 day", "28 days, the default for its hardest system" (the
/// unit's singular form for one day).
pub fn length_text(w: &super::Wave) -> Text {
    let key = if w.days_given {
        "report.wave.days_given"
    } else {
        "report.wave.days_default"
    };
    let unit = if w.days == 1 {
        "unit.days.one"
    } else {
        "unit.days"
    };
    Text::of(key)
        .num("days", f64::from(w.days), 0)
        .key_of("unit", unit)
}

/// Fills each wave's start, end, length and reasons. `difficulty` and `names` are indexed
/// like `profile.systems` (`names` may be empty: no reasons then).
pub(crate) fn fill(
    content: &Content,
    profile: &Profile,
    plan: &mut WavePlan,
    difficulty: &[Difficulty],
    names: &[Arc<str>],
) {
    let index: crate::content::FxMap<SystemId, usize> = profile
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut prev_end: Option<Date> = None;
    for w in &mut plan.waves {
        let answers = WaveRef::of(w).answers(profile);
        let hardest = w
            .systems
            .iter()
            .filter_map(|id| index.get(id))
            .filter_map(|&i| difficulty.get(i).copied())
            .max()
            .unwrap_or_default();
        let given = answers
            .and_then(|a| a.number("wave.days"))
            .filter(|v| v.is_finite() && *v >= 1.0)
            .map(|v| v.min(3650.0).round() as u32);
        w.days = given.unwrap_or_else(|| default_days(content, hardest));
        w.days_given = given.is_some();
        let start = answers
            .and_then(|a| a.text("wave.start"))
            .and_then(date::parse)
            .or_else(|| prev_end.map(|e| date::add_days(e, 1)));
        let end = start.map(|s| date::add_days(s, i64::from(w.days) - 1));
        w.start = start.map(|d| d.to_string());
        w.end = end.map(|d| d.to_string());
        prev_end = end;
        if names.is_empty() {
            continue;
        }
        let name = |j: usize| {
            let id = profile
                .systems
                .get(j)
                .map_or_else(SystemId::default, |s| s.id);
            Name::system(names.get(j).map_or("", |n| n), id)
        };
        let members: Vec<usize> = w
            .systems
            .iter()
            .filter_map(|id| index.get(id).copied())
            .collect();
        w.reasons = members
            .iter()
            .filter_map(|&i| {
                let why = plan.why.get(i).copied()??;
                // the others of its cycle (all in this wave)
                let others: Vec<Name> = match plan.cycle.get(i).copied().flatten() {
                    Some(c) => members
                        .iter()
                        .filter(|&&j| j != i && plan.cycle.get(j).copied().flatten() == Some(c))
                        .map(|&j| name(j))
                        .collect(),
                    None => Vec::new(),
                };
                Some(why_text(why, w.number, others, &|j| name(j), i))
            })
            .collect();
    }
}

fn why_text(
    why: Why,
    wave: u32,
    others: Vec<Name>,
    name: &dyn Fn(usize) -> Name,
    i: usize,
) -> Reason {
    let t = |key: &str| Text::new(key).name("system", name(i));
    let text = match why {
        Why::Pilot => t("why.wave.pilot_low"),
        Why::FirstNoPilot => t("why.wave.first_no_pilot"),
        Why::After { dep, via } if via == i => t("why.wave.after").name("dep", name(dep)),
        Why::After { dep, via } => t("why.wave.after_cycle")
            .name("dep", name(dep))
            .name("via", name(via)),
        Why::Capacity => t("why.wave.capacity"),
        Why::NotPilot => t("why.wave.not_pilot"),
        Why::Pinned(n) => t("why.wave.pinned").num("n", f64::from(n), 0),
        Why::PinShort(n) => {
            t("why.wave.pin_short")
                .num("n", f64::from(n), 0)
                .num("wave", f64::from(wave), 0)
        }
        Why::Cycle { alone: false } => t("why.wave.cycle").names("others", others),
        Why::Cycle { alone: true } => t("why.wave.cycle_alone").names("others", others),
    };
    Reason {
        text,
        clause: Cow::Borrowed("十四"),
    }
}

/// The date checks of a planned schedule (see the module docs). `today` is the user's local
/// day; `None` skips the "in the past" check (e.g. a reproducible export).
pub fn problems(
    profile: &Profile,
    analysis: &super::Analysis,
    today: Option<Date>,
) -> Vec<Problem> {
    let mut out = date_problems(profile, &analysis.waves, today);
    for s in &profile.systems {
        let Some(pin) = s.answers.number("sys.wave_pin") else {
            continue;
        };
        let Some(r) = analysis.system(s.id) else {
            continue;
        };
        if let (Some(wave), Some(earliest)) = (r.wave, r.earliest_wave)
            && f64::from(earliest) > pin
        {
            out.push(Problem {
                question: "sys.wave_pin".into(),
                entity: Entity::System(s.id),
                text: Text::new("val.pin.before_deps")
                    .name("system", Name::system(&s.name, s.id))
                    .plain("pin", format_number(pin, 0))
                    .num("dep_wave", f64::from(earliest - 1), 0)
                    .num("wave", f64::from(wave), 0),
                blocks_next: false,
            });
        }
    }
    out
}

/// Keys of the problems of a wave's place in time (order, overlap, dependency), which the
/// checklist's `wave.out_of_order` fact stands for.
pub const ORDER_KEYS: [&str; 3] = ["val.wave.order", "val.wave.overlap", "val.wave.before_dep"];
/// Keys of a wave's blackout problems (the `wave.blackout` fact).
pub const BLACKOUT_KEYS: [&str; 2] = ["val.wave.blackout", "val.wave.blackout_system"];

/// The checks of the waves' dates alone (everything but the pins), for [`problems`] and, with
/// `today` `None`, for the checklist's facts while the analysis is built.
///
/// Waves are numbered in the order they move, and one runs after the other: the capacity is
/// what the team can move *in one wave*, and each wave (the pilot first) is to teach the next.
/// So a wave that starts before an earlier one starts is out of order, and one that starts
/// while an earlier one still runs overlaps it, whether or not it depends on it (a dependency
/// is named when there is one). One problem per wave, the gravest.
pub(crate) fn date_problems(
    profile: &Profile,
    waves: &[super::Wave],
    today: Option<Date>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let wave_of: crate::content::FxMap<SystemId, usize> = waves
        .iter()
        .enumerate()
        .flat_map(|(k, w)| w.systems.iter().map(move |id| (*id, k)))
        .collect();
    let name = |id: SystemId| Name::system(profile.system(id).map_or("", |s| s.name.as_str()), id);
    let d = |s: &Option<String>| s.as_deref().and_then(date::parse);
    let (ent_blackouts, sys_blackouts) = super::blackout::of(profile);
    let index: crate::content::FxMap<SystemId, usize> = profile
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    for (k, w) in waves.iter().enumerate() {
        let entity = Entity::Wave(WaveRef::of(w));
        let start = d(&w.start);
        if let (Some(s), Some(e)) = (start, d(&w.end)) {
            let own = w.systems.iter().filter_map(|id| {
                let i = *index.get(id)?;
                Some((Some(*id), sys_blackouts.get(i)?))
            });
            let hit = std::iter::once((None, &ent_blackouts))
                .chain(own)
                .find_map(|(who, ps)| {
                    ps.iter()
                        .find(|p| super::blackout::hits(p, s, e))
                        .map(|p| (who, p))
                });
            if let Some((who, p)) = hit {
                let text = match who {
                    None => Text::new(BLACKOUT_KEYS[0]),
                    Some(id) => Text::new(BLACKOUT_KEYS[1]).name("system", name(id)),
                };
                out.push(Problem {
                    question: "wave.start".into(),
                    entity,
                    text: text
                        .plain("start", s.to_string())
                        .plain("end", e.to_string())
                        .plain("period", p.text.clone()),
                    blocks_next: false,
                });
            }
        }
        let given_start = WaveRef::of(w)
            .answers(profile)
            .and_then(|a| a.text("wave.start"))
            .and_then(date::parse);
        if let (Some(s), Some(today)) = (given_start, today)
            && s < today
        {
            out.push(Problem {
                question: "wave.start".into(),
                entity,
                text: Text::new("val.wave.past")
                    .plain("start", s.to_string())
                    .plain("today", today.to_string()),
                blocks_next: false,
            });
        }
        let Some(s) = start else { continue };
        if let Some(p) = order_problem(waves, k, s, &d) {
            out.push(Problem {
                question: "wave.start".into(),
                entity,
                text: p,
                blocks_next: false,
            });
            continue;
        }
        // The latest-ending wave this one depends on.
        let mut dep: Option<(usize, SystemId, SystemId)> = None;
        for id in &w.systems {
            let Some(sys) = profile.system(*id) else {
                continue;
            };
            for d_id in &sys.depends_on {
                if let Some(&j) = wave_of.get(d_id)
                    && j < k
                    && dep.is_none_or(|(x, _, _)| {
                        d(&waves[j].end)
                            .zip(d(&waves[x].end))
                            .is_some_and(|(a, b)| a > b)
                    })
                {
                    dep = Some((j, *id, *d_id));
                }
            }
        }
        let dep_clash = dep.and_then(|(j, via, on)| {
            let e = d(&waves[j].end)?;
            (s <= e).then(|| {
                Text::new("val.wave.before_dep")
                    .plain("start", s.to_string())
                    .num("dep_wave", f64::from(waves[j].number), 0)
                    .plain("end", e.to_string())
                    .name("system", name(via))
                    .name("dep", name(on))
            })
        });
        // Else the latest-ending earlier wave still running on its start.
        let overlap = || {
            let (j, e) = waves[..k]
                .iter()
                .enumerate()
                .filter_map(|(j, x)| Some((j, d(&x.end)?)))
                .max_by_key(|&(j, e)| (e, j))?;
            (s <= e).then(|| {
                Text::new("val.wave.overlap")
                    .plain("start", s.to_string())
                    .num("wave", f64::from(waves[j].number), 0)
                    .plain("end", e.to_string())
            })
        };
        if let Some(text) = dep_clash.or_else(overlap) {
            out.push(Problem {
                question: "wave.start".into(),
                entity,
                text,
                blocks_next: false,
            });
        }
    }
    let cut = Cutover::of(profile, waves);
    if let (Some(c), Some(e)) = (cut.date, cut.last_end)
        && cut.early()
    {
        out.push(Problem {
            question: "s7.cutover".into(),
            entity: Entity::Enterprise,
            text: Text::new("val.cutover_before_waves")
                .plain("cutover", c.to_string())
                .plain("end", e.to_string()),
            blocks_next: false,
        });
    }
    out
}

/// The formal cut-over (§十六) beside the end of the migration: the one comparison the date
/// check, the checklist and the scorecard all read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cutover {
    /// `s7.cutover`, when it is a date.
    pub date: Option<Date>,
    /// When the last dated wave ends.
    pub last_end: Option<Date>,
    /// There are waves and every one of them has an end date.
    pub all_dated: bool,
}

impl Cutover {
    pub fn of(profile: &Profile, waves: &[super::Wave]) -> Cutover {
        let ends: Vec<Option<Date>> = waves
            .iter()
            .map(|w| w.end.as_deref().and_then(date::parse))
            .collect();
        Cutover {
            date: profile.answers.text("s7.cutover").and_then(date::parse),
            last_end: ends.iter().flatten().max().copied(),
            all_dated: !ends.is_empty() && ends.iter().all(Option::is_some),
        }
    }

    /// The cut-over comes before a wave ends.
    pub fn early(&self) -> bool {
        self.date.zip(self.last_end).is_some_and(|(c, e)| c < e)
    }

    /// The cut-over follows the whole migration: every wave dated, none ending after it.
    pub fn after_waves(&self) -> bool {
        self.all_dated && self.date.zip(self.last_end).is_some_and(|(c, e)| c >= e)
    }
}

/// Wave `k`, starting on `s`, starts before an earlier wave starts: the first such wave, with
/// its dates.
fn order_problem(
    waves: &[super::Wave],
    k: usize,
    s: Date,
    d: &dyn Fn(&Option<String>) -> Option<Date>,
) -> Option<Text> {
    let (earlier, its_start) = waves[..k]
        .iter()
        .find_map(|x| d(&x.start).filter(|b| s < *b).map(|b| (x, b)))?;
    let mut t = Text::new("val.wave.order")
        .plain("start", s.to_string())
        .num("wave", f64::from(earlier.number), 0)
        .plain("wave_start", its_start.to_string());
    let last_end = waves[..k].iter().filter_map(|x| d(&x.end)).max();
    if let Some(e) = last_end {
        t = t.plain("end", e.to_string());
    }
    Some(t)
}
