//! How long each piece of text in a contest may be, and how many members or attachments a submission
//! may list. The caps are generous for real contests (a project title of 500 characters, a comment of
//! 5,000) and stop what is not one: a 500 MB contest name made the PDF export run for more than five
//! minutes. They hold wherever text comes in — a registrations import (a too-long field makes its row
//! a bad row), the loading of any giamkhao file (a validation problem naming the field, its length and
//! the cap), and every edit in the app (refused, with the same words) — and are listed in
//! docs/bad-input.md. Lengths are in characters, as a person counts them.

use crate::model::{
    AuditEntry, Contest, Decision, JudgePacket, Scoresheet, ScoresheetFile, Session, Submission,
};

use super::validate::{Location, Problem, ProblemKind};

/// A kind of text, with its cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextField {
    /// Any identifier: of the contest, a category, judge, round, criterion, tier or submission.
    Id,
    ContestName,
    Organizer,
    Place,
    CategoryName,
    RoundName,
    CriterionName,
    CriterionDescription,
    /// The text of a level of a criterion's rubric.
    Rubric,
    TierName,
    JudgeName,
    /// A judge's or a submission's organization.
    Organization,
    /// Why a judge and a submission are in conflict (declared by the judge, or listed by the
    /// organizers).
    ConflictReason,
    Title,
    Leader,
    /// One member of a team.
    Member,
    Sector,
    Contact,
    Description,
    /// One attachment: a file's path or a link.
    Attachment,
    Comment,
    RecusalReason,
    DecisionReason,
    UnsealReason,
    /// The full name of a person on the record: who decided, sealed, merged, typed or changed.
    PersonName,
    /// What the audit log says of a change: its target, old and new values, and note.
    AuditText,
    /// A digest, or the name of the file a sheet came from.
    Reference,
}

impl TextField {
    /// The most characters the field may hold.
    pub const fn max(self) -> usize {
        match self {
            TextField::Id => 64,
            TextField::PersonName | TextField::JudgeName | TextField::Leader | TextField::Member => 150,
            TextField::CategoryName
            | TextField::RoundName
            | TextField::CriterionName
            | TextField::TierName
            | TextField::Sector => 200,
            TextField::ContestName | TextField::Organizer | TextField::Place | TextField::Organization => 300,
            TextField::Title | TextField::Contact => 500,
            TextField::Rubric => 1_000,
            TextField::CriterionDescription
            | TextField::ConflictReason
            | TextField::RecusalReason
            | TextField::DecisionReason
            | TextField::UnsealReason
            | TextField::Attachment => 2_000,
            TextField::Comment => 5_000,
            TextField::Reference => 5_000,
            TextField::Description => 20_000,
            // Old and new values of any field above, with room to spare.
            TextField::AuditText => 100_000,
        }
    }

    /// Every field, for the list in the documentation and its test.
    pub const ALL: [TextField; 27] = [
        TextField::Id,
        TextField::ContestName,
        TextField::Organizer,
        TextField::Place,
        TextField::CategoryName,
        TextField::RoundName,
        TextField::CriterionName,
        TextField::CriterionDescription,
        TextField::Rubric,
        TextField::TierName,
        TextField::JudgeName,
        TextField::Organization,
        TextField::ConflictReason,
        TextField::Title,
        TextField::Leader,
        TextField::Member,
        TextField::Sector,
        TextField::Contact,
        TextField::Description,
        TextField::Attachment,
        TextField::Comment,
        TextField::RecusalReason,
        TextField::DecisionReason,
        TextField::UnsealReason,
        TextField::PersonName,
        TextField::AuditText,
        TextField::Reference,
    ];
}

/// The most members a submission may list, and the most attachments.
pub const MAX_MEMBERS: usize = 100;
pub const MAX_ATTACHMENTS: usize = 100;

/// A text longer than its field's cap: the field, its length and the cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong {
    pub field: TextField,
    pub length: usize,
    pub max: usize,
}

/// Checks a text against its field's cap. Counting characters is only needed when the bytes are
/// already more than the cap.
pub fn fits(field: TextField, text: &str) -> Result<(), TooLong> {
    let max = field.max();
    if text.len() <= max {
        return Ok(());
    }
    let length = text.chars().count();
    if length <= max {
        Ok(())
    } else {
        Err(TooLong { field, length, max })
    }
}

/// A list longer than it may be: the field of its items, how many it has and the cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMany {
    pub field: TextField,
    pub count: usize,
    pub max: usize,
}

/// Collects every text that does not fit, each with where it is.
struct Lengths {
    problems: Vec<Problem>,
}

impl Lengths {
    fn new() -> Self {
        Lengths { problems: Vec::new() }
    }

    fn check(&mut self, at: &[Location], field: TextField, text: &str) {
        if let Err(e) = fits(field, text) {
            self.problems.push(Problem {
                at: at.to_vec(),
                kind: ProblemKind::TooLong {
                    field,
                    length: e.length,
                    max: e.max,
                },
            });
        }
    }

    fn count(&mut self, at: &[Location], field: TextField, count: usize, max: usize) {
        if count > max {
            self.problems.push(Problem {
                at: at.to_vec(),
                kind: ProblemKind::TooMany { field, count, max },
            });
        }
    }

    fn ids<'a, S: AsRef<str> + ?Sized + 'a>(
        &mut self,
        at: &[Location],
        ids: impl IntoIterator<Item = &'a S>,
    ) {
        for id in ids {
            self.check(at, TextField::Id, id.as_ref());
        }
    }

    /// Where an id is, as a place: shortened when it is itself too long to be quoted.
    fn place(id: &str, make: fn(String) -> Location) -> Location {
        make(shown(id))
    }

    fn contest(&mut self, c: &Contest) {
        let top = [Location::Contest];
        self.check(&top, TextField::Id, &c.id);
        self.check(&top, TextField::ContestName, &c.name);
        self.check(&top, TextField::Organizer, &c.organizer);
        self.check(&top, TextField::Place, &c.place);
        for cat in &c.categories {
            let at = [Self::place(&cat.id, Location::Category)];
            self.check(&at, TextField::Id, &cat.id);
            self.check(&at, TextField::CategoryName, &cat.name);
        }
        for j in &c.judges {
            let at = [Self::place(&j.id, Location::Judge)];
            self.check(&at, TextField::Id, &j.id);
            self.check(&at, TextField::JudgeName, &j.name);
            self.check(&at, TextField::Organization, &j.organization);
            for d in &j.conflicts {
                self.check(&at, TextField::Id, &d.submission);
                self.check(&at, TextField::ConflictReason, &d.reason);
            }
            // A field is a category's name or id, or a submission's sector.
            for field in j.expertise.iter().chain(&j.avoid) {
                self.check(&at, TextField::CategoryName, field);
            }
        }
        for r in &c.rounds {
            let at = [Self::place(&r.id, Location::Round)];
            self.check(&at, TextField::Id, &r.id);
            self.check(&at, TextField::RoundName, &r.name);
            self.ids(&at, &r.judges);
            for a in &r.assignments {
                self.check(&at, TextField::Id, &a.judge);
                self.ids(&at, &a.submissions);
                self.ids(&at, &a.locked);
            }
            self.ids(&at, r.tie_break.iter().flatten());
            for k in &r.criteria {
                let at = [at[0].clone(), Self::place(&k.id, Location::Criterion)];
                self.check(&at, TextField::Id, &k.id);
                self.check(&at, TextField::CriterionName, &k.name);
                self.check(&at, TextField::CriterionDescription, &k.description);
                for level in &k.rubric {
                    self.check(&at, TextField::Rubric, &level.text);
                }
            }
        }
        for t in &c.awards.tiers {
            let at = [Self::place(&t.id, Location::Tier)];
            self.check(&at, TextField::Id, &t.id);
            self.check(&at, TextField::TierName, &t.name);
        }
        for (category, counts) in &c.awards.category_counts {
            let at = [Self::place(category, Location::Category)];
            self.check(&at, TextField::Id, category);
            self.ids(&at, counts.keys());
        }
        for pair in &c.conflicts {
            self.check(&top, TextField::Id, &pair.judge);
            self.check(&top, TextField::Id, &pair.submission);
            self.check(&top, TextField::ConflictReason, &pair.reason);
        }
    }

    fn submissions(&mut self, list: &[Submission]) {
        for s in list {
            self.submission(s);
        }
    }

    fn submission(&mut self, s: &Submission) {
        let at = [Self::place(&s.id, Location::Submission)];
        self.check(&at, TextField::Id, &s.id);
        self.check(&at, TextField::Title, &s.title);
        self.count(&at, TextField::Member, s.members.len(), MAX_MEMBERS);
        for m in &s.members {
            self.check(&at, TextField::Member, m);
        }
        self.check(&at, TextField::Leader, &s.leader);
        self.check(&at, TextField::Organization, &s.organization);
        self.ids(&at, &s.category);
        self.check(&at, TextField::Sector, &s.sector);
        self.check(&at, TextField::Contact, &s.contact);
        self.check(&at, TextField::Description, &s.description);
        self.count(&at, TextField::Attachment, s.attachments.len(), MAX_ATTACHMENTS);
        for a in &s.attachments {
            self.check(&at, TextField::Attachment, a);
        }
    }

    fn sheet(&mut self, sheet: &Scoresheet) {
        let at = [Location::Sheet {
            round: shown(&sheet.round),
            judge: shown(&sheet.judge),
        }];
        self.check(&at, TextField::Id, &sheet.contest_id);
        self.check(&at, TextField::Id, &sheet.round);
        self.check(&at, TextField::Id, &sheet.judge);
        for e in &sheet.entries {
            let at = [at[0].clone(), Self::place(&e.submission, Location::Entry)];
            self.check(&at, TextField::Id, &e.submission);
            self.ids(&at, e.scores.keys());
            self.check(&at, TextField::Comment, &e.comment);
            if let Some(reason) = &e.recusal {
                self.check(&at, TextField::RecusalReason, reason);
            }
        }
    }

    fn decision(&mut self, n: usize, d: &Decision) {
        let at = [Location::Decision(n + 1)];
        self.check(&at, TextField::Id, &d.round);
        self.ids(&at, &d.category);
        if let crate::model::TieTarget::Tier(t) = &d.target {
            self.check(&at, TextField::Id, t);
        }
        self.ids(&at, &d.members);
        if let crate::model::Resolution::Order(order) = &d.resolution {
            self.ids(&at, order);
        }
        self.check(&at, TextField::PersonName, &d.by);
        self.check(&at, TextField::DecisionReason, &d.reason);
    }

    fn audit(&mut self, log: &[AuditEntry]) {
        for (n, e) in log.iter().enumerate() {
            let at = [Location::Audit(n + 1)];
            self.check(&at, TextField::PersonName, &e.by);
            for text in [Some(&e.target), e.old.as_ref(), e.new.as_ref(), Some(&e.note)]
                .into_iter()
                .flatten()
            {
                self.check(&at, TextField::AuditText, text);
            }
        }
    }
}

/// An id as a message quotes it: whole, or its first characters when it is too long to be an id.
pub fn shown(id: &str) -> String {
    match id.char_indices().nth(TextField::Id.max()) {
        Some((end, _)) => format!("{}…", &id[..end]),
        None => id.to_string(),
    }
}

/// Every text of a submission that does not fit, in the order a registration lists its fields.
pub fn submission(s: &Submission) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.submission(s);
    l.problems
}

/// Every text of a contest's set-up that does not fit.
pub fn contest(c: &Contest) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.contest(c);
    l.problems
}

/// Every text of a session that does not fit.
pub fn session(s: &Session) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.contest(&s.contest);
    l.submissions(&s.submissions);
    for sheet in &s.scoresheets {
        l.sheet(sheet);
    }
    for (n, d) in s.decisions.iter().enumerate() {
        l.decision(n, d);
    }
    l.audit(&s.audit);
    for paper in &s.paper {
        let at = [Location::Paper {
            round: shown(&paper.round),
            judge: shown(&paper.judge),
        }];
        l.check(&at, TextField::Id, &paper.round);
        l.check(&at, TextField::Id, &paper.judge);
        for typing in [&paper.first, &paper.second] {
            for typist in &typing.typists {
                l.check(&at, TextField::PersonName, typist);
            }
            for (submission, scores) in &typing.scores {
                l.check(&at, TextField::Id, submission);
                l.ids(&at, scores.keys());
            }
        }
    }
    for r in &s.receipts {
        let at = [Location::Sheet {
            round: shown(&r.round),
            judge: shown(&r.judge),
        }];
        l.check(&at, TextField::Id, &r.round);
        l.check(&at, TextField::Id, &r.judge);
        l.check(&at, TextField::Reference, &r.handed_in);
        l.check(&at, TextField::Reference, &r.merged);
        l.check(&at, TextField::Reference, &r.source);
        l.check(&at, TextField::PersonName, &r.by);
    }
    if let Some(seal) = &s.seal {
        l.check(&[Location::Contest], TextField::Reference, &seal.digest);
        l.check(&[Location::Contest], TextField::PersonName, &seal.by);
    }
    l.problems
}

/// Every text of a judge packet that does not fit.
pub fn packet(p: &JudgePacket) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.contest(&p.contest);
    l.check(&[], TextField::Id, &p.round);
    l.check(&[], TextField::Id, &p.judge);
    l.submissions(&p.submissions);
    l.sheet(&p.sheet);
    l.audit(&p.audit);
    l.problems
}

/// Every text of a handed-in scoresheet file that does not fit.
pub fn scoresheet_file(f: &ScoresheetFile) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.sheet(&f.sheet);
    if let Some(digest) = &f.digest {
        l.check(&[], TextField::Reference, digest);
    }
    l.audit(&f.audit);
    l.problems
}

/// Every text of one sheet that does not fit.
pub fn sheet(s: &Scoresheet) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.sheet(s);
    l.problems
}

/// Every text of a council decision that does not fit.
pub fn decision(d: &Decision) -> Vec<Problem> {
    let mut l = Lengths::new();
    l.decision(0, d);
    l.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_counted_in_characters() {
        // 500 Vietnamese letters are 1,000 bytes or more, and fit a title.
        let title = "ả".repeat(500);
        assert!(title.len() > TextField::Title.max());
        assert_eq!(fits(TextField::Title, &title), Ok(()));
        assert_eq!(
            fits(TextField::Title, &format!("{title}a")),
            Err(TooLong {
                field: TextField::Title,
                length: 501,
                max: 500
            })
        );
        assert_eq!(shown("gk1"), "gk1");
        assert_eq!(shown(&"x".repeat(1000)).chars().count(), 65);
    }
}
