//! Hostile input: terminal escape sequences and control characters in every text answer, name
//! and option id; 100,000-character fields; 2,000 systems; dependency cycles and
//! self-dependencies; duplicate names; path-like and device names as profile and system names.
//! None of it reaches the Markdown raw, changes the document's shape, escapes the profiles
//! folder, or panics; nothing of it reaches the terminal through the wizard's screen buffer.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use ratatui::buffer::Buffer;
use shangyun::content::{Content, QuestionKind, Scope};
use shangyun::engine::{self, Analysis};
use shangyun::export::{self, Format};
use shangyun::model::{Answer, Answers, Lang, Position, Profile, SystemId, synthetic};
use shangyun::store::{Store, StoreError};
use std::fs;
use std::path::Path;

/// Escape sequences and control characters a pasted or hand-edited text may carry.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",      // clear the screen, cursor home
    "\u{1b}]0;title\u{7}",    // OSC: set the window title
    "\u{1b}]52;c;aGk=\u{7}",  // OSC 52: write the clipboard
    "\u{9b}31m",              // C1 CSI
    "\u{1b}P+q544e\u{1b}\\",  // DCS
    "\u{90}dcs\u{9c}",        // C1 DCS … ST
    "\u{1b}[31mred\u{1b}[0m", // colours
    "\u{1b}",                 // a lone ESC
    "\u{9b}",                 // a lone CSI
    "\u{0}\u{7}\u{8}\u{7f}",  // NUL, BEL, BS, DEL
    "\u{85}\u{9d}",           // NEL, OSC (C1)
    "tab\there\r\nCRLF\rCR",
    "# h\n- item\n| a | b |\n```\n<script>x</script>\n[l](javascript:x)",
    "\u{202e}txt.exe",
];

/// Characters that must never appear in exported Markdown: C0 controls but `\n`, DEL, C1.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)
}

fn forbidden_in(s: &str) -> Vec<(usize, char)> {
    s.char_indices().filter(|(_, c)| is_forbidden(*c)).collect()
}

mod common;
use common::{demo, draw, opened};

/// Sets every answer of a text kind (every scope), every name, and every option id of `p` to
/// `f(old)`; also adds a tick with a hostile id.
fn rewrite_text(p: &mut Profile, f: &dyn Fn(&str) -> String) {
    rewrite(p, f, true);
}

/// [`rewrite_text`], option ids and ticks only if `options`.
fn rewrite(p: &mut Profile, f: &dyn Fn(&str) -> String, options: bool) {
    let content = Content::get();
    let rewrite = |answers: &mut Answers, scope: Scope| {
        for q in content.questions().filter(|q| q.scope == scope) {
            let new = match (&q.kind, answers.get(&q.id)) {
                (QuestionKind::Text { .. } | QuestionKind::LongText { .. }, old) => {
                    let old = match old {
                        Some(Answer::Text(t)) => t.as_str(),
                        _ => "",
                    };
                    Some(Answer::Text(f(old)))
                }
                (QuestionKind::Date, _) => Some(Answer::Text(f("2025-03-01"))),
                (QuestionKind::Single(_), Some(Answer::Choice(c))) if options => {
                    Some(Answer::Choice(f(c)))
                }
                (QuestionKind::Multi(_) | QuestionKind::Catalogue, Some(Answer::Choices(cs)))
                    if options =>
                {
                    let mut cs = cs.clone();
                    cs.push(f("option"));
                    Some(Answer::Choices(cs))
                }
                _ => continue,
            };
            answers.set(q.id.clone(), new);
        }
    };
    rewrite(&mut p.answers, Scope::Enterprise);
    for s in &mut p.systems {
        s.name = f(&s.name);
        rewrite(&mut s.answers, Scope::System);
    }
    for pr in &mut p.providers {
        pr.name = f(&pr.name);
        rewrite(&mut pr.answers, Scope::Provider);
    }
    for w in p.waves.values_mut() {
        rewrite(w, Scope::Wave);
    }
    if options {
        p.ticks.insert(f("s4.rollback"));
    }
}

fn analyse(p: &Profile) -> Analysis {
    engine::analyse(Content::get(), p)
}

fn markdown(p: &Profile, lang: Lang) -> String {
    export::markdown(Content::get(), lang, p, &analyse(p), Some("2025-01-15"))
}

// ----- the shape of a Markdown document ----------------------------------------------------

/// What user text must not change: heading levels, table sizes, task items, code blocks, list
/// items and paragraphs.
#[derive(Debug, PartialEq)]
struct Shape {
    headings: Vec<u8>,
    tables: Vec<(usize, Vec<usize>)>,
    tasks: usize,
    code_blocks: Vec<String>,
    items: usize,
    paragraphs: usize,
}

fn shape(md: &str) -> Shape {
    let mut s = Shape {
        headings: vec![],
        tables: vec![],
        tasks: 0,
        code_blocks: vec![],
        items: 0,
        paragraphs: 0,
    };
    let (mut head, mut rows, mut cells) = (0usize, Vec::new(), 0usize);
    let mut in_head = false;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => s.headings.push(level as u8),
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(l))) => {
                s.code_blocks.push(l.to_string())
            }
            Event::Start(Tag::CodeBlock(_)) => s.code_blocks.push("indented".into()),
            Event::Start(Tag::Item) => s.items += 1,
            Event::Start(Tag::Paragraph) => s.paragraphs += 1,
            Event::TaskListMarker(_) => s.tasks += 1,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                head = cells;
                cells = 0;
            }
            Event::End(TagEnd::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow) if !in_head => {
                rows.push(cells);
                cells = 0;
            }
            Event::End(TagEnd::Table) => s.tables.push((head, std::mem::take(&mut rows))),
            _ => {}
        }
    }
    s
}

/// Raw HTML in a Markdown document other than our own `<br>` in table cells.
fn foreign_html(md: &str) -> Vec<String> {
    Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS)
        .filter_map(|ev| match ev {
            Event::Html(h) | Event::InlineHtml(h) if h.trim() != "<br>" => Some(h.to_string()),
            _ => None,
        })
        .collect()
}

// ----- escape sequences and control characters ---------------------------------------------

#[test]
fn escape_sequences_never_reach_the_markdown_and_never_change_its_shape() {
    let content = Content::get();
    let mut benign = demo();
    rewrite_text(&mut benign, &|_| "x".to_owned());
    let benign_shapes: Vec<Shape> = Lang::ALL
        .iter()
        .map(|l| shape(&markdown(&benign, *l)))
        .collect();
    // Each case in one language (alternating), and all of them at once in both.
    let all = HOSTILE.concat();
    let cases = HOSTILE.iter().copied().chain([all.as_str()]);
    for (i, h) in cases.enumerate() {
        let mut hostile = demo();
        // `x…x` so that a text that cleans to nothing is still answered, as in the benign twin.
        rewrite_text(&mut hostile, &|_| format!("x{h}x"));
        let langs = Lang::ALL.iter().zip(&benign_shapes).enumerate();
        for (_, (lang, benign_shape)) in langs.filter(|(l, _)| i == HOSTILE.len() || l % 2 == i % 2)
        {
            let md = markdown(&hostile, *lang);
            let bad = forbidden_in(&md);
            assert!(
                bad.is_empty(),
                "case {i} {h:?} ({}): {:?} near {:?}",
                lang.tag(),
                bad.first(),
                bad.first()
                    .and_then(|(at, _)| md.get(at.saturating_sub(60)..(at + 20).min(md.len())))
            );
            assert_eq!(
                &shape(&md),
                benign_shape,
                "case {i} {h:?} ({}) changed the document's shape",
                lang.tag()
            );
            assert_eq!(foreign_html(&md), Vec::<String>::new(), "case {i} {h:?}");
        }
        // The data exports escape C0 controls (ESC among them) as the formats require; C1
        // characters are valid JSON and RON and are kept as data (see docs/reliability.md).
        let a = analyse(&hostile);
        let c0 = |s: &str| s.chars().any(|c| c < ' ' && c != '\n');
        let json = export::render(Format::Json, content, Lang::En, &hostile, &a, None).unwrap();
        assert!(!c0(&json), "case {i}: raw control character in JSON");
        serde_json::from_str::<serde_json::Value>(&json).unwrap();
        let ron_text = export::render(Format::Ron, content, Lang::En, &hostile, &a, None).unwrap();
        assert!(!c0(&ron_text), "case {i}: raw control character in RON");
        ron::from_str::<ron::Value>(&ron_text).unwrap();
    }
}

#[test]
fn escape_sequences_round_trip_through_the_store_unchanged() {
    // The store keeps the user's text exactly (cleaning happens on output only), and the file
    // on disk carries no raw escape character.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut p = demo();
    let all: String = HOSTILE.concat();
    rewrite_text(&mut p, &|old| format!("{old}{all}"));
    store.lock("hostile").unwrap().save(&p).unwrap();
    let text = fs::read_to_string(store.path_of("hostile").unwrap()).unwrap();
    assert!(
        !text.contains(['\u{1b}', '\u{9b}', '\u{0}', '\u{7}']),
        "the saved file holds raw control characters"
    );
    assert_eq!(store.load("hostile").unwrap().profile, p);
}

// ----- size ---------------------------------------------------------------------------------

#[test]
fn hundred_thousand_character_fields_export_in_proportion() {
    // One field of each place user text goes: the title, a paragraph, a list, a table cell, a
    // system's name (tables, waves, Mermaid, checklist: about 26 places), a provider's name, a
    // wave's date.
    let with_fields = |n: usize| {
        let text: String = "长文本<|>*_`\n".chars().cycle().take(n).collect();
        let mut p = demo();
        p.systems.truncate(2);
        p.normalise();
        for q in ["ent.name", "s1.problems", "s4.risks", "s7.owner"] {
            p.answers.set(q, Some(Answer::Text(text.clone())));
        }
        p.systems[0].name = text.clone();
        p.providers[0].name = text.clone();
        if let Some(w) = p.waves.values_mut().next() {
            w.set("wave.start", Some(Answer::Text(text.clone())));
        }
        (markdown(&p, Lang::ZhCn), text.len())
    };
    let (md, field_bytes) = with_fields(100_000);
    assert!(md.starts_with("# "));
    assert!(forbidden_in(&md).is_empty());
    // Each field is written (escaped: at most twice as long) once per place it appears.
    let (plain, _) = with_fields(30);
    assert!(
        md.len() < plain.len() + 2 * 40 * field_bytes,
        "{} KB for 100,000-character fields",
        md.len() >> 10
    );
    assert_eq!(shape(&md), shape(&plain));
}

#[test]
fn two_thousand_systems_analyse_and_export() {
    let p = synthetic::synthetic_profile(&demo(), 2000);
    assert_eq!(p.systems.len(), 2000);
    let a = analyse(&p);
    assert_eq!(a.systems.len(), 2000);
    // Every migrating system is in exactly one wave.
    let mut in_waves: Vec<SystemId> = a.waves.iter().flat_map(|w| w.systems.clone()).collect();
    in_waves.sort();
    let before = in_waves.len();
    in_waves.dedup();
    assert_eq!(before, in_waves.len(), "a system in two waves");
    let md = export::markdown(Content::get(), Lang::En, &p, &a, None);
    let s = shape(&md);
    assert!(
        s.tables.iter().any(|(_, rows)| rows.len() >= 2000),
        "the per-system table lists every system"
    );
}

// ----- dependencies and names ---------------------------------------------------------------

/// A profile of `n` systems named by `name(i)`, with the dependencies `deps` (by index) written
/// straight into the file's shape (self-dependencies and all), as a hand edit would.
fn with_deps(n: usize, name: impl Fn(usize) -> String, deps: &[(usize, usize)]) -> Profile {
    let mut p = demo();
    p.systems.clear();
    p.ticks.clear();
    for i in 0..n {
        p.add_system(name(i));
    }
    for &(from, on) in deps {
        let on = p.systems[on].id;
        p.systems[from].depends_on.push(on);
    }
    p
}

fn wave_of(a: &Analysis, id: SystemId) -> Option<u32> {
    a.waves
        .iter()
        .find(|w| w.systems.contains(&id))
        .map(|w| w.number)
}

#[test]
fn cycles_and_self_dependencies_end_in_waves_not_hangs() {
    // 0 → 1 → 2 → 0 (a cycle), 3 → 3 (itself), 4 → 0, 5 → 5 and 5 → 4, and a dangling id.
    let mut p = with_deps(
        6,
        |i| format!("S{i}"),
        &[(0, 1), (1, 2), (2, 0), (3, 3), (4, 0), (5, 5), (5, 4)],
    );
    p.systems[4].depends_on.push(SystemId(999));
    for normalised in [false, true] {
        let mut p = p.clone();
        if normalised {
            p.normalise();
        }
        let a = analyse(&p);
        let ids: Vec<SystemId> = p.systems.iter().map(|s| s.id).collect();
        let w: Vec<Option<u32>> = ids.iter().map(|id| wave_of(&a, *id)).collect();
        if w.iter().all(Option::is_some) {
            assert!(
                w[0] == w[1] && w[1] == w[2],
                "a cycle moves together: {w:?}"
            );
            assert!(w[4] > w[0], "after what it depends on: {w:?}");
            assert!(w[5] > w[4], "{w:?}");
        }
        let _ = markdown(&p, Lang::En);
        let _ = engine::profile_problems(Content::get(), &p);
    }

    // A ring through 2,000 systems, and every system depending on itself and the next.
    let n = 2000;
    let ring: Vec<(usize, usize)> = (0..n).flat_map(|i| [(i, (i + 1) % n), (i, i)]).collect();
    let p = with_deps(n, |i| format!("R{i}"), &ring);
    let a = analyse(&p);
    let waves: Vec<Option<u32>> = p.systems.iter().map(|s| wave_of(&a, s.id)).collect();
    assert!(
        waves.windows(2).all(|w| w[0] == w[1]),
        "one cycle, one wave"
    );
}

/// Profile names that look like paths, devices or terminal input.
const HOSTILE_NAMES: &[&str] = &[
    "../escape",
    "../../etc/passwd",
    "/etc/passwd",
    "a/b/c",
    "a\\b",
    "C:\\Windows\\win.ini",
    "..",
    ".",
    "...",
    ".hidden",
    "CON",
    "con",
    "NUL",
    "NUL.txt",
    "nul.ron",
    "COM1",
    "com9.log",
    "LPT1",
    "AUX",
    "PRN",
    "CON.",
    "a\0b",
    "\u{1b}[2J",
    "trailing. ",
    "\u{202e}txt.exe",
    "a:b*c?d\"e<f>g|h",
    "%2e%2e",
    "示范企业/../x",
];

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        }
        out.push(p);
    }
}

#[test]
fn hostile_profile_names_stay_inside_the_profiles_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("data")).unwrap();
    let mut stored = Vec::new();
    for name in HOSTILE_NAMES {
        let mut p = demo();
        p.answers
            .set("ent.name", Some(Answer::Text((*name).to_owned())));
        match store.lock(name) {
            Ok(lock) => {
                let saved = lock.save(&p).unwrap();
                assert_eq!(saved.path.parent(), Some(store.profiles_dir()), "{name:?}");
                let file = saved.path.file_name().unwrap().to_str().unwrap().to_owned();
                assert!(
                    !file.starts_with('.')
                        && !file.contains(['/', '\\', ':', '\0', '\u{1b}', '\u{202e}']),
                    "{name:?} → {file:?}"
                );
                let stem = file.strip_suffix(".ron").unwrap();
                let device = stem.split('.').next().unwrap_or("").to_ascii_uppercase();
                assert!(
                    !matches!(device.as_str(), "CON" | "NUL" | "AUX" | "PRN")
                        && !(device.len() == 4
                            && (device.starts_with("COM") || device.starts_with("LPT"))),
                    "{name:?} → {file:?} is a Windows device name"
                );
                assert_eq!(store.load(name).unwrap().profile, p, "{name:?}");
                stored.push((*name).to_owned());
            }
            Err(StoreError::InvalidName { .. }) => {}
            Err(e) => panic!("{name:?}: {e}"),
        }
    }
    // Nothing was written anywhere but the profiles folder (and the data folder itself).
    let mut all = Vec::new();
    walk(dir.path(), &mut all);
    for p in &all {
        assert!(
            p.starts_with(store.profiles_dir()) || p == store.dir(),
            "written outside the profiles folder: {}",
            p.display()
        );
    }
    // Every one is listed back under the name it was saved as.
    let mut listed: Vec<String> = store.list().unwrap().into_iter().map(|i| i.name).collect();
    listed.sort();
    stored.sort();
    assert_eq!(listed, stored);
    assert!(stored.len() >= HOSTILE_NAMES.len() - 1, "{stored:?}");
}

#[test]
fn hostile_and_duplicate_system_names_export_fine() {
    let mut names: Vec<String> = HOSTILE_NAMES.iter().map(|s| s.to_string()).collect();
    names.extend(["ERP", "ERP", "ERP", "", " ", "\u{1b}"].map(String::from));
    let n = names.len();
    // Each depends on the previous; the three ERPs form a cycle.
    let mut deps: Vec<(usize, usize)> = (1..n).map(|i| (i, i - 1)).collect();
    deps.push((n - 6, n - 4));
    let p = with_deps(n, |i| names[i].clone(), &deps);
    for lang in Lang::ALL {
        let md = markdown(&p, lang);
        assert!(forbidden_in(&md).is_empty(), "{:?}", forbidden_in(&md));
        let s = shape(&md);
        assert_eq!(foreign_html(&md), Vec::<String>::new());
        // The same shape as with plain names.
        let plain = with_deps(n, |i| format!("S{i}"), &deps);
        assert_eq!(s, shape(&markdown(&plain, lang)));
    }
}

// ----- the wizard's screen ----------------------------------------------------------------

/// Control characters in the cells of a rendered buffer.
fn controls_on_screen(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if sym.chars().any(is_forbidden) || sym.contains('\n') {
                out.push((x, y, sym.escape_debug().to_string()));
            }
        }
    }
    out
}

#[test]
fn a_hostile_profile_and_pastes_put_no_control_character_on_screen() {
    use shangyun::tui::screens::dialog::Jump;

    let mut p = demo();
    let all: String = HOSTILE.concat();
    rewrite_text(&mut p, &|old| format!("{old}{all}"));
    p.position = Position::Profile;
    // the demo's own language
    let mut w = opened(Lang::ZhCn, "hostile", p);
    for pos in Jump::targets() {
        let _ = w.app.goto(pos);
        let bad = controls_on_screen(&draw(&w.app, 120, 40));
        assert!(bad.is_empty(), "{pos:?}: {bad:?}");
    }
    // Pasting escape sequences into the focused text field (the enterprise name).
    let _ = w.app.goto(Position::Profile);
    let before = w.app.profile.enterprise_name().to_owned();
    for h in HOSTILE {
        w.event(ratatui::crossterm::event::Event::Paste(format!("x{h}x")));
        let bad = controls_on_screen(&draw(&w.app, 120, 40));
        assert!(bad.is_empty(), "after pasting {h:?}: {bad:?}");
    }
    // The pastes landed in the name (editing it cleans what was loaded, too), and no control
    // character is left in it.
    let after = w.app.profile.enterprise_name();
    assert_ne!(after, before);
    assert!(after.contains("xx"), "{after:?}");
    assert!(!after.chars().any(is_forbidden), "{after:?}");
}

/// The 7-bit and the 8-bit (C1) form of one escape sequence leave the same text in a field,
/// pasted or typed one key at a time: the whole sequence goes, not just its introducer.
#[test]
fn c1_and_seven_bit_escape_sequences_leave_the_same_text_typed_or_pasted() {
    use ratatui::crossterm::event::{Event, KeyCode};

    let mut p = demo();
    p.answers.set("ent.name", None);
    p.position = Position::Profile;
    let mut w = opened(Lang::ZhCn, "c1", p);
    let pairs = [
        ("\u{1b}[31m", "\u{9b}31m"),
        ("\u{1b}[2J", "\u{9b}2J"),
        ("\u{1b}]0;pwned\u{7}", "\u{9d}0;pwned\u{9c}"),
        ("\u{1b}P1$r\u{1b}\\", "\u{90}1$r\u{9c}"),
    ];
    for (seven, eight) in pairs {
        for seq in [seven, eight] {
            w.event(Event::Paste(format!("a{seq}b")));
            assert_eq!(w.app.profile.enterprise_name(), "ab", "pasted {seq:?}");
            // clear the field
            for _ in 0..2 {
                w.press(KeyCode::Backspace);
            }
            assert_eq!(w.app.profile.enterprise_name(), "");
        }
    }
    // Typed key by key (a terminal passes a C1 CSI through as a character, then its
    // parameters as keys): the parameters and the final byte go with the introducer.
    for c in "a\u{9b}31mb".chars() {
        w.ch(c);
    }
    assert_eq!(w.app.profile.enterprise_name(), "ab");
}
