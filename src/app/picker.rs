//! File dialogs behind one small trait, so tests answer them without opening a window.

use std::path::PathBuf;

/// What the app asks the person to choose. `None`: they cancelled.
pub trait FilePicker {
    fn open_file(&mut self, title: &str) -> Option<PathBuf>;
    fn open_files(&mut self, title: &str) -> Vec<PathBuf>;
    fn save_file(&mut self, title: &str, suggested_name: &str) -> Option<PathBuf>;
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf>;
}

/// The system's dialogs (through rfd).
pub struct SystemPicker;

fn giamkhao_filter(dialog: rfd::FileDialog) -> rfd::FileDialog {
    dialog
        .add_filter("giamkhao (RON, JSON)", &["ron", "json"])
        .add_filter("*", &["*"])
}

impl FilePicker for SystemPicker {
    fn open_file(&mut self, title: &str) -> Option<PathBuf> {
        giamkhao_filter(rfd::FileDialog::new().set_title(title)).pick_file()
    }
    fn open_files(&mut self, title: &str) -> Vec<PathBuf> {
        giamkhao_filter(rfd::FileDialog::new().set_title(title))
            .pick_files()
            .unwrap_or_default()
    }
    fn save_file(&mut self, title: &str, suggested_name: &str) -> Option<PathBuf> {
        giamkhao_filter(
            rfd::FileDialog::new()
                .set_title(title)
                .set_file_name(suggested_name),
        )
        .save_file()
    }
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }
}

/// Answers given in advance, for tests: each call takes the next answer of its kind.
#[derive(Default)]
pub struct FakePicker {
    pub files: Vec<PathBuf>,
    pub saves: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
}

impl FilePicker for FakePicker {
    fn open_file(&mut self, _title: &str) -> Option<PathBuf> {
        (!self.files.is_empty()).then(|| self.files.remove(0))
    }
    fn open_files(&mut self, _title: &str) -> Vec<PathBuf> {
        std::mem::take(&mut self.files)
    }
    fn save_file(&mut self, _title: &str, _suggested_name: &str) -> Option<PathBuf> {
        (!self.saves.is_empty()).then(|| self.saves.remove(0))
    }
    fn pick_folder(&mut self, _title: &str) -> Option<PathBuf> {
        (!self.folders.is_empty()).then(|| self.folders.remove(0))
    }
}
