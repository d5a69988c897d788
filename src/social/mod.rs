//! Community health and questions for experts, computed from plain data: domain messages and
//! member lists in, plain report structs out. `health` says how each community is doing (who
//! takes part, what waits for an answer, what went quiet); `questions` finds open questions
//! and matches them with the people who could answer, through the expertise index.
//!
//! Nothing here does I/O, reads the clock (`now` is an argument) or knows about the API, the
//! store or the UI: the CLI (`script`) fetches and prints, a pane can call the same functions.

pub mod catchup;
pub mod health;
pub mod questions;

/// Seconds in a day.
pub const DAY: i64 = 86_400;
