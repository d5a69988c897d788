//! Threaded feeds over HTTP against a real `kring serve`: threads ordered by their latest
//! activity, and paging by each thread's latest message id.

use crate::harness::server;
use serde_json::Value;
use server::{group_id, start};
use std::collections::{BTreeMap, BTreeSet};

use super::feeds::walk;

/// The latest message id of each thread on a threaded page.
fn latest_per_thread(page: &Value) -> Vec<u64> {
    let threads: BTreeMap<u64, u64> = page["references"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "thread")
        .map(|t| {
            (
                t["id"].as_u64().unwrap(),
                t["stats"]["latest_reply_id"].as_u64().unwrap(),
            )
        })
        .collect();
    page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| threads[&m["thread_id"].as_u64().unwrap()])
        .collect()
}

#[tokio::test]
async fn threaded_feeds_order_threads_by_activity_and_page_on_latest_ids() {
    let server = start().await;
    let group = group_id(&server, "Customer Voice").await;
    let mut seen_threads = BTreeSet::new();
    let mut cursor: Option<u64> = None;
    let mut pages = 0;
    loop {
        let path = match cursor {
            Some(c) => format!("messages/in_group/{group}.json?threaded=extended&older_than={c}"),
            None => format!("messages/in_group/{group}.json?threaded=extended"),
        };
        let page = server.get_ok(&path).await;
        let starters = page["messages"].as_array().unwrap();
        if starters.is_empty() {
            break;
        }
        for m in starters {
            assert_eq!(m["id"], m["thread_id"], "only thread starters");
            assert!(
                seen_threads.insert(m["id"].as_u64().unwrap()),
                "thread seen twice"
            );
        }
        let latest = latest_per_thread(&page);
        assert!(
            latest.windows(2).all(|w| w[0] > w[1]),
            "ordered by latest activity"
        );
        if let Some(c) = cursor {
            assert!(latest[0] < c);
        }
        for (thread, replies) in page["threaded_extended"].as_object().unwrap() {
            let replies = replies.as_array().unwrap();
            assert!(replies.len() <= 2);
            for r in replies {
                assert_eq!(r["thread_id"].as_u64().unwrap().to_string(), *thread);
                assert_ne!(r["id"], r["thread_id"]);
            }
        }
        pages += 1;
        cursor = latest.iter().min().copied();
        if starters.len() < 20 {
            break;
        }
    }
    assert!(pages >= 2);
    let threads_total = server
        .get_ok(&format!(
            "messages/in_group/{group}.json?threaded=true&limit=1"
        ))
        .await;
    assert_eq!(threads_total["messages"].as_array().unwrap().len(), 1);
    assert!(
        threads_total["threaded_extended"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    let flat = walk(&server, &format!("messages/in_group/{group}")).await;
    let flat_threads: BTreeSet<u64> = {
        let mut set = BTreeSet::new();
        for id in &flat {
            let m = server.get_ok(&format!("messages/{id}")).await;
            set.insert(m["thread_id"].as_u64().unwrap());
        }
        set
    };
    assert_eq!(flat_threads, seen_threads);
}
