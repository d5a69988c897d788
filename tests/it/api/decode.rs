//! Decodes the project's own fixtures (`tests/fixtures/*.json`, written in the shapes real Yammer
//! servers send) with the client's DTOs and checks every field a quirk touches: envelopes,
//! references, threads and the odd shapes of groups and users. Scalar quirks and round trips
//! live in `decode_quirks.rs`.

use chrono::{TimeZone, Utc};
use kring::api::dto::{
    ErrorBody, Group, ListOrWrapped, Message, MessagesEnvelope, Network, Reference, SearchResults,
    Thread, Topic, User, UserList,
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decode<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("a valid UTC date")
        .timestamp()
}

#[test]
fn feed_envelope_messages_decode_with_every_quirk() {
    let env: MessagesEnvelope = decode("feed_envelope.json");
    assert_eq!(env.messages.len(), 3);

    let reply = &env.messages[0];
    assert_eq!(reply.id, 4_038_774_531_842_177);
    assert_eq!(reply.thread_id, Some(4_038_774_531_842_049));
    assert_eq!(
        reply.replied_to_id,
        Some(4_038_774_531_842_049),
        "id as string"
    );
    assert!(!reply.system_message, "\"false\" is false");
    assert!(!reply.is_thread_starter());
    assert_eq!(
        reply.created_at.unix(),
        utc(2024, 2, 29, 9, 2, 30),
        "+0100 offset"
    );

    let starter = &env.messages[1];
    assert!(starter.is_thread_starter());
    assert_eq!(starter.group_id, Some(12_000_000_007), "group id as string");
    assert!(!starter.direct_message);
    assert_eq!(starter.created_at.unix(), utc(2024, 2, 29, 9, 15, 0));
    assert_eq!(starter.liked_by.count, 3);
    assert_eq!(starter.liked_by.names.len(), 2, "names are a preview");
    assert_eq!(starter.liked_by.names[0].user_id, Some(1_500_000_000_102));
    assert_eq!(
        starter.liked_by.names[1].user_id, None,
        "older names lack user_id"
    );
    assert_eq!(starter.attachments.len(), 2);
    assert_eq!(starter.attachments[1].id, Some(9_100_002));
    assert_eq!(starter.attachments[1].kind, "ymodule");
    assert_eq!(starter.topics, vec![880_001, 880_002]);
    assert!(starter.body.parsed.contains("[[user:1500000000102]]"));

    let private = &env.messages[2];
    assert!(private.direct_message, "\"true\" is true");
    assert_eq!(private.group_id, None, "absent group_id");
    assert_eq!(
        private.created_at.unix(),
        utc(2024, 2, 29, 6, 59, 59),
        "RFC 3339"
    );
    assert_eq!(private.liked_by.count, 0, "null liked_by");
    assert!(private.attachments.is_empty(), "null attachments");
    assert_eq!(private.body.rich, "", "missing rich");
    assert_eq!(
        private.direct_to_user_ids,
        vec![1_500_000_000_101, 1_500_000_000_103]
    );
}

#[test]
fn feed_envelope_references_keep_known_types_and_skip_unknown_ones() {
    let env: MessagesEnvelope = decode("feed_envelope.json");
    let raw: serde_json::Value = serde_json::from_str(&fixture("feed_envelope.json")).unwrap();
    assert_eq!(raw["references"].as_array().unwrap().len(), 13);
    let kinds: Vec<&str> = env.references.iter().map(Reference::type_name).collect();
    assert_eq!(
        kinds,
        [
            "user", "user", "group", "thread", "thread", "topic", "topic", "message"
        ],
        "page, bot, conversation, hologram and the typeless entry are skipped"
    );

    let Reference::User(short) = &env.references[1] else {
        panic!("a user")
    };
    assert_eq!(short.id, 1_500_000_000_102, "id as string");
    assert_eq!(short.job_title, "", "null job title");
    assert_eq!(short.stats.followers, 0, "null stats");
    let Reference::Group(group) = &env.references[2] else {
        panic!("a group")
    };
    assert!(group.show_in_directory);
    assert_eq!(group.display_name(), "Engineering Platform");
    let Reference::Thread(thread) = &env.references[3] else {
        panic!("a thread")
    };
    assert_eq!(thread.stats.latest_reply_id, Some(4_038_774_531_842_177));
    assert_eq!(
        thread.stats.first_reply_at.map(|t| t.unix()),
        Some(utc(2024, 2, 29, 9, 2, 30))
    );
    let Reference::Thread(dm) = &env.references[4] else {
        panic!("a thread")
    };
    assert!(dm.direct_message);
    assert_eq!(dm.stats.first_reply_id, None, "null first_reply_id");
    assert_eq!(dm.stats.latest_reply_at, None);
    let Reference::Topic(tag) = &env.references[6] else {
        panic!("a legacy tag is a topic")
    };
    assert_eq!((tag.id, tag.name.as_str()), (880_002, "ci"));
    let Reference::Message(shared) = &env.references[7] else {
        panic!("a message")
    };
    assert_eq!(shared.body.plain, "Earlier post that got shared.");
    assert_eq!(
        env.references.iter().map(Reference::id).max(),
        Some(4_038_774_531_842_049)
    );
}

#[test]
fn feed_envelope_meta_reads_paging_and_context() {
    let env: MessagesEnvelope = decode("feed_envelope.json");
    let meta = &env.meta;
    assert!(meta.older_available);
    assert_eq!(meta.requested_poll_interval, Some(60));
    assert_eq!(meta.current_user_id, Some(1_500_000_000_101));
    assert_eq!(
        meta.followed_user_ids,
        vec![1_500_000_000_102, 1_500_000_000_103],
        "string ids read, null entries skipped"
    );
    assert_eq!(meta.liked_message_ids, vec![4_038_774_531_842_049]);
    assert_eq!(meta.feed_name, "Engineering Platform");
    assert!(env.threaded_extended.is_empty());
}

#[test]
fn threaded_extended_maps_thread_ids_to_latest_replies() {
    let env: MessagesEnvelope = decode("feed_threaded_extended.json");
    assert_eq!(env.messages.len(), 2);
    assert!(env.messages.iter().all(Message::is_thread_starter));
    let welcome = &env.threaded_extended["2000000000003100"];
    let ids: Vec<u64> = welcome.iter().map(|m| m.id).collect();
    assert_eq!(ids, vec![2_000_000_000_003_180, 2_000_000_000_003_205]);
    assert_eq!(
        welcome[1].thread_id,
        Some(2_000_000_000_003_100),
        "string id"
    );
    assert_eq!(welcome[1].replied_to_id, Some(2_000_000_000_003_180));
    assert_eq!(welcome[1].sender_id, Some(1_500_000_000_107));
    for (key, replies) in &env.threaded_extended {
        let thread: u64 = key.parse().unwrap();
        assert!(replies.iter().all(|r| r.thread_or_self() == thread));
    }
    assert!(!env.meta.older_available, "\"false\"");
    assert_eq!(env.meta.requested_poll_interval, Some(60), "\"60\"");
    assert_eq!(env.meta.current_user_id, Some(1_500_000_000_101));
    assert_eq!(env.references.len(), 3);
}

#[test]
fn bare_message_decodes_with_negative_offset_and_null_group() {
    let m: Message = decode("message_bare.json");
    assert_eq!(m.id, 3_000_000_000_000_042);
    assert_eq!(m.thread_id, Some(3_000_000_000_000_040));
    assert_eq!(m.replied_to_id, Some(3_000_000_000_000_041));
    assert_eq!(m.group_id, None);
    assert_eq!(m.created_at.unix(), utc(2023, 11, 5, 6, 30, 0), "-0500");
    assert_eq!(m.created_at.to_yammer_string(), "2023/11/05 01:30:00 -0500");
    assert!(m.direct_message);
    assert_eq!(m.liked_by.names[0].user_id, Some(1_500_000_000_109));
    assert!(m.body.rich.starts_with("<p>"), "rich kept, never shown");
}

#[test]
fn full_user_reads_string_flags_and_comma_lists() {
    let u: User = decode("user_current.json");
    assert_eq!(u.id, 1_500_000_000_101);
    assert_eq!(u.network_id, Some(770_001));
    assert_eq!(u.expertise, ["kubernetes", "rust", "build systems"]);
    assert_eq!(u.interests, ["sailing", "sourdough"]);
    assert!(u.admin, "\"true\"");
    assert!(u.show_in_directory);
    assert_eq!(u.activated_at.unix(), utc(2019, 6, 3, 8, 0, 0));
    assert_eq!(u.stats.updates, 412);
    assert_eq!(u.display_name(), "Marta Lindqvist");
}

#[test]
fn users_bare_array_covers_every_list_and_null_shape() {
    let users = decode::<ListOrWrapped<User>>("users_bare.json").into_vec();
    assert_eq!(users.len(), 3);

    let ilse = &users[0];
    assert_eq!(
        ilse.expertise,
        ["postgres", "incident response", "kubernetes"],
        "array, trimmed"
    );
    assert!(ilse.interests.is_empty(), "[]");
    assert_eq!(ilse.summary, "", "null summary");
    assert!(!ilse.admin);
    assert!(ilse.show_in_directory, "absent means shown");
    assert_eq!(ilse.activated_at.unix(), utc(2020, 1, 15, 9, 0, 0));

    let tomas = &users[1];
    assert_eq!(tomas.id, 1_500_000_000_103, "string id");
    assert_eq!(tomas.expertise, ["gdpr", "data retention"], "`;` separates");
    assert!(tomas.interests.is_empty(), "\"\"");
    assert!(!tomas.admin, "\"false\"");
    assert!(!tomas.show_in_directory, "\"false\" hides");

    let priya = &users[2];
    assert!(
        priya.expertise.is_empty() && priya.interests.is_empty(),
        "null"
    );
    assert_eq!(priya.full_name, "");
    assert_eq!(
        priya.display_name(),
        "priya.raman",
        "falls back to username"
    );
    assert!(priya.admin);
    assert!(priya.show_in_directory);
    assert!(!priya.activated_at.is_known(), "null timestamp");
}

#[test]
fn users_in_group_reads_more_available() {
    let list: UserList = decode("users_in_group.json");
    assert!(list.more_available, "\"true\"");
    let names: Vec<&str> = list.users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["ilse.varga", "jonas.berg"]);
    assert!(!list.users[1].activated_at.is_known(), "short reference");
}

#[test]
fn group_reads_string_flags_offsets_and_stats() {
    let g: Group = decode("group.json");
    assert_eq!(g.id, 12_000_000_011);
    assert!(!g.show_in_directory, "\"false\"");
    assert!(g.external, "\"true\"");
    assert_eq!(g.privacy, "private");
    assert_eq!(g.created_at.unix(), utc(2021, 4, 12, 11, 45, 10), "+0200");
    assert_eq!(g.stats.members, 214);
    assert_eq!(g.stats.last_message_id, Some(4_038_774_531_800_001));
}

#[test]
fn groups_arrive_bare_or_wrapped() {
    let bare = decode::<ListOrWrapped<Group>>("groups_bare.json").into_vec();
    let ids: Vec<u64> = bare.iter().map(|g| g.id).collect();
    assert_eq!(ids, [12_000_000_007, 12_000_000_008, 12_000_000_010]);
    assert_eq!(bare[1].stats.last_message_id, None, "empty group");
    assert_eq!(bare[1].stats.last_message_at, None);
    assert_eq!(
        bare[2].display_name(),
        "communitymanagers",
        "empty full name"
    );
    assert_eq!(bare[2].description, "", "null description");

    let wrapped = decode::<ListOrWrapped<Group>>("groups_wrapped.json").into_vec();
    let names: Vec<String> = wrapped.iter().map(Group::display_name).collect();
    assert_eq!(names, ["New Joiners & Training", "Customer Voice"]);
    assert!(!wrapped[1].show_in_directory);
    assert!(wrapped[1].external);
}

#[test]
fn thread_reads_participants_topics_and_stats() {
    let t: Thread = decode("thread.json");
    assert_eq!(t.id, 4_038_774_531_842_049);
    assert_eq!(t.thread_starter_id, Some(t.id));
    let topics: Vec<u64> = t.topics.iter().map(|r| r.id).collect();
    assert_eq!(topics, [880_001, 880_002]);
    let people: Vec<u64> = t.participants.iter().map(|r| r.id).collect();
    assert_eq!(people, [1_500_000_000_101, 1_500_000_000_102]);
    assert_eq!(t.participants_count, 2);
    assert_eq!(t.stats.updates, 2);
    assert_eq!(t.stats.shares, 1);
    assert_eq!(t.stats.first_reply_id, t.stats.latest_reply_id);
}

#[test]
fn topic_reads_string_id_and_followers() {
    let t: Topic = decode("topic.json");
    assert_eq!(t.id, 880_001);
    assert_eq!(t.normalized_name, "buildcache");
    assert_eq!(t.followers, 17);
}

#[test]
fn search_results_hold_an_envelope_and_typed_lists() {
    let s: SearchResults = decode("search.json");
    assert_eq!(s.messages.messages.len(), 1);
    assert_eq!(s.messages.references.len(), 2);
    assert!(s.messages.messages[0].body.plain.contains("GDPR"));
    assert_eq!(s.users.len(), 1);
    assert_eq!(s.users[0].expertise, ["gdpr", "data retention"]);
    assert!(s.groups.is_empty());
    assert_eq!(s.topics[0].name, "GDPR");
    assert_eq!(
        (s.count.messages, s.count.users, s.count.topics),
        (27, 1, 1)
    );
}

#[test]
fn current_network_is_an_array() {
    let networks: Vec<Network> = decode("network_current.json");
    assert_eq!(networks.len(), 1);
    assert_eq!(networks[0].id, 770_001);
    assert_eq!(networks[0].permalink, "tidewater");
}

#[test]
fn error_bodies_of_every_form_yield_code_and_messages() {
    let token: ErrorBody = decode("error_token_not_found.json");
    assert_eq!(token.code(), Some(16));
    assert_eq!(token.messages(), ["Token not found."]);

    let limited: ErrorBody = decode("error_rate_limited.json");
    assert_eq!(limited.code(), Some(33));
    assert_eq!(limited.response.as_ref().unwrap().stat, "fail");

    let validation: ErrorBody = decode("error_validation.json");
    assert_eq!(validation.code(), None);
    assert_eq!(
        validation.messages(),
        ["Body is required.", "Group is archived."]
    );

    let oauth: ErrorBody = decode("error_oauth.json");
    assert_eq!(oauth.code(), None);
    assert_eq!(oauth.error.as_ref().unwrap().kind, "OAuthException");
    assert_eq!(oauth.messages().len(), 1);
    assert!(oauth.messages()[0].contains("expired"));
}
