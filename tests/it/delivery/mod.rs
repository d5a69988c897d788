//! The outbox delivery engine against an in-process server: offline, unknown outcomes, a killed
//! `kring post`, and pruning what was sent.

mod kill;
mod offline;
mod prune;
mod unknown_outcome;
