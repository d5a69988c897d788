//! Catch-up summaries of hand-built data; every count below is checked by hand.

use chrono::FixedOffset;

use super::*;
use crate::domain::test_support::message;
use crate::domain::{GroupId, MessageKind, SafeText, UserId};
use crate::expertise::PersonDoc;

const ME: u64 = 9;

fn msg(id: u64, thread: u64, sender: u64, community: Option<u64>) -> Message {
    let mut m = message(id, thread, (id != thread).then_some(thread));
    m.sender = UserId(sender);
    m.community = community.map(GroupId);
    m
}

fn community(id: u64, name: &str) -> Community {
    Community {
        id: GroupId(id),
        name: SafeText::new(name),
        description: SafeText::default(),
        privacy: SafeText::new("public"),
        members: 10,
        last_message: None,
        external: false,
    }
}

/// `since` is message 100's time: ids above 100 are new.
fn since() -> i64 {
    message(100, 100, None).created_at.timestamp()
}

fn data() -> Vec<Message> {
    let mut mention = msg(103, 20, 3, Some(7));
    mention.notified = vec![UserId(ME)];
    let mut question = msg(105, 105, 3, Some(7));
    question.body = SafeText::new("How do I rotate the vault token?");
    question.kind = MessageKind::Question;
    let mut private = msg(108, 108, 2, None);
    private.direct = true;
    vec![
        msg(10, 10, ME, Some(7)),
        msg(20, 20, 2, Some(7)),
        msg(101, 10, 2, Some(7)),
        msg(102, 10, 3, Some(7)),
        mention,
        msg(104, 104, 2, Some(8)),
        question,
        msg(106, 106, 2, Some(99)),
        msg(107, 20, ME, Some(7)),
        private,
        msg(109, 109, 4, None),
    ]
}

fn summarize_with(messages: &[Message], experts: Option<&ExpertiseIndex>) -> CatchUp {
    let communities = [community(7, "Platform"), community(8, "Design")];
    summarize(&Input {
        me: ME,
        since: since(),
        now: since() + 3_600,
        messages,
        communities: &communities,
        experts,
    })
}

fn threads(counted: &Counted) -> Vec<(u64, usize)> {
    counted.items.iter().map(|i| (i.thread, i.count)).collect()
}

#[test]
fn communities_come_most_active_first_and_only_those_the_user_is_in() {
    let catch_up = summarize_with(&data(), None);
    // 101, 102, 103, 104, 105, 107, 109: not 106 (another community) nor 108 (private).
    assert_eq!(catch_up.reach.messages, 7);
    let names: Vec<(&str, usize)> = catch_up
        .communities
        .iter()
        .map(|c| (c.name.as_str(), c.new_messages))
        .collect();
    assert_eq!(
        names,
        vec![("Platform", 5), ("All Company", 1), ("Design", 1)]
    );
}

#[test]
fn threads_replies_and_mentions_are_counted_per_community() {
    let catch_up = summarize_with(&data(), None);
    let platform = &catch_up.communities[0];
    assert_eq!(threads(&platform.new_threads), vec![(105, 0)]);
    // Both threads have two new replies; thread 20's newest (107) is the newer.
    assert_eq!(threads(&platform.busiest), vec![(20, 2), (10, 2)]);
    // Thread 10 is the user's; their own reply 107 in thread 20 is no reply to them.
    assert_eq!(threads(&platform.replies_to_you), vec![(10, 2)]);
    assert_eq!(platform.replies_to_you.items[0].message, 10);
    let mentions: Vec<u64> = platform.mentions.items.iter().map(|i| i.message).collect();
    assert_eq!(mentions, vec![103]);
    assert_eq!(platform.questions.total, 0, "no index, no questions");
    let design = &catch_up.communities[2];
    assert_eq!(threads(&design.new_threads), vec![(104, 0)]);
    assert_eq!(design.busiest.total, 0);
}

#[test]
fn a_question_is_suggested_when_the_user_is_among_its_best_experts() {
    let mut index = ExpertiseIndex::new();
    for (id, name, expertise) in [(ME, "Me", "vault"), (2, "Bob", "postgres")] {
        index.upsert_person(PersonDoc {
            id,
            full_name: name.to_owned(),
            username: name.to_lowercase(),
            expertise: vec![expertise.to_owned()],
            show_in_directory: true,
            ..PersonDoc::default()
        });
    }
    index.mark_people_complete();
    let catch_up = summarize_with(&data(), Some(&index));
    let platform = &catch_up.communities[0];
    assert_eq!(threads(&platform.questions), vec![(105, 0)]);
    assert_eq!(
        platform.questions.items[0].text,
        "How do I rotate the vault token?"
    );
    // Answered, it is no longer open.
    let mut answered = data();
    answered.push(msg(110, 105, 2, Some(7)));
    let catch_up = summarize_with(&answered, Some(&index));
    assert_eq!(catch_up.communities[0].questions.total, 0);
}

#[test]
fn lists_are_cut_but_the_totals_stay() {
    let messages: Vec<Message> = (101..=112).map(|id| msg(id, id, 2, Some(7))).collect();
    let catch_up = summarize_with(&messages, None);
    let platform = &catch_up.communities[0];
    assert_eq!(platform.new_threads.total, 12);
    assert_eq!(platform.new_threads.items.len(), ITEMS_PER_KIND);
    assert_eq!(platform.new_threads.items[0].thread, 112, "newest first");
}

#[test]
fn nothing_new_is_an_empty_catch_up() {
    let old: Vec<Message> = data().into_iter().filter(|m| m.id.0 < 100).collect();
    let catch_up = summarize_with(&old, None);
    assert!(catch_up.is_empty());
    assert_eq!(catch_up.items().count(), 0);
}

#[test]
fn items_run_community_by_community_what_concerns_the_user_first() {
    let catch_up = summarize_with(&data(), None);
    let order: Vec<(ItemKind, u64)> = catch_up.items().map(|i| (i.kind, i.message)).collect();
    assert_eq!(
        order,
        vec![
            (ItemKind::ReplyToYou, 10),
            (ItemKind::Mention, 103),
            (ItemKind::Busy, 20),
            (ItemKind::Busy, 10),
            (ItemKind::NewThread, 105),
            (ItemKind::NewThread, 109),
            (ItemKind::NewThread, 104),
        ]
    );
}

#[test]
fn the_reach_says_how_many_messages_since_when() {
    let reach = Reach {
        messages: 340,
        since: message(0, 0, None).created_at.timestamp(),
    };
    // 2026-03-12 12:00 UTC was a Thursday.
    let utc = FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!());
    assert_eq!(reach.text_at(utc), "from 340 messages since Thu 12:00");
    let one = Reach {
        messages: 1,
        ..reach
    };
    let paris = FixedOffset::east_opt(3_600).unwrap_or_else(|| unreachable!());
    assert_eq!(one.text_at(paris), "from 1 message since Thu 13:00");
}
