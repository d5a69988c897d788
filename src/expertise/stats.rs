//! `IndexStats`: how complete the expertise index is, so the people pane can show progress while
//! profiles page in and messages arrive. Plain numbers; it must not reach into the index.

/// A snapshot of the index's size and completeness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndexStats {
    /// Profiles received (visible or not).
    pub people_known: usize,
    /// Profiles that may appear in results.
    pub people_visible: usize,
    /// How many people the network reports, when known.
    pub people_expected: Option<usize>,
    /// The people listing has been paged in to the end.
    pub people_complete: bool,
    /// Live messages indexed.
    pub messages_indexed: usize,
    /// People who sent indexed messages but whose profile has not arrived yet.
    pub senders_without_profile: usize,
    /// Distinct terms in the vocabulary.
    pub terms: usize,
}

impl IndexStats {
    /// Share of people loaded, in `[0, 1]`: 1 when the listing is complete, `None` when the
    /// total is unknown and the listing is still paging.
    pub fn people_progress(&self) -> Option<f64> {
        if self.people_complete {
            return Some(1.0);
        }
        let expected = self.people_expected.filter(|e| *e > 0)?;
        Some((self.people_known as f64 / expected as f64).min(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_known_only_with_a_total_or_at_the_end() {
        let mut stats = IndexStats {
            people_known: 50,
            ..IndexStats::default()
        };
        assert_eq!(stats.people_progress(), None);
        stats.people_expected = Some(200);
        assert_eq!(stats.people_progress(), Some(0.25));
        stats.people_known = 300;
        assert_eq!(stats.people_progress(), Some(1.0));
        stats = IndexStats {
            people_complete: true,
            ..IndexStats::default()
        };
        assert_eq!(stats.people_progress(), Some(1.0));
    }
}
