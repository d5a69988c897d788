//! Best-effort rescue of drafts and outbox items from a damaged `outbox.sqlite` that has
//! already been moved aside. The damaged file is opened read-only and never modified.
//!
//! Method: each table is scanned by rowid ascending until the first read error, then
//! descending until the first read error, so rows on both sides of a damaged page are kept.
//! Rows are copied with `INSERT OR IGNORE`, keeping local ids. An item that was `sending`
//! becomes `unknown` (its request may have left; it must be reconciled, never re-sent
//! blindly). What cannot be read is listed in [`Salvage::problems`], never silently dropped.
//! Limits: rows inside a damaged page are lost; a file whose first page is damaged yields
//! nothing; a file from an older schema whose columns differ yields nothing for that table.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Row, Transaction, params};

use crate::store::error::StoreResult;

/// What was rescued from a damaged outbox file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Salvage {
    /// Drafts copied into the new file.
    pub drafts: usize,
    /// Outbox items copied into the new file.
    pub outbox_items: usize,
    /// Why some rows or tables could not be read.
    pub problems: Vec<String>,
}

const DRAFT_COLUMNS: &str = "account, target_key, body, updated_at";
const ITEM_COLUMNS: &str = "local_id, account, target_key, body, topics_json, created_at, \
     state, failure_reason, attempts, last_error, next_attempt_at, server_message_id, \
     first_attempt_at, last_attempt_at, reconcile_checks, finished_at";

/// Copies whatever can be read from `damaged` into `into`. Never fails: problems are reported.
pub fn salvage_into(damaged: &Path, into: &mut Connection) -> Salvage {
    let mut salvage = Salvage::default();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let source = match Connection::open_with_flags(damaged, flags) {
        Ok(source) => source,
        Err(err) => {
            salvage
                .problems
                .push(format!("cannot open damaged file: {err}"));
            return salvage;
        }
    };
    let tx = match into.transaction() {
        Ok(tx) => tx,
        Err(err) => {
            salvage
                .problems
                .push(format!("cannot write rescued rows: {err}"));
            return salvage;
        }
    };
    salvage.drafts = copy_table(
        &source,
        &tx,
        "drafts",
        DRAFT_COLUMNS,
        &mut salvage.problems,
        copy_draft,
    );
    salvage.outbox_items = copy_table(
        &source,
        &tx,
        "outbox",
        ITEM_COLUMNS,
        &mut salvage.problems,
        copy_item,
    );
    if let Err(err) = tx.commit() {
        salvage
            .problems
            .push(format!("cannot commit rescued rows: {err}"));
        salvage.drafts = 0;
        salvage.outbox_items = 0;
    }
    salvage
}

/// Scans `table` both ways and copies each readable row; returns how many rows were inserted.
fn copy_table(
    source: &Connection,
    into: &Transaction<'_>,
    table: &str,
    columns: &str,
    problems: &mut Vec<String>,
    copy: fn(&Transaction<'_>, &Row<'_>) -> StoreResult<usize>,
) -> usize {
    let mut inserted = 0;
    for order in ["ASC", "DESC"] {
        let sql = format!("SELECT {columns} FROM {table} ORDER BY rowid {order}");
        let mut stmt = match source.prepare(&sql) {
            Ok(stmt) => stmt,
            Err(err) => {
                problems.push(format!("{table}: cannot read table: {err}"));
                return inserted;
            }
        };
        let mut rows = match stmt.query([]) {
            Ok(rows) => rows,
            Err(err) => {
                problems.push(format!("{table}: cannot scan {order}: {err}"));
                continue;
            }
        };
        loop {
            match rows.next() {
                Ok(Some(row)) => match copy(into, row) {
                    Ok(count) => inserted += count,
                    Err(err) => problems.push(format!("{table}: skipped a row: {err}")),
                },
                Ok(None) => break,
                Err(err) => {
                    problems.push(format!("{table}: scan {order} stopped: {err}"));
                    break;
                }
            }
        }
    }
    inserted
}

fn copy_draft(into: &Transaction<'_>, row: &Row<'_>) -> StoreResult<usize> {
    let account: String = row.get(0)?;
    let target_key: String = row.get(1)?;
    let body: String = row.get(2)?;
    let updated_at: i64 = row.get(3)?;
    Ok(into.execute(
        "INSERT OR IGNORE INTO drafts (account, target_key, body, updated_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![account, target_key, body, updated_at],
    )?)
}

fn copy_item(into: &Transaction<'_>, row: &Row<'_>) -> StoreResult<usize> {
    let state: String = row.get(6)?;
    // A request that may have left must be reconciled, never re-sent blindly.
    let state = if state == "sending" {
        "unknown".to_owned()
    } else {
        state
    };
    Ok(into.execute(
        "INSERT OR IGNORE INTO outbox (local_id, account, target_key, body, topics_json,
             created_at, state, failure_reason, attempts, last_error, next_attempt_at,
             server_message_id, first_attempt_at, last_attempt_at, reconcile_checks, finished_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, i64>(5)?,
            state,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, i64>(8)?,
            row.get::<_, Option<String>>(9)?,
            row.get::<_, i64>(10)?,
            row.get::<_, Option<i64>>(11)?,
            row.get::<_, Option<i64>>(12)?,
            row.get::<_, Option<i64>>(13)?,
            row.get::<_, i64>(14)?,
            row.get::<_, Option<i64>>(15)?,
        ],
    )?)
}
