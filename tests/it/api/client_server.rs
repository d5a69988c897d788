//! The real `api::Client` against the real `kring serve` (127.0.0.1, port 0, temporary database):
//! message feeds and single messages. Walking a community with `older_than` yields every message
//! exactly once; `newer_than` only newer ones; threaded feeds page by latest activity; a reply
//! appears in its thread; likes change `liked_by`; deletes remove; private messages stay private;
//! every feed endpoint answers. People, communities, limits and auth are in
//! `client_server_people.rs`.

use crate::harness::server;

use std::collections::{BTreeSet, HashSet};

use kring::api::dto::{Message, MessagesEnvelope};
use kring::api::{ApiError, Client, NewMessage, PageQuery, Threaded};
use kring::domain::{Feed, GroupId, ThreadId, TopicId, UserId};
use server::{post_to_group, reply_to, start_empty};

/// Walks a feed with `older_than` (the smallest id of each page) until an empty page.
async fn walk(client: &Client, feed: Feed, limit: Option<u32>) -> Vec<Vec<u64>> {
    let mut pages = Vec::new();
    let mut older_than = None;
    loop {
        let page = PageQuery {
            older_than,
            limit,
            ..PageQuery::default()
        };
        let envelope = client.feed(&feed, &page).await.expect("a feed page");
        let ids: Vec<u64> = envelope.messages.iter().map(|m| m.id).collect();
        let Some(&oldest) = ids.iter().min() else {
            assert!(!envelope.meta.older_available, "an empty page is the end");
            return pages;
        };
        assert!(
            older_than.is_none_or(|bound| oldest < bound),
            "the cursor moves"
        );
        pages.push(ids);
        older_than = Some(oldest);
        assert!(pages.len() < 100, "the walk ends");
    }
}

#[tokio::test]
async fn walking_a_group_feed_with_older_than_yields_every_message_once() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 2);
    let group = live.add_group(3_000, "Engineering Platform", &people);
    let other = live.add_group(3_001, "Social Business", &people);
    let demo = live.api_client();
    let ilse = live.api_client_with(&live.token_of(&format!("person{}", people[0])).await);

    let mut posted = BTreeSet::new();
    for n in 0..47 {
        let author = if n % 3 == 0 { &ilse } else { &demo };
        posted.insert(post_to_group(author, group, &format!("build note {n}")).await);
        if n % 10 == 0 {
            post_to_group(&demo, other, &format!("elsewhere {n}")).await;
        }
    }
    for limit in [None, Some(7)] {
        let pages = walk(&demo, Feed::Community(GroupId(group)), limit).await;
        let page_size = limit.unwrap_or(20) as usize;
        assert_eq!(pages.len(), posted.len().div_ceil(page_size), "{limit:?}");
        for page in &pages {
            assert!(page.len() <= page_size);
            assert!(page.windows(2).all(|w| w[0] > w[1]), "newest first");
        }
        let all: Vec<u64> = pages.concat();
        let unique: BTreeSet<u64> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "no message twice");
        assert_eq!(
            unique, posted,
            "every message of the community, nothing else"
        );
    }
}

#[tokio::test]
async fn newer_than_yields_only_newer_messages() {
    let live = start_empty().await;
    let group = live.add_group(3_000, "Customer Voice", &[]);
    let demo = live.api_client();
    for n in 0..6 {
        post_to_group(&demo, group, &format!("before {n}")).await;
    }
    let page = demo
        .feed(&Feed::Community(GroupId(group)), &PageQuery::default())
        .await
        .unwrap();
    let newest = page.messages[0].id;
    let mut later = Vec::new();
    for n in 0..4 {
        later.push(post_to_group(&demo, group, &format!("after {n}")).await);
    }
    let poll = PageQuery {
        newer_than: Some(newest),
        ..PageQuery::default()
    };
    let fresh = demo
        .feed(&Feed::Community(GroupId(group)), &poll)
        .await
        .unwrap();
    let mut ids: Vec<u64> = fresh.messages.iter().map(|m| m.id).collect();
    ids.reverse();
    assert_eq!(ids, later, "exactly the newer messages, newest first");
    let poll = PageQuery {
        newer_than: later.last().copied(),
        ..PageQuery::default()
    };
    let nothing = demo
        .feed(&Feed::Community(GroupId(group)), &poll)
        .await
        .unwrap();
    assert!(nothing.messages.is_empty());
    assert_eq!(fresh.meta.requested_poll_interval, Some(60));
    assert!(fresh.meta.current_user_id.is_some());
}

/// Starters of a threaded page, and the paging cursor: the oldest latest activity on the page.
fn starters_and_cursor(page: &MessagesEnvelope) -> (Vec<u64>, Option<u64>) {
    let starters: Vec<u64> = page.messages.iter().map(|m| m.id).collect();
    let cursor = page
        .messages
        .iter()
        .map(|starter| {
            let replies = page.threaded_extended.get(&starter.id.to_string());
            replies
                .into_iter()
                .flatten()
                .map(|r| r.id)
                .chain([starter.id])
                .max()
                .unwrap_or(starter.id)
        })
        .min();
    (starters, cursor)
}

#[tokio::test]
async fn threaded_feeds_order_by_activity_and_page_by_latest_reply() {
    let live = start_empty().await;
    let group = live.add_group(3_000, "New Joiners & Training", &[]);
    let demo = live.api_client();
    let mut threads = Vec::new();
    for n in 0..5 {
        threads.push(post_to_group(&demo, group, &format!("question {n}")).await);
    }
    // Reply to the oldest thread last, so it has the latest activity.
    let mut last_replies = Vec::new();
    for n in 0..3 {
        last_replies.push(reply_to(&demo, threads[0], &format!("answer {n}")).await);
    }
    let starters_only = PageQuery {
        threaded: Some(Threaded::True),
        ..PageQuery::default()
    };
    let page = demo
        .feed(&Feed::Community(GroupId(group)), &starters_only)
        .await
        .unwrap();
    assert!(page.messages.iter().all(Message::is_thread_starter));
    assert_eq!(page.messages[0].id, threads[0], "latest activity first");
    assert_eq!(page.messages.len(), 5);

    let extended = PageQuery {
        threaded: Some(Threaded::Extended),
        limit: Some(2),
        ..PageQuery::default()
    };
    let mut seen = Vec::new();
    let mut replies_checked = false;
    let mut query = extended;
    loop {
        let page = demo
            .feed(&Feed::Community(GroupId(group)), &query)
            .await
            .unwrap();
        let (starters, cursor) = starters_and_cursor(&page);
        if starters.is_empty() {
            break;
        }
        if let Some(replies) = page.threaded_extended.get(&threads[0].to_string()) {
            let ids: HashSet<u64> = replies.iter().map(|r| r.id).collect();
            assert_eq!(
                ids,
                last_replies[1..].iter().copied().collect(),
                "two latest"
            );
            replies_checked = true;
        }
        seen.extend(starters);
        query.older_than = cursor;
    }
    let unique: HashSet<u64> = seen.iter().copied().collect();
    assert!(
        replies_checked,
        "the busy thread came with its latest replies"
    );
    assert_eq!(seen.len(), 5, "every thread once: {seen:?}");
    assert_eq!(unique, threads.iter().copied().collect());
}

#[tokio::test]
async fn a_posted_reply_appears_in_its_thread() {
    let live = start_empty().await;
    let group = live.add_group(3_000, "Community Managers", &[]);
    let demo = live.api_client();
    let starter = post_to_group(&demo, group, "Who owns the onboarding checklist?").await;
    let reply = reply_to(&demo, starter, "The People team, since March.").await;
    let in_thread = demo
        .feed(&Feed::Thread(ThreadId(starter)), &PageQuery::default())
        .await
        .unwrap();
    let ids: Vec<u64> = in_thread.messages.iter().map(|m| m.id).collect();
    assert_eq!(ids, [reply, starter]);
    let fetched = demo.message(reply).await.unwrap();
    assert_eq!(fetched.thread_id, Some(starter));
    assert_eq!(fetched.replied_to_id, Some(starter));
    assert_eq!(
        fetched.group_id,
        Some(group),
        "a reply stays in its community"
    );
    assert_eq!(fetched.body.plain, "The People team, since March.");
    let thread = demo.thread(starter).await.unwrap();
    assert_eq!(thread.stats.updates, 2);
    assert_eq!(thread.stats.latest_reply_id, Some(reply));
}

#[tokio::test]
async fn like_and_unlike_change_liked_by() {
    let live = start_empty().await;
    let group = live.add_group(3_000, "Social Business", &[]);
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let id = post_to_group(&demo, group, "Ship it?").await;
    demo.like(id).await.unwrap();
    let liked = demo.message(id).await.unwrap();
    assert_eq!(liked.liked_by.count, 1);
    assert!(liked.liked_by.names.iter().any(|n| n.user_id == Some(me)));
    let page = demo
        .feed(&Feed::Community(GroupId(group)), &PageQuery::default())
        .await
        .unwrap();
    assert!(page.meta.liked_message_ids.contains(&id));
    let liked_feed = demo
        .feed(&Feed::LikedBy(UserId(me)), &PageQuery::default())
        .await
        .unwrap();
    assert_eq!(liked_feed.messages.len(), 1);
    demo.unlike(id).await.unwrap();
    let unliked = demo.message(id).await.unwrap();
    assert_eq!(unliked.liked_by.count, 0);
    assert!(unliked.liked_by.names.is_empty());
}

#[tokio::test]
async fn delete_removes_own_messages_only() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 1);
    let group = live.add_group(3_000, "Customer Voice", &people);
    let demo = live.api_client();
    let other = live.api_client_with(&live.token_of(&format!("person{}", people[0])).await);
    let mine = post_to_group(&demo, group, "typo'd post").await;
    let theirs = post_to_group(&other, group, "not yours").await;
    demo.delete_message(mine).await.unwrap();
    assert_eq!(demo.message(mine).await.unwrap_err(), ApiError::NotFound);
    assert!(matches!(
        demo.delete_message(theirs).await.unwrap_err(),
        ApiError::Forbidden { .. }
    ));
    assert_eq!(demo.message(theirs).await.unwrap().id, theirs);
    assert_eq!(
        demo.message(999_999_999).await.unwrap_err(),
        ApiError::NotFound
    );
}

#[tokio::test]
async fn private_messages_reach_only_their_participants() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 2);
    let demo = live.api_client();
    let to = live.api_client_with(&live.token_of(&format!("person{}", people[0])).await);
    let outsider = live.api_client_with(&live.token_of(&format!("person{}", people[1])).await);
    let private = NewMessage {
        body: "Salary bands draft attached.".into(),
        direct_to_user_ids: vec![people[0]],
        ..NewMessage::default()
    };
    let sent = demo.post_message(&private).await.unwrap();
    let id = sent.messages[0].id;
    assert!(sent.messages[0].direct_message);
    let inbox = to
        .feed(&Feed::Private, &PageQuery::default())
        .await
        .unwrap();
    assert_eq!(
        inbox.messages.iter().map(|m| m.id).collect::<Vec<_>>(),
        [id]
    );
    let received = to.feed(&Feed::Inbox, &PageQuery::default()).await.unwrap();
    assert!(received.messages.iter().any(|m| m.id == id));
    assert_eq!(outsider.message(id).await.unwrap_err(), ApiError::NotFound);
    let all = outsider
        .feed(&Feed::AllCompany, &PageQuery::default())
        .await
        .unwrap();
    assert!(all.messages.iter().all(|m| m.id != id));
}

#[tokio::test]
async fn every_feed_endpoint_answers_with_its_messages() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 1);
    let group = live.add_group(3_000, "Engineering Platform", &people);
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let them = live.api_client_with(&live.token_of(&format!("person{}", people[0])).await);
    let tagged = NewMessage {
        body: "Cache rollout notes".into(),
        group_id: Some(group),
        topics: vec!["buildcache".into()],
        ..NewMessage::default()
    };
    let tagged = demo.post_message(&tagged).await.unwrap();
    let mine = tagged.messages[0].id;
    let topic = tagged.messages[0].topics[0];
    let company = NewMessage {
        body: "Office closed Friday".into(),
        ..NewMessage::default()
    };
    let theirs = them.post_message(&company).await.unwrap().messages[0].id;

    let ids = |env: MessagesEnvelope| env.messages.iter().map(|m| m.id).collect::<Vec<_>>();
    let page = PageQuery::default();
    assert_eq!(ids(demo.feed(&Feed::Sent, &page).await.unwrap()), [mine]);
    assert_eq!(
        ids(demo
            .feed(&Feed::FromUser(UserId(people[0])), &page)
            .await
            .unwrap()),
        [theirs]
    );
    assert_eq!(
        ids(demo
            .feed(&Feed::Topic(TopicId(topic)), &page)
            .await
            .unwrap()),
        [mine]
    );
    assert_eq!(
        ids(demo.feed(&Feed::AllCompany, &page).await.unwrap()),
        [theirs, mine]
    );
    assert!(ids(demo.feed(&Feed::MyFeed, &page).await.unwrap()).contains(&theirs));
    for feed in [Feed::Top, Feed::Following, Feed::Private, Feed::Inbox] {
        let envelope = demo.feed(&feed, &page).await.unwrap();
        assert_eq!(envelope.meta.current_user_id, Some(me), "{feed:?}");
    }
    assert_eq!(
        demo.feed(&Feed::Community(GroupId(999)), &page)
            .await
            .unwrap_err(),
        ApiError::NotFound
    );
}
