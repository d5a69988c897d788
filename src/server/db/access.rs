//! Who may see and write what: the one place that decides it. A message is visible to a user when
//! it is not a private conversation they are left out of and not in a private community they are
//! not a member of. Every feed, thread, search, like, topic and count query filters with
//! [`VISIBLE_TO_ME`] (SQL, with the user bound as `:me`); single objects are checked with the
//! functions below, which run the same SQL. Writes (posting, replying, liking) into a private
//! community need membership ([`may_write_in`]). Community admins approve join requests.
//!
//! Owns the rules only: no HTTP, no rendering. Callers turn a refusal into 404 (reads: nothing is
//! there for you) or 403 (writes).

use rusqlite::{Connection, params};

use super::rows::to_sql_id;

/// SQL that is true when message `m` is visible to user `:me`.
pub const VISIBLE_TO_ME: &str = "((m.direct = 0 OR EXISTS (SELECT 1 FROM dm_participants p
    WHERE p.thread_id = m.thread_id AND p.user_id = :me))
    AND (m.group_id IS NULL OR m.group_id NOT IN (SELECT hg.id FROM groups hg
        WHERE hg.privacy = 'private' AND NOT EXISTS (SELECT 1 FROM group_members hm
            WHERE hm.group_id = hg.id AND hm.user_id = :me))))";

/// SQL that is true when topic `t` may be named to user `:me`: a message they can see carries
/// it, or no message carries it at all (a topic nobody used yet leaks nothing).
pub const TOPIC_VISIBLE_TO_ME: &str = "(EXISTS (SELECT 1 FROM message_topics mt
        JOIN messages m ON m.id = mt.message_id WHERE mt.topic_id = t.id AND {VISIBLE})
    OR NOT EXISTS (SELECT 1 FROM message_topics mt WHERE mt.topic_id = t.id))";

/// [`TOPIC_VISIBLE_TO_ME`] with the message rule filled in.
pub fn topic_visible_sql() -> String {
    TOPIC_VISIBLE_TO_ME.replace("{VISIBLE}", VISIBLE_TO_ME)
}

/// Whether `user` may see message `id` (false for an unknown message).
pub fn message_visible(conn: &Connection, id: u64, user: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached(&format!(
        "SELECT 1 FROM messages m WHERE m.id = :id AND {VISIBLE_TO_ME}"
    ))?
    .exists(rusqlite::named_params! {":id": to_sql_id(id), ":me": to_sql_id(user)})
}

/// Whether `user` may see topic `id` (false for an unknown topic).
pub fn topic_visible(conn: &Connection, id: u64, user: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached(&format!(
        "SELECT 1 FROM topics t WHERE t.id = :id AND {}",
        topic_visible_sql()
    ))?
    .exists(rusqlite::named_params! {":id": to_sql_id(id), ":me": to_sql_id(user)})
}

/// Whether group `id` is private.
pub fn is_private(conn: &Connection, group: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM groups WHERE id = ?1 AND privacy = 'private'")?
        .exists(params![to_sql_id(group)])
}

/// Whether `user` is a member of `group`.
pub fn is_member(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM group_members WHERE group_id = ?1 AND user_id = ?2")?
        .exists(params![to_sql_id(group), to_sql_id(user)])
}

/// Whether `user` may read the messages of `group` and see its message counts: it is public,
/// or they are a member.
pub fn group_open_to(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    Ok(!is_private(conn, group)? || is_member(conn, group, user)?)
}

/// Whether `user` may see that `group` exists at all: every community in the directory, and a
/// private one left out of it only for its members.
pub fn group_listed_for(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    let hidden = conn
        .prepare_cached(
            "SELECT 1 FROM groups WHERE id = ?1 AND privacy = 'private' AND show_in_directory = 0",
        )?
        .exists(params![to_sql_id(group)])?;
    Ok(!hidden || is_member(conn, group, user)?)
}

/// Whether `user` may post, reply or like in `group` (`None`: outside communities).
pub fn may_write_in(conn: &Connection, group: Option<u64>, user: u64) -> rusqlite::Result<bool> {
    match group {
        None => Ok(true),
        Some(group) => group_open_to(conn, group, user),
    }
}

/// Whether `user` administers `group` (network admins do not, unless made community admins:
/// a private community's content stays with its members).
pub fn is_group_admin(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM group_admins WHERE group_id = ?1 AND user_id = ?2")?
        .exists(params![to_sql_id(group), to_sql_id(user)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::schema;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        schema::create_tables(&conn).unwrap();
        schema::finish(&conn).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, username, full_name, email, activated_at)
                 VALUES (1, 'ann', 'Ann', 'a@x', 0), (2, 'bob', 'Bob', 'b@x', 0);
             INSERT INTO groups (id, slug, full_name, privacy, created_at)
                 VALUES (10, 'open', 'Open', 'public', 0), (20, 'closed', 'Closed', 'private', 0);
             INSERT INTO group_members VALUES (20, 1);
             INSERT INTO messages (id, thread_id, sender_id, group_id, created_at, body_plain,
                 body_parsed) VALUES (100, 100, 1, 10, 0, 'a', 'a'), (200, 200, 1, 20, 0, 'b', 'b'),
                 (300, 300, 1, NULL, 0, 'c', 'c');
             INSERT INTO topics VALUES (7, 'secret', 'secret'), (8, 'unused', 'unused');
             INSERT INTO message_topics VALUES (7, 200);",
        )
        .unwrap();
        conn
    }

    #[test]
    fn a_private_community_is_seen_by_its_members_only() {
        let conn = db();
        for (message, ann, bob) in [(100, true, true), (200, true, false), (300, true, true)] {
            assert_eq!(
                message_visible(&conn, message, 1).unwrap(),
                ann,
                "{message}"
            );
            assert_eq!(
                message_visible(&conn, message, 2).unwrap(),
                bob,
                "{message}"
            );
        }
        assert!(may_write_in(&conn, Some(20), 1).unwrap());
        assert!(!may_write_in(&conn, Some(20), 2).unwrap());
        assert!(may_write_in(&conn, Some(10), 2).unwrap());
        assert!(may_write_in(&conn, None, 2).unwrap());
    }

    #[test]
    fn a_topic_used_only_in_private_is_hidden_from_others() {
        let conn = db();
        assert!(topic_visible(&conn, 7, 1).unwrap());
        assert!(!topic_visible(&conn, 7, 2).unwrap());
        assert!(
            topic_visible(&conn, 8, 2).unwrap(),
            "unused topics leak nothing"
        );
        conn.execute_batch("INSERT INTO message_topics VALUES (7, 100);")
            .unwrap();
        assert!(topic_visible(&conn, 7, 2).unwrap(), "now used in public");
    }
}
