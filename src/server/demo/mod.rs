//! The demo network (stub while the generator is written).

use rusqlite::{Connection, params};

pub const DEMO_USERNAME: &str = "demo";

pub fn seed(conn: &Connection, _scale: u32, now: i64) -> rusqlite::Result<()> {
    seed_minimal(conn, now)
}

pub fn seed_minimal(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO network (id, name, permalink, created_at) VALUES (101, 'Halden Systems', 'halden.example', ?1)", params![now])?;
    conn.execute("INSERT INTO users (id, username, full_name, email, activated_at) VALUES (1500001, 'demo', 'Dana Demo', 'demo@halden.example', ?1)", params![now])?;
    Ok(())
}
