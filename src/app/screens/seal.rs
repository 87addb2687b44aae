//! The seal on the Results screen: "Finalize" (with what it means, before it is done), the seal once
//! there (digest, who, when) with "Unseal" and its reason, and "Verify" for auditors — the results
//! recomputed from the raw scores, the seal, the digest from the paper and every merged sheet.

use egui::RichText;

use crate::app::Action;
use crate::app::i18n::T;
use crate::app::state::{Document, Role};
use crate::text::{self, Lang};

#[derive(Default)]
pub struct View {
    /// The finalize dialog, with the name of who seals (it goes into the seal and the log).
    pub confirm: Option<String>,
    /// The unseal dialog: the reason typed so far, and who unseals.
    pub unseal: Option<(String, String)>,
    /// The verify dialog: the digest typed from paper, and the report once run.
    pub verify: Option<Verify>,
}

#[derive(Default)]
pub struct Verify {
    pub paper: String,
    pub report: Option<Vec<(bool, String)>>,
    pub verdict: crate::store::seal::Verdict,
}

pub fn show(
    doc: &Document,
    view: &mut View,
    provisional: bool,
    user: Option<&str>,
    lang: Lang,
    ui: &mut egui::Ui,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(session) = doc.session() else {
        return actions;
    };
    let organizer = doc.role() == Role::Organizer;
    ui.horizontal_wrapped(|ui| {
        if doc.seal.is_broken() {
            ui.label(
                RichText::new(text::broken_seal(lang))
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            if organizer && ui.button(T::Unseal.get(lang)).clicked() {
                view.unseal = Some((String::new(), user.unwrap_or_default().to_string()));
            }
        } else if let Some(seal) = &session.seal {
            ui.label(RichText::new(text::seal_line(seal, lang)).color(ui.visuals().hyperlink_color));
            if organizer && ui.button(T::Unseal.get(lang)).clicked() {
                view.unseal = Some((String::new(), user.unwrap_or_default().to_string()));
            }
        } else if organizer
            && ui
                .add_enabled(!provisional, egui::Button::new(T::Finalize.get(lang)))
                .clicked()
        {
            view.confirm = Some(user.unwrap_or_default().to_string());
        }
        if ui.button(T::Verify.get(lang)).clicked() {
            view.verify = Some(Verify::default());
        }
    });
    if let Some(by) = view.confirm.as_mut() {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("finalize")).show(ui.ctx(), |ui| {
            ui.set_width(520.0);
            super::heading(ui, T::FinalizeTitle.get(lang));
            ui.label(T::FinalizeText.get(lang));
            let named = who(ui, by, lang);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(named, egui::Button::new(T::SealNow.get(lang)))
                    .clicked()
                {
                    actions.push(Action::Seal {
                        by: by.trim().to_string(),
                    });
                    close = true;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    close = true;
                }
            });
        });
        if close {
            view.confirm = None;
        }
    }
    if let Some((reason, by)) = view.unseal.as_mut() {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("unseal")).show(ui.ctx(), |ui| {
            ui.set_width(520.0);
            super::heading(ui, T::UnsealTitle.get(lang));
            let label = ui.label(T::UnsealReason.get(lang));
            ui.add(
                egui::TextEdit::multiline(reason)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let named = who(ui, by, lang);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !reason.trim().is_empty() && named,
                        egui::Button::new(T::UnsealNow.get(lang)),
                    )
                    .clicked()
                {
                    actions.push(Action::Unseal {
                        reason: reason.trim().to_string(),
                        by: by.trim().to_string(),
                    });
                    close = true;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    close = true;
                }
            });
        });
        if close {
            view.unseal = None;
        }
    }
    if let Some(verify) = view.verify.as_mut() {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("verify")).show(ui.ctx(), |ui| {
            ui.set_width(760.0);
            super::heading(ui, T::VerifyTitle.get(lang));
            let label = ui.label(T::PaperDigest.get(lang));
            ui.add(egui::TextEdit::singleline(&mut verify.paper).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            ui.horizontal(|ui| {
                if ui.button(T::VerifyNow.get(lang)).clicked() {
                    let paper = Some(verify.paper.trim()).filter(|p| !p.is_empty());
                    let result = crate::store::seal::verify(session, paper);
                    verify.verdict = result.verdict();
                    verify.report = Some(text::verification(&result, &text::Names::of(session), lang));
                }
                if ui.button(T::Close.get(lang)).clicked() {
                    close = true;
                }
            });
            if let Some(report) = &verify.report {
                // The verdict first, then every check; a modal's scroll area would otherwise shrink
                // to a few lines.
                let color = if verify.verdict != crate::store::seal::Verdict::Mismatch {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().error_fg_color
                };
                ui.label(
                    RichText::new(text::verdict(verify.verdict, lang))
                        .strong()
                        .color(color),
                );
                ui.separator();
                egui::ScrollArea::vertical()
                    .min_scrolled_height(300.0)
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for (ok, line) in report {
                            let color = if *ok {
                                ui.visuals().text_color()
                            } else {
                                ui.visuals().error_fg_color
                            };
                            ui.label(RichText::new(line).color(color));
                        }
                    });
            }
        });
        if close {
            view.verify = None;
        }
    }
    actions
}

/// The full name of who seals or unseals, as it will stand in the seal and the log; it starts as the
/// name given before. Says why a name typed cannot stand; true when it can.
fn who(ui: &mut egui::Ui, by: &mut String, lang: Lang) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(T::SealedBy.get(lang));
        ui.add(egui::TextEdit::singleline(by).desired_width(280.0))
            .labelled_by(label.id);
    });
    match crate::store::person::full_name(by) {
        Ok(_) => true,
        Err(e) => {
            if !by.trim().is_empty() {
                ui.colored_label(ui.visuals().error_fg_color, text::name_error(e, by, lang));
            }
            false
        }
    }
}
