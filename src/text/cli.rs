//! Words of the command line only, in both languages: how to give the name that goes on the record,
//! the summary that ends a merge of several sheets, and why `generate` refuses a shape.

use std::path::Path;

use super::{Lang, count};

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

/// What became of each sheet given to `giamkhao merge`, by file name.
#[derive(Clone, Debug, Default)]
pub struct MergeOutcome {
    /// Sheets that brought new or newer scores.
    pub merged: Vec<String>,
    /// Sheets read and checked that brought nothing the session did not have.
    pub nothing_new: Vec<String>,
    /// Sheets (merged or not) with an entry in conflict with the session's.
    pub conflicts: Vec<String>,
    /// Sheets refused whole, each with the reason in full (it names the file).
    pub refused: Vec<(String, String)>,
}

/// The summary that ends a merge: how many sheets, which were merged, which brought nothing new,
/// which had conflicts, and which were not merged and why.
pub fn merge_outcome(o: &MergeOutcome, lang: Lang) -> Vec<String> {
    let n = |v: usize| count(v as u64, lang);
    let total = o.merged.len() + o.nothing_new.len() + o.refused.len();
    let mut lines = vec![match lang {
        Lang::Vi => format!(
            "Tóm tắt: {} phiếu — {} đã gộp, {} không có gì mới, {} không gộp.",
            n(total),
            n(o.merged.len()),
            n(o.nothing_new.len()),
            n(o.refused.len())
        ),
        Lang::En => format!(
            "Summary: {} sheet{} — {} merged, {} with nothing new, {} not merged.",
            n(total),
            if total == 1 { "" } else { "s" },
            n(o.merged.len()),
            n(o.nothing_new.len()),
            n(o.refused.len())
        ),
    }];
    let mut list = |heading: &str, names: &[String]| {
        if !names.is_empty() {
            lines.push(format!("  {heading}: {}", names.join(", ")));
        }
    };
    list(lang.t("Đã gộp", "Merged"), &o.merged);
    list(lang.t("Không có gì mới", "Nothing new"), &o.nothing_new);
    list(
        lang.t(
            "Có xung đột (giữ bản trong phiên, cần xác minh với giám khảo)",
            "With conflicts (the session's entries are kept; check with the judge)",
        ),
        &o.conflicts,
    );
    if !o.refused.is_empty() {
        lines.push(format!("  {}:", lang.t("Không gộp", "Not merged")));
        for (_, reason) in &o.refused {
            lines.extend(reason.lines().map(|l| format!("    {l}")));
        }
    }
    lines
}

/// Whether the session was saved after a merge, and where: over `session` (the previous version
/// kept beside it), to `saved` given with `-o`, or not at all; and what to do about refused sheets.
pub fn merge_saved(o: &MergeOutcome, session: &Path, saved: Option<&Path>, lang: Lang) -> String {
    let (session, backup) = (
        session.display(),
        crate::store::atomic::backup_path(session).display().to_string(),
    );
    let mut line = match (saved, lang) {
        (None, _) => {
            return lang
                .t(
                    "Không có thay đổi; tệp phiên giữ nguyên.",
                    "Nothing changed; the session file is untouched.",
                )
                .into();
        }
        (Some(out), Lang::Vi) if out.display().to_string() != session.to_string() => {
            format!("Đã lưu phiên đã gộp vào {}; {session} giữ nguyên.", out.display())
        }
        (Some(out), Lang::En) if out.display().to_string() != session.to_string() => {
            format!(
                "Saved the merged session to {}; {session} is untouched.",
                out.display()
            )
        }
        (Some(_), Lang::Vi) => format!("Đã lưu {session} (bản trước giữ ở {backup})."),
        (Some(_), Lang::En) => format!("Saved {session} (the previous version is kept in {backup})."),
    };
    if !o.refused.is_empty() {
        let names: Vec<&str> = o.refused.iter().map(|(name, _)| name.as_str()).collect();
        line.push(' ');
        line.push_str(&match lang {
            Lang::Vi => format!(
                "Chưa gộp {}: sửa rồi gộp lại (gộp lại một phiếu đã gộp không thay đổi gì).",
                names.join(", ")
            ),
            Lang::En => format!(
                "Not merged: {}; fix and merge again (merging an already merged sheet again changes nothing).",
                names.join(", ")
            ),
        });
    }
    line
}

/// Why `giamkhao generate` writes nothing: every problem of the shape asked for.
pub fn generate_refused(problems: &[crate::generate::ShapeProblem], lang: Lang) -> String {
    use crate::generate::ShapeProblem as P;
    let reasons: Vec<String> = problems
        .iter()
        .map(|p| match (p, lang) {
            (P::NoSubmissions, _) => lang
                .t("cần ít nhất 1 dự án", "at least 1 submission is needed")
                .into(),
            (P::NoJudges, _) => lang
                .t("cần ít nhất 1 giám khảo", "at least 1 judge is needed")
                .into(),
            (P::NoJudgesPerSubmission, _) => lang
                .t(
                    "mỗi dự án cần ít nhất 1 giám khảo chấm (--per-submission)",
                    "each submission needs at least 1 judge (--per-submission)",
                )
                .into(),
            (
                P::MoreJudgesPerSubmissionThanJudges {
                    per_submission,
                    judges,
                },
                Lang::Vi,
            ) => {
                format!("{per_submission} giám khảo chấm mỗi dự án nhưng cuộc thi chỉ có {judges} giám khảo")
            }
            (
                P::MoreJudgesPerSubmissionThanJudges {
                    per_submission,
                    judges,
                },
                Lang::En,
            ) => {
                format!("{per_submission} judges per submission but only {judges} judges")
            }
            (P::NoCriteria, _) => lang
                .t("cần ít nhất 1 tiêu chí", "at least 1 criterion is needed")
                .into(),
        })
        .collect();
    format!(
        "{}: {}. {}",
        lang.t("Không tạo được cuộc thi mô phỏng", "Cannot generate the contest"),
        reasons.join("; "),
        lang.t("Chưa ghi tệp nào.", "Nothing was written.")
    )
}
