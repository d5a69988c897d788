//! Feed queries: which messages each feed holds for the current user,
//! newest first with exclusive `older_than`/`newer_than` bounds on message ids, and the threaded
//! variant that orders threads by their latest message and pages on that id. Returns ids only.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::messages::VISIBLE_TO_ME;
use super::rows::{from_sql_id, to_sql_id};

/// A message feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    /// `messages`: every public message.
    All,
    /// `messages/general`: the All Company feed (public messages outside groups).
    General,
    /// `messages/my_feed`: the home feed, following plus All Company.
    Home,
    /// `messages/algo`: "Top": liked messages and busy threads.
    Algo,
    /// `messages/following`: people, groups, threads and topics the user follows.
    Following,
    Sent,
    Private,
    Received,
    InGroup(u64),
    InThread(u64),
    AboutTopic(u64),
    FromUser(u64),
    LikedBy(u64),
}

const FOLLOWED: &str = "m.sender_id = :me
    OR m.sender_id IN (SELECT target_id FROM subscriptions WHERE user_id = :me AND target_type = 'user')
    OR m.group_id IN (SELECT group_id FROM group_members WHERE user_id = :me)
    OR m.thread_id IN (SELECT target_id FROM subscriptions WHERE user_id = :me AND target_type = 'thread')
    OR EXISTS (SELECT 1 FROM message_topics mt JOIN subscriptions s ON s.target_type = 'topic'
               AND s.target_id = mt.topic_id AND s.user_id = :me WHERE mt.message_id = m.id)";

const IN_MY_PRIVATE: &str =
    "m.direct = 1 AND m.thread_id IN (SELECT thread_id FROM dm_participants WHERE user_id = :me)";

impl Feed {
    /// The condition on message `m`, and the target id when the feed has one.
    fn condition(self) -> (String, Option<u64>) {
        match self {
            Self::All => ("m.direct = 0".to_owned(), None),
            Self::General => ("m.direct = 0 AND m.group_id IS NULL".to_owned(), None),
            Self::Following => (format!("m.direct = 0 AND ({FOLLOWED})"), None),
            Self::Home => (
                format!("m.direct = 0 AND (m.group_id IS NULL OR {FOLLOWED})"),
                None,
            ),
            Self::Algo => (
                "m.direct = 0 AND (m.like_count >= 2
                    OR (SELECT t.updates FROM threads t WHERE t.id = m.thread_id) >= 6)"
                    .to_owned(),
                None,
            ),
            Self::Sent => ("m.sender_id = :me".to_owned(), None),
            Self::Private => (IN_MY_PRIVATE.to_owned(), None),
            Self::Received => (
                format!(
                    "m.sender_id != :me AND (
                        EXISTS (SELECT 1 FROM mentions x WHERE x.message_id = m.id AND x.user_id = :me)
                        OR ({IN_MY_PRIVATE})
                        OR EXISTS (SELECT 1 FROM messages p WHERE p.id = m.replied_to_id
                                   AND p.sender_id = :me))"
                ),
                None,
            ),
            Self::InGroup(g) => ("m.group_id = :target".to_owned(), Some(g)),
            Self::InThread(t) => ("m.thread_id = :target".to_owned(), Some(t)),
            Self::AboutTopic(t) => (
                "m.id IN (SELECT message_id FROM message_topics WHERE topic_id = :target)".to_owned(),
                Some(t),
            ),
            Self::FromUser(u) => ("m.sender_id = :target".to_owned(), Some(u)),
            Self::LikedBy(u) => (
                "m.id IN (SELECT message_id FROM likes WHERE user_id = :target)".to_owned(),
                Some(u),
            ),
        }
    }

    /// A cheap condition on thread `t` that every matching thread meets.
    fn thread_prefilter(self) -> &'static str {
        match self {
            Self::InGroup(_) => "t.group_id = :target",
            Self::InThread(_) => "t.id = :target",
            Self::Private => "t.direct = 1",
            Self::All | Self::General | Self::Home | Self::Algo | Self::Following => "t.direct = 0",
            Self::Sent
            | Self::Received
            | Self::AboutTopic(_)
            | Self::FromUser(_)
            | Self::LikedBy(_) => "1 = 1",
        }
    }
}

/// Paging bounds: exclusive message ids and a page size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub older_than: Option<u64>,
    pub newer_than: Option<u64>,
    pub limit: u64,
}

/// Ids of one page and whether an older page exists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub older_available: bool,
}

fn bind(feed: Feed, me: u64, window: &Window) -> Vec<(&'static str, Value)> {
    let mut values = vec![
        (":me", Value::Integer(to_sql_id(me))),
        (
            ":limit",
            Value::Integer(i64::try_from(window.limit + 1).unwrap_or(i64::MAX)),
        ),
    ];
    if let Some(target) = feed.condition().1 {
        values.push((":target", Value::Integer(to_sql_id(target))));
    }
    if let Some(older) = window.older_than {
        values.push((":older", Value::Integer(to_sql_id(older))));
    }
    if let Some(newer) = window.newer_than {
        values.push((":newer", Value::Integer(to_sql_id(newer))));
    }
    values
}

fn bounds(column: &str, window: &Window) -> String {
    let mut sql = String::new();
    if window.older_than.is_some() {
        sql.push_str(&format!(" AND {column} < :older"));
    }
    if window.newer_than.is_some() {
        sql.push_str(&format!(" AND {column} > :newer"));
    }
    sql
}

fn run(
    conn: &Connection,
    sql: &str,
    values: &[(&str, Value)],
) -> rusqlite::Result<Vec<(u64, u64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let named: Vec<(&str, &dyn rusqlite::ToSql)> = values
        .iter()
        .filter(|(name, _)| sql.contains(name))
        .map(|(name, value)| (*name, value as &dyn rusqlite::ToSql))
        .collect();
    let rows = stmt.query_map(named.as_slice(), |row| {
        Ok((from_sql_id(row.get(0)?), from_sql_id(row.get(1)?)))
    })?;
    rows.collect()
}

fn page_of<T>(mut items: Vec<T>, limit: u64) -> Page<T> {
    let older_available = items.len() as u64 > limit;
    items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Page {
        items,
        older_available,
    }
}

/// One page of message ids, newest first.
pub fn messages(
    conn: &Connection,
    feed: Feed,
    me: u64,
    window: &Window,
) -> rusqlite::Result<Page<u64>> {
    let (condition, _) = feed.condition();
    let sql = format!(
        "SELECT m.id, m.id FROM messages m WHERE ({condition}) AND {VISIBLE_TO_ME}{}
         ORDER BY m.id DESC LIMIT :limit",
        bounds("m.id", window)
    );
    let rows = run(conn, &sql, &bind(feed, me, window))?;
    Ok(page_of(
        rows.into_iter().map(|(id, _)| id).collect(),
        window.limit,
    ))
}

/// One page of threads as `(thread id, latest message id)`, latest activity first. The bounds
/// apply to each thread's latest message id.
pub fn threads(
    conn: &Connection,
    feed: Feed,
    me: u64,
    window: &Window,
) -> rusqlite::Result<Page<(u64, u64)>> {
    let (condition, _) = feed.condition();
    let sql = format!(
        "SELECT t.id, t.latest_id FROM threads t WHERE {}{}
           AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND ({condition})
                       AND {VISIBLE_TO_ME})
         ORDER BY t.latest_id DESC LIMIT :limit",
        feed.thread_prefilter(),
        bounds("t.latest_id", window)
    );
    let rows = run(conn, &sql, &bind(feed, me, window))?;
    Ok(page_of(rows, window.limit))
}

/// The latest `n` replies of a thread (starter excluded), oldest first.
pub fn latest_replies(conn: &Connection, thread: u64, n: u64) -> rusqlite::Result<Vec<u64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM messages WHERE thread_id = ?1 AND id != ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let mut ids: Vec<u64> = stmt
        .query_map(rusqlite::params![to_sql_id(thread), n as i64], |r| {
            r.get(0).map(from_sql_id)
        })?
        .collect::<rusqlite::Result<_>>()?;
    ids.reverse();
    Ok(ids)
}

/// What others wrote in `feed` after message `after`: `(messages, threads they are in)`.
pub fn unseen_after(
    conn: &Connection,
    feed: Feed,
    me: u64,
    after: u64,
) -> rusqlite::Result<(u64, u64)> {
    let (condition, _) = feed.condition();
    let sql = format!(
        "SELECT count(*), count(DISTINCT m.thread_id) FROM messages m
         WHERE m.id > :newer AND m.sender_id != :me AND ({condition}) AND {VISIBLE_TO_ME}"
    );
    let window = Window {
        older_than: None,
        newer_than: Some(after),
        limit: 0,
    };
    let rows = run(conn, &sql, &bind(feed, me, &window))?;
    Ok(rows.first().copied().unwrap_or((0, 0)))
}
