//! `kring health`: how each community is doing, from the last 12 weeks of messages (the network's
//! feed, or one community's) and each community's members, computed by `social::health` and
//! printed what needs attention first. Text fits 80 columns; `--json` prints an array of
//! `HealthRecord`s (documented on the type, stable: fields are only ever added).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::api::{self, Client};
use crate::cli::HealthArgs;
use crate::domain::{Feed, GroupId};
use crate::launch::error::LaunchError;
use crate::social::DAY;
use crate::social::health::{self, CommunityHealth, CommunityInput, WEEKS};
use crate::text::width::display_width;

use crate::social::read as social_read;

/// The widest line of the text output.
pub const COLUMNS: usize = 80;

/// Someone whose replies were liked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChampionRecord {
    pub id: u64,
    pub name: String,
    pub liked_replies: u64,
    pub likes: u64,
}

/// One community's health, as `kring health --json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HealthRecord {
    pub id: u64,
    pub name: String,
    pub members: u64,
    /// People who posted or replied in the last 30 days.
    pub active_30d: u64,
    /// Members among them, as a percentage of members (one decimal); null without members.
    pub active_percent: Option<f64>,
    /// Members with no message in the covered window.
    pub readers: u64,
    /// Ids of members who joined the network in the last 30 days and have not posted here.
    pub new_not_posted: Vec<u64>,
    /// Ids of questions without a reply after 24 hours, oldest first.
    pub unanswered_questions: Vec<u64>,
    /// Median seconds from a thread's start to its first reply; null without replies.
    pub median_first_reply_secs: Option<i64>,
    /// Messages per week, oldest week first (12; null: before the covered window).
    pub weekly: Vec<Option<u64>>,
    pub champions: Vec<ChampionRecord>,
    /// RFC 3339; null when nothing was posted in the covered window.
    pub last_message_at: Option<String>,
    /// Nothing posted in the last 14 days.
    pub quiet: bool,
    /// What needs attention, most pressing first.
    pub attention: Vec<String>,
    /// How many messages the figures come from (`messages`), since when (`since`, RFC 3339;
    /// null: since the start), said in words (`text`).
    pub coverage: CoverageRecord,
}

/// What a report was computed from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageRecord {
    pub messages: usize,
    pub since: Option<String>,
    pub text: String,
}

fn rfc3339(t: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp(t, 0).map(|d| d.to_rfc3339())
}

/// Reads, assesses and formats.
pub async fn run(client: &Client, args: &HealthArgs) -> Result<String, LaunchError> {
    let now = Utc::now().timestamp();
    let since = now - WEEKS as i64 * 7 * DAY;
    let groups = social_read::communities(client).await?;
    let chosen: Vec<&api::dto::Group> = match &args.community {
        Some(wanted) => vec![super::pick::pick(&groups, wanted)?],
        None => groups.iter().collect(),
    };
    let feed = match chosen[..] {
        [one] if args.community.is_some() => Feed::Community(GroupId(one.id)),
        _ => Feed::AllCompany,
    };
    let window = social_read::messages(client, &feed, since, args.max_messages).await?;
    let mut names: HashMap<u64, String> = HashMap::new();
    let mut inputs = Vec::new();
    for group in chosen {
        let (members, member_names) = social_read::members(client, group.id).await?;
        names.extend(member_names);
        inputs.push(CommunityInput {
            id: group.id,
            name: crate::text::SafeText::new(&group.display_name())
                .as_str()
                .to_owned(),
            members,
            covered_since: window.covered_since,
        });
    }
    for person in window.catalog.people() {
        names.insert(person.id.0, person.full_name.as_str().to_owned());
    }
    let report = health::assess(now, &inputs, &window.messages);
    let records: Vec<HealthRecord> = report.iter().map(|h| record(h, &names, now)).collect();
    if args.json {
        return super::print::to_json(&records);
    }
    Ok(text(&records))
}

fn record(h: &CommunityHealth, names: &HashMap<u64, String>, now: i64) -> HealthRecord {
    HealthRecord {
        id: h.id,
        name: h.name.clone(),
        members: h.members,
        active_30d: h.active_30d,
        active_percent: h.active_share.map(|s| (s * 10.0).round() / 10.0),
        readers: h.readers,
        new_not_posted: h.new_silent.clone(),
        unanswered_questions: h.unanswered.clone(),
        median_first_reply_secs: h.median_first_reply,
        weekly: h.weekly.clone(),
        champions: h
            .champions
            .iter()
            .map(|c| ChampionRecord {
                id: c.person_id,
                name: names
                    .get(&c.person_id)
                    .cloned()
                    .unwrap_or_else(|| format!("user {}", c.person_id)),
                liked_replies: c.liked_replies,
                likes: c.likes,
            })
            .collect(),
        last_message_at: h.last_message_at.and_then(rfc3339),
        quiet: h.quiet,
        attention: h.attention(now),
        coverage: CoverageRecord {
            messages: h.coverage.messages,
            since: h.coverage.since.and_then(rfc3339),
            text: h.coverage.describe(),
        },
    }
}

/// The text report: a block per community, no line wider than `COLUMNS`.
pub fn text(records: &[HealthRecord]) -> String {
    let mut out = String::new();
    for r in records {
        let share = r
            .active_percent
            .map(|p| format!(" ({p:.0}%)"))
            .unwrap_or_default();
        push(&mut out, &r.name);
        push(
            &mut out,
            &format!(
                "  {} members · {} active in 30 days{share} · {} only read",
                r.members, r.active_30d, r.readers
            ),
        );
        if !r.attention.is_empty() {
            push(&mut out, &format!("  ! {}", r.attention.join(" · ")));
        }
        let reply = r.median_first_reply_secs.map_or_else(
            || "no replies".to_owned(),
            |s| format!("first reply {}", duration(s)),
        );
        push(
            &mut out,
            &format!("  12 weeks {} · {reply}", sparkline(&r.weekly)),
        );
        if !r.champions.is_empty() {
            let champions: Vec<String> = r
                .champions
                .iter()
                .map(|c| format!("{} ♥{}", c.name, c.likes))
                .collect();
            push(&mut out, &format!("  champions: {}", champions.join(", ")));
        }
        push(&mut out, &format!("  {}", r.coverage.text));
        out.push('\n');
    }
    if records.is_empty() {
        out.push_str("No communities.\n");
    }
    out
}

/// Appends `line`, cut to `COLUMNS` with `…` when wider.
pub(super) fn push(out: &mut String, line: &str) {
    if display_width(line) <= COLUMNS {
        out.push_str(line);
    } else {
        let mut cut = String::new();
        for c in line.chars() {
            let mut next = cut.clone();
            next.push(c);
            if display_width(&next) > COLUMNS - 1 {
                break;
            }
            cut = next;
        }
        out.push_str(&cut);
        out.push('…');
    }
    out.push('\n');
}

/// `▁▂▃▅▇` bars scaled to the busiest week; `·` for a week before the covered window.
pub fn sparkline(weekly: &[Option<u64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = weekly.iter().flatten().copied().max().unwrap_or(0);
    weekly
        .iter()
        .map(|w| match w {
            None => '·',
            Some(0) => ' ',
            Some(n) => {
                let step = n.saturating_mul(7) / top.max(1);
                BARS[usize::try_from(step).unwrap_or(7).min(7)]
            }
        })
        .collect()
}

/// `45 min`, `3.5 h`, `2.1 days`.
fn duration(secs: i64) -> String {
    if secs < 3_600 {
        format!("{} min", (secs / 60).max(1))
    } else if secs < DAY {
        format!("{:.1} h", secs as f64 / 3_600.0)
    } else {
        format!("{:.1} days", secs as f64 / DAY as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sparkline_scales_to_the_busiest_week_and_marks_unknown_weeks() {
        let weekly = [None, Some(0), Some(1), Some(7), Some(14)];
        assert_eq!(sparkline(&weekly), "· ▁▄█");
        assert_eq!(duration(1_800), "30 min");
        assert_eq!(duration(5_400), "1.5 h");
    }

    #[test]
    fn long_lines_are_cut_to_eighty_columns() {
        let mut out = String::new();
        push(&mut out, &"x".repeat(100));
        assert_eq!(display_width(out.trim_end()), COLUMNS);
        assert!(out.trim_end().ends_with('…'));
    }
}
