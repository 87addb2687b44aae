//! Submissions: a virtualized table that stays smooth at 10,000 rows, search that ignores accents
//! ("hai phong" finds "Hải Phòng", "dong" finds "Đông"), sorting in Vietnamese order, a category
//! filter, and a detail pane beside the table (closed with its button or Escape) whose attachments
//! the app opens with the system's program, or says why it cannot.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Document};
use crate::model::Submission;
use crate::text::{self, Collator, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Id,
    Title,
    Organization,
    Category,
    Sector,
}

pub struct View {
    pub search: String,
    pub category: Option<String>,
    pub sort: SortBy,
    pub ascending: bool,
    pub selected: Option<String>,
    pub focus_search: bool,
    collator: Collator,
    /// Folded text of each submission, for the document generation it was made for.
    folded: Option<(u64, Vec<String>)>,
    /// The rows shown, for the query that made them.
    rows: Option<(Query, Vec<usize>)>,
    /// An attachment the person asked to open, shown to them before it is.
    pub confirm_open: Option<crate::store::attachment::Target>,
}

/// What the shown rows depend on.
#[derive(Clone, Debug, PartialEq)]
struct Query {
    generation: u64,
    search: String,
    category: Option<String>,
    sort: SortBy,
    ascending: bool,
}

impl Default for View {
    fn default() -> Self {
        View {
            search: String::new(),
            category: None,
            sort: SortBy::Id,
            ascending: true,
            selected: None,
            focus_search: false,
            collator: Collator::vietnamese(),
            folded: None,
            rows: None,
            confirm_open: None,
        }
    }
}

impl View {
    /// The positions of the submissions shown, filtered and sorted (cached until something changes).
    pub fn visible(&mut self, doc: &Document) -> Vec<usize> {
        let subs = doc.submissions();
        if self.folded.as_ref().is_none_or(|(g, _)| *g != doc.generation) {
            let folded = subs
                .iter()
                .map(|s| {
                    text::fold(&format!(
                        "{} {} {} {} {} {}",
                        s.id,
                        s.title,
                        s.organization,
                        s.leader,
                        s.sector,
                        s.members.join(" ")
                    ))
                })
                .collect();
            self.folded = Some((doc.generation, folded));
        }
        let query = Query {
            generation: doc.generation,
            search: self.search.clone(),
            category: self.category.clone(),
            sort: self.sort,
            ascending: self.ascending,
        };
        if let Some((q, rows)) = &self.rows
            && *q == query
        {
            return rows.clone();
        }
        let terms: Vec<String> = text::fold(&self.search)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let folded = self.folded.as_ref().map(|(_, f)| f.as_slice()).unwrap_or(&[]);
        let mut rows: Vec<usize> = (0..subs.len())
            .filter(|&i| {
                self.category
                    .as_ref()
                    .is_none_or(|c| subs[i].category.as_ref() == Some(c))
            })
            .filter(|&i| terms.iter().all(|t| folded[i].contains(t.as_str())))
            .collect();
        let field = |s: &Submission| -> String {
            match self.sort {
                SortBy::Id => s.id.clone(),
                SortBy::Title => s.title.clone(),
                SortBy::Organization => s.organization.trim().to_string(),
                SortBy::Category => s.category.clone().unwrap_or_default(),
                SortBy::Sector => s.sector.clone(),
            }
        };
        rows.sort_by(|&a, &b| {
            let o = self
                .collator
                .compare(&field(&subs[a]), &field(&subs[b]))
                .then_with(|| subs[a].id.cmp(&subs[b].id));
            if self.ascending { o } else { o.reverse() }
        });
        self.rows = Some((query, rows.clone()));
        rows
    }
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(target) = &view.confirm_open {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("confirm-open")).show(ui.ctx(), |ui| {
            ui.set_width(560.0);
            super::heading(ui, T::OpenAttachmentTitle.get(lang));
            ui.add(egui::Label::new(crate::text::attachment_target(target, lang)).wrap());
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(T::OpenAttachment.get(lang)).clicked() {
                    actions.push(Action::ConfirmOpen);
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    close = true;
                }
            });
        });
        if close {
            view.confirm_open = None;
        }
    }
    let contest = doc.contest();
    let rows = view.visible(doc);
    let subs = doc.submissions();
    // Wraps in a narrow window (a laptop at 150 %) rather than run off it.
    ui.horizontal_wrapped(|ui| {
        super::heading(ui, T::NavSubmissions.get(lang));
        ui.add_space(12.0);
        let search = super::labelled_field(
            ui,
            T::Search.get(lang),
            &mut view.search,
            T::SearchHint.get(lang),
            320.0,
        );
        if view.focus_search {
            search.request_focus();
            view.focus_search = false;
        }
        if !contest.categories.is_empty() {
            let label = ui.label(T::Category.get(lang));
            let shown = view
                .category
                .as_ref()
                .and_then(|c| contest.category(c))
                .map_or(T::AllCategories.get(lang).to_string(), |c| c.name.clone());
            egui::ComboBox::from_id_salt("category")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut view.category, None, T::AllCategories.get(lang));
                    for c in &contest.categories {
                        ui.selectable_value(&mut view.category, Some(c.id.clone()), &c.name);
                    }
                })
                .response
                .labelled_by(label.id);
        }
        super::field_label(
            ui,
            &format!(
                "{} / {} {}",
                text::count(rows.len() as u64, lang),
                text::count(subs.len() as u64, lang),
                T::Shown.get(lang)
            ),
        );
    });
    ui.add_space(4.0);

    if view.selected.is_some() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        view.selected = None;
    }
    if let Some(id) = view.selected.clone()
        && let Some(s) = subs.iter().find(|s| s.id == id)
    {
        let mut close = false;
        egui::Panel::right("submission-detail")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| detail(ui, s, doc, lang, &mut close, &mut actions));
        if close {
            view.selected = None;
        }
    }

    let headers = [
        (T::Id, SortBy::Id),
        (T::Title, SortBy::Title),
        (T::Organization, SortBy::Organization),
        (T::Category, SortBy::Category),
        (T::Sector, SortBy::Sector),
    ];
    // The columns share the width left beside the detail pane, so the table never runs under it: the
    // widths are kept apart for the table with and without the pane (a table keeps the widths it
    // was first given), and a column widened by hand is cut at the pane's edge, never drawn over it.
    let pane = view.selected.is_some();
    // What the four text columns share: the room less the id column and the gaps between columns.
    let width = (ui.available_width() - 64.0 - 6.0 * ui.spacing().item_spacing.x).max(300.0);
    let room = ui.available_rect_before_wrap();
    ui.scope(|ui| {
        ui.shrink_clip_rect(room);
        table(ui, view, doc, &rows, &headers, width, pane, lang);
    });
    actions
}

#[allow(clippy::too_many_arguments)]
fn table(
    ui: &mut egui::Ui,
    view: &mut View,
    doc: &Document,
    rows: &[usize],
    headers: &[(T, SortBy)],
    width: f32,
    pane: bool,
    lang: Lang,
) {
    let contest = doc.contest();
    let subs = doc.submissions();
    TableBuilder::new(ui)
        .id_salt(("submissions", pane))
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(64.0))
        .column(Column::initial(width * 0.36).clip(true))
        .column(Column::initial(width * 0.28).clip(true))
        .column(Column::initial(width * 0.16).clip(true))
        .column(Column::remainder().clip(true))
        .header(26.0, |mut header| {
            for &(key, sort) in headers {
                header.col(|ui| {
                    let arrow = if view.sort == sort {
                        if view.ascending { " ˄" } else { " ˅" }
                    } else {
                        ""
                    };
                    if ui
                        .button(RichText::new(format!("{}{arrow}", key.get(lang))).strong())
                        .clicked()
                    {
                        if view.sort == sort {
                            view.ascending = !view.ascending;
                        } else {
                            view.sort = sort;
                            view.ascending = true;
                        }
                    }
                });
            }
        })
        .body(|body| {
            body.rows(24.0, rows.len(), |mut row| {
                let s = &subs[rows[row.index()]];
                row.set_selected(view.selected.as_deref() == Some(&s.id));
                row.col(|ui| {
                    cell(ui, &s.id);
                });
                row.col(|ui| {
                    cell(ui, &s.title);
                });
                row.col(|ui| {
                    cell(ui, s.organization.trim());
                });
                row.col(|ui| {
                    let name = s
                        .category
                        .as_deref()
                        .and_then(|c| contest.category(c))
                        .map(|c| c.name.as_str())
                        .unwrap_or("");
                    cell(ui, name);
                });
                row.col(|ui| {
                    cell(ui, &s.sector);
                });
                if row.response().clicked() {
                    view.selected = Some(s.id.clone());
                }
            });
        });
}

/// A cell's text; a click on it goes to the row (it opens the detail pane), not to selecting text.
fn cell(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(text).selectable(false).truncate());
}

fn detail(
    ui: &mut egui::Ui,
    s: &Submission,
    doc: &Document,
    lang: Lang,
    close: &mut bool,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&s.id).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(T::Close.get(lang)).on_hover_text("Esc").clicked() {
                    *close = true;
                }
            });
        });
        let category = s
            .category
            .as_deref()
            .and_then(|c| doc.contest().category(c))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        egui::Grid::new("detail")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for (key, value) in [
                    (T::Organization, s.organization.trim().to_string()),
                    (T::Category, category),
                    (T::Sector, s.sector.clone()),
                    (T::Leader, s.leader.clone()),
                    (T::Members, s.members.join(", ")),
                    (T::Contact, s.contact.clone()),
                ] {
                    ui.label(RichText::new(key.get(lang)).strong());
                    ui.label(value);
                    ui.end_row();
                }
            });
        if !s.description.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new(T::Description.get(lang)).strong());
            ui.label(&s.description);
        }
        if !s.attachments.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new(T::Attachments.get(lang)).strong());
            for a in &s.attachments {
                ui.horizontal(|ui| {
                    ui.label(a);
                    if ui.button(T::OpenAttachment.get(lang)).on_hover_text(a).clicked() {
                        actions.push(Action::OpenAttachment(a.clone()));
                    }
                });
            }
        }
    });
}
