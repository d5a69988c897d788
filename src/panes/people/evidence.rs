//! The debounced search for evidence: when the free text of the query changes, one
//! `search.json` call may pull matching messages in, but only once typing has paused (two ticks
//! `SEARCH_PAUSE` apart with no key between them), only for text of a few characters, and never
//! twice for the same text. Pure bookkeeping; ticks bring the time.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::panes::request::RequestId;

/// How long typing must pause before the search is sent.
pub const SEARCH_PAUSE: Duration = Duration::from_millis(400);
/// Shorter text is not worth a search.
pub const MIN_SEARCH_CHARS: usize = 3;
/// How many searched texts are remembered (and not searched again).
const REMEMBERED: usize = 64;

/// Where the evidence search stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvidenceSearch {
    /// Text waiting for typing to pause.
    pub pending: Option<String>,
    /// When the first tick after the last key came.
    quiet_since: Option<DateTime<Utc>>,
    /// Texts already searched, oldest first.
    searched: Vec<String>,
    pub in_flight: Option<RequestId>,
}

impl EvidenceSearch {
    /// The free text changed to `text` (a key was typed).
    pub fn typed(&mut self, text: &str) {
        let text = text.trim().to_lowercase();
        self.quiet_since = None;
        let searched = self.searched.contains(&text);
        self.pending = (text.chars().count() >= MIN_SEARCH_CHARS && !searched).then_some(text);
    }

    /// A tick at `now`: the text to search for when typing has paused long enough.
    pub fn on_tick(&mut self, now: DateTime<Utc>) -> Option<String> {
        self.pending.as_ref()?;
        let Some(since) = self.quiet_since else {
            self.quiet_since = Some(now);
            return None;
        };
        if (now - since).to_std().unwrap_or(Duration::ZERO) < SEARCH_PAUSE {
            return None;
        }
        let text = self.pending.take()?;
        self.quiet_since = None;
        if self.searched.len() == REMEMBERED {
            self.searched.remove(0);
        }
        self.searched.push(text.clone());
        Some(text)
    }

    /// How soon a tick is needed, if a search waits.
    pub fn next_tick_in(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.pending.as_ref()?;
        Some(match self.quiet_since {
            None => SEARCH_PAUSE,
            Some(since) => {
                SEARCH_PAUSE.saturating_sub((now - since).to_std().unwrap_or(Duration::ZERO))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(millis: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_700_000_000_000 + millis).unwrap_or_default()
    }

    #[test]
    fn searches_once_after_typing_pauses() {
        let mut search = EvidenceSearch::default();
        search.typed("ku");
        assert_eq!(search.pending, None, "too short");
        search.typed("kube");
        assert_eq!(
            search.on_tick(at(0)),
            None,
            "the first tick starts the quiet time"
        );
        search.typed("kubernetes");
        assert_eq!(search.on_tick(at(100)), None, "a key restarts it");
        assert_eq!(search.on_tick(at(300)), None);
        assert_eq!(
            search.next_tick_in(at(300)),
            Some(Duration::from_millis(200))
        );
        assert_eq!(search.on_tick(at(700)).as_deref(), Some("kubernetes"));
        assert_eq!(search.on_tick(at(2000)), None);
        assert_eq!(search.next_tick_in(at(2000)), None);
    }

    #[test]
    fn the_same_text_is_never_searched_twice() {
        let mut search = EvidenceSearch::default();
        search.typed("GDPR");
        search.on_tick(at(0));
        assert_eq!(search.on_tick(at(500)).as_deref(), Some("gdpr"));
        search.typed("gdpr ");
        assert_eq!(search.pending, None);
    }
}
