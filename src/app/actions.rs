//! The app's side of the edit engine ([`crate::edit`]): a window opened only to look at refuses every
//! edit; an applied one marks the document changed and recomputes its results.

use super::state::Document;
pub use crate::edit::{Edit, EditError, check_score};

/// The problems a new contest set-up would cause in the open document.
pub fn check_contest(doc: &Document, contest: &crate::model::Contest) -> Vec<crate::store::Problem> {
    crate::edit::check_contest(&doc.doc, contest)
}

/// Applies `edit` to the open document as `by`, at `at` ([`crate::edit::apply`]). Returns the edit
/// that undoes it.
pub fn apply(
    doc: &mut Document,
    edit: Edit,
    by: &str,
    note: &str,
    at: jiff::Timestamp,
) -> Result<Edit, EditError> {
    if doc.read_only {
        return Err(EditError::ReadOnly);
    }
    let inverse = crate::edit::apply(&mut doc.doc, edit, by, note, at)?;
    doc.dirty = true;
    doc.recompute();
    Ok(inverse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::screens::edit_error;
    use crate::app::state::Doc;
    use crate::model::{Decision, FileKind, Resolution, Session, TieTarget};
    use crate::text::Lang;

    fn sample() -> Document {
        let text = include_str!("../../assets/samples/hai-phong-2023.ron");
        let path = std::path::Path::new("hai-phong-2023.ron");
        let session: Session =
            crate::store::files::parse_kind(path, text, FileKind::Session).expect("the sample parses");
        Document::new(Doc::Session(session), super::super::state::Origin::Sample, false)
    }

    fn refused(doc: &mut Document, edit: Edit) -> EditError {
        let before = doc.session().expect("a session").clone();
        let at = jiff::Timestamp::UNIX_EPOCH;
        let error = apply(doc, edit, "Trần Thư Ký", "app", at).expect_err("refused");
        assert_eq!(doc.session(), Some(&before), "nothing changed");
        assert!(!doc.dirty);
        error
    }

    /// A comment, a recusal reason, a council decision's reason or name, or a contest's name longer
    /// than its cap (store/limits.rs) is refused with the field, its length and the cap, and nothing
    /// changes; before the caps any length was taken.
    #[test]
    fn a_text_over_its_cap_is_refused_naming_the_field_its_length_and_the_cap() {
        let mut doc = sample();
        let sheet = doc.session().expect("a session").scoresheets[0].clone();
        let entry = |text: String| Edit::Comment {
            round: sheet.round.clone(),
            judge: sheet.judge.clone(),
            submission: sheet.entries[0].submission.clone(),
            text,
        };
        let e = refused(&mut doc, entry("Rất tốt. ".repeat(700)));
        assert_eq!(
            edit_error(&e, Lang::Vi),
            "Nhận xét dài 6.300 ký tự, vượt giới hạn 5.000 ký tự — hãy rút ngắn lại. Chưa lưu."
        );
        assert_eq!(
            edit_error(&e, Lang::En),
            "The comment is 6,300 characters long, over the limit of 5,000 — shorten it. Not saved."
        );
        // A long comment within the cap is taken.
        let at = jiff::Timestamp::UNIX_EPOCH;
        apply(&mut doc, entry("Rất tốt. ".repeat(500)), "Trần Thư Ký", "app", at).expect("taken");
        doc.dirty = false;

        let e = refused(
            &mut doc,
            Edit::Recusal {
                round: sheet.round.clone(),
                judge: sheet.judge.clone(),
                submission: sheet.entries[0].submission.clone(),
                reason: Some("x".repeat(2_001)),
            },
        );
        assert!(
            edit_error(&e, Lang::Vi).starts_with("Lý do rút khỏi chấm dài 2.001 ký tự"),
            "{}",
            edit_error(&e, Lang::Vi)
        );

        let decision = Decision {
            round: sheet.round.clone(),
            category: None,
            target: TieTarget::Advancement,
            members: vec![],
            resolution: Resolution::AdvanceAll,
            by: "Hội đồng Giám khảo".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            reason: "Vì ".repeat(1_000),
        };
        let e = refused(&mut doc, Edit::Decide(decision));
        assert!(
            edit_error(&e, Lang::En)
                .starts_with("The reason for the decision is 3,000 characters long, over the limit of 2,000"),
            "{}",
            edit_error(&e, Lang::En)
        );

        let mut contest = doc.contest().clone();
        contest.name = "Cuộc thi ".repeat(40);
        let e = refused(&mut doc, Edit::Contest(Box::new(contest)));
        assert_eq!(
            edit_error(&e, Lang::Vi),
            "cuộc thi: tên cuộc thi dài 360 ký tự, vượt giới hạn 300 ký tự"
        );
    }
}
