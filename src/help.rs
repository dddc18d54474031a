//! The command line's help in the user's language: the clap definitions of [`crate::cli`] with
//! every text — what each command does, each option, the headings, `--help` and `--version`
//! themselves — taken from the locales (`help.*` keys), and the man pages made from the same
//! command (`shangyun man`).
//!
//! The language is decided before the command line is parsed, by the same rules as the rest of
//! the program: `--lang` (read from the raw arguments), else `LC_ALL`/`LC_MESSAGES`/`LANG`,
//! else zh-CN. clap's own bracketed notes (`[default: …]`, `[possible values: …]`,
//! `[env: …]`) are hidden, since the localised texts say the same in the user's words.

use crate::cli::Cli;
use clap::{Command, CommandFactory};
use shangyun::content::Content;
use shangyun::model::Lang;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The language `--lang` asks for in raw arguments (`--lang en`, `--lang=en`), if any.
pub fn lang_arg(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next().and_then(|v| Lang::parse(&v));
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v);
        }
    }
    None
}

/// A text of the shipped locales, which live as long as the program (as clap wants its
/// headings); a missing key (the tests forbid it) reads as the key.
fn text(content: &'static Content, lang: Lang, key: &'static str) -> &'static str {
    content.lookup(lang, key).unwrap_or(key)
}

/// The whole command line with its texts in `lang`, built (help and version flags included).
pub fn command(lang: Lang) -> Command {
    let content = Content::get();
    let mut cmd = localise(Cli::command(), "", content, lang);
    cmd.build();
    flags(cmd, content, lang)
}

/// The texts of one command and its arguments, then of its subcommands (`path` is `""` for
/// the root, else `export.`, `profiles.delete.`, …). A key missing from the locales leaves
/// clap's text (the tests require every key).
fn localise(cmd: Command, path: &str, content: &'static Content, lang: Lang) -> Command {
    let about_key = if path.is_empty() {
        "help.about".to_owned()
    } else {
        format!("help.cmd.{}", path.trim_end_matches('.'))
    };
    let mut cmd = cmd
        .help_template(text(content, lang, "help.template"))
        .subcommand_help_heading(text(content, lang, "help.heading.commands"))
        .subcommand_value_name(text(content, lang, "help.value.command"));
    if let Some(about) = content.lookup(lang, &about_key) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let (positional, options) = (
        text(content, lang, "help.heading.arguments"),
        text(content, lang, "help.heading.options"),
    );
    cmd = cmd.mut_args(|a| {
        let key = format!("help.arg.{path}{}", a.get_id());
        let heading = if a.is_positional() {
            positional
        } else {
            options
        };
        let mut a = a.help_heading(heading);
        if a.get_action().takes_values() {
            a = a.hide_default_value(true).hide_possible_values(true);
        }
        if a.get_env().is_some() {
            a = a.hide_env(true);
        }
        match content.lookup(lang, &key) {
            Some(t) => a.help(t).long_help(None::<&str>),
            None => a,
        }
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub = format!("{path}{name}.");
        cmd = cmd.mut_subcommand(name, |s| localise(s, &sub, content, lang));
    }
    cmd
}

/// `-h`/`--help`, `-V`/`--version` and the `help` subcommand, which clap adds when the command
/// is built, get their texts too.
fn flags(mut cmd: Command, content: &'static Content, lang: Lang) -> Command {
    let heading = text(content, lang, "help.heading.options");
    for (id, key) in [("help", "help.flag.help"), ("version", "help.flag.version")] {
        if cmd.get_arguments().any(|a| a.get_id() == id) {
            let t = content.t(lang, key);
            cmd = cmd.mut_arg(id, |a| {
                a.help(t).long_help(None::<&str>).help_heading(heading)
            });
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        if name == "help" {
            let about = text(content, lang, "help.cmd.help");
            cmd = cmd.mut_subcommand("help", |s| flags(s.about(about), content, lang));
        } else {
            cmd = cmd.mut_subcommand(name, |s| flags(s, content, lang));
        }
    }
    cmd
}

/// Writes the man pages of the command and of each subcommand (`shangyun-export.1`, …) into
/// `dir`, in `lang`; returns the files written.
pub fn man_pages(lang: Lang, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    shangyun::store::make_export_dir(dir)?;
    let mut written = Vec::new();
    write_pages(command(lang), dir, &mut written)?;
    Ok(written)
}

fn write_pages(cmd: Command, dir: &Path, written: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        write_pages(sub.clone(), dir, written)?;
    }
    // the `help` subcommand is not a page, nor listed in one
    let man = clap_mangen::Man::new(cmd.disable_help_subcommand(true));
    let mut page = Vec::new();
    man.render(&mut page)?;
    let path = dir.join(man.get_filename());
    // pages are regenerated: an older page of the same name is replaced
    shangyun::store::write_export(&path, &page, shangyun::store::Overwrite::Yes)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    written.push(path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help_of(lang: Lang, args: &[&str]) -> String {
        let mut argv = vec!["shangyun"];
        argv.extend_from_slice(args);
        argv.push("--help");
        match command(lang).try_get_matches_from(argv) {
            Err(e) => e.render().to_string(),
            Ok(_) => panic!("--help did not print help"),
        }
    }

    #[test]
    fn lang_is_read_from_the_raw_arguments() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_arg(&args(&["x", "--lang", "en"])), Some(Lang::En));
        assert_eq!(
            lang_arg(&args(&["x", "export", "--lang=zh-CN"])),
            Some(Lang::ZhCn)
        );
        assert_eq!(lang_arg(&args(&["x", "--", "--lang", "en"])), None);
        assert_eq!(lang_arg(&args(&["x", "--lang"])), None);
    }

    /// Every command and argument, every subcommand's too, has its text in both locales,
    /// and the Chinese help shows no English of clap's own.
    #[test]
    fn every_help_text_comes_from_the_locales() {
        let content = Content::get();
        fn walk(cmd: &Command, path: &str, out: &mut Vec<String>) {
            out.push(if path.is_empty() {
                "help.about".to_owned()
            } else {
                format!("help.cmd.{}", path.trim_end_matches('.'))
            });
            for a in cmd.get_arguments() {
                if !matches!(a.get_id().as_str(), "help" | "version") {
                    out.push(format!("help.arg.{path}{}", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, &format!("{path}{}.", s.get_name()), out);
            }
        }
        let mut keys = Vec::new();
        walk(&Cli::command(), "", &mut keys);
        for lang in Lang::ALL {
            let missing: Vec<&String> =
                keys.iter().filter(|k| !content.has_text(lang, k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
        let mut cmd = command(Lang::ZhCn);
        let mut paths = vec![Vec::<String>::new()];
        fn subpaths(cmd: &Command, at: &[String], out: &mut Vec<Vec<String>>) {
            // `help` takes no --help of its own
            for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let mut p = at.to_vec();
                p.push(s.get_name().to_owned());
                out.push(p.clone());
                subpaths(s, &p, out);
            }
        }
        subpaths(&cmd, &[], &mut paths);
        for p in paths {
            let args: Vec<&str> = p.iter().map(String::as_str).collect();
            let text = help_of(Lang::ZhCn, &args);
            for english in [
                "Usage",
                "Options",
                "Commands",
                "Arguments",
                "Print",
                "default:",
                "possible",
            ] {
                assert!(!text.contains(english), "{p:?}: “{english}” in\n{text}");
            }
            assert!(text.contains("用法："), "{p:?}:\n{text}");
        }
        let root = cmd.render_help().to_string();
        assert!(
            root.contains(&content.t(Lang::ZhCn, "help.arg.plain")),
            "{root}"
        );
        assert!(root.contains("显示帮助"), "{root}");
    }

    #[test]
    fn english_help_reads_as_before() {
        let text = help_of(Lang::En, &["export"]);
        assert!(text.contains("Usage: shangyun export"), "{text}");
        assert!(
            text.contains(&Content::get().t(Lang::En, "help.arg.export.format")),
            "{text}"
        );
    }

    #[test]
    fn man_pages_are_written_for_the_command_and_each_subcommand() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let written = man_pages(Lang::ZhCn, dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = written
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        for want in [
            "shangyun.1",
            "shangyun-export.1",
            "shangyun-profiles-rename.1",
            "shangyun-workshop-summary.1",
            "shangyun-man.1",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
        let root = std::fs::read_to_string(dir.path().join("shangyun.1"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            root.starts_with(".ie") || root.contains(".TH"),
            "{root:.200}"
        );
        let about = Content::get().t(Lang::ZhCn, "help.about");
        let first = about.chars().take(8).collect::<String>();
        assert!(root.contains(&first), "the page is in Chinese: {root:.600}");
        assert!(root.contains("shangyun\\-export"), "lists the subcommands");
    }
}
