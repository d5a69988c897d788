//! Ranking behaviour of `who_knows` over a small fixed network: declared vs written expertise,
//! misspellings, multi-word queries, ties, reasons that match the data, and incremental updates.

use crate::harness::expertise;

use expertise::*;
use kring::expertise::{Added, DeclaredField, MatchKind, Query, Reason};

#[test]
fn declared_and_evidence_beats_declared_only_beats_evidence_only() {
    let index = network();
    let ids = ranked(&index, "kubernetes");
    assert_eq!(&ids[..3], &[ALICE, BOB, CAROL], "full list: {ids:?}");
}

#[test]
fn enough_evidence_beats_a_weak_declaration_but_little_evidence_does_not() {
    let index = network();
    // Dan declared JavaScript: only a prefix of `java`. Erin wrote six Java messages, Fay one.
    let ids = ranked(&index, "java");
    assert!(position(&ids, ERIN) < position(&ids, DAN), "{ids:?}");
    assert!(position(&ids, DAN) < position(&ids, FAY), "{ids:?}");
    let found = index.who_knows(&Query::new("java"), NOW);
    let dan = found
        .iter()
        .find(|m| m.person_id == DAN)
        .map(|m| m.reasons.clone());
    assert_eq!(
        dan,
        Some(vec![Reason::Declared {
            tag: "JavaScript".into(),
            kind: MatchKind::Prefix,
            field: DeclaredField::Expertise
        }])
    );
}

#[test]
fn misspelled_queries_still_find_the_obvious_people() {
    let index = network();
    for typo in ["kubernets", "kuberentes", "Kubernetess"] {
        let ids = ranked(&index, typo);
        assert_eq!(&ids[..3], &[ALICE, BOB, CAROL], "{typo}: {ids:?}");
    }
    // Judy's one `postgress` typo does not hijack the misspelled query.
    let ids = ranked(&index, "postgress");
    assert_eq!(&ids[..2], &[IVAN, JUDY], "{ids:?}");
    let mut gdpr = ranked(&index, "gdrp");
    gdpr.truncate(3);
    gdpr.sort_unstable();
    assert_eq!(gdpr, [FRANK, GRACE, HEIDI]);
}

#[test]
fn fuzzy_declarations_are_labelled_as_such() {
    let index = network();
    let found = index.who_knows(&Query::new("kuberentes"), NOW);
    let bob = found
        .iter()
        .find(|m| m.person_id == BOB)
        .map(|m| m.summary(NOW));
    assert_eq!(bob.as_deref(), Some("declared: Kubernetes (similar)"));
}

#[test]
fn multi_word_queries_prefer_people_matching_every_word() {
    let index = network();
    let found = index.who_knows(&Query::new("gdpr audit"), NOW);
    let ids: Vec<u64> = found.iter().map(|m| m.person_id).collect();
    for both in [GRACE, FRANK] {
        for one in [HEIDI, KIM] {
            assert!(position(&ids, both) < position(&ids, one), "{ids:?}");
        }
    }
    let coverage = |id: u64| {
        found
            .iter()
            .find(|m| m.person_id == id)
            .map(|m| m.parts.coverage)
    };
    assert_eq!(coverage(GRACE), Some(1.0));
    assert_eq!(coverage(KIM), Some(0.5));
    // One tag covering both words is shown once.
    let grace = found
        .iter()
        .find(|m| m.person_id == GRACE)
        .map(|m| m.reasons[0].clone());
    assert_eq!(
        grace,
        Some(Reason::Declared {
            tag: "GDPR audits".into(),
            kind: MatchKind::Exact,
            field: DeclaredField::Expertise
        })
    );
}

#[test]
fn reasons_match_the_data() {
    let index = network();
    let found = index.who_knows(&Query::new("kubernetes"), NOW);
    let alice = found
        .iter()
        .find(|m| m.person_id == ALICE)
        .map(|m| m.reasons.clone())
        .unwrap_or_default();
    // The expected evidence, derived from the fixture with plain string matching.
    let theirs: Vec<_> = messages()
        .into_iter()
        .filter(|m| m.sender_id == ALICE)
        .filter(|m| {
            m.body.to_lowercase().contains("kubernetes")
                || m.topics.iter().any(|t| t == "kubernetes")
        })
        .collect();
    let newest = theirs.iter().map(|m| m.created_at).max();
    let in_platform = theirs
        .iter()
        .filter(|m| m.community.as_deref() == Some("Engineering Platform"))
        .count();
    assert!(in_platform * 2 > theirs.len());
    let tagged = theirs
        .iter()
        .filter(|m| m.topics.iter().any(|t| t == "kubernetes"))
        .count();
    assert_eq!(
        alice,
        vec![
            Reason::Declared {
                tag: "Kubernetes".into(),
                kind: MatchKind::Exact,
                field: DeclaredField::Expertise
            },
            Reason::Evidence {
                messages: theirs.len() as u32,
                top_community: Some("Engineering Platform".into()),
                last_at: newest.unwrap_or_default(),
            },
            Reason::Topic {
                name: "kubernetes".into(),
                count: tagged as u32
            },
        ]
    );
    let days = (NOW - newest.unwrap_or_default()) / DAY;
    let summary = found
        .iter()
        .find(|m| m.person_id == ALICE)
        .map(|m| m.summary(NOW))
        .unwrap_or_default();
    assert_eq!(
        summary,
        format!(
            "declared: Kubernetes · {} messages in Engineering Platform · last {days} days ago · #kubernetes ×{tagged}",
            theirs.len()
        )
    );
}

#[test]
fn scores_are_the_sum_of_their_parts_and_sorted() {
    let index = network();
    let found = index.who_knows(&Query::new("gdpr audit"), NOW);
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    for m in &found {
        let expected = (m.parts.declared + m.parts.evidence) * m.parts.coverage;
        assert!((m.score - expected).abs() < 1e-5, "{m:?}");
        let has_declared = m
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Declared { .. }));
        assert_eq!(has_declared, m.parts.declared > 0.0, "{m:?}");
        let has_evidence = m
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Evidence { .. }));
        assert_eq!(has_evidence, m.parts.evidence > 0.0, "{m:?}");
    }
}

#[test]
fn equal_scores_tie_break_by_name_then_id() {
    let index = network();
    let found = index.who_knows(&Query::new("terraform"), NOW);
    let ids: Vec<u64> = found.iter().map(|m| m.person_id).collect();
    assert_eq!(ids, [ABE_TIE_LOW_ID, ABE_TIE_HIGH_ID, ZOE_TIE]);
    assert!(found.windows(2).all(|w| w[0].score == w[1].score));
}

#[test]
fn ranking_is_deterministic_across_builds_and_insertion_orders() {
    let forward = network();
    let mut backward = kring::expertise::ExpertiseIndex::new();
    for message in messages().into_iter().rev() {
        backward.add_message(message);
    }
    for person in people().into_iter().rev() {
        backward.upsert_person(person);
    }
    for text in ["kubernetes", "gdpr audit", "java", "postgress", "terraform"] {
        let query = Query::new(text);
        assert_eq!(
            forward.who_knows(&query, NOW),
            backward.who_knows(&query, NOW),
            "{text}"
        );
    }
}

#[test]
fn adding_messages_changes_the_ranking_and_re_adding_is_a_no_op() {
    let mut index = network();
    assert!(ranked(&index, "kafka").is_empty());
    let first = message(
        900,
        BOB,
        "Engineering Platform",
        1,
        0,
        &[],
        "Kafka consumer lag alert tuned.",
    );
    assert_eq!(index.add_message(first.clone()), Added::New);
    assert_eq!(ranked(&index, "kafka"), [BOB]);
    for (offset, days) in [(0, 1), (1, 2), (2, 3), (3, 4)] {
        let text = "Kafka topic compaction and Kafka retention settings explained.";
        index.add_message(message(
            901 + offset,
            CAROL,
            "Engineering Platform",
            days,
            2,
            &["kafka"],
            text,
        ));
    }
    assert_eq!(ranked(&index, "kafka"), [CAROL, BOB]);
    let before = index.who_knows(&Query::new("kafka"), NOW);
    let stats = index.stats();
    assert_eq!(index.add_message(first), Added::AlreadyIndexed);
    assert_eq!(index.who_knows(&Query::new("kafka"), NOW), before);
    assert_eq!(index.stats(), stats);
    for id in 901..905 {
        assert!(index.remove_message(id));
    }
    assert!(!index.remove_message(901));
    assert_eq!(ranked(&index, "kafka"), [BOB]);
}

#[test]
fn recent_and_liked_messages_count_more() {
    let mut index = network();
    let body = "Notes on the zookeeper migration.";
    for n in 0..3 {
        index.add_message(message(
            950 + n,
            HEIDI,
            "Data Community",
            400 + n as i64,
            0,
            &[],
            body,
        ));
        index.add_message(message(
            960 + n,
            JUDY,
            "Data Community",
            2 + n as i64,
            0,
            &[],
            body,
        ));
    }
    assert_eq!(ranked(&index, "zookeeper"), [JUDY, HEIDI]);
    let body = "Sketches for the onboarding illustrations.";
    for n in 0..3 {
        index.add_message(message(970 + n, FAY, "Web Guild", 5, 0, &[], body));
        index.add_message(message(980 + n, DAN, "Web Guild", 5, 0, &[], body));
    }
    let before = ranked(&index, "illustrations");
    let liked = if before.first() == Some(&FAY) {
        DAN
    } else {
        FAY
    };
    for n in 0..3 {
        let id = if liked == FAY { 970 + n } else { 980 + n };
        assert!(index.set_likes(id, 50));
    }
    assert_eq!(
        ranked(&index, "illustrations").first(),
        Some(&liked),
        "before likes: {before:?}"
    );
}
