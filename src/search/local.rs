//! The cache's answer to a search: `in:`/`from:`/`@` names resolved to cached communities and
//! people, then the cache's full-text index read (`CacheStore::search_messages`,
//! `search_people`, `search_communities`) and turned into [`Hits`] marked cached. Blocking
//! (SQLite): the caller runs it off the async runtime. It never writes to the store.

use std::collections::HashMap;

use super::hit::{Hit, HitKind, Hits, Source, snippet};
use crate::api::dto;
use crate::store::{CacheStore, CachedRecord, MessageSearch, StoreResult};
use crate::text::search_query::{SearchQuery, name_phrase};

/// Most names one `in:`, `from:` or `@` resolves to.
const NAMES: usize = 20;

/// Shortest typed word matched as the start of longer words; shorter ones match whole words.
const SHORTEST_PREFIX: usize = 3;

/// Most whole words a typed prefix is spelled out as; beyond it the index merges them itself.
const MOST_WORDS: usize = 64;

/// Characters of message text a hit shows around the match.
pub const SNIPPET: usize = 120;

/// The cache's results for `query`: up to `limit` of each kind.
pub fn search(
    store: &CacheStore,
    account: &str,
    query: &SearchQuery,
    limit: usize,
) -> StoreResult<Hits> {
    let mut hits = Hits::default();
    if query.is_empty() {
        return Ok(hits);
    }
    let resolve_people = |name: &str| -> StoreResult<Vec<u64>> {
        let found = store.search_people(account, &name_phrase(name), NAMES)?;
        Ok(found.iter().map(|p| p.id).collect())
    };
    let groups = match &query.community {
        Some(name) => Some(
            store
                .search_communities(account, &name_phrase(name), NAMES)?
                .iter()
                .map(|g| g.id)
                .collect(),
        ),
        None => None,
    };
    let senders = query.from.as_deref().map(resolve_people).transpose()?;
    let involving = if query.users.is_empty() {
        None
    } else {
        let mut ids = Vec::new();
        for user in &query.users {
            ids.extend(resolve_people(user)?);
        }
        Some(ids)
    };
    let text = query.message_fts_naming(|word| {
        if word.chars().count() < SHORTEST_PREFIX {
            // One or two letters begin too many words to read them all: the word itself.
            return Some(vec![word.to_owned()]);
        }
        store
            .message_words_starting(word, MOST_WORDS)
            .ok()
            .flatten()
    });
    let search = MessageSearch {
        text,
        groups,
        senders,
        involving,
        limit,
    };
    let messages = store.search_messages(account, &search)?;
    let words: Vec<&str> = query.phrases.iter().map(|p| p.text.as_str()).collect();
    let sender_ids: Vec<u64> = messages.iter().map(|m| m.sender_id).collect();
    let names = names_of(
        &store.get_users(account, &sender_ids)?,
        dto::User::display_name,
    );
    let communities = names_of(&store.get_groups(account)?, community_name);
    for cached in &messages {
        let Ok(message) = serde_json::from_str::<dto::Message>(&cached.json) else {
            continue;
        };
        let text = if message.body.plain.trim().is_empty() {
            &message.body.parsed
        } else {
            &message.body.plain
        };
        let text = if message.title.is_empty() {
            text.clone()
        } else {
            format!("{}: {text}", message.title)
        };
        let mut hit = Hit::new(
            HitKind::Message,
            cached.id,
            &message_title(cached.sender_id, cached.group_id, &names, &communities),
            &snippet(&text, &words, SNIPPET),
            Source::Cached,
        );
        hit.thread_id = Some(cached.thread_id);
        hit.group_id = cached.group_id;
        hit.sender_id = Some(cached.sender_id);
        hit.created_at = Some(cached.created_at);
        hits.push(hit);
    }
    // People and communities by name, unless the search is narrowed to messages.
    if let Some(names) = query
        .name_fts()
        .filter(|_| query.community.is_none() && query.from.is_none())
    {
        for group in store.search_communities(account, &names, limit)? {
            if let Ok(g) = serde_json::from_str::<dto::Group>(&group.json) {
                hits.push(Hit::new(
                    HitKind::Community,
                    group.id,
                    &community_name(&g),
                    &g.description,
                    Source::Cached,
                ));
            }
        }
        for person in store.search_people(account, &names, limit)? {
            // Someone out of the directory is never a person hit (their messages still are).
            if let Ok(u) = serde_json::from_str::<dto::User>(&person.json)
                && u.show_in_directory
            {
                hits.push(person_hit(&u, Source::Cached));
            }
        }
    }
    Ok(hits)
}

/// A person as a hit: their name, and their job and department.
pub fn person_hit(user: &dto::User, source: Source) -> Hit {
    let detail = [user.job_title.as_str(), user.department.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Hit::new(
        HitKind::Person,
        user.id,
        &person_name(user),
        &detail,
        source,
    )
}

/// "Sender in Community" (or just the sender) for a message hit.
pub fn message_title(
    sender: u64,
    group: Option<u64>,
    people: &HashMap<u64, String>,
    communities: &HashMap<u64, String>,
) -> String {
    let who = people
        .get(&sender)
        .cloned()
        .unwrap_or_else(|| format!("user {sender}"));
    match group.and_then(|g| communities.get(&g)) {
        Some(community) => format!("{who} in {community}"),
        None => who,
    }
}

/// A person's name as shown: `Full Name (@username)` or the best part of it.
pub fn person_name(user: &dto::User) -> String {
    if !user.full_name.trim().is_empty() && !user.name.trim().is_empty() {
        format!("{} (@{})", user.full_name, user.name)
    } else {
        user.display_name()
    }
}

/// A community's name as shown.
pub fn community_name(group: &dto::Group) -> String {
    if group.full_name.trim().is_empty() {
        group.name.clone()
    } else {
        group.full_name.clone()
    }
}

fn names_of<T: serde::de::DeserializeOwned>(
    records: &[CachedRecord],
    name: impl Fn(&T) -> String,
) -> HashMap<u64, String> {
    records
        .iter()
        .filter_map(|r| Some((r.id, name(&serde_json::from_str::<T>(&r.json).ok()?))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CachedMessage;

    #[test]
    fn a_search_reads_names_filters_and_text_from_the_cache() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut store, _) = CacheStore::open(dir.path()).expect("open");
        let users = [
            (1, r#"{"id":1,"name":"ada","full_name":"Ada Lovelace"}"#),
            (2, r#"{"id":2,"name":"bo","full_name":"Bo Diddley"}"#),
        ]
        .map(|(id, json)| CachedRecord {
            id,
            json: json.into(),
        });
        store.put_users("a", &users).expect("users");
        let group = CachedRecord {
            id: 7,
            json: r#"{"id":7,"full_name":"Platform Team"}"#.into(),
        };
        store.put_groups("a", &[group]).expect("groups");
        let message = |id: u64, sender: u64, group: Option<u64>, text: &str| CachedMessage {
            id,
            thread_id: id,
            group_id: group,
            sender_id: sender,
            created_at: 0,
            json: serde_json::json!({"id": id, "body": {"plain": text}}).to_string(),
        };
        let batch = [
            message(10, 1, Some(7), "kubernetes upgrade"),
            message(11, 2, Some(7), "kubernetes party"),
            message(12, 1, None, "kubernetes at home"),
        ];
        store.put_messages("a", "all", &batch).expect("put");

        let hits = search(
            &store,
            "a",
            &SearchQuery::parse("kube in:platform from:ada"),
            10,
        )
        .expect("search");
        assert_eq!(hits.messages.iter().map(|h| h.id).collect::<Vec<_>>(), [10]);
        assert_eq!(hits.messages[0].title, "Ada Lovelace in Platform Team");
        assert_eq!(hits.messages[0].source, Source::Cached);
        assert!(hits.people.is_empty(), "filters narrow to messages");

        let hits = search(&store, "a", &SearchQuery::parse("platform"), 10).expect("search");
        assert_eq!(
            hits.communities.iter().map(|h| h.id).collect::<Vec<_>>(),
            [7]
        );
        let hits = search(&store, "a", &SearchQuery::parse("@bo"), 10).expect("search");
        assert_eq!(hits.messages.iter().map(|h| h.id).collect::<Vec<_>>(), [11]);
        assert_eq!(hits.people.iter().map(|h| h.id).collect::<Vec<_>>(), [2]);
    }
}
