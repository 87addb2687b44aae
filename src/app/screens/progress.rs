//! Progress, for organizers: per judge how many sheets are complete, partial, missing or in
//! conflict, a judges × submissions matrix, and the buttons to hand out packets and take
//! scoresheets back. The counts and cells are worked out once per change, not every frame.

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

/// The non-empty cells of the matrix, by (judge, submission) position.
type Cells = HashMap<(usize, usize), Cell>;

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
    /// The status board of the contest folder followed (see `app::live`).
    pub board: Option<crate::app::live::Board>,
    /// The judge and the fingerprint typed in "Bind a key the judge reads out".
    pub key_judge: Option<String>,
    pub key_typed: String,
    /// For (generation, round): each judge's counts and every non-empty cell by (judge, submission).
    cache: Option<(u64, String, Vec<Counts>, Cells)>,
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
fn swatch(ui: &mut egui::Ui, color: Color32, size: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
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
    let mut cells = HashMap::new();
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
            let k = match c {
                Cell::Complete => 0,
                Cell::Partial => 1,
                Cell::Missing => 2,
                Cell::Conflict => 3,
                _ => 4,
            };
            counts[ji][k] += 1;
            cells.insert((ji, si), c);
        }
    }
    (counts, cells)
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
    if let Some(board) = &view.board {
        folder_board(ui, board, session, lang, &mut actions);
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

    egui::ScrollArea::both()
        .id_salt("progress-totals")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("progress-totals").striped(true).show(ui, |ui| {
                for key in [
                    T::Judge,
                    T::Complete,
                    T::Partial,
                    T::Missing,
                    T::Conflict,
                    T::Recused,
                ] {
                    ui.strong(key.get(lang));
                }
                if view.board.is_some() {
                    for key in [T::KeyColumn, T::LastSheet, T::Received, T::FolderState] {
                        ui.strong(key.get(lang));
                    }
                }
                ui.end_row();
                for (judge, c) in judges.iter().zip(counts) {
                    ui.label(&judge.name);
                    for n in c {
                        ui.label(n.to_string());
                    }
                    if let Some(line) = view
                        .board
                        .as_ref()
                        .and_then(|b| b.judges.iter().find(|l| l.judge == judge.id))
                    {
                        judge_line(ui, line, lang);
                    }
                    ui.end_row();
                }
            });
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
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
    });
    egui::ScrollArea::horizontal().id_salt("matrix-h").show(ui, |ui| {
        TableBuilder::new(ui)
            .id_salt("matrix")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(70.0))
            .column(Column::initial(260.0).clip(true))
            .columns(Column::exact(96.0), judges.len())
            .header(24.0, |mut header| {
                header.col(|ui| {
                    ui.strong(T::Id.get(lang));
                });
                header.col(|ui| {
                    ui.strong(T::Title.get(lang));
                });
                // Each judge by name (cut to the column, whole when hovered).
                for j in &judges {
                    header.col(|ui| {
                        ui.add(
                            egui::Label::new(egui::RichText::new(&j.name).strong())
                                .truncate()
                                .show_tooltip_when_elided(false),
                        )
                        .on_hover_text(&j.name);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, subs.len(), |mut row| {
                    let si = row.index();
                    let s = &subs[si];
                    row.col(|ui| {
                        ui.label(&s.id);
                    });
                    row.col(|ui| {
                        ui.label(&s.title);
                    });
                    for ji in 0..judges.len() {
                        row.col(|ui| {
                            let c = cells.get(&(ji, si)).copied().unwrap_or(Cell::None);
                            if c != Cell::None {
                                swatch(ui, cell_color(c), 16.0);
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

/// A judge's columns on the status board: key, latest sheet, when it came, and its state.
fn judge_line(ui: &mut egui::Ui, line: &crate::store::folder::JudgeStatus, lang: Lang) {
    ui.label(line.key.as_deref().unwrap_or(T::NoKey.get(lang)));
    match &line.last {
        Some((sheet, _, at)) => {
            ui.label(format!(
                "{} {}",
                T::Revision.get(lang),
                text::count(sheet.revision, lang)
            ));
            ui.label(text::clock(*at));
        }
        None => {
            ui.label("—");
            ui.label("—");
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
    let color = if warn {
        ui.visuals().warn_fg_color
    } else {
        ui.visuals().text_color()
    };
    ui.label(egui::RichText::new(words.join(" · ")).color(color));
}

/// The contest folder followed: where, how, the keys waiting for confirmation, binding a key by
/// hand, the files set aside and the latest changes.
fn folder_board(
    ui: &mut egui::Ui,
    board: &crate::app::live::Board,
    session: &Session,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let names = text::Names::of(session);
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
