//! The desktop app (eframe). Screens read the state and return [`Action`]s; [`GiamkhaoApp::act`] is
//! the one place that carries them out, applying document edits through [`actions::apply`] (audit
//! log, undo/redo). File dialogs go through [`picker::FilePicker`], so tests never open one.

pub mod actions;
mod chrome;
pub mod i18n;
pub mod live;
#[cfg(target_os = "macos")]
pub mod macos;
pub mod open_requests;
pub mod picker;
pub mod screens;
pub mod state;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{FileKind, ScoresheetFile};
use crate::store::atomic::Stamp;
use crate::store::{self, files::Format};
use crate::text::{self, Lang};

pub use actions::{Edit, EditError};
use i18n::T;
pub use picker::{FakePicker, FilePicker, Filter, SystemPicker};
pub use state::{Doc, Document, Origin, Role, Screen, Settings};

/// Something a screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Edit),
    Undo,
    Redo,
    Navigate(Screen),
    SetLang(Lang),
    SetDark(bool),
    NewContest,
    OpenDialog {
        read_only: bool,
    },
    OpenPath {
        path: PathBuf,
        read_only: bool,
    },
    OpenSample,
    Save,
    SaveAs,
    /// Judge: write the scoresheet file to hand back.
    HandIn,
    /// Organizer: a packet per judge into a folder.
    ExportPackets,
    /// Organizer: merge scoresheets chosen in a dialog.
    ImportDialog,
    Import(Vec<PathBuf>),
    /// Organizer: choose a spreadsheet of registrations and map its columns.
    ImportRegistrationsDialog,
    /// Stop reading a registrations file (the progress dialog's button).
    CancelReading,
    /// Stop opening a large file (the progress dialog's button): what was open stays.
    CancelOpening,
    /// Organizer: write the results as .xlsx (true) or CSV files (false).
    ExportResults {
        xlsx: bool,
    },
    /// A PDF: the report to sign, the award list, or blank paper scoresheets.
    ExportPdf(PdfKind),
    /// Organizer or auditor: the results' workbook with the sheet "Phân tích" (advisory).
    ExportResultsWithAnalysis,
    /// Organizer: blank scoresheets of the results' round as a workbook, a sheet per judge.
    ExportBlankSheetsXlsx,
    /// Organizer: a paper sheet whose two typings match becomes the judge's sheet.
    ConfirmPaper {
        round: String,
        judge: String,
    },
    /// Organizer: finalize, sealing the session (it is saved at once), in the name given.
    Seal {
        by: String,
    },
    /// Asks to open a submission's attachment (a web link, or a file in the session's folder) with
    /// the system's program — or says why it will not.
    OpenAttachment(String),
    /// Opens the attachment the person was asked about and confirmed.
    ConfirmOpen,
    /// The full name of who is working, typed in the "who are you" dialog.
    Identify(String),
    /// Opens the "who are you" dialog to change the name.
    AskName,
    /// Organizer: open a sealed session for changes again, with the reason, in the name given.
    Unseal {
        reason: String,
        by: String,
    },
    /// Organizer: choose a contest folder to follow (see [`live`]).
    FollowFolderDialog,
    FollowFolder(PathBuf),
    StopFollowing,
    /// Organizer: bind a judge to the key of this fingerprint (confirmed on first use, or typed as the
    /// judge read it out).
    BindKey {
        judge: String,
        fingerprint: String,
    },
    /// Judge: choose the contest folder to write the sheet to.
    JoinFolderDialog,
    JoinFolder(PathBuf),
    LeaveFolder,
}

/// The "who are you" dialog.
#[derive(Clone, Debug, Default)]
pub struct Naming {
    pub typed: String,
    /// Why the name last given was refused, and that name.
    pub problem: Option<(store::person::NameError, String)>,
    /// The change to carry out once the name is given.
    pub then: Option<Action>,
    /// Put the cursor in the name field at the next frame (when the dialog opens, and after a name
    /// was refused, so the person can type again at once).
    pub focus: bool,
}

/// The PDF documents the app writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfKind {
    Report,
    /// The report with the analysis of the round as an appendix (advisory).
    ReportWithAnalysis,
    Awards,
    BlankSheets,
}

/// A merge report to show after importing scoresheets.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub lines: Vec<String>,
}

pub struct GiamkhaoApp {
    pub settings: Settings,
    pub doc: Option<Document>,
    pub screen: Screen,
    pub picker: Box<dyn FilePicker>,
    /// Starts a window of its own for a file the system asked this one to open while it holds unsaved
    /// work ([`open_requests`]); tests put a recorder here.
    pub new_window: fn(&Path) -> std::io::Result<()>,
    /// The last message and whether it is an error.
    pub status: Option<(String, bool)>,
    /// The status message in Vietnamese and English, shown again in the language chosen.
    status_words: Option<[String; 2]>,
    /// Who makes the changes, for the audit log: a full name, asked for before the first change that
    /// goes on the record and remembered; None until given.
    pub user: Option<String>,
    /// The "who are you" dialog: the name typed, why the last one was refused, and the change that
    /// waits for it.
    pub naming: Option<Naming>,
    /// A link or file to open with the system's program at the end of this frame.
    pub open_url: Option<String>,
    /// giamkhao's data folder, where the name is remembered for the app and the command line (None in
    /// tests).
    pub data_dir: Option<PathBuf>,
    /// The fingerprint of this computer's signing key, once a packet was opened here (the key is made
    /// then): shown in *About*, for a judge to read out to the organizers.
    pub key_fingerprint: Option<String>,
    pub views: screens::Views,
    pub import_report: Option<ImportReport>,
    pub confirm_close: bool,
    pub allow_close: bool,
    /// The window title last set.
    pub title: Option<String>,
    /// A registrations import being mapped.
    pub registrations: Option<RegistrationsImport>,
    /// A registrations file being read in the background, with its progress bar.
    pub reading: Option<Reading>,
    /// A session or packet being opened in the background.
    pub opening: Option<Opening>,
    /// From this size on a file is opened in the background (a megabyte: what takes longer than a
    /// frame or two to read); tests set it.
    pub background_from: u64,
    /// Where unsaved changes to sessions are kept aside (None: not kept, as in most tests).
    pub recovery_dir: Option<PathBuf>,
    /// Unsaved changes found at start, offered back.
    pub recoveries: Vec<(PathBuf, store::recovery::Recovery)>,
    /// When the unsaved changes were last kept aside and how long that took, and whether newer
    /// ones wait.
    kept_at: Option<(std::time::Instant, std::time::Duration)>,
    keep_pending: bool,
    /// Whether the app's look (solid scroll bars) has been set on the context.
    styled: bool,
    /// A new document came in front: egui's widget state is cleared at the next frame.
    fresh_views: bool,
    /// The status line says a hand-in was refused for refused scores; it goes once they are fixed.
    hand_in_blocked: bool,
    /// Input that came in the same frame after a Tab or Enter, held for the next frame (see
    /// [`GiamkhaoApp::pace_input`]).
    held_input: Vec<egui::Event>,
    /// The "About giamkhao" dialog is open.
    pub about: bool,
    /// How the window is drawn ("wgpu", "OpenGL"), shown in "About"; None in tests.
    pub renderer: Option<&'static str>,
    /// This window's claim on the document it has open (see `store::recovery::claim`).
    claim: Option<(store::recovery::Key, store::recovery::Claim)>,
    /// The icon drawn in "About", made when first shown.
    icon_texture: Option<egui::TextureHandle>,
    /// The contest folder the open session follows (organizer).
    pub live: Option<live::Live>,
    /// The window's context, for threads that need a frame drawn (the folder's events).
    ctx: Option<egui::Context>,
}

/// A registrations file read on another thread, so a large one shows progress and can be stopped.
pub struct Reading {
    pub source: String,
    pub progress: Arc<store::import::Progress>,
    handle: std::thread::JoinHandle<Result<store::import::Table, store::import::ImportError>>,
}

/// A spreadsheet of registrations, read, with the columns chosen so far and what importing would do.
pub struct RegistrationsImport {
    pub source: String,
    /// Why the table was not recognised as a registration list, if it was not: said in the dialog,
    /// and nothing is imported unless the organizer chooses the columns by hand.
    pub refused: Option<store::import::NotRegistrations>,
    pub table: store::import::Table,
    pub mapping: store::import::Mapping,
    pub plan: store::import::ImportPlan,
}

/// A session or judge packet being read on another thread, with what it is doing now.
pub struct Opening {
    pub path: PathBuf,
    pub read_only: bool,
    /// The file's size.
    pub bytes: u64,
    pub started: std::time::Instant,
    /// A [`Stage`], as the thread reaches it.
    stage: Arc<std::sync::atomic::AtomicU8>,
    handle: std::thread::JoinHandle<Result<(Document, Stamp), store::LoadError>>,
    /// What waits for the document (following the contest folder named on the command line).
    pub then: Vec<Action>,
}

impl Opening {
    pub fn stage(&self) -> Stage {
        match self.stage.load(std::sync::atomic::Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Checking,
            _ => Stage::Computing,
        }
    }
}

/// What opening a file is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading its bytes from the disk.
    Reading = 0,
    /// Reading and checking what it holds.
    Checking = 1,
    /// Computing the results.
    Computing = 2,
}

/// A session or judge packet read from `path` once, validated, with its results computed, and the
/// stamp of its bytes; `stage` is told what it is doing. Anything else (a scoresheet, a foreign
/// file) is refused.
fn read_document(path: &Path, stage: &dyn Fn(Stage)) -> Result<(Document, Stamp), store::LoadError> {
    let (raw, stamp) = store::files::read_text_stamped(path)?;
    stage(Stage::Checking);
    let doc = match store::files::detect_kind(path, &raw, Format::of(path))? {
        FileKind::JudgePacket => Doc::Packet(store::files::packet_from_text(path, &raw)?),
        FileKind::Session => Doc::Session(store::files::session_from_text(path, &raw)?),
        kind => {
            return Err(store::LoadError::WrongKind {
                path: path.into(),
                expected: FileKind::Session,
                found: kind,
            });
        }
    };
    drop(raw);
    stage(Stage::Computing);
    Ok((Document::new(doc, Origin::File(path.to_path_buf()), false), stamp))
}

/// The app's icon (window, taskbar), as drawn in assets/icon.
pub fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/icon-256.png")).unwrap_or_default()
}

/// Installs Noto Sans first in every family: egui's own fonts cannot draw ậ ẫ ở ợ ỹ ự; then DejaVu
/// Sans's arrows and symbols (→ ≠ ≤ ✓, which Noto Sans lacks), after it in every family.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/NotoSans-Regular.ttf"
        ))),
    );
    fonts.font_data.insert(
        "noto-sans-bold".into(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/NotoSans-Bold.ttf"
        ))),
    );
    fonts.font_data.insert(
        "dejavu-symbols".into(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans-Symbols.ttf"
        ))),
    );
    for (family, first) in [
        (egui::FontFamily::Proportional, true),
        (egui::FontFamily::Monospace, false),
    ] {
        let list = fonts.families.entry(family).or_default();
        if first {
            list.insert(0, "noto-sans".into());
            list.insert(1, "dejavu-symbols".into());
        } else {
            list.push("noto-sans".into());
            list.push("dejavu-symbols".into());
        }
    }
    fonts.families.insert(
        egui::FontFamily::Name("bold".into()),
        vec![
            "noto-sans-bold".into(),
            "noto-sans".into(),
            "dejavu-symbols".into(),
        ],
    );
    ctx.set_fonts(fonts);
}

const SETTINGS_KEY: &str = "giamkhao-settings";

/// Why a save failed; when someone else changed the file since it was opened, also that the changes
/// made here are kept, and how to save them.
fn save_failed(e: &store::LoadError, lang: Lang) -> String {
    let said = text::load_error(e, lang);
    match e {
        store::LoadError::Write {
            cause: store::files::WriteCause::Changed,
            ..
        } => format!("{said} {}", T::ChangedKeepWork.get(lang)),
        _ => said,
    }
}

/// How a save ended: written, not asked for (the dialog cancelled), or refused (and said why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Saved {
    Yes,
    Cancelled,
    Failed,
}

impl GiamkhaoApp {
    /// The app with the given settings and file dialogs; nothing open yet.
    pub fn with(settings: Settings, picker: Box<dyn FilePicker>) -> Self {
        // Who edits, in the log: the full name this person gave before; never a guess.
        let user = store::person::full_name(&settings.name).ok();
        GiamkhaoApp {
            settings,
            doc: None,
            screen: Screen::Results,
            picker,
            new_window: open_requests::start_window,
            status: None,
            status_words: None,
            user,
            naming: None,
            open_url: None,
            data_dir: None,
            key_fingerprint: None,
            views: screens::Views::default(),
            import_report: None,
            confirm_close: false,
            allow_close: false,
            title: None,
            registrations: None,
            reading: None,
            opening: None,
            background_from: 1 << 20,
            recovery_dir: None,
            recoveries: Vec::new(),
            kept_at: None,
            keep_pending: false,
            styled: false,
            held_input: Vec::new(),
            fresh_views: false,
            hand_in_blocked: false,
            about: false,
            renderer: None,
            icon_texture: None,
            live: None,
            ctx: None,
            claim: None,
        }
    }

    /// The one way a document comes in front of the person (opened, new, the sample, recovered): the
    /// screen it starts on, views of its own, and nothing left from the one before — no merge report,
    /// registrations being mapped or read, or message about the other file.
    fn set_document(&mut self, doc: Document, screen: Screen) {
        self.views = screens::Views::for_document(doc.id);
        self.doc = Some(doc);
        self.screen = screen;
        self.import_report = None;
        self.registrations = None;
        if let Some(reading) = self.reading.take() {
            reading.progress.cancel();
        }
        self.status = None;
        self.status_words = None;
        self.live = None;
        // egui's own state of the screens (scroll positions, column widths, open sections) was the
        // other document's too.
        self.fresh_views = true;
    }

    /// Keeps unsaved changes in `dir` from now on, and offers back those a crash left there.
    pub fn recover_from(&mut self, dir: PathBuf) {
        self.recoveries = store::recovery::offered(&dir);
        self.recovery_dir = Some(dir);
    }

    /// The recovery file's key: the session's own file, or the document's token for one never saved.
    fn recovery_key(doc: &Document) -> store::recovery::Key {
        match &doc.origin {
            Origin::File(p) => store::recovery::Key::File(p.clone()),
            _ => store::recovery::Key::Unsaved(doc.unsaved_token.clone()),
        }
    }

    /// Claims `key` for this window unless it holds it already. `false`: another giamkhao window
    /// has that file open. Without a recovery folder (tests) there is nothing to claim.
    fn claim(&mut self, key: &store::recovery::Key) -> bool {
        let Some(dir) = &self.recovery_dir else {
            return true;
        };
        if self.claim.as_ref().is_some_and(|(held, _)| held == key) {
            return true;
        }
        match store::recovery::claim(dir, key) {
            Ok(Some(claim)) => {
                self.claim = Some((key.clone(), claim));
                true
            }
            Ok(None) => false,
            // The app's folder cannot be written: nothing to keep apart, as without one.
            Err(_) => true,
        }
    }

    /// Keeps this window's claim on the document in front (a file saved under a new name, a new
    /// contest), and lets go of it when none is open or it is only looked at.
    fn hold_claim(&mut self) {
        let key = self.doc.as_ref().filter(|d| !d.read_only).map(Self::recovery_key);
        match key {
            Some(key) => {
                let _ = self.claim(&key);
            }
            None => self.claim = None,
        }
    }

    /// Writes the unsaved session aside after every change; only when that is slow (a very large
    /// session) at most every two seconds, a later frame catching up.
    fn keep_changes(&mut self, force: bool) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        let Some(doc) = self
            .doc
            .as_ref()
            .filter(|d| d.dirty && d.role() == Role::Organizer)
        else {
            self.keep_pending = false;
            return;
        };
        let Doc::Session(session) = &doc.doc else { return };
        let slow = std::time::Duration::from_millis(100);
        let recent = self
            .kept_at
            .is_some_and(|(t, cost)| cost > slow && t.elapsed() < std::time::Duration::from_secs(2));
        if recent && !force {
            self.keep_pending = true;
            return;
        }
        let key = Self::recovery_key(doc);
        let started = std::time::Instant::now();
        let at = jiff::Timestamp::now();
        match store::recovery::keep(&dir, &key, doc.on_disk.as_ref(), session, at) {
            Ok(()) => {
                self.kept_at = Some((started, started.elapsed()));
                self.keep_pending = false;
            }
            Err(e) => {
                self.keep_pending = false;
                self.tell(true, |lang| text::load_error(&e, lang));
            }
        }
    }

    /// The person chose to close without saving: the changes kept aside go too.
    pub fn discard_changes(&mut self) {
        let Some(key) = self.doc.as_ref().map(Self::recovery_key) else {
            return;
        };
        if self.doc.as_ref().is_some_and(|d| d.dirty) {
            self.forget_changes(&key);
        }
    }

    /// Unsaved changes are saved or thrown away: their recovery file goes.
    fn forget_changes(&mut self, key: &store::recovery::Key) {
        if let Some(dir) = &self.recovery_dir {
            store::recovery::forget(dir, key);
        }
        self.keep_pending = false;
    }

    /// Opens recovered changes as an unsaved session belonging to its file, or drops them.
    pub fn take_recovery(&mut self, index: usize, restore: bool) {
        if index >= self.recoveries.len() {
            return;
        }
        let (file, recovery) = self.recoveries.remove(index);
        let _ = std::fs::remove_file(&file);
        if !restore {
            return;
        }
        let origin = match &recovery.original {
            Some(p) => Origin::File(p.clone()),
            None => Origin::New,
        };
        // The changes kept aside are this person's own, not yet chained into the log.
        let mut session = recovery.session;
        store::audit::chain(&mut session.audit);
        // The same file followed a contest folder (started with --follow): its recovered version
        // follows it too.
        let following = self
            .live
            .as_ref()
            .filter(|_| self.doc.as_ref().is_some_and(|d| d.origin == origin))
            .map(|l| l.follow.folder.clone());
        let mut doc = Document::new(Doc::Session(session), origin, false);
        doc.on_disk = recovery.on_disk;
        doc.dirty = true;
        self.set_document(doc, Screen::Results);
        // Kept aside again at once, under its own name, until it is saved.
        self.keep_changes(true);
        if let Some(folder) = following {
            self.follow_folder(folder);
        }
    }

    /// The app as started from the command line: `file` if given, else the last session, else the
    /// bundled sample.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        install_fonts(&cc.egui_ctx);
        open_requests::wake(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut settings = settings;
        settings.tidy();
        let mut app = GiamkhaoApp::with(settings, Box::new(SystemPicker));
        app.ctx = Some(cc.egui_ctx.clone());
        app.data_dir = store::person::data_dir();
        if app.user.is_none() {
            app.user = app.data_dir.as_deref().and_then(store::person::remembered);
        }
        if let Some(dir) = eframe::storage_dir("giamkhao") {
            app.recover_from(dir.join("recovery"));
        }
        match file.or_else(|| app.settings.last.clone().filter(|p| p.exists())) {
            Some(path) => app.act(Action::OpenPath {
                path,
                read_only: false,
            }),
            None => app.act(Action::OpenSample),
        }
        app
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn t(&self, key: T) -> &'static str {
        key.get(self.settings.lang)
    }

    /// Puts a message in the status bar, worded in both languages so that it follows a change of
    /// language.
    fn tell<S: Into<String>>(&mut self, error: bool, words: impl Fn(Lang) -> S) {
        let both: [String; 2] = [words(Lang::Vi).into(), words(Lang::En).into()];
        self.status = Some((both[usize::from(self.lang() == Lang::En)].clone(), error));
        self.status_words = Some(both);
    }

    /// This computer's signing key, made when a judge first opens a packet here, and its fingerprint
    /// noted for *About*. A key file that cannot be read is said (the packet stays open; handing in
    /// waits until it is put right).
    fn judge_key(&mut self) {
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        match store::signing::load_or_create(&dir) {
            Ok(key) => {
                self.key_fingerprint = Some(store::signing::fingerprint(key.verifying_key().as_bytes()));
            }
            Err(e) => self.tell(true, |lang| {
                format!("{} {}", T::KeyProblem.get(lang), text::key_error(&e, lang))
            }),
        }
    }

    /// This laptop's signing key (made the first time); None without a data folder to keep it in (as
    /// in tests). A key that cannot be read is said, after `what`, and is an error.
    fn laptop_key(&mut self, what: T) -> Result<Option<ed25519_dalek::SigningKey>, ()> {
        match self.data_dir.as_deref().map(store::signing::load_or_create) {
            Some(Ok(key)) => Ok(Some(key)),
            Some(Err(e)) => {
                self.tell(true, |lang| {
                    format!("{} {}", what.get(lang), text::key_error(&e, lang))
                });
                Err(())
            }
            None => Ok(None),
        }
    }

    /// Opens the files the system asked for since the last frame ([`open_requests`]): the first here
    /// when nothing here is unsaved, the others each in a new window.
    pub fn take_open_requests(&mut self) {
        let paths = open_requests::take();
        let dirty = self.doc.as_ref().is_some_and(|d| d.dirty);
        let routes = open_requests::routes(paths.len(), dirty, self.reading.is_some());
        for (path, route) in paths.into_iter().zip(routes) {
            match route {
                open_requests::Route::ThisWindow => self.act(Action::OpenPath {
                    path,
                    read_only: false,
                }),
                open_requests::Route::NewWindow => {
                    if let Err(e) = (self.new_window)(&path) {
                        let file = path.display().to_string();
                        self.tell(true, |lang| {
                            format!("{} {file}: {e}", T::NewWindowFailed.get(lang))
                        });
                    }
                }
            }
        }
    }

    fn by(&self) -> String {
        match self.doc.as_ref().map(|d| &d.doc) {
            Some(Doc::Packet(p)) => {
                let name = p
                    .contest
                    .judge(&p.judge)
                    .map(|j| j.name.clone())
                    .unwrap_or_default();
                format!("{name} ({})", p.judge)
            }
            _ => self.user.clone().unwrap_or_default(),
        }
    }

    /// Whether carrying out `action` writes to the open session's record (the audit log), so it needs
    /// the full name of who does it.
    fn goes_on_record(&self, action: &Action) -> bool {
        let organizer = self.doc.as_ref().is_some_and(|d| d.role() == Role::Organizer);
        organizer
            && matches!(
                action,
                Action::Edit(_)
                    | Action::Undo
                    | Action::Redo
                    | Action::Import(_)
                    | Action::ConfirmPaper { .. }
                    | Action::FollowFolder(_)
                    | Action::BindKey { .. }
            )
    }

    /// An attachment comes from a contestant's spreadsheet: only a web link or a file inside the
    /// session's folder is offered, and opened once the person confirms, having seen where it
    /// leads; anything else is refused with the reason.
    fn open_attachment(&mut self, attachment: &str) {
        let folder = match self.doc.as_ref().map(|d| &d.origin) {
            Some(Origin::File(p)) => p.parent().map(state::full_path),
            _ => None,
        };
        match store::attachment::resolve(attachment, folder.as_deref()) {
            Ok(target) => self.views.submissions.confirm_open = Some(target),
            Err(why) => {
                let attachment = attachment.to_string();
                self.tell(true, |lang| text::attachment_refused(&attachment, &why, lang));
            }
        }
    }

    /// Takes the full name typed in the "who are you" dialog: remembered (here and for the command
    /// line), then the change that waited for it is carried out. A name that is not a full name is
    /// refused in the dialog.
    fn identify(&mut self, typed: &str) {
        let Some(naming) = self.naming.as_mut() else {
            return;
        };
        match store::person::full_name(typed) {
            Err(e) => {
                naming.problem = Some((e, typed.to_string()));
                naming.focus = true;
            }
            Ok(name) => {
                let then = self.naming.take().and_then(|n| n.then);
                self.settle_name(name);
                if let Some(action) = then {
                    self.act(action);
                }
            }
        }
    }

    /// From now on (and next time) changes are made in this name.
    fn settle_name(&mut self, name: String) {
        if let Some(dir) = &self.data_dir {
            // The app works on without it: the settings keep the name too.
            let _ = store::person::remember(dir, &name);
        }
        self.settings.name = name.clone();
        self.user = Some(name);
    }

    /// Carries out an action. Every document change passes through here; one that goes on the record
    /// waits until the person has said who they are.
    pub fn act(&mut self, action: Action) {
        if self.user.is_none() && self.goes_on_record(&action) {
            self.naming = Some(Naming {
                typed: String::new(),
                problem: None,
                then: Some(action),
                focus: true,
            });
            return;
        }
        match action {
            Action::Identify(name) => self.identify(&name),
            Action::OpenAttachment(attachment) => self.open_attachment(&attachment),
            Action::ConfirmOpen => {
                if let Some(target) = self.views.submissions.confirm_open.take() {
                    self.open_url = Some(target.url());
                    let shown = target.url();
                    self.tell(false, |lang| format!("{} {shown}", T::HandedToSystem.get(lang)));
                }
            }
            Action::AskName => {
                self.naming = Some(Naming {
                    typed: self.user.clone().unwrap_or_default(),
                    problem: None,
                    then: None,
                    focus: true,
                })
            }
            Action::Edit(edit) => self.edit(edit.in_nfc(), "app", true),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Navigate(screen) => self.screen = screen,
            Action::SetLang(lang) => {
                self.settings.lang = lang;
                if let (Some((shown, _)), Some(both)) = (self.status.as_mut(), &self.status_words) {
                    *shown = lang.t(&both[0], &both[1]).to_string();
                }
            }
            Action::SetDark(dark) => self.settings.dark = dark,
            Action::NewContest => match state::template(self.t(T::NewContestName)) {
                Ok(session) => self.set_document(
                    Document::new(Doc::Session(session), Origin::New, false),
                    Screen::Contest,
                ),
                Err(e) => self.tell(true, |lang| text::load_error(&e, lang)),
            },
            Action::OpenDialog { read_only } => {
                let title = if read_only {
                    self.t(T::OpenForAudit)
                } else {
                    self.t(T::Open)
                };
                if let Some(path) = self.picker.open_file(title, Filter::Giamkhao) {
                    self.act(Action::OpenPath { path, read_only });
                }
            }
            Action::OpenPath { path, read_only } if !read_only && is_scoresheet(&path) => {
                self.open_scoresheet(path)
            }
            Action::OpenPath { path, read_only } => self.open(&path, read_only),
            Action::OpenSample => match state::sample() {
                Ok(s) => self.set_document(
                    Document::new(Doc::Session(s), Origin::Sample, false),
                    Screen::Results,
                ),
                Err(e) => self.tell(true, |lang| text::load_error(&e, lang)),
            },
            Action::Save => {
                self.save(false);
            }
            Action::Seal { by } => self.seal(by, None),
            Action::ConfirmPaper { round, judge } => self.confirm_paper(&round, &judge),
            Action::Unseal { reason, by } => self.seal(by, Some(reason)),
            Action::SaveAs => {
                self.save(true);
            }
            Action::HandIn => self.hand_in(),
            Action::ExportPackets => self.export_packets(),
            Action::ImportDialog => {
                let files = self.picker.open_files(self.t(T::ImportSheets), Filter::Giamkhao);
                if !files.is_empty() {
                    self.act(Action::Import(files));
                }
            }
            Action::Import(paths) => self.import(&paths),
            Action::ImportRegistrationsDialog => self.read_registrations(),
            Action::ExportBlankSheetsXlsx => self.export_blank_xlsx(),
            Action::CancelOpening => {
                if let Some(opening) = self.opening.take() {
                    // The thread finishes on its own; what it read is dropped.
                    let name = opening.path.display().to_string();
                    self.tell(false, |lang| format!("{}: {name}", T::OpeningStopped.get(lang)));
                }
            }
            // Following a folder waits for the session being opened (given on the command line).
            Action::FollowFolder(path) if self.opening.is_some() => {
                if let Some(opening) = self.opening.as_mut() {
                    opening.then.push(Action::FollowFolder(path));
                }
            }
            Action::CancelReading => {
                if let Some(reading) = self.reading.take() {
                    // The thread stops at its next check; its result is dropped.
                    reading.progress.cancel();
                    self.tell(false, |lang| {
                        text::import_error(&store::import::ImportError::Cancelled, lang)
                    });
                }
            }
            Action::ExportResults { xlsx } => self.export_results(xlsx, false),
            Action::ExportResultsWithAnalysis => self.export_results(true, true),
            Action::ExportPdf(kind) => self.export_pdf(kind),
            Action::FollowFolderDialog => {
                if let Some(path) = self.picker.pick_folder(self.t(T::FollowFolder)) {
                    self.act(Action::FollowFolder(path));
                }
            }
            Action::FollowFolder(path) => self.follow_folder(path),
            Action::StopFollowing => self.stop_following(),
            Action::BindKey { judge, fingerprint } => self.bind_key(&judge, &fingerprint),
            Action::JoinFolderDialog => {
                if let Some(path) = self.picker.pick_folder(self.t(T::JoinFolder)) {
                    self.act(Action::JoinFolder(path));
                }
            }
            Action::JoinFolder(path) => self.join_folder(path),
            Action::LeaveFolder => self.leave_folder(),
        }
    }

    fn edit(&mut self, edit: Edit, note: &str, record: bool) {
        let by = self.by();
        let Some(doc) = self.doc.as_mut() else { return };
        // An import says what it did: the submissions it added or changed (one log entry each).
        let imported = match &edit {
            Edit::Submissions { source, .. } => Some(source.clone()),
            _ => None,
        };
        let logged = doc.session().map_or(0, |s| s.audit.len());
        match actions::apply(doc, edit, &by, note, jiff::Timestamp::now()) {
            Ok(inverse) => {
                if record {
                    doc.undo.push(inverse);
                    doc.redo.clear();
                }
                let changed = doc.session().map_or(0, |s| s.audit.len()).saturating_sub(logged);
                self.autosave();
                if let Some(source) = imported {
                    self.tell(false, |lang| {
                        format!(
                            "{} {source}: {} {}",
                            T::ImportDone.get(lang),
                            text::count(changed as u64, lang),
                            T::AddedOrChanged.get(lang)
                        )
                    });
                }
            }
            Err(e) => self.tell(true, |lang| screens::edit_error(&e, lang)),
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let by = self.by();
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(edit) = (if undo { doc.undo.pop() } else { doc.redo.pop() }) else {
            return;
        };
        let note = if undo { "undo" } else { "redo" };
        match actions::apply(doc, edit, &by, note, jiff::Timestamp::now()) {
            Ok(inverse) => {
                if undo {
                    doc.redo.push(inverse);
                } else {
                    doc.undo.push(inverse);
                }
                self.autosave();
            }
            Err(e) => self.tell(true, |lang| screens::edit_error(&e, lang)),
        }
    }

    /// A judge's packet is saved at every change, so a crash loses at most the field being typed.
    fn autosave(&mut self) {
        self.keep_changes(false);
        // Joined to a contest folder: the new revision goes there first; the packet then keeps
        // what was written.
        self.publish();
        let Some(doc) = self.doc.as_mut() else { return };
        if let (Doc::Packet(p), Origin::File(path)) = (&doc.doc, &doc.origin) {
            let expect = match &doc.on_disk {
                Some(stamp) => store::atomic::Expect::Unchanged(stamp),
                None => store::atomic::Expect::Anything,
            };
            match store::files::save_packet_expecting(path, p, expect) {
                Ok(stamp) => {
                    doc.on_disk = Some(stamp);
                    doc.dirty = false;
                }
                Err(e) => self.tell(true, |lang| save_failed(&e, lang)),
            }
        }
    }

    /// Opens a session or a judge packet. A large file (from [`Self::background_from`] bytes) is
    /// read on another thread while the window shows what is being opened ([`Self::poll_opening`]
    /// puts it in front when it is read); a small one at once.
    fn open(&mut self, path: &Path, read_only: bool) {
        // Known by its full path from now on: saving, recovery and the recent list do not depend on
        // the folder giamkhao was started in.
        let full = state::full_path(path);
        let bytes = std::fs::metadata(&full).map_or(0, |m| m.len());
        if bytes < self.background_from {
            return self.open_now(&full, read_only);
        }
        let stage = Arc::new(std::sync::atomic::AtomicU8::new(Stage::Reading as u8));
        let shared = Arc::clone(&stage);
        let owned = full.clone();
        let ctx = self.ctx.clone();
        let handle = std::thread::spawn(move || {
            let read = read_document(&owned, &|s| {
                shared.store(s as u8, std::sync::atomic::Ordering::Relaxed)
            });
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
            read
        });
        self.opening = Some(Opening {
            path: full,
            read_only,
            bytes,
            started: std::time::Instant::now(),
            stage,
            handle,
            then: Vec::new(),
        });
    }

    /// Opens a session or a judge packet on this thread, whatever its size.
    fn open_now(&mut self, path: &Path, read_only: bool) {
        let read = read_document(path, &|_| {});
        self.opened(path, read_only, read);
    }

    /// Whether a file is still being opened; when it has been read, puts it in front (or says why
    /// it cannot be opened) and does what waited for it.
    pub fn poll_opening(&mut self) -> bool {
        if !self.opening.as_ref().is_some_and(|o| o.handle.is_finished()) {
            return self.opening.is_some();
        }
        let Some(opening) = self.opening.take() else {
            return false;
        };
        let read = opening.handle.join().unwrap_or_else(|_| {
            Err(store::LoadError::Io {
                path: opening.path.clone(),
                message: "internal error while reading".into(),
            })
        });
        let opened = read.is_ok();
        self.opened(&opening.path, opening.read_only, read);
        if opened {
            for action in opening.then {
                self.act(action);
            }
        }
        false
    }

    /// A document read from `path`: put in front, or why it could not be opened said.
    fn opened(&mut self, path: &Path, read_only: bool, read: Result<(Document, Stamp), store::LoadError>) {
        match read {
            Ok((mut doc, stamp)) => {
                let session_here = self.doc.as_ref().is_some_and(|d| d.session().is_some());
                let screen = match doc.doc {
                    Doc::Packet(_) => Screen::Scoring,
                    // Another session opened over one stays on the screen the organizer was on
                    // (checking Progress, say); the first one opens on Results.
                    Doc::Session(_) if session_here && self.screen != Screen::Scoring => self.screen,
                    Doc::Session(_) => Screen::Results,
                };
                // Open in another giamkhao window: here only to look at, so that the two never
                // edit one file.
                let elsewhere = !read_only && !self.claim(&store::recovery::Key::File(path.to_path_buf()));
                doc.read_only = read_only || elsewhere;
                doc.on_disk = Some(stamp);
                self.set_document(doc, screen);
                if elsewhere {
                    let name = path.display().to_string();
                    self.tell(true, |lang| format!("{name}: {}", T::OpenElsewhere.get(lang)));
                }
                if screen == Screen::Scoring {
                    // A judge starts typing at once: the cursor is in the first score.
                    self.views.scoring.focus = Some(0);
                    self.judge_key();
                    // Joined to a contest folder (by the judge before, or by the secretary who
                    // prepared the packet): what was not written there yet goes now.
                    if !read_only && !elsewhere {
                        self.publish();
                        if matches!(
                            self.views.scoring.published,
                            Some(live::Published::Written { .. })
                        ) {
                            self.autosave();
                        }
                    }
                }
                self.settings.remember(path);
            }
            Err(e) => self.tell(true, |lang| {
                format!("{}: {}", T::OpenFailed.get(lang), text::load_error(&e, lang))
            }),
        }
    }

    /// A handed-in scoresheet opened — double-clicked, given on the command line, chosen in *Open* or
    /// sent by the system: merged into the session open here, as when it is dropped on the window; with
    /// no session here, into the last session, opened first. Where it cannot be merged (no session, or
    /// the session is open in another window), says so and how, and the sheet stays as it is.
    fn open_scoresheet(&mut self, path: PathBuf) {
        let session_here = matches!(self.doc.as_ref().map(|d| &d.doc), Some(Doc::Session(_)));
        let last = self.settings.last.clone().filter(|p| p.exists());
        let opened_last = !session_here && last.is_some();
        if let (true, Some(last)) = (opened_last, last) {
            // At once, whatever its size: the sheet is merged into it next.
            self.open_now(&state::full_path(&last), false);
        }
        let mergeable = self
            .doc
            .as_ref()
            .is_some_and(|d| matches!(d.doc, Doc::Session(_)) && !d.read_only);
        if mergeable {
            return self.act(Action::Import(vec![path]));
        }
        let file = path.display().to_string();
        // What opening the last session said (open in another window) stays in front.
        let words = self.status_words.clone().filter(|_| opened_last);
        self.tell(true, |lang| {
            let said = match &words {
                Some(both) => format!("{} ", both[usize::from(lang == Lang::En)]),
                None => String::new(),
            };
            format!("{said}{file}: {}", T::SheetNotMerged.get(lang))
        });
    }

    /// Confirms a paper sheet typed twice: merged as the judge's sheet (not undone step by step, like a
    /// merge; it is in the audit log).
    fn confirm_paper(&mut self, round: &str, judge: &str) {
        let by = self.by();
        let Some(doc) = self.doc.as_mut() else { return };
        if !doc.editable() {
            let key = if doc.sealed().is_some() {
                T::SealedNoEdit
            } else {
                T::ReadOnly
            };
            return self.tell(true, |lang| key.get(lang));
        }
        // Signed by the secretariat's key (this laptop's); a key that cannot be read stops it.
        let Ok(key) = self.laptop_key(T::KeyProblem) else {
            return;
        };
        let Some(doc) = self.doc.as_mut() else { return };
        let submissions = screens::paper::submissions_of(doc, round, judge);
        let Doc::Session(session) = &mut doc.doc else {
            return;
        };
        let at = jiff::Timestamp::now();
        match store::paper::confirm(session, round, judge, &submissions, &by, at, key.as_ref()) {
            Ok(report) => {
                let names = text::Names::of(session);
                let line = [Lang::Vi, Lang::En].map(|lang| {
                    let source = format!("{} {}", T::NavPaper.get(lang), names.judge(judge));
                    let signed = match &report.signed {
                        Some(print) => format!(" — {} {print}", T::SignedBySecretariat.get(lang)),
                        None => String::new(),
                    };
                    text::merge_summary(&source, &report, &names, lang) + &signed
                });
                doc.dirty = true;
                doc.undo.clear();
                doc.redo.clear();
                doc.recompute();
                self.tell(false, |lang| lang.t(&line[0], &line[1]));
                self.autosave();
            }
            Err(e) => self.tell(true, |lang| text::paper_error(&e, lang)),
        }
    }

    /// Seals the session (`None`) or unseals it with a reason, then saves it: a seal that only lived
    /// in memory would not be one. Neither can be undone with Ctrl+Z.
    fn seal(&mut self, by: String, unseal_reason: Option<String>) {
        // The name given is who this organizer is from now on (and next time, in the settings).
        let by = match store::person::full_name(&by) {
            Ok(by) => by,
            Err(e) => return self.tell(true, |lang| text::name_error(e, &by, lang)),
        };
        self.settle_name(by.clone());
        let Some(doc) = self.doc.as_mut() else { return };
        if doc.role() != Role::Organizer {
            return self.tell(true, |lang| T::ReadOnly.get(lang));
        }
        let Doc::Session(session) = &mut doc.doc else {
            return;
        };
        let before = session.clone();
        let at = jiff::Timestamp::now();
        let done = match &unseal_reason {
            None => store::seal::seal(session, &by, at).map(|_| ()),
            Some(reason) => store::seal::unseal(session, &by, &text::nfc(reason), at),
        };
        if let Err(e) = done {
            return self.tell(true, |lang| text::seal_error(&e, lang));
        }
        doc.undo.clear();
        doc.redo.clear();
        doc.dirty = true;
        doc.recompute();
        // Not saved (the save dialog cancelled, or the disk refused): the seal is taken back, nothing
        // half-done. A refusal has told its own reason; a cancelled dialog is said here.
        let saved = self.save(false);
        if saved != Saved::Yes {
            if let Some(doc) = self.doc.as_mut() {
                doc.doc = Doc::Session(before);
                doc.recompute();
            }
            if saved == Saved::Cancelled {
                let why = match unseal_reason {
                    None => T::SealNotSaved,
                    Some(_) => T::UnsealNotSaved,
                };
                self.tell(true, |lang| why.get(lang));
            }
            return;
        }
        if let Some(seal) = self.doc.as_ref().and_then(|d| d.sealed()).cloned() {
            self.tell(false, |lang| text::seal_line(&seal, lang));
        }
    }

    fn save(&mut self, ask: bool) -> Saved {
        let lang = self.lang();
        let Some(doc) = self.doc.as_mut() else {
            return Saved::Cancelled;
        };
        if doc.read_only {
            self.tell(true, |lang| T::ReadOnly.get(lang));
            return Saved::Failed;
        }
        let path = match (&doc.origin, ask) {
            (Origin::File(p), false) => Some(p.clone()),
            _ => {
                let name = if doc.name().is_empty() {
                    "cuoc-thi.gkphien".to_string()
                } else {
                    doc.name()
                };
                let filter = match &doc.doc {
                    Doc::Packet(_) => Filter::Packet,
                    _ => Filter::Session,
                };
                self.picker.save_as(T::SaveAs.get(lang), &name, filter)
            }
        };
        let Some(path) = path else {
            return Saved::Cancelled;
        };
        let Some(doc) = self.doc.as_mut() else {
            return Saved::Cancelled;
        };
        let key_before = Self::recovery_key(doc);
        // Saved back over the file it came from: only if no one changed that file since. Another
        // file chosen in the Save as dialog was confirmed there.
        let over_its_own = match &doc.origin {
            Origin::File(p) => *p == path || store::atomic::same_file(p, &path),
            _ => false,
        };
        // Never over a file another giamkhao window has open: its changes would meet these.
        let key_after = store::recovery::Key::File(path.clone());
        if !over_its_own && !self.claim(&key_after) {
            self.tell(true, |lang| {
                format!("{} {}", T::SaveOpenElsewhere.get(lang), path.display())
            });
            return Saved::Failed;
        }
        let Some(doc) = self.doc.as_mut() else {
            return Saved::Cancelled;
        };
        let expected = doc.on_disk.clone().filter(|_| over_its_own);
        let expect = match &expected {
            Some(stamp) => store::atomic::Expect::Unchanged(stamp),
            None => store::atomic::Expect::Anything,
        };
        let result = match &mut doc.doc {
            Doc::Session(s) => store::files::save_session_expecting(&path, s, expect),
            Doc::Packet(p) => store::files::save_packet_expecting(&path, p, expect),
        };
        match result {
            Ok(stamp) => {
                doc.origin = Origin::File(path.clone());
                doc.on_disk = Some(stamp);
                doc.dirty = false;
                self.forget_changes(&key_before);
                self.forget_changes(&store::recovery::Key::File(path.clone()));
                self.settings.remember(&path);
                self.tell(false, |lang| format!("{} {}", T::Saved.get(lang), path.display()));
                Saved::Yes
            }
            Err(e) => {
                // A failed write says "Không lưu được FILE: …" itself.
                self.tell(true, |lang| match &e {
                    store::LoadError::Write { .. } => save_failed(&e, lang),
                    _ => format!("{}: {}", T::SaveFailed.get(lang), save_failed(&e, lang)),
                });
                Saved::Failed
            }
        }
    }

    fn hand_in(&mut self) {
        let lang = self.lang();
        // What was typed just before the click is handed in too (and saved to the packet first).
        let pending = match self.doc.as_ref().map(|d| &d.doc) {
            Some(Doc::Packet(p)) => screens::scoring::uncommitted(&mut self.views.scoring, p, lang),
            _ => return,
        };
        for edit in pending {
            self.act(Action::Edit(edit));
        }
        let Some(Doc::Packet(p)) = self.doc.as_ref().map(|d| &d.doc) else {
            return;
        };
        // One of them refused (a comment over its length): its message stays, nothing is handed in.
        if !screens::scoring::uncommitted(&mut self.views.scoring, p, lang).is_empty() {
            return;
        }
        // A refused value on screen is not in the sheet: handing in now would send the old one.
        if let Some(((submission, criterion), _)) = self.views.scoring.refused.first_key_value() {
            let message = [Lang::Vi, Lang::En].map(|lang| {
                format!(
                    "{} {}",
                    T::HandInBlocked.get(lang),
                    screens::scoring::unsaved_fields(&self.views.scoring, p, lang)
                )
            });
            let field = p
                .contest
                .round(&p.round)
                .and_then(|r| r.criteria.iter().position(|c| &c.id == criterion));
            self.views.scoring.selected = Some(submission.clone());
            self.views.scoring.focus = field;
            self.tell(true, |lang| lang.t(&message[0], &message[1]));
            self.hand_in_blocked = true;
            return;
        }
        let sheet = p.sheet.clone();
        let audit = p.audit.clone();
        // Signed with this laptop's key (made the first time), so the organizers can tell the sheet
        // came from here; a key that cannot be read stops the hand-in before anything is asked.
        // Without a data folder to keep a key in, it goes unsigned and says so.
        let Ok(key) = self.laptop_key(T::KeyFailed) else {
            return;
        };
        let name = format!("phieu-cham-{}-{}.gkphieu", sheet.judge, sheet.round);
        let Some(path) = self
            .picker
            .save_as(T::HandIn.get(lang), &name, Filter::Scoresheet)
        else {
            return;
        };
        let mut file = ScoresheetFile::new(sheet);
        file.audit = audit;
        let signed = key.map(|key| {
            store::signing::sign(&mut file, &key);
            store::signing::fingerprint(key.verifying_key().as_bytes())
        });
        self.key_fingerprint = signed.clone().or(self.key_fingerprint.take());
        match store::save_scoresheet(&path, &file) {
            Ok(()) => self.tell(false, |lang| {
                let how = match &signed {
                    Some(print) => format!("{} {print}", T::SignedWith.get(lang)),
                    None => T::NotSigned.get(lang).to_string(),
                };
                format!("{} {} — {how}", T::HandedIn.get(lang), path.display())
            }),
            Err(e) => self.tell(true, |lang| text::load_error(&e, lang).to_string()),
        }
    }

    fn export_packets(&mut self) {
        let lang = self.lang();
        let Some(session) = self.doc.as_ref().and_then(|d| d.session()).cloned() else {
            return;
        };
        let Some(folder) = self.picker.pick_folder(T::ExportPackets.get(lang)) else {
            return;
        };
        if let Err(e) = std::fs::create_dir_all(&folder) {
            return self.tell(true, |_| format!("{}: {e}", folder.display()));
        }
        let mut written = 0;
        for judge in &session.contest.judges {
            let Ok(packet) = store::make_packet(&session, &judge.id, None) else {
                continue;
            };
            let path = folder.join(format!("goi-{}.gkgoi", judge.id));
            if let Err(e) = store::save_packet(&path, &packet) {
                return self.tell(true, |lang| text::load_error(&e, lang));
            }
            written += 1;
        }
        self.tell(false, |lang| {
            format!(
                "{} {} ({written})",
                T::ExportedPackets.get(lang),
                folder.display()
            )
        });
    }

    fn import(&mut self, paths: &[PathBuf]) {
        let lang = self.lang();
        let by = self.by();
        let mut report = ImportReport::default();
        let Some(doc) = self.doc.as_mut() else { return };
        if doc.read_only {
            return self.tell(true, |lang| T::ReadOnly.get(lang));
        }
        let Doc::Session(session) = &mut doc.doc else {
            return;
        };
        let mut changed = false;
        for path in paths {
            let source = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let sheet = match store::files::load_handed_in(path) {
                Ok(s) => s,
                Err(e) => {
                    report.lines.push(text::load_error(&e, lang));
                    continue;
                }
            };
            match store::merge::merge_handed_in(session, &sheet, &by, &source, jiff::Timestamp::now()) {
                Ok(r) => {
                    changed |= r.changed();
                    let names = text::Names::of(session);
                    report.lines.push(text::merge_summary(&source, &r, &names, lang));
                    // Which projects changed, by name, under the counts.
                    for line in text::merge_details(&r, &names, lang) {
                        report.lines.push(format!("    {line}"));
                    }
                }
                Err(e) => report.lines.push(text::merge_error(&e, &source, lang)),
            }
        }
        if changed {
            doc.dirty = true;
            // A merge is not undone step by step; it is in the audit log.
            doc.undo.clear();
            doc.redo.clear();
            doc.recompute();
        }
        self.import_report = Some(report);
        self.autosave();
    }

    fn read_registrations(&mut self) {
        let lang = self.lang();
        if let Some(path) = self
            .picker
            .open_file(T::ImportRegistrations.get(lang), Filter::Registrations)
        {
            self.registrations_from(&path);
        }
    }

    /// Starts reading a spreadsheet of registrations on another thread; [`Self::poll_reading`] opens
    /// the column-mapping step when it is read.
    fn registrations_from(&mut self, path: &Path) {
        if !self
            .doc
            .as_ref()
            .is_some_and(|d| d.role() == Role::Organizer && d.session().is_some())
        {
            return self.tell(true, |lang| T::ReadOnly.get(lang));
        }
        let progress = Arc::new(store::import::Progress::default());
        let shared = Arc::clone(&progress);
        let owned = path.to_path_buf();
        let handle = std::thread::spawn(move || store::import::read_table_with(&owned, &shared));
        self.registrations = None;
        self.reading = Some(Reading {
            source: path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            progress,
            handle,
        });
    }

    /// Whether a registrations file is still being read; when it has been, guesses the columns,
    /// plans the import and opens the mapping step (or tells what went wrong).
    pub fn poll_reading(&mut self) -> bool {
        if !self.reading.as_ref().is_some_and(|r| r.handle.is_finished()) {
            return self.reading.is_some();
        }
        let Some(reading) = self.reading.take() else {
            return false;
        };
        let read = reading.handle.join().unwrap_or_else(|_| {
            Err(store::import::ImportError::Io {
                path: PathBuf::from(&reading.source),
                message: "internal error while reading".into(),
            })
        });
        let Some(session) = self.doc.as_ref().and_then(|d| d.session()) else {
            return false;
        };
        match read {
            Ok(table) => {
                use store::import::{Mapping, NotRegistrations, guess_mapping, recognise};
                // A header that is not a registration list's is said so; its columns are guessed only
                // when no title was found (so choosing it by hand is still needed), else none is.
                let (mapping, refused) = match recognise(&table) {
                    Ok(mapping) => (mapping, None),
                    Err(why @ NotRegistrations::NoTitle { .. }) => (guess_mapping(&table.headers), Some(why)),
                    Err(why) => (Mapping::default(), Some(why)),
                };
                let plan = store::import::plan_import(session, &table, &mapping);
                self.registrations = Some(RegistrationsImport {
                    source: reading.source,
                    refused,
                    table,
                    mapping,
                    plan,
                });
            }
            Err(e) => self.tell(true, |lang| text::import_error(&e, lang).to_string()),
        }
        false
    }

    /// The analysis of the results' round (the last): the Analysis screen's when it was worked out
    /// for this state of the session, or worked out now.
    fn analysis_for_export(&self) -> Option<std::borrow::Cow<'_, crate::analysis::Analysis>> {
        let doc = self.doc.as_ref()?;
        let session = doc.session()?;
        let index = doc.results.len().checked_sub(1)?;
        let round = &session.contest.rounds.get(index)?.id;
        if let Some(a) = self.views.analysis.cached(doc.generation, round) {
            return Some(std::borrow::Cow::Borrowed(a));
        }
        Some(std::borrow::Cow::Owned(crate::analysis::analyze_with(
            session,
            index,
            &doc.results,
            Default::default(),
        )))
    }

    fn export_results(&mut self, xlsx: bool, with_analysis: bool) {
        let lang = self.lang();
        let analysis = if with_analysis {
            self.analysis_for_export().map(|a| a.into_owned())
        } else {
            None
        };
        let Some(doc) = self.doc.as_ref() else { return };
        let Some(session) = doc.session() else { return };
        let Some(result) = doc.results.last() else { return };
        let analysis_table = analysis
            .as_ref()
            .map(|a| store::export::analysis_table(session, a, lang));
        let (name, title, filter) = if with_analysis {
            ("ket-qua-phan-tich.xlsx", T::ExportXlsxWithAnalysis, Filter::Excel)
        } else if xlsx {
            ("ket-qua.xlsx", T::ExportXlsx, Filter::Excel)
        } else {
            ("ket-qua.csv", T::ExportCsv, Filter::Csv)
        };
        let Some(path) = self.picker.save_as(title.get(lang), name, filter) else {
            return;
        };
        // Each table is made as it is written and let go (a large contest's are hundreds of MB).
        let tables = store::export::each_table(session, result, lang).chain(analysis_table);
        let written = if xlsx {
            store::export::write_xlsx(&path, tables).map(|()| vec![path.clone()])
        } else {
            store::export::write_csv(&path, tables, lang)
        };
        match written {
            Ok(files) => {
                let list: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
                self.exported(&list.join(", "));
            }
            Err(e) => self.tell(true, |_| format!("{}: {e}", path.display())),
        }
    }

    /// Says what was written; from a file that no longer matches its seal, as a warning, with why.
    fn exported(&mut self, files: &str) {
        let broken = self.doc.as_ref().is_some_and(|d| d.seal.is_broken());
        let files = files.to_string();
        self.tell(broken, |lang| {
            let done = format!("{} {files}", T::Exported.get(lang));
            if broken {
                format!("{done} — {}", text::broken_seal(lang))
            } else {
                done
            }
        });
    }

    fn export_blank_xlsx(&mut self) {
        let lang = self.lang();
        let Some(doc) = self.doc.as_ref() else { return };
        let Some(session) = doc.session() else { return };
        let Some(result) = doc.results.last() else { return };
        let Some(path) = self.picker.save_as(
            T::ExportBlankXlsx.get(lang),
            "phieu-cham-trong.xlsx",
            Filter::Excel,
        ) else {
            return;
        };
        let written = store::export::blank_scoresheets(session, &result.round, lang)
            .and_then(|tables| store::export::write_xlsx(&path, tables));
        match written {
            Ok(()) => self.exported(&path.display().to_string()),
            Err(e) => self.tell(true, |_| format!("{}: {e}", path.display())),
        }
    }

    fn export_pdf(&mut self, kind: PdfKind) {
        let lang = self.lang();
        let analysis = if kind == PdfKind::ReportWithAnalysis {
            self.analysis_for_export().map(|a| a.into_owned())
        } else {
            None
        };
        let Some(doc) = self.doc.as_ref() else { return };
        let Some(session) = doc.session() else { return };
        let Some(result) = doc.results.last() else { return };
        let (title, name) = match kind {
            PdfKind::Report => (T::ExportReport, "bien-ban-ket-qua.pdf"),
            PdfKind::ReportWithAnalysis => (T::ExportReportWithAnalysis, "bien-ban-kem-phan-tich.pdf"),
            PdfKind::Awards => (T::ExportAwards, "danh-sach-dat-giai.pdf"),
            PdfKind::BlankSheets => (T::ExportBlankSheets, "phieu-cham-trong.pdf"),
        };
        let bytes = match kind {
            PdfKind::Report => store::pdf::results_report(session, result, lang),
            PdfKind::ReportWithAnalysis => {
                store::pdf::results_report_with(session, result, analysis.as_ref(), lang)
            }
            PdfKind::Awards => store::pdf::award_list(session, result, lang),
            PdfKind::BlankSheets => store::pdf::blank_scoresheets(session, &result.round, lang),
        };
        let Some(path) = self.picker.save_as(title.get(lang), name, Filter::Pdf) else {
            return;
        };
        match bytes.and_then(|b| store::atomic::write_atomic(&path, &b).map_err(|e| e.to_string())) {
            Ok(()) => self.exported(&path.display().to_string()),
            Err(e) => self.tell(true, |_| format!("{}: {e}", path.display())),
        }
    }

    /// Opens or imports files dropped on the window: sessions and packets open, scoresheets merge.
    fn dropped(&mut self, paths: Vec<PathBuf>) {
        let mut sheets = Vec::new();
        for path in paths {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"].contains(&ext.as_str()) {
                self.registrations_from(&path);
                continue;
            }
            let kind = store::files::read_text(&path)
                .and_then(|raw| store::files::detect_kind(&path, &raw, Format::of(&path)));
            match kind {
                Ok(FileKind::Scoresheet) => sheets.push(path),
                _ => self.act(Action::OpenPath {
                    path,
                    read_only: false,
                }),
            }
        }
        if !sheets.is_empty() {
            self.act(Action::Import(sheets));
        }
    }
}

/// Whether `path` is a handed-in scoresheet (by its content, whatever its name ends in).
/// Whether `path` is a handed-in scoresheet: by the ending of its name when it is one of giamkhao's
/// own kinds; a `.ron` or `.json` file by its first lines, read here on the window's thread — so
/// never a large session whole (it is read on another thread when it opens).
fn is_scoresheet(path: &Path) -> bool {
    let ending = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ending.as_str() {
        "gkphieu" => return true,
        "gkphien" | "gkgoi" => return false,
        _ => {}
    }
    const HEAD: u64 = 64 * 1024;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if std::io::Read::read_to_end(&mut std::io::Read::take(file, HEAD), &mut head).is_err() {
        return false;
    }
    let whole = (head.len() as u64) < HEAD;
    // A cut in the middle of a letter is dropped; so is a cut file's tail, which only a file with
    // its kind far below its first lines would need (then it opens and says it is a scoresheet).
    let text = match String::from_utf8(head) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            String::from_utf8_lossy(&e.into_bytes()[..valid]).into_owned()
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let head = if whole {
        text.to_owned()
    } else {
        text.lines().take(8).collect::<Vec<_>>().join("\n")
    };
    store::files::detect_kind(path, &head, Format::of(path)).is_ok_and(|kind| kind == FileKind::Scoresheet)
}

impl GiamkhaoApp {
    /// One Tab or Enter per frame: what came after it in the same frame waits for the next one. egui
    /// moves the focus at the start of a frame, so "15⇥14" typed fast (or arriving together while a
    /// frame is slow, as when a large session is saved) would otherwise land as "1514" in one field.
    /// Called with each frame's raw input before the frame begins; returns whether input is held.
    pub fn pace_input(&mut self, events: &mut Vec<egui::Event>) -> bool {
        let mut all = std::mem::take(&mut self.held_input);
        all.append(events);
        let moves_on = |e: &egui::Event| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Tab | egui::Key::Enter,
                    pressed: true,
                    ..
                }
            )
        };
        if let Some(at) = all.iter().position(moves_on)
            && at + 1 < all.len()
        {
            self.held_input = all.split_off(at + 1);
        }
        *events = all;
        !self.held_input.is_empty()
    }
}

impl eframe::App for GiamkhaoApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.pace_input(&mut raw_input.events) {
            ctx.request_repaint();
        }
    }

    /// Runs before every frame and also while the window is minimized or hidden (when woken by the
    /// contest folder's timer or events): the folder is followed and a judge's unsent sheet retried
    /// whether or not anyone is looking.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        for next in [self.poll_live(), self.retry_publish()].into_iter().flatten() {
            ctx.request_repaint_after(next);
        }
        if self.poll_opening() {
            // The time shown in the dialog moves on.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.take_open_requests();
        if self.renderer.is_none() {
            self.renderer = if frame.wgpu_render_state().is_some() {
                Some("wgpu")
            } else if frame.gl().is_some() {
                Some("OpenGL")
            } else {
                None
            };
        }
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        if std::mem::take(&mut self.fresh_views) {
            ctx.memory_mut(|m| m.data.clear());
        }
        if self.hand_in_blocked && self.views.scoring.refused.is_empty() {
            // What it said is no longer so.
            self.hand_in_blocked = false;
            self.status = None;
            self.status_words = None;
        }
        if !self.styled {
            // Scroll bars always drawn, never only on hover: whatever lies below the fold (a judge's
            // comment on a small screen) shows that it is there.
            ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
            self.styled = true;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.dropped(dropped);
        }
        if self.poll_reading() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if self.keep_pending {
            self.keep_changes(false);
            if self.keep_pending {
                ctx.request_repaint_after(std::time::Duration::from_secs(2));
            }
        }
        let actions = chrome::show(self, ui);
        for action in actions {
            self.act(action);
        }
        self.hold_claim();
        if let Some(url) = self.open_url.take() {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
        chrome::close_guard(self, &ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
