//! What a call asks for: which feed (the client's own [`Feed`], given its API path here), which
//! page, what to post. Plain data, turned into paths and parameters by the client; no HTTP here
//! beyond the paths and parameter names Yammer uses.

use crate::domain::Feed;

/// The path of `feed` under `/api/v1/`, without the `.json` suffix.
pub(crate) fn feed_path(feed: Feed) -> String {
    match feed {
        Feed::MyFeed => "messages/my_feed".to_owned(),
        Feed::AllCompany => "messages".to_owned(),
        Feed::Top => "messages/algo".to_owned(),
        Feed::Following => "messages/following".to_owned(),
        Feed::Sent => "messages/sent".to_owned(),
        Feed::Private => "messages/private".to_owned(),
        // Views of the Inbox: the client keeps the threads addressed to the user that way.
        Feed::Inbox | Feed::Mentions | Feed::RepliesToMe => "messages/received".to_owned(),
        Feed::Community(id) => format!("messages/in_group/{}", id.0),
        Feed::Thread(id) => format!("messages/in_thread/{}", id.0),
        Feed::Topic(id) => format!("messages/about_topic/{}", id.0),
        Feed::FromUser(id) => format!("messages/from_user/{}", id.0),
        Feed::LikedBy(id) => format!("messages/liked_by/{}", id.0),
    }
}

/// `threaded=` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threaded {
    /// Only thread starters.
    True,
    /// Thread starters plus their latest replies in `threaded_extended`.
    Extended,
}

/// Which page of a feed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageQuery {
    pub older_than: Option<u64>,
    pub newer_than: Option<u64>,
    pub threaded: Option<Threaded>,
    pub limit: Option<u32>,
}

impl PageQuery {
    pub(crate) fn params(&self, feed: &Feed) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(id) = self.older_than {
            out.push(("older_than", id.to_string()));
        }
        if let Some(id) = self.newer_than {
            out.push(("newer_than", id.to_string()));
        }
        // `in_thread` does not accept `threaded`.
        if let (Some(t), false) = (self.threaded, matches!(feed, Feed::Thread(_))) {
            let value = match t {
                Threaded::True => "true",
                Threaded::Extended => "extended",
            };
            out.push(("threaded", value.to_owned()));
        }
        if let Some(limit) = self.limit {
            out.push(("limit", limit.to_string()));
        }
        out
    }
}

/// A message to post: exactly one of group, reply or direct recipients (none = All Company).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewMessage {
    pub body: String,
    pub group_id: Option<u64>,
    pub replied_to_id: Option<u64>,
    pub direct_to_user_ids: Vec<u64>,
    /// Topic names; Yammer ignores more than 20.
    pub topics: Vec<String>,
}

impl NewMessage {
    pub(crate) fn form(&self) -> Vec<(String, String)> {
        let mut out = vec![("body".to_owned(), self.body.clone())];
        if let Some(id) = self.replied_to_id {
            out.push(("replied_to_id".to_owned(), id.to_string()));
        }
        if let Some(id) = self.group_id {
            out.push(("group_id".to_owned(), id.to_string()));
        }
        for id in &self.direct_to_user_ids {
            out.push(("direct_to_user_ids[]".to_owned(), id.to_string()));
        }
        for (i, topic) in self.topics.iter().take(20).enumerate() {
            out.push((format!("topic{}", i + 1), topic.clone()));
        }
        out
    }
}

/// `GET groups.json` options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupQuery {
    pub page: Option<u32>,
    pub mine: bool,
    pub letter: Option<char>,
    pub sort_by: Option<String>,
}

/// `GET users.json` options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserQuery {
    pub page: Option<u32>,
    pub letter: Option<char>,
    pub sort_by: Option<String>,
}
