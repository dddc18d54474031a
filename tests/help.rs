//! The command line's help and man pages in the user's language, through the real binary:
//! the language comes from `--lang`, else `LC_ALL`/`LC_MESSAGES`/`LANG`, as for everything
//! else; the completions still work with the localised command.

use std::path::Path;
use std::process::Command;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shangyun"));
    cmd.args(args)
        .current_dir(dir)
        .env("SHANGYUN_DATA_DIR", dir.join("data"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run shangyun");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn help_follows_the_language_of_the_environment_and_lang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zh = [("LANG", "zh_CN.UTF-8")];
    let r = run(dir.path(), &zh, &["--help"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("用法：shangyun"), "{}", r.stdout);
    assert!(r.stdout.contains("--plain"), "{}", r.stdout);
    assert!(!r.stdout.contains("Print help"), "{}", r.stdout);
    let r = run(dir.path(), &zh, &["profiles", "rename", "-h"]);
    assert!(r.stdout.contains("重命名已保存的档案"), "{}", r.stdout);
    // --lang wins over the environment, wherever it is
    let r = run(dir.path(), &zh, &["export", "--lang", "en", "--help"]);
    assert!(r.stdout.contains("Usage: shangyun export"), "{}", r.stdout);
    let r = run(
        dir.path(),
        &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "zh_CN")],
        &["--help"],
    );
    assert!(
        r.stdout.contains("Usage: shangyun"),
        "LC_ALL first: {}",
        r.stdout
    );
    // no language set: zh-CN, the default
    let r = run(dir.path(), &[], &["man", "--help"]);
    assert!(r.stdout.contains("手册页"), "{}", r.stdout);
}

#[test]
fn man_writes_a_page_per_command_in_the_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("man1");
    let o = out.display().to_string();
    let r = run(dir.path(), &[("LANG", "zh_CN.UTF-8")], &["man", "-o", &o]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let page = std::fs::read_to_string(out.join("shangyun-export.1")).expect("export page");
    assert!(page.contains("导出格式"), "{page}");
    assert!(out.join("shangyun.1").is_file());
    assert!(out.join("shangyun-workshop-summary.1").is_file());
    let r = run(dir.path(), &[("LANG", "en_US.UTF-8")], &["man", "-o", &o]);
    assert_eq!(r.code, Some(0), "pages are replaced: {}", r.stderr);
    let page = std::fs::read_to_string(out.join("shangyun-export.1")).expect("export page");
    assert!(page.contains("Output format"), "{page}");
}

#[test]
fn completions_still_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    for shell in ["bash", "zsh", "fish"] {
        let r = run(
            dir.path(),
            &[("LANG", "zh_CN.UTF-8")],
            &["completions", shell],
        );
        assert_eq!(r.code, Some(0), "{shell}: {}", r.stderr);
        for word in ["export", "profiles", "plain", "man"] {
            assert!(r.stdout.contains(word), "{shell} lacks {word}");
        }
    }
}
