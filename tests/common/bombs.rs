//! Small workbooks that unpack or lay out to something huge ("bombs"), written with the `zip` crate
//! the way a hostile sender would: the shape the security review sent (one cell in the last column
//! of every row; shared strings that inflate a thousandfold), and the .ods ones found reading
//! calamine (repeated cells, repeated spaces).
#![allow(dead_code)]

use std::io::Write;

use zip::write::SimpleFileOptions;

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
}

/// Writes part of a workbook's XML.
pub type Writer = Box<dyn FnOnce(&mut dyn Write)>;

/// An .xlsx with one sheet: `sheet_data` writes the rows inside `<sheetData>`, `strings` (if any)
/// writes the `<si>` items of the shared strings.
pub fn xlsx(sheet_data: impl FnOnce(&mut dyn Write), strings: Option<(usize, Writer)>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut part = |name: &str, body: &str| {
        zip.start_file(name, options()).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Đăng ký" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    part(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    if let Some((count, write)) = strings {
        zip.start_file("xl/sharedStrings.xml", options()).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">"#
        )
        .unwrap();
        write(&mut zip);
        zip.write_all(b"</sst>").unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options()).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    )
    .unwrap();
    sheet_data(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// The security review's first bomb: a header, then `rows` rows each with one cell in the last
/// column Excel has (XFD, the 16,384th): 660 KB with 135,000 rows.
pub fn wide_rows(rows: u32) -> Vec<u8> {
    xlsx(
        |w| {
            w.write_all(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Tên dự án</t></is></c><c r="B1" t="inlineStr"><is><t>Trưởng nhóm</t></is></c></row>"#.as_bytes())
                .unwrap();
            for r in 2..rows + 2 {
                write!(w, r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#).unwrap();
            }
        },
        None,
    )
}

/// The second: shared strings of `count` × `len` bytes (1,024 × 1 MiB is 1 GiB, in a file of about
/// 1 MB), each the title and the description of one registration row.
pub fn inflating_strings(count: usize, len: usize) -> Vec<u8> {
    let strings: Writer = Box::new(move |w: &mut dyn Write| {
        w.write_all("<si><t>Tên dự án</t></si><si><t>Mô tả</t></si>".as_bytes())
            .unwrap();
        let chunk = vec![b'A'; 64 * 1024];
        for _ in 0..count {
            w.write_all(b"<si><t>").unwrap();
            let mut left = len;
            while left > 0 {
                let n = left.min(chunk.len());
                w.write_all(&chunk[..n]).unwrap();
                left -= n;
            }
            w.write_all(b"</t></si>").unwrap();
        }
    });
    xlsx(
        |w| {
            w.write_all(br#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#)
                .unwrap();
            for i in 0..count {
                let r = i + 2;
                let s = i + 2;
                write!(
                    w,
                    r#"<row r="{r}"><c r="A{r}" t="s"><v>{s}</v></c><c r="B{r}" t="s"><v>{s}</v></c></row>"#
                )
                .unwrap();
            }
        },
        Some((count + 2, strings)),
    )
}

/// A small shared string referenced by very many cells: little to unpack, much to copy.
pub fn repeated_strings(rows: u32, len: usize) -> Vec<u8> {
    let text = "A".repeat(len);
    let strings: Writer = Box::new(move |w: &mut dyn Write| {
        write!(
            w,
            "<si><t>Tên dự án</t></si><si><t>Mô tả</t></si><si><t>{text}</t></si>"
        )
        .unwrap();
    });
    xlsx(
        |w| {
            w.write_all(br#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#)
                .unwrap();
            for r in 2..rows + 2 {
                write!(
                    w,
                    r#"<row r="{r}"><c r="A{r}" t="s"><v>2</v></c><c r="B{r}" t="s"><v>2</v></c></row>"#
                )
                .unwrap();
            }
        },
        Some((3, strings)),
    )
}

/// Shared strings whose header promises `unique` strings (calamine reserves room for them all at
/// once, before reading one).
pub fn promised_strings(unique: u64) -> Vec<u8> {
    let good = xlsx(
        |w| {
            w.write_all(br#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#)
                .unwrap();
        },
        Some((
            2,
            Box::new(|w: &mut dyn Write| {
                w.write_all("<si><t>Tên dự án</t></si><si><t>Mô tả</t></si>".as_bytes())
                    .unwrap();
            }),
        )),
    );
    rewrite_part(good, "xl/sharedStrings.xml", |xml| {
        xml.replace(r#"uniqueCount="2""#, &format!(r#"uniqueCount="{unique}""#))
    })
}

/// The archive `zip` written again with the part `name` changed by `change`.
pub fn rewrite_part(zip: Vec<u8>, name: &str, change: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut change = Some(change);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let part = file.name().unwrap().to_string();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut body).unwrap();
        if part == name
            && let Some(change) = change.take()
        {
            body = change(String::from_utf8(body).unwrap()).into_bytes();
        }
        out.start_file(part, options()).unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The archive `zip` with one more part, `name`, holding `body`.
pub fn with_part(zip: Vec<u8>, name: &str, body: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        out.raw_copy_file(archive.by_index_raw(i).unwrap()).unwrap();
    }
    out.start_file(name, options()).unwrap();
    out.write_all(body).unwrap();
    out.finish().unwrap().into_inner()
}

/// A registrations workbook of two columns and `rows` rows, with nothing odd about it.
pub fn plain(rows: u32) -> Vec<u8> {
    xlsx(
        |w| {
            w.write_all(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Tên dự án</t></is></c><c r="B1" t="inlineStr"><is><t>Trưởng nhóm</t></is></c></row>"#
                    .as_bytes(),
            )
            .unwrap();
            for r in 2..rows + 2 {
                write!(
                    w,
                    r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Dự án {r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>Người {r}</t></is></c></row>"#
                )
                .unwrap();
            }
        },
        None,
    )
}

/// Styles where `formats` cell formats each use one number format of `len` characters: calamine
/// copies the number format into every cell format's style.
pub fn copied_styles(formats: usize, len: usize) -> Vec<u8> {
    let mut styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="{}"/></numFmts><cellXfs count="{formats}">"#,
        "0".repeat(len)
    );
    for _ in 0..formats {
        styles.push_str(r#"<xf numFmtId="164"/>"#);
    }
    styles.push_str("</cellXfs></styleSheet>");
    with_part(plain(3), "xl/styles.xml", styles.as_bytes())
}

/// An .ods whose content.xml is `table` inside one sheet (the other parts as LibreOffice writes them).
pub fn ods(table: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "mimetype",
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored),
    )
    .unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", options()).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", options()).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Đăng ký">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

/// The header row of a registrations list, as .ods cells.
pub const ODS_HEADER: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Tên dự án</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Trưởng nhóm</text:p></table:table-cell></table:table-row>"#;
