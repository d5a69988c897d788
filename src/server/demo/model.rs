//! The demo network as plain data, before it is written to the database: people, communities,
//! memberships, posts (with their thread structure), likes and follows. Indices into the vectors
//! stand for references; database ids are given out by the writer.

use std::collections::BTreeSet;

/// Unix seconds.
pub type Time = i64;

/// One person (employee or customer guest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub username: String,
    pub first_name: String,
    pub full_name: String,
    pub email: String,
    pub job_title: String,
    pub department: String,
    pub location: String,
    pub expertise: Vec<&'static str>,
    pub interests: Vec<&'static str>,
    pub summary: String,
    pub activated_at: Time,
    pub show_in_directory: bool,
    pub guest: bool,
    /// The customer company of a guest.
    pub company: Option<&'static str>,
    /// A subject this person writes a lot about without declaring it.
    pub undeclared: Option<&'static str>,
}

/// What a community talks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chatter {
    /// Only the subjects listed.
    Subjects,
    /// Subjects plus new-joiner posts.
    NewJoiners,
    /// Office life.
    Office,
    /// The running club.
    Running,
}

/// One community (Yammer group).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Community {
    pub slug: String,
    pub full_name: String,
    pub description: String,
    pub subjects: Vec<&'static str>,
    pub chatter: Chatter,
    /// Customers (guests) take part.
    pub external: bool,
    /// Relative share of the conversations.
    pub weight: u32,
    pub created_at: Time,
    /// Only members see its messages.
    pub private: bool,
}

/// One message. A post without a parent starts a thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    pub sender: usize,
    /// Community index; `None` for All Company and private messages.
    pub community: Option<usize>,
    pub parent: Option<usize>,
    /// Index of the thread's first post (itself for a starter).
    pub root: usize,
    pub depth: u8,
    pub at: Time,
    pub plain: String,
    /// Everyone in a private conversation (on every post of it), sender included.
    pub private_to: Vec<usize>,
    /// What kind of message it is (only thread starters are anything but updates).
    pub kind: PostKind,
    /// An announcement's headline; empty otherwise.
    pub title: String,
}

/// The kinds of message the demo shows, as the API names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PostKind {
    #[default]
    Update,
    Question,
    Announcement,
    Poll,
    Praise,
}

impl PostKind {
    /// The API's `message_type`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Question => "question",
            Self::Announcement => "announcement",
            Self::Poll => "poll",
            Self::Praise => "praise",
        }
    }
}

/// The whole generated network.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    pub now: Time,
    pub people: Vec<Person>,
    pub communities: Vec<Community>,
    /// `(community, person)`.
    pub members: BTreeSet<(usize, usize)>,
    /// In time order (ties keep generation order).
    pub posts: Vec<Post>,
    /// `(post, person, at)`.
    pub likes: Vec<(usize, usize, Time)>,
    /// `(follower, followed)`.
    pub follows: BTreeSet<(usize, usize)>,
    /// `(community, person)`: community admins.
    pub admins: BTreeSet<(usize, usize)>,
    /// `(community, person)`: requests to join a private community.
    pub requests: BTreeSet<(usize, usize)>,
}
