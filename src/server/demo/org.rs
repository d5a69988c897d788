//! The demo network's org chart, derived from the people already written (no randomness): in
//! each department the first employee by id heads it, every ninth of the rest leads a team and
//! reports to the head, and the others report to their team's lead. The demo user reports to the
//! head of their department and has the first three of it as colleagues. Guests have no place.

use rusqlite::{Connection, params};

use super::DEMO_USERNAME;

/// People in a team below its lead.
const TEAM: i64 = 8;

/// Each employee (not the demo user) with their department and place `k` in it (0 = the head).
const STAFF: &str = "WITH staff AS (
    SELECT id, department,
           row_number() OVER (PARTITION BY department ORDER BY id) - 1 AS k
    FROM users WHERE guest = 0 AND department != '' AND username != ?1)";

/// Writes the reporting lines (both sides) and the demo user's place.
pub fn write(conn: &Connection) -> rusqlite::Result<()> {
    let team = TEAM + 1;
    conn.execute(
        &format!(
            "{STAFF}, lines AS (
                SELECT s.id AS user_id, m.id AS manager_id FROM staff s JOIN staff m
                  ON m.department = s.department
                 AND m.k = CASE WHEN (s.k - 1) % {team} = 0 THEN 0
                                ELSE 1 + ((s.k - 1) / {team}) * {team} END
                WHERE s.k > 0)
            INSERT OR IGNORE INTO relationships (user_id, kind, other_id)
            SELECT user_id, 'superior', manager_id FROM lines
            UNION ALL SELECT manager_id, 'subordinate', user_id FROM lines"
        ),
        params![DEMO_USERNAME],
    )?;
    conn.execute(
        &format!(
            "{STAFF}, demo AS (SELECT id, department FROM users WHERE username = ?1),
            pairs AS (
                SELECT d.id AS user_id, CASE WHEN s.k = 0 THEN 'superior' ELSE 'colleague' END
                       AS kind, s.id AS other_id
                FROM demo d JOIN staff s ON s.department = d.department AND s.k <= 3)
            INSERT OR IGNORE INTO relationships (user_id, kind, other_id)
            SELECT user_id, kind, other_id FROM pairs
            UNION ALL SELECT other_id, CASE kind WHEN 'superior' THEN 'subordinate'
                                                 ELSE 'colleague' END, user_id FROM pairs"
        ),
        params![DEMO_USERNAME],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::relationships::{Kind, of};
    use crate::server::db::schema;

    #[test]
    fn every_employee_but_the_heads_reports_to_one_manager_and_demo_has_a_place() {
        let conn = Connection::open_in_memory().unwrap();
        schema::create_tables(&conn).unwrap();
        super::super::seed(&conn, 1, 1_700_000_000).unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let departments = count(
            "SELECT count(DISTINCT department) FROM users
             WHERE guest = 0 AND department != '' AND username != 'demo'",
        );
        let employees = count(
            "SELECT count(*) FROM users WHERE guest = 0 AND department != '' AND username != 'demo'",
        );
        let managed = count(
            "SELECT count(DISTINCT user_id) FROM relationships r JOIN users u ON u.id = r.user_id
             WHERE kind = 'superior' AND u.username != 'demo'",
        );
        assert_eq!(managed, employees - departments, "all but the heads");
        let with_two = count(
            "SELECT count(*) FROM (SELECT user_id FROM relationships WHERE kind = 'superior'
             GROUP BY user_id HAVING count(*) > 1)",
        );
        assert_eq!(with_two, 0);
        assert_eq!(
            count("SELECT count(*) FROM relationships WHERE kind = 'superior'"),
            count("SELECT count(*) FROM relationships WHERE kind = 'subordinate'"),
        );
        assert!(
            count(
                "SELECT count(*) FROM users u JOIN relationships r ON r.user_id = u.id
                       JOIN users g ON g.id = r.other_id WHERE g.guest = 1"
            ) == 0
        );
        let demo: i64 = count("SELECT id FROM users WHERE username = 'demo'");
        let demo = u64::try_from(demo).unwrap();
        assert_eq!(of(&conn, demo, Kind::Superior).unwrap().len(), 1);
        assert_eq!(of(&conn, demo, Kind::Colleague).unwrap().len(), 3);
    }
}
