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
    /// The round's assignments as edited here (cells fixed or freed by hand), for the document of
    /// this generation; `version` counts the edits.
    working: Option<(u64, Vec<Assignment>)>,
    version: u64,
    made: Option<(Key, Made)>,
    pending: Option<(Key, Arc<Mutex<Option<Made>>>)>,
}

impl View {
    /// Opens the window for `round` with settings a contest usually starts from: k = the rules'
    /// minimum of judges (at most the round's judges), no maximum load, seed 1.
    pub fn open_for(&mut self, doc: &Document, round: &Round) {
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

    fn settings(&self) -> Settings {
        Settings {
            per_submission: self.per_submission,
            max_load: self.limit.then_some(self.max_load),
            seed: self.seed,
        }
    }
}

/// The submissions `round_index` scores: all in the first round, then those the previous round
/// advanced (from the results the document already holds).
fn in_round<'a>(doc: &Document, session: &'a Session, round_index: usize) -> Vec<&'a Submission> {
    if round_index == 0 {
        return session.submissions.iter().collect();
    }
    let advanced: HashSet<&str> = doc
        .results
        .get(round_index - 1)
        .into_iter()
        .flat_map(|r| &r.scopes)
        .flat_map(|scope| &scope.rows)
        .filter(|r| r.advanced == Some(true))
        .map(|r| r.submission.as_str())
        .collect();
    session
        .submissions
        .iter()
        .filter(|s| advanced.contains(s.id.as_str()))
        .collect()
}

/// Makes (or collects from its thread) the plan for the window's settings; true when there is one
/// for them.
fn refresh(doc: &Document, session: &Session, view: &mut View, ctx: &egui::Context) -> bool {
    let Some(index) = session.contest.round_index(&view.round) else {
        return false;
    };
    let working = match &view.working {
        Some((generation, list)) if *generation == doc.generation => list.clone(),
        _ => {
            let list = session.contest.rounds[index].assignments.clone();
            view.working = Some((doc.generation, list.clone()));
            list
        }
    };
    let key: Key = (doc.generation, view.round.clone(), view.settings(), view.version);
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
    round.assignments = working;
    let settings = view.settings();
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

/// Who is where, for drawing: the plan's pairs, the round's before, the cells fixed here, the
/// cells with scores.
struct Lookups<'a> {
    plan: HashSet<(&'a str, &'a str)>,
    before: HashSet<(&'a str, &'a str)>,
    locked: HashSet<(&'a str, &'a str)>,
    scored: HashSet<(&'a str, &'a str)>,
}

fn lookups<'a>(
    session: &'a Session,
    round: &'a Round,
    working: &'a [Assignment],
    plan: &'a Plan,
) -> Lookups<'a> {
    let pairs = |list: &'a [Assignment]| -> HashSet<(&'a str, &'a str)> {
        list.iter()
            .flat_map(|a| a.submissions.iter().map(move |s| (a.judge.as_str(), s.as_str())))
            .collect()
    };
    Lookups {
        plan: pairs(&plan.assignments),
        before: pairs(&round.assignments),
        locked: working
            .iter()
            .flat_map(|a| a.locked.iter().map(move |s| (a.judge.as_str(), s.as_str())))
            .collect(),
        scored: session
            .scoresheets
            .iter()
            .filter(|s| s.round == round.id)
            .flat_map(|s| {
                s.entries
                    .iter()
                    .filter(|e| !e.scores.is_empty())
                    .map(move |e| (s.judge.as_str(), e.submission.as_str()))
            })
            .collect(),
    }
}

fn cell_of(l: &Lookups, why: Option<&assign::Why>, judge: &str, submission: &str) -> Cell {
    let pair = (judge, submission);
    if l.scored.contains(&pair) {
        Cell::Scored
    } else if l.locked.contains(&pair) && l.plan.contains(&pair) {
        Cell::Locked
    } else if l.plan.contains(&pair) {
        if l.before.contains(&pair) {
            Cell::Kept
        } else {
            Cell::New
        }
    } else if why.is_some() {
        Cell::NotAllowed
    } else if l.before.contains(&pair) {
        Cell::Dropped
    } else {
        Cell::Empty
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
        let names = Names::of(session);
        match (&view.made, ready) {
            (Some((_, Err(e))), true) => {
                ui.colored_label(ui.visuals().error_fg_color, text::assign::settings_error(e, lang));
            }
            (Some((_, Ok(plan))), true) => {
                let index = session.contest.round_index(&round.id).unwrap_or(0);
                let subs = in_round(doc, session, index);
                let clicked = preview(ui, session, round, &subs, view, plan, &names, lang, height);
                if let Some((judge, submission)) = clicked
                    && doc.editable()
                    && let Some((_, working)) = view.working.as_mut()
                {
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
    if modal.should_close() {
        view.open = false;
    }
    actions
}

fn settings_row(ui: &mut egui::Ui, view: &mut View, round: &Round, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        let judges = round.judges.len().max(1) as u32;
        let label = ui.label(T::AssignPerSubmission.get(lang));
        ui.add(egui::DragValue::new(&mut view.per_submission).range(1..=judges))
            .labelled_by(label.id);
        ui.add_space(12.0);
        let limit = ui.checkbox(&mut view.limit, T::AssignMaxLoad.get(lang));
        ui.add_enabled(
            view.limit,
            egui::DragValue::new(&mut view.max_load).range(1..=100_000),
        )
        .labelled_by(limit.id);
        ui.add_space(12.0);
        let label = ui.label(T::AssignSeed.get(lang));
        ui.add(egui::DragValue::new(&mut view.seed).range(0..=u32::MAX as u64))
            .labelled_by(label.id)
            .on_hover_text(T::AssignSeedHover.get(lang));
    });
}

/// The plan's properties, the loads and the matrix. Returns the cell clicked, if any.
#[allow(clippy::too_many_arguments)]
fn preview(
    ui: &mut egui::Ui,
    session: &Session,
    round: &Round,
    subs: &[&Submission],
    view: &View,
    plan: &Plan,
    names: &Names,
    lang: Lang,
    height: f32,
) -> Option<(String, String)> {
    let lines = text::assign::report(&plan.report, names, lang);
    egui::ScrollArea::vertical()
        .id_salt("assign-report")
        .max_height((height * 0.22).max(80.0))
        .show(ui, |ui| {
            for line in &lines {
                ui.add(egui::Label::new(line).wrap());
            }
        });
    ui.add_space(4.0);
    let judges: Vec<&crate::model::Judge> = round
        .judges
        .iter()
        .filter_map(|j| session.contest.judge(j))
        .collect();
    let loads: std::collections::HashMap<&str, &assign::JudgeLoad> =
        plan.report.loads.iter().map(|l| (l.judge.as_str(), l)).collect();
    let working: &[Assignment] = view.working.as_ref().map_or(&[], |(_, w)| w);
    let l = lookups(session, round, working, plan);
    let index = crate::scoring::conflicts::ConflictIndex::new(&session.contest);
    legend(ui, lang);
    let matrix = judges.len() <= MATRIX_JUDGES;
    if matrix {
        // The columns are numbered: who each number is, and their load.
        ui.horizontal_wrapped(|ui| {
            for (i, j) in judges.iter().enumerate() {
                let load = loads.get(j.id.as_str()).map_or(0, |x| x.load);
                ui.label(RichText::new(format!("{} {} ({load})", i + 1, j.name)).small());
                ui.add_space(4.0);
            }
        });
    }
    let dark = ui.visuals().dark_mode;
    let mut clicked = None;
    let row_height = 22.0;
    // What is left, less the row of buttons below the window's separator.
    let available = ui.available_height() - 64.0;
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
                table = table.columns(Column::exact(44.0), judges.len());
            } else {
                table = table.column(Column::remainder());
            }
            table
                .header(40.0, |mut header| {
                    header.col(|ui| {
                        ui.strong(T::Submission.get(lang));
                    });
                    if matrix {
                        for (i, j) in judges.iter().enumerate() {
                            header.col(|ui| {
                                let load = loads.get(j.id.as_str()).map_or(0, |x| x.load);
                                ui.vertical_centered(|ui| {
                                    ui.strong(format!("{}", i + 1));
                                    ui.label(RichText::new(load.to_string()).small());
                                })
                                .response
                                .on_hover_text(load_words(
                                    j,
                                    loads.get(j.id.as_str()).copied(),
                                    lang,
                                ));
                            });
                        }
                    } else {
                        header.col(|ui| {
                            ui.strong(T::Judges.get(lang));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, subs.len(), |mut row| {
                        let s = subs[row.index()];
                        row.col(|ui| {
                            ui.label(names.submission(&s.id));
                        });
                        if matrix {
                            for j in &judges {
                                row.col(|ui| {
                                    let entry = session
                                        .sheet(&round.id, &j.id)
                                        .and_then(|sh| sh.entries.iter().find(|e| e.submission == s.id));
                                    let why = assign::why_not(&index, &session.contest, j, s, entry);
                                    let cell = cell_of(&l, why.as_ref(), &j.id, &s.id);
                                    let (rect, response) =
                                        ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::click());
                                    ui.painter().rect_filled(rect, 3.0, cell.color(dark));
                                    if cell == Cell::Locked {
                                        // A pin: a white dot in the cell.
                                        ui.painter().circle_filled(rect.center(), 3.5, Color32::WHITE);
                                    }
                                    let label = format!("{} — {}: {}", j.name, s.id, cell.name(lang));
                                    response.widget_info(|| {
                                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                                    });
                                    let mut hover = label.clone();
                                    if let Some(w) = &why {
                                        hover.push_str(&format!(" ({})", text::assign::why(w, lang)));
                                    }
                                    if why.is_none() && cell != Cell::Scored {
                                        hover.push_str(&format!("\n{}", T::AssignClickToLock.get(lang)));
                                    }
                                    if response.on_hover_text(hover).clicked()
                                        && why.is_none()
                                        && cell != Cell::Scored
                                    {
                                        clicked = Some((j.id.clone(), s.id.clone()));
                                    }
                                });
                            }
                        } else {
                            row.col(|ui| {
                                let on: Vec<String> = judges
                                    .iter()
                                    .filter(|j| l.plan.contains(&(j.id.as_str(), s.id.as_str())))
                                    .map(|j| j.name.clone())
                                    .collect();
                                ui.label(on.join(", "));
                            });
                        }
                    });
                });
        });
    clicked
}

/// A judge's load in words, for the column's hover.
fn load_words(j: &crate::model::Judge, load: Option<&assign::JudgeLoad>, lang: Lang) -> String {
    let Some(l) = load else {
        return j.name.clone();
    };
    match lang {
        Lang::Vi => format!(
            "{}: {} dự án ({} đã chấm hoặc ghim, {} đúng lĩnh vực)",
            j.name, l.load, l.fixed, l.matched
        ),
        Lang::En => format!(
            "{}: {} submissions ({} scored or locked, {} in their fields)",
            j.name, l.load, l.fixed, l.matched
        ),
    }
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
    });
}
