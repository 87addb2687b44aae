//! Words shown to people, in Vietnamese (the default) and English: numbers the language's way
//! ("8,5" / "8.5"), dates, money, rule descriptions, result flags read aloud by a council secretary,
//! and every error and validation message of the core.

use std::path::Path;

use crate::model::{
    ConflictKind, Contest, DivergenceAction, FileKind, Flag, Method, Points, Resolution, Round, Scope,
    Session, SheetStatus, TieTarget, Vacancy,
};
use crate::store::{LoadError, Location, MergeError, PacketError, Problem, ProblemKind};

pub mod analysis;
pub mod assign;
pub mod audit;
pub mod cli;
pub mod folder;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the sentence for this language.
    pub fn t<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
    pub fn decimal_separator(self) -> char {
        self.t(",", ".").chars().next().unwrap_or('.')
    }
    /// The CSV field separator that goes with the decimal separator: Excel set to Vietnamese
    /// (decimal comma) splits a double-clicked CSV on semicolons, Excel set to English on commas.
    pub fn list_separator(self) -> u8 {
        match self {
            Lang::Vi => b';',
            Lang::En => b',',
        }
    }
}

/// Text as typed, in NFC: a Vietnamese keyboard may send "ả" as "a" + a combining hook (Unikey's
/// "Unicode tổ hợp"), which must be stored, compared and sorted as the one letter.
pub fn nfc(s: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Every string inside a value (a contest set-up, a list of submissions, a decision) in NFC. The
/// value goes through its serde form; one that does not come back the same shape is left as it was.
pub fn nfc_all<T: serde::Serialize + serde::de::DeserializeOwned>(value: T) -> T {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = nfc(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(fields) => {
                // Keys too (criterion ids in a map, say).
                let taken = std::mem::take(fields);
                for (k, mut item) in taken {
                    walk(&mut item);
                    fields.insert(nfc(&k), item);
                }
            }
            _ => {}
        }
    }
    let Ok(mut json) = serde_json::to_value(&value) else {
        return value;
    };
    walk(&mut json);
    serde_json::from_value(json).unwrap_or(value)
}

/// Text as compared in a search: Vietnamese accents removed, đ as d, lower case. "Hải Phòng" and
/// "hai phong" fold alike; "Đông" is found by "dong".
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    // ASCII has no accents to take off: a quick path for English headers, ids and e-mail addresses.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `c` would act instead of being seen, were it printed on a terminal (or drawn in a PDF):
/// a control character (C0, DEL, C1: ESC starts the sequences that clear a screen, colour text or
/// set a window's title, CR goes back over a line), a bidi control that reorders the text after it
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), or the line and paragraph separators
/// U+2028 and U+2029.
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// People's text — a title, a name, a file's name — as it may be printed on a terminal: every
/// [`is_hidden_control`] character written out visibly, as Rust writes it: `\n`, `\r`, `\t`, and
/// the others by their code, `\u{1b}`, `\u{202e}`. Everything else, Vietnamese included, is
/// unchanged. The command line passes everything it prints through this ([`shown_lines`]).
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_hidden_control) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.into()
}

/// [`shown`] for output of several lines: the line breaks between them are kept, every other
/// hidden control is written out.
pub fn shown_lines(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_hidden_control(c)) {
        return s.into();
    }
    s.split('\n').map(shown).collect::<Vec<_>>().join("\n").into()
}

/// JSON for a terminal: the hidden controls that JSON leaves as they are (DEL, C1, the bidi
/// controls and U+2028/U+2029 — it escapes only C0) written as `\u00XX` escapes, which read back as
/// the same text. They only ever occur inside strings, so the JSON stays valid.
pub fn shown_json(json: &str) -> std::borrow::Cow<'_, str> {
    // Every such character starts with one of four bytes (DEL; C1 is C2 80–9F; U+061C is D8 9C;
    // the others are E2 80/81 ..): a report of 300 MB is looked through byte by byte, and only
    // where one of them stands is a character decoded.
    let lead = |b: u8| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2);
    let hidden_at = |i: usize| {
        json.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c > '\u{7e}' && is_hidden_control(c))
    };
    // 64 bytes at a time without a branch per byte (the compiler makes it a vector test); only a
    // block with one of the lead bytes is looked at closer.
    let any_hidden = json.as_bytes().chunks(64).enumerate().any(|(n, block)| {
        block.iter().fold(false, |seen, &b| seen | lead(b))
            && (block.iter().enumerate()).any(|(k, &b)| lead(b) && hidden_at(n * 64 + k))
    });
    if !any_hidden {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if c > '\u{7e}' && is_hidden_control(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Writes JSON to `out` as [`shown_json`] shows it, as it comes: a large report goes to the terminal
/// without being held whole in memory first. A character split between two writes waits for its
/// end.
pub struct ShownJson<W: std::io::Write> {
    out: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> ShownJson<W> {
    pub fn new(out: W) -> Self {
        ShownJson {
            out,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for ShownJson<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The end of a character cut by the last write completes it first; the rest is written
        // from `buf` itself, not copied (only a character cut again at the end waits).
        let mut rest = buf;
        while !self.pending.is_empty() && !rest.is_empty() {
            self.pending.push(rest[0]);
            rest = &rest[1..];
            match std::str::from_utf8(&self.pending) {
                Ok(c) => {
                    self.out.write_all(shown_json(c).as_bytes())?;
                    self.pending.clear();
                }
                Err(e) if e.error_len().is_none() => {}
                Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            }
        }
        let (text, cut) = match std::str::from_utf8(rest) {
            Ok(text) => (text, &[][..]),
            Err(e) if e.error_len().is_none() => {
                let (whole, cut) = rest.split_at(e.valid_up_to());
                // Checked just above: everything before valid_up_to is UTF-8.
                (std::str::from_utf8(whole).map_err(std::io::Error::other)?, cut)
            }
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        self.out.write_all(shown_json(text).as_bytes())?;
        self.pending.extend_from_slice(cut);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Sorts strings the Vietnamese way (a < ă < â, d < đ, o < ô < ơ, u < ư), by ICU's collation.
pub struct Collator(icu_collator::CollatorBorrowed<'static>);

impl Collator {
    pub fn vietnamese() -> Self {
        let locale = icu_locale_core::locale!("vi");
        let collator =
            icu_collator::Collator::try_new(locale.into(), Default::default()).unwrap_or_else(|_| {
                icu_collator::Collator::try_new(Default::default(), Default::default())
                    .expect("root collation is built in")
            });
        Collator(collator)
    }
    pub fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
        self.0.compare(a, b)
    }
}

/// A score as typed or stored, with as few decimals as it needs: "8,5".
pub fn points(p: Points, lang: Lang) -> String {
    p.format_short(lang.decimal_separator())
}

/// A computed score with the contest's decimals: "85,33".
pub fn score(p: Points, decimals: u8, lang: Lang) -> String {
    p.format_fixed(decimals, lang.decimal_separator())
}

/// Money in đồng: "50.000.000 đ" / "50,000,000 VND".
pub fn vnd(amount: u64, lang: Lang) -> String {
    format!("{} {}", count(amount, lang), lang.t("đ", "VND"))
}

/// A whole number with thousands grouped: "10.000" in Vietnamese, "10,000" in English.
pub fn count(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = lang.t(".", ",");
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// A rubric band: "10,5–15: Đáp ứng tốt…".
pub fn rubric_band(r: &crate::model::RubricLevel, lang: Lang) -> String {
    format!("{}–{}: {}", points(r.from, lang), points(r.to, lang), r.text)
}

/// Every band of a criterion's rubric, a line each.
pub fn rubric(c: &crate::model::Criterion, lang: Lang) -> String {
    c.rubric
        .iter()
        .map(|r| rubric_band(r, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "24/11/2023" in Vietnamese, "2023-11-24" in English.
pub fn date(d: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year()),
        Lang::En => d.to_string(),
    }
}

/// A moment in the computer's time zone: "24/11/2023 10:30" / "2023-11-24 10:30".
pub fn timestamp(ts: jiff::Timestamp, lang: Lang) -> String {
    let local = ts.to_zoned(jiff::tz::TimeZone::system());
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    format!("{} {time}", date(local.date(), lang))
}

/// The time of day of a moment in the computer's time zone: "09:15:03".
pub fn clock(ts: jiff::Timestamp) -> String {
    let local = ts.to_zoned(jiff::tz::TimeZone::system());
    format!("{:02}:{:02}:{:02}", local.hour(), local.minute(), local.second())
}

/// Looks up the names people know things by. Submissions are found through an index made at the
/// first lookup, so naming every row of a large contest stays linear.
pub struct Names<'a> {
    pub contest: &'a Contest,
    pub session: Option<&'a Session>,
    submissions: std::cell::OnceCell<rustc_hash::FxHashMap<&'a str, &'a crate::model::Submission>>,
    judges: std::cell::OnceCell<rustc_hash::FxHashMap<&'a str, &'a str>>,
    /// Submission positions by id, kept by whoever made them (the app, once per change): then no
    /// index is made here at all.
    positions: Option<&'a std::collections::HashMap<String, usize>>,
}

impl<'a> Names<'a> {
    pub fn of(session: &'a Session) -> Self {
        Names {
            contest: &session.contest,
            session: Some(session),
            submissions: std::cell::OnceCell::new(),
            judges: std::cell::OnceCell::new(),
            positions: None,
        }
    }

    /// Names of a session whose submissions' positions by id are already known (`positions`, as
    /// [`crate::model::Session::submission_positions`] makes them): naming a submission costs one
    /// lookup, with no index of the whole contest made for it — for what is drawn every frame.
    pub fn of_indexed(session: &'a Session, positions: &'a std::collections::HashMap<String, usize>) -> Self {
        Names {
            positions: Some(positions),
            ..Names::of(session)
        }
    }

    /// Names from a contest alone (no submissions: their ids are shown as they are).
    pub fn of_contest(contest: &'a Contest) -> Self {
        Names {
            contest,
            session: None,
            submissions: std::cell::OnceCell::new(),
            judges: std::cell::OnceCell::new(),
            positions: None,
        }
    }
    pub fn judge(&self, id: &str) -> String {
        // Indexed at the first lookup, as submissions are (the first judge with an id, as
        // `Contest::judge` finds it).
        let index = self.judges.get_or_init(|| {
            let mut index = rustc_hash::FxHashMap::default();
            for j in &self.contest.judges {
                index.entry(j.id.as_str()).or_insert(j.name.as_str());
            }
            index
        });
        index
            .get(id)
            .map_or_else(|| id.to_string(), |name| name.to_string())
    }
    pub fn submission(&self, id: &str) -> String {
        self.submission_record(id)
            .map_or_else(|| id.to_string(), |s| format!("{id} {}", s.title))
    }

    /// The submission with this id, found through the positions or the index (never by a search of
    /// every submission: what is drawn every frame must not grow with the contest).
    pub fn submission_record(&self, id: &str) -> Option<&'a crate::model::Submission> {
        if let (Some(positions), Some(session)) = (self.positions, self.session) {
            return positions
                .get(id)
                .and_then(|&i| session.submissions.get(i))
                .filter(|s| s.id == id);
        }
        let index = self
            .submissions
            .get_or_init(|| self.session.map(Session::submission_index).unwrap_or_default());
        index.get(id).copied()
    }
    pub fn criterion(&self, id: &str) -> String {
        self.contest
            .rounds
            .iter()
            .find_map(|r| r.criterion(id))
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }
    pub fn tier(&self, id: &str) -> String {
        self.contest
            .awards
            .tiers
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }
    pub fn category(&self, id: &str) -> String {
        self.contest
            .category(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }
    pub fn round(&self, id: &str) -> String {
        self.contest
            .round(id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    }
    pub fn target(&self, target: &TieTarget, lang: Lang) -> String {
        match target {
            TieTarget::Tier(t) => format!("{} {}", lang.t("giải", "tier"), self.tier(t)),
            TieTarget::Advancement => lang.t("vào vòng sau", "advancing").to_string(),
        }
    }
}

pub fn status(s: SheetStatus, lang: Lang) -> &'static str {
    match s {
        SheetStatus::Counted => lang.t("tính", "counted"),
        SheetStatus::Conflict => lang.t("xung đột lợi ích", "conflict"),
        SheetStatus::Incomplete => lang.t("chưa đủ", "incomplete"),
        SheetStatus::DivergentFlagged => lang.t("chênh lệch (vẫn tính)", "divergent-flagged"),
        SheetStatus::DivergentExcluded => lang.t("chênh lệch (loại)", "divergent-excluded"),
        SheetStatus::Trimmed => lang.t("bỏ cao/thấp nhất", "trimmed"),
    }
}

/// A flag in words a council secretary can read aloud.
pub fn flag(f: &Flag, names: &Names, decimals: u8, lang: Lang) -> String {
    let sc = |p: &Points| score(*p, decimals, lang);
    match f {
        Flag::IncompleteSheet { judge, scored: 0, .. } => match lang {
            Lang::Vi => format!("phiếu chưa đủ: giám khảo {} chưa chấm", names.judge(judge)),
            Lang::En => format!("incomplete sheet: judge {} has not scored it", names.judge(judge)),
        },
        Flag::IncompleteSheet { judge, scored, of } => match lang {
            Lang::Vi => format!(
                "phiếu chưa đủ: giám khảo {} mới chấm {scored}/{of} tiêu chí",
                names.judge(judge)
            ),
            Lang::En => format!(
                "incomplete sheet: judge {} scored {scored} of {of} criteria",
                names.judge(judge)
            ),
        },
        Flag::Conflict {
            judge,
            kind,
            had_scores,
        } => {
            let why = conflict_reason(kind, lang);
            let tail = if *had_scores {
                lang.t("; điểm đã nhập không được tính", "; the scores given are ignored")
            } else {
                ""
            };
            match lang {
                Lang::Vi => format!("xung đột lợi ích: giám khảo {} ({why}){tail}", names.judge(judge)),
                Lang::En => format!("conflict of interest: judge {} ({why}){tail}", names.judge(judge)),
            }
        }
        Flag::NeedsDiscussion { judge, total, mean } => match lang {
            Lang::Vi => format!(
                "cần thảo luận (chênh lệch): giám khảo {} cho {} so với trung bình {}",
                names.judge(judge),
                sc(total),
                sc(mean)
            ),
            Lang::En => format!(
                "needs discussion (divergence): judge {} gave {} vs the average {}",
                names.judge(judge),
                sc(total),
                sc(mean)
            ),
        },
        Flag::DivergentExcluded { judge, total, mean } => match lang {
            Lang::Vi => format!(
                "loại do chênh lệch: phiếu của giám khảo {} ({} so với trung bình {}) không được tính",
                names.judge(judge),
                sc(total),
                sc(mean)
            ),
            Lang::En => format!(
                "excluded for divergence: judge {}'s sheet ({} vs the average {}) does not count",
                names.judge(judge),
                sc(total),
                sc(mean)
            ),
        },
        Flag::NotEnoughScores { counted, min } => match lang {
            Lang::Vi => format!("không đủ điểm: {counted}/{min} phiếu hợp lệ — không xếp hạng"),
            Lang::En => format!("not enough scores: {counted} of {min} — not ranked"),
        },
        Flag::BelowMinimum { criterion, mean, min } => match lang {
            Lang::Vi => format!(
                "dưới mức tối thiểu ở tiêu chí «{}» ({} < {}) — không xét giải",
                names.criterion(criterion),
                sc(mean),
                sc(min)
            ),
            Lang::En => format!(
                "below minimum on criterion “{}” ({} < {}) — no award",
                names.criterion(criterion),
                sc(mean),
                sc(min)
            ),
        },
        Flag::TieBroken {
            other,
            criterion,
            ahead,
        } => {
            let c = names.criterion(criterion);
            let o = names.submission(other);
            match (lang, ahead) {
                (Lang::Vi, true) => format!("bằng điểm với {o}, xếp trên nhờ tiêu chí «{c}»"),
                (Lang::Vi, false) => format!("bằng điểm với {o}, xếp dưới do tiêu chí «{c}»"),
                (Lang::En, true) => format!("same score as {o}, ranked above on criterion “{c}”"),
                (Lang::En, false) => format!("same score as {o}, ranked below on criterion “{c}”"),
            }
        }
        Flag::Tied {
            target,
            slots,
            members,
            settled,
        } => {
            let t = names.target(target, lang);
            let state = match (lang, settled) {
                (Lang::Vi, true) => "; đã có quyết định của hội đồng",
                (Lang::Vi, false) => "; chờ quyết định của hội đồng (kết quả tạm thời)",
                (Lang::En, true) => "; settled by the council's decision",
                (Lang::En, false) => "; awaiting the council's decision (results provisional)",
            };
            match lang {
                Lang::Vi => format!("đồng hạng tranh {t}: {slots} suất, {members} dự án{state}"),
                Lang::En => format!(
                    "tied for {t}: {slots} {}, {members} projects{state}",
                    if *slots == 1 { "slot" } else { "slots" }
                ),
            }
        }
    }
}

/// What makes a conflict of interest: "cùng đơn vị với dự án", "ban tổ chức xác định: …"…
pub fn conflict_reason(kind: &ConflictKind, lang: Lang) -> String {
    match kind {
        ConflictKind::SameOrganization => lang
            .t("cùng đơn vị với dự án", "same organization as the project")
            .to_string(),
        ConflictKind::Listed(r) => with_reason(lang.t("ban tổ chức xác định", "listed by the organizers"), r),
        ConflictKind::Declared(r) => {
            with_reason(lang.t("giám khảo khai báo trước", "declared by the judge"), r)
        }
        ConflictKind::Recused(r) => with_reason(lang.t("giám khảo xin rút", "the judge recused"), r),
    }
}

/// The heading of the column of a judge's blank scoresheet that marks their conflicts of interest.
pub fn conflict_heading(lang: Lang) -> &'static str {
    lang.t("Xung đột lợi ích", "Conflict of interest")
}

/// What a judge's blank scoresheet says in the row of a project they are in conflict with:
/// "Xung đột lợi ích — không chấm (cùng đơn vị với dự án)".
pub fn do_not_score(kind: &ConflictKind, lang: Lang) -> String {
    format!(
        "{} — {} ({})",
        conflict_heading(lang),
        lang.t("không chấm", "do not score"),
        conflict_reason(kind, lang)
    )
}

fn with_reason(what: &str, reason: &str) -> String {
    if reason.trim().is_empty() {
        what.to_string()
    } else {
        format!("{what}: {reason}")
    }
}

pub fn resolution(r: &Resolution, names: &Names, lang: Lang) -> String {
    match r {
        Resolution::Order(order) => {
            let list: Vec<String> = order.iter().map(|s| names.submission(s)).collect();
            format!(
                "{}: {}",
                lang.t("hội đồng xếp thứ tự", "council's order"),
                list.join(" > ")
            )
        }
        Resolution::ShareAward => lang
            .t(
                "đồng giải (tất cả cùng nhận giải)",
                "shared award (all take the tier)",
            )
            .into(),
        Resolution::AdvanceAll => lang.t("tất cả cùng vào vòng sau", "all advance").into(),
    }
}

/// The mark on every page and table of results that still wait for a council decision on a tie.
pub fn provisional_mark(lang: Lang) -> &'static str {
    lang.t(
        "KẾT QUẢ TẠM THỜI — còn đồng hạng chờ hội đồng quyết định",
        "PROVISIONAL RESULTS — a tie awaits the council's decision",
    )
}

/// Above the ties an award list cannot show yet.
pub fn pending_heading(lang: Lang) -> &'static str {
    lang.t(
        "Chưa trao — chờ hội đồng quyết định:",
        "Not awarded yet — awaiting the council's decision:",
    )
}

/// The rules in one paragraph, for reports and `results`.
pub fn rules(contest: &Contest, lang: Lang) -> Vec<String> {
    let r = &contest.rules;
    let p = |x: Points| points(x, lang);
    let method = match (r.method, lang) {
        (Method::Mean, _) => lang
            .t("trung bình cộng các phiếu hợp lệ", "mean of the valid sheets")
            .to_string(),
        (Method::TrimmedMean { drop, from }, Lang::Vi) => {
            format!(
                "trung bình sau khi bỏ {drop} điểm cao nhất và {drop} điểm thấp nhất (khi có từ {from} phiếu)"
            )
        }
        (Method::TrimmedMean { drop, from }, Lang::En) => {
            format!("mean after dropping the {drop} highest and {drop} lowest totals (from {from} sheets)")
        }
        (Method::Median, _) => lang.t("trung vị", "median").to_string(),
        (Method::ZScore, _) => lang
            .t(
                "chuẩn hóa điểm z theo từng giám khảo",
                "per-judge z-score standardization",
            )
            .to_string(),
    };
    let divergence = match &r.divergence {
        None => lang.t("không xét chênh lệch", "no divergence check").to_string(),
        Some(d) => {
            let action = match (d.action, lang) {
                (DivergenceAction::Flag, Lang::Vi) => "đưa ra thảo luận, vẫn tính",
                (DivergenceAction::Flag, Lang::En) => "flagged for discussion, still counted",
                (DivergenceAction::Exclude, Lang::Vi) => "loại phiếu đó",
                (DivergenceAction::Exclude, Lang::En) => "that sheet is excluded",
            };
            match lang {
                Lang::Vi => format!("lệch quá {} điểm so với trung bình thì {action}", p(d.threshold)),
                Lang::En => format!("more than {} points from the average — {action}", p(d.threshold)),
            }
        }
    };
    let tiers: Vec<String> = contest
        .awards
        .tiers
        .iter()
        .map(|t| {
            let mut details = Vec::new();
            if let Some(m) = t.min_score {
                details.push(match lang {
                    Lang::Vi => format!("từ {} điểm", p(m)),
                    Lang::En => format!("at least {} points", p(m)),
                });
            }
            if let Some(v) = t.prize_vnd {
                details.push(vnd(v, lang));
            }
            if details.is_empty() {
                format!("{} ×{}", t.name, t.count)
            } else {
                format!("{} ×{} ({})", t.name, t.count, details.join("; "))
            }
        })
        .collect();
    let vacancy = match (contest.rules.vacancy, lang) {
        (Vacancy::Vacant, Lang::Vi) => "suất không đủ điều kiện để trống",
        (Vacancy::Vacant, Lang::En) => "unfilled slots stay vacant",
        (Vacancy::CascadeDown, Lang::Vi) => "suất trống chuyển xuống giải sau",
        (Vacancy::CascadeDown, Lang::En) => "unfilled slots pass to the next tier",
    };
    let scope = match (contest.awards.scope, lang) {
        (Scope::Overall, Lang::Vi) => "xét chung toàn cuộc thi",
        (Scope::Overall, Lang::En) => "across the whole contest",
        (Scope::PerCategory, Lang::Vi) => "xét riêng từng bảng",
        (Scope::PerCategory, Lang::En) => "in each category separately",
    };
    vec![
        format!("{}: {method}", lang.t("Cách tính", "Method")),
        format!("{}: {divergence}", lang.t("Chênh lệch", "Divergence")),
        format!(
            "{}: {}",
            lang.t("Số phiếu tối thiểu", "Minimum sheets"),
            r.min_judges
        ),
        format!(
            "{}: {} — {scope}; {vacancy}",
            lang.t("Cơ cấu giải", "Awards"),
            tiers.join(", ")
        ),
    ]
}

/// The rules of one round in words: the tie-break chain and the criterion minimums, if any.
pub fn round_rules(round: &Round, lang: Lang) -> Vec<String> {
    let name = |id: &str| {
        round
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let chain: Vec<String> = round
        .tie_break_chain()
        .iter()
        .map(|c| format!("«{}»", name(c)))
        .collect();
    let mut lines = vec![match lang {
        Lang::Vi => format!(
            "Bằng điểm: so sánh lần lượt điểm trung bình các tiêu chí {}; vẫn bằng thì đồng hạng và hội đồng quyết định",
            chain.join(", ")
        ),
        Lang::En => format!(
            "Equal scores: compared in turn on the criterion means of {}; still equal, they are tied and the council decides",
            chain.join(", ")
        ),
    }];
    let minimums: Vec<String> = round
        .criteria
        .iter()
        .filter_map(|c| c.min.map(|m| format!("«{}» {}", c.name, points(m, lang))))
        .collect();
    if !minimums.is_empty() {
        lines.push(format!(
            "{}: {}",
            lang.t(
                "Điểm tối thiểu theo tiêu chí (dưới mức này không xét giải)",
                "Criterion minimums (below them, no award)"
            ),
            minimums.join(", ")
        ));
    }
    lines
}

fn kind_name(k: FileKind, lang: Lang) -> &'static str {
    match k {
        FileKind::Session => lang.t("phiên chấm (session)", "session"),
        FileKind::JudgePacket => lang.t("gói giám khảo (judge packet)", "judge packet"),
        FileKind::Scoresheet => lang.t("phiếu chấm (scoresheet)", "scoresheet"),
    }
}

fn file(path: &Path) -> String {
    path.display().to_string()
}

/// Why this computer's signing key could not be read or made, in words.
pub fn key_error(e: &crate::store::signing::KeyError, lang: Lang) -> String {
    use crate::store::signing::KeyError;
    match e {
        KeyError::Io { path, cause } => format!("{}: {}", path.display(), io_words(&cause.to_string(), lang)),
        KeyError::Damaged { path } => format!(
            "{}: {}",
            path.display(),
            lang.t(
                "tệp khóa ký bị hỏng hoặc đã bị sửa. giamkhao không thay nó bằng khóa mới, vì phiếu đã ký bằng khóa cũ sẽ không còn khớp với máy này; hãy báo ban tổ chức.",
                "the signing key file is damaged or was changed. giamkhao does not replace it with a new key, since sheets signed with the old one would no longer match this computer; tell the organizers."
            )
        ),
        KeyError::Random(why) => format!(
            "{} ({why})",
            lang.t("hệ thống không cấp số ngẫu nhiên để tạo khóa", "the system gave no random numbers to make a key")
        ),
    }
}

/// A load error in full, with file, line and column where known.
pub fn load_error(e: &LoadError, lang: Lang) -> String {
    match e {
        LoadError::Io { path, message } => match lang {
            Lang::Vi => format!(
                "Không đọc/ghi được tệp {}: {}",
                file(path),
                io_words(message, lang)
            ),
            Lang::En => format!("Cannot read or write {}: {}", file(path), io_words(message, lang)),
        },
        LoadError::Write {
            path,
            cause: crate::store::files::WriteCause::Locked,
            ..
        } => {
            let lock = crate::store::atomic::lock_path(path);
            let lock = lock.file_name().unwrap_or_default().to_string_lossy();
            let seconds = crate::store::atomic::WAIT.as_secs();
            match lang {
                Lang::Vi => format!(
                    "Không lưu được {}: một giamkhao khác (cửa sổ khác hoặc một lệnh) đang lưu chính tệp này và vẫn giữ khóa {lock} sau {seconds} giây. Tệp đã lưu trước đó vẫn nguyên vẹn. Hãy thử lại sau giây lát.",
                    file(path)
                ),
                Lang::En => format!(
                    "Could not save {}: another giamkhao (another window or a command) is saving this same file and still held its lock {lock} after {seconds} seconds. The file saved before is intact. Try again in a moment.",
                    file(path)
                ),
            }
        }
        LoadError::Write {
            path,
            cause: crate::store::files::WriteCause::Changed,
            ..
        } => match lang {
            Lang::Vi => format!(
                "Không lưu được {}: tệp đã bị thay đổi (bởi người khác, hoặc một cửa sổ hay lệnh giamkhao khác) kể từ khi được mở, nên không ghi đè lên. Tệp trên đĩa vẫn nguyên vẹn.",
                file(path)
            ),
            Lang::En => format!(
                "Could not save {}: the file was changed by someone else (or another giamkhao window or command) since it was opened, so it is not overwritten. The file on disk is intact.",
                file(path)
            ),
        },
        LoadError::Write { path, cause, message } => {
            use crate::store::files::WriteCause as C;
            let (why, what_to_do) = match cause {
                C::DiskFull => (
                    lang.t("ổ đĩa đã đầy", "the disk is full"),
                    lang.t(
                        "Hãy giải phóng chỗ trống hoặc lưu sang ổ khác (Lưu thành…).",
                        "Free some space, or save to another disk (Save as…).",
                    ),
                ),
                C::ReadOnly => (
                    lang.t(
                        "thư mục chỉ đọc hoặc không có quyền ghi",
                        "the folder is read-only or not writable",
                    ),
                    lang.t(
                        "Hãy lưu sang thư mục khác (Lưu thành…).",
                        "Save to another folder (Save as…).",
                    ),
                ),
                C::NoFolder => (
                    lang.t("thư mục không còn nữa", "the folder is gone"),
                    lang.t(
                        "Hãy cắm lại ổ đĩa hoặc lưu sang thư mục khác (Lưu thành…).",
                        "Plug the disk back in, or save to another folder (Save as…).",
                    ),
                ),
                C::Other | C::Locked | C::Changed => ("", ""),
            };
            let kept = lang.t(
                "Tệp đã lưu trước đó vẫn nguyên vẹn.",
                "The file saved before is intact.",
            );
            let head = format!("{} {}", lang.t("Không lưu được", "Could not save"), file(path));
            if why.is_empty() {
                format!("{head}: {message}. {kept}")
            } else {
                format!("{head}: {why} ({message}). {kept} {what_to_do}")
            }
        }
        LoadError::Syntax {
            path,
            line,
            column,
            message,
        } => match (lang, plain_parse_message(message, lang)) {
            (Lang::Vi, Some(words)) => format!(
                "Tệp {}, dòng {line}, cột {column}: nội dung không hợp lệ — {words}",
                file(path)
            ),
            (Lang::Vi, None) => format!(
                "Tệp {}, dòng {line}, cột {column}: nội dung không hợp lệ — {}",
                file(path),
                ron_message_vi(message)
            ),
            (Lang::En, words) => format!(
                "{}, line {line}, column {column}: {}",
                file(path),
                words.as_deref().unwrap_or(message)
            ),
        },
        LoadError::NotGiamkhao { path, what } => not_giamkhao(path, *what, lang),
        LoadError::WrongKind {
            path,
            expected,
            found,
        } => match lang {
            Lang::Vi => format!(
                "Tệp {} là {}, cần một {}",
                file(path),
                kind_name(*found, lang),
                kind_name(*expected, lang)
            ),
            Lang::En => format!(
                "{} is a {}, expected a {}",
                file(path),
                kind_name(*found, lang),
                kind_name(*expected, lang)
            ),
        },
        LoadError::NewerVersion {
            path,
            found,
            supported,
        } => match lang {
            Lang::Vi => format!(
                "Tệp {} được tạo bởi phiên bản giamkhao mới hơn (định dạng {found}; bản này đọc đến {supported}). Hãy cập nhật giamkhao; tệp không bị thay đổi.",
                file(path)
            ),
            Lang::En => format!(
                "{} was written by a newer giamkhao (format {found}; this one reads up to {supported}). Update giamkhao; the file was not changed.",
                file(path)
            ),
        },
        LoadError::Invalid { path, problems } => {
            let head = match lang {
                Lang::Vi => format!("Tệp {} có {} lỗi:", file(path), problems.len()),
                Lang::En => format!("{} has {} problem(s):", file(path), problems.len()),
            };
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("  - {}", problem(p, lang)))
                .collect();
            format!("{head}\n{}", lines.join("\n"))
        }
    }
}

/// "Tệp X không phải tệp của giamkhao: đây là bảng tính Excel (.xlsx)." — what it is, where to take
/// a list of registrations instead, and what giamkhao opens.
fn not_giamkhao(path: &Path, what: crate::store::files::Foreign, lang: Lang) -> String {
    use crate::store::files::Foreign as F;
    let t = |vi, en| lang.t(vi, en).to_string();
    let what_words = match what {
        F::Empty => t("tệp trống (không có nội dung)", "an empty file"),
        F::Excel => t("bảng tính Excel (.xlsx)", "an Excel workbook (.xlsx)"),
        F::OldExcel => t("bảng tính Excel đời cũ (.xls)", "an old Excel workbook (.xls)"),
        F::OldOffice => t(
            "tài liệu Office đời cũ (Word .doc, Excel .xls…)",
            "an old Office document (Word .doc, Excel .xls…)",
        ),
        F::OpenDocumentSheet => t(
            "bảng tính LibreOffice/OpenOffice (.ods)",
            "a LibreOffice/OpenOffice spreadsheet (.ods)",
        ),
        F::Word => t("văn bản Word (.docx)", "a Word document (.docx)"),
        F::Zip => t("tệp nén ZIP", "a ZIP archive"),
        F::Pdf => t("tài liệu PDF", "a PDF document"),
        F::Image(kind) => match lang {
            Lang::Vi => format!("ảnh {kind}"),
            Lang::En => format!("a {kind} image"),
        },
        F::Table => t("bảng dạng văn bản (CSV)", "a text table (CSV)"),
        F::Json => t(
            "tệp JSON của chương trình khác (không có «kind» và «version» của giamkhao)",
            "a JSON file of another program (it has no giamkhao “kind” and “version”)",
        ),
        F::Ron => t(
            "tệp RON của chương trình khác (thiếu «kind» và «version» ở đầu tệp)",
            "a RON file of another program (it has no “kind” and “version” at the top)",
        ),
        F::Markup => t("trang web hoặc tệp XML", "a web page or an XML file"),
        F::Text => t("văn bản thường", "plain text"),
    };
    let mut out = match lang {
        Lang::Vi => format!(
            "Tệp {} không phải tệp của giamkhao: đây là {what_words}.",
            file(path)
        ),
        Lang::En => format!("{} is not a giamkhao file: it is {what_words}.", file(path)),
    };
    if what.may_be_registrations() {
        out.push(' ');
        out.push_str(lang.t(
            "Nếu đây là danh sách đăng ký, hãy nhập bằng Tệp → Nhập danh sách đăng ký (Excel/CSV)… trong ứng dụng, hoặc lệnh giamkhao import.",
            "If it is a list of registrations, import it with File → Import registrations (Excel/CSV)… in the app, or the command giamkhao import.",
        ));
    }
    out.push(' ');
    out.push_str(lang.t(
        "giamkhao mở phiên chấm, gói giám khảo và phiếu chấm (tệp .ron hoặc .json).",
        "giamkhao opens sessions, judge packets and scoresheets (.ron or .json files).",
    ));
    out
}

/// RON's English messages stay as the technical detail; the common ones are said in Vietnamese.
/// An operating system's error in words, the original kept in brackets ("os error 2" is "file not
/// found" on Linux, macOS and Windows alike).
fn io_words(message: &str, lang: Lang) -> String {
    let known = [
        ("(os error 2)", lang.t("không tìm thấy tệp", "no such file")),
        ("(os error 3)", lang.t("không tìm thấy thư mục", "no such folder")),
        ("(os error 5)", lang.t("không có quyền truy cập", "access denied")),
        (
            "(os error 13)",
            lang.t("không có quyền truy cập", "access denied"),
        ),
        (
            "(os error 21)",
            lang.t("đây là thư mục, không phải tệp", "this is a folder, not a file"),
        ),
        ("(os error 28)", lang.t("ổ đĩa đã đầy", "the disk is full")),
        ("(os error 30)", lang.t("ổ đĩa chỉ đọc", "the disk is read-only")),
    ];
    match known.iter().find(|(code, _)| message.ends_with(code)) {
        Some((_, words)) => format!("{words} ({message})"),
        None => message.to_string(),
    }
}

/// The parser's message in Vietnamese where it is a common one; otherwise as it is, in brackets.
/// The parse errors a hand-edited file meets most, in plain words in either language: a number
/// that cannot be kept exactly, a key or a field written twice.
fn plain_parse_message(message: &str, lang: Lang) -> Option<String> {
    if let Some(number) = message.strip_prefix(crate::store::files::INEXACT_NUMBER) {
        let number = number.trim();
        return Some(match lang {
            Lang::Vi => format!(
                "số {number} không giữ được chính xác — điểm chấm có tối đa 2 chữ số thập phân (điểm tính ra tối đa 4), viết thẳng, không dùng số mũ"
            ),
            Lang::En => format!(
                "the number {number} cannot be kept exactly — a score has at most 2 decimal places (a computed value 4), written plainly, without an exponent"
            ),
        });
    }
    if let Some(key) = message.strip_prefix("duplicate key ") {
        return Some(match lang {
            Lang::Vi => {
                format!("khóa {key} được ghi hai lần — mỗi khóa chỉ được ghi một lần; hãy xoá chỗ thừa")
            }
            Lang::En => {
                format!("the key {key} is written twice — each key may appear once; remove the extra one")
            }
        });
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return Some(match lang {
            Lang::Vi => {
                format!("trường {field} được ghi hai lần — mỗi trường chỉ được ghi một lần; hãy xoá chỗ thừa")
            }
            Lang::En => format!(
                "the field {field} is written twice — each field may appear once; remove the extra one"
            ),
        });
    }
    None
}

fn ron_message_vi(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("Unexpected missing field named ") {
        return format!("thiếu trường {rest}");
    }
    if message.starts_with("Unexpected field named ") || message.starts_with("Unknown field") {
        return format!("trường không được biết ({message})");
    }
    let known = [
        (
            "not UTF-8 text",
            "không phải văn bản UTF-8 (tệp bị hỏng, hoặc được lưu bằng bảng mã khác)",
        ),
        ("Expected comma", "thiếu dấu phẩy «,»"),
        ("Expected integer", "cần một số nguyên"),
        ("Expected float", "cần một số"),
        ("Expected string", "cần một chuỗi trong ngoặc kép"),
        ("Expected boolean", "cần true hoặc false"),
        ("Expected opening `(`", "tệp trống, hoặc không bắt đầu bằng «(»"),
        ("Expected closing `)`", "thiếu dấu đóng ngoặc «)»"),
        ("Expected closing `]`", "thiếu dấu đóng ngoặc «]»"),
        ("Unexpected end of RON", "tệp bị cắt ngang (hết tệp giữa chừng)"),
        ("EOF while parsing", "tệp bị cắt ngang (hết tệp giữa chừng)"),
        ("expected value", "cần một giá trị"),
        ("invalid type", "giá trị sai kiểu"),
        ("unknown variant", "giá trị không nằm trong danh sách cho phép"),
    ];
    for (english, vietnamese) in known {
        if message.starts_with(english) {
            return format!("{vietnamese} ({message})");
        }
    }
    format!("({message})")
}

/// Where a problem is: by id (as the file writes it), or by name when `names` knows the contest (what
/// the app shows: "vòng «Chung khảo»", not "vòng «chung-khao»").
fn location(l: &Location, names: Option<&Names>, lang: Lang) -> String {
    let named = |id: &str, name: &dyn Fn(&Names) -> String| names.map_or_else(|| id.to_string(), name);
    match l {
        Location::Contest => lang.t("cuộc thi", "contest").into(),
        Location::Category(id) => format!(
            "{} «{}»",
            lang.t("bảng", "category"),
            named(id, &|n| n.category(id))
        ),
        Location::Judge(id) => format!(
            "{} «{}»",
            lang.t("giám khảo", "judge"),
            named(id, &|n| n.judge(id))
        ),
        Location::Round(id) => format!("{} «{}»", lang.t("vòng", "round"), named(id, &|n| n.round(id))),
        Location::Criterion(id) => format!(
            "{} «{}»",
            lang.t("tiêu chí", "criterion"),
            named(id, &|n| n.criterion(id))
        ),
        Location::Tier(id) => format!("{} «{}»", lang.t("giải", "tier"), named(id, &|n| n.tier(id))),
        Location::Submission(id) => format!("{} «{id}»", lang.t("dự án", "submission")),
        Location::Sheet { round, judge } => match lang {
            Lang::Vi => format!("phiếu chấm vòng «{round}» của giám khảo «{judge}»"),
            Lang::En => format!("scoresheet of judge «{judge}», round «{round}»"),
        },
        Location::Entry(id) => format!("{} «{id}»", lang.t("dự án", "submission")),
        Location::Score(id) => format!("{} «{id}»", lang.t("tiêu chí", "criterion")),
        Location::Decision(n) => format!("{} #{n}", lang.t("quyết định", "decision")),
        Location::Audit(n) => format!("{} #{n}", lang.t("nhật ký thay đổi, mục", "audit log entry")),
        Location::Paper { round, judge } => match lang {
            Lang::Vi => format!("phiếu chấm giấy vòng «{round}» của giám khảo «{judge}»"),
            Lang::En => format!("paper scoresheet of judge «{judge}», round «{round}»"),
        },
    }
}

/// What a kind of text is called, in a sentence (see `store::limits`).
pub fn text_field(f: crate::store::limits::TextField, lang: Lang) -> &'static str {
    use crate::store::limits::TextField as F;
    let (vi, en) = match f {
        F::Id => ("mã", "id"),
        F::ContestName => ("tên cuộc thi", "contest name"),
        F::Organizer => ("đơn vị tổ chức", "organizer"),
        F::Place => ("địa điểm", "place"),
        F::CategoryName => ("tên bảng", "category name"),
        F::RoundName => ("tên vòng", "round name"),
        F::CriterionName => ("tên tiêu chí", "criterion name"),
        F::CriterionDescription => ("mô tả tiêu chí", "criterion description"),
        F::Rubric => ("mô tả mức điểm", "rubric text"),
        F::TierName => ("tên giải", "award name"),
        F::JudgeName => ("tên giám khảo", "judge's name"),
        F::Organization => ("đơn vị", "organization"),
        F::ConflictReason => ("lý do xung đột lợi ích", "reason for the conflict of interest"),
        F::Title => ("tên dự án", "project title"),
        F::Leader => ("trưởng nhóm", "team leader"),
        F::Member => ("thành viên", "team member"),
        F::Sector => ("lĩnh vực", "sector"),
        F::Contact => ("liên hệ", "contact"),
        F::Description => ("mô tả", "description"),
        F::Attachment => ("tài liệu đính kèm", "attachment"),
        F::Comment => ("nhận xét", "comment"),
        F::RecusalReason => ("lý do rút khỏi chấm", "reason for recusing"),
        F::DecisionReason => ("lý do của quyết định", "reason for the decision"),
        F::UnsealReason => ("lý do mở niêm phong", "reason for unsealing"),
        F::PersonName => ("họ tên người thực hiện", "name of the person"),
        F::AuditText => ("nội dung nhật ký", "audit log text"),
        F::Reference => ("mã kiểm tra hoặc tên tệp", "digest or file name"),
    };
    lang.t(vi, en)
}

/// A text longer than its field's cap: "tên dự án dài 600 ký tự, vượt giới hạn 500 ký tự".
pub fn too_long(field: crate::store::limits::TextField, length: usize, max: usize, lang: Lang) -> String {
    let (length, max) = (count(length as u64, lang), count(max as u64, lang));
    match lang {
        Lang::Vi => format!(
            "{} dài {length} ký tự, vượt giới hạn {max} ký tự",
            text_field(field, lang)
        ),
        Lang::En => format!(
            "the {} is {length} characters long, over the limit of {max}",
            text_field(field, lang)
        ),
    }
}

/// An edit refused for a text too long: what, and that nothing was saved.
pub fn refused_too_long(
    field: crate::store::limits::TextField,
    length: usize,
    max: usize,
    lang: Lang,
) -> String {
    format!(
        "{} — {}",
        sentence(&too_long(field, length, max, lang)),
        lang.t("hãy rút ngắn lại. Chưa lưu.", "shorten it. Not saved.")
    )
}

/// `text` with its first letter a capital, to open a sentence.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A list longer than its cap: "150 thành viên, vượt giới hạn 100".
pub fn too_many(field: crate::store::limits::TextField, n: usize, max: usize, lang: Lang) -> String {
    let (n, max) = (count(n as u64, lang), count(max as u64, lang));
    match lang {
        Lang::Vi => format!("{n} {}, vượt giới hạn {max}", text_field(field, lang)),
        Lang::En => format!("{n} {} entries, over the limit of {max}", text_field(field, lang)),
    }
}

/// One validation problem: where (by id, as the file has it), then what.
pub fn problem(p: &Problem, lang: Lang) -> String {
    problem_named(p, None, lang)
}

/// One validation problem, its places named as the contest names them when `names` is given.
pub fn problem_named(p: &Problem, names: Option<&Names>, lang: Lang) -> String {
    let at: Vec<String> = p.at.iter().map(|l| location(l, names, lang)).collect();
    let pt = |x: &Points| points(*x, lang);
    let what = match (&p.kind, lang) {
        (ProblemKind::DuplicateId { what, id }, Lang::Vi) => format!("mã «{id}» bị trùng ({what})"),
        (ProblemKind::DuplicateId { what, id }, Lang::En) => format!("duplicate {what} id «{id}»"),
        (ProblemKind::UnknownJudge(id), _) => {
            format!("{} «{id}»", lang.t("không có giám khảo", "unknown judge"))
        }
        (ProblemKind::UnknownCriterion(id), _) => {
            format!("{} «{id}»", lang.t("không có tiêu chí", "unknown criterion"))
        }
        (ProblemKind::UnknownSubmission(id), _) => {
            format!("{} «{id}»", lang.t("không có dự án", "unknown submission"))
        }
        (ProblemKind::UnknownCategory(id), _) => {
            format!("{} «{id}»", lang.t("không có bảng", "unknown category"))
        }
        (ProblemKind::UnknownRound(id), _) => {
            format!("{} «{id}»", lang.t("không có vòng", "unknown round"))
        }
        (ProblemKind::UnknownTier(id), _) => {
            format!("{} «{id}»", lang.t("không có giải", "unknown tier"))
        }
        (ProblemKind::ScoreAboveMax { score, max }, Lang::Vi) => {
            format!("điểm {} vượt quá tối đa {}", pt(score), pt(max))
        }
        (ProblemKind::ScoreAboveMax { score, max }, Lang::En) => {
            format!("score {} is above the maximum {}", pt(score), pt(max))
        }
        (ProblemKind::ScoreOffStep { score, step }, Lang::Vi) => {
            format!("điểm {} không phải bội số của bước {}", pt(score), pt(step))
        }
        (ProblemKind::ScoreOffStep { score, step }, Lang::En) => {
            format!("score {} is not a multiple of the step {}", pt(score), pt(step))
        }
        (ProblemKind::ScoreNegative(s), _) => {
            format!("{} {}", lang.t("điểm âm:", "negative score:"), pt(s))
        }
        (ProblemKind::SheetDigestMismatch { recorded, found }, _) => format!(
            "{} ({} {recorded}, {} {found})",
            lang.t(
                "nội dung phiếu không khớp mã ghi lúc nộp — phiếu đã bị sửa sau khi nộp",
                "the sheet no longer matches the digest written when it was handed in — it was changed afterwards"
            ),
            lang.t("mã lúc nộp", "recorded"),
            lang.t("mã hiện tại", "now")
        ),
        (ProblemKind::TooManyDecimals { value, allowed }, Lang::Vi) => {
            format!("{} có quá {allowed} chữ số thập phân", pt(value))
        }
        (ProblemKind::TooManyDecimals { value, allowed }, Lang::En) => {
            format!("{} has more than {allowed} decimal places", pt(value))
        }
        (ProblemKind::WeightNotPositive(w), _) => format!(
            "{} ({})",
            lang.t("hệ số phải lớn hơn 0", "weight must be above 0"),
            pt(w)
        ),
        (ProblemKind::MaxNotPositive(m), _) => format!(
            "{} ({})",
            lang.t("điểm tối đa phải lớn hơn 0", "maximum must be above 0"),
            pt(m)
        ),
        (ProblemKind::StepNotPositive(s), _) => format!(
            "{} ({})",
            lang.t("bước điểm phải lớn hơn 0", "step must be above 0"),
            pt(s)
        ),
        (ProblemKind::NegativeCount(n), _) => format!(
            "{} ({n})",
            lang.t("số lượng giải không được âm", "tier count cannot be negative")
        ),
        (ProblemKind::DecimalsOutOfRange(d), _) => format!(
            "{} ({d})",
            lang.t("số chữ số thập phân phải từ 0 đến 4", "decimals must be 0 to 4")
        ),
        (ProblemKind::NoRounds, _) => lang
            .t("cuộc thi chưa có vòng nào", "the contest has no round")
            .into(),
        (ProblemKind::NoCriteria, _) => lang
            .t("vòng chưa có tiêu chí nào", "the round has no criterion")
            .into(),
        (ProblemKind::NoTiers, _) => lang.t("chưa có cơ cấu giải", "no award tier").into(),
        (ProblemKind::JudgeNotInRound(j), _) => format!(
            "{} «{j}»",
            lang.t("giám khảo không thuộc vòng này:", "judge not in this round:")
        ),
        (ProblemKind::MissingAdvancement, _) => lang
            .t(
                "vòng không phải vòng cuối cần quy tắc vào vòng sau",
                "a round before the last needs an advancement rule",
            )
            .into(),
        (ProblemKind::TrimTooLarge { drop, from }, Lang::Vi) => format!(
            "bỏ {drop} cao + {drop} thấp cần ít nhất {} phiếu (đang đặt từ {from})",
            2 * drop + 1
        ),
        (ProblemKind::TrimTooLarge { drop, from }, Lang::En) => format!(
            "dropping {drop} high + {drop} low needs at least {} sheets (from is {from})",
            2 * drop + 1
        ),
        (ProblemKind::MinJudgesZero, _) => lang
            .t(
                "số phiếu tối thiểu phải từ 1",
                "minimum sheets must be at least 1",
            )
            .into(),
        (ProblemKind::NoCategory, _) => lang
            .t(
                "dự án chưa có bảng (xét giải theo bảng)",
                "submission has no category (awards are per category)",
            )
            .into(),
        (ProblemKind::OtherContest(id), Lang::Vi) => format!("phiếu thuộc cuộc thi khác (mã {id})"),
        (ProblemKind::OtherContest(id), Lang::En) => {
            format!("the sheet belongs to another contest (id {id})")
        }
        (ProblemKind::WrongKind(k), _) => format!(
            "{} {}",
            lang.t("loại tệp sai:", "wrong file kind:"),
            kind_name(*k, lang)
        ),
        (ProblemKind::DecisionMembers, _) => lang
            .t(
                "thứ tự của quyết định phải gồm đúng các dự án đồng hạng",
                "the decision's order must list exactly the tied members",
            )
            .into(),
        (ProblemKind::DecisionKind, _) => lang
            .t(
                "đồng giải chỉ dùng cho giải, «tất cả vào vòng sau» chỉ dùng cho vòng loại",
                "ShareAward is for tiers, AdvanceAll for advancement",
            )
            .into(),
        (ProblemKind::ThresholdNegative(t), _) => format!(
            "{} ({})",
            lang.t(
                "ngưỡng chênh lệch không được âm",
                "divergence threshold cannot be negative"
            ),
            pt(t)
        ),
        (ProblemKind::MinAboveMax { min, max }, Lang::Vi) => format!(
            "mức tối thiểu {} lớn hơn điểm trung bình cao nhất có thể {} (trọng số × điểm tối đa)",
            pt(min),
            pt(max)
        ),
        (ProblemKind::MinAboveMax { min, max }, Lang::En) => format!(
            "minimum {} is above the highest possible criterion mean {} (weight × maximum)",
            pt(min),
            pt(max)
        ),
        (ProblemKind::RevisionOutOfRange { revision, max }, Lang::Vi) => format!(
            "số bản {} vượt quá {} — không mục nào được sửa nhiều lần đến thế; tệp đã bị sửa tay hoặc bị hỏng",
            count(u64::from(*revision), lang),
            count(u64::from(*max), lang)
        ),
        (ProblemKind::RevisionOutOfRange { revision, max }, Lang::En) => format!(
            "revision {} is beyond {} — no entry is changed that often; the file was edited by hand or is damaged",
            count(u64::from(*revision), lang),
            count(u64::from(*max), lang)
        ),
        (ProblemKind::TooLong { field, length, max }, _) => too_long(*field, *length, *max, lang),
        (ProblemKind::TooMany { field, count, max }, _) => too_many(*field, *count, *max, lang),
    };
    if at.is_empty() {
        what
    } else {
        format!("{}: {what}", at.join(" › "))
    }
}

pub fn merge_error(e: &MergeError, source: &str, lang: Lang) -> String {
    match (e, lang) {
        (MergeError::Unsigned { judge }, _) => format!(
            "{source}: {} {judge} {}",
            lang.t("giám khảo", "judge"),
            lang.t(
                "đã được gắn khóa ký, nhưng phiếu này không có chữ ký — không gộp; phiếu được giữ nguyên. Hãy xin giám khảo nộp lại từ giamkhao trên máy của họ",
                "is bound to a signing key, but this sheet is not signed — not merged; the sheet is left as it is. Ask the judge to hand it in again from giamkhao on their laptop"
            )
        ),
        (MergeError::OtherKey { judge, expected, found }, Lang::Vi) => format!(
            "{source}: phiếu ký bằng khóa {found}, không phải khóa {expected} đã gắn cho giám khảo {judge} — không gộp; phiếu được giữ nguyên. Phiếu này không đến từ máy của giám khảo đó (hoặc giám khảo đã đổi máy: hãy đối chiếu mã khóa với họ rồi gắn lại)"
        ),
        (MergeError::OtherKey { judge, expected, found }, Lang::En) => format!(
            "{source}: signed with key {found}, not the key {expected} bound to judge {judge} — not merged; the sheet is left as it is. It did not come from that judge's laptop (or the judge changed laptops: check the key with them and bind it again)"
        ),
        (MergeError::BadSignature, _) => format!(
            "{source}: {}",
            lang.t(
                "chữ ký của giám khảo không khớp với nội dung phiếu (phiếu đã bị sửa sau khi ký, hoặc chữ ký giả) — không gộp; hãy xin giám khảo nộp lại",
                "the judge's signature does not match what the sheet holds (changed after it was signed, or forged) — not merged; ask the judge to hand it in again"
            )
        ),
        (MergeError::Sealed, _) => format!(
            "{source}: {}",
            lang.t(
                "phiên đã niêm phong — không gộp (mở niêm phong, có ghi lý do, nếu cần sửa)",
                "the session is sealed — not merged (unseal it, with a reason, to change it)"
            )
        ),
        (MergeError::OtherContest { expected, found }, Lang::Vi) => {
            format!("{source}: phiếu thuộc cuộc thi khác (mã {found}, phiên này là {expected}) — không gộp")
        }
        (MergeError::OtherContest { expected, found }, Lang::En) => {
            format!(
                "{source}: the sheet is from another contest (id {found}, this session is {expected}) — not merged"
            )
        }
        (MergeError::UnknownJudge(j), _) => format!(
            "{source}: {} «{j}»",
            lang.t(
                "giám khảo không có trong cuộc thi — không gộp:",
                "unknown judge — not merged:"
            )
        ),
        (MergeError::UnknownRound(r), _) => format!(
            "{source}: {} «{r}»",
            lang.t(
                "vòng không có trong cuộc thi — không gộp:",
                "unknown round — not merged:"
            )
        ),
        (MergeError::Invalid(problems), _) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("  - {}", problem(p, lang)))
                .collect();
            format!(
                "{source}: {}\n{}",
                lang.t(
                    "phiếu có lỗi, không gộp gì:",
                    "the sheet has problems, nothing merged:"
                ),
                lines.join("\n")
            )
        }
    }
}

/// One line about a merged scoresheet: whose, which round, and what it changed.
pub fn merge_summary(source: &str, r: &crate::store::MergeReport, names: &Names, lang: Lang) -> String {
    format!(
        "{source}: {} {} ({} {}) — {} {}, {} {}, {} {}, {} {}, {} {}",
        lang.t("giám khảo", "judge"),
        names.judge(&r.judge),
        lang.t("vòng", "round"),
        names.round(&r.round),
        r.added.len(),
        lang.t("mới", "added"),
        r.updated.len(),
        lang.t("cập nhật", "updated"),
        r.unchanged.len(),
        lang.t("không đổi", "unchanged"),
        r.kept_newer.len(),
        lang.t("giữ bản mới hơn", "kept newer"),
        r.conflicts.len(),
        lang.t("xung đột", "conflicts"),
    )
}

/// What a merge did, project by project, in words: the sheet's signature, the projects that got new
/// scores, each one updated (revision a → b), each one kept because the session's entry is newer, and
/// each conflict (same revision, other content). Identical entries are not listed; [`merge_summary`]
/// counts them.
pub fn merge_details(r: &crate::store::MergeReport, names: &Names, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if !r.added.is_empty() {
        let added: Vec<String> = r.added.iter().map(|s| names.submission(s)).collect();
        lines.push(format!("{} {}", lang.t("mới", "added"), added.join("; ")));
    }
    for (s, old, new) in &r.updated {
        lines.push(format!(
            "{} {}: {} {old} → {new}",
            lang.t("cập nhật", "updated"),
            names.submission(s),
            lang.t("bản", "revision")
        ));
    }
    for (s, mine, theirs) in &r.kept_newer {
        let s = names.submission(s);
        lines.push(match lang {
            Lang::Vi => format!("giữ nguyên {s}: phiên đang có bản {mine}, mới hơn bản {theirs} của phiếu"),
            Lang::En => format!("kept {s}: the session has revision {mine}, newer than the sheet's {theirs}"),
        });
    }
    for (s, rev) in &r.conflicts {
        let s = names.submission(s);
        lines.push(match lang {
            Lang::Vi => format!(
                "XUNG ĐỘT {s}: cùng bản {rev} nhưng nội dung khác — giữ bản trong phiên, cần xác minh với giám khảo"
            ),
            Lang::En => format!(
                "CONFLICT {s}: same revision {rev} but different content — the session's entry is kept; check with the judge"
            ),
        });
    }
    use crate::store::merge::EntryRefusal;
    for (s, why) in &r.refused {
        let s = names.submission(s);
        lines.push(match (why, lang) {
            (EntryRefusal::NotAssigned, Lang::Vi) => format!(
                "KHÔNG GỘP {s}: giám khảo không được phân công chấm dự án này ở vòng này — điểm bị bỏ qua"
            ),
            (EntryRefusal::NotAssigned, Lang::En) => format!(
                "NOT MERGED {s}: the judge is not assigned to this project in this round — the scores are ignored"
            ),
            (EntryRefusal::RevisionLeap { from, to }, Lang::Vi) => format!(
                "KHÔNG GỘP {s}: bản {} → {} nhảy quá xa (mỗi lần sửa chỉ tăng 1) — phiếu đã bị sửa tay; hãy xin giám khảo phiếu gốc",
                count(u64::from(*from), lang),
                count(u64::from(*to), lang)
            ),
            (EntryRefusal::RevisionLeap { from, to }, Lang::En) => format!(
                "NOT MERGED {s}: revision {} → {} leaps too far (each change adds one) — the sheet was edited by hand; ask the judge for the original",
                count(u64::from(*from), lang),
                count(u64::from(*to), lang)
            ),
        });
    }
    if r.log_left_out > 0 {
        lines.push(format!(
            "{} {}",
            r.log_left_out,
            lang.t(
                "mục trong nhật ký của phiếu không được chép vào nhật ký phiên: không phải điểm, nhận xét hay rút khỏi chấm của chính giám khảo này",
                "entries of the sheet's log not copied into the session's: not this judge's own scores, comments or recusals"
            )
        ));
    }
    // Whose laptop signed it, when anything came of the sheet (until judges are bound to keys, an
    // unsigned sheet is still merged, and said to be unsigned).
    if !lines.is_empty() {
        let signature = match &r.signed {
            Some(print) => format!(
                "{} {print}",
                lang.t("chữ ký hợp lệ, khóa", "signature valid, key")
            ),
            None => lang
                .t(
                    "phiếu không có chữ ký của giám khảo",
                    "the sheet carries no judge's signature",
                )
                .to_string(),
        };
        lines.insert(0, signature);
    }
    lines
}

pub fn import_error(e: &crate::store::import::ImportError, lang: Lang) -> String {
    use crate::store::import::ImportError as E;
    match (e, lang) {
        (E::Io { path, message }, _) => format!(
            "{} {}: {}",
            lang.t("Không đọc được", "Cannot read"),
            file(path),
            io_words(message, lang)
        ),
        (E::Unsupported { path }, Lang::Vi) => {
            format!("{}: chỉ đọc được .xlsx, .xls, .ods, .csv", file(path))
        }
        (E::Unsupported { path }, Lang::En) => {
            format!("{}: only .xlsx, .xls, .ods and .csv can be read", file(path))
        }
        (E::Spreadsheet { path, message }, _) if message.starts_with("an Excel 97-2003") => format!(
            "{}: {}",
            file(path),
            lang.t(
                "đây là bảng tính Excel đời cũ (.xls) hoặc có đặt mật khẩu — hãy mở trong Excel, bỏ mật khẩu nếu có, rồi lưu lại dạng .xlsx hoặc .csv",
                "this is an old Excel (.xls) workbook or one with a password — open it in Excel, remove any password, and save it again as .xlsx or .csv"
            )
        ),
        (E::Spreadsheet { path, message }, _) => format!(
            "{}: {} ({message})",
            file(path),
            lang.t(
                "không đọc được nội dung bảng: tệp bị hỏng, hoặc không đúng định dạng như tên tệp",
                "cannot read the table: the file is damaged, or not the format its name says"
            )
        ),
        (E::TooWide { path, rows, columns }, _) => format!(
            "{}: {} ({} {} × {} {})",
            file(path),
            lang.t(
                "bảng tính trải quá rộng để đọc — có ô dữ liệu ở rất xa bảng, hoặc tệp bị hỏng; hãy xoá các ô thừa rồi lưu lại dạng .xlsx hoặc .csv",
                "the sheet spreads too wide to read — a cell lies far away from the table, or the file is damaged; delete the stray cells and save it again as .xlsx or .csv"
            ),
            count(*rows, lang),
            lang.t("dòng", "rows"),
            count(*columns, lang),
            lang.t("cột", "columns"),
        ),
        (E::TooBig { path, part, bytes, max }, _) => {
            let mb = |b: &u64| count(b.div_ceil(1 << 20), lang);
            let what = match (part, lang) {
                (Some(part), Lang::Vi) => format!(
                    "phần «{part}» của tệp khi giải nén ra {} MB, vượt giới hạn {} MB",
                    mb(bytes),
                    mb(max)
                ),
                (Some(part), Lang::En) => format!(
                    "its part «{part}» unpacks to {} MB, over the limit of {} MB",
                    mb(bytes),
                    mb(max)
                ),
                (None, Lang::Vi) => format!(
                    "đọc bảng tính này cần hơn {} MB, vượt giới hạn {} MB",
                    mb(bytes),
                    mb(max)
                ),
                (None, Lang::En) => format!(
                    "reading this workbook takes more than {} MB, over the limit of {} MB",
                    mb(bytes),
                    mb(max)
                ),
            };
            format!(
                "{}: {what} — {}",
                file(path),
                lang.t(
                    "tệp bị hỏng, hoặc được làm phình ra cố ý. Chưa đọc gì. Nếu đây đúng là danh sách đăng ký, hãy mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .csv",
                    "the file is damaged, or was blown up on purpose. Nothing was read. If it is a real registrations list, open it in Excel or LibreOffice and save it again as .csv"
                )
            )
        }
        (E::CellTooLong { path, row, column, length }, _) => format!(
            "{}: {} {}{row} {}",
            file(path),
            lang.t("ô", "cell"),
            column_letters(*column),
            match lang {
                Lang::Vi => format!(
                    "dài {} ký tự, vượt giới hạn {} ký tự của một ô (như Excel). Chưa đọc gì; hãy sửa ô đó rồi nhập lại",
                    count(*length as u64, lang),
                    count(crate::store::import::MAX_CELL_CHARS as u64, lang)
                ),
                Lang::En => format!(
                    "is {} characters long, over the limit of {} for one cell (as in Excel). Nothing was read; fix that cell and import again",
                    count(*length as u64, lang),
                    count(crate::store::import::MAX_CELL_CHARS as u64, lang)
                ),
            }
        ),
        (E::Encoding { path }, Lang::Vi) => format!(
            "{}: không phải văn bản UTF-8 hay UTF-16 (hãy lưu lại dạng CSV UTF-8)",
            file(path)
        ),
        (E::Encoding { path }, Lang::En) => format!(
            "{}: not UTF-8 or UTF-16 text (save it again as CSV UTF-8)",
            file(path)
        ),
        (E::Empty { path }, _) => format!(
            "{}: {}",
            file(path),
            lang.t("không có dòng tiêu đề", "no header row")
        ),
        (E::BadMapping(m), Lang::Vi) => format!(
            "«{m}»: cần dạng trường=cột, với trường là id, title, members, leader, organization, category, sector, email, phone, description, attachments"
        ),
        (E::BadMapping(m), Lang::En) => format!(
            "«{m}»: expected field=column, field one of id, title, members, leader, organization, category, sector, email, phone, description, attachments"
        ),
        (E::Cancelled, _) => lang
            .t(
                "Đã dừng đọc tệp; chưa nhập gì.",
                "Reading stopped; nothing imported.",
            )
            .into(),
    }
}

/// Why a table is not taken for a registration list, in words, with the columns that give it away
/// and every column found (the import dialog shows it; the CLI prefixes the file's name).
pub fn not_registrations(why: &crate::store::import::NotRegistrations, lang: Lang) -> String {
    use crate::store::import::NotRegistrations as N;
    let quoted = |columns: &[String]| {
        columns
            .iter()
            .map(|c| format!("«{}»", c.replace('\n', " ")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let reason = match (why, lang) {
        (N::ResultsOrScores { results, .. }, Lang::Vi) => format!(
            "Tệp này trông như bảng kết quả hoặc phiếu chấm điểm (như giamkhao xuất ra), không phải danh sách đăng ký: có cột {}.",
            quoted(results)
        ),
        (N::ResultsOrScores { results, .. }, Lang::En) => format!(
            "This file looks like a results table or a scoresheet (as giamkhao exports them), not a registration list: it has the columns {}.",
            quoted(results)
        ),
        (N::NoTitle { .. }, Lang::Vi) => "Không cột nào trông như tên dự án («Tên dự án», «Tên ý tưởng», «Project title»…): có vẻ đây không phải danh sách đăng ký.".to_string(),
        (N::NoTitle { .. }, Lang::En) => "No column looks like a project title («Tên dự án», «Tên ý tưởng», «Project title»…): this is not a registration list as far as giamkhao can tell.".to_string(),
        (N::TitleOnly { title, .. }, Lang::Vi) => format!(
            "Ngoài cột tên dự án «{title}» (và mã), không có cột nào khác của một danh sách đăng ký (trưởng nhóm, thành viên, đơn vị, bảng, lĩnh vực, email, số điện thoại…): có vẻ đây không phải danh sách đăng ký."
        ),
        (N::TitleOnly { title, .. }, Lang::En) => format!(
            "Besides the title column «{title}» (and an id), there is no other column of a registration list (leader, members, organization, category, sector, email, phone…): this is not a registration list as far as giamkhao can tell."
        ),
    };
    let headers = why.headers();
    if headers.is_empty() {
        reason
    } else {
        format!(
            "{reason} {}: {}.",
            lang.t("Các cột tìm thấy", "Columns found"),
            quoted(headers)
        )
    }
}

/// What an import does: added, updated, unchanged, rows left out.
pub fn import_summary(plan: &crate::store::import::ImportPlan, lang: Lang) -> String {
    format!(
        "{} {}, {} {}, {} {}, {} {}",
        count(plan.added.len() as u64, lang),
        lang.t("mới", "added"),
        count(plan.updated.len() as u64, lang),
        lang.t("cập nhật", "updated"),
        count(plan.unchanged as u64, lang),
        lang.t("không đổi", "unchanged"),
        count(plan.problems.len() as u64, lang),
        lang.t("dòng bỏ qua", "rows left out")
    )
}

/// The name of a registration field as the organizer knows it (the mapping step, the CLI's summary).
pub fn import_field(f: crate::store::import::Field, lang: Lang) -> &'static str {
    use crate::store::import::Field;
    match f {
        Field::Id => lang.t("Mã", "Id"),
        Field::Title => lang.t("Tên dự án", "Title"),
        Field::Members => lang.t("Thành viên", "Members"),
        Field::Leader => lang.t("Trưởng nhóm", "Leader"),
        Field::Organization => lang.t("Đơn vị", "Organization"),
        Field::Category => lang.t("Bảng", "Category"),
        Field::Sector => lang.t("Lĩnh vực", "Sector"),
        Field::Email => "Email",
        Field::Phone => lang.t("Số điện thoại", "Phone"),
        Field::Description => lang.t("Mô tả", "Description"),
        Field::Attachments => lang.t("Tài liệu đính kèm", "Attachments"),
    }
}

/// A column as a spreadsheet names it, from 0: A, B, …, Z, AA, …, XFD.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

pub fn row_problem(p: &crate::store::import::RowProblem, lang: Lang) -> String {
    use crate::store::import::RowProblemKind as K;
    let what = match (&p.kind, lang) {
        (K::EmptyTitle, _) => lang.t("thiếu tên dự án", "the title is empty").to_string(),
        (K::DuplicateId(id), Lang::Vi) => format!("mã «{id}» trùng với một dòng trước"),
        (K::DuplicateId(id), Lang::En) => format!("id «{id}» repeats an earlier row"),
        (K::UnknownCategory(c), Lang::Vi) => format!("cuộc thi không có bảng «{c}»"),
        (K::UnknownCategory(c), Lang::En) => format!("the contest has no category «{c}»"),
        (K::TooLong { field, length, max }, _) => too_long(*field, *length, *max, lang),
        (K::TooMany { field, count, max }, _) => too_many(*field, *count, *max, lang),
    };
    format!("{} {}: {what}", lang.t("Dòng", "Row"), p.row)
}

pub fn packet_error(e: &PacketError, lang: Lang) -> String {
    match e {
        PacketError::UnknownJudge(j) => {
            format!("{} «{j}»", lang.t("không có giám khảo", "unknown judge"))
        }
        PacketError::UnknownRound(r) => {
            format!("{} «{r}»", lang.t("không có vòng", "unknown round"))
        }
        PacketError::JudgeNotInRound {
            judge,
            round: Some(r),
        } => match lang {
            Lang::Vi => format!("giám khảo «{judge}» không chấm vòng «{r}»"),
            Lang::En => format!("judge «{judge}» does not sit on round «{r}»"),
        },
        PacketError::JudgeNotInRound { judge, round: None } => match lang {
            Lang::Vi => format!("giám khảo «{judge}» không chấm vòng nào"),
            Lang::En => format!("judge «{judge}» sits on no round"),
        },
    }
}

/// Why a session cannot be sealed or unsealed.
pub fn seal_error(e: &crate::store::seal::SealError, lang: Lang) -> String {
    use crate::store::seal::SealError as E;
    match e {
        E::AlreadySealed => lang.t("Phiên đã được niêm phong.", "The session is already sealed.").into(),
        E::NotSealed => lang.t("Phiên chưa niêm phong.", "The session is not sealed.").into(),
        E::Provisional => lang
            .t(
                "Kết quả còn tạm thời: hội đồng cần quyết định các trường hợp đồng hạng trước khi niêm phong.",
                "The results are provisional: the council must decide the ties before sealing.",
            )
            .into(),
        E::Invalid(n) => format!(
            "{n} {}",
            lang.t(
                "lỗi trong phiên (xem «giamkhao check») — chưa niêm phong.",
                "problem(s) in the session (see «giamkhao check») — not sealed."
            )
        ),
        E::NoReason => lang
            .t("Cần ghi lý do mở niêm phong.", "A reason is needed to unseal.")
            .into(),
        E::TooLong(e) => format!(
            "{} {}",
            refused_too_long(e.field, e.length, e.max, lang),
            lang.t("Phiên vẫn niêm phong.", "The session stays sealed.")
        ),
    }
}

/// Why `typed` cannot stand as the name on the record, and what to give instead: "«root» chỉ có
/// một từ. Hãy ghi cả họ và tên". The app and the command line each add how to give it.
pub fn name_error(e: crate::store::person::NameError, typed: &str, lang: Lang) -> String {
    use crate::store::person::NameError as E;
    let typed = nfc(typed.trim());
    let why = match (e, lang) {
        (E::Missing, _) => lang.t("Chưa có họ tên", "No name given").to_string(),
        (E::NotAName, Lang::Vi) => format!("«{typed}» không phải họ tên"),
        (E::NotAName, Lang::En) => format!("«{typed}» is not a name"),
        (E::OneWord, Lang::Vi) => format!("«{typed}» chỉ có một từ"),
        (E::OneWord, Lang::En) => format!("«{typed}» is a single word"),
        (E::TooLong { length }, _) => {
            let name = crate::store::limits::TextField::PersonName;
            return format!(
                "{}. {}",
                sentence(&too_long(name, length, name.max(), lang)),
                lang.t("Hãy chỉ ghi họ và tên", "Give just the family and given names")
            );
        }
    };
    format!(
        "{why}. {}",
        lang.t(
            "Hãy ghi cả họ và tên",
            "Give the full name (family name and given name)"
        )
    )
}

/// "Niêm phong SHA-256: 3f2a…" — the line every export of a sealed session carries.
pub fn seal_line(seal: &crate::model::Seal, lang: Lang) -> String {
    format!(
        "{} SHA-256: {} ({} {}, {})",
        lang.t("Niêm phong", "Sealed"),
        seal.digest,
        lang.t("bởi", "by"),
        seal.by,
        timestamp(seal.at, lang)
    )
}

/// The one line that sums up a verification.
pub fn verdict(v: crate::store::seal::Verdict, lang: Lang) -> &'static str {
    use crate::store::seal::Verdict as V;
    match v {
        V::Proven => lang.t(
            "KẾT LUẬN: khớp — đây đúng là tệp đã niêm phong với mã in trên giấy, kết quả công bố đúng từ điểm gốc và không có gì bị sửa sau niêm phong.",
            "VERDICT: consistent — this is the file sealed with the digest on paper, the published results follow from the raw scores and nothing changed after the seal.",
        ),
        V::SelfConsistent => lang.t(
            "KẾT LUẬN: tệp tự nhất quán — kết quả công bố đúng từ điểm gốc và khớp với niêm phong ghi trong chính tệp. Nhưng ai cũng tính lại được một mã niêm phong: chỉ mã in trên biên bản đã ký mới chứng minh đây đúng là tệp đã ký. Hãy nhập mã trên giấy để đối chiếu.",
            "VERDICT: self-consistent — the published results follow from the raw scores and match the seal the file itself carries. But anyone can recompute a seal: only the digest printed on the signed report proves this is the file that was signed. Give the digest on paper to compare.",
        ),
        V::Mismatch => lang.t(
            "KẾT LUẬN: KHÔNG KHỚP — xem các dòng SAI.",
            "VERDICT: MISMATCH — see the FAILED lines.",
        ),
    }
}

/// The line a seal shows under results and on every export — or, for a file that no longer matches
/// its seal, the warning that replaces it (and never the digest, which belongs to other content).
pub fn seal_state_line(state: &crate::store::seal::SealState, lang: Lang) -> Option<String> {
    use crate::store::seal::SealState as S;
    match state {
        S::Unsealed => None,
        S::Intact(seal) => Some(seal_line(seal, lang)),
        S::Broken(..) => Some(broken_seal(lang).to_string()),
    }
}

/// Where an attachment leads, shown before it is opened.
pub fn attachment_target(target: &crate::store::attachment::Target, lang: Lang) -> String {
    use crate::store::attachment::Target;
    match target {
        Target::Link(url) => format!(
            "{}\n{}\n\n{}",
            lang.t(
                "Trang web sẽ mở trong trình duyệt:",
                "This web page opens in the browser:"
            ),
            shown(url),
            lang.t(
                "Liên kết do thí sinh cung cấp: chỉ mở nếu bạn tin địa chỉ này.",
                "The link came from a contestant: open it only if you trust this address."
            )
        ),
        Target::File(path) => format!(
            "{}\n{}",
            lang.t(
                "Tệp này (trong thư mục của phiên) sẽ mở bằng chương trình mặc định:",
                "This file (in the session's folder) opens with its usual program:"
            ),
            shown(&path.display().to_string())
        ),
    }
}

/// Why an attachment is not opened.
pub fn attachment_refused(attachment: &str, why: &crate::store::attachment::Refusal, lang: Lang) -> String {
    use crate::store::attachment::Refusal as R;
    let reason = match (why, lang) {
        (R::Scheme(s), Lang::Vi) => format!(
            "liên kết kiểu «{s}:» không được mở — chỉ mở trang web (http, https) hoặc tệp trong thư mục của phiên"
        ),
        (R::Scheme(s), Lang::En) => format!(
            "a «{s}:» link is not opened — only web pages (http, https) or files in the session's folder are"
        ),
        (R::BadLink, _) => lang
            .t(
                "liên kết web không hợp lệ (thiếu tên máy, hoặc có khoảng trắng, ký tự điều khiển)",
                "not a valid web link (no host name, or spaces or control characters in it)",
            )
            .to_string(),
        (R::OutsideFolder(p), Lang::Vi) => format!(
            "tệp nằm ngoài thư mục của phiên ({}) — chỉ mở tệp trong thư mục đó",
            shown(&p.display().to_string())
        ),
        (R::OutsideFolder(p), Lang::En) => format!(
            "the file is outside the session's folder ({}) — only files in that folder are opened",
            shown(&p.display().to_string())
        ),
        (R::Program(e), Lang::Vi) => {
            format!("tệp chương trình (.{e}) không bao giờ được chạy từ đây — hãy xin thí sinh bản PDF")
        }
        (R::Program(e), Lang::En) => {
            format!("a program (.{e}) is never started from here — ask the contestant for a PDF")
        }
        (R::Missing(p), Lang::Vi) => {
            format!("không có tệp này (đã tìm ở {})", shown(&p.display().to_string()))
        }
        (R::Missing(p), Lang::En) => {
            format!("no such file (looked for at {})", shown(&p.display().to_string()))
        }
        (R::NoFolder, _) => lang
            .t(
                "phiên chưa được lưu nên chưa có thư mục để tìm tệp — hãy lưu phiên cạnh thư mục hồ sơ",
                "the session has not been saved, so there is no folder to look in — save it beside the files",
            )
            .to_string(),
    };
    format!(
        "{} «{}»: {reason}",
        lang.t("Không mở tệp đính kèm", "Attachment not opened"),
        shown(attachment)
    )
}

/// The same for the command line, which has no Verify screen to point to.
pub fn log_break_cli(entry: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "CẢNH BÁO: nhật ký của tệp này đã bị sửa ngoài giamkhao (chuỗi mã đứt ở dòng {}); xem giamkhao verify.",
            count(entry as u64 + 1, lang)
        ),
        Lang::En => format!(
            "WARNING: this file's audit log was changed outside giamkhao (the hash chain breaks at entry {}); see giamkhao verify.",
            count(entry as u64 + 1, lang)
        ),
    }
}

/// The warning a session whose log was changed outside giamkhao carries in the app.
pub fn log_break(entry: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "CẢNH BÁO: nhật ký của tệp này đã bị sửa ngoài giamkhao (chuỗi mã đứt ở dòng {}). Những gì nhật ký ghi từ dòng đó không đáng tin; xem Kết quả → Kiểm tra…",
            count(entry as u64 + 1, lang)
        ),
        Lang::En => format!(
            "WARNING: this file's audit log was changed outside giamkhao (the hash chain breaks at entry {}). What the log says from there on cannot be trusted; see Results → Verify…",
            count(entry as u64 + 1, lang)
        ),
    }
}

/// The warning a file that does not match its seal carries wherever it is shown.
pub fn broken_seal(lang: Lang) -> &'static str {
    lang.t(
        "CẢNH BÁO: NIÊM PHONG KHÔNG HỢP LỆ — tệp đã bị sửa sau khi niêm phong; đây KHÔNG phải kết quả đã niêm phong.",
        "WARNING: THE SEAL IS NOT VALID — the file was changed after it was sealed; these are NOT the sealed results.",
    )
}

/// The program and its version, as every report says which giamkhao made it: "giamkhao 0.1.0".
pub fn made_with_name() -> String {
    format!("giamkhao {}", env!("CARGO_PKG_VERSION"))
}

/// The app could not open its window with any renderer: what the person can do, and the details to
/// send whoever helps them (`failures`: each renderer tried, and why it failed).
pub fn no_window(failures: &[String], lang: Lang) -> String {
    let details = failures.join("\n");
    match lang {
        Lang::Vi => format!(
            "giamkhao không mở được cửa sổ: máy này không khởi động được phần đồ hoạ (đã thử cả wgpu và OpenGL).\n\n\
             Có thể làm:\n\
             • Nếu đang dùng Remote Desktop hoặc máy ảo: mở giamkhao ngay trên máy tính thật.\n\
             • Cập nhật trình điều khiển card màn hình (Windows Update → Tùy chọn nâng cao → Bản cập nhật tùy chọn), rồi khởi động lại máy.\n\
             • Các tệp không bị ảnh hưởng; các lệnh của giamkhao (giamkhao --help) vẫn dùng được.\n\n\
             Khi nhờ hỗ trợ, hãy gửi kèm chi tiết này:\n{details}"
        ),
        Lang::En => format!(
            "giamkhao could not open its window: this computer could not start its graphics (both wgpu and OpenGL were tried).\n\n\
             What you can do:\n\
             • On Remote Desktop or in a virtual machine: open giamkhao on the computer itself.\n\
             • Update the graphics driver (Windows Update → Advanced options → Optional updates), then restart the computer.\n\
             • Your files are not affected; giamkhao's commands (giamkhao --help) still work.\n\n\
             When you ask for help, send these details:\n{details}"
        ),
    }
}

/// A verification as lines for people: whether each check passed, and what it found.
pub fn verification(v: &crate::store::seal::Verification, names: &Names, lang: Lang) -> Vec<(bool, String)> {
    // "The sheet of JUDGE (round ROUND) …", and the like.
    let of_sheet = |lead: &str, round: &str, judge: &str, tail: &str| {
        format!(
            "{lead} {} ({} {}) {tail}",
            names.judge(judge),
            lang.t("vòng", "round"),
            names.round(round)
        )
    };
    use crate::store::seal::{Check, Difference as D};
    let mark = |ok: bool| {
        if ok {
            lang.t("ĐÚNG", "OK")
        } else {
            lang.t("SAI", "FAILED")
        }
    };
    let show = |p: &Option<Points>| p.map_or_else(|| "—".to_string(), |p| points(p, lang));
    // Two digests side by side: the first when they match, both when they do not.
    let compare = |ok: bool, good: &str, bad: &str, a: (&str, &String), b: (&str, &String)| {
        if ok {
            format!("{good}: {}", b.1)
        } else {
            format!("{bad} ({} {}, {} {})", a.0, a.1, b.0, b.1)
        }
    };
    // "chung-khao/DA01: điểm lưu 70,92 → tính lại 71,25"
    let changed = |round: &str, submission: &str, what: &str, saved: String, recomputed: String| {
        format!(
            "{round}/{submission}: {what} {} {saved} → {} {recomputed}",
            lang.t("lưu", "saved"),
            lang.t("tính lại", "recomputed")
        )
    };
    let mut out = Vec::new();
    for check in &v.checks {
        let ok = check.ok();
        let line = match check {
            Check::Sealed { sealed: true } => {
                lang.t("Phiên đã niêm phong", "The session is sealed").to_string()
            }
            Check::Sealed { sealed: false } => lang
                .t(
                    "Phiên chưa niêm phong: chưa có kết quả công bố để đối chiếu",
                    "The session is not sealed: there are no published results to check against",
                )
                .to_string(),
            Check::SealDigest { expected, found } => compare(
                ok,
                lang.t(
                    "Mã niêm phong khớp với nội dung tệp",
                    "The seal digest matches the file",
                ),
                lang.t(
                    "Nội dung tệp đã bị thay đổi sau khi niêm phong",
                    "The file was changed after it was sealed",
                ),
                (lang.t("niêm phong", "sealed"), expected),
                (lang.t("tính lại", "recomputed"), found),
            ),
            Check::SealEntry { logged: true } => lang
                .t(
                    "Nhật ký ghi đúng việc niêm phong (người, thời điểm, mã)",
                    "The audit log records the seal as it is (who, when, digest)",
                )
                .to_string(),
            Check::SealEntry { logged: false } => lang
                .t(
                    "Dòng niêm phong trong nhật ký không khớp với niêm phong (người, thời điểm, mã, ghi chú…)",
                    "The seal's entry in the audit log does not match the seal (who, when, digest, note…)",
                )
                .to_string(),
            Check::AfterSeal { entries: 0 } => lang
                .t(
                    "Nhật ký không có dòng nào sau niêm phong",
                    "Nothing was logged after the seal",
                )
                .to_string(),
            Check::AfterSeal { entries } => match lang {
                Lang::Vi => format!(
                    "Nhật ký có {} dòng sau niêm phong — phiên đã niêm phong không nhận thêm gì (mở niêm phong thì niêm phong mất), các dòng này được thêm ngoài giamkhao",
                    count(*entries as u64, lang)
                ),
                Lang::En => format!(
                    "The log has {} entr{} after the seal — a sealed session takes nothing more (an unseal lifts the seal); they were added outside giamkhao",
                    count(*entries as u64, lang),
                    if *entries == 1 { "y" } else { "ies" }
                ),
            },
            Check::LogChain { broken_at: None, entries } => match lang {
                Lang::Vi => format!(
                    "Chuỗi mã của nhật ký liền mạch ({} dòng, mỗi dòng mang mã của dòng trước)",
                    count(*entries as u64, lang)
                ),
                Lang::En => format!(
                    "The log's hash chain is whole ({} entries, each carrying the hash of the one before)",
                    count(*entries as u64, lang)
                ),
            },
            Check::LogChain { broken_at: Some(i), entries } => match lang {
                Lang::Vi => format!(
                    "Chuỗi mã của nhật ký đứt ở dòng {} trên {} — dòng này (hoặc dòng trước nó) đã bị sửa, thêm, xoá hay đổi chỗ ngoài giamkhao",
                    count(*i as u64 + 1, lang),
                    count(*entries as u64, lang)
                ),
                Lang::En => format!(
                    "The log's hash chain breaks at entry {} of {} — it (or the one before) was changed, added, removed or moved outside giamkhao",
                    count(*i as u64 + 1, lang),
                    count(*entries as u64, lang)
                ),
            },
            Check::PaperDigestNotGiven => lang
                .t(
                    "Chưa đối chiếu với mã in trên biên bản đã ký: chỉ mã trên giấy chứng minh đây là tệp đã ký",
                    "Not compared with the digest printed on the signed report: only the paper proves this is the file that was signed",
                )
                .to_string(),
            Check::PaperDigest { paper, sealed } => compare(
                ok,
                lang.t(
                    "Mã trên giấy khớp với niêm phong",
                    "The digest on paper matches the seal",
                ),
                lang.t(
                    "Mã trên giấy KHÁC niêm phong",
                    "The digest on paper DIFFERS from the seal",
                ),
                (lang.t("giấy", "paper"), paper),
                (lang.t("niêm phong", "seal"), sealed),
            ),
            Check::Results { differences } if differences.is_empty() => lang
                .t(
                    "Kết quả đã lưu đúng bằng kết quả tính lại từ điểm gốc",
                    "The saved results equal those recomputed from the raw scores",
                )
                .to_string(),
            Check::Results { differences } => {
                let items: Vec<String> = differences
                    .iter()
                    .map(|d| match d {
                        D::Rounds { saved, recomputed } => {
                            format!("{} {saved} ≠ {recomputed}", lang.t("số vòng", "rounds"))
                        }
                        D::Missing { round, submission } => format!(
                            "{round}/{submission}: {}",
                            lang.t("không có trong kết quả đã lưu", "not in the saved results")
                        ),
                        D::Score {
                            round,
                            submission,
                            saved,
                            recomputed,
                        } => changed(
                            round,
                            submission,
                            lang.t("điểm", "score"),
                            show(saved),
                            show(recomputed),
                        ),
                        D::Award {
                            round,
                            submission,
                            saved,
                            recomputed,
                        } => changed(
                            round,
                            submission,
                            lang.t("giải", "award"),
                            saved.clone().unwrap_or("—".into()),
                            recomputed.clone().unwrap_or("—".into()),
                        ),
                        D::Rank {
                            round,
                            submission,
                            saved,
                            recomputed,
                        } => changed(
                            round,
                            submission,
                            lang.t("hạng", "rank"),
                            saved.map_or("—".into(), |r| r.to_string()),
                            recomputed.map_or("—".into(), |r| r.to_string()),
                        ),
                        D::Details { round } => format!(
                            "{round}: {}",
                            lang.t("ghi chú hoặc chi tiết khác nhau", "flags or details differ")
                        ),
                    })
                    .collect();
                format!(
                    "{}: {}",
                    lang.t(
                        "Kết quả đã lưu KHÁC kết quả tính lại từ điểm gốc",
                        "The saved results DIFFER from those recomputed from the raw scores"
                    ),
                    items.join("; ")
                )
            }
            Check::Sheet { round, judge, .. } if ok => {
                of_sheet(lang.t("Phiếu của", "The sheet of"), round, judge, lang.t("đúng như khi gộp", "is as merged"))
            }
            Check::Sheet { round, judge, .. } => of_sheet(
                lang.t("Phiếu của", "The sheet of"),
                round,
                judge,
                lang.t(
                    "đã bị thay đổi sau khi gộp, không qua phiếu nộp",
                    "was changed after it was merged, not by a handed-in sheet",
                ),
            ),
            Check::Signature {
                round,
                judge,
                secretariat: false,
                fingerprint: Some(print),
            } => of_sheet(
                lang.t("Chữ ký trên phiếu nộp của", "The signature on the sheet handed in by"),
                round,
                judge,
                &format!("{} {print}", lang.t("hợp lệ, khóa", "is valid, key")),
            ),
            Check::Signature {
                round,
                judge,
                secretariat: true,
                fingerprint: Some(print),
            } => of_sheet(
                lang.t(
                    "Chữ ký của ban thư ký trên phiếu giấy (nhập hai lần) của",
                    "The secretariat's signature on the paper sheet (typed twice) of",
                ),
                round,
                judge,
                &format!("{} {print}", lang.t("hợp lệ, khóa", "is valid, key")),
            ),
            Check::Signature { round, judge, .. } => of_sheet(
                lang.t("Chữ ký trên phiếu của", "The signature on the sheet of"),
                round,
                judge,
                lang.t(
                    "KHÔNG khớp với phiếu đã ghi nhận khi gộp",
                    "does NOT match the sheet recorded when it was merged",
                ),
            ),
            Check::SheetWithoutReceipt { round, judge } => of_sheet(
                lang.t("Phiếu của", "The sheet of"),
                round,
                judge,
                lang.t(
                    "không đến từ phiếu nộp (không có gì để đối chiếu)",
                    "did not come from a handed-in file (nothing to compare)",
                ),
            ),
        };
        let tag = if matches!(
            check,
            Check::SheetWithoutReceipt { .. } | Check::PaperDigestNotGiven
        ) {
            lang.t("LƯU Ý", "NOTE")
        } else {
            mark(ok)
        };
        out.push((ok, format!("[{tag}] {line}")));
    }
    out
}

/// How a change came in, in words.
pub fn channel(c: crate::store::audit::Channel, lang: Lang) -> &'static str {
    use crate::store::audit::Channel as C;
    match c {
        C::App => lang.t("trong ứng dụng", "in the app"),
        C::Merge => lang.t("gộp phiếu nộp", "merged from a handed-in sheet"),
        C::Import => lang.t("nhập từ tệp", "imported from a file"),
        C::Paper => lang.t("nhập phiếu giấy", "typed from a paper sheet"),
        C::Other => lang.t("khác", "other"),
    }
}

/// A judge's scores for one submission with each score's history, for a tooltip:
/// "Tính mới và sáng tạo: 19,5" then "  24/11/2023 09:12 — gk2 (nhập trên ứng dụng): 19 → 19,5".
pub fn score_card(session: &Session, round: &str, judge: &str, submission: &str, lang: Lang) -> String {
    let names = Names::of(session);
    let mut out = vec![format!(
        "{} — {}",
        names.judge(judge),
        names.submission(submission)
    )];
    let Some(r) = session.contest.round(round) else {
        return out.join("\n");
    };
    let entry = session.sheet(round, judge).and_then(|s| s.entry(submission));
    for c in &r.criteria {
        let value = entry.and_then(|e| e.scores.get(c.id.as_str())).map_or_else(
            || lang.t("chưa chấm", "not scored").to_string(),
            |p| points(*p, lang),
        );
        out.push(format!("{}: {value}", c.name));
        for e in crate::store::audit::score_history(&session.audit, round, judge, submission, &c.id) {
            out.push(format!("    {}", history_line(e, lang)));
        }
    }
    out.join("\n")
}

/// One change of a score: when, who, how (as the Audit screen says it), old → new.
pub fn history_line(e: &crate::model::AuditEntry, lang: Lang) -> String {
    // Scores are logged as plain decimals ("19.5"); shown the reader's way ("19,5").
    let shown = |v: &Option<String>| match v {
        None => "—".to_string(),
        Some(s) => Points::parse(s).map_or_else(|_| s.clone(), |p| points(p, lang)),
    };
    format!(
        "{} — {} ({}): {} → {}",
        timestamp(e.at, lang),
        e.by,
        audit::how(e, lang),
        shown(&e.old),
        shown(&e.new)
    )
}

/// Why a paper sheet cannot be confirmed yet.
pub fn paper_error(e: &crate::store::paper::ConfirmError, lang: Lang) -> String {
    use crate::store::paper::ConfirmError as E;
    match e {
        E::NoSheet => lang
            .t(
                "Chưa có phiếu giấy nào được nhập.",
                "No paper sheet has been typed.",
            )
            .into(),
        E::NotTwice => lang
            .t(
                "Phiếu phải được nhập đủ hai lần trước khi xác nhận.",
                "The sheet must be typed twice before it is confirmed.",
            )
            .into(),
        E::NotFinished(pass) => format!(
            "{} {} {}",
            lang.t("Lần nhập", "Entry"),
            pass.number(),
            lang.t(
                "chưa được đánh dấu nhập xong: hai lần nhập chỉ được so sánh khi cả hai đã xong.",
                "is not marked finished: the two entries are compared only once both are."
            )
        ),
        E::Differ(n) => format!(
            "{n} {}",
            lang.t(
                "ô khác nhau giữa hai lần nhập: xem lại phiếu giấy và sửa lần nhập sai.",
                "field(s) differ between the two entries: check the paper and correct the wrong entry."
            )
        ),
        E::Merge(m) => merge_error(m, lang.t("phiếu giấy", "paper sheet"), lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_written_a_piece_at_a_time_is_shown_as_written_whole() {
        use std::io::Write;
        let json = "{\"tên\": \"Đà\u{202e}Nẵng\u{2028}\u{85}ổ\"}\n";
        let whole = shown_json(json).into_owned();
        assert_ne!(whole, json, "the hidden controls are written out");
        // Every way of cutting it in two, through the middle of a letter too.
        for cut in 0..=json.len() {
            let mut out = ShownJson::new(Vec::new());
            out.write_all(&json.as_bytes()[..cut]).unwrap();
            out.write_all(&json.as_bytes()[cut..]).unwrap();
            out.flush().unwrap();
            assert_eq!(String::from_utf8(out.out).unwrap(), whole, "cut at byte {cut}");
        }
        // A byte at a time: every character waits for its end, however many writes it takes.
        let mut out = ShownJson::new(Vec::new());
        for b in json.as_bytes() {
            out.write_all(std::slice::from_ref(b)).unwrap();
        }
        assert_eq!(String::from_utf8(out.out).unwrap(), whole);
        // A byte that can never be UTF-8 is an error, not a guess, also after a cut character.
        assert!(ShownJson::new(Vec::new()).write(&[b'a', 0xff, b'b']).is_err());
        let mut out = ShownJson::new(Vec::new());
        out.write_all(&[b'a', 0xe1]).unwrap();
        assert!(out.write(b"b").is_err());
    }

    #[test]
    fn json_shows_exactly_the_hidden_controls_among_every_character_near_them() {
        // The byte scan looks for four lead bytes only: every character that shares a lead byte
        // with a hidden one, and Vietnamese letters, must come out as a character-by-character
        // reading says.
        let near = (0x70..0x800).chain(0x1e00..0x1f00).chain(0x2000..0x2100);
        for c in near.filter_map(char::from_u32) {
            let json = format!("{{\"a{c}b\": \"x{c}\"}}");
            let hidden = c > '\u{7e}' && is_hidden_control(c);
            let expected = if hidden {
                json.replace(c, &format!("\\u{:04x}", u32::from(c)))
            } else {
                json.clone()
            };
            assert_eq!(shown_json(&json), expected, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn submissions_are_named_through_an_index_that_finds_what_a_search_finds() {
        let mut session = sample();
        // A repeated id (an invalid file being reported on): the first, as a search finds it.
        let mut twin = session.submissions[0].clone();
        twin.title = "Bản trùng mã".into();
        session.submissions.push(twin);
        let names = Names::of(&session);
        for s in &session.submissions {
            let found = session.submission(&s.id).unwrap();
            assert_eq!(names.submission(&s.id), format!("{} {}", s.id, found.title));
        }
        assert_eq!(names.submission("KHONG-CO"), "KHONG-CO");
        assert_eq!(Names::of_contest(&session.contest).submission("DA01"), "DA01");
    }

    #[test]
    fn typed_text_is_stored_in_nfc_and_a_whole_set_up_keeps_its_shape() {
        // "Hải Phòng" as Unikey's "Unicode tổ hợp" sends it: base letters and combining marks.
        let typed = "Ha\u{0309}i Pho\u{0300}ng";
        assert_ne!(typed, "Hải Phòng");
        assert_eq!(nfc(typed), "Hải Phòng");
        assert_eq!(nfc("DA07"), "DA07");

        let session = sample();
        // Already NFC: the contest and the submissions come back unchanged, numbers and all.
        assert_eq!(nfc_all(session.contest.clone()), session.contest);
        assert_eq!(nfc_all(session.submissions.clone()), session.submissions);
        // Decomposed names and titles come back composed, everything else as it was.
        let mut contest = session.contest.clone();
        contest.name = format!("Cuộc thi {typed}");
        contest.judges[0].name = "Nguye\u{0302}\u{0303}n Va\u{0306}n A".into();
        let fixed = nfc_all(contest.clone());
        assert_eq!(fixed.name, "Cuộc thi Hải Phòng");
        assert_eq!(fixed.judges[0].name, "Nguyễn Văn A");
        assert_eq!(fixed.rounds, contest.rounds);
        assert_eq!(fixed.awards, contest.awards);
        assert_eq!(fixed.rules, contest.rules);
    }

    fn sample() -> crate::model::Session {
        let text = include_str!("../assets/samples/hai-phong-2023.ron");
        crate::store::files::parse_kind(
            Path::new("hai-phong-2023.ron"),
            text,
            crate::model::FileKind::Session,
        )
        .expect("the sample parses")
    }

    #[test]
    fn merge_details_name_each_project_in_the_users_language() {
        let session = sample();
        let names = Names::of(&session);
        let title = |id: &str| session.submission(id).unwrap().title.clone();
        let report = crate::store::MergeReport {
            round: "chung-khao".into(),
            judge: "gk2".into(),
            added: vec!["DA01".into(), "DA02".into()],
            updated: vec![("DA20".into(), 1, 2)],
            unchanged: vec!["DA03".into()],
            kept_newer: vec![("DA05".into(), 3, 2)],
            conflicts: vec![("DA14".into(), 2)],
            refused: vec![],
            signed: Some("3F9A-07C2-B41E-9D55".into()),
            log_left_out: 0,
        };
        let vi = merge_details(&report, &names, Lang::Vi);
        assert_eq!(
            vi,
            vec![
                "chữ ký hợp lệ, khóa 3F9A-07C2-B41E-9D55".to_string(),
                format!("mới DA01 {}; DA02 {}", title("DA01"), title("DA02")),
                format!("cập nhật DA20 {}: bản 1 → 2", title("DA20")),
                format!(
                    "giữ nguyên DA05 {}: phiên đang có bản 3, mới hơn bản 2 của phiếu",
                    title("DA05")
                ),
                format!(
                    "XUNG ĐỘT DA14 {}: cùng bản 2 nhưng nội dung khác — giữ bản trong phiên, cần xác minh với giám khảo",
                    title("DA14")
                ),
            ]
        );
        let en = merge_details(&report, &names, Lang::En);
        assert_eq!(
            en,
            vec![
                "signature valid, key 3F9A-07C2-B41E-9D55".to_string(),
                format!("added DA01 {}; DA02 {}", title("DA01"), title("DA02")),
                format!("updated DA20 {}: revision 1 → 2", title("DA20")),
                format!(
                    "kept DA05 {}: the session has revision 3, newer than the sheet's 2",
                    title("DA05")
                ),
                format!(
                    "CONFLICT DA14 {}: same revision 2 but different content — the session's entry is kept; check with the judge",
                    title("DA14")
                ),
            ]
        );
        // Nothing new, nothing to say: the counts line says it.
        let quiet = crate::store::MergeReport {
            unchanged: vec!["DA01".into()],
            ..Default::default()
        };
        assert!(merge_details(&quiet, &names, Lang::Vi).is_empty());
    }

    #[test]
    fn a_file_that_is_not_giamkhaos_is_called_so_in_both_languages() {
        use crate::store::files::Foreign;
        let error = |name: &str, what| LoadError::NotGiamkhao {
            path: name.into(),
            what,
        };
        assert_eq!(
            load_error(&error("dang-ky.xlsx", Foreign::Excel), Lang::Vi),
            "Tệp dang-ky.xlsx không phải tệp của giamkhao: đây là bảng tính Excel (.xlsx). \
             Nếu đây là danh sách đăng ký, hãy nhập bằng Tệp → Nhập danh sách đăng ký (Excel/CSV)… \
             trong ứng dụng, hoặc lệnh giamkhao import. giamkhao mở phiên chấm, gói giám khảo và \
             phiếu chấm (tệp .ron hoặc .json)."
        );
        assert_eq!(
            load_error(&error("anh.png", Foreign::Image("PNG")), Lang::En),
            "anh.png is not a giamkhao file: it is a PNG image. giamkhao opens sessions, judge \
             packets and scoresheets (.ron or .json files)."
        );
        assert_eq!(
            load_error(&error("trong.ron", Foreign::Empty), Lang::Vi),
            "Tệp trong.ron không phải tệp của giamkhao: đây là tệp trống (không có nội dung). \
             giamkhao mở phiên chấm, gói giám khảo và phiếu chấm (tệp .ron hoặc .json)."
        );
    }

    #[test]
    fn folding_ignores_accents_and_case() {
        assert_eq!(fold("Hải Phòng"), "hai phong");
        assert_eq!(fold("Đông Hải"), "dong hai");
        assert!(fold("Trường Đại học Hàng hải").contains(&fold("dai hoc hang hai")));
    }

    #[test]
    fn vietnamese_order() {
        let c = Collator::vietnamese();
        let mut words = vec!["ư", "u", "đ", "d", "ơ", "ô", "o", "â", "ă", "a", "e"];
        words.sort_by(|a, b| c.compare(a, b));
        assert_eq!(words, vec!["a", "ă", "â", "d", "đ", "e", "o", "ô", "ơ", "u", "ư"]);
    }

    #[test]
    fn numbers_the_languages_way() {
        let p = Points::parse("8.5").unwrap();
        assert_eq!(points(p, Lang::Vi), "8,5");
        assert_eq!(points(p, Lang::En), "8.5");
        assert_eq!(score(Points::parse("85.33").unwrap_or(p), 2, Lang::Vi), "85,33");
        assert_eq!(vnd(50_000_000, Lang::Vi), "50.000.000 đ");
        assert_eq!(vnd(1_500, Lang::En), "1,500 VND");
        assert_eq!(vnd(999, Lang::En), "999 VND");
        let d = jiff::civil::date(2023, 11, 4);
        assert_eq!(date(d, Lang::Vi), "04/11/2023");
        assert_eq!(date(d, Lang::En), "2023-11-04");
        let ts: jiff::Timestamp = "2023-11-24T03:30:00Z".parse().unwrap();
        let local = ts.to_zoned(jiff::tz::TimeZone::system());
        let vi = timestamp(ts, Lang::Vi);
        assert_eq!(
            vi,
            format!(
                "{:02}/11/2023 {:02}:{:02}",
                local.day(),
                local.hour(),
                local.minute()
            )
        );
    }
}
