//! Indexing what arrives: every message of every feed, thread, post or search page goes into the
//! expertise index as evidence (private ones excepted), with its community's and topics' names
//! from the page or the catalog; deleted messages leave it. A page costs one short lock. The
//! listing on screen (and an open card, with its "why am I listed?") follows; when the pane is
//! hidden it is only marked stale. Which answers carry messages is for the core to say.

use crate::domain::{Catalog, Page, SafeText};
use crate::expertise::feed::message_doc;
use crate::expertise::{Added, MessageDoc};

use super::PeoplePane;
use super::shared::SharedIndex;

/// Adds the messages of `page` to `index`; returns how many were new. Known messages only have
/// their like counts brought up to date.
pub fn index_page(index: &SharedIndex, page: &Page, catalog: &Catalog) -> usize {
    let docs = message_docs(page, catalog);
    let mut index = index.lock();
    let mut added = 0;
    for doc in docs {
        let (id, likes) = (doc.id, doc.likes);
        match index.add_message(doc) {
            Added::New => added += 1,
            Added::AlreadyIndexed => {
                index.set_likes(id, likes);
            }
        }
    }
    added
}

/// The messages of `page` as evidence, with their community's and topics' names from the page
/// or the catalog (private messages are left out).
pub fn message_docs(page: &Page, catalog: &Catalog) -> Vec<MessageDoc> {
    let mut docs = Vec::new();
    for message in page.all_messages() {
        let community: Option<&SafeText> = message.community.and_then(|group| {
            page.communities
                .iter()
                .find(|c| c.id == group)
                .or_else(|| catalog.community(group))
                .map(|c| &c.name)
        });
        let topics = message
            .topics
            .iter()
            .filter_map(|topic| {
                page.topics
                    .iter()
                    .find(|(id, _)| id == topic)
                    .map(|(_, name)| name)
                    .or_else(|| catalog.topic(*topic))
            })
            .map(ToString::to_string)
            .collect();
        docs.extend(message_doc(message, community, topics));
    }
    docs
}

/// The index changed: the listing and an open card follow when the pane is `shown`; otherwise
/// they are brought up to date when it is next shown. `now` is in unix seconds.
pub fn index_changed(people: &mut PeoplePane, catalog: &Catalog, now: i64, shown: bool) {
    if !shown {
        people.stale = true;
        return;
    }
    people.refresh(now);
    if let Some(card) = &mut people.card {
        let index = people.index.lock();
        card.rebuild(&index, catalog);
        // "Why am I listed?" follows too (a profile save, new messages), where it was scrolled.
        if let Some(why) = &mut card.why {
            let scroll = why.scroll;
            *why = super::why_listed::explain(&index, catalog, card.person, now);
            why.scroll = scroll;
        }
    }
}
