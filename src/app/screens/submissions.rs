//! Submissions: a virtualized table that stays smooth at 10,000 rows, search that ignores accents
//! ("hai phong" finds "Hải Phòng", "dong" finds "Đông"), sorting in Vietnamese order, a category
//! filter, and a detail pane whose attachments open with the system's program.

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
    let actions = Vec::new();
    let contest = doc.contest();
    let rows = view.visible(doc);
    let subs = doc.submissions();
    ui.horizontal(|ui| {
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
        ui.label(format!("{} / {} {}", rows.len(), subs.len(), T::Shown.get(lang)));
    });
    ui.add_space(4.0);

    if let Some(id) = view.selected.clone()
        && let Some(s) = subs.iter().find(|s| s.id == id)
    {
        egui::Panel::right("submission-detail")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| detail(ui, s, doc, lang));
    }

    let headers = [
        (T::Id, SortBy::Id),
        (T::Title, SortBy::Title),
        (T::Organization, SortBy::Organization),
        (T::Category, SortBy::Category),
        (T::Sector, SortBy::Sector),
    ];
    TableBuilder::new(ui)
        .id_salt("submissions")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(80.0))
        .column(Column::initial(320.0).clip(true))
        .column(Column::initial(260.0).clip(true))
        .column(Column::initial(150.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(26.0, |mut header| {
            for (key, sort) in headers {
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
                    ui.label(&s.id);
                });
                row.col(|ui| {
                    ui.label(&s.title);
                });
                row.col(|ui| {
                    ui.label(s.organization.trim());
                });
                row.col(|ui| {
                    let name = s
                        .category
                        .as_deref()
                        .and_then(|c| contest.category(c))
                        .map(|c| c.name.as_str())
                        .unwrap_or("");
                    ui.label(name);
                });
                row.col(|ui| {
                    ui.label(&s.sector);
                });
                if row.response().clicked() {
                    view.selected = Some(s.id.clone());
                }
            });
        });
    actions
}

fn detail(ui: &mut egui::Ui, s: &Submission, doc: &Document, lang: Lang) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        super::heading(ui, &s.title);
        ui.label(RichText::new(&s.id).weak());
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
                        let url = if a.contains("://") {
                            a.clone()
                        } else {
                            // A relative path is relative to the session file's folder.
                            let base = match &doc.origin {
                                super::super::Origin::File(p) => p.parent().map(std::path::Path::to_path_buf),
                                _ => None,
                            };
                            let path = base.map_or_else(|| std::path::PathBuf::from(a), |b| b.join(a));
                            let absolute = std::path::absolute(&path).unwrap_or(path);
                            format!("file://{}", absolute.display())
                        };
                        ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                    }
                });
            }
        }
    });
}
