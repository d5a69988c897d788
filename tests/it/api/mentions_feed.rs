//! The Mentions and Replies to me views against `kring serve`: the client asks for the Inbox
//! (`messages/received`) and keeps only the threads that mention the user or answer them.

use kring::api::{PageQuery, Threaded};
use kring::domain::addressed::narrow;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Catalog, Feed, UserId};

use crate::harness::server::{post_to_group, reply_to, start_empty};

const ME: u64 = 1_500_001;
const COLLEAGUE: u64 = 4_000;
const TEAM: u64 = 90;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_and_replies_to_me_are_the_inbox_threads_of_their_kind() {
    let live = start_empty().await;
    live.add_people(COLLEAGUE, 1);
    live.add_group(TEAM, "Team", &[ME, COLLEAGUE]);
    let me = live.api_client();
    let colleague = live.api_client_with(&live.token_of(&format!("person{COLLEAGUE}")).await);

    let mine = post_to_group(&me, TEAM, "My proposal").await;
    let reply = reply_to(&colleague, mine, "Looks good").await;
    let mention = post_to_group(&colleague, TEAM, "@demo can you review?").await;
    let unrelated = post_to_group(&colleague, TEAM, "Lunch anyone?").await;

    let query = PageQuery {
        threaded: Some(Threaded::Extended),
        ..PageQuery::default()
    };
    let view = |feed: Feed| {
        let me = &me;
        async move {
            let envelope = me.feed(&feed, &query).await.unwrap();
            let page = narrow(
                feed,
                page_from_envelope(&envelope),
                Some(UserId(ME)),
                &Catalog::default(),
            );
            let mut threads: Vec<u64> = page.messages.iter().map(|m| m.thread.0).collect();
            threads.sort_unstable();
            threads
        }
    };
    let inbox = view(Feed::Inbox).await;
    assert!(
        inbox.contains(&mine) && inbox.contains(&mention),
        "{inbox:?}"
    );
    assert!(!inbox.contains(&unrelated));
    assert_eq!(view(Feed::Mentions).await, [mention]);
    assert_eq!(
        view(Feed::RepliesToMe).await,
        [mine],
        "reply {reply} is in my thread"
    );
}
