//! `kring catchup`: what happened in the last `--since` (a day by default), per community
//! you are in, as `social::catchup` summarizes it: new threads, the busiest threads, replies
//! to you, mentions of you, and open questions you are among the best to answer (through an
//! expertise index built as `kring questions` builds it). Reads the network's feed back to
//! `since` and your own sent messages (so a reply to an older thread of yours is known as
//! one). Text fits 80 columns; `--json` prints a `CatchUpRecord`.

use std::collections::HashMap;

use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use crate::api::{Client, GroupQuery};
use crate::cli::CatchUpArgs;
use crate::domain::convert::community;
use crate::domain::{Community, Feed, Message};
use crate::expertise::ExpertiseIndex;
use crate::launch::error::LaunchError;
use crate::social::catchup::{self, CatchUp, Counted, Input, Item};

use crate::social::read as social_read;

/// Of your own messages, how many are read to know your older threads.
const OWN_MESSAGES: usize = 200;
/// Pages of `groups.json?mine=1` read at most.
const MAX_GROUP_PAGES: u32 = 50;

/// The whole catch-up, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct CatchUpRecord {
    /// RFC 3339.
    pub since: String,
    /// New messages the summary was built from.
    pub messages: usize,
    /// `from 340 messages since Mon 09:12` (local time).
    pub reach: String,
    pub communities: Vec<CommunityRecord>,
}

/// One community's news.
#[derive(Debug, Serialize)]
pub struct CommunityRecord {
    /// `null`: All Company.
    pub id: Option<u64>,
    pub name: String,
    pub new_messages: usize,
    pub new_threads: ListRecord,
    pub busiest: ListRecord,
    pub replies_to_you: ListRecord,
    pub mentions: ListRecord,
    pub questions: ListRecord,
}

/// Some items and how many there were.
#[derive(Debug, Serialize)]
pub struct ListRecord {
    pub total: usize,
    pub items: Vec<ItemRecord>,
}

/// One thread or message to open.
#[derive(Debug, Serialize)]
pub struct ItemRecord {
    pub kind: &'static str,
    pub thread_id: u64,
    pub message_id: u64,
    pub sender_id: u64,
    pub sender: String,
    /// RFC 3339.
    pub at: String,
    pub count: usize,
    pub text: String,
    pub web_url: String,
}

/// Reads, summarizes and formats.
pub async fn run(client: &Client, args: &CatchUpArgs) -> Result<String, LaunchError> {
    let now = Utc::now().timestamp();
    let since = now - args.since;
    let me = client
        .current_user()
        .await
        .map_err(super::reading("who you are"))?
        .id;
    let communities = my_communities(client).await?;
    let window = social_read::messages(client, &Feed::AllCompany, since, args.max_messages).await?;
    let own = social_read::messages(client, &Feed::Sent, 0, OWN_MESSAGES).await?;
    let mut messages: Vec<Message> = window.messages;
    messages.extend(own.messages);
    let mut index = ExpertiseIndex::new();
    let names = super::questions::read_people(client, &mut index).await?;
    super::questions::add_evidence(&mut index, &window.catalog, &messages);
    let summary = catchup::summarize(&Input {
        me,
        since,
        now,
        messages: &messages,
        communities: &communities,
        experts: Some(&index),
    });
    let record = record(&summary, &names);
    if args.json {
        return super::print::to_json(&record);
    }
    Ok(text(&record))
}

/// The communities you are in.
async fn my_communities(client: &Client) -> Result<Vec<Community>, LaunchError> {
    let mut out: Vec<Community> = Vec::new();
    for page in 1..=MAX_GROUP_PAGES {
        let groups = client
            .groups(&GroupQuery {
                page: Some(page),
                mine: true,
                ..GroupQuery::default()
            })
            .await
            .map_err(super::reading("your communities"))?;
        let before = out.len();
        for group in &groups {
            if !out.iter().any(|c| c.id.0 == group.id) {
                out.push(community(group));
            }
        }
        if groups.is_empty() || out.len() == before {
            break;
        }
    }
    Ok(out)
}

fn record(summary: &CatchUp, names: &HashMap<u64, String>) -> CatchUpRecord {
    let rfc3339 = |at: i64| {
        DateTime::<Utc>::from_timestamp(at, 0)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default()
    };
    let item = |i: &Item| ItemRecord {
        kind: i.kind.label(),
        thread_id: i.thread,
        message_id: i.message,
        sender_id: i.sender,
        sender: names
            .get(&i.sender)
            .cloned()
            .unwrap_or_else(|| format!("user {}", i.sender)),
        at: rfc3339(i.at),
        count: i.count,
        text: i.text.clone(),
        web_url: i.web_url.clone(),
    };
    let list = |c: &Counted| ListRecord {
        total: c.total,
        items: c.items.iter().map(item).collect(),
    };
    CatchUpRecord {
        since: rfc3339(summary.reach.since),
        messages: summary.reach.messages,
        reach: summary.reach.text(&Local),
        communities: summary
            .communities
            .iter()
            .map(|c| CommunityRecord {
                id: c.community,
                name: c.name.clone(),
                new_messages: c.new_messages,
                new_threads: list(&c.new_threads),
                busiest: list(&c.busiest),
                replies_to_you: list(&c.replies_to_you),
                mentions: list(&c.mentions),
                questions: list(&c.questions),
            })
            .collect(),
    }
}

/// A block per community, what concerns you first; no line wider than 80 columns.
fn text(record: &CatchUpRecord) -> String {
    let mut out = String::new();
    line(&mut out, &format!("Catch up: {}", record.reach));
    if record.communities.is_empty() {
        out.push_str("Nothing new.\n");
    }
    for c in &record.communities {
        out.push('\n');
        line(&mut out, &format!("{} · {} new", c.name, c.new_messages));
        for (title, list) in [
            ("Replies to you", &c.replies_to_you),
            ("Mentions of you", &c.mentions),
            ("Questions for you", &c.questions),
            ("Busiest", &c.busiest),
            ("New threads", &c.new_threads),
        ] {
            if list.total == 0 {
                continue;
            }
            line(&mut out, &format!("  {title} ({})", list.total));
            for i in &list.items {
                let count = if i.count > 0 {
                    format!(" +{}", i.count)
                } else {
                    String::new()
                };
                line(
                    &mut out,
                    &format!("    #{}{count} {}: {}", i.thread_id, i.sender, i.text),
                );
            }
        }
    }
    out
}

fn line(out: &mut String, text: &str) {
    super::health::push(out, text);
}
