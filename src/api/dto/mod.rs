//! Serde types for the Yammer REST API v1, shared by the client and `kring serve` so the two cannot
//! drift. Decoding is tolerant the way real servers require: timestamps in
//! Yammer's format or RFC 3339, booleans as `true` or `"true"`, ids as numbers or numeric strings
//! (u64, never through f64), `expertise`/`interests` as a string or an array, missing or null fields
//! defaulted, unknown fields and unknown reference types ignored. Encoding emits the canonical shapes.

pub mod de;
mod envelope;
mod group;
mod message;
mod misc;
mod thread;
mod time;
mod user;

pub use envelope::{MessagesEnvelope, Meta, Reference};
pub use group::{Group, GroupStats};
pub use message::{Attachment, Body, LikedBy, LikedByName, Message};
pub use misc::{
    ErrorBody, ErrorResponse, ListOrWrapped, Network, OAuthError, SearchCounts, SearchResults,
};
pub use thread::{IdRef, Thread, ThreadStats, Topic};
pub use time::{YAMMER_FORMAT, YammerTime};
pub use user::{User, UserList, UserStats};
