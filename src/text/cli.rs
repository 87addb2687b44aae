//! Words of the command line only, in both languages: the help of every command and option, argument
//! errors, how to give the name that goes on the record, the summary that ends a merge of several
//! sheets, and why `generate` refuses a shape.

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
    /// Sheets (merged or not) with entries refused on their own (not assigned, revision leap).
    pub entries_refused: Vec<String>,
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
    list(
        lang.t(
            "Có mục không gộp (xem lý do ở trên)",
            "With entries not merged (the reasons are above)",
        ),
        &o.entries_refused,
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

/// The file to write (`-o`) is a file the command reads — the session, a sheet — under another name
/// or through a link: writing it would replace it.
pub fn output_is_input(output: &Path, input: &Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Không ghi {}: đó chính là tệp đang đọc {} (cùng một tệp), ghi vào sẽ thay mất nó. Hãy chọn một tệp ra khác. Chưa ghi gì.",
            output.display(),
            input.display()
        ),
        Lang::En => format!(
            "Not writing {}: it is the file being read, {} (the same file); writing it would replace it. Choose another output file. Nothing was written.",
            output.display(),
            input.display()
        ),
    }
}

/// Files the command would write that are already there: replaced only with `--force`.
pub fn output_exists(existing: &[&Path], lang: Lang) -> String {
    let names: Vec<String> = existing.iter().map(|p| p.display().to_string()).collect();
    let backup = existing
        .first()
        .map(|p| crate::store::atomic::backup_path(p).display().to_string())
        .unwrap_or_default();
    match lang {
        Lang::Vi => format!(
            "Không ghi: {} đã có. Thêm --force để ghi đè (bản cũ được giữ ở {backup}), hoặc chọn một tệp ra khác. Chưa ghi gì.",
            names.join(", ")
        ),
        Lang::En => format!(
            "Not writing: {} already {}. Add --force to replace {} (the old one is kept as {backup}), or choose another output file. Nothing was written.",
            names.join(", "),
            if names.len() == 1 { "exists" } else { "exist" },
            if names.len() == 1 { "it" } else { "them" }
        ),
    }
}

/// After a save refused because the session changed since it was read.
pub fn run_again(lang: Lang) -> &'static str {
    lang.t(
        "Chưa lưu gì: hãy chạy lại lệnh để làm trên tệp mới.",
        "Nothing was saved: run the command again to work on the new file.",
    )
}

/// A merge met another giamkhao's save of the same session, and merged again into it.
pub fn merged_again(lang: Lang) -> &'static str {
    lang.t(
        "Trong lúc gộp, một giamkhao khác đã lưu phiên này: đã đọc lại phiên và gộp lại các phiếu vào bản mới, không mất gì của nhau.",
        "Another giamkhao saved this session during the merge: it was read again and the sheets merged into the new version; neither's work is lost.",
    )
}

/// `merge` given a folder among scoresheets.
pub fn folder_alone(folder: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{} là một thư mục: để gộp thư mục cuộc thi, hãy ghi riêng nó (giamkhao merge PHIÊN THƯ_MỤC), không kèm phiếu và không có -o",
            folder.display()
        ),
        Lang::En => format!(
            "{} is a folder: to merge a contest folder, give it alone (giamkhao merge SESSION FOLDER), with no sheets and no -o",
            folder.display()
        ),
    }
}

/// A judge whose sheets in the folder are signed with two keys: not bound on first use.
pub fn two_keys(judge: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Phiếu của giám khảo {judge} ký bằng hai khóa khác nhau — không tự gắn khóa nào; hỏi giám khảo mã khóa trên máy của họ rồi dùng giamkhao key"
        ),
        Lang::En => format!(
            "Judge {judge}'s sheets are signed with two different keys — neither is bound on first use; ask the judge for the key on their laptop and use giamkhao key"
        ),
    }
}

/// A judge's first key bound by `--confirm-keys`.
pub fn key_bound(print: &str, judge: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã gắn khóa {print} cho giám khảo {judge} (khóa đầu tiên, theo --confirm-keys; đã ghi vào nhật ký): từ nay chỉ gộp phiếu ký bằng khóa này"
        ),
        Lang::En => format!(
            "Bound key {print} to judge {judge} (the first key, by --confirm-keys; logged): from now on only sheets signed with it are merged"
        ),
    }
}

/// `watch` starting.
pub fn watching(folder: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đang theo dõi thư mục cuộc thi {} — mỗi phiếu mới được gộp và lưu ngay; Ctrl+C để dừng (không mất gì đã gộp).",
            folder.display()
        ),
        Lang::En => format!(
            "Following the contest folder {} — each new sheet is merged and saved at once; Ctrl+C to stop (nothing merged is lost).",
            folder.display()
        ),
    }
}

/// The session saved after a walk of the folder merged something.
pub fn folder_saved(session: &std::path::Path, lang: Lang) -> String {
    format!("{} {}", lang.t("Đã lưu", "Saved"), session.display())
}

/// Sheets read that the session already had, in one line.
pub fn folder_nothing_new_in(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} phiếu không có gì mới (phiên đã có)."),
        Lang::En => format!("Nothing new in {n} sheet(s) (the session has them)."),
    }
}

/// What to do about sheets waiting for their judge's key.
pub fn keys_hint(session: &std::path::Path, lang: Lang) -> String {
    let session = session.display();
    match lang {
        Lang::Vi => format!(
            "Để gộp phiếu đang chờ: hỏi giám khảo mã khóa (Trợ giúp → Giới thiệu giamkhao trên máy họ), rồi giamkhao key {session} --judge MÃ_GK MÃ_KHÓA; hoặc chạy lại với --confirm-keys để gắn khóa đầu tiên của mỗi giám khảo."
        ),
        Lang::En => format!(
            "To merge the waiting sheets: ask the judge for their key (Help → About giamkhao on their laptop), then giamkhao key {session} --judge JUDGE FINGERPRINT; or run again with --confirm-keys to bind each judge's first key."
        ),
    }
}

/// A walk that changed nothing: the session is left as it was.
pub fn folder_not_saved(session: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} không thay đổi, không lưu.", session.display()),
        Lang::En => format!("{} is unchanged, not saved.", session.display()),
    }
}

/// A walk of the folder that found nothing.
pub fn folder_nothing_new(folder: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không có gì mới trong {}.", folder.display()),
        Lang::En => format!("Nothing new in {}.", folder.display()),
    }
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

/// A heading of the help, and the placeholder for a command in the usage line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    Usage,
    Commands,
    Arguments,
    Options,
    /// `[COMMAND]` in the usage line, without brackets.
    CommandPlaceholder,
    /// `[OPTIONS]` in the usage line, with its brackets.
    OptionsPlaceholder,
}

pub fn heading(h: Heading, lang: Lang) -> &'static str {
    match h {
        Heading::Usage => lang.t("Cách dùng:", "Usage:"),
        Heading::Commands => lang.t("Lệnh", "Commands"),
        Heading::Arguments => lang.t("Tham số", "Arguments"),
        Heading::Options => lang.t("Tùy chọn", "Options"),
        Heading::CommandPlaceholder => lang.t("LỆNH", "COMMAND"),
        Heading::OptionsPlaceholder => lang.t("[TÙY CHỌN]", "[OPTIONS]"),
    }
}

/// What a command does, for its help ("" is giamkhao itself): (Vietnamese, English).
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "",
        "Chấm thi khởi nghiệp đổi mới sáng tạo: điểm chính xác, giải thưởng, nhật ký. Không có lệnh thì mở ứng dụng (trên TỆP nếu có).",
        "Judging for startup and innovation contests: exact scoring, awards, audit trail. With no command the desktop app opens (on FILE if given).",
    ),
    (
        "results",
        "Kết quả xếp hạng với giải thưởng, cờ báo và nhóm đồng hạng, tính từ điểm gốc",
        "Ranked results with awards, flags and tied groups, computed from the raw scores",
    ),
    (
        "analyze",
        "Phân tích hội đồng chấm (tham khảo): độ chặt của từng giám khảo, mức đồng thuận, giải thưởng theo phương pháp khác, khi vắng một giám khảo, biên độ",
        "Analysis of the judging panel (advisory): each judge's severity, agreement, awards under other methods, without one judge, margins",
    ),
    (
        "assign",
        "Phân công tự động: giám khảo nào chấm dự án nào trong một vòng — không xung đột lợi ích, tải đều, đúng lĩnh vực, giữ ô đã chấm hoặc đã ghim; lưu vào phiên (ghi nhật ký)",
        "Automatic assignment: which judges score which submissions in a round — no conflict of interest, even loads, matched fields, cells already scored or locked kept; saved in the session (logged)",
    ),
    (
        "check",
        "Kiểm tra phiên chấm, gói giám khảo hoặc phiếu chấm và liệt kê mọi lỗi (mã thoát 1 nếu có)",
        "Validates a session, judge packet or scoresheet and lists every problem (exit 1 if any)",
    ),
    (
        "packet",
        "Ghi gói giám khảo của một giám khảo: cuộc thi, các dự án họ chấm và phiếu chấm của riêng họ",
        "Writes the judge packet of one judge: the contest, their submissions and their own sheet",
    ),
    (
        "seal",
        "Niêm phong phiên bằng mã SHA-256 của mọi thứ làm căn cứ trao giải; phiên đã niêm phong chỉ đọc. Không niêm phong khi kết quả còn tạm thời",
        "Finalizes a session: seals it with a SHA-256 digest of everything the awards rest on; a sealed session is read-only. Refused while results are provisional",
    ),
    (
        "unseal",
        "Mở niêm phong để sửa lại; lý do được ghi vào nhật ký",
        "Opens a sealed session for changes again; the reason goes to the audit log",
    ),
    (
        "key",
        "Gắn giám khảo với khóa ký phiếu trên máy của họ, theo mã khóa giám khảo đọc (Trợ giúp → Giới thiệu giamkhao); từ đó phiếu không ký hoặc ký bằng khóa khác bị từ chối",
        "Binds a judge to the key their laptop signs scoresheets with, by the fingerprint the judge reads out (Help → About giamkhao); from then on unsigned sheets, or sheets signed with another key, are refused",
    ),
    (
        "verify",
        "Tính lại kết quả từ điểm gốc và đối chiếu với kết quả đã lưu, niêm phong, mã in trên giấy (--digest) và mọi phiếu đã gộp; mã thoát 1 nếu có chỗ không khớp",
        "Recomputes the results from the raw scores and checks them, the seal, the digest printed on paper (--digest) and every merged scoresheet; exit 1 on any mismatch",
    ),
    (
        "merge",
        "Gộp các phiếu chấm (hoặc gói giám khảo) đã nộp vào phiên; mỗi phiếu được gộp hoặc bị từ chối trọn vẹn, cuối cùng là một bản tóm tắt",
        "Merges handed-in scoresheets (or judge packets) into a session; each sheet is merged or refused whole, and a summary ends the merge",
    ),
    (
        "watch",
        "Theo dõi thư mục cuộc thi (Syncthing, thư mục chia sẻ, USB…): gộp ngay mỗi phiếu mới giám khảo ghi vào và in ra từng thay đổi; phiếu phải có chữ ký của máy giám khảo",
        "Follows a contest folder (Syncthing, a shared folder, a USB stick…): merges each new sheet judges write there as it comes and prints each change; sheets must be signed by the judge's laptop",
    ),
    (
        "export",
        "Xuất kết quả (tệp .xlsx bốn trang, các tệp CSV, hoặc biên bản PDF để ký), danh sách đạt giải, hoặc phiếu chấm trống để in hay điền",
        "Exports the results (an .xlsx with four sheets, CSV files, or the report to sign as PDF), the award list, or blank scoresheets to print or fill in",
    ),
    (
        "import",
        "Nhập danh sách đăng ký từ .xlsx, .xls, .ods hoặc .csv vào phiên",
        "Imports registrations from .xlsx, .xls, .ods or .csv into a session",
    ),
    (
        "convert",
        "Chuyển phiên chấm, gói giám khảo hoặc phiếu chấm giữa RON và JSON (theo đuôi tệp), không mất gì",
        "Converts a session, packet or scoresheet between RON and JSON (by extension), losslessly",
    ),
    (
        "generate",
        "Tạo một cuộc thi mô phỏng, đủ điểm; cùng hạt giống thì cùng cuộc thi",
        "Writes a synthetic contest, fully scored; the same seed gives the same contest",
    ),
];

/// The help of a command ("" for giamkhao itself).
pub fn command_help(command: &str, lang: Lang) -> Option<&'static str> {
    COMMANDS
        .iter()
        .find(|(name, _, _)| *name == command)
        .map(|&(_, vi, en)| lang.t(vi, en))
}

/// Placeholders and help of the arguments: (command, argument, placeholder in Vietnamese, in
/// English, help in Vietnamese, in English). The command "*" stands for any command without a line
/// of its own; a flag has no placeholder.
#[rustfmt::skip]
const ARGS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("", "file", "TỆP", "FILE",
        "Phiên chấm hoặc gói giám khảo để mở trong ứng dụng",
        "A session or judge packet to open in the app"),
    ("", "follow", "THƯ_MỤC", "FOLDER",
        "Mở TỆP (phiên chấm) trong ứng dụng và theo dõi thư mục cuộc thi này (chấm trực tiếp, xem docs/live.md)",
        "Open FILE (a session) in the app, following this contest folder (live scoring, see docs/live.md)"),
    ("", "lang", "NGÔN_NGỮ", "LANG",
        "Ngôn ngữ của thông báo và báo cáo: vi (mặc định) hoặc en",
        "Language of messages and reports: vi (the default) or en"),
    ("*", "help", "", "", "In hướng dẫn này", "Print this help"),
    ("", "version", "", "", "In số phiên bản", "Print the version"),
    ("*", "session", "PHIÊN", "SESSION", "Tệp phiên chấm", "The session file"),
    ("*", "file", "TỆP", "FILE", "Tệp phiên chấm", "The session file"),
    ("*", "round", "VÒNG", "ROUND",
        "Mã vòng (mặc định: vòng cuối, nơi trao giải)",
        "Round id (default: the last round, where awards are given)"),
    ("*", "output", "TỆP_RA", "OUT", "Tệp sẽ ghi", "The file to write"),
    ("*", "force", "", "",
        "Ghi đè tệp ra nếu đã có (bản cũ được giữ ở TỆP_RA.bak); không bao giờ ghi đè tệp đang đọc",
        "Replace the output file if it exists (the old one is kept as OUT.bak); never a file being read"),
    ("*", "by", "HỌ_TÊN", "NAME",
        "Họ và tên của bạn, ghi vào hồ sơ (không ghi thì dùng tên đã nhớ từ lần trước)",
        "Your full name, for the record (when not given, the name remembered from last time)"),
    ("results", "format", "DẠNG", "FORMAT",
        "table (bảng, mặc định), json hoặc csv",
        "table (the default), json or csv"),
    ("export", "analysis", "", "",
        "Kèm phân tích hội đồng chấm (tham khảo): phụ lục của biên bản PDF, trang tính «Phân tích» trong Excel, tệp …-phan-tich.csv",
        "With the analysis of the judging panel (advisory): an appendix to the PDF report, an «Analysis» sheet in Excel, a …-phan-tich.csv file"),
    ("analyze", "format", "DẠNG", "FORMAT",
        "table (bảng, mặc định) hoặc json",
        "table (the default) or json"),
    ("assign", "round", "VÒNG", "ROUND",
        "Mã hoặc tên vòng cần phân công (ví dụ vong1 hoặc «Sơ khảo»; không dấu cũng được)",
        "The round to assign, by id or name (e.g. vong1 or «Sơ khảo»; accents may be left out)"),
    ("assign", "per_submission", "SỐ", "K", "Số giám khảo chấm mỗi dự án", "Judges per submission"),
    ("assign", "max_load", "SỐ", "N",
        "Mỗi giám khảo chấm nhiều nhất N dự án (kể cả dự án đã chấm hoặc đã ghim)",
        "At most N submissions per judge (counting those scored or locked)"),
    ("assign", "seed", "SỐ", "S",
        "Hạt giống ngẫu nhiên: cùng dữ liệu, cùng hạt giống thì cùng phân công (mặc định 1)",
        "The random seed: the same data and seed give the same assignment (default 1)"),
    ("assign", "fields_first", "", "",
        "Ưu tiên lĩnh vực: xếp đúng lĩnh vực của giám khảo trước, rồi mới giữ phân công hiện có nhiều nhất có thể (ô đã chấm và ô đã ghim vẫn giữ) — khi đã đổi lĩnh vực của giám khảo, chẳng hạn",
        "Fields first: match the judges' fields before keeping the current assignment, then keep as much of it as possible (scored and locked cells stay) — after changing the judges' fields, say"),
    ("assign", "dry_run", "", "", "Chỉ cho xem phân công, không lưu", "Show the assignment only; save nothing"),
    ("check", "file", "TỆP", "FILE",
        "Phiên chấm, gói giám khảo hoặc phiếu chấm cần kiểm tra",
        "The session, judge packet or scoresheet to check"),
    ("packet", "judge", "MÃ_GK", "JUDGE", "Mã giám khảo (ví dụ gk1)", "Judge id (e.g. gk1)"),
    ("packet", "round", "VÒNG", "ROUND",
        "Mã vòng (mặc định: vòng gần nhất giám khảo này chấm có dự án)",
        "Round id (default: the latest round the judge sits on that has submissions)"),
    ("packet", "output", "TỆP_RA", "OUT", "Tệp gói giám khảo sẽ ghi", "The judge packet to write"),
    ("key", "judge", "MÃ_GK", "JUDGE", "Mã giám khảo (ví dụ gk1)", "Judge id (e.g. gk1)"),
    ("key", "fingerprint", "MÃ_KHÓA", "FINGERPRINT",
        "Mã khóa giám khảo đọc, 16 chữ số hệ mười sáu (3F9A-07C2-B41E-9D55)",
        "The fingerprint the judge reads out, 16 hex digits (3F9A-07C2-B41E-9D55)"),
    ("unseal", "reason", "LÝ_DO", "REASON",
        "Lý do mở niêm phong, ghi vào nhật ký",
        "Why the session is unsealed, for the audit log"),
    ("verify", "digest", "MÃ", "DIGEST",
        "Mã in trên biên bản đã ký (bỏ qua dấu cách và gạch ngang)",
        "The digest printed on the signed report (spaces and dashes are ignored)"),
    ("merge", "sheets", "PHIẾU", "SHEET",
        "Các phiếu chấm (hoặc gói giám khảo) các giám khảo đã nộp; hoặc một thư mục cuộc thi: gộp mọi phiếu mới trong đó",
        "The scoresheets or judge packets judges handed in; or one contest folder: every new sheet in it is merged"),
    ("*", "confirm_keys", "", "",
        "Với thư mục cuộc thi: gắn khóa đầu tiên của giám khảo chưa gắn khóa (ghi vào nhật ký) rồi gộp phiếu của họ",
        "With a contest folder: bind the first key of a judge bound to none (logged), then merge their sheets"),
    ("watch", "folder", "THƯ_MỤC", "FOLDER",
        "Thư mục cuộc thi các máy giám khảo ghi phiếu vào",
        "The contest folder the judges' laptops write their sheets to"),
    ("merge", "output", "TỆP_RA", "OUT",
        "Nơi ghi phiên đã gộp (mặc định: ghi đè PHIÊN, giữ ba bản trước ở PHIÊN.bak, .bak.1, .bak.2)",
        "Where to write the merged session (default: over SESSION, keeping the three versions before as SESSION.bak, .bak.1, .bak.2)"),
    ("export", "format", "DẠNG", "FORMAT",
        "xlsx, csv hoặc pdf (biên bản A4 để in và ký)",
        "xlsx, csv or pdf (the A4 report to print and sign)"),
    ("export", "what", "NỘI_DUNG", "WHAT",
        "results (kết quả xếp hạng, mặc định), awards (danh sách đạt giải và tổng giá trị) hoặc scoresheets (phiếu chấm trống, mỗi giám khảo một phiếu)",
        "results (the ranked results, the default), awards (the awarded projects and the prize total) or scoresheets (blank scoresheets, one per judge)"),
    ("import", "file", "TỆP", "FILE",
        "Danh sách đăng ký: .xlsx, .xls, .ods hoặc .csv",
        "The registrations: .xlsx, .xls, .ods or .csv"),
    ("import", "map", "TRƯỜNG=CỘT", "FIELD=COLUMN",
        "Cột cho một trường, theo tên cột hoặc số thứ tự: title=\"Tên dự án\", leader=3 …",
        "A column for a field, by header or number: title=\"Tên dự án\", leader=3 …"),
    ("import", "skip_bad_rows", "", "",
        "Nhập các dòng tốt dù có dòng lỗi (các dòng lỗi được liệt kê và bỏ qua)",
        "Import the good rows even if some rows have problems (they are listed and left out)"),
    ("convert", "input", "TỆP_VÀO", "IN",
        "Phiên chấm, gói giám khảo hoặc phiếu chấm cần chuyển (.ron hoặc .json)",
        "The session, packet or scoresheet to convert (.ron or .json)"),
    ("convert", "output", "TỆP_RA", "OUT",
        "Tệp sẽ ghi; đuôi .json hay .ron chọn định dạng",
        "The file to write; its extension, .json or .ron, chooses the format"),
    ("generate", "submissions", "SỐ", "N", "Số dự án", "How many submissions"),
    ("generate", "judges", "SỐ", "N", "Số giám khảo", "How many judges"),
    ("generate", "per_submission", "SỐ", "N",
        "Số giám khảo chấm mỗi dự án (không quá số giám khảo)",
        "How many judges score each submission (at most the number of judges)"),
    ("generate", "criteria", "SỐ", "N", "Số tiêu chí", "How many criteria"),
    ("generate", "seed", "SỐ", "N",
        "Hạt giống ngẫu nhiên: cùng hạt giống thì cùng cuộc thi (mặc định 1)",
        "The random seed: the same seed gives the same contest (default 1)"),
    ("generate", "unassigned", "", "",
        "Vòng sơ khảo chờ phân công: chưa có điểm, chưa phân công, mỗi giám khảo một lĩnh vực ưu tiên",
        "A sơ khảo waiting for its assignment: no scores, no assignments, each judge with one preferred field"),
    ("generate", "output", "TỆP_RA", "OUT", "Tệp phiên chấm sẽ ghi", "The session file to write"),
];

/// The placeholder (None for a flag) and the help of argument `arg` of `command`.
pub fn arg_words(command: &str, arg: &str, lang: Lang) -> Option<(Option<&'static str>, &'static str)> {
    let line = |c: &str| ARGS.iter().find(|l| l.0 == c && l.1 == arg);
    let &(_, _, value_vi, value_en, vi, en) = line(command).or_else(|| line("*"))?;
    let value = lang.t(value_vi, value_en);
    Some(((!value.is_empty()).then_some(value), lang.t(vi, en)))
}

/// What was wrong with the arguments, as read from the parser's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgProblem {
    /// An option the command does not have, perhaps with a near one.
    UnknownOption {
        option: String,
        suggestion: Option<String>,
    },
    /// A value where none is expected (one file too many…).
    Unexpected(String),
    /// A command giamkhao does not have, perhaps with a near one.
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    /// Required arguments left out ("<PHIÊN>", "--judge <MÃ_GK>").
    Missing(Vec<String>),
    /// An option given without its value (`--judge` and nothing after it).
    NoValue(String),
    /// A value not among those allowed.
    NotAllowed {
        arg: String,
        value: String,
        allowed: Vec<String>,
    },
    /// A whole number was expected.
    NotANumber { arg: String, value: String },
    /// Any other value the option does not take, with the reason the parser gave.
    BadValue {
        arg: String,
        value: String,
        reason: String,
    },
    /// An option given twice.
    Repeated(String),
    /// Anything else, in the parser's words.
    Other(String),
}

/// An argument error in full: what is wrong, the usage line of the command, and where to read more
/// (`giamkhao results --help`).
pub fn arg_error(problem: &ArgProblem, usage: &str, command: &str, lang: Lang) -> String {
    use ArgProblem as P;
    let or_near = |suggestion: &Option<String>| match suggestion {
        Some(s) => format!(" ({} «{s}»?)", lang.t("có phải", "did you mean")),
        None => String::new(),
    };
    let what = match (problem, lang) {
        (P::UnknownOption { option, suggestion }, _) => format!(
            "{} «{option}»{}",
            lang.t("không có tùy chọn", "unknown option"),
            or_near(suggestion)
        ),
        (P::Unexpected(value), _) => format!("{} «{value}»", lang.t("thừa tham số", "unexpected argument")),
        (P::UnknownCommand { name, suggestion }, _) => format!(
            "{} «{name}»{}",
            lang.t("không có lệnh", "no command"),
            or_near(suggestion)
        ),
        (P::Missing(args), Lang::Vi) => format!("thiếu tham số bắt buộc: {}", args.join(", ")),
        (P::Missing(args), Lang::En) => format!(
            "missing required argument{}: {}",
            if args.len() == 1 { "" } else { "s" },
            args.join(", ")
        ),
        (P::NoValue(arg), Lang::Vi) => format!("thiếu giá trị sau {arg}"),
        (P::NoValue(arg), Lang::En) => format!("{arg} needs a value after it"),
        (P::NotAllowed { arg, value, allowed }, Lang::Vi) => format!(
            "giá trị «{value}» không hợp lệ cho {arg}; chọn một trong: {}",
            allowed.join(", ")
        ),
        (P::NotAllowed { arg, value, allowed }, Lang::En) => format!(
            "invalid value «{value}» for {arg}; choose one of: {}",
            allowed.join(", ")
        ),
        (P::NotANumber { arg, value }, Lang::Vi) => {
            format!("giá trị «{value}» không hợp lệ cho {arg}: cần một số nguyên không âm (ví dụ 10)")
        }
        (P::NotANumber { arg, value }, Lang::En) => {
            format!("invalid value «{value}» for {arg}: a whole number is needed (e.g. 10)")
        }
        (P::BadValue { arg, value, reason }, Lang::Vi) => {
            format!("giá trị «{value}» không hợp lệ cho {arg} ({reason})")
        }
        (P::BadValue { arg, value, reason }, Lang::En) => {
            format!("invalid value «{value}» for {arg} ({reason})")
        }
        (P::Repeated(arg), Lang::Vi) => format!("{arg} chỉ được ghi một lần"),
        (P::Repeated(arg), Lang::En) => format!("{arg} can be given only once"),
        (P::Other(message), _) => message.clone(),
    };
    format!(
        "{} {what}\n\n{} {usage}\n{} {command} --help",
        lang.t("Lỗi:", "Error:"),
        heading(Heading::Usage, lang),
        lang.t("Xem:", "See:")
    )
}
