//! Automatic assignment (phân công): which judges of a round score which submissions. Pure: the
//! contest, the round's submissions and its sheets in, a plan and its report out; applying it is an
//! ordinary audited edit of the contest (`crate::edit`).
//!
//! The goals, in strict order (each one is only traded for the ones before it):
//! 1. hard rules — never a conflict of interest (same organization, a listed pair, a declared
//!    conflict, a recusal) or a field the judge must not judge; never more than the maximum load;
//!    cells the organizer locked and cells that already have scores are kept;
//! 2. every submission gets its k judges, as many as can (the rest is reported, submission by
//!    submission, with the reason), and seats short are spread: each submission gets its first
//!    judges before any gets its last;
//! 3. loads as even as they can be (the least sum of squared loads, so max − min ≤ 1 whenever some
//!    assignment achieves it);
//! 4. as few of the round's existing assignments changed as possible (re-running after late
//!    registrations or a judge dropping out); with `fields_first`, 5 comes before 4;
//! 5. as many seats as possible matched to the judge's fields (lĩnh vực);
//! 6. a design that lets judges be compared (`design`): every pair of judges who share a category
//!    meets on some submission where it can, and all judges are connected.
//!
//! Goals 1–5 are exact: a minimum-cost maximum flow (`flow`) with lexicographic weights, on a
//! network where submissions that are interchangeable (same eligible judges, same costs) are one
//! node. Goal 6 is a seeded local search that swaps judges between interchangeable submissions, so it
//! never costs goals 1–5 anything. The same inputs and seed give the same plan.

pub mod design;
pub mod flow;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Assignment, ConflictKind, Contest, Id, Round, Scoresheet, SheetEntry, Submission};
use crate::scoring::conflicts::{ConflictIndex, OrgId};
use flow::{Cost, Network};

/// What the organizer asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// k: judges per submission.
    pub per_submission: u32,
    /// At most this many submissions per judge (counting those kept).
    pub max_load: Option<u32>,
    /// The same seed gives the same plan.
    pub seed: u64,
    /// Fields before keeping: matching the judges' fields comes before keeping the round's current
    /// assignments (after the judges' fields changed, say). Without it a re-run changes as few
    /// assignments as it can, and only then matches fields. Scored and locked cells stay either way.
    pub fields_first: bool,
}

/// What the plan is computed from.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub contest: &'a Contest,
    pub round: &'a Round,
    /// The submissions the round scores (all of them in the first round, then those advanced).
    pub submissions: &'a [&'a Submission],
    /// The session's sheets (those of other rounds are ignored).
    pub sheets: &'a [Scoresheet],
}

/// Settings that cannot make a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// k = 0.
    NoJudgesPerSubmission,
    /// The round has no judges.
    NoJudges,
    /// The round has no submissions to score.
    NoSubmissions,
}

/// The new assignments of the round and what they are like.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The round's assignments, judge by judge in the round's order (judges given nothing are left
    /// out); assignments to submissions outside the round are carried over unchanged.
    pub assignments: Vec<Assignment>,
    pub report: Report,
}

/// Why a judge may not score a submission.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    Conflict(ConflictKind),
    /// The judge must not judge this field (as written in the judge's list).
    Avoids(String),
}

/// A submission that gets fewer than k judges, and why: too few judges of the round may score it
/// (`eligible` shorter than the seats it needs; `excluded` says why each other judge may not), or
/// some who may have reached the maximum load (`full`), or both.
#[derive(Clone, Debug, PartialEq)]
pub struct Short {
    pub submission: Id,
    /// Judges it has in the plan.
    pub judges: u32,
    /// Judges of the round who may score it (with those already on it).
    pub may: u32,
    /// Judges who may take one of its open seats.
    pub eligible: Vec<Id>,
    /// Judges of the round who may not score it, and why.
    pub excluded: Vec<(Id, Why)>,
    /// Of the eligible, those at the maximum load.
    pub full: Vec<Id>,
}

/// An existing assignment the plan drops, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub judge: Id,
    pub submission: Id,
    pub why: RemovedWhy,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RemovedWhy {
    /// The judge no longer sits on the round.
    LeftRound,
    /// The judge may not score it (a conflict found since, a field to avoid); a locked cell too.
    NotAllowed(Why),
    /// Given to another judge (to even the loads, give another submission its judges, match a
    /// field).
    Moved,
    /// Not given to anyone: the submission is left short (the maximum load leaves no room).
    Unplaced,
}

/// One judge's share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgeLoad {
    pub judge: Id,
    /// Submissions in the round the judge scores in the plan.
    pub load: u32,
    /// Of them: kept because they already have scores or were locked.
    pub fixed: u32,
    /// Of them: in the judge's fields.
    pub matched: u32,
}

/// The design's properties, to be said in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub settings: Settings,
    pub submissions: u32,
    /// Judges in the round's order.
    pub loads: Vec<JudgeLoad>,
    /// k × submissions, and how many of those seats are filled (a submission with more than k
    /// judges already scoring counts k).
    pub seats: u64,
    pub filled: u64,
    pub short: Vec<Short>,
    /// Submissions that already have more than k judges with scores or locks: (submission, judges).
    pub over: Vec<(Id, u32)>,
    /// Cells kept because they already have scores or were locked (assigned before or not).
    pub fixed: u32,
    /// Existing assignments in the round kept, added, and dropped.
    pub kept: u32,
    pub added: u32,
    pub removed: Vec<Removed>,
    /// Seats whose judge lists one of the submission's fields; and whether any judge lists a field.
    pub matched: u64,
    pub any_expertise: bool,
    /// Pairs of judges that share a category (both score some submission of it), and those of them
    /// who score no submission together.
    pub pairs: u64,
    pub never_meet: Vec<(Id, Id)>,
    /// The judges in groups that share no submission with each other (one group: connected).
    pub groups: Vec<Vec<Id>>,
}

impl Report {
    /// Max − min of the loads (0 with no judges).
    pub fn spread(&self) -> u32 {
        let loads = self.loads.iter().map(|l| l.load);
        loads.clone().max().unwrap_or(0) - loads.min().unwrap_or(0)
    }
}

/// The fields a submission is in, folded: its category's id and name, its sector.
fn fields_of(contest: &Contest, s: &Submission) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &s.category {
        out.push(crate::text::fold(c.trim()));
        if let Some(cat) = contest.category(c) {
            out.push(crate::text::fold(cat.name.trim()));
        }
    }
    if !s.sector.trim().is_empty() {
        out.push(crate::text::fold(s.sector.trim()));
    }
    out
}

/// The first of `list` (as written) whose folded form is among `fields`.
fn listed_field<'a>(list: &'a [String], folded: &[String], fields: &[String]) -> Option<&'a str> {
    list.iter()
        .zip(folded)
        .find(|(_, f)| fields.contains(f))
        .map(|(w, _)| w.as_str())
}

/// Why `judge` may not score `submission`, if so: a conflict of interest (`entry`: the judge's
/// sheet entry for it, whose recusal counts), or a field the judge does not judge. What a plan
/// checks, for one cell (a screen's hover).
pub fn why_not<'a>(
    index: &ConflictIndex<'a>,
    contest: &Contest,
    judge: &'a crate::model::Judge,
    submission: &'a Submission,
    entry: Option<&SheetEntry>,
) -> Option<Why> {
    let avoid = folded(&judge.avoid);
    let (judge_org, sub_org) = (
        index.org_id(&judge.organization),
        index.org_id(&submission.organization),
    );
    why_with(
        index,
        (judge, judge_org, &avoid),
        (submission, sub_org, &fields_of(contest, submission)),
        entry,
    )
}

/// Each of `list` as compared: trimmed, without accents or case.
fn folded(list: &[String]) -> Vec<String> {
    list.iter().map(|x| crate::text::fold(x.trim())).collect()
}

/// [`why_not`] with what it needs worked out beforehand: the judge's organization as a number and
/// fields to avoid folded, the submission's organization and fields.
fn why_with(
    index: &ConflictIndex<'_>,
    (judge, judge_org, avoid): (&crate::model::Judge, OrgId, &[String]),
    (submission, sub_org, fields): (&Submission, OrgId, &[String]),
    entry: Option<&SheetEntry>,
) -> Option<Why> {
    if let Some(kind) = index.find_by_id(&judge.id, judge_org, &submission.id, sub_org, entry) {
        return Some(Why::Conflict(kind));
    }
    listed_field(&judge.avoid, avoid, fields).map(|f| Why::Avoids(f.to_string()))
}

/// The plan for `input` with `settings`. See the module's goals.
pub fn plan(input: Input<'_>, settings: Settings) -> Result<Plan, SettingsError> {
    let Input {
        contest,
        round,
        submissions,
        sheets,
    } = input;
    if settings.per_submission == 0 {
        return Err(SettingsError::NoJudgesPerSubmission);
    }
    let judges: Vec<&crate::model::Judge> = round.judges.iter().filter_map(|id| contest.judge(id)).collect();
    if judges.is_empty() {
        return Err(SettingsError::NoJudges);
    }
    if submissions.is_empty() {
        return Err(SettingsError::NoSubmissions);
    }
    let (m, n) = (judges.len(), submissions.len());
    let k = settings.per_submission;
    let judge_at: HashMap<&str, usize> = judges
        .iter()
        .enumerate()
        .map(|(i, j)| (j.id.as_str(), i))
        .collect();
    let sub_at: HashMap<&str, usize> = submissions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();

    // The round's sheets: each judge's first entry for a submission is the one that counts.
    let mut entries: HashMap<(usize, usize), &SheetEntry> = HashMap::default();
    for sheet in sheets.iter().filter(|s| s.round == round.id) {
        let Some(&j) = judge_at.get(sheet.judge.as_str()) else {
            continue;
        };
        for e in &sheet.entries {
            if let Some(&s) = sub_at.get(e.submission.as_str()) {
                entries.entry((j, s)).or_insert(e);
            }
        }
    }
    let scored = |j: usize, s: usize| entries.get(&(j, s)).is_some_and(|e| !e.scores.is_empty());

    // Existing assignments: in the round (by judge, submission), locked, and carried over.
    let mut existing: HashSet<(usize, usize)> = HashSet::default();
    let mut locked: HashSet<(usize, usize)> = HashSet::default();
    let mut carried: Vec<Vec<Id>> = vec![Vec::new(); m];
    let mut removed = Vec::new();
    for a in &round.assignments {
        let judge = judge_at.get(a.judge.as_str()).copied();
        for id in &a.submissions {
            match (judge, sub_at.get(id.as_str())) {
                (Some(j), Some(&s)) => {
                    existing.insert((j, s));
                    if a.locked.contains(id) {
                        locked.insert((j, s));
                    }
                }
                (Some(j), None) => carried[j].push(id.clone()),
                (None, Some(_)) => removed.push(Removed {
                    judge: a.judge.clone(),
                    submission: id.clone(),
                    why: RemovedWhy::LeftRound,
                }),
                (None, None) => {}
            }
        }
    }

    let index = ConflictIndex::new(contest);
    let judge_orgs: Vec<_> = judges.iter().map(|j| index.org_id(&j.organization)).collect();
    let sub_orgs: Vec<_> = submissions
        .iter()
        .map(|s| index.org_id(&s.organization))
        .collect();
    let expertise: Vec<Vec<String>> = judges.iter().map(|j| folded(&j.expertise)).collect();
    let avoid: Vec<Vec<String>> = judges.iter().map(|j| folded(&j.avoid)).collect();
    let fields: Vec<Vec<String>> = submissions.iter().map(|s| fields_of(contest, s)).collect();
    let why = |j: usize, s: usize| -> Option<Why> {
        why_with(
            &index,
            (judges[j], judge_orgs[j], &avoid[j]),
            (submissions[s], sub_orgs[s], &fields[s]),
            entries.get(&(j, s)).copied(),
        )
    };
    let matches =
        |j: usize, s: usize| listed_field(&judges[j].expertise, &expertise[j], &fields[s]).is_some();

    // Who may score what, worked out once (it is asked for again and again below).
    let ok: Vec<bool> = (0..n)
        .flat_map(|s| (0..m).map(move |j| (j, s)))
        .map(|(j, s)| why(j, s).is_none())
        .collect();
    let allowed = |j: usize, s: usize| ok[s * m + j];

    // Fixed seats: scored (always kept) and locked (kept unless no longer allowed).
    let mut base = Seats::new(n, m);
    let mut pairs_fixed: Vec<(usize, usize)> = entries
        .keys()
        .copied()
        .filter(|&(j, s)| scored(j, s))
        .chain(locked.iter().copied())
        .collect();
    pairs_fixed.sort_unstable();
    pairs_fixed.dedup();
    for (j, s) in pairs_fixed {
        if !scored(j, s)
            && let Some(reason) = why(j, s)
        {
            // A locked cell that is no longer allowed: dropped, and said.
            removed.push(Removed {
                judge: judges[j].id.clone(),
                submission: submissions[s].id.clone(),
                why: RemovedWhy::NotAllowed(reason),
            });
            continue;
        }
        base.fix(j, s, allowed(j, s));
    }
    let over: Vec<(Id, u32)> = (0..n)
        .filter(|&s| base.fixed_ok[s] > k)
        .map(|s| (submissions[s].id.clone(), base.fixed_ok[s]))
        .collect();

    // The plan that changes fewest existing assignments. Loads come first, so: the best loads any
    // assignment reaches (existing ones ignored; submissions alike are one node, so this is quick),
    // then the plan that keeps every existing assignment still allowed. If it reaches those loads
    // it is the answer (nothing can change less); if not, the full problem, where every submission
    // with existing judges is a node of its own.
    let field_cost = |j: usize, s: usize| u8::from(!matches(j, s));
    let seed = settings.seed;
    let fresh = || place(&base, k, settings.max_load, &allowed, &field_cost, seed);
    let still: Vec<(usize, usize)> = {
        let mut v: Vec<(usize, usize)> = existing
            .iter()
            .copied()
            .filter(|&(j, s)| allowed(j, s) && !base.is_fixed.contains(&(j, s)))
            .collect();
        v.sort_unstable();
        v
    };
    let (seats, placed) = if settings.fields_first && !still.is_empty() {
        // Fields, then changes: every submission with existing judges is a node of its own.
        let cost = |j: usize, s: usize| field_cost(j, s) * 2 + u8::from(!existing.contains(&(j, s)));
        (
            base.clone(),
            place(&base, k, settings.max_load, &allowed, &cost, seed),
        )
    } else if still.is_empty() {
        (base.clone(), fresh())
    } else {
        let best = fresh();
        let mut keeping = base.clone();
        for &(j, s) in &still {
            keeping.fix(j, s, true);
        }
        let kept = place(&keeping, k, settings.max_load, &allowed, &field_cost, seed);
        if (kept.filled, kept.even, kept.squares) == (best.filled, best.even, best.squares) {
            (keeping, kept)
        } else {
            let cost = |j: usize, s: usize| u8::from(!existing.contains(&(j, s))) * 2 + field_cost(j, s);
            (
                base.clone(),
                place(&base, k, settings.max_load, &allowed, &cost, seed),
            )
        }
    };
    let Placed {
        classes,
        class_of,
        added_to,
        ..
    } = placed;
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed.wrapping_add(1));

    // Judges per submission, fixed first then added; the design search may swap added ones.
    let mut layout = design::Layout::new(m, &seats.fixed, added_to, &class_of);
    let categories: Vec<Option<&str>> = submissions.iter().map(|s| s.category.as_deref()).collect();
    let properties = layout.improve(&categories, &mut rng);

    // The report.
    let mut short = Vec::new();
    let mut filled = 0u64;
    for s in 0..n {
        let has = seats.fixed_ok[s] + layout.added(s).len() as u32;
        filled += u64::from(has.min(k));
        if has >= k {
            continue;
        }
        let open = if class_of[s] == usize::MAX {
            &[][..]
        } else {
            &classes[class_of[s]].1[..]
        };
        let eligible: Vec<Id> = open.iter().map(|&(j, _)| judges[j as usize].id.clone()).collect();
        let excluded = (0..m)
            .filter(|&j| !seats.is_fixed.contains(&(j, s)))
            .filter_map(|j| why(j, s).map(|w| (judges[j].id.clone(), w)))
            .collect();
        let full = open
            .iter()
            .map(|&(j, _)| j as usize)
            .filter(|&j| !layout.judges(s).any(|x| x == j))
            .filter(|&j| settings.max_load.is_some_and(|max| layout.load(j) >= max))
            .map(|j| judges[j].id.clone())
            .collect();
        short.push(Short {
            submission: submissions[s].id.clone(),
            judges: has,
            may: seats.fixed_ok[s] + open.len() as u32,
            eligible,
            excluded,
            full,
        });
    }
    let mut kept = 0;
    let mut added = 0;
    let mut matched = 0u64;
    let mut judge_matched = vec![0u32; m];
    let mut chosen: Vec<Vec<usize>> = vec![Vec::new(); m];
    for s in 0..n {
        for j in layout.judges(s) {
            chosen[j].push(s);
            if existing.contains(&(j, s)) {
                kept += 1;
            } else if !base.is_fixed.contains(&(j, s)) {
                added += 1;
            }
            if matches(j, s) {
                matched += 1;
                judge_matched[j] += 1;
            }
        }
    }
    let mut existing_sorted: Vec<(usize, usize)> = existing.iter().copied().collect();
    existing_sorted.sort_unstable_by_key(|&(j, s)| (s, j));
    for (j, s) in existing_sorted {
        if layout.judges(s).any(|x| x == j) || (locked.contains(&(j, s)) && !base.is_fixed.contains(&(j, s)))
        {
            continue;
        }
        removed.push(Removed {
            judge: judges[j].id.clone(),
            submission: submissions[s].id.clone(),
            why: match why(j, s) {
                Some(w) => RemovedWhy::NotAllowed(w),
                None if seats.fixed_ok[s] + (layout.added(s).len() as u32) < k => RemovedWhy::Unplaced,
                None => RemovedWhy::Moved,
            },
        });
    }
    let assignments = (0..m)
        .filter_map(|j| {
            let mut list: Vec<Id> = chosen[j].iter().map(|&s| submissions[s].id.clone()).collect();
            let locks: Vec<Id> = chosen[j]
                .iter()
                .filter(|&&s| locked.contains(&(j, s)))
                .map(|&s| submissions[s].id.clone())
                .collect();
            list.extend(carried[j].iter().cloned());
            (!list.is_empty()).then(|| Assignment {
                judge: judges[j].id.clone(),
                submissions: list,
                locked: locks,
            })
        })
        .collect();
    let id = |j: usize| judges[j].id.clone();
    let report = Report {
        settings,
        submissions: n as u32,
        loads: (0..m)
            .map(|j| JudgeLoad {
                judge: id(j),
                load: layout.load(j),
                fixed: base.load[j],
                matched: judge_matched[j],
            })
            .collect(),
        seats: u64::from(k) * n as u64,
        filled,
        short,
        over,
        fixed: base.load.iter().sum(),
        kept,
        added,
        removed,
        matched,
        any_expertise: judges.iter().any(|j| !j.expertise.is_empty()),
        pairs: properties.pairs,
        never_meet: properties
            .never_meet
            .iter()
            .map(|&(a, b)| (id(a), id(b)))
            .collect(),
        groups: properties
            .groups
            .iter()
            .map(|g| g.iter().map(|&j| id(j)).collect())
            .collect(),
    };
    Ok(Plan { assignments, report })
}

/// The round with `plan`'s assignments: what the edit that applies a plan puts in the contest.
pub fn with_plan(contest: &Contest, round: &str, plan: &Plan) -> Contest {
    let mut out = contest.clone();
    if let Some(r) = out.rounds.iter_mut().find(|r| r.id == round) {
        r.assignments = plan.assignments.clone();
    }
    out
}

/// The seats already taken before a placement: by submission, the judges on it; how many of them
/// count towards its k (allowed); each judge's load.
#[derive(Clone)]
struct Seats {
    fixed: Vec<Vec<usize>>,
    fixed_ok: Vec<u32>,
    load: Vec<u32>,
    is_fixed: HashSet<(usize, usize)>,
}

impl Seats {
    fn new(n: usize, m: usize) -> Self {
        Seats {
            fixed: vec![Vec::new(); n],
            fixed_ok: vec![0; n],
            load: vec![0; m],
            is_fixed: HashSet::default(),
        }
    }
    fn fix(&mut self, j: usize, s: usize, counts: bool) {
        self.fixed[s].push(j);
        self.is_fixed.insert((j, s));
        self.load[j] += 1;
        self.fixed_ok[s] += u32::from(counts);
    }
}

/// A placement: the classes of interchangeable submissions (seats needed; open judges with their
/// cost codes), each submission's class (`usize::MAX`: needs nothing), the judges added to each,
/// and how good it is: seats filled (at most k each), how evenly, and Σ load².
struct Placed {
    classes: Vec<(u32, Vec<(u32, u8)>)>,
    class_of: Vec<usize>,
    added_to: Vec<Vec<usize>>,
    filled: u64,
    /// Σ over submissions of (judges counted, at most k)²: smaller is more even.
    even: u64,
    squares: u64,
}

/// Fills the open seats after `seats` by the minimum-cost flow. `cost(j, s)`: 2 for a new
/// assignment where an existing one is worth keeping, plus 1 for a seat outside the judge's fields.
fn place(
    seats: &Seats,
    k: u32,
    max_load: Option<u32>,
    allowed: &dyn Fn(usize, usize) -> bool,
    cost: &dyn Fn(usize, usize) -> u8,
    seed: u64,
) -> Placed {
    let (n, m) = (seats.fixed.len(), seats.load.len());
    let need: Vec<u32> = seats.fixed_ok.iter().map(|&f| k.saturating_sub(f)).collect();
    // Submissions alike in seats needed and in who may take them at what cost are one class.
    let total_need: i64 = need.iter().map(|&x| i64::from(x)).sum();
    let mut classes: Vec<(u32, Vec<(u32, u8)>)> = Vec::new();
    let mut class_of_key: HashMap<(u32, Vec<(u32, u8)>), usize> = HashMap::default();
    let mut class_of = vec![usize::MAX; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for s in 0..n {
        if need[s] == 0 {
            continue;
        }
        let open: Vec<(u32, u8)> = (0..m)
            .filter(|&j| allowed(j, s) && !seats.fixed[s].contains(&j))
            .map(|j| (j as u32, cost(j, s)))
            .collect();
        let key = (need[s], open);
        let c = match class_of_key.get(&key) {
            Some(&c) => c,
            None => {
                classes.push(key.clone());
                members.push(Vec::new());
                class_of_key.insert(key, classes.len() - 1);
                classes.len() - 1
            }
        };
        class_of[s] = c;
        members[c].push(s);
    }
    drop(class_of_key);

    // Weights: a change outweighs every field match together; one step of balance outweighs every
    // change and match together; a submission's next judge outweighs every step of balance (when
    // seats are short, each submission gets its first judges before any gets its last).
    let seats_open = Cost::from(total_need.max(1));
    let per_change: Cost = seats_open + 1;
    let per_level: Cost = (per_change + 1) * seats_open + 1;
    let seats_all = seats_open + seats.load.iter().map(|&l| Cost::from(l)).sum::<Cost>();
    let per_seat: Cost = per_level * seats_all * seats_all + 1;
    let (source, sink) = (0, 1);
    let class_node = |c: usize| 2 + c;
    let judge_node = |j: usize| 2 + classes.len() + j;
    let mut net = Network::new(2 + classes.len() + m);
    let mut seat_arcs: Vec<Vec<(usize, usize)>> = Vec::with_capacity(classes.len());
    for (c, (need_c, open)) in classes.iter().enumerate() {
        let size = members[c].len() as i64;
        // The class's members' seats level by level: the level of each member's j-th judge costs
        // as much as that judge's place (counting those already on it), so lower levels fill first.
        let had = Cost::from(k - need_c);
        for level in 0..*need_c {
            let cost = per_seat * (had + Cost::from(level));
            net.arc(source, class_node(c), size, cost, 0);
        }
        seat_arcs.push(
            open.iter()
                .map(|&(j, code)| {
                    let cost = per_change * Cost::from(code >> 1) + Cost::from(code & 1);
                    (
                        j as usize,
                        net.arc(class_node(c), judge_node(j as usize), size, cost, 0),
                    )
                })
                .collect(),
        );
    }
    for j in 0..m {
        let room = match max_load {
            Some(max) => i64::from(max.saturating_sub(seats.load[j])),
            None => total_need,
        };
        net.arc(
            judge_node(j),
            sink,
            room,
            per_level * Cost::from(seats.load[j]),
            per_level,
        );
    }
    net.min_cost_max_flow(source, sink);

    // Each class's seats to its members, member by member (the ones owed a seat more first): the
    // judges with the most seats left, and among those the ones who have met this member's other
    // judges least (ties in a seeded order). Taking the most seats left first always places every
    // seat when some placement does (Gale–Ryser); the cyclic fill below is only a safety net.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut met = vec![0u32; m * m];
    for on in &seats.fixed {
        for (i, &a) in on.iter().enumerate() {
            for &b in &on[i + 1..] {
                met[a.min(b) * m + a.max(b)] += 1;
            }
        }
    }
    let mut added_to: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in 0..classes.len() {
        let mut order = members[c].clone();
        order.shuffle(&mut rng);
        let mut left: Vec<(usize, i64)> = seat_arcs[c]
            .iter()
            .map(|&(j, a)| (j, net.flow(a)))
            .filter(|&(_, f)| f > 0)
            .collect();
        left.shuffle(&mut rng);
        let total: i64 = left.iter().map(|&(_, f)| f).sum();
        let size = order.len() as i64;
        let mut placed = 0;
        for (i, &s) in order.iter().enumerate() {
            let owed = total / size + i64::from((i as i64) < total % size);
            for _ in 0..owed {
                let on: Vec<usize> = seats.fixed[s].iter().chain(&added_to[s]).copied().collect();
                let best = left
                    .iter()
                    .enumerate()
                    .filter(|(_, (j, f))| *f > 0 && !added_to[s].contains(j))
                    .min_by_key(|(_, (j, f))| {
                        let seen: u32 = on.iter().map(|&x| met[x.min(*j) * m + x.max(*j)]).sum();
                        (std::cmp::Reverse(*f), seen)
                    })
                    .map(|(i, _)| i);
                let Some(b) = best else { break };
                let j = left[b].0;
                left[b].1 -= 1;
                for &x in &on {
                    met[x.min(j) * m + x.max(j)] += 1;
                }
                added_to[s].push(j);
                placed += 1;
            }
        }
        if placed < total {
            // Not reached when the flow is right; place the seats so that none is lost.
            for &s in &order {
                added_to[s].clear();
            }
            let mut p = 0usize;
            for &(j, a) in &seat_arcs[c] {
                for _ in 0..net.flow(a) {
                    added_to[order[p % order.len()]].push(j);
                    p += 1;
                }
            }
        }
    }
    let mut loads = seats.load.clone();
    for j in added_to.iter().flatten() {
        loads[*j] += 1;
    }
    let counted: Vec<u64> = (0..n)
        .map(|s| u64::from((seats.fixed_ok[s] + added_to[s].len() as u32).min(k)))
        .collect();
    let filled = counted.iter().sum();
    let even = counted.iter().map(|c| c * c).sum();
    let squares = loads.iter().map(|&l| u64::from(l) * u64::from(l)).sum();
    Placed {
        classes,
        class_of,
        added_to,
        filled,
        even,
        squares,
    }
}
