//! The words of the analysis (`crate::analysis`), in Vietnamese and English: a judge's leaning read
//! aloud ("chấm chặt hơn hội đồng trung bình 6,2 điểm"), the plain-language bands of the agreement
//! figures, why a figure is missing, method and outcome names, and the whole analysis as the text
//! report `giamkhao analyze` prints. Always marked advisory.

use crate::analysis::agreement::{self, Band};
use crate::analysis::judges::{JudgeProfile, Leaning};
use crate::analysis::sensitivity::{Ahead, GridMethod, NoChange};
use crate::analysis::stats::{IccForm, round_f64_text};
use crate::analysis::{Analysis, Figure, MIN_SHARED, Outcome, Unavailable};
use crate::model::{Method, Points, Session};

use super::{Lang, Names};

/// Said on every screen and export of the analysis.
pub fn advisory(lang: Lang) -> &'static str {
    lang.t(
        "Tham khảo — không thay đổi kết quả chính thức.",
        "Advisory — it does not change the official results.",
    )
}

pub fn title(lang: Lang) -> &'static str {
    lang.t("Phân tích hội đồng chấm", "Analysis of the judging panel")
}

/// A figure rounded half away from zero, with the language's decimal separator.
pub fn figure(f: &Figure, decimals: u32, lang: Lang) -> String {
    localize(f.rounded(decimals), lang)
}

/// A floating-point figure, the same way.
pub fn float(x: f64, decimals: u32, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    localize(round_f64_text(x, decimals), lang)
}

/// A difference with its sign, the language's way: "+3,2" / "−1,5"; empty for no value.
pub fn signed(x: f64, decimals: u32, lang: Lang) -> String {
    if !x.is_finite() {
        String::new()
    } else if x > 0.0 {
        format!("+{}", float(x, decimals, lang))
    } else {
        float(x, decimals, lang)
    }
}

fn localize(text: String, lang: Lang) -> String {
    let text = text.replace('-', "−");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

fn opt(f: Option<&Figure>, decimals: u32, lang: Lang) -> String {
    f.map_or_else(|| "—".into(), |f| figure(f, decimals, lang))
}

/// A p-value: "< 0,0001" below what four decimals show.
pub fn p_value(p: f64, lang: Lang) -> String {
    if p < 0.0001 {
        format!("< {}", float(0.0001, 4, lang))
    } else {
        float(p, 4, lang)
    }
}

/// "p = 0,0429" or "p < 0,0001".
pub fn p_equals(p: f64, lang: Lang) -> String {
    let value = p_value(p, lang);
    if value.starts_with('<') {
        format!("p {value}")
    } else {
        format!("p = {value}")
    }
}

pub fn unavailable(why: Unavailable, lang: Lang) -> &'static str {
    match why {
        Unavailable::TooFewJudges => lang.t(
            "không tính được: cần ít nhất hai giám khảo chấm cùng dự án",
            "cannot be computed: it needs at least two judges scoring the same submissions",
        ),
        Unavailable::TooFewSubmissions => lang.t(
            "không tính được: cần ít nhất hai dự án cùng được các giám khảo ấy chấm",
            "cannot be computed: it needs at least two submissions scored by the same judges",
        ),
        Unavailable::NoVariance => lang.t(
            "không tính được: mọi điểm bằng nhau, không có chênh lệch nào để so",
            "cannot be computed: every total is the same, there is no spread to compare",
        ),
        Unavailable::NotEnoughData => lang.t("chưa đủ dữ liệu để đánh giá", "not enough data to judge"),
    }
}

pub fn band(b: Band, lang: Lang) -> &'static str {
    match b {
        Band::Poor => lang.t("kém", "poor"),
        Band::Moderate => lang.t("trung bình", "moderate"),
        Band::Good => lang.t("tốt", "good"),
        Band::Excellent => lang.t("rất tốt", "excellent"),
    }
}

/// A judge's leaning in a sentence: "chấm chặt hơn hội đồng trung bình 6,2 điểm".
pub fn leaning(p: &JudgeProfile, lang: Lang) -> String {
    let by = p
        .severity
        .as_ref()
        .map(|s| figure(&Figure::Float(s.to_f64().abs()), 1, lang))
        .unwrap_or_default();
    match p.leaning {
        Leaning::Harsher => match lang {
            Lang::Vi => format!("chấm chặt hơn hội đồng trung bình {by} điểm"),
            Lang::En => format!("{by} points harsher than the panel on average"),
        },
        Leaning::MoreLenient => match lang {
            Lang::Vi => format!("chấm rộng tay hơn hội đồng trung bình {by} điểm"),
            Lang::En => format!("{by} points more lenient than the panel on average"),
        },
        Leaning::InLine => {
            let by = p
                .severity
                .as_ref()
                .map(|s| signed(s.to_f64(), 1, lang))
                .unwrap_or_default();
            match lang {
                Lang::Vi => format!("không lệch rõ so với hội đồng ({by} điểm, trong phạm vi sai số)"),
                Lang::En => format!("no clear lean ({by} points, within the margin of error)"),
            }
        }
        Leaning::NotEnoughData => match lang {
            Lang::Vi => format!("chưa đủ dữ liệu để đánh giá (dưới {MIN_SHARED} dự án chấm chung)"),
            Lang::En => format!("not enough data to judge (fewer than {MIN_SHARED} shared submissions)"),
        },
    }
}

pub fn method(m: GridMethod, lang: Lang) -> String {
    match m {
        GridMethod::Rules(Method::Mean) => lang.t("Trung bình", "Mean").into(),
        GridMethod::Rules(Method::TrimmedMean { drop, from }) => match lang {
            Lang::Vi => format!("TB bỏ {drop} cao {drop} thấp (từ {from})"),
            Lang::En => format!("Trimmed {drop}/{from}"),
        },
        GridMethod::Rules(Method::Median) => lang.t("Trung vị", "Median").into(),
        GridMethod::Rules(Method::ZScore) => lang.t("Điểm chuẩn hóa (z)", "Z-score").into(),
        GridMethod::RankSum => lang.t("Tổng thứ hạng", "Rank sum").into(),
    }
}

/// What a method does, in a sentence.
pub fn method_note(m: GridMethod, lang: Lang) -> &'static str {
    match m {
        GridMethod::Rules(Method::Mean) => lang.t("Trung bình các tổng điểm được tính", "The mean of the counted totals"),
        GridMethod::Rules(Method::TrimmedMean { .. }) => lang.t(
            "Bỏ tổng điểm cao nhất và thấp nhất (khi đủ số giám khảo) rồi lấy trung bình",
            "The highest and lowest totals dropped (with enough judges), the rest averaged",
        ),
        GridMethod::Rules(Method::Median) => lang.t("Tổng điểm ở giữa", "The middle total"),
        GridMethod::Rules(Method::ZScore) => lang.t(
            "Điểm mỗi giám khảo quy về cùng thang (trừ trung bình, chia độ lệch chuẩn của chính giám khảo đó), bù cho giám khảo chặt hay rộng tay",
            "Each judge's totals put on one scale (less the judge's own mean, over the judge's own deviation), evening out harsh and lenient judges",
        ),
        GridMethod::RankSum => lang.t(
            "Mỗi giám khảo xếp hạng các dự án mình chấm; cộng thứ hạng, tổng nhỏ nhất đứng đầu (ngoài quy chế, để tham khảo)",
            "Each judge ranks the submissions they scored; ranks summed, the lowest first (outside the rules, for reference)",
        ),
    }
}

pub fn outcome(o: &Outcome, names: &Names, lang: Lang) -> String {
    match o {
        Outcome::Award(t) => names.tier(t),
        Outcome::Advances => lang.t("vào vòng sau", "advances").into(),
        Outcome::Tied => lang
            .t("đồng hạng, chờ quyết định", "tied, awaiting a decision")
            .into(),
        Outcome::Nothing => lang.t("không giải", "no award").into(),
    }
}

pub fn icc_meaning(form: IccForm, lang: Lang) -> &'static str {
    match form {
        IccForm::Single1 => lang.t(
            "một giám khảo, giám khảo khác nhau cho mỗi dự án",
            "one judge, different judges for each submission",
        ),
        IccForm::Single2 => lang.t(
            "một giám khảo, đồng thuận tuyệt đối (giám khảo là mẫu ngẫu nhiên)",
            "one judge, absolute agreement (judges a random sample)",
        ),
        IccForm::Single3 => lang.t(
            "một giám khảo, nhất quán thứ tự (chính các giám khảo này)",
            "one judge, consistency (these judges only)",
        ),
        IccForm::Average1 => lang.t(
            "điểm trung bình của k giám khảo, giám khảo khác nhau cho mỗi dự án",
            "the mean of k judges, different judges for each submission",
        ),
        IccForm::Average2 => lang.t(
            "điểm trung bình của k giám khảo, đồng thuận tuyệt đối",
            "the mean of k judges, absolute agreement",
        ),
        IccForm::Average3 => lang.t(
            "điểm trung bình của k giám khảo, nhất quán thứ tự",
            "the mean of k judges, consistency",
        ),
    }
}

/// Lays out rows under headers, each column as wide as its widest cell.
fn table(headers: &[String], rows: &[Vec<String>]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.extend(std::iter::repeat_n(' ', w - width(cell)));
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(headers);
    out.push_str(&line(&widths.iter().map(|&w| "─".repeat(w)).collect::<Vec<_>>()));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn score(p: Option<Points>, decimals: u8, lang: Lang) -> String {
    p.map_or_else(|| "—".into(), |p| super::score(p, decimals, lang))
}

/// A table of the analysis in words: headers, rows of cells, and which cells differ from the
/// official result (to be marked).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// (row, column) of cells that differ from the official result.
    pub marked: Vec<(usize, usize)>,
    /// What a column means, by column (shown when its header is hovered).
    pub notes: Vec<Option<String>>,
}

/// What the verdict says and when, for the header of a verdict column.
pub fn verdict_note(lang: Lang) -> &'static str {
    lang.t(
        "«Chặt hơn» / «rộng tay hơn» khi độ lệch cách 0 quá 2 sai số chuẩn; nếu không: không lệch rõ. Dưới 5 dự án chấm chung: chưa đủ dữ liệu.",
        "«Harsher» / «more lenient» when the severity is more than 2 standard errors from 0; otherwise no clear lean. Fewer than 5 shared submissions: not enough data.",
    )
}

/// Section 1: one row per judge.
pub fn judges_table(a: &Analysis, lang: Lang) -> Table {
    let headers = strings(&[
        lang.t("Giám khảo", "Judge"),
        lang.t("Chấm", "Scored"),
        lang.t("Tính", "Counted"),
        lang.t("TB", "Mean"),
        lang.t("ĐLC", "SD"),
        lang.t("Độ lệch", "Severity"),
        lang.t("SSC", "SE"),
        lang.t("Chung", "Shared"),
        lang.t("Tỉ lệ phân tán", "Spread ratio"),
        "Pearson",
        "Spearman",
        lang.t("Chênh lệch", "Divergent"),
        lang.t("Xung đột", "Conflicts"),
        lang.t("Tự rút", "Recusals"),
    ]);
    let notes = [
        None,
        Some(lang.t("Phiếu đủ điểm mọi tiêu chí, không xung đột lợi ích", "Sheets with every criterion scored, no conflict of interest")),
        Some(lang.t("Phiếu được tính sau bước chênh lệch", "Sheets that count after the chênh lệch (divergence) step")),
        Some(lang.t("Trung bình các tổng điểm được tính của giám khảo", "Mean of the judge's counted totals")),
        Some(lang.t("Độ lệch chuẩn (mẫu) các tổng điểm được tính: giám khảo phân biệt các dự án rộng hay hẹp", "Sample standard deviation of the counted totals: how widely the judge spreads the submissions")),
        Some(lang.t("Trung bình của (điểm giám khảo − trung bình các giám khảo khác trên cùng dự án); âm: chấm chặt hơn", "Mean of (the judge's total − the other judges' mean on the same submission); negative: harsher")),
        Some(lang.t("Sai số chuẩn của độ lệch: độ lệch chuẩn của các hiệu chia √(số dự án chung)", "Standard error of the severity: the differences' standard deviation over √(shared submissions)")),
        Some(lang.t("Số dự án giám khảo chấm cùng ít nhất một giám khảo khác (được tính)", "Submissions the judge scored with at least one other counting judge")),
        Some(lang.t("Độ phân tán của giám khảo chia độ phân tán của trung bình các giám khảo khác, trên dự án chung; trên 1: tách các dự án xa nhau hơn", "The judge's spread over the spread of the others' means, on shared submissions; above 1: sets submissions further apart")),
        Some(lang.t("Tương quan Pearson giữa điểm giám khảo và trung bình các giám khảo khác (1: cùng chiều hoàn toàn)", "Pearson correlation of the judge's totals with the others' mean (1: in perfect step)")),
        Some(lang.t("Tương quan thứ hạng Spearman: giám khảo có xếp các dự án theo cùng thứ tự với các giám khảo khác không", "Spearman rank correlation: does the judge put the submissions in the others' order")),
        Some(lang.t("Phiếu bị cờ chênh lệch / bị loại vì chênh lệch", "Sheets flagged / excluded for chênh lệch (divergence)")),
        Some(lang.t("Xung đột lợi ích (cùng đơn vị, ban tổ chức liệt kê, tự khai)", "Conflicts of interest (same organization, listed, declared)")),
        Some(lang.t("Số lần giám khảo tự rút khỏi chấm một dự án", "Times the judge recused from a submission")),
    ]
    .into_iter()
    .map(|n| n.map(String::from))
    .collect();
    let rows = a
        .judges
        .iter()
        .map(|p| {
            let judged = p.leaning != Leaning::NotEnoughData;
            vec![
                p.name.clone(),
                p.scored.to_string(),
                p.counted.to_string(),
                opt(p.mean.as_ref(), 2, lang),
                opt(p.sd.as_ref(), 2, lang),
                if judged {
                    opt(p.severity.as_ref(), 2, lang)
                } else {
                    "—".into()
                },
                if judged {
                    opt(p.standard_error.as_ref(), 2, lang)
                } else {
                    "—".into()
                },
                p.shared.to_string(),
                opt(p.spread_ratio.as_ref(), 2, lang),
                opt(p.pearson.as_ref(), 2, lang),
                opt(p.spearman.as_ref(), 2, lang),
                format!("{}/{}", p.divergent_flagged, p.divergent_excluded),
                p.conflicts.to_string(),
                p.recusals.to_string(),
            ]
        })
        .collect();
    Table {
        headers,
        rows,
        marked: Vec::new(),
        notes,
    }
}

/// What the judges table's columns mean.
pub fn judges_legend(lang: Lang) -> &'static str {
    lang.t(
        "Độ lệch: điểm của giám khảo trừ trung bình của các giám khảo khác trên cùng dự án (âm: chấm chặt hơn). SSC: sai số chuẩn. Chênh lệch: bị cờ/bị loại.",
        "Severity: the judge's total minus the other judges' mean on the same submissions (negative: harsher). SE: its standard error. Divergent: flagged/excluded.",
    )
}

/// Which block the complete-data figures are taken on, in a sentence.
pub fn block_sentence(a: &Analysis, names: &Names, lang: Lang) -> String {
    match &a.agreement.block {
        Some(b) => {
            let judges: Vec<String> = b.judges.iter().map(|j| names.judge(j)).collect();
            match lang {
                Lang::Vi => format!(
                    "ICC và W tính trên khối đầy đủ: {} dự án × {} giám khảo ({}), nơi mọi giám khảo đều có điểm được tính; {} điểm của vòng nằm ngoài khối.",
                    b.submissions.len(),
                    b.judges.len(),
                    judges.join(", "),
                    b.left_out
                ),
                Lang::En => format!(
                    "ICC and W are taken on the complete block: {} submissions × {} judges ({}), where every judge's total counts; {} totals of the round are outside it.",
                    b.submissions.len(),
                    b.judges.len(),
                    judges.join(", "),
                    b.left_out
                ),
            }
        }
        None => lang
            .t(
                "Không có khối đầy đủ (ít nhất 2 dự án × 2 giám khảo cùng có điểm).",
                "No complete block (at least 2 submissions × 2 judges all with counted totals).",
            )
            .into(),
    }
}

/// The six intraclass correlations, or why there are none.
pub fn icc_table(a: &Analysis, lang: Lang) -> Result<Table, String> {
    let iccs = a
        .agreement
        .icc
        .as_ref()
        .map_err(|why| format!("ICC: {}", unavailable(*why, lang)))?;
    let headers = strings(&[
        "ICC",
        lang.t("Giá trị", "Value"),
        lang.t("KTC 95%", "95% CI"),
        "F",
        "df",
        "p",
        lang.t("Mức (Koo & Li 2016)", "Band (Koo & Li 2016)"),
        lang.t("Nghĩa là", "Meaning"),
    ]);
    let rows = iccs
        .iter()
        .map(|i| {
            vec![
                i.form.label().to_string(),
                figure(&i.value, 4, lang),
                format!("[{}; {}]", float(i.lower, 4, lang), float(i.upper, 4, lang)),
                float(i.f, 2, lang),
                format!("{}, {}", float(i.df1, 0, lang), float(i.df2, 0, lang)),
                p_value(i.p, lang),
                band(agreement::icc_band(i.value.to_f64()), lang).to_string(),
                icc_meaning(i.form, lang).to_string(),
            ]
        })
        .collect();
    Ok(Table {
        headers,
        rows,
        ..Table::default()
    })
}

/// The agreement in one sentence a secretary can read out: how far the panel's mean can be trusted
/// (ICC(2,k), absolute agreement of the mean of the judges) and one judge alone (ICC(2,1)).
pub fn agreement_headline(a: &Analysis, lang: Lang) -> Option<String> {
    let iccs = a.agreement.icc.as_ref().ok()?;
    let find = |form| iccs.iter().find(|i| i.form == form);
    let (one, mean) = (find(IccForm::Single2)?, find(IccForm::Average2)?);
    let (b1, bk) = (
        band(agreement::icc_band(one.value.to_f64()), lang),
        band(agreement::icc_band(mean.value.to_f64()), lang),
    );
    let (v1, vk) = (figure(&one.value, 2, lang), figure(&mean.value, 2, lang));
    Some(match lang {
        Lang::Vi => format!(
            "Điểm trung bình của hội đồng có độ tin cậy {bk} (ICC(2,k) = {vk}); điểm của một giám khảo đơn lẻ: {b1} (ICC(2,1) = {v1})."
        ),
        Lang::En => format!(
            "The panel's mean score is {bk} in reliability (ICC(2,k) = {vk}); one judge alone: {b1} (ICC(2,1) = {v1})."
        ),
    })
}

/// Kendall's W in a line.
pub fn w_line(a: &Analysis, lang: Lang) -> String {
    match &a.agreement.kendall_w {
        Ok(w) => format!(
            "Kendall's W = {}{}, χ² = {}, {} = {}, {} — {}",
            figure(&w.w, 4, lang),
            if w.ties {
                lang.t(" (đã hiệu chỉnh đồng hạng)", " (corrected for ties)")
            } else {
                ""
            },
            float(w.chi_square, 2, lang),
            lang.t("bậc tự do", "df"),
            w.df,
            p_equals(w.p, lang),
            band(agreement::w_band(w.w.to_f64()), lang),
        ),
        Err(why) => format!("Kendall's W: {}", unavailable(*why, lang)),
    }
}

/// Krippendorff's alpha in a line.
pub fn alpha_line(a: &Analysis, lang: Lang) -> String {
    match &a.agreement.alpha {
        Ok(x) => match lang {
            Lang::Vi => format!(
                "Krippendorff's alpha (khoảng) = {} trên {} điểm của {} dự án (dùng được cả khi thiếu ô) — {}",
                figure(&x.alpha, 4, lang),
                x.values,
                x.units,
                band(agreement::alpha_band(x.alpha.to_f64()), lang)
            ),
            Lang::En => format!(
                "Krippendorff's alpha (interval) = {} over {} totals of {} submissions (copes with missing cells) — {}",
                figure(&x.alpha, 4, lang),
                x.values,
                x.units,
                band(agreement::alpha_band(x.alpha.to_f64()), lang)
            ),
        },
        Err(why) => format!("Krippendorff's alpha: {}", unavailable(*why, lang)),
    }
}

/// Section 3: the projects with an award (or advancing) under some method, by method; the cells
/// that differ from the official result marked.
pub fn methods_table(a: &Analysis, names: &Names, lang: Lang) -> Table {
    let grid = &a.methods;
    let mut headers = vec![lang.t("Dự án", "Submission").to_string()];
    headers.extend(grid.methods.iter().enumerate().map(|(i, m)| {
        let name = method(*m, lang);
        if i == grid.official {
            format!("{name} ({})", lang.t("chính thức", "official"))
        } else {
            name
        }
    }));
    let mut notes = vec![None];
    notes.extend(
        grid.methods
            .iter()
            .map(|m| Some(method_note(*m, lang).to_string())),
    );
    let mut table = Table {
        headers,
        notes,
        ..Table::default()
    };
    for r in grid
        .rows
        .iter()
        .filter(|r| r.official.is_something() || r.cells.iter().any(|c| c.differs))
    {
        let mut row = vec![names.submission(&r.submission)];
        for (c, cell) in r.cells.iter().enumerate() {
            if cell.differs {
                table.marked.push((table.rows.len(), c + 1));
            }
            row.push(format!(
                "{} {}{}",
                cell.rank.map_or_else(|| "—".into(), |r| format!("#{r}")),
                outcome(&cell.outcome, names, lang),
                if cell.differs { " *" } else { "" }
            ));
        }
        table.rows.push(row);
    }
    table
}

/// What the methods table shows, and how the rank sum was taken.
pub fn methods_legend(a: &Analysis, lang: Lang) -> String {
    let mut out = lang
        .t(
            "* khác kết quả chính thức. Chỉ liệt kê dự án có giải (hoặc đi tiếp) theo ít nhất một phương pháp.",
            "* differs from the official result. Only submissions with an award (or advancing) under some method are listed.",
        )
        .to_string();
    if a.methods.rank_sum_is_mean {
        out.push(' ');
        out.push_str(lang.t(
            "Các dự án có số giám khảo khác nhau: tổng thứ hạng được thay bằng thứ hạng trung bình.",
            "Submissions have different numbers of judges: the rank sum is replaced by the mean rank.",
        ));
    }
    out
}

/// Kendall's tau between every two methods' orders, in a line.
pub fn taus_line(a: &Analysis, lang: Lang) -> String {
    let grid = &a.methods;
    let taus: Vec<String> = grid
        .taus
        .iter()
        .map(|t| {
            format!(
                "{} ~ {}: {}",
                method(grid.methods[t.a], lang),
                method(grid.methods[t.b], lang),
                t.tau.map_or_else(|| "—".into(), |x| float(x, 3, lang))
            )
        })
        .collect();
    format!(
        "Kendall's tau {}: {}",
        lang.t("giữa các thứ tự", "between the orders"),
        taus.join("; ")
    )
}

/// How the absent-judge panels were made, in a sentence.
pub fn absent_intro(a: &Analysis, lang: Lang) -> String {
    let st = &a.absent;
    match (lang, st.pairs) {
        (Lang::Vi, false) => format!(
            "Tính lại đầy đủ theo quy chế, mỗi lần bỏ một giám khảo: {} hội đồng.",
            st.panels
        ),
        (Lang::Vi, true) => format!(
            "Tính lại đầy đủ theo quy chế, bỏ từng giám khảo rồi từng cặp giám khảo: {} hội đồng.",
            st.panels
        ),
        (Lang::En, false) => format!(
            "Recomputed with the full rules leaving out each judge in turn: {} panels.",
            st.panels
        ),
        (Lang::En, true) => format!(
            "Recomputed with the full rules leaving out each judge, then each pair: {} panels.",
            st.panels
        ),
    }
}

/// Section 4: each project with an award (then those some panel gives one), how many panels keep
/// its outcome and which absences change it (the first `shown`, then how many more).
pub fn absent_table(a: &Analysis, names: &Names, shown: usize, lang: Lang) -> Table {
    let headers = strings(&[
        lang.t("Dự án", "Submission"),
        lang.t("Chính thức", "Official"),
        lang.t("Giữ nguyên", "Kept"),
        lang.t("Thay đổi khi vắng", "Changes without"),
    ]);
    let mut table = Table {
        headers,
        ..Table::default()
    };
    for r in a.absent.rows.iter().chain(&a.absent.gained) {
        if r.kept < r.of {
            table.marked.push((table.rows.len(), 2));
        }
        let changes: Vec<String> = r
            .changed
            .iter()
            .take(shown)
            .map(|c| {
                let who: Vec<String> = c.absent.iter().map(|j| names.judge(j)).collect();
                format!("{} → {}", who.join(" + "), outcome(&c.outcome, names, lang))
            })
            .collect();
        let more = r.changed.len().saturating_sub(shown);
        let mut changes = changes.join("; ");
        if more > 0 {
            changes.push_str(&format!("; … (+{more})"));
        }
        table.rows.push(vec![
            names.submission(&r.submission),
            outcome(&r.official, names, lang),
            format!(
                "{}/{} ({}%)",
                r.kept,
                r.of,
                r.share
                    .as_ref()
                    .map_or_else(|| "—".into(), |s| float(s.to_f64() * 100.0, 0, lang))
            ),
            if changes.is_empty() { "—".into() } else { changes },
        ]);
    }
    table
}

/// The judges whose absence changes some outcome, in a line.
pub fn movers_line(a: &Analysis, names: &Names, lang: Lang) -> String {
    let movers: Vec<String> = a
        .absent
        .judges
        .iter()
        .filter(|j| j.changes > 0)
        .map(|j| format!("{} ({})", names.judge(&j.judge), j.changes))
        .collect();
    if movers.is_empty() {
        lang.t(
            "Vắng bất kỳ một giám khảo nào cũng không đổi giải nào.",
            "No single judge's absence changes any award.",
        )
        .into()
    } else {
        format!(
            "{}: {}",
            lang.t(
                "Giám khảo mà chỉ riêng sự vắng mặt của họ làm đổi kết quả (số dự án)",
                "Judges whose absence alone changes results (submissions)"
            ),
            movers.join(", ")
        )
    }
}

/// Section 5: each award line, its gap and the smallest single-score change that swaps it.
pub fn margins_table(a: &Analysis, names: &Names, decimals: u8, lang: Lang) -> Table {
    let headers = strings(&[
        lang.t("Trên", "Above"),
        lang.t("Dưới", "Below"),
        lang.t("Cách", "Gap"),
        lang.t(
            "Thay đổi một điểm nhỏ nhất để đổi chỗ",
            "Smallest single-score change that swaps them",
        ),
    ]);
    let rows =
        a.margins
            .iter()
            .map(|m| {
                let side = |s: &crate::analysis::sensitivity::Side| {
                    format!(
                        "{} ({}, {})",
                        names.submission(&s.submission),
                        outcome(&s.outcome, names, lang),
                        score(s.score, decimals, lang)
                    )
                };
                let change = match &m.change {
                Ok(c) => match lang {
                    Lang::Vi => format!(
                        "{} cho {} tiêu chí «{}»: {} → {}",
                        names.judge(&c.judge),
                        c.submission,
                        names.criterion(&c.criterion),
                        super::points(c.from, lang),
                        super::points(c.to, lang)
                    ),
                    Lang::En => format!(
                        "{} on {} «{}»: {} → {}",
                        names.judge(&c.judge),
                        c.submission,
                        names.criterion(&c.criterion),
                        super::points(c.from, lang),
                        super::points(c.to, lang)
                    ),
                },
                Err(NoChange::ZScore) => lang
                    .t(
                        "không tính với phương pháp z (một điểm đổi làm đổi chuẩn hóa của mọi giám khảo)",
                        "not computed for the z-score method (one score moves every judge's standardization)",
                    )
                    .into(),
                Err(NoChange::NoneSwaps) => lang
                    .t("không một điểm đơn lẻ nào đủ để đổi chỗ", "no single score can swap them")
                    .into(),
            };
                let change = match &m.ahead {
                    Some(Ahead::Criterion(c)) => match lang {
                        Lang::Vi => format!(
                            "bằng điểm, xếp trên nhờ tiêu chí «{}» · {change}",
                            names.criterion(c)
                        ),
                        Lang::En => format!("equal scores, ahead on «{}» · {change}", names.criterion(c)),
                    },
                    Some(Ahead::Council) => match lang {
                        Lang::Vi => format!("bằng điểm, thứ tự do hội đồng quyết định · {change}"),
                        Lang::En => format!("equal scores, in the order the council decided · {change}"),
                    },
                    None => change,
                };
                vec![
                    side(&m.above),
                    side(&m.below),
                    score(m.gap, decimals, lang),
                    change,
                ]
            })
            .collect();
    Table {
        headers,
        rows,
        ..Table::default()
    }
}

/// The five section headings, numbered.
pub fn section(n: usize, lang: Lang) -> &'static str {
    match n {
        1 => lang.t("Giám khảo", "Judges"),
        2 => lang.t("Mức đồng thuận của hội đồng", "Panel agreement"),
        3 => lang.t(
            "Nếu tính điểm theo phương pháp khác",
            "Under other scoring methods",
        ),
        4 => lang.t("Nếu vắng một giám khảo", "If a judge had been absent"),
        _ => lang.t("Biên độ ở mỗi ranh giới giải", "Margins at each award line"),
    }
}

/// The analysis as a text report.
pub fn report(session: &Session, a: &Analysis, lang: Lang) -> String {
    let names = Names::of(session);
    let decimals = session.contest.decimals;
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {}\n",
        title(lang).to_uppercase(),
        names.round(&a.round)
    ));
    out.push_str(advisory(lang));
    out.push_str("\n\n");
    out.push_str(&format!("1. {}\n", section(1, lang)));
    out.push_str(&text_table(&judges_table(a, lang)));
    out.push_str(judges_legend(lang));
    out.push('\n');
    for p in &a.judges {
        out.push_str(&format!("• {}: {}\n", p.name, leaning(p, lang)));
    }
    out.push_str(&format!("\n2. {}\n", section(2, lang)));
    out.push_str(&block_sentence(a, &names, lang));
    out.push('\n');
    if let Some(headline) = agreement_headline(a, lang) {
        out.push_str(&headline);
        out.push('\n');
    }
    match icc_table(a, lang) {
        Ok(t) => out.push_str(&text_table(&t)),
        Err(line) => out.push_str(&format!("{line}\n")),
    }
    out.push_str(&format!("{}\n{}\n", w_line(a, lang), alpha_line(a, lang)));
    out.push_str(&format!("\n3. {}\n", section(3, lang)));
    out.push_str(&text_table(&methods_table(a, &names, lang)));
    out.push_str(&format!("{}\n{}\n", methods_legend(a, lang), taus_line(a, lang)));
    out.push_str(&format!("\n4. {}\n{}\n", section(4, lang), absent_intro(a, lang)));
    out.push_str(&text_table(&absent_table(a, &names, 6, lang)));
    out.push_str(&format!("{}\n", movers_line(a, &names, lang)));
    out.push_str(&format!("\n5. {}\n", section(5, lang)));
    out.push_str(&text_table(&margins_table(a, &names, decimals, lang)));
    out
}

fn text_table(t: &Table) -> String {
    table(&t.headers, &t.rows)
}
