//! Workbooks that unpack or lay out to something huge: refused before they are read, quickly, and
//! with the memory the reading took measured in the test itself (a counting allocator wraps the
//! system's). The bombs are written here (tests/common/bombs.rs), at a size that the code before the
//! caps could still read — slowly, with hundreds of megabytes — so that each test fails on it with a
//! wrong answer rather than by exhausting the machine; the full-size ones the security review sent are
//! seeds of the `spreadsheets` fuzz target (see the ignored test at the end).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::bombs;
use giamkhao::store::import::{ImportError, Progress, Table, table_from_bytes};
use giamkhao::text::{Lang, import_error};

/// The system allocator, counting the bytes held and the most held at once.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn held(more: usize) {
    let now = HELD.fetch_add(more, Ordering::Relaxed) + more;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            held(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            held(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            held(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time: the tests of this file run one after the other through it.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const MB: usize = 1 << 20;

/// Reads `bytes` as a file named `name`, as the import does: the outcome, the most memory it held
/// at once beyond what was held before, and how long it took.
fn read(name: &str, bytes: Vec<u8>) -> (Result<Table, ImportError>, usize, Duration) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let outcome = table_from_bytes(Path::new(name), bytes, &Progress::default());
    let took = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    (outcome, peak, took)
}

fn refused(outcome: Result<Table, ImportError>) -> ImportError {
    match outcome {
        Ok(table) => panic!(
            "read, {} rows of {} columns",
            table.rows.len(),
            table.headers.len()
        ),
        Err(e) => e,
    }
}

/// The security review's first bomb, smaller: a header, then a thousand rows with one cell each in
/// column XFD, the last Excel has. giamkhao laid every row out 16,384 cells wide as it read (393 MB
/// here; the 660 KB file with 135,000 rows the review sent asked for 51 GB and the process was
/// stopped). Now the span of the table is counted as it is read, and the reading stops there.
#[test]
fn an_xlsx_with_a_cell_in_the_last_column_of_every_row_is_stopped_early() {
    let (outcome, peak, took) = read("rong.xlsx", bombs::wide_rows(1_000));
    let error = refused(outcome);
    assert!(
        matches!(error, ImportError::TooWide { columns: 16_384, rows, .. } if rows < 300),
        "{error:?}"
    );
    let message = import_error(&error, Lang::Vi);
    assert!(
        message.starts_with("rong.xlsx: bảng tính trải quá rộng để đọc"),
        "{message}"
    );
    assert!(peak < 32 * MB, "{} MB held", peak / MB);
    assert!(took < Duration::from_secs(10), "{took:?}");
}

/// The second bomb, smaller: shared strings that unpack to 80 MB (the 1 MB file the review sent
/// unpacks to 1 GiB and took 6.3 GB). The archive declares each part's size, and the zip reader
/// stops a part that unpacks to more: a part over 64 MB is refused before anything is unpacked.
#[test]
fn an_xlsx_whose_shared_strings_unpack_past_the_cap_is_refused_before_unpacking() {
    let bytes = bombs::inflating_strings(80, MB);
    assert!(bytes.len() < MB, "{} bytes", bytes.len());
    let (outcome, peak, took) = read("phinh.xlsx", bytes);
    let error = refused(outcome);
    assert!(
        matches!(&error, ImportError::TooBig { part: Some(p), bytes, .. }
            if p == "xl/sharedStrings.xml" && *bytes > 80 * MB as u64),
        "{error:?}"
    );
    assert_eq!(
        import_error(&error, Lang::Vi),
        "phinh.xlsx: phần «xl/sharedStrings.xml» của tệp khi giải nén ra 81 MB, vượt giới hạn 64 MB — \
         tệp bị hỏng, hoặc được làm phình ra cố ý. Chưa đọc gì. Nếu đây đúng là danh sách đăng ký, hãy \
         mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .csv"
    );
    assert!(
        import_error(&error, Lang::En).starts_with(
            "phinh.xlsx: its part «xl/sharedStrings.xml» unpacks to 81 MB, over the limit of 64 MB"
        ),
        "{}",
        import_error(&error, Lang::En)
    );
    assert!(peak < 8 * MB, "{} MB held", peak / MB);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

/// A small shared string used by very many cells unpacks to little and copies to much: 8,000 rows of
/// two 8,000-letter cells are 128 MB of text. Reading stops once the cells hold 64 MB.
#[test]
fn an_xlsx_repeating_one_long_string_stops_at_the_cap_on_text() {
    let (outcome, peak, _) = read("lap-lai.xlsx", bombs::repeated_strings(8_000, 8_000));
    let error = refused(outcome);
    assert!(
        matches!(error, ImportError::TooBig { part: None, max, .. } if max == 64 << 20),
        "{error:?}"
    );
    assert!(
        import_error(&error, Lang::Vi).contains("đọc bảng tính này cần hơn 65 MB, vượt giới hạn 64 MB"),
        "{}",
        import_error(&error, Lang::Vi)
    );
    assert!(peak < 100 * MB, "{} MB held", peak / MB);
}

/// calamine reserves room for as many shared strings as the part's header promises, before reading
/// one: ten billion of them is 240 GB asked for at once, and the process was stopped.
#[test]
fn an_xlsx_promising_billions_of_strings_is_refused_before_calamine_reserves_them() {
    let (outcome, peak, _) = read("hua.xlsx", bombs::promised_strings(10_000_000_000));
    let error = refused(outcome);
    assert!(
        matches!(error, ImportError::TooBig { part: None, bytes, .. } if bytes > 200_000_000_000),
        "{error:?}"
    );
    assert!(peak < 8 * MB, "{} MB held", peak / MB);
}

/// An .ods row of one cell repeated across all 16,384 columns, the row repeated 300 times: calamine
/// spells every repeat out, 4.9 million cells. The content is gone through first, repeats counted.
#[test]
fn an_ods_with_cells_repeated_across_the_sheet_is_refused_before_calamine_lays_it_out() {
    let table = format!(
        "{}<table:table-row table:number-rows-repeated=\"300\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>Dự án</text:p></table:table-cell></table:table-row>",
        bombs::ODS_HEADER
    );
    let (outcome, peak, _) = read("lap.ods", bombs::ods(&table));
    let error = refused(outcome);
    assert!(
        matches!(error, ImportError::TooWide { columns: 16_384, .. }),
        "{error:?}"
    );
    assert!(peak < 8 * MB, "{} MB held", peak / MB);
}

/// `<text:s text:c="300000000"/>` is 300 million spaces to calamine, in one cell of a 1 KB file.
#[test]
fn an_ods_cell_of_repeated_spaces_is_refused_before_calamine_spells_them_out() {
    let table = format!(
        "{}<table:table-row><table:table-cell office:value-type=\"string\"><text:p>A<text:s text:c=\"300000000\"/>B</text:p></table:table-cell></table:table-row>",
        bombs::ODS_HEADER
    );
    let (outcome, peak, _) = read("cach.ods", bombs::ods(&table));
    let error = refused(outcome);
    assert!(
        matches!(error, ImportError::TooBig { part: None, bytes, .. } if bytes >= 256 << 20),
        "{error:?}"
    );
    assert!(peak < 8 * MB, "{} MB held", peak / MB);
}

/// An .ods whose content ends inside a sheet, or inside a note on a cell: calamine reads on past the
/// end for ever (found reading its code; the import never returned, its Stop button could not stop
/// it). It is refused as damaged.
#[test]
fn an_ods_ending_inside_a_sheet_is_refused_as_damaged_instead_of_read_for_ever() {
    let note = format!(
        "{}<table:table-row><table:table-cell office:value-type=\"string\"><office:annotation><text:p>ghi chú</text:p>",
        bombs::ODS_HEADER
    );
    for (content, cut_after) in [
        (bombs::ODS_HEADER.to_string(), "</table:table-row>"),
        (note, "ghi chú</text:p>"),
    ] {
        let bytes = truncate_content(bombs::ods(&content), cut_after);
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = table_from_bytes(Path::new("cut.ods"), bytes, &Progress::default());
            let _ = sender.send(outcome.map(|_| ()));
        });
        let outcome = receiver
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("the reading of a content cut after {cut_after} ends"));
        let error = outcome.expect_err("refused");
        assert!(
            import_error(&error, Lang::Vi).contains("cut.ods: không đọc được nội dung bảng: tệp bị hỏng"),
            "{error:?}"
        );
    }
}

/// The .ods written again with its content.xml cut right after the last `marker`.
fn truncate_content(ods: Vec<u8>, marker: &str) -> Vec<u8> {
    bombs::rewrite_part(ods, "content.xml", |xml| {
        let end = xml.rfind(marker).unwrap() + marker.len();
        xml[..end].to_string()
    })
}

/// calamine copies a cell format's number format into its style: a number format of a million
/// characters used by a thousand cell formats is a gigabyte, from a 20 KB file. The copies are
/// estimated from the styles before calamine opens the workbook.
#[test]
fn an_xlsx_whose_styles_copy_a_long_number_format_is_refused_before_calamine_copies_it() {
    let bytes = bombs::copied_styles(1_000, 1_000_000);
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    let (outcome, peak, _) = read("kieu.xlsx", bytes);
    let error = refused(outcome);
    assert!(
        matches!(error, ImportError::TooBig { part: None, bytes, .. } if bytes > 1_000_000_000),
        "{error:?}"
    );
    assert!(peak < 16 * MB, "{} MB held", peak / MB);
}

/// What the caps on the parts rest on: the zip reader stops a part that unpacks to more than the
/// archive declares for it. Here a part declared as 1 KB unpacks to 100 MB; calamine's reading stops
/// with an error, and the import says the file is damaged.
#[test]
fn a_part_unpacking_to_more_than_it_declares_is_stopped_at_its_declared_size() {
    let bytes = bombs::inflating_strings(100, MB);
    let bytes = declare_size(bytes, "xl/sharedStrings.xml", 1024);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut part = archive.by_name("xl/sharedStrings.xml").unwrap();
    assert_eq!(part.size(), 1024);
    let mut unpacked = Vec::new();
    let error = std::io::Read::read_to_end(&mut part, &mut unpacked).unwrap_err();
    assert!(unpacked.len() <= 1025, "{} bytes unpacked", unpacked.len());
    assert!(error.to_string().contains("larger than its declared"), "{error}");
    drop(part);
    let (outcome, peak, _) = read("noi-doi.xlsx", bytes);
    let error = refused(outcome);
    assert!(
        import_error(&error, Lang::Vi).contains("không đọc được nội dung bảng: tệp bị hỏng"),
        "{error:?}"
    );
    assert!(peak < 16 * MB, "{} MB held", peak / MB);
}

/// The archive with the uncompressed size of the part `name` written as `size` in its central
/// directory entry (and in its local header), the data left as it is.
fn declare_size(mut zip: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    // A central entry (46 bytes, the size at 24) and a local header (30 bytes, the size at 22) are
    // followed directly by the part's name.
    let needle = name.as_bytes();
    let mut at = 0;
    while let Some(found) = zip[at..].windows(needle.len()).position(|w| w == needle) {
        let start = at + found;
        for (header, signature, size_offset) in [(46usize, 0x0201_4b50u32, 24usize), (30, 0x0403_4b50, 22)] {
            if start >= header {
                let h = start - header;
                let word = u32::from_le_bytes([zip[h], zip[h + 1], zip[h + 2], zip[h + 3]]);
                if word == signature {
                    zip[h + size_offset..h + size_offset + 4].copy_from_slice(&size.to_le_bytes());
                }
            }
        }
        at = start + 1;
    }
    zip
}

/// What real spreadsheets hold still reads, and takes little: the three fixtures saved by LibreOffice.
#[test]
fn real_workbooks_still_read_within_a_few_megabytes() {
    for name in ["dang-ky.xlsx", "dang-ky.ods", "dang-ky.xls"] {
        let bytes = std::fs::read(Path::new("tests/fixtures").join(name)).unwrap();
        let (outcome, peak, _) = read(name, bytes);
        let table = outcome.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(table.rows.len(), 3, "{name}");
        assert!(peak < 8 * MB, "{name}: {} MB held", peak / MB);
    }
}

/// Writes the two bombs the security review sent, full size, as seeds of the `spreadsheets` fuzz
/// target (the first byte 0 makes the target read them as .xlsx), and as .xlsx files in the temporary
/// folder to measure `giamkhao import` on, with a plain list of 10,000 registrations to compare:
/// `cargo test --test bombs -- --ignored`.
#[test]
#[ignore]
fn write_the_bombs_as_fuzz_seeds() {
    let dir = Path::new("fuzz/corpus/spreadsheets");
    for (name, bytes) in [
        ("bomb-xfd-every-row", bombs::wide_rows(135_000)),
        ("bomb-shared-strings-1gib", bombs::inflating_strings(1024, MB)),
    ] {
        let mut seed = vec![0u8];
        seed.extend(&bytes);
        std::fs::write(dir.join(name), seed).unwrap();
        std::fs::write(std::env::temp_dir().join(format!("{name}.xlsx")), bytes).unwrap();
    }
    std::fs::write(
        std::env::temp_dir().join("plain-10000.xlsx"),
        bombs::plain(10_000),
    )
    .unwrap();
}
