//! The contest folder in words (see `crate::store::folder`): what each file found there is and what
//! was done with it, said to the organizer on the status board and by `giamkhao watch`, in
//! Vietnamese or English.

use super::{Lang, Names, count, load_error};
use crate::store::folder::{Aside, Change, Seen, SheetId};
use crate::store::merge::MergeError;

/// Why a file is kept aside, in a few words.
pub fn aside(a: &Aside, lang: Lang) -> String {
    match a {
        Aside::Partial => lang
            .t(
                "tệp đang được ghi hoặc đang chép (tệp tạm của công cụ đồng bộ, Office hoặc giamkhao) — để nguyên, không gộp",
                "a file still being written or copied (a temporary file of the sync tool, Office or giamkhao) — left as it is, not merged",
            )
            .into(),
        Aside::ConflictCopy => lang
            .t(
                "bản xung đột do công cụ đồng bộ tạo ra — không gộp, để nguyên cho người kiểm tra xem",
                "a conflict copy the sync tool made — not merged, left for someone to look at",
            )
            .into(),
        Aside::NotASheet => lang
            .t(
                "không phải phiếu chấm — để nguyên",
                "not a scoresheet — left as it is",
            )
            .into(),
        Aside::Damaged(e) => format!(
            "{} ({})",
            lang.t(
                "tệp hỏng hoặc chưa chép xong — chưa gộp; sẽ đọc lại khi tệp thay đổi",
                "damaged or not fully copied yet — not merged; read again when it changes",
            ),
            load_error(e, lang)
        ),
        Aside::OtherContest { found } => match lang {
            Lang::Vi => format!("phiếu của cuộc thi khác (mã {found}) — không gộp, để nguyên"),
            Lang::En => format!("a sheet of another contest (id {found}) — not merged, left as it is"),
        },
        Aside::Refused(e) => refused(e, lang),
    }
}

/// Why a sheet of this contest is refused.
fn refused(e: &MergeError, lang: Lang) -> String {
    match (e, lang) {
        (MergeError::Unsigned { .. }, _) => lang
            .t(
                "phiếu không có chữ ký — phiếu trong thư mục cuộc thi phải do giamkhao trên máy của giám khảo ký; không gộp, để nguyên",
                "the sheet is not signed — sheets in the contest folder must be signed by giamkhao on the judge's laptop; not merged, left as it is",
            )
            .into(),
        (MergeError::OtherKey { expected, found, .. }, Lang::Vi) => format!(
            "phiếu ký bằng khóa khác ({found}), không phải khóa {expected} của giám khảo — không đến từ máy của giám khảo; không gộp, để nguyên"
        ),
        (MergeError::OtherKey { expected, found, .. }, Lang::En) => format!(
            "signed with another key ({found}), not the judge's key {expected} — it did not come from the judge's laptop; not merged, left as it is"
        ),
        (MergeError::BadSignature, _) => lang
            .t(
                "chữ ký không khớp với nội dung (phiếu bị sửa sau khi ký, hoặc chữ ký giả) — không gộp, để nguyên",
                "the signature does not match what the sheet holds (changed after signing, or forged) — not merged, left as it is",
            )
            .into(),
        (e, lang) => super::merge_error(e, "", lang)
            .trim_start_matches(": ")
            .to_string(),
    }
}

fn sheet(id: &SheetId, names: &Names, lang: Lang) -> String {
    format!(
        "{} {}, {} {}, {} {}",
        lang.t("giám khảo", "judge"),
        names.judge(&id.judge),
        lang.t("vòng", "round"),
        names.round(&id.round),
        lang.t("bản", "revision"),
        count(id.revision, lang)
    )
}

/// One change found in the folder, in a line: the file, then what it is and what was done.
pub fn folder_change(change: &Change, names: &Names, lang: Lang) -> String {
    let what = match &change.seen {
        Seen::Merged { sheet: id, report } => {
            let whose = sheet(id, names, lang);
            if report.changed() {
                let mut line = match lang {
                    Lang::Vi => format!(
                        "đã gộp phiếu của {whose}: {} dự án mới, {} cập nhật",
                        report.added.len(),
                        report.updated.len()
                    ),
                    Lang::En => format!(
                        "merged the sheet of {whose}: {} projects added, {} updated",
                        report.added.len(),
                        report.updated.len()
                    ),
                };
                for detail in super::merge_details(report, names, lang).into_iter().filter(|d| {
                    !d.starts_with(lang.t("mới", "added")) && !d.starts_with(lang.t("cập nhật", "updated"))
                }) {
                    line.push_str("; ");
                    line.push_str(&detail);
                }
                line
            } else if !report.conflicts.is_empty() {
                let detail = super::merge_details(report, names, lang).join("; ");
                match lang {
                    Lang::Vi => format!(
                        "phiếu của {whose} trùng số bản với bản đã gộp nhưng khác nội dung — giữ bản đã gộp, không đổi gì; cần hỏi lại giám khảo ({detail})"
                    ),
                    Lang::En => format!(
                        "the sheet of {whose} has the revision already merged but other content — the merged one is kept, nothing changed; check with the judge ({detail})"
                    ),
                }
            } else if !report.kept_newer.is_empty() {
                match lang {
                    Lang::Vi => format!("phiếu của {whose} cũ hơn bản đã gộp — không đổi gì"),
                    Lang::En => {
                        format!("the sheet of {whose} is older than the one merged — nothing changed")
                    }
                }
            } else if !report.refused.is_empty() {
                super::merge_details(report, names, lang).join("; ")
            } else {
                match lang {
                    Lang::Vi => format!("phiếu của {whose} không có gì mới"),
                    Lang::En => format!("the sheet of {whose} has nothing new"),
                }
            }
        }
        Seen::AwaitingKey {
            sheet: id,
            fingerprint,
        } => match lang {
            Lang::Vi => format!(
                "phiếu của {} ký bằng khóa {fingerprint}, chưa gắn cho giám khảo này — chờ xác nhận: đối chiếu mã khóa với giám khảo (Trợ giúp → Giới thiệu giamkhao trên máy của họ) rồi xác nhận",
                sheet(id, names, lang)
            ),
            Lang::En => format!(
                "the sheet of {} is signed with key {fingerprint}, not yet bound to this judge — waiting for confirmation: check the key with the judge (Help → About giamkhao on their laptop), then confirm it",
                sheet(id, names, lang)
            ),
        },
        Seen::Aside(a) => aside(a, lang),
        Seen::Superseded { by } => match lang {
            Lang::Vi => format!("không cần đọc: bản mới hơn của cùng máy ({by}) đã được gộp"),
            Lang::En => format!("not read: a later revision from the same laptop ({by}) is merged"),
        },
    };
    format!("{}: {what}", change.file)
}

/// A key bound in the app: to whom, which, the one it replaced, and the keys that judge's sheets in
/// the folder wait with that are not it (a typing slip, most likely: those sheets will be refused).
pub fn key_bound(judge: &str, print: &str, replaced: Option<&str>, waiting: &[String], lang: Lang) -> String {
    let mut words = match lang {
        Lang::Vi => format!("Đã gắn khóa {print} cho giám khảo {judge}"),
        Lang::En => format!("Bound key {print} to judge {judge}"),
    };
    if let Some(old) = replaced {
        words.push_str(&match lang {
            Lang::Vi => format!(", thay khóa cũ {old}"),
            Lang::En => format!(", replacing key {old}"),
        });
    }
    words.push('.');
    if !waiting.is_empty() {
        words.push_str(&match lang {
            Lang::Vi => format!(
                " Lưu ý: phiếu đang chờ của giám khảo này ký bằng khóa {} — khác mã vừa gắn, nên sẽ bị từ chối. Nếu gõ nhầm, hãy gắn lại đúng mã giám khảo đọc.",
                waiting.join(", ")
            ),
            Lang::En => format!(
                " Note: this judge's waiting sheets are signed with key {} — not the one just bound, so they will be refused. If it was mistyped, bind the key the judge reads out again.",
                waiting.join(", ")
            ),
        });
    }
    words
}

/// Why a judge's laptop could not write to the contest folder, in a few words: the folder gone
/// (unplugged, the share down), or what the system said.
pub fn not_written(e: &crate::store::LoadError, lang: Lang) -> String {
    use crate::store::LoadError;
    match e {
        LoadError::Write { path, message, .. } | LoadError::Io { path, message } => {
            let gone = !path.exists() || message.contains("not there");
            match (gone, lang) {
                (true, Lang::Vi) => format!("không thấy thư mục {}", path.display()),
                (true, Lang::En) => format!("the folder {} is not there", path.display()),
                (false, _) => format!("{}: {message}", path.display()),
            }
        }
        other => load_error(other, lang),
    }
}

/// What the board says of a folder that cannot be read.
pub fn unreachable(folder: &str, why: &crate::store::folder::Unreachable, lang: Lang) -> String {
    use crate::store::folder::Unreachable;
    let why = match (why, lang) {
        (Unreachable::Gone, _) => lang
            .t(
                "không thấy thư mục: USB đã rút, mạng rớt hoặc thư mục đã đổi tên",
                "it is not there: the stick pulled out, the network down, or the folder renamed",
            )
            .to_string(),
        (Unreachable::Denied, _) => lang
            .t(
                "tài khoản này không có quyền đọc thư mục",
                "this account is not allowed to read it",
            )
            .to_string(),
        (Unreachable::Other(message), _) => message.clone(),
    };
    match lang {
        Lang::Vi => format!(
            "Không đọc được thư mục cuộc thi {folder} ({why}). Những gì đã gộp vẫn giữ nguyên; giamkhao sẽ thử lại."
        ),
        Lang::En => format!(
            "The contest folder {folder} cannot be read ({why}). What was merged stays; giamkhao keeps trying."
        ),
    }
}
