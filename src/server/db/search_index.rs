//! The full-text indexes behind `search.json`: FTS5 tables over message bodies and titles, people
//! (name, title, department, expertise, interests, summary), communities and topics. Each is an
//! external-content table over its source table, kept in step by triggers on insert, delete and
//! change of the indexed columns, and filled once from existing rows when created.
//! Owns this DDL only; the searches are in `search`. The DDL is part of schema step 3 and is
//! never edited: a change to the indexes is a new step.

use rusqlite::Connection;

/// One index: its table, the source table and the columns it covers.
struct Index {
    name: &'static str,
    source: &'static str,
    columns: &'static [&'static str],
}

const INDEXES: [Index; 4] = [
    Index {
        name: "messages_fts",
        source: "messages",
        columns: &["body_plain", "title"],
    },
    Index {
        name: "users_fts",
        source: "users",
        columns: &[
            "username",
            "full_name",
            "job_title",
            "department",
            "expertise",
            "interests",
            "summary",
        ],
    },
    Index {
        name: "groups_fts",
        source: "groups",
        columns: &["slug", "full_name", "description"],
    },
    Index {
        name: "topics_fts",
        source: "topics",
        columns: &["name"],
    },
];

/// The DDL of one index: the table, its three triggers, and the fill from existing rows.
fn ddl(index: &Index) -> String {
    let Index {
        name,
        source,
        columns,
    } = index;
    let list = columns.join(", ");
    let new_values: Vec<String> = columns.iter().map(|c| format!("new.{c}")).collect();
    let old_values: Vec<String> = columns.iter().map(|c| format!("old.{c}")).collect();
    let (new_values, old_values) = (new_values.join(", "), old_values.join(", "));
    format!(
        "CREATE VIRTUAL TABLE {name} USING fts5({list}, content='{source}', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2');
         CREATE TRIGGER {name}_insert AFTER INSERT ON {source} BEGIN
            INSERT INTO {name} (rowid, {list}) VALUES (new.id, {new_values});
         END;
         CREATE TRIGGER {name}_delete AFTER DELETE ON {source} BEGIN
            INSERT INTO {name} ({name}, rowid, {list}) VALUES ('delete', old.id, {old_values});
         END;
         CREATE TRIGGER {name}_update AFTER UPDATE OF {list} ON {source} BEGIN
            INSERT INTO {name} ({name}, rowid, {list}) VALUES ('delete', old.id, {old_values});
            INSERT INTO {name} (rowid, {list}) VALUES (new.id, {new_values});
         END;
         INSERT INTO {name} ({name}) VALUES ('rebuild');"
    )
}

/// Creates the four indexes and fills them from the rows already stored.
pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    for index in &INDEXES {
        conn.execute_batch(&ddl(index))?;
    }
    Ok(())
}

/// Drops the indexes and their triggers: a database as it was before step 3, for tests.
#[cfg(test)]
pub fn drop_for_tests(conn: &Connection) {
    for Index { name, .. } in &INDEXES {
        for trigger in ["insert", "delete", "update"] {
            conn.execute_batch(&format!("DROP TRIGGER {name}_{trigger}"))
                .unwrap_or_else(|e| panic!("{name}_{trigger}: {e}"));
        }
        conn.execute_batch(&format!("DROP TABLE {name}"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::{schema, schema_version};

    fn fts_ids(conn: &Connection, table: &str, query: &str) -> Vec<i64> {
        conn.prepare(&format!(
            "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid"
        ))
        .unwrap()
        .query_map([query], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn the_indexes_follow_inserts_edits_and_deletes() {
        let conn = Connection::open_in_memory().unwrap();
        schema::create_tables(&conn).unwrap();
        conn.execute_batch(
            "INSERT INTO messages (id, thread_id, sender_id, created_at, body_plain, body_parsed)
             VALUES (1, 1, 1, 0, 'Seeded before the index', '');",
        )
        .unwrap();
        schema::finish(&conn).unwrap();
        assert_eq!(fts_ids(&conn, "messages_fts", "seeded"), [1], "filled");
        conn.execute_batch(
            "INSERT INTO messages (id, thread_id, sender_id, created_at, body_plain, body_parsed)
             VALUES (2, 2, 1, 0, 'Café opening', '');
             INSERT INTO users (id, username, full_name, email, activated_at, expertise)
             VALUES (5, 'dana', 'Dana Scully', 'd@x', 0, 'forensics');
             INSERT INTO groups (id, slug, full_name, created_at) VALUES (3, 'qa', 'Quality', 0);
             INSERT INTO topics (id, name, normalized_name) VALUES (4, 'Rust', 'rust');",
        )
        .unwrap();
        assert_eq!(fts_ids(&conn, "messages_fts", "cafe"), [2], "diacritics");
        assert_eq!(fts_ids(&conn, "users_fts", "forensic*"), [5]);
        assert_eq!(fts_ids(&conn, "groups_fts", "quality"), [3]);
        assert_eq!(fts_ids(&conn, "topics_fts", "rust"), [4]);
        conn.execute_batch(
            "UPDATE users SET updates = 9 WHERE id = 5;
             UPDATE users SET expertise = 'biology' WHERE id = 5;
             DELETE FROM messages WHERE id = 2;",
        )
        .unwrap();
        assert!(fts_ids(&conn, "users_fts", "forensics").is_empty());
        assert_eq!(fts_ids(&conn, "users_fts", "biology"), [5]);
        assert!(fts_ids(&conn, "messages_fts", "cafe").is_empty());
        conn.execute_batch("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
            .unwrap();
    }

    #[test]
    fn step_4_indexes_a_version_3_database_and_adds_relationships() {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::create_tables(&conn).unwrap();
        schema::finish(&conn).unwrap();
        drop_for_tests(&conn);
        conn.execute_batch(
            "DROP TABLE relationships; PRAGMA user_version = 3;
             ALTER TABLE groups DROP COLUMN guidelines; ALTER TABLE network DROP COLUMN guidelines;
             INSERT INTO messages (id, thread_id, sender_id, created_at, body_plain, body_parsed)
             VALUES (7, 7, 1, 0, 'Written at version three', '');",
        )
        .unwrap();
        super::super::upgrade::upgrade(&mut conn).unwrap();
        assert_eq!(
            schema_version::version(&conn).unwrap(),
            schema_version::SCHEMA_VERSION
        );
        assert_eq!(fts_ids(&conn, "messages_fts", "three"), [7]);
        conn.execute("INSERT INTO relationships VALUES (1, 'superior', 2)", [])
            .unwrap();
    }
}
