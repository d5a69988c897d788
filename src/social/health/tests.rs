//! The health figures on a small hand-built network, every number counted by hand.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::test_support::message;
use crate::domain::{GroupId, Likes, MessageKind, UserId};
use crate::social::DAY;
use crate::text::SafeText;

const HOUR: i64 = 3_600;

fn now() -> i64 {
    Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0)
        .single()
        .map_or(0, |t| t.timestamp())
}

/// Message `id` in `community` by `sender`, `ago` seconds before now, answering `thread` when
/// it is not its own.
fn post(id: u64, thread: u64, community: u64, sender: u64, ago: i64, body: &str) -> Message {
    let mut m = message(id, thread, (id != thread).then_some(thread));
    m.community = Some(GroupId(community));
    m.sender = UserId(sender);
    m.created_at = DateTime::from_timestamp(now() - ago, 0)
        .unwrap_or_default()
        .fixed_offset();
    m.body = SafeText::new(body);
    m
}

fn liked(mut m: Message, count: u64) -> Message {
    m.likes = Likes {
        count,
        by_me: false,
    };
    m
}

fn member(id: u64, joined_days_ago: Option<i64>) -> Member {
    Member {
        id,
        joined_at: joined_days_ago.map(|d| now() - d * DAY),
    }
}

fn network() -> (Vec<CommunityInput>, Vec<Message>) {
    let communities = vec![
        CommunityInput {
            id: 8,
            name: "Book Club".to_owned(),
            members: vec![member(1, None), member(6, Some(400))],
            covered_since: None,
        },
        CommunityInput {
            id: 7,
            name: "Platform".to_owned(),
            members: vec![
                member(1, Some(900)),
                member(2, None),
                member(3, Some(200)),
                member(4, Some(10)),
                member(5, Some(45)),
            ],
            covered_since: Some(now() - 50 * DAY),
        },
        CommunityInput {
            id: 9,
            name: "Empty".to_owned(),
            members: vec![member(1, None)],
            covered_since: None,
        },
    ];
    let mut question = post(120, 120, 7, 3, 2 * HOUR, "On call tonight");
    question.kind = MessageKind::Question;
    let mut private = post(150, 150, 7, 4, HOUR, "Lunch?");
    private.direct = true;
    let messages = vec![
        post(100, 100, 7, 1, 40 * DAY, "Deploy notes."),
        liked(post(101, 100, 7, 2, 40 * DAY - 2 * HOUR, "Thanks"), 3),
        post(110, 110, 7, 2, 3 * DAY, "How do I rotate keys?"),
        question,
        post(130, 130, 7, 1, 10 * DAY, "Release."),
        liked(post(131, 130, 7, 3, 10 * DAY - 4 * HOUR, "Nice"), 1),
        liked(post(132, 130, 7, 2, 10 * DAY - HOUR, "Great"), 2),
        private,
        post(200, 200, 8, 6, 20 * DAY, "Next book?"),
        liked(post(201, 200, 8, 1, 20 * DAY - HOUR, "Dune"), 4),
    ];
    (communities, messages)
}

#[test]
fn every_figure_of_a_community_matches_a_count_by_hand() {
    let (communities, messages) = network();
    let report = assess(now(), &communities, &messages);
    let platform = report.iter().find(|h| h.id == 7);
    let Some(platform) = platform else {
        panic!("no report for Platform");
    };
    assert_eq!(platform.members, 5);
    // 1, 2 and 3 posted in the last 30 days (101 by 2 is older, 110 and 132 are not).
    assert_eq!(platform.active_30d, 3);
    assert_eq!(platform.active_share, Some(60.0));
    // 4 and 5 never posted; the private message from 4 does not count.
    assert_eq!(platform.readers, 2);
    // 4 joined 10 days ago; 5 joined 45 days ago, not new.
    assert_eq!(platform.new_silent, vec![4]);
    // 110 asks and waits 3 days; 120 asks but only 2 hours ago.
    assert_eq!(platform.unanswered, vec![110]);
    // First replies after 2 h (100) and 1 h (130).
    assert_eq!(platform.median_first_reply, Some(5_400));
    let weekly: Vec<Option<u64>> = [None, None, None, None]
        .into_iter()
        .chain([0, 0, 2, 0, 0, 0, 3, 2].map(Some))
        .collect();
    assert_eq!(platform.weekly, weekly);
    assert_eq!(
        platform.champions,
        vec![
            Champion {
                person_id: 2,
                liked_replies: 2,
                likes: 5
            },
            Champion {
                person_id: 3,
                liked_replies: 1,
                likes: 1
            },
        ]
    );
    assert_eq!(platform.last_message_at, Some(now() - 2 * HOUR));
    assert!(!platform.quiet);
    assert_eq!(platform.coverage.messages, 7);
    assert_eq!(
        platform.coverage.describe(),
        "from 7 messages since 18 Oct 2026"
    );
    assert_eq!(
        platform.attention(now()),
        vec![
            "1 question unanswered after 24h",
            "1 new member not posted yet"
        ]
    );
}

#[test]
fn quiet_communities_are_flagged_and_waiting_questions_come_first() {
    let (communities, messages) = network();
    let report = assess(now(), &communities, &messages);
    let order: Vec<&str> = report.iter().map(|h| h.name.as_str()).collect();
    // Platform has a question waiting; Empty never had a message; Book Club is quiet 19 days (its last reply).
    assert_eq!(order, vec!["Platform", "Empty", "Book Club"]);
    let club = &report[2];
    assert!(club.quiet);
    assert_eq!(club.attention(now()), vec!["quiet for 19 days"]);
    assert_eq!(club.coverage.describe(), "from 2 messages since the start");
    assert_eq!(club.active_30d, 2);
    assert_eq!(club.readers, 0);
    let empty = &report[1];
    assert!(empty.quiet);
    assert_eq!(empty.last_message_at, None);
    assert_eq!(empty.median_first_reply, None);
    assert_eq!(empty.weekly, vec![Some(0); WEEKS]);
    assert_eq!(empty.attention(now()), vec!["never posted in"]);
}

#[test]
fn people_hidden_from_the_directory_are_never_named_as_champions() {
    let (communities, messages) = network();
    let report = assess(now(), &communities, &messages);
    let Some(mut platform) = report.into_iter().find(|h| h.id == 7) else {
        panic!("no report for Platform");
    };
    platform.hide_people(&HashSet::from([2]));
    let named: Vec<u64> = platform.champions.iter().map(|c| c.person_id).collect();
    assert_eq!(named, vec![3]);
}
