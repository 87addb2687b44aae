//! A minimum-cost maximum flow, the exact method behind automatic assignment: successive shortest
//! paths with Dijkstra on reduced costs (Johnson potentials), and in each phase every shortest path
//! at once by a blocking flow on the arcs of reduced cost zero (the primal–dual method).
//!
//! An arc may be *convex*: its k-th unit costs `base + step × k`. That is how judges' loads are kept
//! even — one more submission for a judge who already has ℓ costs more than one for a judge who has
//! fewer — without one parallel arc per unit. All costs are non-negative, so potentials start at 0.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Flow and cost amounts. Costs are i128: automatic assignment weighs its goals lexicographically
/// with factors that multiply (balance ≫ changes ≫ expertise), and they must never overflow.
pub type Cost = i128;

#[derive(Clone, Debug)]
struct Arc {
    to: u32,
    /// Residual capacity. For a reverse arc: the flow on its forward arc.
    cap: i64,
    /// The forward arc's cost of its first unit (unused on a reverse arc).
    base: Cost,
    /// What each unit already carried adds to the next one's cost (0: a linear arc).
    step: Cost,
}

/// A network of nodes `0..n`; arcs are added in pairs (forward at an even index, reverse after).
#[derive(Clone, Debug, Default)]
pub struct Network {
    arcs: Vec<Arc>,
    out: Vec<Vec<u32>>,
}

impl Network {
    pub fn new(nodes: usize) -> Self {
        Network {
            arcs: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds an arc from `from` to `to` carrying up to `cap`, whose k-th unit (from 0) costs
    /// `base + step × k`; returns its index for [`Network::flow`].
    pub fn arc(&mut self, from: usize, to: usize, cap: i64, base: Cost, step: Cost) -> usize {
        debug_assert!(base >= 0 && step >= 0 && cap >= 0);
        let index = self.arcs.len();
        self.arcs.push(Arc {
            to: to as u32,
            cap,
            base,
            step,
        });
        self.arcs.push(Arc {
            to: from as u32,
            cap: 0,
            base: 0,
            step: 0,
        });
        self.out[from].push(index as u32);
        self.out[to].push(index as u32 + 1);
        index
    }

    /// The flow on the arc added as `arc`.
    pub fn flow(&self, arc: usize) -> i64 {
        self.arcs[arc ^ 1].cap
    }

    /// What the next unit through residual arc `a` costs (negative on a reverse arc: the unit
    /// given back).
    fn cost(&self, a: usize) -> Cost {
        if a & 1 == 0 {
            let forward = &self.arcs[a];
            forward.base + forward.step * Cost::from(self.arcs[a ^ 1].cap)
        } else {
            let forward = &self.arcs[a ^ 1];
            -(forward.base + forward.step * Cost::from(self.arcs[a].cap - 1))
        }
    }

    /// The most flow from `source` to `sink`, at the least cost among maximum flows. Returns the
    /// flow sent.
    pub fn min_cost_max_flow(&mut self, source: usize, sink: usize) -> i64 {
        let n = self.out.len();
        let mut potential: Vec<Cost> = vec![0; n];
        let mut dist: Vec<Cost> = vec![0; n];
        let mut level: Vec<u32> = vec![0; n];
        let mut next: Vec<usize> = vec![0; n];
        let mut total = 0;
        loop {
            if !self.shortest(source, &potential, &mut dist) || dist[sink] == Cost::MAX {
                return total;
            }
            for v in 0..n {
                if dist[v] != Cost::MAX {
                    potential[v] += dist[v];
                }
            }
            // Every path of reduced cost 0 in this phase, by levels (Dinic).
            loop {
                if !self.levels(source, sink, &potential, &mut level) {
                    break;
                }
                next.iter_mut().for_each(|x| *x = 0);
                loop {
                    let pushed = self.push(source, sink, &potential, &level, &mut next);
                    if pushed == 0 {
                        break;
                    }
                    total += pushed;
                }
            }
        }
    }

    fn admissible(&self, a: usize, from: usize, potential: &[Cost]) -> bool {
        let arc = &self.arcs[a];
        arc.cap > 0 && self.cost(a) + potential[from] - potential[arc.to as usize] == 0
    }

    /// Dijkstra from `source` on reduced costs; `dist` is `Cost::MAX` where unreachable. False when
    /// nothing is reachable beyond the source.
    fn shortest(&self, source: usize, potential: &[Cost], dist: &mut [Cost]) -> bool {
        dist.iter_mut().for_each(|d| *d = Cost::MAX);
        dist[source] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0 as Cost, source as u32)));
        let mut reached = false;
        while let Some(Reverse((d, u))) = heap.pop() {
            let u = u as usize;
            if d > dist[u] {
                continue;
            }
            for &a in &self.out[u] {
                let a = a as usize;
                let arc = &self.arcs[a];
                if arc.cap <= 0 {
                    continue;
                }
                let v = arc.to as usize;
                let reduced = self.cost(a) + potential[u] - potential[v];
                debug_assert!(reduced >= 0, "a negative reduced cost breaks Dijkstra");
                let nd = d + reduced;
                if nd < dist[v] {
                    dist[v] = nd;
                    reached = true;
                    heap.push(Reverse((nd, v as u32)));
                }
            }
        }
        reached
    }

    /// Breadth-first levels over admissible arcs; whether the sink is reached.
    fn levels(&self, source: usize, sink: usize, potential: &[Cost], level: &mut [u32]) -> bool {
        level.iter_mut().for_each(|l| *l = u32::MAX);
        level[source] = 0;
        let mut queue = std::collections::VecDeque::from([source]);
        while let Some(u) = queue.pop_front() {
            for &a in &self.out[u] {
                let a = a as usize;
                let v = self.arcs[a].to as usize;
                if level[v] == u32::MAX && self.admissible(a, u, potential) {
                    level[v] = level[u] + 1;
                    queue.push_back(v);
                }
            }
        }
        level[sink] != u32::MAX
    }

    /// One augmenting path along increasing levels, found without recursion (paths can be long);
    /// `next` holds each node's current arc. Returns the amount pushed, 0 when blocked.
    fn push(
        &mut self,
        source: usize,
        sink: usize,
        potential: &[Cost],
        level: &[u32],
        next: &mut [usize],
    ) -> i64 {
        let mut path: Vec<usize> = Vec::new();
        let mut u = source;
        loop {
            if u == sink {
                // A convex arc takes one unit at this cost: the next costs more.
                let amount = path
                    .iter()
                    .map(|&a| {
                        if a & 1 == 0 && self.arcs[a].step > 0 {
                            1
                        } else {
                            self.arcs[a].cap
                        }
                    })
                    .min()
                    .unwrap_or(0);
                for &a in &path {
                    self.arcs[a].cap -= amount;
                    self.arcs[a ^ 1].cap += amount;
                }
                return amount;
            }
            let mut advanced = false;
            while next[u] < self.out[u].len() {
                let a = self.out[u][next[u]] as usize;
                let v = self.arcs[a].to as usize;
                if level[v] == level[u].wrapping_add(1) && self.admissible(a, u, potential) {
                    path.push(a);
                    u = v;
                    advanced = true;
                    break;
                }
                next[u] += 1;
            }
            if !advanced {
                // A dead end: step back and skip the arc that led here.
                let Some(a) = path.pop() else {
                    return 0;
                };
                u = self.arcs[a ^ 1].to as usize;
                next[u] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sources of cost 1 and 5 to one sink, and a convex arc: the cheapest units go first and
    /// the convex arc's units cost 0, 1, 2…
    #[test]
    fn the_cheapest_maximum_flow_is_found_and_convex_arcs_charge_more_per_unit() {
        // 0 → 1 (cap 3, cost 1), 0 → 2 (cap 3, cost 5), 1 → 3 convex (0, +10), 2 → 3 (cap 1, cost 0).
        let mut net = Network::new(4);
        let a = net.arc(0, 1, 3, 1, 0);
        let b = net.arc(0, 2, 3, 5, 0);
        let c = net.arc(1, 3, 10, 0, 10);
        let d = net.arc(2, 3, 1, 0, 0);
        assert_eq!(net.min_cost_max_flow(0, 3), 4);
        assert_eq!((net.flow(a), net.flow(b), net.flow(c), net.flow(d)), (3, 1, 3, 1));
    }

    /// A path that must give back a unit already placed (a reverse arc) to reach the maximum.
    #[test]
    fn a_unit_already_placed_is_moved_when_that_lets_more_through() {
        // s=0, u=1, v=2, x=3, y=4, t=5. u–x cheap, u–y, v–x only; x, y cap 1 to t.
        let mut net = Network::new(6);
        net.arc(0, 1, 1, 0, 0);
        net.arc(0, 2, 1, 0, 0);
        let ux = net.arc(1, 3, 1, 0, 0);
        let uy = net.arc(1, 4, 1, 3, 0);
        let vx = net.arc(2, 3, 1, 0, 0);
        net.arc(3, 5, 1, 0, 0);
        net.arc(4, 5, 1, 0, 0);
        assert_eq!(net.min_cost_max_flow(0, 5), 2);
        assert_eq!((net.flow(ux), net.flow(uy), net.flow(vx)), (0, 1, 1));
    }
}
