//! Results: per round and scope, the ranked table — rank, award, score, sheets counted, each judge's
//! total coloured by status, criterion means, flags in words — the provisional banner with the
//! council's decision dialog, and a preview of another method that leaves the saved rules alone
//! unless the organizer applies it.

use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Document, Edit};
use super::{method_name, status_color};
use crate::model::{Decision, Method, Resolution, RoundResult, TieTarget};
use crate::text::{self, Lang, Names};

/// (document generation, method shown, round, scope): what a screen's cached figures were made for.
type ScopeKey = (u64, Method, String, usize);

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
    pub scope: usize,
    /// A method to preview instead of the saved one.
    pub preview: Option<Method>,
    preview_cache: Option<(u64, Method, Vec<RoundResult>)>,
    /// For (generation, method, round, scope): the widths of the id and judges' columns, measured
    /// once rather than over every row each frame.
    widths: Option<(ScopeKey, Widths)>,
    /// For the same: each undecided tie in words with its members' names (naming them looks the
    /// submissions up through an index of the whole contest, not to be made every frame).
    tie_words: Option<(ScopeKey, Lang, Vec<String>)>,
    pub draft: Option<Draft>,
    pub seal: super::seal::View,
}

/// The council's decision being written.
#[derive(Clone, Debug)]
pub struct Draft {
    pub round: String,
    pub category: Option<String>,
    pub target: TieTarget,
    pub members: Vec<String>,
    pub order: Vec<String>,
    pub kind: DraftKind,
    /// Who decided (the council's chair, say): a full name, typed; it is not who records it.
    pub by: String,
    pub reason: String,
    pub missing_reason: bool,
    /// Why the name given for who decided cannot stand on the record.
    pub bad_name: Option<(crate::store::person::NameError, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftKind {
    Order,
    Share,
}

pub fn show(
    doc: &Document,
    view: &mut View,
    user: Option<&str>,
    lang: Lang,
    ui: &mut egui::Ui,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(session) = doc.session() else {
        ui.label(T::ScoringAsOrganizer.get(lang));
        return actions;
    };
    let contest = &session.contest;
    // Submissions named through the positions the document keeps (no index made in a frame).
    let names = doc.names().unwrap_or_else(|| Names::of(session));
    let editable = doc.editable();

    // Which round, and which results (saved rules or a preview).
    let round_id = view
        .round
        .clone()
        .filter(|r| contest.round(r).is_some())
        .or_else(|| contest.rounds.last().map(|r| r.id.clone()))
        .unwrap_or_default();
    let saved = contest.rules.method;
    let method = view.preview.unwrap_or(saved);
    let results: &[RoundResult] = if method == saved {
        &doc.results
    } else {
        let fresh = !matches!(&view.preview_cache, Some((g, m, _)) if *g == doc.generation && *m == method);
        if fresh {
            let mut s = session.clone();
            s.contest.rules.method = method;
            view.preview_cache = Some((doc.generation, method, crate::scoring::compute(&s)));
        }
        view.preview_cache
            .as_ref()
            .map_or(&doc.results[..], |(_, _, r)| &r[..])
    };
    let Some(result) = results.iter().find(|r| r.round == round_id) else {
        return actions;
    };

    // Wraps in a narrow window (a laptop at 150 %) rather than run off it.
    ui.horizontal_wrapped(|ui| {
        super::heading(ui, T::NavResults.get(lang));
        ui.add_space(16.0);
        if contest.rounds.len() > 1 {
            super::round_picker(ui, "round", contest, &round_id, &mut view.round, lang);
        }
        if result.scopes.len() > 1 {
            let label = ui.label(T::Category.get(lang));
            view.scope = view.scope.min(result.scopes.len() - 1);
            let name = |i: usize| {
                result.scopes[i]
                    .category
                    .as_deref()
                    .map(|c| names.category(c))
                    .unwrap_or_else(|| "—".into())
            };
            egui::ComboBox::from_id_salt("scope")
                .selected_text(name(view.scope))
                .show_ui(ui, |ui| {
                    for i in 0..result.scopes.len() {
                        ui.selectable_value(&mut view.scope, i, name(i));
                    }
                })
                .response
                .labelled_by(label.id);
        }
        let label = ui.label(T::PreviewMethod.get(lang));
        egui::ComboBox::from_id_salt("method")
            .selected_text(method_name(method, lang))
            .show_ui(ui, |ui| {
                for m in super::METHODS {
                    let chosen = std::mem::discriminant(&m) == std::mem::discriminant(&method);
                    if ui.selectable_label(chosen, method_name(m, lang)).clicked() {
                        view.preview = (m != saved).then_some(m);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if method != saved {
            ui.colored_label(ui.visuals().warn_fg_color, T::PreviewNote.get(lang));
            if ui
                .add_enabled(editable, egui::Button::new(T::KeepMethod.get(lang)))
                .clicked()
            {
                let mut rules = contest.rules.clone();
                rules.method = method;
                actions.push(Action::Edit(Edit::Rules(rules)));
                view.preview = None;
            }
        }
    });
    ui.label(
        RichText::new(format!(
            "{} · {} {}",
            contest.name,
            T::MaximumTotal.get(lang),
            text::points(result.maximum_total, lang)
        ))
        .weak(),
    );
    actions.extend(super::seal::show(
        doc,
        &mut view.seal,
        result.provisional,
        user,
        lang,
        ui,
    ));

    let scope_index = view.scope.min(result.scopes.len().saturating_sub(1));
    let Some(scope) = result.scopes.get(scope_index) else {
        return actions;
    };
    let key = (doc.generation, method, round_id.clone(), view.scope);
    if result.provisional
        && view
            .tie_words
            .as_ref()
            .is_none_or(|(k, l, _)| *k != key || *l != lang)
    {
        let words = scope
            .ties
            .iter()
            .filter(|t| t.resolution.is_none())
            .map(|tie| {
                let members: Vec<String> = tie.members.iter().map(|m| names.submission(m)).collect();
                let tied = crate::model::Flag::Tied {
                    target: tie.target.clone(),
                    slots: tie.slots,
                    members: tie.members.len() as u32,
                    settled: false,
                };
                format!(
                    "{} — {}",
                    text::flag(&tied, &names, contest.decimals, lang),
                    members.join("; ")
                )
            })
            .collect();
        view.tie_words = Some((key.clone(), lang, words));
    }
    if result.provisional {
        let words = view.tie_words.as_ref().map_or(&[][..], |(_, _, w)| &w[..]);
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(T::Provisional.get(lang))
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
                for (tie, words) in scope.ties.iter().filter(|t| t.resolution.is_none()).zip(words) {
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .add_enabled(editable, egui::Button::new(T::RecordDecision.get(lang)))
                            .clicked()
                        {
                            view.draft = Some(Draft {
                                round: round_id.clone(),
                                category: scope.category.clone(),
                                target: tie.target.clone(),
                                members: tie.members.clone(),
                                order: tie.members.clone(),
                                kind: DraftKind::Order,
                                by: String::new(),
                                reason: String::new(),
                                missing_reason: false,
                                bad_name: None,
                            });
                        }
                        ui.label(words);
                    });
                }
            });
    }
    ui.add_space(4.0);
    legend(ui, lang);
    if view.widths.as_ref().is_none_or(|(k, _)| *k != key) {
        view.widths = Some((key, Widths::of(ui, scope)));
    }
    let widths = view.widths.as_ref().map_or(Widths::default(), |(_, w)| *w);
    table(ui, session, &names, &round_id, scope, widths, lang);
    if let Some(action) = decision_dialog(ui.ctx(), view, &names, lang) {
        actions.push(action);
    }
    actions
}

/// What the colours of the judges' totals mean.
fn legend(ui: &mut egui::Ui, lang: Lang) {
    use crate::model::SheetStatus as S;
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(T::TotalsColours.get(lang)).weak());
        for status in [
            S::Counted,
            S::Trimmed,
            S::DivergentFlagged,
            S::DivergentExcluded,
            S::Conflict,
            S::Incomplete,
        ] {
            ui.label(
                RichText::new(format!("■ {}", text::status(status, lang))).color(status_color(status, dark)),
            );
        }
    });
}

fn badge(ui: &mut egui::Ui, tier_index: usize, name: &str) {
    let (fill, ink) = match tier_index {
        0 => (Color32::from_rgb(240, 196, 60), Color32::BLACK),
        1 => (Color32::from_rgb(200, 205, 212), Color32::BLACK),
        2 => (Color32::from_rgb(205, 140, 90), Color32::BLACK),
        _ => (Color32::from_rgb(70, 120, 200), Color32::WHITE),
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(name).color(ink).strong());
        });
}

/// Column widths that depend on the rows: the longest id, the most judges on one row.
#[derive(Clone, Copy, Debug)]
struct Widths {
    id: f32,
    judges: f32,
}

impl Default for Widths {
    fn default() -> Self {
        Widths {
            id: 52.0,
            judges: 80.0,
        }
    }
}

impl Widths {
    fn of(ui: &egui::Ui, scope: &crate::model::ScopeResult) -> Self {
        let longest = scope
            .rows
            .iter()
            .map(|r| r.submission.as_str())
            .max_by_key(|id| id.chars().count())
            .unwrap_or("");
        let font = egui::TextStyle::Body.resolve(ui.style());
        let text = ui.fonts_mut(|f| {
            f.layout_no_wrap(longest.to_string(), font, Color32::WHITE)
                .size()
                .x
        });
        let judges = scope.rows.iter().map(|r| r.judges.len()).max().unwrap_or(0);
        Widths {
            id: (text + 12.0).max(52.0),
            judges: (8.0 + 46.0 * judges as f32).max(80.0),
        }
    }
}

fn table(
    ui: &mut egui::Ui,
    session: &crate::model::Session,
    names: &Names,
    round_id: &str,
    scope: &crate::model::ScopeResult,
    widths: Widths,
    lang: Lang,
) {
    let contest = &session.contest;
    let dark = ui.visuals().dark_mode;
    let means: Vec<&str> = scope.rows.first().map_or(Vec::new(), |r| {
        r.criterion_means.iter().map(|m| m.criterion.as_ref()).collect()
    });
    // Wider than the window when there are many judges or criteria: it scrolls sideways.
    egui::ScrollArea::horizontal()
        .id_salt("results-h")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt(("results", scope.category.clone()))
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(50.0))
                .column(Column::exact(104.0))
                .column(Column::exact(widths.id))
                .column(Column::initial(250.0).clip(true))
                .column(Column::exact(60.0))
                .column(Column::exact(50.0))
                .column(Column::initial(300.0).clip(true))
                .column(Column::exact(widths.judges))
                .columns(Column::exact(86.0), means.len())
                .header(24.0, |mut header| {
                    super::headings(
                        &mut header,
                        &[
                            T::Rank,
                            T::Award,
                            T::Id,
                            T::Title,
                            T::Score,
                            T::Sheets,
                            T::Flags,
                            T::Judges,
                        ],
                        lang,
                    );
                    // Each criterion by its name (cut to the column, whole when hovered).
                    for id in &means {
                        header.col(|ui| {
                            let name = names.criterion(id);
                            ui.add(
                                egui::Label::new(RichText::new(&name).strong())
                                    .truncate()
                                    .show_tooltip_when_elided(false),
                            )
                            .on_hover_text(format!("{}: {name}", T::CriterionMean.get(lang)));
                        });
                    }
                })
                .body(|body| {
                    body.rows(26.0, scope.rows.len(), |mut row| {
                        let r = &scope.rows[row.index()];
                        row.col(|ui| {
                            match r.rank {
                                Some(k) => ui.strong(k.to_string()),
                                None => ui.label(RichText::new(T::NotEligible.get(lang)).small().weak()),
                            };
                        });
                        row.col(|ui| {
                            if let Some(a) = &r.award
                                && let Some(i) = contest.awards.tiers.iter().position(|t| &t.id == a)
                            {
                                badge(ui, i, &contest.awards.tiers[i].name);
                            } else if r.advanced == Some(true) {
                                ui.label(lang.t("vào vòng sau", "advances"));
                            }
                        });
                        row.col(|ui| {
                            ui.label(&r.submission);
                        });
                        row.col(|ui| {
                            let title = names
                                .submission_record(&r.submission)
                                .map(|s| s.title.as_str())
                                .unwrap_or("");
                            // Cut to the column; whole when hovered (one tooltip, not egui's too).
                            ui.add(egui::Label::new(title).truncate().show_tooltip_when_elided(false))
                                .on_hover_text(title);
                        });
                        row.col(|ui| {
                            let s = r
                                .score
                                .map(|p| text::score(p, contest.decimals, lang))
                                .unwrap_or_else(|| "—".into());
                            ui.strong(s);
                        });
                        row.col(|ui| {
                            ui.label(r.sheets_counted.to_string());
                        });
                        row.col(|ui| {
                            let words: Vec<String> = r
                                .flags
                                .iter()
                                .map(|f| text::flag(f, names, contest.decimals, lang))
                                .collect();
                            if let Some(first) = words.first() {
                                let more = if words.len() > 1 {
                                    format!(" (+{})", words.len() - 1)
                                } else {
                                    String::new()
                                };
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(format!("{first}{more}"))
                                            .color(ui.visuals().warn_fg_color),
                                    )
                                    .truncate()
                                    .show_tooltip_when_elided(false),
                                )
                                .on_hover_text(words.join("\n"));
                            }
                        });
                        row.col(|ui| {
                            for j in &r.judges {
                                let total = j
                                    .total
                                    .map(|p| text::score(p, contest.decimals, lang))
                                    .unwrap_or_else(|| "—".into());
                                ui.label(
                                    RichText::new(total)
                                        .color(status_color(j.status, dark))
                                        .monospace(),
                                )
                                .on_hover_ui(|ui| {
                                    // Built only while hovered: each score and its history.
                                    ui.label(text::status(j.status, lang));
                                    ui.label(text::score_card(
                                        session,
                                        round_id,
                                        &j.judge,
                                        &r.submission,
                                        lang,
                                    ));
                                });
                            }
                        });
                        for m in &r.criterion_means {
                            row.col(|ui| {
                                ui.label(
                                    m.mean
                                        .map(|p| text::score(p, contest.decimals, lang))
                                        .unwrap_or_else(|| "—".into()),
                                );
                            });
                        }
                    });
                });
        });
}

fn decision_dialog(ctx: &egui::Context, view: &mut View, names: &Names, lang: Lang) -> Option<Action> {
    let draft = view.draft.as_mut()?;
    let mut result = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("decision")).show(ctx, |ui| {
        ui.set_width(560.0);
        super::heading(ui, T::DecisionTitle.get(lang));
        ui.label(names.target(&draft.target, lang));
        ui.horizontal(|ui| {
            ui.radio_value(&mut draft.kind, DraftKind::Order, T::DecisionOrder.get(lang));
            let share = match draft.target {
                TieTarget::Tier(_) => T::DecisionShare,
                TieTarget::Advancement => T::DecisionAdvanceAll,
            };
            ui.radio_value(&mut draft.kind, DraftKind::Share, share.get(lang));
        });
        if draft.kind == DraftKind::Order {
            let n = draft.order.len();
            for i in 0..n {
                ui.horizontal(|ui| {
                    ui.label(format!("{}.", i + 1));
                    ui.label(names.submission(&draft.order[i]));
                    if ui
                        .add_enabled(i > 0, egui::Button::new(T::MoveUp.get(lang)))
                        .clicked()
                    {
                        draft.order.swap(i, i - 1);
                    }
                    if ui
                        .add_enabled(i + 1 < n, egui::Button::new(T::MoveDown.get(lang)))
                        .clicked()
                    {
                        draft.order.swap(i, i + 1);
                    }
                });
            }
        }
        super::labelled_field(
            ui,
            T::DecidedBy.get(lang),
            &mut draft.by,
            T::DecidedByHint.get(lang),
            360.0,
        );
        if let Some((e, typed)) = &draft.bad_name {
            ui.colored_label(ui.visuals().error_fg_color, text::name_error(*e, typed, lang));
        }
        super::labelled_field(ui, T::Reason.get(lang), &mut draft.reason, "", 480.0);
        if draft.missing_reason {
            ui.colored_label(ui.visuals().error_fg_color, T::ReasonNeeded.get(lang));
        }
        ui.horizontal(|ui| {
            if ui.button(T::Confirm.get(lang)).clicked() {
                let decider = crate::store::person::full_name(&draft.by);
                draft.bad_name = decider.as_ref().err().map(|e| (*e, draft.by.clone()));
                draft.missing_reason = draft.reason.trim().is_empty();
                if let (Ok(decider), false) = (decider, draft.missing_reason) {
                    let resolution = match (draft.kind, &draft.target) {
                        (DraftKind::Order, _) => Resolution::Order(draft.order.clone()),
                        (DraftKind::Share, TieTarget::Tier(_)) => Resolution::ShareAward,
                        (DraftKind::Share, TieTarget::Advancement) => Resolution::AdvanceAll,
                    };
                    result = Some(Action::Edit(Edit::Decide(Decision {
                        round: draft.round.clone(),
                        category: draft.category.clone(),
                        target: draft.target.clone(),
                        members: draft.members.clone(),
                        resolution,
                        by: decider,
                        at: jiff::Timestamp::now(),
                        reason: draft.reason.trim().to_string(),
                    })));
                    close = true;
                }
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                close = true;
            }
        });
    });
    if close {
        view.draft = None;
    }
    result
}
