use super::*;
use crate::store::schema;

fn store() -> (tempfile::TempDir, CacheStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = CacheStore::open(dir.path()).expect("store opens");
    (dir, store)
}

fn message(id: u64, group: Option<u64>, sender: u64, plain: &str) -> CachedMessage {
    CachedMessage {
        id,
        thread_id: id,
        group_id: group,
        sender_id: sender,
        created_at: 1_700_000_000,
        json: serde_json::json!({"id": id, "body": {"plain": plain}}).to_string(),
    }
}

fn text(fts: &str) -> MessageSearch {
    MessageSearch {
        text: Some(fts.to_owned()),
        limit: 50,
        ..MessageSearch::default()
    }
}

fn ids_of(found: &[CachedMessage]) -> Vec<u64> {
    found.iter().map(|m| m.id).collect()
}

#[test]
fn stored_replaced_and_forgotten_messages_keep_the_index_true() {
    let (_dir, mut store) = store();
    let batch = [
        message(1, Some(7), 10, "Kubernetes upgrade tonight"),
        message(2, None, 11, "Lunch on the roof"),
        message(3, Some(7), 11, "the kubernetes dashboard is back"),
    ];
    store.put_messages("a", "all", &batch).expect("put");
    let found = store
        .search_messages("a", &text("\"kube\"*"))
        .expect("search");
    assert_eq!(ids_of(&found), [3, 1], "newest first");

    // An edit replaces the text: the old words are gone, the new ones found.
    store
        .put_messages(
            "a",
            "all",
            &[message(3, Some(7), 11, "dashboard moved to grafana")],
        )
        .expect("put");
    assert_eq!(
        ids_of(&store.search_messages("a", &text("\"kube\"*")).expect("s")),
        [1]
    );
    assert_eq!(
        ids_of(&store.search_messages("a", &text("\"grafana\"")).expect("s")),
        [3]
    );

    store.forget_message("a", 1).expect("forget");
    assert!(
        store
            .search_messages("a", &text("\"kube\"*"))
            .expect("s")
            .is_empty()
    );
    // Another account never sees these.
    assert!(
        store
            .search_messages("b", &text("\"grafana\""))
            .expect("s")
            .is_empty()
    );
}

#[test]
fn filters_narrow_by_community_sender_and_people_involved() {
    let (_dir, mut store) = store();
    let mut mention = message(4, Some(8), 12, "release notes");
    mention.json = serde_json::json!({"id": 4, "body": {"plain": "release notes"},
        "notified_user_ids": [10]})
    .to_string();
    let batch = [
        message(1, Some(7), 10, "release train"),
        message(2, Some(8), 11, "release party"),
        message(3, None, 10, "no release today"),
        mention,
    ];
    store.put_messages("a", "all", &batch).expect("put");
    let mut search = text("\"release\"");
    search.groups = Some(vec![7, 8]);
    assert_eq!(
        ids_of(&store.search_messages("a", &search).expect("s")),
        [4, 2, 1]
    );
    search.senders = Some(vec![10]);
    assert_eq!(
        ids_of(&store.search_messages("a", &search).expect("s")),
        [1]
    );
    let involving = MessageSearch {
        involving: Some(vec![10]),
        limit: 10,
        ..MessageSearch::default()
    };
    assert_eq!(
        ids_of(&store.search_messages("a", &involving).expect("s")),
        [4, 3, 1]
    );
    let nobody = MessageSearch {
        senders: Some(Vec::new()),
        limit: 10,
        ..MessageSearch::default()
    };
    assert!(store.search_messages("a", &nobody).expect("s").is_empty());
}

#[test]
fn hostile_text_quoted_as_a_phrase_is_no_error() {
    let (_dir, mut store) = store();
    store
        .put_messages(
            "a",
            "all",
            &[message(1, None, 1, r#"say "NEAR(x y)" -z * col:val"#)],
        )
        .expect("put");
    let typed = [
        r#"NEAR(x y)"#,
        r#""-z *"#,
        "col:val",
        r#"""""#,
        "a\u{0}b",
        "x\" OR *",
        "^x",
    ];
    for hostile in typed {
        let query = crate::search::SearchQuery::parse(hostile);
        if let Some(fts) = query.message_fts() {
            store.search_messages("a", &text(&fts)).expect(hostile);
        }
    }
    let found = store
        .search_messages(
            "a",
            &text(
                &crate::search::SearchQuery::parse("\"NEAR(x y)\"")
                    .message_fts()
                    .expect("text"),
            ),
        )
        .expect("search");
    assert_eq!(ids_of(&found), [1]);
}

#[test]
fn people_and_communities_are_found_by_name() {
    let (_dir, mut store) = store();
    let ada = r#"{"id":5,"name":"ada","full_name":"Ada Lovelace","job_title":"Engineer"}"#;
    store
        .put_users(
            "a",
            &[CachedRecord {
                id: 5,
                json: ada.into(),
            }],
        )
        .expect("users");
    let grace = r#"{"id":6,"name":"grace","full_name":"Grace Hopper"}"#;
    store
        .put_directory(
            "a",
            &[CachedRecord {
                id: 6,
                json: grace.into(),
            }],
            1,
        )
        .expect("directory");
    let group = r#"{"id":7,"full_name":"Platform Team","description":"builds"}"#;
    store
        .put_groups(
            "a",
            &[CachedRecord {
                id: 7,
                json: group.into(),
            }],
        )
        .expect("groups");
    let people = store.search_people("a", "\"love\"*", 10).expect("people");
    assert_eq!(people.iter().map(|p| p.id).collect::<Vec<_>>(), [5]);
    let people = store.search_people("a", "\"hopper\"", 10).expect("people");
    assert_eq!(people.iter().map(|p| p.id).collect::<Vec<_>>(), [6]);
    let found = store
        .search_communities("a", "\"platform team\"", 10)
        .expect("c");
    assert_eq!(found.iter().map(|g| g.id).collect::<Vec<_>>(), [7]);
    assert!(
        store
            .search_communities("b", "\"platform\"", 10)
            .expect("c")
            .is_empty()
    );
}

#[test]
fn what_was_cached_before_the_index_is_indexed_by_its_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(crate::store::CACHE_FILE);
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        let before = &schema::CACHE_MIGRATIONS[..6];
        schema::migrate(&mut conn, "cache", before).expect("old schema");
        conn.execute(
            "INSERT INTO messages VALUES ('a', 1, 1, NULL, 2, 0, '{\"body\":{\"plain\":\"offline wiki\"}}'),
                                        ('a', 2, 2, NULL, 2, 0, 'not json')",
            [],
        )
        .expect("row");
    }
    let (store, _) = CacheStore::open(dir.path()).expect("store opens");
    assert_eq!(
        ids_of(&store.search_messages("a", &text("\"wiki\"")).expect("s")),
        [1]
    );
}

#[test]
fn typed_text_never_matches_who_a_message_concerns() {
    let (_dir, mut store) = store();
    store
        .put_messages("a", "all", &[message(1, Some(7), 10, "release train")])
        .expect("put");
    for typed in ["\"g7\"", "\"s10\"", "\"s\"*"] {
        assert!(
            store
                .search_messages("a", &text(typed))
                .expect(typed)
                .is_empty(),
            "{typed} is not in the text"
        );
    }
}

#[test]
fn an_index_made_before_filters_were_indexed_is_rebuilt_with_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(crate::store::CACHE_FILE);
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        schema::migrate(&mut conn, "cache", &schema::CACHE_MIGRATIONS[..7]).expect("step 7");
        conn.execute(
            "INSERT INTO messages VALUES
                 ('a', 1, 1, 7, 2, 0, '{\"body\":{\"plain\":\"wiki\"},\"notified_user_ids\":[9]}'),
                 ('a', 2, 2, 8, 3, 0, '{\"body\":{\"plain\":\"wiki\"}}'),
                 ('a', 3, 3, 8, 3, 0, 'not json')",
            [],
        )
        .expect("rows");
    }
    let (store, _) = CacheStore::open(dir.path()).expect("store opens");
    let mut search = text("\"wiki\"");
    search.groups = Some(vec![7]);
    assert_eq!(
        ids_of(&store.search_messages("a", &search).expect("s")),
        [1]
    );
    let involving = MessageSearch {
        involving: Some(vec![9]),
        limit: 10,
        ..MessageSearch::default()
    };
    assert_eq!(
        ids_of(&store.search_messages("a", &involving).expect("s")),
        [1]
    );
    let from = MessageSearch {
        senders: Some(vec![3]),
        limit: 10,
        ..MessageSearch::default()
    };
    assert_eq!(
        ids_of(&store.search_messages("a", &from).expect("s")),
        [3, 2]
    );
}

#[test]
fn words_of_message_text_are_listed_by_prefix_up_to_a_most() {
    let (_dir, mut store) = store();
    let batch = [
        message(1, Some(7), 10, "Kubernetes kube kubectl"),
        message(2, Some(7), 11, "kudos to the team"),
    ];
    store.put_messages("a", "all", &batch).expect("put");
    assert_eq!(
        store.message_words_starting("kub", 8).expect("words"),
        Some(vec!["kube".into(), "kubectl".into(), "kubernetes".into()])
    );
    assert_eq!(store.message_words_starting("kub", 2).expect("words"), None);
    assert_eq!(
        store.message_words_starting("zz", 8).expect("words"),
        Some(Vec::new())
    );
    // The tokens saying who a message concerns are not words of its text.
    assert_eq!(
        store.message_words_starting("g7", 8).expect("words"),
        Some(Vec::new())
    );
    assert_eq!(store.message_words_starting("Kü", 8).expect("words"), None);
}
