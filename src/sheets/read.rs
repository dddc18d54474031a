//! Reading a spreadsheet file into a [`Table`] of cells with their positions.
//!
//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) are read with calamine: the first
//! worksheet, so that a template whose example sheet comes second imports its own first sheet.
//! `.csv` (and `.tsv`/`.txt`) is read with the csv crate after decoding: UTF-8 with or without
//! a byte-order mark, UTF-16 with a mark, and otherwise GB18030 (a superset of GBK, what Excel
//! on Chinese Windows writes) through encoding_rs. The delimiter is a comma unless the first
//! line has none and has tabs or semicolons.

use super::{At, Cell};
use crate::content::Text;
use std::io::Cursor;
use std::path::Path;

/// Spreadsheet files larger than this are refused rather than read into memory.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One row of a table: where it is, and its cells from the first column on (index 0 = A).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row number (a workbook) or line (a CSV file).
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// The cells of a sheet or a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The worksheet's name, `None` for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The position of column `col` (0-based) in row `number`.
    pub fn at(&self, number: u32, col: usize) -> At {
        let col = u32::try_from(col).unwrap_or(u32::MAX);
        match &self.sheet {
            Some(sheet) => At::Cell {
                sheet: sheet.clone(),
                row: number,
                col,
            },
            None => At::Line {
                line: number,
                col: col.saturating_add(1),
            },
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError(pub Text);

/// Reads `path` by its extension.
pub fn read_path(path: &Path) -> Result<Table, ReadError> {
    let shown = path.display().to_string();
    let io_err = |e: std::io::Error| {
        ReadError(
            Text::new("import.err.read")
                .plain("path", shown.clone())
                .plain("error", e.to_string()),
        )
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(ReadError(
            Text::new("import.err.not_file").plain("path", shown),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(ReadError(
            Text::new("import.err.too_big")
                .plain("path", shown)
                .plain("max", (MAX_BYTES / 1024 / 1024).to_string()),
        ));
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => read_csv(&bytes).map_err(|t| ReadError(t.plain("path", shown))),
        _ => read_workbook(bytes).map_err(|t| ReadError(t.plain("path", shown))),
    }
}

/// The first worksheet of a workbook in any format calamine knows (found from the bytes).
pub fn read_workbook(bytes: Vec<u8>) -> Result<Table, Text> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Text::new("import.err.workbook").plain("error", e.to_string()))?;
    let names = book.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(Text::new("import.err.no_sheet"));
    };
    let range = book
        .worksheet_range_at(0)
        .unwrap_or_else(|| Ok(Default::default()))
        .map_err(|e| Text::new("import.err.workbook").plain("error", e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let pad = usize::try_from(c0).unwrap_or(0);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            number: r0
                .saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
                .saturating_add(1),
            cells: std::iter::repeat_n(Cell::Empty, pad)
                .chain(cells.iter().map(from_calamine))
                .collect(),
        })
        .collect();
    Ok(Table {
        sheet: Some(name),
        rows,
    })
}

fn from_calamine(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Text(serial_date(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cell::Text(s.split('T').next().unwrap_or(s).to_owned())
        }
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn serial_date(serial: f64) -> String {
    // days from 1970-01-01, then the civil-from-days algorithm (proleptic Gregorian)
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else GB18030.
pub fn decode(bytes: &[u8]) -> Result<String, Text> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Text::new("import.err.encoding").plain("encoding", enc.name()));
        }
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Text::new("import.err.encoding").plain("encoding", "UTF-8 / GB18030"));
    }
    Ok(text.into_owned())
}

/// Reads CSV bytes (see the module docs for encodings and delimiters).
pub fn read_csv(bytes: &[u8]) -> Result<Table, Text> {
    let text = decode(bytes)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(',') {
        b','
    } else if first.contains('\t') {
        b'\t'
    } else if first.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Text::new("import.err.csv")
                .plain("line", line.to_string())
                .plain("error", e.to_string())
        })?;
        let number = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cells = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_owned())
                }
            })
            .collect();
        rows.push(Row { number, cells });
    }
    Ok(Table { sheet: None, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_are_calendar_dates() {
        assert_eq!(serial_date(45_658.0), "2025-01-01");
        assert_eq!(serial_date(45_716.5), "2025-02-28");
        assert_eq!(serial_date(45_717.0), "2025-03-01");
        assert_eq!(serial_date(43_890.0), "2020-02-29");
    }

    #[test]
    fn csv_in_utf8_with_bom_utf16_and_gbk_reads_the_same() {
        let text = "系统名称,数据敏感程度\nERP,核心\n";
        let expect = read_csv(text.as_bytes()).map_err(|t| t.key.to_string());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let (gbk, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        for bytes in [bom, gbk.into_owned(), utf16] {
            assert_eq!(read_csv(&bytes).map_err(|t| t.key.to_string()), expect);
        }
        let t = expect.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].number, 2);
        assert_eq!(t.rows[1].cells[1], Cell::Text("核心".into()));
    }

    #[test]
    fn a_tab_separated_file_is_read_by_its_tabs() {
        let t = read_csv("a\tb\n1\t2\n".as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            t.rows[1].cells,
            vec![Cell::Text("1".into()), Cell::Text("2".into())]
        );
    }
}
