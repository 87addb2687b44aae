//! Progress, for organizers: per judge how many sheets are complete, partial, missing or in
//! conflict, a judges × submissions matrix, and the buttons to hand out packets and take
//! scoresheets back.

use egui::Color32;
use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Document, Role};
use super::scoring::{Progress, progress};
use crate::scoring::conflicts::organization_key;
use crate::text::Lang;

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
}

/// One cell of the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Complete,
    Partial,
    Missing,
    Conflict,
    /// The judge is not assigned to this submission.
    None,
}

fn cell_color(c: Cell) -> Color32 {
    match c {
        Cell::Complete => Color32::from_rgb(60, 160, 90),
        Cell::Partial => Color32::from_rgb(230, 170, 40),
        Cell::Missing => Color32::from_rgb(200, 70, 60),
        Cell::Conflict => Color32::from_rgb(150, 90, 170),
        Cell::None => Color32::TRANSPARENT,
    }
}

/// A filled square of the given colour.
fn swatch(ui: &mut egui::Ui, color: Color32, size: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
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
    ui.horizontal(|ui| {
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
            .add_enabled(organizer, egui::Button::new(T::ImportSheets.get(lang)))
            .clicked()
        {
            actions.push(Action::ImportDialog);
        }
    });
    let subs = &session.submissions;
    let judges: Vec<&crate::model::Judge> = round.judges.iter().filter_map(|j| contest.judge(j)).collect();
    let cell = |j: &crate::model::Judge, s: &crate::model::Submission| -> Cell {
        let entry = session.sheet(&round.id, &j.id).and_then(|sh| sh.entry(&s.id));
        let same_org = !j.organization.trim().is_empty()
            && organization_key(&j.organization) == organization_key(&s.organization);
        if same_org || entry.is_some_and(|e| e.recusal.is_some()) {
            return Cell::Conflict;
        }
        if !round.is_assigned(&j.id, &s.id) && entry.is_none() {
            return Cell::None;
        }
        match progress(entry, &round.criteria) {
            Progress::Complete => Cell::Complete,
            Progress::Partial => Cell::Partial,
            Progress::NotStarted => Cell::Missing,
            Progress::Recused => Cell::Conflict,
        }
    };
    // Totals per judge.
    egui::Grid::new("progress-totals")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for key in [T::Judge, T::Complete, T::Partial, T::Missing, T::Conflict] {
                ui.strong(key.get(lang));
            }
            ui.end_row();
            for j in &judges {
                let mut counts = [0usize; 4];
                for s in subs {
                    match cell(j, s) {
                        Cell::Complete => counts[0] += 1,
                        Cell::Partial => counts[1] += 1,
                        Cell::Missing => counts[2] += 1,
                        Cell::Conflict => counts[3] += 1,
                        Cell::None => {}
                    }
                }
                ui.label(&j.name);
                for c in counts {
                    ui.label(c.to_string());
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        for (c, key) in [
            (Cell::Complete, T::Complete),
            (Cell::Partial, T::Partial),
            (Cell::Missing, T::Missing),
            (Cell::Conflict, T::Conflict),
        ] {
            swatch(ui, cell_color(c), 12.0);
            ui.label(key.get(lang));
        }
    });
    TableBuilder::new(ui)
        .id_salt("matrix")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(70.0))
        .column(Column::initial(260.0).clip(true))
        .columns(Column::exact(44.0), judges.len())
        .header(24.0, |mut header| {
            header.col(|ui| {
                ui.strong(T::Id.get(lang));
            });
            header.col(|ui| {
                ui.strong(T::Title.get(lang));
            });
            for j in &judges {
                header.col(|ui| {
                    ui.strong(&j.id).on_hover_text(&j.name);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, subs.len(), |mut row| {
                let s = &subs[row.index()];
                row.col(|ui| {
                    ui.label(&s.id);
                });
                row.col(|ui| {
                    ui.label(&s.title);
                });
                for j in &judges {
                    row.col(|ui| {
                        let c = cell(j, s);
                        if c != Cell::None {
                            swatch(ui, cell_color(c), 16.0);
                        }
                    });
                }
            });
        });
    actions
}
