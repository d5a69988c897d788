//! "Why am I listed?" (`w` on your own card): what the expertise ranking sees about you. Which
//! profile fields give you which words (expertise the strongest, interests softer, your job
//! title's words), where each puts you in "who knows X?" with the directory's own reason line,
//! the topics and communities of your messages that count as evidence, and how to stay out.
//! Built from the index and the catalog when asked (never while drawing); holds plain text.

use std::collections::HashMap;

use crate::domain::{Catalog, MessageId, UserId};
use crate::expertise::{ExpertiseIndex, Query};

/// Your messages read for topics and communities, newest first.
const MESSAGES_READ: usize = 500;
/// Topics and communities shown, most used first.
const MOST_USED: usize = 5;

/// One line of the explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhyLine {
    /// A part's heading.
    Heading(String),
    /// A labelled fact.
    Item { label: String, text: String },
    /// Plain text.
    Note(String),
}

/// The explanation, as taken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WhyListed {
    pub lines: Vec<WhyLine>,
    /// How far the card is scrolled while this shows (`j`/`k`).
    pub scroll: usize,
}

fn heading(text: &str) -> WhyLine {
    WhyLine::Heading(text.to_owned())
}

fn item(label: &str, text: String) -> WhyLine {
    WhyLine::Item {
        label: label.to_owned(),
        text,
    }
}

fn note(text: &str) -> WhyLine {
    WhyLine::Note(text.to_owned())
}

/// Where `me` stands for `word` in "who knows X?", with the reason the directory gives.
fn standing(index: &ExpertiseIndex, me: u64, word: &str, now: i64) -> String {
    let found = index.who_knows(&Query::new(word).limit(None), now);
    match found.iter().position(|m| m.person_id == me) {
        Some(at) => format!(
            "#{} of {} for “{word}” ({})",
            at + 1,
            found.len(),
            found.get(at).map(|m| m.summary(now)).unwrap_or_default()
        ),
        None => format!("not ranked for “{word}”"),
    }
}

/// What the ranking sees about `me`, at `now` (unix seconds).
pub fn explain(index: &ExpertiseIndex, catalog: &Catalog, me: UserId, now: i64) -> WhyListed {
    let mut lines = Vec::new();
    let Some(doc) = index.own_profile(me.0) else {
        lines.push(note(
            "The directory has not brought your profile yet: nothing ranks you so far.",
        ));
        lines.extend(stay_out());
        return WhyListed { lines, scroll: 0 };
    };
    if !doc.show_in_directory {
        lines.push(heading("You are not listed"));
        lines.push(note(
            "People, search, mentions and every ranking leave you out; your messages stay \
             readable where you posted them. To be listed again: e, then Listed in the \
             directory: yes.",
        ));
        return WhyListed { lines, scroll: 0 };
    }
    lines.push(heading("From your profile"));
    for tag in &doc.expertise {
        lines.push(item("Expertise", standing(index, me.0, tag, now)));
    }
    for tag in &doc.interests {
        lines.push(item("Interest", standing(index, me.0, tag, now)));
    }
    if let Some(title) = &doc.job_title {
        lines.push(item("Job title", format!("its words count too: {title}")));
    }
    let places: Vec<&str> = [doc.department.as_deref(), doc.location.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !places.is_empty() {
        lines.push(item(
            "Filters",
            format!(
                "{} (f d, f l list by these; not topics)",
                places.join(" · ")
            ),
        ));
    }
    if doc.expertise.is_empty() && doc.interests.is_empty() {
        lines.push(note(
            "No expertise or interests given: only your messages rank you (e adds them).",
        ));
    }
    lines.extend(from_messages(index, catalog, me, now));
    lines.extend(stay_out());
    WhyListed { lines, scroll: 0 }
}

/// The topics and communities of your messages, most used first, each topic with where it
/// puts you.
fn from_messages(index: &ExpertiseIndex, catalog: &Catalog, me: UserId, now: i64) -> Vec<WhyLine> {
    let ids = index.recent_messages(me.0, MESSAGES_READ);
    let mut lines = vec![heading(&format!(
        "From your messages ({} the directory has read)",
        ids.len()
    ))];
    let mut topics: HashMap<String, usize> = HashMap::new();
    let mut places: HashMap<String, usize> = HashMap::new();
    for message in ids.iter().filter_map(|id| catalog.message(MessageId(*id))) {
        for topic in message.topics.iter().filter_map(|t| catalog.topic(*t)) {
            *topics.entry(topic.to_string()).or_default() += 1;
        }
        let place = message
            .community
            .and_then(|g| catalog.community(g))
            .map_or_else(|| "All Company".to_owned(), |c| c.name.to_string());
        *places.entry(place).or_default() += 1;
    }
    let most = |counts: HashMap<String, usize>| {
        let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.truncate(MOST_USED);
        counts
    };
    for (topic, count) in most(topics) {
        let text = format!(
            "#{topic} · {} · {}",
            messages(count),
            standing(index, me.0, &topic, now)
        );
        lines.push(item("Topic", text));
    }
    for (place, count) in most(places) {
        lines.push(item("Posted in", format!("{place} · {}", messages(count))));
    }
    if ids.is_empty() {
        lines.push(note(
            "None yet: what you write in open communities will count.",
        ));
    } else {
        lines.push(note(
            "Every word of these messages is evidence; private messages never are.",
        ));
    }
    lines
}

fn messages(count: usize) -> String {
    if count == 1 {
        "1 message".to_owned()
    } else {
        format!("{count} messages")
    }
}

fn stay_out() -> Vec<WhyLine> {
    vec![
        heading("How to stay out"),
        note(
            "e, then Listed in the directory: no. People, search, mentions and rankings then \
             leave you out; your messages stay where you posted them.",
        ),
        note(
            "On kring serve that is the directory setting (an admin can also run: kring serve \
             user directory NAME --hidden). Elsewhere, your network's admins decide.",
        ),
    ]
}

#[cfg(test)]
#[path = "why_listed_tests.rs"]
mod tests;
