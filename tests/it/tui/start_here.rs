//! The "Start here" checklist in whole sessions: shown on a fresh account, and once dismissed
//! gone for good, the next session on the same cache included.

use crate::harness::server;
use crate::harness::session::Session;

#[tokio::test]
async fn start_here_shows_on_a_fresh_account_and_stays_gone_once_dismissed() {
    let server = server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let size = (160, 48);
    let mut session = Session::start_cached(&server.base, &server.token, size, dir.path());
    let frame = session.wait_for_text("Start here").await;
    assert!(frame.contains("Read the guidelines"), "{frame}");
    // From My feed, up into the checklist, then its dismiss key.
    session.keys("1");
    session.keys("k");
    session.keys("x");
    let frame = session
        .wait_for("the checklist gone", |f| !f.contains("Read the guidelines"))
        .await;
    assert!(frame.contains("My feed"), "{frame}");
    session.finish().await;

    let mut again = Session::start_cached(&server.base, &server.token, size, dir.path());
    let frame = again.wait_for_text("Discover").await;
    assert!(!frame.contains("Start here"), "{frame}");
    again.finish().await;
}
