//! Results for Excel: three tables — "Kết quả" (ranked results with awards, prizes and flags),
//! "Điểm chi tiết" (every judge × criterion score) and "Theo giám khảo" (each judge's totals) — built
//! once as typed cells, then written as .xlsx (frozen header row, autofilter, column widths that fit,
//! numbers with the contest's decimals) or as CSV files (UTF-8 with a byte order mark).

use std::path::{Path, PathBuf};

use crate::model::{Points, RoundResult, Session, SheetStatus};
use crate::text::{self, Lang, Names};

use super::report::ResultsReport;

/// A cell: text, or a number shown with a number of decimals.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number { value: Points, decimals: u8 },
    Int(i64),
    Empty,
}

/// One table of an export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: String,
    /// For CSV file names.
    pub slug: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
}

/// The three tables for one round's results.
pub fn tables(session: &Session, result: &RoundResult, lang: Lang) -> Vec<Table> {
    let report = ResultsReport::new(session, result, lang);
    let names = Names::of(session);
    let decimals = session.contest.decimals;
    let num = |p: Option<Points>| p.map_or(Cell::Empty, |value| Cell::Number { value, decimals });
    let raw = |p: Option<Points>| {
        p.map_or(Cell::Empty, |value| Cell::Number {
            value,
            decimals: value.decimals_used(),
        })
    };
    let round = session.contest.round(&result.round);
    let criteria = round.map(|r| r.criteria.as_slice()).unwrap_or(&[]);

    let mut results = Table {
        name: lang.t("Kết quả", "Results").into(),
        slug: "ket-qua",
        header: [
            lang.t("Bảng", "Category"),
            lang.t("Hạng", "Rank"),
            lang.t("Mã", "Id"),
            lang.t("Tên dự án", "Title"),
            lang.t("Đơn vị", "Organization"),
            lang.t("Điểm", "Score"),
            lang.t("Số phiếu tính", "Sheets counted"),
            lang.t("Giải", "Award"),
            lang.t("Giá trị giải (VND)", "Prize (VND)"),
            lang.t("Vào vòng sau", "Advances"),
            lang.t("Ghi chú", "Flags"),
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for scope in &report.scopes {
        for r in &scope.rows {
            results.rows.push(vec![
                text(scope.category_name.clone().unwrap_or_default()),
                r.rank.map_or_else(
                    || text(lang.t("không đủ điều kiện", "not eligible")),
                    |k| Cell::Int(i64::from(k)),
                ),
                text(r.submission.clone()),
                text(r.title.clone()),
                text(r.organization.clone()),
                num(r.score),
                Cell::Int(i64::from(r.sheets_counted)),
                text(r.award_name.clone().unwrap_or_default()),
                r.prize_vnd
                    .map_or(Cell::Empty, |v| Cell::Int(i64::try_from(v).unwrap_or(i64::MAX))),
                match r.advanced {
                    Some(true) => text(lang.t("có", "yes")),
                    Some(false) => text(lang.t("không", "no")),
                    None => Cell::Empty,
                },
                text(r.flags_text.join("; ")),
            ]);
        }
    }

    let mut detail = Table {
        name: lang.t("Điểm chi tiết", "Detailed scores").into(),
        slug: "diem-chi-tiet",
        header: [
            lang.t("Mã", "Id"),
            lang.t("Tên dự án", "Title"),
            lang.t("Giám khảo", "Judge"),
            lang.t("Trạng thái", "Status"),
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    detail.header.extend(criteria.iter().map(|c| c.name.clone()));
    detail.header.push(lang.t("Tổng", "Total").into());
    detail.header.push(lang.t("Nhận xét", "Comment").into());
    let mut by_judge = Table {
        name: lang.t("Theo giám khảo", "By judge").into(),
        slug: "theo-giam-khao",
        header: [lang.t("Mã", "Id"), lang.t("Tên dự án", "Title")]
            .map(String::from)
            .to_vec(),
        rows: Vec::new(),
    };
    by_judge
        .header
        .extend(report.judges.iter().map(|j| j.name.clone()));
    for scope in &result.scopes {
        for row in &scope.rows {
            let title = session
                .submission(&row.submission)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            let mut totals = vec![text(row.submission.clone()), text(title.clone())];
            for j in &report.judges {
                let line = row.judges.iter().find(|l| l.judge.as_ref() == j.judge);
                totals.push(match line {
                    Some(l) if l.status != SheetStatus::Conflict => num(l.total),
                    _ => Cell::Empty,
                });
                let Some(line) = line else { continue };
                let entry = session
                    .sheet(&result.round, &j.judge)
                    .and_then(|s| s.entry(&row.submission));
                let mut cells = vec![
                    text(row.submission.clone()),
                    text(title.clone()),
                    text(names.judge(&j.judge)),
                    text(text::status(line.status, lang)),
                ];
                cells.extend(
                    criteria
                        .iter()
                        .map(|c| raw(entry.and_then(|e| e.scores.get(&c.id).copied()))),
                );
                cells.push(num(line.total));
                cells.push(text(entry.map(|e| e.comment.clone()).unwrap_or_default()));
                detail.rows.push(cells);
            }
            by_judge.rows.push(totals);
        }
    }
    vec![results, detail, by_judge]
}

/// The number format of a cell with `decimals` places: "0", "0.0", "0.00"…
fn number_format(decimals: u8) -> String {
    if decimals == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(decimals.into()))
    }
}

/// Writes the tables as one workbook, a sheet each.
pub fn write_xlsx(path: &Path, tables: &[Table]) -> Result<(), String> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.name).map_err(err)?;
        let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
        for (c, h) in table.header.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let shown = match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, col, s).map_err(err)?;
                        s.chars().count()
                    }
                    Cell::Number { value, decimals } => {
                        let format = Format::new().set_num_format(number_format(*decimals));
                        sheet
                            .write_number_with_format(r, col, value.to_f64(), &format)
                            .map_err(err)?;
                        value.format_fixed(*decimals, '.').len()
                    }
                    Cell::Int(n) => {
                        sheet.write_number(r, col, *n as f64).map_err(err)?;
                        n.to_string().len()
                    }
                    Cell::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet
                .set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))
                .map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        if !table.header.is_empty() {
            let last_row = table.rows.len() as u32;
            sheet
                .autofilter(0, 0, last_row, table.header.len() as u16 - 1)
                .map_err(err)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    super::atomic::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

/// A table as CSV: UTF-8 with a byte order mark (so Excel shows Vietnamese), numbers with the
/// language's decimal separator.
pub fn csv_bytes(table: &Table, lang: Lang) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&table.header).map_err(|e| e.to_string())?;
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => s.clone(),
                Cell::Number { value, decimals } => value.format_fixed(*decimals, lang.decimal_separator()),
                Cell::Int(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        writer.write_record(&cells).map_err(|e| e.to_string())?;
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(writer.into_inner().map_err(|e| e.to_string())?);
    Ok(bytes)
}

/// One CSV file per table, named after `path` and the table: `ket-qua.csv` → `ket-qua-diem-chi-tiet.csv`…
/// The first table is written to `path` itself. Returns the files written.
pub fn write_csv(path: &Path, tables: &[Table], lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        let target = if i == 0 {
            path.to_path_buf()
        } else {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            path.with_file_name(format!("{stem}-{}.csv", table.slug))
        };
        let bytes = csv_bytes(table, lang)?;
        super::atomic::write_atomic(&target, &bytes).map_err(|e| e.to_string())?;
        written.push(target);
    }
    Ok(written)
}
