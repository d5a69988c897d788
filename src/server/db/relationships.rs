//! The org chart: who reports to whom (superiors and subordinates) and who works with whom
//! (colleagues). Each relationship is stored from both sides, so one user's three lists are one
//! indexed read. Knows nothing of HTTP or of who may change what.

use rusqlite::{Connection, params};

use super::rows::{from_sql_id, to_sql_id};

/// The table, created by schema step 3 (and with every new database). Never edited: a change is
/// a new step.
pub const TABLE: &str = "CREATE TABLE relationships (
    user_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    other_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, other_id)
) WITHOUT ROWID;";

/// How another user stands to a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Someone the user reports to.
    Superior,
    /// Someone who reports to the user.
    Subordinate,
    /// Someone the user works with.
    Colleague,
}

impl Kind {
    pub const ALL: [Self; 3] = [Self::Superior, Self::Subordinate, Self::Colleague];

    /// The stored name, which is also the singular of the API's parameter.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Superior => "superior",
            Self::Subordinate => "subordinate",
            Self::Colleague => "colleague",
        }
    }

    /// A kind by its singular or plural name (`superior`, `superiors`).
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim().to_ascii_lowercase();
        let name = name.strip_suffix('s').unwrap_or(&name);
        Self::ALL.into_iter().find(|k| k.key() == name)
    }

    /// The same relationship seen from the other side.
    const fn inverse(self) -> Self {
        match self {
            Self::Superior => Self::Subordinate,
            Self::Subordinate => Self::Superior,
            Self::Colleague => Self::Colleague,
        }
    }
}

/// Records that `other` is `kind` to `user` (and the inverse); true when it is new.
pub fn add(conn: &Connection, user: u64, kind: Kind, other: u64) -> rusqlite::Result<bool> {
    if user == other {
        return Ok(false);
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO relationships (user_id, kind, other_id) VALUES (?1, ?2, ?3)",
    )?;
    let added = insert.execute(params![to_sql_id(user), kind.key(), to_sql_id(other)])?;
    insert.execute(params![
        to_sql_id(other),
        kind.inverse().key(),
        to_sql_id(user)
    ])?;
    Ok(added > 0)
}

/// Forgets that `other` is `kind` to `user` (and the inverse); true when it was there.
pub fn remove(conn: &Connection, user: u64, kind: Kind, other: u64) -> rusqlite::Result<bool> {
    let mut delete = conn.prepare_cached(
        "DELETE FROM relationships WHERE user_id = ?1 AND kind = ?2 AND other_id = ?3",
    )?;
    let removed = delete.execute(params![to_sql_id(user), kind.key(), to_sql_id(other)])?;
    delete.execute(params![
        to_sql_id(other),
        kind.inverse().key(),
        to_sql_id(user)
    ])?;
    Ok(removed > 0)
}

/// The ids of the users who are `kind` to `user`, in id order.
pub fn of(conn: &Connection, user: u64, kind: Kind) -> rusqlite::Result<Vec<u64>> {
    conn.prepare_cached(
        "SELECT other_id FROM relationships WHERE user_id = ?1 AND kind = ?2 ORDER BY other_id",
    )?
    .query_map(params![to_sql_id(user), kind.key()], |r| {
        r.get(0).map(from_sql_id)
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::schema;

    #[test]
    fn a_relationship_is_seen_from_both_sides_until_removed() {
        let conn = Connection::open_in_memory().unwrap();
        schema::create_tables(&conn).unwrap();
        assert!(add(&conn, 2, Kind::Superior, 1).unwrap());
        assert!(!add(&conn, 2, Kind::Superior, 1).unwrap(), "once");
        assert!(!add(&conn, 2, Kind::Colleague, 2).unwrap(), "not oneself");
        add(&conn, 2, Kind::Colleague, 3).unwrap();
        assert_eq!(of(&conn, 1, Kind::Subordinate).unwrap(), [2]);
        assert_eq!(of(&conn, 3, Kind::Colleague).unwrap(), [2]);
        assert!(remove(&conn, 1, Kind::Subordinate, 2).unwrap());
        assert!(of(&conn, 2, Kind::Superior).unwrap().is_empty());
        assert!(!remove(&conn, 1, Kind::Subordinate, 2).unwrap());
        assert_eq!(Kind::parse("Colleagues"), Some(Kind::Colleague));
        assert_eq!(Kind::parse("boss"), None);
    }
}
