//! Community health and questions for experts, computed from plain data: domain messages and
//! member lists in, plain report structs out. `health` says how each community is doing (who
//! takes part, what waits for an answer, what went quiet); `questions` finds open questions
//! and matches them with the people who could answer, through the expertise index.
//!
//! Nothing here reads the clock (`now` is an argument) or knows about the store or the UI, and
//! only [`read`] does I/O: the paged reads through the API client that the figures need, for
//! the CLI (`script`, which prints) and the health view's background read alike.

pub mod catchup;
pub mod health;
pub mod questions;
pub mod read;

/// Seconds in a day.
pub const DAY: i64 = 86_400;
