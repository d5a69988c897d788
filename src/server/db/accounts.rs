//! The people an administrator manages from the command line (`kring serve user ...`): adding
//! one, listing everyone with their state and how many access tokens they hold, disabling one.
//! Queries only: validation and wording live in `server::admin`; nothing here knows about HTTP.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::rows::{from_sql_id, to_sql_id};

/// One person as `kring serve user list` shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: u64,
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub department: String,
    pub admin: bool,
    pub disabled: bool,
    /// Access tokens that still work (not expired).
    pub tokens: u64,
}

/// A person to add; every field already validated.
#[derive(Clone, Debug)]
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub full_name: &'a str,
    pub email: &'a str,
    pub department: &'a str,
}

const SELECT: &str = "SELECT u.id, u.username, u.full_name, u.email, u.department, u.admin,
    u.disabled,
    (SELECT count(*) FROM tokens t WHERE t.user_id = u.id
        AND (t.expires_at IS NULL OR t.expires_at > ?1))
    FROM users u";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    let tokens: i64 = row.get(7)?;
    Ok(Account {
        id: from_sql_id(row.get(0)?),
        username: row.get(1)?,
        full_name: row.get(2)?,
        email: row.get(3)?,
        department: row.get(4)?,
        admin: row.get(5)?,
        disabled: row.get(6)?,
        tokens: u64::try_from(tokens).unwrap_or(0),
    })
}

/// Everyone, by username.
pub fn list(conn: &Connection, now_millis: i64) -> rusqlite::Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY u.username"))?;
    let rows = stmt.query_map(params![now_millis], from_row)?;
    rows.collect()
}

/// One person by username (exact; usernames are stored in lower case).
pub fn by_username(
    conn: &Connection,
    username: &str,
    now_millis: i64,
) -> rusqlite::Result<Option<Account>> {
    conn.prepare(&format!("{SELECT} WHERE u.username = ?2"))?
        .query_row(params![now_millis, username], from_row)
        .optional()
}

/// Adds a person, active now; `None` when the username is taken. The new id follows the
/// highest one in use.
pub fn add(
    conn: &Connection,
    new: &NewAccount<'_>,
    now_secs: i64,
) -> rusqlite::Result<Option<u64>> {
    let taken = conn
        .prepare("SELECT 1 FROM users WHERE username = ?1")?
        .exists(params![new.username])?;
    if taken {
        return Ok(None);
    }
    conn.execute(
        "INSERT INTO users (id, username, full_name, email, department, activated_at)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM users), ?1, ?2, ?3, ?4, ?5)",
        params![
            new.username,
            new.full_name,
            new.email,
            new.department,
            now_secs
        ],
    )?;
    Ok(Some(from_sql_id(conn.last_insert_rowid())))
}

/// Marks a person disabled (their messages stay).
pub fn disable(conn: &Connection, user: u64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET disabled = 1 WHERE id = ?1",
        params![to_sql_id(user)],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::{schema, tokens};

    fn conn() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        schema::create_tables(&conn).unwrap();
        schema::finish(&conn).unwrap();
        conn
    }

    fn ada() -> NewAccount<'static> {
        NewAccount {
            username: "ada",
            full_name: "Ada Lovelace",
            email: "ada@example.test",
            department: "Engines",
        }
    }

    #[test]
    fn added_people_are_listed_with_their_tokens_and_state() {
        let conn = conn();
        let id = add(&conn, &ada(), 1_700_000_000).unwrap().unwrap();
        assert_eq!(add(&conn, &ada(), 1_700_000_000).unwrap(), None, "taken");
        let bob = NewAccount {
            username: "bob",
            ..ada()
        };
        let bob_id = add(&conn, &bob, 1_700_000_000).unwrap().unwrap();
        assert_eq!(bob_id, id + 1);
        tokens::for_user(&conn, id).unwrap();
        tokens::mint(&conn, id, Some(1), None).unwrap(); // long expired
        disable(&conn, bob_id).unwrap();
        let all = list(&conn, tokens::now_millis()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0],
            Account {
                id,
                username: "ada".into(),
                full_name: "Ada Lovelace".into(),
                email: "ada@example.test".into(),
                department: "Engines".into(),
                admin: false,
                disabled: false,
                tokens: 1,
            }
        );
        assert!(all[1].disabled);
        let found = by_username(&conn, "bob", 0).unwrap().unwrap();
        assert_eq!(found.id, bob_id);
        assert_eq!(by_username(&conn, "carol", 0).unwrap(), None);
    }
}
