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
use crate::text::Lang;

/// (complete, partial, missing, conflict, recused) for one judge.
type Counts = [usize; 5];

/// The non-empty cells of the matrix, by (judge, submission) position.
type Cells = HashMap<(usize, usize), Cell>;

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
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
    });
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

    egui::ScrollArea::vertical()
        .id_salt("progress-totals")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("progress-totals")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
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
                    ui.end_row();
                    for (judge, c) in judges.iter().zip(counts) {
                        ui.label(&judge.name);
                        for n in c {
                            ui.label(n.to_string());
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
