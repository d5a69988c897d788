//! The account facts the checklist keeps in the cache (the run loop hands each to the cache
//! task as an `Effect::KeepFact`). The guidelines step opens the Guidelines view, which fetches
//! what it shows.

use super::Kept;
use crate::store::{FACT_GUIDELINES_READ, FACT_START_HERE_DISMISSED};

/// The facts (key and text) that keep `kept` for the account, so they outlive the session.
pub fn facts(kept: Kept) -> [(&'static str, String); 2] {
    let flag = |on: bool| if on { "1" } else { "0" }.to_owned();
    [
        (FACT_START_HERE_DISMISSED, flag(kept.dismissed)),
        (FACT_GUIDELINES_READ, flag(kept.guidelines_read)),
    ]
}
