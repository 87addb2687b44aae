//! What changed between two versions of a contest's set-up, field by field, for the audit log.

use crate::model::{Contest, Points};

/// One changed field: where, old value, new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub target: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

fn opt_points(p: Option<Points>) -> Option<String> {
    p.map(|p| p.to_string())
}

fn push<T: PartialEq + std::fmt::Debug>(
    out: &mut Vec<Change>,
    target: String,
    old: &T,
    new: &T,
    show: impl Fn(&T) -> Option<String>,
) {
    if old != new {
        out.push(Change {
            target,
            old: show(old),
            new: show(new),
        });
    }
}

/// Every change from `old` to `new`. Items added or removed are one change each.
pub fn contest_changes(old: &Contest, new: &Contest) -> Vec<Change> {
    let mut out = Vec::new();
    let text = |s: &String| Some(s.clone());
    push(&mut out, "contest / name".into(), &old.name, &new.name, text);
    push(
        &mut out,
        "contest / organizer".into(),
        &old.organizer,
        &new.organizer,
        text,
    );
    push(&mut out, "contest / place".into(), &old.place, &new.place, text);
    push(&mut out, "contest / date".into(), &old.date, &new.date, |d| {
        d.map(|d| d.to_string())
    });
    push(
        &mut out,
        "contest / decimals".into(),
        &old.decimals,
        &new.decimals,
        |d| Some(d.to_string()),
    );
    push(&mut out, "rules".into(), &old.rules, &new.rules, |r| {
        Some(format!("{r:?}"))
    });
    push(
        &mut out,
        "awards / scope".into(),
        &old.awards.scope,
        &new.awards.scope,
        |s| Some(format!("{s:?}")),
    );
    for (o, n) in old.rounds.iter().zip(&new.rounds) {
        let at = |what: &str| format!("round {} / {what}", n.id);
        push(&mut out, at("name"), &o.name, &n.name, text);
        push(&mut out, at("tie-break chain"), &o.tie_break, &n.tie_break, |c| {
            c.as_ref().map(|c| c.join(" > "))
        });
        push(&mut out, at("judges"), &o.judges, &n.judges, |j| {
            Some(j.join(", "))
        });
        push(&mut out, at("advancement"), &o.advancement, &n.advancement, |a| {
            a.as_ref().map(|a| format!("{a:?}"))
        });
        for (oc, nc) in o.criteria.iter().zip(&n.criteria) {
            let at = |what: &str| format!("round {} / criterion {} / {what}", n.id, nc.id);
            push(&mut out, at("name"), &oc.name, &nc.name, text);
            push(
                &mut out,
                at("description"),
                &oc.description,
                &nc.description,
                text,
            );
            push(&mut out, at("max"), &oc.max, &nc.max, |p| Some(p.to_string()));
            push(&mut out, at("step"), &oc.step, &nc.step, |p| Some(p.to_string()));
            push(&mut out, at("weight"), &oc.weight, &nc.weight, |p| {
                Some(p.to_string())
            });
            push(&mut out, at("min"), &oc.min, &nc.min, |p| opt_points(*p));
            push(&mut out, at("rubric"), &oc.rubric, &nc.rubric, |r| {
                Some(format!("{} levels", r.len()))
            });
        }
        list_changes(
            &mut out,
            &format!("round {} / criteria", n.id),
            o.criteria.iter().map(|c| &c.id),
            n.criteria.iter().map(|c| &c.id),
        );
    }
    list_changes(
        &mut out,
        "rounds",
        old.rounds.iter().map(|r| &r.id),
        new.rounds.iter().map(|r| &r.id),
    );
    for (o, n) in old.awards.tiers.iter().zip(&new.awards.tiers) {
        let at = |what: &str| format!("tier {} / {what}", n.id);
        push(&mut out, at("name"), &o.name, &n.name, text);
        push(&mut out, at("count"), &o.count, &n.count, |c| Some(c.to_string()));
        push(&mut out, at("min score"), &o.min_score, &n.min_score, |p| {
            opt_points(*p)
        });
        push(&mut out, at("prize"), &o.prize_vnd, &n.prize_vnd, |v| {
            v.map(|v| v.to_string())
        });
    }
    list_changes(
        &mut out,
        "tiers",
        old.awards.tiers.iter().map(|t| &t.id),
        new.awards.tiers.iter().map(|t| &t.id),
    );
    for (o, n) in old.judges.iter().zip(&new.judges) {
        let at = |what: &str| format!("judge {} / {what}", n.id);
        push(&mut out, at("name"), &o.name, &n.name, text);
        push(
            &mut out,
            at("organization"),
            &o.organization,
            &n.organization,
            text,
        );
    }
    list_changes(
        &mut out,
        "judges",
        old.judges.iter().map(|j| &j.id),
        new.judges.iter().map(|j| &j.id),
    );
    for (o, n) in old.categories.iter().zip(&new.categories) {
        push(
            &mut out,
            format!("category {} / name", n.id),
            &o.name,
            &n.name,
            text,
        );
    }
    list_changes(
        &mut out,
        "categories",
        old.categories.iter().map(|c| &c.id),
        new.categories.iter().map(|c| &c.id),
    );
    if out.is_empty() && old != new {
        out.push(Change {
            target: "contest".into(),
            old: None,
            new: None,
        });
    }
    out
}

/// Items added or removed between two id lists, as one change each.
fn list_changes<'a>(
    out: &mut Vec<Change>,
    what: &str,
    old: impl Iterator<Item = &'a String>,
    new: impl Iterator<Item = &'a String>,
) {
    let old: Vec<&String> = old.collect();
    let new: Vec<&String> = new.collect();
    for id in new.iter().filter(|id| !old.contains(id)) {
        out.push(Change {
            target: format!("{what} / {id}"),
            old: None,
            new: Some("added".into()),
        });
    }
    for id in old.iter().filter(|id| !new.contains(id)) {
        out.push(Change {
            target: format!("{what} / {id}"),
            old: Some("removed".into()),
            new: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_changed_field() {
        let text = include_str!("../../assets/samples/hai-phong-2023.ron");
        let s: crate::model::Session = crate::store::files::parse_kind(
            std::path::Path::new("s.ron"),
            text,
            crate::model::FileKind::Session,
        )
        .unwrap();
        let old = s.contest.clone();
        let mut new = old.clone();
        new.rounds[0].criteria[1].max = Points::from_int(25);
        new.awards.tiers[0].count = 2;
        new.judges.pop();
        let changes = contest_changes(&old, &new);
        assert!(changes.contains(&Change {
            target: "round chung-khao / criterion tc2 / max".into(),
            old: Some("20".into()),
            new: Some("25".into())
        }));
        assert!(changes.contains(&Change {
            target: "tier nhat / count".into(),
            old: Some("1".into()),
            new: Some("2".into())
        }));
        assert!(changes.contains(&Change {
            target: "judges / gk6".into(),
            old: Some("removed".into()),
            new: None
        }));
        assert_eq!(changes.len(), 3);
        assert!(contest_changes(&old, &old).is_empty());
    }
}
