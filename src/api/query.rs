//! What a call asks for: which feed, which page, what to post. Plain data, turned into paths and
//! parameters by the client; no HTTP here beyond the parameter names Yammer uses.

/// A message feed (yammer-api.md §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feed {
    /// The user's feed (`messages/my_feed`).
    MyFeed,
    /// All company (`messages`).
    All,
    /// Top conversations (`messages/algo`).
    Algo,
    /// People, groups and topics the user follows.
    Following,
    /// What the user sent.
    Sent,
    /// Private messages received.
    Private,
    /// Everything the user received.
    Received,
    InGroup(u64),
    InThread(u64),
    AboutTopic(u64),
    FromUser(u64),
    LikedBy(u64),
}

impl Feed {
    /// The path under `/api/v1/`, without the `.json` suffix.
    pub fn path(&self) -> String {
        match self {
            Self::MyFeed => "messages/my_feed".to_owned(),
            Self::All => "messages".to_owned(),
            Self::Algo => "messages/algo".to_owned(),
            Self::Following => "messages/following".to_owned(),
            Self::Sent => "messages/sent".to_owned(),
            Self::Private => "messages/private".to_owned(),
            Self::Received => "messages/received".to_owned(),
            Self::InGroup(id) => format!("messages/in_group/{id}"),
            Self::InThread(id) => format!("messages/in_thread/{id}"),
            Self::AboutTopic(id) => format!("messages/about_topic/{id}"),
            Self::FromUser(id) => format!("messages/from_user/{id}"),
            Self::LikedBy(id) => format!("messages/liked_by/{id}"),
        }
    }

    /// A stable key for caches and read markers, e.g. `in_group:42`.
    pub fn key(&self) -> String {
        match self {
            Self::InGroup(id) => format!("in_group:{id}"),
            Self::InThread(id) => format!("in_thread:{id}"),
            Self::AboutTopic(id) => format!("about_topic:{id}"),
            Self::FromUser(id) => format!("from_user:{id}"),
            Self::LikedBy(id) => format!("liked_by:{id}"),
            other => other.path().trim_start_matches("messages/").to_owned(),
        }
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
        // `in_thread` does not accept `threaded` (yammer-api.md §3.1).
        if let (Some(t), false) = (self.threaded, matches!(feed, Feed::InThread(_))) {
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
