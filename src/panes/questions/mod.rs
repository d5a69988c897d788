//! "Questions for you" (key `6`): the open questions the client holds, in two parts. First
//! those your expertise matches (the expertise index's ranking, with its reasons, as the
//! directory gives them), for everyone; then, for a community's keeper (an admin of it), the
//! other open questions of the communities they administer, each with the three people who
//! could answer it, so the keeper can bring them in with one key (`m`: a reply mentioning
//! them). A plain member sees no such part. Enter opens the thread, `r` answers.
//!
//! The list is taken when the view opens, from the catalog (the cache and what was read this
//! session) through `social::questions`, and again when the communities you keep arrive
//! (`QuestionsEffect::FetchKept`); this module owns the snapshot and the selection and must not
//! do I/O.

pub mod effect;

pub mod update;
pub mod view;

use crate::domain::{Catalog, GroupId, MessageId, UserId};
use crate::expertise::ExpertiseIndex;
use crate::social::questions::{self, OpenQuestion};

/// Which part of the list a question is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Your expertise matches it.
    ForYou,
    /// Open in a community you administer; others could answer.
    InYourCommunities,
}

/// Someone who could answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answerer {
    pub name: String,
    /// For the `@mention`.
    pub username: String,
}

/// One listed question.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub part: Part,
    pub id: MessageId,
    pub community: Option<GroupId>,
    pub asker: String,
    pub asked_at: i64,
    pub text: String,
    /// Why it is for you (`ForYou` only).
    pub why: Option<String>,
    /// Who could answer (`InYourCommunities` only), best first.
    pub answerers: Vec<Answerer>,
}

/// The open view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuestionsView {
    pub items: Vec<Item>,
    pub selected: usize,
    /// How many messages the list was taken from.
    pub from_messages: usize,
    /// How many people of the directory the matching could see.
    pub people: usize,
    /// The communities you administer: `None` until the server said.
    pub kept: Option<Vec<GroupId>>,
    /// Why the communities you keep are not known, when asking failed.
    pub kept_error: Option<String>,
}

impl QuestionsView {
    /// The list for the signed-in user (`me`), from every message `catalog` holds; the
    /// "who could answer" part covers the communities in `kept` (those `me` administers).
    pub fn take(
        catalog: &Catalog,
        index: &ExpertiseIndex,
        kept: Option<&[GroupId]>,
        me: Option<UserId>,
        now: i64,
    ) -> Self {
        let mine = kept.unwrap_or_default();
        let messages: Vec<_> = catalog.messages().cloned().collect();
        let open = questions::open_questions(&messages);
        let asker = |q: &OpenQuestion| {
            catalog
                .person(UserId(q.asker))
                .map_or_else(|| format!("user {}", q.asker), |p| p.full_name.to_string())
        };
        let item = |part, q: &OpenQuestion| Item {
            part,
            id: MessageId(q.id),
            community: q.community.map(GroupId),
            asker: asker(q),
            asked_at: q.asked_at,
            text: q.text.clone(),
            why: None,
            answerers: Vec::new(),
        };
        let mut items: Vec<Item> = match me {
            Some(me) => questions::for_person(index, me.0, &open, now)
                .into_iter()
                .map(|found| Item {
                    why: Some(found.why.clone()),
                    ..item(Part::ForYou, &found.question)
                })
                .collect(),
            None => Vec::new(),
        };
        let in_mine: Vec<OpenQuestion> = open
            .into_iter()
            .filter(|q| q.community.is_some_and(|c| mine.contains(&GroupId(c))))
            .filter(|q| me.is_none_or(|me| q.asker != me.0))
            .filter(|q| !items.iter().any(|i| i.id.0 == q.id))
            .collect();
        let not_me = |id: u64| me.is_some_and(|me| me.0 == id);
        for found in questions::for_community(index, &in_mine, None, &not_me, now) {
            let answerers = found
                .answerers
                .iter()
                .map(|a| Answerer {
                    name: a.name.clone(),
                    username: index
                        .person(a.person_id)
                        .map(|p| p.username.clone())
                        .unwrap_or_default(),
                })
                .collect();
            items.push(Item {
                answerers,
                ..item(Part::InYourCommunities, &found.question)
            });
        }
        Self {
            items,
            selected: 0,
            from_messages: messages.len(),
            people: index.stats().people_visible,
            kept: kept.map(<[GroupId]>::to_vec),
            kept_error: None,
        }
    }

    /// The selected question.
    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }
}

/// The draft of a reply mentioning `answerers` (those with a username).
pub fn mention_draft(answerers: &[Answerer]) -> String {
    let names: Vec<String> = answerers
        .iter()
        .filter(|a| !a.username.is_empty())
        .map(|a| format!("@{}", a.username))
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!("{} could you help with this one? ", names.join(" "))
}
