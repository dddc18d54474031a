//! The HTML report: always, an HTML5 parse (html5ever through scraper) checks its structure,
//! that it holds the Markdown's document, that it loads nothing from anywhere, that hostile
//! user text stays text, and that every inline SVG is well-formed XML (roxmltree). Then a real
//! browser: headless Chromium renders it to PNG and PDF, nothing fails to load, and the PDF's
//! outline has the three parts under the title. `.ci/run` installs Chromium; without one the
//! browser test says why it skips.

use scraper::{Html, Selector};
use shangyun::content::{Content, QuestionKind, Scope};
use shangyun::engine;
use shangyun::export::{self, Block};
use shangyun::model::{Answer, Lang, Profile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::demo;

fn html(p: &Profile, lang: Lang) -> String {
    let c = Content::get();
    export::html(c, lang, p, &engine::analyse(c, p), Some("2025-01-15"))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text_of(e: scraper::ElementRef<'_>) -> String {
    e.text().collect()
}

/// Every `<svg>…</svg>` of the page, as written.
fn svgs(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").expect("an svg is closed") + i + "</svg>".len();
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

/// The same escape sequences, control characters and markup the Markdown suites feed in
/// (tests/reliability_input.rs `HOSTILE`, tests/export.rs hostile names).
const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]0;title\u{7}",
    "\u{9b}31m",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{90}dcs\u{9c}",
    "\u{0}\u{7}\u{8}\u{7f}",
    "\u{85}\u{9d}",
    "tab\there\r\nCRLF\rCR",
    "# h\n- item\n| a | b |\n```\n<script>x</script>\n[l](javascript:x)",
    "\u{202e}txt.exe",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='x",
    "&amp; &#35; &lt;b&gt;",
    "</style><style>body{display:none}</style>",
    "]]><!--",
    "\u{FFFF}\u{FFFE}",
];

/// Sets every name and text answer of `p` to `f(old)`.
fn rewrite(p: &mut Profile, f: &dyn Fn(&str) -> String) {
    let c = Content::get();
    let texts = |answers: &mut shangyun::model::Answers, scope: Scope| {
        for q in c.questions().filter(|q| q.scope == scope) {
            if let QuestionKind::Text { .. } | QuestionKind::LongText { .. } = q.kind {
                let old = answers.text(&q.id).unwrap_or("").to_owned();
                answers.set(q.id.clone(), Some(Answer::Text(f(&old))));
            }
        }
    };
    texts(&mut p.answers, Scope::Enterprise);
    for s in &mut p.systems {
        s.name = f(&s.name);
        texts(&mut s.answers, Scope::System);
    }
    for pr in &mut p.providers {
        pr.name = f(&pr.name);
        texts(&mut pr.answers, Scope::Provider);
    }
}

/// How many elements of each name the page has.
fn shape(doc: &Html) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    // a newline in user text is a line break; nothing else may differ
    for e in doc.select(&sel("*")).filter(|e| e.value().name() != "br") {
        *m.entry(e.value().name().to_owned()).or_default() += 1;
    }
    m
}

#[test]
fn the_page_parses_as_html5_and_holds_the_markdowns_document() {
    let c = Content::get();
    let p = demo();
    for lang in Lang::ALL {
        let page = html(&p, lang);
        let doc = Html::parse_document(&page);
        assert!(
            doc.errors.is_empty(),
            "{lang:?}: parse errors {:?}",
            doc.errors
        );
        assert!(page.starts_with("<!DOCTYPE html>"));
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(lang.tag()));
        let d = export::build_document(c, lang, &p, &engine::analyse(c, &p), Some("2025-01-15"));
        assert_eq!(text_of(doc.select(&sel("title")).next().unwrap()), d.title);
        assert_eq!(doc.select(&sel("h1")).count(), 1);
        assert_eq!(doc.select(&sel("main > section.part")).count(), 3);
        // every heading of the document, in order (the title is the page's h1)
        let headings: Vec<String> = doc
            .select(&sel("h2, h3, h4, h5, h6"))
            .map(text_of)
            .collect();
        let expect: Vec<String> = d
            .blocks()
            .iter()
            .skip(1)
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(headings, expect);
        // every table of the document, each with a header row and full rows
        let tables = d
            .blocks()
            .iter()
            .filter(|b| matches!(b, Block::Table { .. }))
            .count();
        assert_eq!(doc.select(&sel("table")).count(), tables);
        for t in doc.select(&sel("table")) {
            let cols = t.select(&sel("thead th")).count();
            assert!(cols > 0);
            for row in t.select(&sel("tbody tr")) {
                assert_eq!(row.select(&sel("td")).count(), cols);
            }
        }
        // the checklist's ticks
        let ticked = engine::analyse(c, &p)
            .checklist
            .iter()
            .filter(|i| i.ticked)
            .count();
        assert_eq!(
            doc.select(&sel("input[type=checkbox][checked]")).count(),
            ticked
        );
        // charts: the readiness bars, the five angles, the wave timeline; no Mermaid text
        let charts = svgs(&page);
        assert_eq!(charts.len(), 3, "{lang:?}");
        assert_eq!(doc.select(&sel("figure > svg")).count(), 3);
        assert!(!page.contains("gantt") && !page.contains("flowchart"));
    }
}

#[test]
fn the_page_loads_nothing_and_needs_no_script() {
    let page = html(&demo(), Lang::ZhCn);
    let doc = Html::parse_document(&page);
    for tag in [
        "script", "link", "img", "iframe", "object", "embed", "base", "a",
    ] {
        assert_eq!(doc.select(&sel(tag)).count(), 0, "<{tag}> in the page");
    }
    for e in doc.select(&sel("*")) {
        for (name, _) in e.value().attrs() {
            assert!(
                !matches!(name, "src" | "href" | "xlink:href" | "srcset" | "action")
                    && !name.starts_with("on"),
                "<{}> has {name}",
                e.value().name()
            );
        }
    }
    // the SVG namespace is a name, not an address that is fetched
    let lower = page
        .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
        .to_lowercase();
    for s in ["url(", "@import", "http:", "https:", "//fonts", "<script"] {
        assert!(!lower.contains(s), "the page holds {s:?}");
    }
    // print rules and themes are there
    for s in [
        "@page{size:A4",
        "break-before:page",
        "display:table-header-group",
        "break-inside:avoid",
        "prefers-color-scheme:dark",
        "Microsoft YaHei",
        "PingFang SC",
        "Noto Sans CJK SC",
    ] {
        assert!(page.contains(s), "no {s:?}");
    }
}

#[test]
fn every_svg_is_well_formed_xml_with_its_labels() {
    let p = demo();
    let page = html(&p, Lang::En);
    for svg in svgs(&page) {
        let xml = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        assert_eq!(xml.root_element().tag_name().name(), "svg");
        assert_eq!(
            xml.root_element().tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
    }
    let all = svgs(&page).concat();
    let a = engine::analyse(Content::get(), &p);
    for id in a.waves.iter().flat_map(|w| &w.systems) {
        let name = &p.system(*id).unwrap().name;
        assert!(all.contains(name.as_str()), "{name} not in the timeline");
    }
    assert_eq!(a.scorecard.angles.len(), 5);
    for angle in &a.scorecard.angles {
        let label = Content::get().t(Lang::En, &format!("angle.{}", angle.id));
        assert!(all.contains(&label), "{label} not in the radar");
    }
}

#[test]
fn hostile_user_text_stays_text() {
    let mut benign = demo();
    rewrite(&mut benign, &|old| format!("x{old}x"));
    let reference = shape(&Html::parse_document(&html(&benign, Lang::ZhCn)));
    for h in HOSTILE.iter().copied().chain([HOSTILE.concat().as_str()]) {
        let mut p = demo();
        rewrite(&mut p, &|old| format!("x{h}{old}x"));
        let page = html(&p, Lang::ZhCn);
        let doc = Html::parse_document(&page);
        assert!(doc.errors.is_empty(), "{h:?}: {:?}", doc.errors);
        assert_eq!(shape(&doc), reference, "{h:?} changed the page's elements");
        let bad: Vec<char> = page
            .chars()
            .filter(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
            .collect();
        assert!(bad.is_empty(), "{h:?}: control characters {bad:?}");
        for svg in svgs(&page) {
            roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{h:?}: {e}"));
        }
        // the visible text still says it, without the control characters
        if h == "<script>alert(1)</script>" {
            let body = text_of(doc.select(&sel("main")).next().unwrap());
            assert!(body.contains("<script>alert(1)</script>"));
        }
    }
}

// ----- a real browser -----------------------------------------------------------------------

/// Chromium: `$CHROMIUM`, else the first of the usual names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        return p.exists().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
    .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `args`; returns the URLs the network log saw that are
/// not the browser's own background services. Every host name resolves to nothing
/// (`--host-resolver-rules`), so no request leaves the machine whatever the page holds.
fn headless(browser: &Path, dir: &Path, args: &[&str], page: &Path) -> Vec<String> {
    let net_log = dir.join("net-log.json");
    let _ = std::fs::remove_file(&net_log);
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pings",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed: {log}");
    let net = std::fs::read_to_string(&net_log).expect("chromium wrote its network log");
    // the browser's own update, time and account checks (resolved to nothing, see above)
    let own = [
        "google.com/",
        "googleapis.com/",
        "gvt1.com/",
        "gstatic.com/",
    ];
    let mut urls: Vec<String> = net
        .split("\"url\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|u| !own.iter().any(|h| u.contains(h)))
        .map(str::to_owned)
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// The titles of the top-level outline entries of a PDF, and of the children of the first one.
fn outline(pdf: &[u8]) -> (Vec<String>, Vec<String>) {
    let text: String = pdf.iter().map(|b| char::from(*b)).collect();
    let mut objs: BTreeMap<String, String> = BTreeMap::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find(" 0 obj\n<<") {
        let num: String = rest[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let body_start = i + " 0 obj\n<<".len();
        let Some(end) = rest[body_start..].find("endobj") else {
            break;
        };
        objs.insert(num, rest[body_start..body_start + end].to_owned());
        rest = &rest[body_start + end..];
    }
    let field = |o: &str, key: &str| -> Option<String> {
        let i = o.find(&format!("{key} "))? + key.len() + 1;
        Some(o[i..].chars().take_while(char::is_ascii_digit).collect())
    };
    let title = |o: &str| -> String {
        let i = o
            .find("/Title <")
            .map(|i| i + "/Title <".len())
            .unwrap_or(0);
        let hex: String = o[i..].chars().take_while(|c| *c != '>').collect();
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|k| u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).ok())
            .collect();
        let units: Vec<u16> = bytes
            .chunks(2)
            .skip(1)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let chain = |first: Option<String>| {
        let mut out = Vec::new();
        let mut at = first;
        while let Some(n) = at {
            let Some(o) = objs.get(&n) else { break };
            out.push((n.clone(), title(o)));
            at = field(o, "/Next");
            if out.len() > 1000 {
                break;
            }
        }
        out
    };
    let root = objs
        .values()
        .find(|o| o.contains("/Type /Outlines"))
        .expect("the PDF has an outline");
    let top = chain(field(root, "/First"));
    let children = top
        .first()
        .and_then(|(n, _)| objs.get(n))
        .map(|o| chain(field(o, "/First")))
        .unwrap_or_default();
    (
        top.into_iter().map(|(_, t)| t).collect(),
        children.into_iter().map(|(_, t)| t).collect(),
    )
}

#[test]
fn chromium_renders_the_report_to_png_and_a4_pdf() {
    let Some(browser) = chromium() else {
        println!(
            "SKIPPED chromium_renders_the_report_to_png_and_a4_pdf: no Chromium found \
             (set CHROMIUM=/path/to/chromium or install the Debian package `chromium`; \
             .ci/run installs it)"
        );
        return;
    };
    let c = Content::get();
    let p = demo();
    let a = engine::analyse(c, &p);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(
        &page,
        export::html(c, Lang::ZhCn, &p, &a, Some("2025-01-15")),
    )
    .unwrap();
    let d0 = dir.path();

    // the check below sees what a page fetches: a page that fetches is caught
    let control = d0.join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><title>x</title><img src=\"https://shangyun.invalid/x.png\">",
    )
    .unwrap();
    let png = d0.join("control.png");
    let seen = headless(
        &browser,
        d0,
        &[&format!("--screenshot={}", png.display())],
        &control,
    );
    assert!(
        seen.iter().any(|u| u.contains("shangyun.invalid")),
        "the network log missed a fetch: {seen:?}"
    );

    let png = d0.join("report.png");
    let seen = headless(
        &browser,
        d0,
        &[
            "--window-size=1000,1400",
            &format!("--screenshot={}", png.display()),
        ],
        &page,
    );
    assert!(seen.is_empty(), "the report fetched {seen:?}");
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(bytes.len() > 20_000, "an empty-looking screenshot");

    let pdf = d0.join("report.pdf");
    let seen = headless(
        &browser,
        d0,
        &[
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &page,
    );
    assert!(seen.is_empty(), "the report fetched {seen:?}");
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    // A4 portrait (595 × 842 pt)
    let text: String = bytes.iter().map(|b| char::from(*b)).collect();
    assert!(
        text.contains("/MediaBox [0 0 594.9") && text.contains(" 841.9"),
        "not A4"
    );
    let d = export::build_document(c, Lang::ZhCn, &p, &a, Some("2025-01-15"));
    let (top, parts) = outline(&bytes);
    assert_eq!(top, std::slice::from_ref(&d.title));
    let expect: Vec<String> = [&d.plan, &d.scorecard, &d.checklist]
        .iter()
        .filter_map(|part| match part.first() {
            Some(Block::Heading { text, .. }) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(parts, expect, "the PDF's top-level sections");
    assert_eq!(parts.len(), 3);
}
