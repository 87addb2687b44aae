//! Paper sheets (phiếu giấy): the secretariat types a judge's paper scoresheet twice, blind — the
//! grid shows only the typing chosen, never the other, and nothing of the other typing's values is
//! shown until both typings are marked finished — then the two are compared field by field, and the
//! sheet counts once they match and are confirmed.

use std::collections::HashMap;

use egui::RichText;

use crate::app::i18n::T;
use crate::app::state::Document;
use crate::app::{Action, Edit};
use crate::model::{Pass, Points};
use crate::text::{self, Lang, Names};

/// (round, judge, document generation).
type SheetKey = (String, String, u64);

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
    pub judge: Option<String>,
    pub pass: Option<Pass>,
    /// What is typed in each field (submission, criterion), for the round, judge and pass shown.
    buffers: HashMap<(String, String), String>,
    /// Which sheet and typing the buffers hold, and the document generation they were read at.
    loaded: Option<(String, String, Pass, u64)>,
    errors: HashMap<(String, String), String>,
    /// The submissions of the sheet shown, for (round, judge, generation): finding them may compute
    /// the results of the round before (who went on), too much for every frame.
    submissions: Option<(SheetKey, std::rc::Rc<[String]>)>,
}

impl View {
    /// The language changed: the fields are filled again from the typing (refused values stay).
    pub fn relang(&mut self) {
        let errors = &self.errors;
        self.buffers.retain(|cell, _| errors.contains_key(cell));
        // Read again at the next frame, as the same sheet (generations start at 1).
        if let Some(loaded) = self.loaded.as_mut() {
            loaded.3 = 0;
        }
    }
}

/// The submissions a judge scores in a round, in order.
pub fn submissions_of(doc: &Document, round: &str, judge: &str) -> Vec<String> {
    let Some(session) = doc.session() else {
        return Vec::new();
    };
    let Some(r) = session.contest.round(round) else {
        return Vec::new();
    };
    let index = session.contest.round_index(round).unwrap_or(0);
    let assigned = r.assigned_to(judge);
    crate::store::packet::submissions_in_round(session, index)
        .into_iter()
        .filter(|s| assigned.as_ref().is_none_or(|a| a.contains(s.id.as_str())))
        .map(|s| s.id.clone())
        .collect()
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(session) = doc.session() else {
        return actions;
    };
    let contest = &session.contest;
    let names = doc.names().unwrap_or_else(|| Names::of(session));
    let editable = doc.editable();
    ui.horizontal_wrapped(|ui| {
        super::heading(ui, T::NavPaper.get(lang));
        ui.add_space(12.0);
        let round_id = view
            .round
            .clone()
            .filter(|r| contest.round(r).is_some())
            .or_else(|| contest.rounds.last().map(|r| r.id.clone()))
            .unwrap_or_default();
        // The round shown is the chosen one until a click in the list changes it.
        view.round = Some(round_id.clone());
        super::round_picker(ui, "paper-round", contest, &round_id, &mut view.round, lang);
        let judges = contest
            .round(&round_id)
            .map(|r| r.judges.clone())
            .unwrap_or_default();
        let label = ui.label(T::PaperJudge.get(lang));
        let shown = view.judge.as_ref().map_or("—".to_string(), |j| names.judge(j));
        egui::ComboBox::from_id_salt("paper-judge")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for j in &judges {
                    if ui
                        .selectable_label(view.judge.as_deref() == Some(j), names.judge(j))
                        .clicked()
                    {
                        view.judge = Some(j.clone());
                    }
                }
            })
            .response
            .labelled_by(label.id);
        // The first typing until the other is chosen.
        let current = view.pass.unwrap_or(Pass::First);
        for (pass, key) in [(Pass::First, T::FirstEntry), (Pass::Second, T::SecondEntry)] {
            if ui.selectable_label(current == pass, key.get(lang)).clicked() {
                view.pass = Some(pass);
            }
        }
    });
    ui.label(RichText::new(T::PaperHelp.get(lang)).weak());
    let (Some(round_id), Some(judge)) = (view.round.clone(), view.judge.clone()) else {
        return actions;
    };
    let Some(round) = contest.round(&round_id) else {
        return actions;
    };
    let key = (round_id.clone(), judge.clone(), doc.generation);
    if view.submissions.as_ref().is_none_or(|(k, _)| *k != key) {
        view.submissions = Some((key, submissions_of(doc, &round_id, &judge).into()));
    }
    let submissions = view
        .submissions
        .as_ref()
        .map_or_else(|| std::rc::Rc::from(Vec::new()), |(_, s)| std::rc::Rc::clone(s));
    let paper = session
        .paper
        .iter()
        .find(|p| p.round == round_id && p.judge == judge);

    let pass = view.pass.unwrap_or(Pass::First);
    let finished = paper.is_some_and(|p| p.entry(pass).finished);
    {
        // A finished typing is locked until it is opened again.
        let editable = editable && !finished;
        let key = (round_id.clone(), judge.clone(), pass, doc.generation);
        if view.loaded.as_ref() != Some(&key) {
            let same_sheet = view
                .loaded
                .as_ref()
                .is_some_and(|(r, j, p, _)| (r, j, p) == (&key.0, &key.1, &key.2));
            if !same_sheet {
                view.errors.clear();
            }
            // What was typed and refused stays on screen to be fixed; the rest is read afresh (after an
            // edit, an undo, another sheet).
            view.buffers.retain(|cell, _| view.errors.contains_key(cell));
            if let Some(p) = paper {
                for (s, scores) in &p.entry(pass).scores {
                    for (c, v) in scores {
                        view.buffers
                            .entry((s.clone(), c.clone()))
                            .or_insert_with(|| text::points(*v, lang));
                    }
                }
            }
            view.loaded = Some(key);
        }
        let state = if finished { T::TypingDone } else { T::TypingOpen };
        ui.label(
            RichText::new(format!(
                "{} — {} ({})",
                names.judge(&judge),
                pass_name(pass, lang),
                state.get(lang)
            ))
            .strong(),
        );
        let legend: Vec<String> = round
            .criteria
            .iter()
            .enumerate()
            .map(|(k, c)| format!("TC{} {}", k + 1, c.name))
            .collect();
        ui.label(RichText::new(legend.join(" · ")).small().weak());
        egui::ScrollArea::both()
            .max_height(ui.available_height() * 0.6)
            .show(ui, |ui| {
                egui::Grid::new("paper-grid").spacing([10.0, 6.0]).show(ui, |ui| {
                    ui.strong(T::Submission.get(lang));
                    // Short headers, as on the printed sheet (TC1…); the full name on hover.
                    for (k, c) in round.criteria.iter().enumerate() {
                        ui.strong(format!("TC{} /{}", k + 1, text::points(c.max, lang)))
                            .on_hover_text(&c.name);
                    }
                    ui.end_row();
                    for s in submissions.iter() {
                        ui.label(names.submission(s));
                        for c in &round.criteria {
                            let cell = (s.clone(), c.id.clone());
                            let buffer = view.buffers.entry(cell.clone()).or_default();
                            let response = ui.add_enabled(
                                editable,
                                egui::TextEdit::singleline(buffer).desired_width(64.0),
                            );
                            let label = format!("{s} {}", c.name);
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::TextInput, editable, &label)
                            });
                            if response.lost_focus() {
                                let typed = buffer.clone();
                                match crate::scoring::field::read_score(&typed, c) {
                                    Ok(value) => {
                                        view.errors.remove(&cell);
                                        let stored = paper.and_then(|p| {
                                            p.entry(pass).scores.get(s).and_then(|m| m.get(&c.id)).copied()
                                        });
                                        if stored != value {
                                            actions.push(Action::Edit(Edit::PaperScore {
                                                round: round_id.clone(),
                                                judge: judge.clone(),
                                                pass,
                                                submission: s.clone(),
                                                criterion: c.id.clone(),
                                                value,
                                            }));
                                        }
                                    }
                                    Err(e) => {
                                        let message =
                                            super::edit_error(&crate::app::EditError::from(e), lang);
                                        view.errors.insert(cell.clone(), message);
                                    }
                                }
                            }
                            if let Some(message) = view.errors.get(&cell) {
                                response.on_hover_text(message.clone());
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        for ((s, c), message) in &view.errors {
            let criterion = round.criterion(c).map_or(c.as_str(), |c| c.name.as_str());
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{s} · {criterion}: {message} — {}", T::NotSaved.get(lang)),
            );
        }
        let typed = paper.map_or(0, |p| crate::store::paper::count(p.entry(pass)));
        let (key, enabled) = if finished {
            (T::ReopenTyping, doc.editable())
        } else {
            (
                T::FinishTyping,
                doc.editable() && typed > 0 && view.errors.is_empty(),
            )
        };
        if ui
            .add_enabled(enabled, egui::Button::new(key.get(lang)))
            .clicked()
        {
            actions.push(Action::Edit(Edit::PaperFinished {
                round: round_id.clone(),
                judge: judge.clone(),
                pass,
                finished: !finished,
            }));
        }
    }

    // Both typings side by side: only where they differ.
    ui.separator();
    super::heading(ui, T::PaperCompare.get(lang));
    let Some(paper) = paper else {
        ui.label(T::PaperNothingYet.get(lang));
        return actions;
    };
    let (first, second) = (
        crate::store::paper::count(&paper.first),
        crate::store::paper::count(&paper.second),
    );
    ui.label(format!(
        "{}: {first} {} · {}: {second} {}",
        T::FirstEntry.get(lang),
        T::Scores.get(lang),
        T::SecondEntry.get(lang),
        T::Scores.get(lang)
    ));
    if !paper.first.typists.is_empty() && paper.first.typists == paper.second.typists {
        ui.colored_label(ui.visuals().warn_fg_color, T::SameTypist.get(lang));
    }
    // Compared only once both typings are finished: until then neither typist may see the other's
    // values, only how far each has got.
    let differences = if paper.both_finished() {
        crate::store::paper::differences(paper, round, &submissions)
    } else {
        for pass in [Pass::First, Pass::Second] {
            let entry = paper.entry(pass);
            let state = match (crate::store::paper::count(entry), entry.finished) {
                (0, _) => T::NotTypedYet,
                (_, true) => T::TypingDone,
                (_, false) => T::TypingOpen,
            };
            ui.label(format!("{}: {}", pass_name(pass, lang), state.get(lang)));
        }
        ui.label(RichText::new(T::PaperBlind.get(lang)).weak());
        Vec::new()
    };
    let shown =
        |p: Option<Points>| p.map_or_else(|| T::Blank.get(lang).to_string(), |p| text::points(p, lang));
    if paper.both_finished() && differences.is_empty() {
        ui.label(RichText::new(T::PaperMatch.get(lang)).color(ui.visuals().hyperlink_color));
    }
    for d in &differences {
        let criterion = round
            .criterion(&d.criterion)
            .map_or(d.criterion.clone(), |c| c.name.clone());
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "{} · {criterion}: {} {} ≠ {} {}",
                d.submission,
                T::FirstEntry.get(lang),
                shown(d.first),
                T::SecondEntry.get(lang),
                shown(d.second)
            ),
        );
    }
    let ready = editable && first > 0 && second > 0 && paper.both_finished() && differences.is_empty();
    if ui
        .add_enabled(ready, egui::Button::new(T::ConfirmPaper.get(lang)))
        .clicked()
    {
        actions.push(Action::ConfirmPaper {
            round: round_id,
            judge,
        });
    }
    actions
}

fn pass_name(pass: Pass, lang: Lang) -> &'static str {
    match pass {
        Pass::First => T::FirstEntry.get(lang),
        Pass::Second => T::SecondEntry.get(lang),
    }
}
