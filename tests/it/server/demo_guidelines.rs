//! The demo network's guidelines: every community has its own and the network has a code of
//! conduct, as stored and as `groups/:id` sends them to a member.

use crate::harness::server;

#[tokio::test]
async fn every_demo_community_has_guidelines_and_the_network_a_code_of_conduct() {
    let server = server::start().await;
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT full_name, guidelines FROM groups ORDER BY id")
        .unwrap();
    let groups: Vec<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(groups.len() > 10, "{groups:?}");
    for (name, guidelines) in &groups {
        assert!(
            guidelines.starts_with(&format!("Welcome to {name}.")),
            "{name}: {guidelines:?}"
        );
    }
    let conduct: String = conn
        .query_row("SELECT guidelines FROM network", [], |row| row.get(0))
        .unwrap();
    assert!(conduct.contains("code of conduct"), "{conduct}");

    // An external community's say who reads there.
    let external: String = conn
        .query_row(
            "SELECT guidelines FROM groups WHERE external = 1 LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        external.contains("Customers read and write here"),
        "{external}"
    );
}
