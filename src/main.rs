//! The `shangyun` binary: parse the command line ([`cli`], its help in the user's language by
//! [`help`]), then open the wizard — full screen, or [`shangyun::plain`] with `--plain`,
//! `TERM=dumb`, or a profile named on input that is not a terminal — or run a headless command
//! (`export`, `check`, `profiles`, `workshop summary`, `completions`, `man`), and map what went
//! wrong to an exit code:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | ok |
//! | 1 | validation problems (`check`) |
//! | 2 | usage or input error (bad arguments, unreadable or malformed input file, refusing to overwrite) |
//! | 3 | I/O or store error (cannot write the output, data directory unusable) |
//! | 4 | the profile is locked by another shangyun process |
//!
//! Errors go to stderr as one sentence in the chosen language that says what to do
//! (`cli.*` locale keys). Nothing is coloured, so `NO_COLOR` is honoured trivially.
//!
//! The wizard is [`shangyun::tui::run`]. Its errors and the store's say what kind of failure they
//! are ([`shangyun::ErrorKind`]); the one mapping from a kind to an exit code is
//! `impl From<ErrorKind> for Code` below. The engine and the store are reached only through the
//! small functions in [`backend`].
//!
//! Over 700 lines: one small function per subcommand (export, import, template, check,
//! profiles, workshop, man, completions) beside the one error-to-exit-code mapping; the
//! definitions live in `cli.rs` and their localised help in `help.rs`.

mod cli;
mod help;

use clap::{CommandFactory, FromArgMatches};
use cli::{
    Cli, Command, ExportArgs, ImportCommand, ProfilesCommand, TemplateCommand, WorkshopCommand,
};
use shangyun::ErrorKind;
use shangyun::content::{Content, Text};
use shangyun::export::{self, Format, workshop};
use shangyun::model::Lang;
use shangyun::store::{self, Health};
use shangyun::tui;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes; see the module docs and README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Code {
    Ok = 0,
    Problems = 1,
    Usage = 2,
    Io = 3,
    Locked = 4,
}

/// The one mapping from a kind of failure (the store's, the wizard's) to an exit code.
impl From<ErrorKind> for Code {
    fn from(kind: ErrorKind) -> Code {
        match kind {
            ErrorKind::Usage => Code::Usage,
            ErrorKind::Io => Code::Io,
            ErrorKind::Locked => Code::Locked,
        }
    }
}

/// A failed command: its exit code and the message for stderr (already in the chosen language).
#[derive(Debug)]
struct Failure {
    code: Code,
    message: String,
}

/// Renders a `cli.*` message with plain arguments.
struct Say {
    lang: Lang,
}

impl Say {
    fn t(&self, key: &str, args: &[(&str, &str)]) -> String {
        Content::get().render_plain(self.lang, key, args)
    }

    fn fail(&self, code: Code, key: &str, args: &[(&str, &str)]) -> Failure {
        Failure {
            code,
            message: self.t(key, args),
        }
    }

    /// A failure whose message is a [`Text`] (from the store or the wizard).
    fn fail_text(&self, code: Code, text: &Text) -> Failure {
        Failure {
            code,
            message: Content::get().render(self.lang, text),
        }
    }
}

fn main() -> ExitCode {
    // the help is in the language the rest of the run would use (see `help`)
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_arg(&args)
        .or_else(Lang::from_env)
        .unwrap_or_default();
    let parsed = help::command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(Code::Usage as u8));
        }
    };
    match run(&cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(f) => {
            let _ = writeln!(std::io::stderr().lock(), "shangyun: {}", f.message);
            ExitCode::from(f.code as u8)
        }
    }
}

/// `--lang`, else the environment, else `fallback` (the profile's language, or zh-CN).
fn pick_lang(cli: &Cli, fallback: Option<Lang>) -> Lang {
    cli.lang
        .or_else(Lang::from_env)
        .or(fallback)
        .unwrap_or_default()
}

fn run(cli: &Cli) -> Result<Code, Failure> {
    let say = Say {
        lang: pick_lang(cli, None),
    };
    match &cli.command {
        None => wizard(cli, &say),
        Some(Command::Export(args)) => export_cmd(cli, args, &say),
        Some(Command::Import {
            what: ImportCommand::Inventory { file, new, replace },
        }) => import_inventory(cli, file, new.as_deref(), *replace, &say),
        Some(Command::Template {
            what: TemplateCommand::Inventory { output, force },
        }) => template_inventory(output, *force, &say),
        Some(Command::Check { file }) => check(file, &say),
        Some(Command::Profiles { action }) => {
            profiles(cli, action.as_ref().unwrap_or(&ProfilesCommand::List), &say)
        }
        Some(Command::Workshop {
            action:
                WorkshopCommand::Summary {
                    files,
                    output,
                    force,
                },
        }) => workshop_summary(files, output.as_deref(), *force, &say),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "shangyun", &mut out);
            write_stdout(&out, &say)
        }
        Some(Command::Man { output }) => {
            let dir = output.as_deref().unwrap_or(Path::new("."));
            let written = help::man_pages(say.lang, dir).map_err(|e| {
                let shown = dir.display().to_string();
                say.fail(
                    Code::Io,
                    "cli.err.write",
                    &[("path", &shown), ("error", &e.to_string())],
                )
            })?;
            for path in written {
                let shown = path.display().to_string();
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "{}",
                    say.t("cli.written", &[("path", &shown)])
                );
            }
            Ok(Code::Ok)
        }
    }
}

/// Plain `shangyun`: the full-screen wizard.
fn wizard(cli: &Cli, say: &Say) -> Result<Code, Failure> {
    let data_dir = store::resolve_data_dir(cli.data_dir.as_deref())
        .map_err(|e| backend::store_failure(&e, say))?;
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let named = cli.profile.is_some() || cli.demo;
    if cli.plain || dumb || (named && !std::io::IsTerminal::is_terminal(&std::io::stdin())) {
        let opts = shangyun::plain::PlainOptions {
            data_dir,
            profile: cli.profile.clone(),
            demo: cli.demo,
            lang: cli.lang,
        };
        return shangyun::plain::run(opts)
            .map(|()| Code::Ok)
            .map_err(|e| Failure {
                code: Code::from(e.kind()),
                message: e.to_string(),
            });
    }
    let opts = tui::RunOptions {
        data_dir,
        profile: cli.profile.clone(),
        demo: cli.demo,
        lang: cli.lang,
        mouse: cli.mouse,
        today: None,
    };
    tui::run(opts).map(|()| Code::Ok).map_err(|e| Failure {
        code: Code::from(e.kind()),
        message: e.to_string(),
    })
}

/// Where `export` reads its profile from.
enum Source<'a> {
    Demo,
    Answers(&'a Path),
    Stored(&'a str),
    Default,
}

fn export_cmd(cli: &Cli, args: &ExportArgs, say: &Say) -> Result<Code, Failure> {
    let given = [cli.demo, args.answers.is_some(), cli.profile.is_some()]
        .iter()
        .filter(|g| **g)
        .count();
    if given > 1 {
        return Err(say.fail(Code::Usage, "cli.err.sources", &[]));
    }
    let source = match (&args.answers, &cli.profile) {
        _ if cli.demo => Source::Demo,
        (Some(path), _) => Source::Answers(path),
        (None, Some(name)) => Source::Stored(name),
        (None, None) => Source::Default,
    };
    let profile = match source {
        // the demo speaks the language asked for (`--demo --lang en`: an English enterprise)
        Source::Demo => backend::demo(pick_lang(cli, Some(Lang::ZhCn)), say)?,
        Source::Answers(path) => backend::load_file(path, say)?,
        Source::Stored(name) => backend::load_stored(&backend::open(cli, say)?, name, say)?,
        Source::Default => backend::load_default(&backend::open(cli, say)?, say)?,
    };
    let lang = pick_lang(cli, Some(profile.lang));
    let content = Content::get();
    let analysis = backend::analyse(content, &profile);
    let format = args.format;
    let output = args.output.as_deref().filter(|p| !is_stdout(p));
    if format == Format::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        return Err(say.fail(Code::Usage, "cli.err.binary_stdout", &[]));
    }
    let today = shangyun::model::date::today().to_string();
    let text = export::render_bytes(format, content, lang, &profile, &analysis, Some(&today))
        .map_err(|e| say.fail(Code::Io, "cli.err.render", &[("error", &format!("{e:#}"))]))?;
    let say = Say { lang };
    match output {
        Some(path) => write_file(path, &text, args.force, &say),
        None => write_stdout(&text, &say),
    }
}

/// `import inventory FILE`: reads the file, checks all of it, and only then saves the profile
/// once (its `.bak` keeps the version before), under the profile's lock.
fn import_inventory(
    cli: &Cli,
    file: &Path,
    new: Option<&str>,
    replace: bool,
    say: &Say,
) -> Result<Code, Failure> {
    let content = Content::get();
    let shown = file.display().to_string();
    let table =
        shangyun::sheets::read::read_path(file).map_err(|e| say.fail_text(Code::Usage, &e.0))?;
    let store = backend::open(cli, say)?;
    let name = match (new, &cli.profile) {
        (Some(n), _) => {
            store::name::check(n).map_err(|r| say.fail_text(Code::Usage, &r.text(n)))?;
            n.to_owned()
        }
        (None, Some(n)) => n.clone(),
        (None, None) if !cli.demo => match store.last() {
            Some(last) => last,
            None => match backend::list(&store, say)?.as_slice() {
                [only] => only.name.clone(),
                _ => return Err(say.fail(Code::Usage, "cli.import.no_target", &[])),
            },
        },
        (None, None) => return Err(say.fail(Code::Usage, "cli.import.no_target", &[])),
    };
    let lock = store
        .lock(&name)
        .map_err(|e| backend::store_failure(&e, say))?;
    let mut profile = if new.is_some() {
        shangyun::model::Profile::new(say.lang)
    } else {
        lock.load()
            .map_err(|e| backend::store_failure(&e, say))?
            .profile
    };
    let mut err = std::io::stderr().lock();
    let problem_line = |p: &shangyun::sheets::Problem, key: &str| {
        let message = one_line(&content.render(say.lang, &p.text));
        match &p.at {
            Some(at) => say.t(
                key,
                &[
                    ("path", &shown),
                    ("at", &at.to_string()),
                    ("message", &message),
                ],
            ),
            None => say.t(
                "import.problem_file",
                &[("path", &shown), ("message", &message)],
            ),
        }
    };
    let import = match shangyun::sheets::parse(content, &table, &profile, replace) {
        Ok(i) => i,
        Err(problems) => {
            let mut n = 0;
            for p in &problems {
                let warning = p.text.key == "import.warn.unknown_column";
                n += usize::from(!warning);
                let key = if warning {
                    "import.warning"
                } else {
                    "import.problem"
                };
                let _ = writeln!(err, "{}", problem_line(p, key));
            }
            return Err(say.fail(
                Code::Usage,
                "cli.import.failed",
                &[("path", &shown), ("n", &n.to_string())],
            ));
        }
    };
    for w in &import.warnings {
        let _ = writeln!(err, "{}", problem_line(w, "import.warning"));
    }
    let applied = import.apply(content, &mut profile, replace);
    let saved = if new.is_some() {
        lock.create(&profile)
    } else {
        lock.save(&profile)
    }
    .map_err(|e| backend::store_failure(&e, say))?;
    let n = import.systems.len().to_string();
    let shown_name = export::escape::clean(&name);
    let added = applied.added.to_string();
    let updated = applied.updated.to_string();
    let removed = applied.removed.to_string();
    let backup = saved
        .backup
        .as_ref()
        .map_or_else(String::new, |b| b.display().to_string());
    let mut args = vec![
        ("n", n.as_str()),
        ("path", shown.as_str()),
        ("profile", shown_name.as_str()),
    ];
    let key = if new.is_some() {
        "cli.import.done_new"
    } else if saved.unchanged {
        "cli.import.unchanged"
    } else {
        args.extend([
            ("added", added.as_str()),
            ("updated", updated.as_str()),
            ("removed", removed.as_str()),
            ("backup", backup.as_str()),
        ]);
        "cli.import.done"
    };
    let msg = say.t(key, &args);
    let _ = writeln!(err, "{msg}");
    if applied.waves_handed + applied.waves_dropped > 0 {
        let handed = applied.waves_handed.to_string();
        let dropped = applied.waves_dropped.to_string();
        let waves = say.t(
            "cli.import.waves",
            &[("handed", handed.as_str()), ("dropped", dropped.as_str())],
        );
        let _ = writeln!(err, "{waves}");
    }
    Ok(Code::Ok)
}

/// `template inventory -o FILE`: the workbook to fill in, in the chosen language.
fn template_inventory(output: &Path, force: bool, say: &Say) -> Result<Code, Failure> {
    let content = Content::get();
    let demo = backend::demo(say.lang, say)?;
    let bytes = shangyun::sheets::template::inventory_workbook(content, say.lang, &demo)
        .map_err(|e| say.fail(Code::Io, "cli.err.render", &[("error", &e.to_string())]))?;
    let code = write_file(output, &bytes, force, say)?;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        say.t(
            "cli.template.next",
            &[("path", &output.display().to_string())]
        )
    );
    Ok(code)
}

fn check(file: &Path, say: &Say) -> Result<Code, Failure> {
    let profile = backend::load_file_as_written(file, say)?;
    let path = file.display().to_string();
    let problems = backend::problems(Content::get(), &profile, say.lang);
    let mut out = String::new();
    if let Some(warning) = several_chosen(&profile, &path, say) {
        out.push_str(&warning);
        out.push('\n');
    }
    if problems.is_empty() {
        let name = one_line(profile.enterprise_name());
        let n = profile.systems.len().to_string();
        out.push_str(&say.t(
            if profile.systems.len() == 1 {
                "cli.check.valid_one"
            } else {
                "cli.check.valid"
            },
            &[("path", &path), ("name", &name), ("n", &n)],
        ));
        out.push('\n');
        write_stdout(out.as_bytes(), say)?;
        return Ok(Code::Ok);
    }
    for p in &problems {
        out.push_str(&say.t(
            "cli.check.problem",
            &[
                ("path", &path),
                ("entity", &p.entity),
                ("question", &p.question),
                ("message", &p.message),
            ],
        ));
        out.push('\n');
    }
    out.push_str(&say.t(
        if problems.len() == 1 {
            "cli.check.summary_one"
        } else {
            "cli.check.summary"
        },
        &[("path", &path), ("n", &problems.len().to_string())],
    ));
    out.push('\n');
    write_stdout(out.as_bytes(), say)?;
    Ok(Code::Problems)
}

/// A warning when more than one provider is marked chosen: the plan counts the first
/// (`engine::providers::chosen_index`) and ignores the others' marks.
fn several_chosen(profile: &shangyun::model::Profile, path: &str, say: &Say) -> Option<String> {
    use shangyun::content::Name;
    let marked: Vec<_> = profile
        .providers
        .iter()
        .filter(|p| {
            p.answers
                .yes_no(shangyun::engine::providers::CHOSEN_QUESTION)
                == Some(true)
        })
        .collect();
    if marked.len() < 2 {
        return None;
    }
    let c = Content::get();
    let name = |p: &shangyun::model::Provider| {
        let mut out = String::new();
        c.push_name(
            say.lang,
            &Name::provider(&one_line(&p.name), p.id),
            &mut out,
        );
        out
    };
    let sep = say.t("ui.list_sep", &[]);
    let others: Vec<String> = marked
        .iter()
        .skip(1)
        .map(|p| format!("“{}”", name(p)))
        .collect();
    Some(say.t(
        "cli.check.several_chosen",
        &[
            ("path", path),
            ("n", &marked.len().to_string()),
            ("chosen", &name(marked[0])),
            ("others", &others.join(&sep)),
        ],
    ))
}

fn profiles(cli: &Cli, action: &ProfilesCommand, say: &Say) -> Result<Code, Failure> {
    let store = backend::open(cli, say)?;
    let mut err = std::io::stderr().lock();
    match action {
        ProfilesCommand::List => {
            let list = backend::list(&store, say)?;
            if list.is_empty() {
                let _ = writeln!(err, "{}", say.t("cli.profiles.none", &[]));
            }
            let mut out = String::new();
            for p in &list {
                // a name is user text: nothing in it may drive the terminal
                let name = export::escape::clean(&p.name);
                match p.health {
                    Health::Ok => {}
                    Health::Unreadable => {
                        let _ = writeln!(
                            err,
                            "{}",
                            say.t("cli.profiles.unreadable", &[("name", &name)])
                        );
                    }
                    Health::NotRegular => {
                        let _ = writeln!(
                            err,
                            "{}",
                            say.t("cli.profiles.not_regular", &[("name", &name)])
                        );
                    }
                    Health::Newer(found) => {
                        let found = found.to_string();
                        let _ = writeln!(
                            err,
                            "{}",
                            say.t("cli.profiles.newer", &[("name", &name), ("found", &found)])
                        );
                    }
                }
                out.push_str(&name);
                out.push('\n');
            }
            write_stdout(out.as_bytes(), say)
        }
        ProfilesCommand::Delete { name } => {
            backend::delete(&store, name, say)?;
            let name = export::escape::clean(name);
            let _ = writeln!(err, "{}", say.t("cli.profiles.deleted", &[("name", &name)]));
            Ok(Code::Ok)
        }
        ProfilesCommand::Rename { from, to } => {
            backend::rename(&store, from, to, say)?;
            let (from, to) = (export::escape::clean(from), export::escape::clean(to));
            let _ = writeln!(
                err,
                "{}",
                say.t("cli.profiles.renamed", &[("from", &from), ("to", &to)])
            );
            Ok(Code::Ok)
        }
    }
}

fn workshop_summary(
    files: &[PathBuf],
    output: Option<&Path>,
    force: bool,
    say: &Say,
) -> Result<Code, Failure> {
    let content = Content::get();
    let entries: Vec<workshop::Entry> = files
        .iter()
        .map(|path| {
            let file = path.display().to_string();
            match backend::load_file(path, say) {
                Ok(profile) => {
                    let analysis = backend::analyse(content, &profile);
                    workshop::Entry::Loaded {
                        file,
                        profile: Box::new(profile),
                        analysis: Box::new(analysis),
                    }
                }
                Err(f) => workshop::Entry::Failed {
                    file,
                    reason: f.message,
                },
            }
        })
        .collect();
    let failed = entries
        .iter()
        .filter(|e| matches!(e, workshop::Entry::Failed { .. }))
        .count();
    let today = shangyun::model::date::today().to_string();
    let text = workshop::summary_markdown(content, say.lang, &entries, Some(&today));
    let code = match output.filter(|p| !is_stdout(p)) {
        Some(path) => write_file(path, text.as_bytes(), force, say)?,
        None => write_stdout(text.as_bytes(), say)?,
    };
    if failed > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}",
            say.t("cli.workshop.failed", &[("n", &failed.to_string())])
        );
    }
    Ok(code)
}

/// User text for the terminal: escape sequences and control characters removed, one line.
fn one_line(s: &str) -> String {
    export::escape::clean(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `-o -`: standard output, as for most command-line tools (`./-` names a file called `-`).
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes to stdout; a closed pipe (`shangyun export | head`) is not an error.
fn write_stdout(bytes: &[u8], say: &Say) -> Result<Code, Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(Code::Ok),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Code::Ok),
        Err(e) => Err(say.fail(Code::Io, "cli.err.stdout", &[("error", &e.to_string())])),
    }
}

/// Writes `path` atomically (a temporary file renamed over it), refusing to replace an existing
/// file unless `force` ([`store::write_export`], the wizard's writer too).
fn write_file(path: &Path, bytes: &[u8], force: bool, say: &Say) -> Result<Code, Failure> {
    let overwrite = if force {
        store::Overwrite::Yes
    } else {
        store::Overwrite::No
    };
    let shown = path.display().to_string();
    store::write_export(path, bytes, overwrite).map_err(|e| match e {
        // as typed, not made absolute: the user knows which file they named
        store::ExportError::Exists(_) => {
            say.fail(Code::Usage, "cli.err.exists", &[("path", &shown)])
        }
        store::ExportError::Io { source, .. } => say.fail(
            Code::Io,
            "cli.err.write",
            &[("path", &shown), ("error", &source.to_string())],
        ),
        other => say.fail_text(Code::Io, &other.text()),
    })?;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        say.t("cli.written", &[("path", &shown)])
    );
    Ok(Code::Ok)
}

/// The engine and the store, behind one small function each; the store errors get their exit
/// codes here.
mod backend {
    use super::{Cli, Code, Failure, Say};
    use shangyun::content::{Content, Name, Text};
    use shangyun::engine::Analysis;
    use shangyun::model::{Lang, Profile};
    use shangyun::store::{self, ProfileInfo, Store, StoreError};
    use std::path::Path;

    /// A validation problem of a saved profile, ready to print.
    pub struct Problem {
        pub entity: String,
        pub question: String,
        pub message: String,
    }

    /// The engine's analysis of a profile.
    pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
        shangyun::engine::analyse(content, profile)
    }

    /// Validation problems of a whole save, each with its question label and entity name.
    pub fn problems(content: &Content, profile: &Profile, lang: Lang) -> Vec<Problem> {
        use shangyun::engine::validate::{Entity, profile_problems};
        let named = |name: &str, placeholder: Text| {
            let name = name.trim();
            if name.is_empty() {
                content.render(lang, &placeholder)
            } else {
                name.to_owned()
            }
        };
        // A system's or provider's name, or its placeholder when blank.
        let name_of = |n: &Name| {
            let mut out = String::new();
            content.push_name(lang, n, &mut out);
            out
        };
        let today = Some(shangyun::model::date::today());
        let analysis = shangyun::engine::analyse(content, profile);
        profile_problems(content, profile)
            .into_iter()
            .chain(shangyun::engine::schedule::problems(
                profile, &analysis, today,
            ))
            .map(|p| {
                let entity = match p.entity {
                    Entity::Enterprise => named(
                        profile.enterprise_name(),
                        Text::new("report.unnamed_enterprise"),
                    ),
                    Entity::System(id) => name_of(&Name::system(
                        profile.system(id).map_or("", |s| s.name.as_str()),
                        id,
                    )),
                    Entity::Wave(w) => content.render(
                        lang,
                        &Text::new("report.wave").plain("n", w.number.to_string()),
                    ),
                    Entity::Provider(id) => name_of(&Name::provider(
                        profile.provider(id).map_or("", |p| p.name.as_str()),
                        id,
                    )),
                };
                let label_key = format!("q.{}.label", p.question);
                let question = if content.has_text(lang, &label_key) {
                    content.t(lang, &label_key)
                } else {
                    p.question.clone()
                };
                Problem {
                    entity: super::one_line(&entity),
                    question,
                    message: super::one_line(&content.render(lang, &p.text)),
                }
            })
            .collect()
    }

    /// The demo enterprise in `lang`, as a scratch profile.
    pub fn demo(lang: Lang, say: &Say) -> Result<Profile, Failure> {
        let mut p: Profile = shangyun::content::demo(lang)
            .map_err(|e| say.fail(Code::Io, "cli.err.demo", &[("error", &format!("{e:#}"))]))?;
        p.normalise();
        Ok(p)
    }

    /// A profile file anywhere (`--answers`, `workshop summary`), only read; repaired like
    /// the wizard repairs it.
    pub fn load_file(path: &Path, say: &Say) -> Result<Profile, Failure> {
        store::load_file(path)
            .map(|l| l.profile)
            .map_err(|e| input_failure(path, &e, say))
    }

    /// A profile file exactly as written, for `check`.
    pub fn load_file_as_written(path: &Path, say: &Say) -> Result<Profile, Failure> {
        store::load_file_as_written(path)
            .map(|l| l.profile)
            .map_err(|e| input_failure(path, &e, say))
    }

    /// A file named on the command line that cannot be used is an input error (exit 2), said
    /// as `FILE:line:col` so that editors jump there.
    fn input_failure(path: &Path, e: &StoreError, say: &Say) -> Failure {
        let shown = path.display().to_string();
        match e {
            StoreError::Parse { line, col, msg, .. } => say.fail(
                Code::Usage,
                "cli.err.parse",
                &[
                    ("path", &shown),
                    ("line", &line.to_string()),
                    ("col", &col.to_string()),
                    ("error", msg),
                ],
            ),
            StoreError::Io { source, .. } => say.fail(
                Code::Usage,
                "cli.err.read",
                &[("path", &shown), ("error", &source.to_string())],
            ),
            other => say.fail_text(Code::Usage, &other.text()),
        }
    }

    /// A store error with the exit code of its kind ([`StoreError::kind`]).
    pub fn store_failure(e: &StoreError, say: &Say) -> Failure {
        say.fail_text(Code::from(e.kind()), &e.text())
    }

    /// The data folder (`--data-dir`, `SHANGYUN_DATA_DIR`, else the platform's).
    pub fn open(cli: &Cli, say: &Say) -> Result<Store, Failure> {
        Store::open_default(cli.data_dir.as_deref()).map_err(|e| store_failure(&e, say))
    }

    /// A saved profile. One that cannot be read is moved aside by the store, and the message
    /// says where.
    pub fn load_stored(store: &Store, name: &str, say: &Say) -> Result<Profile, Failure> {
        store
            .load(name)
            .map(|l| l.profile)
            .map_err(|e| store_failure(&e, say))
    }

    /// The profile to export when none is named: the last one opened in the wizard, else the
    /// only one saved.
    pub fn load_default(store: &Store, say: &Say) -> Result<Profile, Failure> {
        if let Some(last) = store.last() {
            return load_stored(store, &last, say);
        }
        match list(store, say)?.as_slice() {
            [only] => load_stored(store, &only.name, say),
            _ => Err(say.fail(Code::Usage, "cli.err.no_source", &[])),
        }
    }

    pub fn list(store: &Store, say: &Say) -> Result<Vec<ProfileInfo>, Failure> {
        store.list().map_err(|e| store_failure(&e, say))
    }

    pub fn delete(store: &Store, name: &str, say: &Say) -> Result<(), Failure> {
        store.delete(name).map_err(|e| store_failure(&e, say))
    }

    /// Renames a profile; the new name follows the rules of names chosen in the wizard
    /// ([`store::name::check`]: `demo` is kept for the demo enterprise).
    pub fn rename(store: &Store, from: &str, to: &str, say: &Say) -> Result<(), Failure> {
        store::name::check(to).map_err(|r| say.fail_text(Code::Usage, &r.text(to)))?;
        store.rename(from, to).map_err(|e| store_failure(&e, say))
    }
}
