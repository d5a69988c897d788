//! Private communities in `kring serve`, over HTTP against the demo network's "Deal Room": its
//! members read it; the demo user (who asked to join) and an outsider (in no way part of it) find
//! nothing of it on any read endpoint (404 for its feed, messages and thread, nothing in the
//! other feeds, search, topics or counts) and are refused every write (403). Joining waits for an
//! admin's approval; a hashtag used only there is no public topic. The database file is the
//! owner's only.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod server_support;

use reqwest::{Method, StatusCode};
use rusqlite::{Connection, params};
use serde_json::Value;
use server_support::{Reply, TestServer, ids, start};

/// The people and things of "Deal Room" the tests look at.
struct Room {
    group: u64,
    /// A member (not the admin) and the admin, as tokens.
    member: String,
    admin: String,
    admin_id: u64,
    /// The demo user asked to join; the outsider did nothing.
    demo_id: u64,
    outsider: String,
    outsider_id: u64,
    /// A thread starter, a reply in it, and the thread's sender.
    starter: u64,
    reply: u64,
    sender: u64,
    /// The hashtag only the room uses.
    topic: u64,
}

fn one(conn: &Connection, sql: &str, group: u64) -> u64 {
    conn.query_row(sql, params![group as i64], |r| r.get::<_, i64>(0))
        .unwrap() as u64
}

fn username(conn: &Connection, id: u64) -> String {
    conn.query_row(
        "SELECT username FROM users WHERE id = ?1",
        params![id as i64],
        |r| r.get(0),
    )
    .unwrap()
}

async fn room(server: &TestServer) -> Room {
    let conn = Connection::open(&server.db).unwrap();
    let group = one(
        &conn,
        "SELECT id FROM groups WHERE full_name = 'Deal Room' AND ?1 = ?1",
        0,
    );
    let admin_id = one(
        &conn,
        "SELECT user_id FROM group_admins WHERE group_id = ?1",
        group,
    );
    let member_id = one(
        &conn,
        "SELECT user_id FROM group_members WHERE group_id = ?1
         AND user_id NOT IN (SELECT user_id FROM group_admins) ORDER BY user_id LIMIT 1",
        group,
    );
    let outsider_id = one(
        &conn,
        "SELECT id FROM users WHERE guest = 0 AND id NOT IN
           (SELECT user_id FROM group_members WHERE group_id = ?1 UNION
            SELECT user_id FROM group_requests WHERE group_id = ?1) AND username != 'demo'
         ORDER BY id LIMIT 1",
        group,
    );
    let starter = one(
        &conn,
        "SELECT thread_id FROM messages WHERE group_id = ?1 AND id != thread_id
         ORDER BY id LIMIT 1",
        group,
    );
    let reply = one(
        &conn,
        &format!("SELECT id FROM messages WHERE thread_id = {starter} AND id != ?1 LIMIT 1"),
        starter,
    );
    let sender = one(
        &conn,
        "SELECT sender_id FROM messages WHERE id = ?1",
        starter,
    );
    let topic = one(
        &conn,
        "SELECT id FROM topics WHERE normalized_name = 'projectfalcon' AND ?1 = ?1",
        0,
    );
    let demo_id = one(
        &conn,
        "SELECT id FROM users WHERE username = 'demo' AND ?1 = ?1",
        0,
    );
    Room {
        group,
        member: server.token_for(&username(&conn, member_id)),
        admin: server.token_for(&username(&conn, admin_id)),
        admin_id,
        demo_id,
        outsider: server.token_for(&username(&conn, outsider_id)),
        outsider_id,
        starter,
        reply,
        sender,
        topic,
    }
}

async fn as_user(server: &TestServer, token: &str, method: Method, path: &str) -> Reply {
    server
        .send(
            server
                .client
                .request(method, server.url(path))
                .bearer_auth(token),
        )
        .await
}

async fn get_as(server: &TestServer, token: &str, path: &str) -> Reply {
    as_user(server, token, Method::GET, path).await
}

async fn post_as(server: &TestServer, token: &str, path: &str, form: &[(&str, &str)]) -> Reply {
    server
        .send(
            server
                .client
                .post(server.url(path))
                .bearer_auth(token)
                .form(form),
        )
        .await
}

fn ok(reply: &Reply, what: &str) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.text);
    reply.json()
}

#[tokio::test]
async fn a_private_community_is_read_by_its_members_only_on_every_endpoint() {
    let server = start().await;
    let room = room(&server).await;
    let (g, s, r, t) = (room.group, room.starter, room.reply, room.topic);
    let from = room.sender;

    let feed = ok(
        &get_as(
            &server,
            &room.member,
            &format!("messages/in_group/{g}.json"),
        )
        .await,
        "member's group feed",
    );
    assert!(ids(&feed).contains(&s) && ids(&feed).contains(&r));
    for m in feed["messages"].as_array().unwrap() {
        assert_eq!(m["privacy"], "private", "{m}");
    }
    let message = ok(
        &get_as(&server, &room.member, &format!("messages/{s}.json")).await,
        "member's message",
    );
    assert_eq!(message["privacy"], "private");
    let thread = ok(
        &get_as(&server, &room.member, &format!("threads/{s}.json")).await,
        "member's thread",
    );
    assert_eq!(thread["privacy"], "private");
    let found = ok(
        &get_as(
            &server,
            &room.member,
            "search.json?search=licence%20questions",
        )
        .await,
        "member's search",
    );
    assert!(found["count"]["messages"].as_u64().unwrap() >= 1);

    for (who, token) in [("requester", &server.token), ("outsider", &room.outsider)] {
        for path in [
            format!("messages/in_group/{g}.json"),
            format!("messages/{s}.json"),
            format!("messages/{r}.json"),
            format!("messages/in_thread/{s}.json"),
            format!("threads/{s}.json"),
            format!("messages/about_topic/{t}.json"),
            format!("topics/{t}.json"),
        ] {
            let reply = get_as(&server, token, &path).await;
            assert_eq!(
                reply.status,
                StatusCode::NOT_FOUND,
                "{who} {path}: {}",
                reply.text
            );
        }
        for path in [
            "messages.json".to_owned(),
            "messages/general.json".to_owned(),
            "messages/my_feed.json".to_owned(),
            "messages/algo.json".to_owned(),
            "messages/following.json".to_owned(),
            "messages/received.json".to_owned(),
            "messages/sent.json".to_owned(),
            "messages/private.json".to_owned(),
            format!("messages/from_user/{from}.json"),
            format!("messages/liked_by/{from}.json"),
            "messages/my_feed.json?threaded=extended".to_owned(),
            format!("messages/from_user/{from}.json?threaded=true"),
        ] {
            let page = ok(
                &get_as(&server, token, &path).await,
                &format!("{who} {path}"),
            );
            let leaked: Vec<&Value> = page["messages"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m["group_id"].as_u64() == Some(g))
                .collect();
            assert!(leaked.is_empty(), "{who} {path}: {leaked:?}");
        }
        let found = ok(
            &get_as(&server, token, "search.json?search=licence%20questions").await,
            "search",
        );
        assert_eq!(found["count"]["messages"], 0, "{who}: {found}");
        assert!(ids(&found["messages"]).is_empty());
        let group = ok(
            &get_as(&server, token, &format!("groups/{g}.json")).await,
            "group",
        );
        assert_eq!(group["privacy"], "private");
        assert_eq!(
            group["stats"]["updates"], 0,
            "{who}: counts are for members"
        );
        assert!(group["stats"]["last_message_id"].is_null());
    }
}

#[tokio::test]
async fn mentions_in_a_private_community_do_not_reach_an_outsider() {
    let server = start().await;
    let room = room(&server).await;
    let conn = Connection::open(&server.db).unwrap();
    let name = username(&conn, room.outsider_id);
    let before = ok(
        &get_as(&server, &room.outsider, "networks/current.json").await,
        "net",
    )[0]["unseen_notification_count"]
        .as_u64()
        .unwrap();
    let body = format!("@{name} should not see this");
    let posted = post_as(
        &server,
        &room.member,
        "messages.json",
        &[("group_id", &room.group.to_string()), ("body", &body)],
    )
    .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text);
    let id = ids(&posted.json())[0];
    let after = ok(
        &get_as(&server, &room.outsider, "networks/current.json").await,
        "net",
    )[0]["unseen_notification_count"]
        .as_u64()
        .unwrap();
    assert_eq!(after, before, "no unseen mention for what they cannot read");
    let inbox = ok(
        &get_as(&server, &room.outsider, "messages/received.json").await,
        "inbox",
    );
    assert!(!ids(&inbox).contains(&id));
}

#[tokio::test]
async fn outsiders_cannot_post_reply_or_like_in_a_private_community() {
    let server = start().await;
    let room = room(&server).await;
    let (g, s) = (room.group.to_string(), room.starter.to_string());
    let count = |reply: Reply| ids(&ok(&reply, "feed")).len();
    let feed_path = format!("messages/in_group/{g}.json");
    let before = count(get_as(&server, &room.member, &feed_path).await);
    for token in [&server.token, &room.outsider] {
        let attempts = [
            post_as(
                &server,
                token,
                "messages.json",
                &[("group_id", &g), ("body", "hi")],
            )
            .await,
            post_as(
                &server,
                token,
                "messages.json",
                &[("replied_to_id", &s), ("body", "hi")],
            )
            .await,
            post_as(
                &server,
                token,
                "messages/liked_by/current.json",
                &[("message_id", &s)],
            )
            .await,
            as_user(
                &server,
                token,
                Method::DELETE,
                &format!("messages/liked_by/current.json?message_id={s}"),
            )
            .await,
        ];
        for reply in attempts {
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
        }
        let delete = as_user(
            &server,
            token,
            Method::DELETE,
            &format!("messages/{s}.json"),
        )
        .await;
        assert_eq!(delete.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        count(get_as(&server, &room.member, &feed_path).await),
        before
    );
    let message = ok(
        &get_as(&server, &room.member, &format!("messages/{s}.json")).await,
        "message",
    );
    assert_eq!(message["liked_by"]["count"], 0);
    let reply = post_as(
        &server,
        &room.member,
        "messages.json",
        &[("replied_to_id", &s), ("body", "members may")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
}

#[tokio::test]
async fn joining_a_private_community_waits_for_an_admin() {
    let server = start().await;
    let room = room(&server).await;
    let g = room.group.to_string();
    let feed_path = format!("messages/in_group/{g}.json");

    let asked = post_as(
        &server,
        &room.outsider,
        "group_memberships.json",
        &[("group_id", &g)],
    )
    .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text);
    assert_eq!(asked.json()["membership_status"], "pending");
    assert_eq!(
        get_as(&server, &room.outsider, &feed_path).await.status,
        StatusCode::NOT_FOUND,
        "a request is not a membership"
    );

    let pending_path = format!("users/in_group/{g}.json?pending=true");
    let pending = ok(
        &get_as(&server, &room.admin, &pending_path).await,
        "pending",
    );
    let waiting: Vec<u64> = pending["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_u64().unwrap())
        .collect();
    assert!(waiting.contains(&room.outsider_id) && waiting.contains(&room.demo_id));
    assert_eq!(
        get_as(&server, &room.member, &pending_path).await.status,
        StatusCode::FORBIDDEN,
        "only admins see the requests"
    );
    let outsider = room.outsider_id.to_string();
    let by_member = post_as(
        &server,
        &room.member,
        "group_memberships.json",
        &[("group_id", &g), ("user_id", &outsider)],
    )
    .await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);

    let approved = post_as(
        &server,
        &room.admin,
        "group_memberships.json",
        &[("group_id", &g), ("user_id", &outsider)],
    )
    .await;
    assert_eq!(approved.status, StatusCode::CREATED, "{}", approved.text);
    assert_eq!(approved.json()["membership_status"], "member");
    let feed = ok(&get_as(&server, &room.outsider, &feed_path).await, "feed");
    assert!(ids(&feed).contains(&room.starter));
    let pending = ok(
        &get_as(&server, &room.admin, &pending_path).await,
        "pending",
    );
    assert!(!pending.to_string().contains(&format!("\"id\":{outsider}")));

    let left = as_user(
        &server,
        &room.outsider,
        Method::DELETE,
        &format!("group_memberships.json?group_id={g}"),
    )
    .await;
    assert_eq!(left.status, StatusCode::OK);
    assert_eq!(
        get_as(&server, &room.outsider, &feed_path).await.status,
        StatusCode::NOT_FOUND
    );

    // An admin may also invite someone who never asked; a public community lets anyone in.
    let invited = post_as(
        &server,
        &room.admin,
        "group_memberships.json",
        &[("group_id", &g), ("user_id", &room.admin_id.to_string())],
    )
    .await;
    assert_eq!(invited.json()["membership_status"], "member");
    let conn = Connection::open(&server.db).unwrap();
    let public = one(
        &conn,
        "SELECT id FROM groups WHERE privacy = 'public' AND ?1 = ?1 ORDER BY id LIMIT 1",
        0,
    );
    let joined = post_as(
        &server,
        &room.outsider,
        "group_memberships.json",
        &[("group_id", &public.to_string())],
    )
    .await;
    assert_eq!(joined.status, StatusCode::CREATED);
    assert_eq!(joined.json()["membership_status"], "member");
}

#[tokio::test]
async fn a_hashtag_used_only_in_private_is_no_public_topic() {
    let server = start().await;
    let room = room(&server).await;
    let g = room.group.to_string();
    let posted = post_as(
        &server,
        &room.member,
        "messages.json",
        &[("group_id", &g), ("body", "Kick-off notes #zebracrossing")],
    )
    .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text);
    let topic = posted.json()["messages"][0]["topics"][0].as_u64().unwrap();

    for (name, id) in [("projectfalcon", room.topic), ("zebracrossing", topic)] {
        let search = format!("search.json?search={name}");
        let complete = format!("autocomplete/ranked.json?prefix={name}&models=topic:5");
        let seen = ok(
            &get_as(&server, &room.member, &search).await,
            "member search",
        );
        assert_eq!(seen["count"]["topics"], 1, "{seen}");
        assert_eq!(
            get_as(&server, &room.member, &format!("topics/{id}.json"))
                .await
                .status,
            StatusCode::OK
        );
        for token in [&server.token, &room.outsider] {
            let found = ok(&get_as(&server, token, &search).await, "search");
            assert_eq!(found["count"]["topics"], 0, "{name}: {found}");
            assert!(found["topics"].as_array().unwrap().is_empty());
            let hits = ok(&get_as(&server, token, &complete).await, "autocomplete");
            assert!(
                hits["topic"].as_array().unwrap().is_empty(),
                "{name}: {hits}"
            );
            for path in [
                format!("topics/{id}.json"),
                format!("messages/about_topic/{id}.json"),
            ] {
                let reply = get_as(&server, token, &path).await;
                assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
            }
        }
    }
    // Once someone uses it in the open, it is a topic for everyone.
    let public = post_as(
        &server,
        &room.outsider,
        "messages.json",
        &[("body", "Mind the #zebracrossing on the way in")],
    )
    .await;
    assert_eq!(public.status, StatusCode::CREATED, "{}", public.text);
    let about = ok(
        &get_as(
            &server,
            &server.token,
            &format!("messages/about_topic/{topic}.json"),
        )
        .await,
        "about",
    );
    assert_eq!(ids(&about).len(), 1, "only the public message");
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite");
    let mut opts = server_support::options(fresh.clone());
    opts.seed_demo = false;
    let server = kring::server::spawn(opts).await.unwrap();
    assert_eq!(mode(&fresh), 0o600);
    for suffix in ["-wal", "-shm"] {
        let side = dir.path().join(format!("fresh.sqlite{suffix}"));
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "{suffix}");
        }
    }
    server.shutdown().await.unwrap();

    std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o644)).unwrap();
    let server = kring::server::spawn(server_support::options(fresh.clone()))
        .await
        .unwrap();
    assert_eq!(mode(&fresh), 0o600, "a loose file is tightened");
    server.shutdown().await.unwrap();
}
