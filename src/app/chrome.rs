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
    if let Some(warning) = app.doc.as_ref().and_then(|d| tampering(d, app.settings.lang)) {
        egui::Panel::top("tampered").show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(warning).strong().color(ui.visuals().error_fg_color)).wrap(),
            );
        });
    }
    // Started without a file, a judge sees the organizers' sample: say what it is and where their own
    // packet opens.
    if app
        .doc
        .as_ref()
        .is_some_and(|d| d.origin == super::Origin::Sample)
    {
        let words = app.t(T::SampleWelcome);
        egui::Panel::top("sample").show(ui, |ui| super::screens::notice(ui, words));
    }
    // A long message (why a save was refused and what to do) wraps rather than runs off the window.
    egui::Panel::bottom("status").show(ui, |ui| match &app.status {
        Some((message, true)) => {
            let color = ui.visuals().error_fg_color;
            ui.add(egui::Label::new(RichText::new(message).color(color)).wrap());
        }
        Some((message, false)) => {
            ui.add(egui::Label::new(message.as_str()).wrap());
        }
        None => {
            ui.label(RichText::new(app.t(T::Dropped)).weak());
        }
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
    if let Some(action) = registrations_dialog(app, &ctx) {
        actions.push(action);
    }
    if let Some(action) = opening_dialog(app, &ctx) {
        actions.push(action);
    }
    if let Some(action) = reading_dialog(app, &ctx) {
        actions.push(action);
    }
    recovery_dialog(app, &ctx);
    about_dialog(app, &ctx);
    if let Some(action) = naming_dialog(app, &ctx) {
        actions.push(action);
    }
    actions
}

/// What the open file says of itself that is not true: a seal it no longer matches, a log changed
/// outside giamkhao. Shown above every screen.
fn tampering(doc: &super::Document, lang: Lang) -> Option<String> {
    if doc.seal.is_broken() {
        return Some(format!(
            "{} {}",
            crate::text::broken_seal(lang),
            lang.t(
                "Xem chi tiết: Kết quả → Kiểm tra…",
                "For details: Results → Verify…"
            )
        ));
    }
    doc.log_break.map(|i| crate::text::log_break(i, lang))
}

/// "About giamkhao": the version, the license, how the window is drawn, the file kinds and where the
/// app keeps its own data. Closed with its button or Escape.
fn about_dialog(app: &mut GiamkhaoApp, ctx: &egui::Context) {
    if !app.about {
        return;
    }
    let lang = app.settings.lang;
    let mut close = false;
    let response = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.horizontal(|ui| {
            let icon = app.icon_texture.get_or_insert_with(|| {
                let icon = super::icon();
                let size = [icon.width as usize, icon.height as usize];
                let image = egui::ColorImage::from_rgba_unmultiplied(size, &icon.rgba);
                ctx.load_texture("giamkhao-icon", image, egui::TextureOptions::LINEAR)
            });
            ui.add(egui::Image::new(&*icon).fit_to_exact_size(egui::vec2(64.0, 64.0)));
            ui.vertical(|ui| {
                super::screens::heading(ui, "giamkhao");
                ui.label(format!("{} {}", T::Version.get(lang), env!("CARGO_PKG_VERSION")));
            });
        });
        ui.add(egui::Label::new(T::AboutText.get(lang)).wrap());
        ui.add(egui::Label::new(T::License.get(lang)).wrap());
        if let Some(renderer) = app.renderer {
            ui.label(format!("{}: {renderer}", T::Graphics.get(lang)));
        }
        ui.add(egui::Label::new(T::FileKinds.get(lang)).wrap());
        if let Some(print) = &app.key_fingerprint {
            ui.add(egui::Label::new(format!("{}: {print}", T::KeyFingerprint.get(lang))).wrap());
        }
        for (key, dir) in [
            (T::DataFolder, &app.data_dir),
            (T::RecoveryFolder, &app.recovery_dir),
        ] {
            if let Some(dir) = dir {
                ui.add(egui::Label::new(format!("{}: {}", key.get(lang), dir.display())).wrap());
            }
        }
        ui.add_space(6.0);
        if ui.button(T::Close.get(lang)).clicked() {
            close = true;
        }
    });
    if close || response.should_close() {
        app.about = false;
    }
}

/// "Who is working?": the full name every change is logged with, asked before the first one (which
/// waits for it) and whenever the person wants to change it.
fn naming_dialog(app: &mut GiamkhaoApp, ctx: &egui::Context) -> Option<Action> {
    let lang = app.settings.lang;
    let naming = app.naming.as_mut()?;
    let mut action = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("naming")).show(ctx, |ui| {
        ui.set_width(520.0);
        super::screens::heading(ui, T::WhoTitle.get(lang));
        ui.add(egui::Label::new(T::WhoText.get(lang)).wrap());
        let label = ui.label(T::YourName.get(lang));
        let field = ui
            .add(egui::TextEdit::singleline(&mut naming.typed).desired_width(360.0))
            .labelled_by(label.id);
        if std::mem::take(&mut naming.focus) {
            field.request_focus();
        }
        if let Some((problem, typed)) = &naming.problem {
            ui.colored_label(
                ui.visuals().error_fg_color,
                crate::text::name_error(*problem, typed, lang),
            );
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if ui.button(T::Confirm.get(lang)).clicked() || entered {
                action = Some(Action::Identify(naming.typed.clone()));
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                close = true;
            }
        });
    });
    if close {
        app.naming = None;
    }
    action
}

/// Unsaved changes a crash left behind: each offered back, with its file and time, or dropped.
fn recovery_dialog(app: &mut GiamkhaoApp, ctx: &egui::Context) {
    if app.recoveries.is_empty() {
        return;
    }
    let lang = app.settings.lang;
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
        ui.set_width(640.0);
        super::screens::heading(ui, T::RecoverTitle.get(lang));
        ui.label(T::RecoverText.get(lang));
        for (i, (_, r)) in app.recoveries.iter().enumerate() {
            let name = r
                .original
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| T::NeverSaved.get(lang).into());
            ui.separator();
            ui.label(format!(
                "{} — {} ({} {})",
                name,
                r.session.contest.name,
                T::KeptAt.get(lang),
                crate::text::timestamp(r.saved_at, lang)
            ));
            ui.horizontal(|ui| {
                if ui.button(T::Recover.get(lang)).clicked() {
                    choice = Some((i, true));
                }
                if ui.button(T::DropRecovery.get(lang)).clicked() {
                    choice = Some((i, false));
                }
            });
        }
    });
    if let Some((i, restore)) = choice {
        app.take_recovery(i, restore);
    }
}

/// While a large session or packet is opened: its name and size, what is being done and for how
/// long, a moving bar, and a way to stop. Shown from the first frame; the window keeps drawing.
fn opening_dialog(app: &GiamkhaoApp, ctx: &egui::Context) -> Option<Action> {
    let opening = app.opening.as_ref()?;
    let lang = app.settings.lang;
    let mut action = None;
    let name = opening
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    egui::Modal::new(egui::Id::unique("opening")).show(ctx, |ui| {
        ui.set_width(440.0);
        super::screens::heading(ui, &format!("{} {name}", T::Opening.get(lang)));
        let stage = match opening.stage() {
            super::Stage::Reading => T::StageReading,
            super::Stage::Checking => T::StageChecking,
            super::Stage::Computing => T::StageComputing,
        };
        let megabytes = opening.bytes as f64 / 1e6;
        let seconds = opening.started.elapsed().as_secs_f64();
        let words = format!(
            "{} MB · {} · {} s",
            one_place(megabytes, lang),
            stage.get(lang),
            one_place(seconds, lang)
        );
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.label(words);
        });
        if app.doc.is_some() {
            ui.add(egui::Label::new(egui::RichText::new(T::OpeningKeeps.get(lang)).weak()).wrap());
        }
        if ui.button(T::StopOpening.get(lang)).clicked() {
            action = Some(Action::CancelOpening);
        }
    });
    action
}

/// A figure to one decimal place, with the language's decimal separator ("23,9").
fn one_place(x: f64, lang: crate::text::Lang) -> String {
    format!("{x:.1}").replace('.', &lang.decimal_separator().to_string())
}

/// While a registrations file is read: its name, a progress bar with the rows read, and a way to stop.
fn reading_dialog(app: &GiamkhaoApp, ctx: &egui::Context) -> Option<Action> {
    let reading = app.reading.as_ref()?;
    let lang = app.settings.lang;
    let mut action = None;
    egui::Modal::new(egui::Id::unique("reading")).show(ctx, |ui| {
        ui.set_width(420.0);
        super::screens::heading(ui, &format!("{} {}", T::Reading.get(lang), reading.source));
        let rows = reading.progress.rows();
        let label = format!("{} {}", crate::text::count(rows, lang), T::RowsRead.get(lang));
        let bar = match reading.progress.fraction() {
            Some(f) => egui::ProgressBar::new(f).show_percentage(),
            None => egui::ProgressBar::new(0.0).animate(true),
        };
        ui.add(bar).labelled_by(ui.label(label).id);
        if ui.button(T::StopReading.get(lang)).clicked() {
            action = Some(Action::CancelReading);
        }
    });
    action
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
        let editable_session = app.doc.as_ref().is_some_and(|d| d.editable());
        let has_session = app.doc.as_ref().is_some_and(|d| d.session().is_some());
        // Bringing things in, then sending results out, then the judges' packets.
        let items: [(T, bool, Action); 11] = [
            (
                T::ImportRegistrations,
                editable_session,
                Action::ImportRegistrationsDialog,
            ),
            (T::ImportSheets, editable_session, Action::ImportDialog),
            (T::ExportXlsx, has_session, Action::ExportResults { xlsx: true }),
            (T::ExportCsv, has_session, Action::ExportResults { xlsx: false }),
            (
                T::ExportReport,
                has_session,
                Action::ExportPdf(super::PdfKind::Report),
            ),
            (
                T::ExportAwards,
                has_session,
                Action::ExportPdf(super::PdfKind::Awards),
            ),
            (
                T::ExportReportWithAnalysis,
                has_session,
                Action::ExportPdf(super::PdfKind::ReportWithAnalysis),
            ),
            (
                T::ExportXlsxWithAnalysis,
                has_session,
                Action::ExportResultsWithAnalysis,
            ),
            (
                T::ExportBlankSheets,
                has_session,
                Action::ExportPdf(super::PdfKind::BlankSheets),
            ),
            (T::ExportBlankXlsx, has_session, Action::ExportBlankSheetsXlsx),
            (T::ExportPackets, organizer, Action::ExportPackets),
        ];
        for (i, (key, enabled, action)) in items.into_iter().enumerate() {
            if i == 2 || i == 6 || i == 8 || i == 10 {
                ui.separator();
            }
            if ui.add_enabled(enabled, egui::Button::new(app.t(key))).clicked() {
                actions.push(action);
            }
        }
    });
    ui.menu_button(app.t(T::Help), |ui| {
        if ui.button(app.t(T::About)).clicked() {
            app.about = true;
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
        if doc.role() == Role::Organizer {
            let name = app.user.as_deref().unwrap_or(app.t(T::NotNamed));
            if ui.button(format!("{}: {name}", app.t(T::Working))).clicked() {
                actions.push(Action::AskName);
            }
            ui.separator();
        }
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
    // Language and theme sit at the right end when the bar has room for them (their width is
    // measured as they are drawn); on a narrow window (1366 px at 150 %) they follow the rest and
    // wrap onto the next line, never over the role.
    let width_id = egui::Id::unique("top-bar-right-width");
    let needed = ui.ctx().data(|d| d.get_temp::<f32>(width_id));
    let room = needed.is_some_and(|w| ui.available_size_before_wrap().x >= w + 8.0);
    if room {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            language_and_theme(app, ui, actions, true);
        });
    } else {
        let width = language_and_theme(app, ui, actions, false);
        if needed.is_none() {
            ui.ctx().data_mut(|d| d.insert_temp(width_id, width));
        }
    }
}

/// The language choice and the theme button, from left to right or (at the bar's right end) from
/// right to left; returns the width they took.
fn language_and_theme(
    app: &GiamkhaoApp,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
    right_to_left: bool,
) -> f32 {
    let lang = app.lang();
    let dark = app.settings.dark;
    let label = |ui: &mut egui::Ui| ui.label(format!("{}:", app.t(T::Language))).rect;
    let theme = |ui: &mut egui::Ui, actions: &mut Vec<Action>| {
        let r = ui.button(if dark { app.t(T::Light) } else { app.t(T::Dark) });
        if r.clicked() {
            actions.push(Action::SetDark(!dark));
        }
        r.rect
    };
    let mut languages = [(Lang::Vi, "Tiếng Việt"), (Lang::En, "English")];
    // Drawn in reading order, or its reverse at the bar's right end.
    let mut used = if right_to_left {
        languages.reverse();
        theme(ui, actions)
    } else {
        label(ui)
    };
    for (l, name) in languages {
        let r = ui.selectable_label(lang == l, name);
        if r.clicked() {
            actions.push(Action::SetLang(l));
        }
        used = used.union(r.rect);
    }
    used = used.union(if right_to_left {
        label(ui)
    } else {
        theme(ui, actions)
    });
    used.width()
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
            (Screen::Paper, T::NavPaper),
            (Screen::Results, T::NavResults),
            (Screen::Analysis, T::NavAnalysis),
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
            app.discard_changes();
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

/// The column-mapping step of a registrations import: a column for each field (guessed), a preview of
/// the first rows, the rows that will be left out and why, and what importing will do.
fn registrations_dialog(app: &mut GiamkhaoApp, ctx: &egui::Context) -> Option<Action> {
    use crate::store::import::{Field, plan_import};
    let lang = app.settings.lang;
    // Borrowed, not copied: this runs every frame, and a copy of a large session took longer than
    // the whole frame should.
    let session = app.doc.as_ref().and_then(|d| d.session())?;
    let draft = app.registrations.as_mut()?;
    let mut result = None;
    let mut close = false;
    let mut remap = false;
    egui::Modal::new(egui::Id::unique("registrations")).show(ctx, |ui| {
        ui.set_width(860.0);
        super::screens::heading(ui, &format!("{} — {}", T::ImportTitle.get(lang), draft.source));
        if let Some(why) = &draft.refused {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(crate::text::not_registrations(why, lang))
                        .color(ui.visuals().error_fg_color),
                )
                .wrap(),
            );
            ui.label(T::MapByHand.get(lang));
        }
        let headers = draft.table.headers.clone();
        egui::Grid::new("mapping")
            .num_columns(4)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                for (k, field) in Field::ALL.iter().enumerate() {
                    let label = ui.label(format!(
                        "{} {}",
                        T::ColumnFor.get(lang),
                        crate::text::import_field(*field, lang)
                    ));
                    let current = draft.mapping.columns.get(field).copied();
                    let shown = current
                        .and_then(|i| headers.get(i))
                        .cloned()
                        .unwrap_or_else(|| T::NoColumn.get(lang).to_string());
                    egui::ComboBox::from_id_salt(("map", k))
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            if ui
                                .selectable_label(current.is_none(), T::NoColumn.get(lang))
                                .clicked()
                            {
                                draft.mapping.columns.remove(field);
                                remap = true;
                            }
                            for (i, h) in headers.iter().enumerate() {
                                if ui.selectable_label(current == Some(i), h).clicked() {
                                    draft.mapping.columns.retain(|_, c| *c != i);
                                    draft.mapping.columns.insert(*field, i);
                                    remap = true;
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if k % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
        ui.add_space(6.0);
        ui.label(egui::RichText::new(T::Preview.get(lang)).strong());
        let mapped: Vec<(Field, usize)> = Field::ALL
            .iter()
            .filter_map(|f| draft.mapping.columns.get(f).map(|&i| (*f, i)))
            .collect();
        egui::ScrollArea::horizontal().id_salt("preview").show(ui, |ui| {
            egui::Grid::new("preview-grid").striped(true).show(ui, |ui| {
                for (f, _) in &mapped {
                    ui.strong(crate::text::import_field(*f, lang));
                }
                ui.end_row();
                for row in draft.table.rows.iter().take(5) {
                    for (_, i) in &mapped {
                        ui.label(row.get(*i).map(String::as_str).unwrap_or(""));
                    }
                    ui.end_row();
                }
            });
        });
        let plan = &draft.plan;
        ui.label(crate::text::import_summary(plan, lang));
        if !plan.problems.is_empty() {
            ui.colored_label(ui.visuals().warn_fg_color, T::RowsWithProblems.get(lang));
            egui::ScrollArea::vertical()
                .id_salt("row-problems")
                .max_height(120.0)
                .show(ui, |ui| {
                    for p in &plan.problems {
                        ui.label(crate::text::row_problem(p, lang));
                    }
                });
        }
        let has_title = draft.mapping.columns.contains_key(&Field::Title);
        if !has_title {
            ui.colored_label(ui.visuals().error_fg_color, T::NeedTitle.get(lang));
        }
        ui.horizontal(|ui| {
            let any = !plan.added.is_empty() || !plan.updated.is_empty();
            if ui
                .add_enabled(has_title && any, egui::Button::new(T::ImportGood.get(lang)))
                .clicked()
            {
                let mut list = session.submissions.clone();
                let at: std::collections::HashMap<&str, usize> = session
                    .submissions
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.as_str(), i))
                    .collect();
                for s in &plan.updated {
                    if let Some(&i) = at.get(s.id.as_str()) {
                        list[i] = s.clone();
                    }
                }
                list.extend(plan.added.iter().cloned());
                result = Some(Action::Edit(super::Edit::Submissions {
                    list,
                    source: draft.source.clone(),
                }));
                close = true;
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                close = true;
            }
        });
    });
    if remap {
        draft.plan = plan_import(session, &draft.table, &draft.mapping);
    }
    if close {
        app.registrations = None;
    }
    result
}
