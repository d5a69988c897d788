//! Tests of "why am I listed?": the fields and messages that rank you, and being hidden.

use super::*;
use crate::domain::test_support::message;
use crate::domain::{Community, GroupId, Page, SafeText, TopicId};
use crate::expertise::{MessageDoc, PersonDoc};

const NOW: i64 = 1_800_000_000;

fn me(listed: bool) -> PersonDoc {
    PersonDoc {
        id: 1,
        full_name: "Me Myself".to_owned(),
        username: "me".to_owned(),
        job_title: Some("Platform engineer".to_owned()),
        department: Some("Engineering".to_owned()),
        expertise: vec!["kubernetes".to_owned()],
        show_in_directory: listed,
        ..PersonDoc::default()
    }
}

fn texts(why: &WhyListed) -> Vec<String> {
    why.lines
        .iter()
        .map(|l| match l {
            WhyLine::Heading(t) | WhyLine::Note(t) => t.clone(),
            WhyLine::Item { label, text } => format!("{label}: {text}"),
        })
        .collect()
}

fn setup(listed: bool) -> (ExpertiseIndex, Catalog) {
    let mut index = ExpertiseIndex::new();
    index.upsert_person(me(listed));
    let mut catalog = Catalog::default();
    let mut m = message(10, 10, None);
    m.sender = UserId(1);
    m.community = Some(GroupId(7));
    m.topics = vec![TopicId(3)];
    m.body = SafeText::new("Draining a node before the release");
    catalog.absorb(Page {
        messages: vec![m],
        communities: vec![Community {
            id: GroupId(7),
            name: SafeText::new("Platform"),
            description: SafeText::default(),
            privacy: SafeText::new("public"),
            members: 3,
            last_message: None,
            external: false,
        }],
        topics: vec![(TopicId(3), SafeText::new("release"))],
        ..Page::default()
    });
    index.add_message(MessageDoc {
        id: 10,
        sender_id: 1,
        body: "Draining a node before the release".to_owned(),
        topics: vec!["release".to_owned()],
        community: Some("Platform".to_owned()),
        created_at: NOW - 3_600,
        likes: 0,
    });
    (index, catalog)
}

#[test]
fn the_fields_and_messages_that_rank_you_are_named_with_where_they_put_you() {
    let (index, catalog) = setup(true);
    let lines = texts(&explain(&index, &catalog, UserId(1), NOW));
    let has = |part: &str| lines.iter().any(|l| l.contains(part));
    assert!(has("Expertise: #1 of 1 for “kubernetes”"), "{lines:#?}");
    assert!(has("Job title: its words count too: Platform engineer"));
    assert!(has("Topic: #release · 1 message · #1 of 1 for “release”"));
    assert!(has("Posted in: Platform · 1 message"));
    assert!(has("kring serve user directory NAME --hidden"));
    // Nothing about interests: none were given.
    assert!(!has("Interest"), "{lines:#?}");
}

#[test]
fn a_hidden_person_is_told_they_are_not_listed_and_how_to_come_back() {
    let (index, catalog) = setup(false);
    let lines = texts(&explain(&index, &catalog, UserId(1), NOW));
    assert_eq!(
        lines.first().map(String::as_str),
        Some("You are not listed")
    );
    assert!(lines.iter().all(|l| !l.contains("Topic")), "{lines:#?}");
}
