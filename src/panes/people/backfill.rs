//! Indexing many messages at once (a cache of earlier sessions, a long backlog) without holding
//! the UI: the messages are converted on the UI thread (cheap), then added on a blocking thread
//! a chunk at a time, the lock released between chunks so the listing's queries interleave and
//! the progress line shows the count growing. When done, `PeopleMsg::Backfilled` refreshes the
//! listing. Small pages from the network are indexed inline by `absorb` instead.

use super::absorb::message_docs;
use super::effect::PeopleEffect;
use super::shared::SharedIndex;
use crate::domain::{Catalog, Page};
use crate::expertise::{Added, MessageDoc};

/// Messages added per hold of the lock: at the index's build rate (about 50k a second on a
/// loaded core) a chunk holds it for a few milliseconds, well inside a frame.
pub const CHUNK: usize = 256;

/// The effect that indexes the messages of `pages` into `index` in the background, with names
/// from `catalog` (`None` when there are none worth indexing).
pub fn index_later<'a>(
    index: &SharedIndex,
    catalog: &Catalog,
    pages: impl IntoIterator<Item = &'a Page>,
) -> Option<PeopleEffect> {
    let messages: Vec<MessageDoc> = pages
        .into_iter()
        .flat_map(|page| message_docs(page, catalog))
        .collect();
    (!messages.is_empty()).then(|| PeopleEffect::IndexMessages {
        index: index.clone(),
        messages,
    })
}

/// Adds `messages` to `index`, `chunk` at a time (at least one), taking the lock once per
/// chunk; returns how many were new. Known messages only have their like counts updated. Blocks
/// for as long as the whole takes: call it off the UI thread.
pub fn index_in_chunks(index: &SharedIndex, messages: Vec<MessageDoc>, chunk: usize) -> usize {
    let mut added = 0;
    let mut messages = messages.into_iter().peekable();
    while messages.peek().is_some() {
        let mut index = index.lock();
        for doc in messages.by_ref().take(chunk.max(1)) {
            let (id, likes) = (doc.id, doc.likes);
            match index.add_message(doc) {
                Added::New => added += 1,
                Added::AlreadyIndexed => {
                    index.set_likes(id, likes);
                }
            }
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::PersonDoc;

    fn doc(id: u64, sender: u64, body: &str, likes: u32) -> MessageDoc {
        MessageDoc {
            id,
            sender_id: sender,
            body: body.to_owned(),
            created_at: 1_750_000_000,
            likes,
            ..MessageDoc::default()
        }
    }

    #[test]
    fn every_message_is_added_once_whatever_the_chunk() {
        for chunk in [0, 1, 7, 1_000] {
            let index = SharedIndex::default();
            let messages: Vec<MessageDoc> = (1..=50)
                .map(|id| doc(id, 1 + id % 3, "kubernetes upgrade notes", 0))
                .collect();
            assert_eq!(index_in_chunks(&index, messages.clone(), chunk), 50);
            assert_eq!(index.lock().stats().messages_indexed, 50);
            assert_eq!(index_in_chunks(&index, messages, chunk), 0, "known already");
        }
    }

    #[test]
    fn queries_run_between_chunks_and_see_what_is_indexed_so_far() {
        let index = SharedIndex::default();
        index.lock().upsert_person(PersonDoc {
            id: 9,
            full_name: "Ada Lovelace".into(),
            show_in_directory: true,
            ..PersonDoc::default()
        });
        let messages: Vec<MessageDoc> = (1..=4_000)
            .map(|id| doc(id, 9, "terraform module review", 1))
            .collect();
        let filling = index.clone();
        let worker = std::thread::spawn(move || index_in_chunks(&filling, messages, 16));
        let mut seen = Vec::new();
        while !worker.is_finished() {
            seen.push(index.lock().stats().messages_indexed);
            std::thread::yield_now();
        }
        assert_eq!(worker.join().ok(), Some(4_000));
        assert!(
            seen.iter().all(|n| n % 16 == 0),
            "whole chunks only: {seen:?}"
        );
        assert!(seen.windows(2).all(|w| w[0] <= w[1]));
        let query = crate::expertise::Query::new("terraform");
        let found = index.lock().who_knows(&query, 1_750_000_000);
        assert_eq!(found.first().map(|m| m.person_id), Some(9));
    }
}
