//! The contest set-up: information, rounds with their criteria (and the live maximum total), the
//! tie-break chain, award tiers and scope, rules, categories and judges. Organizers edit a draft;
//! each finished change is checked and sent as one edit (audited field by field, undoable). A value
//! that cannot be used stays in its field with the reason beside it. Others see it all, disabled.

use std::collections::HashMap;

use egui::RichText;

use super::super::i18n::T;
use super::super::{Action, Document, Edit};
use crate::model::{
    Category, Contest, Criterion, Divergence, DivergenceAction, Judge, Method, Points, Scope, Session, Tier,
    Vacancy,
};
use crate::store::{Location, Problem};
use crate::text::{self, Lang};

#[derive(Default)]
pub struct View {
    /// The contest being edited and the document generation it was copied from.
    draft: Option<(u64, Contest)>,
    /// What is typed in number fields, by field key.
    buffers: HashMap<String, String>,
    /// Why a typed value was refused, by field key.
    errors: HashMap<String, String>,
    /// Why the last finished change was not applied.
    problems: Vec<Problem>,
}

impl View {
    /// The language changed: number fields are filled again, but for one whose value was refused.
    pub fn relang(&mut self) {
        let errors = &self.errors;
        self.buffers.retain(|key, _| errors.contains_key(key));
    }
}

/// The state one frame of the form works with.
struct Form<'a> {
    enabled: bool,
    lang: Lang,
    buffers: &'a mut HashMap<String, String>,
    errors: &'a mut HashMap<String, String>,
    changed: bool,
    /// A round to remove once the form is drawn.
    remove_round: Option<usize>,
}

impl Form<'_> {
    /// A text field; a finished edit marks the form changed.
    fn text(&mut self, ui: &mut egui::Ui, label: &str, value: &mut String, width: f32) {
        let l = super::field_label(ui, label);
        let r = ui
            .add_enabled(
                self.enabled,
                egui::TextEdit::singleline(value).desired_width(width),
            )
            .labelled_by(l.id);
        self.changed |= r.lost_focus();
    }

    /// A list typed as words separated by commas ("logistics, du lịch"); a finished edit marks the
    /// form changed. What is typed stays in `buffers` under `key` while the field is being written.
    fn list(
        &mut self,
        ui: &mut egui::Ui,
        key: &str,
        label: &str,
        value: &mut Vec<String>,
        (hover, known): (&str, &[String]),
    ) {
        let buffer = self
            .buffers
            .entry(key.to_string())
            .or_insert_with(|| value.join(", "));
        let l = super::field_label(ui, label);
        let r = ui
            .add_enabled(
                self.enabled,
                egui::TextEdit::singleline(buffer).desired_width(200.0),
            )
            .labelled_by(l.id)
            .on_hover_text(hover);
        if r.lost_focus() {
            let typed = split_fields(buffer, known);
            if typed != *value {
                *value = typed;
                self.changed = true;
            }
        }
    }

    /// A number of points, typed "8,5" or "8.5"; empty is allowed when `optional`.
    fn points(
        &mut self,
        ui: &mut egui::Ui,
        key: &str,
        label: &str,
        value: &mut Option<Points>,
        optional: bool,
    ) {
        let lang = self.lang;
        let buffer = self
            .buffers
            .entry(key.to_string())
            .or_insert_with(|| value.map(|p| text::points(p, lang)).unwrap_or_default());
        let l = super::field_label(ui, label);
        let r = ui
            .add_enabled(
                self.enabled,
                egui::TextEdit::singleline(buffer).desired_width(56.0),
            )
            .labelled_by(l.id);
        if r.lost_focus() {
            let typed = buffer.trim();
            if typed.is_empty() && optional {
                *value = None;
                self.errors.remove(key);
                self.changed = true;
            } else {
                match Points::parse(typed) {
                    Ok(p) if p.decimals_used() <= 2 => {
                        *value = Some(p);
                        self.errors.remove(key);
                        self.changed = true;
                    }
                    _ => {
                        self.errors
                            .insert(key.to_string(), T::NotANumber.get(lang).to_string());
                    }
                }
            }
        }
        if let Some(e) = self.errors.get(key) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }

    fn required(&mut self, ui: &mut egui::Ui, key: &str, label: &str, value: &mut Points) {
        let mut v = Some(*value);
        self.points(ui, key, label, &mut v, false);
        if let Some(v) = v {
            *value = v;
        }
    }

    fn count<N: egui::emath::Numeric>(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        value: &mut N,
        range: std::ops::RangeInclusive<N>,
    ) {
        let l = super::field_label(ui, label);
        let r = ui
            .add_enabled(self.enabled, egui::DragValue::new(value).range(range))
            .labelled_by(l.id);
        self.changed |= r.changed();
    }

    fn button(&mut self, ui: &mut egui::Ui, label: &str, allowed: bool) -> bool {
        self.button_for(ui, label, "", allowed)
    }

    /// A short button ("Xóa") that says what it is for (`about`, "Xóa — PGS.TS. Nguyễn Văn Hải") when
    /// hovered and to screen readers.
    fn button_for(&mut self, ui: &mut egui::Ui, label: &str, about: &str, allowed: bool) -> bool {
        let enabled = self.enabled && allowed;
        let r = ui.add_enabled(enabled, egui::Button::new(label));
        let r = if about.is_empty() {
            r
        } else {
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, about));
            r.on_hover_text(about)
        };
        let r = if allowed {
            r
        } else {
            r.on_disabled_hover_text(T::InUse.get(self.lang))
        };
        let clicked = r.clicked();
        self.changed |= clicked;
        clicked
    }
}

/// The problems of the draft about one place (a criterion, a tier…), in words.
/// A problem of the draft, worded with the contest's names, and the place it is about.
struct Shown {
    at: Option<Location>,
    words: String,
}

fn worded(problems: &[Problem], names: &text::Names, lang: Lang) -> Vec<Shown> {
    problems
        .iter()
        .map(|p| Shown {
            at: p.at.last().cloned(),
            words: text::problem_named(p, Some(names), lang),
        })
        .collect()
}

/// The problems of the draft about one place (a criterion, a tier…), beside it.
fn show_problems(ui: &mut egui::Ui, problems: &[Shown], at: &Location) {
    for p in problems.iter().filter(|p| p.at.as_ref() == Some(at)) {
        ui.colored_label(ui.visuals().error_fg_color, &p.words);
    }
}

fn fresh_id(prefix: &str, taken: impl Iterator<Item = String>) -> String {
    let taken: Vec<String> = taken.collect();
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    let current = doc.contest();
    if view.draft.as_ref().is_none_or(|(g, _)| *g != doc.generation) {
        view.draft = Some((doc.generation, current.clone()));
        view.buffers.clear();
        view.errors.clear();
        view.problems.clear();
    }
    let Some((_, draft)) = view.draft.as_mut() else {
        return actions;
    };
    let session = doc.session();
    let mut form = Form {
        enabled: doc.editable(),
        lang,
        buffers: &mut view.buffers,
        errors: &mut view.errors,
        changed: false,
        remove_round: None,
    };
    let names = match session {
        Some(s) => text::Names::of(s),
        None => text::Names::of_contest(current),
    };
    let problems = worded(&view.problems, &names, lang);

    let why_locked = if doc.sealed().is_some() {
        Some(T::ContestSealed)
    } else if doc.read_only {
        Some(T::ContestReadOnly)
    } else if doc.role() == super::super::Role::Judge {
        Some(T::ContestJudge)
    } else {
        None
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        super::heading(ui, &draft.name);
        // Why nothing here can be changed, and what to do about it.
        if let Some(why) = why_locked {
            super::notice(ui, why.get(lang));
        }
        if !problems.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                RichText::new(T::NotApplied.get(lang)).strong(),
            );
            for p in &problems {
                ui.colored_label(ui.visuals().error_fg_color, format!("• {}", p.words));
            }
        }
        egui::CollapsingHeader::new(T::Info.get(lang))
            .default_open(true)
            .show(ui, |ui| info(ui, &mut form, draft));
        for ri in 0..draft.rounds.len() {
            round(ui, &mut form, draft, ri, session, &problems);
        }
        if let Some(ri) = form.remove_round.take() {
            draft.rounds.remove(ri);
            if let Some(last) = draft.rounds.last_mut() {
                last.advancement = None;
            }
        }
        if form.button(ui, T::AddRound.get(lang), true) {
            add_round(draft);
        }
        egui::CollapsingHeader::new(T::Tiers.get(lang))
            .default_open(true)
            .show(ui, |ui| tiers(ui, &mut form, draft, session, &problems));
        egui::CollapsingHeader::new(T::Rules.get(lang))
            .default_open(true)
            .show(ui, |ui| rules(ui, &mut form, draft));
        egui::CollapsingHeader::new(T::Categories.get(lang))
            .default_open(false)
            .show(ui, |ui| categories(ui, &mut form, draft, session));
        egui::CollapsingHeader::new(T::Judges.get(lang))
            .default_open(true)
            .show(ui, |ui| judges(ui, &mut form, draft, session, &problems));
    });

    if form.changed && draft != current {
        let found = super::super::actions::check_contest(doc, draft);
        if found.is_empty() {
            actions.push(Action::Edit(Edit::Contest(Box::new(draft.clone()))));
        }
        view.problems = found;
    }
    actions
}

fn info(ui: &mut egui::Ui, form: &mut Form, c: &mut Contest) {
    let lang = form.lang;
    egui::Grid::new("contest-info")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            form.text(ui, T::ContestName.get(lang), &mut c.name, 520.0);
            ui.end_row();
            form.text(ui, T::Organizer.get(lang), &mut c.organizer, 520.0);
            ui.end_row();
            form.text(ui, T::Place.get(lang), &mut c.place, 300.0);
            ui.end_row();
            let mut date = c.date.map(|d| text::date(d, lang)).unwrap_or_default();
            let before = date.clone();
            form.text(ui, T::Date.get(lang), &mut date, 120.0);
            if date != before {
                c.date = parse_date(&date).or(c.date);
            }
            ui.end_row();
            form.count(ui, T::Decimals.get(lang), &mut c.decimals, 0..=4);
            ui.end_row();
        });
}

/// "24/11/2023" or "2023-11-24".
fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(d) = s.parse() {
        return Some(d);
    }
    let parts: Vec<i32> = s.split('/').filter_map(|p| p.trim().parse().ok()).collect();
    match parts[..] {
        [d, m, y] => jiff::civil::Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok(),
        _ => None,
    }
}

/// A new last round, like the current last one (criteria and judges) but with no sheets; the round
/// before it now needs an advancement rule, which starts at the top 10.
fn add_round(c: &mut Contest) {
    let Some(previous) = c.rounds.last_mut() else {
        return;
    };
    previous.advancement.get_or_insert(crate::model::Advancement {
        top_n: 10,
        min_score: None,
        scope: Scope::Overall,
    });
    let mut round = previous.clone();
    round.advancement = None;
    round.assignments.clear();
    round.id = fresh_id("vong", c.rounds.iter().map(|r| r.id.clone()));
    round.name = format!("{} {}", T::Round.get(Lang::Vi), c.rounds.len() + 1);
    c.rounds.push(round);
}

fn criterion_in_use(session: Option<&Session>, round: &str, criterion: &str) -> bool {
    session.is_some_and(|s| {
        s.scoresheets
            .iter()
            .filter(|sh| sh.round == round)
            .flat_map(|sh| &sh.entries)
            .any(|e| e.scores.contains_key(criterion))
    })
}

fn round(
    ui: &mut egui::Ui,
    form: &mut Form,
    c: &mut Contest,
    ri: usize,
    session: Option<&Session>,
    problems: &[Shown],
) {
    let lang = form.lang;
    let max_total = c.rounds[ri].maximum_total();
    let title = format!(
        "{} {} — {} {}",
        T::Round.get(lang),
        c.rounds[ri].name,
        T::MaximumTotal.get(lang),
        text::points(max_total, lang)
    );
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(("round", ri))
        .default_open(true)
        .show(ui, |ui| {
            let round = &mut c.rounds[ri];
            show_problems(ui, problems, &Location::Round(round.id.clone()));
            let mut remove = None;
            for (ci, cr) in round.criteria.iter_mut().enumerate() {
                let key = |f: &str| format!("r{ri}.c{ci}.{f}");
                egui::Frame::group(ui.style()).inner_margin(6.0).show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        form.text(ui, T::Criterion.get(lang), &mut cr.name, 260.0);
                        form.required(ui, &key("max"), T::Max.get(lang), &mut cr.max);
                        form.required(ui, &key("step"), T::Step.get(lang), &mut cr.step);
                        form.required(ui, &key("weight"), T::Weight.get(lang), &mut cr.weight);
                        // Criterion means are of weight × score: the minimum is on that scale.
                        let scale = cr
                            .weighted_max()
                            .map_or_else(String::new, |m| text::points(m, lang));
                        let label = format!("{} (0–{scale})", T::WeightedMinimum.get(lang));
                        form.points(ui, &key("min"), &label, &mut cr.min, true);
                        let in_use = criterion_in_use(session, &round.id, &cr.id);
                        let about = format!("{} — {}", T::Remove.get(lang), cr.name);
                        if form.button_for(ui, T::Remove.get(lang), &about, !in_use) {
                            remove = Some(ci);
                        }
                    });
                    form.text(ui, T::Description.get(lang), &mut cr.description, 640.0);
                    rubric(ui, form, cr, &key("rubric"));
                    show_problems(ui, problems, &Location::Criterion(cr.id.clone()));
                });
            }
            if let Some(ci) = remove {
                let id = round.criteria.remove(ci).id;
                if let Some(chain) = round.tie_break.as_mut() {
                    chain.retain(|x| x != &id);
                }
            }
            if form.button(ui, T::AddCriterion.get(lang), true) {
                let id = fresh_id("tc", round.criteria.iter().map(|c| c.id.clone()));
                let number = round.criteria.len() + 1;
                round.criteria.push(Criterion {
                    id: id.clone(),
                    name: format!("{} {number}", T::Criterion.get(lang)),
                    description: String::new(),
                    rubric: Vec::new(),
                    max: Points::from_int(10),
                    step: crate::model::default_step(),
                    weight: crate::model::default_weight(),
                    min: None,
                });
                if let Some(chain) = round.tie_break.as_mut() {
                    chain.push(id);
                }
            }
            ui.add_space(6.0);
            ui.label(RichText::new(T::TieBreak.get(lang)).strong());
            let mut chain = round.tie_break_chain();
            let mut moved = false;
            for i in 0..chain.len() {
                ui.horizontal(|ui| {
                    let name = round
                        .criterion(&chain[i])
                        .map_or(chain[i].clone(), |c| c.name.clone());
                    ui.label(format!("{}. {name}", i + 1));
                    let up = format!("{} — {name}", T::MoveUp.get(lang));
                    if form.button_for(ui, T::MoveUp.get(lang), &up, i > 0) {
                        chain.swap(i, i - 1);
                        moved = true;
                    }
                    let down = format!("{} — {name}", T::MoveDown.get(lang));
                    if form.button_for(ui, T::MoveDown.get(lang), &down, i + 1 < chain.len()) {
                        chain.swap(i, i + 1);
                        moved = true;
                    }
                });
            }
            if moved {
                round.tie_break = Some(chain);
            }
        });
}

/// The rubric levels of a criterion: score band and the text judges see.
fn rubric(ui: &mut egui::Ui, form: &mut Form, cr: &mut Criterion, key: &str) {
    let lang = form.lang;
    let mut remove = None;
    for (li, level) in cr.rubric.iter_mut().enumerate() {
        // Wraps in a narrow window, so that "Remove level" stays in reach.
        ui.horizontal_wrapped(|ui| {
            form.required(
                ui,
                &format!("{key}.{li}.from"),
                T::FromPoints.get(lang),
                &mut level.from,
            );
            form.required(
                ui,
                &format!("{key}.{li}.to"),
                T::ToPoints.get(lang),
                &mut level.to,
            );
            form.text(ui, T::Text.get(lang), &mut level.text, 420.0);
            let label = format!("{} {}", T::RemoveLevel.get(lang), li + 1);
            if form.button_for(ui, &label, &format!("{label} — {}", cr.name), true) {
                remove = Some(li);
            }
        });
    }
    if let Some(li) = remove {
        cr.rubric.remove(li);
    }
    let about = format!("{} — {}", T::AddLevel.get(lang), cr.name);
    if form.button_for(ui, T::AddLevel.get(lang), &about, true) {
        let from = cr.rubric.last().map_or(Points::ZERO, |l| {
            Points::from_units(l.to.units() + cr.step.units())
        });
        cr.rubric.push(crate::model::RubricLevel {
            from,
            to: cr.max,
            text: String::new(),
        });
    }
}

fn tiers(ui: &mut egui::Ui, form: &mut Form, c: &mut Contest, session: Option<&Session>, problems: &[Shown]) {
    let lang = form.lang;
    ui.horizontal(|ui| {
        for (scope, key) in [
            (Scope::Overall, T::ScopeOverall),
            (Scope::PerCategory, T::ScopePerCategory),
        ] {
            if ui
                .add_enabled(
                    form.enabled,
                    egui::RadioButton::new(c.awards.scope == scope, key.get(lang)),
                )
                .clicked()
            {
                c.awards.scope = scope;
                form.changed = true;
            }
        }
    });
    let mut remove = None;
    for (ti, tier) in c.awards.tiers.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            form.text(ui, T::Award.get(lang), &mut tier.name, 140.0);
            form.count(ui, T::Count.get(lang), &mut tier.count, 0..=999);
            form.points(
                ui,
                &format!("t{ti}.min"),
                T::MinScore.get(lang),
                &mut tier.min_score,
                true,
            );
            let mut prize = tier.prize_vnd.unwrap_or(0);
            let l = ui.label(T::Prize.get(lang));
            let r = ui
                .add_enabled(
                    form.enabled,
                    egui::DragValue::new(&mut prize)
                        .speed(100_000.0)
                        .range(0..=u64::MAX)
                        // 50.000.000 đ / 50,000,000 VND, and typed either way.
                        .custom_formatter(move |v, _| text::vnd(v.max(0.0) as u64, lang))
                        .custom_parser(|typed| {
                            let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
                            digits.parse::<f64>().ok()
                        }),
                )
                .labelled_by(l.id);
            if r.changed() {
                tier.prize_vnd = (prize > 0).then_some(prize);
                form.changed = true;
            }
            let in_use = session.is_some_and(|s| {
                s.decisions
                    .iter()
                    .any(|d| d.target == crate::model::TieTarget::Tier(tier.id.clone()))
            });
            if form.button(ui, &format!("{} {}", T::Remove.get(lang), tier.name), !in_use) {
                remove = Some(ti);
            }
        });
        show_problems(ui, problems, &Location::Tier(tier.id.clone()));
    }
    if let Some(ti) = remove {
        c.awards.tiers.remove(ti);
    }
    if form.button(ui, T::AddTier.get(lang), true) {
        let id = fresh_id("giai", c.awards.tiers.iter().map(|t| t.id.clone()));
        c.awards.tiers.push(Tier {
            id,
            name: T::Award.get(lang).to_string(),
            count: 1,
            min_score: None,
            prize_vnd: None,
        });
    }
    if c.awards.scope == Scope::PerCategory && !c.categories.is_empty() {
        ui.label(RichText::new(T::CategoryCounts.get(lang)).strong());
        egui::Grid::new("category-counts").striped(true).show(ui, |ui| {
            ui.label("");
            for t in &c.awards.tiers {
                ui.strong(&t.name);
            }
            ui.end_row();
            for cat in &c.categories {
                ui.label(&cat.name);
                for t in &c.awards.tiers {
                    let mut n = c.awards.count_for(t, Some(&cat.id));
                    let r = ui
                        .add_enabled(form.enabled, egui::DragValue::new(&mut n).range(0..=999))
                        .on_hover_text(format!("{} — {}", cat.name, t.name));
                    if r.changed() {
                        c.awards
                            .category_counts
                            .entry(cat.id.clone())
                            .or_default()
                            .insert(t.id.clone(), n);
                        form.changed = true;
                    }
                }
                ui.end_row();
            }
        });
    }
}

fn rules(ui: &mut egui::Ui, form: &mut Form, c: &mut Contest) {
    let lang = form.lang;
    let r = &mut c.rules;
    ui.horizontal(|ui| {
        let l = ui.label(T::Method.get(lang));
        egui::ComboBox::from_id_salt("rules-method")
            .selected_text(super::method_name(r.method, lang))
            .show_ui(ui, |ui| {
                for m in super::METHODS {
                    let same = std::mem::discriminant(&m) == std::mem::discriminant(&r.method);
                    if ui
                        .add_enabled(
                            form.enabled,
                            egui::Button::selectable(same, super::method_name(m, lang)),
                        )
                        .clicked()
                        && !same
                    {
                        r.method = m;
                        form.changed = true;
                    }
                }
            })
            .response
            .labelled_by(l.id);
        if let Method::TrimmedMean { drop, from } = &mut r.method {
            form.count(ui, T::Drop.get(lang), drop, 1..=10);
            form.count(ui, T::From.get(lang), from, 3..=50);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let mut on = r.divergence.is_some();
        if ui
            .add_enabled(
                form.enabled,
                egui::Checkbox::new(&mut on, T::CheckDivergence.get(lang)),
            )
            .changed()
        {
            r.divergence = on.then(|| Divergence {
                threshold: Points::from_int(15),
                action: DivergenceAction::Flag,
            });
            form.changed = true;
        }
        if let Some(d) = r.divergence.as_mut() {
            form.required(
                ui,
                "divergence.threshold",
                T::Threshold.get(lang),
                &mut d.threshold,
            );
            for (a, key) in [
                (DivergenceAction::Flag, T::ActionFlag),
                (DivergenceAction::Exclude, T::ActionExclude),
            ] {
                if ui
                    .add_enabled(form.enabled, egui::RadioButton::new(d.action == a, key.get(lang)))
                    .clicked()
                {
                    d.action = a;
                    form.changed = true;
                }
            }
        }
    });
    ui.horizontal(|ui| {
        form.count(ui, T::MinJudges.get(lang), &mut r.min_judges, 1..=50);
    });
    ui.horizontal(|ui| {
        for (v, key) in [
            (Vacancy::Vacant, T::VacancyVacant),
            (Vacancy::CascadeDown, T::VacancyCascade),
        ] {
            if ui
                .add_enabled(
                    form.enabled,
                    egui::RadioButton::new(r.vacancy == v, key.get(lang)),
                )
                .clicked()
            {
                r.vacancy = v;
                form.changed = true;
            }
        }
    });
    for line in text::rules(c, lang) {
        ui.label(RichText::new(line).weak());
    }
}

fn categories(ui: &mut egui::Ui, form: &mut Form, c: &mut Contest, session: Option<&Session>) {
    let lang = form.lang;
    let mut remove = None;
    for (i, cat) in c.categories.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            form.text(ui, T::Name.get(lang), &mut cat.name, 320.0);
            let in_use =
                session.is_some_and(|s| s.submissions.iter().any(|x| x.category.as_ref() == Some(&cat.id)));
            let about = format!("{} — {}", T::Remove.get(lang), cat.name);
            if form.button_for(ui, T::Remove.get(lang), &about, !in_use) {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        c.categories.remove(i);
    }
    if form.button(ui, T::AddCategory.get(lang), true) {
        let id = fresh_id("bang", c.categories.iter().map(|x| x.id.clone()));
        c.categories.push(Category {
            id,
            name: T::Category.get(lang).to_string(),
        });
    }
}

/// The submission a declared conflict is about, chosen from the list by id and title.
fn submission_choice(
    ui: &mut egui::Ui,
    form: &mut Form,
    session: Option<&Session>,
    chosen: &mut String,
    salt: (usize, usize),
) {
    let lang = form.lang;
    let subs = session.map_or(&[][..], |s| s.submissions.as_slice());
    let shown = subs
        .iter()
        .find(|s| &s.id == chosen)
        .map_or_else(|| chosen.clone(), |s| format!("{} {}", s.id, s.title));
    let label = ui.label(T::Submission.get(lang));
    ui.add_enabled_ui(form.enabled, |ui| {
        egui::ComboBox::from_id_salt(("conflict-submission", salt))
            .selected_text(shown)
            .width(300.0)
            .truncate()
            .show_ui(ui, |ui| {
                for s in subs {
                    if ui
                        .selectable_label(&s.id == chosen, format!("{} {}", s.id, s.title))
                        .clicked()
                        && &s.id != chosen
                    {
                        *chosen = s.id.clone();
                        form.changed = true;
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// A list of fields as typed: items separated by commas or semicolons, but a name in `known` (a
/// category's, which may hold a comma: "Bảng A — Học sinh, sinh viên") stays whole.
fn split_fields(typed: &str, known: &[String]) -> Vec<String> {
    let mut rest = typed.to_string();
    let mut items: Vec<(usize, String)> = Vec::new();
    let mut names: Vec<&String> = known.iter().filter(|k| k.contains([',', ';'])).collect();
    names.sort_by_key(|k| std::cmp::Reverse(k.len()));
    for name in names {
        while let Some(at) = rest.find(name.as_str()) {
            items.push((at, name.clone()));
            // Blanked out with separators of the same length, so later positions stay true.
            rest.replace_range(at..at + name.len(), &";".repeat(name.len()));
        }
    }
    let mut start = 0;
    for (i, c) in rest.char_indices().chain(std::iter::once((rest.len(), ','))) {
        if c == ',' || c == ';' {
            let item = rest[start..i].trim();
            if !item.is_empty() {
                items.push((start, item.to_string()));
            }
            start = i + c.len_utf8();
        }
    }
    items.sort_by_key(|(at, _)| *at);
    items.into_iter().map(|(_, item)| item).collect()
}

/// Above this many judges, only those in view are drawn.
const MANY_JUDGES: usize = 40;

/// A judge's row before it has been drawn once: two lines of fields and the conflicts' button.
const JUDGE_ROW_HEIGHT: f32 = 96.0;

fn judges(
    ui: &mut egui::Ui,
    form: &mut Form,
    c: &mut Contest,
    session: Option<&Session>,
    problems: &[Shown],
) {
    let lang = form.lang;
    let mut remove = None;
    // A long list (a large contest has hundreds of judges) draws only the judges in view: the
    // others take the height they had when last drawn, so the scroll bar stays true.
    let many = c.judges.len() > MANY_JUDGES;
    let heights_id = egui::Id::unique("contest-judge-heights");
    let mut heights: Vec<f32> = if many {
        ui.data_mut(|d| d.get_temp::<Vec<f32>>(heights_id))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    heights.resize(c.judges.len(), JUDGE_ROW_HEIGHT);
    // Category names, which a list of fields keeps whole.
    let known: Vec<String> = c.categories.iter().map(|x| x.name.clone()).collect();
    for (i, j) in c.judges.iter_mut().enumerate() {
        let top = ui.cursor().min;
        if many {
            let guess = egui::Rect::from_min_size(top, egui::vec2(ui.available_width(), heights[i]));
            if !ui.is_rect_visible(guess) {
                ui.allocate_space(egui::vec2(
                    ui.available_width(),
                    heights[i] - ui.spacing().item_spacing.y,
                ));
                continue;
            }
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&j.id).weak());
            form.text(ui, T::Name.get(lang), &mut j.name, 240.0);
            form.text(ui, T::Organization.get(lang), &mut j.organization, 340.0);
            let in_use = session.is_some_and(|s| {
                s.scoresheets
                    .iter()
                    .any(|sh| sh.judge == j.id && !sh.entries.is_empty())
            });
            let about = format!("{} — {}", T::Remove.get(lang), j.name);
            if form.button_for(ui, T::Remove.get(lang), &about, !in_use) {
                remove = Some(i);
            }
        });
        ui.indent(("fields", i), |ui| {
            ui.horizontal_wrapped(|ui| {
                let words = (T::FieldsHover.get(lang), &known[..]);
                let key = format!("expertise/{}", j.id);
                form.list(ui, &key, T::Expertise.get(lang), &mut j.expertise, words);
                let key = format!("avoid/{}", j.id);
                form.list(ui, &key, T::Avoid.get(lang), &mut j.avoid, words);
            });
        });
        if !j.conflicts.is_empty() || form.enabled {
            ui.indent(("conflicts", i), |ui| {
                let mut drop_conflict = None;
                for (k, conflict) in j.conflicts.iter_mut().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        submission_choice(ui, form, session, &mut conflict.submission, (i, k));
                        form.text(ui, T::Reason.get(lang), &mut conflict.reason, 360.0);
                        let about = format!("{} {} — {}", T::RemoveConflict.get(lang), k + 1, j.name);
                        if form.button_for(ui, T::Remove.get(lang), &about, true) {
                            drop_conflict = Some(k);
                        }
                    });
                }
                if let Some(k) = drop_conflict {
                    j.conflicts.remove(k);
                }
                let about = format!("{} — {}", T::AddConflict.get(lang), j.name);
                if form.button_for(ui, T::AddConflict.get(lang), &about, true) {
                    let first = session
                        .and_then(|s| s.submissions.first())
                        .map(|s| s.id.clone())
                        .unwrap_or_default();
                    j.conflicts.push(crate::model::DeclaredConflict {
                        submission: first,
                        reason: String::new(),
                    });
                }
            });
        }
        show_problems(ui, problems, &Location::Judge(j.id.clone()));
        if many {
            heights[i] = ui.cursor().min.y - top.y;
        }
    }
    if many {
        ui.data_mut(|d| d.insert_temp(heights_id, heights));
    }
    if let Some(i) = remove {
        let id = c.judges.remove(i).id;
        for r in &mut c.rounds {
            r.judges.retain(|x| x != &id);
            r.assignments.retain(|a| a.judge != id);
        }
        c.conflicts.retain(|p| p.judge != id);
    }
    if form.button(ui, T::AddJudge.get(lang), true) {
        let id = fresh_id("gk", c.judges.iter().map(|x| x.id.clone()));
        for r in &mut c.rounds {
            r.judges.push(id.clone());
        }
        c.judges.push(Judge {
            id,
            name: T::Judge.get(lang).to_string(),
            organization: String::new(),
            conflicts: Vec::new(),
            key: None,
            expertise: Vec::new(),
            avoid: Vec::new(),
        });
    }
}
