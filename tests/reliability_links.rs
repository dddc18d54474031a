//! Links, FIFOs and other files that are not what they seem, where shangyun reads or writes:
//! a symbolic link is never followed where shangyun writes or truncates (lock files, saves,
//! backups, `state.ron`, exports), a FIFO never hangs a read, a failed export leaves nothing
//! behind, and a profile and its `.bak` are never one file. Each case names the bug it once was
//! (issue 11, items 1, 2, 5, 6 and 7).
#![cfg(unix)]

use shangyun::model::Profile;
use shangyun::store::{self, Health, Store, StoreError};
use std::fs;
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;
use common::demo;

fn named(name: &str) -> Profile {
    let mut p = demo();
    p.answers
        .set("ent.name", Some(shangyun::model::Answer::Text(name.into())));
    p
}

/// Runs `f` on its own thread and fails (instead of hanging the suite) when it takes longer
/// than ten seconds: the bugs here were reads that waited forever on a FIFO.
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("{what} hung (waited 10 s)"))
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status();
    assert!(ok.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

fn is_fifo(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

/// [`common::shangyun`] in English, its output captured for [`run`] to wait on.
fn shangyun_en(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = common::shangyun(dir, args);
    cmd.env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs the binary, failing after ten seconds rather than hanging.
fn run(mut cmd: Command) -> (Option<i32>, String, String) {
    let child = cmd.spawn().unwrap();
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(out) => {
            let r = common::Run::from(out.unwrap());
            (r.code, r.stdout, r.stderr)
        }
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("shangyun hung (waited 10 s)");
        }
    }
}

/// Issue 11.1: `profiles/p.ron.lock` linked to another file made `profiles delete p` (and the
/// wizard) truncate that file and write a PID into it; a dangling link created its target.
#[test]
fn a_lock_file_that_is_a_symlink_is_replaced_and_what_it_points_to_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let dangling = dir.path().join("created-by-nobody");
    for (name, target) in [("p", &victim), ("q", &dangling)] {
        store.lock(name).unwrap().create(&named(name)).unwrap();
        let lock_path = PathBuf::from(format!("{}.lock", store.path_of(name).unwrap().display()));
        fs::remove_file(&lock_path).unwrap();
        symlink(target, &lock_path);
        // the wizard's way in, then the CLI's
        let lock = store.lock(name).unwrap();
        assert!(fs::symlink_metadata(&lock_path).unwrap().is_file());
        drop(lock);
        fs::remove_file(&lock_path).unwrap();
        symlink(target, &lock_path);
        store.delete(name).unwrap();
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!dangling.exists() && fs::symlink_metadata(&dangling).is_err());

    // a FIFO as the lock file: replaced, not opened for writing (which could wait forever)
    let store2 = store.clone();
    store.lock("r").unwrap().create(&named("r")).unwrap();
    let lock_path = PathBuf::from(format!("{}.lock", store.path_of("r").unwrap().display()));
    fs::remove_file(&lock_path).unwrap();
    mkfifo(&lock_path);
    within("locking with a FIFO as the lock file", move || {
        store2.lock("r").map(drop)
    })
    .unwrap();
    assert!(fs::symlink_metadata(&lock_path).unwrap().is_file());
    // a folder there is an error that names the lock, not a crash
    fs::remove_file(&lock_path).unwrap();
    fs::create_dir(&lock_path).unwrap();
    let e = store.lock("r").unwrap_err();
    assert!(e.to_string().contains(".lock"), "{e}");
}

/// Issue 11.1: saves, backups, `state.ron` and their temporary files replace a link with a
/// file of their own; the file a link points to is never written.
#[test]
fn saves_backups_and_the_state_file_replace_links_instead_of_writing_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    let victim = dir.path().join("victim.ron");
    let good = store::profile_text(&named("victim")).unwrap();
    fs::write(&victim, &good).unwrap();
    let path = store.path_of("p").unwrap();
    let bak = PathBuf::from(format!("{}.bak", path.display()));

    // the backup is a link to a readable profile elsewhere
    let lock = store.lock("p").unwrap();
    lock.save(&named("one")).unwrap();
    symlink(&victim, &bak);
    lock.save(&named("two")).unwrap();
    lock.save(&named("three")).unwrap();
    assert!(fs::symlink_metadata(&bak).unwrap().is_file());
    assert_eq!(fs::read_to_string(&victim).unwrap(), good);

    // the profile itself is a link: the save replaces the link (the victim is read, never written)
    fs::remove_file(&path).unwrap();
    symlink(&victim, &path);
    lock.save(&named("four")).unwrap();
    assert!(fs::symlink_metadata(&path).unwrap().is_file());
    assert_eq!(fs::read_to_string(&victim).unwrap(), good);
    drop(lock);

    // the state file is a link
    let state = dir.path().join("data").join("state.ron");
    let _ = fs::remove_file(&state);
    symlink(&victim, &state);
    store.set_last(Some("p")).unwrap();
    assert!(fs::symlink_metadata(&state).unwrap().is_file());
    assert_eq!(fs::read_to_string(&victim).unwrap(), good);
    assert_eq!(store.last().as_deref(), Some("p"));
}

/// Issue 11.1: `export -o LINK --force` wrote a file with the link's mode, 0777 (executable,
/// writable by all). The new file has the user's usual mode; the link's target is untouched.
#[test]
fn export_over_a_symlink_replaces_the_link_with_a_private_non_executable_file() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("plan.md");
    symlink(&victim, &link);
    let (code, _, err) = run(shangyun_en(
        dir.path(),
        &["export", "--demo", "-o", "plan.md", "--force"],
    ));
    assert_eq!(code, Some(0), "{err}");
    assert!(fs::symlink_metadata(&link).unwrap().is_file());
    assert!(fs::read_to_string(&link).unwrap().starts_with("# "));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    let m = mode(&link);
    assert_eq!(m & 0o111, 0, "executable: {m:o}");
    assert_eq!(m & 0o002, 0, "writable by all: {m:o}");

    // the wizard's export dialog (its "replace? y") writes through the same function
    let link2 = dir.path().join("plan2.md");
    symlink(&victim, &link2);
    store::write_export(&link2, b"# plan\n", store::Overwrite::Yes).unwrap();
    assert!(fs::symlink_metadata(&link2).unwrap().is_file());
    assert_eq!(mode(&link2) & 0o113, 0, "{:o}", mode(&link2));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

/// Issue 11.2: a FIFO where a profile, the state file or an answers file is read hung shangyun
/// (an open for reading waits for a writer). Now it is "not a regular file", at once.
#[test]
fn a_fifo_where_a_file_is_read_is_an_error_at_once_never_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    let path = store.path_of("p").unwrap();
    mkfifo(&path);
    let s = store.clone();
    let e = within("loading a FIFO profile", move || s.load("p")).unwrap_err();
    assert!(
        matches!(&e, StoreError::Io { source, .. } if source.to_string().contains("not a regular file")),
        "{e:?}"
    );
    assert!(is_fifo(&path), "the FIFO was moved or replaced");

    // the wizard's save to a path that became a FIFO fails like any other save error
    let s = store.clone();
    let saved = within("saving over a FIFO", move || {
        let lock = s.lock("p").unwrap();
        lock.save(&named("x")).map(drop)
    });
    assert!(saved.is_err());
    assert!(is_fifo(&path));

    // `profiles list` reports it instead of skipping it
    let list = store.list().unwrap();
    assert!(
        list.iter()
            .any(|p| p.name == "p" && p.health == Health::NotRegular),
        "{list:?}"
    );

    // the state file
    let state = dir.path().join("data").join("state.ron");
    mkfifo(&state);
    let s = store.clone();
    assert_eq!(within("reading a FIFO state file", move || s.last()), None);

    // an answers file, through the store and through the CLI (exit 2, one line naming it)
    let answers = dir.path().join("answers.ron");
    mkfifo(&answers);
    let a = answers.clone();
    assert!(within("reading a FIFO answers file", move || store::load_file(&a)).is_err());
    for args in [
        &["check", "answers.ron"][..],
        &["export", "--answers", "answers.ron"],
    ] {
        let (code, out, err) = run(shangyun_en(dir.path(), args));
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("answers.ron") && err.contains("not a regular file"),
            "{err}"
        );
    }
    let (code, out, err) = run(shangyun_en(dir.path(), &["profiles"]));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "p\n");
    assert!(err.contains("p: not a regular file"), "{err}");
}

/// Issue 11.5: `export -o DIR --force` failed (the target is a folder) and left its temporary
/// file, `.DIR.XXXXXX` with the folder's mode 0755, next to it.
#[test]
fn a_failed_export_to_a_folder_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    let before = names_in(dir.path());
    let (code, _, err) = run(shangyun_en(
        dir.path(),
        &["export", "--demo", "-o", "out", "--force"],
    ));
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("out"), "{err}");
    assert_eq!(names_in(dir.path()), before);
    assert!(names_in(&dir.path().join("out")).is_empty());
}

/// Issue 11.6: the backup was made a hard link of the profile before the new version was
/// written, so a failed (or killed) save left the profile and its `.bak` as one file, and the
/// next change to one was a change to both.
#[test]
fn after_a_failed_save_the_backup_is_the_previous_version_in_a_file_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    let lock = store.lock("p").unwrap();
    lock.save(&named("one")).unwrap();
    lock.save(&named("two")).unwrap();
    let path = store.path_of("p").unwrap();
    let bak = PathBuf::from(format!("{}.bak", path.display()));
    let (profile_then, bak_then) = (fs::read(&path).unwrap(), fs::read(&bak).unwrap());
    // a profile too large to be read back is refused by the writer, after the backup step
    let huge = named(&"x".repeat(17 << 20));
    assert!(lock.save(&huge).is_err());
    let ino = |p: &Path| fs::symlink_metadata(p).unwrap().ino();
    assert_ne!(
        ino(&path),
        ino(&bak),
        "the profile and its .bak are one file"
    );
    assert_eq!(fs::read(&path).unwrap(), profile_then);
    assert_eq!(fs::read(&bak).unwrap(), bak_then);
    assert_eq!(fs::symlink_metadata(&path).unwrap().nlink(), 1);
    // and nothing is left over
    let names = names_in(store.profiles_dir());
    assert_eq!(names, ["p.ron", "p.ron.bak", "p.ron.lock"], "{names:?}");
    // the next good save moves on: .bak is the version before it
    lock.save(&named("three")).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), profile_then);
    assert_ne!(ino(&path), ino(&bak));
}

/// Issue 11.7: `profiles rename` and `delete` of a profile that does not exist left
/// `missing.ron.lock` (and `new.ron.lock`) behind.
#[test]
fn failed_rename_and_delete_of_a_missing_profile_leave_no_lock_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    assert!(matches!(
        store.delete("missing"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.rename("missing", "new"),
        Err(StoreError::NotFound { .. })
    ));
    for args in [
        &["profiles", "delete", "missing"][..],
        &["profiles", "rename", "missing", "new"],
    ] {
        let (code, _, err) = run(shangyun_en(dir.path(), args));
        assert_eq!(code, Some(2), "{args:?}: {err}");
    }
    assert!(
        names_in(store.profiles_dir()).is_empty(),
        "{:?}",
        names_in(store.profiles_dir())
    );
}

/// Issue 11.7: `-o -` wrote a file named `-`; it means standard output.
#[test]
fn dash_as_the_output_file_means_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(shangyun_en(dir.path(), &["export", "--demo", "-o", "-"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("# "), "{out}");
    assert!(!dir.path().join("-").exists());
    // `./-` is still a file of that name
    let (code, out, err) = run(shangyun_en(dir.path(), &["export", "--demo", "-o", "./-"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.is_empty());
    assert!(dir.path().join("-").is_file());
    let started = Instant::now();
    let (code, out, _) = run(shangyun_en(
        dir.path(),
        &["workshop", "summary", "-o", "-", "missing.ron"],
    ));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(code, Some(0));
    assert!(out.starts_with('#'), "{out}");
}
