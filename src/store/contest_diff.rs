//! What changed between two versions of a contest's set-up, field by field, for the audit log:
//! targets such as "round R / criterion C / max", values as plain text, points ("19.5") or the plain
//! forms of `super::audit` ("median", "flag above 15"), never Rust's debug output.

use super::audit::{advancement_value, divergence_value, method_value, scope_value, vacancy_value};
use crate::model::{Contest, Points, Rules};

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
    out.extend(rules_changes(&old.rules, &new.rules));
    push(
        &mut out,
        "awards / scope".into(),
        &old.awards.scope,
        &new.awards.scope,
        |s| Some(scope_value(*s)),
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
            a.as_ref().map(advancement_value)
        });
        assignment_changes(&mut out, o, n);
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
            o.criteria.iter().map(|c| (&c.id, &c.name)),
            n.criteria.iter().map(|c| (&c.id, &c.name)),
        );
    }
    list_changes(
        &mut out,
        "rounds",
        old.rounds.iter().map(|r| (&r.id, &r.name)),
        new.rounds.iter().map(|r| (&r.id, &r.name)),
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
        old.awards.tiers.iter().map(|t| (&t.id, &t.name)),
        new.awards.tiers.iter().map(|t| (&t.id, &t.name)),
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
        push(&mut out, at("signing key"), &o.key, &n.key, |k| k.clone());
        push(&mut out, at("expertise"), &o.expertise, &n.expertise, |l| {
            (!l.is_empty()).then(|| l.join(", "))
        });
        push(&mut out, at("avoid"), &o.avoid, &n.avoid, |l| {
            (!l.is_empty()).then(|| l.join(", "))
        });
    }
    list_changes(
        &mut out,
        "judges",
        old.judges.iter().map(|j| (&j.id, &j.name)),
        new.judges.iter().map(|j| (&j.id, &j.name)),
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
        old.categories.iter().map(|c| (&c.id, &c.name)),
        new.categories.iter().map(|c| (&c.id, &c.name)),
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

/// The assignments of a round that changed, judge by judge: "round R / judge J / assigned" with
/// the submissions before and after (None: none), and "… / locked" for the cells fixed by hand.
fn assignment_changes(out: &mut Vec<Change>, old: &crate::model::Round, new: &crate::model::Round) {
    use std::collections::BTreeMap;
    // By judge: (assigned, locked), in the order written.
    fn lists(r: &crate::model::Round) -> BTreeMap<&str, (Vec<&str>, Vec<&str>)> {
        let mut by_judge: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
        for a in &r.assignments {
            let entry = by_judge.entry(a.judge.as_str()).or_default();
            entry.0.extend(a.submissions.iter().map(String::as_str));
            entry.1.extend(a.locked.iter().map(String::as_str));
        }
        by_judge
    }
    if old.assignments == new.assignments {
        return;
    }
    let (before, after) = (lists(old), lists(new));
    let judges: std::collections::BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    let empty = (Vec::new(), Vec::new());
    let shown = |list: &Vec<&str>| (!list.is_empty()).then(|| list.join(", "));
    for judge in judges {
        let (o, n) = (
            before.get(judge).unwrap_or(&empty),
            after.get(judge).unwrap_or(&empty),
        );
        let at = |what: &str| format!("round {} / judge {judge} / {what}", new.id);
        let same = |a: &Vec<&str>, b: &Vec<&str>| {
            let mut a = a.clone();
            let mut b = b.clone();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        };
        if !same(&o.0, &n.0) {
            out.push(Change {
                target: at("assigned"),
                old: shown(&o.0),
                new: shown(&n.0),
            });
        }
        if !same(&o.1, &n.1) {
            out.push(Change {
                target: at("locked"),
                old: shown(&o.1),
                new: shown(&n.1),
            });
        }
    }
}

/// The scoring rules that changed, one field each: "rules / method", "rules / divergence",
/// "rules / min judges", "rules / vacancy".
pub fn rules_changes(old: &Rules, new: &Rules) -> Vec<Change> {
    let mut out = Vec::new();
    push(&mut out, "rules / method".into(), &old.method, &new.method, |m| {
        Some(method_value(*m))
    });
    push(
        &mut out,
        "rules / divergence".into(),
        &old.divergence,
        &new.divergence,
        |d| Some(divergence_value(d.as_ref())),
    );
    push(
        &mut out,
        "rules / min judges".into(),
        &old.min_judges,
        &new.min_judges,
        |n| Some(n.to_string()),
    );
    push(
        &mut out,
        "rules / vacancy".into(),
        &old.vacancy,
        &new.vacancy,
        |v| Some(vacancy_value(*v)),
    );
    out
}

/// Items added or removed between two lists of (id, name), as one change each: the target names
/// the list and the id ("judges / gk6"), the value the item's name (new when added, old when
/// removed), so the log still names an item once it is gone.
fn list_changes<'a>(
    out: &mut Vec<Change>,
    what: &str,
    old: impl Iterator<Item = (&'a String, &'a String)>,
    new: impl Iterator<Item = (&'a String, &'a String)>,
) {
    let old: Vec<(&String, &String)> = old.collect();
    let new: Vec<(&String, &String)> = new.collect();
    for (id, name) in new.iter().filter(|(id, _)| !old.iter().any(|(o, _)| o == id)) {
        out.push(Change {
            target: format!("{what} / {id}"),
            old: None,
            new: Some(name.to_string()),
        });
    }
    for (id, name) in old.iter().filter(|(id, _)| !new.iter().any(|(n, _)| n == id)) {
        out.push(Change {
            target: format!("{what} / {id}"),
            old: Some(name.to_string()),
            new: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_contest() -> Contest {
        let text = include_str!("../../assets/samples/hai-phong-2023.ron");
        let s: crate::model::Session = crate::store::files::parse_kind(
            std::path::Path::new("s.ron"),
            text,
            crate::model::FileKind::Session,
        )
        .unwrap();
        s.contest
    }

    #[test]
    fn lists_each_changed_field() {
        let old = sample_contest();
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
            old: Some("TS. Đỗ Thị Lan Anh".into()),
            new: None
        }));
        assert_eq!(changes.len(), 3);
        assert!(contest_changes(&old, &old).is_empty());
    }

    #[test]
    fn rules_scope_and_advancement_are_logged_field_by_field_in_plain_words() {
        use crate::model::{Advancement, Method, Scope, Vacancy};
        let old = sample_contest();
        let mut new = old.clone();
        new.rules.method = Method::TrimmedMean { drop: 1, from: 5 };
        new.rules.divergence = None;
        new.rules.min_judges = 4;
        new.rules.vacancy = Vacancy::CascadeDown;
        new.awards.scope = Scope::PerCategory;
        new.rounds[0].advancement = Some(Advancement {
            top_n: 8,
            min_score: Some(Points::parse("50.5").unwrap()),
            scope: Scope::Overall,
        });
        let changes = contest_changes(&old, &new);
        let change = |target: &str, old: Option<&str>, new: Option<&str>| Change {
            target: target.into(),
            old: old.map(String::from),
            new: new.map(String::from),
        };
        assert_eq!(
            changes,
            vec![
                change("rules / method", Some("mean"), Some("trimmed mean drop 1 from 5")),
                change("rules / divergence", Some("flag above 15"), Some("off")),
                change("rules / min judges", Some("3"), Some("4")),
                change("rules / vacancy", Some("vacant"), Some("cascade down")),
                change("awards / scope", Some("overall"), Some("per category")),
                change(
                    "round chung-khao / advancement",
                    None,
                    Some("top 8, min score 50.5, overall")
                ),
            ]
        );
        assert_eq!(rules_changes(&old.rules, &new.rules), changes[..4].to_vec());
    }
}
