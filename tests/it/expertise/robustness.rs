//! Bad input never panics the expertise index and never breaks its promises: empty, huge,
//! unicode and garbage queries; hostile messages; extreme times. The property tests take their
//! case count from `PROPTEST_CASES` (proptest's default otherwise).

use crate::harness::expertise;

use expertise::*;
use kring::expertise::{ExpertiseIndex, MAX_QUERY_BYTES, MessageDoc, Query, SortOrder};
use proptest::prelude::*;

/// Checks the promises every answer keeps, whatever the query.
fn check_answers(index: &ExpertiseIndex, query: &Query, now: i64) {
    let hidden = EVE_HIDDEN;
    let found = index.who_knows(query, now);
    assert!(
        found
            .iter()
            .all(|m| m.person_id != hidden && index.person(m.person_id).is_some())
    );
    assert!(
        found
            .iter()
            .all(|m| m.score.is_finite() && m.score > 0.0 && !m.reasons.is_empty())
    );
    if query.sort == SortOrder::Relevance {
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    }
    for m in &found {
        let _ = m.summary(now);
    }
    let listed = index.directory(query);
    assert!(
        listed
            .iter()
            .all(|&id| id != hidden && index.person(id).is_some())
    );
    if let Some(limit) = query.limit {
        assert!(found.len() <= limit && listed.len() <= limit);
    }
    for m in found.iter().take(3) {
        let evidence = index.evidence(m.person_id, query, 5);
        assert!(evidence.len() <= 5);
    }
    assert!(index.evidence(hidden, query, 5).is_empty());
}

#[test]
fn garbage_queries_do_not_panic() {
    let index = network();
    let huge = "kubernetes ".repeat(20_000);
    let long_word = "k".repeat(MAX_QUERY_BYTES * 4);
    let queries = [
        "",
        "   ",
        "!!!",
        "???",
        "\0\u{1b}[2J\u{202e}",
        "🙂🙂 kubernetes 🙂",
        "İstanbul ǅemal ΣΊΣΥΦΟΣ",
        "日本語 テスト",
        "e\u{301}\u{301}\u{301}",
        "c++ c# f#",
        "who knows",
        "who knows about ",
        "a the of and",
        "kubernetes kubernetes kubernetes",
        huge.as_str(),
        long_word.as_str(),
    ];
    for text in queries {
        for sort in [
            SortOrder::Relevance,
            SortOrder::Name,
            SortOrder::RecentlyActive,
        ] {
            let query = Query::new(text).sort(sort);
            check_answers(&index, &query, NOW);
            check_answers(&index, &query.clone().limit(None), NOW);
        }
    }
    assert!(
        !ranked(&index, &huge).is_empty(),
        "a repeated word is still that word"
    );
}

#[test]
fn extreme_times_and_counts_do_not_panic() {
    let mut index = network();
    let extremes = [i64::MIN, -1, 0, i64::MAX];
    for (n, created_at) in (0u64..).zip(extremes) {
        index.add_message(MessageDoc {
            id: 5_000 + n,
            sender_id: ALICE,
            body: "kubernetes ".repeat(70_000),
            topics: vec![
                "#".into(),
                " ".into(),
                "kubernetes".into(),
                "KUBERNETES".into(),
            ],
            community: Some("   ".into()),
            created_at,
            likes: u32::MAX,
        });
    }
    for now in extremes {
        check_answers(&index, &Query::new("kubernetes"), now);
    }
    let found = index.who_knows(&Query::new("kubernetes"), NOW);
    assert_eq!(found.first().map(|m| m.person_id), Some(ALICE));
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z #+'.,-]{0,40}",
        proptest::collection::vec(
            prop_oneof![
                Just("kubernetes"),
                Just("kubernets"),
                Just("gdpr"),
                Just("audit"),
                Just("java"),
                Just("postgress"),
                Just("k"),
                Just("ku"),
                Just("al"),
            ],
            0..5
        )
        .prop_map(|words| words.join(" ")),
    ]
}

proptest! {
    #[test]
    fn any_query_keeps_the_promises(text in hostile_text(), sort in 0..3u8, limit in proptest::option::of(0..20usize)) {
        let index = network();
        let sort = [SortOrder::Relevance, SortOrder::Name, SortOrder::RecentlyActive][usize::from(sort)];
        let query = Query::new(text).sort(sort).limit(limit);
        check_answers(&index, &query, NOW);
    }

    #[test]
    fn any_message_can_be_added_once_and_removed(
        body in hostile_text(),
        topics in proptest::collection::vec(hostile_text(), 0..4),
        community in proptest::option::of(hostile_text()),
        created_at in any::<i64>(),
        likes in any::<u32>(),
        sender in prop_oneof![Just(ALICE), Just(EVE_HIDDEN), Just(STRANGER), any::<u64>()],
        query in hostile_text(),
    ) {
        let mut index = network();
        let message = MessageDoc { id: 77_777, sender_id: sender, body, topics, community, created_at, likes };
        let before = index.stats();
        index.add_message(message.clone());
        let query = Query::new(query);
        let answer = index.who_knows(&query, NOW);
        let stats = index.stats();
        index.add_message(message);
        prop_assert_eq!(index.stats(), stats);
        prop_assert_eq!(index.who_knows(&query, NOW), answer);
        check_answers(&index, &query, NOW);
        prop_assert!(index.remove_message(77_777));
        prop_assert_eq!(index.stats().messages_indexed, before.messages_indexed);
    }
}
