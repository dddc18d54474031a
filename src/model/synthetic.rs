//! Deterministic synthetic profiles of any size, for benchmarks and stress tests (an IT lead's
//! inventory of 2,000 systems). Not used by the wizard itself.

use super::{Answer, Profile, SystemId};

/// A tiny deterministic generator (64-bit LCG), so the same `n` always gives the same profile.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.below(options.len() as u64) as usize]
    }
}

/// A profile with `n` systems, every question answered, each system depending on up to three
/// earlier ones, and a two-system cycle every 50 systems. `base` provides the enterprise-level
/// answers, providers and waves (e.g. the demo); its systems are replaced.
pub fn synthetic_profile(base: &Profile, n: usize) -> Profile {
    let mut p = base.clone();
    p.systems.clear();
    p.ticks.clear();
    p.next_system_id = 1;
    let mut rng = Lcg(0x5eed_0000 ^ n as u64);
    for i in 0..n {
        let id = p.add_system(format!("系统 System {i:04}"));
        let mut deps = Vec::new();
        if i > 0 {
            for _ in 0..rng.below(4) {
                let d = SystemId(1 + rng.below(i as u64) as u32);
                if !deps.contains(&d) {
                    deps.push(d);
                }
            }
        }
        if i % 50 == 49 {
            deps.push(SystemId(id.0 - 1)); // with the next line, a cycle between i-1 and i
        }
        let yes_no = |rng: &mut Lcg| Answer::YesNo(rng.below(5) != 0);
        let a = &mut p.systems[i].answers;
        let business = [
            "office",
            "management",
            "operations",
            "rnd",
            "production",
            "smart",
            "infrastructure",
            "platform",
        ];
        a.set(
            "sys.business",
            Some(Answer::Choice(rng.pick(&business).into())),
        );
        let users = ["internal", "customers", "suppliers"];
        a.set(
            "sys.users",
            Some(Answer::Choices(vec![rng.pick(&users).into()])),
        );
        a.set(
            "sys.usage",
            Some(Answer::Choice(rng.pick(&["steady", "peaks"]).into())),
        );
        a.set(
            "sys.peak_users",
            Some(Answer::Number(rng.below(5000) as f64)),
        );
        a.set(
            "sys.response_ms",
            Some(Answer::Number(100.0 + rng.below(2000) as f64)),
        );
        let dbs = [
            "none",
            "mysql",
            "postgresql",
            "oracle",
            "sqlserver",
            "domestic",
            "nosql",
            "other",
        ];
        a.set("sys.database", Some(Answer::Choice(rng.pick(&dbs).into())));
        let sens = ["public", "internal", "sensitive", "core"];
        a.set(
            "sys.sensitivity",
            Some(Answer::Choice(rng.pick(&sens).into())),
        );
        for q in [
            "sys.c_elastic",
            "sys.c_fast_iter",
            "sys.c_ops",
            "sys.c_data_ai",
            "sys.f_value",
            "sys.f_elastic",
            "sys.f_data_ok",
            "sys.f_ux_ok",
            "sys.f_rollback",
        ] {
            a.set(q, Some(yes_no(&mut rng)));
        }
        let compat = ["compatible", "compatible", "needs_work", "incompatible"];
        a.set(
            "sys.f_compat",
            Some(Answer::Choice(rng.pick(&compat).into())),
        );
        a.set(
            "sys.f_mode",
            Some(Answer::Choice(rng.pick(&["online", "offline"]).into())),
        );
        a.set(
            "sys.f_max_outage",
            Some(Answer::Number(rng.below(48) as f64)),
        );
        a.set("sys.f_window", Some(Answer::Number(rng.below(24) as f64)));
        for q in [
            "sys.r_cost",
            "sys.r_availability",
            "sys.r_scalability",
            "sys.r_security",
            "sys.r_compliance",
        ] {
            a.set(q, Some(Answer::Rating(1 + rng.below(5) as u8)));
        }
        a.set(
            "sys.need_availability",
            Some(Answer::Number(99.0 + rng.below(100) as f64 / 100.0)),
        );
        a.set(
            "sys.need_rto_min",
            Some(Answer::Number(15.0 + rng.below(240) as f64)),
        );
        details(a, i);
        p.systems[i].depends_on = deps;
        if i % 50 == 49 {
            let prev = i - 1;
            if !p.systems[prev].depends_on.contains(&id) {
                p.systems[prev].depends_on.push(id);
            }
        }
    }
    p
}

/// The optional details for providers (sizing, database version, 等保), from a generator of their
/// own so that the other answers stay what they were before these questions existed.
fn details(a: &mut super::Answers, i: usize) {
    let mut rng = Lcg(0x00de_7a11 ^ i as u64);
    let dbv = [
        "MySQL 5.7",
        "PostgreSQL 12",
        "Oracle 19c",
        "SQL Server 2016",
        "DM 8",
    ];
    a.set("sys.db_version", Some(Answer::Text(rng.pick(&dbv).into())));
    let servers = 1 + rng.below(4);
    let num = |a: &mut super::Answers, q: &str, v: u64| a.set(q, Some(Answer::Number(v as f64)));
    num(a, "sys.servers", servers);
    num(a, "sys.vcpu", servers * (4 << rng.below(3)));
    num(a, "sys.memory_gb", servers * (8 << rng.below(4)));
    num(a, "sys.storage_gb", servers * 100 * (1 + rng.below(20)));
    num(a, "sys.data_gb", 1 + rng.below(2000));
    num(a, "sys.bandwidth_mbps", 1 + rng.below(200));
    let os = [
        "CentOS 7",
        "Windows Server 2016",
        "Ubuntu 20.04",
        "Kylin V10",
    ];
    a.set("sys.os", Some(Answer::Text(rng.pick(&os).into())));
    let mlps = ["none", "level1", "level2", "level3"];
    a.set("sys.mlps", Some(Answer::Choice(rng.pick(&mlps).into())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_profiles_are_deterministic_and_well_formed() {
        let base = Profile::default();
        let a = synthetic_profile(&base, 200);
        let b = synthetic_profile(&base, 200);
        assert_eq!(a, b);
        assert_eq!(a.systems.len(), 200);
        let mut n = a.clone();
        n.normalise();
        assert_eq!(n.systems, a.systems, "no dangling or self dependencies");
        // the cycle at 48 <-> 49
        assert!(a.systems[48].depends_on.contains(&a.systems[49].id));
        assert!(a.systems[49].depends_on.contains(&a.systems[48].id));
    }
}
