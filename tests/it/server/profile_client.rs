//! kring's own profile form, hidden people and community keepers against `kring serve` in
//! process: a save from the form reaches the server and its directory; a person who hides is
//! offered by no mention completion, no search and no directory ranking kring builds (their
//! messages still read); `users/current?include_group_memberships=true` names exactly the
//! communities someone administers.

use crate::harness::server::{TestServer, start};
use kring::api::{ProfileUpdate, UserQuery};
use kring::domain::convert::page_from_envelope;
use kring::domain::{Catalog, Feed};
use kring::expertise::ExpertiseIndex;
use kring::expertise::feed::person_doc;
use kring::overlays::compose::completion::suggest;
use kring::overlays::profile_edit::{OwnProfile, ProfileForm};
use kring::panes::people::effect::{PeopleEffect, PeopleMsg};
use kring::panes::people::worker;
use kring::search::{SearchQuery, remote};
use rusqlite::Connection;

fn query_u64(server: &TestServer, sql: &str) -> u64 {
    let conn = Connection::open(&server.db).unwrap();
    conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u64
}

#[tokio::test]
async fn a_save_from_the_profile_form_reaches_the_server_and_its_directory() {
    let server = start().await;
    let client = server.api_client();
    let me = client.current_user().await.unwrap();
    let mut form = ProfileForm::new(OwnProfile {
        expertise: me.expertise.clone(),
        interests: me.interests.clone(),
        summary: me.summary.clone(),
        listed: me.show_in_directory,
    });
    form.expertise = "zymurgy, Rust".to_owned();
    form.summary = "Brews and builds".to_owned();
    let change = form.change();
    assert_eq!(change.interests, None, "untouched fields are not sent");

    let answer = worker::run(&client, PeopleEffect::SaveProfile { change }).await;
    assert!(
        matches!(answer, PeopleMsg::ProfileSaved { result: Ok(()) }),
        "{answer:?}"
    );
    let after = client.current_user().await.unwrap();
    assert_eq!(after.expertise, ["zymurgy", "Rust"]);
    assert_eq!(after.summary, "Brews and builds");
    assert_eq!(after.interests, me.interests);

    // The directory kring reads ranks the new expertise.
    let mut index = ExpertiseIndex::new();
    for page in 1..=20 {
        let query = UserQuery {
            page: Some(page),
            ..UserQuery::default()
        };
        let users = client.users(&query).await.unwrap();
        let last = users.len() < 50;
        for user in &users {
            index.upsert_person(person_doc(user));
        }
        if last {
            break;
        }
    }
    let found = index.who_knows(&kring::expertise::Query::new("zymurgy"), 0);
    assert_eq!(found.first().map(|m| m.person_id), Some(me.id));
}

#[tokio::test]
async fn a_hidden_person_is_offered_by_no_completion_search_or_ranking() {
    let server = start().await;
    let client = server.api_client();
    let envelope = client
        .feed(&Feed::AllCompany, &Default::default())
        .await
        .unwrap();
    let me = client.current_user().await.unwrap();
    let sender = envelope
        .messages
        .iter()
        .filter_map(|m| m.sender_id)
        .find(|id| *id != me.id)
        .expect("someone else wrote in All Company");
    let hidden = client.user(sender).await.unwrap();
    let theirs = server.api_client_with(&server.token_of(&hidden.name).await);
    theirs
        .update_current_user(&ProfileUpdate {
            show_in_directory: Some(false),
            ..ProfileUpdate::default()
        })
        .await
        .unwrap();

    // Their messages still read, with them as the sender; completion never offers them.
    let envelope = client
        .feed(&Feed::AllCompany, &Default::default())
        .await
        .unwrap();
    assert!(
        envelope
            .messages
            .iter()
            .any(|m| m.sender_id == Some(sender))
    );
    let mut catalog = Catalog::default();
    catalog.absorb(page_from_envelope(&envelope));
    let prefix: String = hidden.name.chars().take(3).collect();
    let offered = suggest(&format!("@{prefix}"), prefix.len() + 1, &catalog)
        .map(|c| c.candidates)
        .unwrap_or_default();
    assert!(
        !offered.contains(&format!("@{}", hidden.name)),
        "{offered:?}"
    );
    // Someone listed who wrote there is still offered.
    let listed = catalog
        .people()
        .find(|p| p.listed && p.id.0 != sender && !p.username.as_str().is_empty())
        .expect("a listed sender");
    let handle = listed.username.to_string();
    let typed: String = handle.chars().take(handle.chars().count() - 1).collect();
    let offered = suggest(&format!("@{typed}"), typed.chars().count() + 1, &catalog)
        .map(|c| c.candidates)
        .unwrap_or_default();
    assert!(offered.contains(&format!("@{handle}")), "{offered:?}");

    // Search: no person hit for them, by name.
    let results = client.search(&hidden.full_name, 1).await.unwrap();
    let hits = remote::hits(&results, &SearchQuery::parse(&hidden.full_name));
    assert!(
        hits.people.iter().all(|h| h.id != sender),
        "{:?}",
        hits.people
    );

    // The directory ranking kring builds: their profile says hidden, so it never lists them.
    let mut index = ExpertiseIndex::new();
    index.upsert_person(person_doc(&client.user(sender).await.unwrap()));
    assert!(index.person(sender).is_none());
    for tag in &hidden.expertise {
        let found = index.who_knows(&kring::expertise::Query::new(tag.as_str()), 0);
        assert!(found.iter().all(|m| m.person_id != sender));
    }
}

#[tokio::test]
async fn memberships_name_exactly_the_communities_you_administer() {
    let server = start().await;
    let client = server.api_client();
    let me = query_u64(&server, "SELECT id FROM users WHERE username = 'demo'");
    let member_of = query_u64(
        &server,
        &format!("SELECT min(group_id) FROM group_members WHERE user_id = {me}"),
    );
    let conn = Connection::open(&server.db).unwrap();
    conn.execute(
        &format!("DELETE FROM group_admins WHERE user_id = {me}"),
        [],
    )
    .unwrap();
    assert_eq!(
        client.administered_communities().await.unwrap(),
        Vec::<u64>::new()
    );
    conn.execute(
        &format!("INSERT INTO group_admins (group_id, user_id) VALUES ({member_of}, {me})"),
        [],
    )
    .unwrap();
    assert_eq!(
        client.administered_communities().await.unwrap(),
        [member_of]
    );
    let current = server
        .get_ok("users/current.json?include_group_memberships=true")
        .await;
    let memberships = current["group_memberships"].as_array().unwrap();
    assert!(!memberships.is_empty(), "{current}");
    assert!(memberships.iter().all(|m| m["full_name"].is_string()));
    // Without the parameter, Yammer's plain answer.
    let plain = server.get_ok("users/current.json").await;
    assert!(plain.get("group_memberships").is_none());
}
