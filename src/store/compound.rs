//! Legacy Excel 97–2003 workbooks (.xls) looked at before calamine reads them. An .xls is a compound
//! file (sectors chained through a FAT, like a small file system) holding a "Workbook" stream of BIFF
//! records. calamine follows the sector chains without a bound, and lays every sheet out as a dense
//! grid from the cells' positions and the sheet's declared dimensions. Fuzzing found small files that
//! exploit both: a chain that loops (calamine reads for ever) and a cell placed far away or
//! dimensions declared huge (calamine asks for tens of gigabytes, and the process is stopped — a
//! panic can be caught, a failed allocation cannot). Both are checked here, on the bytes, first. So is
//! the text calamine copies: every cell that shows a shared string gets a copy of it, and one string
//! of 65,535 characters shown in a hundred thousand 14-byte cells is gigabytes from a 1.4 MB file.

/// The first bytes of a compound file: a legacy .xls, or a workbook locked with a password.
pub const SIGNATURE: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// The most cells a sheet may span (rows × columns between its outermost cells) for giamkhao to lay it
/// out: 4 million cells, about 130 MB in calamine's grid. A registrations list is far smaller
/// (10,000 rows × 30 columns is 300,000).
pub const MAX_CELLS: u64 = 4_000_000;

/// What is wrong with a compound file, when something is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Defect {
    /// A sector chain loops or points outside the file, the workbook stream cannot be read plainly,
    /// or a sheet declares an impossible size.
    Damaged,
    /// A sheet spans more cells than [`MAX_CELLS`].
    TooWide { rows: u64, columns: u64 },
    /// The shared strings and the copies the cells showing them get take more than
    /// [`super::zipped::MAX_OPEN`] bytes (at most, by their lengths).
    TooBig { bytes: u64 },
}

/// The most bytes a character of a shared string becomes once decoded: two bytes of the file, each
/// up to three in UTF-8.
const BYTES_PER_CHAR: u64 = 6;

const END: u32 = 0xffff_fffe;
const RESERVED: u32 = 0xffff_fffa;

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    b.get(o..o + 2).map(|w| u16::from_le_bytes([w[0], w[1]]))
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    b.get(o..o + 4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

fn words(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect()
}

/// A compound file's tables, read from its bytes.
struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    directory: Vec<u8>,
    /// How many sectors the mini FAT has, as the header says (calamine reads no mini stream at 0).
    mini_fat_sectors: u32,
}

/// Streams shorter than this live in the mini stream (calamine takes the standard's value, whatever
/// the header says).
const MINI_CUTOFF: u64 = 4096;

impl<'a> Compound<'a> {
    /// The tables, or None when the header, the FAT's own sectors or the directory's chain is broken.
    fn open(bytes: &'a [u8]) -> Option<Compound<'a>> {
        let sector_size = match u16_at(bytes, 30)? {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        let mut c = Compound {
            bytes,
            sector_size,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            directory: Vec::new(),
            mini_fat_sectors: u32_at(bytes, 64).unwrap_or(0),
        };
        // The FAT's own sectors: listed in the header, then in a chain of DIFAT sectors.
        let mut difat = words(&bytes[76.min(bytes.len())..512.min(bytes.len())]);
        let mut next = u32_at(bytes, 68).unwrap_or(END);
        let mut hops = 0;
        while next < RESERVED {
            hops += 1;
            if hops > c.max_sectors() {
                return None;
            }
            let mut w = words(c.sector(next)?);
            next = w.pop().unwrap_or(END);
            difat.extend(w);
        }
        for id in difat.into_iter().filter(|id| *id < RESERVED) {
            let fat = words(c.sector(id)?);
            c.fat.extend(fat);
        }
        c.directory = c.chain(u32_at(bytes, 48).unwrap_or(END))?;
        if let Some(start) = u32_at(bytes, 60).filter(|s| *s < RESERVED) {
            c.mini_fat = words(&c.chain(start)?);
        }
        Some(c)
    }

    fn max_sectors(&self) -> usize {
        self.bytes.len() / self.sector_size + 1
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        self.bytes.get(start..start.checked_add(self.sector_size)?)
    }

    /// The links of a chain in `table`, or None when it loops or leaves the table.
    fn walk(table: &[u32], mut id: u32) -> Option<Vec<u32>> {
        let mut seen = vec![false; table.len()];
        let mut links = Vec::new();
        while id != END {
            let i = id as usize;
            if i >= table.len() || seen[i] {
                return None;
            }
            seen[i] = true;
            links.push(id);
            id = table[i];
        }
        Some(links)
    }

    /// The bytes of a chain of sectors in the FAT.
    fn chain(&self, start: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in Self::walk(&self.fat, start)? {
            out.extend_from_slice(self.sector(id)?);
        }
        Some(out)
    }

    /// The directory's entries: (name, first sector, length). The name is read as calamine reads it:
    /// all 64 bytes as UTF-16, up to the first NUL (the name's length field is not trusted).
    fn entries(&self) -> impl Iterator<Item = (String, u32, u64)> + '_ {
        let wide = self.sector_size != 512;
        self.directory.chunks_exact(128).map(move |e| {
            let name: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|w| u16::from_le_bytes([w[0], w[1]]))
                .take_while(|c| *c != 0)
                .collect();
            let start = u32_at(e, 116).unwrap_or(END);
            // Version 3 files (512-byte sectors) keep a 32-bit length, version 4 a 64-bit one.
            let mut len = [0u8; 8];
            let width = if wide { 8 } else { 4 };
            len[..width].copy_from_slice(&e[120..120 + width]);
            (String::from_utf16_lossy(&name), start, u64::from_le_bytes(len))
        })
    }

    /// Whether the chain of every stream ends inside the file.
    fn chains_end(&self) -> bool {
        self.entries().enumerate().all(|(k, (_, start, len))| {
            if start >= RESERVED {
                return true;
            }
            let table = if k > 0 && len < MINI_CUTOFF {
                &self.mini_fat
            } else {
                &self.fat
            };
            Self::walk(table, start).is_some()
        })
    }

    /// A stream found by name the way calamine finds it: the first entry whose name matches, ignoring
    /// ASCII case. Its first sector and length.
    fn find(&self, wanted: &str) -> Option<(u32, u64)> {
        self.entries()
            .find(|(name, ..)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, start, len)| (start, len))
    }

    /// A stream's bytes, from the FAT or the mini stream. None when any part of it cannot be read
    /// plainly — a sector beyond the file, a mini sector beyond the mini stream, no mini FAT — where
    /// calamine would read something else (it pads, or reads on from wherever the file is).
    fn read(&self, start: u32, len: u64) -> Option<Vec<u8>> {
        let (_, root_start, root_len) = self.entries().next()?;
        let len = usize::try_from(len).ok()?;
        let mut out = if (len as u64) < MINI_CUTOFF {
            if self.mini_fat_sectors == 0 {
                return None;
            }
            let mut mini_stream = self.chain(root_start)?;
            mini_stream.truncate(usize::try_from(root_len).ok()?);
            let mut out = Vec::new();
            for id in Self::walk(&self.mini_fat, start)? {
                if out.len() >= len {
                    break;
                }
                let at = (id as usize).checked_mul(64)?;
                out.extend_from_slice(mini_stream.get(at..at.checked_add(64)?)?);
            }
            out
        } else {
            self.chain(start)?
        };
        out.truncate(len);
        Some(out)
    }
}

/// Checks a legacy .xls before calamine reads it: its sector chains end, and no sheet spans more than
/// [`MAX_CELLS`] (by its cells' positions or its declared dimensions).
pub fn check_xls(bytes: &[u8]) -> Result<(), Defect> {
    let compound = Compound::open(bytes).ok_or(Defect::Damaged)?;
    if !compound.chains_end() {
        return Err(Defect::Damaged);
    }
    // calamine reads "Workbook", else "Book"; a file with neither is calamine's to refuse, in its words.
    let Some((start, len)) = compound.find("Workbook").or_else(|| compound.find("Book")) else {
        return Ok(());
    };
    let stream = compound.read(start, len).ok_or(Defect::Damaged)?;
    check_sheets(&stream)
}

/// One BIFF record: its type and data (a CONTINUE record's data is not needed here).
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = u16_at(stream, 2)? as usize;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

/// The rows and columns between the outermost of some cells.
#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, row: u32, column: u32) {
        let grow = |r: &mut Option<(u32, u32)>, v: u32| {
            *r = Some(r.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        };
        grow(&mut self.rows, row);
        grow(&mut self.columns, column);
    }

    fn check(&self) -> Result<(), Defect> {
        let (Some((r0, r1)), Some((c0, c1))) = (self.rows, self.columns) else {
            return Ok(());
        };
        fits(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1)
    }
}

fn fits(rows: u64, columns: u64) -> Result<(), Defect> {
    if rows.saturating_mul(columns) > MAX_CELLS {
        Err(Defect::TooWide { rows, columns })
    } else {
        Ok(())
    }
}

/// Goes through every sheet the workbook lists, from where it says the sheet starts, the way calamine
/// will: cells (and formulas) by position, the DIMENSIONS record's declared size, and the copies of
/// the shared strings the cells show.
fn check_sheets(stream: &[u8]) -> Result<(), Defect> {
    // The workbook globals, up to their EOF: where each sheet starts (BOUNDSHEET), and the shared
    // strings (SST, the last one, with the CONTINUE records after it).
    let mut starts = Vec::new();
    let mut strings = Vec::new();
    let mut globals = records(stream).peekable();
    while let Some((typ, data)) = globals.next() {
        match typ {
            0x0085 => starts.extend(u32_at(data, 0)),
            0x00FC => {
                let mut chunks = vec![data];
                while let Some((0x003C, more)) = globals.peek() {
                    chunks.push(more);
                    globals.next();
                }
                strings = shared_strings(&chunks);
            }
            0x000A => break,
            _ => {}
        }
    }
    let table: u64 = strings.iter().map(|&n| u64::from(n) * BYTES_PER_CHAR + 24).sum();
    let mut copied = table;
    for start in starts {
        let Some(sheet) = stream.get(start as usize..) else {
            continue;
        };
        copied = copied.saturating_add(check_sheet(sheet, &strings)?);
        if copied > super::zipped::MAX_OPEN {
            return Err(Defect::TooBig { bytes: copied });
        }
    }
    Ok(())
}

/// The length in characters of each shared string of an SST record and the CONTINUE records after it,
/// read as calamine's `parse_sst` reads them (a string's characters may go on in the next record,
/// which starts with their width again); where calamine would stop with an error, those read so far.
fn shared_strings(chunks: &[&[u8]]) -> Vec<u32> {
    let Some(data) = chunks.first().and_then(|d| d.get(8..)) else {
        return Vec::new();
    };
    let mut r = Continued {
        data,
        rest: &chunks[1..],
    };
    let mut lengths = Vec::new();
    while !r.data.is_empty() || r.next() {
        match r.string() {
            Some(n) => lengths.push(n),
            None => break,
        }
    }
    lengths
}

/// A record's data and the CONTINUE records after it, read as one.
struct Continued<'a> {
    data: &'a [u8],
    rest: &'a [&'a [u8]],
}

impl Continued<'_> {
    fn next(&mut self) -> bool {
        match self.rest.split_first() {
            Some((data, rest)) => {
                self.data = data;
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if self.data.is_empty() && !self.next() {
                return None;
            }
            let l = n.min(self.data.len());
            self.data = &self.data[l..];
            n -= l;
        }
        Some(())
    }

    /// One `XLUnicodeRichExtendedString`: its length in characters.
    fn string(&mut self) -> Option<u32> {
        if self.data.is_empty() {
            return Some(0);
        }
        let cch = u16_at(self.data, 0)?;
        let flags = *self.data.get(2)?;
        self.data = &self.data[3..];
        let mut wide = flags & 0x1 != 0;
        let mut runs = 0usize;
        let mut extra = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(u16_at(self.data, 0)?);
            self.data = self.data.get(2..)?;
        }
        if flags & 0x4 != 0 {
            extra = usize::try_from(i32::from_le_bytes(self.data.get(..4)?.try_into().ok()?)).ok()?;
            self.data = &self.data[4..];
        }
        let mut left = usize::from(cch);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let l = (self.data.len() / width).min(left);
            self.data = &self.data[l * width..];
            left -= l;
            if left > 0 {
                if !self.next() {
                    return None;
                }
                wide = *self.data.first()? & 0x1 != 0;
                self.data = &self.data[1..];
            }
        }
        self.skip(runs * 4)?;
        self.skip(extra)?;
        Some(u32::from(cch))
    }
}

/// One sheet: its span, and the bytes of the shared strings its cells get copies of.
fn check_sheet(sheet: &[u8], strings: &[u32]) -> Result<u64, Defect> {
    let mut copied = 0u64;
    let mut cells = Span::default();
    let mut formulas = Span::default();
    let mut depth = 0usize;
    let mut seen_bof = false;
    let at = |data: &[u8]| Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
    for (typ, data) in records(sheet) {
        // Nested substreams (an embedded chart) are skipped, as calamine skips them.
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // DIMENSIONS: calamine reserves room for rows × columns of cells at once.
            0x0200 => {
                let (first_row, last_row, first_col, last_col) = match data.len() {
                    10 => (
                        u32::from(u16_at(data, 0).unwrap_or(0)),
                        u32::from(u16_at(data, 2).unwrap_or(0)),
                        u32::from(u16_at(data, 4).unwrap_or(0)),
                        u32::from(u16_at(data, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u32_at(data, 0).unwrap_or(0),
                        u32_at(data, 4).unwrap_or(0),
                        u32::from(u16_at(data, 8).unwrap_or(0)),
                        u32::from(u16_at(data, 10).unwrap_or(0)),
                    ),
                    _ => continue,
                };
                let first_col = if first_col > 0xff || last_col < first_col {
                    0
                } else {
                    first_col
                };
                // A last row before the first makes calamine's count wrap round to billions.
                let rows = u64::from(last_row)
                    .checked_sub(u64::from(first_row))
                    .ok_or(Defect::Damaged)?;
                let columns = u64::from(last_col).saturating_sub(u64::from(first_col));
                fits(rows.max(1), columns.max(1))?;
            }
            // Cells with a value: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let Some((row, col)) = at(data) {
                    cells.add(row, col);
                }
                // A LABELSST cell gets its own copy of the shared string it shows.
                if typ == 0x00FD
                    && let Some(&n) = u32_at(data, 6).and_then(|i| strings.get(i as usize))
                {
                    copied = copied.saturating_add(u64::from(n) * BYTES_PER_CHAR);
                }
            }
            // MULRK: a row of numbers from a first to a last column.
            0x00BD => {
                if let (Some((row, first)), Some(last)) = (at(data), data.len().checked_sub(2)) {
                    cells.add(row, first);
                    cells.add(row, u32::from(u16_at(data, last).unwrap_or(0)));
                }
            }
            // FORMULA: a cell, and a formula in calamine's grid of formulas.
            0x0006 => {
                if let Some((row, col)) = at(data) {
                    cells.add(row, col);
                    formulas.add(row, col);
                }
            }
            _ => {}
        }
    }
    cells.check()?;
    formulas.check()?;
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn cell(typ: u16, row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(typ, &d)
    }

    #[test]
    fn a_sheet_is_measured_by_its_outermost_cells_and_its_dimensions() {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        let sheet = |body: Vec<Vec<u8>>| -> Vec<u8> {
            let mut s = bof.clone();
            s.extend(body.concat());
            s.extend(&eof);
            s
        };
        // 2,000 rows × 30 columns: fine.
        assert_eq!(
            check_sheet(&sheet(vec![cell(0x0203, 0, 0), cell(0x00FD, 1999, 29)]), &[]),
            Ok(0)
        );
        // One cell far away: 65,536 rows × 256 columns.
        assert_eq!(
            check_sheet(&sheet(vec![cell(0x0203, 0, 0), cell(0x027E, 65535, 255)]), &[]),
            Err(Defect::TooWide {
                rows: 65536,
                columns: 256
            })
        );
        // Declared dimensions of a million rows × 200 columns (BIFF8: u32 rows, u16 columns).
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(1_000_000u32.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(200u16.to_le_bytes());
        dims.extend([0, 0]);
        assert!(check_sheet(&sheet(vec![record(0x0200, &dims)]), &[]).is_err());
        // Cells inside an embedded chart's substream are not the sheet's.
        let mut chart = bof.clone();
        chart.extend(cell(0x0203, 65535, 255));
        chart.extend(&eof);
        assert_eq!(check_sheet(&sheet(vec![cell(0x0203, 0, 0), chart]), &[]), Ok(0));
    }

    /// The shared strings: one of 65,535 characters (in an SST record and the CONTINUE records its
    /// characters go on in, each starting with their width), and one of three.
    fn shared_strings_stream() -> Vec<u8> {
        let mut sst = 2u32.to_le_bytes().to_vec();
        sst.extend(2u32.to_le_bytes());
        sst.extend(65_535u16.to_le_bytes());
        sst.push(0);
        let mut chunks = Vec::new();
        let mut left = 65_535usize;
        let mut first = true;
        while left > 0 {
            let n = left.min(8_000);
            let mut chunk = if first { std::mem::take(&mut sst) } else { vec![0] };
            chunk.extend(std::iter::repeat_n(b'a', n));
            left -= n;
            chunks.push(record(if first { 0x00FC } else { 0x003C }, &chunk));
            first = false;
        }
        let mut last = vec![3, 0, 0];
        last.extend(b"abc");
        chunks.push(record(0x003C, &last));
        chunks.concat()
    }

    #[test]
    fn shared_strings_are_measured_across_continue_records() {
        let stream = shared_strings_stream();
        let sst: Vec<&[u8]> = records(&stream).map(|(_, data)| data).collect();
        assert_eq!(shared_strings(&sst), vec![65_535, 3]);
    }

    /// One string of 65,535 characters shown by a hundred thousand cells (14 bytes each): calamine
    /// gives each cell its own copy, gigabytes from a 1.4 MB stream. The copies are counted first.
    #[test]
    fn cells_copying_a_long_shared_string_are_refused() {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        let label = |row: u16, index: u32| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend([0, 0, 0, 0]);
            d.extend(index.to_le_bytes());
            record(0x00FD, &d)
        };
        let workbook = |cells: u16, index: u32| {
            let mut globals = bof.clone();
            let boundsheet = |at: usize| {
                let mut data = (at as u32).to_le_bytes().to_vec();
                data.extend([0, 0, 1, 0, b'a']);
                record(0x0085, &data)
            };
            let sheet_at = globals.len() + boundsheet(0).len() + shared_strings_stream().len() + eof.len();
            globals.extend(boundsheet(sheet_at));
            globals.extend(shared_strings_stream());
            globals.extend(&eof);
            assert_eq!(globals.len(), sheet_at);
            globals.extend(&bof);
            for row in 0..cells {
                globals.extend(label(row, index));
            }
            globals.extend(&eof);
            globals
        };
        assert!(matches!(
            check_sheets(&workbook(60_000, 0)),
            Err(Defect::TooBig { bytes }) if bytes > 1 << 30
        ));
        // The same cells showing the short string, and a few showing the long one, are fine.
        assert_eq!(check_sheets(&workbook(60_000, 1)), Ok(()));
        assert_eq!(check_sheets(&workbook(100, 0)), Ok(()));
    }

    #[test]
    fn the_workbook_stream_of_a_real_xls_is_found_and_passes() {
        let bytes = std::fs::read("tests/fixtures/dang-ky.xls").expect("fixture");
        let compound = Compound::open(&bytes).expect("a compound file");
        assert!(compound.chains_end());
        let (start, len) = compound.find("workbook").expect("a workbook stream");
        let stream = compound.read(start, len).expect("read plainly");
        // The stream starts with the workbook's BOF record.
        assert_eq!(u16_at(&stream, 0), Some(0x0809));
        assert_eq!(check_xls(&bytes), Ok(()));
    }
}
