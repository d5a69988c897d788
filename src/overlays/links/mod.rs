//! The link picker: `o` on a message with more than one place to go lists them — its links,
//! the people it mentions and its topics — and `enter` goes to the chosen one: a link to the
//! browser (as `o` does), a person to their profile in People, a topic to the topic's feed.
//!
//! Owns the list and its selection; what each target does is in `update`. Mentions are known
//! by the people the message notified (their ids), never by the text alone.

pub mod update;
pub mod view;

use crate::domain::{Catalog, Message, TopicId, UserId};
use crate::text::tokens::{SpanKind, tokenize};

/// One place a message points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    Url(String),
    Person { id: UserId, label: String },
    Topic { id: TopicId, label: String },
}

impl LinkTarget {
    /// The line the picker shows.
    pub fn label(&self) -> String {
        match self {
            Self::Url(url) => url.clone(),
            Self::Person { label, .. } => format!("@{label} · profile"),
            Self::Topic { label, .. } => format!("#{label} · topic feed"),
        }
    }
}

/// The open picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkPicker {
    pub targets: Vec<LinkTarget>,
    pub selected: usize,
}

/// Where `message` points: its links in order, then the people it mentions (by the ids it
/// notified, matched to `@name` by username), then its topics.
pub fn targets(message: &Message, catalog: &Catalog) -> Vec<LinkTarget> {
    let mut out: Vec<LinkTarget> = Vec::new();
    let mut push = |target: LinkTarget| {
        if !out.contains(&target) {
            out.push(target);
        }
    };
    for link in message.links() {
        push(LinkTarget::Url(link));
    }
    for span in tokenize(message.body.as_str()) {
        if span.kind != SpanKind::Mention {
            continue;
        }
        let name = span.text.trim_start_matches('@');
        let found = message
            .notified
            .iter()
            .filter_map(|id| catalog.person(*id))
            .find(|p| p.username.as_str().eq_ignore_ascii_case(name));
        if let Some(person) = found {
            push(LinkTarget::Person {
                id: person.id,
                label: person.username.to_string(),
            });
        }
    }
    for topic in &message.topics {
        if let Some(name) = catalog.topic(*topic) {
            push(LinkTarget::Topic {
                id: *topic,
                label: name.to_string(),
            });
        }
    }
    out
}
