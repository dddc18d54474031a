//! The environment misbehaving around the real binary: an unusable data folder, a full disk, no
//! HOME, an unknown language, no terminal, a pipe that closes early, a FIFO as the output file.
//! Each gives a clear one-line message and a documented exit code, never a panic.

use shangyun::model::synthetic;
use shangyun::store;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{Run, demo, output, shangyun};

/// [`shangyun`] with no data-dir variable: these tests give the folder, or have none.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = shangyun(dir, args);
    cmd.env_remove("SHANGYUN_DATA_DIR");
    cmd
}

/// No panic, no backtrace, one line on stderr that starts with `shangyun:`.
fn assert_clean_error(r: &Run, what: &str) {
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("stack backtrace"),
        "{what}: {}",
        r.stderr
    );
    assert_eq!(
        r.stderr.trim_end().lines().count(),
        1,
        "{what}: {}",
        r.stderr
    );
    assert!(r.stderr.starts_with("shangyun: "), "{what}: {}", r.stderr);
}

#[test]
fn a_data_dir_under_a_regular_file_is_exit_3_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("plain"), "x").unwrap();
    for args in [
        vec!["--data-dir", "plain/data", "profiles", "list"],
        vec!["--data-dir", "plain/data", "export", "--profile", "acme"],
    ] {
        let mut cmd = command(dir.path(), &args);
        cmd.arg("--lang").arg("en");
        let r = output(&mut cmd);
        assert_eq!(r.code, Some(3), "{args:?}: {}", r.stderr);
        assert_clean_error(&r, "data dir under a file");
        assert!(r.stderr.contains("plain/data"), "{}", r.stderr);
    }
}

#[test]
fn a_full_disk_on_stdout_is_a_clear_error() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = command(dir.path(), &["export", "--demo", "--lang", "en"]);
    cmd.stdout(full);
    let r = output(&mut cmd);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
    assert_clean_error(&r, "stdout on /dev/full");
    assert!(r.stderr.contains("-o"), "points to -o: {}", r.stderr);
}

#[test]
fn an_existing_device_as_the_output_file_is_refused_without_force() {
    // `-o /dev/full` (or any existing path) is not replaced without --force. (With --force the
    // write is atomic, so a device or FIFO would be replaced, see below: never run that here.)
    let dir = tempfile::tempdir().unwrap();
    let r = output(&mut command(
        dir.path(),
        &["export", "--demo", "--lang", "en", "-o", "/dev/full"],
    ));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_clean_error(&r, "-o /dev/full");
    assert!(r.stderr.contains("/dev/full"), "{}", r.stderr);
}

#[test]
fn force_writing_to_a_fifo_writes_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    // A reader on the FIFO, so that a writer does not block forever.
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = fs::File::open(&reader_path).and_then(|mut f| f.read_to_string(&mut s));
        s
    });
    let r = output(&mut command(
        dir.path(),
        &["export", "--demo", "--lang", "en", "-o", "pipe", "--force"],
    ));
    let still_fifo = {
        use std::os::unix::fs::FileTypeExt as _;
        fs::symlink_metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo())
    };
    if !still_fifo {
        // Unblock the reader thread before failing.
        let _ = fs::OpenOptions::new().write(true).open(&fifo);
    }
    assert!(still_fifo, "the FIFO was replaced by a regular file");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(reader.join().unwrap().starts_with("# "));
}

/// Runs `cmd` as a user id with no passwd entry (so that no home folder can be found), when
/// this test runs as root; `None` otherwise.
fn as_user_without_home(cmd: &mut Command) -> Option<()> {
    use std::os::unix::process::CommandExt as _;
    let uid = fs::metadata("/proc/self").ok().map(|m| {
        use std::os::unix::fs::MetadataExt as _;
        m.uid()
    })?;
    if uid != 0 {
        return None;
    }
    // A uid far above any real account.
    cmd.uid(3_999_999_937).gid(3_999_999_937);
    Some(())
}

#[test]
fn no_home_and_no_data_dir_asks_for_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    // Readable and searchable by anyone, so that another uid can run in it.
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut cmd = command(dir.path(), &["--lang", "en", "profiles", "list"]);
    for v in ["HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"] {
        cmd.env_remove(v);
    }
    if as_user_without_home(&mut cmd).is_none() {
        eprintln!("not root: cannot run as a user without a home folder; skipped");
        return;
    }
    let Ok(out) = cmd.output() else {
        eprintln!("the binary cannot be run as another user here; skipped");
        return;
    };
    let r = Run::from(out);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
    assert_clean_error(&r, "no HOME");
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("--data-dir"), "{}", r.stderr);
}

#[test]
fn no_home_is_resolved_only_from_flag_env_or_platform() {
    // The rule `main` relies on: with nothing to go by, the store says so (and its message
    // asks for --data-dir) instead of guessing a folder.
    let err = store::resolve_data_dir_from(None, None, || None).unwrap_err();
    assert!(matches!(err, store::StoreError::NoDataDir));
    assert!(err.to_string().contains("--data-dir"), "{err}");
    let zh = shangyun::content::Content::get().render(shangyun::model::Lang::ZhCn, &err.text());
    assert!(zh.contains("--data-dir"), "{zh}");
}

#[test]
fn an_unknown_language_falls_back_to_a_supported_one() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["fr_FR.UTF-8", "xx", "", "C.UTF-8", "de_DE@euro"] {
        let mut cmd = command(dir.path(), &["export", "--demo"]);
        cmd.env("LANG", lang);
        let r = output(&mut cmd);
        assert_eq!(r.code, Some(0), "LANG={lang}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "LANG={lang}: {}", r.stderr);
        // The demo's own language (zh-CN), or English for C.
        let zh = r.stdout.contains("## 上云方案");
        let en = r.stdout.contains("## Cloud adoption plan");
        assert!(zh ^ en, "LANG={lang}: one supported language");
        // Errors too are in a supported language.
        let mut cmd = command(dir.path(), &["check", "missing.ron"]);
        cmd.env("LANG", lang);
        let r = output(&mut cmd);
        assert_eq!(r.code, Some(2));
        assert_clean_error(&r, lang);
    }
}

#[test]
fn the_wizard_without_a_terminal_refuses_politely() {
    let dir = tempfile::tempdir().unwrap();
    for term in ["", "xterm-256color"] {
        for lang in ["en", "zh-CN"] {
            let mut cmd = command(dir.path(), &["--lang", lang]);
            cmd.env("TERM", term)
                .env("SHANGYUN_DATA_DIR", dir.path().join("data"));
            let r = output(&mut cmd);
            assert_eq!(r.code, Some(2), "TERM={term}: {}", r.stderr);
            assert_clean_error(&r, term);
            assert!(r.stderr.contains("shangyun export"), "{}", r.stderr);
            assert!(r.stdout.is_empty());
        }
    }
}

#[test]
fn a_dumb_terminal_or_a_named_profile_on_a_pipe_gets_plain_mode() {
    let dir = tempfile::tempdir().unwrap();
    // TERM=dumb, or input that is not a terminal with a profile named: plain mode, which
    // ends (saved) when its input does; never a half-drawn screen on a pipe.
    let cases: [(&str, &[&str]); 4] = [
        ("dumb", &["--lang", "en"]),
        ("dumb", &["--demo"]),
        ("xterm-256color", &["--demo", "--lang", "en"]),
        ("xterm-256color", &["--profile", "acme", "--lang", "en"]),
    ];
    for (term, args) in cases {
        let mut cmd = command(dir.path(), args);
        cmd.env("TERM", term)
            .env("SHANGYUN_DATA_DIR", dir.path().join("data"));
        let r = output(&mut cmd);
        assert_eq!(r.code, Some(0), "{term} {args:?}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{term} {args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\u{1b}'),
            "{args:?}: escape codes on a pipe"
        );
        assert!(
            ["plain mode", "纯文本模式", "Name of the new profile"]
                .iter()
                .any(|s| r.stdout.contains(s)),
            "{term} {args:?}: {}",
            r.stdout
        );
    }
}

#[test]
fn export_works_with_stdout_piped() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["md", "ron", "json"] {
        let r = output(&mut command(
            dir.path(),
            &["export", "--demo", "--lang", "en", "--format", format],
        ));
        assert_eq!(r.code, Some(0), "{format}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{format}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\u{1b}'),
            "{format}: no colour codes on a pipe"
        );
        assert!(r.stdout.len() > 1000);
    }
}

#[test]
fn a_pipe_closed_after_ten_bytes_ends_quietly() {
    // `shangyun export … | head -c 10` on an export much larger than a pipe buffer, so that
    // the write really fails with EPIPE.
    let dir = tempfile::tempdir().unwrap();
    let demo = demo();
    let big = synthetic::synthetic_profile(&demo, 300);
    fs::write(
        dir.path().join("big.ron"),
        store::profile_text(&big).unwrap(),
    )
    .unwrap();
    for format in ["md", "json"] {
        let mut cmd = command(
            dir.path(),
            &[
                "export",
                "--answers",
                "big.ron",
                "--lang",
                "en",
                "--format",
                format,
            ],
        );
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 10];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut head)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
        if format == "md" {
            assert_eq!(&head[..2], b"# ");
        }
    }
}

/// A file `age` old, as an interrupted write would have left it.
fn leftover(path: &Path, age: std::time::Duration) {
    fs::write(path, "half a plan").unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - age).unwrap();
}

#[test]
fn an_export_sweeps_the_temporary_files_of_a_killed_export_of_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::time::Duration::from_secs(120);
    let stale = dir.path().join(".plan.md.AbC123");
    // another shangyun's export of the same file, in progress
    let fresh = dir.path().join(".plan.md.XyZ789");
    // another file's, and a file of the user's that only looks alike
    let others = [".notes.md.AbC123", ".plan.md.AbC12", "plan.md.AbC123"];
    leftover(&stale, old);
    leftover(&fresh, std::time::Duration::ZERO);
    for f in others {
        leftover(&dir.path().join(f), old);
    }
    let r = output(&mut command(
        dir.path(),
        &["export", "--demo", "--lang", "en", "-o", "plan.md"],
    ));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.path().join("plan.md").is_file());
    assert!(!stale.exists(), "an abandoned temporary file is removed");
    assert!(fresh.exists(), "a write in progress is left alone");
    for f in others {
        assert!(dir.path().join(f).exists(), "{f} is not ours");
    }
}
