//! Private communities in `kring serve`, over HTTP against the demo network's "Deal Room": its
//! members read it; the demo user (who asked to join) and an outsider (in no way part of it) find
//! nothing of it on any read endpoint (404 for its feed, messages and thread, nothing in the
//! other feeds, search, topics or counts) and are refused every write (403). Joining waits for an
//! admin's approval; a hashtag used only there is no public topic. The database file is the
//! owner's only.

use crate::harness::server::{Reply, TestServer, ids, start};
use reqwest::{Method, StatusCode};
use rusqlite::Connection;
use serde_json::Value;

/// "Deal Room": tokens of a member (not its admin), its admin and an outsider (neither a member
/// nor asking to be one; the demo user has asked), a thread starter, a reply in it, the starter's
/// sender, and the hashtag only the room uses.
struct Room {
    group: u64,
    member: String,
    admin: String,
    demo_id: u64,
    outsider: String,
    outsider_id: u64,
    starter: u64,
    reply: u64,
    sender: u64,
    topic: u64,
}

fn one(conn: &Connection, sql: &str) -> u64 {
    conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u64
}

fn username(conn: &Connection, id: u64) -> String {
    let sql = format!("SELECT username FROM users WHERE id = {id}");
    conn.query_row(&sql, [], |r| r.get(0)).unwrap()
}

async fn room(server: &TestServer) -> Room {
    let conn = Connection::open(&server.db).unwrap();
    let q = |sql: &str| one(&conn, sql);
    let group = q("SELECT id FROM groups WHERE full_name = 'Deal Room'");
    let admin = q(&format!(
        "SELECT user_id FROM group_admins WHERE group_id = {group}"
    ));
    let member = q(&format!(
        "SELECT user_id FROM group_members WHERE group_id = {group} AND user_id != {admin}"
    ));
    let outsider_id = q(&format!(
        "SELECT id FROM users WHERE guest = 0 AND username != 'demo' AND id NOT IN
           (SELECT user_id FROM group_members WHERE group_id = {group} UNION
            SELECT user_id FROM group_requests WHERE group_id = {group}) ORDER BY id"
    ));
    let starter = q(&format!(
        "SELECT thread_id FROM messages WHERE group_id = {group} AND id != thread_id"
    ));
    let token = |id: u64| server.token_for(&username(&conn, id));
    Room {
        group,
        member: token(member),
        admin: token(admin),
        demo_id: q("SELECT id FROM users WHERE username = 'demo'"),
        outsider: token(outsider_id),
        outsider_id,
        starter,
        reply: q(&format!(
            "SELECT max(id) FROM messages WHERE thread_id = {starter}"
        )),
        sender: q(&format!(
            "SELECT sender_id FROM messages WHERE id = {starter}"
        )),
        topic: q("SELECT id FROM topics WHERE normalized_name = 'projectfalcon'"),
    }
}

/// Requests as one person.
#[derive(Clone, Copy)]
struct As<'a>(&'a TestServer, &'a str);

impl As<'_> {
    async fn send(self, method: Method, path: &str, form: &[(&str, &str)]) -> Reply {
        let request = self.0.client.request(method, self.0.url(path));
        let request = request.bearer_auth(self.1);
        let request = if form.is_empty() {
            request
        } else {
            request.form(form)
        };
        self.0.send(request).await
    }

    async fn get(self, path: &str) -> Reply {
        self.send(Method::GET, path, &[]).await
    }

    /// GET that must answer 200, as JSON.
    async fn ok(self, path: &str) -> Value {
        let reply = self.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text);
        reply.json()
    }

    async fn post(self, path: &str, form: &[(&str, &str)]) -> Reply {
        self.send(Method::POST, path, form).await
    }

    async fn delete(self, path: &str) -> Reply {
        self.send(Method::DELETE, path, &[]).await
    }
}

#[tokio::test]
async fn a_private_community_is_read_by_its_members_only_on_every_endpoint() {
    let server = start().await;
    let room = room(&server).await;
    let (g, s, r) = (room.group, room.starter, room.reply);
    let (t, from) = (room.topic, room.sender);
    let member = As(&server, &room.member);

    let feed = member.ok(&format!("messages/in_group/{g}.json")).await;
    assert!(ids(&feed).contains(&s) && ids(&feed).contains(&r));
    for m in feed["messages"].as_array().unwrap() {
        assert_eq!(m["privacy"], "private", "{m}");
    }
    assert_eq!(
        member.ok(&format!("messages/{s}.json")).await["privacy"],
        "private"
    );
    assert_eq!(
        member.ok(&format!("threads/{s}.json")).await["privacy"],
        "private"
    );
    let found = member.ok("search.json?search=licence%20questions").await;
    assert!(found["count"]["messages"].as_u64().unwrap() >= 1);

    for (who, token) in [("requester", &server.token), ("outsider", &room.outsider)] {
        let them = As(&server, token);
        for path in [
            format!("messages/in_group/{g}.json"),
            format!("messages/{s}.json"),
            format!("messages/{r}.json"),
            format!("messages/in_thread/{s}.json"),
            format!("threads/{s}.json"),
            format!("messages/about_topic/{t}.json"),
            format!("topics/{t}.json"),
        ] {
            let reply = them.get(&path).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{who} {path}");
        }
        for path in [
            "messages.json",
            "messages/general.json",
            "messages/my_feed.json",
            "messages/algo.json",
            "messages/following.json",
            "messages/received.json",
            "messages/sent.json",
            "messages/private.json",
            "messages/my_feed.json?threaded=extended",
            &format!("messages/from_user/{from}.json"),
            &format!("messages/from_user/{from}.json?threaded=true"),
            &format!("messages/liked_by/{from}.json"),
        ] {
            let page = them.ok(path).await;
            let messages = page["messages"].as_array().unwrap();
            let leaked: Vec<&Value> = messages
                .iter()
                .filter(|m| m["group_id"].as_u64() == Some(g))
                .collect();
            assert!(leaked.is_empty(), "{who} {path}: {leaked:?}");
        }
        let found = them.ok("search.json?search=licence%20questions").await;
        assert_eq!(found["count"]["messages"], 0, "{who}: {found}");
        assert!(ids(&found["messages"]).is_empty());
        let group = them.ok(&format!("groups/{g}.json")).await;
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
    let outsider = As(&server, &room.outsider);
    let conn = Connection::open(&server.db).unwrap();
    let name = username(&conn, room.outsider_id);
    let unseen = || async {
        outsider.ok("networks/current.json").await[0]["unseen_notification_count"]
            .as_u64()
            .unwrap()
    };
    let before = unseen().await;
    let body = format!("@{name} should not see this");
    let group = room.group.to_string();
    let posted = As(&server, &room.member)
        .post("messages.json", &[("group_id", &group), ("body", &body)])
        .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text);
    let id = ids(&posted.json())[0];
    assert_eq!(
        unseen().await,
        before,
        "no unseen mention of what they cannot read"
    );
    assert!(!ids(&outsider.ok("messages/received.json").await).contains(&id));
}

#[tokio::test]
async fn outsiders_cannot_post_reply_or_like_in_a_private_community() {
    let server = start().await;
    let room = room(&server).await;
    let member = As(&server, &room.member);
    let (g, s) = (room.group.to_string(), room.starter.to_string());
    let feed_path = format!("messages/in_group/{g}.json");
    let before = ids(&member.ok(&feed_path).await);
    let unlike = format!("messages/liked_by/current.json?message_id={s}");
    for token in [&server.token, &room.outsider] {
        let them = As(&server, token);
        let attempts = [
            them.post("messages.json", &[("group_id", &g), ("body", "hi")])
                .await,
            them.post("messages.json", &[("replied_to_id", &s), ("body", "hi")])
                .await,
            them.post("messages/liked_by/current.json", &[("message_id", &s)])
                .await,
            them.delete(&unlike).await,
        ];
        for reply in attempts {
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
        }
        let deleted = them.delete(&format!("messages/{s}.json")).await;
        assert_eq!(deleted.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(ids(&member.ok(&feed_path).await), before);
    let message = member.ok(&format!("messages/{s}.json")).await;
    assert_eq!(message["liked_by"]["count"], 0);
    let reply = member
        .post(
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
    let (outsider, admin) = (As(&server, &room.outsider), As(&server, &room.admin));
    let g = room.group.to_string();
    let feed_path = format!("messages/in_group/{g}.json");
    let join = "group_memberships.json";

    let asked = outsider.post(join, &[("group_id", &g)]).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text);
    assert_eq!(asked.json()["membership_status"], "pending");
    let refused = outsider.get(&feed_path).await.status;
    assert_eq!(
        refused,
        StatusCode::NOT_FOUND,
        "a request is not a membership"
    );

    let pending_path = format!("users/in_group/{g}.json?pending=true");
    let waiting = |list: Value| -> Vec<u64> {
        let users = list["users"].as_array().unwrap().clone();
        users.iter().map(|u| u["id"].as_u64().unwrap()).collect()
    };
    let before = waiting(admin.ok(&pending_path).await);
    assert!(before.contains(&room.outsider_id) && before.contains(&room.demo_id));
    let member = As(&server, &room.member);
    let peeked = member.get(&pending_path).await.status;
    assert_eq!(
        peeked,
        StatusCode::FORBIDDEN,
        "only admins see the requests"
    );
    let them = room.outsider_id.to_string();
    let approve = [("group_id", g.as_str()), ("user_id", them.as_str())];
    assert_eq!(
        member.post(join, &approve).await.status,
        StatusCode::FORBIDDEN
    );

    let approved = admin.post(join, &approve).await;
    assert_eq!(approved.status, StatusCode::CREATED, "{}", approved.text);
    assert_eq!(approved.json()["membership_status"], "member");
    assert!(ids(&outsider.ok(&feed_path).await).contains(&room.starter));
    assert!(!waiting(admin.ok(&pending_path).await).contains(&room.outsider_id));

    let left = outsider.delete(&format!("{join}?group_id={g}")).await;
    assert_eq!(left.status, StatusCode::OK);
    assert_eq!(outsider.get(&feed_path).await.status, StatusCode::NOT_FOUND);

    // An admin may also add someone who never asked; a public community lets anyone in.
    let demo = room.demo_id.to_string();
    let invited = admin
        .post(join, &[("group_id", &g), ("user_id", &demo)])
        .await;
    assert_eq!(invited.json()["membership_status"], "member");
    assert!(ids(&As(&server, &server.token).ok(&feed_path).await).contains(&room.starter));
    let conn = Connection::open(&server.db).unwrap();
    let public = one(
        &conn,
        "SELECT id FROM groups WHERE privacy = 'public' ORDER BY id",
    );
    let joined = outsider
        .post(join, &[("group_id", &public.to_string())])
        .await;
    assert_eq!(joined.status, StatusCode::CREATED);
    assert_eq!(joined.json()["membership_status"], "member");
}

#[tokio::test]
async fn a_hashtag_used_only_in_private_is_no_public_topic() {
    let server = start().await;
    let room = room(&server).await;
    let member = As(&server, &room.member);
    let g = room.group.to_string();
    let posted = member
        .post(
            "messages.json",
            &[("group_id", &g), ("body", "Kick-off #zebracrossing")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text);
    let topic = posted.json()["messages"][0]["topics"][0].as_u64().unwrap();

    for (name, id) in [("projectfalcon", room.topic), ("zebracrossing", topic)] {
        let search = format!("search.json?search={name}");
        let complete = format!("autocomplete/ranked.json?prefix={name}&models=topic:5");
        assert_eq!(member.ok(&search).await["count"]["topics"], 1, "{name}");
        member.ok(&format!("topics/{id}.json")).await;
        for token in [&server.token, &room.outsider] {
            let them = As(&server, token);
            let found = them.ok(&search).await;
            assert_eq!(found["count"]["topics"], 0, "{name}: {found}");
            assert!(found["topics"].as_array().unwrap().is_empty());
            let hits = them.ok(&complete).await;
            assert!(
                hits["topic"].as_array().unwrap().is_empty(),
                "{name}: {hits}"
            );
            for path in [
                format!("topics/{id}.json"),
                format!("messages/about_topic/{id}.json"),
            ] {
                assert_eq!(
                    them.get(&path).await.status,
                    StatusCode::NOT_FOUND,
                    "{path}"
                );
            }
        }
    }
    // Once someone uses it in the open, it is a topic for everyone.
    let public = As(&server, &room.outsider)
        .post("messages.json", &[("body", "Mind the #zebracrossing")])
        .await;
    assert_eq!(public.status, StatusCode::CREATED, "{}", public.text);
    let about = As(&server, &server.token)
        .ok(&format!("messages/about_topic/{topic}.json"))
        .await;
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
    let mut opts = crate::harness::server::options(fresh.clone());
    opts.seed_demo = false;
    let server = kring::server::spawn(opts).await.unwrap();
    assert_eq!(mode(&fresh), 0o600);
    for side in ["fresh.sqlite-wal", "fresh.sqlite-shm"].map(|f| dir.path().join(f)) {
        assert!(!side.exists() || mode(&side) == 0o600, "{side:?}");
    }
    server.shutdown().await.unwrap();

    std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o644)).unwrap();
    let server = kring::server::spawn(crate::harness::server::options(fresh.clone()))
        .await
        .unwrap();
    assert_eq!(mode(&fresh), 0o600, "a loose file is tightened");
    server.shutdown().await.unwrap();
}
