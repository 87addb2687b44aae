//! The audit log in words: each stored entry said with names instead of ids, values the language's
//! way ("19,5", "50.000.000 đ", "trung vị") and how it came in, in Vietnamese or English. What is
//! stored is the record (sealed with the session) and is never rewritten: it is read here, in the
//! forms `crate::store::audit` writes now and those earlier versions wrote (Rust's debug output).
//! A part that is not recognised is shown as stored, never dropped.

use super::{Lang, Names, count, date, fold, points, vnd};
use crate::model::{
    Advancement, AuditEntry, AuditKind, Divergence, DivergenceAction, Method, Points, Resolution, Rules,
    Scope, TieTarget, Vacancy,
};
use crate::store::audit as stored;

/// One entry as shown on the Audit screen: who, what kind of change, on what, old → new, and how it
/// came in (or why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    pub who: String,
    pub what: String,
    pub target: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub how: String,
}

/// The kind of an entry, as the Audit screen's filter names it.
pub fn kind(k: AuditKind, lang: Lang) -> &'static str {
    match k {
        AuditKind::Score => lang.t("Điểm", "Score"),
        AuditKind::Comment => lang.t("Nhận xét", "Comment"),
        AuditKind::Recusal => lang.t("Rút khỏi chấm", "Recusal"),
        AuditKind::Decision => lang.t("Quyết định", "Decision"),
        AuditKind::Contest => lang.t("Cuộc thi", "Contest"),
        AuditKind::Submission => lang.t("Dự án", "Submission"),
        AuditKind::Merge => lang.t("Gộp phiếu", "Merge"),
        AuditKind::Import => lang.t("Nhập", "Import"),
        AuditKind::Seal => lang.t("Niêm phong", "Seal"),
        AuditKind::Unseal => lang.t("Mở niêm phong", "Unseal"),
    }
}

/// The entry in words, with the names `names` knows.
pub fn describe(e: &AuditEntry, names: &Names, lang: Lang) -> Described {
    let what = if e.kind == AuditKind::Decision && e.new.is_none() && e.old.is_some() {
        lang.t("Hủy quyết định", "Decision withdrawn").to_string()
    } else {
        kind(e.kind, lang).to_string()
    };
    let who = match e.by.strip_prefix("judge:") {
        Some(id) => names.judge(id.trim()),
        None => e.by.clone(),
    };
    let (old, new) = if e.kind == AuditKind::Contest && e.target.trim() == "rules" {
        legacy_rules(e.old.as_deref(), e.new.as_deref(), lang)
    } else {
        let value = |v: &Option<String>| v.as_deref().map(|v| value(e, v, names, lang));
        (value(&e.old), value(&e.new))
    };
    Described {
        who,
        what,
        target: target(e, names, lang),
        old,
        new,
        how: how(e, lang),
    }
}

/// How the entry came in, or why: "nhập trên ứng dụng", "gộp từ phieu-gk2.ron", "phiếu giấy, lần
/// nhập 1 (nhập trên ứng dụng)", a decision's or an unsealing's reason.
pub fn how(e: &AuditEntry, lang: Lang) -> String {
    let note = e.note.trim();
    let reason = |r: &str| format!("{}: {r}", lang.t("lý do", "reason"));
    if let Some(words) = channel_words(note, lang) {
        return words;
    }
    if let Some((channel, rest)) = note.split_once(": ")
        && let Some(words) = channel_words(channel, lang)
    {
        return match e.kind {
            AuditKind::Import | AuditKind::Submission => match (channel, lang) {
                ("app", Lang::Vi) => format!("nhập từ {rest} trên ứng dụng"),
                ("app", Lang::En) => format!("imported from {rest} in the app"),
                (_, Lang::Vi) => format!("{words} việc nhập {rest}"),
                (_, Lang::En) => format!("{words} of the import of {rest}"),
            },
            _ => format!("{words}; {}", reason(rest)),
        };
    }
    if note.is_empty() {
        return String::new();
    }
    match e.kind {
        AuditKind::Decision | AuditKind::Unseal => reason(note),
        AuditKind::Import => format!("{} {note}", lang.t("nhập từ", "imported from")),
        _ => note.to_string(),
    }
}

/// The notes that name one way in: "app", "undo", "redo", "merge of FILE", "import of FILE",
/// "paper sheet, entry N (…)".
fn channel_words(note: &str, lang: Lang) -> Option<String> {
    match note {
        "app" => return Some(lang.t("nhập trên ứng dụng", "typed in the app").into()),
        "undo" => return Some(lang.t("hoàn tác", "undo").into()),
        "redo" => return Some(lang.t("làm lại", "redo").into()),
        _ => {}
    }
    if let Some(source) = note.strip_prefix("merge of ") {
        return Some(format!(
            "{} {}",
            lang.t("gộp từ", "merged from"),
            paper_source(source, lang)
        ));
    }
    if let Some(source) = note.strip_prefix("import of ") {
        return Some(format!("{} {source}", lang.t("nhập từ", "imported from")));
    }
    // A judge's own record, carried in with their sheet: their claim, not the organizers'.
    if let Some((source, inner)) = crate::store::audit::judge_log_parts(note) {
        let inner = channel_words(inner, lang).unwrap_or_else(|| inner.to_string());
        return Some(format!(
            "{inner}, {} {source}",
            lang.t("theo nhật ký của giám khảo trong", "as the judge's own log in")
        ));
    }
    let rest = note.strip_prefix("paper sheet, entry ")?;
    let (n, inner) = rest.split_once(" (")?;
    let inner = inner.strip_suffix(')')?;
    let inner = channel_words(inner, lang).unwrap_or_else(|| inner.to_string());
    Some(format!(
        "{} {n} ({inner})",
        lang.t("phiếu giấy, lần nhập", "paper sheet, typing")
    ))
}

/// The source of a confirmed paper sheet, "paper sheet typed twice (1: A; 2: B)", in words; any
/// other source (a file name) as it is.
fn paper_source(source: &str, lang: Lang) -> String {
    let typists = source
        .strip_prefix("paper sheet typed twice (1: ")
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| r.split_once("; 2: "));
    match typists {
        Some((first, second)) => match lang {
            Lang::Vi => format!("phiếu giấy đã nhập hai lần (lần 1: {first}; lần 2: {second})"),
            Lang::En => format!("paper sheet typed twice (typing 1: {first}; typing 2: {second})"),
        },
        None => source.to_string(),
    }
}

/// A list the contest's set-up holds, named in a target as "judges / ID".
#[derive(Clone, Copy, PartialEq)]
enum List {
    Rounds,
    Criteria,
    Tiers,
    Judges,
    Categories,
}

fn list(seg: &str) -> Option<List> {
    Some(match seg {
        "rounds" => List::Rounds,
        "criteria" => List::Criteria,
        "tiers" => List::Tiers,
        "judges" => List::Judges,
        "categories" => List::Categories,
        _ => return None,
    })
}

/// The round's name with "Vòng"/"Round" before it, unless the name starts with it.
fn round_words(name: &str, lang: Lang) -> String {
    let word = lang.t("Vòng", "Round");
    if fold(name).starts_with(&fold(word)) {
        name.to_string()
    } else {
        format!("{word} {name}")
    }
}

fn tier_words(names: &Names, id: &str, lang: Lang) -> String {
    format!("{} {}", lang.t("Giải", "Tier"), names.tier(id))
}

/// A field of the set-up, as the Contest screen calls it.
fn field(seg: &str, lang: Lang) -> Option<&'static str> {
    Some(match seg {
        "name" => lang.t("Tên", "Name"),
        "organizer" => lang.t("Đơn vị tổ chức", "Organizer"),
        "place" => lang.t("Địa điểm", "Place"),
        "date" => lang.t("Ngày", "Date"),
        "decimals" => lang.t("Số chữ số thập phân", "Decimals"),
        "scope" => lang.t("Phạm vi xét giải", "Scope"),
        "tie-break chain" => lang.t("Thứ tự tiêu chí khi bằng điểm", "Tie-break order"),
        "judges" => lang.t("Giám khảo của vòng", "Judges of the round"),
        "advancement" => lang.t("Điều kiện vào vòng sau", "Who advances"),
        "description" => lang.t("Mô tả", "Description"),
        "max" => lang.t("Điểm tối đa", "Maximum"),
        "step" => lang.t("Bước điểm", "Step"),
        "weight" => lang.t("Trọng số", "Weight"),
        "min" => lang.t("Điểm tối thiểu", "Minimum"),
        "rubric" => lang.t("Thang mô tả", "Rubric"),
        "count" => lang.t("Số giải", "Number of awards"),
        "min score" => lang.t("Điểm tối thiểu", "Minimum score"),
        "prize" => lang.t("Tiền thưởng", "Prize"),
        "organization" => lang.t("Đơn vị", "Organization"),
        "method" => lang.t("Cách tính", "Method"),
        "divergence" => lang.t("Chênh lệch", "Divergence"),
        "min judges" => lang.t("Số phiếu tối thiểu", "Minimum sheets"),
        "vacancy" => lang.t("Suất trống", "Unfilled slots"),
        "assigned" => lang.t("Dự án được phân công", "Assigned submissions"),
        "locked" => lang.t(
            "Ô ghim (giữ khi phân công lại)",
            "Locked cells (kept on re-assignment)",
        ),
        "expertise" => lang.t("Lĩnh vực ưu tiên", "Preferred fields"),
        "avoid" => lang.t("Lĩnh vực không chấm", "Fields not judged"),
        _ => return None,
    })
}

/// A part of the target that stands alone: the contest, the rules, the session…
fn section(seg: &str, lang: Lang) -> Option<&'static str> {
    Some(match seg {
        "contest" => lang.t("Cuộc thi", "Contest"),
        "rules" => lang.t("Quy tắc tính điểm", "Scoring rules"),
        "awards" => lang.t("Cơ cấu giải", "Awards"),
        "session" => lang.t("Phiên chấm", "Session"),
        "submissions" => lang.t("Danh sách dự án", "Submissions"),
        "rounds" => lang.t("Vòng thi", "Round"),
        "criteria" => lang.t("Tiêu chí", "Criterion"),
        "tiers" => lang.t("Giải", "Tier"),
        "judges" => lang.t("Giám khảo", "Judge"),
        "categories" => lang.t("Bảng", "Category"),
        _ => return None,
    })
}

/// The criterion's name, looked up in the round first.
fn criterion_name(names: &Names, round: Option<&str>, id: &str) -> String {
    round
        .and_then(|r| names.contest.round(r))
        .and_then(|r| r.criterion(id))
        .map_or_else(|| names.criterion(id), |c| c.name.clone())
}

/// The name of an item of a list, if the contest still has it.
fn item_name(names: &Names, list: List, round: Option<&str>, id: &str) -> Option<String> {
    let c = names.contest;
    match list {
        List::Rounds => c.round(id).map(|r| r.name.clone()),
        List::Criteria => round
            .and_then(|r| c.round(r))
            .and_then(|r| r.criterion(id))
            .map(|x| x.name.clone()),
        List::Tiers => c.awards.tiers.iter().find(|t| t.id == id).map(|t| t.name.clone()),
        List::Judges => c.judge(id).map(|j| j.name.clone()),
        List::Categories => c.category(id).map(|x| x.name.clone()),
    }
}

/// The target in words, its parts joined by " · ": "Vòng Chung khảo · GS. Trần Thị B · DA14 Tên dự
/// án · Tính mới và sáng tạo".
fn target(e: &AuditEntry, names: &Names, lang: Lang) -> String {
    let segs: Vec<&str> = e.target.split(" / ").map(str::trim).collect();
    let mut out: Vec<String> = Vec::new();
    let mut round: Option<&str> = None;
    let mut i = 0;
    while i < segs.len() {
        let seg = segs[i];
        let last = i + 1 == segs.len();
        i += 1;
        if e.kind == AuditKind::Decision && last && !out.is_empty() {
            // The tied submissions.
            let members: Vec<String> = seg.split(',').map(|id| names.submission(id.trim())).collect();
            out.push(members.join(", "));
            continue;
        }
        if let Some(l) = list(seg).filter(|_| !last) {
            // "judges / gk6": an item added or removed; once removed, its name is the old value.
            let id = segs[i];
            i += 1;
            let logged = [&e.new, &e.old]
                .into_iter()
                .flatten()
                .find(|v| !matches!(v.as_str(), "added" | "removed"))
                .cloned();
            let name = item_name(names, l, round, id)
                .or(logged)
                .unwrap_or_else(|| id.to_string());
            let name = if l == List::Rounds {
                round_words(&name, lang)
            } else {
                name
            };
            match (l, section(seg, lang)) {
                (List::Rounds, _) | (_, None) => out.push(name),
                (_, Some(word)) => out.push(format!("{word}: {name}")),
            }
            continue;
        }
        let word = if let Some(id) = seg.strip_prefix("round ") {
            round = Some(id);
            round_words(&names.round(id), lang)
        } else if let Some(id) = seg.strip_prefix("judge ") {
            names.judge(id)
        } else if let Some(id) = seg.strip_prefix("submission ") {
            names.submission(id)
        } else if let Some(id) = seg.strip_prefix("criterion ") {
            criterion_name(names, round, id)
        } else if let Some(id) = seg.strip_prefix("category ") {
            names.category(id)
        } else if let Some(n) = seg.strip_prefix("paper entry ") {
            format!("{} {n}", lang.t("Phiếu giấy, lần nhập", "Paper sheet, typing"))
        } else if e.kind == AuditKind::Decision
            && let Some(t) = stored::parse_tie_target(seg)
        {
            match t {
                TieTarget::Tier(id) => tier_words(names, &id, lang),
                TieTarget::Advancement => lang.t("Vào vòng sau", "Advancing").to_string(),
            }
        } else if let Some(id) = seg.strip_prefix("tier ") {
            tier_words(names, id, lang)
        } else if let Some(w) = (i > 1).then(|| field(seg, lang)).flatten() {
            w.to_string()
        } else if let Some(w) = section(seg, lang) {
            w.to_string()
        } else {
            seg.to_string()
        };
        out.push(word);
    }
    out.join(" · ")
}

/// The last part of the target: the field a contest change is on.
fn last_field(target: &str) -> &str {
    target.rsplit(" / ").next().unwrap_or("").trim()
}

/// A value, the way its target and kind say it is written.
fn value(e: &AuditEntry, v: &str, names: &Names, lang: Lang) -> String {
    let v_trim = v.trim();
    let as_points = |v: &str| Points::parse(v.trim()).map_or_else(|_| v.to_string(), |p| points(p, lang));
    match e.kind {
        // A paper sheet's typing marked finished or opened again.
        AuditKind::Score if v_trim == "finished" => lang.t("đã xong", "finished").into(),
        AuditKind::Score if v_trim == "open" => lang.t("đang nhập", "being typed").into(),
        AuditKind::Score => as_points(v),
        AuditKind::Decision => {
            stored::parse_resolution(v).map_or_else(|| v.to_string(), |r| resolution(&r, names, lang))
        }
        AuditKind::Merge => stored::parse_merge_counts(v).map_or_else(
            || v.to_string(),
            |(added, updated, conflicts)| {
                let (added, updated, conflicts) =
                    (count(added, lang), count(updated, lang), count(conflicts, lang));
                match lang {
                    Lang::Vi => format!("{added} mới, {updated} cập nhật, {conflicts} xung đột"),
                    Lang::En => format!("{added} added, {updated} updated, {conflicts} conflicts"),
                }
            },
        ),
        AuditKind::Import if e.target.trim() == "submissions" => {
            let digits: String = v_trim.chars().take_while(char::is_ascii_digit).collect();
            match digits.parse::<u64>() {
                Ok(n) => match lang {
                    Lang::Vi => format!("{} dự án", count(n, lang)),
                    Lang::En if n == 1 => "1 submission".into(),
                    Lang::En => format!("{} submissions", count(n, lang)),
                },
                Err(_) => v.to_string(),
            }
        }
        AuditKind::Contest => contest_value(e, v, names, lang),
        _ => v.to_string(),
    }
}

/// A value of the contest's set-up, by the field it is on.
fn contest_value(e: &AuditEntry, v: &str, names: &Names, lang: Lang) -> String {
    let segs: Vec<&str> = e.target.split(" / ").map(str::trim).collect();
    let round = segs.iter().find_map(|s| s.strip_prefix("round "));
    let as_is = || v.to_string();
    let or_as_is = |words: Option<String>| words.unwrap_or_else(as_is);
    if segs.len() >= 2 && list(segs[segs.len() - 2]).is_some() {
        return match v {
            "added" => lang.t("đã thêm", "added").into(),
            "removed" => lang.t("đã xóa", "removed").into(),
            _ => as_is(),
        };
    }
    let v_trim = v.trim();
    match last_field(&e.target) {
        "max" | "step" | "weight" | "min" | "min score" => {
            or_as_is(Points::parse(v_trim).ok().map(|p| points(p, lang)))
        }
        "prize" => or_as_is(v_trim.parse().ok().map(|n| vnd(n, lang))),
        "count" => or_as_is(v_trim.parse().ok().map(|n| count(n, lang))),
        "date" => or_as_is(v_trim.parse::<jiff::civil::Date>().ok().map(|d| date(d, lang))),
        "scope" => or_as_is(stored::parse_scope(v).map(|s| scope(s, lang).to_string())),
        "tie-break chain" => v
            .split(" > ")
            .map(|c| criterion_name(names, round, c.trim()))
            .collect::<Vec<_>>()
            .join(" > "),
        "judges" => v
            .split(", ")
            .map(|j| names.judge(j.trim()))
            .collect::<Vec<_>>()
            .join(", "),
        "advancement" => or_as_is(stored::parse_advancement(v).map(|a| advancement(&a, lang))),
        "rubric" => or_as_is(
            v_trim
                .strip_suffix(" levels")
                .and_then(|n| n.parse::<u64>().ok())
                .map(|n| format!("{} {}", count(n, lang), lang.t("mức", "levels"))),
        ),
        "method" => or_as_is(stored::parse_method(v).map(|m| method(m, lang))),
        "divergence" => or_as_is(stored::parse_divergence(v).map(|d| divergence(d.as_ref(), lang))),
        "vacancy" => or_as_is(stored::parse_vacancy(v).map(|x| vacancy(x, lang).to_string())),
        _ => as_is(),
    }
}

/// The whole rules as earlier versions logged them (`Rules { … }`), said as the fields that
/// changed: "Cách tính: trung bình cộng" → "Cách tính: trung vị".
fn legacy_rules(old: Option<&str>, new: Option<&str>, lang: Lang) -> (Option<String>, Option<String>) {
    let parsed = |v: Option<&str>| v.and_then(stored::parse_rules);
    let (Some(a), Some(b)) = (parsed(old), parsed(new)) else {
        let words = |v: Option<&str>| {
            v.map(|v| parsed(Some(v)).map_or_else(|| v.to_string(), |r| rules(&r, None, lang)))
        };
        return (words(old), words(new));
    };
    (Some(rules(&a, Some(&b), lang)), Some(rules(&b, Some(&a), lang)))
}

/// The rules field by field ("Cách tính: trung vị; Số phiếu tối thiểu: 3"); with `other`, only the
/// fields that differ from it.
fn rules(r: &Rules, other: Option<&Rules>, lang: Lang) -> String {
    let mut parts = Vec::new();
    let differs = |same: fn(&Rules, &Rules) -> bool| other.is_none_or(|o| !same(r, o));
    if differs(|a, b| a.method == b.method) {
        parts.push((field("method", lang), method(r.method, lang)));
    }
    if differs(|a, b| a.divergence == b.divergence) {
        parts.push((field("divergence", lang), divergence(r.divergence.as_ref(), lang)));
    }
    if differs(|a, b| a.min_judges == b.min_judges) {
        parts.push((field("min judges", lang), r.min_judges.to_string()));
    }
    if differs(|a, b| a.vacancy == b.vacancy) {
        parts.push((field("vacancy", lang), vacancy(r.vacancy, lang).to_string()));
    }
    parts
        .into_iter()
        .map(|(f, w)| format!("{}: {w}", f.unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn method(m: Method, lang: Lang) -> String {
    match (m, lang) {
        (Method::Mean, _) => lang.t("trung bình cộng", "mean").into(),
        (Method::TrimmedMean { drop, from }, Lang::Vi) => {
            format!("trung bình bỏ {drop} cao nhất và {drop} thấp nhất (khi có từ {from} phiếu)")
        }
        (Method::TrimmedMean { drop, from }, Lang::En) => {
            format!("mean without the {drop} highest and {drop} lowest (from {from} sheets)")
        }
        (Method::Median, _) => lang.t("trung vị", "median").into(),
        (Method::ZScore, _) => lang
            .t("chuẩn hóa điểm z theo giám khảo", "per-judge z-scores")
            .into(),
    }
}

fn divergence(d: Option<&Divergence>, lang: Lang) -> String {
    let Some(d) = d else {
        return lang.t("không xét", "not checked").into();
    };
    let p = points(d.threshold, lang);
    match (d.action, lang) {
        (DivergenceAction::Flag, Lang::Vi) => format!("lệch quá {p} điểm thì đưa ra thảo luận, vẫn tính"),
        (DivergenceAction::Flag, Lang::En) => format!("more than {p} points off: flagged, still counted"),
        (DivergenceAction::Exclude, Lang::Vi) => format!("lệch quá {p} điểm thì loại phiếu"),
        (DivergenceAction::Exclude, Lang::En) => format!("more than {p} points off: sheet excluded"),
    }
}

fn vacancy(v: Vacancy, lang: Lang) -> &'static str {
    match v {
        Vacancy::Vacant => lang.t("để trống", "left vacant"),
        Vacancy::CascadeDown => lang.t("chuyển xuống giải sau", "passed to the next tier"),
    }
}

fn scope(s: Scope, lang: Lang) -> &'static str {
    match s {
        Scope::Overall => lang.t("xét chung toàn cuộc thi", "across the whole contest"),
        Scope::PerCategory => lang.t("xét riêng từng bảng", "in each category separately"),
    }
}

fn advancement(a: &Advancement, lang: Lang) -> String {
    let n = count(u64::from(a.top_n), lang);
    let mut parts = vec![match lang {
        Lang::Vi => format!("{n} dự án đầu"),
        Lang::En => format!("the top {n}"),
    }];
    if let Some(m) = a.min_score {
        let m = points(m, lang);
        parts.push(match lang {
            Lang::Vi => format!("từ {m} điểm"),
            Lang::En => format!("at least {m} points"),
        });
    }
    parts.push(scope(a.scope, lang).to_string());
    parts.join(", ")
}

/// A council's resolution: "DA20 Tên xếp trên DA14 Tên", "đồng giải", "tất cả cùng vào vòng sau".
fn resolution(r: &Resolution, names: &Names, lang: Lang) -> String {
    match r {
        Resolution::Order(ids) => {
            let mut out = String::new();
            for (i, id) in ids.iter().enumerate() {
                let name = names.submission(id);
                out.push_str(&match i {
                    0 => name,
                    1 => format!(" {} {name}", lang.t("xếp trên", "ahead of")),
                    _ => format!(", {} {name}", lang.t("rồi đến", "then")),
                });
            }
            out
        }
        Resolution::ShareAward => lang.t("đồng giải", "shared award").into(),
        Resolution::AdvanceAll => lang.t("tất cả cùng vào vòng sau", "all advance").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contest, Session};

    fn sample() -> Session {
        crate::store::files::parse_kind(
            std::path::Path::new("hai-phong-2023.ron"),
            include_str!("../../assets/samples/hai-phong-2023.ron"),
            crate::model::FileKind::Session,
        )
        .expect("the sample parses")
    }

    fn entry(kind: AuditKind, target: &str, old: Option<&str>, new: Option<&str>, note: &str) -> AuditEntry {
        AuditEntry::new(
            "2023-11-24T03:30:00Z".parse().unwrap(),
            "Nguyễn Thị Thanh Hà (thư ký)",
            kind,
            target.into(),
            old.map(String::from),
            new.map(String::from),
            note,
        )
    }

    const CODES: [&str; 9] = [
        "round ",
        "judge ",
        "Tier(",
        "Order(",
        "Some(",
        "None",
        "Points(",
        "Rules {",
        "Advancement {",
    ];

    /// English words giamkhao writes in the log; none may be left in Vietnamese.
    const ENGLISH: [&str; 34] = [
        "round",
        "judge",
        "submission",
        "submissions",
        "criterion",
        "tier",
        "added",
        "updated",
        "conflicts",
        "removed",
        "order",
        "share",
        "award",
        "advance",
        "advancement",
        "merge",
        "import",
        "app",
        "undo",
        "redo",
        "paper",
        "sheet",
        "entry",
        "typed",
        "twice",
        "rules",
        "mean",
        "median",
        "off",
        "flag",
        "above",
        "vacant",
        "overall",
        "levels",
    ];

    /// Vietnamese words giamkhao writes; none may be left in English.
    const VIETNAMESE: [&str; 14] = [
        "Vòng ",
        "Giải ",
        "dự án",
        "mới,",
        "cập nhật",
        "xung đột",
        "nhập trên",
        "gộp từ",
        "lý do",
        "xếp trên",
        "đồng giải",
        "lần nhập",
        "trung bình",
        "đã thêm",
    ];

    /// A decimal point: a dot between digits that does not start a group of three (Vietnamese
    /// groups thousands with dots: "50.000.000").
    fn decimal_point(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        (1..chars.len().saturating_sub(1)).any(|i| {
            chars[i] == '.' && chars[i - 1].is_ascii_digit() && {
                let digits = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                digits > 0 && digits != 3
            }
        })
    }

    fn all(d: &Described) -> String {
        [
            d.who.as_str(),
            &d.what,
            &d.target,
            d.old.as_deref().unwrap_or(""),
            d.new.as_deref().unwrap_or(""),
            &d.how,
        ]
        .join(" | ")
    }

    /// The entry in both languages, each checked for codes and the other language's words.
    fn both(e: &AuditEntry, names: &Names) -> (Described, Described) {
        let vi = describe(e, names, Lang::Vi);
        let en = describe(e, names, Lang::En);
        let (vi_text, en_text) = (all(&vi), all(&en));
        for code in CODES {
            assert!(!vi_text.contains(code), "«{code}» in {vi_text} (from {e:?})");
        }
        // In English "round" and "judge" are words; their ids are what must not show.
        for code in CODES.iter().skip(2).chain(&["round chung-khao", "judge gk"]) {
            assert!(!en_text.contains(code), "«{code}» in {en_text} (from {e:?})");
        }
        assert!(!decimal_point(&vi_text), "a decimal point in {vi_text}");
        let words: Vec<&str> = vi_text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        for english in ENGLISH {
            assert!(
                !words.iter().any(|w| w.eq_ignore_ascii_case(english)),
                "«{english}» in the Vietnamese {vi_text} (from {e:?})"
            );
        }
        // Text shown as typed (a description, a comment) may be in Vietnamese; what was said in words may not.
        let said = |shown: &Option<String>, stored: &Option<String>| {
            if shown == stored {
                String::new()
            } else {
                shown.clone().unwrap_or_default()
            }
        };
        let en_said = [
            en.what.clone(),
            en.target.clone(),
            said(&en.old, &e.old),
            said(&en.new, &e.new),
            en.how.clone(),
        ]
        .join(" | ");
        for vietnamese in VIETNAMESE {
            assert!(
                !en_said.contains(vietnamese),
                "«{vietnamese}» in the English {en_text} (from {e:?})"
            );
        }
        (vi, en)
    }

    fn seen(d: &Described) -> (&str, Option<&str>, Option<&str>, &str) {
        (&d.target, d.old.as_deref(), d.new.as_deref(), &d.how)
    }

    #[test]
    fn the_score_history_says_how_a_score_came_in_as_the_audit_screen_does() {
        let target = stored::score_target("chung-khao", "gk2", "DA20", "tc1");
        let typed = entry(AuditKind::Score, &target, Some("14.5"), Some("19.5"), "app");
        let line = super::super::history_line(&typed, Lang::Vi);
        assert!(line.ends_with("(nhập trên ứng dụng): 14,5 → 19,5"), "{line}");
        let merged = entry(
            AuditKind::Score,
            &target,
            Some("14.5"),
            Some("19.5"),
            "merge of phieu-gk2.ron",
        );
        let line = super::super::history_line(&merged, Lang::En);
        assert!(
            line.ends_with("(merged from phieu-gk2.ron): 14.5 → 19.5"),
            "{line}"
        );
    }

    #[test]
    fn scores_comments_and_recusals_name_the_round_judge_submission_and_criterion() {
        let s = sample();
        let names = Names::of(&s);
        let target = stored::score_target("chung-khao", "gk3", "DA14", "tc1");
        let da14 = "DA14 Nhà hàng không chạm phục vụ bằng robot";
        let (vi, en) = both(
            &entry(AuditKind::Score, &target, Some("15"), Some("19.5"), "app"),
            &names,
        );
        let place =
            |round: &str| format!("{round} Chung khảo · Ông Lê Minh Đức · {da14} · Tính mới và sáng tạo");
        assert_eq!(
            seen(&vi),
            (
                place("Vòng").as_str(),
                Some("15"),
                Some("19,5"),
                "nhập trên ứng dụng"
            )
        );
        assert_eq!(
            seen(&en),
            (
                place("Round").as_str(),
                Some("15"),
                Some("19.5"),
                "typed in the app"
            )
        );
        assert_eq!((vi.what.as_str(), en.what.as_str()), ("Điểm", "Score"));
        assert_eq!(vi.who, "Nguyễn Thị Thanh Hà (thư ký)");

        for (note, vi_how, en_how) in [
            ("undo", "hoàn tác", "undo"),
            ("redo", "làm lại", "redo"),
            (
                "merge of phieu-gk3.ron",
                "gộp từ phieu-gk3.ron",
                "merged from phieu-gk3.ron",
            ),
            (
                "merge of paper sheet typed twice (1: Lê Văn A; 2: Trần Thị B)",
                "gộp từ phiếu giấy đã nhập hai lần (lần 1: Lê Văn A; lần 2: Trần Thị B)",
                "merged from paper sheet typed twice (typing 1: Lê Văn A; typing 2: Trần Thị B)",
            ),
        ] {
            let (vi, en) = both(&entry(AuditKind::Score, &target, None, Some("7"), note), &names);
            assert_eq!((vi.how.as_str(), en.how.as_str()), (vi_how, en_how));
            assert_eq!(vi.old, None);
        }

        // A paper sheet's typing.
        let paper = format!("paper entry 2 / {target}");
        let (vi, en) = both(
            &entry(
                AuditKind::Score,
                &paper,
                Some("1"),
                Some("11.5"),
                "paper sheet, entry 2 (app)",
            ),
            &names,
        );
        assert_eq!(vi.target, format!("Phiếu giấy, lần nhập 2 · {}", place("Vòng")));
        assert_eq!(vi.how, "phiếu giấy, lần nhập 2 (nhập trên ứng dụng)");
        assert_eq!(vi.new.as_deref(), Some("11,5"));
        assert_eq!(en.target, format!("Paper sheet, typing 2 · {}", place("Round")));
        assert_eq!(en.how, "paper sheet, typing 2 (typed in the app)");
        // A typing marked finished, and opened again.
        let typing = "paper entry 1 / round chung-khao / judge gk3";
        let (vi, en) = both(
            &entry(
                AuditKind::Score,
                typing,
                Some("open"),
                Some("finished"),
                "paper sheet, entry 1 (app)",
            ),
            &names,
        );
        assert_eq!(
            vi.target,
            "Phiếu giấy, lần nhập 1 · Vòng Chung khảo · Ông Lê Minh Đức"
        );
        assert_eq!(
            (vi.old.as_deref(), vi.new.as_deref()),
            (Some("đang nhập"), Some("đã xong"))
        );
        assert_eq!(
            (en.old.as_deref(), en.new.as_deref()),
            (Some("being typed"), Some("finished"))
        );

        // Comments and recusals: their text as typed.
        let sheet = "round chung-khao / judge gk3 / submission DA14";
        for kind in [AuditKind::Comment, AuditKind::Recusal] {
            let (vi, en) = both(
                &entry(kind, sheet, None, Some("Người thân trong nhóm"), "app"),
                &names,
            );
            assert_eq!(vi.target, format!("Vòng Chung khảo · Ông Lê Minh Đức · {da14}"));
            assert_eq!(en.target, format!("Round Chung khảo · Ông Lê Minh Đức · {da14}"));
            assert_eq!(vi.new.as_deref(), Some("Người thân trong nhóm"));
        }
        // A judge's own entry in a packet names the judge.
        let mut own = entry(AuditKind::Score, &target, None, Some("8"), "app");
        own.by = "judge:gk3".into();
        assert_eq!(describe(&own, &names, Lang::Vi).who, "Ông Lê Minh Đức");
    }

    #[test]
    fn decisions_read_as_the_council_took_them_in_every_form_ever_written() {
        use crate::model::Decision;
        let s = sample();
        let names = Names::of(&s);
        let da14 = "DA14 Nhà hàng không chạm phục vụ bằng robot";
        let da20 = "DA20 Thiết bị đo độ mặn cho ao nuôi tôm";
        let mut decision = Decision {
            round: "chung-khao".into(),
            category: None,
            target: TieTarget::Tier("ba".into()),
            members: vec!["DA14".into(), "DA20".into()],
            resolution: Resolution::Order(vec!["DA20".into(), "DA14".into()]),
            by: "Nguyễn Văn Hải".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            reason: "Biểu quyết 4/6".into(),
        };
        let legacy_target =
            |d: &Decision| format!("round {} / {:?} / {}", d.round, d.target, d.members.join(", "));
        // Written now, written by earlier versions (Rust debug output), written by hand (the sample).
        for (target, new) in [
            (
                stored::decision_target(&decision),
                stored::resolution_value(&decision.resolution),
            ),
            (legacy_target(&decision), format!("{:?}", decision.resolution)),
            (
                "round chung-khao / tier ba / DA14, DA20".into(),
                "Order: DA20, DA14".into(),
            ),
        ] {
            let e = entry(
                AuditKind::Decision,
                &target,
                None,
                Some(&new),
                "app: Biểu quyết 4/6",
            );
            let (vi, en) = both(&e, &names);
            assert_eq!(
                seen(&vi),
                (
                    format!("Vòng Chung khảo · Giải Ba · {da14}, {da20}").as_str(),
                    None,
                    Some(format!("{da20} xếp trên {da14}").as_str()),
                    "nhập trên ứng dụng; lý do: Biểu quyết 4/6"
                )
            );
            assert_eq!(
                seen(&en),
                (
                    format!("Round Chung khảo · Tier Ba · {da14}, {da20}").as_str(),
                    None,
                    Some(format!("{da20} ahead of {da14}").as_str()),
                    "typed in the app; reason: Biểu quyết 4/6"
                )
            );
            assert_eq!(vi.what, "Quyết định");
            // Undone: the decision withdrawn.
            let e = entry(AuditKind::Decision, &target, Some(&new), None, "undo");
            let (vi, en) = both(&e, &names);
            assert_eq!(vi.what, "Hủy quyết định");
            assert_eq!(en.what, "Decision withdrawn");
            assert_eq!(vi.old, Some(format!("{da20} xếp trên {da14}")));
            assert_eq!(vi.how, "hoàn tác");
        }
        // Three tied, in a category; a shared award; advancing.
        decision.category = Some("sv".into());
        decision.members.push("DA07".into());
        decision.resolution = Resolution::Order(vec!["DA07".into(), "DA20".into(), "DA14".into()]);
        let e = entry(
            AuditKind::Decision,
            &stored::decision_target(&decision),
            None,
            Some(&stored::resolution_value(&decision.resolution)),
            "app: Biểu quyết",
        );
        let (vi, en) = both(&e, &names);
        assert!(
            vi.target
                .starts_with("Vòng Chung khảo · Bảng A — Học sinh, sinh viên · Giải Ba · DA14")
        );
        assert!(
            vi.new
                .as_deref()
                .unwrap()
                .contains(&format!("xếp trên {da20}, rồi đến {da14}"))
        );
        assert!(
            en.new
                .as_deref()
                .unwrap()
                .contains(&format!("ahead of {da20}, then {da14}"))
        );
        for resolution in [Resolution::ShareAward, Resolution::AdvanceAll] {
            decision.target = match resolution {
                Resolution::AdvanceAll => TieTarget::Advancement,
                _ => TieTarget::Tier("nhat".into()),
            };
            for (target, new) in [
                (
                    stored::decision_target(&decision),
                    stored::resolution_value(&resolution),
                ),
                (legacy_target(&decision), format!("{resolution:?}")),
            ] {
                let (vi, en) = both(
                    &entry(AuditKind::Decision, &target, None, Some(&new), "app: Biểu quyết"),
                    &names,
                );
                if resolution == Resolution::ShareAward {
                    assert!(vi.target.contains("· Giải Nhất ·"), "{}", vi.target);
                    assert_eq!(
                        (vi.new.as_deref(), en.new.as_deref()),
                        (Some("đồng giải"), Some("shared award"))
                    );
                } else {
                    assert!(vi.target.contains("· Vào vòng sau ·"), "{}", vi.target);
                    assert!(en.target.contains("· Advancing ·"), "{}", en.target);
                    assert_eq!(
                        (vi.new.as_deref(), en.new.as_deref()),
                        (Some("tất cả cùng vào vòng sau"), Some("all advance"))
                    );
                }
            }
        }
    }

    #[test]
    fn every_change_to_the_contest_reads_with_names_and_values_the_languages_way() {
        use crate::model::{Advancement, Category, Judge, Method, Scope, Vacancy};
        let s = sample();
        let old = s.contest.clone();
        let mut new: Contest = old.clone();
        new.name = "Tìm kiếm tài năng 2024".into();
        new.organizer = "Sở KH&CN".into();
        new.place = "Nhà hát Thành phố".into();
        new.date = Some(jiff::civil::date(2024, 11, 24));
        new.decimals = 3;
        new.rules.method = Method::TrimmedMean { drop: 1, from: 5 };
        new.rules.divergence = None;
        new.rules.min_judges = 4;
        new.rules.vacancy = Vacancy::CascadeDown;
        new.awards.scope = Scope::PerCategory;
        let round = &mut new.rounds[0];
        round.name = "Chung kết".into();
        round.tie_break = Some(vec!["tc2".into(), "tc1".into()]);
        round.judges.pop();
        round.advancement = Some(Advancement {
            top_n: 10,
            min_score: Some(Points::parse("60.5").unwrap()),
            scope: Scope::PerCategory,
        });
        let c = &mut round.criteria[0];
        c.name = "Tính mới".into();
        c.description = "Ý tưởng mới".into();
        c.max = Points::parse("25").unwrap();
        c.step = Points::parse("0.25").unwrap();
        c.weight = Points::parse("1.5").unwrap();
        c.min = Some(Points::parse("7.5").unwrap());
        c.rubric.pop();
        round.criteria.pop();
        let tier = &mut new.awards.tiers[0];
        tier.name = "Nhất (đặc biệt)".into();
        tier.count = 1_200;
        tier.min_score = Some(Points::parse("80.5").unwrap());
        tier.prize_vnd = Some(60_000_000);
        new.awards.tiers.pop();
        new.judges[0].name = "GS. Nguyễn Văn Hải".into();
        new.judges[0].organization = "Đại học Hàng hải".into();
        new.judges.pop();
        new.judges.push(Judge {
            id: "gk9".into(),
            name: "Bà Hoàng Thị Mai".into(),
            organization: String::new(),
            conflicts: Vec::new(),
            key: None,
            expertise: Vec::new(),
            avoid: Vec::new(),
        });
        new.categories[0].name = "Bảng A".into();
        new.categories.push(Category {
            id: "bang-c".into(),
            name: "Bảng C — Doanh nghiệp".into(),
        });
        let changes = crate::store::contest_diff::contest_changes(&old, &new);
        assert!(changes.len() >= 30, "{changes:#?}");
        // Read with the contest after the change, as the Audit screen does.
        let mut after = s.clone();
        after.contest = new;
        let names = Names::of(&after);
        let mut shown = std::collections::BTreeMap::new();
        for change in &changes {
            let e = entry(
                AuditKind::Contest,
                &change.target,
                change.old.as_deref(),
                change.new.as_deref(),
                "app",
            );
            let (vi, en) = both(&e, &names);
            assert_eq!(vi.what, "Cuộc thi");
            assert!(!vi.target.contains(" / "), "{}", vi.target);
            shown.insert(change.target.clone(), (vi, en));
        }
        let vi = |target: &str| {
            let d = &shown
                .get(target)
                .unwrap_or_else(|| panic!("no change {target}"))
                .0;
            (d.target.clone(), d.old.clone(), d.new.clone())
        };
        let en = |target: &str| {
            let d = &shown[target].1;
            (d.target.clone(), d.old.clone(), d.new.clone())
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(vi("contest / name").0, "Cuộc thi · Tên");
        assert_eq!(
            en("contest / date"),
            ("Contest · Date".into(), some("2023-11-24"), some("2024-11-24"))
        );
        assert_eq!(vi("contest / date").2, some("24/11/2024"));
        assert_eq!(
            vi("rules / method"),
            (
                "Quy tắc tính điểm · Cách tính".into(),
                some("trung bình cộng"),
                some("trung bình bỏ 1 cao nhất và 1 thấp nhất (khi có từ 5 phiếu)")
            )
        );
        assert_eq!(
            vi("rules / divergence").1,
            some("lệch quá 15 điểm thì đưa ra thảo luận, vẫn tính")
        );
        assert_eq!(en("rules / divergence").2, some("not checked"));
        assert_eq!(vi("rules / vacancy").2, some("chuyển xuống giải sau"));
        assert_eq!(
            en("awards / scope"),
            (
                "Awards · Scope".into(),
                some("across the whole contest"),
                some("in each category separately")
            )
        );
        assert_eq!(
            vi("round chung-khao / advancement"),
            (
                "Vòng Chung kết · Điều kiện vào vòng sau".into(),
                None,
                some("10 dự án đầu, từ 60,5 điểm, xét riêng từng bảng")
            )
        );
        let chain = vi("round chung-khao / tie-break chain").2.unwrap();
        assert_eq!(chain, "Tính khả thi của mô hình kinh doanh > Tính mới");
        assert!(
            vi("round chung-khao / judges")
                .1
                .unwrap()
                .contains("GS. Nguyễn Văn Hải, TS. Trần Thị Thu Hương")
        );
        assert_eq!(
            vi("round chung-khao / criterion tc1 / max"),
            (
                "Vòng Chung kết · Tính mới · Điểm tối đa".into(),
                some("20"),
                some("25")
            )
        );
        assert_eq!(vi("round chung-khao / criterion tc1 / step").2, some("0,25"));
        assert_eq!(en("round chung-khao / criterion tc1 / weight").2, some("1.5"));
        assert_eq!(vi("round chung-khao / criterion tc1 / min").2, some("7,5"));
        assert!(
            vi("round chung-khao / criterion tc1 / rubric")
                .2
                .unwrap()
                .ends_with(" mức")
        );
        assert_eq!(
            vi("round chung-khao / criteria / tc6"),
            (
                "Vòng Chung kết · Tiêu chí: Khả năng mở rộng và tăng trưởng".into(),
                some("Khả năng mở rộng và tăng trưởng"),
                None
            )
        );
        assert_eq!(
            vi("tier nhat / count"),
            ("Giải Nhất (đặc biệt) · Số giải".into(), some("1"), some("1.200"))
        );
        assert_eq!(en("tier nhat / count").2, some("1,200"));
        assert_eq!(vi("tier nhat / min score").2, some("80,5"));
        assert_eq!(vi("tier nhat / prize").2, some("60.000.000 đ"));
        assert_eq!(en("tier nhat / prize").2, some("60,000,000 VND"));
        assert_eq!(vi("tiers / kk").0, "Giải: Khuyến khích");
        assert_eq!(vi("judge gk1 / name").0, "GS. Nguyễn Văn Hải · Tên");
        assert_eq!(
            vi("judges / gk6"),
            (
                "Giám khảo: TS. Đỗ Thị Lan Anh".into(),
                some("TS. Đỗ Thị Lan Anh"),
                None
            )
        );
        assert_eq!(en("judges / gk9").0, "Judge: Bà Hoàng Thị Mai");
        assert_eq!(vi("category sv / name").0, "Bảng A · Tên");
        assert_eq!(vi("categories / bang-c").0, "Bảng: Bảng C — Doanh nghiệp");
    }

    #[test]
    fn a_round_named_with_its_word_is_not_named_twice() {
        assert_eq!(round_words("Vòng chung kết", Lang::Vi), "Vòng chung kết");
        assert_eq!(round_words("Chung kết", Lang::Vi), "Vòng Chung kết");
        assert_eq!(round_words("Final round", Lang::En), "Round Final round");
        assert_eq!(round_words("Round 2", Lang::En), "Round 2");
    }

    #[test]
    fn contest_changes_written_by_earlier_versions_read_the_same() {
        use crate::model::{Advancement, Method, Scope};
        let s = sample();
        let names = Names::of(&s);
        let old = s.contest.rules.clone();
        let mut new = old.clone();
        new.method = Method::Median;
        new.min_judges = 5;
        // The whole rules in one entry: only what changed is said.
        let e = entry(
            AuditKind::Contest,
            "rules",
            Some(&format!("{old:?}")),
            Some(&format!("{new:?}")),
            "app",
        );
        let (vi, en) = both(&e, &names);
        assert_eq!(
            seen(&vi),
            (
                "Quy tắc tính điểm",
                Some("Cách tính: trung bình cộng; Số phiếu tối thiểu: 3"),
                Some("Cách tính: trung vị; Số phiếu tối thiểu: 5"),
                "nhập trên ứng dụng"
            )
        );
        assert_eq!(en.new.as_deref(), Some("Method: median; Minimum sheets: 5"));
        let e = entry(
            AuditKind::Contest,
            "awards / scope",
            Some(&format!("{:?}", Scope::Overall)),
            Some(&format!("{:?}", Scope::PerCategory)),
            "app",
        );
        assert_eq!(both(&e, &names).0.new.as_deref(), Some("xét riêng từng bảng"));
        let a = Advancement {
            top_n: 8,
            min_score: Some(Points::parse("50.5").unwrap()),
            scope: Scope::Overall,
        };
        let e = entry(
            AuditKind::Contest,
            "round chung-khao / advancement",
            None,
            Some(&format!("{a:?}")),
            "app",
        );
        assert_eq!(
            both(&e, &names).1.new.as_deref(),
            Some("the top 8, at least 50.5 points, across the whole contest")
        );
        let e = entry(AuditKind::Contest, "judges / gk6", Some("removed"), None, "app");
        let (vi, en) = both(&e, &names);
        assert_eq!(
            (vi.target.as_str(), vi.old.as_deref()),
            ("Giám khảo: TS. Đỗ Thị Lan Anh", Some("đã xóa"))
        );
        assert_eq!(en.old.as_deref(), Some("removed"));
    }

    #[test]
    fn merges_imports_seals_and_the_samples_own_entries_read_in_the_language() {
        let s = sample();
        let names = Names::of(&s);
        for e in &s.audit {
            both(e, &names);
        }
        let merge = s.audit.iter().find(|e| e.kind == AuditKind::Merge).unwrap();
        let (vi, en) = both(merge, &names);
        assert_eq!(
            seen(&vi),
            (
                "Vòng Chung khảo · PGS.TS. Nguyễn Văn Hải",
                None,
                Some("24 mới, 0 cập nhật, 0 xung đột"),
                "gộp từ gk1.ron"
            )
        );
        assert_eq!(en.new.as_deref(), Some("24 added, 0 updated, 0 conflicts"));
        assert_eq!(en.how, "merged from gk1.ron");
        let import = s.audit.iter().find(|e| e.kind == AuditKind::Import).unwrap();
        let (vi, en) = both(import, &names);
        assert_eq!(
            seen(&vi),
            ("Danh sách dự án", None, Some("24 dự án"), "nhập từ dang-ky.xlsx")
        );
        assert_eq!(
            seen(&en),
            (
                "Submissions",
                None,
                Some("24 submissions"),
                "imported from dang-ky.xlsx"
            )
        );
        let decision = s.audit.iter().find(|e| e.kind == AuditKind::Decision).unwrap();
        let (vi, _) = both(decision, &names);
        assert!(vi.how.starts_with("lý do: Hội đồng biểu quyết 5/6"), "{}", vi.how);
        assert!(vi.new.as_deref().unwrap().starts_with("DA14 Nhà hàng"));

        // One submission imported, in the app, undone; a large merge.
        let one = "submission DA07";
        let title = s.submission("DA07").unwrap().title.clone();
        for (kind, note, vi_how, en_how) in [
            (
                AuditKind::Import,
                "import of dang-ky.xlsx",
                "nhập từ dang-ky.xlsx",
                "imported from dang-ky.xlsx",
            ),
            (
                AuditKind::Import,
                "app: dang-ky.xlsx",
                "nhập từ dang-ky.xlsx trên ứng dụng",
                "imported from dang-ky.xlsx in the app",
            ),
            (
                AuditKind::Submission,
                "undo: dang-ky.xlsx",
                "hoàn tác việc nhập dang-ky.xlsx",
                "undo of the import of dang-ky.xlsx",
            ),
        ] {
            let (vi, en) = both(&entry(kind, one, None, Some(&title), note), &names);
            assert_eq!(vi.target, format!("DA07 {title}"));
            assert_eq!((vi.how.as_str(), en.how.as_str()), (vi_how, en_how));
        }
        let big = entry(
            AuditKind::Merge,
            "round chung-khao / judge gk2",
            None,
            Some("1200 added, 3 updated, 1 conflicts"),
            "merge of gk2.ron",
        );
        let (vi, en) = both(&big, &names);
        assert_eq!(vi.new.as_deref(), Some("1.200 mới, 3 cập nhật, 1 xung đột"));
        assert_eq!(en.target, "Round Chung khảo · TS. Trần Thị Thu Hương");

        // Seal and unseal: the digest as it is, the reason in words.
        let digest = "ab".repeat(32);
        let (vi, en) = both(
            &entry(AuditKind::Seal, "session", None, Some(&digest), ""),
            &names,
        );
        assert_eq!(seen(&vi), ("Phiên chấm", None, Some(digest.as_str()), ""));
        assert_eq!(en.what, "Seal");
        let unseal = entry(
            AuditKind::Unseal,
            "session",
            Some(&digest),
            None,
            "Sửa tên dự án DA07",
        );
        assert_eq!(
            describe(&unseal, &names, Lang::Vi).how,
            "lý do: Sửa tên dự án DA07"
        );
        assert_eq!(
            describe(&unseal, &names, Lang::En).how,
            "reason: Sửa tên dự án DA07"
        );
    }

    #[test]
    fn what_is_not_recognised_is_shown_as_stored() {
        let s = sample();
        let names = Names::of(&s);
        for (kind, target, old, new, note) in [
            (
                AuditKind::Contest,
                "something / else",
                Some("x y"),
                Some("Order([oops"),
                "hand edit",
            ),
            (AuditKind::Decision, "", None, Some("Order(["), ""),
            (
                AuditKind::Contest,
                "rules",
                Some("Rules { method: Mean"),
                None,
                "app",
            ),
            (
                AuditKind::Merge,
                "round ? / judge ?",
                None,
                Some("lots"),
                "merge of",
            ),
            (
                AuditKind::Score,
                " / / ",
                Some("abc"),
                Some("1.23456"),
                "paper sheet, entry 1 (x",
            ),
            (
                AuditKind::Contest,
                "tier nhat / prize",
                None,
                Some("nhiều"),
                "app",
            ),
        ] {
            let e = entry(kind, target, old, new, note);
            for lang in [Lang::Vi, Lang::En] {
                let d = describe(&e, &names, lang);
                assert_eq!(d.old.is_some(), old.is_some());
                assert_eq!(d.new.is_some(), new.is_some());
                if let (Some(shown), Some(stored)) = (&d.new, new)
                    && kind != AuditKind::Score
                {
                    assert_eq!(shown, stored);
                }
            }
        }
        let odd = describe(
            &entry(AuditKind::Contest, "something / else", None, None, "hand edit"),
            &names,
            Lang::Vi,
        );
        assert_eq!(
            (odd.target.as_str(), odd.how.as_str()),
            ("something · else", "hand edit")
        );
    }
}
