//! The client's model: messages, threads, people, communities and their ids.
//!
//! Everything here is plain data plus pure functions over it: no I/O, no clock, no terminal.
//! Every string from a server is held as [`SafeText`], converted once in [`convert`].

pub mod addressed;
pub mod catalog;
pub mod community;
pub mod conversation;
pub mod convert;
pub mod draft;
pub mod feed;
pub mod ids;
pub mod message;
pub mod page;
pub mod person;
pub mod time;

#[cfg(test)]
pub(crate) mod test_support;

pub use crate::text::SafeText;
pub use catalog::Catalog;
pub use community::{Community, ThreadSummary};
pub use conversation::{Conversation, TreeRow};
pub use draft::{DraftFor, OutgoingPost};
pub use feed::Feed;
pub use ids::{GroupId, MessageId, ThreadId, TopicId, UserId};
pub use message::{Likes, Message, MessageKind};
pub use page::{Page, PageMeta};
pub use person::Person;
pub use time::Timestamp;
