//! Conflicts of interest (spec §3.1): same organization (after NFC, case- and surrounding-space-
//! insensitive), pairs the organizer lists, conflicts a judge declared, and recusals on a sheet.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use unicode_normalization::UnicodeNormalization;

use crate::model::{ConflictKind, Contest, SheetEntry};

/// The form in which two organization names are compared: trimmed, NFC, lower case.
pub fn organization_key(name: &str) -> String {
    let nfc: String = name.trim().nfc().collect();
    nfc.to_lowercase().nfc().collect()
}

/// Every known conflict of a contest, indexed for lookups while scoring.
pub struct ConflictIndex<'a> {
    /// Each judge's organization as written, by judge id (its key is worked out when first asked).
    judge_orgs: HashMap<&'a str, &'a str>,
    listed: HashMap<(&'a str, &'a str), &'a str>,
    declared: HashMap<(&'a str, &'a str), &'a str>,
    /// Organization keys already computed, by the name as written (contests have few organizations,
    /// and normalizing a Vietnamese name is the costliest step of scoring).
    keys: Mutex<HashMap<&'a str, Arc<str>>>,
    /// Each distinct organization key as a small number ([`OrgId`]), so that scoring compares
    /// numbers; by the name as written, and by key.
    ids: Mutex<OrgIds<'a>>,
}

/// [`OrgId`]s by the name as written, and by key.
type OrgIds<'a> = (HashMap<&'a str, OrgId>, HashMap<Arc<str>, OrgId>);

/// An organization key as a number, the same for two names with the same [`organization_key`];
/// [`OrgId::NONE`] for an empty organization, which never matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgId(u32);

impl OrgId {
    pub const NONE: OrgId = OrgId(0);
}

impl<'a> ConflictIndex<'a> {
    pub fn new(contest: &'a Contest) -> Self {
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
        let judge_orgs = contest
            .judges
            .iter()
            .map(|j| (j.id.as_str(), j.organization.as_str()))
            .collect();
        ConflictIndex {
            judge_orgs,
            listed,
            declared,
            keys: Mutex::default(),
            ids: Mutex::default(),
        }
    }

    /// [`organization_key`] of a submission's organization, computed once per distinct name.
    pub fn key_of(&self, organization: &'a str) -> Arc<str> {
        lock(&self.keys)
            .entry(organization)
            .or_insert_with(|| organization_key(organization).into())
            .clone()
    }

    /// The organization key of a judge (empty for an unknown judge).
    pub fn judge_key(&self, judge: &str) -> Arc<str> {
        self.judge_orgs
            .get(judge)
            .map_or_else(|| Arc::from(""), |org| self.key_of(org))
    }

    /// [`OrgId`] of an organization as written (a judge's or a submission's), worked out once per
    /// distinct name.
    pub fn org_id(&self, organization: &'a str) -> OrgId {
        if let Some(&id) = lock(&self.ids).0.get(organization) {
            return id;
        }
        let key = self.key_of(organization);
        let mut ids = lock(&self.ids);
        let id = if key.is_empty() {
            OrgId::NONE
        } else {
            let next = OrgId(ids.1.len() as u32 + 1);
            *ids.1.entry(key).or_insert(next)
        };
        ids.0.insert(organization, id);
        id
    }

    /// [`OrgId`] of a judge's organization ([`OrgId::NONE`] for an unknown judge).
    pub fn judge_org_id(&self, judge: &str) -> OrgId {
        self.judge_orgs
            .get(judge)
            .map_or(OrgId::NONE, |org| self.org_id(org))
    }

    /// [`find`](Self::find) with organizations given as [`OrgId`]s: what scoring calls for every
    /// judge line.
    pub fn find_by_id(
        &self,
        judge: &str,
        judge_org: OrgId,
        submission: &str,
        submission_org: OrgId,
        entry: Option<&SheetEntry>,
    ) -> Option<ConflictKind> {
        self.listed_or_declared(judge, submission, entry).or_else(|| {
            (judge_org != OrgId::NONE && judge_org == submission_org)
                .then_some(ConflictKind::SameOrganization)
        })
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
        self.listed_or_declared(judge, submission, entry).or_else(|| {
            (!judge_org.is_empty() && judge_org == submission_org).then_some(ConflictKind::SameOrganization)
        })
    }

    /// A recusal on the sheet, a conflict the judge declared, or one the organizers listed, in
    /// that order.
    fn listed_or_declared(
        &self,
        judge: &str,
        submission: &str,
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
        None
    }
}

/// The cache behind a lock; a thread that panicked holding it left it whole (entries are only added).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
