//! `kring communities`, `kring join` and `kring leave` as a script runs them, against
//! `kring serve` with the seeded demo network: the JSON shapes, joining and leaving round trips
//! checked in the server's database, asking to join a private community, an ambiguous name; and
//! what the server adds for them (a community's admins, who someone follows).

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::harness::script::{json, kring_as};
use crate::harness::server::{TestServer, group_id, start};

async fn kring(server: &TestServer, args: &[&str]) -> std::process::Output {
    kring_as(server, &server.token, args).await
}

async fn me(server: &TestServer) -> u64 {
    server.get_ok("users/current.json").await["id"]
        .as_u64()
        .unwrap()
}

fn is_member(server: &TestServer, group: u64, user: u64) -> bool {
    let db = Connection::open(&server.db).unwrap();
    db.query_row(
        "SELECT count(*) FROM group_members WHERE group_id = ?1 AND user_id = ?2",
        params![group as i64, user as i64],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        > 0
}

fn has_asked(server: &TestServer, group: u64, user: u64) -> bool {
    let db = Connection::open(&server.db).unwrap();
    db.query_row(
        "SELECT count(*) FROM group_requests WHERE group_id = ?1 AND user_id = ?2",
        params![group as i64, user as i64],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        > 0
}

#[tokio::test]
async fn communities_all_lists_yours_first_then_suggestions_with_why() {
    let server = start().await;
    let mine = json(&kring(&server, &["communities", "--json"]).await);
    let mine = mine.as_array().unwrap().clone();
    assert!(!mine.is_empty());
    assert!(
        mine.iter()
            .all(|c| c["member"] == true && c.get("why").is_none())
    );

    let all = json(&kring(&server, &["communities", "--all", "--json"]).await);
    let all = all.as_array().unwrap();
    assert!(all.len() > mine.len(), "{all:#?}");
    let first_other = all.iter().position(|c| c["member"] == false).unwrap();
    assert_eq!(first_other, mine.len(), "yours come first");
    for record in all {
        for key in [
            "id",
            "name",
            "description",
            "privacy",
            "members",
            "messages",
            "web_url",
        ] {
            assert!(record.get(key).is_some(), "{key} missing: {record:#}");
        }
        assert!(record["external"].is_boolean());
        assert!(record.get("last_message_at").is_some());
    }
    assert!(all[first_other..].iter().all(|c| c["why"].is_string()));
    assert!(
        all.iter()
            .any(|c| c["name"] == "Design Crit" && c["member"] == false)
    );
}

#[tokio::test]
async fn join_and_leave_by_name_round_trip() {
    let server = start().await;
    let user = me(&server).await;
    let group = group_id(&server, "Design Crit").await;
    assert!(!is_member(&server, group, user));

    let joined = json(&kring(&server, &["join", "design crit", "--json"]).await);
    assert_eq!(joined["id"].as_u64(), Some(group));
    assert_eq!(joined["status"], "member");
    assert!(is_member(&server, group, user));
    let listed = json(&kring(&server, &["communities", "--json"]).await);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"].as_u64() == Some(group))
    );

    let left = json(&kring(&server, &["leave", &group.to_string(), "--json"]).await);
    assert_eq!(left["status"], "left");
    assert!(!is_member(&server, group, user));

    let again = kring(&server, &["leave", "Design Crit"]).await;
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not in a community"));
}

#[tokio::test]
async fn joining_a_private_community_asks_and_says_pending() {
    let server = start().await;
    let user = me(&server).await;
    let group = group_id(&server, "Deal Room").await;
    let asked = kring(&server, &["join", "Deal Room"]).await;
    assert!(asked.status.success());
    let text = String::from_utf8_lossy(&asked.stdout);
    assert!(text.contains("Asked to join Deal Room"), "{text}");
    assert!(has_asked(&server, group, user));
    assert!(!is_member(&server, group, user));
    let again = json(&kring(&server, &["join", "deal room", "--json"]).await);
    assert_eq!(again["status"], "pending");
}

#[tokio::test]
async fn an_ambiguous_name_lists_the_candidates_and_fails() {
    let server = start().await;
    let output = kring(&server, &["join", "s"]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Sales Wins") && stderr.contains("say which"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_server_names_admins_and_who_someone_follows() {
    let server = start().await;
    let group = group_id(&server, "Deal Room").await;
    let card: Value = server.get_ok(&format!("groups/{group}.json")).await;
    let admins = card["admins"].as_array().unwrap();
    assert!(!admins.is_empty(), "{card:#}");
    assert!(admins.iter().all(|a| a["full_name"].is_string()));

    let user = me(&server).await;
    let followed = server.get_ok(&format!("users/following/{user}.json")).await;
    let users = followed["users"].as_array().unwrap();
    assert!(!users.is_empty());
    assert_eq!(followed["more_available"], false);
    let missing = server.get("users/following/424242.json").await;
    assert_eq!(missing.status, reqwest::StatusCode::NOT_FOUND);
}
