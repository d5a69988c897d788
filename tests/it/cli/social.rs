//! `kring health` and `kring questions` as a script runs them: the real binary against
//! `kring serve` with the seeded demo network. One community's health figures are checked
//! against counts made here, straight from the server's SQLite; a person whose declared
//! expertise matches a seeded open question finds it with `--for-me`; the API carries the
//! guidelines of communities and the network.

use std::process::Output;

use crate::harness::script::{json, kring_as};
use crate::harness::server::{TestServer, group_id, start};
use rusqlite::{Connection, params};

const DAY: i64 = 86_400;

async fn kring(server: &TestServer, token: &str, args: &[&str]) -> Output {
    kring_as(server, token, args).await
}

fn count(db: &Connection, sql: &str, group: u64, now: i64) -> u64 {
    db.query_row(sql, params![group as i64, now], |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap())
        .unwrap()
}

#[tokio::test]
async fn health_of_a_community_matches_a_count_from_the_database() {
    let server = start().await;
    let group = group_id(&server, "Book Club").await;
    let now = chrono::Utc::now().timestamp();
    let output = kring(
        &server,
        &server.token,
        &["health", "--community", "book club", "--json"],
    )
    .await;
    let report = json(&output);
    let reports = report.as_array().unwrap();
    assert_eq!(reports.len(), 1, "{report:#}");
    let health = &reports[0];
    assert_eq!(health["id"].as_u64(), Some(group));

    let db = Connection::open(&server.db).unwrap();
    let members = count(
        &db,
        "SELECT count(*) FROM group_members WHERE group_id = ?1 AND ?2 = ?2",
        group,
        now,
    );
    let messages = count(
        &db,
        "SELECT count(*) FROM messages WHERE group_id = ?1 AND ?2 = ?2",
        group,
        now,
    );
    let active = count(
        &db,
        "SELECT count(DISTINCT sender_id) FROM messages
         WHERE group_id = ?1 AND created_at >= ?2 - 30 * 86400",
        group,
        now,
    );
    let readers = count(
        &db,
        "SELECT count(*) FROM group_members gm WHERE gm.group_id = ?1 AND ?2 = ?2
           AND NOT EXISTS (SELECT 1 FROM messages m
                           WHERE m.group_id = gm.group_id AND m.sender_id = gm.user_id)",
        group,
        now,
    );
    let new_silent: Vec<u64> = db
        .prepare(
            "SELECT u.id FROM group_members gm JOIN users u ON u.id = gm.user_id
             WHERE gm.group_id = ?1 AND u.activated_at >= ?2 - 30 * 86400
               AND NOT EXISTS (SELECT 1 FROM messages m
                               WHERE m.group_id = gm.group_id AND m.sender_id = u.id)
             ORDER BY u.id",
        )
        .unwrap()
        .query_map(params![group as i64, now], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|id| u64::try_from(id.unwrap()).unwrap())
        .collect();
    let unanswered: Vec<u64> = db
        .prepare(
            "SELECT s.id FROM messages s
             WHERE s.group_id = ?1 AND s.id = s.thread_id AND s.created_at < ?2 - 86400
               AND (s.message_type = 'question' OR s.body_plain LIKE '%?%')
               AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.thread_id = s.id AND r.id <> s.id)
             ORDER BY s.created_at",
        )
        .unwrap()
        .query_map(params![group as i64, now], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|id| u64::try_from(id.unwrap()).unwrap())
        .collect();
    let mut first_replies: Vec<i64> = db
        .prepare(
            "SELECT min(r.created_at) - s.created_at FROM messages s
             JOIN messages r ON r.thread_id = s.id AND r.id <> s.id
             WHERE s.group_id = ?1 AND s.id = s.thread_id GROUP BY s.id",
        )
        .unwrap()
        .query_map(params![group as i64], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    first_replies.sort_unstable();
    let (top_sender, liked_replies, likes): (i64, i64, i64) = db
        .query_row(
            "SELECT sender_id, count(*), sum(like_count) FROM messages
             WHERE group_id = ?1 AND replied_to_id IS NOT NULL AND like_count > 0
             GROUP BY sender_id ORDER BY sum(like_count) DESC, count(*) DESC, sender_id LIMIT 1",
            params![group as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let last: i64 = db
        .query_row(
            "SELECT max(created_at) FROM messages WHERE group_id = ?1",
            params![group as i64],
            |r| r.get(0),
        )
        .unwrap();

    assert_eq!(health["members"].as_u64(), Some(members));
    assert_eq!(health["active_30d"].as_u64(), Some(active));
    assert_eq!(health["readers"].as_u64(), Some(readers));
    assert!(
        readers > 0 && !new_silent.is_empty(),
        "the demo has silent members here"
    );
    let listed: Vec<u64> = health["new_not_posted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(listed, new_silent);
    let listed: Vec<u64> = health["unanswered_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(listed, unanswered);
    assert_eq!(unanswered.len(), 1, "the book question waits");
    let mid = first_replies.len() / 2;
    let median = if first_replies.len() % 2 == 1 {
        first_replies[mid]
    } else {
        (first_replies[mid - 1] + first_replies[mid]).div_euclid(2)
    };
    assert_eq!(health["median_first_reply_secs"].as_i64(), Some(median));
    let champion = &health["champions"][0];
    assert_eq!(champion["id"].as_i64(), Some(top_sender));
    assert_eq!(champion["liked_replies"].as_i64(), Some(liked_replies));
    assert_eq!(champion["likes"].as_i64(), Some(likes));
    assert_eq!(health["quiet"].as_bool(), Some(now - last > 14 * DAY));
    assert_eq!(
        health["quiet"].as_bool(),
        Some(true),
        "Book Club went quiet"
    );
    assert_eq!(health["coverage"]["messages"].as_u64(), Some(messages));
    assert_eq!(
        health["coverage"]["text"].as_str(),
        Some(format!("from {messages} messages since the start").as_str())
    );
    let weekly = health["weekly"].as_array().unwrap();
    assert_eq!(weekly.len(), 12);
    let in_weeks: u64 = weekly.iter().map(|w| w.as_u64().unwrap()).sum();
    assert_eq!(
        in_weeks, messages,
        "every Book Club message is in the last 12 weeks"
    );

    let text = kring(
        &server,
        &server.token,
        &["health", "--community", "Book Club"],
    )
    .await;
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("quiet for"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[tokio::test]
async fn an_expert_finds_the_open_question_on_their_subject() {
    let server = start().await;
    let db = Connection::open(&server.db).unwrap();
    let (question, asker): (i64, i64) = db
        .query_row(
            "SELECT id, sender_id FROM messages WHERE body_plain LIKE 'How do we roll back a failed terraform apply%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (expert, username): (i64, String) = db
        .query_row(
            "SELECT id, username FROM users
             WHERE expertise LIKE '%terraform%' AND show_in_directory = 1 AND guest = 0
               AND id <> ?1 ORDER BY id LIMIT 1",
            params![asker],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let token = server.token_for(&username);
    let output = kring(
        &server,
        &token,
        // Two days reach the question (asked 30 hours before seeding) in a few pages: the
        // client keeps to the rate budget, 10 message pages per 30 seconds.
        &[
            "questions",
            "--for-me",
            "--days",
            "2",
            "--limit",
            "1000",
            "--json",
        ],
    )
    .await;
    let found = json(&output);
    let found = found.as_array().unwrap();
    let ours = found
        .iter()
        .find(|q| q["id"].as_i64() == Some(question))
        .unwrap_or_else(|| panic!("user {expert} is not offered question {question}"));
    assert_eq!(ours["asker_id"].as_i64(), Some(asker));
    assert_eq!(ours["community"].as_str(), Some("Engineering Platform"));
    let why = ours["why"].as_str().unwrap();
    assert!(why.contains("'terraform'"), "{why}");
    assert!(found.iter().all(|q| q["asker_id"].as_i64() != Some(expert)));

    // The community view offers the same question to people who know, never its asker.
    let output = kring(
        &server,
        &server.token,
        &[
            "questions",
            "--community",
            "Engineering Platform",
            "--days",
            "2",
            "--json",
        ],
    )
    .await;
    let listed = json(&output);
    let ours = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"].as_i64() == Some(question))
        .unwrap();
    let answerers = ours["answerers"].as_array().unwrap();
    assert!(!answerers.is_empty() && answerers.len() <= 3);
    assert!(answerers.iter().all(|a| a["id"].as_i64() != Some(asker)));

    // Run by the expert, they are never their own answerer (as in the questions view).
    let args = [
        "questions",
        "--community",
        "Engineering Platform",
        "--days",
        "2",
        "--json",
    ];
    let listed = json(&kring(&server, &token, &args).await);
    let ours = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"].as_i64() == Some(question))
        .unwrap();
    let answerers = ours["answerers"].as_array().unwrap();
    assert!(answerers.iter().all(|a| a["id"].as_i64() != Some(expert)));
}

#[tokio::test]
async fn communities_and_the_network_carry_their_guidelines() {
    let server = start().await;
    let group = group_id(&server, "Engineering Platform").await;
    let one = server.get_ok(&format!("groups/{group}.json")).await;
    let text = one["guidelines"].as_str().unwrap();
    assert!(
        text.starts_with("Welcome to Engineering Platform."),
        "{text}"
    );
    let network = server.get_ok("networks/current.json").await;
    let conduct = network[0]["guidelines"].as_str().unwrap();
    assert!(conduct.contains("code of conduct"), "{conduct}");
}
