//! Reading the audit log: how each entry came in (typed in the app, a merge of a handed-in sheet, an
//! import, a paper sheet typed twice), and the history of one score; the plain forms decisions and
//! rules are written in, and how the forms earlier versions wrote (Rust's debug output) are read
//! back; and the hash chain that ties every entry to the ones before it. `crate::text::audit` says an
//! entry in words.

use crate::model::{
    Advancement, AuditEntry, AuditKind, Decision, Divergence, DivergenceAction, Method, Points, Resolution,
    Rules, Scope, TieTarget, Vacancy,
};

/// How a change came in, read from the entry's note (the app writes "app", "undo" or "redo"; a merge
/// "merge of FILE"; an import "import of FILE"; the double entry of a paper sheet, both the typing and
/// the merge once confirmed, notes that name the "paper sheet").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    App,
    Merge,
    Import,
    Paper,
    Other,
}

pub const CHANNELS: [Channel; 5] = [
    Channel::App,
    Channel::Merge,
    Channel::Import,
    Channel::Paper,
    Channel::Other,
];

pub fn channel(e: &AuditEntry) -> Channel {
    channel_of(e.note.as_str(), e.kind)
}

/// The note a merge gives an entry of a judge's own log: "judge's log of FILE (NOTE)", NOTE being how
/// the judge's app recorded it.
pub fn judge_log_note(source: &str, note: &str) -> String {
    format!("judge's log of {source} ({note})")
}

/// The FILE and NOTE of [`judge_log_note`].
pub fn judge_log_parts(note: &str) -> Option<(&str, &str)> {
    note.strip_prefix("judge's log of ")?
        .strip_suffix(')')?
        .rsplit_once(" (")
}

fn channel_of(note: &str, kind: AuditKind) -> Channel {
    // A judge's own record keeps the way it was made on the judge's laptop.
    if let Some((_, inner)) = judge_log_parts(note) {
        return channel_of(inner, kind);
    }
    if note.contains("paper sheet") {
        Channel::Paper
    } else if note == "app" || note == "undo" || note == "redo" {
        Channel::App
    } else if note.starts_with("merge of") || kind == AuditKind::Merge {
        Channel::Merge
    } else if note.starts_with("import of") || kind == AuditKind::Import {
        Channel::Import
    } else {
        Channel::Other
    }
}

/// The chain value of `entry` after an entry whose chain value is `previous` ("" for the first):
/// SHA-256 of the canonical JSON (see `seal`) of both, the entry without its own chain value.
fn link(previous: &str, entry: &AuditEntry) -> String {
    #[derive(serde::Serialize)]
    struct Link<'a> {
        previous: &'a str,
        entry: &'a AuditEntry,
    }
    let bare = AuditEntry {
        chain: String::new(),
        ..entry.clone()
    };
    super::seal::digest_of(&Link {
        previous,
        entry: &bare,
    })
}

/// Chains the entries written since the log was last chained (those after its last chained entry).
/// Called on every save and before a seal; entries already chained are never rewritten, so an entry
/// changed by hand stays a break in the chain.
pub fn chain(log: &mut [AuditEntry]) {
    let first = log.iter().rposition(|e| !e.chain.is_empty()).map_or(0, |i| i + 1);
    for i in first..log.len() {
        let previous = if i == 0 {
            String::new()
        } else {
            log[i - 1].chain.clone()
        };
        log[i].chain = link(&previous, &log[i]);
    }
}

/// The first entry whose chain value is not what the entries before it and its content give:
/// changed, inserted, removed or reordered outside giamkhao (or written without one).
pub fn chain_break(log: &[AuditEntry]) -> Option<usize> {
    let mut previous = "";
    for (i, entry) in log.iter().enumerate() {
        if entry.chain != link(previous, entry) {
            return Some(i);
        }
        previous = &entry.chain;
    }
    None
}

/// The target every score entry names.
pub fn score_target(round: &str, judge: &str, submission: &str, criterion: &str) -> String {
    format!("round {round} / judge {judge} / submission {submission} / criterion {criterion}")
}

/// Every change to one score, oldest first.
pub fn score_history<'a>(
    audit: &'a [AuditEntry],
    round: &str,
    judge: &str,
    submission: &str,
    criterion: &str,
) -> Vec<&'a AuditEntry> {
    let target = score_target(round, judge, submission, criterion);
    let mut found: Vec<&AuditEntry> = audit
        .iter()
        .filter(|e| e.kind == AuditKind::Score && e.target == target)
        .collect();
    found.sort_by_key(|e| e.at);
    found
}

// The values of a stored entry that are neither plain text nor points are written in these forms,
// and read back by the `parse_` functions below, which also read what earlier versions wrote
// (`format!("{:?}")` of the value: `Tier("ba")`, `Order(["DA20", "DA14"])`, `Rules { … }`).

/// A council decision's target: "round R / tier T / DA14, DA20", with "category C" after the round
/// when the tie is within one category and "advancement" instead of "tier T" for the cut.
pub fn decision_target(d: &Decision) -> String {
    let mut parts = vec![format!("round {}", d.round)];
    if let Some(c) = &d.category {
        parts.push(format!("category {c}"));
    }
    parts.push(match &d.target {
        TieTarget::Tier(id) => format!("tier {id}"),
        TieTarget::Advancement => "advancement".into(),
    });
    parts.push(d.members.join(", "));
    parts.join(" / ")
}

/// What a tie is for, read from "tier T" / "advancement" or the earlier `Tier("T")` / `Advancement`.
pub fn parse_tie_target(s: &str) -> Option<TieTarget> {
    let s = s.trim();
    if s == "advancement" || s == "Advancement" {
        return Some(TieTarget::Advancement);
    }
    if let Some(id) = s.strip_prefix("tier ") {
        return Some(TieTarget::Tier(id.trim().to_string()));
    }
    let id = s.strip_prefix("Tier(")?.strip_suffix(')')?;
    Some(TieTarget::Tier(unquote(id)?))
}

/// A council's resolution: "order DA20 > DA14", "share award" or "advance all".
pub fn resolution_value(r: &Resolution) -> String {
    match r {
        Resolution::Order(ids) => format!("order {}", ids.join(" > ")),
        Resolution::ShareAward => "share award".into(),
        Resolution::AdvanceAll => "advance all".into(),
    }
}

/// A resolution as written now, by earlier versions (`Order(["DA20", "DA14"])`, `ShareAward`,
/// `AdvanceAll`), or by hand ("Order: DA14, DA20", as in the bundled sample).
pub fn parse_resolution(s: &str) -> Option<Resolution> {
    let s = s.trim();
    match s {
        "share award" | "ShareAward" => return Some(Resolution::ShareAward),
        "advance all" | "AdvanceAll" => return Some(Resolution::AdvanceAll),
        _ => {}
    }
    let ids: Vec<String> = if let Some(list) = s.strip_prefix("order ") {
        list.split(" > ").map(|id| id.trim().to_string()).collect()
    } else if let Some(list) = s.strip_prefix("Order: ") {
        list.split(',').map(|id| id.trim().to_string()).collect()
    } else {
        let list = s.strip_prefix("Order([")?.strip_suffix("])")?;
        list.split(", ").map(unquote).collect::<Option<_>>()?
    };
    (!ids.is_empty() && ids.iter().all(|id| !id.is_empty())).then_some(Resolution::Order(ids))
}

/// The scoring method: "mean", "trimmed mean drop D from F", "median" or "z-score".
pub fn method_value(m: Method) -> String {
    match m {
        Method::Mean => "mean".into(),
        Method::TrimmedMean { drop, from } => format!("trimmed mean drop {drop} from {from}"),
        Method::Median => "median".into(),
        Method::ZScore => "z-score".into(),
    }
}

/// A method as written now or by earlier versions (`Mean`, `TrimmedMean { drop: 1, from: 5 }`…).
pub fn parse_method(s: &str) -> Option<Method> {
    let s = s.trim();
    match s {
        "mean" | "Mean" => return Some(Method::Mean),
        "median" | "Median" => return Some(Method::Median),
        "z-score" | "ZScore" => return Some(Method::ZScore),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix("trimmed mean drop ") {
        let (drop, from) = rest.split_once(" from ")?;
        return Some(Method::TrimmedMean {
            drop: drop.trim().parse().ok()?,
            from: from.trim().parse().ok()?,
        });
    }
    let fields = s.strip_prefix("TrimmedMean")?;
    Some(Method::TrimmedMean {
        drop: debug_field(fields, "drop")?.parse().ok()?,
        from: debug_field(fields, "from")?.parse().ok()?,
    })
}

/// The divergence check: "off", "flag above 15" or "exclude above 15".
pub fn divergence_value(d: Option<&Divergence>) -> String {
    match d {
        None => "off".into(),
        Some(d) => {
            let action = match d.action {
                DivergenceAction::Flag => "flag",
                DivergenceAction::Exclude => "exclude",
            };
            format!("{action} above {}", d.threshold)
        }
    }
}

/// A divergence check as written now or by earlier versions (`None`,
/// `Some(Divergence { threshold: Points(150000), action: Flag })`). `Some(None)`: not checked.
pub fn parse_divergence(s: &str) -> Option<Option<Divergence>> {
    let s = s.trim();
    if s == "off" || s == "None" {
        return Some(None);
    }
    let canonical = |action, threshold: &str| {
        Points::parse(threshold.trim())
            .ok()
            .map(|threshold| Some(Divergence { threshold, action }))
    };
    if let Some(t) = s.strip_prefix("flag above ") {
        return canonical(DivergenceAction::Flag, t);
    }
    if let Some(t) = s.strip_prefix("exclude above ") {
        return canonical(DivergenceAction::Exclude, t);
    }
    let fields = s.strip_prefix("Some(Divergence")?;
    let action = match debug_field(fields, "action")? {
        "Flag" => DivergenceAction::Flag,
        "Exclude" => DivergenceAction::Exclude,
        _ => return None,
    };
    Some(Some(Divergence {
        threshold: debug_points(debug_field(fields, "threshold")?)?,
        action,
    }))
}

/// Unfilled award slots: "vacant" or "cascade down".
pub fn vacancy_value(v: Vacancy) -> String {
    match v {
        Vacancy::Vacant => "vacant".into(),
        Vacancy::CascadeDown => "cascade down".into(),
    }
}

pub fn parse_vacancy(s: &str) -> Option<Vacancy> {
    match s.trim() {
        "vacant" | "Vacant" => Some(Vacancy::Vacant),
        "cascade down" | "CascadeDown" => Some(Vacancy::CascadeDown),
        _ => None,
    }
}

/// Where awards or advancement are counted: "overall" or "per category".
pub fn scope_value(s: Scope) -> String {
    match s {
        Scope::Overall => "overall".into(),
        Scope::PerCategory => "per category".into(),
    }
}

pub fn parse_scope(s: &str) -> Option<Scope> {
    match s.trim() {
        "overall" | "Overall" => Some(Scope::Overall),
        "per category" | "PerCategory" => Some(Scope::PerCategory),
        _ => None,
    }
}

/// Who goes on to the next round: "top 8, overall", "top 8, min score 50, per category".
pub fn advancement_value(a: &Advancement) -> String {
    let mut parts = vec![format!("top {}", a.top_n)];
    if let Some(m) = a.min_score {
        parts.push(format!("min score {m}"));
    }
    parts.push(scope_value(a.scope));
    parts.join(", ")
}

/// An advancement rule as written now or by earlier versions
/// (`Advancement { top_n: 8, min_score: Some(Points(500000)), scope: Overall }`).
pub fn parse_advancement(s: &str) -> Option<Advancement> {
    let s = s.trim();
    if let Some(fields) = s.strip_prefix("Advancement") {
        let min_score = match debug_field(fields, "min_score")? {
            "None" => None,
            some => Some(debug_points(some.strip_prefix("Some(")?.strip_suffix(')')?)?),
        };
        return Some(Advancement {
            top_n: debug_field(fields, "top_n")?.parse().ok()?,
            min_score,
            scope: parse_scope(debug_field(fields, "scope")?)?,
        });
    }
    let mut parts = s.split(", ");
    let top_n = parts.next()?.strip_prefix("top ")?.parse().ok()?;
    let mut a = Advancement {
        top_n,
        min_score: None,
        scope: Scope::Overall,
    };
    for part in parts {
        if let Some(m) = part.strip_prefix("min score ") {
            a.min_score = Some(Points::parse(m).ok()?);
        } else {
            a.scope = parse_scope(part)?;
        }
    }
    Some(a)
}

/// The whole rules as earlier versions logged them: `Rules { method: Mean, divergence: …,
/// min_judges: 3, vacancy: Vacant }` (rules are now logged field by field).
pub fn parse_rules(s: &str) -> Option<Rules> {
    let fields = s.trim().strip_prefix("Rules")?;
    Some(Rules {
        method: parse_method(debug_field(fields, "method")?)?,
        divergence: parse_divergence(debug_field(fields, "divergence")?)?,
        min_judges: debug_field(fields, "min_judges")?.parse().ok()?,
        vacancy: parse_vacancy(debug_field(fields, "vacancy")?)?,
    })
}

/// The counts of a merge's summary entry: "24 added, 0 updated, 0 conflicts" (added, updated,
/// conflicts), as `merge::merge_sheet` writes it.
pub fn parse_merge_counts(s: &str) -> Option<(u64, u64, u64)> {
    let mut counts = s.trim().split(", ");
    let mut next = |word: &str| -> Option<u64> { counts.next()?.strip_suffix(word)?.trim().parse().ok() };
    let counts = (next(" added")?, next(" updated")?, next(" conflicts")?);
    Some(counts)
}

/// The value of `name` in a struct's debug output ("{ name: value, … }"), nested brackets and all.
fn debug_field<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}: ");
    let mut search = 0;
    let start = loop {
        let at = search + s.get(search..)?.find(&key)?;
        let before = s[..at].trim_end();
        if before.ends_with('{') || before.ends_with(',') {
            break at + key.len();
        }
        search = at + key.len();
    };
    let mut depth = 0usize;
    for (i, c) in s[start..].char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return Some(s[start..start + i].trim()),
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return Some(s[start..start + i].trim()),
            _ => {}
        }
    }
    None
}

/// Points in their debug form, `Points(150000)` (in ten-thousandths).
fn debug_points(s: &str) -> Option<Points> {
    let units = s.trim().strip_prefix("Points(")?.strip_suffix(')')?;
    Some(Points::from_units(units.parse().ok()?))
}

/// A string in its debug form: `"DA14"` (with `\"` and `\\` inside).
fn unquote(s: &str) -> Option<String> {
    let inner = s.trim().strip_prefix('"')?.strip_suffix('"')?;
    Some(inner.replace("\\\"", "\"").replace("\\\\", "\\"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_form_reads_back_and_so_do_the_debug_forms_of_earlier_versions() {
        let decision = Decision {
            round: "chung-khao".into(),
            category: Some("bang-a".into()),
            target: TieTarget::Tier("ba".into()),
            members: vec!["DA14".into(), "DA20".into()],
            resolution: Resolution::Order(vec!["DA20".into(), "DA14".into()]),
            by: "Nguyễn Văn Hải".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            reason: "Biểu quyết".into(),
        };
        assert_eq!(
            decision_target(&decision),
            "round chung-khao / category bang-a / tier ba / DA14, DA20"
        );
        for target in [TieTarget::Tier("ba".into()), TieTarget::Advancement] {
            assert_eq!(parse_tie_target(&format!("{target:?}")), Some(target.clone()));
        }
        assert_eq!(parse_tie_target("tier nhi"), Some(TieTarget::Tier("nhi".into())));
        for r in [
            Resolution::Order(vec!["DA20".into(), "DA14".into(), "DA\"3".into()]),
            Resolution::ShareAward,
            Resolution::AdvanceAll,
        ] {
            assert_eq!(parse_resolution(&resolution_value(&r)), Some(r.clone()));
            assert_eq!(parse_resolution(&format!("{r:?}")), Some(r.clone()));
        }
        assert_eq!(resolution_value(&decision.resolution), "order DA20 > DA14");
        assert_eq!(
            parse_resolution("Order: DA14, DA20"),
            Some(Resolution::Order(vec!["DA14".into(), "DA20".into()]))
        );
        assert_eq!(parse_resolution("Order([])"), None);

        for method in [
            Method::Mean,
            Method::TrimmedMean { drop: 1, from: 5 },
            Method::Median,
            Method::ZScore,
        ] {
            assert_eq!(parse_method(&method_value(method)), Some(method));
            assert_eq!(parse_method(&format!("{method:?}")), Some(method));
        }
        for d in [
            None,
            Some(Divergence {
                threshold: Points::parse("15.5").unwrap(),
                action: DivergenceAction::Exclude,
            }),
        ] {
            assert_eq!(parse_divergence(&divergence_value(d.as_ref())), Some(d.clone()));
            assert_eq!(parse_divergence(&format!("{d:?}")), Some(d.clone()));
        }
        for v in [Vacancy::Vacant, Vacancy::CascadeDown] {
            assert_eq!(parse_vacancy(&vacancy_value(v)), Some(v));
            assert_eq!(parse_vacancy(&format!("{v:?}")), Some(v));
        }
        for a in [
            Advancement {
                top_n: 8,
                min_score: Some(Points::parse("50.5").unwrap()),
                scope: Scope::PerCategory,
            },
            Advancement {
                top_n: 12,
                min_score: None,
                scope: Scope::Overall,
            },
        ] {
            assert_eq!(parse_advancement(&advancement_value(&a)), Some(a.clone()));
            assert_eq!(parse_advancement(&format!("{a:?}")), Some(a.clone()));
        }
        let rules = Rules {
            method: Method::TrimmedMean { drop: 2, from: 7 },
            divergence: Some(Divergence {
                threshold: Points::from_int(15),
                action: DivergenceAction::Flag,
            }),
            min_judges: 4,
            vacancy: Vacancy::CascadeDown,
        };
        assert_eq!(parse_rules(&format!("{rules:?}")), Some(rules));
        assert_eq!(parse_rules("Rules { method: Mean }"), None);
        assert_eq!(
            parse_merge_counts("24 added, 1 updated, 2 conflicts"),
            Some((24, 1, 2))
        );
        assert_eq!(parse_merge_counts("24 mới"), None);
    }
}
