//! Conflicts of interest (spec §3.1): same organization (after NFC, case- and surrounding-space-
//! insensitive), pairs the organizer lists, conflicts a judge declared, and recusals on a sheet.

use std::collections::HashMap;

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
        }
    }

    /// The conflict between a judge and a submission, if any. `submission_org` is the submission's
    /// [`organization_key`]; an empty organization never matches.
    pub fn find(
        &self,
        judge: &str,
        submission: &str,
        submission_org: &str,
        entry: Option<&SheetEntry>,
    ) -> Option<ConflictKind> {
        if let Some(reason) = entry.and_then(|e| e.recusal.as_ref()) {
            return Some(ConflictKind::Recused(reason.clone()));
        }
        if let Some(reason) = self.declared.get(&(judge, submission)) {
            return Some(ConflictKind::Declared((*reason).to_string()));
        }
        if let Some(reason) = self.listed.get(&(judge, submission)) {
            return Some(ConflictKind::Listed((*reason).to_string()));
        }
        match self.judge_org.get(judge) {
            Some(org) if !org.is_empty() && org == submission_org => Some(ConflictKind::SameOrganization),
            _ => None,
        }
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
