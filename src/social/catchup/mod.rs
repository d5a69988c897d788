//! Catch up after time away: from the messages known (cached ones and the pages fetched since),
//! what happened since the user last looked, per community (most active first): new threads,
//! the busiest threads (most new replies), replies to the user's threads, mentions of the
//! user, and open questions the user is among the best people to answer (through
//! `social::questions` and the expertise index). Also how far the summary reaches.
//!
//! A pure function of its inputs: no I/O, no clock (`since` and `now` are arguments), nothing
//! about the API, the store or the screen. The TUI's catch-up view and `kring catchup` both
//! call [`summarize`].

mod items;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::domain::{Community, Message};
use crate::expertise::ExpertiseIndex;
use crate::social::questions;

pub use items::{Item, ItemKind, Reach};

/// Items of one kind listed per community at most (the count says how many there were).
pub const ITEMS_PER_KIND: usize = 5;

/// What to summarize: the user, the moment they last looked, and what is known.
pub struct Input<'a> {
    /// The signed-in user's id.
    pub me: u64,
    /// Unix seconds: what is newer than this is new.
    pub since: i64,
    /// Unix seconds, for the questions engine's recency.
    pub now: i64,
    /// Every message known (older ones tell whose thread a new reply is in).
    pub messages: &'a [Message],
    /// The communities the user is in; messages elsewhere (but All Company) are left out.
    pub communities: &'a [Community],
    /// The expertise index, when one is built: without it no questions are suggested.
    pub experts: Option<&'a ExpertiseIndex>,
}

/// One community's news since the user last looked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommunityNews {
    /// `None`: All Company (messages in no community).
    pub community: Option<u64>,
    pub name: String,
    /// New messages in the community (everyone's, the user's own included).
    pub new_messages: usize,
    pub new_threads: Counted,
    pub busiest: Counted,
    pub replies_to_you: Counted,
    pub mentions: Counted,
    pub questions: Counted,
}

/// Some items of one kind (best first, at most [`ITEMS_PER_KIND`]) and how many there were.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counted {
    pub total: usize,
    pub items: Vec<Item>,
}

impl Counted {
    fn from_sorted(mut items: Vec<Item>) -> Self {
        let total = items.len();
        items.truncate(ITEMS_PER_KIND);
        Self { total, items }
    }
}

/// The whole catch-up: how far it reaches and the news per community.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatchUp {
    pub reach: Reach,
    pub communities: Vec<CommunityNews>,
}

impl CatchUp {
    /// Every listed item in display order (community by community, kind by kind).
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.communities.iter().flat_map(|c| {
            [
                &c.replies_to_you,
                &c.mentions,
                &c.questions,
                &c.busiest,
                &c.new_threads,
            ]
            .into_iter()
            .flat_map(|counted| counted.items.iter())
        })
    }

    /// Nothing new at all.
    pub fn is_empty(&self) -> bool {
        self.communities.is_empty()
    }
}

/// Builds the catch-up from `input`.
pub fn summarize(input: &Input<'_>) -> CatchUp {
    let me = input.me;
    let mine: HashMap<u64, &Community> = input.communities.iter().map(|c| (c.id.0, c)).collect();
    let included = |m: &Message| !m.direct && m.community.is_none_or(|c| mine.contains_key(&c.0));
    let by_id: HashMap<u64, &Message> = input.messages.iter().map(|m| (m.id.0, m)).collect();
    let mut seen = HashSet::new();
    let fresh: Vec<&Message> = input
        .messages
        .iter()
        .filter(|m| m.created_at.timestamp() > input.since && included(m))
        .filter(|m| seen.insert(m.id.0))
        .collect();
    let mut news: BTreeMap<Option<u64>, CommunityNews> = BTreeMap::new();
    let mut replies: HashMap<u64, Vec<&Message>> = HashMap::new();
    let mut to_you: HashMap<u64, Vec<&Message>> = HashMap::new();
    let mut new_threads: Grouped = BTreeMap::new();
    let mut mentions: Grouped = BTreeMap::new();
    for m in &fresh {
        let community = m.community.map(|c| c.0);
        news.entry(community).or_default().new_messages += 1;
        if m.is_thread_starter() {
            new_threads
                .entry(community)
                .or_default()
                .push(Item::of(ItemKind::NewThread, m, 0));
        } else {
            replies.entry(m.thread.0).or_default().push(m);
            let starter_mine = by_id.get(&m.thread.0).is_some_and(|s| s.sender.0 == me);
            let parent_mine = m
                .replied_to
                .and_then(|p| by_id.get(&p.0))
                .is_some_and(|p| p.sender.0 == me);
            if m.sender.0 != me && (starter_mine || parent_mine) {
                to_you.entry(m.thread.0).or_default().push(m);
            }
        }
        if m.sender.0 != me && m.notified.iter().any(|u| u.0 == me) {
            mentions
                .entry(community)
                .or_default()
                .push(Item::of(ItemKind::Mention, m, 0));
        }
    }
    let threads = |groups: HashMap<u64, Vec<&Message>>, kind: ItemKind| {
        let mut out: Grouped = BTreeMap::new();
        for (thread, list) in groups {
            let Some(newest) = list.iter().max_by_key(|m| m.id.0) else {
                continue;
            };
            let shown = by_id.get(&thread).copied().unwrap_or(newest);
            let mut item = Item::of(kind, shown, list.len());
            item.at = newest.created_at.timestamp();
            out.entry(newest.community.map(|c| c.0))
                .or_default()
                .push(item);
        }
        out
    };
    let busiest = threads(replies, ItemKind::Busy);
    let to_you = threads(to_you, ItemKind::ReplyToYou);
    let questions = questions_for(input, &fresh);
    place(&mut news, new_threads, by_time, |n| &mut n.new_threads);
    place(&mut news, busiest, by_count, |n| &mut n.busiest);
    place(&mut news, to_you, by_time, |n| &mut n.replies_to_you);
    place(&mut news, mentions, by_time, |n| &mut n.mentions);
    place(&mut news, questions, by_time, |n| &mut n.questions);
    let mut communities: Vec<CommunityNews> = news
        .into_iter()
        .map(|(community, mut n)| {
            n.community = community;
            n.name = community
                .and_then(|c| mine.get(&c))
                .map_or_else(|| "All Company".to_owned(), |c| c.name.to_string());
            n
        })
        .collect();
    communities.sort_by(|a, b| {
        b.new_messages
            .cmp(&a.new_messages)
            .then_with(|| a.name.cmp(&b.name))
    });
    CatchUp {
        reach: Reach {
            messages: fresh.len(),
            since: input.since,
        },
        communities,
    }
}

type Grouped = BTreeMap<Option<u64>, Vec<Item>>;

/// Sorts each community's `items` and puts them in the slot `slot` picks.
fn place(
    news: &mut BTreeMap<Option<u64>, CommunityNews>,
    grouped: Grouped,
    order: fn(&Item, &Item) -> std::cmp::Ordering,
    slot: fn(&mut CommunityNews) -> &mut Counted,
) {
    for (community, mut items) in grouped {
        items.sort_by(order);
        *slot(news.entry(community).or_default()) = Counted::from_sorted(items);
    }
}

/// Newest first.
fn by_time(a: &Item, b: &Item) -> std::cmp::Ordering {
    b.at.cmp(&a.at).then(b.message.cmp(&a.message))
}

/// Most new replies first, then newest.
fn by_count(a: &Item, b: &Item) -> std::cmp::Ordering {
    b.count.cmp(&a.count).then_with(|| by_time(a, b))
}

/// Open questions asked since `since` where the user is among the best people to answer.
fn questions_for(input: &Input<'_>, fresh: &[&Message]) -> Grouped {
    let mut out: Grouped = BTreeMap::new();
    let Some(index) = input.experts else {
        return out;
    };
    let open: Vec<questions::OpenQuestion> = questions::open_questions(input.messages)
        .into_iter()
        .filter(|q| q.asked_at > input.since && q.asker != input.me)
        .filter(|q| fresh.iter().any(|m| m.id.0 == q.id))
        .collect();
    for found in questions::for_community(index, &open, None, &|_| false, input.now) {
        if !found.answerers.iter().any(|a| a.person_id == input.me) {
            continue;
        }
        if let Some(m) = fresh.iter().find(|m| m.id.0 == found.question.id) {
            out.entry(found.question.community)
                .or_default()
                .push(Item::of(ItemKind::Question, m, 0));
        }
    }
    out
}
