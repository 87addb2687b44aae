//! The design of an assignment: which judges meet (score a submission together). Per-judge
//! corrections (the z-score method) and the judge analytics compare judges through the submissions
//! they share, so a good design connects every judge to every other, and makes each pair of judges
//! who share a category meet somewhere.
//!
//! The flow fixes how many seats each judge has in each class of interchangeable submissions; this
//! module only chooses *which* members of a class they sit on. Swapping two judges between two
//! members of one class keeps every load, every cost and every rule, so the search below never
//! costs the exact goals anything. It is a seeded local search: first fewer pairs that never meet,
//! then fewer separate groups.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The judges on each submission: fixed (scored or locked; never moved) and added by the plan.
pub struct Layout {
    m: usize,
    fixed: Vec<Vec<usize>>,
    added: Vec<Vec<usize>>,
    class_of: Vec<usize>,
    loads: Vec<u32>,
}

/// What the design is like.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties {
    /// Pairs of judges who share a category.
    pub pairs: u64,
    /// Of them, those who score no submission together, as judge indices (a < b).
    pub never_meet: Vec<(usize, usize)>,
    /// Judges (with a load) in groups that share no submission; one group when connected.
    pub groups: Vec<Vec<usize>>,
}

/// How often judges meet, and which pairs should.
struct Meetings {
    m: usize,
    count: Vec<u32>,
    target: Vec<bool>,
    /// Target pairs that never meet.
    apart: usize,
}

impl Meetings {
    fn at(&self, a: usize, b: usize) -> usize {
        a.min(b) * self.m + a.max(b)
    }
    fn add(&mut self, a: usize, b: usize, by: i32) {
        let i = self.at(a, b);
        let before = self.count[i];
        self.count[i] = before.wrapping_add_signed(by);
        if self.target[i] {
            match (before, self.count[i]) {
                (0, x) if x > 0 => self.apart -= 1,
                (x, 0) if x > 0 => self.apart += 1,
                _ => {}
            }
        }
    }
}

impl Layout {
    /// `class_of[s]`: the class of submission s (`usize::MAX`: none, nothing added).
    pub fn new(m: usize, fixed: &[Vec<usize>], added: Vec<Vec<usize>>, class_of: &[usize]) -> Self {
        let mut loads = vec![0u32; m];
        for j in fixed.iter().chain(&added).flatten() {
            loads[*j] += 1;
        }
        Layout {
            m,
            fixed: fixed.to_vec(),
            added,
            class_of: class_of.to_vec(),
            loads,
        }
    }

    /// The judges the plan adds to submission `s`.
    pub fn added(&self, s: usize) -> &[usize] {
        &self.added[s]
    }

    /// Every judge on submission `s`: fixed, then added.
    pub fn judges(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.fixed[s].iter().chain(&self.added[s]).copied()
    }

    pub fn load(&self, j: usize) -> u32 {
        self.loads[j]
    }

    fn sits(&self, j: usize, s: usize) -> bool {
        self.judges(s).any(|x| x == j)
    }

    fn meetings(&self, categories: &[Option<&str>]) -> Meetings {
        let m = self.m;
        let mut names: Vec<Option<&str>> = categories.to_vec();
        names.sort_unstable();
        names.dedup();
        let mut in_category = vec![false; m * names.len().max(1)];
        let mut count = vec![0u32; m * m];
        for (s, category) in categories.iter().enumerate().take(self.added.len()) {
            let c = names.binary_search(category).unwrap_or(0);
            let on: Vec<usize> = self.judges(s).collect();
            for (i, &a) in on.iter().enumerate() {
                in_category[a * names.len().max(1) + c] = true;
                for &b in &on[i + 1..] {
                    count[a.min(b) * m + a.max(b)] += 1;
                }
            }
        }
        let width = names.len().max(1);
        let mut target = vec![false; m * m];
        let mut apart = 0;
        for a in 0..m {
            for b in a + 1..m {
                let share = (0..width).any(|c| in_category[a * width + c] && in_category[b * width + c]);
                if share && a != b {
                    target[a * m + b] = true;
                    if count[a * m + b] == 0 {
                        apart += 1;
                    }
                }
            }
        }
        Meetings {
            m,
            count,
            target,
            apart,
        }
    }

    /// Moves judge `x` (added on `s`) to `t` and judge `b` (added on `t`) to `s`, updating who meets.
    fn swap(&mut self, meet: &mut Meetings, s: usize, x: usize, t: usize, b: usize) {
        let on_s: Vec<usize> = self.judges(s).filter(|&y| y != x).collect();
        let on_t: Vec<usize> = self.judges(t).filter(|&z| z != b).collect();
        for &y in &on_s {
            meet.add(x, y, -1);
            meet.add(b, y, 1);
        }
        for &z in &on_t {
            meet.add(b, z, -1);
            meet.add(x, z, 1);
        }
        if let Some(p) = self.added[s].iter().position(|&y| y == x) {
            self.added[s][p] = b;
        }
        if let Some(p) = self.added[t].iter().position(|&z| z == b) {
            self.added[t][p] = x;
        }
    }

    /// [`Layout::swap`], keeping `added_on` (each judge's added submissions) in step.
    fn exchange(
        &mut self,
        meet: &mut Meetings,
        added_on: &mut [Vec<usize>],
        s: usize,
        x: usize,
        t: usize,
        b: usize,
    ) {
        self.swap(meet, s, x, t, b);
        if let Some(p) = added_on[x].iter().position(|&u| u == s) {
            added_on[x][p] = t;
        }
        if let Some(p) = added_on[b].iter().position(|&u| u == t) {
            added_on[b][p] = s;
        }
    }

    /// Tries to make `a` and `b` meet by one swap that `accept`s (given the meetings after it);
    /// undoes a swap that is not accepted. The swap kept, as (s, x, t, b): x went from s to t, b
    /// from t to s.
    fn bring_together(
        &mut self,
        meet: &mut Meetings,
        (a, b): (usize, usize),
        (fixed_on, added_on): (&[Vec<usize>], &mut [Vec<usize>]),
        rng: &mut ChaCha8Rng,
        accept: &mut dyn FnMut(&Meetings) -> bool,
    ) -> Option<(usize, usize, usize, usize)> {
        // Some submissions a sits on (fixed there or added), and some b was added to, in a seeded
        // order: a few of each, so that a try costs the same in a round of 10,000.
        let mut on_a: Vec<usize> = fixed_on[a]
            .iter()
            .chain(&added_on[a])
            .copied()
            .filter(|&s| self.class_of[s] != usize::MAX && !self.sits(b, s))
            .collect();
        on_a.shuffle(rng);
        on_a.truncate(12);
        let mut from_b = added_on[b].clone();
        from_b.shuffle(rng);
        from_b.truncate(32);
        for &s in &on_a {
            for &t in &from_b {
                if t == s || self.class_of[t] != self.class_of[s] {
                    continue;
                }
                let movers: Vec<usize> = self.added[s]
                    .iter()
                    .copied()
                    .filter(|&x| x != a && !self.sits(x, t))
                    .collect();
                for x in movers {
                    self.exchange(meet, added_on, s, x, t, b);
                    if accept(meet) {
                        return Some((s, x, t, b));
                    }
                    self.exchange(meet, added_on, s, b, t, x);
                }
            }
        }
        None
    }

    /// Judges with a load, in groups that share no submission with each other.
    fn groups(&self, meet: &Meetings) -> Vec<Vec<usize>> {
        let m = self.m;
        let mut group = vec![usize::MAX; m];
        let mut out = Vec::new();
        for start in (0..m).filter(|&j| self.loads[j] > 0) {
            if group[start] != usize::MAX {
                continue;
            }
            let g = out.len();
            let mut members = vec![start];
            group[start] = g;
            let mut i = 0;
            while i < members.len() {
                let a = members[i];
                for b in (0..m).filter(|&b| self.loads[b] > 0 && b != a) {
                    if group[b] == usize::MAX && meet.count[meet.at(a, b)] > 0 {
                        group[b] = g;
                        members.push(b);
                    }
                }
                i += 1;
            }
            members.sort_unstable();
            out.push(members);
        }
        out
    }

    /// Swaps judges between interchangeable submissions so that fewer pairs who share a category
    /// never meet, then so that fewer groups are apart. `categories[s]`: the category of s.
    pub fn improve(&mut self, categories: &[Option<&str>], rng: &mut ChaCha8Rng) -> Properties {
        let m = self.m;
        let mut meet = self.meetings(categories);
        let mut added_on: Vec<Vec<usize>> = vec![Vec::new(); m];
        for (s, on) in self.added.iter().enumerate() {
            for &j in on {
                added_on[j].push(s);
            }
        }
        let mut fixed_on: Vec<Vec<usize>> = vec![Vec::new(); m];
        for (s, on) in self.fixed.iter().enumerate() {
            for &j in on {
                fixed_on[j].push(s);
            }
        }
        // Pairs apart, tried in a seeded order until none is left or tries run out.
        let mut apart: Vec<(usize, usize)> = (0..m)
            .flat_map(|a| (a + 1..m).map(move |b| (a, b)))
            .filter(|&(a, b)| meet.target[a * m + b] && meet.count[a * m + b] == 0)
            .collect();
        // Tries: a few per pair apart, and no more than a round's seats could need.
        let seats: usize = self.added.iter().map(Vec::len).sum();
        let mut tries = (8 * apart.len() + 16).min(4 * seats + 64);
        while !apart.is_empty() && tries > 0 {
            tries -= 1;
            let i = rng.random_range(0..apart.len());
            let (a, b) = apart[i];
            if meet.count[a * m + b] > 0 {
                apart.swap_remove(i);
                continue;
            }
            let before = meet.apart;
            let (x, y) = if rng.random_bool(0.5) { (a, b) } else { (b, a) };
            let mut fewer = |after: &Meetings| after.apart < before;
            if self
                .bring_together(&mut meet, (x, y), (&fixed_on, &mut added_on), rng, &mut fewer)
                .is_some()
            {
                apart.swap_remove(i);
            }
        }
        // Then groups apart: join two groups without parting more pairs (few tries: groups that
        // cannot be joined, judges of separate categories, are the common case).
        let mut groups = self.groups(&meet);
        let mut tries = 64;
        while groups.len() > 1 && tries > 0 {
            tries -= 1;
            let a = groups[0][rng.random_range(0..groups[0].len())];
            let other = &groups[rng.random_range(1..groups.len())];
            let b = other[rng.random_range(0..other.len())];
            let (count, before, ab) = (groups.len(), meet.apart, meet.at(a, b));
            let mut met = |after: &Meetings| after.count[ab] > 0 && after.apart <= before;
            if let Some((s, x, t, b)) =
                self.bring_together(&mut meet, (a, b), (&fixed_on, &mut added_on), rng, &mut met)
            {
                let now = self.groups(&meet);
                if now.len() < count {
                    groups = now;
                } else {
                    // The swap parted as much as it joined.
                    self.exchange(&mut meet, &mut added_on, s, b, t, x);
                }
            }
        }
        Properties {
            pairs: meet.target.iter().filter(|&&t| t).count() as u64,
            never_meet: (0..m)
                .flat_map(|a| (a + 1..m).map(move |b| (a, b)))
                .filter(|&(a, b)| meet.target[a * m + b] && meet.count[a * m + b] == 0)
                .collect(),
            groups,
        }
    }
}
