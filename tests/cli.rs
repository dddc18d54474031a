//! The real binary, run headless with a temporary data directory: exports, refusing to
//! overwrite, malformed input, `check` exit codes, the non-terminal pointer, `--version`,
//! completions, the workshop summary, and saved profiles (list, rename, delete, locked, export
//! by name or the last one) written with the store's own API.

use shangyun::content::DEMO_RON;
use shangyun::model::{Answer, Lang, Profile};
use shangyun::store::Store;
use std::path::Path;
use std::process::Stdio;

mod common;
use common::{output, run, shangyun};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

const VALID: &str = r#"(
    answers: { "ent.name": Text("小店"), "ent.size": Choice("startup") },
    systems: [(id: (1), name: "收银系统", answers: { "sys.sensitivity": Choice("internal") })],
)"#;

const MALFORMED: &str = "(\n    schema_version: 1,\n    lang: ???,\n)\n";

#[test]
fn export_demo_to_stdout_in_both_languages() {
    let dir = tmp();
    let zh = run(dir.path(), &["export", "--demo", "--lang", "zh-CN"]);
    assert_eq!(zh.code, Some(0), "{}", zh.stderr);
    assert!(
        zh.stdout.starts_with("# 华东精密机械有限公司"),
        "{}",
        &zh.stdout[..200.min(zh.stdout.len())]
    );
    assert!(zh.stdout.contains("\n## 上云方案"));
    assert!(zh.stdout.contains("\n## 评估记分卡"));
    assert!(zh.stdout.contains("\n## 检查清单"));
    assert!(zh.stdout.contains("- [ ] "));
    assert!(zh.stderr.is_empty(), "{}", zh.stderr);

    let en = run(dir.path(), &["export", "--demo", "--lang", "en"]);
    assert_eq!(en.code, Some(0), "{}", en.stderr);
    assert!(en.stdout.contains("\n## Cloud adoption plan"));
    assert!(en.stdout.contains("\n## Checklist"));
    assert!(!en.stdout.contains("上云方案"));
}

#[test]
fn language_comes_from_the_environment_when_not_given() {
    let dir = tmp();
    let en = output(shangyun(dir.path(), &["export", "--demo"]).env("LANG", "en_US.UTF-8"));
    assert!(
        en.stdout.contains("\n## Cloud adoption plan"),
        "{}",
        en.stderr
    );
    // LC_ALL wins over LANG, as in POSIX.
    let zh = output(
        shangyun(dir.path(), &["export", "--demo"])
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "zh_CN.UTF-8"),
    );
    assert!(zh.stdout.contains("\n## 上云方案"));
    // --lang wins over both.
    let forced = output(
        shangyun(dir.path(), &["export", "--demo", "--lang", "en"]).env("LC_ALL", "zh_CN.UTF-8"),
    );
    assert!(forced.stdout.contains("\n## Cloud adoption plan"));
}

#[test]
fn ron_and_json_exports_are_machine_readable() {
    let dir = tmp();
    let json = run(
        dir.path(),
        &["export", "--demo", "--format", "json", "--lang", "en"],
    );
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    // the demo in English is the English enterprise
    assert_eq!(v["enterprise"], "East China Precision Machinery Co., Ltd.");
    assert_eq!(v["lang"], "en");
    assert!(
        v["analysis"]["systems"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );

    let ron_out = run(dir.path(), &["export", "--demo", "--format", "ron"]);
    assert_eq!(ron_out.code, Some(0), "{}", ron_out.stderr);
    let v: ron::Value = ron::from_str(&ron_out.stdout).expect("valid RON");
    assert!(matches!(v, ron::Value::Map(_)));
}

#[test]
fn output_file_is_not_overwritten_without_force() {
    let dir = tmp();
    let out = dir.path().join("plan.md");
    std::fs::write(&out, "keep me").expect("write");
    let refused = run(
        dir.path(),
        &["export", "--demo", "--lang", "en", "-o", "plan.md"],
    );
    assert_eq!(refused.code, Some(2));
    assert!(
        refused.stderr.contains("plan.md") && refused.stderr.contains("--force"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");

    let forced = run(
        dir.path(),
        &[
            "export", "--demo", "--lang", "en", "-o", "plan.md", "--force",
        ],
    );
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .starts_with("# East China Precision Machinery Co., Ltd.")
    );
    assert!(forced.stdout.is_empty());

    let fresh = run(
        dir.path(),
        &["export", "--demo", "-o", "new.md", "--format", "json"],
    );
    assert_eq!(fresh.code, Some(0), "{}", fresh.stderr);
    assert!(
        std::fs::read_to_string(dir.path().join("new.md"))
            .expect("read")
            .starts_with('{')
    );

    let nowhere = run(
        dir.path(),
        &[
            "export",
            "--demo",
            "--lang",
            "en",
            "-o",
            "no/such/dir/plan.md",
        ],
    );
    assert_eq!(nowhere.code, Some(3), "{}", nowhere.stderr);
}

#[test]
fn malformed_answers_file_names_line_and_column() {
    let dir = tmp();
    std::fs::write(dir.path().join("bad.ron"), MALFORMED).expect("write");
    for lang in ["en", "zh-CN"] {
        let r = run(
            dir.path(),
            &["export", "--answers", "bad.ron", "--lang", lang],
        );
        assert_eq!(r.code, Some(2));
        assert!(r.stderr.contains("bad.ron:3:11"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    let missing = run(
        dir.path(),
        &["export", "--answers", "missing.ron", "--lang", "en"],
    );
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("missing.ron"));
}

#[test]
fn answers_file_exports_like_the_demo() {
    let dir = tmp();
    std::fs::write(dir.path().join("mine.ron"), DEMO_RON).expect("write");
    // demo.ron is the Chinese demo; `--demo --lang en` lays its English texts over it
    let from_file = run(
        dir.path(),
        &["export", "--answers", "mine.ron", "--lang", "zh-CN"],
    );
    let demo = run(dir.path(), &["export", "--demo", "--lang", "zh-CN"]);
    assert_eq!(from_file.code, Some(0), "{}", from_file.stderr);
    assert_eq!(from_file.stdout, demo.stdout);
    let en = run(dir.path(), &["export", "--demo", "--lang", "en"]);
    assert!(en.stdout.starts_with("# East China Precision Machinery"));
    assert!(!en.stdout.contains("华东精密"), "no Chinese name left");
}

#[test]
fn more_than_one_source_is_a_usage_error() {
    let dir = tmp();
    let r = run(
        dir.path(),
        &["export", "--demo", "--answers", "x.ron", "--lang", "en"],
    );
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("--answers"), "{}", r.stderr);
    let bad_flag = run(dir.path(), &["export", "--format", "pdf"]);
    assert_eq!(bad_flag.code, Some(2));
}

#[test]
fn check_exit_codes() {
    let dir = tmp();
    let p = dir.path();
    std::fs::write(p.join("bad.ron"), MALFORMED).expect("write");
    let malformed = run(p, &["check", "bad.ron", "--lang", "en"]);
    assert_eq!(malformed.code, Some(2));
    assert!(
        malformed.stderr.contains("bad.ron:3:11"),
        "{}",
        malformed.stderr
    );
    assert_eq!(run(p, &["check", "missing.ron"]).code, Some(2));

    // A save with problems: a system that depends on one that does not exist, no enterprise
    // name or size.
    let broken = "(systems: [(id: (1), name: \"ERP\\u{1b}[2J\", depends_on: [(7)])])";
    std::fs::write(p.join("problems.ron"), broken).expect("write");
    let r = run(p, &["check", "problems.ron", "--lang", "en"]);
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("problems.ron: ERP"),
        "the entity is named: {}",
        r.stdout
    );
    assert!(
        r.stdout.lines().count() >= 3,
        "one line per problem and a summary: {}",
        r.stdout
    );
    assert!(r.stdout.contains("problems found"), "{}", r.stdout);
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no escape sequence from the file reaches the terminal"
    );

    // A minimal save without problems.
    std::fs::write(p.join("ok.ron"), VALID).expect("write");
    let ok = run(p, &["check", "ok.ron", "--lang", "en"]);
    assert_eq!(ok.code, Some(0), "{}", ok.stdout);
    assert!(
        ok.stdout.contains("valid") && ok.stdout.contains("小店"),
        "{}",
        ok.stdout
    );
}

#[test]
fn check_on_a_v1_file_no_longer_reports_its_service_level_as_unknown() {
    let dir = tmp();
    let p = dir.path();
    std::fs::write(p.join("old.ron"), include_str!("fixtures/v1_demo.ron")).expect("write");
    let r = run(p, &["check", "old.ron", "--lang", "en"]);
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(!out.contains("s8."), "{out}");
    assert!(!out.contains("unknown question"), "{out}");
}

#[test]
fn plain_shangyun_without_a_terminal_points_to_export() {
    let dir = tmp();
    for lang in ["en", "zh-CN"] {
        let r = run(dir.path(), &["--lang", lang]);
        assert_eq!(r.code, Some(2));
        assert!(r.stderr.contains("shangyun export"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn version_help_and_completions() {
    let dir = tmp();
    let v = run(dir.path(), &["--version"]);
    assert_eq!(v.code, Some(0));
    assert_eq!(
        v.stdout.trim(),
        format!("shangyun {}", env!("CARGO_PKG_VERSION"))
    );
    let h = run(dir.path(), &["--help"]);
    assert_eq!(h.code, Some(0));
    for word in [
        "export",
        "check",
        "profiles",
        "workshop",
        "completions",
        "--data-dir",
        "--lang",
    ] {
        assert!(h.stdout.contains(word), "--help mentions {word}");
    }
    let c = run(dir.path(), &["completions", "bash"]);
    assert_eq!(c.code, Some(0));
    assert!(c.stdout.contains("shangyun") && c.stdout.contains("export"));
}

#[test]
fn workshop_summary_reads_every_file_and_lists_failures() {
    let dir = tmp();
    let p = dir.path();
    std::fs::write(p.join("a.ron"), DEMO_RON).expect("write");
    std::fs::write(
        p.join("b.ron"),
        DEMO_RON.replace("Text(\"华东精密机械有限公司\")", "Text(\"第二组 | 公司\")"),
    )
    .expect("write");
    std::fs::write(p.join("bad.ron"), MALFORMED).expect("write");
    let r = run(
        p,
        &[
            "workshop",
            "summary",
            "a.ron",
            "bad.ron",
            "b.ron",
            "missing.ron",
            "-o",
            "summary.md",
            "--lang",
            "en",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains('2'),
        "the failures are mentioned: {}",
        r.stderr
    );
    let md = std::fs::read_to_string(p.join("summary.md")).expect("the summary is written");
    assert!(md.contains("华东精密机械有限公司"));
    assert!(
        md.contains("第二组 \\| 公司"),
        "user text is escaped in the table"
    );
    assert!(md.contains("bad.ron:3:11"), "the reason names the place");
    assert!(md.contains("missing.ron"));
    let again = run(
        p,
        &[
            "workshop",
            "summary",
            "a.ron",
            "-o",
            "summary.md",
            "--lang",
            "en",
        ],
    );
    assert_eq!(
        again.code,
        Some(2),
        "the summary is not overwritten without --force"
    );
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    let dir = tmp();
    let mut child = shangyun(dir.path(), &["export", "--demo", "--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.code().is_some_and(|c| c == 0),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Saves a profile into the data folder the binary uses (`<dir>/data`), as the wizard would.
fn store_profile(dir: &Path, name: &str, enterprise: &str) -> Store {
    let store = Store::open(dir.join("data")).expect("the data folder");
    let mut p = Profile::new(Lang::En);
    p.answers
        .set("ent.name", Some(Answer::Text(enterprise.to_owned())));
    store
        .lock(name)
        .and_then(|lock| lock.save(&p))
        .expect("saved");
    store
}

#[test]
fn profiles_list_rename_and_delete() {
    let dir = tmp();
    let p = dir.path();
    let empty = run(p, &["profiles", "--lang", "en"]);
    assert_eq!(empty.code, Some(0));
    assert!(empty.stdout.is_empty());
    assert!(
        empty.stderr.contains("No saved profiles"),
        "{}",
        empty.stderr
    );

    store_profile(p, "acme", "Acme Ltd");
    let store = store_profile(p, "华东 精密", "华东精密");
    std::fs::write(store.profiles_dir().join("broken.ron"), "(((").expect("write");
    let list = run(p, &["profiles", "list", "--lang", "en"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    let mut names: Vec<&str> = list.stdout.lines().collect();
    names.sort_unstable();
    assert_eq!(names, ["acme", "broken", "华东 精密"]);
    assert!(
        list.stderr.contains("broken: cannot be read"),
        "{}",
        list.stderr
    );
    assert!(
        store.profiles_dir().join("broken.ron").is_file(),
        "listing moves nothing"
    );

    let renamed = run(
        p,
        &["profiles", "rename", "acme", "acme-2024", "--lang", "en"],
    );
    assert_eq!(renamed.code, Some(0), "{}", renamed.stderr);
    assert!(renamed.stderr.contains("acme-2024"));
    let loaded = store.load("acme-2024").expect("renamed profile loads");
    assert_eq!(loaded.profile.enterprise_name(), "Acme Ltd");
    assert!(!store.exists("acme").expect("name"));

    // the target exists / is reserved / the source is missing
    let taken = run(
        p,
        &[
            "profiles",
            "rename",
            "acme-2024",
            "华东 精密",
            "--lang",
            "en",
        ],
    );
    assert_eq!(taken.code, Some(2), "{}", taken.stderr);
    assert!(taken.stderr.contains("already exists"), "{}", taken.stderr);
    let reserved = run(
        p,
        &["profiles", "rename", "acme-2024", "demo", "--lang", "en"],
    );
    assert_eq!(reserved.code, Some(2), "{}", reserved.stderr);
    assert!(store.exists("acme-2024").expect("name"));
    let missing = run(p, &["profiles", "delete", "nope", "--lang", "en"]);
    assert_eq!(missing.code, Some(2), "{}", missing.stderr);
    assert!(missing.stderr.contains("nope"));

    let deleted = run(p, &["profiles", "delete", "华东 精密", "--lang", "zh-CN"]);
    assert_eq!(deleted.code, Some(0), "{}", deleted.stderr);
    assert!(deleted.stderr.contains("已删除档案"), "{}", deleted.stderr);
    assert!(!store.exists("华东 精密").expect("name"));
}

#[test]
fn a_profile_open_in_another_shangyun_cannot_be_renamed_or_deleted() {
    let dir = tmp();
    let store = store_profile(dir.path(), "acme", "Acme Ltd");
    let held = store.lock("acme").expect("lock");
    for args in [
        &["profiles", "delete", "acme", "--lang", "en"][..],
        &["profiles", "rename", "acme", "other", "--lang", "en"][..],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, Some(4), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("open in another shangyun"),
            "{}",
            r.stderr
        );
    }
    // reading is fine while it is open
    let export = run(dir.path(), &["export", "--profile", "acme", "--lang", "en"]);
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    drop(held);
    assert!(store.exists("acme").expect("name"));
}

#[test]
fn export_a_stored_profile_by_name_or_the_last_one() {
    let dir = tmp();
    let p = dir.path();
    let none = run(p, &["export", "--lang", "en"]);
    assert_eq!(none.code, Some(2));
    assert!(none.stderr.contains("--profile"), "{}", none.stderr);

    let store = store_profile(p, "acme", "Acme Ltd");
    let only = run(p, &["export", "--lang", "en"]);
    assert_eq!(only.code, Some(0), "{}", only.stderr);
    assert!(only.stdout.starts_with("# Acme Ltd"), "the only profile");

    store_profile(p, "beta", "Beta GmbH");
    let ambiguous = run(p, &["export", "--lang", "en"]);
    assert_eq!(ambiguous.code, Some(2), "two profiles and no last one");
    store.set_last(Some("acme")).expect("state");
    let last = run(p, &["export", "--lang", "en"]);
    assert!(last.stdout.starts_with("# Acme Ltd"), "{}", last.stderr);

    let named = run(
        p,
        &[
            "export",
            "--profile",
            "beta",
            "-o",
            "beta.md",
            "--lang",
            "en",
        ],
    );
    assert_eq!(named.code, Some(0), "{}", named.stderr);
    let md = std::fs::read_to_string(p.join("beta.md")).expect("written");
    assert!(md.starts_with("# Beta GmbH"));
    assert!(md.contains("\n## Cloud adoption plan"));

    let missing = run(p, &["export", "--profile", "gamma", "--lang", "en"]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("gamma"), "{}", missing.stderr);

    // an unreadable stored profile is moved aside and the message says where
    std::fs::write(store.profiles_dir().join("beta.ron"), "(((").expect("write");
    let broken = run(p, &["export", "--profile", "beta", "--lang", "en"]);
    assert_eq!(broken.code, Some(3), "{}", broken.stderr);
    assert!(
        broken.stderr.contains("beta.ron.corrupt-"),
        "{}",
        broken.stderr
    );
    let both = run(p, &["export", "--demo", "--profile", "beta"]);
    assert_eq!(
        both.code,
        Some(2),
        "--demo and --profile exclude each other"
    );
}

#[test]
fn check_flags_duplicate_system_and_provider_names_once_each() {
    let dir = tmp();
    let p = dir.path();
    let twins = r#"(
    answers: { "ent.name": Text("小店"), "ent.size": Choice("startup") },
    systems: [(id: (1), name: "ERP"), (id: (2), name: "erp "), (id: (3), name: "OA")],
    providers: [(id: (1), name: "阿里云"), (id: (2), name: "阿里云")],
)"#;
    std::fs::write(p.join("twins.ron"), twins).expect("write");
    let r = run(p, &["check", "twins.ron", "--lang", "en"]);
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
    let count = |needle: &str| r.stdout.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(count("Several systems are called"), 2, "{}", r.stdout);
    assert_eq!(count("Several providers are called"), 2, "{}", r.stdout);
    assert!(!r.stdout.contains("“OA”"), "{}", r.stdout);
}

#[test]
fn check_counts_one_problem_in_the_singular_and_warns_of_two_chosen_providers() {
    let dir = tmp();
    let p = dir.path();
    // One problem: a system that depends on one that does not exist.
    let one = r#"(
    answers: { "ent.name": Text("小店"), "ent.size": Choice("startup") },
    systems: [(id: (1), name: "ERP", answers: { "sys.sensitivity": Choice("internal") },
               depends_on: [(7)])],
)"#;
    std::fs::write(p.join("one.ron"), one).expect("write");
    for (lang, want) in [
        ("en", "1 problem found; fix it"),
        ("zh-CN", "发现 1 个问题"),
    ] {
        let r = run(p, &["check", "one.ron", "--lang", lang]);
        assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains(want), "{}", r.stdout);
        assert!(!r.stdout.contains("1 problems"), "{}", r.stdout);
    }
    // Two providers marked chosen: valid, but the warning says which one counts.
    let two = r#"(
    answers: { "ent.name": Text("小店"), "ent.size": Choice("startup") },
    providers: [(id: (1), name: "Alpha", answers: { "prov.chosen": YesNo(true) }),
                (id: (2), name: "Beta", answers: { "prov.chosen": YesNo(true) })],
)"#;
    std::fs::write(p.join("two.ron"), two).expect("write");
    let r = run(p, &["check", "two.ron", "--lang", "en"]);
    assert!(
        r.stdout.contains(
            "warning: 2 providers are marked as chosen; the plan is written for the first, \
             “Alpha”, and ignores the mark on “Beta”."
        ),
        "{}",
        r.stdout
    );
    let r = run(p, &["check", "two.ron", "--lang", "zh-CN"]);
    assert!(r.stdout.contains("方案按第一个“Alpha”编制"), "{}", r.stdout);
}

#[test]
fn check_names_blank_systems_and_providers_by_their_placeholder() {
    let dir = tmp();
    let p = dir.path();
    let blank = r#"(
    answers: { "ent.name": Text("小店"), "ent.size": Choice("startup") },
    systems: [(id: (1), name: " ", answers: { "sys.sensitivity": Choice("internal") },
               depends_on: [(7)])],
    providers: [(id: (2), name: "")],
)"#;
    std::fs::write(p.join("blank.ron"), blank).expect("write");
    let r = run(p, &["check", "blank.ron", "--lang", "en"]);
    assert!(!r.stdout.contains("“”"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("“(unnamed system #1)” depends on itself or on a system that does not exist"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("blank.ron: (unnamed provider #2) ·"),
        "{}",
        r.stdout
    );
    let r = run(p, &["check", "blank.ron", "--lang", "zh-CN"]);
    assert!(
        r.stdout.contains("“（未命名系统 #1）”依赖了"),
        "{}",
        r.stdout
    );
}
