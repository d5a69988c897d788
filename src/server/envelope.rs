//! Builds the messages envelope: message DTOs with their likes, topics and
//! recipients; de-duplicated `references` for every sender, mentioned user, recipient, group,
//! thread, topic and replied-to message on the page; and `meta`. Reads through `db`, never writes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;

use super::db::messages::{self, MessageRow};
use super::db::rows::{Links, NETWORK_ID, time};
use super::db::{groups, likes, subscriptions, threads, topics, users};
use super::markup;
use crate::api::dto::{Body, LikedBy, LikedByName, Message, MessagesEnvelope, Meta, Reference};

/// Seconds clients are asked to wait between polls.
pub const POLL_INTERVAL_SECS: u64 = 60;

/// Names shown in a `liked_by` preview.
const LIKER_PREVIEW: usize = 10;

/// What the page is, for `meta`.
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    pub older_available: bool,
    pub feed_name: String,
    pub feed_desc: String,
}

/// Everything about a set of messages needed to render them.
struct Extras {
    likers: HashMap<u64, Vec<likes::Liker>>,
    topics: HashMap<u64, Vec<u64>>,
    mentions: HashMap<u64, Vec<u64>>,
    participants: HashMap<u64, Vec<u64>>,
}

impl Extras {
    fn load(conn: &Connection, rows: &[MessageRow]) -> rusqlite::Result<Self> {
        let ids: Vec<u64> = rows.iter().map(|r| r.id).collect();
        let private_threads: Vec<u64> = rows
            .iter()
            .filter(|r| r.direct)
            .map(|r| r.thread_id)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut likers: HashMap<u64, Vec<likes::Liker>> = HashMap::new();
        for liker in likes::likers(conn, &ids)? {
            likers.entry(liker.message_id).or_default().push(liker);
        }
        Ok(Self {
            likers,
            topics: group_pairs(topics::for_messages(conn, &ids)?),
            mentions: group_pairs(messages::mentions_for(conn, &ids)?),
            participants: group_pairs(messages::participants_for(conn, &private_threads)?),
        })
    }
}

fn group_pairs(pairs: Vec<(u64, u64)>) -> HashMap<u64, Vec<u64>> {
    let mut out: HashMap<u64, Vec<u64>> = HashMap::new();
    for (key, value) in pairs {
        out.entry(key).or_default().push(value);
    }
    out
}

fn to_dto(row: &MessageRow, extras: &Extras, links: &Links, me: u64) -> Message {
    let mut names: Vec<LikedByName> = Vec::new();
    let all_likers = extras
        .likers
        .get(&row.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let (mine, others): (Vec<_>, Vec<_>) = all_likers.iter().partition(|l| l.user_id == me);
    for liker in mine.into_iter().chain(others).take(LIKER_PREVIEW) {
        names.push(LikedByName {
            user_id: Some(liker.user_id),
            full_name: liker.full_name.clone(),
            permalink: liker.username.clone(),
        });
    }
    let direct_to_user_ids = if row.direct {
        extras
            .participants
            .get(&row.thread_id)
            .map(|p| p.iter().copied().filter(|u| *u != row.sender_id).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Message {
        id: row.id,
        thread_id: Some(row.thread_id),
        sender_id: Some(row.sender_id),
        sender_type: "user".to_owned(),
        replied_to_id: row.replied_to_id,
        group_id: row.group_id,
        network_id: Some(NETWORK_ID),
        created_at: time(row.created_at),
        body: Body {
            plain: row.plain.clone(),
            parsed: row.parsed.clone(),
            rich: markup::rich(&row.plain),
        },
        liked_by: LikedBy {
            count: row.like_count,
            names,
        },
        direct_message: row.direct,
        system_message: false,
        privacy: if row.private { "private" } else { "public" }.to_owned(),
        message_type: row.message_type.clone(),
        title: row.title.clone(),
        notified_user_ids: extras.mentions.get(&row.id).cloned().unwrap_or_default(),
        delegate_id: row.delegate_id,
        url: links.api(&format!("messages/{}", row.id)),
        web_url: links.web(&format!("messages/{}", row.id)),
        content_excerpt: markup::excerpt(&row.plain, 140),
        topics: extras.topics.get(&row.id).cloned().unwrap_or_default(),
        direct_to_user_ids,
        attachments: Vec::new(),
    }
}

/// Renders single messages (e.g. `GET /messages/:id`) without an envelope.
pub fn render_messages(
    conn: &Connection,
    links: &Links,
    me: u64,
    rows: &[MessageRow],
) -> rusqlite::Result<Vec<Message>> {
    let extras = Extras::load(conn, rows)?;
    Ok(rows.iter().map(|r| to_dto(r, &extras, links, me)).collect())
}

/// Builds the envelope for `page` (in order) plus, for `threaded=extended`, each thread's
/// latest replies.
pub fn build(
    conn: &Connection,
    links: &Links,
    me: u64,
    page: &[u64],
    extended: &BTreeMap<u64, Vec<u64>>,
    info: PageInfo,
) -> rusqlite::Result<MessagesEnvelope> {
    let mut all_ids: Vec<u64> = page.to_vec();
    all_ids.extend(extended.values().flatten().copied());
    let rows = messages::by_ids(conn, &all_ids)?;
    let extras = Extras::load(conn, &rows)?;
    let by_id: HashMap<u64, Message> = rows
        .iter()
        .map(|r| (r.id, to_dto(r, &extras, links, me)))
        .collect();

    let references = references(conn, links, &rows, &extras)?;
    let liked_message_ids = likes::liked_among(conn, me, &all_ids)?;
    let meta = Meta {
        older_available: info.older_available,
        requested_poll_interval: Some(POLL_INTERVAL_SECS),
        current_user_id: Some(me),
        followed_user_ids: subscriptions::followed_user_ids(conn, me)?,
        liked_message_ids,
        feed_name: info.feed_name,
        feed_desc: info.feed_desc,
    };
    Ok(MessagesEnvelope {
        messages: page
            .iter()
            .filter_map(|id| by_id.get(id).cloned())
            .collect(),
        references,
        meta,
        threaded_extended: extended
            .iter()
            .map(|(thread, replies)| {
                let messages = replies
                    .iter()
                    .filter_map(|id| by_id.get(id).cloned())
                    .collect();
                (thread.to_string(), messages)
            })
            .collect(),
    })
}

fn references(
    conn: &Connection,
    links: &Links,
    rows: &[MessageRow],
    extras: &Extras,
) -> rusqlite::Result<Vec<Reference>> {
    let replied_to: Vec<u64> = rows
        .iter()
        .filter_map(|r| r.replied_to_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let parents = messages::by_ids(conn, &replied_to)?;

    let mut user_ids: BTreeSet<u64> = rows.iter().chain(&parents).map(|r| r.sender_id).collect();
    user_ids.extend(extras.mentions.values().flatten());
    user_ids.extend(extras.participants.values().flatten());
    let group_ids: BTreeSet<u64> = rows.iter().filter_map(|r| r.group_id).collect();
    let thread_ids: BTreeSet<u64> = rows.iter().map(|r| r.thread_id).collect();
    let topic_ids: BTreeSet<u64> = extras.topics.values().flatten().copied().collect();

    let as_vec = |s: &BTreeSet<u64>| s.iter().copied().collect::<Vec<_>>();
    let mut out: Vec<Reference> = Vec::new();
    out.extend(
        users::by_ids(conn, links, &as_vec(&user_ids))?
            .into_iter()
            .map(Reference::User),
    );
    out.extend(
        groups::by_ids(conn, links, &as_vec(&group_ids))?
            .into_iter()
            .map(Reference::Group),
    );
    out.extend(
        threads::by_ids(conn, links, &as_vec(&thread_ids))?
            .into_iter()
            .map(Reference::Thread),
    );
    out.extend(
        topics::by_ids(conn, links, &as_vec(&topic_ids))?
            .into_iter()
            .map(Reference::Topic),
    );
    for parent in &parents {
        let mut reduced = Message {
            id: parent.id,
            thread_id: Some(parent.thread_id),
            sender_id: Some(parent.sender_id),
            sender_type: "user".to_owned(),
            replied_to_id: parent.replied_to_id,
            group_id: parent.group_id,
            network_id: Some(NETWORK_ID),
            created_at: time(parent.created_at),
            direct_message: parent.direct,
            privacy: if parent.private { "private" } else { "public" }.to_owned(),
            message_type: parent.message_type.clone(),
            title: parent.title.clone(),
            url: links.api(&format!("messages/{}", parent.id)),
            web_url: links.web(&format!("messages/{}", parent.id)),
            ..Message::default()
        };
        reduced.body.plain = parent.plain.clone();
        out.push(Reference::Message(reduced));
    }
    Ok(out)
}
