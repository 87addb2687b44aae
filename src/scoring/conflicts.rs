//! Conflicts of interest (spec §3.1): same organization (after NFC, case- and surrounding-space-
//! insensitive), pairs the organizer lists, conflicts a judge declared, and recusals on a sheet.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

use unicode_normalization::UnicodeNormalization;

use crate::model::{ConflictKind, Contest, SheetEntry};

/// The form in which two organization names are compared: trimmed, NFC, lower case.
pub fn organization_key(name: &str) -> String {
    let nfc: String = name.trim().nfc().collect();
    nfc.to_lowercase().nfc().collect()
}

/// Every known conflict of a contest, indexed for lookups while scoring.
pub struct ConflictIndex<'a> {
    judge_org: HashMap<&'a str, String>,
    listed: HashMap<(&'a str, &'a str), &'a str>,
    declared: HashMap<(&'a str, &'a str), &'a str>,
    /// Organization keys already computed, by the name as written (contests have few organizations,
    /// and normalizing a Vietnamese name is the costliest step of scoring).
    keys: RefCell<HashMap<&'a str, Rc<str>>>,
}

impl<'a> ConflictIndex<'a> {
    pub fn new(contest: &'a Contest) -> Self {
        let judge_org = contest
            .judges
            .iter()
            .map(|j| (j.id.as_str(), organization_key(&j.organization)))
            .collect();
        let listed = contest
            .conflicts
            .iter()
            .map(|c| ((c.judge.as_str(), c.submission.as_str()), c.reason.as_str()))
            .collect();
        let declared = contest
            .judges
            .iter()
            .flat_map(|j| {
                j.conflicts
                    .iter()
                    .map(move |c| ((j.id.as_str(), c.submission.as_str()), c.reason.as_str()))
            })
            .collect();
        ConflictIndex {
            judge_org,
            listed,
            declared,
            keys: RefCell::default(),
        }
    }

    /// [`organization_key`] of a submission's organization, computed once per distinct name.
    pub fn key_of(&self, organization: &'a str) -> Rc<str> {
        self.keys
            .borrow_mut()
            .entry(organization)
            .or_insert_with(|| organization_key(organization).into())
            .clone()
    }

    /// The organization key of a judge (empty for an unknown judge).
    pub fn judge_key(&self, judge: &str) -> Rc<str> {
        self.judge_org
            .get(judge)
            .map_or_else(|| Rc::from(""), |k| Rc::from(k.as_str()))
    }

    /// The conflict between a judge and a submission, if any. `judge_org` and `submission_org` are
    /// [`organization_key`]s; an empty organization never matches.
    pub fn find(
        &self,
        judge: &str,
        judge_org: &str,
        submission: &str,
        submission_org: &str,
        entry: Option<&SheetEntry>,
    ) -> Option<ConflictKind> {
        if let Some(reason) = entry.and_then(|e| e.recusal.as_ref()) {
            return Some(ConflictKind::Recused(reason.clone()));
        }
        if !self.declared.is_empty()
            && let Some(reason) = self.declared.get(&(judge, submission))
        {
            return Some(ConflictKind::Declared((*reason).to_string()));
        }
        if !self.listed.is_empty()
            && let Some(reason) = self.listed.get(&(judge, submission))
        {
            return Some(ConflictKind::Listed((*reason).to_string()));
        }
        (!judge_org.is_empty() && judge_org == submission_org).then_some(ConflictKind::SameOrganization)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_match_ignores_case_spaces_and_normal_form() {
        let composed = "Trường Đại học Hàng hải Việt Nam";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(
            organization_key(composed),
            organization_key(&format!("  {}  ", decomposed))
        );
        assert_eq!(
            organization_key("ĐẠI HỌC HẢI PHÒNG"),
            organization_key("Đại học Hải Phòng")
        );
        assert_ne!(
            organization_key("Đại học Hải Phòng"),
            organization_key("Đại học Hàng hải")
        );
    }
}
