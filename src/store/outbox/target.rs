//! Where a draft or an outgoing post goes, and its stable text key in the database.
//! Owns the key format; it must never change the format of a shipped key (keys on disk would
//! stop matching their drafts).

use std::fmt;

/// The destination of a draft or an outgoing post. One draft is kept per target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftTarget {
    /// A new thread in a group, or in All Company when `group_id` is `None`.
    NewPost { group_id: Option<u64> },
    /// A reply in `thread_id` to the message `replied_to_id`.
    Reply { thread_id: u64, replied_to_id: u64 },
    /// A private message to one user.
    Direct { user_id: u64 },
}

impl DraftTarget {
    /// The stable key: `post:all`, `post:group:<id>`, `reply:<thread>:<message>`, `direct:<user>`.
    pub fn key(&self) -> String {
        self.to_string()
    }

    /// Parses a key written by [`DraftTarget::key`]; anything else is `None`.
    pub fn from_key(key: &str) -> Option<DraftTarget> {
        let parts: Vec<&str> = key.split(':').collect();
        match parts.as_slice() {
            ["post", "all"] => Some(DraftTarget::NewPost { group_id: None }),
            ["post", "group", group] => Some(DraftTarget::NewPost {
                group_id: Some(parse_id(group)?),
            }),
            ["reply", thread, message] => Some(DraftTarget::Reply {
                thread_id: parse_id(thread)?,
                replied_to_id: parse_id(message)?,
            }),
            ["direct", user] => Some(DraftTarget::Direct {
                user_id: parse_id(user)?,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for DraftTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftTarget::NewPost { group_id: None } => write!(f, "post:all"),
            DraftTarget::NewPost {
                group_id: Some(group),
            } => write!(f, "post:group:{group}"),
            DraftTarget::Reply {
                thread_id,
                replied_to_id,
            } => write!(f, "reply:{thread_id}:{replied_to_id}"),
            DraftTarget::Direct { user_id } => write!(f, "direct:{user_id}"),
        }
    }
}

/// Only plain decimal digits: `u64::from_str` would also accept a leading `+`, which would
/// give one target two keys.
fn parse_id(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_round_trips_through_its_key() {
        let targets = [
            DraftTarget::NewPost { group_id: None },
            DraftTarget::NewPost {
                group_id: Some(u64::MAX),
            },
            DraftTarget::Reply {
                thread_id: 1,
                replied_to_id: 2,
            },
            DraftTarget::Direct { user_id: 0 },
        ];
        for target in targets {
            assert_eq!(DraftTarget::from_key(&target.key()), Some(target));
        }
    }

    #[test]
    fn malformed_keys_are_rejected() {
        for key in [
            "",
            "post",
            "post:group:",
            "post:group:+5",
            "reply:1",
            "reply:1:x",
            "direct:-1",
            "direct:18446744073709551616",
            "post:all:extra",
        ] {
            assert_eq!(DraftTarget::from_key(key), None, "{key:?}");
        }
    }
}
