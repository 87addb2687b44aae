//! The screens. Each reads the open document and its own view state (search text, selection…) and
//! returns the actions the person asked for; none changes the document itself.

pub mod analysis;
pub mod assign;
pub mod audit;
pub mod contest;
pub mod paper;
pub mod progress;
pub mod results;
pub mod scoring;
pub mod seal;
pub mod submissions;

use egui::{Color32, RichText};

use super::i18n::T;
use super::{Action, EditError, GiamkhaoApp, Screen};
use crate::model::SheetStatus;
use crate::text::{self, Lang};

/// Every screen's view state, for one document: when another document opens, all of it goes.
#[derive(Default)]
pub struct Views {
    /// The document ([`super::Document::id`]) these views were made for.
    pub doc: Option<u64>,
    /// The language the number fields were written in ("15,5" or "15.5").
    pub lang: Option<Lang>,
    pub submissions: submissions::View,
    pub scoring: scoring::View,
    pub results: results::View,
    pub analysis: analysis::View,
    pub audit: audit::View,
    pub progress: progress::View,
    pub contest: contest::View,
    pub paper: paper::View,
}

impl Views {
    /// Fresh views for the document with this [`super::Document::id`].
    pub fn for_document(id: u64) -> Self {
        Views {
            doc: Some(id),
            ..Views::default()
        }
    }
}

pub fn show(app: &mut GiamkhaoApp, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = app.lang();
    let Some(doc) = app.doc.as_ref() else {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.heading(T::NothingOpen.get(lang));
        });
        let mut actions = Vec::new();
        ui.vertical_centered(|ui| {
            if ui.button(T::OpenSample.get(lang)).clicked() {
                actions.push(Action::OpenSample);
            }
            if ui.button(T::Open.get(lang)).clicked() {
                actions.push(Action::OpenDialog { read_only: false });
            }
        });
        return actions;
    };
    if app.views.doc != Some(doc.id) {
        app.views = Views::for_document(doc.id);
    }
    if app.views.lang != Some(lang) {
        // Numbers in fields are written again the new language's way; what was typed and refused
        // stays as typed.
        app.views.contest.relang();
        app.views.scoring.relang();
        app.views.paper.relang();
        app.views.lang = Some(lang);
    }
    let views = &mut app.views;
    match app.screen {
        Screen::Contest => contest::show(doc, &mut views.contest, lang, ui),
        Screen::Submissions => submissions::show(doc, &mut views.submissions, lang, ui),
        Screen::Scoring => scoring::show(doc, &mut views.scoring, lang, ui),
        Screen::Progress => progress::show(doc, &mut views.progress, lang, ui),
        Screen::Results => results::show(doc, &mut views.results, app.user.as_deref(), lang, ui),
        Screen::Analysis => analysis::show(doc, &mut views.analysis, lang, ui),
        Screen::Audit => audit::show(doc, &mut views.audit, lang, ui),
        Screen::Paper => paper::show(doc, &mut views.paper, lang, ui),
    }
}

/// A labelled drop-down of the contest's rounds; a click sets `chosen`.
pub fn round_picker(
    ui: &mut egui::Ui,
    salt: &str,
    contest: &crate::model::Contest,
    current: &str,
    chosen: &mut Option<String>,
    lang: Lang,
) {
    let label = ui.label(T::Round.get(lang));
    let shown = contest.round(current).map_or(current, |r| r.name.as_str());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for r in &contest.rounds {
                if ui.selectable_label(r.id == current, &r.name).clicked() {
                    *chosen = Some(r.id.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// The scoring methods, in the order menus list them (TrimmedMean with its defaults).
pub const METHODS: [crate::model::Method; 4] = [
    crate::model::Method::Mean,
    crate::model::Method::TrimmedMean { drop: 1, from: 5 },
    crate::model::Method::Median,
    crate::model::Method::ZScore,
];

/// A method's name in menus.
pub fn method_name(m: crate::model::Method, lang: Lang) -> &'static str {
    use crate::model::Method;
    match m {
        Method::Mean => T::MethodMean.get(lang),
        Method::TrimmedMean { .. } => T::MethodTrimmed.get(lang),
        Method::Median => T::MethodMedian.get(lang),
        Method::ZScore => T::MethodZScore.get(lang),
    }
}

/// Why an edit was refused, in words.
pub fn edit_error(e: &EditError, lang: Lang) -> String {
    match e {
        EditError::ReadOnly => T::ReadOnly.get(lang).to_string(),
        EditError::NotYours => lang
            .t(
                "Chỉ được sửa phiếu của chính mình.",
                "You can only change your own sheet.",
            )
            .into(),
        EditError::UnknownRound | EditError::UnknownCriterion | EditError::NotASession => lang
            .t(
                "Thao tác không áp dụng được cho tệp này.",
                "This change does not apply to this file.",
            )
            .into(),
        EditError::AboveMax(max) => format!("{} {}", T::OutOfRange.get(lang), text::points(*max, lang)),
        EditError::Negative => T::NegativeScore.get(lang).into(),
        EditError::OffStep(step) => format!("{} {}", T::OffStep.get(lang), text::points(*step, lang)),
        EditError::TooManyDecimals => T::TooManyDecimals.get(lang).into(),
        EditError::Sealed => T::SealedNoEdit.get(lang).into(),
        EditError::TypingFinished => T::TypingFinished.get(lang).into(),
        EditError::NotANumber => T::NotANumber.get(lang).into(),
        EditError::TooLong(e) => text::refused_too_long(e.field, e.length, e.max, lang),
        EditError::InvalidContest(problems) => problems
            .iter()
            .map(|p| text::problem(p, lang))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The colour a judge's total is shown in, by its status.
pub fn status_color(status: SheetStatus, dark: bool) -> Color32 {
    let (light, dark_c) = match status {
        SheetStatus::Counted => (Color32::from_rgb(30, 30, 30), Color32::from_rgb(225, 225, 225)),
        SheetStatus::Conflict => (Color32::from_rgb(150, 60, 160), Color32::from_rgb(210, 150, 230)),
        SheetStatus::Incomplete => (Color32::from_rgb(140, 140, 140), Color32::from_rgb(130, 130, 130)),
        SheetStatus::DivergentFlagged => (Color32::from_rgb(190, 110, 0), Color32::from_rgb(250, 180, 70)),
        SheetStatus::DivergentExcluded => (Color32::from_rgb(200, 40, 40), Color32::from_rgb(255, 120, 120)),
        SheetStatus::Trimmed => (Color32::from_rgb(90, 110, 170), Color32::from_rgb(150, 170, 230)),
    };
    if dark { dark_c } else { light }
}

/// A framed note in the warning colour, wrapped: why a screen is read-only, what a colour means…
pub fn notice(ui: &mut egui::Ui, words: &str) {
    let color = ui.visuals().warn_fg_color;
    notice_with(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(words).color(color)).wrap());
    });
}

/// The frame of a [`notice`] around whatever `contents` draws (words and a button).
pub fn notice_with(ui: &mut egui::Ui, contents: impl FnOnce(&mut egui::Ui)) {
    let color = ui.visuals().warn_fg_color;
    egui::Frame::new()
        .fill(color.gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.0, color))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, contents);
}

/// A heading in the bold face.
pub fn heading(ui: &mut egui::Ui, text: &str) {
    ui.label(
        RichText::new(text)
            .size(20.0)
            .family(egui::FontFamily::Name("bold".into())),
    );
}

/// A table's header cells, one strong word each.
pub fn headings(header: &mut egui_extras::TableRow<'_, '_>, keys: &[T], lang: Lang) {
    for key in keys {
        header.col(|ui| {
            ui.strong(key.get(lang));
        });
    }
}

/// A field's label, never broken across lines: in a row that wraps, it moves to the next line whole.
pub fn field_label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend))
}

/// A labelled single-line text field (the label is its accessible name).
pub fn labelled_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    hint: &str,
    width: f32,
) -> egui::Response {
    let label = field_label(ui, label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(label.id)
}
