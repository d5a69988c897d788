//! Search results: one [`Hit`] per message, community, person or topic found, each saying
//! where it came from, and [`Hits`], the results grouped by kind, which merges the cache's
//! answer with the server's (deduplicated by id). Text in a hit is already sanitized (made
//! from `SafeText`), so views and scripts print it as it is. Pure data: no I/O.

use serde::Serialize;

use crate::text::SafeText;

/// What a hit is; the groups are shown in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Message,
    Community,
    Person,
    Topic,
}

impl HitKind {
    /// Every kind, in display order.
    pub const ALL: [HitKind; 4] = [Self::Message, Self::Community, Self::Person, Self::Topic];

    /// The group heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Message => "Messages",
            Self::Community => "Communities",
            Self::Person => "People",
            Self::Topic => "Topics",
        }
    }
}

/// Where a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// In the local cache (works offline).
    Cached,
    /// In the server's answer.
    Server,
    /// In both.
    Both,
}

impl Source {
    /// The short label a row shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cached => "cached",
            Self::Server => "server",
            Self::Both => "server+cached",
        }
    }

    fn with(self, other: Source) -> Source {
        if self == other { self } else { Source::Both }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub id: u64,
    /// A message's sender (and community), a community's or person's or topic's name.
    pub title: String,
    /// A message's text around the match, a person's job, a community's description.
    pub detail: String,
    /// A message's thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<u64>,
    /// A message's community.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<u64>,
    /// A message's sender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<u64>,
    /// When a message was posted (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    pub source: Source,
}

impl Hit {
    /// A hit of `kind` with sanitized `title` and `detail` and nothing else known yet.
    pub fn new(kind: HitKind, id: u64, title: &str, detail: &str, source: Source) -> Hit {
        Hit {
            kind,
            id,
            title: SafeText::new(title).as_str().to_owned(),
            detail: SafeText::new(&one_line(detail)).as_str().to_owned(),
            thread_id: None,
            group_id: None,
            sender_id: None,
            created_at: None,
            source,
        }
    }
}

/// Results grouped by kind: messages newest first, the others best match first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub messages: Vec<Hit>,
    pub communities: Vec<Hit>,
    pub people: Vec<Hit>,
    pub topics: Vec<Hit>,
}

impl Hits {
    /// The group of `kind`.
    pub fn group(&self, kind: HitKind) -> &[Hit] {
        match kind {
            HitKind::Message => &self.messages,
            HitKind::Community => &self.communities,
            HitKind::Person => &self.people,
            HitKind::Topic => &self.topics,
        }
    }

    fn group_mut(&mut self, kind: HitKind) -> &mut Vec<Hit> {
        match kind {
            HitKind::Message => &mut self.messages,
            HitKind::Community => &mut self.communities,
            HitKind::Person => &mut self.people,
            HitKind::Topic => &mut self.topics,
        }
    }

    /// Adds one hit to its group (merged with one of the same id).
    pub fn push(&mut self, hit: Hit) {
        let group = self.group_mut(hit.kind);
        match group.iter_mut().find(|h| h.id == hit.id) {
            Some(found) => found.source = found.source.with(hit.source),
            None => group.push(hit),
        }
    }

    /// Merges `other` in: a hit already here keeps its place and text and notes the other
    /// source; new ones are added; messages stay newest first.
    pub fn merge(&mut self, mut other: Hits) {
        for kind in HitKind::ALL {
            let incoming = std::mem::take(other.group_mut(kind));
            for hit in incoming {
                self.push(hit);
            }
        }
        self.messages.sort_by_key(|h| std::cmp::Reverse(h.id));
    }

    /// How many hits in all.
    pub fn len(&self) -> usize {
        HitKind::ALL.iter().map(|k| self.group(*k).len()).sum()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every hit, in display order (group by group).
    pub fn iter(&self) -> impl Iterator<Item = &Hit> {
        HitKind::ALL.into_iter().flat_map(|k| self.group(k).iter())
    }
}

/// Whitespace (line ends included) folded to single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// About `width` characters of `text` around the first of `words` it contains (any case),
/// with `…` where it was cut; the start when none is found.
pub fn snippet(text: &str, words: &[&str], width: usize) -> String {
    let text = one_line(text);
    let lower = text.to_lowercase();
    let at = words
        .iter()
        .filter(|w| !w.is_empty())
        .filter_map(|w| lower.find(&w.to_lowercase()))
        .min()
        .unwrap_or(0);
    // `lower` may differ in length from `text` for a few scripts; count characters instead.
    let at_char = lower.get(..at).map_or(0, |head| head.chars().count());
    let start = at_char.saturating_sub(width / 4);
    let chars: Vec<char> = text.chars().collect();
    let end = (start + width).min(chars.len());
    let start = start.min(end);
    let mut out: String = chars.get(start..end).unwrap_or_default().iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: u64, source: Source) -> Hit {
        Hit::new(HitKind::Message, id, "Ada", "text", source)
    }

    #[test]
    fn merging_dedupes_by_id_notes_both_sources_and_keeps_messages_newest_first() {
        let mut hits = Hits::default();
        hits.push(message(5, Source::Cached));
        hits.push(message(3, Source::Cached));
        let mut server = Hits::default();
        server.push(message(9, Source::Server));
        server.push(message(5, Source::Server));
        server.push(Hit::new(HitKind::Topic, 5, "rust", "", Source::Server));
        hits.merge(server);
        let ids: Vec<(u64, Source)> = hits.messages.iter().map(|h| (h.id, h.source)).collect();
        assert_eq!(
            ids,
            [(9, Source::Server), (5, Source::Both), (3, Source::Cached)]
        );
        assert_eq!(hits.topics.len(), 1, "same id, other kind: not a duplicate");
        assert_eq!(hits.len(), 4);
    }

    #[test]
    fn hit_text_is_sanitized_and_on_one_line() {
        let hit = Hit::new(
            HitKind::Person,
            1,
            "A\u{1b}[31mda",
            "line one\nline two",
            Source::Server,
        );
        assert!(!hit.title.contains('\u{1b}'));
        assert_eq!(hit.detail, "line one line two");
    }

    #[test]
    fn a_snippet_is_cut_around_the_first_match() {
        let text = "word ".repeat(40) + "kubernetes is here " + &"tail ".repeat(40);
        let cut = snippet(&text, &["kubernetes"], 40);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("kubernetes"), "{cut}");
        assert_eq!(snippet("short", &["zzz"], 40), "short");
    }
}
