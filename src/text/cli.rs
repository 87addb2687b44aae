//! Words of the command line only, in both languages: how to give the name that goes on the record.

use super::Lang;

/// After `--by` was refused (the reason from [`super::name_error`]): how to give it.
pub fn by_refused(reason: &str, lang: Lang) -> String {
    format!(
        "--by: {reason} {}. {}",
        lang.t(
            "(ví dụ: --by \"Trần Thị Thu\")",
            "(for example --by \"Trần Thị Thu\")"
        ),
        nothing_changed(lang)
    )
}

/// No `--by` and no name remembered: what is needed, and how to give it once.
pub fn by_missing(lang: Lang) -> String {
    format!(
        "{} {}",
        lang.t(
            "Cần họ và tên của người thực hiện để ghi vào hồ sơ: hãy thêm --by \"Họ và tên\" (ví dụ: --by \"Trần Thị Thu\"); tên được nhớ cho những lần sau.",
            "A full name is needed for the record: add --by \"Full Name\" (for example --by \"Trần Thị Thu\"); it is remembered for next time."
        ),
        nothing_changed(lang)
    )
}

/// The name remembered from last time, said before it goes on the record.
pub fn by_remembered(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Người thực hiện: {name} (tên đã nhớ từ lần trước; đổi bằng --by)"),
        Lang::En => format!("Done by: {name} (the name remembered from last time; change it with --by)"),
    }
}

/// The name was taken but could not be kept for next time.
pub fn by_not_remembered(error: &str, lang: Lang) -> String {
    format!(
        "{} ({error})",
        lang.t(
            "Lưu ý: không nhớ được tên cho lần sau",
            "Note: the name could not be remembered for next time"
        )
    )
}

fn nothing_changed(lang: Lang) -> &'static str {
    lang.t("Chưa có gì thay đổi.", "Nothing was changed.")
}
