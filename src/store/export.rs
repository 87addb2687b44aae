//! Results for Excel: "Kết quả" (ranked results with awards, prizes and flags), "Đạt giải" (the award
//! list with its total), "Điểm chi tiết" (every judge × criterion score) and "Theo giám khảo" (each
//! judge's totals); and blank scoresheets (a criteria sheet and one sheet per judge to fill in, the
//! projects the judge is in conflict with marked not to score). All built once as typed cells, then
//! written as .xlsx (frozen header row, autofilter, column widths that fit, numbers with the
//! contest's decimals) or as CSV files (UTF-8 with a byte order mark; in Vietnamese with decimal
//! commas and semicolons between fields, in English with points and commas, as Excel expects under
//! each language's regional settings; a text cell that a spreadsheet would run as a formula starts
//! with an apostrophe).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{ConflictKind, Judge, Points, Round, RoundResult, Session, SheetStatus, Submission};
use std::sync::Arc;

use crate::scoring::conflicts::ConflictIndex;
use crate::text::{self, Lang, Names};

use super::report::{JudgeName, ResultsReport};

/// A cell: text, or a number shown with a number of decimals.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Shared: the same title, judge or state on many rows is held once.
    Text(Arc<str>),
    Number {
        value: Points,
        decimals: u8,
    },
    Int(i64),
    Empty,
}

/// A row of a table: the cells that are not empty, each with its column, in column order. A wide
/// table of mostly empty cells (each judge's totals in a large contest: 200 judges, 5 of them to a
/// row) then costs what it holds, not its width.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row(Vec<(u32, Cell)>);

const EMPTY: Cell = Cell::Empty;

impl Row {
    /// A row from (column, cell) in increasing column order; empty cells are left out.
    pub fn sparse(cells: impl IntoIterator<Item = (u32, Cell)>) -> Self {
        Row(cells.into_iter().filter(|(_, c)| *c != Cell::Empty).collect())
    }
    /// The cell in `column` (empty where there is none).
    pub fn get(&self, column: usize) -> &Cell {
        self.0
            .binary_search_by_key(&column, |(c, _)| *c as usize)
            .map_or(&EMPTY, |i| &self.0[i].1)
    }
    /// The cells that are not empty, with their columns.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &Cell)> {
        self.0.iter().map(|(c, cell)| (*c as usize, cell))
    }
    /// Every cell of the first `width` columns (and any beyond), empty ones included.
    pub fn cells(&self, width: usize) -> impl Iterator<Item = &Cell> {
        let width = width.max(self.0.last().map_or(0, |(c, _)| *c as usize + 1));
        (0..width).map(|c| self.get(c))
    }
    /// Takes a column out; the ones after it move left.
    fn remove_column(&mut self, column: usize) {
        self.0.retain(|(c, _)| *c as usize != column);
        for (c, _) in &mut self.0 {
            if *c as usize > column {
                *c -= 1;
            }
        }
    }
}

impl From<Vec<Cell>> for Row {
    fn from(cells: Vec<Cell>) -> Self {
        Row::sparse(cells.into_iter().enumerate().map(|(c, cell)| (c as u32, cell)))
    }
}

/// One table of an export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: String,
    /// For CSV file names.
    pub slug: String,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Lines under the table, after an empty row and outside the filter (a total, a signature, the
    /// seal of a finalized session).
    pub footer: Vec<Vec<Cell>>,
    /// A warning written above the header, on the first line (in red in Excel): a file that no
    /// longer matches its seal.
    pub warning: Option<String>,
}

impl Table {
    /// An empty table with its sheet name, CSV file slug and header.
    pub fn new(name: &str, slug: &str, header: &[&str]) -> Self {
        Table {
            name: name.into(),
            slug: slug.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            footer: Vec::new(),
            warning: None,
        }
    }
}

/// A number shown with `decimals` places, or an empty cell.
fn number(p: Option<Points>, decimals: u8) -> Cell {
    p.map_or(Cell::Empty, |value| Cell::Number { value, decimals })
}

fn text(s: impl Into<Arc<str>>) -> Cell {
    let s = s.into();
    if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
}

/// The file-name endings of the tables [`each_table`] makes, in its order (for CSV files, whose
/// names are known before the tables are made).
pub const RESULT_SLUGS: [&str; 4] = ["ket-qua", "dat-giai", "diem-chi-tiet", "theo-giam-khao"];

/// The four tables of one round's results: results, awards, detailed scores, each judge's totals.
pub fn tables(session: &Session, result: &RoundResult, lang: Lang) -> Vec<Table> {
    each_table(session, result, lang).collect()
}

/// [`tables`], made one at a time as they are asked for, so that a writer holds one table at a
/// time: a large contest's detailed scores alone are hundreds of megabytes.
pub fn each_table<'a>(
    session: &'a Session,
    result: &'a RoundResult,
    lang: Lang,
) -> impl Iterator<Item = Table> + 'a {
    let mut report = Some(ResultsReport::new(session, result, lang));
    let mut judges: Vec<JudgeName> = Vec::new();
    let footers = Footers::new(session, result, lang);
    let mut next = 0;
    std::iter::from_fn(move || {
        let table = match (next, &report) {
            (0, Some(report)) => {
                let by_id = session.submission_index();
                results_table(session, report, &by_id, &Names::of(session), lang)
            }
            (1, Some(r)) => {
                let table = award_table(session, r, lang);
                // The last two tables need only the judges: the report (a hundred megabytes at
                // 100,000 submissions) goes before the largest table is made.
                judges = report.take().map(|r| r.judges).unwrap_or_default();
                table
            }
            (2, _) => detail_table(session, result, &judges, lang),
            (3, _) => by_judge_table(session, result, &judges, lang),
            _ => return None,
        };
        next += 1;
        Some(footers.apply(table))
    })
}

/// Each row's judge lines in the order of the report's judge columns (a judge's first line, as a
/// search finds it), with the column of each.
fn lines_by_column<'r>(
    row: &'r crate::model::SubmissionResult,
    column: &HashMap<&str, usize>,
) -> Vec<(usize, &'r crate::model::JudgeLine)> {
    let mut lines: Vec<(usize, &crate::model::JudgeLine)> = Vec::new();
    for line in &row.judges {
        if let Some(&k) = column.get(line.judge.as_ref())
            && !lines.iter().any(|(q, _)| *q == k)
        {
            lines.push((k, line));
        }
    }
    lines.sort_by_key(|(k, _)| *k);
    lines
}

/// Each judge's column, by id (the first of an id, as a search finds it).
fn judge_columns(judges: &[JudgeName]) -> HashMap<&str, usize> {
    let mut column: HashMap<&str, usize> = HashMap::new();
    for (k, j) in judges.iter().enumerate() {
        column.entry(j.judge.as_str()).or_insert(k);
    }
    column
}

/// "Điểm chi tiết": one row per judge line, with the judge's score on every criterion.
fn detail_table(session: &Session, result: &RoundResult, judges: &[JudgeName], lang: Lang) -> Table {
    let names = Names::of(session);
    let decimals = session.contest.decimals;
    let num = |p: Option<Points>| number(p, decimals);
    // A judge's score with the contest's decimals, or more if the judge gave more (never rounded).
    let raw = |p: Option<Points>| {
        p.map_or(Cell::Empty, |value| Cell::Number {
            value,
            decimals: decimals.max(value.decimals_used()),
        })
    };
    // Submissions, and the round's sheet entries, found through indexes made once: a search for
    // each row (and each judge of each row) was quadratic.
    // Each submission's position and itself, by id (the first of an id, as a search finds it).
    let mut by_id: HashMap<&str, (u32, &crate::model::Submission)> =
        HashMap::with_capacity(session.submissions.len());
    for (k, s) in session.submissions.iter().enumerate() {
        by_id.entry(s.id.as_str()).or_insert((k as u32, s));
    }
    let column = judge_columns(judges);
    // The round's entries of the report's judges, by judge column and then the submission's
    // position: sorted numbers, not a map of 500,000 keys (40 MB at 100,000 submissions), nor
    // pairs sorted by id (each step of a search compared ids lying all over memory: at 100,000
    // submissions that search grew to a tenth of the export).
    let mut entries: Vec<(u32, u32, &crate::model::SheetEntry)> = Vec::new();
    for sheet in session.scoresheets.iter().filter(|s| s.round == result.round) {
        if let Some(&k) = column.get(sheet.judge.as_str()) {
            entries.extend(
                sheet
                    .entries
                    .iter()
                    .filter_map(|e| by_id.get(e.submission.as_str()).map(|&(at, _)| (k as u32, at, e))),
            );
        }
    }
    // Stable: the first sheet of a judge and the first entry of an id come first, as the searches
    // found them.
    entries.sort_by_key(|e| (e.0, e.1));
    let entry = |k: usize, at: Option<u32>| {
        let at = at?;
        let i = entries.partition_point(|e| (e.0, e.1) < (k as u32, at));
        entries
            .get(i)
            .filter(|e| (e.0, e.1) == (k as u32, at))
            .map(|e| e.2)
    };
    let round = session.contest.round(&result.round);
    let criteria = round.map(|r| r.criteria.as_slice()).unwrap_or(&[]);
    let mut detail = Table::new(
        lang.t("Điểm chi tiết", "Detailed scores"),
        RESULT_SLUGS[2],
        &[
            lang.t("Mã", "Id"),
            lang.t("Tên dự án", "Title"),
            lang.t("Giám khảo", "Judge"),
            lang.t("Trạng thái", "Status"),
        ],
    );
    detail.header.extend(criteria.iter().map(|c| c.name.clone()));
    detail.header.push(lang.t("Tổng", "Total").into());
    detail.header.push(lang.t("Nhận xét", "Comment").into());
    // A submission's id and title, each judge's name and each state are on many rows: held once.
    let judge_names: Vec<Cell> = judges.iter().map(|j| text(names.judge(&j.judge))).collect();
    let mut states: Vec<(SheetStatus, Cell)> = Vec::new();
    for scope in &result.scopes {
        for row in &scope.rows {
            let id = text(row.submission.as_str());
            let found = by_id.get(row.submission.as_str());
            let title = text(found.map_or("", |(_, s)| s.title.as_str()));
            for (k, line) in lines_by_column(row, &column) {
                let entry = entry(k, found.map(|&(at, _)| at));
                let state = match states.iter().find(|(s, _)| *s == line.status) {
                    Some((_, cell)) => cell.clone(),
                    None => {
                        let cell = text(text::status(line.status, lang));
                        states.push((line.status, cell.clone()));
                        cell
                    }
                };
                let mut cells = vec![id.clone(), title.clone(), judge_names[k].clone(), state];
                cells.extend(
                    criteria
                        .iter()
                        .map(|c| raw(entry.and_then(|e| e.scores.get(c.id.as_str()).copied()))),
                );
                cells.push(num(line.total));
                cells.push(text(entry.map_or("", |e| e.comment.as_str())));
                detail.rows.push(cells.into());
            }
        }
    }
    detail
}

/// "Theo giám khảo": one row per submission, each judge's total in the judge's column (none where
/// the judge was in conflict).
fn by_judge_table(session: &Session, result: &RoundResult, judges: &[JudgeName], lang: Lang) -> Table {
    let decimals = session.contest.decimals;
    let num = |p: Option<Points>| number(p, decimals);
    let by_id = session.submission_index();
    let mut by_judge = Table::new(
        lang.t("Theo giám khảo", "By judge"),
        RESULT_SLUGS[3],
        &[lang.t("Mã", "Id"), lang.t("Tên dự án", "Title")],
    );
    by_judge.header.extend(judges.iter().map(|j| j.name.clone()));
    let column = judge_columns(judges);
    for scope in &result.scopes {
        for row in &scope.rows {
            let title = by_id
                .get(row.submission.as_str())
                .map(|s| s.title.clone())
                .unwrap_or_default();
            let mut totals = vec![(0, text(row.submission.clone())), (1, text(title))];
            for (k, line) in lines_by_column(row, &column) {
                if line.status != SheetStatus::Conflict {
                    totals.push((2 + k as u32, num(line.total)));
                }
            }
            by_judge.rows.push(Row::sparse(totals));
        }
    }
    by_judge
}

/// The lines under every table of results: that they wait for a council decision (as the PDF
/// marks every page, so a spreadsheet passed round is not taken for the final results), and the
/// seal of a finalized session once checked — or, for a file that no longer matches its seal, the
/// warning above the table and under it, instead of the digest. Checked once for all the tables.
struct Footers {
    provisional: Option<String>,
    seal: Option<(bool, String)>,
}

impl Footers {
    fn new(session: &Session, result: &RoundResult, lang: Lang) -> Self {
        let state = super::seal::seal_state(session);
        Footers {
            provisional: result
                .provisional
                .then(|| text::provisional_mark(lang).to_string()),
            seal: text::seal_state_line(&state, lang).map(|line| (state.is_broken(), line)),
        }
    }

    /// The seal's lines alone (blank scoresheets are not results).
    fn of_seal(session: &Session, lang: Lang) -> Self {
        let state = super::seal::seal_state(session);
        Footers {
            provisional: None,
            seal: text::seal_state_line(&state, lang).map(|line| (state.is_broken(), line)),
        }
    }

    fn apply(&self, mut table: Table) -> Table {
        if let Some(mark) = &self.provisional {
            table.footer.insert(0, vec![text(mark.clone())]);
        }
        if let Some((broken, line)) = &self.seal {
            if *broken {
                table.warning = Some(line.clone());
            }
            table.footer.push(vec![text(line.clone())]);
        }
        table
    }
}

/// "Kết quả": one row per submission of the report, in its order.
fn results_table(
    session: &Session,
    report: &ResultsReport,
    by_id: &rustc_hash::FxHashMap<&str, &Submission>,
    names: &Names,
    lang: Lang,
) -> Table {
    let decimals = session.contest.decimals;
    let num = |p: Option<Points>| number(p, decimals);
    // Each submission's own category, also when the round ranks all categories together.
    let category = |id: &str| {
        by_id
            .get(id)
            .and_then(|s| s.category.as_deref())
            .map(|c| names.category(c))
            .unwrap_or_default()
    };
    let mut results = Table::new(
        lang.t("Kết quả", "Results"),
        RESULT_SLUGS[0],
        &[
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
        ],
    );
    for scope in &report.scopes {
        for r in &scope.rows {
            results.rows.push(Row::from(vec![
                text(category(&r.submission)),
                r.rank.map_or_else(
                    || text(lang.t("không đủ điều kiện", "not eligible")),
                    |k| Cell::Int(i64::from(k)),
                ),
                text(r.submission.clone()),
                text(r.title.clone()),
                text(r.organization.trim()),
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
            ]));
        }
    }
    results
}

/// The results table alone, with the footers the tables have (for `giamkhao results --format csv`,
/// which prints only it: the other tables of a large contest are most of the memory).
pub fn results(session: &Session, result: &RoundResult, lang: Lang) -> Table {
    let report = ResultsReport::new(session, result, lang);
    let by_id = session.submission_index();
    let table = results_table(session, &report, &by_id, &Names::of(session), lang);
    with_footers(session, result, table, lang)
}

/// "Đạt giải": the award list, tier by tier, with the prize total under it.
pub fn awards(session: &Session, result: &RoundResult, lang: Lang) -> Table {
    let report = ResultsReport::new(session, result, lang);
    with_footers(session, result, award_table(session, &report, lang), lang)
}

/// One table with the footers every table has: provisional, and the seal.
fn with_footers(session: &Session, result: &RoundResult, table: Table, lang: Lang) -> Table {
    Footers::new(session, result, lang).apply(table)
}

fn award_table(session: &Session, report: &ResultsReport, lang: Lang) -> Table {
    let decimals = session.contest.decimals;
    let mut table = Table::new(
        lang.t("Đạt giải", "Awards"),
        RESULT_SLUGS[1],
        &[
            lang.t("Giải", "Award"),
            lang.t("Bảng", "Category"),
            lang.t("Mã", "Id"),
            lang.t("Tên dự án", "Title"),
            lang.t("Trưởng nhóm", "Leader"),
            lang.t("Đơn vị", "Organization"),
            lang.t("Điểm", "Score"),
            lang.t("Giá trị giải (VND)", "Prize (VND)"),
        ],
    );
    let category_of = |id: &str| {
        report
            .scopes
            .iter()
            .find(|s| s.rows.iter().any(|r| r.submission == id))
            .and_then(|s| s.category_name.clone())
            .unwrap_or_default()
    };
    let mut total: u64 = 0;
    for r in report.awarded(&session.contest.awards.tiers) {
        total = total.saturating_add(r.prize_vnd.unwrap_or(0));
        table.rows.push(Row::from(vec![
            text(r.award_name.clone().unwrap_or_default()),
            text(category_of(&r.submission)),
            text(r.submission.clone()),
            text(r.title.clone()),
            text(
                session
                    .submission(&r.submission)
                    .map(|s| s.leader.clone())
                    .unwrap_or_default(),
            ),
            text(r.organization.trim()),
            r.score
                .map_or(Cell::Empty, |value| Cell::Number { value, decimals }),
            r.prize_vnd
                .map_or(Cell::Empty, |v| Cell::Int(i64::try_from(v).unwrap_or(i64::MAX))),
        ]));
    }
    let mut footer = vec![text(lang.t("Tổng giá trị giải thưởng", "Total prize value"))];
    footer.extend(std::iter::repeat_n(Cell::Empty, table.header.len() - 2));
    footer.push(Cell::Int(i64::try_from(total).unwrap_or(i64::MAX)));
    table.footer = vec![footer];
    let pending: Vec<&str> = report.pending_ties().collect();
    if !pending.is_empty() {
        table.footer.push(vec![text(text::pending_heading(lang))]);
        table.footer.extend(pending.into_iter().map(|t| vec![text(t)]));
    }
    // Awards given across the whole contest have no category: leave the empty column out.
    if report.scopes.iter().all(|s| s.category.is_none()) {
        table.header.remove(1);
        for row in &mut table.rows {
            row.remove_column(1);
        }
        table.footer[0].remove(1);
    }
    table
}

/// The rows of `judge`'s blank scoresheet for `round`: the submissions among `submissions` the judge
/// scores, each with the conflict of interest that keeps the judge from scoring it, found as the
/// scoring rules find it (same organization, a pair the organizers listed, one the judge declared,
/// or a recusal already in the judge's sheet). The PDF and the Excel/CSV sheets both use it.
pub fn blank_sheet_rows<'a>(
    session: &Session,
    round: &Round,
    submissions: &RoundSubmissions<'a>,
    judge: &Judge,
    conflicts: &ConflictIndex<'a>,
) -> Vec<(&'a Submission, Option<ConflictKind>)> {
    let judge_org = conflicts.judge_key(&judge.id);
    // The judge's entries and assignments found once (searching them for each submission made the
    // sheets of every judge of a large round quadratic); the first entry of an id, as a search finds.
    let mut entries: std::collections::HashMap<&str, &crate::model::SheetEntry> = Default::default();
    for e in session
        .sheet(&round.id, &judge.id)
        .map_or(&[][..], |s| &s.entries[..])
    {
        entries.entry(e.submission.as_str()).or_insert(e);
    }
    let listed: Vec<&'a Submission> = match round.assigned_to(&judge.id) {
        None => submissions.list.clone(),
        Some(assigned) => submissions.in_order(assigned),
    };
    listed
        .into_iter()
        .map(|s| {
            let entry = entries.get(s.id.as_str()).copied();
            let org = conflicts.key_of(&s.organization);
            (s, conflicts.find(&judge.id, &judge_org, &s.id, &org, entry))
        })
        .collect()
}

/// A round's submissions in order, each with its place among them: a judge's sheet takes the
/// judge's submissions by their places, instead of asking of every submission of the round whether
/// it is the judge's (at 100,000 submissions and 200 judges, 20 million questions reaching all over
/// memory: most of the blank scoresheets' time, and growing faster than the contest).
pub struct RoundSubmissions<'a> {
    pub list: Vec<&'a Submission>,
    place: rustc_hash::FxHashMap<&'a str, usize>,
}

impl<'a> RoundSubmissions<'a> {
    pub fn new(list: Vec<&'a Submission>) -> Self {
        let mut place = rustc_hash::FxHashMap::default();
        place.reserve(list.len());
        for (i, s) in list.iter().enumerate() {
            place.entry(s.id.as_str()).or_insert(i);
        }
        RoundSubmissions { list, place }
    }

    /// The submissions among `ids` that are in the round, in the round's order.
    fn in_order<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> Vec<&'a Submission> {
        let mut places: Vec<usize> = ids
            .into_iter()
            .filter_map(|id| self.place.get(id).copied())
            .collect();
        places.sort_unstable();
        places.dedup();
        places.into_iter().map(|i| self.list[i]).collect()
    }
}

/// Blank scoresheets for a round: "Tiêu chí" (each criterion with its maximum, weight and rubric),
/// then one table per judge listing the submissions the judge scores, a column per criterion to fill
/// in, a total and a comment, with a line for the judge's signature under it. The row of a project
/// the judge is in conflict with has "—" for its scores and says why not to score it in a last
/// column, "Xung đột lợi ích", that only the sheets of judges with a conflict have.
pub fn blank_scoresheets(session: &Session, round_id: &str, lang: Lang) -> Result<Vec<Table>, String> {
    let contest = &session.contest;
    let round = contest
        .round(round_id)
        .ok_or_else(|| format!("{} «{round_id}»", lang.t("không có vòng", "no round")))?;
    let index = contest.round_index(round_id).unwrap_or(0);
    let submissions = RoundSubmissions::new(super::packet::submissions_in_round(session, index));
    let mut criteria = Table::new(
        lang.t("Tiêu chí", "Criteria"),
        "tieu-chi",
        &[
            lang.t("Mã", "Id"),
            lang.t("Tiêu chí", "Criterion"),
            lang.t("Tối đa", "Maximum"),
            lang.t("Trọng số", "Weight"),
            lang.t("Thang điểm", "Rubric"),
        ],
    );
    let raw = |value: Points| Cell::Number {
        value,
        decimals: value.decimals_used(),
    };
    for (k, c) in round.criteria.iter().enumerate() {
        criteria.rows.push(Row::from(vec![
            text(format!("TC{}", k + 1)),
            text(c.name.clone()),
            raw(c.max),
            raw(c.weight),
            text(text::rubric(c, lang)),
        ]));
    }
    let mut tables = vec![criteria];
    let conflicts = ConflictIndex::new(contest);
    for judge in round.judges.iter().filter_map(|j| contest.judge(j)) {
        let mut header: Vec<String> = [lang.t("Mã", "Id"), lang.t("Tên dự án", "Title")]
            .map(String::from)
            .to_vec();
        header.extend(round.criteria.iter().enumerate().map(|(k, c)| {
            format!(
                "TC{} ({} {})",
                k + 1,
                lang.t("tối đa", "max"),
                text::points(c.max, lang)
            )
        }));
        header.push(lang.t("Tổng", "Total").into());
        header.push(lang.t("Nhận xét", "Comment").into());
        let listed = blank_sheet_rows(session, round, &submissions, judge, &conflicts);
        let any_conflict = listed.iter().any(|(_, c)| c.is_some());
        if any_conflict {
            header.push(text::conflict_heading(lang).into());
        }
        let rows = listed
            .into_iter()
            .map(|(s, conflict)| {
                let mut row = vec![text(s.id.clone()), text(s.title.clone())];
                let boxes = round.criteria.len() + 1;
                match conflict {
                    // The scores are left out: "—" in each box, the comment empty, the reason last.
                    Some(kind) => {
                        row.extend(std::iter::repeat_n(text("—"), boxes));
                        row.push(Cell::Empty);
                        row.push(text(text::do_not_score(&kind, lang)));
                    }
                    None => row.extend(std::iter::repeat_n(
                        Cell::Empty,
                        boxes + 1 + usize::from(any_conflict),
                    )),
                }
                Row::from(row)
            })
            .collect();
        tables.push(Table {
            name: sheet_name(&format!("{} {}", judge.id, judge.name)),
            slug: format!("phieu-{}", file_safe(&judge.id)),
            warning: None,
            header,
            rows,
            footer: vec![vec![text(format!(
                "{}: {} — {}",
                lang.t("Giám khảo", "Judge"),
                judge.name,
                lang.t("ký, ghi rõ họ tên", "signature and full name")
            ))]],
        });
    }
    let footers = Footers::of_seal(session, lang);
    Ok(tables.into_iter().map(|t| footers.apply(t)).collect())
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending
/// with an apostrophe.
fn sheet_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    cleaned.trim_matches('\'').trim().to_string()
}

/// A piece of a file name that is safe on Windows, macOS and Linux.
fn file_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
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
pub fn write_xlsx<T: std::borrow::Borrow<Table>>(
    path: &Path,
    tables: impl IntoIterator<Item = T>,
) -> Result<(), String> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    // Which giamkhao made the workbook: in its properties, and at the foot of every printed page
    // (not in a row, so the tables stay data another program can read).
    let made_with = text::made_with_name();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_author(&made_with)
            .set_comment(&made_with),
    );
    // One format per number of decimal places, made once (a format made for every number cell
    // had to be looked up among the others each time: millions of times in a large contest).
    let number_formats: Vec<Format> = (0..=crate::model::Points::MAX_DECIMALS)
        .map(|d| Format::new().set_num_format(number_format(d)))
        .collect();
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for table in tables {
        // Each table is let go once written (see [`each_table`]).
        let table = table.borrow();
        // Rows go to a temporary file as they are written, not held until the end: a large
        // contest's sheets have millions of cells (3 GB at 100,000 submissions otherwise). Its
        // strings are still shared, as Excel writes them.
        let sheet = book.add_worksheet_with_low_memory().map_err(err)?;
        sheet.set_name(&table.name).map_err(err)?;
        let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
        // A warning takes the first row; the header and the rows move down one.
        let top = u32::from(table.warning.is_some());
        if let Some(warning) = &table.warning {
            let red = Format::new()
                .set_bold()
                .set_font_color(rust_xlsxwriter::Color::Red);
            sheet.write_string_with_format(0, 0, warning, &red).map_err(err)?;
        }
        for (c, h) in table.header.iter().enumerate() {
            sheet
                .write_string_with_format(top, c as u16, h, &bold)
                .map_err(err)?;
        }
        let first_footer = top + table.rows.len() as u32 + 2;
        let footer = table.footer.iter().enumerate().map(move |(k, line)| {
            let cells: Box<dyn Iterator<Item = (usize, &Cell)>> = Box::new(line.iter().enumerate());
            (first_footer + k as u32, cells)
        });
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let cells: Box<dyn Iterator<Item = (usize, &Cell)>> = Box::new(row.filled());
                (top + r as u32 + 1, cells)
            })
            .chain(footer);
        for (r, cells) in rows {
            for (c, cell) in cells {
                let col = c as u16;
                let shown = match cell {
                    Cell::Text(s) if s.contains('\n') => {
                        sheet
                            .write_string_with_format(r, col, s.as_ref(), &wrap)
                            .map_err(err)?;
                        s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                    }
                    Cell::Text(s) => {
                        sheet.write_string(r, col, s.as_ref()).map_err(err)?;
                        s.chars().count()
                    }
                    Cell::Number { value, decimals } => {
                        let made;
                        let format = match number_formats.get(usize::from(*decimals)) {
                            Some(format) => format,
                            None => {
                                made = Format::new().set_num_format(number_format(*decimals));
                                &made
                            }
                        };
                        sheet
                            .write_number_with_format(r, col, value.to_f64(), format)
                            .map_err(err)?;
                        value.format_fixed(*decimals, '.').len()
                    }
                    Cell::Int(n) => {
                        sheet.write_number(r, col, *n as f64).map_err(err)?;
                        n.to_string().len()
                    }
                    Cell::Empty => 0,
                };
                // The footer runs across columns: it does not widen the first one.
                if let Some(w) = widths.get_mut(c).filter(|_| r <= top + table.rows.len() as u32) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet
                .set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))
                .map_err(err)?;
        }
        sheet.set_freeze_panes(top + 1, 0).map_err(err)?;
        // Printed from Excel: A4 landscape, as wide as one page, the header on every page.
        sheet
            .set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_footer(format!("&L{made_with}&R&P/&N"));
        sheet.set_repeat_rows(0, top).map_err(err)?;
        if !table.header.is_empty() {
            let last_row = top + table.rows.len() as u32;
            sheet
                .autofilter(top, 0, last_row, table.header.len() as u16 - 1)
                .map_err(err)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    super::atomic::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

/// Text a spreadsheet opening a CSV file would run as a formula (`=HYPERLINK(…)`, `=cmd|' /C
/// calc'!A0`), made inert as OWASP advises: a text cell that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets an apostrophe in front, and reads as the text it is. Only text cells
/// (and headers) go through it: the numbers giamkhao writes itself, "-1,5" among them, are
/// [`Cell::Number`] and [`Cell::Int`] and stay numbers. The workbook needs none of this: its cells
/// are written as strings, never as formulas.
fn inert(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// A table as CSV: UTF-8 with a byte order mark (so Excel shows Vietnamese), numbers with the
/// language's decimal separator, text that looks like a formula made inert ([`inert`]).
pub fn csv_bytes(table: &Table, lang: Lang) -> Result<Vec<u8>, String> {
    let cell_text = |c: &Cell| match c {
        Cell::Text(s) => inert(s).into_owned(),
        Cell::Number { value, decimals } => value.format_fixed(*decimals, lang.decimal_separator()),
        Cell::Int(n) => n.to_string(),
        Cell::Empty => String::new(),
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(lang.list_separator())
        .flexible(true)
        // The byte order mark first, in the same buffer (a large table's text is not copied).
        .from_writer("\u{feff}".as_bytes().to_vec());
    if let Some(warning) = &table.warning {
        writer.write_record([warning]).map_err(|e| e.to_string())?;
    }
    writer
        .write_record(table.header.iter().map(|h| inert(h).into_owned()))
        .map_err(|e| e.to_string())?;
    for row in &table.rows {
        let cells: Vec<String> = row.cells(table.header.len()).map(cell_text).collect();
        writer.write_record(&cells).map_err(|e| e.to_string())?;
    }
    if !table.footer.is_empty() {
        writer
            .write_record(std::iter::repeat_n("", table.header.len()))
            .map_err(|e| e.to_string())?;
        for line in &table.footer {
            let mut cells: Vec<String> = line.iter().map(cell_text).collect();
            cells.resize(cells.len().max(table.header.len()), String::new());
            writer.write_record(&cells).map_err(|e| e.to_string())?;
        }
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The CSV files [`write_csv`] writes for `tables`: one per table, named after `path` and the table
/// (`ket-qua.csv` → `ket-qua-diem-chi-tiet.csv`…), the first `path` itself.
pub fn csv_paths(path: &Path, tables: &[Table]) -> Vec<PathBuf> {
    let slugs: Vec<&str> = tables.iter().map(|t| t.slug.as_str()).collect();
    csv_paths_of(path, &slugs)
}

/// [`csv_paths`] for tables known by their file-name endings ([`RESULT_SLUGS`]).
pub fn csv_paths_of(path: &Path, slugs: &[&str]) -> Vec<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    slugs
        .iter()
        .enumerate()
        .map(|(i, slug)| match i {
            0 => path.to_path_buf(),
            _ => path.with_file_name(format!("{stem}-{slug}.csv")),
        })
        .collect()
}

/// One CSV file per table, named as [`csv_paths`] says. Returns the files written.
pub fn write_csv<T: std::borrow::Borrow<Table>>(
    path: &Path,
    tables: impl IntoIterator<Item = T>,
    lang: Lang,
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (i, table) in tables.into_iter().enumerate() {
        let table = table.borrow();
        let target = match i {
            0 => path.to_path_buf(),
            _ => csv_paths_of(path, &["", &table.slug])[1].clone(),
        };
        let bytes = csv_bytes(table, lang)?;
        super::atomic::write_atomic(&target, &bytes).map_err(|e| e.to_string())?;
        written.push(target);
    }
    Ok(written)
}

/// The file-name ending of the analysis table.
pub const ANALYSIS_SLUG: &str = "phan-tich";

/// A figure as a number cell of `decimals` places, rounded as everywhere it is printed (half away
/// from zero, exactly for an exact figure): a number cell's further places would be cut off in CSV.
fn figure_cell(f: Option<&crate::analysis::Figure>, decimals: u8) -> Cell {
    f.filter(|f| f.to_f64().is_finite())
        .and_then(|f| Points::parse(&f.rounded(u32::from(decimals))).ok())
        .map_or(Cell::Empty, |value| Cell::Number { value, decimals })
}

/// The sheet "Phân tích" (advisory): the judge table with numbers Excel can sort, then the
/// agreement figures, the awards under other methods, without each judge, and the margins, each
/// under its own heading below the table, worded as `giamkhao analyze` words them.
pub fn analysis_table(session: &Session, a: &crate::analysis::Analysis, lang: Lang) -> Table {
    use crate::text::analysis as words;
    let names = text::Names::of(session);
    let judges = words::judges_table(a, lang);
    let mut header: Vec<&str> = judges.headers.iter().map(String::as_str).collect();
    let verdict = lang.t("Nhận xét", "Verdict");
    header.push(verdict);
    let mut table = Table::new(lang.t("Phân tích", "Analysis"), ANALYSIS_SLUG, &header);
    table.warning = Some(words::advisory(lang).to_string());
    for p in &a.judges {
        let judged = p.leaning != crate::analysis::judges::Leaning::NotEnoughData;
        fn f(x: &Option<crate::analysis::Figure>) -> Option<&crate::analysis::Figure> {
            x.as_ref()
        }
        let when = |x| if judged { x } else { None };
        table.rows.push(Row::from(vec![
            text(p.name.as_str()),
            Cell::Int(i64::from(p.scored)),
            Cell::Int(i64::from(p.counted)),
            figure_cell(f(&p.mean), 2),
            figure_cell(f(&p.sd), 2),
            figure_cell(when(f(&p.severity)), 2),
            figure_cell(when(f(&p.standard_error)), 2),
            Cell::Int(i64::from(p.shared)),
            figure_cell(f(&p.spread_ratio), 2),
            figure_cell(f(&p.pearson), 2),
            figure_cell(f(&p.spearman), 2),
            text(format!("{}/{}", p.divergent_flagged, p.divergent_excluded)),
            Cell::Int(i64::from(p.conflicts)),
            Cell::Int(i64::from(p.recusals)),
            text(words::leaning(p, lang)),
        ]));
    }
    let line = |s: &str| vec![text(s)];
    let rows_of = |t: &words::Table| -> Vec<Vec<Cell>> {
        std::iter::once(t.headers.iter().map(|h| text(h.as_str())).collect())
            .chain(
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| text(c.as_str())).collect()),
            )
            .collect()
    };
    let footer = &mut table.footer;
    footer.push(line(words::judges_legend(lang)));
    footer.push(Vec::new());
    footer.push(line(words::section(2, lang)));
    footer.push(line(&words::block_sentence(a, &names, lang)));
    match words::icc_table(a, lang) {
        Ok(t) => footer.extend(rows_of(&t)),
        Err(why) => footer.push(line(&why)),
    }
    footer.push(line(&words::w_line(a, lang)));
    footer.push(line(&words::alpha_line(a, lang)));
    footer.push(Vec::new());
    footer.push(line(words::section(3, lang)));
    footer.extend(rows_of(&words::methods_table(a, &names, lang)));
    footer.push(line(&words::methods_legend(a, lang)));
    footer.push(line(&words::taus_line(a, lang)));
    footer.push(Vec::new());
    footer.push(line(words::section(4, lang)));
    footer.push(line(&words::absent_intro(a, lang)));
    footer.extend(rows_of(&words::absent_table(a, &names, usize::MAX, lang)));
    footer.push(line(&words::movers_line(a, &names, lang)));
    footer.push(Vec::new());
    footer.push(line(words::section(5, lang)));
    footer.extend(rows_of(&words::margins_table(
        a,
        &names,
        session.contest.decimals,
        lang,
    )));
    table
}
