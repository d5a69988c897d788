//! What the inverted index stores per term: message postings (one per message containing the
//! term, carrying everything the scoring loop needs — sender, day, like weight, frequency — so
//! scoring never visits the message store) and declared postings. A term's message postings
//! are in message order, so one can be found by binary search to update likes or mark it
//! removed. It must not score.

use super::messages::{MsgIdx, like_factor};
use super::person_idx::PersonIdx;
use super::reasons::DeclaredField;

const DAY: i64 = 86_400;

/// One message containing a term.
#[derive(Debug, Clone, Copy)]
pub struct Posting {
    pub msg: MsgIdx,
    pub person: PersonIdx,
    /// Day the message was written (days since 1970, floored).
    pub day: i32,
    /// `like_factor` of the message's likes.
    pub like_factor: f32,
    /// Term frequency in the message (topic words count double); 0 once the message is removed.
    pub tf: u16,
}

impl Posting {
    pub fn new(msg: MsgIdx, person: PersonIdx, created_at: i64, likes: u32, tf: u16) -> Self {
        Posting {
            msg,
            person,
            day: day_of(created_at),
            like_factor: like_factor(likes),
            tf,
        }
    }

    pub fn is_live(&self) -> bool {
        self.tf > 0
    }
}

/// Days since 1970 (floored), saturating at the ends of `i32`.
pub fn day_of(unix_seconds: i64) -> i32 {
    let day = unix_seconds.div_euclid(DAY);
    i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX })
}

/// A person declaring a term.
#[derive(Debug, Clone, Copy)]
pub struct DeclaredPosting {
    pub person: PersonIdx,
    pub field: DeclaredField,
}

/// Everything stored per term.
#[derive(Debug, Default)]
pub struct TermData {
    pub postings: Vec<Posting>,
    pub declared: Vec<DeclaredPosting>,
    /// Live messages containing the term.
    pub live_messages: u32,
}

impl TermData {
    /// How many people have a live message containing the term (its BM25 document frequency),
    /// counted on demand: one pass over the postings with a bitmap of `people` bits.
    pub fn people_using(&self, people: usize) -> u32 {
        let mut seen = vec![0u64; people.div_ceil(64)];
        let mut count = 0;
        for posting in self.postings.iter().filter(|p| p.is_live()) {
            let (word, bit) = (posting.person as usize / 64, posting.person % 64);
            if let Some(bits) = seen.get_mut(word)
                && *bits & (1 << bit) == 0
            {
                *bits |= 1 << bit;
                count += 1;
            }
        }
        count
    }

    /// The posting of message `msg`, if it contains this term.
    pub fn posting_mut(&mut self, msg: MsgIdx) -> Option<&mut Posting> {
        let at = self.postings.binary_search_by_key(&msg, |p| p.msg).ok()?;
        self.postings.get_mut(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_floor_toward_the_past_and_saturate() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(DAY - 1), 0);
        assert_eq!(day_of(-1), -1);
        assert_eq!(day_of(i64::MAX), i32::MAX);
        assert_eq!(day_of(i64::MIN), i32::MIN);
    }

    #[test]
    fn postings_are_found_by_message() {
        let mut data = TermData::default();
        for msg in [2, 5, 9] {
            data.postings.push(Posting::new(msg, 1, 0, 0, 1));
        }
        assert!(data.posting_mut(5).is_some_and(|p| p.is_live()));
        assert!(data.posting_mut(6).is_none());
        if let Some(p) = data.posting_mut(9) {
            p.tf = 0;
        }
        assert!(!data.postings[2].is_live());
    }

    #[test]
    fn people_using_counts_distinct_live_writers() {
        let mut data = TermData::default();
        for (msg, person) in [(1, 3), (2, 3), (3, 70), (4, 5)] {
            data.postings.push(Posting::new(msg, person, 0, 0, 1));
        }
        assert_eq!(data.people_using(100), 3);
        if let Some(p) = data.posting_mut(4) {
            p.tf = 0;
        }
        assert_eq!(data.people_using(100), 2);
    }
}
