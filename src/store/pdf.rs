//! The report to sign, as A4 PDF with Noto Sans embedded so Vietnamese prints correctly: "Biên bản
//! tổng hợp kết quả chấm" — contest, round, council, the rules in words, the ranked table with awards
//! and flags, the council's decisions with reasons, signature lines, the date and page numbers, and
//! the provisional mark on every page while a tie awaits a decision; the award list; and the judges'
//! blank paper scoresheets, a judge's conflicts of interest marked in their rows. Pages are laid out
//! first, so each can say "Trang i/N".
//!
//! People's text is laid out as it can be printed ([`Measure::printable_chars`]): a letter neither Noto
//! Sans nor the symbols font (DejaVu Sans, as in the app) has — Arabic, Hebrew, emoji — is one
//! visible "�" per run, never an empty box, and a control character is never drawn. Text wraps
//! within its cell; a cell that would not fit on a page is cut with "…", so nothing runs over the
//! footer with the page number and the seal. Laying text out takes time in proportion to its length.

use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::Font;

use crate::model::{RoundResult, Session};
use crate::text::{self, Lang};

use super::report::ResultsReport;

/// Space inside a table cell, and line height as a share of the text size.
const CELL_PAD: f32 = 3.0;
const LINE_FACTOR: f32 = 1.3;
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// For the symbols Noto Sans lacks (☀ ✓ ★ →…), as in the app.
const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Symbols.ttf");
/// What stands for a run of letters no embedded font has, or of control characters.
const PLACEHOLDER: char = '\u{fffd}';

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 42.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = PAGE_H - 56.0;

/// Something to draw on a page.
#[derive(Clone, Debug)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        red: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// A light grey area, drawn under what comes after it.
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// Measures text with the fonts' own advances.
struct Measure {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    symbols: ttf_parser::Face<'static>,
    /// Each face's glyph (its advance in em, or None: not in the face) of every character below
    /// [`Measure::LOOKED_UP`] — Latin, Vietnamese, punctuation — read once: a report looks up a
    /// character several times for each one it prints.
    known: [Vec<Option<f32>>; 3],
}

/// A face of [`Measure`]: its place in `known`.
#[derive(Clone, Copy)]
enum Which {
    Regular = 0,
    Bold = 1,
    Symbols = 2,
}

/// The fonts as the shaper reads them, made once. krilla's `draw_text` reads a font's tables again
/// for every piece of text it draws — most of the time a report of 10,000 submissions took, and
/// more than its share of it as the report grew.
struct Shaper {
    faces: [rustybuzz::Face<'static>; 3],
    /// The shaping plans made so far, by face and by the script and language of the text (a plan
    /// is the same for every text that shares them, and making one was a third of shaping).
    plans: std::cell::RefCell<Vec<PlanFor>>,
}

/// A shaping plan, with what it was made for: (face, script, language).
type PlanFor = (
    (usize, rustybuzz::Script, Option<rustybuzz::Language>),
    std::rc::Rc<rustybuzz::ShapePlan>,
);

impl Shaper {
    fn new() -> Result<Self, String> {
        let face = |d: &'static [u8]| rustybuzz::Face::from_slice(d, 0).ok_or("font");
        Ok(Shaper {
            faces: [face(REGULAR)?, face(BOLD)?, face(SYMBOLS)?],
            plans: Default::default(),
        })
    }

    /// `text` shaped in `face` (left to right: what is printed has no right-to-left letters, see
    /// [`Measure::printable_chars`]), each glyph with its advance and offsets in ems and the bytes
    /// of `text` it stands for, so that the PDF's text reads back as written.
    fn shape(&self, which: Which, text: &str) -> Vec<krilla::text::KrillaGlyph> {
        let face = &self.faces[which as usize];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let key = (which as usize, buffer.script(), buffer.language());
        let known = self
            .plans
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.clone());
        let plan = known.unwrap_or_else(|| {
            let plan = std::rc::Rc::new(rustybuzz::ShapePlan::new(
                face,
                rustybuzz::Direction::LeftToRight,
                Some(key.1),
                key.2.as_ref(),
                &[],
            ));
            self.plans.borrow_mut().push((key, plan.clone()));
            plan
        });
        glyphs(face, text, &rustybuzz::shape_with_plan(face, &plan, buffer))
    }
}

/// The glyphs of `shaped` (the shaping of `text` in `face`) as krilla draws them.
fn glyphs(
    face: &rustybuzz::Face,
    text: &str,
    shaped: &rustybuzz::GlyphBuffer,
) -> Vec<krilla::text::KrillaGlyph> {
    let em = f32::from(face.units_per_em() as u16);
    let infos = shaped.glyph_infos();
    infos
        .iter()
        .zip(shaped.glyph_positions())
        .enumerate()
        .map(|(i, (info, at))| {
            let start = info.cluster as usize;
            // A cluster's text runs to where the next cluster starts.
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            krilla::text::KrillaGlyph::new(
                krilla::text::GlyphId::new(info.glyph_id),
                at.x_advance as f32 / em,
                at.x_offset as f32 / em,
                at.y_offset as f32 / em,
                at.y_advance as f32 / em,
                start..end,
                None,
            )
        })
        .collect()
}

/// Whether a character only makes sense with the one before it (a joiner, a variation selector, a
/// combining mark): after a placeholder, it belongs to the placeholder.
fn joins_previous(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
        || unicode_normalization::char::is_combining_mark(c)
}

impl Measure {
    fn new() -> Result<Self, String> {
        let face = |d: &'static [u8]| ttf_parser::Face::parse(d, 0).map_err(|e| e.to_string());
        let mut measure = Measure {
            regular: face(REGULAR)?,
            bold: face(BOLD)?,
            symbols: face(SYMBOLS)?,
            known: Default::default(),
        };
        for which in [Which::Regular, Which::Bold, Which::Symbols] {
            let known = (0..Self::LOOKED_UP)
                .map(|c| char::from_u32(c).and_then(|c| measure.look_up(which, c)))
                .collect();
            measure.known[which as usize] = known;
        }
        Ok(measure)
    }

    /// Characters below this are looked up once, when the measure is made.
    const LOOKED_UP: u32 = 0x2200;

    fn of(&self, which: Which) -> &ttf_parser::Face<'static> {
        match which {
            Which::Regular => &self.regular,
            Which::Bold => &self.bold,
            Which::Symbols => &self.symbols,
        }
    }

    /// `c`'s advance in em in the face, or None if the face has no glyph for it.
    fn look_up(&self, which: Which, c: char) -> Option<f32> {
        let face = self.of(which);
        let glyph = face.glyph_index(c)?;
        Some(
            face.glyph_hor_advance(glyph)
                .map_or(0.5, |a| f32::from(a) / f32::from(face.units_per_em())),
        )
    }

    /// [`Measure::look_up`], from what was read once where it can be.
    fn glyph(&self, which: Which, c: char) -> Option<f32> {
        match self.known[which as usize].get(c as usize) {
            Some(known) => *known,
            None => self.look_up(which, c),
        }
    }

    fn text_face(bold: bool) -> Which {
        if bold { Which::Bold } else { Which::Regular }
    }

    /// Whether `c` is drawn with the text face (else with the symbols face).
    fn in_text_face(&self, c: char, bold: bool) -> bool {
        self.glyph(Self::text_face(bold), c).is_some()
    }

    fn advance(&self, c: char, size: f32, bold: bool) -> f32 {
        self.glyph(Self::text_face(bold), c)
            .or_else(|| self.glyph(Which::Symbols, c))
            .map_or(size * 0.5, |em| em * size)
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        text.chars().map(|c| self.advance(c, size, bold)).sum()
    }

    /// `text` as it can be printed: line breaks kept (a carriage return or a tab is a space), a
    /// control character ([`text::is_hidden_control`]) or a letter that neither the text face nor
    /// the symbols face has (Arabic, Hebrew, emoji…) replaced by "�" — one for a whole run of them,
    /// with the joiners and marks that go with them — rather than drawn as an empty box. Read as it
    /// goes, so that a cell cut after a few lines does not read the rest of a long text.
    fn printable_chars<'a>(&'a self, text: &'a str, bold: bool) -> impl Iterator<Item = char> + 'a {
        let mut after_placeholder = false;
        text.chars().filter_map(move |c| {
            let c = if matches!(c, '\r' | '\t') { ' ' } else { c };
            let shown = c == '\n'
                || (!text::is_hidden_control(c)
                    && (self.in_text_face(c, bold) || self.glyph(Which::Symbols, c).is_some()));
            if shown && !(after_placeholder && joins_previous(c)) {
                after_placeholder = false;
                Some(c)
            } else if !after_placeholder {
                after_placeholder = true;
                Some(PLACEHOLDER)
            } else {
                None
            }
        })
    }

    /// [`Measure::printable_chars`] on one line: a line break is a space.
    fn printable_line(&self, text: &str, bold: bool) -> String {
        self.printable_chars(text, bold)
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect()
    }

    /// Greedy word wrap into lines no wider than `max`; a word too long alone is cut. Without
    /// `limit`, every line; with it, at most `limit`, the last ending in "…" when text is left over.
    /// Each character is read and measured once, and none after the limit: the time taken grows
    /// with the length of the text, and stops growing at the limit.
    fn wrap(&self, text: &str, size: f32, bold: bool, max: f32, limit: Option<usize>) -> Vec<String> {
        let limit = limit.unwrap_or(usize::MAX).max(1);
        let space = self.advance(' ', size, bold);
        let mut chars = self.printable_chars(text, bold);
        let mut lines: Vec<String> = Vec::new();
        let (mut line, mut line_w) = (String::new(), 0.0);
        // The word being read: it goes onto the line when it ends, or the line ends before it as
        // soon as it cannot fit there.
        let (mut word, mut word_w) = (String::new(), 0.0);
        let mut cut = false;
        loop {
            match chars.next() {
                Some(c) if !c.is_whitespace() => {
                    let w = self.advance(c, size, bold);
                    if !line.is_empty() && line_w + space + word_w + w > max {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                        if lines.len() == limit {
                            cut = true;
                            break;
                        }
                    }
                    // Alone on its line and still too long: cut where the width runs out.
                    if line.is_empty() && !word.is_empty() && word_w + w > max {
                        lines.push(std::mem::take(&mut word));
                        word_w = 0.0;
                        if lines.len() == limit {
                            cut = true;
                            break;
                        }
                    }
                    word.push(c);
                    word_w += w;
                }
                end => {
                    if !word.is_empty() {
                        if !line.is_empty() {
                            line.push(' ');
                            line_w += space;
                        }
                        line.push_str(&std::mem::take(&mut word));
                        line_w += word_w;
                        word_w = 0.0;
                    }
                    match end {
                        None => {
                            lines.push(line);
                            break;
                        }
                        Some('\n') => {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                            if lines.len() == limit {
                                cut = chars.any(|c| !c.is_whitespace());
                                break;
                            }
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        if cut && let Some(last) = lines.last_mut() {
            *last = self.fit(last, size, bold, max - self.advance('…', size, bold));
            last.push('…');
        }
        lines
    }

    /// The start of `text` that fits in `max` (all of it if it does).
    fn fit(&self, text: &str, size: f32, bold: bool, max: f32) -> String {
        let mut w = 0.0;
        let end = text
            .char_indices()
            .find(|&(_, c)| {
                w += self.advance(c, size, bold);
                w > max
            })
            .map_or(text.len(), |(i, _)| i);
        text[..end].trim_end().to_string()
    }

    /// [`Measure::fit`] for a line that may be cut: with "…" at its end when it does not fit.
    fn fit_line(&self, text: &str, size: f32, bold: bool, max: f32) -> String {
        let fitted = self.fit(text, size, bold, max);
        if fitted.len() == text.trim_end().len() {
            return fitted;
        }
        let mut cut = self.fit(text, size, bold, max - self.advance('…', size, bold));
        cut.push('…');
        cut
    }

    /// The end of `text` that fits in `max`, after a "…" when the start had to go. Only the end
    /// that is shown is measured.
    fn fit_end(&self, text: &str, size: f32, bold: bool, max: f32) -> String {
        let room = max - self.advance('…', size, bold);
        let mut w = 0.0;
        let mut start = text.len();
        let mut cut = false;
        for (i, c) in text.char_indices().rev() {
            w += self.advance(c, size, bold);
            if w > max {
                cut = true;
                break;
            }
            if w <= room {
                start = i;
            }
        }
        if cut {
            format!("…{}", &text[start..])
        } else {
            text.to_string()
        }
    }
}

/// A column of a table: heading, width in points, right-aligned or not.
struct Column<'a> {
    title: &'a str,
    width: f32,
    right: bool,
}

/// Lays content out into pages.
struct Layout {
    measure: Measure,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Result<Self, String> {
        Ok(Layout {
            measure: Measure::new()?,
            pages: vec![Vec::new()],
            y: TOP,
        })
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page when `height` more points do not fit.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// One line of text at `x`, cut with "…" where the page's margin is.
    fn text_at(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let y = self.y;
        let line = self.measure.printable_line(text, bold);
        let text = self.measure.fit_line(&line, size, bold, PAGE_W - MARGIN - x);
        self.page().push(Op::Text {
            x,
            y,
            size,
            bold,
            red: false,
            text,
        });
    }

    /// A wrapped paragraph across the page, optionally centred.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, centred: bool) {
        let width = PAGE_W - 2.0 * MARGIN;
        for line in self.measure.wrap(text, size, bold, width, None) {
            self.room(size * 1.45);
            self.y += size * 1.15;
            let x = if centred {
                (PAGE_W - self.measure.width(&line, size, bold)) / 2.0
            } else {
                MARGIN
            };
            self.text_at(x, size, bold, &line);
            self.y += size * 0.3;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }

    fn rule(&mut self, y: f32) {
        self.page().push(Op::Line {
            x1: MARGIN,
            y1: y,
            x2: PAGE_W - MARGIN,
            y2: y,
        });
    }

    /// Vertical rules at the column boundaries, from `top` to `bottom`.
    fn grid(&mut self, columns: &[Column], top: f32, bottom: f32) {
        let mut x = MARGIN;
        self.page().push(Op::Line {
            x1: x,
            y1: top,
            x2: x,
            y2: bottom,
        });
        for c in columns {
            x += c.width;
            self.page().push(Op::Line {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
            });
        }
    }

    /// The wrapped lines of one table cell, from `top`, aligned as its column says.
    fn cell(&mut self, x: f32, top: f32, c: &Column, lines: &[String], size: f32, bold: bool) {
        let (pad, line_h) = (CELL_PAD, size * LINE_FACTOR);
        for (i, line) in lines.iter().enumerate() {
            let w = self.measure.width(line, size, bold);
            let tx = if c.right { x + c.width - pad - w } else { x + pad };
            self.page().push(Op::Text {
                x: tx,
                y: top + pad + size + i as f32 * line_h,
                size,
                bold,
                red: false,
                text: line.clone(),
            });
        }
    }

    /// A table whose header repeats on every page; cells wrap within their column.
    fn table(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32) {
        self.noted_table(columns, rows, &[], size);
    }

    /// [`Layout::table`], where a row with a note (`notes[i]`) has only its first cells and then the
    /// note, in red, across the remaining columns greyed as one: boxes not to be filled in.
    fn noted_table(&mut self, columns: &[Column], rows: &[Vec<String>], notes: &[Option<String>], size: f32) {
        let pad = CELL_PAD;
        let right = MARGIN + columns.iter().map(|c| c.width).sum::<f32>();
        let line_h = size * LINE_FACTOR;
        let titles: Vec<Vec<String>> = columns
            .iter()
            .map(|c| self.measure.wrap(c.title, size, true, c.width - 2.0 * pad, None))
            .collect();
        let header_h = titles.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * pad;
        // A row is never taller than what a page holds under the header: a longer cell is cut.
        let limit = Some((((BOTTOM - TOP - header_h - 2.0 * pad) / line_h).floor() as usize).max(1));
        let header = |l: &mut Layout| {
            l.room(line_h * 3.0);
            let top = l.y;
            let mut x = MARGIN;
            for (c, lines) in columns.iter().zip(&titles) {
                l.cell(x, top, c, lines, size, true);
                x += c.width;
            }
            l.rule(top);
            l.y = top + header_h;
            let y = l.y;
            l.rule(y);
            l.grid(columns, top, y);
        };
        header(self);
        for (i, row) in rows.iter().enumerate() {
            let note = notes.get(i).and_then(Option::as_deref);
            // The columns of the row's own cells; a note takes the rest.
            let own = if note.is_some() {
                &columns[..row.len().min(columns.len())]
            } else {
                columns
            };
            let note_x = MARGIN + own.iter().map(|c| c.width).sum::<f32>();
            let note_lines = note.map_or_else(Vec::new, |n| {
                self.measure
                    .wrap(n, size, true, right - note_x - 2.0 * pad, limit)
            });
            let wrapped: Vec<Vec<String>> = own
                .iter()
                .zip(row)
                .map(|(c, cell)| self.measure.wrap(cell, size, false, c.width - 2.0 * pad, limit))
                .collect();
            let lines = wrapped
                .iter()
                .map(Vec::len)
                .chain([note_lines.len(), 1])
                .max()
                .unwrap_or(1);
            let height = lines as f32 * line_h + 2.0 * pad;
            if self.y + height > BOTTOM {
                self.pages.push(Vec::new());
                self.y = TOP;
                header(self);
            }
            let top = self.y;
            if note.is_some() {
                // Inside the rules around it, which stay visible.
                self.page().push(Op::Shade {
                    x: note_x + 0.3,
                    y: top + 0.3,
                    w: right - note_x - 0.6,
                    h: height - 0.6,
                });
            }
            let mut x = MARGIN;
            for (c, lines) in own.iter().zip(&wrapped) {
                self.cell(x, top, c, lines, size, false);
                x += c.width;
            }
            for (k, line) in note_lines.into_iter().enumerate() {
                self.page().push(Op::Text {
                    x: note_x + pad,
                    y: top + pad + size + k as f32 * line_h,
                    size,
                    bold: true,
                    red: true,
                    text: line,
                });
            }
            self.y = top + height;
            let y = self.y;
            self.page().push(Op::Line {
                x1: MARGIN,
                y1: y,
                x2: PAGE_W - MARGIN,
                y2: y,
            });
            self.grid(own, top, y);
            if own.len() < columns.len() {
                self.page().push(Op::Line {
                    x1: right,
                    y1: top,
                    x2: right,
                    y2: y,
                });
            }
        }
    }
}

/// A document's heading: its title, then the contest's name, centred.
fn title_block(l: &mut Layout, title: &str, contest: &crate::model::Contest) {
    l.paragraph(title, 15.0, true, true);
    l.paragraph(&contest.name, 12.0, true, true);
}

/// "Biên bản tổng hợp kết quả chấm" for one round, as PDF bytes.
pub fn results_report(session: &Session, result: &RoundResult, lang: Lang) -> Result<Vec<u8>, String> {
    results_report_with(session, result, None, lang)
}

/// [`results_report`], with the analysis of the round as an appendix after the signatures
/// ("Phụ lục: phân tích hội đồng chấm", advisory) when one is given.
pub fn results_report_with(
    session: &Session,
    result: &RoundResult,
    appendix: Option<&crate::analysis::Analysis>,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let report = ResultsReport::new(session, result, lang);
    let contest = &session.contest;
    let mut l = Layout::new()?;
    title_block(
        &mut l,
        lang.t("BIÊN BẢN TỔNG HỢP KẾT QUẢ CHẤM", "SUMMARY OF THE JUDGING RESULTS"),
        contest,
    );
    let mut place = vec![format!("{}: {}", lang.t("Vòng", "Round"), report.round_name)];
    if !contest.place.is_empty() {
        place.push(contest.place.clone());
    }
    if let Some(d) = contest.date {
        place.push(text::date(d, lang));
    }
    l.paragraph(&place.join(" · "), 10.0, false, true);
    l.gap(8.0);

    l.paragraph(lang.t("Hội đồng giám khảo", "Judging council"), 11.0, true, false);
    // Each judge's signing key, once anyone's sheets are signed: the council signs under the keys
    // the sheets came with.
    let signed = report
        .judges
        .iter()
        .any(|j| j.key.is_some() || !j.paper_keys.is_empty());
    for j in &report.judges {
        let org = contest
            .judge(&j.judge)
            .map(|x| x.organization.clone())
            .unwrap_or_default();
        let mut line = if org.is_empty() {
            format!("• {}", j.name)
        } else {
            format!("• {} — {org}", j.name)
        };
        if signed {
            let key = j.key.as_deref().unwrap_or(lang.t("chưa có", "none"));
            line.push_str(&format!(" · {} {key}", lang.t("khóa ký phiếu", "signing key")));
            if !j.paper_keys.is_empty() {
                line.push_str(&format!(
                    " · {} {}",
                    lang.t(
                        "phiếu giấy nhập hai lần, ký bằng khóa ban thư ký",
                        "paper sheet typed twice, signed with the secretariat's key"
                    ),
                    j.paper_keys.join(", ")
                ));
            }
        }
        l.paragraph(&line, 9.5, false, false);
    }
    l.gap(4.0);
    l.paragraph(lang.t("Quy chế chấm", "Scoring rules"), 11.0, true, false);
    for rule in &report.rules {
        l.paragraph(rule, 9.5, false, false);
    }
    l.gap(6.0);

    let columns = [
        Column {
            title: lang.t("Hạng", "Rank"),
            width: 34.0,
            right: true,
        },
        Column {
            title: lang.t("Mã", "Id"),
            width: 40.0,
            right: false,
        },
        Column {
            title: lang.t("Tên dự án", "Project"),
            width: 168.0,
            right: false,
        },
        Column {
            title: lang.t("Điểm", "Score"),
            width: 42.0,
            right: true,
        },
        Column {
            title: lang.t("Phiếu", "Sheets"),
            width: 34.0,
            right: true,
        },
        Column {
            title: lang.t("Giải", "Award"),
            width: 62.0,
            right: false,
        },
        Column {
            title: lang.t("Ghi chú", "Flags"),
            width: PAGE_W - 2.0 * MARGIN - 380.0,
            right: false,
        },
    ];
    for scope in &report.scopes {
        if let Some(name) = &scope.category_name {
            l.gap(4.0);
            l.paragraph(
                &format!("{}: {name}", lang.t("Bảng", "Category")),
                11.0,
                true,
                false,
            );
        }
        let rows: Vec<Vec<String>> = scope
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank
                        .map_or_else(|| lang.t("KĐĐK", "n/e").to_string(), |k| k.to_string()),
                    r.submission.clone(),
                    r.title.clone(),
                    r.score
                        .map(|p| text::score(p, report.decimals, lang))
                        .unwrap_or_else(|| "—".into()),
                    r.sheets_counted.to_string(),
                    r.award_name.clone().unwrap_or_default(),
                    r.flags_text.join("; "),
                ]
            })
            .collect();
        l.table(&columns, &rows, 8.0);
        for v in &scope.vacant {
            l.paragraph(
                &format!(
                    "{}: {} ({} {})",
                    lang.t("Để trống", "Vacant"),
                    v.tier_name,
                    v.slots,
                    lang.t("suất", "slot(s)")
                ),
                9.0,
                false,
                false,
            );
        }
    }

    let ties: Vec<&str> = report
        .scopes
        .iter()
        .flat_map(|s| &s.ties)
        .map(|t| t.text.as_str())
        .collect();
    if !ties.is_empty() {
        l.gap(8.0);
        l.paragraph(
            lang.t(
                "Quyết định của hội đồng về các trường hợp đồng hạng",
                "Council decisions on ties",
            ),
            11.0,
            true,
            false,
        );
        for t in ties {
            l.paragraph(&format!("• {t}"), 9.5, false, false);
        }
    }

    signatures(&mut l, contest, lang);
    let mut parts = vec![(0, contest.name.clone())];
    if let Some(a) = appendix {
        // Every page of the appendix says at its foot that it is advisory: a page taken alone
        // ("without judge X: Ba") must not read as a result.
        let first = analysis_appendix(&mut l, session, a, lang);
        parts.push((
            first,
            // Short enough for the foot of the page beside its number.
            format!(
                "{} {}",
                lang.t("Phụ lục:", "Appendix:"),
                crate::text::analysis::advisory(lang)
            ),
        ));
    }
    render(l.pages, &parts, report.provisional, seal_of(session, lang), lang)
}

/// The appendix: the analysis of the round, on pages of its own, marked advisory. Returns the
/// index of its first page.
fn analysis_appendix(l: &mut Layout, session: &Session, a: &crate::analysis::Analysis, lang: Lang) -> usize {
    use crate::text::analysis as words;
    let names = text::Names::of(session);
    l.pages.push(Vec::new());
    l.y = TOP;
    let first = l.pages.len() - 1;
    l.paragraph(
        lang.t(
            "PHỤ LỤC: PHÂN TÍCH HỘI ĐỒNG CHẤM",
            "APPENDIX: ANALYSIS OF THE JUDGING PANEL",
        ),
        14.0,
        true,
        true,
    );
    l.paragraph(words::advisory(lang), 10.5, true, true);
    l.gap(6.0);
    let width = PAGE_W - 2.0 * MARGIN;
    // A table of words in columns of the given shares of the page (the first ones left-aligned).
    let table = |l: &mut Layout, t: &words::Table, keep: &[usize], shares: &[f32]| {
        let total: f32 = shares.iter().sum();
        let columns: Vec<Column> = keep
            .iter()
            .zip(shares)
            .map(|(&c, share)| Column {
                title: t.headers.get(c).map_or("", String::as_str),
                width: width * share / total,
                right: false,
            })
            .collect();
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| {
                keep.iter()
                    .map(|&c| r.get(c).cloned().unwrap_or_default())
                    .collect()
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    };
    let heading = |l: &mut Layout, n: usize| {
        // A heading is not left alone at the foot of a page.
        l.room(80.0);
        l.gap(6.0);
        l.paragraph(&format!("{n}. {}", words::section(n, lang)), 11.0, true, false);
    };
    heading(l, 1);
    let mut judges = words::judges_table(a, lang);
    judges.headers.push(lang.t("Nhận xét", "Verdict").into());
    for (row, p) in judges.rows.iter_mut().zip(&a.judges) {
        row.push(words::leaning(p, lang));
    }
    // Name, counted, mean, severity, SE, shared, Pearson, verdict.
    table(
        l,
        &judges,
        &[0, 2, 3, 5, 6, 7, 9, 14],
        &[3.0, 1.0, 1.1, 1.1, 1.0, 1.0, 1.1, 4.0],
    );
    l.paragraph(words::judges_legend(lang), 8.5, false, false);
    heading(l, 2);
    if let Some(headline) = words::agreement_headline(a, lang) {
        l.paragraph(&headline, 9.5, true, false);
    }
    l.paragraph(&words::block_sentence(a, &names, lang), 9.0, false, false);
    match words::icc_table(a, lang) {
        // Form, value, interval, p, band, meaning.
        Ok(t) => table(l, &t, &[0, 1, 2, 5, 6, 7], &[1.1, 1.0, 1.8, 1.0, 1.3, 4.0]),
        Err(why) => l.paragraph(&why, 9.0, false, false),
    }
    l.paragraph(&words::w_line(a, lang), 9.0, false, false);
    l.paragraph(&words::alpha_line(a, lang), 9.0, false, false);
    heading(l, 3);
    let methods = words::methods_table(a, &names, lang);
    let all: Vec<usize> = (0..methods.headers.len()).collect();
    let mut shares = vec![3.0];
    shares.extend(std::iter::repeat_n(1.3, all.len().saturating_sub(1)));
    table(l, &methods, &all, &shares);
    l.paragraph(&words::methods_legend(a, lang), 8.5, false, false);
    l.paragraph(&words::taus_line(a, lang), 8.5, false, false);
    heading(l, 4);
    l.paragraph(&words::absent_intro(a, lang), 9.0, false, false);
    table(
        l,
        &words::absent_table(a, &names, usize::MAX, lang),
        &[0, 1, 2, 3],
        &[2.6, 1.1, 1.1, 4.5],
    );
    l.paragraph(&words::movers_line(a, &names, lang), 9.0, false, false);
    heading(l, 5);
    table(
        l,
        &words::margins_table(a, &names, session.contest.decimals, lang),
        &[0, 1, 2, 3],
        &[2.5, 2.5, 0.8, 3.5],
    );
    first
}

/// The signature block: the date and place on the right, secretary and chair side by side.
fn signatures(l: &mut Layout, contest: &crate::model::Contest, lang: Lang) {
    l.room(130.0);
    l.gap(24.0);
    let today = jiff::Zoned::now().date();
    let place = if contest.place.is_empty() {
        "…"
    } else {
        contest.place.as_str()
    };
    let dated = match lang {
        Lang::Vi => format!(
            "{place}, ngày {:02} tháng {:02} năm {}",
            today.day(),
            today.month(),
            today.year()
        ),
        Lang::En => format!("{place}, {today}"),
    };
    let right_x = PAGE_W / 2.0 + 20.0;
    l.text_at(right_x, 9.5, false, &dated);
    l.gap(20.0);
    for (x, title) in [
        (MARGIN + 20.0, lang.t("THƯ KÝ", "SECRETARY")),
        (right_x, lang.t("CHỦ TỊCH HỘI ĐỒNG", "CHAIR OF THE COUNCIL")),
    ] {
        let y = l.y;
        l.page().push(Op::Text {
            x,
            y,
            size: 10.5,
            bold: true,
            red: false,
            text: title.to_string(),
        });
        l.page().push(Op::Text {
            x,
            y: y + 14.0,
            size: 8.5,
            bold: false,
            red: false,
            text: lang
                .t("(Ký, ghi rõ họ tên)", "(Signature and full name)")
                .to_string(),
        });
    }
}

/// "Danh sách dự án đạt giải": the awarded projects by tier with their prize values, and the total.
pub fn award_list(session: &Session, result: &RoundResult, lang: Lang) -> Result<Vec<u8>, String> {
    let report = ResultsReport::new(session, result, lang);
    let contest = &session.contest;
    let mut l = Layout::new()?;
    title_block(
        &mut l,
        lang.t("DANH SÁCH DỰ ÁN ĐẠT GIẢI", "LIST OF AWARDED PROJECTS"),
        contest,
    );
    l.gap(8.0);
    let columns = [
        Column {
            title: lang.t("Giải", "Award"),
            width: 70.0,
            right: false,
        },
        Column {
            title: lang.t("Mã", "Id"),
            width: 40.0,
            right: false,
        },
        Column {
            title: lang.t("Tên dự án", "Project"),
            width: 170.0,
            right: false,
        },
        Column {
            title: lang.t("Trưởng nhóm / đơn vị", "Leader / organization"),
            width: 130.0,
            right: false,
        },
        Column {
            title: lang.t("Điểm", "Score"),
            width: 42.0,
            right: true,
        },
        Column {
            title: lang.t("Giá trị giải", "Prize"),
            width: PAGE_W - 2.0 * MARGIN - 452.0,
            right: true,
        },
    ];
    let mut total = 0u64;
    let mut rows = Vec::new();
    for r in report.awarded(&contest.awards.tiers) {
        let leader = session
            .submission(&r.submission)
            .map(|s| s.leader.clone())
            .unwrap_or_default();
        total += r.prize_vnd.unwrap_or(0);
        rows.push(vec![
            r.award_name.clone().unwrap_or_default(),
            r.submission.clone(),
            r.title.clone(),
            format!("{leader}\n{}", r.organization.trim()),
            r.score
                .map(|p| text::score(p, report.decimals, lang))
                .unwrap_or_default(),
            r.prize_vnd.map(|v| text::vnd(v, lang)).unwrap_or_default(),
        ]);
    }
    l.table(&columns, &rows, 8.5);
    l.gap(6.0);
    l.paragraph(
        &format!(
            "{}: {} ({} {})",
            lang.t("Tổng giá trị giải thưởng", "Total prize value"),
            text::vnd(total, lang),
            rows.len(),
            lang.t("dự án", "projects")
        ),
        11.0,
        true,
        false,
    );
    let pending: Vec<&str> = report.pending_ties().collect();
    if !pending.is_empty() {
        l.gap(6.0);
        l.paragraph(text::pending_heading(lang), 10.0, true, false);
        for t in pending {
            l.paragraph(&format!("• {t}"), 9.5, false, false);
        }
    }
    signatures(&mut l, contest, lang);
    render(
        l.pages,
        &[(0, contest.name.clone())],
        report.provisional,
        seal_of(session, lang),
        lang,
    )
}

/// Blank paper scoresheets (phiếu chấm điểm): for each judge of the round, the criteria with their
/// maximum and rubric, then one row per submission the judge scores with a box per criterion. In the
/// row of a project the judge is in conflict with, the boxes are greyed into one that says not to
/// score it and why ([`super::export::blank_sheet_rows`] finds them as the scoring rules do).
pub fn blank_scoresheets(session: &Session, round_id: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let contest = &session.contest;
    let round = contest.round(round_id).ok_or("round")?;
    let index = contest.round_index(round_id).unwrap_or(0);
    let submissions =
        super::export::RoundSubmissions::new(super::packet::submissions_in_round(session, index));
    let mut l = Layout::new()?;
    l.pages.clear();
    // Each judge's sheet is a document of its own once printed: its pages say whose they are and
    // are numbered on their own.
    let mut parts = Vec::new();
    let conflicts = crate::scoring::conflicts::ConflictIndex::new(contest);
    for judge in round.judges.iter().filter_map(|j| contest.judge(j)) {
        parts.push((
            l.pages.len(),
            format!(
                "{} — {} {}",
                contest.name,
                lang.t("Phiếu chấm của", "Scoresheet of"),
                judge.name
            ),
        ));
        l.pages.push(Vec::new());
        l.y = TOP;
        title_block(&mut l, lang.t("PHIẾU CHẤM ĐIỂM", "SCORESHEET"), contest);
        l.paragraph(
            &format!(
                "{}: {} · {}: {}",
                lang.t("Vòng", "Round"),
                round.name,
                lang.t("Giám khảo", "Judge"),
                judge.name
            ),
            10.0,
            false,
            true,
        );
        l.gap(6.0);
        for (k, c) in round.criteria.iter().enumerate() {
            l.paragraph(
                &format!(
                    "TC{} — {} ({} {})",
                    k + 1,
                    c.name,
                    lang.t("tối đa", "max"),
                    text::points(c.max, lang)
                ),
                9.5,
                true,
                false,
            );
            for r in &c.rubric {
                l.paragraph(&format!("   {}", text::rubric_band(r, lang)), 8.0, false, false);
            }
        }
        l.gap(6.0);
        let n = round.criteria.len() as f32;
        let fixed = 40.0 + 150.0 + 46.0;
        let box_w = ((PAGE_W - 2.0 * MARGIN - fixed) / n).min(48.0);
        let titles: Vec<String> = round
            .criteria
            .iter()
            .enumerate()
            .map(|(k, c)| format!("TC{}\n/{}", k + 1, text::points(c.max, lang)))
            .collect();
        let mut columns = vec![
            Column {
                title: lang.t("Mã", "Id"),
                width: 40.0,
                right: false,
            },
            Column {
                title: lang.t("Tên dự án", "Project"),
                width: 150.0 + (PAGE_W - 2.0 * MARGIN - fixed - box_w * n),
                right: false,
            },
        ];
        columns.extend(titles.iter().map(|t| Column {
            title: t.as_str(),
            width: box_w,
            right: false,
        }));
        columns.push(Column {
            title: lang.t("Tổng", "Total"),
            width: 46.0,
            right: false,
        });
        let (rows, notes): (Vec<Vec<String>>, Vec<Option<String>>) =
            super::export::blank_sheet_rows(session, round, &submissions, judge, &conflicts)
                .into_iter()
                .map(|(s, conflict)| {
                    let mut row = vec![s.id.clone(), s.title.clone()];
                    if conflict.is_none() {
                        row.extend(std::iter::repeat_n(String::from("\n"), round.criteria.len() + 1));
                    }
                    (row, conflict.map(|kind| text::do_not_score(&kind, lang)))
                })
                .unzip();
        l.noted_table(&columns, &rows, &notes, 8.5);
        l.gap(20.0);
        l.room(60.0);
        l.text_at(PAGE_W / 2.0 + 20.0, 10.0, true, lang.t("GIÁM KHẢO", "JUDGE"));
        l.gap(14.0);
        l.text_at(
            PAGE_W / 2.0 + 20.0,
            8.5,
            false,
            lang.t("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
        );
    }
    render(l.pages, &parts, false, seal_of(session, lang), lang)
}

/// Draws the laid-out pages with the page number, and the provisional mark when needed, on each.
/// What every page carries at its foot besides the page number: the seal of a finalized session.
/// The seal is checked first: a file that no longer matches it gets the warning, in red, at the top
/// and the foot of every page instead.
fn seal_of(session: &Session, lang: Lang) -> Option<Foot> {
    let state = super::seal::seal_state(session);
    text::seal_state_line(&state, lang).map(|line| Foot {
        line,
        broken: state.is_broken(),
    })
}

/// The seal's line at the foot of every page.
struct Foot {
    line: String,
    broken: bool,
}

/// `parts` are the documents printed together, each as (its first page, the words at the foot of its
/// pages); pages are numbered within their part.
fn render(
    pages: Vec<Vec<Op>>,
    parts: &[(usize, String)],
    provisional: bool,
    seal: Option<Foot>,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR.to_vec().into(), 0).ok_or("font")?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or("font")?;
    let symbols = Font::new(SYMBOLS.to_vec().into(), 0).ok_or("font")?;
    let measure = Measure::new()?;
    let shaper = Shaper::new()?;
    // The words at the foot of each part's pages, and the seal, as they can be printed; made once,
    // however many pages (a contest's name can be long).
    let labels: Vec<String> = parts
        .iter()
        .map(|(_, label)| measure.printable_line(label, false))
        .collect();
    let seal = seal.map(|Foot { line, broken }| {
        let line = measure.printable_line(&line, broken);
        Foot {
            line: measure.fit_line(
                &line,
                if broken { 8.0 } else { 7.0 },
                broken,
                PAGE_W - 2.0 * MARGIN,
            ),
            broken,
        }
    });
    let mut document = krilla::Document::new();
    // Which giamkhao made the document, in its properties as on every page.
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .creator(text::made_with_name())
            .producer(text::made_with_name()),
    );
    let total = pages.len();
    let red = Fill {
        paint: krilla::color::rgb::Color::new(200, 30, 30).into(),
        ..Default::default()
    };
    let grey = Fill {
        paint: krilla::color::rgb::Color::new(222, 222, 222).into(),
        ..Default::default()
    };
    for (i, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        // Text laid out by [`Measure::printable_chars`]: each run in the face that has its letters.
        let text =
            |s: &mut krilla::surface::Surface, x: f32, y: f32, size: f32, bold_face: bool, content: &str| {
                let mut x = x;
                let mut rest = content;
                while let Some(first) = rest.chars().next() {
                    let in_text = measure.in_text_face(first, bold_face);
                    let end = rest
                        .char_indices()
                        .find(|&(_, c)| measure.in_text_face(c, bold_face) != in_text)
                        .map_or(rest.len(), |(i, _)| i);
                    let (run, after) = rest.split_at(end);
                    let (font, face) = match (in_text, bold_face) {
                        (false, _) => (symbols.clone(), Which::Symbols),
                        (true, true) => (bold.clone(), Which::Bold),
                        (true, false) => (regular.clone(), Which::Regular),
                    };
                    let glyphs = shaper.shape(face, run);
                    s.draw_glyphs(Point::from_xy(x, y), &glyphs, font, run, size, false);
                    x += measure.width(run, size, bold_face);
                    rest = after;
                }
            };
        if provisional {
            surface.set_fill(Some(red.clone()));
            text(
                &mut surface,
                MARGIN,
                36.0,
                10.0,
                true,
                text::provisional_mark(lang),
            );
            surface.set_fill(Some(Fill::default()));
        }
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    red: r,
                    text: t,
                } => {
                    if r {
                        surface.set_fill(Some(red.clone()));
                    }
                    text(&mut surface, x, y, size, b, &t);
                    if r {
                        surface.set_fill(Some(Fill::default()));
                    }
                }
                Op::Shade { x, y, w, h } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(grey.clone()));
                        surface.draw_path(&path);
                        surface.set_fill(Some(Fill::default()));
                    }
                }
                Op::Line { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y1);
                    pb.line_to(x2, y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: 0.4,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill::default()));
                    }
                }
            }
        }
        let part = parts.iter().rposition(|(first, _)| *first <= i).unwrap_or(0);
        let first = parts.get(part).map_or(0, |(first, _)| *first);
        let end = parts.get(part + 1).map_or(total, |(next, _)| *next);
        let label = labels.get(part).map_or("", String::as_str);
        let number = format!(
            " — {} {}/{} — {}",
            lang.t("Trang", "Page"),
            i + 1 - first,
            end - first,
            text::made_with_name()
        );
        // A long contest name gives way from its start; whose sheet and the page number stay.
        let room = PAGE_W - 2.0 * MARGIN - measure.width(&number, 8.0, false);
        let footer = format!("{}{number}", measure.fit_end(label, 8.0, false, room));
        text(&mut surface, MARGIN, PAGE_H - 28.0, 8.0, false, &footer);
        match &seal {
            Some(Foot { line, broken: true }) => {
                surface.set_fill(Some(red.clone()));
                text(&mut surface, MARGIN, 24.0, 8.0, true, line);
                text(&mut surface, MARGIN, PAGE_H - 18.0, 7.0, true, line);
                surface.set_fill(Some(Fill::default()));
            }
            Some(Foot { line, broken: false }) => text(&mut surface, MARGIN, PAGE_H - 18.0, 7.0, false, line),
            None => {}
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shaping with a plan made once per face, script and language gives the glyphs shaping each
    /// text afresh gives: Vietnamese, digits, punctuation, kerning pairs, ligatures, marks.
    #[test]
    fn a_plan_made_once_shapes_as_shaping_afresh_does() {
        let shaper = Shaper::new().unwrap();
        let texts = [
            "Tìm kiếm tài năng khởi nghiệp đổi mới sáng tạo",
            "78,25",
            "AVATAR Tự fi ffl — “Nhất” · …",
            "e\u{301}\u{323} Đà Nẵng",
            "→ ✓ ★",
            "",
        ];
        for which in [Which::Regular, Which::Bold, Which::Symbols] {
            let face = &shaper.faces[which as usize];
            // Twice: the second time through the plan kept from the first.
            for _ in 0..2 {
                for text in texts {
                    let mut buffer = rustybuzz::UnicodeBuffer::new();
                    buffer.push_str(text);
                    buffer.guess_segment_properties();
                    buffer.set_direction(rustybuzz::Direction::LeftToRight);
                    let afresh = glyphs(face, text, &rustybuzz::shape(face, &[], buffer));
                    assert_eq!(
                        format!("{:?}", shaper.shape(which, text)),
                        format!("{afresh:?}"),
                        "{text:?}"
                    );
                }
            }
        }
    }

    /// A character's advance read from the table made once is the one the face gives, in every
    /// face, below and above the characters looked up in advance.
    #[test]
    fn advances_read_once_are_the_faces_own() {
        let measure = Measure::new().unwrap();
        let chars = (0x20..0x300)
            .chain(0x1ea0..0x1f00)
            .chain(0x2000..0x2300)
            .chain(0x1f600..0x1f610);
        for c in chars.filter_map(char::from_u32) {
            for bold in [false, true] {
                let face = if bold { &measure.bold } else { &measure.regular };
                let direct = |face: &ttf_parser::Face| {
                    face.glyph_index(c).map(|g| {
                        face.glyph_hor_advance(g)
                            .map_or(0.5, |a| f32::from(a) / f32::from(face.units_per_em()))
                    })
                };
                let expected = direct(face)
                    .or_else(|| direct(&measure.symbols))
                    .map_or(5.0, |em| em * 10.0);
                assert_eq!(measure.advance(c, 10.0, bold), expected, "U+{:04X}", u32::from(c));
                assert_eq!(measure.in_text_face(c, bold), face.glyph_index(c).is_some());
            }
        }
    }
}
