//! Registrations from spreadsheets: a table read from .xlsx/.xls/.ods (calamine) or .csv (UTF-8 with or
//! without BOM, UTF-16 as Excel's "Unicode text" writes it; comma, semicolon or tab, detected), its
//! columns matched to submission fields (guessed from Vietnamese and English headers, or given), and a
//! plan that lists every bad row by number before anything changes. A table is only taken for a
//! registration list when its header says so ([`recognise`]): a results table or a scoresheet, such
//! as giamkhao's own exports, is refused with the reason. Re-importing the same file updates
//! submissions by id rather than adding them again. Every reader stops at the same caps — a cell's
//! length, the text in all, a sheet's span — and a workbook's structure is measured before calamine
//! opens it (`compound.rs` for .xls, `zipped.rs` for .xlsx and .ods), so that no file, however small,
//! can make the import ask for more memory than the computer has; a field longer than a
//! submission may hold makes its row a bad row (`limits.rs`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use calamine::Reader;

use crate::model::{AuditEntry, AuditKind, Session, Submission};
use crate::store::compound::{self, Defect};
use crate::store::limits::{self, TextField};
use crate::store::zipped;
use crate::text::fold;

/// The cells of a sheet as text: a header row and the rows under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The number of each row in the file as a person sees it (the header is row 1).
    pub row_numbers: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Io {
        path: PathBuf,
        message: String,
    },
    /// Not a spreadsheet or text table giamkhao reads.
    Unsupported {
        path: PathBuf,
    },
    Spreadsheet {
        path: PathBuf,
        message: String,
    },
    /// Text that is neither UTF-8 nor UTF-16 with a byte order mark.
    Encoding {
        path: PathBuf,
    },
    /// No header row.
    Empty {
        path: PathBuf,
    },
    /// A `field=column` mapping names a field or column that does not exist.
    BadMapping(String),
    /// The person stopped the reading.
    Cancelled,
    /// A sheet spans more cells than giamkhao lays out (a cell placed very far away, a cell repeated
    /// across an .ods sheet, or an .xls declaring dimensions that huge); see
    /// [`crate::store::compound::MAX_CELLS`].
    TooWide {
        path: PathBuf,
        rows: u64,
        columns: u64,
    },
    /// A workbook that unpacks to more than giamkhao reads: one part of it (`part`, its declared
    /// size), or the whole of it as calamine would open it, or the text of its cells (`part` None).
    /// `bytes` is what it would take, `max` the cap.
    TooBig {
        path: PathBuf,
        part: Option<String>,
        bytes: u64,
        max: u64,
    },
    /// A cell longer than [`MAX_CELL_CHARS`] (row as the file numbers it, column from 0).
    CellTooLong {
        path: PathBuf,
        row: usize,
        column: usize,
        length: usize,
    },
}

/// The longest cell read, in characters: Excel's own limit for a cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The most text read from a file's cells, in all: 64 MiB (a list of 10,000 registrations with long
/// descriptions has about 30 MB).
pub const MAX_TEXT: u64 = 64 << 20;

/// The caps every reader applies as it reads cells, so that it stops early: a cell's length, the
/// text in all, and how many cells the table spans (rows with something in them × the columns
/// between the first and the last cell used).
struct Budget<'a> {
    path: &'a Path,
    text: u64,
    rows: u64,
    /// Fields of a text table, empty or not, and the most in a row.
    fields: u64,
    widest: u64,
    first_column: Option<usize>,
    last_column: usize,
}

impl<'a> Budget<'a> {
    fn new(path: &'a Path) -> Self {
        Budget {
            path,
            text: 0,
            rows: 0,
            fields: 0,
            widest: 0,
            first_column: None,
            last_column: 0,
        }
    }

    /// A cell with text, at row `row` (as the file numbers it) and column `column` (from 0).
    fn cell(&mut self, row: usize, column: usize, text: &str) -> Result<(), ImportError> {
        if text.len() > MAX_CELL_CHARS {
            let length = text.chars().count();
            if length > MAX_CELL_CHARS {
                return Err(ImportError::CellTooLong {
                    path: self.path.into(),
                    row,
                    column,
                    length,
                });
            }
        }
        self.text += text.len() as u64;
        if self.text > MAX_TEXT {
            return Err(ImportError::TooBig {
                path: self.path.into(),
                part: None,
                bytes: self.text,
                max: MAX_TEXT,
            });
        }
        self.first_column = Some(self.first_column.map_or(column, |f| f.min(column)));
        self.last_column = self.last_column.max(column);
        self.span()
    }

    /// A new row with something in it.
    fn row(&mut self) -> Result<(), ImportError> {
        self.rows += 1;
        self.span()
    }

    /// A row of a text table, with `fields` fields empty or not: each is kept (an empty one is 24
    /// bytes for a comma), so they count towards the span too.
    fn fields(&mut self, fields: usize) -> Result<(), ImportError> {
        self.fields += fields as u64;
        self.widest = self.widest.max(fields as u64);
        if self.fields > compound::MAX_CELLS {
            return Err(ImportError::TooWide {
                path: self.path.into(),
                rows: self.rows,
                columns: self.widest,
            });
        }
        Ok(())
    }

    fn span(&self) -> Result<(), ImportError> {
        let columns = self.first_column.map_or(0, |f| (self.last_column - f) as u64 + 1);
        if self.rows.saturating_mul(columns) > compound::MAX_CELLS {
            Err(ImportError::TooWide {
                path: self.path.into(),
                rows: self.rows,
                columns,
            })
        } else {
            Ok(())
        }
    }
}

/// How far the reading of a large file has come, shared with the thread that does it, and the way to
/// stop it. Counts are bytes for text files and rows for spreadsheets; the total is 0 while unknown.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    rows: AtomicU64,
    cancel: AtomicBool,
}

impl Progress {
    /// The share done, 0.0..=1.0, when the total is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32)
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows.load(Ordering::Relaxed)
    }

    /// Asks the reading to stop; it returns [`ImportError::Cancelled`] soon after.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// Records the position and the rows read; says whether to stop.
    fn step(&self, done: u64, rows: u64) -> Result<(), ImportError> {
        self.done.store(done, Ordering::Relaxed);
        self.rows.store(rows, Ordering::Relaxed);
        if self.cancel.load(Ordering::Relaxed) {
            Err(ImportError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// How often (in rows) the readers report progress and look for a cancel.
const PROGRESS_EVERY: usize = 256;

/// A submission field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Title,
    Members,
    Leader,
    Organization,
    Category,
    Sector,
    Email,
    Phone,
    Description,
    Attachments,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Id,
        Field::Title,
        Field::Members,
        Field::Leader,
        Field::Organization,
        Field::Category,
        Field::Sector,
        Field::Email,
        Field::Phone,
        Field::Description,
        Field::Attachments,
    ];

    /// The name used in `--map field=column`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Members => "members",
            Field::Leader => "leader",
            Field::Organization => "organization",
            Field::Category => "category",
            Field::Sector => "sector",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Description => "description",
            Field::Attachments => "attachments",
        }
    }

    /// Header words that name this field (accents folded), checked in the order of [`GUESS_ORDER`].
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["ma", "ma du an", "ma so", "ma ho so", "id", "code"],
            Field::Title => &["ten du an", "du an", "ten y tuong", "y tuong", "title", "project"],
            Field::Members => &["thanh vien", "ten nhom", "nhom", "members", "team"],
            Field::Leader => &["truong nhom", "nguoi dai dien", "chu nhiem", "leader"],
            Field::Organization => &[
                "don vi",
                "truong",
                "to chuc",
                "co quan",
                "doanh nghiep",
                "organization",
                "organisation",
                "school",
                "company",
            ],
            Field::Category => &["bang", "bang thi", "hang muc", "category"],
            Field::Sector => &["linh vuc", "nganh", "sector", "field"],
            Field::Email => &["email", "e mail", "thu dien tu"],
            Field::Phone => &["so dien thoai", "dien thoai", "sdt", "phone", "tel"],
            Field::Description => &["mo ta", "tom tat", "gioi thieu", "description", "summary"],
            Field::Attachments => &[
                "tai lieu",
                "dinh kem",
                "ho so",
                "attachments",
                "attachment",
                "link",
            ],
        }
    }
}

/// More specific fields first: "Trưởng nhóm" is the leader before "trường" is a school, "Mã dự án" is
/// an id before "dự án" is a title, "Hồ sơ" after "Mã hồ sơ".
const GUESS_ORDER: [Field; 11] = [
    Field::Id,
    Field::Leader,
    Field::Members,
    Field::Title,
    Field::Category,
    Field::Sector,
    Field::Email,
    Field::Phone,
    Field::Description,
    Field::Attachments,
    Field::Organization,
];

/// Which column fills which field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    pub columns: HashMap<Field, usize>,
}

/// Whether the words of `keyword` appear, in order and whole, among the words of `header`.
fn has_words(header: &[&str], keyword: &str) -> bool {
    let k: Vec<&str> = keyword.split_whitespace().collect();
    header.windows(k.len()).any(|w| w == k.as_slice())
}

/// Guesses the mapping from the headers; each column fills at most one field.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let mut columns = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        let folded = fold(header);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(field) = GUESS_ORDER
            .iter()
            .find(|f| !columns.contains_key(*f) && f.keywords().iter().any(|k| has_words(&words, k)))
        {
            columns.insert(*field, i);
        }
    }
    Mapping { columns }
}

/// Headings of a results table or a scoresheet, never of a registration list (accents folded,
/// whole headings, a part in brackets left out): what giamkhao's own exports write in Vietnamese and
/// English (src/store/export.rs), and the usual words for the same things. "Địa điểm", "Hạng mục",
/// "Giải pháp" and "Tổng số thành viên" are not among them: only the whole heading counts.
const RESULT_HEADINGS: &[&str] = &[
    // Results and award lists.
    "hang",
    "xep hang",
    "giai",
    "giai thuong",
    "gia tri giai",
    "diem",
    "tong diem",
    "diem trung binh",
    "so phieu tinh",
    "vao vong sau",
    "rank",
    "ranking",
    "award",
    "prize",
    "score",
    "total score",
    "mean score",
    "average score",
    "sheets counted",
    "advances",
    // Detailed scores and scoresheets.
    "tong",
    "giam khao",
    "tieu chi",
    "toi da",
    "trong so",
    "thang diem",
    "total",
    "judge",
    "criterion",
    "criteria",
    "maximum",
    "max",
    "weight",
    "rubric",
];

/// The words of a heading, accents folded, without a part in brackets: "Giá trị giải (VND)" →
/// ["gia", "tri", "giai"].
fn heading_words(header: &str) -> Vec<String> {
    let mut depth = 0usize;
    let outside: String = header
        .chars()
        .filter(|c| match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect();
    fold(&outside)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a heading is one of a results table or a scoresheet: one of [`RESULT_HEADINGS`], or a
/// criterion column of giamkhao's blank scoresheet ("TC1 (tối đa 20)", "TC2 (max 15)").
fn is_result_heading(header: &str) -> bool {
    let words = heading_words(header);
    let criterion_column = words.len() == 1
        && words[0]
            .strip_prefix("tc")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    criterion_column || RESULT_HEADINGS.contains(&words.join(" ").as_str())
}

/// Why a table is not taken for a registration list. Each reason keeps the headings found (empty
/// ones left out), to show the organizer what giamkhao read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotRegistrations {
    /// The header is that of a results table or a scoresheet (such as giamkhao's own exports):
    /// `results` are the headings that say so.
    ResultsOrScores {
        results: Vec<String>,
        headers: Vec<String>,
    },
    /// No heading names a project title.
    NoTitle { headers: Vec<String> },
    /// A title column (and maybe an id), but nothing else a registration list has: no team, leader,
    /// organization, category, sector, contact, description or attachments. giamkhao's own
    /// "Theo giám khảo" table is such: an id, a title and the judges' names.
    TitleOnly { title: String, headers: Vec<String> },
}

impl NotRegistrations {
    /// The headings found, as the file has them.
    pub fn headers(&self) -> &[String] {
        match self {
            NotRegistrations::ResultsOrScores { headers, .. }
            | NotRegistrations::NoTitle { headers }
            | NotRegistrations::TitleOnly { headers, .. } => headers,
        }
    }
}

/// Whether `table` is a registration list, and its columns guessed if it is: its header must name a
/// project title and at least one other registration field besides an id, and have no heading of a
/// results table or a scoresheet. Otherwise, why not — a person may still map the columns by hand,
/// but nothing is guessed from a header that is not recognised.
pub fn recognise(table: &Table) -> Result<Mapping, NotRegistrations> {
    let headers: Vec<String> = table
        .headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .cloned()
        .collect();
    let results: Vec<String> = headers.iter().filter(|h| is_result_heading(h)).cloned().collect();
    if !results.is_empty() {
        return Err(NotRegistrations::ResultsOrScores { results, headers });
    }
    let mapping = guess_mapping(&table.headers);
    let Some(&title) = mapping.columns.get(&Field::Title) else {
        return Err(NotRegistrations::NoTitle { headers });
    };
    if mapping
        .columns
        .keys()
        .all(|f| matches!(f, Field::Title | Field::Id))
    {
        return Err(NotRegistrations::TitleOnly {
            title: table.headers[title].clone(),
            headers,
        });
    }
    Ok(mapping)
}

/// Applies `field=column` overrides (column by header text or 1-based number) to a mapping.
pub fn apply_overrides(
    mapping: &mut Mapping,
    headers: &[String],
    overrides: &[String],
) -> Result<(), ImportError> {
    for o in overrides {
        let (field, column) = o
            .split_once('=')
            .ok_or_else(|| ImportError::BadMapping(o.clone()))?;
        let field = Field::ALL
            .iter()
            .find(|f| f.key() == field.trim())
            .ok_or_else(|| ImportError::BadMapping(o.clone()))?;
        let column = column.trim();
        let index = match column.parse::<usize>() {
            Ok(n) if n >= 1 && n <= headers.len() => n - 1,
            _ => headers
                .iter()
                .position(|h| fold(h) == fold(column))
                .ok_or_else(|| ImportError::BadMapping(o.clone()))?,
        };
        mapping.columns.retain(|_, c| *c != index);
        mapping.columns.insert(*field, index);
    }
    Ok(())
}

/// Text of a CSV file: UTF-8 (a byte order mark is dropped) or UTF-16 with its byte order mark.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |units: Vec<u16>| String::from_utf16(&units).ok();
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(
            rest.chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect(),
        ),
        [0xFE, 0xFF, rest @ ..] => utf16(
            rest.chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect(),
        ),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

/// The separator of a text table: whichever of tab, semicolon and comma the header line has most of
/// (outside quotes).
pub fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// A cell as a person typed it: trimmed, in NFC.
fn clean(s: &str) -> String {
    crate::text::nfc(s.trim())
}

/// How many rows from the top may hold a title above the header row.
const HEADER_SEARCH: usize = 10;

/// A table from a sheet's rows: empty rows dropped, the header found (a title or a note above the
/// table is skipped: the header is the row among the first few that names the most known fields or
/// headings of a results table, or else the first with two or more cells), and every cell cleaned.
/// Results headings count so that the header of a results table or a scoresheet is taken for its
/// header — and refused as such by [`recognise`] — rather than a row of rubric text under it that
/// happens to say "dự án" or "ý tưởng".
fn table_from_rows(path: &Path, rows: Vec<(usize, Vec<String>)>) -> Result<Table, ImportError> {
    let rows: Vec<(usize, Vec<String>)> = rows
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let header_at = rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .max_by_key(|(i, (_, row))| {
            // A header is in the first columns; very wide rows are not read to the end for this.
            let cells: Vec<String> = row.iter().take(64).map(|c| clean(c)).collect();
            let known =
                guess_mapping(&cells).columns.len() + cells.iter().filter(|c| is_result_heading(c)).count();
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            (known, filled >= 2, std::cmp::Reverse(*i))
        })
        .map(|(i, _)| i)
        .ok_or_else(|| ImportError::Empty {
            path: path.to_path_buf(),
        })?;
    let mut rows = rows.into_iter().skip(header_at);
    let Some((_, headers)) = rows.next() else {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    };
    let mut table = Table {
        headers: headers.iter().map(|h| clean(h)).collect(),
        ..Default::default()
    };
    for (number, row) in rows {
        table.rows.push(row.iter().map(|c| clean(c)).collect());
        table.row_numbers.push(number);
    }
    Ok(table)
}

/// Reads the first sheet of a spreadsheet, or a text table, by the file's extension.
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    read_table_with(path, &Progress::default())
}

/// [`read_table`], reporting to `progress` as it goes and stopping when it is cancelled.
pub fn read_table_with(path: &Path, progress: &Progress) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io {
        path: path.into(),
        message: e.to_string(),
    })?;
    table_from_bytes(path, bytes, progress)
}

/// Reads a table from the bytes of a file named `path` (the extension says which kind).
pub fn table_from_bytes(path: &Path, bytes: Vec<u8>, progress: &Progress) -> Result<Table, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => {
            let text = decode_text(&bytes).ok_or_else(|| ImportError::Encoding { path: path.into() })?;
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(detect_delimiter(&text))
                .from_reader(text.as_bytes());
            progress.start(text.len() as u64);
            let mut budget = Budget::new(path);
            let mut rows = Vec::new();
            let mut record = csv::StringRecord::new();
            loop {
                match reader.read_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        return Err(ImportError::Spreadsheet {
                            path: path.into(),
                            message: e.to_string(),
                        });
                    }
                }
                // The row number Excel shows: records, not text lines (a quoted cell may span lines).
                let number = rows.len() + 1;
                budget.row()?;
                budget.fields(record.len())?;
                for (column, cell) in record.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                    budget.cell(number, column, cell)?;
                }
                rows.push((number, record.iter().map(str::to_string).collect()));
                if rows.len().is_multiple_of(PROGRESS_EVERY) {
                    progress.step(reader.position().byte(), rows.len() as u64)?;
                }
            }
            progress.step(text.len() as u64, rows.len() as u64)?;
            table_from_rows(path, rows)
        }
        // A compound file named .xlsx or .ods (an old .xls renamed, or a workbook locked with a
        // password) is refused before any reader sees it: calamine's reader for compound files can
        // loop without end on a malformed one (docs/bad-input.md).
        "xlsx" | "xlsm" | "ods" if bytes.starts_with(&compound::SIGNATURE) => Err(ImportError::Spreadsheet {
            path: path.into(),
            message: "an Excel 97-2003 (.xls) or password-protected workbook".into(),
        }),
        "xls" if bytes.starts_with(&compound::SIGNATURE) => match compound::check_xls(&bytes) {
            Ok(()) => read_range::<calamine::Xls<_>>(path, bytes, progress),
            Err(Defect::Damaged) => Err(ImportError::Spreadsheet {
                path: path.into(),
                message: "its sector chains or sheet sizes are broken".into(),
            }),
            Err(Defect::TooWide { rows, columns }) => Err(ImportError::TooWide {
                path: path.into(),
                rows,
                columns,
            }),
            Err(Defect::TooBig { bytes }) => Err(ImportError::TooBig {
                path: path.into(),
                part: None,
                bytes,
                max: zipped::MAX_OPEN,
            }),
        },
        // A zip archive, whatever its name says among these: an .xlsx, or an .ods (it has a
        // "mimetype" part), measured first (src/store/zipped.rs).
        "xlsx" | "xlsm" | "ods" | "xls" => match zipped::check(&bytes) {
            Ok(zipped::Kind::Xlsx) => guarded(path, || read_xlsx(path, bytes, progress)),
            Ok(zipped::Kind::Ods) => read_range::<calamine::Ods<_>>(path, bytes, progress),
            // Neither a compound file nor a zip: calamine's .xls reader says what it is not.
            Err(zipped::Defect::NotZip(_)) if ext == "xls" => {
                read_range::<calamine::Xls<_>>(path, bytes, progress)
            }
            Err(zipped::Defect::NotZip(message)) => Err(ImportError::Spreadsheet {
                path: path.into(),
                message,
            }),
            Err(zipped::Defect::PartTooBig { part, size }) => Err(ImportError::TooBig {
                path: path.into(),
                part: Some(part),
                bytes: size,
                max: zipped::MAX_PART,
            }),
            Err(zipped::Defect::TooBig { bytes }) => Err(ImportError::TooBig {
                path: path.into(),
                part: None,
                bytes,
                max: zipped::MAX_OPEN,
            }),
            Err(zipped::Defect::TooWide { rows, columns }) => Err(ImportError::TooWide {
                path: path.into(),
                rows,
                columns,
            }),
            Err(zipped::Defect::Damaged) => Err(ImportError::Spreadsheet {
                path: path.into(),
                message: "its content ends inside a sheet".into(),
            }),
        },
        // .xlsb is not among the formats giamkhao reads: calamine's reader for it has no guard here.
        _ => Err(ImportError::Unsupported { path: path.into() }),
    }
}

/// The first sheet of a workbook calamine reads whole (.xls, .ods), as rows: only once its structure
/// has been measured (`compound.rs`, `zipped.rs`).
fn read_range<R>(path: &Path, bytes: Vec<u8>, progress: &Progress) -> Result<Table, ImportError>
where
    R: calamine::Reader<std::io::Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    guarded(path, || {
        let spreadsheet = |e: String| ImportError::Spreadsheet {
            path: path.into(),
            message: e,
        };
        let mut workbook = R::new(std::io::Cursor::new(bytes)).map_err(|e| spreadsheet(e.to_string()))?;
        let range = workbook
            .worksheet_range_at(0)
            .ok_or_else(|| ImportError::Empty { path: path.into() })?
            .map_err(|e| spreadsheet(e.to_string()))?;
        drop(workbook);
        let (first_row, first_column) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let total = range.height() as u64;
        progress.start(total);
        let mut budget = Budget::new(path);
        let mut rows = Vec::with_capacity(range.height());
        for (i, row) in range.rows().enumerate() {
            let number = first_row + i + 1;
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if cells.iter().any(|c| !c.is_empty()) {
                budget.row()?;
            }
            for (column, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                budget.cell(number, first_column + column, cell)?;
            }
            rows.push((number, cells));
            if rows.len().is_multiple_of(PROGRESS_EVERY) {
                progress.step(rows.len() as u64, rows.len() as u64)?;
            }
        }
        progress.step(total, rows.len() as u64)?;
        table_from_rows(path, rows)
    })
}

/// Runs a spreadsheet reader, turning a panic inside it into "the file is damaged". The readers
/// (calamine) can panic on some malformed files — fuzzing found one in the .xls reader — and a bad
/// file must never take the app down with the person's unsaved work.
fn guarded(path: &Path, read: impl FnOnce() -> Result<Table, ImportError>) -> Result<Table, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(ImportError::Spreadsheet {
            path: path.into(),
            message: "the reader stopped on malformed data".into(),
        })
    })
}

/// The first sheet of an .xlsx read cell by cell, so a large workbook reports progress as it goes
/// (the sheet's declared size is the total) and a sheet that spreads too wide, or holds too much
/// text, is stopped as soon as it does ([`Budget`]): cells are kept by position, and laid out in rows
/// only at the end.
fn read_xlsx(path: &Path, bytes: Vec<u8>, progress: &Progress) -> Result<Table, ImportError> {
    let spreadsheet = |e: String| ImportError::Spreadsheet {
        path: path.into(),
        message: e,
    };
    let mut workbook =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| spreadsheet(e.to_string()))?;
    let Some(first) = workbook.sheet_names().first().cloned() else {
        return Err(ImportError::Empty { path: path.into() });
    };
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(|e| spreadsheet(e.to_string()))?;
    let dims = cells.dimensions();
    let total = if dims.start.0 <= dims.end.0 && dims.end != (0, 0) {
        u64::from(dims.end.0 - dims.start.0) + 1
    } else {
        0
    };
    progress.start(total);
    let mut budget = Budget::new(path);
    // Rows by their number in the sheet (from 1), each with its cells by column.
    let mut rows: Vec<(usize, Vec<(usize, String)>)> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|e| spreadsheet(e.to_string()))? {
        let (r, c) = cell.get_position();
        let value = calamine::Data::from(cell.get_value().clone());
        let text = cell_text(&value);
        if text.is_empty() {
            continue;
        }
        let number = r as usize + 1;
        if rows.last().is_none_or(|(n, _)| *n != number) {
            budget.row()?;
            rows.push((number, Vec::new()));
            if rows.len().is_multiple_of(PROGRESS_EVERY) {
                progress.step(u64::from(r.saturating_sub(dims.start.0)), rows.len() as u64)?;
            }
        }
        budget.cell(number, c as usize, &text)?;
        if let Some((_, row)) = rows.last_mut() {
            row.push((c as usize, text));
        }
    }
    progress.step(total, rows.len() as u64)?;
    // Columns start at the sheet's first used column, as in calamine's ranges.
    let first_col = budget.first_column.unwrap_or(0);
    let rows = rows
        .into_iter()
        .map(|(number, cells)| {
            let width = cells.iter().map(|(c, _)| c - first_col + 1).max().unwrap_or(0);
            let mut row = vec![String::new(); width];
            for (c, text) in cells {
                row[c - first_col] = text;
            }
            (number, row)
        })
        .collect();
    table_from_rows(path, rows)
}

/// A spreadsheet cell as text; whole numbers without ".0" (ids and phone numbers are often numbers).
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        calamine::Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A Vietnamese phone number as written, with the leading 0 Excel drops when the column holds
/// numbers: 912345678 (mobile, 9 digits) and 2253123456 (landline, 10 digits) become 0912345678 and
/// 02253123456. Anything else (+84…, spaces, dots, other lengths) is kept as it is.
fn phone(s: String) -> String {
    let digits = s.bytes().all(|b| b.is_ascii_digit());
    if digits && matches!(s.len(), 9 | 10) && !s.starts_with('0') {
        format!("0{s}")
    } else {
        s
    }
}

/// Why a row cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblemKind {
    EmptyTitle,
    /// The same id twice in the file.
    DuplicateId(String),
    /// A category the contest does not have.
    UnknownCategory(String),
    /// A field longer than a submission may hold (see `limits.rs`), in characters.
    TooLong {
        field: TextField,
        length: usize,
        max: usize,
    },
    /// More members or attachments than a submission may list.
    TooMany {
        field: TextField,
        count: usize,
        max: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number in the file.
    pub row: usize,
    pub kind: RowProblemKind,
}

/// What an import would do. Nothing changes until it is applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub added: Vec<Submission>,
    /// Existing submissions with new content, by id.
    pub updated: Vec<Submission>,
    pub unchanged: usize,
    pub problems: Vec<RowProblem>,
}

/// Plans importing `table` into `session` with `mapping`. Rows with a problem are listed and left out.
/// A row updates the submission with its id, or without an id column the one with the same title;
/// otherwise it is added with the next free id DA01, DA02…
pub fn plan_import(session: &Session, table: &Table, mapping: &Mapping) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let get = |row: &[String], f: Field| {
        mapping
            .columns
            .get(&f)
            .and_then(|&i| row.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let categories = &session.contest.categories;
    // Each category by its folded id and name, folded once rather than for every row.
    let folded_categories: Vec<(String, String, &str)> = categories
        .iter()
        .map(|c| (fold(&c.id), fold(&c.name), c.id.as_str()))
        .collect();
    let by_title: HashMap<String, &Submission> =
        session.submissions.iter().map(|s| (fold(&s.title), s)).collect();
    let mut taken: HashSet<String> = session.submissions.iter().map(|s| s.id.clone()).collect();
    let mut seen_ids = HashSet::new();
    let mut next = 1usize;
    for (row, &number) in table.rows.iter().zip(&table.row_numbers) {
        let problem = |kind| RowProblem { row: number, kind };
        let title = get(row, Field::Title);
        if title.is_empty() {
            plan.problems.push(problem(RowProblemKind::EmptyTitle));
            continue;
        }
        let category_text = get(row, Field::Category);
        // What a message below would quote is checked first: the title, the id, the category.
        let quoted = [
            (TextField::Title, &title),
            (TextField::Id, &get(row, Field::Id)),
            (TextField::CategoryName, &category_text),
        ];
        if let Some(e) = quoted.iter().find_map(|(f, t)| limits::fits(*f, t).err()) {
            plan.problems.push(problem(RowProblemKind::TooLong {
                field: e.field,
                length: e.length,
                max: e.max,
            }));
            continue;
        }
        let category = if category_text.is_empty() || categories.is_empty() {
            None
        } else {
            let wanted = fold(&category_text);
            match folded_categories
                .iter()
                .find(|(id, name, _)| *id == wanted || *name == wanted)
            {
                Some((_, _, id)) => Some(id.to_string()),
                None => {
                    plan.problems
                        .push(problem(RowProblemKind::UnknownCategory(category_text)));
                    continue;
                }
            }
        };
        let given_id = get(row, Field::Id);
        let existing = if given_id.is_empty() {
            by_title.get(&fold(&title)).copied()
        } else {
            session.submissions.iter().find(|s| s.id == given_id)
        };
        let id = match (given_id.is_empty(), existing) {
            (false, _) => given_id,
            (true, Some(s)) => s.id.clone(),
            (true, None) => loop {
                let candidate = format!("DA{next:02}");
                next += 1;
                if !taken.contains(&candidate) {
                    break candidate;
                }
            },
        };
        if !seen_ids.insert(id.clone()) {
            plan.problems.push(problem(RowProblemKind::DuplicateId(id)));
            continue;
        }
        taken.insert(id.clone());
        let split = |s: String| -> Vec<String> {
            s.split([',', ';', '\n'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        let contact: Vec<String> = [get(row, Field::Email), phone(get(row, Field::Phone))]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let mut s = existing.cloned().unwrap_or_default();
        s.id = id;
        s.title = title;
        for (field, slot) in [
            (Field::Leader, &mut s.leader),
            (Field::Organization, &mut s.organization),
            (Field::Sector, &mut s.sector),
            (Field::Description, &mut s.description),
        ] {
            if mapping.columns.contains_key(&field) {
                *slot = get(row, field);
            }
        }
        if mapping.columns.contains_key(&Field::Members) {
            s.members = split(get(row, Field::Members));
        }
        if mapping.columns.contains_key(&Field::Attachments) {
            s.attachments = split(get(row, Field::Attachments));
        }
        if !contact.is_empty() {
            s.contact = contact.join("; ");
        }
        if mapping.columns.contains_key(&Field::Category) {
            s.category = category;
        }
        let too_long = limits::submission(&s).into_iter().find_map(|p| match p.kind {
            crate::store::ProblemKind::TooLong { field, length, max } => {
                Some(RowProblemKind::TooLong { field, length, max })
            }
            crate::store::ProblemKind::TooMany { field, count, max } => {
                Some(RowProblemKind::TooMany { field, count, max })
            }
            _ => None,
        });
        if let Some(kind) = too_long {
            plan.problems.push(problem(kind));
            continue;
        }
        match existing {
            None => plan.added.push(s),
            Some(old) if *old == s => plan.unchanged += 1,
            Some(_) => plan.updated.push(s),
        }
    }
    plan
}

/// Applies a plan: adds and updates submissions, each change in the audit log.
pub fn apply_import(session: &mut Session, plan: &ImportPlan, by: &str, source: &str, at: jiff::Timestamp) {
    let note = format!("import of {source}");
    for s in &plan.updated {
        if let Some(old) = session.submissions.iter_mut().find(|x| x.id == s.id) {
            session.audit.push(AuditEntry::new(
                at,
                by,
                AuditKind::Import,
                format!("submission {}", s.id),
                Some(old.title.clone()),
                Some(s.title.clone()),
                &note,
            ));
            *old = s.clone();
        }
    }
    for s in &plan.added {
        session.audit.push(AuditEntry::new(
            at,
            by,
            AuditKind::Import,
            format!("submission {}", s.id),
            None,
            Some(s.title.clone()),
            &note,
        ));
        session.submissions.push(s.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_get_back_the_zero_excel_dropped() {
        assert_eq!(phone("912345678".into()), "0912345678");
        assert_eq!(phone("2253123456".into()), "02253123456");
        for kept in [
            "0912345678",
            "+84912345678",
            "0912 345 678",
            "84912345678",
            "113",
            "",
        ] {
            assert_eq!(phone(kept.into()), kept);
        }
    }

    #[test]
    fn guesses_vietnamese_and_english_headers() {
        let headers: Vec<String> = [
            "STT",
            "Mã dự án",
            "Tên dự án",
            "Tên nhóm",
            "Trưởng nhóm",
            "Đơn vị",
            "Lĩnh vực",
            "Bảng",
            "Email",
            "Số điện thoại",
            "Mô tả",
        ]
        .map(String::from)
        .to_vec();
        let m = guess_mapping(&headers);
        let at = |f| m.columns.get(&f).copied();
        assert_eq!(at(Field::Id), Some(1));
        assert_eq!(at(Field::Title), Some(2));
        assert_eq!(at(Field::Members), Some(3));
        assert_eq!(at(Field::Leader), Some(4));
        assert_eq!(at(Field::Organization), Some(5));
        assert_eq!(at(Field::Sector), Some(6));
        assert_eq!(at(Field::Category), Some(7));
        assert_eq!(at(Field::Email), Some(8));
        assert_eq!(at(Field::Phone), Some(9));
        assert_eq!(at(Field::Description), Some(10));
        let en: Vec<String> = ["Project title", "Team leader", "Organization", "E-mail"]
            .map(String::from)
            .to_vec();
        let m = guess_mapping(&en);
        assert_eq!(m.columns.get(&Field::Title), Some(&0));
        assert_eq!(m.columns.get(&Field::Leader), Some(&1));
        assert_eq!(m.columns.get(&Field::Organization), Some(&2));
        assert_eq!(m.columns.get(&Field::Email), Some(&3));
    }

    #[test]
    fn results_headings_are_whole_headings() {
        for results in [
            "Hạng",
            "Điểm",
            "Giải",
            "Giá trị giải (VND)",
            "Số phiếu tính",
            "Giám khảo",
            "Tiêu chí",
            "Thang điểm",
            "Tổng",
            "TC1 (tối đa 20)",
            "TC12 (max 7,5)",
            "Rank",
            "Score",
            "Prize (VND)",
            "Sheets counted",
            "Criterion",
            "  tổng điểm ",
        ] {
            assert!(is_result_heading(results), "{results}");
        }
        for registration in [
            "Hạng mục",
            "Địa điểm",
            "Giải pháp",
            "Mô tả giải pháp",
            "Tổng số thành viên",
            "Tên dự án",
            "TC",
            "Tcx",
            "Điểm mạnh của dự án",
            "Scoring notes",
            "",
        ] {
            assert!(!is_result_heading(registration), "{registration}");
        }
    }

    #[test]
    fn a_registration_header_names_a_title_and_another_field_and_no_result() {
        let table = |headers: &[&str]| Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            ..Default::default()
        };
        let ok = recognise(&table(&["STT", "Tên dự án", "Trưởng nhóm", "Hạng mục"])).unwrap();
        assert_eq!(ok.columns.get(&Field::Title), Some(&1));
        assert_eq!(ok.columns.get(&Field::Category), Some(&3));
        assert_eq!(
            recognise(&table(&["Mã", "Tên dự án", "Đơn vị", "Điểm", "", "Hạng"])),
            Err(NotRegistrations::ResultsOrScores {
                results: vec!["Điểm".into(), "Hạng".into()],
                headers: ["Mã", "Tên dự án", "Đơn vị", "Điểm", "Hạng"]
                    .map(String::from)
                    .to_vec(),
            })
        );
        assert_eq!(
            recognise(&table(&["Cột A", "Cột B"])),
            Err(NotRegistrations::NoTitle {
                headers: vec!["Cột A".into(), "Cột B".into()]
            })
        );
        assert_eq!(
            recognise(&table(&["Mã", "Tên dự án", "PGS.TS. Nguyễn Văn Hải"])),
            Err(NotRegistrations::TitleOnly {
                title: "Tên dự án".into(),
                headers: ["Mã", "Tên dự án", "PGS.TS. Nguyễn Văn Hải"]
                    .map(String::from)
                    .to_vec(),
            })
        );
    }

    #[test]
    fn decodes_and_detects() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa,b").as_deref(), Some("a,b"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Tên\tĐơn vị".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&utf16).as_deref(), Some("Tên\tĐơn vị"));
        assert_eq!(decode_text(&[0xC3, 0x28]), None);
        assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n1;2;3"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("a,b"), b',');
    }

    #[test]
    fn cells_come_out_trimmed_and_composed() {
        // "Hải Phòng" typed with combining marks (as some Mac and web forms store it).
        let decomposed = "  Ha\u{0309}i Pho\u{0300}ng ";
        assert_eq!(clean(decomposed), "Hải Phòng");
        assert_eq!(clean(" Hải Phòng\t"), "Hải Phòng");
        assert_eq!(clean(" DA-07 "), "DA-07");
        assert_eq!(fold(decomposed.trim()), "hai phong");
        assert_eq!(fold("Project Title"), "project title");
        assert_eq!(fold("Đơn vị"), "don vi");
    }
}
