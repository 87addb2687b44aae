//! The frame around the screens: top bar (file menu, role, language, theme), left navigation,
//! status bar, window title with the unsaved marker, keyboard shortcuts, and the dialogs that
//! belong to no screen (unsaved changes on close, the merge report).

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::i18n::T;
use super::{Action, GiamkhaoApp, Role, Screen};
use crate::text::Lang;

const SHORTCUTS: [(KeyboardShortcut, fn() -> Action); 4] = [
    (KeyboardShortcut::new(Modifiers::COMMAND, Key::O), || {
        Action::OpenDialog { read_only: false }
    }),
    (KeyboardShortcut::new(Modifiers::COMMAND, Key::S), || Action::Save),
    (KeyboardShortcut::new(Modifiers::COMMAND, Key::Z), || Action::Undo),
    (KeyboardShortcut::new(Modifiers::COMMAND, Key::Y), || Action::Redo),
];

/// Draws everything and returns what the person asked for.
pub fn show(app: &mut GiamkhaoApp, ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    let ctx = ui.ctx().clone();
    for (shortcut, action) in SHORTCUTS {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            actions.push(action());
        }
    }
    if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F))) {
        app.views.submissions.focus_search = true;
        actions.push(Action::Navigate(Screen::Submissions));
    }
    title(app, &ctx);

    egui::Panel::top("top").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| top_bar(app, ui, &mut actions));
    });
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| match &app.status {
            Some((message, true)) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
            Some((message, false)) => {
                ui.label(message);
            }
            None => {
                ui.label(RichText::new(app.t(T::Dropped)).weak());
            }
        });
    });
    if app.doc.is_some() {
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(150.0)
            .show(ui, |ui| nav(app, ui, &mut actions));
    }
    egui::CentralPanel::default_margins().show(ui, |ui| {
        actions.extend(super::screens::show(app, ui));
    });
    import_report(app, &ctx);
    actions
}

/// Sets the window title when it changes (every viewport command asks for another frame).
fn title(app: &mut GiamkhaoApp, ctx: &egui::Context) {
    let title = match &app.doc {
        Some(doc) => format!(
            "{}{} — {} — giamkhao",
            if doc.dirty { "● " } else { "" },
            doc.contest().name,
            doc.name()
        ),
        None => app.t(T::AppName).to_string(),
    };
    if app.title.as_deref() != Some(title.as_str()) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        app.title = Some(title);
    }
}

fn top_bar(app: &mut GiamkhaoApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let lang = app.lang();
    ui.menu_button(app.t(T::File), |ui| {
        if ui.button(app.t(T::NewContest)).clicked() {
            actions.push(Action::NewContest);
        }
        if ui.button(format!("{}  (Ctrl+O)", app.t(T::Open))).clicked() {
            actions.push(Action::OpenDialog { read_only: false });
        }
        if ui.button(app.t(T::OpenForAudit)).clicked() {
            actions.push(Action::OpenDialog { read_only: true });
        }
        ui.menu_button(app.t(T::OpenRecent), |ui| {
            for path in app.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::OpenPath {
                        path,
                        read_only: false,
                    });
                }
            }
        });
        if ui.button(app.t(T::OpenSample)).clicked() {
            actions.push(Action::OpenSample);
        }
        ui.separator();
        let editable = app.doc.as_ref().is_some_and(|d| !d.read_only);
        if ui
            .add_enabled(
                editable,
                egui::Button::new(format!("{}  (Ctrl+S)", app.t(T::Save))),
            )
            .clicked()
        {
            actions.push(Action::Save);
        }
        if ui
            .add_enabled(editable, egui::Button::new(app.t(T::SaveAs)))
            .clicked()
        {
            actions.push(Action::SaveAs);
        }
        ui.separator();
        let organizer = app.doc.as_ref().is_some_and(|d| d.role() == Role::Organizer);
        if ui
            .add_enabled(organizer, egui::Button::new(app.t(T::ImportSheets)))
            .clicked()
        {
            actions.push(Action::ImportDialog);
        }
        if ui
            .add_enabled(organizer, egui::Button::new(app.t(T::ExportPackets)))
            .clicked()
        {
            actions.push(Action::ExportPackets);
        }
    });
    let (can_undo, can_redo) = app
        .doc
        .as_ref()
        .map_or((false, false), |d| (!d.undo.is_empty(), !d.redo.is_empty()));
    if ui
        .add_enabled(can_undo, egui::Button::new(app.t(T::Undo)))
        .on_hover_text("Ctrl+Z")
        .clicked()
    {
        actions.push(Action::Undo);
    }
    if ui
        .add_enabled(can_redo, egui::Button::new(app.t(T::Redo)))
        .on_hover_text("Ctrl+Y")
        .clicked()
    {
        actions.push(Action::Redo);
    }
    ui.separator();
    if let Some(doc) = &app.doc {
        let role = match doc.role() {
            Role::Organizer => T::RoleOrganizer,
            Role::Judge => T::RoleJudge,
            Role::Auditor => T::RoleAuditor,
        };
        ui.label(format!("{}: ", app.t(T::Role)));
        ui.strong(app.t(role));
        if doc.role() == Role::Judge
            && let super::Doc::Packet(p) = &doc.doc
        {
            ui.label(format!(
                "— {}",
                p.contest
                    .judge(&p.judge)
                    .map(|j| j.name.as_str())
                    .unwrap_or(&p.judge)
            ));
        }
        ui.separator();
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let dark = app.settings.dark;
        let theme_label = if dark { app.t(T::Light) } else { app.t(T::Dark) };
        if ui.button(theme_label).clicked() {
            actions.push(Action::SetDark(!dark));
        }
        for (l, name) in [(Lang::En, "English"), (Lang::Vi, "Tiếng Việt")] {
            if ui.selectable_label(lang == l, name).clicked() {
                actions.push(Action::SetLang(l));
            }
        }
        ui.label(format!("{}:", app.t(T::Language)));
    });
}

fn nav(app: &GiamkhaoApp, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let Some(doc) = &app.doc else { return };
    let role = doc.role();
    let items: &[(Screen, T)] = match role {
        Role::Judge => &[
            (Screen::Scoring, T::NavScoring),
            (Screen::Submissions, T::NavSubmissions),
            (Screen::Contest, T::NavContest),
        ],
        Role::Organizer | Role::Auditor => &[
            (Screen::Contest, T::NavContest),
            (Screen::Submissions, T::NavSubmissions),
            (Screen::Progress, T::NavProgress),
            (Screen::Results, T::NavResults),
            (Screen::Audit, T::NavAudit),
        ],
    };
    ui.add_space(6.0);
    for (screen, key) in items {
        let selected = app.screen == *screen;
        let button = egui::Button::selectable(selected, RichText::new(app.t(*key)).size(15.0))
            .min_size(egui::vec2(ui.available_width(), 30.0));
        if ui.add(button).clicked() {
            actions.push(Action::Navigate(*screen));
        }
    }
    if doc.read_only {
        ui.add_space(12.0);
        ui.label(RichText::new(app.t(T::ReadOnly)).color(ui.visuals().warn_fg_color));
    }
    if doc.origin == super::Origin::Sample {
        ui.add_space(12.0);
        ui.label(RichText::new(app.t(T::SampleCopy)).small().weak());
    }
}

/// Closing with unsaved changes asks first.
pub fn close_guard(app: &mut GiamkhaoApp, ctx: &egui::Context) {
    let dirty = app.doc.as_ref().is_some_and(|d| d.dirty);
    if ctx.input(|i| i.viewport().close_requested()) && dirty && !app.allow_close {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        app.confirm_close = true;
    }
    if !app.confirm_close {
        return;
    }
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
        ui.heading(app.t(T::UnsavedTitle));
        ui.label(app.t(T::UnsavedQuestion));
        ui.horizontal(|ui| {
            if ui.button(app.t(T::SaveAndClose)).clicked() {
                choice = Some(1);
            }
            if ui.button(app.t(T::DiscardAndClose)).clicked() {
                choice = Some(2);
            }
            if ui.button(app.t(T::Cancel)).clicked() {
                choice = Some(0);
            }
        });
    });
    match choice {
        Some(1) => {
            app.act(Action::Save);
            app.confirm_close = false;
            if app.doc.as_ref().is_some_and(|d| !d.dirty) {
                app.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
        Some(2) => {
            app.confirm_close = false;
            app.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        Some(_) => app.confirm_close = false,
        None => {}
    }
}

fn import_report(app: &mut GiamkhaoApp, ctx: &egui::Context) {
    let Some(report) = &app.import_report else { return };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("merge-report")).show(ctx, |ui| {
        ui.heading(T::MergeReport.get(app.settings.lang));
        egui::ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
            for line in &report.lines {
                ui.label(line);
            }
        });
        if ui.button("OK").clicked() {
            close = true;
        }
    });
    if close {
        app.import_report = None;
    }
}
