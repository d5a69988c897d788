//! Whole sessions in process: the real run loop, worker and network against the in-process
//! server, keys from a channel, frames from a test backend.

use kring::app::shell::ending::Ending;
use kring::app::shell::input::InputEvent;

use crate::harness::server;
use crate::harness::session::Session;

#[tokio::test]
async fn a_session_starts_on_my_feed_and_quits_on_q() {
    let server = server::start().await;
    let mut session = Session::start(&server.base, &server.token, 160, 48);
    let frame = session.wait_for_text("All Company").await;
    assert!(frame.contains("My feed"), "{frame}");
    session.keys("1");
    session.keys("q");
    // `q` in the communities pane quits: the loop returns by itself, before any end of input.
    let ending = session.wait_until_ended().await;
    assert_eq!(ending, Ending::Quit);
}

#[tokio::test]
async fn a_colleagues_post_shows_once_the_feed_is_opened() {
    let server = server::start().await;
    let users = server.get_ok("users.json").await;
    let colleague = users
        .as_array()
        .unwrap()
        .iter()
        .find(|user| user["name"] != "demo")
        .and_then(|user| user["name"].as_str())
        .unwrap()
        .to_string();
    let mut session = Session::start(&server.base, &server.token, 160, 48);
    session.wait_for_text("All Company").await;
    let colleague_token = server.token_for(&colleague);
    let posted = server
        .send(
            server
                .request(reqwest::Method::POST, "messages.json")
                .bearer_auth(&colleague_token)
                .form(&[("body", "Session check: the release train leaves at four")]),
        )
        .await;
    assert!(posted.status.is_success(), "{posted:?}");
    // Communities pane, down to All Company, open it.
    session.keys("1");
    session.keys("g g");
    session.keys("j");
    session.keys("enter");
    let frame = session
        .wait_for_text("Session check: the release train")
        .await;
    assert!(frame.contains("All Company"), "{frame}");
    session.finish().await;
}

#[tokio::test]
async fn copying_a_link_writes_osc52_to_the_terminal() {
    let server = server::start().await;
    let mut session = Session::start(&server.base, &server.token, 160, 48);
    // A timeline card shows its likes.
    session.wait_for_text("♥").await;
    session.keys("2");
    session.keys("y");
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    while !session.raw_bytes().windows(5).any(|w| w == b"\x1b]52;") {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no OSC 52 written; the screen:\n{}",
            session.screen()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    session.finish().await;
}

#[tokio::test]
async fn signals_and_hang_ups_end_the_session_with_their_own_ending() {
    let server = server::start().await;
    for (event, expected) in [
        (InputEvent::Terminated, Ending::Terminated),
        (InputEvent::HungUp, Ending::HangUp),
    ] {
        let mut session = Session::start(&server.base, &server.token, 100, 30);
        session.wait_for_text("My feed").await;
        session.send(event);
        assert_eq!(session.finish().await, expected);
    }
}

#[tokio::test]
async fn a_post_typed_in_compose_reaches_the_server_and_the_timeline() {
    let server = server::start().await;
    let mut session = Session::start(&server.base, &server.token, 120, 30);
    session.wait_for_text("♥").await;
    session.keys("1");
    session.keys("g g");
    session.keys("j");
    session.keys("enter");
    session.wait_for_text("Timeline All Company").await;
    session.keys("c");
    session.type_text("Typed in a whole session");
    // All Company asks first ("Send again to post"); the second send posts.
    session.keys("ctrl-s");
    session.wait_for_text("Send again to post").await;
    session.keys("ctrl-s");
    session.wait_for_text("Typed in a whole session").await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let feed = server.get_ok("messages.json").await;
        if feed.to_string().contains("Typed in a whole session") {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the post never reached the server"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    session.finish().await;
}
