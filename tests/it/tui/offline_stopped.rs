//! The offline hints against a real server that has stopped: a session online fills the cache
//! with the feed, the server stops, and a second session on that cache says how much of a
//! thread is here ("N of M replies cached") and that an unseen feed is "Not cached; shown when
//! online." instead of "Loading…" for ever.

use std::time::{Duration, Instant};

use kring::store::Stores;

use crate::harness::server;
use crate::harness::session::Session;

/// Polls the screen for `text` for at most `wait`.
async fn shows(session: &Session, text: &str, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        if session.screen().contains(text) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn a_stopped_server_leaves_cached_threads_marked_partial_and_other_feeds_unshown() {
    let mut server = server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let open = || Stores::open(dir.path()).unwrap().0.cache;

    // Online: the feed arrives (with each thread's starter and latest replies) and is cached.
    let mut online = Session::start_with_cache(&server.base, &server.token, 160, 48, Some(open()));
    online
        .wait_for("a timeline card", |s| s.contains('↩'))
        .await;
    online.finish().await;
    server.stop().await;

    // Offline: the same cache, the server gone.
    let mut offline = Session::start_with_cache(&server.base, &server.token, 160, 48, Some(open()));
    offline
        .wait_for("the cached feed", |s| s.contains('↩'))
        .await;
    let mut partial = false;
    for _ in 0..10 {
        offline.keys("enter");
        if shows(&offline, "replies cached", Duration::from_secs(2)).await {
            partial = true;
            break;
        }
        offline.keys("2");
        offline.keys("j");
    }
    let screen = offline.screen();
    assert!(
        partial,
        "no thread said how much of it is cached:\n{screen}"
    );
    let line = screen
        .lines()
        .find(|l| l.contains("replies cached"))
        .unwrap_or_default();
    let words: Vec<&str> = line
        .split("replies cached")
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let [.., here, "of", total] = words[..] else {
        panic!("no \"N of M\" before \"replies cached\": {line}");
    };
    let (here, total): (u64, u64) = (here.parse().unwrap(), total.parse().unwrap());
    assert!(here < total, "{line}");

    // A community never opened: nothing cached, and it says so rather than loading for ever.
    offline.keys("1");
    offline.keys("G");
    offline.keys("enter");
    offline
        .wait_for_text("Not cached; shown when online.")
        .await;
    assert!(!offline.screen().contains("Loading…"));
    offline.finish().await;
}
