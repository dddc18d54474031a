//! Plain mode (`shangyun --plain`), end to end with the real binary.
//!
//! - A 3-system company is entered through a pipe: a driver reads each prompt, answers it from
//!   a small table of answers by question id (and by kind for every other question), and at
//!   the end exports. The saved profile and the exports are checked, and every question of
//!   every step — read from the content, not a list here — must have been asked, for each of
//!   its systems, providers and waves.
//! - In a pseudo-terminal, plain mode (asked for, and chosen by `TERM=dumb`) writes nothing
//!   but text and line ends: not one escape sequence or other control character.
//! - Back, skip, help, a required answer and a bad answer behave as the wizard does.
#![cfg(unix)]

use proptest::strategy::Strategy as _;

use shangyun::content::{Content, QuestionDef, QuestionKind, Scope};
use shangyun::model::{Answer, Lang, Position, Profile};
use shangyun::store::Store;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

/// The binary with a fresh data folder and no language from the environment.
fn command(data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shangyun"));
    cmd.args(args)
        .env("SHANGYUN_DATA_DIR", data)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("TERM", "xterm-256color")
        .current_dir(data.parent().unwrap_or(data));
    cmd
}

/// The binary on pipes, read a prompt at a time.
struct Piped {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Vec<u8>>,
    out: Vec<u8>,
    /// Where the text not yet handed to the driver starts.
    seen: usize,
}

impl Piped {
    fn spawn(mut cmd: Command) -> Piped {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn shangyun");
        let mut stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Piped {
            child,
            stdin,
            rx,
            out: Vec::new(),
            seen: 0,
        }
    }

    /// The text written since the last call, once the program waits at a prompt (`None` when
    /// it ended instead).
    fn next_prompt(&mut self) -> Option<String> {
        let end = Instant::now() + DEADLINE;
        loop {
            if self.out.ends_with(b"> ") && self.out.len() > self.seen {
                let text = String::from_utf8_lossy(&self.out[self.seen..]).into_owned();
                self.seen = self.out.len();
                return Some(text);
            }
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(bytes) => self.out.extend_from_slice(&bytes),
                Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no prompt within {DEADLINE:?}; the output ends with:\n{}",
                    tail(&self.out)
                ),
            }
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{line}").expect("write to shangyun");
    }

    /// Closes standard input and waits for the exit code and stderr.
    fn finish(mut self) -> (Option<i32>, String, String) {
        drop(self.stdin.take());
        while let Ok(bytes) = self.rx.recv_timeout(DEADLINE) {
            self.out.extend_from_slice(&bytes);
        }
        let status = self.child.wait().expect("wait");
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        (
            status.code(),
            String::from_utf8_lossy(&self.out).into_owned(),
            err,
        )
    }
}

fn tail(out: &[u8]) -> String {
    let s = String::from_utf8_lossy(out);
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(25)..].join("\n")
}

fn label(q: &QuestionDef) -> String {
    Content::get().t(Lang::En, &format!("q.{}.label", q.id))
}

fn find_question(text: &str, entity_line: &str) -> Option<&'static QuestionDef> {
    let line = text.lines().rev().find(|l| l.starts_with("Question "))?;
    let rest = line.split_once(": ")?.1;
    let scope = if entity_line.starts_with("Information system") {
        Scope::System
    } else if entity_line.starts_with("Candidate provider") {
        Scope::Provider
    } else if entity_line.starts_with("Wave") {
        Scope::Wave
    } else {
        Scope::Enterprise
    };
    let content = Content::get();
    // the longest label that starts the line and fits the scope (labels may share a start)
    content
        .questions()
        .filter(|q| q.scope == scope && rest.starts_with(&format!("{} §", label(q))))
        .max_by_key(|q| label(q).len())
}

/// A plausible answer for a question no row of the table names.
fn by_kind(q: &QuestionDef) -> String {
    match &q.kind {
        QuestionKind::Text { .. } => "Ms Li".into(),
        QuestionKind::LongText { .. } => "Written down and agreed.".into(),
        QuestionKind::Number { unit, .. } if unit == "percent" => "99.9".into(),
        QuestionKind::Number { min, max, .. } => {
            format!("{}", ((min + max) / 1000.0).round().clamp(*min, *max))
        }
        QuestionKind::Date => "2027-03-01".into(),
        QuestionKind::Single(_) | QuestionKind::Catalogue => "1".into(),
        QuestionKind::Multi(_) => "1, 2".into(),
        QuestionKind::YesNo => "y".into(),
        QuestionKind::Rating => "4".into(),
        QuestionKind::Dependencies => String::new(),
    }
}

/// The answers of the 3-system company, by question id and, for systems, by system name.
fn answer(id: &str, entity: &str) -> Option<String> {
    let sys = entity.rsplit(": ").next().unwrap_or("");
    let a = match (id, sys) {
        ("ent.name", _) => "Acme Precision Ltd",
        ("ent.size", _) => "2",
        ("ent.employees", _) => "1,200",
        ("s1.problems", _) => "Old servers fail.\\",
        ("sys.sensitivity", "ERP") => "sensitive",
        ("sys.sensitivity", "MES") => "2",
        ("sys.sensitivity", "Website") => "1",
        ("sys.depends_on", "ERP") => "",
        ("sys.depends_on", "MES") => "ERP",
        ("sys.depends_on", "Website") => "1",
        ("sys.users", "Website") => "2",
        ("sys.peak_users", "ERP") => "80",
        ("prov.sla", _) => "99.95%",
        _ => return None,
    };
    Some(a.to_owned())
}

#[test]
fn a_piped_script_enters_a_three_system_company_and_exports_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // no --plain: standard input is not a terminal and a profile is named
    let mut p = Piped::spawn(command(&data, &["--profile", "acme", "--lang", "en"]));
    let content = Content::get();
    let mut asked: BTreeSet<(String, String)> = BTreeSet::new();
    let mut entity_line = String::new();
    let mut systems = ["ERP", "MES", "Website"].into_iter();
    let mut providers = ["Cloud One"].into_iter();
    let mut exported = 0;
    let mut prompts = 0;
    let mut last: Option<(String, String)> = None;
    while let Some(text) = p.next_prompt() {
        prompts += 1;
        assert!(prompts < 2000, "the walk does not end:\n{}", tail(&p.out));
        for l in text.lines() {
            if l.starts_with("Step ") || l.starts_with("Company profile") {
                // a new screen: its first questions are about the enterprise
                entity_line.clear();
            }
            let entity = ["Information system ", "Candidate provider ", "Wave "];
            if entity.iter().any(|s| l.starts_with(s)) {
                entity_line = l.to_owned();
            }
        }
        // a new system's or provider's name is asked by the offer to add one
        if text.contains("Add an information system") {
            let name = systems.next().unwrap_or("");
            asked.insert(("sys.name".into(), name.into()));
            p.send(name);
            continue;
        }
        if text.contains("Add a candidate provider") {
            let name = providers.next().unwrap_or("");
            asked.insert(("prov.name".into(), name.into()));
            p.send(name);
            continue;
        }
        if text.contains("That was the last step") {
            match exported {
                0 => p.send(":export plan.md"),
                1 => p.send(":export plan.json"),
                _ => p.send(":quit"),
            }
            exported += 1;
            continue;
        }
        if text.contains("Wrote ") {
            // an export was confirmed; the results prompt follows without its intro
            match exported {
                1 => p.send(":export plan.json"),
                _ => p.send(":quit"),
            }
            exported += 1;
            continue;
        }
        let q = find_question(&text, &entity_line)
            .unwrap_or_else(|| panic!("a prompt that asks no known question:\n{text}"));
        if text.lines().any(|l| l.starts_with("Cannot go on yet")) {
            panic!("a required answer was refused:\n{text}");
        }
        let this = (q.id.clone(), entity_line.clone());
        // a generic answer this question's own rules refuse: skip it (it is not required)
        let refused = last.as_ref() == Some(&this) && !q.required;
        last = Some(this.clone());
        asked.insert(this);
        let line = match answer(&q.id, &entity_line) {
            _ if refused => ">".to_owned(),
            Some(a) => a,
            None => by_kind(q),
        };
        p.send(&line);
        if line.ends_with('\\') {
            p.send("ERP is slow at month end.");
        }
    }
    let (code, out, err) = p.finish();
    assert_eq!(code, Some(0), "stderr: {err}\n{}", tail(out.as_bytes()));
    assert!(!out.contains('\u{1b}'), "an escape sequence on a pipe");

    // every question of every screen was asked, for each of its entities
    let systems = 3;
    for q in content.questions() {
        let times = asked.iter().filter(|(id, _)| *id == q.id).count();
        let want = match q.scope {
            Scope::System => systems,
            Scope::Enterprise | Scope::Provider | Scope::Wave => 1,
        };
        assert!(
            times >= want,
            "{} was asked {times} times, not {want}",
            q.id
        );
    }

    // the saved profile
    let store = Store::open(&data).expect("store");
    let saved: Profile = store.load("acme").expect("saved profile").profile;
    assert_eq!(saved.enterprise_name(), "Acme Precision Ltd");
    assert_eq!(saved.answers.number("ent.employees"), Some(1200.0));
    assert_eq!(
        saved.answers.text("s1.problems"),
        Some("Old servers fail.\nERP is slow at month end.")
    );
    // The service level is asked once, on the provider (step 3).
    assert_eq!(
        saved
            .providers
            .first()
            .and_then(|p| p.answers.number("prov.sla")),
        Some(99.95)
    );
    let names: Vec<&str> = saved.systems.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ERP", "MES", "Website"]);
    let erp = saved.systems[0].id;
    assert_eq!(saved.systems[1].depends_on, [erp]);
    assert_eq!(saved.systems[2].depends_on, [erp]);
    let sens: Vec<Option<&str>> = saved
        .systems
        .iter()
        .map(|s| s.answers.choice("sys.sensitivity"))
        .collect();
    assert_eq!(sens, [Some("sensitive"), Some("internal"), Some("public")]);
    assert_eq!(
        saved.systems[2].answers.get("sys.users"),
        Some(&Answer::Choices(vec!["customers".into()]))
    );
    assert_eq!(saved.providers.len(), 1);
    assert_eq!(saved.providers[0].name, "Cloud One");
    assert_eq!(saved.providers[0].answers.number("prov.sla"), Some(99.95));
    assert!(!saved.waves.is_empty(), "the waves were answered");
    assert!(matches!(saved.position, Position::Results(_)));

    // the exports, written where the program runs
    let md = std::fs::read_to_string(dir.path().join("plan.md")).expect("plan.md");
    for s in ["Acme Precision Ltd", "ERP", "MES", "Website", "Cloud One"] {
        assert!(md.contains(s), "plan.md lacks {s}");
    }
    let json = std::fs::read_to_string(dir.path().join("plan.json")).expect("plan.json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["profile"]["systems"].as_array().map(Vec::len), Some(3));
}

/// Runs plain mode in this process on a script; returns the output and the saved profile.
fn run_script(data: &Path, args: (Option<&str>, bool), script: &str) -> (String, Option<Profile>) {
    let opts = shangyun::plain::PlainOptions {
        data_dir: data.to_path_buf(),
        profile: args.0.map(str::to_owned),
        demo: args.1,
        lang: Some(Lang::En),
    };
    let mut out = Vec::new();
    let r = shangyun::plain::run_with(opts, script.as_bytes(), &mut out, true);
    assert!(r.is_ok(), "{r:?}");
    let out = String::from_utf8(out).expect("UTF-8");
    let name = args.0.unwrap_or("demo");
    let saved = Store::open(data)
        .ok()
        .and_then(|s| s.load(name).ok())
        .map(|l| l.profile);
    (out, saved)
}

#[test]
fn enter_keeps_question_mark_explains_back_and_skip_move_and_bad_input_is_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let c = Content::get();
    let script = [
        "",     // Enter on the required company name: refused
        "?",    // its help
        "Acme", // answered
        "<",    // back to it: the answer is shown
        "",     // kept
        "abc",  // industry: not an option
        "99",   // not a number of an option
        ">",    // skipped
        ">",    // size skipped although required
        ">", ">", ">", // end of the profile screen: blocked on the size
        "2", // size answered where it stopped
        ":quit",
    ]
    .join("\n");
    let (out, saved) = run_script(&data, (Some("acme"), false), &script);
    let saved = saved.expect("saved");
    assert_eq!(saved.enterprise_name(), "Acme");
    assert_eq!(saved.answers.choice("ent.size"), Some("sme"));
    assert_eq!(saved.answers.get("ent.industry"), None);
    let name = c.t(Lang::En, "q.ent.name.label");
    let required = c.render(
        Lang::En,
        &shangyun::content::Text::new("val.required").key("question", "q.ent.name.label"),
    );
    assert!(out.contains(&required), "{out}");
    assert!(out.contains(&c.t(Lang::En, "q.ent.name.help")), "{out}");
    assert!(out.contains("Answer: Acme"), "{out}");
    assert!(
        out.contains("Type the number of an option, from 1 to 12."),
        "{out}"
    );
    let size = c.t(Lang::En, "q.ent.size.label");
    assert!(
        out.contains(&format!("Cannot go on yet: “{size}” is needed first")),
        "{out}"
    );
    // refused at the end of the screen, then step 1 begins once the size is answered
    let blocked = out.find("Cannot go on yet").unwrap_or(0);
    assert!(out[blocked..].contains("Step 1 of 10"), "{out}");
    assert!(
        out.contains(&format!("Question 1 of 6: {name} §1, required")),
        "{out}"
    );
    assert!(matches!(saved.position, Position::Step(_)));
}

#[test]
fn goto_results_and_export_work_from_any_question_and_a_file_is_not_replaced_unasked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let file = dir.path().join("plan.md");
    std::fs::write(&file, "mine").expect("write");
    let f = file.display().to_string();
    let script = format!(":goto 5\n:results\n:export {f}\nn\n:export {f}\ny\n:lang\n:quit\n");
    let (out, saved) = run_script(&data, (None, true), &script);
    assert!(out.contains("Step 5 of 10: Migration strategy"), "{out}");
    // the plan read out: the enterprise, a table row with its column names, the checklist
    let demo = shangyun::content::demo(Lang::En).expect("the demo");
    assert!(out.contains(demo.enterprise_name()), "{out}");
    assert!(
        out.contains("- to do: ") || out.contains("- done: "),
        "{out}"
    );
    assert!(out.contains("End of the results."), "{out}");
    assert!(
        out.contains(&format!("{f} exists. Type y to replace it.")),
        "{out}"
    );
    let md = std::fs::read_to_string(&file).expect("plan.md");
    assert!(md.starts_with("# "), "replaced once confirmed: {md:.40}");
    assert!(out.contains("语言：中文。"), "{out}");
    let saved = saved.expect("the demo is saved");
    assert_eq!(saved.lang, Lang::ZhCn);
    assert_eq!(
        saved.position,
        Position::Step(shangyun::model::StepId::new(5).expect("5"))
    );
}

// ---------------------------------------------------------------------------------------------
// In a pseudo-terminal: nothing but text and line ends.

mod pty {
    use super::*;
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::sync::{Arc, Condvar, Mutex};

    /// Runs the binary in a PTY, typing each line once the output shows `wait_for` (the text
    /// before each line); returns everything it wrote and its exit code.
    fn run(data: &Path, term: &str, args: &[&str], steps: &[(&str, &str)]) -> (Vec<u8>, u32) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shangyun"));
        cmd.args(args);
        cmd.env("TERM", term);
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env("SHANGYUN_DATA_DIR", data);
        cmd.cwd(data.parent().unwrap_or(data));
        let mut child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let mut writer = pair.master.take_writer().expect("writer");
        let out = Arc::new((Mutex::new((Vec::<u8>::new(), false)), Condvar::new()));
        let shared = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let mut o = shared.0.lock().unwrap_or_else(|p| p.into_inner());
                if n == 0 {
                    o.1 = true;
                } else {
                    o.0.extend_from_slice(&buf[..n]);
                }
                let done = o.1;
                drop(o);
                shared.1.notify_all();
                if done {
                    break;
                }
            }
        });
        let mut from = 0;
        for (wait_for, line) in steps {
            let end = Instant::now() + DEADLINE;
            let mut o = out.0.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                let text = String::from_utf8_lossy(&o.0[from..]).into_owned();
                if let Some(at) = text.find(wait_for) {
                    from += at + wait_for.len();
                    break;
                }
                let left = end.saturating_duration_since(Instant::now());
                assert!(!left.is_zero() && !o.1, "no “{wait_for}” in:\n{text}");
                o = out
                    .1
                    .wait_timeout(o, left)
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
            drop(o);
            write!(writer, "{line}\r").expect("type");
        }
        let status = child.wait().expect("wait");
        let end = Instant::now() + DEADLINE;
        let mut o = out.0.lock().unwrap_or_else(|p| p.into_inner());
        while !o.1 && Instant::now() < end {
            o = out
                .1
                .wait_timeout(o, Duration::from_millis(200))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        (o.0.clone(), status.exit_code())
    }

    /// Every byte is text (UTF-8 without control characters) or a CR/LF line end.
    fn assert_only_text(bytes: &[u8]) {
        let s = std::str::from_utf8(bytes).expect("UTF-8 only");
        let bad: Vec<(usize, char)> = s
            .char_indices()
            .filter(|(_, c)| c.is_control() && !matches!(c, '\r' | '\n'))
            .collect();
        assert!(bad.is_empty(), "control characters {bad:?} in:\n{s}");
    }

    #[test]
    fn plain_mode_writes_only_text_and_line_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let steps = [
            ("> ", "示例公司"),
            ("> ", "?"),
            ("> ", "1"),
            ("> ", ":goto 1"),
            ("> ", ">"),
            ("> ", ">"),
            ("添加信息系统", "ERP"),
            ("> ", "2"),
            ("> ", ":results"),
            ("> ", ":quit"),
        ];
        let (bytes, code) = run(
            &data,
            "xterm-256color",
            &["--plain", "--profile", "p"],
            &steps,
        );
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&bytes));
        assert_only_text(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("第 1 步（共 10 步）：需求分析"), "{text}");
        assert!(text.contains("信息系统 1/1：ERP"), "{text}");
        let saved = Store::open(&data).and_then(|s| s.load("p")).expect("saved");
        assert_eq!(saved.profile.enterprise_name(), "示例公司");
        assert_eq!(saved.profile.systems.len(), 1);
    }

    #[test]
    fn term_dumb_chooses_plain_mode_by_itself() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let steps = [("档案“demo”", ":goto 3"), ("第 3 步", ":quit")];
        let (bytes, code) = run(&data, "dumb", &["--demo"], &steps);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&bytes));
        assert_only_text(&bytes);
    }
}

#[test]
fn a_profile_open_elsewhere_is_refused_and_an_unreadable_one_is_kept_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let store = Store::open(&data).expect("store");
    let held = store.lock("acme").expect("lock");
    let opts = shangyun::plain::PlainOptions {
        data_dir: data.clone(),
        profile: Some("acme".into()),
        demo: false,
        lang: Some(Lang::En),
    };
    let mut out = Vec::new();
    let r = shangyun::plain::run_with(opts.clone(), &b":quit\n"[..], &mut out, true);
    let e = r.expect_err("locked");
    assert_eq!(e.kind(), shangyun::ErrorKind::Locked, "{e}");
    drop(held);

    let path = store.path_of("acme").expect("path");
    std::fs::write(&path, "(this is not a profile").expect("write");
    let (out, saved) = run_script(&data, (Some("acme"), false), "Acme\n:quit\n");
    assert!(out.contains("moved aside"), "{out}");
    assert_eq!(
        saved.map(|p| p.enterprise_name().to_owned()).as_deref(),
        Some("Acme")
    );
    let kept = std::fs::read_dir(store.profiles_dir())
        .expect("list")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".corrupt-"));
    assert!(kept, "the unreadable file is kept aside");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever is typed — commands, numbers, text with escape sequences and control
    /// characters, in any order — plain mode neither panics nor writes a control character.
    #[test]
    fn any_input_is_answered_with_text_only(lines in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::sample::select(vec![
                "", "?", "<", ">", ":goto 1", ":goto 3", ":goto 6", ":goto r", ":results",
                ":clear", ":delete", "y", "n", ":lang", ":help", ":bogus", "::x", "1", "2",
                "1, 3", "99", "-1", "1e9", "2027-02-30", "\\", "ERP", "：goto 5", "？",
            ]).prop_map(str::to_owned),
            "[\\PC\u{1b}\u{7}\u{9b}\t]{0,12}",
        ],
        0..60,
    )) {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let mut script = lines.join("\n");
        script.push('\n');
        let (out, saved) = run_script(&data, (None, true), &script);
        let bad = out.chars().find(|c| c.is_control() && *c != '\n');
        proptest::prop_assert!(bad.is_none(), "{:?} in the output", bad);
        proptest::prop_assert!(saved.is_some());
    }
}
