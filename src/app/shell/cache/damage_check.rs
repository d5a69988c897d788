//! The cache task's deferred damage check: started once the first frame is on screen; where it
//! runs (its own thread and connection, or the task's connection) is the store's choice
//! (`CacheStore::check_off_thread`). While it runs, the task keeps answering reads and holds
//! back its writes (up to [`HELD_LIMIT`]), so that a rebuild after damage was found receives
//! them instead of the damaged file. It decides nothing about the drafts and outbox file, which it never sees.

use std::sync::mpsc::Sender;

use super::Job;
use crate::store::{CacheHealth, CacheStore, CheckRun, StoreResult};

/// Writes held back while the check runs; past this many they go to the file as it is, in
/// order, and the rest of the check's time is not waited for (a slow disk must not make
/// memory grow without bound). A cache is rebuildable: what lands in a damaged file is lost
/// with it, and fetched again.
const HELD_LIMIT: usize = 256;

/// Where the check stands.
#[derive(Default)]
pub(super) enum CheckPhase {
    /// Not asked for yet: writes go straight to the file.
    #[default]
    NotStarted,
    /// Running on its own thread; writes wait here, in order (`None` once past the limit).
    Running { held: Option<Vec<Job>> },
    /// Done (or could not run): writes go straight to the file.
    Finished,
}

/// What a check that ran on its own thread reports back to the task.
pub(super) struct CheckReport {
    /// How many rebuilds the task had made when the check started: a report about a file
    /// that has since been replaced is about the old file.
    pub(super) rebuilds: u64,
    pub(super) health: StoreResult<CacheHealth>,
}

/// What the task does next about the check.
pub(super) enum CheckStep {
    /// Nothing now (the check runs on its own thread and will report back).
    Wait,
    /// The check is over: rebuild if `damage` says so, then carry out `released` in order.
    Done {
        damage: Option<String>,
        released: Vec<Job>,
    },
}

impl CheckPhase {
    /// Starts the check for the cache of `store`; `rebuilds` is how many rebuilds the task
    /// has made so far, `jobs` where the report goes.
    pub(super) fn start(
        &mut self,
        store: &CacheStore,
        rebuilds: u64,
        jobs: &Sender<Job>,
    ) -> CheckStep {
        if !matches!(self, CheckPhase::NotStarted) {
            return CheckStep::Wait;
        }
        let jobs = jobs.clone();
        let run = store.check_off_thread(move |health| {
            // The task is gone only when kring is leaving; the report no longer matters.
            let _ = jobs.send(Job::Checked(CheckReport { rebuilds, health }));
        });
        match run {
            CheckRun::Started => {
                *self = CheckPhase::Running {
                    held: Some(Vec::new()),
                };
                CheckStep::Wait
            }
            CheckRun::Finished(health) => {
                *self = CheckPhase::Finished;
                CheckStep::Done {
                    damage: damage_in(health),
                    released: Vec::new(),
                }
            }
        }
    }

    /// Holds back a write while the check runs; gives it back when it is to be carried out
    /// now (with any held writes before it, in order).
    pub(super) fn hold(&mut self, job: Job) -> Vec<Job> {
        match self {
            CheckPhase::Running { held: Some(held) } if held.len() < HELD_LIMIT => {
                held.push(job);
                Vec::new()
            }
            CheckPhase::Running { held } => {
                let mut released = held.take().unwrap_or_default();
                released.push(job);
                released
            }
            CheckPhase::NotStarted | CheckPhase::Finished => vec![job],
        }
    }

    /// The check reported back; `rebuilds` is how many rebuilds the task has made by now.
    pub(super) fn finish(&mut self, report: CheckReport, rebuilds: u64) -> CheckStep {
        let released = self.release();
        let damage = damage_in(report.health).filter(|_| report.rebuilds == rebuilds);
        CheckStep::Done { damage, released }
    }

    /// Ends waiting for the check (kring is leaving): the held writes, in order.
    pub(super) fn release(&mut self) -> Vec<Job> {
        match std::mem::replace(self, CheckPhase::Finished) {
            CheckPhase::Running { held } => held.unwrap_or_default(),
            CheckPhase::NotStarted | CheckPhase::Finished => Vec::new(),
        }
    }
}

/// The damage a check found, if any; a check that could not run finds none.
fn damage_in(health: StoreResult<CacheHealth>) -> Option<String> {
    match health {
        Ok(CacheHealth::Sound) => {
            tracing::info!("cache check: sound");
            None
        }
        Ok(CacheHealth::Damaged(reason)) => Some(reason),
        Err(error) => {
            tracing::warn!(%error, "cache check could not run");
            None
        }
    }
}
