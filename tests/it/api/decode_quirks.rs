//! The scalar quirks of Yammer's JSON, one at a time: timestamps in Yammer's format (any
//! offset) and RFC 3339, booleans as `true`/`"true"`/`"false"`, ids as numbers or numeric strings
//! up to and beyond 2^53 (exact u64, never through f64), negative and fractional ids refused,
//! missing/null/unknown fields, and the canonical shapes the encoder writes.

use chrono::{TimeZone, Utc};
use kring::api::dto::{Group, Message, MessagesEnvelope, Reference, User, YammerTime};
use serde_json::Value;

fn message(json: &str) -> Result<Message, serde_json::Error> {
    serde_json::from_str(json)
}

fn message_with(field: &str, value: &str) -> Result<Message, serde_json::Error> {
    message(&format!(r#"{{"id": 1, "{field}": {value}}}"#))
}

#[test]
fn yammer_timestamps_keep_their_offset() {
    let cases = [
        ("2013/03/13 21:08:48 +0000", (2013, 3, 13, 21, 8, 48)),
        ("2013/03/13 21:08:48 +0530", (2013, 3, 13, 15, 38, 48)),
        ("2013/03/13 21:08:48 -0800", (2013, 3, 14, 5, 8, 48)),
        ("2024/02/29 00:00:00 +1400", (2024, 2, 28, 10, 0, 0)),
    ];
    for (text, (y, mo, d, h, mi, s)) in cases {
        let t = YammerTime::parse(text).unwrap_or_else(|| panic!("{text}"));
        let utc = Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap();
        assert_eq!(t.unix(), utc.timestamp(), "{text}");
        assert_eq!(t.to_yammer_string(), text, "offset survives re-encoding");
        let decoded = message_with("created_at", &format!("{text:?}")).unwrap();
        assert_eq!(decoded.created_at, t);
    }
}

#[test]
fn rfc3339_timestamps_are_read_too() {
    let cases = [
        ("2010-08-10T03:23:10Z", "2010/08/10 03:23:10 +0000"),
        ("2010-08-10T05:23:10+02:00", "2010/08/10 05:23:10 +0200"),
        ("2010-08-09T22:23:10-05:00", "2010/08/09 22:23:10 -0500"),
    ];
    let expected = Utc.with_ymd_and_hms(2010, 8, 10, 3, 23, 10).unwrap();
    for (text, yammer) in cases {
        let t = YammerTime::parse(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(t.unix(), expected.timestamp(), "{text}");
        assert_eq!(t.to_yammer_string(), yammer);
    }
}

#[test]
fn unreadable_or_missing_timestamps_do_not_lose_the_message() {
    for value in [r#""last tuesday""#, "null", r#""""#, "[]"] {
        let m = message_with("created_at", value);
        match (value, m) {
            ("[]", Err(_)) => {} // a list where a time belongs is a shape error
            (_, Ok(m)) => assert!(!m.created_at.is_known(), "{value}"),
            (_, Err(e)) => panic!("{value}: {e}"),
        }
    }
    let m = message(r#"{"id": 7}"#).unwrap();
    assert!(!m.created_at.is_known(), "absent created_at");
}

#[test]
fn booleans_arrive_as_json_or_as_strings() {
    let cases = [
        ("true", true),
        ("false", false),
        (r#""true""#, true),
        (r#""false""#, false),
        (r#""TRUE""#, true),
        ("null", false),
    ];
    for (value, expected) in cases {
        let m = message_with("direct_message", value).unwrap();
        assert_eq!(m.direct_message, expected, "direct_message {value}");
        let u: User = serde_json::from_str(&format!(r#"{{"id": 1, "admin": {value}}}"#)).unwrap();
        assert_eq!(u.admin, expected, "admin {value}");
    }
    assert!(!message(r#"{"id": 1}"#).unwrap().direct_message, "absent");
}

#[test]
fn show_in_directory_defaults_to_visible() {
    let cases = [
        (r#"{"id": 1}"#, true),
        (r#"{"id": 1, "show_in_directory": null}"#, true),
        (r#"{"id": 1, "show_in_directory": "true"}"#, true),
        (r#"{"id": 1, "show_in_directory": "false"}"#, false),
        (r#"{"id": 1, "show_in_directory": false}"#, false),
    ];
    for (json, expected) in cases {
        let group: Group = serde_json::from_str(json).unwrap();
        let user: User = serde_json::from_str(json).unwrap();
        assert_eq!(group.show_in_directory, expected, "group {json}");
        assert_eq!(user.show_in_directory, expected, "user {json}");
    }
}

#[test]
fn ids_are_exact_u64_from_numbers_and_numeric_strings() {
    let ids: [u64; 6] = [
        0,
        84_402_777,
        4_038_774_531_842_049,
        9_007_199_254_740_992, // 2^53
        9_007_199_254_740_993, // 2^53 + 1: not representable as f64
        u64::MAX,
    ];
    for id in ids {
        for json in [format!(r#"{{"id": {id}}}"#), format!(r#"{{"id": "{id}"}}"#)] {
            let m = message(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(m.id, id, "{json}");
            let encoded = serde_json::to_string(&m).unwrap();
            assert!(
                encoded.contains(&format!(r#""id":{id},"#)),
                "{id} is written as an exact JSON number: {encoded}"
            );
            assert_eq!(message(&encoded).unwrap().id, id, "round trip");
        }
    }
    let padded = message(r#"{"id": " 4038774531842049 "}"#).unwrap();
    assert_eq!(padded.id, 4_038_774_531_842_049);
}

#[test]
fn wrong_ids_are_errors_never_guesses() {
    let bad = [
        "-1",
        "-4038774531842049",
        "1.5",
        "4038774531842049.0",
        "1e3",
        "18446744073709551616", // 2^64
        r#""-7""#,
        r#""12abc""#,
        r#""0x10""#,
        r#""""#,
        "null",
        "true",
        "[1]",
        r#"{"id": 1}"#,
    ];
    for value in bad {
        let result = message_with("id", value).map(|m| m.id);
        assert!(
            result.is_err(),
            "id {value} must not decode, got {result:?}"
        );
        let result = message_with("thread_id", value).map(|m| m.thread_id);
        let optional_absent = matches!(value, "null" | r#""""#);
        assert_eq!(
            result.is_err(),
            !optional_absent,
            "thread_id {value}: {result:?}"
        );
    }
}

#[test]
fn optional_ids_may_be_missing_null_or_empty() {
    for json in [
        r#"{"id": 5}"#,
        r#"{"id": 5, "group_id": null}"#,
        r#"{"id": 5, "group_id": ""}"#,
    ] {
        assert_eq!(message(json).unwrap().group_id, None, "{json}");
    }
    let list = message(r#"{"id": 5, "topics": [1, "2", null, 3]}"#).unwrap();
    assert_eq!(list.topics, [1, 2, 3]);
    assert!(
        message(r#"{"id": 5, "topics": [1, -2]}"#).is_err(),
        "bad id in list"
    );
}

#[test]
fn a_reference_with_a_bad_id_is_skipped_not_fatal() {
    let json = r#"{"messages": [], "references": [
        {"type": "user", "id": -3, "name": "broken"},
        {"type": "user", "id": 1.25, "name": "broken too"},
        {"type": "user", "id": 4, "name": "fine"}
    ]}"#;
    let env: MessagesEnvelope = serde_json::from_str(json).unwrap();
    let ids: Vec<u64> = env.references.iter().map(Reference::id).collect();
    assert_eq!(ids, [4]);
}

#[test]
fn missing_null_and_unknown_fields_are_tolerated() {
    let minimal = message(r#"{"id": 9}"#).unwrap();
    assert_eq!(
        minimal,
        Message {
            id: 9,
            ..Message::default()
        }
    );
    let nulls = message(
        r#"{"id": 9, "thread_id": null, "sender_id": null, "body": null, "liked_by": null,
            "attachments": null, "privacy": null, "message_type": null, "content_excerpt": null,
            "topics": null, "url": null}"#,
    )
    .unwrap();
    assert_eq!(nulls, minimal);
    let unknown = message(
        r#"{"id": 9, "poll": {"options": [1, 2]}, "reactions": ["+1"], "language": "nl",
            "delegate_id": null, "supplemental_reply": false}"#,
    )
    .unwrap();
    assert_eq!(unknown, minimal);
    let empty: MessagesEnvelope = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, MessagesEnvelope::default());
}

#[test]
fn wrong_typed_messages_are_a_decode_error_not_an_empty_page() {
    for messages in [r#""none""#, "42", r#"{"a": 1}"#, r#"[{"id": -1}]"#] {
        let json = format!(r#"{{"messages": {messages}, "references": []}}"#);
        let result = serde_json::from_str::<MessagesEnvelope>(&json);
        assert!(result.is_err(), "messages {messages}: {result:?}");
    }
    let null: MessagesEnvelope = serde_json::from_str(r#"{"messages": null}"#).unwrap();
    assert!(null.messages.is_empty());
}

fn encoded(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("every DTO encodes")
}

#[test]
fn encoding_writes_yammer_canonical_shapes() {
    let created = YammerTime::parse("2024/02/29 10:02:30 +0100").unwrap();
    let m = Message {
        id: 9_007_199_254_740_993,
        thread_id: Some(9_007_199_254_740_993),
        created_at: created,
        direct_message: true,
        ..Message::default()
    };
    let json = encoded(&m);
    assert_eq!(json["created_at"], "2024/02/29 10:02:30 +0100");
    assert_eq!(json["id"].as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(json["thread_id"].as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(
        json["direct_message"], true,
        "message flags stay JSON booleans"
    );
    assert_eq!(json["group_id"], Value::Null);

    let u = User {
        id: 4_038_774_531_842_049,
        admin: true,
        show_in_directory: false,
        expertise: vec!["rust".into(), "ux research".into()],
        ..User::default()
    };
    let json = encoded(&u);
    assert_eq!(json["admin"], "true", "user flags are strings");
    assert_eq!(json["show_in_directory"], "false");
    assert_eq!(json["expertise"], "rust, ux research");
    assert_eq!(json["type"], "user");
    assert_eq!(json["id"].as_u64(), Some(4_038_774_531_842_049));
    assert_eq!(json["activated_at"], "1970/01/01 00:00:00 +0000");

    let g = Group {
        id: 12,
        show_in_directory: true,
        ..Group::default()
    };
    assert_eq!(encoded(&g)["show_in_directory"], "true");
    assert_eq!(encoded(&g)["type"], "group");
}

/// Every fixture survives decode → encode → decode unchanged, and its encoding is a fixed point.
fn assert_round_trip<T>(name: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture is readable");
    let first: T = serde_json::from_str(&text).expect("fixture decodes");
    let encoded = serde_json::to_string(&first).expect("decoded value encodes");
    let second: T = serde_json::from_str(&encoded).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(first, second, "{name} re-decodes identically");
    assert_eq!(
        serde_json::from_str::<Value>(&encoded).expect("encoding is JSON"),
        serde_json::to_value(&second).expect("re-decoded value encodes"),
        "{name}: the encoding is a fixed point"
    );
}

#[test]
fn every_fixture_re_decodes_identically() {
    use kring::api::dto::{Network, SearchResults, Thread, Topic, UserList};
    assert_round_trip::<MessagesEnvelope>("feed_envelope.json");
    assert_round_trip::<MessagesEnvelope>("feed_threaded_extended.json");
    assert_round_trip::<Message>("message_bare.json");
    assert_round_trip::<User>("user_current.json");
    assert_round_trip::<Vec<User>>("users_bare.json");
    assert_round_trip::<UserList>("users_in_group.json");
    assert_round_trip::<Group>("group.json");
    assert_round_trip::<Vec<Group>>("groups_bare.json");
    assert_round_trip::<Thread>("thread.json");
    assert_round_trip::<Topic>("topic.json");
    assert_round_trip::<SearchResults>("search.json");
    assert_round_trip::<Vec<Network>>("network_current.json");
}

#[test]
fn sub_second_timestamps_survive_re_encoding() {
    let m = message_with("created_at", r#""2024-02-29T10:02:30.750+01:00""#).unwrap();
    let again = message(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(again.created_at, m.created_at);
    assert_eq!(m.created_at.to_yammer_string(), "2024/02/29 10:02:30 +0100");
}
