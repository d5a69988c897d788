//! The real `api::Client` against the real `kring serve`: communities (list, mine, one, for a
//! user, join/leave), people (paged directory, current, by id, by email, members of a community
//! with `more_available`), follow/unfollow, topics, search and the network; the server's rate
//! limit surfacing as `ApiError::RateLimited`, the client's own budget staying under it,
//! and bad tokens as `Unauthorized`, then `TokenRejected`. Message feeds are in
//! `client_server.rs`.
//!
//! Then the people directory as the app drives it (`update`, the worker, the cache task, a
//! tick every few milliseconds as the run loop would): a 429 mid-listing pauses the listing
//! and it goes on by itself after `Retry-After`; a second start answers from the cache with
//! the server stopped (cached messages included); a refresh pass picks up a new person.

use crate::harness::directory_driver;
use crate::harness::fault_server;
use crate::harness::server;

use std::collections::BTreeSet;
use std::time::Duration;

use kring::api::{
    ApiError, BudgetConfig, Client, ClientOptions, GroupQuery, NewMessage, PageQuery, UserQuery,
};
use kring::domain::Feed;
use server::{post_to_group, start_empty, start_empty_with, test_options};

#[tokio::test]
async fn communities_list_join_and_leave() {
    let live = start_empty().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let engineering = live.add_group(3_000, "Engineering Platform", &[me]);
    let voice = live.add_group(3_001, "Customer Voice", &[]);

    let all: BTreeSet<u64> = demo
        .groups(&GroupQuery::default())
        .await
        .unwrap()
        .iter()
        .map(|g| g.id)
        .collect();
    assert_eq!(all, BTreeSet::from([engineering, voice]));
    let mine = GroupQuery {
        mine: true,
        ..GroupQuery::default()
    };
    let ids = |groups: Vec<kring::api::dto::Group>| groups.iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(ids(demo.groups(&mine).await.unwrap()), [engineering]);
    let one = demo.group(voice).await.unwrap();
    assert_eq!(one.display_name(), "Customer Voice");
    assert!(one.show_in_directory);

    demo.join_group(voice).await.unwrap();
    let joined: BTreeSet<u64> = ids(demo.groups_for_user(me).await.unwrap())
        .into_iter()
        .collect();
    assert_eq!(joined, BTreeSet::from([engineering, voice]));
    let members = demo.users_in_group(voice, 1).await.unwrap();
    assert!(members.users.iter().any(|u| u.id == me));
    demo.leave_group(voice).await.unwrap();
    assert_eq!(ids(demo.groups(&mine).await.unwrap()), [engineering]);
    assert_eq!(demo.group(424_242).await.unwrap_err(), ApiError::NotFound);
}

#[tokio::test]
async fn people_directory_pages_and_lookups() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 62);
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap();
    assert_eq!(me.name, "demo");

    let mut seen = Vec::new();
    for page in 1.. {
        let query = UserQuery {
            page: Some(page),
            ..UserQuery::default()
        };
        let batch = demo.users(&query).await.unwrap();
        assert!(batch.len() <= 50, "page {page}");
        if batch.is_empty() {
            break;
        }
        seen.extend(batch.iter().map(|u| u.id));
        assert!(page < 10, "the directory ends");
    }
    let unique: BTreeSet<u64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "nobody on two pages");
    let expected: BTreeSet<u64> = people.iter().copied().chain([me.id]).collect();
    assert_eq!(unique, expected);

    let someone = demo.user(people[7]).await.unwrap();
    assert_eq!(someone.full_name, format!("Person {}", people[7]));
    assert_eq!(someone.expertise, ["pricing", "gdpr"]);
    let found = demo.users_by_email(&someone.email).await.unwrap();
    assert_eq!(found.iter().map(|u| u.id).collect::<Vec<_>>(), [someone.id]);
    assert_eq!(demo.user(1).await.unwrap_err(), ApiError::NotFound);
}

#[tokio::test]
async fn members_of_a_community_page_with_more_available() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 55);
    let group = live.add_group(3_000, "All Hands", &people);
    let demo = live.api_client();
    let first = demo.users_in_group(group, 1).await.unwrap();
    let second = demo.users_in_group(group, 2).await.unwrap();
    assert_eq!(first.users.len(), 50);
    assert!(first.more_available);
    assert_eq!(second.users.len(), 5);
    assert!(!second.more_available);
    let all: BTreeSet<u64> = first
        .users
        .iter()
        .chain(&second.users)
        .map(|u| u.id)
        .collect();
    assert_eq!(all, people.iter().copied().collect());
}

#[tokio::test]
async fn follow_and_unfollow_a_person() {
    let live = start_empty().await;
    let people = live.add_people(1_600_000, 1);
    let group = live.add_group(3_000, "Social Business", &people);
    let demo = live.api_client();
    let them = live.api_client_with(&live.token_of(&format!("person{}", people[0])).await);
    let their_post = post_to_group(&them, group, "Launch retro at 3pm").await;
    let following = |client: Client| async move {
        let page = client
            .feed(&Feed::Following, &PageQuery::default())
            .await
            .unwrap();
        (
            page.meta.followed_user_ids,
            page.messages.iter().map(|m| m.id).collect::<Vec<_>>(),
        )
    };
    let (followed, messages) = following(demo.clone()).await;
    assert!(!followed.contains(&people[0]) && !messages.contains(&their_post));
    demo.follow_user(people[0]).await.unwrap();
    let (followed, messages) = following(demo.clone()).await;
    assert!(followed.contains(&people[0]));
    assert!(
        messages.contains(&their_post),
        "a followed person's posts are in Following"
    );
    demo.unfollow_user(people[0]).await.unwrap();
    let (followed, _) = following(demo.clone()).await;
    assert!(!followed.contains(&people[0]));
}

#[tokio::test]
async fn thread_topic_search_and_network() {
    let live = start_empty().await;
    let group = live.add_group(3_000, "Engineering Platform", &[]);
    let demo = live.api_client();
    let post = NewMessage {
        body: "Postgres vacuum tuning guide is up #databases".into(),
        group_id: Some(group),
        ..NewMessage::default()
    };
    let posted = demo.post_message(&post).await.unwrap();
    let message = &posted.messages[0];
    let topic_id = message.topics[0];
    let topic = demo.topic(topic_id).await.unwrap();
    assert_eq!(topic.name.to_ascii_lowercase(), "databases");
    let thread = demo.thread(message.id).await.unwrap();
    assert_eq!(thread.id, message.id);
    assert_eq!(thread.group_id, Some(group));

    let results = demo.search("vacuum", 1).await.unwrap();
    let hits: Vec<u64> = results.messages.messages.iter().map(|m| m.id).collect();
    assert_eq!(hits, [message.id]);
    assert_eq!(results.count.messages, 1);
    let people = demo.search("demo", 1).await.unwrap();
    assert!(people.users.iter().any(|u| u.name == "demo"));
    let nothing = demo.search("zebracorn", 1).await.unwrap();
    assert!(nothing.messages.messages.is_empty());

    let network = demo.network().await.unwrap().expect("a current network");
    assert!(!network.name.is_empty());
    assert_eq!(demo.topic(777_777).await.unwrap_err(), ApiError::NotFound);
}

#[tokio::test]
async fn bad_tokens_are_unauthorized() {
    let live = start_empty().await;
    for token in ["not-a-token", "Zm9vYmFyYmF6", "\u{0}"] {
        let client = match Client::with_options(&live.base, token, test_options()) {
            Ok(client) => client,
            Err(ApiError::Setup(_)) => continue, // not even a header value
            Err(other) => panic!("{other:?}"),
        };
        let error = client.current_user().await.unwrap_err();
        assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
        // Once refused, the token is not sent again (nothing to refresh it from).
        let error = client
            .feed(&Feed::MyFeed, &PageQuery::default())
            .await
            .unwrap_err();
        assert!(matches!(error, ApiError::TokenRejected { .. }), "{error:?}");
    }
}

#[tokio::test]
async fn the_servers_rate_limit_is_rate_limited() {
    let live = start_empty_with(|o| {
        o.rate_limit = true;
        o.rate_max_calls = 3;
        o.rate_window = Duration::from_secs(30);
    })
    .await;
    let demo = live.api_client();
    for _ in 0..3 {
        demo.feed(&Feed::AllCompany, &PageQuery::default())
            .await
            .unwrap();
    }
    let error = demo
        .feed(&Feed::AllCompany, &PageQuery::default())
        .await
        .unwrap_err();
    match error {
        ApiError::RateLimited {
            retry_after: Some(wait),
        } => assert!(wait <= Duration::from_secs(30), "{wait:?}"),
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // Yammer refuses every endpoint once a limit is hit; the client pauses them all.
    let other = demo.current_user().await.unwrap_err();
    assert!(matches!(other, ApiError::RateLimited { .. }), "{other:?}");
    let fresh = live.api_client();
    fresh
        .current_user()
        .await
        .expect("the server's other bucket is still open to a new client");
}

#[tokio::test]
async fn the_clients_budget_keeps_under_the_servers_limit() {
    // Both sides use a short window so the test runs in seconds; the client allows fewer calls
    // than the server (80 %), so network jitter cannot push two
    // windows' worth of calls into one of the server's.
    let window = Duration::from_secs(2);
    let live = start_empty_with(|o| {
        o.rate_limit = true;
        o.rate_max_calls = 10;
        o.rate_window = window;
    })
    .await;
    let options = ClientOptions {
        budget: Some(BudgetConfig { calls: 8, window }),
        get_retries: 0,
        ..test_options()
    };
    let demo = Client::with_options(&live.base, &live.token, options).unwrap();
    let calls = std::env::var("KRING_BUDGET_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25);
    for n in 0..calls {
        let result = demo.feed(&Feed::AllCompany, &PageQuery::default()).await;
        assert!(result.is_ok(), "message call {n}: {result:?}");
    }
}

// ── the directory as the app drives it ──────────────────────────────────────────────────────

use directory_driver::{Kring, listed_ids, users_page};
use fault_server::{Fault, FaultServer};

#[tokio::test]
async fn a_429_mid_listing_pauses_and_the_listing_goes_on_after_retry_after() {
    let server = FaultServer::start(|n, _| match n {
        0 => Fault::json(200, &users_page(1..=50)),
        1 => Fault::json(429, "{}").with_header("Retry-After", "2"),
        _ => Fault::json(200, &users_page(51..=53)),
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let client = Client::with_options(&server.base_url(), "token", test_options()).unwrap();
    let mut kring = Kring::start(client, dir.path());
    kring.open_people();
    let mut left_seen = BTreeSet::new();
    kring
        .settle(Duration::from_secs(20), |state| {
            if let Some(pause) = &state.people.paging.paused {
                left_seen.insert(pause.countdown.seconds_left(state.session.now));
            }
            state.people.paging.complete
        })
        .await;
    assert_eq!(
        server.count(),
        3,
        "page 1, the refused page 2, page 2 again"
    );
    assert_eq!(listed_ids(&kring.state).len(), 53);
    assert!(
        left_seen.contains(&2) && left_seen.contains(&1),
        "the countdown went 2, 1: {left_seen:?}"
    );
    assert_eq!(kring.state.notice.current(), None);
    kring.close();
}

#[tokio::test]
async fn a_second_start_answers_from_the_cache_with_the_server_stopped() {
    let mut live = start_empty().await;
    live.add_people(100, 60);
    let dir = tempfile::tempdir().unwrap();
    let mut kring = Kring::start(live.api_client(), dir.path());
    kring.open_people();
    kring
        .settle(Duration::from_secs(20), |s| s.people.paging.complete)
        .await;
    // A message this session fetched goes into the cache as every fetched page does.
    let group = live.add_group(7, "Platform", &[100]);
    let author = live.api_client_with(&live.token_of("person100").await);
    post_to_group(
        &author,
        group,
        "Notes on the zanzibar authorization rollout",
    )
    .await;
    kring.fetch_feed_of(group).await;
    kring.close();
    let base_url = live.base.clone();
    live.stop().await;

    // Second start, the server gone: the cache answers.
    let offline = Client::with_options(&base_url, "token", test_options()).unwrap();
    let mut kring = Kring::start(offline, dir.path());
    kring
        .settle(Duration::from_secs(20), |s| s.people.cached.is_some())
        .await;
    kring.open_people();
    assert_eq!(
        listed_ids(&kring.state).len(),
        61,
        "60 people and the demo user"
    );
    kring.query("Person 131");
    assert_eq!(listed_ids(&kring.state).first(), Some(&131));
    kring.query("zanzibar");
    assert_eq!(
        listed_ids(&kring.state).first(),
        Some(&100),
        "a cached message is evidence"
    );
    kring.close();
}

#[tokio::test]
async fn a_refresh_pass_picks_up_a_new_person_and_keeps_them() {
    let live = start_empty().await;
    live.add_people(100, 10);
    let dir = tempfile::tempdir().unwrap();
    let mut kring = Kring::start(live.api_client(), dir.path());
    kring.open_people();
    kring
        .settle(Duration::from_secs(20), |s| s.people.paging.complete)
        .await;
    kring.close();
    live.add_people(500, 1);

    let mut kring = Kring::start(live.api_client(), dir.path());
    kring
        .settle(Duration::from_secs(20), |s| s.people.cached.is_some())
        .await;
    assert!(!listed_ids(&kring.state).contains(&500));
    kring.open_people();
    kring
        .settle(Duration::from_secs(20), |s| s.people.paging.complete)
        .await;
    assert!(
        listed_ids(&kring.state).contains(&500),
        "the refresh found them"
    );
    kring.close();

    let mut kring = Kring::start(live.api_client(), dir.path());
    kring
        .settle(Duration::from_secs(20), |s| s.people.cached.is_some())
        .await;
    assert!(
        listed_ids(&kring.state).contains(&500),
        "and the cache kept them"
    );
    kring.close();
}
