//! The people directory from the cache: at start, off the UI thread (on the cache task, after
//! the first frame), every cached person and the newest cached messages go into the shared
//! index a chunk at a time — the lock released between chunks, so queries interleave — and the pane
//! learns what was read ([`DirectoryLoad`]). People the network delivered meanwhile are newer
//! and stay. Reads the store only; never the network or the screen.

use std::collections::HashMap;
use std::time::Instant;

use super::effect::{DirectoryLoad, Profile};
use super::shared::SharedIndex;
use crate::api::dto;
use crate::domain::convert::{community, message};
use crate::domain::{SafeText, UserId};
use crate::expertise::feed::message_doc;
use crate::expertise::{Added, MessageDoc};
use crate::store::{CacheStore, StoreResult};

/// Rows read per query (and people or messages added per hold of the index's lock).
const CHUNK: usize = 512;
/// The newest cached messages indexed at start, at most. Each indexed message costs about
/// 0.6 KB of index; a big cache holds 100k messages, which would be ~60 MB and seconds of
/// work, for evidence that older messages add little to.
pub const MESSAGES_INDEXED: usize = 20_000;

/// Reads `account`'s cached directory and messages into `index`.
pub fn load(store: &CacheStore, account: &str, index: &SharedIndex) -> StoreResult<DirectoryLoad> {
    let started = Instant::now();
    let pass = store.listing_pass(account)?;
    let mut load = DirectoryLoad {
        pass,
        ..DirectoryLoad::default()
    };
    let mut after = 0;
    loop {
        let rows = store.directory_after(account, after, CHUNK)?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        let profiles: Vec<Profile> = rows
            .iter()
            .filter_map(|row| serde_json::from_str::<dto::User>(&row.json).ok())
            .map(|user| Profile::from_user(&user))
            .collect();
        load.people += profiles.len();
        let mut index = index.lock();
        for profile in profiles {
            // Someone the network delivered meanwhile is newer than the cache.
            if index.person(profile.doc.id).is_none() {
                load.extras.push((UserId(profile.doc.id), profile.extras));
                index.upsert_person(profile.doc);
            }
        }
    }
    if load.pass.complete_at.is_some() {
        index.lock().mark_people_complete();
    }
    load.messages = load_messages(store, account, index)?;
    load.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::info!(
        elapsed_ms = load.elapsed_ms,
        people = load.people,
        messages = load.messages,
        "directory read from the cache"
    );
    Ok(load)
}

/// Adds the newest [`MESSAGES_INDEXED`] cached messages (private ones excepted) to `index`;
/// returns how many were new.
fn load_messages(store: &CacheStore, account: &str, index: &SharedIndex) -> StoreResult<usize> {
    let names: HashMap<u64, SafeText> = store
        .get_groups(account)?
        .iter()
        .filter_map(|row| serde_json::from_str::<dto::Group>(&row.json).ok())
        .map(|group| (group.id, community(&group).name))
        .collect();
    let liked = std::collections::HashSet::new();
    let mut added = 0;
    let mut read = 0;
    let mut before = None;
    while read < MESSAGES_INDEXED {
        let rows = store.messages_before(account, before, CHUNK.min(MESSAGES_INDEXED - read))?;
        let Some(last) = rows.last() else { break };
        before = Some(last.id);
        read += rows.len();
        let docs: Vec<MessageDoc> = rows
            .iter()
            .filter_map(|row| serde_json::from_str::<dto::Message>(&row.json).ok())
            .filter_map(|m| {
                let message = message(&m, None, &liked);
                let name = message.community.and_then(|c| names.get(&c.0));
                message_doc(&message, name, Vec::new())
            })
            .collect();
        let mut index = index.lock();
        for doc in docs {
            if index.add_message(doc) == Added::New {
                added += 1;
            }
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::{PersonDoc, Query};
    use crate::store::{CachedRecord, ListingPass};

    fn user_json(id: u64, name: &str, expertise: &str) -> CachedRecord {
        let user = dto::User {
            id,
            full_name: name.into(),
            expertise: vec![expertise.into()],
            show_in_directory: true,
            ..dto::User::default()
        };
        CachedRecord {
            id,
            json: serde_json::to_string(&user).unwrap_or_default(),
        }
    }

    #[test]
    fn cached_people_and_messages_answer_who_knows() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut store, _) = CacheStore::open(dir.path()).expect("store");
        let people: Vec<_> = (1..=1_200)
            .map(|id| user_json(id, &format!("Person {id}"), "payroll"))
            .chain([user_json(5_000, "Kim Keller", "kubernetes")])
            .collect();
        store.put_directory("a", &people, 10).expect("put");
        let post = dto::Message {
            id: 77,
            thread_id: Some(77),
            sender_id: Some(9),
            body: dto::Body {
                plain: "Upgraded the terraform modules today".into(),
                ..dto::Body::default()
            },
            ..dto::Message::default()
        };
        let row = crate::store::CachedMessage {
            id: 77,
            thread_id: 77,
            group_id: None,
            sender_id: 9,
            created_at: 1_750_000_000,
            json: serde_json::to_string(&post).unwrap_or_default(),
        };
        store.put_messages("a", "my_feed", &[row]).expect("put");
        let pass = ListingPass {
            complete_at: Some(10),
            ..ListingPass::default()
        };
        store.set_listing_pass("a", &pass).expect("pass");

        let index = SharedIndex::default();
        index.lock().upsert_person(PersonDoc {
            id: 3,
            full_name: "Fresh From The Network".into(),
            show_in_directory: true,
            ..PersonDoc::default()
        });
        let load = load(&store, "a", &index).expect("load");
        assert_eq!(load.people, 1_201);
        assert_eq!(load.extras.len(), 1_200, "the network's copy stays");
        assert_eq!(load.messages, 1);
        assert_eq!(load.pass, pass);
        let index = index.lock();
        assert!(index.stats().people_complete);
        let kube = index.who_knows(&Query::new("kubernetes"), 1_750_000_000);
        assert_eq!(kube.first().map(|m| m.person_id), Some(5_000));
        let terraform = index.who_knows(&Query::new("terraform"), 1_750_000_000);
        assert_eq!(terraform.first().map(|m| m.person_id), Some(9));
        let name = index.person(3).map(|p| p.full_name.clone());
        assert_eq!(name.as_deref(), Some("Fresh From The Network"));
    }
}
