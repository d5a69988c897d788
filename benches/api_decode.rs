//! Decoding cost of the messages envelope: a 20-message page (what every feed call returns) and a
//! 1,000-message page, built in Yammer's wire shapes with references for every sender and group.

// A benchmark's setup that fails is the answer: it stops with the reason.
#![allow(clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kring::api::dto::MessagesEnvelope;
use serde_json::{Value, json};

fn envelope(messages: u64) -> String {
    let senders = 50;
    let items: Vec<Value> = (0..messages)
        .map(|i| {
            let id = 4_038_774_531_842_049 - i;
            json!({
                "id": id,
                "thread_id": id - (i % 7),
                "sender_id": 1_000 + i % senders,
                "replied_to_id": if i % 7 == 0 { Value::Null } else { json!(id + 1) },
                "group_id": 77 + i % 5,
                "network_id": 104_604,
                "created_at": "2026/11/27 09:58:01 +0000",
                "privacy": "public",
                "message_type": "update",
                "direct_message": false,
                "system_message": "false",
                "web_url": format!("https://www.yammer.com/example.com/messages/{id}"),
                "url": format!("https://www.yammer.com/api/v1/messages/{id}"),
                "body": {
                    "plain": "We moved the build cache to the new cluster; the p95 for a clean build is down to 4 minutes. Thanks @ana for the kubernetes operator work! #platform",
                    "parsed": "We moved the build cache to the new cluster; the p95 for a clean build is down to 4 minutes. Thanks [[user:1001]] for the kubernetes operator work! [[tag:9]]",
                    "rich": "We moved the build cache <b>to the new cluster</b>..."
                },
                "liked_by": {"count": i % 4, "names": [{"full_name": "Ana Ortiz", "permalink": "ana", "user_id": 1001}]},
                "attachments": []
            })
        })
        .collect();
    let mut references: Vec<Value> = (0..senders)
        .map(|i| {
            json!({"type": "user", "id": 1_000 + i, "name": format!("user{i}"), "full_name": format!("User {i}"),
                   "job_title": "Engineer", "mugshot_url": "https://example.com/m.png", "state": "active",
                   "stats": {"followers": 3, "following": 4, "updates": 120}, "web_url": "https://example.com/u"})
        })
        .collect();
    references.extend((0..5).map(|g| {
        json!({"type": "group", "id": 77 + g, "full_name": format!("Group {g}"), "name": format!("g{g}"),
               "privacy": "public", "show_in_directory": "true", "stats": {"members": 40, "updates": 900}})
    }));
    json!({
        "messages": items,
        "references": references,
        "meta": {"older_available": true, "requested_poll_interval": 60, "current_user_id": 1001,
                 "followed_user_ids": [1002, 1003], "liked_message_ids": [], "feed_name": "Company Feed"},
        "threaded_extended": {}
    })
    .to_string()
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode_envelope");
    for size in [20u64, 1_000] {
        let text = envelope(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| {
                let page: MessagesEnvelope = serde_json::from_str(std::hint::black_box(text))
                    .expect("bench payload decodes");
                assert_eq!(page.messages.len() as u64, size);
                page
            });
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
