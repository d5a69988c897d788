//! Drafts: one per account and target, in the precious `outbox.sqlite`.
//! A save is durable when the call returns (`synchronous=FULL`, one autocommit statement).
//! This module must never drop a draft it cannot parse: such rows are skipped in listings and
//! logged, but left on disk.

use rusqlite::{OptionalExtension, params};

use super::OutboxStore;
use super::target::DraftTarget;
use crate::store::error::StoreResult;

/// A saved draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub target: DraftTarget,
    pub body: String,
    /// Unix seconds of the last save.
    pub updated_at: i64,
}

impl OutboxStore {
    /// Saves (or replaces) the draft for `target`; durable when this returns.
    pub fn save_draft(
        &mut self,
        account: &str,
        target: DraftTarget,
        body: &str,
        updated_at: i64,
    ) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO drafts (account, target_key, body, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (account, target_key)
             DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![account, target.key(), body, updated_at],
        )?;
        Ok(())
    }

    /// The draft for `target`, if any.
    pub fn load_draft(&self, account: &str, target: DraftTarget) -> StoreResult<Option<Draft>> {
        let found = self
            .conn
            .query_row(
                "SELECT body, updated_at FROM drafts WHERE account = ?1 AND target_key = ?2",
                params![account, target.key()],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
            )
            .optional()?;
        Ok(found.map(|(body, updated_at)| Draft {
            target,
            body,
            updated_at,
        }))
    }

    /// Deletes the draft for `target`; returns whether there was one.
    pub fn delete_draft(&mut self, account: &str, target: DraftTarget) -> StoreResult<bool> {
        let deleted = self.conn.execute(
            "DELETE FROM drafts WHERE account = ?1 AND target_key = ?2",
            params![account, target.key()],
        )?;
        Ok(deleted > 0)
    }

    /// All drafts of `account`, most recently saved first.
    pub fn list_drafts(&self, account: &str) -> StoreResult<Vec<Draft>> {
        let mut stmt = self.conn.prepare(
            "SELECT target_key, body, updated_at FROM drafts WHERE account = ?1
             ORDER BY updated_at DESC, id DESC",
        )?;
        let rows = stmt.query_map(params![account], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        let mut drafts = Vec::new();
        for row in rows {
            let (key, body, updated_at) = row?;
            match DraftTarget::from_key(&key) {
                Some(target) => drafts.push(Draft {
                    target,
                    body,
                    updated_at,
                }),
                None => tracing::warn!(%key, "skipping draft with an unreadable target key"),
            }
        }
        Ok(drafts)
    }
}
