//! `kring serve`'s indexed search as Yammer clients expect it: words, phrases, `#topic` and
//! `@user` found, deletes followed, paging by `num_per_page`, and query syntax in the term only
//! ever text.

use super::conformance::{post_as, someone_else};
use crate::harness::server::{group_id, ids, start};
use reqwest::StatusCode;
use serde_json::Value;

fn search_path(term: &str, extra: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(term.as_bytes()).collect();
    format!("search.json?search={encoded}{extra}")
}

#[tokio::test]
async fn search_finds_words_phrases_topics_and_people_and_follows_deletes() {
    let server = start().await;
    let (_, other, _) = someone_else(&server).await;
    let group = group_id(&server, "Engineering Platform").await;
    let group = group.to_string();
    let body = format!("Quarzel migration plan for the glimmerfax cluster @{other} #quarzelops");
    let posted = post_as(
        &server,
        &server.token,
        &[("body", &body), ("group_id", &group)],
    )
    .await;
    let id = posted["id"].as_u64().unwrap();
    let hits = |v: &Value| ids(&v["messages"]);
    for term in [
        "quarzel",
        "QUARZ",
        "glimmerfax quarzel",
        "\"migration plan\"",
        "#quarzelops",
        &format!("@{other} glimmerfax"),
    ] {
        let found = server.get_ok(&search_path(term, "")).await;
        assert_eq!(hits(&found), [id], "{term}");
        assert_eq!(found["count"]["messages"], 1, "{term}");
    }
    for term in [
        "\"plan migration\"",
        "#glimmerfax",
        "@demo glimmerfax quarzelops2",
    ] {
        let found = server.get_ok(&search_path(term, "")).await;
        assert!(hits(&found).is_empty(), "{term}: {found}");
    }
    let topics = server.get_ok(&search_path("#quarzelops", "")).await;
    assert_eq!(topics["topics"][0]["name"], "quarzelops");
    let person = server.get_ok(&search_path(&format!("@{other}"), "")).await;
    assert_eq!(person["users"][0]["name"], other.as_str());

    let reply = server.delete(&format!("messages/{id}.json")).await;
    assert_eq!(reply.status, StatusCode::OK);
    let gone = server.get_ok(&search_path("glimmerfax", "")).await;
    assert!(hits(&gone).is_empty() && gone["count"]["messages"] == 0);
}

#[tokio::test]
async fn search_pages_by_num_per_page_and_query_syntax_is_only_text() {
    let server = start().await;
    let first = server
        .get_ok(&search_path("kubernetes", "&num_per_page=5"))
        .await;
    let second = server
        .get_ok(&search_path("kubernetes", "&num_per_page=5&page=2"))
        .await;
    assert_eq!(ids(&first["messages"]).len(), 5);
    assert_eq!(first["messages"]["meta"]["older_available"], true);
    let (a, b) = (ids(&first["messages"]), ids(&second["messages"]));
    assert!(a.iter().all(|id| !b.contains(id)) && a.last() > b.first());
    for kind in ["messages", "users", "groups", "topics"] {
        assert!(first["count"][kind].is_u64(), "count.{kind}");
    }
    let far = server.get_ok(&search_path("kubernetes", "&page=51")).await;
    assert!(ids(&far["messages"]).is_empty(), "1000 results at most");

    for term in [
        "\"",
        "\"\"",
        "*",
        "a*b",
        "NEAR(a b)",
        "a OR",
        "AND",
        "-x",
        "body_plain:x",
        "^x",
        "(",
        "')",
        "a\"b\"c",
        "🦀",
        "#",
        "@",
        "# @ \" *",
        "kube\"rnetes",
        "NOT kubernetes",
    ] {
        let reply = server.get(&search_path(term, "")).await;
        assert_eq!(reply.status, StatusCode::OK, "{term:?}: {}", reply.text);
        assert!(reply.json()["count"]["messages"].is_u64(), "{term:?}");
    }
}
