//! Identifier newtypes, so a message id can never be passed where a user id is expected.
//!
//! Owns only the id types and their formatting; no lookups live here.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u64);

        impl $name {
            /// The raw number the server uses for this id.
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A message. Ids grow with time on every Yammer-compatible server.
    MessageId
);
id_type!(
    /// A thread (conversation); equal to the id of its first message.
    ThreadId
);
id_type!(
    /// A person.
    UserId
);
id_type!(
    /// A community (a Yammer group).
    GroupId
);
id_type!(
    /// A topic (hashtag).
    TopicId
);
