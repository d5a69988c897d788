//! `kring catchup --json` as a script runs it against `kring serve` with the seeded demo
//! network: each community's count of new messages is the database's, communities come most
//! active first, and every listed reply to you is in a thread you started or answers you.

use rusqlite::{Connection, params};

use crate::harness::script::{json, kring_as};
use crate::harness::server::start;

#[tokio::test]
async fn catchup_json_counts_each_communitys_new_messages_as_the_database_does() {
    let server = start().await;
    let output = kring_as(
        &server,
        &server.token,
        &["catchup", "--since", "2d", "--json"],
    )
    .await;
    let report = json(&output);
    let since = chrono::DateTime::parse_from_rfc3339(report["since"].as_str().unwrap())
        .unwrap()
        .timestamp();
    let now = chrono::Utc::now().timestamp();
    assert!((now - 2 * 86_400 - since).abs() < 120, "{since}");
    assert!(report["reach"].as_str().unwrap().starts_with("from "));
    let communities = report["communities"].as_array().unwrap();
    assert!(!communities.is_empty(), "{report:#}");

    let db = Connection::open(&server.db).unwrap();
    let me: i64 = db
        .query_row("SELECT id FROM users WHERE username = 'demo'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut listed = 0;
    let mut previous = u64::MAX;
    for community in communities {
        let new = community["new_messages"].as_u64().unwrap();
        assert!(new <= previous, "most active first: {report:#}");
        previous = new;
        listed += new;
        let Some(id) = community["id"].as_u64() else {
            continue;
        };
        let counted: i64 = db
            .query_row(
                "SELECT count(*) FROM messages WHERE group_id = ?1 AND direct = 0 AND created_at > ?2",
                params![id as i64, since],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            new,
            u64::try_from(counted).unwrap(),
            "{}",
            community["name"]
        );
        let new_threads = community["new_threads"]["total"].as_u64().unwrap();
        let started: i64 = db
            .query_row(
                "SELECT count(*) FROM messages
                 WHERE group_id = ?1 AND direct = 0 AND created_at > ?2 AND id = thread_id",
                params![id as i64, since],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            new_threads,
            u64::try_from(started).unwrap(),
            "{}",
            community["name"]
        );
    }
    assert_eq!(listed, report["messages"].as_u64().unwrap());
    for community in communities {
        for item in community["replies_to_you"]["items"].as_array().unwrap() {
            let thread = item["thread_id"].as_i64().unwrap();
            let yours: i64 = db
                .query_row(
                    "SELECT count(*) FROM messages r JOIN messages p ON p.id = r.replied_to_id
                     WHERE r.thread_id = ?1 AND r.created_at > ?2 AND r.sender_id != ?3
                       AND (p.sender_id = ?3
                            OR (SELECT sender_id FROM messages WHERE id = ?1) = ?3)",
                    params![thread, since, me],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(item["count"].as_i64().unwrap(), yours, "{item:#}");
        }
    }
}
