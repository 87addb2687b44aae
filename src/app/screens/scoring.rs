//! Scoring, for a judge with their packet: their submissions with status and progress, and the sheet
//! of the selected one — each criterion's name, rubric and score field, the comment — with the live
//! total and the buttons always in view below it. A score is committed (and the packet saved) when
//! the field is left; a wrong value is refused with a message, what was typed stays (also after
//! going to another submission and back), and handing in waits until every refused field is put
//! right. Enter or Tab go to the next field with its text selected, and from the last one to the
//! next unscored submission; after a refusal they stay in the field, its text selected.

use std::collections::{BTreeMap, HashMap};

use egui::{Key, RichText};

use super::super::i18n::T;
use super::super::{Action, Doc, Document, Edit};
use crate::model::{Criterion, JudgePacket, Points, SheetEntry};
use crate::text::{self, Lang};

#[derive(Default)]
pub struct View {
    pub selected: Option<String>,
    /// What is typed in each criterion field of the selected submission.
    pub buffers: HashMap<String, String>,
    /// Values typed and refused, so not saved: by (submission, criterion), what was typed and why.
    pub refused: BTreeMap<(String, String), (String, String)>,
    pub comment: String,
    /// (submission, document generation) the fields were filled from.
    filled: Option<(String, u64)>,
    /// Criterion field to focus on the next frame, its text selected.
    pub focus: Option<usize>,
    /// The field last left with Enter or Tab, and which: egui may report the focus lost a frame
    /// after the key.
    left_by: Option<(usize, Key)>,
    /// The reason being typed in the recusal dialog.
    pub recusing: Option<String>,
    /// Each submission's progress, for the document generation it was worked out for.
    statuses: Option<(u64, Vec<Progress>)>,
    /// What this laptop last did with the contest folder the packet is joined to.
    pub published: Option<super::super::live::Published>,
}

impl View {
    /// The language changed: the fields are filled again from the sheet (refused values stay).
    pub fn relang(&mut self) {
        self.filled = None;
    }

    /// The progress of every submission of the packet, in its order (cached per generation).
    pub fn statuses(&mut self, generation: u64, packet: &JudgePacket, criteria: &[Criterion]) -> &[Progress] {
        if self.statuses.as_ref().is_none_or(|(g, _)| *g != generation) {
            let entries: HashMap<&str, &SheetEntry> = packet
                .sheet
                .entries
                .iter()
                .map(|e| (e.submission.as_str(), e))
                .collect();
            let list = packet
                .submissions
                .iter()
                .map(|s| progress(entries.get(s.id.as_str()).copied(), criteria))
                .collect();
            self.statuses = Some((generation, list));
        }
        self.statuses.as_ref().map_or(&[], |(_, list)| list)
    }
}

pub use crate::scoring::sheets::{Progress, progress};

/// The contest folder the packet writes to, and what was last written; or the button to join one.
fn folder_line(
    ui: &mut egui::Ui,
    packet: &JudgePacket,
    published: Option<&super::super::live::Published>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    use super::super::live::Published;
    let Some(link) = &packet.folder else {
        ui.horizontal_wrapped(|ui| {
            if ui.button(T::JoinFolder.get(lang)).clicked() {
                actions.push(Action::JoinFolderDialog);
            }
            ui.add(egui::Label::new(RichText::new(T::JoinFolderHelp.get(lang)).weak()).wrap());
        });
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(T::ContestFolder.get(lang));
        ui.label(RichText::new(&link.path).strong());
        if ui.button(T::LeaveFolder.get(lang)).clicked() {
            actions.push(Action::LeaveFolder);
        }
    });
    match published {
        Some(Published::Written { revision, at, .. }) => {
            ui.label(
                RichText::new(format!(
                    "✔ {} {} {} {}",
                    T::SentRevision.get(lang),
                    text::count(*revision, lang),
                    T::At.get(lang),
                    text::clock(*at)
                ))
                .color(egui::Color32::from_rgb(40, 140, 70)),
            );
        }
        Some(Published::Failed { words, since, .. }) => {
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "{} {} ({} {})",
                        T::NotSent.get(lang),
                        lang.t(&words[0], &words[1]),
                        T::At.get(lang),
                        text::clock(*since)
                    ))
                    .color(ui.visuals().error_fg_color),
                )
                .wrap(),
            );
        }
        None => {
            if let Some(revision) = link.revision {
                ui.label(format!(
                    "{} {}",
                    T::SentRevision.get(lang),
                    text::count(revision, lang)
                ));
            }
        }
    }
}

fn progress_text(p: Progress, lang: Lang) -> &'static str {
    match p {
        Progress::NotStarted => T::StatusNotStarted.get(lang),
        Progress::Partial => T::StatusPartial.get(lang),
        Progress::Complete => T::StatusComplete.get(lang),
        Progress::Recused => T::StatusRecused.get(lang),
    }
}

/// A typed score: empty is "not scored"; otherwise it must parse and fit the criterion.
pub fn read_score(text: &str, criterion: &Criterion, lang: Lang) -> Result<Option<Points>, String> {
    crate::scoring::field::read_score(text, criterion)
        .map_err(|e| super::edit_error(&crate::app::EditError::from(e), lang))
}

/// What is typed in the selected submission's fields but not in the sheet yet — a field still being
/// typed in when "Hand in" is clicked commits only after the click is handled: the edits that put it
/// there. A typed score that is refused is listed in `view.refused` (so handing in stops and names it).
pub fn uncommitted(view: &mut View, packet: &JudgePacket, lang: Lang) -> Vec<Edit> {
    let Some(selected) = view.selected.clone() else {
        return Vec::new();
    };
    // The fields hold this submission's values only once they were filled for it.
    if view.filled.as_ref().map(|(s, _)| s.as_str()) != Some(selected.as_str()) {
        return Vec::new();
    }
    let criteria = packet
        .contest
        .round(&packet.round)
        .map_or(&[][..], |r| r.criteria.as_slice());
    let stored = packet.sheet.entry(&selected);
    let mut edits = Vec::new();
    for c in criteria {
        let Some(typed) = view.buffers.get(&c.id) else {
            continue;
        };
        let key = (selected.clone(), c.id.clone());
        match read_score(typed, c, lang) {
            Ok(value) => {
                view.refused.remove(&key);
                if stored.and_then(|e| e.scores.get(c.id.as_str())).copied() != value {
                    edits.push(Edit::Score {
                        round: packet.sheet.round.clone(),
                        judge: packet.sheet.judge.clone(),
                        submission: selected.clone(),
                        criterion: c.id.clone(),
                        value,
                    });
                }
            }
            Err(message) => {
                view.refused.insert(key, (typed.clone(), message));
            }
        }
    }
    if stored.map_or("", |e| e.comment.as_str()) != view.comment {
        edits.push(Edit::Comment {
            round: packet.sheet.round.clone(),
            judge: packet.sheet.judge.clone(),
            submission: selected,
            text: view.comment.clone(),
        });
    }
    edits
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    let Doc::Packet(packet) = &doc.doc else {
        ui.label(T::NoJudgeRole.get(lang));
        ui.label(T::ScoringAsOrganizer.get(lang));
        return actions;
    };
    let Some(round) = packet.contest.round(&packet.round) else {
        return actions;
    };
    let criteria = &round.criteria;
    let entry = |id: &str| packet.sheet.entry(id);
    let statuses = view.statuses(doc.generation, packet, criteria).to_vec();
    let done = statuses
        .iter()
        .filter(|p| matches!(p, Progress::Complete | Progress::Recused))
        .count();
    if view
        .selected
        .as_ref()
        .is_none_or(|s| packet.submissions.iter().all(|x| &x.id != s))
    {
        view.selected = packet.submissions.first().map(|s| s.id.clone());
    }

    // Conflicts of interest the organizers' rules will find (a recusal is shown on its own).
    let conflicts = crate::scoring::conflicts::ConflictIndex::new(&packet.contest);
    let judge_org = conflicts.judge_key(&packet.judge);
    let conflict_of = |s: &crate::model::Submission| {
        conflicts.find(
            &packet.judge,
            &judge_org,
            &s.id,
            &crate::scoring::conflicts::organization_key(&s.organization),
            None,
        )
    };

    egui::Panel::left("scoring-list")
        .resizable(true)
        .default_size(330.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                super::heading(ui, T::NavScoring.get(lang));
                ui.label(
                    RichText::new(format!(
                        "{} {done}/{}",
                        T::MyProgress.get(lang),
                        packet.submissions.len()
                    ))
                    .strong(),
                );
            });
            ui.add(
                egui::ProgressBar::new(done as f32 / packet.submissions.len().max(1) as f32)
                    .text(format!("{done}/{}", packet.submissions.len())),
            );
            // Only the rows in view are laid out, so a long list stays fast.
            let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
            egui::ScrollArea::vertical().show_rows(ui, row_height, packet.submissions.len(), |ui, rows| {
                for i in rows {
                    let s = &packet.submissions[i];
                    let selected = view.selected.as_deref() == Some(&s.id);
                    // The status before the title, so a long title never hides it.
                    let status = match (statuses[i], conflict_of(s)) {
                        (Progress::Recused, _) | (_, None) => progress_text(statuses[i], lang),
                        (_, Some(_)) => T::StatusConflict.get(lang),
                    };
                    let label = format!("{} · {status} · {}", s.id, s.title);
                    let button = egui::Button::selectable(selected, label)
                        .truncate()
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    // Chosen with the mouse or Enter: the cursor goes to its first score.
                    if ui.add(button).clicked() {
                        view.selected = Some(s.id.clone());
                        view.focus = Some(0);
                    }
                }
            });
        });

    let Some(selected) = view.selected.clone() else {
        return actions;
    };
    let Some(submission) = packet.submissions.iter().find(|s| s.id == selected) else {
        return actions;
    };
    let current = entry(&selected);
    refill(view, &selected, doc.generation, current, criteria, lang);
    let recused = current.and_then(|e| e.recusal.clone());

    // Below the sheet, always in view whatever the window's height: the total, what is not saved,
    // and the buttons (wrapping when the window is narrow).
    egui::Panel::bottom("scoring-actions").show(ui, |ui| {
        ui.add_space(4.0);
        let (total, maximum) = totals(criteria, view, current);
        ui.label(
            RichText::new(format!(
                "{}: {} / {}",
                T::Total.get(lang),
                text::points(total, lang),
                text::points(maximum, lang)
            ))
            .size(18.0)
            .strong(),
        );
        if !view.refused.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new(unsaved_fields(view, packet, lang)).color(ui.visuals().error_fg_color),
                )
                .wrap(),
            );
        }
        ui.horizontal_wrapped(|ui| {
            if recused.is_none() && ui.button(T::Recuse.get(lang)).clicked() {
                view.recusing = Some(String::new());
            }
            if ui.button(T::NextUnscored.get(lang)).clicked() {
                next_unscored(packet, view, criteria);
            }
            if ui.button(T::HandIn.get(lang)).clicked() {
                actions.push(Action::HandIn);
            }
        });
        folder_line(ui, packet, view.published.as_ref(), lang, &mut actions);
        ui.add_space(4.0);
    });

    egui::CentralPanel::default_margins().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| {
                super::heading(ui, &format!("{} — {}", submission.id, submission.title));
                ui.label(RichText::new(&submission.organization).weak());
                if !submission.description.is_empty() {
                    ui.add(egui::Label::new(&submission.description).wrap());
                }
                ui.add_space(8.0);
                if recused.is_none()
                    && let Some(kind) = conflict_of(submission)
                {
                    super::notice(
                        ui,
                        &format!(
                            "{}. {}",
                            text::do_not_score(&kind, lang),
                            T::ConflictAdvice.get(lang)
                        ),
                    );
                }
                if let Some(reason) = &recused {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("{} {reason}", T::RecusedBecause.get(lang)),
                        );
                        if ui.button(T::Unrecuse.get(lang)).clicked() {
                            actions.push(recusal(packet, &selected, None));
                        }
                    });
                }
                sheet(
                    ui,
                    packet,
                    &selected,
                    criteria,
                    view,
                    recused.is_none(),
                    lang,
                    &mut actions,
                );
            });
    });
    recuse_dialog(ui.ctx(), packet, &selected, view, lang, &mut actions);
    actions
}

/// The total of what is typed — a refused value counts as the score saved for it, which is what
/// would be handed in — and the maximum, in points.
fn totals(criteria: &[Criterion], view: &View, stored: Option<&SheetEntry>) -> (Points, Points) {
    let mut total = 0i128;
    let mut maximum = 0i128;
    for c in criteria {
        maximum += i128::from(c.weight.units()) * i128::from(c.max.units());
        let typed = view.buffers.get(&c.id).map(String::as_str).unwrap_or("");
        let value = crate::scoring::field::read_score(typed, c)
            .unwrap_or_else(|_| stored.and_then(|e| e.scores.get(c.id.as_str())).copied());
        if let Some(v) = value {
            total += i128::from(c.weight.units()) * i128::from(v.units());
        }
    }
    let scale = i128::from(Points::SCALE);
    let as_points = |v: i128| Points::from_units(i64::try_from(v / scale).unwrap_or(i64::MAX));
    (as_points(total), as_points(maximum))
}

/// The fields whose typed value was refused, in words: "2 ô chưa lưu: DA20 «Tính mới…» (21); …".
pub fn unsaved_fields(view: &View, packet: &JudgePacket, lang: Lang) -> String {
    let criteria = packet
        .contest
        .round(&packet.round)
        .map_or(&[][..], |r| r.criteria.as_slice());
    let list: Vec<String> = view
        .refused
        .iter()
        .map(|((submission, criterion), (typed, _))| {
            let name = criteria
                .iter()
                .find(|c| &c.id == criterion)
                .map_or(criterion.as_str(), |c| c.name.as_str());
            format!("{submission} «{name}» ({typed})")
        })
        .collect();
    format!(
        "{} {}: {}",
        text::count(list.len() as u64, lang),
        T::UnsavedFields.get(lang),
        list.join("; ")
    )
}

/// Fills the fields from the sheet when the selection or the document changed, keeping any field
/// whose text was refused (so the judge can fix what they typed).
fn refill(
    view: &mut View,
    selected: &str,
    generation: u64,
    entry: Option<&SheetEntry>,
    criteria: &[Criterion],
    lang: Lang,
) {
    let key = (selected.to_string(), generation);
    if view.filled.as_ref() == Some(&key) {
        return;
    }
    for c in criteria {
        let shown = match view.refused.get(&(selected.to_string(), c.id.clone())) {
            Some((typed, _)) => typed.clone(),
            None => entry
                .and_then(|e| e.scores.get(c.id.as_str()))
                .map(|p| text::points(*p, lang))
                .unwrap_or_default(),
        };
        view.buffers.insert(c.id.clone(), shown);
    }
    view.comment = entry.map(|e| e.comment.clone()).unwrap_or_default();
    view.filled = Some(key);
}

/// Selects the next project not yet fully scored, its first score focused; false if there is none.
fn next_unscored(packet: &JudgePacket, view: &mut View, criteria: &[Criterion]) -> bool {
    let ids: Vec<&str> = packet.submissions.iter().map(|s| s.id.as_str()).collect();
    let start = view
        .selected
        .as_deref()
        .and_then(|s| ids.iter().position(|x| *x == s))
        .map_or(0, |i| i + 1);
    let next = (0..ids.len()).map(|k| ids[(start + k) % ids.len()]).find(|id| {
        matches!(
            progress(packet.sheet.entry(id), criteria),
            Progress::NotStarted | Progress::Partial
        )
    });
    if let Some(id) = next {
        view.selected = Some(id.to_string());
        view.focus = Some(0);
    }
    next.is_some()
}

fn recusal(packet: &JudgePacket, submission: &str, reason: Option<String>) -> Action {
    Action::Edit(Edit::Recusal {
        round: packet.sheet.round.clone(),
        judge: packet.sheet.judge.clone(),
        submission: submission.to_string(),
        reason,
    })
}

#[allow(clippy::too_many_arguments)]
fn sheet(
    ui: &mut egui::Ui,
    packet: &JudgePacket,
    selected: &str,
    criteria: &[Criterion],
    view: &mut View,
    enabled: bool,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let stored = packet.sheet.entry(selected);
    let last = criteria.len().saturating_sub(1);
    let mut move_on = false;
    for (i, c) in criteria.iter().enumerate() {
        egui::Frame::group(ui.style()).inner_margin(8.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let key = (selected.to_string(), c.id.clone());
            let buffer = view.buffers.entry(c.id.clone()).or_default();
            let focus_here = view.focus == Some(i);
            let id = egui::Id::unique(("score-field", i));
            // Whether it had the focus as this frame's keys came: only then can they have left it.
            let had_focus = ui.memory(|m| m.has_focus(id));
            let field = ui
                .horizontal_wrapped(|ui| {
                    let name = ui
                        .scope(|ui| {
                            // A column of its own, so the fields line up under each other.
                            ui.set_width(320.0_f32.min(ui.available_width() * 0.5));
                            ui.add(egui::Label::new(RichText::new(&c.name).strong().size(15.0)).wrap())
                        })
                        .inner;
                    let output = ui
                        .add_enabled_ui(enabled, |ui| {
                            egui::TextEdit::singleline(buffer)
                                .id(id)
                                .desired_width(72.0)
                                .hint_text(format!("0–{}", text::points(c.max, lang)))
                                .show(ui)
                        })
                        .inner;
                    // Focused by Enter (our request) or Tab (egui moves it as this field is laid out),
                    // not by the pointer: its text is selected, so what is typed next replaces it.
                    let by_pointer = ui.input(|inp| inp.pointer.any_pressed() || inp.pointer.any_released());
                    let reached = output.response.gained_focus() && !by_pointer;
                    if focus_here {
                        output.response.request_focus();
                    }
                    if focus_here || reached {
                        let mut state = output.state.clone();
                        state
                            .cursor
                            .set_char_range(Some(egui::text::CCursorRange::select_all_str(buffer)));
                        state.store(ui.ctx(), output.response.id);
                    }
                    ui.label(format!("/ {}", text::points(c.max, lang)));
                    if c.weight != Points::from_int(1) {
                        ui.label(format!("× {}", text::points(c.weight, lang)));
                    }
                    let history = crate::store::audit::score_history(
                        &packet.audit,
                        &packet.sheet.round,
                        &packet.sheet.judge,
                        selected,
                        &c.id,
                    );
                    let field = output.response.response.clone().labelled_by(name.id);
                    if history.is_empty() {
                        field
                    } else {
                        field.on_hover_text(
                            history
                                .iter()
                                .map(|e| text::history_line(e, lang))
                                .collect::<Vec<_>>()
                                .join("\n"),
                        )
                    }
                })
                .inner;
            if focus_here {
                view.focus = None;
            }
            // Read after the field took this frame's keys: typing and Enter often arrive together.
            let typed = read_score(buffer, c, lang);
            // Under the field, wrapped, so a long message never widens the sheet.
            if let Err(message) = &typed {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("{message} — {}", T::NotSaved.get(lang)))
                            .color(ui.visuals().error_fg_color),
                    )
                    .wrap(),
                );
            }
            ui.add(egui::Label::new(RichText::new(rubric_for(c, buffer, lang)).weak()).wrap());
            let key_now = ui.input(|inp| [Key::Enter, Key::Tab].into_iter().find(|k| inp.key_pressed(*k)));
            if had_focus && let Some(k) = key_now {
                view.left_by = Some((i, k));
            }
            if field.lost_focus() {
                // The key it was left with: egui reports the focus lost in the frame of the key
                // (Enter) or in the next one (Tab).
                let left_with = view.left_by.filter(|(f, _)| *f == i).map(|(_, k)| k);
                if left_with.is_some() {
                    view.left_by = None;
                }
                let (enter, tab) = (left_with == Some(Key::Enter), left_with == Some(Key::Tab));
                match typed {
                    Ok(value) => {
                        if view.refused.remove(&key).is_some() {
                            ui.ctx().request_repaint();
                        }
                        if stored.and_then(|e| e.scores.get(c.id.as_str())).copied() != value {
                            actions.push(Action::Edit(Edit::Score {
                                round: packet.sheet.round.clone(),
                                judge: packet.sheet.judge.clone(),
                                submission: selected.to_string(),
                                criterion: c.id.clone(),
                                value,
                            }));
                        }
                        if (enter || tab) && i == last {
                            move_on = true;
                        } else if enter {
                            // Tab has moved the focus on already; Enter moves it here.
                            view.focus = Some(i + 1);
                        }
                    }
                    Err(message) => {
                        // Left with Enter or Tab: stay here to put it right — once; the same value
                        // left again lets the person move on (it stays listed as not saved).
                        let again = view.refused.get(&key).is_some_and(|(t, _)| t == buffer);
                        view.refused.insert(key, (buffer.clone(), message));
                        if (enter || tab) && !again {
                            view.focus = Some(i);
                        }
                        // The list of fields not saved under the total changes the panel's height.
                        ui.ctx().request_repaint();
                    }
                }
            }
        });
    }
    ui.add_space(6.0);
    let label = ui.label(T::Comment.get(lang));
    let comment = ui.add_enabled(
        enabled,
        egui::TextEdit::multiline(&mut view.comment)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    let comment = comment.labelled_by(label.id);
    if comment.lost_focus() && stored.map(|e| e.comment.as_str()).unwrap_or("") != view.comment {
        actions.push(Action::Edit(Edit::Comment {
            round: packet.sheet.round.clone(),
            judge: packet.sheet.judge.clone(),
            submission: selected.to_string(),
            text: view.comment.clone(),
        }));
    }
    if move_on {
        // Count the score just committed when looking for what is still to score.
        let mut after = packet.clone();
        for a in actions.iter() {
            if let Action::Edit(Edit::Score {
                criterion,
                value: Some(v),
                submission,
                ..
            }) = a
                && let Some(e) = after
                    .sheet
                    .entries
                    .iter_mut()
                    .find(|e| &e.submission == submission)
            {
                e.scores.insert(criterion.as_str().into(), *v);
            }
        }
        if !next_unscored(&after, view, criteria) {
            // Everything is scored: on to the next project in the list, to check or change it.
            next_in_order(&after, view);
        }
    }
}

/// The project after the selected one in the list (the first after the last), its first score
/// focused.
fn next_in_order(packet: &JudgePacket, view: &mut View) {
    let ids: Vec<&str> = packet.submissions.iter().map(|s| s.id.as_str()).collect();
    let at = view
        .selected
        .as_deref()
        .and_then(|s| ids.iter().position(|x| *x == s))
        .map_or(0, |i| (i + 1) % ids.len().max(1));
    if let Some(id) = ids.get(at) {
        view.selected = Some(id.to_string());
        view.focus = Some(0);
    }
}

/// The rubric band the typed value falls in, or every band.
fn rubric_for(c: &Criterion, typed: &str, lang: Lang) -> String {
    let value = Points::parse(typed).ok();
    let band = value.and_then(|v| c.rubric.iter().find(|r| r.from <= v && v <= r.to));
    match band {
        Some(r) => text::rubric_band(r, lang),
        None => text::rubric(c, lang),
    }
}

fn recuse_dialog(
    ctx: &egui::Context,
    packet: &JudgePacket,
    selected: &str,
    view: &mut View,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let Some(reason) = view.recusing.as_mut() else {
        return;
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("recuse")).show(ctx, |ui| {
        ui.set_width(480.0);
        super::heading(ui, T::RecuseTitle.get(lang));
        // Which project, and what recusing does.
        let title = packet
            .submissions
            .iter()
            .find(|s| s.id == selected)
            .map_or(String::new(), |s| s.title.clone());
        ui.label(RichText::new(format!("{selected} — {title}")).strong());
        ui.add(egui::Label::new(T::RecuseMeans.get(lang)).wrap());
        let field = super::labelled_field(ui, T::Reason.get(lang), reason, "", 440.0);
        // Typed into at once.
        if reason.is_empty() && !field.has_focus() {
            field.request_focus();
        }
        ui.horizontal(|ui| {
            let ok = !reason.trim().is_empty();
            if ui
                .add_enabled(ok, egui::Button::new(T::Confirm.get(lang)))
                .clicked()
            {
                actions.push(recusal(packet, selected, Some(reason.trim().to_string())));
                close = true;
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                close = true;
            }
        });
    });
    if close {
        view.recusing = None;
    }
}
