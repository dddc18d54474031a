//! Spreadsheets in and out: the template reads back empty; a filled template (written here with
//! rust_xlsxwriter) and a GBK CSV import as the demo's inventory; that inventory exported as a
//! workbook imports back the same; bad files are refused with every problem at its cell; and
//! the real binary writes nothing for a bad file and keeps a `.bak` for a good one.

use calamine::Reader;
use shangyun::content::{Content, QuestionKind};
use shangyun::engine;
use shangyun::export::{self, Format};
use shangyun::model::{Answer, Lang, Profile};
use shangyun::sheets::{self, read, template};
use std::io::{Cursor, Read as _};
use std::path::Path;

mod common;
use common::{demo, output, shangyun, system_names};

/// The inventory as comparable data: per system, its name, its answers to system questions
/// and the names of what it depends on, in inventory order.
type Inventory = Vec<(String, Vec<(String, Answer)>, Vec<String>)>;

fn inventory(p: &Profile) -> Inventory {
    let cols = sheets::columns(Content::get());
    p.systems
        .iter()
        .map(|s| {
            let answers = cols
                .iter()
                .filter_map(|c| s.answers.get(&c.q.id).map(|a| (c.q.id.clone(), a.clone())))
                .collect();
            let deps = s
                .depends_on
                .iter()
                .filter_map(|d| p.system(*d).map(|x| x.name.clone()))
                .collect();
            (s.name.clone(), answers, deps)
        })
        .collect()
}

fn import_into(table: &read::Table, p: &mut Profile, replace: bool) -> sheets::Applied {
    let import = sheets::parse(Content::get(), table, p, replace)
        .unwrap_or_else(|e| panic!("the file should be valid: {e:#?}"));
    import.apply(Content::get(), p, replace)
}

/// A cell for `answer` written the way a person might: labels of either language, ids,
/// `Yes`/`否`, lists with either separator. `style` varies it from row to row.
fn cell_for(q: &shangyun::content::QuestionDef, a: &Answer, style: usize) -> String {
    let c = Content::get();
    let lang = if style.is_multiple_of(2) {
        Lang::En
    } else {
        Lang::ZhCn
    };
    match (a, &q.kind) {
        (Answer::Choice(o), QuestionKind::Single(set)) => {
            if style % 3 == 2 {
                o.clone()
            } else {
                c.option_label(lang, set, o)
            }
        }
        (Answer::Choices(os), QuestionKind::Multi(set)) => os
            .iter()
            .map(|o| c.option_label(lang, set, o))
            .collect::<Vec<_>>()
            .join(if style.is_multiple_of(2) { ", " } else { "、" }),
        (Answer::YesNo(b), _) => match (b, style % 2) {
            (true, 0) => "Yes".into(),
            (false, 0) => "no".into(),
            (true, _) => "是".into(),
            (false, _) => "否".into(),
        },
        (Answer::Number(n), _) => n.to_string(),
        (Answer::Rating(r), _) => r.to_string(),
        (Answer::Text(t), _) => t.clone(),
        (other, _) => panic!("no cell for {other:?}"),
    }
}

/// The demo's systems as rows of cells under `header` (the question ids of the columns).
fn demo_rows(header: &[String]) -> Vec<Vec<String>> {
    let c = Content::get();
    let p = demo();
    p.systems
        .iter()
        .enumerate()
        .map(|(i, s)| {
            header
                .iter()
                .map(|qid| {
                    let q = c.question(qid).unwrap();
                    if qid == sheets::NAME {
                        return s.name.clone();
                    }
                    if q.kind == QuestionKind::Dependencies {
                        return s
                            .depends_on
                            .iter()
                            .map(|d| p.system(*d).unwrap().name.clone())
                            .collect::<Vec<_>>()
                            .join(if i % 2 == 0 { "、" } else { "; " });
                    }
                    s.answers
                        .get(qid)
                        .map_or_else(String::new, |a| cell_for(q, a, i))
                })
                .collect()
        })
        .collect()
}

/// Which question each header names (the template's headers are labels).
fn header_ids(headers: &[String]) -> Vec<String> {
    let c = Content::get();
    let cols = sheets::columns(c);
    headers
        .iter()
        .map(|h| {
            cols.iter()
                .find(|col| Lang::ALL.iter().any(|l| &col.header(c, *l) == h))
                .unwrap_or_else(|| panic!("header {h:?} is not a column"))
                .q
                .id
                .clone()
        })
        .collect()
}

fn texts(row: &read::Row) -> Vec<String> {
    row.cells.iter().map(sheets::Cell::text).collect()
}

#[test]
fn the_template_reads_back_as_an_empty_inventory_in_both_languages() {
    let c = Content::get();
    for lang in Lang::ALL {
        let bytes = template::inventory_workbook(c, lang, &demo()).unwrap();
        let table = read::read_workbook(bytes.clone()).unwrap();
        assert_eq!(
            table.sheet.as_deref(),
            Some(c.t(lang, "xlsx.sheet.inventory").as_str())
        );
        assert_eq!(table.rows.len(), 2, "header and hints only");
        let mut p = demo();
        let before = inventory(&p);
        let applied = import_into(&table, &mut p, false);
        assert_eq!(applied, sheets::Applied::default());
        assert_eq!(inventory(&p), before);
        // the example sheet is the demo, and imports as the demo
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.clone())).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), 3, "{names:?}");
        let example = book.worksheet_range_at(1).unwrap().unwrap();
        assert_eq!(example.height(), demo().systems.len() + 1);
        // drop-downs and frozen header in the sheet to fill
        let sheet1 = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet1.contains("<dataValidations"), "no data validation");
        assert!(sheet1.contains("type=\"list\""), "no drop-down list");
        assert!(
            sheet1.contains("state=\"frozen\""),
            "the header is not frozen"
        );
    }
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Template → filled with rust_xlsxwriter (the template's own two first rows, then the demo's
/// systems) → import → export xlsx → import: the demo's inventory each time.
#[test]
fn round_trip_template_fill_import_export_import() {
    let c = Content::get();
    let template = template::inventory_workbook(c, Lang::ZhCn, &demo()).unwrap();
    let t = read::read_workbook(template).unwrap();
    let (headers, hints) = (texts(&t.rows[0]), texts(&t.rows[1]));
    let ids = header_ids(&headers);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("清单").unwrap();
    for (col, (h, hint)) in headers.iter().zip(&hints).enumerate() {
        ws.write_string(0, col as u16, h).unwrap();
        ws.write_string(1, col as u16, hint).unwrap();
    }
    for (r, row) in demo_rows(&ids).iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            let (r, col) = (r as u32 + 2, col as u16);
            match v.parse::<f64>() {
                // numbers as number cells, like a person typing them into Excel
                Ok(n) => ws.write_number(r, col, n).unwrap(),
                Err(_) if v.is_empty() => ws,
                Err(_) => ws.write_string(r, col, v).unwrap(),
            };
        }
    }
    let filled = book.save_to_buffer().unwrap();
    let mut p = Profile::new(Lang::ZhCn);
    let applied = import_into(&read::read_workbook(filled).unwrap(), &mut p, false);
    assert_eq!(applied.added, demo().systems.len());
    assert_eq!(inventory(&p), inventory(&demo()));

    // export the imported profile as a workbook and import that into an empty profile
    let a = engine::analyse(c, &p);
    let xlsx = export::render_bytes(Format::Xlsx, c, Lang::En, &p, &a, None).unwrap();
    let mut q = Profile::new(Lang::En);
    import_into(&read::read_workbook(xlsx.clone()).unwrap(), &mut q, false);
    assert_eq!(inventory(&q), inventory(&demo()));
}

/// The workbook's scorecard sheet says what each step lost as the plan's scorecard does: what is
/// missing, and the items that do not apply to the plan.
#[test]
fn the_workbook_scorecard_names_what_is_missing_and_what_does_not_apply() {
    let c = Content::get();
    let mut p = demo();
    // nothing moves: the items about what moves do not apply
    for s in &mut p.systems {
        s.answers
            .set("sys.strategy", Some(Answer::Choice("keep".into())));
    }
    let a = engine::analyse(c, &p);
    let bytes = export::render_bytes(Format::Xlsx, c, Lang::En, &p, &a, None).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let sc = book.worksheet_range_at(3).unwrap().unwrap();
    let lost: Vec<String> = (1..=10)
        .map(|r| sc.get((r, 3)).map(ToString::to_string).unwrap_or_default())
        .collect();
    let markdown = String::from_utf8(
        export::render_bytes(Format::Markdown, c, Lang::En, &p, &a, None).unwrap(),
    )
    .unwrap();
    let na: Vec<&String> = lost
        .iter()
        .filter(|l| l.contains("Not applicable to this plan"))
        .collect();
    assert!(!na.is_empty(), "{lost:#?}");
    for cell in na {
        let sentence = &cell[cell.find("Not applicable").unwrap_or_default()..];
        assert!(
            markdown.contains(sentence),
            "the plan's scorecard says the same: {sentence}"
        );
    }
}

#[test]
fn a_gbk_csv_imports_as_the_demo_inventory() {
    let c = Content::get();
    let cols = sheets::columns(c);
    let ids: Vec<String> = cols.iter().map(|col| col.q.id.clone()).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cols.iter().map(|col| col.header(c, Lang::ZhCn)))
        .unwrap();
    for row in demo_rows(&ids) {
        w.write_record(&row).unwrap();
    }
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy, "the demo is in GBK's repertoire");
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the test file must not be UTF-8"
    );
    let mut p = Profile::new(Lang::ZhCn);
    import_into(&read::read_csv(&gbk).unwrap(), &mut p, false);
    assert_eq!(inventory(&p), inventory(&demo()));
}

#[test]
fn the_exported_workbook_has_every_sheet_real_numbers_and_frozen_headers() {
    let c = Content::get();
    let p = demo();
    let a = engine::analyse(c, &p);
    let bytes = export::render_bytes(Format::Xlsx, c, Lang::ZhCn, &p, &a, None).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    let expect: Vec<String> = ["inventory", "waves", "providers", "scorecard", "checklist"]
        .iter()
        .map(|k| c.t(Lang::ZhCn, &format!("xlsx.sheet.{k}")))
        .collect();
    assert_eq!(names, expect);
    // the scorecard's scores are numbers, and they add up to the total the engine computed
    let sc = book.worksheet_range_at(3).unwrap().unwrap();
    let scores: Vec<f64> = (1..=10)
        .map(|r| match sc.get((r, 1)) {
            Some(calamine::Data::Float(f)) => *f,
            Some(calamine::Data::Int(i)) => *i as f64,
            other => panic!("row {r}: score is not a number: {other:?}"),
        })
        .collect();
    let sum: f64 = scores.iter().sum();
    assert!(
        (sum - a.scorecard.total).abs() < 1e-6,
        "{sum} vs {}",
        a.scorecard.total
    );
    // the inventory's peak users are numbers too
    let inv = book.worksheet_range_at(0).unwrap().unwrap();
    let col = sheets::columns(c)
        .iter()
        .position(|col| col.q.id == "sys.peak_users")
        .unwrap();
    assert!(matches!(inv.get((1, col)), Some(calamine::Data::Float(_))));
    // the checklist has a row per item
    let cl = book.worksheet_range_at(4).unwrap().unwrap();
    assert_eq!(cl.height(), a.checklist.len() + 1);
    for n in 1..=5 {
        let xml = zip_entry(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            xml.contains("state=\"frozen\""),
            "sheet {n} header not frozen"
        );
    }
}

/// Problems as `place: key` strings, sorted.
fn problems(table: &read::Table, p: &Profile, replace: bool) -> Vec<String> {
    let mut v: Vec<String> = match sheets::parse(Content::get(), table, p, replace) {
        Ok(_) => Vec::new(),
        Err(ps) => ps
            .iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    p.at.as_ref().map_or_else(String::new, ToString::to_string),
                    p.text.key
                )
            })
            .collect(),
    };
    v.sort();
    v
}

fn workbook(rows: &[&[&str]]) -> read::Table {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Systems").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (col, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, col as u16, *v).unwrap();
            }
        }
    }
    read::read_workbook(book.save_to_buffer().unwrap()).unwrap()
}

#[test]
fn every_problem_of_a_bad_file_is_reported_at_its_cell() {
    let empty = Profile::new(Lang::En);
    // a bad header: no name column; an unknown column is only a note
    let t = workbook(&[
        &["Business type", "Colour"],
        &["Office collaboration", "red"],
    ]);
    assert_eq!(
        problems(&t, &empty, false),
        [
            "Systems!A1: import.err.no_name_column",
            "Systems!B1: import.warn.unknown_column",
        ]
    );
    // the same column twice
    let t = workbook(&[
        &["System name", "数据敏感程度", "Data sensitivity"],
        &["ERP", "核心", "Core"],
    ]);
    assert_eq!(
        problems(&t, &empty, false),
        ["Systems!C1: import.err.dup_header"]
    );
    // unknown option, dependency on a missing name, duplicate name, empty required cell
    let t = workbook(&[
        &[
            "System name",
            "Data sensitivity",
            "Depends on",
            "Peak concurrent users",
            "Colour",
        ],
        &["ERP", "Core", "", "80", ""],
        &["CRM", "Very secret", "ERP、Billing", "", ""],
        &["ERP", "Internal", "", "lots", ""],
        &["MES", "", "MES", "", ""],
        &["", "Public", "", "", ""],
    ]);
    assert_eq!(
        problems(&t, &empty, false),
        [
            "Systems!A4: import.err.dup_name",
            "Systems!A6: import.err.required",
            "Systems!B3: import.err.option",
            "Systems!B5: import.err.required",
            "Systems!C3: import.err.missing_dep",
            "Systems!C5: import.err.self_dep",
            "Systems!D4: import.err.number",
            "Systems!E1: import.warn.unknown_column",
        ]
    );
    // a dependency on a system only in the profile is fine, unless the inventory is replaced
    let t = workbook(&[&["System name", "Depends on"], &["CRM", "OA 办公系统"]]);
    assert!(problems(&t, &demo(), false).is_empty());
    assert_eq!(
        problems(&t, &demo(), true),
        ["Systems!B2: import.err.missing_dep"]
    );
    // CSV places are line:column
    let csv = "系统名称,数据敏感程度\nERP,核心\nCRM,绝密\n";
    let t = read::read_csv(csv.as_bytes()).unwrap();
    assert_eq!(problems(&t, &empty, false), ["3:2: import.err.option"]);
    // an empty file
    assert_eq!(
        problems(&read::read_csv(b"").unwrap(), &empty, false),
        [": import.err.empty"]
    );
}

#[test]
fn matched_systems_are_updated_new_ones_added_and_replace_removes_the_rest() {
    let t = workbook(&[
        &["System name", "Data sensitivity", "Depends on"],
        &["企业邮箱", "Core", ""],
        &["New CRM", "Sensitive", "企业邮箱, OA 办公系统"],
    ]);
    let mut p = demo();
    let mail_id = p.systems.iter().find(|s| s.name == "企业邮箱").unwrap().id;
    let n = p.systems.len();
    let applied = import_into(&t, &mut p, false);
    assert_eq!((applied.added, applied.updated, applied.removed), (1, 1, 0));
    assert_eq!(p.systems.len(), n + 1);
    let mail = p.system(mail_id).unwrap();
    assert_eq!(mail.answers.choice("sys.sensitivity"), Some("core"));
    assert!(
        mail.depends_on.is_empty(),
        "an empty dependency cell clears them"
    );
    // answers of columns not in the file are kept
    assert!(mail.answers.is_answered("sys.business"));
    let crm = p.systems.last().unwrap();
    assert_eq!(crm.depends_on.len(), 2);

    let t = workbook(&[
        &["System name", "Data sensitivity"],
        &["New CRM", "Sensitive"],
        &["企业邮箱", "Core"],
    ]);
    let mut p = demo();
    let applied = import_into(&t, &mut p, true);
    assert_eq!(
        (applied.added, applied.updated, applied.removed),
        (1, 1, n - 1)
    );
    assert_eq!(system_names(&p), ["New CRM", "企业邮箱"]);
    assert_eq!(p.systems[1].id, mail_id, "a matched system keeps its id");
}

/// `shangyun args` in English, run to its end: its exit code and what it said on stderr.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let r = output(shangyun(dir, args).env("LANG", "en_US.UTF-8"));
    (r.code, r.stderr)
}

#[test]
fn the_command_writes_nothing_for_a_bad_file_and_keeps_a_backup_for_a_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, err) = run(
        d,
        &["template", "inventory", "-o", "t.xlsx", "--lang", "zh-CN"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = run(d, &["import", "inventory", "t.xlsx", "--new", "acme"]);
    assert_eq!(code, Some(0), "{err}");
    let saved = d.join("data/profiles/acme.ron");
    let before = std::fs::read(&saved).unwrap();

    std::fs::write(
        d.join("bad.csv"),
        "System name,Data sensitivity\nERP,Core\nCRM,Top secret\n,Core\n",
    )
    .unwrap();
    let (code, err) = run(d, &["import", "inventory", "bad.csv", "--profile", "acme"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("bad.csv:3:2: "), "{err}");
    assert!(err.contains("bad.csv:4:1: "), "{err}");
    assert_eq!(std::fs::read(&saved).unwrap(), before, "nothing written");

    std::fs::write(
        d.join("good.csv"),
        "\u{feff}System name,Data sensitivity\nERP,Core\n",
    )
    .unwrap();
    let (code, err) = run(d, &["import", "inventory", "good.csv", "--profile", "acme"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("1 added"), "{err}");
    assert_eq!(
        std::fs::read(d.join("data/profiles/acme.ron.bak")).unwrap(),
        before
    );
    let p = shangyun::store::load_file(&saved).unwrap().profile;
    assert_eq!(p.systems.len(), 1);
    assert_eq!(p.systems[0].answers.choice("sys.sensitivity"), Some("core"));
}

/// A minimal OpenDocument spreadsheet (what LibreOffice and WPS save as `.ods`), written by
/// hand: the mimetype first and stored, then the content.
fn ods(rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write as _;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            table.push_str(&format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="清单">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", deflated).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", deflated).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn an_ods_file_imports_and_places_problems_by_its_sheet() {
    let good = ods(&[
        &["系统名称", "数据敏感程度", "依赖系统"],
        &["ERP", "核心", "财务"],
        &["财务", "Sensitive", ""],
    ]);
    let table = read::read_workbook(good).unwrap();
    let mut p = Profile::new(Lang::ZhCn);
    let applied = import_into(&table, &mut p, false);
    assert_eq!(applied.added, 2);
    assert_eq!(p.systems[0].answers.choice("sys.sensitivity"), Some("core"));
    assert_eq!(p.systems[0].depends_on, [p.systems[1].id]);
    let bad = ods(&[&["系统名称", "数据敏感程度"], &["ERP", "绝密"]]);
    let table = read::read_workbook(bad).unwrap();
    assert_eq!(problems(&table, &p, false), ["清单!B2: import.err.option"]);
}

/// `.xls` (Excel 97–2003, what older offices still send): fixtures written once with Python's
/// `xlwt`, as no Rust crate writes the format. Numbers come as floats, text as shared strings.
#[test]
fn an_xls_file_imports_and_places_problems_by_its_sheet() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let table = read::read_path(&fixtures.join("inventory.xls")).unwrap();
    let mut p = Profile::new(Lang::ZhCn);
    let applied = import_into(&table, &mut p, false);
    assert_eq!(applied.added, 3);
    assert_eq!(system_names(&p), ["ERP", "财务", "OA"]);
    assert_eq!(p.systems[0].answers.choice("sys.sensitivity"), Some("core"));
    assert_eq!(
        p.systems[1].answers.choice("sys.sensitivity"),
        Some("sensitive")
    );
    assert_eq!(
        p.systems[2].answers.choice("sys.sensitivity"),
        Some("internal")
    );
    assert_eq!(p.systems[0].depends_on, [p.systems[1].id]);
    assert_eq!(
        p.systems[0].answers.get("sys.peak_users"),
        Some(&Answer::Number(250.0))
    );
    assert_eq!(
        p.systems[2].answers.get("sys.peak_users"),
        None,
        "an empty cell is no answer"
    );
    // a fraction where whole users are asked: the cell is named, nothing is applied
    let bad = read::read_path(&fixtures.join("inventory_bad.xls")).unwrap();
    let found = problems(&bad, &Profile::new(Lang::ZhCn), false);
    assert_eq!(found, ["清单!B2: import.err.whole"]);
}

#[test]
fn the_command_exports_a_workbook_and_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, err) = run(
        d,
        &["export", "--demo", "--format", "xlsx", "-o", "plan.xlsx"],
    );
    assert_eq!(code, Some(0), "{err}");
    let table = read::read_workbook(std::fs::read(d.join("plan.xlsx")).unwrap()).unwrap();
    assert_eq!(table.rows.len(), demo().systems.len() + 1);
    let (code, err) = run(
        d,
        &["export", "--demo", "--format", "html", "-o", "plan.html"],
    );
    assert_eq!(code, Some(0), "{err}");
    let html = std::fs::read_to_string(d.join("plan.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{}",
        &html[..80]
    );
    // the template refuses to replace a file unless told to
    std::fs::write(d.join("t.xlsx"), "mine").unwrap();
    let (code, err) = run(d, &["template", "inventory", "-o", "t.xlsx"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(std::fs::read(d.join("t.xlsx")).unwrap(), b"mine");
}

/// The demo's systems by name.
fn id_of(p: &Profile, name: &str) -> shangyun::model::SystemId {
    p.systems.iter().find(|s| s.name == name).unwrap().id
}

#[test]
fn a_replacing_import_hands_a_removed_systems_wave_answers_to_a_mate_that_stays() {
    let mut p = demo();
    let (oa, finance, plm) = (
        id_of(&p, "OA 办公系统"),
        id_of(&p, "财务系统"),
        id_of(&p, "PLM 产品生命周期管理"),
    );
    // the demo files wave 2 (OA + finance) under OA and wave 3 (PLM alone) under PLM
    let before = engine::waves_of(Content::get(), &p);
    let wave_of = |id| before.iter().find(|w| w.systems.contains(&id)).unwrap();
    assert_eq!(wave_of(oa).systems, [oa, finance]);
    assert_eq!(wave_of(oa).key, oa);
    assert_eq!(wave_of(plm).systems, [plm]);
    assert!(p.waves.contains_key(&plm));
    let oa_answers = p.waves[&oa].clone();
    let tick = |id: shangyun::model::SystemId| format!("s6.run_functional@wave-sys{}", id.0);
    p.ticks.insert(tick(oa));
    let all_but = |gone: &[&str]| {
        let names: Vec<String> = demo()
            .systems
            .into_iter()
            .map(|s| s.name)
            .filter(|n| !gone.contains(&n.as_str()))
            .collect();
        let mut rows: Vec<&[&str]> = vec![&["System name"]];
        let cells: Vec<[&str; 1]> = names.iter().map(|n| [n.as_str()]).collect();
        rows.extend(cells.iter().map(|c| c.as_slice()));
        workbook(&rows)
    };

    // the file keeps finance but not OA, nor PLM, the only system of its wave
    let applied = import_into(
        &all_but(&["OA 办公系统", "PLM 产品生命周期管理"]),
        &mut p,
        true,
    );
    assert_eq!(applied.removed, 2);
    assert_eq!((applied.waves_handed, applied.waves_dropped), (1, 1));
    // wave 2's answers and ticks are finance's now, and finance's wave reads them
    assert_eq!(p.waves.get(&finance), Some(&oa_answers));
    assert!(p.ticks.contains(&tick(finance)));
    assert!(!p.ticks.contains(&tick(oa)));
    let after = engine::waves_of(Content::get(), &p);
    let w = after.iter().find(|w| w.systems.contains(&finance)).unwrap();
    assert_eq!(w.key, finance);
    assert_eq!(engine::waves::answers(&p, w), Some(&oa_answers));
    // a wave with no system left loses its answers, as in the wizard
    assert!(!p.waves.contains_key(&oa));
    assert!(!p.waves.contains_key(&plm));

    // both systems of wave 2 go: its answers are dropped, not handed from one leaving system
    // to the other and left under an id that no longer exists
    let mut p = demo();
    let applied = import_into(&all_but(&["OA 办公系统", "财务系统"]), &mut p, true);
    assert_eq!((applied.waves_handed, applied.waves_dropped), (0, 1));
    for id in p.waves.keys() {
        assert!(
            p.system(*id).is_some(),
            "wave answers orphaned under {id:?}"
        );
    }
    assert_eq!(p.waves.len(), demo().waves.len() - 1);

    // without --replace nothing is removed and no wave answers move
    let mut p = demo();
    let applied = import_into(&all_but(&["OA 办公系统"]), &mut p, false);
    assert_eq!((applied.removed, applied.waves_handed), (0, 0));
    assert_eq!(p.waves, demo().waves);
}
