//! File dialogs behind one small trait, so tests answer them without opening a window. Each dialog
//! is told what kind of file it is for, so it lists those files; the app saves through `save_as`,
//! which gives the file the kind's extension when the name typed has none.

use std::path::PathBuf;

/// The kind of file a dialog is for: which files it lists, and the extension a saved one gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Sessions, judge packets and scoresheets (RON, or JSON).
    Giamkhao,
    /// Registrations: a spreadsheet or a text file.
    Registrations,
    Excel,
    Csv,
    Pdf,
}

impl Filter {
    /// What the dialog shows for the filter, and its extensions (the first is the one a saved file
    /// gets when its name has none).
    pub fn spec(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Filter::Giamkhao => ("giamkhao (RON, JSON)", &["ron", "json"]),
            Filter::Registrations => (
                "Excel, LibreOffice, CSV (xlsx, xls, ods, csv, txt)",
                &["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"],
            ),
            Filter::Excel => ("Excel (xlsx)", &["xlsx"]),
            Filter::Csv => ("CSV", &["csv"]),
            Filter::Pdf => ("PDF", &["pdf"]),
        }
    }

    /// `path` with the filter's extension added when the name typed has none ("ket-qua" →
    /// "ket-qua.xlsx"); a name with an extension is kept as typed.
    pub fn with_extension(self, path: PathBuf) -> PathBuf {
        if path.extension().is_some() {
            return path;
        }
        let (_, extensions) = self.spec();
        match extensions.first() {
            Some(ext) => {
                let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
                name.push(".");
                name.push(ext);
                path.with_file_name(name)
            }
            None => path,
        }
    }
}

/// What the app asks the person to choose. `None`: they cancelled.
pub trait FilePicker {
    fn open_file(&mut self, title: &str, filter: Filter) -> Option<PathBuf>;
    fn open_files(&mut self, title: &str, filter: Filter) -> Vec<PathBuf>;
    fn save_file(&mut self, title: &str, suggested_name: &str, filter: Filter) -> Option<PathBuf>;
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf>;

    /// Where to save a file of `filter`'s kind, as the app asks it: a name typed without
    /// extension gets the kind's.
    fn save_as(&mut self, title: &str, suggested_name: &str, filter: Filter) -> Option<PathBuf> {
        self.save_file(title, suggested_name, filter)
            .map(|p| filter.with_extension(p))
    }
}

/// The system's dialogs (through rfd).
pub struct SystemPicker;

fn dialog(title: &str, filter: Filter) -> rfd::FileDialog {
    let (name, extensions) = filter.spec();
    rfd::FileDialog::new()
        .set_title(title)
        .add_filter(name, extensions)
        .add_filter("*", &["*"])
}

impl FilePicker for SystemPicker {
    fn open_file(&mut self, title: &str, filter: Filter) -> Option<PathBuf> {
        dialog(title, filter).pick_file()
    }
    fn open_files(&mut self, title: &str, filter: Filter) -> Vec<PathBuf> {
        dialog(title, filter).pick_files().unwrap_or_default()
    }
    fn save_file(&mut self, title: &str, suggested_name: &str, filter: Filter) -> Option<PathBuf> {
        dialog(title, filter).set_file_name(suggested_name).save_file()
    }
    fn pick_folder(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }
}

/// Answers given in advance, for tests: each call takes the next answer of its kind, and every
/// dialog's filter is noted in `asked`.
#[derive(Default)]
pub struct FakePicker {
    pub files: Vec<PathBuf>,
    pub saves: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
    pub asked: std::sync::Arc<std::sync::Mutex<Vec<Filter>>>,
}

impl FakePicker {
    fn note(&self, filter: Filter) {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(filter);
        }
    }
}

impl FilePicker for FakePicker {
    fn open_file(&mut self, _title: &str, filter: Filter) -> Option<PathBuf> {
        self.note(filter);
        (!self.files.is_empty()).then(|| self.files.remove(0))
    }
    fn open_files(&mut self, _title: &str, filter: Filter) -> Vec<PathBuf> {
        self.note(filter);
        std::mem::take(&mut self.files)
    }
    fn save_file(&mut self, _title: &str, _suggested_name: &str, filter: Filter) -> Option<PathBuf> {
        self.note(filter);
        (!self.saves.is_empty()).then(|| self.saves.remove(0))
    }
    fn pick_folder(&mut self, _title: &str) -> Option<PathBuf> {
        (!self.folders.is_empty()).then(|| self.folders.remove(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_name_typed_without_extension_gets_the_filters() {
        assert_eq!(
            Filter::Excel.with_extension(PathBuf::from("/tmp/ket-qua")),
            PathBuf::from("/tmp/ket-qua.xlsx")
        );
        assert_eq!(
            Filter::Pdf.with_extension(PathBuf::from("biên bản")),
            PathBuf::from("biên bản.pdf")
        );
        // A name with an extension is the person's choice.
        assert_eq!(
            Filter::Csv.with_extension(PathBuf::from("ket-qua.txt")),
            PathBuf::from("ket-qua.txt")
        );
    }
}
