//! Group (community) queries: one group, many by id, the `groups.json` listing, a user's groups,
//! joining and leaving, requests to join a private community. Stats (members, messages, last
//! message) are computed from the indexes; who may see them is decided in `access`.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::rows::{Links, from_sql_id, id_values, opt_id, placeholders, time, to_sql_id};
use crate::api::dto::{Group, GroupStats};

/// Groups per page of `groups.json` and `groups/for_user`.
pub const GROUPS_PER_PAGE: u64 = 50;

const SELECT: &str = "SELECT g.id, g.slug, g.full_name, g.description, g.privacy, g.created_at,
    g.show_in_directory, g.external,
    (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id),
    (SELECT count(*) FROM messages m WHERE m.group_id = g.id),
    (SELECT max(m.id) FROM messages m WHERE m.group_id = g.id),
    g.creator_id, g.guidelines
    FROM groups g";

fn from_row(conn: &Connection, row: &Row<'_>, links: &Links) -> rusqlite::Result<Group> {
    let id = from_sql_id(row.get(0)?);
    let members: i64 = row.get(8)?;
    let updates: i64 = row.get(9)?;
    let last_message_id = opt_id(row.get(10)?);
    let last_message_at = match last_message_id {
        Some(message) => conn
            .prepare_cached("SELECT created_at FROM messages WHERE id = ?1")?
            .query_row(params![to_sql_id(message)], |r| r.get::<_, i64>(0))
            .optional()?
            .map(time),
        None => None,
    };
    Ok(Group {
        id,
        kind: "group".to_owned(),
        name: row.get(1)?,
        full_name: row.get(2)?,
        description: row.get(3)?,
        privacy: row.get(4)?,
        url: links.api(&format!("groups/{id}")),
        web_url: links.web(&format!("groups/{id}")),
        created_at: time(row.get(5)?),
        show_in_directory: row.get(6)?,
        external: row.get(7)?,
        stats: GroupStats {
            members: u64::try_from(members).unwrap_or(0),
            updates: u64::try_from(updates).unwrap_or(0),
            last_message_id,
            last_message_at,
        },
        guidelines: row.get(12)?,
        admins: Vec::new(),
    })
}

fn query(
    conn: &Connection,
    links: &Links,
    sql: &str,
    values: Vec<rusqlite::types::Value>,
) -> rusqlite::Result<Vec<Group>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(conn, row, links)?);
    }
    Ok(out)
}

/// One group.
pub fn get(conn: &Connection, links: &Links, id: u64) -> rusqlite::Result<Option<Group>> {
    let found = query(
        conn,
        links,
        &format!("{SELECT} WHERE g.id = ?1"),
        id_values(&[id]),
    )?;
    Ok(found.into_iter().next())
}

/// The groups with these ids (unknown ids are skipped).
pub fn by_ids(conn: &Connection, links: &Links, ids: &[u64]) -> rusqlite::Result<Vec<Group>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} WHERE g.id IN ({}) ORDER BY g.id",
        placeholders(ids.len())
    );
    query(conn, links, &sql, id_values(ids))
}

/// Whether a group is external (people outside the company take part); false for an unknown
/// group.
pub fn is_external(conn: &Connection, id: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM groups WHERE id = ?1 AND external = 1")?
        .exists(params![to_sql_id(id)])
}

/// Whether a group exists.
pub fn exists(conn: &Connection, id: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM groups WHERE id = ?1")?
        .exists(params![to_sql_id(id)])
}

/// How `groups.json` is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupSort {
    Messages,
    Members,
    Privacy,
    CreatedAt,
    Creator,
    Name,
}

/// What `groups.json` lists.
#[derive(Clone, Debug)]
pub struct GroupQuery {
    pub page: u64,
    /// Only groups this user is a member of (`mine=1`).
    pub member: Option<u64>,
    /// Who asks: private communities left out of the directory are listed for members only.
    pub viewer: u64,
    pub letter: Option<char>,
    pub sort: GroupSort,
    pub reverse: bool,
}

/// One page of groups.
pub fn list(conn: &Connection, links: &Links, q: &GroupQuery) -> rusqlite::Result<Vec<Group>> {
    let (column, natural_desc) = match q.sort {
        // Counted as the viewer sees them (see `hide_counts`), so order leaks nothing either.
        GroupSort::Messages => (
            "(SELECT count(*) FROM messages m WHERE m.group_id = g.id AND (g.privacy != 'private'
               OR EXISTS (SELECT 1 FROM group_members om WHERE om.group_id = g.id
                          AND om.user_id = ?5)))",
            true,
        ),
        GroupSort::Members => ("9", true),
        GroupSort::Privacy => ("g.privacy", false),
        GroupSort::CreatedAt => ("g.created_at", true),
        GroupSort::Creator => ("g.creator_id", false),
        GroupSort::Name => ("g.slug", false),
    };
    let direction = if natural_desc != q.reverse {
        "DESC"
    } else {
        "ASC"
    };
    let sql = format!(
        "{SELECT} WHERE (g.show_in_directory = 1 OR ?1 IS NOT NULL)
           AND (?1 IS NULL OR EXISTS (SELECT 1 FROM group_members gm
                                      WHERE gm.group_id = g.id AND gm.user_id = ?1))
           AND (?2 IS NULL OR lower(substr(g.slug, 1, 1)) = ?2)
           AND (g.show_in_directory = 1 OR g.privacy != 'private'
                OR EXISTS (SELECT 1 FROM group_members vm WHERE vm.group_id = g.id AND vm.user_id = ?5))
         ORDER BY {column} {direction}, g.slug ASC LIMIT ?3 OFFSET ?4"
    );
    let offset = q.page.saturating_sub(1).saturating_mul(GROUPS_PER_PAGE);
    let values = vec![
        q.member
            .map_or(rusqlite::types::Value::Null, |u| to_sql_id(u).into()),
        q.letter.map_or(rusqlite::types::Value::Null, |c| {
            c.to_lowercase().to_string().into()
        }),
        (GROUPS_PER_PAGE as i64).into(),
        i64::try_from(offset).unwrap_or(i64::MAX).into(),
        to_sql_id(q.viewer).into(),
    ];
    query(conn, links, &sql, values)
}

/// Clears the message counts of the private communities `viewer` is not a member of, so their
/// activity does not show through the group objects.
pub fn hide_counts(conn: &Connection, found: &mut [Group], viewer: u64) -> rusqlite::Result<()> {
    for group in found {
        if !super::access::group_open_to(conn, group.id, viewer)? {
            group.stats.updates = 0;
            group.stats.last_message_id = None;
            group.stats.last_message_at = None;
        }
    }
    Ok(())
}

/// Records `user`'s request to join `group`; false when it was already pending.
pub fn request(conn: &Connection, group: u64, user: u64, at: i64) -> rusqlite::Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO group_requests (group_id, user_id, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![to_sql_id(group), to_sql_id(user), at])?;
    Ok(added > 0)
}

/// Drops `user`'s request to join `group`; false when there was none.
pub fn drop_request(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    let removed = conn
        .prepare_cached("DELETE FROM group_requests WHERE group_id = ?1 AND user_id = ?2")?
        .execute(params![to_sql_id(group), to_sql_id(user)])?;
    Ok(removed > 0)
}

/// The people waiting to join `group`, oldest request first.
pub fn pending(conn: &Connection, group: u64) -> rusqlite::Result<Vec<u64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT user_id FROM group_requests WHERE group_id = ?1 ORDER BY created_at, user_id",
    )?;
    let rows = stmt.query_map(params![to_sql_id(group)], |r| r.get(0).map(from_sql_id))?;
    rows.collect()
}

/// Adds a member (their request to join, if any, is answered); false when they already were one.
pub fn join(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    drop_request(conn, group, user)?;
    let added = conn
        .prepare_cached("INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?1, ?2)")?
        .execute(params![to_sql_id(group), to_sql_id(user)])?;
    Ok(added > 0)
}

/// Removes a member (and their admin rights); false when they were not one.
pub fn leave(conn: &Connection, group: u64, user: u64) -> rusqlite::Result<bool> {
    conn.prepare_cached("DELETE FROM group_admins WHERE group_id = ?1 AND user_id = ?2")?
        .execute(params![to_sql_id(group), to_sql_id(user)])?;
    let removed = conn
        .prepare_cached("DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2")?
        .execute(params![to_sql_id(group), to_sql_id(user)])?;
    Ok(removed > 0)
}

/// Groups whose slug or name starts with `prefix` (for autocomplete and search).
pub fn matching(
    conn: &Connection,
    links: &Links,
    pattern: &str,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<Vec<Group>> {
    let sql = format!(
        "{SELECT} WHERE g.show_in_directory = 1
           AND (g.slug LIKE ?1 ESCAPE '\\' OR g.full_name LIKE ?1 ESCAPE '\\'
                OR g.description LIKE ?1 ESCAPE '\\')
         ORDER BY g.full_name LIMIT ?2 OFFSET ?3"
    );
    let values = vec![
        pattern.to_owned().into(),
        i64::try_from(limit).unwrap_or(i64::MAX).into(),
        i64::try_from(offset).unwrap_or(i64::MAX).into(),
    ];
    query(conn, links, &sql, values)
}

/// The admins of `group`, in id order.
pub fn admins(conn: &Connection, group: u64) -> rusqlite::Result<Vec<u64>> {
    let mut stmt = conn
        .prepare_cached("SELECT user_id FROM group_admins WHERE group_id = ?1 ORDER BY user_id")?;
    let rows = stmt.query_map(params![to_sql_id(group)], |r| r.get(0).map(from_sql_id))?;
    rows.collect()
}

/// The communities `user` is a member of, in id order, each with whether they administer it.
pub fn memberships(
    conn: &Connection,
    links: &Links,
    user: u64,
) -> rusqlite::Result<Vec<(Group, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.group_id, EXISTS (SELECT 1 FROM group_admins a
                 WHERE a.group_id = m.group_id AND a.user_id = m.user_id)
         FROM group_members m WHERE m.user_id = ?1 ORDER BY m.group_id",
    )?;
    let rows = stmt.query_map(params![to_sql_id(user)], |r| {
        Ok((from_sql_id(r.get(0)?), r.get::<_, bool>(1)?))
    })?;
    let found: Vec<(u64, bool)> = rows.collect::<rusqlite::Result<_>>()?;
    let ids: Vec<u64> = found.iter().map(|(id, _)| *id).collect();
    let groups = by_ids(conn, links, &ids)?;
    Ok(groups
        .into_iter()
        .map(|g| {
            let admin = found.iter().any(|(id, admin)| *id == g.id && *admin);
            (g, admin)
        })
        .collect())
}
