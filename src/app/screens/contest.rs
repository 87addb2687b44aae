//! The contest as set up: information, rounds with their criteria (and the maximum total), award
//! tiers, rules in words, categories and judges.

use egui::RichText;

use super::super::i18n::T;
use super::super::{Action, Document};
use crate::text::{self, Lang};

pub fn show(doc: &Document, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let c = doc.contest();
    egui::ScrollArea::vertical().show(ui, |ui| {
        super::heading(ui, &c.name);
        egui::Grid::new("contest-info")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for (key, value) in [
                    (T::Organizer, c.organizer.clone()),
                    (T::Place, c.place.clone()),
                    (T::Date, c.date.map(|d| text::date(d, lang)).unwrap_or_default()),
                    (T::Decimals, c.decimals.to_string()),
                ] {
                    ui.label(RichText::new(key.get(lang)).strong());
                    ui.label(value);
                    ui.end_row();
                }
            });
        for round in &c.rounds {
            ui.add_space(10.0);
            ui.label(
                RichText::new(format!(
                    "{} {} — {} {}",
                    T::Round.get(lang),
                    round.name,
                    T::MaximumTotal.get(lang),
                    text::points(round.maximum_total(), lang)
                ))
                .size(17.0)
                .strong(),
            );
            egui::Grid::new(("criteria", &round.id))
                .striped(true)
                .num_columns(6)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for key in [T::Criterion, T::Max, T::Step, T::Weight, T::Minimum, T::Rubric] {
                        ui.strong(key.get(lang));
                    }
                    ui.end_row();
                    for cr in &round.criteria {
                        ui.label(&cr.name).on_hover_text(&cr.description);
                        ui.label(text::points(cr.max, lang));
                        ui.label(text::points(cr.step, lang));
                        ui.label(text::points(cr.weight, lang));
                        ui.label(
                            cr.min
                                .map(|m| text::points(m, lang))
                                .unwrap_or_else(|| "—".into()),
                        );
                        let rubric: Vec<String> = cr
                            .rubric
                            .iter()
                            .map(|r| {
                                format!(
                                    "{}–{}: {}",
                                    text::points(r.from, lang),
                                    text::points(r.to, lang),
                                    r.text
                                )
                            })
                            .collect();
                        ui.label(RichText::new(rubric.join("\n")).small());
                        ui.end_row();
                    }
                });
            let judges: Vec<String> = round
                .judges
                .iter()
                .map(|j| {
                    c.judge(j)
                        .map_or(j.clone(), |x| format!("{} ({})", x.name, x.organization))
                })
                .collect();
            ui.label(RichText::new(T::Judges.get(lang)).strong());
            for j in judges {
                ui.label(format!("• {j}"));
            }
        }
        ui.add_space(10.0);
        ui.label(RichText::new(T::Tiers.get(lang)).size(17.0).strong());
        egui::Grid::new("tiers")
            .striped(true)
            .num_columns(4)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                for key in [T::Award, T::Count, T::MinScore, T::Prize] {
                    ui.strong(key.get(lang));
                }
                ui.end_row();
                for t in &c.awards.tiers {
                    ui.label(&t.name);
                    ui.label(t.count.to_string());
                    ui.label(
                        t.min_score
                            .map(|m| text::points(m, lang))
                            .unwrap_or_else(|| "—".into()),
                    );
                    ui.label(
                        t.prize_vnd
                            .map(|v| text::vnd(v, lang))
                            .unwrap_or_else(|| "—".into()),
                    );
                    ui.end_row();
                }
            });
        ui.add_space(10.0);
        ui.label(RichText::new(T::Rules.get(lang)).size(17.0).strong());
        for line in text::rules(c, lang) {
            ui.label(line);
        }
        if !c.categories.is_empty() {
            ui.add_space(10.0);
            ui.label(RichText::new(T::Categories.get(lang)).size(17.0).strong());
            for cat in &c.categories {
                ui.label(format!("• {}", cat.name));
            }
        }
    });
    Vec::new()
}
