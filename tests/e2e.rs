//! End-to-end runs of the real binary in a pseudo-terminal: what a user types, what the screen
//! shows, what is on disk afterwards, and that the terminal is given back on every way out.
//!
//! Each test spawns `shangyun` in a PTY (`TERM=xterm-256color`, a fresh `SHANGYUN_DATA_DIR`, a
//! given `LANG`). A reader thread feeds everything the program writes into a `vt100` parser and
//! keeps the raw bytes; [`Session::wait_for`] waits on a condition variable until the parsed
//! screen shows a text or a deadline passes. Nothing sleeps for a fixed time, so the tests are as
//! fast as the program and still pass on a loaded two-core machine. Unix only (signals, `kill`).
#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use shangyun::content::{Content, Text};
use shangyun::model::{Answer, Lang};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long any one thing may take to appear.
const DEADLINE: Duration = Duration::from_secs(10);

const ENTER: &str = "\r";
const TAB: &str = "\t";
const DOWN: &str = "\x1b[B";
const PAGE_DOWN: &str = "\x1b[6~";
const CTRL_C: &str = "\x03";

/// What the reader thread shares with the test.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The program closed the terminal (it exited).
    closed: bool,
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    out: Arc<(Mutex<Output>, Condvar)>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

fn lock(out: &(Mutex<Output>, Condvar)) -> MutexGuard<'_, Output> {
    out.0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Session {
    /// Starts `shangyun ARGS` at `cols`×`rows` with `LANG=lang` and the data folder `data`.
    fn spawn(data: &Path, (cols, rows): (u16, u16), lang: &str, args: &[&str]) -> Session {
        Session::spawn_sized(data, (cols, rows), (cols, rows), lang, args)
    }

    /// [`Session::spawn`] with a terminal of `pty` whose screen is read back as `screen`
    /// (smaller, for terminals too large to keep a copy of).
    fn spawn_sized(
        data: &Path,
        pty: (u16, u16),
        (cols, rows): (u16, u16),
        lang: &str,
        args: &[&str],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(size(pty.0, pty.1))
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shangyun"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", lang);
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env_remove("NO_COLOR");
        cmd.env("SHANGYUN_DATA_DIR", data);
        cmd.cwd(data.parent().unwrap_or(data));
        let child = pair.slave.spawn_command(cmd).expect("spawn shangyun");
        // only the child keeps the terminal's other end: its exit closes the stream
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let out = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(nz(rows), nz(cols), 0),
                raw: Vec::new(),
                closed: false,
            }),
            Condvar::new(),
        ));
        let shared = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let mut o = lock(&shared);
                match buf.get(..n) {
                    Some(bytes) if n > 0 => {
                        o.parser.process(bytes);
                        o.raw.extend_from_slice(bytes);
                    }
                    _ => o.closed = true,
                }
                let closed = o.closed;
                drop(o);
                shared.1.notify_all();
                if closed {
                    break;
                }
            }
        });
        Session {
            child,
            master: pair.master,
            writer,
            out,
        }
    }

    /// The text on screen now.
    fn screen(&self) -> String {
        lock(&self.out).parser.screen().contents()
    }

    /// Waits until `ready` holds for the output, or panics with the screen after `DEADLINE`.
    fn wait_until(&self, what: &str, ready: impl Fn(&Output) -> bool) {
        let end = Instant::now() + DEADLINE;
        let mut o = lock(&self.out);
        while !ready(&o) {
            let now = Instant::now();
            if now >= end {
                let screen = o.parser.screen().contents();
                panic!("waited {DEADLINE:?} for {what}; the screen shows:\n{screen}");
            }
            o = self
                .out
                .1
                .wait_timeout(o, end - now)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
    }

    /// Waits until the screen shows `text` (also across a wrapped line).
    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |o| {
            let s = o.parser.screen().contents();
            s.contains(text) || s.replace('\n', "").contains(text)
        });
    }

    /// Sends keys, as the terminal would.
    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("the program reads its terminal");
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.out)
            .parser
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resize");
    }

    /// Resizes the terminal only: the copy of the screen read back keeps its size.
    fn resize_terminal_only(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("resize");
    }

    /// Waits until the program has written `bytes` (anywhere in its output).
    fn wait_for_bytes(&self, bytes: &[u8]) {
        self.wait_until(&String::from_utf8_lossy(bytes), |o| {
            find_last(&o.raw, bytes).is_some()
        });
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running child");
        let ok = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill -{name} {pid}");
    }

    /// Waits until the program has exited and returns its exit code.
    fn exit_code(&mut self) -> u32 {
        self.wait_until("the program to exit", |o| o.closed);
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.exit_code();
            }
            assert!(
                Instant::now() < end,
                "the terminal closed but the process lives on"
            );
            std::thread::yield_now();
        }
    }

    /// Everything the program wrote.
    fn raw(&self) -> Vec<u8> {
        lock(&self.out).raw.clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // a failed test must not leave a wizard running
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn t(lang: Lang, key: &str) -> String {
    Content::get().t(lang, key)
}

/// A temporary folder with the data folder `data` inside.
fn temp() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    (dir, data)
}

fn profile_file(data: &Path, name: &str) -> std::path::PathBuf {
    data.join("profiles").join(format!("{name}.ron"))
}

/// The texts of the headings of a Markdown document.
fn headings(md: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for ev in Parser::new(md) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(s) | Event::Code(s) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&s);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// A new user creates a profile, answers the profile screen and starts the inventory, quits,
/// comes back to the same screen with everything there, and exports the plan by name.
#[test]
fn a_new_user_fills_in_quits_resumes_and_exports() {
    let (dir, data) = temp();
    let en = Lang::En;
    let mut s = Session::spawn(&data, (120, 40), "en_US.UTF-8", &[]);
    s.wait_for(&t(en, "ui.welcome.new"));
    s.send(ENTER);
    s.wait_for(&t(en, "ui.prompt.new_profile"));
    s.send("acme");
    s.send(ENTER);
    s.wait_for(&t(en, "q.ent.name.label"));
    // the company name has the focus; two fields on is the size
    s.send("Acme Ltd");
    s.send(TAB);
    s.send(TAB);
    s.wait_for(&t(en, "opt.size.sme"));
    s.send(DOWN);
    s.send(" ");
    s.send(PAGE_DOWN);
    s.wait_for(&t(en, "ui.inventory.title"));
    // the inventory table is two fields on; `a` adds systems until an empty line
    s.send(TAB);
    s.send(TAB);
    s.send("a");
    s.wait_for(&t(en, "ui.prompt.add_system"));
    s.send("ERP");
    s.send(ENTER);
    s.send("OA");
    s.send(ENTER);
    s.send(ENTER);
    s.wait_for("OA");
    s.send("q");
    assert_eq!(s.exit_code(), 0, "{}", s.screen());

    let saved = shangyun::store::load_file(&profile_file(&data, "acme"))
        .expect("the profile on disk parses")
        .profile;
    assert_eq!(saved.enterprise_name(), "Acme Ltd");
    assert_eq!(
        saved.answers.get("ent.size"),
        Some(&Answer::Choice("sme".into()))
    );
    let names: Vec<&str> = saved.systems.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ERP", "OA"]);

    // the next start resumes the same profile on the same screen
    let mut again = Session::spawn(&data, (120, 40), "en_US.UTF-8", &[]);
    again.wait_for("Step 1/10");
    again.wait_for("Acme Ltd");
    // the inventory rows, in the table's first column
    again.wait_for("⚠ ERP");
    again.wait_for("⚠ OA");
    again.send(CTRL_C);
    assert_eq!(again.exit_code(), 0);

    let out = dir.path().join("acme-plan.md");
    let export = std::process::Command::new(env!("CARGO_BIN_EXE_shangyun"))
        .args(["export", "--profile", "acme", "--lang", "en", "-o"])
        .arg(&out)
        .env("SHANGYUN_DATA_DIR", &data)
        .output()
        .expect("export runs");
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let md = std::fs::read_to_string(&out).expect("the plan is written");
    let heads = headings(&md);
    let plan = t(en, "report.plan.title");
    assert!(
        matches!(heads.first(), Some((HeadingLevel::H1, h)) if h.starts_with("Acme Ltd")),
        "the document is headed by the enterprise: {heads:?}"
    );
    assert!(
        heads
            .iter()
            .any(|(l, h)| *l == HeadingLevel::H2 && h.starts_with(&plan)),
        "{heads:?}"
    );
}

/// Asserts that the output, after the program last entered the alternate screen, gives the
/// terminal back: main screen, cursor shown, bracketed paste off.
fn assert_restored(raw: &[u8], after_what: &str) {
    let entered = find_last(raw, b"\x1b[?1049h").expect("the wizard entered the alternate screen");
    let after = raw.get(entered..).unwrap_or_default();
    for (what, seq) in [
        ("leave the alternate screen", &b"\x1b[?1049l"[..]),
        ("show the cursor", b"\x1b[?25h"),
        ("turn bracketed paste off", b"\x1b[?2004l"),
    ] {
        assert!(
            find_last(after, seq).is_some(),
            "after {after_what} the program did not {what}"
        );
    }
}

/// After a signal the program saves, leaves and gives the terminal back.
fn a_signal_saves_and_restores_the_terminal(signal: &str) {
    let (_dir, data) = temp();
    let en = Lang::En;
    let mut s = Session::spawn(&data, (80, 24), "en_US.UTF-8", &["--profile", "acme"]);
    s.wait_for(&t(en, "q.ent.name.label"));
    s.send("Signal Co");
    // saved before drawn: once on screen, it is on disk
    s.wait_for("shangyun · Signal Co");
    s.signal(signal);
    s.exit_code();

    assert_restored(&s.raw(), signal);
    let saved = shangyun::store::load_file(&profile_file(&data, "acme"))
        .expect("the profile on disk parses");
    assert_eq!(saved.profile.enterprise_name(), "Signal Co");
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    a_signal_saves_and_restores_the_terminal("TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    a_signal_saves_and_restores_the_terminal("HUP");
}

/// Issue 11.4: these ended the wizard at once, unsaved and with the terminal left raw.
#[test]
fn more_signals_save_and_restore_the_terminal_like_sigterm() {
    for signal in ["QUIT", "USR1", "USR2", "ALRM", "XCPU", "VTALRM"] {
        a_signal_saves_and_restores_the_terminal(signal);
    }
}

/// Issue 11.3: a terminal too large to keep two screen buffers of (65535×65535 asks ratatui for
/// hundreds of gigabytes) aborted the wizard with the terminal left raw. The drawn area is
/// capped, with a notice, at the start and on a resize mid-session.
#[test]
fn a_huge_terminal_is_drawn_capped_and_the_terminal_is_restored() {
    let (_dir, data) = temp();
    let mut s = Session::spawn_sized(&data, (40000, 20000), (80, 24), "en_US.UTF-8", &[]);
    s.wait_for_bytes("1000×500".as_bytes());
    s.signal("TERM");
    assert_eq!(s.exit_code(), 0);
    assert_restored(&s.raw(), "a start at 40000×20000");

    let mut s = Session::spawn(&data, (80, 24), "en_US.UTF-8", &["--profile", "acme"]);
    s.wait_for(&t(Lang::En, "q.ent.name.label"));
    s.resize_terminal_only(65535, 65535);
    s.wait_for_bytes("65535×65535".as_bytes());
    s.signal("TERM");
    assert_eq!(s.exit_code(), 0);
    assert_restored(&s.raw(), "a resize to 65535×65535");
}

/// Issue 11.7: `--profile demo` opened the demo's scratch profile, which the next `--demo`
/// resets: it is refused like `profiles rename x demo`.
#[test]
fn profile_demo_is_refused_like_renaming_a_profile_to_demo() {
    let (_dir, data) = temp();
    let mut s = Session::spawn(&data, (80, 24), "en_US.UTF-8", &["--profile", "demo"]);
    assert_eq!(s.exit_code(), 2);
    let refused = Content::get().render(
        Lang::En,
        &Text::new("ui.err.name_reserved").plain("name", "demo"),
    );
    let screen = s.screen().replace('\n', "");
    assert!(screen.contains(&refused), "{screen}");
    assert!(!profile_file(&data, "demo").exists());
}

#[test]
fn demo_opens_the_demo_enterprise_in_chinese() {
    let (_dir, data) = temp();
    let zh = Lang::ZhCn;
    let mut s = Session::spawn(&data, (80, 24), "zh_CN.UTF-8", &["--demo"]);
    s.wait_for("华东精密机械有限公司");
    s.wait_for(&t(zh, "q.ent.name.label"));
    s.send(PAGE_DOWN);
    s.wait_for(&t(zh, "step.s1.title"));
    s.send(CTRL_C);
    assert_eq!(s.exit_code(), 0);
    assert!(profile_file(&data, "demo").is_file());
}

#[test]
fn a_second_wizard_on_the_same_profile_exits_4_while_the_first_runs() {
    let (_dir, data) = temp();
    let mut first = Session::spawn(&data, (80, 24), "en_US.UTF-8", &["--profile", "acme"]);
    first.wait_for(&t(Lang::En, "q.ent.name.label"));
    for args in [&["--profile", "acme"][..], &[]] {
        let mut second = Session::spawn(&data, (80, 24), "en_US.UTF-8", args);
        assert_eq!(second.exit_code(), 4, "{}", second.screen());
        let screen = second.screen().replace('\n', "");
        assert!(
            screen.contains("\"acme\" is open in another shangyun"),
            "{screen}"
        );
    }
    // the first one is unharmed
    first.send("x");
    first.wait_for("shangyun · x");
    first.send(CTRL_C);
    assert_eq!(first.exit_code(), 0);
}

#[test]
fn a_small_terminal_asks_to_be_enlarged_and_a_resize_brings_the_screen() {
    let (_dir, data) = temp();
    let en = Lang::En;
    let mut s = Session::spawn(&data, (60, 20), "en_US.UTF-8", &[]);
    let small = Content::get().render(
        en,
        &Text::new("ui.too_small")
            .num("mw", 80.0, 0)
            .num("mh", 24.0, 0)
            .num("w", 60.0, 0)
            .num("h", 20.0, 0),
    );
    s.wait_for(&small);
    s.resize(80, 24);
    s.wait_for(&t(en, "ui.welcome.new"));
    assert!(!s.screen().contains(&small));
    // Ended by a signal, not a key: a key that reaches the terminal in the same instant as the
    // resize can wait for the next key in crossterm 0.29 (docs/reliability.md, open issues),
    // and here the welcome screen may be drawn before the resize event is read.
    s.signal("TERM");
    assert_eq!(s.exit_code(), 0);
}

/// A quit whose save fails is held back once with a warning; the second quit leaves, with exit
/// code 3 and a line on stderr saying what was not saved (issue 11.8: it used to exit 0).
#[test]
fn quitting_with_a_failed_save_warns_once_then_exits_3_saying_what_was_not_saved() {
    let (_dir, data) = temp();
    let en = Lang::En;
    let mut s = Session::spawn(&data, (100, 30), "en_US.UTF-8", &["--profile", "acme"]);
    s.wait_for(&t(en, "q.ent.name.label"));
    // the profiles folder is replaced by a file: every save fails from now on
    let profiles = data.join("profiles");
    std::fs::remove_dir_all(&profiles).expect("remove");
    std::fs::write(&profiles, "in the way").expect("write");
    s.send("Lost Co");
    s.wait_for(&t(en, "ui.save.failed"));
    s.send(CTRL_C);
    let warning = t(en, "cli.tui.unsaved");
    let head = warning.split(':').next().unwrap_or(&warning);
    s.wait_for(head);
    // any key closes the warning; q there leaves without the changes
    s.send("q");
    assert_eq!(s.exit_code(), 3);
    let said = Content::get().render(
        en,
        &Text::new("cli.tui.not_saved")
            .plain("name", "acme")
            .plain("path", profile_file(&data, "acme").display().to_string())
            .plain("error", ""),
    );
    let screen = s.screen().replace('\n', "");
    assert!(screen.contains(said.trim_end()), "{screen}");
}

/// The plan's position on the tab bar, e.g. `1–18/484`.
fn plan_position(screen: &str) -> Option<String> {
    screen
        .split_whitespace()
        .find(|w| {
            w.contains('–')
                && w.contains('/')
                && w.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .map(str::to_owned)
}

/// `--mouse` captures the mouse (and gives it back on the way out): the wheel scrolls the plan.
/// Without it the mouse is never captured, so the terminal's own selection keeps working.
#[test]
fn the_wheel_scrolls_the_plan_only_with_mouse() {
    let (_dir, data) = temp();
    let en = Lang::En;
    let mut s = Session::spawn(
        &data,
        (80, 24),
        "en_US.UTF-8",
        &["--demo", "--lang", "en", "--mouse"],
    );
    s.wait_for(&t(en, "q.ent.name.label"));
    s.send("\x1b[13~"); // F3
    s.wait_for(&t(en, "ui.jump.title"));
    s.send("r");
    s.wait_for(&t(en, "ui.results.plan"));
    s.wait_until("the plan's position", |o| {
        plan_position(&o.parser.screen().contents()).is_some_and(|p| p.starts_with("1–"))
    });
    let first = plan_position(&s.screen()).unwrap_or_default();
    // "1–18/484" → "2–19/484"
    let (top, rest) = first.split_once('–').unwrap_or_default();
    let (bottom, total) = rest.split_once('/').unwrap_or_default();
    assert_eq!(top, "1");
    let next = format!(
        "2–{}/{total}",
        bottom.parse::<usize>().unwrap_or_default() + 1
    );
    s.send("\x1b[<65;20;12M"); // wheel down (SGR)
    s.wait_for(&next);
    s.send("\x1b[<64;20;12M"); // wheel up
    s.wait_for(&first);
    s.send(CTRL_C);
    assert_eq!(s.exit_code(), 0);
    let raw = s.raw();
    let on = find_last(&raw, b"\x1b[?1000h").expect("the mouse was captured");
    assert!(
        find_last(&raw[on..], b"\x1b[?1000l").is_some(),
        "mouse capture is turned off on the way out"
    );

    // without --mouse: never captured
    let (_dir, data) = temp();
    let mut s = Session::spawn(&data, (80, 24), "en_US.UTF-8", &["--demo", "--lang", "en"]);
    s.wait_for(&t(en, "q.ent.name.label"));
    s.send(CTRL_C);
    assert_eq!(s.exit_code(), 0);
    assert!(find_last(&s.raw(), b"\x1b[?1000h").is_none());
}

/// With 2,000 systems the work a key owes (analysis, statuses, save) takes longer than a frame:
/// keys are answered at once, the bar says "saving…", and the work follows when typing pauses —
/// on disk without quitting — and at once on the way out.
#[test]
fn a_large_inventory_saves_when_typing_pauses() {
    let (_dir, data) = temp();
    let en = Lang::En;
    let demo: shangyun::model::Profile =
        shangyun::content::parse_ron("assets/demo.ron", shangyun::content::DEMO_RON)
            .expect("the shipped demo parses");
    let mut big = shangyun::model::synthetic::synthetic_profile(&demo, 2000);
    big.position = shangyun::model::Position::Profile;
    let name = big.enterprise_name().to_owned();
    let store = shangyun::store::Store::open(&data).expect("a data folder");
    store
        .lock("big")
        .and_then(|l| l.save(&big))
        .expect("the big profile is saved");
    drop(store);
    let saved_name = || {
        shangyun::store::load_file(&profile_file(&data, "big"))
            .expect("the profile on disk parses")
            .profile
            .enterprise_name()
            .to_owned()
    };
    let wait_on_disk = |want: &str| {
        let end = Instant::now() + DEADLINE;
        while saved_name() != want {
            assert!(Instant::now() < end, "{want:?} never reached the disk");
            std::thread::sleep(Duration::from_millis(20));
        }
    };

    let mut s = Session::spawn(
        &data,
        (120, 40),
        "en_US.UTF-8",
        &["--profile", "big", "--lang", "en"],
    );
    s.wait_for(&t(en, "q.ent.name.label"));
    // the company name has the focus, its caret at the end
    s.send("Z");
    wait_on_disk(&format!("{name}Z"));
    let pending = format!("… {}", t(en, "ui.save.pending"));
    s.send("z");
    // shown for the pause (150 ms) and the work after it
    s.wait_for(&pending);
    wait_on_disk(&format!("{name}Zz"));
    s.wait_for(&format!("✓ {}", t(en, "ui.save.saved")));
    // typed and gone at once: saved on the way out, not after a pause
    s.send("!");
    s.send(CTRL_C);
    assert_eq!(s.exit_code(), 0, "{}", s.screen());
    assert_eq!(saved_name(), format!("{name}Zz!"));
}
