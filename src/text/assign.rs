//! The words of an automatic assignment (`crate::assign`): the design's properties as an organizer
//! reads them out — loads, kept and changed assignments, fields matched, pairs of judges that never
//! meet — and each submission left short with its reason. Vietnamese and English.

use super::{Lang, Names, conflict_reason, count};
use crate::assign::{RemovedWhy, Report, SettingsError, Short, Why};

/// Why a judge may not score a submission.
pub fn why(w: &Why, lang: Lang) -> String {
    match w {
        Why::Conflict(kind) => conflict_reason(kind, lang),
        Why::Avoids(field) => match lang {
            Lang::Vi => format!("không chấm lĩnh vực «{field}»"),
            Lang::En => format!("does not judge «{field}»"),
        },
    }
}

/// Settings that cannot make a plan.
pub fn settings_error(e: &SettingsError, lang: Lang) -> &'static str {
    match e {
        SettingsError::NoJudgesPerSubmission => lang.t(
            "số giám khảo mỗi dự án phải từ 1 trở lên",
            "judges per submission must be 1 or more",
        ),
        SettingsError::NoJudges => lang.t("vòng này chưa có giám khảo", "this round has no judges yet"),
        SettingsError::NoSubmissions => lang.t(
            "vòng này chưa có dự án nào để chấm",
            "this round has no submissions to score yet",
        ),
    }
}

fn names_list(ids: &[String], names: &Names, lang: Lang) -> String {
    let all: Vec<String> = ids.iter().map(|j| names.judge(j)).collect();
    if all.is_empty() {
        lang.t("không ai", "nobody").to_string()
    } else {
        all.join(", ")
    }
}

/// One submission left short, and why, in one sentence.
pub fn short(s: &Short, k: u32, max_load: Option<u32>, names: &Names, lang: Lang) -> String {
    let mut parts = Vec::new();
    let eligible = s.may;
    if eligible < k || s.full.is_empty() {
        let reasons: Vec<String> = s
            .excluded
            .iter()
            .map(|(j, w)| format!("{} ({})", names.judge(j), why(w, lang)))
            .collect();
        parts.push(match lang {
            Lang::Vi => format!(
                "chỉ {eligible} giám khảo của vòng được chấm dự án này; không được chấm: {}",
                if reasons.is_empty() {
                    "—".into()
                } else {
                    reasons.join("; ")
                }
            ),
            Lang::En => format!(
                "only {eligible} of the round's judges may score it; may not: {}",
                if reasons.is_empty() {
                    "—".into()
                } else {
                    reasons.join("; ")
                }
            ),
        });
    }
    if !s.full.is_empty() {
        let max = max_load.unwrap_or(0);
        parts.push(match lang {
            Lang::Vi => format!("{} đã đủ tối đa {max} dự án", names_list(&s.full, names, lang)),
            Lang::En => format!(
                "{} already {} the maximum of {max} submissions",
                names_list(&s.full, names, lang),
                if s.full.len() == 1 { "has" } else { "have" }
            ),
        });
    }
    match lang {
        Lang::Vi => format!(
            "{}: {} / {k} giám khảo — {}",
            names.submission(&s.submission),
            s.judges,
            parts.join("; ")
        ),
        Lang::En => format!(
            "{}: {} of {k} judges — {}",
            names.submission(&s.submission),
            s.judges,
            parts.join("; ")
        ),
    }
}

/// The design's properties, a line each: seats filled, loads, kept and changed, fields, pairs that
/// never meet, groups. Then every submission short, and every existing assignment dropped with why.
pub fn report(r: &Report, names: &Names, lang: Lang) -> Vec<String> {
    let k = r.settings.per_submission;
    let mut out = Vec::new();
    let loads: Vec<u32> = r.loads.iter().map(|l| l.load).collect();
    let (min, max) = (
        loads.iter().copied().min().unwrap_or(0),
        loads.iter().copied().max().unwrap_or(0),
    );
    out.push(match lang {
        Lang::Vi => format!(
            "{} dự án × {k} giám khảo: đã xếp {} / {} lượt chấm{}.",
            count(u64::from(r.submissions), lang),
            count(r.filled, lang),
            count(r.seats, lang),
            if r.short.is_empty() {
                String::new()
            } else {
                format!("; {} dự án thiếu giám khảo (xem dưới)", r.short.len())
            }
        ),
        Lang::En => format!(
            "{} submissions × {k} judges: {} of {} seats filled{}.",
            count(u64::from(r.submissions), lang),
            count(r.filled, lang),
            count(r.seats, lang),
            if r.short.is_empty() {
                String::new()
            } else {
                format!("; {} submissions short of judges (below)", r.short.len())
            }
        ),
    });
    let limit = |lang: Lang| {
        r.settings.max_load.map_or(String::new(), |m| match lang {
            Lang::Vi => format!("; tối đa {m}"),
            Lang::En => format!("; at most {m}"),
        })
    };
    out.push(match (lang, min == max) {
        (Lang::Vi, true) => format!("Mỗi giám khảo chấm {min} dự án{}.", limit(lang)),
        (Lang::Vi, false) => format!(
            "Mỗi giám khảo chấm {min}–{max} dự án (chênh nhiều nhất {}){}.",
            max - min,
            limit(lang)
        ),
        (Lang::En, true) => format!("Each judge scores {min} submissions{}.", limit(lang)),
        (Lang::En, false) => format!(
            "Each judge scores {min}–{max} submissions (a spread of {}){}.",
            max - min,
            limit(lang)
        ),
    });
    // A maximum load too small for every seat: the simple fix.
    let judges = r.loads.len() as u64;
    if let Some(m) = r.settings.max_load
        && judges > 0
        && judges * u64::from(m) < r.seats
    {
        let least = r.seats.div_ceil(judges);
        out.insert(
            1,
            match lang {
                Lang::Vi => format!(
                    "{judges} giám khảo × tối đa {m} = {} lượt, ít hơn {} lượt cần: tối đa mỗi giám khảo phải từ {least} trở lên.",
                    count(judges * u64::from(m), lang),
                    count(r.seats, lang)
                ),
                Lang::En => format!(
                    "{judges} judges × at most {m} = {} seats, fewer than the {} needed: the maximum per judge must be {least} or more.",
                    count(judges * u64::from(m), lang),
                    count(r.seats, lang)
                ),
            },
        );
    }
    let moved = r.removed.iter().filter(|x| x.why == RemovedWhy::Moved).count();
    out.push(match lang {
        Lang::Vi => format!(
            "Giữ {} phân công cũ, thêm {}, bỏ {} (trong đó {} chuyển sang giám khảo khác){}.",
            count(u64::from(r.kept), lang),
            count(u64::from(r.added), lang),
            count(r.removed.len() as u64, lang),
            count(moved as u64, lang),
            if r.fixed > 0 {
                format!("; {} ô đã chấm hoặc đã ghim giữ nguyên", r.fixed)
            } else {
                String::new()
            }
        ),
        Lang::En => format!(
            "Existing assignments: {} kept, {} added, {} dropped ({} of them given to other judges){}.",
            count(u64::from(r.kept), lang),
            count(u64::from(r.added), lang),
            count(r.removed.len() as u64, lang),
            count(moved as u64, lang),
            if r.fixed > 0 {
                format!("; cells already scored or locked, which stay: {}", r.fixed)
            } else {
                String::new()
            }
        ),
    });
    if r.any_expertise {
        out.push(match lang {
            Lang::Vi => format!(
                "{} / {} lượt chấm đúng lĩnh vực giám khảo đăng ký.",
                count(r.matched, lang),
                count(r.filled, lang)
            ),
            Lang::En => format!(
                "{} of {} seats in a field the judge listed.",
                count(r.matched, lang),
                count(r.filled, lang)
            ),
        });
    }
    out.push(if r.never_meet.is_empty() {
        match lang {
            Lang::Vi => format!(
                "Mọi cặp giám khảo cùng bảng ({} cặp) đều cùng chấm ít nhất một dự án.",
                r.pairs
            ),
            Lang::En => format!(
                "Every pair of judges who share a category ({} pairs) scores at least one submission together.",
                r.pairs
            ),
        }
    } else {
        let shown: Vec<String> = r
            .never_meet
            .iter()
            .take(10)
            .map(|(a, b)| format!("{} – {}", names.judge(a), names.judge(b)))
            .collect();
        let more = r.never_meet.len().saturating_sub(shown.len());
        match lang {
            Lang::Vi => format!(
                "{} / {} cặp giám khảo cùng bảng không cùng chấm dự án nào: {}{}.",
                count(r.never_meet.len() as u64, lang),
                count(r.pairs, lang),
                shown.join("; "),
                if more > 0 { format!(" và {more} cặp nữa") } else { String::new() }
            ),
            Lang::En => format!(
                "{} of {} pairs of judges who share a category score no submission together: {}{}.",
                count(r.never_meet.len() as u64, lang),
                count(r.pairs, lang),
                shown.join("; "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            ),
        }
    });
    if r.groups.len() > 1 {
        let groups: Vec<String> = r
            .groups
            .iter()
            .map(|g| {
                let names: Vec<String> = g.iter().map(|j| names.judge(j)).collect();
                format!("[{}]", names.join(", "))
            })
            .collect();
        out.push(match lang {
            Lang::Vi => format!(
                "Các giám khảo chia thành {} nhóm không chấm chung dự án nào, nên không so sánh được với nhau (phương pháp z-score, phân tích): {}.",
                r.groups.len(),
                groups.join(" ")
            ),
            Lang::En => format!(
                "The judges fall into {} groups that share no submission, so they cannot be compared (z-score method, analysis): {}.",
                r.groups.len(),
                groups.join(" ")
            ),
        });
    } else if !r.loads.is_empty() {
        out.push(
            lang.t(
                "Mọi giám khảo nối với nhau qua các dự án chấm chung.",
                "All judges are connected through the submissions they share.",
            )
            .to_string(),
        );
    }
    for (s, n) in &r.over {
        out.push(match lang {
            Lang::Vi => format!(
                "{}: đã có {n} giám khảo chấm điểm hoặc được ghim — hơn {k}, giữ nguyên.",
                names.submission(s)
            ),
            Lang::En => format!(
                "{}: already {n} judges with scores or locked — more than {k}, kept.",
                names.submission(s)
            ),
        });
    }
    for s in &r.short {
        out.push(short(s, k, r.settings.max_load, names, lang));
    }
    // Those given to others and those left for want of room (the short submissions say why) are
    // counted above; the others, each with its reason.
    for x in r
        .removed
        .iter()
        .filter(|x| !matches!(x.why, RemovedWhy::Moved | RemovedWhy::Unplaced))
    {
        let reason = match &x.why {
            RemovedWhy::LeftRound => lang
                .t("giám khảo không còn trong vòng", "the judge left the round")
                .to_string(),
            RemovedWhy::NotAllowed(w) => why(w, lang),
            RemovedWhy::Moved | RemovedWhy::Unplaced => String::new(),
        };
        out.push(match lang {
            Lang::Vi => format!(
                "Bỏ phân công {} – {}: {reason}.",
                names.judge(&x.judge),
                names.submission(&x.submission)
            ),
            Lang::En => format!(
                "Dropped {} – {}: {reason}.",
                names.judge(&x.judge),
                names.submission(&x.submission)
            ),
        });
    }
    out
}
