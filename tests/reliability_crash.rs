//! Crash safety: a process saving a profile in a loop is SIGKILLed at random moments, and every
//! time the profile on disk is one complete version that was written (never torn, never older
//! than the last save that returned), its backup parses, no temporary files pile up, the dead
//! process's lock is released, and the profile loads.
//!
//! The saving process is this test binary again, started with [`CHILD_ENV`] set and only
//! [`crash_child_saves_in_a_loop`] selected (the pattern of `tests/store.rs`).

use shangyun::model::{Answer, Lang, Profile};
use shangyun::store::{self, Store};
use std::fs;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "SHANGYUN_TEST_CRASH_CHILD_DIR";
const FIRST_ENV: &str = "SHANGYUN_TEST_CRASH_CHILD_FIRST";
const NAME: &str = "断电测试";

/// Version `k` of the profile. Even and odd versions differ in size by a factor of eight (24 and
/// 3 systems with long names and answers, about 8 KB and 1 KB), so a file mixing two versions
/// cannot parse as either; the enterprise name carries `k`.
fn version(k: u64) -> Profile {
    let mut p = Profile::new(Lang::ZhCn);
    p.answers
        .set("ent.name", Some(Answer::Text(format!("版本 {k}"))));
    let systems = if k.is_multiple_of(2) { 24 } else { 3 };
    for i in 0..systems {
        let id = p.add_system(format!("系统 {i} of version {k} — 财务、ERP、CRM"));
        if let Some(s) = p.system_mut(id) {
            s.answers.set(
                "sys.problems",
                Some(Answer::Text(format!("{k}:{i} ").repeat(8))),
            );
            s.answers.set(
                "sys.peak_users",
                Some(Answer::Number((k * 1000 + i) as f64)),
            );
        }
    }
    p
}

/// The version number a profile on disk claims to be.
fn version_of(p: &Profile) -> Option<u64> {
    p.enterprise_name().strip_prefix("版本 ")?.parse().ok()
}

/// Not a test on its own: the child process of
/// `sigkill_during_saves_never_tears_or_loses_the_profile`. Takes the lock, then saves versions
/// `FIRST, FIRST+1, …` until killed, printing `SAVING k` before and `SAVED k` after each save.
#[test]
fn crash_child_saves_in_a_loop() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let first: u64 = std::env::var(FIRST_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let store = Store::open(PathBuf::from(dir)).unwrap();
    let lock = store.lock(NAME).unwrap();
    let mut out = std::io::stdout();
    writeln!(out, "\nLOCKED").unwrap();
    out.flush().unwrap();
    // Bounded, so that a parent that failed to kill us does not leave a process behind forever.
    for k in first..first + 10_000 {
        let p = version(k);
        writeln!(out, "SAVING {k}").unwrap();
        out.flush().unwrap();
        lock.save(&p).unwrap();
        writeln!(out, "SAVED {k}").unwrap();
        out.flush().unwrap();
    }
}

/// The files in the profiles folder, and those of them that belong there (the profile, its
/// backup and its lock file).
fn profile_files(store: &Store) -> (Vec<String>, Vec<String>) {
    let mut files: Vec<String> = fs::read_dir(store.profiles_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let expected = [".ron", ".ron.bak", ".ron.lock"]
        .iter()
        .map(|ext| format!("{NAME}{ext}"))
        .filter(|f| files.contains(f))
        .collect();
    (files, expected)
}

/// splitmix64: a seeded, reproducible source of kill moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

enum Line {
    Locked,
    Saving(u64),
    Saved(u64),
}

fn parse_line(l: &str) -> Option<Line> {
    if l == "LOCKED" {
        return Some(Line::Locked);
    }
    if let Some(k) = l.strip_prefix("SAVING ") {
        return k.parse().ok().map(Line::Saving);
    }
    l.strip_prefix("SAVED ")?.parse().ok().map(Line::Saved)
}

#[test]
fn sigkill_during_saves_never_tears_or_loses_the_profile() {
    const SEED: u64 = 0x5348_414e_4759_554e; // "SHANGYUN"
    const KILLS: usize = 20;
    let deadline = Instant::now() + Duration::from_secs(60);
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path().join("data")).unwrap();
    let path = store.path_of(NAME).unwrap();
    let bak = PathBuf::from(format!("{}.bak", path.display()));
    let mut rng = Rng(SEED);
    let mut next_version = 0u64;
    // The version on disk before the round: the last one saved, until the child saves another.
    let mut before: Option<u64> = None;
    let (mut kills, mut total_saves) = (0usize, 0u64);
    // Kills between `SAVING k` and `SAVED k`, and those of them after the new file was in place.
    let (mut during_save, mut after_rename) = (0usize, 0usize);
    let mut save_time = Duration::from_millis(10);
    // Temporary files found after a kill (all removed by the next lock).
    let mut left_behind = 0usize;

    while kills < KILLS && Instant::now() < deadline {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_saves_in_a_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, store.dir())
            .env(FIRST_ENV, next_version.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read the child's lines on a thread, so that the parent can kill at any moment.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(l) = parse_line(line.trim())
                    && tx.send(l).is_err()
                {
                    break;
                }
            }
        });
        // Kill after a random number of completed saves (0–19), at a random moment of the next
        // one: up to one and a half times as long as a save takes.
        let target = rng.below(20);
        let (mut locked, mut saved_here) = (false, 0u64);
        let (mut last_saved, mut last_saving) = (before, None);
        let mut saving_since = None;
        while Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(Line::Locked) => locked = true,
                Ok(Line::Saving(k)) => {
                    last_saving = Some(k);
                    saving_since = Some(Instant::now());
                    if saved_here >= target {
                        break;
                    }
                }
                Ok(Line::Saved(k)) => {
                    last_saved = Some(k);
                    saved_here += 1;
                    if let Some(t) = saving_since.take() {
                        // A running average over the whole test.
                        save_time = (save_time * 7 + t.elapsed()) / 8;
                    }
                }
                Err(_) => break,
            }
        }
        let max_delay = u64::try_from(save_time.as_micros() * 3 / 2).unwrap_or(u64::MAX);
        std::thread::sleep(Duration::from_micros(rng.below(max_delay)));
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            panic!("round {kills}: the child ended by itself ({status}): {err}");
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        for l in rx.try_iter() {
            match l {
                Line::Locked => locked = true,
                Line::Saving(k) => last_saving = Some(k),
                Line::Saved(k) => {
                    last_saved = Some(k);
                    saved_here += 1;
                }
            }
        }
        assert!(locked, "round {kills}: the child never took the lock");
        kills += 1;
        total_saves += saved_here;

        // The file on disk is exactly one complete version: the last save that returned, or
        // the one in progress when the process died.
        let text = fs::read_to_string(&path).unwrap_or_default();
        let on_disk = if text.is_empty() {
            assert_eq!(
                last_saved, None,
                "round {kills}: the profile vanished after a completed save"
            );
            None
        } else {
            let parsed = store::migrate::parse_profile(&text)
                .unwrap_or_else(|e| panic!("round {kills}: torn profile: {e:?}"));
            let k = version_of(&parsed.profile).expect("a version marker");
            assert_eq!(
                text,
                store::profile_text(&version(k)).unwrap(),
                "round {kills}: the file is not exactly version {k}"
            );
            let allowed = [last_saved, last_saving];
            assert!(
                allowed.contains(&Some(k)),
                "round {kills}: version {k} on disk; last saved {last_saved:?}, in progress {last_saving:?}"
            );
            if last_saving != last_saved {
                during_save += 1;
                if Some(k) == last_saving {
                    after_rename += 1;
                }
            }
            Some(k)
        };

        // The backup is a complete earlier version, never the profile's own file (issue 11.6:
        // it used to be a hard link of the profile until the new version was in place). It is
        // the version before the profile's, or, when the process died between the profile's
        // rename and the backup's, the one before that, with the previous version staged under
        // a temporary name (`.NAME.ron.prev.XXXXXX`) for the next lock to finish.
        let (files, expected) = profile_files(&store);
        let staged = files
            .iter()
            .any(|f| f.starts_with(&format!(".{NAME}.ron.prev.")));
        let backup_version = |round: usize| {
            fs::read_to_string(&bak).ok().map(|b| {
                let parsed = store::migrate::parse_profile(&b)
                    .unwrap_or_else(|e| panic!("round {round}: torn backup: {e:?}"));
                let kb = version_of(&parsed.profile).expect("a version marker in the backup");
                assert_eq!(b, store::profile_text(&version(kb)).unwrap());
                kb
            })
        };
        if let Some(kb) = backup_version(kills) {
            let k = on_disk.expect("a backup without a profile");
            assert!(
                kb + 1 == k || (staged && kb + 2 == k),
                "round {kills}: backup {kb} next to profile {k} (staged: {staged})"
            );
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt as _;
                let ino = |p: &PathBuf| fs::metadata(p).map(|m| m.ino()).ok();
                assert_ne!(ino(&path), ino(&bak), "round {kills}: .bak is the profile");
            }
        }

        // At most the temporary files of the save that was cut short are left behind (the
        // new version and the staged backup) ...
        let strays: Vec<&String> = files.iter().filter(|f| !expected.contains(f)).collect();
        assert!(
            strays.len() <= 2
                && strays
                    .iter()
                    .all(|f| f.starts_with(&format!(".{NAME}.ron."))),
            "round {kills}: stray files {strays:?}"
        );
        left_behind += strays.len();

        // ... the dead process's lock is released, and taking it removes that file; the
        // profile loads.
        let lock = store
            .lock(NAME)
            .unwrap_or_else(|e| panic!("round {kills}: lock not released: {e}"));
        let (files, expected) = profile_files(&store);
        assert_eq!(files, expected, "round {kills}: stray files after locking");
        // ... and a staged backup has become the backup: the version just before the profile's
        if let (Some(kb), Some(k)) = (backup_version(kills), on_disk) {
            assert_eq!(kb + 1, k, "round {kills}: backup after locking");
        }
        if let Some(k) = on_disk {
            let loaded = lock.load().unwrap();
            assert_eq!(version_of(&loaded.profile), Some(k));
        }
        drop(lock);
        next_version = on_disk.map_or(0, |k| k + 1);
        before = on_disk;
    }
    assert!(
        kills >= 10 && total_saves >= 50,
        "too few rounds to mean anything before the deadline: {kills} kills, {total_saves} saves"
    );
    assert!(
        during_save * 2 >= kills,
        "most kills should land during a save: {during_save} of {kills}"
    );
    eprintln!(
        "{kills} kills, {total_saves} completed saves; {during_save} kills during a save, \
         {after_rename} of them after the new file was in place; {left_behind} temporary files \
         left behind and removed; a save takes {save_time:?}"
    );
}
