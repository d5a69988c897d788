//! Community health: per community, from its member list and the messages read, who takes part
//! and what needs attention. The figures (defined exactly in `figures`):
//! - members, and people who posted or replied in the last 30 days (with the share of members
//!   among them);
//! - readers: members with no message in the covered window;
//! - new members (joined in the last 30 days) who have not posted yet;
//! - questions (see `social::questions`) still without a reply after 24 hours;
//! - the median time from a thread's start to its first reply;
//! - messages per week over the last 12 weeks (weeks wholly before the covered window are
//!   `None`: unknown, not zero);
//! - champions: the people whose replies got the most likes;
//! - quiet: nothing posted in the last 14 days.
//!
//! Honest coverage: every figure counts only the messages given, and each report says how many
//! and since when (`from 412 messages since 14 Sep 2026`); nothing is scaled up to a guess.
//!
//! Order (what needs attention first): communities with questions waiting (most first), then
//! quiet ones (longest silence first, never-posted first of all), then those with the most new
//! members who have not posted, then the lowest share of active members, then by name.
//!
//! No I/O, no clock: `now` (unix seconds) is an argument.

mod figures;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::HashSet;

use chrono::DateTime;

use crate::domain::Message;

/// The last-30-days window for activity and new members.
pub const ACTIVE_DAYS: i64 = 30;
/// A question waits this long before it counts as unanswered.
pub const UNANSWERED_AFTER_HOURS: i64 = 24;
/// A community with nothing newer than this is quiet.
pub const QUIET_DAYS: i64 = 14;
/// Weeks in the activity series.
pub const WEEKS: usize = 12;
/// Champions listed per community.
pub const CHAMPIONS: usize = 3;

/// One member of a community.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: u64,
    /// When they joined (unix seconds), when known.
    pub joined_at: Option<i64>,
}

/// What the caller knows about a community.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommunityInput {
    pub id: u64,
    pub name: String,
    pub members: Vec<Member>,
    /// The first moment the messages given cover (unix seconds); `None` when they go back to
    /// the community's beginning.
    pub covered_since: Option<i64>,
}

/// Someone whose replies were liked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Champion {
    pub person_id: u64,
    /// Their replies with at least one like.
    pub liked_replies: u64,
    /// Likes on all their replies.
    pub likes: u64,
}

/// What the figures were computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub messages: usize,
    /// `None`: since the community's beginning.
    pub since: Option<i64>,
}

impl Coverage {
    /// `from 412 messages since 14 Sep 2026` (or `since the start`).
    pub fn describe(&self) -> String {
        let noun = if self.messages == 1 {
            "message"
        } else {
            "messages"
        };
        let since = self
            .since
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .map_or_else(
                || "since the start".to_owned(),
                |d| format!("since {}", d.format("%-d %b %Y")),
            );
        format!("from {} {noun} {since}", self.messages)
    }
}

/// How one community is doing.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunityHealth {
    pub id: u64,
    pub name: String,
    pub members: u64,
    /// Distinct people who posted or replied in the last 30 days.
    pub active_30d: u64,
    /// Share of members (0–100) among them; `None` without a member list.
    pub active_share: Option<f64>,
    /// Members with no message in the covered window.
    pub readers: u64,
    /// Members who joined in the last 30 days and have not posted, by id.
    pub new_silent: Vec<u64>,
    /// Questions without a reply after 24 hours (starter ids, oldest first).
    pub unanswered: Vec<u64>,
    /// Median seconds from a thread's start to its first reply.
    pub median_first_reply: Option<i64>,
    /// Messages per week, oldest week first, the last one ending at `now`.
    pub weekly: Vec<Option<u64>>,
    pub champions: Vec<Champion>,
    pub last_message_at: Option<i64>,
    pub quiet: bool,
    pub coverage: Coverage,
}

impl CommunityHealth {
    /// Drops the people in `hidden` (hidden from the directory) from the champions.
    pub fn hide_people(&mut self, hidden: &HashSet<u64>) {
        self.champions.retain(|c| !hidden.contains(&c.person_id));
    }

    /// Short phrases for what needs attention here, most pressing first.
    pub fn attention(&self, now: i64) -> Vec<String> {
        let mut out = Vec::new();
        if !self.unanswered.is_empty() {
            let n = self.unanswered.len();
            let noun = if n == 1 { "question" } else { "questions" };
            out.push(format!("{n} {noun} unanswered after 24h"));
        }
        if self.quiet {
            out.push(match self.last_message_at {
                Some(at) => format!("quiet for {} days", (now - at) / super::DAY),
                None => "never posted in".to_owned(),
            });
        }
        if !self.new_silent.is_empty() {
            let n = self.new_silent.len();
            let noun = if n == 1 { "member" } else { "members" };
            out.push(format!("{n} new {noun} not posted yet"));
        }
        out
    }
}

/// The health of each community in `communities`, what needs attention first (the order is in
/// the module header). `messages` may hold messages of other communities; each community
/// counts its own.
pub fn assess(
    now: i64,
    communities: &[CommunityInput],
    messages: &[Message],
) -> Vec<CommunityHealth> {
    let mut out: Vec<CommunityHealth> = communities
        .iter()
        .map(|community| {
            let own: Vec<&Message> = messages
                .iter()
                .filter(|m| m.community.is_some_and(|c| c.0 == community.id) && !m.direct)
                .collect();
            figures::community(now, community, &own)
        })
        .collect();
    out.sort_by(|a, b| attention_order(now, a, b));
    out
}

/// The attention order of the module header.
fn attention_order(now: i64, a: &CommunityHealth, b: &CommunityHealth) -> Ordering {
    let silence = |h: &CommunityHealth| {
        if h.quiet {
            h.last_message_at.map_or(i64::MAX, |at| now - at)
        } else {
            -1
        }
    };
    let share = |h: &CommunityHealth| h.active_share.unwrap_or(f64::INFINITY);
    b.unanswered
        .len()
        .cmp(&a.unanswered.len())
        .then_with(|| silence(b).cmp(&silence(a)))
        .then_with(|| b.new_silent.len().cmp(&a.new_silent.len()))
        .then_with(|| share(a).total_cmp(&share(b)))
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.id.cmp(&b.id))
}
