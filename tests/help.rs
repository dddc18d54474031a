//! The command line's help and man pages in the user's language, through the real binary:
//! the language comes from `--lang`, else `LC_ALL`/`LC_MESSAGES`/`LANG`, as for everything
//! else; the completions still work with the localised command.

mod common;
use common::{output, run, shangyun};

#[test]
fn help_follows_the_language_of_the_environment_and_lang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zh = [("LANG", "zh_CN.UTF-8")];
    let r = output(shangyun(dir.path(), &["--help"]).envs(zh));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("用法：shangyun"), "{}", r.stdout);
    assert!(r.stdout.contains("--plain"), "{}", r.stdout);
    assert!(!r.stdout.contains("Print help"), "{}", r.stdout);
    let r = output(shangyun(dir.path(), &["profiles", "rename", "-h"]).envs(zh));
    assert!(r.stdout.contains("重命名已保存的档案"), "{}", r.stdout);
    // --lang wins over the environment, wherever it is
    let r = output(shangyun(dir.path(), &["export", "--lang", "en", "--help"]).envs(zh));
    assert!(r.stdout.contains("Usage: shangyun export"), "{}", r.stdout);
    let r = output(
        shangyun(dir.path(), &["--help"]).envs([("LC_ALL", "en_GB.UTF-8"), ("LANG", "zh_CN")]),
    );
    assert!(
        r.stdout.contains("Usage: shangyun"),
        "LC_ALL first: {}",
        r.stdout
    );
    // no language set: zh-CN, the default
    let r = run(dir.path(), &["man", "--help"]);
    assert!(r.stdout.contains("手册页"), "{}", r.stdout);
}

#[test]
fn man_writes_a_page_per_command_in_the_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("man1");
    let o = out.display().to_string();
    let r = output(shangyun(dir.path(), &["man", "-o", &o]).envs([("LANG", "zh_CN.UTF-8")]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let page = std::fs::read_to_string(out.join("shangyun-export.1")).expect("export page");
    assert!(page.contains("导出格式"), "{page}");
    assert!(out.join("shangyun.1").is_file());
    assert!(out.join("shangyun-workshop-summary.1").is_file());
    let r = output(shangyun(dir.path(), &["man", "-o", &o]).envs([("LANG", "en_US.UTF-8")]));
    assert_eq!(r.code, Some(0), "pages are replaced: {}", r.stderr);
    let page = std::fs::read_to_string(out.join("shangyun-export.1")).expect("export page");
    assert!(page.contains("Output format"), "{page}");
}

#[test]
fn completions_still_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    for shell in ["bash", "zsh", "fish"] {
        let r =
            output(shangyun(dir.path(), &["completions", shell]).envs([("LANG", "zh_CN.UTF-8")]));
        assert_eq!(r.code, Some(0), "{shell}: {}", r.stderr);
        for word in ["export", "profiles", "plain", "man"] {
            assert!(r.stdout.contains(word), "{shell} lacks {word}");
        }
    }
}
