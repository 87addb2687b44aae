//! The results of one round as a report for people and scripts: names resolved, flags in words, in
//! the chosen language. The same report is printed as a terminal table or written as JSON (documented
//! in docs/results-json.md); `store::export` builds the Excel and CSV tables from it.

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::model::{Flag, Points, Resolution, RoundResult, Session, SharedId, SheetStatus, TieTarget};
use crate::text::{self, Lang, Names};

pub const REPORT_FORMAT: &str = "giamkhao-results";
pub const REPORT_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct ResultsReport {
    pub format: &'static str,
    pub version: u32,
    /// The giamkhao that made the report: "giamkhao 0.1.0".
    pub generator: String,
    pub lang: Lang,
    pub contest_id: String,
    pub contest_name: String,
    pub round: String,
    pub round_name: String,
    pub decimals: u8,
    pub provisional: bool,
    pub maximum_total: Points,
    /// The rules in words.
    pub rules: Vec<String>,
    /// The round's judges, in the round's order.
    pub judges: Vec<JudgeName>,
    pub scopes: Vec<ScopeReport>,
    /// Recorded decisions that no longer match a tie (scores changed since), in words.
    pub stale_decisions: Vec<String>,
    /// The session's seal as checked (None: not sealed). A file that no longer matches its seal says
    /// so, and its digest is not given.
    pub seal: Option<SealReport>,
}

/// The seal, checked against the file.
#[derive(Clone, Debug, Serialize)]
pub struct SealReport {
    pub valid: bool,
    /// The digest, only when the file matches it.
    pub digest: Option<String>,
    /// The seal's line as exports print it, or the warning in its place.
    pub words: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct JudgeName {
    pub judge: String,
    pub name: String,
    /// The fingerprint of the key the judge's sheets are signed with: the one bound to the judge, or
    /// else the one their merged sheets were signed with (None: neither).
    pub key: Option<String>,
    /// The secretariat's keys that signed this judge's paper sheets, typed twice.
    pub paper_keys: Vec<String>,
}

/// The fingerprints of the keys that signed a judge's merged sheets, from their receipts: the
/// judge's laptop's, and the secretariat's for paper sheets.
fn signing_keys(session: &Session, round: &str, judge: &str) -> (Vec<String>, Vec<String>) {
    let (mut own, mut paper) = (Vec::new(), Vec::new());
    for r in session
        .receipts
        .iter()
        .filter(|r| r.round == round && r.judge == judge)
    {
        let Some(s) = &r.signed else { continue };
        let Some(print) = super::signing::fingerprint_of_hex(&s.public_key) else {
            continue;
        };
        let list = if s.secretariat { &mut paper } else { &mut own };
        if !list.contains(&print) {
            list.push(print);
        }
    }
    (own, paper)
}

#[derive(Clone, Debug, Serialize)]
pub struct ScopeReport {
    pub category: Option<String>,
    pub category_name: Option<String>,
    pub rows: Vec<RowReport>,
    pub ties: Vec<TieReport>,
    pub vacant: Vec<VacantReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RowReport {
    pub rank: Option<u32>,
    pub submission: String,
    pub title: String,
    pub organization: String,
    pub score: Option<Points>,
    pub sheets_counted: u32,
    pub award: Option<String>,
    pub award_name: Option<String>,
    pub prize_vnd: Option<u64>,
    pub advanced: Option<bool>,
    pub judges: Vec<JudgeReport>,
    pub criterion_means: Vec<MeanReport>,
    pub flags: Vec<Flag>,
    pub flags_text: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct JudgeReport {
    /// Shared by every row (a name is made once per report, not once per row).
    pub judge: SharedId,
    pub name: SharedId,
    pub total: Option<Points>,
    pub status: SheetStatus,
    pub status_text: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeanReport {
    pub criterion: SharedId,
    pub name: SharedId,
    pub mean: Option<Points>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TieReport {
    pub target: TieTarget,
    pub target_name: String,
    pub rank: u32,
    pub slots: u32,
    pub members: Vec<String>,
    pub settled: bool,
    pub resolution: Option<Resolution>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct VacantReport {
    pub tier: String,
    pub tier_name: String,
    pub slots: u32,
}

impl ResultsReport {
    pub fn new(session: &Session, result: &RoundResult, lang: Lang) -> Self {
        let names = Names::of(session);
        // Each row's submission by id, found once for all (a search per row was quadratic).
        let by_id = session.submission_index();
        let contest = &session.contest;
        // Judges' and criteria's names, made once and shared by every row.
        let judge_names: HashMap<&str, SharedId> = contest
            .judges
            .iter()
            .map(|j| (j.id.as_str(), SharedId::from(j.name.as_str())))
            .collect();
        let criterion_names: HashMap<&str, SharedId> = contest
            .rounds
            .iter()
            .rev()
            .flat_map(|r| &r.criteria)
            .map(|c| (c.id.as_str(), SharedId::from(c.name.as_str())))
            .collect();
        let shared = |names: &HashMap<&str, SharedId>, id: &SharedId| {
            names.get(id.as_ref()).cloned().unwrap_or_else(|| id.clone())
        };
        let decimals = contest.decimals;
        let scopes = result
            .scopes
            .iter()
            .map(|scope| ScopeReport {
                category: scope.category.clone(),
                category_name: scope.category.as_deref().map(|c| names.category(c)),
                rows: scope
                    .rows
                    .iter()
                    .map(|r| {
                        let sub = by_id.get(r.submission.as_str()).copied();
                        let tier = r
                            .award
                            .as_deref()
                            .and_then(|a| contest.awards.tiers.iter().find(|t| t.id == a));
                        RowReport {
                            rank: r.rank,
                            submission: r.submission.clone(),
                            title: sub.map(|s| s.title.clone()).unwrap_or_default(),
                            organization: sub.map(|s| s.organization.clone()).unwrap_or_default(),
                            score: r.score,
                            sheets_counted: r.sheets_counted,
                            award: r.award.clone(),
                            award_name: tier.map(|t| t.name.clone()),
                            prize_vnd: tier.and_then(|t| t.prize_vnd),
                            advanced: r.advanced,
                            judges: r
                                .judges
                                .iter()
                                .map(|j| JudgeReport {
                                    judge: j.judge.clone(),
                                    name: shared(&judge_names, &j.judge),
                                    total: j.total,
                                    status: j.status,
                                    status_text: text::status(j.status, lang),
                                })
                                .collect(),
                            criterion_means: r
                                .criterion_means
                                .iter()
                                .map(|m| MeanReport {
                                    criterion: m.criterion.clone(),
                                    name: shared(&criterion_names, &m.criterion),
                                    mean: m.mean,
                                })
                                .collect(),
                            flags: r.flags.clone(),
                            flags_text: r
                                .flags
                                .iter()
                                .map(|f| text::flag(f, &names, decimals, lang))
                                .collect(),
                        }
                    })
                    .collect(),
                ties: scope
                    .ties
                    .iter()
                    .map(|t| {
                        let members: Vec<String> = t.members.iter().map(|m| names.submission(m)).collect();
                        let target_name = names.target(&t.target, lang);
                        let settled = t.resolution.is_some();
                        let mut words = match lang {
                            Lang::Vi => format!(
                                "Đồng hạng {} tranh {target_name}: {} suất, {} dự án ({})",
                                t.rank,
                                t.slots,
                                t.members.len(),
                                members.join("; ")
                            ),
                            Lang::En => format!(
                                "Tied at rank {} for {target_name}: {} slot(s), {} projects ({})",
                                t.rank,
                                t.slots,
                                t.members.len(),
                                members.join("; ")
                            ),
                        };
                        match (t.decision.and_then(|i| session.decisions.get(i)), &t.resolution) {
                            (Some(d), Some(res)) => words.push_str(&format!(
                                " — {}: {} ({}, {}; {}: {})",
                                lang.t("quyết định", "decision"),
                                text::resolution(res, &names, lang),
                                d.by,
                                text::timestamp(d.at, lang),
                                lang.t("lý do", "reason"),
                                d.reason
                            )),
                            _ => words.push_str(lang.t(
                                " — CHỜ QUYẾT ĐỊNH CỦA HỘI ĐỒNG",
                                " — AWAITING THE COUNCIL'S DECISION",
                            )),
                        }
                        TieReport {
                            target: t.target.clone(),
                            target_name,
                            rank: t.rank,
                            slots: t.slots,
                            members: t.members.clone(),
                            settled,
                            resolution: t.resolution.clone(),
                            text: words,
                        }
                    })
                    .collect(),
                vacant: scope
                    .vacant
                    .iter()
                    .map(|v| VacantReport {
                        tier: v.tier.clone(),
                        tier_name: names.tier(&v.tier),
                        slots: v.slots,
                    })
                    .collect(),
            })
            .collect();
        ResultsReport {
            format: REPORT_FORMAT,
            version: REPORT_VERSION,
            generator: text::made_with_name(),
            lang,
            contest_id: contest.id.clone(),
            contest_name: contest.name.clone(),
            round: result.round.clone(),
            round_name: names.round(&result.round),
            decimals,
            provisional: result.provisional,
            maximum_total: result.maximum_total,
            rules: {
                let mut rules = text::rules(contest, lang);
                if let Some(round) = contest.round(&result.round) {
                    rules.extend(text::round_rules(round, lang));
                }
                rules
            },
            judges: contest
                .round(&result.round)
                .map(|round| {
                    round
                        .judges
                        .iter()
                        .map(|j| {
                            let (own, paper_keys) = signing_keys(session, &result.round, j);
                            JudgeName {
                                judge: j.clone(),
                                name: names.judge(j),
                                key: contest
                                    .judge(j)
                                    .and_then(|x| x.key.clone())
                                    .or_else(|| own.last().cloned()),
                                paper_keys,
                            }
                        })
                        .collect()
                })
                .unwrap_or_default(),
            scopes,
            seal: {
                let state = super::seal::seal_state(session);
                crate::text::seal_state_line(&state, lang).map(|words| SealReport {
                    valid: !state.is_broken(),
                    digest: match &state {
                        super::seal::SealState::Intact(seal) => Some(seal.digest.clone()),
                        _ => None,
                    },
                    words,
                })
            },
            stale_decisions: result
                .unused_decisions
                .iter()
                .filter_map(|&i| session.decisions.get(i))
                .map(|d| {
                    format!(
                        "{} ({}, {}): {}",
                        lang.t(
                            "Quyết định không còn khớp với kết quả hiện tại",
                            "Decision no longer matches the current results"
                        ),
                        d.by,
                        d.reason,
                        d.members.join(", ")
                    )
                })
                .collect(),
        }
    }

    fn score_text(&self, p: Option<Points>) -> String {
        p.map(|p| text::score(p, self.decimals, self.lang))
            .unwrap_or_else(|| "—".into())
    }

    /// A table readable in a terminal: one block per submission, every flag in words. People's text
    /// in it (names, titles, flags that quote them) has its control characters written out
    /// ([`text::shown`]): a title cannot drive the terminal, break its row or shift its columns.
    pub fn to_table(&self) -> String {
        let lang = self.lang;
        let shown = |s: &str| text::shown(s).into_owned();
        let mut out = String::new();
        out.push_str(&format!("{}\n", shown(&self.contest_name)));
        out.push_str(&format!(
            "{}: {} · {} {}\n",
            lang.t("Vòng", "Round"),
            shown(&self.round_name),
            lang.t("điểm tối đa", "maximum total"),
            text::points(self.maximum_total, lang)
        ));
        if self.provisional {
            out.push_str(&format!("*** {} ***\n", text::provisional_mark(lang)));
        }
        for rule in &self.rules {
            out.push_str(&format!("  {}\n", shown(rule)));
        }
        for scope in &self.scopes {
            out.push('\n');
            if let Some(name) = &scope.category_name {
                out.push_str(&format!(
                    "== {}: {} ==\n",
                    lang.t("Bảng", "Category"),
                    shown(name)
                ));
            }
            let head = [
                lang.t("Hạng", "Rank"),
                lang.t("Mã", "Id"),
                lang.t("Dự án", "Project"),
                lang.t("Điểm", "Score"),
                lang.t("Phiếu", "Sheets"),
                lang.t("Giải", "Award"),
            ];
            let rows: Vec<[String; 6]> = scope
                .rows
                .iter()
                .map(|r| {
                    [
                        r.rank
                            .map_or_else(|| lang.t("KĐĐK", "n/e").to_string(), |k| k.to_string()),
                        shown(&r.submission),
                        truncate(&shown(&r.title), 44),
                        self.score_text(r.score),
                        r.sheets_counted.to_string(),
                        match (&r.award_name, r.advanced) {
                            (Some(a), _) => shown(a),
                            (None, Some(true)) => lang.t("vào vòng sau", "advances").into(),
                            _ => String::new(),
                        },
                    ]
                })
                .collect();
            let widths: Vec<usize> = (0..6)
                .map(|c| {
                    rows.iter()
                        .map(|r| width(&r[c]))
                        .chain([width(head[c])])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| {
                let mut s = String::new();
                for (c, cell) in cells.iter().enumerate() {
                    let pad = widths[c] - width(cell);
                    if c == 3 || c == 4 {
                        s.push_str(&" ".repeat(pad));
                        s.push_str(cell);
                    } else {
                        s.push_str(cell);
                        s.push_str(&" ".repeat(pad));
                    }
                    s.push_str("  ");
                }
                s.trim_end().to_string() + "\n"
            };
            out.push_str(&line(&head.map(String::from)));
            out.push_str(&format!("{}\n", "-".repeat(widths.iter().sum::<usize>() + 10)));
            for (r, cells) in scope.rows.iter().zip(&rows) {
                out.push_str(&line(cells));
                let judges: Vec<String> = r
                    .judges
                    .iter()
                    .map(|j| {
                        format!(
                            "{} {} ({})",
                            shown(&j.name),
                            self.score_text(j.total),
                            j.status_text
                        )
                    })
                    .collect();
                out.push_str(&format!(
                    "      {}: {}\n",
                    lang.t("Giám khảo", "Judges"),
                    judges.join(" · ")
                ));
                let means: Vec<String> = r
                    .criterion_means
                    .iter()
                    .map(|m| format!("{} {}", shown(&m.name), self.score_text(m.mean)))
                    .collect();
                out.push_str(&format!(
                    "      {}: {}\n",
                    lang.t("TB tiêu chí", "Criterion means"),
                    means.join(" · ")
                ));
                for f in &r.flags_text {
                    out.push_str(&format!("      ! {}\n", shown(f)));
                }
            }
            for t in &scope.ties {
                out.push_str(&format!("\n{}\n", shown(&t.text)));
            }
            for v in &scope.vacant {
                out.push_str(&format!(
                    "{}: {} ({} {})\n",
                    lang.t("Để trống", "Vacant"),
                    shown(&v.tier_name),
                    v.slots,
                    lang.t("suất", "slot(s)")
                ));
            }
        }
        for s in &self.stale_decisions {
            out.push_str(&format!("\n! {}\n", shown(s)));
        }
        out
    }

    /// The awarded rows for the award list: tier by tier in the contest's order, each tier's rows in
    /// category then rank order.
    pub fn awarded<'a>(
        &'a self,
        tiers: &'a [crate::model::Tier],
    ) -> impl Iterator<Item = &'a RowReport> + 'a {
        tiers.iter().flat_map(move |tier| {
            self.scopes
                .iter()
                .flat_map(|scope| scope.rows.iter())
                .filter(move |r| r.award.as_deref() == Some(tier.id.as_str()))
        })
    }

    /// Ties still waiting for the council, in words: their projects are not awarded yet, and the
    /// award list must say so rather than leave them out silently.
    pub fn pending_ties(&self) -> impl Iterator<Item = &str> {
        self.scopes
            .iter()
            .flat_map(|s| &s.ties)
            .filter(|t| !t.settled)
            .map(|t| t.text.as_str())
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
