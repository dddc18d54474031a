//! The profile store against a real file system (temporary folders): round trips, backups,
//! corrupt and newer files, locks (also across processes), permissions, hostile names,
//! migrations, and I/O errors.

use proptest::prelude::*;
use shangyun::content::Arg;
use shangyun::model::{
    Answer, Lang, Position, Profile, ResultTab, SCHEMA_VERSION, StepId, SystemId,
};
use shangyun::store::{
    self, Health, InvalidNameReason, IoOp, ProfileLock, Store, StoreError, load_file,
    resolve_data_dir_from,
};
use std::collections::HashMap;
use std::fs;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const V0: &str = include_str!("fixtures/v0_profile.ron");
const V1: &str = include_str!("fixtures/v1_profile.ron");
/// The v1 demo (`git show ddce9ed:assets/demo.ron`): its service level was an enterprise answer.
const V1_DEMO: &str = include_str!("fixtures/v1_demo.ron");

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    (dir, store)
}

fn sample(name: &str) -> Profile {
    let mut p = Profile::new(Lang::ZhCn);
    p.answers
        .set("ent.name", Some(Answer::Text(name.to_owned())));
    p.answers.set("ent.employees", Some(Answer::Number(320.5)));
    p.answers.set(
        "ent.goals",
        Some(Answer::Choices(vec!["cost".into(), "agility".into()])),
    );
    let erp = p.add_system("财务系统");
    let oa = p.add_system("OA \"办公\"\n第二行");
    p.toggle_dependency(oa, erp);
    if let Some(s) = p.system_mut(erp) {
        s.answers
            .set("sys.sensitivity", Some(Answer::Choice("high".into())));
        s.answers.set("sys.peak_users", Some(Answer::Number(1e-3)));
    }
    p.add_provider("阿里云");
    p.waves
        .entry(erp)
        .or_default()
        .set("w.note", Some(Answer::Rating(4)));
    p.ticks.insert("s4.rollback@sys1".into());
    p.position = Position::Step(StepId::new(6).unwrap());
    p
}

fn save(store: &Store, name: &str, p: &Profile) -> store::Saved {
    store.lock(name).unwrap().save(p).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn round_trip_keeps_everything_and_stays_readable() {
    let (_d, store) = store();
    let p = sample("示范企业");
    let saved = save(&store, "示范企业", &p);
    assert_eq!(saved.path, store.profiles_dir().join("示范企业.ron"));
    assert_eq!(saved.backup, None);
    let loaded = store.load("示范企业").unwrap();
    assert_eq!(loaded.profile, p);
    assert_eq!(loaded.migrated_from, None);
    let text = fs::read_to_string(&saved.path).unwrap();
    assert!(text.contains("schema_version: 2,"), "{text}");
    assert!(
        text.contains("\"财务系统\""),
        "CJK must be written as is: {text}"
    );
    assert!(text.contains("\n    systems: ["), "pretty printed: {text}");
    assert!(!text.contains('\r'));
}

#[test]
fn every_save_replaces_atomically_and_keeps_the_previous_version() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    let first = sample("first");
    let second = sample("second");
    assert_eq!(lock.save(&first).unwrap().backup, None);
    let saved = lock.save(&second).unwrap();
    let bak = store.profiles_dir().join("acme.ron.bak");
    assert_eq!(saved.backup.as_deref(), Some(bak.as_path()));
    assert_eq!(store.load("acme").unwrap().profile, second);
    assert_eq!(store.load_backup("acme").unwrap().profile, first);
    // Saving the same profile again writes nothing, so the backup stays one version behind.
    assert!(lock.save(&second).unwrap().unchanged);
    assert_eq!(store.load_backup("acme").unwrap().profile, first);
    // No temporary files are left behind.
    assert_eq!(
        files_in(store.profiles_dir()),
        ["acme.ron", "acme.ron.bak", "acme.ron.lock"]
    );
}

#[test]
fn a_corrupt_file_is_moved_aside_never_overwritten() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    lock.save(&sample("v1")).unwrap();
    lock.save(&sample("v2")).unwrap();
    let path = store.path_of("acme").unwrap();
    let garbage = "(\n    schema_version: 1,\n    lang: Klingon,\n)\n";
    fs::write(&path, garbage).unwrap();
    let bak_before = fs::read(store.profiles_dir().join("acme.ron.bak")).unwrap();

    let err = store.load("acme").unwrap_err();
    let StoreError::Parse {
        path: p,
        line,
        col,
        moved_to,
        backup,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(p, &path);
    assert_eq!((*line, *col), (3, 11));
    let moved = moved_to.clone().unwrap();
    let moved_name = moved.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        moved_name.starts_with("acme.ron.corrupt-")
            && moved_name.len() == "acme.ron.corrupt-".len() + 15
    );
    assert_eq!(fs::read_to_string(&moved).unwrap(), garbage);
    assert!(!path.exists());
    assert_eq!(
        backup.as_deref(),
        Some(store.profiles_dir().join("acme.ron.bak").as_path())
    );
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains(&moved.display().to_string()),
        "{msg}"
    );
    assert!(msg.contains("line 3, column 11"), "{msg}");

    // The backup is intact and recovers the last good version.
    assert_eq!(
        fs::read(store.profiles_dir().join("acme.ron.bak")).unwrap(),
        bak_before
    );
    let recovered = store.load_backup("acme").unwrap().profile;
    assert_eq!(recovered, sample("v1"));

    // A second bad file in the same second does not replace the first one moved aside.
    fs::write(&path, "not ron at all").unwrap();
    let StoreError::Parse {
        moved_to: Some(second),
        ..
    } = store.load("acme").unwrap_err()
    else {
        panic!()
    };
    assert_ne!(second, moved);
    assert_eq!(fs::read_to_string(&moved).unwrap(), garbage);
    assert_eq!(fs::read_to_string(&second).unwrap(), "not ron at all");

    // Recovering: save the backup's profile as the current version.
    assert!(lock.save(&recovered).unwrap().backup.is_none());
    assert_eq!(store.load("acme").unwrap().profile, sample("v1"));
}

#[test]
fn saving_over_a_corrupt_file_moves_it_aside_and_spares_the_backup() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    lock.save(&sample("v1")).unwrap();
    lock.save(&sample("v2")).unwrap();
    let bak = store.profiles_dir().join("acme.ron.bak");
    let bak_before = fs::read(&bak).unwrap();
    fs::write(lock.path(), [0xFF, 0xFE, b'(']).unwrap();
    let saved = lock.save(&sample("v3")).unwrap();
    let aside = saved.moved_aside.unwrap();
    assert_eq!(fs::read(&aside).unwrap(), [0xFF, 0xFE, b'(']);
    assert_eq!(saved.backup, None);
    assert_eq!(fs::read(&bak).unwrap(), bak_before);
    assert_eq!(store.load("acme").unwrap().profile, sample("v3"));
}

#[test]
fn a_newer_file_is_refused_and_left_untouched() {
    let (_d, store) = store();
    let path = store.path_of("future").unwrap();
    let future = "(schema_version: 7, hologram: Enabled(true), systems: [(links: [1])])\n";
    fs::write(&path, future).unwrap();

    let err = store.load("future").unwrap_err();
    assert!(
        matches!(&err, StoreError::NewerSchema { path: p, found: 7, supported } if p == &path && *supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer shangyun"));
    let err = store
        .lock("future")
        .unwrap()
        .save(&sample("x"))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 7, .. }),
        "{err:?}"
    );

    assert_eq!(fs::read_to_string(&path).unwrap(), future);
    assert_eq!(
        files_in(store.profiles_dir()),
        ["future.ron", "future.ron.lock"]
    );
    let listed = store.list().unwrap();
    assert_eq!(listed[0].health, Health::Newer(7));
}

#[test]
fn a_second_lock_fails_until_the_first_is_dropped() {
    let (_d, store) = store();
    let first = store.lock("示范企业").unwrap();
    let err = store.lock("示范企业").unwrap_err();
    let StoreError::Locked { name, path, pid } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "示范企业");
    assert_eq!(path, &store.profiles_dir().join("示范企业.ron.lock"));
    assert_eq!(*pid, Some(std::process::id()));
    assert!(
        err.to_string()
            .contains(&format!("process {}", std::process::id()))
    );
    // Other profiles are not affected.
    let other = store.lock("other").unwrap();
    drop(first);
    let again = store.lock("示范企业").unwrap();
    drop((again, other));
}

const CHILD_ENV: &str = "SHANGYUN_TEST_LOCK_CHILD_DIR";

/// Not a test on its own: `a_lock_held_by_another_process_is_refused` runs this test binary again
/// with only this test and `CHILD_ENV` set, to hold a lock from a second process.
#[test]
fn lock_helper_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let store = Store::open(PathBuf::from(dir)).unwrap();
    let _lock = store.lock("共享").unwrap();
    let mut out = std::io::stdout();
    writeln!(out, "\nSHANGYUN-LOCK-HELD").unwrap();
    out.flush().unwrap();
    // Hold the lock until the parent closes our stdin.
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
}

#[test]
fn a_lock_held_by_another_process_is_refused() {
    let (dir, store) = store();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "lock_helper_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, store.dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Waits for the child's line (or its exit), not for a fixed time.
    assert!(
        lines.any(|l| l.is_ok_and(|l| l.contains("SHANGYUN-LOCK-HELD"))),
        "the child did not take the lock"
    );

    let err = store.lock("共享").unwrap_err();
    assert!(
        matches!(err, StoreError::Locked { pid: Some(pid), .. } if pid == child.id()),
        "{err:?}"
    );
    assert!(matches!(
        store.delete("共享"),
        Err(StoreError::Locked { .. })
    ));

    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    store.lock("共享").unwrap();
    drop(dir);
}

#[test]
fn a_data_dir_under_a_regular_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let err = Store::open(file.join("data")).unwrap_err();
    assert!(
        matches!(&err, StoreError::Io { op: IoOp::CreateDir, path, .. } if path == &file.join("data")),
        "{err:?}"
    );
    assert!(err.to_string().contains("not-a-dir"));
    // A file where the data folder should be.
    let err = Store::open(&file).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Io {
                op: IoOp::CreateDir,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn write_errors_name_the_file_and_leave_the_profile_intact() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    lock.save(&sample("v1")).unwrap();
    let before = fs::read(lock.path()).unwrap();
    // The backup cannot be written: a folder is in its way.
    let bak = store.profiles_dir().join("acme.ron.bak");
    fs::create_dir(&bak).unwrap();
    fs::write(bak.join("keep"), "x").unwrap();
    let err = lock.save(&sample("v2")).unwrap_err();
    assert!(
        matches!(&err, StoreError::Io { path, .. } if path == &bak),
        "{err:?}"
    );
    assert_eq!(fs::read(lock.path()).unwrap(), before);

    // The state file cannot be written either.
    fs::create_dir(store.dir().join("state.ron")).unwrap();
    fs::write(store.dir().join("state.ron").join("keep"), "x").unwrap();
    let err = store.set_last(Some("acme")).unwrap_err();
    assert!(
        matches!(&err, StoreError::Io { path, .. } if path.ends_with("state.ron")),
        "{err:?}"
    );
    assert_eq!(store.last(), None);

    // The profile path is a folder: reading it fails, nothing is moved or overwritten.
    let (_d2, store2) = self::store();
    fs::create_dir(store2.path_of("dir").unwrap()).unwrap();
    assert!(matches!(
        store2.load("dir"),
        Err(StoreError::Io { op: IoOp::Read, .. })
    ));
    assert!(matches!(
        store2.lock("dir").unwrap().save(&sample("x")),
        Err(StoreError::Io { .. })
    ));
    assert!(store2.path_of("dir").unwrap().is_dir());
}

#[cfg(target_os = "linux")]
#[test]
fn the_writer_reports_a_full_disk() {
    let Ok(mut full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let err = store::write_synced(&mut full, &vec![b'x'; 1 << 16]).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
}

#[cfg(unix)]
#[test]
fn folders_and_files_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_d, store) = store();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(store.profiles_dir()), 0o700);
    let lock = store.lock("acme").unwrap();
    lock.save(&sample("a")).unwrap();
    lock.save(&sample("b")).unwrap();
    store.set_last(Some("acme")).unwrap();
    for f in [
        "profiles/acme.ron",
        "profiles/acme.ron.bak",
        "profiles/acme.ron.lock",
        "state.ron",
    ] {
        assert_eq!(mode(&store.dir().join(f)), 0o600, "{f}");
    }
    // An existing world-readable file is made private on the next save.
    fs::set_permissions(lock.path(), fs::Permissions::from_mode(0o644)).unwrap();
    lock.save(&sample("c")).unwrap();
    assert_eq!(mode(lock.path()), 0o600);
    // The backup is that file under a new name, private too.
    assert_eq!(mode(&store.dir().join("profiles/acme.ron.bak")), 0o600);
    assert_eq!(store.load_backup("acme").unwrap().profile, sample("b"));
}

#[test]
fn the_backup_is_the_previous_file_and_stays_when_the_profile_changes() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    lock.save(&sample("a")).unwrap();
    let a = fs::read(lock.path()).unwrap();
    lock.save(&sample("b")).unwrap();
    let bak = store.profiles_dir().join("acme.ron.bak");
    assert_eq!(fs::read(&bak).unwrap(), a);
    let b = fs::read(lock.path()).unwrap();
    lock.save(&sample("c")).unwrap();
    // Each save moves the backup on by one version, and never changes the file it kept.
    assert_eq!(fs::read(&bak).unwrap(), b);
    assert_eq!(store.load("acme").unwrap().profile, sample("c"));
    // A file changed behind the lock's back is checked again before it becomes the backup.
    fs::write(lock.path(), "(((").unwrap();
    let saved = lock.save(&sample("d")).unwrap();
    assert!(saved.moved_aside.is_some() && saved.backup.is_none());
    assert_eq!(fs::read(&bak).unwrap(), b);
    assert_eq!(
        files_in(store.profiles_dir()).len(),
        4,
        "profile, backup, lock, the file moved aside: {:?}",
        files_in(store.profiles_dir())
    );
}

#[test]
fn checking_before_a_save_reports_what_the_save_would() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    // Nothing there, or a readable file: the way is clear and nothing changes.
    assert_eq!(lock.check_before_save().unwrap(), None);
    lock.save(&sample("a")).unwrap();
    assert_eq!(lock.check_before_save().unwrap(), None);
    assert_eq!(store.load("acme").unwrap().profile, sample("a"));
    // A newer file is refused and left where it is.
    let newer = "(schema_version: 99, answers: {})\n";
    fs::write(lock.path(), newer).unwrap();
    assert!(matches!(
        lock.check_before_save(),
        Err(StoreError::NewerSchema { found: 99, .. })
    ));
    assert_eq!(fs::read_to_string(lock.path()).unwrap(), newer);
    // An unreadable one is moved aside at once, byte for byte.
    fs::write(lock.path(), "(((").unwrap();
    let moved = lock.check_before_save().unwrap().unwrap();
    assert_eq!(fs::read_to_string(&moved).unwrap(), "(((");
    assert!(!lock.path().exists());
    let saved = lock.save(&sample("b")).unwrap();
    assert_eq!((saved.backup, saved.moved_aside), (None, None));
}

#[test]
fn hostile_names_stay_inside_the_profiles_folder() {
    let (_d, store) = store();
    let long_cjk = "企".repeat(60);
    let names = [
        "../x", "a/b", "a\\b", "CON", "nul.txt", "a\0b", "..", ".", " lead", "trail.", "100%",
        &long_cjk,
    ];
    for name in names {
        let path = store.path_of(name).unwrap();
        assert_eq!(path.parent(), Some(store.profiles_dir()), "{name:?}");
        save(&store, name, &sample(name));
        assert_eq!(store.load(name).unwrap().profile, sample(name), "{name:?}");
    }
    let mut listed: Vec<String> = store.list().unwrap().into_iter().map(|i| i.name).collect();
    listed.sort();
    let mut expected: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert!(store.profiles_dir().join("%43ON.ron").is_file());
    assert!(!store.dir().join("x.ron").exists());

    let too_long = "x".repeat(300);
    let err = store.lock(&too_long).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::InvalidName {
                reason: InvalidNameReason::TooLong { .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        store.load(""),
        Err(StoreError::InvalidName {
            reason: InvalidNameReason::Empty,
            ..
        })
    ));
    assert!(matches!(
        store.set_last(Some(" ")),
        Err(StoreError::InvalidName { .. })
    ));
    assert_eq!(
        store
            .profiles_dir()
            .read_dir()
            .unwrap()
            .filter_map(Result::ok)
            .count(),
        names.len() * 2
    );
}

#[test]
fn the_v0_fixture_is_upgraded_and_saved_as_current() {
    let (_d, store) = store();
    let path = store.path_of("旧档案").unwrap();
    fs::write(&path, V0).unwrap();
    let loaded = store.load("旧档案").unwrap();
    assert_eq!(loaded.migrated_from, Some(0));
    let p = &loaded.profile;
    assert_eq!(p.schema_version, SCHEMA_VERSION);
    assert_eq!(p.enterprise_name(), "示范企业");
    assert_eq!(p.system(SystemId(2)).unwrap().depends_on, vec![SystemId(1)]);
    // The dangling dependency on system 9 is dropped by normalise().
    assert_eq!(
        p.system(SystemId(3)).unwrap().depends_on,
        vec![SystemId(1), SystemId(2)]
    );
    assert_eq!(p.position, Position::Step(StepId::new(3).unwrap()));

    let saved = store.lock("旧档案").unwrap().save(p).unwrap();
    assert_eq!(
        fs::read_to_string(saved.backup.unwrap()).unwrap(),
        V0,
        "the v0 file is kept as the backup"
    );
    let again = store.load("旧档案").unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(&again.profile, p);
}

#[test]
fn the_v1_fixture_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.ron");
    fs::write(&path, V1).unwrap();
    let loaded = load_file(&path).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let p = loaded.profile;
    // v1 keyed wave answers by number: kept aside for the engine to file under systems
    assert!(p.waves.is_empty());
    assert_eq!(p.legacy_waves.keys().copied().collect::<Vec<_>>(), [1]);
    assert_eq!(p.lang, Lang::En);
    assert_eq!(p.enterprise_name(), "Demo Manufacturing Co.");
    assert_eq!(p.system(SystemId(2)).unwrap().depends_on, vec![SystemId(1)]);
    assert_eq!(p.providers.len(), 1);
    assert_eq!(p.position, Position::Results(ResultTab::Scorecard));
}

#[test]
fn the_v1_service_level_lands_on_the_chosen_provider() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    fs::write(&path, V1_DEMO).unwrap();
    let loaded = load_file(&path).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let p = loaded.profile;
    for q in [
        "s8.availability",
        "s8.response_min",
        "s8.rpo_min",
        "s8.rto_min",
    ] {
        assert!(
            p.answers.get(q).is_none(),
            "{q} is gone from the enterprise"
        );
    }
    assert_eq!(
        p.answers.yes_no("s8.monitoring"),
        Some(true),
        "other s8 answers stay"
    );
    // Nobody was marked: the top-ranked provider (the engine's choice) is now marked.
    let analysis = shangyun::engine::analyse(shangyun::content::Content::get(), &p);
    let chosen = analysis.chosen_provider.expect("a chosen provider");
    let marked: Vec<_> = p
        .providers
        .iter()
        .filter(|pr| pr.answers.yes_no("prov.chosen") == Some(true))
        .map(|pr| pr.id)
        .collect();
    assert_eq!(marked, [chosen]);
    let answers = &p.provider(chosen).unwrap().answers;
    assert_eq!(answers.number("prov.response_min"), Some(15.0));
    assert_eq!(answers.number("prov.rpo_min"), Some(15.0));
    assert_eq!(answers.number("prov.rto_min"), Some(240.0));
    // Every provider had its own SLA: none is overwritten by the enterprise's 99.9.
    let slas: Vec<_> = p
        .providers
        .iter()
        .map(|pr| pr.answers.number("prov.sla"))
        .collect();
    assert_eq!(slas, [Some(99.99), Some(99.9), Some(99.95)]);
    for other in p.providers.iter().filter(|pr| pr.id != chosen) {
        assert!(
            other.answers.number("prov.rto_min").is_none(),
            "{}",
            other.name
        );
    }
}

#[test]
fn answers_files_are_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.ron");
    let bad = "(\n    schema_version: 1,\n    systems: [(name: 42)],\n)\n";
    fs::write(&path, bad).unwrap();
    let err = load_file(&path).unwrap_err();
    assert!(
        matches!(&err, StoreError::Parse { line: 3, col: 22, moved_to: None, backup: None, path: p, .. } if p == &path),
        "{err:?}"
    );
    assert!(err.to_string().contains("Fix the file"));
    assert_eq!(fs::read_to_string(&path).unwrap(), bad);
    assert_eq!(files_in(dir.path()), ["answers.ron"]);

    let future = dir.path().join("future.ron");
    fs::write(&future, "(schema_version: 3)").unwrap();
    assert!(matches!(
        load_file(&future),
        Err(StoreError::NewerSchema { found: 3, .. })
    ));
    assert!(matches!(
        load_file(&dir.path().join("missing.ron")),
        Err(StoreError::Io { op: IoOp::Read, .. })
    ));
    // `check` sees the file as written; everyone else gets it repaired.
    let dangling = dir.path().join("dangling.ron");
    fs::write(
        &dangling,
        "(schema_version: 1, systems: [(id: (1), depends_on: [(1), (7)])])",
    )
    .unwrap();
    let as_written = store::load_file_as_written(&dangling).unwrap().profile;
    assert_eq!(
        as_written.systems[0].depends_on,
        vec![SystemId(1), SystemId(7)]
    );
    assert!(
        load_file(&dangling).unwrap().profile.systems[0]
            .depends_on
            .is_empty()
    );
    // A byte-order mark from a Windows editor is fine.
    let bom = dir.path().join("bom.ron");
    fs::write(&bom, format!("\u{FEFF}{V1}")).unwrap();
    assert!(load_file(&bom).is_ok());
}

#[test]
fn list_delete_and_rename() {
    let (_d, store) = store();
    save(&store, "甲", &sample("甲企业"));
    save(&store, "乙", &sample("乙企业"));
    save(&store, "乙", &sample("乙企业 v2"));
    let mut blank = Profile::default();
    blank
        .answers
        .set("ent.name", Some(Answer::Text("  ".into())));
    save(&store, "blank", &blank);
    fs::write(store.path_of("坏").unwrap(), "((((").unwrap();
    fs::write(store.profiles_dir().join(".hidden.ron"), "()").unwrap();
    fs::write(store.profiles_dir().join("notes.txt"), "x").unwrap();

    let mut listed = store.list().unwrap();
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    let summary: Vec<(&str, Option<&str>, &Health)> = listed
        .iter()
        .map(|i| (i.name.as_str(), i.enterprise.as_deref(), &i.health))
        .collect();
    assert_eq!(
        summary,
        [
            ("blank", None, &Health::Ok),
            ("乙", Some("乙企业 v2"), &Health::Ok),
            ("坏", None, &Health::Unreadable),
            ("甲", Some("甲企业"), &Health::Ok),
        ]
    );
    assert!(listed.iter().all(|i| i.modified.is_some()));
    assert!(
        store.path_of("坏").unwrap().is_file(),
        "listing never moves files"
    );

    // Rename refuses to overwrite, and keeps both profiles intact.
    let err = store.rename("甲", "乙").unwrap_err();
    assert!(
        matches!(err, StoreError::AlreadyExists { ref name, .. } if name == "乙"),
        "{err:?}"
    );
    assert_eq!(store.load("甲").unwrap().profile, sample("甲企业"));
    store.set_last(Some("乙")).unwrap();
    store.rename("乙", "丙").unwrap();
    assert!(!store.exists("乙").unwrap());
    assert_eq!(store.load("丙").unwrap().profile, sample("乙企业 v2"));
    assert_eq!(
        store.load_backup("丙").unwrap().profile,
        sample("乙企业"),
        "the backup moves along"
    );
    assert_eq!(store.last().as_deref(), Some("丙"));
    assert!(matches!(
        store.rename("无", "新"),
        Err(StoreError::NotFound { .. })
    ));
    store.rename("丙", "丙").unwrap();

    // A held lock moves with the rename.
    let mut lock = store.lock("甲").unwrap();
    lock.rename("丁").unwrap();
    assert_eq!(lock.name(), "丁");
    assert!(matches!(store.lock("丁"), Err(StoreError::Locked { .. })));
    store.lock("甲").unwrap();
    drop(lock);

    // Delete removes the profile and its backup, and forgets it as the last one.
    store.delete("丙").unwrap();
    assert!(!store.exists("丙").unwrap());
    assert!(matches!(
        store.load_backup("丙"),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.last(), None);
    assert!(matches!(
        store.delete("丙"),
        Err(StoreError::NotFound { .. })
    ));
    let names: Vec<String> = store.list().unwrap().into_iter().map(|i| i.name).collect();
    assert_eq!(names.len(), 3);
}

#[test]
fn creating_refuses_an_existing_profile() {
    let (_d, store) = store();
    let lock = store.lock("acme").unwrap();
    lock.create(&sample("a")).unwrap();
    let err = lock.create(&sample("b")).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err:?}");
    assert_eq!(store.load("acme").unwrap().profile, sample("a"));
}

#[test]
fn the_last_profile_is_remembered() {
    let (_d, store) = store();
    assert_eq!(store.last(), None);
    save(&store, "示范企业", &sample("x"));
    store.set_last(Some("示范企业")).unwrap();
    assert_eq!(store.last().as_deref(), Some("示范企业"));
    // Reopening the folder sees the same state.
    let reopened = Store::open(store.dir()).unwrap();
    assert_eq!(reopened.last().as_deref(), Some("示范企业"));
    // A profile that has gone is not offered.
    fs::remove_file(store.path_of("示范企业").unwrap()).unwrap();
    assert_eq!(store.last(), None);
    // A damaged state file means "none" and is replaced on the next set.
    fs::write(store.dir().join("state.ron"), "{{{").unwrap();
    assert_eq!(store.last(), None);
    save(&store, "b", &sample("b"));
    store.set_last(Some("b")).unwrap();
    assert_eq!(store.last().as_deref(), Some("b"));
    store.set_last(None).unwrap();
    assert_eq!(store.last(), None);
}

#[test]
fn the_data_dir_comes_from_flag_then_env_then_platform() {
    let flag = Path::new("/flag");
    let env = Some("/env".into());
    let platform = || Some(PathBuf::from("/platform"));
    assert_eq!(
        resolve_data_dir_from(Some(flag), env.clone(), platform).unwrap(),
        flag
    );
    assert_eq!(
        resolve_data_dir_from(None, env.clone(), platform).unwrap(),
        Path::new("/env")
    );
    assert_eq!(
        resolve_data_dir_from(None, Some("".into()), platform).unwrap(),
        Path::new("/platform")
    );
    let err = resolve_data_dir_from(None, None, || None).unwrap_err();
    assert!(matches!(err, StoreError::NoDataDir));
    assert!(err.to_string().contains("--data-dir"));
}

#[test]
fn every_error_has_localised_text() {
    let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
    let path = PathBuf::from("/d/p.ron");
    let mut errors = vec![
        StoreError::NoDataDir,
        StoreError::NewerSchema {
            path: path.clone(),
            found: 3,
            supported: 1,
        },
        StoreError::Locked {
            name: "n".into(),
            path: path.clone(),
            pid: Some(42),
        },
        StoreError::Locked {
            name: "n".into(),
            path: path.clone(),
            pid: None,
        },
        StoreError::NotFound {
            name: "n".into(),
            path: path.clone(),
        },
        StoreError::AlreadyExists {
            name: "n".into(),
            path: path.clone(),
        },
        StoreError::InvalidName {
            name: "".into(),
            reason: InvalidNameReason::Empty,
        },
        StoreError::InvalidName {
            name: "n".into(),
            reason: InvalidNameReason::TooLong {
                bytes: 300,
                max: 180,
            },
        },
        StoreError::InvalidName {
            name: ".n".into(),
            reason: InvalidNameReason::Invalid,
        },
        StoreError::InvalidName {
            name: "demo".into(),
            reason: InvalidNameReason::Reserved,
        },
    ];
    for (moved, backup) in [
        (None, None),
        (Some("/d/p.ron.corrupt-1"), None),
        (Some("/d/m"), Some("/d/p.ron.bak")),
    ] {
        errors.push(StoreError::Parse {
            path: path.clone(),
            line: 3,
            col: 7,
            msg: "oops".into(),
            moved_to: moved.map(PathBuf::from),
            backup: backup.map(PathBuf::from),
        });
    }
    for op in [
        IoOp::CreateDir,
        IoOp::ReadDir,
        IoOp::Read,
        IoOp::Write,
        IoOp::Rename,
        IoOp::Remove,
        IoOp::Lock,
        IoOp::SetPermissions,
    ] {
        errors.push(StoreError::Io {
            path: path.clone(),
            op,
            source: io(),
        });
    }
    let locales: Vec<(&str, HashMap<String, String>)> = vec![
        (
            "zh-CN",
            ron::from_str(shangyun::content::ZH_CN_RON).unwrap(),
        ),
        ("en", ron::from_str(shangyun::content::EN_RON).unwrap()),
    ];
    for e in &errors {
        let text = e.text();
        // the name rules say the same in the wizard's prompt and on the command line
        assert!(
            text.key.starts_with("cli.store.") || text.key.starts_with("ui.err.name_"),
            "{}",
            text.key
        );
        let mut args: Vec<&str> = text.args.iter().map(|(n, _)| *n).collect();
        args.sort();
        for (lang, map) in &locales {
            let template = map
                .get(text.key.as_ref())
                .unwrap_or_else(|| panic!("{lang} lacks {}", text.key));
            let mut wanted = placeholders(template);
            wanted.sort();
            assert_eq!(wanted, args, "{lang} {}: {template}", text.key);
            for (_, arg) in &text.args {
                if let Arg::Key(k) = arg {
                    assert!(map.contains_key(k.as_ref()), "{lang} lacks {k}");
                }
            }
        }
        assert!(e.to_string().ends_with('.'), "{e}");
    }
}

/// The `{name}` placeholders of a locale template.
fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[a-z\"\\\\ #'\n\t]{0,12}",
        Just("r#\"x\"#".to_owned())
    ]
}

fn arb_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        arb_text().prop_map(Answer::Text),
        (-1e12f64..1e12).prop_map(Answer::Number),
        arb_text().prop_map(Answer::Choice),
        proptest::collection::vec(arb_text(), 0..3).prop_map(Answer::Choices),
        any::<bool>().prop_map(Answer::YesNo),
        (1u8..=5).prop_map(Answer::Rating),
    ]
}

fn arb_profile() -> impl Strategy<Value = Profile> {
    (
        proptest::collection::btree_map(arb_text(), arb_answer(), 0..4),
        proptest::collection::vec(
            (
                arb_text(),
                proptest::collection::btree_map(arb_text(), arb_answer(), 0..3),
            ),
            0..4,
        ),
        proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
    )
        .prop_map(|(answers, systems, deps)| {
            let mut p = Profile::default();
            p.answers.0 = answers;
            let ids: Vec<SystemId> = systems
                .into_iter()
                .map(|(name, answers)| {
                    let id = p.add_system(name);
                    if let Some(s) = p.system_mut(id) {
                        s.answers.0 = answers;
                    }
                    id
                })
                .collect();
            if ids.len() > 1 {
                for (i, d) in deps.iter().enumerate() {
                    p.toggle_dependency(ids[i % ids.len()], *d.get(&ids));
                }
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the user typed, saving and loading gives it back; and the same text pushed
    /// through the migration path (as if it were an old file) reads the same.
    #[test]
    fn any_profile_round_trips(p in arb_profile()) {
        let (_d, store) = store();
        let lock: ProfileLock = store.lock("p").unwrap();
        lock.save(&p).unwrap();
        prop_assert_eq!(&store.load("p").unwrap().profile, &p);

        let text = store::profile_text(&p).unwrap();
        let as_v0 = text.replacen("schema_version: 2,", "schema_version: 0,", 1);
        let migrated = store::migrate::parse_profile(&as_v0).unwrap();
        prop_assert_eq!(migrated.migrated_from, Some(0));
        prop_assert_eq!(&migrated.profile, &p);
    }
}

/// A file `age` old, as an interrupted write would have left it.
fn leftover(path: &Path, age: std::time::Duration) {
    fs::write(path, "half a save").unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - age).unwrap();
}

#[test]
fn temporary_files_of_killed_saves_are_swept_and_nobody_elses() {
    let (_d, store) = store();
    let old = store::STALE_AFTER + std::time::Duration::from_secs(60);
    let p = store.profiles_dir();
    // The profile's own and its backup's: removed when its lock is taken, however recent (only
    // the lock holder writes them).
    leftover(&p.join(".acme.ron.a1B2c3"), std::time::Duration::ZERO);
    leftover(&p.join(".acme.ron.bak.Zz9zz9"), old);
    // Another profile's: untouched, whatever their age (its own lock holder sweeps them).
    leftover(&p.join(".beta.ron.a1B2c3"), old);
    let lock = store.lock("acme").unwrap();
    assert_eq!(
        files_in(p),
        [".beta.ron.a1B2c3", "acme.ron.lock"],
        "only acme's temporaries are gone"
    );
    lock.save(&sample("a")).unwrap();

    // The state file is written by every shangyun: an old temporary is removed on the next
    // write of it, a recent one (another shangyun writing it now) is left alone.
    let stale = store.dir().join(".state.ron.Q1w2E3");
    let fresh = store.dir().join(".state.ron.R4t5Y6");
    leftover(&stale, old);
    leftover(&fresh, std::time::Duration::from_secs(1));
    store.set_last(Some("acme")).unwrap();
    assert!(!stale.exists());
    assert!(fresh.exists());
    assert_eq!(store.last().as_deref(), Some("acme"));
}
