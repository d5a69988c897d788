//! The as-you-type directory, filters and sorts, privacy (hidden people never appear anywhere),
//! profile-card message lists and completeness stats, over the small fixed network.

use crate::harness::expertise;

use expertise::*;
use kring::expertise::{Query, SortOrder};

#[test]
fn empty_text_lists_every_visible_person_by_name() {
    let index = network();
    let ids = index.directory(&Query::new("").limit(None));
    let mut expected: Vec<(String, u64)> = people()
        .into_iter()
        .filter(|p| p.show_in_directory)
        .map(|p| (p.full_name.to_lowercase(), p.id))
        .collect();
    expected.sort();
    assert_eq!(
        ids,
        expected.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
    );
    assert_eq!(index.directory(&Query::new("").limit(Some(3))).len(), 3);
    assert!(index.directory(&Query::new("").limit(Some(0))).is_empty());
}

#[test]
fn typing_narrows_the_list_by_name_username_and_profile_fields() {
    let index = network();
    let al = index.directory(&Query::new("al"));
    assert_eq!(al.first(), Some(&ALICE));
    assert!(
        al.contains(&HEIDI),
        "inside a name (Hall) still matches: {al:?}"
    );
    assert_eq!(index.directory(&Query::new("Kramer")), [KIM]);
    assert_eq!(index.directory(&Query::new("judy")), [JUDY]);
    // Expertise, title, department and location, as prefix or inside a word.
    assert_eq!(index.directory(&Query::new("javascr")), [DAN]);
    assert_eq!(index.directory(&Query::new("privacy")), [FRANK]);
    assert_eq!(index.directory(&Query::new("sales")), [KIM]);
    let in_berlin = index.directory(&Query::new("berl"));
    assert_eq!(in_berlin, [BOB, ERIN, GRACE, JUDY]);
    assert_eq!(index.directory(&Query::new("ostgre")), [IVAN]);
    // Every word must match somewhere.
    assert_eq!(index.directory(&Query::new("data berlin")), [JUDY]);
    assert!(index.directory(&Query::new("zzz")).is_empty());
}

#[test]
fn directory_relevance_puts_name_matches_before_field_matches() {
    let index = network();
    // `da` starts Dan's name and appears in the Data department and titles of others.
    let ids = index.directory(&Query::new("da"));
    assert_eq!(ids.first(), Some(&DAN));
    assert!(ids.contains(&HEIDI) && ids.contains(&IVAN));
}

#[test]
fn filters_restrict_both_queries() {
    let index = network();
    let platform = Query::new("kubernetes").department("platform");
    let ids: Vec<u64> = index
        .who_knows(&platform, NOW)
        .iter()
        .map(|m| m.person_id)
        .collect();
    assert_eq!(ids, [ALICE, BOB, CAROL]);
    let berlin = Query::new("kubernetes").location("Berlin");
    let ids: Vec<u64> = index
        .who_knows(&berlin, NOW)
        .iter()
        .map(|m| m.person_id)
        .collect();
    assert_eq!(ids, [BOB]);
    let nowhere = Query::new("kubernetes").department("Narnia");
    assert!(index.who_knows(&nowhere, NOW).is_empty());
    assert!(
        index
            .directory(&Query::new("").department("Narnia"))
            .is_empty()
    );
    let amsterdam_legal = Query::new("").department("LEGAL").location(" amsterdam ");
    assert_eq!(index.directory(&amsterdam_legal), [FRANK]);
}

#[test]
fn sorts_by_name_and_by_recent_activity() {
    let index = network();
    let by_relevance = Query::new("gdpr audit");
    let ids: Vec<u64> = index
        .who_knows(&by_relevance, NOW)
        .iter()
        .map(|m| m.person_id)
        .collect();
    assert_eq!(ids, [GRACE, FRANK, HEIDI, KIM]);
    let by_name = by_relevance.sort(SortOrder::Name);
    let ids: Vec<u64> = index
        .who_knows(&by_name, NOW)
        .iter()
        .map(|m| m.person_id)
        .collect();
    assert_eq!(ids, [FRANK, GRACE, HEIDI, KIM]);
    // Bob posted today (his profile says 30 days ago), Carol yesterday, Alice two days ago.
    let recent = Query::new("")
        .department("Platform")
        .sort(SortOrder::RecentlyActive);
    assert_eq!(index.directory(&recent), [BOB, CAROL, ALICE]);
    let recent_experts = Query::new("kubernetes").sort(SortOrder::RecentlyActive);
    let ids: Vec<u64> = index
        .who_knows(&recent_experts, NOW)
        .iter()
        .map(|m| m.person_id)
        .collect();
    assert_eq!(ids, [BOB, CAROL, ALICE]);
}

#[test]
fn hidden_people_never_appear_anywhere() {
    let mut index = network();
    let hidden = EVE_HIDDEN;
    for text in [
        "kubernetes",
        "scheduler",
        "eve",
        "cluster wizard",
        "gdpr audit",
        "etcd",
    ] {
        let query = Query::new(text).limit(None);
        assert!(
            !index
                .who_knows(&query, NOW)
                .iter()
                .any(|m| m.person_id == hidden),
            "{text}"
        );
        assert!(!index.directory(&query).contains(&hidden), "{text}");
        assert!(index.evidence(hidden, &query, 10).is_empty());
        assert!(index.profile_messages(hidden, &query, 10).is_empty());
    }
    assert!(index.who_knows(&Query::new("scheduler"), NOW).is_empty());
    assert!(index.person(hidden).is_none());
    assert!(index.recent_messages(hidden, 10).is_empty());
    assert!(
        !index
            .directory(&Query::new("").limit(None))
            .contains(&hidden)
    );
    // Hiding someone takes effect at once; showing them again brings them back.
    let mut alice = people()
        .into_iter()
        .find(|p| p.id == ALICE)
        .unwrap_or_default();
    alice.show_in_directory = false;
    index.upsert_person(alice.clone());
    assert!(!ranked(&index, "kubernetes").contains(&ALICE));
    assert!(index.directory(&Query::new("alice")).is_empty());
    alice.show_in_directory = true;
    index.upsert_person(alice);
    assert_eq!(ranked(&index, "kubernetes").first(), Some(&ALICE));
}

#[test]
fn senders_without_a_profile_are_indexed_but_not_shown_until_it_arrives() {
    let mut index = network();
    assert!(!ranked(&index, "kubernetes").contains(&STRANGER));
    assert_eq!(index.stats().senders_without_profile, 1);
    index.upsert_person(named(STRANGER, "Sam Stranger"));
    assert!(ranked(&index, "kubernetes").contains(&STRANGER));
    assert_eq!(index.stats().senders_without_profile, 0);
}

#[test]
fn empty_personal_fields_are_absent() {
    let index = network();
    let abe = index.person(ABE_TIE_LOW_ID);
    assert_eq!(
        abe.map(|p| (&p.job_title, &p.department, &p.location)),
        Some((&None, &None, &None))
    );
    let facets = index.facets();
    assert!(facets.departments.iter().all(|(name, _)| !name.is_empty()));
    assert_eq!(facets.expertise.first(), Some(&("Terraform".to_owned(), 3)));
    assert!(
        facets.departments.contains(&("Platform".to_owned(), 3)),
        "Eve is hidden"
    );
    assert!(facets.departments.contains(&("Legal".to_owned(), 2)));
}

#[test]
fn profile_card_lists_evidence_first_then_recent_messages() {
    let index = network();
    let query = Query::new("kubernetes");
    let evidence = index.evidence(ALICE, &query, 10);
    let expected: Vec<u64> = messages()
        .iter()
        .filter(|m| m.sender_id == ALICE && m.body.to_lowercase().contains("kubernetes"))
        .map(|m| m.id)
        .collect();
    let mut sorted = evidence.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected);
    // Tagged, liked messages lead.
    assert_eq!(evidence.first(), Some(&100));
    let card = index.profile_messages(ALICE, &query, 10);
    assert_eq!(&card[..evidence.len()], &evidence[..]);
    assert!(card.contains(&105) && card.contains(&102));
    assert_eq!(index.recent_messages(ALICE, 2), [100, 105]);
    assert_eq!(index.profile_messages(ALICE, &query, 2).len(), 2);
    assert!(index.evidence(ALICE, &Query::new("sushi"), 10).is_empty());
}

#[test]
fn stats_report_how_complete_the_index_is() {
    let mut index = kring::expertise::ExpertiseIndex::new();
    index.set_people_expected(Some(people().len() * 2));
    for person in people().into_iter().take(8) {
        index.upsert_person(person);
    }
    let stats = index.stats();
    assert_eq!(stats.people_known, 8);
    assert_eq!(stats.people_visible, 7);
    assert_eq!(
        stats.people_progress(),
        Some(8.0 / (people().len() * 2) as f64)
    );
    for message in messages() {
        index.add_message(message);
    }
    let stats = index.stats();
    assert_eq!(stats.messages_indexed, messages().len());
    assert!(stats.terms > 100);
    index.mark_people_complete();
    assert_eq!(index.stats().people_progress(), Some(1.0));
}
