//! The request budget: a sliding window per call family that keeps kring inside Yammer's limits
//! (messages 10 per 30 s, other calls 10 per 30 s to be safe) by itself, before the server has to
//! say 429. Callers wait for a slot; nothing is dropped. When the server does say 429, every family
//! pauses until its `Retry-After` has passed (Yammer then refuses every endpoint); the client
//! checks that pause before and after waiting here, whatever the call's priority.
//!
//! Each call has a [`Priority`]. Interactive calls (the default: something the user is waiting
//! for) may use every slot of a window. Background calls (the people directory's paging, outbox
//! reconciliation: work nobody waits on) may use only part of it, leaving
//! [`BudgetConfig::reserved_for_interactive`] slots free, and never take a slot while an
//! interactive call of the same family waits for one. So a 20-minute directory load never makes
//! a card or a profile wait longer than the server's own limit would; background calls still
//! progress whenever nothing interactive waits. This module must never drop a call or give up
//! on one: it only decides when each may start.

use std::collections::VecDeque;
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// Which of Yammer's independent rate-limit buckets a call counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Messages,
    Autocomplete,
    Other,
}

impl Family {
    const fn index(self) -> usize {
        match self {
            Family::Messages => 0,
            Family::Autocomplete => 1,
            Family::Other => 2,
        }
    }
}

/// Whether someone is waiting for a call's answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Priority {
    /// The user asked for it and waits (a card, a feed, a post).
    #[default]
    Interactive,
    /// Runs without anyone waiting (directory paging, reconciliation): uses at most part of
    /// each window and yields to waiting interactive calls.
    Background,
}

/// How many calls a family may make per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetConfig {
    pub calls: usize,
    pub window: Duration,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            calls: 10,
            window: Duration::from_secs(30),
        }
    }
}

impl BudgetConfig {
    /// Slots of each window background calls leave free: three in ten (at least one when the
    /// window has two or more; none when it has one, so background calls still progress).
    pub const fn reserved_for_interactive(&self) -> usize {
        let share = self.calls / 10 * 3 + self.calls % 10 * 3 / 10;
        if self.calls < 2 {
            0
        } else if share == 0 {
            1
        } else {
            share
        }
    }

    /// Calls a family may make per window at this priority.
    pub const fn calls_for(&self, priority: Priority) -> usize {
        match priority {
            Priority::Interactive => self.calls,
            Priority::Background => self.calls - self.reserved_for_interactive(),
        }
    }
}

/// One family's window: when its recent calls started, and who waits.
#[derive(Debug, Default)]
struct FamilyWindow {
    slots: Mutex<Slots>,
    /// Signalled when no interactive call waits any more, so background callers look again.
    interactive_done: Notify,
}

#[derive(Debug, Default)]
struct Slots {
    /// Start times of the calls inside the current window, oldest first.
    started: VecDeque<Instant>,
    /// Interactive calls waiting for a slot of this family.
    interactive_waiting: usize,
}

impl FamilyWindow {
    fn lock(&self) -> std::sync::MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Slots {
    /// Takes a slot when fewer than `limit` calls started within `window` (and, for a
    /// background call, no interactive call waits); otherwise how long until looking again
    /// is worthwhile.
    fn try_take(
        &mut self,
        now: Instant,
        window: Duration,
        limit: usize,
        priority: Priority,
    ) -> Result<(), Duration> {
        while self
            .started
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            self.started.pop_front();
        }
        let yields = priority == Priority::Background && self.interactive_waiting > 0;
        if !yields && self.started.len() < limit {
            self.started.push_back(now);
            return Ok(());
        }
        // The slot that frees one for this caller: enough of the oldest calls must leave the
        // window. A caller that yields looks again when the oldest leaves (or when woken).
        let leaving = if yields {
            0
        } else {
            self.started.len().saturating_sub(limit)
        };
        Err(match self.started.get(leaving) {
            Some(start) => window.saturating_sub(now.duration_since(*start)),
            None => window,
        })
    }
}

/// Counts an interactive caller as waiting for as long as it lives.
struct WaitingInteractive<'a>(&'a FamilyWindow);

impl<'a> WaitingInteractive<'a> {
    /// Starts counting; `slots` is `window`'s, already locked.
    fn count(window: &'a FamilyWindow, slots: &mut Slots) -> Self {
        slots.interactive_waiting += 1;
        Self(window)
    }
}

impl Drop for WaitingInteractive<'_> {
    fn drop(&mut self) {
        let mut slots = self.0.lock();
        slots.interactive_waiting = slots.interactive_waiting.saturating_sub(1);
        if slots.interactive_waiting == 0 {
            self.0.interactive_done.notify_waiters();
        }
    }
}

/// Shared sliding windows, one per family.
#[derive(Clone, Debug)]
pub struct RequestBudget {
    config: BudgetConfig,
    windows: Arc<[FamilyWindow; 3]>,
    /// No request may start before this instant (set by a 429).
    paused_until: Arc<Mutex<Option<Instant>>>,
}

impl RequestBudget {
    pub fn new(config: BudgetConfig) -> Self {
        Self {
            config,
            windows: Arc::new(Default::default()),
            paused_until: Arc::new(Mutex::new(None)),
        }
    }

    /// Pauses every family for `wait` (at most a day) from now; a pause is extended, never
    /// shortened.
    pub fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait.min(Duration::from_secs(24 * 60 * 60));
        let mut paused = self
            .paused_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }

    /// How long requests remain paused, if they are.
    pub fn paused_for(&self) -> Option<Duration> {
        let paused = *self
            .paused_until
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        paused
            .map(|until| until.saturating_duration_since(Instant::now()))
            .filter(|left| !left.is_zero())
    }

    /// The window and calls per window this budget allows each family.
    pub fn config(&self) -> BudgetConfig {
        self.config
    }

    /// How many calls of `family` at `priority` could start now without waiting.
    pub fn left(&self, family: Family, priority: Priority) -> usize {
        let now = Instant::now();
        let slots = self.windows[family.index()].lock();
        let in_window = slots
            .started
            .iter()
            .filter(|t| now.duration_since(**t) < self.config.window)
            .count();
        self.config.calls_for(priority).saturating_sub(in_window)
    }

    /// A budget that never waits (for tests against servers without limits).
    pub fn unlimited() -> Self {
        Self::new(BudgetConfig {
            calls: usize::MAX,
            window: Duration::from_secs(1),
        })
    }

    /// Waits until a call of this family and priority fits in the window, then records it.
    /// Cancel-safe: a caller dropped while waiting takes no slot and stops counting as waiting.
    pub async fn acquire(&self, family: Family, priority: Priority) {
        let window = &self.windows[family.index()];
        let limit = self.config.calls_for(priority);
        match priority {
            Priority::Interactive => {
                let mut waiting: Option<WaitingInteractive<'_>> = None;
                loop {
                    let taken = {
                        let mut slots = window.lock();
                        let taken =
                            slots.try_take(Instant::now(), self.config.window, limit, priority);
                        if taken.is_err() && waiting.is_none() {
                            waiting = Some(WaitingInteractive::count(window, &mut slots));
                        }
                        taken
                    };
                    // Taking the slot ends the wait (dropping `waiting` wakes background callers).
                    let Err(wait) = taken else { return };
                    tokio::time::sleep(wait).await;
                }
            }
            Priority::Background => loop {
                // Listen before looking, so a wake-up between the two is not lost.
                let mut woken = pin!(window.interactive_done.notified());
                woken.as_mut().enable();
                let taken =
                    window
                        .lock()
                        .try_take(Instant::now(), self.config.window, limit, priority);
                match taken {
                    Ok(()) => return,
                    Err(wait) => {
                        tokio::select! {
                            () = tokio::time::sleep(wait) => {}
                            () = woken => {}
                        }
                    }
                }
            },
        }
    }
}

#[cfg(test)]
#[path = "budget_tests.rs"]
mod tests;
