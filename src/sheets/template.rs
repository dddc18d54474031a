//! The inventory template (`shangyun template inventory`): a workbook whose first sheet has the
//! column headers (the system questions' labels), a row of hints, and drop-downs (data
//! validation) on the choice, yes/no, rating and number columns; a second sheet with the demo
//! enterprise's inventory as an example; a third with the option lists the drop-downs use.
//! Written with rust_xlsxwriter into bytes; the caller writes the file.
//!
//! [`super::parse`] skips the hint row (every cell equals its column's hint), so the template
//! imports back as an empty inventory, and a filled one as exactly its rows.

use super::{Column, Value, columns, system_values};
use crate::content::{Content, QuestionKind};
use crate::model::{Lang, Profile};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, Formula, Workbook, Worksheet, XlsxError,
};

/// Rows that get the drop-downs (after the header and the hint).
const VALIDATED_ROWS: u32 = 2000;

/// The header format: bold on a light fill, wrapped.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(0xDDEBF7)
}

/// Writes one value; numbers stay numbers.
pub(crate) fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &Value,
) -> Result<(), XlsxError> {
    match v {
        Value::Empty => {}
        Value::Text(s) => {
            ws.write_string(row, col, s)?;
        }
        Value::Number(n) => {
            ws.write_number(row, col, *n)?;
        }
    }
    Ok(())
}

/// A column width that fits a header of this display width (CJK counts two).
pub(crate) fn width_for(text: &str) -> f64 {
    let w = unicode_width::UnicodeWidthStr::width(text) as f64;
    (w + 2.0).clamp(8.0, 40.0)
}

/// Writes the header row of the inventory columns and freezes it.
fn write_headers(
    ws: &mut Worksheet,
    content: &Content,
    lang: Lang,
    cols: &[Column<'_>],
) -> Result<(), XlsxError> {
    let bold = header_format();
    for (i, c) in cols.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        let h = c.header(content, lang);
        ws.set_column_width(col, width_for(&h).max(12.0))?;
        ws.write_string_with_format(0, col, &h, &bold)?;
    }
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The sheet names in `lang`.
fn sheet_name(content: &Content, lang: Lang, key: &str) -> String {
    content.t(lang, key)
}

/// The template workbook in `lang`, with `example`'s inventory on the second sheet.
pub fn inventory_workbook(
    content: &Content,
    lang: Lang,
    example: &Profile,
) -> Result<Vec<u8>, XlsxError> {
    let cols = columns(content);
    let mut book = Workbook::new();
    let options_name = sheet_name(content, lang, "xlsx.sheet.options");

    // 1. the sheet to fill
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(content, lang, "xlsx.sheet.inventory"))?;
    write_headers(ws, content, lang, &cols)?;
    ws.set_freeze_panes(2, 1)?;
    let hint = Format::new()
        .set_italic()
        .set_text_wrap()
        .set_font_color(0x595959);
    let mut list_col = 0u16;
    for (i, c) in cols.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(1, col, c.hint(content, lang), &hint)?;
        let dv = match &c.q.kind {
            QuestionKind::Single(_) => {
                let n = c.choices(content, lang).map_or(0, |v| v.len());
                let letters = super::col_letters(u32::from(list_col));
                list_col += 1;
                let f = format!(
                    "='{}'!${letters}$2:${letters}${}",
                    options_name.replace('\'', "''"),
                    n + 1
                );
                Some(DataValidation::new().allow_list_formula(Formula::new(f)))
            }
            QuestionKind::YesNo => c
                .choices(content, lang)
                .map(|l| DataValidation::new().allow_list_strings(&l))
                .transpose()?,
            QuestionKind::Rating => {
                Some(DataValidation::new().allow_whole_number(DataValidationRule::Between(1, 5)))
            }
            QuestionKind::Number {
                min,
                max,
                integer: true,
                ..
            } if *min >= f64::from(i32::MIN) && *max <= f64::from(i32::MAX) => Some(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(*min as i32, *max as i32)),
            ),
            QuestionKind::Number { min, max, .. } => Some(
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(*min, *max)),
            ),
            _ => None,
        };
        if let Some(dv) = dv {
            let dv = dv.set_error_message(c.hint(content, lang))?;
            ws.add_data_validation(2, col, VALIDATED_ROWS + 1, col, &dv)?;
        }
    }

    // 2. the example
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(content, lang, "xlsx.sheet.example"))?;
    write_headers(ws, content, lang, &cols)?;
    for (r, s) in example.systems.iter().enumerate() {
        let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (i, v) in system_values(content, lang, example, s, &cols)
            .iter()
            .enumerate()
        {
            write_value(ws, row, u16::try_from(i).unwrap_or(u16::MAX), v)?;
        }
    }

    // 3. the option lists behind the drop-downs
    let ws = book.add_worksheet();
    ws.set_name(&options_name)?;
    let bold = header_format();
    let mut list_col = 0u16;
    for c in &cols {
        if let QuestionKind::Single(_) = c.q.kind {
            let h = c.header(content, lang);
            ws.set_column_width(list_col, width_for(&h).max(14.0))?;
            ws.write_string_with_format(0, list_col, h, &bold)?;
            for (r, label) in c
                .choices(content, lang)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                ws.write_string(u32::try_from(r + 1).unwrap_or(u32::MAX), list_col, label)?;
            }
            list_col += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
