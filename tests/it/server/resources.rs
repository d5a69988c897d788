//! People, communities, memberships, following, threads, topics, search, autocomplete and the
//! network over HTTP, decoded with the shared `api::dto` types where the shape is fixed.

use crate::harness::server;

use kring::api::dto::{Group, MessagesEnvelope, Network, SearchResults, Thread, User, UserList};
use reqwest::{Method, StatusCode};
use server::{group_id, ids, start};

#[tokio::test]
async fn the_directory_pages_by_fifty_and_leaves_hidden_people_out() {
    let server = start().await;
    let mut everyone: Vec<User> = Vec::new();
    for page in 1.. {
        let users: Vec<User> =
            serde_json::from_value(server.get_ok(&format!("users.json?page={page}")).await)
                .unwrap();
        assert!(users.len() <= 50);
        let short = users.len() < 50;
        everyone.extend(users);
        if short {
            break;
        }
    }
    assert!(
        (140..150).contains(&everyone.len()),
        "{} listed",
        everyone.len()
    );
    assert!(everyone.iter().all(|u| u.show_in_directory));
    let names: Vec<&str> = everyone.iter().map(|u| u.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "alphabetical by default");
    assert!(
        everyone.iter().any(|u| u.guest),
        "customer guests are listed"
    );
    assert!(
        everyone
            .iter()
            .all(|u| u.last_active_at.is_some_and(|t| t.is_known()))
    );
    assert!(
        everyone
            .iter()
            .filter(|u| !u.guest)
            .all(|u| !u.expertise.is_empty())
    );

    let by_messages: Vec<User> =
        serde_json::from_value(server.get_ok("users.json?sort_by=messages").await).unwrap();
    assert!(
        by_messages
            .windows(2)
            .all(|w| w[0].stats.updates >= w[1].stats.updates)
    );
    let letter_a: Vec<User> =
        serde_json::from_value(server.get_ok("users.json?letter=a").await).unwrap();
    assert!(!letter_a.is_empty() && letter_a.iter().all(|u| u.name.starts_with('a')));

    let mut hidden = Vec::new();
    for id in 1_500_001..1_500_151u64 {
        if !everyone.iter().any(|u| u.id == id) {
            let user: User =
                serde_json::from_value(server.get_ok(&format!("users/{id}")).await).unwrap();
            hidden.push(user);
        }
    }
    assert!((3..=5).contains(&hidden.len()), "{} hidden", hidden.len());
    assert!(hidden.iter().all(|u| !u.show_in_directory));
    let raw = server.get_ok(&format!("users/{}", hidden[0].id)).await;
    assert_eq!(raw["show_in_directory"], "false");
    let wrote: usize = hidden.iter().map(|u| u.stats.updates as usize).sum();
    assert!(wrote > 0, "hidden people still post");
}

#[tokio::test]
async fn current_user_by_email_and_group_members() {
    let server = start().await;
    let me: User = serde_json::from_value(server.get_ok("users/current.json").await).unwrap();
    assert_eq!(me.name, "demo");
    assert_eq!(me.full_name, "Dana Demo");
    assert!(me.stats.following >= 15);
    let found: Vec<User> = serde_json::from_value(
        server
            .get_ok(&format!(
                "users/by_email.json?email={}",
                me.email.to_uppercase()
            ))
            .await,
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, me.id);

    let group = group_id(&server, "Engineering Platform").await;
    let first: UserList =
        serde_json::from_value(server.get_ok(&format!("users/in_group/{group}.json")).await)
            .unwrap();
    assert_eq!(first.users.len(), 50);
    assert!(first.more_available);
    let info: Group =
        serde_json::from_value(server.get_ok(&format!("groups/{group}")).await).unwrap();
    let mut total = first.users.len();
    let mut page = 2;
    loop {
        let next: UserList = serde_json::from_value(
            server
                .get_ok(&format!("users/in_group/{group}?page={page}"))
                .await,
        )
        .unwrap();
        total += next.users.len();
        if !next.more_available {
            break;
        }
        page += 1;
    }
    assert_eq!(total as u64, info.stats.members);
}

#[tokio::test]
async fn groups_list_join_and_leave() {
    let server = start().await;
    let me = server.get_ok("users/current").await["id"].as_u64().unwrap();
    let groups: Vec<Group> = serde_json::from_value(server.get_ok("groups.json").await).unwrap();
    assert!((12..=16).contains(&groups.len()));
    for name in [
        "Engineering Platform",
        "Social Business",
        "Community Managers",
        "New Joiners & Training",
        "Customer Voice",
    ] {
        assert!(groups.iter().any(|g| g.full_name == name), "{name}");
    }
    assert!(
        groups
            .windows(2)
            .all(|w| w[0].stats.updates >= w[1].stats.updates),
        "busiest first"
    );
    assert!(
        groups
            .iter()
            .find(|g| g.full_name == "Customer Voice")
            .unwrap()
            .external
    );
    let mine: Vec<Group> =
        serde_json::from_value(server.get_ok("groups.json?mine=1").await).unwrap();
    let for_me: Vec<Group> =
        serde_json::from_value(server.get_ok(&format!("groups/for_user/{me}.json")).await).unwrap();
    assert!(mine.len() >= 4);
    assert_eq!(mine.len(), for_me.len());

    let outside = groups
        .iter()
        .find(|g| !mine.iter().any(|m| m.id == g.id))
        .unwrap();
    let joined = server
        .post_form(
            "group_memberships.json",
            &[("group_id", &outside.id.to_string())],
        )
        .await;
    assert_eq!(joined.status, StatusCode::CREATED);
    let joined: Group = serde_json::from_value(joined.json()).unwrap();
    assert_eq!(joined.stats.members, outside.stats.members + 1);
    let mine_after: Vec<Group> =
        serde_json::from_value(server.get_ok("groups.json?mine=true").await).unwrap();
    assert_eq!(mine_after.len(), mine.len() + 1);
    let left = server
        .send(server.request(
            Method::DELETE,
            &format!("group_memberships.json?group_id={}", outside.id),
        ))
        .await;
    assert_eq!(left.status, StatusCode::OK);
    let mine_final: Vec<Group> =
        serde_json::from_value(server.get_ok("groups.json?mine=1").await).unwrap();
    assert_eq!(mine_final.len(), mine.len());
    let letter: Vec<Group> =
        serde_json::from_value(server.get_ok("groups.json?letter=c&sort_by=name").await).unwrap();
    assert!(letter.iter().all(|g| g.name.starts_with('c')) && letter.len() >= 2);
}

#[tokio::test]
async fn following_a_user_shows_in_subscriptions_and_meta() {
    let server = start().await;
    let me = server.get_ok("users/current").await["id"].as_u64().unwrap();
    let followed: Vec<u64> =
        server.get_ok("messages.json?limit=1").await["meta"]["followed_user_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
    let stranger = (1_500_002..1_500_150u64)
        .find(|id| !followed.contains(id))
        .unwrap();
    assert_eq!(
        server
            .get(&format!("subscriptions/to_user/{stranger}.json"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let follow = server
        .post_form(
            "subscriptions.json",
            &[
                ("target_type", "user"),
                ("target_id", &stranger.to_string()),
            ],
        )
        .await;
    assert_eq!(follow.status, StatusCode::CREATED);
    assert_eq!(
        server
            .get(&format!("subscriptions/to_user/{stranger}.json"))
            .await
            .status,
        StatusCode::OK
    );
    let meta = server.get_ok("messages.json?limit=1").await["meta"].clone();
    assert!(
        meta["followed_user_ids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v.as_u64() == Some(stranger))
    );
    let following_feed = server
        .get_ok(&format!("messages/from_user/{stranger}"))
        .await;
    // Their newest public message is in the following feed (asked for from just above it:
    // the feed's own newest page may be all newer activity).
    let public_latest = following_feed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["direct_message"] == false)
        .map(|m| m["id"].as_u64().unwrap());
    if let Some(latest) = public_latest {
        let path = format!("messages/following.json?limit=20&older_than={}", latest + 1);
        assert!(ids(&server.get_ok(&path).await).contains(&latest));
    }
    let unfollow = server
        .send(server.request(
            Method::DELETE,
            &format!("subscriptions?target_type=user&target_id={stranger}"),
        ))
        .await;
    assert_eq!(unfollow.status, StatusCode::OK);
    assert_eq!(
        server
            .get(&format!("subscriptions/to_user/{stranger}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let myself = server
        .post_form(
            "subscriptions",
            &[("target_type", "user"), ("target_id", &me.to_string())],
        )
        .await;
    assert_eq!(myself.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn threads_topics_search_autocomplete_and_network() {
    let server = start().await;
    let page: MessagesEnvelope =
        serde_json::from_value(server.get_ok("messages/algo.json?threaded=true").await).unwrap();
    let starter = &page.messages[0];
    let thread = server.get_ok(&format!("threads/{}.json", starter.id)).await;
    let decoded: Thread = serde_json::from_value(thread.clone()).unwrap();
    assert_eq!(decoded.id, starter.id);
    assert!(decoded.stats.updates >= 1);
    assert!(!decoded.participants.is_empty());
    let refs = thread["references"].as_array().unwrap();
    for p in &decoded.participants {
        assert!(
            refs.iter()
                .any(|r| r["type"] == "user" && r["id"].as_u64() == Some(p.id))
        );
    }

    let results: SearchResults =
        serde_json::from_value(server.get_ok("search.json?search=kubernetes").await).unwrap();
    assert!(results.count.messages > 20);
    assert_eq!(results.messages.messages.len(), 20);
    assert!(
        results.messages.messages.iter().all(|m| m
            .body
            .plain
            .to_lowercase()
            .contains("kubernetes"))
    );
    assert!(results.count.users >= 5, "people who declared kubernetes");
    assert!(
        results
            .users
            .iter()
            .all(|u| u.expertise.iter().any(|e| e == "kubernetes")
                || u.summary.to_lowercase().contains("kubernetes")
                || u.full_name.to_lowercase().contains("kubernetes"))
    );
    assert_eq!(results.topics[0].name, "kubernetes");
    let page2: SearchResults =
        serde_json::from_value(server.get_ok("search.json?search=kubernetes&page=2").await)
            .unwrap();
    assert!(
        page2.messages.messages.iter().all(|m| !results
            .messages
            .messages
            .iter()
            .any(|n| n.id == m.id))
    );
    let groups: SearchResults =
        serde_json::from_value(server.get_ok("search.json?search=customer%20voice").await).unwrap();
    assert_eq!(groups.groups.len(), 1);

    let topic = &results.topics[0];
    let about = server
        .get_ok(&format!("messages/about_topic/{}", topic.id))
        .await;
    assert!(!ids(&about).is_empty());
    for m in about["messages"].as_array().unwrap() {
        assert!(
            m["topics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t.as_u64() == Some(topic.id))
        );
    }

    let auto = server
        .get_ok("autocomplete/ranked.json?prefix=dan&models=user:5,group:3,topic:2")
        .await;
    assert!(
        auto["user"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"] == "demo")
    );
    let auto_group = server
        .get_ok("autocomplete/ranked.json?prefix=eng&models=group:3")
        .await;
    assert_eq!(auto_group["group"][0]["full_name"], "Engineering Platform");

    let networks: Vec<Network> =
        serde_json::from_value(server.get_ok("networks/current.json").await).unwrap();
    assert_eq!(networks.len(), 1);
    assert_eq!(networks[0].name, "Halden Systems");
}

#[tokio::test]
async fn search_terms_that_are_huge_or_hold_a_nul_are_refused_with_a_message() {
    let server = start().await;
    let huge = "a".repeat(50_000);
    for (path, expected) in [
        (format!("search.json?search={huge}"), "too long"),
        ("search.json?search=%00".to_owned(), "control characters"),
        (
            "search.json?search=ku%00be".to_owned(),
            "control characters",
        ),
        (
            format!("autocomplete/ranked.json?prefix={huge}&models=user:5"),
            "too long",
        ),
        (
            "autocomplete/ranked.json?prefix=%00&models=user:5".to_owned(),
            "control characters",
        ),
    ] {
        let reply = server.get(&path).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{}",
            &path[..40.min(path.len())]
        );
        assert!(reply.text.contains(expected), "{}", reply.text);
    }
    let longest = "k".repeat(200);
    let reply = server.get(&format!("search.json?search={longest}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
}
