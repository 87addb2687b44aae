//! File dialogs behind one small trait, so tests answer them without opening a window. Each dialog
//! is told what kind of file it is for, so it lists those files; the app saves through `save_as`,
//! which gives the file the kind's extension when the name typed has none.

use std::path::PathBuf;

/// The kind of file a dialog is for: which files it lists, and the extension a saved one gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Any giamkhao file: a session, a judge packet or a scoresheet, by its own extension or as
    /// `.ron`/`.json` (as earlier versions named them; a file's kind is read from its content).
    Giamkhao,
    /// A session, saved as `.gkphien` ("phiên").
    Session,
    /// A judge's packet, saved as `.gkgoi` ("gói").
    Packet,
    /// A handed-in scoresheet, saved as `.gkphieu` ("phiếu").
    Scoresheet,
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
            Filter::Giamkhao => (
                "giamkhao (gkphien, gkgoi, gkphieu, ron, json)",
                &["gkphien", "gkgoi", "gkphieu", "ron", "json"],
            ),
            Filter::Session => ("giamkhao: phiên / session (gkphien)", &["gkphien", "ron", "json"]),
            Filter::Packet => ("giamkhao: gói / packet (gkgoi)", &["gkgoi", "ron", "json"]),
            Filter::Scoresheet => (
                "giamkhao: phiếu chấm / scoresheet (gkphieu)",
                &["gkphieu", "ron", "json"],
            ),
            Filter::Registrations => (
                "Excel, LibreOffice, CSV (xlsx, xls, ods, csv, txt)",
                &["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"],
            ),
            Filter::Excel => ("Excel (xlsx)", &["xlsx"]),
            Filter::Csv => ("CSV", &["csv"]),
            Filter::Pdf => ("PDF", &["pdf"]),
        }
    }

    /// The name to suggest for a file of this kind: a giamkhao file named `.ron`, as earlier versions
    /// named them, is suggested with the kind's own extension ("phien.ron" → "phien.gkphien"); any
    /// other name is kept.
    pub fn suggest(self, name: &str) -> String {
        let path = std::path::Path::new(name);
        let is_ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        match (self, self.spec().1.first()) {
            (Filter::Session | Filter::Packet | Filter::Scoresheet, Some(ext)) if is_ron => {
                path.with_extension(ext).to_string_lossy().into_owned()
            }
            _ => name.to_string(),
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
        self.save_file(title, &filter.suggest(suggested_name), filter)
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
    fn giamkhao_files_are_saved_under_their_kinds_extension() {
        assert_eq!(
            Filter::Session.with_extension(PathBuf::from("/tmp/chung-khao")),
            PathBuf::from("/tmp/chung-khao.gkphien")
        );
        assert_eq!(
            Filter::Packet.with_extension(PathBuf::from("goi-gk3")),
            PathBuf::from("goi-gk3.gkgoi")
        );
        assert_eq!(
            Filter::Scoresheet.with_extension(PathBuf::from("phieu")),
            PathBuf::from("phieu.gkphieu")
        );
        // A name from an earlier version is suggested under the new extension; others are kept.
        assert_eq!(Filter::Session.suggest("phien.ron"), "phien.gkphien");
        assert_eq!(Filter::Packet.suggest("goi-gk3.RON"), "goi-gk3.gkgoi");
        assert_eq!(Filter::Session.suggest("phien.json"), "phien.json");
        assert_eq!(Filter::Excel.suggest("ket-qua.ron"), "ket-qua.ron");
        // Opening lists every kind, and the older names.
        let (_, open) = Filter::Giamkhao.spec();
        for ext in ["gkphien", "gkgoi", "gkphieu", "ron", "json"] {
            assert!(open.contains(&ext), "{ext}");
        }
    }

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
