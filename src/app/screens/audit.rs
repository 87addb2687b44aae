//! The audit log, newest first, filterable by judge, submission, criterion, kind, who and how the
//! change came in (app, merge, import, paper sheet). Each entry is shown in words with names
//! (`text::audit`); hovering the target or the note shows them as stored. Read-only for everyone.

use egui_extras::{Column, TableBuilder};

use super::super::i18n::T;
use super::super::{Action, Doc, Document};
use crate::model::{AuditEntry, AuditKind, Session};
use crate::store::audit::{CHANNELS, Channel, channel};
use crate::text::{self, Lang, Names};

#[derive(Default)]
pub struct View {
    pub judge: Option<String>,
    pub submission: String,
    pub kind: Option<AuditKind>,
    pub criterion: Option<String>,
    pub who: String,
    pub channel: Option<Channel>,
}

const KINDS: [AuditKind; 10] = [
    AuditKind::Score,
    AuditKind::Comment,
    AuditKind::Recusal,
    AuditKind::Decision,
    AuditKind::Contest,
    AuditKind::Submission,
    AuditKind::Merge,
    AuditKind::Import,
    AuditKind::Seal,
    AuditKind::Unseal,
];

/// Whether an entry passes the filters. Targets name judges and submissions as "judge ID" and
/// "submission ID".
pub fn matches(e: &AuditEntry, view: &View) -> bool {
    view.kind.is_none_or(|k| e.kind == k)
        && view.judge.as_ref().is_none_or(|j| {
            e.target.contains(&format!("judge {j}")) || e.target.contains(&format!("judge:{j}"))
        })
        && (view.submission.trim().is_empty()
            || text::fold(&e.target).contains(&text::fold(view.submission.trim())))
        && view
            .criterion
            .as_ref()
            .is_none_or(|c| e.target.ends_with(&format!("criterion {c}")))
        && (view.who.trim().is_empty() || text::fold(&e.by).contains(&text::fold(view.who.trim())))
        && view.channel.is_none_or(|c| channel(e) == c)
}

pub fn show(doc: &Document, view: &mut View, lang: Lang, ui: &mut egui::Ui) -> Vec<Action> {
    // A packet has no session: its contest and submissions are enough to name everything in it.
    let packet_names;
    let (log, names): (&[AuditEntry], Names) = match &doc.doc {
        Doc::Session(s) => (&s.audit, doc.names().unwrap_or_else(|| Names::of(s))),
        Doc::Packet(p) => {
            packet_names = Session {
                submissions: p.submissions.clone(),
                ..Session::new(p.contest.clone())
            };
            (&p.audit, Names::of(&packet_names))
        }
    };
    let contest = doc.contest();
    // The filters wrap onto more lines in a narrow window (a laptop at 150 %) rather than run off it.
    ui.horizontal_wrapped(|ui| {
        super::heading(ui, T::NavAudit.get(lang));
        ui.add_space(12.0);
        let label = ui.label(T::FilterJudge.get(lang));
        let shown = view
            .judge
            .as_ref()
            .and_then(|j| contest.judge(j))
            .map_or("—".to_string(), |j| j.name.clone());
        egui::ComboBox::from_id_salt("audit-judge")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.judge, None, "—");
                for j in &contest.judges {
                    ui.selectable_value(&mut view.judge, Some(j.id.clone()), &j.name);
                }
            })
            .response
            .labelled_by(label.id);
        super::labelled_field(
            ui,
            T::FilterSubmission.get(lang),
            &mut view.submission,
            "DA07",
            100.0,
        );
        let label = ui.label(T::AuditWhat.get(lang));
        egui::ComboBox::from_id_salt("audit-kind")
            .selected_text(
                view.kind
                    .map_or(T::AllKinds.get(lang), |k| text::audit::kind(k, lang)),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.kind, None, T::AllKinds.get(lang));
                for k in KINDS {
                    ui.selectable_value(&mut view.kind, Some(k), text::audit::kind(k, lang));
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(T::FilterCriterion.get(lang));
        let criteria: Vec<(String, String)> = contest
            .rounds
            .iter()
            .flat_map(|r| r.criteria.iter().map(|c| (c.id.clone(), c.name.clone())))
            .collect();
        let shown = view
            .criterion
            .as_ref()
            .and_then(|id| criteria.iter().find(|(c, _)| c == id))
            .map_or("—".to_string(), |(_, n)| n.clone());
        egui::ComboBox::from_id_salt("audit-criterion")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.criterion, None, "—");
                for (id, name) in &criteria {
                    ui.selectable_value(&mut view.criterion, Some(id.clone()), name);
                }
            })
            .response
            .labelled_by(label.id);
        super::labelled_field(ui, T::AuditWho.get(lang), &mut view.who, "", 160.0);
        let label = ui.label(T::FilterChannel.get(lang));
        egui::ComboBox::from_id_salt("audit-channel")
            .selected_text(view.channel.map_or("—", |c| text::channel(c, lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.channel, None, "—");
                for c in CHANNELS {
                    ui.selectable_value(&mut view.channel, Some(c), text::channel(c, lang));
                }
            })
            .response
            .labelled_by(label.id);
    });
    let rows: Vec<&AuditEntry> = log.iter().rev().filter(|e| matches(e, view)).collect();
    ui.label(format!("{} {}", rows.len(), T::Entries.get(lang)));
    // Wider than a laptop's window: it scrolls sideways, with a scroll bar, rather than cut the last
    // columns off.
    egui::ScrollArea::horizontal().id_salt("audit-h").show(ui, |ui| {
        TableBuilder::new(ui)
            .id_salt("audit")
            .striped(true)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            // The target takes what the others leave; every clipped cell shows its whole text on hover.
            .column(Column::exact(112.0))
            .column(Column::initial(130.0).clip(true))
            .column(Column::exact(90.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::initial(100.0).clip(true))
            .column(Column::initial(130.0).clip(true))
            .column(Column::initial(150.0).clip(true))
            .header(24.0, |mut header| {
                super::headings(
                    &mut header,
                    &[
                        T::AuditWhen,
                        T::AuditWho,
                        T::AuditWhat,
                        T::AuditTarget,
                        T::AuditOld,
                        T::AuditNew,
                        T::AuditNote,
                    ],
                    lang,
                );
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let e = rows[row.index()];
                    let d = text::audit::describe(e, &names, lang);
                    row.col(|ui| {
                        ui.label(text::timestamp(e.at, lang));
                    });
                    row.col(|ui| {
                        cell(ui, &d.who).on_hover_text(&e.by);
                    });
                    row.col(|ui| {
                        ui.label(&d.what);
                    });
                    // The words, and for auditors what the file holds.
                    row.col(|ui| {
                        let stored = format!("{}: {}", lang.t("Lưu trong tệp", "Stored as"), e.target);
                        cell(ui, &d.target).on_hover_text(format!("{}\n{stored}", d.target));
                    });
                    row.col(|ui| {
                        let old = d.old.as_deref().unwrap_or("—");
                        cell(ui, old).on_hover_text(old);
                    });
                    row.col(|ui| {
                        let new = d.new.as_deref().unwrap_or("—");
                        cell(ui, new).on_hover_text(new);
                    });
                    row.col(|ui| {
                        cell(ui, &d.how).on_hover_text(&e.note);
                    });
                });
            });
    });
    Vec::new()
}

/// A cell's text, cut to its column; the tooltip the caller adds shows it whole (egui's own one for
/// cut text would show a second, overlapping tooltip).
fn cell(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(egui::Label::new(text).truncate().show_tooltip_when_elided(false))
}
