//! "Phân công tự động…" (automatic assignment), the Progress screen's window for organizers: the
//! settings (judges per submission, a maximum load, the seed), the plan's properties in words, the
//! judges' loads, and a preview of the judge × submission matrix where a click fixes a cell by hand
//! (it is then kept by every later plan) or frees it. "Apply" hands the plan to the edit engine as
//! one change of the contest: logged judge by judge and undone like any edit. Plans of large rounds
//! are made on another thread; the plan itself is `crate::assign`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Document};
use crate::assign::{self, Plan, Settings, SettingsError};
use crate::model::{Assignment, Round, Session, Submission};
use crate::text::{self, Lang, Names};

/// Up to this many judge × submission cells the plan is made in the frame; beyond, on a thread.
const IN_FRAME_UP_TO: usize = 200_000;
/// Up to this many judges the preview is a matrix; with more, each row lists its judges.
const MATRIX_JUDGES: usize = 24;

/// What a plan was made for: (document generation, round, settings, version of the cells fixed here).
type Key = (u64, String, Settings, u64);

type Made = Result<Plan, SettingsError>;

/// The window's state, for one document.
#[derive(Default)]
pub struct View {
    pub open: bool,
    round: String,
    per_submission: u32,
    limit: bool,
    max_load: u32,
    seed: u64,
    fields_first: bool,
    /// The settings planned for: those on screen once no number is being typed.
    asked: Option<Settings>,
    /// The round's assignments as edited here (cells fixed or freed by hand), for the document of
    /// this generation; `version` counts the edits.
    working: Option<(u64, Vec<Assignment>)>,
    version: u64,
    made: Option<(Key, Made)>,
    pending: Option<(Key, Arc<Mutex<Option<Made>>>)>,
    grid: Option<Grid>,
}

impl View {
    /// Opens the window for `round` with settings a contest usually starts from: k = the rules'
    /// minimum of judges (at most the round's judges), no maximum load, seed 1.
    pub fn open_for(&mut self, doc: &Document, round: &Round) {
        // Opened again on the same round of the same document: as it was left (locks, settings).
        if self.round == round.id
            && self
                .working
                .as_ref()
                .is_some_and(|(generation, _)| *generation == doc.generation)
        {
            self.open = true;
            return;
        }
        let min = doc.contest().rules.min_judges.max(1);
        *self = View {
            open: true,
            round: round.id.clone(),
            per_submission: min.min(round.judges.len().max(1) as u32),
            limit: false,
            max_load: 40,
            seed: 1,
            ..View::default()
        };
    }

    /// Whether the plan for the window's settings is made and drawn (benchmarks wait for it).
    pub fn is_ready(&self) -> bool {
        self.pending.is_none()
            && self
                .grid
                .as_ref()
                .is_some_and(|g| Some(&g.key) == self.made.as_ref().map(|(k, _)| k))
    }

    fn settings(&self) -> Settings {
        Settings {
            per_submission: self.per_submission,
            max_load: self.limit.then_some(self.max_load),
            seed: self.seed,
            fields_first: self.fields_first,
        }
    }
}

/// The submissions `round_index` scores, from the results the document already holds.
fn in_round<'a>(doc: &Document, session: &'a Session, round_index: usize) -> Vec<&'a Submission> {
    crate::store::packet::submissions_in_round_with(session, &doc.results, round_index)
}

/// Makes (or collects from its thread) the plan for the window's settings; true when there is one
/// for them.
fn refresh(doc: &Document, session: &Session, view: &mut View, ctx: &egui::Context) -> bool {
    let Some(index) = session.contest.round_index(&view.round) else {
        return false;
    };
    if view
        .working
        .as_ref()
        .is_none_or(|(generation, _)| *generation != doc.generation)
    {
        // The document changed (or the window just opened): start again from its assignments.
        let list = session.contest.rounds[index].assignments.clone();
        view.working = Some((doc.generation, list));
    }
    let asked = view.asked.unwrap_or_else(|| view.settings());
    let key: Key = (doc.generation, view.round.clone(), asked, view.version);
    if view.made.as_ref().is_some_and(|(k, _)| *k == key) {
        return true;
    }
    if let Some((pending_key, slot)) = &view.pending {
        if *pending_key == key {
            let done = slot.lock().ok().and_then(|mut s| s.take());
            if let Some(made) = done {
                view.made = Some((key, made));
                view.pending = None;
                return true;
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return false;
        }
        view.pending = None;
    }
    let mut round = session.contest.rounds[index].clone();
    round.assignments = view.working.as_ref().map_or_else(Vec::new, |(_, w)| w.clone());
    let settings = asked;
    let cells = session.submissions.len() * round.judges.len();
    if cells <= IN_FRAME_UP_TO {
        let submissions = in_round(doc, session, index);
        let made = assign::plan(
            assign::Input {
                contest: &session.contest,
                round: &round,
                submissions: &submissions,
                sheets: &session.scoresheets,
            },
            settings,
        );
        view.made = Some((key, made));
        return true;
    }
    let slot = Arc::new(Mutex::new(None));
    let owned = session.clone();
    let ids: HashSet<String> = in_round(doc, session, index)
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let (into, repaint) = (slot.clone(), ctx.clone());
    let started = std::thread::Builder::new()
        .name("assignment".into())
        .spawn(move || {
            let submissions: Vec<&Submission> =
                owned.submissions.iter().filter(|s| ids.contains(&s.id)).collect();
            let made = assign::plan(
                assign::Input {
                    contest: &owned.contest,
                    round: &round,
                    submissions: &submissions,
                    sheets: &owned.scoresheets,
                },
                settings,
            );
            if let Ok(mut s) = into.lock() {
                *s = Some(made);
            }
            repaint.request_repaint();
        });
    if started.is_err() {
        view.pending = None;
        return false;
    }
    view.pending = Some((key, slot));
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
    false
}

/// A cell of the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cell {
    /// In the plan, new.
    New,
    /// In the plan, assigned before.
    Kept,
    /// Fixed by hand: every plan keeps it.
    Locked,
    /// The judge already scored it: kept.
    Scored,
    /// Assigned before, not in the plan.
    Dropped,
    /// A conflict of interest or a field the judge does not judge.
    NotAllowed,
    Empty,
}

impl Cell {
    fn color(self, dark: bool) -> Color32 {
        match self {
            Cell::New => Color32::from_rgb(60, 120, 210),
            Cell::Kept => Color32::from_rgb(60, 160, 90),
            Cell::Locked => Color32::from_rgb(25, 100, 55),
            Cell::Scored => Color32::from_rgb(120, 120, 120),
            Cell::Dropped => Color32::from_rgb(220, 150, 60),
            Cell::NotAllowed => Color32::from_rgb(150, 90, 170),
            Cell::Empty if dark => Color32::from_gray(60),
            Cell::Empty => Color32::from_gray(225),
        }
    }
    /// The state as a cell's own words say it ("không được chấm"); [`Cell::name`] is the legend's.
    fn short_name(self, lang: Lang) -> &'static str {
        match self {
            Cell::NotAllowed => T::AssignCellNotAllowedShort.get(lang),
            other => other.name(lang),
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            Cell::New => T::AssignCellNew.get(lang),
            Cell::Kept => T::AssignCellKept.get(lang),
            Cell::Locked => T::AssignCellLocked.get(lang),
            Cell::Scored => T::AssignCellScored.get(lang),
            Cell::Dropped => T::AssignCellDropped.get(lang),
            Cell::NotAllowed => T::AssignCellNotAllowed.get(lang),
            Cell::Empty => T::AssignCellEmpty.get(lang),
        }
    }
}

/// What the window draws for one plan, in one language, made once (a round of 10,000 submissions
/// must not be looked through every frame): the plan's words, the judges with their loads, the
/// round's submissions, and each cell's state with why it is not allowed (matrix) or each row's
/// judges (more than [`MATRIX_JUDGES`]).
struct Grid {
    key: Key,
    lang: Lang,
    lines: Vec<String>,
    /// (index in the contest's judges, load), in the round's order.
    judges: Vec<(usize, u32)>,
    /// Indices in the session's submissions.
    subs: Vec<usize>,
    cells: Vec<(Cell, Option<String>)>,
    on: Vec<Vec<u16>>,
    /// Rows of submissions left short of judges.
    short: HashSet<usize>,
}

fn grid(
    doc: &Document,
    session: &Session,
    round: &Round,
    working: &[Assignment],
    plan: &Plan,
    key: Key,
    lang: Lang,
) -> Grid {
    let contest = &session.contest;
    let names = Names::of_indexed(session, &doc.positions);
    let loads: std::collections::HashMap<&str, u32> = plan
        .report
        .loads
        .iter()
        .map(|l| (l.judge.as_str(), l.load))
        .collect();
    let judges: Vec<(usize, u32)> = round
        .judges
        .iter()
        .filter_map(|id| {
            let at = contest.judges.iter().position(|j| &j.id == id)?;
            Some((at, loads.get(id.as_str()).copied().unwrap_or(0)))
        })
        .collect();
    let column: std::collections::HashMap<&str, usize> = judges
        .iter()
        .enumerate()
        .map(|(c, &(at, _))| (contest.judges[at].id.as_str(), c))
        .collect();
    let index = contest.round_index(&round.id).unwrap_or(0);
    let subs: Vec<usize> = in_round(doc, session, index)
        .iter()
        .filter_map(|s| doc.positions.get(&s.id).copied())
        .collect();
    let row: std::collections::HashMap<usize, usize> =
        subs.iter().enumerate().map(|(r, &s)| (s, r)).collect();
    // (column, row) pairs.
    let pairs = |list: &[Assignment], locked: bool| -> HashSet<(usize, usize)> {
        list.iter()
            .filter_map(|a| column.get(a.judge.as_str()).map(|&c| (c, a)))
            .flat_map(|(c, a)| {
                let ids = if locked { &a.locked } else { &a.submissions };
                ids.iter()
                    .filter_map(|id| doc.positions.get(id).and_then(|p| row.get(p)))
                    .map(move |&r| (c, r))
            })
            .collect()
    };
    let (planned, before, fixed) = (
        pairs(&plan.assignments, false),
        pairs(&round.assignments, false),
        pairs(working, true),
    );
    let scored: HashSet<(usize, usize)> = session
        .scoresheets
        .iter()
        .filter(|s| s.round == round.id)
        .filter_map(|s| column.get(s.judge.as_str()).map(|&c| (c, s)))
        .flat_map(|(c, s)| {
            s.entries
                .iter()
                .filter(|e| !e.scores.is_empty())
                .filter_map(|e| doc.positions.get(&e.submission).and_then(|p| row.get(p)))
                .map(move |&r| (c, r))
        })
        .collect();
    // The words compare with the round as saved (the plan may have been made from the one on
    // screen, to keep it steady while cells are locked).
    let mut report = plan.report.clone();
    report.kept = planned.intersection(&before).count() as u32;
    report.added = planned
        .iter()
        .filter(|p| !before.contains(p) && !scored.contains(p) && !fixed.contains(p))
        .count() as u32;
    let why_of: std::collections::HashMap<(&str, &str), &assign::RemovedWhy> = plan
        .report
        .removed
        .iter()
        .map(|x| ((x.judge.as_str(), x.submission.as_str()), &x.why))
        .collect();
    let short_ids: HashSet<&str> = plan.report.short.iter().map(|x| x.submission.as_str()).collect();
    let mut removed: Vec<assign::Removed> = before
        .difference(&planned)
        .map(|&(c, r)| {
            let judge = &contest.judges[judges[c].0].id;
            let submission = &session.submissions[subs[r]].id;
            assign::Removed {
                judge: judge.clone(),
                submission: submission.clone(),
                why: match why_of.get(&(judge.as_str(), submission.as_str())) {
                    Some(w) => (*w).clone(),
                    None if short_ids.contains(submission.as_str()) => assign::RemovedWhy::Unplaced,
                    None => assign::RemovedWhy::Moved,
                },
            }
        })
        .collect();
    removed.extend(
        plan.report
            .removed
            .iter()
            .filter(|x| x.why == assign::RemovedWhy::LeftRound)
            .cloned(),
    );
    removed.sort_by(|a, b| (&a.submission, &a.judge).cmp(&(&b.submission, &b.judge)));
    report.removed = removed;
    let lines = text::assign::report(&report, &names, lang);
    let short: HashSet<usize> = plan
        .report
        .short
        .iter()
        .filter_map(|x| doc.positions.get(&x.submission).and_then(|p| row.get(p)).copied())
        .collect();
    let matrix = judges.len() <= MATRIX_JUDGES;
    let mut cells = Vec::new();
    let mut on = Vec::new();
    if matrix {
        let conflicts = crate::scoring::conflicts::ConflictIndex::new(contest);
        cells.reserve(subs.len() * judges.len());
        for (r, &s) in subs.iter().enumerate() {
            let submission = &session.submissions[s];
            for (c, &(at, _)) in judges.iter().enumerate() {
                let judge = &contest.judges[at];
                let pair = (c, r);
                let cell = if scored.contains(&pair) {
                    // Scored in a conflict of interest: kept, but the score does not count.
                    let entry = session
                        .sheet(&round.id, &judge.id)
                        .and_then(|sh| sh.entries.iter().find(|e| e.submission == submission.id));
                    if let Some(w) = assign::why_not(&conflicts, contest, judge, submission, entry) {
                        let why = format!(
                            "{} — {}",
                            text::assign::why(&w, lang),
                            T::AssignScoredNotCounted.get(lang)
                        );
                        cells.push((Cell::NotAllowed, Some(why)));
                        continue;
                    }
                    Cell::Scored
                } else if planned.contains(&pair) {
                    if fixed.contains(&pair) {
                        Cell::Locked
                    } else if before.contains(&pair) {
                        Cell::Kept
                    } else {
                        Cell::New
                    }
                } else {
                    let entry = session
                        .sheet(&round.id, &judge.id)
                        .and_then(|sh| sh.entries.iter().find(|e| e.submission == submission.id));
                    match assign::why_not(&conflicts, contest, judge, submission, entry) {
                        Some(w) => {
                            cells.push((Cell::NotAllowed, Some(text::assign::why(&w, lang))));
                            continue;
                        }
                        None if before.contains(&pair) => Cell::Dropped,
                        None => Cell::Empty,
                    }
                };
                cells.push((cell, None));
            }
        }
    } else {
        on = vec![Vec::new(); subs.len()];
        for &(c, r) in &planned {
            on[r].push(c as u16);
        }
        for list in &mut on {
            list.sort_unstable();
        }
    }
    Grid {
        key,
        lang,
        lines,
        judges,
        subs,
        cells,
        on,
        short,
    }
}

/// Fixes the cell (judge, submission) by hand in `working`, or frees it if it was fixed.
fn toggle(working: &mut Vec<Assignment>, judge: &str, submission: &str) {
    let index = match working.iter().position(|a| a.judge == judge) {
        Some(i) => i,
        None => {
            working.push(Assignment {
                judge: judge.to_string(),
                submissions: Vec::new(),
                locked: Vec::new(),
            });
            working.len() - 1
        }
    };
    let a = &mut working[index];
    if let Some(p) = a.locked.iter().position(|s| s == submission) {
        a.locked.remove(p);
    } else {
        if !a.submissions.iter().any(|s| s == submission) {
            a.submissions.push(submission.to_string());
        }
        a.locked.push(submission.to_string());
    }
}

/// The window, when open. Returns "apply this plan" as an edit.
pub fn window(doc: &Document, view: &mut View, lang: Lang, ctx: &egui::Context) -> Vec<Action> {
    let mut actions = Vec::new();
    if !view.open {
        return actions;
    }
    let Some(session) = doc.session() else {
        view.open = false;
        return actions;
    };
    let Some(round) = session.contest.round(&view.round) else {
        view.open = false;
        return actions;
    };
    let ready = refresh(doc, session, view, ctx);
    let screen = ctx.content_rect();
    let width = (screen.width() - 48.0).clamp(320.0, 1180.0);
    let height = (screen.height() - 64.0).max(300.0);
    let modal = egui::Modal::new(egui::Id::unique("assign-window")).show(ctx, |ui| {
        ui.set_width(width);
        ui.set_max_height(height);
        super::heading(ui, &format!("{} — {}", T::AssignTitle.get(lang), round.name));
        settings_row(ui, view, round, lang);
        ui.separator();
        match (&view.made, ready) {
            (Some((_, Err(e))), true) => {
                ui.colored_label(ui.visuals().error_fg_color, text::assign::settings_error(e, lang));
            }
            (Some((key, Ok(plan))), true) => {
                let stale = view.grid.as_ref().is_none_or(|g| g.key != *key || g.lang != lang);
                if stale {
                    let working: &[Assignment] = view.working.as_ref().map_or(&[], |(_, w)| w);
                    view.grid = Some(grid(doc, session, round, working, plan, key.clone(), lang));
                }
                let clicked = view
                    .grid
                    .as_ref()
                    .and_then(|g| preview(ui, session, g, lang, height));
                if let Some((judge, submission)) = clicked
                    && doc.editable()
                    && let Some((_, working)) = view.working.as_mut()
                {
                    // From the plan on screen, so that the next one changes as little of it as it
                    // can (the words still compare with the round as saved).
                    *working = plan.assignments.clone();
                    toggle(working, &judge, &submission);
                    view.version += 1;
                }
            }
            _ => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(T::AssignWorking.get(lang));
                });
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let plan = match &view.made {
                Some((_, Ok(plan))) if ready => Some(plan),
                _ => None,
            };
            let can = doc.editable() && plan.is_some_and(|p| !p.assignments.is_empty());
            if ui
                .add_enabled(can, egui::Button::new(T::AssignApply.get(lang)))
                .on_hover_text(T::AssignApplyHover.get(lang))
                .clicked()
                && let Some(plan) = plan
            {
                let contest = assign::with_plan(&session.contest, &round.id, plan);
                actions.push(Action::Edit(crate::edit::Edit::Contest(Box::new(contest))));
                view.open = false;
            }
            if ui.button(T::Close.get(lang)).clicked() {
                view.open = false;
            }
        });
    });
    // Escape closes it; a click beside it does not (it would lose the cells locked here by a slip).
    if modal.should_close() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        view.open = false;
    }
    actions
}

/// The settings. A number being typed is not planned for until it is finished (typing "30" would
/// first plan for 3), so the settings planned for change only when no field has the focus.
fn settings_row(ui: &mut egui::Ui, view: &mut View, round: &Round, lang: Lang) {
    let mut typing = false;
    ui.horizontal_wrapped(|ui| {
        let judges = round.judges.len().max(1) as u32;
        let label = ui.label(T::AssignPerSubmission.get(lang));
        let k = ui.push_id("assign-k", |ui| {
            ui.add(egui::DragValue::new(&mut view.per_submission).range(1..=judges))
                .labelled_by(label.id)
        });
        ui.add_space(12.0);
        let limit = ui.checkbox(&mut view.limit, T::AssignMaxLoad.get(lang));
        let max = ui.push_id("assign-max", |ui| {
            ui.add_enabled(
                view.limit,
                egui::DragValue::new(&mut view.max_load).range(1..=100_000),
            )
            .labelled_by(limit.id)
        });
        ui.add_space(12.0);
        let label = ui.label(T::AssignSeed.get(lang));
        let seed = ui.push_id("assign-seed", |ui| {
            ui.add(egui::DragValue::new(&mut view.seed).range(0..=u32::MAX as u64))
                .labelled_by(label.id)
                .on_hover_text(T::AssignSeedHover.get(lang))
        });
        ui.add_space(12.0);
        ui.checkbox(&mut view.fields_first, T::AssignFieldsFirst.get(lang))
            .on_hover_text(T::AssignFieldsFirstHover.get(lang));
        typing = [k.inner, max.inner, seed.inner].iter().any(|r| r.has_focus());
    });
    if !typing {
        view.asked = Some(view.settings());
    }
}

/// The plan's properties, the loads and the matrix. Returns the cell clicked, if any.
fn preview(
    ui: &mut egui::Ui,
    session: &Session,
    g: &Grid,
    lang: Lang,
    height: f32,
) -> Option<(String, String)> {
    let contest = &session.contest;
    // A line each, only those in view drawn: a large round can have thousands (every submission
    // already scored by more than k judges, say). A line too long for the window ends in "…" and
    // shows whole on hover.
    let line_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("assign-report")
        .max_height((height * 0.22).max(80.0))
        .auto_shrink([false, true])
        .show_rows(ui, line_height, g.lines.len(), |ui, rows| {
            for line in &g.lines[rows] {
                ui.add(egui::Label::new(line).truncate());
            }
        });
    ui.add_space(4.0);
    legend(ui, lang);
    let matrix = g.judges.len() <= MATRIX_JUDGES;
    if matrix {
        // The columns are numbered: who each number is, and their load.
        ui.horizontal_wrapped(|ui| {
            for (i, &(at, load)) in g.judges.iter().enumerate() {
                let name = &contest.judges[at].name;
                ui.add(
                    egui::Label::new(RichText::new(format!("{} {name} ({load})", i + 1)).small())
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
                ui.add_space(4.0);
            }
        });
    }
    let dark = ui.visuals().dark_mode;
    let mut clicked = None;
    let row_height = 22.0;
    // What is left, less the row of buttons below the window's separator.
    let available = ui.available_height() - 64.0;
    let width = g.judges.len();
    egui::ScrollArea::horizontal()
        .id_salt("assign-matrix-h")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("assign-matrix")
                .striped(true)
                .max_scroll_height(available.max(120.0))
                .min_scrolled_height(available.clamp(120.0, 400.0))
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(300.0).at_least(160.0).clip(true));
            if matrix {
                table = table.columns(Column::exact(44.0), width);
            } else {
                table = table.column(Column::remainder());
            }
            table
                .header(40.0, |mut header| {
                    header.col(|ui| {
                        ui.strong(T::Submission.get(lang));
                    });
                    if matrix {
                        for (i, &(at, load)) in g.judges.iter().enumerate() {
                            header.col(|ui| {
                                ui.vertical_centered(|ui| {
                                    ui.strong(format!("{}", i + 1));
                                    ui.label(RichText::new(load.to_string()).small());
                                })
                                .response
                                .on_hover_text(format!("{}: {load}", contest.judges[at].name));
                            });
                        }
                    } else {
                        header.col(|ui| {
                            ui.strong(T::Judges.get(lang));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, g.subs.len(), |mut row| {
                        let r = row.index();
                        let s = &session.submissions[g.subs[r]];
                        row.col(|ui| {
                            let name = format!("{} {}", s.id, s.title);
                            if g.short.contains(&r) {
                                ui.colored_label(ui.visuals().warn_fg_color, name)
                                    .on_hover_text(T::AssignShortRow.get(lang));
                            } else {
                                ui.label(name);
                            }
                        });
                        if !matrix {
                            row.col(|ui| {
                                let on: Vec<&str> = g.on[r]
                                    .iter()
                                    .map(|&c| contest.judges[g.judges[c as usize].0].name.as_str())
                                    .collect();
                                ui.label(on.join(", "));
                            });
                            return;
                        }
                        for (c, &(at, _)) in g.judges.iter().enumerate() {
                            let judge = &contest.judges[at];
                            let (cell, why) = &g.cells[r * width + c];
                            row.col(|ui| {
                                let (rect, response) =
                                    ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::click());
                                ui.painter().rect_filled(rect, 3.0, cell.color(dark));
                                if *cell == Cell::Locked {
                                    // A pin: a white dot in the cell.
                                    ui.painter().circle_filled(rect.center(), 3.5, Color32::WHITE);
                                }
                                let label = format!("{} — {}: {}", judge.name, s.id, cell.short_name(lang));
                                response.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                                });
                                let free = why.is_none() && *cell != Cell::Scored;
                                let mut hover = label.clone();
                                if let Some(w) = why {
                                    hover.push_str(&format!(": {w}"));
                                }
                                if free {
                                    hover.push_str(&format!("\n{}", T::AssignClickToLock.get(lang)));
                                }
                                if response.on_hover_text(hover).clicked() && free {
                                    clicked = Some((judge.id.clone(), s.id.clone()));
                                }
                            });
                        }
                    });
                });
        });
    clicked
}

fn legend(ui: &mut egui::Ui, lang: Lang) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        for cell in [
            Cell::New,
            Cell::Kept,
            Cell::Locked,
            Cell::Scored,
            Cell::Dropped,
            Cell::NotAllowed,
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 3.0, cell.color(dark));
            if cell == Cell::Locked {
                ui.painter().circle_filled(rect.center(), 2.5, Color32::WHITE);
            }
            ui.label(RichText::new(cell.name(lang)).small());
            ui.add_space(6.0);
        }
        ui.label(
            RichText::new(T::AssignShortLegend.get(lang))
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    });
}
