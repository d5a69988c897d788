//! Open questions: a thread whose starter asks something (its kind is `question`, or a plain
//! update's first sentence ends in `?` or it carries `#question`) and that has no reply among
//! the messages given. `rank` matches them with people through the expertise index, both ways:
//! for one person the questions they could answer, for a community its questions with the
//! people who could answer them.
//!
//! Works only on what it is given: a reply outside the messages passed in is unknown here, so
//! callers pass every message of the window they read (replies always come after their
//! starter, so a window that holds a starter holds its replies). No I/O, no clock.

mod rank;

use std::collections::HashSet;

use crate::domain::{Message, MessageKind};

pub use rank::{Answerer, CommunityQuestion, QuestionForYou, for_community, for_person};

/// A question nobody has answered yet.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenQuestion {
    /// The starter's id (also the thread's).
    pub id: u64,
    pub community: Option<u64>,
    pub asker: u64,
    /// Unix seconds.
    pub asked_at: i64,
    /// The question as the TUI shows it (sanitized).
    pub text: String,
    pub web_url: String,
}

/// Does `message` ask something? Its kind says so, or it is a plain update (or a kind kring
/// does not know) whose first sentence ends in `?` or that carries the `#question` hashtag (any
/// case). Polls, announcements and praise ask nobody in particular: never questions.
pub fn is_question(message: &Message) -> bool {
    match message.kind {
        MessageKind::Question => return true,
        MessageKind::Update | MessageKind::Other => {}
        MessageKind::Poll
        | MessageKind::Announcement
        | MessageKind::Praise
        | MessageKind::System => return false,
    }
    let body = message.body.as_str();
    first_sentence_asks(body) || has_question_tag(body)
}

/// The first sentence (up to the first `!`, `?`, line break, or `.` before a blank or the end:
/// `1.9` does not end one) ends in `?`.
fn first_sentence_asks(body: &str) -> bool {
    let mut chars = body.trim_start().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '?' => return true,
            '!' | '\n' => return false,
            '.' if chars.peek().is_none_or(|n| n.is_whitespace()) => return false,
            _ => {}
        }
    }
    false
}

fn has_question_tag(body: &str) -> bool {
    body.match_indices('#').any(|(at, _)| {
        let rest = &body[at + 1..];
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        word.eq_ignore_ascii_case("question")
    })
}

/// The thread starters among `messages` that ask something and have no reply among them,
/// newest first. Private messages are never listed.
pub fn open_questions(messages: &[Message]) -> Vec<OpenQuestion> {
    let answered: HashSet<u64> = messages
        .iter()
        .filter(|m| !m.is_thread_starter())
        .map(|m| m.thread.0)
        .collect();
    let mut open: Vec<OpenQuestion> = messages
        .iter()
        .filter(|m| m.is_thread_starter() && !m.direct && !answered.contains(&m.id.0))
        .filter(|m| is_question(m))
        .map(|m| OpenQuestion {
            id: m.id.0,
            community: m.community.map(|c| c.0),
            asker: m.sender.0,
            asked_at: m.created_at.timestamp(),
            text: m.body.as_str().to_owned(),
            web_url: m.web_url.as_str().to_owned(),
        })
        .collect();
    open.sort_by(|a, b| b.asked_at.cmp(&a.asked_at).then(b.id.cmp(&a.id)));
    open.dedup_by_key(|q| q.id);
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::GroupId;
    use crate::domain::test_support::message;
    use crate::text::SafeText;

    fn with_body(id: u64, thread: u64, body: &str) -> Message {
        let mut m = message(id, thread, (id != thread).then_some(thread));
        m.body = SafeText::new(body);
        m.community = Some(GroupId(7));
        m
    }

    #[test]
    fn a_question_is_known_by_its_kind_its_first_sentence_or_its_tag() {
        let mut kind = with_body(1, 1, "Deploys are slow today.");
        assert!(!is_question(&kind));
        kind.kind = MessageKind::Question;
        assert!(is_question(&kind));
        assert!(is_question(&with_body(
            2,
            2,
            "Who runs the Kafka cluster? Asking for a friend."
        )));
        assert!(!is_question(&with_body(
            3,
            3,
            "Kafka is down. Why? Nobody knows."
        )));
        assert!(is_question(&with_body(
            4,
            4,
            "Kafka retention settings #Question"
        )));
        assert!(!is_question(&with_body(
            5,
            5,
            "See #questions_archive for old ones."
        )));
    }

    #[test]
    fn a_poll_that_asks_is_not_a_question() {
        let mut poll = with_body(6, 6, "Which day suits you? Tuesday or Thursday.");
        assert!(is_question(&poll));
        poll.kind = MessageKind::Poll;
        assert!(!is_question(&poll));
    }

    #[test]
    fn only_unanswered_public_starters_are_open_newest_first() {
        let mut private = with_body(30, 30, "Lunch?");
        private.direct = true;
        let messages = vec![
            with_body(10, 10, "How do I rotate the Vault token?"),
            with_body(11, 10, "Use the CLI."),
            with_body(20, 20, "Where is the helm chart repo?"),
            with_body(25, 25, "Release done."),
            with_body(26, 26, "Anyone using Terraform 1.9?"),
            private,
        ];
        let open = open_questions(&messages);
        let ids: Vec<u64> = open.iter().map(|q| q.id).collect();
        assert_eq!(ids, vec![26, 20]);
        assert_eq!(open[1].community, Some(7));
        assert_eq!(open[1].asker, 1);
    }
}
