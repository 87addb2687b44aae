//! Workbooks that are zip archives (.xlsx, .ods) looked at before calamine reads them, as
//! [`super::compound`] does for legacy .xls. A few hundred kilobytes of zip can unpack to gigabytes,
//! and calamine builds much of a workbook in memory when it opens it: every shared string of an
//! .xlsx (with room reserved for as many as the part's header promises), its styles (each cell format
//! with a copy of its font and number format), and every sheet of an .ods as a grid, with repeated
//! cells and spaces spelt out. A failed allocation stops the process — no catch helps — so the
//! archive is measured here first:
//!
//! - every part's declared uncompressed size (the zip reader calamine uses stops a part that
//!   unpacks to more than it declares, so the declared size is a true bound) is at most [`MAX_PART`];
//! - what calamine builds when it opens the workbook is estimated, generously, from the parts
//!   themselves — an .xlsx by counting the elements each of its structures comes from, an .ods by
//!   going through its content the way calamine does, repeats included — and must stay under
//!   [`MAX_OPEN`]; an .ods sheet must also span at most [`MAX_CELLS`] cells.
//!
//! The cells of an .xlsx sheet are not read at opening: `import.rs` streams them and stops at its own
//! caps (a sheet's span, a cell's length, the text in all).

use std::io::{BufRead, BufReader, Cursor, Read, Seek};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

pub use super::compound::MAX_CELLS;

/// The most a part of a workbook may unpack to: 64 MiB. The shared strings of a list of 10,000
/// registrations with long descriptions are about 30 MB.
pub const MAX_PART: u64 = 64 << 20;

/// The most memory calamine may need, by the estimate here, to open a workbook: 256 MiB.
pub const MAX_OPEN: u64 = 256 << 20;

/// What kind of workbook the archive is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Ods,
}

/// What is wrong with a workbook's archive, when something is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Defect {
    /// Not a zip archive the reader can open; the reader's words.
    NotZip(String),
    /// A part unpacks to more than [`MAX_PART`].
    PartTooBig { part: String, size: u64 },
    /// Opening it would take more than [`MAX_OPEN`] (by the estimate).
    TooBig { bytes: u64 },
    /// An .ods sheet spans more than [`MAX_CELLS`] cells.
    TooWide { rows: u64, columns: u64 },
    /// An .ods whose content ends inside a sheet or a note: calamine would read on for ever.
    Damaged,
}

/// Checks a workbook's archive before calamine opens it, and says which kind it is: an .ods has a
/// "mimetype" part, anything else is taken for an .xlsx.
pub fn check(bytes: &[u8]) -> Result<Kind, Defect> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Defect::NotZip(format!("Zip error: {e}")))?;
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let file = zip
            .by_index_raw(i)
            .map_err(|e| Defect::NotZip(format!("Zip error: {e}")))?;
        if file.size() > MAX_PART {
            let part = file.name().map(|n| n.into_owned()).unwrap_or_default();
            return Err(Defect::PartTooBig {
                part,
                size: file.size(),
            });
        }
        declared = declared.saturating_add(file.size());
    }
    if zip.index_for_name("mimetype").is_some() {
        let bytes = ods_open_cost(&mut zip)?.saturating_add(declared);
        fits(bytes)?;
        Ok(Kind::Ods)
    } else {
        let bytes = xlsx_open_cost(&mut zip).saturating_add(declared);
        fits(bytes)?;
        Ok(Kind::Xlsx)
    }
}

fn fits(bytes: u64) -> Result<(), Defect> {
    if bytes > MAX_OPEN {
        Err(Defect::TooBig { bytes })
    } else {
        Ok(())
    }
}

/// An XML reader set up as calamine sets up its own, so that both see the same events.
fn xml<R: BufRead>(source: R) -> XmlReader<R> {
    let mut r = XmlReader::from_reader(source);
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    r
}

/// An element's attributes as calamine reads them (its own scanner, not quick-xml's): key and raw
/// value, stopping at the first malformed one (where calamine stops with an error).
fn attrs<'a>(e: &'a BytesStart<'_>) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    let raw = e.attributes_raw();
    let bytes = raw.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let key_start = pos;
        while pos < bytes.len() && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= bytes.len() {
            return None;
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = *bytes.get(pos).filter(|q| **q == b'"' || **q == b'\'')?;
        pos += 1;
        let start = pos;
        while pos < bytes.len() && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[start..pos];
        pos = (pos + 1).min(bytes.len());
        Some((key, value))
    })
}

fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<&'a str> {
    attrs(e).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// An attribute's value with its entities replaced, as calamine decodes it.
fn decoded(value: &str) -> Option<String> {
    quick_xml::escape::unescape(value).ok().map(|v| v.into_owned())
}

/// A heap allocation's bookkeeping, and the slack of a vector that grew by doubling.
const ALLOC: u64 = 32;

fn size<T>() -> u64 {
    std::mem::size_of::<T>() as u64
}

/// What calamine builds when it opens an .xlsx, estimated from every part of the archive (so that
/// nothing depends on finding the parts the way calamine does): each structure from the elements it
/// comes from, counted wherever they are, twice over for vectors that grew by doubling; copies made
/// for every cell format (its font's name, its number format) and every sheet (its path) at the
/// longest such text found; the room reserved for the shared strings the header promises. The text
/// itself is bounded by the parts' sizes, added by the caller.
fn xlsx_open_cost<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> u64 {
    #[derive(Default)]
    struct Tally {
        strings: u64,
        formats: u64,
        fonts: u64,
        fills: u64,
        borders: u64,
        number_formats: u64,
        sheets: u64,
        names: u64,
        relationships: u64,
        colours: u64,
        promised: u64,
        longest_font: u64,
        longest_format: u64,
        longest_name: u64,
        longest_target: u64,
    }
    let mut t = Tally::default();
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index(i) else {
            continue;
        };
        let mut reader = xml(BufReader::new(file));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let e = match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => e,
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let long = |v: Option<&str>| v.map_or(0, |v| v.len() as u64);
            match e.local_name().as_ref() {
                "si" => t.strings += 1,
                "sst" => {
                    let promised = attr(&e, "uniqueCount")
                        .map(|v| v.trim_start_matches('0'))
                        .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
                        .and_then(|v| if v.is_empty() { Some(0) } else { v.parse().ok() })
                        .unwrap_or(0);
                    t.promised = t.promised.max(promised);
                }
                "xf" => t.formats += 1,
                "font" => t.fonts += 1,
                "fill" => t.fills += 1,
                "border" => t.borders += 1,
                "numFmt" => {
                    t.number_formats += 1;
                    t.longest_format = t.longest_format.max(long(attr(&e, "formatCode")));
                }
                "name" => t.longest_font = t.longest_font.max(long(attr(&e, "val"))),
                "sheet" => {
                    t.sheets += 1;
                    t.longest_name = t.longest_name.max(long(attr(&e, "name")));
                }
                "definedName" => t.names += 1,
                "Relationship" => {
                    t.relationships += 1;
                    t.longest_target = t.longest_target.max(long(attr(&e, "Target")));
                }
                "dk1" | "lt1" | "dk2" | "lt2" | "accent1" | "accent2" | "accent3" | "accent4" | "accent5"
                | "accent6" | "hlink" | "folHlink" | "srgbClr" | "sysClr" => t.colours += 1,
                _ => {}
            }
        }
    }
    let string = size::<String>();
    let each = |count: u64, cost: u64| count.saturating_mul(cost);
    [
        each(t.promised, string),
        each(t.strings, 2 * string + ALLOC),
        each(
            t.formats,
            2 * (size::<calamine::Style>() + 8) + t.longest_font + t.longest_format + 2 * ALLOC,
        ),
        each(t.fonts, 2 * size::<calamine::Font>()),
        each(t.fills, 2 * size::<calamine::Fill>()),
        each(t.borders, 2 * size::<calamine::Borders>()),
        each(t.number_formats, 4 * string + 2 * ALLOC),
        each(
            t.sheets,
            2 * (size::<calamine::Sheet>() + 2 * string)
                + 2 * t.longest_name
                + 2 * t.longest_target
                + 3 * ALLOC,
        ),
        each(t.names, 4 * string + 2 * ALLOC),
        each(t.relationships, 6 * string + 3 * ALLOC),
        each(t.colours, 2 * size::<calamine::Color>()),
    ]
    .into_iter()
    .fold(0u64, u64::saturating_add)
}

/// calamine's limits for an .ods sheet: rows, and columns in a row.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// The grid calamine lays one sheet of an .ods out in, built up row by row as calamine's `get_range`
/// does: from the first row with something in it to the last, rows repeated as many times as they
/// say, and as wide as the widest span of cells with something in them.
#[derive(Default)]
struct Grid {
    /// Rows laid out so far (up to the last row with something in it).
    rows: u64,
    /// Empty rows since then, laid out only if a row with something comes after them.
    pending: u64,
    first_column: Option<u64>,
    last_column: u64,
    /// The text copied into the grid: each row's text as many times as the row is repeated.
    text: u64,
}

impl Grid {
    /// A row: `repeats` times, its cells with something in them from `span` (first, last), and
    /// `text` bytes of theirs.
    fn row(&mut self, repeats: u64, span: Option<(u64, u64)>, text: u64) {
        match span {
            None => {
                if self.first_column.is_some() {
                    self.pending = self.pending.saturating_add(repeats);
                }
            }
            Some((first, last)) => {
                self.first_column = Some(self.first_column.map_or(first, |f| f.min(first)));
                self.last_column = self.last_column.max(last);
                self.rows = self.rows.saturating_add(self.pending).saturating_add(repeats);
                self.pending = 0;
                self.text = self.text.saturating_add(repeats.saturating_mul(text));
            }
        }
    }

    fn columns(&self) -> u64 {
        self.first_column.map_or(0, |f| self.last_column - f + 1)
    }

    fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.columns())
    }
}

/// One row of an .ods as calamine's `read_row` pushes it: cells (empty ones held back until a cell
/// with something follows them), at most [`ODS_MAX_COLUMNS`].
#[derive(Default)]
struct Row {
    pushed: u64,
    /// First and last position of a cell with a value, and of one with a formula.
    values: Option<(u64, u64)>,
    formulas: Option<(u64, u64)>,
    value_text: u64,
    formula_text: u64,
}

fn widen(span: &mut Option<(u64, u64)>, first: u64, last: u64) {
    *span = Some(span.map_or((first, last), |(f, l)| (f.min(first), l.max(last))));
}

/// A cell's value as calamine's `get_datatype` makes it: whether it is empty, its text's length in
/// bytes, and its formula's; None where calamine stops with an error.
struct Cell {
    empty: bool,
    text: u64,
    formula: u64,
    /// Whether its end was read (a text cell); otherwise calamine skips to it.
    closed: bool,
}

/// What an .ods asks of calamine when it opens it: its whole content.xml goes through the steps of
/// calamine's `parse_content`, `read_table`, `read_row` and `get_datatype`, counting what each would
/// allocate instead of allocating it.
fn ods_open_cost<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<u64, Defect> {
    let Ok(file) = zip.by_name("content.xml") else {
        return Ok(0);
    };
    let mut reader = xml(BufReader::new(file));
    let mut cost = 0u64;
    // The name of the style being read: calamine copies it for each of its table properties.
    let mut style_name = 0u64;
    let mut buf = Vec::new();
    loop {
        let mut table = false;
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                "table:table" => table = attr(&e, "table:name").is_some(),
                "style:style" => {
                    style_name = attr(&e, "style:name")
                        .and_then(decoded)
                        .map_or(0, |n| n.len() as u64 + ALLOC)
                }
                "style:table-properties" => cost = cost.saturating_add(style_name + ALLOC),
                "table:named-range" | "table:named-expression" => {
                    cost = cost.saturating_add(4 * size::<String>() + 2 * ALLOC)
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
        if table {
            match ods_table(&mut reader)? {
                Some(table) => cost = cost.saturating_add(table),
                None => break,
            }
        }
        if cost > MAX_OPEN {
            break;
        }
    }
    Ok(cost)
}

/// One sheet of an .ods: what calamine allocates for it, or None where calamine stops with an error
/// (it allocates nothing more).
fn ods_table<B: BufRead>(reader: &mut XmlReader<B>) -> Result<Option<u64>, Defect> {
    let data = size::<calamine::Data>();
    let string = size::<String>();
    let mut values = Grid::default();
    let mut formulas = Grid::default();
    let mut pushed = 0u64;
    let mut pushed_text = 0u64;
    let mut total_rows = 0u64;
    let mut buf = Vec::new();
    let mut row_buf = Vec::new();
    let mut cell_buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                let Some(repeats) = attr(&e, "table:number-rows-repeated").map_or(Some(1), |v| {
                    decoded(v).and_then(|v| v.parse::<usize>().ok()).map(|v| v as u64)
                }) else {
                    return Ok(None);
                };
                let repeats = repeats.min(ODS_MAX_ROWS.saturating_sub(total_rows));
                total_rows = total_rows.saturating_add(repeats);
                let Some(row) = ods_row(reader, &mut row_buf, &mut cell_buf)? else {
                    return Ok(None);
                };
                pushed = pushed.saturating_add(row.pushed);
                pushed_text = pushed_text
                    .saturating_add(row.value_text)
                    .saturating_add(row.formula_text);
                values.row(repeats, row.values, row.value_text);
                formulas.row(repeats, row.formulas, row.formula_text);
                for grid in [&values, &formulas] {
                    if grid.cells() > MAX_CELLS {
                        return Err(Defect::TooWide {
                            rows: grid.rows,
                            columns: grid.columns(),
                        });
                    }
                }
                if pushed > MAX_CELLS {
                    return Err(Defect::TooBig {
                        bytes: pushed.saturating_mul(data + string),
                    });
                }
                let so_far = pushed_text
                    .saturating_add(values.text)
                    .saturating_add(formulas.text);
                if so_far > MAX_OPEN {
                    return Err(Defect::TooBig { bytes: so_far });
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table" => break,
            // calamine reads on past the end of the file, for ever.
            Ok(Event::Eof) => return Err(Defect::Damaged),
            Err(_) => return Ok(None),
            Ok(_) => {}
        }
    }
    let cost = [
        2 * pushed.saturating_mul(data + string),
        pushed_text,
        values.cells().saturating_mul(data),
        values.text,
        formulas.cells().saturating_mul(string),
        formulas.text,
    ];
    Ok(Some(cost.into_iter().fold(0u64, u64::saturating_add)))
}

/// One row, as calamine's `read_row`; None where calamine stops with an error.
fn ods_row<B: BufRead>(
    reader: &mut XmlReader<B>,
    row_buf: &mut Vec<u8>,
    cell_buf: &mut Vec<u8>,
) -> Result<Option<Row>, Defect> {
    let mut row = Row::default();
    let mut held_back = 0u64;
    loop {
        row_buf.clear();
        let (closed, name) = match reader.read_event_into(row_buf) {
            Ok(Event::Start(e))
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let Some(repeats) = attr(&e, "table:number-columns-repeated")
                    .map_or(Some(1), |v| v.parse::<usize>().ok().map(|v| v as u64))
                else {
                    return Ok(None);
                };
                let Some(cell) = ods_cell(reader, &e, cell_buf)? else {
                    return Ok(None);
                };
                let name = e.name().as_ref().to_string();
                let held = held_back.min(ODS_MAX_COLUMNS.saturating_sub(row.pushed));
                row.pushed += held;
                held_back = 0;
                let repeats = repeats.min(ODS_MAX_COLUMNS.saturating_sub(row.pushed));
                if cell.empty && cell.formula == 0 {
                    held_back = repeats;
                } else if repeats > 0 {
                    let (first, last) = (row.pushed, row.pushed + repeats - 1);
                    if !cell.empty {
                        widen(&mut row.values, first, last);
                    }
                    if cell.formula > 0 {
                        widen(&mut row.formulas, first, last);
                    }
                    row.value_text = row.value_text.saturating_add(repeats.saturating_mul(cell.text));
                    row.formula_text = row
                        .formula_text
                        .saturating_add(repeats.saturating_mul(cell.formula));
                    row.pushed += repeats;
                }
                (cell.closed, name)
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => return Ok(Some(row)),
            _ => return Ok(None),
        };
        if !closed {
            // calamine skips to the cell's end; at the end of the file it stops with an error.
            if reader
                .read_to_end_into(quick_xml::name::QName(&name), cell_buf)
                .is_err()
            {
                return Ok(None);
            }
        }
    }
}

/// A cell's value, as calamine's `get_datatype` reads it; None where calamine stops with an error.
fn ods_cell<B: BufRead>(
    reader: &mut XmlReader<B>,
    e: &BytesStart<'_>,
    buf: &mut Vec<u8>,
) -> Result<Option<Cell>, Defect> {
    let mut is_string = false;
    let mut is_error = false;
    let mut value_set = false;
    let mut empty = true;
    // The value is an empty string (calamine then reads an error's text from the content).
    let mut empty_string = false;
    let mut text = 0u64;
    let mut formula = 0u64;
    for (key, value) in attrs(e) {
        match key {
            "office:value" | "office:boolean-value" if !value_set => {
                empty = false;
                value_set = true;
            }
            "office:string-value" | "office:date-value" | "office:time-value" if !value_set => {
                let Some(v) = decoded(value) else {
                    return Ok(None);
                };
                text = v.len() as u64;
                empty_string = key == "office:string-value" && v.is_empty();
                empty = false;
                value_set = true;
            }
            "office:value-type" if !value_set => is_string = value == "string",
            "calcext:value-type" => is_error = value == "error",
            "table:formula" => {
                let Some(v) = decoded(value) else {
                    return Ok(None);
                };
                formula = v.len() as u64;
            }
            _ => {}
        }
    }
    if !((!value_set && is_string) || (is_error && empty_string)) {
        return Ok(Some(Cell {
            empty,
            text,
            formula,
            closed: false,
        }));
    }
    // The value is the content: paragraphs, spaces (repeated as they say), tabs and line breaks.
    let mut text = 0u64;
    let mut first_paragraph = true;
    loop {
        buf.clear();
        match reader.read_event_into(buf) {
            Ok(Event::Text(t)) => text = text.saturating_add(t.len() as u64),
            Ok(Event::GeneralRef(_)) => text = text.saturating_add(4),
            Ok(Event::End(end))
                if matches!(
                    end.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                return Ok(Some(Cell {
                    empty: false,
                    text,
                    formula,
                    closed: true,
                }));
            }
            Ok(Event::Start(s)) if s.name().as_ref() == "office:annotation" => loop {
                match reader.read_event_into(buf) {
                    Ok(Event::End(end)) if end.name().as_ref() == "office:annotation" => break,
                    // calamine looks for the note's end past the end of the file, for ever.
                    Ok(Event::Eof) => return Err(Defect::Damaged),
                    Err(_) => return Ok(None),
                    _ => {}
                }
            },
            Ok(Event::Start(s)) if s.name().as_ref() == "text:p" => {
                if !first_paragraph {
                    text = text.saturating_add(1);
                }
                first_paragraph = false;
            }
            Ok(Event::Start(s)) if s.name().as_ref() == "text:s" => {
                let count = match attr(&s, "text:c") {
                    Some(v) => match decoded(v).and_then(|v| v.parse::<i32>().ok()) {
                        Some(n) => n.max(0) as u64,
                        None => return Ok(None),
                    },
                    None => 1,
                };
                text = text.saturating_add(count);
            }
            Ok(Event::Start(s)) if matches!(s.name().as_ref(), "text:tab" | "text:line-break") => {
                text = text.saturating_add(1);
            }
            Ok(Event::Eof) | Err(_) => return Ok(None),
            _ => {}
        }
        if text > MAX_OPEN {
            return Err(Defect::TooBig { bytes: text });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_as_calamine_reads_them() {
        let mut reader = xml(&br#"<c r="A1" t = 's' bad x="1"/>"#[..]);
        let mut buf = Vec::new();
        let Ok(Event::Start(e)) = reader.read_event_into(&mut buf) else {
            panic!("a start");
        };
        let all: Vec<(&str, &str)> = attrs(&e).collect();
        // "bad x" is a key without "=" up to "x": calamine stops there with an error.
        assert_eq!(all[..2], [("r", "A1"), ("t", "s")]);
        assert_eq!(attr(&e, "t"), Some("s"));
    }
}
