//! The server's answer to a search (`search.json`) as [`Hits`] marked server, narrowed here
//! by what the server cannot filter on: `in:community` and `from:person` (matched against the
//! names the answer's references carry, as a prefix of any word of the name, any case).
//! Pure: takes the decoded answer, does no I/O.

use std::collections::HashMap;

use super::hit::{Hit, HitKind, Hits, Source, snippet};
use super::local::{SNIPPET, community_name, message_title, person_hit};
use crate::api::dto::{Reference, SearchResults};
use crate::text::search_query::SearchQuery;

/// The server's results for `query`, narrowed by its filters.
pub fn hits(results: &SearchResults, query: &SearchQuery) -> Hits {
    let mut hits = Hits::default();
    let mut people: HashMap<u64, (String, String)> = HashMap::new();
    let mut communities: HashMap<u64, (String, String)> = HashMap::new();
    for reference in &results.messages.references {
        match reference {
            Reference::User(u) => {
                people.insert(
                    u.id,
                    (u.display_name(), format!("{} {}", u.full_name, u.name)),
                );
            }
            Reference::Group(g) => {
                communities.insert(
                    g.id,
                    (community_name(g), format!("{} {}", g.full_name, g.name)),
                );
            }
            _ => {}
        }
    }
    for g in &results.groups {
        communities
            .entry(g.id)
            .or_insert_with(|| (community_name(g), format!("{} {}", g.full_name, g.name)));
    }
    let words: Vec<&str> = query.phrases.iter().map(|p| p.text.as_str()).collect();
    let shown = |map: &HashMap<u64, (String, String)>| -> HashMap<u64, String> {
        map.iter()
            .map(|(id, (name, _))| (*id, name.clone()))
            .collect()
    };
    let (people_names, community_names) = (shown(&people), shown(&communities));
    for message in &results.messages.messages {
        let sender = message.sender_id.unwrap_or_default();
        let from_ok = query.from.as_ref().is_none_or(|from| {
            people
                .get(&sender)
                .is_some_and(|(_, n)| name_matches(n, from))
        });
        let within_ok = query.community.as_ref().is_none_or(|within| {
            let named = message.group_id.and_then(|g| communities.get(&g));
            named.is_some_and(|(_, n)| name_matches(n, within))
        });
        if !from_ok || !within_ok {
            continue;
        }
        let text = if message.body.plain.trim().is_empty() {
            &message.body.parsed
        } else {
            &message.body.plain
        };
        let mut hit = Hit::new(
            HitKind::Message,
            message.id,
            &message_title(sender, message.group_id, &people_names, &community_names),
            &snippet(text, &words, SNIPPET),
            Source::Server,
        );
        hit.thread_id = Some(message.thread_or_self());
        hit.group_id = message.group_id;
        hit.sender_id = message.sender_id;
        hit.created_at = Some(message.created_at.unix()).filter(|_| message.created_at.is_known());
        hits.push(hit);
    }
    hits.messages.sort_by_key(|h| std::cmp::Reverse(h.id));
    if query.community.is_none() && query.from.is_none() {
        for g in &results.groups {
            hits.push(Hit::new(
                HitKind::Community,
                g.id,
                &community_name(g),
                &g.description,
                Source::Server,
            ));
        }
        // A server may send people who stay out of the directory; they are not listed.
        for u in results.users.iter().filter(|u| u.show_in_directory) {
            hits.push(person_hit(u, Source::Server));
        }
        for t in &results.topics {
            hits.push(Hit::new(
                HitKind::Topic,
                t.id,
                &format!("#{}", t.name),
                "",
                Source::Server,
            ));
        }
    }
    hits
}

/// Whether `wanted` (each of its words) starts a word of `names`, ignoring case.
pub fn name_matches(names: &str, wanted: &str) -> bool {
    let names = names.to_lowercase();
    let words: Vec<&str> = names
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    wanted
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|part| words.iter().any(|w| w.starts_with(part)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dto::{Group, Message, Topic, User};

    fn results() -> SearchResults {
        let mut results = SearchResults::default();
        let message = |id: u64, sender: u64, group: u64| Message {
            id,
            sender_id: Some(sender),
            group_id: Some(group),
            ..Message::default()
        };
        results.messages.messages = vec![message(1, 10, 7), message(2, 11, 7), message(3, 10, 8)];
        let user = |id: u64, name: &str, full: &str| User {
            id,
            name: name.into(),
            full_name: full.into(),
            ..User::default()
        };
        let group = |id: u64, full: &str| Group {
            id,
            full_name: full.into(),
            ..Group::default()
        };
        results.messages.references = vec![
            Reference::User(user(10, "ada", "Ada Lovelace")),
            Reference::User(user(11, "bo", "Bo Diddley")),
            Reference::Group(group(7, "Platform Team")),
            Reference::Group(group(8, "Design")),
        ];
        results.topics = vec![Topic {
            id: 4,
            name: "rust".into(),
            ..Topic::default()
        }];
        results
    }

    #[test]
    fn the_server_answer_is_narrowed_by_community_and_sender() {
        let all = hits(&results(), &SearchQuery::parse("x"));
        assert_eq!(
            all.messages.iter().map(|h| h.id).collect::<Vec<_>>(),
            [3, 2, 1]
        );
        assert_eq!(all.topics[0].title, "#rust");
        let narrowed = hits(&results(), &SearchQuery::parse("x in:platform from:love"));
        assert_eq!(
            narrowed.messages.iter().map(|h| h.id).collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(narrowed.messages[0].title, "Ada Lovelace in Platform Team");
        assert!(narrowed.topics.is_empty());
    }

    #[test]
    fn people_out_of_the_directory_are_no_person_hits() {
        let mut answer = results();
        let person = |id: u64, name: &str, listed: bool| User {
            id,
            name: name.into(),
            full_name: name.into(),
            show_in_directory: listed,
            ..User::default()
        };
        answer.users = vec![
            person(20, "Ann Listed", true),
            person(21, "Ann Hidden", false),
        ];
        let found = hits(&answer, &SearchQuery::parse("ann"));
        let people: Vec<u64> = found.people.iter().map(|h| h.id).collect();
        assert_eq!(people, [20]);
    }

    #[test]
    fn names_match_by_word_prefix() {
        assert!(name_matches("Platform Team platform", "plat team"));
        assert!(!name_matches("Platform Team", "form"));
    }
}
