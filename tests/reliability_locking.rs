//! Two shangyuns on one profile: the second is refused with a message that names the profile
//! and the process holding it, and nothing is lost: the first one's saves still land. In one
//! process and across processes (the child is this test binary again, driven line by line
//! through its stdin, the pattern of `tests/store.rs`).

use shangyun::content::Content;
use shangyun::model::{Answer, Lang, Profile};
use shangyun::store::{Store, StoreError};
use std::fs;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const NAME: &str = "共享 Profile";
const CHILD_ENV: &str = "SHANGYUN_TEST_TWO_INSTANCES_DIR";

fn version(k: u32) -> Profile {
    let mut p = Profile::new(Lang::ZhCn);
    p.answers
        .set("ent.name", Some(Answer::Text(format!("版本 {k}"))));
    for i in 0..k {
        p.add_system(format!("系统 {i}"));
    }
    p
}

fn version_on_disk(store: &Store) -> Option<String> {
    store
        .load(NAME)
        .ok()
        .map(|l| l.profile.enterprise_name().to_owned())
}

/// The messages a user sees for a lock error: the English sentence and both locale texts.
fn messages(err: &StoreError) -> Vec<String> {
    let mut v = vec![err.to_string()];
    for lang in Lang::ALL {
        v.push(Content::get().render(lang, &err.text()));
    }
    v
}

#[test]
fn a_second_lock_in_the_same_process_is_refused_and_the_first_keeps_saving() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first = store.lock(NAME).unwrap();
    first.save(&version(1)).unwrap();

    // A second store on the same folder (as a second window would open it).
    let other = Store::open(dir.path()).unwrap();
    let err = other.lock(NAME).unwrap_err();
    let StoreError::Locked { name, pid, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, NAME);
    assert_eq!(*pid, Some(std::process::id()));
    for m in messages(&err) {
        assert!(m.contains(NAME), "names the profile: {m}");
        assert!(
            m.contains(&std::process::id().to_string()),
            "names the holder: {m}"
        );
        assert_eq!(m.lines().count(), 1, "{m}");
    }
    // The refused one cannot delete or rename it either.
    assert!(matches!(other.delete(NAME), Err(StoreError::Locked { .. })));
    assert!(matches!(
        other.rename(NAME, "x"),
        Err(StoreError::Locked { .. })
    ));
    // It may read it.
    assert_eq!(version_on_disk(&other).as_deref(), Some("版本 1"));

    // Nothing lost: the first keeps saving, over and over, after the refusal.
    for k in 2..=5 {
        first.save(&version(k)).unwrap();
        assert_eq!(version_on_disk(&other), Some(format!("版本 {k}")));
    }
    drop(first);
    let again = other.lock(NAME).unwrap();
    assert_eq!(again.load().unwrap().profile, version(5));
}

#[test]
fn a_stale_lock_file_from_a_dead_process_does_not_block() {
    // The lock is an OS lock on the file, released when its process dies; the file and the
    // PID in it may stay behind.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let lock_file = PathBuf::from(format!("{}.lock", store.path_of(NAME).unwrap().display()));
    fs::write(&lock_file, "4000000000\n").unwrap();
    let lock = store.lock(NAME).unwrap();
    assert_eq!(
        fs::read_to_string(&lock_file).unwrap().trim(),
        std::process::id().to_string(),
        "the lock file names the new holder"
    );
    lock.save(&version(1)).unwrap();
}

/// Not a test on its own: the second process of
/// `a_second_process_is_refused_and_the_first_processs_saves_land`. Takes the lock, prints
/// `LOCKED`, then for each line `SAVE k` on stdin saves version `k` and prints `SAVED k`;
/// releases the lock when stdin closes.
#[test]
fn two_instances_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let store = Store::open(PathBuf::from(dir)).unwrap();
    let lock = store.lock(NAME).unwrap();
    let mut out = std::io::stdout();
    writeln!(out, "\nLOCKED").unwrap();
    out.flush().unwrap();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        if let Some(k) = line.strip_prefix("SAVE ").and_then(|k| k.parse().ok()) {
            lock.save(&version(k)).unwrap();
            writeln!(out, "SAVED {k}").unwrap();
            out.flush().unwrap();
        }
    }
}

struct Instance {
    child: Child,
    stdin: ChildStdin,
    lines: std::io::Lines<BufReader<ChildStdout>>,
}

impl Instance {
    fn start(dir: &Path) -> Instance {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "two_instances_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut me = Instance {
            child,
            stdin,
            lines,
        };
        me.wait_for("LOCKED");
        me
    }

    /// Waits for the child's line (or its exit), not for a fixed time.
    fn wait_for(&mut self, want: &str) {
        assert!(
            self.lines
                .by_ref()
                .any(|l| l.is_ok_and(|l| l.trim() == want)),
            "the child never said {want:?}"
        );
    }

    fn save(&mut self, k: u32) {
        writeln!(self.stdin, "SAVE {k}").unwrap();
        self.stdin.flush().unwrap();
        self.wait_for(&format!("SAVED {k}"));
    }

    fn quit(self) {
        let Instance {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

#[test]
fn a_second_process_is_refused_and_the_first_processs_saves_land() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut first = Instance::start(store.dir());
    first.save(1);
    let holder = first.child.id();

    let err = store.lock(NAME).unwrap_err();
    assert!(
        matches!(&err, StoreError::Locked { pid: Some(p), name, .. } if *p == holder && name == NAME),
        "{err:?}"
    );
    for m in messages(&err) {
        assert!(
            m.contains(NAME) && m.contains(&holder.to_string()),
            "names the profile and process {holder}: {m}"
        );
    }
    // Asking again and again changes nothing for the holder.
    for _ in 0..3 {
        assert!(store.lock(NAME).is_err());
    }
    for k in 2..=4 {
        first.save(k);
        assert_eq!(version_on_disk(&store), Some(format!("版本 {k}")));
    }
    assert!(store.lock(NAME).is_err(), "still held");
    first.quit();

    // Released on exit; everything the first process saved is there.
    let lock = store.lock(NAME).unwrap();
    assert_eq!(lock.load().unwrap().profile, version(4));
    assert_eq!(store.load_backup(NAME).unwrap().profile, version(3));
}

#[test]
fn two_processes_on_two_profiles_do_not_block_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut first = Instance::start(store.dir());
    let other = store.lock("另一个 profile").unwrap();
    other.save(&version(7)).unwrap();
    first.save(1);
    first.quit();
    assert_eq!(store.load("另一个 profile").unwrap().profile, version(7));
}

#[test]
fn the_cli_refuses_a_locked_profile_with_exit_4_and_the_pid() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut first = Instance::start(store.dir());
    first.save(1);
    let out = Command::new(env!("CARGO_BIN_EXE_shangyun"))
        .args(["--lang", "en", "profiles", "delete", NAME])
        .env("SHANGYUN_DATA_DIR", store.dir())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains(NAME), "{stderr}");
    assert!(stderr.contains(&first.child.id().to_string()), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    first.save(2);
    first.quit();
    assert_eq!(version_on_disk(&store).as_deref(), Some("版本 2"));
}
