//! Feeds over HTTP against a real `kring serve`: paging with `older_than`/`newer_than`,
//! references and meta. Threaded feeds are in `feeds_threaded`.

use crate::harness::server;

use std::collections::BTreeSet;

use server::{TestServer, group_id, ids, start};

/// Every message id of a flat feed, walking `older_than` to the end; checks order, exclusivity
/// and that `older_available` tells the truth.
pub(super) async fn walk(server: &TestServer, feed: &str) -> Vec<u64> {
    let mut all: Vec<u64> = Vec::new();
    let mut older_available: Option<bool> = None;
    loop {
        let sep = if feed.contains('?') { '&' } else { '?' };
        let path = match all.last() {
            Some(id) => format!("{feed}{sep}older_than={id}"),
            None => feed.to_owned(),
        };
        let page = server.get_ok(&path).await;
        let page_ids = ids(&page);
        if let Some(expected) = older_available {
            assert_eq!(!page_ids.is_empty(), expected, "older_available was right");
        }
        if page_ids.is_empty() {
            break;
        }
        assert!(page_ids.windows(2).all(|w| w[0] > w[1]), "newest first");
        if let Some(cursor) = all.last() {
            assert!(page_ids[0] < *cursor, "older_than is exclusive");
        }
        older_available = page["meta"]["older_available"].as_bool();
        all.extend(&page_ids);
    }
    all
}

#[tokio::test]
async fn walking_a_group_feed_yields_every_message_exactly_once() {
    let server = start().await;
    let group = group_id(&server, "Engineering Platform").await;
    let walked = walk(&server, &format!("messages/in_group/{group}.json")).await;
    let unique: BTreeSet<u64> = walked.iter().copied().collect();
    assert_eq!(unique.len(), walked.len(), "no message twice");
    let info = server.get_ok(&format!("groups/{group}.json")).await;
    assert_eq!(
        walked.len() as u64,
        info["stats"]["updates"].as_u64().unwrap()
    );
    assert!(walked.len() > 100);
    for id in walked.iter().step_by(37) {
        let message = server.get_ok(&format!("messages/{id}.json")).await;
        assert_eq!(message["group_id"].as_u64(), Some(group));
    }
    let last = server
        .get_ok(&format!(
            "messages/in_group/{group}.json?older_than={}",
            walked.last().unwrap()
        ))
        .await;
    assert!(ids(&last).is_empty());
    assert_eq!(last["meta"]["older_available"], false);
}

#[tokio::test]
async fn newer_than_returns_only_newer_messages() {
    let server = start().await;
    let all = walk(&server, "messages/general").await;
    let pivot = all[all.len() / 2];
    let newer = server
        .get_ok(&format!("messages/general.json?newer_than={pivot}"))
        .await;
    let newer_ids = ids(&newer);
    assert!(!newer_ids.is_empty());
    assert!(newer_ids.iter().all(|id| *id > pivot));
    assert_eq!(
        newer_ids,
        all.iter()
            .copied()
            .take(newer_ids.len())
            .collect::<Vec<_>>()
    );
    let newest = all[0];
    let none = server
        .get_ok(&format!("messages/general.json?newer_than={newest}"))
        .await;
    assert!(ids(&none).is_empty());
    let both = server
        .get_ok(&format!(
            "messages/general.json?newer_than={}&older_than={}",
            all[10], all[2]
        ))
        .await;
    assert_eq!(ids(&both), all[3..10].to_vec());
}

#[tokio::test]
async fn limit_is_honoured_and_clamped() {
    let server = start().await;
    assert_eq!(ids(&server.get_ok("messages.json?limit=5").await).len(), 5);
    assert_eq!(
        ids(&server.get_ok("messages.json?limit=500").await).len(),
        20
    );
    let zero = server.get("messages?limit=0").await;
    assert_eq!(
        zero.status,
        reqwest::StatusCode::BAD_REQUEST,
        "{}",
        zero.text
    );
    assert!(
        zero.text.contains("limit must be at least 1"),
        "{}",
        zero.text
    );
}

#[tokio::test]
async fn references_cover_everything_on_the_page() {
    let server = start().await;
    let page = server.get_ok("messages/my_feed.json").await;
    let refs: BTreeSet<(String, u64)> = page["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["type"].as_str().unwrap().to_owned(),
                r["id"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        refs.len(),
        page["references"].as_array().unwrap().len(),
        "de-duplicated"
    );
    for m in page["messages"].as_array().unwrap() {
        assert!(refs.contains(&("user".into(), m["sender_id"].as_u64().unwrap())));
        assert!(refs.contains(&("thread".into(), m["thread_id"].as_u64().unwrap())));
        if let Some(g) = m["group_id"].as_u64() {
            assert!(refs.contains(&("group".into(), g)));
        }
        if let Some(r) = m["replied_to_id"].as_u64() {
            assert!(refs.contains(&("message".into(), r)));
        }
        for t in m["topics"].as_array().into_iter().flatten() {
            assert!(refs.contains(&("topic".into(), t.as_u64().unwrap())));
        }
        let parsed = m["body"]["parsed"].as_str().unwrap();
        for token in parsed.split("[[user:").skip(1) {
            let id: u64 = token.split("]]").next().unwrap().parse().unwrap();
            assert!(refs.contains(&("user".into(), id)));
        }
        let created = m["created_at"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_str(created, "%Y/%m/%d %H:%M:%S %z").is_ok());
    }
    let meta = &page["meta"];
    assert_eq!(meta["requested_poll_interval"], 60);
    assert!(meta["current_user_id"].as_u64().is_some());
    assert!(meta["followed_user_ids"].as_array().unwrap().len() >= 15);
    assert_eq!(meta["feed_name"], "My Feed");
    let liked: Vec<u64> = meta["liked_message_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let on_page = ids(&page);
    assert!(liked.iter().all(|id| on_page.contains(id)));
}

#[tokio::test]
async fn every_feed_answers_with_and_without_the_json_suffix() {
    let server = start().await;
    let me = server.get_ok("users/current.json").await["id"]
        .as_u64()
        .unwrap();
    let group = group_id(&server, "Social Business").await;
    let thread = ids(&server
        .get_ok(&format!("messages/in_group/{group}?threaded=true"))
        .await)[0];
    let topic = server.get_ok("search.json?search=kubernetes").await["topics"][0]["id"]
        .as_u64()
        .unwrap();
    let feeds = [
        "messages".to_owned(),
        "messages/my_feed".into(),
        "messages/algo".into(),
        "messages/following".into(),
        "messages/sent".into(),
        "messages/private".into(),
        "messages/received".into(),
        "messages/general".into(),
        format!("messages/in_group/{group}"),
        format!("messages/in_thread/{thread}"),
        format!("messages/about_topic/{topic}"),
        format!("messages/from_user/{me}"),
        format!("messages/liked_by/{me}"),
    ];
    for feed in feeds {
        for suffix in ["", ".json"] {
            let page = server.get_ok(&format!("{feed}{suffix}")).await;
            assert!(!ids(&page).is_empty(), "{feed}{suffix} is empty");
        }
    }
    for m in server.get_ok("messages/private.json").await["messages"]
        .as_array()
        .unwrap()
    {
        assert_eq!(m["direct_message"], true);
        assert_eq!(m["privacy"], "private");
    }
    for m in server.get_ok("messages/sent.json").await["messages"]
        .as_array()
        .unwrap()
    {
        assert_eq!(m["sender_id"].as_u64(), Some(me));
    }
    let liked = server.get_ok(&format!("messages/liked_by/{me}")).await;
    let liked_ids = ids(&liked);
    let meta_liked: Vec<u64> = liked["meta"]["liked_message_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(
        liked_ids.iter().copied().collect::<BTreeSet<_>>(),
        meta_liked.into_iter().collect()
    );
    let in_thread = server
        .get_ok(&format!("messages/in_thread/{thread}?threaded=extended"))
        .await;
    assert!(
        in_thread["messages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["thread_id"].as_u64() == Some(thread))
    );
    assert_eq!(in_thread["meta"]["feed_name"], "Conversation");
}

#[tokio::test]
async fn private_messages_of_others_stay_private() {
    let server = start().await;
    let me = server.get_ok("users/current.json").await["id"]
        .as_u64()
        .unwrap();
    let everyone = walk(&server, "messages").await;
    let mine = ids(&server.get_ok("messages/private").await);
    assert!(!mine.is_empty());
    assert!(
        mine.iter().all(|id| !everyone.contains(id)),
        "the All feed holds no private messages"
    );
    for m in server.get_ok("messages/private").await["messages"]
        .as_array()
        .unwrap()
    {
        let to: Vec<u64> = m["direct_to_user_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert!(m["sender_id"].as_u64() == Some(me) || to.contains(&me));
    }
    let mut checked = 0;
    for user in server
        .get_ok("users.json")
        .await
        .as_array()
        .unwrap()
        .iter()
        .take(40)
    {
        let token = server.token_for(user["name"].as_str().unwrap());
        let theirs = server
            .send(
                server
                    .client
                    .get(server.url("messages/private.json"))
                    .bearer_auth(&token),
            )
            .await
            .json();
        for m in theirs["messages"].as_array().unwrap() {
            let to: Vec<u64> = m["direct_to_user_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            if m["sender_id"].as_u64() == Some(me) || to.contains(&me) {
                continue;
            }
            let id = m["id"].as_u64().unwrap();
            let thread = m["thread_id"].as_u64().unwrap();
            assert_eq!(server.get(&format!("messages/{id}")).await.status, 404);
            assert_eq!(
                server
                    .get(&format!("messages/in_thread/{thread}"))
                    .await
                    .status,
                404
            );
            assert_eq!(server.get(&format!("threads/{thread}")).await.status, 404);
            checked += 1;
        }
    }
    assert!(checked > 0, "found private messages between other people");
}
