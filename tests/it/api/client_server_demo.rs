//! The real `api::Client` against `kring serve` with its seeded demo network (about 150 people,
//! 3,000 messages): the client decodes everything the server generates, walking a whole busy
//! community with `older_than` yields every message exactly once, its threaded view covers every
//! thread once, and the directory pages through everyone. One server is shared by the checks,
//! since seeding takes a moment.

use crate::harness::server;

use std::collections::BTreeSet;

use kring::api::dto::Group;
use kring::api::{Client, GroupQuery, PageQuery, Threaded, UserQuery};
use kring::domain::{Feed, GroupId};
use server::start;

async fn community(client: &Client, name: &str) -> Group {
    let groups = client
        .groups(&GroupQuery::default())
        .await
        .expect("communities");
    groups
        .into_iter()
        .find(|g| g.display_name() == name)
        .unwrap_or_else(|| panic!("the demo network has {name:?}"))
}

/// Every message of a flat feed as (id, thread id), walking with `older_than`; asserts order
/// and progress.
async fn walk_flat(client: &Client, feed: Feed) -> Vec<(u64, u64)> {
    let mut ids = Vec::new();
    let mut older_than = None;
    loop {
        let query = PageQuery {
            older_than,
            ..PageQuery::default()
        };
        let page = client.feed(&feed, &query).await.expect("a page");
        let Some(oldest) = page.messages.last().map(|m| m.id) else {
            return ids;
        };
        assert!(page.messages.len() <= 20);
        assert!(
            page.messages.windows(2).all(|w| w[0].id > w[1].id),
            "newest first"
        );
        assert!(
            older_than.is_none_or(|bound| oldest < bound),
            "the cursor moves"
        );
        ids.extend(page.messages.iter().map(|m| (m.id, m.thread_or_self())));
        older_than = Some(oldest);
        assert!(ids.len() < 100_000, "the walk ends");
    }
}

/// Every thread of a threaded feed, paging by each page's oldest latest activity.
async fn walk_threads(client: &Client, feed: Feed) -> Vec<u64> {
    let mut threads = Vec::new();
    let mut query = PageQuery {
        threaded: Some(Threaded::Extended),
        ..PageQuery::default()
    };
    loop {
        let page = client.feed(&feed, &query).await.expect("a threaded page");
        if page.messages.is_empty() {
            return threads;
        }
        let latest = page.messages.iter().map(|starter| {
            let replies = page.threaded_extended.get(&starter.id.to_string());
            replies
                .into_iter()
                .flatten()
                .map(|r| r.id)
                .fold(starter.id, u64::max)
        });
        let cursor = latest.min();
        assert!(query.older_than.is_none_or(|bound| cursor < Some(bound)));
        threads.extend(page.messages.iter().map(|m| m.id));
        query.older_than = cursor;
        assert!(threads.len() < 100_000, "the walk ends");
    }
}

#[tokio::test]
async fn the_demo_network_walks_completely_through_the_client() {
    let live = start().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap();
    assert_eq!(me.name, "demo");

    let engineering = community(&demo, "Engineering Platform").await;
    let messages = walk_flat(&demo, Feed::Community(GroupId(engineering.id))).await;
    let ids: Vec<u64> = messages.iter().map(|(id, _)| *id).collect();
    let unique: BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "no message twice");
    assert!(
        ids.len() > 40,
        "a busy community spans pages: {}",
        ids.len()
    );
    assert_eq!(
        ids.len() as u64,
        engineering.stats.updates,
        "every message the community counts"
    );

    let threads = walk_threads(&demo, Feed::Community(GroupId(engineering.id))).await;
    let unique_threads: BTreeSet<u64> = threads.iter().copied().collect();
    assert_eq!(unique_threads.len(), threads.len(), "no thread twice");
    let starters: BTreeSet<u64> = messages.iter().map(|(_, thread)| *thread).collect();
    assert_eq!(
        unique_threads, starters,
        "the threaded view covers every thread"
    );

    let mut people = BTreeSet::new();
    for page in 1.. {
        let query = UserQuery {
            page: Some(page),
            ..UserQuery::default()
        };
        let batch = demo.users(&query).await.unwrap();
        if batch.is_empty() {
            break;
        }
        people.extend(batch.iter().map(|u| u.id));
        assert!(page < 50, "the directory ends");
    }
    assert!(people.len() > 100, "{} people", people.len());
    for name in ["Social Business", "Community Managers", "Customer Voice"] {
        community(&demo, name).await;
    }
    let mine = demo
        .feed(&Feed::MyFeed, &PageQuery::default())
        .await
        .unwrap();
    assert_eq!(mine.messages.len(), 20, "a full first page");
    assert_eq!(mine.meta.current_user_id, Some(me.id));
}
