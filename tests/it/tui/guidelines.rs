//! Guidelines in a whole session against `kring serve`'s demo network: the compose window shows
//! a community's guidelines before the user's first post there (one line, `ctrl-g` for all of
//! it), and the palette's "Guidelines" shows the network's code of conduct.

use crate::harness::server;
use crate::harness::session::Session;

/// A demo community the demo user is in and has never posted in.
const NEVER_POSTED_IN: &str = "Leadership Team";

#[tokio::test]
async fn the_demo_communitys_guidelines_reach_the_compose_window() {
    let server = server::start().await;
    let mut session = Session::start(&server.base, &server.token, 80, 24);
    session.wait_for_text("My feed").await;
    session.keys(":");
    session.type_text(NEVER_POSTED_IN);
    session.wait_for_text("community").await;
    session.keys("enter");
    session.keys("c");
    let frame = session
        .wait_for_text(&format!("Guidelines: Welcome to {NEVER_POSTED_IN}"))
        .await;
    assert!(frame.contains("ctrl-g more"), "{frame}");
    // One line at 80 columns: the house rules further on are not shown until expanded.
    assert!(!frame.contains("Stay on topic"), "{frame}");
    session.keys("ctrl-g");
    let frame = session.wait_for_text("Stay on topic").await;
    assert!(
        frame.contains(&format!("{NEVER_POSTED_IN} guidelines · ctrl-g less")),
        "{frame}"
    );
    session.finish().await;
}

#[tokio::test]
async fn the_guidelines_view_shows_the_code_of_conduct() {
    let server = server::start().await;
    let mut session = Session::start(&server.base, &server.token, 160, 48);
    session.wait_for_text("All Company").await;
    session.keys(":");
    session.type_text("Guidelines");
    session.wait_for_text("Guidelines: the network").await;
    session.keys("enter");
    let frame = session.wait_for_text("Halden's code of conduct").await;
    assert!(frame.contains("Code of conduct"), "{frame}");
    session.keys("esc");
    session
        .wait_for("the view closed", |frame| !frame.contains("Halden's code"))
        .await;
    session.finish().await;
}
