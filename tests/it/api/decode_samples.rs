//! Decodes every real payload in `../shared/yammer-samples/` (when that directory is beside the
//! project) with the client's DTOs: a sample that fails to decode is a decoder bug.

use std::path::Path;

use kring::api::dto::{
    ErrorBody, Group, ListOrWrapped, Message, MessagesEnvelope, SearchResults, Thread, Topic, User,
    UserList,
};

fn decode(name: &str, text: &str) -> Result<(), String> {
    let result = match name {
        "error_rate_limited.json" | "error_token_not_found.json" => {
            serde_json::from_str::<ErrorBody>(text).map(|_| ())
        }
        "group.json" | "group_springsocial.json" => serde_json::from_str::<Group>(text).map(|_| ()),
        "groups.json" => serde_json::from_str::<ListOrWrapped<Group>>(text).map(|_| ()),
        "message.json" => serde_json::from_str::<Message>(text).map(|_| ()),
        "messages_feed.json" | "messages_in_thread.json" => {
            serde_json::from_str::<MessagesEnvelope>(text).map(|_| ())
        }
        "search.json" => serde_json::from_str::<SearchResults>(text).map(|_| ()),
        "thread.json" | "thread_with_references.json" => {
            serde_json::from_str::<Thread>(text).map(|_| ())
        }
        "topic.json" => serde_json::from_str::<Topic>(text).map(|_| ()),
        "user_current.json" | "user_springsocial.json" => {
            serde_json::from_str::<User>(text).map(|_| ())
        }
        "users.json" => serde_json::from_str::<ListOrWrapped<User>>(text).map(|_| ()),
        "users_followed_by.json" | "users_following.json" => {
            serde_json::from_str::<UserList>(text).map(|_| ())
        }
        // Shapes kring does not consume: they must still be valid JSON.
        _ => serde_json::from_str::<serde_json::Value>(text).map(|_| ()),
    };
    result.map_err(|e| format!("{name}: {e}"))
}

#[test]
fn every_shared_sample_decodes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/yammer-samples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "no samples at {}; the fixture tests cover the shapes",
            dir.display()
        );
        return;
    };
    let mut failures = Vec::new();
    let mut decoded = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("sample is readable");
        match decode(&name, &text) {
            Ok(()) => decoded += 1,
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "samples failed to decode: {failures:#?}"
    );
    assert!(
        decoded >= 20,
        "expected at least 20 samples, decoded {decoded}"
    );
}
