//! The figures of one community, each counted exactly from the messages given (all of them in
//! that community, none private):
//! - active: distinct senders with a message in `[now − 30 days, now]`; the share is the
//!   members among them over the member list;
//! - readers: members who sent none of the messages given;
//! - new and silent: members with `joined_at` in the last 30 days who sent none of them;
//! - unanswered: thread starters that ask (`questions::is_question`), are older than 24 hours
//!   and have no reply among the messages;
//! - first reply: per starter with replies, the earliest reply's time minus the starter's;
//!   the median of those (the mean of the two middle ones for an even count, rounded down);
//! - weekly: week `i` of 12 counts messages in `[now − (12 − i)·7 days, now − (11 − i)·7 days)`,
//!   the last week also counting a message at exactly `now`;
//! - champions: senders of replies, by likes on their replies, then by liked replies, then id;
//! - quiet: the newest message is older than 14 days, or there is none.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::domain::Message;
use crate::social::DAY;
use crate::social::questions::is_question;

use super::{
    ACTIVE_DAYS, CHAMPIONS, Champion, CommunityHealth, CommunityInput, Coverage, QUIET_DAYS,
    UNANSWERED_AFTER_HOURS, WEEKS,
};

const WEEK: i64 = 7 * DAY;

fn at(message: &Message) -> i64 {
    message.created_at.timestamp()
}

/// The figures for `community` from its own `messages`.
pub fn community(now: i64, community: &CommunityInput, messages: &[&Message]) -> CommunityHealth {
    let senders: HashSet<u64> = messages.iter().map(|m| m.sender.0).collect();
    let recent_from = now - ACTIVE_DAYS * DAY;
    let active: HashSet<u64> = messages
        .iter()
        .filter(|m| at(m) >= recent_from && at(m) <= now)
        .map(|m| m.sender.0)
        .collect();
    let member_ids: HashSet<u64> = community.members.iter().map(|m| m.id).collect();
    let active_share = (!member_ids.is_empty()).then(|| {
        let active_members = member_ids.intersection(&active).count();
        100.0 * active_members as f64 / member_ids.len() as f64
    });
    let readers = member_ids.iter().filter(|m| !senders.contains(m)).count() as u64;
    let mut new_silent: Vec<u64> = community
        .members
        .iter()
        .filter(|m| m.joined_at.is_some_and(|j| j >= recent_from) && !senders.contains(&m.id))
        .map(|m| m.id)
        .collect();
    new_silent.sort_unstable();
    new_silent.dedup();
    let last_message_at = messages.iter().map(|m| at(m)).max();
    CommunityHealth {
        id: community.id,
        name: community.name.clone(),
        members: member_ids.len() as u64,
        active_30d: active.len() as u64,
        active_share,
        readers,
        new_silent,
        unanswered: unanswered(now, messages),
        median_first_reply: median(first_replies(messages)),
        weekly: weekly(now, community.covered_since, messages),
        champions: champions(messages),
        last_message_at,
        quiet: last_message_at.is_none_or(|t| now - t > QUIET_DAYS * DAY),
        coverage: Coverage {
            messages: messages.len(),
            since: community.covered_since,
        },
    }
}

/// Starters with at least one reply among `messages`: thread → earliest reply time.
fn earliest_replies(messages: &[&Message]) -> HashMap<u64, i64> {
    let mut earliest: HashMap<u64, i64> = HashMap::new();
    for m in messages.iter().filter(|m| !m.is_thread_starter()) {
        let entry = earliest.entry(m.thread.0).or_insert(at(m));
        *entry = (*entry).min(at(m));
    }
    earliest
}

fn unanswered(now: i64, messages: &[&Message]) -> Vec<u64> {
    let replied = earliest_replies(messages);
    let mut out: Vec<(i64, u64)> = messages
        .iter()
        .filter(|m| m.is_thread_starter() && !replied.contains_key(&m.id.0))
        .filter(|m| now - at(m) > UNANSWERED_AFTER_HOURS * 3_600 && is_question(m))
        .map(|m| (at(m), m.id.0))
        .collect();
    out.sort_unstable();
    out.into_iter().map(|(_, id)| id).collect()
}

fn first_replies(messages: &[&Message]) -> Vec<i64> {
    let replied = earliest_replies(messages);
    messages
        .iter()
        .filter(|m| m.is_thread_starter())
        .filter_map(|m| replied.get(&m.id.0).map(|r| (r - at(m)).max(0)))
        .collect()
}

fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]).div_euclid(2)
    })
}

fn weekly(now: i64, since: Option<i64>, messages: &[&Message]) -> Vec<Option<u64>> {
    let start = now - WEEKS as i64 * WEEK;
    let mut counts = vec![0u64; WEEKS];
    for m in messages {
        let t = at(m);
        if t < start || t > now {
            continue;
        }
        let week = usize::try_from((t - start) / WEEK)
            .unwrap_or(0)
            .min(WEEKS - 1);
        counts[week] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let week_end = start + (i as i64 + 1) * WEEK;
            match since {
                Some(s) if week_end <= s => None,
                _ => Some(n),
            }
        })
        .collect()
}

fn champions(messages: &[&Message]) -> Vec<Champion> {
    let mut by_person: BTreeMap<u64, (u64, u64)> = BTreeMap::new();
    for m in messages
        .iter()
        .filter(|m| m.replied_to.is_some() && m.likes.count > 0)
    {
        let entry = by_person.entry(m.sender.0).or_default();
        entry.0 += 1;
        entry.1 += m.likes.count;
    }
    let mut out: Vec<Champion> = by_person
        .into_iter()
        .map(|(person_id, (liked_replies, likes))| Champion {
            person_id,
            liked_replies,
            likes,
        })
        .collect();
    out.sort_by(|a, b| {
        b.likes
            .cmp(&a.likes)
            .then(b.liked_replies.cmp(&a.liked_replies))
            .then(a.person_id.cmp(&b.person_id))
    });
    out.truncate(CHAMPIONS);
    out
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5));
        assert_eq!(median(vec![9, 1, 4]), Some(4));
        assert_eq!(median(vec![10, 1, 4, 7]), Some(5));
    }
}
