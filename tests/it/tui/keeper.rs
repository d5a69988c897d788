//! The demo's community manager keeps Engineering Platform: the questions view (`6`) names who
//! could answer its open questions, which lie outside her own expertise (questions matching it
//! are listed as hers instead).

use crate::harness::server;
use crate::harness::session::Session;

#[tokio::test]
async fn the_demo_keeper_sees_who_could_answer_in_a_community_she_keeps() {
    let server = server::start().await;
    let mut session = Session::start(&server.base, &server.token, 160, 48);
    session.wait_for_text("All Company").await;
    session.keys("6");
    let frame = session.wait_for_text("could answer: ").await;
    assert!(frame.contains("Open in communities you keep"), "{frame}");
    assert!(
        frame.contains("· Engineering Platform ·"),
        "an Engineering Platform question is listed for its keeper:\n{frame}"
    );
    session.finish().await;
}
