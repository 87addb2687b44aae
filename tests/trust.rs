//! Seal and verify: a sealed session is checked against itself, its paper digest and the raw scores,
//! and every change to scores, rules, decisions or results — made as values or as single bytes of
//! the file — is found.

use std::fs;
use std::path::Path;

use giamkhao::model::{FileKind, Method, Points, Resolution, Session};
use giamkhao::store::{self, files::parse_kind, seal};

const SAMPLE: &str = "assets/samples/hai-phong-2023.ron";

fn sealed() -> Session {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    seal::seal(
        &mut session,
        "Nguyễn Thị Lan (thư ký)",
        "2023-11-24T09:00:00Z".parse().unwrap(),
    )
    .unwrap();
    session
}

/// Whether a changed session is caught: by the file checks or by verify.
fn caught(session: &Session) -> bool {
    !store::validate_session(session).is_empty() || !seal::verify(session, None).ok()
}

#[test]
fn a_sealed_session_verifies_and_its_paper_digest_matches() {
    let session = sealed();
    let digest = session.seal.as_ref().unwrap().digest.clone();
    assert_eq!(digest.len(), 64);
    let v = seal::verify(&session, None);
    assert!(v.ok(), "{v:?}");
    // As copied from paper, in groups of four, in capitals.
    let grouped: Vec<String> = digest
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    assert!(seal::verify(&session, Some(&grouped.join(" "))).ok());
    let mut wrong = digest.clone();
    wrong.replace_range(63.., if digest.ends_with('0') { "1" } else { "0" });
    assert!(!seal::verify(&session, Some(&wrong)).ok());
    // The seal is in the audit log, and the digest covers the log up to it.
    let last = session.audit.last().unwrap();
    assert_eq!(last.kind, giamkhao::model::AuditKind::Seal);
    assert_eq!(last.new.as_deref(), Some(digest.as_str()));
}

#[test]
fn sealing_is_refused_while_a_tie_awaits_the_council() {
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    session.decisions.clear();
    let at = jiff::Timestamp::UNIX_EPOCH;
    assert_eq!(
        seal::seal(&mut session, "x", at),
        Err(seal::SealError::Provisional)
    );
    assert!(session.seal.is_none());
}

#[test]
fn unsealing_needs_a_reason_and_is_logged() {
    let mut session = sealed();
    let at = jiff::Timestamp::UNIX_EPOCH;
    assert_eq!(
        seal::unseal(&mut session, "x", "  ", at),
        Err(seal::SealError::NoReason)
    );
    assert!(session.seal.is_some());
    seal::unseal(
        &mut session,
        "Trần Văn Nam (chủ tịch)",
        "Sai tên dự án DA07 trên biên bản",
        at,
    )
    .unwrap();
    assert!(session.seal.is_none());
    let last = session.audit.last().unwrap();
    assert_eq!(last.kind, giamkhao::model::AuditKind::Unseal);
    assert_eq!(last.note, "Sai tên dự án DA07 trên biên bản");
}

#[test]
fn every_changed_score_rule_decision_or_result_is_found() {
    let base = sealed();
    let mut tried = 0;
    let mut check = |what: String, change: &dyn Fn(&mut Session)| {
        let mut s = base.clone();
        change(&mut s);
        assert_ne!(s, base, "{what}: the change changed nothing");
        assert!(caught(&s), "{what} was not detected");
        tried += 1;
    };
    // Every score of every sheet, up or down by one step.
    for (k, sheet) in base.scoresheets.iter().enumerate() {
        for (e, entry) in sheet.entries.iter().enumerate() {
            for (criterion, value) in &entry.scores {
                let delta = Points::from_hundredths(50).units();
                let new = Points::from_units(if value.to_f64() >= 1.0 {
                    value.units() - delta
                } else {
                    value.units() + delta
                });
                let criterion = criterion.clone();
                check(
                    format!("score {}/{}/{criterion}", sheet.judge, entry.submission),
                    &|s| {
                        s.scoresheets[k].entries[e].scores.insert(criterion.clone(), new);
                    },
                );
            }
            check(format!("recusal {}/{}", sheet.judge, entry.submission), &|s| {
                let r = &mut s.scoresheets[k].entries[e].recusal;
                *r = if r.is_some() {
                    None
                } else {
                    Some("xung đột".into())
                };
            });
        }
    }
    // The rules.
    check("method".into(), &|s| s.contest.rules.method = Method::Median);
    check("min_judges".into(), &|s| s.contest.rules.min_judges += 1);
    check("divergence".into(), &|s| s.contest.rules.divergence = None);
    for (c, _) in base.contest.rounds[0].criteria.iter().enumerate() {
        check(format!("weight of criterion {c}"), &|s| {
            s.contest.rounds[0].criteria[c].weight = Points::from_hundredths(200)
        });
        check(format!("max of criterion {c}"), &|s| {
            s.contest.rounds[0].criteria[c].max =
                Points::from_units(s.contest.rounds[0].criteria[c].max.units() + Points::SCALE)
        });
    }
    for (t, _) in base.contest.awards.tiers.iter().enumerate() {
        check(format!("count of tier {t}"), &|s| {
            s.contest.awards.tiers[t].count += 1
        });
        check(format!("prize of tier {t}"), &|s| {
            s.contest.awards.tiers[t].prize_vnd = Some(s.contest.awards.tiers[t].prize_vnd.unwrap_or(0) + 1)
        });
    }
    // The decisions.
    for (d, decision) in base.decisions.iter().enumerate() {
        check(format!("decision {d} removed"), &|s| {
            s.decisions.remove(d);
        });
        check(format!("decision {d} reason"), &|s| {
            s.decisions[d].reason.push('.')
        });
        check(format!("decision {d} by"), &|s| {
            s.decisions[d].by = "Người khác".into()
        });
        if let Resolution::Order(order) = &decision.resolution {
            let mut reversed = order.clone();
            reversed.reverse();
            check(format!("decision {d} order"), &|s| {
                s.decisions[d].resolution = Resolution::Order(reversed.clone())
            });
        }
    }
    // The saved results: every score, rank and award.
    for (i, row) in base.results[0].scopes[0].rows.iter().enumerate() {
        check(format!("result score {}", row.submission), &|s| {
            let r = &mut s.results[0].scopes[0].rows[i];
            r.score = r.score.map(|p| Points::from_units(p.units() + 100));
        });
        check(format!("result rank {}", row.submission), &|s| {
            let r = &mut s.results[0].scopes[0].rows[i];
            r.rank = r.rank.map(|k| k + 1);
        });
        check(format!("result award {}", row.submission), &|s| {
            let r = &mut s.results[0].scopes[0].rows[i];
            r.award = if r.award.is_some() {
                None
            } else {
                Some("nhat".into())
            };
        });
    }
    // Submissions, the audit log before the seal, and the seal itself.
    check("a title".into(), &|s| s.submissions[0].title.push('!'));
    check("an audit entry".into(), &|s| s.audit[0].by.push('!'));
    check("the seal".into(), &|s| {
        s.seal.as_mut().unwrap().digest.replace_range(0..1, "x")
    });
    eprintln!("{tried} changes tried, every one found");
    assert!(tried > 900, "{tried} changes tried");
}

#[test]
fn single_byte_changes_to_the_sealed_file_are_found_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    let mut session = sealed();
    store::save_session(&path, &mut session).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let original: Session = parse_kind(&path, &text, FileKind::Session).unwrap();
    assert!(seal::verify(&original, None).ok());
    // Digits, where scores, rules, decisions and results live; every 7th so the test stays quick.
    let positions: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_digit())
        .map(|(i, _)| i)
        .step_by(7)
        .collect();
    let (mut refused, mut found, mut harmless) = (0, 0, 0);
    for &i in &positions {
        let mut bytes = text.clone().into_bytes();
        bytes[i] = if bytes[i] == b'9' { b'0' } else { bytes[i] + 1 };
        let changed = String::from_utf8(bytes).unwrap();
        match parse_kind::<Session>(&path, &changed, FileKind::Session) {
            Err(_) => refused += 1,
            Ok(s) if s == original => harmless += 1,
            // A timestamp's digit after the seal's audit entries, say: outside the seal, on purpose.
            Ok(s) if s.audit.len() > s.seal.as_ref().map_or(0, |x| x.audit_len + 1) => harmless += 1,
            Ok(s) => {
                let around =
                    String::from_utf8_lossy(&text.as_bytes()[i.saturating_sub(60)..i + 5]).to_string();
                assert!(caught(&s), "byte {i} ({around:?}) changed unnoticed");
                found += 1;
            }
        }
    }
    eprintln!(
        "{} digits changed: {found} found by verify, {refused} refused on load, {harmless} harmless",
        positions.len()
    );
    // Every change was either refused or found (asserted above); most reach verify.
    assert!(
        found > 900 && found + refused > 1100,
        "found {found}, refused {refused}, harmless {harmless}"
    );
}

#[test]
fn a_merged_sheet_is_checked_against_its_receipt_and_its_file_against_its_digest() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let mut sheet = session.sheet("chung-khao", "gk6").unwrap().clone();
    sheet.entries[0].comment = "Nhận xét sau buổi bảo vệ".into();
    sheet.entries[0].revision += 1;
    let file = dir.path().join("gk6.ron");
    store::save_scoresheet(&file, &giamkhao::model::ScoresheetFile::new(sheet.clone())).unwrap();
    // The handed-in file carries its digest; changed by hand afterwards, it is refused.
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains(&seal::sheet_digest(&sheet)));
    let tampered = dir.path().join("gk6-sua.ron");
    fs::write(
        &tampered,
        text.replace("Nhận xét sau buổi bảo vệ", "Nhận xét khác"),
    )
    .unwrap();
    let refused = store::files::load_handed_in(&tampered).unwrap_err();
    let message = giamkhao::text::load_error(&refused, giamkhao::text::Lang::Vi);
    assert!(message.contains("phiếu đã bị sửa sau khi nộp"), "{message}");

    let handed_in = store::files::load_handed_in(&file).unwrap();
    let at = jiff::Timestamp::UNIX_EPOCH;
    store::merge_sheet(&mut session, &handed_in.sheet, "thư ký", "gk6.ron", at).unwrap();
    let receipt = session.receipts.last().unwrap().clone();
    assert_eq!(
        (receipt.judge.as_str(), receipt.source.as_str()),
        ("gk6", "gk6.ron")
    );
    assert_eq!(receipt.handed_in, seal::sheet_digest(&sheet));
    seal::seal(&mut session, "thư ký", at).unwrap();
    let v = seal::verify(&session, None);
    assert!(v.ok());
    assert!(
        v.checks
            .iter()
            .any(|c| matches!(c, seal::Check::Sheet { judge, .. } if judge == "gk6"))
    );
    // The sheet changed in the session afterwards (and the seal recomputed to hide it): the receipt
    // still tells.
    let k = session.scoresheets.iter().position(|s| s.judge == "gk6").unwrap();
    session.scoresheets[k].entries[1]
        .scores
        .insert("tc1".into(), Points::from_int(20));
    session.seal = None;
    session.audit.pop();
    session.results = giamkhao::scoring::compute(&session);
    seal::seal(&mut session, "thư ký", at).unwrap();
    let v = seal::verify(&session, None);
    assert!(!v.ok());
    assert!(
        v.checks
            .iter()
            .any(|c| !c.ok() && matches!(c, seal::Check::Sheet { judge, .. } if judge == "gk6"))
    );
}

#[test]
fn a_paper_sheet_is_confirmed_only_when_typed_twice_the_same() {
    use giamkhao::model::{PaperSheet, Pass};
    use giamkhao::store::paper::{ConfirmError, confirm, differences};
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let at = jiff::Timestamp::UNIX_EPOCH;
    let subs = vec!["DA01".to_string()];
    assert_eq!(
        confirm(&mut session, "chung-khao", "gk3", &subs, "x", at, None),
        Err(ConfirmError::NoSheet)
    );
    let mut paper = PaperSheet {
        round: "chung-khao".into(),
        judge: "gk3".into(),
        ..Default::default()
    };
    let scores: std::collections::BTreeMap<String, Points> = [
        ("tc1".to_string(), Points::from_int(15)),
        ("tc2".to_string(), Points::from_int(12)),
    ]
    .into();
    paper
        .entry_mut(Pass::First)
        .scores
        .insert("DA01".into(), scores.clone());
    session.paper = vec![paper.clone()];
    assert_eq!(
        confirm(&mut session, "chung-khao", "gk3", &subs, "x", at, None),
        Err(ConfirmError::NotTwice)
    );
    let mut slip = scores.clone();
    slip.remove("tc2");
    paper.entry_mut(Pass::Second).scores.insert("DA01".into(), slip);
    session.paper = vec![paper.clone()];
    let round = session.contest.rounds[0].clone();
    let diff = differences(&paper, &round, &subs);
    assert_eq!(diff.len(), 1);
    assert_eq!(
        (diff[0].criterion.as_str(), diff[0].first, diff[0].second),
        ("tc2", Some(Points::from_int(12)), None)
    );
    // Not compared before both typings are marked finished.
    assert_eq!(
        confirm(&mut session, "chung-khao", "gk3", &subs, "x", at, None),
        Err(ConfirmError::NotFinished(Pass::First))
    );
    paper.first.finished = true;
    paper.second.finished = true;
    session.paper = vec![paper.clone()];
    assert_eq!(
        confirm(&mut session, "chung-khao", "gk3", &subs, "x", at, None),
        Err(ConfirmError::Differ(1))
    );
    paper
        .entry_mut(Pass::Second)
        .scores
        .insert("DA01".into(), scores.clone());
    session.paper = vec![paper];
    // Confirmed on the secretariat's laptop: signed with its key, labelled as the secretariat's.
    let secretariat = ed25519_dalek::SigningKey::from_bytes(&[21u8; 32]);
    let print = store::signing::fingerprint(secretariat.verifying_key().as_bytes());
    let report = confirm(
        &mut session,
        "chung-khao",
        "gk3",
        &subs,
        "Nguyễn Thị Lan (thư ký)",
        at,
        Some(&secretariat),
    )
    .unwrap();
    assert_eq!(report.updated.len(), 1);
    assert_eq!(report.signed.as_deref(), Some(print.as_str()));
    let receipt = session.receipts.last().unwrap();
    assert!(receipt.signed.as_ref().unwrap().secretariat);
    let checks = seal::verify(&session, None).checks;
    assert!(checks.contains(&seal::Check::Signature {
        round: "chung-khao".into(),
        judge: "gk3".into(),
        secretariat: true,
        fingerprint: Some(print.clone()),
    }));
    let said = giamkhao::text::verification(
        &seal::verify(&session, None),
        &giamkhao::text::Names::of(&session),
        giamkhao::text::Lang::Vi,
    );
    assert!(
        said.iter()
            .any(|(ok, line)| *ok && line.contains("Chữ ký của ban thư ký trên phiếu giấy")),
        "{said:?}"
    );
    // The label is part of what is signed: the same signature passed off as the judge's fails.
    let mut relabelled = session.clone();
    relabelled
        .receipts
        .last_mut()
        .unwrap()
        .signed
        .as_mut()
        .unwrap()
        .secretariat = false;
    assert!(!seal::verify(&relabelled, None).ok());
    assert_eq!(
        session
            .sheet("chung-khao", "gk3")
            .unwrap()
            .entry("DA01")
            .unwrap()
            .scores
            .iter()
            .map(|(c, p)| (c.to_string(), *p))
            .collect::<std::collections::BTreeMap<_, _>>(),
        scores
    );
    // Confirmed paper sheets are sealed like the rest.
    seal::seal(&mut session, "x", at).unwrap();
    assert!(seal::verify(&session, None).ok());
    session.paper[0].first.typists.push("người khác".into());
    assert!(!seal::verify(&session, None).ok());
}

/// The sealed sample as a hand-edited file: the last-ranked project given every criterion's maximum
/// by every judge, and the results recomputed to match — everything consistent but the seal.
fn forged(dir: &Path) -> (std::path::PathBuf, String) {
    let path = dir.join("phien.ron");
    let mut session = sealed();
    store::save_session(&path, &mut session).unwrap();
    let digest = session.seal.as_ref().unwrap().digest.clone();
    let last = session.results[0].scopes[0]
        .rows
        .last()
        .unwrap()
        .submission
        .clone();
    let maxima: Vec<(String, Points)> = session.contest.rounds[0]
        .criteria
        .iter()
        .map(|c| (c.id.clone(), c.max))
        .collect();
    for sheet in &mut session.scoresheets {
        for entry in sheet.entries.iter_mut().filter(|e| e.submission == last) {
            entry.recusal = None;
            entry.scores = maxima.iter().map(|(c, p)| (c.as_str().into(), *p)).collect();
        }
    }
    session.results = giamkhao::scoring::compute(&session);
    let text = store::files::to_text(&session, store::Format::Ron).unwrap();
    fs::write(&path, text).unwrap();
    (path, digest)
}

#[test]
fn a_file_changed_after_its_seal_is_never_shown_as_sealed() {
    use giamkhao::store::export;
    use giamkhao::text::{self, Lang};
    let dir = tempfile::tempdir().unwrap();
    let (path, digest) = forged(dir.path());
    let session = store::load_session(&path).unwrap();
    assert!(matches!(
        seal::seal_state(&session),
        seal::SealState::Broken(_, ref b) if b.contains(&seal::Breach::Digest)
    ));
    let result = &session.results[0];
    for lang in [Lang::Vi, Lang::En] {
        let warning = text::broken_seal(lang);
        // Every table: the warning first, never the digest.
        let mut tables = export::tables(&session, result, lang);
        tables.push(export::awards(&session, result, lang));
        for table in &tables {
            assert_eq!(table.warning.as_deref(), Some(warning), "{}", table.name);
            let footer = format!("{:?}", table.footer);
            assert!(!footer.contains(&digest), "{}: {footer}", table.name);
            let csv = String::from_utf8(export::csv_bytes(table, lang).unwrap()).unwrap();
            let first = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
            assert!(first.contains(warning), "{first}");
            assert!(!csv.contains(&digest));
        }
        // The PDFs: no digest in their bytes' text, the warning on every page.
        for pdf in [
            store::pdf::results_report(&session, result, lang).unwrap(),
            store::pdf::award_list(&session, result, lang).unwrap(),
        ] {
            let file = dir.path().join("x.pdf");
            fs::write(&file, &pdf).unwrap();
            let Ok(out) = std::process::Command::new("pdftotext")
                .args(["-layout", file.to_str().unwrap(), "-"])
                .output()
            else {
                eprintln!("PDF text NOT CHECKED: pdftotext is missing");
                continue;
            };
            let words = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
            assert!(!words.contains(&digest[..16]), "the digest is printed");
            let pages = words.matches('\u{c}').count().max(1);
            let head = lang.t("NIÊM PHONG KHÔNG HỢP LỆ", "THE SEAL IS NOT VALID");
            assert!(words.matches(head).count() >= pages, "{words}");
        }
    }
    // An intact seal is shown as it is.
    let mut intact = sealed();
    let good = intact.seal.as_ref().unwrap().digest.clone();
    let tables = export::tables(&intact, &intact.results[0].clone(), Lang::Vi);
    assert!(tables[0].warning.is_none());
    assert!(format!("{:?}", tables[0].footer).contains(&good));
    intact.audit.pop();
    assert!(
        seal::seal_state(&intact).is_broken(),
        "the seal's own entry is gone"
    );
}

#[test]
fn nothing_may_follow_the_seal_in_the_log_and_its_entry_is_checked_whole() {
    use giamkhao::model::{AuditEntry, AuditKind};
    let session = sealed();
    let at = "2023-11-25T09:00:00Z".parse().unwrap();
    // A forged unseal ("fraud found") and a score change after the seal.
    for forged in [
        AuditEntry::new(
            at,
            "Chủ tịch Hội đồng",
            AuditKind::Unseal,
            "session".into(),
            None,
            None,
            "phát hiện gian lận",
        ),
        AuditEntry::new(
            at,
            "Chủ tịch Hội đồng",
            AuditKind::Score,
            "round chung-khao / judge gk1 / submission DA01 / criterion tc1".into(),
            Some("14".into()),
            Some("20".into()),
            "app",
        ),
    ] {
        let mut s = session.clone();
        s.audit.push(forged);
        let v = seal::verify(&s, None);
        assert!(v.checks.contains(&seal::Check::AfterSeal { entries: 1 }), "{v:?}");
        assert!(!v.ok());
        assert!(seal::seal_state(&s).is_broken());
    }
    // The seal's entry changed in its target, note or old value.
    let n = session.seal.as_ref().unwrap().audit_len;
    for change in [
        (|e: &mut AuditEntry| e.note = "đã kiểm tra".into()) as fn(&mut AuditEntry),
        |e| e.target = "round chung-khao".into(),
        |e| e.old = Some("0".repeat(64)),
    ] {
        let mut s = session.clone();
        change(&mut s.audit[n]);
        let v = seal::verify(&s, None);
        assert!(
            v.checks.contains(&seal::Check::SealEntry { logged: false }),
            "{v:?}"
        );
        assert!(seal::seal_state(&s).is_broken());
    }
}

#[test]
fn every_entry_of_the_log_is_chained_to_the_ones_before() {
    use giamkhao::store::audit::chain_break;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.ron");
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    store::save_session(&path, &mut session).unwrap();
    let saved = store::load_session(&path).unwrap();
    assert!(saved.audit.len() >= 5);
    assert!(saved.audit.iter().all(|e| e.chain.len() == 64));
    assert_eq!(chain_break(&saved.audit), None);
    assert!(
        seal::verify(&saved, None)
            .checks
            .contains(&seal::Check::LogChain {
                broken_at: None,
                entries: saved.audit.len()
            })
    );
    // Changed, slipped in, taken out, swapped: the chain breaks there.
    let mut changed = saved.clone();
    changed.audit[2].by = "Người Khác".into();
    assert_eq!(chain_break(&changed.audit), Some(2));
    let mut inserted = saved.clone();
    let extra = inserted.audit[1].clone();
    inserted.audit.insert(2, extra);
    assert_eq!(chain_break(&inserted.audit), Some(2));
    let mut removed = saved.clone();
    removed.audit.remove(1);
    assert_eq!(chain_break(&removed.audit), Some(1));
    let mut swapped = saved.clone();
    swapped.audit.swap(1, 2);
    assert_eq!(chain_break(&swapped.audit), Some(1));
    assert!(!seal::verify(&changed, None).ok());
    // New entries are chained on the next save, after the old ones, which stay as they were.
    let mut more = saved.clone();
    let before: Vec<String> = more.audit.iter().map(|e| e.chain.clone()).collect();
    more.audit.push(giamkhao::model::AuditEntry::new(
        "2023-11-26T00:00:00Z".parse().unwrap(),
        "Trần Văn Thư",
        giamkhao::model::AuditKind::Contest,
        "contest / name".into(),
        None,
        Some("x".into()),
        "app",
    ));
    store::save_session(&path, &mut more).unwrap();
    let again = store::load_session(&path).unwrap();
    assert_eq!(chain_break(&again.audit), None);
    assert_eq!(
        again.audit[..before.len()]
            .iter()
            .map(|e| e.chain.clone())
            .collect::<Vec<_>>(),
        before
    );
}

#[test]
fn verify_without_the_paper_digest_says_only_that_the_file_agrees_with_itself() {
    use giamkhao::text::{self, Lang};
    let session = sealed();
    let digest = session.seal.as_ref().unwrap().digest.clone();
    let v = seal::verify(&session, None);
    assert_eq!(v.verdict(), seal::Verdict::SelfConsistent);
    for lang in [Lang::Vi, Lang::En] {
        let words = text::verdict(v.verdict(), lang);
        assert!(
            !words.contains(lang.t("không có gì bị sửa", "nothing changed")),
            "{words}"
        );
        assert!(
            words.contains(lang.t("mã trên giấy", "digest on paper")),
            "{words}"
        );
    }
    assert_eq!(
        seal::verify(&session, Some(&digest)).verdict(),
        seal::Verdict::Proven
    );
    // A full forgery, re-sealed: it agrees with itself, and only the paper tells.
    let mut forgery = session.clone();
    seal::unseal(&mut forgery, "Kẻ Giả Mạo", "x", jiff::Timestamp::UNIX_EPOCH).unwrap();
    forgery.audit.clear();
    forgery.submissions[0].title = "Dự án khác".into();
    seal::seal(
        &mut forgery,
        "Kẻ Giả Mạo",
        "2023-11-24T09:00:00Z".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(
        seal::verify(&forgery, None).verdict(),
        seal::Verdict::SelfConsistent
    );
    assert_eq!(
        seal::verify(&forgery, Some(&digest)).verdict(),
        seal::Verdict::Mismatch
    );
}
/// An unseal reason goes into the audit log, where every text has a cap (store/limits.rs): a reason
/// longer than 2,000 characters is refused and the session stays sealed — taken, it would have made
/// the saved session fail its own validation when opened again.
#[test]
fn an_unseal_reason_over_its_cap_is_refused_and_the_session_stays_sealed() {
    let mut session = sealed();
    let at = jiff::Timestamp::UNIX_EPOCH;
    let error = seal::unseal(
        &mut session,
        "Trần Văn Nam",
        &"Sai tên dự án DA07".repeat(125),
        at,
    )
    .unwrap_err();
    assert!(session.seal.is_some());
    assert_eq!(
        giamkhao::text::seal_error(&error, giamkhao::text::Lang::Vi),
        "Lý do mở niêm phong dài 2.250 ký tự, vượt giới hạn 2.000 ký tự — hãy rút ngắn lại. Chưa lưu. Phiên vẫn niêm phong."
    );
    assert!(store::validate_session(&session).is_empty());
}

/// A signed sheet (issue 13): merged with its key's fingerprint in the report and its signature kept
/// in the receipt, which `verify` checks again; the same sheet changed after signing is refused whole,
/// in words, by the library and by `giamkhao merge`; a receipt's signature changed in the session
/// file fails `verify`.
#[test]
fn a_signed_sheet_is_merged_with_its_signature_kept_and_a_changed_one_is_refused() {
    use giamkhao::model::ScoresheetFile;
    use giamkhao::store::signing;

    let dir = tempfile::tempdir().unwrap();
    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let mut sheet = session.sheet("chung-khao", "gk6").unwrap().clone();
    sheet.entries[0].comment = "Nhận xét thêm sau buổi bảo vệ".into();
    sheet.entries[0].revision += 1;
    let key = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let print = signing::fingerprint(key.verifying_key().as_bytes());
    let mut file = ScoresheetFile::new(sheet);
    signing::sign(&mut file, &key);
    let good = dir.path().join("gk6.gkphieu");
    store::save_scoresheet(&good, &file).unwrap();

    // Changed after signing: a score raised in the file.
    let mut forged = file.clone();
    let (_, score) = forged.sheet.entries[1].scores.iter_mut().next().unwrap();
    *score = Points::from_int(20);
    forged.sheet.entries[1].revision += 1;
    let bad = dir.path().join("gk6-sua.gkphieu");
    store::save_scoresheet(&bad, &forged).unwrap();
    let before = session.clone();
    let at = "2023-11-24T10:00:00Z".parse().unwrap();
    let refused = store::merge::merge_handed_in(
        &mut session,
        &store::files::load_handed_in(&bad).unwrap(),
        "Trần Thư Ký",
        "gk6-sua.gkphieu",
        at,
    );
    assert_eq!(refused, Err(store::merge::MergeError::BadSignature));
    assert_eq!(session, before);

    let report = store::merge::merge_handed_in(
        &mut session,
        &store::files::load_handed_in(&good).unwrap(),
        "Trần Thư Ký",
        "gk6.gkphieu",
        at,
    )
    .unwrap();
    assert_eq!(report.signed.as_deref(), Some(print.as_str()));
    // Saved (which chains the log) and read back, as the organizer's app or `merge` leaves it.
    let saved = dir.path().join("sau-khi-gop.gkphien");
    store::files::save_session(&saved, &mut session).unwrap();
    let session = store::load_session(&saved).unwrap();
    let receipt = session.receipts.last().unwrap();
    assert_eq!(
        receipt.signed.as_ref().unwrap().public_key,
        file.signature.as_ref().unwrap().public_key
    );
    // Not sealed yet, so verify cannot pass as a whole; everything else checks.
    let fine = |v: &seal::Verification| {
        v.checks
            .iter()
            .filter(|c| !matches!(c, seal::Check::Sealed { .. }))
            .all(seal::Check::ok)
    };
    let v = seal::verify(&session, None);
    assert!(fine(&v), "{v:?}");
    assert!(v.checks.contains(&seal::Check::Signature {
        round: "chung-khao".into(),
        judge: "gk6".into(),
        secretariat: false,
        fingerprint: Some(print.clone()),
    }));

    // The receipt's copy of the signature edited in the session: verify says so.
    let mut edited = session.clone();
    edited
        .receipts
        .last_mut()
        .unwrap()
        .signed
        .as_mut()
        .unwrap()
        .audit_digest = "0".repeat(64);
    assert!(!fine(&seal::verify(&edited, None)));

    // `giamkhao verify` says it, with the key's fingerprint.
    let out = assert_cmd::Command::cargo_bin("giamkhao")
        .unwrap()
        .args(["verify", saved.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("hợp lệ, khóa {print}")) && said.contains("Chữ ký trên phiếu nộp của"),
        "{said}"
    );

    // The command line refuses the forged sheet, saying why, and leaves the session file as it was.
    let path = dir.path().join("phien.gkphien");
    fs::copy(SAMPLE, &path).unwrap();
    let before = fs::read(&path).unwrap();
    let out = assert_cmd::Command::cargo_bin("giamkhao")
        .unwrap()
        .env("GIAMKHAO_HOME", dir.path().join("home"))
        .args([
            "merge",
            path.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--by",
            "Trần Thư Ký",
        ])
        .assert()
        .failure()
        .get_output()
        .clone();
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("chữ ký của giám khảo không khớp"), "{said}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// A judge's file can claim only the judge's own changes (issue 13): its log's entries in another
/// person's name (a "Decision" by the council's chair) or of another kind are not copied into the
/// session's log, and the merge report counts them; the judge's own entry is kept, marked as the
/// judge's log.
#[test]
fn a_judges_file_cannot_put_other_peoples_entries_in_the_sessions_log() {
    use giamkhao::model::{AuditEntry, AuditKind, ScoresheetFile};

    let mut session = store::load_session(Path::new(SAMPLE)).unwrap();
    let mut sheet = session.sheet("chung-khao", "gk6").unwrap().clone();
    let da = sheet.entries[0].submission.clone();
    sheet.entries[0].comment = "Nhận xét thêm sau buổi bảo vệ".into();
    sheet.entries[0].revision += 1;
    let target = format!("round chung-khao / judge gk6 / submission {da}");
    let at = "2023-11-24T08:00:00Z".parse().unwrap();
    let entry = |by: &str, kind| AuditEntry::new(at, by, kind, target.clone(), None, Some("x".into()), "app");
    let mut file = ScoresheetFile::new(sheet);
    file.audit = vec![
        entry("TS. Đỗ Thị Lan Anh (gk6)", AuditKind::Comment),
        entry("Ông Giả Danh, Chủ tịch Hội đồng", AuditKind::Decision),
        entry("Bà Phạm Ngọc Ánh (gk4)", AuditKind::Score),
    ];
    let handed_in = store::files::HandedIn {
        sheet: file.sheet.clone(),
        audit: file.audit.clone(),
        signature: None,
    };
    let report = store::merge::merge_handed_in(
        &mut session,
        &handed_in,
        "Trần Thư Ký",
        "gk6.gkphieu",
        "2023-11-24T10:00:00Z".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(report.log_left_out, 2);
    let copied: Vec<&AuditEntry> = session.audit.iter().filter(|e| e.at == at).collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert_eq!(copied[0].by, "TS. Đỗ Thị Lan Anh (gk6)");
    assert_eq!(copied[0].note, "judge's log of gk6.gkphieu (app)");
    assert!(!session.audit.iter().any(|e| e.by.contains("Giả Danh")));
    let names = giamkhao::text::Names::of(&session);
    let said = giamkhao::text::merge_details(&report, &names, giamkhao::text::Lang::Vi).join("\n");
    assert!(
        said.contains("2 mục trong nhật ký của phiếu không được chép"),
        "{said}"
    );
}

/// A judge bound to their laptop's key (issue 13), by the fingerprint they read out, typed as people
/// type it: from then on a sheet for that judge signed with another key, or unsigned, is refused by
/// `giamkhao merge` with the reason and the session left as it was; one signed with their key is
/// merged. The binding is in the log, in the organizer's name.
#[test]
fn a_judge_bound_to_a_key_gets_only_sheets_signed_with_it() {
    use giamkhao::model::ScoresheetFile;
    use giamkhao::store::signing;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phien.gkphien");
    fs::copy(SAMPLE, &path).unwrap();
    let session = store::load_session(&path).unwrap();
    let mut sheet = session.sheet("chung-khao", "gk6").unwrap().clone();
    sheet.entries[0].comment = "Nhận xét thêm sau buổi bảo vệ".into();
    sheet.entries[0].revision += 1;
    let theirs = ed25519_dalek::SigningKey::from_bytes(&[11u8; 32]);
    let another = ed25519_dalek::SigningKey::from_bytes(&[12u8; 32]);
    let write = |name: &str, key: Option<&ed25519_dalek::SigningKey>| {
        let mut file = ScoresheetFile::new(sheet.clone());
        if let Some(key) = key {
            signing::sign(&mut file, key);
        }
        let p = dir.path().join(name);
        store::save_scoresheet(&p, &file).unwrap();
        p
    };
    let good = write("gk6.gkphieu", Some(&theirs));
    let forged = write("gk6-may-khac.gkphieu", Some(&another));
    let unsigned = write("gk6-khong-ky.gkphieu", None);
    let print = signing::fingerprint(theirs.verifying_key().as_bytes());
    let other = signing::fingerprint(another.verifying_key().as_bytes());
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("giamkhao")
            .unwrap()
            .env("GIAMKHAO_HOME", dir.path().join("home"))
            .args(args)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), said)
    };
    let p = path.to_str().unwrap();

    let (ok, said) = run(&["key", p, "--judge", "gk6", "abc", "--by", "Trần Thư Ký"]);
    assert!(!ok && said.contains("16 chữ số hệ mười sáu"), "{said}");
    // Read out and typed in small letters, without dashes.
    let typed = print.replace('-', "").to_lowercase();
    let (ok, said) = run(&["key", p, "--judge", "gk6", &typed, "--by", "Trần Thư Ký"]);
    assert!(ok && said.contains(&format!("Đã gắn khóa {print}")), "{said}");
    let bound = store::load_session(&path).unwrap();
    assert_eq!(
        bound.contest.judge("gk6").unwrap().key.as_deref(),
        Some(print.as_str())
    );
    assert!(bound.audit.iter().any(|e| e.by == "Trần Thư Ký"
        && e.target == "judge gk6 / signing key"
        && e.new.as_deref() == Some(print.as_str())));

    let before = fs::read(&path).unwrap();
    let (ok, said) = run(&["merge", p, forged.to_str().unwrap(), "--by", "Trần Thư Ký"]);
    assert!(
        !ok && said.contains(&format!("phiếu ký bằng khóa {other}, không phải khóa {print}")),
        "{said}"
    );
    let (ok, said) = run(&["merge", p, unsigned.to_str().unwrap(), "--by", "Trần Thư Ký"]);
    assert!(!ok && said.contains("phiếu này không có chữ ký"), "{said}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(forged.exists() && unsigned.exists());

    let (ok, said) = run(&["merge", p, good.to_str().unwrap(), "--by", "Trần Thư Ký"]);
    assert!(ok, "{said}");
    let merged = store::load_session(&path).unwrap();
    assert_eq!(
        merged.sheet("chung-khao", "gk6").unwrap().entries[0].comment,
        "Nhận xét thêm sau buổi bảo vệ"
    );
}
