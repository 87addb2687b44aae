//! Spec §6 (and the advancement cut of §6–7): one walk down the ranked list, tier by tier, with
//! minimum scores, vacant or cascading slots, and ties across the last slot settled only by a
//! recorded council decision.

use std::ops::Range;

use crate::model::{
    Decision, Flag, Points, Resolution, SubmissionResult, TieTarget, TiedGroup, same_members,
};

/// A tier (or the advancement cut) as the walk sees it.
pub struct Slot {
    pub target: TieTarget,
    pub capacity: u32,
    pub min_score: Option<Points>,
}

/// Where a tie may find its decision.
pub struct DecisionContext<'a> {
    pub decisions: &'a [Decision],
    pub round: &'a str,
    pub category: Option<&'a str>,
}

#[derive(Default)]
pub struct Allocation {
    /// Per row position: the index of the slot it takes.
    pub taken: Vec<Option<usize>>,
    pub ties: Vec<TiedGroup>,
    /// (slot index, empty slots)
    pub vacant: Vec<(usize, u32)>,
    pub used_decisions: Vec<usize>,
    pub pending: bool,
}

/// Walks the ranked `groups` (row positions sharing a rank, best first) through `slots` in order.
/// Rows flagged below a criterion minimum are passed over. Adds `Tied` flags to the rows.
pub fn allocate(
    rows: &mut [SubmissionResult],
    groups: &[Range<usize>],
    slots: &[Slot],
    cascade: bool,
    ctx: &DecisionContext,
) -> Allocation {
    let mut out = Allocation {
        taken: vec![None; rows.len()],
        ..Default::default()
    };
    let below_minimum: Vec<bool> = rows
        .iter()
        .map(|row| row.flags.iter().any(|f| matches!(f, Flag::BelowMinimum { .. })))
        .collect();
    // The groups still to place, best first, without the rows below a minimum: those a council's
    // order sent on to the next tier, then the ranking's, read only as far as the slots go (a
    // round of 100,000 gives out a few dozen awards).
    let mut sent_on: Vec<Vec<usize>> = Vec::new();
    let mut ranked = groups
        .iter()
        .map(|g| g.clone().filter(|&i| !below_minimum[i]).collect::<Vec<_>>())
        .filter(|g| !g.is_empty())
        .peekable();
    let mut carry = 0u32;
    for (slot_index, slot) in slots.iter().enumerate() {
        let mut remaining = slot.capacity + std::mem::take(&mut carry);
        while remaining > 0 {
            let Some(first) = sent_on.last().or_else(|| ranked.peek()).map(|g| g[0]) else {
                break;
            };
            let score = rows[first].score;
            if slot.min_score.is_some_and(|min| score.is_none_or(|s| s < min)) {
                break;
            }
            let Some(group) = sent_on.pop().or_else(|| ranked.next()) else {
                break;
            };
            if group.len() as u32 <= remaining {
                remaining -= group.len() as u32;
                for &i in &group {
                    out.taken[i] = Some(slot_index);
                }
                continue;
            }
            // A tie across the last slot(s): only a recorded decision settles it.
            let members: Vec<String> = group.iter().map(|&i| rows[i].submission.clone()).collect();
            let found = ctx.decisions.iter().enumerate().find(|(_, d)| {
                d.settles(ctx.round, ctx.category, &slot.target, &members)
                    && fits(&d.resolution, &slot.target, &members)
            });
            let settled = found.is_some();
            for &i in &group {
                rows[i].flags.push(Flag::Tied {
                    target: slot.target.clone(),
                    slots: remaining,
                    members: group.len() as u32,
                    settled,
                });
            }
            out.ties.push(TiedGroup {
                target: slot.target.clone(),
                slots: remaining,
                members: members.clone(),
                rank: rows[group[0]].rank.unwrap_or(0),
                decision: found.map(|(i, _)| i),
                resolution: found.map(|(_, d)| d.resolution.clone()),
            });
            match found {
                None => out.pending = true,
                Some((index, decision)) => {
                    out.used_decisions.push(index);
                    match &decision.resolution {
                        Resolution::Order(order) => {
                            let position =
                                |id: &String| group.iter().copied().find(|&i| &rows[i].submission == id);
                            let ordered: Vec<usize> = order.iter().filter_map(position).collect();
                            for &i in &ordered[..remaining as usize] {
                                out.taken[i] = Some(slot_index);
                            }
                            // The others go on, in the council's order, to the next tier.
                            for &i in ordered[remaining as usize..].iter().rev() {
                                sent_on.push(vec![i]);
                            }
                        }
                        Resolution::ShareAward | Resolution::AdvanceAll => {
                            for &i in &group {
                                out.taken[i] = Some(slot_index);
                            }
                        }
                    }
                }
            }
            remaining = 0;
        }
        if remaining > 0 {
            if cascade && slot_index + 1 < slots.len() {
                carry = remaining;
            } else {
                out.vacant.push((slot_index, remaining));
            }
        }
    }
    out
}

/// Whether a resolution can settle a tie for this target with these members.
fn fits(resolution: &Resolution, target: &TieTarget, members: &[String]) -> bool {
    match (resolution, target) {
        (Resolution::Order(order), _) => same_members(order, members),
        (Resolution::ShareAward, TieTarget::Tier(_)) => true,
        (Resolution::AdvanceAll, TieTarget::Advancement) => true,
        _ => false,
    }
}
