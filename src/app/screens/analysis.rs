//! Phân tích / Analysis (organizers and auditors): the judge table with a box plot of each judge's
//! totals and a heat map of each judge's deviation from the others, the agreement figures, the
//! awards under other methods, without each judge, and the margins at each award line — the words
//! of `text::analysis`, advisory only. Worked out once per change of the session (off the UI thread
//! for a large contest, with a progress line), then only drawn.

use std::sync::{Arc, Mutex};

use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Document};
use crate::analysis::{self, Analysis};
use crate::text::analysis::{self as words, Table};
use crate::text::{Lang, Names};

/// Above this many submissions the analysis is worked out on another thread.
const IN_FRAME_UP_TO: usize = 2_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Judges,
    Agreement,
    Methods,
    Absent,
    Margins,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Plot {
    #[default]
    Boxes,
    Heat,
}

/// (document generation, round id): what an analysis was made for.
type Key = (u64, String);

#[derive(Default)]
pub struct View {
    pub round: Option<String>,
    pub tab: Tab,
    pub plot: Plot,
    computed: Option<Computed>,
    /// An analysis being worked out on another thread.
    pending: Option<(Key, Arc<Mutex<Option<Analysis>>>)>,
}

struct Computed {
    key: Key,
    analysis: Analysis,
    words: Option<(Lang, Words)>,
}

/// Everything the screen prints, in one language, made once.
struct Words {
    judges: Table,
    headline: Option<String>,
    block: String,
    icc: Result<Table, String>,
    w: String,
    alpha: String,
    methods: Table,
    methods_legend: String,
    taus: String,
    absent_intro: String,
    absent: Table,
    movers: String,
    margins: Table,
    /// Each judge's five figures for the box plot (lowest, quartiles, highest), worked out once:
    /// sorting every judge's totals again at each frame took 6 ms at 100,000 submissions.
    spreads: Vec<Option<[f64; 5]>>,
}

impl Words {
    fn new(a: &Analysis, session: &crate::model::Session, names: &Names, lang: Lang) -> Words {
        Words {
            judges: {
                // With each judge's verdict in words as the last column.
                // With each judge's verdict in words beside the name.
                let mut t = words::judges_table(a, lang);
                t.headers.insert(1, lang.t("Nhận xét", "Verdict").into());
                t.notes.insert(1, Some(words::verdict_note(lang).into()));
                for (row, p) in t.rows.iter_mut().zip(&a.judges) {
                    row.insert(1, words::leaning(p, lang));
                }
                t
            },
            headline: words::agreement_headline(a, lang),
            block: words::block_sentence(a, names, lang),
            icc: words::icc_table(a, lang),
            w: words::w_line(a, lang),
            alpha: words::alpha_line(a, lang),
            methods: words::methods_table(a, names, lang),
            methods_legend: words::methods_legend(a, lang),
            taus: words::taus_line(a, lang),
            absent_intro: words::absent_intro(a, lang),
            absent: words::absent_table(a, names, usize::MAX, lang),
            movers: words::movers_line(a, names, lang),
            margins: words::margins_table(a, names, session.contest.decimals, lang),
            spreads: a.judges.iter().map(|p| five_figures(&p.totals)).collect(),
        }
    }
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    let actions = Vec::new();
    let Some(session) = doc.session() else {
        ui.label(T::ScoringAsOrganizer.get(lang));
        return actions;
    };
    let contest = &session.contest;
    let names = doc.names().unwrap_or_else(|| Names::of(session));
    super::heading(ui, words::title(lang));
    ui.label(RichText::new(words::advisory(lang)).color(ui.visuals().warn_fg_color));
    let Some(index) = view
        .round
        .as_deref()
        .and_then(|r| contest.round_index(r))
        .or_else(|| contest.rounds.len().checked_sub(1))
    else {
        ui.label(lang.t("Cuộc thi chưa có vòng nào.", "The contest has no round."));
        return actions;
    };
    let round_id = contest.rounds[index].id.clone();
    let mut chosen = None;
    ui.horizontal(|ui| {
        super::round_picker(ui, "analysis-round", contest, &round_id, &mut chosen, lang);
        ui.add_space(16.0);
        for (tab, vi, en) in [
            (Tab::Judges, "Giám khảo", "Judges"),
            (Tab::Agreement, "Đồng thuận", "Agreement"),
            (Tab::Methods, "Phương pháp khác", "Other methods"),
            (Tab::Absent, "Vắng giám khảo", "Absent judges"),
            (Tab::Margins, "Biên độ", "Margins"),
        ] {
            if ui.selectable_label(view.tab == tab, lang.t(vi, en)).clicked() {
                view.tab = tab;
            }
        }
    });
    if let Some(r) = chosen {
        view.round = Some(r);
    }
    let key: Key = (doc.generation, round_id);
    if !ensure(doc, session, index, &key, view, ui.ctx()) {
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(lang.t(
                "Đang phân tích (tính lại giải thưởng khi vắng từng giám khảo)…",
                "Analysing (the awards again without each judge)…",
            ));
        });
        return actions;
    }
    let Some(computed) = view.computed.as_mut() else {
        return actions;
    };
    if computed.words.as_ref().is_none_or(|(l, _)| *l != lang) {
        computed.words = Some((lang, Words::new(&computed.analysis, session, &names, lang)));
    }
    let (Some((_, w)), a) = (&computed.words, &computed.analysis) else {
        return actions;
    };
    ui.separator();
    match view.tab {
        Tab::Judges => judges(ui, a, w, &mut view.plot, &names, lang),
        Tab::Agreement => agreement(ui, w, lang),
        Tab::Methods => {
            table(ui, "analysis-methods", &w.methods, (&[170.0], 124.0), None, 110.0);
            ui.label(RichText::new(&w.methods_legend).small());
            ui.label(RichText::new(&w.taus).small());
        }
        Tab::Absent => {
            ui.label(&w.absent_intro);
            table(
                ui,
                "analysis-absent",
                &w.absent,
                (&[240.0], 110.0),
                Some(lang.t(
                    "Số hội đồng (bỏ một hoặc hai giám khảo) giữ nguyên kết quả của dự án",
                    "Panels (one or two judges left out) that keep the submission's result",
                )),
                70.0,
            );
            ui.label(&w.movers);
        }
        Tab::Margins => margins(ui, &w.margins, lang),
    }
    actions
}

impl View {
    /// Whether the analysis has been worked out (and nothing is being worked out).
    pub fn is_ready(&self) -> bool {
        self.computed.is_some() && self.pending.is_none()
    }

    /// The analysis worked out for this generation of the document and round, if it was.
    pub fn cached(&self, generation: u64, round: &str) -> Option<&Analysis> {
        self.computed
            .as_ref()
            .filter(|c| c.key.0 == generation && c.key.1 == round)
            .map(|c| &c.analysis)
    }
}

/// Makes sure `view.computed` holds the analysis for `key`; false while it is being worked out.
fn ensure(
    doc: &Document,
    session: &crate::model::Session,
    index: usize,
    key: &Key,
    view: &mut View,
    ctx: &egui::Context,
) -> bool {
    if view.computed.as_ref().is_some_and(|c| c.key == *key) {
        return true;
    }
    if let Some((pending_key, slot)) = &view.pending {
        if pending_key == key {
            let done = slot.lock().ok().and_then(|mut s| s.take());
            if let Some(analysis) = done {
                view.computed = Some(Computed {
                    key: key.clone(),
                    analysis,
                    words: None,
                });
                view.pending = None;
                return true;
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return false;
        }
        view.pending = None;
    }
    let official = &doc.results;
    if session.submissions.len() <= IN_FRAME_UP_TO || official.len() <= index {
        view.computed = Some(Computed {
            key: key.clone(),
            analysis: if official.len() > index {
                analysis::analyze_with(session, index, official, Default::default())
            } else {
                analysis::analyze(session, index, Default::default())
            },
            words: None,
        });
        return true;
    }
    let slot = Arc::new(Mutex::new(None));
    let (owned, results) = (session.clone(), official.clone());
    let (into, repaint) = (slot.clone(), ctx.clone());
    let started = std::thread::Builder::new()
        .name("analysis".into())
        .spawn(move || {
            let a = analysis::analyze_with(&owned, index, &results, Default::default());
            if let Ok(mut s) = into.lock() {
                *s = Some(a);
            }
            repaint.request_repaint();
        });
    if started.is_err() {
        // No thread to be had: worked out here, the window waits once.
        view.computed = Some(Computed {
            key: key.clone(),
            analysis: analysis::analyze_with(session, index, official, Default::default()),
            words: None,
        });
        return true;
    }
    view.pending = Some((key.clone(), slot));
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
    false
}

/// A table of words; `marked` cells in the warning colour. `hover`: what the third column means.
/// `leading`: the widths of the first columns, `middle` of the others but the last, which takes
/// what is left; `reserve`: the height kept below the table.
fn table(
    ui: &mut egui::Ui,
    salt: &str,
    t: &Table,
    (leading, middle): (&[f32], f32),
    hover: Option<&str>,
    reserve: f32,
) {
    let warn = ui.visuals().warn_fg_color;
    let height = ui.available_height() - reserve;
    egui::ScrollArea::horizontal().id_salt(salt).show(ui, |ui| {
        let mut builder = TableBuilder::new(ui)
            .id_salt(salt)
            .striped(true)
            .resizable(true)
            .max_scroll_height(height.max(72.0))
            .min_scrolled_height(height.clamp(72.0, 200.0))
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(leading.first().copied().unwrap_or(200.0)).clip(true));
        for &w in leading.iter().skip(1) {
            builder = builder.column(Column::initial(w).clip(true));
        }
        builder
            .columns(
                Column::initial(middle).at_least(40.0).clip(true),
                t.headers.len().saturating_sub(leading.len().max(1) + 1),
            )
            // The last column takes what is left of the window; a longer cell is cut, whole when
            // hovered.
            .column(Column::remainder().at_least(140.0).clip(true))
            .header(24.0, |mut header| {
                for (i, h) in t.headers.iter().enumerate() {
                    header.col(|ui| {
                        // Cut to the column; hovered, what the column means (or its whole name).
                        let note = t
                            .notes
                            .get(i)
                            .cloned()
                            .flatten()
                            .or_else(|| (i == 2).then(|| hover.map(String::from)).flatten());
                        let text = match note {
                            Some(note) => format!("{h}: {note}"),
                            None => h.clone(),
                        };
                        ui.add(
                            egui::Label::new(RichText::new(h).strong())
                                .truncate()
                                .show_tooltip_when_elided(false),
                        )
                        .on_hover_text(text);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, t.rows.len(), |mut row| {
                    let r = row.index();
                    for (c, cell) in t.rows[r].iter().enumerate() {
                        row.col(|ui| {
                            let marked = t.marked.contains(&(r, c));
                            let text = if marked {
                                RichText::new(cell).color(warn).strong()
                            } else {
                                RichText::new(cell)
                            };
                            ui.add(egui::Label::new(text).truncate().show_tooltip_when_elided(false))
                                .on_hover_text(cell);
                        });
                    }
                });
            });
    });
}

/// Each award line in a few wrapped lines: the two submissions, the gap, the smallest change.
fn margins(ui: &mut egui::Ui, t: &Table, lang: Lang) {
    ui.label(RichText::new(lang.t(
        "Ở mỗi ranh giới giải: hai dự án hai bên, điểm cách nhau, và thay đổi nhỏ nhất một điểm gốc (một giám khảo, một tiêu chí, theo bước điểm) để dự án dưới vượt lên.",
        "At each award line: the submissions on either side, the gap between their scores, and the smallest change to one raw score (one judge, one criterion, in its steps) after which the lower one ranks ahead.",
    )).small());
    egui::ScrollArea::vertical()
        .id_salt("analysis-margins")
        .show(ui, |ui| {
            for row in &t.rows {
                let [above, below, gap, change] = [0, 1, 2, 3].map(|i| row.get(i).map_or("", String::as_str));
                ui.add_space(6.0);
                ui.label(RichText::new(format!("{above}  ▸  {below}")).strong());
                ui.label(format!("{} {gap} · {change}", lang.t("Cách nhau", "Gap")));
            }
        });
}

fn agreement(ui: &mut egui::Ui, w: &Words, lang: Lang) {
    if let Some(headline) = &w.headline {
        ui.label(RichText::new(headline).strong());
    }
    ui.label(&w.block);
    ui.add_space(6.0);
    match &w.icc {
        Ok(t) => {
            let height = 24.0 * (t.rows.len() as f32 + 1.5);
            ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
                table(
                    ui,
                    "analysis-icc",
                    t,
                    (&[78.0, 64.0, 142.0, 52.0, 64.0, 72.0, 118.0], 80.0),
                    None,
                    0.0,
                );
            });
        }
        Err(line) => {
            ui.label(line);
        }
    }
    ui.add_space(6.0);
    ui.label(&w.w).on_hover_text(lang.t(
        "Các giám khảo có xếp các dự án theo cùng một thứ tự không: 0 là không liên quan, 1 là giống hệt.",
        "Do the judges put the submissions in the same order: 0 unrelated, 1 identical.",
    ));
    ui.label(&w.alpha).on_hover_text(lang.t(
        "Dùng mọi điểm được tính của vòng, kể cả khi thiếu ô (tự rút, xung đột). Từ 0,8: tin cậy; 0,667–0,8: chỉ kết luận dè dặt.",
        "Uses every counted total of the round, missing cells and all (recusals, conflicts). From 0.8 reliable; 0.667–0.8 tentative only.",
    ));
    ui.add_space(6.0);
    ui.label(RichText::new(lang.t(
        "Mức của ICC theo Koo & Li (2016): dưới 0,5 kém; 0,5–0,75 trung bình; 0,75–0,9 tốt; trên 0,9 rất tốt. Trỏ vào một ô để đọc trọn.",
        "ICC bands after Koo & Li (2016): below 0.5 poor; 0.5–0.75 moderate; 0.75–0.9 good; above 0.9 excellent. Hover a cell to read it whole.",
    )).small());
}

fn judges(ui: &mut egui::Ui, a: &Analysis, w: &Words, plot: &mut Plot, names: &Names, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(
            plot,
            Plot::Boxes,
            lang.t(
                "Biểu đồ hộp: điểm của từng giám khảo",
                "Box plot: each judge's totals",
            ),
        );
        ui.selectable_value(
            plot,
            Plot::Heat,
            lang.t(
                "Bản đồ nhiệt: lệch so với các giám khảo khác",
                "Heat map: deviation from the other judges",
            ),
        );
    });
    let rows = w.judges.rows.len() as f32;
    // The heat map needs room for a row per judge: the table gives some up.
    let share = if *plot == Plot::Heat { 0.25 } else { 0.45 };
    let available = ui.available_height();
    let height = (24.0 * (rows + 1.5)).min(available * share);
    // The table scrolls within its share; the rest is the plot's.
    table(
        ui,
        "analysis-judges",
        &w.judges,
        (&[190.0, 350.0], 70.0),
        None,
        (available - height).max(0.0),
    );
    ui.label(RichText::new(words::judges_legend(lang)).small());
    let height = ui.available_height().max(140.0);
    match plot {
        Plot::Boxes => boxes(ui, a, &w.spreads, height, lang),
        Plot::Heat => heat(ui, a, height, names, lang),
    }
}

/// A judge's five figures for a box: lowest, quartiles (interpolated between the totals around
/// them), highest; None without totals.
fn five_figures(totals: &[f64]) -> Option<[f64; 5]> {
    let mut t = totals.to_vec();
    if t.is_empty() {
        return None;
    }
    t.sort_by(f64::total_cmp);
    let q = |f: f64| {
        let x = f * (t.len() - 1) as f64;
        let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
        t[lo] + (t[hi] - t[lo]) * (x - lo as f64)
    };
    Some([t[0], q(0.25), q(0.5), q(0.75), t[t.len() - 1]])
}

/// One box per judge: quartiles of their counted totals, whiskers at the extremes (`spreads`, one
/// per judge, from [`five_figures`]).
fn boxes(ui: &mut egui::Ui, a: &Analysis, spreads: &[Option<[f64; 5]>], height: f32, lang: Lang) {
    use egui_plot::{BoxElem, BoxPlot, BoxSpread, Plot};
    let elems: Vec<BoxElem> = spreads
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let [lo, q1, m, q3, hi] = (*s)?;
            Some(BoxElem::new(i as f64, BoxSpread::new(lo, q1, m, q3, hi)).box_width(0.6))
        })
        .collect();
    let names: Vec<String> = a.judges.iter().map(|p| p.name.clone()).collect();
    let shown = Plot::new("analysis-boxes")
        .height(height)
        .allow_scroll(false)
        .y_axis_label(lang.t("Tổng điểm", "Total"))
        // Names are long: one only where there is room for it (hovering a box names its judge).
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .formatter(at_whole(names.clone()))
                .label_spacing(170.0..=190.0),
        ])
        .show(ui, |plot| {
            plot.box_plot(BoxPlot::new(lang.t("điểm", "points"), elems).allow_hover(false));
            plot.pointer_coordinate()
        });
    let hovered = shown.inner.and_then(|p| {
        let i = p.x.round();
        ((p.x - i).abs() <= 0.35 && i >= 0.0).then_some(i as usize)
    });
    if let Some(i) = hovered
        && let (Some(name), Some(Some([lo, q1, m, q3, hi]))) = (names.get(i), spreads.get(i))
    {
        let f = |x: f64| words::float(x, 2, lang);
        shown.response.on_hover_text(format!(
            "{name}\n{} {} · Q1 {} · {} {} · Q3 {} · {} {}",
            lang.t("thấp nhất", "lowest"),
            f(*lo),
            f(*q1),
            lang.t("trung vị", "median"),
            f(*m),
            f(*q3),
            lang.t("cao nhất", "highest"),
            f(*hi)
        ));
    }
}

/// Judges × the first submissions: each total's deviation from the other judges' mean, blue below
/// (harsher), red above (more lenient), grey where there is none.
fn heat(ui: &mut egui::Ui, a: &Analysis, height: f32, names: &Names, lang: Lang) {
    use egui_plot::{Heatmap, Plot};
    let h = &a.heat;
    let cols = h.submissions.len();
    if cols == 0 || h.judges.is_empty() {
        ui.label(lang.t("Chưa có điểm nào được tính.", "No counted totals yet."));
        return;
    }
    // Colours span most deviations: one far-off total (a chênh lệch) does not pale all the others.
    let mut sizes: Vec<f64> = h
        .deviations
        .iter()
        .filter(|d| d.is_finite())
        .map(|d| d.abs())
        .collect();
    sizes.sort_by(f64::total_cmp);
    let extent = sizes
        .get(sizes.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(1.0)
        .max(1.0);
    let dark = ui.visuals().dark_mode;
    let color = move |v: f64| -> Color32 {
        if !v.is_finite() {
            return if dark {
                Color32::from_gray(85)
            } else {
                Color32::from_gray(225)
            };
        }
        let t = (v / extent).clamp(-1.0, 1.0);
        let base = if dark { 30 } else { 255 };
        let fade = |c: u8| -> u8 { (f64::from(base) + (f64::from(c) - f64::from(base)) * t.abs()) as u8 };
        if t < 0.0 {
            Color32::from_rgb(fade(40), fade(90), fade(200))
        } else {
            Color32::from_rgb(fade(210), fade(50), fade(40))
        }
    };
    // The first judge at the top, as in the table (the heat map's first row is at the bottom).
    let rows = h.judges.len();
    let flip = |v: &[f64]| -> Vec<f64> { v.chunks(cols).rev().flatten().copied().collect() };
    // Numbers on the tiles only when there is room for them; hovering says it in any case.
    let labels = cols * rows <= 60;
    let map = Heatmap::new(flip(&h.deviations), cols)
        .custom_mapping(Box::new(color))
        .show_labels(labels)
        .formatter(Box::new(move |v| words::signed(v, 1, lang)));
    let judge_names: Vec<String> = h.judges.iter().rev().map(|j| names.judge(j)).collect();
    let subs = h.submissions.clone();
    let (jn, sn) = (judge_names.clone(), subs.clone());
    let (dev, tot) = (flip(&h.deviations), flip(&h.totals));
    let all = cols == a.methods.rows.len();
    let caption = match (lang, all) {
        (Lang::Vi, true) => format!("{cols} dự án theo thứ tự kết quả chính thức × {rows} giám khảo."),
        (Lang::Vi, false) => format!("{cols} dự án đầu theo kết quả chính thức × {rows} giám khảo."),
        (Lang::En, true) => format!("The {cols} submissions in the official order × {rows} judges."),
        (Lang::En, false) => format!("The first {cols} submissions of the official order × {rows} judges."),
    };
    let caption = format!(
        "{caption} {}",
        lang.t(
            "Đỏ: cao hơn trung bình các giám khảo khác; xanh: thấp hơn; xám: không có điểm được tính (xung đột lợi ích, tự rút, thiếu hoặc bị loại vì chênh lệch).",
            "Red: above the other judges' mean; blue: below; grey: no counted total (conflict of interest, recusal, missing, or excluded for divergence).",
        )
    );
    ui.label(RichText::new(caption).small());
    let shown = Plot::new("analysis-heat")
        .height(height - 20.0)
        .allow_scroll(false)
        .show_grid(false)
        // A mark at the middle of each tile (every few when there are many), labelled with its
        // submission or judge.
        .x_grid_spacer(tile_marks(44.0))
        .y_grid_spacer(tile_marks(16.0))
        // Labels closer together than egui_plot's defaults allow: one per judge's row.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .formatter(at_tile(sn))
                .label_spacing(36.0..=44.0),
        ])
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .formatter(at_tile(jn))
                .label_spacing(12.0..=16.0),
        ])
        .show(ui, |plot| {
            plot.add(map);
            plot.pointer_coordinate()
        });
    // Hovering a tile says whose total it is, and how far from the others.
    let explain = |position: egui_plot::PlotPoint| -> Option<String> {
        let (x, y) = (position.x.floor(), position.y.floor());
        if x < 0.0 || y < 0.0 || x as usize >= cols || y as usize >= judge_names.len() {
            return None;
        }
        let (s, j) = (x as usize, y as usize);
        let (d, t) = (dev[j * cols + s], tot[j * cols + s]);
        let who = format!("{} — {}", judge_names[j], subs[s]);
        let total = words::float(t, 2, lang);
        let d = words::signed(d, 2, lang);
        Some(if !t.is_finite() {
            format!("{who}\n{}", lang.t("không có điểm được tính", "no counted total"))
        } else if d.is_empty() {
            format!("{who}\n{} {total}", lang.t("tổng", "total"))
        } else {
            match lang {
                Lang::Vi => format!("{who}\ntổng {total}, {d} so với trung bình các giám khảo khác"),
                Lang::En => format!("{who}\ntotal {total}, {d} against the other judges' mean"),
            }
        })
    };
    if let Some(text) = shown.inner.and_then(explain) {
        shown.response.on_hover_text(text);
    }
}

/// Marks at the middle of tiles 0, 1, 2…, every 2nd, 5th… when a tile is narrower than `points`.
fn tile_marks(points: f64) -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    move |input| tile_marks_every(&input, points)
}

fn tile_marks_every(input: &egui_plot::GridInput, points: f64) -> Vec<egui_plot::GridMark> {
    // `base_step_size` is the plot's units in 8 points (egui_plot's least grid spacing).
    let every = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|&e| e >= input.base_step_size * points / 8.0)
        .unwrap_or(100.0);
    let (from, to) = (input.bounds.0.max(0.0).floor(), input.bounds.1.max(0.0).ceil());
    let mut marks = Vec::new();
    let mut i = (from / every).floor() * every;
    while i <= to {
        marks.push(egui_plot::GridMark {
            value: i + 0.5,
            step_size: every,
        });
        i += every;
    }
    marks
}

/// An axis labelled with `labels[i]` at the middle of tile i.
fn at_tile(labels: Vec<String>) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        let i = (mark.value - 0.5).round();
        if (mark.value - 0.5 - i).abs() < 1e-9 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// An axis labelled with `labels[i]` at each whole value i (a judge, a submission), nothing between.
fn at_whole(labels: Vec<String>) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-9 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::five_figures;

    #[test]
    fn five_figures_are_the_extremes_and_interpolated_quartiles_whatever_the_order() {
        assert_eq!(five_figures(&[]), None);
        assert_eq!(five_figures(&[7.0]), Some([7.0; 5]));
        // 1..=5 in any order: quartiles fall on totals.
        assert_eq!(
            five_figures(&[5.0, 1.0, 4.0, 2.0, 3.0]),
            Some([1.0, 2.0, 3.0, 4.0, 5.0])
        );
        // Four totals: the quartiles lie between them (at 0.75, 1.5 and 2.25 of the way).
        assert_eq!(
            five_figures(&[40.0, 10.0, 30.0, 20.0]),
            Some([10.0, 17.5, 25.0, 32.5, 40.0])
        );
    }
}
