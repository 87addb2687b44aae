//! Progress, for organizers: per judge how many sheets are complete, partial, missing or in
//! conflict (most missing first), the submissions with each judge's state — filtered by judge,
//! category and state, what is missing first — and the buttons to hand out packets and take
//! scoresheets back. Counts, cells and the filtered order are worked out once per change or filter,
//! not every frame, and only the rows in view are drawn: a round of 10,000 submissions and 200
//! judges stays as quick as the sample.

use std::collections::HashMap;

use egui::Color32;
use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Document, Role};
use super::scoring::{Progress, progress};
use crate::model::{Judge, Round, Session, SheetEntry};
use crate::scoring::conflicts::{ConflictIndex, organization_key};
use crate::text::{self, Lang};

/// (complete, partial, missing, conflict, recused) for one judge.
type Counts = [usize; 5];

/// Per submission (in the session's order), its non-empty cells: (judge position, cell), by
/// judge position.
type Cells = Vec<Vec<(usize, Cell)>>;

/// The submissions shown, in order; the judges, most missing first; and each judge's counts within
/// the category chosen (the whole round's without one).
type Arranged = (Vec<usize>, Vec<usize>, Vec<Counts>);

/// Up to this many judges the round is drawn as a judges × submissions matrix; with more, each row
/// lists only its own judges (a column per judge of 200 fits no screen).
const MATRIX_JUDGES: usize = 24;

/// Which cells the list is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    /// Missing or partial: what is still to come.
    NotDone,
    Missing,
    Partial,
    Complete,
    /// A conflict of interest, or the judge withdrew.
    Conflict,
}

impl StatusFilter {
    const ALL: [StatusFilter; 6] = [
        StatusFilter::All,
        StatusFilter::NotDone,
        StatusFilter::Missing,
        StatusFilter::Partial,
        StatusFilter::Complete,
        StatusFilter::Conflict,
    ];
    fn name(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::All => T::AllStates.get(lang),
            StatusFilter::NotDone => T::NotDone.get(lang),
            StatusFilter::Missing => T::OnlyMissing.get(lang),
            StatusFilter::Partial => T::OnlyPartial.get(lang),
            StatusFilter::Complete => T::OnlyComplete.get(lang),
            StatusFilter::Conflict => T::ConflictOrRecused.get(lang),
        }
    }
    fn admits(self, c: Cell) -> bool {
        match self {
            StatusFilter::All => c != Cell::None,
            StatusFilter::NotDone => matches!(c, Cell::Missing | Cell::Partial),
            StatusFilter::Missing => c == Cell::Missing,
            StatusFilter::Partial => c == Cell::Partial,
            StatusFilter::Complete => c == Cell::Complete,
            StatusFilter::Conflict => matches!(c, Cell::Conflict | Cell::Recused),
        }
    }
}

/// What the list shows: one judge's cells or everyone's, one category or all, cells of one state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A judge's id.
    pub judge: Option<String>,
    pub category: Option<String>,
    pub status: StatusFilter,
}

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
    /// The status board of the contest folder followed (see `app::live`).
    pub board: Option<crate::app::live::Board>,
    /// The judge and the fingerprint typed in "Bind a key the judge reads out".
    pub key_judge: Option<String>,
    pub key_typed: String,
    pub filter: Filter,
    /// The "Automatic assignment…" window.
    pub assign: super::assign::View,
    /// For (generation, round): each judge's counts and every submission's non-empty cells.
    cache: Option<(u64, String, Vec<Counts>, Cells)>,
    /// For (generation, round, filter): the submissions shown, what is missing first, and the
    /// judges in the order of their counts (most missing first).
    order: Option<(u64, String, Filter, Arranged)>,
}

/// One cell of the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Complete,
    Partial,
    Missing,
    /// A conflict of interest the rules find (same organization, listed, declared).
    Conflict,
    /// The judge withdrew from it, with a reason.
    Recused,
    /// The judge is not expected to score this submission.
    None,
}

fn cell_color(c: Cell) -> Color32 {
    match c {
        Cell::Complete => Color32::from_rgb(60, 160, 90),
        Cell::Partial => Color32::from_rgb(230, 170, 40),
        Cell::Missing => Color32::from_rgb(200, 70, 60),
        Cell::Conflict => Color32::from_rgb(150, 90, 170),
        Cell::Recused => Color32::from_rgb(70, 130, 190),
        Cell::None => Color32::TRANSPARENT,
    }
}

/// A filled square of the given colour.
fn swatch(ui: &mut egui::Ui, color: Color32, size: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
    response
}

/// Which of a judge's [`Counts`] a cell adds to.
fn count_of(c: Cell) -> usize {
    match c {
        Cell::Complete => 0,
        Cell::Partial => 1,
        Cell::Missing => 2,
        Cell::Conflict => 3,
        _ => 4,
    }
}

/// Every judge's counts and the non-empty cells of the matrix.
pub fn tabulate(session: &Session, round: &Round, judges: &[&Judge]) -> (Vec<Counts>, Cells) {
    let position: HashMap<&str, usize> = session
        .submissions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let orgs: Vec<String> = session
        .submissions
        .iter()
        .map(|s| organization_key(&s.organization))
        .collect();
    // Conflicts as the scoring rules see them: same organization, listed, declared, recused.
    let conflicts = ConflictIndex::new(&session.contest);
    let mut cells: Cells = vec![Vec::new(); session.submissions.len()];
    let mut counts = vec![[0usize; 5]; judges.len()];
    for (ji, judge) in judges.iter().enumerate() {
        let judge_org = organization_key(&judge.organization);
        let entries: HashMap<&str, &SheetEntry> = session
            .sheet(&round.id, &judge.id)
            .map(|sh| sh.entries.iter().map(|e| (e.submission.as_str(), e)).collect())
            .unwrap_or_default();
        // The submissions this judge is expected to score, and any they scored anyway.
        let mut expected: Vec<usize> = if round.assignments.is_empty() {
            (0..session.submissions.len()).collect()
        } else {
            round
                .assignments
                .iter()
                .filter(|a| a.judge == judge.id)
                .flat_map(|a| {
                    a.submissions
                        .iter()
                        .filter_map(|s| position.get(s.as_str()).copied())
                })
                .collect()
        };
        expected.extend(entries.keys().filter_map(|s| position.get(s).copied()));
        expected.sort_unstable();
        expected.dedup();
        for si in expected {
            let id = session.submissions[si].id.as_str();
            let entry = entries.get(id).copied();
            let c = match conflicts.find(&judge.id, &judge_org, id, &orgs[si], entry) {
                Some(crate::model::ConflictKind::Recused(_)) => Cell::Recused,
                Some(_) => Cell::Conflict,
                None => match progress(entry, &round.criteria) {
                    Progress::Complete => Cell::Complete,
                    Progress::Partial => Cell::Partial,
                    Progress::NotStarted => Cell::Missing,
                    Progress::Recused => Cell::Recused,
                },
            };
            counts[ji][count_of(c)] += 1;
            cells[si].push((ji, c));
        }
    }
    (counts, cells)
}

/// The submissions the filter admits, those with the most missing (then partial) cells first, and
/// otherwise in the session's order; and the judges, most missing first.
fn arrange(
    session: &Session,
    judges: &[&Judge],
    counts: &[Counts],
    cells: &Cells,
    filter: &Filter,
) -> Arranged {
    let judge = filter
        .judge
        .as_deref()
        .and_then(|id| judges.iter().position(|j| j.id == id));
    let mut rows: Vec<(usize, usize, usize)> = Vec::new();
    // Within a category the judges' counts are that category's.
    let mut counts = match filter.category {
        None => counts.to_vec(),
        Some(_) => vec![[0; 5]; judges.len()],
    };
    for (si, row) in cells.iter().enumerate() {
        if filter
            .category
            .as_ref()
            .is_some_and(|c| session.submissions[si].category.as_ref() != Some(c))
        {
            continue;
        }
        if filter.category.is_some() {
            for &(j, c) in row {
                if let Some(n) = counts.get_mut(j) {
                    n[count_of(c)] += 1;
                }
            }
        }
        let considered = || {
            row.iter()
                .filter(|(j, _)| judge.is_none_or(|k| k == *j))
                .map(|(_, c)| *c)
        };
        if !considered().any(|c| filter.status.admits(c)) {
            continue;
        }
        let missing = considered().filter(|c| *c == Cell::Missing).count();
        let partial = considered().filter(|c| *c == Cell::Partial).count();
        rows.push((missing, partial, si));
    }
    // What the filter asks for first: partial sheets when it asks for those, else missing ones.
    if filter.status == StatusFilter::Partial {
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)).then(a.2.cmp(&b.2)));
    } else {
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    }
    let mut by_missing: Vec<usize> = (0..judges.len()).collect();
    by_missing.sort_by(|&a, &b| {
        counts[b][2]
            .cmp(&counts[a][2])
            .then(counts[b][1].cmp(&counts[a][1]))
            .then(a.cmp(&b))
    });
    (
        rows.into_iter().map(|(_, _, si)| si).collect(),
        by_missing,
        counts,
    )
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(session) = doc.session() else {
        return actions;
    };
    let contest = &session.contest;
    let round_id = view
        .round
        .clone()
        .filter(|r| contest.round(r).is_some())
        .or_else(|| contest.rounds.first().map(|r| r.id.clone()));
    let Some(round) = round_id.as_deref().and_then(|r| contest.round(r)) else {
        return actions;
    };
    let organizer = doc.role() == Role::Organizer;
    // Wraps in a narrow window (a laptop at 150 %) rather than run off it.
    ui.horizontal_wrapped(|ui| {
        super::heading(ui, T::NavProgress.get(lang));
        ui.add_space(12.0);
        if contest.rounds.len() > 1 {
            let label = ui.label(T::Round.get(lang));
            egui::ComboBox::from_id_salt("progress-round")
                .selected_text(&round.name)
                .show_ui(ui, |ui| {
                    for r in &contest.rounds {
                        ui.selectable_value(&mut view.round, Some(r.id.clone()), &r.name);
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if ui
            .add_enabled(
                organizer && doc.editable(),
                egui::Button::new(T::AssignButton.get(lang)),
            )
            .on_hover_text(T::AssignButtonHover.get(lang))
            .clicked()
        {
            view.assign.open_for(doc, round);
        }
        if ui
            .add_enabled(organizer, egui::Button::new(T::ExportPackets.get(lang)))
            .clicked()
        {
            actions.push(Action::ExportPackets);
        }
        if ui
            .add_enabled(doc.editable(), egui::Button::new(T::ImportSheets.get(lang)))
            .clicked()
        {
            actions.push(Action::ImportDialog);
        }
        if view.board.is_some() {
            if ui.button(T::StopFollowing.get(lang)).clicked() {
                actions.push(Action::StopFollowing);
            }
        } else if ui
            .add_enabled(doc.editable(), egui::Button::new(T::FollowFolder.get(lang)))
            .clicked()
        {
            actions.push(Action::FollowFolderDialog);
        }
    });
    actions.extend(super::assign::window(doc, &mut view.assign, lang, ui.ctx()));
    if let Some(board) = &view.board {
        folder_board(ui, board, doc, lang, &mut actions);
        bind_by_hand(
            ui,
            &mut view.key_judge,
            &mut view.key_typed,
            contest,
            lang,
            &mut actions,
        );
    }
    let subs = &session.submissions;
    let judges: Vec<&Judge> = round.judges.iter().filter_map(|j| contest.judge(j)).collect();
    if view
        .cache
        .as_ref()
        .is_none_or(|(g, r, _, _)| *g != doc.generation || r != &round.id)
    {
        let (counts, cells) = tabulate(session, round, &judges);
        view.cache = Some((doc.generation, round.id.clone(), counts, cells));
    }
    let Some((_, _, counts, cells)) = view.cache.as_ref() else {
        return actions;
    };

    // The filters: a judge, a category, a state.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(T::Judge.get(lang));
        let shown = view
            .filter
            .judge
            .as_deref()
            .and_then(|j| contest.judge(j))
            .map_or(T::AllJudges.get(lang), |j| j.name.as_str());
        egui::ComboBox::from_id_salt("progress-judge")
            .selected_text(shown)
            .height(360.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.filter.judge, None, T::AllJudges.get(lang));
                // Most missing first, as in the table below (the round's order until it is known).
                let order: Vec<usize> = match view.order.as_ref() {
                    Some((_, r, _, (_, order, _))) if *r == round.id && order.len() == judges.len() => {
                        order.clone()
                    }
                    _ => (0..judges.len()).collect(),
                };
                for ji in order {
                    let j = judges[ji];
                    ui.selectable_value(&mut view.filter.judge, Some(j.id.clone()), &j.name);
                }
            })
            .response
            .labelled_by(label.id);
        if !contest.categories.is_empty() {
            let label = ui.label(T::Category.get(lang));
            let shown = view
                .filter
                .category
                .as_deref()
                .and_then(|c| contest.category(c))
                .map_or(T::AllCategories.get(lang), |c| c.name.as_str());
            egui::ComboBox::from_id_salt("progress-category")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.filter.category, None, T::AllCategories.get(lang));
                    for c in &contest.categories {
                        ui.selectable_value(&mut view.filter.category, Some(c.id.clone()), &c.name);
                    }
                })
                .response
                .labelled_by(label.id);
        }
        let label = ui.label(T::State.get(lang));
        egui::ComboBox::from_id_salt("progress-state")
            .selected_text(view.filter.status.name(lang))
            .show_ui(ui, |ui| {
                for f in StatusFilter::ALL {
                    ui.selectable_value(&mut view.filter.status, f, f.name(lang));
                }
            })
            .response
            .labelled_by(label.id);
    });
    if view
        .order
        .as_ref()
        .is_none_or(|(g, r, f, _)| *g != doc.generation || r != &round.id || f != &view.filter)
    {
        let arranged = arrange(session, &judges, counts, cells, &view.filter);
        view.order = Some((doc.generation, round.id.clone(), view.filter.clone(), arranged));
    }
    let Some((_, _, _, (rows, judge_order, counts))) = view.order.as_ref() else {
        return actions;
    };

    // Each judge's counts, most missing first; a judge's name shows only their cells.
    let board = view.board.as_ref();
    let mut columns = vec![
        T::Judge,
        T::Complete,
        T::Partial,
        T::Missing,
        T::Conflict,
        T::Recused,
    ];
    if board.is_some() {
        columns.extend([T::KeyColumn, T::LastSheet, T::Received, T::FolderState]);
    }
    let mut chosen = None;
    egui::ScrollArea::horizontal()
        .id_salt("progress-totals-h")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("progress-totals")
                .striped(true)
                .max_scroll_height(200.0)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(220.0).clip(true))
                .columns(Column::auto().at_least(60.0), 5);
            if board.is_some() {
                table = table.columns(Column::auto().at_least(90.0), 4);
            }
            table
                .header(22.0, |mut header| {
                    for key in &columns {
                        header.col(|ui| {
                            ui.strong(key.get(lang));
                        });
                    }
                })
                .body(|body| {
                    body.rows(22.0, judge_order.len(), |mut row| {
                        let ji = judge_order[row.index()];
                        let judge = judges[ji];
                        row.col(|ui| {
                            let on = view.filter.judge.as_deref() == Some(judge.id.as_str());
                            if ui
                                .selectable_label(on, &judge.name)
                                .on_hover_text(T::ShowOnlyJudge.get(lang))
                                .clicked()
                            {
                                chosen = Some((!on).then(|| judge.id.clone()));
                            }
                        });
                        for n in counts[ji] {
                            row.col(|ui| {
                                ui.label(text::count(n as u64, lang));
                            });
                        }
                        if let Some(line) = board.and_then(|b| b.judges.iter().find(|l| l.judge == judge.id))
                        {
                            judge_line(&mut row, line, lang);
                        }
                    });
                });
        });
    if let Some(judge) = chosen {
        view.filter.judge = judge;
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        for (c, key) in [
            (Cell::Complete, T::Complete),
            (Cell::Partial, T::Partial),
            (Cell::Missing, T::Missing),
            (Cell::Conflict, T::Conflict),
            (Cell::Recused, T::Recused),
        ] {
            swatch(ui, cell_color(c), 12.0);
            ui.label(key.get(lang));
        }
        ui.add_space(12.0);
        ui.label(
            egui::RichText::new(format!(
                "{} / {} {}",
                text::count(rows.len() as u64, lang),
                text::count(subs.len() as u64, lang),
                T::SubmissionsShown.get(lang)
            ))
            .weak(),
        );
    });
    // One judge: their column. A round of few judges: the matrix. Otherwise each row's own judges.
    let one = view
        .filter
        .judge
        .as_deref()
        .and_then(|id| judges.iter().position(|j| j.id == id));
    let columns: Vec<usize> = match one {
        Some(ji) => vec![ji],
        None if judges.len() <= MATRIX_JUDGES => (0..judges.len()).collect(),
        None => Vec::new(),
    };
    let cell_of = |si: usize, ji: usize| {
        cells[si]
            .iter()
            .find(|(j, _)| *j == ji)
            .map_or(Cell::None, |(_, c)| *c)
    };
    egui::ScrollArea::horizontal().id_salt("matrix-h").show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("matrix")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(80.0))
            .column(Column::initial(260.0).clip(true));
        table = if columns.is_empty() {
            table.column(Column::remainder().at_least(400.0))
        } else {
            table.columns(Column::exact(96.0), columns.len())
        };
        table
            .header(24.0, |mut header| {
                header.col(|ui| {
                    ui.strong(T::Id.get(lang));
                });
                header.col(|ui| {
                    ui.strong(T::Title.get(lang));
                });
                if columns.is_empty() {
                    header.col(|ui| {
                        ui.strong(T::JudgesOfSubmission.get(lang));
                    });
                }
                // Each judge by name (cut to the column, whole when hovered).
                for &ji in &columns {
                    let name = &judges[ji].name;
                    header.col(|ui| {
                        ui.add(
                            egui::Label::new(egui::RichText::new(name).strong())
                                .truncate()
                                .show_tooltip_when_elided(false),
                        )
                        .on_hover_text(name);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let si = rows[row.index()];
                    let s = &subs[si];
                    row.col(|ui| {
                        ui.label(&s.id);
                    });
                    row.col(|ui| {
                        ui.label(&s.title);
                    });
                    if columns.is_empty() {
                        row.col(|ui| {
                            for &(ji, c) in &cells[si] {
                                swatch(ui, cell_color(c), 12.0).on_hover_text(cell_words(c, lang));
                                ui.label(egui::RichText::new(&judges[ji].name).small())
                                    .on_hover_text(cell_words(c, lang));
                                ui.add_space(6.0);
                            }
                        });
                    }
                    for &ji in &columns {
                        row.col(|ui| {
                            let c = cell_of(si, ji);
                            if c != Cell::None {
                                swatch(ui, cell_color(c), 16.0).on_hover_text(cell_words(c, lang));
                                if c == Cell::Recused {
                                    // Not only a colour: a letter, for those who cannot tell them apart.
                                    ui.label(egui::RichText::new(T::RecusedMark.get(lang)).small());
                                }
                            }
                        });
                    }
                });
            });
    });
    actions
}

/// A cell's state in words.
fn cell_words(c: Cell, lang: Lang) -> &'static str {
    match c {
        Cell::Complete => T::Complete.get(lang),
        Cell::Partial => T::Partial.get(lang),
        Cell::Missing => T::Missing.get(lang),
        Cell::Conflict => T::Conflict.get(lang),
        Cell::Recused => T::Recused.get(lang),
        Cell::None => "",
    }
}

/// A judge's columns on the status board: key, latest sheet, when it came, and its state.
fn judge_line(row: &mut egui_extras::TableRow<'_, '_>, line: &crate::store::folder::JudgeStatus, lang: Lang) {
    row.col(|ui| {
        ui.label(line.key.as_deref().unwrap_or(T::NoKey.get(lang)));
    });
    match &line.last {
        Some((sheet, _, at)) => {
            row.col(|ui| {
                ui.label(format!(
                    "{} {}",
                    T::Revision.get(lang),
                    text::count(sheet.revision, lang)
                ));
            });
            row.col(|ui| {
                ui.label(text::clock(*at));
            });
        }
        None => {
            row.col(|ui| {
                ui.label("—");
            });
            row.col(|ui| {
                ui.label("—");
            });
        }
    }
    let mut state = Vec::new();
    match line.last {
        Some(_) => state.push((T::StateOk.get(lang).to_string(), false)),
        None if line.awaiting.is_none() => state.push((T::StateNothingYet.get(lang).to_string(), false)),
        None => {}
    }
    if line.awaiting.is_some() {
        state.push((T::KeyWaiting.get(lang).to_string(), true));
    }
    for (n, key) in [
        (line.refused, T::StateRefused),
        (line.conflicts, T::StateConflicts),
        (line.aside, T::StateAside),
    ] {
        if n > 0 {
            state.push((format!("{}: {n}", key.get(lang)), key != T::StateAside));
        }
    }
    let warn = state.iter().any(|(_, bad)| *bad);
    let words: Vec<String> = state.into_iter().map(|(w, _)| w).collect();
    row.col(|ui| {
        let color = if warn {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.label(egui::RichText::new(words.join(" · ")).color(color));
    });
}

/// The contest folder followed: where, how, the keys waiting for confirmation, binding a key by
/// hand, the files set aside and the latest changes.
fn folder_board(
    ui: &mut egui::Ui,
    board: &crate::app::live::Board,
    doc: &Document,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let Some(names) = doc.names() else { return };
    ui.horizontal_wrapped(|ui| {
        ui.label(T::ContestFolder.get(lang));
        ui.label(egui::RichText::new(&board.folder).strong());
        let how = if board.events {
            T::FollowedWithEvents
        } else {
            T::FollowedByTimer
        };
        ui.label(egui::RichText::new(how.get(lang)).weak());
        if let Some(at) = board.walked {
            ui.label(egui::RichText::new(format!("· {} {}", T::LastScan.get(lang), text::clock(at))).weak());
        }
    });
    if let Some(why) = &board.unreachable {
        super::notice(ui, &text::folder::unreachable(&board.folder, why, lang));
    }
    for (judge, print, _) in &board.awaiting {
        super::notice_with(ui, |ui| {
            ui.add(egui::Label::new(T::KeyWaitingHelp.get(lang)).wrap());
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(names.judge(judge)).strong());
                ui.label(egui::RichText::new(print).monospace().strong());
                if ui.button(T::ConfirmKey.get(lang)).clicked() {
                    actions.push(Action::BindKey {
                        judge: judge.clone(),
                        fingerprint: print.clone(),
                    });
                }
            });
        });
    }
    egui::CollapsingHeader::new(format!("{} ({})", T::SetAside.get(lang), board.aside.len()))
        .id_salt("folder-aside")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("folder-aside-list")
                .max_height(140.0)
                .show(ui, |ui| {
                    for (file, why) in &board.aside {
                        ui.add(
                            egui::Label::new(format!("{file}: {}", text::folder::aside(why, lang))).wrap(),
                        );
                    }
                });
        });
    egui::CollapsingHeader::new(format!("{} ({})", T::RecentChanges.get(lang), board.recent.len()))
        .id_salt("folder-recent")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("folder-recent-list")
                .max_height(140.0)
                .show(ui, |ui| {
                    for (at, change) in &board.recent {
                        ui.add(
                            egui::Label::new(format!(
                                "{}  {}",
                                text::clock(*at),
                                text::folder::folder_change(change, &names, lang)
                            ))
                            .wrap(),
                        );
                    }
                });
        });
    ui.add_space(6.0);
}

/// Binds a judge to the key they read out from their laptop (Help → About), before or instead of
/// confirming it on first use.
fn bind_by_hand(
    ui: &mut egui::Ui,
    judge: &mut Option<String>,
    typed: &mut String,
    contest: &crate::model::Contest,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    egui::CollapsingHeader::new(T::BindKeyByHand.get(lang))
        .id_salt("folder-bind")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(T::Judge.get(lang));
                let shown = judge
                    .as_deref()
                    .and_then(|j| contest.judge(j))
                    .map_or("—", |j| j.name.as_str());
                egui::ComboBox::from_id_salt("folder-bind-judge")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for j in &contest.judges {
                            ui.selectable_value(judge, Some(j.id.clone()), &j.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label(T::KeyColumn.get(lang));
                ui.add(
                    egui::TextEdit::singleline(typed)
                        .hint_text("3F9A-07C2-B41E-9D55")
                        .desired_width(190.0),
                )
                .labelled_by(label.id);
                if ui
                    .add_enabled(judge.is_some(), egui::Button::new(T::BindKey.get(lang)))
                    .clicked()
                    && let Some(j) = judge.clone()
                {
                    actions.push(Action::BindKey {
                        judge: j,
                        fingerprint: typed.trim().to_string(),
                    });
                    typed.clear();
                }
            });
        });
}
